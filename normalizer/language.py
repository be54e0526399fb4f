"""Step 6: the language of the body, as an ISO 639-1 code with a confidence.

langdetect is randomised; seeding its factory makes the same text always give the same answer,
which byte-identical records need. It reads a sample of the body, not the whole page: a few
paragraphs decide the language as well as fifty do, at a fraction of the cost.
"""
from __future__ import annotations

from dataclasses import replace

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from .context import RunContext
from .document import Document

DetectorFactory.seed = 0


def detect(text: str) -> tuple[str | None, float | None]:
    """``(code, confidence)`` for ``text``, or ``(None, None)`` when it has no letters to judge.

    >>> detect("Die Regierung hat am Montag neue Maßnahmen beschlossen.")[0]
    'de'
    """
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None, None
    code = best.lang.split("-")[0]  # zh-cn, zh-tw -> zh
    return code, round(best.prob, 3)


def detect_language(doc: Document, ctx: RunContext) -> Document:
    sample = doc.body[: ctx.config.language_sample_chars] or "\n".join(doc.lines)[: ctx.config.language_sample_chars]
    language, confidence = detect(sample)
    return replace(doc, language=language, language_confidence=confidence)

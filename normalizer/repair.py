"""Step 2: repair the text itself: line endings, mojibake, invisible characters.

ftfy undoes mojibake (UTF-8 read as Windows-1252 and the like), but it is slow on long texts, so
it runs only when the text shows a sign of mojibake. The repairs applied are listed in the
document (``repairs``), as ftfy's ``fix_and_explain`` lists its steps.
"""
from __future__ import annotations

import re
from dataclasses import replace

import ftfy

from .context import RunContext
from .document import Document

# Signs of mojibake: UTF-8 lead bytes read as Latin-1/cp1252 ("Ã©", "â€™", "Ð¾"), and the
# replacement character. ftfy's own `badness` is the judge; this only decides whether to ask it.
_MOJIBAKE_SIGN = re.compile("[ÂÃÄÅÆÇÐÑØÙâãäåæçèéêëìíîïðñòóôõö][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|\ufffd")
# C0/C1 controls other than tab and newline, and zero-width characters, carry no text
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")


def normalize_newlines(text: str) -> str:
    """CRLF, CR and Unicode line separators all become ``\\n``.

    >>> normalize_newlines("one\\r\\ntwo\\rthree")
    'one\\ntwo\\nthree'
    """
    return _NEWLINES.sub("\n", text)


def fix_mojibake(text: str) -> tuple[str, bool]:
    """Undo mojibake with ftfy where the text shows signs of it; say whether anything changed.

    >>> fix_mojibake("Itâ€™s the Syrian governmentâ€™s plan")
    ('It’s the Syrian government’s plan', True)
    >>> fix_mojibake("plain text")
    ('plain text', False)
    """
    if not _MOJIBAKE_SIGN.search(text):
        return text, False
    fixed = ftfy.fix_text(text, normalization="NFC", fix_line_breaks=False, uncurl_quotes=False)
    return fixed, fixed != text


def repair_text(doc: Document, ctx: RunContext) -> Document:
    """Newlines, mojibake and invisible characters, then the text is cut into its lines."""
    repairs = list(doc.repairs)
    text = normalize_newlines(doc.text)
    if text != doc.text:
        repairs.append("newlines")
    text, fixed = fix_mojibake(text)
    if fixed:
        repairs.append("mojibake")
    cleaned = _INVISIBLE.sub("", text.replace("\t", "    "))
    if cleaned != text:
        repairs.append("invisible_characters")
    lines = tuple(line.rstrip() for line in cleaned.split("\n"))
    return replace(doc, text=cleaned, lines=lines, repairs=tuple(repairs))

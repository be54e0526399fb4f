"""The multilingual cue phrases of ``data/phrases.json``, matched against short blocks."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_TRIM = re.compile(r"^[\W_]+|[\W_]+$")
# a cue phrase decides only short blocks: a long paragraph that happens to start with
# "Copyright" or "Share" is prose, and the classifier judges it
MAX_CUE_WORDS = 25


@lru_cache(maxsize=1)
def _cues() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    data = json.loads(resources.files(__package__).joinpath("data/phrases.json").read_text(encoding="utf-8"))
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for reason, lists in data.items():
        if reason.startswith("_"):
            continue
        for phrase in lists["exact"]:
            exact.setdefault(_TRIM.sub("", phrase.casefold()), reason)
        prefixes.extend((phrase.casefold(), reason) for phrase in lists["prefix"])
    return exact, tuple(sorted(prefixes, key=lambda p: -len(p[0])))


def cue_reason(text: str) -> str | None:
    """The removal reason a block's wording alone gives, or None.

    >>> cue_reason("Related articles")
    'related'
    >>> cue_reason("Subscribe to our evening newsletter to stay informed!!")
    'newsletter'
    >>> cue_reason("The Kremlin previously warned that the attacks would be answered.") is None
    True
    """
    folded = text.casefold().strip()
    if len(folded.split()) > MAX_CUE_WORDS:
        return None
    exact, prefixes = _cues()
    reason = exact.get(_TRIM.sub("", folded))
    if reason:
        return reason
    for prefix, reason in prefixes:
        if folded.startswith(prefix):
            return reason
    return None

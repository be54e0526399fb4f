"""Regular expressions built from the phrase lists in ``data/``.

The lists are written as people read them, with plain spaces ("written by", "mis à jour"); pages
set the same words with no-break or thin spaces ("Written\\u00a0by\\u00a0Rebecca Lake") or a line
break, so a list's space must match any run of whitespace.
"""
from __future__ import annotations

import re


def alternation(phrases) -> str:
    """The phrases as one regular-expression alternation, longest first (so that "written by:"
    wins over "written by" at the same place), each run of spaces matching any run of whitespace.

    >>> re.fullmatch(alternation(["by", "written by"]), "Written\\u00a0by", re.IGNORECASE) is not None
    True
    >>> alternation(["a.m.", "p  m"])
    'a\\\\.m\\\\.|p\\\\s+m'
    """
    return "|".join(_ESCAPED_SPACES.sub(r"\\s+", re.escape(p)) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


_ESCAPED_SPACES = re.compile(r"(?:\\ )+")  # re.escape writes a space as "\ "

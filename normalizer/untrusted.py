"""Strings that come from the inputs (file names, a JSONL line's id, a WARC record's URL), made
safe to print and to store in a record.

Such strings are never used to name a file (the archive names its files by hashes), but they go
into records, manifests and the lines a run prints. A file name on Linux is any bytes: Python
hands non-UTF-8 bytes over as lone surrogates (``os.fsdecode``), which JSON cannot encode as
UTF-8, and a JSON string may hold a lone surrogate (``"\\ud800"``) as well. A name may also hold
a newline (one rejection would print as two lines) or a right-to-left override (``evil\\u202etxt.exe``
shows as ``evilexe.txt``). Each of these is written as a visible escape instead.
"""
from __future__ import annotations

import unicodedata

# characters that reorder or hide the text around them when printed
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _visible(char: str) -> str:
    if char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
        return char.encode("unicode_escape", errors="backslashreplace").decode("ascii")
    return char


def printable_name(name: str) -> str:
    """A name from the file system or an input, with every byte and character that would not
    print as itself written as an escape: non-UTF-8 bytes as ``\\xff``, controls and newlines as
    ``\\n``, ``\\x00``, lone surrogates and bidirectional controls as ``\\ud800``, ``\\u202e``.

    >>> import os
    >>> printable_name(os.fsdecode(b"caf\\xe9.txt")), printable_name("two\\nlines.txt")
    ('caf\\\\xe9.txt', 'two\\\\nlines.txt')
    >>> printable_name("evil\\u202etxt.exe"), printable_name("Zürich 東京 😀.txt")
    ('evil\\\\u202etxt.exe', 'Zürich 東京 😀.txt')
    """
    # a surrogate escape stands for one byte of a non-UTF-8 name: show the byte itself
    name = name.encode("utf-8", "surrogateescape" if _only_escapes(name) else "surrogatepass") \
        .decode("utf-8", "backslashreplace")
    return "".join(map(_visible, name)) if not name.isprintable() else name


def _only_escapes(name: str) -> bool:
    """True when every surrogate in ``name`` is a surrogate escape (U+DC80..U+DCFF: one byte)."""
    return all(not ("\ud800" <= c <= "\udfff") or "\udc80" <= c <= "\udcff" for c in name)


def json_safe(text: str) -> str:
    """``text`` with each lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD; all
    other characters, controls and newlines included, are kept: JSON escapes them.

    >>> json_safe("id-\\ud800-1"), json_safe("line\\nbreak")
    ('id-\\ufffd-1', 'line\\nbreak')
    """
    if text.isprintable() or not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


def json_safe_values(values: dict) -> dict:
    """A dict of provenance with every string value made ``json_safe``."""
    return {key: json_safe(value) if isinstance(value, str) else value for key, value in values.items()}

"""Step 3: restore paragraphs from hard-wrapped text, and cut the page into blocks.

A dump may be hard-wrapped (lynx at 80 columns, a scraper's textwrap at 60 to 100), with or
without blank lines between paragraphs, indented or not. A line break is a wrap when the next
line's first word would not have fitted on the line: the writer only breaks when it has to.
Lines that are list items, or short lines around which the page is not wrapped, stay whole.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .context import RunContext
from .document import Block, Document

_BULLET = re.compile(r"^(?:[*+•◦▪‣·–-]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"""[.!?…:;"'”’»)\]]$""")


def wrap_width(lines: list[str]) -> int | None:
    """The column at which the page is hard-wrapped, or None when it is not wrapped.

    A wrapped page has many lines ending close to one width and none much longer; an unwrapped
    dump (a line per block) has long lines of every length.
    """
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < 4:
        return None
    longest = lengths[-1]
    if longest > 120:
        return None
    near = sum(1 for n in lengths if n >= longest - 15)
    return longest if near >= max(3, len(lengths) // 10) else None


def _split_bullet(text: str) -> tuple[str, bool]:
    match = _BULLET.match(text)
    return (text[match.end():], True) if match else (text, False)


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def unwrap_hard_breaks(doc: Document, ctx: RunContext) -> Document:
    """Join wrapped lines into paragraphs; every paragraph becomes a ``Block``."""
    lines = doc.lines
    width = wrap_width(list(lines))
    slack = 6  # lynx breaks a few columns early
    blocks: list[Block] = []
    current: list[str] = []
    start = indent = 0
    bullet = False

    def flush(end: int) -> None:
        if current:
            blocks.append(Block(" ".join(current), start, end, indent, bullet))
            current.clear()

    for number, raw in enumerate(lines):
        stripped = raw.strip()
        if not stripped:
            flush(number - 1)
            continue
        text, is_bullet = _split_bullet(stripped)
        line_indent = len(raw) - len(raw.lstrip())
        if current and width and not is_bullet:
            previous = lines[number - 1]
            would_fit = len(previous) + 1 + len(_first_word(stripped)) <= width - slack
            short_first = (len(current) == 1 and len(previous.strip()) < width / 2
                           and not _SENTENCE_END.search(previous) and len(raw) >= width - 25)
            if not would_fit or short_first:
                current.append(text)
                continue
        flush(number - 1)
        current.append(text)
        start, indent, bullet = number, line_indent, is_bullet
    flush(len(lines) - 1)
    return replace(doc, blocks=tuple(blocks))

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

# list markers: lynx draws * + o # @ by nesting level (o, # and @ only deep inside a list),
# resiliparse and many sites use •; numbered items are kept in the text, symbols are not
_SYMBOL_BULLET = re.compile(r"(?:[*+•◦▪‣·]|[o#@](?= {1,3}\S))(?: +|$)")
_NUMBER_BULLET = re.compile(r"(?:\d{1,3}|[a-zA-Z])[.)](?: +|$)")
_DASH_BULLET = re.compile(r"[-–—](?: +|$)")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u3000-\u303f]")
_SENTENCE_END = frozenset(".!?…:;\"'”’»)]。！？」』")
_OPENERS = frozenset("\"“„«‘'([")

MIN_WIDTH, MAX_WIDTH = 30, 160  # hard wraps outside this range are not wraps but long lines


def wrap_width(lengths: list[int]) -> int | None:
    """The column at which the page is hard-wrapped, or None when it is not wrapped.

    A wrapped page has many lines ending within a few columns of one width and hardly any
    longer (lynx keeps body text within 74 columns, textwrap within its width); an unwrapped
    dump (a line per block) has long lines of every length. The width is the column with the
    most lines ending in the 8 columns up to it, among those that at most 2% of lines exceed.

    >>> wrap_width([70, 72, 74, 40, 73, 74, 12, 71, 74])
    74
    >>> wrap_width([300, 12, 640, 45, 1200, 80])
    """
    n = len(lengths)
    if n < 4:
        return None
    # ends[c]: lines at least c long, for c up to MAX_WIDTH + 1
    ends = [0] * (MAX_WIDTH + 3)
    for length in lengths:
        ends[min(length, MAX_WIDTH + 1)] += 1
    for column in range(MAX_WIDTH, -1, -1):
        ends[column] += ends[column + 1]
    best, best_near = None, 0
    for width in range(MAX_WIDTH, MIN_WIDTH - 1, -1):
        over = ends[width + 1]
        if over > 0.02 * n + 1:
            break
        near = ends[width - 7] - over
        if ends[width] > over and near > best_near:
            best, best_near = width, near
    if best is None or best_near < max(3, 0.1 * n):
        return None
    return best


def _bullet(text: str, indent: int) -> int:
    """Length of the list marker that starts ``text`` (0 when it is not a list item)."""
    match = _SYMBOL_BULLET.match(text) or _NUMBER_BULLET.match(text) or _DASH_BULLET.match(text)
    return match.end() if match else 0


def unwrap_hard_breaks(doc: Document, ctx: RunContext) -> Document:
    """Join wrapped lines into paragraphs; every paragraph becomes a ``Block``."""
    lines = doc.lines
    info = []  # (number, indent, text, length)
    for number, raw in enumerate(lines):
        text = raw.strip()
        if text:
            info.append((number, len(raw) - len(raw.lstrip()), text, len(raw.rstrip())))
    width = wrap_width([length for _, _, _, length in info])
    blocks: list[Block] = []
    parts: list[str] = []
    start = indent = cont_indent = 0
    bullet = False
    previous = None

    def flush(end: int) -> None:
        if parts:
            blocks.append(Block("".join(parts), start, end, indent, bullet))
            parts.clear()

    for number, line_indent, text, length in info:
        marker = _bullet(text, line_indent)
        join = False
        if previous is not None and width and previous[0] == number - 1:
            p_number, p_indent, p_text, p_length = previous
            first_word = text.split(" ", 1)[0]
            cjk = bool(_CJK.match(text[0]) and _CJK.match(p_text[-1]))
            need = p_length + (0 if cjk else 1) + (1 if cjk else len(first_word))
            # the first line of a paragraph may be indented more than the rest (textwrap keeps a
            # line's own leading spaces on its first line only; lynx renders a leading space)
            same_indent = line_indent == cont_indent or (
                p_number == start and line_indent <= p_indent + 2)
            if need >= width and same_indent and not (marker and not _DASH_BULLET.match(text)):
                join = True
                sep = "" if cjk else " "
        if join:
            parts.append(sep + text)
            cont_indent = line_indent
        else:
            flush(previous[0] if previous else 0)
            start, indent, bullet = number, line_indent, bool(marker)
            body = text[marker:] if marker and not _NUMBER_BULLET.match(text) else text
            parts.append(body)
            cont_indent = line_indent + marker if marker else line_indent
        previous = (number, line_indent, text, length)
    if previous:
        flush(previous[0])
    return replace(doc, blocks=tuple(blocks))

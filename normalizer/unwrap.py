"""Step 3: restore paragraphs from hard-wrapped text, and cut the page into blocks.

A dump may be hard-wrapped (lynx at 80 columns, a scraper's textwrap at 60 to 100), with or
without blank lines between paragraphs, indented or not. A line break is a wrap when the next
line's first word would not have fitted on the line: the writer only breaks when it has to.
Everything else about a break only refines that test: list items and lines set at another
indentation start blocks of their own, and a paragraph's first line may be cut short (seed 004).

The step makes three linear passes over the page's lines: read each line (indent, text, list
marker), find the page's wrap width, decide each break between two adjacent lines, then cut the
blocks. A blank line always ends a block.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .context import RunContext
from .document import Block, Document

# List markers. lynx draws * + o # @ by nesting level (o # @ only deep in a list, where they
# cannot be a word), resiliparse and many sites use •; numbers and letters ("1.", "a)") stay
# in the block's text, symbols do not.
_SYMBOL_BULLET = re.compile(r"(?:[*+•◦▪‣·]|[o#@](?= +\S))(?: +|$)")
_NUMBER_BULLET = re.compile(r"(?:\d{1,3}|[a-zA-Z])[.)](?: +|$)")
# a dash at the start of a line is a list item, or a dash of the sentence that the wrap put
# there; only the width test tells them apart
_DASH = re.compile(r"[-–—](?: +|$)")
# scripts written without spaces between words: a wrap may fall between any two characters
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\u3001-\u303f]")
_FULL_STOP = frozenset(".!?…:;。！？")

MIN_WIDTH, MAX_WIDTH = 30, 160  # hard wraps outside this range are not wraps but long lines
NEAR_WIDTH = 8  # wrapped lines end within this many columns of the width (but for long words)


def wrap_width(lengths: list[int]) -> int | None:
    """The column at which the page is hard-wrapped, or None when it is not wrapped.

    A wrapped page has many lines ending within a few columns of one width and few longer:
    lynx keeps body text within 74 columns at any indentation (only preformatted text and
    headings run to 80), textwrap within its width. An unwrapped dump (a line per block) has
    long lines of every length. A candidate width must have lines ending in the 4 columns up to
    it at least as densely as in the columns from half the width to there, and at most
    a fifth of the lines longer than half of it may pass it; of those, the width with the most
    lines ending near it, less twice the lines that pass it, wins.

    >>> wrap_width([70, 72, 74, 40, 73, 74, 12, 71, 74, 80])
    74
    >>> wrap_width([300, 12, 640, 45, 1200, 80])
    """
    if len(lengths) < 4:
        return None
    ends = [0] * (MAX_WIDTH + 3)  # ends[c]: lines at least c long
    for length in lengths:
        ends[min(length, MAX_WIDTH + 1)] += 1
    for column in range(MAX_WIDTH, -1, -1):
        ends[column] += ends[column + 1]
    best, best_score = None, 0.0
    for width in range(MAX_WIDTH, MIN_WIDTH - 1, -1):
        over, half = ends[width + 1], width // 2
        if ends[width] == over or over > 0.2 * ends[half + 1] + 2:
            continue
        near = ends[width - 3] - over
        middle = ends[half + 1] - ends[width - 3]
        if near < 3 or near / 4 < middle / (width - 4 - half):
            continue
        if near - 2 * over > best_score:
            best, best_score = width, near - 2 * over
    return best


def list_marker(text: str) -> int:
    """Length of the list marker that starts ``text``, 0 when it is not a list item.

    >>> list_marker("* Home"), list_marker("12. Ecobee"), list_marker("o Q&A"), list_marker("of the")
    (2, 4, 2, 0)
    """
    match = _SYMBOL_BULLET.match(text) or _NUMBER_BULLET.match(text) or _DASH.match(text)
    return match.end() if match else 0


def _is_wrap(p_length: int, p_text: str, text: str, width: int) -> tuple[bool, str]:
    """Whether ``text``'s first word would not have fitted after the previous line, and the
    separator to join them with ("" between two characters of an unspaced script).

    lynx breaks one column early (a word that would end exactly at its margin goes to the next
    line), so a word that would just reach the width counts as not fitting; textwrap loses only
    the rare break where a word would have ended exactly at its width.

    >>> _is_wrap(70, "that the US and UK are", "planning to use ISIS", 74)
    (True, ' ')
    >>> _is_wrap(64, "the Syrian government.", "Russian", 79)
    (False, ' ')
    """
    if _UNSPACED.match(text[0]) and _UNSPACED.match(p_text[-1]):
        return p_length + 1 >= width, ""
    space = text.find(" ")
    return p_length + 1 + (space if space > 0 else len(text)) >= width, " "


def read_lines(lines) -> tuple[list[int], list[int], list[str], list[int], list[int]]:
    """The non-blank lines of a page: their numbers, indents, texts, lengths and list markers."""
    numbers: list[int] = []
    indents: list[int] = []
    texts: list[str] = []
    lengths: list[int] = []
    markers: list[int] = []
    for number, raw in enumerate(lines):
        text = raw.strip()
        if text:
            numbers.append(number)
            indents.append(len(raw) - len(raw.lstrip()))
            texts.append(text)
            lengths.append(len(raw.rstrip()))
            markers.append(list_marker(text))
    return numbers, indents, texts, lengths, markers


def unwrap_hard_breaks(doc: Document, ctx: RunContext) -> Document:
    """Join wrapped lines into paragraphs; every paragraph becomes a ``Block``."""
    numbers, indents, texts, lengths, markers = read_lines(doc.lines)
    width = wrap_width(lengths)
    joins, seps = _decide_breaks(numbers, indents, texts, lengths, markers, width)
    return replace(doc, blocks=_cut_blocks(numbers, indents, texts, markers, joins, seps))


def _end_class(ch: str) -> str:
    if ch in _FULL_STOP:
        return "stop" if ch != ":" and ch != ";" else "colon"
    if ch == ",":
        return "comma"
    if ch.islower():
        return "lower"
    if ch.isalnum():
        return "alnum"
    if ch in "\"”’»)]」』":
        return "close"
    return "other"


def _start_class(ch: str) -> str:
    if ch.islower():
        return "lower"
    if ch.isupper():
        return "upper"
    if ch.isdigit():
        return "digit"
    if ch in "\"“„«‘'([「『¿¡":
        return "open"
    if ch.isalpha():
        return "unicase"  # scripts without case: CJK, Arabic, Hebrew, Thai ...
    return "other"


_D_BUCKETS = ((-16, "d<=-16"), (-9, "d-15..-9"), (-5, "d-8..-5"), (-3, "d-4..-3"), (-2, "d-2"),
              (-1, "d-1"), (0, "d0"), (2, "d1..2"), (5, "d3..5"), (10, "d6..10"))


def break_features(k: int, numbers, indents, texts, lengths, markers, width: int,
                   block_start: int, cont_indent: int, blankless: bool = False) -> list[str]:
    """The features of the break between non-blank lines ``k - 1`` and ``k`` (adjacent).

    ``block_start`` is the first line of the block that line ``k - 1`` belongs to, and
    ``cont_indent`` the indentation its continuation lines take, as decided so far.
    ``blankless`` says the page has (next to) no blank lines: there, a break can be a new
    paragraph even where the next word would not have fitted, and sentence ends weigh more.
    """
    a, b = texts[k - 1], texts[k]
    wrap, sep = _is_wrap(lengths[k - 1], a, b, width)
    space = b.find(" ")
    need = lengths[k - 1] + len(sep) + (1 if not sep else (space if space > 0 else len(b)))
    d = need - width
    bucket = "d>=11"
    for limit, name in _D_BUCKETS:
        if d <= limit:
            bucket = name
            break
    a_end, b_start = _end_class(a[-1]), _start_class(b[0])
    f = [bucket, "a_end=" + a_end, "b_start=" + b_start, bucket + "&a_end=" + a_end,
         "b_start=" + b_start + "&a_end=" + a_end]
    if markers[k]:
        kind = "dash" if _DASH.match(b) else ("number" if _NUMBER_BULLET.match(b) else "symbol")
        f.append("b_marker=" + kind)
        f.append("b_marker=" + kind + "&wrap" * wrap)
    if markers[k - 1]:
        f.append("a_marker")
    first = block_start == k - 1
    if indents[k] == cont_indent:
        f.append("aligned")
    elif first and indents[k] < indents[k - 1]:
        f.append("outdent_first")
    elif first and indents[k] <= indents[k - 1] + 2:
        f.append("indent_near_first")
    elif indents[k] < indents[k - 1]:
        f.append("outdent")
    else:
        f.append("indent")
    if first:
        f.append("a_first")
    if lengths[k - 1] > width:
        f.append("a_over")
    third = width // 3
    a_short = len(a) <= third
    b_short = len(b) <= third
    b_full = lengths[k] >= width - NEAR_WIDTH
    if a_short:
        f.append("a_short")
        if first:
            f.append("a_short_first" + "&b_full" * b_full + "&b_" + b_start)
    if b_short:
        f.append("b_short")
        if b.istitle():
            f.append("b_short_title&" + bucket)
    if b_full:
        f.append("b_full")
    if k + 1 < len(texts) and numbers[k + 1] == numbers[k] + 1:
        if _is_wrap(lengths[k], b, texts[k + 1], width)[0]:
            f.append("b_wraps")
    else:
        f.append("b_last")
    if b[-1] in _FULL_STOP:
        f.append("b_end_stop")
    if "   " in a or "   " in b:
        f.append("spaced_columns")
    return f


def is_blankless(numbers: list[int]) -> bool:
    """Whether a page has (next to) no blank lines between its lines: fewer than one in 20.

    >>> is_blankless([0, 1, 2, 3, 4, 5]), is_blankless([0, 2, 4, 5, 7])
    (True, False)
    """
    gaps = sum(1 for k in range(1, len(numbers)) if numbers[k] != numbers[k - 1] + 1)
    return gaps < 0.05 * len(numbers)


def _decide_breaks(numbers, indents, texts, lengths, markers, width, model=None):
    """For each pair of adjacent non-blank lines: join them (a wrap) or not, and with what."""
    n = len(texts)
    joins = [False] * n  # joins[k]: line k continues line k - 1
    seps = [" "] * n
    if not width:
        return joins, seps
    weights = model or _model()
    bias = weights.get("bias", 0.0)
    blankless = is_blankless(numbers)
    start = cont_indent = 0  # first line of the current block; indent its continuations take
    for k in range(1, n):
        if numbers[k] != numbers[k - 1] + 1:
            start, cont_indent = k, indents[k] + markers[k]
            continue
        feats = break_features(k, numbers, indents, texts, lengths, markers, width, start, cont_indent,
                               blankless)
        score = bias + sum(weights.get(name, 0.0) for name in feats)
        if score > 0:
            joins[k] = True
            seps[k] = _is_wrap(lengths[k - 1], texts[k - 1], texts[k], width)[1]
            cont_indent = indents[k]
        else:
            start, cont_indent = k, indents[k] + markers[k]
    rejoin_cut_openers(numbers, texts, lengths, markers, width, joins)
    return joins, seps


_MODEL: dict | None = None


def _model() -> dict:
    global _MODEL
    if _MODEL is None:
        import json
        from pathlib import Path
        data = json.loads((Path(__file__).parent / "data" / "unwrap_breaks.json").read_text(encoding="utf-8"))
        _MODEL = data["weights"]
    return _MODEL


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (a full stop, perhaps inside a closing quote or bracket).

    >>> ends_sentence('dominance in the region."'), ends_sentence("coast of")
    (True, False)
    """
    return text.rstrip("\"'”’»)]」』")[-1:] in _FULL_STOP


def _short_opener(text: str, width: int) -> bool:
    """A line that may be a paragraph's first words cut off from the rest: short, a few
    words, no full stop."""
    return len(text) <= width // 3 and text.count(" ") <= 3 and text[-1] not in _FULL_STOP


def rejoin_cut_openers(numbers, texts, lengths, markers, width: int, joins: list[bool]) -> None:
    """Rejoin paragraphs whose first line was cut short after one to three words (seed 004).

    Some scrapers break every paragraph after its first words (a drop cap or lead-in set apart
    in the page), on a page with no blank lines::

        destabilize the country after the fall of the Syrian government.
        Russian
        intelligence confirmed that ISIS field commanders had obtained attack drones to

    Each such line looks like a heading over its paragraph, so the pattern is only trusted
    where it is the rule of the page: at least 3 short lines (no full stop, at most 4 words)
    after a sentence end and before a full line, making at least half of the page's paragraph
    starts. There, each is cut from the line before it and joined to the line after it.
    Headings are never half of a page's paragraph starts.
    """
    n = len(texts)
    candidates = []
    for k in range(1, n):
        if numbers[k] != numbers[k - 1] + 1 or markers[k] or markers[k - 1] or joins[k]:
            continue
        if not _short_opener(texts[k - 1], width) or lengths[k] < width - 2 * NEAR_WIDTH:
            continue
        if k >= 2 and numbers[k - 2] == numbers[k - 1] - 1 and not ends_sentence(texts[k - 2]):
            continue
        candidates.append(k)
    if len(candidates) < 3:
        return
    starts = sum(1 for k in range(n - 1) if not joins[k] and joins[k + 1])
    if len(candidates) < 0.5 * starts:
        return
    for k in candidates:
        joins[k - 1] = False
        joins[k] = True
    openers = {k - 1 for k in candidates}
    for k in range(1, n):
        if (not joins[k] and k not in openers and numbers[k] == numbers[k - 1] + 1 and not markers[k]
                and not ends_sentence(texts[k - 1])):
            space = texts[k].find(" ")
            if lengths[k - 1] + 1 + (space if space > 0 else len(texts[k])) >= width - 3:
                joins[k] = True


def _cut_blocks(numbers, indents, texts, markers, joins, seps) -> tuple[Block, ...]:
    blocks: list[Block] = []
    k, n = 0, len(texts)
    while k < n:
        end = k + 1
        while end < n and joins[end]:
            end += 1
        marker = markers[k]
        first = texts[k][marker:] if marker and not _NUMBER_BULLET.match(texts[k]) else texts[k]
        text = first + "".join(seps[j] + texts[j] for j in range(k + 1, end)) if end > k + 1 else first
        blocks.append(Block(text, numbers[k], numbers[end - 1], indents[k], bool(marker)))
        k = end
    return tuple(blocks)

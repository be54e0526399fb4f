"""Step 3: restore paragraphs from hard-wrapped text, and cut the page into blocks.

A dump may be hard-wrapped (lynx at 80 columns, a scraper's textwrap at 60 to 100), with or
without blank lines between paragraphs, indented or not. A line break is a wrap when the next
line's first word would not have fitted on the line: the writer only breaks when it has to.
Everything else about a break refines that test: list items start blocks of their own, a
continuation keeps its block's indentation, and a paragraph's first line may be cut short.

The step makes a few linear passes over the page: read each line (indent, text, list marker,
first word), find the page's wrap width, decide each break between two adjacent lines, then cut
the blocks. A blank line always ends a block. Most breaks are decided by the width test alone
(``_clear_decision``); the doubtful rest by a small logistic model over a few features of the
break (``break_features``), trained by ``scripts/train_unwrap.py`` and shipped as
``data/unwrap_breaks.json``.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from pathlib import Path

from .bylines import byline_alone
from .context import RunContext
from .document import Block, Document
from .thresholds import step_thresholds

# List markers. lynx draws * + o # @ by nesting level (at 5, 10, 15, 20 and 25 columns; o # @
# only that deep, where they cannot be a word); resiliparse and many sites use •. Numbers
# ("1.", "12)") stay in the block's text, symbols do not.
_SYMBOL_BULLET = re.compile(r"(?:[*+•◦▪‣·]|[o#@](?= +\S))(?: +|$)")
_DEEP_BULLETS, _DEEP_INDENT = frozenset("o#@"), 10
_NUMBER_BULLET = re.compile(r"\d{1,3}[.)](?: +|$)")
# a dash at the start of a line is a list item, or a dash of the sentence that a wrap put there
_DASH = re.compile(r"[-–—](?: +|$)")
_MARKER_START = frozenset("*+•◦▪‣·o#@-–—0123456789")
NO_MARKER, SYMBOL, NUMBER, DASH = 0, 1, 2, 3
# scripts written without spaces between words: a wrap may fall between any two characters
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\u3001-\u303f]")
_FULL_STOP = frozenset(".!?…:;。！？")
_CLOSERS = "\"'”’»)]」』"

_DATA = Path(__file__).parent / "data"
# hand-set thresholds; what each means is said in the file
THRESHOLDS = step_thresholds("unwrap")
MIN_WIDTH, MAX_WIDTH = THRESHOLDS["min_width"], THRESHOLDS["max_width"]  # outside: long lines, not wraps
NEAR_WIDTH = THRESHOLDS["full_line"]  # a line this close to the width is full
FAR = THRESHOLDS["far"]  # a next word that would have fitted with this many columns to spare: a real break
BLANKLESS_SHARE = THRESHOLDS["blankless_share"]  # fewer blank lines than this share of the lines: blankless
MIN_WRAPPED_LINES = THRESHOLDS["min_wrapped_lines"]  # fewer lines have no wrap width to find
# a block that opens with the same words twice (``_shown_twice``), this many characters of them
_REPEATED_MIN, _REPEATED_MAX = THRESHOLDS["repeated_min"], THRESHOLDS["repeated_max"]
_REPEATED = re.compile(r"(\w.{%d,%d}?\S) \1(?: +|$)" % (_REPEATED_MIN - 2, _REPEATED_MAX - 2))


class Page:
    """The non-blank lines of a page, as parallel lists, and the page's wrap width. ``markers``
    holds the length of each line's list marker, 0 when it is no list item ("o" is a bullet only
    as deep as lynx draws it):

    >>> Page(["* Home", "12. Ecobee", "of the", " " * 15 + "o Q&A", "o teatro e o cinema"]).markers
    [2, 4, 0, 2, 0]
    """

    __slots__ = ("numbers", "indents", "texts", "lengths", "markers", "kinds", "firsts", "width", "blankless")

    def __init__(self, lines) -> None:
        stripped = list(map(str.lstrip, lines))
        numbers = [number for number, text in enumerate(stripped) if text]
        self.numbers = numbers
        self.texts = texts = [stripped[number].rstrip() for number in numbers]
        self.indents = indents = [len(lines[number]) - len(stripped[number]) for number in numbers]
        self.lengths = [indent + len(text) for indent, text in zip(indents, texts)]  # with the indent
        self.markers = markers = [0] * len(texts)  # length of the line's list marker, 0 when none
        self.kinds = kinds = [NO_MARKER] * len(texts)  # NO_MARKER, SYMBOL, NUMBER or DASH
        for k in [k for k, text in enumerate(texts) if text[0] in _MARKER_START]:
            text = texts[k]
            kind, match = SYMBOL, _SYMBOL_BULLET.match(text)
            if match and text[0] in _DEEP_BULLETS and indents[k] < _DEEP_INDENT:
                match = None  # "o" is a word in es/pt/it, "#" a heading or comment
            if not match:
                kind, match = NUMBER, _NUMBER_BULLET.match(text)
            if not match:
                kind, match = DASH, _DASH.match(text)
            if match:
                markers[k], kinds[k] = match.end(), kind
        # the length of the line's first word; 0 when it opens in an unspaced script
        self.firsts = firsts = [text.find(" ") for text in texts]
        for k, first in enumerate(firsts):
            if first <= 0:
                firsts[k] = len(texts[k])
        for k in [k for k, text in enumerate(texts) if text[0] >= "\u3000"]:
            if _UNSPACED.match(texts[k][0]):
                firsts[k] = 0
        self.width = wrap_width(self.lengths)
        # a page with (next to) no blank lines among its lines: a paragraph may end on a full
        # line there
        blanks = numbers[-1] - numbers[0] + 1 - len(numbers) if numbers else 0
        self.blankless = blanks < BLANKLESS_SHARE * len(numbers)

    def adjacent(self, k: int) -> bool:
        """Whether non-blank line ``k`` comes right after line ``k - 1``, no blank line between."""
        return self.numbers[k] == self.numbers[k - 1] + 1

    def slack(self, k: int) -> int:
        """Columns by which line ``k``'s first word would have overrun the width after line
        ``k - 1`` (negative: it would have fitted with that many columns to spare).

        lynx breaks one column early (a word that would end exactly at its margin goes to the
        next line), so a word that would just reach the width counts as not fitting (0);
        textwrap loses only the rare break where a word would have ended exactly at its width.
        Between two characters of an unspaced script the next "word" is one character, with no
        space before it.
        """
        first = self.firsts[k]
        if first == 0 and _UNSPACED.match(self.texts[k - 1][-1]):
            return self.lengths[k - 1] + 1 - self.width
        return self.lengths[k - 1] + 1 + (first or 1) - self.width


def wrap_width(lengths: list[int]) -> int | None:
    """The column at which the page is hard-wrapped, or None when it is not wrapped.

    A wrapped page has many lines ending within a few columns of one width and few longer:
    lynx keeps body text within 74 columns at any indentation (only preformatted text and
    headings run to 80), textwrap within its width. An unwrapped dump (a line per block) has
    long lines of every length. A candidate width must have lines ending in the 4 columns up to
    it at least as densely as in the columns from half the width to there, and at most a fifth
    of the lines longer than half of it may pass it; of those, the width with the most lines
    ending near it, less twice the lines that pass it, wins.

    >>> wrap_width([70, 72, 74, 40, 73, 74, 12, 71, 74, 80])
    74
    >>> wrap_width([300, 12, 640, 45, 1200, 80])
    """
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    ends = [0] * (MAX_WIDTH + 3)  # ends[c]: lines at least c long
    for length in lengths:
        ends[min(length, MAX_WIDTH + 1)] += 1
    for column in range(MAX_WIDTH, -1, -1):
        ends[column] += ends[column + 1]
    best, best_score = None, 0.0
    window, share, penalty = THRESHOLDS["near_window"], THRESHOLDS["over_share"], THRESHOLDS["over_penalty"]
    for width in range(min(max(lengths), MAX_WIDTH), MIN_WIDTH - 1, -1):
        over, half = ends[width + 1], width // 2
        if ends[width] == over or over > share * ends[half + 1] + 2:
            continue
        near = ends[width - window + 1] - over
        middle = ends[half + 1] - ends[width - window + 1]
        if near < 3 or near / window < middle / (width - window - half):
            continue
        if near - penalty * over > best_score:
            best, best_score = width, near - penalty * over
    return best


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (a full stop, perhaps inside a closing quote or bracket).

    >>> ends_sentence('dominance in the region."'), ends_sentence("coast of")
    (True, False)
    """
    return text.rstrip(_CLOSERS)[-1:] in _FULL_STOP


def unwrap_hard_breaks(doc: Document, ctx: RunContext) -> Document:
    """Join wrapped lines into paragraphs; every paragraph becomes a ``Block``."""
    page = Page(doc.lines)
    joins = decide_breaks(page)
    return replace(doc, blocks=cut_blocks(page, joins), wrap_width=page.width)


def _clear_decision(page: Page, k: int, slack: int, cont_indent: int) -> bool | None:
    """The breaks the width test settles alone: True (a wrap), False (a real break), or None.

    - a list item always starts a block: menus, link lists and lists in the article stay one
      item a block. A symbol marks one anywhere; a number only where it would have fitted on
      the line before, or at another indentation: a wrap may well put "12. Dezember" or
      "3. Liga" at the start of a line (ordinals in German, Polish, Czech ...), and a dash may
      be the sentence's;
    - a next word that would have fitted with ``-FAR`` columns or more to spare: a real break;
    - a line longer than the width by more than ``NEAR_WIDTH`` columns was not wrapped at it
      (a page that mixes wrapped text with long unwrapped lines): a real break after it;
    - a next word that would not have fitted, opening in lower case, at the block's indent,
      after a line that does not end a sentence: a wrap in the middle of a sentence;
    - a bare list marker ("33." over a comment, "*" over a link) is the start of the item on
      the next line.
    """
    kind = page.kinds[k]
    if page.markers[k - 1] == len(page.texts[k - 1]) and not kind:
        return True
    if slack <= FAR or page.lengths[k - 1] > page.width + NEAR_WIDTH or kind == SYMBOL:
        return False
    if kind == NUMBER and (slack < 0 or page.indents[k] != cont_indent):
        return False
    if slack >= 1 and page.indents[k] == cont_indent and page.texts[k][0].islower():
        last = page.texts[k - 1][-1]
        if last in _CLOSERS:
            last = page.texts[k - 1].rstrip(_CLOSERS)[-1:]
        if last not in _FULL_STOP:
            return True
    return None


def _end_class(ch: str) -> str:
    if ch in _FULL_STOP:
        return "stop" if ch != ":" and ch != ";" else "colon"
    if ch == ",":
        return "comma"
    if ch.islower():
        return "lower"
    if ch.isalnum():
        return "alnum"
    if ch in _CLOSERS:
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


_SLACK_BUCKETS = ((-5, "d-8..-5"), (-3, "d-4..-3"), (-2, "d-2"), (-1, "d-1"), (0, "d0"), (2, "d1..2"),
                  (5, "d3..5"), (10, "d6..10"))


def break_features(page: Page, k: int, slack: int, block_start: int, cont_indent: int) -> list[str]:
    """The features of a doubtful break between adjacent non-blank lines ``k - 1`` and ``k``.

    ``slack`` is ``page.slack(k)``; ``block_start`` is the first line of the block that line
    ``k - 1`` belongs to, and ``cont_indent`` the indentation its continuations take, as
    decided so far. Features are names; the model weighs each.
    """
    texts, width = page.texts, page.width
    a, b = texts[k - 1], texts[k]
    bucket = "d>=11"
    for limit, name in _SLACK_BUCKETS:
        if slack <= limit:
            bucket = name
            break
    a_end, b_start = _end_class(a[-1]), _start_class(b[0])
    f = [bucket, "a_end=" + a_end, "b_start=" + b_start, bucket + "&a_end=" + a_end,
         "b_start=" + b_start + "&a_end=" + a_end]
    if page.kinds[k] == DASH:
        f.append("b_dash&wrap" if slack >= 0 else "b_dash")
    elif page.kinds[k] == NUMBER:
        f.append("b_number&a_end=" + a_end)
    if page.markers[k - 1]:
        f.append("a_marker")
    first = block_start == k - 1
    indent, p_indent = page.indents[k], page.indents[k - 1]
    if indent == cont_indent:
        f.append("aligned")
    elif first and indent < p_indent:
        f.append("outdent_first")
    elif first and indent <= p_indent + 2:
        f.append("indent_near_first")
    elif indent < p_indent:
        f.append("outdent")
    else:
        f.append("indent")
    if first:
        f.append("a_first")
    if page.lengths[k - 1] > width:
        f.append("a_over")
    third = width // 3
    b_full = page.lengths[k] >= width - NEAR_WIDTH
    if len(a) <= third:
        f.append("a_short")
        if first:
            f.append("a_short_first" + "&b_full" * b_full + "&b_" + b_start)
    if len(b) <= third:
        f.append("b_short")
        if b.istitle():
            f.append("b_short_title&" + bucket)
    if b_full:
        f.append("b_full")
    if k + 1 < len(texts) and page.adjacent(k + 1):
        if page.slack(k + 1) >= 0:
            f.append("b_wraps")
    else:
        f.append("b_last")
    if b[-1] in _FULL_STOP:
        f.append("b_end_stop")
    if page.blankless:
        size = "short" if len(b) <= third else ("full" if b_full else "mid")
        f += ["blankless&a_end=" + a_end + "&b_" + size, "blankless&b_start=" + b_start + "&a_end=" + a_end]
    if "   " in a:
        f.append("a_spaced")
    if "   " in b:
        f.append("b_spaced")
    return f


def decide_breaks(page: Page, model: dict | None = None) -> list[bool]:
    """For each non-blank line, whether it continues the line before it (a wrap)."""
    n = len(page.texts)
    joins = [False] * n
    width = page.width
    if not width:
        return joins
    weights = model if model is not None else _weights()
    bias = weights.get("bias", 0.0)
    numbers, indents, markers = page.numbers, page.indents, page.markers
    lengths, firsts, kinds = page.lengths, page.firsts, page.kinds
    # the current block's first line, and the indent its continuations take
    start, cont_indent = 0, indents[0] + markers[0]
    for k in range(1, n):
        if numbers[k] != numbers[k - 1] + 1:
            start, cont_indent = k, indents[k] + markers[k]
            continue
        first = firsts[k]
        slack = lengths[k - 1] + 1 + first - width if first else page.slack(k)
        if kinds[k] == SYMBOL or (slack <= FAR and not markers[k - 1]):  # the commonest clear breaks
            start, cont_indent = k, indents[k] + markers[k]
            continue
        join = _clear_decision(page, k, slack, cont_indent)
        if join is None:
            features = break_features(page, k, slack, start, cont_indent)
            join = bias + sum(weights.get(name, 0.0) for name in features) > 0
        if join and _byline_under(page, k):
            join = False
        if join:
            joins[k] = True
            cont_indent = indents[k]
        else:
            start, cont_indent = k, indents[k] + markers[k]
    rejoin_cut_openers(page, joins)
    return joins


def _byline_under(page: Page, k: int) -> bool:
    """Whether line ``k`` is a byline of its own under a line that nearly filled the width (a
    headline: "Valencia abrirá en marzo el primer refugio climático en una biblioteca pública" /
    "Por María López"): the model reads a short capitalised line whose first word would not have
    fitted as the end of the sentence above. Only a short line that ends its run (the line after
    it, if any, opens a block of its own) and is a byline whole (``bylines.byline_alone``)."""
    text = page.texts[k]
    if len(text) > page.width // 2 or text[:1].islower():
        return False
    if k + 1 < len(page.texts) and page.adjacent(k + 1) and page.slack(k + 1) > FAR:
        return False
    return byline_alone(text)


_WEIGHTS: dict | None = None


def _weights() -> dict:
    global _WEIGHTS
    if _WEIGHTS is None:
        data = json.loads((_DATA / "unwrap_breaks.json").read_text(encoding="utf-8"))
        _WEIGHTS = data["weights"]
    return _WEIGHTS


def _short_opener(text: str, width: int) -> bool:
    """A line that may be a paragraph's first words cut off from the rest: short, a few
    words, no full stop."""
    return (len(text) <= width // 3 and text.count(" ") < THRESHOLDS["opener_max_words"]
            and text[-1] not in _FULL_STOP)


def rejoin_cut_openers(page: Page, joins: list[bool]) -> None:
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

    Such a page was not wrapped by counting characters but as it was shown (in a proportional
    font): its lines end a few columns short of the width now and then ("... coast of" /
    "Syria, which ..." with room for "Syria," left), so there a line that does not end a
    sentence is also joined to the next when its first word would have come within 3 columns of
    the width.
    """
    texts, lengths, markers, width = page.texts, page.lengths, page.markers, page.width
    n = len(texts)
    candidates = []
    for k in range(1, n):
        if not page.adjacent(k) or markers[k] or markers[k - 1] or joins[k]:
            continue
        if not _short_opener(texts[k - 1], width) or lengths[k] < width - 2 * NEAR_WIDTH:
            continue
        if k >= 2 and page.adjacent(k - 1) and not ends_sentence(texts[k - 2]):
            continue
        candidates.append(k)
    if len(candidates) < THRESHOLDS["opener_min_lines"]:
        return
    starts = sum(1 for k in range(n - 1) if not joins[k] and joins[k + 1])
    if len(candidates) < THRESHOLDS["opener_share"] * starts:
        return
    for k in candidates:
        joins[k - 1] = False
        joins[k] = True
    openers = {k - 1 for k in candidates}
    for k in range(1, n):
        if (not joins[k] and k not in openers and page.adjacent(k) and not markers[k]
                and not ends_sentence(texts[k - 1]) and page.slack(k) >= -THRESHOLDS["ragged_slack"]):
            joins[k] = True


def _shown_twice(text: str) -> re.Match | None:
    """The words a block opens with when it opens with them twice: lynx shows an image's alt text
    and then its caption, run into the paragraph that follows (``A crater. A crater. If you ...``).
    The caption is a block of its own in the page (and in a WET dump, which leaves alt texts out).
    Only looked for on wrapped pages: a dump with a line per block shows no alt texts, and there a
    repeat is a link list's titles (``Title Title Title``), better left whole."""
    if text.find(" " + text[:_REPEATED_MIN], _REPEATED_MIN, 2 * _REPEATED_MAX) < 0:  # most blocks: at C speed
        return None
    return _REPEATED.match(text)


def _shown_twice_after(texts: list[str], k: int, end: int, text: str, ends: list[int]) -> int | None:
    """The line of block ``k``..``end`` where an image's text shown twice starts, when it follows a
    sentence's end and runs to the block's end: lynx prints an image's alt text and then its
    caption right under the paragraph before it (``... 2.9 trillion U.S. dollars.`` / ``social
    commerce sales social commerce sales``), where a WET dump shows nothing; when its first word
    would not have fitted on the line above, the two are one block. Cut there, the paragraph is
    whole and the image's text a block of its own. On the dev set's lynx pages (12 pages change)
    para_f1 0.8774 -> 0.8775, body_f1 as it was; no wet or crop block changes."""
    for j in range(k + 1, end):
        start = ends[j - k - 1] + 1
        if len(text) - start > 2 * _REPEATED_MAX + 1 or not ends_sentence(texts[j - 1]):
            continue
        repeated = _shown_twice(text[start:])
        if repeated is not None and start + repeated.end() >= len(text):
            return j
    return None


def _unspaced_join(a: str, b: str, b_first: int) -> bool:
    """Whether wrapped line ``b`` joins line ``a`` with nothing between: two characters of an
    unspaced script; or one of them beside a Latin word or a figure in a line written mostly in
    that script, as Japanese and Chinese set them unspaced ("iPhone" / "とAndroid", "約" / "3万人").
    On a line mostly in a spaced script a Han character is a quoted word ("the word 中" / "means")."""
    a_unspaced, b_unspaced = _UNSPACED.match(a[-1]) is not None, b_first == 0
    if a_unspaced and b_unspaced:
        return True
    if a_unspaced == b_unspaced or not (b[0] if a_unspaced else a[-1]).isalnum():
        return False
    return len(_UNSPACED.findall(a)) * 2 > len(a)


def cut_blocks(page: Page, joins: list[bool]) -> tuple[Block, ...]:
    """One block per run of joined lines; a symbol list marker leaves the text, a number stays.
    Lines join with a space, or with nothing in an unspaced script (``_unspaced_join``). A run
    that opens with an image's text shown twice (``_shown_twice``) becomes that text once and the
    rest: two blocks that may share the line where one ends and the other starts; a run that ends
    with one after a sentence (``_shown_twice_after``) is cut before it."""
    texts, kinds, markers = page.texts, page.kinds, page.markers
    blocks: list[Block] = []
    k, n = 0, len(texts)
    while k < n:
        end = k + 1
        while end < n and joins[end]:
            end += 1
        text = texts[k][markers[k]:] if kinds[k] == SYMBOL and markers[k] < len(texts[k]) else texts[k]
        ends = [len(text)]  # where each line of the block ends in its text
        if end > k + 1:
            parts = [text]
            for j in range(k + 1, end):
                parts.append(texts[j] if _unspaced_join(texts[j - 1], texts[j], page.firsts[j]) else " " + texts[j])
                ends.append(ends[-1] + len(parts[-1]))
            text = "".join(parts)
            shown_after = _shown_twice_after(texts, k, end, text, ends) if page.width else None
            if shown_after is not None:  # the image's text starts a block of its own (the next turn)
                end = shown_after
                text = text[:ends[end - k - 1]]
                ends = ends[:end - k]
        bullet = kinds[k] != NO_MARKER
        first, last = page.numbers[k], page.numbers[end - 1]
        repeated = _shown_twice(text) if page.width else None
        if repeated is None:
            blocks.append(Block(text, first, last, page.indents[k], bullet))
        else:  # the image's text once, then the rest of the block
            shown = repeated.group(1)
            caption_end = k + bisect_left(ends, 2 * len(shown) + 1)
            blocks.append(Block(shown, first, page.numbers[caption_end], page.indents[k], bullet))
            if repeated.end() < len(text):
                rest = k + bisect_right(ends, repeated.end())
                blocks.append(Block(text[repeated.end():], page.numbers[rest], last, page.indents[k], False))
        k = end
    return tuple(blocks)

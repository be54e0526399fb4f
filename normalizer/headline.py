"""The headline: of the short lines around the body's start, the one that reads as the article's title.

A plain-text dump has no ``<h1>``: the headline is one line among menu items, section labels,
tickers and teasers. What gives it away is where it stands and what surrounds it: just before the
body, often followed by the byline or the date, often repeated (the page title and the ``<h1>``,
``Title | Site``, a breadcrumb ending in it), a few words long, no full stop, not a menu item.
Each candidate gets a few dozen such features, and a small ensemble of decision trees ranks them
(learned by ``scripts/train_headline.py`` on the dev split of the bench only, never the held-out
sites; ``data/headline_model.json`` records its provenance). The trees walk all candidates of a
page at once in numpy: well under a millisecond a page, and deterministic.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from itertools import accumulate

import numpy as np
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .phrases import cue_reasons, is_skip_link
from .thresholds import step_thresholds
from .trees import TreeEnsemble

# hand-set thresholds; what each means, and where it came from, is said in the file
THRESHOLDS = step_thresholds("headline")
# how far from the body's start a headline is looked for, in blocks
BEFORE_BODY, AFTER_BODY = THRESHOLDS["before_body"], THRESHOLDS["after_body"]
# a longer candidate is prose
MAX_WORDS, MAX_CHARS = THRESHOLDS["max_words"], THRESHOLDS["max_chars"]
MODEL_FILE = "data/headline_model.json"
# first lines of glued blocks as candidates (cropped dumps put the headline right above a
# hard-wrapped deck): with the ranker trained on them (``partial_block``) they find glued headlines
# without splitting body paragraphs that open with a short line (seed 004)
PARTIAL_CANDIDATES = True

BAD_REASONS = frozenset({"navigation", "related", "share", "comment_prompt", "newsletter", "cookie", "copyright",
                         "form", "advertisement", "credit", "caption", "ticker", "disclaimer", "empty"})
LABEL_REASONS = frozenset({"section", "tagline"})

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_GLUED = re.compile(r"[a-z\u00e0-\u00ff][A-Z]")
_READING_TIME = re.compile(r"\d\s*(?:min|minutes?|mins)\b", re.IGNORECASE)
_SITE_SEPARATOR = re.compile(r"\s[|–—-]\s|\s?[|»›>/]\s")
# the characters one of those separators holds: a quick look for them first (three candidates in
# four have none), as the separators' optional opening space makes the search try every character
_SEPARATOR_CHARACTER = re.compile(r"[|–—\-»›>/]")


@dataclass(frozen=True)
class Candidate:
    """A line that could be the headline: a whole block, or the first line(s) of a block that the
    unwrapper glued to the paragraph after it."""

    block: int
    text: str
    lines: int = 0  # 0: the whole block; n: the block's first n lines only


FEATURES = (
    "bias", "log_words", "words_4_20", "ends_period", "ends_question", "ends_colon",
    "before_1_2", "before_3_5", "before_6_12", "before_far", "at_body_start", "in_body",
    "meta_after", "meta_before", "repeated", "inside_other_line", "kept", "removed_plain",
    "removed_bad", "removed_label", "bullet", "cue_phrase", "has_date", "has_byline",
    "title_case", "all_caps", "partial_block", "site_separator", "digits", "after_label",
    "long", "first_in_window", "prev_is_body", "next_is_body", "comma_heavy",
    "body_overlap", "glued_case", "page_first", "titlelike_between", "meta_next", "reading_time", "pipes",
    "meta_after_near", "overlap_near",
    "next3_chars", "next5_kept", "prev5_short", "dist_log", "overlap_rank", "titlelike",
    "removed_inside_body", "body_on_both_sides",
)


@lru_cache(maxsize=1)
def _model() -> tuple[TreeEnsemble, float]:
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["features"] == list(FEATURES), "headline model and features.py disagree: retrain"
    return TreeEnsemble.from_json(data["trees"]), data["threshold"]


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _short(text: str) -> bool:
    return word_count(text) <= 3


@lru_cache(maxsize=8192)
def word_count(text: str) -> int:
    """Words, a CJK character counting for half a word (a Chinese headline of 20 characters is
    about 10 words long)."""
    if text.isascii():
        return len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(text)) + cjk // 2


def content_tokens(text: str) -> set[str]:
    """Words of four letters or more and CJK characters: what a headline shares with its article.
    The words are ``normalize``'s (cached: a candidate's text, and most of the body's first blocks,
    were normalized already), not the text searched again."""
    words = {w for w in normalize(text).split() if len(w) >= 4 and not w.isdigit()}
    return words if text.isascii() else words | set(_CJK.findall(text.casefold()))  # (an ASCII text has no CJK)


_ASCII_DIGITS = "0123456789"


def digit_count(text: str) -> int:
    """``str.isdigit`` characters of ``text``; an ASCII text's are its ten digits, counted by
    ``str.count`` rather than a Python call per character."""
    if text.isascii():
        return sum(map(text.count, _ASCII_DIGITS))
    return sum(map(str.isdigit, text))


def is_titlelike(text: str) -> bool:
    n = word_count(text)
    return 3 <= n <= 25 and not text.rstrip().endswith((".", ":", ","))


def features(c: Candidate, blocks, first_body: int, meta: dict[int, str], norm_counts: dict[str, int],
             long_lines: dict, window_start: int, body_vocab: set[str], titlelike_before: list[int],
             around: dict[int, tuple[float, float, float]]) -> list[float] | None:
    """The feature vector of a candidate, or None when it cannot be a headline at all: too short or
    too long, a skip link, or a ticker item by its wording ("[속보] ...", "Eilmeldung: ...": no dev
    page's headline opens so, and a ticker over the headline shares the body's words as much as
    the headline does, which the model alone could not tell apart on a Korean page)."""
    text = c.text.strip()
    n = word_count(text)
    if n < 2 or n > MAX_WORDS or len(text) > MAX_CHARS or is_skip_link(text):
        return None
    cue = cue_reasons([text.casefold()])[0]
    if cue == "ticker":
        return None
    i = c.block
    b = blocks[i]
    d = first_body - i
    letters = [w for w in _WORD.findall(text) if w[0].isalpha()]
    caps = [w for w in letters if w[0].isupper()]
    norm = normalize(text)
    reason = b.reason
    meta_after = any(meta.get(j) for j in range(i + 1, min(len(blocks), i + 4)))
    meta_before = any(meta.get(j) for j in range(max(0, i - 3), i))
    # the text also stands inside a longer line above it: "Title | Site", a breadcrumb ending in it
    # (a related link's text inside a longer teaser below the headline does not count)
    text_above = long_lines[i]
    inside = (bool(norm) and len(norm) >= 12
              and text_above.count(norm) > text_above.count(f"\n{norm}\n"))
    own = content_tokens(text)
    overlap = len(own & body_vocab) / len(own) if own else 0.0
    between = len(titlelike_before) - bisect_right(titlelike_before, i)  # (all of them before the body)
    next3_chars, next5_kept, prev5_short = around[i]
    return [
        1.0,
        math.log(n),
        float(4 <= n <= 20),
        float(text.endswith(".") and not text.endswith("...")),
        float(text.endswith(("?", "!"))),
        float(text.endswith(":")),
        float(1 <= d <= 2),
        float(3 <= d <= 5),
        float(6 <= d <= 12),
        float(d > 12),
        float(d == 0),
        float(d < 0),
        float(meta_after),
        float(meta_before),
        float(norm_counts.get(norm, 0) > 1),
        float(inside),
        float(reason is None),
        float(reason in ("boilerplate", "outside_article", "repeated")),
        float(reason in BAD_REASONS),
        float(reason in LABEL_REASONS),
        float(b.bullet),
        float(cue is not None),
        float(meta.get(i) in ("date", "both")),
        float(meta.get(i) in ("byline", "both")),
        len(caps) / len(letters) if letters else 0.0,
        float(text.isupper()),
        float(c.lines > 0),
        float(bool(_SEPARATOR_CHARACTER.search(text)) and bool(_SITE_SEPARATOR.search(text))),
        digit_count(text) / len(text),
        float(i > 0 and blocks[i - 1].reason in LABEL_REASONS),
        float(n > 25),
        float(i == window_start),
        float(i > 0 and blocks[i - 1].reason is None),
        float(i + 1 < len(blocks) and blocks[i + 1].reason is None),
        float(text.count(",") >= 2),
        overlap,
        float(bool(_GLUED.search(text))),
        float(i == 0),
        math.log1p(between),
        float(meta.get(i + 1) is not None),
        float(bool(_READING_TIME.search(text))),
        float(text.count("|") >= 2 or text.count("•") >= 2),
        float(meta_after and 0 <= d <= 5),
        overlap * float(-2 <= d <= 5),
        next3_chars,
        next5_kept,
        prev5_short,
        math.copysign(math.log1p(abs(d)), d),
        0.0,  # overlap_rank: filled in once every candidate's overlap is known
        float(is_titlelike(text)),
        float(d < 0 and reason is not None),
        float(i > 0 and i + 1 < len(blocks) and blocks[i - 1].reason is None and blocks[i + 1].reason is None),
    ]


def neighbourhoods(blocks, start: int, end: int) -> dict[int, tuple[float, float, float]]:
    """For each block of the window: the log of the characters of the three blocks after it, the
    share of kept blocks among the five after it, and of short blocks among the five before it.
    Running sums over the window give them: a block's candidates then read them, not walk the
    neighbours each (they were a sixth of the headline's features' time)."""
    lo, hi = max(0, start - 5), min(len(blocks), end + 5)
    near = blocks[lo:hi]
    chars = [0, *accumulate(len(b.text) for b in near)]
    kept = [0, *accumulate(int(b.reason is None) for b in near)]
    short = [0, *accumulate(int(_short(b.text)) for b in near)]

    def total(sums: list[int], first: int, stop: int) -> int:
        """The sum over blocks ``first`` to ``stop - 1``, those off the page left out."""
        return sums[min(stop, hi) - lo] - sums[max(first, lo) - lo]

    return {i: (math.log1p(total(chars, i + 1, i + 4)), total(kept, i + 1, i + 6) / 5, total(short, i - 5, i) / 5)
            for i in range(start, end)}


def candidates(blocks, lines, start: int, end: int):
    """Whole blocks of the window, and the first line (or two) of a multi-line block whose first
    line is short and unfinished: a headline the unwrapper joined to the paragraph below it."""
    for i in range(start, end):
        b = blocks[i]
        yield Candidate(i, b.text)
        if PARTIAL_CANDIDATES and b.last_line > b.first_line and lines:
            first = lines[b.first_line].strip()
            if first and not first.endswith((".", ",", ";")):
                yield Candidate(i, first, 1)
                if b.last_line > b.first_line + 1:
                    second = lines[b.first_line + 1].strip()
                    if second and not second.endswith((".", ",", ";")):
                        yield Candidate(i, f"{first} {second}", 2)


def body_vocabulary(blocks, first_body: int, chars: int = 3000) -> set[str]:
    """Content words of the body's first paragraphs (a headline's words come back in its article),
    block by block (each block's words are cached, see ``content_tokens``)."""
    parts, size = [], 0
    for b in blocks[first_body:]:
        if b.kept and len(b.text) > 80:
            parts.append(b.text)
            size += len(b.text)
            if size > chars:
                break
    return set().union(*map(content_tokens, parts))


def candidate_matrix(blocks, lines, first_body: int, meta: dict[int, str]) -> tuple[list[Candidate], np.ndarray]:
    """Every candidate of the window around the body's start and its features, one row each."""
    start = max(0, first_body - BEFORE_BODY)
    end = min(len(blocks), first_body + AFTER_BODY)
    norm_counts: dict[str, int] = {}
    for b in blocks[max(0, start - 10): min(len(blocks), end + 10)]:
        norm = normalize(b.text)
        norm_counts[norm] = norm_counts.get(norm, 0) + 1
    # for each block of the window, the shortish lines above it (from 40 blocks before the window)
    above = "\n" + "\n".join(normalize(b.text) for b in blocks[max(0, start - 40): start] if len(b.text) < 400) + "\n"
    long_lines = {}
    for i in range(start, end):
        long_lines[i] = above
        if len(blocks[i].text) < 400:
            above += normalize(blocks[i].text) + "\n"
    body_vocab = body_vocabulary(blocks, first_body)
    titlelike_before = [j for j in range(start, min(first_body, end)) if is_titlelike(blocks[j].text)]
    around = neighbourhoods(blocks, start, end)
    chosen, rows = [], []
    for c in candidates(blocks, lines, start, end):
        vector = features(c, blocks, first_body, meta, norm_counts, long_lines, start, body_vocab, titlelike_before,
                          around)
        if vector is not None:
            chosen.append(c)
            rows.append(vector)
    x = np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))
    if len(rows):
        overlap = x[:, FEATURES.index("body_overlap")]
        # 1 for the candidate sharing most words with the body, less for the others
        x[:, FEATURES.index("overlap_rank")] = overlap / (overlap.max() or 1.0)
    return chosen, x


def pick_headline(blocks, lines, first_body: int, meta: dict[int, str]) -> tuple[Candidate | None, float]:
    """The best-scoring candidate and its score; None when no candidate scores above the
    threshold (a page may show no headline at all)."""
    chosen, x = candidate_matrix(blocks, lines, first_body, meta)
    if not chosen:
        return None, -math.inf
    model, threshold = _model()
    scores = model.raw(x)
    best = int(np.argmax(scores))
    if scores[best] < threshold:
        return None, float(scores[best])
    return chosen[best], float(scores[best])

"""Numbers that describe every block of a page, for the line model (``line_model.py``).

The features follow what a one-hour study found to matter (``shared/notes/line-classifier-study.md``):
where the page's main run of prose is and how far a block is from it, the token density around a
block, its position, its neighbours, its character classes, punctuation and case, its length,
indentation and bullets, repetition within the page and across the batch, stopword density in the
page's language, and cue phrases.

They are computed in a few vectorised passes over the whole page (its blocks joined into one
string, then one array of code points), not by a Python function per block and feature: the
pipeline's speed budget is about a millisecond per page for this step. ``FEATURE_NAMES`` fixes the
column order; the shipped model refers to columns by position, so changing the order or the
definitions means retraining (``scripts/train_classifier.py``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from operator import attrgetter
from typing import Iterator

import numpy as np

from .batch import line_keys, site_of, word_characters
from .codepoints import code_points
from .context import RunContext
from .document import Document
from .phrases import CONTAINS_GROUPS, CUE_REASONS, contains_counts, cue_reasons
from .thresholds import step_thresholds

# --- code point classes --------------------------------------------------------------------------
_ASCII = np.zeros(128, dtype=np.int8)  # 0 other/punct, 1 lower, 2 upper, 3 digit, 4 space
_ASCII[ord("a"):ord("z") + 1] = 1
_ASCII[ord("A"):ord("Z") + 1] = 2
_ASCII[ord("0"):ord("9") + 1] = 3
for _c in " \t\n\r\f\v":
    _ASCII[ord(_c)] = 4
_ASCII[ord("_")] = 1
# ASCII symbols counted per block: brackets (lynx image names, [ ] fields), parentheses ((BUTTON)),
# pipes (menus "a | b"), slashes (breadcrumbs, dates), @ (handles, e-mail), colons, # (lynx links,
# hashtags), underscores (lynx text fields), quotes
_SYMBOL = np.zeros(128, dtype=np.int8)
for _i, _chars in enumerate(("[]", "()", "|", "/", "@", ":", "#", "_", "\"'"), start=1):
    for _c in _chars:
        _SYMBOL[ord(_c)] = _i
SYMBOL_NAMES = ["brackets", "parens", "pipes", "slashes", "ats", "colons", "hashes", "underscores", "quotes"]
# Chinese and Japanese have no stoplist in jusText: their function characters play its part (prose
# is full of them, menus and titles are mostly nouns)
_CJK_FUNCTION = np.array(sorted(ord(c) for c in
                                "的了是在和有我这他也就不都一上们来到说要会对与为中而及着之其或但被把从以所"
                                "のにはをたがでてとしれさるかもないこらすっよりまへや"), dtype=np.int64)
_SENTENCE_END = np.zeros(128, dtype=bool)
for _c in ".!?":
    _SENTENCE_END[ord(_c)] = True

_BULLET_RE = re.compile(r"^(?:[*+•◦▪‣·–-]|\d{1,3}[.)])\s")
# lynx's own artefacts and form widgets: (BUTTON), [image-name], #alternate links, text fields,
# check boxes and radio buttons, select boxes
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b|@\w")

# a block of this many tokens or more counts as long, for the main-run search
LONG_TOKENS = step_thresholds("classify")["long_tokens"]
# characters whose classes are held at once (some 100 bytes each): a huge page is read in pieces
CHUNK_CHARS = 1 << 20
_NOT_WORD = re.compile(r"\W")


def _is_digit(cp: np.ndarray) -> np.ndarray:
    return (cp >= 0x30) & (cp <= 0x39)


def _classes(cp: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per code point: is letter, is upper, is digit, is space, is CJK, is sentence end."""
    ascii_ = cp < 128
    cls = np.where(ascii_, _ASCII[np.minimum(cp, 127)], 0)
    high = ~ascii_
    cjk = high & (((cp >= 0x3040) & (cp <= 0x30FF)) | ((cp >= 0x3400) & (cp <= 0x4DBF))
                  | ((cp >= 0x4E00) & (cp <= 0x9FFF)) | ((cp >= 0xAC00) & (cp <= 0xD7AF)))
    high_punct = high & (((cp >= 0xA0) & (cp <= 0xBF)) | (cp == 0xD7) | (cp == 0xF7)
                         | ((cp >= 0x2000) & (cp <= 0x2BFF)) | ((cp >= 0x3000) & (cp <= 0x303F))
                         | ((cp >= 0xFF00) & (cp <= 0xFF20)) | (cp >= 0x1F000) | ((cp >= 0xFE30) & (cp <= 0xFE4F)))
    upper = (cls == 2) | (high & (((cp >= 0xC0) & (cp <= 0xDE) & (cp != 0xD7)) | ((cp >= 0x391) & (cp <= 0x3A9))
                                  | ((cp >= 0x400) & (cp <= 0x42F))))
    letter = (cls == 1) | (cls == 2) | (high & ~high_punct)
    digit = cls == 3
    space = (cls == 4) | (cp == 0xA0) | (cp == 0x3000)
    end = (ascii_ & _SENTENCE_END[np.minimum(cp, 127)]) | (cp == 0x3002) | (cp == 0xFF01) | (cp == 0xFF1F) | (cp == 0x2026)
    return letter, upper, digit, space, cjk, end


_FLAGS = ("letter", "upper", "digit", "space", "cjk", "end", "comma", "high_sep", "cjk_function")
_SYMBOL_SHIFT = len(_FLAGS)  # the symbol's number (0 for none) in the bits above the flags


def _class_bits(cp: np.ndarray) -> np.ndarray:
    """Per code point, its classes (``_FLAGS``, one bit each) and its symbol number, in one uint16."""
    letter, upper, digit, space, cjk, end = _classes(cp)
    comma = (cp == 0x2C) | (cp == 0x3001) | (cp == 0xFF0C)
    high_sep = (cp == 0xB7) | (cp == 0x2022) | (cp == 0xBB) | (cp == 0x203A) | (cp == 0x2192) | (cp == 0x25B8)
    cjk_function = cjk & np.isin(cp, _CJK_FUNCTION)
    bits = np.zeros(len(cp), dtype=np.uint16)
    for k, flag in enumerate((letter, upper, digit, space, cjk, end, comma, high_sep, cjk_function)):
        bits |= flag.astype(np.uint16) << k
    symbol = np.where(cp < 128, _SYMBOL[np.minimum(cp, 127)], 0)
    return bits | (symbol.astype(np.uint16) << _SYMBOL_SHIFT)


@lru_cache(maxsize=1)
def _bmp_bits() -> np.ndarray:
    """``_class_bits`` of the 65,536 code points of the Basic Multilingual Plane (128 kB, a few ms
    once): a page's classes are then one lookup, not some forty comparisons over its text."""
    return _class_bits(np.arange(0x10000, dtype=np.int64))


def _page_bits(cp: np.ndarray) -> np.ndarray:
    bits = np.take(_bmp_bits(), cp, mode="clip")  # (those past the table read its last place)
    astral = np.flatnonzero(cp > 0xFFFF)  # emoji, rare CJK: computed as they come
    if len(astral):
        bits[astral] = _class_bits(cp[astral])
    return bits


def _dateish(cp: np.ndarray, digit: np.ndarray) -> np.ndarray:
    """A year (19xx, 20xx) or a day.month / hour:minute: digits around a dot, slash or colon; looked
    for at the digits only (the code points k places ahead: the text padded with newlines, so that
    a page of one or two characters has them too)."""
    at = np.flatnonzero(digit)
    out = np.zeros(len(cp), dtype=bool)
    if not len(at):
        return out
    ahead = np.concatenate((cp, [10, 10, 10, 10]))
    here, nxt, nxt2, nxt3, nxt4 = (ahead[at + k] for k in range(5))
    prev_digit = np.concatenate(([False], digit[:-1]))[at]
    year = ~prev_digit & (((here == 0x31) & (nxt == 0x39)) | ((here == 0x32) & (nxt == 0x30))) & _is_digit(nxt2) \
        & _is_digit(nxt3) & ~_is_digit(nxt4)
    day = ((nxt == 0x2E) | (nxt == 0x2F) | (nxt == 0x3A)) & _is_digit(nxt2)
    out[at] = year | day
    return out


# --- stopwords -----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _stop_index() -> tuple[tuple[str, ...], dict[str, np.ndarray]]:
    """Every jusText stopword, with the languages whose list holds it (loaded once, ~0.1 s)."""
    import justext

    names = tuple(sorted(justext.get_stoplists()))
    index: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        for word in justext.get_stoplist(name):
            index.setdefault(word, []).append(i)
    return names, {w: np.array(ids, dtype=np.int16) for w, ids in index.items()}


def page_stoplist(words: list[str], offsets: np.ndarray, nwords: np.ndarray, sample: int = 400) -> frozenset[str]:
    """The stoplist of the page's language: the one with most hits among the words of the page's
    longest blocks (prose, in the language of the article). Empty when no list has a hit (CJK).
    ``words`` are the page's, block ``i``'s from ``offsets[i]`` to ``offsets[i + 1]``."""
    names, index = _stop_index()
    found = []
    seen = 0
    for i in np.argsort(-nwords, kind="stable"):
        found.extend([ids for ids in map(index.get, words[offsets[i]:offsets[i + 1]]) if ids is not None])
        seen += nwords[i]
        if seen >= sample:
            break
    if not found:
        return frozenset()
    hits = np.bincount(np.concatenate(found), minlength=len(names))
    # ties (English and Simple_English...) go to the first name in sorted order: deterministic
    best = int(np.argmax(hits))
    return _stoplist(names[best])


@lru_cache(maxsize=128)
def _stoplist(name: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(name))


# --- helpers -------------------------------------------------------------------------------------
def window_sum(a: np.ndarray, radius: int) -> np.ndarray:
    """Sum of ``a`` over the blocks within ``radius`` places of each block (itself included)."""
    cs = np.concatenate(([0.0], np.cumsum(a, dtype=np.float64)))
    n = len(a)
    idx = np.arange(n)
    return cs[np.minimum(idx + radius + 1, n)] - cs[np.maximum(idx - radius, 0)]


def max_sum_run(score: np.ndarray) -> tuple[int, int]:
    """``(first, last)`` of the run of blocks with the largest total score (vectorised Kadane)."""
    if len(score) == 0:
        return 0, -1
    cs = np.concatenate(([0.0], np.cumsum(score, dtype=np.float64)))
    low = np.minimum.accumulate(cs[:-1])
    gain = cs[1:] - low
    last = int(np.argmax(gain))
    first = int(np.argmin(cs[:last + 1]))
    return first, last


def _run_features(score: np.ndarray, tokens: np.ndarray) -> list[np.ndarray]:
    n = len(score)
    first, last = max_sum_run(score)
    idx = np.arange(n)
    inside = (idx >= first) & (idx <= last)
    dist = np.maximum(np.maximum(first - idx, idx - last), 0)
    total = max(float(tokens.sum()), 1.0)
    share = float(tokens[first:last + 1].sum()) / total
    return [inside.astype(np.float32), np.log1p(dist), np.full(n, share), np.full(n, (last - first + 1) / max(n, 1))]


BASE_NAMES = [
    "log_chars", "log_tokens", "log_words", "mean_word_len", "letter_frac", "upper_frac", "digit_frac",
    "punct_frac", "cjk_frac", "cap_word_frac", "sentence_ends_per_token", "commas_per_token",
    "ends_sentence", "ends_colon", "ends_letter", "ends_digit", "starts_upper", "starts_digit", "starts_punct",
    "bullet", "indent", "n_lines", "lynx_artefacts", "urlish", "dateish", "separators",
    "stop_frac", "stop_count_log", "rep_batch_log", "rep_batch_share", "rep_page", "has_cue",
]
BASE_NAMES += [f"cue_{r}" for r in CUE_REASONS]
BASE_NAMES += [f"says_{name}" for name in CONTAINS_GROUPS]
BASE_NAMES += [f"{name}_log" for name in SYMBOL_NAMES] + [f"{name}_frac" for name in SYMBOL_NAMES]
NEIGHBOUR_BASE = ["log_tokens", "stop_frac", "ends_sentence", "cap_word_frac", "bullet", "has_cue",
                  "rep_batch_log", "lynx_artefacts", "letter_frac", "indent", "dateish", "urlish", "digit_frac",
                  "cue_related", "cue_comment_prompt", "says_cta", "says_bio", "says_legal"]
CONTEXT_NAMES = [
    "pos_block", "pos_block_rev", "pos_chars", "pos_line", "page_blocks_log", "page_tokens_log",
    "page_max_tokens_log", "tokens_rel_max", "tokens_rank", "page_indent_frac", "page_stop_frac",
    "run12_in", "run12_dist", "run12_share", "run12_len", "run25_in", "run25_dist", "run25_share", "run25_len",
    "runstop_in", "runstop_dist", "runstop_share", "runstop_len",
    "win1_tokens_log", "win3_tokens_log", "win6_tokens_log", "win3_long_frac", "win3_stop_mean",
    "win3_bullet_frac", "win3_cap_mean", "first_long_dist", "after_last_long",
    "seg_share", "seg_rel_max", "seg_rank", "seg_blocks_log", "prose_before", "prose_after",
    "since_end_cue_log", "end_cues_before", "since_end_cue_prose",
]
NEIGHBOUR_NAMES = [f"{name}@{k:+d}" for k in (-2, -1, 1, 2) for name in NEIGHBOUR_BASE]
FEATURE_NAMES = BASE_NAMES + CONTEXT_NAMES + NEIGHBOUR_NAMES


class PageFeatures:
    """The feature matrix of a page, and the few per-block facts the reasons need."""

    __slots__ = ("matrix", "tokens", "cues", "rep_batch", "stop_frac", "words")

    def __init__(self, matrix, tokens, cues, rep_batch, stop_frac, words):
        self.matrix = matrix
        self.tokens = tokens
        self.cues = cues
        self.rep_batch = rep_batch
        self.stop_frac = stop_frac
        self.words = words


def block_features(doc: Document, ctx: RunContext) -> PageFeatures:
    """The ``(blocks, FEATURE_NAMES)`` float32 matrix of a document's blocks."""
    blocks = doc.blocks
    n = len(blocks)
    if n == 0:
        z = np.zeros(0)
        return PageFeatures(np.zeros((0, len(FEATURE_NAMES)), np.float32), z, [], z, z, z)
    texts = [b.text.replace("\n", " ") for b in blocks]
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    joined = "\n".join(texts) + "\n"
    starts = np.concatenate(([0], np.cumsum(lens + 1)[:-1]))
    counts_matrix, edges, words, word_block = _character_counts(joined, starts, lens)
    (letters, tokens, words_ws, uppers, digits, puncts, cjks, caps, sent_ends, commas, high_seps, dateish,
     cjk_functions) = counts_matrix.T[:13]
    symbols = counts_matrix[:, 13:]
    last_cp = edges[0]
    ends_last, letter_last, digit_last, end_before_last, upper_first, digit_first, punct_first = edges[1:].astype(bool)
    chars = lens.astype(np.float64)
    safe_chars = np.maximum(chars, 1)
    safe_tokens = np.maximum(tokens, 1)
    safe_words = np.maximum(words_ws, 1)

    # word-level passes over the whole page at once (C-speed regexes); only matches cost Python time
    folded = joined.casefold()
    lowered = folded.split("\n")[:n]
    # the words, stopwords, phrases and cues of each distinct text once: a page repeats its menu
    # items, "Share" buttons and empty lines (about a fifth of its blocks)
    distinct = {t: i for i, t in enumerate(dict.fromkeys(lowered))}
    texts_once = list(distinct)
    which = np.fromiter(map(distinct.__getitem__, lowered), dtype=np.intp, count=n)
    nwords = np.bincount(word_block, minlength=n).astype(np.float64)
    offsets = np.concatenate(([0], np.cumsum(nwords).astype(np.intp)))
    stop = page_stoplist(words, offsets, nwords)
    is_stop = np.fromiter(map(stop.__contains__, words), dtype=np.float64, count=len(words))
    stop_counts = np.bincount(word_block, weights=is_stop, minlength=n)
    stop_frac = stop_counts / np.maximum(nwords, 1)
    if cjks.sum() > 0.3 * max(letters.sum(), 1):  # a Chinese or Japanese page
        stop_counts = cjk_functions
        stop_frac = cjk_functions / np.maximum(cjks, 1)
        nwords = np.maximum(nwords, cjks)

    # lynx's widgets and wide gaps are fixed strings: counted per block (str.count, as the regexes
    # would: left to right, not overlapping), the URL pattern over the whole page
    lynx = (_count_per_block("(BUTTON)", texts, joined) + _count_per_block("#alternate", texts, joined)
            + (_count_per_block("____", texts, joined) > 0))
    seps = high_seps + _count_per_block("   ", texts, joined)
    urlish = _matches_per_block(_URLISH, folded if len(folded) == len(joined) else joined.lower(), starts)
    says = _phrase_counts(texts_once, which, words, offsets)
    cues_once = cue_reasons(texts_once)
    cues = [cues_once[i] for i in which]
    cue_ids = np.fromiter((_CUE_INDEX.get(c, -1) for c in cues_once), dtype=np.int64, count=len(texts_once))[which]
    cue_onehot = (cue_ids[:, None] == np.arange(len(CUE_REASONS))[None, :]).astype(np.float64)

    # repetition: across the batch (the block's first source line, as the batch counted lines)
    site = site_of(doc.source.get("url"))
    batch = ctx.batch
    first_line = np.fromiter(map(attrgetter("first_line"), blocks), dtype=np.int64, count=n)
    rep_batch = np.zeros(n)
    if batch.repeated:
        known = first_line < len(doc.lines)  # (a block a step made up has no line to go by)
        keys = line_keys(site, [doc.lines[i] for i in first_line[known].tolist()])
        rep_batch[known] = np.fromiter(map(batch.repeated.get, keys, repeat(0)), dtype=np.float64, count=len(keys))
    site_pages = max(batch.pages_per_site.get(site, 1), 1)
    rep_lines = np.where(rep_batch >= 3, rep_batch, 0.0)  # the model reads lines of 3 pages or more
    rep_page = np.bincount(which)[which].astype(np.float64)

    bullet = np.fromiter(map(attrgetter("bullet"), blocks), dtype=np.float64, count=n)
    indent = np.fromiter(map(attrgetter("indent"), blocks), dtype=np.float64, count=n)
    first_lines = first_line.astype(np.float64)
    nlines = np.fromiter(map(attrgetter("last_line"), blocks), dtype=np.float64, count=n) - first_lines + 1

    # (compared one by one: np.isin on a few values costs four times as much)
    ends_quote = ((last_cp == 0x22) | (last_cp == 0x27) | (last_cp == 0x201D) | (last_cp == 0x2019) | (last_cp == 0xBB)
                  | (last_cp == 0x29)) & end_before_last
    base = [
        np.log1p(chars), np.log1p(tokens), np.log1p(words_ws), (chars - words_ws) / safe_words,
        letters / safe_chars, uppers / np.maximum(letters, 1), digits / safe_chars,
        puncts / safe_chars, cjks / safe_chars, caps / safe_words,
        sent_ends / safe_tokens, commas / safe_tokens,
        ends_last | ends_quote, last_cp == 0x3A, letter_last, digit_last, upper_first, digit_first,
        punct_first, bullet, np.minimum(indent, 20), np.minimum(nlines, 50), lynx, urlish, dateish, seps,
        stop_frac, np.log1p(stop_counts), np.log1p(rep_lines), rep_lines / site_pages, np.minimum(rep_page, 10),
        cue_ids >= 0,
    ]
    base_matrix = np.column_stack([np.asarray(c, dtype=np.float64) for c in base]
                                  + [cue_onehot, says, np.log1p(symbols), symbols / safe_chars[:, None]])

    # context: position, page size, the main run, density around the block
    idx = np.arange(n, dtype=np.float64)
    total_tokens = max(float(tokens.sum()), 1.0)
    cum_chars = np.cumsum(chars) - chars
    n_lines = max(len(doc.lines), 1)
    max_tokens = max(float(tokens.max()), 1.0)
    rank = np.empty(n)
    rank[np.argsort(-tokens, kind="stable")] = np.arange(n)
    long_ = tokens >= LONG_TOKENS
    page_stop = float(stop_counts.sum()) / max(float(nwords.sum()), 1)
    long_idx = np.flatnonzero(long_)
    first_long = long_idx[0] if len(long_idx) else n
    last_long = long_idx[-1] if len(long_idx) else -1
    prose = np.where(stop_frac >= max(0.5 * page_stop, 0.05), tokens, 0)
    cap_frac = caps / safe_words
    context = [
        idx / max(n - 1, 1), (n - 1 - idx) / max(n - 1, 1), cum_chars / max(float(chars.sum()), 1), first_lines / n_lines,
        np.full(n, np.log1p(n)), np.full(n, np.log1p(total_tokens)), np.full(n, np.log1p(max_tokens)),
        tokens / max_tokens, rank / n, np.full(n, float((indent >= 3).mean())), np.full(n, page_stop),
        *_run_features(np.where(long_, tokens, -4.0), tokens),
        *_run_features(np.where(tokens >= 25, tokens, -6.0), tokens),
        *_run_features(np.where(prose >= LONG_TOKENS, prose, -4.0), tokens),
        np.log1p(window_sum(tokens, 1)), np.log1p(window_sum(tokens, 3)), np.log1p(window_sum(tokens, 6)),
        window_sum(long_.astype(np.float64), 3) / 7, window_sum(stop_frac, 3) / 7, window_sum(bullet, 3) / 7,
        window_sum(cap_frac, 3) / 7,
        np.log1p(np.maximum(first_long - idx, 0)), np.log1p(np.maximum(idx - last_long, 0)),
        *_segment_features(tokens, long_),
        *_end_cue_features(cue_ids, tokens, long_),
    ]
    context_matrix = np.column_stack(context)
    sub = base_matrix[:, _NEIGHBOUR_COLS]
    neighbours = [_shift_rows(sub, -k, -1.0) for k in (-2, -1, 1, 2)]
    matrix = np.hstack([base_matrix, context_matrix] + neighbours).astype(np.float32)
    return PageFeatures(matrix, tokens, cues, rep_batch, stop_frac, nwords)


def _character_counts(joined: str, starts: np.ndarray, lens: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """What the characters of the page's blocks (``joined`` by newlines, each ``lens`` long from
    ``starts``) give: per block, the counts of each character class (a ``(blocks, 13 + symbols)``
    matrix) and the classes of its first and last characters (``_edge_classes``); the page's words,
    and the block each stands in.

    The page is read ``CHUNK_CHARS`` characters at a time (``_pieces``): its per-character arrays
    take some 100 bytes a character (classifying a table of 8.8 million characters peaked at 1.36 GB
    read at once, at 0.47 GB in pieces: the page's words and strings are still whole). A piece is
    classified with the character before it and the four after it, as far as any class looks, and
    ends after a character that is no word character: the figures are the page's read at once."""
    n = len(starts)
    counts = np.zeros((n, 13 + len(SYMBOL_NAMES)), dtype=np.int64)
    words, word_block = [], []
    for a, b in _pieces(joined):
        first, stop = np.searchsorted(starts, a, side="right") - 1, np.searchsorted(starts, b)  # its blocks
        piece_counts, piece_words, newlines_before = _piece_counts(joined, a, b)
        # summed per block as they are (booleans), into 32-bit counts: no 32-bit copy of the flags first
        counts[first:stop] += np.add.reduceat(piece_counts, np.maximum(starts[first:stop] - a, 0), axis=1,
                                              dtype=np.int32).T
        words += piece_words
        word_block.append(first + newlines_before)
    return counts.astype(np.float64), _edge_classes(joined, starts, lens), words, np.concatenate(word_block)


def _pieces(joined: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of pieces of about ``CHUNK_CHARS`` characters that cover ``joined``, each
    ending after a character that is no word character (a newline, a space, punctuation), so that
    no word is cut; after a run of over ``CHUNK_CHARS`` word characters, inside it."""
    at = 0
    while at < len(joined):
        cut = _NOT_WORD.search(joined, min(at + CHUNK_CHARS, len(joined)) - 1, at + 2 * CHUNK_CHARS)
        end = cut.end() if cut else min(at + 2 * CHUNK_CHARS, len(joined))
        yield at, end
        at = end


def _piece_counts(joined: str, a: int, b: int) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The character classes to be summed per block of ``joined[a:b]`` (a row each, a column a
    character), the words of the piece and, for each, how many of the piece's newlines come before
    it."""
    before, after = min(a, 1), min(len(joined) - b, 4)  # the neighbours its classes look at
    cp = code_points(joined[a - before:b + after]).astype(np.int64)
    bits = _page_bits(cp)
    letter, upper, digit, space, cjk, end, comma, high_sep, cjk_function = (
        (bits & (1 << k)) != 0 for k in range(len(_FLAGS)))
    symbol = bits >> _SYMBOL_SHIFT
    word = letter | digit
    prev_word = np.concatenate(([False], word[:-1]))
    prev_cjk = np.concatenate(([False], cjk[:-1]))
    tok_start = word & (~prev_word | cjk | prev_cjk)
    prev_space = np.concatenate(([True], space[:-1]))
    word_start = ~space & prev_space
    cap_start = word_start & upper
    next_space = np.concatenate((space[1:], [True]))
    sent_end = end & next_space
    punct = ~(word | space)
    columns = [letter, tok_start, word_start, upper, digit, punct, cjk, cap_start, sent_end, comma, high_sep,
               _dateish(cp, digit), cjk_function]
    columns += [symbol == k for k in range(1, len(SYMBOL_NAMES) + 1)]
    piece = slice(before, len(cp) - after)
    text = joined[a:b]
    words, opens = _page_words(text, text.casefold(), cp[piece])
    return np.stack([c[piece] for c in columns]), words, opens


def _edge_classes(joined: str, starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Per block (a column each), the classes of its edges, a row each: the last character's code
    point, whether it ends a sentence, is a letter, a digit; whether the one before it ends a
    sentence; whether the first is upper case, a digit, punctuation. (A block of at most one
    character: its last is its first, the one before it the newline before, or the page's first.)"""
    last = np.maximum(starts + lens - 1, starts)
    at = np.concatenate((last, np.maximum(last - 1, 0), starts))
    cp = code_points("".join(map(joined.__getitem__, at.tolist()))).astype(np.int64)
    bits = _page_bits(cp)
    letter, upper, digit, space, _, end = ((bits & (1 << k)) != 0 for k in range(6))
    punct = ~(letter | digit | space)
    n = len(starts)
    on_last, before_last, on_first = slice(0, n), slice(n, 2 * n), slice(2 * n, 3 * n)
    return np.array([cp[on_last], end[on_last], letter[on_last], digit[on_last], end[before_last], upper[on_first],
                     digit[on_first], punct[on_first]], dtype=np.int64)


def _page_words(text: str, folded: str, cp: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The words of ``folded`` (``text`` case-folded, ``cp`` its code points), as ``re.findall(r"\\w+",
    folded)`` gives them, and for each how many newlines come before it. The code points that are
    no word character become spaces and ``str.split`` cuts the rest: a quarter of the regular
    expression's time. Where casefold kept every character one character, the word characters are
    found on the code points ``cp``, by ``batch.word_characters``; else (ß -> ss) on the folded
    text's."""
    if len(folded) != len(text):
        cp = code_points(folded)
    characters = word_characters(cp)
    word = characters > 0
    words = np.where(word, characters, 32).astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass").split()
    opens = word.copy()
    opens[1:] &= ~word[:-1]
    return words, np.searchsorted(np.flatnonzero(cp == 10), np.flatnonzero(opens))


def _phrase_counts(texts_once: list[str], which: np.ndarray, words: list[str], offsets: np.ndarray) -> np.ndarray:
    """``phrases.contains_counts`` of every block, as a (blocks, groups) matrix, each distinct text
    looked at once: ``contains_counts`` itself passes over a text that holds no phrase's first word
    (a set intersection of its words, C speed) and is ASCII, as most short blocks are (menus,
    labels). Marking those texts beforehand, word by word in numpy, cost more than it saved."""
    block_of = np.empty(len(texts_once), dtype=np.intp)
    block_of[which] = np.arange(len(which))
    bounds = offsets.tolist()
    found = contains_counts(texts_once, [words[bounds[b]:bounds[b + 1]] for b in block_of.tolist()])
    return np.array(found, dtype=np.float64).reshape(len(CONTAINS_GROUPS), len(texts_once)).T[which]


def _count_per_block(needle: str, texts: list[str], joined: str) -> np.ndarray:
    """``str.count`` of ``needle`` in every block; one look over the page first, as most pages
    have none (lynx's widgets on a wet dump)."""
    if needle not in joined:
        return np.zeros(len(texts))
    return np.fromiter((t.count(needle) for t in texts), dtype=np.float64, count=len(texts))


def _matches_per_block(pattern: re.Pattern, text: str, starts: np.ndarray) -> np.ndarray:
    """How many matches of ``pattern`` in the page ``text`` start in each block (at ``starts``)."""
    n = len(starts)
    pos = [m.start() for m in pattern.finditer(text)]
    if not pos:
        return np.zeros(n)
    return np.bincount(np.searchsorted(starts, pos, side="right") - 1, minlength=n)[:n].astype(np.float64)


def _segment_features(tokens: np.ndarray, long_: np.ndarray) -> list[np.ndarray]:
    """Runs of prose: long blocks with at most two other blocks between them make one segment. The
    article is usually the heaviest segment; a second article, comments or teasers are lighter
    ones. Per block: its segment's share of the page's long-block tokens, relative to the heaviest,
    its rank, its length; and the share of prose before and after the block."""
    long_tokens = np.where(long_, tokens, 0.0)
    total = max(float(long_tokens.sum()), 1.0)
    # a new segment starts after three blocks in a row that are not long
    short_run = window_sum((~long_).astype(np.float64), 1) >= 3  # the block and both neighbours short
    seg = np.cumsum(short_run & np.concatenate(([True], ~short_run[:-1])))
    mass = np.bincount(seg, weights=long_tokens)
    size = np.bincount(seg)
    order = np.empty(len(mass))
    order[np.argsort(-mass, kind="stable")] = np.arange(len(mass))
    before = np.cumsum(long_tokens) - long_tokens
    return [mass[seg] / total, mass[seg] / max(float(mass.max()), 1.0), np.minimum(order[seg], 20),
            np.log1p(size[seg]), before / total, (total - before - long_tokens) / total]


_END_CUES = None


def _end_cue_features(cue_ids: np.ndarray, tokens: np.ndarray, long_: np.ndarray) -> list[np.ndarray]:
    """How far the block is below the last cue that ends an article (related, comments, share,
    newsletter), counted in blocks and in prose tokens, and how many such cues came before."""
    global _END_CUES
    if _END_CUES is None:  # by cue id, the last place for -1 (no cue)
        _END_CUES = np.array([r in ("related", "comment_prompt", "share", "newsletter") for r in CUE_REASONS]
                             + [False])
    n = len(cue_ids)
    idx = np.arange(n)
    is_end = _END_CUES[cue_ids]
    last = np.maximum.accumulate(np.where(is_end, idx, -1))
    since = np.where(last >= 0, idx - last, 1000)
    long_tokens = np.cumsum(np.where(long_, tokens, 0.0))
    prose_since = np.where(last >= 0, long_tokens - long_tokens[np.maximum(last, 0)], 1e5)
    return [np.log1p(since), np.minimum(np.cumsum(is_end) - is_end, 10), np.log1p(prose_since)]


def _shift_rows(a: np.ndarray, k: int, fill: float) -> np.ndarray:
    """Rows of ``a`` moved by ``k``: out[i] = a[i - k], ``fill`` where that is off the page."""
    out = np.full_like(a, fill)
    n = len(a)
    if k > 0 and k < n:
        out[k:] = a[:-k]
    elif k < 0 and -k < n:
        out[:k] = a[-k:]
    elif k == 0:
        out[:] = a
    return out


_NEIGHBOUR_COLS = [BASE_NAMES.index(name) for name in NEIGHBOUR_BASE]
_CUE_INDEX = {reason: i for i, reason in enumerate(CUE_REASONS)}

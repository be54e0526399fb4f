"""What the whole batch knows that a single page does not: lines that repeat across a site's pages.

A menu, a ticker, a newsletter blurb or a disclaimer is set on every page of a site; an article's
sentences are not. Counting, for every line, how many pages of the same site carry it finds that
boilerplate without any phrase list. Only 64-bit hashes of the lines are kept, never the texts,
so the memory this takes grows with the number of distinct lines, not with the size of the pages.
Counts do not depend on the order the pages come in, so neither do the records.
"""
from __future__ import annotations

import hashlib
import re
import tempfile
from collections import Counter
from functools import lru_cache
from typing import Iterable, NamedTuple
from urllib.parse import urlsplit

import numpy as np

from .codepoints import code_points


def line_key(site: str, line: str) -> int:
    """A 64-bit hash of the line's words (case and punctuation ignored), within its site.

    >>> line_key("a.org", "Home | World") == line_key("a.org", "  home, WORLD!") != line_key("a.org", "Hôme World")
    True
    """
    return line_keys(site, [line.replace("\n", " ")])[0]


def line_keys(site: str, lines: list[str]) -> list[int]:
    """``line_key`` of each line (lines hold no newline), for a whole page at once in a few numpy
    passes over its code points, not a Python call per line (the lines of a page cost less than
    half of what cutting each into words and hashing it with blake2b did).

    A line's key is a weighted sum, modulo 2**64, over its word characters (``\\w``, case-folded):
    the k-th one adds its code point times the k-th weight, and the k-th weight of separators
    besides when it opens a word after the first. The line's words, and nothing else, give its
    key; the weights are pseudo-random 64-bit numbers (``_weights``), so two lines with other words
    share a key with a chance of about one in 2**64 (blake2b's, truncated to 64 bits, was the same).
    """
    if not lines:
        return []
    text = "\n".join(lines)
    cp = code_points(text)
    folded = word_characters(cp)
    if folded is None:  # a character that folds to several (ß -> ss): the page is folded as a string
        cp = code_points(text.casefold())
        folded = word_characters(cp)
    at = np.flatnonzero(folded)
    # where each line's word characters begin among all of them, and so each one's place in its line
    bounds = np.searchsorted(at, np.concatenate(([0], np.flatnonzero(cp == 10) + 1, [len(cp)])))
    begins = np.zeros(len(at) + 1, dtype=np.intp)
    begins[bounds] = bounds
    place = np.arange(len(at)) - np.maximum.accumulate(begins[:-1])
    opens = np.ones(len(at), dtype=bool)
    opens[1:] = at[1:] != at[:-1] + 1  # a word starts where the character before is no word character
    weights, separators = _weights(place)
    terms = np.take(folded, at) * weights + (opens & (place > 0)) * separators
    sums = np.concatenate(([np.uint64(0)], np.cumsum(terms)))
    return (sums[bounds[1:]] - sums[bounds[:-1]] + _site_offset(site)).tolist()


_WORD_CHAR = re.compile(r"\w")
_FOLDS_TO_SEVERAL = 2**64 - 1


def word_characters(cp: np.ndarray) -> np.ndarray | None:
    """Each code point case-folded when it is then a word character (``\\w``), else 0; None when
    one of them folds to several code points."""
    table = _fold_table()
    if len(cp) and cp.max() > 0xFFFF:  # emoji, rare scripts: looked up one by one (none folds to several)
        folded = np.take(table, cp, mode="clip")  # (those past the table read its last place)
        for i in np.flatnonzero(cp > 0xFFFF):
            char = chr(cp[i]).casefold()
            folded[i] = ord(char) if _WORD_CHAR.fullmatch(char) else 0
    else:
        folded = np.take(table, cp)
    return None if (folded == _FOLDS_TO_SEVERAL).any() else folded


@lru_cache(maxsize=1)
def _fold_table() -> np.ndarray:
    """``_word_characters`` of the 65,536 code points of the Basic Multilingual Plane (a few ms, once)."""
    folds = [chr(c).casefold() for c in range(0x10000)]
    return np.array([_FOLDS_TO_SEVERAL if len(f) > 1 else ord(f) if _WORD_CHAR.fullmatch(f) else 0 for f in folds],
                    dtype=np.uint64)


_TABLE_PLACES = 1 << 16  # places whose weights are kept (2 MB): longer lines are rare


def _weights(place: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The weights of word characters at these places of their lines, and of separators there:
    outputs of splitmix64, a fixed function of the place (the same keys in every process), taken
    from a table for the first ``_TABLE_PLACES`` places, computed for a line longer than that."""
    if place.max(initial=0) >= _TABLE_PLACES:
        place = place.astype(np.uint64)
        return _splitmix64(2 * place), _splitmix64(2 * place + np.uint64(1))
    weights, separators = _weight_table()
    return np.take(weights, place), np.take(separators, place)


@lru_cache(maxsize=1)
def _weight_table() -> tuple[np.ndarray, np.ndarray]:
    place = np.arange(_TABLE_PLACES, dtype=np.uint64)
    return _splitmix64(2 * place), _splitmix64(2 * place + np.uint64(1))


def _splitmix64(k: np.ndarray) -> np.ndarray:
    """splitmix64's output for the counters ``k``: well-mixed 64-bit numbers (arithmetic modulo 2**64)."""
    with np.errstate(over="ignore"):
        z = (k + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


@lru_cache(maxsize=1024)
def _site_offset(site: str) -> np.uint64:
    """What the site adds to its lines' keys: the same words on two sites are two keys."""
    return np.uint64(int.from_bytes(hashlib.blake2b(site.encode(), digest_size=8).digest(), "big"))


def site_of(url: str | None) -> str:
    """The host a page came from; pages with no known URL form one site, the batch."""
    if not url:
        return ""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


class BatchStats(NamedTuple):
    """For each (site, line) key seen on at least ``min_pages`` pages, the number of pages."""

    repeated: dict[int, int]
    pages_per_site: dict[str, int]

    def pages_with(self, site: str, line: str) -> int:
        return self.repeated.get(line_key(site, line), 0)


EMPTY_BATCH = BatchStats({}, {})


def page_keys(site: str, lines: Iterable[str]) -> frozenset[int]:
    """The keys of a page's non-blank lines: all that the counting pass needs of a page (a few
    bytes a line, cheap to send from a worker process)."""
    return frozenset(line_keys(site, list(filter(str.strip, lines))))


def count_keys(pages: Iterable[tuple[str, Iterable[int]]], min_pages: int = 2) -> BatchStats:
    """Count, over ``(site, page_keys)`` pairs, on how many pages of its site each line stands.

    Two pages are enough to keep a count: a line that is one page's headline and stands inside
    another page of the same site is a link to that story (the classifier's ``related``)."""
    counts = KeyCounts()
    per_site: Counter[str] = Counter()
    for site, keys in pages:
        per_site[site] += 1
        counts.add(keys)
    return BatchStats(counts.at_least(min_pages), dict(per_site))


class KeyCounts:
    """How many times each 64-bit key was added, in memory flat in the number of keys.

    Most lines of a batch stand on one page only (an article's sentences), so the distinct keys
    grow with the batch: 100 bytes each in a Python dict, gigabytes for a million pages. The keys
    are kept as 8-byte integers instead, and once there are ``SPILL`` of them in memory they go
    to ``PARTS`` temporary files on disk, by their top bits; at the end each file is counted on
    its own (a sort), and only the keys seen ``min_pages`` times are kept."""

    SPILL = 1 << 22  # keys (32 MB)
    PARTS = 64

    def __init__(self):
        self.chunks: list[np.ndarray] = []
        self.size = 0
        self.files: list | None = None

    def add(self, keys: Iterable[int]) -> None:
        keys = np.fromiter(keys, dtype=np.uint64)
        self.chunks.append(keys)
        self.size += len(keys)
        if self.size >= self.SPILL:
            self.spill()

    def spill(self) -> None:
        if self.files is None:
            self.files = [tempfile.TemporaryFile() for _ in range(self.PARTS)]
        keys = np.concatenate(self.chunks) if self.chunks else np.zeros(0, np.uint64)
        part = (keys >> np.uint64(58)).astype(np.int64)  # the top 6 bits: PARTS = 64
        order = np.argsort(part, kind="stable")
        bounds = np.searchsorted(part[order], np.arange(self.PARTS + 1))
        for i, file in enumerate(self.files):
            keys[order[bounds[i]:bounds[i + 1]]].tofile(file)
        self.chunks, self.size = [], 0

    def at_least(self, min_pages: int) -> dict[int, int]:
        """``{key: count}`` of the keys added at least ``min_pages`` times."""
        if self.files is None:
            parts = [np.concatenate(self.chunks) if self.chunks else np.zeros(0, np.uint64)]
        else:
            self.spill()
            parts = (self._read(file) for file in self.files)
        repeated: dict[int, int] = {}
        for keys in parts:
            unique, counts = np.unique(keys, return_counts=True)
            keep = counts >= min_pages
            repeated.update(zip(unique[keep].tolist(), counts[keep].tolist()))
        return repeated

    @staticmethod
    def _read(file) -> np.ndarray:
        file.seek(0)
        keys = np.fromfile(file, dtype=np.uint64)
        file.close()
        return keys


def count_lines(pages: Iterable[tuple[str, Iterable[str]]], min_pages: int = 2) -> BatchStats:
    """``count_keys`` over ``(site, lines)`` pairs."""
    return count_keys(((site, page_keys(site, lines)) for site, lines in pages), min_pages)

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
from typing import Iterable, NamedTuple
from urllib.parse import urlsplit

import numpy as np

_NOT_WORD = re.compile(r"\W+")
# an ASCII byte as _NOT_WORD and casefold see it: a word character in lower case, anything else a space
_ASCII_WORDS = bytes(ord(chr(b).lower()) if chr(b).isalnum() or b == ord("_") else 32 for b in range(128)) + bytes(range(128, 256))


def line_key(site: str, line: str) -> int:
    """A 64-bit hash of the line's words (case and punctuation ignored), within its site.

    An ASCII line (most lines) is cut into words with ``bytes.translate``, a third of the time the
    regular expression takes, with the same words.

    >>> line_key("a.org", "Home | World") == line_key("a.org", "  home, WORLD!") != line_key("a.org", "Hôme World")
    True
    """
    if line.isascii():
        words = b" ".join(line.encode().translate(_ASCII_WORDS).split())
        data = f"{site}\x00".encode() + words
    else:
        data = f"{site}\x00{_NOT_WORD.sub(' ', line.casefold()).strip()}".encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


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
    return frozenset(line_key(site, line) for line in lines if line.strip())


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

"""The held-out split of the dev bench: by site, never by page.

A page is held out when its site (the gold URL's host, without ``www.``) hashes into one fifth of
the hash space. Rules, phrase lists and models are tuned and trained on the other pages only; the
held-out pages are measured, never looked at. Splitting by site, not by page, keeps a site's
menus and bylines from leaking from the tuning pages into the measured ones.

The split lives in the package so that ``normalizer eval`` can report held-out figures wherever
the package is installed; the gold URL is used for the split and nothing else.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit


def site(url: str | None) -> str:
    """The host of a URL without ``www.``; ``""`` when there is none.

    >>> site("https://www.example.com/news/1.html")
    'example.com'
    """
    return (urlsplit(url or "").hostname or "").removeprefix("www.")


def is_heldout(url: str | None, doc: str) -> bool:
    """Whether a page is held out. Pages with no URL (the Readability test pages) count as a site
    of their own each."""
    key = site(url) or doc
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % 5 == 0


def heldout_docs(bench: Path) -> set[str]:
    """Doc ids (``dataset/docid``) of the held-out pages of a bench folder."""
    docs = set()
    for gold in Path(bench, "gold").glob("*/*.json"):
        g = json.loads(gold.read_text(encoding="utf-8"))
        if is_heldout(g.get("url"), g["doc"]):
            docs.add(g["doc"])
    return docs

"""Step 1b (HTML inputs only): the page's visible text, a line per block, and the metadata its
markup states, as hints.

The page is rendered as a WET dump renders it (resiliparse's ``extract_plain_text``: every visible
block a line, no alt texts, no link targets, list items bulleted), and that text goes through the
same steps as a text input. The line model learned from such dumps; on the dev set's html pages
this gives body_f1 0.951 against 0.936 with trafilatura's main content as the text (held-out
pages 0.940 against 0.936; para_f1 0.902 against 0.864), in 3.6 ms a page against trafilatura's ~90.

The hints are what trafilatura's own metadata reads first: meta tags, JSON-LD, the ``<title>`` or
lone ``<h1>``, htmldate's date from the head, the URL and ``<time>``-like elements, the tags and
categories of links to ``/tag/`` and ``/category/`` pages, and its author XPaths where no meta
tag names the author. Letting ``bare_extraction`` read them took a third of its time (some 28 ms
of 85 a page, steady state on the benchmark's 100 pages); these hints take 12 ms, most of it the
author XPaths. Not read: htmldate's search of the page's text (see ``markup_hints``), the
license, the site's name.
"""
from __future__ import annotations

import re
from dataclasses import replace

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from resiliparse.extract.html2text import extract_plain_text
from trafilatura.metadata import (examine_meta, extract_author, extract_catstags, extract_meta_json, extract_title,
                                  extract_url)
from trafilatura.utils import line_processing, load_html

from .context import RunContext
from .document import Document, InputRejected

# trafilatura takes a link's text for a tag or a category only when its href matches these (its
# ``extract_catstags``): a page whose HTML has no such path (three in four on the dev set) has
# none, and its XPaths (2.5 ms a page each) need not run. (An href that writes its slashes as
# entities would be missed: none on the dev set.)
_CATSTAGS_PATH = {kind: re.compile("/" + kind.rstrip("y") + "(?:y|ies|s)?/") for kind in ("category", "tag")}
# what ``extract_catstags`` falls back on for the categories when no link names one
_SECTION_META = XPath('.//head//meta[@property="article:section" or contains(@name, "subject")]/@content')


def extract_html(doc: Document, ctx: RunContext) -> Document:
    if doc.format != "html":
        return doc
    text = extract_plain_text(doc.text, main_content=False, alt_texts=False, links=False, list_bullets=True)
    if not text.strip():
        raise InputRejected("no_content", "the HTML shows no text")
    # trafilatura refuses markup it takes for no HTML (a lone element with no <html>): such a page
    # still shows its text, with no hints
    tree = load_html(doc.text)
    hints = {} if tree is None else markup_hints(tree, doc.text, doc.source.get("url"))
    return replace(doc, text=text, hints={k: v for k, v in hints.items() if v})


def markup_hints(tree: HtmlElement, page: str, url: str | None) -> dict:
    """The headline, authors, publication date, tags and categories the markup of ``page`` (HTML,
    parsed as ``tree``) states, as trafilatura's ``extract_metadata`` reads them (the same
    functions, in the same order), but for the date's search of the text."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # (as trafilatura does: one word in an author tag is an account's name)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # (as trafilatura does: its JSON-LD reader fails on some malformed blocks, e.g.
        pass  # "author": [null]; what it read before failing stays, as there)
    meta.title = meta.title or extract_title(tree)
    # elements whose class, rel or itemprop says author: 17 ms a page that reaches them (half)
    meta.author = meta.author or extract_author(tree)
    # htmldate's fast mode: the head's and JSON-LD's dates, the URL's, <time> and the elements whose
    # class says date (3 ms a page). Without its search of the page's text, which found a date on
    # 19 of the dev set's html training pages where neither the date line by the headline nor the
    # markup had one: the gold's day on 4, another day on 3, none in the gold on 12 (mostly an
    # "Updated ..." line, not the publication date); it took 30 ms on a page it reached, and the
    # dateparser locales it loads 2.5 s of CPU in each process
    meta.date = find_date(tree, extensive_search=False, original_date=True, url=meta.url or extract_url(tree, url))
    if not meta.categories:
        meta.categories = (extract_catstags("category", tree) if _CATSTAGS_PATH["category"].search(page)
                           else _section_meta(tree))
    if not meta.tags and _CATSTAGS_PATH["tag"].search(page):
        meta.tags = extract_catstags("tag", tree)
    meta.clean_and_trim()
    return {"headline": meta.title, "authors": meta.author, "published": meta.date,
            "keywords": meta.tags, "section": meta.categories}


def _section_meta(tree: HtmlElement) -> list[str]:
    """The categories the meta tags state, as ``extract_catstags`` gives them."""
    return [r for r in dict.fromkeys(line_processing(x) for x in _SECTION_META(tree) if x) if r]


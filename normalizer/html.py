"""Step 1b (HTML inputs only): the page's main content, by trafilatura, and the metadata its
markup states in the cheap places, as hints.

trafilatura reads the DOM, which plain text has lost; its output (one paragraph a line) then goes
through the same steps as a text input, which remove what it left (related links, newsletter
lines) and judge the language.

The hints are what trafilatura's own metadata reads first: meta tags, JSON-LD, the ``<title>`` or
lone ``<h1>``, htmldate's date from the head, the URL and ``<time>``-like elements, the tags and
categories of links to ``/tag/`` and ``/category/`` pages. Of its costly readers, the author
XPaths run only when the metadata step asks for them (``byline_in_markup``), where the page shows
no byline by its headline and no meta tag names the author; htmldate's search of the page's text
does not run (see ``metadata.extract_metadata``). Letting ``bare_extraction`` read the metadata
took a third of its time (28 ms of some 90 a page, steady state on the benchmark's 100 pages);
these hints take 4.5 ms, the author XPaths 8 ms a page on average.
"""
from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import trafilatura
from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_author, extract_catstags, extract_meta_json, extract_title
from trafilatura.utils import line_processing, load_html

from .context import RunContext
from .document import Document, InputRejected

# trafilatura with its fallback extractors (readability, justext), as its default runs: without
# them (fast=True) it takes 69 instead of 90 ms a page (CPU, 30 dev pages), but on the whole dev
# set's html pages body_f1 falls from 0.932 to 0.920 (recall 0.924 -> 0.897), below trafilatura's
# own 0.933. Quality first: the fallbacks stay on.
FAST = False

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
    tree = load_html(doc.text)
    result = None if tree is None else trafilatura.bare_extraction(
        tree, url=doc.source.get("url"), with_metadata=False, include_comments=False, include_tables=True,
        favor_precision=False, fast=FAST)  # (it reads a copy of the tree: the hints read it after)
    if result is None or not (result.text or "").strip():
        raise InputRejected("no_content", "trafilatura found no main content in the HTML")
    hints = markup_hints(tree, doc.text, doc.source.get("url"))
    return replace(doc, text=result.text, hints={k: v for k, v in hints.items() if v})


def markup_hints(tree: HtmlElement, page: str, url: str | None) -> dict:
    """The headline, authors, publication date, tags and categories the markup of ``page`` (HTML,
    parsed as ``tree``) states where they are cheap to read, as trafilatura's ``extract_metadata``
    reads them (the same functions, in the same order)."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # (as trafilatura does: one word in an author tag is an account's name)
    meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    # htmldate's fast mode: the head's and JSON-LD's dates, the URL's, <time> and the elements whose
    # class says date, 3 ms a page; without its search of the text (which hands strings to
    # dateparser, whose locales then cost 2.5 s of CPU to load in each process)
    meta.date = find_date(tree, extensive_search=False, original_date=True, url=meta.url or url)
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


# --- what the metadata step asks for only where the page shows no byline -------------------------

def page_tree(doc: Document) -> HtmlElement | None:
    """The page's tree again, for ``byline_in_markup`` (the extraction step's tree is not kept
    between the batch's two passes): its HTML decoded as ``decode_input`` decoded it, parsed as
    trafilatura parses it."""
    return load_html(doc.raw.decode(doc.encoding or "utf-8", errors="replace"))


def byline_in_markup(tree: HtmlElement) -> str | None:
    """The author trafilatura's XPaths find (elements whose class, rel or itemprop says author),
    as its ``extract_metadata`` gives it: 14 ms a page that has no author in its meta tags."""
    author = extract_author(tree)
    return line_processing(unescape(author)) if author else None


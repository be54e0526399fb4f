"""Step 1b (HTML inputs only): the page's main content and metadata, by trafilatura.

trafilatura reads the DOM, which plain text has lost; its output (one paragraph a line) then goes
through the same steps as a text input, which remove what it left (related links, newsletter
lines) and judge the language. The metadata it found is kept as hints for the metadata step.
"""
from __future__ import annotations

from dataclasses import replace

import trafilatura

from .context import RunContext
from .document import Document, InputRejected

# trafilatura with its fallback extractors (readability, justext), as its default runs: without
# them (fast=True) it takes 69 instead of 90 ms a page (CPU, 30 dev pages), but on the whole dev
# set's html pages body_f1 falls from 0.932 to 0.920 (recall 0.924 -> 0.897), below trafilatura's
# own 0.933. Quality first: the fallbacks stay on.
FAST = False


def extract_html(doc: Document, ctx: RunContext) -> Document:
    if doc.format != "html":
        return doc
    result = trafilatura.bare_extraction(doc.text, url=doc.source.get("url"), with_metadata=True,
                                         include_comments=False, include_tables=True, favor_precision=False,
                                         fast=FAST)
    if result is None or not (result.text or "").strip():
        raise InputRejected("no_content", "trafilatura found no main content in the HTML")
    hints = {"headline": result.title, "authors": result.author, "published": result.date,
             "keywords": result.tags, "section": result.categories}
    return replace(doc, text=result.text, hints={k: v for k, v in hints.items() if v})

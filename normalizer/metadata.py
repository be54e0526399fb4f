"""Step 5: headline, byline and publication date, read from the blocks around the body's start.

First version: the headline is the last short block before the body; no byline or date yet.
"""
from __future__ import annotations

from dataclasses import replace

from .context import RunContext
from .document import Document


def extract_metadata(doc: Document, ctx: RunContext) -> Document:
    blocks = list(doc.blocks)
    first_body = next((i for i, b in enumerate(blocks) if b.kept), None)
    headline = None
    if first_body:
        for i in range(first_body - 1, max(-1, first_body - 6), -1):
            if 3 <= len(blocks[i].text.split()) <= 30:
                headline = blocks[i].text
                blocks[i] = replace(blocks[i], reason="headline")
                break
    return replace(doc, blocks=tuple(blocks), headline=headline)

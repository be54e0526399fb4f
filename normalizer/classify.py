"""Step 4: decide for every block whether it is part of the article body, and if not, why.

First version: cue phrases name the obvious boilerplate; the article is taken to be the longest
run of prose (a maximum-sum search over blocks, prose scoring for, short lines against); short
lines outside that run are boilerplate.
"""
from __future__ import annotations

from dataclasses import replace

from .context import RunContext
from .document import Block, Document
from .phrases import cue_reason

PROSE_WORDS = 12  # a block of this many words or more reads as prose


def _prose_score(block: Block) -> float:
    words = len(block.text.split())
    return float(words) if words >= PROSE_WORDS else -4.0


def main_run(blocks: tuple[Block, ...]) -> tuple[int, int]:
    """``(first, last)`` indices of the run of blocks with the highest total prose score."""
    best, best_span = float("-inf"), (0, -1)
    total, start = 0.0, 0
    for i, block in enumerate(blocks):
        if total <= 0:
            total, start = 0.0, i
        total += _prose_score(block)
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def classify_blocks(doc: Document, ctx: RunContext) -> Document:
    first, last = main_run(doc.blocks)
    labelled = []
    for i, block in enumerate(doc.blocks):
        reason = cue_reason(block.text)
        if reason is None and not first <= i <= last:
            reason = "outside_article" if len(block.text.split()) >= PROSE_WORDS else "boilerplate"
        labelled.append(replace(block, reason=reason))
    return replace(doc, blocks=tuple(labelled))

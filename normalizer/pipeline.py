"""The order of the steps a document goes through. Read this file to know what the program does.

Every step is a function ``step(doc, ctx) -> doc`` in a module of its own; a step that cannot go
on raises ``InputRejected`` with a reason, and the document becomes a rejection, not a record.
"""
from __future__ import annotations

from typing import Callable

from . import __version__
from .classify import classify_blocks
from .context import DEFAULT_CONTEXT, RunContext
from .decode import decode_input
from .document import Document
from .html import extract_html
from .language import detect_language
from .metadata import extract_metadata
from .record import Record, build_record
from .repair import repair_text
from .unwrap import unwrap_hard_breaks

Step = Callable[[Document, RunContext], Document]

STEPS: tuple[Step, ...] = (
    decode_input,        # bytes -> text (UTF-8, declared charset, detection); rejects empty/binary/huge
    extract_html,        # HTML only: the page's visible text, as a WET dump, and its markup's metadata hints
    repair_text,         # newlines, mojibake (ftfy), invisible characters; text -> lines
    unwrap_hard_breaks,  # hard wraps -> paragraphs; lines -> blocks
    classify_blocks,     # body or boilerplate, with a reason for each removed block
    extract_metadata,    # headline, byline, publication date, tags
    detect_language,     # ISO 639-1 code and confidence of the body
)


# the steps that read a page into its lines: a batch's first pass runs them too, to count the lines
# that repeat across pages (``batch_run.py``), and may hand their result to the second
READING_STEPS = STEPS[:STEPS.index(repair_text) + 1]


def run_steps(doc: Document, ctx: RunContext = DEFAULT_CONTEXT, steps: tuple[Step, ...] = STEPS) -> Document:
    """Run ``steps`` (every step by default) on ``doc``; raises ``InputRejected`` if one of them
    rejects it."""
    for step in steps:
        doc = step(doc, ctx)
    return doc


def normalize_document(doc: Document, ctx: RunContext = DEFAULT_CONTEXT) -> Record:
    return build_record(run_steps(doc, ctx), __version__)

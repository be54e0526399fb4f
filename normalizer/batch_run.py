"""A batch of documents through the pipeline, in two passes.

Pass one reads every page's lines and counts the lines that repeat across a site's pages
(``batch.count_lines``); pass two normalizes each page with those counts. Both passes stream:
``documents`` is called once per pass and yields documents one at a time, so memory stays flat in
the size of the batch. Neither pass depends on the order of the documents. A reader may yield a
``Rejection`` in place of an input it could not read: it is passed through as it is.

A page on which a step fails with an unexpected exception (a bug, never a property of the input
that a step should reject) becomes an ``internal_error`` rejection naming the exception and where
it was raised: one bad page must not end an unattended run of a million. The run's summary and
manifest list it, so it is seen and can be reported with its input.
"""
from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .batch import count_lines, site_of
from .context import DEFAULT_CONTEXT, RunContext
from .decode import decode_input
from .document import Document, InputRejected
from .html import extract_html
from .pipeline import normalize_document
from .record import Record
from .repair import repair_text
from .untrusted import printable_name


@dataclass(frozen=True)
class Rejection:
    """An input that did not become a record; ``reason`` is one of ``reasons.REJECTION_REASONS``."""

    name: str
    reason: str
    detail: str

    def __post_init__(self):
        # a name or detail may quote the input (a JSONL field name, a file name): make it printable
        # and storable in the manifest's JSON
        object.__setattr__(self, "name", printable_name(self.name))
        object.__setattr__(self, "detail", printable_name(self.detail))

    def __str__(self) -> str:
        return f"{self.name}: {self.reason} ({self.detail})"


Documents = Callable[[], Iterable["Document | Rejection"]]


def page_lines(doc: Document, ctx: RunContext) -> tuple[str, tuple[str, ...]]:
    """``(site, lines)`` of a document as the classifier will see them, for the counting pass."""
    for step in (decode_input, extract_html, repair_text):
        doc = step(doc, ctx)
    return site_of(doc.source.get("url")), tuple(line.strip() for line in doc.lines)


def batch_context(documents: Documents, ctx: RunContext = DEFAULT_CONTEXT) -> RunContext:
    def pages():
        for doc in documents():
            if isinstance(doc, Rejection):
                continue
            try:
                yield page_lines(doc, ctx)
            except Exception:  # rejected, or failed: the second pass says which
                continue
    return ctx._replace(batch=count_lines(pages()))


def normalize_batch(documents: Documents, ctx: RunContext = DEFAULT_CONTEXT) -> Iterator[Record | Rejection]:
    """Each document's record, or its rejection, in the order the documents come."""
    for _, result in normalize_batch_with_inputs(documents, ctx):
        yield result


def normalize_batch_with_inputs(documents: Documents, ctx: RunContext = DEFAULT_CONTEXT
                                ) -> Iterator[tuple[Document | None, Record | Rejection]]:
    """``normalize_batch``, each result paired with the document it came from (None for an input
    the reader could not read): the archive keeps the raw bytes beside the record."""
    ctx = batch_context(documents, ctx)
    for doc in documents():
        if isinstance(doc, Rejection):
            yield None, doc
            continue
        try:
            yield doc, normalize_document(doc, ctx)
        except InputRejected as rejected:
            yield doc, Rejection(doc.name, rejected.reason, rejected.detail)
        except Exception as error:  # a bug in a step: this page fails, the batch goes on
            yield doc, Rejection(doc.name, "internal_error", failure(error))


def failure(error: Exception) -> str:
    """An unexpected exception on one line: its type, message and the innermost place in the
    normalizer's own code where it was raised.

    >>> try:
    ...     [][0]
    ... except IndexError as error:
    ...     failure(error)
    'IndexError: list index out of range'
    """
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f"{os.sep}normalizer{os.sep}" in f.filename]
    where = f" (in {Path(frames[-1].filename).name}:{frames[-1].lineno} {frames[-1].name})" if frames else ""
    message = " ".join(str(error).split())[:300]
    return f"{type(error).__name__}: {message}{where}" if message else f"{type(error).__name__}{where}"

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

import functools
import hashlib
import itertools
import multiprocessing
import os
import pickle
import signal
import tempfile
import time
import traceback
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple

from . import pipeline
from .batch import BatchStats, count_keys, page_keys, site_of
from .bylines import first_name
from .context import DEFAULT_CONTEXT, RunContext
from .dates import month_day_line
from .document import Document, InputRejected
from .record import Record, build_record
from .untrusted import printable_name

if TYPE_CHECKING:
    from .archive import Archive, Entry


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


class Stored(NamedTuple):
    """A record that a worker wrote into the archive itself: its manifest entry, and its language
    for the run's summary. Only this goes back to the process that writes the manifest, not the
    record and the raw input."""

    entry: Entry
    language: str | None


Documents = Callable[[], Iterable["Document | Rejection"]]
Result = "Record | Rejection"

# documents a worker process is given at a time: IPC per call costs far more than per document
CHUNK = 8
# chunks sent ahead of the one whose results are due: enough to keep every core busy
AHEAD = 4 * (os.cpu_count() or 1)


def count_page(doc: Document | Rejection, ctx: RunContext, cache: Path | None = None
               ) -> tuple[str, frozenset[int]] | None:
    """Pass one on one document: its site and the keys of its lines; None for an input that is
    rejected or fails (the second pass says which). With a ``cache`` folder, a page whose reading
    took long is kept there for pass two, which then does not read it again."""
    if isinstance(doc, Rejection):
        return None
    try:
        start = time.process_time()
        read = pipeline.run_steps(doc, ctx, pipeline.READING_STEPS)
        if cache is not None and time.process_time() - start > KEEP_READING_AFTER:
            (cache / _cache_key(doc)).write_bytes(pickle.dumps({f: getattr(read, f) for f in READ_FIELDS}))
    except Exception:
        return None
    site = site_of(read.source.get("url"))
    return site, page_keys(site, read.lines)


def normalize_page(doc: Document | Rejection, ctx: RunContext, cache: Path | None = None) -> Result:
    """Pass two on one document: its record, or its rejection (a reader's rejection as it is, a
    step's unexpected exception as an ``internal_error``)."""
    if isinstance(doc, Rejection):
        return doc
    try:
        doc, steps = resume(doc, cache)
        return build_record(pipeline.run_steps(doc, ctx, steps), pipeline.__version__)
    except InputRejected as rejected:
        return Rejection(doc.name, rejected.reason, rejected.detail)
    except Exception as error:  # a bug in a step: this page fails, the batch goes on
        return Rejection(doc.name, "internal_error", failure(error))


def store_page(doc: Document | Rejection, ctx: RunContext, cache: Path | None, archive: Archive) -> Stored | Rejection:
    """``normalize_page``, and the record and its raw input stored in ``archive`` (as objects no
    manifest names yet): where the page was normalized, so that the objects are compressed and
    written on every core, not in one process."""
    result = normalize_page(doc, ctx, cache)
    return result if isinstance(result, Rejection) else store_record(archive, result, doc.raw)


def store_record(archive: Archive, record: Record, raw: bytes) -> Stored:
    return Stored(archive.store(record, raw), record["language"])


def resume(doc: Document, cache: Path | None) -> tuple[Document, tuple[pipeline.Step, ...]]:
    """The document as pass one left it in ``cache`` and the steps after reading, when pass one
    kept it (taken out of the cache); else the document as it is and every step."""
    path = None if cache is None else cache / _cache_key(doc)
    if path is None or not path.exists():
        return doc, pipeline.STEPS
    doc = replace(doc, **pickle.loads(path.read_bytes()))
    path.unlink()
    return doc, pipeline.STEPS[len(pipeline.READING_STEPS):]


# Pass one keeps a page's reading (``pipeline.READING_STEPS``) for pass two when it took longer
# than this (seconds of CPU): an HTML page, rendered and its markup read (10 to 50 ms), ftfy on a page that shows
# mojibake (2 to 80 ms), charset detection. Keeping a text page costs about 0.4 ms (written, read
# back, deleted), more than reading most of them again (0.1 ms).
KEEP_READING_AFTER = 0.002
# what the reading steps fill in
READ_FIELDS = ("encoding", "text", "hints", "lines", "repairs")


def _cache_key(doc: Document) -> str:
    """What the reading depends on: the raw bytes, the format and what the reader knew (url, charset)."""
    digest = hashlib.sha256(doc.raw)
    digest.update(repr((doc.format, sorted(doc.source.items()))).encode())
    return digest.hexdigest()


def batch_context(documents: Documents, ctx: RunContext = DEFAULT_CONTEXT, *, pool=None,
                  cache: Path | None = None) -> RunContext:
    """The run's context with the batch's line counts (pass one)."""
    pages = _map(pool, count_page, documents(), ctx, cache)
    return ctx._replace(batch=count_lines(page for _, page in pages if page is not None))


def count_lines(pages: Iterable[tuple[str, frozenset[int]]]) -> BatchStats:
    """The end of pass one: the batch's counts from each page's ``(site, line keys)``; what comes
    after it is pass two (tests hook here to change the inputs between the passes)."""
    return count_keys(pages)


def normalize_batch(documents: Documents, ctx: RunContext = DEFAULT_CONTEXT, *, jobs: int = 1
                    ) -> Iterator[Record | Rejection]:
    """Each document's record, or its rejection, in the order the documents come."""
    for _, result in normalize_batch_with_inputs(documents, ctx, jobs=jobs):
        yield result


def normalize_batch_with_inputs(documents: Documents, ctx: RunContext = DEFAULT_CONTEXT, *, jobs: int = 1,
                                archive: Archive | None = None
                                ) -> Iterator[tuple[Document | None, Record | Stored | Rejection]]:
    """``normalize_batch``, each result paired with the document it came from (None for an input
    the reader could not read): the archive keeps the raw bytes beside the record. With an
    ``archive``, each record is ``Stored`` there by the process that made it (``store_page``).

    ``jobs`` > 1 runs both passes on a pool of that many worker processes: pass one's pages come
    back as key sets, summed here (a sum does not depend on the order); pass two's records come
    back in the order of the inputs. Every page goes through the same functions as with one job,
    so the records are the same bytes. A page whose reading took long (an HTML page, ftfy on
    mojibake: ``KEEP_READING_AFTER``) is kept in a temporary folder between the passes."""
    with tempfile.TemporaryDirectory(prefix="normalizer-") as tmp, _pool(jobs, ctx) as pool:
        cache = Path(tmp)
        ctx = batch_context(documents, ctx, pool=pool, cache=cache)
        second_pass = normalize_page if archive is None else functools.partial(store_page, archive=archive)
        for doc, result in _map(pool, second_pass, documents(), ctx, cache):
            yield (None if isinstance(doc, Rejection) else doc), result


# --- running a per-document function, here or on worker processes ---------------------------------

# a page that makes every step load its models (classifier, headline, language, and the character
# frequencies with which repair restores bytes that mojibake lost)
_WARM_UP = Document(raw=("A headline for the warm-up page\n\nBy Ann Writer, 3 March 2024\n\n"
                         + "The first paragraph of an article is a sentence of ordinary words. " * 4
                         + "\n\nIn Russian, read as cp1252, a byte lost: Ð\xa0Ð¾Ñ\ufffdÑ\ufffdÐ¸Ð¸\n").encode(),
                    name="warm-up.txt")


def load_models(ctx: RunContext) -> None:
    """Load every model and table that the steps load on first use: in the parent before the
    workers are forked (they share them, none loads them again), and before a benchmark's clock
    starts (a long run loads them once; a sample of pages must not pay for them)."""
    normalize_page(_WARM_UP, ctx)
    # the tables that the page does not reach: the first names (a byline's name without a cue) and
    # the month-and-day lines (a date with no year)
    first_name("Ann")
    month_day_line("Jan 4", 2024)


@contextmanager
def _pool(jobs: int, ctx: RunContext):
    """A pool of ``jobs`` worker processes for both passes, or None for one job."""
    if jobs <= 1:
        yield None
        return
    load_models(ctx)
    with worker_pool(jobs) as pool:
        yield pool


def worker_pool(jobs: int) -> multiprocessing.pool.Pool:
    """A pool of ``jobs`` worker processes, forked where the system can fork. Ctrl-C reaches every
    process of the terminal's group: the workers ignore it and the main process stops them (as it
    leaves the pool's ``with``), so the user sees one line, not a traceback from each worker."""
    mp = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return mp.Pool(jobs, initializer=_leave_signals_to_the_main_process)


def _leave_signals_to_the_main_process() -> None:
    """In a worker: ignore Ctrl-C, and end at once on SIGTERM (the pool stops its workers with it),
    whatever handler the main process had when the worker was forked from it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


_WORKER: dict = {}


def _run_chunk(function, docs: list, ctx_file: Path, cache: Path) -> list:
    """In a worker: ``function`` on each doc, with the pass's context (read from its file once)."""
    if _WORKER.get("file") != ctx_file:
        _WORKER["ctx"], _WORKER["file"] = pickle.loads(ctx_file.read_bytes()), ctx_file
    return [function(doc, _WORKER["ctx"], cache) for doc in docs]


def _map(pool, function, docs: Iterable, ctx: RunContext, cache: Path | None) -> Iterator[tuple]:
    """``(doc, function(doc, ctx, cache))`` for each doc, in order. With a ``pool``, chunks of
    documents go to its processes, at most a few chunks per process ahead of the one whose
    results are due, so memory stays flat however long the batch (``Pool.imap`` would read every
    input ahead). The context (the batch's counts) goes to the workers once, in a file."""
    if pool is None:
        for doc in docs:
            yield doc, function(doc, ctx, cache)
        return
    pickled = pickle.dumps(ctx)
    ctx_file = cache / f"context-{hashlib.sha256(pickled).hexdigest()[:16]}.pickle"
    ctx_file.write_bytes(pickled)
    pending: deque = deque()
    for chunk in _chunks(docs, CHUNK):
        pending.append((chunk, pool.apply_async(_run_chunk, (function, chunk, ctx_file, cache))))
        if len(pending) > AHEAD:
            chunk, results = pending.popleft()
            yield from zip(chunk, results.get())
    while pending:
        chunk, results = pending.popleft()
        yield from zip(chunk, results.get())


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


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

"""A batch on a Dask cluster: the two passes of ``batch_run``, their pages run on the workers.

The inputs are cut into partitions that name what to read, never the bytes: a group of page files,
or a stretch of a WARC file (its first record's byte offset and number, and how many records) or
of a JSONL file (its first line's number, and how many lines). Each worker reads its partitions
itself (the inputs must be on a file system the workers see) and runs the very functions of a
local run on each page: ``count_page`` in pass one, ``normalize_page`` in pass two. So the
records are the same bytes as a local run's, whatever the partitions and the number of workers.

Pass one maps over partitions and reduces in the driver: each page comes back as its raw id and
its line keys; the driver finds the duplicates (same bytes: the first in input order stands, as
``readers.InputBatch`` does) and sums the keys of the others into the batch's counts. Pass two
sends those counts to every worker once, and each partition comes back as its records (the
duplicates are not run again). The driver takes partitions back in input order, with a bounded
number in flight, and writes them into the archive's new version, which it commits once, at the
end: a run that fails or is interrupted leaves the last complete version as it was.

A worker that sees the archive (a shared file system, or a cluster on this machine: it finds the
driver's own lock file there) writes each record and raw input into it itself, and sends back only
the manifest entry: the driver, which would otherwise compress and write two objects a page,
writes the manifest alone (and, on commit, moves the staged objects into place). It also keeps the
pages pass one was slow to read (an HTML page, ftfy on mojibake) in the archive's ``tmp/``
for pass two.
Objects are named by their hash and renamed into place whole, so two workers storing the same
object at once is harmless. A worker that does not see the archive sends the raw bytes back with
the record, for the driver to write, and reads such pages again in pass two.
A worker that dies has its partitions run again by Dask, which gives the same results.

``dask[distributed]`` is an optional extra (``pip install 'normalizer[dask]'``), imported only here.
"""
from __future__ import annotations

import itertools
import logging
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

import numpy as np

from .archive import Archive
from .batch_run import Rejection, Result, Stored, count_lines, count_page, normalize_page, store_record
from .context import RunContext
from .document import Document
from .jsonl import JsonlFields
from .readers import CONTAINER_FORMATS, Duplicate, InputFile
from .record import record_id
from .warc import Skipped

# page files in a partition: a task costs the scheduler about a millisecond, a page some 20; a
# pass ends with one worker busy on the last partition while the others wait, so not many more
FILES_PER_PARTITION = 8
# records of a WARC file, or lines of a JSONL file, in a partition of pass two (pass one reads
# each file whole, in one task). A WARC stretch starts at its first record's byte offset; a JSONL
# stretch reads the lines before it without parsing them (a gzipped file cannot be entered midway)
RECORDS_PER_PARTITION = 64
# partitions in flight per worker thread: enough to keep each busy while the driver writes
AHEAD_PER_THREAD = 3
# how long to try to reach a scheduler before saying it cannot be reached
CONNECT_TIMEOUT = "10s"
# Dask's nannies set MALLOC_TRIM_THRESHOLD_ in their workers, which turns glibc's adaptive mmap
# threshold off: every large array of a page is then mapped and unmapped again, and pages took a
# quarter more CPU (5.7 s against 4.5 s for 288 pages). The workers of a cluster a run starts go without it
# (the README says how to do the same on a cluster of your own).
WORKER_ENVIRONMENT = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


class EngineError(Exception):
    """Dask is missing, its scheduler cannot be reached, or its workers keep dying: one line for the user."""


@dataclass(frozen=True)
class Partition:
    """What a worker reads: page files, or one container from its item ``first`` (a WARC file
    read from ``resume``: that record's byte offset and the number of the record before it) up
    to ``stop`` (None: the end). Items are what ``InputFile.pages`` yields (pages, rejections,
    skipped records); ``skip`` holds the positions, in this partition, of duplicate pages."""

    inputs: tuple[InputFile, ...]
    first: int = 0
    stop: int | None = None
    resume: tuple[int, int] = (0, 0)
    skip: frozenset[int] = frozenset()

    def items(self, max_bytes: int, fields: JsonlFields) -> Iterator[Document | Rejection | Skipped]:
        for item in self.inputs:
            pages = item.pages(max_bytes, fields, self.resume)
            yield from pages if self.stop is None else itertools.islice(pages, self.stop - self.first)


class PageSeen(NamedTuple):
    """A page as pass one returns it: enough for the driver to find duplicates, count lines and
    cut a WARC file into stretches (``resume``: where a reader may start at this page)."""

    name: str
    raw_id: str
    resume: tuple[int, int] | None
    counted: tuple[str, np.ndarray] | None


# --- on a worker ---------------------------------------------------------------------------------

def count_partition(part: Partition, max_bytes: int, fields: JsonlFields, ctx: RunContext,
                    store: tuple[str, dict]) -> list[PageSeen | Rejection | Skipped]:
    """Pass one on a partition: each item, a page as ``PageSeen``."""
    cache = _extractions(_shared_archive(store))
    return [PageSeen(item.name, record_id(item.raw), _resume_at(item), _compact(count_page(item, ctx, cache)))
            if isinstance(item, Document) else item for item in part.items(max_bytes, fields)]


def _compact(counted: tuple[str, frozenset[int]] | None) -> tuple[str, np.ndarray] | None:
    """A page's line keys as 8 bytes each, for the trip to the driver (a set of Python ints takes 40)."""
    if counted is None:
        return None
    site, keys = counted
    return site, np.fromiter(keys, dtype=np.uint64, count=len(keys))


def normalize_partition(part: Partition, max_bytes: int, fields: JsonlFields, ctx: RunContext,
                        store: tuple[str, dict]) -> list[tuple[bytes | None, Result | Stored]]:
    """Pass two on a partition: for each page that is no duplicate, its record ``Stored`` by this
    worker in the archive, or ``(raw input, record)`` when the worker does not see the archive,
    or its rejection (raw None)."""
    archive = _shared_archive(store)
    cache = _extractions(archive)
    results: list = []
    for position, item in enumerate(part.items(max_bytes, fields)):
        if isinstance(item, Skipped) or position in part.skip:
            continue
        result = normalize_page(item, ctx, cache)
        if isinstance(result, Rejection):
            results.append((None, result))
        elif archive is None:
            results.append((item.raw, result))
        else:
            results.append((None, store_record(archive, result, item.raw)))
    return results


def _shared_archive(store: tuple[str, dict]) -> Archive | None:
    """The run's archive, if this worker sees it: its lock file is the driver's."""
    root, lock = store
    archive = Archive(root)
    return archive if archive.lock_holder() == lock else None


def _extractions(archive: Archive | None) -> Path | None:
    """Where pass one keeps the pages it was slow to read for pass two, on any worker: the
    archive's tmp/."""
    if archive is None:
        return None
    folder = archive.tmp_dir / "extractions"
    folder.mkdir(exist_ok=True)
    return folder


def _resume_at(doc: Document) -> tuple[int, int] | None:
    """Where a container's reader may start to read this page first (``InputFile.pages``)."""
    if "offset" in doc.source and "record" in doc.source:  # WARC
        return doc.source["offset"], doc.source["record"] - 1
    if "line" in doc.source:  # JSONL
        return 0, doc.source["line"] - 1
    return None


# --- in the driver -------------------------------------------------------------------------------

class ClusterBatch:
    """The inputs of a run as partitions for a cluster. After ``results``, ``duplicates`` and
    ``skipped`` say what ``readers.InputBatch`` says after a local run of the same inputs."""

    def __init__(self, inputs: list[InputFile], max_bytes: int, fields: JsonlFields = JsonlFields()):
        # a worker's working folder is not the driver's: it is given absolute paths
        self.inputs = [replace(i, path=i.path.absolute()) if i.path else i for i in inputs]
        self.max_bytes = max_bytes
        self.fields = fields
        self.duplicates: list[Duplicate] = []
        self.skipped: Counter = Counter()

    def results(self, client, ctx: RunContext, archive: Archive) -> Iterator[tuple[bytes | None, Result | Stored]]:
        """What ``normalize_partition`` says of each page, in input order, duplicates left out."""
        store = (str(archive.root.absolute()), archive.lock_holder())
        seen = _in_order(client, count_partition, self._first_partitions(), self.max_bytes, self.fields, ctx, store)
        second: list[Partition] = []
        ctx = ctx._replace(batch=count_lines(self._reduce(seen, second)))
        shared_ctx = client.scatter([ctx], broadcast=True)[0]  # (a list: a tuple would be scattered item by item)
        for _, results in _in_order(client, normalize_partition, second, self.max_bytes, self.fields, shared_ctx, store):
            yield from results

    def _first_partitions(self) -> Iterator[Partition]:
        """Pass one's partitions: page files in groups, each container whole."""
        group: list[InputFile] = []
        for item in self.inputs:
            if item.format in CONTAINER_FORMATS:
                if group:
                    yield Partition(tuple(group))
                    group = []
                yield Partition((item,))
                continue
            group.append(item)
            if len(group) == FILES_PER_PARTITION:
                yield Partition(tuple(group))
                group = []
        if group:
            yield Partition(tuple(group))

    def _reduce(self, seen: Iterable[tuple[Partition, list]], second: list[Partition]
                ) -> Iterator[tuple[str, np.ndarray]]:
        """Pass one's results in input order: the ``(site, keys)`` of each page that is not a
        duplicate, for ``count_lines``; pass two's partitions are added to ``second``."""
        first_name_of: dict[str, str] = {}
        self.duplicates, self.skipped = [], Counter()
        for part, items in seen:
            stretches = _stretches(part, items)
            cut = next(stretches)
            skip: set[int] = set()
            for position, item in enumerate(items):
                if position == cut.stop:
                    second.append(replace(cut, skip=frozenset(skip)))
                    cut, skip = next(stretches), set()
                if isinstance(item, Skipped):
                    self.skipped[item.kind] += 1
                elif isinstance(item, PageSeen):
                    if item.raw_id in first_name_of:
                        self.duplicates.append(Duplicate(item.name, first_name_of[item.raw_id], item.raw_id))
                        skip.add(position - cut.first)
                        continue
                    first_name_of[item.raw_id] = item.name
                    if item.counted is not None:
                        yield item.counted
            second.append(replace(cut, skip=frozenset(skip)))


def _stretches(part: Partition, items: list) -> Iterator[Partition]:
    """``part`` as pass two's partitions: a container cut into stretches of at least
    ``RECORDS_PER_PARTITION`` items, each starting at a page a reader can resume at."""
    starts = [0]
    if len(part.inputs) == 1 and part.inputs[0].format in CONTAINER_FORMATS:
        for position, item in enumerate(items):
            if (position - starts[-1] >= RECORDS_PER_PARTITION and isinstance(item, PageSeen)
                    and item.resume is not None):
                starts.append(position)
    for first, stop in zip(starts, starts[1:] + [None]):
        resume = items[first].resume if first else (0, 0)
        yield Partition(part.inputs, first, stop, resume)


def _in_order(client, function: Callable, partitions: Iterable[Partition], *arguments
              ) -> Iterator[tuple[Partition, list]]:
    """Each partition and ``function(partition, *arguments)`` run on the cluster, in order, with at
    most ``AHEAD_PER_THREAD`` partitions per worker thread submitted ahead of the one due: the
    driver holds a few partitions' results at a time, never the batch's."""
    from distributed import KilledWorker

    ahead = AHEAD_PER_THREAD * max(sum(client.nthreads().values()), 1)
    pending: deque = deque()

    def due() -> tuple[Partition, list]:
        part, future = pending.popleft()
        try:
            results = future.result()
        except KilledWorker as error:
            tries = error.allowed_failures + 1
            raise EngineError(f"{_describe(part)}: the worker running it died each time ({tries} "
                              f"{'try' if tries == 1 else 'tries'}); the run is stopped") from None
        future.release()
        return part, results

    for part in partitions:
        pending.append((part, client.submit(function, part, *arguments, pure=False)))
        if len(pending) > ahead:
            yield due()
    while pending:
        yield due()


def _describe(part: Partition) -> str:
    names = ", ".join(i.name for i in part.inputs[:3]) + (", ..." if len(part.inputs) > 3 else "")
    return names if part.first == 0 and part.stop is None else f"{names} (items {part.first} to {part.stop or 'the end'})"


@contextmanager
def dask_client(scheduler: str | None, workers: int):
    """A client of the cluster at ``scheduler``, or of a cluster of ``workers`` processes started
    on this machine (and stopped after) when None."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--engine dask needs Dask: pip install 'normalizer[dask]'") from None
    if scheduler is None:
        # (its dashboard on any free port: two runs at once must not fight over the default one)
        with dask.config.set(WORKER_ENVIRONMENT), \
                LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                             silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
    with client:
        yield client

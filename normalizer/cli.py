"""The ``normalizer`` command: clean inputs into the archive, and read, check and explain it.

Each command is a thin edge over the library: it parses options, calls ``readers``, ``batch_run``,
``archive`` or ``validate``, and prints. A user's mistake (a missing archive, a lock held by
another writer, an unknown record) is one line on stderr and exit status 1, never a traceback.
"""
from __future__ import annotations

import functools
import json
import os
import re
import signal
import sys
import threading
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Callable, Iterable, Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from . import __version__
from .archive import Archive, ArchiveError, VersionWriter
from .batch_run import Documents, Rejection, Stored, failure, normalize_batch_with_inputs
from .config import DEFAULT_CONFIG
from .context import RunContext
from .dask_engine import ClusterBatch, EngineError, dask_client
from .document import Document, InputRejected
from .pipeline import run_steps
from .record import Record
from .jsonl import JsonlFields
from .readers import InputBatch, find_inputs, read_one_page
from .validate import ArchiveCheck

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="Scraped news pages (plain text or HTML) to clean, validated, versioned archive records.")

ArchiveOption = Annotated[Path, typer.Option("--archive", "-a", help="The archive folder.", show_default=False)]
VersionOption = Annotated[Optional[int], typer.Option("--version", "-v", help="A version number (default: the latest).")]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", min=1, help="Reject inputs larger than this (after gunzip).")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (same output whatever the number).")]
_FIELDS = JsonlFields()


def field_option(flag: str, holds: str):
    return typer.Option(flag, help=f"The JSONL field that holds {holds}.")


# the commands that write a new version
WRITERS = ("clean", "rebuild")


class UserError(Exception):
    """A mistake in how the command was called; its message is all the user needs to see."""


def _stop_as_ctrl_c(signum, frame) -> None:
    """SIGTERM (`kill PID`, `timeout`, a service manager stopping the run) stops a command as
    Ctrl-C does: a writer gives its lock back and clears its ``tmp/``, where the default action
    would end the process on the spot and leave a stale lock for `normalizer unlock`."""
    raise KeyboardInterrupt


@contextmanager
def sigterm_as_ctrl_c() -> Iterator[None]:
    """``_stop_as_ctrl_c`` for SIGTERM while a command runs (signals are only handled in the main
    thread: elsewhere the default stays)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _stop_as_ctrl_c)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def reports_errors(command: Callable) -> Callable:
    """Turn a user's mistake into one line on stderr and exit status 1 (130 on Ctrl-C or SIGTERM)."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            with sigterm_as_ctrl_c():
                return command(*args, **kwargs)
        except (UserError, ArchiveError, EngineError) as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            kept = ": the archive keeps its last complete version" if command.__name__ in WRITERS else ""
            typer.echo(f"interrupted{kept}", err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:  # `normalizer export | head`: the reader has gone, nothing to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        except OSError as error:  # the disk is full, the archive is read-only: inputs never get here
            where = f"{error.filename}: " if error.filename else ""
            kept = "; the archive keeps its last complete version" if command.__name__ in WRITERS else ""
            typer.echo(f"error: {where}{error.strerror or error}{kept}", err=True)
            raise typer.Exit(1) from None
    return run


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless there is one.

    >>> counted(1, "record"), counted(5, "record file")
    ('1 record', '5 record files')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def run_context(max_bytes: int) -> RunContext:
    return RunContext(config=DEFAULT_CONFIG._replace(max_input_bytes=max_bytes))


# writing the archive

@dataclass
class Tally:
    """The records of a run: how each compares with the parent version, and their languages."""

    outcomes: Counter = field(default_factory=Counter)  # new / changed / unchanged
    languages: Counter = field(default_factory=Counter)


def summary_lines(tally: Tally, writer: VersionWriter, version: int | None,
                  skipped: Counter | None = None) -> Iterator[str]:
    """What a ``clean`` or ``rebuild`` run read, wrote, rejected and skipped (WARC records that
    hold no page), and the version it made."""
    records = sum(tally.outcomes.values())
    written = tally.outcomes["new"] + tally.outcomes["changed"]
    read = records + len(writer.rejections) + len(writer.duplicates)
    yield (f"read {counted(read, 'input')}: {counted(records, 'record')} ({written} written: "
           f"{tally.outcomes['new']} new, {tally.outcomes['changed']} changed; {tally.outcomes['unchanged']} "
           f"unchanged), {counted(len(writer.duplicates), 'duplicate')}, {len(writer.rejections)} rejected")
    if skipped:
        yield (f"skipped {counted(sum(skipped.values()), 'WARC record')} holding no page: "
               + ", ".join(f"{kind} {n}" for kind, n in sorted(skipped.items())))
    if writer.rejections:
        reasons = Counter(r.reason for r in writer.rejections)
        yield "rejected: " + ", ".join(f"{reason} {n}" for reason, n in sorted(reasons.items()))
        yield from (f"  {rejection}" for rejection in writer.rejections)
    if tally.languages:
        yield "languages: " + ", ".join(f"{lang} {n}" for lang, n in tally.languages.most_common())
    root = writer.archive.root
    if version is None:
        yield f"{root}: unchanged, nothing written (still version {writer.parent or 'none'})"
    else:
        yield f"{root}: wrote version {version}"


def progress_reporter(documents: Documents, total: int) -> tuple[Documents, object]:
    """``documents`` with a progress bar per pass on stderr, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return documents, nullcontext()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True)
    passes = iter(("counting repeated lines", "normalizing"))

    def each_pass():
        task = progress.add_task(next(passes, "reading"), total=total)
        for item in documents():
            yield item
            progress.advance(task)
        progress.remove_task(task)
    return each_pass, progress


def write_batch(writer: VersionWriter, documents: Documents, total: int | None, ctx: RunContext,
                jobs: int = 1) -> Tally:
    """Normalize a batch into the writer's version (``total``: its number of pages, None when
    unknown before reading)."""
    documents, progress = progress_reporter(documents, total)
    with progress:
        results = normalize_batch_with_inputs(documents, ctx, jobs=jobs, archive=writer.archive)
        return write_results(writer, ((None, result) for _, result in results))


def write_results(writer: VersionWriter, results: Iterable[tuple[bytes | None, Record | Rejection | Stored]]) -> Tally:
    """Each ``(raw input, record)`` into the writer's version, or its rejection; a record that the
    process which made it ``Stored`` in the archive itself comes without its raw input."""
    tally = Tally()
    for raw, result in results:
        if isinstance(result, Rejection):
            reject(writer, result)
            continue
        if isinstance(result, Stored):
            tally.outcomes[writer.add_stored(result.entry)] += 1
            tally.languages[result.language or "unknown"] += 1
            continue
        tally.outcomes[writer.add(result, raw)] += 1
        tally.languages[result["language"] or "unknown"] += 1
    return tally


def reject(writer: VersionWriter, rejection: Rejection) -> None:
    """A rejection goes into the version's manifest, and is said at once on stderr."""
    typer.echo(f"rejected {rejection}", err=True)
    writer.reject(rejection)


@app.command()
@reports_errors
def clean(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or - for stdin.",
                                                 metavar="INPUT", show_default=False)],
    archive: ArchiveOption,
    max_bytes: MaxBytesOption = DEFAULT_CONFIG.max_input_bytes,
    text_field: Annotated[str, field_option("--text-field", "a page's plain text")] = _FIELDS.text,
    html_field: Annotated[str, field_option("--html-field", "a page's HTML (preferred over the text)")] = _FIELDS.html,
    url_field: Annotated[str, field_option("--url-field", "the page's URL")] = _FIELDS.url,
    date_field: Annotated[str, field_option("--date-field", "when the page was captured")] = _FIELDS.date,
    id_field: Annotated[str, field_option("--id-field", "the page's id in the export")] = _FIELDS.id,
    jobs: JobsOption = 1,
    engine: Annotated[str, typer.Option("--engine", help="local: processes on this machine (--jobs); dask: a Dask "
                                        "cluster (same output).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="With --engine dask: the address of a "
                                                     "running Dask scheduler (default: a cluster of --jobs worker "
                                                     "processes on this machine).", show_default=False)] = None,
) -> None:
    """Normalize inputs into a new version of the archive.

    Reads pages from .txt, .html and .htm files, from WARC and WET files (.warc, .wet: each
    response or conversion record) and from JSONL files (.jsonl: one page a line), each of them
    optionally gzipped. The new version holds the previous version's records and this run's, a
    record replacing the one of the same id. Nothing is written when that equals the previous
    version.
    """
    if engine not in ("local", "dask"):
        raise UserError(f"--engine must be local or dask, not {engine!r}")
    if scheduler is not None and engine != "dask":
        raise UserError("--scheduler is an address for --engine dask")
    fields = JsonlFields(text=text_field, html=html_field, url=url_field, date=date_field, id=id_field)
    found, missing = find_inputs(inputs, max_bytes)
    if not found:
        for rejection in missing:
            typer.echo(f"rejected {rejection}", err=True)
        raise UserError("nothing to read: no input was found")
    with (dask_client(scheduler, jobs) if engine == "dask" else nullcontext()) as client, \
            Archive(archive).writer("clean") as writer:
        for rejection in missing:
            reject(writer, rejection)
        if client is None:
            batch = InputBatch(found, max_bytes, fields)
            tally = write_batch(writer, batch, batch.pages_known, run_context(max_bytes), jobs)
        else:
            batch = ClusterBatch(found, max_bytes, fields)
            tally = write_results(writer, batch.results(client, run_context(max_bytes), writer.archive))
        for duplicate in batch.duplicates:
            writer.duplicate(duplicate)
        for line in summary_lines(tally, writer, writer.commit(), batch.skipped):
            typer.echo(line)


@app.command()
@reports_errors
def rebuild(archive: ArchiveOption, max_bytes: MaxBytesOption = DEFAULT_CONFIG.max_input_bytes,
            jobs: JobsOption = 1) -> None:
    """Re-normalize every stored raw input into a new version.

    The raw inputs of the latest version go through this normalizer as one batch. An input it
    rejects leaves the version (its raw input stays in the archive)."""
    store = Archive(archive).require()
    with store.writer("rebuild", base={}) as writer:
        entries = writer.parent_entries
        tally = write_batch(writer, store.stored_documents(entries), len(entries), run_context(max_bytes), jobs)
        for line in summary_lines(tally, writer, writer.commit()):
            typer.echo(line)


@app.command()
@reports_errors
def unlock(
    archive: ArchiveOption,
    force: Annotated[bool, typer.Option(help="Remove the lock even if its holder cannot be checked.")] = False,
) -> None:
    """Clear a stale lock left by a crashed writer.

    The lock is removed only when its process is gone (checked by pid on this host)."""
    typer.echo(Archive(archive).require().clear_stale_lock(force))


# reading the archive

@app.command()
@reports_errors
def validate(archive: Annotated[Path, typer.Argument(help="The archive folder.", show_default=False)]) -> None:
    """Check records, manifests, hashes and the version chain.

    Prints each problem with its file; exits with status 1 if there is any."""
    store = Archive(archive).require()
    check = ArchiveCheck(store)
    problems = 0
    for problem in check.problems():
        typer.echo(str(problem))
        problems += 1
    versions = len(store.version_numbers())
    verdict = "all valid" if not problems else counted(problems, "problem")
    typer.echo(f"{archive}: {counted(versions, 'version')}, {counted(check.records_checked, 'record file')} "
               f"checked, {verdict}")
    if problems:
        raise typer.Exit(1)


@app.command()
@reports_errors
def export(
    archive: ArchiveOption,
    version: VersionOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl: one record a line; text: headline and body.")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Write a version's records, in id order, for other tools."""
    if format not in ("jsonl", "text"):
        raise UserError(f"--format must be jsonl or text, not {format!r}")
    store = Archive(archive).require()
    records = store.records(store.resolve(version))
    with (open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout)) as out:
        for _, record in records:
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n" if format == "jsonl"
                      else record_as_text(record))


def record_as_text(record: dict) -> str:
    """A record for reading: a header line with id and name, the headline, then the body."""
    headline = f"{record['headline']}\n\n" if record["headline"] else ""
    return f"### {record['id']} {record['source']['name']}\n\n{headline}{record['text']}\n\n"


@app.command()
@reports_errors
def show(
    archive: ArchiveOption,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A record id, or a unique prefix of one.")],
    version: VersionOption = None,
) -> None:
    """Print one record as it is stored."""
    store = Archive(archive).require()
    entry = store.find(record_id, version)
    sys.stdout.write(store.record_path(entry.record).read_text(encoding="utf-8"))


@app.command()
@reports_errors
def log(archive: ArchiveOption) -> None:
    """List the versions and their counts.

    Each line: the version, when and by which command and normalizer version it was written, its
    records (+ added, ~ changed, - removed since its parent), rejected and duplicate inputs."""
    store = Archive(archive).require()
    for number in store.version_numbers():
        manifest = store.manifest(number)
        counts = manifest["counts"]
        typer.echo(f"version {number}  {manifest['created']}  {manifest['command']:<7}  "
                   f"normalizer {manifest['normalizer']['version']}  {counted(counts['records'], 'record')} "
                   f"(+{counts['added']} ~{counts['changed']} -{counts['removed']})  "
                   f"{counts['rejected']} rejected  {counted(counts['duplicates'], 'duplicate')}")


@app.command()
@reports_errors
def diff(
    archive: ArchiveOption,
    old: Annotated[int, typer.Argument(metavar="A", help="The older version.")],
    new: Annotated[int, typer.Argument(metavar="B", help="The newer version.")],
) -> None:
    """Records added, removed and changed between versions A and B.

    Added records are marked +, removed -, changed ~ with the fields that changed."""
    store = Archive(archive).require()
    before, after = store.entries(old), store.entries(new)
    for record_id in sorted(before.keys() | after.keys()):
        a, b = before.get(record_id), after.get(record_id)
        if a is None:
            typer.echo(f"+ {record_id}  {b.name}")
        elif b is None:
            typer.echo(f"- {record_id}  {a.name}")
        elif a != b:
            typer.echo(f"~ {record_id}  {b.name}  ({', '.join(changed_fields(store.record(a), store.record(b)))})")
    changed = sum(1 for i in before.keys() & after.keys() if before[i] != after[i])
    typer.echo(f"{len(after.keys() - before.keys())} added, {len(before.keys() - after.keys())} removed, "
               f"{changed} changed, {len(before.keys() & after.keys()) - changed} unchanged")


def changed_fields(a: dict, b: dict) -> list[str]:
    """The top-level fields whose values differ between two records.

    >>> changed_fields({"text": "a", "headline": "h"}, {"text": "b", "headline": "h"})
    ['text']
    """
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


# explaining one page

@app.command()
@reports_errors
def explain(
    page: Annotated[str, typer.Argument(help="A page (.txt, .html, .htm, or the same gzipped), FILE#N for the page "
                                              "of record or line N of a WARC or JSONL file, or - for stdin.",
                                         show_default=False, metavar="PAGE")],
    max_bytes: MaxBytesOption = DEFAULT_CONFIG.max_input_bytes,
    text_field: Annotated[str, field_option("--text-field", "a page's plain text")] = _FIELDS.text,
    html_field: Annotated[str, field_option("--html-field", "a page's HTML (preferred over the text)")] = _FIELDS.html,
) -> None:
    """Show why each line of a page was kept or removed.

    Prints the page as read, each line kept or removed with its reason, then the headline,
    authors, date and language found. The page is explained on its own: lines that a batch would remove for repeating across a
    site's pages (reason `repeated`) are only found by `clean`. A page in a WARC or JSONL file is
    named as its record is (`crawl.warc.gz#12`).
    """
    fields = _FIELDS._replace(text=text_field, html=html_field)
    try:
        doc = run_steps(read_one_page(page, max_bytes, fields), run_context(max_bytes))
    except InputRejected as rejected:
        raise UserError(f"{page}: rejected: {rejected.reason} ({rejected.detail})") from None
    except Exception as error:  # a bug in a step, said as `clean` says it
        raise UserError(f"{page}: rejected: internal_error ({failure(error)})") from None
    console = Console(highlight=False, soft_wrap=True, emoji=False)
    for line in explanation(doc):
        console.print(line)


def explanation(doc: Document) -> Iterator[Text]:
    """The lines ``explain`` prints: a header, every line of the page labelled, the metadata."""
    removed = sum(1 for b in doc.blocks if not b.kept)
    shown_as = "as rendered" if doc.format == "html" else "as read"
    yield Text(f"{doc.name} ({doc.format}, {doc.encoding}), {shown_as}: {len(doc.lines)} lines, "
               f"{len(doc.blocks)} blocks, {len(doc.blocks) - removed} kept, {removed} removed", style="bold")
    block_of_line = {n: block for block in doc.blocks for n in range(block.first_line, block.last_line + 1)}
    width = len(str(len(doc.lines)))
    for number, line in enumerate(doc.lines):
        block = block_of_line.get(number)
        label = "" if block is None else "kept" if block.kept else block.reason
        style = "" if block is None else "green" if block.kept else "red"
        yield Text(f"{number + 1:>{width}}  {label:<16} ", style=style) + Text(line, style="" if style == "green" else "dim")
    yield Text("")
    for name, value in (("headline", doc.headline), ("authors", ", ".join(doc.authors) or None),
                        ("published", doc.published), ("updated", doc.updated), ("language", language_label(doc))):
        yield Text(f"{name + ':':<11}", style="bold") + Text(value or "(none)")


def language_label(doc: Document) -> str | None:
    if doc.language is None:
        return None
    return f"{doc.language} (confidence {doc.language_confidence})"


# the benchmark

@app.command("eval")
@reports_errors
def evaluate(
    bench: Annotated[Path, typer.Argument(help="The benchmark folder (manifest.jsonl, inputs/, gold/).", show_default=False)],
    only: Annotated[Optional[str], typer.Option(help="Only inputs whose name matches this regular expression.")] = None,
    predictions: Annotated[Optional[Path], typer.Option(help="Also write the predictions JSONL here.")] = None,
    floor: Annotated[Optional[Path], typer.Option(help="Fail if a score falls below the floors in this file.")] = None,
    jobs: JobsOption = 1,
) -> None:
    """Score the normalizer on a benchmark folder."""
    if not bench.is_dir():
        raise UserError(f"{bench}: no benchmark here (not a folder)")
    if only is not None:
        try:
            re.compile(only)
        except re.error as error:
            raise UserError(f"--only {only!r} is not a regular expression ({error})") from None
    from .evaluate import check_floor, format_table, run_eval  # the scorer is only needed here

    # (jobs passed only when > 1: tests/test_cli.py stands a fake without it in for run_eval)
    table = run_eval(bench, only=only, predictions_out=predictions, **({"jobs": jobs} if jobs > 1 else {}))
    typer.echo(format_table(table))
    if floor is not None:
        problems = check_floor(table, floor)
        for problem in problems:
            typer.echo(f"below the floor: {problem}", err=True)
        if problems:
            raise typer.Exit(1)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"normalizer {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Print the normalizer's version and exit.")] = False,
) -> None:
    """Scraped news pages (plain text or HTML) to clean, validated, versioned archive records."""

"""The inputs of a run: files, folders and standard input, read as ``Document``s one at a time.

A batch run passes over its inputs twice (``batch_run``), so the inputs are found once, as a list
of small ``InputFile`` descriptions, and read again from disk on each pass: memory holds one page
at a time, never the batch. Only standard input, which cannot be read twice, is kept in memory,
and it is a single page. A page file is one input; a container file (WARC or WET: ``warc``, JSONL:
``jsonl``) holds many, read record by record. An input that cannot be read becomes a
``Rejection`` in its place, with one of ``reasons.REJECTION_REASONS``, and the batch goes on.
"""
from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from .batch_run import Rejection, failure
from .document import Document, InputRejected
from .jsonl import JsonlFields, read_jsonl
from .record import record_id
from .untrusted import printable_name
from .warc import GZIP_MAGIC, WARC_START, Skipped, read_warc, sniff_format

# the suffixes read from a folder, and the format each stands for; `.gz` may follow any of them
SUFFIX_FORMATS = {".txt": "text", ".html": "html", ".htm": "html",
                  ".warc": "warc", ".wet": "warc", ".jsonl": "jsonl"}
# the formats of files that hold many pages, read record by record
CONTAINER_FORMATS = ("warc", "jsonl")
STDIN = "-"
STDIN_NAME = "<stdin>"


def format_of(name: str) -> str | None:
    """The format a file name stands for, or None when its suffix is not one we read.

    >>> format_of("world/story.html.gz"), format_of("page.TXT"), format_of("notes.md")
    ('html', 'text', None)
    >>> format_of("CC-MAIN-2024-00001.warc.wet.gz"), format_of("crawl.warc"), format_of("export.jsonl.gz")
    ('warc', 'warc', 'jsonl')
    """
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None


@dataclass(frozen=True)
class InputFile:
    """One input to read: a file on disk, or standard input's bytes (``data``).

    ``name`` is what the record calls it: the path relative to the folder the user gave, or the
    file's own name when the user named the file.
    """

    name: str
    path: Path | None
    format: str
    data: bytes | None = field(default=None, repr=False)

    def read(self, max_bytes: int) -> bytes:
        """The input's bytes (decompressed if gzipped); raises ``InputRejected`` if it cannot be read."""
        if self.data is not None:
            return _unnamed_bytes(self.data, max_bytes)
        with _file_errors(self.path):
            return _read_file(self.path, max_bytes)

    def pages(self, max_bytes: int, fields: JsonlFields, resume: tuple[int, int] = (0, 0)
              ) -> Iterator[Document | Rejection | Skipped]:
        """The input's pages: one for a page file, each record's for a container (WARC, JSONL),
        with a ``Rejection`` for each that cannot be read and ``Skipped`` for WARC records that
        hold no page. ``resume`` starts a container at a page: a WARC file at a record's byte offset
        (``warc.read_warc``), a JSONL file at a line; its second number is the record or line before."""
        if self.format not in CONTAINER_FORMATS:
            try:
                yield Document(raw=self.read(max_bytes), name=self.name, format=self.format)
            except InputRejected as rejected:
                yield Rejection(self.name, rejected.reason, rejected.detail)
            return
        try:
            with _file_errors(self.path), _open_container(self.path, self.format) as stream:
                if self.format == "warc":
                    yield from read_warc(stream, self.name, max_bytes, resume)
                else:
                    yield from read_jsonl(stream, self.name, max_bytes, fields, skip=resume[1])
        except InputRejected as rejected:
            yield Rejection(self.name, rejected.reason, rejected.detail)
        except Exception as error:  # a bug in a reader: the pages before it stand, the run goes on
            yield Rejection(self.name, "internal_error", f"reading stopped here: {failure(error)}")


@contextmanager
def _file_errors(path: Path) -> Iterator[None]:
    """Turn a file system error into the ``unreadable`` rejection that says its cause."""
    try:
        yield
    except FileNotFoundError:
        cause = "a broken symbolic link" if path.is_symlink() else "no such file or directory"
        raise InputRejected("unreadable", cause) from None
    except PermissionError:
        raise InputRejected("unreadable", "permission denied") from None
    except OSError as error:
        raise InputRejected("unreadable", error.strerror or str(error)) from None


@contextmanager
def _open_container(path: Path, fmt: str) -> Iterator[BinaryIO]:
    """A container file open for streaming: a JSONL file decompressed if gzipped, a WARC file as it
    is (warcio decompresses it a record, a gzip member, at a time)."""
    gzipped = fmt == "jsonl" and path.name.lower().endswith(".gz")
    with _open_regular(path) as file, (gzip.GzipFile(fileobj=file, mode="rb") if gzipped else file) as stream:
        yield stream


def _open_regular(path: Path) -> BinaryIO:
    """The file open for reading, if it is a regular file; a FIFO or a device is rejected, as
    reading it could wait for ever or never end. It is opened without waiting (a FIFO with no
    writer would block ``open`` itself) and checked once open, so that a file replaced by a FIFO
    after it was found cannot stall the run."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputRejected("unreadable", "not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_file(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, never more than ``max_bytes`` (not even a file that grows as it is
    read: its size is checked first, and then no more than the limit is read)."""
    with _open_regular(path) as file:
        if path.name.lower().endswith(".gz"):
            return _read_gzip(file, max_bytes)
        size = os.fstat(file.fileno()).st_size
        if size > max_bytes:
            raise InputRejected("too_large", f"{size} bytes, over the limit of {max_bytes}")
        return _within_limit(file.read(max_bytes + 1), max_bytes)


def _within_limit(data: bytes, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise InputRejected("too_large", f"over the limit of {max_bytes} bytes")
    return data


def _unnamed_bytes(data: bytes, max_bytes: int) -> bytes:
    """Bytes that came with no name (standard input's), decompressed when they start with gzip's
    magic number (`cat page.txt.gz | normalizer clean -`), as a `.gz` file is by its name. They
    are one page: a WARC file is rejected, not made a page of its WARC and HTTP headers."""
    data = _within_limit(data, max_bytes)
    if data.startswith(GZIP_MAGIC):
        data = _read_gzip(io.BytesIO(data), max_bytes)
    if data.startswith(WARC_START):
        raise InputRejected("unreadable", "a WARC file, but standard input is read as one page: give the file's name instead")
    return data


def _stdin_input(max_bytes: int) -> InputFile:
    """Standard input as one page, read now: it cannot be read again."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    return InputFile(STDIN_NAME, None, _stdin_format(data, max_bytes), data)


def _stdin_format(data: bytes, max_bytes: int) -> str:
    """Whether standard input holds HTML or text, as its start says once decompressed; bytes that
    cannot be read say text (they are rejected when the batch reads them)."""
    try:
        return sniff_format(_unnamed_bytes(data, max_bytes))
    except InputRejected:
        return "text"


def _read_gzip(file: BinaryIO, max_bytes: int) -> bytes:
    """Decompress at most ``max_bytes + 1`` bytes: a small file that inflates hugely is stopped early."""
    try:
        with gzip.GzipFile(fileobj=file, mode="rb") as stream:
            data = stream.read(max_bytes + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise InputRejected("corrupt", f"not a complete gzip file ({error or 'truncated'})") from None
    return _within_limit(data, max_bytes)


def _files_under(folder: Path, rejections: list[Rejection]) -> Iterator[InputFile]:
    """The inputs in a folder and its subfolders, hidden ones (``.git``, ``.cache``) left out.

    A subfolder that cannot be listed, or a symbolic link back to a folder already searched (a
    loop, which would otherwise be searched for ever), is added to ``rejections`` and the search
    goes on. Names are ``printable_name``s: a name on disk may hold any bytes.
    """
    seen: set[tuple[int, int]] = set()

    def cannot_list(error: OSError) -> None:
        where = Path(error.filename or folder)
        rejections.append(Rejection(_name_in(where, folder), "unreadable",
                                    f"a folder that cannot be listed ({error.strerror or error})"))

    for root, dirs, files in os.walk(folder, onerror=cannot_list, followlinks=True):
        try:
            info = os.stat(root)
        except OSError as error:  # gone since it was listed, or a link loop the kernel stops
            cannot_list(error)
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            rejections.append(Rejection(_name_in(Path(root), folder), "unreadable", "a symbolic link to a folder "
                                        "already searched (a loop, or a second way in): not searched again"))
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in files:
            path = Path(root, file_name)
            fmt = format_of(file_name)
            if fmt and not file_name.startswith("."):
                yield InputFile(_name_in(path, folder), path, fmt)


def _name_in(path: Path, folder: Path) -> str:
    """What a record calls a file found in ``folder``: its path from there, printable."""
    try:
        relative = path.relative_to(folder).as_posix()
    except ValueError:
        relative = path.as_posix()
    return printable_name(relative if relative != "." else folder.as_posix())


def find_inputs(arguments: list[str], max_bytes: int) -> tuple[list[InputFile], list[Rejection]]:
    """The inputs the user named, in name order, and a rejection for every argument with none.

    A folder is searched recursively for the suffixes of ``SUFFIX_FORMATS`` (optionally ``.gz``);
    a file named on its own is read whatever its suffix (text unless it says HTML, WARC or JSONL);
    ``-`` is standard input (one page, decompressed if gzipped), read here once.
    """
    inputs: list[InputFile] = []
    rejections: list[Rejection] = []
    for argument in arguments:
        if argument == STDIN:
            inputs.append(_stdin_input(max_bytes))
            continue
        path = Path(argument)
        try:
            is_folder = path.is_dir()
        except OSError as error:  # a name too long, a component that is a file...
            rejections.append(Rejection(printable_name(path.name or argument), "unreadable", error.strerror or str(error)))
            continue
        if is_folder:
            already = len(rejections)
            found = list(_files_under(path, rejections))
            if not found and len(rejections) == already:
                suffixes = ", ".join(SUFFIX_FORMATS)
                rejections.append(Rejection(argument, "empty", f"a folder with no readable inputs ({suffixes}, or gzipped)"))
            inputs.extend(found)
        else:
            inputs.append(InputFile(printable_name(path.name or argument), path, format_of(path.name) or "text"))
    return sorted(inputs, key=lambda i: (i.name, str(i.path))), rejections


def read_one_page(argument: str, max_bytes: int, fields: JsonlFields = JsonlFields()) -> Document:
    """The page ``argument`` names: a page file, or ``FILE#N`` for the page of record (WARC) or
    line (JSONL) N of a container, as records name it (``crawl.warc.gz#12``), or ``-`` for standard
    input. The container is read up to that page. Raises ``InputRejected`` when the page cannot be
    read or is not there."""
    path, _, number = argument.rpartition("#")
    if not (path and format_of(path) in CONTAINER_FORMATS) or Path(argument).exists():
        path, number = argument, ""
    if argument == STDIN:
        item = _stdin_input(max_bytes)
    else:
        item = InputFile(printable_name(Path(path).name), Path(path), format_of(path) or "text")
    if item.format in CONTAINER_FORMATS and not number.isdigit():
        raise InputRejected("unreadable", f"a container of many pages: name one as {item.name}#N, N its record "
                                          f"(WARC) or line (JSONL) number")
    wanted = f"{item.name}#{number}" if number else item.name
    for page in item.pages(max_bytes, fields):
        if page.name == wanted:
            if isinstance(page, Rejection):
                raise InputRejected(page.reason, page.detail)
            if isinstance(page, Skipped):
                raise InputRejected("no_content", f"a {page.kind} record, which holds no page")
            return page
    raise InputRejected("unreadable", f"{item.name} has no record or line {number}")


@dataclass(frozen=True)
class Duplicate:
    """An input with the same bytes as an earlier one (``first``): the record ``id`` stands for both."""

    name: str
    first: str
    id: str


class InputBatch:
    """The inputs of a run as ``normalize_batch`` wants them: called once per pass, it reads them
    again and yields, in name order (a container's records in file order), each distinct page's
    ``Document`` or the ``Rejection`` of an input that cannot be read.

    Two pages with identical bytes would be one record with the same id, so only the first is
    yielded; the others are listed in ``duplicates`` after a pass. WARC records that hold no page
    are counted by kind in ``skipped``.
    """

    def __init__(self, inputs: list[InputFile], max_bytes: int, fields: JsonlFields = JsonlFields()):
        self.inputs = inputs
        self.max_bytes = max_bytes
        self.fields = fields
        self.duplicates: list[Duplicate] = []
        self.skipped: Counter = Counter()

    def __len__(self) -> int:
        return len(self.inputs)

    @property
    def pages_known(self) -> int | None:
        """How many pages a pass yields at most, when known before reading: None when a container
        (whose records are only counted by reading it) is among the inputs."""
        return None if any(i.format in CONTAINER_FORMATS for i in self.inputs) else len(self.inputs)

    def __call__(self) -> Iterator[Document | Rejection]:
        first_name_of: dict[str, str] = {}
        self.duplicates = []
        self.skipped = Counter()
        for item in self.inputs:
            for page in item.pages(self.max_bytes, self.fields):
                if isinstance(page, Skipped):
                    self.skipped[page.kind] += 1
                    continue
                if isinstance(page, Rejection):
                    yield page
                    continue
                raw_id = record_id(page.raw)
                if raw_id in first_name_of:
                    self.duplicates.append(Duplicate(page.name, first_name_of[raw_id], raw_id))
                    continue
                first_name_of[raw_id] = page.name
                yield page

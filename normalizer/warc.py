"""WARC and WET files read as pages: each HTTP response or WET conversion record is one input.

Crawlers (Heritrix, wget, Browsertrix, Common Crawl) write WARC files; Common Crawl's WET files
are WARC files of ``conversion`` records, each a page's plain text. warcio reads the format (plain
or one gzip member per record, streaming: one record in memory at a time, never the file); this
module decides which records are pages, says where each came from (``source``: file, record
number, byte offset, URL, capture date, the charset the HTTP header declared) and turns a record
it cannot read into a ``Rejection`` without losing the records after it.

warcio is lenient: a file cut in the middle of a record may just end, or end with a short record.
So each record's body is checked against its ``Content-Length``, and a file whose records end
before its bytes do is reported as truncated. After a malformed record the reader looks for the
next record's start (the next gzip member, or the next ``WARC/1.`` line) and goes on from there.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader
from warcio.limitreader import LimitReader

from .batch_run import Rejection
from .captured import captured_fields
from .document import Document
from .untrusted import json_safe_values

# the record types that hold a page; the others (request, metadata, warcinfo, revisit) are skipped
PAGE_RECORD_TYPES = ("response", "conversion")
MEDIA_TYPE_FORMATS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_START = b"WARC/1."
_WARC_LINE = b"\n" + WARC_START
_SCAN_CHUNK = 1 << 20
# how much compressed data warcio inflates at a time: deflate inflates at most ~1000-fold, so
# reading past a gzip bomb holds about 1 MB at once (a 31 MB bomb record: 2.4 MB peak, against
# 26 MB with warcio's default of 16 kB); as fast on real files (3000 pages: 0.29 s against 0.27 s)
_INFLATE_BLOCK = 1024
# the longest header line read (WARC or HTTP headers; a real one is a few hundred bytes, a long
# Cookie or Link header some kB): warcio reads a line whole, however long, so a gzip member that
# inflates to 100 MB with no newline (or a header that never ends) held 300 MB to 1.4 GB at once
MAX_HEADER_LINE = 1 << 16
# charsets that servers declare for text written in a superset of them: read as the superset,
# as browsers do (the WHATWG Encoding Standard), so that "iso-8859-1" pages with curly quotes
# (0x93, 0x94: Windows-1252) decode right
CHARSET_SUPERSETS = {"iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030",
                     "shift_jis": "cp932", "euc_kr": "cp949"}
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body)", re.I)


@dataclass(frozen=True)
class Skipped:
    """A container record that holds no page (a request, metadata, an image, a redirect): it is
    counted in the run's summary, not read. ``kind`` says what it was (``request``,
    ``response image/png``, ``response 301``)."""

    name: str
    kind: str


class QuietArchiveIterator(ArchiveIterator):
    """warcio's reader without its own warnings on stderr (``Record not followed by newline``, with
    up to a line of the file's bytes, once per pass): a damaged record is said once, as a rejection."""

    INC_RECORD = ""


class BrokenRecord(Exception):
    """A record warcio returned but that is no WARC record: one with no WARC-Type (cut short), or
    a line warcio could not parse as WARC and read as an old ARC header."""


def read_warc(stream: BinaryIO, name: str, max_bytes: int, resume: tuple[int, int] = (0, 0)
              ) -> Iterator[Document | Rejection | Skipped]:
    """Every record of a WARC or WET file (plain or gzipped), in file order, as a page, a skipped
    record or a rejection. Records are numbered from 1, in file order; a damaged stretch counts as
    one record (how many it held cannot be known), so after one the byte offset is the exact
    locator. ``resume`` (a record's byte offset and the number of the record before it) reads
    from that record on, as a read from the start would (a Dask worker reads a stretch of a file)."""
    start: int | None
    start, number = resume
    while start is not None:
        stream.seek(start)
        records = QuietArchiveIterator(stream, block_size=_INFLATE_BLOCK)
        cap_header_lines(records.reader)
        iterator = iter(records)
        while True:
            try:
                record = next(iterator, None)
                if record is not None and record.format != "warc":  # warcio's guess for a line it cannot read
                    raise BrokenRecord("it does not start with a WARC/1.x line")
                if record is not None and not record.rec_type:
                    raise BrokenRecord("its header has no WARC-Type: cut short or damaged")
            except Exception as error:  # warcio raises ArchiveLoadFailed, but also ValueError, AttributeError...
                number += 1
                yield Rejection(f"{name}#{number}", "corrupt", f"record {number} at byte {records.offset}: "
                                f"not a readable WARC record ({first_line(error)})")
                start = next_record_start(stream, records.offset + 1)
                break
            if record is None:
                start = None
                end = stream.seek(0, 2)
                if records.offset < end:
                    number += 1
                    yield Rejection(f"{name}#{number}", "corrupt", f"record {number} at byte {records.offset}: "
                                    f"the file ends inside this record ({end - records.offset} bytes left unread)")
                break
            number += 1
            yield page_or_skip(record, records, name, number, max_bytes)
    if number == 0:
        yield Rejection(name, "empty", "a WARC file with no records")


def page_or_skip(record, records: ArchiveIterator, name: str, number: int,
                 max_bytes: int) -> Document | Rejection | Skipped:
    """One record as a page (``Document``), or ``Skipped`` when it holds none, or its ``Rejection``."""
    record_name = f"{name}#{number}"
    if record.rec_type not in PAGE_RECORD_TYPES:
        return Skipped(record_name, record.rec_type or "untyped")
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:  # a response of another protocol (dns:, ftp:)
        return Skipped(record_name, f"{record.rec_type} without HTTP headers")
    if record.rec_type == "response" and not headers.get_statuscode().startswith("2"):
        return Skipped(record_name, f"response {headers.get_statuscode()}")
    media_type, charset = parse_content_type(headers.get_header("Content-Type"))
    page_format = MEDIA_TYPE_FORMATS.get(media_type)
    if media_type and page_format is None:
        return Skipped(record_name, f"{record.rec_type} {media_type}")
    try:
        body = content_stream(record).read(max_bytes + 1)
        offset = records.get_record_offset()  # reads the rest of the record, in small blocks
    except Exception as error:  # a bad chunked or gzip Content-Encoding, a damaged gzip member
        return Rejection(record_name, "corrupt", f"record {number} at byte {records.offset}: {first_line(error)}")
    if isinstance(record.raw_stream, LimitReader) and record.raw_stream.limit > 0:
        return Rejection(record_name, "corrupt", f"record {number} at byte {offset}: the file ends inside this "
                         f"record ({record.raw_stream.limit} bytes short of its Content-Length)")
    if len(body) > max_bytes:
        return Rejection(record_name, "too_large", f"record {number} at byte {offset}: over the limit of {max_bytes} bytes")
    source = {"file": name, "record": number, "offset": offset}
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
    source.update({k: v for k, v in (("url", url), ("charset", charset)) if v})
    source.update(captured_fields(record.rec_headers.get_header("WARC-Date")))
    return Document(raw=body, name=record_name, format=page_format or sniff_format(body),
                    source=json_safe_values(source))


def content_stream(record):
    """The record's HTTP body, un-chunked and decoded (``Content-Encoding: gzip``...), as warcio's
    ``record.content_stream()`` gives it, but a block at a time. warcio reads a whole chunk (up to
    2 GB) before decoding it, and decodes 16 kB at once: a gzip-encoded body sent as one chunk of
    100 kB inflated to 100 MB in a single read."""
    headers = record.http_headers
    if not headers:
        return record.raw_stream
    encoding = (headers.get_header("content-encoding") or "").lower() or None
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None
    chunked = (headers.get_header("transfer-encoding") or "").lower() == "chunked"
    if not (chunked or encoding):
        return record.raw_stream
    body = Dechunked(record.raw_stream) if chunked else record.raw_stream
    return StrictDecoder(body, decomp_type=encoding, block_size=_INFLATE_BLOCK)


class StrictDecoder(BufferedReader):
    """warcio's decoding reader, except that a body whose gzip or deflate coding breaks after the
    first block raises (the record becomes a ``corrupt`` rejection) instead of writing the error
    to stderr and ending the page there, silently cut. A body that is not coded at all, though its
    header says so, is read as it is (warcio's fallback on the first block)."""

    def _decompress(self, data):
        if self.decompressor and data and self.num_block_read > 0:
            try:
                return self.decompressor.decompress(data)
            except Exception as error:
                raise BrokenRecord(f"the body's {self.decomp_type} coding is damaged ({first_line(error)})") from None
        return super()._decompress(data)


class Dechunked:
    """An HTTP body in chunked transfer coding, read without it, at most a block at a time.

    Each chunk is ``SIZE[;extensions]\r\n DATA \r\n``, the last one of size 0. A body whose first
    line is no chunk size was not chunked after all (servers say so wrongly): it is read as it is,
    as warcio does; one that ends inside a chunk ends there.
    """

    def __init__(self, stream):
        self.stream = stream
        self.left = 0          # bytes of the current chunk still to read
        self.done = False
        self.plain = False     # the body turned out not to be chunked
        self.pending = b""     # bytes read while looking for a chunk size, not yet returned

    def read(self, size: int = _INFLATE_BLOCK) -> bytes:
        size = size if size and size > 0 else _INFLATE_BLOCK
        if self.pending:
            data, self.pending = self.pending[:size], self.pending[size:]
            return data
        if self.plain:
            return self.stream.read(size)
        if self.done:
            return b""
        if self.left == 0:
            line = self.stream.readline(64)
            try:
                self.left = int(line.split(b";")[0].strip(), 16) if line.endswith(b"\n") else -1
            except ValueError:
                self.left = -1
            if self.left < 0:
                self.plain, self.pending, self.left = True, line, 0
                return self.read(size)
            if self.left == 0:
                self.done = True
                return b""
        data = self.stream.read(min(size, self.left))
        if not data:
            self.done = True
            return b""
        self.left -= len(data)
        if self.left == 0:
            self.stream.readline(64)  # the CRLF that ends the chunk
        return data


def cap_header_lines(reader) -> None:
    """Make warcio's reader refuse a line longer than ``MAX_HEADER_LINE`` (``BrokenRecord``)
    instead of reading it whole. Header lines are the only lines warcio reads: bodies are read in
    blocks. A record's HTTP headers are read through a ``LimitReader`` that asks for lines as long
    as the rest of the record, so a length over the cap is capped too."""
    readline = reader.readline

    def capped_readline(length=None):
        if length is not None and length <= MAX_HEADER_LINE:
            return readline(length)
        line = readline(MAX_HEADER_LINE + 1)
        if len(line) > MAX_HEADER_LINE and not line.endswith(b"\n"):
            raise BrokenRecord(f"a header line longer than {MAX_HEADER_LINE} bytes")
        return line
    reader.readline = capped_readline


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """The media type of a Content-Type header, and its charset when Python knows that charset.

    >>> parse_content_type('text/html; charset="Windows-1251"')
    ('text/html', 'cp1251')
    >>> parse_content_type("TEXT/PLAIN"), parse_content_type("text/html; charset=no-such-charset")
    (('text/plain', None), ('text/html', None))
    >>> parse_content_type("text/html; charset=ISO-8859-1"), parse_content_type("text/html;charset=GB2312")
    (('text/html', 'cp1252'), ('text/html', 'gb18030'))
    """
    if not value:
        return None, None
    media_type, *parameters = value.split(";")
    charset = None
    for parameter in parameters:
        key, _, val = parameter.partition("=")
        if key.strip().lower() == "charset":
            try:
                charset = codecs.lookup(val.strip().strip("\"'")).name
            except LookupError:
                charset = None
            charset = CHARSET_SUPERSETS.get(charset, charset)
    return media_type.strip().lower() or None, charset


def sniff_format(data: bytes) -> str:
    """``html`` when bytes that come with no name or type (a WARC body with no Content-Type,
    standard input) start like an HTML page, else ``text``.

    >>> sniff_format(b"  <!DOCTYPE html><html>"), sniff_format(b"Breaking news")
    ('html', 'text')
    """
    return "html" if _HTML_START.match(data[:1024]) else "text"


def next_record_start(stream: BinaryIO, position: int) -> int | None:
    """Where the next record may start at or after ``position``, or None: the next gzip member in
    a gzipped file, the next ``WARC/1.`` line in a plain one. Read in blocks, never the whole file;
    the first blocks are small and grow, so that a file of many short broken records costs time in
    its size (with 1 MB blocks, 4 times as many broken records of 21 bytes took 7.7 times as long)."""
    stream.seek(0)
    gzipped = stream.read(2) == GZIP_MAGIC[:2]
    marker = GZIP_MAGIC if gzipped else _WARC_LINE
    window_start = position if gzipped else max(position - 1, 0)  # a plain record's newline is before it
    stream.seek(window_start)
    window = b""
    size = 4096
    while block := stream.read(size):
        size = min(2 * size, _SCAN_CHUNK)
        window += block
        found = window.find(marker)
        if found >= 0:
            return window_start + found + (0 if gzipped else 1)
        keep = len(marker) - 1  # a marker cut by the block boundary is found in the next window
        window_start += max(len(window) - keep, 0)
        window = window[-keep:]
    return None


def first_line(error: Exception) -> str:
    """An exception's message on one line (warcio's are several), never empty."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0][:200] if lines else type(error).__name__

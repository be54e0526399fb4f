"""JSONL batches read as pages: each line is one JSON object holding a page's text or HTML.

Scrapers export their pages this way (one object a line, often gzipped), with field names of
their own; ``JsonlFields`` says which field holds what (the CLI's ``--text-field`` and friends).
Each line becomes a ``Document`` whose raw bytes are the page itself (its text or HTML, UTF-8),
so the archive keeps the page and its id depends on the page, not on the scraper's other fields;
``source`` says where it was (file and line) and what the line said about it (url, capture date,
the scraper's own id). A line that cannot be a page is a ``Rejection`` naming the line, and the
batch goes on. Lines are read one at a time and never beyond the size limit.
"""
from __future__ import annotations

import json
from typing import BinaryIO, Iterator, NamedTuple

from .batch_run import Rejection
from .captured import captured_fields
from .decode import decode_bytes
from .document import Document, InputRejected
from .untrusted import json_safe_values

_SKIP_BLOCK = 1 << 20
_JSON_TYPE_NAMES = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean",
                    type(None): "null"}


class JsonlFields(NamedTuple):
    """The names of the fields of a JSONL line: the page (HTML preferred when a line has both,
    since its markup states metadata), and optional url, capture date and id."""

    text: str = "text"
    html: str = "html"
    url: str = "url"
    date: str = "date"
    id: str = "id"


def read_jsonl(stream: BinaryIO, name: str, max_bytes: int, fields: JsonlFields = JsonlFields(),
               skip: int = 0) -> Iterator[Document | Rejection]:
    """Each non-blank line of a JSONL stream (already decompressed) as a page or a rejection.
    Lines are numbered from 1, blank ones included, as an editor numbers them. The first ``skip``
    lines are passed over unparsed, numbered all the same (a Dask worker reads a stretch of a file)."""
    number = filled = 0
    while number < skip:
        skip_rest_of_line(stream)
        number += 1
    while True:
        try:
            line = stream.readline(max_bytes + 1)
            too_long = len(line) > max_bytes and not line.endswith(b"\n")
            if too_long:
                skip_rest_of_line(stream)
        except (OSError, EOFError, ValueError) as error:  # gzip: BadGzipFile is an OSError; zlib.error a ValueError
            yield Rejection(f"{name}#{number + 1}", "corrupt", f"line {number + 1}: the file is truncated or "
                            f"damaged here ({error or 'it ends too early'}); the lines before it were read")
            return
        if not line:
            break
        number += 1
        if not (too_long or line.strip()):
            continue
        filled += 1
        if too_long:
            yield Rejection(f"{name}#{number}", "too_large", f"line {number}: over the limit of {max_bytes} bytes")
        else:
            yield page_of_line(line, name, number, fields)
    if filled == 0:
        yield Rejection(name, "empty", "a JSONL file with no lines, or only blank ones")


def skip_rest_of_line(stream: BinaryIO) -> None:
    """Read past the end of an overlong line, a block at a time, keeping none of it."""
    while (block := stream.readline(_SKIP_BLOCK)) and not block.endswith(b"\n"):
        pass


def page_of_line(line: bytes, name: str, number: int, fields: JsonlFields) -> Document | Rejection:
    """One line as a page (``Document``), or the ``Rejection`` that says why it is none."""
    record_name = f"{name}#{number}"
    try:
        item = parse_line(line)
    except InputRejected as rejected:
        return Rejection(record_name, rejected.reason, f"line {number}: {rejected.detail}")
    if not isinstance(item, dict):
        return Rejection(record_name, "corrupt", f"line {number}: {_JSON_TYPE_NAMES[type(item)]}, not a JSON object")
    page_field = next((f for f in (fields.html, fields.text) if isinstance(item.get(f), str) and item[f].strip()), None)
    if page_field is None:
        present = [f for f in (fields.html, fields.text) if f in item]
        if present:
            return Rejection(record_name, "empty", f"line {number}: the {present[0]!r} field holds no text")
        return Rejection(record_name, "no_content", f"line {number}: no {fields.text!r} or {fields.html!r} field "
                         f"(fields: {', '.join(sorted(item)[:10]) or 'none'})")
    source: dict = {"file": name, "line": number}
    url = item.get(fields.url)
    if isinstance(url, str) and url.strip():
        source["url"] = url.strip()
    source.update(captured_fields(item.get(fields.date)))
    if isinstance(item.get(fields.id), (str, int)) and not isinstance(item[fields.id], bool):
        source["input_id"] = str(item[fields.id])
    raw = item[page_field].encode("utf-8", errors="replace")  # a lone surrogate (\ud800) becomes "?"
    return Document(raw=raw, name=record_name, format="html" if page_field == fields.html else "text",
                    source=json_safe_values(source))  # an id or url may hold a lone surrogate ("\ud800")


def parse_line(line: bytes):
    """A line's JSON value. JSON is UTF-8 (or UTF-16/32 with a byte-order mark); a line in another
    encoding (a Windows-1252 export) is decoded by detection rather than lost."""
    line = line.rstrip(b"\r\n")
    try:
        return loads(line)
    except UnicodeDecodeError:
        pass
    text, _ = decode_bytes(line)
    return loads(text)


def loads(data: bytes | str):
    """``json.loads``, with each way valid-looking JSON cannot be read as a rejection: not JSON,
    nested thousands deep (the parser recurses once a level), a number of more than 4300 digits
    (Python's limit on converting them)."""
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        raise not_json(error) from None
    except UnicodeDecodeError:
        raise
    except RecursionError:
        raise InputRejected("corrupt", "JSON nested too deeply to read") from None
    except ValueError as error:
        raise InputRejected("corrupt", f"JSON that cannot be read ({str(error).split(':')[0]})") from None


def not_json(error: json.JSONDecodeError) -> InputRejected:
    """The rejection of a line that is not JSON, saying where it breaks (``Unterminated string
    starting at`` loses its dangling ``at``: the column says where)."""
    return InputRejected("corrupt", f"not JSON (column {error.colno}: {error.msg.removesuffix(' at')})")

"""The Python API: ``normalize(text_or_bytes)`` returns the record the CLI would write."""
from __future__ import annotations

from .context import DEFAULT_CONTEXT, RunContext
from .document import Document
from .pipeline import normalize_document
from .record import Record
from .untrusted import json_safe_values, printable_name

# the formats of a page; another would make a record that breaks the schema (source.format)
PAGE_FORMATS = ("text", "html")


def normalize(data: str | bytes, name: str = "<input>", *, format: str = "text", url: str | None = None,
              ctx: RunContext = DEFAULT_CONTEXT) -> Record:
    """Normalize one page. ``data`` is raw bytes or already-decoded text; ``format`` is ``text`` or
    ``html``. Raises ``InputRejected`` (with ``reason`` and ``detail``) for input that cannot be a
    record, ``ValueError`` for another format and ``TypeError`` for data that is not a page.

    >>> record = normalize(open("seeds/003_d410228cbb7e0699.txt", "rb").read(), "003.txt")
    >>> record["headline"]
    'Pentagon: Russia Gradually Withdraws from Syria'
    """
    if format not in PAGE_FORMATS:
        raise ValueError(f"format must be 'text' or 'html', not {format!r}")
    if isinstance(data, str):
        raw = _utf8(data)
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
    else:
        raise TypeError(f"a page is bytes or str, not {type(data).__name__}")
    source = json_safe_values({"url": url}) if url else {}
    return normalize_document(Document(raw=raw, name=printable_name(name) or "<input>", format=format, source=source), ctx)


def _utf8(text: str) -> bytes:
    """Text as UTF-8 bytes. Text read with ``errors="surrogateescape"`` gets its original bytes
    back; any other lone surrogate (which UTF-8 cannot hold) becomes ``?``, as JSONL pages do."""
    try:
        return text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="replace")

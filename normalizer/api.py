"""The Python API: ``normalize(text_or_bytes)`` returns the record the CLI would write."""
from __future__ import annotations

from .context import DEFAULT_CONTEXT, RunContext
from .document import Document
from .pipeline import normalize_document
from .record import Record


def normalize(data: str | bytes, name: str = "<input>", *, format: str = "text", url: str | None = None,
              ctx: RunContext = DEFAULT_CONTEXT) -> Record:
    """Normalize one page. ``data`` is raw bytes or already-decoded text; ``format`` is ``text`` or
    ``html``. Raises ``InputRejected`` (with ``reason`` and ``detail``) for input that cannot be a
    record.

    >>> record = normalize(open("seeds/003_d410228cbb7e0699.txt", "rb").read(), "003.txt")
    >>> record["headline"]
    'Pentagon: Russia Gradually Withdraws from Syria'
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    source = {"url": url} if url else {}
    return normalize_document(Document(raw=raw, name=name, format=format, source=source), ctx)

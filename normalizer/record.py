"""Step 7: the document as an archive record, a plain JSON object.

The record is what the archive stores and what ``normalize`` returns. Its id depends only on the
raw bytes, so the same input always gets the same id; its JSON has sorted keys and no volatile
field (no clock, no path of the machine), so the same input and normalizer version always give
the same bytes.
"""
from __future__ import annotations

import hashlib
import json

from .document import Document

SCHEMA_VERSION = "1.1"
# the `source` fields the record derives from the document itself; the rest came from the reader
DERIVED_SOURCE_FIELDS = ("name", "sha256", "bytes", "format", "encoding")


class Record(dict):
    """A record: a dict, with its canonical JSON form."""

    def to_json(self) -> str:
        return record_json(self)


# every element after a comma on a line of its own: written by the C encoder in one call, where
# ``indent`` makes ``json`` fall back to its pure-Python encoder (3 times slower on a record)
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",\n", ": ")).encode


def record_json(record: dict) -> str:
    """Canonical JSON: sorted keys, UTF-8 text, a line break after every comma that separates two
    elements (so each field, and each field of a removed line, starts a line: a diff of two
    versions of a record shows what changed), one trailing newline.

    >>> print(record_json({"text": "Grüße, ja", "removed": [{"reason": "menu", "line": 1}], "authors": []}), end="")
    {"authors": [],
    "removed": [{"line": 1,
    "reason": "menu"}],
    "text": "Grüße, ja"}
    """
    return _ENCODE(record) + "\n"


def record_id(raw: bytes) -> str:
    """The first 128 bits of the SHA-256 of the raw input, in hex."""
    return id_of_digest(hashlib.sha256(raw).hexdigest())


def id_of_digest(sha256_hex: str) -> str:
    """A record's id from its raw input's SHA-256 (``record_id``, when the digest is at hand)."""
    return sha256_hex[:32]


def reader_source(record: dict) -> dict:
    """The provenance the reader gave (url, capture time, offset...): what ``rebuild`` hands back
    to the pipeline with the stored raw input.

    >>> reader_source({"source": {"name": "a.txt", "sha256": "00", "bytes": 9, "format": "text",
    ...                           "encoding": "utf-8", "url": "https://example.com/a"}})
    {'url': 'https://example.com/a'}
    """
    return {k: v for k, v in record["source"].items() if k not in DERIVED_SOURCE_FIELDS}


def build_record(doc: Document, normalizer_version: str) -> Record:
    digest = hashlib.sha256(doc.raw).hexdigest()
    source = {
        **doc.source,
        "name": doc.name,
        "sha256": digest,
        "bytes": len(doc.raw),
        "format": doc.format,
        "encoding": doc.encoding,
    }
    return Record(
        schema_version=SCHEMA_VERSION,
        id=id_of_digest(digest),
        source=source,
        headline=doc.headline,
        authors=list(doc.authors),
        published=doc.published,
        published_raw=doc.published_raw,
        updated=doc.updated,
        language=doc.language,
        language_confidence=doc.language_confidence,
        keywords=list(doc.keywords),
        section=doc.section,
        text=doc.body,
        removed=[{"line": b.first_line + 1, "reason": b.reason, "text": b.text} for b in doc.blocks if not b.kept],
        repairs=list(doc.repairs),
        normalizer={"version": normalizer_version},
    )

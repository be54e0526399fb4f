"""The archive checked from its files alone, as ``normalizer validate`` and CI do.

Every manifest against ``schemas/manifest.schema.json``, the version chain (numbers 1..N, each
naming its parent and the SHA-256 of the parent's manifest file, and ``HEAD`` naming the
latest and its hash: a latest version edited or deleted by hand breaks it), every object a manifest names
(present, its hash matching its name), and every record against ``schemas/record.schema.json``
(JSON Schema 2020-12, ``format`` checked), in canonical form, agreeing with its manifest entry and
raw input. Each object is checked once, however many versions share it.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from jsonschema import Draft202012Validator, FormatChecker

from .archive import Archive, ArchiveError, Entry, sha256_hex
from .record import record_json


@dataclass(frozen=True)
class Problem:
    """Something wrong in the archive, and the file it is in."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def load_schema(name: str) -> dict:
    """A schema of ``schemas/`` (shipped in the package as ``normalizer/schemas``)."""
    return json.loads(resources.files(__package__).joinpath("schemas", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def schema_problems(instance: object, schema_name: str) -> list[str]:
    """What makes ``instance`` break the schema, each with where in the instance it is.

    >>> problems = schema_problems({"id": "x"}, "record.schema.json")
    >>> problems[0], problems[-1]
    ("(top): 'schema_version' is a required property", "id: 'x' does not match '^[0-9a-f]{32}$'")
    """
    errors = sorted(validator(schema_name).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]


def checked_json(path: Path, data: bytes, schema_name: str) -> tuple[dict | None, list[Problem]]:
    """The JSON object in ``data`` if it parses and follows the schema (else None), and its problems."""
    try:
        value = json.loads(data)
    except (ValueError, RecursionError) as error:  # RecursionError: nested thousands deep
        return None, [Problem(path, f"not valid JSON ({error})")]
    problems = [Problem(path, message) for message in schema_problems(value, schema_name)]
    return (None if problems else value), problems


class ArchiveCheck:
    """One pass over an archive; ``problems()`` yields what is wrong, ``records_checked`` counts."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.records_seen: dict[str, tuple[str, str, str] | None] = {}  # record sha -> (id, name, raw sha)
        self.raw_seen: set[str] = set()

    @property
    def records_checked(self) -> int:
        return len(self.records_seen)

    def problems(self) -> Iterator[Problem]:
        numbers = self.archive.version_numbers()
        expected = list(range(1, len(numbers) + 1))
        if numbers != expected:
            yield Problem(self.archive.versions_dir, f"versions are not numbered 1 to {len(numbers)}: {numbers}")
        previous: tuple[int, bytes] | None = None
        for number in numbers:
            path = self.archive.manifest_path(number)
            try:
                data = path.read_bytes()
            except OSError as error:
                yield Problem(path, f"unreadable manifest ({error.strerror or error})")
                continue
            yield from self.manifest_problems(path, number, data, previous)
            previous = (number, data)
        yield from self.head_problems(previous)

    def head_problems(self, latest: tuple[int, bytes] | None) -> Iterator[Problem]:
        """``HEAD`` against the latest manifest. HEAD one version behind, or absent with
        only version 1, is a writer killed between its manifest and HEAD: the manifest is the
        commit point, so that version is complete, and the next writer rewrites HEAD."""
        path = self.archive.head_path
        try:
            head = self.archive.head()
        except ArchiveError as error:
            yield Problem(path, str(error).removeprefix(f"{path}: "))
            return
        if latest is None:
            if head is not None:
                yield Problem(path, f"names version {head.get('version')}, but there is no version")
            return
        number, data = latest
        if head is None:
            if number > 1:
                yield Problem(path, f"missing: the latest version ({number}) cannot be confirmed")
            return
        if not (isinstance(head, dict) and isinstance(head.get("version"), int) and isinstance(head.get("sha256"), str)):
            yield Problem(path, "malformed: it should be {\"version\": N, \"sha256\": \"...\"}")
        elif head["version"] > number:
            yield Problem(path, f"names version {head['version']}, but the latest manifest is version {number}: "
                                f"a version was deleted")
        elif head["version"] == number and head["sha256"] != sha256_hex(data):
            yield Problem(path, f"names version {number} with another SHA-256 than its manifest's: "
                                f"the manifest was changed after it was written")
        elif head["version"] < number - 1:
            yield Problem(path, f"names version {head['version']}, but the latest is version {number}")

    def manifest_problems(self, path: Path, number: int, data: bytes,
                          previous: tuple[int, bytes] | None) -> Iterator[Problem]:
        manifest, problems = checked_json(path, data, "manifest.schema.json")
        yield from problems
        if manifest is None:
            return
        if manifest["version"] != number:
            yield Problem(path, f"says it is version {manifest['version']}, but is named {path.name}")
        expected_parent = None if previous is None else {"version": previous[0], "sha256": sha256_hex(previous[1])}
        if manifest["parent"] != expected_parent:
            yield Problem(path, f"its parent is {manifest['parent']}, but the version before it is {expected_parent}")
        ids = [e["id"] for e in manifest["records"]]
        if ids != sorted(set(ids)):
            yield Problem(path, "records are not sorted by id, or an id is listed twice")
        if manifest["counts"]["records"] != len(ids):
            yield Problem(path, f"counts {manifest['counts']['records']} records but lists {len(ids)}")
        for entry in manifest["records"]:
            yield from self.entry_problems(path, Entry(**entry))

    def entry_problems(self, manifest_path: Path, entry: Entry) -> Iterator[Problem]:
        if entry.record not in self.records_seen:
            yield from self.record_problems(entry.record)
        if entry.raw not in self.raw_seen:
            self.raw_seen.add(entry.raw)
            yield from self.raw_problems(entry.raw)
        stored = self.records_seen[entry.record]
        if stored is not None and stored != (entry.id, entry.name, entry.raw):
            yield Problem(manifest_path, f"entry {entry.id} does not match its record "
                                         f"(id, name, raw hash {stored} in the record)")
        if entry.id != entry.raw[:32]:
            yield Problem(manifest_path, f"entry {entry.id}: the id is not its raw input's hash prefix")

    def record_problems(self, sha: str) -> Iterator[Problem]:
        path = self.archive.record_path(sha)
        self.records_seen[sha] = None
        try:
            data = path.read_bytes()
        except OSError as error:
            yield Problem(path, f"missing or unreadable record ({error.strerror or error})")
            return
        if sha256_hex(data) != sha:
            yield Problem(path, "the file's SHA-256 does not match its name")
        record, problems = checked_json(path, data, "record.schema.json")
        yield from problems
        if record is None:
            return
        if record_json(record).encode("utf-8") != data:
            yield Problem(path, "not in canonical form (sorted keys, one field a line, as record_json writes it)")
        if record["id"] != record["source"]["sha256"][:32]:
            yield Problem(path, "the id is not the prefix of source.sha256")
        self.records_seen[sha] = (record["id"], record["source"]["name"], record["source"]["sha256"])

    def raw_problems(self, sha: str) -> Iterator[Problem]:
        """The raw input hashed as it is inflated, a block at a time: a blob replaced by a gzip
        bomb costs time, never memory."""
        path = self.archive.raw_path(sha)
        digest = hashlib.sha256()
        try:
            with gzip.open(path, "rb") as stream:
                while block := stream.read(1 << 20):
                    digest.update(block)
        except gzip.BadGzipFile as error:
            yield Problem(path, f"not a complete gzip file ({error})")
            return
        except OSError as error:
            yield Problem(path, f"missing or unreadable raw input ({error.strerror or error})")
            return
        except (EOFError, zlib.error) as error:
            yield Problem(path, f"not a complete gzip file ({error})")
            return
        if digest.hexdigest() != sha:
            yield Problem(path, "the raw input's SHA-256 does not match its name")

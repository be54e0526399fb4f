"""The archive: raw inputs and records, content-addressed, in append-only numbered versions.

Layout of an archive folder::

    objects/raw/<2>/<sha256>.gz        every raw input ever read, gzipped, named by its bytes' hash
    objects/records/<2>/<sha256>.json  every record ever written, named by its JSON's hash
    versions/000001.json ...           one manifest per version: its records, its parent's hash
    HEAD                               the latest version's number and its manifest's SHA-256
    LOCK                               present while a writer works (pid and host inside)
    tmp/                               a writer's files before they are renamed into place

Objects are never changed or deleted, so every version stays readable as it was, and a file
under ``objects/`` is always whole: a writer (or its worker processes) writes each object to
``tmp/``, renamed to its staged name ``tmp/objects/<sha256>.<ext>`` once complete; on commit the
staged objects are flushed to disk at once (``flush_to_disk``), only then renamed into place,
their folders flushed, and the manifest written the same way, last: it is the commit point. A
crash, power cut or Ctrl-C anywhere before it leaves the previous version as it was and the
archive valid (a few unreferenced, whole objects at worst; ``tmp/`` is cleared by the next
writer). Each manifest names its parent and the SHA-256 of the parent's manifest file, a chain
that ``validate`` checks; ``HEAD``, written just after the manifest, names the latest version and
its manifest's hash, so that a latest manifest edited or deleted by hand is found too (HEAD one
version behind is a writer killed between the two renames, and is not a problem). All files are small text or gzip with stable ordering, so an
archive lives well in git: a changed record is one new object and one changed line of a manifest.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import socket
import sys
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import __version__
from .batch_run import Rejection
from .document import Document
from .readers import Duplicate
from .record import Record, reader_source, record_json

FORMAT = "normalizer-archive/1"
# gzip level of the raw inputs: on the dev pages level 1 takes 0.3 ms a text page and 1.6 ms an
# HTML page, level 6 0.7 and 4.6 ms, for files 13% (text) and 19% (HTML) larger; a raw input is
# written once and seldom read. (Objects are named by the raw bytes' hash, not the gzip file's,
# so the level changes no name.)
RAW_LEVEL = 1
_MANIFEST_NAME = re.compile(r"^(\d{6,})\.json$")


class ArchiveError(Exception):
    """A problem with the archive that the user can act on; the message says what and where."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def process_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        pass
    return True


@dataclass(frozen=True)
class Entry:
    """A record as a manifest lists it: its id and name, and the hashes of its two objects."""

    id: str
    name: str
    record: str  # SHA-256 of the record's JSON file
    raw: str     # SHA-256 of the raw input (the record's source.sha256)


class Archive:
    """An archive folder: read its versions and objects, and take its lock to write a new version."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.versions_dir = self.root / "versions"
        self.head_path = self.root / "HEAD"
        self.lock_path = self.root / "LOCK"
        self.tmp_dir = self.root / "tmp"
        # objects written but not yet durable: moved into objects/ on commit (``place_staged``)
        self.staging_dir = self.tmp_dir / "objects"

    # reading

    def exists(self) -> bool:
        return self.versions_dir.is_dir()

    def require(self) -> "Archive":
        """The archive itself, or an ``ArchiveError`` saying why this folder is not one."""
        if not self.root.exists():
            raise ArchiveError(f"{self.root}: no archive here (the folder does not exist)")
        if not self.exists():
            raise ArchiveError(f"{self.root}: not a normalizer archive (it has no versions/ folder)")
        return self

    def version_numbers(self) -> list[int]:
        if not self.versions_dir.is_dir():
            return []
        matches = (_MANIFEST_NAME.match(p.name) for p in self.versions_dir.iterdir())
        return sorted(int(m.group(1)) for m in matches if m)

    def latest(self) -> int | None:
        numbers = self.version_numbers()
        return numbers[-1] if numbers else None

    def head(self) -> dict | None:
        """What ``HEAD`` says (``{"version": N, "sha256": ...}``), None when it is absent;
        an ``ArchiveError`` when it cannot be read."""
        try:
            return json.loads(self.head_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError) as error:
            raise ArchiveError(f"{self.head_path}: cannot read it ({error})") from None

    def manifest_path(self, version: int) -> Path:
        return self.versions_dir / f"{version:06d}.json"

    def resolve(self, version: int | None) -> int:
        """``version``, or the latest when None; an ``ArchiveError`` when there is no such version."""
        number = self.latest() if version is None else version
        if number is None:
            raise ArchiveError(f"{self.root}: the archive has no version yet")
        if not self.manifest_path(number).is_file():
            raise ArchiveError(f"{self.root}: no version {number} (versions: {_span(self.version_numbers())})")
        return number

    def manifest(self, version: int | None = None) -> dict:
        path = self.manifest_path(self.resolve(version))
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as error:
            raise ArchiveError(f"{path}: cannot read the manifest ({error})") from None

    def entries(self, version: int | None = None) -> dict[str, Entry]:
        """The records of a version (the latest by default), by id."""
        manifest = self.manifest(version)
        try:
            return {e["id"]: Entry(**e) for e in manifest["records"]}
        except (KeyError, TypeError):
            raise ArchiveError(f"{self.root}: the manifest of version {manifest.get('version')} is malformed "
                               f"(`normalizer validate` says how)") from None

    def record_path(self, sha: str) -> Path:
        return self.root / "objects" / "records" / sha[:2] / f"{sha}.json"

    def raw_path(self, sha: str) -> Path:
        return self.root / "objects" / "raw" / sha[:2] / f"{sha}.gz"

    def record(self, entry: Entry) -> dict:
        try:
            return json.loads(self.record_path(entry.record).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as error:
            raise ArchiveError(f"{self.record_path(entry.record)}: cannot read the record ({error})") from None

    def raw(self, entry: Entry) -> bytes:
        try:
            return gzip.decompress(self.raw_path(entry.raw).read_bytes())
        except (OSError, EOFError) as error:
            raise ArchiveError(f"{self.raw_path(entry.raw)}: cannot read the raw input ({error})") from None

    def records(self, version: int | None = None) -> Iterator[tuple[Entry, dict]]:
        """Every record of a version, in id order, read one at a time."""
        for _, entry in sorted(self.entries(version).items()):
            yield entry, self.record(entry)

    def find(self, id_prefix: str, version: int | None = None) -> Entry:
        """The record whose id starts with ``id_prefix`` (a unique prefix is enough)."""
        matches = [e for i, e in self.entries(version).items() if i.startswith(id_prefix.lower())]
        if len(matches) != 1:
            found = "no record" if not matches else f"{len(matches)} records"
            raise ArchiveError(f"{self.root}: {found} with an id starting with {id_prefix!r}")
        return matches[0]

    def stored_documents(self, entries: dict[str, Entry]) -> Callable[[], Iterator[Document]]:
        """The stored raw inputs of ``entries`` as documents again, with what their readers gave
        (name, format, url...): a batch for ``rebuild``, re-read from the archive on each pass."""
        def documents() -> Iterator[Document]:
            for entry in sorted(entries.values(), key=lambda e: (e.name, e.id)):
                record = self.record(entry)
                yield Document(raw=self.raw(entry), name=entry.name, format=record["source"]["format"],
                               source=reader_source(record))
        return documents

    # writing

    def writer(self, command: str, base: dict[str, Entry] | None = None) -> "VersionWriter":
        """A writer for the next version, holding the lock until it is closed.

        The new version holds ``base`` (the latest version's records when None) with the records
        added to the writer put in, a record replacing the one of the same id.
        """
        return VersionWriter(self, command, base)

    def lock_holder(self) -> dict | None:
        """What the lock file says about its holder (``{}`` if it cannot be read), or None if unlocked."""
        try:
            return json.loads(self.lock_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError):
            return {}

    def acquire_lock(self) -> None:
        """Take the lock, or raise ``ArchiveError`` naming its holder (and saying when the holder
        is gone: a stale lock, for ``normalizer unlock``).

        The lock file is written in full under another name, then hard-linked as ``LOCK``: the
        link is created only if ``LOCK`` does not exist, so the lock appears complete or not at
        all, and a writer killed at any point never leaves an empty lock that cannot be checked.
        """
        if self.root.is_dir() and not self.exists() and any(self.root.iterdir()):
            raise ArchiveError(f"{self.root}: not a normalizer archive, and not empty: give a new folder")
        blocking = next((p for p in (self.root, *self.root.parents) if p.exists()), None)
        if blocking is not None and not blocking.is_dir():
            raise ArchiveError(f"{self.root}: cannot be an archive folder: {blocking} is a file")
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        holder = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": now_utc()})
        try:
            self._create_lock(holder.encode("utf-8"))
        except FileExistsError:
            raise ArchiveError(self.locked_message()) from None
        try:
            for leftover in self.root.glob(f"{_LOCK_DRAFT}*"):  # drafts of writers killed before their link
                leftover.unlink(missing_ok=True)
            shutil.rmtree(self.tmp_dir, ignore_errors=True)  # a crashed writer's leftovers
            self.staging_dir.mkdir(parents=True)
        except BaseException:
            self.release_lock()
            raise

    def _create_lock(self, holder: bytes) -> None:
        draft = self.root / f"{_LOCK_DRAFT}{os.getpid()}-{uuid.uuid4().hex}"
        try:
            with open(draft, "xb") as file:
                file.write(holder)
                file.flush()
                os.fsync(file.fileno())
            try:
                os.link(draft, self.lock_path)
                return
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links: create it in place
                pass
        finally:
            draft.unlink(missing_ok=True)
        fd = os.open(self.lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        try:
            os.write(fd, holder)
        except BaseException:
            os.close(fd)
            self.lock_path.unlink(missing_ok=True)
            raise
        os.close(fd)

    def locked_message(self) -> str:
        """Who holds the lock, and what to do about it."""
        holder = self.lock_holder() or {}
        pid, host = holder.get("pid"), holder.get("host")
        who = f"process {pid or '?'} on {host or '?'} since {holder.get('since', '?')}"
        unlock = f"normalizer unlock --archive {self.root}"
        if host == socket.gethostname() and isinstance(pid, int) and not process_is_alive(pid):
            return f"{self.root}: the archive is locked by {who}, which is gone (a stale lock): run `{unlock}`"
        return f"{self.root}: the archive is locked by {who}; if that process is gone, run `{unlock}`"

    def release_lock(self) -> None:
        shutil.rmtree(self.tmp_dir, ignore_errors=True)
        self.lock_path.unlink(missing_ok=True)

    def clear_stale_lock(self, force: bool = False) -> str:
        """Remove a lock whose holder is dead; say what was done, or raise ``ArchiveError``.

        A holder on this host is checked by its pid. One on another host (an archive on a shared
        disk) cannot be checked from here: only ``force`` removes that lock.
        """
        holder = self.lock_holder()
        if holder is None:
            return f"{self.root}: not locked"
        pid, host = holder.get("pid"), holder.get("host")
        if not force:
            if host != socket.gethostname() or not isinstance(pid, int):
                raise ArchiveError(f"{self.root}: locked by process {pid} on {host}, which cannot be checked "
                                   f"from this host; if you are sure no writer runs, use --force")
            if process_is_alive(pid):
                raise ArchiveError(f"{self.root}: locked by process {pid}, which is still running")
        self.release_lock()
        for draft in self.root.glob(f"{_LOCK_DRAFT}*"):  # a writer killed between writing its lock and linking it
            draft.unlink(missing_ok=True)
        return f"{self.root}: removed the lock of process {pid} on {host}"

    def store(self, record: Record, raw: bytes) -> Entry:
        """Write a record and its raw input as objects; the entry that names them in a manifest.
        Writers that store the same object at once (Dask workers) are harmless: each renames
        complete, identical bytes into place."""
        record_bytes = record_json(record).encode("utf-8")
        entry = Entry(record["id"], record["source"]["name"], sha256_hex(record_bytes), record["source"]["sha256"])
        raw_path = self.raw_path(entry.raw)
        if not self.has_object(raw_path):  # (stored already: not compressed again)
            self.stage_object(raw_path, gzip.compress(raw, compresslevel=RAW_LEVEL, mtime=0))
        record_path = self.record_path(entry.record)
        if not self.has_object(record_path):
            self.stage_object(record_path, record_bytes)
        return entry

    def has_object(self, path: Path) -> bool:
        """Whether the object of ``path`` is in place or staged: content-addressed, the same name
        is the same bytes."""
        return path.exists() or (self.staging_dir / path.name).exists()

    def stage_object(self, path: Path, data: bytes) -> None:
        """Write the object of ``path`` under its staged name, whole or not at all; not flushed to
        disk: the commit flushes all staged objects at once (``place_staged``)."""
        write_atomically(self.staging_dir / path.name, data, self.tmp_dir, durable=False)

    def place_staged(self, objects: Iterable[Path]) -> None:
        """Move those of ``objects`` (their places in ``objects/``) that are staged into place, once
        their bytes are on disk, then put their names on disk; an ``ArchiveError`` when one is
        neither staged nor in place. The objects are named, not listed from ``tmp/objects/``: a
        network file system may list a folder as it was a while ago. A power cut before the flush
        may leave a staged file empty or partial, but only under ``tmp/``, which the next writer
        clears; so a file under ``objects/`` is always whole, and a writer that finds an object's
        name there may trust it. The flush covers what
        worker processes wrote too: ``sync()`` flushes the whole machine, an fsync the file
        whoever wrote it (a Dask worker on another host writes through a network file system,
        whose ``close()`` sends the bytes to the server)."""
        staged = {target: self.staging_dir / target.name for target in objects if not target.exists()}
        missing = [path for path in staged.values() if not path.exists()]
        if missing:
            raise ArchiveError(f"{self.root}: {len(missing)} objects of the new version were never written "
                               f"(one: {missing[0].name}); nothing was committed")
        flush_to_disk(list(staged.values()))
        folders = set()
        for target, path in staged.items():
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            os.replace(path, target)
        flush_to_disk(sorted(folders))


def write_atomically(path: Path, data: bytes, tmp_dir: Path, durable: bool = True) -> None:
    """Write to a temporary file, then rename it over ``path`` (atomic on POSIX). ``durable``:
    flush the file to disk before the rename, and the folder after it, so that the new name and
    its bytes are on disk when this returns."""
    temporary = tmp_dir / f"{uuid.uuid4().hex}{path.suffix}"
    with open(temporary, "wb") as file:
        file.write(data)
        if durable:
            file.flush()
            os.fsync(file.fileno())
    os.replace(temporary, path)
    if durable:
        sync_folder(path.parent)


def flush_to_disk(paths: list[Path]) -> None:
    """Put ``paths`` (files: their bytes; folders: the names in them) on disk. On Linux one
    ``sync()``, which waits for the writes, flushes them all: 300 text pages' 600 objects, or the
    up to 512 folders they go to, in some 30 ms, where an fsync takes 3 to 5 ms a file or folder
    on the dev machine. Elsewhere ``sync()`` may return before the writes are done: each path is
    fsynced (a file opened for writing: Windows flushes no other)."""
    if sys.platform == "linux":
        os.sync()
        return
    for path in paths:
        if path.is_dir():
            sync_folder(path)
            continue
        descriptor = os.open(path, os.O_RDWR)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def sync_folder(folder: Path) -> None:
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


# the name a lock is written under before it is linked as LOCK
_LOCK_DRAFT = ".LOCK-draft-"


def _span(numbers: list[int]) -> str:
    return f"{numbers[0]} to {numbers[-1]}" if numbers else "none"


class VersionWriter:
    """Writes one new version: objects as records come, the manifest on ``commit``.

    Use it as a context manager: it takes the archive's lock on entry and gives it back on exit,
    whether the version was committed or the run failed.
    """

    def __init__(self, archive: Archive, command: str, base: dict[str, Entry] | None):
        self.archive = archive
        self.command = command
        self.base = base
        self.parent: int | None = None
        self.parent_entries: dict[str, Entry] = {}
        self.entries: dict[str, Entry] = {}
        self.rejections: list[Rejection] = []
        self.duplicates: list[Duplicate] = []

    def __enter__(self) -> "VersionWriter":
        self.archive.acquire_lock()
        try:
            self.parent = self.archive.latest()
            self.parent_entries = self.archive.entries(self.parent) if self.parent else {}
        except BaseException:
            self.archive.release_lock()
            raise
        self.entries = dict(self.parent_entries if self.base is None else self.base)
        return self

    def __exit__(self, *exc_info) -> None:
        self.archive.release_lock()

    def add(self, record: Record, raw: bytes) -> str:
        """Store a record and its raw input; say whether it is ``new``, ``changed`` or ``unchanged``
        against the parent version."""
        return self.add_stored(self.archive.store(record, raw))

    def add_stored(self, entry: Entry) -> str:
        """``add`` for a record whose objects are staged already (by a worker process): they are
        placed with the others before the manifest names them."""
        self.entries[entry.id] = entry
        before = self.parent_entries.get(entry.id)
        return "new" if before is None else "unchanged" if before == entry else "changed"

    def reject(self, rejection: Rejection) -> None:
        self.rejections.append(rejection)

    def duplicate(self, duplicate: Duplicate) -> None:
        self.duplicates.append(duplicate)

    def commit(self) -> int | None:
        """Write the manifest of the new version and return its number; None (and nothing written)
        when the version would hold exactly the parent's records and the run rejected nothing: a
        rejection is kept in a version's manifest even when no record changed, so that every input
        ends as a record or with its reason in the archive."""
        if self.entries == self.parent_entries and not self.rejections:
            return None
        number = (self.parent or 0) + 1
        # every object whole and named on disk before the manifest names it (those of the records
        # the parent holds already are)
        self.archive.place_staged(path for entry in self.entries.values() if self.parent_entries.get(entry.id) != entry
                                  for path in (self.archive.raw_path(entry.raw), self.archive.record_path(entry.record)))
        manifest = self.manifest(number)
        data = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"
        write_atomically(self.archive.manifest_path(number), data, self.archive.tmp_dir)
        head = {"version": number, "sha256": sha256_hex(data)}
        write_atomically(self.archive.head_path, json.dumps(head).encode("utf-8") + b"\n", self.archive.tmp_dir)
        return number

    def manifest(self, number: int) -> dict:
        parent = None
        if self.parent is not None:
            parent_bytes = self.archive.manifest_path(self.parent).read_bytes()
            parent = {"version": self.parent, "sha256": sha256_hex(parent_bytes)}
        old, new = self.parent_entries, self.entries
        return {
            "format": FORMAT,
            "version": number,
            "parent": parent,
            "created": now_utc(),
            "command": self.command,
            "normalizer": {"version": __version__},
            "counts": {
                "records": len(new),
                "added": len(new.keys() - old.keys()),
                "changed": sum(1 for i in new.keys() & old.keys() if new[i] != old[i]),
                "removed": len(old.keys() - new.keys()),
                "rejected": len(self.rejections),
                "duplicates": len(self.duplicates),
            },
            "records": [asdict(new[i]) for i in sorted(new)],
            "rejections": sorted((asdict(r) for r in self.rejections), key=lambda r: (r["name"], r["reason"])),
            "duplicates": sorted(({"name": d.name, "id": d.id} for d in self.duplicates),
                                 key=lambda d: (d["name"], d["id"])),
        }

"""The archive: versions that stay as they were, a chain that validate checks, and no harm from a
crash or from a second writer."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import normalizer.archive
import normalizer.pipeline
from normalizer import normalize
from normalizer.archive import Archive, ArchiveError
from normalizer.batch_run import Rejection, normalize_batch_with_inputs
from normalizer.readers import InputBatch, find_inputs
from normalizer.validate import ArchiveCheck

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
LIMIT = 1 << 20


def clean(archive: Archive, *paths: Path) -> int | None:
    """What `normalizer clean PATHS --archive` does, without the printing."""
    inputs, _ = find_inputs([str(p) for p in paths], LIMIT)
    with archive.writer("clean") as writer:
        for doc, result in normalize_batch_with_inputs(InputBatch(inputs, LIMIT)):
            if isinstance(result, Rejection):
                writer.reject(result)
            else:
                writer.add(result, doc.raw)
        return writer.commit()


def problems(archive: Archive) -> list[str]:
    return [str(p) for p in ArchiveCheck(archive).problems()]


@pytest.fixture
def seeds_archive(tmp_path) -> Archive:
    archive = Archive(tmp_path / "archive")
    assert clean(archive, SEEDS) == 1
    return archive


def test_cleaning_the_seeds_makes_one_valid_version_of_five_records(seeds_archive):
    assert problems(seeds_archive) == []
    manifest = seeds_archive.manifest()
    assert manifest["version"] == 1 and manifest["parent"] is None
    assert [e["name"] for e in sorted(manifest["records"], key=lambda e: e["name"])] == sorted(
        p.name for p in SEEDS.glob("*.txt"))
    assert not seeds_archive.lock_path.exists()


def test_a_single_input_is_stored_as_the_api_returns_it(tmp_path):
    archive = Archive(tmp_path / "archive")
    seed = SEEDS / "001_fc8052ad2b75909a.txt"
    clean(archive, seed)
    (entry,) = archive.entries().values()
    assert archive.record_path(entry.record).read_text(encoding="utf-8") == normalize(seed.read_bytes(), seed.name).to_json()
    assert archive.raw(entry) == seed.read_bytes()


def test_the_same_run_again_writes_nothing(seeds_archive):
    assert clean(seeds_archive, SEEDS) is None
    assert seeds_archive.version_numbers() == [1]


def test_a_new_input_makes_a_new_version_and_the_old_one_stays_as_it_was(seeds_archive, tmp_path):
    first = seeds_archive.manifest_path(1).read_bytes()
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "late.txt").write_text((SEEDS / "003_d410228cbb7e0699.txt").read_text() + "\nA last line added.\n")
    assert clean(seeds_archive, extra) == 2
    assert seeds_archive.manifest_path(1).read_bytes() == first
    assert len(seeds_archive.entries(1)) == 5 and len(seeds_archive.entries(2)) == 6
    counts = seeds_archive.manifest(2)["counts"]
    assert (counts["added"], counts["changed"], counts["removed"]) == (1, 0, 0)
    assert problems(seeds_archive) == []


def test_the_same_bytes_under_a_new_name_replace_the_record(seeds_archive, tmp_path):
    renamed = tmp_path / "renamed.txt"
    shutil.copy(SEEDS / "000_e95a843f5d48968b.txt", renamed)
    assert clean(seeds_archive, renamed) == 2
    names = sorted(e.name for e in seeds_archive.entries().values())
    assert "renamed.txt" in names and "000_e95a843f5d48968b.txt" not in names and len(names) == 5


def test_two_archives_of_the_same_inputs_have_the_same_objects(tmp_path):
    a, b = Archive(tmp_path / "a"), Archive(tmp_path / "b")
    clean(a, SEEDS)
    clean(b, SEEDS)
    objects = lambda archive: {p.relative_to(archive.root): p.read_bytes()
                               for p in (archive.root / "objects").rglob("*") if p.is_file()}
    assert objects(a) == objects(b)
    assert a.manifest()["records"] == b.manifest()["records"]


def test_validate_finds_a_changed_record(seeds_archive):
    entry = next(iter(seeds_archive.entries().values()))
    path = seeds_archive.record_path(entry.record)
    path.write_text(path.read_text().replace('"language": "en"', '"language": "fr"'))
    found = problems(seeds_archive)
    assert any(str(path) in p and "SHA-256" in p for p in found)


def test_validate_finds_a_record_that_breaks_the_schema(seeds_archive):
    entry = next(iter(seeds_archive.entries().values()))
    path = seeds_archive.record_path(entry.record)
    path.write_text(path.read_text().replace('"language": "en"', '"language": "english"'))
    assert any("language" in p and str(path) in p for p in problems(seeds_archive))


def test_validate_finds_a_broken_chain(seeds_archive, tmp_path):
    (tmp_path / "late.txt").write_text("A sentence long enough to be a paragraph of its own, about the weather in Oslo today.\n")
    clean(seeds_archive, tmp_path / "late.txt")
    path = seeds_archive.manifest_path(1)
    path.write_text(path.read_text().replace('"command": "clean"', '"command": "rebuild"'))
    assert any("000002.json" in p and "parent" in p for p in problems(seeds_archive))


def test_validate_finds_a_missing_raw_input(seeds_archive):
    entry = next(iter(seeds_archive.entries().values()))
    seeds_archive.raw_path(entry.raw).unlink()
    assert any(str(seeds_archive.raw_path(entry.raw)) in p for p in problems(seeds_archive))


# five new inputs are ten new objects, renamed to their staged names (renames 1 to 10), then
# into place on commit (11 to 20), then the manifest: the 21st
@pytest.mark.parametrize("failing_rename", [1, 6, 11, 16, 21])
def test_a_crash_in_the_middle_of_a_write_leaves_the_last_version_intact(seeds_archive, tmp_path, monkeypatch,
                                                                           failing_rename):
    before = seeds_archive.manifest_path(1).read_bytes()
    extra = tmp_path / "more"
    shutil.copytree(SEEDS, extra)
    for path in extra.iterdir():
        path.write_text(path.read_text() + "\nOne more line makes this a new input.\n")
    real_replace, calls = os.replace, []

    def replace_then_fail(src, dst):
        calls.append(dst)
        if len(calls) == failing_rename:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_then_fail)
    with pytest.raises(OSError):
        clean(seeds_archive, extra)
    monkeypatch.undo()
    renamed_to = calls[-1].relative_to(seeds_archive.root).parts[0]
    assert renamed_to == ("tmp" if failing_rename <= 10 else "objects" if failing_rename <= 20 else "versions")
    assert seeds_archive.version_numbers() == [1]
    assert seeds_archive.manifest_path(1).read_bytes() == before
    assert problems(seeds_archive) == []
    assert not seeds_archive.lock_path.exists()
    assert clean(seeds_archive, extra) == 2 and problems(seeds_archive) == []


def test_a_version_whose_staged_object_vanished_is_not_committed(seeds_archive):
    raw = b"A sentence long enough to be a paragraph of its own, about the weather in Oslo today.\n"
    record = normalize(raw, "oslo.txt")
    with seeds_archive.writer("clean") as writer:
        entry = writer.archive.store(record, raw)
        writer.add_stored(entry)
        (seeds_archive.staging_dir / seeds_archive.record_path(entry.record).name).unlink()
        with pytest.raises(ArchiveError, match="never written"):
            writer.commit()
    assert seeds_archive.version_numbers() == [1] and problems(seeds_archive) == []
    assert not seeds_archive.raw_path(entry.raw).exists()


# a writer that dies at once, with no cleanup at all, on its 4th rename: a kill -9 or a power cut
KILLED_WRITER = """
import os, sys
from pathlib import Path
calls = []
real_replace = os.replace
def replace_then_die(src, dst):
    calls.append(dst)
    if len(calls) == 4:
        os._exit(9)
    real_replace(src, dst)
os.replace = replace_then_die
from normalizer.cli import app
app(["clean", sys.argv[1], "--archive", sys.argv[2]])
"""


def test_a_killed_writer_leaves_a_valid_archive_and_a_lock_that_unlock_clears(seeds_archive, tmp_path):
    extra = tmp_path / "more"
    shutil.copytree(SEEDS, extra)
    for path in extra.iterdir():
        path.write_text("Breaking: " + path.read_text())
    objects_before = sorted((seeds_archive.root / "objects").rglob("*"))
    died = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(extra), str(seeds_archive.root)],
                          capture_output=True, text=True)
    assert died.returncode == 9
    # its objects were staged in tmp/, not yet flushed to disk: none went into objects/
    assert sorted((seeds_archive.root / "objects").rglob("*")) == objects_before
    assert seeds_archive.version_numbers() == [1] and problems(seeds_archive) == []
    assert seeds_archive.lock_path.exists()
    with pytest.raises(ArchiveError, match="locked by process"):
        clean(seeds_archive, extra)
    assert "removed the lock" in seeds_archive.clear_stale_lock()
    assert clean(seeds_archive, extra) == 2 and problems(seeds_archive) == []
    assert not seeds_archive.tmp_dir.exists()


def test_a_second_writer_gets_a_clear_error_and_changes_nothing(seeds_archive, tmp_path):
    (tmp_path / "late.txt").write_text("A sentence long enough to be a paragraph of its own, about the weather in Oslo today.\n")
    with seeds_archive.writer("clean"):
        with pytest.raises(ArchiveError, match=f"locked by process {os.getpid()}"):
            clean(seeds_archive, tmp_path / "late.txt")
        assert seeds_archive.lock_path.exists()
    assert seeds_archive.version_numbers() == [1]
    assert clean(seeds_archive, tmp_path / "late.txt") == 2


def test_unlock_refuses_while_the_holder_lives(seeds_archive):
    with seeds_archive.writer("clean"):
        with pytest.raises(ArchiveError, match="still running"):
            seeds_archive.clear_stale_lock()
        assert seeds_archive.lock_path.exists()


def test_unlock_refuses_a_lock_from_another_host_unless_forced(seeds_archive):
    seeds_archive.lock_path.write_text(json.dumps({"pid": 1, "host": "elsewhere.example", "since": "2026-01-01T00:00:00Z"}))
    with pytest.raises(ArchiveError, match="cannot be checked"):
        seeds_archive.clear_stale_lock()
    assert "removed" in seeds_archive.clear_stale_lock(force=True)
    assert not seeds_archive.lock_path.exists()


def test_a_writer_never_takes_over_a_folder_that_is_not_an_archive(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "pages")
    with pytest.raises(ArchiveError, match="not a normalizer archive"):
        clean(Archive(tmp_path / "pages"), SEEDS)
    assert not (tmp_path / "pages" / "versions").exists()


def test_rebuild_with_a_changed_normalizer_makes_a_valid_new_version(seeds_archive, monkeypatch):
    monkeypatch.setattr(normalizer.pipeline, "__version__", "9.9.9")
    monkeypatch.setattr(normalizer.archive, "__version__", "9.9.9")
    with seeds_archive.writer("rebuild", base={}) as writer:
        for doc, record in normalize_batch_with_inputs(seeds_archive.stored_documents(writer.parent_entries)):
            assert writer.add(record, doc.raw) == "changed"
        assert writer.commit() == 2
    manifest = seeds_archive.manifest(2)
    assert manifest["normalizer"]["version"] == "9.9.9" and manifest["command"] == "rebuild"
    assert manifest["counts"]["changed"] == 5
    assert all(record["normalizer"]["version"] == "9.9.9" for _, record in seeds_archive.records(2))
    assert all(record["normalizer"]["version"] != "9.9.9" for _, record in seeds_archive.records(1))
    assert problems(seeds_archive) == []

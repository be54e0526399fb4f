"""Inputs that cannot be records: each is one clear line naming the file and the cause, the rest
of the batch goes on, and the rejection is in the summary and in the version's manifest."""
import gzip
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from normalizer.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "003_d410228cbb7e0699.txt"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61") + bytes(range(256)) * 4


def run(*args, input=None):
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def clean_with_a_good_page(tmp_path, name, content: bytes | None = None, *options):
    """Clean a folder holding one good page and the bad input ``name``; return the run and the manifest."""
    pages = tmp_path / "pages"
    pages.mkdir(exist_ok=True)
    shutil.copy(SEED, pages / "good.txt")
    if content is not None:
        (pages / name).write_bytes(content)
    result = run("clean", pages, "--archive", tmp_path / "archive", *options)
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "archive" / "versions" / "000001.json").read_text())
    assert [e["name"] for e in manifest["records"]] == ["good.txt"]
    return result, manifest


@pytest.mark.parametrize("name, content, reason, detail", [
    ("empty.txt", b"", "empty", "the input has no text"),
    ("blank.txt", b" \n\n\t \n", "empty", "the input has no text"),
    ("image.txt", PNG, "binary", "looks like binary data"),
    ("latin.txt", bytes(range(128, 256)) * 10, "undecodable", "no text encoding fits these bytes"),
    ("truncated.txt.gz", gzip.compress(SEED.read_bytes())[:200], "corrupt", "not a complete gzip file"),
    ("notgzip.html.gz", b"<html><body>plain, not gzipped</body></html>", "corrupt", "not a complete gzip file"),
])
def test_a_bad_file_is_one_line_and_the_batch_goes_on(tmp_path, name, content, reason, detail):
    result, manifest = clean_with_a_good_page(tmp_path, name, content)
    line = next(line for line in result.stderr.splitlines() if name in line)
    assert line.startswith(f"rejected {name}: {reason} (") and detail in line
    assert f"rejected: {reason} 1" in result.stdout and f"  {name}: {reason}" in result.stdout
    assert [(r["name"], r["reason"]) for r in manifest["rejections"]] == [(name, reason)]
    assert manifest["counts"]["rejected"] == 1


def test_a_file_over_the_size_limit_is_rejected_unread(tmp_path):
    big = SEEDS / "000_e95a843f5d48968b.txt"
    result, manifest = clean_with_a_good_page(tmp_path, "big.txt", big.read_bytes() + b"x" * 5000,
                                              "--max-bytes", str(SEED.stat().st_size))
    assert f"rejected big.txt: too_large ({big.stat().st_size + 5000} bytes, over the limit of" in result.stderr
    assert manifest["rejections"][0]["reason"] == "too_large"


def test_a_small_gzip_that_inflates_over_the_limit_is_rejected(tmp_path):
    bomb = gzip.compress(b"All work and no play makes Jack a dull boy. " * 200_000)
    assert len(bomb) < 100_000
    result, manifest = clean_with_a_good_page(tmp_path, "bomb.txt.gz", bomb, "--max-bytes", "1000000")
    assert "rejected bomb.txt.gz: too_large (over the limit of 1000000 bytes)" in result.stderr


def test_a_fifo_is_rejected_without_waiting_for_a_writer(tmp_path):
    (tmp_path / "pages").mkdir()
    os.mkfifo(tmp_path / "pages" / "pipe.txt")
    result, manifest = clean_with_a_good_page(tmp_path, "pipe.txt")
    assert "rejected pipe.txt: unreadable (not a regular file)" in result.stderr
    assert manifest["rejections"][0]["reason"] == "unreadable"


def test_a_broken_symbolic_link_is_rejected(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    result, _ = clean_with_a_good_page(tmp_path, "gone.txt")
    assert "rejected gone.txt: unreadable (a broken symbolic link)" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its permissions")
def test_a_file_without_read_permission_is_rejected(tmp_path):
    (tmp_path / "pages").mkdir()
    secret = tmp_path / "pages" / "secret.txt"
    secret.write_bytes(SEED.read_bytes() + b"\nsecret")
    secret.chmod(0)
    result, _ = clean_with_a_good_page(tmp_path, "secret.txt")
    assert "rejected secret.txt: unreadable (permission denied)" in result.stderr


def test_a_named_file_that_does_not_exist_is_rejected_and_the_rest_goes_on(tmp_path):
    result = run("clean", SEED, tmp_path / "missing.txt", "--archive", tmp_path / "archive")
    assert result.exit_code == 0
    assert "rejected missing.txt: unreadable (no such file or directory)" in result.stderr
    assert "1 record (" in result.stdout and "1 rejected" in result.stdout


def test_a_rejection_is_kept_even_when_no_record_changes(tmp_path):
    archive = tmp_path / "archive"
    assert run("clean", SEED, "--archive", archive).exit_code == 0
    (tmp_path / "blank.txt").write_bytes(b"  \n\n")
    result = run("clean", SEED, tmp_path / "blank.txt", "--archive", archive)
    assert result.exit_code == 0
    assert "wrote version 2" in result.stdout
    first, second = (json.loads((archive / "versions" / f"00000{n}.json").read_text()) for n in (1, 2))
    assert second["records"] == first["records"] and second["counts"]["changed"] == 0
    assert [(r["name"], r["reason"]) for r in second["rejections"]] == [("blank.txt", "empty")]


def test_a_folder_with_no_readable_inputs(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(PNG)
    result = run("clean", folder, "--archive", tmp_path / "archive")
    assert result.exit_code == 1
    assert f"rejected {folder}: empty (a folder with no readable inputs (.txt, .html, .htm, .warc, .wet, .jsonl, or gzipped))" in result.stderr
    assert "error: nothing to read: no input was found" in result.stderr
    assert not (tmp_path / "archive").exists()


def test_an_empty_folder_beside_good_inputs_is_listed_and_the_rest_is_written(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("clean", tmp_path / "empty", SEED, "--archive", tmp_path / "archive")
    assert result.exit_code == 0
    manifest = json.loads((tmp_path / "archive" / "versions" / "000001.json").read_text())
    assert [r["reason"] for r in manifest["rejections"]] == ["empty"]
    assert len(manifest["records"]) == 1


def test_empty_stdin(tmp_path):
    result = run("clean", "-", "--archive", tmp_path / "archive", input=b"")
    assert "rejected <stdin>: empty (the input has no text)" in result.stderr


def test_validate_without_an_archive(tmp_path):
    result = run("validate", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'nowhere'}: no archive here (the folder does not exist)\n"


def test_validate_of_a_folder_that_is_not_an_archive():
    result = run("validate", SEEDS)
    assert result.exit_code == 1
    assert "not a normalizer archive (it has no versions/ folder)" in result.stderr


def test_clean_into_a_folder_that_is_not_an_archive(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "pages")
    result = run("clean", SEED, "--archive", tmp_path / "pages")
    assert result.exit_code == 1 and "not a normalizer archive, and not empty" in result.stderr


def test_clean_while_another_writer_holds_the_lock(tmp_path):
    run("clean", SEED, "--archive", tmp_path / "archive")
    (tmp_path / "archive" / "LOCK").write_text(json.dumps({"pid": 4242, "host": "a-host", "since": "2026-11-21T06:00:00Z"}))
    result = run("clean", SEEDS, "--archive", tmp_path / "archive")
    assert result.exit_code == 1
    assert "locked by process 4242 on a-host since 2026-11-21T06:00:00Z" in result.stderr
    assert "normalizer unlock --archive" in result.stderr

"""Inputs that cannot be read: permission denied, a folder symlink loop, a file that vanishes
between the two passes of a run, a FIFO and a device. Each is one clear line naming the input and
the cause, in the summary and the manifest, and the run goes on with the rest."""
import json
import os
import shutil
import signal
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

import normalizer.batch_run
from normalizer.archive import Archive
from normalizer.cli import app

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
AS_ROOT = os.geteuid() == 0


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SEEDS[0], folder / "good.txt")
    return folder


@pytest.fixture(autouse=True)
def never_hang():
    """A read that waits for ever (a FIFO with no writer) fails the test instead of hanging it."""
    def hung(*_):
        raise TimeoutError("the run waited for an input for 60 s")
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def clean(pages: Path, *more) -> tuple[object, dict]:
    archive = pages.parent / "archive"
    result = run("clean", pages, *more, "--archive", archive)
    assert result.exit_code == 0, result.output
    return result, Archive(archive).manifest()


def rejected(result, manifest) -> dict[str, str]:
    """Each rejection line printed on stderr, by input name; they match the manifest's list."""
    lines = {}
    for line in result.stderr.splitlines():
        if line.startswith("rejected "):
            name, _, rest = line.removeprefix("rejected ").partition(": ")
            lines[name] = rest
    assert sorted(lines) == sorted(r["name"] for r in manifest["rejections"])
    return lines


def clean_without_root(pages: Path) -> tuple[object, dict]:
    """``clean`` as it runs for a user who is not root: as root (in CI), in a forked child that
    gives root up (uid ``nobody``) first, with everything the run imports already imported."""
    if not AS_ROOT:
        return clean(pages)
    archive = pages.parent / "archive"
    # import every module a run needs before giving root up
    assert run("clean", pages.parent / "warm-up", "--archive", pages.parent / "warm-up-archive").exit_code == 0
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's coverage is not collected)
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = CliRunner().invoke(app, ["clean", str(pages), "--archive", str(archive)])
            os.write(writer, json.dumps([result.exit_code, result.stdout, result.stderr]).encode())
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as output:
        exit_code, stdout, stderr = json.loads(output.read() or "[1, \"\", \"the child died\"]")
    os.waitpid(child, 0)
    assert exit_code == 0, stdout + stderr
    return SimpleNamespace(stdout=stdout, stderr=stderr), Archive(archive).manifest()


def test_a_file_and_a_folder_without_permission_are_rejected():
    base = Path(tempfile.mkdtemp(prefix="normalizer-permissions-"))  # not under pytest's folder, private to root
    try:
        base.chmod(0o777)
        (base / "warm-up").mkdir()
        shutil.copy(SEEDS[4], base / "warm-up" / "page.txt")
        pages = base / "pages"
        pages.mkdir(mode=0o777)
        shutil.copy(SEEDS[0], pages / "good.txt")
        (pages / "secret.txt").write_bytes(SEEDS[1].read_bytes())
        (pages / "secret.txt").chmod(0)
        (pages / "locked").mkdir()
        shutil.copy(SEEDS[2], pages / "locked" / "inside.txt")
        (pages / "locked").chmod(0)
        result, manifest = clean_without_root(pages)
        lines = rejected(result, manifest)
        assert lines == {"secret.txt": "unreadable (permission denied)",
                         "locked": "unreadable (a folder that cannot be listed (Permission denied))"}
        assert [e["name"] for e in manifest["records"]] == ["good.txt"]
    finally:
        (base / "pages" / "locked").chmod(0o755)
        shutil.rmtree(base)


def test_a_folder_symlink_loop_is_one_line_and_searched_once(pages):
    (pages / "sub").mkdir()
    shutil.copy(SEEDS[1], pages / "sub" / "deeper.txt")
    (pages / "sub" / "back").symlink_to("..")    # pages/sub/back -> pages: a loop
    (pages / "self").symlink_to("self")          # a link to itself: ELOOP
    (pages / "self.txt").symlink_to("self.txt")
    result, manifest = clean(pages)
    lines = rejected(result, manifest)
    assert lines["sub/back"].startswith("unreadable (a symbolic link to a folder already searched")
    assert lines["self.txt"] == "unreadable (Too many levels of symbolic links)"
    assert sorted(e["name"] for e in manifest["records"]) == ["good.txt", "sub/deeper.txt"]
    assert "2 records" in result.stdout


def test_a_linked_folder_outside_is_searched(pages, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(SEEDS[3], tmp_path / "elsewhere" / "linked.txt")
    (pages / "more").symlink_to(tmp_path / "elsewhere")
    result, manifest = clean(pages)
    assert sorted(e["name"] for e in manifest["records"]) == ["good.txt", "more/linked.txt"]
    assert manifest["rejections"] == []


def test_a_named_symlink_loop_is_rejected(pages, tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    result, manifest = clean(pages, tmp_path / "loop.txt")
    assert rejected(result, manifest) == {"loop.txt": "unreadable (Too many levels of symbolic links)"}


def between_the_passes(monkeypatch, change):
    """Run ``change()`` once the first pass has read every page and before the second reads any."""
    real_count_lines = normalizer.batch_run.count_lines

    def count_then_change(lines):
        counts = real_count_lines(lines)
        change()
        return counts
    monkeypatch.setattr(normalizer.batch_run, "count_lines", count_then_change)


def test_a_file_that_vanishes_between_the_two_passes_is_rejected_and_the_rest_written(pages, monkeypatch):
    for seed in SEEDS[1:4]:
        shutil.copy(seed, pages / seed.name)
    doomed = pages / SEEDS[2].name
    between_the_passes(monkeypatch, doomed.unlink)
    result, manifest = clean(pages)
    assert rejected(result, manifest) == {doomed.name: "unreadable (no such file or directory)"}
    assert sorted(e["name"] for e in manifest["records"]) == sorted(["good.txt", SEEDS[1].name, SEEDS[3].name])
    assert run("validate", pages.parent / "archive").exit_code == 0


def test_a_file_replaced_by_a_folder_between_the_passes_is_rejected(pages, monkeypatch):
    turns = pages / "turns.txt"
    shutil.copy(SEEDS[1], turns)
    between_the_passes(monkeypatch, lambda: (turns.unlink(), turns.mkdir()))
    result, manifest = clean(pages)
    assert rejected(result, manifest) == {"turns.txt": "unreadable (not a regular file)"}


@pytest.mark.parametrize("name", ["pipe.txt", "pipe.jsonl", "pipe.warc.gz", "pipe.html.gz"])
def test_a_fifo_in_a_folder_is_rejected_without_waiting_for_a_writer(pages, name):
    os.mkfifo(pages / name)
    result, manifest = clean(pages)
    assert rejected(result, manifest) == {name: "unreadable (not a regular file)"}
    assert [e["name"] for e in manifest["records"]] == ["good.txt"]


def test_a_device_named_on_the_command_line_is_rejected(pages):
    result, manifest = clean(pages, "/dev/zero", "/dev/null")
    assert rejected(result, manifest) == {"zero": "unreadable (not a regular file)",
                                          "null": "unreadable (not a regular file)"}


def test_explain_of_a_fifo_is_one_line(pages):
    os.mkfifo(pages / "pipe.txt")
    result = run("explain", pages / "pipe.txt")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {pages / 'pipe.txt'}: rejected: unreadable (not a regular file)"


def test_an_archive_path_that_is_a_file_is_one_line(pages, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    for archive in (tmp_path / "a-file", tmp_path / "a-file" / "below"):
        result = run("clean", pages, "--archive", archive)
        assert result.exit_code == 1
        assert result.stderr == f"error: {archive}: cannot be an archive folder: {tmp_path / 'a-file'} is a file\n"
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_jsonl_lines_that_python_cannot_read_as_json_are_one_line_each(pages):
    page = json.dumps({"id": "good", "text": SEEDS[1].read_text()})
    (pages / "export.jsonl").write_text("\n".join([
        "[" * 100_000,                                       # nested deeper than Python's parser recurses
        '{"id": ' + "7" * 5000 + ', "text": "a number of 5000 digits"}',  # over Python's int conversion limit
        '{"id": NaN, "url": Infinity, "date": -Infinity, "text": ' + json.dumps(SEEDS[2].read_text()) + "}",
        page]) + "\n")
    result, manifest = clean(pages)
    assert rejected(result, manifest) == {
        "export.jsonl#1": "corrupt (line 1: JSON nested too deeply to read)",
        "export.jsonl#2": "corrupt (line 2: JSON that cannot be read (Exceeds the limit (4300 digits) for integer "
                          "string conversion))"}
    assert sorted(e["name"] for e in manifest["records"]) == ["export.jsonl#3", "export.jsonl#4", "good.txt"]
    assert run("validate", pages.parent / "archive").exit_code == 0


def test_a_reader_that_fails_inside_a_container_keeps_the_pages_before_it_and_the_run_goes_on(pages, monkeypatch):
    import normalizer.jsonl

    lines = [json.dumps({"text": seed.read_text()}) for seed in SEEDS[1:4]]
    (pages / "export.jsonl").write_text("\n".join(lines) + "\n")
    real_page_of_line = normalizer.jsonl.page_of_line

    def fails_on_line_2(line, name, number, fields):
        if number == 2:
            raise KeyError("a reader bug")
        return real_page_of_line(line, name, number, fields)
    monkeypatch.setattr(normalizer.jsonl, "page_of_line", fails_on_line_2)
    result, manifest = clean(pages)
    lines = rejected(result, manifest)
    assert lines["export.jsonl"].startswith("internal_error (reading stopped here: KeyError: 'a reader bug' (in ")
    assert sorted(e["name"] for e in manifest["records"]) == ["export.jsonl#1", "good.txt"]


def test_cli_error_edges_are_one_line(pages, tmp_path):
    assert run("clean", pages, "--archive", tmp_path / "archive", "--max-bytes", "0").exit_code == 2  # a usage error
    assert run("clean", pages, "--archive", tmp_path / "archive").exit_code == 0
    result = run("export", "--archive", tmp_path / "archive", "--output", tmp_path / "no" / "such" / "folder.jsonl")
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'no' / 'such' / 'folder.jsonl'}: No such file or directory\n"


def test_a_warc_record_not_followed_by_its_blank_lines_is_one_rejection_without_warcio_noise(pages, tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for n, seed in enumerate(SEEDS[1:4]):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response",
                                                      payload=io.BytesIO(seed.read_bytes()), http_headers=http))
    (pages / "crawl.warc").write_bytes(out.getvalue().replace(b"\r\n\r\nWARC/1.0", b"WARC/1.0", 1))
    result, manifest = clean(pages)
    assert "WARNING" not in result.stderr
    assert [line for line in result.stderr.splitlines() if not line.startswith("rejected ")] == []
    assert list(rejected(result, manifest)) == ["crawl.warc#2"]


def test_a_file_replaced_by_a_fifo_between_the_passes_is_rejected_without_waiting(pages, monkeypatch):
    turns = pages / "turns.txt"
    shutil.copy(SEEDS[1], turns)
    between_the_passes(monkeypatch, lambda: (turns.unlink(), os.mkfifo(turns)))
    result, manifest = clean(pages)
    assert rejected(result, manifest) == {"turns.txt": "unreadable (not a regular file)"}


def test_a_file_that_grows_after_its_size_is_checked_is_read_no_further_than_the_limit(pages, monkeypatch):
    import normalizer.readers

    (pages / "growing.txt").write_bytes(SEEDS[1].read_bytes() * 50)
    real_fstat = os.fstat

    def says_it_is_small(fd):  # the size checked before the file grew
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 100, *info[7:]))
    monkeypatch.setattr(normalizer.readers.os, "fstat", says_it_is_small)
    result, manifest = clean(pages, "--max-bytes", SEEDS[1].stat().st_size * 2)
    assert rejected(result, manifest) == {"growing.txt": f"too_large (over the limit of {SEEDS[1].stat().st_size * 2} bytes)"}


def test_a_named_path_too_long_for_the_system_is_rejected_and_the_rest_goes_on(pages, tmp_path):
    too_long = tmp_path / ("n" * 300 + ".txt")
    deep = "d/" * 3000 + "page.txt"
    result, manifest = clean(pages, too_long, deep)
    lines = rejected(result, manifest)
    assert lines == {too_long.name: "unreadable (File name too long)", "page.txt": "unreadable (File name too long)"}
    assert [e["name"] for e in manifest["records"]] == ["good.txt"]

"""Faults while writing, and an archive changed by hand.

A `clean` killed with SIGKILL at random moments, a disk that fills up (simulated at every write,
and a real full tmpfs when the test may mount one), a stale lock: afterwards `validate` passes
and the archive holds exactly its last complete version. A record or manifest edited by hand, a
blob truncated, a version file or HEAD deleted: `validate` names each problem and exits 1.
"""
import errno
import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import normalizer.archive
from normalizer.archive import Archive
from normalizer.cli import app
from normalizer.record import record_id, record_json

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def write_pages(folder: Path, round_: int, count: int = 3) -> dict[str, str]:
    """``count`` real pages for a run, made new by a line naming the round; their ids by name."""
    folder.mkdir(parents=True)
    ids = {}
    for n in range(count):
        data = SEEDS[(round_ + n) % len(SEEDS)].read_bytes() + f"\nUpdate {round_}.{n}: the story goes on.\n".encode()
        (folder / f"r{round_:02d}-{n}.txt").write_bytes(data)
        ids[f"r{round_:02d}-{n}.txt"] = record_id(data)
    return ids


def latest_ids(archive: Path) -> dict[str, str]:
    store = Archive(archive)
    return {e.name: e.id for e in store.entries().values()} if store.latest() else {}


def assert_valid(archive: Path):
    result = run("validate", archive)
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("all valid")


# killed at random points

def clean_in_a_child(pages: Path, archive: Path) -> int:
    """Fork a child that runs `normalizer clean` (with every module already imported, so the
    child starts working at once) and return its pid."""
    child = os.fork()
    if child == 0:  # pragma: no cover
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            app(["clean", str(pages), "--archive", str(archive)], standalone_mode=False)
        finally:
            os._exit(0)
    return child


def test_a_clean_killed_at_random_points_leaves_the_last_complete_version(tmp_path):
    archive = tmp_path / "archive"
    rng = random.Random(8)
    expected = write_pages(tmp_path / "round00", 0)
    assert run("clean", tmp_path / "round00", "--archive", archive).exit_code == 0  # also imports everything
    # how long a round takes when run as the rounds are (a forked child, three pages, an archive
    # with a version in it): the kills fall anywhere in it, whatever the machine's load. The
    # quickest of three runs: one timed during a burst of load elsewhere would let most kills fall
    # after the rounds had ended
    durations = []
    for timed in range(3):
        write_pages(tmp_path / f"timed{timed}", 50 + timed)
        shutil.copytree(archive, tmp_path / f"timed-archive{timed}")
        started = time.monotonic()
        os.waitpid(clean_in_a_child(tmp_path / f"timed{timed}", tmp_path / f"timed-archive{timed}"), 0)
        durations.append(time.monotonic() - started)
    duration = min(durations)
    versions, kills, committed = 1, 0, 0
    for round_ in range(1, 21):
        new = write_pages(tmp_path / f"round{round_:02d}", round_)
        child = clean_in_a_child(tmp_path / f"round{round_:02d}", archive)
        time.sleep(rng.uniform(0, duration))
        os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        kills += os.WIFSIGNALED(status)
        unlocked = run("unlock", "--archive", archive)  # the documented way to clear a killed writer's lock
        assert unlocked.exit_code == 0 and ("removed the lock" in unlocked.stdout or "not locked" in unlocked.stdout)
        assert_valid(archive)
        store = Archive(archive)
        if store.latest() == versions + 1:  # the child got to its commit point
            versions += 1
            committed += 1
            expected.update(new)
        assert store.version_numbers() == list(range(1, versions + 1))
        assert latest_ids(archive) == expected, f"round {round_}"
        assert not (archive / "LOCK").exists() and not (archive / "tmp").exists()
    assert kills >= 10  # most runs were killed before they ended, some may have committed
    # the archive goes on: a new run commits on top of whatever was left, and HEAD follows it
    more = write_pages(tmp_path / "last", 99)
    assert run("clean", tmp_path / "last", "--archive", archive).exit_code == 0
    assert latest_ids(archive) == {**expected, **more} and Archive(archive).latest() == versions + 1
    assert json.loads((archive / "HEAD").read_text())["version"] == versions + 1
    assert not list(archive.glob(".LOCK-draft-*")) and not (archive / "LOCK").exists()
    assert_valid(archive)


KILLED_AS_A_PROCESS = """
import sys
from normalizer.cli import app
app(["clean", sys.argv[1], "--archive", sys.argv[2]])
"""


def test_a_stale_lock_is_named_as_stale_and_unlock_clears_it(tmp_path):
    archive = tmp_path / "archive"
    write_pages(tmp_path / "first", 0)
    assert run("clean", tmp_path / "first", "--archive", archive).exit_code == 0
    write_pages(tmp_path / "second", 1, count=5)
    process = subprocess.Popen(["python", "-c", KILLED_AS_A_PROCESS, tmp_path / "second", archive],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (archive / "LOCK").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.kill()
    process.wait()
    if not (archive / "LOCK").exists():
        pytest.skip("the writer ended before it could be killed")
    holder = json.loads((archive / "LOCK").read_text())
    assert holder["pid"] == process.pid
    blocked = run("clean", tmp_path / "second", "--archive", archive)
    assert blocked.exit_code == 1
    assert f"locked by process {process.pid} on " in blocked.stderr and "which is gone (a stale lock)" in blocked.stderr
    assert f"run `normalizer unlock --archive {archive}`" in blocked.stderr
    assert_valid(archive)
    unlocked = run("unlock", "--archive", archive)
    assert unlocked.exit_code == 0 and f"removed the lock of process {process.pid}" in unlocked.stdout
    assert run("clean", tmp_path / "second", "--archive", archive).exit_code == 0
    assert Archive(archive).latest() == 2
    assert_valid(archive)


# Ctrl-C's handler set as a terminal's program has it: a shell starts a background job (`pytest &`)
# with SIGINT ignored, and a child inherits that
INTERRUPTED_AS_A_PROCESS = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
from normalizer.cli import app
app(["clean", sys.argv[1], "--archive", sys.argv[2], "--jobs", "2"], prog_name="normalizer")
"""


def interrupted_with_workers(tmp_path, signal_number: int, to_the_group: bool) -> subprocess.CompletedProcess:
    """A `clean --jobs 2` on 1,000 pages (seconds of work, so that the signal comes well before
    the end) into an archive of one version, sent ``signal_number`` once
    its two worker processes are at work: to its whole process group, as a terminal's Ctrl-C is,
    or to the main process alone, as `kill PID` is."""
    archive = tmp_path / "archive"
    write_pages(tmp_path / "first", 0)
    assert run("clean", tmp_path / "first", "--archive", archive).exit_code == 0
    write_pages(tmp_path / "second", 1, count=1000)
    process = subprocess.Popen(["python", "-c", INTERRUPTED_AS_A_PROCESS, tmp_path / "second", archive],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline and len(children.read_text().split()) < 2:
        time.sleep(0.02)
    time.sleep(0.5)  # the workers busy with pages
    if process.poll() is not None:
        pytest.skip("the run ended before it could be interrupted")
    if to_the_group:
        os.killpg(process.pid, signal_number)
    else:
        process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)
    assert Archive(archive).latest() == 1 and not (archive / "LOCK").exists()
    assert_valid(archive)
    return subprocess.CompletedProcess(process.args, process.returncode, stderr=stderr.decode())


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the workers in /proc")
def test_ctrl_c_with_worker_processes_is_one_line_and_the_archive_keeps_its_last_version(tmp_path):
    """Ctrl-C reaches every process of the terminal's group: the workers leave it to the main
    process, which stops them and says so, rather than each printing its own traceback."""
    result = interrupted_with_workers(tmp_path, signal.SIGINT, to_the_group=True)
    assert result.returncode == 130
    assert result.stderr == "interrupted: the archive keeps its last complete version\n"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the workers in /proc")
def test_sigterm_stops_a_run_as_ctrl_c_does_and_leaves_no_lock(tmp_path):
    """`kill PID`, `timeout` and service managers send SIGTERM: the writer gives its lock back
    (no stale lock to clear by hand) and its workers end with it."""
    result = interrupted_with_workers(tmp_path, signal.SIGTERM, to_the_group=False)
    assert result.returncode == 130
    assert result.stderr == "interrupted: the archive keeps its last complete version\n"
    assert not (tmp_path / "archive" / "tmp").exists()


LOADING_AS_A_PROCESS = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.argv = ["normalizer", "--version"]
from normalizer.__main__ import main
print("up", flush=True)
main()
"""


def test_ctrl_c_while_the_command_line_loads_is_one_line():
    """The command line takes about a second to load its libraries; a Ctrl-C then is one line and
    status 130, never a traceback of the module being imported. (The signal comes once the
    console script has its entry point, as the installed `normalizer` does: a Ctrl-C during
    Python's own start is Python's to report.)"""
    for delay in (0.0, 0.1, 0.3):
        process = subprocess.Popen([sys.executable, "-c", LOADING_AS_A_PROCESS],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout.readline() == b"up\n"
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
        assert b"Traceback" not in stderr
        assert (process.returncode, stderr) == (130, b"interrupted\n") or (
            process.returncode == 0 and stdout.startswith(b"normalizer "))  # loaded before the signal came


def test_unlock_never_removes_a_live_writers_lock(tmp_path):
    archive = Archive(tmp_path / "archive")
    write_pages(tmp_path / "pages", 0)
    with archive.writer("clean"):
        result = run("unlock", "--archive", archive.root)
        assert result.exit_code == 1 and "still running" in result.stderr
        assert archive.lock_path.exists()
    assert not archive.lock_path.exists()


# the disk full

class FullDisk:
    """``open`` for the archive module whose files fail with ENOSPC on the ``fail_at``-th write
    (0: never), counting the writes."""

    def __init__(self, fail_at: int):
        self.fail_at = fail_at
        self.writes = 0

    def __call__(self, path, mode="r", *args, **kwargs):
        file = open(path, mode, *args, **kwargs)
        return FillingFile(file, self, str(path)) if ("w" in mode or "x" in mode) else file


class FillingFile:
    def __init__(self, file, disk: FullDisk, path: str):
        self.file, self.disk, self.path = file, disk, path

    def write(self, data):
        self.disk.writes += 1
        if self.disk.writes == self.disk.fail_at:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self.path)
        return self.file.write(data)

    def __getattr__(self, name):
        return getattr(self.file, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.file.close()


def count_writes(tmp_path, monkeypatch) -> int:
    counter = FullDisk(fail_at=0)
    monkeypatch.setattr(normalizer.archive, "open", counter, raising=False)
    assert run("clean", tmp_path / "second", "--archive", tmp_path / "probe").exit_code == 0
    monkeypatch.undo()
    return counter.writes


def test_a_full_disk_at_every_write_leaves_a_valid_archive(tmp_path, monkeypatch):
    pristine = tmp_path / "pristine"
    write_pages(tmp_path / "first", 0)
    assert run("clean", tmp_path / "first", "--archive", pristine).exit_code == 0
    second = write_pages(tmp_path / "second", 1)
    shutil.copytree(pristine, tmp_path / "probe")
    writes = count_writes(tmp_path, monkeypatch)  # the lock, 3 raw inputs, 3 records, the manifest, HEAD
    assert writes == 9
    before = latest_ids(pristine)
    for fail_at in range(1, writes + 1):
        archive = tmp_path / f"full-at-{fail_at}"  # objects written before the failure stay: start afresh
        shutil.copytree(pristine, archive)
        disk = FullDisk(fail_at)
        monkeypatch.setattr(normalizer.archive, "open", disk, raising=False)
        result = run("clean", tmp_path / "second", "--archive", archive)
        monkeypatch.undo()
        assert disk.writes == fail_at and result.exit_code == 1
        assert "No space left on device; the archive keeps its last complete version" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert not (archive / "LOCK").exists() and not (archive / "tmp").exists()
        assert not list(archive.glob(".LOCK-draft-*"))
        assert_valid(archive)
        if fail_at < writes:
            assert Archive(archive).latest() == 1 and latest_ids(archive) == before
        else:  # the manifest was renamed into place, HEAD could not follow: version 2 is complete
            assert Archive(archive).latest() == 2 and latest_ids(archive) == {**before, **second}
        assert run("clean", tmp_path / "second", "--archive", archive).exit_code == 0
        assert latest_ids(archive) == {**before, **second}
        assert_valid(archive)


@pytest.fixture
def small_tmpfs(tmp_path):
    """A 2 MB tmpfs mounted for the test, when it may mount one (root with CAP_SYS_ADMIN)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_real_full_disk_stops_the_run_and_the_archive_stays_valid(tmp_path, small_tmpfs):
    archive = small_tmpfs / "archive"
    write_pages(tmp_path / "first", 0)
    assert run("clean", tmp_path / "first", "--archive", archive).exit_code == 0
    before = latest_ids(archive)
    (small_tmpfs / "filler").write_bytes(b"")
    with open(small_tmpfs / "filler", "wb") as filler:  # leave about 20 kB free
        try:
            while shutil.disk_usage(small_tmpfs).free > 20_000:
                filler.write(b"\0" * 4096)
                filler.flush()
        except OSError:
            pass
    write_pages(tmp_path / "second", 1, count=5)
    result = run("clean", tmp_path / "second", "--archive", archive)
    assert result.exit_code == 1 and "No space left on device" in result.stderr, result.output
    assert_valid(archive)
    assert Archive(archive).latest() == 1 and latest_ids(archive) == before
    (small_tmpfs / "filler").unlink()
    assert run("clean", tmp_path / "second", "--archive", archive).exit_code == 0
    assert_valid(archive)


# tampering

@pytest.fixture(scope="module")
def three_versions(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("tampering")
    for round_ in range(3):
        write_pages(base / f"round{round_}", round_, count=2)
        assert run("clean", base / f"round{round_}", "--archive", base / "archive").exit_code == 0
    return base / "archive"


@pytest.fixture
def archive(three_versions, tmp_path) -> Archive:
    shutil.copytree(three_versions, tmp_path / "archive")
    return Archive(tmp_path / "archive")


def validate_fails(archive: Archive) -> list[str]:
    result = run("validate", archive.root)
    assert result.exit_code == 1, result.output
    return result.stdout.splitlines()[:-1]


def entry(archive: Archive, version: int | None = None):
    return sorted(archive.entries(version).values(), key=lambda e: e.name)[0]


def test_a_latest_manifest_edited_by_hand_is_found(archive):
    path = archive.manifest_path(3)
    path.write_text(path.read_text().replace('"command": "clean"', '"command": "rebuild"'))
    assert validate_fails(archive) == [f"{archive.head_path}: names version 3 with another SHA-256 than its "
                                       f"manifest's: the manifest was changed after it was written"]


def test_a_record_dropped_from_an_older_manifest_is_found(archive):
    manifest = archive.manifest(2)
    manifest["records"] = manifest["records"][1:]
    manifest["counts"]["records"] -= 1
    archive.manifest_path(2).write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    (problem,) = validate_fails(archive)
    assert problem.startswith(f"{archive.manifest_path(3)}: its parent is {{'sha256': ")


def test_a_record_edited_by_hand_is_found(archive):
    path = archive.record_path(entry(archive).record)
    record = json.loads(path.read_text())
    record["headline"] = "Edited by hand"
    path.write_text(record_json(record))
    problems = validate_fails(archive)
    assert f"{path}: the file's SHA-256 does not match its name" in problems


@pytest.mark.parametrize("blob", ["raw", "record"])
def test_a_truncated_blob_is_found(archive, blob):
    first = entry(archive, 1)
    path = archive.raw_path(first.raw) if blob == "raw" else archive.record_path(first.record)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    problems = validate_fails(archive)
    if blob == "raw":
        assert problems == [f"{path}: not a complete gzip file (Compressed file ended before the end-of-stream "
                            f"marker was reached)"]
    else:
        assert problems[0] == f"{path}: the file's SHA-256 does not match its name"
        assert problems[1].startswith(f"{path}: not valid JSON (")


def test_the_latest_version_file_deleted_is_found(archive):
    archive.manifest_path(3).unlink()
    assert validate_fails(archive) == [f"{archive.head_path}: names version 3, but the latest manifest is "
                                       f"version 2: a version was deleted"]


def test_a_middle_version_file_deleted_is_found(archive):
    archive.manifest_path(2).unlink()
    problems = validate_fails(archive)
    assert problems[0] == f"{archive.versions_dir}: versions are not numbered 1 to 2: [1, 3]"
    assert any(p.startswith(f"{archive.manifest_path(3)}: its parent is") for p in problems)


def test_head_deleted_is_found(archive):
    archive.head_path.unlink()
    assert validate_fails(archive) == [f"{archive.head_path}: missing: the latest version (3) cannot be confirmed"]


def test_every_problem_at_once_is_named(archive):
    archive.manifest_path(3).write_text(archive.manifest_path(3).read_text().replace('"clean"', '"rebuild"'))
    raw = archive.raw_path(entry(archive, 1).raw)
    raw.write_bytes(gzip.compress(b"other bytes"))
    record = archive.record_path(entry(archive, 2).record)
    record.unlink()
    problems = "\n".join(validate_fails(archive))
    assert f"{raw}: the raw input's SHA-256 does not match its name" in problems
    assert f"{record}: missing or unreadable record (No such file or directory)" in problems
    assert f"{archive.head_path}: names version 3 with another SHA-256" in problems


def test_a_raw_blob_replaced_by_a_gzip_bomb_is_named_without_inflating_it_whole(archive):
    import tracemalloc
    import zlib

    from normalizer.validate import ArchiveCheck

    raw = archive.raw_path(entry(archive, 1).raw)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    raw.write_bytes(b"".join(packer.compress(b"\0" * 1_000_000) for _ in range(100)) + packer.flush())
    tracemalloc.start()
    try:
        problems = [str(p) for p in ArchiveCheck(archive).problems()]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problems == [f"{raw}: the raw input's SHA-256 does not match its name"]
    assert peak < 20_000_000  # the blob inflates to 100 MB


def test_a_record_replaced_by_json_nested_too_deep_is_named(archive):
    path = archive.record_path(entry(archive, 1).record)
    path.write_text("[" * 100_000)
    problems = validate_fails(archive)
    assert f"{path}: the file's SHA-256 does not match its name" in problems
    assert any(p.startswith(f"{path}: not valid JSON (maximum recursion depth exceeded") for p in problems)

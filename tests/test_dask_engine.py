"""`clean --engine dask` on a real Dask cluster of two worker processes writes the archive a local
run writes, byte for byte, however the inputs are cut into partitions, and even when a worker is
killed in the middle of the run; two writers storing the same objects at once are harmless."""
import functools
import gzip
import json
import logging
import os
import re
import shutil
import signal
import sys
import threading
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

import cloudpickle  # noqa: E402  (a dependency of distributed)

import normalizer.archive  # noqa: E402
import normalizer.dask_engine  # noqa: E402
from cli_helpers import run  # noqa: E402
from normalizer.api import normalize  # noqa: E402
from normalizer.archive import Archive, sha256_hex  # noqa: E402
from normalizer.context import RunContext  # noqa: E402
from normalizer.jsonl import JsonlFields  # noqa: E402
from normalizer.readers import InputFile  # noqa: E402
from test_warc import request, response, write_warc  # noqa: E402
from dev_bench import BENCH  # noqa: E402

TESTS = Path(__file__).resolve().parent
SEEDS = sorted((TESTS.parent / "seeds").glob("*.txt"))
ARTICLE = TESTS / "pages" / "flood_barrier.html"
BENCH_WET = BENCH / "inputs" / "wet"
BENCH_PAGES = sorted((BENCH_WET / "mozilla-readability").glob("*.txt"))[:24]
CRAWL_PAGES = sorted((BENCH_WET / "wcxb").glob("*.txt"))[:20]
CREATED = "2026-01-01T00:00:00Z"


@pytest.fixture(scope="module")
def scheduler():
    """A cluster of two worker processes, one thread each, for the whole module."""
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Real pages in every form a run reads: page files (a duplicate, an empty one, an HTML page),
    a gzipped crawl (pages of one site, so lines repeat; records that hold no page; a page
    crawled twice under two URLs), a plain WARC file, and a gzipped JSONL export with a broken
    line and a blank one."""
    if not BENCH_PAGES or not CRAWL_PAGES:
        pytest.skip("the dev bench (../shared/bench) is not here")
    root = tmp_path_factory.mktemp("inputs")
    pages = root / "pages"
    pages.mkdir()
    for path in BENCH_PAGES + SEEDS:
        shutil.copy(path, pages / path.name)
    shutil.copy(SEEDS[0], pages / "zz-copy-of-a-seed.txt")
    shutil.copy(ARTICLE, pages / ARTICLE.name)
    (pages / "empty.txt").write_bytes(b"")

    def crawl(writer):
        for n, path in enumerate(CRAWL_PAGES):
            yield request(writer, f"https://news.example/{n}")
            yield response(writer, f"https://news.example/{n}", path.read_bytes(), "text/plain; charset=utf-8")
        yield response(writer, "https://news.example/old", b"", "text/html", status="301 Moved Permanently")
        yield response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        yield response(writer, "https://news.example/again", CRAWL_PAGES[3].read_bytes(), "text/plain")
        yield response(writer, "https://news.example/flood", ARTICLE.read_bytes(), "text/html")

    def plain(writer):
        for n, path in enumerate(SEEDS):
            yield response(writer, f"https://other.example/{n}", path.read_bytes() + b"\nFiled again.\n", "text/plain")

    write_warc(root / "crawl.warc.gz", crawl)
    write_warc(root / "plain.warc", plain, gzipped=False)
    lines = [json.dumps({"url": f"https://export.example/{n}", "text": path.read_text(encoding="utf-8")})
             for n, path in enumerate(BENCH_PAGES[:6])]
    (root / "export.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines[:3] + ["{not json", ""] + lines[3:]) + "\n")
                                                        .encode("utf-8")))
    return [pages, root / "crawl.warc.gz", root / "plain.warc", root / "export.jsonl.gz"]


@pytest.fixture(autouse=True)
def same_clock(monkeypatch):
    """Both runs' manifests say the same time, so whole archives can be compared byte for byte."""
    monkeypatch.setattr(normalizer.archive, "now_utc", lambda: CREATED)


@pytest.fixture(scope="module")
def local_archive(inputs, tmp_path_factory):
    """The archive a local run with one job writes, and its output."""
    archive = tmp_path_factory.mktemp("local") / "archive"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(normalizer.archive, "now_utc", lambda: CREATED)
        result = run("clean", *inputs, "--archive", archive, "--jobs", 1)
    assert result.exit_code == 0, result.output
    return archive, result


def tree(archive: Path) -> dict[str, bytes]:
    return {p.relative_to(archive).as_posix(): p.read_bytes() for p in sorted(archive.rglob("*")) if p.is_file()}


def clean_on_dask(inputs, archive, scheduler):
    result = run("clean", *inputs, "--archive", archive, "--engine", "dask", "--scheduler", scheduler)
    assert result.exit_code == 0, result.output
    return result


DEFAULT_PARTITIONS = (normalizer.dask_engine.FILES_PER_PARTITION, normalizer.dask_engine.RECORDS_PER_PARTITION)


@pytest.mark.parametrize("files, records", [DEFAULT_PARTITIONS, (3, 4)], ids=["default-partitions", "small-partitions"])
def test_a_dask_run_writes_the_archive_of_a_local_run_byte_for_byte(inputs, local_archive, scheduler, tmp_path,
                                                                     monkeypatch, files, records):
    monkeypatch.setattr(normalizer.dask_engine, "FILES_PER_PARTITION", files)
    monkeypatch.setattr(normalizer.dask_engine, "RECORDS_PER_PARTITION", records)
    local, local_result = local_archive
    result = clean_on_dask(inputs, tmp_path / "archive", scheduler)
    assert result.stdout == local_result.stdout.replace(str(local), str(tmp_path / "archive"))
    # duplicates: 4 among the bench pages, the copied seed, the page crawled twice, the 6 export lines
    # (pages of the folder again, one a duplicate already); skipped: 2 warcinfo, 20 requests, a 301, a png
    assert "13 duplicates" in result.stdout and "skipped 24 WARC records" in result.stdout
    assert "rejected: corrupt 1, empty 1" in result.stdout
    assert tree(tmp_path / "archive") == tree(local)
    stored_raw = list((local / "objects" / "raw").rglob("*.gz"))
    assert len(stored_raw) == json.loads((local / "versions" / "000001.json").read_text())["counts"]["records"]


def test_without_a_scheduler_the_run_starts_a_cluster_of_its_own(tmp_path):
    local = run("clean", *SEEDS, "--archive", tmp_path / "local")
    result = run("clean", *SEEDS, "--archive", tmp_path / "dask", "--engine", "dask", "--jobs", 1)
    assert result.exit_code == 0, result.output
    assert result.stdout == local.stdout.replace("local", "dask")
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")


class KillsOneWorker(distributed.WorkerPlugin):
    """Kills the worker process that starts pass two's third partition, once (SIGKILL: no goodbye)."""

    def __init__(self, folder: str):
        self.folder = folder

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or not str(key).startswith("normalize_partition"):
            return
        started = os.open(os.path.join(self.folder, f"started-{os.getpid()}-{key}"), os.O_CREAT | os.O_WRONLY)
        os.close(started)
        if len(os.listdir(self.folder)) >= 3:
            try:
                os.close(os.open(os.path.join(self.folder, "killed"), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return
            os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_killed_mid_run_costs_no_input_and_leaves_a_valid_archive(inputs, local_archive, scheduler,
                                                                           tmp_path, monkeypatch):
    monkeypatch.setattr(normalizer.dask_engine, "FILES_PER_PARTITION", 3)
    monkeypatch.setattr(normalizer.dask_engine, "RECORDS_PER_PARTITION", 4)
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    marks = tmp_path / "marks"
    marks.mkdir()
    with distributed.Client(scheduler) as client:
        # (left registered: it kills once only, and unregistering it could meet a worker being restarted)
        client.register_plugin(KillsOneWorker(str(marks)), name="kills-one-worker")
        try:
            result = clean_on_dask(inputs, tmp_path / "archive", scheduler)
        finally:
            client.wait_for_workers(2)  # the nanny starts a new one
    assert (marks / "killed").exists()
    local, local_result = local_archive
    assert result.stdout == local_result.stdout.replace(str(local), str(tmp_path / "archive"))
    assert tree(tmp_path / "archive") == tree(local)
    assert run("validate", tmp_path / "archive").exit_code == 0


class KillsEveryWorker(distributed.WorkerPlugin):
    """Kills the worker process that starts any partition of pass two, while ``armed`` exists."""

    def __init__(self, armed: str):
        self.armed = armed

    def transition(self, key, start, finish, **kwargs):
        if finish == "executing" and str(key).startswith("normalize_partition") and os.path.exists(self.armed):
            os.kill(os.getpid(), signal.SIGKILL)


def test_a_partition_whose_workers_always_die_stops_the_run_with_one_line_and_no_version(inputs, scheduler,
                                                                                         tmp_path):
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with distributed.Client(scheduler) as client:
        allowed = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.allowed_failures)
        client.run_on_scheduler(lambda dask_scheduler: setattr(dask_scheduler, "allowed_failures", 0))
        armed = tmp_path / "armed"
        armed.touch()
        client.register_plugin(KillsEveryWorker(str(armed)), name="kills-every-worker")  # (disarmed after)
        try:
            result = run("clean", *inputs, "--archive", tmp_path / "archive", "--engine", "dask",
                         "--scheduler", scheduler)
        finally:
            armed.unlink()
            client.run_on_scheduler(lambda dask_scheduler: setattr(dask_scheduler, "allowed_failures", allowed))
            client.wait_for_workers(2)
    assert result.exit_code == 1
    assert re.fullmatch(r"error: .+: the worker running it died each time \(1 try\); the run is stopped\n",
                        result.stderr.splitlines(keepends=True)[-1])
    assert not (tmp_path / "archive" / "versions" / "000001.json").exists()
    assert not (tmp_path / "archive" / "LOCK").exists()


def test_two_writers_storing_the_same_record_at_once_leave_it_whole(tmp_path, monkeypatch):
    """Both writers find the objects absent and write them; each rename is made to wait for the
    other writer's, so that both really replace each staged object, one after the other."""
    raw = SEEDS[0].read_bytes()
    record = normalize(raw, SEEDS[0].name)
    archive = Archive(tmp_path / "archive")
    archive.acquire_lock()
    both_written = threading.Barrier(2)
    replace = os.replace

    def replace_together(source, target):
        both_written.wait(timeout=10)
        replace(source, target)

    monkeypatch.setattr(normalizer.archive.os, "replace", replace_together)
    entries = []
    writers = [threading.Thread(target=lambda: entries.append(archive.store(record, raw))) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert not both_written.broken and len(entries) == 2 and entries[0] == entries[1]
    monkeypatch.undo()
    archive.place_staged([archive.raw_path(entries[0].raw), archive.record_path(entries[0].record)])
    objects = sorted(p.relative_to(archive.root) for p in (archive.root / "objects").rglob("*") if p.is_file())
    assert objects == sorted([archive.raw_path(entries[0].raw).relative_to(archive.root),
                              archive.record_path(entries[0].record).relative_to(archive.root)])
    assert gzip.decompress(archive.raw_path(entries[0].raw).read_bytes()) == raw
    assert archive.record_path(entries[0].record).read_text(encoding="utf-8") == record.to_json()
    assert list(archive.tmp_dir.iterdir()) == [archive.staging_dir] and list(archive.staging_dir.iterdir()) == []


def test_a_worker_that_sees_the_archive_stores_the_records_and_one_that_does_not_sends_them(tmp_path):
    archive = Archive(tmp_path / "archive")
    archive.acquire_lock()
    part = normalizer.dask_engine.Partition(tuple(InputFile(p.name, p, "text") for p in SEEDS[:2]))
    run_it = functools.partial(normalizer.dask_engine.normalize_partition, part, 10**7, JsonlFields(), RunContext())
    elsewhere = run_it((str(archive.root), {"pid": 1, "host": "another machine", "since": CREATED}))
    assert [raw for raw, _ in elsewhere] == [p.read_bytes() for p in SEEDS[:2]]
    assert not (archive.root / "objects").exists()
    shared = run_it((str(archive.root), archive.lock_holder()))
    assert [raw for raw, _ in shared] == [None, None]
    archive.place_staged(path for _, stored in shared  # (as the driver's commit does)
                         for path in (archive.raw_path(stored.entry.raw), archive.record_path(stored.entry.record)))
    for (_, record), (_, stored) in zip(elsewhere, shared):
        assert archive.record_path(stored.entry.record).read_text(encoding="utf-8") == record.to_json()
        assert stored.language == record["language"] == "en"
    assert [gzip.decompress(archive.raw_path(sha256_hex(p.read_bytes())).read_bytes()) for p in SEEDS[:2]] == \
        [p.read_bytes() for p in SEEDS[:2]]


def test_an_unreachable_scheduler_is_one_line_and_no_archive(tmp_path, monkeypatch):
    monkeypatch.setattr(normalizer.dask_engine, "CONNECT_TIMEOUT", "1s")
    result = run("clean", SEEDS[0], "--archive", tmp_path / "archive", "--engine", "dask",
                 "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert not (tmp_path / "archive").exists()


def test_without_dask_the_engine_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    result = run("clean", SEEDS[0], "--archive", tmp_path / "archive", "--engine", "dask")
    assert result.exit_code == 1
    assert result.stderr == "error: --engine dask needs Dask: pip install 'normalizer[dask]'\n"

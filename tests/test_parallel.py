"""``--jobs N`` gives the same records, byte for byte, as one job, whatever the order of the inputs."""
import os
import random
from pathlib import Path

import normalizer.archive
from cli_helpers import run
from normalizer import batch_run, decode
from normalizer.batch_run import Rejection, normalize_batch, normalize_batch_with_inputs
from normalizer.document import Document

ROOT = Path(__file__).parent.parent
SITE = "https://www.zamanalwsl.net/en/news/"


def inputs() -> list[Document]:
    """The seed pages, each also as a second page of one site (so lines repeat across the batch
    and pass one's counts matter), an HTML page, and inputs that are rejected."""
    docs = []
    for i, path in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        docs.append(Document(raw=path.read_bytes(), name=path.name, source={"url": f"{SITE}{i}.html"}))
        cut = b"\n".join(path.read_bytes().splitlines()[:40])
        docs.append(Document(raw=cut, name=f"cut-{path.name}", source={"url": f"{SITE}{i}-cut.html"}))
    html = (ROOT / "tests" / "pages" / "flood_barrier.html").read_bytes()
    docs.append(Document(raw=html, name="flood_barrier.html", format="html"))
    docs.append(Document(raw=b"", name="empty.txt"))
    docs.append(Document(raw=b"<html><body></body></html>", name="nothing.html", format="html"))
    return docs


def records(docs, jobs) -> dict[str, str]:
    results = {}
    for result in normalize_batch(lambda: iter(docs), jobs=jobs):
        results[result.name if isinstance(result, Rejection) else result["source"]["name"]] = (
            str(result) if isinstance(result, Rejection) else result.to_json())
    return results


def test_two_jobs_give_the_same_bytes_as_one_in_any_order():
    docs = inputs()
    one = records(docs, jobs=1)
    assert len(one) == len(docs)
    assert sum(1 for r in one.values() if r.startswith("{")) == len(docs) - 2  # the two empty ones rejected
    shuffled = docs[:]
    random.Random(6).shuffle(shuffled)
    assert records(shuffled, jobs=2) == one
    assert records(shuffled, jobs=1) == one


def test_results_come_in_input_order_paired_with_their_input():
    docs = inputs() + [Rejection("unreadable.txt", "unreadable", "permission denied")]
    pairs = list(normalize_batch_with_inputs(lambda: iter(docs), jobs=2))
    assert [doc.name if doc else None for doc, _ in pairs] == [d.name for d in docs[:-1]] + [None]
    assert pairs[-1][1] == docs[-1]


def test_a_page_pass_one_kept_is_not_read_again_and_gives_the_same_record(monkeypatch):
    docs = inputs()
    decoded = []
    real_decode_bytes = decode.decode_bytes

    def counted_decode_bytes(data, charset=None):
        decoded.append(data)
        return real_decode_bytes(data, charset)
    monkeypatch.setattr(decode, "decode_bytes", counted_decode_bytes)
    monkeypatch.setattr(batch_run, "KEEP_READING_AFTER", float("inf"))  # nothing kept: every page read twice
    read_twice = records(docs, jobs=1)
    assert len(decoded) == 2 * (len(docs) - 1)  # (the empty input is rejected before decoding)
    decoded.clear()
    monkeypatch.setattr(batch_run, "KEEP_READING_AFTER", -1.0)  # every page read once and kept
    assert records(docs, jobs=1) == read_twice
    # each page read once, but the empty one (never) and the one whose reading failed (trafilatura
    # found no content: nothing kept of it), read again by pass two to say why it is rejected
    nothing = next(doc.raw for doc in docs if doc.name == "nothing.html")
    assert decoded.count(nothing) == 2 and len(decoded) == len(docs)


def test_workers_store_the_objects_and_the_archive_is_the_one_a_single_job_writes(tmp_path, monkeypatch):
    """With ``--jobs 2`` the worker that made a record compresses and writes it with its raw input
    (the parent only writes the manifest): the archive is still byte for byte that of one job."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for doc in inputs():
        (pages / doc.name).write_bytes(doc.raw)
    monkeypatch.setattr(normalizer.archive, "now_utc", lambda: "2026-01-01T00:00:00Z")
    storers = tmp_path / "storers"
    storers.mkdir()
    real_store = normalizer.archive.Archive.store

    def store_noting_the_process(self, record, raw):
        (storers / str(os.getpid())).touch()
        return real_store(self, record, raw)
    monkeypatch.setattr(normalizer.archive.Archive, "store", store_noting_the_process)

    trees = {}
    for jobs in (1, 2):
        for old in storers.iterdir():
            old.unlink()
        archive = tmp_path / f"archive-{jobs}"
        assert run("clean", pages, "--archive", archive, "--jobs", jobs).exit_code == 0
        trees[jobs] = {p.relative_to(archive).as_posix(): p.read_bytes() for p in sorted(archive.rglob("*")) if p.is_file()}
        processes = {int(p.name) for p in storers.iterdir()}
        assert processes == {os.getpid()} if jobs == 1 else processes and os.getpid() not in processes
    assert trees[2] == trees[1]
    distinct_inputs = {doc.raw for doc in inputs()}  # (a short seed is its own cut copy: a duplicate)
    assert sum(name.startswith("objects/records/") for name in trees[1]) == len(distinct_inputs) - 2  # 2 rejected

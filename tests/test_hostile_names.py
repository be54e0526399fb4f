"""Names and ids that try to leave the archive: file names, JSONL ids and WARC URLs with `../`,
absolute paths, NUL bytes, newlines, right-to-left overrides, very long names and bytes that are
not UTF-8. The archive names its files by hashes only, so nothing is written outside its folder;
the names themselves are kept, made printable, and every record still validates."""
import io
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from normalizer.archive import Archive
from normalizer.cli import app
from normalizer.validate import schema_problems

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
# every file an archive may hold: hashes, version numbers, HEAD
ARCHIVE_FILE = re.compile(r"^(objects/raw/[0-9a-f]{2}/[0-9a-f]{64}\.gz|objects/records/[0-9a-f]{2}/[0-9a-f]{64}\.json"
                          r"|versions/\d{6}\.json|HEAD)$")
ESCAPING = ["../../../../escaped", "/tmp/escaped-absolute", "..\\..\\windows", "a\x00b", "two\nlines",
            "evil\u202etxt.exe", "x" * 5000, "\ud800 lone", "./.././../" * 30]


def run(*args, input=None):
    result = CliRunner().invoke(app, [os.fsdecode(a) if isinstance(a, (bytes, Path)) else str(a) for a in args],
                                input=input)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def page(n: int) -> bytes:
    """A real page, made distinct by a last line (identical pages would be one record)."""
    return SEEDS[n % len(SEEDS)].read_bytes() + f"\nCorrection number {n} to this article.\n".encode()


def tree(folder: Path) -> set[str]:
    return {os.fsdecode(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A working folder for the run (relative paths land here); the test checks its whole tree."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


def assert_only_archive_files(archive: Path):
    files = {os.fsdecode(p.relative_to(archive)) for p in archive.rglob("*") if p.is_file()}
    assert files and all(ARCHIVE_FILE.match(f) for f in files), sorted(f for f in files if not ARCHIVE_FILE.match(f))


def stored_records(archive: Path) -> dict[str, dict]:
    store = Archive(archive)
    return {entry.name: record for entry, record in store.records()}


def test_file_names_with_odd_bytes_are_kept_printable_and_nothing_leaves_the_archive(sandbox):
    pages = os.fsencode(sandbox / "pages")
    os.mkdir(pages)
    names = [b"caf\xe9-latin1.txt", b"\xff\xfe-not-utf8.txt", b"two\nlines.txt", b"tab\there.txt",
             "evil\u202etxt.exe.txt".encode(), b"up..%2F..%2Fescape.txt", b"-.txt", ("n" * 251 + ".txt").encode(), b"\x1b[31mred.txt"]
    for n, name in enumerate(names):
        with open(os.path.join(pages, name), "wb") as file:
            file.write(page(n))
    before = tree(sandbox)
    result = run("clean", pages, "--archive", sandbox / "archive")
    assert result.exit_code == 0 and "9 records" in result.stdout and "0 rejected" in result.stdout
    assert tree(sandbox) - before == {"archive"} | {f"archive/{f}" for f in tree(sandbox / "archive")}
    assert_only_archive_files(sandbox / "archive")
    assert run("validate", sandbox / "archive").exit_code == 0
    records = stored_records(sandbox / "archive")
    assert sorted(records) == sorted(["caf\\xe9-latin1.txt", "\\xff\\xfe-not-utf8.txt", "two\\nlines.txt",
                                      "tab\\there.txt", "evil\\u202etxt.exe.txt", "up..%2F..%2Fescape.txt", "-.txt",
                                      "n" * 251 + ".txt", "\\x1b[31mred.txt"])
    for name, record in records.items():
        assert schema_problems(record, "record.schema.json") == []
        assert name.isprintable()
        json.dumps(record, ensure_ascii=False).encode("utf-8")  # no lone surrogate left to break UTF-8


def test_a_rejected_file_with_a_newline_in_its_name_is_one_line(sandbox):
    pages = sandbox / "pages"
    pages.mkdir()
    (pages / "good.txt").write_bytes(page(0))
    (pages / "bad\nname\udcff.txt").write_bytes(b"")
    result = run("clean", pages, "--archive", sandbox / "archive")
    assert result.exit_code == 0
    assert "rejected bad\\nname\\xff.txt: empty (the input has no text)" in result.stderr.splitlines()
    manifest = Archive(sandbox / "archive").manifest()
    assert manifest["rejections"][0]["name"] == "bad\\nname\\xff.txt"
    assert run("validate", sandbox / "archive").exit_code == 0


def test_jsonl_ids_and_urls_that_look_like_paths_stay_in_the_record(sandbox):
    lines = []
    for n, evil in enumerate(ESCAPING):
        lines.append(json.dumps({"id": evil, "url": f"file://{evil}", "date": evil, "text": page(n).decode()}))
    lines.append(json.dumps({"id": {"../nested": 1}, "text": page(99).decode(), evil_key(): "x"}))
    lines.append(json.dumps({evil_key(): "x"}))  # no page: its field names show in the rejection
    export = sandbox / "export.jsonl"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    before = tree(sandbox)
    result = run("clean", export, "--archive", sandbox / "archive")
    assert result.exit_code == 0, result.output
    assert f"{len(ESCAPING) + 1} records" in result.stdout and "1 rejected" in result.stdout
    assert tree(sandbox) - before == {"archive"} | {f"archive/{f}" for f in tree(sandbox / "archive")}
    assert_only_archive_files(sandbox / "archive")
    assert run("validate", sandbox / "archive").exit_code == 0
    records = stored_records(sandbox / "archive")
    ids = {record["source"].get("input_id") for record in records.values()}
    assert {"../../../../escaped", "/tmp/escaped-absolute", "a\x00b", "two\nlines", "\ufffd lone"} <= ids
    assert "x" * 5000 in ids  # a long id is kept whole: it names no file
    rejection = Archive(sandbox / "archive").manifest()["rejections"][0]
    assert rejection["name"] == f"export.jsonl#{len(lines)}" and "\\n" in rejection["detail"]


def evil_key() -> str:
    return "../key\nwith\ud800"


def warc_response(writer: WARCWriter, url: str, body: bytes):
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=utf-8")], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)


def test_warc_urls_that_look_like_paths_stay_in_the_record(sandbox):
    # warcio reads HTTP headers for http(s) records only (a file: or relative one is skipped as holding no page)
    urls = ["http://news.example/../../../../escaped", "http:///etc/passwd", "https://../../relative/escape",
            "http://news.example/a%00b/\u202eevil", "http://news.example/" + "x" * 10_000, "http://\u202e.example/\u05d0"]
    warc = sandbox / "crawl.warc.gz"
    with open(warc, "wb") as file:
        writer = WARCWriter(file, gzip=True)
        for n, url in enumerate(urls):
            writer.write_record(warc_response(writer, url, page(n)))
    before = tree(sandbox)
    result = run("clean", warc, "--archive", sandbox / "archive")
    assert result.exit_code == 0 and f"{len(urls)} records" in result.stdout, result.output
    assert tree(sandbox) - before == {"archive"} | {f"archive/{f}" for f in tree(sandbox / "archive")}
    assert_only_archive_files(sandbox / "archive")
    assert run("validate", sandbox / "archive").exit_code == 0
    records = stored_records(sandbox / "archive")
    assert sorted(r["source"]["url"] for r in records.values()) == sorted(urls)
    assert sorted(records) == [f"crawl.warc.gz#{n}" for n in range(1, len(urls) + 1)]


def test_the_api_takes_odd_names_and_text_with_surrogates():
    from normalizer import normalize

    record = normalize(page(3).decode() + "\ud800\udcff", name="../../\x00evil\n\udcff", url="file:///\ud800")
    assert schema_problems(record, "record.schema.json") == []
    assert record["source"]["name"] == "../../\\x00evil\\n\\xff" and record["source"]["url"] == "file:///\ufffd"
    record.to_json().encode("utf-8")

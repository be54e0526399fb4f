"""WARC and WET files from a crawler through `normalizer clean`: every page record becomes a record
that says where it came from (file, record number, byte offset, URL, capture date), the records
that hold no page are counted, and a broken record is one rejection line while the rest is read."""
import gzip
import io
import tracemalloc
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from typer.testing import CliRunner

from cli_helpers import run, stored
from normalizer.cli import app
from normalizer.warc import Skipped, read_warc

TESTS = Path(__file__).resolve().parent
SEEDS = sorted((TESTS.parent / "seeds").glob("*.txt"))
ARTICLE = TESTS / "pages" / "flood_barrier.html"
ARTICLE_SENTENCE = "Councillors in Ashby Quay voted on Monday night to build a movable tidal barrier"
CAPTURED = "2024-03-05T11:42:07Z"



def response(writer: WARCWriter, url: str, body: bytes, content_type: str | None, status: str = "200 OK"):
    headers = [("Content-Type", content_type)] if content_type else []
    http = StatusAndHeaders(status, headers + [("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                     warc_headers_dict={"WARC-Date": CAPTURED})


def request(writer: WARCWriter, url: str):
    http = StatusAndHeaders(f"GET /{url.rsplit('/', 1)[-1]} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    return writer.create_warc_record(url, "request", http_headers=http)


def write_warc(path: Path, records, gzipped: bool = True) -> Path:
    """A WARC file of the records built by ``records(writer)``, as a crawler writes one."""
    with open(path, "wb") as file:
        writer = WARCWriter(file, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "normalizer tests"}))
        for record in records(writer):
            writer.write_record(record)
    return path


def crawl(writer: WARCWriter):
    """What a crawl of a news site holds: for each page a request and its response, with metadata;
    a redirect, an image and a revisit of an unchanged page, which hold no page."""
    for n, seed in enumerate(SEEDS):
        url = f"https://news.example/story-{n}"
        yield request(writer, url)
        yield response(writer, url, seed.read_bytes(), "text/plain; charset=utf-8")
        yield writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"outlink: https://news.example/"),
                                        warc_content_type="application/warc-fields")
    yield response(writer, "https://news.example/flood-barrier", ARTICLE.read_bytes(), "text/html")
    yield response(writer, "https://news.example/old", b"", "text/html", status="301 Moved Permanently")
    yield response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    yield writer.create_revisit_record("https://news.example/story-0", "sha1:AAAA", "https://news.example/story-0",
                                       CAPTURED)


def clean(tmp_path, *inputs, options=()):
    result = run("clean", *inputs, "--archive", tmp_path / "archive", *options)
    assert result.exit_code == 0, result.output
    return result



@pytest.fixture
def crawled(tmp_path):
    """A gzipped crawl cleaned into an archive: the run's result and the WARC file."""
    warc = write_warc(tmp_path / "crawl.warc.gz", crawl)
    return clean(tmp_path, warc), warc


def test_each_page_of_a_crawl_is_a_record_that_says_where_it_came_from(tmp_path, crawled):
    result, warc = crawled
    records = stored(tmp_path)
    # warcinfo is record 1; each page is a request, a response and a metadata record
    seed_names = [f"crawl.warc.gz#{3 + 3 * n}" for n in range(len(SEEDS))]
    assert sorted(records) == sorted(seed_names + ["crawl.warc.gz#17"])
    for n, name in enumerate(seed_names):
        source = records[name]["source"]
        assert source["url"] == f"https://news.example/story-{n}"
        assert source["captured"] == CAPTURED
        assert (source["file"], source["record"], source["format"]) == ("crawl.warc.gz", 3 + 3 * n, "text")
        assert records[name]["raw"] == SEEDS[n].read_bytes()
    article = records["crawl.warc.gz#17"]
    assert article["source"]["format"] == "html" and article["source"]["url"] == "https://news.example/flood-barrier"
    assert article["headline"] == "Council approves tidal barrier after winter of floods"
    assert article["text"].startswith(ARTICLE_SENTENCE)
    assert "read 6 inputs: 6 records" in result.stdout
    assert ("skipped 14 WARC records holding no page: metadata 5, request 5, response 301 1, response image/png 1, "
            "revisit 1, warcinfo 1") in result.stdout
    assert result.stderr == ""
    assert "all valid" in run("validate", tmp_path / "archive").stdout


def test_the_offset_finds_the_raw_page_in_the_warc_file(tmp_path, crawled):
    _, warc = crawled
    for record in stored(tmp_path).values():
        with open(warc, "rb") as file:
            file.seek(record["source"]["offset"])
            found = next(iter(ArchiveIterator(file)))
            assert found.rec_headers.get_header("WARC-Target-URI") == record["source"]["url"]
            assert found.content_stream().read() == record["raw"]


def test_rebuild_reads_the_stored_pages_again_with_their_provenance(tmp_path, crawled):
    before = stored(tmp_path)
    result = run("rebuild", "--archive", tmp_path / "archive")
    assert result.exit_code == 0, result.output
    assert "6 unchanged" in result.stdout and "nothing written" in result.stdout
    assert stored(tmp_path) == before


def test_a_wet_file_gives_each_conversion_record_as_a_text_page(tmp_path):
    def conversions(writer):
        for n, seed in enumerate(SEEDS[:3]):
            yield writer.create_warc_record(f"https://news.example/story-{n}", "conversion",
                                            payload=io.BytesIO(seed.read_bytes()), warc_content_type="text/plain",
                                            warc_headers_dict={"WARC-Date": CAPTURED})
    result = clean(tmp_path, write_warc(tmp_path / "CC-MAIN-00001.warc.wet.gz", conversions))
    records = stored(tmp_path)
    assert sorted(records) == [f"CC-MAIN-00001.warc.wet.gz#{n}" for n in (2, 3, 4)]
    assert all(r["source"]["format"] == "text" and r["source"]["captured"] == CAPTURED for r in records.values())
    assert records["CC-MAIN-00001.warc.wet.gz#3"]["headline"].startswith("Russian soldiers fight along regime forces")
    assert "skipped 1 WARC record holding no page: warcinfo 1" in result.stdout


def three_pages(writer):
    for n, seed in enumerate(SEEDS[:3]):
        yield response(writer, f"https://news.example/story-{n}", seed.read_bytes(), "text/plain")


def record_offsets(path: Path) -> list[int]:
    with open(path, "rb") as file:
        records = ArchiveIterator(file)
        return [records.get_record_offset() for _ in records]


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_malformed_record_is_one_rejection_and_the_records_after_it_are_read(tmp_path, gzipped):
    warc = write_warc(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), three_pages, gzipped)
    offsets = record_offsets(warc)
    data = bytearray(warc.read_bytes())
    if gzipped:  # a damaged gzip member: its bytes after the header are garbage
        data[offsets[2] + 12:offsets[3] - 8] = bytes(offsets[3] - 20 - offsets[2])
    else:  # a record whose header line was overwritten
        data[offsets[2]:offsets[2] + 8] = b"GARBAGE!"
    warc.write_bytes(bytes(data))
    result = clean(tmp_path, warc)
    assert f"rejected {warc.name}#3: corrupt (record 3 at byte {offsets[2]}: not a readable WARC record" in result.stderr
    records = stored(tmp_path)
    assert sorted(records) == [f"{warc.name}#2", f"{warc.name}#4"]
    assert records[f"{warc.name}#4"]["raw"] == SEEDS[2].read_bytes()
    assert records[f"{warc.name}#4"]["source"]["offset"] == offsets[3]
    assert "all valid" in run("validate", tmp_path / "archive").stdout


@pytest.mark.parametrize("cut", [20, 120, 600])  # in the header, the HTTP header, the body
def test_a_truncated_warc_gz_keeps_the_records_before_the_cut(tmp_path, cut):
    warc = write_warc(tmp_path / "crawl.warc.gz", three_pages)
    offsets = record_offsets(warc)
    warc.write_bytes(warc.read_bytes()[:offsets[3] + cut])  # cut inside the last record's gzip member
    result = clean(tmp_path, warc)
    assert result.stderr.startswith(f"rejected crawl.warc.gz#4: corrupt (record 4 at byte {offsets[3]}: ")
    assert sorted(stored(tmp_path)) == ["crawl.warc.gz#2", "crawl.warc.gz#3"]


def test_a_truncated_plain_warc_rejects_the_short_record(tmp_path):
    warc = write_warc(tmp_path / "crawl.warc", three_pages, gzipped=False)
    offsets = record_offsets(warc)
    warc.write_bytes(warc.read_bytes()[:-100])  # the last body loses its end
    result = clean(tmp_path, warc)
    assert f"rejected crawl.warc#4: corrupt (record 4 at byte {offsets[3]}: the file ends inside this record" in result.stderr
    assert sorted(stored(tmp_path)) == ["crawl.warc#2", "crawl.warc#3"]


def test_a_response_with_no_text_is_rejected_by_its_record_number(tmp_path):
    def pages(writer):
        yield from three_pages(writer)
        yield response(writer, "https://news.example/blank", b"\n  \n", "text/html")
    result = clean(tmp_path, write_warc(tmp_path / "crawl.warc.gz", pages))
    assert "rejected crawl.warc.gz#5: empty (the input has no text)" in result.stderr
    assert len(stored(tmp_path)) == 3


def test_a_file_that_is_not_a_warc_is_rejected_and_the_batch_goes_on(tmp_path):
    (tmp_path / "notes.warc").write_text("These are my notes, not a web archive.\n")
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    result = clean(tmp_path, tmp_path / "notes.warc", tmp_path / "empty.warc.gz", SEEDS[0])
    assert "rejected notes.warc#1: corrupt (record 1 at byte 0: not a readable WARC record" in result.stderr
    assert "rejected empty.warc.gz: empty (a WARC file with no records)" in result.stderr
    assert list(stored(tmp_path)) == [SEEDS[0].name]


def test_a_record_over_the_size_limit_is_rejected_without_inflating_it(tmp_path):
    bomb = b"All work and no play makes Jack a dull boy. " * 700_000  # 31 MB, a few kB gzipped

    def pages(writer):
        yield from three_pages(writer)
        yield response(writer, "https://news.example/bomb", bomb, "text/plain")
    warc = write_warc(tmp_path / "crawl.warc.gz", pages)
    assert warc.stat().st_size < 200_000
    with open(warc, "rb") as stream:
        tracemalloc.start()
        items = list(read_warc(stream, warc.name, max_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < 6_000_000  # the record inflates to 31 MB
    assert str(items[-1]).startswith("crawl.warc.gz#5: too_large (record 5 at byte ")
    result = clean(tmp_path, warc, options=("--max-bytes", "1000000"))
    assert "rejected crawl.warc.gz#5: too_large" in result.stderr and len(stored(tmp_path)) == 3


def test_the_reader_streams_a_record_at_a_time(tmp_path):
    def many_pages(writer):
        for n in range(200):
            yield response(writer, f"https://news.example/{n}", SEEDS[n % 5].read_bytes(), "text/plain")
    warc = write_warc(tmp_path / "crawl.warc.gz", many_pages)
    with open(warc, "rb") as stream:
        pages = read_warc(stream, warc.name, max_bytes=1_000_000)
        assert isinstance(next(pages), Skipped)  # the warcinfo record
        first = next(pages)
        assert first.source["record"] == 2 and stream.tell() < warc.stat().st_size / 4
        assert sum(1 for _ in pages) == 199


def test_explain_shows_a_page_of_a_warc_file_by_its_record_name(tmp_path):
    warc = write_warc(tmp_path / "crawl.warc.gz", crawl)
    result = run("explain", f"{warc}#17")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("crawl.warc.gz#17 (html, utf-8)") and ARTICLE_SENTENCE in result.stdout
    assert "headline:  Council approves tidal barrier after winter of floods" in result.stdout
    request_record = run("explain", f"{warc}#2")
    assert request_record.exit_code == 1 and "no_content (a request record, which holds no page)" in request_record.stderr


@pytest.mark.parametrize("number", ["-1", "x", ""])
def test_explain_of_a_warc_page_by_something_not_a_number_says_how_to_name_one(tmp_path, number):
    warc = write_warc(tmp_path / "crawl.warc.gz", crawl)
    result = run("explain", f"{warc}#{number}")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {warc}#{number}: rejected: unreadable (a container of many pages: name one as "
                             f"crawl.warc.gz#N, N its record (WARC) or line (JSONL) number)\n")


def test_a_gzip_encoded_chunked_body_is_stored_as_the_page_itself(tmp_path):
    page = SEEDS[3].read_bytes()
    compressed = gzip.compress(page)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (compressed[:500], compressed[500:])) + b"0\r\n\r\n"

    def pages(writer):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Encoding", "gzip"),
                                           ("Transfer-Encoding", "chunked")], protocol="HTTP/1.1")
        yield writer.create_warc_record("https://news.example/story-3", "response", payload=io.BytesIO(chunked),
                                        http_headers=http)
    clean(tmp_path, write_warc(tmp_path / "crawl.warc.gz", pages))
    record = stored(tmp_path)["crawl.warc.gz#2"]
    assert record["raw"] == page and record["headline"] == "Pentagon: Russia Gradually Withdraws from Syria"


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_a_warc_file_on_stdin_is_rejected_saying_what_to_do(tmp_path, gzipped):
    """Standard input is one page: a crawl piped in would be one junk page of WARC and HTTP headers."""
    warc = write_warc(tmp_path / "crawl.warc", crawl, gzipped=gzipped)
    result = CliRunner().invoke(app, ["clean", "-", "--archive", str(tmp_path / "archive")], input=warc.read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stderr == ("rejected <stdin>: unreadable (a WARC file, but standard input is read as one page: "
                             "give the file's name instead)\n")
    assert stored(tmp_path) == {}

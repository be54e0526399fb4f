"""Decompression bombs: a few kB of gzip that inflate to 100 MB. Each is rejected with its reason
after reading at most the size limit (or, for a WARC header, 64 kB), never inflated whole in
memory or on disk, and the pages around it are still read."""
import gzip
import io
import json
import tracemalloc
import zlib
from pathlib import Path

from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from normalizer.cli import app
from normalizer.config import DEFAULT_CONFIG
from normalizer.jsonl import read_jsonl
from normalizer.readers import InputFile
from normalizer.warc import read_warc

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_d410228cbb7e0699.txt"
INFLATED = 100_000_000
LIMIT = 1_000_000


def gzip_member(*parts: bytes, repeat: bytes = b"", times: int = 0, then: bytes = b"") -> bytes:
    """One gzip member of ``parts``, then ``repeat`` ``times`` times, then ``then``, compressed as
    it goes (the 100 MB never exist at once)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [packer.compress(part) for part in parts]
    out += [packer.compress(repeat) for _ in range(times)]
    out += [packer.compress(then), packer.flush()]
    return b"".join(out)


def bomb(unit: bytes = b"All work and no play makes Jack a dull boy. ", size: int = INFLATED, head: bytes = b"",
         tail: bytes = b"") -> bytes:
    block = unit * (1_000_000 // len(unit))
    return gzip_member(head, repeat=block, times=size // len(block), then=tail)


def peak_memory(function):
    """``function()``'s result and the most memory Python held while it ran."""
    tracemalloc.start()
    try:
        result = function()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert result.exit_code == 0, result.output
    return result


def assert_nothing_large_on_disk(folder: Path):
    sizes = {p: p.stat().st_size for p in folder.rglob("*") if p.is_file()}
    assert max(sizes.values()) < LIMIT, max(sizes.items(), key=lambda i: i[1])


def test_a_gzipped_page_that_inflates_to_100_mb_is_rejected_after_the_limit(tmp_path):
    path = tmp_path / "pages" / "bomb.txt.gz"
    path.parent.mkdir()
    path.write_bytes(bomb())
    assert path.stat().st_size < INFLATED / 300
    page = InputFile("bomb.txt.gz", path, "text")
    (rejection,), peak = peak_memory(lambda: list(page.pages(LIMIT, None)))
    assert (rejection.reason, rejection.detail) == ("too_large", f"over the limit of {LIMIT} bytes")
    assert peak < 4 * LIMIT
    (tmp_path / "pages" / "good.txt").write_bytes(SEED.read_bytes())
    result = run("clean", tmp_path / "pages", "--archive", tmp_path / "archive", "--max-bytes", LIMIT)
    assert "rejected bomb.txt.gz: too_large (over the limit of 1000000 bytes)" in result.stderr
    assert "1 record " in result.stdout
    assert_nothing_large_on_disk(tmp_path)


def test_a_bomb_over_the_default_limit_holds_at_most_about_the_limit(tmp_path):
    limit = DEFAULT_CONFIG.max_input_bytes
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(bomb(size=5 * limit))
    (rejection,), peak = peak_memory(lambda: list(InputFile(path.name, path, "html").pages(limit, None)))
    assert rejection.reason == "too_large"
    assert peak < 2.5 * limit


def test_a_jsonl_line_that_inflates_to_100_mb_is_skipped_and_the_next_line_read(tmp_path):
    good = json.dumps({"id": "good", "text": SEED.read_text()}).encode() + b"\n"
    export = tmp_path / "export.jsonl.gz"
    # 40 MB: the whole line is inflated once (a block at a time) to find where the next one starts
    export.write_bytes(bomb(unit=b"a" * 1000, size=40 * LIMIT, head=b'{"id": "bomb", "text": "', tail=b'"}\n' + good))
    assert export.stat().st_size < 200_000

    def read():
        with gzip.open(export, "rb") as stream:
            return [str(item) if not hasattr(item, "raw") else item.source["input_id"]
                    for item in read_jsonl(stream, export.name, LIMIT)]
    items, peak = peak_memory(read)
    assert items == [f"export.jsonl.gz#1: too_large (line 1: over the limit of {LIMIT} bytes)", "good"]
    assert peak < 8 * LIMIT
    result = run("clean", export, "--archive", tmp_path / "archive", "--max-bytes", LIMIT)
    assert "rejected export.jsonl.gz#1: too_large" in result.stderr and "1 record " in result.stdout
    assert_nothing_large_on_disk(tmp_path)


def good_record(url: str = "https://news.example/good") -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response",
                                                  payload=io.BytesIO(SEED.read_bytes()), http_headers=http))
    return out.getvalue()


WARC_HEAD = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: http://x/"


def warc_bombs() -> dict[str, bytes]:
    """Gzip members that inflate to 100 MB where warcio reads a line: a WARC header that never
    ends, an HTTP header that never ends (in a record that declares 100 MB), and no WARC at all."""
    http_start = (WARC_HEAD + b"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
                  b"HTTP/1.1 200 OK\r\nX-Padding: " % INFLATED)
    return {"warc header": bomb(unit=b"a", head=WARC_HEAD, tail=b"\r\n\r\n"),
            "http header": bomb(unit=b"b", head=http_start, tail=b"\r\n\r\n"),
            "no warc at all": bomb(unit=b"\x00")}


def test_warc_members_that_inflate_to_100_mb_where_a_line_is_read_are_rejected_early(tmp_path):
    for what, member in warc_bombs().items():
        warc = tmp_path / "crawl.warc.gz"
        warc.write_bytes(good_record() + member + good_record("https://news.example/more"))
        assert warc.stat().st_size < 200_000

        def read():
            with open(warc, "rb") as stream:
                return [str(item) if not hasattr(item, "raw") else item.source["url"]
                        for item in read_warc(stream, warc.name, LIMIT)]
        items, peak = peak_memory(read)
        assert items[0] == "https://news.example/good" and items[2] == "https://news.example/more", what
        assert items[1].startswith("crawl.warc.gz#2: corrupt (record 2 at byte ") and "a header line longer" in items[1]
        assert peak < 4 * LIMIT, what


def encoded_response(body: bytes, headers: list[tuple[str, str]], url="https://news.example/encoded") -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")] + headers, protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    return out.getvalue()


def chunks(data: bytes, size: int) -> bytes:
    parts = [b"%x;ext=1\r\n" % len(data[i:i + size]) + data[i:i + size] + b"\r\n" for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def read_pages(data: bytes, limit: int = LIMIT) -> list:
    return list(read_warc(io.BytesIO(data), "crawl.warc.gz", limit))


def test_http_bodies_that_inflate_to_100_mb_are_rejected_after_the_limit():
    body = bomb()  # a gzip member of 100 MB
    for headers, payload in (([("Content-Encoding", "gzip")], body),
                             ([("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")], chunks(body, 8192)),
                             ([("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")], chunks(body, 1 << 30))):
        (item,), peak = peak_memory(lambda: read_pages(encoded_response(payload, headers)))
        assert str(item).startswith("crawl.warc.gz#1: too_large (record 1 at byte 0: over the limit"), headers
        assert peak < 4 * LIMIT, (headers, len(payload))


def test_http_bodies_chunked_and_encoded_are_stored_as_the_page_itself():
    page = SEED.read_bytes() * 20  # 60 kB: many blocks and chunks
    deflated = zlib.compressobj(6, zlib.DEFLATED, 15)
    cases = {"chunked": ([("Transfer-Encoding", "chunked")], chunks(page, 1000)),
             "gzip": ([("Content-Encoding", "gzip")], gzip.compress(page)),
             "deflate": ([("Content-Encoding", "deflate")], deflated.compress(page) + deflated.flush()),
             "chunked gzip": ([("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
                              chunks(gzip.compress(page), 777)),
             "said chunked, is not": ([("Transfer-Encoding", "chunked")], page)}
    for what, (headers, payload) in cases.items():
        (item,) = read_pages(encoded_response(payload, headers))
        assert item.raw == page, what


def test_a_body_whose_gzip_coding_breaks_halfway_is_rejected_not_cut_short():
    page = b"".join(p.read_bytes() for p in sorted(SEED.parent.glob("*.txt")))
    coded = bytearray(gzip.compress(page))
    assert len(coded) > 4 * 1024
    coded[len(coded) * 3 // 4:len(coded) * 3 // 4 + 40] = bytes(40)  # damaged after the first blocks
    (item,) = read_pages(encoded_response(bytes(coded), [("Content-Encoding", "gzip")]))
    assert str(item).startswith("crawl.warc.gz#1: corrupt (record 1 at byte 0: the body's gzip coding is damaged (")
    (item,) = read_pages(encoded_response(page, [("Content-Encoding", "gzip")]))  # said gzip, is not: read as it is
    assert item.raw == page

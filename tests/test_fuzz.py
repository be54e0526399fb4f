"""Property-based fuzzing (hypothesis): random bytes and random mutations of the seed pages
through `normalize` and through `clean` (as page files, JSONL lines and WARC records). No exception
escapes but ``InputRejected``, every record validates against the schema, and the same input
always gives the same record. Example counts stay small for the suite's time budget; the long run
is ``scripts/fuzz_atheris.py``."""
import gzip
import io
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from normalizer import normalize
from normalizer.archive import Archive
from normalizer.cli import app
from normalizer.document import InputRejected
from normalizer.reasons import REJECTION_REASONS
from normalizer.validate import ArchiveCheck, schema_problems

SEEDS = [p.read_bytes() for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))]
# bytes that break parsers: NUL, line ends, HTML, encoded surrogates, byte-order marks, bidi, emoji...
TOKENS = [b"\x00", b"\r", b"\r\n", b"\n\n\n", b"<p>", b"</div>", b"<script>", b"<!--", b"]]>", b"&amp;", b"&#0;",
          b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", "😀👩‍👩‍👧".encode(), "\u202e\u200f".encode(),
          b"\t", b"    ", b"http://", b"By ", b"Published ", b"\xc3", b"\x1b[31m", b"\x85", b"\xe2\x80\xa8",
          "Пра́вда 東京 مرحبا".encode(), b"* ", b"1. ", b"|", b"...", b"\xa0", b"<meta charset=utf-16>"]
def fuzz(examples: int) -> settings:
    """Hypothesis settings for ``examples`` examples (times ``NORMALIZER_FUZZ_SCALE``, for a longer run)."""
    return settings(max_examples=examples * int(os.environ.get("NORMALIZER_FUZZ_SCALE", "1")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutated_seed(draw) -> bytes:
    """A seed page with one to eight edits: bytes inserted, deleted, repeated, flipped, a token
    dropped in, or the page cut short."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["insert", "delete", "repeat", "flip", "token", "cut"]))
        if edit == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif edit == "delete":
            del data[at:at + draw(st.integers(1, 500))]
        elif edit == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 300))] * draw(st.integers(2, 50))
        elif edit == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif edit == "token":
            data[at:at] = draw(st.sampled_from(TOKENS)) * draw(st.integers(1, 20))
        elif edit == "cut":
            del data[at:]
    return bytes(data)


def record_or_reason(data: bytes | str, fmt: str) -> str:
    """The record's canonical JSON, or ``rejected: reason``; any other exception fails the test."""
    try:
        record = normalize(data, "fuzzed.txt", format=fmt)
    except InputRejected as rejected:
        assert rejected.reason in REJECTION_REASONS, rejected.reason
        return f"rejected: {rejected.reason}"
    assert schema_problems(record, "record.schema.json") == []
    return record.to_json()


def assert_normalizes_the_same_twice(data: bytes | str, fmt: str):
    first = record_or_reason(data, fmt)
    assert record_or_reason(data, fmt) == first


@fuzz(60)
@given(st.binary(max_size=4096), st.sampled_from(["text", "html"]))
def test_random_bytes(data, fmt):
    assert_normalizes_the_same_twice(data, fmt)


@fuzz(60)
@given(st.text(max_size=2000), st.sampled_from(["text", "html"]))
def test_random_text(text, fmt):
    for data in (text, text.encode("utf-8", errors="surrogatepass")):  # the API takes str, lone surrogates and all
        assert_normalizes_the_same_twice(data, fmt)


@fuzz(80)
@given(mutated_seed(), st.sampled_from(["text", "html"]))
def test_mutated_seed_pages(data, fmt):
    assert_normalizes_the_same_twice(data, fmt)


def warc_of(pages: list[bytes]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for n, page in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response",
                                                      payload=io.BytesIO(page), http_headers=http))
    return out.getvalue()


def clean_into(archive: Path, inputs: Path) -> list[dict]:
    result = CliRunner().invoke(app, ["clean", str(inputs), "--archive", str(archive)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and result.exit_code == 0, result.output
    store = Archive(archive)
    assert [str(p) for p in ArchiveCheck(store).problems()] == []
    if not store.latest():
        return []
    failures = [r for r in store.manifest()["rejections"] if r["reason"] == "internal_error"]
    assert all("in features.py" in r["detail"] and "block_features" in r["detail"] for r in failures), failures
    return store.manifest()["records"]


@fuzz(12)
@given(st.lists(mutated_seed(), min_size=1, max_size=3), st.binary(max_size=2000), st.integers(0, 2 ** 32))
def test_clean_of_fuzzed_files_jsonl_and_warc(tmp_path_factory, pages, noise, cut):
    inputs = tmp_path_factory.mktemp("inputs")
    for n, page in enumerate(pages):
        (inputs / f"page{n}.txt").write_bytes(page)
        (inputs / f"page{n}.html.gz").write_bytes(gzip.compress(page, mtime=0))
    lines = [json.dumps({"id": n, "text": page.decode("utf-8", errors="surrogateescape")}, ensure_ascii=True).encode()
             for n, page in enumerate(pages)]
    (inputs / "export.jsonl").write_bytes(b"\n".join(lines) + b"\n" + noise + b"\n")
    warc = warc_of(pages)
    (inputs / "crawl.warc.gz").write_bytes(warc)
    (inputs / "damaged.warc.gz").write_bytes(warc[: cut % (len(warc) + 1)] + noise)
    (inputs / "noise.warc").write_bytes(noise)
    (inputs / "noise.jsonl.gz").write_bytes(noise)
    first = clean_into(tmp_path_factory.mktemp("archive") / "a", inputs)
    second = clean_into(tmp_path_factory.mktemp("archive") / "b", inputs)
    assert first == second  # the same inputs: the same records, byte for byte (their hashes)

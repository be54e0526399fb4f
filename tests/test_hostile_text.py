"""Pathological text: a page with no newline, one-character lines, a line repeated 10,000 times,
deeply nested or unclosed HTML, control characters, mixed scripts, right-to-left text, emoji, lone
surrogates. Each gives a valid record or a rejection, in time linear in its size: a page four
times larger takes about four times longer (the tests allow up to 8: noise, never quadratic,
which would be 16). Absolute times are not asserted; sizes stay small for the suite's budget."""
import codecs
import json
import time
import tracemalloc

import numpy as np
import pytest
from typer.testing import CliRunner

from normalizer import normalize
from normalizer.cli import app
from normalizer.config import DEFAULT_CONFIG
from normalizer.context import RunContext
from normalizer.document import InputRejected
from normalizer.reasons import REJECTION_REASONS
from normalizer.validate import schema_problems

LINEAR = 8  # 4x the size may take at most 8x the time (quadratic: 16x)


def outcome(data, ctx: RunContext | None = None, **options) -> str:
    """``record`` for a valid record, else the rejection's reason; anything else fails the test."""
    try:
        record = normalize(data, ctx=ctx or RunContext(), **options)
    except InputRejected as rejected:
        assert rejected.reason in REJECTION_REASONS
        return rejected.reason
    assert schema_problems(record, "record.schema.json") == []
    record.to_json().encode("utf-8")
    return "record"


def seconds(data, **options) -> tuple[float, str]:
    started = time.perf_counter()
    result = outcome(data, **options)
    return time.perf_counter() - started, result


def assert_linear(make, n: int, expected: set[str], **options):
    """``make(n)`` and ``make(4 * n)`` give an outcome in ``expected``, the larger in at most
    ``LINEAR`` times the time (measured again once if not: the machine is shared)."""
    outcome(make(16), **options)  # anything loaded once is loaded before the clock starts
    small, large = make(n), make(4 * n)
    for attempt in range(2):
        (t_small, small_outcome), (t_large, large_outcome) = seconds(small, **options), seconds(large, **options)
        assert {small_outcome, large_outcome} <= expected, (small_outcome, large_outcome)
        if t_large < LINEAR * t_small:
            return
    pytest.fail(f"{len(small)} bytes took {t_small:.3f} s, {len(large)} bytes {t_large:.3f} s: "
                f"{t_large / t_small:.1f} times as long for 4 times the size")


def with_limit(max_bytes: int) -> RunContext:
    return RunContext(config=DEFAULT_CONFIG._replace(max_input_bytes=max_bytes))


def test_a_50_mb_file_with_no_newline_is_rejected_as_too_large_unread(tmp_path):
    page = tmp_path / "one-line.txt"
    with open(page, "wb") as file:
        for _ in range(50):
            file.write(b"word " * 200_000)
    assert page.stat().st_size == 50_000_000 > DEFAULT_CONFIG.max_input_bytes
    result = CliRunner().invoke(app, ["clean", str(page), "--archive", str(tmp_path / "archive")])
    assert result.exit_code == 0 and "0 records" in result.stdout and "wrote version 1" in result.stdout
    manifest = json.loads((tmp_path / "archive" / "versions" / "000001.json").read_text())
    assert manifest["records"] == [] and [r["reason"] for r in manifest["rejections"]] == ["too_large"]
    assert f"rejected one-line.txt: too_large (50000000 bytes, over the limit of {DEFAULT_CONFIG.max_input_bytes})" \
        in result.stderr


def test_a_page_with_no_newline_under_a_raised_limit_is_linear():
    limit = 4 * 200_000 + 1
    assert_linear(lambda n: b"word " * (n // 5), 200_000, {"record"}, ctx=with_limit(limit))
    assert outcome(b"word " * (limit // 5 + 1), ctx=with_limit(limit)) == "too_large"


def test_one_character_lines_are_linear():
    assert_linear(lambda n: b"a\n" * n, 4_000, {"record"})


def test_a_million_one_character_lines_need_little_memory_per_line():
    from normalizer.line_model import FEATURE_NAMES, shipped_model

    blocks = 20_000  # a million would be 50 times this
    features = np.zeros((blocks, len(FEATURE_NAMES)), dtype=np.float32)
    tracemalloc.start()
    try:
        shipped_model().body_probability(features)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * features.nbytes  # whatever the number of trees


def test_a_line_repeated_10000_times_is_linear():
    line = b"Subscribe to our newsletter for the latest news from the region.\n"
    assert_linear(lambda n: b"Council votes on the new tidal barrier\n\n" + line * n, 2_500, {"record"})


def test_deeply_nested_html_is_linear():
    def nested(n):
        return (b"<html><head><title>Deep page</title></head><body>" + b"<div><span>" * n +
                b"<p>Councillors voted on Monday night to build a movable tidal barrier across the harbour.</p>" +
                b"</span></div>" * n + b"</body></html>")
    assert_linear(nested, 1_000, {"record", "no_content"}, format="html")


def test_unclosed_html_is_linear():
    def unclosed(n):
        return b"<html><body><table><tr><td>" + b"<div><p><b><i>The council met again tonight about the barrier " * n
    assert_linear(unclosed, 1_000, {"record", "no_content"}, format="html")


def test_html_of_unclosed_comments_and_attributes_is_linear():
    assert_linear(lambda n: b"<html><body><p " + b'data-x="y" ' * n + b">A paragraph of text.</p></body></html>",
                  2_000, {"record", "no_content"}, format="html")
    assert_linear(lambda n: b"<html><body>" + b"<!-- <p>" * n + b"</body></html>", 2_000, {"record", "no_content"},
                  format="html")


CONTROLS = "".join(map(chr, [*range(1, 9), 11, *range(14, 32), 127, 0x85, 0x2028, 0x2029, 0xfeff, 0x200b]))


def test_control_characters_are_linear_and_give_a_record_or_a_binary_rejection():
    def sprinkled(n):  # one control character per sentence: under the binary share
        sentence = "The harbour barrier will be finished in the spring of next year, the council said. "
        return "".join(sentence + CONTROLS[i % len(CONTROLS)] + ("\n" if i % 5 == 4 else "") for i in range(n)).encode()
    assert_linear(sprinkled, 500, {"record", "binary"})
    assert outcome(CONTROLS.encode() * 100) == "binary"
    assert outcome(("Text\x00" * 10).encode()) == "binary"


def test_mixed_scripts_right_to_left_and_emoji_are_linear():
    line = ("The mayor said مرحبا بالعالم and שלום עולם; 市议会周一投票 — Совет проголосовал 😀👩‍👩‍👧‍👦🇺🇦 "
            "\u202eevil\u202c \u200fמימין לשמאל\u200f ΚΑΛΗΜΕΡΑ नमस्ते\n")
    assert_linear(lambda n: (line * n).encode(), 500, {"record"})


def test_lone_surrogates_and_surrogate_escapes_give_valid_records():
    sentence = "The council approved the barrier on Monday night after a long debate. "
    cesu = (sentence.encode() + b"\xed\xa0\x80 \xed\xb2\x80\n") * 50  # surrogates encoded as UTF-8 would: invalid
    assert outcome(cesu) == "record"
    utf16 = codecs.BOM_UTF16_LE + (sentence * 20).encode("utf-16-le") + b"\x00\xd8" + "end.".encode("utf-16-le")
    assert outcome(utf16) == "record"
    escaped = (sentence * 20).encode("latin-1").decode("utf-8", errors="surrogateescape") + "caf\udce9"
    assert outcome(escaped) == "record"
    assert outcome(sentence * 20 + "\ud800\udfff\udbff") == "record"
    assert_linear(lambda n: cesu * (n // 50), 50, {"record"})


@pytest.mark.parametrize("page", [b"!", b"ab", b"0\n", "\u00e9".encode()])
def test_a_page_of_one_or_two_characters(page):
    assert outcome(page) in {"record", "empty", "no_content"}


def test_a_step_that_fails_on_one_page_is_one_rejection_and_the_batch_goes_on(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "tiny.txt").write_bytes(b"!")
    (pages / "good.txt").write_bytes(b"The council approved the tidal barrier on Monday night after a long debate.\n")
    result = CliRunner().invoke(app, ["clean", str(pages), "--archive", str(tmp_path / "archive")])
    # the good page is a record; the tiny one is one too since the classifier handles it, or a rejection
    assert result.exit_code == 0 and ("1 record " in result.stdout or "2 records " in result.stdout), result.output
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected tiny.txt: ")]
    assert len(rejected) <= 1  # none once the step is fixed; until then one line that says where it failed
    assert all(line.startswith("rejected tiny.txt: internal_error (") and ".py:" in line for line in rejected)
    assert CliRunner().invoke(app, ["validate", str(tmp_path / "archive")]).exit_code == 0


def test_a_page_of_only_whitespace_and_invisible_characters_is_rejected():
    for data in (b" " * 100_000, "\u200b\u200c\u200d\ufeff".encode() * 1000, b"\n\r\n\t" * 10_000, bytes(range(256)) * 4):
        assert outcome(data) in {"empty", "binary", "undecodable", "no_content"}
    # an HTML page whose only visible text is zero-width spaces (str.strip keeps them)
    assert outcome(b"<html><body><p>&#8203;</p><div>\xe2\x80\x8b</div></body></html>", format="html") == "empty"


def test_a_warc_file_of_many_short_broken_records_is_read_in_linear_time():
    import io

    from normalizer.warc import read_warc

    def read(n: int) -> tuple[float, int]:
        data = b"WARC/1.0\r\nGARBAGE\r\n\r\n" * n
        started = time.perf_counter()
        count = sum(1 for _ in read_warc(io.BytesIO(data), "broken.warc", 1_000_000))
        return time.perf_counter() - started, count
    for attempt in range(2):
        (t_small, small), (t_large, large) = read(4_000), read(16_000)
        assert (small, large) == (4_000, 16_000)  # each broken record is one rejection
        if t_large < LINEAR * t_small:
            return
    pytest.fail(f"4 times as many broken records took {t_large / t_small:.1f} times as long")

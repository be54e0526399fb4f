"""A scraper's JSONL export through `normalizer clean`: each line with a page's text or HTML becomes a
record that says which file and line it came from, with the line's url, capture date and id; a
line that cannot be a page is one rejection line naming it, and the rest of the batch is read."""
import gzip
import html
import json
import re
from pathlib import Path


from cli_helpers import run, stored

TESTS = Path(__file__).resolve().parent
SEEDS = sorted((TESTS.parent / "seeds").glob("*.txt"))
ARTICLE = TESTS / "pages" / "flood_barrier.html"
HEADLINE = "Council approves tidal barrier after winter of floods"



def clean(tmp_path, *args):
    result = run("clean", *args, "--archive", tmp_path / "archive")
    assert result.exit_code == 0, result.output
    return result



def export_lines() -> list[str]:
    """A scraper's export: the seed pages as text, the article as HTML, each with url, date and id."""
    lines = [json.dumps({"id": f"seed-{n}", "url": f"https://news.example/story-{n}", "date": "2016-04-29T08:00:00Z",
                         "text": seed.read_text(encoding="utf-8")}, ensure_ascii=n % 2 == 0)
             for n, seed in enumerate(SEEDS)]
    lines.append(json.dumps({"id": 17, "url": "https://news.example/flood-barrier", "date": 1709634000,
                             "html": ARTICLE.read_text(encoding="utf-8")}))
    return lines


def test_each_line_of_an_export_is_a_record_that_says_where_it_came_from(tmp_path):
    (tmp_path / "export.jsonl").write_text("\n".join(export_lines()) + "\n", encoding="utf-8")
    result = clean(tmp_path, tmp_path / "export.jsonl")
    records = stored(tmp_path)
    assert sorted(records) == [f"export.jsonl#{n}" for n in range(1, 7)]
    for n, seed in enumerate(SEEDS):
        record = records[f"export.jsonl#{n + 1}"]
        assert record["raw"] == seed.read_bytes()  # the page itself, as the text field held it
        assert record["source"] == {**record["source"], "file": "export.jsonl", "line": n + 1, "format": "text",
                                    "url": f"https://news.example/story-{n}", "captured": "2016-04-29T08:00:00Z",
                                    "input_id": f"seed-{n}"}
    article = records["export.jsonl#6"]
    assert (article["source"]["format"], article["source"]["input_id"]) == ("html", "17")
    assert article["source"]["captured"] == "2024-03-05T10:20:00Z"
    assert article["headline"] == HEADLINE and article["authors"] == ["Helen Marsh"]
    assert "read 6 inputs: 6 records" in result.stdout and result.stderr == ""
    assert "all valid" in run("validate", tmp_path / "archive").stdout
    rebuilt = run("rebuild", "--archive", tmp_path / "archive")
    assert "6 unchanged" in rebuilt.stdout and stored(tmp_path) == records


def test_field_names_are_options(tmp_path):
    lines = [json.dumps({"body": seed.read_text(encoding="utf-8"), "link": f"https://news.example/{n}",
                         "crawled_at": "2016-04-29", "doc_id": n}) for n, seed in enumerate(SEEDS[:2])]
    (tmp_path / "scrape.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    clean(tmp_path, tmp_path / "scrape.jsonl.gz", "--text-field", "body", "--url-field", "link",
          "--date-field", "crawled_at", "--id-field", "doc_id")
    source = stored(tmp_path)["scrape.jsonl.gz#2"]["source"]
    assert (source["url"], source["captured"], source["input_id"], source["line"]) == (
        "https://news.example/1", "2016-04-29", "1", 2)


def test_the_capture_date_dates_a_page_that_says_3_days_ago(tmp_path):
    paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", ARTICLE.read_text(encoding="utf-8"))][:6]
    text = f"{HEADLINE}\n\nBy Helen Marsh\nPosted 3 days ago\n\n" + "\n\n".join(paragraphs)
    (tmp_path / "export.jsonl").write_text(json.dumps({"text": text, "date": "2024-03-05T10:00:00Z"}) + "\n")
    clean(tmp_path, tmp_path / "export.jsonl")
    record = stored(tmp_path)["export.jsonl#1"]
    assert (record["published"], record["published_raw"]) == ("2024-03-02", "3 days ago")


def test_each_bad_line_is_one_rejection_and_the_rest_is_read(tmp_path):
    good = export_lines()
    lines = [good[0],
             '{"id": 2, "text": "an unfinished line',                       # 2: not JSON
             json.dumps({"id": 3, "title": "A line with no page"}),          # 3: no text or html field
             "",                                                             # 4: blank, skipped
             json.dumps(["text", "a list, not an object"]),                  # 5
             json.dumps({"id": 6, "text": "   \n  "}),                       # 6: a page with no text
             json.dumps({"id": 7, "text": "x" * 30_000}),                    # 7: over the limit
             good[3], json.dumps({"text": SEEDS[0].read_text(encoding="utf-8")}),  # 9: a duplicate of line 1
             json.dumps({"text": SEEDS[4].read_text(encoding="utf-8"), "date": "last Tuesday"})]
    (tmp_path / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = clean(tmp_path, tmp_path / "export.jsonl", "--max-bytes", "20000")
    assert result.stderr.splitlines() == [
        "rejected export.jsonl#2: corrupt (line 2: not JSON (column 19: Unterminated string starting))",
        "rejected export.jsonl#3: no_content (line 3: no 'text' or 'html' field (fields: id, title))",
        "rejected export.jsonl#5: corrupt (line 5: an array, not a JSON object)",
        "rejected export.jsonl#6: empty (line 6: the 'text' field holds no text)",
        "rejected export.jsonl#7: too_large (line 7: over the limit of 20000 bytes)",
    ]
    records = stored(tmp_path)
    assert sorted(records) == ["export.jsonl#1", "export.jsonl#10", "export.jsonl#8"]
    assert records["export.jsonl#10"]["source"]["captured_raw"] == "last Tuesday"
    assert "1 duplicate, 5 rejected" in result.stdout
    assert "all valid" in run("validate", tmp_path / "archive").stdout


def test_a_truncated_gzip_export_keeps_the_lines_before_the_cut(tmp_path):
    data = gzip.compress(("\n".join(export_lines()) + "\n").encode("utf-8"))
    (tmp_path / "export.jsonl.gz").write_bytes(data[:len(data) * 2 // 3])
    result = clean(tmp_path, tmp_path / "export.jsonl.gz")
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected")]
    assert len(rejected) == 1 and "corrupt (line" in rejected[0] and "the file is truncated or damaged" in rejected[0]
    read = sorted(stored(tmp_path), key=lambda name: int(name.split("#")[1]))
    assert read and read == [f"export.jsonl.gz#{n}" for n in range(1, len(read) + 1)]
    assert rejected[0].startswith(f"rejected export.jsonl.gz#{len(read) + 1}: ")


def test_an_overlong_line_is_skipped_without_reading_it_whole(tmp_path):
    """A 30 MB line under a 1 MB limit: rejected, and the next line is still read."""
    lines = [json.dumps({"text": "All work and no play makes Jack a dull boy. " * 700_000}), export_lines()[2]]
    (tmp_path / "export.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    result = clean(tmp_path, tmp_path / "export.jsonl.gz", "--max-bytes", "1000000")
    assert "rejected export.jsonl.gz#1: too_large (line 1: over the limit of 1000000 bytes)" in result.stderr
    assert list(stored(tmp_path)) == ["export.jsonl.gz#2"]


def test_an_export_with_no_lines_is_rejected_as_empty(tmp_path):
    (tmp_path / "blank.jsonl").write_text("\n  \n\n")
    (tmp_path / "nothing.jsonl.gz").write_bytes(gzip.compress(b""))
    result = clean(tmp_path, tmp_path / "blank.jsonl", tmp_path / "nothing.jsonl.gz", SEEDS[0])
    assert result.stderr.splitlines() == [
        "rejected blank.jsonl: empty (a JSONL file with no lines, or only blank ones)",
        "rejected nothing.jsonl.gz: empty (a JSONL file with no lines, or only blank ones)",
    ]

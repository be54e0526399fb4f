"""The record of a page: what the schema says it is, and that the same input always gives the
same bytes."""
import json
from pathlib import Path

import pytest

from normalizer import normalize
from normalizer.document import Document
from normalizer.pipeline import normalize_document
from normalizer.reasons import REJECTION_REASONS, REMOVAL_REASONS
from normalizer.record import reader_source, record_id
from normalizer.validate import load_schema, schema_problems

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

# a real article (seed 003's text) as a small HTML page, the way a site would serve it
ARTICLE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Pentagon: Russia Gradually Withdraws from Syria</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Pentagon: Russia Gradually Withdraws from Syria</h1>
<p>The Pentagon said on Wednesday that Russia has been gradually withdrawing its forces from Syria,
with a number of aircraft and helicopters having left the country over recent weeks.</p>
<p>Officials added that Moscow still keeps a significant air defence presence at its base near
Latakia, and that the drawdown has not changed the situation on the ground around Aleppo.</p>
<p>The announcement came as diplomats prepared for a new round of talks in Geneva, where the
government and the opposition are due to discuss a political transition.</p>
</article><footer>Copyright 2016</footer></body></html>"""


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_seed_record_follows_the_schema(seed):
    record = normalize(seed.read_bytes(), seed.name)
    assert schema_problems(record, "record.schema.json") == []


def test_an_html_page_gives_a_valid_html_record_with_its_url():
    record = normalize(ARTICLE_HTML, "syria.html", format="html", url="https://example.com/world/syria")
    assert schema_problems(record, "record.schema.json") == []
    assert record["source"]["format"] == "html"
    assert record["source"]["url"] == "https://example.com/world/syria"
    assert "gradually withdrawing its forces from Syria" in record["text"]
    assert "Home World" not in record["text"]


@pytest.mark.parametrize("fmt", ["xml", "HTML", "warc"])
def test_the_api_refuses_a_format_that_is_not_text_or_html(fmt):
    """A format the pipeline does not know would make a record that breaks the schema."""
    with pytest.raises(ValueError, match=f"format must be 'text' or 'html', not '{fmt}'"):
        normalize(ARTICLE_HTML, "syria.html", format=fmt)


@pytest.mark.parametrize("data", [None, 42, ["a page"]])
def test_the_api_refuses_what_is_not_bytes_or_text(data):
    with pytest.raises(TypeError, match=f"a page is bytes or str, not {type(data).__name__}"):
        normalize(data, "page.txt")


def test_the_same_input_gives_the_same_bytes_and_id():
    raw = SEEDS[1].read_bytes()
    first, second = normalize(raw, "a.txt"), normalize(raw, "a.txt")
    assert first.to_json() == second.to_json()
    assert first["id"] == record_id(raw) == first["source"]["sha256"][:32]
    assert first.to_json().endswith("}\n")
    assert list(json.loads(first.to_json())) == sorted(first)


def test_a_different_name_keeps_the_id():
    raw = SEEDS[2].read_bytes()
    assert normalize(raw, "a.txt")["id"] == normalize(raw, "elsewhere/b.txt")["id"]


def test_what_the_reader_knew_comes_back_from_the_record():
    source = {"url": "https://example.com/a", "captured": "2016-04-28T13:49:48Z", "record": 7}
    doc = Document(raw=SEEDS[0].read_bytes(), name="a.txt", source=source)
    record = normalize_document(doc)
    assert reader_source(record) == source
    assert schema_problems(record, "record.schema.json") == []


@pytest.mark.parametrize("field, value", [
    ("language", "eng"), ("language", "EN"), ("published", "28 April 2016"), ("published", "2016-13-01"),
    ("published", "2016-04-28T25:00:00"), ("published", "2016-04-28 13:49"),
    ("id", "not-a-hash"), ("text", None), ("surprise", "a field nobody declared"),
])
def test_the_schema_rejects_a_record_that_breaks_it(field, value):
    record = {**normalize(SEEDS[3].read_bytes(), "003.txt"), field: value}
    assert schema_problems(record, "record.schema.json")


@pytest.mark.parametrize("published", ["2016-04-28", "2016-04-28T13:49:48+03:00", "2016-04-28T13:49:48Z",
                                       "2016-04-28T13:49:48", "2016-04-28T13:49", None])
def test_the_schema_takes_a_date_or_a_date_time(published):
    record = {**normalize(SEEDS[3].read_bytes(), "003.txt"), "published": published}
    assert schema_problems(record, "record.schema.json") == []


def test_the_schemas_speak_the_closed_vocabulary_of_reasons():
    # a reason added to normalizer/reasons.py must be added to the schemas too
    record_schema, manifest_schema = load_schema("record.schema.json"), load_schema("manifest.schema.json")
    removal = record_schema["properties"]["removed"]["items"]["properties"]["reason"]["enum"]
    rejection = manifest_schema["properties"]["rejections"]["items"]["properties"]["reason"]["enum"]
    assert sorted(removal) == sorted(REMOVAL_REASONS)
    assert sorted(rejection) == sorted(REJECTION_REASONS)


def test_the_packaged_schemas_are_the_top_level_ones():
    top = Path(__file__).resolve().parent.parent / "schemas"
    for name in ("record.schema.json", "manifest.schema.json"):
        assert load_schema(name) == json.loads((top / name).read_text(encoding="utf-8"))

"""The five seed pages against their gold (`../shared/seeds-gold/`, copied into this file's
expectations so the suite does not need the shared folder): every gold paragraph kept whole, every
boilerplate line removed with the right reason, and the metadata exact."""
import json
from pathlib import Path

import pytest

from normalizer import normalize

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "seeds_gold"

# why each gold boilerplate line goes, per seed, in page order
EXPECTED_REASONS = {
    "000_e95a843f5d48968b": ["section", "credit", "related", "related", "related", "related", "related",
                             "related", "related", "related", "related", "related", "newsletter"],
    "001_fc8052ad2b75909a": ["ticker", "ticker", "tagline", "dateline", "headline", "byline", "tags",
                             "comment_prompt", "comment_prompt", "comment_prompt", "comment_prompt",
                             "comment_prompt"],
    "002_7d8e99867ac3ae18": ["section", "disclaimer", "disclaimer", "comment_prompt", "comment_prompt",
                             "comment_prompt", "comment_prompt", "related", "related"],
    "003_d410228cbb7e0699": ["related", "related", "related"],
    "004_403cec5b0078fd18": ["comment_prompt", "comment_prompt"],
}
SEEDS = sorted(EXPECTED_REASONS)


def _record(seed):
    path = ROOT / "seeds" / f"{seed}.txt"
    return normalize(path.read_bytes(), path.name)


def _gold(seed):
    return json.loads((GOLD / f"{seed}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS)
def test_every_gold_paragraph_is_kept_whole(seed):
    paragraphs = _record(seed)["text"].split("\n\n")
    for gold_paragraph in _gold(seed)["body"].split("\n\n"):
        assert gold_paragraph in paragraphs


@pytest.mark.parametrize("seed", SEEDS)
def test_every_boilerplate_line_is_removed_with_its_reason(seed):
    record = _record(seed)
    removed = [(r["text"], r["reason"]) for r in record["removed"]]
    text = record["text"]
    expected = list(zip(_gold(seed)["boilerplate"], EXPECTED_REASONS[seed]))
    for line, reason in expected:
        assert line.strip() not in text.split("\n\n")
        assert (" ".join(line.split()), reason) in [(" ".join(t.split()), r) for t, r in removed]


@pytest.mark.parametrize("seed", SEEDS)
def test_metadata_is_exact(seed):
    record, gold = _record(seed), _gold(seed)
    assert record["headline"] == gold["headline"]
    assert record["authors"] == gold["authors"]
    assert (record["published"] or "")[:10] == (gold["published"] or "")
    assert record["language"] == gold["language"]


def test_seed_001_keeps_its_tags_and_the_publication_time():
    record = _record("001_fc8052ad2b75909a")
    assert record["keywords"] == ["Syria", "Russia"]
    assert record["published"].startswith("2016-04-28T13:49:48")

"""The eval engine: its metric is the bench's score.py, its run is the CLI's, its floor catches a fall.

The metric tests use a real article (the gold of seed page 003) mangled the ways a cleaner fails:
hard wraps left in, paragraphs glued, menu lines kept. The agreement tests need the dev bench
beside the repo (``../shared/bench``) and are skipped without it.
"""
from __future__ import annotations

import importlib.util
import json
import re
import textwrap
from pathlib import Path

import pytest

from normalizer import evaluate
from normalizer.evaluate import (GoldBody, answerable, body_overlap, check_floor, format_table, paragraph_match,
                                 paragraph_f1, run_eval, score_file, score_page, summarise, tokenize, write_floor)
from dev_bench import BENCH

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = json.loads((ROOT / "tests" / "seeds_gold" / "003_d410228cbb7e0699.json").read_text(encoding="utf-8"))
ARTICLE = SEED_GOLD["body"]  # paragraphs separated by a blank line
needs_bench = pytest.mark.skipif(not (BENCH / "score.py").exists(), reason="the dev bench is not beside the repo")

# Pages of the tuning side of the site split only (never the held-out ones): Chinese, German, French, English.
AGREEMENT_DOCS = ["mozilla-readability/qq", "mozilla-readability/heise", "mozilla-readability/lemonde-1",
                  "wcxb/0002", "wcxb/0003", "wcxb/0005"]


def gold_record(**fields) -> dict:
    record = {"body": ARTICLE, "headline": SEED_GOLD["headline"], "authors": [], "published": None,
              "language": "en", "answerable": {"headline": True, "authors": False, "date": False}}
    record.update(fields)
    return record


def table_of(predicted_text: str) -> dict:
    return summarise([score_page(gold_record(), {"text": predicted_text})])


# --- the metric on real text -------------------------------------------------------------------

def test_the_gold_itself_scores_one_everywhere():
    row = table_of(ARTICLE)
    assert row["body_p"] == row["body_r"] == row["body_f1"] == 1.0
    assert row["ok90"] == 1.0
    assert row["para_f1"] == 1.0


def test_hard_wrapped_paragraphs_keep_the_words_but_lose_the_paragraphs():
    wrapped = "\n\n".join(textwrap.fill(p, width=70) for p in ARTICLE.split("\n\n"))
    row = table_of(wrapped)
    assert row["body_f1"] > 0.95  # the same words in the same order
    assert row["para_f1"] < 0.5   # but each wrapped line is a fragment, not a paragraph


def test_glued_paragraphs_lose_the_paragraphs_too():
    paragraphs = ARTICLE.split("\n\n")
    glued = "\n\n".join(" ".join(paragraphs[i:i + 2]) for i in range(0, len(paragraphs), 2))
    row = table_of(glued)
    assert row["body_f1"] > 0.95
    assert row["para_f1"] < 0.5


def test_menu_lines_left_in_cost_body_precision_not_paragraph_precision():
    menu = "Home\nWorld News\nSubscribe to our newsletter for the latest news\nShare this article on Facebook"
    row = table_of(menu + "\n" + ARTICLE)
    assert row["body_r"] == 1.0 and row["body_p"] < 1.0
    assert row["para_f1"] == 1.0  # the menu lines are not made of the article's words


def test_an_empty_prediction_scores_zero_and_a_missing_one_is_the_same():
    assert table_of("")["body_f1"] == 0.0
    assert score_page(gold_record(), {}) == score_page(gold_record(), {"text": ""})


def test_each_cjk_character_is_a_token():
    assert tokenize("北京时间3月5日，全国两会开幕") == ["北", "京", "时", "间", "3", "月", "5", "日",
                                                   "全", "国", "两", "会", "开", "幕"]
    assert body_overlap("北京时间3月5日，全国两会开幕", "北京时间3月5日").f1 > 0.3


def test_paragraph_match_counts_recovered_and_right_paragraphs():
    paragraphs = ARTICLE.split("\n\n")
    half = "\n".join(paragraphs[: len(paragraphs) // 2])
    match = paragraph_match(GoldBody(ARTICLE), half)
    assert match.predicted_right == match.predicted_total == len(paragraphs) // 2
    assert match.gold_found == len(paragraphs) // 2 and match.gold_total == len(paragraphs)
    assert paragraph_f1([match]) == pytest.approx(2 * 0.5 * 1 / 1.5, abs=0.05)


def test_metadata_is_scored_only_where_the_page_shows_it():
    page = "World\nPentagon: Russia Gradually Withdraws from Syria\nBy Jane Doe | 2018\n" + ARTICLE
    gold = gold_record(authors=["Jane Doe"], published="2018-01-09")
    gold["answerable"] = answerable(gold, page)
    assert gold["answerable"] == {"headline": True, "authors": True, "date": True}
    score = score_page(gold, {"text": ARTICLE, "headline": "Pentagon: Russia Gradually Withdraws From Syria | Site",
                              "authors": ["by jane doe"], "published": "2018-01-09T10:00:00", "language": "EN"})
    assert (score.headline, score.authors, score.date, score.language) == (True, 1.0, True, True)
    hidden = answerable(gold, ARTICLE)  # no headline line, no byline on the page
    assert hidden["headline"] is False and hidden["authors"] is False


# --- a run on a bench folder of our own -----------------------------------------------------------

def test_a_run_scores_each_input_and_names_the_rejected_ones(tmp_path, caplog):
    """A two-page bench: seed page 003 as it was scraped, and an empty file the pipeline rejects."""
    (tmp_path / "inputs" / "wet" / "seeds").mkdir(parents=True)
    (tmp_path / "gold" / "seeds").mkdir(parents=True)
    page = (ROOT / "seeds" / "003_d410228cbb7e0699.txt").read_bytes()
    (tmp_path / "inputs" / "wet" / "seeds" / "003.txt").write_bytes(page)
    (tmp_path / "inputs" / "wet" / "seeds" / "empty.txt").write_bytes(b"")
    rows = []
    for doc in ("seeds/003", "seeds/empty"):
        gold = {key: SEED_GOLD[key] for key in ("headline", "authors", "published", "language", "body")}
        (tmp_path / "gold" / f"{doc}.json").write_text(json.dumps({**gold, "doc": doc, "url": None}))
        rows.append({"name": f"wet/{doc}.txt", "doc": doc, "dataset": "seeds", "variant": "wet", "perturb": []})
    (tmp_path / "manifest.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))

    table = run_eval(tmp_path, predictions_out=tmp_path / "pred.jsonl")
    predictions = [json.loads(line) for line in (tmp_path / "pred.jsonl").read_text().splitlines()]
    assert [p["name"] for p in predictions] == ["wet/seeds/003.txt"]
    assert predictions[0]["headline"] == SEED_GOLD["headline"]
    assert table["all"]["n"] == 2 and table["variant=wet"]["n"] == 2
    assert 0.4 < table["all"]["body_r"] <= 0.5  # the seed's body is found, the empty page's is not
    assert "1 of 2 inputs rejected (empty 1)" in caplog.text and "wet/seeds/empty.txt" in caplog.text


# --- the floor ---------------------------------------------------------------------------------

def test_a_figure_below_its_floor_is_reported_and_one_within_the_tolerance_is_not(tmp_path):
    table = {"all": summarise([score_page(gold_record(), {"text": ARTICLE})])}
    floor = tmp_path / "floor.json"
    write_floor(table, floor)
    assert check_floor(table, floor) == []
    worse = {"all": dict(table["all"], body_f1=table["all"]["body_f1"] - 0.005, para_f1=0.5)}
    problems = check_floor(worse, floor)
    assert len(problems) == 1 and problems[0] == "all para_f1: 0.500 (floor 1.000, 0.500 lower)"
    assert check_floor({}, floor) == ["all: not measured (floor recorded on 1 pages)"]


def test_held_out_pages_have_groups_of_their_own():
    row = {"variant": "wet", "dataset": "wcxb"}
    assert evaluate.groups_of(row, heldout=False) == ["all", "wcxb/wet", "variant=wet", "dataset=wcxb"]
    assert evaluate.groups_of(row, heldout=True)[-2:] == ["heldout/all", "heldout/variant=wet"]


# --- agreement with score.py on the dev bench ------------------------------------------------

def reference_scorer():
    spec = importlib.util.spec_from_file_location("bench_score", BENCH / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_same_table(ours: dict, theirs: dict):
    assert set(theirs) <= set(ours)
    for group, row in theirs.items():
        for column, value in row.items():
            if value is None:
                assert ours[group][column] is None, (group, column)
            else:
                assert ours[group][column] == pytest.approx(value, abs=1e-9), (group, column)


def mangled_predictions(bench: Path, names: list[str]) -> list[dict]:
    """Predictions that hit every branch of the metric: raw pages, wrapped and glued gold bodies,
    right and wrong metadata, an empty text, a missing row."""
    predictions = []
    for i, name in enumerate(names):
        doc = name.split("/", 1)[1].removesuffix(".txt")
        gold = json.loads((bench / "gold" / f"{doc}.json").read_text(encoding="utf-8"))
        paragraphs = gold["body"].split("\n\n")
        kind = i % 5
        if kind == 0:
            text = (bench / "inputs" / name).read_text(encoding="utf-8", errors="replace")
        elif kind == 1:
            text = "\n".join(textwrap.fill(p, width=60) for p in paragraphs)
        elif kind == 2:
            text = "\n".join(" ".join(paragraphs[j:j + 2]) for j in range(0, len(paragraphs), 2))
        elif kind == 3:
            text = ""
        else:
            continue  # no row at all
        predictions.append({"name": name, "text": text,
                            "headline": gold["headline"] if i % 2 else "Home",
                            "authors": gold["authors"] if i % 3 else ["Staff"],
                            "published": gold["published"] if i % 2 else "2020-01-01",
                            "language": gold["language"] if i % 3 else "de"})
    return predictions


@needs_bench
def test_the_port_agrees_with_score_py_on_mangled_predictions(tmp_path):
    score = reference_scorer()
    only = "^(wet|lynx|crop)/(" + "|".join(AGREEMENT_DOCS) + r")\.txt$"
    manifest, gold = score.load_set(BENCH)
    manifest = [m for m in manifest if m["doc"] in AGREEMENT_DOCS and m["variant"] != "html"]
    predictions_file = tmp_path / "pred.jsonl"
    predictions_file.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n"
                                        for p in mangled_predictions(BENCH, [m["name"] for m in manifest])))
    theirs, _ = score.score(manifest, gold, score.load_predictions(predictions_file))
    ours = score_file(BENCH, predictions_file, only=only)
    assert ours["all"]["n"] == len(AGREEMENT_DOCS) * 3
    assert_same_table(ours, theirs)


@needs_bench
def test_run_eval_agrees_with_score_py_on_its_own_predictions_and_with_itself_in_parallel(tmp_path):
    score = reference_scorer()
    only = "^(wet|crop|html)/(" + "|".join(AGREEMENT_DOCS[:4]) + r")\.(txt|html\.gz)$"
    serial, parallel = tmp_path / "serial.jsonl", tmp_path / "parallel.jsonl"
    table = run_eval(BENCH, only=only, predictions_out=serial)
    manifest, gold = score.load_set(BENCH)
    manifest = [m for m in manifest if re.search(only, m["name"])]
    theirs, _ = score.score(manifest, gold, score.load_predictions(serial))
    assert table["all"]["n"] == 12 and table["variant=html"]["n"] == 4
    assert_same_table(table, theirs)
    assert "all" in format_table(table).splitlines()[1]
    assert run_eval(BENCH, only=only, predictions_out=parallel, jobs=2) == table
    assert parallel.read_bytes() == serial.read_bytes()

"""``normalizer eval``: run the pipeline over a bench folder and score it against the gold.

A bench folder (see the dev bench's README) holds ``manifest.jsonl``, ``inputs/<variant>/...``
(plain-text dumps, and ``html/`` pages gzipped) and ``gold/<dataset>/<docid>.json``. The pipeline
sees each input as ``normalizer clean`` would: every variant is one batch, ``.txt`` files are text,
``.html.gz`` files are gunzipped HTML, and neither the URL nor anything else of the gold is given to
it. The gold URL is used only to put a page on the tuning or the held-out side of the site split
(``bench_split.py``), so that figures on pages never tuned on are reported apart.

The metric is the bench's own (``score.py`` beside the bench, described in its ``SCORING.md``),
carried here so that the installed package can score without it, with the same definitions to the
last rounding: a page's body is scored on 4-token shingles, its paragraphs on token bags, its
metadata only where the page's visible text holds it. ``tests/test_evaluate.py`` checks that both
give the same table on the same predictions.

The CI gate is ``check_floor``: ``benchmarks/floor.json`` records, per group and column, the figures
of the last accepted run; a figure more than ``FLOOR_TOLERANCE`` below its floor is a regression.
"""
from __future__ import annotations

import gzip
import json
import logging
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from .batch_run import Rejection, normalize_batch, worker_pool
from .bench_split import is_heldout
from .document import Document

# ---------------------------------------------------------------------------------------------
# Tokens and the body metric
# ---------------------------------------------------------------------------------------------

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
TOKEN = re.compile(rf"[{CJK}]|[^\W{CJK}]+", re.UNICODE)
SHINGLE_SIZE = 4
OK_PAGE_F1 = 0.9          # a page whose body F1 reaches this counts in ``ok90``
PARAGRAPH_MIN_TOKENS = 3  # shorter lines are not paragraphs (labels, bullets, stray words)
PARAGRAPH_MATCH_F1 = 0.9  # a predicted paragraph recovers a gold one at this bag-of-tokens F1
PARAGRAPH_LENGTH_RATIO = 0.818  # bag F1 >= 0.9 is impossible below this ratio of lengths
HEADLINE_MATCH_F1 = 0.8
COLUMNS = ("n", "body_p", "body_r", "body_f1", "ok90", "para_f1", "headline", "authors", "date", "language")
FLOOR_TOLERANCE = 0.01
REJECTION_EXAMPLES = 3  # rejected inputs named per reason in the run's warning

log = logging.getLogger(__name__)


def tokenize(text: str | None) -> list[str]:
    """Word tokens (``\\w+`` runs), each CJK character a token of its own, so that a Chinese or
    Japanese page is not one long token.

    >>> tokenize("Tokyo (東京) is big.")
    ['Tokyo', '東', '京', 'is', 'big']
    """
    return TOKEN.findall(text or "")


def shingle_bag(tokens: list[str], size: int = SHINGLE_SIZE) -> Counter:
    """The multiset of ``size``-token windows; a text shorter than that is one shingle of itself.

    >>> sorted(shingle_bag(["a", "b", "c", "d", "e"]))
    [('a', 'b', 'c', 'd'), ('b', 'c', 'd', 'e')]
    >>> shingle_bag(["a", "b"])
    Counter({('a', 'b'): 1})
    """
    if len(tokens) < size:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(zip(*(tokens[i:] for i in range(size))))


class BodyOverlap(NamedTuple):
    """A page's shingle true positives, false positives and false negatives, each divided by their
    sum, so that every page weighs the same in the means whatever its length."""

    tp: float
    fp: float
    fn: float

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def body_overlap(gold: str, predicted: str) -> BodyOverlap:
    """The ScrapingHub article-extraction-benchmark counts of one page (``(0, 0, 0)`` when both are
    empty)."""
    return shingle_overlap(shingle_bag(tokenize(gold)), shingle_bag(tokenize(predicted)))


def shared_count(a: Counter, b: Counter) -> int:
    """The size of the intersection of two multisets (``sum((a & b).values())``, faster).

    >>> shared_count(Counter("abbc"), Counter("bbbd"))
    2
    """
    common = a.keys() & b.keys()
    return sum(map(min, map(a.__getitem__, common), map(b.__getitem__, common)))


def shingle_overlap(gold: Counter, predicted: Counter) -> BodyOverlap:
    tp = shared_count(gold, predicted)
    fp = sum(predicted.values()) - tp
    fn = sum(gold.values()) - tp
    total = tp + fp + fn
    return BodyOverlap(tp / total, fp / total, fn / total) if total else BodyOverlap(0.0, 0.0, 0.0)


def mean_precision_recall(overlaps: Iterable[BodyOverlap]) -> tuple[float, float, float]:
    """Mean precision over the pages that predicted something, mean recall over the pages whose gold
    has something, and the harmonic mean of the two (the benchmark's F1)."""
    precisions, recalls = [], []
    for tp, fp, fn in overlaps:
        perfect = fp == fn == 0
        if tp + fp > 0:
            precisions.append(1.0 if perfect else (0.0 if tp == fp == 0 else tp / (tp + fp)))
        if tp + fn > 0:
            recalls.append(1.0 if perfect else (0.0 if tp == fn == 0 else tp / (tp + fn)))
    p = math.fsum(precisions) / len(precisions) if precisions else 0.0
    r = math.fsum(recalls) / len(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---------------------------------------------------------------------------------------------
# Paragraph structure
# ---------------------------------------------------------------------------------------------

def bag_f1(a: Iterable[str] | Counter, b: Iterable[str] | Counter) -> float:
    """F1 of two bags of tokens.

    >>> round(bag_f1("the cat sat".split(), "the cat sat down".split()), 3)
    0.857
    """
    ca, cb = (a if isinstance(a, Counter) else Counter(a)), (b if isinstance(b, Counter) else Counter(b))
    tp = sum((ca & cb).values())
    return 2 * tp / (sum(ca.values()) + sum(cb.values())) if tp else 0.0


def line_tokens(text: str | None) -> list[list[str]]:
    """The tokens of each line. No token spans a line break, so together they are ``tokenize(text)``."""
    return [tokenize(line) for line in (text or "").splitlines()]


def paragraph_tokens(text: str | None) -> list[list[str]]:
    """Each non-empty line of at least three tokens is a paragraph: a hard-wrapped paragraph that was
    not repaired is several short paragraphs, and two glued paragraphs are one long one."""
    return [tokens for tokens in line_tokens(text) if len(tokens) >= PARAGRAPH_MIN_TOKENS]


class ParagraphIndex:
    """Paragraphs to match against: exact token sequences in a set, the rest as bags sorted by length,
    so that only bags of a length that could reach the match F1 are compared."""

    def __init__(self, paragraphs: list[list[str]]):
        self.exact = {tuple(p) for p in paragraphs}
        by_length = sorted(((len(p), Counter(p)) for p in paragraphs), key=lambda item: item[0])
        self.lengths = [n for n, _ in by_length]
        self.bags = [bag for _, bag in by_length]

    def matches(self, paragraph: list[str]) -> bool:
        """Whether ``paragraph`` equals one of the indexed ones or has bag F1 >= 0.9 with one."""
        if tuple(paragraph) in self.exact:
            return True
        n = len(paragraph)
        # a superset of the lengths m with 0.818 * max(n, m) <= min(n, m); the exact test follows
        lo = bisect_left(self.lengths, math.floor(PARAGRAPH_LENGTH_RATIO * n))
        hi = bisect_right(self.lengths, math.ceil(n / PARAGRAPH_LENGTH_RATIO))
        bag = None
        for i in range(lo, hi):
            m = self.lengths[i]
            if not PARAGRAPH_LENGTH_RATIO * max(n, m) <= min(n, m):
                continue
            if bag is None:
                bag = Counter(paragraph)
            tp = shared_count(bag, self.bags[i])
            if tp and 2 * tp / (n + m) >= PARAGRAPH_MATCH_F1:
                return True
        return False


class ParagraphMatch(NamedTuple):
    """Gold paragraphs recovered out of all gold paragraphs; predicted content paragraphs that match
    a gold one out of all predicted content paragraphs (those whose tokens are mostly gold words:
    a menu line left in is a body error, not a paragraph error)."""

    gold_found: int
    gold_total: int
    predicted_right: int
    predicted_total: int


class GoldBody:
    """What every score of a gold body needs (its shingles, paragraphs and words), computed once for
    all the variants of the page."""

    def __init__(self, text: str):
        lines = line_tokens(text)
        self.shingles = shingle_bag([t for tokens in lines for t in tokens])
        self.paragraphs = [tokens for tokens in lines if len(tokens) >= PARAGRAPH_MIN_TOKENS]
        self.words = {t for p in self.paragraphs for t in p}
        self.index = ParagraphIndex(self.paragraphs)


def paragraph_match(gold: str | GoldBody, predicted: str | list[list[str]]) -> ParagraphMatch:
    """How the paragraphs of ``predicted`` (a text, or its ``paragraph_tokens``) match the gold's."""
    gold = gold if isinstance(gold, GoldBody) else GoldBody(gold)
    predicted_paragraphs = paragraph_tokens(predicted) if isinstance(predicted, str) else predicted
    content = [p for p in predicted_paragraphs if sum(map(gold.words.__contains__, p)) >= 0.5 * len(p)]
    content_index = ParagraphIndex(content)
    return ParagraphMatch(
        gold_found=sum(1 for p in gold.paragraphs if content_index.matches(p)),
        gold_total=len(gold.paragraphs),
        predicted_right=sum(1 for p in content if gold.index.matches(p)),
        predicted_total=len(content),
    )


def paragraph_f1(matches: Iterable[ParagraphMatch]) -> float:
    """F1 of the share of gold paragraphs recovered and the share of content paragraphs right,
    both pooled over the pages (a page with many paragraphs weighs more)."""
    matches = list(matches)
    recall = sum(m.gold_found for m in matches) / max(1, sum(m.gold_total for m in matches))
    precision = sum(m.predicted_right for m in matches) / max(1, sum(m.predicted_total for m in matches))
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


# ---------------------------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------------------------

def normalise_text(text: str | None) -> str:
    """NFKC, case-folded, quotes dropped, whitespace collapsed, edge punctuation trimmed.

    >>> normalise_text("  “Breaking”:  News — ")
    'breaking: news'
    """
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[\"'“”‘’«»„]", "", text)
    return " ".join(text.split()).strip(" .:-–—|")


def normalise_name(name: str | None) -> str:
    """An author's name as words, without a leading "By" in the languages of the bench.

    >>> normalise_name("By Jane O'Neil-Smith")
    'jane oneil smith'
    """
    name = re.sub(r"^(by|von|par|por|di|av|door)\s+", "", normalise_text(name))
    return " ".join(re.findall(r"\w+", name))


def as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def headline_matches(gold: str | None, predicted: str | None) -> bool:
    """A headline counts when its lower-cased tokens have bag F1 >= 0.8 with the gold's: pages differ
    from the gold in site-name suffixes, punctuation and the odd word, and a wrong line scores far
    below that."""
    return bag_f1([t.lower() for t in tokenize(gold)], [t.lower() for t in tokenize(predicted or "")]) >= HEADLINE_MATCH_F1


def authors_f1(gold: list, predicted: list) -> float | None:
    """F1 of the sets of normalised names; ``None`` when the gold names nobody."""
    gold_names = {normalise_name(a) for a in gold if normalise_name(a)}
    predicted_names = {normalise_name(a) for a in predicted or [] if isinstance(a, str) and normalise_name(a)}
    if not gold_names:
        return None
    tp = len(gold_names & predicted_names)
    return 2 * tp / (len(gold_names) + len(predicted_names)) if tp else 0.0


def answerable(gold: dict, page: str) -> dict[str, bool]:
    """Which gold fields can be read off the page's visible text at all (its wet dump): the headline
    as a line, every author's name, the year of the publication date. Only those are scored."""
    lines = [line for line in page.splitlines() if line.strip()]
    words = " " + " ".join(re.findall(r"\w+", normalise_text(page))) + " "
    return {
        "headline": bool(gold.get("headline")) and any(headline_matches(gold["headline"], line) for line in lines),
        "authors": bool(gold.get("authors")) and all(f" {normalise_name(a)} " in words for a in gold["authors"]),
        "date": bool(gold.get("published")) and gold["published"][:4] in page,
    }


# ---------------------------------------------------------------------------------------------
# A page's score, and a group's
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageScore:
    """Everything one prediction contributes to the table. Metadata fields are ``None`` where the
    gold does not know the answer or the page does not show it (not scored)."""

    body: BodyOverlap
    paragraphs: ParagraphMatch
    headline: bool | None
    authors: float | None
    date: bool | None
    language: bool | None


def score_page(gold: dict, prediction: dict, gold_body: GoldBody | None = None) -> PageScore:
    """Score one prediction (``{text, headline, authors, published, language}``; ``{}`` when the
    tool gave nothing) against its gold, whose ``answerable`` says what metadata is scored.
    ``gold_body`` is ``GoldBody(gold["body"])`` when the caller already has it."""
    gold_body = gold_body or GoldBody(gold["body"])
    lines = line_tokens(prediction.get("text") or "")
    can_answer = gold["answerable"]
    return PageScore(
        body=shingle_overlap(gold_body.shingles, shingle_bag([t for tokens in lines for t in tokens])),
        paragraphs=paragraph_match(gold_body, [tokens for tokens in lines if len(tokens) >= PARAGRAPH_MIN_TOKENS]),
        headline=headline_matches(gold["headline"], prediction.get("headline")) if can_answer["headline"] else None,
        authors=(authors_f1(as_list(gold.get("authors")), as_list(prediction.get("authors")))
                 if can_answer["authors"] else None),
        date=(str(prediction.get("published") or "")[:10] == gold["published"][:10]) if can_answer["date"] else None,
        language=(str(prediction.get("language") or "").lower()[:2] == gold["language"].lower()[:2]
                  if gold.get("language") else None),
    )


def score_doc(gold: dict, predictions: list[dict]) -> list[PageScore]:
    """Scores of several predictions (the variants of one page) against one gold."""
    gold_body = GoldBody(gold["body"])
    return [score_page(gold, prediction, gold_body) for prediction in predictions]


def _mean(values: list) -> float | None:
    return sum(values) / len(values) if values else None


def summarise(scores: list[PageScore]) -> dict:
    """A table row: the columns of ``COLUMNS`` over a group of pages."""
    p, r, f1 = mean_precision_recall(s.body for s in scores)

    def scored(field: str) -> list:
        return [getattr(s, field) for s in scores if getattr(s, field) is not None]

    return {
        "n": len(scores), "body_p": p, "body_r": r, "body_f1": f1,
        "ok90": _mean([s.body.f1 >= OK_PAGE_F1 for s in scores]),
        "para_f1": paragraph_f1(s.paragraphs for s in scores),
        "headline": _mean(scored("headline")), "authors": _mean(scored("authors")),
        "date": _mean(scored("date")), "language": _mean(scored("language")),
    }


def groups_of(row: dict, heldout: bool) -> list[str]:
    """The table groups a manifest row counts in."""
    variant, dataset = row["variant"], row["dataset"]
    groups = ["all", f"{dataset}/{variant}", f"variant={variant}", f"dataset={dataset}"]
    if heldout:
        groups += ["heldout/all", f"heldout/variant={variant}"]
    return groups


def score_table(rows: list[dict], gold: dict[str, dict], predictions: dict[str, dict], *,
                jobs: int = 1) -> dict[str, dict]:
    """The table of a run: for every group, ``summarise`` of its pages. ``rows`` are manifest rows,
    ``gold`` maps doc ids to gold records (with ``answerable`` and ``heldout``), ``predictions`` maps
    input names to predictions; a missing prediction counts as empty output."""
    rows_of_doc: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        rows_of_doc[row["doc"]].append(row)
    tasks = [(gold[doc], [predictions.get(row["name"], {}) for row in doc_rows])
             for doc, doc_rows in rows_of_doc.items()]
    score_of = {}
    for doc_rows, scores in zip(rows_of_doc.values(), _map(_score_task, tasks, jobs)):
        score_of.update((row["name"], score) for row, score in zip(doc_rows, scores))
    grouped: dict[str, list[PageScore]] = defaultdict(list)
    for row in rows:
        for group in groups_of(row, gold[row["doc"]]["heldout"]):
            grouped[group].append(score_of[row["name"]])
    return {group: summarise(scores) for group, scores in grouped.items()}


def _score_task(task: tuple[dict, list[dict]]) -> list[PageScore]:
    return score_doc(*task)


# ---------------------------------------------------------------------------------------------
# Reading a bench folder
# ---------------------------------------------------------------------------------------------

def load_manifest(bench: Path, only: str | None = None) -> list[dict]:
    """The manifest rows, those whose name matches ``only`` (a regex, searched) if given."""
    with open(Path(bench, "manifest.jsonl"), encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [row for row in rows if not only or re.search(only, row["name"])]


def load_gold(bench: Path, docs: Iterable[str]) -> dict[str, dict]:
    """Gold records of ``docs``, each with what its page lets us score (``answerable``, read off the
    wet dump) and which side of the site split it is on (``heldout``)."""
    gold = {}
    for doc in docs:
        if doc in gold:
            continue
        record = json.loads(Path(bench, "gold", f"{doc}.json").read_text(encoding="utf-8"))
        page = Path(bench, "inputs", "wet", f"{doc}.txt")
        record["answerable"] = answerable(record, page.read_text(encoding="utf-8", errors="replace")
                                          if page.exists() else "")
        record["heldout"] = is_heldout(record.get("url"), record["doc"])
        gold[doc] = record
    return gold


def read_input(bench: Path, name: str) -> Document:
    """An input file as the CLI would read it: ``.html.gz`` gunzipped as HTML, anything else text.
    Nothing but the bytes and the name is given."""
    raw = Path(bench, "inputs", name).read_bytes()
    if name.endswith(".gz"):
        return Document(raw=gzip.decompress(raw), name=name, format="html")
    return Document(raw=raw, name=name, format="text")


def load_predictions(path: Path) -> dict[str, dict]:
    """A predictions JSONL file (score.py's format) by input name."""
    predictions = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                prediction = json.loads(line)
                predictions[prediction["name"]] = prediction
    return predictions


# ---------------------------------------------------------------------------------------------
# Running the pipeline
# ---------------------------------------------------------------------------------------------

PREDICTION_FIELDS = ("headline", "authors", "published", "language", "text")


def prediction_of(record: dict) -> dict:
    """The fields of a record that the bench scores, in score.py's prediction format."""
    return {"name": record["source"]["name"], **{field: record[field] for field in PREDICTION_FIELDS}}


def predict(bench: Path, names: list[str], *, jobs: int = 1) -> Iterator[dict | Rejection]:
    """Predictions for the inputs ``names``, each variant (first path part) one batch, as
    ``normalizer clean inputs/<variant>`` would see it; a rejected input gives its ``Rejection``
    (it will count as empty output)."""
    variants: dict[str, list[str]] = defaultdict(list)
    for name in names:
        variants[name.split("/", 1)[0]].append(name)
    for variant in sorted(variants):
        batch = variants[variant]
        results = normalize_batch(lambda batch=batch: (read_input(bench, name) for name in batch), jobs=jobs)
        for result in results:
            yield result if isinstance(result, Rejection) else prediction_of(result)


def _map(function, items: list, jobs: int) -> list:
    if jobs <= 1 or len(items) < 2:
        return [function(item) for item in items]
    with worker_pool(jobs) as pool:
        return pool.map(function, items, chunksize=max(1, min(16, len(items) // (4 * jobs))))


# ---------------------------------------------------------------------------------------------
# The public entry points
# ---------------------------------------------------------------------------------------------

def run_eval(bench: Path, *, only: str | None = None, predictions_out: Path | None = None,
             jobs: int = 1) -> dict:
    """Run the pipeline over the bench's inputs (those whose name matches ``only``) and score it.

    Returns the table ``{group: {column: figure}}`` with the groups ``all``, ``variant=...``,
    ``dataset=...``, ``dataset/variant`` and the held-out pages' ``heldout/all`` and
    ``heldout/variant=...``. ``predictions_out`` also gets the predictions as JSONL (score.py's
    format). ``jobs`` > 1 runs the pipeline and the scoring in that many processes; the figures are
    the same.
    """
    bench = Path(bench)
    rows = load_manifest(bench, only)
    gold = load_gold(bench, (row["doc"] for row in rows))
    predictions = {}
    rejections: dict[str, list[Rejection]] = defaultdict(list)
    out = open(predictions_out, "w", encoding="utf-8") if predictions_out else None
    try:
        for prediction in predict(bench, [row["name"] for row in rows], jobs=jobs):
            if isinstance(prediction, Rejection):
                rejections[prediction.reason].append(prediction)
                continue
            predictions[prediction["name"]] = prediction
            if out:
                out.write(json.dumps(prediction, ensure_ascii=False) + "\n")
    finally:
        if out:
            out.close()
    warn_of_rejections(rejections, len(rows))
    return score_table(rows, gold, predictions, jobs=jobs)


def warn_of_rejections(rejections: dict[str, list[Rejection]], inputs: int) -> None:
    """Say (as a logging warning, on stderr by default) how many inputs the pipeline rejected and
    why: they score as empty output, and a step that crashes (``internal_error``) would otherwise
    show only as a fall in the figures."""
    if not rejections:
        return
    total = sum(len(r) for r in rejections.values())
    reasons = ", ".join(f"{reason} {len(r)}" for reason, r in sorted(rejections.items()))
    lines = [f"{total} of {inputs} inputs rejected ({reasons}); they count as empty output"]
    for reason in sorted(rejections):
        lines += [f"  {rejection}" for rejection in rejections[reason][:REJECTION_EXAMPLES]]
    log.warning("\n".join(lines))


def score_file(bench: Path, predictions_file: Path, *, only: str | None = None, jobs: int = 1) -> dict:
    """The table of an existing predictions file (any tool's), as ``run_eval`` would make it."""
    rows = load_manifest(bench, only)
    gold = load_gold(bench, (row["doc"] for row in rows))
    return score_table(rows, gold, load_predictions(predictions_file), jobs=jobs)


def _group_order(group: str) -> tuple:
    """``all``, the variants, the datasets, each dataset's variants, then the held-out groups."""
    heldout = group.startswith("heldout/")
    name = group.removeprefix("heldout/")
    return (heldout, name != "all", not name.startswith("variant="), not name.startswith("dataset="), name)


def _figure(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_table(table: dict) -> str:
    """The table as score.py prints it, one group a line; held-out groups come last."""
    lines = [f"{'group':<34}" + "".join(f"{c:>9}" for c in COLUMNS)]
    for group in sorted(table, key=_group_order):
        row = table[group]
        lines.append(f"{group:<34}" + "".join(f"{row[c]:>9d}" if c == "n" else f"{_figure(row[c]):>9}"
                                              for c in COLUMNS))
    return "\n".join(lines)


def check_floor(table: dict, floor_file: Path) -> list[str]:
    """A problem line for each figure more than ``FLOOR_TOLERANCE`` below its floor.

    The floor file is ``{"groups": {group: {column: figure}}}``. A group of the floor that the table
    lacks is a problem (the run did not measure it), and so is a group measured on a different
    number of pages (the floor was recorded on another set, so the figures do not compare).
    """
    floor = json.loads(Path(floor_file).read_text(encoding="utf-8"))
    problems = []
    for group, floors in floor["groups"].items():
        row = table.get(group)
        if row is None:
            problems.append(f"{group}: not measured (floor recorded on {floors.get('n')} pages)")
            continue
        if "n" in floors and row["n"] != floors["n"]:
            problems.append(f"{group}: measured on {row['n']} pages, floor recorded on {floors['n']}")
            continue
        for column, minimum in floors.items():
            if column == "n" or minimum is None:
                continue
            value = row.get(column)
            if value is None:
                problems.append(f"{group} {column}: not measured (floor {minimum:.3f})")
            elif value < minimum - FLOOR_TOLERANCE:
                problems.append(f"{group} {column}: {value:.3f} (floor {minimum:.3f}, {minimum - value:.3f} lower)")
    return problems


def write_floor(table: dict, floor_file: Path) -> None:
    """Record the table's figures as the new floor (rounded down to 4 decimals, so that the run that
    wrote it passes its own check)."""
    groups = {}
    for group in sorted(table, key=_group_order):
        row = table[group]
        groups[group] = {c: (row[c] if c == "n" or row[c] is None else math.floor(row[c] * 10000) / 10000)
                         for c in COLUMNS}
    Path(floor_file).write_text(json.dumps({
        "about": "Quality floor of `normalizer eval` on the dev bench: per group and column, the figures of "
                 "the last accepted run. CI fails when a figure falls more than 0.01 below its floor; raise "
                 "it (evaluate.write_floor) when the figures rise.",
        "groups": groups,
    }, indent=1) + "\n", encoding="utf-8")

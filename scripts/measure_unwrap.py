#!/usr/bin/env python3
"""Measure the unwrap step on its own, with perfect block labels (an oracle), on the dev bench.

Every page of the chosen variants is decoded and repaired as the pipeline does, cut into blocks by
``unwrap_hard_breaks``, and then an oracle stands in for the classifier: a block is kept when at
least half of its 4-gram shingles are in the gold body's (a block of under 4 tokens: when its
tokens occur in that order in the gold). The kept blocks, one a line, are scored with score.py's
paragraph metric. What remains wrong is then the unwrap's doing: paragraphs cut in two, or glued
to each other or to boilerplate.

With ``--losses PREDICTIONS`` (a file of ``normalizer eval --predictions``) it also tells where the
real pipeline loses paragraphs, against the same blocks: each gold paragraph the prediction misses
is ``kept_whole`` lost (a block is that paragraph: the classifier dropped it, or part of it),
``glued`` (the block holding it holds more: a wrong join, or a dump with no break there), ``cut``
(its words are spread over blocks) or ``absent`` (not in the dump); each predicted content
paragraph that is wrong is ``glued`` (it holds two gold paragraphs or more), a ``piece`` (of one)
or ``other`` (gold words with other text).

Usage:
  python scripts/measure_unwrap.py ../shared/bench [--only REGEX] [--split train|heldout|all]
        [--per-doc FILE] [--cache DIR] [--losses PREDICTIONS]
Prints para_f1 per variant, per crop perturbation, and per split (train / held-out).
"""
from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from normalizer.bench_split import heldout_docs  # noqa: E402

from normalizer import evaluate  # noqa: E402
from normalizer.context import DEFAULT_CONTEXT  # noqa: E402
from normalizer.decode import decode_input  # noqa: E402
from normalizer.document import Document  # noqa: E402
from normalizer.repair import repair_text  # noqa: E402
from normalizer.unwrap import unwrap_hard_breaks  # noqa: E402


def load_score(bench: Path):
    sys.path.insert(0, str(bench))
    import score  # the bench's own scorer: same tokens, shingles and paragraph metric
    return score


def page_lines(bench: Path, names: list[str], cache: Path | None) -> dict[str, tuple[str, ...]]:
    """Lines of every page as the pipeline reads them (decoded, repaired); cached on disk."""
    store = {}
    # the lines depend on the decode and repair steps: a change there starts a new cache
    import hashlib
    import normalizer.decode
    import normalizer.repair
    key = hashlib.sha256(b"".join(Path(m.__file__).read_bytes() for m in (normalizer.decode, normalizer.repair)))
    path = cache / f"unwrap_lines_{key.hexdigest()[:12]}.pkl" if cache else None
    if path and path.exists():
        store = pickle.loads(path.read_bytes())
    missing = [n for n in names if n not in store]
    for name in missing:
        doc = Document(raw=(bench / "inputs" / name).read_bytes(), name=name)
        doc = repair_text(decode_input(doc, DEFAULT_CONTEXT), DEFAULT_CONTEXT)
        store[name] = doc.lines
    if path and missing:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(store))
    return {n: store[n] for n in names}


class Oracle:
    """Perfect labels for one gold body: which blocks are body."""

    def __init__(self, score, body: str):
        self.score = score
        toks = score.tokens(body)
        self.grams = {n: {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)} for n in (1, 2, 3, 4)}

    def keeps(self, text: str) -> bool:
        toks = self.score.tokens(text)
        if not toks:
            return False
        if len(toks) < 4:
            return tuple(toks) in self.grams[len(toks)]
        sh = [tuple(toks[i:i + 4]) for i in range(len(toks) - 3)]
        return sum(1 for s in sh if s in self.grams[4]) >= 0.5 * len(sh)


def paragraph_losses(body: evaluate.GoldBody, blocks: list[str], predicted: str) -> Counter:
    """Why the predicted text misses gold paragraphs and has wrong ones (see the module docstring),
    given the unwrap's blocks of the page; with the counts of gold and of predicted content
    paragraphs (``gold``, ``content``)."""
    block_tokens = [evaluate.tokenize(text) for text in blocks]
    block_index = evaluate.ParagraphIndex([t for t in block_tokens if len(t) >= evaluate.PARAGRAPH_MIN_TOKENS])
    block_bags = [Counter(t) for t in block_tokens]
    gold_bags = [Counter(p) for p in body.paragraphs]
    content = [p for p in evaluate.paragraph_tokens(predicted) if sum(map(body.words.__contains__, p)) >= 0.5 * len(p)]
    found = evaluate.ParagraphIndex(content)
    losses = Counter(gold=len(body.paragraphs), content=len(content))
    for paragraph, bag in zip(body.paragraphs, gold_bags):
        if found.matches(paragraph):
            continue
        if block_index.matches(paragraph):
            losses["missed:kept_whole"] += 1
            continue
        held = max((evaluate.shared_count(bag, b) for b in block_bags), default=0)
        cause = "glued" if held >= 0.9 * len(paragraph) else "cut" if held >= 0.3 * len(paragraph) else "absent"
        losses["missed:" + cause] += 1
    for paragraph in content:
        if body.index.matches(paragraph):
            continue
        bag = Counter(paragraph)
        inside = [evaluate.shared_count(g, bag) for g in gold_bags]
        glued = sum(1 for g, n in zip(gold_bags, inside) if n >= 0.6 * sum(g.values())) >= 2
        cause = "glued" if glued else "piece" if max(inside, default=0) > 0.9 * len(paragraph) else "other"
        losses["wrong:" + cause] += 1
    return losses


def groups_of(m: dict, held: set[str]) -> list[str]:
    split = "heldout" if m["doc"] in held else "train"
    variant = m["variant"]
    keys = [f"{split}/{variant}"]
    if variant == "lynx" or any(t.startswith("wrap") for t in m["perturb"]):
        keys.append(f"{split}/hard-wrapped (lynx + crop:wrapNN)")
    if variant == "crop":
        tags = [re.sub(r"\d+$", "NN", t) for t in m["perturb"] if t.startswith(("wrap", "indent"))]
        tags += [t for t in m["perturb"] if t == "nobreak"]
        if "wrapNN" in tags and "nobreak" not in tags:
            tags.append("wrap+blank")
        if "wrapNN" not in tags:
            tags.append("unwrapped")
        keys += [f"{split}/crop:{t}" for t in tags]
    return keys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("--only", default=r"^(wet|lynx|crop)/")
    ap.add_argument("--split", default="train", choices=["train", "heldout", "all"])
    ap.add_argument("--per-doc")
    ap.add_argument("--cache", default="out/cache")
    ap.add_argument("--losses", help="a predictions file: where it loses paragraphs")
    args = ap.parse_args()
    bench = Path(args.bench)
    score = load_score(bench)
    held = heldout_docs(bench)
    manifest = [json.loads(l) for l in open(bench / "manifest.jsonl", encoding="utf-8")]
    rows = [m for m in manifest if re.search(args.only, m["name"])
            and (args.split == "all" or (m["doc"] in held) == (args.split == "heldout"))]
    lines = page_lines(bench, [m["name"] for m in rows], Path(args.cache) if args.cache else None)
    predicted = evaluate.load_predictions(Path(args.losses)) if args.losses else {}
    gold = {}
    agg = defaultdict(lambda: [0, 0, 0, 0, 0])
    losses = defaultdict(Counter)
    per_doc = []
    spent = 0.0
    for m in rows:
        if m["doc"] not in gold:
            gold[m["doc"]] = json.loads((bench / "gold" / f"{m['doc']}.json").read_text(encoding="utf-8"))["body"]
        body = gold[m["doc"]]
        doc = Document(raw=b"", name=m["name"], lines=lines[m["name"]])
        t0 = time.perf_counter()
        doc = unwrap_hard_breaks(doc, DEFAULT_CONTEXT)
        spent += time.perf_counter() - t0
        oracle = Oracle(score, body)
        text = "\n".join(b.text for b in doc.blocks if oracle.keeps(b.text))
        pm = score.paragraph_match(body, text)
        groups = groups_of(m, held) + [f"{'heldout' if m['doc'] in held else 'train'}/all"]
        for k in groups:
            a = agg[k]
            for i in range(4):
                a[i] += pm[i]
            a[4] += 1
        if args.losses:
            page_losses = paragraph_losses(evaluate.GoldBody(body), [b.text for b in doc.blocks],
                                           predicted.get(m["name"], {}).get("text") or "")
            for k in groups:
                losses[k].update(page_losses)
        if args.per_doc:
            rec = pm[0] / max(1, pm[1])
            prec = pm[2] / max(1, pm[3])
            per_doc.append({"name": m["name"], "para_f1": round(2 * rec * prec / (rec + prec), 4) if rec + prec else 0.0,
                            "gold": pm[1], "hit_gold": pm[0], "pred": pm[3], "hit_pred": pm[2]})
    print(f"{'group':<40}{'n':>6}{'para_r':>9}{'para_p':>9}{'para_f1':>9}")
    for k in sorted(agg):
        hg, ng, hp, np_, n = agg[k]
        r, p = hg / max(1, ng), hp / max(1, np_)
        f = 2 * r * p / (r + p) if r + p else 0.0
        print(f"{k:<40}{n:>6}{r:>9.3f}{p:>9.3f}{f:>9.3f}")
    print(f"unwrap time: {1000 * spent / max(1, len(rows)):.3f} ms/page over {len(rows)} pages")
    if args.losses:
        causes = [f"missed:{c}" for c in ("kept_whole", "glued", "cut", "absent")] + [f"wrong:{c}" for c in ("glued", "piece", "other")]
        print(f"\nparagraphs of {args.losses}: missed, share of gold paragraphs; wrong, share of predicted content paragraphs")
        print(f"{'group':<40}" + "".join(f"{c:>18}" for c in causes))
        for k in sorted(losses):
            c = losses[k]
            print(f"{k:<40}" + "".join(f"{c[x] / max(1, c['gold' if x.startswith('missed') else 'content']):>18.3f}" for x in causes))
    if args.per_doc:
        with open(args.per_doc, "w", encoding="utf-8") as f:
            for row in per_doc:
                f.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()

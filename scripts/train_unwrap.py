#!/usr/bin/env python3
"""Train the line-break model of the unwrap step (``normalizer/data/unwrap_breaks.json``).

Labels come from the bench itself, not from hand annotation: every `lynx` and `crop` dump of a
page shows the same text as its `wet` dump, where each block is one line. Aligning a dump's tokens
with the wet tokens (difflib) tells, for each break between two adjacent lines of the dump,
whether both sides fall in one wet line, one right after the other (a wrap: join) or the first
ends a wet line and the second starts the next (a real break); other breaks are left out.
Where both lines fall in the gold body, its paragraphs decide the same way instead (that is what
the paragraph metric scores).

Only pages outside the held-out split (``bench_split.py``) are read. The model is a logistic
regression over the binary features of ``normalizer.unwrap.break_features``; it is trained with
the previous breaks' true decisions as context (teacher forcing), and scored by 5-fold
cross-validation grouped by page before the final fit on all training pages.

Usage: python scripts/train_unwrap.py ../shared/bench [--cache out/cache] [--out normalizer/data/unwrap_breaks.json]
"""
from __future__ import annotations

import argparse
import datetime
import difflib
import hashlib
import json
import pickle
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from normalizer.bench_split import heldout_docs  # noqa: E402
from measure_unwrap import load_score, page_lines  # noqa: E402

from normalizer import unwrap  # noqa: E402

L2 = 1.0


def _line_ends(score, target_lines, reference_blocks):
    """Map each dump line's first and last token onto (block, position) in a reference text made of
    blocks (wet lines, or gold paragraphs), by difflib over the token sequences."""
    ref_tokens = [score.tokens(block) for block in reference_blocks]
    rseq, rpos = [], []
    for k, toks in enumerate(ref_tokens):
        for p, t in enumerate(toks):
            rseq.append(t)
            rpos.append((k, p))
    line_tokens = [score.tokens(line) for line in target_lines]
    tseq = [t for toks in line_tokens for t in toks]
    mapping = [None] * len(tseq)
    matcher = difflib.SequenceMatcher(None, tseq, rseq, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for d in range(size):
            mapping[a + d] = rpos[b + d]
    first, last, at = {}, {}, 0
    for i, toks in enumerate(line_tokens):
        if toks:
            first[i], last[i] = mapping[at], mapping[at + len(toks) - 1]
        at += len(toks)
    return first, last, [len(toks) for toks in ref_tokens]


def break_labels(score, target_lines, wet_lines, gold_body) -> dict[tuple[int, int], int | None]:
    """For each pair of consecutive non-blank lines (i, j) of a dump: 1 wrap, 0 break, None unknown.

    The gold paragraphs decide where both lines fall in them (that is what the paragraph metric
    scores); elsewhere (boilerplate) the wet lines do.
    """
    refs = [_line_ends(score, target_lines, wet_lines), _line_ends(score, target_lines, gold_body.split("\n\n"))]
    nonblank = [i for i, line in enumerate(target_lines) if line.strip()]
    labels = {}
    for i, j in zip(nonblank, nonblank[1:]):
        label = None
        for first, last, sizes in refs:
            a, b = last.get(i), first.get(j)
            if a is None or b is None:
                continue
            if a[0] == b[0] and b[1] == a[1] + 1:
                label = 1
            elif a[0] != b[0] and a[1] == sizes[a[0]] - 1 and b[1] == 0:
                label = 0
        labels[(i, j)] = label
    return labels


def page_examples(lines, labels):
    """(features, label) of every labelled doubtful break between adjacent lines of a wrapped page.

    Breaks the width test settles alone (``unwrap._clear_decision``) are not the model's to
    learn. The context of each break (where the current block starts, the indentation its
    continuations take) follows the labels where there are any.
    """
    page = unwrap.Page(lines)
    if not page.width:
        return []
    out = []
    start, cont_indent = 0, page.indents[0] + page.markers[0]
    for k in range(1, len(page.texts)):
        if not page.adjacent(k):
            start, cont_indent = k, page.indents[k] + page.markers[k]
            continue
        slack = page.slack(k)
        y = labels.get((page.numbers[k - 1], page.numbers[k]))
        clear = unwrap._clear_decision(page, k, slack, cont_indent)
        if clear is None and y is not None:
            out.append((unwrap.break_features(page, k, slack, start, cont_indent), y))
        if y is None:
            y = clear if clear is not None else slack >= 0 and page.indents[k] == cont_indent
        if y:
            cont_indent = page.indents[k]
        else:
            start, cont_indent = k, page.indents[k] + page.markers[k]
    return out


def fit(rows, cols, y, n_features, iters=400, lr=0.1):
    """L2-regularised logistic regression over binary features (sparse rows), by Adam."""
    w = np.zeros(n_features)
    m, v = np.zeros(n_features), np.zeros(n_features)
    n = len(y)
    for t in range(1, iters + 1):
        z = np.bincount(rows, weights=w[cols], minlength=n)
        p = 1 / (1 + np.exp(-z))
        g = np.bincount(cols, weights=(p - y)[rows], minlength=n_features) / n + L2 * w / n
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def to_sparse(examples, index):
    rows, cols, y = [], [], []
    for r, (feats, label) in enumerate(examples):
        for name in ["bias"] + feats:
            if name in index:
                rows.append(r)
                cols.append(index[name])
        y.append(label)
    return np.array(rows), np.array(cols), np.array(y, dtype=float)


def predict(w, rows, cols, n):
    return np.bincount(rows, weights=w[cols], minlength=n) > 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("--cache", default="out/cache")
    ap.add_argument("--out", default=str(Path(unwrap.__file__).parent / "data" / "unwrap_breaks.json"))
    args = ap.parse_args()
    bench = Path(args.bench)
    score = load_score(bench)
    held = heldout_docs(bench)
    manifest = [json.loads(line) for line in open(bench / "manifest.jsonl", encoding="utf-8")]
    rows = [m for m in manifest if m["variant"] in ("lynx", "crop") and m["doc"] not in held]
    wet = {m["doc"]: f"wet/{m['doc']}.txt" for m in rows}
    names = [m["name"] for m in rows] + sorted(set(wet.values()))
    cache = Path(args.cache)
    lines = page_lines(bench, names, cache)
    label_path = cache / "unwrap_labels_gold.pkl"
    labels = pickle.loads(label_path.read_bytes()) if label_path.exists() else {}
    for m in rows:
        if m["name"] not in labels:
            gold = json.loads((bench / "gold" / f"{m['doc']}.json").read_text(encoding="utf-8"))["body"]
            labels[m["name"]] = break_labels(score, lines[m["name"]], lines[wet[m["doc"]]], gold)
    label_path.write_bytes(pickle.dumps(labels))

    examples = defaultdict(list)  # doc -> [(features, label, variant)]
    for m in rows:
        for feats, y in page_examples(lines[m["name"]], labels[m["name"]]):
            examples[m["doc"]].append((feats, y, m["variant"]))
    counts = Counter(name for exs in examples.values() for feats, _, _ in exs for name in feats)
    vocab = ["bias"] + sorted(name for name, c in counts.items() if c >= 20)
    index = {name: i for i, name in enumerate(vocab)}

    # 5-fold cross-validation, grouped by page
    docs = sorted(examples)
    fold = {d: int(hashlib.sha256(d.encode()).hexdigest(), 16) % 5 for d in docs}
    right = Counter()
    total = Counter()
    for f in range(5):
        train = [(x, y) for d in docs if fold[d] != f for x, y, _ in examples[d]]
        test = [(x, y, v) for d in docs if fold[d] == f for x, y, v in examples[d]]
        w = fit(*to_sparse(train, index), len(vocab))
        r, c, y = to_sparse([(x, y) for x, y, _ in test], index)
        pred = predict(w, r, c, len(y))
        for (x, label, variant), p in zip(test, pred):
            total[variant] += 1
            right[variant] += int(p == bool(label))
            rule = x[0] in ("d0", "d1..2", "d3..5", "d6..10", "d>=11") and "aligned" in x
            right[variant + ":width_rule"] += int(rule == bool(label))
    report = {v: round(right[v] / total[v], 4) for v in total}
    report.update({v + ":width_rule": round(right[v + ":width_rule"] / total[v], 4) for v in total})
    print("cross-validated accuracy on the doubtful breaks (model, and the width test alone):", report)

    all_examples = [(x, y) for d in docs for x, y, _ in examples[d]]
    w = fit(*to_sparse(all_examples, index), len(vocab))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    data = {
        "provenance": {
            "trained_by": "scripts/train_unwrap.py",
            "date": datetime.date.today().isoformat(),
            "commit": commit,
            "data": "dev bench (../shared/bench), lynx and crop dumps of the pages outside the held-out split "
                    "(scripts/bench_split.py); each break between two adjacent lines labelled by aligning the dump "
                    "with the gold body's paragraphs where both lines fall in it, else with the page's wet dump "
                    "(one block a line); only the breaks the width test does not settle alone",
            "pages": len(docs),
            "breaks": len(all_examples),
            "model": f"logistic regression, L2 {L2}, binary features of normalizer.unwrap.break_features "
                     "(seen at least 20 times); join when the score is above 0",
            "cross_validated_accuracy": report,
            "cross_validated_accuracy_is": "5-fold by page, on those doubtful breaks; ':width_rule' is the "
                                           "width test alone on the same breaks",
        },
        "weights": {name: round(float(w[i]), 4) for i, name in enumerate(vocab) if abs(w[i]) >= 1e-4},
    }
    Path(args.out).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['weights'])} weights")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Why the headline is missed on the dev bench's training pages: counts of each kind of loss.

Usage: python scripts/headline_losses.py ../shared/bench [--variants wet,lynx,crop]
       [--snapshot FILE | --write-snapshot FILE] [--show CLASS]

Only pages the scorer counts (the gold headline is a line of the wet dump, score.py's
``answerable``) and only sites outside the held-out split (``bench_split.py``) are read. Each
page's candidates are ranked as ``normalizer/headline.py`` does (on the batch statistics of the
training pages alone, as ``train_headline.py`` builds them: the eval counts the whole variant, so a
few pages may differ from its misses), and the page falls in one class:
the ranker's pick is right; a right candidate ranks below a wrong one; the right candidate ranks
first but under the threshold (no headline given); or no candidate is right, split by where the
gold line is (one word long, far above or below the body's start, glued into a longer block,
not in the dump at all: the crop may cut it off, the scorer asks only the wet dump for it). Which
class is biggest says whether the ranker or the candidate set is the lever. The snapshot (a pickle
{name: Document after classify}) is the one ``train_headline.py --snapshot`` reads.
"""
import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from normalizer.bench_split import heldout_docs  # noqa: E402
from train_headline import documents_after_classify, page_matrix  # noqa: E402

from normalizer import headline as H  # noqa: E402
from normalizer import metadata as M  # noqa: E402


def loss_class(doc, gold_headline, match) -> str:
    """The page's class (see the module's docstring)."""
    chosen, x = page_matrix(doc)
    right = [match(gold_headline, c.text) for c in chosen]
    model, threshold = H._model()
    scores = model.raw(x) if chosen else np.array([])
    best = int(np.argmax(scores)) if chosen else None
    if best is not None and right[best]:
        return "right" if scores[best] >= threshold else "right candidate first, under the threshold"
    if any(right):
        return "right candidate ranked below a wrong one"
    blocks = doc.blocks
    first_body, _ = M.body_edges(list(blocks))
    at = [i for i, b in enumerate(blocks) if match(gold_headline, b.text)]
    if not at:
        if any(match(gold_headline, line) for line in doc.lines):
            return "no candidate: gold a line glued into a longer block"
        return "no candidate: gold not a line of this dump"
    if H.word_count(gold_headline) < 2:
        return "no candidate: gold one word long"
    nearest = min(at, key=lambda i: abs(first_body - i))
    if first_body - nearest > H.BEFORE_BODY:
        return f"no candidate: gold more than {H.BEFORE_BODY} blocks above the body's start"
    if nearest - first_body >= H.AFTER_BODY:
        return f"no candidate: gold {H.AFTER_BODY} blocks or more below the body's start"
    return "no candidate: gold in the window, too long or cut"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("--variants", default="wet,lynx,crop")
    ap.add_argument("--snapshot", help="read the Documents after classify from this pickle")
    ap.add_argument("--write-snapshot", help="run the steps and save the Documents after classify here")
    ap.add_argument("--show", help="print the pages of the classes starting with this text")
    args = ap.parse_args()
    bench = Path(args.bench)
    sys.path.insert(0, str(bench))
    import score
    _, gold = score.load_set(bench)
    held = heldout_docs(bench)
    manifest = [json.loads(l) for l in open(bench / "manifest.jsonl", encoding="utf-8")]
    snapshot = pickle.load(open(args.snapshot, "rb")) if args.snapshot else {}
    counts = Counter()
    for variant in args.variants.split(","):
        rows = [m for m in manifest if m["variant"] == variant and m["doc"] not in held]
        pairs = (((m, snapshot[m["name"]]) for m in rows if m["name"] in snapshot) if args.snapshot
                 else documents_after_classify(bench, rows))
        for m, doc in pairs:
            if args.write_snapshot:
                snapshot[m["name"]] = doc
            g = gold[m["doc"]]
            if not g["answerable"]["headline"]:
                continue
            kind = loss_class(doc, g["headline"], score.headline_match)
            counts[kind, variant] += 1
            if args.show and kind.startswith(args.show):
                print(f"{m['name']}: {kind}; gold {g['headline']!r}")
    if args.write_snapshot:
        pickle.dump(snapshot, open(args.write_snapshot, "wb"))
    variants = args.variants.split(",")
    print(f"{'class':64s}" + "".join(f"{v:>6s}" for v in variants))
    for kind in sorted({k for k, _ in counts}, key=lambda k: -sum(counts[k, v] for v in variants)):
        print(f"{kind:64s}" + "".join(f"{counts[kind, v]:6d}" for v in variants))


if __name__ == "__main__":
    main()

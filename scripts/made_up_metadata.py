#!/usr/bin/env python3
"""How often the normalizer gives a date or authors that the gold does not have.

Usage: python scripts/made_up_metadata.py PREDICTIONS.jsonl [BENCH]
(PREDICTIONS from `normalizer eval BENCH --predictions FILE`.)

Per variant and split (training sites / held-out sites): of the pages where we give a date, the
share whose day differs from the gold's, and the share whose gold has no date; of the pages where we
give authors, the share with no name in common with the gold's, and the count whose gold has none.
"""
import argparse
import json
from collections import defaultdict
from pathlib import Path

from normalizer.bench_split import heldout_docs
from normalizer.evaluate import normalise_name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("predictions", type=Path, help="from `normalizer eval BENCH --predictions FILE`")
    parser.add_argument("bench", type=Path, nargs="?", default=Path("../shared/bench"))
    args = parser.parse_args()
    predictions, bench = args.predictions, args.bench
    held = heldout_docs(bench)
    manifest = {row["name"]: row for row in map(json.loads, (bench / "manifest.jsonl").open(encoding="utf-8"))}
    counts = defaultdict(lambda: defaultdict(int))
    for prediction in map(json.loads, predictions.open(encoding="utf-8")):
        row = manifest[prediction["name"]]
        gold = json.loads((bench / "gold" / f"{row['doc']}.json").read_text(encoding="utf-8"))
        c = counts[(row["variant"], "held-out" if row["doc"] in held else "training")]
        day, gold_day = (prediction.get("published") or "")[:10], (gold.get("published") or "")[:10]
        if day:
            c["dates"] += 1
            c["wrong day"] += bool(gold_day) and day != gold_day
            c["date, gold none"] += not gold_day
        names = {normalise_name(a) for a in prediction.get("authors") or []}
        gold_names = {normalise_name(a) for a in gold.get("authors") or []}
        if names:
            c["authors"] += 1
            c["no right name"] += bool(gold_names) and not names & gold_names
            c["authors, gold none"] += not gold_names
    for (variant, split), c in sorted(counts.items()):
        print(f"{variant:5} {split:9} dates given {c['dates']:4}: wrong day {c['wrong day'] / max(1, c['dates']):6.1%},"
              f" gold has none {c['date, gold none'] / max(1, c['dates']):6.1%} | authors given {c['authors']:4}:"
              f" no right name {c['no right name'] / max(1, c['authors']):6.1%}, gold has none {c['authors, gold none']}")


if __name__ == "__main__":
    main()

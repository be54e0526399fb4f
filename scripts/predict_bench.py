#!/usr/bin/env python3
"""Run the pipeline over a bench folder's inputs and write predictions JSONL for score.py.

Usage: python scripts/predict_bench.py ../shared/bench out/pred.jsonl [--only REGEX] [--jobs N]
Each variant is one batch (as `normalizer clean inputs/<variant>` would see it): no URLs are given
to the tool. The work is `normalizer.evaluate.predict`; `normalizer eval BENCH --predictions FILE`
writes the same file and prints the table as well.
"""
import argparse
import json
import sys
from pathlib import Path

from normalizer.batch_run import Rejection
from normalizer.evaluate import load_manifest, predict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("out")
    ap.add_argument("--only")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    names = [row["name"] for row in load_manifest(Path(args.bench), args.only)]
    with open(args.out, "w", encoding="utf-8") as out:
        for result in predict(Path(args.bench), names, jobs=args.jobs):
            if isinstance(result, Rejection):
                print(f"{result.name}: rejected ({result.reason}: {result.detail})", file=sys.stderr)
                continue
            out.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

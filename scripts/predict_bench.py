#!/usr/bin/env python3
"""Run the pipeline over a bench folder's inputs and write predictions JSONL for score.py.

Usage: python scripts/predict_bench.py ../shared/bench out/pred.jsonl [--only REGEX]
Each variant is one batch (as `normalizer clean inputs/<variant>` would see it): no URLs are given
to the tool. Temporary harness until `normalizer eval` exists.
"""
import argparse
import gzip
import json
import re
import sys
from pathlib import Path

from normalizer.batch_run import Rejection, normalize_batch
from normalizer.document import Document


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("out")
    ap.add_argument("--only")
    args = ap.parse_args()
    bench = Path(args.bench)
    manifest = [json.loads(l) for l in open(bench / "manifest.jsonl", encoding="utf-8")]
    rows = [m for m in manifest if not args.only or re.search(args.only, m["name"])]
    with open(args.out, "w", encoding="utf-8") as out:
        for variant in sorted({r["name"].split("/")[0] for r in rows}):
            names = [r["name"] for r in rows if r["name"].startswith(variant + "/")]

            def documents():
                for name in names:
                    raw = (bench / "inputs" / name).read_bytes()
                    fmt = "text"
                    if name.endswith(".gz"):
                        raw, fmt = gzip.decompress(raw), "html"
                    yield Document(raw=raw, name=name, format=fmt)

            for result in normalize_batch(documents):
                if isinstance(result, Rejection):
                    print(f"{result.name}: rejected ({result.reason}: {result.detail})", file=sys.stderr)
                    continue
                out.write(json.dumps({"name": result["source"]["name"], "headline": result["headline"],
                                      "authors": result["authors"], "published": result["published"],
                                      "language": result["language"], "text": result["text"]},
                                     ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

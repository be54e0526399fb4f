#!/usr/bin/env python3
"""The HTML path beside trafilatura, on the same pages, in one run, by the same metric.

Usage: python scripts/compare_html.py [BENCH] [--only REGEX] [--jobs N]

trafilatura 2.3.1's own ``bare_extraction(with_metadata=True)`` reads each page of
``BENCH/inputs/html/``; ``normalizer`` reads the same pages through its whole pipeline (the page
rendered as a WET dump, the markup's metadata read by trafilatura's functions, then its own steps). Both sets of predictions are scored by
``normalizer.evaluate`` (the port of the bench's score.py) and printed side by side.
"""
import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from normalizer.evaluate import load_manifest, predict, score_file
from normalizer.batch_run import Rejection

COLUMNS = ("body_p", "body_r", "body_f1", "para_f1", "headline", "authors", "date", "language")


def trafilatura_prediction(bench: Path, name: str) -> dict:
    html = gzip.decompress((bench / "inputs" / name).read_bytes()).decode("utf-8", errors="replace")
    result = trafilatura.bare_extraction(html, with_metadata=True)
    if result is None:
        return {"name": name}
    authors = [a.strip() for a in (result.author or "").split(";") if a.strip()]
    return {"name": name, "headline": result.title, "authors": authors, "published": result.date,
            "language": result.language, "text": result.text}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", nargs="?", default="../shared/bench", type=Path)
    parser.add_argument("--only", default="^html/")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    names = [row["name"] for row in load_manifest(args.bench, args.only) if row["variant"] == "html"]
    tables, seconds = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for tool in ("trafilatura", "normalizer"):
            path = Path(tmp, f"{tool}.jsonl")
            start = time.process_time()
            with path.open("w", encoding="utf-8") as out:
                if tool == "trafilatura":
                    rows = (trafilatura_prediction(args.bench, name) for name in names)
                else:
                    rows = (r for r in predict(args.bench, names, jobs=args.jobs)
                            if not isinstance(r, Rejection))
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            seconds[tool] = time.process_time() - start
            tables[tool] = score_file(args.bench, path, only=args.only)
    print(f"{len(names)} html pages of {args.bench}")
    print(f"{'group':<26}{'tool':<13}" + "".join(f"{c:>10}" for c in COLUMNS))
    for group in ("variant=html", "heldout/variant=html"):
        for tool, table in tables.items():
            row = table.get(group)
            if row:
                cells = "".join("      -   " if row[c] is None else f"{row[c]:>10.3f}" for c in COLUMNS)
                print(f"{group:<26}{tool:<13}{cells}")
    if args.jobs == 1:
        print("CPU seconds per page (this process): " + ", ".join(
            f"{tool} {seconds[tool] / max(1, len(names)) * 1000:.0f} ms" for tool in seconds))
    sys.exit(0)


if __name__ == "__main__":
    main()

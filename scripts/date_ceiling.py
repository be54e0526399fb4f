#!/usr/bin/env python3
"""The best date score any reader of the page's text could reach on the dev bench.

Usage: python scripts/date_ceiling.py [BENCH_DIR] [--show]

The scorer counts a page's date when the wet dump shows the gold's year anywhere (score.py's
``answerable``): a copyright line is enough. A day that the text never writes cannot be read off
it, whatever the rules. For each variant and split (training / held-out sites), this counts the
scored pages whose input, read and repaired as ``clean`` reads it, writes the gold's day in some
form: a date ``dates.find_dates`` reads (18 languages, numeric forms both ways round), or, as a
generous upper bound, the gold's day beside its month name or number in any order and with any
separator ("2025•01•08", "12/19 — 2025", "May 28" with no year). The share of such pages is the
ceiling of the date column: no reader of the text alone can pass it. ``--show`` lists the pages
above the ceiling's line on training sites (held-out pages are never listed).
"""
from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from normalizer.context import DEFAULT_CONTEXT
from normalizer.dates import find_dates
from normalizer.document import InputRejected
from normalizer.evaluate import load_gold, load_manifest, read_input
from normalizer.pipeline import READING_STEPS, run_steps

TEXT_VARIANTS = ("wet", "lynx", "crop")


@lru_cache(maxsize=12)
def month_names(month: int) -> tuple[str, ...]:
    """Every name and abbreviation of ``month`` in the date tables' languages (``data/dates.json``)."""
    tables = json.loads(resources.files("normalizer").joinpath("data/dates.json").read_text(encoding="utf-8"))
    return tuple(name for months in tables["months"].values() for name in months[month - 1])


def writes_day(text: str, day: str) -> bool:
    """Whether ``text`` writes the day ``day`` (YYYY-MM-DD) in any form a reader could take it from."""
    if any(found.iso[:10] == day for found in find_dates(text)):
        return True
    year, month, dom = (int(part) for part in day.split("-"))
    names = "|".join(re.escape(name) for name in month_names(month))
    number = rf"0?{month}"
    patterns = (
        rf"\b0?{dom}\.?\W{{0,3}}(?:{names})",                       # 28 May, 28. Mai
        rf"(?:{names})\.?\W{{0,3}}0?{dom}\b",                       # May 28
        rf"\b{number}\D{{1,3}}0?{dom}\D{{1,5}}(?:{year}|{year % 100:02d})\b",  # 05/28/25, 12/19 — 2025
        rf"\b0?{dom}\D{{1,3}}{number}\D{{1,5}}(?:{year}|{year % 100:02d})\b",  # 28.05.2025
        rf"\b{year}\D{{1,3}}{number}\D{{1,3}}0?{dom}\b",            # 2025•05•28
    )
    return any(re.search(pattern, text, re.IGNORECASE) for pattern in patterns)


def page_text(bench: Path, name: str) -> str:
    """The input's text as ``clean`` reads it (decoded, HTML rendered, mojibake and newlines repaired)."""
    try:
        return "\n".join(run_steps(read_input(bench, name), DEFAULT_CONTEXT, READING_STEPS).lines)
    except InputRejected:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", type=Path, nargs="?", default=Path("../shared/bench"))
    parser.add_argument("--show", action="store_true", help="list the training pages whose day is not written")
    args = parser.parse_args()
    rows = [row for row in load_manifest(args.bench) if row["variant"] in TEXT_VARIANTS]
    gold = load_gold(args.bench, [row["doc"] for row in rows])
    counts = defaultdict(lambda: [0, 0])  # (variant, split) -> [scored, day written]
    for row in rows:
        record = gold[row["doc"]]
        if not record["answerable"]["date"]:
            continue
        written = writes_day(page_text(args.bench, row["name"]), record["published"][:10])
        for split in ("all", "held-out" if record["heldout"] else "training"):
            counts[(row["variant"], split)][0] += 1
            counts[(row["variant"], split)][1] += written
        if args.show and not written and not record["heldout"]:
            print(f"not written: {row['name']} (gold {record['published'][:10]})")
    print(f"{'variant':8} {'split':9} {'scored':>6} {'written':>7} {'ceiling':>7}")
    for (variant, split), (scored, written) in sorted(counts.items()):
        print(f"{variant:8} {split:9} {scored:6} {written:7} {written / scored:7.3f}")


if __name__ == "__main__":
    main()

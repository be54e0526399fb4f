#!/usr/bin/env python3
"""Record the current figures of `normalizer eval` on the dev bench as the quality floor.

Usage: python scripts/write_floor.py [BENCH_DIR] [--floor benchmarks/floor.json] [--jobs N]

Run it when the figures have risen (and only then: the floor is what CI holds the pipeline to,
``evaluate.check_floor``), on the whole bench, and commit the floor file with the change that
raised it. It prints the table, and the figures that went down against the old floor, if any.
"""
import argparse
import os
from pathlib import Path

from normalizer.evaluate import check_floor, format_table, run_eval, write_floor


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench", nargs="?", default="../shared/bench")
    ap.add_argument("--floor", default="benchmarks/floor.json")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    table = run_eval(Path(args.bench), jobs=args.jobs)
    print(format_table(table))
    floor = Path(args.floor)
    if floor.exists():
        for problem in check_floor(table, floor):
            print(f"lower than the old floor: {problem}")
    write_floor(table, floor)
    print(f"wrote {floor}")


if __name__ == "__main__":
    main()

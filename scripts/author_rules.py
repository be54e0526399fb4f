#!/usr/bin/env python3
"""How precise each author rule is, on the dev bench's training pages (never the held-out ones).

Usage: python scripts/author_rules.py [BENCH] [--only REGEX] [--jobs N] [--show REGEX]

Each variant runs as one batch, as `normalizer eval` runs it; every page's authors are tagged with
the rule that found them (``Document.authors_rule``). Per rule, over the training pages where it
fired: the pages scored for authors (the gold names someone and the page shows every name) that
it got right (F1 1), partly right or wrong (F1 0); the pages whose gold names someone, scored or
not, where it gave no right name (``made_up_metadata.py``'s count); the pages whose gold names
nobody. The rows "(none)" count the scored pages where no rule fired. ``--show REGEX`` prints
the pages of the rules it matches ("(none)" too) that are not right, with the names given and the
gold's.
"""
import argparse
import multiprocessing
import re
import tempfile
from collections import defaultdict
from pathlib import Path

from normalizer import pipeline
from normalizer.batch_run import batch_context, resume
from normalizer.context import DEFAULT_CONTEXT
from normalizer.document import InputRejected
from normalizer.evaluate import authors_f1, load_gold, load_manifest, normalise_name, read_input

_PASS: dict = {}  # the batch's context and cache folder, set before the workers of pass two fork


def found_authors(name: str):
    """A page's authors and the rule that found them; None when the pipeline rejects it (an
    input with no content; a crash is not hidden)."""
    try:
        doc, steps = resume(_PASS["documents"][name], _PASS["cache"])
        doc = pipeline.run_steps(doc, _PASS["ctx"], steps)
    except InputRejected:
        return None
    return doc.authors, doc.authors_rule


def run_variant(bench: Path, names: list[str], training: set[str], jobs: int) -> dict[str, tuple]:
    """The authors and rule of each training page of one variant (its whole batch counted)."""
    mp = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory(prefix="author-rules-") as tmp:
        cache = Path(tmp)
        with mp.Pool(jobs) as pool:
            ctx = batch_context(lambda: (read_input(bench, n) for n in names), DEFAULT_CONTEXT, pool=pool, cache=cache)
        wanted = [n for n in names if n in training]
        _PASS.update(ctx=ctx, cache=cache, documents={n: read_input(bench, n) for n in wanted})
        with mp.Pool(jobs) as pool:
            return dict(zip(wanted, pool.map(found_authors, wanted, chunksize=8)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", type=Path, nargs="?", default=Path("../shared/bench"))
    parser.add_argument("--only", help="a regex on the input names")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", help="print the pages that are not right of the rules this regex matches")
    args = parser.parse_args()
    rows = load_manifest(args.bench, args.only)
    gold = load_gold(args.bench, (row["doc"] for row in rows))
    doc_of = {row["name"]: row["doc"] for row in rows}
    training = {row["name"] for row in rows if not gold[row["doc"]]["heldout"]}
    by_variant = defaultdict(list)
    for row in rows:
        by_variant[row["variant"]].append(row["name"])
    counts = defaultdict(lambda: defaultdict(int))
    shown = []
    for variant, names in sorted(by_variant.items()):
        for name, found in run_variant(args.bench, names, training, args.jobs).items():
            g = gold[doc_of[name]]
            authors, rule = found or ((), None)
            gold_names = {normalise_name(a) for a in g.get("authors") or []} - {""}
            scored = g["answerable"]["authors"]
            c = counts[(rule or "(none)", variant)]
            c["pages"] += 1
            if scored:
                f1 = authors_f1(g["authors"], list(authors))
                c["scored"] += 1
                c["right" if f1 == 1 else "wrong" if f1 == 0 else "partly"] += 1
            if authors and gold_names and not gold_names & {normalise_name(a) for a in authors}:
                c["no right name"] += 1
            if authors and not gold_names:
                c["gold none"] += 1
            if args.show and re.search(args.show, rule or "(none)") and not (scored and f1 == 1):
                shown.append(f"{rule or '(none)'} | {name}: {list(authors)} gold {g.get('authors')}{'' if scored else ' (not scored)'}")
    variants = sorted(by_variant)
    print(f"{'rule':32} {'variant':7} {'fired':>5} {'scored':>6} {'right':>5} {'partly':>6} {'wrong':>5}"
          f" {'prec':>5} {'no right name':>13} {'gold none':>9}")
    for rule in sorted({r for r, _ in counts}, key=lambda r: (r == "(none)", r)):
        for variant in variants:
            c = counts.get((rule, variant))
            if not c:
                continue
            fired = c["pages"] if rule != "(none)" else 0
            precision = c["right"] / c["scored"] if c["scored"] else float("nan")
            print(f"{rule[:32]:32} {variant:7} {fired:5} {c['scored']:6} {c['right']:5} {c['partly']:6} {c['wrong']:5}"
                  f" {precision:5.2f} {c['no right name']:13} {c['gold none']:9}")
    for line in shown:
        print(line)


if __name__ == "__main__":
    main()

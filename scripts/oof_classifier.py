#!/usr/bin/env python3
"""Out-of-fold body scores of the block model: every training page read by a model that never saw
its site.

Usage: nice -n 5 python scripts/oof_classifier.py ../shared/bench [--data out/classifier_data.pkl]
       [--probs out/oof_probs.pkl] [--predictions out/oof_pred.jsonl] [--jobs 2] [--threshold wrapped=0.35]
       [--seed 7 | --seed 7,11,13]

The shipped model was fit on every training page, so the bench's training rows flatter it; its
validation fold (``meta["validation_body_f1"]``) is one fifth of the sites. Here the training sites
are cut into five folds by the same hash as that validation fold (``fold_of(site, "validation",
5)``, fold 0 is it), and each fold is read by both stages fit on the four others
(``oof_probabilities``). The pipeline then runs over
the training pages of wet, lynx and crop with those probabilities in place of the shipped model's,
with the shipped model's thresholds, smoothing and every rule of ``classify_blocks`` after it, and
the bench's scorer reads the records. Held-out pages are never fitted on nor scored
(``classifier_data.py`` skips them); they go through the pipeline, read by the shipped model,
only so that the batch's line counts are those the data was built with. ``--data`` must come from
the code being measured: a training page whose features changed since is read by the shipped
model, which saw it (``StoredModel``). The probabilities are cached in ``--probs``, with the
hash of the ``--data`` they came from, for each seed; ``--predictions`` gets the records' scored
fields (``normalizer eval``'s format), for page-by-page comparisons. ``--seed 7,11,13`` reads every
page by the average of the seeds' stage-two probabilities, as an ensemble of those models would.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from classifier_data import fold_of  # noqa: E402
from train_classifier import (FITTED_VARIANTS, PARAMS, STAGE2, STAGE2_ROUNDS, fit, page_slices, rows_of,  # noqa: E402
                              stage2_matrix)

import normalizer.classify as classify  # noqa: E402
from normalizer.evaluate import format_table, load_gold, load_manifest, predict, score_table  # noqa: E402
from normalizer.line_model import shipped_model  # noqa: E402

FOLDS = 5


def oof_probabilities(data: dict, seed: int = PARAMS["seed"]) -> np.ndarray:
    """Stage two's probability of every block from models fit on the other folds' sites.

    Stage one is fit once per fold (five fits, not twenty: a fold's own three-fold stage one, as
    ``train_classifier.py`` does it, would cost fifteen more): every block's stage-one probability
    comes from the model that did not see its fold, and stage two of fold ``f`` learns from the
    other folds' probabilities. Those came from models that saw fold ``f``'s sites, which tells
    stage two nothing of fold ``f``'s labels beyond what stage one's probabilities carry; the
    probabilities it reads on fold ``f`` itself are out of fold, as at run time. ``seed`` is
    LightGBM's (bagging and feature sampling): it alone moves lynx body_f1 by about 0.004, so a
    change to the features is judged over a few seeds."""
    x, y = data["X"], (data["share"] >= 0.5).astype(np.int8)
    sites = np.array([data["pages"][i]["site"] for i in data["page"]])
    folds = np.array([fold_of(s, "validation", FOLDS) for s in sites])
    p1 = np.zeros(len(y))
    for f in range(FOLDS):
        test = folds == f
        p1[test] = fit(x[~test], y[~test], params={**PARAMS, "seed": seed}).predict(x[test])
        print(f"stage one, fold {f}", file=sys.stderr)
    x2 = stage2_matrix(x, p1, page_slices(data["page"]))
    p2 = np.zeros(len(y))
    for f in range(FOLDS):
        test = folds == f
        p2[test] = fit(x2[~test], y[~test], STAGE2_ROUNDS, {**STAGE2, "seed": seed}).predict(x2[test])
    return p2


def _key(x: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(x, dtype=np.float32).tobytes()).hexdigest()


class StoredModel:
    """The shipped model, with the stored probabilities of the pages whose feature matrix it has.
    A page without them is read by the shipped model: held-out pages are (they go through only for
    the batch's line counts), and so would a training page whose features changed since ``--data``
    was built, read by a model that saw it. So ``--data`` must be built by the code being measured
    (``train_classifier.py --rebuild``)."""

    def __init__(self, model, probs: dict[str, np.ndarray]):
        self.model, self.meta, self.probs = model, model.meta, probs

    def body_probability(self, x: np.ndarray) -> np.ndarray:
        stored = self.probs.get(_key(x))
        return self.model.body_probability(x) if stored is None else stored


def stored_probabilities(data: dict, data_hash: str, cache: Path, seeds: list[int]) -> dict[str, np.ndarray]:
    """Each training page's out-of-fold probabilities by its feature matrix's key, averaged over
    ``seeds``. Each seed's come from ``cache`` when it holds them for the same data, else they are
    computed (``oof_probabilities``) and added to it."""
    cached = pickle.loads(cache.read_bytes()) if cache.exists() else None
    by_seed = cached["by_seed"] if cached is not None and cached["data"] == data_hash and "by_seed" in cached else {}
    missing = [s for s in seeds if s not in by_seed]
    if missing:
        fitted = rows_of(data, np.array([data["pages"][i]["variant"] in FITTED_VARIANTS for i in data["page"]]))
        slices = page_slices(fitted["page"])
        for seed in missing:
            p2 = oof_probabilities(fitted, seed)
            by_seed[seed] = {_key(fitted["X"][s:e]): p2[s:e] for s, e in slices}
        cache.write_bytes(pickle.dumps({"data": data_hash, "by_seed": by_seed}))
    return {key: np.mean([by_seed[s][key] for s in seeds], axis=0) for key in by_seed[seeds[0]]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench", type=Path)
    ap.add_argument("--data", type=Path, default=Path("out/classifier_data.pkl"))
    ap.add_argument("--probs", type=Path, default=Path("out/oof_probs.pkl"))
    ap.add_argument("--predictions", type=Path)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--seed", default=str(PARAMS["seed"]),
                    help="LightGBM's seed for the fold models; several, comma-separated: their probabilities averaged")
    ap.add_argument("--threshold", action="append", default=[], metavar="KIND=VALUE",
                    help="read pages of this kind (classify.page_kind) at another threshold than the shipped one")
    args = ap.parse_args()
    raw = args.data.read_bytes()
    data = pickle.loads(raw)
    seeds = [int(s) for s in args.seed.split(",")]
    probs = stored_probabilities(data, hashlib.sha256(raw).hexdigest(), args.probs, seeds)
    names = {p["name"] for p in data["pages"] if p["variant"] in FITTED_VARIANTS}
    del raw, data  # the block data is not needed while the pipeline runs
    # every page of a variant goes through the pipeline, held-out ones too (read by the shipped
    # model, never scored): the batch's line counts, and so the features, are those the data was built with
    batches = [r for r in load_manifest(args.bench) if r["variant"] in FITTED_VARIANTS]
    rows = [r for r in batches if r["name"] in names]
    model = StoredModel(shipped_model(), probs)
    model.meta = {**model.meta, "thresholds": {**model.meta["thresholds"],
                                               **{k: float(v) for k, v in (t.split("=") for t in args.threshold)}}}
    classify.shipped_model = lambda: model
    predictions = {}
    for p in predict(args.bench, [r["name"] for r in batches], jobs=args.jobs):
        if isinstance(p, dict):
            predictions[p["name"]] = p
    predictions = {name: p for name, p in predictions.items() if name in names}
    if args.predictions:
        with open(args.predictions, "w", encoding="utf-8") as out:
            for p in predictions.values():
                out.write(json.dumps(p, ensure_ascii=False) + "\n")
    table = score_table(rows, load_gold(args.bench, (r["doc"] for r in rows)), predictions, jobs=args.jobs)
    print(format_table(table))


if __name__ == "__main__":
    main()

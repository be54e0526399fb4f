"""The learned block model: two gradient-boosted tree ensembles evaluated in plain numpy.

Stage one reads a block's own features (``features.py``); stage two reads those again plus the
stage-one probabilities of the blocks around it and of the page's most probable run, so that a
short line is judged by what surrounds it (a subheading between two paragraphs of the article, a
teaser among links). The ensembles were trained by ``scripts/train_classifier.py`` with LightGBM
and exported as flat node arrays (``data/line_model.npz``, its provenance in the file's ``meta``);
evaluating them needs numpy only (``trees.TreeEnsemble``).
"""
from __future__ import annotations

import json
import warnings
from functools import lru_cache
from importlib import resources

import numpy as np

from .features import FEATURE_NAMES, max_sum_run, window_sum
from .trees import TreeEnsemble

MODEL_FILE = "data/line_model.npz"
_LOG_TOKENS = FEATURE_NAMES.index("log_tokens")

STAGE2_EXTRA = ([f"p1@{k:+d}" for k in range(-3, 4)]
                + ["p1_win2", "p1_win5", "p1_win10", "p1_tokwin3", "p1_page_mean", "p1_rank",
                   "p1run_in", "p1run_dist", "p1run_share", "p1_before_max", "p1_after_max"])


def stage2_features(x: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """Stage one's features of a page plus what its probabilities say around each block."""
    n = len(p1)
    if n == 0:
        return np.zeros((0, x.shape[1] + len(STAGE2_EXTRA)), dtype=np.float32)
    tokens = np.expm1(x[:, _LOG_TOKENS].astype(np.float64))
    shifted = []
    for k in range(-3, 4):
        col = np.full(n, -1.0)
        if k < 0 and -k < n:
            col[-k:] = p1[:k]
        elif k > 0 and k < n:
            col[:-k] = p1[k:]
        elif k == 0:
            col[:] = p1
        shifted.append(col)
    first, last = max_sum_run((p1 - 0.5) * np.sqrt(tokens + 1))
    idx = np.arange(n)
    inside = (idx >= first) & (idx <= last)
    dist = np.maximum(np.maximum(first - idx, idx - last), 0)
    total = max(float(tokens.sum()), 1.0)
    weighted = window_sum(p1 * tokens, 3) / np.maximum(window_sum(tokens, 3), 1)
    rank = np.empty(n)
    rank[np.argsort(-p1, kind="stable")] = np.arange(n)
    before_max = np.maximum.accumulate(np.concatenate(([0.0], p1[:-1])))
    after_max = np.maximum.accumulate(np.concatenate((p1[1:], [0.0]))[::-1])[::-1]
    extra = shifted + [
        window_sum(p1, 2) / 5, window_sum(p1, 5) / 11, window_sum(p1, 10) / 21, weighted,
        np.full(n, p1.mean()), rank / n, inside.astype(np.float64), np.log1p(dist),
        np.full(n, float(tokens[first:last + 1].sum()) / total), before_max, after_max,
    ]
    # filled in place: stacking a float32 matrix with float64 columns would make a float64 copy
    out = np.empty((n, x.shape[1] + len(extra)), dtype=np.float32)
    out[:, :x.shape[1]] = x
    out[:, x.shape[1]:] = np.column_stack(extra)
    return out


class LineModel:
    """Both stages, the decision threshold and the smoothing settings, with their provenance."""

    def __init__(self, stage1: TreeEnsemble, stage2: TreeEnsemble, meta: dict):
        self.stage1 = stage1
        self.stage2 = stage2
        self.meta = meta
        self.threshold = float(meta["threshold"])

    def body_probability(self, x: np.ndarray) -> np.ndarray:
        p1 = self.stage1.proba(x)
        return self.stage2.proba(stage2_features(x, p1))

    def save(self, path) -> None:
        arrays = {**self.stage1.arrays("s1"), **self.stage2.arrays("s2")}
        np.savez_compressed(path, meta=np.array(json.dumps(self.meta, ensure_ascii=False)), **arrays)

    @classmethod
    def load(cls, path) -> "LineModel":
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls(TreeEnsemble.from_arrays(data, "s1"), TreeEnsemble.from_arrays(data, "s2"), meta)


@lru_cache(maxsize=1)
def shipped_model() -> LineModel | None:
    """The model in ``data/line_model.npz``, or None when none is shipped (then rules decide)."""
    ref = resources.files(__package__).joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path:
        model = LineModel.load(path)
    if model.meta.get("features") != FEATURE_NAMES:
        # a model for other features would read the wrong columns: warn, and let the rules decide
        warnings.warn("data/line_model.npz was trained on other features than features.py computes: "
                      "the classifier falls back to its rules; run scripts/train_classifier.py", RuntimeWarning)
        return None
    return model

"""The learned block model: two gradient-boosted tree ensembles evaluated in plain numpy.

Stage one reads a block's own features (``features.py``); stage two reads those again plus the
stage-one probabilities of the blocks around it and of the page's most probable run, so that a
short line is judged by what surrounds it (a subheading between two paragraphs of the article, a
teaser among links). The ensembles were trained by ``scripts/train_classifier.py`` with LightGBM
and exported as flat node arrays (``data/line_model.npz``, its provenance in the file's ``meta``);
evaluating them needs numpy only: all trees of a stage walk a chunk of up to ``CHUNK_ROWS``
blocks at once, one array step per tree level (memory stays a few MB whatever the page's size).
"""
from __future__ import annotations

import json
import warnings
from functools import lru_cache
from importlib import resources

import numpy as np

from .features import FEATURE_NAMES, max_sum_run, window_sum

MODEL_FILE = "data/line_model.npz"
CHUNK_ROWS = 2048  # blocks walked at once: (trees, rows) arrays stay a few MB, whatever the page
_LOG_TOKENS = FEATURE_NAMES.index("log_tokens")

STAGE2_EXTRA = ([f"p1@{k:+d}" for k in range(-3, 4)]
                + ["p1_win2", "p1_win5", "p1_win10", "p1_tokwin3", "p1_page_mean", "p1_rank",
                   "p1run_in", "p1run_dist", "p1run_share", "p1_before_max", "p1_after_max"])


class TreeEnsemble:
    """A sum of binary decision trees over a feature matrix (LightGBM's raw score)."""

    def __init__(self, feature, threshold, left, right, value, roots, depth, base=0.0):
        self.feature = np.asarray(feature, dtype=np.int64)
        self.threshold = np.asarray(threshold, dtype=np.float64)
        self.left = np.asarray(left, dtype=np.int64)
        self.right = np.asarray(right, dtype=np.int64)
        self.value = np.asarray(value, dtype=np.float64)
        self.roots = np.asarray(roots, dtype=np.int64)
        self.depth = int(depth)
        self.base = float(base)
        # The walk keeps, per tree and block, twice the node's index: then the node's two children
        # sit at 2 * node and 2 * node + 1 of one array (``_child2``, itself holding doubled
        # indices), and a step is "add the comparison, look up the child". The node's feature and
        # threshold are stored at the even places to be read with the same doubled index.
        self._child2 = (2 * np.stack([self.left, self.right], axis=1).ravel()).astype(np.intp)
        self._feature2 = np.repeat(self.feature, 2).astype(np.intp)
        # The features come as float32 (``features.py``): x > t in float64 is x > t' in float32, t'
        # the largest float32 not above t; comparing in float32 saves converting the matrix.
        below = self.threshold.astype(np.float32)
        below = np.where(below > self.threshold, np.nextafter(below, np.float32(-np.inf)), below)
        self._threshold2 = np.repeat(below, 2)
        self._value2 = np.repeat(self.value, 2)
        self._roots2 = 2 * self.roots.astype(np.intp)

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The summed leaf values of every row of ``x``, a chunk of rows at a time: a walk holds a
        few (trees, rows) arrays, which for all rows of a huge page would be many times the
        features' size."""
        n = x.shape[0]
        out = np.empty(n)
        for start in range(0, n, CHUNK_ROWS):
            out[start:start + CHUNK_ROWS] = self._raw(x[start:start + CHUNK_ROWS])
        return out

    def _raw(self, x: np.ndarray) -> np.ndarray:
        """All trees walk all rows of ``x`` at once, one array step per tree level. Leaves point
        to themselves, so every row can take ``depth`` steps whatever the depth of its leaf."""
        n = x.shape[0]
        by_feature = np.ascontiguousarray(x.T, dtype=np.float32).ravel()      # feature-major
        offset = self._feature2 * n                                          # a node's column in it
        column = np.arange(n, dtype=np.intp)
        at = np.repeat(self._roots2[:, None], n, axis=1)                     # (trees, rows)
        where = np.empty_like(at)
        seen = np.empty(at.shape, dtype=np.float32)
        limit = np.empty(at.shape, dtype=np.float32)
        go_right = np.empty(at.shape, dtype=bool)
        for _ in range(self.depth):
            np.take(offset, at, out=where, mode="clip")
            where += column
            np.take(by_feature, where, out=seen, mode="clip")
            np.take(self._threshold2, at, out=limit, mode="clip")
            np.greater(seen, limit, out=go_right)
            at += go_right
            np.take(self._child2, at, out=at, mode="clip")
        return self._value2[at].sum(axis=0) + self.base

    def proba(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw(x)))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}_feature": self.feature.astype(np.int16), f"{prefix}_threshold": self.threshold,
                f"{prefix}_left": self.left.astype(np.int32), f"{prefix}_right": self.right.astype(np.int32),
                f"{prefix}_value": self.value, f"{prefix}_roots": self.roots.astype(np.int32),
                f"{prefix}_depth": np.array(self.depth), f"{prefix}_base": np.array(self.base)}

    @classmethod
    def from_arrays(cls, data, prefix: str) -> "TreeEnsemble":
        return cls(*(data[f"{prefix}_{k}"] for k in ("feature", "threshold", "left", "right", "value", "roots")),
                   int(data[f"{prefix}_depth"]), float(data[f"{prefix}_base"]))


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

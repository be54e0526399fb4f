"""Gradient-boosted tree ensembles, trained with LightGBM by the scripts in ``scripts/`` and
evaluated here in plain numpy, so that running the models needs no LightGBM.

All trees walk a chunk of up to ``CHUNK_ROWS`` rows at once, one array step per tree level:
memory stays a few MB whatever the number of rows.
"""
from __future__ import annotations

import numpy as np

CHUNK_ROWS = 2048  # rows walked at once: (trees, rows) arrays stay a few MB, whatever the page


def _below_in_float32(threshold: np.ndarray) -> np.ndarray:
    """Each threshold as the largest float32 not above it (a leaf's "never", 1e308, becomes inf)."""
    with np.errstate(over="ignore"):
        below = threshold.astype(np.float32)
    return np.where(below > threshold, np.nextafter(below, np.float32(-np.inf)), below)


class TreeEnsemble:
    """A sum of binary decision trees over a feature matrix (LightGBM's raw score)."""

    @classmethod
    def from_lightgbm(cls, dump: dict) -> "TreeEnsemble":
        """The trees of a LightGBM ``Booster.dump_model()`` as flat node arrays (leaves loop onto
        themselves, so every row can walk the same number of steps)."""
        feature, threshold, left, right, value, roots = [], [], [], [], [], []
        depth = 0

        def add(node: dict, level: int) -> int:
            nonlocal depth
            me = len(feature)
            feature.append(0), threshold.append(np.inf), left.append(me), right.append(me), value.append(0.0)
            if "leaf_value" in node:
                value[me] = node["leaf_value"]
                depth = max(depth, level)
                return me
            assert node["decision_type"] == "<=" and node.get("missing_type") in ("None", None), node
            feature[me], threshold[me] = node["split_feature"], node["threshold"]
            left[me] = add(node["left_child"], level + 1)
            right[me] = add(node["right_child"], level + 1)
            return me

        for tree in dump["tree_info"]:
            roots.append(add(tree["tree_structure"], 0))
        return cls(feature, threshold, left, right, value, roots, depth)

    def to_json(self) -> dict:
        return {"feature": self.feature.tolist(),
                "threshold": [float(t) if np.isfinite(t) else 1e308 for t in self.threshold],
                "left": self.left.tolist(), "right": self.right.tolist(), "value": self.value.tolist(),
                "roots": self.roots.tolist(), "depth": self.depth, "base": self.base}

    @classmethod
    def from_json(cls, data: dict) -> "TreeEnsemble":
        return cls(data["feature"], data["threshold"], data["left"], data["right"], data["value"], data["roots"],
                   data["depth"], data["base"])

    def __init__(self, feature, threshold, left, right, value, roots, depth, base=0.0):
        self.feature = np.asarray(feature, dtype=np.int64)
        self.threshold = np.asarray(threshold, dtype=np.float64)
        self.left = np.asarray(left, dtype=np.int64)
        self.right = np.asarray(right, dtype=np.int64)
        self.value = np.asarray(value, dtype=np.float64)
        self.roots = np.asarray(roots, dtype=np.int64)
        self.depth = int(depth)
        self.base = float(base)
        # The walk reads each tree as a perfect binary tree, level by level: a node's two children
        # sit at 2 * i and 2 * i + 1 of the next level's arrays (tree t's nodes of level L from
        # t * 2**L on), so a step is "double the index, add the comparison", with no child array to
        # look up (a quarter of the walk's array lookups, which were an eighth of a text page's
        # instructions). A leaf above the last level stands in for all of its places below (a
        # leaf's children are itself: feature 0, threshold "never"), so every row takes ``depth``
        # steps. The levels hold trees x 2**depth nodes: the models are trained with depths of 6
        # and 8.
        node = self.roots
        self._level_features, thresholds = [], []
        for _ in range(self.depth):
            self._level_features.append(self.feature[node].astype(np.intp))
            thresholds.append(self.threshold[node])
            node = np.stack([self.left[node], self.right[node]], axis=1).ravel()
        self._leaf_values = self.value[node]
        # Rows compare in their own precision. For float32 rows (``features.py``), x > t in
        # float64 is x > t' in float32, t' the largest float32 not above t; comparing in float32
        # saves converting the matrix. Other rows compare in float64, exactly as trained.
        self._level_thresholds = {np.dtype(np.float64): thresholds,
                                  np.dtype(np.float32): [_below_in_float32(t) for t in thresholds]}

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
        """All trees walk all rows of ``x`` at once, one array step per tree level."""
        n = x.shape[0]
        dtype = np.dtype(np.float32 if x.dtype == np.float32 else np.float64)
        by_feature = np.ascontiguousarray(x.T, dtype=dtype).ravel()           # feature-major
        column = np.arange(n, dtype=np.intp)
        at = np.repeat(np.arange(len(self.roots), dtype=np.intp)[:, None], n, axis=1)  # (trees, rows)
        where = np.empty_like(at)
        seen = np.empty(at.shape, dtype=dtype)
        limit = np.empty(at.shape, dtype=dtype)
        go_right = np.empty(at.shape, dtype=bool)
        for feature, threshold in zip(self._level_features, self._level_thresholds[dtype]):
            np.take(feature * n, at, out=where, mode="clip")                 # the node's column in it
            where += column
            np.take(by_feature, where, out=seen, mode="clip")
            np.take(threshold, at, out=limit, mode="clip")
            np.greater(seen, limit, out=go_right)
            at <<= 1
            at += go_right
        return self._leaf_values[at].sum(axis=0) + self.base

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

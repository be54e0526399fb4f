"""Options of a run, in one immutable value passed down to the steps (never global state)."""
from __future__ import annotations

from typing import NamedTuple


class NormalizerConfig(NamedTuple):
    # inputs larger than this (after decompression) are rejected as `too_large`, read no further
    max_input_bytes: int = 20 * 1024 * 1024


DEFAULT_CONFIG = NormalizerConfig()

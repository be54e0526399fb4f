"""What every step is given besides the document: the run's options and the batch's statistics."""
from __future__ import annotations

from typing import NamedTuple

from .batch import EMPTY_BATCH, BatchStats
from .config import DEFAULT_CONFIG, NormalizerConfig


class RunContext(NamedTuple):
    config: NormalizerConfig = DEFAULT_CONFIG
    batch: BatchStats = EMPTY_BATCH


DEFAULT_CONTEXT = RunContext()

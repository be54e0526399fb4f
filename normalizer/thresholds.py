"""The hand-set thresholds of the cleaning and metadata steps, kept as data: ``data/<step>_thresholds.json``.

Each file gives every value under its name and, beside it, an ``_``-named note on what it decides
and where it came from. A module names the values it uses as constants (``PROSE_TOKENS =
THRESHOLDS["prose_tokens"]``), so its code reads the same, and retuning one is a change of data.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def step_thresholds(step: str) -> dict:
    """``data/<step>_thresholds.json``: the step's thresholds, with the notes on them; read once
    (classify and its features share a file). Read-only: the modules copy the values they use."""
    text = resources.files(__package__).joinpath(f"data/{step}_thresholds.json").read_text(encoding="utf-8")
    return json.loads(text)

"""A text's code points as a numpy array: what the table lookups over characters read.

Repair (signs of mojibake), the batch's line keys and the block features each classify every
character of a page. One lookup in a 65,536-entry table per code point, done by numpy over the
whole page, is several times quicker than a regular expression asking a set of characters at every
place; these arrays are what those lookups index, with ``np.take`` (half the time of indexing the
table with the array, ``table[cp]``, which goes through numpy's general fancy indexing).
"""
from __future__ import annotations

import numpy as np


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (``uint32``), one per character. A lone surrogate, which a
    page's bytes can carry through decoding, is kept as its code point instead of failing."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)

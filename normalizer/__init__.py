"""normalizer: scraped news pages (plain text or HTML) to clean, validated archive records."""
from __future__ import annotations

__version__ = "0.1.0"

from .api import normalize  # noqa: E402

__all__ = ["normalize", "__version__"]

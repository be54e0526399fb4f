"""normalizer: scraped news pages (plain text or HTML) to clean, validated archive records."""
from __future__ import annotations

# raised whenever records change for the same input: byte-identical records are promised per version
__version__ = "0.16.0"

from .api import normalize  # noqa: E402

__all__ = ["normalize", "__version__"]

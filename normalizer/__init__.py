"""normalizer: scraped news pages (plain text or HTML) to clean, validated archive records."""
from __future__ import annotations

# raised whenever records change for the same input: byte-identical records are promised per version
__version__ = "0.16.0"

__all__ = ["normalize", "__version__"]


def __getattr__(name: str):
    """``normalizer.normalize``, imported when first asked for: it loads the pipeline's libraries
    (numpy, trafilatura, ...), about a second, which the command line does under its own guard
    (``__main__.main``) so that a Ctrl-C then is one line, not a traceback."""
    if name == "normalize":
        from .api import normalize
        return normalize
    raise AttributeError(f"module 'normalizer' has no attribute {name!r}")

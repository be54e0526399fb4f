"""The held-out split of the dev bench, by site: see ``normalizer/bench_split.py``.

Usage: python scripts/bench_split.py [BENCH_DIR]   (prints the number of held-out docs)
"""
import sys
from pathlib import Path

from normalizer.bench_split import heldout_docs

if __name__ == "__main__":
    held = heldout_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench"))
    print(len(held), "held-out docs")

"""Where the dev bench stands for the tests that read it: beside the repository's checkout, as
``../shared/bench`` (the tests that need it are skipped where it is not)."""
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"

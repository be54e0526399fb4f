"""``python -m normalizer``: the same command as ``normalizer``."""
from .cli import app

if __name__ == "__main__":
    app(prog_name="normalizer")

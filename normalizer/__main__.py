"""``normalizer`` and ``python -m normalizer``: the command line."""
import sys


def main() -> None:
    """Load the command line and run it. Loading takes about a second (numpy, lxml, trafilatura):
    a Ctrl-C then stops it with one line and status 130, as it does a running command, not with
    the traceback of whatever module was being imported."""
    try:
        from .cli import app
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    app(prog_name="normalizer")


if __name__ == "__main__":
    main()

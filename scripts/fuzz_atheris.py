"""Long fuzzing runs of the normalizer: coverage-guided with atheris, or plain random mutation.

The suite's property tests (``tests/test_fuzz.py``) run a hundred examples or so; this script
runs for as long as you give it. Each input goes through one of:

- ``normalize`` as a text page and as an HTML page: no exception but ``InputRejected``, the
  record validates against ``record.schema.json``, and normalizing again gives the same JSON;
- the WARC reader and the JSONL reader (the bytes as a container file): no exception at all,
  each page they yield normalized as above.

Run it (from the repository root)::

    python scripts/fuzz_atheris.py -max_total_time=3600 -rss_limit_mb=4096 fuzz-corpus/  # atheris
    python scripts/fuzz_atheris.py --plain --seconds 3600               # no atheris: random mutation

With atheris (``pip install atheris``: it installs on Python 3.11 here, as a wheel), the
arguments are libFuzzer's (``-max_total_time``, ``-jobs``, ``-dict``, a corpus folder that it
grows); the seed pages are added to the corpus, and a crashing input is written by libFuzzer as
``crash-<sha1>``. Under atheris the process grows by some hundred MB an hour (its coverage
maps; a plain run stays flat at about 230 MB), hence ``-rss_limit_mb``. Without atheris, or with ``--plain``, the seed pages are mutated at random (bytes
inserted, deleted, repeated, flipped, tokens that break parsers dropped in) with ``--seed``, and
each crashing input is saved to ``fuzz-crashes/`` with its traceback. Replay one with
``python scripts/fuzz_atheris.py --replay FILE``.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
TOKENS = [b"\x00", b"\r", b"\r\n", b"\n\n\n", b"<p>", b"</div>", b"<script>", b"<!--", b"]]>", b"&amp;", b"&#0;",
          b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", "😀👩‍👩‍👧".encode(), "\u202e\u200f".encode(),
          b"\t", b"    ", b"http://", b"By ", b"Published ", b"\xc3", b"\x1b[31m", b"\x85", b"\xe2\x80\xa8",
          "Пра́вда 東京 مرحبا".encode(), b"* ", b"1. ", b"|", b"...", b"\xa0", b"<meta charset=utf-16>",
          b"WARC/1.0\r\n", b"WARC-Type: response\r\n", b"Content-Length: 99999999\r\n", b'{"text": "', b'"}\n']


def check_page(data: bytes, fmt: str, source: dict | None = None) -> None:
    """Normalize one page twice: a valid record both times and the same one, or a rejection."""
    from normalizer.document import Document, InputRejected
    from normalizer.pipeline import normalize_document
    from normalizer.validate import schema_problems

    def once() -> str:
        try:
            record = normalize_document(Document(raw=data, name="fuzzed", format=fmt, source=dict(source or {})))
        except InputRejected as rejected:
            return f"rejected: {rejected.reason}"
        problems = schema_problems(record, "record.schema.json")
        if problems:
            raise AssertionError(f"the record breaks the schema: {problems}")
        return record.to_json()
    first = once()
    if once() != first:
        raise AssertionError("the same input gave two different records")


def check_containers(data: bytes) -> None:
    """The bytes as a WARC file and as a JSONL file: every page read from them checked."""
    from normalizer.jsonl import read_jsonl
    from normalizer.warc import read_warc

    for pages in (read_warc(io.BytesIO(data), "fuzzed.warc", 1 << 20), read_jsonl(io.BytesIO(data), "fuzzed.jsonl", 1 << 20)):
        for page in pages:
            if hasattr(page, "raw"):
                check_page(page.raw, page.format, page.source)


def check(data: bytes) -> None:
    """One fuzzing input: its first byte chooses what it is fed to."""
    if not data:
        return
    choice, body = data[0] % 4, data[1:]
    if choice == 0:
        check_page(body, "text")
    elif choice == 1:
        check_page(body, "html")
    elif choice == 2:
        check_containers(body)
    else:  # a seed page with the input spliced into it: deep paths, not just the decoder's
        seed = SEEDS[body[0] % len(SEEDS)] if body else SEEDS[0]
        at = int.from_bytes(body[1:4] or b"\0", "big") % (len(seed) + 1)
        check_page(seed[:at] + body[4:] + seed[at:], "text" if data[0] & 4 else "html")


def mutate(rng: random.Random, data: bytes) -> bytes:
    """A few random edits of ``data`` (as tests/test_fuzz.py's ``mutated_seed``)."""
    page = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(page))
        edit = rng.choice(["insert", "delete", "repeat", "flip", "token", "cut"])
        if edit == "insert":
            page[at:at] = rng.randbytes(rng.randint(1, 64))
        elif edit == "delete":
            del page[at:at + rng.randint(1, 500)]
        elif edit == "repeat":
            page[at:at] = page[at:at + rng.randint(1, 300)] * rng.randint(2, 50)
        elif edit == "flip" and at < len(page):
            page[at] ^= 1 << rng.randint(0, 7)
        elif edit == "token":
            page[at:at] = rng.choice(TOKENS) * rng.randint(1, 20)
        elif edit == "cut":
            del page[at:]
    return bytes(page)


def plain_fuzz(seconds: float, seed: int, crashes: Path) -> int:
    """Random mutation of the seeds (no coverage guidance) for ``seconds``; returns the number of
    crashing inputs saved."""
    rng = random.Random(seed)
    started, runs, found = time.monotonic(), 0, 0
    while time.monotonic() - started < seconds:
        data = bytes([rng.randrange(256)]) + mutate(rng, rng.choice(SEEDS))
        runs += 1
        try:
            check(data)
        except Exception:
            found += 1
            crashes.mkdir(exist_ok=True)
            name = hashlib.sha1(data).hexdigest()
            (crashes / f"{name}.bin").write_bytes(data)
            (crashes / f"{name}.txt").write_text(traceback.format_exc())
            print(f"crash {name}: {traceback.format_exc().strip().splitlines()[-1]}", flush=True)
        if runs % 100 == 0:
            print(f"{runs} inputs, {found} crashes, {time.monotonic() - started:.0f} s", flush=True)
    print(f"done: {runs} inputs, {found} crashes (in {crashes}/)")
    return found


def atheris_fuzz(argv: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["normalizer"]):
        import normalizer.pipeline  # noqa: F401  (instrumented for coverage)
        import normalizer.jsonl  # noqa: F401
        import normalizer.warc  # noqa: F401
    corpus = [a for a in argv[1:] if not a.startswith("-")]
    if corpus:  # start from the seed pages, as text and as HTML
        folder = Path(corpus[0])
        folder.mkdir(parents=True, exist_ok=True)
        for n, page in enumerate(SEEDS):
            for choice in (0, 1, 3):
                (folder / f"seed-{n}-{choice}").write_bytes(bytes([choice]) + page)
    atheris.Setup(argv, check)
    atheris.Fuzz()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], add_help=True)
    parser.add_argument("--plain", action="store_true", help="random mutation, without atheris")
    parser.add_argument("--seconds", type=float, default=60, help="how long a plain run lasts")
    parser.add_argument("--seed", type=int, default=0, help="the random seed of a plain run")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"), help="where a plain run saves crashes")
    parser.add_argument("--replay", type=Path, help="run one saved input and show its traceback")
    args, rest = parser.parse_known_args()
    if args.replay:
        check(args.replay.read_bytes())
        print(f"{args.replay}: no failure")
        return
    if not args.plain:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed (pip install atheris): fuzzing by plain random mutation", file=sys.stderr)
        else:
            atheris_fuzz([sys.argv[0], *rest])
            return
    sys.exit(1 if plain_fuzz(args.seconds, args.seed, args.crashes) else 0)


if __name__ == "__main__":
    main()

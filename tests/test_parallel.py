"""``--jobs N`` gives the same records, byte for byte, as one job, whatever the order of the inputs."""
import random
from collections import Counter
from pathlib import Path

from normalizer import batch_run, decode
from normalizer.batch_run import Rejection, normalize_batch, normalize_batch_with_inputs
from normalizer.document import Document

ROOT = Path(__file__).parent.parent
SITE = "https://www.zamanalwsl.net/en/news/"


def inputs() -> list[Document]:
    """The seed pages, each also as a second page of one site (so lines repeat across the batch
    and pass one's counts matter), an HTML page, and inputs that are rejected."""
    docs = []
    for i, path in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        docs.append(Document(raw=path.read_bytes(), name=path.name, source={"url": f"{SITE}{i}.html"}))
        cut = b"\n".join(path.read_bytes().splitlines()[:40])
        docs.append(Document(raw=cut, name=f"cut-{path.name}", source={"url": f"{SITE}{i}-cut.html"}))
    html = (ROOT / "tests" / "pages" / "flood_barrier.html").read_bytes()
    docs.append(Document(raw=html, name="flood_barrier.html", format="html"))
    docs.append(Document(raw=b"", name="empty.txt"))
    docs.append(Document(raw=b"<html><body></body></html>", name="nothing.html", format="html"))
    return docs


def records(docs, jobs) -> dict[str, str]:
    results = {}
    for result in normalize_batch(lambda: iter(docs), jobs=jobs):
        results[result.name if isinstance(result, Rejection) else result["source"]["name"]] = (
            str(result) if isinstance(result, Rejection) else result.to_json())
    return results


def test_two_jobs_give_the_same_bytes_as_one_in_any_order():
    docs = inputs()
    one = records(docs, jobs=1)
    assert len(one) == len(docs)
    assert sum(1 for r in one.values() if r.startswith("{")) == len(docs) - 2  # the two empty ones rejected
    shuffled = docs[:]
    random.Random(6).shuffle(shuffled)
    assert records(shuffled, jobs=2) == one
    assert records(shuffled, jobs=1) == one


def test_results_come_in_input_order_paired_with_their_input():
    docs = inputs() + [Rejection("unreadable.txt", "unreadable", "permission denied")]
    pairs = list(normalize_batch_with_inputs(lambda: iter(docs), jobs=2))
    assert [doc.name if doc else None for doc, _ in pairs] == [d.name for d in docs[:-1]] + [None]
    assert pairs[-1][1] == docs[-1]


def test_a_page_pass_one_kept_is_not_read_again_and_gives_the_same_record(monkeypatch):
    docs = inputs()
    decoded = []
    real_decode_bytes = decode.decode_bytes

    def counted_decode_bytes(data, charset=None):
        decoded.append(data)
        return real_decode_bytes(data, charset)
    monkeypatch.setattr(decode, "decode_bytes", counted_decode_bytes)
    monkeypatch.setattr(batch_run, "KEEP_READING_AFTER", float("inf"))  # nothing kept: every page read twice
    read_twice = records(docs, jobs=1)
    assert len(decoded) == 2 * (len(docs) - 1)  # (the empty input is rejected before decoding)
    decoded.clear()
    monkeypatch.setattr(batch_run, "KEEP_READING_AFTER", -1.0)  # every page read once and kept
    assert records(docs, jobs=1) == read_twice
    # each page read once, but the empty one (never) and the one whose reading failed (trafilatura
    # found no content: nothing kept of it), read again by pass two to say why it is rejected
    nothing = next(doc.raw for doc in docs if doc.name == "nothing.html")
    assert decoded.count(nothing) == 2 and len(decoded) == len(docs)

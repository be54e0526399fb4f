"""``--jobs N`` gives the same records, byte for byte, as one job, whatever the order of the inputs."""
import random
from pathlib import Path

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

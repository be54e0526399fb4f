"""Memory stays flat in the size of a batch: inputs are read a bounded distance ahead of the
records written, and the batch's statistics keep 64-bit hashes of lines, never their texts."""
from pathlib import Path

from normalizer.batch_run import AHEAD, CHUNK, batch_context, normalize_batch_with_inputs
from normalizer.document import Document

SEED = (Path(__file__).parent.parent / "seeds" / "000_e95a843f5d48968b.txt").read_bytes()


class Reader:
    """A batch of pages made one at a time, noting how far reading ran ahead of the consumer."""

    def __init__(self, pages: int):
        self.pages, self.passes, self.consumed, self.most_ahead = pages, 0, 0, 0

    def __call__(self):
        self.passes += 1
        for i in range(self.pages):
            if self.passes == 2:  # pass two: the records come out as the pages go in
                self.most_ahead = max(self.most_ahead, i + 1 - self.consumed)
            yield Document(raw=SEED[: 2000 + 10 * i] + f"\nStory {i}.\n".encode(), name=f"{i}.txt",
                           source={"url": f"https://news.example/{i}"})


def test_reading_runs_a_bounded_distance_ahead_of_the_records():
    for jobs, bound in ((1, 1), (2, (AHEAD + 1) * CHUNK)):
        reader = Reader(pages=(AHEAD + 4) * CHUNK)
        for doc, record in normalize_batch_with_inputs(reader, jobs=jobs):
            reader.consumed += 1
        assert reader.consumed == reader.pages and reader.passes == 2
        assert reader.most_ahead <= bound


def test_the_batch_statistics_hold_hashes_not_texts():
    ctx = batch_context(Reader(pages=20))
    assert ctx.batch.repeated and all(type(k) is int and type(n) is int for k, n in ctx.batch.repeated.items())
    assert ctx.batch.pages_per_site == {"news.example": 20}
    assert ctx.batch.pages_with("news.example", SEED.decode().splitlines()[0]) == 20


def test_counts_spilled_to_disk_are_the_counts_kept_in_memory(monkeypatch):
    from normalizer.batch import KeyCounts, count_lines

    pages = [("a.org", [f"line {i % 7}", f"story {i}", "Home | News"]) for i in range(50)]
    in_memory = count_lines(pages)
    monkeypatch.setattr(KeyCounts, "SPILL", 10)  # every few pages to disk
    spilled = count_lines(pages)
    assert spilled == in_memory
    assert in_memory.pages_with("a.org", "home news") == 50 and in_memory.pages_with("a.org", "line 3") == 7
    assert in_memory.pages_with("a.org", "story 3") == 0 and len(in_memory.repeated) == 8

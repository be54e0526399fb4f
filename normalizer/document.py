"""The document that flows through the pipeline, and the blocks it is cut into.

A ``Document`` starts as raw bytes with a name; each step of ``pipeline.py`` fills in a little more
(decoded text, blocks, labels, metadata). Steps return a new ``Document`` (``dataclasses.replace``)
rather than editing the one they were given, so any intermediate state can be kept and shown
(``normalizer explain`` does exactly that).
"""
from __future__ import annotations

from dataclasses import dataclass, field


class InputRejected(Exception):
    """An input that cannot become a record. ``reason`` is one of ``reasons.REJECTION_REASONS``."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, init=False)
class Block:
    """One paragraph-sized unit of the page after hard wraps are repaired.

    ``text`` has no line breaks. ``first_line`` and ``last_line`` are 0-based indices into the
    document's ``lines`` (the text as read, before unwrapping), so a block can always be traced
    back to the lines it came from. ``reason`` is ``None`` when the block is part of the body,
    otherwise a key of ``reasons.REMOVAL_REASONS``.
    """

    text: str
    first_line: int
    last_line: int
    indent: int = 0
    bullet: bool = False
    reason: str | None = None

    def __init__(self, text: str, first_line: int, last_line: int, indent: int = 0, bullet: bool = False,
                 reason: str | None = None):
        # the fields set in one go: the frozen dataclass's own __init__ sets each through
        # object.__setattr__, and a page makes hundreds of blocks (a fifth of unwrap's time)
        self.__dict__.update(text=text, first_line=first_line, last_line=last_line, indent=indent, bullet=bullet,
                             reason=reason)

    @property
    def kept(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class Document:
    """An input on its way to becoming a record.

    ``source`` holds provenance that readers know (url, capture date, offset or record number in
    a container); it is copied into the record's ``source`` as it is.
    """

    raw: bytes
    name: str
    format: str = "text"  # "text" or "html"
    source: dict = field(default_factory=dict)
    encoding: str | None = None
    text: str = ""
    lines: tuple[str, ...] = ()
    repairs: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    # the column ``unwrap`` found the page hard-wrapped at; None: a line per block (or not unwrapped yet)
    wrap_width: int | None = None
    headline: str | None = None
    authors: tuple[str, ...] = ()
    # which rule of ``metadata.extract_metadata`` found the authors ("byline near the headline",
    # "page metadata", ...): not in the record; ``scripts/author_rules.py`` measures each rule by it
    authors_rule: str | None = None
    published: str | None = None
    published_raw: str | None = None
    updated: str | None = None
    keywords: tuple[str, ...] = ()
    section: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    # metadata the markup states (HTML: read by trafilatura's metadata functions); later steps may use it
    hints: dict = field(default_factory=dict)

    @property
    def body(self) -> str:
        """The clean body: one paragraph a line, paragraphs separated by one blank line."""
        return "\n\n".join(b.text for b in self.blocks if b.kept)

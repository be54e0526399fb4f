"""Step 4: decide for every block whether it is part of the article body, and if not, why.

Three parts, each replaceable on its own:

1. ``features.block_features``: about 150 numbers per block, computed for the whole page at once.
2. ``line_model``: a learned two-stage model gives each block a probability of being body; then
   ``decide_body`` smooths the decisions the way an article is laid out (mostly one run: a short
   gap inside the run is filled, a short block alone among boilerplate is dropped). The
   thresholds (one per page kind, ``page_kind``) and smoothing settings come with the model
   (chosen on validation pages, see its ``meta``).
3. ``removal_reasons``: a removed block gets the most specific reason the page gives: its own cue
   phrase ("Related articles", "© 2024"), the cue of the heading above it ("Comments" heads a
   comment form, "Read more" a list of teasers), its form ((BUTTON), text fields), a ticker's
   layout, repetition across the batch, a short title-like line set inside the article (a link
   to another story), an author's bio under it, excerpts of other stories cut short by an
   ellipsis, a second copy of text the page already showed, a run of doubted blocks set apart from
   the article, lynx's placeholders for frames and unnamed images; otherwise ``boilerplate`` for
   short non-prose and ``outside_article`` for prose outside the article.

Everything depends on the page alone plus the batch counts, so the result does not depend on the
order the pages come in.
"""
from __future__ import annotations

from dataclasses import replace
from operator import attrgetter
from typing import Iterator

import re
from collections import Counter

import numpy as np

from .context import RunContext
from .document import Block, Document
from .features import PageFeatures, block_features, max_sum_run
from .line_model import shipped_model
from .phrases import is_label, opens_like_a_bio, opens_like_alt_text
from .thresholds import step_thresholds

# hand-set thresholds; what each means, and where it came from, is said in the file
THRESHOLDS = step_thresholds("classify")
SMOOTHING_DEFAULTS = THRESHOLDS["smoothing_defaults"]  # for a model whose meta lacks them
TINY_PAGE_BLOCKS = THRESHOLDS["tiny_page_blocks"]  # pages this small never come out empty when they hold prose
PROSE_TOKENS = THRESHOLDS["prose_tokens"]  # a removed block this long and sentence-like is prose outside the article
HEADING_REACH = THRESHOLDS["heading_reach"]  # how many removed blocks a heading cue ("Related articles") speaks for
TITLE_CASE_SHARE = THRESHOLDS["title_case_share"]  # share of capitalised words that makes a line title-case
TITLE_CASE_WORDS = THRESHOLDS["title_case_words"]  # a line of fewer words is never title-case
# a shorter block that does not read as a sentence is a title-like line: a link or a subheading
SHORT_LINE_TOKENS = THRESHOLDS["short_line_tokens"]
REPEATED_PAGES = THRESHOLDS["repeated_pages"]  # a line on this many pages of the site in the batch is repeated
BIO_TAIL = THRESHOLDS["bio_tail"]  # an author's bio is looked for among the article's last kept blocks
# a run of kept blocks at least this long (blocks and tokens) that the page already showed in the
# same order is a second copy of the text (``_second_copies``)
COPY_BLOCKS, COPY_TOKENS = THRESHOLDS["copy_blocks"], THRESHOLDS["copy_tokens"]
# a run of kept blocks at least this many removed blocks away from the page's longest run, at most
# this share of its tokens and, weighted by tokens, less likely than this, is not the article
# (``_detached_runs``)
DETACHED_GAP, DETACHED_SHARE, DETACHED_PROBABILITY = (THRESHOLDS["detached_gap"], THRESHOLDS["detached_share"],
                                                      THRESHOLDS["detached_probability"])
_WIDE_GAP = re.compile(r"\s{3,}")
# an excerpt cut short: a word, then an ellipsis ("... solicit sex fro...", "... on business, law…", "[…]")
_ELLIPSES = ("...", "…", "...]", "…]")
# what lynx prints for an embedded frame ("IFRAME: https://www.youtube.com/embed/...") and for an
# image with no alt text (its file name, perhaps with a query, or its resizer's URL, "[block-diagram.png]",
# "[0*vGxs86f0dmFewdXV.jpg?q=20]", "[dims?thumbnail=130%2C87&...]"): a placeholder, never the
# article's words (no gold body of the dev set holds ".jpg?" or the like). Alt texts in brackets
# ("[figure SG04: each repo ...]", "[Mapper]") are left to the model: the gold keeps some. Linear:
# no "[" inside a name (a search from every "[" of "[a [a [a ..." stops at the next), and a bracket is
# read once, up to its first image extension, then to its "]" with no way back (atomic group,
# possessive run): with backtracking "[.png?.png?.png?..." was tried from each ".png" (quadratic).
IMAGE_NAME = r"\[(?>[^][]*?(?:\.(?:jpe?g|png|gif|webp|svg|bmp|avif)(?=[?\]])|%2[CF]))[^][]*+\]"
_LYNX_PLACEHOLDER = re.compile(r"IFRAME:(?: |$)|" + IMAGE_NAME + "$", re.IGNORECASE)
# lynx's marks inside a kept block, cut out of its text (``_without_lynx_marks``): the same names
# ("[2025_229p_dog_training_leash.png] In dog training, ...", a table of screenshots) and its
# buttons ("said MIT Sloan professor (BUTTON) Thomas W. Malone"), with the spaces before them, and
# the brackets it sets around inserted and deleted text ("can and do [DEL: fluctuate :DEL] rise"), both
# in capitals as lynx writes them ("Tap (button)" and "a[start:del]" are an article's words)
# (the spaces matched from the first of a run only: tried from each, a long run is quadratic)
_LYNX_MARKS = re.compile(r"(?<! ) *(?:(?i:" + IMAGE_NAME + r")|\(BUTTON\))|\[(?:INS|DEL): ?| ?:(?:INS|DEL)\]")
# a list entry's number ("2.2 ", "1.", "3.1.4 ")
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.? +")
CONTENTS_MIN_HEADINGS = THRESHOLDS["contents_min_headings"]  # numbered entries that are kept lines make a contents list
_CUT_SHORT = re.compile(r"\w\s?(?:\.\.\.|…|\[(?:\.\.\.|…)\])\s*$")
# cues whose blocks are almost never body in the dev set's gold (under 3% of them; measured on the
# training pages): they go whatever the model says. Related (7%), credit (12%: Readability keeps
# captions and credits) and tagline are left to the model.
FORCED = {"disclaimer", "cookie", "advertisement", "ticker", "comment_prompt", "newsletter", "share", "copyright",
          "form", "navigation", "section"}
INHERITED = {"related", "comment_prompt", "ticker", "navigation", "share", "newsletter"}


def decide_body(prob: np.ndarray, tokens: np.ndarray, threshold: float = 0.5, gap: int = 1,
                fill: float = 0.5, isolated_tokens: int = 8) -> np.ndarray:
    """Which blocks are body, from the model's probabilities, smoothed like an article's layout.

    A run of at most ``gap`` blocks below the threshold between two body blocks is kept when each
    of them is at least ``fill * threshold`` likely (a subheading, a pull quote the model doubted);
    a body block shorter than ``isolated_tokens`` with no body block next to it is dropped (a
    stray short line among menus).
    """
    keep = prob >= threshold
    n = len(keep)
    if gap and n > 2:
        doubted = ~keep & (prob >= fill * threshold)
        filled = np.zeros(n, dtype=bool)
        for g in range(1, min(gap, n - 2) + 1):
            # a run of exactly g doubted blocks at i..i+g-1, body at i-1 and at i+g
            run = keep[:n - g - 1] & keep[g + 1:]
            for j in range(g):
                run = run & doubted[1 + j:n - g + j]
            for j in range(g):
                filled[1 + j:n - g + j] |= run
        keep = keep | filled
    if isolated_tokens and n:
        padded = np.concatenate(([False], keep, [False]))
        alone = keep & ~padded[:-2] & ~padded[2:] & (tokens < isolated_tokens)
        keep &= ~alone
    return keep


def page_kind(doc: Document) -> str:
    """What the classifier is reading: ``"wrapped"`` (a hard-wrapped dump whose paragraphs
    ``unwrap.py`` rejoined, as lynx writes them) or ``"unwrapped"`` (a line per block, as a WET
    dump, and an HTML page, which ``html.py`` renders so). A kind may have a decision threshold of
    its own in the model's ``meta["thresholds"]``."""
    return "wrapped" if doc.wrap_width else "unwrapped"


def _rule_probability(feats: PageFeatures) -> np.ndarray:
    """Without a shipped model: the longest run of prose is body (the first version's rule)."""
    tokens = feats.tokens
    first, last = max_sum_run(np.where(tokens >= PROSE_TOKENS, tokens, -4.0))
    prob = np.zeros(len(tokens))
    prob[first:last + 1] = 1.0
    return prob


def _is_ticker(text: str) -> bool:
    """Several headlines on one line, set apart by wide gaps (a scrolling news ticker); table rows,
    whose cells are short, are not."""
    if "   " not in text and "\u00a0\u00a0" not in text and "\t" not in text:
        return False
    return len([part for part in _WIDE_GAP.split(text) if len(part.split()) >= 4]) >= 4


def _texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    return map(attrgetter("text"), blocks)


def _is_form(text: str) -> bool:
    return "(BUTTON)" in text or "____" in text or text.startswith(("[ ]", "( )", "[X]", "(*)"))


def removal_reasons(blocks: tuple[Block, ...], keep: np.ndarray, feats: PageFeatures,
                    repeated_ok: bool, ticker: np.ndarray | None = None) -> list[str | None]:
    """The reason of every removed block (None for kept blocks). ``ticker``: ``_is_ticker`` of
    every block, when the caller has it already."""
    n = len(blocks)
    if ticker is None:
        ticker = np.fromiter(map(_is_ticker, _texts(blocks)), dtype=bool, count=n)
    reasons: list[str | None] = [None] * n
    heading, reach = None, 0
    idx = np.arange(n)
    prev_kept = np.maximum.accumulate(np.where(keep, idx, -n))          # last body block at or before
    next_kept = np.minimum.accumulate(np.where(keep, idx, 2 * n)[::-1])[::-1]  # first at or after
    inside = (idx - prev_kept <= 2) & (next_kept - idx <= 2)  # body within two places on both sides
    # as Python lists: the loop reads one value at a time, which from a numpy array costs a new object
    keep, ticker, inside = keep.tolist(), ticker.tolist(), inside.tolist()
    tokens, rep_batch = feats.tokens.tolist(), feats.rep_batch.tolist()
    for i, block in enumerate(blocks):
        if keep[i]:
            heading, reach = None, 0
            continue
        text = block.text
        cue = feats.cues[i]
        if cue == "ticker" and i + 1 < n and ticker[i + 1]:
            reason = "ticker"
        elif cue:
            reason = cue
        elif ticker[i]:
            reason = "ticker"
        elif _is_form(text):
            reason = "form"
        elif heading and reach < HEADING_REACH:
            reason = heading
        elif tokens[i] == 0:
            reason = "empty"
        elif repeated_ok and rep_batch[i] >= REPEATED_PAGES:
            reason = "repeated"
        elif inside[i] and tokens[i] < SHORT_LINE_TOKENS and not _sentence(text):
            reason = "related"
        elif tokens[i] >= PROSE_TOKENS and _sentence(text):
            reason = "outside_article"
        else:
            reason = "boilerplate"
        # a ticker's label heads the items under it ("Breaking News" / "..."); a ticker item with
        # its label run in ("Eilmeldung: Bahnstreik ...") heads nothing: the headline's byline and
        # date line stand under it
        if cue in INHERITED and not (cue == "ticker" and not is_label(text)):
            heading, reach = cue, 0
        else:
            reach += 1
        reasons[i] = reason
    return reasons


def _labelled_links(blocks: tuple[Block, ...], feats: PageFeatures) -> np.ndarray:
    """Blocks that start with a related cue and go on with a title ("Read more: ...", "UPDATE/PHOTOS:
    ..."): a labelled link to another story. A related cue alone ("See also") may head a section
    the gold keeps (Wikipedia), so it is left to the model."""
    return np.fromiter((c == "related" and b.text.count(" ") >= 4 for c, b in zip(feats.cues, blocks)),
                       dtype=bool, count=len(blocks))


def _repeated_links(blocks: tuple[Block, ...], keep: np.ndarray, feats: PageFeatures) -> np.ndarray:
    """A short title-like line whose words stand again in a labelled link or a removed block of the
    same page: one story linked twice (once bare inside the article, once as "UPDATE: ..." or in a
    list of teasers), not a subheading, which a page sets once. A table of contents sets the
    page's subheadings again under section numbers ("2.2 2. Casual Dining Service" over "2. Casual
    Dining Service"): when at least ``CONTENTS_MIN_HEADINGS`` numbered entries, their number cut,
    are kept lines of the page, the list is its contents and its entries are read without their
    numbers, equal to the subheadings, not longer texts holding them. A numbered list of teasers
    ("1. Fed raises rates again" over the bare line) names other stories, one at most set in the
    body, and keeps its numbers, so that line is still a link."""
    out = np.zeros(len(blocks), dtype=bool)
    short = np.flatnonzero(keep & (feats.tokens >= 4) & (feats.tokens < SHORT_LINE_TOKENS) & _inside_article(keep))
    if not len(short):
        return out
    elsewhere = [b.text.casefold() for b, removed, cue in zip(blocks, (~keep).tolist(), feats.cues)
                 if removed or cue == "related"]
    # (only a text that opens with a digit holds a section number: the others are not searched)
    unnumbered = [_SECTION_NUMBER.sub("", t, count=1) if t[:1].isdecimal() else t for t in elsewhere]
    numbered = [u for u, t in zip(unnumbered, elsewhere) if u != t]
    if numbered:
        kept = {blocks[i].text.casefold() for i in np.flatnonzero(keep)}
        if sum(u in kept for u in numbered) >= CONTENTS_MIN_HEADINGS:
            elsewhere = unnumbered
    joined = "\n".join(elsewhere)
    whole = Counter(elsewhere)
    for i in short:
        text = blocks[i].text.casefold()
        # standing inside a longer block, not merely equal to one
        if not _sentence(text) and joined.count(text) > whole[text]:
            out[i] = True
    return out


def _links_to_other_pages(blocks: tuple[Block, ...], keep: np.ndarray, feats: PageFeatures) -> np.ndarray:
    """Short title-like lines kept inside the article that stand on another page of the same site
    too: another story's headline set inside this one is a link to it, not a subheading (a
    subheading belongs to its own article). Needs the batch to know the site."""
    short = (feats.tokens >= 3) & (feats.tokens < SHORT_LINE_TOKENS)
    candidates = keep & short & (feats.rep_batch >= 2)
    for i in np.flatnonzero(candidates):
        if _sentence(blocks[i].text):
            candidates[i] = False
    return candidates


def _author_bios(blocks: tuple[Block, ...], keep: np.ndarray) -> np.ndarray:
    """Among the last ``BIO_TAIL`` kept blocks, one that opens as an author's bio ("Karina Cohen is
    the owner of CR Maids ...", ``phrases.opens_like_a_bio``): the author box under the article,
    which reads like prose, sits next to it, and so is kept by the model. Only the tail: inside an
    article such an opening introduces the story's subject. The kept blocks after the bio go with it
    (the bio's next paragraphs: "Karina holds a Global Executive MBA ..."). On the dev set's training
    pages, 83% of the text of the kept blocks it removes is not in the gold body."""
    out = np.zeros(len(blocks), dtype=bool)
    tail = np.flatnonzero(keep)[-BIO_TAIL:]
    for n, i in enumerate(tail):
        if opens_like_a_bio(blocks[i].text):
            out[tail[n:]] = True
            break
    return out


def _teaser_excerpts(blocks: tuple[Block, ...], keep: np.ndarray) -> np.ndarray:
    """Kept blocks cut short by an ellipsis with another such block within two kept places: a list
    of other stories' teasers, each an excerpt that stops mid-sentence. One such block alone is
    left (an article may end a paragraph on "..."). On the dev set's training pages, 83% of the
    text of the blocks it matches is not in the gold body."""
    out = np.zeros(len(blocks), dtype=bool)
    kept = np.flatnonzero(keep)
    # the regular expression only on the last characters of the blocks that end in an ellipsis
    cut = np.fromiter((blocks[i].text.rstrip().endswith(_ELLIPSES) and _CUT_SHORT.search(blocks[i].text[-12:]) is not None
                       for i in kept), dtype=bool, count=len(kept))
    if cut.sum() < 2:
        return out
    near = np.zeros(len(kept), dtype=bool)
    for step in (1, 2):
        near[step:] |= cut[:-step]
        near[:-step] |= cut[step:]
    out[kept[cut & near]] = True
    return out


def _shown_above_itself(blocks: tuple[Block, ...], keep: np.ndarray) -> np.ndarray:
    """A kept title-like block (no sentence end) that the next block says again, less indented:
    lynx prints an image's alt text at the body's indent and then the heading it illustrates at
    column 0, the same words ("The Ultimate Elopement Checklist" over a teaser's title), where a
    WET dump shows them once. Two equal blocks at one indent are left: a page's own repeats (a
    table's caption over its heading, a feature list). On the dev set's lynx pages 9 pages change,
    each for the better: body_f1 0.9434 -> 0.9435, para_f1 0.8779 -> 0.8780; no crop page changes."""
    out = np.zeros(len(blocks), dtype=bool)
    for i in np.flatnonzero(keep[:-1]):
        text, below = blocks[i].text, blocks[i + 1]
        if text == below.text and blocks[i].indent > below.indent and not _sentence(text):
            out[i] = True
    return out


def _alt_texts(blocks: tuple[Block, ...], keep: np.ndarray) -> np.ndarray:
    """Kept blocks that open by naming a picture ("Screenshot of a Databricks dashboard ...",
    "A photo of a smoothie bowl ...": ``phrases.opens_like_alt_text``): an image's alt text, which
    lynx prints as a paragraph where the page shows a picture, and which the gold bodies seldom
    keep. Only on a hard-wrapped page: WET and cropped dumps have no alt texts, and the captions
    they do show may open so. On the dev set's training lynx pages (each run alone) the 67 blocks
    it removes hold 1,702 shingles outside the gold and 57 in it."""
    out = np.zeros(len(blocks), dtype=bool)
    for i in np.flatnonzero(keep):
        out[i] = opens_like_alt_text(blocks[i].text)
    return out


def _second_copies(blocks: tuple[Block, ...], keep: np.ndarray, tokens: np.ndarray) -> np.ndarray:
    """Kept blocks that repeat, in the same order, a run of kept blocks shown earlier on the page:
    the article or a part of it shown twice (a print or no-script copy, tabs or an accordion whose
    panels stand again in full). A page holds its article once, as the gold does, and every word
    of the copy counts against the body. A run counts when it has at least ``COPY_BLOCKS`` blocks
    and ``COPY_TOKENS`` tokens, of texts that stand two or three times among the kept blocks:
    shorter repeats (a table of contents over the headings it lists, code that repeats a line) and
    a text repeated many times (a test page of the same paragraph over and over) stay, since the
    gold often keeps them. On the dev set's training pages it removes the second copies on 4 wet,
    6 lynx and 2 crop pages, with no shingle of the gold lost (body_f1 +0.0013 wet, +0.0017
    lynx). Each kept block is compared with the first block of the same text only, and the search
    moves past every run it measured, so the time is linear in the kept blocks."""
    out = np.zeros(len(blocks), dtype=bool)
    kept = np.flatnonzero(keep)
    texts = [blocks[i].text for i in kept]
    counts = Counter(texts)
    if len(counts) == len(texts):  # nothing shown twice (most pages)
        return out
    first: dict[str, int] = {}
    for k, text in enumerate(texts):
        first.setdefault(text, k)
    k, n = 0, len(texts)
    while k < n:
        start, length = first[texts[k]], 0
        if start < k and counts[texts[k]] <= 3:
            while k + length < n and start + length < k and texts[start + length] == texts[k + length]:
                length += 1
        run = kept[k:k + length]
        if length >= COPY_BLOCKS and tokens[run].sum() >= COPY_TOKENS:
            out[run] = True
        k += max(length, 1)
    return out


def _detached_runs(keep: np.ndarray, prob: np.ndarray, tokens: np.ndarray) -> np.ndarray:
    """Kept runs set apart from the article: the kept blocks cut into runs wherever at least
    ``DETACHED_GAP`` removed blocks stand between two of them; the run of most tokens is the
    article, and another run goes when it holds under ``DETACHED_SHARE`` of the article's tokens
    and the model doubted it (its probability, weighted by tokens, under ``DETACHED_PROBABILITY``):
    a call to action or a teaser list under the article past the share buttons, a blurb above the
    headline past the menu, which the model kept one block at a time, each barely. An article
    interrupted by a figure or an advertisement goes on with blocks the model is sure of, or as
    long as what came before. On the dev set's training pages body_f1 +0.0020 wet, +0.0025 lynx,
    -0.0002 crop (the cropped dumps have little to set apart); about 70% of the text it removes on
    wet and lynx is not in the gold body. The removed blocks get their reasons as any removed block
    does (``removal_reasons``: the cue of the heading above them, else ``outside_article`` or
    ``boilerplate``)."""
    out = np.zeros(len(keep), dtype=bool)
    kept = np.flatnonzero(keep)
    if len(kept) < 2:
        return out
    starts = np.flatnonzero(np.diff(kept) > DETACHED_GAP) + 1  # removed blocks between: difference - 1
    if not len(starts):  # one run (most pages)
        return out
    runs = np.split(kept, starts)
    sizes = [tokens[run].sum() for run in runs]
    article = int(np.argmax(sizes))
    for n, run in enumerate(runs):
        if (n != article and sizes[n] < DETACHED_SHARE * sizes[article]
                and (prob[run] * tokens[run]).sum() < DETACHED_PROBABILITY * sizes[n]):
            out[run] = True
    return out


def _title_case(text: str) -> bool:
    """Most words capitalised, as English headlines set them ("Russia To Cut Troops In Syria")."""
    words = [w.strip("‘’'\"“”()[]") for w in text.split()]
    words = [w for w in words if w[:1].isalpha()]
    return len(words) >= TITLE_CASE_WORDS and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def _links_set_alike(blocks: tuple[Block, ...], keep: np.ndarray, linked: np.ndarray,
                     linked_twice: np.ndarray) -> np.ndarray:
    """The remaining bare title-case lines inside the article, on a page where most such lines were
    found to be links (``linked``), one of them at least by standing twice on the page
    (``linked_twice``): a site sets its inline links to
    other stories all the same way, so where links are the rule the rest are links too (seed 000's
    "Russia To Cut Troops In Syria 'Considerably'" beside its twice-linked siblings). Where most
    such lines are not links, they are the article's subheadings, and stay."""
    out = np.zeros(len(blocks), dtype=bool)
    if not linked_twice.any():  # no story linked twice: nothing to go by (most pages)
        return out
    inside = _inside_article(keep | linked)

    def bare_title(i: int) -> bool:
        text = blocks[i].text
        return len(text.split()) < SHORT_LINE_TOKENS and not _sentence(text) and _title_case(text) and inside[i]

    links = [i for i in np.flatnonzero(linked) if bare_title(i)]
    others = [i for i in np.flatnonzero(keep & ~linked) if bare_title(i)]
    if any(linked_twice[links]) and len(links) > len(others):
        out[others] = True
    return out


def _sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", "…", "。", "！", "？", '."', ".”", "”", '"', ":"))


def _inside_article(body: np.ndarray) -> np.ndarray:
    """For each body block: another body block within two places before it and one within two
    places after it, so that the block sits inside the article (False for the other blocks)."""
    at = np.flatnonzero(body)
    out = np.zeros(len(body), dtype=bool)
    out[at[1:-1]] = (at[1:-1] - at[:-2] <= 2) & (at[2:] - at[1:-1] <= 2)
    return out


def _with_reason(block: Block, reason: str | None) -> Block:
    """``dataclasses.replace(block, reason=reason)``, without its per-call introspection and the
    frozen ``__init__``'s ``object.__setattr__`` per field (a page has hundreds of removed blocks;
    this was a third of the step's time after the model): a copy of the block's fields with
    another reason."""
    new = object.__new__(Block)
    new.__dict__.update(block.__dict__, reason=reason)
    return new


def classify_blocks(doc: Document, ctx: RunContext) -> Document:
    if not doc.blocks:
        return doc
    feats = block_features(doc, ctx)
    model = shipped_model()
    # cue-forced removals come first, so that smoothing never fills a gap across them
    ticker = np.fromiter(map(_is_ticker, _texts(doc.blocks)), dtype=bool, count=len(doc.blocks))
    placeholders = np.fromiter(map(_LYNX_PLACEHOLDER.match, _texts(doc.blocks)), dtype=bool,  # (None: False)
                               count=len(doc.blocks))
    forced = (np.fromiter(map(FORCED.__contains__, feats.cues), dtype=bool, count=len(doc.blocks))
              | ticker | placeholders)
    if model is None:
        keep = (_rule_probability(feats) >= 0.5) & ~forced
    else:
        settings = {k: model.meta.get(k, v) for k, v in SMOOTHING_DEFAULTS.items()}
        settings["threshold"] = model.meta.get("thresholds", {}).get(page_kind(doc), settings["threshold"])
        prob = np.where(forced, 0.0, model.body_probability(feats.matrix))
        keep = decide_body(prob, feats.tokens, **settings)
        if not keep.any() and len(keep) <= TINY_PAGE_BLOCKS:
            # a text of a few blocks is unlike every page the model learned from (it read only
            # pages around an article): when it finds nothing there, the longest run of prose is
            # the text. On a full page an empty verdict stands (the dev set's three such pages are
            # better empty than filled by the rule).
            keep = (_rule_probability(feats) >= 0.5) & ~forced
    # a repeated line is a site's template only when the batch knows the site
    repeated_ok = bool(doc.source.get("url"))
    linked = _labelled_links(doc.blocks, feats)
    linked_twice = _repeated_links(doc.blocks, keep & ~linked, feats)
    linked |= linked_twice
    if repeated_ok:
        linked |= _links_to_other_pages(doc.blocks, keep & ~linked, feats)
    linked |= _links_set_alike(doc.blocks, keep & ~linked, linked, linked_twice)
    keep &= ~linked
    bios = _author_bios(doc.blocks, keep)
    keep &= ~bios
    teasers = _teaser_excerpts(doc.blocks, keep)
    keep &= ~teasers
    copies = _second_copies(doc.blocks, keep, feats.tokens)
    alt_texts = np.zeros(len(doc.blocks), dtype=bool)
    if doc.wrap_width:  # lynx's layout: a hard-wrapped dump
        copies |= _shown_above_itself(doc.blocks, keep)
        alt_texts = _alt_texts(doc.blocks, keep)
    keep &= ~copies & ~alt_texts
    if model is not None:
        keep &= ~_detached_runs(keep, prob, feats.tokens)
    reasons = removal_reasons(doc.blocks, keep, feats, repeated_ok, ticker)
    reasons = ["author_bio" if bio else "related" if link or teaser else "repeated" if copy else
               "boilerplate" if placeholder else "caption" if alt else r
               for r, link, bio, teaser, copy, placeholder, alt in zip(reasons, linked.tolist(), bios.tolist(),
                                                                       teasers.tolist(), copies.tolist(),
                                                                       placeholders.tolist(), alt_texts.tolist())]
    blocks = tuple(b if b.reason == r else _with_reason(b, r) for b, r in zip(doc.blocks, reasons))
    return replace(doc, blocks=blocks if doc.format == "html" else _without_lynx_marks(blocks))


def _without_lynx_marks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The kept blocks without lynx's marks (``_LYNX_MARKS``): never the article's words (no gold
    body of the dev set holds one, nor any WET dump), though the block around them is; a block of
    nothing else goes as ``boilerplate``. Removed blocks keep their text as the page shows it. Not
    on HTML, whose text no lynx wrote: there "[logo.png]" is a how-to's own words. (On every text
    page, not just hard-wrapped ones: lynx leaves a Japanese page's short lines as they are, and
    "[spacer.gif]" in them.)"""
    out = list(blocks)
    for i, block in enumerate(blocks):
        if block.reason is None and ("[" in block.text or "(BUTTON)" in block.text):
            text = _LYNX_MARKS.sub("", block.text).strip()
            if not text:
                out[i] = _with_reason(block, "boilerplate")
            elif text != block.text:
                out[i] = replace(block, text=text)
    return tuple(out)

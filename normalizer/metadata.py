"""Step 5: headline, authors, publication date, keywords and section, read from the blocks around the
body's start (and the few after its end), and the blocks they came from relabelled.

Metadata sits in a small cluster next to the article: the headline, then a byline and a date line,
sometimes a section label above and a tags line below the text. This step looks only there (a few
dozen blocks around the body's edges, never the whole page), so it stays cheap and does not pick up
dates and names from the body's sentences, from quotes or from related articles further down.

Order matters: dates and bylines are found first, because a line followed by a byline or a date
is the best sign of a headline (``headline.py``); then the date and the authors are taken near the
chosen headline. A value is given only when the page states it: a wrong date or author is worse
than none, so an unclear case gives nothing.

Blocks that hold metadata leave the body with the reasons ``headline``, ``byline``, ``dateline``
and ``tags``; a headline the unwrapper glued to the paragraph under it is split off first.
"""
from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from itertools import islice

from .authors import (author_box_heading, bare_names, clean_listed_authors, cue_only, date_like, markup_or_byline,
                      name_before_role, names_in_bio, role_line)
from .bylines import byline_authors, first_name, name_part, one_word_name, person_by_first_name, team_name
from .classify import IMAGE_NAME
from .context import RunContext
from .dates import DateMatch, find_dates, find_relative, month_day_line, same_date_read_otherwise
from .document import Block, Document
from .headline import normalize, pick_headline, word_count
from .patterns import alternation
from .phrases import cue_reasons
from .thresholds import step_thresholds

# hand-set thresholds; what each means, and where it came from, is said in the file
THRESHOLDS = step_thresholds("metadata")
# blocks searched for the byline and the date, around the headline
META_BEFORE, META_AFTER = THRESHOLDS["meta_before"], THRESHOLDS["meta_after"]
# without a headline, around the body's start
NO_HEADLINE_BEFORE, NO_HEADLINE_AFTER = THRESHOLDS["no_headline_before"], THRESHOLDS["no_headline_after"]
# around the body's end: "(Reporting by ...)", "Posted on ...", "Keywords: ..."
TAIL_BEFORE, TAIL_AFTER = THRESHOLDS["tail_before"], THRESHOLDS["tail_after"]
# a block longer than this is prose: its dates are dates in a sentence, not a date line
MAX_DATELINE_WORDS = THRESHOLDS["max_dateline_words"]
# a longer block of at most this many lines may be a date line lynx ran into the caption under it
MAX_RUN_ON_LINES = THRESHOLDS["max_run_on_lines"]
# a longer block gives only a date it opens with a published cue: the cue within its first
# CUED_DATE_START characters, the date within its first CUED_DATE_CHARS
CUED_DATE_CHARS, CUED_DATE_START = THRESHOLDS["cued_date_chars"], THRESHOLDS["cued_date_start"]
# what sets a byline's or a date line's parts apart ("James Akinaka • 8h", "Susan | 3 min read",
# "Par Jean Dupont — 24 novembre 2017", "Jane Doe - March 3, 2024")
_SEPARATOR = r"[•·⋅∙|–—]|\s-\s"
# in the body, a date line's date follows a separator
_DATE_LINE_OPENING = re.compile(rf"(?:{_SEPARATOR})\s*$")
# a longer block is no byline, no tags line
MAX_BYLINE_WORDS, MAX_TAGS_WORDS = THRESHOLDS["max_byline_words"], THRESHOLDS["max_tags_words"]
# the author box is looked for up to this many blocks after the body's end
AUTHOR_BOX_AFTER = THRESHOLDS["author_box_after"]
# how much of an HTML page is searched for a date a reader sees (the markup's ISO dates are
# searched whole); the bound keeps the search linear on hostile pages
MAX_HTML_SCAN = THRESHOLDS["max_html_scan"]
# the headline's <h1> is looked for in the page's first this many bytes
H1_SCAN = THRESHOLDS["h1_scan"]
# a body block that gave the date or byline leaves the body only when, besides the date, it has
# at most this many words (or does not read as a sentence)
MAX_KEPT_METADATA_WORDS = THRESHOLDS["max_kept_metadata_words"]
# when the zone has no date: how far from the headline a date line is still taken
WIDE_BEFORE, WIDE_AFTER = THRESHOLDS["wide_before"], THRESHOLDS["wide_after"]
# with no date found, a block of at most this many words may give one relative to the capture
MAX_RELATIVE_DATE_WORDS = THRESHOLDS["max_relative_date_words"]
# an HTML page's <h1> is its headline when at least this share of its words stand in the <title>
H1_TITLE_SHARE = THRESHOLDS["h1_title_share"]
# numeric dates read month first when the body's first blocks hold this many common English words
ENGLISH_SAMPLE_BLOCKS, ENGLISH_SAMPLE_CHARS = THRESHOLDS["english_sample_blocks"], THRESHOLDS["english_sample_chars"]
MIN_ENGLISH_WORDS = THRESHOLDS["min_english_words"]
# "Alex Perry 1 day ago", "James Akinaka • 8h", "Susan | 3 min read": the name, then the rest
_NAME_THEN_REST = re.compile(rf"\s*(?:{_SEPARATOR}|\d).*$")
# the classifier's label of a line above the body says little (a whole header may be "navigation"):
# a name line is judged by its own words; these labels alone rule it out
_LIST_MARK = re.compile(r"^[•·*-]\s+")
_LIST_SEPARATOR = re.compile(r"\s[·•|]\s")
_NOT_BYLINE_REASONS = frozenset({"headline", "ticker", "related", "comment_prompt"})
_READING_TIME = re.compile(r"\d\s*(?:min|minutes?|mins)\b", re.IGNORECASE)
_CUE_RANK = {"published": 3.0, "": 2.0, "updated": 1.0}
# the classifier's labels of blocks whose dates are not the article's: other stories in a ticker,
# an editor's note ("We updated this article on ..."), a promotion beside the article
_NOT_DATELINE_REASONS = frozenset({"ticker", "disclaimer", "outside_article"})
_ENGLISH = re.compile(r"\b(?:the|and|of|to|in|is|for)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _tags_prefix() -> re.Pattern:
    data = json.loads(resources.files(__package__).joinpath("data/tags.json").read_text(encoding="utf-8"))
    words = alternation(data["prefix"])
    return re.compile(rf"^\W{{0,2}}(?:{words})\s*[:：]\s*(?P<rest>.+)$|^(?:{words})\s*[:：]?\s+(?P<rest2>.+)$",
                      re.IGNORECASE)


def _tags(text: str) -> list[str] | None:
    """The tags of a ``Keywords: Syria Russia`` / ``Tags: climate, energy`` line, or None.

    >>> _tags("Keywords:\\u00a0 Syria Russia")
    ['Syria', 'Russia']
    >>> _tags("Tags: climate change, energy policy")
    ['climate change', 'energy policy']
    """
    if word_count(text) > MAX_TAGS_WORDS:
        return None
    m = _tags_prefix().match(text.strip())
    if not m:
        return None
    rest = (m.group("rest") or m.group("rest2") or "").strip()
    for sep in (",", "|", "·", "•", ";", "/", "#"):
        if sep in rest:
            parts = rest.split(sep)
            break
    else:
        parts = rest.split()
    tags = [p.strip(" #.\u00a0") for p in parts if p.strip(" #.\u00a0")]
    return tags or None


def _dates_of(block: Block, month_first: bool, lines) -> list[DateMatch]:
    if word_count(block.text) > MAX_DATELINE_WORDS:
        # a long block: only a date it opens with a cue ("Posted on ... in Category, ...")
        cued = [d for d in find_dates(block.text[:CUED_DATE_CHARS], month_first)
                 if d.cue == "published" and d.start < CUED_DATE_START]
        return cued or _date_line_run_on(block, lines, month_first)
    return [d for d in find_dates(block.text, month_first) if d.cue != "copyright"]


def _date_line_run_on(block: Block, lines, month_first: bool) -> list[DateMatch]:
    """The date that ends the first line of a long block of a few lines: lynx
    runs a date line into the caption under it when the caption's first word would have fitted
    ("Par Alexandre Hervaud et Jérémy Piette — 24 novembre 2017 à 18:42" / "«Vape Wave», «6
    Days», ..."). In the body, only a date line's date: with its own cue ("Published 24 November
    2017"), after a separator or after a byline on that line; a paragraph's first line may end on a
    date too ("... was hit on December 31, 2017" / "and again several days later, ...")."""
    if not block.first_line < block.last_line < block.first_line + MAX_RUN_ON_LINES:
        return []
    first = lines[block.first_line].strip()
    if not block.text.startswith(first):
        return []
    return [d for d in find_dates(first, month_first) if d.cue != "copyright" and not first[d.end:].strip()
            and (not block.kept or d.cue in ("published", "updated") or _DATE_LINE_OPENING.search(first[:d.start])
                 or byline_authors(first[:d.start]))]


def _split_block(blocks: list[Block], lines, i: int, n_lines: int) -> None:
    """Cut block ``i`` after its first ``n_lines`` lines (a headline glued to a paragraph)."""
    b = blocks[i]
    head = " ".join(lines[b.first_line + k].strip() for k in range(n_lines))
    tail = " ".join(l.strip() for l in lines[b.first_line + n_lines: b.last_line + 1] if l.strip())
    blocks[i: i + 1] = [replace(b, text=head, last_line=b.first_line + n_lines - 1),
                        replace(b, text=tail, first_line=b.first_line + n_lines, bullet=False)]


def _is_metadata_line(block: Block, date_raw: str | None, max_words: int) -> bool:
    """Whether a block that gave a date or a byline is only that, and can leave the body. A body
    paragraph that merely holds the date ("The meeting took place on March 3, 2024, when ...")
    stays: the body must not lose a sentence to the metadata."""
    if word_count(block.text) > max_words:
        return False
    if block.reason is not None:
        return True
    rest = block.text.replace(date_raw, " ") if date_raw else block.text
    return word_count(rest) <= MAX_KEPT_METADATA_WORDS or not rest.rstrip().endswith((".", "!", "?"))


_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|·|/)\s+")
# a part of a page title this short, beside a longer one, is the site's name
MAX_SITE_NAME_WORDS = THRESHOLDS["max_site_name_words"]
MAX_MENU_ITEM_WORDS = THRESHOLDS["max_menu_item_words"]


def title_without_site(title: str) -> str:
    """The headline in a page's ``<title>``, without the site's name before or after it: a part
    of a few capitalised words beside a part at least half as long again.

    >>> title_without_site("Top Nutrition Trends for Fall 2025 | Scratch Culinary Meal Prep")
    'Top Nutrition Trends for Fall 2025'
    >>> title_without_site("BBC News - Obama admits US gun laws are his biggest frustration")
    'Obama admits US gun laws are his biggest frustration'
    >>> title_without_site("Brexit deal approved - what it means for trade with the EU")
    'Brexit deal approved - what it means for trade with the EU'
    """
    title = " ".join(title.split())
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    for keep, site in ((parts[0], parts[1:]), (parts[-1], parts[:-1])):
        if word_count(keep) >= 3 and all(_site_name(p) and 1.5 * word_count(p) <= word_count(keep) for p in site):
            return keep
    return title


def _site_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= MAX_SITE_NAME_WORDS and all(not w[0].isalpha() or w[0].isupper() for w in words)


_H1_OPEN, _H1_CLOSE = re.compile(r"<h1\b[^<>]*>", re.IGNORECASE), re.compile(r"</h1\s*>", re.IGNORECASE)
# [^<>] rather than [^>]: a "<" with no ">" after it is then tried up to the next "<" only, which
# keeps the scan linear on a hostile page
_TAG = re.compile(r"<[^<>]*>")


def _h1_texts(text: str):
    """The inner HTML of each ``<h1>`` of ``text``, up to the next ``</h1>`` (a theme's
    ``<h1>...</h2>`` runs on to it). The closing is searched once from each opening and a page with
    none left ends the search: a pattern such as ``<h1>(.*?)</h1>`` scans to the page's end for
    each unclosed opening, minutes on a page of them."""
    at = 0
    while (opening := _H1_OPEN.search(text, at)) is not None:
        closing = _H1_CLOSE.search(text, opening.end())
        if closing is None:
            return
        yield text[opening.end():closing.start()]
        at = closing.end()


def html_headline(head: str, title: str | None, lines: list[str], is_common) -> str | None:
    """The page's ``<h1>`` (among the first of ``head``, the page's first ``H1_SCAN`` bytes as
    text) when it is the article's title (it shares most of its words with the ``<title>``, or
    there is no title), else the title without the site's name. The ``<h1>`` is
    the headline as the reader sees it; the ``<title>`` is often rewritten for search engines.

    Unless the ``<h1>`` so chosen has a date line or a byline by it (``lines``, the page's
    ``visible_lines``), the one ``<h1>`` that has one is the headline, whatever the title says:
    a date or a byline under a line is the best sign of a headline, as on text pages. On the dev
    set's html training pages: 17 headlines more right, 5 fewer (a site's name set as an ``<h1>``
    over a blog's dated posts)."""
    title_words = set(normalize(title or "").split())
    h1s = []  # (h1, share of its words in the title)
    for inner in islice(_h1_texts(head), 5):
        h1 = " ".join(html_lib.unescape(_TAG.sub(" ", inner)).split())
        words = normalize(h1).split()
        if len(words) >= 2 and len(h1) <= 300:
            h1s.append((h1, sum(w in title_words for w in words) / len(words) if title_words else 1.0))
    best, best_share = max(h1s, key=lambda h: h[1], default=(None, 0.0))  # the first of equals
    chosen = best if best and best_share >= H1_TITLE_SHARE else (title_without_site(title) if title else best)

    def dated_or_signed(h1: str) -> bool:
        # whether there is a date line, not which day it says: the month order does not matter
        at = headline_line(lines, h1)
        return at is not None and (date_by_headline(lines, at, True) is not None
                                   or bool(byline_by_headline(lines, at, is_common)))

    if chosen is not None and any(chosen == h1 for h1, _ in h1s) and dated_or_signed(chosen):
        return chosen
    signed = [h1 for h1, _ in h1s if dated_or_signed(h1)]
    return signed[0] if len(signed) == 1 else chosen


# a date a <meta> tag states in words (<meta name="published" content="July 17, 2025">); [^<>] as
# in _TAG, linear on a page of unclosed <meta
_META_CONTENT = re.compile(r"<meta\b[^<>]*?\bcontent\s*=\s*[\"']([^\"'<>]{6,80})", re.IGNORECASE)
# elements whose content a reader never sees (the <head>'s <title> included: it is the tab's, and it
# repeats the headline, which must be found where the page shows it)
# (a name ends at a space, "/" or ">": <header>, <head-banner> and <svg-icon> are seen)
_UNSEEN = re.compile(r"<(script|style|noscript|template|svg|head)(?=[\s/>])|<!--", re.IGNORECASE)
_UNSEEN_END = {name: re.compile(rf"</{name}(?=[\s/>])[^<>]*>", re.IGNORECASE)
               for name in ("script", "style", "noscript", "template", "svg", "head")} | {None: re.compile("-->")}
# a block element ends a line of what the reader sees; other tags (<a>, <span>, <time>) sit in one
_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dd|dt|br|hr|tr|td|th|table|section|article|header|"
                        r"footer|aside|nav|main|figure|figcaption|blockquote|address)\b[^<>]*>", re.IGNORECASE)


def _without_unseen(text: str) -> str:
    """``text`` (HTML) without its scripts, styles, comments and ``<head>``. Each is cut up to its
    closing tag, searched from where the last one ended, so the cost stays linear (a pattern such
    as ``<script.*?</script>`` scans to the end for each unclosed opening). An element left open
    loses only its opening (``</head>`` may be omitted in valid HTML)."""
    kept = []
    at = 0
    never_closed = set()  # kinds with no closing tag after some point: none after any later one
    while (m := _UNSEEN.search(text, at)) is not None:
        kept.append(text[at:m.start()])
        name = m.group(1).lower() if m.group(1) else None
        end = None if name in never_closed else _UNSEEN_END[name].search(text, m.end())
        if end is None:  # left open: the opening goes (a tag's with the other tags, later)
            never_closed.add(name)
            kept.append(m.group(0) if name else "")
            at = m.end()
        else:
            kept.append("\n")
            at = end.end()
    kept.append(text[at:])
    return "".join(kept)


def html_texts(raw: bytes, encoding: str | None) -> tuple[str, str]:
    """An HTML page as text, twice: its first ``H1_SCAN`` bytes, where its ``<h1>`` is looked for
    (``html_headline``), and its first ``MAX_HTML_SCAN``, where the lines a reader sees and the
    dates of its markup are (``visible_lines``, ``page_shows_date``). A page no longer than the
    first (most pages) is decoded once, its text both; a longer one is decoded twice, since the
    text of a byte prefix ends differently when a character is cut there. (Decoding the page for
    each of the three readers took 0.3 to 0.6 ms a page on 100 of the dev set's html pages, this
    0.2 ms.)"""
    text = html_text(raw, encoding, MAX_HTML_SCAN)
    head = text if len(raw) <= min(H1_SCAN, MAX_HTML_SCAN) else html_text(raw, encoding, H1_SCAN)
    return head, text


def html_text(raw: bytes, encoding: str | None, limit: int) -> str:
    """The first ``limit`` bytes of an HTML page as text, in the encoding ``decode.py`` found for
    it (UTF-8 when none is known), a character cut at the end replaced: a Latin-1 page read as
    UTF-8 would give its headline and byline as "Gr\ufffdve", "J\ufffdr\ufffdme"."""
    try:
        return raw[:limit].decode(encoding or "utf-8", errors="replace")
    except LookupError:
        return raw[:limit].decode("utf-8", errors="replace")


def visible_lines(text: str) -> list[str]:
    """The lines a reader sees on an HTML page (``text``, its first ``MAX_HTML_SCAN`` bytes as
    text: ``html_texts``), in page order: a line per block element, entities decoded, spaces
    collapsed. A rough rendering, but enough to find the date line under the headline, or whether
    a date appears at all."""
    text = _without_unseen(text)
    text = html_lib.unescape(_TAG.sub(" ", _BLOCK_TAG.sub("\n", text)))
    return [" ".join(line.split()) for line in text.split("\n") if line and not line.isspace()]


def page_shows_date(raw: bytes, iso: str, lines: list[str], text: str) -> bool:
    """Whether an HTML page (``raw``; ``text``, its first ``MAX_HTML_SCAN`` bytes as text) states
    the date an extractor found: in its markup as an ISO or ``YYYY/MM/DD`` date (meta tags,
    JSON-LD, ``<time>``, the URL), or in words in a ``<meta>`` tag, or as a date a reader sees
    (``lines``, the page's ``visible_lines``). A date found nowhere on the page is a guess (of the
    77 dates it refuses on the dev set's html pages, none is the gold's: 8 are wrong, 69 pages
    have no gold date), and no date is better."""
    day = iso[:10]
    if len(day) != 10 or not day.isascii():
        return False
    if day.encode() in raw or day.replace("-", "/").encode() in raw:
        return True
    year = day[:4]
    stated = lines + _META_CONTENT.findall(text)
    return any(d.iso[:10] == day for line in stated if year in line
               for month_first in (True, False) for d in find_dates(line, month_first))


def headline_line(lines: list[str], headline: str) -> int | None:
    """Where the headline stands among an HTML page's ``visible_lines``, or None."""
    key = normalize(headline)
    if not key:
        return None
    # a cheap look at the length first: the page has thousands of lines, one of them the headline
    return next((i for i, line in enumerate(lines)
                 if abs(len(line) - len(headline)) <= len(headline) // 4 + 4 and normalize(line) == key), None)


def _by_headline(lines: list[str], at: int) -> list[int]:
    """The lines around the headline's (at ``at``) searched on text pages for the date and the
    byline, the nearest first."""
    return sorted((i for i in range(max(0, at - META_BEFORE), min(len(lines), at + META_AFTER)) if i != at),
                  key=lambda i: (abs(i - at), i))


def date_by_headline(lines: list[str], at: int, month_first: bool) -> DateMatch | None:
    """The date an HTML page shows by its headline (``lines``, the page's ``visible_lines``, the
    headline at ``at``): the nearest date line, not an "Updated ..." one.

    Extractors read the date from the markup first, and the markup's ``datePublished`` or
    ``article:published_time`` is often not the date the page shows: a rewritten or republished
    article keeps its first date there, a theme puts the modification time. On the dev set's html
    training pages, the date line by the ``<h1>`` was the gold's day on 24 pages where
    trafilatura's date was not, and the other way round on 7."""
    for i in _by_headline(lines, at):
        if word_count(lines[i]) > MAX_DATELINE_WORDS:
            continue
        found = [d for d in find_dates(lines[i], month_first) if d.cue not in ("updated", "copyright")]
        if found:
            # two dates on one line ("May 21, 2025 April 24, 2025 by ..."): a theme's publication
            # and modification dates; the earlier is the publication
            return min(found, key=lambda d: d.iso[:10])
    return None


def byline_by_headline(lines: list[str], at: int, is_common) -> tuple[str, ...]:
    """The authors the byline by an HTML page's headline names (``lines`` and ``at`` as for
    ``date_by_headline``), or (): a line with a byline's cue ("By ...", "Von ..."), the nearest
    first; else, as on text pages, a line that is only a person's name (by a known first name)
    beside a date line, a reading time or a job title ("Trevor Jackins" / "9 min read")."""
    near = _by_headline(lines, at)
    for i in near:
        if word_count(lines[i]) <= MAX_BYLINE_WORDS:
            names = byline_authors(lines[i], is_common)
            if names:
                return names
    for i in near:
        names = bare_names(lines[i], is_common)
        if names and all(person_by_first_name(a) for a in names) and any(
                0 <= j < len(lines) and j != at and (date_like(lines[j]) or role_line(lines[j])) for j in (i - 1, i + 1)):
            return names
    return ()


def _hint_list(value) -> list[str]:
    """Tags or categories as trafilatura gives them: a list, or one string joined by commas."""
    items = value if isinstance(value, (list, tuple)) else re.split(r"[,;]", str(value))
    return [str(v).strip() for v in items if str(v).strip()]


def _kicker(blocks: list[Block], headline_at: int, metadata_at: set[int | None]) -> str | None:
    """The section label set over the headline ("Opinion", "Health"), or None.

    Section words also name a menu's items ("News", "Video", "Blog" among "Home", "About"), and a
    menu often ends a few lines over the headline: taking the nearest section label above it gave
    a menu item on about half of the WET pages that had one. So the label must be the headline's
    kicker: the nearest block with words above it (a byline, a date line, a reading time or a copy
    of the headline may stand between), not the last of a run of labels (a menu ending over the
    headline), and not a word in lower case ("in", a share button's letters)."""
    above = [i for i in range(headline_at - 1, max(-1, headline_at - META_BEFORE), -1)
             if blocks[i].text.strip() and blocks[i].reason != "headline" and i not in metadata_at
             and not _READING_TIME.search(blocks[i].text)]
    if not above or blocks[above[0]].reason != "section":
        return None
    label = blocks[above[0]].text.strip()
    if label[0].islower() or (len(above) > 1 and _menu_item(blocks[above[1]])):
        return None
    return label


def _menu_item(block: Block) -> bool:
    """A removed line of a few words: a label above a section word makes that word a menu's item."""
    return block.reason is not None and len(block.text.split()) <= MAX_MENU_ITEM_WORDS


def _relabel(blocks: list[Block], i: int, reason: str) -> None:
    if blocks[i].reason not in ("headline", "byline", "dateline", "tags"):
        blocks[i] = replace(blocks[i], reason=reason)


def scan(blocks: list[Block], lines, first_body: int, last_body: int, month_first: bool, is_common):
    """Dates and bylines of the blocks around the body's start and end; ``meta`` marks, for the
    blocks near the start, which hold a date, a byline or both (the headline's best clue).
    ``lines`` are the page's lines as read; ``is_common`` tells the words the body writes in lower
    case."""
    n = len(blocks)
    lo, hi = max(0, first_body - 40), min(n, first_body + 12)
    tail = range(max(lo, last_body - TAIL_BEFORE), min(n, last_body + TAIL_AFTER))
    dates: dict[int, list[DateMatch]] = {}
    bylines: dict[int, tuple[str, ...]] = {}
    for i in sorted(set(range(lo, hi)) | set(tail)):
        text = blocks[i].text
        ds = _dates_of(blocks[i], month_first, lines)
        if ds:
            dates[i] = ds
        if word_count(text) <= MAX_BYLINE_WORDS:
            names = byline_authors(text, is_common) or _byline_joined_below(blocks[i], lines, is_common)
            if names:
                bylines[i] = names
            elif cue_only(text) and i + 1 < n:
                # "by" on a line of its own, the names on the next one, a line of names alone
                # ("Author" / "Recent Posts" is a heading over a list); the line break says what a
                # colon would ("Author" / "Venteur" reads as "Author: Venteur")
                names = byline_authors(f"{text.strip().rstrip(':：')}: {blocks[i + 1].text}", is_common)
                names = names and tuple(a for a in names if " " not in a or bare_names(a) or team_name(a))
                if names:
                    bylines[i] = bylines[i + 1] = names
    meta = {i: ("both" if i in dates and i in bylines else "date" if i in dates else "byline")
            for i in set(dates) | set(bylines) if lo <= i < hi}
    return dates, bylines, meta


def _byline_joined_below(block: Block, lines, is_common) -> tuple[str, ...] | None:
    """The byline on a later line of a short block outside the body: lynx runs it into the deck
    above when its first word would have fitted there ("Implementation continues to complicate
    even well-studied interventions" / "By Sarah Schwartz — November 18, 2025 6 min read"), and a
    cue inside a block's text is no byline's."""
    if block.kept or not block.first_line < block.last_line < block.first_line + MAX_JOINED_LINES:
        return None
    for line in lines[block.first_line + 1: block.last_line + 1]:
        names = byline_authors(line.strip(), is_common)
        if names:
            return names
    return None


class _Lazy:
    """A value computed the first time it is asked for (most pages never need it)."""

    def __init__(self, compute):
        self._compute = compute
        self._done = False
        self._value = None

    @property
    def value(self):
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value


# a block under a name this long (that names the person) is their bio
MIN_BIO_WORDS = THRESHOLDS["min_bio_words"]
# the co-authors' boxes stand within this many blocks after the first author's
CO_AUTHOR_WITHIN = THRESHOLDS["co_author_within"]
# a block outside the body of at most this many lines is searched line by line for a name
MAX_JOINED_LINES = THRESHOLDS["max_joined_lines"]
# where a name is looked for beside the headline, nearest first, in blocks with words
_NEAR_HEADLINE = (1, -1, 2, -2, 3, -3, 4)
# ... counted among at most this many blocks on either side
NEAR_HEADLINE_REACH = THRESHOLDS["near_headline_reach"]


def _near_headline(blocks: list[Block], headline_at: int) -> list[int]:
    """The blocks at ``_NEAR_HEADLINE``'s distances from the headline, counted over the blocks
    that have words as metadata reads them (``_lynx_view``): lynx sets its image names and buttons
    on lines of their own between the headline and the byline."""
    below = [i for i in range(headline_at + 1, min(len(blocks), headline_at + NEAR_HEADLINE_REACH)) if blocks[i].text]
    above = [i for i in range(headline_at - 1, max(-1, headline_at - NEAR_HEADLINE_REACH), -1) if blocks[i].text]
    side = {1: below, -1: above}
    return [side[k // abs(k)][abs(k) - 1] for k in _NEAR_HEADLINE if abs(k) <= len(side[k // abs(k)])]


def _one_word_beside_date(blocks: list[Block], lines, dates, headline_at: int,
                          is_common) -> tuple[tuple[str, ...], int | None]:
    """The last resort near the headline: one capitalised word, alone on its line beside a date
    line or just before the date on its line ("Supermove" / "February 8, 2022", "Mazi · Jan 23"):
    a first name, a handle or the company, as the page states its author. Not a word in capitals
    ("EST", "SQL"), a menu word or a word the body writes in lower case; and only a known first name
    ("Susan December 9, 2024") or a word the page writes again (an author's or a company's name
    recurs in the bio, the footer, the copyright; a label beside a date, "Contents", "Motivation",
    "Deutsch", stands there once)."""
    for i in _near_headline(blocks, headline_at):
        if blocks[i].reason in _NOT_BYLINE_REASONS or cue_reasons([blocks[i].text.casefold()])[0]:
            continue
        text = blocks[i].text
        if i in dates:
            word = text[: dates[i][0].start].strip(" ·•|-–—,\u00a0")
        elif any(j in dates for j in (i - 1, i + 1)):
            word = _LIST_MARK.sub("", text).strip(" ·•|-–—,\u00a0")
        else:
            continue
        if (len(word) >= 3 and word[0].isupper() and any(c.islower() for c in word)
                and one_word_name(word, is_common) and (first_name(word) or _written_again(word, lines))):
            return (word,), i
    return (), None


def _first_names_alone(block: Block, rest: str, names) -> bool:
    """Whether a block near the headline is a byline by its names alone ("Lisa Pham", "Manoj Jain
    and Jagpreet Chhatwal"): nothing else on the line, each name opening with a known first name,
    and not an item of a list or a line the site repeats on its pages ("• Media Kit", "Skip Ad")."""
    return (not rest and not block.bullet and block.reason != "repeated" and not _LIST_MARK.match(block.text.lstrip())
            and all(person_by_first_name(a) for a in names))


def _written_again(word: str, lines) -> bool:
    """Whether a word stands at least twice on the page, as a word."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    seen = 0
    for line in lines:
        if word in line:
            seen += len(pattern.findall(line))
            if seen >= 2:
                return True
    return False


def _bio_author(blocks: list[Block], start: int, stop: int, common) -> tuple[tuple[str, ...], int | None, str | None]:
    """The author box under an article that has no heading: the author's name on its own line,
    then a bio that names them again among its first words ("Maria Mathioudaki" / "Maria is a
    growth analyst ..."), or a person's name by its first name, then their job title ("Chris Pardo" /
    "Vice President of Consulting", not a label over its head's title, "Merit Programs" / "Director";
    the boxes of co-authors follow: "Adrien Ramirez" / "Former Staff Writer" / "@itsaramkat" /
    "Joanna Nelius" / "Former Senior Editor, Tech"). A name followed by anything else is not
    taken: under the article, a bare name is as often a related story's author or a commenter."""
    for i in range(start, stop - 1):
        if blocks[i].reason in ("related", "comment_prompt") or blocks[i + 1].reason == "comment_prompt":
            break
        names = _boxed_name(blocks[i], common)
        if not names:
            continue
        if role_line(blocks[i + 1].text) and person_by_first_name(names[0]):
            found = list(names)
            for j in range(i + 2, min(stop - 1, i + 2 + CO_AUTHOR_WITHIN)):
                more = _boxed_name(blocks[j], common)
                if more and role_line(blocks[j + 1].text) and person_by_first_name(more[0]):
                    found.extend(more)
            return tuple(dict.fromkeys(found)), i, "author box: name over a role"
        bio = blocks[i + 1].text
        if word_count(bio) >= MIN_BIO_WORDS and names_in_bio(names[0], bio):
            return names, i, "author box: name over a bio"
    return (), None, None


def _boxed_name(block: Block, common) -> tuple[str, ...]:
    """The one name of an author box's name line ("Matteo Laratta", "Emma Ryan Writer"), or ()."""
    if block.bullet or _LIST_MARK.match(block.text.lstrip()):
        return ()  # "• Media Planning" / "Marketing Leadership": a menu's items
    line = name_before_role(block.text) or block.text
    names = bare_names(line, common) if bare_names(line) else ()
    return names if len(names) == 1 else ()


def lowercase_words(blocks, chars: int = 3000) -> frozenset[str]:
    """Words the body's first ``chars`` characters write in lower case: common words, not names.
    Each distinct token is looked at once (prose repeats its "the", "and", "of")."""
    texts, size = [], 0
    for b in blocks:
        if b.kept:
            texts.append(b.text)
            size += len(b.text)
            if size > chars:
                break
    words = set()
    for token in set(" ".join(texts).split()):
        # dan.goodin@..., @dangoodin, ben_silverman: names written in lower case, not common words
        if "@" in token or "/" in token or "_" in token:
            continue
        token = token.strip(".,;:!?\"'()[]“”‘’«»")
        if len(token) >= 3 and token[0].islower() and token.isalpha():
            words.add(token)
    return frozenset(words)


def body_edges(blocks) -> tuple[int, int]:
    kept = [i for i, b in enumerate(blocks) if b.kept]
    return (kept[0], kept[-1]) if kept else (0, len(blocks) - 1)


# a year as a headline names it ("... Trends for 2024"), not a part of a longer number
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def headline_year(headline: str | None) -> int | None:
    """The one year a headline names ("Best Wireless Headphones of 2025"), or None (none, or two)."""
    years = set(_YEAR.findall(headline or ""))
    return int(years.pop()) if len(years) == 1 else None


def _date_under_headline(blocks, i: int, headline_at: int | None, dates, bylines) -> bool:
    """Whether a block the classifier swept into a ticker is the date line just under the headline
    ("[ December 8, 2025 ] Top 10 Best Hotels ..." items over the headline, then "June 3, 2024 39"),
    or under the byline that is under it ("Eilmeldung: ..." over the headline, "Von Anna Schmidt",
    "06.01.2026, 14:59 Uhr"): a ticker item has a title beside its date, this line has the date and
    a count at most."""
    if headline_at is None or blocks[i].reason != "ticker" or i not in dates:
        return False
    if i != headline_at + 1 and not (i == headline_at + 2 and headline_at + 1 in bylines):
        return False
    return word_count(blocks[i].text.replace(dates[i][0].raw, " ")) <= 1


def _in_related_list(blocks, lines, i: int, first_body: int, wrapped: bool) -> bool:
    """Whether block ``i`` stands between two items of a list of other stories ("READ MORE: ..." /
    "December 17, 2017" / "READ MORE: ..."), so that a date on it is one of theirs. On a page lynx
    wrapped, only a line set as the list's, indented past the body's text ("* The Citadel, Gozo,
    Malta" / "December 17, 2025" / ...: lynx indents a list item's lines); a WET or cropped page
    indents nothing, so there the neighbours say it alone."""
    if not (0 < i < len(blocks) - 1 and blocks[i - 1].reason == blocks[i + 1].reason == "related"):
        return False
    if not wrapped:
        return True
    body_line = lines[blocks[first_body].first_line]
    line = lines[blocks[i].first_line]
    return len(line) - len(line.lstrip()) > len(body_line) - len(body_line.lstrip())


def reads_month_first(blocks, first_body: int) -> bool:
    """Whether ambiguous numeric dates read month first: on English pages (US usage dominates)."""
    sample = " ".join(b.text for b in blocks[first_body: first_body + ENGLISH_SAMPLE_BLOCKS])[:ENGLISH_SAMPLE_CHARS]
    return len(_ENGLISH.findall(sample)) >= MIN_ENGLISH_WORDS


# lynx's marks that metadata reads past: an image's name ("[PTO-Policies-Feature.webp]",
# ``classify.IMAGE_NAME``), an unnamed image's hash or avatar ("[6eef5bc5-c8a0-4da1-...]",
# "[e5f6d14...?s=96& d=identicon&r=G]", wrapped once), a rule ("____...") and a frame. Not
# "(BUTTON)": the words beside it are the button's ("(BUTTON) Reveal Main Header"). Wider than
# ``classify._LYNX_MARKS``, which cuts marks from the body for good: there a long bracketed word and
# a rule may be the article's ("A --> D[effective_cache_size]" in a PostgreSQL how-to; cutting
# them too changed 56 bodies of the dev set, WET ones included); metadata gives the text back
_LYNX_NOISE = re.compile(r"(?i:" + IMAGE_NAME + r")|\[[^][\s]{16,}(?:\s[^][\s]+)?\]|_{10,}|^IFRAME:.*")


def _has_lynx_noise(text: str) -> bool:
    """``_LYNX_NOISE.search``, behind the plain look for what every one of its marks holds (a
    bracket, a rule, a frame's label) that most blocks lack: the pattern's four openings are
    tried at every character of a text (a thirtieth of a text page's time)."""
    return ("[" in text or "__________" in text or text.startswith("IFRAME:")) and bool(_LYNX_NOISE.search(text))


def _lynx_view(blocks: list[Block], wrapped: bool) -> list[Block]:
    """The blocks of a text page as metadata reads them for dates and names: without lynx's marks
    beside a byline ("[6eef5bc5-...] James Akinaka • 8h", "Idle Cartulary ____"), and, on a page
    lynx wrapped, with no text for the page's ``<link>`` elements that lynx prints as its first
    lines ("#alternate", "#Haki Benita Full Atom Feed"; 525 of the 832 lynx dumps open so, all in
    one run of lines), which hide a personal site's name on the first line. Only that run: past a
    blank line, "#MeToo Reaches the Russian Army" is a headline. The headline is ranked on the
    blocks as they were (its model learned them so); ``_restored`` gives the blocks their text back."""
    view = []
    links, links_end = wrapped, None  # still in the opening run of link lines; its last line
    for block in blocks:
        text = block.text
        if _has_lynx_noise(text):
            text = " ".join(_LYNX_NOISE.sub(" ", text).split())
        if not text.replace("(BUTTON)", "").strip():
            text = ""
        links = links and text.startswith("#") and (links_end is None or block.first_line == links_end + 1)
        if links:
            text, links_end = "", block.last_line
        view.append(block if text == block.text else replace(block, text=text))
    return view


def _initials_of(text: str, name: str) -> bool:
    """Whether ``text`` reads as an avatar's initials over ``name`` ("CP" / "Chengcheng Pei"): two
    or three capitals that open the initials of its words, in order ("JM" over "John Michael Doe";
    not "JD", its first and last names')."""
    initials = "".join(word[0] for word in name.split())
    return 2 <= len(text) <= 3 and text.isalpha() and text.isupper() and initials.startswith(text)


def _restored(read: list[Block], original: tuple[Block, ...], split_at: int | None) -> tuple[Block, ...]:
    """The blocks after metadata read them, each with the text the page gave it and its new reason;
    ``split_at``: the block cut into a headline and the paragraph under it (both keep their split
    text). Matched by position: a line may hold several blocks (an image's alt text cut from its
    caption)."""
    out = []
    for j, block in enumerate(read):
        k = j if split_at is None or j <= split_at else j - 1
        text = original[k].text
        out.append(block if split_at in (j, j - 1) or block.text == text else replace(block, text=text))
    return tuple(out)


def extract_metadata(doc: Document, ctx: RunContext) -> Document:
    blocks = list(doc.blocks)
    if not blocks:
        return doc
    if doc.format != "html":
        blocks = _lynx_view(blocks, doc.wrap_width is not None)
    lines = doc.lines
    first_body, last_body = body_edges(blocks)
    n = len(blocks)
    month_first = reads_month_first(blocks, first_body)

    common = _Lazy(lambda: lowercase_words(blocks))

    def is_common(word: str) -> bool:
        return word in common.value

    # 1. dates and bylines around the body's start and end
    dates, bylines, meta = scan(blocks, lines, first_body, last_body, month_first, is_common)
    tail = range(max(0, last_body - TAIL_BEFORE), min(n, last_body + TAIL_AFTER))

    # 2. the headline
    hints = doc.hints if doc.format == "html" else {}
    best, _ = pick_headline(list(doc.blocks), lines, first_body, meta)
    headline_at = None
    headline = None
    split_at = None  # the block cut into the headline and the paragraph under it
    if best is not None:
        headline_at = best.block
        if best.lines:
            _split_block(blocks, lines, best.block, best.lines)
            split_at = best.block
            dates = {(k + 1 if k > best.block else k): v for k, v in dates.items()}
            bylines = {(k + 1 if k > best.block else k): v for k, v in bylines.items()}
            first_body += first_body > best.block
            last_body += last_body > best.block
            n += 1
            tail = range(max(0, last_body - TAIL_BEFORE), min(n, last_body + TAIL_AFTER))
        # as metadata reads it: without lynx's marks ("[blog.png] 10 Tips ...", a rule under it);
        # blank (no headline) when the ranker took the <link> lines that open a page lynx wrapped
        # ("#Silicon Exposed - Atom ..."; with no wrap width known they are read as they stand)
        headline = blocks[headline_at].text.strip()
    lines_seen = []  # on HTML, the lines the page shows
    if doc.format == "html":
        html_head, html_page = html_texts(doc.raw, doc.encoding)
        lines_seen = visible_lines(html_page)
        # the page's <h1>/<title> says what the headline is; a line of the extracted text is the
        # headline only if it repeats it (the ranker's pick there may be a subheading)
        page_headline = html_headline(html_head, hints.get("headline"), lines_seen, is_common)
        if page_headline:
            headline = page_headline
            if headline_at is not None and normalize(blocks[headline_at].text) != normalize(headline):
                headline_at = None
    copies = []  # the headline printed again (in the page's header and over the article)
    if headline:
        key = normalize(headline)
        for i in range(max(0, first_body - 40), min(n, first_body + 12)):
            if i == headline_at or (key and normalize(blocks[i].text) == key):
                _relabel(blocks, i, "headline")
                if i != headline_at:
                    copies.append(i)

    # 3. the zone of the byline and the date
    if headline_at is not None:
        zone = range(max(0, headline_at - META_BEFORE), min(n, headline_at + META_AFTER))
        anchor = headline_at
    else:
        zone = range(max(0, first_body - NO_HEADLINE_BEFORE), min(n, first_body + NO_HEADLINE_AFTER))
        anchor = first_body
    # the body's start, when the headline is elsewhere (or was not found): a second place to look
    body_zone = [i for i in range(max(0, first_body - NO_HEADLINE_BEFORE), min(n, first_body + NO_HEADLINE_AFTER))
                 if i not in zone]
    # the date line may stand under the headline's other copy: a third place to look for the date
    copy_zone = sorted({i for c in copies for i in range(max(0, c - META_BEFORE), min(n, c + META_AFTER))
                        if i not in zone and i not in body_zone})
    stop = next((i for i in tail if blocks[i].reason == "related"), n)
    tail = [i for i in tail if i < stop and i not in zone and i not in body_zone and i not in copy_zone]

    # 4. the publication date
    published = published_raw = None
    date_at = None
    best_rank = None
    updated = None  # (rank, date, as written) of the best "Updated ..." date
    for i in list(zone) + body_zone + copy_zone + tail:
        under_headline = _date_under_headline(blocks, i, headline_at, dates, bylines)
        if blocks[i].reason in _NOT_DATELINE_REASONS and not under_headline:
            continue
        in_list = not under_headline and _in_related_list(blocks, lines, i, first_body, doc.wrap_width is not None)
        for d in dates.get(i, ()):
            if in_list and d.cue != "published":
                continue  # a date between two items of a list of other stories is one of theirs
            # after the body's end, a date says it is the article's with a cue or beside a byline
            # ("Written by Moses Kim and Kate Shokurova" / "April 8, 2024")
            if (i in tail and d.cue not in ("published", "updated")
                    and not any(j in bylines for j in (i - 1, i, i + 1))):
                continue
            rank = (_CUE_RANK[d.cue] + (i in bylines) * 0.5 - 0.05 * abs(i - anchor) - (i in tail) * 1.0
                    - (i in body_zone or i in copy_zone) * 0.5)
            if d.cue == "updated":
                # an "Updated ..." date is the record's ``updated``; it stands for the publication
                # date only where the page shows none (below)
                if updated is None or rank > updated[0]:
                    updated = (rank, d.iso, d.raw)
            elif (best_rank is None or rank > best_rank
                  or (rank == best_rank and i == date_at and d.iso[:10] < published[:10])):
                # two dates on one line, the same cue ("May 21, 2025April 24, 2025 by ..."): a
                # theme's publication and modification dates; the earlier is the publication
                best_rank, published, published_raw, date_at = rank, d.iso, d.raw, i
    if published is None:
        # farther out: a date that says it is the publication date ("Published: ..."), up to where
        # comments start (their dates are the commenters')
        wide = [i for i in range(max(0, anchor - WIDE_BEFORE), min(n, anchor + WIDE_AFTER)) if i not in zone]
        wide += [i for i in range(max(0, last_body - TAIL_BEFORE), min(n, last_body + TAIL_AFTER)) if i not in zone]
        comments = next((i for i in sorted(set(wide)) if i > anchor and blocks[i].reason == "comment_prompt"), n)
        for i in sorted(set(wide), key=lambda i: (abs(i - anchor), i)):
            if i >= comments or blocks[i].reason in _NOT_DATELINE_REASONS:
                continue
            ds = dates[i] if i in dates else _dates_of(blocks[i], month_first, lines)
            for d in ds:
                # farther out only a date that says it is the publication date (a lone date line
                # there was another day than the gold's more often than not on the dev pages)
                if d.cue == "published":
                    rank = _CUE_RANK[d.cue] - 0.02 * abs(i - anchor)
                    if best_rank is None or rank > best_rank:
                        best_rank, published, published_raw, date_at = rank, d.iso, d.raw, i
    captured = doc.source.get("captured")
    if published is None and captured:
        for i in zone:
            short = word_count(blocks[i].text) <= MAX_RELATIVE_DATE_WORDS
            rel = find_relative(blocks[i].text, captured) if short else None
            if rel:
                published, published_raw = rel
                date_at = i
                break
    year = headline_year(headline)
    if published is None and year:
        # a date line without its year ("Aug 15" / "Written By ..."), under a headline that names
        # one year ("Top 7 Corporate Catering Trends for 2024"): the page's year is the headline's
        for i in sorted(zone, key=lambda i: (abs(i - anchor), i)):
            found = month_day_line(blocks[i].text, year) if blocks[i].reason not in _NOT_DATELINE_REASONS else None
            if found:
                (published, published_raw), date_at = found, i
                break
    if published is None and updated:
        # a page that dates its article only by its last update ("Updated August 14, 2025"): that
        # is the date the page gives, and the text has no other. On the dev set's wet training
        # pages so dated it was the gold's day on 31, another day on 24 (a first publication
        # date the page never shows), and the gold had none on 6; held-out date 0.630 -> 0.722.
        # ``updated`` holds it too, so a record says where its date came from.
        published, published_raw = updated[1], updated[2]
    seen_at = None  # on HTML, where the headline stands among the lines the page shows
    if doc.format == "html":
        seen_at = headline_line(lines_seen, headline) if headline else None
        shown = date_by_headline(lines_seen, seen_at, month_first) if seen_at is not None else None
        hinted = hints.get("published")
        if shown is not None and not (hinted and same_date_read_otherwise(shown.iso, hinted)):
            published, published_raw = shown.iso, shown.raw
        elif hinted and (shown is not None or page_shows_date(doc.raw, hinted, lines_seen, html_page)):
            published, published_raw = hinted, hinted

    # 5. the authors
    authors: tuple[str, ...] = ()
    byline_at = None
    rule = None  # which of the rules below found the authors (``Document.authors_rule``)
    named = None
    for i in sorted(zone, key=lambda i: (abs(i - anchor), i)) + sorted(body_zone, key=lambda i: (abs(i - first_body), i)):
        if i == headline_at or word_count(blocks[i].text) > MAX_BYLINE_WORDS:
            continue
        # the scan stops 40 blocks above the body: a headline farther up has its byline unscanned
        names = bylines.get(i) or byline_authors(blocks[i].text, is_common)
        if names:
            authors, byline_at = names, i
            rule = "byline near the headline" if i in zone else "byline at the body's start"
            break
    if not authors and headline_at is not None:
        # a name alone near the headline, beside the date line: "Andrew King" / "September 4, 2025";
        # a name that has its date on its own line ("Alex Perry 1 day ago") before a bare one
        # ("Tech Insider", the source, above it)
        found = None
        found_role = False
        for i in _near_headline(blocks, headline_at):
            # a line that ends with a colon is a label over the next ("Open Journalism Project:" /
            # "Better Student Journalism", a title set on two lines), not a name
            if (blocks[i].reason in _NOT_BYLINE_REASONS
                    or cue_reasons([blocks[i].text.casefold()])[0] is not None or blocks[i].text.endswith((":", "："))):
                continue
            text = blocks[i].text
            parts = [(text, False)]
            if i in dates:  # "Dan Goodin - Apr 16, 2015", "Dec. 19, 2025 · Niko Matsakis on behalf of ..."
                after = text[dates[i][-1].end:]
                # ... or a piece of the date line's list, after the date or before it ("December 15,
                # 2025 · 30 min · Ash Vardanian", "109 Comments | Jill Winger | Last Updated: ..."); before
                # it, a person's by the first name: a breadcrumb stands there ("World | Middle East | ...")
                before = text[: dates[i][0].start]
                parts = [(before, False), (after, False)]
                parts += [(piece, False) for piece in _LIST_SEPARATOR.split(after)[1:]]
                parts += [(piece, True) for piece in _LIST_SEPARATOR.split(before)[1:]]
            elif not blocks[i].kept and blocks[i].first_line < blocks[i].last_line < blocks[i].first_line + MAX_JOINED_LINES:
                # lynx runs a name line into its neighbours ("Headshot of Lisa Pham, Associate ..." /
                # "Lisa Pham"): each line of a block outside the body may be the name alone
                parts += [(line, True) for line in lines[blocks[i].first_line: blocks[i].last_line + 1]]
            names = ()
            team = None
            dated = i in dates or any(j in dates for j in (i - 1, i + 1))
            for part, person_only in parts:
                part = part.strip(" ·•|-–—\u00a0")
                name = name_part(_NAME_THEN_REST.sub("", part))
                name = name_before_role(name) or name  # "Emma Ryan Lead Writer"
                # a team's name ("Podium Staff") beside a date, or of words the body does not use
                team = team_name(name, frozenset() if dated else is_common) if name else None
                if team:
                    names = (team,)
                elif person_only:
                    # a piece of a line: a person's name by its first name, not the end of a wrapped
                    # line ("... Skills for" / "Successful Event Management") or a category
                    names = bare_names(name, common.value)
                    names = names if all(person_by_first_name(a) for a in names) else ()
                elif name and bare_names(name):
                    names = bare_names(name, common.value)
                if names:
                    rest = part[len(name):].strip(" ·•|-–—,\u00a0")
                    break
            if not names:
                continue
            when = any(j in dates or (0 <= j < n and date_like(blocks[j].text)) for j in range(i - 2, i + 3))
            # "Manoj Jain and Jagpreet Chhatwal | Guest Columnists", or a role on the next line; a
            # team's name says what it is ("Podium Staff")
            role = (team is not None or role_line(rest)
                    or any(0 <= j < n and role_line(blocks[j].text) for j in (i - 1, i + 1)))
            if when or role:
                if i in dates or date_like(text):
                    # the name on the date line, unless a name with its job title came first ("Ben
                    # Silverman" / "Games Editor" / "Yahoo FinanceOctober 13, 2016": the source's)
                    found = found if found and found_role else (names, i, "name on the date line")
                    break
                if not found:
                    found, found_role = (names, i, "name beside a role" if role else "name beside a date"), role
            elif named is None and _first_names_alone(blocks[i], rest, names):
                named = (names, i)
        if found:
            authors, byline_at, rule = found
    if not authors:
        for i in tail:
            if i in bylines:
                authors, byline_at, rule = bylines[i], i, "byline after the body"
                break
    if not authors:
        # farther out, as for the date: a block that says it is a byline ("By ...", "Written by
        # ..."), nearest the headline first, never in a related story or a comment (the dev set's
        # authors: wet 0.619 -> 0.626, lynx 0.572 -> 0.581, with no more names given wrongly)
        wide = range(max(0, anchor - WIDE_BEFORE), min(n, anchor + WIDE_AFTER))
        comments = next((i for i in wide if i > anchor and blocks[i].reason == "comment_prompt"), n)
        for i in sorted(wide, key=lambda i: (abs(i - anchor), i)):
            if (i >= comments or blocks[i].reason in _NOT_BYLINE_REASONS
                    or word_count(blocks[i].text) > MAX_BYLINE_WORDS):
                continue
            names = bylines.get(i) or byline_authors(blocks[i].text, is_common)
            if names:
                authors, byline_at, rule = names, i, "byline farther out"
                break
    if not authors and named:
        # a line of names alone near the headline, each opening with a known first name ("Lisa
        # Pham"), with no date or title beside it: after the cued bylines farther out
        (authors, byline_at), rule = named, "first names alone"
    if not authors:
        # the author box under the article: "About the author" / "Jane Doe"
        for i in range(max(0, last_body - TAIL_BEFORE), min(n - 1, last_body + AUTHOR_BOX_AFTER)):
            if blocks[i].reason == "related":
                break
            if author_box_heading(blocks[i].text):
                # the name under the heading, past an avatar's initials ("Author" / "CP" / "Chengcheng Pei")
                below = blocks[i + 2] if i + 2 < n and _initials_of(blocks[i + 1].text, blocks[i + 2].text) else blocks[i + 1]
                authors = bare_names(below.text, common.value) if bare_names(below.text) else ()
                rule = "author box heading" if authors else None
                break
    if not authors:
        authors, byline_at, rule = _bio_author(blocks, max(first_body, last_body - TAIL_BEFORE),
                                               min(n, last_body + AUTHOR_BOX_AFTER), common.value)
    if not authors and headline_at is not None:
        authors, byline_at = _one_word_beside_date(blocks, lines, dates, headline_at, is_common)
        rule = "one word beside a date" if authors else None
    first = next((i for i, b in enumerate(blocks) if b.text), 0)
    if not authors and blocks[first].first_line == blocks[first].last_line:
        # a personal site's name on the page's first line ("Cory Dransfeldt", then its menu): its
        # owner wrote the article; only a person's name by its first name and not the body's words
        names = bare_names(blocks[first].text, common.value)
        if names and all(person_by_first_name(a) for a in names):
            authors, byline_at, rule = names, first, "site owner on the first line"
    # on HTML, the byline the page shows by its headline; then the markup's authors, which name
    # the site's account, a designer or a page template's placeholder more often (dev set's html
    # training pages: authors 0.730 -> 0.782, given with no right name 11.6% -> 10.4%)
    seen_byline = byline_by_headline(lines_seen, seen_at, is_common) if seen_at is not None else ()
    if seen_byline:
        authors, rule = seen_byline, "byline by the headline"
    elif hints.get("authors"):
        # the page's own metadata (trafilatura joins several authors with "; "): taken as written,
        # one-word names and organisations included; but the names the text's rules found when the
        # page shows none of the markup's, or when they are the markup's and more (dev set's html
        # pages: authors 0.848 -> 0.856, held-out 0.846 -> 0.852; given with no right name on
        # training pages 9.6% -> 9.0%, held-out 8.8% as it was)
        listed = clean_listed_authors(re.split(r";|\s\|\s", hints["authors"]))
        # anywhere on the page: either rendering (the visible lines keep a few blocks resiliparse drops)
        page = doc.text + "\n" + "\n".join(lines_seen)
        if listed and markup_or_byline(listed, authors, page) == listed:
            authors, rule = listed, "page metadata"

    # 6. keywords and section
    keywords: list[str] = []
    for i in list(zone) + tail + list(range(max(0, last_body - TAIL_BEFORE), min(n, last_body + TAIL_AFTER))):
        tags = _tags(blocks[i].text)
        if tags:
            keywords = tags
            _relabel(blocks, i, "tags")
            break
    if hints.get("keywords"):
        keywords = _hint_list(hints["keywords"]) or keywords
    section = _kicker(blocks, headline_at, {date_at, byline_at}) if headline_at is not None else None
    if hints.get("section"):
        section = ", ".join(_hint_list(hints["section"])) or section

    if date_at is not None and _is_metadata_line(blocks[date_at], published_raw, MAX_DATELINE_WORDS):
        _relabel(blocks, date_at, "byline" if date_at == byline_at else "dateline")
    if byline_at is not None and _is_metadata_line(blocks[byline_at], None, MAX_BYLINE_WORDS):
        _relabel(blocks, byline_at, "byline")
    # a name keeps the page's spacing until here: "Jane\u00a0Doe" is recorded as "Jane Doe"
    authors = tuple(" ".join(a.split()) for a in authors)
    return replace(doc, blocks=_restored(blocks, doc.blocks, split_at), headline=headline or None, authors=authors,
                   authors_rule=rule if authors else None,
                   published=published, published_raw=published_raw,
                   updated=updated and updated[1], keywords=tuple(keywords),
                   section=section)

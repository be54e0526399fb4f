"""The multilingual cue phrases of ``data/phrases.json``, matched against short blocks.

A block whose whole text (case-folded, punctuation trimmed) is one of a reason's ``exact``
phrases, or that starts with one of its ``prefix`` phrases while being short, says by its wording
alone why it is not body ("Related articles", "Subscribe to our newsletter", "© 2024 ..."); so
does a share or comment button with its count run into the label ("teilen17", "Comments 12"). All
phrases of a kind are compiled into one regular expression, so matching a page is one C-level
search per block, whatever the number of phrases and languages.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from .patterns import alternation

# what is trimmed off a block's ends before it is looked up: spaces, ASCII and common Unicode
# punctuation, bullets, arrows (str.strip with a set of characters: no regex per block)
_TRIM_CHARS = (" \t\u00a0\u3000" + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + "«»‹›“”‘’„‚–—―…·•▪◦‣●○■□►▶▸→←↑↓⟩⟨|¦§¶†‡°"
               + "、。，．：；！？（）【】「」『』《》〈〉・")


def _trim(text: str) -> str:
    return text.strip(_TRIM_CHARS)
# a cue phrase decides only short blocks: a long paragraph that happens to start with
# "Copyright" or "Share" is prose, and the classifier judges it (each reason's `max_words`; the
# longest of them bounds every search)


# no-break, fixed-width and thin spaces, read as plain ones (the ideographic space stays: CJK pages
# indent with it, and ``_trim`` strips it at the ends). A substitution, not ``str.translate``: with
# a table, translate looks up every character of a non-ASCII text in a dict (a curly quote is
# enough), which was half of the cue lookups' time.
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f]")
# marks with no letter of their own: right-to-left and left-to-right marks (an Arabic or Hebrew
# page sets them around numbers and Latin words), and the dot that case-folding leaves over a
# Turkish capital İ ("İlgili".casefold() is "i̇lgili", not the list's "ilgili")
_MARKS = re.compile("[\u200e\u200f\u061c]|(?<=i)\u0307")


def _plain_spaces(text: str) -> str:
    return text if text.isascii() else _MARKS.sub("", _SPACES.sub(" ", text))


def _lookup_key(folded: str) -> str:
    """A casefolded text as the phrase lists are looked up: no-break and thin spaces plain, spaces
    and punctuation trimmed off its ends. Other whitespace at the ends (a line break) stays:
    ``is_label`` strips it first, ``is_skip_link`` does not.

    >>> _lookup_key("» read\\u00a0more:"), _lookup_key("read more\\n")
    ('read more', 'read more\\n')
    """
    return _trim(_plain_spaces(folded))


@lru_cache(maxsize=1)
def _phrase_file() -> dict:
    """``data/phrases.json``, read once: the cue lists, and the ``_``-named lists of other matchers."""
    return json.loads(resources.files(__package__).joinpath("data/phrases.json").read_text(encoding="utf-8"))


def _data() -> dict:
    """The cue lists, by removal reason."""
    return {k: v for k, v in _phrase_file().items() if not k.startswith("_")}


CUE_REASONS: tuple[str, ...] = tuple(_data())


@lru_cache(maxsize=1)
def _cues() -> tuple[dict[str, str], dict[str, re.Pattern], dict[str, str], dict[str, int], int]:
    exact: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    max_words = {reason: int(lists.get("max_words", 25)) for reason, lists in _data().items()}
    for reason, lists in _data().items():
        for phrase in lists["exact"]:
            exact.setdefault(_trim(phrase.casefold()), reason)
        for phrase in lists["prefix"]:
            prefixes.setdefault(phrase.casefold(), reason)
    for phrase in _skip_links():
        exact.setdefault(phrase, "navigation")
    # longest first, so that "read more:" wins over "read"; one expression per first character (a
    # text is tried against the few phrases that can match it, not all of them: a quarter of the time)
    ordered = sorted(prefixes, key=lambda p: (-len(p), p))
    by_first: dict[str, list[str]] = {}
    for phrase in ordered:
        by_first.setdefault(phrase[0], []).append(phrase)
    patterns = {first: re.compile("|".join(map(re.escape, phrases))) for first, phrases in by_first.items()}
    return exact, patterns, prefixes, max_words, max(max_words.values(), default=0)


# a count run into a button's label, or after it: "teilen17", "Share 17", "Comments 1,024"
_TRAILING_COUNT = re.compile(r"\s*\d[\d.,]*$")


@lru_cache(maxsize=1)
def _counted_labels() -> frozenset[str]:
    """The button labels a page may run a count into (``_counted`` in ``data/phrases.json``)."""
    return frozenset(_trim(label.casefold()) for label in _phrase_file()["_counted"]["labels"])


def _counted_reason(folded: str, exact: dict[str, str]) -> str | None:
    """The reason of a button whose label carries a count ("Share 17", "tweet0"), or None."""
    label = _trim(_TRAILING_COUNT.sub("", folded))
    return exact.get(label) if label in _counted_labels() else None


def cue_reason(text: str) -> str | None:
    """The removal reason a block's wording alone gives, or None.

    >>> cue_reason("Related articles")
    'related'
    >>> cue_reason("Subscribe to our evening newsletter to stay informed!!")
    'newsletter'
    >>> cue_reason("The Kremlin previously warned that the attacks would be answered.") is None
    True
    """
    return cue_reasons([text.casefold()])[0]


def cue_reasons(folded_texts: list[str]) -> list[str | None]:
    """``cue_reason`` of many blocks at once; the texts must already be case-folded. A no-break or
    thin space counts as a space ("Read\u00a0more"), as in the byline and date lists (``patterns``);
    a button's label with its count run in ("Share 17") is that label (``_counted_reason``)."""
    exact, patterns, prefixes, max_words, longest = _cues()
    out: list[str | None] = []
    for folded in folded_texts:
        # the text's ``_lookup_key`` once stripped, in two steps: the words are counted, and the
        # prefixes matched, on the text with plain spaces, before its ends are trimmed
        folded = _plain_spaces(folded).strip()
        words = folded.count(" ") + 1
        reason = None
        if words <= longest:
            if len(folded) < 200:
                reason = exact.get(_trim(folded))
                if reason is None and folded[-1:].isdigit():
                    reason = _counted_reason(folded, exact)
            if reason is None:
                pattern = patterns.get(folded[:1])
                match = pattern.match(folded) if pattern else None
                reason = prefixes[match.group()] if match else None
            if reason is not None and words > max_words[reason]:
                reason = None
        out.append(reason)
    return out


def is_label(text: str) -> bool:
    """Whether the whole of ``text`` is one of the cue phrases (``exact``): a label ("Breaking
    News", "Related articles"), not a line that opens with a cue and goes on ("Eilmeldung:
    Bahnstreik in mehreren Bundesländern angekündigt").

    >>> is_label("Breaking news:"), is_label("Breaking news: Storm hits the coast")
    (True, False)
    """
    return _lookup_key(text.casefold().strip()) in _cues()[0]


@lru_cache(maxsize=1)
def _skip_links() -> frozenset[str]:
    return frozenset(_trim(p.casefold()) for p in _phrase_file()["_skip_links"])


def is_skip_link(text: str) -> bool:
    """Whether the whole of ``text`` is a skip-to-content or back-to-top link ("Skip to main
    content", "ここから本文です"): a line a page uses for nothing else, so never its headline, though
    lynx prints it where one stands. Other navigation labels can be a page's own title ("About us",
    "Privacy policy"), and a link's opening words a headline's ("Back to school: ...").

    >>> is_skip_link("ここから本文です"), is_skip_link("Back to School: What Changes"), is_skip_link("About us")
    (True, False, False)
    """
    return _lookup_key(text.casefold()) in _skip_links()


CONTAINS_GROUPS: tuple[str, ...] = ("cta", "bio", "legal")


@lru_cache(maxsize=1)
def _contains_index() -> tuple[dict[str, list[tuple[int, str]]], frozenset[str], list[tuple[int, str]], re.Pattern]:
    """The phrases by first word; the others (CJK phrases, and single words with a non-ASCII
    letter: "contáctenos"), searched anywhere in a text; and a pattern that finds, for each of
    those, a non-ASCII character it holds: a text in which it finds none holds none of them (most
    non-ASCII texts, whose only such characters are curly quotes and dashes)."""
    groups = _phrase_file()["_contains"]
    by_first: dict[str, list[tuple[int, str]]] = {}
    unspaced: list[tuple[int, str]] = []  # CJK phrases: no word boundaries to look up
    for g, name in enumerate(CONTAINS_GROUPS):
        for phrase in groups[name]:
            phrase = phrase.casefold()
            first = _FIRST_WORD.match(phrase)
            if first and first.group() != phrase or (first and phrase.isascii()):
                by_first.setdefault(first.group(), []).append((g, phrase))
            else:
                unspaced.append((g, phrase))
    marks = {next((c for c in phrase if not c.isascii()), "") for _, phrase in unspaced}
    marked = (re.compile("") if "" in marks else re.compile(f"[{re.escape(''.join(sorted(marks)))}]") if marks
              else re.compile("(?!)"))  # (an ASCII phrase: every text is searched; no phrase: none)
    return by_first, frozenset(by_first), unspaced, marked


_FIRST_WORD = re.compile(r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")


def contains_counts(folded_texts: list[str], words: list[list[str]]) -> list[list[int]]:
    """How many phrases of each ``_contains`` group (calls to action, author bios, legal fine
    print) each block holds anywhere in its text. ``words`` are the blocks' case-folded \\w+ words;
    a phrase is searched only in blocks that hold its first word (set intersections, C speed)."""
    by_first, firsts, unspaced, marked = _contains_index()
    counts = [[0] * len(folded_texts) for _ in CONTAINS_GROUPS]
    for i, (text, ws) in enumerate(zip(folded_texts, words)):
        for first in firsts.intersection(ws):
            for g, phrase in by_first[first]:
                if phrase in text:
                    counts[g][i] += text.count(phrase)
        if ws and not text.isascii() and marked.search(text):
            for g, phrase in unspaced:
                if phrase in text:
                    counts[g][i] += text.count(phrase)
    return counts


@lru_cache(maxsize=1)
def _bio_patterns() -> tuple[re.Pattern, re.Pattern]:
    lists = _phrase_file()["_bio_opening"]
    copulas, roles = alternation(lists["copulas"]), alternation(lists["roles"])
    opening = re.compile(rf"\(?((?:[^\W\d_][\w'’.-]*\s+){{2,3}}?)(?:{copulas})\s", re.IGNORECASE)
    return opening, re.compile(rf"\b(?:{roles})\b", re.IGNORECASE)


def opens_like_a_bio(text: str) -> bool:
    """Whether a block opens as an author's bio does: a capitalised name of two or three words, a
    copula, and somewhere a role ("Jane Doe is a freelance writer ...", "Max Muster ist Redakteur").

    >>> opens_like_a_bio("Karina Cohen is the owner of CR Maids, a local cleaning company.")
    True
    >>> opens_like_a_bio("The Nissan Leaf is a vehicle we have loved since its second generation.")
    False
    """
    opening, role = _bio_patterns()
    match = opening.match(text)
    return bool(match) and all(w[:1].isupper() for w in match.group(1).split()) and bool(role.search(text))


# a sentence's end: not the dot of an abbreviation ("U.S. troops", "St. Louis"): after a word of
# three letters or more, and before a capital
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3})[.!?…][\"”’)]*\s+(?=[\"“‘(]?[A-Z])")


@lru_cache(maxsize=1)
def _alt_text_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    lists = _phrase_file()["_alt_text_opening"]
    article, noun = alternation(lists["articles"]), alternation(lists["nouns"])
    link, participle = alternation(lists["links"]), alternation(lists["participles"])
    words = r"(?:[\w'’-]+\s+){0,2}"
    opening = re.compile(rf"(?!(?:{alternation(lists['not_openings'])})\b)"
                         rf"(?:(?:(?:{article})\s+{words})?(?:{noun})\s+(?:{link})|{words}(?:{noun})\s+(?:{participle}))\s",
                         re.IGNORECASE)
    # in lower case only: "A photo of Will Smith", "Photo of May Day protesters" name, not state
    finite_verb = re.compile(rf"\b(?:{alternation(lists['finite_verbs'])})\b")
    subordinator = re.compile(rf"\b(?:{alternation(lists['subordinators'])})\b", re.IGNORECASE)
    return opening, finite_verb, subordinator


def opens_like_alt_text(text: str) -> bool:
    """Whether a block opens by naming a picture, as an image's alt text does ("A photo of a
    smoothie bowl ...", "Diagram showing an AWS ...", "Line graph showing ..."), not as a sentence
    about one ("The chart shows ...", "Photos of the victims were released ...", "Taking photos of
    products ...").

    >>> opens_like_alt_text("Screenshot of a Google Dataflow monitoring dashboard.")
    True
    >>> opens_like_alt_text("Screenshot of a Google Dataflow monitoring dashboard. It displays real-time metrics.")
    True
    >>> opens_like_alt_text("A photo of Will Smith at the Oscars.")
    True
    >>> opens_like_alt_text('A promotional graphic titled "Top Mental Health Tips for 2025" featuring a hand')
    True
    >>> opens_like_alt_text("The above graph shows that YouTube boasts a wide reach across age groups")
    False
    >>> opens_like_alt_text("Satellite images showing Russian troops near the border were released on Monday.")
    False
    >>> opens_like_alt_text("Taking photos of products has never been more popular.")
    False
    """
    opening, finite_verb, subordinator = _alt_text_patterns()
    if opening.match(text) is None:
        return False
    main_clause = subordinator.split(_SENTENCE_END.split(text, maxsplit=1)[0], maxsplit=1)[0]
    return finite_verb.search(main_clause) is None

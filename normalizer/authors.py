"""The authors of an article beyond what a byline says: a name alone on its line next to the
headline (``bare_names``), a name before its job title, the authors a page's markup lists
(``clean_listed_authors``, ``markup_or_byline``), an author's bio and the heading of an author's box.

Reading a byline itself (its cue, names, roles and credits) is ``bylines``; the wording of both is
data (``data/bylines.json``), per language.
"""
from __future__ import annotations

import re

from .bylines import (CREDENTIAL, HAN_OR_KANA, LIST_MARKER, MAX_NAME_WORDS, MONTH_DAY, drop_trailing_month,
                      looks_like_name, membership, month_names, person_by_first_name, undouble, without_photo_text,
                      wording)
from .thresholds import step_thresholds

# hand-set thresholds; what each means, and where it came from, is said in the file
THRESHOLDS = step_thresholds("authors")


def bare_names(text: str, common_words=frozenset()) -> tuple[str, ...]:
    """The names of a block that is nothing but a person's name (``Andrew King``), with the
    credentials the page writes after it (``Dylan Bailey, MS, RD``), or a list of such names;
    empty when the block is anything else.

    ``common_words`` holds (a set, or a test ``word -> bool``) the words the page's body uses in
    lower case: a name has at least one word that is not one of them (``Study Abroad``, ``Find
    Care`` and ``Power Coaching`` are labels; ``Madison Green`` is a person).

    >>> bare_names("Andrew King"), bare_names("Order Now"), bare_names("by the way")
    (('Andrew King',), (), ())
    >>> bare_names("1. Sarah Archer"), bare_names("Dylan Bailey, MS, RD, FAND")
    (('Sarah Archer',), ('Dylan Bailey, MS, RD, FAND',))
    >>> bare_names("Naftali Tishby, Fernando C. Pereira, William Bialek")
    ('Naftali Tishby', 'Fernando C. Pereira', 'William Bialek')
    >>> bare_names("Study Abroad", frozenset({"study", "abroad"}))
    ()
    """
    text = undouble(without_photo_text(LIST_MARKER.sub("", text)).strip(" ,;:|-–—·\u00a0"))
    pieces = [p.strip() for p in re.split(r",|\s(?:and|&|und|et|y)\s", text)]
    if not all(pieces):
        return ()
    d = wording()
    is_common = membership(common_words)

    def person(p):
        words = [w.strip(".'’-").casefold() for w in p.split()]
        checked = [w for w in words if len(w) >= 3 and w not in d["particles"]]
        # every word a common one: a label ("Study Abroad"); "Madison Green" has a name in it
        return (looks_like_name(p, bare=True) and not any(w in d["role_words"] for w in words)
                and not (checked and all(is_common(w) for w in checked)))

    if not person(pieces[0]):
        return ()
    if len(pieces) > 1 and all(person(p) for p in pieces):
        return tuple(pieces)
    if all(CREDENTIAL.match(p) for p in pieces[1:]):
        return (text,)
    return ()



def date_like(text: str) -> bool:
    """A month name and a day, even without a year ("Dec 10"), or a relative time ("1 day ago",
    "8h"): the line next to a name says when, so the name is the byline's."""
    return bool(any(w.casefold() in month_names() for w in MONTH_DAY.findall(text))
                or _RELATIVE_TIME.search(text))


_RELATIVE_TIME = re.compile(r"\b\d{1,3}\s*(?:h|hrs?|hours?|d|days?|m|mins?|minutes?|w|weeks?)\b(?:\s+ago)?|\bago\b|"
                            r"\d\s*(?:min|minute)s?\s+read", re.IGNORECASE)


def name_before_role(text: str) -> str | None:
    """The name that opens a line when a job title follows it with no comma or separator
    ("Rasmus Barslund Founder & Lead Reviewer" -> "Rasmus Barslund"): two or three words, the
    first a known first name, the rest a title that opens with a title's word.

    >>> name_before_role("Emma Ryan Lead Writer"), name_before_role("Lisa Pham"), name_before_role("Senior Editor Jobs")
    ('Emma Ryan', None, None)
    """
    head = name_then_role(text, max_name_words=3)
    return head if head and bare_names(head) == (head,) and person_by_first_name(head) else None


def name_then_role(text: str, *, max_name_words: int, loose_title_words: int = 0) -> str | None:
    """The words before a job title that follows them ("Linda Rosencrance Contributing Writer",
    "Jane Doe - Staff Writer" -> "Linda Rosencrance", "Jane Doe"), or None: the first cut after
    the name's second word (its third after an honorific, never after a particle: "Dr. Jane Doe",
    "Jean-Luc de la Fontaine") where the rest is a title that opens with a title's word or a
    listed role. Where the text is known to be an author's, a capitalised title of at most
    ``loose_title_words`` words will do too ("Games Editor", "Tech Reporter"). Separators
    between name and title are dropped.

    >>> name_then_role("Hakeem Olajuwon Senior Editor at Large", max_name_words=6)
    'Hakeem Olajuwon'
    >>> name_then_role("Jane Doe, Tech Reporter", max_name_words=6, loose_title_words=3)
    'Jane Doe'
    """
    d = wording()
    words = text.split()
    start = 3 if words and words[0].casefold().rstrip(".") in d["honorifics"] else 2
    for k in range(start, min(len(words), max_name_words + 1)):
        if words[k - 1].casefold() in d["particles"]:
            continue
        title = [w for w in words[k:] if any(ch.isalnum() for ch in w)]
        if not title or not role_line(" ".join(title)):
            continue
        folded = " ".join(title).casefold()
        opens = title[0].casefold() in d["role_words"] or any(folded.startswith(role) for role in d["roles"])
        if opens or (len(title) <= loose_title_words and title[0][:1].isupper()):
            return " ".join(words[:k]).rstrip(",;:|-–— ")
    return None


def role_line(text: str) -> bool:
    """A line of job-title words ("Senior Content Contributor", "Games Editor")."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]
    return 0 < len(words) <= 5 and any(w in wording()["role_words"] for w in words)


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def clean_listed_authors(pieces) -> tuple[str, ...]:
    """Authors as a page's metadata lists them (trafilatura's ``author``), tidied: a trailing date
    word cut ("Laura June Topolsky July"), credentials put back after the name they follow
    ("Dylan Bailey; MS; RD" -> "Dylan Bailey, MS, RD"), a byline's cue and a job title cut
    (``_listed_name``), menu words and URLs dropped, and a one-word name beside a full one. A lone
    one-word name and organisations stay: the page states them as its authors.

    >>> clean_listed_authors(["Dylan Bailey", "MS", "RD", "FAND"])
    ('Dylan Bailey, MS, RD, FAND',)
    >>> clean_listed_authors(["Laura June Topolsky July", "Username", "Jane Supermove February 8"])
    ('Laura June Topolsky', 'Jane Supermove')
    >>> clean_listed_authors(["Justin C Meserole", "Morgan", "On"])
    ('Justin C Meserole',)
    """
    d = wording()
    out: list[str] = []
    for piece in pieces:
        piece = " ".join(str(piece).split()).strip(" ,;|")
        piece = re.split(r"\s*https?:|\s\d", piece)[0].strip(" ,;|")
        while True:
            cut = drop_trailing_month(piece)
            words = cut.split()
            if words and words[-1].casefold().strip(".,") in _WEEKDAYS:
                cut = " ".join(words[:-1])
            if cut == piece:
                break
            piece = cut.strip(" ,;|")
        if not piece:
            continue
        if out and CREDENTIAL.match(piece):
            out[-1] = f"{out[-1]}, {piece}"
            continue
        piece = _listed_name(piece)
        if not piece:
            continue
        words = [w.casefold().strip(".,") for w in piece.split()]
        if piece.casefold() in d["not_names"] or any(w in d["not_name_words"] for w in words) or len(words) > MAX_NAME_WORDS:
            continue
        out.append(piece)
    # a one-word name listed beside a full name is an account's or the site's ("Fastarz; Ahmet
    # Serhan"), as trafilatura takes a lone one-word author tag; not a Chinese or Japanese name
    # (dev set's html authors 0.856 -> 0.859, held-out 0.852 as it was)
    if any(" " in a for a in out):
        out = [a for a in out if " " in a or HAN_OR_KANA.search(a)]
    return tuple(dict.fromkeys(out))


# a job title after a listed name that opens with no title's word: at most this many words ("Harry
# Rabinowitz Tech Reporter"); a longer one must open with one ("Senior Editor at Large")
LISTED_TITLE_WORDS = THRESHOLDS["listed_title_words"]


def _name_words(text: str) -> str:
    """A name's, or a page's, words, casefolded, between spaces: the form in which one is looked
    for in the other ("Shelby Loos, DVM" -> " shelby loos dvm ")."""
    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "


def markup_or_byline(listed: tuple[str, ...], found: tuple[str, ...], page: str) -> tuple[str, ...]:
    """The authors of an HTML page: those its markup lists (``listed``, from meta tags, JSON-LD or
    the author's elements), or those the text's rules found on what the page shows (``found``;
    ``page`` is the page's text). The markup's, but for two cases where the page itself is the
    better witness:

    - none of the markup's names appears anywhere on the page, and the text names someone: the
      markup's names are then a site's account, its publisher or a template's placeholder
      ("Automateed Team" on a page signed "Stefan");
    - the text's byline names every author the markup lists, and more: the markup kept only the
      first of them.

    >>> markup_or_byline(("Automateed Team",), ("Stefan",), "Stefan\\nMarch 3, 2025\\nHow to ...")
    ('Stefan',)
    >>> markup_or_byline(("Rui Ma",), ("Rui Ma", "Heba Ledwon"), "By Rui Ma and Heba Ledwon")
    ('Rui Ma', 'Heba Ledwon')
    >>> markup_or_byline(("Jane Doe",), ("John Roe",), "By John Roe ... Jane Doe")
    ('Jane Doe',)
    """
    if not found:
        return listed
    if not listed:
        return found
    listed_words, found_words = {_name_words(a) for a in listed}, {_name_words(a) for a in found}
    page_words = _name_words(page)
    if not any(w in page_words for w in listed_words if w.strip()) or listed_words < found_words:
        return found
    return listed


def _listed_name(piece: str) -> str:
    """A name of a page's metadata without the byline's cue or job title it kept ("Author Michael
    Ansaldo", "Linda Rosencrance Contributing Writer", "Matt Check Head Winemaker"); "" for a
    piece that is a job title alone ("Certified Pediatric Sleep Consultant", "Co-Founder"), not
    a person's name ("Emily Head" is one), or a credit for other work ("Photo by ...")."""
    d = wording()
    if any(piece.casefold().startswith(credit + " ") for credit in d["not_author"]):
        return ""
    piece = d["listed_cue"].sub("", piece)
    if role_line(piece) and not person_by_first_name(piece):
        return ""
    return name_then_role(piece, max_name_words=MAX_NAME_WORDS, loose_title_words=LISTED_TITLE_WORDS) or piece


# a bio names its person among its first words ("(Editor / Journalist) – Albert comes from ..."),
# the verb at most this many words after the first name ("Maria Mathioudaki is", "Lauren has")
BIO_NAME_WITHIN, BIO_VERB_WITHIN = THRESHOLDS["bio_name_within"], THRESHOLDS["bio_verb_within"]
_BIO_WORDS = re.compile(r"[^\W\d_]+|[—–]")


def names_in_bio(name: str, text: str) -> bool:
    """Whether a paragraph opens as the bio of the person named: their first name among its
    first words, then a verb ("is", "has", "ist", "est").

    >>> names_in_bio("Maria Mathioudaki", "Maria is a growth analyst specializing in SEM.")
    True
    >>> names_in_bio("Organic Intelligence", "Organic Intelligence L: The Legacy of Bappi Lahiri")
    False
    """
    d = wording()
    first = name.split()[0].casefold()
    words = [w.casefold() for w in _BIO_WORDS.findall(text)[: BIO_NAME_WITHIN + BIO_VERB_WITHIN]]
    for k, w in enumerate(words[:BIO_NAME_WITHIN]):
        if w == first:
            return any(v in d["bio_verbs"] for v in words[k + 1: k + 1 + BIO_VERB_WITHIN])
    return False


def cue_only(text: str) -> bool:
    """A block that is nothing but a byline word (``by``), the names on the next line."""
    return bool(wording()["cue_only"].match(text.strip()))


def author_box_heading(text: str) -> bool:
    """``About the author`` and the like: the next line names the author."""
    return bool(wording()["author_box"].match(text.strip()))

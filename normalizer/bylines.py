"""Reading a byline: ``By Jane Doe and John Roe``, ``Von Anna Muster``, ``Par Jean Dupont``,
``(Reporting by Abdul Salam Haj Bakri; Translation by Rana Abdul)``, ``文／王小明``: the cue, then the
names of the people who wrote the article.

A byline names people, and often more: a role (``Staff Writer``), a date, the agency, the
section, a photographer. Only the people who wrote the article are its names: roles are cut,
credits for other work (``Photos by``, ``Translation by``, ``Reviewed by``) are not bylines, and an
agency (``Reuters``) is named only when no person is. The wording is data (``data/bylines.json``),
per language.

A module of its own because two steps read bylines: ``unwrap`` keeps a byline under a headline
on its own line (``byline_alone``), and ``metadata`` takes the article's authors from it
(``byline_authors``, with the page-level rules of ``authors``). Neither step depends on the other.
"""
from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources

from .patterns import alternation
from .thresholds import step_thresholds

# hand-set thresholds; what each means, and where it came from, is said in the file
THRESHOLDS = step_thresholds("authors")
# a longer name, in words or characters, is a phrase
MAX_NAME_WORDS, MAX_NAME_CHARS = THRESHOLDS["max_name_words"], THRESHOLDS["max_name_chars"]
# a longer run of letters (combining marks not counted: Thai, Indic) is words run together by the
# dump ("Bossleythoughtsstreamsportfoliomiscrecs", a name glued to its site's menu), not a name's
# part; a hyphen's parts count each ("Martínez-Beltrán")
MAX_NAME_PART_CHARS = THRESHOLDS["max_name_part_chars"]
# a name alone on its line: a few capitalised words, nothing else
MAX_BARE_WORDS = THRESHOLDS["max_bare_words"]


@lru_cache(maxsize=1)
def wording() -> dict:
    """The wording of bylines, per language (``data/bylines.json``), compiled once: the cues as
    patterns, the word lists (roles, agencies, particles, ...) as casefolded sets. ``authors``
    reads its lists too (job titles, a listed name's cue, an author's box)."""
    text = resources.files(__package__).joinpath("data/bylines.json").read_text(encoding="utf-8")
    data = json.loads(text)
    sets = {k: frozenset(w.casefold() for w in data[k])
            for k in ("roles", "agencies", "particles", "honorifics", "not_names", "not_author", "not_name_words")}
    prefix = alternation(data["prefix"])
    # a byline opens the block, follows a separator, or follows a date ("October 11, 2023 by Jane Doe")
    # ... or a capitalised "By" after a one-word label ("Comments By Erin Cunningham", as lynx joins
    # them; not "Aircraft Destroyed By Radical Islamist Mortar Attack" in a headline); the cue's
    # colon, dash or slash ("文／王小明") is not the name's
    # ... and, in Chinese and Japanese, a staff cue after the paper's name ("新华社记者 王小明",
    # "本报特约记者 李四") or a full-width bracket ("本报讯（记者 王小明）")
    staff = alternation(c for c in data["prefix"] if HAN_OR_KANA.match(c) and len(c) >= 2)
    sep = rf"(?:^|[|·•⋅∙/]\s*|\s[-–—]\s+|(?<=[\d.,])\s+|^[^\W\d_]+\s(?=By\s)|（|(?:^\W{{0,3}}|（)[{_HAN}]{{1,6}}?(?={staff}))"
    # ... or, as the block's first word and capitalised, a cue that is a plain word of a sentence
    # elsewhere (Greek "Του Γιώργου Παπαδόπουλου": "του", "of the", in "Η ομιλία του πρωθυπουργού")
    opening = alternation(data["opening_prefix"])
    sets["prefix"] = re.compile(rf"{sep}\W{{0,3}}(?:(?i:{prefix})(?:\s*[:：\-–—/／]\s*|\s+)|By(?=[A-Z][a-z])"
                                rf"|(?<![\s\S])(?:{opening})\s+)(?P<rest>\S.*)$")
    sets["cue_only"] = re.compile(rf"^\W{{0,3}}(?:{prefix})\s*[:：]?\W{{0,3}}$", re.IGNORECASE)
    sets["author_box"] = re.compile(rf"^\W{{0,3}}(?:{alternation(data['author_box'])})\s*[:：]?\W{{0,3}}$", re.IGNORECASE)
    sets["listed_cue"] = re.compile(rf"^(?:{alternation(data['listed_cues'])})(?:\s*[:：]\s*|\s+)(?=\S)", re.IGNORECASE)
    sets["anywhere"] = re.compile(rf"(?:{alternation(data['anywhere'])})\s*:?\s+(?P<rest>[^;)\]]+)", re.IGNORECASE)
    # the first words of every cue: a block with none of them holds no byline (a set lookup per word)
    firsts = [c.casefold().split()[0] for c in data["prefix"] + data["anywhere"] + data["opening_prefix"]]
    sets["hint_words"] = frozenset(f for f in firsts if f.isascii() or " " in f or len(f) > 2)
    sets["hint_glued"] = re.compile(rf"By[A-Z]|{alternation(f for f in firsts if not f.isascii())}")
    # a Chinese or Japanese name after a byline cue: two to five Han characters, written without
    # spaces ("记者 王小明", "文／佐々木健一"), a foreign name's parts joined by a middle dot
    # ("约翰·史密斯"); not when more letters follow ("記者 会見の様子": a phrase), a colon (a role's
    # label: "文／構成：..."), or a space and more Han characters (a Japanese name written with one,
    # "山田 太郎", or a desk before the name: left to ``split_names``), but for another cue and its
    # name ("记者 王小明 通讯员 张三") or another kind of credit ("王小明 图/李四", "王小明 编辑 李四")
    han_cues = alternation(c for c in data["prefix"] if HAN_OR_KANA.match(c))
    han_credits = [c for c in data["not_author"] if HAN_OR_KANA.match(c)]
    sets["han_name"] = re.compile(rf"[{_HAN}]{{2,5}}(?:[·・][{_HAN}]{{1,6}})*(?![\w々:：·・])"
                                  rf"(?!\s(?!(?:{han_cues}|{alternation(han_credits)})[\s:：/／])[{_HAN}]++(?![/／:：]))")
    sets["han_next_cue"] = re.compile(rf"\s*、\s*(?:(?:{han_cues})\s*[:：/／]?\s*)?|\s+(?:{han_cues})\s*[:：/／]?\s*")
    sets["han_credits"] = tuple(han_credits)
    # a Korean byline: one to three Hangul names of two to four syllables (joined by "·", "ㆍ" or
    # ","), a cue after them ("김민준 기자"), an e-mail address at most; a dateline's place before
    # the names ("워싱턴=김민준 특파원"); a photographer ("사진기자") is no cue there
    hangul = "[\uac00-\ud7a3]{2,4}"
    suffixes = alternation(data["hangul_suffix"])
    sets["hangul_byline"] = re.compile(rf"^\W{{0,3}}(?:[\uac00-\ud7a3]+\s?=\s?)?(?P<names>{hangul}(?:\s?[·ㆍ,]\s?{hangul}){{0,2}})"
                                       rf"\s?(?:{suffixes})(?![\uac00-\ud7a3])\W{{0,3}}(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?\W{{0,3}}$")
    # "报道" ("reports") after a name of two characters or more ("李四报道", "欧阳晓明报道")
    sets["han_report_ending"] = re.compile(rf"(?<=[{_HAN}]{{2}})(?:{alternation(data['han_report_endings'])})(?![{_HAN}])")
    sets["not_author_re"] = re.compile(rf"(?:^|\W)(?:{alternation(data['not_author'])})\s*:?\s*$", re.IGNORECASE)
    joiners = alternation(j for j in data["joiners"] if j not in ("、",))
    sets["split"] = re.compile(rf"\s*(?:;|、|\s(?:{joiners})\s)\s*", re.IGNORECASE)
    # where a byline's names end: a date, a separator, or a word that starts what comes after
    sets["end"] = re.compile(
        r"\d|\s[|·•⋅∙]\s?|[|·•⋅∙]|\s[-–—]\s|[–—]|[(\[@<>]|https?:|\s(?:on|in|for|at|am|le|el|il|the|from|via|with|updated|published|posted"
        r"|last|aktualisiert|veröffentlicht|mis à jour|publié|publicado|actualizado)\s"
        # ... or a date's label that ends the text, its date cut off before ("Patrick Clarke Published")
        r"|\s(?:updated|published|posted|aktualisiert|veröffentlicht|publié|publicado|actualizado)$", re.IGNORECASE)
    sets["role_words"] = frozenset(w.casefold() for w in data["role_words"])
    sets["name_cues"] = frozenset(w.casefold() for w in data["name_cues"])
    sets["bio_verbs"] = frozenset(w.casefold() for w in data["bio_verbs"])
    sets["team_words"] = frozenset(w.casefold() for w in data["team_words"])
    sets["not_first_names"] = frozenset(w.casefold() for w in data["not_first_names"])
    sets["han_org_endings"] = tuple(data["han_org_endings"])
    sets["institution_words"] = frozenset(w.casefold() for w in data["institution_words"])
    sets["team_articles"] = frozenset(data["team_articles"])  # "the Lavazza Team", "die Redaktion"
    sets["role_suffix"] = re.compile(rf"[\s,]+(?:{alternation(data['roles'])})\s*$", re.IGNORECASE)
    photo = alternation(data["photo_words"])
    # before the name: "Picture of", "A headshot of", "An avatar representing", "Avatar photo" (an
    # avatar is no credit: "Avatar photo by Jill Barshay" is her byline; "Photo by ..." stays a credit)
    sets["photo_before"] = re.compile(
        rf"^\W{{0,3}}(?:(?:an?|the|author|byline|profile)\s+)*(?:(?:{photo})(?:\s+(?:{photo}))?\s+(?:of|for|representing)"
        rf"|avatar(?:\s+(?:{photo}))?)\s+", re.IGNORECASE)
    # after it: "Nina Pineda Image", "Amar Hussain's image", "Rui Ma Profile Image", "... Headshot 200x200";
    # it opens with the space before it, not with the optional possessive (cut off after it): a
    # search tries it at every character, and fails at once where there is no space
    sets["photo_after"] = re.compile(
        rf"\s+(?:(?:author|profile|byline)\s+)?(?:{photo})(?:\s+(?:{photo}))*(?:\s+\d+x\d+)?\W{{0,2}}$", re.IGNORECASE)
    sets["possessive_end"] = re.compile(r"['’]s$", re.IGNORECASE)
    # between a photo's name and the name: "Brett Cruz Headshot Brett Cruz" (``undouble``)
    sets["photo_between"] = re.compile(rf"\s(?:{photo})\s", re.IGNORECASE)
    return sets


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    """First names of many languages, casefolded (``data/first_names.txt.gz``, from Faker's person
    providers by ``scripts/build_first_names.py``)."""
    raw = resources.files(__package__).joinpath("data/first_names.txt.gz").read_bytes()
    return frozenset(line for line in gzip.decompress(raw).decode("utf-8").splitlines()
                     if line and not line.startswith("#"))


def first_name(word: str) -> bool:
    """Whether a word is a known first name, as a name is written (capitalised: "Jane", not "jane").

    >>> first_name("Jane"), first_name("Zoë"), first_name("Latest"), first_name("jane"), first_name("Skip")
    (True, True, False, False, False)
    """
    folded = word.casefold()
    return word[:1].isupper() and folded in _first_names() and folded not in wording()["not_first_names"]


def person_by_first_name(name: str) -> bool:
    """Whether a name (as ``authors.bare_names`` gives it) is a person's by its first word, a known first
    name, and not an institution's that opens with one ("Arizona State University").

    >>> person_by_first_name("Lisa Pham"), person_by_first_name("Arizona State University")
    (True, False)
    >>> person_by_first_name("Dr Dieter Veldsman"), person_by_first_name("Dr. Pepper")
    (True, False)
    >>> person_by_first_name("Latest Stories")
    False
    """
    words = name.split()
    if len(words) > 2 and words[0].casefold().rstrip(".") in wording()["honorifics"]:
        words = words[1:]  # "Dr Dieter Veldsman"
    return first_name(words[0]) and not names_institution(words)


def names_institution(words: list[str]) -> bool:
    """Whether capitalised words hold an institution's word ("University", "Institute")."""
    return any(w.casefold().strip(".,") in wording()["institution_words"] for w in words)


# two words run together by the dump ("CategoryBy", "OrganizationOffice"); "McNamara" is a name
_GLUED_WORDS = re.compile(r"[a-z]{5,}[A-Z]")
CREDENTIAL = re.compile(r"^(?:[A-Z]{2,5}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?|[A-Z][a-z]?[A-Z]{1,4}|III?|IV)$")
_TOKEN = re.compile(r"[^\s]+")
_GLUED_SLASH = re.compile(r"\w[/／]\w")  # "王小明 图/李四": a credit glued on, not a name's part
_HAN = "\u3400-\u4dbf\u4e00-\u9fff々"
HAN_OR_KANA = re.compile(rf"[{_HAN}\u3040-\u30ff]")
_SENTENCE_END = re.compile(r"(\b\w{3,})\.\s+")


@lru_cache(maxsize=1)
def month_names() -> frozenset[str]:
    """Month names of every language the dates read, of three letters or more, casefolded: a
    byline's names end before one ("Erin Cunningham March 3")."""
    from .dates import _patterns
    return frozenset(m for m in _patterns()[0] if len(m) >= 3)


_GLUED_CUE = re.compile(r"(?<=[a-z])(?:Published|Updated|Posted|Last|On|In)\b")
MONTH_DAY = re.compile(r"([^\W\d_]{3,})\.?\s*\d")


def drop_trailing_month(rest: str) -> str:
    """"Erin Cunningham March" (the date cut at its day) -> "Erin Cunningham"; also when the month
    is glued to the name ("Jeffrey ZeldmanNovember")."""
    months = month_names()
    words = rest.rstrip(" ,.").split()
    if not words:
        return rest
    last = words[-1].rstrip(".")
    if last.casefold() in months:
        return " ".join(words[:-1])
    for k in range(2, len(last) - 2):
        if last[k].isupper() and last[k - 1].islower() and last[k:].casefold() in months:
            return " ".join(words[:-1] + [last[:k]])
    return rest


_HINT_TOKENS = re.compile(r"[^\W\d_]+|\(s\)")
# list markers, and the [image-name] lynx writes before a byline's photo
LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]\s+|[•·*-]\s+|\[[^\]]{0,80}\]\s*)+")


def _cut(rest: str) -> str:
    """The names part of a byline's tail: up to a date, a separator or a following sentence."""
    d = wording()
    m = _GLUED_CUE.search(rest)
    if m:
        rest = rest[: m.start()]
    m = d["end"].search(rest)
    if m:
        rest = drop_trailing_month(rest[: m.start()])
        # the label before a month glued to it ("Rhonda Krause UpdatedJanuary 25") ends the names too
        m = d["end"].search(rest)
        rest = rest[: m.start()] if m else rest
    for m in _SENTENCE_END.finditer(rest):
        if m.group(1).casefold() not in d["honorifics"]:
            rest = rest[: m.end(1)]
            break
    return rest.strip(" ,;:.-–—|/\t\u00a0")


def looks_like_name(name: str, *, bare: bool = False) -> bool:
    """A person's (or an agency's) name: a few words, capitalised, no digits, colon or slash between
    letters, not a menu word.

    >>> looks_like_name("Abdul Salam Haj Bakri"), looks_like_name("Shelby Loos, DVM")
    (True, True)
    >>> looks_like_name("clicking this button"), looks_like_name("Latest News")
    (False, False)
    """
    d = wording()
    if (not name or len(name) > MAX_NAME_CHARS or any(c.isdigit() or c in ":：" for c in name)
            or _GLUED_SLASH.search(name)):
        return False
    words = _TOKEN.findall(name.replace(",", " "))
    if not words or len(words) > (MAX_BARE_WORDS if bare else MAX_NAME_WORDS):
        return False
    folded = name.casefold().strip(" .")
    if folded in d["not_names"] or folded in d["roles"]:
        return False
    if not bare and folded.removeprefix("the ") in d["agencies"] and not name.islower():
        # "By News Desk", though "news" is a menu word; in lower case an agency's name is a word
        # ("af pap", Danish "of cardboard"; "por belga", "Belgian")
        return True
    if len(words) == 1 and folded not in d["agencies"]:
        return False  # one word is a handle, a label or a first name: too unsure to state
    capitals = 0
    for w in words:
        core = w.strip(".'’-")
        if not core:
            return False
        if (core.casefold() in d["not_name_words"] or _GLUED_WORDS.search(core)
                or any(sum(map(str.isalpha, part)) > MAX_NAME_PART_CHARS for part in core.split("-"))):
            return False
        if bare and not all(ch.isalpha() or ch in ".'’-" for ch in w):
            return False
        if core.casefold() in d["particles"]:
            continue
        if core.casefold() in d["not_names"] and bare:
            return False
        first = core[0]
        if first.isupper() or not first.isalpha() or not first.lower() != first.upper():
            capitals += 1
        elif first.lower() != first.upper():  # a cased script in lower case: not a name word
            return False
    # a particle written in lower case at an edge is a cut name ("Ludwig van"); "Mahua Das" is whole
    if bare and (len(words) < 2 or words[0] in d["particles"] or words[-1] in d["particles"]):
        return False
    return capitals >= 1


# a team byline ("Everfit Team", "News Desk"): 2 to this many words
MAX_TEAM_WORDS = THRESHOLDS["max_team_words"]


def team_name(text: str, common_words=frozenset()) -> str | None:
    """A team or desk that a page names as its author (``Everfit Team``, ``the Lavazza Team``,
    ``TOI Lifestyle Desk``, ``Team SimplyThrilled``), as written; None for anything else. It opens or
    ends with a team word and names whose team it is in capitalised words that are not words the
    body writes in lower case (``common_words``, as for ``authors.bare_names``): ``Editorial Team`` alone,
    ``Meet the team`` or ``Dedicated Team`` in a menu says nothing.

    >>> team_name("the Lavazza Team"), team_name("Everfit Team"), team_name("Editorial Team")
    ('the Lavazza Team', 'Everfit Team', None)
    >>> team_name("Meet the team"), team_name("Dedicated Team", frozenset({"dedicated"}))
    (None, None)
    """
    d = wording()
    text = " ".join(text.split()).strip(" ,;:|-–—·")
    words = text.split()
    if not 2 <= len(words) <= MAX_TEAM_WORDS or any(c.isdigit() for c in text):
        return None
    folded = [w.casefold().strip(".") for w in words]
    if folded[0] not in d["team_words"] and folded[-1] not in d["team_words"]:
        return None
    own = [w for w, f in zip(words, folded) if f not in d["team_words"] and f not in d["team_articles"]]
    if not own or not all(w[0].isupper() or w[0].isdigit() for w in own):
        return None
    is_common = membership(common_words)
    if any(f in d["not_name_words"] or f in d["not_names"] or f in d["role_words"] or is_common(f)
           for f in (w.casefold() for w in own)):
        return None
    return text


def without_photo_text(text: str) -> str:
    """A line without the alt text of a person's photo that lynx writes around the name (the text
    dumps show no image, only its description).

    >>> without_photo_text("Picture of Adam Hamilton Adam Hamilton"), without_photo_text("Amar Hussain's image")
    ('Adam Hamilton Adam Hamilton', 'Amar Hussain')
    >>> without_photo_text("Avatar photo by Jill Barshay"), without_photo_text("Photo by Roman Saponkov")
    ('by Jill Barshay', 'Photo by Roman Saponkov')
    """
    d = wording()
    stripped = d["photo_before"].sub("", text.strip())
    after = d["photo_after"].search(stripped)
    if after:
        stripped = d["possessive_end"].sub("", stripped[:after.start()])
    return stripped if stripped.strip() else text


def undouble(name: str) -> str:
    """"Andrei Zakhareuski Andrei Zakhareuski" (a photo's alt text, then the name) -> the name; the
    alt text may end with a photo word ("Brett Cruz Headshot Brett Cruz")."""
    undone = wording()["photo_between"].sub(" ", name)
    words = undone.split()
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


# a job title after a name's comma, up to the next name: its last word says it is one
# ("Brett Cruz, Privacy and Digital Security Expert & Gene Petrino"; its "and" joins no names)
_ROLE_AFTER_COMMA = re.compile(r",\s*([^,;&]*?\b([^\W\d_]+))(?=\s*(?:[,;&]|$))")


def split_names(text: str) -> list[str]:
    """The people in a byline's names part, roles and credentials handled as the gold does.

    A comma separates names only when every piece is a name of at least two words, so that
    ``Shelby Loos, DVM`` and ``Kaufman, Jeff T.`` stay whole. A piece after a name that opens in
    lower case (``da Redação``, ``gastroenterologist, Parkview Health``) or names an agency
    (``dpa``, ``AP``) says where the person writes from or for: it and what follows are no co-author
    and no part of the name.

    >>> split_names("Jane Doe and John Roe")
    ['Jane Doe', 'John Roe']
    >>> split_names("Shelby Loos, DVM")
    ['Shelby Loos, DVM']
    >>> split_names("Anna Muster, Staff Writer"), split_names("Helen Marsh, Environment Correspondent")
    (['Anna Muster'], ['Helen Marsh'])
    >>> split_names("Brett Cruz, Privacy and Digital Security Expert & Gene Petrino, Home Security Expert")
    ['Brett Cruz', 'Gene Petrino']
    >>> split_names("Anna Muster, dpa"), split_names("Vanessa Mendez, MD, gastroenterologist, Parkview Health")
    (['Anna Muster'], ['Vanessa Mendez, MD'])
    """
    d = wording()
    # a job title after a comma first, whole: the role suffix alone would leave its qualifier
    # ("Helen Marsh, Environment Correspondent" -> "Helen Marsh, Environment")
    text = _ROLE_AFTER_COMMA.sub(lambda m: "" if m.group(2).casefold() in d["role_words"] else m.group(0), text)
    text = d["role_suffix"].sub("", text).strip(" ,")
    names = []
    for part in d["split"].split(text):
        part = d["role_suffix"].sub("", part.strip(" ,.")).strip(" ,")
        if not part:
            continue
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        pieces = [p for p in pieces if p.casefold() not in d["roles"]
                  and not any(w in d["role_words"] for w in p.casefold().split())]
        where = next((k for k, p in enumerate(pieces) if k and (p[0].islower() or p.casefold() in d["agencies"])), None)
        pieces = pieces[:where]
        if len(pieces) > 1 and all(len(p.split()) >= 2 and not CREDENTIAL.match(p) for p in pieces):
            names.extend(pieces)
        elif pieces:
            names.append(", ".join(pieces))
    names = [undouble(without_photo_text(n)) for n in names]
    return [n for n in names if looks_like_name(n) or team_name(n)]


def _without_agencies(names: list[str]) -> tuple[str, ...]:
    """A byline's names without its agencies and institutions when it names a person too ("by Daniel
    Burstein, Senior Director, ... MarketingSherpa and MECLABS Institute": the institute is his
    employer, not a co-author; "Adam Church" is a person)."""
    people = [n for n in names if n.casefold().removeprefix("the ") not in wording()["agencies"]
              and not (names_institution(n.split()) and not first_name(n.split()[0]))]
    return tuple(dict.fromkeys(people or names))


def byline_authors(text: str, common_words=frozenset()) -> tuple[str, ...] | None:
    """The authors a block names by a byline cue, or None when it is not a byline.

    ``common_words`` (a set, or a test ``word -> bool``) holds the words the body writes in lower
    case: a byline of one word (``Posted by BeauHD``) is not one of them.

    >>> byline_authors("(Reporting by Abdul Salam Haj Bakri; Translation by Rana Abdul)")
    ('Abdul Salam Haj Bakri',)
    >>> byline_authors("By Shelby Loos, DVM. Reviewed by Molly Price, DVM")
    ('Shelby Loos, DVM',)
    >>> byline_authors("Von Anna Muster und Max Mustermann, 06.01.2026")
    ('Anna Muster', 'Max Mustermann')
    >>> byline_authors("Images by Roman Saponkov") is None
    True
    >>> byline_authors("文／王小明"), byline_authors("（记者 李四）"), byline_authors("文 山田 太郎")
    (('王小明',), ('李四',), ('山田 太郎',))
    >>> byline_authors("김민준·이서연 기자"), byline_authors("워싱턴=김민준 특파원 minjun@example.co.kr")
    (('김민준', '이서연'), ('김민준',))
    """
    d = wording()
    korean = d["hangul_byline"].match(text) if "\uac00" <= text[-1:] or "@" in text else None
    if korean:
        return tuple(re.split(r"\s?[·ㆍ,]\s?", korean.group("names")))
    if d["hint_words"].isdisjoint(_HINT_TOKENS.findall(text.casefold())) and not d["hint_glued"].search(text):
        return None
    # lynx writes a button beside the name as "(BUTTON)" ("Written by (BUTTON) Emma Ryan")
    text = without_photo_text(text.replace("(BUTTON)", " "))
    m = d["anywhere"].search(text)
    if m and not d["not_author_re"].search(text[: m.start()]):
        names = split_names(_cut(m.group("rest")))
        if names:
            return _without_agencies(names)
    m = d["prefix"].search(text)
    if m and not d["not_author_re"].search(text[: m.start() + 1]):
        rest = LIST_MARKER.sub("", m.group("rest"))
        names = _han_names(rest)
        if names:
            return names
        part = _cut(rest)
        names = split_names(part)
        if names:
            return _without_agencies(names)
        cue = text[m.start(): m.start("rest")].strip(" \u00a0").casefold()
        if (d["cue_only"].match(cue) and (cue.endswith((":", "：")) or cue.split()[-1:] and cue.split()[-1] in d["name_cues"])
                and _one_word_name(part, rest, membership(common_words))):
            return (part,)
    return None


def byline_alone(text: str) -> bool:
    """Whether a line is a byline and nothing else: a cue that opens it, capitalised as a line's
    first word is, then only names ("Por María López", "By Jane Doe", "記者 山田太郎"); not a
    sentence that goes on after "By" ("By the time ...", "by Jane Doe and her team").

    >>> byline_alone("Par Jean Dupont"), byline_alone("By the time the rain stopped"), byline_alone("by Jane Doe")
    (True, False, False)
    >>> byline_alone("Door Springs"), byline_alone("— By Graphiq"), byline_alone("記者 山田太郎")
    (False, False, True)
    """
    if not (text[:1].isupper() or HAN_OR_KANA.match(text)):
        return False
    m = wording()["prefix"].search(text)
    if m is None or m.start() > 0:
        return False
    names = byline_authors(text)
    # a person's: a Han name, or a name that opens with a known first name (not "Door Springs",
    # a list item's end read as Dutch "door", "by"; not "By Graphiq", a widget's credit)
    return (bool(names) and sum(len(n.split()) for n in names) >= len(m.group("rest").split()) - 1
            and (HAN_OR_KANA.match(names[0]) is not None or person_by_first_name(names[0])))


def _han_names(rest: str) -> tuple[str, ...]:
    """The Han names that open a byline's text after its cue, listed with "、" or each after a
    cue of its own ("王小明、李四", "王小明 通讯员 张三": the reporter, then a correspondent);
    none when the text opens with a desk, an agency or a paper ("中央社", "編集部":
    ``han_org_endings``) or with no Han name. The list ends at another kind of credit ("摄影": a
    photographer's), and "报道" ("reports") after a name is not the name's."""
    d = wording()
    rest = d["han_report_ending"].sub("", rest)
    names, start = [], 0
    while (name := d["han_name"].match(rest, start)) and not name.group().endswith(d["han_org_endings"]):
        text = name.group()
        if text.startswith(d["han_credits"]):  # "王小明、摄影报道": the next credit is a photographer's
            break
        names.append(text)
        cue = d["han_next_cue"].match(rest, name.end())
        if cue is None:
            break
        start = cue.end()
    return tuple(names)


# what follows the name in a byline: a separator, a date, "on Friday ...", "in Category"
_BYLINE_TAIL = re.compile(r"[|·•⋅∙/–—-]|\d|(?:on|in|at|am|le|el|il|updated|published|posted|aktualisiert|veröffentlicht"
                          r"|mis à jour|publié|publicado|actualizado)\b", re.IGNORECASE)
_HANDLE = re.compile(r"[^\W\d_][\w.'’-]{2,29}")  # not a two-letter avatar ("CP")


def _one_word_name(part: str, rest: str, is_common) -> bool:
    """A byline that opens its block and names one word (``Posted by BeauHD on Friday ...``,
    ``by whova | Apr 21, 2025``, ``By infuy``): a handle, a first name or a company's name, as
    the page states its author. Only when nothing but a byline's tail follows the word (a date, a
    separator, ``on``, ``in``): "By contrast, the ..." opens a sentence, not a byline; and not a
    word the body writes in lower case (``By Industry`` in a filter menu)."""
    if not one_word_name(part, is_common):
        return False
    tail = rest[rest.find(part) + len(part):].strip(" \u00a0")
    if not tail or _BYLINE_TAIL.match(tail):
        return True
    month = MONTH_DAY.match(tail)
    return month is not None and month.group(1).casefold() in month_names()


def one_word_name(word: str, common_words=frozenset()) -> bool:
    """A word that can be a handle, a first name or a company's name (``BeauHD``, ``Supermove``):
    not a menu word, a role, a month, or a word the body writes in lower case (``common_words``,
    as for ``authors.bare_names``).

    >>> one_word_name("Supermove"), one_word_name("Share"), one_word_name("Industry", {"industry"})
    (True, False, False)
    """
    d = wording()
    # Chinese and Japanese write no spaces: one "word" there is a phrase ("東京都庁で会見"); their
    # names are read by ``_han_names``
    if not _HANDLE.fullmatch(word) or HAN_OR_KANA.search(word):
        return False
    folded = word.casefold().strip(".")
    return not (membership(common_words)(folded) or folded in d["not_names"] or folded in d["roles"]
                or folded in d["not_name_words"] or folded in d["role_words"] or folded in d["honorifics"]
                or folded in month_names())


def membership(words):
    """A test ``word -> bool`` for a set of words, or the test itself."""
    return words.__contains__ if isinstance(words, (set, frozenset)) else words


def name_part(text: str) -> str:
    """The part of a line that can be a name: "John Crenshaw in seo" -> "John Crenshaw"."""
    return _cut(LIST_MARKER.sub("", text))

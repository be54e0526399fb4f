"""Authors read off a byline: ``By Jane Doe and John Roe``, ``Von Anna Muster``, ``Par Jean Dupont``,
``(Reporting by Abdul Salam Haj Bakri; Translation by Rana Abdul)``, or a name alone on its line
next to the headline.

A byline names people, and often more: a role (``Staff Writer``), a date, the agency, the
section, a photographer. Only the people who wrote the article are authors: roles are cut, credits
for other work (``Photos by``, ``Translation by``, ``Reviewed by``) are not bylines, and an agency
(``Reuters``) is an author only when no person is named. The wording is data
(``data/bylines.json``), per language.
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
def _data() -> dict:
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
    staff = alternation(c for c in data["prefix"] if _HAN_OR_KANA.match(c) and len(c) >= 2)
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
    han_cues = alternation(c for c in data["prefix"] if _HAN_OR_KANA.match(c))
    han_credits = [c for c in data["not_author"] if _HAN_OR_KANA.match(c)]
    sets["han_name"] = re.compile(rf"[{_HAN}]{{2,5}}(?:[·・][{_HAN}]{{1,6}})*(?![\w々:：·・])"
                                  rf"(?!\s(?!(?:{han_cues}|{alternation(han_credits)})[\s:：/／])[{_HAN}]++(?![/／:：]))")
    sets["han_next_cue"] = re.compile(rf"\s*、\s*(?:(?:{han_cues})\s*[:：/／]?\s*)?|\s+(?:{han_cues})\s*[:：/／]?\s*")
    sets["han_credits"] = tuple(han_credits)
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
    # between a photo's name and the name: "Brett Cruz Headshot Brett Cruz" (``_undouble``)
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
    return word[:1].isupper() and folded in _first_names() and folded not in _data()["not_first_names"]


def person_by_first_name(name: str) -> bool:
    """Whether a name (as ``bare_names`` gives it) is a person's by its first word, a known first
    name, and not an institution's that opens with one ("Arizona State University").

    >>> person_by_first_name("Lisa Pham"), person_by_first_name("Arizona State University")
    (True, False)
    >>> person_by_first_name("Dr Dieter Veldsman"), person_by_first_name("Dr. Pepper")
    (True, False)
    >>> person_by_first_name("Latest Stories")
    False
    """
    words = name.split()
    if len(words) > 2 and words[0].casefold().rstrip(".") in _data()["honorifics"]:
        words = words[1:]  # "Dr Dieter Veldsman"
    return first_name(words[0]) and not names_institution(words)


def names_institution(words: list[str]) -> bool:
    """Whether capitalised words hold an institution's word ("University", "Institute")."""
    return any(w.casefold().strip(".,") in _data()["institution_words"] for w in words)


# two words run together by the dump ("CategoryBy", "OrganizationOffice"); "McNamara" is a name
_GLUED_WORDS = re.compile(r"[a-z]{5,}[A-Z]")
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,5}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?|[A-Z][a-z]?[A-Z]{1,4}|III?|IV)$")
_TOKEN = re.compile(r"[^\s]+")
_GLUED_SLASH = re.compile(r"\w[/／]\w")  # "王小明 图/李四": a credit glued on, not a name's part
_HAN = "\u3400-\u4dbf\u4e00-\u9fff々"
_HAN_OR_KANA = re.compile(rf"[{_HAN}\u3040-\u30ff]")
_SENTENCE_END = re.compile(r"(\b\w{3,})\.\s+")


@lru_cache(maxsize=1)
def _month_names() -> frozenset[str]:
    from .dates import _patterns
    return frozenset(m for m in _patterns()[0] if len(m) >= 3)


_GLUED_CUE = re.compile(r"(?<=[a-z])(?:Published|Updated|Posted|Last|On|In)\b")
_MONTH_DAY = re.compile(r"([^\W\d_]{3,})\.?\s*\d")


def _drop_trailing_month(rest: str) -> str:
    """"Erin Cunningham March" (the date cut at its day) -> "Erin Cunningham"; also when the month
    is glued to the name ("Jeffrey ZeldmanNovember")."""
    months = _month_names()
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
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]\s+|[•·*-]\s+|\[[^\]]{0,80}\]\s*)+")


def _cut(rest: str) -> str:
    """The names part of a byline's tail: up to a date, a separator or a following sentence."""
    d = _data()
    m = _GLUED_CUE.search(rest)
    if m:
        rest = rest[: m.start()]
    m = d["end"].search(rest)
    if m:
        rest = _drop_trailing_month(rest[: m.start()])
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
    d = _data()
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
    body writes in lower case (``common_words``, as for ``bare_names``): ``Editorial Team`` alone,
    ``Meet the team`` or ``Dedicated Team`` in a menu says nothing.

    >>> team_name("the Lavazza Team"), team_name("Everfit Team"), team_name("Editorial Team")
    ('the Lavazza Team', 'Everfit Team', None)
    >>> team_name("Meet the team"), team_name("Dedicated Team", frozenset({"dedicated"}))
    (None, None)
    """
    d = _data()
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
    is_common = _membership(common_words)
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
    d = _data()
    stripped = d["photo_before"].sub("", text.strip())
    after = d["photo_after"].search(stripped)
    if after:
        stripped = d["possessive_end"].sub("", stripped[:after.start()])
    return stripped if stripped.strip() else text


def _undouble(name: str) -> str:
    """"Andrei Zakhareuski Andrei Zakhareuski" (a photo's alt text, then the name) -> the name; the
    alt text may end with a photo word ("Brett Cruz Headshot Brett Cruz")."""
    undone = _data()["photo_between"].sub(" ", name)
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
    d = _data()
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
        if len(pieces) > 1 and all(len(p.split()) >= 2 and not _CREDENTIAL.match(p) for p in pieces):
            names.extend(pieces)
        elif pieces:
            names.append(", ".join(pieces))
    names = [_undouble(without_photo_text(n)) for n in names]
    return [n for n in names if looks_like_name(n) or team_name(n)]


def _without_agencies(names: list[str]) -> tuple[str, ...]:
    """A byline's names without its agencies and institutions when it names a person too ("by Daniel
    Burstein, Senior Director, ... MarketingSherpa and MECLABS Institute": the institute is his
    employer, not a co-author; "Adam Church" is a person)."""
    people = [n for n in names if n.casefold().removeprefix("the ") not in _data()["agencies"]
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
    """
    d = _data()
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
        rest = _LIST_MARKER.sub("", m.group("rest"))
        names = _han_names(rest)
        if names:
            return names
        part = _cut(rest)
        names = split_names(part)
        if names:
            return _without_agencies(names)
        cue = text[m.start(): m.start("rest")].strip(" \u00a0").casefold()
        if (d["cue_only"].match(cue) and (cue.endswith((":", "：")) or cue.split()[-1:] and cue.split()[-1] in d["name_cues"])
                and _one_word_name(part, rest, _membership(common_words))):
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
    if not (text[:1].isupper() or _HAN_OR_KANA.match(text)):
        return False
    m = _data()["prefix"].search(text)
    if m is None or m.start() > 0:
        return False
    names = byline_authors(text)
    # a person's: a Han name, or a name that opens with a known first name (not "Door Springs",
    # a list item's end read as Dutch "door", "by"; not "By Graphiq", a widget's credit)
    return (bool(names) and sum(len(n.split()) for n in names) >= len(m.group("rest").split()) - 1
            and (_HAN_OR_KANA.match(names[0]) is not None or person_by_first_name(names[0])))


def _han_names(rest: str) -> tuple[str, ...]:
    """The Han names that open a byline's text after its cue, listed with "、" or each after a
    cue of its own ("王小明、李四", "王小明 通讯员 张三": the reporter, then a correspondent);
    none when the text opens with a desk, an agency or a paper ("中央社", "編集部":
    ``han_org_endings``) or with no Han name. The list ends at another kind of credit ("摄影": a
    photographer's), and "报道" ("reports") after a name is not the name's."""
    d = _data()
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
    month = _MONTH_DAY.match(tail)
    return month is not None and month.group(1).casefold() in _month_names()


def one_word_name(word: str, common_words=frozenset()) -> bool:
    """A word that can be a handle, a first name or a company's name (``BeauHD``, ``Supermove``):
    not a menu word, a role, a month, or a word the body writes in lower case (``common_words``,
    as for ``bare_names``).

    >>> one_word_name("Supermove"), one_word_name("Share"), one_word_name("Industry", {"industry"})
    (True, False, False)
    """
    d = _data()
    # Chinese and Japanese write no spaces: one "word" there is a phrase ("東京都庁で会見"); their
    # names are read by ``_han_names``
    if not _HANDLE.fullmatch(word) or _HAN_OR_KANA.search(word):
        return False
    folded = word.casefold().strip(".")
    return not (_membership(common_words)(folded) or folded in d["not_names"] or folded in d["roles"]
                or folded in d["not_name_words"] or folded in d["role_words"] or folded in d["honorifics"]
                or folded in _month_names())


def _membership(words):
    """A test ``word -> bool`` for a set of words, or the test itself."""
    return words.__contains__ if isinstance(words, (set, frozenset)) else words


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
    text = _undouble(without_photo_text(_LIST_MARKER.sub("", text)).strip(" ,;:|-–—·\u00a0"))
    pieces = [p.strip() for p in re.split(r",|\s(?:and|&|und|et|y)\s", text)]
    if not all(pieces):
        return ()
    d = _data()
    is_common = _membership(common_words)

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
    if all(_CREDENTIAL.match(p) for p in pieces[1:]):
        return (text,)
    return ()


def name_part(text: str) -> str:
    """The part of a line that can be a name: "John Crenshaw in seo" -> "John Crenshaw"."""
    return _cut(_LIST_MARKER.sub("", text))


def date_like(text: str) -> bool:
    """A month name and a day, even without a year ("Dec 10"), or a relative time ("1 day ago",
    "8h"): the line next to a name says when, so the name is the byline's."""
    return bool(any(w.casefold() in _month_names() for w in _MONTH_DAY.findall(text))
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
    d = _data()
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
    return 0 < len(words) <= 5 and any(w in _data()["role_words"] for w in words)


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
    d = _data()
    out: list[str] = []
    for piece in pieces:
        piece = " ".join(str(piece).split()).strip(" ,;|")
        piece = re.split(r"\s*https?:|\s\d", piece)[0].strip(" ,;|")
        while True:
            cut = _drop_trailing_month(piece)
            words = cut.split()
            if words and words[-1].casefold().strip(".,") in _WEEKDAYS:
                cut = " ".join(words[:-1])
            if cut == piece:
                break
            piece = cut.strip(" ,;|")
        if not piece:
            continue
        if out and _CREDENTIAL.match(piece):
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
        out = [a for a in out if " " in a or _HAN_OR_KANA.search(a)]
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
    d = _data()
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
    d = _data()
    first = name.split()[0].casefold()
    words = [w.casefold() for w in _BIO_WORDS.findall(text)[: BIO_NAME_WITHIN + BIO_VERB_WITHIN]]
    for k, w in enumerate(words[:BIO_NAME_WITHIN]):
        if w == first:
            return any(v in d["bio_verbs"] for v in words[k + 1: k + 1 + BIO_VERB_WITHIN])
    return False


def cue_only(text: str) -> bool:
    """A block that is nothing but a byline word (``by``), the names on the next line."""
    return bool(_data()["cue_only"].match(text.strip()))


def author_box_heading(text: str) -> bool:
    """``About the author`` and the like: the next line names the author."""
    return bool(_data()["author_box"].match(text.strip()))

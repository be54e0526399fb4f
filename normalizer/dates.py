"""Dates written on a page, found by compiled regular expressions and month-name tables.

Plain-text dumps show a publication date the way the page printed it: ``2016-04-28 13:49:48``,
``06. 01. 2026, 14:59 Uhr``, ``28 December 2024``, ``Dec. 18, 2025``, ``2024年12月28日``,
``28 декабря 2024``. Each of them becomes an ISO date (``YYYY-MM-DD``) or date-time
(``YYYY-MM-DDTHH:MM:SS``, no time zone invented), with the words just before it (``Published``,
``Updated``, ``©``) that say what kind of date it is. Month names and cue words are data
(``data/dates.json``), one table per language, so a new language is an entry there, not code.
A date without a year ("Jan 4") is not a date we can state, so ``find_dates`` does not return it;
``month_day_line`` reads a line that is only that, for a caller that knows the year from elsewhere.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .patterns import alternation


@dataclass(frozen=True)
class DateMatch:
    """One date in a block: where it is, what it says, and the cue before it."""

    start: int
    end: int
    iso: str        # YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS
    raw: str        # the date as written (with its time, if any)
    cue: str        # "published", "updated", "copyright" or "" (no cue)


@lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files(__package__).joinpath("data/dates.json").read_text(encoding="utf-8")
    return json.loads(text)


# full-width (CJK), Arabic-Indic and Persian digits, read as ASCII ones
_DIGITS = {base + k: 0x30 + k for base in (0xFF10, 0x0660, 0x06F0) for k in range(10)}

# a day of the month as dates write it: "4", "04", "4th", "4." (German)
_DAY_ENDING = r"(?:st|nd|rd|th|er|º|\.)?"
DAY = rf"(?P<day>[0-3]?\d){_DAY_ENDING}"
# what every match of the month-first form ("December 28, 2024") holds: the end of its day, a
# comma or none, its year. That form opens with look-arounds and the month names, which a search tries at
# every character of a block (four fifths of the time of all six forms on the dev bench's pages);
# this opens with a digit, which a search skips to at C speed. A block without it is not searched
# for the form.
MONTH_FIRST_TAIL = rf"\d{_DAY_ENDING},?\s+(?:19|20)\d\d"


def _month_pattern(months) -> str:
    """A month's name in any language of ``months``, an abbreviation's dot after it at most."""
    return rf"(?P<mon>{alternation(months)})\.?"


@lru_cache(maxsize=1)
def _patterns():
    months: dict[str, int] = {}
    for table in _data()["months"].values():
        for number, names in enumerate(table, 1):
            for name in names:
                # both folds: casefold() decomposes some letters ("μαΐου" -> "μαι\u0308\u0301ου"),
                # which the pattern's IGNORECASE, folding letter by letter, does not
                months.setdefault(name.casefold(), number)
                months.setdefault(name.lower(), number)
    month, day = _month_pattern(months), DAY
    # a year may be glued to the time or reading time after it: "October 17, 20236:01 PM ET"
    year = r"(?P<year>(?:19|20)\d\d)(?:(?!\d)|(?=\d{1,2}(?::\d\d|\s*min)))"
    time = (r"(?:\s*(?:,|at|um|à|a las|alle|às|в|kl\.?|klo|-|–|—|\||·|/)?\s*"
            r"(?P<hh>[0-2]?\d)(?:[:h]|\.(?=\d\d(?!\d)))(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?(?!\d)"
            r"\s*(?P<ampm>[ap]\.?\s?m\.?(?!\w)|[صم](?!\w))?)?")
    b = r"(?<![\w])"
    # a month name may be glued to the word before it: "EditorialNovember 22, 2018", "ByJaneMar 5, 2025",
    # or to the year of a date before it: "May 21, 2025April 24, 2025" (published and modified)
    bm = r"(?:(?<![\w])|(?<=[a-z])(?=[A-Z])|(?<=(?:19|20)\d\d)(?=[A-Z]))"
    forms = [
        # 2016-04-28, 2016/04/28, 2016.04.28, 2024. 12. 28.
        (rf"{b}{year}(?P<sep>[-/.])\s?(?P<m>[01]?\d)(?P=sep)\s?(?P<d>[0-3]?\d)(?!\d)\.?(?:T|\s*)?{time}", None),
        # 2024年12月28日, 2024년 12월 28일
        (rf"{year}\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]?{time}", None),
        # 28 December 2024, 28. Dezember 2024, 28 de diciembre de 2024, 3 Jan 2019 02.00
        (rf"{b}{day}[\s\-./]*(?:de\s+|of\s+)?{month}[\s\-./]*,?\s*(?:de\s+|del\s+)?{year}{time}", None),
        # December 28, 2024, Dec. 28th 2024
        (rf"{bm}{month}\s+{day},?\s+{year}{time}", MONTH_FIRST_TAIL),
        # 2024. december 28.
        (rf"{b}{year}\.?\s+{month}\s+{day}{time}", None),
        # 28.12.2024, 06. 01. 2026, 12/28/2024, 10.15.15
        (rf"{b}(?P<a>[0-3]?\d)(?P<nsep>[-/.])\s?(?P<bb>[0-3]?\d)(?P=nsep)\s?(?P<ny>(?:19|20)\d\d|\d\d)(?![\d.]\d){time}", None),
    ]
    # each form with what all its matches hold, if that is quicker to look for than the form
    compiled = [(re.compile(form, re.IGNORECASE), gate and re.compile(gate, re.IGNORECASE)) for form, gate in forms]
    cues = _data()
    # the cue may be followed by one short word ("Last modified on Wed 16 Jan 2019")
    published = re.compile(rf"(?:^|\W)({alternation(c.casefold() for c in cues['published_cues'])})\W*(?:\w{{1,10}}\W+){{0,2}}$")
    updated = re.compile(rf"(?:^|\W)({alternation(c.casefold() for c in cues['updated_cues'])})\W*(?:\w{{1,10}}\W+){{0,2}}$")
    copyright_ = re.compile(alternation(c.casefold() for c in cues["copyright_cues"]))
    # "on": at the line's start, after a separator, or after "by" and a name (no figures between:
    # "prices by up to 39% on January 1" is a sentence)
    byline_on = re.compile(rf"(?:^|[|·•]|\bby\s[^\d%!?]{{1,60}}?)\W*(?<!\w)(?:{alternation(cues['byline_cues'])})\W*(?:\w{{1,10}}\W+){{0,2}}$",
                           re.IGNORECASE)
    # every form needs a four-digit year, or a two-digit one after two separators (10.15.15):
    # (19|20)dd or d.dd.dd, written to open with a digit, which the search skips to at C speed (an
    # expression that opens with alternatives is tried at every character: twice the time)
    quick = re.compile(r"\d(?:(?<=1)9\d\d|(?<=2)0\d\d|[./]\s?\d{1,2}[./]\s?\d\d)")
    return months, compiled, published, updated, copyright_, byline_on, quick


_AMPM = {"م": "pm", "ص": "am"}


def _time(m: re.Match) -> str | None:
    if not m.group("hh"):
        return None
    hh, mm, ss = int(m.group("hh")), int(m.group("mm")), int(m.group("ss") or 0)
    # Arabic pages write "م" (masā', evening) and "ص" (sabāh, morning)
    ampm = _AMPM.get(m.group("ampm"), (m.group("ampm") or "").replace(".", "").replace(" ", "").lower())
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    return f"{hh:02d}:{mm:02d}:{ss:02d}" if hh < 24 else None


def _iso(year: int, month: int, day: int, time: str | None) -> str | None:
    try:
        date = _dt.date(year, month, day)
    except ValueError:
        return None
    return f"{date.isoformat()}T{time}" if time else date.isoformat()


def find_dates(text: str, month_first: bool = False) -> list[DateMatch]:
    """Every full date in ``text`` (a block), in order, with its cue.

    ``month_first`` decides ambiguous numeric dates (``04/05/2024``): month first as in the US,
    else day first as in most of the world; ``10.15.15`` and ``28/12/2024`` decide themselves.

    >>> [d.iso for d in find_dates("| 2016-04-28 13:49:48")]
    ['2016-04-28T13:49:48']
    >>> [(d.iso, d.cue) for d in find_dates("Published: 06. 01. 2026, 14:59 Uhr")]
    [('2026-01-06T14:59:00', 'published')]
    >>> [(d.iso, d.cue) for d in find_dates("Updated Feb. 27, 2025")]
    [('2025-02-27', 'updated')]
    >>> [d.iso for d in find_dates("Dan Goodin - Apr 16, 2015 8:02 pm UTC")]
    ['2015-04-16T20:02:00']
    >>> [d.iso for d in find_dates("Опубликовано 28 декабря 2024")]
    ['2024-12-28']
    >>> find_dates("Jan 4")
    []
    """
    months, forms, published, updated, copyright_, byline_on, quick = _patterns()
    raw_text = text
    if not text.isascii():
        # full-width digits (Japanese and Chinese pages: "２０２６年１月６日"), Arabic-Indic and
        # Persian ones ("١٢ مارس ٢٠٢٦") read as ASCII ones; one character for one, so the matches'
        # places hold in the text as written
        text = text.translate(_DIGITS)
    if not quick.search(text):
        return []
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for form, needs in forms:
        if needs is not None and not needs.search(text):
            continue
        for m in form.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            time = _time(m)
            if groups.get("mon"):
                mon = groups["mon"].rstrip(".")
                month = months.get(mon.lower()) or months.get(mon.casefold())
                if month is None:
                    continue
                iso = _iso(int(groups["year"]), month, int(groups["day"]), time)
            elif groups.get("m"):
                iso = _iso(int(groups["year"]), int(groups["m"]), int(groups["d"]), time)
            else:
                a, b, y = int(groups["a"]), int(groups["bb"]), int(groups["ny"])
                if y < 100:
                    if groups["nsep"] == "-" or len(groups["ny"]) != 2:
                        continue
                    y += 2000
                if a > 12 or (b <= 12 and not (month_first and groups["nsep"] == "/")):
                    day, month = a, b
                else:
                    month, day = a, b
                iso = _iso(y, month, day, time)
            if iso is None:
                continue
            taken.append((m.start(), m.end()))
            before = text[max(0, m.start() - 40): m.start()].casefold()
            if copyright_.search(before) or copyright_.search(text[m.end(): m.end() + 25].casefold()):
                cue = "copyright"
            elif updated.search(before):
                cue = "updated"
            elif published.search(before) or byline_on.search(text[max(0, m.start() - 80): m.start()]
                                                              if m.start() > 80 else text[: m.start()]):
                cue = "published"
            else:
                cue = ""
            found.append(DateMatch(m.start(), m.end(), iso, raw_text[m.start():m.end()].strip(" ,-–|·\u00a0\t"), cue))
    found.sort(key=lambda d: d.start)
    return found


def same_date_read_otherwise(a: str, b: str) -> bool:
    """Whether two ISO dates may be one date: a day apart (a time stamped in UTC in the markup,
    shown in the site's own time zone), or the same numbers with day and month swapped (an
    ambiguous ``03/10/2023`` read the other way round).

    >>> same_date_read_otherwise("2026-02-22", "2026-02-23T01:30:00+00:00")
    True
    >>> same_date_read_otherwise("2023-03-10", "2023-10-03")
    True
    >>> same_date_read_otherwise("2025-11-20", "2025-11-17")
    False
    """
    try:
        day_a, day_b = _dt.date.fromisoformat(a[:10]), _dt.date.fromisoformat(b[:10])
    except ValueError:
        return False
    return abs((day_a - day_b).days) <= 1 or (day_a.year, day_a.month, day_a.day) == (day_b.year, day_b.day, day_b.month)


@lru_cache(maxsize=1)
def _month_day_lines():
    month = _month_pattern(_patterns()[0])
    # the whole line is the date, a list mark before it at most: "Aug 15", "• Jan 4", "10. Dez"
    mark = r"[\s•·*|-]*"
    return [re.compile(rf"{mark}(?P<raw>{month}\s+{DAY})\s*", re.IGNORECASE),
            re.compile(rf"{mark}(?P<raw>{DAY}\s*(?:de\s+)?{month})\s*", re.IGNORECASE)]


def month_day_line(text: str, year: int) -> tuple[str, str] | None:
    """The ISO date, in ``year``, of a line that is only a month and a day ("Aug 15", "• Jan 4",
    "10. Dez"), and the date as the line writes it; or None. Blog themes print a post of the current year without its year; the
    caller says which year the page itself states (the one its headline names).

    >>> month_day_line("  • Jan 4", 2025), month_day_line("10. Dez", 2024), month_day_line("Jan 4 and more", 2025)
    (('2025-01-04', 'Jan 4'), ('2024-12-10', '10. Dez'), None)
    """
    for form in _month_day_lines():
        m = form.fullmatch(text)
        month = m and _patterns()[0].get(m.group("mon").casefold().rstrip("."))
        if month:
            iso = _iso(year, month, int(m.group("day")), None)
            return (iso, m.group("raw")) if iso else None
    return None


@lru_cache(maxsize=1)
def _relative_pattern():
    rel = _data()["relative"]
    units = alternation(k for k in rel["units"] if not k.endswith("_de"))
    after = alternation(rel["ago_after"])
    before = alternation(rel["ago_before"])
    return re.compile(rf"(?<!\w)(?:(?P<n1>\d{{1,3}})\s*(?P<u1>{units})\.?\s+(?:{after})(?!\w)"
                      rf"|(?:{before})\s+(?P<n2>\d{{1,3}})\s*(?P<u2>{units})(?!\w))", re.IGNORECASE)


def find_relative(text: str, captured: str) -> tuple[str, str] | None:
    """``(iso date, raw)`` of a relative date (``3 hours ago``, ``vor 2 Tagen``) counted back from
    ``captured`` (the capture time, ISO), or None. Without a reference time a relative date says
    nothing, so callers only ask when the page's capture time is known.

    >>> find_relative("Posted 2 days ago", "2024-05-03T10:00:00Z")
    ('2024-05-01', '2 days ago')
    >>> find_relative("vor 3 Stunden", "2024-05-03T10:00:00")
    ('2024-05-03', 'vor 3 Stunden')
    """
    m = _relative_pattern().search(text)
    if not m:
        return None
    try:
        ref = _dt.datetime.fromisoformat(captured.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    units = {k.casefold(): v for k, v in _data()["relative"]["units"].items()}
    count = int(m.group("n1") or m.group("n2"))
    unit = (m.group("u1") or m.group("u2")).casefold()
    when = ref - _dt.timedelta(seconds=count * units.get(unit, 0))
    return when.date().isoformat(), m.group(0)

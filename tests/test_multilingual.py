"""News pages in sixteen languages, end to end: headline, authors, date, language, every paragraph
kept whole, every other line removed with the reason its wording gives.

The pages (tests/pages/multilingual/*.txt) are written in the style of the dev bench's WET dumps,
a line per block: the site's menu, a ticker item, a section label, the headline, a byline and a
date line in the language's own form, the article (one quote names another date), then related
headlines, a comment prompt, a newsletter line, share buttons, cookie and copyright lines. The
dev bench is mostly English; these say what a user's page in another language gets. ``wrapped/``
holds some of them hard-wrapped as lynx writes them (80 columns, or 40 characters for Japanese and
Chinese, which have no spaces to wrap at, and Korean, wrapped at its spaces), with and without blank
lines between blocks. Arabic is written right to left, its date line opening with a right-to-left mark.
"""
import json
from pathlib import Path

import pytest

from normalizer.api import normalize
from normalizer.bylines import byline_authors
from normalizer.dates import find_dates

PAGES = Path(__file__).parent / "pages" / "multilingual"
LANGUAGES = ["de", "es", "fr", "ru", "el", "pl", "ja", "zh", "it", "pt", "nl", "tr", "ar", "ko", "uk", "cs"]
WRAPPED = sorted(p.name for p in (PAGES / "wrapped").glob("*.txt"))

# what the normalizer does not get right yet, by (language, field) for a page and its wrapped
# copies, or by (file, field) for one copy
_FULL_LAST_LINE = ("the paragraph before the last ends on a line that nearly fills the width ({}), and without "
                   "blank lines nothing tells a paragraph's end from a wrapped line's: the two are joined")
KNOWN = {
    ("el", "authors"): "a Greek byline names its author in the genitive ('Του Γιώργου Παπαδόπουλου'); "
                       "the name is kept as written, not declined back to 'Γιώργος Παπαδόπουλος'",
    ("wrapped/it.wrap80.txt", "body"): _FULL_LAST_LINE.format("76 of 80 columns"),
    ("wrapped/ar.wrap80.txt", "body"): _FULL_LAST_LINE.format("80 of 80 columns"),
}


def _expected(lang: str) -> dict:
    return json.loads((PAGES / f"{lang}.json").read_text(encoding="utf-8"))


def _cases() -> list[tuple[str, str]]:
    """(language, file) for each page and each wrapped copy of it."""
    return [(lang, f"{lang}.txt") for lang in LANGUAGES] + [(name.split(".")[0], f"wrapped/{name}") for name in WRAPPED]


_RECORDS: dict[str, dict] = {}


def _record(name: str) -> dict:
    if name not in _RECORDS:
        _RECORDS[name] = normalize((PAGES / name).read_bytes(), Path(name).name)
    return _RECORDS[name]


def _param(lang: str, name: str, field: str):
    reason = KNOWN.get((name, field)) or KNOWN.get((lang, field))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(lang, name, id=f"{name}-{field}", marks=marks)


def _params(field: str):
    return [_param(lang, name, field) for lang, name in _cases()]


@pytest.mark.parametrize("lang, name", _params("headline"))
def test_headline(lang, name):
    assert _record(name)["headline"] == _expected(lang)["headline"]


@pytest.mark.parametrize("lang, name", _params("authors"))
def test_authors(lang, name):
    assert _record(name)["authors"] == _expected(lang)["authors"]


@pytest.mark.parametrize("lang, name", _params("published"))
def test_date(lang, name):
    record = _record(name)
    assert (record["published"] or "")[:10] == _expected(lang)["published"]
    assert record["published_raw"] in _expected(lang)["date_line"]


@pytest.mark.parametrize("lang, name", _params("language"))
def test_language(lang, name):
    assert _record(name)["language"] == lang


@pytest.mark.parametrize("lang, name", _params("body"))
def test_every_paragraph_kept_whole(lang, name):
    """The article's paragraphs, each whole and as written (a wrapped one joined back: CJK lines
    without a space), and nothing else."""
    assert _record(name)["text"].split("\n\n") == _expected(lang)["paragraphs"]


@pytest.mark.parametrize("lang, name", _params("removed"))
def test_boilerplate_removed_with_its_reason(lang, name):
    """Each line that is not the article's is removed, with the reason its wording gives. On a
    copy wrapped without blank lines two short lines may be read as one wrapped line (a ticker
    item that nearly fills the width and the section label under it: nothing tells them apart);
    the block is removed with its first line's reason."""
    expected = _expected(lang)
    removed: dict[str, list[str]] = {}
    for line in _record(name)["removed"]:
        removed.setdefault("".join(line["text"].split()), []).append(line["reason"])
    # the headline, its byline and its date line are removed too, as metadata
    for line in (expected["headline"], expected["byline_line"], expected["date_line"]):
        assert "".join(line.split()) in removed, line
    blankless = name.startswith("wrapped/") and ".blank" not in name
    wrong = {}
    for line in expected["boilerplate"]:
        key = "".join(line.split())
        got = removed.get(key)
        if got is None and blankless:
            within = [k for k in removed if key in k]
            if within:
                got = removed[within[0]] if within[0].startswith(key) else expected["reasons"][line]
        if not got or not set(got) <= set(expected["reasons"][line]):
            wrong[line] = got
    assert wrong == {}


def test_wrapped_copies_are_real_wraps():
    """Each wrapped copy holds its page's text, cut at its width (a guard on the test data)."""
    for name in WRAPPED:
        lang, width = name.split(".")[0], int(name.split(".")[1].removeprefix("wrap"))
        text = (PAGES / "wrapped" / name).read_text(encoding="utf-8")
        page = (PAGES / f"{lang}.txt").read_text(encoding="utf-8")
        assert max(map(len, text.splitlines())) <= width
        assert "".join(text.split()) == "".join(page.split())


@pytest.mark.parametrize("line, names", [
    ("Von Anna Schmidt und Max Müller", ("Anna Schmidt", "Max Müller")),
    ("Por María López y Juan Pérez", ("María López", "Juan Pérez")),
    ("Par Jean Dupont et Marie Martin", ("Jean Dupont", "Marie Martin")),
    ("Авторы: Иван Петров и Мария Сидорова", ("Иван Петров", "Мария Сидорова")),
    ("Autorzy: Jan Kowalski i Anna Nowak", ("Jan Kowalski", "Anna Nowak")),
    ("Γράφει ο Γιώργος Παπαδόπουλος", ("Γιώργος Παπαδόπουλος",)),
    ("Της Μαρίας Κωνσταντίνου", ("Μαρίας Κωνσταντίνου",)),  # the genitive, as written
    ("記者 山田太郎、鈴木花子", ("山田太郎", "鈴木花子")),
    ("（記者 山田太郎）", ("山田太郎",)),
    ("本报记者 王小明", ("王小明",)),
    ("Por María López - 6 de enero de 2026", ("María López",)),
    ("Von Anna Schmidt, 06.01.2026, 14:59 Uhr", ("Anna Schmidt",)),
    ("di Mario Rossi e Giulia Bianchi", ("Mario Rossi", "Giulia Bianchi")),
    ("Por Ana Souza | 12/03/2026 às 14h30", ("Ana Souza",)),
    ("Door Pieter de Vries", ("Pieter de Vries",)),
    ("Yazar: İlknur Işık", ("İlknur Işık",)),
    ("بقلم: أحمد محمود", ("أحمد محمود",)),
    ("김민준 기자", ("김민준",)),
    ("김민준·이서연 기자", ("김민준", "이서연")),
    ("부산=김민준 기자 minjun@example.co.kr", ("김민준",)),
    ("Автор: Олена Коваленко", ("Олена Коваленко",)),
    ("Autor: Jana Dvořáková", ("Jana Dvořáková",)),
])
def test_bylines_in_their_languages_forms(line, names):
    assert byline_authors(line) == names


@pytest.mark.parametrize("text, iso", [
    ("12 marzo 2026, 14:30", "2026-03-12T14:30:00"),
    ("Por Ana Souza | 12/03/2026 às 14h30", "2026-03-12T14:30:00"),
    ("12 de março de 2026", "2026-03-12"),
    ("12 maart 2026", "2026-03-12"),
    ("12 Mart 2026 Perşembe", "2026-03-12"),
    ("12 MAYIS 2026", "2026-05-12"),
    ("٢٠٢٦/٣/١٢", "2026-03-12"),
    ("\u200fالخميس ١٢ مارس ٢٠٢٦ - ٠٢:٣٠ م", "2026-03-12T14:30:00"),
    ("12 آذار 2026", "2026-03-12"),
    ("۱۲ مارس ۲۰۲۶", "2026-03-12"),
    ("입력 2026.03.12 14:30", "2026-03-12T14:30:00"),
    ("2026년 3월 12일", "2026-03-12"),
    ("12 березня 2026", "2026-03-12"),
    ("12. března 2026", "2026-03-12"),
])
def test_dates_in_their_languages_forms(text, iso):
    assert [d.iso for d in find_dates(text)] == [iso]


@pytest.mark.parametrize("line", ["Η ομιλία του πρωθυπουργού, του Κυριάκου Μητσοτάκη", "Ο υπουργός γράφει ο ίδιος"])
def test_greek_articles_in_a_sentence_are_no_byline(line):
    assert byline_authors(line) is None


# The pages in the legacy encodings their languages' sites were written in, undeclared. Characters
# an encoding lacks (curly quotes, dashes, ©) are written plainly first.
_PLAIN = str.maketrans({"\u2019": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-",
                        "©": "(c)", "\u3000": " ", **{0x0660 + k: 0x30 + k for k in range(10)}})


@pytest.mark.parametrize("lang, encoding", [
    ("de", "latin-1"), ("de", "cp1252"), ("fr", "latin-1"), ("fr", "cp1252"), ("es", "latin-1"),
    ("pl", "cp1250"), ("pl", "iso-8859-2"), ("ru", "cp1251"), ("ru", "koi8-r"), ("el", "cp1253"),
    ("el", "iso-8859-7"), ("ja", "shift_jis"), ("ja", "euc-jp"), ("zh", "gbk"),
    ("it", "latin-1"), ("pt", "cp1252"), ("nl", "cp1252"), ("tr", "cp1254"), ("tr", "iso-8859-9"),
    ("ar", "cp1256"), ("ko", "euc-kr"), ("uk", "cp1251"), ("cs", "cp1250"),
    pytest.param("cs", "iso-8859-2", marks=pytest.mark.xfail(strict=True, reason=(
        "charset-normalizer finds Czech more coherent in the Vietnamese cp1258 decode of ISO-8859-2 bytes "
        "('koneènưch' for 'konečných') than in the right one; both read cleanly"))),
])
def test_legacy_encodings_decode_to_the_page(lang, encoding):
    """Latin-1 German and French read as DOS Baltic (cp775: "M³nchen"), ISO-8859-2 Polish as
    ISO-8859-3 ("Gdañsk"), cp1250 Polish as ISO-8859-13 ("ś" a C1 control) before web encodings
    were preferred; the text must come back as written."""
    page = (PAGES / f"{lang}.txt").read_text(encoding="utf-8").translate(_PLAIN)
    record = normalize(page.encode(encoding), f"{lang}.txt")
    if (lang, "headline") not in KNOWN:
        assert record["headline"] == _expected(lang)["headline"].translate(_PLAIN)
    assert record["text"].split("\n\n") == [p.translate(_PLAIN) for p in _expected(lang)["paragraphs"]]

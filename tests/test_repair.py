"""Repairs of the text itself: mojibake, line endings, invisible characters."""
from pathlib import Path

from normalizer import normalize
import ftfy

from normalizer.repair import FTFY_OPTIONS, fix_mojibake, fix_text, normalize_newlines, shows_mojibake

# a real paragraph of seed 004, with the curly quotes and dashes where mojibake shows
PARAGRAPH = ("The mobilizations started soon after YAF spokesman Brigadier General Yahya Saree confirmed that Sanaa "
             "conducted drone and missile attacks targeting Israel’s Ben Gurion airport, “a vital target” south of "
             "Tel Aviv — in response to Israel’s aggressions on Yemen and Gaza.")


def as_mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252: how the bench's `mojibake` pages were made."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def test_utf8_read_as_windows_1252_is_repaired():
    broken = as_mojibake("Israel’s Ben Gurion airport, the café in Zürich — “a vital target")
    assert "â€™" in broken
    fixed, changed = fix_mojibake(broken)
    assert changed and fixed == "Israel’s Ben Gurion airport, the café in Zürich — “a vital target"


def test_clean_text_is_left_alone():
    assert fix_mojibake(PARAGRAPH) == (PARAGRAPH, False)


def test_lines_left_out_of_ftfy_give_its_own_result():
    # plain lines, an entity before and after a tag (ftfy stops unescaping after the first "<"), a
    # control character, mojibake, lines joined by nothing but a final newline or none
    lines = ["Plain ASCII line", as_mojibake("Israel’s café"), "Fish &amp; chips", "",
             "<b>bold</b> line", "Salt &amp; pepper", as_mojibake("“Zürich”"), "tab\there, bell\x07 here",
             "&eacute;t&eacute;"]
    for text in ("\n".join(lines), "\n".join(lines) + "\n", "\n".join(reversed(lines)), "\n".join(lines[1:3])):
        assert fix_text(text) == ftfy.fix_text(text, **FTFY_OPTIONS)
    assert fix_text("\n".join(lines)).count("&amp;") == 1  # (the one after the tag: the test tests something)


def test_crlf_and_mojibake_pages_give_the_same_body_as_the_clean_page():
    page = f"Yemen\n\n{PARAGRAPH}\n\n{PARAGRAPH.replace('Sanaa', 'Hodeidah')}\n"
    clean = normalize(page, "clean.txt")
    broken = normalize(as_mojibake(page).replace("\n", "\r\n"), "broken.txt")
    assert broken["text"].replace("\ufffd", "”") == clean["text"]
    assert set(broken["repairs"]) >= {"newlines", "mojibake"}


def test_newlines_of_every_kind_become_one():
    assert normalize_newlines("a\r\nb\rc\u2028d") == "a\nb\nc\nd"


def test_bytes_lost_to_replacement_characters_are_restored_from_context():
    greek = ("Η κυβέρνηση ανακοίνωσε τη Δευτέρα νέα μέτρα στήριξης για τα νοικοκυριά που πλήττονται από την "
             "ακρίβεια. Ο υπουργός Οικονομικών δήλωσε ότι τα μέτρα θα εφαρμοστούν.")
    broken = as_mojibake(greek)
    assert broken.count("\ufffd") == 10  # every ρ and every Ν lost its second byte
    assert fix_mojibake(broken) == (greek, True)


def test_restoration_gets_most_lost_characters_right_in_cyrillic_and_cjk():
    for text in ("Правительство России в понедельник утвердило новый пакет мер поддержки экономики.",
                 "国务院总理周一主持召开国务院常务会议，部署进一步稳定经济增长的措施。要加大对中小企业的支持力度。"):
        broken = as_mojibake(text)
        fixed, _ = fix_mojibake(broken)
        assert "\ufffd" not in fixed
        wrong = sum(1 for a, b in zip(fixed, text) if a != b)
        assert len(fixed) == len(text) and wrong <= broken.count("\ufffd") // 3


def test_neighbouring_lost_characters_are_chosen_by_each_other():
    """A Russian or Greek page that lost bytes loses them in runs ("ся", "сс" and "ря" lose both
    letters' last bytes): each lost letter is chosen in the light of its neighbours' choices and
    of two characters each side. On the multilingual test pages about one lost letter in ten is
    still wrong ("это" and "сто" both read well); one in four was, read a character at a time."""
    pages = Path(__file__).parent / "pages" / "multilingual"
    for language in ("ru", "el"):
        text = (pages / f"{language}.txt").read_text(encoding="utf-8")
        broken = as_mojibake(text)
        fixed, _ = fix_mojibake(broken)
        assert len(fixed) == len(text) and "\ufffd" not in fixed
        wrong = sum(1 for a, b in zip(fixed, text) if a != b)
        assert wrong <= 0.12 * broken.count("\ufffd"), language


def test_utf8_read_as_latin_1_keeps_its_lines_whole():
    """UTF-8 read as Latin-1 (the HTTP default once) turns the byte 0x85 into U+0085, the NEL line
    break: Polish "ą" (C4 85), Russian "х" (D1 85) and many CJK characters hold it. It stays a byte
    for ftfy to put back, not a line break: such pages give the clean page's record."""
    pages = Path(__file__).parent / "pages" / "multilingual"
    for language in ("pl", "ru", "ja"):
        text = (pages / f"{language}.txt").read_text(encoding="utf-8")
        broken = text.encode("utf-8").decode("latin-1")
        assert "\x85" in broken
        clean, repaired = normalize(text, f"{language}.txt"), normalize(broken, f"{language}-latin-1.txt")
        assert (repaired["text"], repaired["headline"], repaired["published"]) == \
            (clean["text"], clean["headline"], clean["published"]), language
    assert normalize_newlines("one\x85two") == "one\ntwo"  # a NEL after ASCII is a line break


def test_utf8_read_in_the_other_encodings_ftfy_undoes_is_repaired():
    """Windows-1251 ("Р“Р»Р°РІРЅР°СЏ"), Windows-1253, Windows-1250, ISO-8859-2, Mac Roman ("caf√©")
    and DOS's cp437: ftfy undoes each, once a sign of it tells the step to ask. The pages give the
    clean page's record; the clean pages are left as they are."""
    import ftfy.bad_codecs  # noqa: F401  (the "sloppy-" codecs a browser's reading follows)
    pages = Path(__file__).parent / "pages" / "multilingual"
    for language, encoding in (("ru", "sloppy-windows-1251"), ("el", "sloppy-windows-1253"), ("pl", "sloppy-windows-1250"),
                               ("pl", "iso-8859-2"), ("fr", "macroman"), ("de", "cp437"), ("ru", "cp437")):
        text = (pages / f"{language}.txt").read_text(encoding="utf-8")
        broken = text.encode("utf-8").decode(encoding, errors="replace")
        assert shows_mojibake(broken), (language, encoding)
        clean, repaired = normalize(text, f"{language}.txt"), normalize(broken, f"{language}-{encoding}.txt")
        assert (repaired["text"], repaired["headline"]) == (clean["text"], clean["headline"]), (language, encoding)
    for page in sorted(pages.glob("*.txt")):  # (Czech "íš" shows Windows-1252's sign: ftfy leaves it)
        text = page.read_text(encoding="utf-8")
        assert fix_mojibake(text) == (text, False), page.name
    assert not shows_mojibake("Сільське господарство, Сёмга")  # Ukrainian and Russian letters after С


def test_windows_1252_quotes_read_as_latin_1_controls_are_put_back():
    """Windows-1252 text read as Latin-1 (as browsers never do: they read a page labelled Latin-1
    as Windows-1252) holds C1 controls where its quotes and dashes were; ftfy puts them back rather
    than the invisible-character step dropping them ("were" for "we're")."""
    assert fix_mojibake("Because we\x92re so used to it \x96 and \x93more\x94")[0] == \
        "Because we’re so used to it – and “more”"
    assert normalize(f"Storm\n\n{PARAGRAPH.replace('’', chr(0x92))}\n", "c1.txt")["text"] == PARAGRAPH

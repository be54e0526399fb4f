"""Repairs of the text itself: mojibake, line endings, invisible characters."""
from normalizer import normalize
from normalizer.repair import fix_mojibake, normalize_newlines

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


def test_crlf_and_mojibake_pages_give_the_same_body_as_the_clean_page():
    page = f"Yemen\n\n{PARAGRAPH}\n\n{PARAGRAPH.replace('Sanaa', 'Hodeidah')}\n"
    clean = normalize(page, "clean.txt")
    broken = normalize(as_mojibake(page).replace("\n", "\r\n"), "broken.txt")
    assert broken["text"].replace("\ufffd", "”") == clean["text"]
    assert set(broken["repairs"]) >= {"newlines", "mojibake"}


def test_newlines_of_every_kind_become_one():
    assert normalize_newlines("a\r\nb\rc\u2028d") == "a\nb\nc\nd"

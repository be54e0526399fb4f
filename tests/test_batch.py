"""Lines repeated across a site's pages are counted per site, whatever the order of the pages."""
from normalizer.batch import count_lines, line_key, line_keys, site_of

MENU = "Home | World | Business | Opinion"
PAGES = [
    ("zamanalwsl.net", ["Latest News:", MENU, "Russian soldiers fight along regime forces in Latakia province"]),
    ("zamanalwsl.net", ["Latest News:", MENU, "FSA kills 25 regime militants north of Hama"]),
    ("zamanalwsl.net", [MENU, "  Latest News:  ", "UN chief: Forced evacuation of Syrians may be a war crime"]),
    ("theduran.com", [MENU, "Russian military again charges US with relocating ISIS from Iraq to Syria"]),
]


def test_a_menu_on_three_pages_of_a_site_is_repeated_there_only():
    stats = count_lines(PAGES)
    assert stats.pages_with("zamanalwsl.net", MENU) == 3
    assert stats.pages_with("zamanalwsl.net", "latest news") == 3  # case, spaces, punctuation ignored
    assert stats.pages_with("theduran.com", MENU) == 0  # one page of that site: below the floor
    assert stats.pages_with("zamanalwsl.net", "FSA kills 25 regime militants north of Hama") == 0
    assert stats.pages_per_site == {"zamanalwsl.net": 3, "theduran.com": 1}


def test_counts_do_not_depend_on_the_order_of_pages():
    assert count_lines(PAGES) == count_lines(list(reversed(PAGES)))


def test_a_line_twice_on_one_page_counts_once():
    stats = count_lines([("a.org", ["Share", "Share"]), ("a.org", ["Share"]), ("a.org", ["Text"])], min_pages=2)
    assert stats.pages_with("a.org", "Share") == 2


def test_site_is_the_host_without_www():
    assert site_of("https://www.zamanalwsl.net/en/news/14981.html") == "zamanalwsl.net"
    assert site_of(None) == ""
    assert line_key("a.org", "Share!") == line_key("a.org", "share")


def test_a_line_is_keyed_by_its_folded_words_alone():
    lines = ["Home | World", "  home, WORLD!", "Straße", "STRASSE", "İstanbul haberleri", "i̇stanbul Haberleri",
             "Latest 😀 news", "latest news", "homeworld", "world home", "Ⅻ ½", ""]
    keys = line_keys("a.org", lines)
    assert keys == [line_key("a.org", line) for line in lines]  # a page at once, or a line at a time
    assert keys[0] == keys[1] and keys[2] == keys[3] and keys[4] == keys[5] and keys[6] == keys[7]
    assert len(set(keys[::2])) == len(keys[::2])  # other words, other keys
    assert line_keys("b.org", lines) != keys  # the same words on another site


def test_a_line_longer_than_the_weight_table_is_keyed_by_its_words_too():
    words = "ordinary words of a page set on one line " * 3000  # 100,000 word characters and more
    keys = line_keys("a.org", [words, words.replace(" ", ", "), words + "again"])
    assert keys[0] == keys[1] != keys[2]

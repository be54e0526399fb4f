"""Paragraphs restored from hard-wrapped text, on real text.

The seed pages (seed 004 is wrapped at about 80 columns with no blank lines, every paragraph's
first line cut after a few words), and a passage of seed 000 (its headline, four paragraphs, its
"Related articles" list) wrapped here the way lynx and scrapers wrap text: textwrap at 60 to 100
columns, with and without blank lines between paragraphs, indented; lynx's layout at 80 columns
(body indented 3 columns, list items deeper with their continuation under the text).
"""
import inspect
import json
import textwrap
from dataclasses import fields, replace
from pathlib import Path

import pytest

from normalizer.context import DEFAULT_CONTEXT
from normalizer.decode import decode_input
from normalizer.document import Block, Document
from normalizer.repair import repair_text
from normalizer.unwrap import Page, decide_breaks, unwrap_hard_breaks, wrap_width

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "seeds_gold"
SEEDS = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


def blocks_of(raw: bytes):
    doc = Document(raw=raw, name="test")
    doc = repair_text(decode_input(doc, DEFAULT_CONTEXT), DEFAULT_CONTEXT)
    return unwrap_hard_breaks(doc, DEFAULT_CONTEXT).blocks


def texts_of(text: str) -> list[str]:
    return [b.text for b in blocks_of(text.encode())]


def _gold(seed):
    return json.loads((GOLD / f"{seed}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS)
def test_every_gold_paragraph_of_a_seed_is_one_block(seed):
    texts = [b.text for b in blocks_of((ROOT / "seeds" / f"{seed}.txt").read_bytes())]
    for paragraph in _gold(seed)["body"].split("\n\n"):
        assert paragraph in texts


@pytest.mark.parametrize("seed", SEEDS)
def test_no_boilerplate_line_of_a_seed_is_glued_to_another(seed):
    texts = [" ".join(b.text.split()) for b in blocks_of((ROOT / "seeds" / f"{seed}.txt").read_bytes())]
    for line in _gold(seed)["boilerplate"]:
        assert " ".join(line.split()) in texts


def test_seed_004_first_lines_cut_short_are_rejoined():
    texts = [b.text for b in blocks_of((ROOT / "seeds" / "004_403cec5b0078fd18.txt").read_bytes())]
    assert texts[:3] == [p for p in _gold("004_403cec5b0078fd18")["body"].split("\n\n")[:3]]
    assert "Russian" not in texts and "The FIS stressed" not in texts
    assert texts[-2:] == ["No comments:", "Post a Comment"]


# seed 000: its headline, four of its paragraphs, and its list of related articles
SEED_000 = _gold("000_e95a843f5d48968b")
HEADING = SEED_000["headline"]
PARAGRAPHS = SEED_000["body"].split("\n\n")[:4]
ITEMS = [SEED_000["boilerplate"][i] for i in (6, 8, 3)]  # the last one wraps at every width
PASSAGE = [HEADING] + PARAGRAPHS + ["Related articles"] + ITEMS


def scraper_dump(width: int, blank_lines: bool = True, indent: int = 0) -> str:
    """A one-line-per-block dump (list items as "• item"), each line wrapped by textwrap as a
    scraper does (continuations at column 0), optionally without blank lines and indented."""
    blocks = [HEADING] + PARAGRAPHS + ["Related articles"] + ["• " + item for item in ITEMS]
    lines = []
    for block in blocks:
        lines += textwrap.wrap(block, width, break_long_words=True, break_on_hyphens=False)
        if blank_lines:
            lines.append("")
    return "\n".join(" " * indent + line if line else line for line in lines)


def lynx_dump() -> str:
    """lynx's layout at 80 columns: the heading at column 0, body text at 3 columns, list items at 5
    with their continuation under the text, lines within 74 columns."""
    out = textwrap.wrap(HEADING, 77) + [""]
    for paragraph in PARAGRAPHS:
        out += textwrap.wrap(paragraph, 74, initial_indent="   ", subsequent_indent="   ") + [""]
    out += ["   Related articles", ""]
    for item in ITEMS:
        out += textwrap.wrap(item, 74, initial_indent="     * ", subsequent_indent="       ")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("width", [60, 72, 80, 100])
@pytest.mark.parametrize("indent", [0, 4])
def test_wrapped_paragraphs_with_blank_lines_are_restored(width, indent):
    dump = scraper_dump(width, indent=indent)
    assert max(len(line) for line in dump.splitlines()) > 50  # the passage is wrapped
    assert texts_of(dump) == PASSAGE


# Without blank lines, a paragraph whose last line is full (the next paragraph's first word would
# not have fitted) looks exactly like a wrap after a sentence, and is joined to the next one: at
# 65-68, 79-88 and 92-94 columns one of these paragraphs ends so. The widths below are not.
@pytest.mark.parametrize("width", [60, 64, 72, 76, 90, 100])
@pytest.mark.parametrize("indent", [0, 4])
def test_wrapped_paragraphs_without_blank_lines_are_restored(width, indent):
    assert texts_of(scraper_dump(width, blank_lines=False, indent=indent)) == PASSAGE


def test_lynx_layout_keeps_heading_paragraphs_and_list_items_apart():
    blocks = blocks_of(lynx_dump().encode())
    assert [b.text for b in blocks] == PASSAGE
    assert [b.bullet for b in blocks] == [False] * 6 + [True] * 3
    assert [b.indent for b in blocks] == [0, 3, 3, 3, 3, 3, 5, 5, 5]


def test_an_image_shown_twice_before_a_paragraph_is_cut_off_once():
    # lynx shows an image's alt text and then its caption, run into the paragraph below them
    caption = "Flood barriers on the river bank, seen from the old bridge."
    lines = textwrap.wrap(" ".join([caption, caption, PARAGRAPHS[1]]), 74, initial_indent="   ",
                          subsequent_indent="   ")
    head = lynx_dump().splitlines()[:3]  # the headline, on two lines
    after = textwrap.wrap(PARAGRAPHS[2], 74, initial_indent="   ", subsequent_indent="   ")
    blocks = blocks_of("\n".join(head + lines + [""] + after).encode())
    assert [b.text for b in blocks] == [HEADING, caption, PARAGRAPHS[1], PARAGRAPHS[2]]
    assert (blocks[1].first_line, blocks[2].last_line) == (len(head), len(head) + len(lines) - 1)


def test_an_image_shown_twice_under_a_paragraph_is_a_block_of_its_own():
    # lynx prints an image's alt text and its caption on the line under the paragraph before it
    # (a page of the dev set); its first word would not have fitted on the paragraph's last line
    lines = ["   Projections indicate that by 2026, the worth of sales generated through",
             "   social commerce could soar to approximately 2.9 trillion U.S. dollars.",
             "   social commerce sales social commerce sales",
             "",
             "   By 2024, it’s projected that there will be 110.4 million social buyers",
             "   in the US, making up 42.0% of all internet users."]
    blocks = blocks_of("\n".join(lynx_dump().splitlines()[:3] + lines).encode())
    assert [b.text for b in blocks[1:]] == [
        "Projections indicate that by 2026, the worth of sales generated through social commerce could soar "
        "to approximately 2.9 trillion U.S. dollars.",
        "social commerce sales",
        "By 2024, it’s projected that there will be 110.4 million social buyers in the US, making up 42.0% of "
        "all internet users."]
    assert [(b.first_line, b.last_line) for b in blocks[1:3]] == [(3, 4), (5, 5)]


def test_a_repeat_in_a_table_row_inside_a_paragraph_or_on_an_unwrapped_page_stays():
    title = "How Stores Manipulate Your Senses So You Spend More Money"
    dump = "\n".join([HEADING, " ".join([title] * 3), PARAGRAPHS[0]])
    assert texts_of(dump)[1] == " ".join([title] * 3)  # a line per block: a link list, not an image
    row = "Yes             Yes             Specializes in senior health plans"
    table = textwrap.wrap(PARAGRAPHS[0], 74, initial_indent="   ", subsequent_indent="   ") + ["", "   " + row]
    assert texts_of("\n".join(lynx_dump().splitlines()[:3] + table))[-1] == row  # a table's cells
    said = "Not again, not again, she said."
    lines = textwrap.wrap(PARAGRAPHS[0] + " " + said, 74, initial_indent="   ", subsequent_indent="   ")
    assert texts_of("\n".join(lynx_dump().splitlines()[:3] + lines)) == [HEADING, PARAGRAPHS[0] + " " + said]


def test_list_items_are_never_joined_even_when_full():
    # a menu of full-width items: every line would "not fit" after the one before
    items = ["* " + ITEMS[2]] * 3
    dump = "\n".join(textwrap.fill(item, 60, subsequent_indent="  ") for item in items)
    assert [b.text for b in blocks_of(dump.encode())] == [ITEMS[2]] * 3


def test_an_unwrapped_dump_is_left_as_it_is():
    dump = "\n".join([HEADING] + PARAGRAPHS + ["Related articles"] + ITEMS)
    assert wrap_width([len(line) for line in dump.splitlines()]) is None
    assert texts_of(dump) == PASSAGE


def test_unspaced_scripts_join_without_a_space():
    # Chinese wrapped at 30 characters: lynx and textwrap cut between any two characters
    sentence = ("谷歌在2014年收购的人工智能公司开发出一款能够用自己的记忆学习新知识并利用这些知识来回答问题的计算机。"
                "这款产品具有极其重要的意义，因为这意味着未来的人工智能技术可能不需要人类来教它就能回答人类提出的问题。")
    lines = [sentence[i:i + 30] for i in range(0, len(sentence), 30)]
    page = Page(lines)
    assert page.width == 30
    assert all(decide_breaks(page)[1:])
    assert texts_of("\n".join(lines)) == [sentence]


def test_a_line_opening_with_the_word_o_is_not_a_list_item():
    # Cervantes, Don Quijote I.1, wrapped at 42 columns: a line starts "o Quesada" (Quijada o
    # Quesada); lynx's "o" bullet is only ever drawn three levels deep in a list
    passage = ("Frisaba la edad de nuestro hidalgo con los cincuenta años. Era de complexión recia, seco "
               "de carnes, enjuto de rostro, gran madrugador y amigo de la caza. Quieren decir que tenía el "
               "sobrenombre de Quijada o Quesada, que en esto hay alguna diferencia en los autores que deste "
               "caso escriben; aunque por conjeturas verosímiles se deja entender que se llamaba Quejana.")
    lines = textwrap.wrap(passage, 42)
    assert "o Quesada, que en esto hay alguna" in lines
    for indent in (0, 4):
        blocks = blocks_of("\n".join(" " * indent + line for line in lines).encode())
        assert [(b.text, b.bullet) for b in blocks] == [(passage, False)]


# the promulgation formula of the German Basic Law (23 May 1949): its dates are ordinals
GRUNDGESETZ = ("Der Parlamentarische Rat hat am 23. Mai 1949 in Bonn am Rhein in öffentlicher Sitzung "
               "festgestellt, daß das am 8. Mai des Jahres 1949 vom Parlamentarischen Rat beschlossene "
               "Grundgesetz für die Bundesrepublik Deutschland in der Woche vom 16. bis 22. Mai 1949 durch "
               "die Volksvertretungen von mehr als Zweidritteln der beteiligten deutschen Länder angenommen "
               "worden ist.")


@pytest.mark.parametrize("width", [55, 62, 80, 84])
def test_a_date_wrapped_to_the_start_of_a_line_is_not_a_numbered_item(width):
    lines = textwrap.wrap(GRUNDGESETZ, width)
    assert any(line[:2] in ("8.", "16", "22") for line in lines)
    for blank_lines in (False, True):
        dump = "\n".join(lines) + ("\n\n" if blank_lines else "\n") + "\n".join(textwrap.wrap(PARAGRAPHS[0], width))
        assert texts_of(dump) == [GRUNDGESETZ, PARAGRAPHS[0]]


def test_a_numbered_list_stays_one_item_a_block():
    items = ["1. " + ITEMS[0], "2. " + ITEMS[1], "3. " + ITEMS[2]]
    dump = "\n".join(line for item in items for line in textwrap.wrap(item, 60))
    assert texts_of(dump) == items


def test_long_unwrapped_lines_on_a_wrapped_page_stay_apart():
    # a dump that is wrapped at 72 columns but for two paragraphs left on one line each
    lines = []
    for paragraph in PARAGRAPHS[:2]:
        lines += textwrap.wrap(paragraph, 72) + [""]
    lines += PARAGRAPHS[2:4]
    assert 70 <= wrap_width([len(line) for line in lines if line]) <= 72
    assert texts_of("\n".join(lines)) == PARAGRAPHS[:4]


@pytest.mark.parametrize("seed", SEEDS)
def test_blocks_cover_every_line_once_in_order_and_lose_no_word(seed):
    raw = (ROOT / "seeds" / f"{seed}.txt").read_bytes()
    doc = repair_text(decode_input(Document(raw=raw, name=seed), DEFAULT_CONTEXT), DEFAULT_CONTEXT)
    for dump in (doc.lines, lynx_dump().splitlines(), scraper_dump(66, blank_lines=False).splitlines()):
        blocks = unwrap_hard_breaks(replace(doc, lines=tuple(dump)), DEFAULT_CONTEXT).blocks
        nonblank = [n for n, line in enumerate(dump) if line.strip()]
        spans = [n for b in blocks for n in nonblank if b.first_line <= n <= b.last_line]
        assert spans == nonblank
        words = [w for line in dump for w in line.split() if w not in ("*", "•")]
        assert [w for b in blocks for w in b.text.split()] == words


def test_a_block_is_built_with_every_field_it_declares():
    """``Block.__init__`` is written by hand (for speed): a field added to the class and not to it
    would leave every block its default."""
    assert list(inspect.signature(Block).parameters) == [f.name for f in fields(Block)]
    block = Block("Text", 1, 2, indent=3, bullet=True, reason="related")
    assert [getattr(block, f.name) for f in fields(Block)] == ["Text", 1, 2, 3, True, "related"]


@pytest.mark.parametrize("headline, byline", [
    ("Valencia abrirá en marzo el primer refugio climático en una biblioteca pública", "Por María López"),
    ("À Lyon, les bibliothèques municipales resteront ouvertes le dimanche dès février", "Par Jean Dupont"),
    ("Valencia will open its first climate shelter in a public library in March this", "By Maria Lopez"),
])
def test_a_byline_under_a_headline_that_fills_the_width_is_its_own_block(headline, byline):
    """The byline's first word would not have fitted after the headline, so the wrap model read
    it as the headline's end; a short line that is a byline whole, over a line of its own, is not."""
    body = "The council approved the plan on Tuesday after a long debate about costs and works. " * 3
    lines = ["Home", "News", headline, byline, "6 January 2026"] + textwrap.wrap(body, 80) * 3
    texts = texts_of("\n".join(lines) + "\n")
    assert headline in texts and byline in texts


@pytest.mark.parametrize("width", [34, 36, 43])  # each cuts once beside a Latin word or a figure
def test_latin_words_and_figures_join_a_japanese_line_unspaced(width):
    """Japanese and Chinese set a Latin word or a figure between their characters without spaces;
    a wrap beside one joins so ("...iPhone" / "とAndroid...", "...約" / "3万人...")."""
    text = "市はiPhoneとAndroid向けのアプリを2024年から提供しており、利用者は約3万人に達した。" * 4
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    assert text in texts_of("\n".join(["見出し"] + lines + ["関連記事"]) + "\n")


def test_a_han_character_on_an_english_line_keeps_its_space():
    text = ("The Chinese word for the middle of a thing is written with one sign, 中 and it is read as "
            "zhong in Mandarin, which the next lines explain at length. It is one of the first characters "
            "a learner meets, as it names China itself.")
    lines = textwrap.wrap(" ".join([text] * 3), 70)
    assert lines[0].endswith("sign, 中")  # a wrap right after the character
    assert texts_of("\n".join(lines) + "\n")[0] == text

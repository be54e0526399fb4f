"""The headline among the lines around the body's start: the title, not the menu, the section
label, the ticker or the related article."""
from normalizer import normalize
from normalizer.context import DEFAULT_CONTEXT
from normalizer.document import Block, Document
from normalizer.metadata import extract_metadata

BODY = [
    "Die Bundesregierung hat am Montag ein umfassendes Paket zur Förderung erneuerbarer Energien beschlossen, "
    "das nach Angaben des Wirtschaftsministeriums bis 2030 rund 40 Milliarden Euro mobilisieren soll.",
    "Kern des Pakets sind schnellere Genehmigungen für Windparks an Land sowie neue Ausschreibungen für "
    "Solaranlagen auf Dächern öffentlicher Gebäude, teilte das Ministerium mit.",
    "Die Opposition kritisierte die Pläne als unzureichend. Umweltverbände begrüßten dagegen die Beschleunigung "
    "der Verfahren, forderten aber verbindliche Zwischenziele für jedes Bundesland.",
]


def _page(before, after=()):
    texts = [(t, r) for t, r in before] + [(t, None) for t in BODY] + list(after)
    blocks = tuple(Block(text=t, first_line=i, last_line=i, reason=r) for i, (t, r) in enumerate(texts))
    return Document(raw=b"", name="t", lines=tuple(t for t, _ in texts), blocks=blocks)


def test_the_title_before_the_byline_and_date_wins_over_menus_and_labels():
    doc = extract_metadata(_page([
        ("Startseite", "navigation"), ("Politik", "section"), ("Wirtschaft", "navigation"),
        ("Regierung beschließt Milliardenpaket für erneuerbare Energien", "boilerplate"),
        ("Von Anna Muster", "boilerplate"), ("06.01.2026, 14:59 Uhr", "boilerplate"),
    ], after=[("Mehr zum Thema", "related"), ("Windkraft: Die größten Projekte des Jahres", "related")]),
        DEFAULT_CONTEXT)
    assert doc.headline == "Regierung beschließt Milliardenpaket für erneuerbare Energien"
    assert doc.authors == ("Anna Muster",)
    assert doc.published == "2026-01-06T14:59:00"
    assert doc.section is None  # "Politik" is an item of the menu over the headline, not its kicker
    reasons = {b.text: b.reason for b in doc.blocks}
    assert reasons["Von Anna Muster"] == "byline" and reasons["06.01.2026, 14:59 Uhr"] == "dateline"
    assert reasons["Windkraft: Die größten Projekte des Jahres"] == "related"


def test_a_page_title_with_the_site_name_and_its_repeat():
    doc = extract_metadata(_page([
        ("Regierung beschließt Milliardenpaket für erneuerbare Energien | Beispiel-Zeitung", "boilerplate"),
        ("Anmelden", "navigation"), ("Abo", "navigation"),
        ("Regierung beschließt Milliardenpaket für erneuerbare Energien", "boilerplate"),
    ]), DEFAULT_CONTEXT)
    assert doc.headline == "Regierung beschließt Milliardenpaket für erneuerbare Energien"


def test_body_text_is_never_taken_for_a_headline_when_the_page_has_none():
    doc = extract_metadata(_page([]), DEFAULT_CONTEXT)
    assert doc.headline is None
    assert [b.text for b in doc.blocks if b.kept] == BODY


# a cropped dump (from a renovation guide): the unwrapper joins the headline to the hard-wrapped deck under it
GLUED_HEADLINE = """  2. Guide
  3. All Articles
  4. Search
  5. Timelines
  6. Planning & Logistics
An Ultimate Guide to Home Renovation Phases and Timelines
Discover the full stages and timelines of home renovation.
Our comprehensive guide helps you plan your project
efficiently and avoid common pitfalls.
By Block Renovation
09.10.2024
    Renovating your space is an exciting endeavor that
breathes new life into your home. However, embarking on a
renovation project without a clear understanding of the
different renovation phases and timelines can lead to
frustration and delays.
    In this guide, we'll walk you through the core four
renovation phases (planning, design, pre-construction, and
construction) and shed light on the typical timelines for
each stage. By familiarizing yourself with these renovation
phases and timelines, you can better navigate your
renovation journey and ensure a smooth and successful
project outcome.
    Estimating things like timelines and renovation costs
can be tricky because each renovation has its own unique
quirks that influence those totals. So, the more you're able
to capture the full picture of your renovation, the more
accurate your estimates will be.
"""


def test_a_headline_glued_to_the_paragraph_under_it_is_split_off():
    record = normalize(GLUED_HEADLINE, "guide.txt")
    assert record["headline"] == "An Ultimate Guide to Home Renovation Phases and Timelines"
    assert "An Ultimate Guide" not in record["text"]

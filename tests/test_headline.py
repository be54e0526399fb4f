"""The headline among the lines around the body's start: the title, not the menu, the section
label, the ticker or the related article."""
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
    assert doc.section == "Politik"
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

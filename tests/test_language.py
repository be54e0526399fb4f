"""Language detection: the body's language with a confidence, the same answer every time, and a
sample that does not let a menu or a URL decide."""

from normalizer.context import DEFAULT_CONTEXT
from normalizer.document import Block, Document
from normalizer.language import detect, detect_language, sample


def _doc(*texts, kept=None):
    blocks = tuple(Block(text=t, first_line=i, last_line=i, reason=None if (kept is None or i in kept) else "navigation")
                   for i, t in enumerate(texts))
    return Document(raw=b"", name="t", blocks=blocks, lines=texts)


def test_major_news_languages_are_told_apart():
    cases = {
        "de": "Die Bundesregierung hat am Montag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.",
        "fr": "Le gouvernement a présenté mercredi un projet de loi sur la réforme des retraites devant le Parlement.",
        "es": "El presidente anunció el martes un nuevo plan de inversiones para mejorar las carreteras del país.",
        "ru": "Президент подписал указ о мерах поддержки семей с детьми, сообщила пресс-служба Кремля.",
        "el": "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τις οικογένειες με παιδιά και τους συνταξιούχους.",
        "pl": "Rząd przyjął we wtorek projekt ustawy o wsparciu dla rodzin z dziećmi i emerytów.",
        "zh": "国务院总理主持召开国务院常务会议，部署进一步扩大内需的政策措施，推动经济持续恢复。",
        "ja": "政府は月曜日、子育て世帯を支援するための新しい経済対策を閣議決定しました。",
    }
    for code, text in cases.items():
        assert detect(text)[0] == code, (code, detect(text))


def test_the_same_text_always_gets_the_same_language_and_confidence():
    text = "Russian soldiers fight along regime forces in Latakia province, activists said on Thursday."
    assert len({detect(text) for _ in range(5)}) == 1


def test_a_page_without_letters_has_no_language():
    assert detect("12 345 --- ... 2016-04-28") == (None, None)


def test_the_sample_skips_menus_and_urls_and_reads_the_article():
    doc = _doc("Home | News | Sport | Wetter",
               "IFRAME: http://pos.example.com/jcwm?rdid=2864467&dc=3&di=u2864467&dri=0&dis=0&dai=14&ps=0x0",
               "Die Bundesregierung hat am Montag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen. "
               "Die Opposition kritisierte den Entwurf als unzureichend.",
               kept={1, 2})
    assert sample(doc, 600).startswith("Die Bundesregierung")
    record = detect_language(doc, DEFAULT_CONTEXT)
    assert record.language == "de" and 0 < record.language_confidence <= 1


def test_with_no_body_left_the_page_text_still_decides():
    doc = _doc("Le gouvernement a présenté mercredi un projet de loi sur la réforme des retraites devant le Parlement.",
               kept=set())
    assert detect_language(doc, DEFAULT_CONTEXT).language == "fr"

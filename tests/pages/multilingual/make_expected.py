"""Writes the expected JSON beside each page and the hard-wrapped variants (run once; outputs are committed).

The accepted removal reasons of each boilerplate line (``reasons``) were read off the output and
checked by hand; they are kept when this runs again. A page's lines are: menu, ticker, section, headline, byline, date, body paragraphs, then boilerplate
from the related-articles label on. Everything that is not a body paragraph must be removed."""
import json
import textwrap
from pathlib import Path

HERE = Path(__file__).parent
META = {
    "de": ("Stadtwerke München planen neues Wärmenetz für 40.000 Haushalte", ["Anna Schmidt"], "Mehr zum Thema"),
    "es": ("Valencia abrirá en marzo el primer refugio climático en una biblioteca pública", ["María López"], "Noticias relacionadas"),
    "fr": ("À Lyon, les bibliothèques municipales resteront ouvertes le dimanche dès février", ["Jean Dupont"], "À lire aussi"),
    "ru": ("В Новосибирске откроют первый в Сибири музей науки для детей", ["Иван Петров"], "Читайте также"),
    "el": ("Νέο θαλάσσιο πάρκο θα δημιουργηθεί στις Κυκλάδες", ["Γιώργος Παπαδόπουλος"], "Διαβάστε επίσης"),
    "pl": ("Gdańsk zbuduje nową linię tramwajową na Południe miasta", ["Katarzyna Nowak"], "Czytaj także"),
    "ja": ("金沢市、伝統工芸の後継者育成へ新たな奨学金制度", ["山田太郎"], "関連記事"),
    "zh": ("成都将建设全长百公里的环城绿道慢行系统", ["王小明"], "相关阅读"),
    "it": ("Bologna, la nuova biblioteca del Navile aprirà entro l'estate nell'ex mercato coperto", ["Mario Rossi"], "Leggi anche"),
    "pt": ("Curitiba inaugura primeira linha de ônibus elétricos da região metropolitana", ["Ana Souza"], "Leia também"),
    "nl": ("Groningen krijgt eerste energiecoöperatie voor een complete wijk", ["Pieter de Vries"], "Lees ook"),
    "tr": ("İzmir'de yeni tramvay hattı için ilk kazma vuruldu", ["İlknur Işık"], "İlgili Haberler"),
    "ar": ("الإسكندرية تطلق أول حافلات كهربائية لخدمة الأحياء الساحلية", ["أحمد محمود"], "اقرأ أيضا"),
    "ko": ("부산시, 해운대에 첫 해양과학관 건립 추진", ["김민준"], "관련 기사"),
    "uk": ("У Львові відкриють нову публічну бібліотеку в будівлі колишньої фабрики", ["Олена Коваленко"], "Читайте також"),
    "cs": ("Brno postaví nové parkovací domy u konečných zastávek tramvají", ["Jana Dvořáková"], "Související články"),
}
# the second eight pages are dated 12 March 2026, the first eight 6 January 2026
PUBLISHED = {lang: "2026-03-12" for lang in ("it", "pt", "nl", "tr", "ar", "ko", "uk", "cs")}
# pages whose byline and date share a line ("Por Ana Souza | 12/03/2026 às 14h30")
ONE_META_LINE = {"pt"}
# languages written without spaces, wrapped at any character (Korean has spaces between words)
CJK = ("ja", "zh")
# Wrapped variants: (language, width, blank line between blocks)
WRAPPED = [("de", 80, False), ("es", 80, False), ("fr", 80, True), ("ja", 40, True), ("ja", 30, False), ("zh", 40, False),
           ("it", 80, False), ("nl", 80, True), ("ar", 80, False), ("uk", 80, False), ("ko", 40, True)]


def _wrap(line: str, width: int, cjk: bool) -> list[str]:
    if not cjk:
        return textwrap.wrap(line, width) or [""]
    return [line[i:i + width] for i in range(0, len(line), width)] or [""]


def main() -> None:
    for lang, (headline, authors, related) in META.items():
        lines = (HERE / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        h = lines.index(headline)
        meta = 1 if lang in ONE_META_LINE else 2
        end = lines.index(related)
        old = HERE / f"{lang}.json"
        # the removal reasons are checked by hand once, then kept
        reasons = json.loads(old.read_text(encoding="utf-8")).get("reasons", {}) if old.exists() else {}
        expected = {
            "language": lang, "headline": headline, "authors": authors, "published": PUBLISHED.get(lang, "2026-01-06"),
            "byline_line": lines[h + 1], "date_line": lines[h + meta],
            "paragraphs": lines[h + 1 + meta:end],
            "boilerplate": [line for i, line in enumerate(lines) if i < h or i >= end],
            "reasons": reasons,
        }
        (HERE / f"{lang}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for lang, width, blank in WRAPPED:
        lines = (HERE / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            out.extend(_wrap(line, width, lang in CJK))
            if blank:
                out.append("")
        name = f"{lang}.wrap{width}{'.blank' if blank else ''}.txt"
        (HERE / "wrapped" / name).parent.mkdir(exist_ok=True)
        (HERE / "wrapped" / name).write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Pages in the encodings crawls and exports come in, read right: by the charset an HTTP header
declares when the page declares none, by detection otherwise, and JSON by its own rules."""
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from normalizer.decode import detect_encoding
from test_warc import clean, run, stored

RUSSIAN = ["Городской совет Ярославля утвердил проект нового моста через Волгу",
           "Городской совет Ярославля в понедельник утвердил проект строительства нового моста через Волгу. "
           "Работы начнутся весной следующего года и продлятся около трёх лет.",
           "По словам председателя комиссии по транспорту Ирины Соколовой, мост позволит разгрузить центр города, "
           "где в часы пик движение почти останавливается.",
           "Стоимость проекта оценивается в двенадцать миллиардов рублей; большую часть средств выделит федеральный "
           "бюджет, остальное — область и город."]
RUSSIAN_BRIEF = "Мост через Волгу откроют в декабре."
CHINESE = ["上海将投资两百亿元改造城市排水系统",
           "上海市政府周一宣布，将在未来三年内投资两百亿元改造城市排水系统，以应对日益频繁的暴雨天气。",
           "据市水务局介绍，新系统将覆盖中心城区的十二个街道，预计可将内涝风险降低百分之六十。",
           "部分居民对施工期间的交通影响表示担忧。市政府承诺将分段施工，并提前公布绕行路线。前总理朱镕基曾在一九九八年推动类似的防洪工程。"]
JAPANESE = ["東京都、老朽化した水道管の更新工事を来年度から本格化",
            "東京都は月曜日、老朽化した水道管の更新工事を来年度から本格的に始めると発表した。",
            "都によると、対象となる水道管は総延長約二千キロに及び、完了までにおよそ十年かかる見通しだ。",
            "工事期間中は一部の地域で断水が発生する可能性があり、都は住民への事前の周知を徹底するとしている。"]


def everything_read(record: dict) -> str:
    """All the text the record holds, kept or removed: where a line went is the classifier's
    business, what it reads is the decoder's."""
    return "\n".join([record["headline"] or "", record["text"]] + [block["text"] for block in record["removed"]])


def html_page(paragraphs: list[str]) -> str:
    """An article page that names no charset: only its HTTP header may say it."""
    headline, *body = paragraphs
    return (f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
            + "".join(f"<p>{p}</p>" for p in body) + "</article></body></html>")


def write_responses(path: Path, pages: list[tuple[str, bytes, str]]) -> Path:
    """A WARC file of HTTP responses ``(url, body, Content-Type)``."""
    with open(path, "wb") as file:
        writer = WARCWriter(file, gzip=True)
        for url, body, content_type in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    return path


def test_windows_1251_declared_only_in_the_http_header(tmp_path):
    brief = RUSSIAN_BRIEF.encode("cp1251")
    assert detect_encoding(brief) != "cp1251"  # too short for detection: only the header can tell
    warc = write_responses(tmp_path / "ru.warc.gz", [
        ("https://yar.example/most", html_page(RUSSIAN).encode("cp1251"), "text/html; charset=windows-1251"),
        ("https://yar.example/brief", brief, "text/plain; charset=windows-1251"),
    ])
    clean(tmp_path, warc)
    article, short = stored(tmp_path)["ru.warc.gz#1"], stored(tmp_path)["ru.warc.gz#2"]
    assert article["headline"] == RUSSIAN[0] and article["text"] == "\n\n".join(RUSSIAN[1:])
    assert article["language"] == "ru"
    assert RUSSIAN_BRIEF in everything_read(short)
    for record in (article, short):
        assert (record["source"]["charset"], record["source"]["encoding"]) == ("cp1251", "cp1251")
    rebuilt = run("rebuild", "--archive", tmp_path / "archive")  # the stored page is decoded by its charset again
    assert "2 unchanged" in rebuilt.stdout


def test_gb18030_text_declared_as_gb2312_keeps_the_characters_gb2312_lacks(tmp_path):
    body = "\n\n".join(CHINESE).encode("gb18030")  # 镕 is in GB18030, not in GB2312
    warc = write_responses(tmp_path / "zh.warc.gz", [("https://sh.example/paishui", body, "text/plain; charset=GB2312")])
    clean(tmp_path, warc)
    record = stored(tmp_path)["zh.warc.gz#1"]
    assert record["source"]["encoding"] == "gb18030" and record["language"] == "zh"
    assert "前总理朱镕基曾在一九九八年推动类似的防洪工程。" in record["text"]
    assert CHINESE[0] in everything_read(record)


def test_shift_jis_is_read_by_its_header_or_by_detection(tmp_path):
    body = "\n\n".join(JAPANESE).encode("shift_jis")
    warc = write_responses(tmp_path / "ja.warc.gz", [
        ("https://tokyo.example/suido", body, "text/plain; charset=Shift_JIS"),
        ("https://tokyo.example/suido-page", html_page(JAPANESE).encode("shift_jis"), "text/html"),  # no charset
    ])
    clean(tmp_path, warc)
    declared, detected = stored(tmp_path)["ja.warc.gz#1"], stored(tmp_path)["ja.warc.gz#2"]
    assert declared["source"]["charset"] == "cp932" and "charset" not in detected["source"]
    for record in (declared, detected):
        assert record["source"]["encoding"] == "cp932" and record["language"] == "ja"
        assert JAPANESE[0] in everything_read(record)
        assert "完了までにおよそ十年かかる見通しだ。" in record["text"]


def test_jsonl_escapes_and_a_non_utf8_export_are_read_right(tmp_path):
    escaped = json.dumps({"text": "\n\n".join(RUSSIAN)}, ensure_ascii=True)  # \u0413\u043e...
    assert escaped.isascii()
    (tmp_path / "escaped.jsonl").write_text(escaped + "\n", encoding="ascii")
    # an exporter that wrote GB18030 where JSON wants UTF-8: the line is decoded by detection
    (tmp_path / "gb.jsonl").write_bytes(json.dumps({"text": "\n\n".join(CHINESE)}, ensure_ascii=False).encode("gb18030"))
    result = clean(tmp_path, tmp_path / "escaped.jsonl", tmp_path / "gb.jsonl")
    assert result.stderr == ""
    records = stored(tmp_path)
    assert records["escaped.jsonl#1"]["headline"] == RUSSIAN[0]
    assert "市政府承诺将分段施工" in records["gb.jsonl#1"]["text"]
    assert records["gb.jsonl#1"]["raw"] == "\n\n".join(CHINESE).encode("utf-8")  # the page, as UTF-8
    assert "all valid" in run("validate", tmp_path / "archive").stdout

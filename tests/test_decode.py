"""Bytes in the encodings scraped pages come in are decoded right; what cannot be text is rejected."""
import codecs
import gzip

import pytest

from normalizer import normalize
from normalizer.decode import decode_bytes, looks_binary
from normalizer.document import InputRejected

NEWS = {
    "cp1252": "Die Bundesregierung hat am Montag neue Maßnahmen gegen die Inflation beschlossen. „Wir müssen "
              "jetzt handeln“, sagte der Minister in Berlin. Die Opposition kritisierte die Pläne als unzureichend.",
    "latin-1": "Le gouvernement français a présenté mercredi un projet de loi très attendu sur la réforme des "
               "retraites. Les syndicats ont déjà annoncé une journée de grève générale, et l'opposition "
               "dénonce un texte « injuste et brutal ».",
    "cp1251": "Правительство России в понедельник утвердило новый пакет мер поддержки экономики. По словам "
              "министра финансов, эти меры помогут малому бизнесу пережить трудный период.",
    "koi8-r": "Правительство России в понедельник утвердило новый пакет мер поддержки экономики. По словам "
              "министра финансов, эти меры помогут малому бизнесу.",
    "gb18030": "国务院总理周一主持召开国务院常务会议，部署进一步稳定经济增长的措施。会议指出，要加大对中小企业的支持力度，"
               "保持就业形势总体稳定，确保全年经济社会发展目标顺利实现。",
    "big5": "行政院週一通過新的經濟振興方案，將加強對中小企業的支持，並確保全年經濟成長目標順利達成。",
    "shift_jis": "政府は月曜日、物価高騰に対応するための新たな経済対策を閣議決定した。首相は記者会見で「国民の生活を守るため、"
                 "あらゆる手段を講じる」と述べ、低所得世帯への給付金の支給を表明した。",
    "euc-kr": "정부는 월요일 물가 상승에 대응하기 위한 새로운 경제 대책을 발표했다. 총리는 기자회견에서 국민의 생활을 "
              "지키기 위해 모든 수단을 강구하겠다고 말했다.",
    "cp1253": "Η κυβέρνηση ανακοίνωσε τη Δευτέρα νέα μέτρα στήριξης για τα νοικοκυριά που πλήττονται από την "
              "ακρίβεια. Ο υπουργός Οικονομικών δήλωσε ότι τα μέτρα θα εφαρμοστούν από τον επόμενο μήνα.",
    "iso-8859-2": "Rząd przyjął we wtorek projekt ustawy o wsparciu dla gospodarstw domowych dotkniętych wysokimi "
                  "cenami energii. Minister finansów zapowiedział, że pierwsze wypłaty trafią do obywateli.",
}


@pytest.mark.parametrize("encoding", sorted(NEWS))
def test_undeclared_legacy_encodings_decode_to_the_original_text(encoding):
    text, _ = decode_bytes(NEWS[encoding].encode(encoding))
    assert text == NEWS[encoding]


def test_utf8_is_taken_as_it_is_and_a_bom_is_dropped():
    text = NEWS["cp1251"]
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))[0] == text
    assert decode_bytes(text.encode("utf-16"))[0] == text


def test_an_html_page_is_decoded_by_its_declared_charset():
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{NEWS["cp1251"]}</p></body></html>'
    text, encoding = decode_bytes(page.encode("cp1251"))
    assert NEWS["cp1251"] in text and encoding == "cp1251"


def test_binary_data_is_not_text():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    assert looks_binary(png)
    assert looks_binary(gzip.compress(NEWS["latin-1"].encode()))
    assert not looks_binary(NEWS["cp1251"].encode("utf-8"))
    assert not looks_binary(NEWS["cp1251"].encode("utf-16"))


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b" \n\t\n", "empty"),
                                          (b"\x7fELF\x02\x01\x01\x00" + bytes(512), "binary")])
def test_inputs_that_cannot_be_records_are_rejected_with_their_reason(data, reason):
    with pytest.raises(InputRejected) as rejected:
        normalize(data, "bad.txt")
    assert rejected.value.reason == reason


def test_a_russian_page_in_windows_1251_becomes_a_russian_record():
    page = ("Новости\n\n" + NEWS["cp1251"] + "\n\n" + NEWS["cp1251"].replace("понедельник", "вторник") + "\n")
    record = normalize(page.encode("cp1251"), "ru.txt")
    assert "утвердило новый пакет мер поддержки экономики" in record["text"]
    assert record["language"] == "ru"

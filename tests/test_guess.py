"""Detection's decision layer: short and long text in each family decodes to the right text."""

from __future__ import annotations

from pathlib import Path

import pytest

from textmend import detect, guess
from textmend.decode import decode

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "fixtures" / "clean"


def _lines(name: str, n: int = 40) -> list[str]:
    text = (CLEAN / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if len(line.strip()) >= 6][:n]


SAMPLES = {
    "zh-hans": "苏州工业园区今年上半年的经济增长速度超过预期，新兴产业发展势头良好。",
    "zh-hant": "蘇州工業園區今年上半年的經濟增長速度超過預期，新興產業發展勢頭良好。",
    "ja": "東京都は日本の首都であり、人口が最も多い都市です。今日は天気が良いでしょう。",
    "ko": "대한민국의 수도는 서울이다. 오늘은 날씨가 맑고 기온이 높다.",
    "ru": "Москва - столица России, крупнейший по численности населения город страны.",
    "bg": "София е столицата и най-големият град на България.",
    "fr": "Le café était fermé à cause de la grève; les élèves ont déjà quitté l'école.",
    "de": "Die Straße war wegen des Umzugs gesperrt, und die Bürger mussten lange warten.",
    "pl": "Zażółć gęślą jaźń, powiedział ktoś, kto lubił ćwiczenia z polskiej ortografii.",
    "cs": "Příliš žluťoučký kůň úpěl ďábelské ódy a šel domů přes louku.",
    "el": "Η Αθήνα είναι η πρωτεύουσα και η μεγαλύτερη πόλη της Ελλάδας.",
    "tr": "İstanbul, Türkiye'nin en kalabalık şehri ve ekonomik merkezidir.",
    "he": "ירושלים היא עיר הבירה של ישראל והעיר הגדולה ביותר בה.",
}

CASES = [
    ("zh-hans", "gb18030"), ("zh-hans", "gbk"), ("zh-hans", "gb2312"), ("zh-hant", "gb18030"),
    ("zh-hant", "big5"), ("ja", "shift_jis"), ("ja", "cp932"), ("ja", "euc_jp"), ("ko", "euc_kr"),
    ("ko", "cp949"), ("ru", "cp1251"), ("ru", "koi8_r"), ("ru", "iso8859_5"), ("ru", "cp866"),
    ("bg", "cp1251"), ("fr", "cp1252"), ("fr", "latin-1"), ("de", "cp1252"), ("pl", "cp1250"),
    ("pl", "iso8859_2"), ("cs", "cp1250"), ("el", "cp1253"), ("el", "iso8859_7"), ("tr", "cp1254"),
    ("he", "cp1255"),
]


@pytest.mark.parametrize("lang,codec", CASES)
def test_sentence_decodes_to_the_same_text(lang, codec):
    data = SAMPLES[lang].encode(codec)
    det = detect(data)
    assert data.decode(det.encoding) == SAMPLES[lang], det


@pytest.mark.parametrize("text", ["蘇州:園區", "苏州:园区", "发布会", "中华人民共和国", "你好，世界！"])
def test_short_gbk_is_gb18030(text):
    data = text.encode("gb18030")
    det = detect(data)
    assert det.encoding == "gb18030", det
    assert decode(data)[0] == text


def test_short_lines_of_the_clean_fixtures():
    """Every line of the clean Chinese fixtures, alone, in GBK and (Traditional) Big5."""
    wrong = []
    for name, codec in (("zh_hans_news.txt", "gb18030"), ("zh_hant_news.txt", "gb18030"),
                        ("zh_hant_news.txt", "big5hkscs")):
        for line in _lines(name):
            try:
                data = line.encode(codec)
            except UnicodeEncodeError:
                continue
            if data.decode(detect(data).encoding, errors="replace") != line:
                wrong.append((codec, line))
    assert wrong == []


def test_japanese_news_lines():
    wrong = []
    for line in _lines("ja_news.txt"):
        for codec in ("shift_jis", "euc_jp"):
            data = line.encode(codec, errors="ignore")
            if data.isascii():
                continue
            if data.decode(detect(data).encoding, errors="replace") != data.decode(codec):
                wrong.append((codec, line))
    assert wrong == []


def test_superset_names():
    gb = SAMPLES["zh-hans"].encode("gb2312")
    assert detect(gb).encoding == "gb18030"
    kr = SAMPLES["ko"].encode("euc_kr")
    assert detect(kr).encoding == "cp949"
    assert detect(SAMPLES["ja"].encode("shift_jis")).encoding == "cp932"


def test_shift_jis_keeps_the_jis_mapping_when_texts_differ():
    text = "今日は〜明日まで"  # WAVE DASH: Shift_JIS and CP932 read 0x8160 differently
    data = text.encode("shift_jis")
    assert data.decode(detect(data).encoding) == text


@pytest.mark.parametrize("tail", ["\u30fb", "\u2015"])
def test_gb2312_keeps_its_own_mapping_when_texts_differ(tail):
    """Python's GB2312 reads A1A4 as U+30FB and A1AA as U+2015; GBK/GB18030 as U+00B7 and U+2014."""
    text = SAMPLES["zh-hans"] + "马克" + tail + "吐温"
    data = text.encode("gb2312")
    assert data.decode("gb18030") != text
    det = detect(data)
    assert det.encoding == "gb2312"
    assert data.decode(det.encoding) == text
    assert detect((SAMPLES["zh-hans"] * 3).encode("gb2312")).encoding == "gb18030"  # identical: the superset


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_32_without_bom(codec):
    text = "Date,Bid,Ask\r\n07/19/2015 21:00:15,1.2,1.3\r\nPrix: 12 € — café\r\n"
    det = detect(text.encode(codec))
    assert det.encoding == codec
    assert decode(text.encode(codec))[0] == text


@pytest.mark.parametrize("text,codec", [
    ("日本語のテキストです。", "iso2022_jp"), ("한국어 텍스트입니다.", "iso2022_kr"),
])
def test_iso2022(text, codec):
    assert detect(text.encode(codec)).encoding == codec
    assert decode(text.encode(codec))[0] == text


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66",
    bytes(range(256)) * 4,
    b"\x7fELF\x02\x01\x01\x00" + bytes(200),
])
def test_binary_is_not_text(data):
    assert detect(data).encoding == "binary"


def test_clean_utf8_and_ascii_are_utf8():
    for f in sorted(CLEAN.glob("*.txt")):
        assert detect(f.read_bytes()).encoding == "utf-8"


def test_large_input_is_sampled_and_verified():
    body = (SAMPLES["ja"] * 2000).encode("euc_jp")
    assert len(body) > guess.SAMPLE_BYTES
    assert detect(body).encoding in ("euc_jp", "euc_jis_2004")
    broken = body + b"\xff\xfe\xff"
    det = detect(broken)
    assert det.confidence < detect(body).confidence


def test_macroman_apostrophe_is_not_a_cp1252_capital():
    """One MacRoman ’ (0xD5) in English: cp1252 would read ``BlanchardÕs``."""
    text = "Product = Daniel Blanchard’s Trackpad\n" + "Vendor = Apple, model 42, port 7\n" * 40
    data = text.encode("mac_roman")
    assert data.decode(detect(data).encoding) == text


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_western_text_is_not_read_as_greek(codec):
    text = "Le café de l'été où ça coûte très cher, naïve élève. Übergröße, Straße, Öl für Müller.\n"
    data = text.encode(codec)
    assert data.decode(detect(data).encoding) == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Сегодня правительство объявило о новом плане, Windows-версия вышла вчера.\n", "cp1251"),
        ("Η κυβέρνηση παρουσίασε σήμερα ένα νέο σχέδιο για τις μεταφορές στην Αθήνα.\n", "cp1253"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy, řekl pan Novák.\n", "cp1250"),
        ("Le gouvernement a présenté aujourd'hui un nouveau plan à Paris.\n", "mac_roman"),
    ],
)
def test_single_byte_controls_keep_their_script(text, codec):
    data = (text * 3).encode(codec)
    assert data.decode(detect(data).encoding) == text * 3


@pytest.mark.parametrize("lang,codec", [
    ("zh-hans", "gb18030"), ("zh-hant", "big5"), ("ja", "shift_jis"), ("ja", "euc_jp"), ("ko", "euc_kr"),
    ("ru", "koi8_r"), ("ru", "cp1251"), ("fr", "cp1252"), ("pl", "cp1250"), ("el", "iso8859_7"),
    ("zh-hans", "utf-16-le"), ("ja", "iso2022_jp"),
])
def test_cli_clean_prints_the_text_of_a_file_in_any_encoding(tmp_path, lang, codec):
    from click.testing import CliRunner

    from textmend.cli import cli

    text = SAMPLES[lang] + "\n"
    f = tmp_path / f"{lang}.txt"
    f.write_bytes((text * 3).encode(codec))
    r = CliRunner().invoke(cli, ["clean", "--skip", "punctuation", "--skip", "width", str(f)])
    assert r.exit_code == 0, r.output
    assert r.output.replace("\n\n", "\n") == text * 3


def test_cli_encoding_overrides_detection(tmp_path):
    from click.testing import CliRunner

    from textmend.cli import cli

    f = tmp_path / "a.txt"
    f.write_bytes("Привет".encode("cp1251"))
    r = CliRunner().invoke(cli, ["clean", "--encoding", "cp1252", "--skip", "mojibake", str(f)])
    assert r.exit_code == 0 and "Ïðèâåò" in r.output


@pytest.mark.parametrize(("lang", "codec"), [("ja", "shift_jis"), ("ja", "euc_jp"), ("ko", "euc_kr")])
def test_confident_cjk_answers_do_not_need_chardet(lang, codec, monkeypatch):
    """Clear Japanese/Korean is decided by the character tables alone (chardet is the slow part)."""
    import chardet

    def refuse(*args, **kwargs):
        raise AssertionError("chardet was asked")

    data = (SAMPLES[lang] * 20).encode(codec)
    monkeypatch.setattr(chardet, "detect_all", refuse)
    assert data.decode(detect(data).encoding) == SAMPLES[lang] * 20

"""The fast GB18030/Big5 decision: right on Chinese, silent (None) on everything else,
and never a different text from what chardet's answer decodes to."""

from __future__ import annotations

from pathlib import Path

import chardet
import opencc
import pytest

from textmend import cjkguess
from textmend.decode import decode, detect

ROOT = Path(__file__).resolve().parent.parent
HANS = "\n".join(
    line for f in sorted((ROOT / "fixtures").glob("*.txt")) for line in f.read_text(encoding="utf-8").splitlines()
)
HANT = opencc.OpenCC("s2t").convert(HANS)

KOREAN = ("대한민국의 수도는 서울이다. 서울은 한강을 끼고 있으며 인구가 많은 도시이다. "
          "오늘은 날씨가 맑고 기온이 높다. 우리는 내일 학교에 가서 친구들과 함께 공부를 할 것이다. ") * 4
JAPANESE = ("東京都は日本の首都であり、人口が最も多い都市です。今日は天気が良く、気温も高いでしょう。"
            "私たちは明日、学校で友達と一緒に勉強する予定です。経済産業省は新しい政策を発表しました。") * 4
FRENCH = "Le café était fermé à cause de la grève; les élèves ont déjà quitté l'école. " * 20


#: chardet names -> the Python codec that decodes a superset of it (how a chardet user reads).
CHARDET_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "shift_jis": "cp932",
                     "euc-kr": "cp949", "ascii": "utf-8", "iso-8859-1": "cp1252"}


def _chardet_text(data: bytes) -> str:
    name = (chardet.detect(data)["encoding"] or "").lower()
    return data.decode(CHARDET_SUPERSETS.get(name, name), errors="replace")


@pytest.mark.parametrize("text,codec,expected", [
    (HANS, "gb18030", "gb18030"),
    (HANT, "gb18030", "gb18030"),
    (HANS[:600], "gb18030", "gb18030"),
])
def test_gb18030_is_recognised(text, codec, expected):
    data = text.encode(codec)
    guess = cjkguess.guess_chinese(data)
    assert guess is not None and guess[0] == expected
    assert data.decode(guess[0]) == _chardet_text(data)


def test_big5_is_recognised():
    lines = [x for x in HANT.splitlines() if x]
    ok = []
    for line in lines:
        try:
            ok.append(line.encode("big5"))
        except UnicodeEncodeError:
            pass
    data = b"\n".join(ok)
    guess = cjkguess.guess_chinese(data)
    assert guess is not None and guess[0] == "big5hkscs"
    assert data.decode(guess[0]) == _chardet_text(data)
    assert detect(data).encoding == "big5hkscs"
    assert decode(data)[0] == data.decode("big5hkscs")


@pytest.mark.parametrize("text,codec", [
    (KOREAN, "euc-kr"), (KOREAN, "cp949"), (JAPANESE, "euc-jp"), (JAPANESE, "shift_jis"), (JAPANESE, "cp932"),
    (FRENCH, "cp1252"), (FRENCH, "latin-1"), ("中文", "gb18030"), ("短い", "euc-jp"),
])
def test_other_languages_are_left_to_chardet(text, codec):
    assert cjkguess.guess_chinese(text.encode(codec)) is None


def test_damaged_tail_is_left_to_chardet():
    data = HANS.encode("gb18030") * 3
    broken = data + b"\xff\xff"
    assert cjkguess.guess_chinese(data) is not None
    assert cjkguess.guess_chinese(broken) is None


def test_sample_cut_inside_a_character_is_fine():
    body = (HANS * 8).encode("gb18030")
    assert len(body) > cjkguess.SAMPLE_BYTES
    for prefix in (b"", b"a", b"ab", b"abc"):  # the sample boundary falls at every offset of a character
        assert cjkguess.guess_chinese(prefix + body) is not None


def test_common_characters_file_is_reproducible():
    text = (Path(cjkguess.__file__).parent / "data" / "freq" / "han_common.txt").read_text(encoding="utf-8")
    assert text == cjkguess.build_common_chars()

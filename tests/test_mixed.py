"""Mixed-encoding files: UTF-8 with pasted GBK/Big5 paragraphs decode run by run."""

from __future__ import annotations

from pathlib import Path

import pytest

import textmend
from textmend import mixed
from textmend.decode import decode, detect

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "fixtures" / "clean"
HANS = [x for x in (CLEAN / "zh_hans_news.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
HANT = [x for x in (CLEAN / "zh_hant_news.txt").read_text(encoding="utf-8").splitlines() if x.strip()]


def _file(parts: list[tuple[str, str]]) -> tuple[bytes, str]:
    data = b"".join(text.encode(codec) for text, codec in parts)
    return data, "".join(text for text, _ in parts)


@pytest.mark.parametrize("pasted,codec", [(HANS, "gb18030"), (HANS, "gbk"), (HANT, "big5")])
def test_pasted_paragraph_is_decoded_in_its_encoding(pasted, codec):
    data, text = _file([
        ("\n".join(HANS[:2]) + "\n", "utf-8"),
        ("\n".join(pasted[2:4]) + "\n", codec),
        ("Plain ASCII line\n", "ascii"),
        ("\n".join(HANT[:1]) + "\n", "utf-8"),
    ])
    det = detect(data)
    assert det.encoding == "mixed"
    out, _ = decode(data)
    assert out == text


def test_decode_reports_the_runs():
    data, text = _file([
        ("标题：新闻\n", "utf-8"), ("这一段是GBK编码的中文。\n第二行。\n", "gbk"), ("结尾。\n", "utf-8"),
    ])
    edits: list = []
    out, _ = decode(data, edits=edits)
    assert out == text
    assert [e.note for e in edits] == ["lines 2-3 decoded as gb18030; the rest as UTF-8"]


def test_whole_files_are_not_mixed():
    gbk = ("\n".join(HANS) + "\n").encode("gbk")
    assert mixed.split(gbk) is None and detect(gbk).encoding == "gb18030"
    utf8 = ("\n".join(HANS) + "\n").encode()
    assert detect(utf8).encoding == "utf-8"


def test_a_gbk_line_that_happens_to_be_utf8_does_not_make_a_file_mixed():
    line = "鍖椾含"  # its GBK bytes are the UTF-8 of 北京
    assert line.encode("gbk").decode("utf-8") == "北京"
    data = ("\n".join(HANS[:3]) + "\n" + line + "\n").encode("gbk")
    assert mixed.split(data) is None
    assert decode(data)[0].splitlines()[-1] == line


def test_clean_and_cli_on_a_mixed_file(tmp_path):
    from click.testing import CliRunner

    from textmend.cli import cli

    data, text = _file([("\n".join(HANS[:2]) + "\n", "utf-8"), ("\n".join(HANS[2:4]) + "\n", "gbk")])
    assert textmend.clean(data) == textmend.clean(text)
    f = tmp_path / "mixed.txt"
    f.write_bytes(data)
    r = CliRunner().invoke(cli, ["clean", str(f)])
    assert r.exit_code == 0 and r.output == textmend.clean(text)
    r = CliRunner().invoke(cli, ["detect", "--json", str(f)])
    assert '"encoding": "mixed"' in r.output


def test_long_gbk_text_is_not_a_candidate_for_splitting():
    """GBK byte runs that happen to be valid UTF-8 do not make a whole-GBK file look mixed
    (the line-by-line split of a large file is the slow path)."""
    text = "".join(f"第{i}段：新型工业化是推动高质量发展的重要力量，各地坚持把发展经济的着力点放在实体经济上。\n"
                   for i in range(2000))
    data = text.encode("gbk")
    assert not mixed.maybe_mixed(data)
    assert data.decode(textmend.detect(data).encoding) == text


def _has_utf8_line_reference(data: bytes) -> bool:
    for line in data.split(b"\n"):
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return True
    return False


def test_utf8_line_scan_agrees_with_strict_decoding_line_by_line():
    import random

    rng = random.Random(7)
    # the edges of UTF-8: overlong leads, surrogates, the last code point, stray bytes, CR
    parts = [b"a", b"\n", b"\r", b"\x00", b"\x80", b"\xbf", b"\xc0", b"\xc1", b"\xc2", b"\xdf", b"\xe0",
             b"\xa0", b"\xed", b"\x9f", b"\xef", b"\xf0", b"\x90", b"\xf4", b"\x8f", b"\xf5", b"\xff",
             "中".encode(), "中".encode("gbk"), "蘇".encode("big5"), "é".encode(), "𠀀".encode(), "\U0010ffff".encode()]
    for _ in range(50_000):
        data = b"".join(rng.choice(parts) for _ in range(rng.randint(0, 12)))
        assert mixed._has_utf8_line(data) == _has_utf8_line_reference(data), data


# --- UTF-8 with stray bytes ---------------------------------------------------------------

_PARA = HANS[0]


@pytest.mark.parametrize("damage", [
    lambda b: b[:30] + b"\xff" + b[30:],          # a stray byte between two characters
    lambda b: b[:31] + b[32:],                     # one byte of a character lost
    lambda b: b[:-1],                              # the last character cut short
    lambda b: b[:60] + b"\x80\x80" + b[60:],       # orphan continuation bytes
])
def test_utf8_with_a_stray_byte_keeps_its_text(damage):
    # one bad byte in a UTF-8 page: read as UTF-8 with U+FFFD there, not as a legacy
    # encoding that turns every other character into garbage
    data = damage((_PARA + "\n" + _PARA).encode())
    text, det = decode(data)
    assert det.encoding == "utf-8" and "stray" in det.reason
    assert text.count("\ufffd") <= 2
    good = data.decode("utf-8", errors="ignore")
    assert text.replace("\ufffd", "") == good


def test_stray_line_in_a_utf8_file_is_utf8_not_a_legacy_run():
    lines = [HANS[0], HANS[1], HANS[2]]
    data = "\n".join(lines).encode()
    at = data.index(HANS[1].encode()) + 9
    damaged = data[:at] + b"\xfe" + data[at:]
    text, det = decode(damaged)
    assert det.encoding == "utf-8"
    assert text.split("\n")[0] == HANS[0] and text.split("\n")[2] == HANS[2]
    assert text.split("\n")[1].replace("\ufffd", "") == HANS[1]


def test_windows_1252_bytes_between_ascii_in_utf8_are_read_as_such():
    data = "“Smart” quotes — and more… ‘fine’ text.\n".encode() + b"Caf\xe9 au lait and cr\xe8me br\xfbl\xe9e.\n"
    assert decode(data)[0].endswith("Café au lait and crème brûlée.\n")


def test_stray_bytes_are_reported_by_explain():
    data = (_PARA + "\n").encode()
    _, edits = textmend.clean_and_explain(data[:20] + b"\xff" + data[20:])
    assert any(e.filter == "decode" and "stray" in e.note for e in edits)


@pytest.mark.parametrize("text,codec", [
    (_PARA, "gb18030"), (HANT[0], "big5"), ("これは日本語のテストです。東京都の天気は晴れ。" * 3, "shift_jis"),
    ("이것은 한국어 테스트입니다. 서울의 날씨는 맑습니다." * 3, "euc-kr"),
    ("Café au lait, “crème brûlée” — naïve façade." * 3, "cp1252"), ("Привет, как дела? Всё хорошо." * 3, "cp1251"),
])
def test_legacy_text_is_never_read_as_utf8_with_stray_bytes(text, codec):
    assert mixed.decode_with_stray_bytes(text.encode(codec)) is None


def test_no_line_of_chardets_legacy_corpus_reads_as_utf8_with_stray_bytes():
    folder = ROOT.parent / "shared" / "peers" / "chardet-tests"
    if not folder.is_dir():
        pytest.skip("../shared/peers/chardet-tests is not beside the checkout")
    units = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for unit in [data, *data.split(b"\n")]:
            if unit.isascii():
                continue
            try:
                unit.decode("utf-8")
                continue
            except UnicodeDecodeError:
                pass
            units += 1
            assert mixed.decode_with_stray_bytes(unit) is None, (path.name, unit[:60])
    assert units > 10_000


def test_strict_decoding_refuses_stray_bytes():
    from textmend.decode import DecodeError

    data = (_PARA + "\n" + _PARA).encode()
    with pytest.raises(DecodeError, match="stray"):
        decode(data[:30] + b"\xff" + data[30:], errors="strict")

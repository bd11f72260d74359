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

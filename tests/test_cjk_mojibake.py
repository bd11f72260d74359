"""CJK mojibake: each kind generated from real sentences with Python's codecs is repaired;
clean text in every language stays exactly as it is; lost text is only reported."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

import textmend
from textmend.cjk_mojibake import fix_cjk_mojibake, repair_segment

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "fixtures" / "clean"


def _lines(*names: str) -> list[str]:
    out = []
    for name in names:
        for line in (CLEAN / name).read_text(encoding="utf-8").splitlines():
            if len(line.strip()) >= 4 and not line.isascii():
                out.append(line.strip())
    return out


HANS = _lines("zh_hans_news.txt") + [line for f in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
                                     for line in f.read_text(encoding="utf-8").splitlines() if len(line) >= 4]
HANT = [opencc.OpenCC("s2t").convert(line) for line in HANS] + _lines("zh_hant_news.txt")
JA = _lines("ja_news.txt")

CONTROLS = {
    "en": "The Mona Lisa doesn't have eyebrows. Prices rose 3.5% in 2024 — see https://example.com/a?b=1.",
    "zh-hans": "新型工业化，新质生产力，起点在新，关键在质。“你好”——他说。",
    "zh-hant": "新型工業化，新質生產力，起點在新，關鍵在質。「你好」——他說。",
    "ja": "東京都は日本の首都であり、人口が最も多い都市です。経済産業省は新しい政策を発表しました。",
    "ko": "대한민국의 수도는 서울이다. 서울은 한강을 끼고 있으며 인구가 많은 도시이다.",
    "ru": "Москва — столица России, крупнейший по численности населения город страны.",
    "fr": "Le café était fermé à cause de la grève; les élèves ont déjà quitté l'école. « Où ? »",
    "de": "Die Straße war gesperrt; Größe, Übermaß, Ärger und Öl — alles wie üblich.",
    "code": "def f(x: int) -> str:\n    return f'{x:>4}'  # 注释：返回字符串\n",
    "numbers": "２０２４年１２月３１日　ＡＢＣ　①②③　ⅠⅡⅢ　α β γ　±×÷　€£¥",
    "mixed": "中文 English 日本語 한국어 Русский ÀÉÎÕÜ ÄÖÜß ÇÑ",
}


def _mojibake(lines: list[str], right: str, wrong: str) -> list[tuple[str, str]]:
    """(original, mojibake) for lines whose bytes in ``right`` decode strictly as ``wrong``."""
    out = []
    for line in lines:
        try:
            out.append((line, line.encode(right).decode(wrong)))
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return out


@pytest.mark.parametrize("lines,right,wrong,minimum", [
    (HANS, "utf-8", "gb18030", 2),
    (HANT, "utf-8", "gb18030", 2),
    (HANS, "gb18030", "big5hkscs", 3),
    (HANT, "big5hkscs", "gb18030", 3),
    (HANS, "gb18030", "cp1252", 3),
    (HANS, "gb18030", "latin-1", 3),
    (HANT, "big5hkscs", "cp1252", 3),
])
def test_lossless_mojibake_is_repaired(lines, right, wrong, minimum):
    cases = _mojibake(lines, right, wrong)
    assert len(cases) >= minimum
    for original, broken in cases:
        assert fix_cjk_mojibake(broken) == original, (right, wrong, broken)


@pytest.mark.parametrize("lines,wrong", [
    (HANS, "big5hkscs"), (HANT, "big5hkscs"), (JA, "cp932"), (HANS, "cp932"), (JA, "gb18030"), (HANS, "gb18030"),
])
def test_lossy_mojibake_is_repaired_where_it_round_trips(lines, wrong):
    """UTF-8 read as Big5/Shift_JIS loses bytes (U+FFFD): what survives is repaired, and a
    repaired piece is always text of the original sentence (nothing invented)."""
    repaired = 0
    for line in lines:
        broken = line.encode("utf-8").decode(wrong, errors="replace")
        edits: list = []
        fixed = fix_cjk_mojibake(broken, edits)
        repaired += sum(e.before != e.after for e in edits)
        # every character the repair wrote is a character of the original sentence
        assert set(fixed) - set(broken) <= set(line), (fixed, line)
        assert len(fixed) <= len(broken)
    assert repaired >= 2


def test_examples_from_the_issue():
    assert fix_cjk_mojibake("鍙戝竷") == "发布"
    assert fix_cjk_mojibake("ÄãºÃ") == "你好"


@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_clean_controls_unchanged(name):
    text = CONTROLS[name]
    edits: list = []
    assert fix_cjk_mojibake(text, edits) == text
    assert edits == []
    assert textmend.clean(text) == textmend.clean(text, skip=("cjk-mojibake",))


@pytest.mark.parametrize("path", sorted(
    p for pattern in ("fixtures/clean/*.txt", "fixtures/pages*/**/*.txt", "fixtures/articles/*.txt", "fixtures/*.txt")
    for p in ROOT.glob(pattern)), ids=lambda p: str(p.relative_to(ROOT)))
def test_fixture_text_unchanged(path):
    text = path.read_text(encoding="utf-8")
    edits: list = []
    assert fix_cjk_mojibake(text, edits) == text
    assert [e for e in edits if e.before != e.after] == []


def test_clean_chinese_lines_unchanged_one_by_one():
    for line in HANS + HANT + JA:
        assert repair_segment(line) is None or fix_cjk_mojibake(line) == line


@pytest.mark.parametrize("text,kind", [
    ("文件内容：锟斤拷锟斤拷，结束", "锟斤拷"),
    ("缓冲区：烫烫烫烫烫烫", "uninitialised"),
    ("内存：屯屯屯屯", "uninitialised"),
    ("原文\ufffd\ufffd\ufffd丢失", "U+FFFD"),
])
def test_lost_text_is_reported_not_invented(text, kind):
    edits: list = []
    assert fix_cjk_mojibake(text, edits) == text
    assert len(edits) == 1 and edits[0].before == edits[0].after and kind in edits[0].note
    out, explained = textmend.clean_and_explain(text)
    assert any(e.filter == "cjk-mojibake" and "unrecoverable" in e.note for e in explained)


def test_pipeline_and_cli_repair(tmp_path):
    from click.testing import CliRunner

    from textmend.cli import cli

    original = "杭州亚运村完成赛后改造，首批居民入住\n"
    broken = original.encode("utf-8").decode("gb18030")
    assert textmend.clean(broken) == original
    out, edits = textmend.clean_and_explain(broken)
    assert any(e.filter == "cjk-mojibake" and e.note == "UTF-8 read as GBK" for e in edits)
    f = tmp_path / "broken.txt"
    f.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean", str(f)])
    assert result.exit_code == 0 and result.output == original


@pytest.mark.parametrize("sentence", ["新闻：北京发布会在今天举行", "这是一个测试：我们的时间很宝贵"])
def test_mojibake_tail_glued_to_clean_text(sentence):
    """A clean prefix and the mojibake of the rest in one run of characters, split at every
    point: repaired whenever the mojibake holds whole UTF-8 characters (an even number of
    bytes), and never anything but the original characters written."""
    repaired = 0
    for i in range(2, len(sentence) - 1):
        rest = sentence[i:].encode()
        broken = sentence[:i] + rest.decode("gb18030", errors="replace")
        fixed = fix_cjk_mojibake(broken)
        assert set(fixed) - set(broken) <= set(sentence)
        if len(rest) % 2 == 0:
            assert fixed == sentence, broken
            repaired += 1
    assert repaired >= 3


# --- UTF-8 read as GBK in English text: one to three Han characters glued to a word ------

@pytest.mark.parametrize("word", ["café", "naïve", "señor", "26°C", "it’s", "Zürich", "façade", "résumé"])
def test_latin_text_read_as_gbk_is_repaired(word):
    line = f"The report mentioned {word} twice in the second paragraph of the story."
    damaged = line.encode("utf-8").decode("gb18030", errors="replace")
    if "\ufffd" in damaged:
        pytest.skip("an odd byte count leaves a lost byte: not recoverable exactly")
    assert textmend.clean(damaged) == line + "\n"


@pytest.mark.parametrize("line", [
    "Kweichow Moutai (茅台) rose 3% on the Shanghai exchange today.",
    "Moutai茅台 rose 3% on the Shanghai exchange today and more.",  # 茅台 re-read gives a combining mark
    "Model X中国版 is sold only in China and has a longer wheelbase than others.",
    "The word 中 means middle, and 国 means country in Chinese characters.",
    "iPhone15发布会在北京举行，茅台和帽子都卖得很好。",  # Chinese text: not an English line
    # a Chinese word in a markup-heavy line: 毛 after a digit is 6 mao, not ë
    '<div align="center"><a href="http://www.example.com/promote/95933/">95933网费天天最低6毛/小时</a></div>',
])
def test_han_in_english_text_stays(line):
    assert textmend.clean(line) == line + "\n"


@pytest.mark.parametrize("rule", ["＊＊＊", "※※※", "★★★", "●●●", "◆◆◆", "……", "＊　＊　＊", "〓〓〓"])
def test_a_line_of_signs_is_not_repaired(rule):
    # full-width signs re-read across GBK/Big5 give other signs (＊＊＊ -> ’’’): no words,
    # no evidence; a section break in a Japanese or Chinese text stays as it is
    for text in (f"日本語の文章です。\n\n{rule}\n\n次の章。", f"这是正文的第一段。\n\n{rule}\n\n这是第二段。"):
        assert textmend.clean(text) == text + "\n"


def test_a_line_is_repaired_to_a_fixed_point():
    # each repaired segment is context for the next: the filter repeats until nothing more
    # changes, so that cleaning its output again is a no-op (found by the idempotence fuzz)
    line = ('    for line in path.read_text(enc鏂拌仦鐔辩窔:18013384110 闆诲瓙閮电\ue188:jsxww110@126.comnd茂'
            '\\(r"\\w+", line):  # 缁熻\ue178姣%涓\ue047瘝')
    once = fix_cjk_mojibake(line)
    assert "新聞熱線" in once and "统计" in once and "个词" in once
    assert fix_cjk_mojibake(once) == once


def test_latin_mojibake_read_as_gbk_is_repaired_in_one_cleaning():
    # found by the idempotence fuzz (2026-12-01): a UTF-8-as-latin-1 French line that ftfy
    # leaves (its 'ÿÿ' garbage) was re-read as GBK ("脟a co没te"), and only a second
    # cleaning re-read that as UTF-8; both steps now happen in one
    from textmend import clean

    line = "Ã\x87a coÃ»te cher, mais cÿÿ'est de la qualitÃ© : Å\x93uvre, cÅ\x93ur, naÃ¯ve, NoÃ«l."
    out = fix_cjk_mojibake(line)
    assert fix_cjk_mojibake(out) == out
    text = "Le musée du Louvre a accueilli près de neuf millions de visiteurs.\n" + line + "\n"
    once = clean(text)
    assert clean(once) == once


@pytest.mark.parametrize("good,word", [
    ("从苏州ESG产业创新中心到新盛里，园区的载体建设同步提速。", "苏州ESG"),
    ("发布了GPT产品工具，企业级应用加速落地。", "了GPT"),
])
@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_a_latin_letter_swallowed_as_a_gbk_trail_byte_comes_back(good, word, codec):
    # 州E is E5 B7 9E 45 in UTF-8; read as GBK, 9E 45 is one character (濫): the E is
    # back at the end of the repaired run
    broken = good.encode("utf-8").decode(codec, errors="replace")
    assert word[-3:] not in broken
    assert word in fix_cjk_mojibake(broken)


@pytest.mark.parametrize("reader", ["big5", "cp950", "big5hkscs"])
def test_gbk_read_as_big5_with_losses_is_repaired_around_them(reader):
    # Python's big5/cp950 read C7F8 (区) as ⑹, big5hkscs as Е: the reading that fits is
    # kept; what the lossy reading kept between its U+FFFD is re-read piece by piece
    good = "江苏苏州：孕育新质生产力，推动高质量发展，园区今年新增企业超过三千家。"
    out = fix_cjk_mojibake(good.encode("gbk").decode(reader, errors="replace"))
    assert out.startswith("江苏苏州：孕育新质生产力，推动高质量发展，园区今年新增企业超过")
    assert out.endswith("千家。")

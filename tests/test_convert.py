from __future__ import annotations

import pytest

from textmend.convert import CONFIGS, Convert, ConvertError, convert


def test_plain_opencc():
    assert convert("隨著新能源的發展", "t2s") == "随著新能源的发展"
    assert convert("开发软件", "s2tw") == "開發軟體" or convert("开发软件", "s2tw") == "開發軟件"
    assert convert("鼠标和软件", "s2twp") == "滑鼠和軟體"


@pytest.mark.parametrize(
    "trad, simp",
    [
        ("隨著新能源", "随着新能源"),
        ("伴著《計劃》的出爐", "伴着《计划》的出炉"),
        ("標誌著蘇州", "标志着苏州"),
        ("裝載著急救藥品", "装载着急救药品"),
        ("看著我", "看着我"),
        ("著名學者", "著名学者"),
        ("效果顯著", "效果显著"),
        ("世界名著", "世界名著"),
        ("土著居民", "土著居民"),
        ("他的著作", "他的著作"),
    ],
)
def test_mirror_restoration(trad, simp):
    assert convert(trad, "t2s", restore=True) == simp


def test_restoration_only_for_simplifying_configs():
    assert convert("隨著", "t2tw", restore=True) == convert("隨著", "t2tw")


def test_ascii_and_empty_fast_path():
    assert convert("", "t2s") == ""
    assert convert("plain ascii", "s2t") == "plain ascii"


def test_filter_edits_per_line():
    new, edits = Convert("t2s").explain("第一行\n發展")
    assert new == "第一行\n发展"
    assert [(e.filter, e.line, e.before, e.after) for e in edits] == [("convert", 2, "發展", "发展")]


def test_unknown_config():
    with pytest.raises(ConvertError, match="unknown conversion"):
        Convert("x2y")
    assert "t2s" in CONFIGS and "s2hk" in CONFIGS


@pytest.mark.parametrize("text", ["Hello, world.", "https://例子.cn/a?b=1", "3.14 + 2 = 5.14", "简体中文不变"])
def test_clean_controls(text):
    # converting text with no Traditional characters to Simplified changes nothing
    assert convert(text, "t2s", restore=True) == text


def test_japanese_documents_are_not_converted_by_chinese_configs():
    ja = "東京都の人口は約1400万人で、日本で最も多い。"
    assert Convert("t2s").apply(ja) == ja
    new, edits = Convert("s2t").explain(ja)
    assert new == ja and "Japanese" in edits[0].note
    assert Convert("jp2t").apply("広島の国語") == convert("広島の国語", "jp2t")


def test_korean_text_is_not_converted():
    import textmend

    ko = "조선(朝鮮)민주주의인민공화국(共和國)은 동아시아에 있는 나라이다.\n"
    assert textmend.clean(ko, convert="t2s") == ko
    out, edits = textmend.clean_and_explain(ko, convert="t2s")
    assert any("Korean" in e.note for e in edits if e.filter == "convert")

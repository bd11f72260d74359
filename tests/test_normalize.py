from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textmend.normalize import (
    collapse_blank_lines,
    fix_line_endings,
    normalize_unicode,
    remove_spaces_around_cjk_punctuation,
    replace_nbsp,
    strip_cjk_indents,
    trim_document,
    widen_cjk_punctuation,
)


@pytest.mark.parametrize(
    "damaged, fixed",
    [
        ("新型工業化,新質生產力,起點在“新”,關鍵在“質”。", "新型工業化，新質生產力，起點在“新”，關鍵在“質”。"),
        ("江蘇蘇州:孕育新質生產力", "江蘇蘇州：孕育新質生產力"),
        ("融合技術(ITBT);從蘇州", "融合技術（ITBT）；從蘇州"),
        ("SISPARK(蘇州國際科技園)", "SISPARK（蘇州國際科技園）"),
        ("行動計劃(2024-2026年)正式發布", "行動計劃（2024-2026年）正式發布"),
        ("借助DFM-2,思必馳可以", "借助DFM-2，思必馳可以"),
        ("“力量模型”:圍繞產業需求", "“力量模型”：圍繞產業需求"),
        ("真的嗎?太好了!", "真的嗎？太好了！"),
        ("来源:中新网", "来源：中新网"),
    ],
)
def test_widen_in_cjk_context(damaged, fixed):
    assert widen_cjk_punctuation(damaged) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "2025-02-27 18:03:52",
        "7月19日10点18分，一架无人机",
        "Hello, world! (see above): ok; really?",
        "f(x) = max(a, b)",
        "print(\"时间:\", 1)",
        "网址 http://example.cn/中文,x?a=(1)",
        "联系 a.b@example.com, 谢谢",
        "東京は、晴れ(はれ)です!",  # Japanese: kana present, untouched
        "比分 3:2，时间 18:03",
        "中文（全角）已经正确。",
    ],
)
def test_widen_leaves_non_cjk_and_code_alone(clean):
    assert widen_cjk_punctuation(clean) == clean


def test_widen_reports_edits_with_lines():
    edits = []
    out = widen_cjk_punctuation("第一行\n江蘇:蘇州", edits)
    assert out == "第一行\n江蘇：蘇州"
    assert [(e.filter, e.line, e.before, e.after) for e in edits] == [("punctuation", 2, ":", "：")]


def test_nbsp_and_spaces_around_cjk_punct():
    text = replace_nbsp("新征程中,\u00a0園區 (記者\u00a0董捷)")
    assert text == "新征程中, 園區 (記者 董捷)"
    assert remove_spaces_around_cjk_punctuation("新征程中， 園區 。") == "新征程中，園區。"
    # spaces between Han characters (a byline) and around Latin words stay
    assert remove_spaces_around_cjk_punctuation("記者 董捷 and AI 模型") == "記者 董捷 and AI 模型"


def test_cjk_indents_only():
    text = "  自2017年率先布局。\n\u3000\u3000第二段。\n    return x  # 中文注释\n  English indent."
    assert strip_cjk_indents(text) == "自2017年率先布局。\n第二段。\n    return x  # 中文注释\n  English indent."


def test_layout():
    assert fix_line_endings("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert collapse_blank_lines("第一段。\n\n\n\n第二段。") == "第一段。\n\n第二段。"
    code = "import os\n\n\ndef f():\n    pass\n"
    assert collapse_blank_lines(code) == code
    assert trim_document("\n\n正文\n\n\n") == "正文\n"
    assert trim_document("") == ""
    assert trim_document("x") == "x\n"


def test_unicode_nfc_keeps_fullwidth():
    assert normalize_unicode("Cafe\u0301") == "Café"
    assert normalize_unicode("中文：“你好”（ＡＢＣ）") == "中文：“你好”（ＡＢＣ）"


def test_chinese_with_a_stray_kana_is_still_chinese():
    text = "这家日式餐厅叫“まる”,位于市中心的商业街"
    assert widen_cjk_punctuation(text) == "这家日式餐厅叫“まる”，位于市中心的商业街"


def test_csv_is_not_widened_but_prose_with_even_commas_is():
    csv = "id,name,city\n1,张三,北京\n2,李四,上海\n3,王五,广州\n"
    assert widen_cjk_punctuation(csv) == csv
    prose = "今天天气很好,我们去公园,玩了一天。\n明天下雨,我们在家,看看书。\n后天出差,坐高铁,去上海。\n"
    assert widen_cjk_punctuation(prose) == prose.replace(",", "，")


def test_ascii_quotes_in_chinese_prose_are_not_code():
    text = '专家认为,当前物价稳定。"预计年内仍有降准可能。"某经济学家说。'
    assert widen_cjk_punctuation(text) == '专家认为，当前物价稳定。"预计年内仍有降准可能。"某经济学家说。'


def test_source_code_document_is_left_alone():
    code = 'def f(x):\n    """Count (中文 words) in x."""\n    return x == 1  # 注释:不变\n\nprint(f(2), "结果:")\n'
    assert widen_cjk_punctuation(code) == code


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text(alphabet=" \t\u3000\u00a0a中\n\r", max_size=30))
def test_trailing_space_pattern_matches_what_the_unanchored_one_did(text):
    # the pattern now starts only where a run of spaces starts (linear on long runs)
    import re

    from textmend.chardata import HSPACE
    from textmend.normalize import _TRAILING_SPACE_RE

    old = re.compile(rf"[{HSPACE}]+(?=[\r\n\u2028\u2029\x85]|\Z)")
    assert [m.span() for m in _TRAILING_SPACE_RE.finditer(text)] == [m.span() for m in old.finditer(text)]


# --- red-team pass: clean text the punctuation filter must leave alone, and the full stop ---


@pytest.mark.parametrize("text", [
    "阿輝笑說：「做得一日得一日，最緊要係開心。」:)",         # an emoticon after CJK punctuation
    "有问题可以在楼下问我，看到就回;-)",
    "两个读音：行(háng)和行(xíng)，长(zhǎng)大。",           # readings written in a lesson
    "读音为行(hang2)，即行业。",
    "[1] 张三, 李四. 自然语言处理导论[M]. 北京: 清华大学出版社, 2020.",  # GB/T 7714 reference
    "马克.吐温说，人生如此",                                 # a name's dot between Han
    "见1.总则，第2.3条",                                      # numbering and decimals
])
def test_red_team_clean_lines_unchanged(text):
    assert widen_cjk_punctuation(text) == text


@pytest.mark.parametrize("before,after", [
    ("加料酒焯水,捞出洗净沥干.", "加料酒焯水，捞出洗净沥干。"),
    ("创业板指涨1.33%.两市成交额合计1.12万亿元,较上个交易日放量.",
     "创业板指涨1.33%。两市成交额合计1.12万亿元，较上个交易日放量。"),
    ("捞出洗净沥干.", "捞出洗净沥干."),  # no full-width mark in the line: not judged Chinese prose
    ("比分:D组出线", "比分：D组出线"),
    ("如下:(1)第一条", "如下：（1）第一条"),
])
def test_red_team_widened(before, after):
    assert widen_cjk_punctuation(before) == after


@pytest.mark.parametrize(("line", "expected"), [
    # English sentences that name a Chinese company: the comma/colon/semicolon is English
    ("The company (腾讯, Tencent) reported revenue in Q3.", "The company (腾讯, Tencent) reported revenue in Q3."),
    ("Brands like 华为; Xiaomi and others compete, said the analyst.",
     "Brands like 华为; Xiaomi and others compete, said the analyst."),
    # Chinese lines: widened as before, whatever follows
    ("作者: John Smith", "作者： John Smith"),
    ("公司名称: 腾讯, Tencent", "公司名称： 腾讯， Tencent"),
    ("他说:\"We will continue.\"", "他说：\"We will continue.\""),
])
def test_mark_in_an_english_sentence_stays_ascii(line, expected):
    assert widen_cjk_punctuation(line) == expected


def test_chinese_gloss_in_an_english_sentence_keeps_ascii_parentheses():
    line = "Kweichow Moutai (茅台) rose 3% on the Shanghai exchange today."
    assert widen_cjk_punctuation(line) == line
    # a Latin name glued to its Chinese name inside Chinese text: widened as before
    assert widen_cjk_punctuation("園區SISPARK(蘇州國際科技園)成立") == "園區SISPARK（蘇州國際科技園）成立"


#: The code-line test as the one pattern it was (the reference has_code_line must agree with).
REF_CODE_LINE = re.compile(
    r"[`=<>{}\\]|\w\(\s*[\"']|[\"']\s*[,:]\s*[\"'\d\[]|"
    r"^\s*(?:#|//|/\*|\*|def |class |import |from \S+ import|return\b|print\()|"
    r"\[(?:M|J|C|D|R|S|P|N|G|Z|A|DB|CP|EB)(?:/(?:OL|CD|MT|DK))?\]\s*[.,/]",
    re.M,
)


@settings(max_examples=800, deadline=None, derandomize=True)
@given(st.text(alphabet=" \n\t#/*=<>{}\\`'\",:[]().0123中文aM/OLdefclassimportfromreturnprint", max_size=40))
def test_has_code_line_agrees_with_the_one_pattern(text):
    from textmend.normalize import has_code_line

    assert has_code_line(text) == (REF_CODE_LINE.search(text) is not None)


def test_has_code_line_agrees_on_the_fixtures():
    from pathlib import Path

    from textmend.normalize import has_code_line

    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "fixtures").rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for line in text.splitlines():
            assert has_code_line(line) == (REF_CODE_LINE.search(line) is not None), (path.name, line)
        assert has_code_line(text) == (REF_CODE_LINE.search(text) is not None), path.name


def test_korean_text_with_hanja_keeps_its_ascii_punctuation():
    # Korean writes ASCII parentheses and marks, also around hanja; a Korean name in a
    # Chinese article does not make the article Korean
    ko = "조선(朝鮮)민주주의인민공화국(共和國)은 동아시아에 있는 나라이다. 수도는 평양이다!"
    assert widen_cjk_punctuation(ko) == ko
    zh = "韩国总统尹锡悦（윤석열）今天访问北京,会见了中国领导人。"
    assert widen_cjk_punctuation(zh) == "韩国总统尹锡悦（윤석열）今天访问北京，会见了中国领导人。"


@pytest.mark.parametrize(("before", "after"), [
    ("唔使再為我操心, thanksssss v. much!!", "唔使再為我操心，thanksssss v. much!!"),
    ("※電郵: tglhra-office@umail.hinet.net", "※電郵：tglhra-office@umail.hinet.net"),
    ("价格: 100元。", "价格：100元。"),
])
def test_no_space_is_left_after_a_widened_mark(before, after):
    from textmend import clean

    assert clean(before) == after + "\n"


def _punctuation_cases() -> list[str]:
    """Chinese text with ASCII marks in every context: the fixtures and pages with their
    full-width marks turned ASCII, and mixed lines built around marks between Han."""
    import random

    from .conftest import ROOT

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*.txt"))][:200]
    ascii_marks = str.maketrans("，：；（）！？", ",:;()!?")
    out = [t.translate(ascii_marks) for t in texts if any("\u4e00" <= c <= "\u9fff" for c in t)]
    rng = random.Random(7)
    pieces = ["中文", "測試", ",", ":", ";", "(", ")", "!", "?", ".", "1", "23", "ab", " ", "“", "”",
              "http://a.cn/x,y:z", "f(x);", ":)", "2024:10", "é", "\n"]
    out += ["".join(rng.choice(pieces) for _ in range(rng.randint(3, 30))) for _ in range(3000)]
    return out


def test_marks_between_han_fast_path_gives_the_callback_answer():
    """Without an edit list, , and : between Han are widened by one static substitution
    before the per-mark rules; with one, every mark goes through the rules. Same text."""
    changed = 0
    for text in _punctuation_cases():
        fast = widen_cjk_punctuation(text)
        assert fast == widen_cjk_punctuation(text, []), text
        changed += fast != text
    assert changed > 500

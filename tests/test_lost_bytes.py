"""UTF-8 read as GBK with replacement: lost bytes restored only where the model is sure."""

from __future__ import annotations

import random
import re

import pytest

import textmend
from textmend.cjk_mojibake import fix_cjk_mojibake
from textmend.lost_bytes import restore_lost_bytes

from .conftest import ROOT


def _lines(limit: int = 300) -> list[str]:
    fixtures = ROOT / "fixtures"
    files = sorted((fixtures / "articles").glob("*.txt")) + sorted((fixtures / "clean").glob("zh_*.txt"))
    seen = dict.fromkeys(s.strip() for f in files for s in f.read_text(encoding="utf-8").splitlines()
                         if sum("\u4e00" <= c <= "\u9fff" for c in s) > 8)
    lines = list(seen)
    random.Random(11).shuffle(lines)
    return lines[:limit]


def _matches(out: str, original: str) -> bool:
    """Is ``out`` the original with some characters (up to three a mark) lost to U+FFFD?"""
    pattern = "".join("(?:.{1,3})" if c == "\ufffd" else re.escape(c) for c in out)
    return re.fullmatch(pattern, original, re.S) is not None


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_restored_characters_are_the_original_ones(codec):
    # each run of non-ASCII text of real lines, as UTF-8 read as GBK with replacement: the
    # restoration gives back the run, with U+FFFD only where a character stays lost
    restored = lost = runs = 0
    for line in _lines(1000):
        for m in re.finditer(r"[^\x00-\x7f\s]{3,}", line):
            run = m.group(0)
            broken = run.encode("utf-8").decode(codec, errors="replace")
            if "\ufffd" not in broken:
                continue
            found = restore_lost_bytes(broken, at_line_end=m.end() == len(line),
                                       left=line[max(0, m.start() - 3):m.start()], right=line[m.end():m.end() + 3])
            if found is None:
                continue
            runs += 1
            assert _matches(found[0], run), (run, found[0])
            restored, lost = restored + found[1], lost + found[2]
    assert runs > 30 and restored >= 0.35 * lost  # (gbk: 88 of 187 restored, gb18030: fewer lost)


def test_whole_pipeline_recovers_most_of_a_page_read_as_gbk():
    lines = _lines(120)
    page = "\n".join(lines)
    broken = page.encode("utf-8").decode("gbk", errors="replace")
    out = textmend.clean(broken)
    good = sum(1 for a, b in zip(out.splitlines(), lines) if a == b or _matches(a, b))
    assert good >= 0.7 * len(lines)


@pytest.mark.parametrize("text", [
    # a character lost in UTF-8 text
    "思必驰自主研发的对话式\ufffd大模型通过国家备案，并获批建设江苏省首个语言计算平台。",
    "數據\ufffd丟失了一個字，其餘的內容都完整。",
    "The file ended early \ufffd\ufffd and the rest was lost.",
    "東京都の天気は\ufffd晴れです。",
    "价格：\ufffd100元，数量：3件。",
])
def test_a_lost_character_in_clean_text_stays_lost(text):
    assert fix_cjk_mojibake(text) == text
    assert textmend.clean(text) == text + "\n"


def test_a_run_that_is_not_utf8_is_declined():
    assert restore_lost_bytes("这是干净的中文\ufffd文本") is None


def test_without_search_the_text_is_decoded_and_every_lost_character_stays_lost():
    good = "国家统计局今天发布数据。"
    broken = good.encode("utf-8").decode("gbk", errors="replace")
    text, restored, lost = restore_lost_bytes(broken, at_line_end=True, search=False)
    assert restored == 0 and lost == broken.count("\ufffd")
    assert _matches(text, good)


def test_a_document_past_its_budget_is_still_decoded(monkeypatch):
    from textmend import cjk_mojibake

    monkeypatch.setattr(cjk_mojibake, "LOSSY_BUDGET", 0)
    good = "\n".join(_lines(20))
    broken = good.encode("utf-8").decode("gbk", errors="replace")
    out = fix_cjk_mojibake(broken)
    assert sum(_matches(a, b) for a, b in zip(out.split("\n"), good.split("\n"))) >= 10


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_cleaning_a_lossy_page_twice_changes_nothing_more(codec):
    for line in _lines(60):
        once = textmend.clean(line.encode("utf-8").decode(codec, errors="replace"))
        assert textmend.clean(once) == once, line

"""The dropped-byte repair, on damage generated from real sentences with Python's codecs."""

from __future__ import annotations

import random

import opencc
import pytest

from textmend.dropped_byte import repair_line, repair_shifted_runs

from .conftest import CLEAN_CONTROLS, ROOT

SENTENCES = (ROOT / "fixtures" / "dropped_byte" / "sentences.txt").read_text(encoding="utf-8").split()


def fold(text: str) -> str:
    """What mirror sites do after the damage: full-width ASCII folded to ASCII."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def drop_one_byte(text: str, codec: str, rng: random.Random) -> str:
    data = text.encode(codec)
    i = rng.randrange(4, len(data) - 4)
    return fold((data[:i] + data[i + 1 :]).decode(codec, errors="replace"))


def distance(a: str, b: str) -> int:
    """Levenshtein distance (small strings)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cases():
    rng = random.Random(20261122)
    out = []
    for s in SENTENCES:
        for codec in ("gb18030", "big5"):
            try:
                s.encode(codec)
            except UnicodeEncodeError:
                continue
            for _ in range(3):
                damaged = drop_one_byte(s, codec, rng)
                if damaged != fold(s):
                    out.append((fold(s), damaged))
    return out


def test_lead_byte_lost_in_gbk_traditional_run():
    original = "政府推出新方案“綠色出行”鼓勵市民使用公共交通，資源共享。"
    data = original.encode("gb18030")
    i = data.index("鼓".encode("gb18030"))
    damaged = fold((data[:i] + data[i + 1 :]).decode("gb18030", errors="replace"))
    assert damaged != fold(original)
    assert fold(repair_line(damaged)) == fold(original)


def test_run_to_line_end_with_lost_tail_byte():
    original = "专家表示，人工智能技术正在深刻改变传统制造业的生产方式。"
    data = original.encode("gb18030")
    i = data.index("传".encode("gb18030"))
    damaged = (data[:i] + data[i + 1 :]).decode("gb18030", errors="replace")
    assert damaged.endswith("\ufffd")
    assert repair_line(damaged) == original


def test_generated_damage_repaired_and_never_made_worse():
    all_cases = cases()
    assert len(all_cases) > 50
    exact = 0
    for original, damaged in all_cases:
        repaired = repair_line(damaged)
        if fold(repaired) == original:
            exact += 1
        # a repair may guess a lost character wrong, but never leaves the text further
        # from the original than the damage did
        assert distance(fold(repaired), original) <= distance(damaged, original), (original, damaged, repaired)
    rate = exact / len(all_cases)
    print(f"dropped-byte: {exact}/{len(all_cases)} restored exactly ({rate:.0%})")
    assert rate >= 0.55


LONE_LETTERS = [
    "公司计划明年在A股上市。",
    "医生建议他去做X光检查。",
    "每天补充维生素C片有好处。",
    "孕妇需要定期做B超检查。",
    "他穿着一件白色T恤衫。",
    "这款手机支持5G网络和NFC功能。",
    "他的血型是O型，位于B座三楼。",
    "国产大飞机C919首飞成功。",
    "東京都の人口は約1400万人です。",
    "生僻字：龘、靐、齉、爩都很少见。",
]


@pytest.mark.parametrize("text", LONE_LETTERS + [opencc.OpenCC("s2t").convert(t) for t in LONE_LETTERS])
def test_clean_sentences_with_lone_letters_and_rare_chars_unchanged(text):
    assert repair_line(text) == text


@pytest.mark.parametrize("path", CLEAN_CONTROLS, ids=lambda p: p.name)
def test_clean_documents_unchanged(path):
    text = path.read_text(encoding="utf-8")
    assert repair_shifted_runs(text) == text


def test_edits_name_the_filter_and_line():
    original = "第一行。\n政府推出新方案“綠色出行”鼓勵市民使用公共交通，資源共享。"
    data = original.encode("gb18030")
    i = data.index("鼓".encode("gb18030"))
    damaged = fold((data[:i] + data[i + 1 :]).decode("gb18030", errors="replace"))
    edits = []
    repair_shifted_runs(damaged, edits)
    assert len(edits) == 1 and edits[0].filter == "dropped-byte" and edits[0].line == 2

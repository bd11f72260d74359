"""Rule-pack patterns never backtrack exponentially on short adversarial lines.

``max_len`` keeps long lines away from a family's patterns, so the dangerous lines are the
short ones: phrases joined by a separator that a phrase may also contain, ending in a
character that makes the final ``$`` fail. Before the fix, ``'a > ' * 12 + '。'`` (49
characters) took 13 s in zh navigation and ``'关键词|' * 24 + '。'`` 8 s in zh spam-header,
growing exponentially with each extra phrase. Bounds are generous (a loaded machine);
a linear scan of these lines takes well under a millisecond.
"""

from __future__ import annotations

import time

import pytest

import textmend
from textmend.rules import builtin_packs

SEPARATORS = ["_", "|", "｜", ">", "›", "»", "＞", "→", "&gt;", "/", "-", "·", "、", ",", "，", ":", "："]
WORDS = ["ab", "中文"]
SPACINGS = ["{w}{s}", "{w} {s} ", "{w}  {s}  "]
TAILS = ["。", "#"]

FAMILIES = [(f"{p.name}.{f.name}", f) for p in builtin_packs() for f in p.families if f.patterns]


def _lines(max_len: int):
    for sep in SEPARATORS:
        for word in WORDS:
            for spacing in SPACINGS:
                unit = spacing.format(w=word, s=sep)
                for tail in TAILS:
                    for n in (max_len, 2000):
                        yield (unit * (n // len(unit) + 1))[: n - len(tail)] + tail


@pytest.mark.parametrize("label,family", FAMILIES, ids=[label for label, _ in FAMILIES])
def test_family_patterns_are_not_catastrophic(label, family):
    worst, where = 0.0, ""
    for line in _lines(family.max_len):
        for pat in family.patterns:
            t0 = time.perf_counter()
            for _ in pat.finditer(line):
                pass
            dt = time.perf_counter() - t0
            if dt > worst:
                worst, where = dt, f"{pat.pattern!r} on {line[:40]!r}... ({len(line)} chars)"
    assert worst < 2.0, f"{label}: {where}: {worst:.1f} s"


FORMER_HANGS = ["a > " * 14 + "。", "Ab > " * 20 + "。", "关键词|" * 30 + "。", "a_" * 60 + "。", "a / " * 14 + "。"]


@pytest.mark.parametrize("line", FORMER_HANGS)
def test_clean_on_former_catastrophic_head_lines(line):
    doc = f"{line}\n\n这是正文的第一段，讲的是一件很平常的事情，没有什么特别的地方。\n"
    t0 = time.perf_counter()
    out = textmend.clean(doc)
    assert time.perf_counter() - t0 < 10.0
    assert "这是正文的第一段" in out


@pytest.mark.parametrize("crumb", ["首页 > 热点 > 正文", "首页 &gt; 新闻 &gt; 国内", "新闻 / 国内 / 社会",
                                   "中国 › 江苏 › 苏州新闻", "精品_国产_福利_在线观看"])
def test_rewritten_patterns_still_strip_their_lines(crumb):
    body = "这是正文的第一段，讲的是一件很平常的事情，没有什么特别的地方。"
    assert textmend.clean(f"{crumb}\n{body}\n") == f"{body}\n"

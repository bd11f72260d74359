"""opencc_gate: a text the gate passes is one OpenCC's t2s leaves alone."""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import pytest

from textmend import opencc_gate
from textmend.convert import _converter, convert
from textmend.opencc_gate import t2s_leaves_alone

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
T2S = opencc.OpenCC("t2s")


def _triggers() -> tuple[str, list[str], list[str]]:
    found = opencc_gate.read_triggers()
    return found.chars, found.phrases, found.mirror


def _texts() -> list[str]:
    """Every fixture line and document: Simplified, Traditional, English, Japanese, code."""
    out = []
    for path in sorted(FIXTURES.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out.append(text)
        out.extend(line for line in text.splitlines() if line.strip())
    return out


needs_gate = pytest.mark.skipif(opencc_gate._gate() is None,
                                reason="the trigger list was made from another OpenCC version")


@needs_gate
def test_every_listed_trigger_is_changed_by_the_installed_binding():
    chars, phrases, mirror = _triggers()
    assert len(chars) > 4000 and len(phrases) > 50
    out = T2S.convert("\n".join(chars)).split("\n")
    assert all(a != b for a, b in zip(chars, out))
    assert all(T2S.convert(p) != p for p in phrases)
    # (mirror: phrases the restoration's first step changes, e.g. 橋梁 -> 橋樑; t2s may
    # give the same result either way: listing them only makes the gate more careful)
    assert mirror and all(len(p) > 1 for p in mirror)


@needs_gate
@pytest.mark.parametrize("restore", [False, True])
def test_a_text_the_gate_passes_is_left_alone(restore):
    conv = _converter("t2s", restore)
    texts = _texts()
    chars, phrases, mirror = _triggers()
    # each trigger inside Simplified text, and random mixes of common and trigger characters
    rng = random.Random(5)
    common = (FIXTURES / "clean" / "zh_hans_news.txt").read_text(encoding="utf-8")
    pool = sorted({ch for ch in common if "\u4e00" <= ch <= "\u9fff"})
    pool += list(chars[:300]) + list("沈覆坏么瞭藉著梁麵吃")
    for _ in range(3000):
        n = rng.randint(1, 12)
        texts.append("".join(rng.choice(pool) for _ in range(n)))
    for p in phrases + mirror:
        texts.append(f"他说{p}了")
    for text in texts:
        if t2s_leaves_alone(text, restore):
            assert conv.convert(text) == text, text
    # and it is worth having: it passes most fixture texts that t2s leaves alone
    unchanged = [t for t in _texts() if conv.convert(t) == t]
    assert sum(t2s_leaves_alone(t, restore) for t in unchanged) >= 0.8 * len(unchanged)


@needs_gate
@pytest.mark.parametrize("config", ["t2s", "hk2s"])
def test_lines_without_mirror_triggers_convert_the_same_without_restoration(config):
    restored, plain = _converter(config, True), _converter(config, False)
    _, _, mirror = _triggers()
    texts = _texts() + [T2S.convert(t) for t in _texts()[:200]] + [f"這是{p}的例子" for p in mirror]
    texts += ["隨著發展", "一目瞭然", "藉口", "甚麼", "著名的土著", "第一行\n隨著\n第三行著名\n\n藉此"]
    plain_lines = 0
    for text in texts:
        needs = opencc_gate.mirror_trigger_lines(text)
        for i, line in enumerate(text.split("\n")):
            if i not in needs:
                plain_lines += 1
                assert restored.convert(line) == plain.convert(line), line
            else:
                assert any(ch in line for ch in "著瞭藉衹祇牠") or any(p in line for p in mirror + ["蘊藉", "甚麼"])
        # and the whole text, converted run by run, is what the restoring config gives
        assert convert(text, config, restore=True) == restored.convert(text)
    assert plain_lines > len(texts)


@needs_gate
def test_simplified_text_passes_and_traditional_does_not():
    hans = (FIXTURES / "clean" / "zh_hans_news.txt").read_text(encoding="utf-8")
    hant = (FIXTURES / "clean" / "zh_hant_news.txt").read_text(encoding="utf-8")
    assert t2s_leaves_alone(hans) == (T2S.convert(hans) == hans)
    assert not t2s_leaves_alone(hant)
    assert t2s_leaves_alone("Plain English, “quoted”.") and t2s_leaves_alone("")
    assert not t2s_leaves_alone("他沈默了") and not t2s_leaves_alone("𰻞")
    assert convert("他沈默了", "t2s") == "他沉默了"


@needs_gate
def test_the_regex_fallback_gives_the_same_answers(monkeypatch):
    gate = opencc_gate._gate()
    for which in gate.triggers:
        gate.finds("中", which)  # (built now: with the automaton, if installed)
    plain = opencc_gate._Gate("", [], [])
    plain.triggers = gate.triggers  # (the same lists, searched without the automaton)
    aho = opencc_gate._aho
    monkeypatch.setattr(opencc_gate, "_aho", None)
    texts = _texts()[:400] + ["他沈默了", "桥梁", "橋梁", "回覆", "新质生产力", "著名"]
    for which in gate.triggers:
        assert [plain.finds(t, which) for t in texts] == [gate.finds(t, which) for t in texts]
        monkeypatch.setattr(opencc_gate, "_aho", aho)
        with_automaton = [gate.lines_with(t, which) for t in texts]
        monkeypatch.setattr(opencc_gate, "_aho", None)
        assert [plain.lines_with(t, which) for t in texts] == with_automaton


def test_no_gate_for_another_binding_version(monkeypatch):
    monkeypatch.setattr(opencc_gate, "version", lambda name: "0.0.1")
    opencc_gate._gate.cache_clear()
    try:
        assert opencc_gate._gate() is None
        assert not t2s_leaves_alone("新质生产力")  # (not known: converted, as before)
        assert convert("新质生产力", "t2s") == "新质生产力"
    finally:
        opencc_gate._gate.cache_clear()

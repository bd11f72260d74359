"""The benchmark harness: deterministic corpora, a fair score, the isolated naive chain.

No timings are asserted here; ``bench/run.py`` measures, these tests check it measures
the right thing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import corpora  # noqa: E402
import score  # noqa: E402


@pytest.fixture(scope="module")
def small():
    return corpora.build(20_000)


def test_corpora_are_deterministic(small):
    again = corpora.build(20_000)
    assert [c.name for c in small] == [c.name for c in again]
    for a, b in zip(small, again):
        assert [x.data for x in a.cases] == [x.data for x in b.cases]


def test_corpora_cover_the_issue(small):
    names = {c.name: c for c in small}
    assert set(names) == {"gb18030-zh", "big5-zh-t2s", "mirror-zh-t2s", "cp1252-en", "clean-utf8"}
    gb = names["gb18030-zh"].cases[0]
    assert gb.data.decode("gb18030") == gb.expected
    with pytest.raises(UnicodeDecodeError):
        gb.data.decode("utf-8")
    b5 = names["big5-zh-t2s"].cases[0]
    assert b5.data.decode("big5") != b5.expected  # Traditional in, Simplified expected
    mirror = names["mirror-zh-t2s"].cases[0].data.decode("utf-8")
    assert "(" in mirror and "," in mirror
    assert "â€" in b"".join(c.data for c in names["cp1252-en"].cases).decode("utf-8")
    for case in names["clean-utf8"].cases:
        assert case.data.decode("utf-8") == case.expected


def test_damage_helpers():
    assert corpora.fold_width("中文：好，（甲）") == "中文:好,(甲)"
    assert corpora.latin_mojibake("don’t") == "donâ€™t"
    assert corpora.typographic("It's \"x\" -- y") == "It’s “x” — y"


def test_score_punishes_loss_and_extra_lines():
    exp = "第一段。\n\n第二段。\n"
    assert score.corpus_scores([(exp, exp)]) == (1.0, 1.0)
    strict, loose = score.corpus_scores([(exp, "第一段.\n\n第二段.\n")])
    assert strict == 0.0 and loose == 1.0
    strict, loose = score.corpus_scores([(exp, "返回\n第一段。\n\n第二段。\n")])
    assert loose < 1.0
    strict, loose = score.corpus_scores([(exp, "第一段。\n")])
    assert loose < 1.0


def test_naive_opencc_is_isolated(tmp_path):
    import opencc as official

    fake = tmp_path / "opencc"
    fake.mkdir()
    (fake / "__init__.py").write_text("WHO = 'fake'\n")
    import naive

    mod = naive.import_isolated("opencc", tmp_path)
    assert mod.WHO == "fake"
    import opencc

    assert opencc is official
    assert sys.modules["opencc"] is official


def test_instruction_count_harness_prepares_and_runs_what_it_counts(tmp_path, monkeypatch):
    # valgrind is not needed here: the child's work runs in process
    import instructions

    monkeypatch.setattr(instructions, "SIZE", 20_000)
    monkeypatch.setattr(instructions, "DOCS", 3)
    path = str(tmp_path / "inputs.pickle")
    names = instructions.prepare(["clean-utf8", "big5-zh-t2s"], "strip", path)
    assert sorted(names) == ["big5-zh-t2s", "clean-utf8"]
    import pickle

    with open(path, "rb") as fh:
        item = pickle.load(fh)["big5-zh-t2s"]
    assert len(item["texts"]) == 3 and all(isinstance(t, str) for t in item["texts"])
    for name in names:
        instructions.child(path, name, "strip")
        instructions.child(path, name, None)
    assert instructions.prepare(["clean-utf8"], "convert", path) == []  # no such step there

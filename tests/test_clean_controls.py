"""Do no harm: already-clean documents come out of every filter and the whole pipeline unchanged."""

from __future__ import annotations

import pytest

import textmend
from textmend.filter import REGISTRY, get_filter
from textmend.pipeline import DEFAULT_STEPS

from .conftest import CLEAN_CONTROLS

assert CLEAN_CONTROLS


@pytest.mark.parametrize("path", CLEAN_CONTROLS, ids=lambda p: p.name)
def test_pipeline_leaves_clean_text_alone(path):
    data = path.read_bytes()
    assert textmend.clean(data) == data.decode("utf-8")


@pytest.mark.parametrize("name", DEFAULT_STEPS)
@pytest.mark.parametrize("path", CLEAN_CONTROLS, ids=lambda p: p.name)
def test_each_filter_leaves_clean_text_alone(name, path):
    text = path.read_text(encoding="utf-8")
    new, edits = get_filter(name).explain(text)
    assert new == text
    assert edits == []


def test_every_registered_filter_is_in_a_stage():
    assert {cls.stage for cls in REGISTRY.values()} <= {"decode", "repair", "strip", "normalize", "convert"}


@pytest.mark.parametrize("path", [p for p in CLEAN_CONTROLS if "hant" not in p.name], ids=lambda p: p.name)
def test_t2s_leaves_clean_text_that_is_not_traditional_alone(path):
    # Simplified Chinese, English, Japanese, code, numbers, URLs: nothing for t2s to convert,
    # whether the trigger gate (opencc_gate) or OpenCC itself answers
    text = path.read_text(encoding="utf-8")
    new, edits = get_filter("convert", config="t2s").explain(text)
    assert new == text
    assert all(e.before == e.after for e in edits)  # (at most a note: "skipped t2s: Japanese")

"""textmend.literals: required literals must never rule out a line a pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textmend.literals import LiteralIndex, fold, required_literals
from textmend.rules import builtin_packs
from textmend.strip import to_simplified

from .conftest import fixture_lines

PATTERNS = [(f.label, p) for pack in builtin_packs() for f in pack.families for p in f.patterns]
LINES = fixture_lines()


@pytest.mark.parametrize(("label", "pattern"), PATTERNS, ids=[f"{lbl}:{i}" for i, (lbl, _) in enumerate(PATTERNS)])
def test_no_fixture_line_matched_by_a_pattern_lacks_its_literals(label, pattern):
    lits = required_literals(pattern)
    if lits is None:
        return
    for line in LINES:
        for form in {line, to_simplified(line)}:
            if pattern.search(form):
                folded = fold(form)
                assert any(lit in folded for lit in lits), (label, pattern.pattern, form, sorted(lits))


def test_every_builtin_family_is_prefiltered():
    # a family with no literal bound is asked about every line: keep the packs indexable
    unbounded = [f.label for pack in builtin_packs() for f in pack.families if f.required_literals() is None]
    assert unbounded == [], unbounded


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"版权所有|copyright\s*\d{4}", {"版权所有", "copyright"}),
    (r"^(?:上一篇|下一篇)\s*[:：]", {"上一篇", "下一篇"}),
    (r"a?b+", {"b"}),
    (r"(?:x|)y?", None),
    (r"\d+", None),
    (r"[A-Z]{2}", None),
    (r"(?i)ICP备", {"icp备"}),
])
def test_required_literals(pattern, expected):
    got = required_literals(re.compile(pattern, re.IGNORECASE))
    assert (set(got) if got is not None else None) == expected


_ALPHABET = "版权所有©Copyright(c)2024 ICP备号京沪|_-首页>>上一篇：图片.jpgaS\u017f\u212a"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(PATTERNS), st.text(alphabet=_ALPHABET, max_size=40))
def test_literals_are_a_superset_on_generated_lines(case, line):
    _, pattern = case
    lits = required_literals(pattern)
    if lits is not None and pattern.search(line):
        assert any(lit in fold(line) for lit in lits)


def test_index_returns_keys_whose_literal_occurs_and_the_unbounded():
    idx = LiteralIndex()
    idx.add("a", {"版权"})
    idx.add("b", {"icp", "备案"})
    idx.add("c", None)
    assert idx.candidates(fold("版权所有 京ICP备")) == {"a", "b", "c"}
    assert idx.candidates(fold("正文第一段")) == {"c"}

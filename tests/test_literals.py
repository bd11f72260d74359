"""textmend.literals: required literals must never rule out a line a pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textmend.literals import SEPARATORS, LiteralIndex, fold, required_literals, required_prefixes, requires_han
from textmend.rules import builtin_packs, split_words
from textmend.strip import to_simplified

from .conftest import fixture_lines

PATTERNS = [(f.label, p) for pack in builtin_packs() for f in pack.families for p in f.patterns]
LINES = fixture_lines()


@pytest.mark.parametrize(("label", "pattern"), PATTERNS, ids=[f"{lbl}:{i}" for i, (lbl, _) in enumerate(PATTERNS)])
def test_no_fixture_line_matched_by_a_pattern_lacks_what_it_requires(label, pattern):
    # a line the pattern matches holds one of its literals and starts with one of its prefixes
    lits, pres = required_literals(pattern), required_prefixes(pattern)
    for line in LINES:
        for form in {line.strip(), to_simplified(line.strip())}:
            if pattern.search(form):
                folded = fold(form)
                if lits is not None:
                    assert any(lit in folded for lit in lits), (label, pattern.pattern, form, sorted(lits))
                if pres is not None:
                    assert any(folded.startswith(p) for p in pres), (label, pattern.pattern, form, sorted(pres))


def test_every_builtin_family_is_prefiltered():
    # a family with no literal bound is asked about every line: keep the packs indexable
    unbounded = [f.label for pack in builtin_packs() for f in pack.families if f.requirements()[0] is None]
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


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"[京沪]icp[备证]\s*\d{6,}", True),
    (r"icp[备证]?\d+", False),
    (r"(?:版权|版權)所有|著作权", True),
    (r"版权|\(c\)", False),
    (r"(?:图片)?\.jpg", False),
    (r"x(?:[一-鿿]){2,}", True),
    (r"[^a-z]图", True),
    (r"[^a-z]", False),
])
def test_requires_han(pattern, expected):
    assert requires_han(re.compile(pattern, re.IGNORECASE)) is expected


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from([c for c in PATTERNS if requires_han(c[1])]),
       st.text(alphabet="icpICP备案京沪0123456789 -_.:()©abc\u00e9\u2019", max_size=40))
def test_a_pattern_that_requires_han_never_matches_a_line_without_it(case, line):
    _, pattern = case
    if not any("\u4e00" <= ch <= "\u9fff" for ch in line):
        assert pattern.search(line) is None


def test_index_returns_keys_whose_literal_occurs_and_the_unbounded():
    idx = LiteralIndex()
    idx.add("a", {"版权"})
    idx.add("b", {"icp", "备案"})
    idx.add("c", None)
    assert idx.candidates(fold("版权所有 京ICP备")) == {"a", "b", "c"}
    assert idx.candidates(fold("正文第一段")) == {"c"}


# --- prefixes: an anchored pattern's line must start with one of them ----------------------

@pytest.mark.parametrize(("pattern", "expected"), [
    (r"^(?:上一篇|下一篇)\s*[:：]", {"上一篇", "下一篇"}),
    (r"^Home\s*>", {"home"}),
    (r"^[【\[]?\s*字号", None),         # optional first item: no prefix
    (r"^[【\[]\s*字号", {"【", "["}),
    (r"^a+b", {"a"}),
    (r"^(?:x|)y", None),
    (r"版权所有", None),                 # not anchored
    (r"^a|b", None),                     # one alternative is not anchored
    (r"\Aabc", {"abc"}),
])
def test_required_prefixes(pattern, expected):
    got = required_prefixes(re.compile(pattern, re.IGNORECASE))
    assert (set(got) if got is not None else None) == expected


def test_multiline_caret_has_no_prefix():
    assert required_prefixes(re.compile(r"^abc", re.MULTILINE)) is None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(PATTERNS), st.text(alphabet=_ALPHABET + "上下一篇：homeHOME >", max_size=40))
def test_prefixes_hold_on_generated_lines(case, line):
    _, pattern = case
    pres = required_prefixes(pattern)
    if pres is not None and pattern.search(line):
        assert any(fold(line).startswith(p) for p in pres)


# --- a line of listed words starts, after separators, with a listed word's first token ------

WORD_FAMILIES = [f for pack in builtin_packs() for f in pack.families if f.words]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(WORD_FAMILIES), st.data())
def test_lines_of_listed_words_meet_the_word_starts(fam, data):
    words = sorted(fam.words)
    picked = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=5))
    seps = data.draw(st.lists(st.sampled_from([" | ", " > ", "·", "  ", "/", " - ", "【", "】"]),
                              min_size=len(picked) + 1, max_size=len(picked) + 1))
    line = seps[0].lstrip() + "".join(w.title() + s for w, s in zip(picked, seps[1:]))
    line = line.strip()
    if not fam.matches(line):
        return
    _, _, word_starts = fam.requirements()
    folded = fold(line)
    at = re.match(f"[{SEPARATORS}]*", folded).end()
    assert any(folded.startswith(w, at) for w in word_starts), (fam.label, line)


def test_word_starts_are_first_tokens():
    for fam in WORD_FAMILIES:
        _, _, word_starts = fam.requirements()
        for w in fam.words:
            tokens = split_words(w)
            if tokens:
                assert fold(tokens[0]) in word_starts


def test_index_checks_starts_and_word_starts():
    idx = LiteralIndex()
    idx.add("nav", set(), {"首页"})
    idx.add("words", set(), word_starts={"home"})
    idx.add("lit", {"©"})
    assert idx.candidates(fold("首页 > 新闻")) == {"nav"}
    assert idx.candidates(fold("新闻 > 首页")) == set()          # not at the start
    assert idx.candidates(fold("» Home » News")) == {"words"}    # after separators
    assert idx.candidates(fold("Go Home")) == set()
    assert idx.candidates(fold("© 2024")) == {"lit"}
    assert idx.candidates("") == set()


def test_separator_chars_are_the_separator_class():
    from textmend.literals import _SEPARATOR_CHARS

    cls = re.compile(f"[{SEPARATORS}]")
    assert all((cls.fullmatch(chr(i)) is not None) == (chr(i) in _SEPARATOR_CHARS) for i in range(0x10000))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("版权所有首页图片字-_|电话abcCOPY ©\\]^[x") + ["新闻", "正文", "copy"]),
                max_size=40).map("".join))
def test_index_candidates_equal_the_plain_definition(text):
    # the first-character scan (a class regex on long non-ASCII text, a set intersection
    # otherwise) must find the same keys as checking every literal
    # (and the Aho-Corasick automaton the same as either)
    lits = {"k1": {"版权所有", "copy"}, "k2": {"图片", "-"}, "k3": {"\\", "]"}, "k4": {"^", "[x"}, "k5": {"©"},
            "k6": {"copy", "权所"}}
    folded = fold(text * 3)
    expected = {k for k, ls in lits.items() if any(lit in folded for lit in ls)}
    for automaton in (True, False):
        idx = LiteralIndex()
        idx.use_automaton = automaton and LiteralIndex.use_automaton
        for key, ls in lits.items():
            idx.add(key, ls)
        assert idx.candidates(folded) == expected, automaton


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("首页中x> »-|") + ["home", "ho", "首页", "us", "新闻"]), max_size=12).map("".join))
def test_index_prefixes_equal_the_plain_definition(text):
    # prefixes are filed under their first two characters (one for a one-character prefix)
    starts = {"s1": {"首页", "h"}, "s2": {"ho"}, "s3": {">"}}
    word_starts = {"w1": {"home", "中"}, "w2": {"us", "x"}}
    idx = LiteralIndex()
    for key, pres in starts.items():
        idx.add(key, set(), pres)
    for key, pres in word_starts.items():
        idx.add(key, set(), word_starts=pres)
    folded = fold(text)
    at = re.match(f"[{SEPARATORS}]*", folded).end()
    expected = {k for k, pres in starts.items() if any(folded.startswith(p) for p in pres)}
    expected |= {k for k, pres in word_starts.items()
                 if at < len(folded) and any(folded.startswith(p, at) for p in pres)}
    assert idx.candidates(folded) == expected


@pytest.mark.parametrize("pattern, expected", [
    (r"^\S+$", True), (r"^[\d-]+$", True), (r"^\w+\.(?:png|jpe?g)$", True), (r"^[a-z]+(?:[-_][a-z]+)*\d{8}$", True),
    (r"^.+$", False), (r"^[^a]+$", False), (r"^a\sb$", False), (r"^(?:a|b c)$", False), (r"^[a-z ]+$", False),
    (r"^a+", False), (r"a+$", False), (r"^a(?=b)b$", False), (r"^[\u2000-\u200b]$", False), (r"^[\x00-\x20]$", False),
])
def test_whole_space_free_line(pattern, expected):
    from textmend.literals import whole_space_free_line

    assert whole_space_free_line(re.compile(pattern, re.I)) is expected
    assert not whole_space_free_line(re.compile(pattern, re.M))  # $ before any line break


def test_space_free_patterns_match_no_line_with_a_space():
    # the anywhere screen scans such patterns over the lines without white space only
    from textmend.literals import whole_space_free_line

    lines = fixture_lines() + ["news-icon-20241120112918", "photo.jpg", "x.png y", "a\u3000b.png", "logo\u00a0x.gif"]
    solid = [p for pack in builtin_packs() for f in pack.families for p in f.patterns if whole_space_free_line(p)]
    assert solid  # (the placeholder tokens and file names)
    for p in solid:
        for line in lines:
            if p.search(line.strip()):
                assert not any(c.isspace() for c in line.strip()), (p.pattern, line)

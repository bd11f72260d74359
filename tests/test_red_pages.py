"""End to end on pages written for a red-team pass (fixtures/pages-red/<lang>/).

Each page is ``NAME.in``: the bytes a scraper saved (UTF-8, GB18030, GBK, Big5-HKSCS,
cp950 or cp1252; some lines damaged: UTF-8 read as cp1252 or GBK, GBK read as latin-1,
Simplified mirrored to Traditional with pinyin annotations). ``NAME.expected.txt`` is
what a careful editor keeps of ``textmend clean NAME.in`` (``NAME.expected.t2s.txt``: of
``textmend clean --convert t2s``). Pages named ``c*`` are clean controls: the expected
text is the page itself.

``NAME.misses`` (optional) lists what textmend is known not to do, as diff lines
between the expected text and textmend's output: ``+ line`` a line it leaves in
(boilerplate it does not recognise), ``- line`` an expected line it does not give
(a repair it misses). Output that differs in any other way fails: a stripped content
line, a changed clean line, a new miss. A fixed miss is allowed (then delete it from
the file).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

import textmend

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "pages-red"


def _pages():
    for exp in sorted(ROOT.glob("*/*.expected*.txt")):
        name = exp.name.split(".expected")[0]
        convert = "t2s" if exp.name.endswith(".t2s.txt") else None
        yield pytest.param(exp.parent / f"{name}.in", exp, convert, id=f"{exp.parent.name}/{name}")


def _diff(want: str, got: str) -> tuple[set[str], set[str]]:
    plus, minus = set(), set()
    for line in difflib.unified_diff(want.splitlines(), got.splitlines(), lineterm="", n=0):
        if line.startswith(("+++", "---", "@@")):
            continue
        (plus if line[0] == "+" else minus).add(line[1:].strip())
    plus.discard("")
    minus.discard("")
    return plus, minus


def test_fixture_layout():
    pages = list(_pages())
    assert len(pages) >= 24
    for lang in ("zh-hans", "zh-hant", "en"):
        names = [p.values[0].name for p in pages if p.values[0].parent.name == lang]
        assert sum(n.startswith("c") for n in names) >= 4 and sum(n.startswith("d") for n in names) >= 4, lang
    for p in pages:
        assert p.values[0].exists(), p.values[0]


@pytest.mark.parametrize("page,expected,convert", list(_pages()))
def test_red_page(page, expected, convert):
    got = textmend.clean(page.read_bytes(), convert=convert)
    want = expected.read_text(encoding="utf-8")
    if got == want:
        return
    known_plus: set[str] = set()
    known_minus: set[str] = set()
    misses = page.with_suffix(".misses")
    if misses.exists():
        for line in misses.read_text(encoding="utf-8").splitlines():
            if line.startswith("+ "):
                known_plus.add(line[2:].strip())
            elif line.startswith("- "):
                known_minus.add(line[2:].strip())
    plus, minus = _diff(want, got)
    assert not minus - known_minus, f"{page.name}: expected lines lost or changed: {sorted(minus - known_minus)}"
    assert not plus - known_plus, f"{page.name}: unexpected lines in the output: {sorted(plus - known_plus)}"
    if not plus and not minus:  # only blank lines differ
        assert got.split() == want.split()
        assert got.count("\n\n") == want.count("\n\n"), f"{page.name}: blank lines differ"

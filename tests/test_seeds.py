"""Acceptance: the two seed documents come back exactly as expected."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import textmend
from textmend.cli import cli

from .conftest import ROOT, SEEDS

assert SEEDS, "seeds/ is empty"


def expected(seed):
    return (ROOT / "fixtures" / seed.name).read_bytes()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_cli_path(seed):
    result = CliRunner().invoke(cli, ["clean", "--convert", "t2s", str(seed)])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == expected(seed)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_cli_stdin(seed):
    result = CliRunner().invoke(cli, ["clean", "--convert", "t2s"], input=seed.read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == expected(seed)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_library_bytes(seed):
    assert textmend.clean(seed.read_bytes(), convert="t2s") == expected(seed).decode("utf-8")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_idempotent(seed):
    once = textmend.clean(seed.read_bytes(), convert="t2s")
    assert textmend.clean(once, convert="t2s") == once


def test_explain_seed_001_lists_every_change():
    seed = ROOT / "seeds" / "001_abc79d6f08d23004.txt"
    text, edits = textmend.clean_and_explain(seed.read_bytes(), convert="t2s")
    assert text == expected(seed).decode("utf-8")
    filters = {e.filter for e in edits}
    assert {"pinyin", "dropped-byte", "strip", "punctuation", "whitespace", "convert"} <= filters
    # the repaired run is attributed to the dropped-byte filter
    assert any(e.filter == "dropped-byte" and "海”模式" in e.after for e in edits)
    # every stripped line is named with the rule family that matched it
    stripped = [e for e in edits if e.filter == "strip"]
    assert all(e.note for e in stripped)
    assert any("編輯" in e.before for e in stripped)


def test_explain_cli_seed_001():
    seed = ROOT / "seeds" / "001_abc79d6f08d23004.txt"
    result = CliRunner().invoke(cli, ["clean", "--convert", "t2s", "--explain-json", str(seed)])
    assert result.exit_code == 0
    assert result.stdout_bytes == expected(seed)
    rows = [json.loads(line) for line in result.stderr.splitlines()]
    assert rows and all({"file", "filter", "line", "before", "after"} <= r.keys() for r in rows)
    assert {"pinyin", "dropped-byte", "strip", "convert"} <= {r["filter"] for r in rows}

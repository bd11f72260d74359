"""Profiles (--profile zh-hans|zh-hant|ja|en|auto) and the width filter."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import textmend
from textmend.cli import cli
from textmend.pipeline import Pipeline
from textmend.profiles import detect_profile, get_profile, profile_names
from textmend.width import narrow_fullwidth_alnum

from .conftest import CLEAN_CONTROLS, SEEDS


def test_width_narrows_letters_and_digits_only():
    assert narrow_fullwidth_alnum("２０２４年ＡＩ大会（ＧＰＴ－４）") == "2024年AI大会（GPT－4）"
    for text in ["中文：“你好”，（括号）！", "plain ASCII 123", "ｶﾀｶﾅ"]:
        assert narrow_fullwidth_alnum(text) == text


def test_width_edits():
    edits: list = []
    narrow_fullwidth_alnum("第１段\n第２段", edits)
    assert [(e.filter, e.line, e.before, e.after) for e in edits] == [("width", 1, "１", "1"), ("width", 2, "２", "2")]


def test_profile_steps():
    base = Pipeline.default().names
    assert "width" not in base
    assert "width" in Pipeline.default(profile="zh-hans").names
    assert "width" in Pipeline.default(profile="zh-hant").names
    ja = Pipeline.default(profile="ja").names
    assert "width" not in ja and "punctuation" not in ja
    assert "punctuation" not in Pipeline.default(profile="en").names
    with pytest.raises(KeyError, match="unknown profile"):
        get_profile("xx")
    assert set(profile_names()) == {"zh-hans", "zh-hant", "ja", "en", "auto"}


@pytest.mark.parametrize("text,want", [
    ("２０２４年ＡＩ大会,在北京举行。", "2024年AI大会，在北京举行。\n"),
    ("２０２４年ＡＩ大會,在台北舉行。", "2024年AI大會，在台北舉行。\n"),
    ("２０２４年のＡＩ会議が開かれた。", "２０２４年のＡＩ会議が開かれた。\n"),
    ("\u3000東京で会議が開かれた。\n\u3000二段落目です。", "\u3000東京で会議が開かれた。\n\u3000二段落目です。\n"),
    ("The ＡＩ summit (in 北京) opened.", "The AI summit (in 北京) opened.\n"),
])
def test_auto_profile(text, want):
    assert textmend.clean(text, profile="auto") == want


def test_detect_profile():
    assert detect_profile("東京で新しい店が開いた。") == "ja"
    assert detect_profile("蘇州工業園區的發展很快") == "zh-hant"
    assert detect_profile("苏州工业园区的发展很快") == "zh-hans"
    assert detect_profile("A long English sentence about 北京 and more words here.") == "en"
    assert detect_profile("") == "en"


@pytest.mark.parametrize("path", CLEAN_CONTROLS, ids=lambda p: p.name)
def test_auto_profile_leaves_clean_controls_alone(path):
    data = path.read_bytes()
    assert textmend.clean(data, profile="auto") == data.decode("utf-8")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seeds_byte_exact_with_auto_profile(path):
    want = (path.parent.parent / "fixtures" / path.name).read_text(encoding="utf-8")
    assert textmend.clean(path.read_bytes(), convert="t2s", profile="auto") == want


def test_cli_profile(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("２０２４年のＡＩ会議。\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["clean", "--profile", "ja", str(f)]).stdout == "２０２４年のＡＩ会議。\n"
    assert CliRunner().invoke(cli, ["clean", "--profile", "zh-hans", str(f)]).stdout == "2024年のAI会議。\n"
    r = CliRunner().invoke(cli, ["clean", "--profile", "xx", str(f)])
    assert r.exit_code == 2

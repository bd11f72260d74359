"""The per-language character tables and the plausibility score."""

from __future__ import annotations

from pathlib import Path

import pytest

from textmend import langfreq


def test_tables_cover_the_languages_of_every_codec():
    tables = langfreq.tables()
    for langs in langfreq.CODEC_LANGUAGES.values():
        for lang in langs:
            assert len(tables[lang]) >= 20, lang


def test_right_reading_scores_higher():
    for text, right, wrong, _lang in (
        ("发布会在北京举行", "gb18030", "big5hkscs", "zh"),
        ("東京都の天気", "cp932", "gb18030", "ja"),
        ("Привет, мир", "cp1251", "cp1252", "ru"),
    ):
        data = text.encode(right)
        high = sum(b > 127 for b in data)
        good = langfreq.plausibility(data.decode(right), high, langfreq.languages_for(right))[0]
        bad_text = data.decode(wrong, errors="replace")
        bad = langfreq.plausibility(bad_text, high, langfreq.languages_for(wrong))[0]
        assert good > bad + 1, (text, good, bad)


def test_broken_characters_score_very_low():
    assert langfreq.plausibility("ab\ufffd\ufffd", 4, ("zh",))[0] < langfreq.plausibility("ab中文", 4, ("zh",))[0] - 5


def test_table_file_is_reproducible():
    pytest.importorskip("wordfreq")
    text = (Path(langfreq.__file__).parent / "data" / "freq" / "chars.tsv").read_text(encoding="utf-8")
    assert text == langfreq.build_tables()

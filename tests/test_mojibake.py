from __future__ import annotations

import pytest

from textmend.mojibake import Mojibake, fix_latin_mojibake


@pytest.mark.parametrize(
    "bad, good",
    [
        ("cafÃ©", "café"),
        ("The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.", "The Mona Lisa doesn’t have eyebrows."),
        ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет"),
        ("AT&amp;T", "AT&T"),
    ],
)
def test_latin_mojibake(bad, good):
    assert fix_latin_mojibake(bad) == good


@pytest.mark.parametrize(
    "clean",
    [
        "中文：“你好”（全角）！",
        "繁體中文：「測試」",
        "日本語のテキスト、「引用」です。",
        "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ",
        "naïve café, Straße, façade — “quotes”",
        "if (a && b) { return x; }",
        "Price: €5, £3, ¥100",
        "https://example.com/?a=1&b=2",
    ],
)
def test_clean_text_untouched(clean):
    assert fix_latin_mojibake(clean) == clean


def test_edits_are_per_line():
    new, edits = Mojibake().explain("ok\ncafÃ©")
    assert new == "ok\ncafé"
    assert [(e.line, e.before, e.after) for e in edits] == [(2, "cafÃ©", "café")]

from __future__ import annotations

import pytest

import textmend
from textmend.mojibake import FTFY_CONFIG, Mojibake, fix_latin_mojibake


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


def _generated_mojibake(limit: int = 600) -> list[str]:
    import pydoc_data.topics as topics

    paras = [p for v in topics.topics.values() for p in v.split("\n") if len(p) > 40][:limit]
    out = []
    for p in paras:
        q = p.replace("'", "’").replace(" - ", " — ") + " café naïve Straße"
        out.append(q.encode("utf-8").decode("sloppy-windows-1252"))
        out.append(q.encode("utf-8").decode("latin-1"))
    return out


def _ftfy_cases() -> list[str]:
    import json

    from .conftest import ROOT

    folder = ROOT.parent / "shared" / "peers" / "ftfy-test-cases"
    out = []
    for f in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        out.extend(line for case in json.loads(f.read_text(encoding="utf-8")) for line in case["original"].split("\n"))
    return out


def test_one_step_fast_path_agrees_with_ftfy():
    import ftfy

    from textmend.mojibake import FTFY_CONFIG, _one_step_fix

    fired = 0
    for line in _generated_mojibake() + _ftfy_cases():
        fast = _one_step_fix(line)
        if fast is not None:
            fired += 1
            assert fast == ftfy.fix_text(line, FTFY_CONFIG), line
    assert fired > 300


@pytest.mark.parametrize("text,reading", [
    ("Русский язык", "cp1252"),
    ("Le Vigne di Zamò", "mac_roman"),
    ("Blog Traffic Tip 2 – Broadcast Email", "cp1251"),
    ("Ελληνικά γράμματα", "cp1252"),
])
def test_mojibake_outside_latin_1_reaches_ftfy(text, reading):
    """UTF-8 read as cp1251 or MacRoman shows no Latin-1 character: it must still be fixed."""
    import ftfy

    broken = text.encode("utf-8").decode(reading, errors="replace")
    expected = ftfy.fix_text(broken, FTFY_CONFIG)
    assert fix_latin_mojibake(broken) == expected


def test_cyrillic_with_lost_bytes_is_not_made_chinese():
    broken = "Русский".encode().decode("cp1252", errors="replace")
    out = textmend.clean(broken)
    assert not any("\u4e00" <= c <= "\u9fff" for c in out)


def test_html_entities_stay_in_a_page_with_markup():
    # ftfy's "auto": entities are unescaped only in text without markup; textmend decides
    # for the whole document, since a line of an HTML/XML page need not hold a "<"
    page = "<p>第一段</p>\n今天到學姊家&amp;#038;大哭 R&amp;D &#29234;\n<br>"
    assert fix_latin_mojibake(page) == page
    assert fix_latin_mojibake("R&amp;D in 2024, caf\u00c3\u00a9") == "R&D in 2024, café"


@pytest.mark.parametrize("bad, good", [
    # ” is E2 80 9D; cp1252 has no 0x9D, so decoders drop it and "â€" is left
    ("Owner Maria Lopez said the team was â€œover the moonâ€ with the result.",
     "Owner Maria Lopez said the team was “over the moon” with the result."),
    ("â€œWe started with one oven and a lot of hope,â€ she said.",
     "“We started with one oven and a lot of hope,” she said."),
    ("describing it as â€œa masterclass in patienceâ€. The bakery",
     "describing it as “a masterclass in patience”. The bakery"),
    ("â€œYesâ€ and â€œnoâ€", "“Yes” and “no”"),
    ("He called it â€œthe best yearâ€", "He called it “the best year”"),
    ("the so-called â€œgreen waveâ€; critics disagree", "the so-called “green wave”; critics disagree"),
])
def test_closing_quote_that_lost_its_last_byte(bad, good):
    assert fix_latin_mojibake(bad) == good
    assert textmend.clean(bad) == good + "\n"


@pytest.mark.parametrize("text", [
    "a footnoteâ€ here",                                  # no open quote: ftfy decides (a dagger)
    "The ICR has been upgraded to â€œbb+â€? from â€œbbâ€?",  # a lossy decoder's "?": ftfy's U+FFFD
    "â€œquotedâ€\x9d and closed",                         # nothing lost
    "a dagger â€\xa0 is E2 80 A0",                        # a complete sequence
])
def test_lost_quote_restored_only_after_an_open_quote(text):
    import ftfy

    from textmend.mojibake import restore_lost_closing_quote

    assert fix_latin_mojibake(text) == ftfy.fix_text(text, FTFY_CONFIG)
    if "œ" not in text:
        assert restore_lost_closing_quote(text) == text


@pytest.mark.parametrize("clean", [
    "He said “yes” and left.", "Price: 5€ and 10€.", "naïve café — “quotes”, ‘single’",
    "中文：“你好”，再见。", "Rates rose 5% (to €3.2bn) in “Q3”.",
])
def test_lost_quote_rule_leaves_clean_text(clean):
    assert fix_latin_mojibake(clean) == clean

"""Mirror detection (textmend detect / --explain) and mirror restoration (--convert t2s)."""

from __future__ import annotations

import json

import opencc
import pytest
from click.testing import CliRunner

from textmend.cli import cli
from textmend.convert import convert
from textmend.mirror import detect_mirror, simplified_residue

from .conftest import ROOT

SIMPLIFIED = (
    "他笑着说，这里的头发干了以后，皇后在里屋干活，饼干很干。发展经济要理发，后来他随后出发。"
    "公里之外的邻里，衣服晾干了，干部不干涉。穿着衣服，看着窗外，沿着河边，接着又说，睡着了。"
    "烘干机很干净，树干很粗，能干的人不干预。白发苍苍的老人说，以后前后都要小心，这里面心里有数。"
)


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_opencc_mirror_comes_back(config):
    mirrored = opencc.OpenCC(config).convert(SIMPLIFIED)
    assert mirrored != SIMPLIFIED
    assert convert(mirrored, "t2s", restore=True) == SIMPLIFIED


def test_naive_mirror_choices_come_back():
    # what char-by-char mirror tables produce: 著 for 着, 乾/幹 for 干, 髮 for 发, 後 for 后, 裡 for 里, 瞭 for 了
    pairs = {
        "看著窗外": "看着窗外", "隨著發展": "随着发展", "乾部幹活": "干部干活", "餅乾很乾": "饼干很干",
        "頭髮理髮": "头发理发", "髮展": "发展", "皇後以後": "皇后以后", "公裡鄰裡": "公里邻里",
        "這裡心裡": "这里心里", "走瞭很遠": "走了很远", "藉錢": "借钱", "衹有": "只有", "甚麼": "什么",
    }
    for mirrored, original in pairs.items():
        assert convert(mirrored, "t2s", restore=True) == original


def test_restoration_keeps_real_traditional_words():
    for word, want in {"著名": "著名", "顯著": "显著", "乾隆": "乾隆", "乾坤": "乾坤", "瞭望": "瞭望",
                       "慰藉": "慰藉", "名著": "名著", "神祇": "神祇"}.items():
        assert convert(word, "t2s", restore=True) == want


def test_plain_t2s_is_unchanged_without_restore():
    assert convert("隨著", "t2s") == "随著"


def test_detects_seed_mirrors():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        report = detect_mirror(path.read_text(encoding="utf-8"))
        assert report.mirrored, path.name
        assert report.describe().startswith("looks like a mirrored Simplified page")


def test_residue_after_conversion():
    mirror = "我們在這里看到，11分鐘后無人機用于救治病人，開園并公布規劃，累計超過一千架次的飛行。"
    assert detect_mirror(mirror).mirrored
    assert set(simplified_residue(mirror)) == {"里", "后", "于", "并"}


def test_mirror_of_a_simplified_article_is_detected():
    news = "记者从市发改委获悉，今年一季度全市数字化信息化项目同比增长两成，软件和数据服务表现亮眼。"
    mirrored = opencc.OpenCC("s2t").convert(SIMPLIFIED + news)
    report = detect_mirror(mirrored)
    assert report.mirrored and report.terms


@pytest.mark.parametrize("lang", ["zh-hant", "zh-hans", "en"])
def test_genuine_pages_are_not_mirrors(lang):
    names = [p for p in sorted((ROOT / "fixtures" / "pages" / lang).glob("*.txt")) if "mirror" not in p.name]
    for path in names:
        assert not detect_mirror(path.read_text(encoding="utf-8")).mirrored, path.name


def test_clean_controls_are_not_mirrors():
    for path in sorted((ROOT / "fixtures" / "clean").glob("*.txt")):
        assert not detect_mirror(path.read_text(encoding="utf-8")).mirrored, path.name


def test_detect_cli_says_so():
    seed = str(ROOT / "seeds" / "000_307aeec48837dc14.txt")
    genuine = str(ROOT / "fixtures" / "pages" / "zh-hant" / "c01-tw-copyright.txt")
    r = CliRunner().invoke(cli, ["detect", "--json", seed, genuine])
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [row["mirrored_simplified"] for row in rows] == [True, False]
    assert rows[0]["mirror"].startswith("looks like a mirrored Simplified page")


def _simplified_pages():
    paths = [*sorted((ROOT / "fixtures" / "pages" / "zh-hans").glob("*.txt")),
             *sorted((ROOT / "fixtures" / "pages-holdout" / "zh-hans").glob("*.txt")),
             *sorted(ROOT.glob("fixtures/0*.txt"))]
    # a page that quotes a Traditional word (a "繁體" link) cannot come back from a mirror
    return [p.read_text(encoding="utf-8") for p in paths if "繁體" not in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_mirrored_simplified_pages_come_back_exactly(config):
    conv = opencc.OpenCC(config)
    pages = _simplified_pages()
    assert len(pages) >= 15
    for text in pages:
        assert convert(conv.convert(text), "t2s", restore=True) == text


def test_taiwan_phrased_mirror_comes_back_with_tw2sp():
    conv = opencc.OpenCC("s2twp")
    pages = _simplified_pages()
    total = sum(len(t) for t in pages)
    diff = {cfg: 0 for cfg in ("t2s", "tw2sp")}
    for text in pages:
        mirrored = conv.convert(text)
        for cfg in diff:
            back = convert(mirrored, cfg, restore=True)
            diff[cfg] += sum(a != b for a, b in zip(text, back)) + abs(len(text) - len(back))
    assert diff["tw2sp"] < 0.01 * total < diff["t2s"]

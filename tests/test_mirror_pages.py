"""End to end: a clean Simplified article, mirrored the way Traditional mirror sites do it,
comes back byte for byte through `textmend clean --convert t2s`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import textmend
from textmend.cli import cli

from .conftest import ROOT
from .mirror import mirror

ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*.txt")) + [ROOT / "fixtures" / "clean" / "zh_hans_news.txt"]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_mirrored_article_restored(path, seed):
    article = path.read_text(encoding="utf-8")
    damaged = mirror(article, seed)
    assert damaged != article
    assert textmend.clean(damaged, convert="t2s") == article


@pytest.mark.parametrize("path", ARTICLES[:2], ids=lambda p: p.name)
def test_mirrored_article_in_gb18030_and_big5_via_cli(path, tmp_path):
    article = path.read_text(encoding="utf-8")
    damaged = mirror(article, 1)
    for codec in ("gb18030", "big5"):
        try:
            data = damaged.encode(codec)
        except UnicodeEncodeError:
            continue
        f = tmp_path / f"page.{codec}.txt"
        f.write_bytes(data)
        r = CliRunner().invoke(cli, ["clean", "--convert", "t2s", "--encoding", codec, str(f)])
        assert r.exit_code == 0, r.stderr
        assert r.stdout == article

"""Batch mode: directory mirrors, failures, --in-place/--backup, --resume, the report."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from textmend import clean
from textmend.batch import BatchOptions, discover, run, summarize
from textmend.cli import cli

ROOT = Path(__file__).resolve().parent.parent
GB_TEXT = "江蘇蘇州:孕育新質生產力,推動高品質發展。\n這是一段簡單的中文文本,沒有任何問題。\n"
CLEAN_EN = "A plain English paragraph, with numbers 3.14 and a URL https://example.com/a?b=1.\n"
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"


def run_cli(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def tree(tmp_path):
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    (src / "c").mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (src / "a" / "b" / seed.name).write_bytes(seed.read_bytes())
    (src / "c" / "gb.txt").write_bytes(GB_TEXT.encode("gb18030"))
    (src / "c" / "image.png").write_bytes(BINARY)
    (src / "en.txt").write_text(CLEAN_EN, encoding="utf-8")
    return src


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_mirror_tree_report_and_exit_code(tree, tmp_path):
    before = snapshot(tree)
    out, report = tmp_path / "out", tmp_path / "report.json"
    r = run_cli("clean", str(tree), "-o", str(out), "-c", "t2s", "-j", "2", "--report", str(report))
    assert r.exit_code == 1  # the binary file failed
    assert snapshot(tree) == before  # inputs untouched
    written = snapshot(out)
    assert sorted(written) == ["a/b/" + p.name for p in sorted((ROOT / "seeds").glob("*.txt"))] + [
        "c/gb.txt", "en.txt"]
    for seed in (ROOT / "seeds").glob("*.txt"):
        assert written["a/b/" + seed.name] == (ROOT / "fixtures" / seed.name).read_bytes()
    assert written["c/gb.txt"].decode("utf-8") == clean(GB_TEXT.encode("gb18030"), convert="t2s")
    assert written["en.txt"] == CLEAN_EN.encode()
    assert "image.png" in r.stderr and "binary" in r.stderr
    assert not list(out.rglob(".*.tmp"))
    doc = json.loads(report.read_text(encoding="utf-8"))
    rows = {Path(f["path"]).name: f for f in doc["files"]}
    assert rows["image.png"]["status"] == "failed" and "binary" in rows["image.png"]["error"]
    assert rows["gb.txt"]["encoding"] == "gb18030" and rows["gb.txt"]["changes"]["convert"] >= 1
    assert rows["en.txt"]["status"] == "unchanged" and rows["en.txt"]["changes"] == {}
    assert doc["summary"]["failed"] == 1 and doc["summary"]["files"] == 5
    assert doc["summary"]["encodings"]["gb18030"] == 1
    assert doc["summary"]["bytes_in"] == sum(len(b) for b in before.values())
    assert "summary" in r.stderr and "gb18030" in r.stderr


def test_all_good_exits_zero_and_jobs_agree(tree, tmp_path):
    (tree / "c" / "image.png").unlink()
    assert run_cli("clean", str(tree), "-o", str(tmp_path / "o1"), "-j", "1").exit_code == 0
    assert run_cli("clean", str(tree), "-o", str(tmp_path / "o2"), "-j", "2").exit_code == 0
    assert snapshot(tmp_path / "o1") == snapshot(tmp_path / "o2")


def test_glob_and_exclude(tree, tmp_path):
    run_cli("clean", str(tree), "-o", str(tmp_path / "g"), "--glob", "*.txt", "--exclude", "a")
    assert sorted(snapshot(tmp_path / "g")) == ["c/gb.txt", "en.txt"]


def test_in_place_with_backup(tree):
    gb = tree / "c" / "gb.txt"
    original = gb.read_bytes()
    en_before = (tree / "en.txt").read_bytes()
    r = run_cli("clean", str(tree / "c"), "--in-place", "--backup", ".orig")
    assert r.exit_code == 1  # the binary file is still there
    assert (tree / "c" / "gb.txt.orig").read_bytes() == original
    assert gb.read_bytes().decode("utf-8") == clean(original)
    assert (tree / "c" / "image.png").read_bytes() == BINARY
    assert not (tree / "c" / "image.png.orig").exists()
    assert (tree / "en.txt").read_bytes() == en_before  # outside the folder given


def test_in_place_unchanged_file_is_not_rewritten(tmp_path):
    p = tmp_path / "en.txt"
    p.write_text(CLEAN_EN)
    os.utime(p, (1_000_000, 1_000_000))
    assert run_cli("clean", str(tmp_path), "--in-place", "--backup", ".bak").exit_code == 0
    assert p.stat().st_mtime == 1_000_000 and not (tmp_path / "en.txt.bak").exists()


def test_resume_skips_done_files(tree, tmp_path):
    out = tmp_path / "out"
    run_cli("clean", str(tree), "-o", str(out))
    marker = out / "c" / "gb.txt"
    marker.write_bytes(b"left alone")
    os.utime(marker, (os.stat(tree / "c" / "gb.txt").st_mtime + 10,) * 2)
    (out / "en.txt").unlink()
    report = tmp_path / "r.json"
    run_cli("clean", str(tree), "-o", str(out), "--resume", "--report", str(report))
    assert marker.read_bytes() == b"left alone"
    assert (out / "en.txt").read_bytes() == CLEAN_EN.encode()
    statuses = {Path(f["path"]).name: f["status"] for f in json.loads(report.read_text())["files"]}
    assert statuses["gb.txt"] == "skipped" and statuses["en.txt"] == "unchanged"
    assert statuses["image.png"] == "failed"  # never done, tried again


def test_strict_fails_on_undecodable_bytes(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "bad.txt").write_bytes("中文".encode() + b"\xff\xfe\xfa" + "文本".encode())
    r = run_cli("clean", str(d), "-o", str(tmp_path / "o"), "--strict", "--encoding", "utf-8")
    assert r.exit_code == 1 and "bad.txt" in r.stderr
    assert not (tmp_path / "o" / "bad.txt").exists()
    r = run_cli("clean", str(d), "-o", str(tmp_path / "o2"), "--encoding", "utf-8")
    assert r.exit_code == 0 and (tmp_path / "o2" / "bad.txt").exists()


def test_usage_errors(tree, tmp_path):
    assert run_cli("clean", str(tree)).exit_code == 2
    assert run_cli("clean", str(tree), "-o", str(tree)).exit_code == 2
    assert run_cli("clean", str(tree), "-o", str(tmp_path / "o"), "--backup", ".b").exit_code == 2
    assert run_cli("clean", str(tree), "--in-place", "-o", str(tmp_path / "o")).exit_code == 2


def test_several_roots_keep_their_names(tree, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "en.txt").write_text(CLEAN_EN)
    tasks = discover([str(tree), str(other)], str(tmp_path / "o"), globs=["en.txt"])
    assert sorted(t.rel for t in tasks) == ["in/en.txt", "other/en.txt"]


def test_library_run_and_summary(tree, tmp_path):
    tasks = discover([str(tree)], str(tmp_path / "o"))
    results = run(tasks, BatchOptions(), jobs=1)
    s = summarize(results)
    assert s["files"] == len(tasks) == 5 and s["failed"] == 1
    assert [r.path for r in results] == [t.src for t in tasks]

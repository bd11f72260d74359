"""textmend diff (under a real pseudo-terminal), --check, and per-filter counts."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from collections import Counter

from click.testing import CliRunner

from textmend.cli import cli
from textmend.diffview import _visible, summary, trace
from textmend.pipeline import Pipeline

from .conftest import ROOT

SEED = ROOT / "seeds" / "001_abc79d6f08d23004.txt"
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_in_pty(args: list[str], cols: int = 160, rows: int = 50, timeout: float = 60.0) -> str:
    """Run ``python -m textmend ARGS`` with stdout on a pseudo-terminal; return what it wrote."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES", "TERM")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen([sys.executable, "-m", "textmend", *args], stdin=slave, stdout=slave, stderr=slave,
                            env=env, cwd=ROOT, close_fds=True)
    os.close(slave)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], timeout)
            if not ready:
                proc.kill()
                raise AssertionError("textmend diff timed out in the pty")
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
        proc.wait(timeout=timeout)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")


def test_diff_in_a_terminal_shows_every_change_inline():
    raw = run_in_pty(["diff", "--inline", str(SEED), "--convert", "t2s"])
    assert "\x1b[" in raw  # coloured: rich saw a terminal
    out = ANSI_RE.sub("", raw)
    tr = trace(SEED.read_text(encoding="utf-8"), Pipeline.default("t2s"))
    changed = [r for r in tr.rows if r.changed]
    assert changed
    for r in changed:
        shown = r.new if r.new is not None else r.old
        assert _visible(shown) in out, f"row {r.old_no} not shown"
        for name in r.filters:
            assert name in out
    for name in tr.counts():
        assert f"{name} " in out
    assert "looks like a mirrored Simplified page" in out


def test_diff_in_a_terminal_side_by_side():
    out = ANSI_RE.sub("", run_in_pty(["diff", str(SEED), "--convert", "t2s"], cols=160))
    assert "┃ before" in out and "after" in out and "filter" in out
    assert "strip" in out and "pinyin" in out and "convert" in out


def test_trace_attributes_lines_to_filters():
    text = "首頁 > 熱點 > 正文\n這是正文,很長很長的一段話,還有更多內容。\n\n\n\n第二段也很長，很長很長的一段話。\n"
    tr = trace(text, Pipeline.default("t2s"))
    assert tr.after == Pipeline.default("t2s").run(text)
    rows = {r.old_no: r for r in tr.rows}
    assert rows[1].new is None and rows[1].filters == ("strip",)
    assert rows[2].filters == ("punctuation", "convert")
    assert rows[6].new == "第二段也很长，很长很长的一段话。"
    unchanged = "Already clean text.\n"
    assert [r for r in trace(unchanged, Pipeline.default()).rows if r.changed] == []


def test_summary_order():
    assert summary(Counter({"convert": 1, "pinyin": 2, "strip": 3})) == "pinyin 2, strip 3, convert 1"


def test_check_exit_codes(tmp_path):
    clean_file = tmp_path / "ok.txt"
    clean_file.write_text("Already clean text.\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("返回顶部\n这是正文,很长很长的一段话,还有更多内容。\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["clean", "--check", str(clean_file)])
    assert r.exit_code == 0 and r.stdout == ""
    r = CliRunner().invoke(cli, ["clean", "--check", str(clean_file), str(dirty)])
    assert r.exit_code == 1 and r.stdout == ""
    assert f"would change: {dirty} (strip 1, punctuation 2)" in r.stderr
    assert dirty.read_text(encoding="utf-8").startswith("返回顶部")  # nothing written


def test_explain_header_has_per_filter_counts(tmp_path):
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("返回顶部\n这是正文,很长很长的一段话,还有更多内容。\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["clean", "--explain", str(dirty)])
    assert "3 change(s) (strip 1, punctuation 2)" in r.stderr
    r = CliRunner().invoke(cli, ["clean", "--explain-json", str(dirty)])
    filters = [json.loads(x)["filter"] for x in r.stderr.splitlines()]
    assert filters == ["strip", "punctuation", "punctuation"]


def test_explain_notes_a_mirrored_page():
    r = CliRunner().invoke(cli, ["clean", "--explain-json", "--convert", "t2s", str(SEED)])
    notes = [json.loads(x) for x in r.stderr.splitlines() if '"mirror"' in x]
    assert len(notes) == 1 and notes[0]["before"] == notes[0]["after"] == ""
    assert notes[0]["note"].startswith("looks like a mirrored Simplified page")


def test_diff_bad_input_names_the_file(tmp_path):
    r = CliRunner().invoke(cli, ["diff", str(tmp_path / "missing.txt")])
    assert r.exit_code == 1 and "missing.txt" in r.stderr


def test_explain_prints_the_mirror_finding_as_a_note_not_a_change():
    r = CliRunner().invoke(cli, ["clean", "--explain", "--convert", "t2s", str(SEED)])
    assert "note: looks like a mirrored Simplified page" in r.stderr
    header = r.stderr.splitlines()[0]
    assert "mirror" not in header and "pinyin" in header

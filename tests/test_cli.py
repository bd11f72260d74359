from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from textmend import __version__
from textmend.cli import cli


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_version_and_module_entry():
    assert __version__ in run("--version").output
    out = subprocess.run([sys.executable, "-m", "textmend", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout


def test_filters_lists_every_filter_in_order():
    lines = run("filters").output.splitlines()
    names = [line.split()[0] for line in lines]
    assert names[:9] == ["mojibake", "cjk-mojibake", "pinyin", "dropped-byte", "strip", "unicode", "punctuation",
                         "whitespace", "layout"]
    assert "convert" in names


def test_clean_stdin_to_stdout():
    r = run("clean", input="江蘇蘇州:孕育新質生產力\n".encode())
    assert r.exit_code == 0
    assert r.stdout == "江蘇蘇州：孕育新質生產力\n"


def test_clean_convert_and_output_file(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("隨著新能源的發展,蘇州(園區)\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    r = run("clean", "--convert", "t2s", str(src), "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8") == "随着新能源的发展，苏州（园区）\n"
    assert src.read_text(encoding="utf-8") == "隨著新能源的發展,蘇州(園區)\n"  # input untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_no_restore_gives_plain_opencc(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("隨著\n", encoding="utf-8")
    assert run("clean", "--convert", "t2s", "--no-restore", str(src)).stdout == "随著\n"


def test_failed_input_is_named_and_others_still_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("好,的\n", encoding="utf-8")
    binary = tmp_path / "img.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "missing.txt"
    r = run("clean", str(missing), str(binary), str(good))
    assert r.exit_code == 1
    assert r.stdout == "好，的\n"
    errors = r.stderr.strip().splitlines()
    assert len(errors) == 2
    assert str(missing) in errors[0] and "no such file" in errors[0]
    assert str(binary) in errors[1] and "binary" in errors[1]
    assert "Traceback" not in r.stderr


def test_explain_human_readable():
    r = run("clean", "--explain", input="首頁 > 熱點 > 正文\n江蘇:蘇州\n".encode())
    assert r.exit_code == 0
    assert r.stdout == "江蘇：蘇州\n"
    assert "strip" in r.stderr and "punctuation" in r.stderr


def test_explain_json():
    r = run("clean", "--explain-json", input="江蘇:蘇州\n".encode())
    rows = [json.loads(line) for line in r.stderr.splitlines()]
    assert rows == [{"file": "<stdin>", "filter": "punctuation", "line": 1, "before": ":", "after": "：",
                     "note": ""}]


def test_skip_and_unknown_filter():
    assert run("clean", "--skip", "punctuation", input="江蘇:蘇州\n".encode()).stdout == "江蘇:蘇州\n"
    r = run("clean", "--skip", "nope", input=b"x")
    assert r.exit_code == 2 and "unknown filter" in r.output


def test_encoding_options(tmp_path):
    src = tmp_path / "gbk.txt"
    src.write_bytes("中文文本，編碼測試。\n".encode("gb18030"))
    r = run("clean", "--encoding", "gb18030", "--output-encoding", "big5", str(src))
    assert r.exit_code == 0
    assert r.stdout_bytes.decode("big5") == "中文文本，編碼測試。\n"


def test_output_encoding_that_cannot_encode_is_an_error(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("中文\n", encoding="utf-8")
    r = run("clean", "--output-encoding", "ascii", str(src))
    assert r.exit_code == 1 and "cannot encode" in r.stderr and str(src) in r.stderr


def test_convert_command(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("發展軟件\n", encoding="utf-8")
    assert run("convert", "-c", "t2s", str(src)).stdout == "发展软件\n"


def test_detect_command_json(tmp_path):
    src = tmp_path / "a.txt"
    src.write_bytes("中文".encode())
    rows = [json.loads(line) for line in run("detect", "--json", str(src)).stdout.splitlines()]
    assert rows[0]["path"] == str(src) and rows[0]["encoding"] == "utf-8"


def test_directory_argument_is_explained(tmp_path):
    r = run("clean", str(tmp_path))
    assert r.exit_code != 0
    assert str(tmp_path) in (r.stderr + r.output)


def test_real_process_pipe(tmp_path):
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-m", "textmend", "clean", "--convert", "t2s"],
                         input="蘇州(園區)".encode(), capture_output=True, env=env)
    assert out.returncode == 0 and out.stdout.decode() == "苏州（园区）\n"

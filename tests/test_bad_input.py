"""Bad input table: each case gives one clear line naming the path, a documented exit code
(README "Exit codes"), no traceback, and no partial output or temporary file left behind."""

from __future__ import annotations

import codecs
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import textmend
from textmend import cli as cli_module
from textmend.cli import cli
from textmend.io import InputError, read_input, write_atomic

ZH = "江蘇蘇州：孕育新質生產力，推動高品質發展。這是一段簡單的中文文本，沒有任何問題。\n"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, ["clean", *args], input=input)


def assert_one_line_error(result, path: str, code: int = 1) -> str:
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"textmend: error: {path}: "), lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# --- inputs --------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    r = run(str(p))
    assert r.exit_code == 0 and r.stdout_bytes == b"" and r.stderr == ""


def test_random_binary(tmp_path):
    p = tmp_path / "noise.bin"
    p.write_bytes(random.Random(7).randbytes(4096))
    r = run(str(p))
    assert "binary" in assert_one_line_error(r, str(p))
    assert r.stdout_bytes == b""


def test_nul_bytes_in_text_are_refused_with_the_path(tmp_path):
    p = tmp_path / "nul.txt"
    p.write_bytes(ZH.encode() + b"\x00\x00" + ZH.encode())
    assert "binary" in assert_one_line_error(run(str(p)), str(p))


def test_other_inputs_still_processed_after_a_bad_one(tmp_path):
    bad, good = tmp_path / "bad.bin", tmp_path / "good.txt"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    good.write_text(ZH, encoding="utf-8")
    r = run(str(bad), str(good))
    assert r.exit_code == 1 and r.stdout_bytes.decode("utf-8") == ZH
    assert r.stderr.count("textmend: error:") == 1 and str(bad) in r.stderr


def test_truncated_utf16_keeps_all_text_and_marks_the_cut(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + "中文測試，一二三".encode("utf-16-le")[:-1])
    r = run(str(p))
    assert r.exit_code == 0
    # the cut-off character is U+FFFD; what comes before it is not "repaired" (a truncated
    # file is not a GBK run shifted by a lost byte)
    assert r.stdout_bytes.decode("utf-8") == "中文測試，一二\ufffd\n"


def test_utf8_with_a_stray_byte_keeps_its_text_and_strict_refuses_it(tmp_path):
    p = tmp_path / "stray.txt"
    data = ZH.encode() * 3
    at = data.index("，".encode())  # (between two characters: none of them is lost)
    p.write_bytes(data[:at] + b"\xff" + data[at:])
    r = run(str(p))
    assert r.exit_code == 0
    assert r.stdout.replace("\ufffd", "") == ZH * 3
    assert "not valid UTF-8" in assert_one_line_error(run("--strict", str(p)), str(p))


def test_five_megabyte_single_line(tmp_path):
    line = "Revenue rose 3.5% to $1,299 (up from 1,255): see https://example.com/q?id=1; ok! "
    data = (line * (5_000_000 // len(line) + 1)).encode()[:5_000_000]
    p = tmp_path / "long.txt"
    p.write_bytes(data)
    r = run(str(p))
    assert r.exit_code == 0
    assert r.stdout_bytes.rstrip() == data.rstrip()


def test_long_chinese_single_line():
    """A long line of Chinese prose (no line breaks at all) is cleaned, and unchanged."""
    text = ZH.strip() * 3000  # ~110,000 characters
    assert textmend.clean(text) == text + "\n"


def test_nonexistent_path(tmp_path):
    p = tmp_path / "missing.txt"
    assert "no such file" in assert_one_line_error(run(str(p)), str(p))


def test_path_through_a_file_is_unreadable(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("x")
    p = f / "inside.txt"
    assert "Not a directory" in assert_one_line_error(run(str(p)), str(p))


def test_device_is_refused(tmp_path):
    assert "not a regular file" in assert_one_line_error(run("/dev/zero"), "/dev/zero")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode (chmod cannot deny it)")
def test_unreadable_file_and_directory(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text(ZH)
    f.chmod(0)
    assert "permission denied" in assert_one_line_error(run(str(f)), str(f))
    d = tmp_path / "locked"
    d.mkdir()
    (d / "a.txt").write_text(ZH)
    d.chmod(0)
    try:
        p = d / "a.txt"
        assert "permission denied" in assert_one_line_error(run(str(p)), str(p))
    finally:
        d.chmod(0o755)


def test_max_bytes_guard(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(ZH * 10, encoding="utf-8")
    msg = assert_one_line_error(run("--max-bytes", "100", str(p)), str(p))
    assert "over the limit of 100" in msg and "--max-bytes" in msg
    assert run("--max-bytes", str(p.stat().st_size), str(p)).exit_code == 0
    with pytest.raises(InputError, match="more than 100 bytes"):  # stdin is bounded too
        import io as _io
        sys_stdin = sys.stdin
        try:
            sys.stdin = _io.TextIOWrapper(_io.BytesIO((ZH * 10).encode()))
            read_input("-", max_bytes=100)
        finally:
            sys.stdin = sys_stdin


def test_file_that_grows_while_read(tmp_path):
    """A FIFO: stat() says 0 bytes, the reader gets more; the limit holds on what is read."""
    fifo = tmp_path / "grows"
    os.mkfifo(fifo)
    payload = ZH.encode() * 40

    def writer():
        with open(fifo, "wb") as f:
            f.write(payload)

    t = threading.Thread(target=writer)
    t.start()
    try:
        with pytest.raises(InputError, match="more than 1000 bytes"):
            read_input(str(fifo), max_bytes=1000)
    finally:
        t.join(timeout=10)
    # and a pipe under the limit is read whole (process substitution: textmend clean <(cmd))
    t = threading.Thread(target=writer)
    t.start()
    assert read_input(str(fifo)) == payload
    t.join(timeout=10)


def test_file_that_shrinks_while_read(tmp_path, monkeypatch):
    """stat() saw a bigger file than the one read: what is there is cleaned, nothing invented."""
    p = tmp_path / "shrinks.txt"
    p.write_text(ZH, encoding="utf-8")
    real_stat = Path.stat

    def big_stat(self, *a, **k):
        st = real_stat(self, *a, **k)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                               st.st_size * 10, st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(Path, "stat", big_stat)
    assert read_input(str(p)) == ZH.encode()


# --- outputs -------------------------------------------------------------------------------


@pytest.fixture
def src(tmp_path) -> Path:
    p = tmp_path / "in.txt"
    p.write_text(ZH, encoding="utf-8")
    return p


def test_output_in_nonexistent_folder(tmp_path, src):
    out = tmp_path / "no" / "such" / "out.txt"
    assert "cannot write" in assert_one_line_error(run("-o", str(out), str(src)), str(out))
    assert not (tmp_path / "no").exists()


def test_output_through_a_file(tmp_path, src):
    out = src / "out.txt"
    assert "cannot write" in assert_one_line_error(run("-o", str(out), str(src)), str(out))


def test_output_in_read_only_place(tmp_path, src):
    # /proc refuses new files even to root (chmod would not stop root)
    out = "/proc/textmend-test-out.txt"
    assert "cannot write" in assert_one_line_error(run("-o", out, str(src)), out)
    assert not os.path.exists(out)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders (chmod cannot deny it)")
def test_output_in_read_only_folder(tmp_path, src):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        out = ro / "out.txt"
        assert "cannot write" in assert_one_line_error(run("-o", str(out), str(src)), str(out))
        assert list(ro.iterdir()) == []
    finally:
        ro.chmod(0o755)


def test_interrupted_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "out.txt"
    out.write_bytes(b"old\n")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, b"new text that must not appear half-written\n")
    assert out.read_bytes() == b"old\n"
    assert no_temp_files(tmp_path)


# --- internal errors: one line, traceback only with --debug ---------------------------------


def _boom(self, text, edits=None):
    raise RuntimeError("boom")


def test_internal_error_names_the_file_and_goes_on(tmp_path, src, monkeypatch):
    from textmend.normalize import Layout

    monkeypatch.setattr(Layout, "apply", _boom)
    r = run(str(src), str(src))
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2 and all(f"{src}: internal error: RuntimeError: boom" in x for x in lines)
    assert "--debug" in lines[0] and "Traceback" not in r.stderr


def test_debug_shows_the_traceback(src, monkeypatch):
    from textmend.normalize import Layout

    monkeypatch.setattr(Layout, "apply", _boom)
    r = CliRunner().invoke(cli, ["--debug", "clean", str(src)])
    assert isinstance(r.exception, RuntimeError)
    CliRunner().invoke(cli, ["clean", str(src)])  # and --debug does not stick
    assert cli_module.DEBUG is False


def test_main_internal_error_exit_code_3(monkeypatch, capsys, src):
    import click

    def broken(*a, **k):
        raise RuntimeError("no pipeline")

    monkeypatch.setattr(click.Group, "invoke", broken)
    monkeypatch.setattr(sys, "argv", ["textmend", "clean", str(src)])
    with pytest.raises(SystemExit) as exc:
        cli_module.main()
    assert exc.value.code == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["textmend: error: internal error: RuntimeError: no pipeline (run with --debug for the traceback)"]


def test_main_keeps_usage_errors_at_2(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["textmend", "clean", "--no-such-option"])
    with pytest.raises(SystemExit) as exc:
        cli_module.main()
    assert exc.value.code == 2


# --- Ctrl-C ----------------------------------------------------------------------------------


def _textmend(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "textmend", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def _interrupt_when_started(proc: subprocess.Popen, started, settle: float = 0.3,
                            timeout: float = 60, group: bool = True) -> tuple[int, str]:
    """Wait until ``started()`` (the run is under way) and ``settle`` seconds more, then
    Ctrl-C the process group (as a terminal does), or with ``group=False`` send SIGINT to
    the textmend process alone (``kill -INT PID`` from another shell)."""
    t0 = time.monotonic()
    while not started() and proc.poll() is None and time.monotonic() - t0 < timeout:
        time.sleep(0.05)
    time.sleep(settle)
    if group:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err.decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX signals")
def test_ctrl_c_while_reading_leaves_no_output(tmp_path):
    out = tmp_path / "clean.txt"
    proc = subprocess.Popen([sys.executable, "-m", "textmend", "clean", "-o", str(out), "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    proc.stdin.write(ZH.encode() * 100)  # stdin stays open: the run waits for more
    proc.stdin.flush()
    code, err = _interrupt_when_started(proc, lambda: True, settle=2.0)
    assert code == 130, err
    assert err.strip().splitlines() == ["textmend: error: interrupted; no partial output was left"]
    assert not out.exists() and no_temp_files(tmp_path)


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX signals")
def test_ctrl_c_while_cleaning_leaves_no_partial_output(tmp_path):
    src = tmp_path / "big.txt"
    doc = "".join(f"第{i}段：{ZH}" for i in range(40000))  # a few seconds of work
    src.write_text(doc, encoding="utf-8")
    out = tmp_path / "clean.txt"
    proc = _textmend("clean", "-o", str(out), str(src))
    code, err = _interrupt_when_started(proc, lambda: True, settle=2.0)
    assert no_temp_files(tmp_path)
    if code == 130:  # interrupted while cleaning (the usual case)
        assert err.strip().splitlines() == ["textmend: error: interrupted; no partial output was left"]
        assert not out.exists()
    else:  # the machine was fast: it finished first, and the output is whole
        assert code == 0, err
        assert out.read_text(encoding="utf-8") == textmend.clean(doc)


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX signals")
def test_sigterm_during_an_atomic_write_waits_for_the_write(tmp_path):
    """A batch worker stopped by Pool.terminate() (SIGTERM, default action: no Python code
    runs) in the middle of write_atomic: the write finishes first, then the signal acts."""
    out = tmp_path / "out.txt"
    script = f"""
import os, signal
from textmend.io import write_atomic
real_fsync = os.fsync
def fsync(fd):
    os.kill(os.getpid(), signal.SIGTERM)  # arrives while the temporary file exists
    real_fsync(fd)
os.fsync = fsync
write_atomic({str(out)!r}, b"complete\\n" * 1000)
print("not reached: SIGTERM acts once the write is done")
"""
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert r.returncode == -signal.SIGTERM, (r.returncode, r.stdout, r.stderr)
    assert out.read_bytes() == b"complete\n" * 1000
    assert no_temp_files(tmp_path)


# --- Ctrl-C during a batch (workers) ---------------------------------------------------------

BATCH_FILES = 300


def _batch_docs() -> list[str]:
    """Four documents with something to clean (so an output is not just a copy of its input)."""
    bad = "江蘇蘇州:孕育新質生產力,推動高品質發展!   這是一段文本  \r\n"
    docs = ["".join(f"第{v}-{j}段：{ZH if j % 3 else bad}" for j in range(400)) for v in range(4)]
    assert all(textmend.clean(d) != d for d in docs)
    return docs


def _children(pid: int) -> set[int]:
    kids = set()
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            kids.add(int(stat_file.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has exited (it waits for its new parent to reap it)


def _ctrl_c_batch(tmp_path: Path, group: bool) -> None:
    src, dst = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    docs = _batch_docs()
    for i in range(BATCH_FILES):
        (src / f"{i:03d}.txt").write_text(docs[i % 4], encoding="utf-8")
    workers: set[int] = set()

    def started() -> bool:
        if dst.exists() and any(dst.iterdir()):  # files are being written: the pool is up
            workers.update(_children(proc.pid))
            return True
        return False

    proc = _textmend("clean", "-j", "2", "-o", str(dst), str(src))
    code, err = _interrupt_when_started(proc, started, group=group)
    assert code == 130, err
    assert "Traceback" not in err
    errors = [x for x in err.splitlines() if x.startswith("textmend: error:")]
    assert errors == ["textmend: error: interrupted; no partial output was left"], err
    assert err.strip().splitlines()[-1] == errors[0]
    # the workers were stopped with the run: none is left running, and nothing more is written
    assert len(workers) == 2, workers
    time.sleep(0.5)
    assert not [w for w in workers if _alive(w)]
    names = sorted(p.name for p in dst.iterdir())
    assert not [n for n in names if n.endswith(".tmp")], names  # write_atomic's .NAME.XXXX.tmp
    assert no_temp_files(tmp_path)
    assert 0 < len(names) < BATCH_FILES, "the batch finished before the interrupt: make it longer"
    time.sleep(0.5)
    assert sorted(p.name for p in dst.iterdir()) == names
    expected = [textmend.clean(d).encode("utf-8") for d in docs]
    for name in names:  # every output there is whole
        assert (dst / name).read_bytes() == expected[int(name[:3]) % 4], name


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux /proc (worker processes)")
def test_ctrl_c_during_batch_leaves_only_complete_outputs(tmp_path):
    """Ctrl-C at a terminal: SIGINT to the whole process group, parent and workers."""
    _ctrl_c_batch(tmp_path, group=True)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux /proc (worker processes)")
def test_sigint_to_the_batch_parent_alone_stops_the_workers(tmp_path):
    """``kill -INT PID``: only the parent gets the signal; it still stops its workers."""
    _ctrl_c_batch(tmp_path, group=False)

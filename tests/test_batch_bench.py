"""bench/batch.py: the generated tree and large file are what the figures claim (no timings asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import batch as bench_batch  # noqa: E402

from textmend.batch import BatchOptions, discover, run  # noqa: E402


def test_tree_is_deterministic_nested_and_mixed(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    files, size = bench_batch.make_tree(a, 30)
    assert bench_batch.make_tree(b, 30) == (files, size)
    paths = sorted(p.relative_to(a).as_posix() for p in a.rglob("*.txt"))
    assert len(paths) == files == 30
    assert all(p.count("/") == 2 for p in paths)
    assert sum((a / p).stat().st_size for p in paths) == size
    for p in paths:
        assert (a / p).read_bytes() == (b / p).read_bytes()
    tasks = discover([str(a)], str(tmp_path / "out"))
    results = run(tasks, BatchOptions(), jobs=1)
    assert all(r.status != "failed" for r in results)
    encodings = {r.encoding for r in results}
    assert "utf-8" in encodings and len(encodings) >= 3  # GB18030, Big5, cp1252 and UTF-8 documents


def test_big_file_has_the_asked_size_and_paragraphs(tmp_path):
    p = tmp_path / "big.txt"
    n = bench_batch.make_big(p, 300_000)
    data = p.read_bytes()
    assert len(data) == n and 250_000 < n <= 300_000
    assert data.endswith(b"\n\n") and data.count(b"\n\n") > 50
    data.decode("utf-8")


def test_child_peak_measures_the_child_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    (tmp_path / "grab.py").write_text("b = bytearray(64 << 20)\nb[::4096] = b'x' * len(b[::4096])\n")
    (tmp_path / "idle.py").write_text("pass\n")
    sys.path.insert(0, str(tmp_path))
    try:
        peak, seconds, rc = bench_batch.child_peak("grab", [])
        small, _, _ = bench_batch.child_peak("idle", [])
    finally:
        sys.path.remove(str(tmp_path))
    assert rc == 0 and seconds > 0
    assert peak - small > 50 << 20

"""Batch benchmark: files/s and MB/s of ``textmend.batch`` for 1, 2 and N worker processes,
and the peak memory of ``textmend clean`` on one large file.

    python bench/batch.py --quick          # 400 files, a 16 MB single file
    python bench/batch.py                  # 2,000 files, a 100 MB single file
    python bench/batch.py --big-mb 1024    # the 1 GB single file of the issue (needs the RAM)

The tree is generated deterministically from :mod:`corpora` (GB18030, Big5, mirrored
pages, cp1252 mojibake and clean UTF-8 documents, round robin) into nested folders, and
cleaned with :func:`textmend.batch.run` into a fresh output folder for each job count
(best of ``--repeat`` runs; the first run also warms the page cache). N is the number
of cores this process may use. The large file (clean and damaged UTF-8 paragraphs) is
cleaned by ``python -m textmend clean BIG -o OUT`` in a child process; its peak resident
memory is the child's own high-water mark (VmHWM, Linux), next to that of ``textmend --version``
(the baseline: interpreter and imports). Nothing here is asserted: figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpora  # noqa: E402

from textmend.batch import BatchOptions, discover, run  # noqa: E402

MB = 1 << 20


def make_tree(root: Path, n_files: int) -> tuple[int, int]:
    """Write ``n_files`` documents under ``root`` in nested folders; returns (files, bytes).

    Deterministic: the same ``n_files`` always gives the same tree.
    """
    per_doc = 3400  # the corpora's documents average about 3.3 KB
    cs = corpora.build(max(20_000, n_files * per_doc // 5 + 20_000))
    pools = [c.cases for c in cs]
    total = 0
    for i in range(n_files):
        pool = pools[i % len(pools)]
        case = pool[(i // len(pools)) % len(pool)]
        p = root / f"d{i % 10}" / f"e{(i // 10) % 10}" / f"{i:05d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(case.data)
        total += len(case.data)
    return n_files, total


def make_big(path: Path, size: int) -> int:
    """Write a UTF-8 file of about ``size`` bytes: paragraphs of clean and damaged text
    (full-width commas in English, Traditional and Simplified Chinese, Latin-1 mojibake),
    written piece by piece so this process stays small."""
    cs = corpora.build(200_000)
    paras: list[bytes] = []
    for c in cs:
        for case in c.cases[:40]:
            try:
                paras.append(case.data.decode("utf-8").encode("utf-8"))
            except UnicodeDecodeError:
                paras.append(case.expected.encode("utf-8"))
    block = b"\n\n".join(paras) + b"\n\n"
    written = 0
    with open(path, "wb") as f:
        while written + len(block) <= size:
            f.write(block)
            written += len(block)
        tail = block[: size - written]
        tail = tail[: tail.rfind(b"\n\n") + 2] if b"\n\n" in tail else b""
        f.write(tail)
        written += len(tail)
    return written


def time_batch(src: Path, out: Path, jobs: int, repeat: int) -> float:
    """Best wall-clock seconds of cleaning the tree ``src`` into ``out`` with ``jobs`` workers."""
    best = float("inf")
    opts = BatchOptions()
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        tasks = discover([str(src)], str(out))
        t0 = time.perf_counter()
        results = run(tasks, opts, jobs=jobs)
        best = min(best, time.perf_counter() - t0)
        failed = [r for r in results if r.status == "failed"]
        if failed:
            raise SystemExit(f"bench tree: {len(failed)} file(s) failed, e.g. {failed[0].error}")
    return best


#: Runs ``python -m MODULE ARGS`` and, at exit, writes the process's own peak RSS (VmHWM, KB)
#: to the file named by $TEXTMEND_BENCH_HWM. (``wait4``'s ru_maxrss is no good here: Linux
#: carries the parent's high-water mark over fork and exec.)
PROBE = """
import atexit, os, runpy, sys
def _hwm():
    with open('/proc/self/status') as f:
        kb = next(line.split()[1] for line in f if line.startswith('VmHWM'))
    with open(os.environ['TEXTMEND_BENCH_HWM'], 'w') as out:
        out.write(kb)
atexit.register(_hwm)
sys.argv = sys.argv[1:]
runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)
"""


def child_peak(module: str, args: list[str]) -> tuple[int, float, int]:
    """Run ``python -m module args`` in a child; returns (its peak RSS in bytes, wall seconds, exit status)."""
    with tempfile.NamedTemporaryFile(prefix="hwm-", delete=False) as f:
        hwm = f.name
    try:
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", PROBE, module, *args], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, env={**os.environ, "TEXTMEND_BENCH_HWM": hwm})
        seconds = time.perf_counter() - t0
        if proc.returncode:
            print(f"  child exited {proc.returncode}: {proc.stderr.decode(errors='replace').strip()[:300]}",
                  file=sys.stderr)
        kb = Path(hwm).read_text().strip()
        return int(kb) * 1024 if kb else 0, seconds, proc.returncode
    finally:
        os.unlink(hwm)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="400 files, 16 MB single file, 1 repeat")
    ap.add_argument("--files", type=int, help="files in the tree (default 2000; --quick 400; 0: no tree)")
    ap.add_argument("--big-mb", type=int, help="size of the single large file in MB (default 100; --quick 16)")
    ap.add_argument("--repeat", type=int, help="runs per job count, best taken (default 2; --quick 1)")
    ap.add_argument("--jobs", type=int, nargs="*", help="job counts (default: 1, 2 and the number of cores)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object too")
    a = ap.parse_args(argv)
    n_files = a.files if a.files is not None else (400 if a.quick else 2000)
    big_mb = a.big_mb if a.big_mb is not None else (16 if a.quick else 100)
    repeat = a.repeat or (1 if a.quick else 2)
    n = cores()
    job_counts = a.jobs or sorted({1, 2, n})
    figures: dict = {"machine": f"{platform.python_implementation()} {platform.python_version()}, {n} core(s), "
                                f"load average {os.getloadavg()[0]:.1f}",
                     "files": n_files, "batch": [], "single_file": None}
    print(figures["machine"])
    with tempfile.TemporaryDirectory(prefix="textmend-bench-") as tmp:
        src, out = Path(tmp, "tree"), Path(tmp, "out")
        files, size = make_tree(src, n_files)
        figures["tree_bytes"] = size
        if files:
            print(f"tree: {files} files, {size / MB:.1f} MB in 100 folders")
        for jobs in job_counts if files else ():
            secs = time_batch(src, out, jobs, repeat)
            row = {"jobs": jobs, "seconds": round(secs, 2), "files_per_s": round(files / secs, 1),
                   "mb_per_s": round(size / MB / secs, 2)}
            figures["batch"].append(row)
            print(f"  -j {jobs:<3} {secs:7.2f} s  {row['files_per_s']:8.1f} files/s  {row['mb_per_s']:6.2f} MB/s")
        shutil.rmtree(out, ignore_errors=True)
        if big_mb > 0:
            big = Path(tmp, "big.txt")
            nbytes = make_big(big, big_mb * MB)
            base, _, _ = child_peak("textmend", ["--version"])
            peak, secs, rc = child_peak("textmend", ["clean", str(big), "-o", str(Path(tmp, "big.out.txt")),
                                                     "--max-bytes", str(nbytes + 1)])
            figures["single_file"] = {"bytes": nbytes, "peak_rss": peak, "baseline_rss": base,
                                      "seconds": round(secs, 1), "exit": rc}
            print(f"single file: {nbytes / MB:.0f} MB, peak RSS {peak / MB:.0f} MB "
                  f"(import-only baseline {base / MB:.0f} MB), {secs:.1f} s, exit {rc}")
    if a.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

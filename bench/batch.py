"""Batch throughput and streaming memory.

    .venv/bin/python bench/batch.py                  # 2,000 files; jobs 1, 2 and N; a 1 GB file
    .venv/bin/python bench/batch.py --files 200 --big-mb 64   # quick

Generates (deterministically, from the project's own fixtures and seeds) a tree of small
documents in nested folders (UTF-8 and GB18030, some damaged by the seeds' own damage), cleans
it with ``textmend.batch.run`` at each job count and prints files/s and MB/s; then builds one
large file out of the same paragraphs and cleans it with ``textmend clean BIG -o OUT`` in a
child process, reporting the child's peak RSS (streaming keeps it flat) and its MB/s.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textmend.batch import BatchOptions, discover, run, summarize

ROOT = Path(__file__).resolve().parent.parent


def paragraphs() -> list[str]:
    paras: list[str] = []
    for p in sorted((ROOT / "fixtures").glob("*.txt")):
        paras += [x.strip() for x in p.read_text(encoding="utf-8").split("\n\n") if x.strip()]
    return paras


def make_tree(root: Path, n: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    paras = paragraphs()
    seeds = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
    total = 0
    for i in range(n):
        d = root / f"d{i % 10}" / f"s{(i // 10) % 7}"
        d.mkdir(parents=True, exist_ok=True)
        kind = i % 10
        if kind == 0:
            data = seeds[i % len(seeds)]
        else:
            text = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(3, 12))) + "\n"
            data = text.encode("gb18030") if kind in (3, 7) else text.encode("utf-8")
        (d / f"doc{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def bench_tree(n: int, jobs_list: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        size = make_tree(src, n)
        print(f"tree: {n} files, {size / 1e6:.1f} MB, nested 10x7 folders")
        for jobs in jobs_list:
            out = Path(tmp) / f"out{jobs}"
            tasks = discover([str(src)], str(out))
            t0 = time.perf_counter()
            results = run(tasks, BatchOptions(convert="t2s"), jobs=jobs)
            dt = time.perf_counter() - t0
            s = summarize(results)
            print(f"  jobs={jobs}: {dt:6.1f} s  {n / dt:7.1f} files/s  {size / 1e6 / dt:6.2f} MB/s"
                  f"  (failed {s['failed']})")
            shutil.rmtree(out)


def bench_big(mb: int) -> None:
    paras = paragraphs()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        block = ("\n\n".join(paras) + "\n\n").encode("utf-8")
        with open(big, "wb") as f:
            written = 0
            while written < mb << 20:
                f.write(block)
                written += len(block)
        size = big.stat().st_size
        t0 = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "textmend"), "clean", "-c", "t2s", str(big),
                        "-o", str(Path(tmp) / "out.txt")], check=True)
        dt = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"big file: {size / 1e6:.0f} MB streamed in {dt:.0f} s ({size / 1e6 / dt:.2f} MB/s), "
              f"peak RSS of the child {peak:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--big-mb", type=int, default=1024, help="size of the single large file (0: skip)")
    args = ap.parse_args()
    n = os.cpu_count() or 1
    jobs = sorted({1, 2, n})
    print(f"cores: {n}")
    if args.files:
        bench_tree(args.files, jobs)
    if args.big_mb:
        bench_big(args.big_mb)


if __name__ == "__main__":
    main()

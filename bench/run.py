"""Benchmark: textmend against the naive chain of the same libraries, on identical inputs.

    python bench/run.py --quick      # about a minute on a 2-core machine
    python bench/run.py              # larger corpora, more repeats

For each corpus (see :mod:`corpora`) both contenders clean every document, in the same
process, on the same bytes: the naive chain (:mod:`naive`: chardet on the whole bytes ->
decode -> ftfy.fix_text -> opencc-python-reimplemented when the case converts) and
``textmend.clean(data, convert=...)``. Each is timed over the whole corpus (best of N
passes, after one warm-up document each; the passes of the two alternate, so that a
machine speeding up or slowing down moves both alike), and its output is scored against
the known clean text (:mod:`score`). One line per corpus, then:

- ``clean_utf8_vs_bare``: textmend's time on the clean UTF-8 corpus divided by the time
  of a bare ``data.decode('utf-8')`` + ``file.write`` loop over the same documents
  (both write to the same kind of file);
- ``speedup_vs_naive``: the geometric mean of the per-corpus speed ratios.

Exit status 1 when textmend is less correct than the chain on any corpus.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpora  # noqa: E402
import naive  # noqa: E402
import score  # noqa: E402

import textmend  # noqa: E402

QUICK = {"size": 400_000, "repeats": 2}
FULL = {"size": 2_000_000, "repeats": 3}


def best_time(func, repeats: int) -> tuple[float, list[str]]:
    """Best wall time of ``repeats`` calls of ``func`` (which returns its outputs)."""
    best, out = math.inf, []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - t0)
    return best, out


def best_times(funcs: list, repeats: int) -> list[tuple[float, list[str]]]:
    """Best wall time of ``repeats`` calls of each of ``funcs``, the calls interleaved (one
    of each per round): a machine that speeds up or slows down during the run then moves
    every contender alike instead of whichever ran in that stretch."""
    best = [(math.inf, [])] * len(funcs)
    for _ in range(repeats):
        for i, func in enumerate(funcs):
            t, out = best_time(func, 1)
            if t < best[i][0]:
                best[i] = (t, out)
    return best


def run_corpus(corpus: corpora.Corpus, chain: naive.NaiveChain, repeats: int) -> dict:
    cases, conv = corpus.cases, corpus.convert
    chain(cases[0].data, conv)  # warm-up: imports, dictionaries, models
    textmend.clean(cases[0].data, convert=conv)
    (t_naive, out_naive), (t_tm, out_tm) = best_times(
        [lambda: [chain(c.data, conv) for c in cases], lambda: [textmend.clean(c.data, convert=conv) for c in cases]],
        repeats)
    mb = corpus.nbytes / 1e6
    return {
        "name": corpus.name,
        "mb": mb,
        "naive_mbs": mb / t_naive,
        "textmend_mbs": mb / t_tm,
        "ratio": t_naive / t_tm,
        "naive_score": score.corpus_scores([(c.expected, o) for c, o in zip(cases, out_naive)]),
        "textmend_score": score.corpus_scores([(c.expected, o) for c, o in zip(cases, out_tm)]),
    }


def clean_vs_bare(corpus: corpora.Corpus, repeats: int) -> tuple[float, float, float]:
    """(bare MB/s, textmend MB/s, time ratio) for decode+write vs clean+write."""
    cases = corpus.cases
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "out.txt")

        def bare() -> list[str]:
            with open(path, "w", encoding="utf-8") as f:
                for c in cases:
                    f.write(c.data.decode("utf-8"))
            return []

        def mended() -> list[str]:
            with open(path, "w", encoding="utf-8") as f:
                for c in cases:
                    f.write(textmend.clean(c.data))
            return []

        bare()
        mended()
        (t_bare, _), (t_tm, _) = best_times([bare, mended], repeats)
    mb = corpus.nbytes / 1e6
    return mb / t_bare, mb / t_tm, t_tm / t_bare


def profile_corpus(corpus: corpora.Corpus, top: int = 12) -> None:
    """Print where textmend spends its time on one corpus (for bench/README.md)."""
    import cProfile
    import io
    import pstats

    from textmend.decode import decode
    from textmend.pipeline import Pipeline

    pipe = Pipeline.default(corpus.convert)
    t0 = time.perf_counter()
    texts = [decode(c.data)[0] for c in corpus.cases]
    share = [("decode", time.perf_counter() - t0)]
    for f in pipe.filters:
        t0 = time.perf_counter()
        texts = [f.apply(t) for t in texts]
        share.append((f.name, time.perf_counter() - t0))
    total = sum(t for _, t in share)
    print(f"## profile {corpus.name}: " + ", ".join(f"{n} {100 * t / total:.0f}%" for n, t in share))
    prof = cProfile.Profile()
    prof.enable()
    for c in corpus.cases:
        textmend.clean(c.data, convert=corpus.convert)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    lines = [x for x in out.getvalue().splitlines() if x.strip()]
    print("\n".join(lines[2:]))


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load:.2f} at start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small corpora, 2 passes (under two minutes)")
    ap.add_argument("--size", type=int, help="bytes per corpus (overrides the preset)")
    ap.add_argument("--repeats", type=int, help="timed passes per contender (best is kept)")
    ap.add_argument("--only", action="append", help="run only this corpus (repeatable)")
    ap.add_argument("--profile", action="store_true",
                    help="after timing, profile textmend on each corpus (cProfile, top functions by own time)")
    args = ap.parse_args(argv)
    preset = QUICK if args.quick else FULL
    size = args.size or preset["size"]
    repeats = args.repeats or preset["repeats"]

    t_start = time.perf_counter()
    print(f"# {machine()}; textmend {textmend.__version__}; {size / 1e6:.1f} MB per corpus, best of {repeats}")
    chain = naive.NaiveChain()
    all_corpora = corpora.build(size)
    chosen = [c for c in all_corpora if not args.only or c.name in args.only]
    print(f"# {'corpus':<14} {'MB':>5} {'naive MB/s':>11} {'textmend MB/s':>14} {'ratio':>7}"
          f"   correct strict/loose: naive  textmend")
    results, worse = [], []
    for corpus in chosen:
        r = run_corpus(corpus, chain, repeats)
        results.append(r)
        ns, ts = r["naive_score"], r["textmend_score"]
        flag = ""
        if ts[0] < ns[0] - 1e-9 or ts[1] < ns[1] - 1e-9:
            worse.append(corpus.name)
            flag = "  LESS CORRECT THAN NAIVE"
        print(f"{r['name']:<16} {r['mb']:>5.2f} {r['naive_mbs']:>11.2f} {r['textmend_mbs']:>14.2f} "
              f"{r['ratio']:>6.1f}x   {ns[0]:.3f}/{ns[1]:.3f}  {ts[0]:.3f}/{ts[1]:.3f}{flag}", flush=True)
    if args.profile:
        for corpus in chosen:
            profile_corpus(corpus)
    clean = next((c for c in chosen if c.name == "clean-utf8"), None)
    if clean is not None:
        bare_mbs, tm_mbs, ratio = clean_vs_bare(clean, max(repeats, 3))
        print(f"clean_utf8_vs_bare: {ratio:.2f} (bare decode+write {bare_mbs:.1f} MB/s, "
              f"textmend clean+write {tm_mbs:.1f} MB/s; target <= 3)")
    if results:
        geo = math.exp(sum(math.log(r["ratio"]) for r in results) / len(results))
        print(f"speedup_vs_naive: {geo:.1f}")
    print(f"# {time.perf_counter() - t_start:.0f} s in all")
    if worse:
        print(f"textmend is less correct than the naive chain on: {', '.join(worse)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

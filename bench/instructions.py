"""Instruction counts of textmend on the benchmark corpora, under valgrind's callgrind.

Wall-clock time on a shared machine moves by ±25 % between runs; the number of machine
instructions a piece of work executes does not (a few per cent from Python's hash seed).
Speed work is judged by it:

    python bench/instructions.py                       # whole pipeline, every corpus
    python bench/instructions.py --filter strip        # one filter, on what reaches it
    python bench/instructions.py clean-utf8 cp1252-en  # some corpora

For each corpus the first 40 documents (of a 120 KB build of ``corpora.py``) are prepared
outside valgrind (decoded and run through the filters before the one measured), then a
child process cleans them once to warm up (imports, dictionaries, lazily built indexes)
and once more inside ``functools.reduce``, the one call valgrind is told to count
(``--toggle-collect``). Needs ``valgrind`` on the PATH.
"""

from __future__ import annotations

import argparse
import functools
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

DOCS = 40
SIZE = 120_000


def prepare(names: list[str], filter_name: str | None, path: str) -> list[str]:
    import corpora

    from textmend.decode import decode
    from textmend.pipeline import Pipeline

    out = {}
    for corpus in corpora.build(SIZE):
        if names and corpus.name not in names:
            continue
        cases = corpus.cases[:DOCS]
        item = {"convert": corpus.convert, "data": [c.data for c in cases], "texts": None}
        if filter_name not in (None, "decode"):
            pipe = Pipeline.default(corpus.convert)
            if filter_name not in pipe.names:
                continue
            texts = [decode(c.data)[0] for c in cases]
            for f in pipe.filters:
                if f.name == filter_name:
                    break
                texts = [f.apply(t) for t in texts]
            item["texts"] = texts
        out[corpus.name] = item
    with open(path, "wb") as fh:
        pickle.dump(out, fh)
    return list(out)


def child(path: str, name: str, filter_name: str | None) -> None:
    import textmend
    from textmend.decode import decode
    from textmend.pipeline import Pipeline

    with open(path, "rb") as fh:
        item = pickle.load(fh)[name]
    if filter_name is None:
        items = item["data"]

        def run(_, data):
            return textmend.clean(data, convert=item["convert"])
    elif filter_name == "decode":
        items = item["data"]

        def run(_, data):
            return decode(data)
    else:
        f = next(f for f in Pipeline.default(item["convert"]).filters if f.name == filter_name)
        items = item["texts"]

        def run(_, text):
            return f.apply(text)
    for x in items:  # warm-up, not counted
        run(None, x)
    functools.reduce(run, items, None)  # counted


def count(path: str, name: str, filter_name: str | None) -> float:
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + os.devnull, "--collect-atstart=no",
           "--toggle-collect=functools_reduce", sys.executable, __file__, "--child", path, name]
    if filter_name:
        cmd += ["--filter", filter_name]
    run = subprocess.run(cmd, capture_output=True, text=True, check=False)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed on {name}: {run.stderr.strip().splitlines()[-1:]}")
    return int(found.group(1)) / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="*", help="corpus names (default: all)")
    ap.add_argument("--filter", help="count one filter (or 'decode') instead of the whole pipeline")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child, args.corpora[0], args.filter)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: apt-get install valgrind", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "inputs.pickle")
        names = prepare(args.corpora, args.filter, path)
        what = args.filter or "whole pipeline"
        print(f"# million instructions for {DOCS} documents per corpus ({what})")
        for name in names:
            print(f"{name:16s} {count(path, name, args.filter):8.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

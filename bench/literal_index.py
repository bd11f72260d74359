"""The strip stage's literal prefilter with and without the Aho-Corasick automaton.

    python bench/literal_index.py

For every line (trimmed, folded, at most 400 characters) of the five benchmark corpora,
both ways of :class:`textmend.literals.LiteralIndex` are asked which head-zone rule
families the line may belong to: the automaton of ``ahocorasick_rs`` (one pass over the
line) and the Python look-ups (the literals whose first character occurs in the line).
Both must give the same families; the script prints the time per line of each and the
ratio (best of 5 passes, the same lines).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import corpora  # noqa: E402

import textmend  # noqa: E402
from textmend.literals import LiteralIndex, fold  # noqa: E402
from textmend.rules import builtin_packs  # noqa: E402
from textmend.strip import _matcher  # noqa: E402


def main() -> int:
    if not LiteralIndex.use_automaton:
        print("ahocorasick_rs is not installed: nothing to compare")
        return 1
    zone = _matcher([f for p in builtin_packs() for f in p.families])._zone("head")
    cases: list[tuple[LiteralIndex, str]] = []
    for corpus in corpora.build(200_000):
        for case in corpus.cases:
            for line in textmend.clean(case.data).split("\n"):
                folded = fold(line.strip())
                idx = zone.index(None, len(folded)) if folded else None
                if idx is not None:
                    cases.append((idx, folded))
    timings = {}
    answers = {}
    for automaton in (True, False):
        for idx, _ in cases:
            idx.use_automaton = automaton
        best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            got = [idx.candidates(f) for idx, f in cases]
            best = min(best, time.perf_counter() - t0)
        timings[automaton], answers[automaton] = best, got
    for idx, _ in cases:
        idx.use_automaton = LiteralIndex.use_automaton
    same = answers[True] == answers[False]
    per = {k: v / len(cases) * 1e6 for k, v in timings.items()}
    print(f"{len(cases)} lines; automaton {per[True]:.2f} µs a line, Python look-ups {per[False]:.2f} µs "
          f"({per[False] / per[True]:.1f}x); same families: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

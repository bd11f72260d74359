"""Every registered filter, on long adversarial lines, under a generous time bound.

Each line is 20,000 characters of one repeated unit: separators that rule patterns and
filters look for (``| _ > - ( （ . ,``, spaces), digits, Chinese and ASCII punctuation
mixed, pinyin-looking ``(ā)`` runs, mojibake and shifted-run characters, then a tail
that makes a final ``$`` or lookahead fail (and has a space before a line break, which some
filters look for before doing more work). A linear scan takes milliseconds; a pattern
that backtracks quadratically takes minutes, and an exponential one never ends. Each
filter runs in a child process that reports every line, so a hang fails the test after
``BOUND`` seconds on one line instead of hanging CI (the rule packs alone, on short lines:
``tests/test_rules_backtracking.py``).
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest

from textmend.filter import REGISTRY

from .conftest import ROOT

#: Seconds allowed for one filter on one line (a loaded machine; most take milliseconds).
BOUND = 10.0
LENGTH = 20_000
UNITS = [
    "|", "_", ">", "-", " ", "(", "（", ".", ",", "7", "0123456789", "1,299.", "｜", "、", "，", "：",
    "a > ", "a_", "关键词|", "中文|", "ab | ", "&gt;", "/", "#", "*", "=", "\u3000", "\u00a0", "\t",
    "，。|：(中a)、_-> ", "中,文:", "(ā)", "中(zhōng)", "網(wǎng", "ā", "\ufffd", "\ue084", "鍙", "蹦J",
    "Ã©", "â€œ", "http://a.b/", "@", "ＡＢ", "ｶﾀ", "한국",
]
TAILS = ["。", "a \n"]  # "a \n": a space before a line break wakes the trailing-space pass


def _lines(skip: frozenset[str] = frozenset()) -> list[str]:
    return [(u * (LENGTH // len(u) + 1))[:LENGTH] + tail for u in UNITS if u not in skip for tail in TAILS]


_CHILD = """
import json, sys, time
from textmend.filter import get_filter
f = get_filter(sys.argv[1])
f("中文，測試。\\n")  # load data and models before the clock starts
lines = json.loads(sys.stdin.readline())
print("ready", flush=True)
for i, line in enumerate(lines):
    t0 = time.perf_counter()
    f(line)
    print(i, round(time.perf_counter() - t0, 3), flush=True)
"""


def run_filter(name: str, lines: list[str], bound: float = BOUND) -> list[float]:
    """Seconds per line; fails (and kills the child) when one line takes over ``bound``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, name], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env, start_new_session=True)
    out: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [out.put(x) for x in proc.stdout], daemon=True).start()
    proc.stdin.write(json.dumps(lines) + "\n")
    proc.stdin.close()
    times: list[float] = []
    try:
        ready = out.get(timeout=120)  # imports and models
        assert ready.strip() == "ready", ready + proc.stderr.read()
        for i, line in enumerate(lines):
            try:
                got = out.get(timeout=bound)
            except queue.Empty:
                pytest.fail(f"{name}: over {bound:.0f} s on {line[:24]!r}... ({len(line)} chars)")
            idx, secs = got.split()
            assert int(idx) == i, got + proc.stderr.read()
            times.append(float(secs))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    return times


NAMES = sorted(REGISTRY)


def test_every_filter_is_covered():
    from textmend.pipeline import DEFAULT_STEPS

    assert set(DEFAULT_STEPS) <= set(NAMES) and len(NAMES) >= 10


@pytest.mark.parametrize("name", NAMES)
def test_filter_on_long_adversarial_lines(name):
    t0 = time.monotonic()
    times = run_filter(name, _lines())
    assert len(times) == len(UNITS) * len(TAILS)
    assert time.monotonic() - t0 < 600  # a hang guard for the whole filter


def test_whitespace_filter_on_a_long_run_of_spaces():
    # the trailing-space pattern once started at every space of a run: 40,000 spaces took ~30 s
    run_filter("whitespace", [" " * 40_000 + "a \n", "\u3000" * 40_000 + "中 \n", " \t" * 20_000 + "\n"])

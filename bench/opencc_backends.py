"""Measure the two OpenCC implementations on OpenCC's own test cases: correctness and speed.

    python bench/opencc_backends.py [PATH/TO/testcases.json]

Default path: ../shared/peers/opencc-testcases/testcases.json (the project never copies it).
opencc-python-reimplemented is installed into bench/.naive-deps and imported in isolation
(see bench/naive.py), so both live in one process and are measured in one run.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from naive import NAIVE_DEPS, ensure_installed, import_isolated  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "peers" / "opencc-testcases" / "testcases.json"


def load_cases(path: Path) -> list[tuple[str, str, str]]:
    """(config, input, expected) triples; the file allows trailing commas, so strip them."""
    text = re.sub(r",(\s*[}\]])", r"\1", path.read_text(encoding="utf-8"))
    out = []
    for case in json.loads(text)["cases"]:
        for config, expected in case["expected"].items():
            out.append((config, case["input"], expected))
    return out


def run(name: str, make, cases) -> tuple[int, int, float]:
    converters = {}
    passed = 0
    for config, text, expected in cases:
        try:
            conv = converters.get(config) or converters.setdefault(config, make(config))
            passed += conv(text) == expected
        except Exception:  # an unsupported config counts as a failure
            pass
    # speed: convert a ~1 MB Traditional text with t2s
    sample = "".join(t for c, t, _ in cases if c.startswith(("t", "hk", "tw"))) or "漢字"
    big = (sample * (1_000_000 // len(sample.encode()) + 1))
    conv = make("t2s")
    t0 = time.perf_counter()
    conv(big)
    secs = time.perf_counter() - t0
    return passed, len(cases), len(big.encode()) / secs / 1e6


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    cases = load_cases(path)
    import opencc as official

    ensure_installed()
    reimpl = import_isolated("opencc", NAIVE_DEPS)
    rows = [
        ("opencc (official C++ binding) " + getattr(official, "__version__", ""),
         lambda cfg: official.OpenCC(cfg).convert),
        ("opencc-python-reimplemented", lambda cfg: reimpl.OpenCC(cfg).convert),
    ]
    print(f"{'backend':<45} {'cases passed':>14} {'t2s MB/s':>9}")
    for name, make in rows:
        passed, total, mbps = run(name, make, cases)
        print(f"{name:<45} {passed:>6}/{total:<7} {mbps:>9.2f}")


if __name__ == "__main__":
    main()

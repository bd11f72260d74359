from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CLEAN_CONTROLS = sorted((ROOT / "fixtures" / "clean").glob("*.txt"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def fixture_lines() -> list[str]:
    """Every distinct non-blank line (trimmed) of the UTF-8 fixtures and the seeds: real
    text, boilerplate and damage, for tests that check a fast path against the slow one."""
    lines: set[str] = set()
    for path in sorted((ROOT / "fixtures").rglob("*.txt")) + SEEDS:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        lines.update(s.strip() for s in text.splitlines() if s.strip())
    return sorted(lines)

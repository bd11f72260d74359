from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CLEAN_CONTROLS = sorted((ROOT / "fixtures" / "clean").glob("*.txt"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT

"""A short, bounded atheris run of fuzz/fuzz_clean.py (the full run: ``make fuzz``)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

FUZZ_SECONDS = 30


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None,
                    reason="atheris is not installed (pip install -e '.[fuzz]'; no wheel for this Python)")
def test_fuzz_clean_bounded_run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for pattern in ("seeds/*.txt", "fixtures/clean/*.txt", "fixtures/sentences/*.txt"):
        for p in ROOT.glob(pattern):
            shutil.copy(p, corpus)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_clean.py"), f"-max_total_time={FUZZ_SECONDS}",
         "-max_len=1024", "-timeout=60", "-seed=1", f"-artifact_prefix={tmp_path}/", "-print_final_stats=1",
         str(corpus)],
        capture_output=True, text=True, timeout=FUZZ_SECONDS * 10,
    )
    log = proc.stderr
    assert proc.returncode == 0, log[-4000:]
    assert "Done" in log and "number_of_executed_units" in log
    assert not list(tmp_path.glob("crash-*"))

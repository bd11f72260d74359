"""atheris fuzz target: ``textmend.clean(bytes)`` never crashes and always gives valid UTF-8.

Run (see README "Reliability"):  make fuzz            (FUZZ_SECONDS=600 by default)
or directly:                     .venv/bin/python fuzz/fuzz_clean.py -max_total_time=60 fuzz/corpus

The only exception allowed is :class:`textmend.DecodeError` (binary input, refused with
a message). Every other exception, or output that is not valid UTF-8, is a crash that
atheris saves as ``crash-*``. With ``TEXTMEND_FUZZ_IDEMPOTENT=1`` a second cleaning that
changes the result is a crash too (off by default: see README "Reliability", known gaps).
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports():
    import textmend


IDEMPOTENT = os.environ.get("TEXTMEND_FUZZ_IDEMPOTENT") == "1"


def check(data: bytes) -> None:
    """One fuzz input: both pipelines, UTF-8 output, idempotent on their own output."""
    for convert in (None, "t2s"):
        try:
            out = textmend.clean(data, convert=convert)
        except textmend.DecodeError:
            return
        out.encode("utf-8")  # raises on lone surrogates
        if not IDEMPOTENT:
            continue
        again = textmend.clean(out, convert=convert)
        if again != out:
            raise AssertionError(f"not idempotent: {out!r} -> {again!r}")


def main(argv: list[str]) -> None:
    atheris.Setup(argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)

"""Write ``src/textmend/data/opencc/t2s_triggers.txt``: what OpenCC's t2s can change.

    python -m venv /tmp/gen && /tmp/gen/bin/pip install marisa-trie opencc==<version>
    /tmp/gen/bin/python tools/opencc_triggers.py

OpenCC changes a text only where one of its dictionary keys occurs whose value differs
from the key. This tool reads the keys of the installed binding's own dictionaries
(``.ocd2`` files: a marisa trie after a header; ``marisa-trie`` is needed here only, not
by textmend) and converts each with the binding itself, then writes:

- ``char``: every character that t2s changes on its own (a character table entry, the
  compatibility-ideograph normalization), one line of characters;
- ``phrase``: every phrase t2s changes that holds none of those characters (``沈默`` ->
  ``沉默``, ``回覆`` -> ``回复``): the only other way t2s changes a text;
- ``from``: every character t2s makes out of others, then those (``发發髮``; ``沉`` comes
  from ``沈`` in ``沈默``). Every conversion keeps the text's length and changes only Han
  characters into Han characters (checked), so strip can tell from a page as it is
  whether its Simplified form may hold a literal (``公网安备``: ``公[网網]安[备備]``);
- ``mirror``: the phrases of Taiwan's variant table (``TWVariantsRevPhrases``) that the
  mirror-restoration step of :mod:`textmend.convert` changes (``橋梁`` -> ``橋樑``).

:mod:`textmend.opencc_gate` reads the file: a text with none of them is left alone by
t2s, so OpenCC is not called. The file names the binding version it was made from; with
any other version installed the gate is off (every text is converted).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from importlib.metadata import version
from pathlib import Path

import marisa_trie
import opencc

HEADER = b"OPENCC_MARISA_0.2.5"
OUT = Path(__file__).resolve().parent.parent / "src" / "textmend" / "data" / "opencc" / "t2s_triggers.txt"
SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def keys(name: str) -> list[str]:
    data = (SHARE / name).read_bytes()
    assert data.startswith(HEADER), f"{name}: not an ocd2 file of the expected version"
    trie = marisa_trie.Trie()
    trie.frombytes(data[len(HEADER):])
    return trie.keys()


def converter_of(name: str) -> opencc.OpenCC:
    """A converter that applies the one dictionary ``name``."""
    cfg = {"name": name, "conversion_chain": [{"dict": {"type": "ocd2", "file": str(SHARE / name)}}]}
    fd, path = tempfile.mkstemp(suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(cfg, f)
    try:
        return opencc.OpenCC(path)
    finally:
        os.unlink(path)


def main() -> None:
    t2s = opencc.OpenCC("t2s")
    config = json.loads((SHARE / "t2s.json").read_text(encoding="utf-8"))
    files = {d["file"] for step in config.get("normalization", []) + config["conversion_chain"]
             for d in (step["dict"].get("dicts") or [step["dict"]])}
    singles = {k for f in files for k in keys(f) if len(k) == 1}
    # every CJK code point too (a character may change through a table t2s reaches otherwise)
    probe = sorted(singles | {chr(c) for c in range(0x2E80, 0x323B0) if not 0xD800 <= c < 0xE000})
    out = t2s.convert("\n".join(probe)).split("\n")
    assert len(out) == len(probe)
    chars = {a for a, b in zip(probe, out) if a != b}
    phrases = sorted(k for f in files for k in keys(f)
                     if len(k) > 1 and not chars.intersection(k) and t2s.convert(k) != k)
    # what t2s can turn another character into (a character's own entry, a phrase's), and
    # that it keeps lengths: strip finds a Simplified literal through characters it cannot make
    sources: dict[str, set[str]] = {}  # target -> the characters t2s makes it from
    for a, b in zip(probe, out):
        if a != b:
            assert len(b) == 1, (a, b)
            sources.setdefault(b, set()).add(a)
    for f in files:
        for k in keys(f):
            v = t2s.convert(k)
            assert len(v) == len(k), (k, v)
            for x, y in zip(k, v):
                if x != y:
                    sources.setdefault(y, set()).add(x)
    han = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
    assert all(han.fullmatch(c) for y, xs in sources.items() for c in (y, *xs))  # Han to Han only
    rev = converter_of("TWVariantsRevPhrases.ocd2")
    mirror = sorted(k for k in keys("TWVariantsRevPhrases.ocd2") if rev.convert(k) != k)
    lines = [
        "# What OpenCC's t2s can change (see tools/opencc_triggers.py, which wrote this file).",
        f"opencc\t{version('opencc')}",
        "char\t" + "".join(sorted(chars)),
        *(f"from\t{y}{''.join(sorted(xs))}" for y, xs in sorted(sources.items())),
        *(f"phrase\t{p}" for p in phrases),
        *(f"mirror\t{p}" for p in mirror),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(chars)} characters, {len(sources)} targets, {len(phrases)} phrases, "
          f"{len(mirror)} mirror phrases")


if __name__ == "__main__":
    main()

"""How correct a cleaner's output is, against the known clean text of a benchmark case.

Two line-level F1 scores over the non-blank lines (a line counts once per occurrence):

- ``strict``: a line must come out exactly as expected (every character, every
  punctuation mark's width, every quote's shape);
- ``loose``: lines are compared on their letters, digits and Han characters only
  (NFKC, case-folded, punctuation and spaces dropped), so a cleaner is not punished
  for a style choice such as straight vs curly quotes or ASCII vs full-width commas,
  only for wrong, missing or extra words (bad decoding, mojibake left in, boilerplate
  left in, wrong script).

Precision punishes lines that should not be there (boilerplate); recall punishes
lines that are lost or damaged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_NON_WORD_RE = re.compile(r"[\W_]+")


def strict_key(line: str) -> str:
    return line.strip()


def loose_key(line: str) -> str:
    """
    >>> loose_key("It’s “fine”, OK?") == loose_key('it\\'s "fine" ok')
    True
    >>> loose_key("新型工业化,新质") == loose_key("新型工业化，新质")
    True
    """
    return _NON_WORD_RE.sub("", unicodedata.normalize("NFKC", line).casefold())


def line_f1(expected: str, got: str, key=strict_key) -> tuple[int, int, int]:
    """(matched, expected lines, output lines) for one document.

    >>> line_f1("a\\n\\nb\\n", "a\\nb\\nc\\n")
    (2, 2, 3)
    """
    exp = Counter(k for k in map(key, expected.split("\n")) if k)
    out = Counter(k for k in map(key, got.split("\n")) if k)
    return sum((exp & out).values()), sum(exp.values()), sum(out.values())


def f1(matched: int, n_expected: int, n_output: int) -> float:
    """
    >>> f1(2, 2, 3)
    0.8
    """
    if n_expected == 0 and n_output == 0:
        return 1.0
    if matched == 0:
        return 0.0
    p, r = matched / n_output, matched / n_expected
    return 2 * p * r / (p + r)


def corpus_scores(pairs) -> tuple[float, float]:
    """(strict F1, loose F1) over ``(expected, output)`` pairs, micro-averaged over lines."""
    out = []
    for key in (strict_key, loose_key):
        m = e = o = 0
        for expected, got in pairs:
            a, b, c = line_f1(expected, got, key)
            m, e, o = m + a, e + b, o + c
        out.append(f1(m, e, o))
    return out[0], out[1]

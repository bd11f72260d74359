"""The record of one change a filter made, and helpers to collect them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Edit:
    """One change made by one filter.

    ``line`` is the 1-based line number in the text the filter received
    (``None`` for whole-document changes such as decoding).

    >>> Edit("normalize.punctuation", 3, ",", "，").describe()
    "normalize.punctuation line 3: ',' -> '，'"
    """

    filter: str
    line: int | None
    before: str
    after: str
    note: str = ""

    def describe(self) -> str:
        where = f" line {self.line}" if self.line is not None else ""
        note = f" ({self.note})" if self.note else ""
        return f"{self.filter}{where}: {self.before!r} -> {self.after!r}{note}"

    def to_dict(self) -> dict:
        return asdict(self)


class LineIndex:
    """Maps character offsets in a text to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self._starts = [m.end() for m in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) + 1


def sub_with_edits(
    pattern: re.Pattern[str],
    repl: Callable[[re.Match[str]], str],
    text: str,
    filter_name: str,
    edits: list[Edit] | None,
    note: str = "",
) -> str:
    """``pattern.sub(repl, text)`` that also records an :class:`Edit` per real change.

    When ``edits`` is None nothing is recorded (the fast path).
    """
    if edits is None:
        return pattern.sub(repl, text)
    index: LineIndex | None = None

    def wrapped(m: re.Match[str]) -> str:
        nonlocal index
        new = repl(m)
        if new != m.group(0):
            if index is None:
                index = LineIndex(text)
            edits.append(Edit(filter_name, index.line_of(m.start()), m.group(0), new, note))
        return new

    return pattern.sub(wrapped, text)

"""normalize: full-width Latin letters and digits to ASCII (``ＡＩ２０２４`` -> ``AI2024``).

Chinese text set in full-width Latin letters and digits is a typesetting accident:
the national punctuation standard (GB/T 15834) writes them half-width. Japanese text
uses full-width alphanumerics on purpose, so the ``ja`` profile never runs this
filter (see :mod:`textmend.profiles`).
"""

from __future__ import annotations

import re

from .edits import Edit, sub_with_edits
from .filter import Filter, register

_FULLWIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_NARROW = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}


def narrow_fullwidth_alnum(text: str, edits: list[Edit] | None = None) -> str:
    """Full-width letters and digits become ASCII; full-width punctuation stays.

    >>> narrow_fullwidth_alnum("２０２４年，ＡＩ大模型（ＧＰＴ）。")
    '2024年，AI大模型（GPT）。'
    >>> narrow_fullwidth_alnum("中文：“你好”")
    '中文：“你好”'
    """
    if text.isascii() or _FULLWIDTH_ALNUM_RE.search(text) is None:
        return text
    return sub_with_edits(_FULLWIDTH_ALNUM_RE, lambda m: m.group(0).translate(_NARROW), text, "width", edits)


@register
class Width(Filter):
    name = "width"
    stage = "normalize"
    summary = "full-width letters and digits to ASCII (zh and en profiles; never ja)"

    def apply(self, text: str, edits: list[Edit] | None = None) -> str:
        return narrow_fullwidth_alnum(text, edits)

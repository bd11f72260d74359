"""Fenced code blocks (Markdown's ```): text the normalize filters leave as it is.

A Chinese README or blog post quotes code between fences; widening its commas or
removing the indent of ``    print("你好")`` would break the program. The filters run on
the text between the blocks only (:func:`outside_code_blocks`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .edits import Edit

#: an opening fence: up to three spaces, then three or more backticks (Markdown's ~~~
#: fences are left out: a row of tildes is a common rule line in plain text)
_FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,})", re.M)


def fenced_blocks(text: str) -> list[tuple[int, int]]:
    """The character spans of the fenced code blocks of ``text``, from the opening fence's
    line start to the end of the closing fence (at least as long); a block left open runs
    to the end of the text.

    >>> text = "说明:\\n```py\\nx = 1\\n```\\n完"
    >>> [text[a:b] for a, b in fenced_blocks(text)]
    ['```py\\nx = 1\\n```']
    >>> fenced_blocks("no fences here")
    []
    """
    if "```" not in text:
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := _FENCE_RE.search(text, pos)) is not None:
        fence = m.group(1)
        body = text.find("\n", m.end())
        close = None
        if body >= 0:
            closing = re.compile(rf"^[ \t]{{0,3}}`{{{len(fence)},}}[ \t]*$", re.M)
            close = closing.search(text, body + 1)
        if close is None:
            spans.append((m.start(), len(text)))
            break
        spans.append((m.start(), close.end()))
        pos = close.end()
    return spans


def gaps(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The spans between ``spans`` (sorted, disjoint) in a text of ``length`` characters.

    >>> gaps([(2, 4)], 6)
    [(0, 2), (4, 6)]
    """
    out, last = [], 0
    for start, end in spans:
        out.append((last, start))
        last = end
    out.append((last, length))
    return out


def outside_code_blocks(text: str, edits: list[Edit] | None, fix: Callable[[str, list[Edit] | None], str],
                        spans: list[tuple[int, int]] | None = None) -> str:
    """``fix(text, edits)`` applied to the text between fenced code blocks only; the
    blocks stay as they are and the edits keep the line numbers of the whole text.
    ``spans``: :func:`fenced_blocks` of ``text``, when the caller has them.

    >>> outside_code_blocks("a\\n```\\na\\n```\\na", None, lambda t, e: t.replace("a", "b"))
    'b\\n```\\na\\n```\\nb'
    """
    if spans is None:
        spans = fenced_blocks(text)
    if not spans:
        return fix(text, edits)
    out: list[str] = []
    for k, (start, end) in enumerate(gaps(spans, len(text))):
        part = text[start:end]
        if part:
            local: list[Edit] | None = [] if edits is not None else None
            out.append(fix(part, local))
            if edits is not None and local:
                lines_before = text.count("\n", 0, start)
                edits.extend(replace(e, line=e.line + lines_before) if e.line is not None else e for e in local)
        if k < len(spans):
            out.append(text[spans[k][0]:spans[k][1]])
    return "".join(out)

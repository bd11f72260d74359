"""What would change, line by line, and which filter changed it (``textmend diff``).

:func:`trace` runs a pipeline filter by filter and follows every line of the input to
the output (a line-level alignment after each filter), so each output line knows
which filters touched it and each removed line knows which filter removed it.
:func:`render` prints the changed rows with rich, side by side or inline, coloured
by filter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .edits import Edit
from .mirror import mirror_note
from .pipeline import AutoPipeline, Pipeline
from .profiles import detect_profile

#: Colour of each filter in the diff view (rich colour names); others are white.
FILTER_COLORS = {
    "decode": "yellow",
    "mojibake": "yellow",
    "pinyin": "magenta",
    "dropped-byte": "bright_red",
    "strip": "red",
    "unicode": "blue",
    "width": "cyan",
    "punctuation": "cyan",
    "whitespace": "bright_black",
    "layout": "bright_black",
    "convert": "green",
}


#: Edits that record a finding, not a change (``--explain`` prints them as notes).
NOTE_FILTERS = ("mirror",)


@dataclass
class Row:
    """One aligned row: an input line (or none), an output line (or none), and who changed it."""

    old_no: int | None
    old: str | None
    new_no: int | None
    new: str | None
    filters: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass
class Trace:
    before: str
    after: str
    rows: list[Row]
    edits: list[Edit] = field(default_factory=list)

    def counts(self) -> Counter:
        """Edits per filter (notes such as ``mirror`` left out)."""
        return Counter(e.filter for e in self.edits if e.filter not in NOTE_FILTERS)


def _concrete(pipeline: Pipeline, text: str) -> Pipeline:
    if isinstance(pipeline, AutoPipeline):
        return pipeline.for_profile(detect_profile(text))
    return pipeline


def trace(text: str, pipeline: Pipeline) -> Trace:
    """Run ``pipeline`` on ``text`` and align input lines with output lines.

    >>> from textmend.pipeline import Pipeline
    >>> t = trace("首頁 > 熱點 > 正文\\n這是正文,很長很長的一段話,還有更多內容。\\n", Pipeline.default())
    >>> [(r.old_no, r.new_no, r.filters) for r in t.rows if r.changed]
    [(1, None, ('strip',)), (2, 1, ('punctuation',))]
    """
    pipe = _concrete(pipeline, text)
    edits: list[Edit] = []
    lines = text.split("\n")
    origin: list[int | None] = list(range(len(lines)))
    touched: list[set[str]] = [set() for _ in lines]
    removed: dict[int, str] = {}
    cur = text
    note = mirror_note(text)
    if note is not None:
        edits.append(note)
    for f in pipe.filters:
        new = f.apply(cur, edits)
        if new == cur:
            continue
        old_lines, new_lines = cur.split("\n"), new.split("\n")
        n_origin: list[int | None] = []
        n_touched: list[set[str]] = []
        sm = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal":
                n_origin += origin[i1:i2]
                n_touched += touched[i1:i2]
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                if i < i2 and j < j2:
                    n_origin.append(origin[i])
                    n_touched.append(touched[i] | {f.name})
                elif i < i2:
                    if origin[i] is not None:
                        removed[origin[i]] = f.name
                else:
                    n_origin.append(None)
                    n_touched.append({f.name})
        origin, touched, cur = n_origin, n_touched, new
    return Trace(text, cur, _rows(lines, cur.split("\n"), origin, touched, removed), edits)


def _rows(old: list[str], new: list[str], origin: list[int | None], touched: list[set[str]],
          removed: dict[int, str]) -> list[Row]:
    rows: list[Row] = []
    pending = sorted(removed)
    p = 0
    for k, line in enumerate(new):
        j = origin[k]
        if j is not None:
            while p < len(pending) and pending[p] < j:
                r = pending[p]
                rows.append(Row(r + 1, old[r], None, None, (removed[r],)))
                p += 1
            rows.append(Row(j + 1, old[j], k + 1, line, tuple(sorted(touched[k], key=_order))))
        else:
            rows.append(Row(None, None, k + 1, line, tuple(sorted(touched[k], key=_order))))
    for r in pending[p:]:
        rows.append(Row(r + 1, old[r], None, None, (removed[r],)))
    return rows


def _order(name: str) -> int:
    keys = list(FILTER_COLORS)
    return keys.index(name) if name in keys else len(keys)


def summary(counts: Counter) -> str:
    """``"strip 7, pinyin 183"`` in pipeline order.

    >>> summary(Counter({"convert": 2, "strip": 1}))
    'strip 1, convert 2'
    """
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: _order(kv[0])))


# --- rendering ----------------------------------------------------------------------


def _visible(s: str) -> str:
    """Show leading/trailing spaces and empty lines, which a terminal would hide."""
    if s == "":
        return "⏎"
    core = s.strip(" \t\u3000\u00a0")
    lead = len(s) - len(s.lstrip(" \t\u3000\u00a0"))
    trail = len(s) - len(s.rstrip(" \t\u3000\u00a0"))
    if not core:
        return "·" * len(s)
    return "·" * lead + core + "·" * trail


def _styled(old: str | None, new: str | None, color: str):
    """Two rich Texts with the differing spans highlighted."""
    from rich.text import Text

    a, b = Text(), Text()
    if old is None or new is None:
        if old is not None:
            a.append(_visible(old), style=f"{color} strike")
        if new is not None:
            b.append(_visible(new), style=f"bold {color}")
        return a, b
    va, vb = _visible(old), _visible(new)
    sm = SequenceMatcher(None, va, vb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            a.append(va[i1:i2])
            b.append(vb[j1:j2])
        else:
            a.append(va[i1:i2], style=f"{color} strike")
            b.append(vb[j1:j2], style=f"bold {color} underline")
    return a, b


def _tags(filters: Iterable[str]):
    from rich.text import Text

    t = Text()
    for i, name in enumerate(filters):
        if i:
            t.append(" ")
        t.append(name, style=f"bold {FILTER_COLORS.get(name, 'white')}")
    return t


def render(tr: Trace, console, name: str = "", side_by_side: bool | None = None, all_rows: bool = False) -> None:
    """Print the changed rows of ``tr`` (all rows with ``all_rows``) to a rich ``console``."""
    from rich.markup import escape
    from rich.table import Table

    rows = tr.rows if all_rows else [r for r in tr.rows if r.changed]
    if side_by_side is None:
        side_by_side = console.width >= 120
    header = f"[bold]{escape(name)}[/bold]: " if name else ""
    changes = tr.counts()
    console.print(f"{header}{len(rows)} changed line(s); edits by filter: {escape(summary(changes)) or 'none'}")
    for e in tr.edits:
        if e.filter == "mirror":
            console.print(f"[magenta]note:[/magenta] {escape(e.note)}")
    if not rows:
        return
    if side_by_side:
        table = Table(show_lines=False, expand=True, header_style="bold")
        table.add_column("#", justify="right", no_wrap=True, style="dim")
        table.add_column("before", ratio=1, overflow="fold")
        table.add_column("after", ratio=1, overflow="fold")
        table.add_column("filter", no_wrap=True, max_width=32)
        for r in rows:
            color = FILTER_COLORS.get(r.filters[0], "white") if r.filters else "white"
            a, b = _styled(r.old, r.new, color)
            num = str(r.old_no if r.old_no is not None else f"+{r.new_no}")
            table.add_row(num, a, b, _tags(r.filters))
        console.print(table)
        return
    for r in rows:
        color = FILTER_COLORS.get(r.filters[0], "white") if r.filters else "white"
        a, b = _styled(r.old, r.new, color)
        where = f"line {r.old_no}" if r.old_no is not None else f"new line {r.new_no}"
        console.print(f"[dim]@@ {where}[/dim] ", _tags(r.filters), sep="")
        if r.old is not None:
            console.print("[red]-[/red] ", a, sep="", soft_wrap=True)
        if r.new is not None:
            console.print("[green]+[/green] ", b, sep="", soft_wrap=True)

"""Showing a batch run: a rich progress bar on a terminal, plain log lines otherwise,
and the summary table at the end (all on stderr)."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import TextIO

from .batch import FileResult, Task, summarize


def human_bytes(n: float) -> str:
    """
    >>> human_bytes(512), human_bytes(2_500_000)
    ('512 B', '2.4 MB')
    """
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


class Progress:
    """Context manager; call :meth:`update` with each :class:`FileResult`."""

    def __init__(self, tasks: Sequence[Task], stream: TextIO | None = None, fancy: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.fancy = self.stream.isatty() if fancy is None else fancy
        self.total_files = len(tasks)
        self.total_bytes = 0
        for t in tasks:
            try:
                import os

                self.total_bytes += os.path.getsize(t.src)
            except OSError:
                pass
        self.done = 0
        self._bar = None

    def __enter__(self) -> Progress:
        self.t0 = time.monotonic()
        if self.fancy:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
                TransferSpeedColumn,
            )

            self._bar = Progress(TextColumn("[bold]cleaning"), BarColumn(), DownloadColumn(),
                                 TransferSpeedColumn(), TextColumn("files"), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                 console=Console(file=self.stream), transient=False)
            self._bar.__enter__()
            self._files = self._bar.add_task("files", total=self.total_files)
            self._task = self._bar.add_task("bytes", total=max(1, self.total_bytes), visible=False)
        return self

    def update(self, r: FileResult) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._files, advance=1)
            self._bar.update(self._task, advance=r.bytes_in)
            # the visible bar tracks bytes; show it on the files row
            self._bar.update(self._files, completed=self.done)
            if r.status == "failed":
                self._bar.console.print(f"textmend: error: {r.path}: {r.error}", markup=False, highlight=False)
            return
        if r.status == "failed":
            line = f"textmend: error: {r.path}: {r.error}"
        else:
            changes = sum(r.changes.values())
            line = (f"textmend: [{self.done}/{self.total_files}] {r.status} {r.path} -> {r.output} "
                    f"({r.encoding or '-'}, {changes} change(s))")
        print(line, file=self.stream, flush=True)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


def print_summary(results: Sequence[FileResult], seconds: float, stream: TextIO | None = None) -> None:
    """The table at the end: files, bytes in/out, encodings, changes per filter, failures."""
    from rich.console import Console
    from rich.table import Table

    s = summarize(results)
    console = Console(file=stream or sys.stderr, highlight=False, soft_wrap=True)
    table = Table(title="textmend batch summary", show_header=True)
    table.add_column("what")
    table.add_column("value", overflow="fold")
    table.add_row("files", f"{s['files']} ({s['ok']} cleaned, {s['unchanged']} unchanged, "
                           f"{s['skipped']} skipped, {s['failed']} failed)")
    table.add_row("bytes in / out", f"{human_bytes(s['bytes_in'])} / {human_bytes(s['bytes_out'])}")
    rate = s["bytes_in"] / seconds if seconds > 0 else 0
    table.add_row("time", f"{seconds:.1f} s ({s['files'] / seconds if seconds > 0 else 0:.1f} files/s, "
                          f"{human_bytes(rate)}/s)")
    table.add_row("encodings", ", ".join(f"{k} {v}" for k, v in s["encodings"].items()) or "-")
    table.add_row("changes per filter", ", ".join(f"{k} {v}" for k, v in s["changes"].items()) or "-")
    for f in s["failures"]:
        table.add_row("[red]failed[/red]", f"{f['path']}: {f['error']}")
    console.print(table)

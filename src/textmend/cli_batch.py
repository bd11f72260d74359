"""The batch side of ``textmend clean`` (directories, --in-place): options checked here,
the work done by :mod:`textmend.batch`, shown by :mod:`textmend.batchview`."""

from __future__ import annotations

import os
import sys
import time

import click

from .batch import BatchOptions, discover, run, write_report
from .batchview import Progress, print_summary
from .convert import ConvertError
from .rules import RuleError


def run_batch(paths, output, *, jobs, globs, excludes, in_place, backup, resume, report, check, explain,
              opts: dict) -> None:
    """Clean a batch and exit: 0 when every file was cleaned (or skipped), 1 when any failed."""
    if "-" in paths:
        raise click.UsageError("stdin (-) cannot be part of a batch")
    if check or explain:
        raise click.UsageError("--check/--explain work on files; for directories use --report")
    if in_place and output:
        raise click.UsageError("--in-place writes over the inputs; leave out -o")
    if backup and not in_place:
        raise click.UsageError("--backup goes with --in-place")
    if not in_place and not output:
        dirs = ", ".join(p for p in paths if os.path.isdir(p))
        raise click.UsageError(f"{dirs}: is a directory; give -o OUTDIR (or --in-place)")
    if output and os.path.exists(output) and not os.path.isdir(output):
        raise click.UsageError(f"-o {output}: exists and is not a directory")
    if output:
        out_abs = os.path.realpath(output)
        for p in paths:
            if os.path.isdir(p) and out_abs == os.path.realpath(p):
                raise click.UsageError(f"-o {output}: is the input folder; use --in-place to replace inputs")
    for p in paths:
        if not os.path.exists(p):
            raise click.UsageError(f"{p}: no such file or directory")
    try:
        options = BatchOptions(**opts)
        options.pipeline()
    except (KeyError, RuleError, ConvertError) as e:
        raise click.UsageError(str(e.args[0] if isinstance(e, KeyError) else e)) from None
    tasks = discover(paths, output, globs, excludes, in_place=in_place)
    t0 = time.monotonic()
    with Progress(tasks) as progress:
        results = run(tasks, options, jobs=jobs, in_place=in_place, backup=backup, resume=resume,
                      on_result=progress.update)
    seconds = time.monotonic() - t0
    print_summary(results, seconds)
    if report:
        write_report(report, results, seconds)
    sys.exit(1 if any(r.status == "failed" for r in results) else 0)

"""The batch side of ``textmend clean`` (directories, --in-place): options checked here,
the work done by :mod:`textmend.batch`, shown by :mod:`textmend.batchview`."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time

import click

from .batch import BatchOptions, discover, run, write_report
from .batchview import Progress, print_summary
from .convert import ConvertError
from .io import write_atomic
from .rules import RuleError


def options(recipe: str | None, cli_opts: dict) -> BatchOptions:
    """The pipeline options: from the recipe when one is given (its filters and options), else the CLI's.

    Exits with a usage error (code 2) for a bad recipe, filter, rule pack or conversion.
    """
    try:
        if recipe:
            from .recipe import RecipeError, load

            try:
                opts = load(recipe)
            except RecipeError as e:
                raise click.UsageError(str(e)) from None
            overrides = {k: cli_opts[k] for k in ("encoding", "strict") if cli_opts.get(k)}
            if overrides:
                opts = dataclasses.replace(opts, **overrides)
        else:
            opts = BatchOptions(**cli_opts)
        opts.pipeline()
    except (KeyError, RuleError, ConvertError, TypeError) as e:
        raise click.UsageError(str(e.args[0] if isinstance(e, KeyError) else e)) from None
    return opts


def _error(msg: str) -> None:
    click.echo(f"textmend: error: {msg}", err=True)


def stream_if_large(path: str, output: str | None, opts: BatchOptions):
    """Stream one large input chunk by chunk (see :mod:`textmend.stream`).

    Returns True when streamed, False when it failed (error printed), None when the file
    is small (clean it whole), or the bytes of a small stdin (already read).
    """
    from .decode import DecodeError
    from .records import _atomic_target, _finish
    from .stream import STREAM_THRESHOLD, clean_stream

    threshold = int(os.environ.get("TEXTMEND_STREAM_THRESHOLD", STREAM_THRESHOLD))
    if path == "-":
        src = sys.stdin.buffer
        first = src.read(threshold)
        if len(first) < threshold:
            return first
        name = "<stdin>"
    else:
        try:
            if os.path.getsize(path) < threshold:
                return None
        except OSError:
            return None  # the normal path reports it
        src = open(path, "rb")
        first = b""
        name = path
    chunk = int(os.environ.get("TEXTMEND_STREAM_CHUNK", 0)) or None
    kw = {"chunk_chars": chunk} if chunk else {}
    try:
        if output and output != "-":
            out, tmp = _atomic_target(output)
            ok = False
            try:
                clean_stream(src, out, opts, first, **kw)
                ok = True
            finally:
                _finish(out, tmp, output, ok)
        else:
            clean_stream(src, sys.stdout.buffer, opts, first, **kw)
            sys.stdout.buffer.flush()
        return True
    except DecodeError as e:
        _error(f"{name}: {e}")
    except UnicodeEncodeError as e:
        _error(f"{name}: the result has characters {opts.output_encoding} cannot encode ({e.object[e.start:e.end]!r})")
    except OSError as e:
        _error(f"{name}: {e.strerror or e}")
    finally:
        if path != "-":
            src.close()
    return False


def run_records(paths, output, opts: BatchOptions, *, parquet: bool, field_name: str, jobs, report) -> None:
    """``--jsonl`` / ``--parquet``: clean one field of each record; exit 1 when any record failed."""
    from .records import clean_jsonl_file, clean_jsonl_stream, clean_parquet_file

    if len(paths) != 1:
        raise click.UsageError("--jsonl/--parquet take one input file")
    src = paths[0]
    try:
        if parquet:
            if src == "-" or not output or output == "-":
                raise click.UsageError("--parquet needs an input file and -o OUT.parquet")
            try:
                stats = clean_parquet_file(src, output, field_name, opts)
            except ImportError:
                raise click.UsageError("Parquet needs pyarrow: pip install 'textmend[parquet]'") from None
            except KeyError as e:
                raise click.UsageError(str(e.args[0])) from None
        elif output and output != "-":
            if src == "-":
                from .records import _atomic_target, _finish

                out, tmp = _atomic_target(output)
                ok = False
                try:
                    stats = clean_jsonl_stream(sys.stdin.buffer, out, field_name, opts, jobs or 1)
                    ok = True
                finally:
                    _finish(out, tmp, output, ok)
            else:
                stats = clean_jsonl_file(src, output, field_name, opts, jobs or os.cpu_count() or 1)
        else:
            f = sys.stdin.buffer if src == "-" else open(src, "rb")
            try:
                stats = clean_jsonl_stream(f, sys.stdout.buffer, field_name, opts, jobs or 1)
            finally:
                if src != "-":
                    f.close()
            sys.stdout.buffer.flush()
    except OSError as e:
        _error(f"{src}: {e.strerror or e}")
        sys.exit(1)
    for msg in stats.failures:
        _error(f"{src}: {msg}")
    click.echo(f"textmend: {stats.records} record(s), {stats.changed} changed, {stats.failed} failed "
               f"(kept as they were)", err=True)
    if report:
        write_atomic(report, (json.dumps({"summary": stats.to_dict()}, ensure_ascii=False, indent=1) + "\n")
                     .encode("utf-8"))
    sys.exit(1 if stats.failed else 0)


def run_ray(paths, output, opts: BatchOptions, *, address, jsonl: bool, field_name: str, globs=(), excludes=(),
            resume: bool = False, report: str | None = None) -> None:
    """``--engine ray``: the same pipeline through Ray Data; exit 1 when any file/record failed.

    A folder takes ``--glob``, ``--exclude``, ``--resume`` and ``--report`` as the local engine does."""
    try:
        from . import ray as tray
    except ImportError:
        raise click.UsageError("--engine ray needs Ray: pip install 'textmend[ray]'") from None
    if len(paths) != 1 or paths[0] == "-" or not output or output == "-":
        raise click.UsageError("--engine ray takes one input (folder or JSON Lines file) and -o OUT")
    tray.init(address)
    if jsonl:
        stats = tray.clean_jsonl_file(paths[0], output, field_name, opts)
        click.echo(f"textmend: {stats.records} record(s), {stats.changed} changed, {stats.failed} failed "
                   f"(kept as they were)", err=True)
        sys.exit(1 if stats.failed else 0)
    if not os.path.isdir(paths[0]):
        raise click.UsageError(f"{paths[0]}: --engine ray takes a folder (or a JSON Lines file with --jsonl)")
    if os.path.realpath(output) == os.path.realpath(paths[0]):
        raise click.UsageError(f"-o {output}: is the input folder")
    _run_with_progress(discover([paths[0]], output, globs, excludes), report,
                       lambda update: tray.clean_tree(paths[0], output, opts, globs=globs, excludes=excludes,
                                                      resume=resume, on_result=update))


def _run_with_progress(tasks, report: str | None, go) -> None:
    """Run ``go(on_result)`` under the progress display, print the summary table, write the
    report, and exit: 0 when every file was cleaned (or skipped), 1 when any failed."""
    t0 = time.monotonic()
    with Progress(tasks) as progress:
        results = go(progress.update)
    seconds = time.monotonic() - t0
    print_summary(results, seconds)
    if report:
        write_report(report, results, seconds)
    sys.exit(1 if any(r.status == "failed" for r in results) else 0)


def run_batch(paths, output, opts: BatchOptions, *, jobs, globs, excludes, in_place, backup, resume, report, check,
              explain) -> None:
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
    tasks = discover(paths, output, globs, excludes, in_place=in_place)
    _run_with_progress(tasks, report, lambda update: run(tasks, opts, jobs=jobs, in_place=in_place, backup=backup,
                                                         resume=resume, on_result=update))

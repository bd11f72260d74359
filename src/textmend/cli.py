"""The command line: a thin click layer over the library.

Exit codes: 0 success; 1 at least one input failed (each named on stderr);
2 usage error (bad option or value); 3 internal error (a bug: the message says so; the
traceback only with ``--debug``); 130 interrupted (Ctrl-C; no partial output left).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

import click

from . import __version__
from .convert import CONFIGS, ConvertError, convert
from .decode import DecodeError, decode, detect
from .diffview import NOTE_FILTERS, summary
from .filter import REGISTRY
from .io import DEFAULT_MAX_BYTES, InputError, read_input, write_atomic
from .mirror import MirrorReport, detect_mirror
from .pipeline import DEFAULT_STEPS, Pipeline
from .profiles import profile_names
from .rules import RuleError


def _error(msg: str) -> None:
    click.echo(f"textmend: error: {msg}", err=True)


def _print_edits(path: str, edits, as_json: bool) -> None:
    if as_json:
        for e in edits:
            click.echo(json.dumps({"file": path, **e.to_dict()}, ensure_ascii=False), err=True)
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    changes = [e for e in edits if e.filter not in NOTE_FILTERS]
    counts = summary(Counter(e.filter for e in changes))
    console.print(f"[bold]{escape(path)}[/bold]: {len(changes)} change(s)" + (f" ({escape(counts)})" if counts else ""))
    for e in edits:
        if e.filter in NOTE_FILTERS:
            console.print(f"  [magenta]note[/magenta]: {escape(e.note)}")
            continue
        where = f"line {e.line}" if e.line is not None else "document"
        note = f" [dim]({escape(e.note)})[/dim]" if e.note else ""
        before = escape(repr(e.before if len(e.before) <= 80 else e.before[:77] + "..."))
        after = escape(repr(e.after if len(e.after) <= 80 else e.after[:77] + "..."))
        console.print(f"  [cyan]{e.filter:<13}[/cyan] {where:<10} [red]{before}[/red] -> [green]{after}[/green]{note}")


#: set by the global --debug option: show tracebacks instead of one-line messages
DEBUG = False


def _internal_error(name: str, e: Exception) -> None:
    """One line for an unexpected exception (a bug) in one input; re-raised under --debug."""
    if DEBUG:
        raise e
    _error(f"{name}: internal error: {type(e).__name__}: {e} (run with --debug for the traceback)")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="textmend")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for internal errors.")
def cli(debug: bool) -> None:
    """textmend: turn damaged text back into clean text."""
    global DEBUG
    DEBUG = debug


@cli.command("clean")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=True, allow_dash=True),
              help="Write here instead of stdout (one input), or the output folder (directories).")
@click.option("-c", "--convert", "convert_to", type=click.Choice(CONFIGS), metavar="CONFIG",
              help=f"OpenCC conversion at the end: {', '.join(CONFIGS)}.")
@click.option("--encoding", help="Decode inputs with this encoding instead of detecting it.")
@click.option("--output-encoding", default="utf-8", show_default=True, help="Encoding of the output.")
@click.option("--explain", is_flag=True, help="Print every change, with the filter that made it, to stderr.")
@click.option("--explain-json", is_flag=True, help="Like --explain, as JSON Lines.")
@click.option("--skip", multiple=True, metavar="FILTER", help="Leave out a filter (repeatable).")
@click.option("--rules", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="An extra strip rule pack (TOML; repeatable).")
@click.option("--disable-rules", multiple=True, metavar="PACK", help="Disable a shipped rule pack by name.")
@click.option("--no-restore", is_flag=True, help="Plain OpenCC conversion, without mirror restoration.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse larger inputs.")
@click.option("--profile", type=click.Choice(profile_names()), default=None,
              help="Normalizations for a language (auto: per document); default: all, with their own guards.")
@click.option("--check", is_flag=True,
              help="Write nothing; list the files that would change (with per-filter counts) and exit 1 if any.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Batch: worker processes (default: the number of cores).")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN", help="Batch: only files matching (repeatable).")
@click.option("--exclude", "excludes", multiple=True, metavar="PATTERN",
              help="Batch: leave out matching files and folders (repeatable).")
@click.option("--in-place", is_flag=True, help="Batch: replace each input with its cleaned text.")
@click.option("--backup", metavar="SUFFIX", help="With --in-place: keep the original as FILE+SUFFIX.")
@click.option("--resume", is_flag=True, help="Batch: skip files whose output in OUTDIR is already done.")
@click.option("--report", "report", type=click.Path(dir_okay=False), help="Batch: write per-file facts as JSON.")
@click.option("--strict", is_flag=True, help="Fail on undecodable bytes instead of replacing them.")
@click.option("--jsonl", is_flag=True, help="Input is JSON Lines: clean one field (--field) of each record.")
@click.option("--parquet", is_flag=True, help="Input is Parquet: clean one column (--field); needs pyarrow.")
@click.option("--field", "field_name", default="text", show_default=True, help="The field/column to clean.")
@click.option("--recipe", type=click.Path(exists=True, dir_okay=False),
              help="A TOML recipe naming the filters and their options (local and Ray runs alike).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Run on this machine, or with Ray Data (pip install 'textmend[ray]').")
@click.option("--address", help="With --engine ray: the Ray cluster address (default: a local Ray).")
def clean_cmd(paths, output, convert_to, encoding, output_encoding, explain, explain_json, skip,
              rules, disable_rules, no_restore, max_bytes, profile, check, jobs, globs, excludes,
              in_place, backup, resume, report, strict, jsonl, parquet, field_name, recipe, engine,
              address) -> None:
    """Clean PATHS (files, or - for stdin; stdin when none) and print the result.

    With a directory among PATHS (or --in-place) it runs as a batch: every file is cleaned
    into OUTDIR (-o) under the same relative path, in parallel, with a summary at the end.
    """
    paths = paths or ("-",)
    from . import cli_batch

    opts = cli_batch.options(recipe, dict(convert=convert_to, encoding=encoding, output_encoding=output_encoding,
                                          skip=tuple(skip), rules=tuple(rules), disable_rules=tuple(disable_rules),
                                          restore_mirror=not no_restore, profile=profile, strict=strict,
                                          max_bytes=max_bytes))
    if engine == "ray":
        cli_batch.run_ray(paths, output, opts, address=address, jsonl=jsonl, field_name=field_name, globs=globs,
                          excludes=excludes, resume=resume, report=report)
        return
    if jsonl or parquet:
        cli_batch.run_records(paths, output, opts, parquet=parquet, field_name=field_name, jobs=jobs, report=report)
        return
    if in_place or any(p != "-" and os.path.isdir(p) for p in paths):
        cli_batch.run_batch(paths, output, opts, jobs=jobs, globs=globs, excludes=excludes, in_place=in_place,
                            backup=backup, resume=resume, report=report, check=check, explain=explain or explain_json)
        return
    if in_place or backup or resume or report or globs or excludes:
        raise click.UsageError("--in-place/--backup/--resume/--report/--glob/--exclude are for directories")
    if output and len(paths) > 1:
        raise click.UsageError("-o/--output takes one input; give one path")
    pipe = opts.pipeline()
    failed = would_change = 0
    for path in paths:
        streamed = None if (explain or explain_json or check) else cli_batch.stream_if_large(path, output, opts)
        if streamed is True:
            continue
        if streamed is False:
            failed += 1
            continue
        name = "<stdin>" if path == "-" else path
        try:
            data = streamed if isinstance(streamed, bytes) else read_input(path, max_bytes)
            edits = [] if (explain or explain_json or check) else None
            text, _ = decode(data, encoding=opts.encoding, errors="strict" if opts.strict else "replace",
                             edits=edits)
            result = pipe.run(text, edits)
            out = result.encode(opts.output_encoding, errors="strict")
        except (InputError, DecodeError) as e:
            _error(str(e) if isinstance(e, InputError) else f"{name}: {e}")
            failed += 1
            continue
        except UnicodeEncodeError as e:
            _error(f"{name}: the result has characters {output_encoding} cannot encode "
                   f"({e.object[e.start:e.end]!r}); choose another --output-encoding")
            failed += 1
            continue
        except LookupError as e:
            raise click.UsageError(str(e)) from None
        except Exception as e:  # a bug in a filter: name the file, go on with the others
            _internal_error(name, e)
            failed += 1
            continue
        if edits is not None and (explain or explain_json):
            _print_edits(name, edits, explain_json)
        if check:
            if out != data:
                would_change += 1
                counts = summary(Counter(e.filter for e in edits or () if e.filter not in NOTE_FILTERS))
                click.echo(f"would change: {name} ({counts})", err=True)
            continue
        if output and output != "-":
            try:
                write_atomic(output, out)
            except OSError as e:
                _error(f"{output}: cannot write: {e.strerror or e}")
                failed += 1
        else:
            sys.stdout.buffer.write(out)
            sys.stdout.buffer.flush()
    if check:
        click.echo(f"{would_change} file(s) would change, {len(paths) - would_change - failed} unchanged", err=True)
    sys.exit(1 if failed or (check and would_change) else 0)


@cli.command("convert")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-c", "--config", "config", type=click.Choice(CONFIGS), required=True, metavar="CONFIG",
              help=f"OpenCC config: {', '.join(CONFIGS)}.")
@click.option("--restore/--no-restore", default=False, help="Mirror restoration for t2s (著 -> 着).")
def convert_cmd(paths, config, restore) -> None:
    """Only convert Chinese script (OpenCC) of PATHS or stdin."""
    failed = 0
    for path in paths or ("-",):
        try:
            text, _ = decode(read_input(path))
        except (InputError, DecodeError) as e:
            _error(str(e) if isinstance(e, InputError) else f"{path}: {e}")
            failed += 1
            continue
        sys.stdout.write(convert(text, config, restore))
        sys.stdout.flush()
    sys.exit(1 if failed else 0)


def _mirror_report(data: bytes) -> MirrorReport:
    """Does the decoded text look like a mirrored Simplified page? (undecodable: no)"""
    try:
        text, _ = decode(data)
    except DecodeError:
        return MirrorReport(False)
    return detect_mirror(text)


@cli.command("detect")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def detect_cmd(paths, as_json) -> None:
    """Detect the encoding of PATHS (or stdin)."""
    failed = 0
    rows = []
    for path in paths or ("-",):
        try:
            data = read_input(path)
            det = detect(data)
        except InputError as e:
            _error(str(e))
            failed += 1
            continue
        rows.append((path, det, _mirror_report(data)))
    if as_json:
        for path, det, mirror in rows:
            click.echo(json.dumps({"path": path, "encoding": det.encoding, "confidence": det.confidence,
                                   "language": det.language, "reason": det.reason,
                                   "mirrored_simplified": mirror.mirrored, "mirror": mirror.describe()},
                                  ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("path", "encoding", "confidence", "language", "reason", "mirror")
        for path, det, mirror in rows:
            table.add_row(path, det.encoding, f"{det.confidence:.2f}", det.language, det.reason,
                          "looks like a mirrored Simplified page" if mirror.mirrored else "no")
        Console().print(table)
    sys.exit(1 if failed else 0)


@cli.command("diff")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-c", "--convert", "convert_to", type=click.Choice(CONFIGS), metavar="CONFIG",
              help="OpenCC conversion at the end.")
@click.option("--encoding", help="Decode inputs with this encoding instead of detecting it.")
@click.option("--skip", multiple=True, metavar="FILTER", help="Leave out a filter (repeatable).")
@click.option("--rules", multiple=True, type=click.Path(exists=True, dir_okay=False), help="An extra rule pack.")
@click.option("--disable-rules", multiple=True, metavar="PACK", help="Disable a rule pack by name.")
@click.option("--no-restore", is_flag=True, help="Plain OpenCC conversion, without mirror restoration.")
@click.option("--profile", type=click.Choice(profile_names()), default=None, help="Normalizations for a language.")
@click.option("--side-by-side/--inline", "side_by_side", default=None,
              help="Layout (default: side by side when the terminal is at least 120 columns wide).")
@click.option("--all", "all_rows", is_flag=True, help="Show unchanged lines too.")
def diff_cmd(paths, convert_to, encoding, skip, rules, disable_rules, no_restore, profile, side_by_side,
             all_rows) -> None:
    """Show what `clean` would change in PATHS, line by line, coloured by filter."""
    from rich.console import Console

    from .diffview import render, trace

    try:
        pipe = Pipeline.default(convert_to, skip=skip, rules=rules, disable_rules=disable_rules,
                                restore_mirror=not no_restore, profile=profile)
    except (KeyError, RuleError, ConvertError) as e:
        raise click.UsageError(str(e.args[0] if isinstance(e, KeyError) else e)) from None
    console = Console(highlight=False)
    failed = 0
    for path in paths or ("-",):
        name = "<stdin>" if path == "-" else path
        try:
            text, _ = decode(read_input(path), encoding=encoding)
        except (InputError, DecodeError) as e:
            _error(str(e) if isinstance(e, InputError) else f"{name}: {e}")
            failed += 1
            continue
        except LookupError as e:
            raise click.UsageError(str(e)) from None
        render(trace(text, pipe), console, name, side_by_side, all_rows)
    sys.exit(1 if failed else 0)


@cli.command("learn")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write the rule pack here (default: stdout).")
@click.option("--name", default="learned", show_default=True, help="Pack name (for --disable-rules).")
@click.option("--edge", type=click.IntRange(1, 100), default=8, show_default=True,
              help="Non-blank lines looked at from each end of a file.")
@click.option("--min-files", type=click.IntRange(2), default=3, show_default=True,
              help="A line must repeat in at least this many files of a site.")
@click.option("--min-share", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="... and in at least this share of the site's files.")
def learn_cmd(directory, output, name, edge, min_files, min_share) -> None:
    """Learn lines repeated at the head or tail of many files of a site (one directory = one site)."""
    from .learn import learn, to_toml

    result = learn(directory, edge=edge, min_files=min_files, min_share=min_share)
    for msg in result.unreadable:
        _error(msg)
    toml = to_toml(result, name, directory).encode("utf-8")
    if output == "-":
        sys.stdout.buffer.write(toml)
        sys.stdout.buffer.flush()
    else:
        try:
            write_atomic(output, toml)
        except OSError as e:
            _error(f"{output}: cannot write: {e.strerror or e}")
            sys.exit(1)
    click.echo(f"learned {result.lines} line(s) from {result.files} file(s) in {len(result.sites)} site(s)", err=True)
    sys.exit(1 if result.unreadable else 0)


@cli.command("filters")
def filters_cmd() -> None:
    """List the filters, in the default order, with one line each."""
    order = list(DEFAULT_STEPS) + [n for n in REGISTRY if n not in DEFAULT_STEPS]
    for name in order:
        cls = REGISTRY[name]
        click.echo(f"{name:<14} {cls.stage:<10} {cls.summary}")


def main() -> None:
    """Entry point: click's own errors keep exit code 2; Ctrl-C, a closed pipe and bugs
    give one line and a documented exit code instead of a traceback."""
    try:
        rv = cli.main(prog_name="textmend", standalone_mode=False)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except (KeyboardInterrupt, click.Abort):
        _error("interrupted; no partial output was left")
        sys.exit(130)
    except BrokenPipeError:
        try:  # the reader went away (| head): stop quietly
            sys.stdout = None  # type: ignore[assignment]
        finally:
            os._exit(1)
    except Exception as e:
        if DEBUG:
            raise
        _error(f"internal error: {type(e).__name__}: {e} (run with --debug for the traceback)")
        sys.exit(3)
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":
    main()

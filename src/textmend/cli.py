"""The command line: a thin click layer over the library.

Exit codes: 0 success; 1 at least one input failed (each named on stderr);
2 usage error (bad option or value).
"""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .convert import CONFIGS, ConvertError, convert
from .decode import DecodeError, decode, detect
from .filter import REGISTRY
from .io import DEFAULT_MAX_BYTES, InputError, read_input, write_atomic
from .pipeline import DEFAULT_STEPS, Pipeline
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
    console.print(f"[bold]{escape(path)}[/bold]: {len(edits)} change(s)")
    for e in edits:
        where = f"line {e.line}" if e.line is not None else "document"
        note = f" [dim]({escape(e.note)})[/dim]" if e.note else ""
        before = escape(repr(e.before if len(e.before) <= 80 else e.before[:77] + "..."))
        after = escape(repr(e.after if len(e.after) <= 80 else e.after[:77] + "..."))
        console.print(f"  [cyan]{e.filter:<13}[/cyan] {where:<10} [red]{before}[/red] -> [green]{after}[/green]{note}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="textmend")
def cli() -> None:
    """textmend: turn damaged text back into clean text."""


@cli.command("clean")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write here instead of stdout (only with one input).")
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
def clean_cmd(paths, output, convert_to, encoding, output_encoding, explain, explain_json, skip,
              rules, disable_rules, no_restore, max_bytes) -> None:
    """Clean PATHS (files, or - for stdin; stdin when none) and print the result."""
    paths = paths or ("-",)
    if output and len(paths) > 1:
        raise click.UsageError("-o/--output takes one input; give one path")
    try:
        pipe = Pipeline.default(convert_to, skip=skip, rules=rules, disable_rules=disable_rules,
                                restore_mirror=not no_restore)
    except (KeyError, RuleError, ConvertError) as e:
        raise click.UsageError(str(e.args[0] if isinstance(e, KeyError) else e)) from None
    failed = 0
    for path in paths:
        name = "<stdin>" if path == "-" else path
        try:
            data = read_input(path, max_bytes)
            edits = [] if (explain or explain_json) else None
            text, _ = decode(data, encoding=encoding, edits=edits)
            result = pipe.run(text, edits)
            out = result.encode(output_encoding, errors="strict")
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
        if edits is not None:
            _print_edits(name, edits, explain_json)
        if output and output != "-":
            try:
                write_atomic(output, out)
            except OSError as e:
                _error(f"{output}: cannot write: {e.strerror or e}")
                failed += 1
        else:
            sys.stdout.buffer.write(out)
            sys.stdout.buffer.flush()
    sys.exit(1 if failed else 0)


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


@cli.command("detect")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def detect_cmd(paths, as_json) -> None:
    """Detect the encoding of PATHS (or stdin)."""
    failed = 0
    rows = []
    for path in paths or ("-",):
        try:
            det = detect(read_input(path))
        except InputError as e:
            _error(str(e))
            failed += 1
            continue
        rows.append((path, det))
    if as_json:
        for path, det in rows:
            click.echo(json.dumps({"path": path, "encoding": det.encoding, "confidence": det.confidence,
                                   "language": det.language, "reason": det.reason}, ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("path", "encoding", "confidence", "language", "reason")
        for path, det in rows:
            table.add_row(path, det.encoding, f"{det.confidence:.2f}", det.language, det.reason)
        Console().print(table)
    sys.exit(1 if failed else 0)


@cli.command("filters")
def filters_cmd() -> None:
    """List the filters, in the default order, with one line each."""
    order = list(DEFAULT_STEPS) + [n for n in REGISTRY if n not in DEFAULT_STEPS]
    for name in order:
        cls = REGISTRY[name]
        click.echo(f"{name:<14} {cls.stage:<10} {cls.summary}")


def main() -> None:
    cli(prog_name="textmend")


if __name__ == "__main__":
    main()

"""Batch cleaning: mirror directory trees in parallel, with a per-file report.

The engine behind ``textmend clean DIR... -o OUTDIR``. Each input file becomes one
:class:`FileResult`; a failing file (binary, unreadable, undecodable under ``strict``)
is recorded with its reason and not written, and the rest of the batch runs.
Outputs are written atomically (temporary file + rename); inputs are only replaced
when ``in_place`` is set, after an optional backup copy.

>>> opts = BatchOptions(convert="t2s")
>>> clean_bytes("江蘇蘇州:孕育新質生產力\\n".encode(), opts)[0].decode()
'江苏苏州：孕育新质生产力\\n'
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .decode import DecodeError, decode
from .diffview import NOTE_FILTERS
from .io import DEFAULT_MAX_BYTES, InputError, read_input, write_atomic
from .pipeline import Pipeline


@dataclass(frozen=True)
class BatchOptions:
    """Everything a worker needs to build the pipeline and clean one file (picklable)."""

    convert: str | None = None
    encoding: str | None = None
    output_encoding: str = "utf-8"
    skip: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    restore_mirror: bool = True
    profile: str | None = None
    strict: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    #: ``[(filter name, {option: value}), ...]`` from a recipe; replaces the default chain.
    steps: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] | None = None

    def pipeline(self) -> Pipeline:
        """Build (once per process) the pipeline these options describe."""
        pipe = _PIPES.get(self)
        if pipe is None:
            if self.steps is not None:
                pipe = Pipeline.from_names([n for n, _ in self.steps], {n: dict(o) for n, o in self.steps})
            else:
                pipe = Pipeline.default(self.convert, skip=self.skip, rules=self.rules,
                                        disable_rules=self.disable_rules, restore_mirror=self.restore_mirror,
                                        profile=self.profile)
            _PIPES[self] = pipe
        return pipe


_PIPES: dict[BatchOptions, Pipeline] = {}


@dataclass
class FileResult:
    """What happened to one file (one row of the report)."""

    path: str
    output: str
    status: str = "ok"  # ok | unchanged | skipped | failed
    encoding: str | None = None
    bytes_in: int = 0
    bytes_out: int = 0
    changes: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Task:
    """One file to clean: where it comes from and where its result goes."""

    src: str
    dst: str
    rel: str


def count_changes(edits: Iterable) -> dict[str, int]:
    """Changes per filter (notes such as the decode or mirror notes are not changes)."""
    return dict(Counter(e.filter for e in edits if e.filter not in NOTE_FILTERS and e.filter != "decode"))


def clean_bytes(data: bytes, opts: BatchOptions, edits: list | None = None) -> tuple[bytes, str]:
    """Decode, clean and encode one document; returns ``(output bytes, detected encoding)``.

    Raises :class:`DecodeError` (binary, undecodable) or :class:`UnicodeEncodeError`.
    """
    text, det = decode(data, encoding=opts.encoding, errors="strict" if opts.strict else "replace", edits=edits)
    result = opts.pipeline().run(text, edits)
    return result.encode(opts.output_encoding, errors="strict"), det.encoding


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def discover(
    paths: Sequence[str],
    outdir: str | None,
    globs: Sequence[str] = (),
    excludes: Sequence[str] = (),
    in_place: bool = False,
) -> list[Task]:
    """List the files under ``paths`` (directories walked recursively, in sorted order).

    Each file keeps its path relative to the directory given; with several roots the
    root's own name is kept too so the trees do not collide. A file given by name
    lands at the top of ``outdir``. ``globs`` keep only matching files (matched against
    the relative path or the file name); ``excludes`` drop matching files and folders.
    Hidden temporary files of :func:`write_atomic` are never picked up.
    """
    tasks: list[Task] = []
    several = len(paths) > 1
    for root in paths:
        rp = Path(root)
        if rp.is_dir():
            prefix = rp.resolve().name + "/" if several else ""
            for dirpath, dirnames, filenames in os.walk(rp):
                reldir = os.path.relpath(dirpath, rp)
                reldir = "" if reldir == "." else reldir.replace(os.sep, "/") + "/"
                dirnames[:] = sorted(d for d in dirnames if not _matches(reldir + d, excludes))
                for fn in sorted(filenames):
                    rel = reldir + fn
                    if fn.startswith(".") and fn.endswith(".tmp"):
                        continue
                    if excludes and _matches(rel, excludes):
                        continue
                    if globs and not _matches(rel, globs):
                        continue
                    src = os.path.join(dirpath, fn)
                    tasks.append(Task(src, src if in_place else os.path.join(outdir or "", prefix + rel), prefix + rel))
        else:
            rel = rp.name
            tasks.append(Task(root, root if in_place else os.path.join(outdir or "", rel), rel))
    return tasks


def is_done(task: Task) -> bool:
    """``--resume``: the output exists and is not older than its input."""
    try:
        return os.stat(task.dst).st_mtime >= os.stat(task.src).st_mtime
    except OSError:
        return False


def process(task: Task, opts: BatchOptions, in_place: bool = False, backup: str | None = None) -> FileResult:
    """Clean one file into ``task.dst``; never raises for a bad input (the result says why)."""
    t0 = time.perf_counter()
    res = FileResult(task.src, task.dst)
    try:
        data = read_input(task.src, opts.max_bytes)
        res.bytes_in = len(data)
        edits: list = []
        out, res.encoding = clean_bytes(data, opts, edits)
        res.changes = count_changes(edits)
        res.bytes_out = len(out)
        if in_place:
            if out == data:
                res.status = "unchanged"
            else:
                if backup:
                    write_atomic(task.src + backup, data)
                    shutil.copystat(task.src, task.src + backup)
                write_atomic(task.dst, out)
        else:
            os.makedirs(os.path.dirname(task.dst) or ".", exist_ok=True)
            write_atomic(task.dst, out)
            if out == data:
                res.status = "unchanged"
    except InputError as e:
        res.status, res.error = "failed", str(e).split(": ", 1)[-1]
    except DecodeError as e:
        res.status, res.error = "failed", str(e)
    except UnicodeEncodeError as e:
        res.status = "failed"
        res.error = f"the result has characters {opts.output_encoding} cannot encode ({e.object[e.start:e.end]!r})"
    except OSError as e:
        res.status, res.error = "failed", f"cannot write {task.dst}: {e.strerror or e}"
    except Exception as e:  # a bug in a filter: this file fails, the batch goes on
        res.status, res.error = "failed", f"internal error: {type(e).__name__}: {e}"
    res.seconds = round(time.perf_counter() - t0, 4)
    return res


# -- running many files ------------------------------------------------------------------

_WORKER: tuple[BatchOptions, bool, str | None] | None = None


def _init_worker(opts: BatchOptions, in_place: bool, backup: str | None) -> None:
    global _WORKER
    _WORKER = (opts, in_place, backup)
    # Ctrl-C: a terminal sends SIGINT to the whole process group; workers ignore it and the
    # parent alone stops the run (see _map).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    opts.pipeline()


def _work(task: Task) -> FileResult:
    assert _WORKER is not None
    opts, in_place, backup = _WORKER
    return process(task, opts, in_place, backup)


def run(
    tasks: Sequence[Task],
    opts: BatchOptions,
    *,
    jobs: int | None = None,
    in_place: bool = False,
    backup: str | None = None,
    resume: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Clean every task with ``jobs`` worker processes (default: the number of cores).

    Results come back in the order of ``tasks``; ``on_result`` is called as each file
    finishes (for progress display).
    """
    results: dict[int, FileResult] = {}
    todo: list[tuple[int, Task]] = []
    for i, t in enumerate(tasks):
        if resume and not in_place and is_done(t):
            r = FileResult(t.src, t.dst, status="skipped")
            try:
                r.bytes_in = os.path.getsize(t.src)
            except OSError:
                pass
            results[i] = r
            if on_result:
                on_result(r)
        else:
            todo.append((i, t))
    jobs = jobs or os.cpu_count() or 1
    opts.pipeline()  # fail early (bad options) in the parent, and let fork share it
    for i, r in _map(todo, opts, jobs, in_place, backup):
        results[i] = r
        if on_result:
            on_result(r)
    return [results[i] for i in range(len(tasks))]


def _map(todo: list[tuple[int, Task]], opts: BatchOptions, jobs: int, in_place: bool,
         backup: str | None) -> Iterator[tuple[int, FileResult]]:
    if jobs <= 1 or len(todo) <= 1:
        for i, t in todo:
            yield i, process(t, opts, in_place, backup)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    chunk = max(1, min(16, len(todo) // (jobs * 8)))
    # Ctrl-C (SIGINT to the group, or to the parent alone): only the parent gets
    # KeyboardInterrupt; leaving the ``with`` calls Pool.terminate(), which SIGTERMs the
    # workers. Workers install no SIGTERM handler (a Python handler could deadlock
    # terminate()): the default action ends them at once, and write_atomic holds SIGTERM
    # while its temporary file exists, so a worker stops before or after a write, never
    # inside one (no temp file left; every output there is complete). SIGINT is blocked
    # while the workers are forked so none can take a Ctrl-C before it ignores SIGINT;
    # a Ctrl-C held meanwhile arrives inside the ``with``.
    masked = hasattr(signal, "pthread_sigmask")
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if masked else None
    try:
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(opts, in_place, backup))
    except BaseException:
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        raise
    with pool:
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        tasks = [t for _, t in todo]
        for (i, _), r in zip(todo, pool.imap(_work, tasks, chunksize=chunk)):
            yield i, r


# -- summary and report ------------------------------------------------------------------

def summarize(results: Sequence[FileResult]) -> dict:
    """The batch's totals: files by status, bytes, encodings, changes per filter, failures."""
    status = Counter(r.status for r in results)
    changes: Counter = Counter()
    for r in results:
        changes.update(r.changes)
    return {
        "files": len(results),
        "ok": status["ok"],
        "unchanged": status["unchanged"],
        "skipped": status["skipped"],
        "failed": status["failed"],
        "bytes_in": sum(r.bytes_in for r in results),
        "bytes_out": sum(r.bytes_out for r in results),
        "encodings": dict(Counter(r.encoding for r in results if r.encoding).most_common()),
        "changes": dict(changes.most_common()),
        "failures": [{"path": r.path, "error": r.error} for r in results if r.status == "failed"],
    }


def write_report(path: str, results: Sequence[FileResult], seconds: float | None = None) -> None:
    """Write the JSON report: ``{"summary": ..., "files": [...]}`` (atomically)."""
    summary = summarize(results)
    if seconds is not None:
        summary["seconds"] = round(seconds, 3)
    doc = {"summary": summary, "files": [r.to_dict() for r in results]}
    write_atomic(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

"""Cleaning one field of structured records: JSON Lines, and Parquet through pyarrow.

Every other field and the record order are kept. A record whose field cannot be cleaned
(missing, not a string, or a filter error) keeps its original text and is counted.

>>> from textmend.batch import BatchOptions
>>> stats = RecordStats()
>>> clean_jsonl_line('{"id": 7, "text": "江蘇:新質生產力"}', "text", BatchOptions(convert="t2s"), stats)
'{"id": 7, "text": "江苏：新质生产力\\\\n"}'
>>> stats.records, stats.changed, stats.failed
(1, 1, 0)
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from .batch import BatchOptions, count_changes


@dataclass
class RecordStats:
    """Counts for a run over records."""

    records: int = 0
    changed: int = 0
    failed: int = 0
    changes: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # "record N: reason" (first 100)

    def add(self, other: RecordStats) -> None:
        self.records += other.records
        self.changed += other.changed
        self.failed += other.failed
        self.changes.update(other.changes)
        self.failures.extend(other.failures[: max(0, 100 - len(self.failures))])

    def to_dict(self) -> dict:
        return {"records": self.records, "changed": self.changed, "failed": self.failed,
                "changes": dict(self.changes.most_common()), "failures": self.failures}


def clean_value(value, opts: BatchOptions, stats: RecordStats, where: str = ""):
    """Clean one field value; anything that fails comes back unchanged (and is counted)."""
    stats.records += 1
    if not isinstance(value, str):
        stats.failed += 1
        if len(stats.failures) < 100:
            stats.failures.append(f"{where}: field is {type(value).__name__}, not text")
        return value
    edits: list = []
    try:
        new = opts.pipeline().run(value, edits)
    except Exception as e:  # a filter bug must not lose the record
        stats.failed += 1
        if len(stats.failures) < 100:
            stats.failures.append(f"{where}: {type(e).__name__}: {e}")
        return value
    if new != value:
        stats.changed += 1
        stats.changes.update(count_changes(edits))
    return new


def clean_jsonl_line(line: str, field_name: str, opts: BatchOptions, stats: RecordStats, number: int = 0) -> str:
    """Clean ``field_name`` of one JSON Lines record (``line`` without its newline)."""
    if not line.strip():
        return line
    try:
        rec = json.loads(line)
    except ValueError as e:
        stats.records += 1
        stats.failed += 1
        if len(stats.failures) < 100:
            stats.failures.append(f"record {number}: not JSON ({e})")
        return line
    if not isinstance(rec, dict) or field_name not in rec:
        stats.records += 1
        stats.failed += 1
        if len(stats.failures) < 100:
            stats.failures.append(f"record {number}: no field {field_name!r}")
        return line
    old = rec[field_name]
    new = clean_value(old, opts, stats, f"record {number}")
    if new is old:
        return line  # byte for byte as it came
    rec[field_name] = new
    return json.dumps(rec, ensure_ascii=False)


def clean_jsonl_lines(lines: Iterable[str], field_name: str, opts: BatchOptions, stats: RecordStats,
                      start: int = 1) -> Iterator[str]:
    """Clean a stream of JSON Lines (each with or without its newline); yields lines with ``\\n``."""
    for n, line in enumerate(lines, start):
        yield clean_jsonl_line(line.rstrip("\r\n"), field_name, opts, stats, n) + "\n"


def _chunk_worker(args: tuple[list[str], str, BatchOptions, int]) -> tuple[list[str], RecordStats]:
    lines, field_name, opts, start = args
    stats = RecordStats()
    return list(clean_jsonl_lines(lines, field_name, opts, stats, start)), stats


def _chunks(f: BinaryIO, size: int) -> Iterator[tuple[list[str], int]]:
    buf: list[str] = []
    start = n = 1
    for raw in f:
        buf.append(raw.decode("utf-8", errors="replace"))
        n += 1
        if len(buf) >= size:
            yield buf, start
            buf, start = [], n
    if buf:
        yield buf, start


def clean_jsonl_stream(src: BinaryIO, dst: BinaryIO, field_name: str, opts: BatchOptions, jobs: int = 1,
                       chunk: int = 256) -> RecordStats:
    """Clean JSON Lines from ``src`` into ``dst`` in bounded chunks (order kept), with ``jobs`` processes."""
    stats = RecordStats()
    work = ((lines, field_name, opts, start) for lines, start in _chunks(src, chunk))
    if jobs <= 1:
        results: Iterable = map(_chunk_worker, work)
        pool = None
    else:
        import multiprocessing as mp

        pool = mp.get_context("fork").Pool(jobs)
        results = pool.imap(_chunk_worker, work)
    try:
        for lines, st in results:
            dst.write("".join(lines).encode("utf-8"))
            stats.add(st)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return stats


def _atomic_target(path: str):
    parent = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=parent)
    return os.fdopen(fd, "wb"), tmp


def _finish(f, tmp: str, path: str, ok: bool) -> None:
    if ok:
        f.flush()
        os.fsync(f.fileno())
        f.close()
        if os.path.exists(path):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        else:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    else:
        f.close()
        try:
            os.unlink(tmp)
        except OSError:
            pass


def clean_jsonl_file(src: str, dst: str, field_name: str, opts: BatchOptions, jobs: int = 1) -> RecordStats:
    """Clean a JSON Lines file into ``dst`` (written to a temporary file, then renamed)."""
    out, tmp = _atomic_target(dst)
    ok = False
    try:
        with open(src, "rb") as f:
            stats = clean_jsonl_stream(f, out, field_name, opts, jobs)
        ok = True
    finally:
        _finish(out, tmp, dst, ok)
    return stats


def clean_parquet_file(src: str, dst: str, field_name: str, opts: BatchOptions, batch_rows: int = 4096) -> RecordStats:
    """Clean one column of a Parquet file batch by batch (needs ``pip install 'textmend[parquet]'``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    stats = RecordStats()
    pf = pq.ParquetFile(src)
    if field_name not in pf.schema_arrow.names:
        raise KeyError(f"{src}: no column {field_name!r} (columns: {', '.join(pf.schema_arrow.names)})")
    out, tmp = _atomic_target(dst)
    ok = False
    writer = None
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=batch_rows):
            col = batch.column(field_name).to_pylist()
            new = []
            for v in col:
                n += 1
                new.append(clean_value(v, opts, stats, f"row {n}") if v is not None else v)
            idx = batch.schema.get_field_index(field_name)
            table = pa.Table.from_batches([batch]).set_column(idx, batch.schema.field(idx),
                                                               pa.array(new, type=batch.schema.field(idx).type))
            if writer is None:
                writer = pq.ParquetWriter(out, table.schema)
            writer.write_table(table)
        if writer is None:
            writer = pq.ParquetWriter(out, pf.schema_arrow)
        writer.close()
        ok = True
    finally:
        _finish(out, tmp, dst, ok)
    return stats

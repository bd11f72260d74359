"""Ray Data adapter: the same pipeline on a Ray cluster (``pip install 'textmend[ray]'``).

For people who already have a dataset::

    import ray, textmend.ray
    ds = ray.data.read_json("s3://corpus/")
    ds = textmend.ray.clean_dataset(ds, field="text", options=textmend.recipe.load("recipe.toml"))

Each worker builds the pipeline once (options are picklable) and cleans whole batches.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence

import ray
import ray.data

from .batch import BatchOptions, FileResult, clean_bytes, count_changes, discover, is_done
from .decode import DecodeError
from .io import write_atomic
from .records import RecordStats, clean_jsonl_line


def init(address: str | None = None, num_cpus: int | None = None) -> None:
    """Connect to ``address`` or start a local Ray (no dashboard), unless already connected."""
    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=num_cpus or os.cpu_count(), include_dashboard=False, log_to_driver=False,
                 configure_logging=False)
    ray.data.DataContext.get_current().execution_options.preserve_order = True


class CleanText:
    """A ``map_batches`` callable: cleans column ``field`` of each batch (dict of columns)."""

    def __init__(self, field: str = "text", options: BatchOptions | None = None) -> None:
        self.field = field
        self.options = options or BatchOptions()

    def __call__(self, batch: dict) -> dict:
        pipe = self.options.pipeline()
        col = batch[self.field]
        out = []
        for v in col:
            if isinstance(v, str):
                try:
                    v = pipe.run(v)
                except Exception:  # keep the record as it was
                    pass
            out.append(v)
        batch = dict(batch)
        batch[self.field] = out
        return batch


def clean_dataset(ds: ray.data.Dataset, field: str = "text", options: BatchOptions | None = None,
                  batch_size: int = 256) -> ray.data.Dataset:
    """Clean one text column of a Ray dataset; other columns and the row order are kept."""
    return ds.map_batches(CleanText(field, options), batch_size=batch_size, batch_format="numpy")


class _CleanFiles:
    def __init__(self, options: BatchOptions) -> None:
        self.options = options

    def __call__(self, batch: dict) -> dict:
        outs, encs, errors, changes, same = [], [], [], [], []
        for data in batch["bytes"]:
            edits: list = []
            data = bytes(data)
            try:
                out, enc = clean_bytes(data, self.options, edits)
                outs.append(out)
                encs.append(enc)
                errors.append("")
            except (DecodeError, UnicodeEncodeError) as e:
                out = b""
                outs.append(out)
                encs.append("")
                errors.append(str(e) if isinstance(e, DecodeError) else "the result cannot be encoded")
            changes.append(json.dumps(count_changes(edits)))
            same.append(out == data)
        return {"path": list(batch["path"]), "out": outs, "encoding": encs, "error": errors, "changes": changes,
                "same": same}


def clean_tree(src: str, outdir: str, options: BatchOptions, batch_size: int = 16, *,
               globs: Sequence[str] = (), excludes: Sequence[str] = (), resume: bool = False,
               on_result: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Mirror the folder ``src`` into ``outdir``: files read by Ray Data, cleaned by ``map_batches``
    on the workers, written atomically by the driver in order (the same bytes as the local engine).

    ``globs``/``excludes`` choose the files and ``resume`` skips finished outputs exactly as the
    local engine does (:func:`textmend.batch.discover`, :func:`textmend.batch.is_done`); the
    results carry the same facts per file as the local engine's report.
    """
    tasks = discover([src], outdir, globs, excludes)
    results: dict[str, FileResult] = {}
    todo = []
    for t in tasks:
        if resume and is_done(t):
            r = results[t.src] = FileResult(t.src, t.dst, status="skipped", bytes_in=os.path.getsize(t.src))
            if on_result:
                on_result(r)
        else:
            todo.append(t)
    if todo:
        dst = {os.path.abspath(t.src): t for t in todo}
        ds = ray.data.read_binary_files([t.src for t in todo], include_paths=True)
        ds = ds.map_batches(_CleanFiles(options), batch_size=batch_size, batch_format="numpy")
        for row in ds.iter_rows():
            path = os.path.abspath(row["path"])
            t = dst[path if path in dst else "/" + str(row["path"]).lstrip("/")]
            r = FileResult(t.src, t.dst, encoding=row["encoding"] or None)
            r.bytes_in = os.path.getsize(t.src)
            if row["error"]:
                r.status, r.error = "failed", row["error"]
            else:
                out = bytes(row["out"])
                r.changes = json.loads(row["changes"])
                try:
                    os.makedirs(os.path.dirname(t.dst) or ".", exist_ok=True)
                    write_atomic(t.dst, out)
                    r.bytes_out = len(out)
                    if row["same"]:
                        r.status = "unchanged"
                except OSError as e:
                    r.status, r.error = "failed", f"cannot write {t.dst}: {e.strerror or e}"
            results[t.src] = r
            if on_result:
                on_result(r)
    return [results[t.src] for t in tasks if t.src in results]


def clean_jsonl_file(src: str, dst: str, field: str, options: BatchOptions) -> RecordStats:
    """Clean one field of a JSON Lines file with Ray Data (read_text, map_batches), order kept."""
    opts = options

    def lines(batch: dict) -> dict:
        stats = RecordStats()
        out = [clean_jsonl_line(line, field, opts, stats) for line in batch["text"]]
        return {"text": out, "failed": [stats.failed] + [0] * (len(out) - 1),
                "changed": [stats.changed] + [0] * (len(out) - 1)}

    ds = ray.data.read_text(src).map_batches(lines, batch_size=256, batch_format="numpy")
    stats = RecordStats()
    parts = []
    for row in ds.iter_rows():
        parts.append(row["text"] + "\n")
        stats.records += 1 if row["text"].strip() else 0
        stats.failed += int(row["failed"])
        stats.changed += int(row["changed"])
    write_atomic(dst, "".join(parts).encode("utf-8"))
    return stats

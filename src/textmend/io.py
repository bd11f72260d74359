"""Reading inputs and writing outputs safely (atomic writes, clear errors)."""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

#: Refuse inputs larger than this unless the caller raises it (bytes).
DEFAULT_MAX_BYTES = 1 << 30


class InputError(OSError):
    """An input could not be read; the message names the file and says why."""


def read_input(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file (or ``-`` for stdin) as bytes, with a one-line error on failure."""
    if path == "-":
        return _read_bounded(sys.stdin.buffer, "<stdin>", max_bytes)
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path}: is a directory (give files, or see 'textmend clean --help')")
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            raise InputError(f"{path}: not a regular file (a device or socket)")
        if st.st_size > max_bytes:
            raise InputError(f"{path}: {st.st_size} bytes is over the limit of {max_bytes} (raise --max-bytes)")
        with open(p, "rb") as f:
            return _read_bounded(f, path, max_bytes)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied (check the file's permissions)") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as e:
        if isinstance(e, InputError):
            raise
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None


def _read_bounded(f: BinaryIO, name: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` (a file that grows while read, a pipe, stdin: the
    size checked before reading is not the size read)."""
    data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: more than {max_bytes} bytes (it grew while read, or is a stream; "
                         "raise --max-bytes)")
    return data


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename,
    so a reader never sees a half-written file and a crash leaves the old file intact."""
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    with _termination_deferred():
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            if p.exists():
                os.chmod(tmp, p.stat().st_mode & 0o7777)
            else:  # mkstemp makes 0600; a new file gets the usual mode (0666 less the umask)
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(tmp, 0o666 & ~mask)
            os.replace(tmp, p)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


#: Signals whose default action kills the process without running any Python code.
_DEFERRED = frozenset(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))


@contextmanager
def _termination_deferred() -> Iterator[None]:
    """Hold SIGTERM and SIGHUP while a temporary file exists, then let them act.

    Their default action ends the process at once, with no ``except``/``finally`` run, so
    a batch worker stopped by ``Pool.terminate()`` (after Ctrl-C in the parent) in the middle
    of :func:`write_atomic` would leave its temporary file behind. Blocked, the signal waits
    until the write is finished (renamed) or undone (removed), and then ends the process as
    before. This holds for a single-threaded process (a batch worker); elsewhere it is harmless.
    SIGKILL cannot be held.
    """
    if not _DEFERRED or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)

"""Reading inputs and writing outputs safely (atomic writes, clear errors)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

#: Refuse inputs larger than this unless the caller raises it (bytes).
DEFAULT_MAX_BYTES = 1 << 30


class InputError(OSError):
    """An input could not be read; the message names the file and says why."""


def read_input(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file (or ``-`` for stdin) as bytes, with a one-line error on failure."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory (give files, or see 'textmend clean --help')")
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes is over the limit of {max_bytes} (raise --max-bytes)")
        return p.read_bytes()
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


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename,
    so a reader never sees a half-written file and a crash leaves the old file intact."""
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
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

"""Safe output: every file is written to a temporary file beside it, then renamed into place,
so a failed or interrupted build leaves earlier outputs intact and no partial file."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def _temp(path: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file beside ``path``; returns its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode())        # mkstemp makes 0600: outputs are for others too
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        _remove(tmp)
        if exc.filename is None:           # name the file the disk could not take
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _file_mode() -> int:
    """The permissions a new file gets under the process's umask (usually 0644)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def write_all(files: dict[Path, bytes]) -> dict[Path, str]:
    """Write several files: all to temporary files first, then each renamed into place, so
    that a failure while writing leaves every earlier output as it was.  Returns sha256s."""
    temps: dict[Path, str] = {}
    try:
        for path, data in files.items():
            temps[path] = _temp(path, data)
        for path, tmp in temps.items():
            os.replace(tmp, path)
    except BaseException:
        for tmp in temps.values():
            _remove(tmp)
        raise
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}


def write_atomic(path: Path, data: bytes) -> str:
    """Write one file atomically; returns its sha256."""
    return write_all({path: data})[path]

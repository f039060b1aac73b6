"""Publish a build's outputs as one set: every file is written into a fresh folder beside
the output folder, then the two folders are exchanged in one step, so a reader — a
printer's hot folder, an archivist, the next build — sees the complete old set or the
complete new set, never a mix, whatever instant the build is killed at.

A lock beside the output folder makes a second build into the same folder wait; folders
left by a killed build are removed by the next one.  Files are created with the user's
umask (0644 typically), so services running as other users can read them.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from layout.diagnostics import fail

#: How long a build waits for another build writing the same output folder.
LOCK_WAIT_S = 600.0
_RENAME_EXCHANGE = 2


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False when the system
    or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(path: Path, data: bytes, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o777 & ~_umask())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        if exc.filename is None:           # name the file the disk could not take
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


class Publisher:
    """The output folder of builds: its lock, its staging folders, its swap."""

    def __init__(self, out: Path):
        self.out = Path(out).absolute()
        self.parent = self.out.parent
        self.stem = f".{self.out.name}"

    @contextmanager
    def locked(self, wait: float = LOCK_WAIT_S, notice=lambda message: None
               ) -> Iterator[None]:
        """Hold the output folder's lock; another build waits up to ``wait`` seconds."""
        self.parent.mkdir(parents=True, exist_ok=True)
        path = self.parent / f"{self.stem}.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666 & ~_umask())
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                notice(f"waiting for another build writing {self.out}")
                deadline = time.monotonic() + wait
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > deadline:
                            raise fail("output-locked", f"another build has been writing "
                                       f"{self.out} for over {wait:.0f} s", file=self.out,
                                       hint="wait for it to finish, or build into another "
                                            "folder") from None
                        time.sleep(0.2)
            self._clean()
            yield
        finally:
            os.close(fd)

    def _clean(self) -> None:
        """Remove what a killed build left: staging folders, and an old set that a swap
        without exchange left behind (restored if the new one never arrived)."""
        for leftover in sorted(self.parent.glob(f"{self.stem}.old-*")):
            if not self.out.exists():
                os.rename(leftover, self.out)
            else:
                shutil.rmtree(leftover, ignore_errors=True)
        for leftover in self.parent.glob(f"{self.stem}.new-*"):
            shutil.rmtree(leftover, ignore_errors=True)

    def publish(self, files: dict[str, bytes], keep_outputs: bool = False
                ) -> dict[str, str]:
        """Make ``files`` (paths relative to the output folder) the output folder's
        contents in one step.  What the old folder holds that builds do not make (see
        :func:`owned`) is carried over unchanged; so are the old outputs when
        ``keep_outputs`` (a failed build adds its report and keeps the last good set).
        Returns the sha256 of each file written.  Call while holding :meth:`locked`."""
        mask = _umask()
        stage = self.parent / f"{self.stem}.new-{os.getpid()}-{time.monotonic_ns()}"
        os.mkdir(stage, 0o777 & ~mask)
        try:
            hashes = {}
            for name, data in sorted(files.items()):
                _write(stage / name, data, 0o666 & ~mask)
                hashes[name] = hashlib.sha256(data).hexdigest()
            if self.out.is_dir():
                for entry in self.out.iterdir():
                    top = entry.name
                    if top in files or any(n.startswith(top + "/") for n in files):
                        continue
                    if keep_outputs or not owned(top):
                        _link_tree(entry, stage / top)
            for folder in {stage / Path(n).parent for n in files} | {stage}:
                _fsync_dir(folder)
            self._swap(stage)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        return hashes

    def _swap(self, stage: Path) -> None:
        if self.out.is_symlink() or (self.out.exists() and not self.out.is_dir()):
            raise fail("output-not-folder", f"{self.out} exists and is not a folder",
                       file=self.out, hint="give --out a folder of its own")
        if not self.out.exists():
            os.rename(stage, self.out)
        elif _exchange(stage, self.out):
            shutil.rmtree(stage, ignore_errors=True)      # now the old set
        else:                                             # two renames; _clean mends a kill
            old = self.parent / f"{self.stem}.old-{os.getpid()}"
            os.rename(self.out, old)
            os.rename(stage, self.out)
            shutil.rmtree(old, ignore_errors=True)
        _fsync_dir(self.parent)


#: Top-level names a build makes in its output folder.
OWNED_PREFIXES = ("page-", "edition.pdf", "report.json", "epaper", "alto", "mets.xml")


def owned(name: str) -> bool:
    """Is ``name`` (an entry of the output folder) something builds make?"""
    return name.startswith(OWNED_PREFIXES)


def _link_tree(source: Path, target: Path) -> None:
    """Carry ``source`` into the new set: hard links (same bytes, no copy), copies where
    linking is not possible."""
    if source.is_dir() and not source.is_symlink():
        target.mkdir()
        for entry in source.iterdir():
            _link_tree(entry, target / entry.name)
        return
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)

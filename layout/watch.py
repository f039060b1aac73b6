"""``epaper build --watch``: build, then build again whenever a file of the edition changes
(its folder's files, and the files it reads from elsewhere: a packaged style sheet, an
allowed folder's pictures), for the editor who keeps the PDF open.  Changes are found by
polling modification times, so nothing beyond the standard library is needed; a burst of
saves makes one build."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, Iterable

#: Seconds between two looks at the files, and the quiet time a burst of saves must end
#: with before the build starts.
INTERVAL, SETTLE = 0.5, 0.3
#: Files and folders a build writes or editors leave that are not the edition's input.
IGNORED_NAMES = frozenset({"fonts.lock", ".git", "__pycache__", ".DS_Store"})
IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", ".part", "~")

Snapshot = dict[str, tuple[int, int]]


def snapshot(folder: Path, extra: Iterable[Path] = (), skip: Iterable[Path] = ()) -> Snapshot:
    """Modification time and size of every file under ``folder`` (except the output folder
    and editors' temporary files) and of the ``extra`` files."""
    folder = Path(folder)
    skipped = {os.path.realpath(p) for p in skip}
    out: Snapshot = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in IGNORED_NAMES and not d.startswith(".")
                   and os.path.realpath(os.path.join(root, d)) not in skipped]
        for name in files:
            if name in IGNORED_NAMES or name.endswith(IGNORED_SUFFIXES) or \
                    name.startswith(".#"):
                continue
            _stat(os.path.join(root, name), out)
    for path in extra:
        _stat(str(path), out)
    return out


def _stat(path: str, out: Snapshot) -> None:
    try:
        st = os.stat(path)
    except OSError:
        return                                 # gone between listing and looking
    out[path] = (st.st_mtime_ns, st.st_size)


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """The files added, removed or modified between two snapshots."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def watch(folder: Path, build_once: Callable[[], Iterable[Path]], *,
          skip: Iterable[Path] = (), notice: Callable[[str], None] = print,
          interval: float = INTERVAL, settle: float = SETTLE,
          stop: Callable[[], bool] = lambda: False) -> None:
    """Run ``build_once`` (which returns the input files outside ``folder`` it read), then
    again after every change, until Ctrl-C (KeyboardInterrupt) or ``stop()``."""
    extra = list(build_once())
    before = snapshot(folder, extra, skip)
    notice(f"watching {len(before)} files of {folder}; Ctrl-C stops")
    while not stop():
        time.sleep(interval)
        now = snapshot(folder, extra, skip)
        files = changed(before, now)
        if not files:
            continue
        while True:                       # let a burst of saves finish
            time.sleep(settle)
            later = snapshot(folder, extra, skip)
            if later == now:
                break
            now = later
        shown = ", ".join(os.path.relpath(f, folder) for f in files[:3])
        more = f" and {len(files) - 3} more" if len(files) > 3 else ""
        notice(f"changed: {shown}{more}; building")
        before = now                      # a save during the build makes another one
        found = list(build_once())
        if found != extra:                # the edition now reads other outside files
            extra = found
            before = snapshot(folder, extra, skip)

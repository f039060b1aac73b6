"""Results kept between builds, keyed by everything they depend on: an input file read
and validated (its path and bytes), a slot's composition
(the slot, its article, the styles, the fonts by fingerprint, the text handed on to it,
its pictures' files) and a page's finished PDF (its page model and the render settings).
An edit re-lays only the slots it touches and re-renders only their pages; the bytes are
the same as a full build's, because a result is only ever reused for equal inputs.

Entries are written atomically with the user's umask; one that cannot be read (cut short
by a crash, written by another version) is discarded and made again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from layout import __version__

#: Bump when what is cached changes shape.
FORMAT = 1


_CODE: list[str] = []


def code() -> str:
    """A digest of epaper's own code: results made by other code are never reused, even
    when the version number did not change."""
    if not _CODE:
        h = hashlib.sha256()
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
        _CODE.append(h.hexdigest())
    return _CODE[0]


def digest(*parts: Any) -> str:
    """A key for ``parts``: plain values and dataclasses, whose repr is the same whenever
    they are equal (pickle's bytes are not: they depend on which equal objects are
    shared)."""
    return hashlib.sha256(repr((__version__, code(), FORMAT, parts)).encode("utf-8")
                          ).hexdigest()


class Store:
    """One kind of cached result in a folder of the cache."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder is not None else None
        self.hits = self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        value = self.read(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def read(self, key: str) -> Any | None:
        """The entry, or None (none, or one that cannot be read: removed), uncounted."""
        if self.folder is None:
            return None
        path = self._path(key)
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:                 # cut short, foreign, older: make it again
            try:
                path.unlink()
            except OSError:
                pass
            return None

    def put(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=5)
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
            os.replace(tmp, path)
        except OSError:
            pass                          # a cache that cannot be written is no cache


class NotCached(Exception):
    """A slot not in the cache while :attr:`Caches.probing`: the page is composed
    elsewhere."""


class Caches:
    """The caches a build uses (none when ``folder`` is None).  While ``probing``, a slot
    not in the cache raises :class:`NotCached` instead of being composed (and its miss
    is counted where it is)."""

    def __init__(self, folder: Path | None):
        self.probing = False
        root = Path(folder) / f"build-v{FORMAT}" if folder is not None else None
        self.slots = Store(root / "slots" if root else None)
        self.pages = Store(root / "pages" if root else None)
        self.files = Store(root / "files" if root else None)

    def stats(self) -> dict:
        return {"slots": {"hits": self.slots.hits, "misses": self.slots.misses},
                "pages": {"hits": self.pages.hits, "misses": self.pages.misses},
                "files": {"hits": self.files.hits, "misses": self.files.misses}}


def file_state(path: Path | None) -> tuple | None:
    """What says a file is unchanged without reading it: size, mtime, inode."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (str(path), st.st_size, st.st_mtime_ns, st.st_ino)


#: fontconfig's caches change when fonts are installed or removed: a family name may then
#: find another file.
FONTCONFIG_CACHES = (Path("/var/cache/fontconfig"), Path.home() / ".cache" / "fontconfig")


def fingerprint(files: list[str], options: dict) -> str:
    """What an edition's build depends on, read without reading the files: the state
    of every file it was built from (and of the folders whose listing it reads), of
    fontconfig's caches, the options and the versions."""
    from layout.report import versions
    states = [file_state(Path(f)) for f in files]
    fonts = [file_state(d) for d in FONTCONFIG_CACHES]
    return digest("inputs", states, fonts, sorted(options.items()), versions())

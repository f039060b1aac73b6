"""One face of a font file: identity (path, collection index, fingerprint) and the metrics
the text engine needs (cmap coverage, advance widths in em)."""

from __future__ import annotations

import hashlib
import re
from functools import cached_property
from pathlib import Path

from fontTools.ttLib import TTFont

_HASHES: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path) -> str:
    """sha256 of a font file, remembered per (path, size, mtime) for the process."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _HASHES:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        _HASHES[key] = h.hexdigest()
    return _HASHES[key]


class Face:
    """A face of an OpenType file (.ttf, .otf, or one member of a .ttc/.otc).

    Faces compare equal when they are the same face of the same bytes; metrics are read
    lazily, so resolving a font set costs only the cmap of the faces actually used.
    """

    vertical = False        # a VerticalFace draws the vertical alternates

    def __init__(self, path: Path, index: int = 0):
        self.path = Path(path)
        self.index = index
        self.sha256 = file_sha256(self.path)
        self._advance: dict[str, float] = {}

    # identity -------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Face) and (self.sha256, self.index) == (other.sha256,
                                                                        other.index)

    def __hash__(self) -> int:
        return hash((self.sha256, self.index))

    def __repr__(self) -> str:
        return f"Face({self.postscript_name!r}, {self.path.name}#{self.index})"

    # the font itself --------------------------------------------------------------------
    @cached_property
    def font(self) -> TTFont:
        return TTFont(str(self.path), fontNumber=self.index, lazy=True)

    def _name(self, *ids: int) -> str:
        table = self.font["name"]
        for i in ids:
            record = table.getName(i, 3, 1, 0x409) or table.getName(i, 1, 0, 0)
            text = record.toUnicode() if record else table.getDebugName(i)
            if text:
                return str(text)
        return ""

    @cached_property
    def postscript_name(self) -> str:
        return self._name(6) or f"{self.path.stem}-{self.index}"

    @cached_property
    def family(self) -> str:
        return self._name(16, 1)

    @cached_property
    def style(self) -> str:
        return self._name(17, 2)

    @cached_property
    def version(self) -> str:
        return self._name(5)

    @cached_property
    def key(self) -> str:
        """A short name unique to this face and these bytes (for font registration)."""
        ps = re.sub(r"[^A-Za-z0-9-]", "", self.postscript_name) or "font"
        return f"{ps}-{self.sha256[:8]}"

    @cached_property
    def is_cff(self) -> bool:
        return "CFF " in self.font or "CFF2" in self.font

    @cached_property
    def units_per_em(self) -> int:
        return int(self.font["head"].unitsPerEm)

    @cached_property
    def ascender(self) -> float:
        """Typographic ascender in em."""
        os2 = self.font["OS/2"] if "OS/2" in self.font else None
        value = os2.sTypoAscender if os2 is not None else self.font["hhea"].ascent
        return value / self.units_per_em

    @cached_property
    def descender(self) -> float:
        """Typographic descender in em (negative below the baseline)."""
        os2 = self.font["OS/2"] if "OS/2" in self.font else None
        value = os2.sTypoDescender if os2 is not None else self.font["hhea"].descent
        return value / self.units_per_em

    @cached_property
    def fs_type(self) -> int:
        """OS/2 embedding permissions (0: installable)."""
        return int(self.font["OS/2"].fsType) if "OS/2" in self.font else 0

    @cached_property
    def cmap(self) -> dict[int, str]:
        return self.font.getBestCmap() or {}

    @cached_property
    def _metrics(self) -> dict:
        return self.font["hmtx"].metrics

    # what the text engine asks --------------------------------------------------------------
    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap

    def glyph(self, ch: str) -> str | None:
        return self.cmap.get(ord(ch))

    def advance(self, ch: str) -> float:
        """Advance width of ``ch`` in em (the .notdef width when the face lacks it)."""
        width = self._advance.get(ch)
        if width is None:
            name = self.cmap.get(ord(ch), ".notdef")
            units = self._metrics.get(name, self._metrics.get(".notdef", (self.units_per_em, 0)))
            width = self._advance[ch] = units[0] / self.units_per_em
        return width

    def chars(self) -> frozenset[str]:
        return frozenset(chr(c) for c in self.cmap)

    def describe(self) -> dict:
        return {"file": str(self.path), "index": self.index, "face": self.postscript_name,
                "family": self.family, "style": self.style, "version": self.version,
                "sha256": self.sha256, "outlines": "CFF" if self.is_cff else "TrueType"}


class DerivedFace(Face):
    """The same face drawn another way (vertical forms, a variation selector): a font of
    its own in the PDF, everything read from the font being the base face's."""

    def __init__(self, base: Face):
        self.base = base
        self.path, self.index, self.sha256 = base.path, base.index, base.sha256
        self._advance = base._advance

    font = property(lambda self: self.base.font)
    cmap = property(lambda self: self.base.cmap)
    postscript_name = property(lambda self: self.base.postscript_name)
    family = property(lambda self: self.base.family)
    style = property(lambda self: self.base.style)
    version = property(lambda self: self.base.version)
    is_cff = property(lambda self: self.base.is_cff)
    units_per_em = property(lambda self: self.base.units_per_em)
    fs_type = property(lambda self: self.base.fs_type)
    _metrics = property(lambda self: self.base._metrics)

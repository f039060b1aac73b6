"""One face of a font file: identity (path, collection index, fingerprint) and what the
text engine asks of it (coverage, glyph ids, advance widths in em, vertical alternates,
variation sequences), read through HarfBuzz without parsing the font in Python."""

from __future__ import annotations

import re
import struct
from functools import cached_property
from pathlib import Path

from layout.display import FaceKey

_HASHES: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path) -> str:
    """sha256 of a font file, remembered per (path, size, mtime) for the process."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _HASHES:
        from layout.spec.inputs import sha256_file
        _HASHES[key] = sha256_file(path)
    return _HASHES[key]


class Face:
    """A face of an OpenType file (.ttf, .otf, or one member of a .ttc/.otc).

    Faces compare equal when they are the same face of the same bytes.  The file is
    mapped, not parsed: HarfBuzz answers cmap, advance and substitution questions in C.
    """

    def __init__(self, path: Path, index: int = 0, sha256: str | None = None):
        self.path = Path(path)
        self.index = index
        self.sha256 = sha256 or file_sha256(self.path)
        self._gid: dict[str, int | None] = {}
        self._advance: dict[str, float] = {}

    # identity -------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Face) and (self.sha256, self.index) == (other.sha256,
                                                                        other.index)

    def __hash__(self) -> int:
        return hash((self.sha256, self.index))

    def __repr__(self) -> str:
        return f"Face({self.postscript_name!r}, {self.path.name}#{self.index})"

    @cached_property
    def key(self) -> FaceKey:
        """The face as the page model names it."""
        return FaceKey(self.sha256, self.index, str(self.path), self.postscript_name)

    @cached_property
    def short_name(self) -> str:
        """A name unique to this face and these bytes, usable in file and PDF names."""
        ps = re.sub(r"[^A-Za-z0-9-]", "", self.postscript_name) or "font"
        return f"{ps}-{self.sha256[:8]}"

    # the font itself ------------------------------------------------------------------
    @cached_property
    def hb_face(self):
        import uharfbuzz as hb
        return hb.Face(hb.Blob.from_file_path(str(self.path)), self.index)

    @cached_property
    def hb_font(self):
        import uharfbuzz as hb
        return hb.Font(self.hb_face)    # scale: font units

    def table(self, tag: str) -> bytes:
        return bytes(self.hb_face.reference_table(tag).data)

    @cached_property
    def tables(self) -> frozenset[str]:
        return frozenset(self.hb_face.table_tags)

    def _name(self, *ids: int) -> str:
        for i in ids:
            text = self.hb_face.get_name(i)
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
    def is_cff(self) -> bool:
        return "CFF " in self.tables or "CFF2" in self.tables

    @cached_property
    def units_per_em(self) -> int:
        return int(self.hb_face.upem)

    @cached_property
    def _os2(self) -> bytes:
        return self.table("OS/2")

    @cached_property
    def ascender(self) -> float:
        """Typographic ascender in em."""
        if len(self._os2) >= 72:
            return struct.unpack(">h", self._os2[68:70])[0] / self.units_per_em
        return self.hb_font.get_font_extents("ltr").ascender / self.units_per_em

    @cached_property
    def descender(self) -> float:
        """Typographic descender in em (negative below the baseline)."""
        if len(self._os2) >= 72:
            return struct.unpack(">h", self._os2[70:72])[0] / self.units_per_em
        return self.hb_font.get_font_extents("ltr").descender / self.units_per_em

    @cached_property
    def fs_type(self) -> int:
        """OS/2 embedding permissions (0: installable)."""
        return struct.unpack(">H", self._os2[8:10])[0] if len(self._os2) >= 10 else 0

    def is_font(self) -> bool:
        """Does the file hold a usable face (a cmap, glyphs, a head table)?"""
        return self.hb_face.glyph_count > 0 and {"cmap", "head"} <= self.tables

    # what the text engine asks --------------------------------------------------------
    def gid(self, ch: str) -> int | None:
        """The glyph id of ``ch``, or None when the face lacks it."""
        try:
            return self._gid[ch]
        except KeyError:
            gid = self.hb_font.get_nominal_glyph(ord(ch))
            self._gid[ch] = gid
            return gid

    def has(self, ch: str) -> bool:
        return self.gid(ch) is not None

    def glyph_advance(self, gid: int) -> float:
        """Advance width of glyph ``gid`` in em."""
        return self.hb_font.get_glyph_h_advance(gid) / self.units_per_em

    def advance(self, ch: str) -> float:
        """Advance width of ``ch`` in em (the .notdef width when the face lacks it)."""
        width = self._advance.get(ch)
        if width is None:
            width = self._advance[ch] = self.glyph_advance(self.gid(ch) or 0)
        return width

    def variation_gid(self, base: str, selector: str) -> int | None:
        """The glyph of the variation sequence ``base`` + ``selector`` when the face gives
        it a glyph of its own (cmap format 14), else None."""
        gid = self.hb_font.get_variation_glyph(ord(base), ord(selector))
        return gid if gid is not None and gid != self.gid(base) else None

    def vertical_gid(self, ch: str) -> int | None:
        """The glyph the face draws for ``ch`` in vertical text (GSUB vert/vrt2), when it
        differs from the horizontal one."""
        memo = self.__dict__.setdefault("_vertical", {})
        if ch not in memo:
            import uharfbuzz as hb
            gid = self.gid(ch)
            found = None
            if gid is not None:
                buf = hb.Buffer()
                buf.add_str(ch)
                buf.guess_segment_properties()
                buf.direction = "ttb"
                hb.shape(self.hb_font, buf, {"vert": True, "vrt2": True})
                infos = buf.glyph_infos
                if len(infos) == 1 and infos[0].codepoint not in (0, gid):
                    found = infos[0].codepoint
            memo[ch] = found
        return memo[ch]

    def chars(self) -> frozenset[str]:
        return frozenset(chr(c) for c in self.hb_face.unicodes)

    def describe(self) -> dict:
        return {"file": str(self.path), "index": self.index, "face": self.postscript_name,
                "family": self.family, "style": self.style, "version": self.version,
                "sha256": self.sha256, "outlines": "CFF" if self.is_cff else "TrueType"}


class VariantFace(Face):
    """The face drawing one variation selector's glyphs (葛󠄀 with U+E0100): what the text
    engine sets such a sequence with; the page model names the base face and the
    sequence's glyph id."""

    def __init__(self, base: Face, selector: int):
        self.base = base
        self.selector = selector
        self.path, self.index, self.sha256 = base.path, base.index, base.sha256
        self._gid, self._advance = {}, {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VariantFace) and (self.base, self.selector) == \
            (other.base, other.selector)

    def __hash__(self) -> int:
        return hash((self.sha256, self.index, self.selector))

    def __repr__(self) -> str:
        return f"VariantFace({self.base!r}, U+{self.selector:04X})"

    hb_face = property(lambda self: self.base.hb_face)
    hb_font = property(lambda self: self.base.hb_font)
    key = property(lambda self: self.base.key)
    postscript_name = property(lambda self: self.base.postscript_name)
    units_per_em = property(lambda self: self.base.units_per_em)

    def gid(self, ch: str) -> int | None:
        """The sequence's glyph for a base character, else the base face's glyph."""
        return self.base.variation_gid(ch, chr(self.selector)) or self.base.gid(ch)

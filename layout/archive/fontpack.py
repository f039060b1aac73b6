"""The fonts of a pack: for each face an edition is set with, a subset holding exactly the
characters the layout asked it about, with the glyph ids kept (HarfBuzz ``RETAIN_GIDS``),
so that the layout and the PDF writer get the same answers — and the same bytes — from the
subset as from the whole font.  And the font library a rebuild from a pack uses: only
those subsets, each standing for the face it was cut from, never a system font."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from layout.diagnostics import fail
from layout.fonts.face import Face, file_sha256
from layout.fonts.library import FontLibrary


class RecordingFace(Face):
    """A face that remembers every question the layout asks it.  It equals only itself:
    a cache keyed by faces (variation faces are memoised per process) must never hand
    the layout another object of the same font, whose questions would go unrecorded."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __init__(self, path: Path, index: int = 0, sha256: str | None = None):
        super().__init__(path, index, sha256)
        self.asked: set[str] = set()
        self.asked_vertical: set[str] = set()
        self.asked_variations: set[tuple[str, str]] = set()

    def gid(self, ch: str) -> int | None:
        self.asked.add(ch)
        return super().gid(ch)

    def vertical_gid(self, ch: str) -> int | None:
        self.asked_vertical.add(ch)
        return super().vertical_gid(ch)

    def variation_gid(self, base: str, selector: str) -> int | None:
        self.asked_variations.add((base, selector))
        return super().variation_gid(base, selector)


class RecordingLibrary(FontLibrary):
    """A font library whose faces record what the layout asks them (for packing)."""

    def face(self, path: Path, index: int = 0) -> Face:
        key = (str(Path(path).resolve()), index)
        fresh = key not in self._faces
        face = super().face(path, index)
        if fresh:
            face = RecordingFace(face.path, face.index, face.sha256)
            self._faces[key] = face
        return face

    def recorded(self) -> list[RecordingFace]:
        return [f for f in self._faces.values() if isinstance(f, RecordingFace)]


@dataclass(frozen=True)
class PackedFont:
    """A subset in a pack and the face it stands for."""

    file: str                 # path in the pack's edition folder
    face: str                 # PostScript name
    version: str
    source_file: str          # where the face was found when the edition was packed
    source_index: int
    source_sha256: str
    sha256: str               # of the subset file
    characters: int
    glyphs: int
    licence: str = ""

    def to_json(self) -> dict:
        return dict(vars(self))

    @classmethod
    def from_json(cls, data: dict) -> PackedFont:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("latin-1"), "big")


def cut(face: Face, chars: set[str], vertical: set[str],
        variations: set[tuple[str, str]], gids: set[int]) -> bytes:
    """A subset of ``face`` with the glyph ids kept: the characters ``chars`` the face has,
    their vertical forms, the variation sequences asked for, and glyphs ``gids``; its
    cmap (with format 14), metrics, outlines, names (all of them: the licence is among
    them), OS/2 and the layout features vertical text uses."""
    import uharfbuzz as hb
    request = hb.SubsetInput()
    unicodes = request.sets(hb.SubsetInputSets.UNICODE)
    glyphs = request.sets(hb.SubsetInputSets.GLYPH_INDEX)
    glyphs.add(0)
    for gid in gids:
        glyphs.add(gid)
    for ch in chars:
        gid = Face.gid(face, ch)
        if gid is not None:
            unicodes.add(ord(ch))
            glyphs.add(gid)
    for ch in vertical:
        gid = Face.vertical_gid(face, ch)
        if gid is not None:
            glyphs.add(gid)
    for base, selector in variations:
        gid = Face.variation_gid(face, base, selector)
        if gid is not None:
            unicodes.add(ord(base))
            unicodes.add(ord(selector))
            glyphs.add(gid)
    for which in (hb.SubsetInputSets.NAME_ID, hb.SubsetInputSets.NAME_LANG_ID):
        names = request.sets(which)
        names.clear()
        names.invert()                       # every name record: licence, designer …
    features = request.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG)
    for feature in ("vert", "vrt2", "locl"):
        features.add(_tag(feature))
    request.flags = hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.NOTDEF_OUTLINE
    result = hb.subset(face.hb_face, request)
    if result is None:
        raise fail("pack-font-subset", f"{face.postscript_name} ({face.path}) could not be "
                   f"subset for the pack", hint="check that the font file is complete")
    return bytes(result.blob.data)


def pack_name(face: Face, data: bytes) -> str:
    """File name of a face's subset: its PostScript name and the source's fingerprint."""
    ps = re.sub(r"[^A-Za-z0-9-]", "", face.postscript_name) or "font"
    suffix = ".otf" if data[:4] == b"OTTO" else ".ttf"
    return f"{ps}-{face.sha256[:12]}-{face.index}{suffix}"


def licence(face: Face) -> str:
    """The licence the font states (name IDs 13 and 14), for the pack's record."""
    parts = [str(face.hb_face.get_name(i) or "") for i in (13, 14)]
    return " ".join(p for p in parts if p).strip()


class PackedFace(Face):
    """A retained-gid subset standing for the face it was cut from: same glyph ids, same
    advances, same names; it carries the source's identity (sha256, collection index), so
    the page model and the PDF it gives are those of the original."""

    def __init__(self, path: Path, font: PackedFont):
        super().__init__(path, font.source_index, font.source_sha256)
        self.font = font

    # equal only to itself: a cache keyed by faces must not give a rebuild the system's
    # font, which has the same identity
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    @cached_property
    def hb_face(self):
        import uharfbuzz as hb
        return hb.Face(hb.Blob.from_file_path(str(self.path)), 0)


class PackLibrary(FontLibrary):
    """The fonts of a pack and nothing else: every font path must be one of the pack's
    subsets (checked against its recorded sha256); family names (fontconfig) are refused."""

    def __init__(self, root: Path, fonts: dict[str, PackedFont], cache_dir: Path):
        super().__init__(cache_dir)
        self.root = Path(root).resolve()
        self.fonts = {str((self.root / name).resolve()): font for name, font in fonts.items()}

    def face(self, path: Path, index: int = 0) -> Face:
        where = str(Path(path).resolve())
        font = self.fonts.get(where)
        if font is None:
            raise fail("pack-font-outside", f"font {path} is not one of the pack's fonts",
                       hint="a pack is rebuilt with its own fonts only; pack the edition again")
        key = (where, font.source_index)
        if key not in self._faces:
            if file_sha256(Path(where)) != font.sha256:
                raise fail("pack-font-changed", f"font {font.file} of the pack does not match "
                           f"its recorded sha256", hint="the pack is damaged; use another copy")
            self._faces[key] = PackedFace(Path(where), font)
        return self._faces[key]

    def _fontconfig(self, pattern: str) -> Face:
        raise fail("pack-font-lookup", f"the pack's font set names {pattern!r}, a system font",
                   hint="a pack is rebuilt with its own fonts only; pack the edition again")


def same_answers(source: RecordingFace, packed: Face) -> list[str]:
    """Questions the subset answers differently from its source (none, for a good pack)."""
    wrong = []
    for ch in sorted(source.asked):
        if Face.gid(source, ch) != packed.gid(ch):
            wrong.append(f"U+{ord(ch):04X}")
        elif Face.gid(source, ch) is not None and \
                source.glyph_advance(Face.gid(source, ch)) != packed.glyph_advance(
                    packed.gid(ch)):
            wrong.append(f"advance of U+{ord(ch):04X}")
    for ch in sorted(source.asked_vertical):
        if Face.vertical_gid(source, ch) != packed.vertical_gid(ch):
            wrong.append(f"vertical U+{ord(ch):04X}")
    for base, selector in sorted(source.asked_variations):
        if Face.variation_gid(source, base, selector) != packed.variation_gid(base, selector):
            wrong.append(f"U+{ord(base):04X} U+{ord(selector):04X}")
    for attr in ("postscript_name", "version", "ascender", "descender", "fs_type",
                 "units_per_em", "is_cff"):
        if getattr(source, attr) != getattr(packed, attr):
            wrong.append(attr)
    return wrong

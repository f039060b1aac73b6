"""Embeddable subsets: the glyphs a document draws, cut from a face with HarfBuzz's
subsetter (milliseconds even for a CJK face of 65,535 glyphs; the same glyphs always give
the same bytes).

CID-keyed CFF faces (Noto CJK, Source Han) stay CFF and are embedded as such, addressed by
CID; TrueType faces are addressed by their glyph ids in the subset.  Name-keyed CFF faces
(rare in CJK) have their subset's outlines converted to TrueType outlines.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from io import BytesIO
from typing import Iterable

from layout.diagnostics import fail
from layout.fonts.face import Face

# fontTools reports tables it drops as warnings on stderr; they are expected
logging.getLogger("fontTools").setLevel(logging.ERROR)

#: maximum curve approximation error in font units (name-keyed CFF converted to TrueType)
MAX_ERR = 1.0
#: tables a PDF font program needs (the rest — layout, vertical metrics, hinting — are
#: the writer's business, not the viewer's)
KEEP = {"CFF ", "cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "glyf",
        "loca", "cvt ", "fpgm", "prep"}


@dataclass(frozen=True)
class Subset:
    """A font program holding the glyphs a document draws, and how to address them."""

    program: bytes              # the bytes to embed: a bare CFF table, or a TrueType font
    kind: str                   # "cff" (FontFile3 CIDFontType0C) | "truetype" (FontFile2)
    codes: dict[int, int]       # glyph id in the face -> code (CID) in the PDF font
    widths: dict[int, float]    # code -> advance in 1/1000 em
    tag: str                    # six capital letters, unique to face and glyph set
    registry: tuple[str, str, int] = ("Adobe", "Identity", 0)   # CIDSystemInfo
    bbox: tuple[int, int, int, int] = (0, -120, 1000, 880)      # in 1/1000 em


def subset_tag(program: bytes) -> str:
    """Six letters derived from the embedded program: two different subsets never share a
    name, in one file or across the files of an edition, and the same glyphs cut from the
    original font or from an archived subset of it get the same name."""
    digest = hashlib.sha256(program).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def check_embeddable(face: Face) -> None:
    fs_type = face.fs_type
    if fs_type == 0x0002 or fs_type & 0x0300:
        raise fail("font-not-embeddable", f"{face.postscript_name} ({face.path}) does not "
                   f"allow embedding or subsetting (OS/2 fsType {fs_type:#06x})",
                   hint="use a font licensed for embedding in PDF; a printer cannot use "
                        "a PDF without its fonts")


def _hb_subset(face: Face, gids: list[int]):
    import uharfbuzz as hb
    request = hb.SubsetInput()
    for gid in gids:
        request.glyph_set.add(gid)
    request.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.NAME_LEGACY
    drop = request.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for tag in face.tables - KEEP:
        drop.add(int.from_bytes(tag.encode("latin-1"), "big"))
    plan = hb.SubsetPlan(face.hb_face, request)
    mapping = dict(plan.old_to_new_glyph_mapping)
    result = plan.execute()
    if result is None:
        raise fail("font-subset", f"{face.postscript_name} ({face.path}) could not be "
                   f"subset", hint="check that the font file is complete; replace it")
    return bytes(result.blob.data), mapping


def subset(face: Face, gids: Iterable[int]) -> Subset:
    """The subset of ``face`` holding glyphs ``gids`` (and .notdef)."""
    from fontTools.ttLib import TTFont
    check_embeddable(face)
    wanted = sorted({0, *gids})
    data, mapping = _hb_subset(face, wanted)
    font = TTFont(BytesIO(data), lazy=True)
    head = font["head"]
    scale = 1000.0 / head.unitsPerEm
    bbox = tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax))
    widths_by_gid = {g: round(face.glyph_advance(g) * 1000, 3) for g in wanted}
    if "CFF " in font:
        program = font.reader["CFF "]       # the bytes as cut, before anything is parsed
        cff = font["CFF "].cff
        top = cff.topDictIndex[0]
        if hasattr(top, "ROS"):            # CID-keyed: address glyphs by CID
            order = font.getGlyphOrder()
            cids = [0 if name == ".notdef" else int(name[3:]) for name in order]
            codes = {old: cids[new] for old, new in mapping.items()}
            registry, ordering, supplement = top.ROS
            return Subset(program, "cff", codes,
                          {codes[g]: w for g, w in widths_by_gid.items()}, subset_tag(program),
                          (str(registry), str(ordering), int(supplement)), bbox)
        data = _cff_to_truetype(font)
    elif "CFF2" in font:
        raise fail("font-cff2", f"{face.postscript_name} ({face.path}) is a variable CFF2 "
                   f"font", hint="use a static instance of the font")
    codes = dict(mapping)
    return Subset(data, "truetype", codes, {codes[g]: w for g, w in widths_by_gid.items()},
                  subset_tag(data), bbox=bbox)


def _cff_to_truetype(font) -> bytes:
    """A name-keyed CFF subset with TrueType (quadratic) outlines instead, same glyph
    order."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements", "maxPoints", "maxContours",
                  "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    out = BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()

"""Embeddable subsets: the glyphs a document uses, as a TrueType-outline font file.

The PDF writer embeds TrueType outlines, so CFF faces (.otf, .otc, most CJK fonts) are
converted here: curves to quadratic splines with ``cu2qu``.  Subsetting first keeps the
conversion to the few thousand glyphs a newspaper edition needs.  Results are cached on
disk by the source's sha256, face index and character set; files are written to a
temporary name and renamed, so two builds sharing a cache never see a partial file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from fontTools import subset as ft_subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from layout.fonts.face import Face

# fontTools reports tables it drops (FFTM …) as warnings on stderr; they are expected
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

#: bump when the conversion changes, so stale cache entries are not reused
FORMAT = 3
#: maximum curve approximation error in font units (1000 upm: 1/1000 em)
MAX_ERR = 1.0


def subset_key(face: Face, chars: str) -> str:
    digest = hashlib.sha256("".join(sorted(set(chars))).encode("utf-8")).hexdigest()
    kind = "-vert" if face.vertical else ""
    if getattr(face, "selector", None):
        kind += f"-{face.selector:X}"
    return f"{face.sha256[:20]}-{face.index}-{digest[:20]}{kind}-v{FORMAT}"


def _subset(face: Face, chars: str, glyphs: list[str] | None = None) -> TTFont:
    options = ft_subset.Options()
    options.layout_features = ["vert", "vrt2"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    options.recalc_timestamp = False
    options.drop_tables += ["VORG", "DSIG"]
    font = TTFont(str(face.path), fontNumber=face.index,
                  recalcTimestamp=False)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in chars}), glyphs=glyphs or [])
    subsetter.subset(font)
    return font


def cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF outlines of ``font`` with TrueType (quadratic) outlines, in place."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
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
    for attr in ("extraNames", "mapping"):
        if hasattr(post, attr):
            delattr(post, attr)
    font.sfntVersion = "\x00\x01\x00\x00"


def use_vertical_forms(font: TTFont) -> None:
    """Point every character that has a vertical alternate (GSUB vert/vrt2) at it."""
    from layout.fonts.vertical import vert_substitutions
    subs = vert_substitutions(font)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap = {code: subs.get(glyph, glyph) for code, glyph in table.cmap.items()}
    _rename(font, "Vert", full_name=True)     # a font of its own beside the horizontal one


def _rename(font: TTFont, suffix: str, full_name: bool = False) -> None:
    """Add ``suffix`` to the PostScript name (and the full name): a derived subset is a
    font of its own in the PDF."""
    names = font["name"]
    ps = names.getDebugName(6) or "font"
    for record in list(names.names):
        if record.nameID == 6:
            text = f"{ps}-{suffix}"
        elif record.nameID == 4 and full_name:
            text = f"{record.toUnicode()} {suffix}"
        else:
            continue
        names.setName(text, record.nameID, record.platformID, record.platEncID,
                      record.langID)


def use_variant_glyphs(font: TTFont, glyphs: dict[int, str], tag: str) -> None:
    """Point each base character at the glyph of its variation sequence."""
    order = set(font.getGlyphOrder())
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format != 14:
            table.cmap = {code: (glyphs[code] if glyphs.get(code) in order else glyph)
                          for code, glyph in table.cmap.items()}
    _rename(font, tag)


def make_subset(face: Face, chars: str) -> bytes:
    variant = getattr(face, "selector", None)
    extra = [g for c, g in face.glyphs().items() if chr(c) in chars] if variant else []
    font = _subset(face, chars, extra)
    if face.vertical:
        use_vertical_forms(font)
    if variant:
        use_variant_glyphs(font, face.glyphs(), f"{variant:X}")
    if face.is_cff:
        cff_to_glyf(font)
    from io import BytesIO
    buffer = BytesIO()
    font.save(buffer, reorderTables=True)
    return buffer.getvalue()


def write_cached(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".ttf")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise

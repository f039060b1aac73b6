"""Vertical glyphs: the font's own ``vert``/``vrt2`` substitutions (OpenType GSUB), so a
vertical headline draws the vertical forms of its punctuation while the text stays the
same characters (copying from the PDF gives ，。 not their presentation forms)."""

from __future__ import annotations

from functools import lru_cache

from fontTools.ttLib import TTFont

from layout.fonts.face import DerivedFace, Face

FEATURES = ("vert", "vrt2")
SCRIPTS = ("hani", "DFLT", "kana", "latn")


def vert_substitutions(font: TTFont) -> dict[str, str]:
    """glyph name → its vertical alternate, from the default language system of the Han
    script (or the first script the font lists)."""
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    if not table.ScriptList or not table.FeatureList:
        return {}
    records = {r.ScriptTag: r.Script for r in table.ScriptList.ScriptRecord}
    script = next((records[t] for t in SCRIPTS if t in records), None)
    if script is None or script.DefaultLangSys is None:
        return {}
    lookups: list[int] = []
    for index in script.DefaultLangSys.FeatureIndex:
        record = table.FeatureList.FeatureRecord[index]
        if record.FeatureTag in FEATURES:
            lookups.extend(record.Feature.LookupListIndex)
    mapping: dict[str, str] = {}
    for index in sorted(set(lookups)):
        lookup = table.LookupList.Lookup[index]
        for sub in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:
                sub, kind = sub.ExtSubTable, sub.ExtensionLookupType
            if kind == 1:
                for src, dst in sub.mapping.items():
                    mapping.setdefault(src, dst)
    return mapping


def vertical_glyphs(face: Face) -> dict[str, str]:
    """:func:`vert_substitutions` of ``face``, read once per face."""
    cached = face.__dict__.get("_vert")
    if cached is None:
        cached = face.__dict__["_vert"] = vert_substitutions(face.font)
    return cached


class VerticalFace(DerivedFace):
    """The same face, drawn with its vertical alternates: a separate font in the PDF whose
    cmap points each character at its vertical form."""

    vertical = True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VerticalFace) and self.base == other.base

    def __hash__(self) -> int:
        return hash((self.sha256, self.index, "vertical"))

    def __repr__(self) -> str:
        return f"VerticalFace({self.base!r})"

    @property
    def key(self) -> str:                  # type: ignore[override]
        return f"{self.base.key}-v"

    def has_vertical(self, ch: str) -> bool:
        glyph = self.base.glyph(ch)
        return glyph is not None and glyph in self.substitutions

    @property
    def substitutions(self) -> dict[str, str]:
        return vertical_glyphs(self.base)


@lru_cache(maxsize=256)
def vertical_face(face: Face) -> VerticalFace:
    """The vertical face of ``face``: one per face, so glyph runs stay together."""
    return VerticalFace(face)

"""Vertical glyphs: the font's own ``vert``/``vrt2`` substitutions (OpenType GSUB), so a
vertical headline draws the vertical forms of its punctuation while the text stays the
same characters (copying from the PDF gives ，。 not their presentation forms)."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from layout.fonts.face import Face

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


class VerticalFace(Face):
    """The same face, drawn with its vertical alternates: a separate font in the PDF whose
    cmap points each character at its vertical form."""

    vertical = True

    def __init__(self, base: Face):
        self.base = base
        self.path, self.index, self.sha256 = base.path, base.index, base.sha256
        self._advance = base._advance

    # everything read from the font is the base face's
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
        cached = self.__dict__.get("_subs")
        if cached is None:
            cached = self.__dict__["_subs"] = vert_substitutions(self.base.font)
        return cached

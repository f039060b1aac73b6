"""Ideographic variation sequences (a character followed by U+E0100…U+E01EF or
U+FE00…U+FE0F): the glyph the font's cmap format 14 gives the sequence.  Names in a
newspaper (葛󠄀, 辻󠄀) must print in the form the person writes."""

from __future__ import annotations

from functools import lru_cache

from layout.fonts.face import DerivedFace, Face


def is_selector(ch: str) -> bool:
    cp = ord(ch)
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def variation_glyphs(face: Face) -> dict[tuple[int, int], str]:
    """(base, selector) → glyph name, for sequences whose glyph differs from the base
    character's default glyph."""
    cached = face.__dict__.get("_uvs")
    if cached is not None:
        return cached
    out: dict[tuple[int, int], str] = {}
    for table in face.font["cmap"].tables:
        if table.format != 14:
            continue
        for selector, entries in table.uvsDict.items():
            for base, glyph in entries:
                if glyph is not None and glyph != face.cmap.get(base):
                    out[(base, selector)] = glyph
    face.__dict__["_uvs"] = out
    return out


class VariantFace(DerivedFace):
    """A face drawn with the glyphs of one variation selector: its PDF font maps each
    base character to the sequence's glyph."""

    def __init__(self, base: Face, selector: int):
        super().__init__(base)
        self.selector = selector

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VariantFace) and (self.base, self.selector) == \
            (other.base, other.selector)

    def __hash__(self) -> int:
        return hash((self.sha256, self.index, self.selector))

    def __repr__(self) -> str:
        return f"VariantFace({self.base!r}, U+{self.selector:04X})"

    @property
    def key(self) -> str:                  # type: ignore[override]
        return f"{self.base.key}-{self.selector:X}"

    def glyphs(self) -> dict[int, str]:
        """base code point → variant glyph name, for this selector."""
        return {b: g for (b, s), g in variation_glyphs(self.base).items()
                if s == self.selector}


@lru_cache(maxsize=4096)
def variant_face(faces: tuple[Face, ...], base: str, selector: str) -> VariantFace | None:
    """The first face of a chain that has a distinct glyph for ``base`` + ``selector``."""
    key = (ord(base), ord(selector))
    for face in faces:
        if key in variation_glyphs(face):
            return VariantFace(face, ord(selector))
    return None

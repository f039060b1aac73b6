"""Ideographic variation sequences (a character followed by U+E0100…U+E01EF or
U+FE00…U+FE0F): the glyph the font's cmap format 14 gives the sequence.  Names in a
newspaper (葛󠄀, 辻󠄀) must print in the form the person writes."""

from __future__ import annotations

from functools import lru_cache

from layout.fonts.face import Face, VariantFace


def is_selector(ch: str) -> bool:
    cp = ord(ch)
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


@lru_cache(maxsize=4096)
def variant_face(faces: tuple[Face, ...], base: str, selector: str) -> VariantFace | None:
    """The first face of a chain that has a glyph of its own for ``base`` + ``selector``."""
    for face in faces:
        if face.variation_gid(base, selector) is not None:
            return VariantFace(face, ord(selector))
    return None

"""Font roles: a chain of faces, each character drawn with the first face that has it."""

from __future__ import annotations

import unicodedata

from layout.fonts.face import Face
from layout.text.classes import zero_width


def invisible(ch: str) -> bool:
    """A character that never needs a glyph of its own: the zero-width parts of a cluster
    (variation selectors, an emoji's joiner, skin tone or tags) and format characters."""
    return zero_width(ch) or unicodedata.category(ch) == "Cf"


class FontChain:
    """The faces of one font role, in order of preference."""

    def __init__(self, role: str, faces: list[Face] | tuple[Face, ...]):
        self.role = role
        self.faces = tuple(faces)
        self._memo: dict[str, Face | None] = {}

    def __repr__(self) -> str:
        return f"FontChain({self.role!r}, {list(self.faces)!r})"

    @property
    def primary(self) -> Face:
        return self.faces[0]

    def face_for(self, ch: str) -> Face | None:
        """The first face that has ``ch``, or None when no face of the chain does."""
        try:
            return self._memo[ch]
        except KeyError:
            pass
        found = next((f for f in self.faces if f.has(ch)), None)
        self._memo[ch] = found
        return found

    def variant_for(self, base: str, selector: str):
        """The face that draws ``base`` + ``selector`` as the font's variation sequence
        (cmap format 14), or None when no face of the chain has that sequence."""
        from layout.fonts.variants import variant_face
        return variant_face(self.faces, base, selector)

    def cluster_face(self, cluster: str) -> Face | None:
        """The face to draw a base character with its combining marks: the first face
        that has all of them (marks are placed by the face that draws their base), else
        the base's face."""
        try:
            return self._memo[cluster]
        except KeyError:
            pass
        drawn = [ch for ch in cluster if not invisible(ch)]
        found = next((f for f in self.faces if all(f.has(ch) for ch in drawn)), None)
        if found is None:
            found = self.face_for(cluster[0])
        self._memo[cluster] = found
        return found

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` no face has (each once, in order of appearance)."""
        seen: dict[str, None] = {}
        for ch in text:
            if not invisible(ch) and not ch.isspace() and self.face_for(ch) is None:
                seen.setdefault(ch)
        return list(seen)

    def runs(self, text: str) -> list[tuple[Face | None, str]]:
        """``text`` cut into runs drawn with the same face."""
        out: list[tuple[Face | None, str]] = []
        for ch in text:
            face = self.face_for(ch)
            if out and out[-1][0] is face:
                out[-1] = (face, out[-1][1] + ch)
            else:
                out.append((face, ch))
        return out

"""Font roles: a chain of faces, each character drawn with the first face that has it."""

from __future__ import annotations

from layout.fonts.face import Face

#: characters that never need a glyph of their own (variation selectors, joiners)
INVISIBLE = frozenset(
    [chr(c) for c in range(0xFE00, 0xFE10)] + [chr(c) for c in range(0xE0100, 0xE01F0)]
    + ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])


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

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` no face has (each once, in order of appearance)."""
        seen: dict[str, None] = {}
        for ch in text:
            if ch not in INVISIBLE and not ch.isspace() and self.face_for(ch) is None:
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

"""A deterministic stand-in for a font: ideographs and full-width marks 1 em, Latin 0.5 em."""

from layout.text.prepare import Span


class Face:
    key = "fake"

    def advance(self, ch: str) -> float:
        if ch == " ":
            return 0.25
        return 1.0 if ord(ch) >= 0x2000 else 0.5


class Chain:
    role = "fake"

    def __init__(self):
        self.face = Face()

    def face_for(self, ch: str):
        return self.face


CHAIN = Chain()


def span(text: str, size: float = 9.0) -> Span:
    return Span(text, "body", CHAIN, size)

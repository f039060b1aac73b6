"""Turn styled text into atoms: the unbreakable pieces the line breaker places.

An atom is one ideograph or mark, a paired dash or ellipsis, a Latin word or number, or a
space.  Widths are integers in milli-points so that a line of whole ems lands exactly on
the character grid; punctuation carries the blank parts of its em box that may be squeezed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from layout.text.classes import (BLANKS, PAIRED, URL_BREAK_AFTER, URL_MIN_CHARS, C,
                                 classify)

UNIT = 1000  # internal units per point


class FaceLike(Protocol):
    def advance(self, ch: str) -> float: ...


class ChainLike(Protocol):
    def face_for(self, ch: str) -> FaceLike | None: ...


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph in one style: its text, font chain and size."""

    text: str
    style: str
    chain: ChainLike
    size: float


@dataclass(frozen=True, slots=True)
class Atom:
    """An unbreakable piece of text with its natural width and squeezable blanks (units)."""

    text: str
    cls: C
    style: str
    face: FaceLike | None
    size: float
    width: int
    left_blank: int = 0
    right_blank: int = 0
    advances: tuple[int, ...] = ()

    @property
    def is_char(self) -> bool:
        """Counts as a character for the lone-character (孤字) rule."""
        return self.cls in (C.ID, C.LT)


def to_units(points: float) -> int:
    return round(points * UNIT)


def _advance(face: FaceLike | None, ch: str, size: float) -> int:
    if classify(ch) is C.MK:
        return 0
    if face is None:
        return to_units(size)
    return to_units(face.advance(ch) * size)


def _pieces(text: str) -> list[tuple[str, C]]:
    """Split text into (piece, class): words, paired marks, single characters with their
    combining marks and variation selectors attached."""
    out: list[tuple[str, C]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        cls = classify(ch)
        j = i + 1
        if cls is C.LT:
            while j < n and classify(text[j]) in (C.LT, C.MK):
                j += 1
        elif cls is C.DA and text[i:i + 2] in PAIRED:
            j = i + 2
        while j < n and classify(text[j]) is C.MK:
            j += 1
        if cls is C.MK and out:  # a stray mark at a span start joins nothing: keep it alone
            cls = C.ID
        out.append((text[i:j], cls))
        i = j
    return out


def _selector(ch: str) -> bool:
    cp = ord(ch)
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def _url_pieces(word: str) -> list[tuple[str, C]]:
    """A long URL, e-mail address or path as single characters that stay together (LT)
    except after its separators (LX: a line may end there), so a line made only of URL
    pieces can be letter-spaced evenly; a short word stays whole."""
    if len(word) < URL_MIN_CHARS or not any(ch in URL_BREAK_AFTER for ch in word[:-1]):
        return [(word, C.LT)]
    return [(ch, C.LX if ch in URL_BREAK_AFTER and k + 1 < len(word)
             and word[k + 1] not in URL_BREAK_AFTER else C.LT)
            for k, ch in enumerate(word)]


def prepare(spans: Sequence[Span], punctuation: str = "gb") -> list[Atom]:
    """Atoms of a paragraph made of ``spans``; a word whose characters come from different
    fonts becomes several atoms that the breaker keeps together (LT next to LT).

    Atoms are values: a piece met again in the same span is the same atom, made once."""
    blanks = BLANKS[punctuation]
    atoms: list[Atom] = []
    for span in spans:
        made: dict[tuple[str, C], Atom] = {}
        for piece, cls in _pieces(span.text):
            atom = made.get((piece, cls))
            if atom is not None:
                atoms.append(atom)
                continue
            if cls is C.SP:
                face = span.chain.face_for(" ")
                atom = Atom(piece, cls, span.style, face, span.size,
                            _advance(face, " ", span.size))
                made[piece, cls] = atom
                atoms.append(atom)
                continue
            parts = _parts(span, piece, cls, blanks)
            if len(parts) == 1:
                made[piece, cls] = parts[0]
            atoms.extend(parts)
    return atoms


def _parts(span: Span, text: str, kind: C, blanks: dict) -> list[Atom]:
    """The atoms of one piece: a long URL cut after its separators, and a word whose
    characters come from different fonts cut where the font changes."""
    out: list[Atom] = []
    for piece, cls in (_url_pieces(text) if kind is C.LT else [(text, kind)]):
        start = 0
        for k in range(1, len(piece) + 1):
            if k < len(piece) and (classify(piece[k]) is C.MK or
                                   span.chain.face_for(piece[k]) is
                                   span.chain.face_for(piece[start])):
                continue
            part = piece[start:k]
            face = span.chain.face_for(part[0])
            if len(part) > 1 and _selector(part[1]):
                variant = getattr(span.chain, "variant_for", lambda b, s: None)(
                    part[0], part[1])
                face = variant or face     # the glyph of the variation sequence
            advances = tuple(_advance(face, c, span.size) for c in part)
            width = sum(advances)
            left = right = 0
            if cls in blanks and width >= to_units(span.size * 0.9):
                lb, rb = blanks[cls]
                left, right = to_units(lb * span.size), to_units(rb * span.size)
            # a URL piece split between fonts may be cut only after its last part
            part_cls = C.LT if cls is C.LX and k < len(piece) else cls
            out.append(Atom(part, part_cls, span.style, face, span.size, width, left,
                            right, advances))
            start = k
    return out

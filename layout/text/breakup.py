"""Words and numbers wider than the column, cut into pieces a line may end after.

An atom is unbreakable, so a Latin word or a number wider than its column would run past
the column edge into the next one.  Such an atom is cut into its clusters, and each place
between two gets the kind of break it allows (``classes.BREAK_PENALTY``): between
syllables (English hyphenation patterns, through pyphen) with a hyphen drawn at the line
end; after a hyphen the word has; between the groups of three digits of a number (from the
right, or from the decimal point on); and, when nothing better fits, between any two
letters (with a hyphen), digits or other characters.  The breaker weighs these like any
other break, so it cuts a word at a syllable where it can and only where it must.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from layout.text.classes import C
from layout.text.prepare import UNIT, Atom, clusters

#: The language of the hyphenation patterns for Latin words.
HYPHENATION_LANGUAGE = "en_US"
#: Characters that are a hyphen in a word: a line may end after them, with nothing added.
HYPHENS = frozenset("-‐‑")
#: Separators inside a number (1,234,567.89): a line may end after them.
NUMBER_SEPARATORS = frozenset(",.'")
#: Breaks after which the line end gets a hyphen drawn.
HYPHENATED = frozenset({"hyphen", "letter"})


@lru_cache(maxsize=4)
def _dictionary(language: str):
    import pyphen
    return pyphen.Pyphen(lang=language)


@lru_cache(maxsize=4096)
def syllables(word: str, language: str = HYPHENATION_LANGUAGE) -> frozenset[int]:
    """Offsets inside ``word`` (letters only) where it may be hyphenated."""
    if len(word) < 4:
        return frozenset()
    return frozenset(_dictionary(language).positions(word.lower()))


def cut_kinds(bases: str) -> list[str]:
    """For a word given by the first character of each of its clusters, the kind of break
    allowed between cluster k and k + 1 (``len(bases) - 1`` kinds)."""
    n = len(bases)
    kinds = ["char"] * max(0, n - 1)
    k = 0
    while k < n:                          # runs of letters and of digits
        j = k
        if bases[k].isalpha():
            while j < n and bases[j].isalpha():
                j += 1
            points = syllables(bases[k:j])
            for b in range(k, j - 1):
                kinds[b] = "hyphen" if b - k + 1 in points else "letter"
        elif bases[k].isdecimal():
            while j < n and bases[j].isdecimal():
                j += 1
            fraction = k > 0 and bases[k - 1] == "." and k > 1 and bases[k - 2].isdecimal()
            for b in range(k, j - 1):
                group = (b - k + 1) % 3 == 0 if fraction else (j - 1 - b) % 3 == 0
                kinds[b] = "digits" if group else "digit"
        else:
            j = k + 1
        k = j
    for b in range(n - 1):
        ch, after = bases[b], bases[b + 1]
        if ch in HYPHENS and after.isalnum():
            kinds[b] = "after-hyphen"
        elif ch in NUMBER_SEPARATORS and b > 0 and bases[b - 1].isdecimal() and \
                after.isdecimal():
            kinds[b] = "digits"
        elif after in NUMBER_SEPARATORS and ch.isdecimal():
            kinds[b] = "digit"            # keep a separator with the digits before it
    return kinds


def _hyphen_width(atom: Atom) -> int:
    face = atom.face
    if face is None or not getattr(face, "has", lambda ch: True)("-"):
        return 0
    return round(face.advance("-") * atom.size * UNIT)


def split(atom: Atom) -> list[Atom]:
    """``atom`` as one piece per cluster, each but the last a place a line may end (LX,
    with the kind of break in ``cut``)."""
    parts = clusters(atom.text)
    if len(parts) < 2:
        return [atom]
    kinds = cut_kinds("".join(p[0] for p in parts))
    hyphen = _hyphen_width(atom)
    advances = atom.advances or (atom.width,) + (0,) * (len(atom.text) - 1)
    out, at = [], 0
    for k, part in enumerate(parts):
        own = tuple(advances[at:at + len(part)])
        at += len(part)
        if k + 1 < len(parts):
            kind = kinds[k]
            out.append(Atom(part, C.LX, atom.style, atom.face, atom.size, sum(own),
                            advances=own, cut=kind,
                            hyphen=hyphen if kind in HYPHENATED else 0))
        else:
            out.append(Atom(part, C.LT, atom.style, atom.face, atom.size, sum(own),
                            advances=own))
    return out


def split_long(atoms: Sequence[Atom], widths: Sequence[int]) -> Sequence[Atom]:
    """``atoms`` with every word or number wider than every line of ``widths`` (the last
    width repeats) cut into pieces, and the first atom when it is wider than the first
    line, which it must start (the same sequence when there is none)."""
    widest = max(widths)
    if all(a.cls is not C.LT or a.width <= widest for a in atoms) and \
            (not atoms or atoms[0].cls is not C.LT or atoms[0].width <= widths[0]):
        return atoms
    out: list[Atom] = []
    for k, atom in enumerate(atoms):
        if atom.cls is C.LT and (atom.width > widest or k == 0 and atom.width > widths[0]):
            out.extend(split(atom))
        else:
            out.append(atom)
    return out

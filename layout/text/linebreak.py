"""Choose line breaks for a whole paragraph (Knuth–Plass style dynamic programming).

Pure and integer: ``break_lines(atoms, widths, params)`` returns the lines; each non-final
line will be justified to its width by pushing in (squeezing punctuation blanks) or pushing
out (spreading the space between characters), whichever costs less over the paragraph.
Prohibited breaks (避头尾) and lone last characters (孤字) are costs, not branches: an
impossible paragraph still gets lines, and the result says what it had to give up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from typing import Sequence

from layout.text.classes import (BREAK_PENALTY, NO_LINE_END, NO_LINE_START, PAIR_SQUEEZE,
                                 HANGABLE, WORDLIKE, C, can_break, digit_group)
from layout.text.prepare import Atom

# The costs are ordered: an overfull line is worse than a prohibited break, which is worse
# than a lone last character, which is worse than any loose line (see ``demerits``).
OVERFULL = 10 ** 10     # badness of a line wider than its measure even when fully squeezed
FORBIDDEN = 10 ** 12    # a prohibited break: used only when nothing else is possible
LONE_CHAR = 10 ** 9     # a paragraph's last line holding a single character
LOOSE = 10 ** 4         # badness beyond which a loose line's cost grows only linearly


@dataclass(frozen=True)
class Params:
    """How lines may be adjusted, in internal units per gap between atoms."""

    max_stretch: int             # spreading beyond this per gap counts as loose
    max_shrink: int              # squeezing ideograph gaps at most this per gap
    line_end_half: bool = False  # closing marks at a line end always half width
    end_squeeze: bool = True     # a mark ending a line may be set half width when needed
    hanging: bool = False        # ，。、 may hang past the column edge (ぶら下がり)
                                 # (GB); centred CNS marks keep their full em at a line end
    cjk_latin: int = 0           # natural space between ideographs and Latin
    widow_chars: int = 2         # fewest characters on a paragraph's last line


@dataclass(frozen=True)
class Break:
    """A line: atoms ``start`` to ``end`` (exclusive); the next line starts at ``resume``
    (after a dropped space)."""

    start: int
    end: int
    resume: int
    forbidden: bool = False      # ends at a prohibited place (nothing else was possible)
    overfull: bool = False       # does not fit even when squeezed
    hang: bool = False           # the last atom (，。、) hangs past the measure


@dataclass(frozen=True)
class Paragraph:
    """Atoms with the per-pair adjustments precomputed."""

    atoms: Sequence[Atom]
    gap: tuple[int, ...]         # natural space after atom k (to atom k+1)
    pair: tuple[int, ...]        # mandatory squeeze between atom k and k+1
    pair_side: tuple[str, ...]   # which blank the pair squeeze takes ("" if none)
    rigid: tuple[bool, ...] = ()  # gap k lies inside a word: never stretched or shrunk
    prefix: tuple[int, ...] = field(repr=False, default=())
    blank_prefix: tuple[int, ...] = field(repr=False, default=())
    pair_prefix: tuple[int, ...] = field(repr=False, default=())
    rigid_prefix: tuple[int, ...] = field(repr=False, default=())


def analyse(atoms: Sequence[Atom], cjk_latin: int = 0) -> Paragraph:
    n = len(atoms)
    gap, pair, side = [0] * n, [0] * n, [""] * n
    for k in range(n - 1):
        a, b = atoms[k], atoms[k + 1]
        if cjk_latin and {a.cls, b.cls} == {C.ID, C.LT}:
            gap[k] = cjk_latin
        how = PAIR_SQUEEZE.get((a.cls, b.cls))
        if how == "first-right" and a.right_blank and a.left_blank == a.right_blank:
            # a centred mark (CNS) gives both its blanks, so the pair still takes 1.5 em
            pair[k], side[k] = a.left_blank + a.right_blank, "first-both"
        elif how == "first-right" and a.right_blank:
            pair[k], side[k] = a.right_blank, how
        elif how and b.left_blank:
            pair[k], side[k] = b.left_blank, "second-left"
    natural = [a.width + gap[k] - pair[k] for k, a in enumerate(atoms)]
    blanks = [a.left_blank + a.right_blank for a in atoms]
    rigid = [k < n - 1 and atoms[k].cls in WORDLIKE and atoms[k + 1].cls in WORDLIKE
             for k in range(n)]
    return Paragraph(atoms, tuple(gap), tuple(pair), tuple(side), tuple(rigid),
                     tuple(accumulate(natural, initial=0)),
                     tuple(accumulate(blanks, initial=0)),
                     tuple(accumulate(pair, initial=0)),
                     tuple(accumulate(rigid, initial=0)))


def side_free(p: Paragraph, k: int) -> bool:
    """Is atom k's left blank still free (not taken by a pair squeeze with atom k-1)?"""
    return k == 0 or p.pair_side[k - 1] != "second-left"


@dataclass(frozen=True)
class Fit:
    """What setting atoms [i, j) on one line needs."""

    natural: int       # width with mandatory squeezes
    squeezable: int    # optional punctuation blanks left
    gaps: int          # adjustable gaps between atoms on the line (not inside words)


def fit(p: Paragraph, i: int, j: int, line_end_half: bool, end_squeeze: bool = True) -> Fit:
    last = j - 1
    natural = p.prefix[j] - p.prefix[i] - p.gap[last] + p.pair[last]
    mandatory = p.pair_prefix[last] - p.pair_prefix[i]
    squeezable = p.blank_prefix[j] - p.blank_prefix[i] - mandatory
    atom = p.atoms[last]
    if line_end_half and atom.right_blank and atom.cls in (C.CL, C.ST):
        natural -= atom.right_blank
        squeezable -= atom.right_blank
    elif not end_squeeze and atom.cls in (C.CL, C.ST):
        squeezable -= atom.right_blank + (atom.left_blank if side_free(p, last) else 0)
    gaps = j - i - 1
    flexible = gaps - (p.rigid_prefix[last] - p.rigid_prefix[i])
    # a line of one long word (a URL) may be letter-spaced: then its gaps count
    return Fit(natural, squeezable, flexible or gaps)


def badness(f: Fit, measure: int, params: Params, last: bool) -> int:
    """Cost of setting a line; OVERFULL when it cannot be made to fit."""
    diff = measure - f.natural
    if diff == 0:
        return 0
    if diff > 0:
        if last:
            return 0
        if f.gaps == 0:
            return 10 ** 5
        ratio = diff / (f.gaps * params.max_stretch)
        return int(100 * ratio ** 3) + 1
    need = -diff
    if need <= f.squeezable:
        ratio = need / f.squeezable
        return int(4 * ratio * ratio) + 1
    rest = need - f.squeezable
    room = f.gaps * params.max_shrink
    if rest <= room:
        return 50 + int(200 * (rest / room) ** 2)
    return OVERFULL


def demerits(bad: int) -> int:
    """Cost of a line of badness ``bad``: quadratic while the line is tolerable, linear
    beyond ``LOOSE`` (so a very loose line never outweighs a prohibition or a 孤字), and
    prohibitive when overfull."""
    if bad >= OVERFULL:
        return OVERFULL * 1000
    if bad <= LOOSE:
        return (10 + bad) ** 2 // 100
    return (10 + LOOSE) ** 2 // 100 + (bad - LOOSE) // 100


def _breaks(p: Paragraph) -> list[tuple[int, int, bool, int]]:
    """Every place a line may end: (end, resume, forbidden, penalty)."""
    atoms = p.atoms
    out = []
    for k in range(1, len(atoms)):
        a, b = atoms[k - 1], atoms[k]
        if b.cls is C.SP:
            resume = k + 1
            while resume < len(atoms) and atoms[resume].cls is C.SP:
                resume += 1
            if a.cls is not C.SP:
                after = atoms[resume].cls if resume < len(atoms) else C.ID
                penalty = BREAK_PENALTY["word-space"] \
                    if a.cls in WORDLIKE and after in WORDLIKE else 0
                grouped = resume == k + 1 and resume < len(atoms) and \
                    digit_group(a.text) and digit_group(atoms[resume].text)
                out.append((k, resume, a.cls in NO_LINE_END or after in NO_LINE_START
                            or grouped, penalty))
        elif a.cls is not C.SP:
            penalty = BREAK_PENALTY["url"] if a.cls is C.LX else 0
            out.append((k, k, not can_break(a.cls, b.cls), penalty))
    out.append((len(atoms), len(atoms), False, 0))
    return out


def _lone(p: Paragraph, i: int, j: int, widow_chars: int) -> bool:
    chars = sum(1 for a in p.atoms[i:j] if a.is_char)
    return chars < widow_chars


def break_lines(atoms: Sequence[Atom], widths: Sequence[int], params: Params) -> list[Break]:
    """Optimal breaks for a paragraph set in lines of ``widths`` (the last width repeats)."""
    if not atoms:
        return []
    p = analyse(atoms, params.cjk_latin)
    n = len(atoms)
    top = len(widths) - 1
    points = _breaks(p)
    # best[(resume position, line index)] = (cost, previous key, Break)
    best: dict[tuple[int, int], tuple[int, tuple[int, int] | None, Break | None]] = {
        (0, 0): (0, None, None)}
    starts: list[tuple[int, int]] = [(0, 0)]
    for end, resume, forbidden, penalty in points:
        last = end == n
        candidates = []
        for key in starts:
            start, line = key
            if start >= end:
                continue
            f = fit(p, start, end, params.line_end_half, params.end_squeeze)
            measure = widths[min(line, top)]
            bad = badness(f, measure, params, last)
            hang = False
            if params.hanging and end - start > 1 and p.atoms[end - 1].text in HANGABLE:
                hung = badness(fit(p, start, end - 1, False), measure, params, last)
                if hung < bad:
                    bad, hang = hung, True
            if bad >= OVERFULL and end - start > 1 and f.natural - f.squeezable - \
                    f.gaps * params.max_shrink > measure * 2:
                continue  # hopelessly long; a shorter line will be found
            cost = best[key][0] + demerits(bad) + penalty + (FORBIDDEN if forbidden else 0)
            if last and start > 0 and _lone(p, start, end, params.widow_chars):
                cost += LONE_CHAR
            nxt = (resume, min(line + 1, top))
            candidates.append((cost, nxt, key, Break(start, end, resume, forbidden,
                                                     bad >= OVERFULL, hang)))
        for cost, nxt, key, brk in candidates:
            if nxt not in best or cost < best[nxt][0]:
                if nxt not in best:
                    starts.append(nxt)
                best[nxt] = (cost, key, brk)
        # forget starts that can no longer begin a line that fits
        starts = [s for s in starts if s[0] >= end or
                  p.prefix[end] - p.prefix[s[0]] <= _reach(widths, s[1], top)]
    finals = [k for k in best if k[0] == n]
    key = min(finals, key=lambda k: best[k][0])
    lines: list[Break] = []
    while best[key][1] is not None:
        _, prev, brk = best[key]
        lines.append(brk)
        key = prev
    lines.reverse()
    return lines


def _reach(widths: Sequence[int], line: int, top: int) -> int:
    """How much natural width a line starting a candidate may still gather (generous: a
    line may squeeze punctuation and gaps, so allow half a measure more)."""
    measure = widths[min(line, top)]
    return measure + measure // 2

"""Set the atoms of a chosen line: squeeze punctuation, spread or tighten the space between
characters so the line fills its measure, and give every glyph its origin."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from layout.text.breakup import split_long
from layout.text.classes import C
from layout.text.linebreak import Break, Paragraph, Params, analyse, break_paragraph, fit
from layout.text.looseness import paragraph_counts
from layout.text.prepare import Atom


@dataclass(frozen=True)
class Placed:
    """An atom on a line: the x of its first glyph's origin, in units from the line start."""

    atom: Atom
    x: int


@dataclass(frozen=True)
class Line:
    """A set line: its placed atoms, its measure, and how it was set."""

    items: tuple[Placed, ...]
    measure: int
    width: int          # where the last atom's box ends
    last: bool          # a paragraph's last line (not justified)
    forbidden: bool = False
    overfull: bool = False
    dropped: str = ""   # spaces dropped at the break after this line
    hyphen: int = 0     # a hyphen drawn at the end (a word cut at a syllable): its width,
                        # the last ``hyphen`` units of ``width``; it stands for no character

    @property
    def text(self) -> str:
        return "".join(p.atom.text for p in self.items)


def _spread(total: int, count: int) -> list[int]:
    """Split ``total`` units into ``count`` near-equal integer parts that add up exactly."""
    if count <= 0:
        return []
    base, rest = divmod(total, count)
    return [base + (1 if k < rest else 0) for k in range(count)]


def set_line(p: Paragraph, brk: Break, measure: int, params: Params, last: bool,
             align: str = "justify") -> Line:
    if brk.hang:
        # justify the line without its last mark, then hang the mark past the edge
        body = set_line(p, Break(brk.start, brk.end - 1, brk.end), measure, params, last,
                        align)
        mark = p.atoms[brk.end - 1]
        dropped = "".join(a.text for a in p.atoms[brk.end:brk.resume])
        return Line(body.items + (Placed(mark, body.width),), measure,
                    body.width + mark.width, last, brk.forbidden, brk.overfull, dropped)
    i, j = brk.start, brk.end
    atoms = p.atoms[i:j]
    n = len(atoms)
    left = [0] * n   # squeeze taken from each atom's left blank
    right = [0] * n  # squeeze taken from each atom's right blank
    for k in range(n - 1):
        if p.pair_side[i + k] == "first-both":
            left[k], right[k] = atoms[k].left_blank, atoms[k].right_blank
        elif p.pair_side[i + k] == "first-right":
            right[k] = p.pair[i + k]
        elif p.pair_side[i + k] == "second-left":
            left[k + 1] = p.pair[i + k]
    end_atom = atoms[-1]
    if params.line_end_half and end_atom.right_blank and end_atom.cls in (C.CL, C.ST):
        right[-1] = end_atom.right_blank
    f = fit(p, i, j, params.line_end_half, params.end_squeeze)
    gaps = [p.gap[i + k] for k in range(n - 1)]
    flexible = [k for k in range(n - 1) if not p.rigid[i + k]] or list(range(n - 1))
    diff = measure - f.natural
    justify = align == "justify" and not last
    if diff < 0:  # push in: punctuation blanks first, in proportion, then the gaps
        need = -diff
        room = [(a.left_blank - left[k], a.right_blank - right[k]) for k, a in enumerate(atoms)]
        # a mark ending the line is set full or half width, never in between: its blank
        # is taken whole, and only when the other blanks are not enough
        end_mark = end_atom.cls in (C.CL, C.ST)
        end_blank = room[-1][1] if end_mark and params.end_squeeze else 0
        if end_mark:
            room[-1] = (room[-1][0] if params.end_squeeze else 0, 0)
        available = sum(a + b for a, b in room)
        if end_blank and need > available:
            right[-1] += end_blank
            need -= end_blank
        take = max(0, min(need, available))
        if take:
            parts = _spread_weighted(take, [a + b for a, b in room])
            for k, part in enumerate(parts):
                lb, rb = room[k]
                from_right = min(part, rb)
                right[k] += from_right
                left[k] += part - from_right
        rest = need - take
        if rest > 0:
            _adjust(gaps, flexible, -rest)
        elif rest < 0 and justify and n > 1:     # the whole end blank gave too much
            _adjust(gaps, flexible, -rest)
    elif diff > 0 and justify and n > 1:
        _adjust(gaps, flexible, diff)
    x = 0
    if not justify and diff > 0:
        x = {"center": diff // 2, "right": diff}.get(align, 0)
    items = []
    for k, atom in enumerate(atoms):
        items.append(Placed(atom, x - left[k]))
        x += atom.width - left[k] - right[k]
        if k < n - 1:
            x += gaps[k]
    dropped = "".join(a.text for a in p.atoms[j:brk.resume])
    hyphen = end_atom.hyphen
    return Line(tuple(items), measure, x + hyphen, last, brk.forbidden, brk.overfull, dropped,
                hyphen)


def _adjust(gaps: list[int], flexible: list[int], amount: int) -> None:
    """Add ``amount`` (negative: take) spread evenly over the ``flexible`` gaps; the gaps
    inside a word stay as they are unless the line has no other."""
    for k, part in zip(flexible, _spread(abs(amount), len(flexible))):
        gaps[k] += part if amount > 0 else -part


def _spread_weighted(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (each part at most its weight)."""
    whole = sum(weights)
    parts = [total * w // whole for w in weights]
    rest = total - sum(parts)
    for k, w in enumerate(weights):
        if rest == 0:
            break
        if parts[k] < w:
            parts[k] += 1
            rest -= 1
    return parts


def _trimmed(atoms: Sequence[Atom]) -> Sequence[Atom]:
    """The atoms without spaces at the paragraph's start and end."""
    leading = 0
    while leading < len(atoms) and atoms[leading].cls is C.SP:
        leading += 1
    trailing = len(atoms)
    while trailing > leading and atoms[trailing - 1].cls is C.SP:
        trailing -= 1
    return atoms[leading:trailing]


def set_paragraph(atoms: Sequence[Atom], widths: Sequence[int], params: Params,
                  align: str = "justify", looseness: int = 0) -> list[Line] | None:
    """Break and set a paragraph: the lines, each justified to its width but the last.

    ``looseness`` asks for that many lines more (or fewer) than the optimum, every line
    within the style's limits (see ``break_lines``); None when that cannot be done."""
    atoms = _trimmed(atoms)
    if not atoms:
        return [] if not looseness else None
    atoms = split_long(atoms, widths)
    p = analyse(atoms, params.cjk_latin)
    breaks = break_paragraph(p, widths, params, looseness)
    if breaks is None:
        return None
    return set_breaks(p, breaks, widths, params, align)


@dataclass(frozen=True)
class Option:
    """A paragraph set in a number of lines, and what that costs in demerits (the optimum
    costs least; the difference is how much looser or tighter the option looks), with
    how its lines the optimum has not show (:func:`layout.text.looseness.appearance`)."""

    lines: tuple[Line, ...]
    cost: int
    within_limits: bool = True
    loosest: float = 0.0    # strain of its loosest line, and how much more than the
    shows: int = 0          # optimum it costs the eye (looseness.appearance)


def line_count_options(atoms: Sequence[Atom], widths: Sequence[int], params: Params,
                       align: str = "justify", spread: int = 1) -> dict[int, Option]:
    """The paragraph set optimally and, where the style's limits allow, in each line count
    up to ``spread`` lines fewer or more: line count -> option.  For balancing columns:
    lengthen or shorten the paragraph whose option costs least over its optimum."""
    atoms = _trimmed(atoms)
    if not atoms:
        return {}
    atoms = split_long(atoms, widths)
    p = analyse(atoms, params.cjk_latin)
    return {count: Option(tuple(set_breaks(p, s.breaks, widths, params, align)), s.cost,
                          s.within_limits, s.loosest, s.shows)
            for count, s in paragraph_counts(p, widths, params, spread).items()}


def set_breaks(p: Paragraph, breaks: Sequence[Break], widths: Sequence[int], params: Params,
               align: str = "justify") -> list[Line]:
    """Set the lines of an analysed paragraph broken at ``breaks``."""
    top = len(widths) - 1
    return [set_line(p, b, widths[min(n, top)], params, n == len(breaks) - 1, align)
            for n, b in enumerate(breaks)]

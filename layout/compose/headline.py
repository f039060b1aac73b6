"""Headline blocks: kicker (引题), headline (主题) and subheadline (副题) fitted to a width.

A headline too long for one line is first set smaller, down to its style's ``min_size``;
failing that it is broken into two balanced lines at a natural point (a space or a
punctuation mark before an ideograph), never leaving a character alone on a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose.context import Context
from layout.display import Glyphs
from layout.text.classes import C, can_break
from layout.text.justify import Line, set_line
from layout.text.linebreak import Break, analyse, fit
from layout.text.prepare import UNIT, Atom, to_units

SIZE_STEP = 0.5


@dataclass(frozen=True)
class HeadSet:
    """A headline set in ``lines`` at ``size`` pt with ``leading`` pt between baselines."""

    lines: tuple[Line, ...]
    size: float
    leading: float
    name: str

    @property
    def height(self) -> float:
        return self.leading * len(self.lines)


def _atoms(ctx: Context, text: str, name: str, size: float) -> list[Atom]:
    # a space between the two halves of a headline reads as a full em gap
    return ctx.atoms([ctx.span(text.strip().replace(" ", "\u3000"), name, size)])


def _natural(atoms: list[Atom]) -> int:
    p = analyse(atoms)
    return fit(p, 0, len(atoms), False).natural


def _split_points(atoms: list[Atom]) -> list[tuple[int, int, bool]]:
    """Places a headline may break: (end, resume, natural)."""
    out = []
    for k in range(1, len(atoms)):
        a, b = atoms[k - 1], atoms[k]
        if b.cls is C.SP:
            out.append((k, k + 1, True))
        elif a.cls is not C.SP and can_break(a.cls, b.cls):
            out.append((k, k, a.cls in (C.ST, C.CL)))
    return out


def _chars(atoms: list[Atom]) -> int:
    return sum(1 for a in atoms if a.is_char)


def _two_lines(atoms: list[Atom], measure: int) -> tuple[int, int] | None:
    """The most balanced break into two lines that both fit; natural points preferred."""
    best = None
    for end, resume, natural in _split_points(atoms):
        first, second = atoms[:end], atoms[resume:]
        if _chars(first) < 2 or _chars(second) < 2:
            continue
        w1, w2 = _natural(first), _natural(second)
        if max(w1, w2) > measure:
            continue
        score = abs(w1 - w2) - (measure // 4 if natural else 0)
        if best is None or score < best[0]:
            best = (score, end, resume)
    return None if best is None else (best[1], best[2])


def set_headline(ctx: Context, text: str, name: str, width: float,
                 align: str | None = None, **where) -> HeadSet:
    """Fit ``text`` in style ``name`` to ``width`` pt; ``where`` (article, file, line)
    locates the warning when it cannot be fitted."""
    st = ctx.text_style(name)
    align = align or st.align
    if not text.strip():                   # nothing to set
        return HeadSet((), st.size, _leading(st, st.size), name)
    measure = to_units(width)
    smallest = min(st.min_size or st.size, st.size)
    size = st.size
    while size >= smallest:  # one line, shrinking if allowed
        atoms = _atoms(ctx, text, name, size)
        if _natural(atoms) <= measure:
            return _head(ctx, atoms, [(0, len(atoms))], measure, size, name, align)
        size -= SIZE_STEP
    size = st.size
    while size >= smallest:  # two balanced lines
        atoms = _atoms(ctx, text, name, size)
        split = _two_lines(atoms, measure)
        if split:
            return _head(ctx, atoms, [(0, split[0]), (split[1], len(atoms))], measure, size,
                         name, align)
        size -= SIZE_STEP
    lines = ctx.set_text([ctx.span(text, name, smallest)], width, name=name, indent=0,
                         align="justify" if align == "justify" else align)
    ctx.sink.warn("headline-long", f"headline {text!r} needs {len(lines)} lines even at "
                  f"{smallest} pt", hint="shorten it or widen the headline", **where)
    return HeadSet(tuple(lines), smallest, _leading(st, smallest), name)


def _leading(st, size: float) -> float:
    return st.leading if st.leading else round(size * 1.25, 2)


def _head(ctx: Context, atoms: list[Atom], ranges, measure: int, size: float, name: str,
          align: str) -> HeadSet:
    p = analyse(atoms)
    params = ctx.params(size)
    lines = []
    for n, (start, end) in enumerate(ranges):
        last = n == len(ranges) - 1
        line_align = "center" if align == "center" else "left"
        lines.append(set_line(p, Break(start, end, end), measure, params, True, line_align))
    return HeadSet(tuple(lines), size, _leading(ctx.text_style(name), size), name)


def place(ctx: Context, head: HeadSet, x: float, top: float) -> list[Glyphs]:
    """Glyph runs of a headline whose first line box starts at ``top``."""
    items: list[Glyphs] = []
    for n, line in enumerate(head.lines):
        baseline = top + n * head.leading + (head.leading - head.size) / 2 + 0.88 * head.size
        items.extend(ctx.glyphs(line, x, baseline))
    return items


def line_width(line: Line) -> float:
    return line.width / UNIT

"""Pieces of page furniture (page header, masthead, proof labels): a short text set on one
line in a style at a given size, measured before it is placed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.compose.context import Context
from layout.display import BlockId, TextLine
from layout.text.justify import Line, Placed
from layout.text.prepare import UNIT

#: A measure wider than any page: furniture is set on one line at its natural width.
UNBOUNDED = 100_000.0


@dataclass(frozen=True)
class Piece:
    """A text set on one line: the line, its natural width in pt, its size and style."""

    text: str
    style: str
    size: float
    line: Line | None

    @property
    def width(self) -> float:
        return self.line.width / UNIT if self.line is not None else 0.0


def piece(ctx: Context, text: str, style: str, size: float | None = None,
          tracking: float | None = None) -> Piece:
    """``text`` in ``style`` at ``size`` (default: the style's) on one line, spaces kept as
    full-width gaps, with ``tracking`` em (default: the style's) between characters."""
    st = ctx.text_style(style)
    size = st.size if size is None else size
    text = text.strip()
    if not text:
        return Piece(text, style, size, None)
    lines = ctx.set_text([ctx.span(text.replace(" ", "\u3000"), style, size)], UNBOUNDED,
                         name=style, indent=0, align="left")
    line = lines[0]
    track = st.tracking if tracking is None else tracking
    if track:
        step = round(track * size * UNIT)
        items = tuple(Placed(p.atom, p.x + k * step) for k, p in enumerate(line.items))
        line = replace(line, items=items, width=line.width + (len(items) - 1) * step)
    return Piece(text, style, size, line)


def place(ctx: Context, p: Piece, x: float, baseline: float, block: BlockId,
          number: int = 0, color=None) -> list[TextLine]:
    """The piece's line with its left end at ``x`` (nothing for an empty piece); in
    ``color`` when given instead of its style's."""
    if p.line is None:
        return []
    line = ctx.text_line(p.line, x, baseline, block, number)
    if color is not None:
        line = replace(line, runs=tuple(replace(run, color=tuple(color)) for run in line.runs))
    return [line]

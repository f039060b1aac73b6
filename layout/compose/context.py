"""What composing a page needs at hand: styles, font chains, text settings, diagnostics; and
the step from set lines to glyph runs of the display list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from layout.diagnostics import Sink
from layout.display import EM_ASCENT, EM_DESCENT, BlockId, GlyphRun, TextLine
from layout.fonts.variants import is_selector
from layout.spec.grid import PageGrid
from layout.spec.model import StyleSheet, TextStyle
from layout.text.classes import C
from layout.text.justify import Line, Placed, line_count_options, set_paragraph
from layout.text.linebreak import Params
from layout.text.prepare import UNIT, Atom, Span, prepare, to_units


@dataclass
class Context:
    """Styles, font chains and settings shared by every slot of a page."""

    style: StyleSheet
    chains: dict            # role name -> layout.fonts.FontChain
    sink: Sink
    grid: PageGrid
    punctuation: str = "gb"
    caches: object = None   # layout.cache.Caches: slot results kept between builds

    def text_style(self, name: str) -> TextStyle:
        return getattr(self.style, name)

    def size(self, name: str) -> float:
        return self.grid.body_size if name == "body" else self.text_style(name).size

    def span(self, text: str, name: str, size: float | None = None) -> Span:
        st = self.text_style(name)
        return Span(text, name, self.chains[st.font], size or self.size(name))

    def atoms(self, spans: Sequence[Span]) -> list[Atom]:
        return prepare(spans, self.punctuation)

    def params(self, size: float) -> Params:
        t = self.style.typography
        return Params(max_stretch=to_units(t.max_stretch * size),
                      max_shrink=to_units(t.max_shrink * size),
                      line_end_half=t.line_end == "half",
                      end_squeeze=self.punctuation == "gb",
                      hanging=t.hanging,
                      cjk_latin=to_units(t.cjk_latin_space * size))

    def _setting(self, spans: Sequence[Span], width: float, name: str,
                 indent: float | None, first_width: float | None):
        st = self.text_style(name)
        size = spans[0].size if spans else self.size(name)
        indent_pt = (st.indent if indent is None else indent) * size
        measure = to_units(width)
        first = to_units(first_width if first_width is not None else width) - \
            to_units(indent_pt)
        return st, size, to_units(indent_pt), [first, measure]

    def set_text(self, spans: Sequence[Span], width: float, *, name: str,
                 indent: float | None = None, align: str | None = None,
                 first_width: float | None = None,
                 atoms: list[Atom] | None = None) -> list[Line]:
        """Break and justify one paragraph made of ``spans`` (prepared as ``atoms`` when
        given) into lines of ``width`` pt."""
        st, size, indent, widths = self._setting(spans, width, name, indent, first_width)
        lines = set_paragraph(atoms if atoms is not None else self.atoms(spans), widths,
                              self.params(size), align or st.align)
        if lines and indent:
            lines[0] = shift(lines[0], indent)
        return lines

    def text_options(self, spans: Sequence[Span], width: float, *, name: str,
                     indent: float | None = None, spread: int = 1,
                     atoms: list[Atom] | None = None
                     ) -> dict[int, tuple[list[Line], int]]:
        """The paragraph of :meth:`set_text` set in its best line count and in each count
        up to ``spread`` lines fewer or more that keeps every line within the style's
        limits: line count → (lines, cost in demerits)."""
        st, size, indent, widths = self._setting(spans, width, name, indent, None)
        options = line_count_options(atoms if atoms is not None else self.atoms(spans),
                                     widths, self.params(size), st.align, spread)
        out = {}
        for count, option in options.items():
            if not option.within_limits:
                continue
            lines = list(option.lines)
            if lines and indent:
                lines[0] = shift(lines[0], indent)
            out[count] = (lines, option.cost)
        return out

    def text_line(self, line: Line, x: float, baseline: float, block: BlockId,
                  number: int = 0) -> TextLine:
        """The page model's line for a set line whose left edge is ``x`` and baseline
        ``baseline`` (pt): its glyph runs (glyph ids from each atom's face), its text with
        spaces, and its place in ``block``."""
        runs: list[GlyphRun] = []
        current: _Run | None = None
        parts: list[str] = []
        offset = 0
        for placed in line.items:
            atom = placed.atom
            if atom.cls is not C.SP:
                key = (atom.face, atom.size, atom.style)
                if current is None or current.key != key:
                    if current is not None:
                        runs.append(current.done(self, baseline))
                    current = _Run(key)
                gx = placed.x
                advances = atom.advances or (atom.width,)
                for k, ch in enumerate(atom.text):
                    adv = advances[k] if k < len(advances) else 0
                    if current.clusters and (is_selector(ch) or adv == 0 and (
                            atom.face is None or not atom.face.has(ch))):
                        current.clusters[-1] += ch   # drawn with the glyph before it
                        continue
                    current.add(ch, offset + k, x + gx / UNIT, adv / UNIT)
                    gx += adv
            parts.append(atom.text)
            offset += len(atom.text)
        if current is not None:
            runs.append(current.done(self, baseline))
        left = min((r.xs[0] for r in runs if r.xs), default=x)
        right = max((r.xs[-1] + r.advances[-1] for r in runs if r.xs), default=x)
        size = max((r.size for r in runs), default=0.0)
        return TextLine(block, number, round(left, 3), round(baseline, 3),
                        round(right - left, 3), round(EM_ASCENT * size, 3),
                        round(EM_DESCENT * size, 3), "".join(parts), tuple(runs),
                        line.dropped)


class _Run:
    """A glyph run being collected (faces, sizes and styles change between runs)."""

    def __init__(self, key):
        self.key = key
        self.clusters: list[str] = []
        self.starts: list[int] = []
        self.xs: list[float] = []
        self.advances: list[float] = []

    def add(self, ch: str, start: int, x: float, advance: float) -> None:
        self.clusters.append(ch)
        self.starts.append(start)
        self.xs.append(x)
        self.advances.append(advance)

    def done(self, ctx: Context, baseline: float) -> GlyphRun:
        face, size, name = self.key
        st = ctx.text_style(name)
        gids = tuple((face.gid(c[0]) or 0) if face is not None else 0
                     for c in self.clusters)
        return GlyphRun(face.key if face is not None else None, size, tuple(st.color), name,
                        gids, tuple(self.clusters), tuple(self.starts),
                        tuple(round(v, 3) for v in self.xs),
                        tuple(round(v, 3) for v in self.advances), round(baseline, 3),
                        spot=st.spot)


def shift(line: Line, dx: int) -> Line:
    """The same line moved ``dx`` units to the right (first-line indent)."""
    return replace(line, items=tuple(Placed(p.atom, p.x + dx) for p in line.items),
                   width=line.width + dx)

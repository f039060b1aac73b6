"""What composing a page needs at hand: styles, font chains, text settings, diagnostics; and
the step from set lines to glyph runs of the display list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from layout.diagnostics import Sink
from layout.display import Glyphs
from layout.spec.grid import PageGrid
from layout.spec.model import StyleSheet, TextStyle
from layout.text.classes import C, classify
from layout.text.justify import Line, Placed, set_paragraph
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

    def set_text(self, spans: Sequence[Span], width: float, *, name: str,
                 indent: float | None = None, align: str | None = None,
                 first_width: float | None = None) -> list[Line]:
        """Break and justify one paragraph made of ``spans`` into lines of ``width`` pt."""
        st = self.text_style(name)
        size = spans[0].size if spans else self.size(name)
        indent_pt = (st.indent if indent is None else indent) * size
        measure = to_units(width)
        first = to_units(first_width if first_width is not None else width) - \
            to_units(indent_pt)
        lines = set_paragraph(self.atoms(spans), [first, measure], self.params(size),
                              align or st.align)
        if lines and indent_pt:
            lines[0] = shift(lines[0], to_units(indent_pt))
        return lines

    def glyphs(self, line: Line, x: float, y: float) -> list[Glyphs]:
        """Glyph runs of a set line whose left edge is ``x`` and baseline ``y`` (pt)."""
        runs: list[Glyphs] = []
        key = None
        text, xs = [], []
        for placed in line.items:
            atom = placed.atom
            if atom.cls is C.SP:
                continue
            k = (atom.face, atom.size, atom.style)
            if k != key and text:
                runs.append(self._run(key, "".join(text), xs, y))
                text, xs = [], []
            key = k
            gx = placed.x
            for ch, adv in zip(atom.text, atom.advances or (atom.width,)):
                if text and classify(ch) is C.MK:
                    text[-1] += ch
                else:
                    text.append(ch)
                    xs.append(x + gx / UNIT)
                gx += adv
        if text:
            runs.append(self._run(key, "".join(text), xs, y))
        return runs

    def _run(self, key, text: str, xs: list[float], y: float) -> Glyphs:
        face, size, name = key
        st = self.text_style(name)
        return Glyphs(face, size, tuple(st.color), text, tuple(round(v, 3) for v in xs),
                      round(y, 3), name, spot=st.spot)


def shift(line: Line, dx: int) -> Line:
    """The same line moved ``dx`` units to the right (first-line indent)."""
    return replace(line, items=tuple(Placed(p.atom, p.x + dx) for p in line.items),
                   width=line.width + dx)

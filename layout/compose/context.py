"""What composing a page needs at hand: styles, font chains, text settings, diagnostics; and
the step from set lines to glyph runs of the display list."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Sequence

from layout.diagnostics import Sink
from layout.display import EM_ASCENT, EM_DESCENT, BlockId, GlyphRun, TextLine
from layout.spec.grid import PageGrid
from layout.spec.model import StyleSheet, TextStyle
from layout.text.classes import WORDLIKE, C, zero_width
from layout.text.justify import Line, Option, Placed, line_count_options, set_paragraph
from layout.text.linebreak import Params
from layout.text.prepare import UNIT, Atom, Span, clusters, prepare, to_units


@dataclass
class Context:
    """Styles, font chains and settings shared by every slot of a page."""

    style: StyleSheet
    chains: dict            # role name -> layout.fonts.FontChain
    sink: Sink
    grid: PageGrid
    punctuation: str = "gb"
    caches: object = None   # layout.cache.Caches: slot results kept between builds
    #: paragraphs already set, by everything their setting depends on: a slot composed
    #: again at another height (copyfit, 齐底, the placer's measurements) sets the same
    #: paragraphs at the same widths, and breaking them is most of the work
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def text_style(self, name: str) -> TextStyle:
        return getattr(self.style, name)

    def size(self, name: str) -> float:
        return self.grid.body_size if name == "body" else self.text_style(name).size

    def span(self, text: str, name: str, size: float | None = None) -> Span:
        st = self.text_style(name)
        return Span(text, name, self.chains[st.font], size or self.size(name))

    def atoms(self, spans: Sequence[Span]) -> list[Atom]:
        key = ("atoms", self.punctuation, _spans_key(spans))
        done = self.memo.get(key)
        if done is None:
            done = self.memo[key] = tuple(prepare(spans, self.punctuation))
        return list(done)

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
        key = ("set", id(self.style), self.punctuation, _spans_key(spans), width, name,
               indent, align, first_width)
        done = self.memo.get(key)
        if done is None:
            st, size, indent, widths = self._setting(spans, width, name, indent,
                                                     first_width)
            lines = set_paragraph(atoms if atoms is not None else self.atoms(spans),
                                  widths, self.params(size), align or st.align)
            if lines and indent:
                lines[0] = shift(lines[0], indent)
            done = self.memo[key] = tuple(lines)
        return list(done)

    def text_options(self, spans: Sequence[Span], width: float, *, name: str,
                     indent: float | None = None, spread: int = 1,
                     atoms: list[Atom] | None = None
                     ) -> dict[int, Option]:
        """The paragraph of :meth:`set_text` set in its best line count (which says
        whether it keeps every line within the style's limits) and in each count up to
        ``spread`` lines fewer or more that does: line count → option (its lines, cost in
        demerits and how it shows)."""
        key = ("options", id(self.style), self.punctuation, _spans_key(spans), width,
               name, indent, spread)
        done = self.memo.get(key)
        if done is not None:
            return dict(done)
        st, size, indent, widths = self._setting(spans, width, name, indent, None)
        options = line_count_options(atoms if atoms is not None else self.atoms(spans),
                                     widths, self.params(size), st.align, spread)
        out = {}
        for count, option in options.items():
            lines = list(option.lines)
            if lines and indent:
                lines[0] = shift(lines[0], indent)
            out[count] = replace(option, lines=tuple(lines))
        self.memo[key] = out
        return dict(out)

    def text_line(self, line: Line, x: float, baseline: float, block: BlockId,
                  number: int = 0) -> TextLine:
        """The page model's line for a set line whose left edge is ``x`` and baseline
        ``baseline`` (pt): its glyph runs (glyph ids from each atom's face; a base with
        combining marks shaped by HarfBuzz, so the face places its marks), its text with
        spaces, and its place in ``block``.  A hyphen drawn at the end of a line stands
        for no character: the text keeps the word whole."""
        runs: list[GlyphRun] = []
        current: _Run | None = None
        parts: list[str] = []
        offset = 0

        def add(key, gid: int, text: str, start: int, gx: float, advance: float) -> None:
            nonlocal current
            if current is None or current.key != key:
                if current is not None:
                    runs.append(current.done(self, baseline))
                current = _Run(key)
            current.add(gid, text, start, gx, advance)

        last = None
        for placed in line.items:
            atom = placed.atom
            if atom.cls is not C.SP:
                last = atom
                face = atom.face
                key = (face, atom.size, atom.style, 0.0)
                gx = x + placed.x / UNIT
                advances = atom.advances or (atom.width,)
                k = 0
                for cluster in clusters(atom.text):
                    adv = sum(advances[k:k + len(cluster)]) / UNIT
                    base = advances[k] / UNIT if k < len(advances) else adv
                    start = offset + k
                    k += len(cluster)
                    shaped = _shaped(face, cluster) if len(cluster) > 1 else None
                    if shaped:
                        # a base narrower than its mark sits in the middle of the cluster
                        shift = max(0.0, (adv - base) / 2)
                        for n, (gid, text, dx, dy, at) in enumerate(shaped):
                            mx = gx + shift + dx * atom.size
                            if n:           # a mark's ink stays within its cluster
                                mx = _inside(face, gid, mx, atom.size, gx, gx + adv)
                            add((face, atom.size, atom.style, round(dy * atom.size, 3)),
                                gid, text, start + at, mx, base if n == 0 else 0.0)
                    elif current is not None and current.clusters and (
                            zero_width(cluster[0]) or adv == 0 and (
                                face is None or not face.has(cluster[0]))):
                        current.clusters[-1] += cluster   # drawn with the glyph before it
                        continue
                    else:
                        gid = (face.gid(cluster[0]) or 0) if face is not None else 0
                        add(key, gid, cluster, start, gx, adv)
                    gx += adv
            parts.append(atom.text)
            offset += len(atom.text)
        if line.hyphen and last is not None:
            face = last.face
            gid = (face.gid("-") or 0) if face is not None else 0
            add((face, last.size, last.style, 0.0), gid, "", offset,
                x + (line.width - line.hyphen) / UNIT, line.hyphen / UNIT)
        if current is not None:
            runs.append(current.done(self, baseline))
        self._cut_word(line, block)
        left = min((r.xs[0] for r in runs if r.xs), default=x)
        right = max((r.xs[-1] + r.advances[-1] for r in runs if r.xs), default=x)
        size = max((r.size for r in runs), default=0.0)
        return TextLine(block, number, round(left, 3), round(baseline, 3),
                        round(right - left, 3), round(EM_ASCENT * size, 3),
                        round(EM_DESCENT * size, 3), "".join(parts), tuple(runs),
                        line.dropped)

    def _cut_word(self, line: Line, block: BlockId) -> None:
        """A number cut at a line end, or a word cut where it has no syllable break,
        because it is wider than its column: a warning naming it and the article."""
        items = line.items
        if not items or items[-1].atom.cls is not C.LX or \
                items[-1].atom.cut not in CUT_WARNINGS:
            return
        k = len(items)
        while k > 0 and items[k - 1].atom.cls in WORDLIKE:
            k -= 1
        head = "".join(p.atom.text for p in items[k:])
        what, why = CUT_WARNINGS[items[-1].atom.cut]
        self.sink.warn(f"{what}-cut", f"the {what} beginning {head!r} is wider than its "
                       f"column and is cut at a line end {why}",
                       article=block.article or None,
                       hint=f"shorten the {what}, write it in groups (12 345 678), or widen "
                            "the column")


class _Run:
    """A glyph run being collected (faces, sizes, styles and mark offsets change between
    runs)."""

    def __init__(self, key):
        self.key = key
        self.gids: list[int] = []
        self.clusters: list[str] = []
        self.starts: list[int] = []
        self.xs: list[float] = []
        self.advances: list[float] = []

    def add(self, gid: int, text: str, start: int, x: float, advance: float) -> None:
        self.gids.append(gid)
        self.clusters.append(text)
        self.starts.append(start)
        self.xs.append(x)
        self.advances.append(advance)

    def done(self, ctx: Context, baseline: float) -> GlyphRun:
        face, size, name, rise = self.key
        st = ctx.text_style(name)
        return GlyphRun(face.key if face is not None else None, size, tuple(st.color), name,
                        tuple(self.gids), tuple(self.clusters), tuple(self.starts),
                        tuple(round(v, 3) for v in self.xs),
                        tuple(round(v, 3) for v in self.advances),
                        round(baseline - rise, 3), spot=st.spot)


#: Cuts inside a word that are worth a warning: (what was cut, how).
CUT_WARNINGS = {"digits": ("number", "between two groups of digits"),
                "digit": ("number", "inside a group of digits"),
                "letter": ("word", "where it has no syllable break"),
                "char": ("word", "between two characters")}


@lru_cache(maxsize=8192)
def _shaped(face, cluster: str) -> tuple[tuple[int, str, float, float, int], ...] | None:
    """A base character with combining marks as HarfBuzz shapes it in ``face`` (GPOS mark
    attachment, or HarfBuzz's fallback placement where the face has none): each glyph's
    id, the characters it stands for, its offset from the cluster's origin and its rise
    (em), and the offset of its characters in the cluster.  Marks the face lacks and
    zero-width parts stay with the glyph before them.  None when nothing needs shaping."""
    if face is None or getattr(face, "hb_font", None) is None:
        return None
    keep = [i for i, ch in enumerate(cluster)
            if i == 0 or (not zero_width(ch) and face.has(ch))]
    if len(keep) < 2:
        return None
    import uharfbuzz as hb
    buf = hb.Buffer()
    buf.add_codepoints([ord(cluster[i]) for i in keep])
    buf.guess_segment_properties()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(face.hb_font, buf, {})
    upem = face.units_per_em
    firsts = sorted({info.cluster for info in buf.glyph_infos})
    out, pen, seen = [], 0, set()
    stack: _MarkStack | None = None          # marks the face leaves where they were
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        c = info.cluster
        if c in seen:               # a further glyph of the same characters
            at, text = (keep[c] if c < len(keep) else len(cluster)), ""
        else:
            seen.add(c)
            later = [f for f in firsts if f > c]
            at = 0 if c == firsts[0] else keep[c]
            text = cluster[at:keep[later[0]] if later else len(cluster)]
        gid = info.codepoint
        if c == firsts[0] and text[:1] == cluster[:1]:
            gid = face.gid(cluster[0]) or gid      # a variation sequence's own glyph
        dx, dy = pen + pos.x_offset, pos.y_offset
        if stack is not None and text and not (pos.x_offset or pos.y_offset):
            dx, dy = stack.place(gid, text[0])     # the face left the mark where it was
        out.append((gid, text, dx / upem, dy / upem, at))
        if stack is None:
            stack = _MarkStack(face.hb_font, gid, upem)
        pen += pos.x_advance
    return tuple(out)


def _inside(face, gid: int, x: float, size: float, left: float, right: float) -> float:
    """``x`` moved so that the ink of glyph ``gid`` drawn there lies between ``left`` and
    ``right`` (where it fits)."""
    box = face.hb_font.get_glyph_extents(gid)
    if box is None or not box.width:
        return x
    scale = size / face.units_per_em
    ink_left = x + box.x_bearing * scale
    ink_right = ink_left + box.width * scale
    if ink_right > right:
        x -= ink_right - right
    elif ink_left < left:
        x += min(left - ink_left, right - ink_right)
    return x


#: Canonical combining classes of marks set above and below their base.
ABOVE = frozenset({214, 216, 228, 230, 232, 234})
BELOW = frozenset({200, 202, 204, 218, 220, 222, 233, 240})


class _MarkStack:
    """Places marks a face has but does not attach to a base (no anchor for the pair):
    centred on the base, above it (or below) with a small gap, each further mark on the
    one before — what HarfBuzz does for faces with no mark positioning at all."""

    def __init__(self, font, base: int, upem: int):
        self.font, self.gap = font, upem // 20
        box = font.get_glyph_extents(base)
        self.centre = (box.x_bearing + box.width / 2) if box else font.get_glyph_h_advance(
            base) / 2
        self.top = box.y_bearing if box else upem * 0.7
        self.bottom = (box.y_bearing + box.height) if box else 0
        self.advance = font.get_glyph_h_advance(base)

    def place(self, gid: int, mark: str) -> tuple[float, float]:
        box = self.font.get_glyph_extents(gid)
        if box is None or not box.width:
            return self.centre, 0.0
        # centred on the base's ink; a mark wider than the base (an overline, a keycap)
        # on its advance, which the layout widened to the mark's width
        centre = self.centre if box.width <= self.advance else self.advance / 2
        dx = centre - (box.x_bearing + box.width / 2)
        ccc = unicodedata.combining(mark)
        top, bottom = box.y_bearing, box.y_bearing + box.height
        dy = 0.0
        if ccc in ABOVE:
            dy = max(0.0, self.top + self.gap - bottom)
            self.top = top + dy
        elif ccc in BELOW:
            dy = min(0.0, self.bottom - self.gap - top)
            self.bottom = bottom + dy
        return dx, dy


def shift(line: Line, dx: int) -> Line:
    """The same line moved ``dx`` units to the right (first-line indent)."""
    return replace(line, items=tuple(Placed(p.atom, p.x + dx) for p in line.items),
                   width=line.width + dx)


def _spans_key(spans: Sequence[Span]) -> tuple:
    """What a paragraph's setting depends on in its spans (a chain by identity: the
    context holds its chains for as long as its memo)."""
    return tuple((s.text, s.style, id(s.chain), s.size) for s in spans)

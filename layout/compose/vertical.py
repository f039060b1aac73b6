"""Vertical headlines (竖排标题): characters top to bottom in one or two columns at the right
of a narrow slot, punctuation drawn with the font's vertical alternates (GSUB vert/vrt2),
or its Unicode vertical presentation forms when the font has no alternates."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Sequence

from layout.compose.context import Context
from layout.compose.headline import (BALANCE_COST, MIN_CHARS, SIZE_STEP, segmenter,
                                     size_cost)
from layout.display import BlockId, GlyphRun, TextLine
from layout.text.phrase import Place, places, split_marks

#: Horizontal marks → their vertical presentation forms (Unicode FE10–FE19, FE30–FE4F);
#: used when the face has the form, else the mark is kept.  Quotes become corner brackets
#: in vertical text (GB/T 15834).
VERTICAL_FORMS = {
    "，": "︐", "、": "︑", "。": "︒", "：": "︓", "；": "︔", "！": "︕", "？": "︖",
    "（": "︵", "）": "︶", "《": "︽", "》": "︾", "〈": "︿", "〉": "﹀", "【": "︻",
    "】": "︼", "「": "﹁", "」": "﹂", "『": "﹃", "』": "﹄", "“": "﹁", "”": "﹂",
    "‘": "﹃", "’": "﹄", "—": "︱", "…": "︙", "〔": "︹", "〕": "︺",
}
COLUMN_GAP = 0.4        # between two headline columns, in em of the headline size


@dataclass(frozen=True)
class VerticalHead:
    columns: tuple[str, ...]      # right column first
    size: float
    name: str

    @property
    def width(self) -> float:
        n = len(self.columns)
        return self.size * (n + (n - 1) * COLUMN_GAP)

    @property
    def height(self) -> float:
        return self.size * max(len(c) for c in self.columns)


def _split(text: str, spots: Sequence[Place], height: float, sizes: list[float]
           ) -> tuple[tuple[str, str], float] | None:
    """The best cut of ``text`` into two columns at one of ``spots`` (the places a
    headline may break: layout.text.phrase), balanced, each of two characters or more,
    and the size it lets the columns be set at; None when no place will do."""
    best = None
    for place in spots:
        a, b = text[:place.end].replace(" ", ""), text[place.resume:].replace(" ", "")
        if len(a) < MIN_CHARS or len(b) < MIN_CHARS:
            continue
        longest = max(len(a), len(b))
        step = next((k for k, size in enumerate(sizes) if longest * size <= height), None)
        if step is None:
            continue
        cost = place.cost + size_cost(step) + \
            BALANCE_COST * (abs(len(a) - len(b)) / longest) ** 2
        if best is None or cost < best[0]:
            best = (cost, (a, b), sizes[step])
    return None if best is None else best[1:]


def set_vertical(ctx: Context, text: str, name: str, height: float) -> VerticalHead:
    """Fit ``text`` in style ``name`` into ``height`` pt: one column, shrinking down to the
    style's min_size, else two balanced columns cut where a horizontal headline would
    break (a break mark, a space, punctuation, between words); a headline with break
    marks has one column per part."""
    st = ctx.text_style(name)
    clean, forced = split_marks(text)
    smallest = min(st.min_size or st.size, st.size)
    if forced:
        bounds = [0, *forced, len(clean)]
        columns = tuple(clean[i:j].replace(" ", "") for i, j in itertools.pairwise(bounds))
        return _shrunk(ctx, columns, st, height, text, name)
    flat = clean.replace(" ", "")
    size = st.size
    while size >= smallest:
        if len(flat) * size <= height:
            return VerticalHead((flat,), size, name)
        size -= SIZE_STEP
    sizes = [st.size - k * SIZE_STEP for k in range(int((st.size - 4) / SIZE_STEP) + 1)]
    split = _split(clean, places(clean, forced, segmenter()), height, sizes)
    if split is not None:
        return VerticalHead(split[0], split[1], name)
    middle = math.ceil(len(flat) / 2)
    return _shrunk(ctx, (flat[:middle], flat[middle:]), st, height, text, name)


def _shrunk(ctx: Context, columns: tuple[str, ...], st, height: float, text: str,
            name: str) -> VerticalHead:
    """``columns`` at the largest size (down to 4 pt) their longest fits ``height`` at."""
    size = st.size
    longest = max(len(c) for c in columns)
    while size > 4:
        if longest * size <= height:
            return VerticalHead(columns, size, name)
        size -= SIZE_STEP
    ctx.sink.warn("headline-long", f"vertical headline {text!r} does not fit {height:.0f} pt",
                  hint="shorten it or make the slot taller")
    return VerticalHead(columns, size, name)


def place_vertical(ctx: Context, head: VerticalHead, right: float, top: float,
                   block: BlockId) -> list[TextLine]:
    """The columns of a vertical headline whose right edge is ``right`` and top ``top``,
    right column first; each glyph is the face's vertical form of its character where the
    font has one (GSUB vert/vrt2), else the Unicode vertical presentation form, and stands
    for the character as written."""
    st = ctx.text_style(head.name)
    chain = ctx.chains[st.font]
    s = head.size
    lines: list[TextLine] = []
    for n, column in enumerate(head.columns):
        x0 = right - s * (n + 1) - n * COLUMN_GAP * s
        runs: list[GlyphRun] = []
        run: list[tuple[int, str, int, float, float]] = []
        run_face = None
        for k, ch in enumerate(column):
            face = chain.face_for(ch)
            drawn = ch
            gid = 0
            if face is not None:
                gid = face.vertical_gid(ch) or 0
                if not gid and ch in VERTICAL_FORMS and face.has(VERTICAL_FORMS[ch]):
                    drawn = VERTICAL_FORMS[ch]   # the Unicode presentation form
                gid = gid or face.gid(drawn) or 0
            advance = face.advance(drawn) if face is not None else 1.0
            if run and face is not run_face:
                runs.append(_run(run_face, s, st, head.name, run))
                run = []
            run_face = face
            run.append((gid, ch, k, x0 + (1.0 - advance) * s / 2, top + k * s + 0.88 * s,
                        advance * s))
        if run:
            runs.append(_run(run_face, s, st, head.name, run))
        lines.append(TextLine(block, n, round(x0, 3), round(top, 3), round(s * len(column), 3),
                              s, 0.0, column, tuple(runs), vertical=True))
    return lines


def _run(face, size: float, st, name: str, glyphs) -> GlyphRun:
    gids, clusters, starts, xs, ys, widths = zip(*glyphs)
    return GlyphRun(face.key if face is not None else None, size, tuple(st.color), name,
                    gids, clusters, starts, tuple(round(x, 3) for x in xs),
                    tuple(round(w, 3) for w in widths), round(ys[0], 3),
                    tuple(round(y, 3) for y in ys), spot=st.spot)

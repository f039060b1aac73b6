"""Headline blocks: kicker (引题), headline (主题) and subheadline (副题) fitted to a width.

A headline is fitted as an editor fits one: first by tracking (the style's tracking,
tightened down to ``TIGHTEST``), then by size down to the style's ``min_size``, then by
lines — two, then three — broken only at phrase boundaries (layout.text.phrase: spaces,
punctuation, between words, an explicit ``|`` or newline that always wins) and balanced.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

from layout.compose.context import Context
from layout.display import BlockId, TextLine
from layout.text.classes import C
from layout.text.justify import Line, Placed, set_line
from layout.text.linebreak import Break, Paragraph, analyse, fit
from layout.text.phrase import Place, places, split_marks
from layout.text.prepare import UNIT, Atom, to_units

if TYPE_CHECKING:
    from layout.text.segment import Segmenter

SIZE_STEP = 0.5
#: The tightest tracking a headline may be set with to fit, in em (a style whose own
#: tracking is tighter keeps its own).
TIGHTEST = -0.05
#: Styles fitted by tracking; others (page furniture) keep their style's tracking.
HEADLINE_STYLES = frozenset({"headline", "banner", "kicker", "subheadline",
                             "photo_headline"})
#: Most lines a headline is broken into before it is reported as too long.
MAX_LINES = 3
#: Costs weighed against the cost of a break place (layout.text.phrase.PLACE_COST).
SIZE_COST = 5           # per SIZE_STEP below the style's size, plus its square: a
                        # point or two is routine, four points is a different headline
TRACKING_COST = 4       # for tightening by 0.05 em (less than a size step: tracking first)
BALANCE_COST = 120      # for lines whose lengths differ by the whole longest line
LINE_COST = 60          # for a line more than the fewest the headline fits in
INNER_SPACE = 20        # for a space of a broken headline left inside a line
#: A broken headline costing more than this (a break inside a phrase, or a phrase cut
#: short) is also tried in one more line, and the cheaper of the two is taken.
GOOD_ENOUGH = 100
#: Fewest characters on a line of a broken headline (no 孤字).
MIN_CHARS = 2


@dataclass(frozen=True)
class HeadSet:
    """A headline set in ``lines`` at ``size`` pt with ``leading`` pt between baselines,
    with ``tracking`` em between its characters."""

    lines: tuple[Line, ...]
    size: float
    leading: float
    name: str
    tracking: float = 0.0

    @property
    def height(self) -> float:
        return self.leading * len(self.lines)


@dataclass(frozen=True)
class _Setting:
    """A candidate: the line ranges (start, end) in atoms at size step ``step``, the
    tracking in units, and its cost."""

    cost: float
    step: int
    tracking: int
    ranges: tuple[tuple[int, int], ...]


class _Sized:
    """A headline's atoms at one size, with what fitting its lines needs."""

    def __init__(self, ctx: Context, text: str, name: str, size: float, step: int):
        self.size, self.step = size, step
        self.atoms = _atoms(ctx, text, name, size)
        self.paragraph: Paragraph = analyse(self.atoms)
        self.offset = {0: 0}       # character offset → atom index at an atom boundary
        at = 0
        for k, atom in enumerate(self.atoms, 1):
            at += len(atom.text)
            self.offset[at] = k
        self.chars = list(itertools.accumulate((a.is_char for a in self.atoms), initial=0))
        self.spaces = list(itertools.accumulate((a.cls is C.SP for a in self.atoms),
                                                initial=0))

    def natural(self, i: int, j: int) -> int:
        return fit(self.paragraph, i, j, False).natural


def _atoms(ctx: Context, text: str, name: str, size: float) -> list[Atom]:
    # a space kept inside a line reads as a full em gap
    return ctx.atoms([ctx.span(text.replace(" ", "\u3000"), name, size)])


def _sizes(st) -> list[float]:
    smallest = min(st.min_size or st.size, st.size)
    out, size = [], st.size
    while size >= smallest - 1e-9:
        out.append(round(size, 3))
        size -= SIZE_STEP
    return out


def set_headline(ctx: Context, text: str, name: str, width: float,
                 align: str | None = None, size: float | None = None,
                 **where) -> HeadSet:
    """Fit ``text`` in style ``name`` to ``width`` pt, from ``size`` (default: the
    style's) down to the style's smallest; ``where`` (article, file, line) locates the
    warning when it cannot be fitted."""
    st = ctx.text_style(name)
    if size:
        leading = round(st.leading * size / st.size, 2) if st.leading else None
        st = replace(st, size=size, min_size=min(st.min_size or st.size, size),
                     leading=leading)
    align = align or st.align
    clean, forced = split_marks(text)
    if not clean:                          # nothing to set
        return HeadSet((), st.size, _leading(st, st.size), name, st.tracking)
    measure = to_units(width)
    tightest = min(st.tracking, TIGHTEST) if name in HEADLINE_STYLES else st.tracking
    sizes = _sizes(st)
    sized: dict[int, _Sized] = {}

    def at(step: int) -> _Sized:
        if step not in sized:
            sized[step] = _Sized(ctx, clean, name, sizes[step], step)
        return sized[step]

    fewest = len(forced) + 1
    most = max(MAX_LINES, fewest)
    marks = tuple(Place(k, k, 0, "mark", True) for k in forced)
    chosen: _Setting | None = None
    for count in range(fewest, most + 1):
        # the segmenter is loaded only when a headline needs breaking
        spots = marks if count == fewest else places(clean, forced, segmenter())
        best = _best(at, len(sizes), spots, count, measure, st.tracking, tightest)
        if best is not None and chosen is not None:
            best = replace(best, cost=best.cost + LINE_COST)
        if best is not None and (chosen is None or best.cost < chosen.cost):
            chosen = best
        if chosen is not None and (chosen.cost < GOOD_ENOUGH or len(chosen.ranges) < count
                                   or count == 1):
            break                          # one line at any size beats two
    if chosen is not None:
        return _head(ctx, at(chosen.step), chosen, measure, st, name, align)
    return _too_long(ctx, clean, forced, st, name, width, align, at(len(sizes) - 1),
                     tightest, most, where)


def segmenter() -> Segmenter:
    """The word segmenter, its index kept in the user's cache directory (made on the
    first use; jieba itself is imported only when a headline needs breaking)."""
    from layout.fonts.library import default_cache_dir
    from layout.text import segment
    return segment.segmenter(default_cache_dir())


def _best(at, steps: int, spots: Sequence[Place], count: int, measure: int,
          preferred: float, tightest: float) -> _Setting | None:
    """The cheapest setting of the headline in ``count`` lines over all sizes."""
    best: _Setting | None = None
    forced = [p for p in spots if p.forced]
    optional = [p for p in spots if not p.forced]
    for step in range(steps):
        if best is not None and size_cost(step) >= best.cost:
            break                          # a smaller size cannot do better
        s = at(step)
        unit = s.size * UNIT
        pref, tight = round(preferred * unit), round(tightest * unit)
        for chosen in itertools.combinations(optional, count - 1 - len(forced)):
            cut = sorted((*forced, *chosen), key=lambda p: p.end)
            setting = _evaluate(s, cut, measure, pref, tight)
            if setting is not None and (best is None or setting.cost < best.cost):
                best = setting
    return best


def size_cost(step: int) -> float:
    """Cost of setting a headline ``step`` size steps below its style's size."""
    return SIZE_COST * step + step * step


def _evaluate(s: _Sized, cut: Sequence[Place], measure: int, pref: int, tight: int
              ) -> _Setting | None:
    """The setting of the lines that ``cut`` makes at size ``s``, or None when they do
    not fit (or a line would be too short)."""
    ranges, start = [], 0
    for place in cut:
        end, resume = s.offset.get(place.end), s.offset.get(place.resume)
        if end is None or resume is None or end <= start:
            return None
        ranges.append((start, end))
        start = resume
    if start >= len(s.atoms):
        return None
    ranges.append((start, len(s.atoms)))
    track = pref
    lines = []
    for n, (i, j) in enumerate(ranges):
        if len(ranges) > 1 and s.chars[j] - s.chars[i] < MIN_CHARS and \
                not _forced_edge(cut, n):
            return None
        natural, gaps = s.natural(i, j), j - i - 1
        if gaps:
            track = min(track, (measure - natural) // gaps)
        elif natural > measure:
            return None
        lines.append((natural, gaps))
    if track < tight:
        return None
    widths = [w + g * track for w, g in lines]
    cost = sum(p.cost for p in cut) + size_cost(s.step)
    cost += TRACKING_COST * (pref - track) / (0.05 * s.size * UNIT)
    if len(widths) > 1:
        cost += BALANCE_COST * ((max(widths) - min(widths)) / max(widths)) ** 2
        cost += INNER_SPACE * sum(s.spaces[j] - s.spaces[i] for i, j in ranges)
    return _Setting(cost, s.step, track, tuple(ranges))


def _forced_edge(cut: Sequence[Place], n: int) -> bool:
    """Is line ``n`` bounded by break marks on both of its sides (the editor's choice)?"""
    before = n == 0 or cut[n - 1].forced
    after = n == len(cut) or cut[n].forced
    return before and after


def _too_long(ctx: Context, clean: str, forced, st, name: str, width: float, align: str,
              s: _Sized, tightest: float, most: int, where) -> HeadSet:
    """A headline that does not fit in ``most`` lines: as few lines as it takes at the
    smallest size, broken at phrase boundaries if it can be, else anywhere allowed."""
    preferred = st.tracking
    measure = to_units(width)
    unit = s.size * UNIT
    setting = _fewest(s, places(clean, forced, segmenter()), measure,
                      round(preferred * unit), round(tightest * unit))
    if setting is None:
        lines = ctx.set_text([ctx.span(clean, name, s.size)], width, name=name, indent=0,
                             align="justify" if align == "justify" else align)
        head = HeadSet(tuple(lines), s.size, _leading(st, s.size), name, 0.0)
    else:
        head = _head(ctx, s, setting, measure, st, name, align)
    ctx.sink.warn("headline-long",
                  f"headline {clean!r} does not fit {width:.1f} pt in {most} lines even at "
                  f"{s.size:g} pt with tracking {tightest:g} em; set in {len(head.lines)} "
                  f"lines" + ("" if setting else ", broken inside words"),
                  hint="shorten it, mark the breaks with |, or widen the headline",
                  data={"width": round(width, 2), "size": s.size, "tracking": tightest,
                        "lines": len(head.lines), "most_lines": most,
                        "inside_words": setting is None}, **where)
    return head


def _fewest(s: _Sized, spots: Sequence[Place], measure: int, pref: int, tight: int
            ) -> _Setting | None:
    """The fewest lines, broken at ``spots``, that fit at the tightest tracking, and of
    those the cheapest (place costs, and lines short of the measure); None when some
    phrase is wider than the measure."""
    n = len(s.atoms)
    ends = sorted({(s.offset[p.end], s.offset[p.resume], p.cost, p.forced) for p in spots
                   if p.end in s.offset and p.resume in s.offset} | {(n, n, 0, True)})
    # best[start] = (lines, cost, ranges) of the cheapest way to set atoms[:start]
    best: dict[int, tuple[int, float, tuple[tuple[int, int], ...]]] = {0: (0, 0.0, ())}
    for end, resume, cost, forced in ends:
        for start, (lines, total, ranges) in list(best.items()):
            if start >= end or any(f > start and f < end for f, _, _, hard in ends
                                   if hard and f != n):
                continue                      # a line may not run past a break mark
            natural, gaps = s.natural(start, end), end - start - 1
            if natural + gaps * tight > measure:
                continue
            short = (measure - natural - gaps * tight) / measure
            value = (lines + 1, total + cost + BALANCE_COST * short ** 2,
                     ranges + ((start, end),))
            if resume not in best or value[:2] < best[resume][:2]:
                best[resume] = value
    if n not in best:
        return None
    ranges = best[n][2]
    track = pref
    for i, j in ranges:
        if j - i > 1:
            track = min(track, (measure - s.natural(i, j)) // (j - i - 1))
    return _Setting(best[n][1], s.step, max(track, tight), ranges)


def _leading(st, size: float) -> float:
    return st.leading if st.leading else round(size * 1.25, 2)


def _head(ctx: Context, s: _Sized, setting: _Setting, measure: int, st, name: str,
          align: str) -> HeadSet:
    params = ctx.params(s.size)
    line_align = "center" if align == "center" else "left"
    lines = []
    for n, (start, end) in enumerate(setting.ranges):
        resume = setting.ranges[n + 1][0] if n + 1 < len(setting.ranges) else end
        lines.append(_tracked(s.paragraph, Break(start, end, resume), measure,
                              setting.tracking, params, line_align))
    unit = s.size * UNIT
    return HeadSet(tuple(lines), s.size, _leading(st, s.size), name,
                   round(setting.tracking / unit, 4))


def _tracked(p: Paragraph, brk: Break, measure: int, track: int, params, align: str
             ) -> Line:
    """Set one line with ``track`` units added between its atoms: the line is set to the
    measure less its tracking, then each atom moved by the tracking before it."""
    gaps = brk.end - brk.start - 1
    line = set_line(p, brk, measure - gaps * track, params, True, align)
    if not track:
        return line
    items = tuple(Placed(item.atom, item.x + k * track) for k, item in enumerate(line.items))
    return replace(line, items=items, measure=measure, width=line.width + gaps * track)


def place(ctx: Context, head: HeadSet, x: float, top: float, block: BlockId
          ) -> list[TextLine]:
    """The lines of a headline whose first line box starts at ``top``."""
    items: list[TextLine] = []
    for n, line in enumerate(head.lines):
        baseline = top + n * head.leading + (head.leading - head.size) / 2 + 0.88 * head.size
        items.append(ctx.text_line(line, x, baseline, block, n))
    return items


def line_width(line: Line) -> float:
    return line.width / UNIT

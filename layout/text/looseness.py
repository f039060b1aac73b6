"""A paragraph set in a chosen number of lines (TeX's \\looseness), for columns that end
on one baseline (齐底): the best breaks for each line count near the optimum, every line
within the style's limits, with their costs and how strained their changed lines look, so
a caller can lengthen or shorten the paragraph where it shows least.

One dynamic programme over (line start, lines so far), trying only lines within limits:
no line overfull, no justified line spread beyond ``max_stretch`` per gap, no lone
character (孤字) on the last line, and no more prohibited breaks than the optimum has.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from layout.text.linebreak import (FORBIDDEN, LONE_CHAR, OVERFULL, Break, Paragraph, Params,
                                   _breaks, _optimal, _Table, analyse, demerits)
from layout.text.prepare import Atom

#: Paragraphs set in more lines than this keep their optimal setting: the states of the
#: programme grow with lines × line counts, and a column is balanced by short paragraphs.
LONGEST = 200


@dataclass(frozen=True)
class Setting:
    """A paragraph broken into ``lines`` lines at ``breaks``, costing ``cost`` demerits
    (the sum the breaker minimises: lower is better, the difference between two settings
    is how much worse one looks).  ``loosest`` is the strain (:func:`line_strain`) of its
    loosest line, ``shows`` how much more its lines cost the eye than the optimum's
    (:func:`appearance`)."""

    lines: int
    cost: int
    breaks: tuple[Break, ...]
    within_limits: bool = True      # every line within the style's limits
    loosest: float = 0.0
    shows: int = 0


def line_counts(atoms: Sequence[Atom], widths: Sequence[int], params: Params,
                spread: int = 1) -> dict[int, Setting]:
    """The optimal setting and, for each line count up to ``spread`` lines fewer or more,
    the best setting with exactly that many lines, when one exists within limits.  Keys
    are line counts; the optimum's count is always present."""
    if not atoms:
        return {}
    return paragraph_counts(analyse(atoms, params.cjk_latin), widths, params, spread)


def paragraph_counts(p: Paragraph, widths: Sequence[int], params: Params,
                     spread: int = 1) -> dict[int, Setting]:
    """``line_counts`` for an analysed paragraph."""
    table = _Table(p, params)
    optimum = _optimal(p, table, widths, params)
    n = len(optimum)
    counts = [n + d for d in range(-spread, spread + 1) if d and n + d >= 1]
    found = settings(p, table, widths, params, optimum, counts)
    for count, setting in found.items():
        found[count] = replace(setting, **appearance(p, table, widths, setting.breaks,
                                                     optimum))
    found[n] = Setting(n, cost(p, table, widths, params, optimum), tuple(optimum),
                       _within(p, table, widths, params, optimum),
                       **appearance(p, table, widths, optimum, optimum))
    return dict(sorted(found.items()))


def cost(p: Paragraph, t: _Table, widths: Sequence[int], params: Params,
         breaks: Sequence[Break]) -> int:
    """The demerits of a paragraph broken at ``breaks`` (as the breaker counts them)."""
    penalties = {end: penalty + (FORBIDDEN if forbidden else 0)
                 for end, _, forbidden, penalty in _breaks(p)}
    top, n, total = len(widths) - 1, len(p.atoms), 0
    for k, b in enumerate(breaks):
        last = b.end == n
        got = t.line(b.start, b.end, widths[min(k, top)], last)
        bad = OVERFULL if got is None else got[0]
        total += demerits(bad) + penalties[b.end]
        if last and b.start > 0 and t.chars[b.end] - t.chars[b.start] < params.widow_chars:
            total += LONE_CHAR
    return total


def line_strain(p: Paragraph, t: _Table, b: Break, measure: int) -> float:
    """How far line ``b`` departs from solid setting, as a share of the style's limits:
    the space spread between characters over ``max_stretch`` per gap (positive), or the
    space taken from between characters over ``max_shrink`` per gap (negative) — beyond
    what squeezing punctuation blanks gives, which leaves the characters solid (标点挤压,
    the first means of pushing in).  0 for a line set solid or pushed in by its
    punctuation alone, ±1 for one at the style's limit; a paragraph's last line counts
    only when pushed in."""
    i, j = b.start, b.end
    P, R = t.P, t.R
    if b.hang:
        natural, squeezable, gaps = t.nh[j] - P[i], t.sqh[j] - t.sqs[i], j - i - 2
        flexible = (gaps - (R[j - 2] - R[i])) or gaps
    else:
        natural, squeezable, gaps = t.ne[j] - P[i], t.sqe[j] - t.sqs[i], j - i - 1
        flexible = (gaps - (R[j - 1] - R[i])) or gaps
    diff = measure - natural
    if diff > 0:
        if j == len(p.atoms):
            return 0.0
        return diff / (flexible * t.stretch) if flexible and t.stretch else math.inf
    rest = -diff - squeezable
    if rest <= 0:
        return 0.0
    return -rest / (flexible * t.shrink) if flexible and t.shrink else -math.inf


def shows(strain: float) -> int:
    """What a line of ``strain`` costs the eye, in the breaker's demerits: what spreading
    a line by that share of ``max_stretch`` costs over setting it solid (0 solid, about
    120 at the limit).  A line pushed in counts as one spread by the same share of its
    own limit: the breaker charges pushing in more, to prefer a loose line to a tight
    one in a paragraph's best setting, but to the eye a line 0.03 em tighter shows less
    than one 0.15 em looser."""
    strain = abs(strain)
    if strain == 0:
        return 0
    if strain == math.inf:
        return demerits(OVERFULL)
    return demerits(int(100 * strain ** 3) + 1) - demerits(0)


def appearance(p: Paragraph, t: _Table, widths: Sequence[int], breaks: Sequence[Break],
               optimum: Sequence[Break]) -> dict:
    """How the paragraph set at ``breaks`` looks beside its best setting ``optimum``:
    ``loosest``, the strain (:func:`line_strain`) of its loosest line (0 when none is
    spread), and ``shows``, how much more its lines cost the eye (:func:`shows`) than
    the optimum's (never below 0)."""
    top = len(widths) - 1

    def strains(bs: Sequence[Break], other: Sequence[Break]) -> list[float]:
        kept = {(b.start, b.end) for b in other}
        return [line_strain(p, t, b, widths[min(k, top)]) for k, b in enumerate(bs)
                if (b.start, b.end) not in kept]
    new, old = strains(breaks, optimum), strains(optimum, breaks)
    loosest = max((line_strain(p, t, b, widths[min(k, top)])
                   for k, b in enumerate(breaks)), default=0.0)
    extra = sum(shows(s) for s in new) - sum(shows(s) for s in old)
    return {"loosest": max(0.0, loosest), "shows": max(0, extra)}


def _within(p: Paragraph, t: _Table, widths: Sequence[int], params: Params,
            breaks: Sequence[Break]) -> bool:
    top = len(widths) - 1
    return all(limited(p, t, b.start, b.end, widths[min(k, top)], params) is not None
               for k, b in enumerate(breaks))


def limited(p: Paragraph, t: _Table, i: int, j: int, measure: int,
            params: Params) -> tuple[int, bool] | None:
    """(badness, hang) of atoms [i, j) on a line of ``measure`` when that line is within
    the style's limits, else None."""
    last = j == len(p.atoms)
    got = t.line(i, j, measure, last)
    if got is None or got[0] >= OVERFULL:
        return None
    if last:
        if i > 0 and t.chars[j] - t.chars[i] < params.widow_chars:
            return None                                 # a lone last character
        return got
    P, R = t.P, t.R
    if got[1]:                                          # hung: the line without its mark
        diff, gaps, rigid = measure - (t.nh[j] - P[i]), j - i - 2, R[j - 2] - R[i]
    else:
        diff, gaps, rigid = measure - (t.ne[j] - P[i]), j - i - 1, R[j - 1] - R[i]
    if diff > 0 and diff > ((gaps - rigid) or gaps) * t.stretch:
        return None                                     # spread beyond max_stretch
    return got


def _too_loose(t: _Table, i: int, j: int, measure: int) -> bool:
    """No line [i', j) with i' >= i can be spread within limits (narrower lines, fewer
    gaps)."""
    P = t.P
    diff = measure - (t.ne[j] - P[i])
    if diff <= (j - i - 1) * t.stretch:
        return False
    if t.hangable[j] and j - i > 1:
        return measure - (t.nh[j] - P[i]) > (j - i - 2) * t.stretch
    return True


def settings(p: Paragraph, t: _Table, widths: Sequence[int], params: Params,
             optimum: Sequence[Break], counts: Iterable[int]) -> dict[int, Setting]:
    """The best setting within limits for each of ``counts`` lines that has one."""
    wanted = sorted({c for c in counts if c >= 1})
    if not wanted or len(optimum) > LONGEST:
        return {}
    n, top, most = len(p.atoms), len(widths) - 1, wanted[-1]
    allowed = sum(b.forbidden for b in optimum)
    P = p.prefix
    measures = sorted(set(widths))
    # position -> {lines so far: (cost, previous position, Break)}
    states: dict[int, dict[int, tuple[int, int, Break | None]]] = {0: {0: (0, -1, None)}}
    opened, opened_prefix = [0], [0]            # positions with states, in order
    for end, resume, forbidden, penalty in _breaks(p):
        pen = penalty + (FORBIDDEN if forbidden else 0)
        reached: dict[int, tuple[int, int, Break]] = {}
        for measure in measures:
            k = bisect_right(opened_prefix, t.ne[end] - measure)
            tried = list(range(k, len(opened)))
            if end < n:
                tried = []
                for idx in range(k, len(opened)):
                    if _too_loose(t, opened[idx], end, measure):
                        break
                    tried.append(idx)
            for idx in range(k - 1, -1, -1):
                if t.cannot_fit(opened[idx], end, measure):
                    break
                tried.append(idx)
            for idx in sorted(tried):
                start = opened[idx]
                got = None
                for lines, (so_far, _, _) in states[start].items():
                    if lines + 1 > most or widths[min(lines, top)] != measure:
                        continue
                    if got is None:
                        got = limited(p, t, start, end, measure, params) or (OVERFULL, False)
                    if got[0] >= OVERFULL:
                        break
                    total = so_far + demerits(got[0]) + pen
                    if lines + 1 not in reached or total < reached[lines + 1][0]:
                        reached[lines + 1] = (total, start, Break(
                            start, end, resume, forbidden, False, got[1]))
        if reached:
            states[resume] = dict(sorted(reached.items()))
            opened.append(resume)
            opened_prefix.append(P[resume])
    out: dict[int, Setting] = {}
    for count in wanted:
        got = states.get(n, {}).get(count)
        if got is None:
            continue
        breaks, lines, pos = [], count, n
        while lines:
            _, prev, brk = states[pos][lines]
            breaks.append(brk)
            pos, lines = prev, lines - 1
        breaks.reverse()
        if sum(b.forbidden for b in breaks) <= allowed:
            out[count] = Setting(count, got[0], tuple(breaks))
    return out

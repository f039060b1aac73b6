"""The paragraph breaker as first written: every open line start tried at every break.

Slow (the work per break grows with the measure) but plain; the breaker in
layout/text/linebreak.py must give exactly its breaks, and tests/text/test_breaker_exact.py
checks that it does."""

from __future__ import annotations

from collections.abc import Sequence

from layout.text.linebreak import (FORBIDDEN, HANGABLE, LONE_CHAR, OVERFULL, Break,
                                   Paragraph, Params, _breaks, analyse, badness, demerits,
                                   fit)
from layout.text.prepare import Atom


def _lone(p: Paragraph, i: int, j: int, widow_chars: int) -> bool:
    chars = sum(1 for a in p.atoms[i:j] if a.is_char)
    return chars < widow_chars


def _reach(widths: Sequence[int], line: int, top: int) -> int:
    measure = widths[min(line, top)]
    return measure + measure // 2


def break_lines(atoms: Sequence[Atom], widths: Sequence[int], params: Params) -> list[Break]:
    if not atoms:
        return []
    p = analyse(atoms, params.cjk_latin)
    n = len(atoms)
    top = len(widths) - 1
    points = _breaks(p)
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
                body = fit(p, start, end - 1, False)
                # a lone piece before the hung mark cannot be spread to the edge
                if body.gaps or body.natural >= measure or last:
                    hung = badness(body, measure, params, last)
                    if hung < bad:
                        bad, hang = hung, True
            if bad >= OVERFULL and end - start > 1 and f.natural - f.squeezable - \
                    f.gaps * params.max_shrink > measure * 2:
                continue
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

"""Choose line breaks for a whole paragraph (Knuth–Plass style dynamic programming).

Pure and integer: ``break_lines(atoms, widths, params)`` returns the lines; each non-final
line will be justified to its width by pushing in (squeezing punctuation blanks) or pushing
out (spreading the space between characters), whichever costs less over the paragraph.
Prohibited breaks (避头尾) and lone last characters (孤字) are costs, not branches: an
impossible paragraph still gets lines, and the result says what it had to give up.
``looseness`` asks for the best setting with more or fewer lines (layout/text/looseness.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from layout.text.classes import (BREAK_PENALTY, HANGABLE, NO_LINE_END, NO_LINE_START,
                                 PAIR_SQUEEZE, WORDLIKE, C, can_break, digit_group)
from layout.text.prepare import Atom

# The costs are ordered: an overfull line is worse than a prohibited break, which is worse
# than a lone last character, which is worse than any loose line (see ``demerits``).
OVERFULL = 10 ** 10     # badness of a line wider than its measure even when fully squeezed
FORBIDDEN = 10 ** 12    # a prohibited break: used only when nothing else is possible
LONE_CHAR = 10 ** 9     # a paragraph's last line holding a single character
LOOSE = 10 ** 4         # badness beyond which a loose line's cost grows only linearly


@dataclass(frozen=True)
class Params:
    """How lines may be adjusted, in internal units per gap between atoms."""

    max_stretch: int             # spreading beyond this per gap counts as loose
    max_shrink: int              # squeezing ideograph gaps at most this per gap
    line_end_half: bool = False  # closing marks at a line end always half width
    end_squeeze: bool = True     # a mark ending a line may be set half width when needed
    hanging: bool = False        # ，。、 may hang past the column edge (ぶら下がり)
                                 # (GB); centred CNS marks keep their full em at a line end
    cjk_latin: int = 0           # natural space between ideographs and Latin
    widow_chars: int = 2         # fewest characters on a paragraph's last line


@dataclass(frozen=True)
class Break:
    """A line: atoms ``start`` to ``end`` (exclusive); the next line starts at ``resume``
    (after a dropped space)."""

    start: int
    end: int
    resume: int
    forbidden: bool = False      # ends at a prohibited place (nothing else was possible)
    overfull: bool = False       # does not fit even when squeezed
    hang: bool = False           # the last atom (，。、) hangs past the measure


@dataclass(frozen=True)
class Paragraph:
    """Atoms with the per-pair adjustments precomputed."""

    atoms: Sequence[Atom]
    gap: tuple[int, ...]         # natural space after atom k (to atom k+1)
    pair: tuple[int, ...]        # mandatory squeeze between atom k and k+1
    pair_side: tuple[str, ...]   # which blank the pair squeeze takes ("" if none)
    rigid: tuple[bool, ...] = ()  # gap k lies inside a word: never stretched or shrunk
    prefix: tuple[int, ...] = field(repr=False, default=())
    blank_prefix: tuple[int, ...] = field(repr=False, default=())
    pair_prefix: tuple[int, ...] = field(repr=False, default=())
    rigid_prefix: tuple[int, ...] = field(repr=False, default=())


def analyse(atoms: Sequence[Atom], cjk_latin: int = 0) -> Paragraph:
    """The paragraph's per-pair adjustments and their prefix sums (computed once, shared
    by the breaker and the justifier)."""
    n = len(atoms)
    gap, pair, side = [0] * n, [0] * n, [""] * n
    rigid = [False] * n
    for k in range(n - 1):
        a, b = atoms[k], atoms[k + 1]
        ac, bc = a.cls, b.cls
        if cjk_latin and ((ac is C.ID and bc is C.LT) or (ac is C.LT and bc is C.ID)):
            gap[k] = cjk_latin
        how = PAIR_SQUEEZE.get((ac, bc))
        if how is not None:
            if how == "first-right" and a.right_blank and a.left_blank == a.right_blank:
                # a centred mark (CNS) gives both its blanks, so the pair still takes 1.5 em
                pair[k], side[k] = a.left_blank + a.right_blank, "first-both"
            elif how == "first-right" and a.right_blank:
                pair[k], side[k] = a.right_blank, how
            elif b.left_blank:
                pair[k], side[k] = b.left_blank, "second-left"
        rigid[k] = ac in WORDLIKE and bc in WORDLIKE
    natural = [a.width + gap[k] - pair[k] for k, a in enumerate(atoms)]
    blanks = [a.left_blank + a.right_blank for a in atoms]
    return Paragraph(atoms, tuple(gap), tuple(pair), tuple(side), tuple(rigid),
                     tuple(accumulate(natural, initial=0)),
                     tuple(accumulate(blanks, initial=0)),
                     tuple(accumulate(pair, initial=0)),
                     tuple(accumulate(rigid, initial=0)))


def side_free(p: Paragraph, k: int) -> bool:
    """Is atom k's left blank still free (not taken by a pair squeeze with atom k-1)?"""
    return k == 0 or p.pair_side[k - 1] != "second-left"


@dataclass(frozen=True)
class Fit:
    """What setting atoms [i, j) on one line needs."""

    natural: int       # width with mandatory squeezes
    squeezable: int    # optional punctuation blanks left
    gaps: int          # adjustable gaps between atoms on the line (not inside words)


def fit(p: Paragraph, i: int, j: int, line_end_half: bool, end_squeeze: bool = True) -> Fit:
    last = j - 1
    natural = p.prefix[j] - p.prefix[i] - p.gap[last] + p.pair[last]
    mandatory = p.pair_prefix[last] - p.pair_prefix[i]
    squeezable = p.blank_prefix[j] - p.blank_prefix[i] - mandatory
    atom = p.atoms[last]
    if line_end_half and atom.right_blank and atom.cls in (C.CL, C.ST):
        natural -= atom.right_blank
        squeezable -= atom.right_blank
    elif not end_squeeze and atom.cls in (C.CL, C.ST):
        squeezable -= atom.right_blank + (atom.left_blank if side_free(p, last) else 0)
    gaps = j - i - 1
    flexible = gaps - (p.rigid_prefix[last] - p.rigid_prefix[i])
    # a line of one long word (a URL) may be letter-spaced: then its gaps count
    return Fit(natural, squeezable, flexible or gaps)


def badness(f: Fit, measure: int, params: Params, last: bool) -> int:
    """Cost of setting a line; OVERFULL when it cannot be made to fit."""
    return _badness(measure - f.natural, f.squeezable, f.gaps, params.max_stretch,
                    params.max_shrink, last)


def _badness(diff: int, squeezable: int, gaps: int, stretch: int, shrink: int,
             last: bool) -> int:
    if diff == 0:
        return 0
    if diff > 0:
        if last:
            return 0
        if gaps == 0:
            return 10 ** 5
        ratio = diff / (gaps * stretch)
        return int(100 * ratio ** 3) + 1
    need = -diff
    if need <= squeezable:
        ratio = need / squeezable
        return int(4 * ratio * ratio) + 1
    rest = need - squeezable
    room = gaps * shrink
    if rest <= room:
        return 50 + int(200 * (rest / room) ** 2)
    return OVERFULL


def demerits(bad: int) -> int:
    """Cost of a line of badness ``bad``: quadratic while the line is tolerable, linear
    beyond ``LOOSE`` (so a very loose line never outweighs a prohibition or a 孤字), and
    prohibitive when overfull."""
    if bad >= OVERFULL:
        return OVERFULL * 1000
    if bad <= LOOSE:
        return (10 + bad) ** 2 // 100
    return (10 + LOOSE) ** 2 // 100 + (bad - LOOSE) // 100


def _breaks(p: Paragraph) -> list[tuple[int, int, bool, int]]:
    """Every place a line may end: (end, resume, forbidden, penalty)."""
    atoms = p.atoms
    out = []
    for k in range(1, len(atoms)):
        a, b = atoms[k - 1], atoms[k]
        if b.cls is C.SP:
            resume = k + 1
            while resume < len(atoms) and atoms[resume].cls is C.SP:
                resume += 1
            if a.cls is not C.SP:
                after = atoms[resume].cls if resume < len(atoms) else C.ID
                penalty = BREAK_PENALTY["word-space"] \
                    if a.cls in WORDLIKE and after in WORDLIKE else 0
                grouped = resume == k + 1 and resume < len(atoms) and \
                    digit_group(a.text) and digit_group(atoms[resume].text)
                out.append((k, resume, a.cls in NO_LINE_END or after in NO_LINE_START
                            or grouped, penalty))
        elif a.cls is not C.SP:
            penalty = BREAK_PENALTY["url"] if a.cls is C.LX else 0
            out.append((k, k, not can_break(a.cls, b.cls), penalty))
    out.append((len(atoms), len(atoms), False, 0))
    return out


class _Table:
    """Everything the breaker asks of a line [i, j), from per-paragraph tables: its natural
    width, squeezable blanks and adjustable gaps in constant time (prefix sums)."""

    def __init__(self, p: Paragraph, params: Params) -> None:
        atoms, n = p.atoms, len(p.atoms)
        P, B, PP = p.prefix, p.blank_prefix, p.pair_prefix
        gap, pair = p.gap, p.pair
        self.P, self.R = P, p.rigid_prefix
        self.stretch, self.shrink = params.max_stretch, params.max_shrink
        self.sqs = [B[i] - PP[i] for i in range(n + 1)]
        # per line end j: natural width and squeezable blanks, less the start's share
        ne, sqe, nh, sqh = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
        hangable = [False] * (n + 1)
        for j in range(1, n + 1):
            last = j - 1
            a = atoms[last]
            nat, sq = P[j] - gap[last] + pair[last], B[j] - PP[last]
            if params.line_end_half and a.right_blank and a.cls in (C.CL, C.ST):
                nat -= a.right_blank
                sq -= a.right_blank
            elif not params.end_squeeze and a.cls in (C.CL, C.ST):
                sq -= a.right_blank + (a.left_blank if side_free(p, last) else 0)
            ne[j], sqe[j] = nat, sq
            if j >= 2:      # the same line with its last mark hung past the edge
                nh[j] = P[j - 1] - gap[j - 2] + pair[j - 2]
                sqh[j] = B[j - 1] - PP[j - 2]
                hangable[j] = params.hanging and a.text in HANGABLE
        self.ne, self.sqe, self.nh, self.sqh, self.hangable = ne, sqe, nh, sqh, hangable
        chars = [0] * (n + 1)
        for k, a in enumerate(atoms):
            chars[k + 1] = chars[k] + (a.cls is C.ID or a.cls is C.LT)
        self.chars = chars
        # the narrowest a line starting at i can be made is ne - sqe - gaps * shrink - u[i]:
        # a running maximum of u bounds every line starting at or before i at once
        shrink = params.max_shrink
        top_u, most = None, [0] * (n + 1)
        for i in range(n + 1):
            u = P[i] - self.sqs[i] - i * shrink
            top_u = u if top_u is None or u > top_u else top_u
            most[i] = top_u
        self.most_u = most
        # widths never shrink as atoms are added: lines of later starts are never wider
        self.monotone = all(P[k] <= P[k + 1] for k in range(n)) and params.max_stretch > 0

    def line(self, i: int, j: int, measure: int, last: bool) -> tuple[int, bool] | None:
        """(badness, hang) of atoms [i, j) on a line of ``measure``; None when the line is
        hopelessly long (not a candidate at all)."""
        P, R = self.P, self.R
        nat = self.ne[j] - P[i]
        sq = self.sqe[j] - self.sqs[i]
        gaps = j - i - 1
        g = (gaps - (R[j - 1] - R[i])) or gaps
        bad = _badness(measure - nat, sq, g, self.stretch, self.shrink, last)
        hang = False
        if gaps > 0 and self.hangable[j]:
            gh = gaps - 1
            diff = measure - (self.nh[j] - P[i])
            # a lone piece before the hung mark cannot be spread to the edge
            if gh > 0 or diff <= 0 or last:
                hung = _badness(diff, self.sqh[j] - self.sqs[i],
                                (gh - (R[j - 2] - R[i])) or gh, self.stretch, self.shrink,
                                last)
                if hung < bad:
                    bad, hang = hung, True
        if bad >= OVERFULL and gaps > 0 and nat - sq - g * self.shrink > measure * 2:
            return None     # hopelessly long; a shorter line will be found
        return bad, hang

    def loose_floor(self, i: int, j: int, measure: int) -> int:
        """A badness no line [i', j) with i' >= i is below, when [i, j) is loose: such
        lines are narrower still and have no more gaps to spread."""
        P, stretch = self.P, self.stretch
        gaps = j - i - 1
        diff = measure - (self.ne[j] - P[i])
        floor = 10 ** 5 if gaps == 0 else min(10 ** 5, int(100 * (diff / (gaps * stretch))
                                                            ** 3) + 1)
        if self.hangable[j] and gaps > 0:
            diff = measure - (self.nh[j] - P[i])
            if diff <= 0:
                return 0
            gh = gaps - 1
            if gh > 0:          # a lone piece before the mark is never hung (see line)
                floor = min(floor, min(10 ** 5, int(100 * (diff / (gh * stretch)) ** 3) + 1))
        return floor

    def narrowest(self, j: int, measure: int) -> int:
        """What ``u`` a start needs for a line ending at j to fit ``measure`` at all: no
        line [i', j) with i' <= i fits when ``most_u[i]`` is below it."""
        shrink = self.shrink
        need = self.ne[j] - self.sqe[j] - (j - 1) * shrink - measure
        if self.hangable[j] and j >= 2:
            need = min(need, self.nh[j] - self.sqh[j] - (j - 2) * shrink - measure)
        return need

    def cannot_fit(self, i: int, j: int, measure: int) -> bool:
        """True when no line [i', j) with i' <= i fits ``measure`` even fully squeezed."""
        return self.most_u[i] < self.narrowest(j, measure)


class _Lane:
    """The open line starts of one line index, in the order they were found (and so by
    position): position, natural width before it, cost so far, order of discovery."""

    __slots__ = ("cost", "order", "pos", "prefix")

    def __init__(self) -> None:
        self.pos: list[int] = []
        self.prefix: list[int] = []
        self.cost: list[int] = []
        self.order: list[int] = []

    def add(self, pos: int, prefix: int, cost: int, order: int) -> None:
        self.pos.append(pos)
        self.prefix.append(prefix)
        self.cost.append(cost)
        self.order.append(order)

    def keep(self, mask: Sequence[bool]) -> None:
        for name in self.__slots__:
            values = getattr(self, name)
            setattr(self, name, [v for v, k in zip(values, mask) if k])

    def drop_first(self, count: int) -> None:
        del self.pos[:count], self.prefix[:count], self.cost[:count], self.order[:count]


def break_lines(atoms: Sequence[Atom], widths: Sequence[int], params: Params,
                looseness: int = 0) -> list[Break] | None:
    """Optimal breaks for a paragraph set in lines of ``widths`` (the last width repeats).

    With ``looseness`` n (TeX's \\looseness), the best breaks with n lines more (or fewer,
    n < 0) than the optimum, every line within the style's limits; None when no such
    setting exists."""
    if not atoms:
        return []
    return break_paragraph(analyse(atoms, params.cjk_latin), widths, params, looseness)


def break_paragraph(p: Paragraph, widths: Sequence[int], params: Params,
                    looseness: int = 0) -> list[Break] | None:
    """``break_lines`` for an analysed paragraph."""
    if not p.atoms:
        return []
    table = _Table(p, params)
    lines = _optimal(p, table, widths, params)
    if not looseness:
        return lines
    from layout.text.looseness import settings
    found = settings(p, table, widths, params, lines, (len(lines) + looseness,))
    choice = found.get(len(lines) + looseness)
    return None if choice is None else list(choice.breaks)


def _optimal(p: Paragraph, t: _Table, widths: Sequence[int], params: Params) -> list[Break]:
    """The dynamic programme over line starts.  Equal in result to trying every open start
    at every break (the first start in discovery order wins a tie; tests/text/reference.py
    is that plain programme), but a start is tried only when a bound does not already show
    it loses: starts whose line is looser than the best found by more than any start's
    head start can make up, and starts too far back to fit at all, are passed over, so the
    work per break is a handful of lines however wide the measure."""
    n = len(p.atoms)
    top = len(widths) - 1
    P, ne, chars = p.prefix, t.ne, t.chars
    exhaustive = not t.monotone
    over = demerits(OVERFULL)
    line, loose_floor, most_u = t.line, t.loose_floor, t.most_u
    # (resume, line index) -> (cost, previous key, (start, end, resume, forbidden,
    # overfull, hang) of the line that ends there)
    best: dict[tuple[int, int], tuple] = {(0, 0): (0, None, None)}
    lanes: dict[int, _Lane] = {0: _Lane()}
    lanes[0].add(0, 0, 0, 0)
    order = 1
    R, stretch, hangable = t.R, t.stretch, t.hangable
    for end, resume, forbidden, penalty in _breaks(p):
        last = end == n
        pen = penalty + (FORBIDDEN if forbidden else 0)
        rigid_end, hangable_end = R[end - 1], hangable[end]
        # next line index -> (cost, order, line index, start, bad, hang) of the best start
        # and the order of the first start that gave a candidate at all
        found: dict[int, tuple] = {}
        first: dict[int, int] = {}
        if last or exhaustive:
            everyone = sorted((order_, l, idx) for l, lane in lanes.items()
                              for idx, order_ in enumerate(lane.order))
            for serial, l, idx in everyone:
                lane, nxt = lanes[l], min(l + 1, top)
                start = lane.pos[idx]
                got = line(start, end, widths[min(l, top)], last)
                if got is None:
                    continue
                cost = lane.cost[idx] + demerits(got[0]) + pen
                if last and start > 0 and chars[end] - chars[start] < params.widow_chars:
                    cost += LONE_CHAR
                first.setdefault(nxt, serial)
                cur = found.get(nxt)
                if cur is None or cost < cur[0]:
                    found[nxt] = (cost, serial, l, start, got[0], got[1])
        else:
            for l, lane in lanes.items():
                pos, costs, orders = lane.pos, lane.cost, lane.order
                count = len(pos)
                measure = widths[l] if l < top else widths[top]
                nxt = l + 1 if l < top else top
                lowest = None       # the least cost of the starts left untried, once needed
                cur = found.get(nxt)
                head = first.get(nxt, order)
                if top >= 2:    # new starts are ordered by their first candidate: find it
                    idx = 0
                    while idx < count and line(pos[idx], end, measure, False) is None:
                        idx += 1
                    if idx < count:
                        head = min(head, orders[idx])
                # starts from k on give loose lines, those before tight or overfull ones;
                # a loose line is never overfull, so its badness is worked out here
                natural_end = ne[end]
                k = bisect_right(lane.prefix, natural_end - measure)
                idx = k
                while idx < count:
                    start = pos[idx]
                    gaps = end - start - 1
                    g = (gaps - (rigid_end - R[start])) or gaps
                    if g == 0:
                        bad = 10 ** 5
                    else:
                        bad = int(100 * ((measure - natural_end + P[start]) / (g * stretch))
                                  ** 3) + 1
                    hang = False
                    if gaps > 0 and hangable_end:
                        got = line(start, end, measure, False)
                        bad, hang = got
                    cost = costs[idx] + demerits(bad) + pen
                    serial = orders[idx]
                    if cur is None or cost < cur[0] or (cost == cur[0] and serial < cur[1]):
                        cur = (cost, serial, l, start, bad, hang)
                    if serial < head:   # noqa: PLR1730  (a call per start costs)
                        head = serial
                    idx += 1
                    if idx < count:     # stop when no later start can do better
                        start = pos[idx]
                        gaps = end - start - 1
                        floor = 10 ** 5 if gaps == 0 or hangable_end else min(10 ** 5, int(
                            100 * ((measure - natural_end + P[start]) / (gaps * stretch))
                            ** 3) + 1)
                        if hangable_end:
                            floor = loose_floor(start, end, measure)
                        if lowest is None:      # of the starts left, this one and after
                            lowest = min(costs[idx:])
                        if lowest + pen + demerits(floor) > cur[0]:
                            break
                idx = k - 1
                lowest = None
                narrowest = None    # what a line ending here needs of its start to fit
                while idx >= 0:
                    start = pos[idx]
                    if cur is not None:
                        if lowest is None:      # of the starts left, this one and before
                            lowest = min(costs[:idx + 1])
                        if lowest + over + pen > cur[0]:
                            if narrowest is None:
                                narrowest = t.narrowest(end, measure)
                            if most_u[start] < narrowest:
                                break
                    got = line(start, end, measure, False)
                    if got is not None:
                        cost = costs[idx] + demerits(got[0]) + pen
                        serial = orders[idx]
                        if cur is None or cost < cur[0] or (cost == cur[0] and
                                                            serial < cur[1]):
                            cur = (cost, serial, l, start, got[0], got[1])
                        if serial < head:   # noqa: PLR1730
                            head = serial
                    idx -= 1
                if cur is not None:
                    found[nxt] = cur
                    first[nxt] = head
        for nxt in (sorted(found, key=first.__getitem__) if len(found) > 1 else found):
            cost, _, l, start, bad, hang = found[nxt]
            best[resume, nxt] = (cost, (start, l), (start, end, resume, forbidden,
                                                    bad >= OVERFULL, hang))
            lane = lanes.get(nxt)
            if lane is None:
                lane = lanes[nxt] = _Lane()
            lane.add(resume, P[resume], cost, order)
            order += 1
        # forget starts that can no longer begin a line that fits
        emptied = []
        for l, lane in lanes.items():
            measure = widths[l] if l < top else widths[top]
            least = P[end] - (measure + measure // 2)     # see _reach
            if exhaustive:
                lane.keep([pos >= end or P[pos] >= least for pos in lane.pos])
            elif lane.prefix[0] < least:
                lane.drop_first(bisect_left(lane.prefix, least))
            if not lane.pos:
                emptied.append(l)
        for l in emptied:
            del lanes[l]
    finals = [k for k in best if k[0] == n]
    key = min(finals, key=lambda k: best[k][0])
    lines: list[Break] = []
    while best[key][1] is not None:
        _, prev, brk = best[key]
        lines.append(Break(*brk))
        key = prev
    lines.reverse()
    return lines


def _reach(widths: Sequence[int], line: int, top: int) -> int:
    """How much natural width a line starting a candidate may still gather (generous: a
    line may squeeze punctuation and gaps, so allow half a measure more)."""
    measure = widths[min(line, top)]
    return measure + measure // 2

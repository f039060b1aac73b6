"""A first packing of a page, found by filling it from the top as a make-up editor does:
the search that gives the CP-SAT model (layout.place.solve) its starting solution.

The page is filled at its lowest, leftmost empty cell: an item starts there — one of the
next few in the page order, in one of its shapes, at a height the shape allows.  Every
packing without holes is reached this way, and the first search looks for the best of
them, depth first, the likeliest choice first, with each state of the page (the level
of every column, the items placed) visited once at its cheapest and every branch cut
that cannot beat the best found.  When none exists within its nodes, a beam search that
may also leave cells empty (a hole, up to the level of a neighbouring column) keeps the
most promising partial pages step by step.  Both are deterministic and bounded, and judge
whole packings by the model's own objective (:func:`layout.place.costs.cost_of`).
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.place.costs import W_HOLE, W_INVERSION, W_INVERSION_PHOTO, W_UNDER
from layout.place.shapes import Item, Shape

#: Nodes the search for a packing without holes may visit on a page.
NODES = 60_000
#: How many of the next items in the page order may take the cell being filled.
AHEAD = 3
#: Partial pages the beam search keeps at each step, and the choices it tries from each.
BEAM = 60
BRANCH = 12
#: What a step between the levels of neighbouring columns is expected to cost (holes to
#: come), per grid line up to six, in the beam search.
W_STEP = 20


@dataclass(frozen=True)
class Placed:
    """An item in one of its shapes: shape index, first page column (0-based), first grid
    line and height in grid lines (the rule line above it counted)."""

    item: int
    shape: int
    column: int
    top: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height


def pack(columns: int, lines: int, items: list[Item], fixed: list, *, jump: bool,
         fill: bool, judge, taking: int, nodes: int = NODES) -> list[Placed] | None:
    """The best packing found of ``items`` (in page order) on a grid of ``columns`` ×
    ``lines`` around the ``fixed`` rectangles (``column``, ``span``, ``top``, ``height``),
    judged by ``judge(packing)`` (lower is better); None when none was found.  ``jump``:
    at most one item may take a partial shape; ``fill``:
    a packing without holes reaches the foot of the page; ``taking``: what each optional
    item placed is worth."""
    page = _Page(columns, lines, items, fixed, jump, taking)
    return _Exact(page, fill, judge, nodes).run() or _beam(page, judge)


class _Page:
    """The grid, the fixed rectangles and the items, and the choices for a cell."""

    def __init__(self, columns: int, lines: int, items: list[Item], fixed: list,
                 jump: bool, taking: int):
        self.columns, self.lines, self.items = columns, lines, items
        self.jump, self.taking = jump, taking
        self.blocked = [sorted((f.top, f.top + f.height) for f in fixed
                               if f.column <= c < f.column + f.span)
                        for c in range(columns)]
        self.fixed_area = sum(f.span * f.height for f in fixed)
        self.fixed_foot = max((f.top + f.height for f in fixed), default=0)
        banners = [n for n, i in enumerate(items) if i.kind == "banner"]
        ranked = [n for n, i in enumerate(items) if i.hierarchic]
        # what must come first: the banners, then the lead
        self.first = banners + ranked[:1]

    def skip(self, column: int, line: int) -> int:
        """The first line at or below ``line`` that no fixed rectangle holds."""
        for top, end in self.blocked[column]:
            if top <= line < end:
                line = end
        return line

    def room(self, column: int, line: int) -> int:
        """Lines free from ``line`` down in ``column`` (to a fixed rectangle or the foot)."""
        return min([top for top, _ in self.blocked[column] if top >= line] + [self.lines]) \
            - line

    def start(self) -> tuple[int, ...]:
        return tuple(self.skip(c, 0) for c in range(self.columns))

    def cell(self, level) -> tuple[int, int, int] | None:
        """The lowest, leftmost empty cell: its line, and the columns from it rightwards
        at that level (first, after the last); None when the page is full."""
        y = min(level)
        if y >= self.lines:
            return None
        c0 = level.index(y)
        c1 = c0
        while c1 < self.columns and level[c1] == y:
            c1 += 1
        return y, c0, c1

    def mandatory_done(self, done) -> bool:
        return all(d or item.optional for d, item in zip(done, self.items))

    def options(self, level, done, partials: int, y: int, c0: int, c1: int
                ) -> list[tuple[int, int, int]]:
        """The items that may start at (``c0``, ``y``) as (item, shape, height), the
        likeliest first: the banners and the lead before anything, then the next few in
        the page order (optional ones in order)."""
        width = c1 - c0
        rule = 1 if y > 0 else 0
        waiting = [n for n in self.first if not done[n]]
        if waiting:
            candidates = waiting[:1]
        else:
            candidates, optional_seen = [], False
            for n, item in enumerate(self.items):
                if done[n]:
                    continue
                if item.optional:
                    if optional_seen:
                        continue
                    optional_seen = True
                candidates.append(n)
                if len(candidates) == AHEAD:
                    break
        levels = sorted({v for v in level if v > y} | {self.lines})
        scored = []
        for order, n in enumerate(candidates):
            for k, shape in enumerate(self.items[n].shapes):
                if shape.span > width or (shape.partial and self.jump and partials):
                    continue
                room = min(self.room(c, y) for c in range(c0, c0 + shape.span))
                for height in _heights(shape, rule, y, levels):
                    if height <= room:
                        scored.append((_likeliness(shape, height, rule, y, width, levels,
                                                   order), n, k, height))
        scored.sort()
        return [(n, k, h) for _, n, k, h in scored]

    def raised(self, level, c0: int, span: int, bottom: int) -> tuple[int, ...]:
        out = list(level)
        for c in range(c0, c0 + span):
            out[c] = self.skip(c, bottom)
        return tuple(out)

    def price(self, placed, n: int, shape: Shape, y: int, height: int) -> int:
        """What placing item ``n`` at line ``y`` costs for certain: its shape and
        underset, each item after it in the page order already set higher, less what an
        optional item placed is worth."""
        item = self.items[n]
        cost = shape.cost - (self.taking if item.optional else 0)
        if shape.kind == "whole":
            cost += W_UNDER * shape.span * (height - shape.low - (1 if y else 0))
        if item.hierarchic:
            for p in placed:
                other = self.items[p.item]
                if p.item > n and other.hierarchic and p.top < y:
                    photos = "photo" in (other.kind, item.kind)
                    cost += W_INVERSION_PHOTO if photos else W_INVERSION
        return cost

    def holes(self, placed) -> int:
        area = self.fixed_area + sum(self.items[p.item].shapes[p.shape].span * p.height
                                     for p in placed)
        band = max([p.bottom for p in placed] + [self.fixed_foot])
        return self.columns * band - area

    def settled(self, placed) -> list[Placed]:
        return settle_up(list(placed), self.items, self.blocked)


class _Exact:
    """Depth first search for the best packing without holes."""

    def __init__(self, page: _Page, fill: bool, judge, nodes: int):
        self.page, self.fill, self.judge, self.left = page, fill, judge, nodes
        self.best: list[Placed] | None = None
        self.best_cost: int | None = None
        self.seen: dict = {}
        self.optional = [n for n, i in enumerate(page.items) if i.optional]

    def run(self) -> list[Placed] | None:
        page = self.page
        self._visit(page.start(), (), (False,) * len(page.items), 0, 0)
        return self.best

    def _visit(self, level, placed, done, partials: int, spent: int) -> None:
        if self.left <= 0:
            return
        self.left -= 1
        page = self.page
        waiting = sum(1 for n in self.optional if not done[n])
        if self.best_cost is not None and spent - page.taking * waiting >= self.best_cost:
            return
        key = (level, done)
        if self.seen.get(key, spent + 1) <= spent:
            return
        self.seen[key] = spent
        if page.mandatory_done(done) and placed and page.holes(placed) == 0 and \
                (not self.fill or min(level) >= page.lines):
            packing = page.settled(placed)
            cost = self.judge(packing)
            if self.best_cost is None or cost < self.best_cost:
                self.best, self.best_cost = packing, cost
        if all(done):
            return
        cell = page.cell(level)
        if cell is None:
            return
        y, c0, c1 = cell
        for n, k, height in page.options(level, done, partials, y, c0, c1):
            shape = page.items[n].shapes[k]
            now = done[:n] + (True,) + done[n + 1:]
            self._visit(page.raised(level, c0, shape.span, y + height),
                        placed + (Placed(n, k, c0, y, height),), now,
                        partials + shape.partial,
                        spent + page.price(placed, n, shape, y, height))
            if self.left <= 0:
                return


class _State:
    __slots__ = ("level", "placed", "done", "partials", "spent", "score")

    def __init__(self, level, placed, done, partials: int, spent: int):
        self.level, self.placed, self.done = level, placed, done
        self.partials, self.spent = partials, spent
        self.score = spent + _steps(level)


def _beam(page: _Page, judge) -> list[Placed] | None:
    """The best packing a beam search finds when holes cannot be avoided: at each step
    the most promising partial pages (what they cost so far, and the steps between their
    columns' levels) are filled on by their likeliest choices, or left empty up to the
    level of the lower neighbouring column."""
    states = [_State(page.start(), (), (False,) * len(page.items), 0, 0)]
    best, best_cost = None, None
    while states:
        children: dict = {}
        for st in states:
            if page.mandatory_done(st.done) and st.placed:
                packing = page.settled(st.placed)
                cost = judge(packing)
                if best_cost is None or cost < best_cost:
                    best, best_cost = packing, cost
            cell = page.cell(st.level)
            if cell is None or all(st.done):
                continue
            y, c0, c1 = cell
            next_states = []
            for n, k, height in page.options(st.level, st.done, st.partials, y, c0, c1):
                shape = page.items[n].shapes[k]
                next_states.append(_State(
                    page.raised(st.level, c0, shape.span, y + height),
                    st.placed + (Placed(n, k, c0, y, height),),
                    st.done[:n] + (True,) + st.done[n + 1:], st.partials + shape.partial,
                    st.spent + page.price(st.placed, n, shape, y, height)))
            if c0 > 0 or c1 < page.columns:        # leave the cells empty
                target = min(st.level[c] for c in (c0 - 1, c1) if 0 <= c < page.columns)
                level = list(st.level)
                for c in range(c0, c1):
                    level[c] = page.skip(c, min(target, y + page.room(c, y)))
                empty = sum(level[c] - st.level[c] for c in range(c0, c1))
                next_states.append(_State(tuple(level), st.placed, st.done, st.partials,
                                          st.spent + W_HOLE * empty))
            next_states.sort(key=lambda s: s.score)
            for child in next_states[:BRANCH]:
                key = (child.level, child.done)
                if key not in children or child.score < children[key].score:
                    children[key] = child
        states = sorted(children.values(), key=lambda s: (s.score, s.level))[:BEAM]
    return best


def _steps(level) -> int:
    """What the steps between neighbouring columns' levels are expected to cost."""
    return sum(W_STEP * min(abs(a - b), 6) for a, b in zip(level, level[1:]))


def _heights(shape: Shape, rule: int, y: int, levels: list[int]) -> list[int]:
    """The heights worth trying for a shape at line ``y``: every height of a text shape
    (at most two), and for a stretching one the heights that end level with another
    column or the foot, its ends and its best size."""
    low, high = shape.low + rule, shape.high + rule
    if high - low <= 1:
        return list(range(low, high + 1))
    wanted = {low, high}
    if shape.picture is not None:
        wanted.add(shape.picture.best + (shape.low - shape.picture.low) + rule)
    wanted.update(v - y for v in levels)
    return sorted(h for h in wanted if low <= h <= high)


def _likeliness(shape: Shape, height: int, rule: int, y: int, width: int,
                levels: list[int], order: int) -> tuple:
    """How a choice ranks among those for one cell (lower first): the next item in the
    page order, ending level with another column, filling the width, at little cost."""
    level = 0 if (y + height) in levels else 1
    fill = 0 if shape.span == width else 1
    under = height - shape.low - rule
    return (order, level + fill, shape.cost + W_UNDER * under, -shape.span)


def settle_up(placed: list[Placed], items: list[Item], blocked) -> list[Placed]:
    """Each item moved up onto what is above it (an item, a fixed rectangle or the top of
    the grid) when a hole lies between: an item at the top loses its rule line."""
    out: list[Placed] = []
    for p in sorted(placed, key=lambda p: (p.top, p.column)):
        span = items[p.item].shapes[p.shape].span
        floor = 0
        for q in out:
            qspan = items[q.item].shapes[q.shape].span
            if q.column < p.column + span and p.column < q.column + qspan and \
                    q.bottom <= p.top:
                floor = max(floor, q.bottom)
        for c in range(p.column, p.column + span):
            for top, end in blocked[c]:
                if end <= p.top:
                    floor = max(floor, end)
        if floor < p.top:
            height = p.height - (1 if floor == 0 else 0)
            p = Placed(p.item, p.shape, p.column, floor, height)
        out.append(p)
    return sorted(out, key=lambda p: p.item)

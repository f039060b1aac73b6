"""One page as a CP-SAT model: each item takes one of its candidate shapes as a rectangle
of the grid (page columns × grid lines), no two rectangles overlap (nor the slots the
page spec fixes), and the objective fills the page and keeps the hierarchy.

Variables per candidate shape: whether it is chosen, its first column, first line and
height (integers on the grid), and whether it sits on the grid's first line (else its
first line holds the rule above it).  Constraints: a shape's height lies in its range (one
line more below the top); an item takes at most one shape (exactly one unless optional);
optional items are taken in order (a prefix of the page order); the lead is highest on
the page; at most one article jumps.  The objective, in order of
weight: place as many items as possible, lose no text, leave no hole inside the filled
band of the page, no underset, fill the page downwards, then the look (reading order,
headline size and lines, 变栏); a headline larger than one before it costs as much
as ten empty cells a point (the weights: layout.place.costs).

The search is deterministic: one worker, a fixed seed and a deterministic time limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from layout.place.costs import (
    W_FREE,
    W_HIERARCHY,
    W_HOLE,
    W_INVERSION,
    W_INVERSION_PHOTO,
    W_JUMP,
    W_LEAD_LEFT,
    W_LEAD_NARROW,
    W_ORDER,
    W_OVERSET,
    W_PHOTO_AREA,
    W_PRESENT,
    W_SECOND_LOW,
    W_UNDER,
    cost_of,
)
from layout.place.pack import Placed, pack
from layout.place.shapes import Item, Shape

#: Deterministic time the solver may take per page (about seconds on this machine).
TIME_LIMIT = 1.0
#: The same for stretching a solved page down (a model of a few variables).
STRETCH_LIMIT = 0.3


@dataclass(frozen=True)
class Fixed:
    """A rectangle the page spec fixes (0-based column)."""

    column: int
    span: int
    top: int
    height: int


@dataclass(frozen=True)
class Choice:
    """Where an item goes: its shape, first page column (0-based), first grid line and
    height in grid lines."""

    item: Item
    shape: Shape
    column: int
    top: int
    height: int

    @property
    def rule(self) -> int:
        return 1 if self.top > 0 else 0

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass
class Solution:
    """The page as solved: the items placed (in page order), those left for a later page,
    and how the search went."""

    choices: list[Choice]
    absent: list[Item]
    status: str
    seconds: float
    stats: dict = field(default_factory=dict)

    def hierarchy_breaks(self) -> list[tuple[Choice, Choice]]:
        """Pairs of items of one kind whose headlines grow down the page order."""
        ranked = [c for c in self.choices if c.item.hierarchic]
        out = []
        for kind in ("article", "photo"):
            mine = [c for c in ranked if c.item.kind == kind]
            for a, b in zip(mine, mine[1:]):
                if b.shape.head_size > a.shape.head_size + 1e-6:
                    out.append((a, b))
        return out


class _Vars:
    """The variables of one candidate shape."""

    def __init__(self, m: cp_model.CpModel, name: str, shape: Shape, columns: int,
                 lines: int):
        self.shape = shape
        self.on = m.NewBoolVar(f"{name}_on")
        self.x = m.NewIntVar(0, columns - shape.span, f"{name}_x")
        self.y = m.NewIntVar(0, lines - 1, f"{name}_y")
        self.h = m.NewIntVar(0, lines, f"{name}_h")
        self.end = m.NewIntVar(0, lines, f"{name}_end")
        self.top = m.NewBoolVar(f"{name}_top")      # on the grid's first line
        m.Add(self.end == self.y + self.h)
        self.x_iv = m.NewOptionalFixedSizeIntervalVar(self.x, shape.span, self.on,
                                                      f"{name}_xi")
        self.y_iv = m.NewOptionalIntervalVar(self.y, self.h, self.end, self.on,
                                             f"{name}_yi")
        # the rule line: one more line below the first line of the grid
        rule = self.on - self.top
        m.Add(self.h >= shape.low * self.on + rule)
        m.Add(self.h <= shape.high * self.on + rule)
        m.Add(self.y == 0).OnlyEnforceIf(self.top)
        m.Add(self.y >= 1).OnlyEnforceIf(self.on, self.top.Not())
        m.AddImplication(self.top, self.on)
        for var in (self.x, self.y):
            m.Add(var == 0).OnlyEnforceIf(self.on.Not())
        self.rule = rule


def solve_page(columns: int, lines: int, items: list[Item], fixed: list[Fixed], *,
               jump: bool, fill: bool = False, limit: float = TIME_LIMIT,
               taking: int = W_PRESENT) -> Solution:
    """Place ``items`` (in page order) on a grid of ``columns`` × ``lines`` around the
    ``fixed`` rectangles.  ``jump``: a partial shape continues on a later page (at most
    one per page) rather than being overset; ``fill``:
    what the page leaves goes on to a later page, so the page is to be filled to its foot
    (free lines there cost as much as holes); ``taking``: what each optional item placed
    is worth."""
    started = time.perf_counter()
    solution = _solve(columns, lines, items, fixed, jump, fill, limit, taking)
    if solution is None:
        solution = Solution([], list(items), "infeasible", 0.0)
    elif solution.choices:
        solution = _stretched(columns, lines, items, fixed, solution, jump=jump,
                              fill=fill, taking=taking)
    solution.seconds = round(time.perf_counter() - started, 3)
    return solution


def _stretched(columns: int, lines: int, items: list[Item], fixed: list[Fixed],
               solution: Solution, *, jump: bool, fill: bool, taking: int) -> Solution:
    """``solution`` with its items stretched down the page: each in the shape and page
    columns it was given, every item below another kept below it, the lines and
    heights chosen again to the same objective — pictures grown and underset taken
    where that fills the page better.  The search for the whole page, with every shape
    of every item to choose from, may end its time with such lines still to gain; here
    they are found in a model of a few variables.  Kept only when the objective (as
    :func:`layout.place.costs.cost_of` counts it) is lower."""
    choices = solution.choices
    fixed_items = [replace(c.item, shapes=(c.shape,), optional=False) for c in choices]
    found = _solve(columns, lines, fixed_items, fixed, jump, fill, STRETCH_LIMIT, taking,
                   keep=choices)
    if found is None:
        return solution

    def cost(chosen: list[Choice]) -> int:
        packing = [Placed(items.index(c.item), c.item.shapes.index(c.shape), c.column,
                          c.top, c.height) for c in chosen]
        return cost_of(columns, lines, items, fixed, packing, jump=jump, fill=fill,
                       taking=taking)
    stretched = [replace(c, item=old.item) for c, old in zip(found.choices, choices)]
    if cost(stretched) >= cost(choices):
        return solution
    stats = dict(solution.stats, stretched=cost(choices) - cost(stretched))
    return Solution(stretched, solution.absent, solution.status, 0.0, stats)


def _solve(columns: int, lines: int, items: list[Item], fixed: list[Fixed], jump: bool,
           fill: bool, limit: float, taking: int,
           keep: list[Choice] | None = None) -> Solution | None:
    m = cp_model.CpModel()
    shapes: list[list[_Vars]] = []
    present = []
    for n, item in enumerate(items):
        vs = [_Vars(m, f"i{n}s{k}", shape, columns, lines)
              for k, shape in enumerate(item.shapes)]
        shapes.append(vs)
        on = m.NewBoolVar(f"i{n}_present") if item.optional else m.NewConstant(1)
        m.Add(sum(v.on for v in vs) == on)
        present.append(on)
    optional = [n for n, item in enumerate(items) if item.optional]
    for a, b in zip(optional, optional[1:]):          # a prefix of the page order
        m.AddImplication(present[b], present[a])

    x_ivs = [v.x_iv for vs in shapes for v in vs]
    y_ivs = [v.y_iv for vs in shapes for v in vs]
    for f in fixed:
        x_ivs.append(m.NewFixedSizeIntervalVar(f.column, f.span, "fx"))
        y_ivs.append(m.NewFixedSizeIntervalVar(f.top, f.height, "fy"))
    m.AddNoOverlap2D(x_ivs, y_ivs)
    # redundant, and a great help to the search: across any grid line the spans add up
    # to the page width at most
    m.AddCumulative(y_ivs, [v.shape.span for vs in shapes for v in vs] +
                    [f.span for f in fixed], columns)
    at = _Totals(shapes)
    _rest_on_something(m, items, at, present, fixed)
    cost: list = []
    _hierarchy(m, items, at, present, cost)

    # the filled band: from the top of the grid to the lowest bottom
    band = m.NewIntVar(0, lines, "band")
    for vs in shapes:
        for v in vs:
            m.Add(band >= v.end)
    for f in fixed:
        m.Add(band >= f.top + f.height)
    area = sum(at.area) + sum(f.span * f.height for f in fixed)
    holes = m.NewIntVar(0, columns * lines, "holes")
    m.Add(holes == columns * band - area)
    cost.append(W_HOLE * holes)
    # below the filled band the page is free: room for more on a page that holds all it
    # has to, a hole like any other when a later page takes what this one leaves
    cost.append((W_HOLE if fill else W_FREE) * columns * (lines - band))

    partials = []
    for n, vs in enumerate(shapes):
        if items[n].optional:
            cost.append(-taking * present[n])
        for v in vs:
            s = v.shape
            cost.append(s.cost * v.on)
            if s.kind == "whole":                      # underset: at most one line
                under = m.NewIntVar(0, 1, f"under_{v.on.Name()}")
                m.Add(under == v.h - s.low * v.on - v.rule)
                cost.append(W_UNDER * s.span * under)
            elif s.kind == "partial":
                partials.append(v.on)
                placed = m.NewIntVar(0, s.body, f"placed_{v.on.Name()}")
                m.Add(placed == s.columns * (v.h - v.rule - s.head * v.on)
                      - (v.on if jump else 0))
                m.Add(placed <= s.body - 1).OnlyEnforceIf(v.on)
                if jump:
                    cost.append(W_JUMP * v.on)
                else:
                    cost.append(W_OVERSET * (s.body * v.on - placed))
    if jump and partials:
        m.Add(sum(partials) <= 1)
    m.Minimize(sum(cost))

    def judge(packing) -> int:
        return cost_of(columns, lines, items, fixed, packing, jump=jump, fill=fill,
                       taking=taking)
    if keep is not None:         # each item in its page columns, below what it was below
        packing = None
        for n, c in enumerate(keep):
            v = shapes[n][0]
            m.Add(v.x == c.column)
            m.AddHint(v.y, c.top)
            m.AddHint(v.h, c.height)
            m.AddHint(v.end, c.bottom)
            m.AddHint(v.top, c.top == 0)
            for k, d in enumerate(keep):
                if d.top >= c.bottom and d.column < c.column + c.shape.span and \
                        c.column < d.column + d.shape.span:
                    m.Add(shapes[k][0].y >= v.end)
    else:
        packing = pack(columns, lines, items, fixed, jump=jump, fill=fill, judge=judge,
                       taking=taking)
    if packing is not None:
        _hint(m, items, shapes, present, packing)
    # first try to take every item, in order, as a person filling the page would
    m.AddDecisionStrategy([present[n] for n in optional], cp_model.CHOOSE_FIRST,
                          cp_model.SELECT_MAX_VALUE)

    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = 1
    p.random_seed = 7
    p.max_deterministic_time = limit
    status = solver.Solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    choices, absent = [], []
    for item, vs in zip(items, shapes):
        chosen = [v for v in vs if solver.Value(v.on)]
        if not chosen:
            absent.append(item)
            continue
        v = chosen[0]
        choices.append(Choice(item, v.shape, solver.Value(v.x), solver.Value(v.y),
                              solver.Value(v.h)))
    stats = {"objective": solver.ObjectiveValue(), "bound": solver.BestObjectiveBound(),
             "holes": solver.Value(holes), "band": solver.Value(band),
             "deterministic_time": round(solver.deterministic_time, 3),
             "shapes": sum(len(vs) for vs in shapes),
             "first": judge(packing) if packing is not None else None}
    return Solution(choices, absent, solver.StatusName(status), 0.0, stats)


def _hint(m: cp_model.CpModel, items: list[Item], shapes: list[list[_Vars]], present,
          packing) -> None:
    """Start the search from ``packing``."""
    chosen = {(p.item, p.shape): p for p in packing}
    taken = {p.item for p in packing}
    for n, vs in enumerate(shapes):
        if items[n].optional:
            m.AddHint(present[n], n in taken)
        for k, v in enumerate(vs):
            p = chosen.get((n, k))
            m.AddHint(v.on, p is not None)
            m.AddHint(v.top, p is not None and p.top == 0)
            m.AddHint(v.x, p.column if p else 0)
            m.AddHint(v.y, p.top if p else 0)
            m.AddHint(v.h, p.height if p else 0)
            m.AddHint(v.end, p.bottom if p else 0)


class _Totals:
    """Each item's position, width, foot, area and headline size, over its shapes."""

    def __init__(self, shapes: list[list[_Vars]]):
        self.x = [sum(v.x for v in vs) for vs in shapes]
        self.y = [sum(v.y for v in vs) for vs in shapes]
        self.end = [sum(v.end for v in vs) for vs in shapes]
        self.top = [sum(v.top for v in vs) for vs in shapes]
        self.width = [sum(v.shape.span * v.on for v in vs) for vs in shapes]
        self.area = [sum(v.shape.span * v.h for v in vs) for vs in shapes]
        self.size = [sum(round(v.shape.head_size * 10) * v.on for v in vs) for vs in shapes]


def _rest_on_something(m: cp_model.CpModel, items: list[Item], at: _Totals, present,
                       fixed: list[Fixed]) -> None:
    """Every item rests on the grid's first line or on the foot of an item or fixed slot
    above it.  Any packing can be pushed up into such a one without a worse objective,
    so this loses nothing and spares the search every floating position."""
    for i in range(len(items)):
        rests = [at.top[i]]
        for j in range(len(items)):
            if i == j:
                continue
            on = m.NewBoolVar(f"rest{i}_{j}")
            m.AddImplication(on, present[j])
            m.Add(at.end[j] == at.y[i]).OnlyEnforceIf(on)
            m.Add(at.x[j] <= at.x[i] + at.width[i] - 1).OnlyEnforceIf(on)
            m.Add(at.x[i] <= at.x[j] + at.width[j] - 1).OnlyEnforceIf(on)
            rests.append(on)
        for k, f in enumerate(fixed):
            on = m.NewBoolVar(f"rest{i}_f{k}")
            m.Add(at.y[i] == f.top + f.height).OnlyEnforceIf(on)
            m.Add(f.column <= at.x[i] + at.width[i] - 1).OnlyEnforceIf(on)
            m.Add(at.x[i] <= f.column + f.span - 1).OnlyEnforceIf(on)
            rests.append(on)
        m.Add(sum(rests) >= 1).OnlyEnforceIf(present[i])


def _hierarchy(m: cp_model.CpModel, items: list[Item], at: _Totals, present,
               cost: list) -> None:
    """The banner on top; the lead highest of the rest; a cost for a headline larger than
    the one before it (the shapes offer each article its largest headline, so this is
    paid only when an earlier headline cannot be set as large); a cost for an item set
    higher than one before it, and for a photo item larger than one before it."""
    banners = [n for n, item in enumerate(items) if item.kind == "banner"]
    ranked = [n for n, item in enumerate(items) if item.hierarchic]
    for n in banners:
        for k in range(len(items)):
            if k != n:
                m.Add(at.y[k] >= at.y[n] + 1).OnlyEnforceIf(present[k])
    if ranked:
        lead = ranked[0]
        cost.append(W_LEAD_LEFT * at.x[lead])
        for k in ranked[1:]:
            m.Add(at.y[k] >= at.y[lead]).OnlyEnforceIf(present[k])
            wider = m.NewIntVar(0, 1000, f"wider{k}")
            m.Add(wider >= at.width[k] - at.width[lead])
            cost.append(W_LEAD_NARROW * wider)
        if len(ranked) > 1:
            second = ranked[1]
            below = m.NewIntVar(0, 1000, "below")
            m.Add(below >= at.y[second] - at.y[lead]).OnlyEnforceIf(present[second])
            cost.append(W_SECOND_LOW * below)
    for kind in ("article", "photo"):
        order = [n for n in ranked if items[n].kind == kind]
        for a, b in zip(order, order[1:]):
            excess = m.NewIntVar(0, 1000, f"excess{a}_{b}")
            m.Add(excess >= at.size[b] - at.size[a])
            cost.append(W_HIERARCHY // 10 * excess)
    for i, a in enumerate(ranked):
        for b in ranked[i + 1:]:
            higher = m.NewBoolVar(f"higher{a}_{b}")     # b set above a
            m.Add(at.y[b] >= at.y[a]).OnlyEnforceIf(higher.Not(), present[a], present[b])
            photos = "photo" in (items[a].kind, items[b].kind)
            cost.append((W_INVERSION_PHOTO if photos else W_INVERSION) * higher)
            if items[a].kind == items[b].kind == "photo":
                larger = m.NewIntVar(0, 10_000, f"larger{a}_{b}")
                m.Add(larger >= at.area[b] - at.area[a])
                cost.append(W_PHOTO_AREA * larger)
    for n in range(len(items)):
        cost.append(W_ORDER * at.x[n])                 # left before right, a tie-break

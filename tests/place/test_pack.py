"""The first packing (layout.place.pack) on made-up items: a packing without holes when
one exists, inside the grid and around the fixed slots, judged by the model's own
objective (layout.place.costs.cost_of agrees with the CP-SAT model term by term); and a
solved page stretched down its free lines (layout.place.solve._stretched)."""

from __future__ import annotations

from layout.place.costs import cost_of
from layout.place.pack import Placed, pack
from layout.place.measure import PictureRange
from layout.place.shapes import Item, Shape
from layout.place.solve import Choice, Fixed, Solution, _stretched, solve_page
from tests.place.test_solve import COLUMNS, LINES, _valid, text


def _packing(items, solution) -> list[Placed]:
    return [Placed(items.index(c.item), c.item.shapes.index(c.shape), c.column, c.top,
                   c.height) for c in solution.choices]


def _judge(items, fixed, jump=False, fill=False):
    return lambda packing: cost_of(COLUMNS, LINES, items, fixed, packing, jump=jump,
                                   fill=fill)


def _check(items, packing, fixed=()):
    cells = set()
    for p in packing:
        shape = items[p.item].shapes[p.shape]
        rule = 1 if p.top > 0 else 0
        assert shape.low + rule <= p.height <= shape.high + rule
        for c in range(p.column, p.column + shape.span):
            for y in range(p.top, p.bottom):
                assert 0 <= c < COLUMNS and 0 <= y < LINES
                assert (c, y) not in cells, (items[p.item].id, c, y)
                cells.add((c, y))
    for f in fixed:
        for c in range(f.column, f.column + f.span):
            for y in range(f.top, f.top + f.height):
                assert (c, y) not in cells
    return cells


def test_the_first_packing_tiles_a_page_that_can_be_tiled():
    # three stacks of two columns: 20 + 19 (+1 rule) lines each
    items = [text("lead", 0, (2, 20), (4, 10)), text("b", 1, (2, 19), (4, 9)),
             text("c", 2, (2, 20)), text("d", 3, (2, 19)), text("e", 4, (2, 20)),
             text("f", 5, (2, 19))]
    packing = pack(COLUMNS, LINES, items, [], jump=False, fill=False,
                   judge=_judge(items, []), taking=0)
    assert packing is not None and {p.item for p in packing} == set(range(len(items)))
    assert len(_check(items, packing)) == COLUMNS * LINES
    lead = next(p for p in packing if p.item == 0)
    assert (lead.column, lead.top) == (0, 0)


def test_the_first_packing_goes_around_a_fixed_slot():
    fixed = [Fixed(4, 2, 20, 20)]
    items = [text("lead", 0, (4, 19), (6, 12)), text("b", 1, (2, 19)),
             text("c", 2, (2, 19), (4, 9)), text("d", 3, (2, 19))]
    packing = pack(COLUMNS, LINES, items, fixed, jump=False, fill=False,
                   judge=_judge(items, fixed), taking=0)
    assert packing is not None
    assert len(_check(items, packing, fixed)) + 2 * 20 == COLUMNS * LINES


def test_what_a_packing_costs_is_what_the_model_minimises():
    items = [text("lead", 0, (4, 14), (6, 10), head=28), text("b", 1, (2, 14), (3, 10)),
             text("c", 2, (2, 12), (3, 9), head=18), text("d", 3, (3, 8), head=22)]
    for jump, fill in ((False, False), (True, True)):
        solution = solve_page(COLUMNS, LINES, items, [], jump=jump, fill=fill)
        assert solution.status == "OPTIMAL"
        _valid(solution)
        cost = cost_of(COLUMNS, LINES, items, [], _packing(items, solution), jump=jump,
                       fill=fill)
        assert cost == solution.stats["objective"], (jump, fill)


def test_a_solved_page_is_stretched_down_its_free_lines():
    picture = PictureRange(8, 30, 12)
    lead = Item("lead", "article", 0, (Shape(6, 6, 14, 36, "elastic", head=3, body=18,
                                             head_size=28, picture=picture),))
    b = text("b", 1, (3, 12))
    c = text("c", 2, (3, 12), head=18)
    items = [lead, b, c]
    # as a search out of time might leave it: the picture at its smallest, the page's
    # foot empty
    first = Solution([Choice(lead, lead.shapes[0], 0, 0, 14),
                      Choice(b, b.shapes[0], 0, 14, 13), Choice(c, c.shapes[0], 3, 14, 13)],
                     [], "FEASIBLE", 0.0)
    stretched = _stretched(COLUMNS, LINES, items, [], first, jump=False, fill=False,
                           taking=0)
    _valid(stretched)
    at = {c.item.id: c for c in stretched.choices}
    assert at["lead"].height > 14 and at["b"].top == at["c"].top == at["lead"].bottom
    assert [c.column for c in stretched.choices] == [0, 0, 3]
    assert max(c.bottom for c in stretched.choices) == LINES
    before = cost_of(COLUMNS, LINES, items, [], _packing(items, first), jump=False,
                     fill=False)
    after = cost_of(COLUMNS, LINES, items, [], _packing(items, stretched), jump=False,
                    fill=False)
    assert after < before

"""The CP-SAT page model on made-up items: rectangles inside the grid that never overlap
(nor the fixed slots), heights within each shape's range (one line more under the first
line of the grid), every mandatory item placed, optional ones taken in order, the lead on
top, a filled page, one jump at most, the same answer every time."""

from __future__ import annotations

import pytest

from layout.place.shapes import Item, Shape
from layout.place.solve import Fixed, solve_page

COLUMNS, LINES = 6, 40


def text(ident: str, rank: int, *sizes: tuple[int, int], optional: bool = False,
         head: float = 22.0, kind: str = "article") -> Item:
    """An article whose shapes are (span, lines) pairs: text that fills ``lines`` lines,
    one line of underset allowed."""
    shapes = tuple(Shape(span, span, lines, lines + 1, "whole", head=2,
                         body=span * (lines - 2), head_size=head) for span, lines in sizes)
    return Item(ident, kind, rank, shapes, optional=optional)


def _overlap(a, b) -> bool:
    return a.column < b.column + b.shape.span and b.column < a.column + a.shape.span and \
        a.top < b.bottom and b.top < a.bottom


def _valid(solution, fixed=()):
    for c in solution.choices:
        assert 0 <= c.column and c.column + c.shape.span <= COLUMNS
        assert 0 <= c.top and c.bottom <= LINES
        assert c.shape.low + c.rule <= c.height <= c.shape.high + c.rule
    for i, a in enumerate(solution.choices):
        for b in solution.choices[i + 1:]:
            assert not _overlap(a, b), (a.item.id, b.item.id)
        for f in fixed:
            assert not (a.column < f.column + f.span and f.column < a.column + a.shape.span
                        and a.top < f.top + f.height and f.top < a.bottom)


def test_items_that_tile_the_page_leave_no_hole():
    # three stacks of two columns: 20 + 19 (+1 rule) lines each
    items = [text("lead", 0, (2, 20), (4, 10)), text("b", 1, (2, 19), (4, 9)),
             text("c", 2, (2, 20)), text("d", 3, (2, 19)), text("e", 4, (2, 20)),
             text("f", 5, (2, 19))]
    solution = solve_page(COLUMNS, LINES, items, [], jump=False)
    _valid(solution)
    assert solution.stats["holes"] == 0 and solution.stats["band"] == LINES
    assert {c.item.id for c in solution.choices} == {i.id for i in items}


def test_the_lead_is_highest_and_left():
    items = [text("b", 1, (2, 12)), text("lead", 0, (3, 12), (6, 8)), text("c", 2, (3, 12))]
    items = [items[1], items[0], items[2]]
    solution = solve_page(COLUMNS, LINES, items, [], jump=False)
    _valid(solution)
    lead = next(c for c in solution.choices if c.item.id == "lead")
    assert lead.top == min(c.top for c in solution.choices) == 0
    assert lead.column == 0


def test_fixed_slots_are_kept_clear():
    fixed = [Fixed(0, 6, 0, 5), Fixed(2, 2, 20, 10)]
    items = [text("a", 0, (2, 15), (3, 10)), text("b", 1, (2, 15), (3, 10)),
             text("c", 2, (2, 15))]
    solution = solve_page(COLUMNS, LINES, items, fixed, jump=False)
    _valid(solution, fixed)
    assert all(c.top >= 5 for c in solution.choices)


def test_optional_items_are_taken_in_order():
    items = [text(f"a{n}", n, (3, 18), (6, 10), optional=True) for n in range(8)]
    solution = solve_page(COLUMNS, LINES, items, [], jump=True)
    _valid(solution)
    taken = [c.item.id for c in solution.choices]
    assert taken == [f"a{n}" for n in range(len(taken))] and 2 <= len(taken) < 8
    assert [i.id for i in solution.absent] == [f"a{n}" for n in range(len(taken), 8)]


def test_one_article_at_most_is_cut_to_fill_the_page():
    def cuttable(ident, rank, lines):
        base = text(ident, rank, (3, lines))
        part = Shape(3, 3, 8, lines - 1, "partial", head=2, body=3 * (lines - 2),
                     head_size=22.0)
        return Item(ident, "article", rank, base.shapes + (part,))
    # a (29 lines) and c (10 lines) fill three columns; b (60 lines) fills the other
    # three only when it is cut, and a or c cut as well would leave a hole
    items = [cuttable("a", 0, 29), cuttable("b", 1, 60), cuttable("c", 2, 10)]
    solution = solve_page(COLUMNS, LINES, items, [], jump=True)
    _valid(solution)
    cut = [c.item.id for c in solution.choices if c.shape.partial]
    assert cut == ["b"]
    assert solution.stats["holes"] == 0


def test_headlines_do_not_grow_down_the_page_order_when_they_need_not():
    items = [text("lead", 0, (3, 12)),
             Item("b", "article", 1, (Shape(3, 3, 12, 13, head_size=22.0),
                                      Shape(3, 3, 12, 13, head_size=24.0)))]
    solution = solve_page(COLUMNS, LINES, items, [], jump=False)
    assert not solution.hierarchy_breaks()
    assert next(c for c in solution.choices if c.item.id == "b").shape.head_size == 22.0


@pytest.mark.parametrize("run", range(2))
def test_the_same_items_give_the_same_page(run):
    items = [text(f"a{n}", n, (2, 10 + n), (3, 7 + n), (4, 6 + n)) for n in range(7)]
    first = solve_page(COLUMNS, LINES, items, [], jump=False)
    second = solve_page(COLUMNS, LINES, items, [], jump=False)
    key = [(c.item.id, c.column, c.top, c.height, c.shape) for c in first.choices]
    assert key == [(c.item.id, c.column, c.top, c.height, c.shape) for c in second.choices]


def test_no_room_is_reported_not_raised():
    items = [text("a", 0, (6, 30)), text("b", 1, (6, 30))]
    solution = solve_page(COLUMNS, LINES, items, [], jump=False)
    assert solution.status == "infeasible" and not solution.choices

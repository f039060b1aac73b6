"""What a packing of a page costs: the weights of the page model's objective
(layout.place.solve), and the objective's value for a given packing, which the first
search (layout.place.pack) judges its packings by.  Both read the weights from here, so
they cannot drift apart; a test checks they agree."""

from __future__ import annotations

from layout.place.shapes import Item

#: Objective weights, per grid cell (one page column by one grid line) unless said.
W_PRESENT = 1_000_000        # per item placed (optional items)
W_TAKEN = 3_000              # the same on a page filled to its foot, the rest going on
W_OVERSET = 20_000           # per body line cut off (no later page to jump to)
W_JUMP = 3_000               # per article continued on a later page
W_HOLE = 1_000               # per empty cell inside the filled band
W_UNDER = 80                 # per cell of underset (an empty line at a column's foot)
W_FREE = 60                  # per cell of the page left below the filled band
W_INVERSION = 300            # per article set higher than one before it in the page order
W_INVERSION_PHOTO = 100      # the same when one of the two is a photo item
W_LEAD_LEFT = 1_000          # per page column the lead sits right of the left edge
W_LEAD_NARROW = 300          # per page column another item is wider than the lead
W_SECOND_LOW = 15            # per grid line the second item sits below the lead's top
W_PHOTO_AREA = 20            # per cell a photo item is larger than one before it
W_ORDER = 1                  # per page column an item sits to the right (a tie-break)
W_HIERARCHY = 10_000         # per point a headline is larger than one before it


def cost_of(columns: int, lines: int, items: list[Item], fixed: list, packing,
            *, jump: bool, fill: bool, taking: int = W_PRESENT) -> int:
    """The model's objective for ``packing`` (a list of :class:`~layout.place.pack.Placed`),
    term by term as :func:`layout.place.solve.solve_page` states it in its model."""
    at = {p.item: p for p in packing}
    shape = {p.item: items[p.item].shapes[p.shape] for p in packing}
    cost = 0
    area = sum(f.span * f.height for f in fixed)
    band = max([p.bottom for p in packing] + [f.top + f.height for f in fixed] + [0])
    for p in packing:
        s = shape[p.item]
        rule = 1 if p.top > 0 else 0
        area += s.span * p.height
        cost += s.cost
        if s.kind == "whole":
            cost += W_UNDER * s.span * (p.height - s.low - rule)
        elif s.kind == "partial":
            if jump:
                cost += W_JUMP
            else:
                cost += W_OVERSET * (s.body - s.columns * (p.height - rule - s.head))
    cost += W_HOLE * (columns * band - area)
    cost += (W_HOLE if fill else W_FREE) * columns * (lines - band)
    cost -= taking * sum(1 for n, item in enumerate(items) if item.optional and n in at)
    ranked = [n for n, item in enumerate(items) if item.hierarchic and n in at]
    if ranked:
        lead = ranked[0]
        cost += W_LEAD_LEFT * at[lead].column
        width = shape[lead].span
        cost += W_LEAD_NARROW * sum(max(0, shape[k].span - width) for k in ranked[1:])
        if len(ranked) > 1:
            cost += W_SECOND_LOW * (at[ranked[1]].top - at[lead].top)
    for kind in ("article", "photo"):
        order = [n for n in ranked if items[n].kind == kind]
        for a, b in zip(order, order[1:]):
            size = round(shape[b].head_size * 10) - round(shape[a].head_size * 10)
            cost += W_HIERARCHY // 10 * max(0, size)
    for i, a in enumerate(ranked):
        for b in ranked[i + 1:]:
            if at[b].top < at[a].top:
                photos = "photo" in (items[a].kind, items[b].kind)
                cost += W_INVERSION_PHOTO if photos else W_INVERSION
            if items[a].kind == items[b].kind == "photo":
                larger = shape[b].span * at[b].height - shape[a].span * at[a].height
                cost += W_PHOTO_AREA * max(0, larger)
    cost += W_ORDER * sum(p.column for p in packing)
    return cost

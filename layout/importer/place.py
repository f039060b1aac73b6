"""Place imported items on page grids: the lead article first and widest, each slot as tall
as its text needs (measured with the real composer), pictures filling what is left.

A skyline per page column tracks how far down the page is filled; an item goes where its
span's skyline is highest up, and onto a new page when it does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from layout.spec.model import Article, Slot

#: Column spans by page width: (lead article, other articles, photo items).
SPANS = {8: (4, 2, 3), 6: (4, 2, 2)}
BANNER_LINES = 5
PHOTO_MIN_LINES = 12


@dataclass
class PagePlan:
    number: int
    slots: list[Slot]
    skyline: list[int]


Measure = Callable[[Article, Slot], int]   # grid lines the article needs in this slot


def _spans(columns: int) -> tuple[int, int, int]:
    return SPANS.get(columns, (max(2, columns // 2), max(1, columns // 4), max(2, columns // 3)))


def _best_column(skyline: list[int], span: int) -> tuple[int, int]:
    """(first column index, top line) where a span of columns is highest up."""
    best = None
    for c in range(len(skyline) - span + 1):
        top = max(skyline[c:c + span])
        if best is None or top < best[1]:
            best = (c, top)
    return best


def plan_pages(articles: list[Article], columns: int, lines: int, first_page: int,
               measure: Measure) -> list[PagePlan]:
    """Slots for ``articles`` (in importance order) on as many pages as needed."""
    lead_span, span, photo_span = _spans(columns)
    pages = [PagePlan(first_page, [], [0] * columns)]
    banners = [a for a in articles if a.kind == "banner"]
    texts = [a for a in articles if a.kind == "article"]
    photos = [a for a in articles if a.kind == "photo"]
    for banner in banners[:1]:
        pages[0].slots.append(Slot(article=banner.id, column=1, span=columns, top=0,
                                   height=BANNER_LINES, name="banner"))
        pages[0].skyline = [BANNER_LINES] * columns
    for n, article in enumerate(texts):
        width = lead_span if n == 0 else span
        _place(pages, article, min(width, columns), columns, lines, measure)
    for article in photos:
        _place(pages, article, min(photo_span, columns), columns, lines, measure, photo=True)
    ids = {a.id for a in photos}
    by_id = {a.id: a for a in photos}
    for page in pages:
        spread_photo_items(page, lines, by_id, measure)
    grow_photo_items(pages, lines, ids.__contains__)
    for page in pages:
        close_gaps(page, ids.__contains__)
    return pages


def _try(page: PagePlan, article: Article, span: int, lines: int, measure: Measure,
         photo: bool, force: bool = False) -> bool:
    c, top = _best_column(page.skyline, span)
    probe = Slot(article=article.id, column=c + 1, span=span, top=top, height=lines - top,
                 name=f"s{len(page.slots) + 1}")
    need = measure(article, probe) + (PHOTO_MIN_LINES if photo else 0)
    if top + need > lines and not force:
        return False
    need = min(need, lines - top)   # forced onto an empty page: overset is reported
    page.slots.append(replace(probe, height=need))
    page.skyline[c:c + span] = [top + need] * span
    return True


def _place(pages: list[PagePlan], article: Article, span: int, columns: int, lines: int,
           measure: Measure, photo: bool = False) -> None:
    if any(_try(page, article, span, lines, measure, photo) for page in pages):
        return
    pages.append(PagePlan(pages[-1].number + 1, [], [0] * columns))
    _try(pages[-1], article, span, lines, measure, photo, force=True)


def _splits(columns: int, parts: int, smallest: int = 2):
    """Every way to cut ``columns`` into ``parts`` contiguous groups of ``smallest`` or
    more columns: lists of (first column index, span)."""
    if parts == 1:
        if columns >= smallest:
            yield [(0, columns)]
        return
    for first in range(smallest, columns - smallest * (parts - 1) + 1):
        for rest in _splits(columns - first, parts - 1, smallest):
            yield [(0, first)] + [(c + first, w) for c, w in rest]


def spread_photo_items(page: PagePlan, lines: int, photos: dict[str, Article],
                       measure: Measure) -> None:
    """Photo items at the foot of a page share its full width: the columns are cut into
    one group per picture where the text above ends most evenly (least empty space above
    the pictures), and each picture runs from there to the foot of the page."""
    mine = [s for s in page.slots if s.article in photos]
    if not mine:
        return
    texts = [s for s in page.slots if s.article not in photos]
    columns = len(page.skyline)
    skyline = [0] * columns
    for s in texts:
        for c in range(s.column - 1, s.column - 1 + s.span):
            skyline[c] = max(skyline[c], s.top + s.height)
    best = None
    for groups in _splits(columns, len(mine)):
        tops = [max(skyline[c:c + w]) for c, w in groups]
        fits = True
        for slot, (c, w), top in zip(mine, groups, tops):
            probe = replace(slot, column=c + 1, span=w, top=top, height=lines - top)
            if top + measure(photos[slot.article], probe) + PHOTO_MIN_LINES > lines:
                fits = False
        if not fits:
            continue
        holes = sum(top - skyline[c] for (g, w), top in zip(groups, tops)
                    for c in range(g, g + w))
        if best is None or holes < best[0]:
            best = (holes, groups, tops)
    if best is None:
        return
    _, groups, tops = best
    placed = [replace(slot, column=c + 1, span=w, top=top, height=lines - top)
              for slot, (c, w), top in zip(mine, groups, tops)]
    page.slots = texts + placed
    page.skyline = [lines] * columns


def close_gaps(page: PagePlan, is_photo: Callable[[str], bool], most: int = 2) -> None:
    """A text slot with a gap of at most ``most`` lines below it (before the next slot or
    the picture) grows into it: a little underset rather than a hole in the page."""
    for k, slot in enumerate(page.slots):
        if is_photo(slot.article) or slot.name == "banner":
            continue
        end = slot.top + slot.height
        below = [s.top for s in page.slots if s is not slot and s.top >= end
                 and s.column < slot.column + slot.span and slot.column < s.column + s.span]
        if below and 0 < min(below) - end <= most:
            page.slots[k] = replace(slot, height=min(below) - slot.top)


def grow_photo_items(pages: list[PagePlan], lines: int, is_photo: Callable[[str], bool]) -> None:
    """Photo items with nothing below them take the rest of their columns' height."""
    for page in pages:
        for k, slot in enumerate(page.slots):
            if not is_photo(slot.article):
                continue
            below = [s for s in page.slots if s.top >= slot.top + slot.height
                     and s.column < slot.column + slot.span and slot.column < s.column + s.span]
            if not below:
                page.slots[k] = replace(slot, height=lines - slot.top)


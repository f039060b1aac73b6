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
    grow_photo_items(pages, lines, ids.__contains__)
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


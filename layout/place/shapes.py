"""The candidate shapes of each item: the spans, body columns and heights worth trying,
measured with the composer, and what each costs in the page's look.

A shape is a width (page columns, body columns) and a range of heights.  Text fills its
slot to within one line (``high`` is ``low`` + 1: one line of underset at most); pictures
stretch between the proportions they allow (``elastic``); a ``partial`` shape holds the
start of an article whose rest goes on to a later page (转版) or, when there is none, is
reported as overset.  Heights are for a slot at the top of the grid: a slot further down
gives its first line to the rule above it, one line more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from layout.compose.body import Remainder
from layout.place.measure import Measurer, PictureRange, TextNeed
from layout.spec.grid import PageGrid
from layout.spec.model import Article

#: Grid lines of a banner (通栏标题).
BANNER_LINES = 5
#: Fewest body lines per column a shape is given (fewer look like a caption, not an
#: article), unless the article has fewer lines than that in all.
MIN_PER_COLUMN = 4
#: Most body lines per column, as a share of the page's grid lines (a taller column is
#: a tower, not a module).
MAX_PER_COLUMN = 0.7
#: How far below its largest size an article's headline may be set (pt).
SIZE_SLACK = 1.0
#: Widths in fewer body columns than page columns (变栏) tried per article.
MAX_CHANGED = 9
#: Fewest body lines per column the first part of a continued article keeps.
MIN_PART = 6
#: Most lines a headline may take in a shape (a one-column article's headline too: a
#: longer one takes a wider slot).
MAX_HEAD_LINES = 2
#: Widths tried, nearest first, for an article none of whose widths ends flush.
FLUSH_TRIES = 4
#: Widest body column, in characters of the page's column width (变栏: a slot of four
#: page columns set in two body columns of 27 characters).
MAX_COLUMN_FACTOR = 2.2

#: Costs of a shape's look, in the solver's units (a grid cell left empty costs 100).
COST_HEAD_LINE = 40          # per headline line beyond the first
COST_CHANGED_COLUMNS = 80    # body columns other than the span (变栏)
COST_ONE_COLUMN = 30         # a one-column article
COST_HEAD_POINT = 12         # per point the headline is set below the style's size
COST_RAGGED = 1500           # columns that cannot end flush (齐底) at the shape's height
COST_SHORT_LAST = 400        # only the last column ends a line short


@dataclass(frozen=True)
class Shape:
    """One way to set an item: ``span`` page columns, ``columns`` body columns, from
    ``low`` to ``high`` grid lines high at the top of the grid.

    ``head`` is the grid lines above the body columns (headline block, and a picture area
    of fixed size in a partial shape), ``body`` the body lines, ``picture`` the heights of
    an article's picture area (or of a photo item), ``head_size`` the headline's size as
    the composer fits it at this width."""

    span: int
    columns: int
    low: int
    high: int
    kind: str = "whole"          # whole | partial | elastic
    head: int = 0
    body: int = 0
    head_size: float = 0.0
    picture: PictureRange | None = None
    cost: int = 0
    ends: str = "flush"          # how its columns end: flush | last | ragged (measure.ends)

    @property
    def partial(self) -> bool:
        return self.kind == "partial"

    def placed_lines(self, height: int, rule: bool, jump: bool) -> int:
        """Body lines a partial shape of ``height`` holds (the jump line takes one)."""
        return self.columns * (height - rule - self.head) - (1 if jump else 0)


@dataclass(frozen=True)
class Item:
    """Something to place on a page: an article, photo item, banner, or the continuation
    of an article jumped from an earlier page; ``rank`` is its place in the page order
    (0: the most important)."""

    id: str
    kind: str                    # banner | article | photo | continuation
    rank: int
    shapes: tuple[Shape, ...]
    optional: bool = False
    remainder: Remainder | None = None

    @property
    def hierarchic(self) -> bool:
        """Does the item take part in the headline hierarchy?"""
        return self.kind in ("article", "photo")


def column_options(grid: PageGrid, span: int) -> list[int]:
    """Body columns a slot of ``span`` page columns may be set in: the span itself, and
    fewer when the wider columns still fall on the character grid."""
    out = [span]
    size = grid.body_size
    for columns in range(span - 1, 0, -1):
        chars = (grid.span_width(span) - (columns - 1) * grid.gutter) / columns / size
        if chars > grid.column_chars * MAX_COLUMN_FACTOR:
            break
        if abs(chars - round(chars)) < 1e-6:
            out.append(columns)
    return out


def text_shapes(measurer: Measurer, article: Article, grid: PageGrid, *, lead: bool,
                partial: bool, remainder: Remainder | None = None,
                style_size: float = 0.0) -> list[Shape]:
    """Shapes of an article (with its picture area when it has pictures) or of a
    continuation: the spans whose headline takes few lines and whose columns are neither
    stubs nor towers, judged on the headline block as composed and the body lines as
    estimated, then measured exactly."""
    if remainder is None:                        # the size its rank on the page gives
        style_size = measurer.sizes.get(article.id, style_size)
    chosen: list[tuple[int, int]] = []
    spare: list[tuple[int, int]] = []            # used when no width passes the filters
    smallest = math.ceil(grid.columns / 2) if lead else 1
    std = grid.column_chars
    lines = _estimate(article, remainder, std)
    changed: list[tuple[float, int, int]] = []
    for span in range(smallest, grid.columns + 1):
        head, size, count = measurer.head(article, span, remainder)
        for columns in column_options(grid, span):
            chars = (grid.span_width(span) - (columns - 1) * grid.gutter) / columns / \
                grid.body_size
            body = lines if columns == span else _estimate(article, remainder, chars)
            per_column = math.ceil(body / columns)
            least = MIN_PER_COLUMN - (1 if article.photos and remainder is None else 0)
            fits = count <= MAX_HEAD_LINES and head + per_column <= grid.lines and \
                (columns == 1 or per_column >= min(least, body)) and \
                per_column <= MAX_PER_COLUMN * grid.lines
            if not fits:
                spare.append((span, columns))
            elif columns == span:
                chosen.append((span, columns))
            elif span >= 3:
                changed.append((abs(per_column - MIN_PER_COLUMN * 2), span, columns))
    chosen += [(span, columns) for _, span, columns in sorted(changed)[:MAX_CHANGED]]
    widths = chosen or spare
    # the widths that give the headline its largest size (and a little less): a smaller
    # headline than the article can have only breaks the page's hierarchy
    largest = max(measurer.head(article, span, remainder)[1] for span, _ in widths)
    widths = [(span, columns) for span, columns in widths
              if measurer.head(article, span, remainder)[1] >= largest - SIZE_SLACK]
    shapes: list[Shape] = []
    for span, columns in widths:
        need = measurer.text(article, span, columns, remainder)
        shapes.extend(_shapes_at(measurer, article, grid, need, partial, style_size,
                                 remainder))
    if shapes and all(s.ends == "ragged" for s in shapes if not s.partial):
        shapes += _flush_instead(measurer, article, grid, widths, smallest, partial,
                                 style_size, remainder)
    return shapes


def _flush_instead(measurer: Measurer, article: Article, grid: PageGrid,
                   widths: list[tuple[int, int]], smallest: int, partial: bool,
                   style_size: float, remainder: Remainder | None) -> list[Shape]:
    """When no width chosen ends its columns flush: the shapes of the nearest width that
    does among those passed over — a smaller headline, one wide column — so that 齐底 is
    not left to chance."""
    middle = sorted(span for span, _ in widths)[len(widths) // 2]
    others = sorted((abs(span - middle), -columns, span, columns)
                    for span in range(smallest, grid.columns + 1)
                    for columns in column_options(grid, span)
                    if (span, columns) not in widths)
    tried = 0
    for _, _, span, columns in others:
        if measurer.head(article, span, remainder)[2] > MAX_HEAD_LINES:
            continue
        need = measurer.text(article, span, columns, remainder)
        if columns > 1 and need.per_column < min(MIN_PER_COLUMN - 1, need.body):
            continue
        found = [s for s in _shapes_at(measurer, article, grid, need, partial, style_size,
                                       remainder) if s.ends != "ragged"]
        if found:
            return found
        tried += 1
        if tried == FLUSH_TRIES:
            break
    return []


def _estimate(article: Article, remainder: Remainder | None, chars: float) -> int:
    """Body lines at ``chars`` characters a line, from the text's length (an estimate,
    to choose which widths to measure)."""
    from layout.spec.model import Subhead
    items = [item for _, item in remainder.items] if remainder is not None \
        else list(article.paragraphs)
    total = 0
    for item in items:
        text = item.subhead if isinstance(item, Subhead) else item
        total += max(1, math.ceil((len(text) + 2) / max(1.0, chars)))
    return total


def _shapes_at(measurer: Measurer, article: Article, grid: PageGrid, need: TextNeed,
               partial: bool, style_size: float, remainder: Remainder | None
               ) -> list[Shape]:
    span, columns = need.span, need.columns
    continuation = remainder is not None
    cost = COST_HEAD_LINE * max(0, need.head_lines - 1)
    cost += COST_CHANGED_COLUMNS if columns != span else 0
    cost += COST_ONE_COLUMN if span == 1 else 0
    if style_size and need.head_size:
        cost += round(COST_HEAD_POINT * max(0.0, style_size - need.head_size))
    out: list[Shape] = []
    picture = None
    if article.photos and not continuation:
        picture = measurer.picture_range(article, grid.span_width(span), False,
                                         grid.lines - need.need)
        if picture is None:
            return []
        low, high = need.need + picture.low, need.need + picture.high + 1
        end = "flush"
        if columns > 1:          # the text under the pictures ends flush or not alike
            end = measurer.settle(article, span, columns, need.need, remainder)[1]
        if low <= grid.lines:
            out.append(Shape(span, columns, low, min(high, grid.lines), "elastic",
                             need.head, need.body, need.head_size, picture,
                             cost + _ragged(end), end))
    elif need.need <= grid.lines:
        low, high, end = need.need, need.need + 1, "flush"
        if columns > 1:          # composed as the build will: 齐底 may take a line less,
            low, end = measurer.settle(article, span, columns, need.need, remainder)
            # and a line more may leave more than a line a column
            high = low + 1 if measurer.roomy(article, span, columns, low + 1, remainder) \
                else low
        out.append(Shape(span, columns, low, high, "whole", need.head, need.body,
                         need.head_size, None, cost + _ragged(end), end))
    if partial and columns == span and need.body > MIN_PART * columns:
        head = need.head + (picture.low if picture else 0)
        low = head + MIN_PART
        high = min(need.need + (picture.low if picture else 0) - 1, grid.lines)
        if low <= high:
            fixed = PictureRange(picture.low, picture.low, picture.low) if picture else None
            out.append(Shape(span, columns, low, high, "partial", head, need.body,
                             need.head_size, fixed, cost))
    return out


def _ragged(end: str) -> int:
    """What a shape whose columns end so (layout.place.measure.ends) costs."""
    return {"flush": 0, "last": COST_SHORT_LAST}.get(end, COST_RAGGED)


def photo_shapes(measurer: Measurer, article: Article, grid: PageGrid, *,
                 lead: bool = False) -> list[Shape]:
    """Shapes of a photo item: every span at which its pictures can take proportions
    they allow, sharp enough (200 ppi) where the files allow it at some span."""
    shapes, coarse = [], []
    for span in range(math.ceil(grid.columns / 2) if lead else 1, grid.columns + 1):
        found = measurer.picture_range(article, grid.span_width(span), True, grid.lines)
        if found is None:
            continue
        shape = Shape(span, span, found.low, found.high, "elastic", picture=found,
                      cost=COST_ONE_COLUMN if span == 1 else 0)
        (coarse if found.coarse else shapes).append(shape)
    return shapes or coarse


def advert_shapes(article: Article, grid: PageGrid) -> list[Shape]:
    """An advertisement's one shape: the span and grid lines nearest its booked size (the
    slot's room at the top of the grid; one line more below it, for the rule)."""
    from layout.spec.grid import MM
    booking = article.advert
    if booking is None or booking.width_mm is None or booking.height_mm is None:
        return []
    span = min(range(1, grid.columns + 1),
               key=lambda s: abs(grid.span_width(s) / MM - booking.width_mm))
    lines = min(grid.lines, math.ceil(booking.height_mm * MM / grid.pitch - 1e-6))
    return [Shape(span, span, lines, lines, "whole")]


def banner_shapes(grid: PageGrid) -> list[Shape]:
    return [Shape(grid.columns, grid.columns, BANNER_LINES, BANNER_LINES, "whole")]

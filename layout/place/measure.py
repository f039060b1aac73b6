"""What an item needs on the page, measured with the real composer.

An article is composed once per width class (page columns spanned, body columns) in a slot
taller than any page: that gives the grid lines of its headline block, its body lines and
the height it needs, from which every other height follows — a picture area of ``p`` lines
over all body columns adds ``p``, the rule line above a slot not at the top of the grid
adds one.  Pictures are measured by arranging them (layout.compose.picture), which is
arithmetic once their captions are set at a width.  Every measurement is cached.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

from layout.compose.body import Remainder
from layout.compose.context import Context
from layout.compose.picture import (
    PLACEHOLDER_ASPECT,
    PictureText,
    picture_boxes,
    picture_pixels,
    picture_text,
)
from layout.compose.slot import compose_slot
from layout.diagnostics import Sink
from layout.display import TextLine
from layout.spec.model import Article, Slot

#: Height of the slot articles are measured in, in grid lines: taller than any page.
TALL = 2000
#: How far a picture may be cropped from its own proportions (cover), as a factor.
CROP = 1.35
#: Proportions (width / height) a picture without a file may be given.
PLACEHOLDER_RANGE = (1.2, 2.0)
#: Effective resolution a picture should keep when its file allows.
PPI_GOAL = 200.0
#: How far past the page's grid lines a settled height is looked for.
SETTLE_REACH = 2


@dataclass(frozen=True)
class TextNeed:
    """An article (or the part of it a jump hands on) set ``span`` page columns wide in
    ``columns`` body columns: grid lines of its headline block (everything above the body
    columns), body lines per column width, the grid lines the slot needs at the top of the
    grid, and its headline as the composer fitted it."""

    span: int
    columns: int
    head: int
    body: int
    need: int
    head_size: float
    head_lines: int

    @property
    def per_column(self) -> int:
        return math.ceil(self.body / self.columns) if self.columns else 0


@dataclass(frozen=True)
class PictureRange:
    """Heights (grid lines) a set of pictures may take at one width: from ``low`` to
    ``high``, ``best`` closest to the pictures' own proportions; ``coarse`` when even the
    smallest prints under 200 ppi."""

    low: int
    high: int
    best: int
    coarse: bool = False


class Measurer:
    """Measurements of one page's items (one grid, one style), cached."""

    def __init__(self, ctx: Context, page_number: int):
        self.ctx = replace(ctx, sink=Sink())
        self.page = page_number
        self.composed = 0
        self._text: dict = {}
        self._pictures: dict = {}
        self._ranges: dict = {}
        #: article id → the headline size its place in the page order gives it
        self.sizes: dict[str, float] = {}

    def text(self, article: Article, span: int, columns: int,
             remainder: Remainder | None = None) -> TextNeed:
        """The article (a continuation when ``remainder`` is given) in ``span`` page
        columns and ``columns`` body columns."""
        head, size, count = self.head(article, span, remainder)
        body = self.body(article, span, columns, remainder)
        return TextNeed(span, columns, head, body, head + math.ceil(body / columns), size,
                        count)

    def head(self, article: Article, span: int, remainder: Remainder | None = None
             ) -> tuple[int, float, int]:
        """Grid lines above the body columns, the headline's size and its lines, measured
        by composing the article without its body (once per span)."""
        key = ("head", article.id, self.sizes.get(article.id), span,
               id(remainder) if remainder is not None else None)
        if key not in self._text:
            bare = replace(remainder, items=()) if remainder is not None else None
            empty = article if remainder is not None else replace(article, paragraphs=())
            result = self._compose(empty, span, span, bare)
            heads = [i for i in result.items if isinstance(i, TextLine)
                     and i.block.kind == "headline"]
            size = max((r.size for i in heads for r in i.runs), default=0.0)
            self._text[key] = (TALL - result.report.capacity // span, size, len(heads))
        return self._text[key]

    def body(self, article: Article, span: int, columns: int,
             remainder: Remainder | None = None) -> int:
        """Body lines at the column width of ``columns`` columns in ``span`` page
        columns (composed once per width)."""
        g = self.ctx.grid
        width = round((g.span_width(span) - (columns - 1) * g.gutter) / columns, 2)
        key = ("body", article.id, width, id(remainder) if remainder is not None else None)
        if key not in self._text:
            result = self._compose(article, span, columns, remainder)
            self._text[key] = result.report.lines_set
        return self._text[key]

    def _compose(self, article: Article, span: int, columns: int,
                 remainder: Remainder | None):
        slot = Slot(article=article.id, column=1, span=span, top=0, height=TALL,
                    columns=columns if columns != span else None, name="measure",
                    headline_size=self.sizes.get(article.id))
        ctx = replace(self.ctx, sink=Sink())
        self.composed += 1
        return compose_slot(ctx, self.page, slot, article, base_of(article),
                            remainder=remainder, continuation=remainder is not None,
                            hints=False)

    def settle(self, article: Article, span: int, columns: int, height: int,
               remainder: Remainder | None = None) -> tuple[int, str]:
        """The article composed in a slot of ``height`` grid lines at the top of the grid,
        as the build will set it: the height it takes — fewer lines when the composer
        ends its columns flush (齐底) in fewer lines than measured, a line or two more
        when, set in columns of that height, it runs longer than measured — and how its
        columns end (:func:`ends`)."""
        key = ("settle", article.id, self.sizes.get(article.id), span, columns, height,
               id(remainder) if remainder is not None else None)
        if key not in self._text:
            report = self._settled(article, span, columns, height, remainder)
            while report.overset_lines and height < TALL and \
                    height < self.ctx.grid.lines + SETTLE_REACH:
                height += 1
                report = self._settled(article, span, columns, height, remainder)
            settled = (height, ends(report, columns))
            if report.underset_lines and not report.overset_lines:
                shorter = self._settled(article, span, columns,
                                        height - report.underset_lines, remainder)
                if not shorter.overset_lines:
                    settled = (height - report.underset_lines, ends(shorter, columns))
            self._text[key] = settled
        return self._text[key]

    def roomy(self, article: Article, span: int, columns: int, height: int,
              remainder: Remainder | None = None) -> bool:
        """Does the article set in ``height`` grid lines leave at most one line empty in
        each column (the composer's 齐底 growing the text where it can)?"""
        key = ("roomy", article.id, self.sizes.get(article.id), span, columns, height,
               id(remainder) if remainder is not None else None)
        if key not in self._text:
            settled = ("settle", article.id, self.sizes.get(article.id), span, columns,
                       height - 1, id(remainder) if remainder is not None else None)
            if self._text.get(settled) == (height - 1, "flush"):
                # flush a line lower: the same lines, every column a line short
                self._text[key] = True
                return True
            report = self._settled(article, span, columns, height, remainder)
            empty = report.capacity - report.lines_set
            self._text[key] = not report.overset_lines and empty <= columns
        return self._text[key]

    def _settled(self, article: Article, span: int, columns: int, height: int,
                 remainder: Remainder | None):
        slot = Slot(article=article.id, column=1, span=span, top=0, height=height,
                    columns=columns if columns != span else None, name="measure",
                    headline_size=self.sizes.get(article.id))
        self.composed += 1
        return compose_slot(replace(self.ctx, sink=Sink()), self.page, slot, article,
                            base_of(article), remainder=remainder,
                            continuation=remainder is not None, hints=False).report

    def pictures(self, article: Article, width: float, item: bool) -> PictureText:
        key = (article.id, round(width, 3), item)
        if key not in self._pictures:
            self._pictures[key] = picture_text(self.ctx, article, width, base_of(article),
                                               item)
        return self._pictures[key]

    def picture_range(self, article: Article, width: float, item: bool, most: int
                      ) -> PictureRange | None:
        """The heights, up to ``most`` grid lines, the article's pictures may take at
        ``width`` pt: a photo item's whole slot (``item``), or an article's picture area.
        None when no height gives pictures of acceptable proportions."""
        key = (article.id, round(width, 3), item, most)
        if key in self._ranges:
            return self._ranges[key]
        text = self.pictures(article, width, item)
        pixels = [picture_pixels(p, base_of(article)) for p in article.photos] or [None]
        fine, coarse = [], []
        misfit = {}
        for lines in range(1, most + 1):
            boxes = picture_boxes(text, lines)
            if boxes is None:
                continue
            shaped, sharp, score = _judge(boxes, pixels)
            if shaped:
                (fine if sharp else coarse).append(lines)
                misfit[lines] = score
        chosen = _longest_run(fine) or _longest_run(coarse)
        result = None
        if chosen:
            best = min(chosen, key=lambda n: (misfit[n], n))
            result = PictureRange(chosen[0], chosen[-1], best, coarse=not _longest_run(fine))
        self._ranges[key] = result
        return result


def ends(report, columns: int) -> str:
    """How the columns of a composed slot end: ``flush`` on one baseline (齐底), ``last``
    when only the last column ends a line short, else ``ragged`` (the composer balances
    the lines so that the first columns hold one more than the rest)."""
    if report.flush:
        return "flush"
    if report.overset_lines or not report.lines_set:
        return "ragged"
    per_column = -(-report.lines_set // columns)
    full = report.lines_set - columns * (per_column - 1)     # columns holding per_column
    return "last" if full >= columns - 1 else "ragged"


def _judge(boxes, pixels) -> tuple[bool, bool, float]:
    """Are the pictures of acceptable proportions, sharp enough (200 ppi where the file
    allows), and how far from their own proportions?"""
    shaped, sharp, score = True, True, 0.0
    for index, w, h in boxes:
        if h <= 0:
            return False, False, math.inf
        aspect = w / h
        px = pixels[index] if index < len(pixels) else None
        if px is None:
            low, high = PLACEHOLDER_RANGE
            own = PLACEHOLDER_ASPECT
        else:
            own = px[0] / px[1]
            low, high = own / CROP, own * CROP
            scale = max(w / px[0], h / px[1])          # cover: pt per pixel
            if 72.0 / scale < PPI_GOAL:
                sharp = False
        if not low <= aspect <= high:
            shaped = False
        score += abs(math.log(aspect / own))
    return shaped, sharp, score


def _longest_run(values: list[int]) -> list[int]:
    """The longest run of consecutive integers in ``values`` (sorted), the first of equals."""
    best: list[int] = []
    run: list[int] = []
    for v in values:
        run = run + [v] if run and v == run[-1] + 1 else [v]
        if len(run) > len(best):
            best = run
    return best


def base_of(article: Article) -> Path:
    """The folder an article's picture files are relative to."""
    return Path(article.where.file).parent if article.where.file else Path(".")

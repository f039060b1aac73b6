"""Set one article inside its slot — a pure function of the slot, the article, the styles
and fonts (and, for a continuation, the text handed on): the items it draws, its copyfit
report, its diagnostics, its region and jump links, and what it hands on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from layout.compose import headline as head
from layout.compose.advert import advert
from layout.compose.body import Remainder, SlotBox, jump_text, set_article
from layout.compose.context import Context
from layout.compose.copyfit import copyfit
from layout.compose.picture import caption_lines, lines_for, photo_item
from layout.diagnostics import Diagnostic, Sink
from layout.display import BlockId, Box, Item, Link, Region
from layout.spec.model import Article, Slot

__all__ = ["SlotReport", "SlotResult", "Remainder", "compose_slot", "slot_box",
           "caption_lines", "lines_for", "jump_text", "composed_slot"]


@dataclass
class SlotReport:
    """Copyfit figures of one slot (report.json and the table after a build)."""

    page: int
    slot: str
    article: str
    kind: str
    columns: int
    capacity: int = 0
    lines_set: int = 0
    overset_lines: int = 0
    overset_chars: int = 0
    underset_lines: int = 0
    last_fit: str = ""
    bottom: int = 0         # grid line below the last line used
    photos: list = field(default_factory=list)
    continues_on: int | None = None   # 转版: the page the rest of the text goes to
    continued_from: int | None = None
    jumped_lines: int = 0             # lines handed on to the continuation
    flush: bool | None = None         # 齐底: do the columns end on one baseline?
    height: int = 0                   # the slot's height in grid lines (the page spec's)
    fit_height: int | None = None     # the height that holds the text: more when overset,
                                      # less when underset (tried by composing it)

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class SlotResult:
    """Everything composing one slot gives."""

    items: list[Item]
    report: SlotReport
    diagnostics: list[Diagnostic]
    region: Region
    links: list[Link] = field(default_factory=list)
    remainder: Remainder | None = None


def slot_box(ctx: Context, slot: Slot) -> SlotBox:
    g = ctx.grid
    x = g.column_x(slot.column - 1)
    width = g.span_width(slot.span)
    first = slot.top + (1 if slot.top > 0 else 0)   # the line above holds the rule
    end = slot.top + slot.height
    if slot.box:
        inset = g.body_size
        x, width = x + inset, width - 2 * inset
        first, end = first + 1, end - 1
    return SlotBox(x, width, first, end)


def slot_region(ctx: Context, slot: Slot, article: Article, order: int) -> Region:
    """The slot's grid cells, reaching half a gutter beyond its columns: neighbouring
    regions meet in the middle of the gutter and never overlap."""
    g = ctx.grid
    x0 = g.column_x(slot.column - 1) - g.gutter / 2
    x1 = g.column_x(slot.column - 1) + g.span_width(slot.span) + g.gutter / 2
    y0, y1 = g.line_top(slot.top), g.line_top(slot.top + slot.height)
    polygon = tuple((round(x, 3), round(y, 3)) for x, y in
                    ((x0, y0), (x1, y0), (x1, y1), (x0, y1)))
    return Region(article.id, slot.name, article.kind, polygon, order)


def compose_slot(ctx: Context, page_number: int, slot: Slot, article: Article, base: Path,
                 *, order: int = 1, remainder: Remainder | None = None,
                 continuation: bool = False, press=None, hints: bool = True) -> SlotResult:
    """Compose ``article`` in ``slot``.  A ``continuation`` slot receives the text a jump
    hands on (``remainder``; None when the article fitted where it started).  ``press``
    (the edition's print settings) lets an advert measure its ink; with ``hints`` an
    overset or underset slot is composed again at other heights to say which one fits."""
    ctx = replace(ctx, sink=Sink(ctx.sink.strict))     # this slot's diagnostics only
    g = ctx.grid
    box = slot_box(ctx, slot)
    columns = slot.columns or slot.span
    report = SlotReport(page_number, slot.name, article.id, article.kind, columns,
                        height=slot.height)
    result = SlotResult([], report, [], slot_region(ctx, slot, article, order))
    items = result.items
    if slot.box:
        items.append(Box(box.x - g.body_size / 2, g.line_top(box.first - 1) + g.pitch / 2,
                         box.width + g.body_size, (box.end - box.first + 1) * g.pitch,
                         stroke=tuple(ctx.style.rule_color), width=ctx.style.rule_width,
                         article=article.id))
    if article.kind == "banner":
        items.extend(_banner(ctx, article, slot, box))
        report.capacity = report.lines_set = box.end - box.first
    elif article.kind == "photo":
        items.extend(photo_item(ctx, article, box, slot.where, base, report))
    elif article.kind == "advert":
        items.extend(advert(ctx, article, slot, box, base, report, press))
    elif continuation and remainder is None:
        # a continuation slot whose article fitted where it started: left empty
        ctx.sink.warn("jump-unused", f"article {article.id} fits in its first slot; "
                      f"continuation slot {slot.name} on page {page_number} stays empty",
                      article=article.id, file=slot.where.file, line=slot.where.line,
                      hint="remove the jump, or give the page another article")
    else:
        out = set_article(ctx, page_number, slot, article, box, columns, report, base,
                          remainder)
        items.extend(out.items)
        result.links, result.remainder = out.links, out.remainder
    def again(height: int) -> SlotReport:
        return compose_slot(ctx, page_number, replace(slot, height=height), article,
                            base, order=order, remainder=remainder,
                            continuation=continuation, press=press, hints=False).report
    copyfit(ctx, slot, article, report, again if hints else None)
    result.diagnostics = list(ctx.sink)
    return result


def _banner(ctx: Context, article: Article, slot: Slot, box: SlotBox) -> list[Item]:
    """A banner (通栏标题): its kicker (引题), headline and subheadline (副题) as one block
    in the middle of the slot.  What else the article holds is not printed, and said."""
    g = ctx.grid
    where = dict(article=article.id, file=slot.where.file, line=slot.where.line)
    parts = []
    for text, kind, style in ((article.kicker, "kicker", "kicker"),
                              (article.headline, "headline", "banner"),
                              (article.subheadline, "subheadline", "subheadline")):
        if text.strip():
            st = ctx.text_style(style)
            hs = head.set_headline(ctx, text, style, box.width, **where)
            parts.append((hs, kind, st.space_before, st.space_after))
    total = sum(before + hs.height + after for hs, _, before, after in parts)
    top = g.line_top(box.first) + ((box.end - box.first) * g.pitch - total) / 2
    items: list[Item] = []
    for hs, kind, before, after in parts:
        items.extend(head.place(ctx, hs, box.x, top + before, BlockId(article.id, kind)))
        top += before + hs.height + after
    unprinted = [name for name, value in (
        ("byline", article.byline), ("dateline", article.dateline),
        ("editor_note", article.editor_note), ("lead", article.lead),
        ("paragraphs", article.paragraphs), ("photos", article.photos)) if value]
    if unprinted:
        ctx.sink.warn("banner-text", f"banner {article.id} prints its kicker, headline and "
                      f"subheadline only; its {', '.join(unprinted)} are not printed",
                      hint="make it kind: article to print its text, or remove what it "
                           "does not show", **where)
    return items


def composed_slot(ctx: Context, page_number: int, slot: Slot, article: Article, base: Path,
                  *, order: int = 1, remainder: Remainder | None = None,
                  continuation: bool = False, press=None, hints: bool = True) -> SlotResult:
    """:func:`compose_slot`, taken from the build cache when it has composed the same slot
    with the same inputs before (see :mod:`layout.cache`)."""
    caches = ctx.caches
    if caches is None:
        return compose_slot(ctx, page_number, slot, article, base, order=order,
                            remainder=remainder, continuation=continuation, press=press,
                            hints=hints)
    from layout.cache import digest, file_state
    faces = tuple((role, tuple(face.key for face in chain.faces))
                  for role, chain in sorted(ctx.chains.items()))
    pictures = tuple(file_state(base / photo.file) for photo in article.photos
                     if photo.file)
    key = digest("slot", ctx.style, ctx.grid, ctx.punctuation, faces, ctx.sink.strict,
                 page_number, slot, article, pictures, order, remainder, continuation,
                 press, hints)
    result = caches.slots.get(key)
    if result is None:
        if caches.probing:
            from layout.cache import NotCached
            caches.slots.misses -= 1
            raise NotCached(slot.name)
        result = compose_slot(ctx, page_number, slot, article, base, order=order,
                              remainder=remainder, continuation=continuation, press=press,
                              hints=hints)
        caches.slots.put(key, result)
    return result

"""An article's text in its slot: the headline block (引题 / 主题 / 副题, or a vertical
headline), a standalone byline, the editor's note and the lead, then the body — paragraphs
and subheads — flowed into balanced columns, with the 下转 / 上接 lines of a jump (转版)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from layout.compose import headline as head
from layout.compose import vertical
from layout.compose.context import Context
from layout.compose.flow import Frame, choose_changes, flow, flush_changes, held_to
from layout.compose.picture import lines_for, picture_area
from layout.display import BlockId, Item, Link, TextLine
from layout.spec.model import Article, BodyItem, Slot, Subhead
from layout.text.justify import Line, Option


@dataclass
class SlotBox:
    """The slot's rectangle on the page and the grid lines it may use."""

    x: float
    width: float
    first: int
    end: int


@dataclass(frozen=True)
class Remainder:
    """Text an article hands on to its continuation slot (转版): body items with their
    index in the article, the first of which may continue mid-paragraph (then it has no
    indent, and its lines are numbered on from ``first_line``)."""

    from_page: int
    from_slot: str
    items: tuple[tuple[int, BodyItem], ...]
    first_continues: bool
    first_line: int = 0


@dataclass
class BodyOut:
    """What setting an article's text gives besides the copyfit report."""

    items: list[Item] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    remainder: Remainder | None = None


#: Fewest characters a body column keeps beside a vertical headline.
MIN_COLUMN_CHARS = 4


def jump_text(page: int, down: bool) -> str:
    return f"（{'下转' if down else '上接'}第{page}版）"


def headline_block(ctx: Context, article: Article, slot: Slot, box: SlotBox, line: int,
                   headline: bool = True) -> tuple[list[Item], int]:
    """Kicker, headline (unless ``headline`` is False) and subheadline from grid line
    ``line``; returns the lines and the first grid line below the block."""
    g = ctx.grid
    items: list[Item] = []
    width = g.span_width(slot.headline_columns) if slot.headline_columns else box.width
    width = min(width, box.width)
    for text, kind in ((article.kicker, "kicker"),
                       (article.headline if headline else "", "headline"),
                       (article.subheadline, "subheadline")):
        if not text:
            continue
        st = ctx.text_style(kind)
        align = slot.headline_align if kind == "headline" and slot.headline_align else None
        size = slot.headline_size if kind == "headline" else None
        hs = head.set_headline(ctx, text, kind, width, align, size=size,
                               article=article.id, file=slot.where.file,
                               line=slot.where.line)
        total = st.space_before + hs.height + st.space_after
        n = lines_for(ctx, total)
        top = g.line_top(line) + st.space_before + (n * g.pitch - total) / 2
        items.extend(head.place(ctx, hs, box.x, top, BlockId(article.id, kind)))
        line += n
    return items, line


def _set_block(ctx: Context, spans, width: float, name: str, block: BlockId, x: float,
               line: int, indent: float | None = None, align: str | None = None
               ) -> tuple[list[Item], int]:
    """A block set across ``width`` from grid line ``line``: on the baseline grid when its
    style has the body size, else at its own leading, centred in whole grid lines."""
    g = ctx.grid
    lines = ctx.set_text(spans, width, name=name, indent=indent, align=align)
    st = ctx.text_style(name)
    size = spans[0].size
    if abs(size - g.body_size) < 0.01 and not st.leading:
        return [ctx.text_line(tl, x, g.baseline(line + n), block, n)
                for n, tl in enumerate(lines)], line + len(lines)
    leading = st.leading or round(size * 1.5, 2)
    n = lines_for(ctx, leading * len(lines) + st.space_before + st.space_after)
    top = g.line_top(line) + (n * g.pitch - leading * len(lines)) / 2
    return [ctx.text_line(tl, x, top + k * leading + (leading - size) / 2 + 0.88 * size,
                          block, k) for k, tl in enumerate(lines)], line + n


def set_article(ctx: Context, page_number: int, slot: Slot, article: Article, box: SlotBox,
                columns: int, report, base: Path, remainder: Remainder | None = None
                ) -> BodyOut:
    """An article's text in ``box``; what does not fit goes to ``report`` as overset, or
    into the result's remainder when the slot continues on a later page."""
    g = ctx.grid
    out = BodyOut()
    ident = article.id
    vertical = slot.vertical_headline and remainder is None and article.headline.strip()
    if vertical:
        vitems, narrowed = _vertical_headline(ctx, article, box, columns,
                                              slot.vertical_headline_align)
        if narrowed.width < columns * MIN_COLUMN_CHARS * g.body_size:
            ctx.sink.warn("vertical-headline-narrow", f"slot {slot.name} is too narrow for "
                          f"a vertical headline beside {columns} column(s) of text; the "
                          f"headline is set across the top", article=article.id,
                          file=slot.where.file, line=slot.where.line,
                          hint="widen the slot, or give it fewer body columns")
            vertical = False
    if vertical:
        box = narrowed
        items, line = headline_block(ctx, article, slot, box, box.first, headline=False)
        out.items += vitems + items
    elif remainder is None:
        items, line = headline_block(ctx, article, slot, box, box.first)
        out.items += items
    else:                                  # a continuation: short headline, 上接 line
        items, line = _continuation_head(ctx, article, box, remainder, out)
        out.items += items
        report.continued_from = remainder.from_page
    body: list[tuple[int, BodyItem]] = list(enumerate(article.paragraphs)) \
        if remainder is None else list(remainder.items)
    first_spans = []
    if remainder is None:
        run_in = article.run_in(ctx.text_style("byline").run_in)
        if article.dateline:
            first_spans.append(ctx.span(article.dateline, "byline", ctx.size("body")))
        if article.byline and run_in:
            first_spans.append(ctx.span(article.byline, "byline", ctx.size("body")))
        elif article.byline:
            items, line = _set_block(ctx, [ctx.span(article.byline, "byline")], box.width,
                                     "byline", BlockId(ident, "byline"), box.x, line,
                                     indent=0, align="left")
            out.items += items
        for text, name in ((article.editor_note, "editor_note"), (article.lead, "lead")):
            if text:
                spans = [ctx.span(text, name)]
                if name == "editor_note":
                    spans.insert(0, ctx.span("编者按：", "subhead", ctx.size(name)))
                items, line = _set_block(ctx, spans, box.width, name, BlockId(ident, name),
                                         box.x, line)
                out.items += items
                line += 1                  # a blank grid line before the columns
    gutter = g.gutter
    col_w = (box.width - (columns - 1) * gutter) / columns
    starts = [line] * columns
    ends = [box.end] * columns
    if article.photos and not slot.photo and remainder is None:
        ctx.sink.warn("photo-not-placed", f"article {article.id} has {len(article.photos)} "
                      f"picture(s), but slot {slot.name} has no room for them: they and "
                      f"their captions are not printed", article=article.id,
                      file=slot.where.file, line=slot.where.line,
                      hint="give the slot a picture area (photo: {lines: N}), or remove "
                           "the pictures from the article")
    if slot.photo and remainder is None:
        m = min(slot.photo.columns or columns, columns)
        width = m * col_w + (m - 1) * gutter
        top = line if slot.photo.position == "top" else box.end - slot.photo.lines
        out.items += picture_area(ctx, article, box.x, top, width, slot.photo.lines, base,
                                  report.photos)
        for c in range(m):
            if slot.photo.position == "top":
                starts[c] = line + slot.photo.lines
            else:
                ends[c] = box.end - slot.photo.lines - 1
    jump = slot.continues
    if jump is not None:
        ends[-1] -= 1                      # the last line of the last column: 下转第N版
    frames = [Frame(box.x + c * (col_w + gutter), col_w, starts[c], ends[c])
              for c in range(columns)]
    blocks = _body_blocks(ctx, body, first_spans, col_w, remainder, ident)
    if jump is None:                       # columns that end flush (齐底), by the paragraph
        blocks = _flush(ctx, blocks, frames, col_w) or blocks
    lines, owners = _lines_of(blocks)
    flowed = flow(lines, frames, balance=jump is None)
    for (index, gline, tl), (block, number) in zip(flowed.placed, owners):
        out.items.append(ctx.text_line(tl, frames[index].x, g.baseline(gline), block,
                                       number))
    report.capacity = sum(f.capacity for f in frames)
    report.lines_set = len(flowed.placed)
    overset = list(flowed.overset)
    if jump is not None and overset:
        last = frames[-1]
        jl = ctx.set_text([ctx.span(jump_text(jump.page, True), "jump")], last.width,
                          name="jump", indent=0, align="right")
        line_out = ctx.text_line(jl[0], last.x, g.baseline(last.end), BlockId(ident, "jump"))
        out.items.append(line_out)
        out.links.append(Link(ident, "continued-on", jump.page, jump.slot,
                              _box(line_out)))
        report.continues_on = jump.page
        out.remainder = _remainder(page_number, slot.name, body, lines, owners,
                                   len(flowed.placed))
        report.jumped_lines = len(overset)
        overset = []
    report.overset_lines = len(overset)
    report.overset_chars = sum(len(tl.text.replace(" ", "")) for tl in overset)
    report.underset_lines = max(0, box.end - flowed.bottom) if not overset else 0
    if jump is not None:
        report.underset_lines = max(0, frames[-1].end - flowed.bottom)
    report.bottom = flowed.bottom
    if columns > 1 and jump is None and not overset:
        ends = {}
        for index, gline, _ in flowed.placed:
            ends[index] = max(ends.get(index, 0), gline)
        report.flush = len(ends) > 1 and len(set(ends.values())) == 1
    if flowed.placed:
        report.last_fit = flowed.placed[-1][2].text[-12:]
    return out


@dataclass
class _Block:
    """A block of the body as set: its identity, its lines, the number of its first line,
    and (for a paragraph) what it is set from, to set it again in another line count."""

    block: BlockId
    lines: list[Line]
    first_line: int = 0
    spans: list | None = None
    indent: float | None = None
    atoms: list | None = None               # the spans prepared, kept for setting again


def _body_blocks(ctx: Context, body: list[tuple[int, BodyItem]], first_spans, width: float,
                 remainder: Remainder | None, ident: str) -> list[_Block]:
    """The body's blocks, each set in its best line count."""
    blocks: list[_Block] = []
    spans_left = list(first_spans)
    for n, (index, item) in enumerate(body):
        continues = remainder is not None and remainder.first_continues and n == 0
        offset = remainder.first_line if continues else 0
        if isinstance(item, Subhead):
            lines = ctx.set_text([ctx.span(item.subhead, "subhead", ctx.size("body"))],
                                 width, name="subhead", indent=0)
            blocks.append(_Block(BlockId(ident, "subhead", index), lines, offset))
            continue
        spans = spans_left + [ctx.span(item, "body")]
        spans_left = []
        indent = 0 if continues else None
        atoms = ctx.atoms(spans)
        lines = ctx.set_text(spans, width, name="body", indent=indent, atoms=atoms)
        blocks.append(_Block(BlockId(ident, "paragraph", index), lines, offset, spans, indent,
                             atoms))
    if spans_left:                          # only a byline, no body
        blocks.append(_Block(BlockId(ident, "byline"),
                             ctx.set_text(spans_left, width, name="body")))
    return blocks


def _lines_of(blocks: list[_Block]) -> tuple[list[Line], list[tuple[BlockId, int]]]:
    """The body's lines in order, and for each its block and its number in the block."""
    lines: list[Line] = []
    owners: list[tuple[BlockId, int]] = []
    for b in blocks:
        lines.extend(b.lines)
        owners.extend((b.block, b.first_line + k) for k in range(len(b.lines)))
    return lines, owners


def _flush(ctx: Context, blocks: list[_Block], frames: list[Frame], width: float
           ) -> list[_Block] | None:
    """The blocks with a few paragraphs set a line or two longer or shorter so that the
    columns end on one baseline (齐底), the text ending up to two grid lines higher or
    lower; every line stays within the style's limits, with at least two characters on
    a paragraph's last line.  First where that costs least with no paragraph costing
    more than the style's ``flush_cost`` (a change no reader notices).  Failing that,
    where it shows least — punctuation squeezed before the space between characters,
    several paragraphs a little rather than one a lot — with no line spread more than
    the loosest line the text has at its best, so that the text keeps one colour.  A
    text a little too long for the columns is set as it would be with room to spare when
    that fits them.  None when no such choice exists (or ``flush_cost`` is 0): the last
    column then ends short, or the text is overset."""
    total = sum(len(b.lines) for b in blocks)
    room = held_to(frames, max((f.end for f in frames), default=0))
    if total > room and frames:
        # a text too long for the columns: what it becomes with room to spare is taken
        # when that fits them (the composer ends a text the same in any slot that holds
        # it), so that a slot as tall as the text measures never overflows
        extra = -(-(total - room) // len(frames)) + 4
        frames = [replace(f, end=f.end + extra) for f in frames]
    changes = flush_changes(frames, total)
    most = ctx.style.typography.flush_cost
    if not changes or most <= 0:
        return None
    # per paragraph: change of its line count -> (that option, its cost over the best)
    options: list[dict[int, tuple[Option, int]]] = []
    loosest = 0.0                           # the loosest line of the text at its best
    for b in blocks:
        found, n = {}, len(b.lines)
        if b.spans is not None:
            found = ctx.text_options(b.spans, width, name="body", indent=b.indent,
                                     spread=2, atoms=b.atoms)
        if n not in found:
            options.append({})
            continue
        loosest = max(loosest, found[n].loosest)
        options.append({count - n: (o, o.cost - found[n].cost) for count, o in found.items()
                        if count != n and found[n].within_limits})
    plan = choose_changes([{d: extra for d, (_, extra) in found.items() if extra <= most}
                           for found in options], changes)
    if plan is None:
        plan = choose_changes([{d: o.shows for d, (o, _) in found.items()
                                if o.loosest <= loosest} for found in options], changes)
    if plan is None or total + sum(plan.values()) > room:
        return None
    return [replace(b, lines=list(options[k][plan[k]][0].lines)) if k in plan else b
            for k, b in enumerate(blocks)]


def _remainder(page_number: int, slot: str, body: list[tuple[int, BodyItem]],
               lines: list[Line], owners: list[tuple[BlockId, int]], cut: int) -> Remainder:
    """What a jump hands on: the rest of the block cut at line ``cut`` and every block
    after it."""
    block, number = owners[cut]
    rest = "".join(tl.text + tl.dropped for tl, (b, _) in zip(lines[cut:], owners[cut:])
                   if b == block).strip()
    mid = cut > 0 and owners[cut - 1][0] == block
    position = next(k for k, (index, _) in enumerate(body) if index == block.index)
    item = Subhead(subhead=rest) if block.kind == "subhead" else rest
    return Remainder(page_number, slot, ((block.index, item), *body[position + 1:]), mid,
                     number if mid else 0)


def _box(line: TextLine) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = line.bbox()
    return (x0, y0, x1 - x0, y1 - y0)


def _vertical_headline(ctx: Context, article: Article, box: SlotBox, columns: int,
                       align: str = "top") -> tuple[list[Item], SlotBox]:
    """The headline set top to bottom at the slot's right; the text keeps the rest, its
    columns narrowed by whole characters so lines stay on the character grid.  ``align``
    top puts its first character level with the first line of text, bottom its last
    level with the last line the slot holds, center in the middle of the slot."""
    g = ctx.grid
    height = (box.end - box.first) * g.pitch - g.pitch * 0.5
    vh = vertical.set_vertical(ctx, article.headline, "headline", height)
    need = vh.width + g.gutter                        # the strip and a gutter
    per_column = math.ceil(need / columns / g.body_size)
    strip = per_column * columns * g.body_size
    text_top = g.line_top(box.first) + (g.pitch - g.body_size) / 2     # first line's em box
    text_bottom = g.line_top(box.end) - (g.pitch - g.body_size) / 2    # last line's
    top = {"top": text_top, "bottom": text_bottom - vh.height,
           "center": g.line_top(box.first) + (height - vh.height) / 2}[align]
    items: list[Item] = list(vertical.place_vertical(
        ctx, vh, box.x + box.width - (strip - vh.width - g.gutter) / 2, top,
        BlockId(article.id, "headline")))
    return items, SlotBox(box.x, box.width - strip, box.first, box.end)


def _continuation_head(ctx: Context, article: Article, box: SlotBox, remainder: Remainder,
                       out: BodyOut) -> tuple[list[Item], int]:
    """The top of a continued article: its headline, smaller, and （上接第N版）."""
    g = ctx.grid
    items: list[Item] = []
    line = box.first
    if article.headline:
        st = ctx.text_style("photo_headline")
        hs = head.set_headline(ctx, article.headline, "photo_headline", box.width)
        n = lines_for(ctx, hs.height + st.space_after)
        items.extend(head.place(ctx, hs, box.x, g.line_top(line) + (n * g.pitch -
                                                                      hs.height) / 2,
                                BlockId(article.id, "headline")))
        line += n
    jl = ctx.set_text([ctx.span(jump_text(remainder.from_page, False), "jump")], box.width,
                      name="jump", indent=0, align="left")
    jump_line = ctx.text_line(jl[0], box.x, g.baseline(line), BlockId(article.id, "jump"))
    items.append(jump_line)
    out.links.append(Link(article.id, "continued-from", remainder.from_page,
                          remainder.from_slot, _box(jump_line)))
    return items, line + 1

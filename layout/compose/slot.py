"""Set one article inside its slot: headline block, byline, picture and caption, body text
in balanced columns; report what did not fit."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from layout.compose import headline as head
from layout.compose import vertical
from layout.compose.context import Context
from layout.compose.flow import Frame, flow
from layout.compose.photo import fit_image, image_info
from layout.display import Box, Glyphs, Image, Item, Region
from layout.spec.model import Article, Slot, Subhead
from layout.text.justify import Line
from layout.text.prepare import UNIT

PLACEHOLDER_FILL = (0.0, 0.0, 0.0, 12.0)


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

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Remainder:
    """Text an article hands on to its continuation slot (转版): whole paragraphs, the
    first of which may continue mid-paragraph (then it has no indent)."""

    from_page: int
    paragraphs: tuple[str, ...]
    first_continues: bool


def jump_text(page: int, down: bool) -> str:
    return f"（{'下转' if down else '上接'}第{page}版）"


@dataclass
class SlotBox:
    """The slot's rectangle on the page and the grid lines it may use."""

    x: float
    width: float
    first: int
    end: int


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


def lines_for(ctx: Context, height: float) -> int:
    """Whole grid lines a block of ``height`` pt takes."""
    return max(1, math.ceil(height / ctx.grid.pitch - 1e-6))


def headline_block(ctx: Context, article: Article, slot: Slot, box: SlotBox, line: int,
                   name: str = "headline") -> tuple[list[Item], int]:
    """Kicker, headline and subheadline from grid line ``line``; returns items and the
    first grid line below the block."""
    g = ctx.grid
    items: list[Item] = []
    width = g.span_width(slot.headline_columns) if slot.headline_columns else box.width
    width = min(width, box.width)
    for text, style in ((article.kicker, "kicker"), (article.headline, name),
                        (article.subheadline, "subheadline")):
        if not text:
            continue
        st = ctx.text_style(style)
        align = slot.headline_align if style == name and slot.headline_align else None
        hs = head.set_headline(ctx, text, style, width, align, article=article.id,
                               file=slot.where.file, line=slot.where.line)
        total = st.space_before + hs.height + st.space_after
        n = lines_for(ctx, total)
        top = g.line_top(line) + st.space_before + (n * g.pitch - total) / 2
        items.extend(head.place(ctx, hs, box.x, top))
        line += n
    return items, line


def caption_lines(ctx: Context, caption: str, credit: str, width: float) -> list[Line]:
    """The caption in the caption style, the credit run in at its end (right-aligned on the
    last line when there is room, else on a line of its own)."""
    lines: list[Line] = []
    if caption:
        lines = ctx.set_text([ctx.span(caption, "caption")], width, name="caption")
    if credit:
        credit_line = ctx.set_text([ctx.span(credit, "credit")], width, name="credit",
                                   indent=0, align="right")
        if lines and credit_line and len(credit_line) == 1:
            free = width * UNIT - lines[-1].width
            need = _natural_width(credit_line[0]) + ctx.size("caption") * UNIT
            if lines[-1].last and need <= free:
                return lines[:-1] + [_merge(lines[-1], credit_line[0])]
        lines.extend(credit_line)
    return lines


def _natural_width(line: Line) -> int:
    first = line.items[0].x if line.items else 0
    return line.width - first


def _merge(left: Line, right: Line) -> Line:
    from dataclasses import replace
    return replace(left, items=left.items + right.items, width=right.width)


def picture(ctx: Context, article: Article, x: float, top: int, width: float, lines: int,
            report: SlotReport, base: Path) -> list[Item]:
    """A picture area of ``lines`` grid lines: image (or placeholder) and caption."""
    g = ctx.grid
    photo = article.photos[0] if article.photos else None
    caption, credit = (photo.caption, photo.credit) if photo else ("", "")
    if article.kind == "photo":
        caption = caption or "".join(article.texts)
    cap = caption_lines(ctx, caption, credit, width)
    image_lines = max(1, lines - len(cap))
    items: list[Item] = []
    y0, h = g.line_top(top), image_lines * g.pitch - g.pitch * 0.4
    items.extend(_image(ctx, photo, (x, y0, width, h), article, report, base))
    for n, line in enumerate(cap):
        items.extend(ctx.glyphs(line, x, g.baseline(top + image_lines + n)))
    if len(cap) + 3 > lines:
        ctx.sink.warn("photo-small", f"the picture gets only {image_lines} grid lines "
                      f"beside a {len(cap)}-line caption", article=article.id,
                      file=article.where.file, hint="give the photo area more lines")
    return items


def _image(ctx: Context, photo, box, article: Article, report: SlotReport,
           base: Path) -> list[Item]:
    x, y, w, h = box
    path = (base / photo.file) if photo and photo.file else None
    info = image_info(path) if path and path.is_file() else None
    pixels, mode = info if info else (None, None)
    if pixels is None:
        if path is not None:
            ctx.sink.warn("photo-missing", f"picture {photo.file} not found or unreadable; a "
                          f"placeholder is printed", article=article.id,
                          file=article.where.file, hint="put the image file beside the "
                          "article or correct 'file:'")
        report.photos.append({"file": str(photo.file) if photo and photo.file else None,
                              "placeholder": True})
        items: list[Item] = [Box(x, y, w, h, stroke=(0, 0, 0, 40), fill=PLACEHOLDER_FILL,
                                 width=0.5)]
        hs = head.set_headline(ctx, "图片", "placeholder", w)
        items.extend(head.place(ctx, hs, x, y + (h - hs.height) / 2))
        return items
    placed = fit_image(pixels, box, photo.fit, (photo.focus_x, photo.focus_y))
    report.photos.append({"file": str(photo.file), "pixels": list(pixels), "mode": mode,
                          "ppi": round(placed.ppi, 1), "fit": photo.fit})
    _check_resolution(ctx, photo, placed.ppi, article)
    return [Image(path, placed.x, placed.y, placed.w, placed.h, placed.crop)]


#: effective resolution below which a picture is too coarse for newsprint (warning), and
#: below which it prints visibly blocky (an error in preflight)
PPI_WARN, PPI_ERROR = 200.0, 150.0


def _check_resolution(ctx: Context, photo, ppi: float, article: Article) -> None:
    if ppi >= PPI_WARN:
        return
    code = "image-too-coarse" if ppi < PPI_ERROR else "image-low-resolution"
    ctx.sink.warn(code, f"picture {photo.file} has {ppi:.0f} ppi at its placed size "
                  f"(printing needs {PPI_WARN:.0f}, at least {PPI_ERROR:.0f})",
                  article=article.id, file=article.where.file,
                  hint="use a larger original, or place the picture smaller",
                  data={"ppi": round(ppi, 1)})


def compose_slot(ctx: Context, page_number: int, slot: Slot, article: Article,
                 base: Path, jumps: dict | None = None) -> tuple[list[Item], SlotReport]:
    """Everything one slot draws, and its copyfit report.  ``jumps`` carries the text of
    articles continued on later pages: (page, slot name) → Remainder."""
    g = ctx.grid
    box = slot_box(ctx, slot)
    columns = slot.columns or slot.span
    report = SlotReport(page_number, slot.name, article.id, article.kind, columns)
    items: list[Item] = []
    if slot.box:
        items.append(Box(box.x - g.body_size / 2, g.line_top(box.first - 1) + g.pitch / 2,
                         box.width + g.body_size, (box.end - box.first + 1) * g.pitch,
                         stroke=tuple(ctx.style.rule_color), width=ctx.style.rule_width))
    if article.kind == "banner":
        hs = head.set_headline(ctx, article.headline, "banner", box.width,
                               article=article.id, file=slot.where.file,
                               line=slot.where.line)
        height = (box.end - box.first) * g.pitch
        items.extend(head.place(ctx, hs, box.x, g.line_top(box.first) +
                                (height - hs.height) / 2))
        report.capacity = report.lines_set = box.end - box.first
    elif article.kind == "photo":
        items.extend(_photo_item(ctx, slot, article, box, report, base))
    else:
        key = (page_number, slot.name)
        if jumps is not None and key in jumps and jumps[key] is None:
            # a continuation slot whose article fitted where it started: left empty
            ctx.sink.warn("jump-unused", f"article {article.id} fits in its first slot; "
                          f"continuation slot {slot.name} on page {page_number} stays empty",
                          article=article.id, file=slot.where.file, line=slot.where.line,
                          hint="remove the jump, or give the page another article")
            jumps.pop(key)
            _diagnose(ctx, slot, article, report)
            return items, report
        remainder = jumps.pop(key, None) if jumps is not None else None
        items.extend(_article(ctx, slot, article, box, columns, report, base, page_number,
                              jumps, remainder))
    items.append(Region(article.id, slot.name, g.column_x(slot.column - 1),
                        g.line_top(slot.top), g.span_width(slot.span), slot.height * g.pitch))
    _diagnose(ctx, slot, article, report)
    return items, report


def _photo_item(ctx, slot, article, box, report, base) -> list[Item]:
    g = ctx.grid
    items: list[Item] = []
    title_lines: list[Item] = []
    line = box.first
    # the picture first, then the headline and the caption under it (图片新闻)
    hs = head.set_headline(ctx, article.headline, "photo_headline", box.width,
                           article=article.id, file=slot.where.file, line=slot.where.line) \
        if article.headline else None
    title_n = lines_for(ctx, hs.height + ctx.text_style("photo_headline").space_after) \
        if hs else 0
    photo = article.photos[0] if article.photos else None
    caption = (photo.caption if photo and photo.caption else "".join(article.texts))
    credit = photo.credit if photo else ""
    cap = caption_lines(ctx, caption, credit, box.width)
    available = box.end - line
    image_n = available - title_n - len(cap)
    report.capacity = available
    if image_n < 3:
        report.overset_lines = 3 - image_n
        image_n = 3
    y0 = g.line_top(line)
    items.extend(_image(ctx, photo, (box.x, y0, box.width, image_n * g.pitch - g.pitch * 0.4),
                        article, report, base))
    line += image_n
    if hs:
        top = g.line_top(line) + (title_n * g.pitch - hs.height) / 2
        title_lines = head.place(ctx, hs, box.x, top)
        line += title_n
    items.extend(title_lines)
    for n, cl in enumerate(cap):
        if line + n < box.end:
            items.extend(ctx.glyphs(cl, box.x, g.baseline(line + n)))
    report.lines_set = min(available, image_n + title_n + len(cap))
    over = (line + len(cap)) - box.end
    if over > 0:
        report.overset_lines = max(report.overset_lines, over)
        report.overset_chars = sum(len(c.text) for c in cap[len(cap) - over:])
    return items


def _article(ctx, slot, article, box, columns, report, base, page_number=0, jumps=None,
             remainder: Remainder | None = None) -> list[Item]:
    g = ctx.grid
    if slot.vertical_headline and remainder is None:
        vitems, box = _vertical_headline(ctx, article, box, columns)
        plain = Article(id=article.id, kicker=article.kicker, subheadline=article.subheadline)
        items, line = headline_block(ctx, plain, slot, box, box.first)
        items = vitems + items
        paragraphs = list(article.paragraphs)
        indents = [None] * len(paragraphs)
    elif remainder is None:
        items, line = headline_block(ctx, article, slot, box, box.first)
        paragraphs = list(article.paragraphs)
        indents = [None] * len(paragraphs)
    else:                                  # a continuation: short headline, 上接 line
        items, line = _continuation_head(ctx, article, box, remainder)
        paragraphs = list(remainder.paragraphs)
        indents = [0 if remainder.first_continues and n == 0 else None
                   for n in range(len(paragraphs))]
        report.continued_from = remainder.from_page
    run_in = article.run_in(ctx.text_style("byline").run_in)
    first_spans = []
    if remainder is None and article.dateline:
        first_spans.append(ctx.span(article.dateline, "byline", ctx.size("body")))
    if remainder is None and article.byline and run_in:
        first_spans.append(ctx.span(article.byline, "byline", ctx.size("body")))
    elif remainder is None and article.byline:
        bl = ctx.set_text([ctx.span(article.byline, "byline")], box.width, name="byline",
                          indent=0, align="left")
        for n, bline in enumerate(bl):
            items.extend(ctx.glyphs(bline, box.x, g.baseline(line + n)))
        line += len(bl)
    for text, name in ((article.editor_note, "editor_note"), (article.lead, "lead")):
        if remainder is None and text:
            spans = [ctx.span(text, name)]
            if name == "editor_note":
                spans.insert(0, ctx.span("编者按：", "subhead", ctx.size(name)))
            set_lines = ctx.set_text(spans, box.width, name=name)
            step = max(1, math.ceil(ctx.size(name) * 1.4 / g.pitch - 1e-6))
            for n, tl in enumerate(set_lines):
                items.extend(ctx.glyphs(tl, box.x, g.baseline(line + n * step)))
            line += len(set_lines) * step + 1
    gutter = g.gutter
    col_w = (box.width - (columns - 1) * gutter) / columns
    starts = [line] * columns
    ends = [box.end] * columns
    if slot.photo and (article.photos or slot.photo) and remainder is None:
        m = min(slot.photo.columns or columns, columns)
        width = m * col_w + (m - 1) * gutter
        top = line if slot.photo.position == "top" else box.end - slot.photo.lines
        items.extend(picture(ctx, article, box.x, top, width, slot.photo.lines, report, base))
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
    lines: list[Line] = []
    owner: list[int] = []                  # the paragraph each line belongs to
    for n, text in enumerate(paragraphs):
        if isinstance(text, Subhead):
            set_lines = ctx.set_text([ctx.span(text.subhead, "subhead", ctx.size("body"))],
                                     col_w, name="subhead", indent=0)
            lines.extend(set_lines)
            owner.extend([n] * len(set_lines))
            continue
        spans = ([*first_spans] if n == 0 else []) + [ctx.span(text, "body")]
        set_lines = ctx.set_text(spans, col_w, name="body", indent=indents[n])
        lines.extend(set_lines)
        owner.extend([n] * len(set_lines))
    if not paragraphs and first_spans:
        lines.extend(ctx.set_text(first_spans, col_w, name="body"))
        owner.extend([0] * (len(lines) - len(owner)))
    flowed = flow(lines, frames, balance=jump is None)
    for index, gline, tl in flowed.placed:
        items.extend(ctx.glyphs(tl, frames[index].x, g.baseline(gline)))
    report.capacity = sum(f.capacity for f in frames)
    report.lines_set = len(flowed.placed)
    overset = list(flowed.overset)
    if jump is not None and overset:
        last = frames[-1]
        jl = ctx.set_text([ctx.span(jump_text(jump.page, True), "jump")], last.width,
                          name="jump", indent=0, align="right")
        items.extend(ctx.glyphs(jl[0], last.x, g.baseline(last.end)))
        report.continues_on = jump.page
        if jumps is not None:
            cut = len(flowed.placed)
            first = owner[cut]
            head_text = "".join(tl.text + tl.dropped for tl, o in zip(lines[cut:], owner[cut:])
                                if o == first)
            mid = cut > 0 and owner[cut - 1] == first
            rest = (head_text.strip(), *paragraphs[first + 1:])
            jumps[(jump.page, jump.slot)] = Remainder(page_number, rest, mid)
            report.jumped_lines = len(overset)
            overset = []
    report.overset_lines = len(overset)
    report.overset_chars = sum(len(tl.text.replace(" ", "")) for tl in overset)
    report.underset_lines = max(0, box.end - flowed.bottom) if not overset else 0
    if jump is not None:
        report.underset_lines = max(0, frames[-1].end - flowed.bottom)
    report.bottom = flowed.bottom
    if flowed.placed:
        report.last_fit = flowed.placed[-1][2].text[-12:]
    return items


def _vertical_headline(ctx: Context, article: Article, box: SlotBox, columns: int
                       ) -> tuple[list[Item], SlotBox]:
    """The headline set top to bottom at the slot's right; the text keeps the rest, its
    columns narrowed by whole characters so lines stay on the character grid."""
    g = ctx.grid
    height = (box.end - box.first) * g.pitch - g.pitch * 0.5
    vh = vertical.set_vertical(ctx, article.headline, "headline", height)
    need = vh.width + g.gutter                        # the strip and a gutter
    per_column = math.ceil(need / columns / g.body_size)
    strip = per_column * columns * g.body_size
    top = g.line_top(box.first) + (height - vh.height) / 2
    items: list[Item] = vertical.place_vertical(ctx, vh, box.x + box.width -
                                                (strip - vh.width - g.gutter) / 2, top)
    rest = SlotBox(box.x, box.width - strip, box.first, box.end)
    return items, rest


def _continuation_head(ctx: Context, article: Article, box: SlotBox,
                       remainder: Remainder) -> tuple[list[Item], int]:
    """The top of a continued article: its headline, smaller, and （上接第N版）."""
    g = ctx.grid
    items: list[Item] = []
    line = box.first
    if article.headline:
        st = ctx.text_style("photo_headline")
        hs = head.set_headline(ctx, article.headline, "photo_headline", box.width)
        n = lines_for(ctx, hs.height + st.space_after)
        items.extend(head.place(ctx, hs, box.x, g.line_top(line) + (n * g.pitch -
                                                                      hs.height) / 2))
        line += n
    jl = ctx.set_text([ctx.span(jump_text(remainder.from_page, False), "jump")], box.width,
                      name="jump", indent=0, align="left")
    items.extend(ctx.glyphs(jl[0], box.x, g.baseline(line)))
    return items, line + 1


def _diagnose(ctx: Context, slot: Slot, article: Article, report: SlotReport) -> None:
    if report.overset_lines:
        ctx.sink.warn("overset", f"article {article.id} overflows slot {slot.name} by "
                      f"{report.overset_lines} lines, {report.overset_chars} characters "
                      f"(last words set: …{report.last_fit})", article=article.id,
                      file=slot.where.file, line=slot.where.line,
                      hint=f"shorten the text or give the slot {report.overset_lines} more "
                           f"lines or another column",
                      data={"overset_lines": report.overset_lines,
                            "overset_chars": report.overset_chars})


def glyph_items(items: list[Item]) -> list[Glyphs]:
    return [i for i in items if isinstance(i, Glyphs)]

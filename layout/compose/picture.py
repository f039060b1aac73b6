"""Pictures in the page: photo items (图片新闻: picture, short headline, caption) and an
article's picture area, with captions and credits, placeholders for missing files, and the
effective resolution each picture prints at."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from layout.compose import headline as head
from layout.compose.context import Context
from layout.compose.photo import fit_image, image_info
from layout.display import BlockId, Box, Image, Item
from layout.spec.model import Article, Photo
from layout.text.justify import Line
from layout.text.prepare import UNIT

PLACEHOLDER_FILL = (0.0, 0.0, 0.0, 12.0)
#: effective resolution below which a picture is too coarse for newsprint (warning), and
#: below which it prints visibly blocky (an error in preflight)
PPI_WARN, PPI_ERROR = 200.0, 150.0


def lines_for(ctx: Context, height: float) -> int:
    """Whole grid lines a block of ``height`` pt takes."""
    return max(1, math.ceil(height / ctx.grid.pitch - 1e-6))


def caption_lines(ctx: Context, caption: str, credit: str, width: float
                  ) -> list[tuple[str, Line]]:
    """The caption in the caption style, the credit run in at its end (right-aligned on the
    last line when there is room, else on a line of its own): (block kind, line) pairs."""
    lines: list[tuple[str, Line]] = []
    if caption:
        lines = [("caption", line) for line in
                 ctx.set_text([ctx.span(caption, "caption")], width, name="caption")]
    if credit:
        credit_lines = ctx.set_text([ctx.span(credit, "credit")], width, name="credit",
                                    indent=0, align="right")
        if lines and len(credit_lines) == 1:
            last = lines[-1][1]
            free = width * UNIT - last.width
            need = _natural_width(credit_lines[0]) + ctx.size("caption") * UNIT
            if last.last and need <= free:
                merged = replace(last, items=last.items + credit_lines[0].items,
                                 width=credit_lines[0].width)
                return lines[:-1] + [("caption", merged)]
        lines.extend(("credit", line) for line in credit_lines)
    return lines


def _natural_width(line: Line) -> int:
    first = line.items[0].x if line.items else 0
    return line.width - first


def set_caption(ctx: Context, cap: list[tuple[str, Line]], article: str, index: int,
                x: float, first_line: int, end: int | None = None) -> list[Item]:
    """Caption lines from grid line ``first_line`` (those from ``end`` on are left out)."""
    g = ctx.grid
    items: list[Item] = []
    numbers: dict[str, int] = {}
    for n, (kind, line) in enumerate(cap):
        if end is not None and first_line + n >= end:
            break
        k = numbers[kind] = numbers.get(kind, -1) + 1
        items.append(ctx.text_line(line, x, g.baseline(first_line + n),
                                   BlockId(article, kind, index), k))
    return items


def caption_of(article: Article) -> tuple[Photo | None, str, str]:
    """The article's first picture, its caption (a photo item's text when the picture has
    none) and its credit."""
    photo = article.photos[0] if article.photos else None
    caption = photo.caption if photo else ""
    if article.kind == "photo" and not caption:
        caption = "".join(article.texts)
    return photo, caption, photo.credit if photo else ""


def picture_area(ctx: Context, article: Article, x: float, top: int, width: float,
                 lines: int, base: Path, photos: list) -> list[Item]:
    """A picture area of ``lines`` grid lines inside an article: image (or placeholder)
    and caption."""
    g = ctx.grid
    photo, caption, credit = caption_of(article)
    cap = caption_lines(ctx, caption, credit, width)
    image_lines = max(1, lines - len(cap))
    items: list[Item] = []
    y0, h = g.line_top(top), image_lines * g.pitch - g.pitch * 0.4
    items.extend(image(ctx, photo, 0, (x, y0, width, h), article, base, photos))
    items.extend(set_caption(ctx, cap, article.id, 0, x, top + image_lines))
    if len(cap) + 3 > lines:
        ctx.sink.warn("photo-small", f"the picture gets only {image_lines} grid lines "
                      f"beside a {len(cap)}-line caption", article=article.id,
                      file=article.where.file, hint="give the photo area more lines")
    return items


def photo_item(ctx: Context, article: Article, box, where, base: Path, report
               ) -> list[Item]:
    """A photo item (图片新闻): the picture first, then its headline and the caption."""
    g = ctx.grid
    items: list[Item] = []
    line = box.first
    hs = head.set_headline(ctx, article.headline, "photo_headline", box.width,
                           article=article.id, file=where.file, line=where.line) \
        if article.headline else None
    title_n = lines_for(ctx, hs.height + ctx.text_style("photo_headline").space_after) \
        if hs else 0
    photo, caption, credit = caption_of(article)
    cap = caption_lines(ctx, caption, credit, box.width)
    available = box.end - line
    image_n = available - title_n - len(cap)
    report.capacity = available
    if image_n < 3:
        report.overset_lines = 3 - image_n
        image_n = 3
    items.extend(image(ctx, photo, 0, (box.x, g.line_top(line), box.width,
                                       image_n * g.pitch - g.pitch * 0.4),
                       article, base, report.photos))
    line += image_n
    if hs:
        top = g.line_top(line) + (title_n * g.pitch - hs.height) / 2
        items.extend(head.place(ctx, hs, box.x, top, BlockId(article.id, "headline")))
        line += title_n
    items.extend(set_caption(ctx, cap, article.id, 0, box.x, line, box.end))
    report.lines_set = min(available, image_n + title_n + len(cap))
    over = (line + len(cap)) - box.end
    if over > 0:
        report.overset_lines = max(report.overset_lines, over)
        report.overset_chars = sum(len(c.text) for _, c in cap[len(cap) - over:])
    return items


def image(ctx: Context, photo: Photo | None, index: int, box, article: Article, base: Path,
          photos: list) -> list[Item]:
    """The picture fitted into ``box`` (x, y, w, h), or a placeholder box marked 图片 when
    there is no file or it cannot be read; its figures are added to ``photos``."""
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
        else:
            ctx.sink.warn("photo-placeholder", f"article {article.id} has no picture file; "
                          f"a placeholder box marked 图片 is printed", article=article.id,
                          file=article.where.file, hint="give the photo a 'file:' before "
                          "the edition goes to press (build --draft for proofs)")
        photos.append({"file": str(photo.file) if photo and photo.file else None,
                       "placeholder": True})
        items: list[Item] = [Box(x, y, w, h, stroke=(0, 0, 0, 40), fill=PLACEHOLDER_FILL,
                                 width=0.5, article=article.id)]
        hs = head.set_headline(ctx, "图片", "placeholder", w)
        items.extend(head.place(ctx, hs, x, y + (h - hs.height) / 2,
                                BlockId(article.id, "placeholder", index)))
        return items
    placed = fit_image(pixels, box, photo.fit, (photo.focus_x, photo.focus_y))
    photos.append({"file": str(photo.file), "pixels": list(pixels), "mode": mode,
                   "ppi": round(placed.ppi, 1), "fit": photo.fit})
    _check_resolution(ctx, photo, placed.ppi, article)
    return [Image(path, placed.x, placed.y, placed.w, placed.h, placed.crop, article.id,
                  index)]


def _check_resolution(ctx: Context, photo: Photo, ppi: float, article: Article) -> None:
    if ppi >= PPI_WARN:
        return
    code = "image-too-coarse" if ppi < PPI_ERROR else "image-low-resolution"
    ctx.sink.warn(code, f"picture {photo.file} has {ppi:.0f} ppi at its placed size "
                  f"(printing needs {PPI_WARN:.0f}, at least {PPI_ERROR:.0f})",
                  article=article.id, file=article.where.file,
                  hint="use a larger original, or place the picture smaller",
                  data={"ppi": round(ppi, 1)})

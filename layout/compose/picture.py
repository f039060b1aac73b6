"""Pictures in the page: photo items (图片新闻, 组图: pictures, short headline, intro text,
numbered captions and credits) and an article's picture area, with placeholders for
missing files and the effective resolution each picture prints at.

One picture keeps the classic photo item: the picture on top, its headline and caption
under it.  Several pictures are arranged in a grid of rows of equal cells, each picture
with its own caption (图①…) under it; the number of pictures per row is the one whose
pictures come closest to their own proportions (3:2 for a placeholder).  A credit for a
whole set (以上图片均为…) closes the item across its width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from layout.compose import headline as head
from layout.compose.context import Context
from layout.compose.photo import fit_image, image_info
from layout.display import BlockId, Box, Image, Item, TextLine
from layout.spec.model import Article, Photo
from layout.text.justify import Line
from layout.text.prepare import UNIT

PLACEHOLDER_FILL = (0.0, 0.0, 0.0, 12.0)
#: effective resolution below which a picture is too coarse for newsprint (warning), and
#: below which it prints visibly blocky (an error in preflight)
PPI_WARN, PPI_ERROR = 200.0, 150.0
#: proportions (width / height) assumed for a picture whose file is not there yet
PLACEHOLDER_ASPECT = 1.5
#: fewest grid lines a picture gets
MIN_IMAGE_LINES = 3
#: how much a last row with fewer pictures than the others weighs against an arrangement
#: (in the sum of how far each picture is from its own proportions, as a log ratio)
UNEVEN_ROW = 0.5
#: credits that speak for every picture of a set, set once at the foot of the item
GROUP_CREDIT = ("以上图片", "本组图片", "以上圖片", "本組圖片")


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


def is_classic(article: Article) -> bool:
    """Is ``article`` set as the classic photo item — one picture (or none), its text as
    the caption?"""
    if len(article.photos) > 1:
        return False
    return not (article.photos and article.photos[0].caption and article.texts)


# --------------------------------------------------------------------------- arrangement
@dataclass(frozen=True)
class Row:
    """A row of pictures: their indices, the width of each cell (pt), the grid lines of
    the pictures and of the tallest caption under them."""

    photos: tuple[int, ...]
    cell: float
    image_lines: int
    caption_lines: int

    @property
    def lines(self) -> int:
        return self.image_lines + self.caption_lines


@dataclass(frozen=True)
class Arrangement:
    """Where the pictures of an item or a picture area go: ``rows`` from grid line
    ``first`` (after the headline and intro, if any), pictures per full row, and the grid
    lines of the credit for the whole set."""

    per_row: int
    rows: tuple[Row, ...]
    credit_lines: int
    lines: int              # lines the arrangement takes in all (headline and intro too)

    def boxes(self, ctx: Context, x: float, top: int) -> list[tuple[int, tuple]]:
        """(photo index, (x, y, w, h)) of every picture when the rows start at grid line
        ``top``."""
        g = ctx.grid
        out = []
        line = top
        for row in self.rows:
            for k, index in enumerate(row.photos):
                out.append((index, (x + k * (row.cell + g.gutter), g.line_top(line), row.cell,
                                    row.image_lines * g.pitch - g.pitch * 0.4)))
            line += row.lines
        return out


@dataclass
class PictureText:
    """What a set of pictures needs besides the pictures, at one width: the item's
    headline and intro, the captions of each picture at each cell width, the credit of the
    whole set.  Set once per width; arranging for a height is then arithmetic."""

    ctx: Context
    article: Article
    width: float
    item: bool                       # a photo item (headline and intro) or a picture area
    aspects: tuple[float, ...]       # each picture's proportions (width / height)
    title: head.HeadSet | None = None
    title_lines: int = 0
    intro: list[tuple[int, list[Line]]] = field(default_factory=list)
    intro_lines: int = 0
    group_credit: list[Line] = field(default_factory=list)
    _captions: dict = field(default_factory=dict)

    @property
    def count(self) -> int:
        return max(1, len(self.article.photos))

    def cell_width(self, cells: int) -> float:
        return (self.width - (cells - 1) * self.ctx.grid.gutter) / cells

    def captions(self, cells: int) -> list[list[tuple[str, Line]]]:
        """Each picture's caption and credit set in a cell of a row of ``cells``."""
        if cells not in self._captions:
            width = self.cell_width(cells)
            photos = self.article.photos or (Photo(),)
            self._captions[cells] = [
                caption_lines(self.ctx, p.caption, "" if self.group and k == len(photos) - 1
                              else p.credit, width) for k, p in enumerate(photos)]
        return self._captions[cells]

    def classic(self) -> list[tuple[str, Line]]:
        """The caption of a single picture across the whole width."""
        if "classic" not in self._captions:
            photo, caption, credit = caption_of(self.article)
            self._captions["classic"] = caption_lines(self.ctx, caption, credit, self.width)
        return self._captions["classic"]

    @property
    def group(self) -> bool:
        photos = self.article.photos
        return len(photos) > 1 and photos[-1].credit.startswith(GROUP_CREDIT)

    @property
    def fixed_lines(self) -> int:
        """Lines of the headline, the intro and the set's credit."""
        return self.title_lines + self.intro_lines + len(self.group_credit)


def picture_text(ctx: Context, article: Article, width: float, base: Path | None,
                 item: bool) -> PictureText:
    """The text around ``article``'s pictures set at ``width`` pt: for a photo item
    (``item``) its headline and intro paragraphs too."""
    aspects = tuple(natural_aspect(p, base) or PLACEHOLDER_ASPECT
                    for p in (article.photos or (Photo(),)))
    text = PictureText(ctx, article, width, item, aspects)
    if item and article.headline:
        st = ctx.text_style("photo_headline")
        text.title = head.set_headline(ctx, article.headline, "photo_headline", width,
                                       article=article.id, file=article.where.file,
                                       line=article.where.line)
        text.title_lines = lines_for(ctx, text.title.height + st.space_after)
    if item:
        for index, paragraph in enumerate(article.paragraphs):
            words = paragraph if isinstance(paragraph, str) else paragraph.subhead
            lines = ctx.set_text([ctx.span(words, "caption")], width, name="caption")
            text.intro.append((index, lines))
            text.intro_lines += len(lines)
    if text.group:
        text.group_credit = ctx.set_text([ctx.span(article.photos[-1].credit, "credit")],
                                         width, name="credit", indent=0, align="right")
    return text


def natural_aspect(photo: Photo, base: Path | None) -> float | None:
    """The picture's own proportions (width / height), or None without a readable file."""
    pixels = picture_pixels(photo, base)
    return pixels[0] / pixels[1] if pixels else None


def picture_pixels(photo: Photo, base: Path | None) -> tuple[int, int] | None:
    if base is None or photo.file is None:
        return None
    path = base / photo.file
    info = image_info(path) if path.is_file() else None
    return info[0] if info else None


def arrange(text: PictureText, lines: int) -> Arrangement | None:
    """The arrangement of the pictures in ``lines`` grid lines whose pictures come closest
    to their own proportions; None when some picture would get fewer than
    ``MIN_IMAGE_LINES`` lines."""
    best: tuple[float, Arrangement] | None = None
    for per_row in range(1, text.count + 1):
        arranged = _arrange(text, lines, per_row)
        if arranged is None:
            continue
        score = _misfit(text, arranged)
        if best is None or score < best[0] - 1e-9:
            best = (score, arranged)
    return best[1] if best else None


def _arrange(text: PictureText, lines: int, per_row: int) -> Arrangement | None:
    g = text.ctx.grid
    count = text.count
    groups = [tuple(range(k, min(k + per_row, count))) for k in range(0, count, per_row)]
    rows = []
    for photos in groups:
        caps = text.captions(len(photos))
        rows.append((photos, text.cell_width(len(photos)),
                     max(len(caps[k]) for k in photos)))
    room = lines - text.fixed_lines - sum(r[2] for r in rows)
    # image lines shared among the rows as the pictures' proportions ask
    ideal = [cell / math.exp(sum(math.log(text.aspects[k]) for k in photos) / len(photos))
             / g.pitch for photos, cell, _ in rows]
    shares = _shares(room, ideal)
    if min(shares, default=0) < MIN_IMAGE_LINES:
        return None
    out = tuple(Row(photos, cell, n, cap) for (photos, cell, cap), n in zip(rows, shares))
    return Arrangement(per_row, out, len(text.group_credit), lines)


def _shares(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights``, in whole numbers that add up."""
    if not weights:
        return []
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    out = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda k: (out[k] - raw[k], k))
    for k in order[:total - sum(out)]:
        out[k] += 1
    return out


def _misfit(text: PictureText, arranged: Arrangement) -> float:
    """How far the pictures are from their own proportions (0: all exact)."""
    pitch = text.ctx.grid.pitch
    score = 0.0 if len(arranged.rows[-1].photos) == arranged.per_row else UNEVEN_ROW
    for row in arranged.rows:
        height = row.image_lines * pitch - pitch * 0.4
        for k in row.photos:
            score += abs(math.log(row.cell / height / text.aspects[k]))
    return score


def picture_boxes(text: PictureText, lines: int) -> list[tuple[int, float, float]] | None:
    """(photo index, width pt, height pt) of every picture when the pictures of ``text``
    — with the headline and intro of a photo item — get ``lines`` grid lines, or None when
    a picture would get fewer than ``MIN_IMAGE_LINES``."""
    if text.item and is_classic(text.article) or not text.item and text.count == 1:
        cap = text.classic()
        image = lines - text.title_lines - len(cap)
        if image < MIN_IMAGE_LINES:
            return None
        arranged = Arrangement(1, (Row((0,), text.width, image, len(cap)),), 0, lines)
    else:
        arranged = arrange(text, lines)
        if arranged is None:
            return None
    return [(index, box[2], box[3]) for index, box in arranged.boxes(text.ctx, 0.0, 0)]


# --------------------------------------------------------------------------- drawing
def picture_area(ctx: Context, article: Article, x: float, top: int, width: float,
                 lines: int, base: Path, photos: list) -> list[Item]:
    """A picture area of ``lines`` grid lines inside an article: its pictures (or
    placeholders) with their captions."""
    if len(article.photos) > 1:
        text = picture_text(ctx, article, width, base, item=False)
        return _set_arrangement(ctx, article, text, x, top, lines, base, photos)
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
    """A photo item (图片新闻): one picture first, then its headline and the caption; or a
    set of pictures (组图) under the headline and intro, each with its caption."""
    if not is_classic(article):
        return _photo_set(ctx, article, box, base, report)
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


def _photo_set(ctx: Context, article: Article, box, base: Path, report) -> list[Item]:
    """A photo item of several pictures, or of one picture with a caption and an intro:
    headline, intro, the pictures with their captions, the set's credit."""
    g = ctx.grid
    text = picture_text(ctx, article, box.width, base, item=True)
    available = box.end - box.first
    report.capacity = available
    items: list[Item] = []
    line = box.first
    if text.title is not None:
        top = g.line_top(line) + (text.title_lines * g.pitch - text.title.height) / 2
        items.extend(head.place(ctx, text.title, box.x, top,
                                BlockId(article.id, "headline")))
        line += text.title_lines
    for index, lines in text.intro:
        for n, tl in enumerate(lines):
            items.append(ctx.text_line(tl, box.x, g.baseline(line), BlockId(
                article.id, "paragraph", index), n))
            line += 1
    need = line - box.first + _least_pictures(text)
    items.extend(_set_arrangement(ctx, article, text, box.x, line,
                                  max(available, need) - (line - box.first), base,
                                  report.photos))
    report.lines_set = min(available, need)
    if need > available:                 # what falls below the slot is left out
        limit = g.line_top(box.end)
        over = [i for i in items if isinstance(i, TextLine) and i.baseline > limit]
        items = [i for i in items if not (isinstance(i, TextLine) and i.baseline > limit)]
        report.overset_lines = need - available
        report.overset_chars = sum(len(i.text.replace(" ", "")) for i in over)
    return items


def _least_pictures(text: PictureText) -> int:
    """Fewest grid lines the pictures, their captions and the set's credit take."""
    for lines in range(MIN_IMAGE_LINES, 400):
        whole = lines + text.title_lines + text.intro_lines
        if arrange(text, whole) is not None:
            return lines
    return 400


def _set_arrangement(ctx: Context, article: Article, text: PictureText, x: float,
                     top: int, lines: int, base: Path, photos: list) -> list[Item]:
    """The pictures of ``text`` in rows from grid line ``top`` in ``lines`` lines, each
    with its caption, and the set's credit at the foot."""
    g = ctx.grid
    rows_only = replace(text, title=None, title_lines=0, intro=[], intro_lines=0)
    arranged = arrange(rows_only, lines)
    if arranged is None:                 # too little room: the smallest pictures
        arranged = arrange(rows_only, _least_pictures(rows_only))
    items: list[Item] = []
    pictures = article.photos or (None,)
    boxes = dict(arranged.boxes(ctx, x, top))
    line = top
    for row in arranged.rows:
        caps = rows_only.captions(len(row.photos))
        for k, index in enumerate(row.photos):
            cell_x = x + k * (row.cell + g.gutter)
            items.extend(image(ctx, pictures[index], index, boxes[index], article, base,
                               photos))
            items.extend(set_caption(ctx, caps[index], article.id, index, cell_x,
                                     line + row.image_lines))
        line += row.lines
    last = len(article.photos) - 1
    for n, tl in enumerate(text.group_credit):
        items.append(ctx.text_line(tl, x, g.baseline(line), BlockId(article.id, "credit",
                                                                     last), n))
        line += 1
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

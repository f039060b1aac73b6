"""The front page's masthead (报头): the newspaper's name in red — set in a font, or the
paper's logo (a picture, or a PDF rasterised for its placed size) — with the issue's
details set small beside it (date and weekday, lunar date, issue and pages, 国内统一连续出版物号,
ISSN, 邮发代号, price, website, publisher), over a thick and a thin rule (文武线).

The masthead stands where the page header stands on other pages and takes the grid lines
the page spec gives it (``masthead_lines``); the slots start below it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from layout.compose.context import Context
from layout.compose.furniture import Piece, piece, place
from layout.compose.header import chinese_date
from layout.compose.lunar import lunar_date
from layout.diagnostics import fail
from layout.display import BlockId, Image, Item, Rule

MASTHEAD = BlockId("", "masthead")
#: Space between the name and the details, and on each side of the rule between them, pt.
GAP = 10.0
#: Leading of the detail lines, in em of their size.
LEADING = 1.5
#: Smallest size the details are shrunk to so that they fit the masthead's height, pt.
SMALLEST_DETAIL = 6.0
#: Resolution below which a logo is coarse on the plate (line art wants more than photos).
LOGO_PPI = 300.0


@dataclass(frozen=True)
class Detail:
    """One line of the details: its text and style."""

    text: str
    style: str


def details(ctx: Context, edition, pages: int) -> list[Detail]:
    """The masthead's detail lines, in the order they are printed."""
    m = edition.spec.masthead
    e = edition.spec
    out = [Detail(chinese_date(e.date), "masthead_date")]
    if m.lunar:
        lunar = lunar_date(e.date)
        if lunar is None:
            ctx.sink.warn("lunar-out-of-range", f"no lunar date for {e.date.isoformat()}: "
                          f"the tables cover 1900 to 2099", file=str(edition.file),
                          line=e.where.at("masthead.lunar"), path="masthead.lunar",
                          hint="set masthead: {lunar: false}")
        else:
            out.append(Detail(lunar, "masthead_date"))
    issue = " ".join(t for t in (e.issue, f"今日{pages}版" if m.pages else "") if t)
    for text in (issue, m.cn and f"国内统一连续出版物号 {m.cn}", m.issn and f"ISSN {m.issn}",
                 " ".join(t for t in (m.postal_code and f"邮发代号 {m.postal_code}",
                                      m.price and f"零售价 {m.price}") if t),
                 m.website, m.publisher):
        if text:
            out.append(Detail(text, "masthead_details"))
    return out


def masthead(ctx: Context, page, edition) -> list[Item]:
    """The masthead of ``page``: name or logo, details, rules."""
    g = ctx.grid
    m = edition.spec.masthead
    rule_y = g.top - g.pitch * 0.5                # where the header rule stands elsewhere
    thick = ctx.style.masthead_rule_width
    color = tuple(ctx.style.rule_color)
    y_thick = rule_y - thick / 2 - 0.6
    y_thin = rule_y + 0.9
    items: list[Item] = [Rule(g.left, y_thick, g.right, y_thick, thick, color),
                         Rule(g.left, y_thin, g.right, y_thin, 0.5, color)]
    y0, y1 = g.header_top, y_thick - thick / 2 - 5.0
    lines = details(ctx, edition, len(edition.pages))
    where = dict(file=str(edition.file), line=edition.spec.where.at("masthead"))
    if m.layout == "center":
        split = 3 if len(lines) > 3 else len(lines)
        blocks = [_block(ctx, lines[:split], y1 - y0, where),
                  _block(ctx, lines[split:], y1 - y0, where)]
        left_w, right_w = blocks[0].width, blocks[1].width
        items += blocks[0].place(ctx, g.left, y0, y1)
        items += blocks[1].place(ctx, g.right - right_w, y0, y1)
        x0 = g.left + (left_w + GAP if left_w else 0.0)
        x1 = g.right - (right_w + GAP if right_w else 0.0)
    else:
        block = _block(ctx, lines, y1 - y0, where)
        bx = g.right - block.width
        items += block.place(ctx, bx, y0, y1)
        xv = bx - GAP
        items.append(Rule(xv, y0 + 2, xv, y1, 0.5, color))
        x0, x1 = g.left, xv - GAP
    slogan = piece(ctx, m.slogan, "masthead_slogan") if m.slogan else None
    slogan_h = slogan.size * 1.5 if slogan else 0.0
    name_h = y1 - y0 - slogan_h
    if m.logo is not None:
        name_box = _logo(ctx, edition, (x0, y0, x1 - x0, name_h), m.layout, items)
    else:
        name_box = _name(ctx, m.name or edition.spec.name, (x0, y0, x1 - x0, name_h),
                         m.layout, items, where)
    if slogan:
        if slogan.width > x1 - x0:
            slogan = piece(ctx, m.slogan, "masthead_slogan",
                           math.floor(slogan.size * (x1 - x0) / slogan.width * 2) / 2)
        nx, nw = name_box
        x = nx + (nw - slogan.width) / 2 if m.layout == "center" or nw > slogan.width else nx
        x = min(max(x, x0), x1 - slogan.width)
        items += place(ctx, slogan, x, y1 - slogan.size * 0.12 - 1.0, MASTHEAD, 90)
    return items


@dataclass(frozen=True)
class _Block:
    """Detail lines set at one scale: their pieces and leading."""

    pieces: tuple[Piece, ...]

    @property
    def width(self) -> float:
        return max((p.width for p in self.pieces), default=0.0)

    @property
    def height(self) -> float:
        return sum(p.size * LEADING for p in self.pieces)

    def place(self, ctx: Context, x: float, y0: float, y1: float) -> list[Item]:
        """The lines left-aligned at ``x``, centred between ``y0`` and ``y1``."""
        items: list[Item] = []
        y = y0 + (y1 - y0 - self.height) / 2
        for n, p in enumerate(self.pieces):
            lead = p.size * LEADING
            items += place(ctx, p, x, y + (lead - p.size) / 2 + 0.88 * p.size, MASTHEAD,
                           n + 1)
            y += lead
        return items


def _block(ctx: Context, lines: list[Detail], height: float, where: dict) -> _Block:
    """The detail lines at their styles' sizes, set smaller (to 6 pt) until they fit
    ``height``; lines that still do not fit are left out, with a warning."""
    scale = 1.0
    while True:
        block = _Block(tuple(piece(ctx, d.text, d.style,
                                   max(SMALLEST_DETAIL, ctx.text_style(d.style).size * scale))
                             for d in lines))
        if block.height <= height + 1e-6 or min((p.size for p in block.pieces),
                                                default=99) <= SMALLEST_DETAIL:
            break
        scale -= 0.05
    kept = list(block.pieces)
    while kept and _Block(tuple(kept)).height > height + 1e-6:
        kept.pop()
    if len(kept) < len(block.pieces):
        left = [p.text for p in block.pieces[len(kept):]]
        ctx.sink.warn("masthead-crowded", f"the masthead has no room for {', '.join(left)}",
                      **where, hint="give the masthead more grid lines (masthead_lines in "
                                    "the page spec) or fewer details")
    return _Block(tuple(kept))


def _name(ctx: Context, name: str, box, layout: str, items: list, where: dict
          ) -> tuple[float, float]:
    """The newspaper's name, as large as the box allows up to its style's size; its x
    and width."""
    x, y, w, h = box
    st = ctx.text_style("masthead")
    size = math.floor(min(st.size, h) * 2) / 2
    p = piece(ctx, name, "masthead", size)
    while p.width > w and size > 4:
        size = max(4.0, min(size - 0.5, math.floor(size * w / p.width * 2) / 2))
        p = piece(ctx, name, "masthead", size)
    if st.min_size and size < st.min_size:
        ctx.sink.warn("masthead-name-small", f"the newspaper's name {name!r} is set at "
                      f"{size:g} pt to fit the masthead, below its style's min_size "
                      f"{st.min_size:g}", **where,
                      hint="give the masthead more grid lines or fewer details, or use a "
                           "logo")
    nx = x if layout == "left" else x + (w - p.width) / 2
    baseline = y + (h - size) / 2 + 0.88 * size
    items += place(ctx, p, nx, baseline, MASTHEAD)
    return nx, p.width


def _logo(ctx: Context, edition, box, layout: str, items: list) -> tuple[float, float]:
    """The logo file contained in ``box``: flush left (layout left) or centred; a PDF is
    rasterised for the size it is placed at.  Its x and width."""
    from layout.compose.photo import fit_image, image_info
    from layout.compose.raster import ArtworkError, artwork, is_pdf, rasterise
    from layout.fonts.library import default_cache_dir
    m = edition.spec.masthead
    key = "masthead.logo"
    where = dict(file=str(edition.file), line=edition.spec.where.at(key), path=key)
    path = logo_path(edition)
    x, y, w, h = box
    if not path.is_file():
        ctx.sink.warn("photo-missing", f"masthead logo {m.logo} not found; the name is set "
                      f"in type instead", **where,
                      hint="put the logo file in the edition folder or correct "
                           "masthead.logo")
        return _name(ctx, m.name or edition.spec.name, box, layout, items, where)
    if is_pdf(path):
        try:
            art = artwork(path)
        except ArtworkError as exc:
            raise fail("logo-unreadable", f"masthead logo {m.logo} is not a PDF PDFium can "
                       f"read: {exc}", **where, hint="export the logo again as PDF, or "
                       "give a PNG") from None
        placed = fit_image((art.width, art.height), box, "contain")
        raster, pixels = rasterise(path, placed.w, placed.h, default_cache_dir())
        ppi = pixels[0] / (placed.w / 72)
    else:
        info = image_info(path)
        if info is None:
            raise fail("logo-unreadable", f"masthead logo {m.logo} is not a picture epaper "
                       f"reads", **where, hint="give a PNG, JPEG or TIFF, or a PDF")
        pixels = info[0]
        placed = fit_image(pixels, box, "contain")
        raster, ppi = path, placed.ppi
    if ppi < LOGO_PPI:
        code = "image-too-coarse" if ppi < 150 else "image-low-resolution"
        ctx.sink.warn(code, f"masthead logo {m.logo} has {ppi:.0f} ppi at its placed size "
                      f"(line art needs {LOGO_PPI:.0f})", **where,
                      hint="use a larger logo file, or a PDF", data={"ppi": round(ppi, 1)})
    lx = x if layout == "left" else placed.x
    items.append(Image(raster, lx, placed.y, placed.w, placed.h))
    return lx, placed.w


def logo_path(edition) -> Path:
    """The masthead logo's file, confined to the edition folder (or an allowed one)."""
    from layout.spec.confine import Located, Roots
    from layout.spec.confine import place as confine
    m = edition.spec.masthead
    key = "masthead.logo"
    located = Located(str(edition.file), edition.spec.where.at(key), key)
    roots = Roots.of(edition.root, edition.spec.paths.allow, located)
    return confine(m.logo, edition.root, roots, "masthead logo", located).path

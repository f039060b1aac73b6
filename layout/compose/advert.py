"""Advertisements (广告): the advert's picture — a JPEG, PNG or TIFF, or a PDF rasterised at
1200 ppi for its placed size — filling its slot with no text, and its own preflight: the
placed size against the booked size, the effective resolution (adverts carry type, so the
bar is higher than for photographs), the colour the press gets and its ink coverage,
measured as the PDF writer converts it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from layout.compose.context import Context
from layout.compose.photo import fit_image, image_info
from layout.compose.picture import image as picture_or_placeholder
from layout.display import Image, Item
from layout.spec.grid import MM
from layout.spec.model import Article

#: Effective resolution below which an advert is soft (warning) and blocky (an error,
#: which stops the press like a coarse photograph).
ADVERT_PPI_WARN, ADVERT_PPI_ERROR = 300.0, 150.0
#: The ink coverage is measured on the picture reduced to at most this many pixels.
INK_PIXELS = 4_000_000


@dataclass(frozen=True)
class AdvertArea:
    """Where the advert may go: the slot's columns and grid lines, in pt."""

    x: float
    y: float
    w: float
    h: float


def area(ctx: Context, box) -> AdvertArea:
    """The slot's room: its full width, and from the line below the rule above to the
    foot of its last grid line (half a line from the rules, as the text stands)."""
    g = ctx.grid
    return AdvertArea(box.x, g.line_top(box.first), box.width,
                      (box.end - box.first) * g.pitch)


def advert(ctx: Context, article: Article, slot, box, base: Path, report, press=None
           ) -> list[Item]:
    """The advert of ``article`` in ``box``, its figures added to ``report``."""
    a = area(ctx, box)
    report.capacity = report.lines_set = box.end - box.first
    photo = article.photos[0]
    where = dict(article=article.id, file=article.where.file,
                 line=article.where.at("photos[0].file"))
    explicit_fit = "photos[0].fit" in dict(article.where.keys)
    mode = photo.fit if explicit_fit else "contain"      # an advert is never cropped
    path = base / photo.file if photo.file else None
    from layout.compose.raster import ADVERT_PPI, ArtworkError, artwork, is_pdf, rasterise
    from layout.fonts.library import default_cache_dir
    figures: dict = {"file": str(photo.file) if photo.file else None, "advert": True,
                     "fit": mode}
    if path is not None and path.is_file() and is_pdf(path):
        try:
            art = artwork(path)
        except ArtworkError as exc:
            ctx.sink.warn("photo-missing", f"advert {photo.file} is a PDF that cannot be "
                          f"read ({exc}); a placeholder is printed", **where,
                          hint="ask the advertiser for the file again, or a JPEG/TIFF")
            return _placeholder(ctx, article, a, base, report)
        placed = fit_image((art.width, art.height), (a.x, a.y, a.w, a.h), mode,
                           (photo.focus_x, photo.focus_y))
        # the whole page at the scale it is placed at (cover crops a part of it)
        full_w = placed.w / (placed.crop[2] - placed.crop[0])
        full_h = placed.h / (placed.crop[3] - placed.crop[1])
        raster, pixels = rasterise(path, full_w, full_h, default_cache_dir(), ADVERT_PPI)
        ppi = pixels[0] / (full_w / 72)
        figures.update(source="pdf", pdf_mm=[round(art.width / MM, 1),
                                             round(art.height / MM, 1)],
                       pages=art.pages, pixels=list(pixels), mode="RGB")
        if art.pages > 1:
            ctx.sink.warn("advert-pages", f"advert {photo.file} has {art.pages} pages; "
                          f"the first is printed", **where,
                          hint="ask for a one-page PDF of the advert")
    else:
        info = image_info(path) if path is not None and path.is_file() else None
        if info is None:
            return _placeholder(ctx, article, a, base, report)
        pixels, colour = info
        placed = fit_image(pixels, (a.x, a.y, a.w, a.h), mode,
                           (photo.focus_x, photo.focus_y))
        raster, ppi = path, placed.ppi
        figures.update(source="picture", pixels=list(pixels), mode=colour)
    figures.update(ppi=round(ppi, 1),
                   placed_mm=[round(placed.w / MM, 1), round(placed.h / MM, 1)],
                   slot_mm=[round(a.w / MM, 1), round(a.h / MM, 1)])
    report.photos.append(figures)
    _check_resolution(ctx, photo.file, ppi, where)
    if article.advert is not None:
        _check_size(ctx, article, slot, placed, a, where, figures)
    if press is not None:
        _check_ink(ctx, raster, photo.file, press, where, figures)
    return [Image(Path(raster), placed.x, placed.y, placed.w, placed.h, placed.crop,
                  article.id, 0)]


def _placeholder(ctx: Context, article: Article, a: AdvertArea, base: Path, report
                 ) -> list[Item]:
    """A missing or unreadable advert: the placeholder box of a missing picture, with its
    warning (the press gate stops on it)."""
    return picture_or_placeholder(ctx, article.photos[0], 0, (a.x, a.y, a.w, a.h), article,
                                  base, report.photos)


def _check_resolution(ctx: Context, file, ppi: float, where: dict) -> None:
    if ppi >= ADVERT_PPI_WARN:
        return
    code = "image-too-coarse" if ppi < ADVERT_PPI_ERROR else "advert-low-resolution"
    ctx.sink.warn(code, f"advert {file} has {ppi:.0f} ppi at its placed size (adverts "
                  f"carry type: {ADVERT_PPI_WARN:.0f} ppi, at least {ADVERT_PPI_ERROR:.0f})",
                  **where, hint="ask the advertiser for a larger file or a PDF",
                  data={"ppi": round(ppi, 1)})


def _check_size(ctx: Context, article: Article, slot, placed, a: AdvertArea, where: dict,
                figures: dict) -> None:
    """The placed size against the booked size; the hint says what slot would hold it."""
    g = ctx.grid
    booking = article.advert
    w_mm, h_mm = placed.w / MM, placed.h / MM
    want_w = booking.width_mm if booking.width_mm is not None else w_mm
    want_h = booking.height_mm if booking.height_mm is not None else h_mm
    figures["booked_mm"] = [booking.width_mm, booking.height_mm]
    tol = booking.tolerance_mm
    slot_w, slot_h = a.w / MM, a.h / MM
    if abs(w_mm - want_w) <= tol and abs(h_mm - want_h) <= tol:
        if slot_w - want_w <= tol and slot_h - want_h <= tol:
            return
        fixes = []                    # the advert fits; its slot is larger than booked
        if slot_w - want_w > tol:
            fixes.append(f"span {slot.span} → {_span_for(g, want_w)}")
        if slot_h - want_h > tol:
            fixes.append(f"height {slot.height} → {_lines_for(g, want_h, slot)}")
        ctx.sink.warn("advert-size", f"advert {article.id} ({want_w:g} × {want_h:g} mm as "
                      f"booked) leaves its slot of {slot_w:.1f} × {slot_h:.1f} mm partly "
                      f"empty", **where, hint="; ".join(fixes),
                      data={"placed_mm": [round(w_mm, 1), round(h_mm, 1)],
                            "booked_mm": [want_w, want_h],
                            "slot_mm": [round(slot_w, 1), round(slot_h, 1)]})
        return
    fixes = []
    if abs(w_mm - want_w) > tol:
        span = _span_for(g, want_w)
        fixes.append(f"span {slot.span} → {span}" if span != slot.span else
                     f"the advert is {want_w:g} mm wide but {slot.span} columns are "
                     f"{g.span_width(span) / MM:.1f} mm")
    if abs(h_mm - want_h) > tol:
        fixes.append(f"height {slot.height} → {_lines_for(g, want_h, slot)}")
    ctx.sink.warn("advert-size", f"advert {article.id} is placed at {w_mm:.1f} × "
                  f"{h_mm:.1f} mm; it is booked at {want_w:g} × {want_h:g} mm",
                  **where, hint="; ".join(fixes) + (f" (the slot is {a.w / MM:.1f} × "
                                                    f"{a.h / MM:.1f} mm)"),
                  data={"placed_mm": [round(w_mm, 1), round(h_mm, 1)],
                        "booked_mm": [want_w, want_h]})


def _span_for(g, width_mm: float) -> int:
    """The span whose width comes nearest ``width_mm``."""
    return min(range(1, g.columns + 1), key=lambda s: abs(g.span_width(s) / MM - width_mm))


def _lines_for(g, height_mm: float, slot) -> int:
    """The slot height (grid lines, with the rule's line above unless at the top) whose
    room is at least ``height_mm``."""
    return math.ceil(height_mm * MM / g.pitch - 1e-6) + (1 if slot.top > 0 else 0)


def _check_ink(ctx: Context, path: Path, file, press, where: dict, figures: dict) -> None:
    """The ink coverage of the advert as the press gets it: converted to CMYK as the PDF
    writer converts it (through the press profile when the edition names one)."""
    from PIL import Image as PILImage
    from PIL import ImageCms

    from layout.inks import INK_SHARE, coverage
    with PILImage.open(path) as im:
        im.load()
        if im.mode == "CMYK":
            cmyk = im.copy()
        elif press.images != "cmyk":
            return                         # grey pictures carry at most 100 %; kept RGB
        else:                              # is a warning of its own
            rgb = im.convert("RGB")
            if press.output_intent is not None:
                cmyk = ImageCms.profileToProfile(
                    rgb, ImageCms.createProfile("sRGB"), str(press.output_intent),
                    renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="CMYK")
            else:
                cmyk = rgb.convert("CMYK")
    if cmyk.width * cmyk.height > INK_PIXELS:
        factor = (INK_PIXELS / (cmyk.width * cmyk.height)) ** 0.5
        cmyk = cmyk.resize((max(1, round(cmyk.width * factor)),
                            max(1, round(cmyk.height * factor))), PILImage.Resampling.BOX)
    measured = coverage(cmyk)
    share = measured.share_above(press.ink_limit)
    figures["ink"] = {"max": round(measured.maximum, 1), "above_limit": round(share, 4)}
    if share > INK_SHARE:
        profile = "" if press.output_intent is not None else \
            " (converted without a press profile: black becomes 300 % CMY)"
        ctx.sink.warn("ink-over-limit", f"advert {file} carries up to "
                      f"{measured.maximum:.0f}% ink, {share * 100:.1f}% of it above the "
                      f"press's {press.ink_limit:g}%{profile}", **where,
                      hint="ask for the advert separated for newsprint (CMYK, black on K "
                           "only), or set print.output_intent to the press's profile",
                      data=figures["ink"])

"""Page images of the e-paper: each page PDF's trim box rendered with PDFium at a screen
and a high resolution, and a thumbnail, encoded as JPEG.

The PDFs have bleed (and a slug with marks under ``--marks``), so the rendering is cut to
the /TrimBox: the image shows exactly the page the reader holds, and a point (x, y) of the
page model (pt from the trim's top-left) is pixel (x * sx, y * sy).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

#: width of the page image shown on screen, in pixels
SCREEN_WIDTH = 1000
#: resolution of the high-resolution page image (zoom, high-density screens)
HIGH_PPI = 200
#: width of the thumbnails in page lists
THUMB_WIDTH = 300
#: JPEG quality of page images; chroma is not subsampled so red type stays crisp
PAGE_QUALITY = 82


@dataclass(frozen=True)
class Raster:
    """One encoded image: its path in the site, its size in pixels, its bytes and its
    scale (pixels per point across and down)."""

    file: str
    width: int
    height: int
    data: bytes
    scale: tuple[float, float]


@dataclass(frozen=True)
class PageImages:
    """The images of one page and the trim box they show (PDF user space, pt)."""

    trim_box: tuple[float, float, float, float]
    screen: Raster
    high: Raster
    thumb: Raster

    def sizes(self) -> dict[str, Raster]:
        return {"screen": self.screen, "high": self.high, "thumb": self.thumb}


def web_jpeg(image: Image.Image, quality: int, subsampling: int = 0) -> bytes:
    """Baseline-compatible progressive JPEG, optimised, with no metadata: the same pixels
    give the same bytes."""
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality, optimize=True, progressive=True,
                              subsampling=subsampling)
    return out.getvalue()


def _render(page, trim, width: int | None = None, ppi: float | None = None
            ) -> tuple[Image.Image, tuple[float, float]]:
    """The trim box, ``width`` pixels wide or at ``ppi``, and its scale (pixels per point
    across and down).  The page's crop box is set to the trim, so that its corner is
    pixel (0, 0); PDFium maps the box onto a whole number of pixels each way, so the
    scale is the image's size over the trim's."""
    page.set_cropbox(*trim)
    w, h = page.get_width(), page.get_height()      # the trim, as PDFium holds it
    # a hair under a whole pixel count, so that rounding up gives exactly ``width``
    scale = width / w * (1 - 1e-7) if width else ppi / 72
    bitmap = page.render(scale=scale, may_draw_forms=False, fill_color=(255, 255, 255, 255))
    image = bitmap.to_pil().convert("RGB")
    return image, (image.width / w, image.height / h)


def render_page(pdf: bytes, stem: str) -> PageImages:
    """Render the first page of ``pdf`` (a page PDF of the edition); ``stem`` names the
    files (``images/STEM.jpg``, ``images/STEM-hi.jpg``, ``images/STEM-thumb.jpg``)."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        trim = tuple(page.get_trimbox())
        screen, s_screen = _render(page, trim, width=SCREEN_WIDTH)
        high, s_high = _render(page, trim, ppi=HIGH_PPI)
        page.close()
    finally:
        document.close()
    thumb_h = round(high.height * THUMB_WIDTH / high.width)
    thumb = high.resize((THUMB_WIDTH, thumb_h), Image.Resampling.LANCZOS, reducing_gap=3.0)
    s_thumb = (s_high[0] * THUMB_WIDTH / high.width, s_high[1] * thumb_h / high.height)
    return PageImages(
        (round(trim[0], 3), round(trim[1], 3), round(trim[2], 3), round(trim[3], 3)),
        Raster(f"images/{stem}.jpg", *screen.size, web_jpeg(screen, PAGE_QUALITY), s_screen),
        Raster(f"images/{stem}-hi.jpg", *high.size, web_jpeg(high, PAGE_QUALITY), s_high),
        Raster(f"images/{stem}-thumb.jpg", *thumb.size, web_jpeg(thumb, 85), s_thumb))

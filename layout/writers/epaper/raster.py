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


def _render(page, trim, scale: float) -> Image.Image:
    """The trim box at ``scale`` pixels per point: the page's crop box is set to the
    trim, so that its corner is exactly pixel (0, 0); the partial pixel PDFium may add at
    the right and bottom edge is cut off."""
    page.set_cropbox(*trim)
    bitmap = page.render(scale=scale, may_draw_forms=False, fill_color=(255, 255, 255, 255))
    image = bitmap.to_pil().convert("RGB")
    size = (round((trim[2] - trim[0]) * scale), round((trim[3] - trim[1]) * scale))
    return image.crop((0, 0, *size)) if image.size != size else image


def render_page(pdf: bytes, stem: str) -> PageImages:
    """Render the first page of ``pdf`` (a page PDF of the edition); ``stem`` names the
    files (``images/STEM.jpg``, ``images/STEM-hi.jpg``, ``images/STEM-thumb.jpg``)."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        trim = tuple(page.get_trimbox())
        width = trim[2] - trim[0]
        s_screen, s_high = SCREEN_WIDTH / width, HIGH_PPI / 72
        screen = _render(page, trim, s_screen)
        high = _render(page, trim, s_high)
        page.close()
    finally:
        document.close()
    thumb_h = round(high.height * THUMB_WIDTH / high.width)
    thumb = high.resize((THUMB_WIDTH, thumb_h), Image.Resampling.LANCZOS, reducing_gap=3.0)
    s_thumb = (s_high * THUMB_WIDTH / high.width, s_high * thumb_h / high.height)
    return PageImages(
        (round(trim[0], 3), round(trim[1], 3), round(trim[2], 3), round(trim[3], 3)),
        Raster(f"images/{stem}.jpg", *screen.size, web_jpeg(screen, PAGE_QUALITY),
               (s_screen, s_screen)),
        Raster(f"images/{stem}-hi.jpg", *high.size, web_jpeg(high, PAGE_QUALITY),
               (s_high, s_high)),
        Raster(f"images/{stem}-thumb.jpg", *thumb.size, web_jpeg(thumb, 85), s_thumb))

"""PDF artwork (an advertisement, a masthead logo) as a picture: the first page's trim box
rendered by PDFium at the resolution it prints at, kept in the cache as a PNG so that the
page model can name it like any picture.

The PDF writer draws pictures, not PDF pages, so vector artwork is rasterised here: at
``ppi`` for the size it is placed at (line art: 1200 ppi; the press's plates are imaged at
about that), never beyond the picture pixel limit.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from layout.spec.inputs import LIMITS

PDF_MAGIC = b"%PDF-"
#: Resolution PDF artwork is rasterised at for its placed size: a logo is line art
#: (1200 ppi, as the plates are imaged); an advert mixes type and pictures (600 ppi keeps
#: type edges clean on newsprint at a quarter of the pixels).
LOGO_PPI = 1200.0
ADVERT_PPI = 600.0
ARTWORK_PPI = LOGO_PPI


def is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(1024).lstrip(b"\x00\r\n\t ").startswith(PDF_MAGIC)
    except OSError:
        return False


@dataclass(frozen=True)
class Artwork:
    """A PDF's first page: its trim size in pt and how many pages the file has."""

    width: float
    height: float
    pages: int


class ArtworkError(ValueError):
    """A PDF that PDFium cannot read."""


def artwork(path: Path) -> Artwork:
    """The trim size of the first page of the PDF at ``path``."""
    import pypdfium2 as pdfium
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ArtworkError(str(exc)) from None
    try:
        if len(document) == 0:
            raise ArtworkError("the PDF has no pages")
        page = document[0]
        x0, y0, x1, y1 = page.get_trimbox()
        page.close()
        return Artwork(abs(x1 - x0), abs(y1 - y0), len(document))
    finally:
        document.close()


def rasterise(path: Path, width_pt: float, height_pt: float, cache: Path,
              ppi: float = ARTWORK_PPI) -> tuple[Path, tuple[int, int]]:
    """The first page of the PDF at ``path`` rendered for ``width_pt`` x ``height_pt`` at
    ``ppi`` (fewer when that would pass the picture pixel limit), on white: the PNG file in
    ``cache`` (made once for these bytes and this size) and its pixel size."""
    scale_ppi = ppi
    pixels = (width_pt / 72 * scale_ppi) * (height_pt / 72 * scale_ppi)
    if pixels > LIMITS.picture_pixels / 2:
        scale_ppi *= (LIMITS.picture_pixels / 2 / pixels) ** 0.5
    width = max(1, round(width_pt / 72 * scale_ppi))
    height = max(1, round(height_pt / 72 * scale_ppi))
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:24]
    target = cache / "raster" / f"{digest}-{width}x{height}.png"
    if target.is_file():
        return target, (width, height)
    import pypdfium2 as pdfium
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0]
        page.set_cropbox(*page.get_trimbox())
        bitmap = page.render(scale=width / page.get_width(), may_draw_forms=False,
                             fill_color=(255, 255, 255, 255))
        image = bitmap.to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    if image.size != (width, height):
        from PIL import Image
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    image.save(partial, format="PNG", optimize=False)
    os.replace(partial, target)
    return target, (width, height)

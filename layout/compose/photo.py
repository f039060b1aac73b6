"""Pictures: fit an image into its area (cover with a focal point, or contain), and measure
its effective resolution at the placed size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Placement:
    """Where the picture goes (pt) and which part of it shows (fractions of the image)."""

    x: float
    y: float
    w: float
    h: float
    crop: tuple[float, float, float, float]
    ppi: float


def fit_image(pixels: tuple[int, int], box: tuple[float, float, float, float], mode: str,
              focus: tuple[float, float] = (0.5, 0.5)) -> Placement:
    """Fit an image of ``pixels`` (width, height) into ``box`` (x, y, w, h in pt).

    cover: fill the box, cropping the overflow around the focal point;
    contain: show the whole image, centred, leaving bands (letter-box).
    """
    iw, ih = pixels
    x, y, bw, bh = box
    if mode == "contain":
        scale = min(bw / iw, bh / ih)
        w, h = iw * scale, ih * scale
        return Placement(x + (bw - w) / 2, y + (bh - h) / 2, w, h, (0.0, 0.0, 1.0, 1.0),
                         72.0 / scale)
    scale = max(bw / iw, bh / ih)
    vw, vh = bw / scale / iw, bh / scale / ih      # visible share of width and height
    left = min(max(focus[0] - vw / 2, 0.0), 1.0 - vw)
    top = min(max(focus[1] - vh / 2, 0.0), 1.0 - vh)
    return Placement(x, y, bw, bh, (left, top, left + vw, top + vh), 72.0 / scale)


def image_pixels(path: Path) -> tuple[int, int] | None:
    """Pixel size of an image file, or None when it cannot be read."""
    info = image_info(path)
    return info[0] if info else None


def image_info(path: Path) -> tuple[tuple[int, int], str] | None:
    """Pixel size and colour mode (RGB, CMYK, L, …) of an image file, or None when it
    cannot be read."""
    from PIL import Image
    try:
        with Image.open(path) as im:
            im.load()                      # a truncated or damaged file fails here
            return im.size, im.mode
    except (OSError, ValueError, Image.DecompressionBombError):
        return None

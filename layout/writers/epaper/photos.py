"""An article's pictures for the web: the source file (not the crop printed on the page),
turned upright, converted to sRGB and scaled to a screen size, as JPEG.  A picture whose
file is missing or unreadable becomes a placeholder, as in print (the PDF build has
already said so)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from layout.spec.model import Photo
from layout.writers.epaper.raster import web_jpeg

#: largest width and height of a picture on an article page, in pixels
PHOTO_MAX = (1280, 1280)
PHOTO_QUALITY = 82


@dataclass(frozen=True)
class WebPhoto:
    """One picture of an article: its file in the site (None: a placeholder), its size."""

    photo: Photo
    index: int
    file: str | None
    width: int
    height: int
    data: bytes = b""


def _srgb(image: Image.Image) -> Image.Image:
    """The picture in sRGB (or grey), transparency flattened onto white."""
    image = ImageOps.exif_transpose(image)
    profile = image.info.get("icc_profile")
    if image.mode == "CMYK" and profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                             outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass
    if image.mode in ("L", "RGB"):
        return image
    if image.mode in ("1", "I", "I;16", "F"):
        return image.convert("L")
    if "A" in image.mode or "transparency" in image.info:
        rgba = image.convert("RGBA")
        ground = Image.new("RGB", rgba.size, (255, 255, 255))
        ground.paste(rgba, mask=rgba.getchannel("A"))
        return ground
    return image.convert("RGB")


def web_photo(path: Path | None, photo: Photo, index: int, stem: str) -> WebPhoto:
    """The picture at ``path`` as ``photos/STEM-N.jpg`` (N from 1), or a placeholder."""
    if path is None or not path.is_file():
        return WebPhoto(photo, index, None, 3, 2)
    try:
        with Image.open(path) as source:
            image = _srgb(source)
            image.thumbnail(PHOTO_MAX, Image.Resampling.LANCZOS, reducing_gap=3.0)
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return WebPhoto(photo, index, None, 3, 2)
    data = web_jpeg(image, PHOTO_QUALITY, subsampling=2)
    return WebPhoto(photo, index, f"photos/{stem}-{index + 1}.jpg", *image.size, data)


def article_photos(article, base: Path) -> list[WebPhoto]:
    """Every picture of ``article`` (a source :class:`Article`), files relative to
    ``base`` like the page composer reads them."""
    return [web_photo(base / photo.file if photo.file else None, photo, k, article.id)
            for k, photo in enumerate(article.photos)]

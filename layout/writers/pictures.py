"""Pictures as the PDF embeds them: cut to the part that shows, brought down to the press's
resolution, converted to the press's colours (CMYK through littleCMS to the press profile
when there is one, or grey), and encoded once — photographs as JPEG (DCT), other pictures
losslessly — however many files of an edition show them.  Part of the PDF writer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

#: Highest effective resolution a picture is embedded at (ppi at its placed size); above
#: it the picture is resampled: a platesetter at 150 lpi uses no more.
MAX_PPI = 300.0
#: JPEG quality of photographs converted for the press (no chroma subsampling).
JPEG_QUALITY = 92


@dataclass(frozen=True)
class Prepared:
    """A picture ready to embed: encoded bytes (JPEG) or a Pillow image (lossless), and
    the ink it carries when it is CMYK (layout.inks.Coverage)."""

    jpeg: bytes | None
    image: object | None           # PIL.Image when not a JPEG
    size: tuple[int, int]
    mode: str
    coverage: object | None = None


_MEMO: dict[tuple, Prepared] = {}


def _file_key(path: Path) -> tuple:
    st = path.stat()
    return (str(path.resolve()), st.st_size, st.st_mtime_ns)


def prepare(path: Path, crop: tuple[float, float, float, float], size_pt: tuple[float, float],
            colours: str = "cmyk", icc: str | None = None, max_ppi: float = MAX_PPI
            ) -> Prepared:
    """The part ``crop`` (fractions left, top, right, bottom) of the picture at ``path``,
    placed at ``size_pt`` (w, h in pt): resampled to at most ``max_ppi``, in ``colours``
    (cmyk, gray, or keep as it is)."""
    key = (_file_key(Path(path)), crop, tuple(round(v, 3) for v in size_pt), colours, icc,
           max_ppi)
    found = _MEMO.get(key)
    if found is None:
        found = _MEMO[key] = _prepare(Path(path), crop, size_pt, colours, icc, max_ppi)
    return found


def _prepare(path: Path, crop, size_pt, colours: str, icc: str | None,
             max_ppi: float) -> Prepared:
    from PIL import Image as PILImage
    with PILImage.open(path) as im:
        im.load()
        photo = im.format == "JPEG"
        width, height = im.size
        left, top, right, bottom = crop
        box = (round(left * width), round(top * height), round(right * width),
               round(bottom * height))
        if box != (0, 0, width, height):
            im = im.crop(box)
        target = (max(1, round(size_pt[0] / 72.0 * max_ppi)),
                  max(1, round(size_pt[1] / 72.0 * max_ppi)))
        if im.size[0] > target[0] * 1.05 and im.size[1] > target[1] * 1.05:
            im = im.resize(target, PILImage.Resampling.LANCZOS)
        im = _colours(im, colours, icc)
    ink = None
    if im.mode == "CMYK":
        from layout.inks import coverage
        ink = coverage(im)
    if photo and im.mode in ("CMYK", "L", "RGB"):
        out = BytesIO()
        im.save(out, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True)
        return Prepared(out.getvalue(), None, im.size, im.mode, ink)
    return Prepared(None, im, im.size, im.mode, ink)


def _colours(im, colours: str, icc: str | None):
    """The picture in the press's colours: CMYK and grey pictures as they are; RGB (and
    palette) pictures to CMYK through the press profile, or plainly, or to grey."""
    if im.mode in ("CMYK", "L") or colours == "keep":
        return im if im.mode in ("CMYK", "L", "RGB") else im.convert("RGB")
    rgb = im.convert("RGB")
    if colours == "gray":
        return rgb.convert("L")
    if icc:
        return _transform(icc)(rgb)
    return plain_cmyk(rgb)


def plain_cmyk(rgb):
    """RGB to CMYK without a press profile: black takes the grey part that cyan, magenta
    and yellow share (full grey-component replacement), so neutrals print in black alone
    and no pixel carries more than 200 % ink (Pillow's own conversion prints black as
    300 % of CMY and no K)."""
    from PIL import Image as PILImage
    from PIL import ImageChops
    c, m, y = (ImageChops.invert(band) for band in rgb.split())
    k = ImageChops.darker(ImageChops.darker(c, m), y)
    return PILImage.merge("CMYK", [ImageChops.subtract(band, k) for band in (c, m, y)]
                          + [k])


_TRANSFORMS: dict[str, object] = {}


def _transform(icc: str):
    """sRGB → the press profile (perceptual), built once per profile."""
    from PIL import ImageCms
    if icc not in _TRANSFORMS:
        transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), icc, "RGB",
                                            "CMYK", ImageCms.Intent.PERCEPTUAL)
        _TRANSFORMS[icc] = lambda im: ImageCms.applyTransform(im, transform)
    return _TRANSFORMS[icc]


def digest(prepared: Prepared) -> str:
    """A name for the prepared picture: the same picture gets the same name in every
    file, so readers and RIPs that cache pictures by name see one picture."""
    h = hashlib.sha256()
    if prepared.jpeg is not None:
        h.update(prepared.jpeg)
    else:
        h.update(prepared.image.tobytes())
        h.update(prepared.mode.encode())
    return h.hexdigest()[:24]

"""Ink coverage (total area coverage, TAC) of CMYK pictures: the sum C+M+Y+K per pixel
that a press can hold only up to a limit (newsprint about 240 %), measured strip by strip
so a large picture costs little memory — for a Pillow image as the build converts it, or
for every picture of a PDF, decoded only as far as its stated size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pikepdf

from layout.pdfread import (
    CMYK,
    PDF_ERRORS,
    SPOT,
    PageFacts,
    Undecodable,
    filters,
    number,
    short,
)


@dataclass(frozen=True)
class Coverage:
    """Total area coverage of a CMYK picture: C+M+Y+K per pixel, in percent (0-400).
    ``histogram`` has 256 bins; bin b counts pixels whose C+M+Y+K (0-1020 in 8-bit
    values) lies in 4b..4b+3."""

    pixels: int
    maximum: float
    histogram: tuple[int, ...]

    def percentile(self, q: float) -> float:
        """The coverage that ``q`` (0-1) of the pixels do not exceed (bin resolution:
        1.6 %)."""
        target, seen = q * self.pixels, 0
        for b, count in enumerate(self.histogram):
            seen += count
            if seen >= target and count:
                return min(self.maximum, (4 * b + 3) * 100 / 255)
        return self.maximum

    def share_above(self, limit: float) -> float:
        """The share (0-1) of pixels whose coverage exceeds ``limit`` percent."""
        if not self.pixels:
            return 0.0
        first = int(limit * 255 / 100) // 4 + 1           # bins wholly above the limit
        return sum(self.histogram[first:]) / self.pixels


#: A picture is over the ink limit when more than this share of its pixels exceed it
#: (single pixels and JPEG noise above the limit do not show on the press).
INK_SHARE = 0.001
#: Pixels of one strip measured at a time (memory stays about 20 MB per strip).
STRIP_PIXELS = 1 << 20


def coverage(image) -> Coverage:
    """The ink coverage of a Pillow CMYK image (a picture after conversion, as the build
    has it), measured a strip at a time."""
    width, height = image.size
    rows = max(1, STRIP_PIXELS // max(1, width))
    histogram = [0] * 256
    maximum = 0
    for top in range(0, height, rows):
        strip = image.crop((0, top, width, min(height, top + rows)))
        maximum = max(maximum, _measure(strip, histogram))
    return Coverage(width * height, maximum * 100 / 255, tuple(histogram))


def _measure(strip, histogram: list[int]) -> int:
    """Add a CMYK strip's coverage to ``histogram``; its largest C+M+Y+K (0-1020)."""
    from PIL import ImageMath
    c, m, y, k = strip.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"],
                                  c=c, m=m, y=y, k=k)
    for b, count in enumerate(total.point(lambda v: v * 0.25).convert("L").histogram()):
        histogram[b] += count
    return total.getextrema()[1]


@dataclass(frozen=True)
class InkFigure:
    """The ink coverage of one picture of a PDF, or why it could not be measured."""

    page: int
    image: str
    width: int
    height: int
    coverage: Coverage | None
    limit: float
    problem: str | None = None

    @property
    def over_limit(self) -> bool:
        return self.coverage is not None and \
            self.coverage.share_above(self.limit) > INK_SHARE

    def to_json(self) -> dict:
        out = {"page": self.page, "image": self.image, "pixels": [self.width, self.height],
               "limit": self.limit}
        if self.coverage is not None:
            c = self.coverage
            out.update(max=round(c.maximum, 1), p99_9=round(c.percentile(0.999), 1),
                       above_limit=round(c.share_above(self.limit), 4))
        if self.problem:
            out["problem"] = self.problem
        return out


def ink_coverage(pages: Iterable[PageFacts], limit: float = 240.0) -> list[InkFigure]:
    """The ink coverage of every CMYK picture (image XObject) of the walked pages, each
    picture once: figures per picture, ``over_limit`` when more than 0.1 % of its pixels
    carry more than ``limit`` percent."""
    from layout.spec.inputs import LIMITS
    figures = []
    for facts in pages:
        for image in facts.images:
            if CMYK not in image.families or SPOT in image.families:
                continue
            stream = image.stream
            width = int(number(stream.get("/Width")) or 0)
            height = int(number(stream.get("/Height")) or 0)
            try:
                if width <= 0 or height <= 0:
                    raise Undecodable("its size is not given")
                if width * height > LIMITS.picture_pixels:
                    raise Undecodable(f"it has {width} x {height} pixels")
                measured = _image_coverage(stream, width, height)
            except Undecodable as exc:
                figures.append(InkFigure(facts.number, image.name, width, height, None,
                                         limit, str(exc)))
                continue
            except PDF_ERRORS as exc:
                figures.append(InkFigure(facts.number, image.name, width, height, None,
                                         limit, short(exc)))
                continue
            figures.append(InkFigure(facts.number, image.name, width, height, measured,
                                     limit))
    return figures


def _image_coverage(stream: pikepdf.Stream, width: int, height: int) -> Coverage:
    """Decode a CMYK image XObject within its own size, strip by strip where it is Flate
    data, and measure it."""
    from PIL import Image, ImageChops
    if number(stream.get("/BitsPerComponent")) != 8:
        raise Undecodable("only 8-bit pictures are measured")
    decode = stream.get("/Decode")
    inverted = isinstance(decode, pikepdf.Array) and len(decode) >= 2 and \
        number(decode[0]) == 1 and number(decode[1]) == 0
    chain = filters(stream)
    if chain and chain[-1] in ("/DCTDecode", "/DCT"):
        return _jpeg_coverage(stream, width, height, inverted)
    if chain in ([], ["/FlateDecode"], ["/Fl"]) and stream.get("/DecodeParms") is None:
        histogram, maximum = [0] * 256, 0
        for strip in _flate_strips(stream.read_raw_bytes(), width, height, bool(chain)):
            if inverted:
                strip = ImageChops.invert(strip)
            maximum = max(maximum, _measure(strip, histogram))
        return Coverage(width * height, maximum * 100 / 255, tuple(histogram))
    from layout.pdfread import decode as decode_stream
    data = decode_stream(stream, width * height * 4)
    if len(data) < width * height * 4:
        raise Undecodable("its data is cut short")
    image = Image.frombytes("CMYK", (width, height), data[:width * height * 4])
    return coverage(ImageChops.invert(image) if inverted else image)


def _flate_strips(raw: bytes, width: int, height: int, deflated: bool):
    """CMYK strips of an image, inflating only as many bytes as the strips need: data
    that would inflate beyond the image's size is never inflated."""
    import zlib

    from PIL import Image
    rows = max(1, STRIP_PIXELS // width)
    inflater = zlib.decompressobj() if deflated else None
    pending, position, done = bytearray(), 0, 0
    while done < height:
        count = min(rows, height - done)
        need = count * width * 4
        while len(pending) < need:
            if inflater is None:
                pending += raw[position:position + need - len(pending)]
                position = min(position + need, len(raw))
                break
            chunk = inflater.unconsumed_tail or raw[position:position + (1 << 18)]
            if not inflater.unconsumed_tail:
                position += len(chunk)
            if not chunk:
                break
            try:
                pending += inflater.decompress(chunk, need - len(pending))
            except zlib.error as exc:
                raise Undecodable(f"its Flate data is damaged ({exc})") from None
        if len(pending) < need:
            raise Undecodable("its data is cut short")
        yield Image.frombytes("CMYK", (width, count), bytes(pending[:need]))
        del pending[:need]
        done += count


def _jpeg_coverage(stream: pikepdf.Stream, width: int, height: int,
                   inverted: bool) -> Coverage:
    """A JPEG picture: Pillow decodes it (after checking its own header's size).  The
    PDF's Decode array, not the JPEG's Adobe marker, says whether samples are inverted,
    so Pillow's Adobe inversion is undone."""
    import io
    import warnings

    from PIL import Image, ImageChops
    raw = stream.read_raw_bytes()
    if len(filters(stream)) > 1:
        raise Undecodable("a JPEG inside another filter is not measured")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(raw))
            if image.size != (width, height) or image.mode != "CMYK":
                raise Undecodable(f"its JPEG data is {image.mode} {image.size[0]} x "
                                  f"{image.size[1]}, not the CMYK {width} x {height} the "
                                  f"PDF states")
            image.load()
    except Undecodable:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for broken JPEGs
        raise Undecodable(f"its JPEG data is damaged ({short(exc)})") from None
    if "adobe" in image.info:
        image = ImageChops.invert(image)
    return coverage(ImageChops.invert(image) if inverted else image)

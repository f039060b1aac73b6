"""Write display-list pages as PDF with ReportLab: embedded subset TrueType fonts, CMYK
colour, trim and bleed boxes.  The only module that imports reportlab."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from io import BytesIO
from typing import Iterable, Sequence

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas


def _utf16_hex(code: int) -> str:
    """A code point as the UTF-16BE hex a ToUnicode CMap needs (surrogate pairs above
    U+FFFF)."""
    return chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ToUnicode CMap for one 256-glyph subset.  ReportLab's own writes code points above
    U+FFFF as five hex digits, so rare characters (𠮷 𡈽 𪚥, CJK extensions B–H) would copy
    out of the PDF as wrong characters; this writes them as UTF-16 surrogate pairs."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
             "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
             "1 begincodespacerange", "<00> <%02X>" % (len(subset) - 1), "endcodespacerange"]
    pairs = [f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)]
    for start in range(0, len(pairs), 100):          # at most 100 entries per block
        block = pairs[start:start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
# pictures as binary Flate streams: ASCII85 makes them a quarter larger and, without
# ReportLab's C accelerator, is the slowest step of a build
rl_config.useA85 = 0

from layout.display import Box, Glyphs, Image, PageOut, Region, Rule, chars_by_face, replay

MM = 72.0 / 25.4


@dataclass(frozen=True)
class PdfOptions:
    """Print geometry and document information."""

    bleed_mm: float = 3.0
    marks: bool = False             # crop and registration marks in a slug outside the bleed
    slug_mm: float = 10.0
    overprint_black: bool = True    # K-only fills and strokes overprint
    images: str = "cmyk"            # cmyk | gray | keep: colour of RGB pictures
    icc: str | None = None          # CMYK profile of the press: RGB pictures converted to it


def _cmyk(color) -> tuple[float, ...]:
    return tuple(round(c / 100.0, 4) for c in color)


def _escape(data: bytes) -> str:
    out = []
    for b in data:
        if b in (0x28, 0x29, 0x5C):
            out.append("\\" + chr(b))
        elif 32 <= b < 127:
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return "".join(out)


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass
class FontSet:
    """ReportLab fonts registered for the faces a set of pages uses."""

    names: dict = field(default_factory=dict)     # face -> registered ReportLab font name

    @classmethod
    def register(cls, pages: Iterable[PageOut], library) -> "FontSet":
        chars = chars_by_face(pages)
        fonts = cls()
        for face in sorted(chars, key=lambda f: f.key):
            used = "".join(sorted(chars[face]))
            path = library.embeddable(face, used)
            digest = hashlib.sha256(used.encode("utf-8")).hexdigest()[:8]
            name = f"{face.key}-{digest}"
            if name not in pdfmetrics.getRegisteredFontNames():
                font = TTFont(name, str(path))
                # registerFont shares one font object among all fonts of the same
                # PostScript name; subsets of one face for different documents must stay
                # apart, so the font is registered under its unique name.
                real = font.face.name
                font.face.name = name.encode("ascii")
                pdfmetrics.registerFont(font)
                font.face.name = real
            fonts.names[face] = name
        return fonts


def _image_source(path, mode: str, icc: str | None = None):
    """The picture as ReportLab should embed it: RGB (and palette) pictures converted to
    CMYK (through littleCMS from sRGB to the press profile when there is one) or grey,
    unless the edition keeps them; CMYK and grey pictures as they are."""
    from PIL import Image as PILImage
    from PIL import ImageCms
    from reportlab.lib.utils import ImageReader
    with PILImage.open(path) as im:
        im.load()
        if im.mode in ("CMYK", "L") or mode == "keep":
            return str(path)
        rgb = im.convert("RGB")
    if mode == "gray":
        return ImageReader(rgb.convert("L"))
    if icc:
        srgb = ImageCms.createProfile("sRGB")
        return ImageReader(ImageCms.profileToProfile(
            rgb, srgb, icc, renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="CMYK"))
    return ImageReader(rgb.convert("CMYK"))


class PdfWriter:
    """A display-list writer drawing onto one ReportLab canvas."""

    def __init__(self, fonts: FontSet, options: PdfOptions):
        self.fonts = fonts
        self.options = options
        self.buffer = BytesIO()
        initial = next(iter(sorted(fonts.names.values())), None)
        self.canvas = Canvas(self.buffer, invariant=1, pageCompression=1,
                             initialFontName=initial)
        c = self.canvas
        c.setCreator("epaper")      # document information is written by writers.finish
        self.bleed = options.bleed_mm * MM
        # the trim's offset from the media box: the bleed, plus the slug for the marks
        self.margin = self.bleed + (options.slug_mm * MM if options.marks else 0.0)
        self.height = 0.0
        self._overprint: bool | None = None

    # coordinates: display list (trim top-left, y down) -> PDF (media bottom-left, y up)
    def _x(self, x: float) -> float:
        return x + self.margin

    def _y(self, y: float) -> float:
        return self.height - self.margin - y

    def begin_page(self, page: PageOut) -> None:
        m, b = self.margin, self.bleed
        w, h = page.width + 2 * m, page.height + 2 * m
        self.height = h
        c = self.canvas
        c.setPageSize((w, h))
        c.setCropBox((0, 0, w, h))
        c.setBleedBox((m - b, m - b, m + page.width + b, m + page.height + b))
        c.setTrimBox((m, m, m + page.width, m + page.height))
        self._overprint = None

    def end_page(self, page: PageOut) -> None:
        if self.options.marks:
            self._marks(page)
        self.canvas.showPage()

    def _marks(self, page: PageOut) -> None:
        """Crop marks at the trim corners and registration targets at the middle of each
        side, all in the slug outside the bleed, in registration colour (every ink)."""
        c = self.canvas
        m, b = self.margin, self.bleed
        gap = b + 1.0 * MM                     # marks start beyond the bleed
        length = self.options.slug_mm * MM - 2.0 * MM
        c.setStrokeColorCMYK(1, 1, 1, 1)
        c.setLineWidth(0.25)
        self._set_overprint(False)
        left, right, bottom, top = m, m + page.width, m, m + page.height
        for x, y, dx, dy in ((left, bottom, -1, -1), (right, bottom, 1, -1),
                             (left, top, -1, 1), (right, top, 1, 1)):
            c.line(x + dx * gap, y, x + dx * (gap + length), y)
            c.line(x, y + dy * gap, x, y + dy * (gap + length))
        r = min(length / 4, 2.5 * MM)
        centre = gap + length / 2
        for x, y in (((left + right) / 2, bottom - centre), ((left + right) / 2, top + centre),
                     (left - centre, (bottom + top) / 2), (right + centre, (bottom + top) / 2)):
            c.circle(x, y, r, stroke=1, fill=0)
            c.line(x - 1.6 * r, y, x + 1.6 * r, y)
            c.line(x, y - 1.6 * r, x, y + 1.6 * r)

    def _set_overprint(self, on: bool) -> None:
        if on != self._overprint:
            c = self.canvas
            c.setFillOverprint(on)
            c.setStrokeOverprint(on)
            c.setOverprintMask(on)
            self._overprint = on

    def _colour(self, color, fill: bool = True, spot: str = "") -> None:
        """Set a CMYK colour; solid black (0/0/0/100) overprints when the options say so,
        everything else knocks out."""
        cmyk = _cmyk(color)
        self._set_overprint(self.options.overprint_black and cmyk == (0, 0, 0, 1))
        if spot:                           # a Separation colour space, CMYK alternate
            from reportlab.lib.colors import CMYKColorSep
            colour = CMYKColorSep(*cmyk, spotName=spot, density=1)
            (self.canvas.setFillColor if fill else self.canvas.setStrokeColor)(colour)
            return
        if fill:
            self.canvas.setFillColorCMYK(*cmyk)
        else:
            self.canvas.setStrokeColorCMYK(*cmyk)

    def glyphs(self, item: Glyphs) -> None:
        c = self.canvas
        self._colour(item.color, spot=item.spot)
        if item.face is None:
            self._missing(item)
            return
        font = pdfmetrics.getFont(self.fonts.names[item.face])
        doc = c._doc
        size = item.size
        if item.ys:                      # vertical text: every glyph at its own origin
            code = ["BT"]
            current = None
            for ch, x, y in zip(item.text, item.xs, item.ys):
                for subset, data in font.splitString(ch, doc):
                    if subset != current:
                        code.append(f"{font.getSubsetInternalName(subset, doc)} "
                                    f"{_num(size)} Tf")
                        current = subset
                    code.append(f"1 0 0 1 {_num(self._x(x))} {_num(self._y(y))} Tm "
                                f"({_escape(data)}) Tj")
            code.append("ET")
            c._code.append(" ".join(code))
            return
        code = ["BT"]
        chars = list(item.text)
        # keep variation selectors with their base character
        glyphs: list[str] = []
        for ch in chars:
            if glyphs and (0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF):
                glyphs[-1] += ch
            else:
                glyphs.append(ch)
        current_subset = None
        k = 0
        while k < len(glyphs):
            pieces = font.splitString(glyphs[k][0], doc)
            subset, data = pieces[0]
            run = [data]
            x0 = item.xs[k]
            natural_end = x0 + font.stringWidth(glyphs[k][0], size)
            tj = [f"({_escape(data)})"]
            k += 1
            while k < len(glyphs):
                nxt_subset, nxt = font.splitString(glyphs[k][0], doc)[0]
                if nxt_subset != subset:
                    break
                adjust = (natural_end - item.xs[k]) * 1000.0 / size
                if abs(adjust) > 0.05:
                    tj.append(_num(adjust))
                tj.append(f"({_escape(nxt)})")
                run.append(nxt)
                natural_end = item.xs[k] + font.stringWidth(glyphs[k][0], size)
                k += 1
            if subset != current_subset:
                code.append(f"{font.getSubsetInternalName(subset, doc)} {_num(size)} Tf")
                current_subset = subset
            code.append(f"1 0 0 1 {_num(self._x(x0))} {_num(self._y(item.y))} Tm")
            code.append("[" + " ".join(tj) + "] TJ")
        code.append("ET")
        c._code.append(" ".join(code))

    def _missing(self, item: Glyphs) -> None:
        """A character no font has: a visible crossed box, never an invisible gap."""
        c = self.canvas
        self._colour(item.color, fill=False)
        c.setLineWidth(0.3)
        s = item.size
        for x, y in zip(item.xs, item.ys or [item.y] * len(item.xs)):
            x0, y0 = self._x(x), self._y(y) - 0.12 * s
            c.rect(x0 + 0.05 * s, y0, 0.9 * s, s * 0.95, stroke=1, fill=0)
            c.line(x0 + 0.05 * s, y0, x0 + 0.95 * s, y0 + 0.95 * s)

    def rule(self, item: Rule) -> None:
        c = self.canvas
        self._colour(item.color, fill=False)
        c.setLineWidth(item.width)
        c.line(self._x(item.x0), self._y(item.y0), self._x(item.x1), self._y(item.y1))

    def box(self, item: Box) -> None:
        c = self.canvas
        self._set_overprint(False)
        if item.fill is not None:
            c.setFillColorCMYK(*_cmyk(item.fill))
        if item.stroke is not None:
            c.setStrokeColorCMYK(*_cmyk(item.stroke))
            c.setLineWidth(item.width)
        c.rect(self._x(item.x), self._y(item.y + item.h), item.w, item.h,
               stroke=int(item.stroke is not None), fill=int(item.fill is not None))

    def image(self, item: Image) -> None:
        c = self.canvas
        left, top, right, bottom = item.crop
        full_w = item.w / (right - left)
        full_h = item.h / (bottom - top)
        c.saveState()
        path = c.beginPath()
        path.rect(self._x(item.x), self._y(item.y + item.h), item.w, item.h)
        c.clipPath(path, stroke=0, fill=0)
        c.drawImage(_image_source(item.path, self.options.images, self.options.icc),
                    self._x(item.x - left * full_w),
                    self._y(item.y - top * full_h + full_h), full_w, full_h)
        c.restoreState()

    def region(self, item: Region) -> None:
        """Article regions are for e-paper writers; the print PDF carries none."""

    def finish(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


def render_pdf(pages: Sequence[PageOut], fonts: FontSet, options: PdfOptions) -> bytes:
    """The PDF bytes of ``pages``; ``fonts`` registered for (at least) these pages, each
    embedded subset to the characters the document uses."""
    writer = PdfWriter(fonts, options)
    replay(pages, writer)
    return writer.finish()

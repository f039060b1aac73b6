"""Write page-model pages as PDF with ReportLab: fonts embedded by glyph id (see
:mod:`layout.writers.pdffonts`), CMYK colour, trim and bleed boxes, and every text line
marked as content of its article block (so the finisher can give the file a logical
structure).  The only module family that imports reportlab."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Sequence

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from layout.display import (BlockId, Box, GlyphRun, Image, PageOut, Rule, TextLine,
                            glyphs_by_face, replay)
from layout.writers import pictures
from layout.writers.pdffonts import DocumentFonts, _utf16_hex, face_loader

# pictures as binary Flate streams: ASCII85 makes them a quarter larger and, without
# ReportLab's C accelerator, is the slowest step of a build
rl_config.useA85 = 0

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
    max_ppi: float = pictures.MAX_PPI  # pictures above this resolution are resampled


def _cmyk(color) -> tuple[float, ...]:
    return tuple(round(c / 100.0, 4) for c in color)


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Mark:
    """A marked-content sequence of a page: its MCID and what it holds — a block's line
    (``block``) or an article's picture (``image``: article, photo index)."""

    mcid: int
    block: BlockId | None = None
    image: tuple[str, int] | None = None
    alt: str = ""


class _Canvas(Canvas):
    """ReportLab's canvas without its initial font: every page of ours sets its own fonts,
    and an unused, unembedded Helvetica would make the file fail preflight."""

    def _make_preamble(self):
        self._preamble = "1 0 0 1 0 0 cm"


class PdfWriter:
    """A page-model writer drawing onto one ReportLab canvas."""

    def __init__(self, fonts: DocumentFonts, options: PdfOptions):
        self.fonts = fonts
        self.options = options
        self.buffer = BytesIO()
        self.canvas = _Canvas(self.buffer, invariant=1, pageCompression=1)
        c = self.canvas
        c.setCreator("epaper")      # document information is written by writers.finish
        fonts.register(c._doc)
        self.bleed = options.bleed_mm * MM
        # the trim's offset from the media box: the bleed, plus the slug for the marks
        self.margin = self.bleed + (options.slug_mm * MM if options.marks else 0.0)
        self.height = 0.0
        self._overprint: bool | None = None
        #: per page, the marked-content sequences in content order (for the structure)
        self.marks: list[list[Mark]] = []

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
        self.marks.append([])

    def end_page(self, page: PageOut) -> None:
        if self.options.marks:
            self._artifact(lambda: self._marks(page))
        self.canvas.showPage()

    def _mark(self, **what) -> int:
        marks = self.marks[-1]
        marks.append(Mark(len(marks), **what))
        return len(marks) - 1

    def _artifact(self, draw) -> None:
        """Draw page furniture (rules, frames, marks) as an artifact: not part of the
        text a reader or screen reader follows."""
        self.canvas._code.append("/Artifact BMC")
        draw()
        self.canvas._code.append("EMC")

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

    def text_line(self, line: TextLine) -> None:
        c = self.canvas
        # a line whose text has characters no glyph shows (spaces) copies out as written
        drawn = sum(len(cluster) for run in line.runs for cluster in run.clusters)
        actual = f" /ActualText <FEFF{_utf16_hex(line.text)}>" \
            if drawn != len(line.text) else ""
        if line.article:
            mcid = self._mark(block=line.block)
            c._code.append(f"/{_TAGS.get(line.block.kind, 'P')} <</MCID {mcid}{actual}>> BDC")
        elif actual:
            c._code.append(f"/Artifact <<{actual.strip()}>> BDC")
        else:
            c._code.append("/Artifact BMC")
        for run in line.runs:
            self._colour(run.color, spot=run.spot)
            if run.face is None:
                self._missing(run)
            else:
                c._code.append(self._run(run))
        c._code.append("EMC")

    def _run(self, run: GlyphRun) -> str:
        """The content of one glyph run: positioned hex codes, an ActualText span around
        a glyph whose font maps it to other characters (a glyph shared by two)."""
        font = self.fonts.fonts[run.face]
        size = run.size
        code = [f"BT /{font.internal} {_num(size)} Tf"]
        if run.ys:                       # vertical text: every glyph at its own origin
            for gid, text, x, y in zip(run.gids, run.clusters, run.xs, run.ys):
                cid = font.code(gid)
                show = f"1 0 0 1 {_num(self._x(x))} {_num(self._y(y))} Tm <{cid:04X}> Tj"
                code.append(self._actual(font, cid, text, show))
            code.append("ET")
            return " ".join(code)
        group: list[str] = []              # the TJ array being collected
        x0 = end = 0.0

        def flush() -> None:
            if group:
                code.append(f"1 0 0 1 {_num(self._x(x0))} {_num(self._y(run.y))} Tm "
                            f"[{' '.join(group)}] TJ")
                group.clear()

        for gid, text, x in zip(run.gids, run.clusters, run.xs):
            cid = font.code(gid)
            if font.unicode.get(cid) != text:          # copied text needs ActualText
                flush()
                code.append(self._actual(font, cid, text, f"1 0 0 1 {_num(self._x(x))} "
                                         f"{_num(self._y(run.y))} Tm <{cid:04X}> Tj"))
                continue
            if not group:
                x0 = end = x
            adjust = (end - x) * 1000.0 / size
            if abs(adjust) > 0.05:
                group.append(_num(adjust))
            group.append(f"<{cid:04X}>")
            end = x + font.width(cid) * size / 1000.0
        flush()
        code.append("ET")
        return " ".join(code)

    @staticmethod
    def _actual(font, cid: int, text: str, show: str) -> str:
        if font.unicode.get(cid) == text:
            return show
        return f"/Span <</ActualText <FEFF{_utf16_hex(text)}>>> BDC {show} EMC"

    def _missing(self, run: GlyphRun) -> None:
        """A character no font has: a visible crossed box, never an invisible gap."""
        c = self.canvas
        self._colour(run.color, fill=False)
        c.setLineWidth(0.3)
        s = run.size
        for x, y in zip(run.xs, run.ys or [run.y] * len(run.xs)):
            x0, y0 = self._x(x), self._y(y) - 0.12 * s
            c.rect(x0 + 0.05 * s, y0, 0.9 * s, s * 0.95, stroke=1, fill=0)
            c.line(x0 + 0.05 * s, y0, x0 + 0.95 * s, y0 + 0.95 * s)

    def rule(self, item: Rule) -> None:
        self._artifact(lambda: self._rule(item))

    def _rule(self, item: Rule) -> None:
        c = self.canvas
        self._colour(item.color, fill=False)
        c.setLineWidth(item.width)
        c.line(self._x(item.x0), self._y(item.y0), self._x(item.x1), self._y(item.y1))

    def box(self, item: Box) -> None:
        self._artifact(lambda: self._box(item))

    def _box(self, item: Box) -> None:
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
        if item.article:
            mcid = self._mark(image=(item.article, item.index))
            c._code.append(f"/Figure <</MCID {mcid}>> BDC")
        else:
            c._code.append("/Artifact BMC")
        self._image(item)
        c._code.append("EMC")

    def _image(self, item: Image) -> None:
        """The picture, cut to the part that shows, as one image object per file however
        often it is drawn (see :mod:`layout.writers.pictures`)."""
        c = self.canvas
        o = self.options
        prepared = pictures.prepare(item.path, item.crop, (item.w, item.h), o.images, o.icc,
                                    o.max_ppi)
        name = pictures.digest(prepared)
        doc = c._doc
        registered = doc.getXObjectName(name)
        if registered not in doc.idToObject:
            xobject = _image_xobject(name, prepared)
            doc.Reference(xobject, registered)
            doc.addForm(name, xobject)
        c._currentPageHasImages = 1
        c._formsinuse.append(name)         # the page's XObject resources name it
        c._code.append(f"q {_num(item.w)} 0 0 {_num(item.h)} {_num(self._x(item.x))} "
                       f"{_num(self._y(item.y + item.h))} cm /{registered} Do Q")

    def finish(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


_COLOUR_SPACES = {"CMYK": "DeviceCMYK", "L": "DeviceGray", "RGB": "DeviceRGB"}


def _image_xobject(name: str, prepared: pictures.Prepared):
    """ReportLab's image object holding a prepared picture as it is: JPEG data passed
    through (DCTDecode), other pictures Flate-compressed once."""
    import zlib

    from reportlab.pdfbase.pdfdoc import PDFImageXObject
    xobject = PDFImageXObject(name)
    xobject.name = name
    xobject.width, xobject.height = prepared.size
    xobject.bitsPerComponent = 8
    xobject.colorSpace = _COLOUR_SPACES[prepared.mode]
    xobject.mask = None
    if prepared.jpeg is not None:
        xobject.streamContent = prepared.jpeg
        xobject._filters = ("DCTDecode",)
        # Pillow writes CMYK JPEG as Adobe does, inverted: the Decode array turns it back
        xobject._dotrans = prepared.mode == "CMYK"
    else:
        xobject.streamContent = zlib.compress(prepared.image.tobytes(), 6)
        xobject._filters = ("FlateDecode",)
    return xobject


#: The marked-content tag of each kind of block (the structure type its lines belong to).
_TAGS = {"kicker": "P", "headline": "H1", "subheadline": "P", "subhead": "H2",
         "caption": "Caption", "credit": "Caption", "placeholder": "Caption"}


def render_pdf(pages: Sequence[PageOut], library, options: PdfOptions
               ) -> tuple[bytes, list[list[Mark]]]:
    """The PDF bytes of ``pages``, every face embedded subset to the glyphs these pages
    draw; and each page's marked-content sequences."""
    fonts = DocumentFonts(glyphs_by_face(pages), face_loader(library))
    writer = PdfWriter(fonts, options)
    replay(pages, writer)
    return writer.finish(), writer.marks

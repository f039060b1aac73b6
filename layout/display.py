"""The page model (display list): everything a page shows, with identity.

Layout produces it; every writer (PDF, text dump, e-paper HTML and images, ALTO) reads only
it.  Text is held as lines that know their article, their block (headline, paragraph 3,
caption …) and their place in it; each glyph carries its glyph id in its face and the
characters it stands for, so no writer re-derives glyph choice (vertical forms, variation
sequences, fallback faces).  Faces are named by plain values (:class:`FaceKey`), so a page
model can be written to disk, compared, cached and sent to another process.

Coordinates are points from the trim box's top-left corner, y growing downwards; colours
are CMYK percent.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Iterator, Protocol, Union

CMYK = tuple[float, float, float, float]
Point = tuple[float, float]

#: Kinds of text block, as the page model names them.
BLOCK_KINDS = ("kicker", "headline", "subheadline", "byline", "editor_note", "lead",
               "paragraph", "subhead", "caption", "credit", "photo_headline", "jump",
               "banner", "header", "footer", "placeholder", "proof")
#: Part of an em box above the baseline for CJK faces (ideographic em box).
EM_ASCENT, EM_DESCENT = 0.88, 0.12


@dataclass(frozen=True, order=True)
class FaceKey:
    """A face of a font file, by value: the file, its member in a collection, the file's
    sha256 (the identity) and the PostScript name (for people)."""

    sha256: str
    index: int
    file: str
    name: str

    @property
    def id(self) -> str:
        """A short identifier unique to these bytes and this member."""
        return f"{self.sha256[:12]}-{self.index}"


@dataclass(frozen=True)
class GlyphRun:
    """Glyphs of one face, size and colour on one line, each at its own origin.

    ``gids`` are glyph ids in the face (0 where no face has the character: then ``face`` is
    None and a crossed box is drawn); ``clusters`` the characters each glyph stands for
    (a base character with its combining marks or variation selector); ``starts`` the
    offset of each cluster in its line's text; ``advances`` each glyph's advance in pt.
    Vertical runs give each glyph its own baseline in ``ys``; their glyphs stand centred
    in an em, one under the other, ``xs`` and ``advances`` giving their horizontal extent.
    """

    face: FaceKey | None
    size: float
    color: CMYK
    style: str
    gids: tuple[int, ...]
    clusters: tuple[str, ...]
    starts: tuple[int, ...]
    xs: tuple[float, ...]
    advances: tuple[float, ...]
    y: float
    ys: tuple[float, ...] = ()
    spot: str = ""

    @property
    def text(self) -> str:
        return "".join(self.clusters)

    def boxes(self) -> Iterator[tuple[float, float, float, float]]:
        """Each glyph's em box (x0, y0, x1, y1)."""
        s = self.size
        if self.ys:                        # vertical: the glyph's width centred in its em
            for x, a, y in zip(self.xs, self.advances, self.ys):
                yield (x, y - EM_ASCENT * s, x + a, y + EM_DESCENT * s)
        else:
            for x, a in zip(self.xs, self.advances):
                yield (x, self.y - EM_ASCENT * s, x + a, self.y + EM_DESCENT * s)


@dataclass(frozen=True, order=True)
class BlockId:
    """Which block of which article a line belongs to: ``("a03", "paragraph", 2)`` is the
    third item of article a03's body; headline blocks have index 0, captions and credits
    the photo's index.  Page furniture (header, footer, proof marks) has no article."""

    article: str
    kind: str
    index: int = 0

    def __str__(self) -> str:
        who = self.article or "page"
        return f"{who}/{self.kind}" + (f"[{self.index}]" if self.index else "")


@dataclass(frozen=True)
class TextLine:
    """One set line: its block, its number in the block (continuing across columns and
    pages), its box, the text it shows (spaces included) and the glyph runs drawing it.

    Horizontal lines: ``x`` is the left end of the text, ``baseline`` its baseline,
    ``width`` the extent of the text, ``ascent``/``descent`` the em box above and below the
    baseline.  Vertical lines (``vertical``): ``x`` is the column's left edge,
    ``baseline`` its top, ``width`` its length downwards and ``ascent`` its width.
    ``joiner`` is what joins the line to the next one of its block in the source text (a
    space dropped at the break), so the block's text is the lines' text and joiners.
    """

    block: BlockId
    line: int
    x: float
    baseline: float
    width: float
    ascent: float
    descent: float
    text: str
    runs: tuple[GlyphRun, ...]
    joiner: str = ""
    vertical: bool = False

    @property
    def article(self) -> str:
        return self.block.article

    def bbox(self) -> tuple[float, float, float, float]:
        """The line box (x0, y0, x1, y1)."""
        if self.vertical:
            return (self.x, self.baseline, self.x + self.ascent, self.baseline + self.width)
        return (self.x, self.baseline - self.ascent, self.x + self.width,
                self.baseline + self.descent)


@dataclass(frozen=True)
class Rule:
    """A straight line; ``article`` when it belongs to an article (its frame), else page
    furniture."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    color: CMYK
    article: str = ""


@dataclass(frozen=True)
class Box:
    """A rectangle, stroked and/or filled."""

    x: float
    y: float
    w: float
    h: float
    stroke: CMYK | None = None
    fill: CMYK | None = None
    width: float = 0.5
    article: str = ""


@dataclass(frozen=True)
class Image:
    """A picture scaled into ``(x, y, w, h)``; ``crop`` is the part of the image shown, as
    fractions (left, top, right, bottom) of the image; ``article`` and ``index`` say whose
    picture it is (the index in the article's photos)."""

    path: Path
    x: float
    y: float
    w: float
    h: float
    crop: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)
    article: str = ""
    index: int = 0


Item = Union[TextLine, Rule, Box, Image]


@dataclass(frozen=True)
class Region:
    """The area an article covers on a page: a polygon (corners clockwise, in pt) made of
    the grid cells of its slot, reaching half a gutter and half a grid line beyond them so
    that the regions of neighbouring articles meet without overlapping; ``order`` is its
    place in the page's reading order (from 1)."""

    article: str
    slot: str
    kind: str
    polygon: tuple[Point, ...]
    order: int

    def bbox(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.polygon]
        ys = [p[1] for p in self.polygon]
        return (min(xs), min(ys), max(xs), max(ys))

    def contains(self, x: float, y: float) -> bool:
        """Is (x, y) inside the polygon (or on its edge)?"""
        inside = False
        pts = self.polygon
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
            if min(x0, x1) - 1e-6 <= x <= max(x0, x1) + 1e-6 and \
                    min(y0, y1) - 1e-6 <= y <= max(y0, y1) + 1e-6 and \
                    abs((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)) < 1e-6:
                return True                 # on an edge
            if (y0 > y) != (y1 > y):
                cross = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                if x < cross:
                    inside = not inside
        return inside


@dataclass(frozen=True)
class Link:
    """A jump (转版): the 下转 line of a continued article points at its continuation
    (``kind`` "continued-on"), the 上接 line of the continuation back ("continued-from");
    ``box`` is the jump line's area on this page (x, y, w, h)."""

    article: str
    kind: str
    page: int
    slot: str
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class PageOut:
    """One laid-out page: drawing items in reading order within each article, the
    articles' regions and the jump links."""

    number: int
    width: float
    height: float
    items: tuple[Item, ...]
    title: str = ""
    section: str = ""
    regions: tuple[Region, ...] = ()
    links: tuple[Link, ...] = ()

    def lines(self, article: str | None = None) -> Iterator[TextLine]:
        """The page's text lines (of one article when ``article`` is given), in order."""
        for item in self.items:
            if isinstance(item, TextLine) and (article is None or item.article == article):
                yield item

    def runs(self) -> Iterator[GlyphRun]:
        for line in self.lines():
            yield from line.runs

    def to_json(self) -> dict:
        """A plain-data form of the page (for the e-paper manifest and archive exports)."""
        data = asdict(self)
        for item, out in zip(self.items, data["items"]):
            out["type"] = type(item).__name__
            if isinstance(item, Image):
                out["path"] = str(item.path)
        return data


class Writer(Protocol):
    """What a writer implements; :func:`replay` calls it for each item."""

    def begin_page(self, page: PageOut) -> None: ...
    def text_line(self, item: TextLine) -> None: ...
    def rule(self, item: Rule) -> None: ...
    def box(self, item: Box) -> None: ...
    def image(self, item: Image) -> None: ...
    def end_page(self, page: PageOut) -> None: ...


def glyphs_by_face(pages: Iterable[PageOut]) -> dict[FaceKey, dict[int, str]]:
    """The glyphs each face draws on ``pages``: glyph id → the characters it first stands
    for (characters no font has left out)."""
    out: dict[FaceKey, dict[int, str]] = {}
    for page in pages:
        for run in page.runs():
            if run.face is not None:
                used = out.setdefault(run.face, {})
                for gid, cluster in zip(run.gids, run.clusters):
                    if not used.get(gid):   # a line-end hyphen stands for nothing
                        used[gid] = cluster
    return out


def replay(pages: Iterable[PageOut], writer: Writer) -> None:
    """Send every item of every page to ``writer`` in order."""
    calls = {TextLine: writer.text_line, Rule: writer.rule, Box: writer.box,
             Image: writer.image}
    for page in pages:
        writer.begin_page(page)
        for item in page.items:
            calls[type(item)](item)
        writer.end_page(page)

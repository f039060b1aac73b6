"""The display list: positioned glyph runs, rules, boxes, images and article regions.

Layout produces it; writers (PDF, text dump, later PNG/HTML) read only it.  Coordinates are
points from the trim box's top-left corner, y growing downwards; colours are CMYK percent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Protocol, Union

CMYK = tuple[float, float, float, float]


@dataclass(frozen=True)
class Glyphs:
    """A run of characters of one face, size and colour, each at its own origin."""

    face: Any                 # a layout.fonts.Face, or None for characters no font has
    size: float
    color: CMYK
    text: str                 # one entry of ``xs`` per character (variation selectors join)
    xs: tuple[float, ...]     # glyph origins (horizontal text) or x of each glyph (vertical)
    y: float                  # baseline (horizontal text)
    role: str = "body"        # the style that set it: body, headline, caption, …
    ys: tuple[float, ...] = ()  # per-glyph baselines, for vertical text
    spot: str = ""            # spot colour name (``color`` is its CMYK equivalent)


@dataclass(frozen=True)
class Rule:
    """A straight line."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    color: CMYK


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


@dataclass(frozen=True)
class Image:
    """A picture scaled into ``(x, y, w, h)``; ``crop`` is the part of the image shown, as
    fractions (left, top, right, bottom) of the image."""

    path: Path
    x: float
    y: float
    w: float
    h: float
    crop: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)


@dataclass(frozen=True)
class Region:
    """The area an article covers on the page (for e-paper links and proofs)."""

    article: str
    slot: str
    x: float
    y: float
    w: float
    h: float


Item = Union[Glyphs, Rule, Box, Image, Region]


@dataclass(frozen=True)
class PageOut:
    """One laid-out page."""

    number: int
    width: float
    height: float
    items: tuple[Item, ...]
    title: str = ""
    meta: dict = field(default_factory=dict, compare=False)


class Writer(Protocol):
    """What a writer implements; :func:`replay` calls it for each item."""

    def begin_page(self, page: PageOut) -> None: ...
    def glyphs(self, item: Glyphs) -> None: ...
    def rule(self, item: Rule) -> None: ...
    def box(self, item: Box) -> None: ...
    def image(self, item: Image) -> None: ...
    def region(self, item: Region) -> None: ...
    def end_page(self, page: PageOut) -> None: ...


def chars_by_face(pages: Iterable[PageOut]) -> dict[Any, set[str]]:
    """The characters each face draws on ``pages`` (characters no font has left out)."""
    chars: dict[Any, set[str]] = {}
    for page in pages:
        for item in page.items:
            if isinstance(item, Glyphs) and item.face is not None:
                chars.setdefault(item.face, set()).update(item.text)
    return chars


def replay(pages: Iterable[PageOut], writer: Writer) -> None:
    """Send every item of every page to ``writer`` in order."""
    calls = {Glyphs: writer.glyphs, Rule: writer.rule, Box: writer.box, Image: writer.image,
             Region: writer.region}
    for page in pages:
        writer.begin_page(page)
        for item in page.items:
            calls[type(item)](item)
        writer.end_page(page)

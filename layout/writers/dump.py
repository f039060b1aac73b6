"""A stable text form of the page model, one item per line, for regression tests and for
reading what the layout did:

    page 2 1105.51x1530.71
    L shizhi/paragraph[1] #3 x=61.2 y=130.4 w=117 |今年年初，市直机关工委印发通知，|
    T body NotoSerifCJKsc-Regular 9 x=61.2 dx=9,9,9 g=1234,.. 今年年初
    R 61.2 120.0 1041.3 120.0 w=1.2
    A shizhi lead 1 polygon=61.2,110.7 484.2,110.7 …
    J haidian continued-on page=2 slot=lead-2

Glyph ids are shown as a digest per run (``g=``), so a font upgrade that renumbers glyphs
shows without drowning the dump in numbers.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from layout.display import Box, Image, PageOut, Rule, TextLine, replay


def _n(v: float) -> str:
    text = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class DumpWriter:
    """Records each item as a line of text."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def begin_page(self, page: PageOut) -> None:
        self.lines.append(f"page {page.number} {_n(page.width)}x{_n(page.height)}"
                          + (f" {page.section}" if page.section else ""))

    def end_page(self, page: PageOut) -> None:
        for region in page.regions:
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in region.polygon)
            self.lines.append(f"A {region.article} {region.slot} {region.kind} "
                              f"{region.order} {points}")
        for link in page.links:
            self.lines.append(f"J {link.article} {link.kind} page={link.page} "
                              f"slot={link.slot} box={','.join(_n(v) for v in link.box)}")

    def text_line(self, item: TextLine) -> None:
        self.lines.append(f"L {item.block} #{item.line} x={_n(item.x)} y={_n(item.baseline)} "
                          f"w={_n(item.width)}{' vertical' if item.vertical else ''} "
                          f"|{item.text}|{item.joiner}")
        for run in item.runs:
            name = run.face.name if run.face is not None else "MISSING"
            steps = ",".join(_n(b - a) for a, b in zip(run.xs, run.xs[1:]))
            down = ",".join(_n(b - a) for a, b in zip(run.ys, run.ys[1:]))
            gids = hashlib.sha256(",".join(map(str, run.gids)).encode()).hexdigest()[:8]
            self.lines.append(f"  T {run.style} {name} {_n(run.size)} x={_n(run.xs[0])} "
                              f"dx={steps}{f' dy={down}' if down else ''} g={gids} "
                              f"{run.text}")

    def rule(self, item: Rule) -> None:
        self.lines.append(f"R {_n(item.x0)} {_n(item.y0)} {_n(item.x1)} {_n(item.y1)} "
                          f"w={_n(item.width)}")

    def box(self, item: Box) -> None:
        self.lines.append(f"B {_n(item.x)} {_n(item.y)} {_n(item.w)} {_n(item.h)}")

    def image(self, item: Image) -> None:
        self.lines.append(f"I {item.article}[{item.index}] {_n(item.x)} {_n(item.y)} "
                          f"{_n(item.w)} {_n(item.h)} {item.path.name}")


def dump(pages: Iterable[PageOut]) -> str:
    writer = DumpWriter()
    replay(pages, writer)
    return "\n".join(writer.lines) + "\n"

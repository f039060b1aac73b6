"""A stable text form of the display list, one item per line, for regression tests and
for reading what the layout did:

    page 2 1105.51x1530.71
    T NotoSerifCJKsc-Regular 9 x=61.2 y=130.4 dx=9,9,9 本报讯
    R 61.2 120.0 1041.3 120.0 w=1.2
"""

from __future__ import annotations

from typing import Iterable

from layout.display import Box, Glyphs, Image, PageOut, Region, Rule, replay


def _n(v: float) -> str:
    text = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class DumpWriter:
    """Records each item as a line of text."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def begin_page(self, page: PageOut) -> None:
        self.lines.append(f"page {page.number} {_n(page.width)}x{_n(page.height)}")

    def end_page(self, page: PageOut) -> None:
        pass

    def glyphs(self, item: Glyphs) -> None:
        name = item.face.postscript_name if item.face is not None else "MISSING"
        steps = ",".join(_n(b - a) for a, b in zip(item.xs, item.xs[1:]))
        down = ",".join(_n(b - a) for a, b in zip(item.ys, item.ys[1:]))
        self.lines.append(f"T {item.role} {name} {_n(item.size)} x={_n(item.xs[0])} "
                          f"y={_n(item.y)} dx={steps}{f' dy={down}' if down else ''} "
                          f"{item.text}")

    def rule(self, item: Rule) -> None:
        self.lines.append(f"R {_n(item.x0)} {_n(item.y0)} {_n(item.x1)} {_n(item.y1)} "
                          f"w={_n(item.width)}")

    def box(self, item: Box) -> None:
        self.lines.append(f"B {_n(item.x)} {_n(item.y)} {_n(item.w)} {_n(item.h)}")

    def image(self, item: Image) -> None:
        self.lines.append(f"I {_n(item.x)} {_n(item.y)} {_n(item.w)} {_n(item.h)} "
                          f"{item.path.name}")

    def region(self, item: Region) -> None:
        self.lines.append(f"A {item.article} {item.slot} {_n(item.x)} {_n(item.y)} "
                          f"{_n(item.w)} {_n(item.h)}")


def dump(pages: Iterable[PageOut]) -> str:
    writer = DumpWriter()
    replay(pages, writer)
    return "\n".join(writer.lines) + "\n"

"""Editions placed by ``epaper place`` / ``import`` for the placement tests, and the checks
every placed edition must pass (each requirement of automatic placement, measured on the
result: the page specs written, the page model composed from them, the copyfit report)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from layout.build import compose_edition
from layout.display import TextLine
from layout.fonts import FontLibrary
from layout.importer.build_edition import ImportOptions, import_text
from tests.conftest import ROOT

DEV = ROOT / "seeds" / "dev"
#: Simplified-script development pages, each cut to its first articles (name, how many),
#: joined into one text of about two tabloid pages: a lead with its picture, a run of
#: 本报讯 reports, a science lead with subheads and a picture and a Xinhua dispatch.
JOINED = [("national-politics", 1), ("local-benbaoxun", 3), ("science-latin", 2)]
FURNITURE = ("责任编辑", "责编", "美编", "校对", "版式", "第", "2024年", "2025年")


def first_articles(name: str, count: int) -> list[str]:
    """The lines of a development page up to the start of its article ``count + 1``."""
    from layout.diagnostics import Sink
    from layout.importer.parse import parse_page
    text = (DEV / f"{name}.txt").read_text(encoding="utf-8")
    items = parse_page(text, file=f"{name}.txt", sink=Sink()).items
    lines = text.splitlines()
    return lines[:items[count].line - 1] if count < len(items) else lines


def joined_text(pages=JOINED) -> str:
    """The development pages' first articles one after another, furniture lines left out."""
    parts = []
    for name, count in pages:
        lines = first_articles(name, count)
        parts.append("\n".join(row for row in lines if not row.startswith(FURNITURE)).strip())
    return "\n\n\n".join(parts) + "\n"


def imported(folder: Path, text: Path, **options) -> Path:
    """``text`` imported (and placed) into ``folder``."""
    options.setdefault("date", "2025-03-06")
    options.setdefault("page", 1)
    import_text(text, folder, ImportOptions(**options), library=FontLibrary())
    return folder


@pytest.fixture(scope="session")
def joined(tmp_path_factory) -> Path:
    """The joined text imported onto tabloid pages: more than one page, so the first is
    filled and what does not fit goes on."""
    folder = tmp_path_factory.mktemp("joined")
    text = folder / "joined.txt"
    text.write_text(joined_text(), encoding="utf-8")
    return imported(folder / "ed", text, size="tabloid")


def copy(edition: Path, folder: Path) -> Path:
    shutil.copytree(edition, folder)
    return folder


def page_specs(edition: Path) -> list[dict]:
    spec = yaml.safe_load((edition / "edition.yaml").read_text(encoding="utf-8"))
    return [yaml.safe_load((edition / p).read_text(encoding="utf-8")) for p in spec["pages"]]


# --------------------------------------------------------------------------- checks
def grid_of(composed, number):
    return next(p.grid for p in composed.edition.pages if p.number == number)


def filled_share(page) -> tuple[float, float]:
    """(share of the page's grid cells in a slot, share of the band from the top of the
    grid to the lowest slot's foot in a slot)."""
    g = page.grid
    cells = sum(s.span * s.height for s in page.slots)
    band = max((s.top + s.height for s in page.slots), default=0)
    return cells / (g.columns * g.lines), cells / (g.columns * band) if band else 1.0


def headline_size(page_out, article: str) -> float:
    sizes = [r.size for line in page_out.lines(article) if line.block.kind == "headline"
             for r in line.runs]
    return max(sizes, default=0.0)


def column_bottoms(page_out, slot, grid) -> list[float]:
    """The lowest baseline of the body lines in each body column of ``slot``."""
    columns = slot.columns or slot.span
    x0 = grid.column_x(slot.column - 1)
    width = (grid.span_width(slot.span) - (columns - 1) * grid.gutter) / columns
    bottoms = [0.0] * columns
    for line in page_out.lines(slot.article):
        if isinstance(line, TextLine) and line.block.kind in ("paragraph", "subhead") \
                and x0 - 1 <= line.x <= x0 + grid.span_width(slot.span):
            k = min(columns - 1, int((line.x - x0 + 1) // (width + grid.gutter)))
            bottoms[k] = max(bottoms[k], line.baseline)
    return [b for b in bottoms if b]


def compose(edition: Path):
    return compose_edition(edition, FontLibrary())

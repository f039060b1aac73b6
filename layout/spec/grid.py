"""Page geometry resolved from a page spec: trim size, column grid and baseline grid, in pt.

Coordinates are points from the trim box's top-left corner, y growing downwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.spec.model import PageSpec

MM = 72.0 / 25.4

#: Page size presets: trim size in mm and the column grid a newspaper uses on it.
PRESETS: dict[str, dict[str, float]] = {
    "broadsheet": {"width_mm": 390.0, "height_mm": 540.0, "columns": 8, "column_chars": 13},
    "tabloid": {"width_mm": 270.0, "height_mm": 390.0, "columns": 6, "column_chars": 11},
    "custom": {"columns": 6, "column_chars": 12},
}

#: The longest page side epaper sets, in mm (a broadsheet is 390 x 540 mm; the largest
#: web presses print about 1,000 mm): beyond it a page is a typo, not a newspaper.
MAX_PAGE_MM = 2000.0
#: Grid lines the page header takes above the body grid.
HEADER_LINES = 4
#: Grid lines a masthead (报头) takes above the body grid, by page size, when the page
#: spec does not say (masthead_lines); it stands in the page header's place.
MASTHEAD_LINES = {"broadsheet": 11, "tabloid": 9, "custom": 9}
#: Where the baseline sits inside a grid line, as a share of the body size below the
#: centre of the line (ideographic em box: 0.88 above the baseline, 0.12 below).
EM_BOX_ASCENT = 0.88


@dataclass(frozen=True)
class PageGrid:
    """The resolved grid of one page."""

    width: float
    height: float
    columns: int
    column_chars: int
    body_size: float
    pitch: float
    column_width: float
    gutter: float
    left: float
    top: float
    lines: int
    header_top: float
    masthead: int = 0           # grid lines the masthead takes above ``top`` (0: none)

    @property
    def right(self) -> float:
        return self.column_x(self.columns) - self.gutter

    @property
    def bottom(self) -> float:
        return self.line_top(self.lines)

    def column_x(self, index: int) -> float:
        """Left edge of page column ``index`` (0-based); index == columns gives the right end
        plus one gutter."""
        return self.left + index * (self.column_width + self.gutter)

    def span_width(self, span: int) -> float:
        return span * self.column_width + (span - 1) * self.gutter

    def line_top(self, line: int) -> float:
        return self.top + line * self.pitch

    def baseline(self, line: int, size: float | None = None) -> float:
        """Baseline of text of ``size`` (default: body) centred on grid line ``line``."""
        size = self.body_size if size is None else size
        return self.line_top(line) + (self.pitch - size) / 2 + EM_BOX_ASCENT * size


def masthead_lines(spec: PageSpec) -> int:
    """Grid lines the page's masthead takes above the slots (0 when it has none)."""
    if not spec.masthead:
        return 0
    return spec.masthead_lines or MASTHEAD_LINES[spec.size]


def resolve_grid(spec: PageSpec, header: bool = True) -> PageGrid:
    """The page's grid: the header's lines (or the masthead's, on a page that has one)
    above it, as many whole grid lines as fit above the bottom margin."""
    preset = PRESETS[spec.size]
    width_mm = spec.width_mm or preset.get("width_mm")
    height_mm = spec.height_mm or preset.get("height_mm")
    if max(width_mm, height_mm) > MAX_PAGE_MM:
        raise ValueError(f"a page of {width_mm:g} x {height_mm:g} mm is larger than any press "
                         f"sheet; epaper sets pages up to {MAX_PAGE_MM:g} mm on a side")
    width, height = width_mm * MM, height_mm * MM
    g = spec.grid
    columns = g.columns or int(preset["columns"])
    chars = g.column_chars or int(preset["column_chars"])
    size = g.body_size
    pitch = g.leading or round(size * 1.5, 2)
    column_width = chars * size
    gutter = g.gutter_chars * size
    grid_width = columns * column_width + (columns - 1) * gutter
    m = spec.margins
    available = width - (m.inside + m.outside) * MM
    if grid_width > available + 0.01:
        raise ValueError(
            f"{columns} columns of {chars} characters at {size} pt need "
            f"{grid_width / MM:.1f} mm but only {available / MM:.1f} mm lie between the "
            f"margins; use fewer columns or characters, or a smaller body size")
    left = m.inside * MM + (available - grid_width) / 2
    header_top = m.top * MM
    above = masthead_lines(spec)
    top = header_top + (above or (HEADER_LINES if header else 0)) * pitch
    lines = int((height - m.bottom * MM - top) // pitch)
    if lines < 10:
        raise ValueError(f"the page leaves room for only {lines} grid lines"
                         + (f" below its masthead of {above}" if above else "")
                         + "; reduce the margins or the leading"
                         + (", or masthead_lines" if above else ""))
    return PageGrid(width, height, columns, chars, size, pitch, column_width, gutter, left,
                    top, lines, header_top, above)


def size_table() -> list[tuple[str, str, str, int, int, int]]:
    """Each page size with the default margins and grid: (size, trim, columns × 字/栏,
    grid lines below the page header, grid lines below a masthead, masthead lines)."""
    rows = []
    for size in ("broadsheet", "tabloid"):
        plain = resolve_grid(PageSpec(number=1, size=size))
        front = resolve_grid(PageSpec(number=1, size=size, masthead=True))
        preset = PRESETS[size]
        rows.append((size, f"{preset['width_mm']:g} × {preset['height_mm']:g} mm",
                     f"{plain.columns} × {plain.column_chars}", plain.lines, front.lines,
                     front.masthead))
    return rows

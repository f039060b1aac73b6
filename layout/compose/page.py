"""Compose a page: the page header (版头) or the front page's masthead (报头), the slots,
the rules between articles, the footer, and the proof overlay."""

from __future__ import annotations

from layout.compose import headline as head
from layout.compose.context import Context
from layout.compose.furniture import piece, place
from layout.compose.header import HEADER, WEEKDAYS, chinese_date, header
from layout.compose.masthead import masthead
from layout.compose.slot import SlotReport, composed_slot
from layout.display import BlockId, Item, PageOut, Rule
from layout.spec.grid import MM
from layout.spec.load import Edition, Page
from layout.spec.model import Slot

__all__ = ["HEADER", "FOOTER", "PROOF", "WEEKDAYS", "chinese_date", "header", "footer",
           "rules", "compose_page", "proof_items"]

FOOTER = BlockId("", "footer")
PROOF = BlockId("", "proof")
#: Distance from the grid's foot to the first footer baseline, and between footer
#: baselines, in em of the footer text.
FOOTER_FIRST, FOOTER_LEADING = 1.6, 1.3
#: Room the footer leaves at the trim edge, in mm (the cutter's tolerance).
FOOTER_SAFE_MM = 3.0


def footer(ctx: Context, page: Page) -> list[Item]:
    """Page furniture at the foot of the page (资料来源, 制图 …), below the grid, one line
    each, at the left edge; lines that would come closer than 3 mm to the trim are left
    out with a warning."""
    g = ctx.grid
    lines = list(page.spec.footer)
    if page.spec.header.graphics:
        lines.append(f"制图 {page.spec.header.graphics}")
    if page.spec.masthead:        # the front page has no header: its credits go here
        credits = "  ".join(f"{label} {who}" for label, who in (
            ("本版责任编辑", page.spec.header.editor), ("美编", page.spec.header.designer),
            ("校对", page.spec.header.proofreader)) if who)
        if credits:
            lines.append(credits)
    size = ctx.size("footer")
    limit = g.height - FOOTER_SAFE_MM * MM
    items: list[Item] = []
    for n, text in enumerate(lines):
        baseline = g.bottom + size * (FOOTER_FIRST + FOOTER_LEADING * n)
        if baseline + size * 0.12 > limit:
            ctx.sink.warn("footer-long", f"page {page.number}: the footer has room for {n} "
                          f"of its {len(lines)} lines above the trim; left out: "
                          f"{' / '.join(lines[n:])}", file=str(page.file),
                          line=page.spec.where.at("footer"), path="footer",
                          hint="shorten the footer, or give the page a larger bottom margin")
            break
        items += _text(ctx, text, "footer", g.left, baseline, g.right - g.left, block=FOOTER)
    return items


def _text(ctx: Context, text: str, name: str, x: float, baseline: float, width: float,
          align: str = "left", block: BlockId = HEADER) -> list[Item]:
    hs = head.set_headline(ctx, text, name, width, align)
    line = hs.lines[0]
    return [ctx.text_line(line, x, baseline, block)] if len(hs.lines) == 1 else \
        head.place(ctx, hs, x, baseline - 0.88 * hs.size, block)


def rules(ctx: Context, slots: tuple[Slot, ...]) -> list[Rule]:
    """Thin rules in the gutters between side-by-side slots and in the spare grid line
    between stacked ones, placed from the slot geometry."""
    g = ctx.grid
    width, color = ctx.style.rule_width, tuple(ctx.style.rule_color)
    out: list[Rule] = []
    drawn = [s for s in slots if s.rule]
    for a in drawn:
        for b in drawn:
            if b.column == a.column + a.span:  # b right of a
                top, bottom = max(a.top, b.top), min(a.top + a.height, b.top + b.height)
                if bottom > top:
                    x = g.column_x(b.column - 1) - g.gutter / 2
                    y0 = g.line_top(top) + (g.pitch / 2 if top > 0 else 0)
                    out.append(Rule(x, y0, x, g.line_top(bottom) - g.pitch * 0.2, width,
                                    color))
            if b.top == a.top + a.height:      # b below a
                first = max(a.column, b.column)                 # shared columns, 1-based
                last = min(a.column + a.span, b.column + b.span) - 1
                if last >= first:
                    y = g.line_top(b.top) + g.pitch / 2
                    out.append(Rule(g.column_x(first - 1), y, g.column_x(last - 1) +
                                    g.column_width, y, width, color))
    return out


def compose_page(ctx: Context, page: Page, edition: Edition, jumps: dict | None = None,
                 proof: bool = False) -> tuple[PageOut, list[SlotReport]]:
    """Header, slots and rules of one page; ``jumps`` maps (page, slot name) of every
    continuation slot (转版) to the text handed on to it, filled in as the first parts are
    set (pages are composed in order)."""
    jumps = {} if jumps is None else jumps
    items: list[Item] = []
    if page.spec.masthead:
        items += masthead(ctx, page, edition)
    elif page.spec.header.show:
        items += header(ctx, page, edition)
    reports: list[SlotReport] = []
    regions, links = [], []
    press = _press(edition)
    for order, slot in enumerate(page.slots, 1):
        article = edition.articles[slot.article]
        key = (page.number, slot.name)
        result = composed_slot(ctx, page.number, slot, article, _article_dir(article),
                               order=order, remainder=jumps.get(key),
                               continuation=key in jumps, press=press)
        for diagnostic in result.diagnostics:
            ctx.sink.add(diagnostic)
        items += result.items
        reports.append(result.report)
        regions.append(result.region)
        links += result.links
        if slot.continues is not None:
            jumps[(slot.continues.page, slot.continues.slot)] = result.remainder
    items += rules(ctx, page.slots)
    items += footer(ctx, page)
    if proof:
        items += proof_items(ctx, page, reports,
                             max(PROOF_SIZE, edition.spec.print.min_text_pt))
    title = f"{edition.spec.name} {edition.spec.date.isoformat()} 第{page.number}版"
    return PageOut(page.number, page.grid.width, page.grid.height, tuple(items), title,
                   page.spec.section, tuple(regions), tuple(links)), reports


PROOF_GRID = (60.0, 0.0, 0.0, 0.0)      # cyan: column and baseline grid
PROOF_FRAME = (0.0, 80.0, 0.0, 0.0)     # magenta: slot frames and names
PROOF_OVERSET = (0.0, 100.0, 100.0, 0.0)  # red: overset markers


#: Size of the proof's grid numbers, pt (never below the press minimum: proofs are
#: checked like pages).
PROOF_SIZE = 6.0


def _label(ctx: Context, text: str, x: float, baseline: float, width: float,
           color, size: float | None = None, align: str = "left") -> list[Item]:
    """A small proof label in the jump style, in ``color``; ``x`` is its left end, or its
    right end (align right) or centre (align center)."""
    p = piece(ctx, text, "jump", size)
    if align == "right":
        x -= p.width
    elif align == "center":
        x -= p.width / 2
    return place(ctx, p, x, baseline, PROOF, color=color)


def proof_items(ctx: Context, page: Page, reports: list[SlotReport],
                size: float = PROOF_SIZE) -> list[Item]:
    """The proof overlay (--proof): column grid, baseline grid, the grid lines numbered in
    both margins (every fifth in magenta) and the columns above the page, slot frames with
    their names, and a red marker with the numbers on every overset slot.  The numbers
    are those of the page spec: ``top`` and ``height`` count grid lines from 0, ``column``
    counts columns from 1."""
    from layout.display import Box
    g = ctx.grid
    items: list[Item] = []
    bottom = g.line_top(g.lines)
    for c in range(g.columns):
        for x in (g.column_x(c), g.column_x(c) + g.column_width):
            items.append(Rule(x, g.top, x, bottom, 0.15, PROOF_GRID))
    for line in range(g.lines):
        y = g.baseline(line)
        items.append(Rule(g.left, y, g.right, y, 0.08, PROOF_GRID))
    for line in range(g.lines):
        color = PROOF_FRAME if line % 5 == 0 else PROOF_GRID
        baseline = g.line_top(line) + (g.pitch - size) / 2 + 0.88 * size
        items += _label(ctx, str(line), g.left - size * 0.6, baseline, 0, color, size,
                        "right")
        items += _label(ctx, str(line), g.right + size * 0.6, baseline, 0, color, size)
    above = g.header_top - size * 0.6
    for c in range(g.columns):
        middle = g.column_x(c) + g.column_width / 2
        items += _label(ctx, str(c + 1), middle, above, 0, PROOF_FRAME, size + 2, "center")
        items.append(Rule(g.column_x(c), above + 2, g.column_x(c) + g.column_width,
                          above + 2, 0.3, PROOF_FRAME))
    by_name = {r.slot: r for r in reports}
    size = ctx.size("jump")
    for slot in page.slots:
        x, w = g.column_x(slot.column - 1), g.span_width(slot.span)
        y, h = g.line_top(slot.top), slot.height * g.pitch
        items.append(Box(x, y, w, h, stroke=PROOF_FRAME, width=0.5))
        items += _label(ctx, f"{slot.name} · {slot.article}", x + 1, y + size, w,
                        PROOF_FRAME)
        report = by_name.get(slot.name)
        if report and report.overset_lines:
            text = f"超 {report.overset_lines} 行 {report.overset_chars} 字"
            mw = size * (len(text) + 1)
            items.append(Box(x + w - mw, y + h - size * 1.6, mw, size * 1.6,
                             fill=PROOF_OVERSET))
            items += _label(ctx, text, x + w - mw + size / 2, y + h - size * 0.45, mw,
                            (0.0, 0.0, 0.0, 0.0))
    return items


def _press(edition: Edition):
    """The edition's print settings, its ICC profile resolved against the edition (for
    the ink coverage of adverts, measured as the PDF writer converts them)."""
    from dataclasses import replace
    from pathlib import Path
    settings = edition.spec.print
    if settings.output_intent is not None and not Path(settings.output_intent).is_absolute():
        settings = replace(settings, output_intent=edition.root / settings.output_intent)
    return settings


def _article_dir(article):
    from pathlib import Path
    return Path(article.where.file).parent if article.where.file else Path(".")

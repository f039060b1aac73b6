"""Compose a page: header (版头), the slots, and the rules between articles."""

from __future__ import annotations

import datetime as _dt

from layout.compose import headline as head
from layout.compose.context import Context
from layout.compose.slot import SlotReport, composed_slot
from layout.display import BlockId, Item, PageOut, Rule
from layout.spec.load import Edition, Page
from layout.spec.model import Slot

WEEKDAYS = "一二三四五六日"
HEADER = BlockId("", "header")
FOOTER = BlockId("", "footer")
PROOF = BlockId("", "proof")


def chinese_date(day: _dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日 星期{WEEKDAYS[day.weekday()]}"


def _text(ctx: Context, text: str, name: str, x: float, baseline: float, width: float,
          align: str = "left", block: BlockId = HEADER) -> list[Item]:
    hs = head.set_headline(ctx, text, name, width, align)
    line = hs.lines[0]
    return [ctx.text_line(line, x, baseline, block)] if len(hs.lines) == 1 else \
        head.place(ctx, hs, x, baseline - 0.88 * hs.size, block)


def header(ctx: Context, page: Page, edition: Edition) -> list[Item]:
    """版次, 版名, newspaper, date with weekday, 责任编辑 / 美编 / 校对, and the rule."""
    g = ctx.grid
    spec = page.spec
    left, width = g.left, g.right - g.left
    base = g.baseline(-2)          # header text on the page's baseline grid too
    items: list[Item] = []
    items += _text(ctx, f"{spec.number}", "header_number", left, base, width / 8)
    number_w = ctx.text_style("header_number").size * (len(str(spec.number)) * 0.6 + 0.3)
    items += _text(ctx, "版", "header", left + number_w, base, width / 8)
    if spec.section:
        items += _text(ctx, spec.section, "header_section", left + number_w + 18, base,
                       width / 3)
    masthead = "  ".join(t for t in (edition.spec.name, edition.spec.issue) if t)
    if masthead:             # an edition may leave its name empty (an import without --name)
        items += _text(ctx, masthead, "header", left + width / 3, base, width / 3, "center")
    credits = "  ".join(f"{label} {who}" for label, who in (
        ("责任编辑", spec.header.editor), ("美编", spec.header.designer),
        ("校对", spec.header.proofreader)) if who)
    right_text = chinese_date(edition.spec.date) + (f"    {credits}" if credits else "")
    items += _text(ctx, right_text, "header", left + width / 3 * 2, base, width / 3, "right")
    y = g.top - g.pitch * 0.5
    items.append(Rule(left, y, g.right, y, ctx.style.header_rule_width,
                      tuple(ctx.style.rule_color)))
    return items


def footer(ctx: Context, page: Page) -> list[Item]:
    """Page furniture at the foot of the page (资料来源, 制图 …), below the grid, one line
    each, at the left edge."""
    g = ctx.grid
    lines = list(page.spec.footer)
    if page.spec.header.graphics:
        lines.append(f"制图 {page.spec.header.graphics}")
    size = ctx.size("footer")
    items: list[Item] = []
    for n, text in enumerate(lines):
        items += _text(ctx, text, "footer", g.left, g.bottom + size * (1.6 + 1.3 * n),
                       g.right - g.left, block=FOOTER)
    return items


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
    if page.spec.header.show:
        items += header(ctx, page, edition)
    reports: list[SlotReport] = []
    regions, links = [], []
    for order, slot in enumerate(page.slots, 1):
        article = edition.articles[slot.article]
        key = (page.number, slot.name)
        result = composed_slot(ctx, page.number, slot, article, _article_dir(article),
                              order=order, remainder=jumps.get(key),
                              continuation=key in jumps)
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
        items += proof_items(ctx, page, reports)
    title = f"{edition.spec.name} {edition.spec.date.isoformat()} 第{page.number}版"
    return PageOut(page.number, page.grid.width, page.grid.height, tuple(items), title,
                   page.spec.section, tuple(regions), tuple(links)), reports


PROOF_GRID = (60.0, 0.0, 0.0, 0.0)      # cyan: column and baseline grid
PROOF_FRAME = (0.0, 80.0, 0.0, 0.0)     # magenta: slot frames and names
PROOF_OVERSET = (0.0, 100.0, 100.0, 0.0)  # red: overset markers


def _label(ctx: Context, text: str, x: float, baseline: float, width: float,
           color) -> list[Item]:
    """A small proof label in the jump style, in ``color``."""
    from dataclasses import replace
    hs = head.set_headline(ctx, text, "jump", width)
    line = ctx.text_line(hs.lines[0], x, baseline, PROOF)
    return [replace(line, runs=tuple(replace(run, color=color) for run in line.runs))]


def proof_items(ctx: Context, page: Page, reports: list[SlotReport]) -> list[Item]:
    """The proof overlay (--proof): column grid, baseline grid, slot frames with their
    names, and a red marker with the numbers on every overset slot."""
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


def _article_dir(article):
    from pathlib import Path
    return Path(article.where.file).parent if article.where.file else Path(".")

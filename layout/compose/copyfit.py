"""Copyfit in the page spec's units: what an overset or underset slot should be told — the
``height`` in grid lines that holds its text (a slot of N body columns gains N lines of
text per grid line), tried by composing the slot again at that height — or how many
characters to cut or add."""

from __future__ import annotations

import math
from typing import Callable

from layout.compose.context import Context
from layout.spec.model import Article, Slot

#: Heights tried beyond the first estimate before the hint gives up on a height.
MAX_TRIES = 12


def chars_per_line(ctx: Context, slot: Slot, columns: int) -> int:
    """Body characters on a full line of one of the slot's columns."""
    g = ctx.grid
    width = g.span_width(slot.span) - (2 * g.body_size if slot.box else 0)
    return max(1, int((width - (columns - 1) * g.gutter) / columns / g.body_size + 1e-6))


def copyfit(ctx: Context, slot: Slot, article: Article, report,
            again: Callable[[int], object] | None) -> None:
    """The overset warning, or the underset warning of a slot that leaves more than one
    line per column empty, each with the height that fits (when ``again``, which composes
    the slot at another height, is given) and the characters to cut or add."""
    if report.overset_lines:
        _overset(ctx, slot, article, report, again)
    elif article.kind == "article" and report.continues_on is None:
        _underset(ctx, slot, article, report, again)


def _overset(ctx: Context, slot: Slot, article: Article, report, again) -> None:
    g = ctx.grid
    columns = report.columns if article.kind == "article" else 1
    fixes = []
    if again is not None:
        height = slot.height + math.ceil(report.overset_lines / columns)
        for _ in range(MAX_TRIES):
            tried = again(height)
            if not tried.overset_lines:
                report.fit_height = height
                break
            height += math.ceil(tried.overset_lines / columns)
    if report.fit_height is not None:
        extra = report.fit_height - slot.height
        past = slot.top + report.fit_height > g.lines
        fixes.append(f"height {slot.height} → {report.fit_height} "
                     f"(+{_count(extra, 'grid line')}"
                     + (f"; past the page's foot at line {g.lines}: move the slot up or "
                        f"give it another column" if past else "") + ")")
    fixes.append(f"cut {report.overset_chars} characters "
                 f"(about {_count(report.overset_lines, 'line')})")
    ctx.sink.warn("overset", f"article {article.id} overflows slot {slot.name} by "
                  f"{report.overset_lines} lines, {report.overset_chars} characters "
                  f"(last words set: …{report.last_fit})", article=article.id,
                  file=slot.where.file, line=slot.where.line, hint=", or ".join(fixes),
                  data={"overset_lines": report.overset_lines,
                        "overset_chars": report.overset_chars})


def _underset(ctx: Context, slot: Slot, article: Article, report, again) -> None:
    columns = report.columns
    empty = report.capacity - report.lines_set
    if empty <= columns or report.lines_set == 0:
        return                    # at most one line per column: the columns' own 齐底
    fixes = []
    if again is not None:
        cut = min(empty // columns, slot.height - 1)
        while cut > 0 and again(slot.height - cut).overset_lines:
            cut -= 1
        if cut:
            report.fit_height = slot.height - cut
            fixes.append(f"height {slot.height} → {report.fit_height} "
                         f"(−{_count(cut, 'grid line')})")
    fixes.append(f"add about {empty * chars_per_line(ctx, slot, columns)} characters "
                 f"({empty} lines)")
    ctx.sink.warn("underset", f"slot {slot.name} leaves {empty} of its {report.capacity} "
                  f"lines empty (article {article.id}, {_count(columns, 'column')})",
                  article=article.id,
                  file=slot.where.file, line=slot.where.line, hint=", or ".join(fixes),
                  data={"empty_lines": empty, "columns": columns,
                        "underset_lines": report.underset_lines})


def _count(n: int, noun: str) -> str:
    """``n`` and the noun, plural when more than one: 1 line, 3 lines."""
    return f"{n} {noun}{'s' if n > 1 else ''}"

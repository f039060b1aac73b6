"""The page header (版头): 版次, 版名, the newspaper's name and issue, the date and the credits
(责任编辑, 美编, 校对) on one line above the header rule, whatever the page's width.

When the parts do not fit on one line they are fitted by the steps of :data:`FIT_STEPS`, in
order, until they do: the gaps between them narrowed, the issue number left out, the header
text set smaller (down to the style's ``min_size``, else four fifths of its size), then
校对, 美编, the newspaper's name, the weekday and finally 责任编辑 and the date left out.
Nothing is ever set on a second line, where the rule would strike through it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace

from layout.compose.context import Context
from layout.compose.furniture import Piece, piece, place
from layout.display import BlockId, Item, Rule

HEADER = BlockId("", "header")
WEEKDAYS = "一二三四五六日"
#: Space between the parts of the header, in em of the header text: groups, and the
#: credits within their group.
GAP, NARROW_GAP = 2.0, 1.0
#: The fitting steps, in the order they are tried: what each leaves out or changes, as
#: the warning names it.  ``gaps`` and ``shrink`` change no content and only add a note.
FIT_STEPS: tuple[tuple[str, str], ...] = (
    ("gaps", "narrower gaps"),
    ("issue", "the issue number"),
    ("shrink", "smaller header text"),
    ("proofreader", "校对"),
    ("designer", "美编"),
    ("name", "the newspaper's name"),
    ("weekday", "the weekday"),
    ("editor", "责任编辑"),
    ("date", "the date"),
)
#: The smallest header text as a share of its style's size when the style gives no
#: min_size.
SHRINK = 0.8


def chinese_date(day: _dt.date, weekday: bool = True) -> str:
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text} 星期{WEEKDAYS[day.weekday()]}" if weekday else text


@dataclass(frozen=True)
class Fitted:
    """What the header shows after fitting: the steps taken and the text size."""

    steps: tuple[str, ...] = ()
    size: float = 0.0
    items: list = field(default_factory=list)
    fits: bool = True

    @property
    def dropped(self) -> list[str]:
        return [label for name, label in FIT_STEPS
                if name in self.steps and name not in ("gaps", "shrink")]


def header(ctx: Context, page, edition) -> list[Item]:
    """版次, 版名, newspaper and issue, date with weekday, credits, and the header rule; a
    note or warning when the header had to be fitted."""
    g = ctx.grid
    spec = page.spec
    fitted = fit_header(ctx, spec, edition.spec)
    if fitted.steps:
        where = dict(file=str(page.file), line=spec.where.at("header"))
        if fitted.dropped:
            ctx.sink.warn("header-shortened", f"page {spec.number}: the page header does "
                          f"not fit on one line {g.right - g.left:.0f} pt wide; left out: "
                          f"{', '.join(fitted.dropped)}", **where,
                          hint="shorten the section name, or give the credits to the page "
                               "footer (footer: [...])",
                          data={"steps": list(fitted.steps), "size": fitted.size})
        else:
            how = " and ".join(label for name, label in FIT_STEPS if name in fitted.steps)
            ctx.sink.info("header-fitted", f"page {spec.number}: page header set with "
                          f"{how} to fit one line", **where)
    y = g.top - g.pitch * 0.5
    return fitted.items + [Rule(g.left, y, g.right, y, ctx.style.header_rule_width,
                                tuple(ctx.style.rule_color))]


def fit_header(ctx: Context, spec, edition) -> Fitted:
    """The header's lines after as many fitting steps as it takes to fit one line."""
    st = ctx.text_style("header")
    smallest = min(st.size, st.min_size or round(st.size * SHRINK * 2) / 2)
    steps: list[str] = []
    attempt = _layout(ctx, spec, edition, (), st.size)
    for name, _ in FIT_STEPS:
        if attempt.fits:
            break
        steps.append(name)
        if name == "shrink":
            size = st.size
            while size - 0.5 >= smallest - 1e-9:
                size -= 0.5
                attempt = _layout(ctx, spec, edition, tuple(steps), size)
                if attempt.fits:
                    break
        else:
            attempt = _layout(ctx, spec, edition, tuple(steps), attempt.size)
    return replace(attempt, steps=tuple(steps))


def _layout(ctx: Context, spec, edition, steps: tuple[str, ...], size: float) -> Fitted:
    """Place the header's parts for the fitting ``steps`` taken, at text ``size``: the left
    group (版次 版 版名) at the left edge, the date and credits flush right, the name and
    issue centred on the page (or in the room between when centring does not fit)."""
    g = ctx.grid
    gap = (NARROW_GAP if "gaps" in steps else GAP) * size
    base = g.baseline(-2)          # header text on the page's baseline grid too
    number = piece(ctx, str(spec.number), "header_number")
    ban = piece(ctx, "版", "header", size)
    section = piece(ctx, spec.section, "header_section")
    left: list[tuple[Piece, float]] = [(number, 0.0), (ban, number.width +
                                                       number.size * 0.3)]
    if section.line is not None:
        left.append((section, left[-1][1] + ban.width + size))
    left_end = g.left + left[-1][1] + left[-1][0].width
    centre = [p for p in (
        piece(ctx, edition.name, "header", size) if "name" not in steps else None,
        piece(ctx, edition.issue, "header", size) if "issue" not in steps else None)
        if p is not None and p.line is not None]
    credits = [piece(ctx, f"{label} {who}", "header", size) for key, label, who in (
        ("editor", "责任编辑", spec.header.editor),
        ("designer", "美编", spec.header.designer),
        ("proofreader", "校对", spec.header.proofreader)) if who and key not in steps]
    right = [] if "date" in steps else \
        [piece(ctx, chinese_date(edition.date, "weekday" not in steps), "header", size)]
    right += credits
    right_w = sum(p.width for p in right) + gap * max(0, len(right) - 1)
    right_x = g.right - right_w
    centre_w = sum(p.width for p in centre) + gap * max(0, len(centre) - 1)
    fits = True
    if centre:
        centre_x = (g.left + g.right) / 2 - centre_w / 2
        if centre_x < left_end + gap or centre_x + centre_w > right_x - gap:
            centre_x = (left_end + right_x) / 2 - centre_w / 2     # in the room between
            fits = centre_x >= left_end + gap - 1e-6 and \
                centre_x + centre_w <= right_x - gap + 1e-6
    else:
        fits = not right or left_end + gap <= right_x + 1e-6
    items: list[Item] = []
    for p, dx in left:
        items += place(ctx, p, g.left + dx, base, HEADER)
    x = centre_x if centre else 0.0
    for p in centre:
        items += place(ctx, p, x, base, HEADER)
        x += p.width + gap
    x = right_x
    for p in right:
        items += place(ctx, p, x, base, HEADER)
        x += p.width + gap
    return Fitted(steps, size, items, fits)

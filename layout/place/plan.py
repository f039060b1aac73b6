"""Place an edition page by page.

Each page takes, in order, the articles its spec lists under ``place:`` after those an
earlier page could not hold, and the continuation of an article an earlier page jumped
(转版).  The solver (layout.place.solve) chooses which of them fit — always the first ones
— and their slots around the slots the spec fixes; when a later page exists, one article
may be cut to fill the page and continue there.  On the last page nothing is left for
later: what does not fit is cut, and the copyfit report says by how much (never a silent
loss).  ``import`` may add pages (``extra_pages``) until everything fits.

Every page is then composed with its new slots, as ``build`` will compose it; the
composer's copyfit report (overset, underset) and the page's filled area are the
placement's report.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from layout.compose.context import Context
from layout.compose.page import compose_page
from layout.compose.slot import SlotReport
from layout.diagnostics import Diagnostic, Sink, fail
from layout.place import shapes as sh
from layout.place.costs import W_TAKEN
from layout.place.measure import Measurer
from layout.place.solve import TIME_LIMIT, Choice, Fixed, Solution, solve_page
from layout.spec.load import Edition, Page
from layout.spec.model import Jump, PhotoArea, Slot

#: How many of a page's last articles may be cut to continue on a later page (转版).
CUT_CANDIDATES = 4


@dataclass
class PagePlan:
    """One page as placed: the articles on it, the slots kept and the slots chosen, and
    what composing it gave."""

    page: Page
    new: bool                               # a page the placer added
    place: list[str]                        # articles placed here, in page order
    fixed: list[Slot]
    slots: list[Slot]                       # the slots chosen, in page order
    solution: Solution | None = None
    reports: list[SlotReport] = field(default_factory=list)
    seconds: float = 0.0                    # measuring and solving
    measured: int = 0                       # articles composed to measure them
    measure_seconds: float = 0.0

    @property
    def number(self) -> int:
        return self.page.number

    def all_slots(self) -> tuple[Slot, ...]:
        return tuple(self.fixed) + tuple(self.slots)

    def area_used(self) -> float:
        """Share of the page's grid cells inside a slot."""
        g = self.page.grid
        cells = sum(s.span * s.height for s in self.all_slots())
        return cells / (g.columns * g.lines)


@dataclass
class Placement:
    """The edition as placed."""

    edition: Edition
    pages: list[PagePlan]
    diagnostics: list[Diagnostic]
    unplaced: list[str] = field(default_factory=list)

    @property
    def overset(self) -> list[SlotReport]:
        return [r for p in self.pages for r in p.reports if r.overset_lines]


@dataclass
class _Jump:
    """An article cut on one page, to be continued on the next."""

    article: str
    from_page: int
    slot: str                     # the name its continuation slot gets


def placed_articles(edition: Edition) -> list[str]:
    """Every article some page lists under ``place:``, in page order; an id listed twice
    or naming no article is an error naming the page file."""
    seen: dict[str, Page] = {}
    for page in edition.pages:
        for n, ident in enumerate(page.spec.place):
            where = dict(file=page.file, line=page.spec.where.at(f"place[{n}]"),
                         path=f"place[{n}]")
            if ident not in edition.articles:
                import difflib
                near = difflib.get_close_matches(ident, list(edition.articles), n=1)
                raise fail("place-article-missing", f"place: names article {ident!r}, "
                           f"which does not exist", **where,
                           hint=f"did you mean {near[0]!r}?" if near else
                           "add the article file or correct the id")
            if ident in seen:
                other = seen[ident]
                raise fail("place-twice", f"article {ident!r} is listed to be placed on "
                           f"page {other.number} and on page {page.number}", **where,
                           hint="list each article under place: of one page")
            seen[ident] = page
    return list(seen)


def punctuation_of(edition: Edition) -> str:
    punctuation = edition.style.typography.punctuation
    return "cns" if edition.spec.language == "zh-Hant" and punctuation == "gb" \
        else punctuation


def place_edition(edition: Edition, chains: dict, *, extra_pages: int = 0,
                  limit: float = TIME_LIMIT) -> Placement:
    """Choose the slots of every article listed under ``place:``; up to ``extra_pages``
    pages are added after the last when what is listed does not fit."""
    listed = placed_articles(edition)
    moving = set(listed)
    sink = Sink()
    pages = list(edition.pages)
    plans: list[PagePlan] = []
    carry: list[str] = []
    jumped: _Jump | None = None
    jumps: dict = {}
    measurers: dict = {}                  # one per grid, shared by the pages on it
    added = 0
    index = 0
    while index < len(pages):
        page = pages[index]
        fixed = [s for s in page.slots if s.article not in moving]
        own = carry + [a for a in page.spec.place if a not in carry]
        later = index + 1 < len(pages) or added < extra_pages
        next_number = pages[index + 1].number if index + 1 < len(pages) else \
            pages[-1].number + 1
        plan = _place_page(edition, chains, page, fixed, own, jumped, later, next_number,
                           jumps, sink, limit, new=index >= len(edition.pages),
                           measurers=measurers)
        plans.append(plan)
        placed = set(plan.place)
        carry = [a for a in own if a not in placed]
        jumped = _jumped(plan, next_number)
        index += 1
        if index == len(pages) and (carry or jumped) and added < extra_pages:
            pages.append(_new_page(pages[-1], next_number))
            added += 1
    unplaced = list(carry)
    if plans:                  # still listed, so that placing again reports them again
        plans[-1].place.extend(unplaced)
    for ident in unplaced:
        article = edition.articles[ident]
        sink.warn("place-unplaced", f"article {ident} ({_chars(article):,} characters) "
                  f"did not fit on page {plans[-1].number} and no later page takes it",
                  article=ident, file=plans[-1].page.file,
                  hint="give the edition another page, move articles, or cut text")
    return Placement(edition, plans, list(sink), unplaced)


def _chars(article) -> int:
    return sum(len(p) for p in article.texts)


def _new_page(last: Page, number: int) -> Page:
    """A page after ``last``: its size and grid, no slots, no page furniture."""
    spec = replace(last.spec, number=number, slots=(), place=(), footer=(),
                   header=replace(last.spec.header, editor="", designer="",
                                  proofreader="", graphics=""))
    file = last.file.parent / f"p{number:02d}.yaml"
    return Page(spec, last.grid, (), file)


def _jumped(plan: PagePlan, next_number: int) -> _Jump | None:
    for slot in plan.slots:
        if slot.continues is not None:
            return _Jump(slot.article, plan.number, slot.continues.slot)
    return None


def _place_page(edition: Edition, chains: dict, page: Page, fixed: list[Slot],
                own: list[str], jumped: _Jump | None, later: bool, next_number: int,
                jumps: dict, sink: Sink, limit: float, new: bool,
                measurers: dict) -> PagePlan:
    """Place one page: the continuation of an earlier jump, then ``own`` in order.

    The articles the page could hold by their area are tried first, all of them, the
    last two allowed to be cut (when a later page takes the rest), the last allowed to
    wait for the next page; if they cannot all be placed, any of them may be cut; then
    the last is left for the next page and the page tried again; last of all the solver
    chooses how many to take.  On the last page everything is placed, cut
    short (overset) when it must be."""
    started = time.perf_counter()
    composed = sum(m.composed for m in measurers.values())
    grid = page.grid
    ctx = Context(edition.style, chains, Sink(), grid, punctuation_of(edition))
    measurer = measurers.get(grid) or measurers.setdefault(grid, Measurer(ctx, page.number))
    style_size = edition.style.headline.size
    _rank_sizes(edition, own, measurer)
    continued: sh.Item | None = None
    if jumped is not None:
        article = edition.articles[jumped.article]
        remainder = jumps.get((page.number, jumped.slot))
        if remainder is not None:
            shapes = sh.text_shapes(measurer, article, grid, lead=False, partial=later,
                                    remainder=remainder)
            continued = sh.Item(jumped.article, "continuation", len(own), tuple(shapes),
                                remainder=remainder)
    adverts = _adverts_at_the_foot(edition, own, fixed, grid, sink)
    fixed = fixed + adverts
    room = grid.columns * grid.lines - sum(s.span * s.height for s in fixed)
    used = _least_area(continued) if continued else 0
    items: list[sh.Item] = []
    lead_done = False
    for rank, ident in enumerate(own):
        article = edition.articles[ident]
        lead = not lead_done and article.kind in ("article", "photo")
        lead_done = lead_done or lead
        if article.kind == "advert":
            continue                       # set at the foot before the rest: below
        if article.kind == "banner":
            shapes = sh.banner_shapes(grid)
        elif article.kind == "photo":
            shapes = sh.photo_shapes(measurer, article, grid, lead=lead)
        else:
            shapes = sh.text_shapes(measurer, article, grid, lead=lead, partial=False,
                                    style_size=style_size)
        items.append(sh.Item(ident, article.kind, rank, tuple(shapes)))
        used += _least_area(items[-1])
        if later and used > room:
            break               # this one may be cut to fill the page; the rest go on
    overflowing = used > room
    tail = [continued] if continued is not None else []
    measured = time.perf_counter()
    fixed_rects = [Fixed(s.column - 1, s.span, s.top, s.height) for s in fixed]

    def attempt(chosen: list[sh.Item], cut: int, optional: bool = False) -> Solution:
        if cut and chosen:       # the last articles may be cut, the rest going on; the
            chosen = _cuttable(chosen, cut, measurer, edition, grid, style_size)
            chosen[-1] = replace(chosen[-1], optional=True)    # last may wait for later
        if optional:
            chosen = [replace(i, optional=True) for i in chosen]
        return solve_page(grid.columns, grid.lines, chosen + tail, fixed_rects,
                          jump=later, fill=later and bool(cut), limit=limit)

    def filled(chosen: list[sh.Item]) -> Solution:
        """The page filled to its foot: the lead, then as many of the rest as make a
        page without holes, in order, the last of them perhaps cut and continued."""
        chosen = _cuttable(chosen, CUT_CANDIDATES, measurer, edition, grid, style_size)
        chosen = chosen[:1] + [replace(i, optional=True) for i in chosen[1:]]
        return solve_page(grid.columns, grid.lines, chosen + tail, fixed_rects,
                          jump=True, fill=True, limit=limit, taking=W_TAKEN)

    solution = Solution([], [], "infeasible", 0.0)
    if not items and not tail:
        solution = Solution([], [], "empty", 0.0)
    elif later:
        if not overflowing:      # everything fits: as on a last page
            solution = attempt(items, cut=0)
        if solution.status == "infeasible" and items:
            solution = filled(items)
        if solution.status == "infeasible":
            solution = attempt(items, cut=len(items), optional=True)
    else:
        solution = attempt(items, cut=0)
        if solution.status == "infeasible":
            # too much for the page: cut articles short (overset, reported), and if
            # even that is not enough, place the first ones and report the rest
            items = [_with_partials(measurer, edition, grid, i, style_size) for i in items]
            solution = attempt(items, cut=0)
        if solution.status == "infeasible":
            solution = attempt(items, cut=0, optional=True)
    if solution.status == "infeasible":
        raise fail("place-infeasible", f"page {page.number}: the slots given leave no room "
                   f"for {', '.join(i.id for i in items) or 'anything'}", file=page.file,
                   hint="free some of the page, or list fewer articles under place:")
    names = {s.name for s in fixed}
    slots = list(adverts)
    fixed = [s for s in fixed if s not in adverts]
    for choice in solution.choices:
        slots.append(_slot(choice, names, page.number, next_number, later,
                           measurer.sizes.get(choice.item.id)))
        names.add(slots[-1].name)
    placed = {c.item.id for c in solution.choices} | {s.article for s in adverts}
    plan = PagePlan(page, new, [a for a in own if a in placed], fixed, slots, solution)
    plan.seconds = round(time.perf_counter() - started, 3)
    plan.measure_seconds = round(measured - started, 3)
    plan.measured = sum(m.composed for m in measurers.values()) - composed
    _compose(edition, chains, plan, jumps, sink)
    return plan


def _cuttable(items: list[sh.Item], count: int, measurer: Measurer, edition: Edition,
              grid, style_size: float) -> list[sh.Item]:
    """``items`` with the last ``count`` articles given shapes that hold only the start of
    their text (the rest continued on a later page)."""
    out = list(items)
    for n in [n for n, i in enumerate(out) if i.kind == "article"][-count:]:
        out[n] = replace(out[n], shapes=tuple(sh.text_shapes(
            measurer, edition.articles[out[n].id], grid, lead=n == 0, partial=True,
            style_size=style_size)))
    return out


def _adverts_at_the_foot(edition: Edition, own: list[str], fixed: list[Slot], grid,
                         sink: Sink) -> list[Slot]:
    """The advertisements among ``own``, each at its booked size at the foot of the page,
    from the right edge leftwards (as papers sell the foot of a page); an advert with no
    booked size, or for which the foot has no room, is left for the editor (a warning)."""
    out: list[Slot] = []
    right = grid.columns
    for ident in own:
        article = edition.articles[ident]
        if article.kind != "advert":
            continue
        shapes = sh.advert_shapes(article, grid)
        if not shapes:
            sink.warn("place-advert", f"advert {ident} has no booked size (advert: "
                      f"{{width_mm, height_mm}}); it is left for the editor to place",
                      article=ident, file=article.where.file,
                      hint="give its booked size, or give it a slot by hand and take it "
                           "out of place:")
            continue
        shape = shapes[0]
        height = shape.low + (1 if shape.low < grid.lines else 0)        # the rule above
        slot = Slot(article=ident, column=right - shape.span + 1, span=shape.span,
                    top=grid.lines - height, height=height, name=ident)
        clash = any(slot.column < s.column + s.span and s.column < slot.column + slot.span
                    and slot.top < s.top + s.height and s.top < slot.top + slot.height
                    for s in fixed + out)
        if slot.column < 1 or clash:
            sink.warn("place-advert", f"advert {ident} ({shape.span} columns, {height} "
                      f"lines) finds no room at the foot of the page", article=ident,
                      file=article.where.file,
                      hint="give it a slot by hand and take it out of place:")
            continue
        out.append(slot)
        right -= shape.span
    return out


def _least_area(item: sh.Item) -> int:
    """The fewest grid cells the item can take whole (cut short when it cannot), its
    rule line counted."""
    whole = [s.span * (s.low + 1) for s in item.shapes if not s.partial]
    return min(whole or [s.span * (s.low + 1) for s in item.shapes] or [0])


def _with_partials(measurer: Measurer, edition: Edition, grid, item: sh.Item,
                   style_size: float) -> sh.Item:
    """The item with shapes that hold only the start of its text too."""
    if item.kind not in ("article", "continuation"):
        return item
    article = edition.articles[item.id]
    shapes = sh.text_shapes(measurer, article, grid, lead=False, partial=True,
                            remainder=item.remainder, style_size=style_size)
    return replace(item, shapes=tuple(shapes))


def _rank_sizes(edition: Edition, own: list[str], measurer: Measurer) -> None:
    """The headline size of each article ``own`` lists, by its place among the page's
    articles (the style sheet's headline_ranks; none when it gives no ranks)."""
    ranks = edition.style.headline_ranks
    if not ranks:
        return
    articles = [i for i in own if edition.articles[i].kind == "article"]
    for n, ident in enumerate(articles):
        measurer.sizes[ident] = ranks[min(n, len(ranks) - 1)]


def _slot(choice: Choice, names: set[str], page: int, next_number: int,
          later: bool, headline_size: float | None = None) -> Slot:
    """The page spec's slot for a choice of the solver."""
    item, shape = choice.item, choice.shape
    base = item.id if item.kind != "continuation" else f"{item.id}-{page}"
    name, n = base, 1
    while name in names:
        n += 1
        name = f"{base}-{n}"
    extra: dict = {}
    if shape.columns != shape.span:
        extra["columns"] = shape.columns
    if shape.picture is not None and item.kind == "article":
        body = choice.height - choice.rule - shape.head
        if shape.kind == "partial":
            lines = shape.picture.low
        else:
            per_column = -(-shape.body // shape.columns)
            lines = min(shape.picture.high, body - per_column)
        extra["photo"] = PhotoArea(position="top", lines=lines)
    if headline_size and item.kind == "article":
        extra["headline_size"] = headline_size
    if shape.kind == "partial" and later:
        extra["continues"] = Jump(page=next_number, slot=f"{item.id}-{next_number}")
    return Slot(article=item.id, column=choice.column + 1, span=shape.span,
                top=choice.top, height=choice.height, name=name, **extra)


def _compose(edition: Edition, chains: dict, plan: PagePlan, jumps: dict,
             sink: Sink) -> None:
    """Compose the page with its chosen slots, as the build will: the copyfit reports,
    and the text a jump hands on to the next page."""
    page = replace(plan.page, spec=replace(plan.page.spec, slots=plan.all_slots(),
                                           place=tuple(plan.place)),
                   slots=plan.all_slots())
    ctx = Context(edition.style, chains, sink, page.grid, punctuation_of(edition))
    scratch = replace(ctx, sink=Sink())
    _, reports = compose_page(scratch, page, edition, jumps)
    for diagnostic in scratch.sink:
        if diagnostic.code in ("overset", "photo-small", "headline-long"):
            sink.add(diagnostic)
    plan.reports = reports
    plan.page = page

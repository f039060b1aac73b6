"""What the e-paper site holds: its pages and articles in reading order, where each article
stands on which page, the jumps between its parts, and the file every page and article
goes to.  Everything here comes from the page model and the edition's source."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from layout.compose.page import chinese_date
from layout.display import PageOut, Region, TextLine
from layout.spec.model import Article


def page_file(number: int) -> str:
    return f"page-{number:02d}.html"


def article_file(article: str) -> str:
    return f"article-{article}.html"


def page_label(number: int, section: str = "") -> str:
    """第01版：要闻 — how Chinese digital editions name a page."""
    return f"第{number:02d}版" + (f"：{section}" if section else "")


def href(path: str, fragment: str = "") -> str:
    """A relative link to a site file (article ids may be Chinese), with a fragment."""
    return quote(path) + (f"#{quote(fragment)}" if fragment else "")


@dataclass(frozen=True)
class Placement:
    """An article's region on one page; ``anchor`` is the region's id in the page view,
    so ``page-01.html#a-haidian`` shows the page with the region highlighted."""

    page: int
    section: str
    region: Region
    anchor: str

    @property
    def href(self) -> str:
        return href(page_file(self.page), self.anchor)


@dataclass(frozen=True)
class Jump:
    """One end of a jump (转版): the jump line on ``page`` (its box in pt) and the region
    it leads to on ``target``."""

    article: str
    kind: str                          # continued-on (下转) | continued-from (上接)
    page: int
    box: tuple[float, float, float, float]
    target: Placement

    @property
    def label(self) -> str:
        verb = "下转" if self.kind == "continued-on" else "上接"
        return f"{verb}第{self.target.page}版"


@dataclass(frozen=True)
class Split:
    """Where the print text of a jumped article passes from one page to the next: before
    body item ``item``'s character ``offset`` (0: between items)."""

    item: int
    offset: int
    on: Jump                           # the 下转 line before the split
    back: Jump | None                  # the 上接 line after it


@dataclass(frozen=True)
class SiteArticle:
    """An article of the site: its source, where it is printed, its neighbours."""

    article: Article
    placements: tuple[Placement, ...]
    jumps: tuple[Jump, ...]
    splits: tuple[Split, ...]
    number: int                        # place in the edition's reading order, from 1

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def file(self) -> str:
        return article_file(self.article.id)

    @property
    def home(self) -> Placement:
        """Where the article starts."""
        return self.placements[0]

    @property
    def title(self) -> str:
        a = self.article
        return a.headline or a.kicker or a.subheadline or _first_text(a) or a.id

    @property
    def base_dir(self) -> Path:
        """The folder the article's picture files are relative to."""
        file = self.article.where.file
        return Path(file).parent if file else Path(".")


@dataclass(frozen=True)
class SitePage:
    """A page of the site: the page model and the articles on it in reading order."""

    page: PageOut
    placements: tuple[Placement, ...]
    jumps: tuple[Jump, ...]

    @property
    def number(self) -> int:
        return self.page.number

    @property
    def file(self) -> str:
        return page_file(self.page.number)

    @property
    def label(self) -> str:
        return page_label(self.page.number, self.page.section)

    @property
    def stem(self) -> str:
        return f"page-{self.page.number:02d}"


@dataclass(frozen=True)
class Plan:
    """The whole site: edition facts, pages and articles in reading order."""

    name: str
    date: _dt.date
    issue: str
    language: str
    pages: tuple[SitePage, ...]
    articles: tuple[SiteArticle, ...]

    @property
    def date_text(self) -> str:
        """2024年2月26日 星期一."""
        return chinese_date(self.date)

    def article(self, ident: str) -> SiteArticle:
        return next(a for a in self.articles if a.id == ident)

    def neighbours(self, items, item):
        """The items before and after ``item`` in ``items`` (None at the ends)."""
        k = items.index(item)
        return (items[k - 1] if k > 0 else None,
                items[k + 1] if k + 1 < len(items) else None)


def _first_text(article: Article) -> str:
    texts = article.texts
    return texts[0][:24] if texts else ""


def _anchors(page: PageOut) -> dict[str, str]:
    """Region slot → fragment id: ``a-ARTICLE``, with the slot added when an article has
    two regions on one page."""
    seen: dict[str, int] = {}
    out = {}
    for region in sorted(page.regions, key=lambda r: r.order):
        n = seen[region.article] = seen.get(region.article, 0) + 1
        out[region.slot] = f"a-{region.article}" + (f"-{region.slot}" if n > 1 else "")
    return out


def plan_site(composed) -> Plan:
    """The site of a composed edition (:class:`layout.build.Composed`)."""
    edition = composed.edition
    placements: dict[tuple[int, str], Placement] = {}
    by_page: dict[int, list[Placement]] = {}
    for page in composed.pages:
        anchors = _anchors(page)
        for region in sorted(page.regions, key=lambda r: r.order):
            p = Placement(page.number, page.section, region, anchors[region.slot])
            placements[(page.number, region.slot)] = p
            by_page.setdefault(page.number, []).append(p)
    jumps_by_page: dict[int, list[Jump]] = {}
    for page in composed.pages:
        for link in page.links:
            target = placements.get((link.page, link.slot))
            if target is not None:
                jumps_by_page.setdefault(page.number, []).append(
                    Jump(link.article, link.kind, page.number, link.box, target))
    order: list[str] = []
    for page in composed.pages:
        for p in by_page.get(page.number, ()):
            if p.region.article not in order and p.region.article in edition.articles:
                order.append(p.region.article)
    articles = []
    for number, ident in enumerate(order, 1):
        mine = tuple(p for page in composed.pages for p in by_page.get(page.number, ())
                     if p.region.article == ident)
        jumps = tuple(j for page in composed.pages for j in jumps_by_page.get(page.number, ())
                      if j.article == ident)
        article = edition.articles[ident]
        articles.append(SiteArticle(article, mine, jumps,
                                    _splits(article, composed.pages, jumps), number))
    pages = tuple(SitePage(page, tuple(by_page.get(page.number, ())),
                           tuple(jumps_by_page.get(page.number, ())))
                  for page in composed.pages)
    spec = edition.spec
    return Plan(spec.name, spec.date, spec.issue, spec.language, pages, tuple(articles))


def _splits(article: Article, pages: list[PageOut], jumps: tuple[Jump, ...]
            ) -> tuple[Split, ...]:
    """Where the article's body passes to the page each 下转 line points at: the first
    body line set there, found by block and by the text the lines carry."""
    out = []
    for on in (j for j in jumps if j.kind == "continued-on"):
        page = next((p for p in pages if p.number == on.target.page), None)
        if page is None:
            continue
        lines = [line for line in page.lines(article.id)
                 if line.block.kind in ("paragraph", "subhead")]
        if not lines:
            continue
        first = lines[0].block
        item, offset = first.index, 0
        if first.kind == "paragraph" and lines[0].line > 0:
            offset = _offset(article, first.index, [ln for ln in lines if ln.block == first])
        back = next((j for j in jumps if j.kind == "continued-from"
                     and j.page == on.target.page), None)
        out.append(Split(item, offset, on, back))
    return tuple(out)


def _offset(article: Article, item: int, lines: list[TextLine]) -> int:
    """The character of body item ``item`` where ``lines`` (its last lines) begin; 0 when
    the text does not match (then the mark goes before the paragraph)."""
    if item >= len(article.paragraphs) or not isinstance(article.paragraphs[item], str):
        return 0
    text = article.paragraphs[item]
    tail = "".join(line.text + line.joiner for line in lines)
    return len(text) - len(tail) if tail and text.endswith(tail) else 0


"""``epaper import``: page-shaped plain text → an edition directory that builds as it is
(edition.yaml, articles/*.yaml, pages/*.yaml), items placed by :mod:`layout.importer.place`."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from layout.compose import headline as head
from layout.compose.context import Context
from layout.compose.slot import caption_lines, compose_slot, lines_for
from layout.diagnostics import Diagnostic, Sink
from layout.importer.parse import ParsedItem, make_id, parse_page_text, read_page_text
from layout.importer.place import plan_pages
from layout.output import write_atomic
from layout.spec.load import load_edition
from layout.spec.model import Article, Photo, Slot


@dataclass
class ImportResult:
    diagnostics: list[Diagnostic]
    articles: int
    pages: int


def to_article(item: ParsedItem, n: int, where: str) -> Article:
    ident = make_id(item, n)
    if item.kind == "photo":
        return Article(id=ident, kind="photo", headline=item.headline,
                       paragraphs=item.paragraphs, photos=(Photo(credit=item.credit or ""),))
    if item.kind == "banner":
        return Article(id=ident, kind="banner", headline=item.headline)
    return Article(id=ident, kicker=item.kicker or "", headline=item.headline,
                   subheadline=item.subheadline or "", byline=item.byline or "",
                   paragraphs=item.paragraphs)


def article_yaml(article: Article, source: str) -> dict:
    data: dict = {"id": article.id, "kind": article.kind}
    if article.kicker:
        data["kicker"] = article.kicker
    data["headline"] = article.headline
    if article.subheadline:
        data["subheadline"] = article.subheadline
    if article.byline:
        data["byline"] = article.byline
    if article.paragraphs:
        data["paragraphs"] = list(article.paragraphs)
    if article.photos:
        data["photos"] = [{k: v for k, v in (("caption", p.caption), ("credit", p.credit)) if v}
                          for p in article.photos]
    return data


def _dump(data: dict, comment: str = "") -> bytes:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return ((f"# {comment}\n" if comment else "") + text).encode("utf-8")


def slot_yaml(slot: Slot) -> dict:
    data = {"name": slot.name, "article": slot.article, "column": slot.column,
            "span": slot.span, "top": slot.top, "height": slot.height}
    return data


def _measure(ctx: Context, articles: dict[str, Article]):
    def measure(article: Article, slot: Slot) -> int:
        gap = 1 if slot.top > 0 else 0
        if article.kind == "photo":
            width = ctx.grid.span_width(slot.span)
            hs = head.set_headline(ctx, article.headline, "photo_headline", width)
            st = ctx.text_style("photo_headline")
            photo = article.photos[0] if article.photos else None
            cap = caption_lines(ctx, "".join(article.texts),
                                photo.credit if photo else "", width)
            return gap + lines_for(ctx, hs.height + st.space_after) + len(cap)
        scratch = Context(ctx.style, ctx.chains, Sink(), ctx.grid, ctx.punctuation)
        report = compose_slot(scratch, 0, slot, article, Path(".")).report
        if report.overset_lines:
            return slot.height + report.overset_lines
        return report.bottom - slot.top
    return measure


def import_text(text_path: Path, out: Path, *, name: str = "劳动午报", date: str | None = None,
                size: str = "broadsheet", first_page: int = 1, library=None) -> ImportResult:
    """Parse ``text_path`` and write a complete edition into ``out``."""
    from layout.build import resolve_chains
    from layout.fonts import FontLibrary
    sink = Sink()
    text = read_page_text(text_path)
    items = parse_page_text(text, file=str(text_path), sink=sink)
    articles = [to_article(item, n, str(text_path)) for n, item in enumerate(items)]
    try:
        day = _dt.date.fromisoformat(date) if date else _dt.date.today()
    except ValueError:
        from layout.diagnostics import fail
        raise fail("import-date", f"--date {date!r} is not a date",
                   hint="give the issue date as YYYY-MM-DD") from None
    if (out / "edition.yaml").exists():
        from layout.diagnostics import fail
        raise fail("import-exists", f"{out} already holds an edition", file=out / "edition.yaml",
                   hint="import into a new folder, or remove the old edition first")
    out.mkdir(parents=True, exist_ok=True)
    for article in articles:
        write_atomic(out / "articles" / f"{article.id}.yaml",
                     _dump(article_yaml(article, str(text_path)),
                           f"imported from {text_path.name}"))
    page_file = out / "pages" / f"p{first_page:02d}.yaml"
    base_page = {"number": first_page, "section": "", "size": size, "slots": []}
    write_atomic(page_file, _dump(base_page))
    edition = {"name": name, "date": day.isoformat(), "style": "newspaper", "fonts": "fonts",
               "pages": [f"pages/p{first_page:02d}.yaml"]}
    write_atomic(out / "edition.yaml", _dump(edition, f"imported from {text_path.name}"))
    loaded = load_edition(out)
    library = library or FontLibrary()
    chains = resolve_chains(loaded, library)
    grid = loaded.pages[0].grid
    ctx = Context(loaded.style, chains, sink, grid)
    by_id = {a.id: a for a in articles}
    plans = plan_pages(articles, grid.columns, grid.lines, first_page, _measure(ctx, by_id))
    names = []
    for plan in plans:
        page = dict(base_page, number=plan.number,
                    slots=[slot_yaml(s) for s in plan.slots])
        file = f"pages/p{plan.number:02d}.yaml"
        write_atomic(out / file, _dump(page, "slots placed by epaper import"))
        names.append(file)
    edition["pages"] = names
    write_atomic(out / "edition.yaml", _dump(edition, f"imported from {text_path.name}"))
    load_edition(out)  # the result must validate
    return ImportResult(list(sink), len(articles), len(plans))

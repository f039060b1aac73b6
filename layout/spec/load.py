"""Load an edition directory into the validated model, checking cross-references once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from layout.diagnostics import fail
from layout.spec import schema
from layout.spec.grid import PageGrid, resolve_grid
from layout.spec.model import Article, EditionSpec, FontSet, PageSpec, Slot, StyleSheet

EDITION_FILE = "edition.yaml"


@dataclass(frozen=True)
class Page:
    """A page spec with its resolved grid and its slots named."""

    spec: PageSpec
    grid: PageGrid
    slots: tuple[Slot, ...]
    file: Path

    @property
    def number(self) -> int:
        return self.spec.number


@dataclass(frozen=True)
class Edition:
    """Everything a build needs, validated."""

    spec: EditionSpec
    root: Path
    file: Path
    style: StyleSheet
    style_file: Path
    fonts: FontSet
    fonts_file: Path
    articles: dict[str, Article]
    pages: tuple[Page, ...]


def edition_file(path: Path) -> Path:
    """The edition.yaml for ``path`` (an edition directory or the file itself)."""
    path = Path(path)
    if path.is_dir():
        path = path / EDITION_FILE
    if not path.is_file():
        raise fail("edition-missing", f"no edition file at {path}", file=path,
                   hint="give an edition directory containing edition.yaml, or its path")
    _not_another_kind(path)
    return path


#: Top-level keys that tell the other file kinds apart from an edition file.
OTHER_KINDS = (("slots", "a page spec"), ("paragraphs", "an article"),
               ("headline", "an article"), ("roles", "a font set or a fonts.lock"),
               ("typography", "a style sheet"), ("body", "a style sheet"))


def _not_another_kind(path: Path) -> None:
    """A page spec, article, style sheet or font set given where an edition is expected
    gets told so, rather than a list of unknown keys."""
    root = schema.Source.load(path).root
    if not isinstance(root, yaml.MappingNode):
        return
    keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    if "pages" in keys:
        return
    for key, kind in OTHER_KINDS:
        if key in keys:
            raise fail("not-an-edition", f"{path.name} is {kind}, not an edition file",
                       file=path, hint="give the edition folder, or its edition.yaml")


def find_named(value: str, base: Path, folder: str, what: str, where: schema.Where) -> Path:
    """Resolve a style sheet or font set: a path relative to ``base``, or a name looked up in
    a ``folder`` of the edition's directory or of a directory above it (the project)."""
    direct = (base / value)
    if direct.suffix in (".yaml", ".yml") and direct.is_file():
        return direct
    package = Path(__file__).resolve().parents[1]
    places = [parent / folder for parent in (base, *base.parents, package.parent)]
    places.append(package / "defaults" / folder)      # installed with the package
    for place in places:
        for candidate in (place / f"{value}.yaml", place / value):
            if candidate.is_file():
                return candidate
    raise fail(f"{what}-missing", f"{what} {value!r} not found", file=where.file,
               line=where.at(what), path=what,
               hint=f"give a file path relative to the edition, or a name in a {folder}/ "
                    f"folder beside or above it")


def load_articles(folder: Path, where: schema.Where) -> dict[str, Article]:
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise fail("articles-missing", f"article folder {folder} {what}",
                   file=where.file, line=where.at("articles"), path="articles",
                   hint="create it or set 'articles:' in the edition file")
    articles: dict[str, Article] = {}
    for path in sorted(folder.glob("*.yaml")):
        article = schema.load(Article, path)
        if article.id in articles:
            other = articles[article.id].where
            raise fail("article-duplicate", f"article id {article.id!r} is also used in "
                       f"{other.file}", file=path, line=article.where.line, path="id",
                       hint="give each article its own id")
        articles[article.id] = article
    return articles


def _named_slots(spec: PageSpec) -> tuple[Slot, ...]:
    from dataclasses import replace
    return tuple(s if s.name else replace(s, name=f"s{i + 1}") for i, s in enumerate(spec.slots))


def check_page(page: Page, articles: dict[str, Article]) -> None:
    """Slots must name existing articles, lie inside the grid and not overlap."""
    grid = page.grid
    names: set[str] = set()
    for slot in page.slots:
        here = dict(file=slot.where.file, line=slot.where.line)
        if slot.name in names:
            raise fail("slot-duplicate", f"slot name {slot.name!r} is used twice", **here,
                       hint="give each slot its own name")
        names.add(slot.name)
        if slot.article not in articles:
            import difflib
            near = difflib.get_close_matches(slot.article, list(articles), n=1)
            raise fail("slot-article-missing", f"slot {slot.name} names article "
                       f"{slot.article!r}, which does not exist", **here,
                       hint=f"did you mean {near[0]!r}?" if near else
                       "add the article file or correct the id")
        if slot.column - 1 + slot.span > grid.columns:
            raise fail("slot-outside", f"slot {slot.name} covers columns {slot.column}-"
                       f"{slot.column + slot.span - 1} but the page has {grid.columns}", **here,
                       hint="reduce span or column")
        if slot.top + slot.height > grid.lines:
            raise fail("slot-outside", f"slot {slot.name} covers grid lines {slot.top}-"
                       f"{slot.top + slot.height - 1} but the page has lines 0-"
                       f"{grid.lines - 1}", **here, hint="reduce top or height")
        if slot.columns and slot.columns > slot.span * 2:
            raise fail("slot-columns", f"slot {slot.name} asks for {slot.columns} text columns "
                       f"in {slot.span} page columns", **here, hint="use at most 2 per column")
    for i, a in enumerate(page.slots):
        for b in page.slots[i + 1:]:
            cols = a.column < b.column + b.span and b.column < a.column + a.span
            rows = a.top < b.top + b.height and b.top < a.top + a.height
            if cols and rows:
                raise fail("slot-overlap", f"slot {b.name} overlaps slot {a.name} "
                           f"(line {a.where.line})", file=b.where.file, line=b.where.line,
                           hint="move one of them: change column/span or top/height")


def check_jumps(pages: list[Page]) -> None:
    """A slot that continues (转版) must point at a slot of the same article on a later
    page; an article may be placed twice only as such a pair."""
    order = {p.number: k for k, p in enumerate(pages)}
    targets: set[tuple[int, str]] = set()
    for page in pages:
        for slot in page.slots:
            jump = slot.continues
            if jump is None:
                continue
            here = dict(file=slot.where.file, line=slot.where.line, path="continues")
            target_page = next((p for p in pages if p.number == jump.page), None)
            if target_page is None or order[jump.page] <= order[page.number]:
                raise fail("jump-page", f"slot {slot.name} continues on page {jump.page}, "
                           f"which is not a later page of this edition", **here,
                           hint="list the continuation page after this one in edition.yaml")
            target = next((s for s in target_page.slots if s.name == jump.slot), None)
            if target is None:
                names = ", ".join(s.name for s in target_page.slots)
                raise fail("jump-slot", f"page {jump.page} has no slot {jump.slot!r}", **here,
                           hint=f"slots there: {names}")
            if target.article != slot.article:
                raise fail("jump-article", f"slot {jump.slot} on page {jump.page} holds "
                           f"{target.article!r}, not {slot.article!r}", **here,
                           hint="the continuation slot must name the same article")
            targets.add((jump.page, jump.slot))
    seen: dict[str, Slot] = {}
    for page in pages:
        for slot in page.slots:
            if (page.number, slot.name) in targets:
                continue
            if slot.article in seen:
                raise fail("article-twice", f"article {slot.article!r} is placed twice "
                           f"(also in slot {seen[slot.article].name})", file=slot.where.file,
                           line=slot.where.line, hint="to continue it on a later page, give "
                           "the first slot 'continues: {page: N, slot: NAME}'")
            seen[slot.article] = slot


def load_edition(path: Path) -> Edition:
    """Read and validate an edition: edition.yaml, style sheet, font set, articles, pages."""
    file = edition_file(path)
    root = file.parent
    spec: EditionSpec = schema.load(EditionSpec, file)
    style_file = find_named(spec.style, root, "styles", "style", spec.where)
    style: StyleSheet = schema.load(StyleSheet, style_file)
    fonts_file = find_named(spec.fonts, root, "fonts", "fonts", spec.where)
    fonts: FontSet = schema.load(FontSet, fonts_file)
    if not spec.pages:
        raise fail("pages-missing", "the edition lists no pages", file=file,
                   line=spec.where.at("pages"), path="pages",
                   hint="list the page spec files under 'pages:'")
    articles = load_articles(root / spec.articles, spec.where)
    pages = []
    for index, name in enumerate(spec.pages):
        page_file = root / name
        page_spec: PageSpec = schema.load(PageSpec, page_file)
        try:
            grid = resolve_grid(page_spec, header=page_spec.header.show)
        except ValueError as exc:
            raise fail("page-grid", str(exc), file=page_file, line=page_spec.where.line,
                       hint="check size, margins and grid") from None
        page = Page(page_spec, grid, _named_slots(page_spec), page_file)
        check_page(page, articles)
        pages.append(page)
    numbers = [p.number for p in pages]
    if len(set(numbers)) != len(numbers):
        raise fail("page-duplicate", f"two pages have the same number: {numbers}", file=file,
                   hint="give each page spec its own 'number'")
    check_jumps(pages)
    return Edition(spec, root, file, style, style_file, fonts, fonts_file, articles,
                   tuple(pages))

"""``epaper import``: page-shaped plain text → an edition directory that builds as it is
(edition.yaml, articles/*.yaml, pages/*.yaml), items placed by :mod:`layout.place` (through
:mod:`layout.importer.place`)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from layout.diagnostics import Diagnostic, Sink, fail
from layout.importer.parse import (
    ParsedItem,
    ParsedPage,
    make_id,
    parse_page,
    read_page_text,
)
from layout.importer.place import MAX_PAGES, place_imported
from layout.output import write_atomic
from layout.spec.load import load_edition
from layout.spec.model import Article, Photo


@dataclass
class ImportResult:
    diagnostics: list[Diagnostic]
    articles: int
    pages: int
    page: ParsedPage


def to_article(item: ParsedItem, n: int) -> Article:
    """The article file of the ``n``-th item of a page."""
    ident = make_id(item, n)
    if item.kind == "banner":
        return Article(id=ident, kind="banner", headline=item.headline)
    return Article(id=ident, kind=item.kind, kicker=item.kicker, headline=item.headline,
                   subheadline=item.subheadline, byline=item.byline,
                   byline_position=item.byline_position if item.byline else None,
                   dateline=item.dateline, editor_note=item.editor_note, lead=item.lead,
                   paragraphs=item.paragraphs,
                   photos=tuple(Photo(caption=p.caption, credit=p.credit) for p in item.photos))


def article_yaml(article: Article) -> dict:
    """The keys of ``article`` worth writing, in the order of the model, empty ones left out;
    subheads as ``{subhead: …}``, pictures without a file (a placeholder until one is
    given)."""
    data: dict = {"id": article.id, "kind": article.kind}
    for key in ("kicker", "headline", "subheadline", "byline", "byline_position", "dateline",
                "editor_note", "lead"):
        value = getattr(article, key)
        if value or key == "headline":
            data[key] = value
    if article.paragraphs:
        data["paragraphs"] = [p if isinstance(p, str) else {"subhead": p.subhead}
                              for p in article.paragraphs]
    if article.photos:
        data["photos"] = [{k: v for k, v in (("caption", p.caption), ("credit", p.credit)) if v}
                          for p in article.photos]
    return data


def _dump(data: dict, comment: str = "") -> bytes:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return ((f"# {comment}\n" if comment else "") + text).encode("utf-8")


#: Largest text ``import`` places (bytes of UTF-8): about five broadsheet pages.  Placing
#: takes a few seconds a page; a larger text is refused rather than left running.
IMPORT_MAX_BYTES = 160_000
#: The font set an edition of each script uses.
FONT_SETS = {"zh-Hans": "fonts", "zh-Hant": "fonts-hant"}


@dataclass(frozen=True)
class ImportOptions:
    """What ``epaper import`` takes from its options; None: not given."""

    name: str | None = None
    date: str | None = None          # YYYY-MM-DD, or "today"
    issue: str | None = None
    section: str | None = None
    page: int | None = None          # 版次
    size: str | None = None          # broadsheet | tabloid
    pages: int = MAX_PAGES           # most pages placing may fill
    place: bool = True               # False: list the items under place:, choose no slots


def issue_date(options: ImportOptions, labels: dict[str, str], lines: dict[str, int],
               file: Path) -> _dt.date:
    """The issue date the options give; an error naming what to do when they give none."""
    said = (f"; the text's line {lines['date']} says {labels['date']}" if "date" in labels
            else "")
    if options.date is None:
        raise fail("import-date", "no issue date: import does not guess it", file=file,
                   hint=f"give --date YYYY-MM-DD (or --date today){said}")
    if options.date == "today":
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(options.date)
    except ValueError:
        raise fail("import-date", f"--date {options.date!r} is not a date", file=file,
                   hint="give the issue date as YYYY-MM-DD, or today") from None


def page_number(options: ImportOptions, labels: dict[str, str], lines: dict[str, int],
                file: Path) -> int:
    """The page number (版次) the options give; an error when they give none."""
    if options.page is None:
        said = (f"; the text's line {lines['page']} names page {labels['page']}"
                if "page" in labels else "")
        raise fail("import-page", "no page number (版次): import does not guess it", file=file,
                   hint=f"give --page N{said}")
    if options.page < 1:
        raise fail("import-page", f"--page {options.page} is not a page number", file=file,
                   hint="give the page number (版次) as 1, 2, 3 …")
    return options.page


def _check_labels(sink: Sink, options: ImportOptions, day: _dt.date, number: int,
                  labels: dict[str, str], lines: dict[str, int], file: Path) -> None:
    """Warn where the text's own page labels disagree with the options or name what the
    options left out."""
    where = {"file": str(file)}
    if "date" in labels and labels["date"] != day.isoformat():
        sink.warn("label-mismatch", f"the text's date {labels['date']} differs from --date "
                  f"{day.isoformat()}", line=lines["date"], hint="check the issue date", **where)
    if labels.get("page", "").isdigit() and int(labels["page"]) != number:
        sink.warn("label-mismatch", f"the text names page {labels['page']}, --page is {number}",
                  line=lines["page"], hint="check the page number", **where)
    if "section" in labels and not options.section:
        sink.warn("section-missing", f"the text names the section {labels['section']} but "
                  f"--section is not given: the page header shows no section name",
                  line=lines["section"], hint=f"give --section {labels['section']}", **where)
    if not options.name:
        sink.warn("name-missing", "no --name: the page header shows no newspaper name",
                  hint="give --name, or set name: in edition.yaml", **where)


def page_yaml(number: int, options: ImportOptions, page: ParsedPage, place=()) -> dict:
    """The page spec: number, section, size, the header and footer furniture, the items
    to place (slots are chosen by the placer)."""
    data: dict = {"number": number, "section": options.section or ""}
    if options.size:
        data["size"] = options.size
    header = {k: v for k, v in page.header.items() if v}
    if header:
        data["header"] = header
    if page.footer:
        data["footer"] = list(page.footer)
    data["place"] = list(place)
    data["slots"] = []
    return data


def import_text(text_path: Path, out: Path, options: ImportOptions | None = None, *,
                library=None) -> ImportResult:
    """Parse ``text_path`` and write a complete edition into ``out``.

    Only what ``options`` give is used for the newspaper's name, issue date, issue number,
    section, page number and size: a missing date or page number is an error, a missing
    name, issue or section is left empty (with a warning when the text names one), a
    missing size leaves the page spec's default (broadsheet)."""
    from layout.fonts import FontLibrary
    options = options or ImportOptions()
    sink = Sink()
    text = read_page_text(text_path)
    size = len(text.encode("utf-8"))
    if size > IMPORT_MAX_BYTES:
        raise fail("text-too-large", f"{text_path.name} has {size:,} bytes of text; import places "
                   f"at most {IMPORT_MAX_BYTES:,} (about five broadsheet pages): more would take "
                   f"minutes", file=text_path,
                   hint="split the text into one file per page and import each into its own "
                        "edition folder (import --explain reads larger files)")
    if (out / "edition.yaml").exists():
        raise fail("import-exists", f"{out} already holds an edition", file=out / "edition.yaml",
                   hint="import into a new folder, or remove the old edition first")
    page = parse_page(text, file=str(text_path), sink=sink)
    labels = page.labels
    lines = {k: f.line for f in page.furniture for k, _ in f.data}
    day = issue_date(options, labels, lines, text_path)
    first_page = page_number(options, labels, lines, text_path)
    _check_labels(sink, options, day, first_page, labels, lines, text_path)
    articles = [to_article(item, n) for n, item in enumerate(page.items)]
    out.mkdir(parents=True, exist_ok=True)
    for article in articles:
        write_atomic(out / "articles" / f"{article.id}.yaml",
                     _dump(article_yaml(article), f"imported from {text_path.name}"))
    page_file = out / "pages" / f"p{first_page:02d}.yaml"
    write_atomic(page_file, _dump(page_yaml(first_page, options, page,
                                            [a.id for a in articles]),
                                  "the items of the text in its order, the lead first; "
                                  "epaper place chooses their slots"))
    edition = {"name": options.name or "", "date": day.isoformat()}
    if options.issue:
        edition["issue"] = options.issue
    if page.language != "zh-Hans":
        edition["language"] = page.language
    edition.update({"style": "newspaper", "fonts": FONT_SETS[page.language],
                    "pages": [f"pages/p{first_page:02d}.yaml"]})
    write_atomic(out / "edition.yaml", _dump(edition, f"imported from {text_path.name}"))
    pages = 1
    if options.place:
        placement, found = place_imported(out, library or FontLibrary(), options.pages)
        for diagnostic in found:
            sink.add(diagnostic)
        pages = len(placement.pages)
    load_edition(out)  # the result must validate
    return ImportResult(list(sink), len(articles), pages, page)

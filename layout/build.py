"""Build an edition: load and validate, resolve fonts, compose every page, check what the
press needs, render the PDFs, and publish every output together with report.json — or, when
the build stops, a report saying why beside the earlier outputs, untouched."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from layout.compose.context import Context
from layout.compose.page import compose_page
from layout.compose.slot import SlotReport
from layout.diagnostics import Diagnostic, EpaperError, Sink
from layout.display import PageOut
from layout.fonts import FontChain, FontLibrary
from layout.fonts.edition import (article_texts, check_coverage, check_lock, font_usage,
                                  resolve_chains, write_lock)
from layout.compose.page import chinese_date
from layout.press import check_print, pdfa_intent, press_gate, print_settings
from layout.publish import Publisher
from layout.report import dump, failure_report, kept_outputs, report_json
from layout.spec.load import Edition, load_edition

__all__ = ["Composed", "compose_edition", "render", "build", "BuildOptions",
           "PressGateError", "article_texts", "font_usage", "resolve_chains",
           "check_print", "print_settings"]


@dataclass
class Composed:
    """An edition laid out: pages, copyfit reports and diagnostics."""

    edition: Edition
    pages: list[PageOut]
    slots: list[SlotReport]
    sink: Sink
    chains: dict[str, FontChain]
    timing: dict = field(default_factory=dict)
    new_lock: bool = False          # the edition has no fonts.lock yet: write one


@dataclass(frozen=True)
class BuildOptions:
    """How to build: what the command line says."""

    strict: bool = False
    marks: bool | None = None
    pdfx: bool | None = None
    pdfa: bool = False
    proof: bool = False
    draft: bool = False
    epaper: bool = False
    alto: bool = False

    def to_json(self) -> dict:
        return dict(self.__dict__)


class PressGateError(EpaperError):
    """The build found what stops the press (overset, missing pictures …): exit status 3
    and no new PDFs, unless it is a draft."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics[0])
        self.diagnostics = diagnostics


def compose_edition(path: Path, library: FontLibrary, *, strict: bool = False,
                    progress: Callable[[str], None] = lambda message: None,
                    proof: bool = False) -> Composed:
    """Load, validate and lay out every page (no files written)."""
    started = time.perf_counter()
    edition = load_edition(path)
    sink = Sink(strict)
    chains = resolve_chains(edition, library)
    check_coverage(edition, chains, sink)
    new_lock = check_lock(edition, chains, sink)
    loaded = time.perf_counter()
    punctuation = edition.style.typography.punctuation
    if edition.spec.language == "zh-Hant" and punctuation == "gb":
        punctuation = "cns"
    pages, slots = [], []
    # (page, slot) → the text continued there (转版), filled as the first parts are set
    jumps: dict = {(s.continues.page, s.continues.slot): None
                   for p in edition.pages for s in p.slots if s.continues}
    for page in edition.pages:
        ctx = Context(edition.style, chains, sink, page.grid, punctuation)
        out, reports = compose_page(ctx, page, edition, jumps, proof)
        pages.append(out)
        slots.extend(reports)
        progress(f"page {page.number}: {len(page.slots)} slots composed")
    for article in edition.articles.values():
        if article.kind == "article" and not "".join(article.texts).strip():
            sink.warn("article-empty", f"article {article.id} has no text",
                      file=article.where.file, line=article.where.line, article=article.id,
                      hint="add its paragraphs, or make it kind: photo or banner")
    placed = {r.article for r in slots}
    for article in edition.articles.values():
        if article.id not in placed:
            sink.info("article-unplaced", f"article {article.id} is in no slot",
                      file=article.where.file, article=article.id,
                      hint="place it in a page spec or remove the file")
    timing = {"load_s": round(loaded - started, 3),
              "compose_s": round(time.perf_counter() - loaded, 3)}
    return Composed(edition, pages, slots, sink, chains, timing, new_lock)


def render(composed: Composed, library: FontLibrary, settings=None, pdfa: bool = False
           ) -> dict[str, bytes]:
    """PDF bytes of each page (page-NN.pdf) and of the whole edition (edition.pdf), each
    with its logical structure; PDF/X and PDF/A as the settings say."""
    from layout.writers.finish import DocInfo, OutputIntent, Structure, alt_texts, finish
    from layout.writers.pdf import PdfOptions, render_pdf
    e = composed.edition.spec
    settings = settings or print_settings(composed.edition)
    intent = OutputIntent(settings.output_intent, settings.output_condition) \
        if settings.pdfx else None
    archive = pdfa_intent(composed.edition, settings) if pdfa else None
    # PDF/A cannot vouch for overprinting (overprint mode 1): archive files knock out
    options = PdfOptions(bleed_mm=settings.bleed_mm, marks=settings.marks,
                         slug_mm=settings.slug_mm,
                         overprint_black=settings.overprint_black and not pdfa,
                         images=settings.images,
                         icc=str(settings.output_intent) if settings.output_intent else None)
    subject = " ".join(p for p in (e.name, chinese_date(e.date), e.issue) if p)
    alt = alt_texts(composed.pages)
    files = {}
    for page in composed.pages:
        data, marks = render_pdf([page], library, options)
        title = f"{e.name} {e.date.isoformat()} 第{page.number}版 {page.section}".strip()
        keywords = " ".join(k for k in (e.name, e.date.isoformat(), e.issue,
                                        f"第{page.number}版", page.section) if k)
        info = DocInfo(title, e.name, f"{subject} 第{page.number}版 {page.section}".strip(),
                       keywords, e.date, e.language)
        files[f"page-{page.number:02d}.pdf"] = finish(
            data, info, intent, pdfa=archive, structure=Structure(marks, alt))
    data, marks = render_pdf(composed.pages, library, options)
    keywords = " ".join(k for k in (e.name, e.date.isoformat(), e.issue) if k)
    info = DocInfo(f"{e.name} {e.date.isoformat()}", e.name, subject, keywords, e.date,
                   e.language)
    files["edition.pdf"] = finish(data, info, intent, pdfa=archive,
                                  structure=Structure(marks, alt))
    if archive is not None:
        check_pdfa(files)
    return files


def issue_info(edition: Edition):
    """What the archive files (ALTO, METS) say about the issue."""
    from layout import __version__
    from layout.writers.alto import Issue
    e = edition.spec
    return Issue(e.name, e.date, e.issue, e.language, f"epaper {__version__}")


def check_pdfa(files: dict[str, bytes]) -> None:
    """Every PDF/A file passes pikepdf's PDF/A-2b validator before it is published."""
    from io import BytesIO

    import pikepdf.pdfa
    for name, data in files.items():
        report = pikepdf.pdfa.validate_written(BytesIO(data), "2b")
        if not report.passed:
            finding = report.findings[0] if report.findings else "no verdict"
            raise EpaperError(Diagnostic(
                "error", "pdfa-invalid", f"{name} does not pass the PDF/A-2b validator: "
                f"{finding}", hint="report this file to epaper's maintainers; build "
                "without --pdfa meanwhile"))


def build(path: Path, out_dir: Path, library: FontLibrary,
          options: BuildOptions = BuildOptions(), *,
          progress: Callable[[str], None] = lambda message: None) -> dict:
    """Build and publish everything; returns the report.  When the build stops (bad input,
    an error, the press gate), the output folder keeps its earlier outputs and gets a
    report.json saying why, and the error is raised."""
    publisher = Publisher(out_dir)
    with publisher.locked(notice=progress):
        composed = None
        try:
            composed = compose_edition(path, library, strict=options.strict,
                                       progress=progress, proof=options.proof)
            report, files = _build(composed, library, options, progress)
        except EpaperError as exc:
            problems = getattr(exc, "diagnostics", [exc.diagnostic])
            kept = kept_outputs(publisher.out)
            publisher.publish({"report.json": dump(failure_report(
                problems, kept, composed, options.to_json()))}, keep_outputs=True)
            raise
        publisher.publish(files)
    if composed.new_lock:
        write_lock(composed.edition, composed.chains, composed.sink, progress)
    return report


def _build(composed: Composed, library: FontLibrary, options: BuildOptions,
           progress: Callable[[str], None]) -> tuple[dict, dict[str, bytes]]:
    """The files of a build (report.json last, listing the others) and its report."""
    settings = print_settings(composed.edition, options.marks, options.pdfx)
    if options.proof:
        composed.sink.info("proof", "proof pages: grids, slot frames and overset markers "
                           "are drawn; not for the press", file=composed.edition.file,
                           hint="build without --proof for the printer")
    check_print(composed, settings)
    if options.pdfa and settings.overprint_black:
        composed.sink.info("pdfa-knockout", "PDF/A files print black text and rules "
                           "knocked out, not overprinted (PDF/A forbids overprint mode 1)",
                           file=composed.edition.file, path="print.overprint_black",
                           hint="build the press files without --pdfa")
    errors = composed.sink.errors
    if errors:                         # nothing is written: earlier outputs stay as they were
        first = errors[0]
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        raise EpaperError(type(first)(**{**first.__dict__,
                                         "message": first.message + more}))
    gate = press_gate(composed.sink)
    if gate and not options.draft:
        raise PressGateError(gate)
    started = time.perf_counter()
    files = render(composed, library, settings, pdfa=options.pdfa)
    composed.timing["render_s"] = round(time.perf_counter() - started, 3)
    progress(f"rendered {len(files)} PDF files")
    if options.epaper:
        from layout.writers.epaper import epaper_site
        started = time.perf_counter()
        site = epaper_site(composed, files)
        files.update(site)
        composed.timing["epaper_s"] = round(time.perf_counter() - started, 3)
        progress(f"made the e-paper site: {len(site)} files")
    if options.alto:                   # ALTO per page and the issue's METS
        from layout.writers.mets import archive_files
        files.update(archive_files(composed.pages, issue_info(composed.edition), files))
    import hashlib
    outputs = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    report = report_json(composed, outputs, not gate, options.to_json())
    files["report.json"] = dump(report)
    return report, files

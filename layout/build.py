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
from layout import workers
from layout.cache import Caches
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
    jobs: int | None = None         # processes for pages (None: every core)
    cache: bool = True              # reuse slots and pages composed before (layout.cache)

    def to_json(self) -> dict:
        """The options that shape the outputs (how many processes made them and whether
        earlier work was reused does not)."""
        return {k: v for k, v in self.__dict__.items() if k not in ("jobs", "cache")}


class PressGateError(EpaperError):
    """The build found what stops the press (overset, missing pictures …): exit status 3
    and no new PDFs, unless it is a draft."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics[0])
        self.diagnostics = diagnostics


def compose_edition(path: Path, library: FontLibrary, *, strict: bool = False,
                    progress: Callable[[str], None] = lambda message: None,
                    proof: bool = False, jobs: int | None = 1,
                    caches: Caches | None = None) -> Composed:
    """Load, validate and lay out every page (no files written); pages are composed in
    ``jobs`` processes (None: every core), in waves when a page continues an article from
    another (转版); slots composed before with the same inputs come from ``caches``."""
    started = time.perf_counter()
    edition = load_edition(path, caches.files if caches is not None else None)
    sink = Sink(strict)
    chains = resolve_chains(edition, library)
    check_coverage(edition, chains, sink)
    new_lock = check_lock(edition, chains, sink)
    loaded = time.perf_counter()
    punctuation = edition.style.typography.punctuation
    if edition.spec.language == "zh-Hant" and punctuation == "gb":
        punctuation = "cns"
    # (page, slot) → the text continued there (转版), filled as the first parts are set
    jumps: dict = {(s.continues.page, s.continues.slot): None
                   for p in edition.pages for s in p.slots if s.continues}
    done: dict[int, tuple] = {}
    for wave in _waves(edition):
        shared = dict(edition=edition, chains=chains, strict=strict,
                      punctuation=punctuation, proof=proof, jumps=dict(jumps),
                      caches=caches)
        found: dict[int, tuple] = {}
        if caches is not None and workers.jobs_for(jobs, len(wave)) > 1:
            # the pages whose every slot is in the cache (after an edit, all but one or
            # two) are taken here, at once: workers start only for the others
            caches.probing = True
            try:
                probed = workers.run(_probe_page, wave, 1, **shared)
            finally:
                caches.probing = False
            found = {index: result for index, result in zip(wave, probed)
                     if result is not None}
        todo = [index for index in wave if index not in found]
        processes = workers.jobs_for(jobs, len(todo))
        composed = workers.run(_compose_page, todo, processes, **shared)
        for index, result in zip(todo, composed):
            found[index] = result
            if caches is not None and processes > 1:   # what a worker's cache did
                caches.slots.hits += result[4][0]
                caches.slots.misses += result[4][1]
        for index in wave:
            result = done[index] = found[index]
            jumps.update(result[3])
            page = edition.pages[index]
            progress(f"page {page.number}: {len(page.slots)} slots composed")
    pages, slots = [], []
    for index in range(len(edition.pages)):      # in page order, as one core would
        out, reports, diagnostics = done[index][:3]
        pages.append(out)
        slots.extend(reports)
        for diagnostic in diagnostics:
            sink.add(diagnostic)
    for article in edition.articles.values():
        if article.kind == "article" and not "".join(article.texts).strip():
            sink.warn("article-empty", f"article {article.id} has no text",
                      file=article.where.file, line=article.where.line, article=article.id,
                      hint="add its paragraphs, or make it kind: photo or banner")
    placed = {r.article for r in slots}
    for page in edition.pages:
        for ident in page.spec.place:
            if ident not in placed:
                sink.warn("place-pending", f"article {ident} is listed under place: on "
                          f"page {page.number} but is in no slot: it is not printed",
                          file=page.file, article=ident,
                          hint=f"run epaper place on the edition, or give {ident} a slot "
                               f"by hand")
                placed.add(ident)
    for article in edition.articles.values():
        if article.id not in placed:
            sink.info("article-unplaced", f"article {article.id} is in no slot",
                      file=article.where.file, article=article.id,
                      hint="place it in a page spec or remove the file")
    timing = {"load_s": round(loaded - started, 3),
              "compose_s": round(time.perf_counter() - loaded, 3)}
    return Composed(edition, pages, slots, sink, chains, timing, new_lock)


def _waves(edition: Edition) -> list[list[int]]:
    """Page indexes in waves: a page holding the continuation of an article (转版) comes
    in a wave after the page the article starts on."""
    number = {p.number: k for k, p in enumerate(edition.pages)}
    needs = {k: set() for k in range(len(edition.pages))}
    for k, page in enumerate(edition.pages):
        for slot in page.slots:
            if slot.continues is not None:
                needs[number[slot.continues.page]].add(k)
    waves, placed = [], set()
    while len(placed) < len(needs):
        wave = [k for k in sorted(needs) if k not in placed and needs[k] <= placed]
        waves.append(wave)
        placed.update(wave)
    return waves


def _probe_page(index: int) -> tuple | None:
    """:func:`_compose_page` when every slot of the page is in the cache, else None."""
    from layout.cache import NotCached
    slots = workers.SHARED["caches"].slots
    hits = slots.hits
    try:
        return _compose_page(index)
    except NotCached:
        slots.hits = hits                    # counted again where the page is composed
        return None


def _compose_page(index: int) -> tuple:
    """One page composed (in a worker): the page, its slots' reports, its diagnostics and
    the text it hands on to continuation slots."""
    shared = workers.SHARED
    edition = shared["edition"]
    page = edition.pages[index]
    caches = shared["caches"]
    ctx = Context(edition.style, shared["chains"], Sink(shared["strict"]), page.grid,
                  shared["punctuation"], caches)
    jumps = dict(shared["jumps"])
    before = (caches.slots.hits, caches.slots.misses) if caches else (0, 0)
    out, reports = compose_page(ctx, page, edition, jumps, shared["proof"])
    handed = {key: value for key, value in jumps.items()
              if value is not None and shared["jumps"].get(key) is None}
    used = (caches.slots.hits - before[0], caches.slots.misses - before[1]) if caches \
        else (0, 0)
    return out, reports, list(ctx.sink), handed, used


def render(composed: Composed, library: FontLibrary, settings=None, pdfa: bool = False,
           jobs: int | None = 1, caches: Caches | None = None) -> dict[str, bytes]:
    """PDF bytes of each page (page-NN.pdf, rendered in ``jobs`` processes) and of the
    whole edition (edition.pdf, assembled from them), each with its logical structure;
    PDF/X and PDF/A as the settings say."""
    from layout.writers.finish import DocInfo, OutputIntent, alt_texts, assemble
    from layout.writers.pdf import PdfOptions
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
    keys = [_page_key(page, options, intent, archive, alt, subject, e)
            for page in composed.pages]
    cached = {k: caches.pages.get(key) for k, key in enumerate(keys)} if caches else {}
    todo = [k for k in range(len(composed.pages)) if cached.get(k) is None]
    rendered = workers.run(_render_page, todo, workers.jobs_for(jobs, len(todo)),
                           composed=composed, library=library, options=options,
                           intent=intent, archive=archive, alt=alt, subject=subject)
    for k, data in zip(todo, rendered):
        cached[k] = data
        if caches is not None:
            caches.pages.put(keys[k], data)
    files = {f"page-{page.number:02d}.pdf": cached[k]
             for k, page in enumerate(composed.pages)}
    keywords = " ".join(k for k in (e.name, e.date.isoformat(), e.issue) if k)
    info = DocInfo(f"{e.name} {e.date.isoformat()}", e.name, subject, keywords, e.date,
                   e.language)
    files["edition.pdf"] = assemble(list(files.values()), info, intent, pdfa=archive)
    if archive is not None:
        check_pdfa(files)
    return files


def _page_key(page: PageOut, options, intent, archive, alt: dict, subject: str, e) -> str:
    """What a finished page file depends on: its page model, the files of its pictures and
    of the profiles, the settings and the document information."""
    from layout.cache import digest, file_state
    from layout.display import Image
    pictures = tuple(file_state(item.path) for item in page.items if isinstance(item, Image))
    profiles = tuple(file_state(i.profile) for i in (intent, archive) if i is not None)
    page_alt = {k: v for k, v in alt.items() if any(r.article == k[0] for r in page.regions)}
    return digest("page", page, pictures, profiles, options, intent, archive, page_alt,
                  subject, e.name, e.date, e.issue, e.language)


def _render_page(index: int) -> bytes:
    """One finished page file (in a worker)."""
    from layout.writers.finish import DocInfo, Structure, finish
    from layout.writers.pdf import render_pdf
    shared = workers.SHARED
    composed = shared["composed"]
    e = composed.edition.spec
    page = composed.pages[index]
    data, marks = render_pdf([page], shared["library"], shared["options"])
    title = f"{e.name} {e.date.isoformat()} 第{page.number}版 {page.section}".strip()
    keywords = " ".join(k for k in (e.name, e.date.isoformat(), e.issue,
                                    f"第{page.number}版", page.section) if k)
    info = DocInfo(title, e.name, f"{shared['subject']} 第{page.number}版 "
                   f"{page.section}".strip(), keywords, e.date, e.language)
    return finish(data, info, shared["intent"], pdfa=shared["archive"],
                  structure=Structure(marks, shared["alt"]))


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
        previous = _unchanged(publisher.out, path, options) if options.cache else None
        if previous is not None:
            progress("nothing changed since the last build")
            return {**previous, "unchanged": True}
        composed = None
        try:
            caches = Caches(library.cache_dir if options.cache else None)
            composed = compose_edition(path, library, strict=options.strict,
                                       progress=progress, proof=options.proof,
                                       jobs=options.jobs, caches=caches)
            report, files = _build(composed, library, options, progress, caches)
        except EpaperError as exc:
            problems = getattr(exc, "diagnostics", [exc.diagnostic])
            kept = kept_outputs(publisher.out)
            publisher.publish({"report.json": dump(failure_report(
                problems, kept, composed, options.to_json()))}, keep_outputs=True)
            raise
        publisher.publish(files)
    return report


def _unchanged(out: Path, path: Path, options: BuildOptions) -> dict | None:
    """The last build's report when nothing it was built from has changed since, with the
    same options, and its outputs are all there as it wrote them; else None."""
    import json

    from layout.cache import fingerprint
    from layout.spec.inputs import sha256_file
    from layout.spec.load import edition_file
    try:
        previous = json.loads((out / "report.json").read_text(encoding="utf-8"))
        mark = previous["fingerprint"]
        same = previous.get("built") and previous["edition"]["file"] == \
            str(edition_file(path)) and previous["provenance"]["options"] == \
            options.to_json()
        if not same or fingerprint(mark["files"], options.to_json()) != mark["digest"]:
            return None
        for name, digest in previous["outputs"].items():
            if sha256_file(out / name) != digest:
                return None
    except (OSError, ValueError, KeyError, TypeError, EpaperError):
        return None
    return previous


def _fingerprint_files(composed: Composed) -> list[str]:
    """The files (and the folder listing) a build of the edition reads."""
    e = composed.edition
    files = {str(f.path) for f in e.inputs}
    files |= {str(face.path) for chain in composed.chains.values() for face in chain.faces}
    files.add(str(e.root / "fonts.lock"))
    files.add(str(e.root / e.spec.articles))        # a new article file changes it
    return sorted(files)


def _build(composed: Composed, library: FontLibrary, options: BuildOptions,
           progress: Callable[[str], None], caches: Caches | None = None
           ) -> tuple[dict, dict[str, bytes]]:
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
    files = render(composed, library, settings, pdfa=options.pdfa, jobs=options.jobs,
                   caches=caches)
    if caches is not None:
        composed.timing["cache"] = caches.stats()
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
    if composed.new_lock:                  # before the fingerprint, which reads it
        write_lock(composed.edition, composed.chains, composed.sink, progress)
    report = report_json(composed, outputs, not gate, options.to_json())
    from layout.cache import fingerprint
    marked = _fingerprint_files(composed)
    report["fingerprint"] = {"digest": fingerprint(marked, options.to_json()),
                             "files": marked}
    files["report.json"] = dump(report)
    return report, files

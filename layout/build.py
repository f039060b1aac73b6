"""Build an edition: load and validate, resolve fonts, check coverage, compose every page,
render PDFs in memory, then write pages, edition and report.json atomically."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from layout.compose.context import Context
from layout.compose.page import compose_page
from layout.compose.slot import SlotReport
from layout.diagnostics import EpaperError, Sink, fail
from layout.display import PageOut, TextLine, glyphs_by_face
from layout.fonts import FontChain, FontLibrary
from layout.fonts.lock import LOCK_NAME, compare, fingerprints, lock_bytes, read_lock
from layout.output import write_all
from layout.spec.grid import MM as MM_PT
from layout.spec.load import Edition, load_edition
from layout.spec.model import StyleSheet, Subhead, TextStyle

#: Which style sets each text field of an article (for the coverage check).
FIELD_STYLES = {"kicker": "kicker", "headline": "headline", "subheadline": "subheadline",
                "byline": "byline", "dateline": "byline", "editor_note": "editor_note",
                "lead": "lead", "paragraphs": "body"}


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


def style_names(style: StyleSheet) -> list[str]:
    return [name for name, value in vars(style).items() if isinstance(value, TextStyle)]


def resolve_chains(edition: Edition, library: FontLibrary) -> dict[str, FontChain]:
    """Font chains for every role of the font set; a style naming an unknown role fails."""
    chains = {}
    for role, specs in edition.fonts.roles.items():
        if not specs:
            raise fail("font-role-empty", f"font role {role!r} lists no fonts",
                       file=edition.fonts_file,
                       line=edition.fonts.where.at(f"roles.{role}"), path=f"roles.{role}",
                       hint="name at least one font for the role")
        faces = []
        for k, spec in enumerate(specs):
            try:
                faces.append(library.find(spec, base_dir=edition.fonts_file.parent))
            except EpaperError as exc:
                d = exc.diagnostic
                raise fail(d.code, d.message, file=edition.fonts_file,
                           line=edition.fonts.where.at(f"roles.{role}[{k}]"),
                           path=f"roles.{role}",
                           hint=d.hint) from None
        chains[role] = FontChain(role, faces)
    for name in style_names(edition.style):
        role = getattr(edition.style, name).font
        if role not in chains:
            raise fail("style-font-role", f"style {name} uses font role {role!r}, which the "
                       f"font set does not define", file=edition.style_file,
                       path=f"{name}.font", hint=f"use one of {', '.join(chains)} or add "
                       f"the role to {edition.fonts_file.name}")
    return chains


def article_texts(edition: Edition):
    """Every text of every article with the style it is set in:
    (article, YAML path such as ``paragraphs[2]``, text, style name)."""
    for article in edition.articles.values():
        fields = dict(FIELD_STYLES)
        if article.kind == "banner":
            fields["headline"] = "banner"
        elif article.kind == "photo":
            fields["headline"] = "photo_headline"
            fields["paragraphs"] = "caption"
        for name, style in fields.items():
            value = getattr(article, name)
            if isinstance(value, tuple):
                for i, text in enumerate(value):
                    if isinstance(text, Subhead):
                        yield article, f"{name}[{i}].subhead", text.subhead, "subhead"
                    else:
                        yield article, f"{name}[{i}]", text, style
            elif value:
                yield article, name, value, style
        for i, photo in enumerate(article.photos):
            yield article, f"photos[{i}].caption", photo.caption, "caption"
            yield article, f"photos[{i}].credit", photo.credit, "credit"


def check_coverage(edition: Edition, chains: dict[str, FontChain], sink: Sink) -> None:
    """Every character must be in some font of its role's chain: never a silent tofu box."""
    for article, path, text, style in article_texts(edition):
        chain = chains[getattr(edition.style, style).font]
        for ch in chain.missing(text):
            sink.warn("missing-glyph", f"U+{ord(ch):04X} {ch} is in no font of role "
                      f"{chain.role!r}; it prints as a crossed box",
                      file=article.where.file, line=article.where.line,
                      article=article.id, path=path,
                      hint=f"add a font that has U+{ord(ch):04X} to the role's chain "
                           f"in fonts.yaml, or replace the character")


def font_usage(edition: Edition, chains: dict[str, FontChain]) -> dict[str, dict]:
    """For each role: the characters of the edition set in it, which face draws each, and
    those no face has (with where they occur)."""
    usage = {role: {"faces": {face: [] for face in chain.faces}, "missing": {}}
             for role, chain in chains.items()}
    seen: dict[str, set] = {role: set() for role in chains}
    for article, path, text, style in article_texts(edition):
        role = getattr(edition.style, style).font
        chain = chains[role]
        for ch in text:
            if ch in seen[role] or ch.isspace():
                continue
            seen[role].add(ch)
            face = chain.face_for(ch)
            if face is not None:
                usage[role]["faces"][face].append(ch)
            elif ch in chain.missing(ch):
                usage[role]["missing"][ch] = f"{article.id} {path}"
    return usage


def check_lock(edition: Edition, chains: dict[str, FontChain], sink: Sink) -> bool:
    """Compare the fonts with the edition's fonts.lock; True when there is no lock yet."""
    path = edition.root / LOCK_NAME
    locked = read_lock(path)
    if locked is None:
        return True
    compare(locked, fingerprints(chains), path, sink)
    return False


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


def font_fingerprints(composed: Composed) -> list[dict]:
    """Every face of every role: file, face, version, sha256 and the glyphs it draws."""
    drawn = glyphs_by_face(composed.pages)
    out = []
    for role, chain in composed.chains.items():
        for face in chain.faces:
            out.append({"role": role, "file": str(face.path), "index": face.index,
                        "face": face.postscript_name, "version": face.version,
                        "sha256": face.sha256,
                        "outlines": "CFF" if face.is_cff else "TrueType",
                        "glyphs_drawn": len(drawn.get(face.key, ()))})
    return out


def report_json(composed: Composed, outputs: dict[str, str], ok: bool) -> dict:
    e = composed.edition
    articles = {}
    for r in composed.slots:
        articles.setdefault(r.article, r.to_json())
    return {
        "edition": {"name": e.spec.name, "date": e.spec.date.isoformat(),
                    "issue": e.spec.issue, "file": str(e.file)},
        "ok": ok,
        "pages": [{"number": p.number, "slots": [r.slot for r in composed.slots
                                                 if r.page == p.number]}
                  for p in composed.pages],
        "articles": articles,
        "slots": [r.to_json() for r in composed.slots],
        "diagnostics": [d.to_json() for d in composed.sink],
        "fonts": font_fingerprints(composed),
        "outputs": outputs,
        "timing": composed.timing,
    }


def print_settings(edition: Edition, marks: bool | None = None,
                   pdfx: bool | None = None):
    """The edition's print settings with the command line's overrides; the ICC profile
    resolved against the edition folder and checked."""
    from dataclasses import replace
    settings = edition.spec.print
    if marks is not None:
        settings = replace(settings, marks=marks)
    if pdfx is not None:
        settings = replace(settings, pdfx=pdfx)
    profile = settings.output_intent
    if profile is not None:
        profile = Path(profile) if Path(profile).is_absolute() else edition.root / profile
        problem = None
        if not profile.is_file():
            problem = ("icc-missing", f"ICC profile {settings.output_intent} not found",
                       "give the path of the press's CMYK profile, relative to the edition")
        elif profile.read_bytes()[16:20] != b"CMYK":   # the profile's colour space
            problem = ("icc-not-cmyk", f"{profile.name} is not a CMYK ICC profile",
                       "the output intent is the press's CMYK profile (e.g. FOGRA39, or "
                       "/usr/share/color/icc/ghostscript/default_cmyk.icc)")
        if problem:
            code, message, hint = problem
            raise fail(code, message, file=edition.file, path="print.output_intent",
                       line=edition.spec.where.at("print.output_intent"), hint=hint)
        settings = replace(settings, output_intent=profile)
    if settings.pdfx and profile is None:
        raise fail("pdfx-profile", "PDF/X output needs the printing condition's ICC profile",
                   file=edition.file, line=edition.spec.where.at("print"),
                   path="print.output_intent",
                   hint="set print.output_intent to the CMYK profile the printer gives "
                        "(e.g. /usr/share/color/icc/ghostscript/default_cmyk.icc)")
    return settings


def _extent(item) -> tuple[float, float, float, float] | None:
    """Bounding box (x0, y0, x1, y1) of a page item, in pt from the trim's top left."""
    from layout.display import Box, Image, Rule
    if isinstance(item, TextLine):
        return item.bbox()
    if isinstance(item, Rule):
        return (min(item.x0, item.x1), min(item.y0, item.y1), max(item.x0, item.x1),
                max(item.y0, item.y1))
    if isinstance(item, (Box, Image)):
        return (item.x, item.y, item.x + item.w, item.y + item.h)
    return None


def check_print(composed: Composed, settings) -> None:
    """What the press cares about, found in the laid-out pages: RGB pictures kept as RGB,
    text smaller than the press holds, anything reaching beyond the bleed."""
    sink = composed.sink
    for report in composed.slots:
        for photo in report.photos:
            if settings.images == "keep" and photo.get("mode") not in (None, "CMYK", "L",
                                                                       "1"):
                sink.warn("rgb-image", f"picture {photo['file']} is {photo['mode']} and is "
                          f"kept so (print.images: keep); the press prints CMYK",
                          article=report.article, file=composed.edition.file,
                          path="print.images",
                          hint="convert it to CMYK, or set print.images to cmyk or gray")
    bleed = settings.bleed_mm * MM_PT
    for page in composed.pages:
        small: dict[str, float] = {}
        outside = 0
        for run in page.runs():
            if run.size < settings.min_text_pt:
                small[run.style] = min(run.size, small.get(run.style, run.size))
        for item in page.items:
            box = _extent(item)
            if box and (box[0] < -bleed - 0.5 or box[1] < -bleed - 0.5 or
                        box[2] > page.width + bleed + 0.5 or
                        box[3] > page.height + bleed + 0.5):
                outside += 1
        for role, size in sorted(small.items()):
            sink.error("text-too-small", f"page {page.number}: {role} text set at {size:.1f} "
                       f"pt, below the press minimum {settings.min_text_pt:g} pt",
                       file=composed.edition.style_file, path=f"{role}.size",
                       hint="raise the style's size or min_size")
        if outside:
            sink.error("outside-bleed", f"page {page.number}: {outside} object(s) reach "
                       f"beyond the bleed ({settings.bleed_mm:g} mm outside the trim)",
                       file=composed.edition.file, hint="check the slot geometry and margins")


def render(composed: Composed, library: FontLibrary, settings=None) -> dict[str, bytes]:
    """PDF bytes of each page (page-NN.pdf) and of the whole edition (edition.pdf)."""
    from layout.writers.finish import DocInfo, OutputIntent, finish
    from layout.writers.pdf import PdfOptions, render_pdf
    e = composed.edition.spec
    settings = settings or print_settings(composed.edition)
    intent = OutputIntent(settings.output_intent, settings.output_condition) \
        if settings.pdfx else None
    options = PdfOptions(bleed_mm=settings.bleed_mm, marks=settings.marks,
                         slug_mm=settings.slug_mm, overprint_black=settings.overprint_black,
                         images=settings.images,
                         icc=str(settings.output_intent) if settings.output_intent else None)
    subject = f"{e.name} {e.date.isoformat()} {e.issue}".strip()
    files = {}
    for page in composed.pages:
        data, _ = render_pdf([page], library, options)
        info = DocInfo(page.title, e.name, subject,
                       f"{e.date.isoformat()}, 第{page.number}版", e.date)
        files[f"page-{page.number:02d}.pdf"] = finish(data, info, intent)
    data, _ = render_pdf(composed.pages, library, options)
    info = DocInfo(f"{e.name} {e.date.isoformat()}", e.name, subject, e.date.isoformat(),
                   e.date)
    files["edition.pdf"] = finish(data, info, intent)
    return files


def issue_info(edition: Edition):
    """What the archive files (ALTO, METS) say about the issue."""
    from layout import __version__
    from layout.writers.alto import Issue
    e = edition.spec
    return Issue(e.name, e.date, e.issue, e.language, f"epaper {__version__}")


def build(path: Path, out_dir: Path, library: FontLibrary, *, strict: bool = False,
          progress: Callable[[str], None] = lambda message: None,
          marks: bool | None = None, pdfx: bool | None = None, proof: bool = False,
          alto: bool = False) -> dict:
    """Build and write everything; returns the report.  Errors raise before any PDF is
    written, so earlier outputs stay as they were."""
    composed = compose_edition(path, library, strict=strict, progress=progress, proof=proof)
    settings = print_settings(composed.edition, marks, pdfx)
    if proof:
        composed.sink.info("proof", "proof pages: grids, slot frames and overset markers "
                           "are drawn; not for the press", file=composed.edition.file,
                           hint="build without --proof for the printer")
    check_print(composed, settings)
    started = time.perf_counter()
    errors = composed.sink.errors
    if errors:                         # nothing is written: earlier outputs stay as they were
        first = errors[0]
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        raise EpaperError(type(first)(**{**first.__dict__,
                                         "message": first.message + more}))
    files = render(composed, library, settings)
    composed.timing["render_s"] = round(time.perf_counter() - started, 3)
    progress(f"rendered {len(files)} PDF files")
    if alto:                        # ALTO per page and the issue's METS
        from layout.writers.mets import archive_files
        files.update(archive_files(composed.pages, issue_info(composed.edition), files))
    hashes = write_all({out_dir / name: data for name, data in files.items()})
    if composed.new_lock:
        write_lock(composed, progress)
    outputs = {name: hashes[out_dir / name] for name in files}
    report = report_json(composed, outputs, ok=True)
    write_all({out_dir / "report.json": _dump(report)})
    return report


def write_lock(composed: Composed, progress: Callable[[str], None]) -> None:
    """First build of an edition: record its fonts in fonts.lock (a read-only archive
    folder is left alone, with a note)."""
    path = composed.edition.root / LOCK_NAME
    try:
        write_all({path: lock_bytes(fingerprints(composed.chains))})
    except OSError as exc:
        composed.sink.info("lock-not-written", f"{LOCK_NAME} could not be written: {exc}",
                           file=path, hint="run `epaper fonts EDITION --lock` where the "
                                           "edition folder is writable")
        return
    progress(f"wrote {path}: the fonts this edition is set with")


def _dump(report: dict) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

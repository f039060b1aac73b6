"""Preflight (``epaper check``): what would stop the press, found before any PDF is
written — or in PDFs that already exist (``--pdf``), whatever state they are in — with a
real PDF/X-1a:2003 verification, the ink coverage of pictures, and the one table
(:data:`PRESS_GATE`) that says which findings stop the press, shared by ``build``,
``check`` and ``check --pdf``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pikepdf

from layout.diagnostics import ERROR, WARNING, Diagnostic, EpaperError, Sink
from layout.fonts import FontLibrary
from layout.inks import ink_coverage
from layout.pdfread import (
    ICC,
    LAB,
    PDF_ERRORS,
    RGB,
    PageFacts,
    Undecodable,
    Walker,
    dictionary,
    name,
    short,
)

# --------------------------------------------------------------------------- press gate
#: Findings that stop the press: a build with any of them is not ``ok`` (report.json
#: ``"ok": false``, exit status 3 unless ``--draft``), ``check`` fails on them, and
#: ``check --pdf`` reports them as errors.  Code → what goes wrong on the press.  Any
#: diagnostic that is already an error (bad input, a damaged file) stops it too.
PRESS_GATE: dict[str, str] = {
    # the edition
    "overset": "text that does not fit its slot is not printed",
    "place-pending": "an article listed under place: that has no slot is not printed",
    "photo-missing": "a picture file is missing or unreadable: a placeholder box prints",
    "photo-placeholder": "a picture left out (no file:): a placeholder box prints",
    "image-too-coarse": "a picture under 150 ppi at its placed size prints blocky",
    "missing-glyph": "a character in no font prints as a crossed box",
    "font-not-embeddable": "a font whose licence forbids embedding cannot go to the press",
    "text-too-small": "text below the press's minimum size does not hold on newsprint",
    "outside-bleed": "an object beyond the bleed is cut or prints on the next sheet",
    "rgb-image": "an RGB picture kept as RGB is converted by the RIP, unpredictably",
    # an existing PDF
    "font-not-embedded": "a font not embedded in the PDF is replaced by the RIP",
    "rgb-content": "RGB colour in the PDF is converted by the RIP, unpredictably",
    "lab-content": "Lab colour in the PDF is converted by the RIP, unpredictably",
    "box-missing": "a page without TrimBox or BleedBox cannot be imposed",
    "bleed-short": "a BleedBox short of the bleed leaves white edges after trimming",
    "pdf-unreadable": "a file that is not a readable PDF",
    "pdf-damaged": "a damaged PDF (repaired when read, or with parts that cannot be read)",
    "pdf-encrypted": "an encrypted PDF: PDF/X forbids it and many RIPs refuse it",
    # PDF/X-1a:2003 (ISO 15930-4), with --pdfx or when the file claims it
    "pdfx-version": "PDF/X-1a:2003 is PDF 1.4 or earlier",
    "pdfx-key": "the file does not identify itself as PDF/X-1a:2003 (GTS_PDFXVersion)",
    "pdfx-info": "PDF/X needs Title, CreationDate and ModDate in the document information",
    "pdfx-trapped": "PDF/X needs Trapped True or False",
    "pdfx-id": "PDF/X needs a document ID in the trailer",
    "pdfx-output-intent": "PDF/X needs exactly one GTS_PDFX OutputIntent naming the "
                          "printing condition",
    "pdfx-profile": "the OutputIntent's profile must be a CMYK output (printer) profile",
    "pdfx-boxes": "each page has a TrimBox or an ArtBox (not both), nested inside the "
                  "BleedBox and the MediaBox",
    "pdfx-colour-space": "PDF/X-1a allows only CMYK, gray and spot colour (no ICC-based "
                         "colour)",
    "pdfx-transparency": "PDF/X-1a allows no transparency (soft masks, opacity, blend "
                         "modes, transparency groups)",
    "pdfx-filter": "PDF/X-1a:2003 forbids LZW, JBIG2 and JPEG 2000 compression",
    "pdfx-postscript": "PDF/X forbids embedded PostScript",
    "pdfx-transfer": "PDF/X forbids transfer functions",
    "pdfx-annotation": "PDF/X allows annotations only outside the bleed (or trap networks "
                       "and printer's marks)",
    "pdfx-action": "PDF/X forbids actions and JavaScript",
}


def press_severity(diagnostic: Diagnostic) -> Diagnostic:
    """``diagnostic`` as the press gate sees it: a finding of :data:`PRESS_GATE` is an
    error whatever severity its stage gave it; everything else is unchanged."""
    if diagnostic.code in PRESS_GATE and diagnostic.severity != ERROR:
        return replace(diagnostic, severity=ERROR)
    return diagnostic


def press_stoppers(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Every diagnostic that stops the press (as errors): the findings of the gate and any
    other error."""
    return [d for d in map(press_severity, diagnostics) if d.severity == ERROR]


def press_ok(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when nothing stops the press: report.json's ``ok``."""
    return not press_stoppers(diagnostics)


# --------------------------------------------------------------------------- an edition
def check_edition(path: Path, library: FontLibrary, *, marks: bool | None = None,
                  pdfx: bool | None = None) -> list[Diagnostic]:
    """Validate and lay out the edition (no files written); every warning and error,
    graded by the press gate."""
    from layout.build import check_print, compose_edition, print_settings
    try:
        composed = compose_edition(path, library)
        settings = print_settings(composed.edition, marks, pdfx)
    except EpaperError as exc:
        return [exc.diagnostic]
    check_print(composed, settings)
    sink = composed.sink
    for chain in composed.chains.values():
        for face in chain.faces:
            if face.fs_type == 0x0002 or face.fs_type & 0x0300:
                sink.error("font-not-embeddable", f"{face.postscript_name} does not allow "
                           f"embedding (OS/2 fsType {face.fs_type:#06x})",
                           file=composed.edition.fonts_file, path=f"roles.{chain.role}",
                           hint="use a font licensed for embedding in PDF")
    return [press_severity(d) for d in sink if d.severity in (ERROR, WARNING)]


# --------------------------------------------------------------------------- a PDF
def check_pdf(path: Path, *, min_text_pt: float = 5.0, bleed_mm: float = 3.0,
              pdfx: bool | None = None, ink_limit: float = 240.0) -> list[Diagnostic]:
    """Preflight an existing PDF, whatever it holds: a file that is not a PDF, is cut off,
    encrypted or hostile gets one-line diagnostics, never an exception.  ``pdfx`` True
    verifies PDF/X-1a:2003, None verifies it when the file claims it."""
    from layout.spec.inputs import regular_file
    file = str(path)
    try:
        regular_file(Path(path), "PDF")
    except EpaperError as exc:
        return [replace(exc.diagnostic, code="pdf-unreadable")]
    with _qpdf_limits():
        return _check_file(Path(path), file, min_text_pt=min_text_pt, bleed_mm=bleed_mm,
                           pdfx=pdfx, ink_limit=ink_limit)


#: What qpdf itself may decode while preflight reads a file (object and cross-reference
#: streams, which qpdf decodes on its own): a bomb there stops at this size too.
QPDF_DECODE_LIMIT = 256 * 1024 * 1024


@contextlib.contextmanager
def _qpdf_limits():
    """qpdf's decoding limits, for the time a foreign file is read (they are
    process-wide, so they are restored afterwards: the build's own PDFs are not
    limited)."""
    settings = getattr(pikepdf, "settings", None)
    if settings is None or not hasattr(settings, "set_qpdf_limits"):
        yield
        return
    limit = QPDF_DECODE_LIMIT
    previous = settings.set_qpdf_limits(flate_max_memory=limit, run_length_max_memory=limit,
                                        png_max_memory=limit, tiff_max_memory=limit,
                                        dct_max_memory=limit)
    try:
        yield
    finally:
        settings.set_qpdf_limits(**previous)


def _check_file(path: Path, file: str, **options) -> list[Diagnostic]:
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return [Diagnostic(ERROR, "pdf-encrypted", f"{Path(path).name} is encrypted with a "
                           f"password", file=file, hint="ask for an unencrypted PDF")]
    except (*PDF_ERRORS, OSError) as exc:
        return [Diagnostic(ERROR, "pdf-unreadable", f"{Path(path).name} is not a readable "
                           f"PDF ({short(exc)})", file=file,
                           hint="check that it is a PDF; rebuild or ask for it again")]
    with pdf:
        try:
            return check_document(pdf, file, **options)
        except PDF_ERRORS as exc:          # a last resort: the walker catches per page
            return [Diagnostic(ERROR, "pdf-damaged", f"{Path(path).name} cannot be checked "
                               f"({short(exc)})", file=file,
                               hint="rebuild it; do not send it to the press")]


def check_document(pdf: pikepdf.Pdf, file: str = "", *, min_text_pt: float = 5.0,
                   bleed_mm: float = 3.0, pdfx: bool | None = None,
                   ink_limit: float = 240.0) -> list[Diagnostic]:
    """The checks of ``check --pdf`` on an open document (a build can run them on its
    own output): damage, fonts embedded, RGB or Lab colour, small text, trim and bleed
    boxes, the ink coverage of CMYK pictures, and PDF/X-1a:2003 when asked for or
    claimed.  Diagnostics are graded by the press gate."""
    sink = Sink()
    name_ = Path(file).name if file else "the PDF"
    damage = list(getattr(pdf, "get_warnings", list)())
    if damage:
        sink.error("pdf-damaged", f"{name_} is damaged: {short(damage[0])}", file=file,
                   hint="rebuild it; do not send it to the press")
    if pdfx is None:
        pdfx = _info(pdf, "/GTS_PDFXVersion") is not None
    pages = list(Walker(pdf, min_text_pt).pages())
    for facts in pages:
        _page_checks(facts, file, sink, bleed_mm)
    for figure in ink_coverage(pages, ink_limit):
        if figure.problem:
            sink.info("ink-unmeasured", f"page {figure.page}: the ink coverage of picture "
                      f"{figure.image} cannot be measured: {figure.problem}", file=file,
                      path=f"page {figure.page}")
        elif figure.over_limit:
            share = figure.coverage.share_above(ink_limit) * 100
            sink.warn("ink-over-limit", f"page {figure.page}: picture {figure.image} carries "
                      f"up to {figure.coverage.maximum:.0f}% ink, {share:.1f}% of it above "
                      f"the press's {ink_limit:g}%", file=file, path=f"page {figure.page}",
                      data=figure.to_json(),
                      hint="convert the picture with the press's profile (its ink limit), "
                           "or set print.ink_limit to what the press holds")
    if pdfx:
        for d in verify_pdfx(pdf, file, pages):
            sink.add(d)
    return [press_severity(d) for d in sink]


def _page_checks(facts: PageFacts, file: str, sink: Sink, bleed_mm: float) -> None:
    where = {"file": file, "path": f"page {facts.number}"}
    n = facts.number
    for problem in facts.problems:
        sink.error("pdf-damaged", problem, hint="rebuild it; do not send it to the press",
                   **where)
    trim, bleed = facts.boxes.get("/TrimBox"), facts.boxes.get("/BleedBox")
    if "/TrimBox" not in facts.boxes or "/BleedBox" not in facts.boxes:
        missing = "TrimBox" if "/TrimBox" not in facts.boxes else "BleedBox"
        sink.error("box-missing", f"page {n} has no {missing}",
                   hint="the press needs the trim and bleed boxes", **where)
    elif trim is None or bleed is None:
        sink.error("box-missing", f"page {n} has a {'TrimBox' if trim is None else 'BleedBox'}"
                   f" that is not four numbers", hint="rebuild it", **where)
    else:
        need = bleed_mm * 72 / 25.4 - 0.01
        if not (bleed[0] <= trim[0] - need and bleed[1] <= trim[1] - need and
                bleed[2] >= trim[2] + need and bleed[3] >= trim[3] + need):
            sink.error("bleed-short", f"page {n}: the BleedBox does not reach {bleed_mm:g} "
                       f"mm beyond the TrimBox", hint="rebuild with print.bleed_mm set",
                       **where)
    for font_name, font in facts.fonts:
        if not _embedded(font):
            sink.error("font-not-embedded", f"font {font_name} is not embedded",
                       hint="every font must be embedded for the press", **where)
    rgb = facts.colours[RGB]
    rgb_images = [i.name for i in facts.images if RGB in i.families]
    if rgb:
        sink.error("rgb-content", f"page {n}: {rgb} RGB colour use(s)"
                   + (f", {len(rgb_images)} RGB image(s)" if rgb_images else ""),
                   hint="the press prints CMYK", **where)
    if facts.colours[LAB]:
        sink.error("lab-content", f"page {n}: {facts.colours[LAB]} Lab colour use(s)",
                   hint="convert to the press's CMYK", **where)
    if facts.small_text:
        sink.error("text-too-small", f"page {n}: {len(facts.small_text)} text run(s) below "
                   f"the press minimum (smallest {min(facts.small_text):g} pt)",
                   hint="raise the text size", **where)


def _embedded(font: pikepdf.Dictionary) -> bool:
    if name(font.get("/Subtype")) == "/Type3":
        return True
    if name(font.get("/Subtype")) == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or len(descendants) == 0:
            return False
        font = dictionary(descendants[0])
        if font is None:
            return False
    descriptor = dictionary(font.get("/FontDescriptor"))
    return descriptor is not None and any(descriptor.get(k) is not None for k in
                                          ("/FontFile", "/FontFile2", "/FontFile3"))


# --------------------------------------------------------------------------- PDF/X-1a
PDFX_VERSION = "PDF/X-1a:2003"
#: Filters PDF/X-1a:2003 forbids (LZW by ISO 15930-4; JBIG2 and JPX are not PDF 1.4).
PDFX_FORBIDDEN_FILTERS = {"/LZWDecode", "/LZW", "/JBIG2Decode", "/JPXDecode"}
#: Annotations PDF/X allows inside the bleed.
PDFX_ANNOTATIONS = {"/TrapNet", "/PrinterMark"}
TOLERANCE = 0.01        # pt, for boxes written with rounding


def verify_pdfx(pdf: pikepdf.Pdf, file: str = "", pages: list[PageFacts] | None = None
                ) -> list[Diagnostic]:
    """Does ``pdf`` conform to PDF/X-1a:2003?  The document's version, identification,
    information, ID, output intent and profile, then each page's boxes, colour spaces,
    transparency, compression, PostScript, transfer functions and annotations.  Fonts
    embedded, RGB and Lab colour are the general checks of :func:`check_document`."""
    out: list[Diagnostic] = []

    def error(code: str, message: str, hint: str, page: int | None = None) -> None:
        out.append(Diagnostic(ERROR, code, message, file or None,
                              path=f"page {page}" if page else None, hint=hint))
    version = str(pdf.pdf_version)
    if _version(version) > (1, 4):
        error("pdfx-version", f"the file is PDF {version}; {PDFX_VERSION} is PDF 1.4 or "
              f"earlier", "write it as PDF 1.3 or 1.4")
    if pdf.is_encrypted:
        error("pdf-encrypted", "the file is encrypted; PDF/X forbids encryption",
              "write it without security settings")
    claimed = _info(pdf, "/GTS_PDFXVersion")
    if claimed != PDFX_VERSION:
        error("pdfx-key", f"GTS_PDFXVersion is {claimed!r}, not {PDFX_VERSION!r}"
              if claimed else f"the file does not identify itself as {PDFX_VERSION} "
              f"(no GTS_PDFXVersion)", "export it as PDF/X-1a:2003 (epaper build --pdfx)")
    missing = [k[1:] for k in ("/Title", "/CreationDate", "/ModDate") if not _info(pdf, k)]
    if missing:
        error("pdfx-info", f"the document information lacks {', '.join(missing)}",
              "PDF/X needs a title, a creation and a modification date")
    trapped = _docinfo(pdf).get("/Trapped") if _docinfo(pdf) is not None else None
    if name(trapped) not in ("/True", "/False"):
        shown = "missing" if trapped is None else (name(trapped) or str(trapped))[:20]
        error("pdfx-trapped", f"Trapped is {shown}; PDF/X needs True or False",
              "state whether the file is trapped")
    ident = pdf.trailer.get("/ID")
    if not isinstance(ident, pikepdf.Array) or len(ident) != 2:
        error("pdfx-id", "the trailer has no document ID", "save it with a document ID")
    _output_intent(pdf, error)
    for facts in pages if pages is not None else Walker(pdf).pages():
        _pdfx_page(facts, error)
    return out


def _version(text: str) -> tuple[int, int]:
    try:
        major, minor = text.split(".")[:2]
        return int(major), int(minor)
    except ValueError:
        return (9, 9)


def _docinfo(pdf: pikepdf.Pdf):
    try:
        return dictionary(pdf.trailer.get("/Info"))
    except PDF_ERRORS:
        return None


def _info(pdf: pikepdf.Pdf, key: str) -> str | None:
    info = _docinfo(pdf)
    value = info.get(key) if info is not None else None
    return str(value) if isinstance(value, pikepdf.String) and str(value) else None


def _output_intent(pdf: pikepdf.Pdf, error) -> None:
    intents = pdf.Root.get("/OutputIntents")
    ours = [dictionary(i) for i in intents if dictionary(i) is not None and
            name(dictionary(i).get("/S")) == "/GTS_PDFX"] \
        if isinstance(intents, pikepdf.Array) else []
    hint = "export with the printing condition's CMYK profile (print.output_intent)"
    if len(ours) != 1:
        error("pdfx-output-intent", "no GTS_PDFX OutputIntent" if not ours else
              f"{len(ours)} GTS_PDFX OutputIntents; PDF/X allows one", hint)
        return
    intent = ours[0]
    if not isinstance(intent.get("/OutputConditionIdentifier"), pikepdf.String):
        error("pdfx-output-intent", "the OutputIntent has no OutputConditionIdentifier",
              hint)
    profile = intent.get("/DestOutputProfile")
    if profile is None:
        if not isinstance(intent.get("/RegistryName"), pikepdf.String):
            error("pdfx-output-intent", "the OutputIntent has neither a profile nor a "
                  "registered printing condition (RegistryName)", hint)
        return
    if not isinstance(profile, pikepdf.Stream):
        error("pdfx-profile", "the OutputIntent's profile is not a stream", hint)
        return
    from layout.pdfread import decode
    from layout.spec.inputs import LIMITS
    try:
        data = decode(profile, LIMITS.icc_bytes)
    except Undecodable as exc:
        error("pdfx-profile", f"the OutputIntent's profile cannot be read: {exc}", hint)
        return
    if len(data) < 132 or data[36:40] != b"acsp":
        error("pdfx-profile", "the OutputIntent's profile is not an ICC profile", hint)
    elif data[16:20] != b"CMYK" or data[12:16] != b"prtr":
        kind = f"{data[16:20].decode('latin-1').strip()} {data[12:16].decode('latin-1')}"
        error("pdfx-profile", f"the OutputIntent's profile is a {kind!r} profile, not a "
              f"CMYK output (prtr) profile", hint)


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] - TOLERANCE and inner[1] >= outer[1] - TOLERANCE and
            inner[2] <= outer[2] + TOLERANCE and inner[3] <= outer[3] + TOLERANCE)


def _pdfx_page(facts: PageFacts, error) -> None:
    n, boxes = facts.number, facts.boxes
    hint = "rebuild the page's boxes (epaper build --pdfx writes TrimBox and BleedBox)"
    media = boxes.get("/MediaBox")
    has_trim, has_art = "/TrimBox" in boxes, "/ArtBox" in boxes
    if media is None:
        error("pdfx-boxes", f"page {n} has no valid MediaBox", hint, n)
    for key in ("/BleedBox", "/TrimBox", "/ArtBox"):
        if key in boxes and boxes[key] is None:
            error("pdfx-boxes", f"page {n}: the {key[1:]} is not four numbers", hint, n)
    if has_trim == has_art:
        which = "both a TrimBox and an ArtBox" if has_trim else \
            "neither a TrimBox nor an ArtBox"
        error("pdfx-boxes", f"page {n} has {which}", hint, n)
    finished = boxes.get("/TrimBox") or boxes.get("/ArtBox")
    bleed = boxes.get("/BleedBox")
    if media is not None:
        for key, box in (("BleedBox", bleed), ("TrimBox/ArtBox", finished)):
            if box is not None and not _inside(box, media):
                error("pdfx-boxes", f"page {n}: the {key} reaches outside the MediaBox",
                      hint, n)
    if bleed is not None and finished is not None and not _inside(finished, bleed):
        error("pdfx-boxes", f"page {n}: the TrimBox/ArtBox reaches outside the BleedBox",
              hint, n)
    if facts.colours[ICC]:
        error("pdfx-colour-space", f"page {n}: {facts.colours[ICC]} ICC-based colour "
              f"space(s)", "convert to DeviceCMYK (PDF/X-1a has no colour management)", n)
    if facts.transparency:
        error("pdfx-transparency", f"page {n}: {facts.transparency[0]}"
              + (f" and {len(facts.transparency) - 1} more" if len(facts.transparency) > 1
                 else ""), "flatten transparency before exporting PDF/X-1a", n)
    forbidden = sorted(f for f in facts.filters if f in PDFX_FORBIDDEN_FILTERS)
    if forbidden:
        error("pdfx-filter", f"page {n}: streams compressed with {', '.join(forbidden)}",
              "recompress with Flate or JPEG", n)
    if facts.postscript:
        error("pdfx-postscript", f"page {n}: {facts.postscript} PostScript XObject(s)",
              "remove embedded PostScript", n)
    if facts.transfer:
        error("pdfx-transfer", f"page {n}: {facts.transfer} transfer function(s)",
              "remove transfer functions (TR, TR2)", n)
    if facts.actions:
        error("pdfx-action", f"page {n} has actions", "remove actions and JavaScript", n)
    limit = bleed or finished
    for subtype, box in facts.annotations:
        if subtype in PDFX_ANNOTATIONS:
            continue
        if box is None or limit is None or _overlaps(box, limit):
            error("pdfx-annotation", f"page {n}: a {subtype[1:]} annotation inside the "
                  f"bleed", "remove annotations (comments, links, form fields)", n)
            break


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --------------------------------------------------------------------------- output
def table(diagnostics: list[Diagnostic]) -> str:
    """The plain table printed on the terminal."""
    if not diagnostics:
        return "no problems found"
    rows = [("severity", "problem", "where", "message")]
    for d in diagnostics:
        where = Path(d.file).name if d.file else ""
        if d.line:
            where += f":{d.line}"
        if d.article:
            where += f" [{d.article}]"
        elif d.path:
            where += f" ({d.path})"
        rows.append((d.severity, d.code, where, d.message))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r[:3], widths)) + "  " + r[3]
                     for r in rows)

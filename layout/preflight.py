"""Preflight (``epaper check``): what would stop the press, found before any PDF is
written — or in PDFs that already exist (``--pdf``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pikepdf

from layout.diagnostics import ERROR, WARNING, Diagnostic, EpaperError, Sink
from layout.fonts import FontLibrary

#: diagnostics that a build only warns about but that preflight counts as errors
PREFLIGHT_ERRORS = frozenset({"image-too-coarse", "font-not-embeddable"})


def check_edition(path: Path, library: FontLibrary, *, marks: bool | None = None,
                  pdfx: bool | None = None) -> list[Diagnostic]:
    """Validate and lay out the edition (no files written); every warning and error."""
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
    out = []
    for d in sink:
        if d.code in PREFLIGHT_ERRORS and d.severity == WARNING:
            d = replace(d, severity=ERROR)
        if d.severity in (ERROR, WARNING):
            out.append(d)
    return out


def _fonts(resources, seen: set) -> list[tuple[str, pikepdf.Dictionary]]:
    """(name, font dictionary) of every font a resource dictionary uses, through forms
    and Type3 resources."""
    found = []
    if resources is None:
        return found
    for name, font in (resources.get("/Font") or {}).items():
        if not isinstance(font, pikepdf.Dictionary):
            continue                       # a damaged file: reported by check_pdf
        if font.objgen in seen and font.objgen != (0, 0):
            continue
        seen.add(font.objgen)
        found.append((str(font.get("/BaseFont", name)), font))
        found += _fonts(font.get("/Resources"), seen)
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            found += _fonts(xobject.get("/Resources"), seen)
    return found


def _embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in
                                          ("/FontFile", "/FontFile2", "/FontFile3"))


RGB_OPERATORS = {"rg", "RG"}


def check_pdf(path: Path, *, min_text_pt: float = 5.0, bleed_mm: float = 3.0
              ) -> list[Diagnostic]:
    """Fonts embedded, no RGB colour, text not too small, trim and bleed boxes present
    and consistent, in an existing PDF."""
    sink = Sink()
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, pikepdf.PasswordError, OSError) as exc:
        return [Diagnostic(ERROR, "pdf-unreadable", f"cannot read {path.name}: {exc}",
                           file=str(path), hint="rebuild it")]
    with pdf:
        # what qpdf had to repair while opening the file (a cut-off or broken file)
        damage = list(getattr(pdf, "get_warnings", lambda: [])())
        if damage:
            sink.error("pdf-damaged", f"{path.name} is damaged: {damage[0]}",
                       file=str(path), hint="rebuild it; do not send it to the press")
            return list(sink)              # what else it says cannot be trusted
        seen: set = set()
        reported: set = set()
        for number, page in enumerate(pdf.pages, 1):
            where = {"file": str(path), "path": f"page {number}"}
            trim, bleed = page.obj.get("/TrimBox"), page.obj.get("/BleedBox")
            if trim is None or bleed is None:
                sink.error("box-missing", f"page {number} has no "
                           f"{'TrimBox' if trim is None else 'BleedBox'}",
                           hint="the press needs the trim and bleed boxes", **where)
            else:
                t, b = [float(v) for v in trim], [float(v) for v in bleed]
                need = bleed_mm * 72 / 25.4 - 0.01
                if not (b[0] <= t[0] - need and b[1] <= t[1] - need and
                        b[2] >= t[2] + need and b[3] >= t[3] + need):
                    sink.error("bleed-short", f"page {number}: the BleedBox does not reach "
                               f"{bleed_mm:g} mm beyond the TrimBox",
                               hint="rebuild with print.bleed_mm set", **where)
            for name, font in _fonts(page.obj.get("/Resources"), seen):
                if not _embedded(font) and name not in reported:
                    reported.add(name)
                    sink.error("font-not-embedded", f"font {name} is not embedded",
                               hint="every font must be embedded for the press", **where)
            rgb = small = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in RGB_OPERATORS:
                    rgb += 1
                elif op in ("cs", "CS") and str(operands[0]) == "/DeviceRGB":
                    rgb += 1
                elif op == "Tf" and float(operands[1]) < min_text_pt:
                    small += 1
            images = [x for x in (page.obj.get("/Resources", {}).get("/XObject") or {})
                      .values() if x.get("/Subtype") == "/Image"
                      and x.get("/ColorSpace") == "/DeviceRGB"]
            if rgb or images:
                sink.error("rgb-content", f"page {number}: {rgb} RGB colour operator(s), "
                           f"{len(images)} RGB image(s)", hint="the press prints CMYK",
                           **where)
            if small:
                sink.error("text-too-small", f"page {number}: {small} text run(s) below "
                           f"{min_text_pt:g} pt", hint="raise the text size", **where)
    return list(sink)


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

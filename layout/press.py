"""What the press needs, decided from the laid-out pages: the print settings with the
command line's overrides, text too small or objects beyond the bleed, RGB pictures kept,
and the press gate — what stops a build from reaching the printer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from typing import TYPE_CHECKING

from layout.diagnostics import Diagnostic, fail
from layout.display import Box, Image, Rule, TextLine
from layout.spec.grid import MM as MM_PT
from layout.spec.load import Edition

if TYPE_CHECKING:
    from layout.build import Composed

#: The CMYK profile PDF/A files refer their colours to when the edition names none
#: (Debian's libgs-common).
DEFAULT_CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


def pdfa_intent(edition: Edition, settings):
    """The output intent of PDF/A files: the press's profile, else the default CMYK one
    (the pages' colours are CMYK; PDF/A needs the profile they refer to)."""
    from layout.writers.finish import OutputIntent
    if settings.output_intent is not None:
        return OutputIntent(Path(settings.output_intent), settings.output_condition)
    if not DEFAULT_CMYK_PROFILE.is_file():
        raise fail("pdfa-profile", "PDF/A output needs a CMYK ICC profile",
                   file=edition.file, line=edition.spec.where.at("print"),
                   path="print.output_intent",
                   hint="set print.output_intent, or install libgs-common for "
                        f"{DEFAULT_CMYK_PROFILE}")
    from PIL import ImageCms
    name = ImageCms.getProfileDescription(str(DEFAULT_CMYK_PROFILE)).strip() or "Custom"
    return OutputIntent(DEFAULT_CMYK_PROFILE, name)


def press_gate(diagnostics) -> list[Diagnostic]:
    """The findings that stop the press, as errors (the table is
    :data:`layout.preflight.PRESS_GATE`, shared with ``check``)."""
    from layout.preflight import press_stoppers
    return press_stoppers(diagnostics)


def print_settings(edition: Edition, marks: bool | None = None,
                   pdfx: bool | None = None):
    """The edition's print settings with the command line's overrides; the ICC profile
    resolved against the edition folder and checked."""
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
    if isinstance(item, TextLine):
        return item.bbox()
    if isinstance(item, Rule):
        return (min(item.x0, item.x1), min(item.y0, item.y1), max(item.x0, item.x1),
                max(item.y0, item.y1))
    if isinstance(item, (Box, Image)):
        return (item.x, item.y, item.x + item.w, item.y + item.h)
    return None


def check_inks(composed: Composed, settings) -> None:
    """The ink each picture carries as it will print (converted to the press's colours):
    a warning when more than a trace of it exceeds the press's limit.  The pictures are
    prepared here once; the PDF writer reuses them."""
    from layout.display import Image
    from layout.inks import INK_SHARE
    from layout.writers import pictures
    limit = settings.ink_limit
    icc = str(settings.output_intent) if settings.output_intent else None
    for page in composed.pages:
        for item in page.items:
            if not isinstance(item, Image):
                continue
            prepared = pictures.prepare(item.path, item.crop, (item.w, item.h),
                                        settings.images, icc)
            ink = prepared.coverage
            if ink is None or ink.share_above(limit) <= INK_SHARE:
                continue
            composed.sink.warn(
                "ink-over-limit", f"page {page.number}: picture {item.path.name} carries up "
                f"to {ink.maximum:.0f}% ink, {ink.share_above(limit) * 100:.1f}% of it above "
                f"the press's {limit:g}%", article=item.article, file=composed.edition.file,
                path="print.ink_limit", hint="convert the picture with the press's profile "
                "(print.output_intent), which limits the ink, or raise print.ink_limit if "
                "the press holds more")


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
    check_inks(composed, settings)
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

"""report.json: what a build did — copyfit per slot and article, diagnostics, fonts,
outputs with their sha256, provenance (versions, the style sheet, font set and every
input file with its sha256, the options), timing.  A failed build writes one too, saying
what stopped it and which earlier outputs the folder still holds."""

from __future__ import annotations

import json
import os
import platform
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from layout.diagnostics import Diagnostic
from layout.display import glyphs_by_face

if TYPE_CHECKING:
    from layout.build import Composed
    from layout.spec.load import Edition

#: The format of report.json (a reader checks it before trusting the fields).
REPORT_FORMAT = 2
#: Libraries whose versions shape the output bytes.
LIBRARIES = ("reportlab", "fonttools", "pikepdf", "Pillow", "uharfbuzz", "PyYAML")


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


@lru_cache(maxsize=1)
def versions() -> dict:
    """epaper's version, Python's, and those of the libraries that write the bytes."""
    from importlib import metadata

    import layout
    libraries = {}
    for name in LIBRARIES:
        try:
            libraries[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libraries[name] = None
    try:
        import uharfbuzz
        libraries["harfbuzz"] = uharfbuzz.version_string()
    except (ImportError, AttributeError):
        pass
    try:
        import pikepdf
        libraries["qpdf"] = pikepdf.__libqpdf_version__
    except (ImportError, AttributeError):
        pass
    try:
        from PIL import ImageCms
        libraries["littlecms"] = ImageCms.core.littlecms_version
    except (ImportError, AttributeError):
        pass
    return {"epaper": layout.__version__, "python": platform.python_version(),
            "libraries": libraries}


def _name(path: Path, root: Path) -> str:
    """A path as the report names it: relative to the edition when inside it."""
    path = Path(os.path.normpath(Path(path).absolute()))
    try:
        return path.relative_to(Path(os.path.normpath(root.absolute()))).as_posix()
    except ValueError:
        return str(path)


def provenance(edition: Edition, options: dict) -> dict:
    """Everything a rebuild needs to know to give the same bytes: versions, the style
    sheet and font set used (and where they came from: the edition folder, an allowed
    folder, epaper's packaged defaults), every input file with its sha256, the options."""
    root = edition.root
    used = edition.provenance()

    def named(entry: dict) -> dict:
        return {"path": _name(Path(entry["file"]), root), "sha256": entry["sha256"],
                "source": entry["origin"], "name": entry.get("name", "")}
    files = [dict(f, file=_name(Path(f["file"]), root)) for f in used["inputs"]]
    return {**versions(),
            "style": named(used["style"]), "fonts": named(used["fonts"]),
            "allowed": used["allowed"],
            "inputs": {f["file"]: f["sha256"] for f in files
                       if f["sha256"] and f["role"] not in ("style", "fonts")},
            "files": files,
            "options": dict(sorted(options.items()))}


def report_json(composed: Composed, outputs: dict[str, str], ok: bool,
                options: dict) -> dict:
    e = composed.edition
    articles = {}
    for r in composed.slots:
        articles.setdefault(r.article, r.to_json())
    return {
        "format": REPORT_FORMAT,
        "edition": {"name": e.spec.name, "date": e.spec.date.isoformat(),
                    "issue": e.spec.issue, "file": str(e.file)},
        "ok": ok,
        "built": True,
        "pages": [{"number": p.number, "section": p.section,
                   "slots": [r.slot for r in composed.slots if r.page == p.number]}
                  for p in composed.pages],
        "articles": articles,
        "slots": [r.to_json() for r in composed.slots],
        "diagnostics": [d.to_json() for d in composed.sink],
        "fonts": font_fingerprints(composed),
        "outputs": outputs,
        "provenance": provenance(e, options),
        "timing": composed.timing,
    }


def failure_report(diagnostics: list[Diagnostic], kept: dict[str, str],
                   composed: Composed | None = None, options: dict | None = None) -> dict:
    """The report of a build that stopped: what stopped it, and the earlier outputs the
    folder still holds (``kept``, with their sha256), which this build did not make."""
    report: dict = {"format": REPORT_FORMAT, "ok": False, "built": False,
                    "diagnostics": [d.to_json() for d in diagnostics], "outputs": {},
                    "kept": kept}
    if composed is not None:
        full = report_json(composed, {}, False, options or {})
        full.update(report)
        full["diagnostics"] = [d.to_json() for d in composed.sink] + \
            [d.to_json() for d in diagnostics if d not in list(composed.sink)]
        return full
    report["provenance"] = versions()
    return report


def kept_outputs(out: Path) -> dict[str, str]:
    """The outputs an earlier build left in ``out``, as its report lists them."""
    try:
        data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    listed = data.get("outputs") or data.get("kept") or {}
    return {k: v for k, v in listed.items() if (out / k).is_file()} \
        if isinstance(listed, dict) else {}


def dump(report: dict) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

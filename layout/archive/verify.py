"""``epaper verify``: rebuild an edition from its pack alone — in a temporary folder, with
the pack's font subsets only (no fontconfig, no system font), its own style sheet and
font set, the recorded build options — and compare every output with the pack's.

What is compared: every PDF, ALTO and METS file byte for byte (sha256); ``report.json``
as data, without its ``timing`` (wall-clock seconds) and without the versions of epaper,
Python and the libraries in its provenance (shown when they differ, since they explain a
difference, but not a difference themselves), and with paths written relative to the
edition: the pack's report names the folders the edition was packed from, the rebuild's
a temporary folder, and the fonts are the packed subsets of the fonts it names.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from layout.archive.bag import check_bag, read_bag
from layout.archive.fontpack import PackedFont, PackLibrary
from layout.archive.pack import EDITION, OUTPUT, PACK_FORMAT, PACK_JSON, build_options
from layout.diagnostics import EpaperError, fail

#: keys of report.json's provenance that describe the machine, not the inputs
ENVIRONMENT = ("epaper", "python", "libraries")


@dataclass
class Verdict:
    """The outcome of a verification: the files compared and what differs in each."""

    pack: Path
    compared: list[str] = field(default_factory=list)
    differences: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    pages: int = 0
    report: dict = field(default_factory=dict)

    @property
    def identical(self) -> bool:
        return not self.differences


def _meta(bag) -> dict:
    stated = bag.info.get("Epaper-Pack-Format", "")
    try:
        meta = json.loads(bag.files[f"data/{PACK_JSON}"])
    except KeyError:
        meta = None
    except ValueError:
        meta = {}
    fmt = meta.get("format") if isinstance(meta, dict) else None
    for value in (stated, fmt):
        if str(value).isdigit() and int(value) > PACK_FORMAT:
            made_by = meta.get("epaper", "a newer epaper") if isinstance(meta, dict) else \
                "a newer epaper"
            raise fail("pack-newer", f"{bag.source.name} was made by epaper {made_by} (pack "
                       f"format {value}); this epaper reads format {PACK_FORMAT}",
                       file=bag.source, hint="verify it with that epaper or a later one")
    return meta


def _differs(a, b, path: str = "") -> list[str]:
    """Where two JSON values differ (key paths), at most a few."""
    if type(a) is not type(b):
        return [path or "(top)"]
    if isinstance(a, dict):
        out = []
        for key in list(dict.fromkeys([*a, *b])):
            where = f"{path}.{key}" if path else str(key)
            if key not in a or key not in b:
                out.append(where)
            else:
                out += _differs(a[key], b[key], where)
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path} ({len(a)} entries, rebuilt {len(b)})"]
        out = []
        for k, (x, y) in enumerate(zip(a, b)):
            out += _differs(x, y, f"{path}[{k}]")
        return out
    return [] if a == b else [path]


def _canonical(value, replace: list[tuple[str, str]]):
    if isinstance(value, dict):
        return {k: _canonical(v, replace) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v, replace) for v in value]
    if isinstance(value, str):
        for old, new in replace:
            if old and old in value:
                value = value.replace(old, new)
        return value
    return value


#: Roles of input files that a pack holds in a place of its own (its fonts, style sheet,
#: font set and a profile from outside the edition): their bytes are compared through the
#: outputs, not their paths.
MOVED_ROLES = ("font", "style", "fonts", "icc")


def _same_bytes(prov: dict) -> dict:
    """Provenance reduced to what a rebuild from a pack must repeat: the style sheet's and
    font set's bytes and every other input file's name and bytes — not where the style
    sheet, font set and fonts were found, which a pack changes by design."""
    prov = dict(prov)
    for kind in ("style", "fonts"):
        if isinstance(prov.get(kind), dict):
            prov[kind] = {"sha256": prov[kind].get("sha256")}
    prov.pop("allowed", None)
    files = [f for f in prov.get("files", []) if f.get("role") not in MOVED_ROLES]
    prov["files"] = [{"role": f.get("role"), "file": f.get("file"), "sha256": f.get("sha256")}
                     for f in files]
    kept = {f.get("file") for f in files}
    prov["inputs"] = {k: v for k, v in (prov.get("inputs") or {}).items() if k in kept}
    return prov


def comparable(report: dict, replace: list[tuple[str, str]]) -> tuple[dict, dict]:
    """The part of a report that a rebuild must reproduce, and its environment."""
    report = dict(report)
    report.pop("timing", None)
    report.pop("fingerprint", None)         # the state of the files where it was built
    environment = {}
    if isinstance(report.get("provenance"), dict):
        prov = dict(report["provenance"])
        environment = {k: prov.pop(k) for k in ENVIRONMENT if k in prov}
        report["provenance"] = _same_bytes(prov)
    replace = sorted(replace, key=lambda pair: -len(pair[0]))
    return _canonical(report, replace), environment


def pdf_pages(data: bytes) -> list[tuple[str, str]]:
    """Fingerprints of each page of a PDF: of its content (what it draws, where) and of
    the resources it uses (fonts, pictures, colour spaces), whatever their object
    numbers."""
    import pikepdf

    def walk(obj, h, seen):
        if isinstance(obj, pikepdf.Stream):
            key = obj.objgen
            if key != (0, 0) and key in seen:
                h.update(f"@{seen[key]}".encode())
                return
            seen[key] = len(seen)
            walk(dict(obj.items()), h, seen)
            h.update(obj.read_raw_bytes())
        elif isinstance(obj, (pikepdf.Dictionary, dict)):
            if isinstance(obj, pikepdf.Dictionary):
                key = obj.objgen
                if key != (0, 0):
                    if key in seen:
                        h.update(f"@{seen[key]}".encode())
                        return
                    seen[key] = len(seen)
            for name in sorted(obj.keys()):
                if name in ("/Parent", "/StructParents", "/P"):
                    continue
                h.update(name.encode())
                walk(obj[name], h, seen)
        elif isinstance(obj, pikepdf.Array):
            h.update(b"[")
            for v in obj:
                walk(v, h, seen)
            h.update(b"]")
        else:
            h.update(repr(obj).encode())

    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            content, resources = hashlib.sha256(), hashlib.sha256()
            seen: dict = {}
            for name in sorted(page.obj.keys()):
                if name not in ("/Parent", "/Resources", "/StructParents"):
                    content.update(name.encode())
                    walk(page.obj[name], content, seen)
            if "/Resources" in page.obj:
                walk(page.obj.Resources, resources, seen)
            out.append((content.hexdigest(), resources.hexdigest()))
    return out


def pdf_difference(packed: bytes, rebuilt: bytes, numbers: list[int] | None = None) -> str:
    """Which pages of a PDF differ (by their 版次 when ``numbers`` gives them)."""
    try:
        a, b = pdf_pages(packed), pdf_pages(rebuilt)
    except Exception as exc:                        # the packed or rebuilt file is broken
        return f"cannot be compared page by page ({exc})"
    if len(a) != len(b):
        return f"{len(b)} pages rebuilt, the pack has {len(a)}"
    drawn = [k for k, (x, y) in enumerate(zip(a, b)) if x[0] != y[0]]
    used = [k for k, (x, y) in enumerate(zip(a, b)) if x[0] == y[0] and x[1] != y[1]]
    if not drawn and not used:
        return "same pages; the document's metadata or structure differs"

    def name(pages: list[int]) -> str:
        if numbers and len(numbers) == len(a):
            names = [f"第{numbers[k]}版" for k in pages]
        else:
            names = [str(k + 1) for k in pages]
        return ("page " if len(names) == 1 else "pages ") + ", ".join(names)
    parts = []
    if drawn:
        parts.append(name(drawn) + (" differs" if len(drawn) == 1 else " differ"))
    if used:
        parts.append(f"on {name(used)} only the embedded fonts or pictures differ")
    return "; ".join(parts)


def _xml_difference(a: bytes, b: bytes) -> str:
    la, lb = a.split(b"\n"), b.split(b"\n")
    for k, (x, y) in enumerate(zip(la, lb), 1):
        if x != y:
            return f"from line {k}"
    return f"{len(lb)} lines rebuilt, the pack has {len(la)}"


def verify_pack(pack: Path, *, progress: Callable[[str], None] = lambda message: None,
                keep: Path | None = None) -> Verdict:
    """Rebuild the pack's edition from the pack alone and compare (see the module)."""
    pack = Path(pack)
    bag = read_bag(pack)
    meta = _meta(bag)
    check_bag(bag)
    if not isinstance(meta, dict) or "files" not in meta or "fonts" not in meta:
        raise fail("pack-damaged", f"{pack.name} has no readable {PACK_JSON}", file=pack,
                   hint="give a file written by `epaper pack`")
    options = build_options(meta.get("options", {}))
    verdict = Verdict(pack)
    progress(f"rebuilding {bag.top} from {pack.name}")
    with tempfile.TemporaryDirectory(prefix="epaper-verify-") as tmp:
        root = Path(tmp) / "edition"
        for name, data in bag.payload(EDITION).items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        fonts = {name: PackedFont.from_json(f) for name, f in meta["fonts"].items()}
        library = PackLibrary(root, fonts, Path(tmp) / "cache")
        out = Path(tmp) / "out"
        from layout.build import BuildOptions, build
        from layout.spec.load import load_edition
        try:
            edition = load_edition(root)
            for what, used in (("style sheet", edition.style_file),
                               ("font set", edition.fonts_file)):
                if root.resolve() not in Path(used).resolve().parents:
                    raise fail("pack-incomplete", f"the pack's edition finds its {what} "
                               f"outside the pack ({used})", file=pack,
                               hint="pack the edition again with this epaper")
            report = build(root, out, library, BuildOptions(**options, cache=False))
        except EpaperError as exc:
            d = exc.diagnostic
            raise fail("pack-rebuild", f"{pack.name} does not rebuild: {d.one_line()}",
                       file=pack, hint="the pack is incomplete or was made by another epaper"
                       ) from None
        rebuilt = {name: (out / name).read_bytes() for name in report["outputs"]}
        rebuilt["report.json"] = (out / "report.json").read_bytes()
        if keep is not None:
            import shutil
            shutil.copytree(out, keep, dirs_exist_ok=True)
        packed = bag.payload(OUTPUT)
        verdict.pages = len(report.get("pages", []))
        verdict.report = report
        numbers = [p["number"] for p in report.get("pages", [])]
        for name in sorted(set(packed) | set(rebuilt), key=_order):
            verdict.compared.append(name)
            if name not in rebuilt:
                verdict.differences[name] = "not rebuilt"
            elif name not in packed:
                verdict.differences[name] = "rebuilt, but not in the pack"
            elif name == "report.json":
                problem = _report_difference(packed[name], rebuilt[name], meta, root, verdict)
                if problem:
                    verdict.differences[name] = problem
            elif hashlib.sha256(packed[name]).digest() != hashlib.sha256(
                    rebuilt[name]).digest():
                if name.endswith(".pdf"):
                    pages = numbers if name == "edition.pdf" else \
                        [int(name[5:7])] if name[5:7].isdigit() else None
                    verdict.differences[name] = pdf_difference(packed[name], rebuilt[name],
                                                               pages)
                else:
                    verdict.differences[name] = _xml_difference(packed[name], rebuilt[name])
    return verdict


def _order(name: str) -> tuple:
    """Page PDFs, edition, ALTO, METS, report: the order a reader expects."""
    rank = (0 if name.startswith("page-") else 1 if name == "edition.pdf" else
            2 if name.startswith("alto/") else 4 if name == "report.json" else 3)
    return (rank, name)


def _report_difference(packed: bytes, rebuilt: bytes, meta: dict, root: Path,
                       verdict: Verdict) -> str:
    try:
        was, now = json.loads(packed), json.loads(rebuilt)
    except ValueError:
        return "the pack's report.json is not JSON"
    origin = meta["edition"].get("root", "")
    pack_side = [(origin, "@edition")]
    for place, info in meta.get("files", {}).items():
        if info.get("from"):
            pack_side.append((info["from"], f"@edition/{place}"))
    for place, font in meta.get("fonts", {}).items():
        pack_side.append((font["source_file"], f"@edition/{place}"))
    build_side = [(str(root), "@edition"), (str(root.resolve()), "@edition")]
    payload = {place: info for place, info in meta.get("files", {}).items()
               if info.get("rewritten")}
    for place, info in payload.items():
        current = root / place
        if current.is_file():
            build_side.append((hashlib.sha256(current.read_bytes()).hexdigest(),
                               info["sha256"]))
    a, env_a = comparable(was, pack_side)
    b, env_b = comparable(now, build_side)
    if env_a != env_b and env_a and env_b:
        changed = [k for k in ENVIRONMENT if env_a.get(k) != env_b.get(k)]
        verdict.notes.append("built with other versions: " + ", ".join(
            f"{k} {env_a.get(k)} → {env_b.get(k)}" if k != "libraries" else "libraries"
            for k in changed))
    where = _differs(a, b)
    if not where:
        return ""
    shown = ", ".join(where[:4]) + (f" and {len(where) - 4} more" if len(where) > 4 else "")
    return f"differs in {shown}"


def summary(verdict: Verdict) -> list[str]:
    """The lines ``epaper verify`` prints."""
    if verdict.identical:
        return ["identical"]
    lines = [f"differs: {name}: {what}" for name, what in verdict.differences.items()]
    lines.append(f"not identical: {len(verdict.differences)} of {len(verdict.compared)} "
                 f"files differ")
    return lines

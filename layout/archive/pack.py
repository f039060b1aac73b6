"""``epaper pack``: one self-contained, deterministic archive of an edition — a BagIt bag
holding the edition's files, its style sheet and font set, the font subsets it needs, its
fonts.lock and ICC profile, and the outputs built from them (PDFs, ALTO, METS,
report.json) — from which ``epaper verify`` rebuilds the same bytes.

Inside the bag (``data/``)::

    pack.json            format, epaper version, build options, provenance, every file's
                         origin and the fonts (each subset and the face it stands for)
    edition/             the edition as it builds from the pack: edition.yaml, pages/,
                         articles/, pictures, fonts.lock, the style sheet, the font set
                         (rewritten to name the subsets) and fonts/subsets/
    output/              page-NN.pdf, edition.pdf, alto/page-NN.xml, mets.xml, report.json
    original/            the files the pack rewrote, as the edition had them
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from layout.archive import provenance
from layout.archive.bag import kind_of, make_bag, serialize
from layout.archive.fontpack import (PackedFace, PackedFont, RecordingLibrary, cut, licence,
                                     pack_name, same_answers)
from layout.diagnostics import fail
from layout.fonts.face import Face
from layout.fonts.lock import fingerprints, lock_bytes
from layout.output import write_atomic
from layout.spec.load import Edition, load_edition

PACK_FORMAT = 1
PACK_JSON = "pack.json"
EDITION = "edition/"
OUTPUT = "output/"
ORIGINAL = "original/"
SUBSETS = "fonts/subsets"


@dataclass(frozen=True)
class Packed:
    """What ``pack`` wrote."""

    path: Path
    bag: str
    files: int
    size: int
    outputs: tuple[str, ...]
    fonts: tuple[PackedFont, ...]
    outside: tuple[str, ...]          # files from outside the edition folder it names


def build_options(options: dict) -> dict:
    """The options ``build`` accepts, checked: an option set in a pack that this epaper's
    build does not know cannot be replayed."""
    import dataclasses

    from layout.build import BuildOptions
    accepted = {f.name for f in dataclasses.fields(BuildOptions)}
    unknown = [k for k, v in options.items() if v and k not in accepted]
    if unknown:
        raise fail("pack-option", f"this epaper cannot build with option {unknown[0]!r}",
                   hint="use the epaper version that made the pack (see its pack.json)")
    return {k: v for k, v in options.items() if k in accepted}


def _rewrite(text: str, line: int, key: str, old: str, new: str, file: Path) -> str:
    """``text`` with the value ``old`` of ``key`` on ``line`` replaced by ``new`` (other
    lines untouched, so the line numbers of every diagnostic stay the same)."""
    lines = text.split("\n")
    pattern = re.compile(rf"(\b{re.escape(key)}\s*:\s*)(['\"]?){re.escape(old)}\2")
    changed, count = pattern.subn(lambda m: m.group(1) + json.dumps(new, ensure_ascii=False),
                                  lines[line - 1], count=1)
    if not count:
        raise fail("pack-rewrite", f"cannot point {key} at the packed copy: the value "
                   f"{old!r} is not written on line {line}", file=file, line=line,
                   hint=f"write '{key}: {old}' on one line")
    lines[line - 1] = changed
    return "\n".join(lines)


def _edition_yaml(edition: Edition, places: dict[str, provenance.Input]) -> bytes | None:
    """edition.yaml pointing at the packed style sheet, font set and profile when it named
    them by a path outside the edition; None when it needs no change."""
    text = edition.file.read_text(encoding="utf-8")
    spec = edition.spec
    original = text
    for item in places.values():
        if item.inside or item.role not in ("style", "fonts", "profile"):
            continue
        if item.role == "profile":
            key, path, old = "output_intent", "print.output_intent", str(
                spec.print.output_intent)
        else:
            key = path = item.role
            old = getattr(spec, item.role)
            if Path(old).suffix not in (".yaml", ".yml"):   # a name: found in its folder
                continue
        text = _rewrite(text, spec.where.at(path), key, old, item.place, edition.file)
    if text == original:
        return None
    check = yaml.safe_load(text)
    assert isinstance(check, dict)
    return text.encode("utf-8")


def _font_set(edition: Edition, place: str, chains, packed: dict[Face, str]) -> bytes:
    """The font set naming the packed subsets (paths relative to its own place)."""
    here = Path(place).parent
    roles = {}
    for role, chain in chains.items():
        roles[role] = [Path(os.path.relpath(packed[face], here)).as_posix()
                       for face in chain.faces]
    head = ("# The font set of a pack, written by epaper: each role's fonts are the subsets\n"
            "# packed beside it (the glyphs this edition uses, glyph ids kept).  The font set\n"
            "# as the edition had it is in the pack's original/ folder.\n")
    body = yaml.safe_dump({"name": edition.fonts.name or "packed", "roles": roles},
                          allow_unicode=True, sort_keys=False, width=200)
    return (head + body).encode("utf-8")


def _bag_name(edition: Edition) -> str:
    name = re.sub(r"[^\w.-]+", "-", edition.root.resolve().name).strip("-.")
    return name or f"edition-{edition.spec.date.isoformat()}"


def pack_edition(edition_path: Path, out: Path, *, cache_dir: Path | None = None,
                 options: dict | None = None,
                 progress: Callable[[str], None] = lambda message: None) -> Packed:
    """Build the edition and write its pack to ``out`` (replaced only when complete)."""
    from layout.build import BuildOptions, build, resolve_chains
    out = Path(out)
    kind = kind_of(out)
    if kind is None:
        raise fail("pack-name", f"{out.name}: a pack is a .zip, .tar or .tar.gz file",
                   hint="name the output e.g. EDITION.zip")
    options = {"alto": True, **(options or {})}
    replay = build_options(options)
    edition_path = Path(edition_path).resolve()     # the report names absolute paths
    edition = load_edition(edition_path)
    provenance.inputs(edition)                   # pictures gone, paths outside: stop here
    library = RecordingLibrary(cache_dir)
    with tempfile.TemporaryDirectory(prefix="epaper-pack-") as tmp:
        progress(f"building {edition.root.name}")
        # in this process, from scratch: the recording library sees every glyph the
        # layout asks for
        report = build(edition_path, Path(tmp), library,
                       BuildOptions(**replay, cache=False, jobs=1))
        names = [*report["outputs"], "report.json"]
        outputs = {name: (Path(tmp) / name).read_bytes() for name in names}
    edition = load_edition(edition_path)         # with the fonts.lock a first build wrote
    files = {i.place: i for i in provenance.inputs(edition)}
    chains = resolve_chains(edition, library)

    progress("cutting font subsets")
    fonts: dict[Face, PackedFont] = {}
    subsets: dict[str, bytes] = {}
    places: dict[Face, str] = {}
    for face in (f for chain in chains.values() for f in chain.faces):
        if face in fonts:
            continue
        data = cut(face, face.asked, face.asked_vertical, face.asked_variations, set())
        place = f"{SUBSETS}/{pack_name(face, data)}"
        font = PackedFont(place, face.postscript_name, face.version, str(face.path),
                          face.index, face.sha256, hashlib.sha256(data).hexdigest(),
                          len({c for c in face.asked if Face.gid(face, c) is not None}),
                          _glyph_count(face), licence(face))
        _check_subset(face, data, font)
        fonts[face], subsets[place], places[face] = font, data, place

    payload: dict[str, bytes] = {}
    record: dict[str, dict] = {}
    for place, item in sorted(files.items()):
        data = item.path.read_bytes()
        record[place] = {"role": item.role, "from": str(item.path), "inside": item.inside,
                         "sha256": hashlib.sha256(data).hexdigest()}
        payload[EDITION + place] = data
    rewritten = {files[p].role: p for p in files if files[p].role in ("fonts", "edition")}
    new_yaml = _edition_yaml(edition, files)
    if new_yaml is not None:
        place = rewritten["edition"]
        payload[ORIGINAL + place] = payload[EDITION + place]
        payload[EDITION + place] = new_yaml
        record[place]["rewritten"] = True
    place = rewritten["fonts"]
    payload[ORIGINAL + place] = payload[EDITION + place]
    payload[EDITION + place] = _font_set(edition, place, chains, places)
    record[place]["rewritten"] = True
    if "fonts.lock" not in files:                # the edition folder could not take one
        payload[EDITION + "fonts.lock"] = lock_bytes(fingerprints(chains))
        record["fonts.lock"] = {"role": "lock", "from": None, "inside": True,
                                "sha256": hashlib.sha256(
                                    payload[EDITION + "fonts.lock"]).hexdigest()}
    for place, data in subsets.items():
        payload[EDITION + place] = data
    for name, data in outputs.items():
        payload[OUTPUT + name] = data

    spec = edition.spec
    meta = {
        "format": PACK_FORMAT,
        "epaper": provenance.version(),
        "edition": {"name": spec.name, "date": spec.date.isoformat(), "issue": spec.issue,
                    "language": spec.language, "folder": EDITION.rstrip("/"),
                    "root": str(edition.root.resolve()),
                    "pages": [p.number for p in edition.pages]},
        "options": options,
        "provenance": provenance.of_report(report, edition, options),
        "files": record,
        "fonts": {f.file: f.to_json() for f in fonts.values()},
        "outputs": {name: hashlib.sha256(data).hexdigest()
                    for name, data in outputs.items()},
    }
    payload[PACK_JSON] = (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode()
    top = _bag_name(edition)
    label = " ".join(p for p in (spec.name, spec.date.isoformat(), spec.issue) if p)
    bag = make_bag(payload, {
        "External-Identifier": top,
        "External-Description": f"{label}: the edition, its fonts and its outputs; "
                                f"`epaper verify` rebuilds them from this bag alone",
        "Bag-Software-Agent": f"epaper {provenance.version()}",
        "Epaper-Pack-Format": str(PACK_FORMAT)})
    blob = serialize(bag, top, kind)
    write_atomic(out, blob)
    outside = tuple(str(i.path) for i in files.values() if not i.inside)
    return Packed(out, top, len(bag), len(blob), tuple(outputs), tuple(fonts.values()),
                  outside)


def _glyph_count(face: Face) -> int:
    gids = {Face.gid(face, c) for c in face.asked} | \
        {Face.vertical_gid(face, c) for c in face.asked_vertical} | \
        {Face.variation_gid(face, b, s) for b, s in face.asked_variations}
    return len(gids - {None}) + (0 not in gids)


def _check_subset(face, data: bytes, font: PackedFont) -> None:
    """The subset must answer every question the layout asked as the font did, and give
    the PDF writer the same embedded program; else the pack could not rebuild the same
    bytes, and is not written."""
    from layout.fonts.subset import subset
    with tempfile.TemporaryDirectory(prefix="epaper-font-") as tmp:
        path = Path(tmp) / "subset"
        path.write_bytes(data)
        packed = PackedFace(path, font)
        wrong = same_answers(face, packed)
        gids = sorted({g for g in (Face.gid(face, c) for c in face.asked) if g} |
                      {g for g in (Face.vertical_gid(face, c) for c in face.asked_vertical)
                       if g})
        if not wrong and gids and subset(face, gids).program != subset(packed, gids).program:
            wrong.append("the embedded program")
        if wrong:
            raise fail("pack-font-subset", f"the subset of {face.postscript_name} "
                       f"({face.path}) differs from the font in {', '.join(wrong[:5])}",
                       hint="report this with the font file; the pack was not written")

"""Font fingerprints and the edition's ``fonts.lock``: which font files (by sha256) an
issue was set with, so an archivist knows whether a rebuild can be identical."""

from __future__ import annotations

from pathlib import Path

import yaml

from layout.diagnostics import Sink, fail
from layout.fonts.chain import FontChain

LOCK_NAME = "fonts.lock"


def fingerprints(chains: dict[str, FontChain]) -> dict[str, list[dict]]:
    """role → the faces of its chain, each with file, face, version and sha256."""
    return {role: [{"face": f.postscript_name, "version": f.version, "sha256": f.sha256,
                    "file": str(f.path), "index": f.index} for f in chain.faces]
            for role, chain in sorted(chains.items())}


def read_lock(path: Path) -> dict[str, list[dict]] | None:
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise fail("lock-syntax", f"{path.name} is not valid YAML", file=path,
                   line=None if line is None else line + 1,
                   hint="delete it and run `epaper fonts EDITION --lock` to write it anew")
    if not isinstance(data, dict) or not isinstance(data.get("roles"), dict):
        raise fail("lock-syntax", f"{path.name} has no 'roles' mapping", file=path,
                   hint="delete it and run `epaper fonts EDITION --lock` to write it anew")
    roles = data["roles"]
    for role, faces in roles.items():
        if not isinstance(faces, list) or not all(isinstance(f, dict) for f in faces):
            raise fail("lock-syntax", f"{path.name}: role {role!r} is not a list of fonts",
                       file=path, hint="delete it and run `epaper fonts EDITION --lock` to "
                                       "write it anew")
    return roles


def lock_bytes(prints: dict[str, list[dict]]) -> bytes:
    head = ("# The fonts this edition was set with (written by epaper).  A build whose fonts\n"
            "# differ warns: its PDFs will not be identical to the archived ones.\n")
    body = yaml.safe_dump({"roles": prints}, allow_unicode=True, sort_keys=False, width=200)
    return (head + body).encode("utf-8")


def compare(locked: dict[str, list[dict]], current: dict[str, list[dict]], lock_file: Path,
            sink: Sink) -> int:
    """Warn for every role whose faces differ from the lock; returns the number of warnings."""
    warnings = 0
    for role in sorted(set(locked) | set(current)):
        was = [(f.get("face"), f.get("sha256")) for f in locked.get(role, [])]
        now = [(f["face"], f["sha256"]) for f in current.get(role, [])]
        if was == now:
            continue
        changed = [f"{n[0]} (sha256 {n[1][:12]}… was {w[1][:12] if w[1] else '?'}…)"
                   for w, n in zip(was, now) if w != n]
        detail = "; ".join(changed) if changed else (
            f"{len(was)} font(s) locked, {len(now)} now")
        sink.warn("font-changed", f"font role {role!r} differs from {lock_file.name}: "
                  f"{detail}; this build will not be identical to the archived one",
                  file=lock_file, path=f"roles.{role}",
                  hint="install the locked font files, or accept the new ones with "
                       "`epaper fonts EDITION --lock`")
        warnings += 1
    return warnings

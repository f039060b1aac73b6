"""Font fingerprints and the edition's ``fonts.lock``: which font files (by sha256) an
issue was set with, so an archivist knows whether a rebuild can be identical."""

from __future__ import annotations

from pathlib import Path

import yaml

from layout.diagnostics import EpaperError, Sink, fail
from layout.fonts.chain import FontChain

LOCK_NAME = "fonts.lock"


def fingerprints(chains: dict[str, FontChain]) -> dict[str, list[dict]]:
    """role → the faces of its chain, each with file, face, version and sha256."""
    return {role: [{"face": f.postscript_name, "version": f.version, "sha256": f.sha256,
                    "file": str(f.path), "index": f.index} for f in chain.faces]
            for role, chain in sorted(chains.items())}


def read_lock(path: Path) -> dict[str, list[dict]] | None:
    """The roles recorded in ``path`` (None when the edition has no lock yet).  The lock
    is read like every input: a regular file inside its edition folder, UTF-8 text within
    the size limit, YAML of bounded shape; whatever is wrong with it is one error saying
    how to write it anew."""
    import os

    from layout.spec.confine import real
    from layout.spec.inputs import LIMITS, decode_text, read_bytes
    from layout.spec.schema import Source
    if not os.path.lexists(path):
        return None
    again = "delete it and run `epaper fonts EDITION --lock` to write it anew"
    if not real(path).is_relative_to(real(path.parent)):
        raise fail("lock-outside", f"{path.name} is a symlink out of the edition folder",
                   file=path, hint=again)
    try:
        text = decode_text(read_bytes(path, "font lock", LIMITS.lock_bytes), path,
                           "font lock")
        data = _constructor().construct_document(Source.parse(text, str(path)).root)
    except EpaperError as exc:
        d = exc.diagnostic
        message = d.message if path.name in d.message else f"{path.name}: {d.message}"
        raise fail("lock-syntax", message, file=path, line=d.line, hint=again) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail("lock-syntax", f"{path.name} is not valid YAML", file=path,
                   line=None if mark is None else mark.line + 1, hint=again) from None
    except (ValueError, TypeError, OverflowError):
        raise fail("lock-syntax", f"{path.name} holds a value that is not text or a "
                   f"number", file=path, hint=again) from None
    if not isinstance(data, dict) or not isinstance(data.get("roles"), dict):
        raise fail("lock-syntax", f"{path.name} has no 'roles' mapping", file=path,
                   hint=again)
    roles = data["roles"]
    for role, faces in roles.items():
        if not isinstance(faces, list) or not all(isinstance(f, dict) for f in faces):
            raise fail("lock-syntax", f"{path.name}: role {role!r} is not a list of fonts",
                       file=path, hint=again)
        for face in faces:
            if not all(isinstance(face.get(k), (str, type(None))) for k in ("face", "sha256")):
                raise fail("lock-syntax", f"{path.name}: a font of role {role!r} has a face "
                           f"or sha256 that is not text", file=path, hint=again)
    return roles


def _constructor() -> yaml.SafeLoader:
    """A YAML constructor for documents already composed (and checked) by Source.parse."""
    return yaml.SafeLoader("")


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

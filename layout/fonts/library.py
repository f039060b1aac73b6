"""Finding fonts: file paths, collection members and fontconfig patterns, resolved to
faces once per library."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from layout.diagnostics import fail
from layout.fonts.face import Face

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


def default_cache_dir() -> Path:
    env = os.environ.get("EPAPER_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "epaper"


def _split_member(spec: str) -> tuple[str, str | None]:
    """``file.ttc#2`` or ``file.ttc#Noto Serif CJK SC`` → (file, member)."""
    if "#" in spec:
        file, member = spec.rsplit("#", 1)
        return file, member.strip() or None
    return spec, None


class FontLibrary:
    """Resolves font specifications to faces; ``cache_dir`` holds what is worth keeping
    between builds."""

    def __init__(self, cache_dir: Path | None = None):
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        self._faces: dict[tuple[str, int], Face] = {}
        self._found: dict[tuple[str, str], Face] = {}
        self._files: dict[str, dict] = {}          # what _kept read, by file name

    # ------------------------------------------------------------------ finding faces
    def face(self, path: Path, index: int = 0) -> Face:
        key = (str(Path(path).resolve()), index)
        if key not in self._faces:
            try:
                face = Face(Path(key[0]), index, self._sha256(Path(key[0])))
                usable = face.is_font()
            except OSError as exc:
                raise fail("font-unreadable", f"font file {path} cannot be read: "
                           f"{exc.strerror or exc}", hint="check the path and its "
                           "permissions") from None
            except Exception:                      # HarfBuzz refuses the file
                usable = False
            if not usable:
                raise fail("font-unreadable", f"font file {path} cannot be read: it is "
                           f"not a usable TrueType or OpenType font", hint="check that the file is complete and "
                           "is a .ttf/.otf/.ttc/.otc font (WOFF must be converted)")
            self._faces[key] = face
        return self._faces[key]

    def find(self, spec: str, base_dir: Path | None = None) -> Face:
        """A face for ``spec``: a font file path (relative to ``base_dir``), optionally
        with ``#index`` or ``#family`` for a collection, or a fontconfig pattern such as
        ``Noto Serif CJK SC:style=Bold``."""
        cache_key = (spec, str(base_dir))
        if cache_key not in self._found:
            self._found[cache_key] = self._find(spec, base_dir)
        return self._found[cache_key]

    def _find(self, spec: str, base_dir: Path | None) -> Face:
        file, member = _split_member(spec)
        if file.lower().endswith(FONT_SUFFIXES) or "/" in file:
            path = Path(os.path.expanduser(file))
            if not path.is_absolute() and base_dir is not None:
                path = base_dir / path
            if not path.is_file():
                raise fail("font-not-found", f"font file {file} does not exist",
                           hint="give a path relative to fonts.yaml, or a family name "
                                "that fc-list shows")
            return self._member(path, member, spec)
        return self._fontconfig(spec)

    def _member(self, path: Path, member: str | None, spec: str) -> Face:
        count = 1
        if path.suffix.lower() in (".ttc", ".otc"):
            count = self.face(path, 0).hb_face.count
        if member is None:
            return self.face(path, 0)
        if member.isdigit():
            index = int(member)
            if index >= count:
                raise fail("font-not-found", f"{path.name} has {count} faces; "
                           f"#{index} does not exist", hint=f"use #0 … #{count - 1}")
            return self.face(path, index)
        names = []
        for index in range(count):
            face = self.face(path, index)
            candidates = {face.family, face.postscript_name,
                          f"{face.family} {face.style}".strip()}
            names.append(face.postscript_name)
            if member in candidates:
                return face
        raise fail("font-not-found", f"{path.name} has no face named {member!r}",
                   hint=f"faces are: {', '.join(names)}")

    def _fc_match(self, pattern: str) -> list[str] | None:
        """fontconfig's best match for ``pattern``: file, index, families, styles — as
        fc-match answered it before while fontconfig's caches and settings are unchanged
        (kept in the cache folder), else asked again."""
        from layout.cache import FONTCONFIG_CACHES, file_state
        state = repr(([file_state(d) for d in (*FONTCONFIG_CACHES, Path("/etc/fonts"))],
                      [os.environ.get(v) for v in ("FONTCONFIG_FILE", "FONTCONFIG_PATH",
                                                   "FONTCONFIG_SYSROOT")]))
        known = self._kept("fontconfig.json", state)
        found = known.get(pattern)
        if isinstance(found, list) and len(found) == 4 and \
                all(isinstance(x, str) for x in found) and os.path.isfile(found[0]):
            return found
        if shutil.which("fc-match") is None:
            raise fail("fontconfig-missing", f"cannot look up font {pattern!r}: fc-match "
                       "is not installed", hint="install fontconfig, or give font files "
                                                "by path in fonts.yaml")
        out = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{family}\n%{style}",
                              pattern], capture_output=True, text=True, check=False)
        lines = out.stdout.split("\n")
        if out.returncode != 0 or len(lines) < 4 or not lines[0]:
            return None
        known[pattern] = lines[:4]
        self._keep("fontconfig.json", state, known)
        return lines[:4]

    def _kept(self, name: str, state: str) -> dict:
        """What the cache folder's ``name`` keeps, when it was written in ``state`` (read
        once per library); {} when there is none, it was written in another state, or it
        is damaged."""
        if name not in self._files:
            found: dict = {}
            try:
                kept = json.loads((self.cache_dir / name).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                kept = None
            if isinstance(kept, dict) and kept.get("state") == state and \
                    isinstance(kept.get("found"), dict):
                found = kept["found"]
            self._files[name] = found
        return self._files[name]

    def _keep(self, name: str, state: str, found: dict) -> None:
        """Write ``found`` to the cache folder's ``name`` at once (a reader sees the old
        file or the new one)."""
        from layout.output import write_atomic
        self._files[name] = found
        data = json.dumps({"state": state, "found": found}, ensure_ascii=False)
        try:
            write_atomic(self.cache_dir / name, data.encode("utf-8"))
        except OSError:
            pass                                   # a cache that cannot be written

    def _sha256(self, path: Path) -> str:
        """A font file's sha256, kept in the cache folder by the file's path, size, time
        and inode: a large CJK collection is not read through on every build."""
        st = path.stat()
        ident = f"{path}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}"
        known = self._kept("font-hashes.json", "1")
        found = known.get(ident)
        if not (isinstance(found, str) and len(found) == 64):
            from layout.fonts.face import file_sha256
            known = {k: v for k, v in known.items() if not k.startswith(f"{path}|")}
            found = known[ident] = file_sha256(path)
            self._keep("font-hashes.json", "1", known)
        return found

    def _fontconfig(self, pattern: str) -> Face:
        lines = self._fc_match(pattern)
        if lines is None:
            raise fail("font-not-found", f"fontconfig found nothing for {pattern!r}",
                       hint="check the family name with fc-list")
        file, index, families, styles = lines[:4]
        wanted_family, _, props = pattern.partition(":")
        wanted_style = ""
        for prop in props.split(":"):
            if prop.startswith("style="):
                wanted_style = prop[len("style="):]
        family_list = [f.strip().lower() for f in families.split(",")]
        style_list = [s.strip().lower() for s in styles.split(",")]
        if wanted_family.strip().lower() not in family_list:
            raise fail("font-not-found", f"font {wanted_family.strip()!r} is not installed "
                       f"(fontconfig offers {families.split(',')[0]!r} instead)",
                       hint="install it (see README), check the name with fc-list, or "
                            "give the font file's path")
        if wanted_style and wanted_style.lower() not in style_list:
            raise fail("font-not-found", f"font {wanted_family.strip()!r} has no style "
                       f"{wanted_style!r} (fontconfig offers {styles.split(',')[0]!r})",
                       hint="check the styles with fc-list")
        return self.face(Path(file), int(index or 0))

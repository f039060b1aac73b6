"""Where an edition's files may come from: its own folder, the folders it allows
(``paths.allow``), epaper's packaged style sheets and font sets (given by name), and for
fonts and ICC profiles the fonts and colour profiles installed on the system.

Paths are compared after following symlinks, so a link inside the edition that points
elsewhere is outside.  Nothing is ever looked up in a folder above the edition.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from layout.diagnostics import EpaperError, fail

#: Where a file came from, as the report states it.
EDITION, ALLOWED, PACKAGED, SYSTEM = "edition", "allowed", "packaged", "system"

#: A style sheet or font set given by name: letters, digits, '-', '_' and '.'.
NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
YAML_SUFFIXES = (".yaml", ".yml")


def real(path: Path) -> Path:
    """``path`` with every symlink followed (for a missing file: as far as it exists)."""
    return Path(os.path.realpath(path))


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


@dataclass(frozen=True)
class Located:
    """The file and line that name a path, for errors."""

    file: str
    line: int | None = None
    path: str | None = None          # the YAML key path, e.g. photos[0].file
    article: str | None = None


@dataclass(frozen=True)
class Placed:
    """A file an edition names: the path to open, its real path and its origin."""

    path: Path
    real: Path
    origin: str


@dataclass(frozen=True)
class Roots:
    """The edition folder and the outside folders it allows, symlinks followed."""

    edition: Path
    allowed: tuple[Path, ...] = ()

    @classmethod
    def of(cls, folder: Path, allow: tuple[Path, ...] = (), where: Located | None = None
           ) -> Roots:
        """The roots of the edition in ``folder``; each allowed folder must exist and may
        not be the file system's root (which would allow every file)."""
        root = real(folder)
        allowed = []
        for k, entry in enumerate(allow):
            target = real(root / Path(os.path.expanduser(str(entry))))
            here = {"file": where.file, "line": where.line, "path": f"paths.allow[{k}]"} \
                if where else {}
            if not target.is_dir():
                raise fail("allow-missing", f"allowed folder {entry} is not a folder",
                           hint="list folders that exist under paths.allow", **here)
            if target == Path(target.anchor):
                raise fail("allow-root", "paths.allow lists the root folder, which would "
                           "let the edition read every file on the machine",
                           hint="list the shared folder itself, e.g. /srv/fonts", **here)
            allowed.append(target)
        return cls(root, tuple(allowed))

    def origin(self, path: Path) -> str | None:
        """EDITION or ALLOWED for a real path inside a root, else None."""
        if _inside(path, self.edition):
            return EDITION
        if any(_inside(path, a) for a in self.allowed):
            return ALLOWED
        return None


def outside(what: str, value: str | Path, path: Path, where: Located) -> EpaperError:
    """The error for a file outside the edition, said without reading the file."""
    resolved = real(path)
    how = "is" if resolved == Path(os.path.abspath(path)) else \
        f"resolves (symlinks followed) to {resolved}, which is"
    return fail("path-outside", f"{what} {value} {how} outside the edition folder",
                file=where.file, line=where.line, path=where.path, article=where.article,
                hint="copy the file into the edition folder, or list its folder under "
                     "'paths: {allow: [...]}' in edition.yaml")


def place(value: str | Path, base: Path, roots: Roots, what: str, where: Located,
          system: tuple[Path, ...] | frozenset[Path] = ()) -> Placed:
    """Resolve ``value`` (relative to ``base``, ``~`` expanded) and refuse it unless it
    lies inside the edition or an allowed folder, or is a ``system`` file (a set of real
    file paths, or folders)."""
    path = base / Path(os.path.expanduser(str(value)))
    resolved = real(path)
    origin = roots.origin(resolved)
    if origin is None and _is_system(resolved, system):
        origin = SYSTEM
    if origin is None:
        raise outside(what, value, path, where)
    return Placed(path, resolved, origin)


def _is_system(path: Path, system) -> bool:
    if isinstance(system, frozenset):
        return path in system
    return any(_inside(path, folder) for folder in system)


# ------------------------------------------------------------------ packaged defaults
def packaged_folder(kind: str) -> Path | None:
    """epaper's own ``styles`` or ``fonts`` folder: ``layout/defaults/KIND`` when
    installed, the checkout's ``KIND/`` folder (which the wheel packages as
    ``layout.defaults.KIND``) when run from a source checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "defaults" / kind
    if installed.is_dir():
        return installed
    checkout = package.parent
    project = checkout / "pyproject.toml"
    if (checkout / kind).is_dir() and project.is_file() and \
            'name = "epaper"' in project.read_text(encoding="utf-8", errors="replace"):
        return checkout / kind
    return None


def find_named(value: str, roots: Roots, kind: str, what: str, where: Located) -> Placed:
    """A style sheet (``kind`` styles) or font set (``kind`` fonts): a name is the
    edition's own ``KIND/NAME.yaml`` if it has one, else epaper's packaged default; a path
    (with a '/', or a bare file name ending .yaml) is a file inside the edition or an
    allowed folder."""
    bare = "/" not in value and "\\" not in value
    if bare and value.endswith(YAML_SUFFIXES) and (roots.edition / value).exists():
        return place(value, roots.edition, roots, what, where)
    name = value[:-5] if value.endswith(".yaml") else value.removesuffix(".yml")
    if not bare:
        placed = place(value, roots.edition, roots, what, where)
        if not placed.path.exists():
            raise fail(f"{what}-missing", f"{what} {value} not found", file=where.file,
                       line=where.line, path=where.path,
                       hint=f"give a file inside the edition, or a name: the edition's "
                            f"{kind}/NAME.yaml or a packaged default ({_defaults(kind)})")
        return placed
    if not NAME.fullmatch(name) or ".." in name:
        raise fail(f"{what}-name", f"{what} {value!r} is not a name", file=where.file,
                   line=where.line, path=where.path,
                   hint="a name is letters, digits, '-' and '_' (e.g. newspaper)")
    own = roots.edition / kind / f"{name}.yaml"
    if os.path.lexists(own):
        return place(own.relative_to(roots.edition), roots.edition, roots, what, where)
    folder = packaged_folder(kind)
    if folder is not None and (folder / f"{name}.yaml").is_file():
        path = folder / f"{name}.yaml"
        return Placed(path, real(path), PACKAGED)
    raise fail(f"{what}-missing", f"{what} {value!r} not found", file=where.file,
               line=where.line, path=where.path,
               hint=f"add {kind}/{name}.yaml to the edition folder, or use a packaged "
                    f"default: {_defaults(kind)}")


def _defaults(kind: str) -> str:
    folder = packaged_folder(kind)
    names = sorted(p.stem for p in folder.glob("*.yaml")) if folder else []
    return ", ".join(names) or "none installed"


def packaged_name(path: Path, kind: str) -> str | None:
    """The name to give instead of ``path`` when it is a packaged default's file."""
    folder = packaged_folder(kind)
    if folder is not None and real(path).parent == real(folder):
        return real(path).stem
    return None


# ------------------------------------------------------------------ system files
@functools.cache
def system_fonts() -> frozenset[Path]:
    """Every font file fontconfig knows (the fonts a family name can find), real paths."""
    try:
        out = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True,
                             text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(real(Path(line)) for line in out.splitlines() if line.strip())


def system_profiles() -> tuple[Path, ...]:
    """The folders installed colour profiles live in (``$XDG_DATA_DIRS/color/icc``)."""
    dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return tuple(real(Path(d) / "color" / "icc") for d in dirs.split(":") if d)

"""What an edition's outputs were made from: every input file with its sha256 (edition,
pages, articles, pictures, ICC profile), the style sheet and font set actually used, the
build options and the versions.  Read from ``report.json`` when the build recorded it
there, else computed from the loaded edition in the same shape."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from layout.diagnostics import fail
from layout.report import versions
from layout.spec.inputs import sha256_file
from layout.spec.load import Edition

#: build options a pack records and a rebuild replays (those this epaper's build accepts)
OPTIONS = ("marks", "pdfx", "pdfa", "proof", "alto", "epaper")


def version() -> str:
    from layout import __version__
    return __version__


@dataclass(frozen=True)
class Input:
    """One file an edition is made from: its role, where it is, and where it goes in a
    self-contained copy of the edition (``place``, relative to the edition folder)."""

    role: str            # edition | page | article | picture | profile | style | fonts | lock
    path: Path           # absolute
    place: str
    inside: bool         # in the edition folder (else named explicitly by the edition)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _rel(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


def profile_path(edition: Edition) -> Path | None:
    profile = edition.spec.print.output_intent
    if profile is None:
        return None
    profile = Path(profile)
    return profile if profile.is_absolute() else edition.root / profile


def inputs(edition: Edition) -> list[Input]:
    """Every file the edition is built from.  Pages, articles and pictures must be inside
    the edition folder; the style sheet, the font set and the ICC profile may be anywhere
    the edition names them, and get a place of their own inside a copy.  A picture that is
    gone is an error (an archive must not keep a placeholder by accident)."""
    root = edition.root
    found: list[Input] = [Input("edition", edition.file, _rel(edition.file, root), True)]
    for page in edition.pages:
        _must_be_inside(page.file, root, "page spec", edition.file)
        found.append(Input("page", page.file, _rel(page.file, root), True))
    for article in sorted(edition.articles.values(), key=lambda a: str(a.where.file)):
        file = Path(article.where.file)
        _must_be_inside(file, root, "article", edition.file)
        found.append(Input("article", file, _rel(file, root), True))
        for k, photo in enumerate(article.photos):
            if photo.file is None:
                continue
            picture = file.parent / photo.file
            if not picture.is_file():
                raise fail("picture-missing", f"picture {photo.file} of article {article.id} "
                           f"is gone ({picture})", file=file, line=article.where.at(
                               f"photos[{k}].file"), article=article.id,
                           hint="put the picture back, or remove 'file:' to print a "
                                "placeholder on purpose")
            _must_be_inside(picture, root, "picture", file)
            found.append(Input("picture", picture, _rel(picture, root), True))
    style = edition.style_file
    found.append(_named(style, root, "style", "styles", edition.spec.style))
    fonts = edition.fonts_file
    found.append(_named(fonts, root, "fonts", "fonts", edition.spec.fonts))
    profile = profile_path(edition)
    if profile is not None and profile.is_file():
        inside = _inside(profile, root)
        place = _rel(profile, root) if inside else f"profiles/{profile.name}"
        found.append(Input("profile", profile, place, inside))
    lock = root / "fonts.lock"
    if lock.is_file():
        found.append(Input("lock", lock, "fonts.lock", True))
    unique: dict[str, Input] = {}
    for item in found:
        unique.setdefault(item.place, item)
    return list(unique.values())


def _named(path: Path, root: Path, role: str, folder: str, value: str) -> Input:
    """A style sheet or font set: kept at its place when inside the edition, else given
    the place where the edition's value finds it (a name: ``styles/NAME.yaml``)."""
    if _inside(path, root):
        return Input(role, path, _rel(path, root), True)
    if Path(value).suffix in (".yaml", ".yml"):
        return Input(role, path, f"{folder}/{path.name}", False)
    return Input(role, path, f"{folder}/{value}.yaml", False)


def _must_be_inside(path: Path, root: Path, what: str, named_in: Path) -> None:
    if not _inside(path, root):
        raise fail("pack-outside", f"{what} {path} is outside the edition folder {root}",
                   file=named_in, hint=f"copy the {what} into the edition folder; a pack "
                   f"follows paths outside it only for the style sheet, the font set and "
                   f"the ICC profile")


def compute(edition: Edition, options: dict) -> dict:
    """The provenance of a build of ``edition`` with ``options``, in report.json's shape."""
    files = inputs(edition)
    by_role = {i.role: i for i in files}

    def named(role: str) -> dict:
        item = by_role[role]
        return {"path": str(item.path), "sha256": sha256_file(item.path),
                "source": "edition" if item.inside else "named"}

    return {**versions(),
            "style": named("style"), "fonts": named("fonts"),
            "inputs": {i.place: sha256_file(i.path) for i in files
                       if i.role in ("edition", "page", "article", "picture", "profile")},
            "options": {k: v for k, v in sorted(options.items()) if k in OPTIONS}}


def of_report(report: dict, edition: Edition, options: dict) -> dict:
    """The provenance recorded in ``report`` when the build wrote one, else computed."""
    return report.get("provenance") or compute(edition, options)

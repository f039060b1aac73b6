"""Load an edition directory into the validated model, checking cross-references once.

Every file the edition names is confined (``layout.spec.confine``) and read within the
limits of ``layout.spec.inputs`` before any of it is used; the loaded :class:`Edition`
records each input file, where it came from and its sha256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from layout.diagnostics import Diagnostic, EpaperError, fail
from layout.spec import schema
from layout.spec.confine import (
    EDITION,
    PACKAGED,
    SYSTEM,
    Located,
    Placed,
    Roots,
    find_named,
    packaged_name,
    place,
    real,
    system_fonts,
    system_profiles,
)
from layout.spec.grid import PageGrid, resolve_grid
from layout.spec.inputs import LIMITS, read_bytes, regular_file, sha256_file
from layout.spec.model import Article, EditionSpec, FontSet, PageSpec, Slot, StyleSheet
from layout.text.clean import Changes, clean_model, notes

EDITION_FILE = "edition.yaml"
#: What to do about each kind of change loading makes to the text.
NOTE_HINTS = {
    "text-normalised": "nothing to do: the text prints as written; the source keeps the "
                       "decomposed form",
    "format-dropped": "nothing to do; they come from text pasted from web pages or word "
                      "processors and print nothing",
    "emoji-sequence": "check the page; replace the emoji by words if its meaning is lost",
}


@dataclass(frozen=True)
class Page:
    """A page spec with its resolved grid and its slots named."""

    spec: PageSpec
    grid: PageGrid
    slots: tuple[Slot, ...]
    file: Path

    @property
    def number(self) -> int:
        return self.spec.number


@dataclass(frozen=True)
class InputFile:
    """One file the edition is built from: its role (edition, style, fonts, page,
    article, picture, font, icc), the path used, where it came from (edition, allowed,
    packaged, system) and its sha256 (None for a missing picture, which prints as a
    placeholder, and for system fonts, which the report's font list fingerprints)."""

    role: str
    path: Path
    origin: str
    sha256: str | None

    def to_json(self) -> dict:
        return {"role": self.role, "file": str(self.path), "origin": self.origin,
                "sha256": self.sha256}


@dataclass(frozen=True)
class Edition:
    """Everything a build needs, validated."""

    spec: EditionSpec
    root: Path
    file: Path
    style: StyleSheet
    style_file: Path
    fonts: FontSet
    fonts_file: Path
    articles: dict[str, Article]
    pages: tuple[Page, ...]
    inputs: tuple[InputFile, ...] = ()
    allowed: tuple[Path, ...] = ()          # the outside folders paths.allow lists
    notes: tuple[Diagnostic, ...] = ()      # what loading changed in the text (NFC,
                                            # format characters dropped, emoji)

    def origin(self, role: str) -> str | None:
        """Where the (first) input of ``role`` came from: ``edition`` (the edition
        folder), ``allowed`` (a folder of paths.allow), ``packaged`` (epaper's default)
        or ``system`` (an installed font or colour profile)."""
        return next((f.origin for f in self.inputs if f.role == role), None)

    def provenance(self) -> dict:
        """For the build report: the style sheet and font set used (file, origin, sha256,
        name), the allowed outside folders, and every input file."""
        def used(role: str, model) -> dict:
            entry = next(f for f in self.inputs if f.role == role)
            return {**entry.to_json(), "name": model.name}
        return {"style": used("style", self.style), "fonts": used("fonts", self.fonts),
                "allowed": [str(p) for p in self.allowed],
                "inputs": [f.to_json() for f in self.inputs]}


def edition_file(path: Path) -> Path:
    """The edition.yaml for ``path`` (an edition directory or the file itself)."""
    path = Path(path)
    if path.is_dir():
        path = path / EDITION_FILE
    if not path.is_file():
        raise fail("edition-missing", f"no edition file at {path}", file=path,
                   hint="give an edition directory containing edition.yaml, or its path")
    return path

#: Top-level keys that tell the other file kinds apart from an edition file.
OTHER_KINDS = (("slots", "a page spec"), ("paragraphs", "an article"),
               ("headline", "an article"), ("roles", "a font set or a fonts.lock"),
               ("typography", "a style sheet"), ("body", "a style sheet"))


def _not_another_kind(source: schema.Source, path: Path) -> None:
    """A page spec, article, style sheet or font set given where an edition is expected
    gets told so, rather than a list of unknown keys."""
    root = source.root
    if not isinstance(root, yaml.MappingNode):
        return
    keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    if "pages" in keys:
        return
    for key, kind in OTHER_KINDS:
        if key in keys:
            raise fail("not-an-edition", f"{path.name} is {kind}, not an edition file",
                       file=path, hint="give the edition folder, or its edition.yaml")


def _relocated(exc: EpaperError, where: Located) -> EpaperError:
    """The same error, located at the key that names the file."""
    d = exc.diagnostic
    return fail(d.code, d.message, file=where.file, line=where.line, path=where.path,
                article=where.article, hint=d.hint)


class _Inputs:
    """The files read while loading, in order, with their origins and digests."""

    def __init__(self, roots: Roots, store=None, edition: Path | None = None):
        self.roots = roots
        self.files: list[InputFile] = []
        self.notes: list[Diagnostic] = []
        # the edition's files as the last load read them (one entry of ``store``, a
        # layout.cache.Store), and as this one does
        self.store, self.key = store, None
        self.kept: dict = {}
        self.read: dict = {}
        if store is not None and edition is not None:
            from layout.cache import digest
            self.key = digest("files", str(edition))
            kept = store.read(self.key)
            self.kept = kept if isinstance(kept, dict) else {}

    def keep(self) -> None:
        """Keep the files this load read for the next (when they changed)."""
        if self.key is not None and self.read != self.kept:
            self.store.put(self.key, self.read)

    def clean(self, model, file: str, article: str | None = None):
        """``model`` with its text as layout sets it (layout.text.clean); a note per kind
        of change, naming the article and the first field changed."""
        changes = Changes()
        model = clean_model(model, changes)
        for severity, code, message, path in notes(changes):
            line = model.where.at(path) if path else model.where.line
            self.notes.append(Diagnostic(
                severity, code, message, file, line or None, article, path or None,
                NOTE_HINTS[code]))
        return model

    def add(self, role: str, placed: Placed, sha256: str | None) -> None:
        self.files.append(InputFile(role, placed.path, placed.origin, sha256))

    def model(self, role: str, placed: Placed, cls: type, what: str,
              limit: int = LIMITS.spec_bytes, clean_as: str | None = None):
        """A file read and validated as ``cls`` (its text cleaned as layout sets it,
        notes filed under ``clean_as``, when given) — or, when the same bytes at the same
        path were read before by the same code, as it was then, with its notes: an edit
        reads again only the files it changed."""
        data = read_bytes(placed.path, what, limit)
        sha256 = hashlib.sha256(data).hexdigest()
        self.add(role, placed, sha256)
        ident = (cls.__name__, str(placed.path), clean_as, sha256)
        found = self.kept.get(ident)
        if found is not None:
            self.store.hits += 1
            model, notes = self.read[ident] = found
            self.notes.extend(notes)
            return model
        if self.key is not None:
            self.store.misses += 1
        model = schema.from_source(cls, schema.Source.of(data, placed.path, what, sha256))
        before = len(self.notes)
        if clean_as is not None:
            model = self.clean(model, clean_as, model.id if cls is Article else None)
        self.read[ident] = (model, self.notes[before:])
        return model


def _named(value: str, kind: str, what: str, roots: Roots, where: Located) -> Placed:
    """A style sheet or font set; an absolute path to one of epaper's own defaults is
    refused with the name to give instead."""
    try:
        return find_named(value, roots, kind, what, where)
    except EpaperError as exc:
        name = packaged_name(roots.edition / value, kind)
        if exc.diagnostic.code != "path-outside" or name is None:
            raise
        d = exc.diagnostic
        raise fail(d.code, d.message, file=d.file, line=d.line, path=d.path,
                   hint=f"epaper's own {what} is given by name: '{what}: {name}'") from None


def load_articles(folder: str, inputs: _Inputs, where: schema.Where) -> dict[str, Article]:
    """Every ``*.yaml`` file of the edition's article folder (inside the edition or an
    allowed folder), each confined, read within the article size limit, and its pictures
    placed."""
    roots = inputs.roots
    here = Located(where.file, where.at("articles"), "articles")
    placed = place(folder, roots.edition, roots, "article folder", here)
    if not placed.path.is_dir():
        what = "is not a folder" if placed.path.exists() else "does not exist"
        raise fail("articles-missing", f"article folder {placed.path} {what}",
                   file=where.file, line=here.line, path="articles",
                   hint="create it or set 'articles:' in the edition file")
    files = sorted(placed.path.glob("*.yaml"))
    if len(files) > LIMITS.articles:
        raise fail("too-many-articles", f"the article folder holds {len(files):,} files; "
                   f"an edition takes at most {LIMITS.articles:,}", file=where.file,
                   line=here.line, path="articles", hint="split the edition")
    articles: dict[str, Article] = {}
    for path in files:
        file = place(path.name, path.parent, roots, "article file", Located(str(path)))
        article = inputs.model("article", file, Article, "article file",
                               LIMITS.article_bytes, clean_as=str(path))
        if article.id in articles:
            other = articles[article.id].where
            raise fail("article-duplicate", f"article id {article.id!r} is also used in "
                       f"{other.file}", file=path, line=article.where.line, path="id",
                       hint="give each article its own id")
        articles[article.id] = article
        _place_pictures(article, inputs)
    return articles


def _place_pictures(article: Article, inputs: _Inputs) -> None:
    """Each picture resolves (relative to its article file) inside the edition or an
    allowed folder and is a regular file of bounded size and pixel count.  A missing
    picture is left to the layout, which prints a placeholder and warns."""
    base = Path(article.where.file).parent
    for k, photo in enumerate(article.photos):
        if photo.file is None:
            continue
        key = f"photos[{k}].file"
        where = Located(article.where.file, article.where.at(key), key, article.id)
        placed = place(photo.file, base, inputs.roots, "picture", where)
        if not placed.path.exists():
            inputs.add("picture", placed, None)
            continue
        try:
            regular_file(placed.path, "picture", LIMITS.picture_bytes)
        except EpaperError as exc:
            raise _relocated(exc, where) from None
        _check_pixels(placed.path, where)
        inputs.add("picture", placed, sha256_file(placed.path))


def _check_pixels(path: Path, where: Located) -> None:
    """A picture's pixel count, read from its header before anything is decoded."""
    import warnings

    from PIL import Image
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as im:
                width, height = im.size
    except Image.DecompressionBombError:
        width, height = LIMITS.picture_pixels, 2          # far above the limit
    except Exception:  # noqa: BLE001 - not a picture Pillow reads (it raises many kinds):
        return         # the layout prints a placeholder and says so
    if width * height > LIMITS.picture_pixels:
        size = f"{width} x {height} pixels" if height > 2 else "too many pixels"
        raise fail("picture-too-large", f"picture {path.name} has {size}; epaper takes at "
                   f"most {LIMITS.picture_pixels / 1e6:.0f} megapixels",
                   file=where.file, line=where.line, path=where.path, article=where.article,
                   hint="scale it to the size it prints at (300 ppi is plenty for newsprint)")

#: The first bytes of the font files epaper reads (sfnt: TrueType, CFF, collections).
FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")
WEB_FONT_MAGIC = (b"wOFF", b"wOF2")


def _place_fonts(fonts: FontSet, fonts_file: Path, inputs: _Inputs) -> None:
    """Font files named by path in the edition's font set lie inside the edition, an
    allowed folder, or among the fonts installed on the system, and are font files.
    Family names (found by fontconfig) are system fonts and need no check; a missing file
    is reported when the font set is resolved."""
    from layout.fonts.library import FONT_SUFFIXES, _split_member
    for role, specs in fonts.roles.items():
        for k, spec in enumerate(specs):
            name, _ = _split_member(spec)
            if not (name.lower().endswith(FONT_SUFFIXES) or "/" in name):
                continue
            key = f"roles.{role}[{k}]"
            where = Located(str(fonts_file), fonts.where.at(key), f"roles.{role}")
            placed = place(name, fonts_file.parent, inputs.roots, "font file", where,
                           system=system_fonts())
            if not placed.path.exists():
                continue
            try:
                regular_file(placed.path, "font file", LIMITS.font_bytes)
                with open(placed.path, "rb") as f:
                    magic = f.read(4)
            except EpaperError as exc:
                raise _relocated(exc, where) from None
            except OSError as exc:
                raise fail("font-unreadable", f"font file {placed.path} cannot be read: "
                           f"{exc.strerror or exc}", file=where.file, line=where.line,
                           path=where.path, hint="check the file's permissions") from None
            if magic in WEB_FONT_MAGIC:
                raise fail("font-unreadable", f"font file {placed.path} cannot be read: it "
                           f"is a {magic.decode()} web font, whatever its name says",
                           file=where.file, line=where.line, path=where.path,
                           hint="use the font's .ttf or .otf, or convert it: fonttools "
                                "ttLib.woff2 decompress FILE")
            if magic not in FONT_MAGIC:
                raise fail("font-unreadable", f"font file {placed.path} cannot be read: it "
                           f"is not a TrueType or OpenType font", file=where.file,
                           line=where.line, path=where.path,
                           hint="give a .ttf, .otf, .ttc or .otc file")
            inputs.add("font", placed, None if placed.origin == SYSTEM else
                       sha256_file(placed.path))


def _place_profile(spec: EditionSpec, file: Path, inputs: _Inputs) -> None:
    """print.output_intent: inside the edition, an allowed folder or the system's colour
    profiles; a readable ICC profile of a CMYK printing condition."""
    key = "print.output_intent"
    where = Located(str(file), spec.where.at(key), key)
    value = spec.print.output_intent
    placed = place(value, file.parent, inputs.roots, "ICC profile", where,
                   system=system_profiles())

    def bad(code: str, message: str, hint: str | None) -> EpaperError:
        return fail(code, message, file=file, line=where.line, path=key, hint=hint)
    if not placed.path.exists():
        raise bad("icc-missing", f"ICC profile {value} not found",
                  "give the path of the press's CMYK profile, relative to the edition")
    try:
        data = read_bytes(placed.path, "ICC profile", LIMITS.icc_bytes)
    except EpaperError as exc:
        raise _relocated(exc, where) from None
    if len(data) < 132 or data[36:40] != b"acsp":
        raise bad("icc-damaged", f"{placed.path.name} is not an ICC profile",
                  "give the press's CMYK ICC profile (.icc or .icm)")
    if int.from_bytes(data[:4], "big") > len(data):
        raise bad("icc-damaged", f"{placed.path.name} is cut off: its header states "
                  f"{int.from_bytes(data[:4], 'big'):,} bytes, the file has {len(data):,}",
                  "get the profile again from the printer")
    if data[16:20] != b"CMYK":
        raise bad("icc-not-cmyk", f"{placed.path.name} is not a CMYK ICC profile",
                  "the output intent is the press's CMYK profile (e.g. FOGRA39, or "
                  "/usr/share/color/icc/ghostscript/default_cmyk.icc)")
    from io import BytesIO

    from PIL import ImageCms
    try:                                  # usable the way the writer uses it
        ImageCms.buildTransform(ImageCms.createProfile("sRGB"),
                                ImageCms.ImageCmsProfile(BytesIO(data)), "RGB", "CMYK")
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
        raise bad("icc-damaged", f"{placed.path.name} is a damaged ICC profile (the colour "
                  f"engine cannot read it)", "get the profile again from the printer") from None
    inputs.add("icc", placed, hashlib.sha256(data).hexdigest())


def _named_slots(spec: PageSpec) -> tuple[Slot, ...]:
    return tuple(s if s.name else replace(s, name=f"s{i + 1}") for i, s in enumerate(spec.slots))


def check_page(page: Page, articles: dict[str, Article]) -> None:
    """Slots must name existing articles, lie inside the grid and not overlap."""
    grid = page.grid
    names: set[str] = set()
    for slot in page.slots:
        here = dict(file=slot.where.file, line=slot.where.line)
        if slot.name in names:
            raise fail("slot-duplicate", f"slot name {slot.name!r} is used twice", **here,
                       hint="give each slot its own name")
        names.add(slot.name)
        if slot.article not in articles:
            import difflib
            near = difflib.get_close_matches(slot.article, list(articles), n=1)
            raise fail("slot-article-missing", f"slot {slot.name} names article "
                       f"{slot.article!r}, which does not exist", **here,
                       hint=f"did you mean {near[0]!r}?" if near else
                       "add the article file or correct the id")
        if slot.column - 1 + slot.span > grid.columns:
            raise fail("slot-outside", f"slot {slot.name} covers columns {slot.column}-"
                       f"{slot.column + slot.span - 1} but the page has {grid.columns}", **here,
                       hint="reduce span or column")
        if slot.top + slot.height > grid.lines:
            raise fail("slot-outside", f"slot {slot.name} covers grid lines {slot.top}-"
                       f"{slot.top + slot.height - 1} but the page has lines 0-"
                       f"{grid.lines - 1}", **here, hint="reduce top or height")
        if slot.columns and slot.columns > slot.span * 2:
            raise fail("slot-columns", f"slot {slot.name} asks for {slot.columns} text columns "
                       f"in {slot.span} page columns", **here, hint="use at most 2 per column")
    for i, a in enumerate(page.slots):
        for b in page.slots[i + 1:]:
            cols = a.column < b.column + b.span and b.column < a.column + a.span
            rows = a.top < b.top + b.height and b.top < a.top + a.height
            if cols and rows:
                raise fail("slot-overlap", f"slot {b.name} overlaps slot {a.name} "
                           f"(line {a.where.line})", file=b.where.file, line=b.where.line,
                           hint="move one of them: change column/span or top/height")


def check_jumps(pages: list[Page]) -> None:
    """A slot that continues (转版) must point at a slot of the same article on a later
    page; an article may be placed twice only as such a pair."""
    order = {p.number: k for k, p in enumerate(pages)}
    targets: set[tuple[int, str]] = set()
    for page in pages:
        for slot in page.slots:
            jump = slot.continues
            if jump is None:
                continue
            here = dict(file=slot.where.file, line=slot.where.line, path="continues")
            target_page = next((p for p in pages if p.number == jump.page), None)
            if target_page is None or order[jump.page] <= order[page.number]:
                raise fail("jump-page", f"slot {slot.name} continues on page {jump.page}, "
                           f"which is not a later page of this edition", **here,
                           hint="list the continuation page after this one in edition.yaml")
            target = next((s for s in target_page.slots if s.name == jump.slot), None)
            if target is None:
                names = ", ".join(s.name for s in target_page.slots)
                raise fail("jump-slot", f"page {jump.page} has no slot {jump.slot!r}", **here,
                           hint=f"slots there: {names}")
            if target.article != slot.article:
                raise fail("jump-article", f"slot {jump.slot} on page {jump.page} holds "
                           f"{target.article!r}, not {slot.article!r}", **here,
                           hint="the continuation slot must name the same article")
            targets.add((jump.page, jump.slot))
    seen: dict[str, Slot] = {}
    for page in pages:
        for slot in page.slots:
            if (page.number, slot.name) in targets:
                continue
            if slot.article in seen:
                raise fail("article-twice", f"article {slot.article!r} is placed twice "
                           f"(also in slot {seen[slot.article].name})", file=slot.where.file,
                           line=slot.where.line, hint="to continue it on a later page, give "
                           "the first slot 'continues: {page: N, slot: NAME}'")
            seen[slot.article] = slot


def load_edition(path: Path, store=None) -> Edition:
    """Read and validate an edition: edition.yaml, style sheet, font set, articles, pages;
    every file confined to the edition folder (or an allowed or packaged one) and read
    within the limits of ``layout.spec.inputs``.  ``store`` (a layout.cache.Store) keeps
    the style sheet, font set, articles and page specs read before, by path and bytes."""
    file = edition_file(path)
    root = file.parent
    source = schema.Source.load(file, LIMITS.spec_bytes, "edition file")
    _not_another_kind(source, file)
    spec: EditionSpec = schema.from_source(EditionSpec, source)
    where = spec.where
    roots = Roots.of(root, spec.paths.allow, Located(str(file), where.at("paths.allow")))
    inputs = _Inputs(roots, store, file)
    spec = inputs.clean(spec, str(file))
    inputs.add("edition", Placed(file, real(file), EDITION), source.sha256)
    style_placed = _named(spec.style, "styles", "style", roots,
                          Located(str(file), where.at("style"), "style"))
    style: StyleSheet = inputs.model("style", style_placed, StyleSheet, "style sheet")
    fonts_placed = _named(spec.fonts, "fonts", "fonts", roots,
                          Located(str(file), where.at("fonts"), "fonts"))
    fonts: FontSet = inputs.model("fonts", fonts_placed, FontSet, "font set")
    if fonts_placed.origin != PACKAGED:
        _place_fonts(fonts, fonts_placed.path, inputs)
    if spec.print.output_intent is not None:
        _place_profile(spec, file, inputs)
    if not spec.pages:
        raise fail("pages-missing", "the edition lists no pages", file=file,
                   line=where.at("pages"), path="pages",
                   hint="list the page spec files under 'pages:'")
    if len(spec.pages) > LIMITS.pages:
        raise fail("too-many-pages", f"the edition lists {len(spec.pages):,} pages; epaper "
                   f"takes at most {LIMITS.pages}", file=file, line=where.at("pages"),
                   path="pages", hint="split the edition")
    articles = load_articles(spec.articles, inputs, where)
    pages = []
    for index, name in enumerate(spec.pages):
        key = f"pages[{index}]"
        placed = place(name, root, roots, "page spec", Located(str(file), where.at(key), key))
        page_file = placed.path
        page_spec: PageSpec = inputs.model("page", placed, PageSpec, "page spec",
                                           clean_as=str(placed.path))
        if len(page_spec.slots) > LIMITS.slots:
            raise fail("too-many-slots", f"the page has {len(page_spec.slots)} slots; "
                       f"epaper takes at most {LIMITS.slots}", file=page_file,
                       line=page_spec.where.at("slots"), path="slots",
                       hint="spread the articles over more pages")
        try:
            grid = resolve_grid(page_spec, header=page_spec.header.show)
        except ValueError as exc:
            raise fail("page-grid", str(exc), file=page_file, line=page_spec.where.line,
                       hint="check size, margins and grid") from None
        page = Page(page_spec, grid, _named_slots(page_spec), page_file)
        check_page(page, articles)
        pages.append(page)
    numbers = [p.number for p in pages]
    if len(set(numbers)) != len(numbers):
        raise fail("page-duplicate", f"two pages have the same number: {numbers}", file=file,
                   hint="give each page spec its own 'number'")
    check_jumps(pages)
    inputs.keep()
    return Edition(spec, root, file, style, style_placed.path, fonts, fonts_placed.path,
                   articles, tuple(pages), tuple(inputs.files), roots.allowed,
                   tuple(inputs.notes))

"""The fonts of an edition: each style's font role resolved to a chain of faces, the
characters no face has, and the edition's fonts.lock."""

from __future__ import annotations

from typing import Callable

from layout.diagnostics import EpaperError, Sink, fail
from layout.fonts.chain import FontChain
from layout.fonts.library import FontLibrary
from layout.fonts.lock import LOCK_NAME, compare, fingerprints, lock_bytes, read_lock
from layout.output import write_all
from layout.spec.load import Edition
from layout.spec.model import StyleSheet, Subhead, TextStyle

#: Which style sets each text field of an article (for the coverage check).
FIELD_STYLES = {"kicker": "kicker", "headline": "headline", "subheadline": "subheadline",
                "byline": "byline", "dateline": "byline", "editor_note": "editor_note",
                "lead": "lead", "paragraphs": "body"}


def style_names(style: StyleSheet) -> list[str]:
    return [name for name, value in vars(style).items() if isinstance(value, TextStyle)]


def resolve_chains(edition: Edition, library: FontLibrary) -> dict[str, FontChain]:
    """Font chains for every role of the font set; a style naming an unknown role fails."""
    chains = {}
    for role, specs in edition.fonts.roles.items():
        if not specs:
            raise fail("font-role-empty", f"font role {role!r} lists no fonts",
                       file=edition.fonts_file,
                       line=edition.fonts.where.at(f"roles.{role}"), path=f"roles.{role}",
                       hint="name at least one font for the role")
        faces = []
        for k, spec in enumerate(specs):
            try:
                faces.append(library.find(spec, base_dir=edition.fonts_file.parent))
            except EpaperError as exc:
                d = exc.diagnostic
                raise fail(d.code, d.message, file=edition.fonts_file,
                           line=edition.fonts.where.at(f"roles.{role}[{k}]"),
                           path=f"roles.{role}",
                           hint=d.hint) from None
        chains[role] = FontChain(role, faces)
    for name in style_names(edition.style):
        role = getattr(edition.style, name).font
        if role not in chains:
            raise fail("style-font-role", f"style {name} uses font role {role!r}, which the "
                       f"font set does not define", file=edition.style_file,
                       path=f"{name}.font", hint=f"use one of {', '.join(chains)} or add "
                       f"the role to {edition.fonts_file.name}")
    return chains


def article_texts(edition: Edition):
    """Every text of every article with the style it is set in:
    (article, YAML path such as ``paragraphs[2]``, text, style name)."""
    for article in edition.articles.values():
        fields = dict(FIELD_STYLES)
        if article.kind == "banner":
            fields["headline"] = "banner"
        elif article.kind == "photo":
            fields["headline"] = "photo_headline"
            fields["paragraphs"] = "caption"
        for name, style in fields.items():
            value = getattr(article, name)
            if isinstance(value, tuple):
                for i, text in enumerate(value):
                    if isinstance(text, Subhead):
                        yield article, f"{name}[{i}].subhead", text.subhead, "subhead"
                    else:
                        yield article, f"{name}[{i}]", text, style
            elif value:
                yield article, name, value, style
        for i, photo in enumerate(article.photos):
            yield article, f"photos[{i}].caption", photo.caption, "caption"
            yield article, f"photos[{i}].credit", photo.credit, "credit"


def check_coverage(edition: Edition, chains: dict[str, FontChain], sink: Sink) -> None:
    """Every character must be in some font of its role's chain: never a silent tofu box.
    What loading changed in the text (NFC, format characters dropped, emoji that print
    otherwise than on a screen) is said here too, once per article."""
    for note in edition.notes:
        sink.add(note)
    for article, path, text, style in article_texts(edition):
        chain = chains[getattr(edition.style, style).font]
        for ch in chain.missing(text):
            sink.warn("missing-glyph", f"U+{ord(ch):04X} {ch} is in no font of role "
                      f"{chain.role!r}; it prints as a crossed box",
                      file=article.where.file, line=article.where.line,
                      article=article.id, path=path,
                      hint=f"add a font that has U+{ord(ch):04X} to the role's chain "
                           f"in fonts.yaml, or replace the character")


def font_usage(edition: Edition, chains: dict[str, FontChain]) -> dict[str, dict]:
    """For each role: the characters of the edition set in it, which face draws each, and
    those no face has (with where they occur)."""
    usage = {role: {"faces": {face: [] for face in chain.faces}, "missing": {}}
             for role, chain in chains.items()}
    seen: dict[str, set] = {role: set() for role in chains}
    for article, path, text, style in article_texts(edition):
        role = getattr(edition.style, style).font
        chain = chains[role]
        for ch in text:
            if ch in seen[role] or ch.isspace():
                continue
            seen[role].add(ch)
            face = chain.face_for(ch)
            if face is not None:
                usage[role]["faces"][face].append(ch)
            elif ch in chain.missing(ch):
                usage[role]["missing"][ch] = f"{article.id} {path}"
    return usage


def check_lock(edition: Edition, chains: dict[str, FontChain], sink: Sink) -> bool:
    """Compare the fonts with the edition's fonts.lock; True when there is no lock yet."""
    path = edition.root / LOCK_NAME
    locked = read_lock(path)
    if locked is None:
        return True
    compare(locked, fingerprints(chains), path, sink)
    return False


def write_lock(edition: Edition, chains: dict[str, FontChain], sink: Sink,
               progress: Callable[[str], None]) -> None:
    """First build of an edition: record its fonts in fonts.lock (a read-only archive
    folder is left alone, with a note)."""
    path = edition.root / LOCK_NAME
    try:
        write_all({path: lock_bytes(fingerprints(chains))})
    except OSError as exc:
        sink.info("lock-not-written", f"{LOCK_NAME} could not be written: {exc}",
                           file=path, hint="run `epaper fonts EDITION --lock` where the "
                                           "edition folder is writable")
        return
    progress(f"wrote {path}: the fonts this edition is set with")

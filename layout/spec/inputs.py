"""Reading input files within limits: regular files only (never a FIFO, a device or a
folder), a size limit per kind of file, and bounds on the shape of a YAML document
(aliases expanded, nesting depth, text length, characters that are not text).

Every limit is stated once, in :data:`LIMITS`; each error names the file (and the line),
the limit, and what to do.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from layout.diagnostics import fail

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much epaper reads before it refuses an input.  A newspaper page holds about
    20 KB of text; the limits leave room for a hundred times that and stop runaway input
    before any work is done."""

    spec_bytes: int = 1 * MB        # edition.yaml, page specs, style sheets, font sets
    article_bytes: int = 4 * MB     # one article file
    lock_bytes: int = 1 * MB        # fonts.lock
    text_bytes: int = 4 * MB        # page text given to `epaper import`
    text_line_chars: int = 50_000   # one line (paragraph) of page text to import
    icc_bytes: int = 16 * MB        # the ICC profile of print.output_intent
    font_bytes: int = 512 * MB      # a font file named by path
    picture_bytes: int = 200 * MB   # a picture file
    picture_pixels: int = 80_000_000   # width x height of a picture (80 megapixels)
    yaml_nodes: int = 200_000       # values in one YAML document, aliases expanded
    yaml_depth: int = 24            # lists and mappings inside each other
    text_chars: int = 50_000        # one text value (a paragraph, a headline …)
    pages: int = 500                # pages of an edition
    slots: int = 300                # slots of one page
    articles: int = 5_000           # article files of an edition

    def describe(self) -> list[tuple[str, int]]:
        """(limit name, value) rows, for documentation and reports."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


LIMITS = Limits()

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def regular_file(path: Path, what: str, limit: int | None = None) -> os.stat_result:
    """``path``'s status, refusing anything that is not a regular file of at most
    ``limit`` bytes (a missing file included)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise fail("file-missing", f"{what} {path} does not exist", file=path,
                   hint="check the path") from None
    except OSError as exc:
        raise fail("file-unreadable", f"cannot read {what} {path}: {exc.strerror or exc}",
                   file=path, hint="check that the path is a readable file") from None
    if not stat.S_ISREG(st.st_mode):
        raise fail("not-a-file", f"{what} {path} is {_kind(st.st_mode)}, not a file",
                   file=path, hint="give the path of a regular file")
    if limit is not None and st.st_size > limit:
        raise fail("file-too-large", f"{what} {path} is {_size(st.st_size)}; epaper reads "
                   f"at most {_size(limit)}", file=path,
                   hint="split it into smaller files, or check that it is the right file")
    return st


def read_bytes(path: Path, what: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.  A FIFO or a device is
    refused before it is opened, and the file is opened without blocking, so a file
    swapped for a FIFO meanwhile cannot hang the read either."""
    regular_file(path, what, limit)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) |
                     getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise fail("file-unreadable", f"cannot read {what} {path}: {exc.strerror or exc}",
                   file=path, hint="check that the path is a readable file") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise fail("not-a-file", f"{what} {path} is not a regular file", file=path,
                       hint="give the path of a regular file")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise fail("file-too-large", f"{what} {path} is larger than {_size(limit)}",
                   file=path, hint="split it into smaller files")
    return data


def decode_text(data: bytes, path: Path, what: str) -> str:
    """UTF-8 text (a BOM allowed); anything else is refused without quoting it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise fail("file-not-text", f"{what} {path.name} is not UTF-8 text (byte "
                   f"0x{data[exc.start]:02x} on line {line})", file=path, line=line,
                   hint="save it as UTF-8 text, or check that it is the right file") from None


def sha256_file(path: Path) -> str:
    """The sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ------------------------------------------------------------------------- YAML shape
def _bad_char(text: str) -> str | None:
    """The first character of ``text`` that is not text: a lone surrogate (which no file
    can encode) or a control character other than tab and line ends."""
    for ch in text:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF or (code < 0x20 and ch not in "\t\n\r") or \
                0x7F <= code <= 0x9F:
            return ch
    return None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def check_tree(root: yaml.Node, file: str, limits: Limits = LIMITS) -> None:
    """Refuse a YAML document whose shape no epaper file has: more than
    ``limits.yaml_nodes`` values once aliases are expanded (an alias bomb, whether used
    as a value or as a key), nesting deeper than ``limits.yaml_depth``, an alias that
    contains itself, a list or mapping used as a key, a text value longer than
    ``limits.text_chars``, or a character that is not text.  One pass over the node graph:
    shared (aliased) nodes are measured once, so the check itself cannot blow up."""
    size: dict[int, int] = {}        # id(node) → values under it, aliases expanded
    depth: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            depth[key] = 1 + max((depth[id(c)] for c in children), default=0)
            open_nodes.discard(key)
            if size[key] > limits.yaml_nodes:
                raise fail("yaml-too-large", f"the YAML document expands to more than "
                           f"{limits.yaml_nodes:,} values (aliases repeated)", file=file,
                           line=_line(node), hint="write the values out instead of "
                           "repeating aliases, or split the file")
            if depth[key] > limits.yaml_depth:
                raise fail("yaml-too-deep", f"lists and mappings nested more than "
                           f"{limits.yaml_depth} deep", file=file, line=_line(node),
                           hint="no epaper file nests this deep; check the brackets "
                                "and indentation")
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise fail("yaml-recursive", "an alias refers to the list or mapping that "
                       "contains it", file=file, line=_line(node),
                       hint="remove the alias (*name) inside its own anchor (&name)")
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(node, file, limits)
            size[key], depth[key] = 1, 0
            continue
        if isinstance(node, yaml.MappingNode):
            for knode, _ in node.value:
                if not isinstance(knode, yaml.ScalarNode):
                    raise fail("yaml-key", "a key must be plain text, not a list or mapping",
                               file=file, line=_line(knode),
                               hint="write the key as a word followed by ':'")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_scalar(node: yaml.ScalarNode, file: str, limits: Limits) -> None:
    text = node.value
    if len(text) > limits.text_chars:
        raise fail("text-too-long", f"a text value of {len(text):,} characters; epaper "
                   f"takes at most {limits.text_chars:,} in one value", file=file,
                   line=_line(node), hint="split it into paragraphs or articles")
    bad = _bad_char(text)
    if bad is not None:
        what = "a lone surrogate, which is not a character" \
            if 0xD800 <= ord(bad) <= 0xDFFF else "a control character"
        raise fail("text-invalid-char", f"the text holds U+{ord(bad):04X}, {what}",
                   file=file, line=_line(node),
                   hint="remove it; it usually comes from a broken \\u escape or a "
                        "copy from another program")

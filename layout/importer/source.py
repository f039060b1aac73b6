"""Reading a page's text file: UTF-8 only, regular files only, and not more than an
import can place in reasonable time."""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from layout.diagnostics import fail

#: Largest page text accepted (bytes): some fifty broadsheet pages of text.  Larger files
#: are refused with a message instead of taking minutes to place.
MAX_TEXT_BYTES = 1_500_000


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def read_page_text(path: Path) -> str:
    """The text of ``path`` (UTF-8, with or without BOM) with line ends made ``\\n``.

    Only regular files are read (a FIFO or a device could block or never end), and at most
    ``MAX_TEXT_BYTES`` of them."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise fail("file-missing", f"text file {path} does not exist", file=path,
                   hint="check the path of the page text") from None
    except OSError as exc:
        raise fail("file-unreadable", f"cannot read {path}: {exc.strerror or exc}", file=path,
                   hint="check that the path is a readable file") from None
    if not stat.S_ISREG(info.st_mode):
        what = ("a directory" if stat.S_ISDIR(info.st_mode) else
                "a pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else
                "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                "not a regular file")
        raise fail("file-unreadable", f"{path} is {what}, not a text file", file=path,
                   hint="save the page text to a file and give its path")
    if info.st_size > MAX_TEXT_BYTES:
        raise fail("text-too-large", f"{path.name} has {info.st_size:,} bytes; import reads at "
                   f"most {MAX_TEXT_BYTES:,} (some fifty broadsheet pages of text)", file=path,
                   hint="split the text into one file per page or section and import each")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise fail("file-unreadable", f"cannot read {path}: {exc.strerror or exc}", file=path,
                   hint="check that the path is a readable file") from None
    if len(data) > MAX_TEXT_BYTES:
        raise fail("text-too-large", f"{path.name} has more than {MAX_TEXT_BYTES:,} bytes",
                   file=path, hint="split the text into one file per page or section")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise fail("text-encoding", f"{path.name} is UTF-16 text, not UTF-8", file=path,
                   hint="save the file as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise fail("text-encoding", f"{path.name} is not UTF-8 text: byte "
                   f"0x{data[exc.start]:02x} on line {line} cannot be decoded", file=path,
                   line=line, hint=_encoding_hint(data)) from None
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise fail("text-encoding", f"{path.name} holds control character "
                   f"U+{ord(bad.group()):04X} on line {line}: not a text file", file=path,
                   line=line, hint="give the page as plain UTF-8 text")
    return normalise(text)


def _encoding_hint(data: bytes) -> str:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return "save the file as UTF-8 text"
    return ("the file looks like GBK/GB18030 text: convert it to UTF-8, "
            "e.g. iconv -f GB18030 -t UTF-8")


def normalise(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")

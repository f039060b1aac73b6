"""Reading a page's text file: UTF-8 only, regular files only, and not more than an
import can place in reasonable time."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from layout.diagnostics import fail
from layout.spec.inputs import LIMITS, read_bytes

#: Largest page text accepted (bytes), and longest line: the limits of every input are
#: declared once, in layout.spec.inputs.LIMITS.
MAX_TEXT_BYTES = LIMITS.text_bytes


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def read_page_text(path: Path) -> str:
    """The text of ``path`` (UTF-8, with or without BOM) with line ends made ``\\n``.

    Only regular files are read (a FIFO or a device could block or never end), at most
    ``MAX_TEXT_BYTES`` of them, with no line longer than ``LIMITS.text_line_chars``: the
    work an import does is bounded before it starts."""
    path = Path(path)
    data = read_bytes(path, "text file", MAX_TEXT_BYTES)
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
    text = normalise(text)
    for line, content in enumerate(text.split("\n"), 1):
        if len(content) > LIMITS.text_line_chars:
            raise fail("text-line-too-long", f"{path.name}: line {line} has {len(content):,} "
                       f"characters; epaper imports lines (paragraphs) of at most "
                       f"{LIMITS.text_line_chars:,}", file=path, line=line,
                       hint="check that the file is page text with one paragraph per line")
    return text


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

"""Fonts of one PDF: each face the pages draw with, embedded once as a Type 0 font with
Identity-H encoding, subset to the glyphs drawn, addressed by glyph (CID-keyed CFF stays
CFF: FontFile3/CIDFontType0C; TrueType: FontFile2/CIDFontType2), with a ToUnicode map from
each code to the characters its glyph stands for.  Written into ReportLab's document
through its delayed-font hook; part of the PDF writer."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from reportlab.pdfbase import pdfdoc

from layout.display import FaceKey
from layout.fonts.face import Face
from layout.fonts.subset import Subset, subset


def _utf16_hex(text: str) -> str:
    """Text as the UTF-16BE hex a ToUnicode CMap or ActualText needs (surrogate pairs
    above U+FFFF)."""
    return text.encode("utf-16-be").hex().upper()


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class EmbeddedFont:
    """One face in one PDF document."""

    def __init__(self, face: Face, glyphs: dict[int, str], internal: str):
        self.face = face
        self.internal = internal            # resource name, e.g. EF3
        self.subset: Subset = subset(face, glyphs)
        #: code -> the characters the glyph stands for (for ToUnicode)
        self.unicode = {self.subset.codes[g]: text for g, text in glyphs.items()}
        self.name = f"{self.subset.tag}+{face.postscript_name}"

    def code(self, gid: int) -> int:
        return self.subset.codes[gid]

    def width(self, code: int) -> float:
        """Advance of ``code`` in 1/1000 em, as the PDF says it."""
        return self.subset.widths.get(code, 1000.0)

    # ReportLab's hook: called when the document is written
    def addObjects(self, doc) -> None:          # noqa: N802 (ReportLab's name)
        s, face = self.subset, self.face
        stream = pdfdoc.PDFStream(content=s.program, filters=[pdfdoc.PDFZCompress])
        if s.kind == "cff":
            stream.dictionary["Subtype"] = "/CIDFontType0C"
            file_key, cid_type = "FontFile3", "/CIDFontType0"
        else:
            stream.dictionary["Length1"] = len(s.program)
            file_key, cid_type = "FontFile2", "/CIDFontType2"
        ascent = round(face.ascender * 1000)
        descent = round(face.descender * 1000)
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor", "FontName": pdfdoc.PDFName(self.name),
            "Flags": 4, "FontBBox": pdfdoc.PDFArray(list(s.bbox)), "ItalicAngle": 0,
            "Ascent": ascent, "Descent": descent, "CapHeight": ascent, "StemV": 80,
            file_key: doc.Reference(stream, f"{self.internal}-program")})
        registry, ordering, supplement = s.registry
        cid = pdfdoc.PDFDictionary({
            "Type": "/Font", "Subtype": cid_type, "BaseFont": pdfdoc.PDFName(self.name),
            "CIDSystemInfo": pdfdoc.PDFDictionary({
                "Registry": pdfdoc.PDFString(registry), "Ordering": pdfdoc.PDFString(ordering),
                "Supplement": supplement}),
            "FontDescriptor": doc.Reference(descriptor, f"{self.internal}-descriptor"),
            "DW": 1000, "W": _widths(s.widths)})
        if s.kind != "cff":
            cid["CIDToGIDMap"] = "/Identity"
        cmap = pdfdoc.PDFStream(content=_to_unicode(self.name, self.unicode).encode("ascii"),
                                filters=[pdfdoc.PDFZCompress])
        font = pdfdoc.PDFDictionary({
            "Type": "/Font", "Subtype": "/Type0", "BaseFont": pdfdoc.PDFName(self.name),
            "Encoding": "/Identity-H",
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid, f"{self.internal}-cid")]),
            "ToUnicode": doc.Reference(cmap, f"{self.internal}-tounicode")})
        doc.Reference(font, self.internal)
        doc.idToObject["BasicFonts"].dict[self.internal] = doc.Reference(font)


def _widths(widths: dict[int, float]) -> str:
    """The W array: runs of consecutive codes with their widths (1000 is the default)."""
    parts, run, start = [], [], None
    for code in sorted(widths):
        w = widths[code]
        if w == 1000.0:
            continue
        if run and code == start + len(run):
            run.append(w)
            continue
        if run:
            parts.append(f"{start} [{' '.join(_num(v) for v in run)}]")
        start, run = code, [w]
    if run:
        parts.append(f"{start} [{' '.join(_num(v) for v in run)}]")
    return "[" + " ".join(parts) + "]"


def _to_unicode(name: str, unicode: dict[int, str]) -> str:
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             f"/CMapName /{name.replace('+', '-')}-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    pairs = [f"<{code:04X}> <{_utf16_hex(text)}>" for code, text in sorted(unicode.items())
             if text]
    for start in range(0, len(pairs), 100):          # at most 100 entries per block
        block = pairs[start:start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class DocumentFonts:
    """The embedded fonts of one document, made before drawing: every glyph the pages draw
    is known, so codes (CIDs) are known when the content is written."""

    def __init__(self, glyphs: dict[FaceKey, dict[int, str]],
                 face_for: Callable[[FaceKey], Face]):
        self.fonts: dict[FaceKey, EmbeddedFont] = {}
        for n, key in enumerate(sorted(glyphs), 1):
            self.fonts[key] = EmbeddedFont(face_for(key), glyphs[key], f"EF{n}")

    def register(self, doc) -> None:
        """Make the fonts part of ReportLab's document ``doc``."""
        for font in self.fonts.values():
            doc.fontMapping[font.name] = "/" + font.internal
            doc.delayedFonts.append(font)


def face_loader(library) -> Callable[[FaceKey], Face]:
    """A function giving the face a key names, checking that the file is the same one."""
    from layout.diagnostics import fail

    def load(key: FaceKey) -> Face:
        face = library.face(Path(key.file), key.index)
        if face.sha256 != key.sha256:
            raise fail("font-changed-during-build", f"font file {key.file} changed while "
                       f"the edition was built", hint="build again")
        return face
    return load

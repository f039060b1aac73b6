"""Reading PDFs that may be hostile, for preflight: numbers and rectangles checked before
use, streams decoded within a size limit (a flate bomb stops at the limit instead of
filling memory), and every page's content, forms, patterns, images, fonts and graphics
states walked once into plain facts that the checks in ``layout.preflight`` judge.

Nothing here raises on a malformed file: what cannot be read becomes a ``problem`` of the
page it belongs to.
"""

from __future__ import annotations

import base64
import binascii
import math
import warnings
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pikepdf

MB = 1024 * 1024
#: Decoded bytes of one content stream (a newspaper page's content is a few MB).
CONTENT_LIMIT = 64 * MB
#: Decoded bytes of all the content of one document that preflight reads.
DOCUMENT_LIMIT = 1024 * MB
#: Forms, patterns and Type 3 fonts nested inside each other.
NESTING_LIMIT = 16

#: Errors pikepdf and qpdf raise on damaged objects, and what malformed values cause.
PDF_ERRORS = (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError,
              IndexError, OverflowError, RecursionError, NotImplementedError, zlib.error,
              binascii.Error, MemoryError)


class Undecodable(Exception):
    """A stream preflight cannot decode: unknown or image-only filter, damaged data, or
    more than the limit once decoded."""


def number(obj) -> float | None:
    """A finite number, or None for anything else (a name where a number belongs …)."""
    if isinstance(obj, bool):
        return None
    if isinstance(obj, (int, float, Decimal)):
        value = float(obj)
        return value if math.isfinite(value) else None
    return None


def rect(obj) -> tuple[float, float, float, float] | None:
    """A rectangle ``[x0 y0 x1 y1]`` normalised to (left, bottom, right, top), or None."""
    if not isinstance(obj, pikepdf.Array) or len(obj) != 4:
        return None
    values = [number(v) for v in obj]
    if any(v is None for v in values):
        return None
    x0, y0, x1, y1 = values
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def name(obj) -> str | None:
    return str(obj) if isinstance(obj, pikepdf.Name) else None


def dictionary(obj) -> pikepdf.Dictionary | None:
    """``obj`` when it is a dictionary (a stream's dictionary for a stream), else None."""
    if isinstance(obj, pikepdf.Dictionary):
        return obj
    if isinstance(obj, pikepdf.Stream):
        return obj.stream_dict
    return None


def items(obj) -> list[tuple[str, object]]:
    """The entries of a dictionary, or none for anything else."""
    d = dictionary(obj)
    if d is None:
        return []
    try:
        return [(str(k), v) for k, v in d.items()]
    except PDF_ERRORS:
        return []


def filters(stream: pikepdf.Stream) -> list[str]:
    f = stream.get("/Filter")
    if f is None:
        return []
    if isinstance(f, pikepdf.Name):
        return [str(f)]
    if isinstance(f, pikepdf.Array) and all(isinstance(x, pikepdf.Name) for x in f):
        return [str(x) for x in f]
    raise Undecodable("its /Filter is not a name or a list of names")


def _inflate(data: bytes, limit: int) -> bytes:
    d = zlib.decompressobj()
    out = d.decompress(data, limit + 1)
    if len(out) > limit:
        raise Undecodable(f"it inflates to more than {limit // MB} MB")
    return out


def _lzw(data: bytes, limit: int, early: int = 1) -> bytes:
    out = bytearray()
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    width, bits, nbits, prev = 9, 0, 0, b""
    for byte in data:
        bits, nbits = (bits << 8) | byte, nbits + 8
        while nbits >= width:
            nbits -= width
            code = (bits >> nbits) & ((1 << width) - 1)
            if code == 256:
                table, width, prev = table[:258], 9, b""
                continue
            if code == 257:
                return bytes(out)
            if code < len(table):
                entry = table[code]
                if prev:
                    table.append(prev + entry[:1])
            elif code == len(table) and prev:
                entry = prev + prev[:1]
                table.append(entry)
            else:
                raise Undecodable("its LZW data is damaged")
            out += entry
            if len(out) > limit:
                raise Undecodable(f"it decodes to more than {limit // MB} MB")
            prev = entry
            if len(table) + early >= (1 << width) and width < 12:
                width += 1
    return bytes(out)


def _run_length(data: bytes, limit: int) -> bytes:
    out, i = bytearray(), 0
    while i < len(data):
        n = data[i]
        if n == 128:
            break
        if n < 128:
            out += data[i + 1:i + 2 + n]
            i += n + 2
        else:
            out += data[i + 1:i + 2] * (257 - n)
            i += 2
        if len(out) > limit:
            raise Undecodable(f"it decodes to more than {limit // MB} MB")
    return bytes(out)


def _hex(data: bytes) -> bytes:
    text = bytes(c for c in data.split(b">", 1)[0] if not chr(c).isspace())
    return binascii.unhexlify(text + b"0" * (len(text) % 2))


def _a85(data: bytes) -> bytes:
    text = bytes(c for c in data.split(b"~>", 1)[0] if not chr(c).isspace())
    return base64.a85decode(text.removeprefix(b"<~"))


#: Filters that only transport data; the image codecs are not decoded here.
GENERAL_FILTERS = {"/FlateDecode", "/Fl", "/LZWDecode", "/LZW", "/ASCIIHexDecode", "/AHx",
                   "/ASCII85Decode", "/A85", "/RunLengthDecode", "/RL"}


def decode(stream: pikepdf.Stream, limit: int) -> bytes:
    """The decoded data of ``stream``, refusing (:class:`Undecodable`) anything that would
    decode to more than ``limit`` bytes; each filter stops as soon as the limit is passed,
    so a few hundred KB that inflate to gigabytes cost only the limit."""
    try:
        chain = filters(stream)
        data = stream.read_raw_bytes()
    except PDF_ERRORS as exc:
        raise Undecodable(f"it cannot be read ({short(exc)})") from None
    for f in chain:
        if f not in GENERAL_FILTERS:
            raise Undecodable(f"its filter {f} is not one preflight reads")
        try:
            if f in ("/FlateDecode", "/Fl"):
                data = _inflate(data, limit)
            elif f in ("/LZWDecode", "/LZW"):
                data = _lzw(data, limit)
            elif f in ("/RunLengthDecode", "/RL"):
                data = _run_length(data, limit)
            elif f in ("/ASCIIHexDecode", "/AHx"):
                data = _hex(data)
            else:
                data = _a85(data)
        except (zlib.error, binascii.Error, ValueError) as exc:
            raise Undecodable(f"its {f[1:]} data is damaged ({short(exc)})") from None
    if _predicted(stream) and chain:
        try:                       # predictors only shrink the data checked above
            return stream.read_bytes()
        except PDF_ERRORS as exc:
            raise Undecodable(f"it cannot be decoded ({short(exc)})") from None
    return data


def _predicted(stream: pikepdf.Stream) -> bool:
    parms = stream.get("/DecodeParms")
    parms = [parms] if isinstance(parms, pikepdf.Dictionary) else \
        list(parms) if isinstance(parms, pikepdf.Array) else []
    return any(isinstance(p, pikepdf.Dictionary) and (number(p.get("/Predictor")) or 1) > 1
               for p in parms)


def short(exc) -> str:
    """An exception (or warning) as a short one-line text."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


# ----------------------------------------------------------------------- colour spaces
#: Colour families, as preflight names them.
RGB, LAB, ICC, CMYK, GRAY, SPOT = "RGB", "Lab", "ICC-based", "CMYK", "gray", "spot"
DEVICE = {"/DeviceRGB": RGB, "/RGB": RGB, "/CalRGB": RGB, "/DeviceCMYK": CMYK,
          "/CMYK": CMYK, "/DeviceGray": GRAY, "/G": GRAY, "/CalGray": GRAY, "/Lab": LAB}


def colour_families(space, resources=None, depth: int = 0) -> set[str]:
    """The colour families a colour space draws in: an Indexed space in its base's, a
    Separation or DeviceN in SPOT plus its alternate's, an ICCBased one in ICC plus RGB,
    GRAY or CMYK by its number of components."""
    if depth > 8 or space is None:
        return set()
    if isinstance(space, pikepdf.Name):
        key = str(space)
        if key in DEVICE:
            return {DEVICE[key]}
        if key == "/Pattern":
            return set()
        named = _lookup(resources, "/ColorSpace", key)     # a resource name (cs /CS0)
        return colour_families(named, None, depth + 1) if named is not None else set()
    if not isinstance(space, pikepdf.Array) or len(space) == 0:
        return set()
    family = name(space[0])
    if family in DEVICE and family in ("/CalRGB", "/CalGray", "/Lab"):
        return {DEVICE[family]}
    if family == "/ICCBased" and len(space) > 1:
        n = number(dictionary(space[1]).get("/N")) if dictionary(space[1]) is not None else None
        process = {1: GRAY, 3: RGB, 4: CMYK}.get(int(n) if n else 0)
        return {ICC} | ({process} if process else set())
    if family in ("/Indexed", "/I") and len(space) > 1:
        return colour_families(space[1], resources, depth + 1)
    if family in ("/Separation", "/DeviceN") and len(space) > 2:
        return {SPOT} | colour_families(space[2], resources, depth + 1)
    if family == "/Pattern" and len(space) > 1:
        return colour_families(space[1], resources, depth + 1)
    return set()


def _lookup(resources, category: str, key: str):
    d = dictionary(resources)
    if d is None:
        return None
    try:
        group = dictionary(d.get(category))
        return group.get(key) if group is not None else None
    except PDF_ERRORS:
        return None


# ----------------------------------------------------------------------- page facts
@dataclass
class ImageUse:
    """An image XObject of a page, seen once per document."""

    name: str
    stream: pikepdf.Stream
    families: set[str]


@dataclass
class PageFacts:
    """What preflight needs to know about one page, gathered once."""

    number: int
    boxes: dict[str, tuple | None] = field(default_factory=dict)   # None: present, malformed
    colours: Counter = field(default_factory=Counter)    # family → uses
    transparency: list[str] = field(default_factory=list)
    small_text: list[float] = field(default_factory=list)   # sizes set with Tf
    fonts: list[tuple[str, pikepdf.Dictionary]] = field(default_factory=list)
    images: list[ImageUse] = field(default_factory=list)
    filters: Counter = field(default_factory=Counter)
    postscript: int = 0
    transfer: int = 0
    annotations: list[tuple[str, tuple | None]] = field(default_factory=list)
    actions: int = 0
    problems: list[str] = field(default_factory=list)


#: Operators whose operands preflight reads.
OPERATORS = "rg RG k K g G cs CS sc SC scn SCN Tf gs sh BI ID EI"
BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")


class Walker:
    """Walks a document's pages once: each form, pattern, image, font and graphics state
    is visited once however often pages share it, within the document's decode budget."""

    def __init__(self, pdf: pikepdf.Pdf, min_text_pt: float = 0.0):
        self.pdf = pdf
        self.min_text_pt = min_text_pt
        self.seen: set = set()
        self.budget = DOCUMENT_LIMIT

    def pages(self) -> Iterator[PageFacts]:
        try:
            pages = list(self.pdf.pages)
        except PDF_ERRORS as exc:
            facts = PageFacts(0)
            facts.problems.append(f"the page tree cannot be read ({short(exc)})")
            yield facts
            return
        for number, page in enumerate(pages, 1):
            facts = PageFacts(number)
            try:
                self._page(page, facts)
            except PDF_ERRORS as exc:
                facts.problems.append(f"page {number} cannot be read ({short(exc)})")
            yield facts

    def _once(self, obj) -> bool:
        """True the first time an indirect object is met (direct objects: always)."""
        try:
            key = obj.objgen
        except PDF_ERRORS:
            return True
        if key == (0, 0):
            return True
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def _page(self, page: pikepdf.Page, facts: PageFacts) -> None:
        obj = page.obj
        for box in BOXES:
            value = page.mediabox if box == "/MediaBox" else obj.get(box)
            if value is not None:
                facts.boxes[box] = rect(value)
        if obj.get("/AA") is not None:
            facts.actions += 1
        for annot in obj.get("/Annots") or []:
            d = dictionary(annot)
            if d is not None:
                facts.annotations.append((name(d.get("/Subtype")) or "?",
                                          rect(d.get("/Rect"))))
        group = dictionary(obj.get("/Group"))
        if group is not None and name(group.get("/S")) == "/Transparency":
            facts.transparency.append("a transparency group on the page")
        resources = obj.get("/Resources")
        contents = obj.get("/Contents")
        streams = [contents] if isinstance(contents, pikepdf.Stream) else \
            [c for c in contents if isinstance(c, pikepdf.Stream)] \
            if isinstance(contents, pikepdf.Array) else []
        self._content(streams, resources, facts, "page content")
        self._resources(resources, facts, 0)

    def _content(self, streams: list, resources, facts: PageFacts, what: str) -> None:
        """The colour, text size and inline image operators of a content stream."""
        parts = []
        for stream in streams:
            try:
                for f in filters(stream):
                    facts.filters[f] += 1
                data = decode(stream, min(CONTENT_LIMIT, self.budget))
            except Undecodable as exc:
                facts.problems.append(f"{what} of page {facts.number}: {exc}")
                continue
            self.budget -= len(data)
            parts.append(data)
        if not parts:
            return
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                instructions = pikepdf.parse_content_stream(
                    pikepdf.Stream(self.pdf, b"\n".join(parts)), OPERATORS)
        except PDF_ERRORS as exc:
            facts.problems.append(f"{what} of page {facts.number} cannot be parsed "
                                  f"({short(exc)})")
            return
        if caught:
            facts.problems.append(f"{what} of page {facts.number} is damaged "
                                  f"({short(caught[0].message)})")
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self._inline_image(instruction, resources, facts)
                continue
            op, operands = str(instruction.operator), list(instruction.operands)
            if op in ("rg", "RG"):
                facts.colours[RGB] += 1
            elif op in ("k", "K"):
                facts.colours[CMYK] += 1
            elif op in ("g", "G"):
                facts.colours[GRAY] += 1
            elif op in ("cs", "CS") and operands:
                for family in colour_families(operands[0], resources):
                    facts.colours[family] += 1
            elif op == "Tf" and len(operands) == 2:
                size = number(operands[1])
                if size is None:
                    facts.problems.append(f"{what} of page {facts.number}: a font size "
                                          f"that is not a number")
                elif 0 < abs(size) < self.min_text_pt:
                    facts.small_text.append(abs(size))

    def _inline_image(self, instruction, resources, facts: PageFacts) -> None:
        try:
            image = instruction.iimage.obj
        except PDF_ERRORS:
            facts.problems.append(f"an inline image of page {facts.number} cannot be read")
            return
        for family in colour_families(image.get("/ColorSpace"), resources):
            facts.colours[family] += 1
        if image.get("/SMask") is not None:
            facts.transparency.append("an inline image with a soft mask")

    def _resources(self, resources, facts: PageFacts, depth: int) -> None:
        """Colour spaces, graphics states, shadings, patterns, fonts and XObjects of a
        resource dictionary, recursing into forms, patterns and Type 3 fonts."""
        if depth > NESTING_LIMIT:
            facts.problems.append(f"page {facts.number}: forms nested more than "
                                  f"{NESTING_LIMIT} deep")
            return
        d = dictionary(resources)
        if d is None:
            return
        for _, space in items(d.get("/ColorSpace")):
            for family in colour_families(space, d):
                facts.colours[family] += 1
        for _, state in items(d.get("/ExtGState")):
            self._state(dictionary(state), facts)
        for _, shading in items(d.get("/Shading")):
            sd = dictionary(shading)
            if sd is not None and self._once(shading):
                for family in colour_families(sd.get("/ColorSpace"), d):
                    facts.colours[family] += 1
        for key, pattern in items(d.get("/Pattern")):
            self._pattern(key, pattern, d, facts, depth)
        for key, font in items(d.get("/Font")):
            fd = dictionary(font)
            if fd is None or not self._once(font):
                continue
            facts.fonts.append((str(fd.get("/BaseFont", key)), fd))
            if fd.get("/Resources") is not None:
                self._resources(fd.get("/Resources"), facts, depth + 1)
        for key, xobject in items(d.get("/XObject")):
            self._xobject(key, xobject, d, facts, depth)

    def _state(self, state, facts: PageFacts) -> None:
        if state is None:
            return
        smask = state.get("/SMask")
        if smask is not None and name(smask) != "/None":
            facts.transparency.append("a soft mask in a graphics state")
        for key in ("/CA", "/ca"):
            alpha = state.get(key)
            if alpha is not None and (number(alpha) is None or number(alpha) < 1):
                facts.transparency.append(f"opacity {key[1:]} {alpha} in a graphics state")
        blend = state.get("/BM")
        modes = [blend] if not isinstance(blend, pikepdf.Array) else list(blend)
        if blend is not None and not any(name(m) in ("/Normal", "/Compatible")
                                         for m in modes[:1]):
            facts.transparency.append(f"blend mode {modes[0] if modes else '?'}")
        for key in ("/TR", "/TR2"):
            if state.get(key) is not None and name(state.get(key)) != "/Default":
                facts.transfer += 1

    def _pattern(self, key, pattern, resources, facts: PageFacts, depth: int) -> None:
        pd = dictionary(pattern)
        if pd is None or not self._once(pattern):
            return
        shading = dictionary(pd.get("/Shading"))
        if shading is not None:
            for family in colour_families(shading.get("/ColorSpace"), resources):
                facts.colours[family] += 1
        self._state(dictionary(pd.get("/ExtGState")), facts)
        if isinstance(pattern, pikepdf.Stream):          # a tiling pattern draws content
            own = pd.get("/Resources")
            self._content([pattern], own if own is not None else resources, facts,
                          f"pattern {key}")
            self._resources(own, facts, depth + 1)

    def _xobject(self, key, xobject, resources, facts: PageFacts, depth: int) -> None:
        if not isinstance(xobject, pikepdf.Stream) or not self._once(xobject):
            return
        subtype = name(xobject.get("/Subtype"))
        if subtype == "/PS" or name(xobject.get("/Subtype2")) == "/PS":
            facts.postscript += 1
            return
        for f in _safe_filters(xobject):
            facts.filters[f] += 1
        if subtype == "/Image":
            families = colour_families(xobject.get("/ColorSpace"), resources)
            if xobject.get("/ImageMask") is True:
                families = set()
            for family in families:
                facts.colours[family] += 1
            if xobject.get("/SMask") is not None or (number(xobject.get("/SMaskInData"))
                                                     or 0) > 0:
                facts.transparency.append(f"image {key} has a soft mask")
            if xobject.get("/Alternates") is not None:
                facts.problems.append(f"image {key} has alternate images")
            facts.images.append(ImageUse(key, xobject, families))
        elif subtype == "/Form":
            group = dictionary(xobject.get("/Group"))
            if group is not None and name(group.get("/S")) == "/Transparency":
                facts.transparency.append(f"form {key} is a transparency group")
            own = xobject.get("/Resources")
            self._content([xobject], own if own is not None else resources, facts,
                          f"form {key}")
            self._resources(own, facts, depth + 1)


def _safe_filters(stream) -> list[str]:
    try:
        return filters(stream)
    except Undecodable:
        return []

"""ALTO 4.4 text and coordinates of each page, written from the page model (the text as
set, never OCR): a TextBlock per article block and column, a TextLine per line, a String
per word (Latin) or per character (CJK), Illustrations, GraphicalElements, the articles as
StructureTags, the reading order and the jumps (转版) between pages.

Coordinates are in ``mm10`` (tenths of a millimetre) from the trim's top-left corner: the
pages are vector PDFs with no pixels, so a physical unit keeps every position exact for
any rendering; a viewer showing an image at R dpi multiplies by R / 254.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from layout.display import BlockId, Box, Image, PageOut, Rule, TextLine

ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{ALTO_NS} http://www.loc.gov/alto/v4/alto-4-4.xsd"
#: tenths of a millimetre per point
MM10 = 254.0 / 72.0
#: block kinds that are not part of the newspaper (proof annotations)
SKIPPED_KINDS = frozenset({"proof"})
#: a punctuation mark or symbol this wide (in em) is a CJK mark: a String of its own
FULL_WIDTH = 0.75


@dataclass(frozen=True)
class Issue:
    """What the archive files say about the issue besides its pages."""

    name: str                  # the newspaper
    date: _dt.date
    issue: str                 # issue number as printed, e.g. 第7331期
    language: str              # BCP 47: zh-Hans, zh-Hant
    software: str              # "epaper 0.1.0"


def pdf_name(page: PageOut) -> str:
    return f"page-{page.number:02d}.pdf"


def alto_name(page: PageOut) -> str:
    return f"alto/page-{page.number:02d}.xml"


def _u(pt: float) -> str:
    """A length in pt as mm10 text."""
    text = f"{pt * MM10:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _xml_id(*parts: object) -> str:
    """An XML ID (NCName) from parts: letters and digits kept, anything else escaped."""
    out = []
    for ch in "_".join(str(p) for p in parts if p != ""):
        if ch.isascii() and (ch.isalnum() or ch in "_-.") or \
                unicodedata.category(ch)[0] == "L":
            out.append(ch)
        else:
            out.append(f"x{ord(ch):04X}")
    return "".join(out)


Bounds = tuple[float, float, float, float]


def _union(boxes: Iterable[Bounds]) -> Bounds:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _place(el: ET.Element, box: Bounds) -> ET.Element:
    x0, y0, x1, y1 = box
    el.set("HPOS", _u(x0))
    el.set("VPOS", _u(y0))
    el.set("WIDTH", _u(x1 - x0))
    el.set("HEIGHT", _u(y1 - y0))
    return el


# ------------------------------------------------------------------------- words
@dataclass(frozen=True)
class Glyph:
    start: int                 # offset of its characters in the line's text
    text: str
    box: Bounds
    style: tuple[str, float]   # face name and size


@dataclass(frozen=True)
class Word:
    """A String: its text, box, the glyphs it is made of, and whether a space follows."""

    text: str
    box: Bounds
    style: tuple[str, float]
    space_after: bool
    cjk: bool
    hyphen: Bounds | None = None     # a hyphen drawn after it at the line end (HYP)


def _is_cjk(text: str, width: float, size: float) -> bool:
    """An ideograph, kana, hangul or full-width form, or a punctuation mark set full width
    in a CJK font (“ ” — … are ambiguous in Unicode, full width in Chinese text)."""
    if not text:                    # a hyphen drawn at a line end: part of its word
        return False
    ch = text[0]
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return True
    return unicodedata.category(ch)[0] in "PS" and width >= FULL_WIDTH * size


def line_glyphs(line: TextLine) -> list[Glyph]:
    """The glyphs of a line in text order with their em boxes (pt)."""
    glyphs = []
    for run in line.runs:
        name = run.face.name if run.face else "missing"
        for start, text, box in zip(run.starts, run.clusters, run.boxes()):
            glyphs.append(Glyph(start, text, box, (name, run.size)))
    glyphs.sort(key=lambda g: g.start)
    return glyphs


def line_words(line: TextLine) -> list[Word]:
    """A line cut into Strings: each CJK character alone, Latin words (letters, digits and
    their punctuation, up to a space or a CJK character) whole."""
    words: list[Word] = []
    current: list[Glyph] = []
    text = line.text

    def close(next_start: int, hyphen: Bounds | None = None) -> None:
        if not current:
            return
        first, last = current[0], current[-1]
        end = last.start + len(last.text)
        gap = text[end:next_start]
        cjk = line.vertical or len(current) == 1 and _is_cjk(
            first.text, first.box[2] - first.box[0], first.style[1])
        words.append(Word(text[first.start:end], _union(g.box for g in current),
                          first.style, any(c.isspace() for c in gap), cjk, hyphen))
        current.clear()

    for glyph in line_glyphs(line):
        if not glyph.text and current:     # a hyphen drawn at a line end stands for
            close(glyph.start, glyph.box)  # nothing in the text: ALTO's HYP
            continue
        size = glyph.style[1]
        alone = line.vertical or _is_cjk(glyph.text, glyph.box[2] - glyph.box[0], size)
        if current:
            last = current[-1]
            touching = last.start + len(last.text) == glyph.start
            if alone or not touching:
                close(glyph.start)
        current.append(glyph)
        if alone:
            close(_next_start(text, glyph))
    close(len(text))
    return words


def _next_start(text: str, glyph: Glyph) -> int:
    """Where the text after ``glyph`` resumes past any spaces (for the gap test)."""
    end = glyph.start + len(glyph.text)
    while end < len(text) and text[end].isspace():
        end += 1
    return end


# ------------------------------------------------------------------------- blocks
@dataclass(frozen=True)
class TextBlock:
    """The lines of one block of one article that stand in one column: a paragraph
    continued in the next column is a second TextBlock, linked by the reading order."""

    id: str
    block: BlockId
    lines: tuple[TextLine, ...]


def _continues(prev: TextLine, line: TextLine) -> bool:
    """Does ``line`` follow ``prev`` in the same column?"""
    if prev.block != line.block or prev.vertical != line.vertical:
        return False
    if line.vertical:                      # columns right to left, overlapping in height
        return line.x < prev.x and line.baseline < prev.baseline + prev.width
    return line.baseline > prev.baseline and line.x < prev.x + prev.width and \
        prev.x < line.x + line.width


def text_blocks(page: PageOut) -> list[TextBlock]:
    """The page's text lines grouped into blocks, in the page model's order."""
    groups: list[list[TextLine]] = []
    for line in page.lines():
        if line.block.kind in SKIPPED_KINDS:
            continue
        if groups and _continues(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    seen: dict[str, int] = {}
    blocks = []
    for lines in groups:
        b = lines[0].block
        base = _xml_id(f"P{page.number:02d}", b.article or "page", f"{b.kind}{b.index}")
        seen[base] = seen.get(base, 0) + 1
        ident = base if seen[base] == 1 else f"{base}_{seen[base]}"
        blocks.append(TextBlock(ident, b, tuple(lines)))
    return blocks


def reading_order(page: PageOut) -> dict[str, int]:
    """Article → its place on the page: page header first, the articles in their regions'
    order, then articles without a region, page footer last."""
    order = {r.article: r.order for r in page.regions}
    late = len(order) + 1
    for line in page.lines():
        if line.article and line.article not in order:
            late += 1
            order[line.article] = late
    return order


def _group_key(order: dict[str, int], article: str, kind: str) -> int:
    if not article:
        return 10**6 if kind == "footer" else 0
    return order.get(article, 10**5)


def first_block(blocks: Sequence[TextBlock], article: str) -> str | None:
    """The first text block of ``article`` that is not a jump line."""
    for b in blocks:
        if b.block.article == article and b.block.kind != "jump":
            return b.id
    return None


def last_block(blocks: Sequence[TextBlock], article: str) -> str | None:
    found = None
    for b in blocks:
        if b.block.article == article and b.block.kind != "jump":
            found = b.id
    return found


# ------------------------------------------------------------------------- writer
def _headline(page: PageOut, article: str) -> str:
    for kind in ("headline", "banner", "photo_headline"):
        text = "".join(line.text + line.joiner for line in page.lines(article)
                       if line.block.kind == kind).strip()
        if text:
            return text
    return ""


def _rgb(cmyk) -> str:
    c, m, y, k = (v / 100.0 for v in cmyk)
    return "".join(f"{round(255 * (1 - v) * (1 - k)):02X}" for v in (c, m, y))


def write_alto(page: PageOut, issue: Issue, position: int,
               targets: dict[tuple[int, str, str], str | None] | None = None,
               headlines: dict[str, str] | None = None) -> bytes:
    """ALTO 4.4 of one page.  ``position`` is the page's place in the edition (from 1);
    ``targets`` gives, for (page, article, "first" | "last"), the block a jump points to
    on another page; ``headlines`` names articles whose headline is on another page."""
    targets = targets or {}
    headlines = headlines or {}
    ET.register_namespace("", ALTO_NS)
    ET.register_namespace("xlink", XLINK_NS)
    ET.register_namespace("xsi", XSI_NS)

    def el(parent, tag, **attrs):
        e = ET.SubElement(parent, f"{{{ALTO_NS}}}{tag}")
        for k, v in attrs.items():
            e.set(k, v)
        return e

    root = ET.Element(f"{{{ALTO_NS}}}alto", {"SCHEMAVERSION": "4.4",
                                             f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION})
    desc = el(root, "Description")
    ET.SubElement(desc, f"{{{ALTO_NS}}}MeasurementUnit").text = "mm10"
    source = el(desc, "sourceImageInformation")
    ET.SubElement(source, f"{{{ALTO_NS}}}fileName").text = pdf_name(page)
    step = el(desc, "Processing", ID="EPAPER")
    ET.SubElement(step, f"{{{ALTO_NS}}}processingCategory").text = "contentGeneration"
    ET.SubElement(step, f"{{{ALTO_NS}}}processingStepDescription").text = (
        "text and coordinates written by the typesetter from the page it set, not "
        "recognised from an image")
    software = el(step, "processingSoftware")
    name, _, version = issue.software.partition(" ")
    ET.SubElement(software, f"{{{ALTO_NS}}}softwareName").text = name
    if version:
        ET.SubElement(software, f"{{{ALTO_NS}}}softwareVersion").text = version

    blocks = text_blocks(page)
    order = reading_order(page)
    kinds = {r.article: r.kind for r in page.regions}

    # styles: one per face and size
    styles: dict[tuple[str, float, tuple], str] = {}
    for line in page.lines():
        for run in line.runs:
            key = (run.face.name if run.face else "missing", run.size, tuple(run.color))
            styles.setdefault(key, f"TS{len(styles) + 1}")
    styles_el = el(root, "Styles")
    for (face, size, color), ident in styles.items():
        el(styles_el, "TextStyle", ID=ident, FONTFAMILY=face, FONTSIZE=f"{size:g}",
           FONTCOLOR=_rgb(color))

    # tags: articles (structure), block kinds (role), jumps (other, with the target's URI)
    articles = sorted({b.block.article for b in blocks if b.block.article} |
                      {i.article for i in page.items if isinstance(i, Image) and i.article},
                      key=lambda a: (order.get(a, 10**5), a))
    tags = el(root, "Tags")
    article_tag = {a: _xml_id("ART", a) for a in articles}
    for a in articles:
        label = _headline(page, a) or headlines.get(a) or a
        el(tags, "StructureTag", ID=article_tag[a], TYPE=kinds.get(a, "article"),
           LABEL=label, DESCRIPTION=f"article {a}")
    role_tag = {}
    for kind in dict.fromkeys(b.block.kind for b in blocks):
        role_tag[kind] = _xml_id("ROLE", kind)
        el(tags, "RoleTag", ID=role_tag[kind], LABEL=kind)
    jump_tag: dict[str, str] = {}
    for link in page.links:
        other = PageOut(link.page, 0, 0, ())
        end = "first" if link.kind == "continued-on" else "last"
        target = targets.get((link.page, link.article, end))
        uri = alto_name(other).split("/")[-1] + (f"#{target}" if target else "")
        tag = _xml_id("JUMP", link.article, link.kind)
        jump_tag[link.article] = tag
        label = (f"continued on page {link.page}" if link.kind == "continued-on"
                 else f"continued from page {link.page}")
        el(tags, "OtherTag", ID=tag, TYPE=link.kind, LABEL=label, URI=uri,
           DESCRIPTION=f"article {link.article}, slot {link.slot} of page {link.page}")
    if not len(tags):
        root.remove(tags)

    # reading order: one ordered group per article (page furniture on its own)
    ranked = sorted(range(len(blocks)), key=lambda k: (
        _group_key(order, blocks[k].block.article, blocks[k].block.kind), k))
    sequence = [blocks[k] for k in ranked]
    if sequence:
        reading = el(root, "ReadingOrder")
        top = el(reading, "OrderedGroup", ID="RO")
        groups: dict[str, ET.Element] = {}
        for b in sequence:
            key = b.block.article or f"page-{b.block.kind}"
            if key not in groups:
                attrs = {"ID": _xml_id("RO", key)}
                if b.block.article:
                    attrs["TAGREFS"] = article_tag[b.block.article]
                groups[key] = el(top, "OrderedGroup", **attrs)
            el(groups[key], "ElementRef", ID=f"{b.id}_ref", REF=b.id)

    layout = el(root, "Layout")
    page_el = el(layout, "Page", ID=f"PAGE{page.number:02d}", PHYSICAL_IMG_NR=str(position),
                 PRINTED_IMG_NR=str(page.number), WIDTH=_u(page.width),
                 HEIGHT=_u(page.height), POSITION="Single", LANG=issue.language)

    # the PrintSpace holds every block: its box is theirs, kept within the trim
    boxes = []
    for item in page.items:
        box = _item_box(item)
        if box is not None and not (isinstance(item, TextLine) and
                                    item.block.kind in SKIPPED_KINDS):
            boxes.append(box)
    space = el(page_el, "PrintSpace")
    if boxes:
        x0, y0, x1, y1 = _union(boxes)
        _place(space, (max(0.0, x0), max(0.0, y0), min(page.width, x1),
                       min(page.height, y1)))

    next_of = {a.id: b.id for a, b in zip(sequence, sequence[1:])}
    splits = word_splits(blocks)
    placed_blocks = {id(b.lines[0]): b for b in blocks}
    counter = {"graphic": 0}
    for item in _ordered_items(page, order):
        if isinstance(item, TextLine):
            block = placed_blocks.get(id(item))
            if block is not None:
                _text_block(el, space, block, styles, article_tag, role_tag, jump_tag,
                            next_of, counter, splits)
        elif isinstance(item, Image):
            attrs = {"ID": _xml_id(f"P{page.number:02d}", item.article or "page",
                                   f"photo{item.index}")}
            if item.article:
                attrs["TAGREFS"] = article_tag[item.article]
            ill = el(space, "Illustration", **attrs, TYPE="photo")
            _place(ill, (item.x, item.y, item.x + item.w, item.y + item.h))
        elif isinstance(item, (Rule, Box)):
            counter["graphic"] += 1
            attrs = {"ID": f"P{page.number:02d}_G{counter['graphic']}"}
            if item.article and item.article in article_tag:
                attrs["TAGREFS"] = article_tag[item.article]
            _place(el(space, "GraphicalElement", **attrs), _item_box(item))
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _ordered_items(page: PageOut, order: dict[str, int]):
    """The page's items with articles in reading order (stable within an article)."""
    def article_of(item):
        if isinstance(item, TextLine):
            return item.article, item.block.kind
        return getattr(item, "article", ""), ""
    ranked = sorted(range(len(page.items)),
                    key=lambda k: (_group_key(order, *article_of(page.items[k])), k))
    return [page.items[k] for k in ranked]


def _item_box(item) -> Bounds | None:
    if isinstance(item, TextLine):
        return _union([item.bbox(), *(g.box for g in line_glyphs(item))]) \
            if item.runs else item.bbox()
    if isinstance(item, Rule):
        half = item.width / 2
        return (min(item.x0, item.x1) - (half if item.x0 == item.x1 else 0),
                min(item.y0, item.y1) - (half if item.y0 == item.y1 else 0),
                max(item.x0, item.x1) + (half if item.x0 == item.x1 else 0),
                max(item.y0, item.y1) + (half if item.y0 == item.y1 else 0))
    if isinstance(item, (Box, Image)):
        return (item.x, item.y, item.x + item.w, item.y + item.h)
    return None


def word_splits(blocks: Sequence[TextBlock]) -> dict[tuple[int, int], tuple[str, str]]:
    """Latin words (URLs, addresses) cut at line ends with nothing between the pieces:
    (line, word index) → ("HypPart1" for the first piece, "HypPart2" for the others, the
    whole word), over the lines of each block, across columns."""
    lines_of: dict[BlockId, list[TextLine]] = {}
    for b in blocks:
        lines_of.setdefault(b.block, []).extend(b.lines)
    out = {}
    for lines in lines_of.values():
        words = [line_words(line) for line in lines]
        chain: list[tuple[int, int, str]] = []
        for k, line in enumerate(lines):
            if not words[k]:
                chain = []
                continue
            if not chain:
                chain = [(id(line), len(words[k]) - 1, words[k][-1].text)]
            goes_on = (k + 1 < len(lines) and words[k + 1] and not line.joiner and
                       not words[k][-1].cjk and not words[k + 1][0].cjk and
                       not words[k][-1].space_after)
            if goes_on:
                nxt = lines[k + 1]
                chain.append((id(nxt), 0, words[k + 1][0].text))
                if len(words[k + 1]) > 1:             # the word ends on the next line
                    _close(chain, out)
                    chain = []
                continue
            _close(chain, out)
            chain = []
    return out


def _close(chain: list[tuple[int, int, str]], out: dict) -> None:
    if len(chain) < 2:
        return
    whole = "".join(text for _, _, text in chain)
    for k, (line, index, _) in enumerate(chain):
        out[(line, index)] = ("HypPart1" if k == 0 else "HypPart2", whole)


def _text_block(el, space, block: TextBlock, styles, article_tag, role_tag, jump_tag,
                next_of, counter, splits) -> None:
    b = block.block
    refs = [role_tag[b.kind]]
    if b.article:
        refs.insert(0, article_tag[b.article])
        if b.kind == "jump" and b.article in jump_tag:
            refs.append(jump_tag[b.article])
    attrs = {"ID": block.id, "TAGREFS": " ".join(refs)}
    if block.id in next_of:
        attrs["IDNEXT"] = next_of[block.id]
    tb = el(space, "TextBlock", **attrs)
    _place(tb, _union(_item_box(line) for line in block.lines))
    if block.lines[0].vertical:
        tb.set("BASEDIRECTION", "ttb")
    for line in block.lines:
        words = line_words(line)
        tl = el(tb, "TextLine", ID=f"{block.id}_L{line.line}")
        _place(tl, _item_box(line))
        if line.vertical:
            cx = line.x + line.ascent / 2
            tl.set("BASELINE", f"{_u(cx)},{_u(line.baseline)} "
                               f"{_u(cx)},{_u(line.baseline + line.width)}")
            tl.set("BASEDIRECTION", "ttb")
        else:
            tl.set("BASELINE", f"{_u(line.x)},{_u(line.baseline)} "
                               f"{_u(line.x + line.width)},{_u(line.baseline)}")
        for n, word in enumerate(words):
            s = el(tl, "String", CONTENT=word.text)
            _place(s, word.box)
            style = next(k for k in styles if k[:2] == word.style)
            s.set("STYLEREFS", styles[style])
            if (id(line), n) in splits:                 # a word cut at a line end
                part, whole = splits[(id(line), n)]
                s.set("SUBS_TYPE", part)
                s.set("SUBS_CONTENT", whole)
            if word.space_after and n + 1 < len(words):
                gap = el(tl, "SP")
                nxt = words[n + 1].box
                x0, x1 = word.box[2], max(word.box[2], nxt[0])
                _place(gap, (x0, word.box[1], x1, word.box[3]))
        if words and words[-1].hyphen is not None:      # the schema's place: last
            hyp = el(tl, "HYP", CONTENT="-")
            x0, _, x1, _ = words[-1].hyphen
            _place(hyp, (x0, words[-1].box[1], x1, words[-1].box[3]))


def alto_files(pages: Sequence[PageOut], issue: Issue) -> dict[str, bytes]:
    """ALTO of every page (``alto/page-NN.xml``), jumps pointing at the blocks where the
    article goes on (or came from) on the other page."""
    targets: dict[tuple[int, str, str], str | None] = {}
    headlines: dict[str, str] = {}
    for page in pages:
        blocks = text_blocks(page)
        for article in {b.block.article for b in blocks if b.block.article}:
            targets[(page.number, article, "first")] = first_block(blocks, article)
            targets[(page.number, article, "last")] = last_block(blocks, article)
            headlines.setdefault(article, _headline(page, article))
    return {alto_name(page): write_alto(page, issue, k, targets, headlines)
            for k, page in enumerate(pages, 1)}

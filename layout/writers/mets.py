"""METS 1.12 for an issue: what a library ingests beside the files themselves — the
issue's description (MODS: newspaper, date, issue number, language), every file with its
size and sha256, the pages in order (physical structure) and the sections and articles
(logical structure), each article pointing at its ALTO blocks on every page it covers."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from layout.display import Image, PageOut
from layout.writers.alto import (XLINK_NS, XSI_NS, Issue, _ordered_items, _xml_id,
                                 alto_name, pdf_name, reading_order, text_blocks)

METS_NS = "http://www.loc.gov/METS/"
MODS_NS = "http://www.loc.gov/mods/v3"
SCHEMA_LOCATION = f"{METS_NS} http://www.loc.gov/standards/mets/mets.xsd"
METS_NAME = "mets.xml"
EDITION_PDF = "edition.pdf"
#: output files that are page images (e-paper renderings), by suffix, and their MIME types
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".webp": "image/webp", ".tif": "image/tiff", ".tiff": "image/tiff"}


def article_areas(page: PageOut) -> dict[str, list[str]]:
    """Article → the IDs of its ALTO blocks on ``page`` (text blocks and pictures), in
    reading order, as :func:`layout.writers.alto.write_alto` names them."""
    order = reading_order(page)
    starts = {id(b.lines[0]): b for b in text_blocks(page)}
    out: dict[str, list[str]] = {}
    for item in _ordered_items(page, order):
        if id(item) in starts:
            b = starts[id(item)]
            if b.block.article:
                out.setdefault(b.block.article, []).append(b.id)
        elif isinstance(item, Image) and item.article:
            out.setdefault(item.article, []).append(
                _xml_id(f"P{page.number:02d}", item.article, f"photo{item.index}"))
    return out


def _image_page(name: str, pages: Sequence[PageOut]) -> PageOut | None:
    """The page an output image shows, from its name (…page-02.png, …-02.jpg)."""
    import re
    found = re.findall(r"(\d+)", name.rsplit("/", 1)[-1])
    if found:
        number = int(found[-1])
        return next((p for p in pages if p.number == number), None)
    return None


def write_mets(pages: Sequence[PageOut], issue: Issue, files: dict[str, bytes]) -> bytes:
    """METS of the issue whose outputs are ``files`` (name → bytes; PDFs, ALTO and any
    page images)."""
    ET.register_namespace("mets", METS_NS)
    ET.register_namespace("mods", MODS_NS)
    ET.register_namespace("xlink", XLINK_NS)
    ET.register_namespace("xsi", XSI_NS)

    def el(parent, tag, ns=METS_NS, **attrs):
        e = ET.SubElement(parent, f"{{{ns}}}{tag}")
        for k, v in attrs.items():
            e.set(k, v)
        return e

    def mods(parent, tag, text=None, **attrs):
        e = el(parent, tag, MODS_NS, **attrs)
        if text is not None:
            e.text = text
        return e

    label = " ".join(p for p in (issue.name, issue.date.isoformat(), issue.issue) if p)
    root = ET.Element(f"{{{METS_NS}}}mets", {
        "OBJID": _xml_id(issue.name, issue.date.isoformat(), issue.issue),
        "LABEL": label, "TYPE": "newspaper issue",
        f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION})
    header = el(root, "metsHdr")
    agent = el(header, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    el(agent, "name").text = issue.software
    el(agent, "note").text = ("text, coordinates and structure written by the typesetter "
                              "from the pages it set")

    # descriptive metadata: the issue, then each article
    dmd = el(root, "dmdSec", ID="DMD_ISSUE")
    data = el(el(dmd, "mdWrap", MDTYPE="MODS", LABEL="issue"), "xmlData")
    m = mods(data, "mods")
    mods(mods(m, "titleInfo"), "title", issue.name)
    mods(m, "typeOfResource", "text")
    mods(m, "genre", "newspaper issue")
    origin = mods(m, "originInfo")
    mods(origin, "dateIssued", issue.date.isoformat(), encoding="w3cdtf",
         keyDate="yes")
    if issue.issue:
        part = mods(m, "part")
        mods(mods(part, "detail", type="issue"), "number", issue.issue)
    language = mods(m, "language")
    mods(language, "languageTerm", issue.language, type="code", authority="rfc5646")
    extent = mods(mods(m, "physicalDescription"), "extent", f"{len(pages)} pages")
    extent.set("unit", "pages")

    areas = [article_areas(page) for page in pages]
    articles: dict[str, dict] = {}
    for page, page_areas in zip(pages, areas):
        kinds = {r.article: r.kind for r in page.regions}
        for article in sorted(page_areas, key=lambda a: reading_order(page).get(a, 10**5)):
            entry = articles.setdefault(article, {"kind": kinds.get(article, "article"),
                                                  "pages": [], "section": page.section,
                                                  "fields": {}})
            entry["pages"].append(page)
            for line in page.lines(article):
                kind = line.block.kind
                if kind in ("kicker", "headline", "subheadline", "banner",
                            "photo_headline", "byline"):
                    entry["fields"][kind] = (entry["fields"].get(kind, "") + line.text +
                                             line.joiner)
    for article, entry in articles.items():
        dmd = el(root, "dmdSec", ID=_xml_id("DMD", article))
        data = el(el(dmd, "mdWrap", MDTYPE="MODS", LABEL=f"article {article}"), "xmlData")
        m = mods(data, "mods", ID=_xml_id("MODS", article))
        f = entry["fields"]
        title = (f.get("headline") or f.get("banner") or f.get("photo_headline") or "").strip()
        info = mods(m, "titleInfo")
        mods(info, "title", title or article)
        if f.get("subheadline", "").strip():
            mods(info, "subTitle", f["subheadline"].strip())
        if f.get("kicker", "").strip():
            mods(m, "note", f["kicker"].strip(), type="kicker")
        if f.get("byline", "").strip():
            mods(m, "note", f["byline"].strip(), type="statement of responsibility")
        mods(m, "genre", entry["kind"])
        mods(m, "identifier", article, type="local")

    # files, with sizes and checksums
    file_sec = el(root, "fileSec")
    ids: dict[str, str] = {}

    def add(group, name: str, ident: str, mime: str) -> None:
        data = files[name]
        f = el(group, "file", ID=ident, MIMETYPE=mime, SIZE=str(len(data)),
               CHECKSUM=hashlib.sha256(data).hexdigest(), CHECKSUMTYPE="SHA-256")
        el(f, "FLocat", LOCTYPE="URL", **{f"{{{XLINK_NS}}}href": name})
        ids[name] = ident

    pdfs = el(file_sec, "fileGrp", ID="FG_PDF", USE="PRINT")
    for page in pages:
        if pdf_name(page) in files:
            add(pdfs, pdf_name(page), f"PDF_{page.number:02d}", "application/pdf")
    if EDITION_PDF in files:
        add(pdfs, EDITION_PDF, "PDF_EDITION", "application/pdf")
    alto = el(file_sec, "fileGrp", ID="FG_ALTO", USE="ALTO")
    for page in pages:
        if alto_name(page) in files:
            add(alto, alto_name(page), f"ALTO_{page.number:02d}", "text/xml")
    images = [n for n in sorted(files) if "." + n.rsplit(".", 1)[-1].lower() in IMAGE_TYPES]
    if images:
        group = el(file_sec, "fileGrp", ID="FG_IMAGE", USE="IMAGE")
        for k, name in enumerate(images, 1):
            add(group, name, f"IMG_{k:03d}", IMAGE_TYPES["." + name.rsplit(".", 1)[-1].lower()])
    for group in list(file_sec):
        if not len(group):
            file_sec.remove(group)

    # physical structure: the pages in order
    physical = el(root, "structMap", TYPE="PHYSICAL", ID="SM_PHYSICAL")
    sequence = el(physical, "div", TYPE="physSequence", ID="PHYS_ISSUE", LABEL=label,
                  DMDID="DMD_ISSUE")
    if EDITION_PDF in ids:
        el(sequence, "fptr", FILEID=ids[EDITION_PDF])
    for k, page in enumerate(pages, 1):
        title = " ".join(p for p in (f"第{page.number}版", page.section) if p)
        div = el(sequence, "div", TYPE="page", ID=f"PHYS_{page.number:02d}", ORDER=str(k),
                 ORDERLABEL=str(page.number), LABEL=title)
        for name in (pdf_name(page), alto_name(page),
                     *(n for n in images if _image_page(n, pages) is page)):
            if name in ids:
                el(div, "fptr", FILEID=ids[name])

    # logical structure: sections (版名) holding their articles, each pointing at its blocks
    logical = el(root, "structMap", TYPE="LOGICAL", ID="SM_LOGICAL")
    issue_div = el(logical, "div", TYPE="issue", ID="LOG_ISSUE", DMDID="DMD_ISSUE",
                   LABEL=label)
    sections: dict[str, ET.Element] = {}
    for article, entry in articles.items():
        name = entry["section"] or f"第{entry['pages'][0].number}版"
        if name not in sections:
            sections[name] = el(issue_div, "div", TYPE="section",
                                ID=_xml_id("LOG_SECTION", len(sections) + 1), LABEL=name)
        f = entry["fields"]
        title = (f.get("headline") or f.get("banner") or f.get("photo_headline") or
                 article).strip()
        div = el(sections[name], "div", TYPE=entry["kind"], ID=_xml_id("LOG", article),
                 DMDID=_xml_id("DMD", article), LABEL=title)
        fptr = el(div, "fptr")
        seq = el(fptr, "seq")
        for page, page_areas in zip(pages, areas):
            name_alto = alto_name(page)
            for block in page_areas.get(article, []):
                if name_alto in ids:
                    el(seq, "area", FILEID=ids[name_alto], BETYPE="IDREF", BEGIN=block)
        if not len(seq):
            div.remove(fptr)

    # which pages each article is on
    links = el(root, "structLink")
    for article, entry in articles.items():
        for page in entry["pages"]:
            el(links, "smLink", **{f"{{{XLINK_NS}}}from": _xml_id("LOG", article),
                                   f"{{{XLINK_NS}}}to": f"PHYS_{page.number:02d}"})
    if not len(links):
        root.remove(links)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def archive_files(pages: Sequence[PageOut], issue: Issue, files: dict[str, bytes]
                  ) -> dict[str, bytes]:
    """ALTO of every page and the METS of the issue whose other outputs are ``files``."""
    from layout.writers.alto import alto_files
    out = alto_files(pages, issue)
    out[METS_NAME] = write_mets(pages, issue, {**files, **out})
    return out


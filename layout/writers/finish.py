"""Finish ReportLab's PDF for the press and the archive (pikepdf / qpdf): document
information with dates taken from the issue date, ``Trapped``, a document ID computed from
the content, the logical structure (one ``Art`` per article in reading order, with its
headings, paragraphs, figures and captions), and when asked the OutputIntent with the
press's ICC profile for PDF/X-1a:2003 and the XMP metadata and OutputIntent of PDF/A-2b."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf

PDFX_VERSION = "PDF/X-1a:2003"

#: The structure type of each kind of block (standard types of PDF 1.7, so no role map).
STRUCTURE = {"headline": "H1", "subhead": "H2", "caption": "Caption", "credit": "Caption",
             "placeholder": "Caption"}


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str                     # the newspaper
    subject: str
    keywords: str
    date: _dt.date                  # the issue date: creation and modification date
    language: str = "zh-Hans"


@dataclass(frozen=True)
class OutputIntent:
    profile: Path                   # CMYK ICC profile of the printing condition
    condition: str                  # output condition identifier, e.g. FOGRA39


@dataclass
class Structure:
    """What the logical structure is made of: each page's marked-content sequences in
    content order (from the PDF writer) and the alternative text of each picture."""

    marks: list[list]                                     # per page: writer Marks
    alt: dict[tuple[str, int], str] = field(default_factory=dict)


def pdf_date(day: _dt.date) -> str:
    """Midnight of the issue date, Beijing time."""
    return f"D:{day:%Y%m%d}000000+08'00'"


def xmp_date(day: _dt.date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00+08:00"


def finish(data: bytes, info: DocInfo, intent: OutputIntent | None = None, *,
           pdfa: OutputIntent | None = None, structure: Structure | None = None) -> bytes:
    """The finished file: ``intent`` makes it PDF/X-1a:2003, ``pdfa`` (the CMYK profile
    the colours refer to) PDF/A-2b."""
    with pikepdf.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            # PDF/X: a page has a TrimBox or an ArtBox, not both
            for key in (pikepdf.Name.ArtBox, pikepdf.Name.Trans):
                if key in page.obj:             # Trans: ReportLab's empty transition
                    del page.obj[key]
        if structure is not None:
            add_structure(pdf, structure)
        return _save(pdf, info, intent, pdfa)


def assemble(pages: list[bytes], info: DocInfo, intent: OutputIntent | None = None, *,
             pdfa: OutputIntent | None = None) -> bytes:
    """One file of finished page files (the edition): their pages in order, each with its
    own fonts and pictures, and one logical structure in which an article continued on a
    later page stays one Art."""
    with pikepdf.new() as pdf:
        root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        document = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=root,
            K=pikepdf.Array()))
        root.K = pikepdf.Array([document])
        arts: dict[str, pikepdf.Object] = {}
        nums = pikepdf.Array()
        sources = [pikepdf.open(BytesIO(data)) for data in pages]
        try:
            for number, source in enumerate(sources):
                pdf.pages.append(source.pages[0])
                page = pdf.pages[-1]
                tree = source.Root.get("/StructTreeRoot")
                if tree is None:
                    continue
                page.obj.StructParents = number
                for art in list(tree.K[0].K):
                    del art.P                   # copied without the source's tree
                    copied = pdf.copy_foreign(art)
                    title = str(copied.T)
                    if title in arts:           # the part on an earlier page: one Art
                        for kid in copied.K:
                            kid.P = arts[title]
                            arts[title].K.append(kid)
                    else:
                        copied.P = document
                        arts[title] = copied
                        document.K.append(copied)
                parents = tree.ParentTree.Nums[1]
                nums.append(number)
                nums.append(pdf.copy_foreign(parents))
        finally:
            for source in sources:
                source.close()
        root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
        root.ParentTreeNextKey = len(pages)
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        return _save(pdf, info, intent, pdfa)


def _save(pdf: pikepdf.Pdf, info: DocInfo, intent: OutputIntent | None,
          pdfa: OutputIntent | None) -> bytes:
    """The document-level parts — information, language, output intents, XMP — and the
    bytes, with a document ID computed from the content."""
    stamp = pdf_date(info.date)
    pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(info.title), Author=pikepdf.String(info.author),
        Subject=pikepdf.String(info.subject), Keywords=pikepdf.String(info.keywords),
        Creator=pikepdf.String("epaper"), Producer=pikepdf.String("epaper"),
        CreationDate=pikepdf.String(stamp), ModDate=pikepdf.String(stamp),
        Trapped=pikepdf.Name("/False")))
    pdf.Root.Lang = pikepdf.String(info.language)
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    intents = []
    profiles: dict[Path, pikepdf.Object] = {}

    def profile_stream(path: Path) -> pikepdf.Object:
        if path not in profiles:
            stream = pikepdf.Stream(pdf, Path(path).read_bytes())
            stream[pikepdf.Name.N] = 4
            profiles[path] = pdf.make_indirect(stream)
        return profiles[path]
    if intent is not None:
        pdf.docinfo[pikepdf.Name.GTS_PDFXVersion] = pikepdf.String(PDFX_VERSION)
        intents.append(_intent(pdf, "/GTS_PDFX", intent, profile_stream))
    if pdfa is not None:
        intents.append(_intent(pdf, "/GTS_PDFA1", pdfa, profile_stream))
        metadata = pikepdf.Stream(pdf, xmp(info, pdfa=True).encode("utf-8"))
        metadata.Type, metadata.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
        pdf.Root.Metadata = pdf.make_indirect(metadata)
    if intents:
        pdf.Root.OutputIntents = pikepdf.Array(intents)
    out = BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True, min_version="1.4",
             object_stream_mode=pikepdf.ObjectStreamMode.disable,
             stream_decode_level=pikepdf.StreamDecodeLevel.generalized)
    return out.getvalue()


def _intent(pdf, subtype: str, intent: OutputIntent, profile_stream) -> pikepdf.Object:
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name(subtype),
        OutputConditionIdentifier=pikepdf.String(intent.condition),
        OutputCondition=pikepdf.String(intent.condition),
        RegistryName=pikepdf.String("http://www.color.org"),
        Info=pikepdf.String(intent.condition),
        DestOutputProfile=profile_stream(intent.profile)))


def xmp(info: DocInfo, pdfa: bool) -> str:
    """The XMP packet: the document information again (PDF/A wants both to agree), the
    language and issue date, and the PDF/A identification.  Written out whole, so the same
    inputs give the same bytes."""
    e = escape
    date = xmp_date(info.date)
    subjects = "".join(f"<rdf:li>{e(k)}</rdf:li>" for k in info.keywords.split() if k)
    ident = ('<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>'
             if pdfa else "")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(info.title)}</rdf:li>'
        f'</rdf:Alt></dc:title>\n'
        f'<dc:creator><rdf:Seq><rdf:li>{e(info.author)}</rdf:li></rdf:Seq></dc:creator>\n'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(info.subject)}'
        f'</rdf:li></rdf:Alt></dc:description>\n'
        f'<dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>\n'
        f'<dc:language><rdf:Bag><rdf:li>{e(info.language)}</rdf:li></rdf:Bag></dc:language>\n'
        f'<dc:date><rdf:Seq><rdf:li>{info.date.isoformat()}</rdf:li></rdf:Seq></dc:date>\n'
        f'<dc:format>application/pdf</dc:format>\n'
        f'<xmp:CreateDate>{date}</xmp:CreateDate>\n'
        f'<xmp:ModifyDate>{date}</xmp:ModifyDate>\n'
        f'<xmp:MetadataDate>{date}</xmp:MetadataDate>\n'
        f'<xmp:CreatorTool>epaper</xmp:CreatorTool>\n'
        f'<pdf:Producer>epaper</pdf:Producer>\n'
        f'<pdf:Keywords>{e(info.keywords)}</pdf:Keywords>\n'
        f'{ident}\n'
        '</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n'
        + (" " * 99 + "\n") * 20 + '<?xpacket end="w"?>')


def add_structure(pdf: pikepdf.Pdf, structure: Structure) -> None:
    """The logical structure: Document → one Art per article, in the order the articles
    first appear (the pages' reading order), each holding its blocks in reading order —
    H1 headline, P kicker / byline / paragraphs, H2 subheads, Figure with its alternative
    text, Caption — whose content is the marked-content sequences the writer made.  A block
    continued on another page (a jump) stays one element, with content on both pages."""
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    document = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=root, K=pikepdf.Array()))
    root.K = pikepdf.Array([document])
    articles: dict[str, pikepdf.Object] = {}
    blocks: dict[tuple, pikepdf.Object] = {}
    nums = pikepdf.Array()
    for number, (page, marks) in enumerate(zip(pdf.pages, structure.marks)):
        page.obj.StructParents = number
        page.obj.Tabs = pikepdf.Name.S
        parents = pikepdf.Array()
        for mark in marks:
            article = mark.block.article if mark.block else mark.image[0]
            if article not in articles:
                articles[article] = pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem, S=pikepdf.Name.Art, P=document,
                    T=pikepdf.String(article), K=pikepdf.Array()))
                document.K.append(articles[article])
            if mark.block is not None:
                key = (mark.block,)
                kind = STRUCTURE.get(mark.block.kind, "P")
            else:
                key = ("figure", *mark.image)
                kind = "Figure"
            elem = blocks.get(key)
            if elem is None:
                elem = blocks[key] = pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem, S=pikepdf.Name(f"/{kind}"),
                    P=articles[article], Pg=page.obj, K=pikepdf.Array()))
                if kind == "Figure":
                    elem.Alt = pikepdf.String(structure.alt.get(mark.image, "图片"))
                articles[article].K.append(elem)
            if elem.Pg.objgen == page.obj.objgen:
                elem.K.append(mark.mcid)
            else:
                elem.K.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page.obj,
                                                 MCID=mark.mcid))
            parents.append(elem)
        nums.append(number)
        nums.append(pdf.make_indirect(parents))
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
    root.ParentTreeNextKey = len(structure.marks)
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)


def alt_texts(pages) -> dict[tuple[str, int], str]:
    """Each picture's alternative text: its caption as set (without the credit)."""
    out: dict[tuple[str, int], list[str]] = {}
    for page in pages:
        for line in page.lines():
            if line.block.kind == "caption":
                out.setdefault((line.block.article, line.block.index), []).append(
                    line.text + line.joiner)
    return {key: "".join(parts).strip() for key, parts in out.items()}


"""Finish ReportLab's PDF for the press and the archive (pikepdf / qpdf): document
information with dates taken from the issue date, ``Trapped``, a document ID computed
from the content, and for PDF/X-1a:2003 the OutputIntent with the press's ICC profile."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pikepdf

PDFX_VERSION = "PDF/X-1a:2003"


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str
    subject: str
    keywords: str
    date: _dt.date                  # the issue date: creation and modification date


@dataclass(frozen=True)
class OutputIntent:
    profile: Path                   # CMYK ICC profile of the printing condition
    condition: str                  # output condition identifier, e.g. FOGRA39


def pdf_date(day: _dt.date) -> str:
    """Midnight of the issue date, Beijing time."""
    return f"D:{day:%Y%m%d}000000+08'00'"


def finish(data: bytes, info: DocInfo, intent: OutputIntent | None = None) -> bytes:
    with pikepdf.open(BytesIO(data)) as pdf:
        stamp = pdf_date(info.date)
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(
            Title=pikepdf.String(info.title), Author=pikepdf.String(info.author),
            Subject=pikepdf.String(info.subject), Keywords=pikepdf.String(info.keywords),
            Creator=pikepdf.String("epaper"), Producer=pikepdf.String("epaper"),
            CreationDate=pikepdf.String(stamp), ModDate=pikepdf.String(stamp),
            Trapped=pikepdf.Name("/False")))
        for page in pdf.pages:
            # PDF/X: a page has a TrimBox or an ArtBox, not both
            if pikepdf.Name.ArtBox in page.obj:
                del page.obj[pikepdf.Name.ArtBox]
        if intent is not None:
            pdf.docinfo[pikepdf.Name.GTS_PDFXVersion] = pikepdf.String(PDFX_VERSION)
            profile = pikepdf.Stream(pdf, intent.profile.read_bytes())
            profile[pikepdf.Name.N] = 4
            pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
                OutputConditionIdentifier=pikepdf.String(intent.condition),
                OutputCondition=pikepdf.String(intent.condition),
                RegistryName=pikepdf.String("http://www.color.org"),
                Info=pikepdf.String(intent.condition),
                DestOutputProfile=profile))])
        out = BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 stream_decode_level=pikepdf.StreamDecodeLevel.generalized)
        return out.getvalue()

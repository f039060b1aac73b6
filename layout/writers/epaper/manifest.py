"""The e-paper manifest (``epaper.json``): the site for machines — pages, their images and
sizes, article regions in points and in image pixels, reading order, jumps and article
metadata.  The page views draw their region overlays from the same numbers."""

from __future__ import annotations

import json

from layout.compose.page import WEEKDAYS
from layout.spec.model import Subhead
from layout.writers.epaper.photos import WebPhoto
from layout.writers.epaper.plan import Plan, SitePage, href
from layout.writers.epaper.raster import PageImages, Raster

MANIFEST_FILE = "epaper.json"
FORMAT = "epaper-site"
VERSION = 1


def to_px(points, raster: Raster) -> list[list[float]]:
    """Points of the page model (pt from the trim's top-left) as pixels of ``raster``."""
    sx, sy = raster.scale
    return [[round(x * sx, 2), round(y * sy, 2)] for x, y in points]


def box_px(box, raster: Raster) -> list[float]:
    """A box (x, y, w, h) in pt as pixels of ``raster``."""
    sx, sy = raster.scale
    x, y, w, h = box
    return [round(x * sx, 2), round(y * sy, 2), round(w * sx, 2), round(h * sy, 2)]


def _pt(values) -> list[float]:
    return [round(v, 3) for v in values]


def pdf_file(page: SitePage) -> str:
    return f"pdf/{page.stem}.pdf"


def _page(site_page: SitePage, images: PageImages) -> dict:
    page = site_page.page
    sized = {kind: r for kind, r in images.sizes().items() if kind != "thumb"}
    return {
        "number": page.number,
        "section": page.section,
        "label": site_page.label,
        "html": href(site_page.file),
        "pdf": pdf_file(site_page),
        "size_pt": _pt((page.width, page.height)),
        "trim_box": list(images.trim_box),
        "images": {kind: {"file": r.file, "width": r.width, "height": r.height,
                          "scale": [round(s, 6) for s in r.scale]}
                   for kind, r in images.sizes().items()},
        "reading_order": [p.region.article for p in site_page.placements],
        "regions": [{
            "article": p.region.article, "slot": p.region.slot, "kind": p.region.kind,
            "order": p.region.order, "anchor": p.anchor, "href": p.href,
            "polygon_pt": [_pt(xy) for xy in p.region.polygon],
            "bbox_pt": _pt(p.region.bbox()),
            "polygon_px": {kind: to_px(p.region.polygon, r) for kind, r in sized.items()},
        } for p in site_page.placements],
        "jumps": [{
            "article": j.article, "kind": j.kind, "label": j.label,
            "box_pt": _pt(j.box),
            "box_px": {kind: box_px(j.box, r) for kind, r in sized.items()},
            "target": {"page": j.target.page, "slot": j.target.region.slot,
                       "href": j.target.href},
        } for j in site_page.jumps],
    }


def _article(plan: Plan, entry, photos: list[WebPhoto]) -> dict:
    a = entry.article
    before, after = plan.neighbours(plan.articles, entry)
    body = a.paragraphs
    return {
        "id": a.id,
        "kind": a.kind,
        "number": entry.number,
        "html": href(entry.file),
        "kicker": a.kicker, "headline": a.headline, "subheadline": a.subheadline,
        "byline": a.byline, "dateline": a.dateline,
        "editor_note": bool(a.editor_note), "lead": bool(a.lead),
        "paragraphs": sum(1 for p in body if not isinstance(p, Subhead)),
        "subheads": [p.subhead for p in body if isinstance(p, Subhead)],
        "characters": sum(len(p) for p in a.texts),
        "page": entry.home.page,
        "section": entry.home.section,
        "pages": sorted({p.page for p in entry.placements}),
        "regions": [{"page": p.page, "slot": p.region.slot, "order": p.region.order,
                     "href": p.href} for p in entry.placements],
        "jumps": [{"page": j.page, "kind": j.kind, "label": j.label,
                   "target": j.target.href} for j in entry.jumps],
        "photos": [{"file": w.file, "width": w.width if w.file else None,
                    "height": w.height if w.file else None, "caption": w.photo.caption,
                    "credit": w.photo.credit, "placeholder": w.file is None}
                   for w in photos],
        "previous": before.id if before else None,
        "next": after.id if after else None,
    }


def manifest(plan: Plan, images: dict[int, PageImages], photos: dict[str, list[WebPhoto]],
             base_url: str = "") -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "base_url": base_url,
        "coordinates": "polygon_pt, bbox_pt, box_pt: points from the top-left corner of the "
                       "page's trim box, y downwards (box: x, y, width, height); "
                       "polygon_px, box_px: pixels of the page image of that size; "
                       "trim_box: the trim box in the page PDF's user space (x0, y0, x1, y1)",
        "edition": {"name": plan.name, "date": plan.date.isoformat(),
                    "weekday": f"星期{WEEKDAYS[plan.date.weekday()]}",
                    "date_text": plan.date_text, "issue": plan.issue,
                    "language": plan.language, "pages": len(plan.pages),
                    "articles": len(plan.articles)},
        "files": {"index": "index.html", "search": "search.html",
                  "search_index": "data/search-index.js"},
        "reading_order": [a.id for a in plan.articles],
        "pages": [_page(p, images[p.number]) for p in plan.pages],
        "articles": [_article(plan, a, photos[a.id]) for a in plan.articles],
    }


def manifest_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

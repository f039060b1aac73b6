"""The static e-paper site of a composed edition, as files in memory: the build writes
them with the PDFs, all or nothing.

Everything is relative and local (no server, no network: it works from file:// and from
any static web server), and the same inputs give the same bytes.
"""

from __future__ import annotations

from importlib import resources

from layout.writers.epaper.article_page import article_page
from layout.writers.epaper.index_page import index_page
from layout.writers.epaper.manifest import (
    MANIFEST_FILE,
    manifest,
    manifest_bytes,
    pdf_file,
)
from layout.writers.epaper.page_view import page_view
from layout.writers.epaper.photos import article_photos
from layout.writers.epaper.plan import plan_site
from layout.writers.epaper.raster import render_page
from layout.writers.epaper.search import INDEX_FILE, search_index, search_script
from layout.writers.epaper.search_page import search_page

#: the folder of the site inside the build's output folder
SITE_DIR = "epaper"
ASSETS = ("epaper.css", "epaper.js", "search.js")


def page_pdf_name(number: int) -> str:
    """The name the build gives a page's PDF."""
    return f"page-{number:02d}.pdf"


def assets() -> dict[str, bytes]:
    """The style sheet and scripts shipped with the package."""
    folder = resources.files("layout.writers.epaper") / "assets"
    return {f"assets/{name}": (folder / name).read_bytes() for name in ASSETS}


def epaper_site(composed, pdfs: dict[str, bytes], base_url: str = "") -> dict[str, bytes]:
    """The site's files (paths under ``epaper/`` → bytes) for ``composed`` (a
    :class:`layout.build.Composed`) and its rendered PDFs (``page-NN.pdf`` → bytes).
    ``base_url``, when given, is where ``epaper/`` is published; it makes the canonical
    links and the JSON-LD URLs absolute."""
    plan = plan_site(composed)
    files: dict[str, bytes] = {}
    images = {}
    for page in plan.pages:
        pdf = pdfs[page_pdf_name(page.number)]
        images[page.number] = render_page(pdf, page.stem)
        for raster in images[page.number].sizes().values():
            files[raster.file] = raster.data
        files[pdf_file(page)] = pdf
    photos = {}
    for entry in plan.articles:
        photos[entry.id] = article_photos(entry.article, entry.base_dir)
        for photo in photos[entry.id]:
            if photo.file:
                files[photo.file] = photo.data
    files["index.html"] = index_page(plan, images)
    for page in plan.pages:
        files[page.file] = page_view(plan, page, images,
                                     len(pdfs[page_pdf_name(page.number)]))
    for entry in plan.articles:
        files[entry.file] = article_page(plan, entry, photos[entry.id], images, base_url)
    files["search.html"] = search_page(plan)
    files[INDEX_FILE] = search_script(search_index(plan))
    files[MANIFEST_FILE] = manifest_bytes(manifest(plan, images, photos, base_url))
    files.update(assets())
    return {f"{SITE_DIR}/{name}": files[name] for name in sorted(files)}

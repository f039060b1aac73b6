"""The e-paper edition (数字报): a static site built from the page model, the edition's
source and the page PDFs — page views with clickable article regions, article pages,
search and a machine-readable manifest."""

from layout.writers.epaper.site import SITE_DIR, epaper_site

__all__ = ["SITE_DIR", "epaper_site"]

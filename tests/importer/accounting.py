"""Where the characters of a page's text went: every field of every item, the labels the
styles print themselves, and the furniture lines."""

from __future__ import annotations

import re
from collections import Counter

from layout.importer.parse import ParsedItem, ParsedPage


def item_text(item: ParsedItem) -> str:
    """Every field of an item that holds page text."""
    parts = [item.kicker, item.headline, item.subheadline, item.byline, item.dateline,
             item.editor_note, item.lead, *item.labels]
    parts += [p if isinstance(p, str) else p.subhead for p in item.paragraphs]
    parts += [p.caption + p.credit for p in item.photos]
    return "".join(parts)


def page_ink(page: ParsedPage) -> Counter:
    """The non-whitespace characters of everything read from a page, counted."""
    text = "".join(item_text(i) for i in page.items) + "".join(f.text for f in page.furniture)
    return Counter(re.sub(r"\s+", "", text))

"""``import --explain``: every line of the page text with the role it was given, the item
it went to and the rule that decided, then the items and the page furniture."""

from __future__ import annotations

import unicodedata

from layout.importer.page import ParsedPage, make_id

#: Display columns of the text column of the table.
TEXT_COLUMNS = 28


def width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` display columns (with … when cut) and padded to them."""
    if width(text) > columns:
        out, used = [], 0
        for c in text:
            w = width(c)
            if used + w > columns - 1:
                break
            out.append(c)
            used += w
        text = "".join(out) + "…"
    return text + " " * (columns - width(text))


def explain(page: ParsedPage, source: str = "") -> str:
    """The explanation of how ``page`` was read, as text for a terminal."""
    ids = [make_id(item, n) for n, item in enumerate(page.items)]
    count = f"{len(page.items)} item{'s' if len(page.items) != 1 else ''}"
    out = [f"{source}: read as {page.language}, {count}" if source else
           f"read as {page.language}, {count}", "",
           f"{'line':>5}  {'role':<12}  {'item':<8}  {fit('text', TEXT_COLUMNS)}  why"]
    for block in page.blocks:
        item = ids[block.item] if block.item is not None else "-"
        out.append(f"{block.line:>5}  {block.role:<12}  {item:<8}  "
                   f"{fit(block.text, TEXT_COLUMNS)}  {block.why}")
    out += ["", "items:"]
    for ident, item in zip(ids, page.items):
        headline = item.headline or "(no headline)"
        parts = [f"{ident:<8} {item.kind:<8} line {item.line:<5} {headline}"]
        details = [f"{name} {value}" for name, value in (
            ("kicker", item.kicker), ("subheadline", item.subheadline),
            ("byline", f"{item.byline} ({item.byline_position})" if item.byline else ""),
            ("dateline", item.dateline)) if value]
        counts = []
        texts = len(item.texts)
        subheads = len(item.paragraphs) - texts
        if texts:
            counts.append(f"{texts} paragraph{'s' if texts > 1 else ''}")
        if subheads:
            counts.append(f"{subheads} subhead{'s' if subheads > 1 else ''}")
        if item.photos:
            counts.append(f"{len(item.photos)} picture{'s' if len(item.photos) > 1 else ''}")
        if item.editor_note:
            counts.append("editor's note")
        if item.lead:
            counts.append("lead")
        out.append("  ".join(parts + details + ([", ".join(counts)] if counts else [])))
    if page.header or page.footer or page.labels:
        out += ["", "page furniture:"]
        for key, value in page.header.items():
            out.append(f"  header {key}: {value}")
        for line in page.footer:
            out.append(f"  footer: {line}")
        for key, value in page.labels.items():
            out.append(f"  the text's {key}: {value} (not printed from the text: the page "
                       f"header prints it from the options)")
    return "\n".join(out) + "\n"

"""Editions for the build benchmark: N broadsheet pages made from the seed editions' text,
varied page by page, and the same content as a Typst document.

Every page takes the slot layout of one of the two broadsheet seed pages (the hand-placed
第2版 and the imported front page, alternately); its articles take the seed editions'
headlines and paragraphs in a rotation that differs per page and per slot, filled to the
length of the seed article the slot was made for, so that pages differ but read like the
seed pages.  Day 1 (a "new day") is the same edition with every ideograph replaced by
another common one (GB 2312 level 1) that day 0 does not use: the same metrics and line
breaks, a new character set.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT / "seeds" / name for name in
         ("laodong-2024-02-26", "laodong-jump", "stress", "imported")]
#: Broadsheet seed pages whose slot layouts the generated pages take in turn.
LAYOUTS = [ROOT / "seeds" / "laodong-2024-02-26" / "pages" / "p02.yaml",
           ROOT / "seeds" / "imported" / "pages" / "p02.yaml"]


@dataclass(frozen=True)
class Pool:
    """The seed editions' text: article paragraphs, headlines, bylines and photo texts."""

    paragraphs: tuple[str, ...]
    headlines: tuple[str, ...]
    banners: tuple[str, ...]
    bylines: tuple[str, ...]
    captions: tuple[str, ...]


def _articles(edition: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((edition / "articles").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["id"]] = data
    return out


def _unique(items) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)


def load_pool() -> Pool:
    paragraphs, headlines, banners, bylines, captions = [], [], [], [], []
    for seed in SEEDS:
        for art in _articles(seed).values():
            kind = art.get("kind", "article")
            texts = [p for p in art.get("paragraphs", ()) if isinstance(p, str)]
            if kind == "banner":
                banners.append(art.get("headline", ""))
            elif kind == "photo":
                captions.extend(texts)
                headlines.append(art.get("headline", ""))
            else:
                paragraphs.extend(texts)
                headlines.append(art.get("headline", ""))
                bylines.append(art.get("byline", ""))
    short = [h for h in _unique(headlines) if 8 <= len(h) <= 14]
    # banners: the seed's own, then pairs of short headlines read as one 通栏 line
    banners += [f"{a} {b}" for a, b in zip(short, short[1:] + short[:1])]
    return Pool(_unique(paragraphs), _unique(headlines), _unique(banners),
                _unique(bylines), _unique(captions))


def _length(art: dict) -> int:
    return sum(len(p) for p in art.get("paragraphs", ()) if isinstance(p, str))


def _rotate(items: tuple[str, ...], start: int, chars: int) -> list[str]:
    """Items from ``start`` on (wrapping) until they hold at least ``chars`` characters."""
    out, total, k = [], 0, 0
    while total < chars and k < len(items):
        item = items[(start + k) % len(items)]
        out.append(item)
        total += len(item)
        k += 1
    return out


def page_articles(pool: Pool, page: int) -> tuple[dict, list[dict]]:
    """The page spec and article files of generated page ``page`` (0-based)."""
    layout_path = LAYOUTS[page % len(LAYOUTS)]
    layout = yaml.safe_load(layout_path.read_text(encoding="utf-8"))
    seed_articles = _articles(layout_path.parents[1])
    articles, slots = [], []
    for s, slot in enumerate(layout["slots"]):
        seed = seed_articles[slot["article"]]
        kind = seed.get("kind", "article")
        ident = f"p{page + 1:02d}-{slot['name']}"
        turn = page * 7 + s * 3
        art: dict = {"id": ident, "kind": kind}
        if kind == "banner":
            art["headline"] = pool.banners[page % len(pool.banners)]
        elif kind == "photo":
            art["headline"] = pool.headlines[(turn + 5) % len(pool.headlines)]
            art["paragraphs"] = [pool.captions[turn % len(pool.captions)]]
            art["photos"] = [{"credit": p.get("credit", "")} for p in seed.get("photos", ())]
        else:
            art["headline"] = pool.headlines[turn % len(pool.headlines)]
            if seed.get("byline"):
                art["byline"] = pool.bylines[turn % len(pool.bylines)]
            art["paragraphs"] = _rotate(pool.paragraphs, turn, _length(seed) * 4 // 5)
        articles.append(art)
        slots.append({**slot, "article": ident})
    spec = {k: v for k, v in layout.items() if k != "slots"}
    spec.update(number=page + 1, size="broadsheet", slots=slots)
    return spec, articles


def gb2312_level1() -> list[str]:
    """The 3,755 common hanzi of GB 2312 level 1, in code order."""
    out = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                ch = bytes((row, cell)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            out.append(ch)
    return out


def _ideograph(ch: str) -> bool:
    return 0x4E00 <= ord(ch) <= 0x9FFF


def new_day(texts: list[str]) -> dict[str, str]:
    """A substitution of every ideograph in ``texts`` by a common one none of them uses."""
    used = sorted({ch for t in texts for ch in t if _ideograph(ch)})
    fresh = [ch for ch in gb2312_level1() if ch not in set(used)]
    return {ch: fresh[k % len(fresh)] for k, ch in enumerate(used)}


def _translate(value, table: dict[int, str]):
    if isinstance(value, str):
        return value.translate(table)
    if isinstance(value, list):
        return [_translate(v, table) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in ("id", "article", "name", "kind") else _translate(v, table))
                for k, v in value.items()}
    return value


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6),
                    encoding="utf-8")


def make_edition(folder: Path, pages: int, day: int = 0) -> Path:
    """Write an edition of ``pages`` broadsheet pages into ``folder``; ``day`` 1 swaps in
    a character set day 0 does not use.  Returns the edition folder."""
    pool = load_pool()
    made = [page_articles(pool, k) for k in range(pages)]
    if day:
        everything = [yaml.safe_dump(made, allow_unicode=True)]
        table = str.maketrans(new_day(everything))
        made = [(_translate(spec, table), [_translate(a, table) for a in arts])
                for spec, arts in made]
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    (folder / "articles").mkdir(exist_ok=True)
    for spec, arts in made:
        _dump(folder / "pages" / f"p{spec['number']:02d}.yaml", spec)
        for art in arts:
            _dump(folder / "articles" / f"{art['id']}.yaml", art)
    _dump(folder / "edition.yaml", {
        "name": "劳动午报", "date": "2024-02-26" if not day else "2024-02-27",
        "issue": f"基准 {pages} 版", "style": "newspaper", "fonts": "fonts",
        "pages": [f"pages/p{spec['number']:02d}.yaml" for spec, _ in made]})
    return folder


# --------------------------------------------------------------------------- Typst
#: Fonts of the Typst document: the body and headline families of the house style.
TYPST_FONT_DIRS = ["/usr/share/fonts/opentype/noto"]
_SIZES = {"banner": 40, "article": 22, "photo": 12}


def _typst_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_source(folder: Path) -> str:
    """A Typst document with the text, page size, column grid, sizes and fonts of the
    generated edition in ``folder``: each slot a block at its place, its body in columns."""
    from layout.spec.grid import resolve_grid
    from layout.spec.model import PageSpec

    grid = resolve_grid(PageSpec(number=1))
    edition = yaml.safe_load((folder / "edition.yaml").read_text(encoding="utf-8"))
    out = [
        f"#set page(width: {grid.width:.3f}pt, height: {grid.height:.3f}pt, margin: 0pt)",
        ('#set text(font: "Noto Serif CJK SC", size: 9pt, lang: "zh", region: "cn", '
         'top-edge: 0.88em, bottom-edge: -0.12em)'),
        (f"#set par(justify: true, first-line-indent: (amount: 2em, all: true), "
         f"leading: {grid.pitch - grid.body_size:.2f}pt, spacing: "
         f"{grid.pitch - grid.body_size:.2f}pt)"),
        ("#let slot(x, y, w, h, cols, hsize, head, byline, photo, paras) = place(top + left, "
         "dx: x, dy: y, block(width: w, height: h, clip: true, {"),
        '  align(center, text(font: "Noto Sans CJK SC", weight: "bold", size: hsize, head))',
        '  if byline != "" { text(font: "Noto Serif CJK SC", weight: "bold", byline) }',
        "  if photo { rect(width: 100%, height: h * 0.6, fill: luma(90%)) }",
        f"  columns(cols, gutter: {grid.gutter:.2f}pt, for p in paras {{ par(p) }})",
        "}))",
    ]
    for n, page_file in enumerate(edition["pages"]):
        if n:
            out.append("#pagebreak()")
        spec = yaml.safe_load((folder / page_file).read_text(encoding="utf-8"))
        for slot in spec["slots"]:
            art = yaml.safe_load((folder / "articles" / f"{slot['article']}.yaml")
                                 .read_text(encoding="utf-8"))
            x = grid.column_x(slot["column"] - 1)
            y = grid.line_top(slot["top"])
            w = grid.span_width(slot["span"])
            h = slot["height"] * grid.pitch
            paras = [p for p in art.get("paragraphs", ()) if isinstance(p, str)]
            body = "(" + "".join(_typst_str(p) + ", " for p in paras) + ")"
            out.append(f"#slot({x:.3f}pt, {y:.3f}pt, {w:.3f}pt, {h:.3f}pt, {slot['span']}, "
                       f"{_SIZES[art.get('kind', 'article')]}pt, "
                       f"{_typst_str(art.get('headline', ''))}, "
                       f"{_typst_str(art.get('byline', ''))}, "
                       f"{'true' if art.get('photos') else 'false'}, {body})")
    return "\n".join(out) + "\n"

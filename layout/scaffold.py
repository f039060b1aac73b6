"""A new edition that builds at once (``epaper new``): pages with their header (the front
page with its masthead), a lead and two stories on each, a picture on the front page and
an advert on the last, the style sheet and font set copied in so that the edition is
self-contained, and JSON Schemas with editor modelines.  The placeholder copy is fitted
to its slots by composing them, so the first build has nothing overset or underset."""

from __future__ import annotations

import datetime as _dt
import json
import math
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import yaml

from layout import scaffold_copy as copy
from layout.diagnostics import fail
from layout.spec.grid import MM, PageGrid, resolve_grid
from layout.spec.inputs import LIMITS
from layout.spec.model import FILE_KINDS, PageSpec, json_schema

SIZES = ("broadsheet", "tabloid")
#: Share of the grid lines the lead takes, and the advert band on the last page.
LEAD_SHARE, ADVERT_SHARE = 0.45, 0.25
#: Resolution of the generated picture and advert (print needs 300 ppi).
PICTURE_PPI = 320
SCHEMAS = "schemas"


@dataclass(frozen=True)
class NewEdition:
    """What ``new_edition`` made."""

    folder: Path
    size: str
    pages: int
    articles: int
    columns: int
    lines: int
    front_lines: int
    files: tuple[str, ...]


def new_edition(folder: Path, *, size: str = "broadsheet", pages: int = 4,
                name: str = "示例日报", date: _dt.date | None = None, library=None,
                progress: Callable[[str], None] = lambda message: None) -> NewEdition:
    """Write a new edition into ``folder`` (which must not exist, or be empty)."""
    folder = Path(folder)
    if size not in SIZES:
        raise fail("new-size", f"no page size {size!r}", hint=f"use {' or '.join(SIZES)}")
    if not 1 <= pages <= LIMITS.pages:
        raise fail("new-pages", f"an edition has 1 to {LIMITS.pages} pages, not {pages}",
                   hint="give --pages N")
    if not name.strip():
        raise fail("new-name", "the newspaper needs a name", hint="give --name 名称")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise fail("new-exists", f"{folder} already exists and is not empty", file=folder,
                   hint="give a new folder; epaper new never writes over files")
    date = date or _dt.date.today()
    written: list[str] = []

    def write(rel: str, text: str) -> None:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(rel)

    folder.mkdir(parents=True, exist_ok=True)
    _copy_defaults(folder, written)
    for kind in FILE_KINDS:
        write(f"{SCHEMAS}/{kind}.schema.json",
              json.dumps(json_schema(kind), ensure_ascii=False, indent=1) + "\n")
    write("edition.yaml", _edition_yaml(name, date, pages))
    plans = []
    for number in range(1, pages + 1):
        plan = _plan(number, size, pages)
        plans.append(plan)
        write(f"pages/p{number:02d}.yaml", _page_yaml(plan))
        for article in plan.articles:
            write(f"articles/{article['id']}.yaml", _article_yaml(article))
        if plan.picture:
            rel = f"images/{plan.picture[0]}"
            _picture(folder / rel, plan.picture[1])
            written.append(rel)
        if plan.advert:
            rel = f"images/{plan.advert[0]}"
            _advert(folder / rel, plan.advert[1])
            written.append(rel)
    progress("fitting the placeholder copy to its slots")
    _fit_copy(folder, library)
    front = plans[0].grid
    inner = plans[1].grid if len(plans) > 1 else front
    return NewEdition(folder, size, pages, sum(len(p.articles) for p in plans),
                      front.columns, inner.lines, front.lines, tuple(written))


# ------------------------------------------------------------------ files
def _modeline(kind: str, depth: int) -> str:
    up = "../" * depth
    return f"# yaml-language-server: $schema={up}{SCHEMAS}/{kind}.schema.json\n"


def _copy_defaults(folder: Path, written: list[str]) -> None:
    """The packaged style sheet and font set, copied in with their modelines."""
    from layout.spec.confine import packaged_folder
    for kind, name, schema in (("styles", "newspaper", "style"), ("fonts", "fonts", "fonts")):
        source = packaged_folder(kind)
        if source is None or not (source / f"{name}.yaml").is_file():
            raise fail("new-defaults", f"epaper's own {kind}/{name}.yaml is not installed",
                       hint="reinstall epaper")
        target = folder / kind / f"{name}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_modeline(schema, 1) + (source / f"{name}.yaml").read_text(
            encoding="utf-8"), encoding="utf-8")
        written.append(f"{kind}/{name}.yaml")
    readme = packaged_folder("fonts")
    if readme is not None and (readme / "README.md").is_file():
        shutil.copyfile(readme / "README.md", folder / "fonts" / "README.md")
        written.append("fonts/README.md")


def _edition_yaml(name: str, date: _dt.date, pages: int) -> str:
    page_list = "\n".join(f"  - pages/p{n:02d}.yaml" for n in range(1, pages + 1))
    return _modeline("edition", 0) + f"""\
# A new edition made by `epaper new`: replace the placeholder stories in
# articles/, move the slots in pages/ (`epaper build --proof` numbers the grid), and keep
# `epaper build --watch` running while you work.  `epaper keys` lists every key.
name: {name}
date: {date.isoformat()}
issue: 第1期
style: newspaper          # styles/newspaper.yaml, copied into this edition
fonts: fonts              # fonts/fonts.yaml
masthead:                 # 报头 of the front page (pages/p01.yaml asks for it)
  slogan: 城市生活的好帮手
  cn: CN11-0000           # 国内统一连续出版物号: the paper's own number
  issn: 0000-0000
  price: 1.00元
  website: www.example.cn
  lunar: true             # 农历 under the date
pages:
{page_list}
"""


@dataclass
class _Plan:
    number: int
    grid: PageGrid
    size: str
    section: str
    slots: list
    articles: list
    picture: tuple | None = None
    advert: tuple | None = None


SECTIONS = ("要闻", "城市", "民生", "文化", "体育", "副刊", "综合", "广告")


def _plan(number: int, size: str, pages: int) -> _Plan:
    """The slots of page ``number``: a lead across the page (on the front page with a
    picture), two stories side by side below, and on the last page of several an advert
    across the foot."""
    front = number == 1
    grid = resolve_grid(PageSpec(number=number, size=size, masthead=front))
    cols, lines = grid.columns, grid.lines
    advert = pages > 1 and number == pages
    ad_lines = round(lines * ADVERT_SHARE) if advert else 0
    lead_lines = round(lines * (LEAD_SHARE if not advert else LEAD_SHARE - 0.1))
    half = cols // 2
    ids = [f"p{number:02d}-lead", f"p{number:02d}-a", f"p{number:02d}-b"]
    plan = _Plan(number, grid, size, SECTIONS[(number - 1) % len(SECTIONS)] if
                 not advert or number != len(SECTIONS) else "综合", [], [])
    lead = {"name": "lead", "article": ids[0], "column": 1, "span": cols, "top": 0,
            "height": lead_lines}
    if front:
        photo_lines = round(lead_lines * 0.62)
        lead["photo"] = {"position": "top", "lines": photo_lines, "columns": half}
        width = half * grid.column_width + (half - 1) * grid.gutter
        plan.picture = ("p01-lead.jpg", (width, photo_lines * grid.pitch))
    rest = lines - lead_lines - ad_lines
    plan.slots = [lead,
                  {"name": "left", "article": ids[1], "column": 1, "span": half,
                   "top": lead_lines, "height": rest},
                  {"name": "right", "article": ids[2], "column": half + 1,
                   "span": cols - half, "top": lead_lines, "height": rest}]
    for k, ident in enumerate(ids):
        story = _story_of(ident)
        kicker, headline, sub = copy.STORIES[story % len(copy.STORIES)]
        article = {"id": ident, "kicker": kicker if k == 0 else "", "headline": headline,
                   "subheadline": sub if k == 0 else "",
                   "byline": f"本报讯（记者 {copy.REPORTERS[story % len(copy.REPORTERS)]}）",
                   "paragraphs": list(_paragraphs(story, 3))}
        if front and k == 0:
            article["photos"] = [{"file": "../images/p01-lead.jpg", "caption": copy.CAPTION,
                                  "credit": copy.CREDIT}]
        plan.articles.append(article)
    if advert:
        top = lines - ad_lines
        plan.slots.append({"name": "advert", "article": f"p{number:02d}-advert",
                           "column": 1, "span": cols, "top": top, "height": ad_lines})
        w, h = grid.right - grid.left, (ad_lines - 1) * grid.pitch
        plan.advert = (f"p{number:02d}-advert.jpg", (w, h))
        plan.articles.append({
            "id": f"p{number:02d}-advert", "kind": "advert",
            "photos": [{"file": f"../images/p{number:02d}-advert.jpg"}],
            "advert": {"width_mm": round(w / MM, 1), "height_mm": round(h / MM, 1),
                       "client": "广告客户"}})
    return plan


def _page_yaml(plan: _Plan) -> str:
    g = plan.grid
    what = "the front page, with the masthead (报头) above the slots" if plan.number == 1 \
        else "a page with its header (版头)"
    lines = [_modeline("page", 1).rstrip("\n"),
             f"# 第{plan.number}版: {what}.",
             f"# {plan.size}: {g.columns} columns of {g.column_chars} 字, grid lines 0-"
             f"{g.lines - 1}.  Slots give column (from 1), span,",
             "# top and height (grid lines from 0); `epaper build --proof` prints these "
             "numbers",
             "# in the margins.",
             f"number: {plan.number}", f"section: {plan.section}", f"size: {plan.size}"]
    if plan.number == 1:
        lines.append("masthead: true")
    lines += ["header: {editor: 王晓, designer: 李宁, proofreader: 张洁}", "slots:"]
    for slot in plan.slots:
        parts = ", ".join(f"{k}: {_flow(v)}" for k, v in slot.items())
        lines.append(f"  - {{{parts}}}")
    return "\n".join(lines) + "\n"


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return str(value)


def _article_yaml(article: dict) -> str:
    data = {k: v for k, v in article.items() if v != ""}
    return _modeline("article", 1) + "# Placeholder copy made by `epaper new`: replace it.\n" + \
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


# ------------------------------------------------------------------ pictures
def _pixels(size_pt: tuple[float, float]) -> tuple[int, int]:
    return (math.ceil(size_pt[0] / 72 * PICTURE_PPI), math.ceil(size_pt[1] / 72 * PICTURE_PPI))


def _picture(path: Path, size_pt: tuple[float, float]) -> None:
    """A city at dusk drawn with Pillow, at 320 ppi for the photo area: sky, sun, a
    skyline with lit windows, an elevated railway and a train."""
    from PIL import Image, ImageDraw
    w, h = _pixels(size_pt)
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    for y in range(h):
        t = y / h
        d.line([(0, y), (w, y)], fill=(int(70 + 150 * t), int(110 + 70 * t), int(190 - 60 * t)))
    r = h // 7
    d.ellipse([w * 0.68 - r, h * 0.3 - r, w * 0.68 + r, h * 0.3 + r], fill=(250, 210, 120))
    import random
    rng = random.Random(7)
    x = 0
    while x < w:
        bw = rng.randint(w // 22, w // 9)
        top = rng.randint(int(h * 0.25), int(h * 0.6))
        shade = rng.randint(40, 80)
        d.rectangle([x, top, x + bw, h], fill=(shade, shade + 8, shade + 25))
        for wy in range(top + h // 40, h - h // 5, h // 28):
            for wx in range(x + bw // 8, x + bw - bw // 8, max(4, bw // 6)):
                if rng.random() < 0.45:
                    d.rectangle([wx, wy, wx + bw // 14, wy + h // 70], fill=(255, 220, 140))
        x += bw + rng.randint(0, w // 60)
    deck = int(h * 0.78)
    d.rectangle([0, deck, w, deck + h // 30], fill=(120, 120, 130))
    for px in range(0, w, w // 7):
        d.rectangle([px, deck, px + w // 60, h], fill=(100, 100, 110))
    car = (w // 4, deck - h // 12)
    for k in range(3):
        x0 = car[0] + k * (w // 6)
        d.rounded_rectangle([x0, car[1], x0 + w // 6 - w // 120, deck - 2], radius=h // 60,
                            fill=(230, 235, 240))
        d.rectangle([x0, car[1] + h // 50, x0 + w // 6 - w // 120, car[1] + h // 30],
                    fill=(200, 40, 50))
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, quality=88, dpi=(PICTURE_PPI, PICTURE_PPI))


def _advert(path: Path, size_pt: tuple[float, float]) -> None:
    """A placeholder advert, separated for newsprint: a CMYK JPEG at 320 ppi, its black
    type on K only, its colour well under the ink limit."""
    from PIL import Image, ImageDraw
    w, h = _pixels(size_pt)
    im = Image.new("CMYK", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    border = max(4, h // 60)
    d.rectangle([0, 0, w - 1, h - 1], outline=(0, 0, 0, 255), width=border)
    d.rectangle([border * 3, border * 3, w // 3, h - border * 3], fill=(230, 80, 0, 0))
    x = w // 3 + w // 20
    room = w - x - border * 6
    font = _font(h // 5, copy.ADVERT_LINES[0], room)
    small = _font(h // 9, copy.ADVERT_LINES[1], room)
    label = _font(h // 5, "广告", w // 3 - border * 10)
    if font is not None and small is not None and label is not None:
        d.text((x, h // 5), copy.ADVERT_LINES[0], font=font, fill=(0, 0, 0, 255))
        d.text((x, h // 5 + h // 3), copy.ADVERT_LINES[1], font=small, fill=(230, 80, 0, 0))
        d.text((border * 8, h // 2 - h // 10), "广告", font=label, fill=(0, 0, 0, 0))
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, quality=90, dpi=(PICTURE_PPI, PICTURE_PPI))


def _font(size: int, text: str, room: int):
    """A CJK face fontconfig finds, at ``size`` pixels or smaller so that ``text`` is at
    most ``room`` pixels wide; None when there is none."""
    from PIL import ImageFont
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", "Noto Sans CJK SC:bold"],
                             capture_output=True, text=True, timeout=30, check=False).stdout
        file, index = out.splitlines()[:2]
        font = ImageFont.truetype(file, max(8, size), index=int(index or 0))
        width = font.getlength(text)
        if width > room:
            font = ImageFont.truetype(file, max(8, int(size * room / width)),
                                      index=int(index or 0))
        return font
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


# ------------------------------------------------------------------ fitting the copy
def _fit_copy(folder: Path, library) -> None:
    """Each story's placeholder text made as long as its slot holds: whole sentences while
    they fit, then short ones to the foot, each length tried by composing the slot."""
    from layout.compose.context import Context
    from layout.compose.copyfit import chars_per_line
    from layout.compose.slot import compose_slot
    from layout.diagnostics import Sink
    from layout.fonts import FontLibrary
    from layout.fonts.edition import resolve_chains
    from layout.spec.load import load_edition
    edition = load_edition(folder)
    chains = resolve_chains(edition, library or FontLibrary())
    for page in edition.pages:
        ctx = Context(edition.style, chains, Sink(), page.grid)
        for slot in page.slots:
            article = edition.articles[slot.article]
            if article.kind != "article":
                continue
            base = Path(article.where.file).parent
            story = _story_of(article.id)

            def report(n: int, fillers: int = 0, story=story, slot=slot, article=article,
                       base=base):
                body = _paragraphs(story, n, fillers)
                return compose_slot(ctx, page.number, slot, replace(article, paragraphs=body),
                                    base, hints=False).report
            n = _most_sentences(report, chars_per_line(ctx, slot, slot.columns or slot.span))
            fillers = 0
            while fillers < len(copy.FILLERS) and not report(n, fillers + 1).overset_lines:
                fillers += 1
            text = Path(article.where.file).read_text(encoding="utf-8")
            data = yaml.safe_load(text)
            data["paragraphs"] = list(_paragraphs(story, n, fillers))
            Path(article.where.file).write_text(_article_yaml(data), encoding="utf-8")


def _most_sentences(report, cpl: int) -> int:
    """The most sentences of the pool that the slot holds (``report(n)`` composes it with
    ``n``): from an estimate by its capacity, grown by what stays empty, cut back by what
    overflows, and bisected."""
    average = sum(map(len, copy.SENTENCES)) / len(copy.SENTENCES)
    first = report(1)
    n = max(1, int(first.capacity * cpl * 0.8 / average))
    lo, hi = 0, None               # the most known to fit, the fewest known to overflow
    for _ in range(40):
        r = report(n)
        if r.overset_lines:
            hi = n
        else:
            lo = n
        if hi is not None and hi - lo <= 1:
            break
        if hi is None:
            n = lo + max(1, int((r.capacity - r.lines_set) * cpl * 0.7 / average))
        elif lo == 0:
            n = max(1, min(hi - 1, n - math.ceil(r.overset_chars / average)))
        else:
            n = (lo + hi) // 2
    return max(lo, 1)


def _story_of(ident: str) -> int:
    """A story number from the article id (p03-a → the page's second story)."""
    page, _, which = ident.partition("-")
    return (int(page[1:]) - 1) * 3 + {"lead": 0, "a": 1, "b": 2}.get(which, 0)


def _paragraphs(story: int, n: int, fillers: int = 0) -> tuple[str, ...]:
    """``n`` sentences of the pool from the story's own place in it, in paragraphs of
    two (the first) and three, with ``fillers`` short sentences ending the last."""
    pool = copy.SENTENCES
    start = story * 7
    sentences = [pool[(start + k) % len(pool)] for k in range(n)]
    paragraphs, k = [], 0
    while k < len(sentences):
        size = 2 if not paragraphs else 3
        paragraphs.append("".join(sentences[k:k + size]))
        k += size
    if fillers:
        extra = "".join(copy.FILLERS[(story + j) % len(copy.FILLERS)] for j in range(fillers))
        paragraphs[-1] += extra
    return tuple(paragraphs)

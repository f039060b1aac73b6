"""The page view (版面): the page image with its article regions as an SVG overlay scaled
with the image (hover highlights, click opens the article, jump lines lead to the other
page), an image-map fallback, 上一版 / 下一版, the articles of the page, the page list and
the page PDF."""

from __future__ import annotations

from layout.writers.epaper.manifest import box_px, pdf_file, to_px
from layout.writers.epaper.markup import attrs, document, esc, footer, masthead
from layout.writers.epaper.plan import Plan, SitePage, href, page_label
from layout.writers.epaper.raster import PageImages

#: how far a jump line's hot spot reaches beyond the line, in pt
JUMP_PAD = 2.0


def num(value: float) -> str:
    """A coordinate as written in SVG and the manifest (two decimals at most)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def points(polygon: list[list[float]]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in polygon)


def _size(data_len: int) -> str:
    return f"{data_len / 1048576:.1f} MB" if data_len >= 1048576 else \
        f"{max(1, round(data_len / 1024))} KB"


def overlay(plan: Plan, site_page: SitePage, images: PageImages) -> str:
    """The SVG of the page's regions and jump lines, in pixels of the screen image."""
    screen = images.screen
    shapes = []
    for p in site_page.placements:
        entry = plan.article(p.region.article)
        shapes.append(
            f'<a href="{href(entry.file)}" id="{esc(p.anchor)}" class="region '
            f'kind-{esc(p.region.kind)}" data-article="{esc(entry.id)}">'
            f"<title>{esc(entry.title)}</title>"
            f'<polygon points="{points(to_px(p.region.polygon, screen))}"/></a>')
    for j in site_page.jumps:
        x, y, w, h = j.box
        bx, by, bw, bh = box_px((x - JUMP_PAD, y - JUMP_PAD, w + 2 * JUMP_PAD,
                                 h + 2 * JUMP_PAD), screen)
        shapes.append(
            f'<a href="{j.target.href}" class="jump {esc(j.kind)}" data-article="'
            f'{esc(j.article)}"><title>{esc(j.label)}</title>'
            f'<rect x="{num(bx)}" y="{num(by)}" width="{num(bw)}" height="{num(bh)}"/></a>')
    return (f'<svg class="regions" viewBox="0 0 {screen.width} {screen.height}" '
            f'preserveAspectRatio="none" role="group" aria-label="本版文章">'
            + "".join(shapes) + "</svg>")


def image_map(plan: Plan, site_page: SitePage, images: PageImages) -> str:
    """<map> areas for the screen image (used where the overlay is not shown)."""
    screen = images.screen
    areas = []
    for j in site_page.jumps:
        bx, by, bw, bh = box_px(j.box, screen)
        areas.append(f'<area shape="rect" coords="{round(bx)},{round(by)},{round(bx + bw)},'
                     f'{round(by + bh)}" href="{j.target.href}" alt="{esc(j.label)}">')
    for p in site_page.placements:
        entry = plan.article(p.region.article)
        coords = ",".join(str(round(v)) for xy in to_px(p.region.polygon, screen)
                          for v in xy)
        areas.append(f'<area shape="poly" coords="{coords}" href="{href(entry.file)}" '
                     f'alt="{esc(entry.title)}">')
    return f'<map name="map-{site_page.stem}">' + "".join(areas) + "</map>"


def _toc(plan: Plan, site_page: SitePage) -> str:
    items = []
    for n, p in enumerate(site_page.placements, 1):
        entry = plan.article(p.region.article)
        a = entry.article
        kicker = f'<span class="kicker">{esc(a.kicker)}</span>' if a.kicker else ""
        tag = {"photo": "图片", "banner": "通栏"}.get(a.kind, "")
        tag = f'<span class="tag">{tag}</span>' if tag else ""
        jumps = "".join(f' <a class="jumplink" href="{j.target.href}">{esc(j.label)}</a>'
                        for j in site_page.jumps if j.article == a.id)
        items.append(f'<li data-article="{esc(a.id)}"><span class="n">{n}</span>'
                     f'<div>{kicker}<a class="headline" href="{href(entry.file)}">'
                     f'{esc(entry.title)}</a>{tag}{jumps}</div></li>')
    if not items:
        return '<p class="empty">本版没有文章。</p>'
    return '<ol class="toc">' + "".join(items) + "</ol>"


def page_list(plan: Plan, current: int | None, images: dict[int, PageImages]) -> str:
    """Thumbnails of every page with 版次 and 版名."""
    items = []
    for p in plan.pages:
        thumb = images[p.number].thumb
        here = attrs(aria_current="page" if p.number == current else None)
        items.append(f'<li><a href="{href(p.file)}"{here}><img src="{thumb.file}" '
                     f'width="{thumb.width}" height="{thumb.height}" loading="lazy" '
                     f'alt=""><span><b>第{p.number:02d}版</b>{esc(p.page.section)}</span>'
                     f'</a></li>')
    return '<ol class="thumbs">' + "".join(items) + "</ol>"


def page_view(plan: Plan, site_page: SitePage, images: dict[int, PageImages],
              pdf_size: int) -> bytes:
    mine = images[site_page.number]
    screen, high = mine.screen, mine.high
    before, after = plan.neighbours(plan.pages, site_page)
    prev = (f'<a class="prev" rel="prev" href="{href(before.file)}">上一版</a>' if before
            else '<span class="prev" aria-disabled="true">上一版</span>')
    nxt = (f'<a class="next" rel="next" href="{href(after.file)}">下一版</a>' if after
           else '<span class="next" aria-disabled="true">下一版</span>')
    label = site_page.label
    body = f"""{masthead(plan, site_page.number)}
<main class="wrap pageview">
<section class="sheet-pane" aria-label="{esc(label)}">
<div class="sheet-head">{prev}<h1>{esc(label)}</h1>{nxt}</div>
<div class="sheet-scroll"><div class="sheet" style="--aspect: {screen.width / screen.height:.4f}; aspect-ratio: {screen.width} / {screen.height}">
<img src="{screen.file}" srcset="{screen.file} {screen.width}w, {high.file} {high.width}w" sizes="(max-width: 960px) 100vw, 720px" width="{screen.width}" height="{screen.height}" usemap="#map-{site_page.stem}" alt="{esc(plan.name)} {esc(plan.date_text)} {esc(label)}">
{overlay(plan, site_page, mine)}
</div></div>
{image_map(plan, site_page, mine)}
<p class="sheet-tools">
<a class="pdf" href="{pdf_file(site_page)}" download>下载本版 PDF <small>{_size(pdf_size)}</small></a>
<a class="hires" href="{high.file}">高清大图</a>
<button type="button" class="zoom" aria-pressed="false" hidden>放大版面</button>
</p>
</section>
<aside class="sidebar">
<section class="panel"><h2>本版标题</h2>{_toc(plan, site_page)}</section>
</aside>
<nav class="rail panel" aria-label="版面导航"><h2>版面导航</h2>{page_list(plan, site_page.number, images)}</nav>
</main>
{footer(plan)}"""
    title = f"{page_label(site_page.number, site_page.page.section)} - {plan.name} " \
            f"{plan.date.isoformat()}"
    return document(plan, title=title, body=body, kind="page-view",
                    description=f"{plan.name} {plan.date_text} {label}",
                    scripts=("assets/epaper.js",))

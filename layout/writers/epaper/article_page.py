"""The article page: one article set from its source — 引题 / 主题 / 副题, byline,
editor's note, lead, the body with its subheads and dateline, the pictures with captions
and credits — with the 下转 / 上接 marks where the print text passes to another page, the
article's place on its page(s), the other articles of the page and the previous and next
article of the edition."""

from __future__ import annotations

from layout.spec.model import Subhead
from layout.writers.epaper.jsonld import news_article
from layout.writers.epaper.manifest import to_px
from layout.writers.epaper.markup import document, esc, footer, json_script, masthead
from layout.writers.epaper.page_view import points
from layout.writers.epaper.photos import WebPhoto
from layout.writers.epaper.plan import Plan, SiteArticle, Split, href, page_label
from layout.writers.epaper.raster import PageImages


def _mark(split: Split, block: bool) -> str:
    """The 下转第N版 / 上接第N版 pair where the print text changes page."""
    links = [f'<a href="{split.on.target.href}">{esc(split.on.label)}</a>']
    if split.back is not None:
        links.append(f'<a href="{split.back.target.href}">{esc(split.back.label)}</a>')
    tag = "p" if block else "span"
    return f'<{tag} class="jump-mark" role="note">' + "".join(links) + f"</{tag}>"


def _figure(photo: WebPhoto, headline: str) -> str:
    caption = esc(photo.photo.caption)
    credit = f'<span class="credit">{esc(photo.photo.credit)}</span>' \
        if photo.photo.credit else ""
    text = f"<figcaption>{caption}{credit}</figcaption>" if caption or credit else ""
    if photo.file is None:
        return f'<figure class="photo placeholder"><div class="frame" role="img" ' \
               f'aria-label="图片">图片</div>{text}</figure>'
    alt = photo.photo.caption or headline
    return (f'<figure class="photo"><img src="{photo.file}" width="{photo.width}" '
            f'height="{photo.height}" alt="{esc(alt)}" loading="lazy" decoding="async">'
            f"{text}</figure>")


def _body(entry: SiteArticle) -> str:
    """Paragraphs and subheads in order, the dateline run in at the first paragraph, the
    jump marks at the print text's page breaks."""
    a = entry.article
    splits = {s.item: s for s in entry.splits}
    out, dateline = [], a.dateline
    for k, item in enumerate(a.paragraphs):
        split = splits.get(k)
        if split is not None and split.offset == 0:
            out.append(_mark(split, block=True))
        if isinstance(item, Subhead):
            out.append(f'<h2 class="subhead">{esc(item.subhead)}</h2>')
            continue
        if split is not None and split.offset > 0:
            text = esc(item[:split.offset]) + _mark(split, block=False) + \
                esc(item[split.offset:])
        else:
            text = esc(item)
        if dateline:
            text = f'<span class="dateline">{esc(dateline)}</span>{text}'
            dateline = ""
        out.append(f"<p>{text}</p>")
    if dateline:
        out.insert(0, f'<p><span class="dateline">{esc(dateline)}</span></p>')
    return "\n".join(out)


def _locator(plan: Plan, entry: SiteArticle, images: dict[int, PageImages]) -> str:
    """Each page the article is printed on: its thumbnail with the article's region
    marked, linking to the region in the page view."""
    cards = []
    for p in entry.placements:
        thumb = images[p.page].thumb
        polygon = points(to_px(p.region.polygon, thumb))
        cards.append(
            f'<a class="locator" href="{p.href}"><span class="mini" style="aspect-ratio: '
            f'{thumb.width} / {thumb.height}"><img src="{thumb.file}" width="{thumb.width}" '
            f'height="{thumb.height}" alt="">'
            f'<svg viewBox="0 0 {thumb.width} {thumb.height}" preserveAspectRatio="none" '
            f'aria-hidden="true"><polygon points="{polygon}"/></svg></span>'
            f'<span class="where">{esc(page_label(p.page, p.section))}<small>在版面中查看'
            f'</small></span></a>')
    return "".join(cards)


def _others(plan: Plan, entry: SiteArticle) -> str:
    page = next(sp for sp in plan.pages if sp.number == entry.home.page)
    items, seen = [], {entry.id}
    for p in page.placements:
        other = plan.article(p.region.article)
        if other.id not in seen:
            seen.add(other.id)
            items.append(f'<li><a href="{href(other.file)}">{esc(other.title)}</a></li>')
    return '<ul class="others">' + "".join(items) + "</ul>" if items else ""


def _printed(entry: SiteArticle) -> str:
    """刊于第01版：要闻 (下转第02版：工会新闻)."""
    first = entry.home
    parts = [f'刊于<a href="{first.href}">{esc(page_label(first.page, first.section))}</a>']
    for p in entry.placements[1:]:
        parts.append(f'转<a href="{p.href}">{esc(page_label(p.page, p.section))}</a>')
    return '<p class="printed">' + "，".join(parts) + "</p>"


def article_page(plan: Plan, entry: SiteArticle, photos: list[WebPhoto],
                 images: dict[int, PageImages], base_url: str = "") -> bytes:
    a = entry.article
    home = entry.home
    before, after = plan.neighbours(plan.articles, entry)
    head = []
    if a.kicker:
        head.append(f'<p class="kicker">{esc(a.kicker)}</p>')
    head.append(f'<h1 class="headline">{esc(a.headline or entry.title)}</h1>')
    if a.subheadline:
        head.append(f'<p class="subheadline">{esc(a.subheadline)}</p>')
    if a.byline:
        head.append(f'<p class="byline">{esc(a.byline)}</p>')
    head.append(_printed(entry))
    parts = []
    if a.editor_note:
        parts.append(f'<aside class="editor-note"><b>编者按</b>{esc(a.editor_note)}</aside>')
    figures = "".join(_figure(w, a.headline) for w in photos)
    if a.kind == "photo":
        parts.append(figures)
    if a.lead:
        parts.append(f'<p class="lead">{esc(a.lead)}</p>')
    if a.kind != "photo":
        parts.append(figures)
    body = _body(entry)
    parts.append(f'<div class="story-body">{body}</div>' if body else "")
    prevnext = []
    if before:
        prevnext.append(f'<a class="prev" rel="prev" href="{href(before.file)}"><small>上一篇'
                        f'</small>{esc(before.title)}</a>')
    if after:
        prevnext.append(f'<a class="next" rel="next" href="{href(after.file)}"><small>下一篇'
                        f'</small>{esc(after.title)}</a>')
    others = _others(plan, entry)
    others = f'<section class="panel"><h2>本版其他文章</h2>{others}</section>' \
        if others else ""
    label = page_label(home.page, home.section)
    html_body = f"""{masthead(plan, home.page)}
<main class="wrap articleview">
<article class="story" id="story">
<nav class="crumbs" aria-label="位置"><a href="index.html">本期目录</a><span>›</span><a href="{home.href}">{esc(label)}</a></nav>
<header class="story-head">
{"".join(head)}
</header>
{"".join(parts)}
</article>
<aside class="sidebar">
<section class="panel"><h2>版面位置</h2>{_locator(plan, entry, images)}</section>
{others}
</aside>
<nav class="prevnext" aria-label="上一篇和下一篇">{"".join(prevnext)}</nav>
</main>
{footer(plan)}"""
    description = next((t for t in (a.lead, *a.texts) if t), a.headline)[:120]
    url = f"{base_url.rstrip('/')}/{href(entry.file)}" if base_url else ""
    ld = news_article(plan, entry, photos, base_url)
    return document(plan, title=f"{entry.title} - {plan.name} {label}", body=html_body,
                    kind="article-view", description=description, canonical=url,
                    head=json_script(ld) + "\n", scripts=("assets/epaper.js",))

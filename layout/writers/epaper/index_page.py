"""The edition's front door (本期目录): masthead, date with weekday and issue, the front
page's lead story, and every page as a thumbnail with 版次, 版名 and its headlines."""

from __future__ import annotations

from layout.writers.epaper.markup import document, esc, footer, masthead
from layout.writers.epaper.plan import Plan, href
from layout.writers.epaper.raster import PageImages


def _lead(plan: Plan) -> str:
    """The first article of the edition that has text: its headline and opening."""
    for entry in plan.articles:
        a = entry.article
        text = a.lead or next(iter(a.texts), "")
        if a.kind == "article" and text:
            more = "……" if len(text) > 90 else ""
            kicker = f'<p class="kicker">{esc(a.kicker)}</p>' if a.kicker else ""
            return (f'<section class="lead-story">{kicker}<h2><a href="{href(entry.file)}">'
                    f'{esc(entry.title)}</a></h2><p>{esc(text[:90])}{more}</p>'
                    f'<p class="more"><a href="{href(entry.file)}">阅读全文</a> · '
                    f'<a href="{entry.home.href}">看版面</a></p></section>')
    return ""


def index_page(plan: Plan, images: dict[int, PageImages]) -> bytes:
    cards = []
    for p in plan.pages:
        thumb = images[p.number].thumb
        seen, heads = set(), []
        for placement in p.placements:
            entry = plan.article(placement.region.article)
            if entry.id not in seen:
                seen.add(entry.id)
                heads.append(f'<li><a href="{href(entry.file)}">{esc(entry.title)}</a></li>')
        heads_html = f'<ul>{"".join(heads)}</ul>' if heads else '<p class="empty">本版没有文章</p>'
        cards.append(
            f'<li class="card"><a class="thumb" href="{href(p.file)}"><img src="{thumb.file}" '
            f'width="{thumb.width}" height="{thumb.height}" alt="{esc(p.label)}" '
            f'loading="lazy"></a><h2><a href="{href(p.file)}"><b>第{p.number:02d}版</b>'
            f'{esc(p.page.section)}</a></h2>{heads_html}</li>')
    issue = f'<span class="issue">{esc(plan.issue)}</span>' if plan.issue else ""
    first = plan.pages[0].file if plan.pages else "index.html"
    body = f"""{masthead(plan)}
<main class="wrap edition-index">
<section class="issue-head">
<h1><span class="date">{esc(plan.date_text)}</span>{issue}</h1>
<p>本期共 {len(plan.pages)} 版 · {len(plan.articles)} 篇 · <a class="start" href="{href(first)}">从头版读起</a></p>
</section>
{_lead(plan)}
<ol class="pages-grid">{"".join(cards)}</ol>
</main>
{footer(plan)}"""
    return document(plan, title=f"{plan.name} {plan.date_text}", body=body,
                    kind="edition-index", description=f"{plan.name} {plan.date_text} 数字报")

"""schema.org ``NewsArticle`` data for each article page: headline, print edition, page and
section, date, publisher and the issue it is part of."""

from __future__ import annotations

from layout.writers.epaper.photos import WebPhoto
from layout.writers.epaper.plan import Plan, SiteArticle, href


def _url(base_url: str, path: str) -> str:
    return f"{base_url.rstrip('/')}/{path}" if base_url else path


def news_article(plan: Plan, entry: SiteArticle, photos: list[WebPhoto],
                 base_url: str = "") -> dict:
    a = entry.article
    home = entry.home
    pages = sorted({p.page for p in entry.placements})
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.headline or entry.title,
    }
    alternative = a.subheadline or a.kicker
    if alternative:
        data["alternativeHeadline"] = alternative
    data.update({
        "datePublished": plan.date.isoformat(),
        "inLanguage": plan.language,
        "printEdition": plan.issue or plan.date.isoformat(),
        "printPage": str(home.page),
        "printSection": home.section,
        "pageStart": pages[0],
        "pageEnd": pages[-1],
    })
    if home.section:
        data["articleSection"] = home.section
    if a.byline:
        data["creditText"] = a.byline
    if a.dateline:
        data["dateline"] = a.dateline
    pictures = [_url(base_url, w.file) for w in photos if w.file]
    if pictures:
        data["image"] = pictures
    data["url"] = _url(base_url, href(entry.file))
    data["publisher"] = {"@type": "Organization", "name": plan.name}
    issue = {"@type": "PublicationIssue", "datePublished": plan.date.isoformat(),
             "isPartOf": {"@type": "Periodical", "name": plan.name}}
    if plan.issue:
        issue["issueNumber"] = plan.issue
    data["isPartOf"] = issue
    return data

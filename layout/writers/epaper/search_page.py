"""The search page (检索): the query from ``search.html?q=…`` looked up in the prebuilt
index by assets/search.js, results linking to the article pages."""

from __future__ import annotations

from layout.writers.epaper.markup import document, footer, masthead
from layout.writers.epaper.plan import Plan
from layout.writers.epaper.search import INDEX_FILE


def search_page(plan: Plan) -> bytes:
    body = f"""{masthead(plan)}
<main class="wrap search-view">
<h1>检索本期</h1>
<p class="status" id="status" aria-live="polite">在本期 {len(plan.articles)} 篇文章中检索标题和正文。</p>
<ol class="results" id="results"></ol>
<noscript><p class="status">检索需要浏览器启用 JavaScript；也可从<a href="index.html">本期目录</a>浏览各版。</p></noscript>
</main>
{footer(plan)}"""
    return document(plan, title=f"检索 - {plan.name} {plan.date_text}", body=body,
                    kind="search-view", scripts=(INDEX_FILE, "assets/search.js"))

"""HTML shared by every page of the e-paper site: escaping, the document shell, the
masthead with the page bar and search box, and the footer."""

from __future__ import annotations

import html
import json

from layout.writers.epaper.plan import Plan, href


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def attrs(**values) -> str:
    """` name="value"` pairs (None and False left out, True as a bare name; a trailing _
    is dropped, other _ become -)."""
    out = []
    for name, value in values.items():
        name = name.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return "".join(out)


def json_script(data: dict, kind: str = "application/ld+json") -> str:
    """Data in a <script> element; '<' escaped so that no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return f'<script type="{kind}">\n{text}\n</script>'


def masthead(plan: Plan, current: int | None = None, search: str = "") -> str:
    """The newspaper's name, the date and issue, the search box and the page bar (版面)."""
    issue = f'<span class="issue">{esc(plan.issue)}</span>' if plan.issue else ""
    pages = "".join(
        f'<li><a href="{href(p.file)}"{attrs(aria_current="page" if p.number == current else None)}>'
        f'<b>{p.number:02d}</b>{esc(p.page.section) or "版"}</a></li>'
        for p in plan.pages)
    return f"""<header class="masthead">
<div class="topbar"><div class="wrap">
<span class="edition-kind">数字报</span>
<span class="date">{esc(plan.date_text)}</span>{issue}
</div></div>
<div class="wrap brand">
<a class="title" href="index.html">{esc(plan.name)}</a>
<form class="search" action="search.html" method="get" role="search">
<input type="search" name="q" value="{esc(search)}" placeholder="搜索本期文章" aria-label="搜索本期文章" autocomplete="off">
<button type="submit">搜索</button>
</form>
</div>
<nav class="pagebar" aria-label="版面导航"><div class="wrap"><ol>{pages}</ol></div></nav>
</header>"""


def footer(plan: Plan) -> str:
    issue = f" {esc(plan.issue)}" if plan.issue else ""
    return f"""<footer class="colophon"><div class="wrap">
<p>{esc(plan.name)} {esc(plan.date_text)}{issue} · 共{len(plan.pages)}版</p>
<p><a href="index.html">本期目录</a> · <a href="search.html">检索</a> · <a href="epaper.json">数据</a></p>
</div></footer>"""


def document(plan: Plan, *, title: str, body: str, kind: str, description: str = "",
             head: str = "", scripts: tuple[str, ...] = (), canonical: str = "") -> bytes:
    """A complete HTML page of the site (every link relative: it works from file://)."""
    meta = f'\n<meta name="description" content="{esc(description)}">' if description else ""
    link = f'\n<link rel="canonical" href="{esc(canonical)}">' if canonical else ""
    tags = "".join(f'\n<script src="{esc(s)}" defer></script>'
                   for s in scripts)
    text = f"""<!DOCTYPE html>
<html lang="{esc(plan.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>{meta}{link}
<meta name="generator" content="epaper">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/epaper.css">{tags}
{head}</head>
<body class="{esc(kind)}">
{body}
</body>
</html>
"""
    return text.encode("utf-8")

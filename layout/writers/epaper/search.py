"""The edition's search index, built once and searched in the browser.

Chinese is written without spaces, so there are no words to index: every article's text is
reduced to its letters and digits (NFKC, lower case; punctuation and spaces dropped, the
same per character in Python and in JavaScript) and indexed by character bigrams, plus
single characters for one-character queries.  A query is cut the same way; the articles
holding all its bigrams are then checked for the whole phrase in their text.
"""

from __future__ import annotations

import json
import unicodedata

from layout.spec.model import Subhead
from layout.writers.epaper.plan import Plan, href, page_label

INDEX_FILE = "data/search-index.js"


def fold(ch: str) -> str:
    """What one character contributes to the searchable text ('' for punctuation and
    spaces).  JavaScript: ``c.normalize('NFKC').toLowerCase()`` filtered by
    ``/[\\p{L}\\p{N}]/u``."""
    out = unicodedata.normalize("NFKC", ch).lower()
    return "".join(c for c in out if unicodedata.category(c)[0] in "LN")


def searchable(text: str) -> str:
    return "".join(fold(ch) for ch in text)


def grams(text: str) -> set[str]:
    """Single characters and bigrams of the searchable text."""
    s = searchable(text)
    return set(s) | {s[k:k + 2] for k in range(len(s) - 1)}


def article_text(article) -> tuple[str, str]:
    """An article's (head, body) text in reading order: 引题 主题 副题, then byline,
    dateline, editor's note, lead, paragraphs and subheads, captions and credits."""
    head = "\n".join(t for t in (article.kicker, article.headline, article.subheadline) if t)
    body = [article.byline, article.dateline, article.editor_note, article.lead]
    body += [p.subhead if isinstance(p, Subhead) else p for p in article.paragraphs]
    for photo in article.photos:
        body += [photo.caption, photo.credit]
    return head, "\n".join(t for t in body if t)


def search_index(plan: Plan) -> dict:
    """The index: documents (one per article, with their text for phrase checks and
    excerpts) and the postings of every gram (document numbers, ascending)."""
    docs, postings = [], {}
    for number, entry in enumerate(plan.articles):
        head, body = article_text(entry.article)
        home = entry.home
        docs.append({"id": entry.id, "href": href(entry.file), "title": entry.title,
                     "page": home.page, "label": page_label(home.page, home.section),
                     "head": head, "text": body})
        for gram in grams(head + "\n" + body):
            postings.setdefault(gram, []).append(number)
    return {"version": 1, "docs": docs,
            "grams": {gram: postings[gram] for gram in sorted(postings)}}


def search_script(index: dict) -> bytes:
    """The index as a script (browsers do not fetch JSON from file:// pages)."""
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"window.EPAPER_SEARCH = {data};\n".encode()

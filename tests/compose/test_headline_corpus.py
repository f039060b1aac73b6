"""The 200 real-style headlines of tests/data/headlines.txt set at several widths and sizes,
and every headline of the seed editions as composed: no line breaks inside a word."""

from __future__ import annotations

from collections import defaultdict

import pytest

from layout.compose.headline import set_headline
from tests.compose.test_headline import context, corpus, problems, word_bounds
from tests.conftest import ROOT

#: (style, widths in pt): a 22 pt headline over two to four broadsheet columns and in a
#: tabloid's narrow ones, a 12 pt photo headline over one and two columns, a 40 pt banner.
SETTINGS = [("headline", (171.0, 243.0, 360.0, 486.0)), ("photo_headline", (117.0, 171.0)),
            ("banner", (486.0, 729.0))]


def test_the_corpus_is_two_hundred_headlines_of_eight_to_forty_characters():
    lines = corpus()
    assert len(lines) == len(set(lines)) == 200
    assert all(8 <= len(h) <= 40 for h in lines)
    assert sum(" " in h for h in lines) >= 30            # with internal spaces
    assert sum("《" in h for h in lines) >= 15           # titles
    assert sum("%" in h for h in lines) >= 10           # percentages
    assert sum(any(c.isascii() and c.isalpha() for c in h) for h in lines) >= 20  # Latin


@pytest.mark.parametrize("name, widths", SETTINGS)
def test_no_corpus_headline_breaks_inside_a_word(name, widths):
    ctx = context()
    broken = 0
    bad = []
    for width in widths:
        for text in corpus():
            hs = set_headline(ctx, text, name, width)
            broken += len(hs.lines) > 1
            bad += [f"{text} @ {width}: {p}" for p in problems(text, hs, width)]
    assert not bad, "\n".join(bad[:20])
    assert broken >= 100              # the widths make many of them take several lines


def _lines_by_article(page):
    """The drawn characters of each headline line of a composed page, from the page
    model: {(article, kind): [line texts]} in reading order (vertical columns right to
    left)."""
    lines: dict = defaultdict(list)
    for line in page.lines():
        if line.block.kind in ("kicker", "headline", "subheadline"):
            drawn = "".join(run.text for run in line.runs)
            lines[(line.article, line.block.kind)].append(drawn)
    return dict(lines)


@pytest.mark.parametrize("edition", ["laodong-2024-02-26", "laodong-jump", "stress",
                                     "stress-hant", "imported"])
def test_no_seed_headline_breaks_inside_a_word(edition):
    from layout.build import compose_edition
    from layout.fonts import FontLibrary
    from layout.text.phrase import split_marks
    composed = compose_edition(ROOT / "seeds" / edition, FontLibrary())
    articles = composed.edition.articles
    checked = 0
    for page in composed.pages:
        for (article, role), lines in _lines_by_article(page).items():
            a = articles[article]
            source = {"kicker": a.kicker, "subheadline": a.subheadline}.get(role, a.headline)
            clean, _ = split_marks(source)
            assert "".join(lines) == clean.replace(" ", ""), (article, role, lines)
            # the n-th character drawn is character at[n] of the headline (spaces are
            # not drawn); every line must start at a boundary of jieba's words
            at = [k for k, ch in enumerate(clean) if ch != " "]
            bounds = word_bounds(clean)
            drawn = 0
            for line in lines[:-1]:
                drawn += len(line)
                assert at[drawn] in bounds, \
                    f"{article} {role}: {clean[:at[drawn]]} | {clean[at[drawn]:]}"
            checked += 1
    assert checked >= 2

"""Properties of headline breaking over realistic headlines (phrases of real-style headlines
joined with or without a space or a stop) in widths they do not fit on one line: no line
starts inside a word of the segmenter's dictionary, with a space or a prohibited
character; every line fits; no character is lost or added."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from layout.compose.headline import set_headline
from tests.compose.test_headline import context, corpus, natural_width, problems

PHRASES = sorted({p for h in corpus() for p in re.split(r"[ ，：、；]", h) if 2 <= len(p) <= 14})
SEPARATORS = ["", "", " ", "，", "："]
#: Styles with their sizes: headline 22 → 16, banner 40 → 28, photo headline 12 → 10,
#: subheadline 12 (no min_size).
STYLES = ["headline", "banner", "photo_headline", "subheadline"]


@st.composite
def headlines(draw) -> str:
    """Phrases joined until the headline has eight characters or more, then up to two
    phrases more; forty characters at most."""
    def phrase() -> str:
        return draw(st.sampled_from(PHRASES))
    text = phrase()
    while len(text) < 8:
        text += draw(st.sampled_from(SEPARATORS)) + phrase()
    for _ in range(draw(st.integers(0, 2))):
        text += draw(st.sampled_from(SEPARATORS)) + phrase()
    assume(len(text) <= 40)
    return text


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(headlines(), st.sampled_from(STYLES),
       st.floats(0.3, 0.6))
def test_headlines_break_only_between_words_and_fit(text, name, fraction):
    """``fraction`` of the one-line width at full size is below what tracking and the
    smallest size can reach, so every example needs two lines or more."""
    ctx = context()
    width = natural_width(ctx, text, name) * fraction
    hs = set_headline(ctx, text, name, width)
    long = [d for d in ctx.sink.warnings if d.code == "headline-long"]
    # a phrase wider than the whole width can only be cut inside a word: not a case here
    assume(not any(d.data.get("inside_words") for d in long))
    event(f"{len(hs.lines) if len(hs.lines) <= 3 else 'more than 3'} lines")
    event("reported too long" if long else "fitted within 3 lines")
    assert len(hs.lines) >= 2
    assert not problems(text, hs, width), ([line.text for line in hs.lines], hs.size)

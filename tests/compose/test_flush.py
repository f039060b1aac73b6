"""齐底 by the paragraph: when a text's line count does not divide evenly among its
columns, a few paragraphs are set a line longer or shorter — where that costs least, within
the style's limits — so that every column ends on one baseline."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.build import compose_edition
from layout.compose.flow import Frame, choose_changes, flush_changes, held_to
from layout.fonts import FontLibrary
from tests.conftest import ROOT

SEEDS = ["laodong-2024-02-26", "laodong-jump", "imported"]


def _column_bottoms(page, article):
    """The lowest body baseline of each column of an article's text on a page (lines
    whose left edges lie within 2.5 em of each other — first-line indents — share a
    column)."""
    lines = [line for line in page.lines(article) if line.block.kind in ("paragraph",
                                                                           "subhead")]
    columns: list[float] = []
    for x in sorted({line.x for line in lines}):
        if not columns or x - columns[-1] > 2.5 * 9:
            columns.append(x)
    bottoms = defaultdict(float)
    for line in lines:
        column = max(c for c in columns if c <= line.x + 0.01)
        bottoms[column] = max(bottoms[column], line.baseline)
    return bottoms


@pytest.fixture(scope="module")
def seeds():
    library = FontLibrary()
    return {name: compose_edition(ROOT / "seeds" / name, library) for name in SEEDS}


def test_the_seed_pages_end_flush_and_the_report_says_so(seeds):
    """At least 90 % of the multi-column texts of the seed pages end on one baseline (the
    rest would need visibly looser lines: narrow columns beside a vertical headline), and
    each slot's report says truly whether it does."""
    flush = texts = 0
    for name, composed in seeds.items():
        reports = {(r.page, r.article): r for r in composed.slots}
        for page in composed.pages:
            for region in page.regions:
                report = reports[(page.number, region.article)]
                if report.flush is None:
                    continue
                bottoms = _column_bottoms(page, region.article)
                even = max(bottoms.values()) - min(bottoms.values()) < 0.01
                assert report.flush == even, (name, region.article, bottoms)
                texts += 1
                flush += even
    assert texts >= 15 and flush / texts >= 0.9, (flush, texts)


def test_paragraphs_reset_for_balance_stay_within_the_limits(tmp_path, seeds):
    """The paragraphs set a line longer or shorter for 齐底 — found by composing the same
    page with flush_cost 0 — keep their lines of ideographs within max_stretch per gap
    and end in at least two characters (no 孤字)."""
    import shutil
    import unicodedata
    edition = tmp_path / "ed"
    shutil.copytree(ROOT / "seeds" / "laodong-2024-02-26", edition)
    (edition / "styles").mkdir()
    style = (ROOT / "styles" / "newspaper.yaml").read_text(encoding="utf-8")
    (edition / "styles" / "newspaper.yaml").write_text(
        style.replace("flush_cost: 25", "flush_cost: 0"), encoding="utf-8")
    plain = compose_edition(edition, FontLibrary()).pages[0]
    balanced = seeds["laodong-2024-02-26"]
    t = balanced.edition.style.typography

    def blocks(page):
        out = defaultdict(list)
        for line in page.lines():
            if line.block.kind == "paragraph":
                out[line.block].append(line)
        return out
    before, after = blocks(plain), blocks(balanced.pages[0])
    changed = [b for b in after if [x.text for x in after[b]] != [x.text for x in before[b]]]
    assert changed, "the seed page needs some paragraphs reset to end flush"
    for block in changed:
        lines = after[block]
        assert abs(len(lines) - len(before[block])) <= 2
        assert len(lines[-1].text.strip()) >= 2
        for line in lines[:-1]:
            if all(unicodedata.category(c) == "Lo" for c in line.text):
                xs = [x for run in line.runs for x in run.xs]
                assert max(b - a for a, b in zip(xs, xs[1:])) <= \
                    line.runs[0].size * (1 + t.max_stretch) + 0.01, line.text


def test_flush_changes_for_two_even_columns():
    frames = [Frame(0, 90, 0, 20), Frame(100, 90, 0, 20)]
    assert flush_changes(frames, 10) == {}               # 5 and 5
    # 11 lines: 4/4, 5/5, 6/6 or 7/7, each leaving the foot of the 20-line columns emptier
    assert flush_changes(frames, 11) == {-3: 150, -1: 140, 1: 130, 3: 120}
    assert flush_changes(frames, 41) == {}               # does not fit: overset, not balance
    # a picture over the first column: it starts 4 lines lower
    beside = [Frame(0, 90, 4, 20), Frame(100, 90, 0, 20)]
    assert held_to(beside, 8) == 4 + 8 and flush_changes(beside, 12) == {}
    assert sorted(flush_changes(beside, 13)) == [-3, -1, 1, 3]


def test_choose_changes_takes_the_cheapest_combination():
    costs = [{1: 30, -1: 5}, {1: 2}, {1: 3, 2: 4}, {}]
    assert choose_changes(costs, {1: 0}) == {1: 1}
    assert choose_changes(costs, {2: 0}) == {2: 2}                # 4 < 2 + 3
    assert choose_changes(costs, {3: 0}) == {1: 1, 2: 2}
    assert choose_changes(costs, {-1: 0, 1: 0}) == {1: 1}         # 2 < 5
    assert choose_changes(costs, {-1: 0, 1: 10}) == {0: -1}       # the emptier foot: 12 > 5
    assert choose_changes(costs, {-2: 0}) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from([-2, -1, 1, 2]), st.integers(0, 50),
                                max_size=4), max_size=8),
       st.dictionaries(st.integers(-4, 4).filter(bool), st.integers(0, 40), min_size=1,
                       max_size=3))
def test_a_chosen_plan_reaches_a_change_at_least_cost(costs, changes):
    import itertools
    plan = choose_changes(costs, changes)
    best = None
    choices = [[(None, 0)] + list(c.items()) for c in costs]
    for combo in itertools.product(*choices):
        net = sum(d for d, _ in combo if d is not None)
        if net in changes:
            cost = sum(v for d, v in combo if d is not None) + changes[net]
            best = cost if best is None else min(best, cost)
    if best is None:
        assert plan is None
        return
    assert plan is not None
    assert sum(plan.values()) in changes
    assert sum(costs[k][d] for k, d in plan.items()) + changes[sum(plan.values())] == best

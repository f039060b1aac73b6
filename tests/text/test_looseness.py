"""Paragraphs set one line longer or shorter (looseness) keep every rule: nothing lost,
no prohibited line start or end, justified lines within max_stretch/max_shrink, no lone
last character; the line count is the one asked for, and the setting is the cheapest."""

from itertools import combinations, pairwise

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from layout.text.classes import NO_LINE_END, NO_LINE_START, STOPS
from layout.text.justify import line_count_options, set_paragraph
from layout.text.linebreak import Break, Params, _breaks, _Table, analyse, break_lines
from layout.text.looseness import cost, limited, line_counts
from layout.text.prepare import prepare, to_units
from tests.text import fonts

SIZE = 9.0
EM = to_units(SIZE)
PARAMS = Params(max_stretch=to_units(SIZE * 0.25), max_shrink=to_units(SIZE * 0.05))
HANGING = Params(max_stretch=PARAMS.max_stretch, max_shrink=PARAMS.max_shrink, hanging=True)
WORDS = ["工会", "职工", "活动", "开展", "关心", "关爱", "干部", "北京市", "总工会", "海淀区",
         "新就业形态", "劳动者", "基层", "组织", "建设", "服务", "企业", "会员"]
TOKENS = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS),
    st.sampled_from(list(STOPS[:4]) + ["“", "”", "（", "）", "《", "》"]),
    st.sampled_from(["10590名", "12.75%", "2024年", "APP", "——", "……"]),
)
#: paragraphs of a few lines at the column widths papers use
TEXTS = st.lists(TOKENS, min_size=12, max_size=70).map("".join)
MEASURES = st.integers(min_value=10, max_value=24)
#: a loose house style, so that short paragraphs have other line counts within limits
LAX = Params(max_stretch=to_units(SIZE * 1.0), max_shrink=to_units(SIZE * 0.1))
RUN = settings(max_examples=250, deadline=None,
               suppress_health_check=[HealthCheck.too_slow])


def _atoms(text):
    return prepare([fonts.span(text, SIZE)])


def _check_rules(text, lines, widths, params, optimum):
    assert "".join(line.text + line.dropped for line in lines) == text
    if not any(line.forbidden for line in optimum):
        for before, after in pairwise(lines):
            assert before.items[-1].atom.cls not in NO_LINE_END, (before.text, after.text)
            assert after.items[0].atom.cls not in NO_LINE_START, (before.text, after.text)
            assert not before.forbidden
    for k, line in enumerate(lines[:-1]):
        measure = widths[min(k, len(widths) - 1)]
        assert not line.overfull
        items = line.items
        hung = params.hanging and items[-1].x >= measure - 10 and \
            items[-1].atom.text in "，。、．"
        edge = items[-1].x if hung else line.width
        assert abs(edge - measure) <= 10, (line.text, edge, measure)
        body = items[:-1] if hung else items
        for a, b in pairwise(body):        # spread within max_stretch per gap
            space = b.x - (a.x + a.atom.width)      # squeezed blanks only make it less
            if a.atom.cls.name in ("LT", "LX") and b.atom.cls.name in ("LT", "LX"):
                continue
            assert space <= params.max_stretch + 1, (line.text, space)
    if len(lines) > 1:
        assert sum(p.atom.is_char for p in lines[-1].items) >= params.widow_chars, \
            [line.text for line in lines]


@RUN
@given(TEXTS, MEASURES, st.sampled_from([-1, 1]), st.sampled_from([PARAMS, HANGING, LAX]))
def test_a_paragraph_one_line_longer_or_shorter_keeps_every_rule(text, chars, looseness,
                                                                 params):
    atoms = _atoms(text)
    widths = [chars * EM - 2 * EM, chars * EM]
    optimum = set_paragraph(atoms, widths, params)
    event("multi-line" if len(optimum) > 1 else "one line")
    lines = set_paragraph(atoms, widths, params, looseness=looseness)
    event(f"looseness {looseness:+d}: " + ("set" if lines is not None else "not feasible"))
    if lines is None:
        return
    assert len(lines) == len(optimum) + looseness
    _check_rules(text, lines, widths, params, optimum)


@RUN
@given(TEXTS, MEASURES)
def test_line_counts_are_as_asked_and_agree_with_break_lines(text, chars):
    atoms = _atoms(text)
    widths = [chars * EM]
    found = line_counts(atoms, widths, PARAMS, spread=2)
    optimum = break_lines(atoms, widths, PARAMS)
    assert found[len(optimum)].breaks == tuple(optimum)
    event("multi-line" if len(optimum) > 1 else "one line")
    for count, setting in found.items():
        assert setting.lines == count == len(setting.breaks)
        assert setting.breaks[0].start == 0 and setting.breaks[-1].end == len(atoms)
        for a, b in zip(setting.breaks, setting.breaks[1:]):
            assert a.resume == b.start
        if count != len(optimum):
            assert setting.cost >= found[len(optimum)].cost      # the optimum is optimal
            lines = set_paragraph(atoms, widths, PARAMS, looseness=count - len(optimum))
            assert lines is not None and len(lines) == count
            _check_rules(text, lines, widths, PARAMS, set_paragraph(atoms, widths, PARAMS))
    for d in (-2, -1, 1, 2):
        if len(optimum) + d not in found:
            assert break_lines(atoms, widths, PARAMS, looseness=d) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, min_size=3, max_size=8).map("".join), st.integers(5, 9))
def test_each_line_count_gets_the_cheapest_setting_within_limits(text, chars):
    """Against every way of breaking a short paragraph."""
    atoms = _atoms(text)
    widths = [chars * EM]
    p = analyse(atoms)
    t = _Table(p, LAX)
    points = _breaks(p)[:-1]
    if len(points) > 14:          # 2^14 ways at most
        event("too long to try every way")
        return
    optimum = break_lines(atoms, widths, LAX)
    event("multi-line" if len(optimum) > 1 else "one line")
    allowed = sum(b.forbidden for b in optimum)
    cheapest: dict[int, int] = {}
    for r in range(len(points) + 1):
        for chosen in combinations(points, r):
            breaks, start = [], 0
            for end, resume, forbidden, _ in chosen:
                breaks.append(Break(start, end, resume, forbidden))
                start = resume
            breaks.append(Break(start, len(atoms), len(atoms)))
            if any(limited(p, t, b.start, b.end, widths[0], LAX) is None for b in breaks) \
                    or sum(b.forbidden for b in breaks) > allowed:
                continue
            total = cost(p, t, widths, LAX, breaks)
            cheapest[len(breaks)] = min(cheapest.get(len(breaks), total), total)
    found = line_counts(atoms, widths, LAX, spread=3)
    near = {c for c in range(len(optimum) - 3, len(optimum) + 4) if c != len(optimum)}
    event("other line counts within limits" if near & set(cheapest) else "no other count")
    assert {c: found[c].cost for c in found if c in near} == \
        {c: v for c, v in cheapest.items() if c in near}, text


@RUN
@given(TEXTS, MEASURES, st.sampled_from([PARAMS, LAX]))
def test_line_count_options_are_the_settings_looseness_gives(text, chars, params):
    atoms = _atoms(" " + text + " ")
    widths = [chars * EM - 2 * EM, chars * EM]
    options = line_count_options(atoms, widths, params)
    optimum = set_paragraph(atoms, widths, params)
    assert list(options[len(optimum)].lines) == optimum
    for d in (-1, 1):
        option = options.get(len(optimum) + d)
        lines = set_paragraph(atoms, widths, params, looseness=d)
        event(f"{d:+d} line: " + ("offered" if option else "not offered"))
        assert (option is None) == (lines is None)
        if option:
            assert list(option.lines) == lines and option.within_limits
            assert option.cost >= options[len(optimum)].cost

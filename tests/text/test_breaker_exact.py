"""The breaker's bounds never change its choice: it gives exactly the breaks of the plain
dynamic programme (tests/text/reference.py) over random text, measures and settings, with
the test font and with real fonts."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.text.linebreak import Params, break_lines
from layout.text.prepare import prepare, to_units
from tests.text import fakes, fonts
from tests.text.reference import break_lines as reference
from tests.text.test_linebreak import IDEOGRAPHS, TOKENS

SIZE = 9.0
EM = to_units(SIZE)
RUN = settings(max_examples=400, deadline=None,
               suppress_health_check=[HealthCheck.too_slow])

MORE_TOKENS = st.one_of(
    TOKENS, TOKENS,
    st.sampled_from(["https://www.ldwb.com.cn/news/2024-02/26/content_1234567.htm",
                     "8800 1234 5678", "  ", "。”", "，“", "……", "——", "“", "（", "）"]),
    st.sampled_from("，。、．"),                 # hangable marks
)
TEXTS = st.lists(MORE_TOKENS, min_size=1, max_size=160).map("".join).map(str.strip) \
    .filter(bool)
PARAMS = st.builds(
    Params,
    max_stretch=st.sampled_from([to_units(SIZE * s) for s in (0.05, 0.25, 1.0)]),
    max_shrink=st.sampled_from([to_units(SIZE * s) for s in (0.0, 0.05, 0.25)]),
    line_end_half=st.booleans(), end_squeeze=st.booleans(), hanging=st.booleans(),
    cjk_latin=st.sampled_from([0, to_units(SIZE / 4)]),
    widow_chars=st.sampled_from([1, 2, 3]))
#: per-line measures in ems: first-line indents, run-arounds (several widths), one width
WIDTHS = st.lists(st.integers(min_value=2, max_value=40), min_size=1, max_size=4)


def _same(atoms, widths, params):
    got = break_lines(atoms, widths, params)
    assert got == reference(atoms, widths, params), [a.text for a in atoms]


@RUN
@given(TEXTS, WIDTHS, PARAMS, st.sampled_from(["gb", "cns"]))
def test_same_breaks_as_the_plain_programme_with_the_test_font(text, ems, params, style):
    atoms = prepare([fakes.span(text, SIZE)], style)
    _same(atoms, [e * EM + (EM // 3 if k % 2 else 0) for k, e in enumerate(ems)], params)


@RUN
@given(TEXTS, WIDTHS, PARAMS, st.sampled_from(["song", "kai"]))
def test_same_breaks_as_the_plain_programme_with_real_fonts(text, ems, params, role):
    atoms = prepare([fonts.span(text, SIZE, role)])
    _same(atoms, [e * EM for e in ems], params)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(IDEOGRAPHS + "，。、“”"), min_size=200, max_size=900)
       .map("".join), st.integers(min_value=60, max_value=120))
def test_same_breaks_for_long_captions_across_wide_measures(text, chars):
    params = Params(max_stretch=to_units(SIZE * 0.25), max_shrink=to_units(SIZE * 0.05))
    atoms = prepare([fonts.span(text, SIZE, "kai")])
    _same(atoms, [(chars - 2) * EM, chars * EM], params)

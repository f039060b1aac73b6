"""Properties of the paragraph breaker and justifier over random Chinese/Latin text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.text.classes import CLOSING, NO_LINE_END, NO_LINE_START, OPENING, STOPS
from layout.text.justify import set_paragraph
from layout.text.linebreak import Params, _breaks, analyse, fit
from layout.text.prepare import prepare, to_units
from tests.text.fakes import span

SIZE = 9.0
EM = to_units(SIZE)
PARAMS = Params(max_stretch=to_units(SIZE * 0.25), max_shrink=to_units(SIZE * 0.05))
IDEOGRAPHS = "工会职工活动开展关心关爱干部北京市总海淀区新就业形态劳动者"
TOKENS = st.one_of(
    st.sampled_from(IDEOGRAPHS),
    st.sampled_from(IDEOGRAPHS),
    st.sampled_from(IDEOGRAPHS),
    st.sampled_from(STOPS + CLOSING + OPENING),
    st.sampled_from(["——", "……", "·", "々", "％", "℃", "￥"]),
    st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,2})?%?", fullmatch=True),
    st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True),
    st.just(" "),
)
TEXTS = st.lists(TOKENS, min_size=1, max_size=120).map("".join).map(str.strip).filter(bool)
MEASURES = st.integers(min_value=8, max_value=20)
RUN = settings(max_examples=500, deadline=None,
               suppress_health_check=[HealthCheck.too_slow])


def _set(text: str, chars: int, indent: int = 0):
    atoms = prepare([span(text, SIZE)])
    measure = chars * EM
    return atoms, set_paragraph(atoms, [measure - indent * EM, measure], PARAMS)


def _unavoidable(atoms, measure) -> bool:
    """True when some stretch of atoms between two allowed breaks cannot fit a line even
    fully squeezed: then a prohibited break may be needed."""
    p = analyse(atoms)
    start = 0
    for end, resume, forbidden, _ in _breaks(p):
        if forbidden:
            continue
        f = fit(p, start, end, False)
        if f.natural - f.squeezable - f.gaps * PARAMS.max_shrink > measure:
            return True
        start = resume
    return False


@RUN
@given(TEXTS, MEASURES)
def test_nothing_lost_or_duplicated(text, chars):
    _, lines = _set(text, chars, indent=2)
    assert "".join(line.text + line.dropped for line in lines) == text


@RUN
@given(TEXTS, MEASURES)
def test_no_prohibited_line_start_or_end(text, chars):
    atoms, lines = _set(text, chars)
    if _unavoidable(atoms, chars * EM):
        return
    for before, after in zip(lines, lines[1:]):
        assert before.items[-1].atom.cls not in NO_LINE_END, (before.text, after.text)
        assert after.items[0].atom.cls not in NO_LINE_START, (before.text, after.text)
        assert not before.forbidden


@RUN
@given(TEXTS, MEASURES)
def test_non_final_lines_fill_the_measure(text, chars):
    atoms, lines = _set(text, chars)
    measure = chars * EM
    for line in lines[:-1]:
        if line.overfull or len(line.items) < 2:
            continue
        last = line.items[-1]
        assert abs(line.width - measure) <= 10, (line.text, line.width, measure)
        assert last.x + last.atom.width - last.atom.right_blank <= line.width


@RUN
@given(st.tuples(st.lists(st.sampled_from(IDEOGRAPHS + "，。、；：“”《》（）"), max_size=200)
                 .map("".join), st.sampled_from(IDEOGRAPHS), st.sampled_from(["", "。", "。”"]))
       .map("".join), MEASURES)
def test_no_lone_character_on_last_line(text, chars):
    atoms, lines = _set(text, chars, indent=2)
    if len(lines) > 1:
        last = [p.atom for p in lines[-1].items]
        assert sum(a.is_char for a in last) >= 2, [line.text for line in lines]


@RUN
@given(st.lists(st.sampled_from(IDEOGRAPHS), min_size=1, max_size=200).map("".join),
       MEASURES)
def test_ideograph_lines_sit_on_the_character_grid(text, chars):
    _, lines = _set(text, chars)
    for line in lines:
        if len(line.text) == chars:
            assert [p.x for p in line.items] == [k * EM for k in range(chars)]


def test_consecutive_punctuation_is_squeezed():
    _, lines = _set("他说：“好。”（完）", 20)
    xs = {p.atom.text: p.x for p in lines[0].items}
    assert xs["“"] - xs["："] <= EM * 0.75      # ：“ in 1.5 em
    assert xs["”"] - xs["。"] <= EM * 0.75      # 。” in 1.5 em
    assert xs["（"] - xs["”"] <= EM * 0.75      # ”（ in 1.5 em


def test_closing_mark_pushed_in_rather_than_starting_a_line():
    text = "一二三四五六七八九十，一二三四五六七八九十。"
    _, lines = _set(text, 10)
    assert lines[0].text.endswith("，") or not lines[1].text.startswith("，")
    assert all(not line.text.startswith(("，", "。")) for line in lines)


def test_numbers_and_words_never_split():
    text = "截至今年1月底，海淀区新发展工会会员10590名，增长12.75%，访问https://example.org/a/b了解。"
    for chars in (12, 20):
        _, lines = _set(text, chars)
        for word in ("10590", "12.75%", "https://example.org/a/b"):
            assert any(word in line.text for line in lines), [line.text for line in lines]


def test_a_url_wider_than_the_column_is_cut_only_after_a_separator():
    url = "https://www.ldwb.com.cn/news/2024-02/26/content_1234567.htm"
    _, lines = _set(f"详情可登录{url}查询。", 11)
    texts = [line.text for line in lines]
    assert "".join(texts) == f"详情可登录{url}查询。"
    cuts = [t[-1] for t in texts[:-1] if t[-1].isascii()]
    assert cuts and all(ch in "/._@?&=#" for ch in cuts), texts
    for line in lines[:-1]:                       # still justified, letters not spaced
        assert abs(line.width - 11 * EM) <= 10, texts
    inside = [p for line in lines for p in line.items if p.atom.cls.name == "LX"]
    assert inside


@RUN
@given(TEXTS, MEASURES)
def test_line_end_marks_are_full_or_half_width(text, chars):
    """A mark ending a justified line keeps its whole em or exactly half of it."""
    _, lines = _set(text, chars)
    for line in lines[:-1]:
        last = line.items[-1]
        if last.atom.right_blank and not line.overfull:
            end = last.x + last.atom.width
            assert line.width in (end, end - last.atom.right_blank), (line.text, line.width,
                                                                      end)


def test_numbers_in_groups_stay_together_and_english_breaks_at_spaces():
    _, lines = _set("电话会议号为8800 1234 5678。The union delivered winter supplies to the site.", 9)
    texts = [line.text for line in lines]
    assert any("8800 1234 5678" in t for t in texts), texts
    joined = [line.text + line.dropped for line in lines]
    assert "".join(joined).endswith("The union delivered winter supplies to the site.")
    for line in lines[:-1]:                       # English words are never cut
        if line.items[-1].atom.cls.name == "LT":
            assert line.dropped == " " or line.text.endswith("。"), texts


HANGING = Params(max_stretch=PARAMS.max_stretch, max_shrink=PARAMS.max_shrink, hanging=True)


def test_hanging_punctuation_lets_a_comma_hang_past_the_edge():
    text = "一二三四五六七八九十，一二三四五六七八九十。"
    atoms = prepare([span(text, SIZE)])
    plain = set_paragraph(atoms, [10 * EM], PARAMS)
    hung = set_paragraph(atoms, [10 * EM], HANGING)
    assert all(line.width <= 10 * EM for line in plain)           # nothing hangs
    assert hung[0].text == "一二三四五六七八九十，"
    comma = hung[0].items[-1]
    assert comma.atom.text == "，" and comma.x == 10 * EM       # hangs outside the column
    assert [p.x for p in hung[0].items[:-1]] == [k * EM for k in range(10)]


@RUN
@given(TEXTS, MEASURES)
def test_with_hanging_nothing_is_lost_and_lines_still_fill_the_measure(text, chars):
    atoms = prepare([span(text, SIZE)])
    lines = set_paragraph(atoms, [chars * EM], HANGING)
    assert "".join(line.text + line.dropped for line in lines) == text
    for line in lines[:-1]:
        last = line.items[-1]
        hung = last.atom.text in "，。、．" and last.x >= chars * EM - 10
        if line.overfull or len(line.items) - hung < 2:
            continue                      # one character alone cannot be justified
        edge = last.x if hung else line.width
        assert abs(edge - chars * EM) <= 10, (line.text, edge)

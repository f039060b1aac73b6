"""Headline fitting and breaking: tracking, then size, then lines; breaks between words and
phrases only, explicit break marks, balance; vertical headlines cut the same way.  Real
fonts (fonts/fonts.yaml) and jieba's own segmentation as the judge of word boundaries."""

from __future__ import annotations

import functools
import itertools
import subprocess
import sys
from dataclasses import replace

import pytest

from layout.compose import headline as head
from layout.display import BlockId
from layout.compose.context import Context
from layout.compose.vertical import set_vertical
from layout.diagnostics import Sink
from layout.text.classes import NO_LINE_END, NO_LINE_START, C, classify
from layout.text.phrase import places, split_marks
from layout.text.prepare import UNIT
from tests.conftest import ROOT, write_edition

CORPUS = ROOT / "tests" / "data" / "headlines.txt"


# ------------------------------------------------------------------ shared by the headline tests
@functools.cache
def _edition():
    from layout.build import resolve_chains
    from layout.fonts import FontLibrary
    from layout.spec.load import load_edition
    edition = load_edition(ROOT / "seeds" / "laodong-2024-02-26")
    return edition, resolve_chains(edition, FontLibrary())


def context(**styles) -> Context:
    """A page context of the seed edition (real fonts), with a fresh sink; ``styles``
    replace fields of text styles: ``headline={"tracking": 0.1}``."""
    edition, chains = _edition()
    style = edition.style
    for name, fields in styles.items():
        style = replace(style, **{name: replace(getattr(style, name), **fields)})
    return Context(style, chains, Sink(), edition.pages[0].grid)


def corpus() -> list[str]:
    return [line for line in CORPUS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


@functools.cache
def _jieba():
    """jieba as shipped, its dictionary loaded the usual way: the judge of word boundaries,
    independent of the index the layout reads."""
    import tempfile

    import jieba
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = tempfile.mkdtemp(prefix="jieba-")
    return tokenizer


def word_bounds(text: str) -> set[int]:
    """Offsets between two of jieba's words in ``text``."""
    bounds, at = {0}, 0
    for word in _jieba().cut(text, HMM=True):
        at += len(word)
        bounds.add(at)
    return bounds


def problems(text: str, hs: head.HeadSet, width: float) -> list[str]:
    """What is wrong with headline ``text`` set as ``hs`` in ``width`` pt: a line starting
    inside a word, with a space or a prohibited character, ending with an opening mark,
    wider than the width; characters lost or added."""
    clean, forced = split_marks(text)
    out = []
    lines = [line.text for line in hs.lines]
    dropped = [line.dropped for line in hs.lines]
    joined = "".join(t + d for t, d in zip(lines, dropped))
    if joined != clean.replace(" ", "\u3000"):        # a space kept in a line is an em
        out.append(f"text {joined!r} is not {clean!r}")
        return out
    bounds = {b for lo, hi in zip([0, *forced], [*forced, len(clean)])
              for b in (lo + k for k in word_bounds(clean[lo:hi]))}
    at = 0
    for n, (line, drop) in enumerate(zip(lines, dropped)):
        if n and at not in bounds:
            out.append(f"line {n + 1} starts inside a word: "
                       f"{clean[:at]!r} | {clean[at:]!r}")
        if not line or line[0].isspace() or classify(line[0]) in NO_LINE_START:
            out.append(f"line {n + 1} starts with {line[:1]!r}")
        if n < len(lines) - 1 and classify(line[-1]) in NO_LINE_END:
            out.append(f"line {n + 1} ends with {line[-1]!r}")
        at += len(line) + len(drop)
    for n, line in enumerate(hs.lines):
        if head.line_width(line) > width + 0.01:
            out.append(f"line {n + 1} is {head.line_width(line):.2f} pt wide in {width} pt")
    return out


def natural_width(ctx: Context, text: str, name: str) -> float:
    """The width of ``text`` set on one line at its style's size and tracking."""
    hs = head.set_headline(ctx, text, name, 10_000.0)
    line = hs.lines[0]
    return (line.width - line.items[0].x) / UNIT


def _advances(line) -> list[float]:
    xs = [p.x for p in line.items if p.atom.cls is not C.SP]
    return [(b - a) / UNIT for a, b in itertools.pairwise(xs)]


# ------------------------------------------------------------------ fitting: tracking, size, lines
def test_tracking_fits_a_headline_one_character_too_long_at_full_size():
    """Tightening to TIGHTEST (-0.05 em) gains a character over 20 gaps: a headline of
    twenty-odd characters one character too long keeps its size."""
    ctx = context()
    st = ctx.text_style("headline")
    text = "深入学习贯彻党的二十大精神奋力开拓首都工会工作新局面"   # 26 ideographs
    width = st.size * (len(text) - 1) + 2                 # room for 25 and a bit
    hs = head.set_headline(ctx, text, "headline", width)
    assert len(hs.lines) == 1 and hs.size == st.size
    assert head.TIGHTEST <= hs.tracking < 0
    assert head.line_width(hs.lines[0]) <= width + 0.01
    # the glyphs are moved by the tracking: every advance is one em plus the tracking
    for advance in _advances(hs.lines[0]):
        assert advance == pytest.approx(st.size * (1 + hs.tracking), abs=0.002)
    line = ctx.text_line(hs.lines[0], 0.0, 0.0, BlockId("a", "headline"))
    xs = [x for run in line.runs for x in run.xs]
    assert xs[-1] - xs[0] == pytest.approx((len(text) - 1) * st.size * (1 + hs.tracking),
                                           abs=0.05)


def test_the_style_tracking_is_used_when_there_is_room():
    ctx = context(headline={"tracking": 0.1})
    hs = head.set_headline(ctx, "开学日喜收工会礼包", "headline", 400.0)
    assert hs.tracking == pytest.approx(0.1) and hs.size == 22
    assert all(a == pytest.approx(22 * 1.1, abs=0.002) for a in _advances(hs.lines[0]))
    # the width includes it: nine characters and eight tracked gaps
    line = hs.lines[0]
    assert (line.width - line.items[0].x) / UNIT == pytest.approx(9 * 22 + 8 * 2.2, abs=0.01)


def test_furniture_keeps_its_tracking_and_is_not_tightened():
    ctx = context()
    text = "责任编辑 王晓"
    width = natural_width(ctx, text, "header") - 1
    hs = head.set_headline(ctx, text, "header", width)
    assert hs.tracking == 0 and len(hs.lines) == 2


def test_fitting_order_is_tracking_then_size_then_lines():
    ctx = context()
    text = "北京警方破获一起电信诈骗案 守好老百姓的钱袋子"
    full = natural_width(ctx, text, "headline")
    seen = []
    for fraction in (1.0, 0.97, 0.85, 0.6):
        hs = head.set_headline(ctx, text, "headline", full * fraction)
        seen.append((len(hs.lines), hs.size, hs.tracking))
    assert seen[0] == (1, 22, 0)                        # fits as it is
    assert seen[1][:2] == (1, 22) and seen[1][2] < 0     # tighter, same size
    assert seen[2][0] == 1 and 16 <= seen[2][1] < 22     # smaller, one line
    assert seen[3][0] == 2                               # two lines
    assert not ctx.sink.warnings


def test_three_lines_when_two_do_not_fit_and_a_warning_with_the_numbers_beyond():
    ctx = context()
    text = "国家统计局：5月份国民经济运行总体平稳 工业生产较快增长 消费市场继续恢复"
    hs = head.set_headline(ctx, text, "headline", 243.0)
    assert len(hs.lines) == 3 and not problems(text, hs, 243.0)
    assert not ctx.sink.warnings
    hs = head.set_headline(ctx, text, "headline", 120.0, article="a1")
    assert len(hs.lines) > 3 and not problems(text, hs, 120.0)
    warning, = ctx.sink.warnings
    assert warning.code == "headline-long" and warning.article == "a1"
    assert "120.0 pt" in warning.message and "3 lines" in warning.message
    assert warning.data["lines"] == len(hs.lines) and warning.data["size"] == 16
    assert warning.data["inside_words"] is False


# ------------------------------------------------------------------ where a headline breaks
def test_the_issue_headline_breaks_at_its_space_not_inside_a_word():
    ctx = context()
    text = "北京警方破获一起电信诈骗案 守好老百姓的钱袋子"
    for width in (243.0, 300.0, 330.0):
        hs = head.set_headline(ctx, text, "headline", width)
        assert [line.text for line in hs.lines] == ["北京警方破获一起电信诈骗案", "守好老百姓的钱袋子"]
        assert hs.lines[0].dropped.isspace()


def test_seed_headlines_that_broke_inside_words_now_break_between_them():
    ctx = context()
    for text, width in (("房山区总工会慰问北车营村灾后重建项目职工", 243.0),
                        ("市物业行业工会联合会为一线职工送温暖", 243.0)):
        hs = head.set_headline(ctx, text, "headline", width)
        assert len(hs.lines) == 2 and not problems(text, hs, width), \
            [line.text for line in hs.lines]
    hs = head.set_headline(ctx, "市物业行业工会联合会为一线职工送温暖", "headline", 243.0)
    assert [line.text for line in hs.lines] == ["市物业行业工会联合会", "为一线职工送温暖"]


@pytest.mark.parametrize("text, unit", [
    ("截至今年1月底新发展工会会员10590名", "10590名"),
    ("国务院总理李强作政府工作报告", "总理李强"),
    ("电影《流浪地球2》票房突破40亿元", "40亿元"),
    ("中共中央政治局召开会议分析研究当前经济形势的报告", "的报告"),
])
def test_units_are_not_broken(text, unit):
    """A number and its measure word, a name and its title, a word and its 的: none
    is cut at any width that makes the headline take two lines."""
    ctx = context()
    start = text.index(unit)
    full = natural_width(ctx, text, "headline")
    for fraction in (0.35, 0.45, 0.55, 0.65):
        hs = head.set_headline(ctx, text, "headline", full * fraction)
        assert len(hs.lines) >= 2
        at = 0
        for line in hs.lines[:-1]:
            at += len(line.text) + len(line.dropped)
            assert not start < at < start + len(unit), [line.text for line in hs.lines]


def test_places_cost_more_inside_units_and_nothing_at_phrase_boundaries():
    from layout.compose.headline import segmenter
    text = "北京市总工会开展“送温暖”活动 慰问困难职工3.2万户"
    found = {p.end: p for p in places(text, (), segmenter())}
    assert found[text.index(" ")].cost == 0                     # the space
    assert found[text.index(" ")].resume == text.index(" ") + 1
    assert text.index("3.2") not in found or \
        found[text.index("3.2")].cost < found[text.index("万户")].cost
    assert found[text.index("“")].cost < found[text.index("开展")].cost     # before a quote
    assert text.index("送温暖”") + 1 not in found                # never inside a word
    assert text.index("”") not in found                         # never before a closing mark


def test_break_marks_always_win_and_are_never_printed():
    ctx = context()
    for text in ("北京警方破获|一起电信诈骗案守好老百姓的钱袋子",
                 "北京警方破获｜一起电信诈骗案守好老百姓的钱袋子",
                 "北京警方破获\n一起电信诈骗案守好老百姓的钱袋子\n"):
        hs = head.set_headline(ctx, text, "headline", 1000.0)
        assert [line.text for line in hs.lines] == ["北京警方破获", "一起电信诈骗案守好老百姓的钱袋子"]
        glyphs = "".join(line.text for line in head.place(ctx, hs, 0, 0,
                                                          BlockId("a", "headline")))
        assert "|" not in glyphs and "｜" not in glyphs and "\n" not in glyphs
    # a mark placed before a closing mark moves after it
    hs = head.set_headline(ctx, "守好老百姓的“钱袋子|”北京警方破获诈骗案", "headline", 1000.0)
    assert [line.text for line in hs.lines] == ["守好老百姓的“钱袋子”", "北京警方破获诈骗案"]


def test_a_marked_headline_too_long_for_its_lines_breaks_further_between_words():
    ctx = context()
    text = "国家统计局：|5月份国民经济运行总体平稳工业生产较快增长"
    hs = head.set_headline(ctx, text, "headline", 243.0)
    assert hs.lines[0].text == "国家统计局：" and len(hs.lines) == 3
    assert not problems(text, hs, 243.0)


def test_a_yaml_literal_block_marks_the_lines(tmp_path):
    import yaml

    from layout.build import compose_edition
    from layout.fonts import FontLibrary
    article = {"id": "lead", "headline": "北京警方破获一起电信诈骗案\n守好老百姓的钱袋子\n",
               "paragraphs": ["记者近日从市公安局了解到，警方破获一起电信诈骗案。"]}
    edition = write_edition(tmp_path / "ed", articles={"lead": article},
                            slots=[{"article": "lead", "column": 1, "span": 6, "top": 0,
                                    "height": 20}])
    text = (edition / "articles" / "lead.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["headline"].count("\n") == 2
    composed = compose_edition(edition, FontLibrary())
    heads = [line for line in composed.pages[0].lines("lead") if line.block.kind == "headline"]
    assert [line.text for line in heads] == ["北京警方破获一起电信诈骗案", "守好老百姓的钱袋子"]


def test_two_lines_are_balanced_when_the_headline_has_no_phrase_boundary():
    ctx = context()
    text = "市直机关工会开展关心关爱干部职工活动"
    hs = head.set_headline(ctx, text, "headline", 243.0)
    widths = [(line.width - line.items[0].x) / UNIT for line in hs.lines]
    assert len(widths) == 2 and abs(widths[0] - widths[1]) <= 2 * hs.size
    assert not problems(text, hs, 243.0)


# ------------------------------------------------------------------ vertical headlines
def test_vertical_headline_splits_between_words_into_balanced_columns():
    ctx = context()
    text = "市物业行业工会联合会为一线职工送温暖"
    vh = set_vertical(ctx, text, "headline", 12 * 22.0)
    assert vh.columns == ("市物业行业工会联合会", "为一线职工送温暖") and vh.size == 22
    text = "房山区总工会慰问北车营村灾后重建项目职工"
    vh = set_vertical(ctx, text, "headline", 12 * 22.0)
    assert len(vh.columns) == 2 and "".join(vh.columns) == text
    assert len(vh.columns[0]) in word_bounds(text)
    assert all(len(c) * vh.size <= 12 * 22.0 for c in vh.columns)


def test_vertical_headline_columns_follow_break_marks_and_never_start_with_a_stop():
    ctx = context()
    vh = set_vertical(ctx, "京津冀协同发展十周年|一张图纸绘到底", "headline", 10 * 22.0)
    assert vh.columns == ("京津冀协同发展十周年", "一张图纸绘到底")
    vh = set_vertical(ctx, "京津冀协同发展十周年：一张图纸绘到底", "headline", 11 * 22.0)
    assert vh.columns == ("京津冀协同发展十周年：", "一张图纸绘到底")


# ------------------------------------------------------------------ the segmenter
def test_the_segmenter_cuts_as_jieba_does(tmp_path):
    from layout.text.segment import Segmenter
    seg = Segmenter(tmp_path)
    for text in corpus():
        assert [w.text for w in seg.words(text)] == list(_jieba().cut(text, HMM=True))
    index, = (tmp_path / "segment").glob("jieba-*.sqlite")
    assert index.stat().st_size > 1_000_000


def test_a_damaged_index_is_made_again_and_no_index_still_segments(tmp_path):
    from layout.text.segment import Segmenter
    Segmenter(tmp_path)
    index, = (tmp_path / "segment").glob("jieba-*.sqlite")
    index.write_bytes(b"not a database" * 100)
    words = [w.text for w in Segmenter(tmp_path).words("北京警方破获一起电信诈骗案")]
    assert words == ["北京警方", "破获", "一起", "电信", "诈骗案"]
    assert index.stat().st_size > 1_000_000                 # made again
    plain = Segmenter(None)                                 # jieba's own load
    assert [w.text for w in plain.words("北京警方破获一起电信诈骗案")] == words
    assert plain.words("北京警方")[0].tag == "nt" and plain.freq("北京警方") > 0


def test_the_segmenter_loads_from_its_index_in_milliseconds(tmp_path):
    """The index is made once; a later process reads words from it without loading the
    dictionary: many times faster than jieba's own load (about half a second)."""
    from layout.text.segment import Segmenter
    Segmenter(tmp_path / "cache")
    code = f"""
import time
from pathlib import Path
from layout.text.segment import Segmenter, _jieba
jieba = _jieba()
t0 = time.perf_counter()
Segmenter(Path({str(tmp_path / "cache")!r})).words("北京警方破获一起电信诈骗案")
t1 = time.perf_counter()
plain = jieba.Tokenizer()
plain.tmp_dir = {str(tmp_path)!r}
plain.initialize()
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""
    ours, theirs = map(float, subprocess.run([sys.executable, "-c", code], check=True,
                                             capture_output=True, text=True,
                                             cwd=ROOT).stdout.split())
    assert ours < 0.1 and ours < theirs / 5, (ours, theirs)


def test_jieba_is_not_imported_when_every_headline_fits_one_line(tmp_path):
    edition = write_edition(tmp_path / "ed", slots=[
        {"article": "lead", "column": 1, "span": 6, "top": 0, "height": 20},
        {"article": "side", "column": 1, "span": 3, "top": 20, "height": 30}])
    code = ("import sys; from pathlib import Path; from layout.build import compose_edition; "
            "from layout.fonts import FontLibrary; "
            f"compose_edition(Path({str(edition)!r}), FontLibrary()); "
            "print('jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=ROOT).stdout
    assert out.strip() == "False"


def test_a_slot_s_headline_size_is_where_fitting_starts():
    """A size given by the slot (the placer's rank) replaces the style's largest size;
    the headline still shrinks to fit, down to the style's smallest, and a fixed leading
    scales with the size."""
    ctx = context(headline={"leading": 26.0})
    text = "开学日喜收工会礼包"
    large = head.set_headline(ctx, text, "headline", 400.0, size=30)
    assert large.size == 30 and large.leading == pytest.approx(26 * 30 / 22, abs=0.01)
    assert all(a == pytest.approx(30, abs=0.002) for a in _advances(large.lines[0]))
    small = head.set_headline(ctx, text, "headline", 400.0, size=18)
    assert small.size == 18
    # too wide at 30 pt for one line: fitted down, never below the style's min_size
    narrow = head.set_headline(ctx, text, "headline", 9 * 20.0, size=30)
    assert len(narrow.lines) == 1 and 16 <= narrow.size < 30
    assert head.line_width(narrow.lines[0]) <= 9 * 20.0 + 0.01
    assert not ctx.sink.warnings

"""Properties of reading page text, over generated pages that mix the shapes of real ones:
no character is lost or duplicated, every line gets a role, paragraphs cut by column
breaks are joined back exactly."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.diagnostics import EpaperError, Sink
from layout.importer.classify import title_problem
from layout.importer.parse import parse_page
from tests.importer.accounting import page_ink
from tests.importer.test_dev_pages import ROLES

RUN = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IDEOGRAPHS = "工会职工活动开展关心关爱干部北京市总海淀区新就业形态劳动者温暖组织建设服务"
HANT = str.maketrans("会动关爱干区业态劳组织设务", "會動關愛幹區業態勞組織設務")
NAMES = st.sampled_from(["张三", "李　四", "王晓峰", "陈思远", "赵　敏"])
CLAUSES = st.text(alphabet=IDEOGRAPHS, min_size=2, max_size=14)
SENTENCE = st.lists(CLAUSES, min_size=1, max_size=5).map(lambda cs: "，".join(cs) + "。")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map("".join)
TITLE = st.text(alphabet=IDEOGRAPHS, min_size=3, max_size=18)


@st.composite
def cut(draw, paragraph: str) -> str:
    """``paragraph`` cut by up to two column breaks at random places."""
    points = sorted(draw(st.sets(st.integers(1, max(1, len(paragraph) - 1)), max_size=2)))
    pieces = [paragraph[a:b] for a, b in zip([0, *points], [*points, len(paragraph)])]
    return draw(st.sampled_from(["\n\n", "\n\n\n", "\n"])).join(p for p in pieces if p)


BLOCKS = st.one_of(
    TITLE,                                                                    # headline
    st.tuples(TITLE, TITLE).map("\n".join),                                    # kicker + headline
    st.tuples(TITLE, TITLE).map(lambda t: f"{t[0]}\n——{t[1]}"),                # headline + deck
    NAMES.map(lambda n: f"本报记者　{n}"),                                       # byline line
    st.tuples(NAMES, PARAGRAPH).map(lambda t: f"本报讯（记者 {t[0]}）{t[1]}"),     # run-in byline
    PARAGRAPH.map(lambda p: f"本报北京3月5日电　{p}"),                            # dateline
    PARAGRAPH.flatmap(cut),                                                   # cut paragraph
    PARAGRAPH,
    st.tuples(st.sampled_from("一二三四"), TITLE).map(lambda t: f"{t[0]}、{t[1]}"),  # subhead
    st.tuples(st.sampled_from("①②③"), SENTENCE, NAMES).map(
        lambda t: f"图{t[0]}：{t[1]}　{t[2]}摄"),                                  # caption
    NAMES.map(lambda n: f"新华社记者　{n}摄"),                                    # credit line
    NAMES.map(lambda n: f"以上图片均为本报记者　{n}摄"),                            # group credit
    PARAGRAPH.map(lambda p: "编者按：" + p),
    PARAGRAPH.map(lambda p: "导语：" + p),
    st.just("（完）"),
    st.tuples(PARAGRAPH, NAMES).map(lambda t: f"{t[0]}（{t[1]}）"),              # end byline
    st.tuples(NAMES, NAMES).map(lambda t: f"责任编辑：{t[0]}　版式设计：{t[1]}"),    # furniture
    NAMES.map(lambda n: f"制图：{n}"),
    st.just("资料来源：国家统计局"), st.just("2025年3月6日　星期四"), st.just("第4版　要闻"),
    st.just("本报评论员"), NAMES.map(lambda n: f"□ {n}"),
    st.text(alphabet=IDEOGRAPHS + "，。！？“”（）、：——…3 \u3000ABC", max_size=30),  # noise
)
SEPARATORS = st.sampled_from(["\n", "\n\n", "\n\n", "\n\n\n\n", "\n\u3000\u3000"])


@st.composite
def pages(draw) -> str:
    blocks = draw(st.lists(BLOCKS, min_size=1, max_size=14))
    seps = draw(st.lists(SEPARATORS, min_size=len(blocks), max_size=len(blocks)))
    text = "".join(b + s for b, s in zip(blocks, seps))
    return text.translate(HANT) if draw(st.booleans()) else text


def ink(text: str) -> Counter:
    return Counter(re.sub(r"\s+", "", text))


@RUN
@given(pages())
def test_no_character_is_lost_or_duplicated(text):
    """Every non-whitespace character of the text is in an item (or the labels its styles
    print), or in the page furniture — exactly once — or the text is refused as empty."""
    sink = Sink()
    try:
        page = parse_page(text, sink=sink)
    except EpaperError as exc:
        assert exc.diagnostic.code == "import-empty"
        return
    assert page_ink(page) == ink(text)


@RUN
@given(pages())
def test_every_line_gets_one_role(text):
    try:
        page = parse_page(text)
    except EpaperError:
        return
    lines = [n for n, row in enumerate(text.split("\n"), 1) if row.strip()]
    assert [b.line for b in page.blocks] == lines
    assert all(b.role in ROLES and b.why for b in page.blocks)
    assert all(b.item is None or 0 <= b.item < len(page.items) for b in page.blocks)
    assert all((b.item is None) == (b.role == "furniture") for b in page.blocks)


ARTICLES = st.lists(st.tuples(TITLE, st.lists(PARAGRAPH, min_size=1, max_size=4)),
                    min_size=1, max_size=3)
BYLINE = "本报讯（记者 张三）"


@RUN
@given(ARTICLES, st.sampled_from(["columns", "wrapped"]), st.data())
def test_column_breaks_are_joined_back(articles, style, data):
    """Paragraphs cut at random points into pieces none of which could stand as a title
    (title_problem is not empty) and not right after the end of a sentence (which reads as
    the end of a paragraph), written out in either layout, read back exactly."""
    blocks = []
    for headline, paragraphs in articles:
        blocks.append(headline)
        for k, paragraph in enumerate(paragraphs):
            text = BYLINE + paragraph if k == 0 else paragraph
            points = data.draw(st.sets(st.integers(1, len(text) - 1), max_size=4))
            cuts = sorted(p for p in points if title_problem(text[:p]) and text[p - 1] != "。")
            pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
            if style == "wrapped":
                blocks.append("\u3000\u3000" + "\n".join(pieces))
            else:
                blocks.append(data.draw(st.sampled_from(["\n\n", "\n\n\n\n"])).join(pieces))
    page = parse_page("\n\n".join(blocks) + "\n", sink=(sink := Sink()))
    assert [(i.kind, i.headline, i.byline, i.paragraphs) for i in page.items] == [
        ("article", h, BYLINE, tuple(ps)) for h, ps in articles]
    assert {d.code for d in sink if d.severity != "info"} <= {"suspicious-join"}

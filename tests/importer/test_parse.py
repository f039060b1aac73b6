"""Reading page-shaped plain text: items, bylines, credits, column-break joins, diagnostics."""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.diagnostics import EpaperError, Sink
from layout.importer.parse import (ID_PATTERN, ParsedItem, make_id, parse_page_text,
                                   read_page_text)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_d2de7f8a755e4a77.txt"


def ink(text: str) -> str:
    """The non-whitespace characters of ``text``."""
    return re.sub(r"\s+", "", text)


def item_text(item: ParsedItem) -> str:
    """Every field of an item holding page text, in page order."""
    return (item.kicker + item.headline + item.subheadline + (item.byline or "")
            + "".join(item.paragraphs) + (item.credit or ""))


def parse(text: str, file: str = "page.txt") -> tuple[list[ParsedItem], Sink]:
    sink = Sink()
    return parse_page_text(text, file=file, sink=sink), sink


@pytest.fixture(scope="module")
def seed() -> tuple[list[ParsedItem], Sink]:
    sink = Sink()
    return parse_page_text(read_page_text(SEED), file=str(SEED), sink=sink), sink


def by_headline(items: list[ParsedItem], start: str) -> ParsedItem:
    (item,) = [i for i in items if i.headline.startswith(start)]
    return item


# --------------------------------------------------------------------------- the seed page
def test_seed_items_in_page_order(seed):
    items, _ = seed
    assert [(i.kind, i.headline) for i in items] == [
        ("banner", "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面"),
        ("article", "市直机关工会开展关心关爱干部职工活动"),
        ("article", "房山区总工会慰问北车营村灾后重建项目职工"),
        ("article", "首都儿科研究所检验中心职工有了“温馨小家”"),
        ("article", "海淀区总工会基层组织建设工作取得“开门红”"),
        ("photo", "开学日喜收工会礼包"),
        ("article", "朝外职工队伍素质提升实践录展览开展"),
        ("article", "市物业行业工会联合会为一线职工送温暖"),
        ("photo", "市药监局工会开展拔河联谊活动"),
    ]
    assert [i.line for i in items] == [3, 5, 17, 25, 33, 47, 53, 67, 77]
    assert items[0].paragraphs == () and items[0].byline is None


def test_seed_bylines_are_moved_out_of_the_text(seed):
    items, _ = seed
    lead = by_headline(items, "市直机关工会")
    assert lead.byline == "本报讯（记者 宗晓畅）"
    assert lead.paragraphs[0].startswith("记者近日从市直机关工会了解到，")
    assert by_headline(items, "首都儿科").byline == "本报讯（记者 宗晓畅 通讯员 贾雯）"
    assert by_headline(items, "朝外").byline == "本报讯（记者 刘欣欣）"
    for item in items:
        if item.kind == "article":
            assert item.byline.startswith("本报讯（") and item.byline.endswith("）")
            assert not any("本报讯" in p for p in item.paragraphs)
        else:
            assert item.byline is None


def test_seed_photo_credits(seed):
    items, _ = seed
    first, second = [i for i in items if i.kind == "photo"]
    assert first.credit == "通讯员 葛然 摄影报道"
    assert second.credit == "本报记者 周美玉 摄影报道"
    assert first.paragraphs[-1].endswith("祝福学生“一路向阳，梦想成真”。")
    assert second.paragraphs == ("近日，北京市药监局工会开展了“新年新址新气象 扬帆奋进再出发”拔河联谊"
                                 "活动。比赛现场，职工们个个精神抖擞，劲头十足，呐喊声将联谊活动推向高潮。"
                                 "下一步，市药监局工会将以活动为载体，不断提升干部职工的凝聚力和向心力。",)
    assert not any("摄影报道" in p for i in items for p in i.paragraphs)


def test_seed_column_breaks_are_joined(seed):
    items, _ = seed
    lead = by_headline(items, "市直机关工会")
    assert len(lead.paragraphs) == 3
    assert "面向全体职工广泛开展两节慰问和丰富多彩的文体活动，" in lead.paragraphs[1]
    assert "共同举办工会会员专享服务活动" in lead.paragraphs[2]
    paragraphs = [p for i in items for p in i.paragraphs]
    assert not [p for p in paragraphs if p.startswith(("富多彩", "员专享", "身健体", "彩瞬间",
                                                       "调研，", "工人队伍", "要立足岗位"))]
    assert any("“广大物业职工要立足岗位，服务大局" in p for p in paragraphs)
    assert any("职工技能大赛的精彩瞬间。" in p for p in paragraphs)
    assert [len(i.paragraphs) for i in items if i.kind == "article"] == [3, 3, 2, 4, 4, 2]


def test_seed_suspicious_join_is_kept_and_reported(seed):
    items, sink = seed
    haidian = by_headline(items, "海淀区总工会")
    assert any("严格落实实工作月报制度，通报工作进度" in p for p in haidian.paragraphs)
    joins = [d for d in sink if d.code == "suspicious-join"]
    assert len(joins) == 1
    (warning,) = joins
    assert warning.severity == "warning"
    assert warning.file == str(SEED) and warning.line == 37
    assert "落实｜实工作" in warning.message
    assert warning.hint == "check the original; the text is kept as it is"
    assert warning.article == make_id(haidian, items.index(haidian))
    assert warning.data["before"].endswith("落实") and warning.data["after"].startswith("实")


def test_seed_gives_no_other_diagnostics(seed):
    _, sink = seed
    assert [d.code for d in sink] == ["suspicious-join"]


def test_seed_nothing_lost_or_duplicated(seed):
    items, sink = seed
    assert not [d for d in sink if d.code == "page-furniture"]
    assert ink("".join(item_text(i) for i in items)) == ink(SEED.read_text(encoding="utf-8"))


def test_ids_are_file_safe_unique_and_stable(seed):
    items, _ = seed
    ids = [make_id(item, n) for n, item in enumerate(items)]
    assert ids == [make_id(item, n) for n, item in enumerate(items)]
    assert len(set(ids)) == len(ids)
    assert all(ID_PATTERN.fullmatch(i) for i in ids)
    assert ids[:3] == ["banner", "a02", "a03"] and ids[5] == "photo06"
    banner = items[0]
    assert len({make_id(banner, n) for n in range(30)}) == 30


# --------------------------------------------------------------------------- small inputs
PAGE = ("城市副中心职工之家揭牌\n\n本报讯（记者 张明）近日，城市副中心职工之家揭牌，为职工提供\n\n"
        "学习、休闲场所。\n\n职工之家设有阅读区。\n")


def test_crlf_and_bom_are_normalised(tmp_path):
    plain, crlf = tmp_path / "plain.txt", tmp_path / "crlf.txt"
    plain.write_bytes(PAGE.encode("utf-8"))
    crlf.write_bytes(b"\xef\xbb\xbf" + PAGE.replace("\n", "\r\n").encode("utf-8"))
    assert read_page_text(crlf) == read_page_text(plain) == PAGE
    items, _ = parse(read_page_text(crlf))
    assert items == parse(PAGE)[0]
    assert parse("\ufeff" + PAGE.replace("\n", "\r\n"))[0] == items
    (item,) = items
    assert item.headline == "城市副中心职工之家揭牌" and item.byline == "本报讯（记者 张明）"
    assert item.paragraphs == ("近日，城市副中心职工之家揭牌，为职工提供学习、休闲场所。", "职工之家设有阅读区。")


def test_blank_line_separated_paragraphs():
    text = ("第一条新闻标题\n\n本报讯（记者 甲乙）第一段。\n\n第二段，\n\n跨栏接续。\n\n\n\n"
            "第二条新闻标题\n\n本报讯 第二条第一段。\n")
    items, sink = parse(text)
    assert [(i.headline, i.byline, i.paragraphs) for i in items] == [
        ("第一条新闻标题", "本报讯（记者 甲乙）", ("第一段。", "第二段，跨栏接续。")),
        ("第二条新闻标题", "本报讯", ("第二条第一段。",)),
    ]
    assert not sink.warnings


def test_one_paragraph_per_line_without_blank_lines():
    text = "标题在最上面\n本报讯（记者 丙丁）第一段。\n第二段，说明\n情况。\n第三段。\n"
    (item,), _ = parse(text)
    assert item.paragraphs == ("第一段。", "第二段，说明情况。", "第三段。")


def test_numbered_subheadings_stay_in_the_article():
    text = ("专题报道标题\n\n本报讯（记者 丙丁）导语。\n\n一、坚持问题导向\n\n"
            "近日，各级工会深入一线，\n\n开展调研。\n\n（二）强化服务保障\n\n服务有力。\n")
    (item,), sink = parse(text)
    assert item.paragraphs == ("导语。", "一、坚持问题导向", "近日，各级工会深入一线，开展调研。",
                               "（二）强化服务保障", "服务有力。")
    assert not sink.warnings


def test_hard_wrapped_text_with_indentation():
    text = ("工会开展慰问活动\n\n本报记者 张三\n\n　　近日，工会开展了慰问活动。走访\n"
            "职工五十人。送去了\n慰问品。\n　　第二段开头，\n到此结束。\n")
    (item,), sink = parse(text)
    assert item.byline == "本报记者 张三"
    assert item.paragraphs == ("近日，工会开展了慰问活动。走访职工五十人。送去了慰问品。",
                               "第二段开头，到此结束。")


def test_kicker_and_subheadline_below_the_first_item():
    text = ("第一条标题\n\n本报讯（记者 张三）正文。\n\n"
            "引题在主题上面\n主题是这一行\n——副题在这里\n\n本报讯（记者 李四）内容。\n")
    items, _ = parse(text)
    second = items[1]
    assert (second.kicker, second.headline, second.subheadline) == (
        "引题在主题上面", "主题是这一行", "——副题在这里")
    assert second.line == 5 and [i.kind for i in items] == ["article", "article"]


def test_page_furniture_is_left_out_and_reported():
    text = ("2024年2月26日 星期一\n\n第3版 工会新闻\n\n" + PAGE + "\n责任编辑：王五 美编：赵六\n\n3\n")
    items, sink = parse(text)
    notes = [d for d in sink if d.code == "page-furniture"]
    assert [(d.severity, d.line, d.data["text"]) for d in notes] == [
        ("info", 1, "2024年2月26日 星期一"), ("info", 3, "第3版 工会新闻"),
        ("info", 13, "责任编辑：王五 美编：赵六"), ("info", 15, "3")]
    assert [replace(i, line=0) for i in items] == [replace(i, line=0) for i in parse(PAGE)[0]]
    assert items[0].line == 5


def test_photo_credit_in_brackets_and_split_byline():
    text = ("雪后故宫\n\n昨日，故宫迎来降雪，游客赏雪拍照。（本报记者 王伟 摄）\n\n"
            "新闻标题示例\n\n本报讯（记者 宗晓\n\n畅）近日，活动举行。\n")
    photo, article = parse(text)[0]
    assert photo.kind == "photo" and photo.credit == "（本报记者 王伟 摄）"
    assert photo.paragraphs == ("昨日，故宫迎来降雪，游客赏雪拍照。",)
    assert article.byline == "本报讯（记者 宗晓畅）" and article.paragraphs == ("近日，活动举行。",)


def test_credit_in_an_article_stays_in_the_text():
    text = "长标题的新闻报道\n\n本报讯（记者 张三）正文内容。\n\n本报记者 李四 摄\n"
    (item,), _ = parse(text)
    assert item.kind == "article" and item.credit is None
    assert item.paragraphs == ("正文内容。", "本报记者 李四 摄")


def test_byline_at_the_end_of_an_article():
    text = ("第一条新闻标题\n\n近日，工会举办活动。\n\n（本报记者 张三）\n\n"
            "第二条新闻标题\n\n本报讯（记者 李四）正文。\n")
    first, second = parse(text)[0]
    assert first.paragraphs == ("近日，工会举办活动。", "（本报记者 张三）")
    assert (second.headline, second.byline) == ("第二条新闻标题", "本报讯（记者 李四）")


def test_latin_word_split_is_reported():
    text = "国际新闻标题\n\n本报讯（记者 张三）会议在Bei\n\njing举行。\n"
    (item,), sink = parse(text)
    assert item.paragraphs == ("会议在Beijing举行。",)
    (warning,) = sink.warnings
    assert warning.code == "suspicious-join" and warning.data["rule"] == "split-word"
    assert warning.line == 3


def test_uncertain_readings_are_warned():
    text = "没有标题的一段文字，在最前面。\n\n短讯标题\n\n近日，发生了一件事。\n"
    items, sink = parse(text, file="p.txt")
    assert [i.headline for i in items] == ["", "短讯标题"]
    assert [(d.code, d.file, d.line) for d in sink.warnings] == [
        ("missing-headline", "p.txt", 1), ("headline-guess", "p.txt", 3)]


@pytest.mark.parametrize("text", ["", "  \n\n\u3000\n", "\ufeff\r\n", "3\n\n2024年2月26日\n",
                                  "只有一行标题\n"])
def test_empty_or_unrecognisable_input(text):
    with pytest.raises(EpaperError) as info:
        parse_page_text(text, file="empty.txt")
    d = info.value.diagnostic
    assert d.code == "import-empty" and d.file == "empty.txt" and d.hint


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EpaperError) as info:
        parse_page_text(read_page_text(path), file=str(path))
    assert info.value.diagnostic.code == "import-empty"


@pytest.mark.parametrize("data, line", [(b"\xe6\xa0\x87\xe9\xa2\x98\n\n\xff\xfe", 3),
                                        (b"\x00\xff\xfe\x00binary", 1),
                                        ("标题\n正文".encode("gb18030"), 1),
                                        (b"text\n\x00\x00", 2)])
def test_undecodable_input(tmp_path, data, line):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    with pytest.raises(EpaperError) as info:
        read_page_text(path)
    d = info.value.diagnostic
    assert d.code == "text-encoding" and d.file == str(path) and d.line == line and d.hint
    assert "page.txt" in d.one_line()


def test_gbk_input_gets_a_conversion_hint(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes("市直机关工会开展关心关爱干部职工活动".encode("gbk"))
    with pytest.raises(EpaperError) as info:
        read_page_text(path)
    assert "GB18030" in info.value.diagnostic.hint


def test_missing_file(tmp_path):
    with pytest.raises(EpaperError) as info:
        read_page_text(tmp_path / "missing.txt")
    assert "missing.txt" in info.value.diagnostic.one_line()


def test_pathological_lines_are_read_quickly():
    start = time.perf_counter()
    for line in ("记者 " * 5000 + "张三", "（" * 3000 + "记者", "通讯员 张三、" * 2000 + "李四",
                 "本报讯（" + "记者 " * 3000, " ".join(["记者张三"] * 2000)):
        for text in ("标题\n\n本报讯 " + line, "标题\n\n" + line, line[:79] + "\n\n" + line[:40]):
            with contextlib.suppress(EpaperError):
                parse_page_text(text + "\n")
    assert time.perf_counter() - start < 5


# --------------------------------------------------------------------------- properties
RUN = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IDEOGRAPHS = "工会职工活动开展关心关爱干部北京市总海淀区新就业形态劳动者温暖组织建设服务"
CLAUSES = st.text(alphabet=IDEOGRAPHS, min_size=2, max_size=12)
PARAGRAPHS = st.lists(CLAUSES, min_size=2, max_size=6).map(lambda cs: "，".join(cs) + "。")
HEADLINES = st.text(alphabet=IDEOGRAPHS, min_size=4, max_size=20)
ARTICLES = st.lists(st.tuples(HEADLINES, st.lists(PARAGRAPHS, min_size=1, max_size=4)),
                    min_size=1, max_size=3)
BYLINE = "本报讯（记者 张三）"


@RUN
@given(ARTICLES, st.sampled_from(["columns", "wrapped"]), st.data())
def test_column_breaks_are_joined_back(articles, style, data):
    """Paragraphs cut at random points after their first comma (so that no piece looks like
    a headline) and written out in either layout read back exactly."""
    blocks = []
    for headline, paragraphs in articles:
        blocks.append(headline)
        for k, paragraph in enumerate(paragraphs):
            text = BYLINE + paragraph if k == 0 else paragraph
            first = text.index("，") + 1
            cuts = sorted(data.draw(st.sets(st.integers(first, len(text) - 1), max_size=4)))
            pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
            if style == "wrapped":
                blocks.append("\u3000\u3000" + "\n".join(pieces))
            else:
                blocks.append(data.draw(st.sampled_from(["\n\n", "\n\n\n\n"])).join(pieces))
    items, sink = parse("\n\n".join(blocks) + "\n")
    assert [(i.kind, i.headline, i.byline, i.paragraphs) for i in items] == [
        ("article", h, BYLINE, tuple(ps)) for h, ps in articles]
    assert {d.code for d in sink} <= {"suspicious-join"}


TOKENS = st.one_of(
    st.sampled_from(IDEOGRAPHS),
    st.sampled_from("，。！？“”（）、：——…3"),
    st.sampled_from([" ", "\u3000", "\n", "\n\n", "\n\n\n"]),
    st.sampled_from(["本报讯（记者 张三）", "通讯员 葛然 摄影报道", "本报记者 周美玉", "责任编辑：张三",
                     "2024年2月26日", "（李四 摄）", "Bei", "jing"]),
)


@RUN
@given(st.lists(TOKENS, max_size=80).map("".join))
def test_nothing_lost_or_duplicated(text):
    """Every non-whitespace character outside reported page furniture comes out once, in
    order — or the text is refused as empty."""
    sink = Sink()
    try:
        items = parse_page_text(text, sink=sink)
    except EpaperError as exc:
        assert exc.diagnostic.code == "import-empty"
        return
    left_out = {d.line for d in sink if d.code == "page-furniture"}
    kept = [line for n, line in enumerate(text.split("\n"), 1) if n not in left_out]
    assert ink("".join(item_text(i) for i in items)) == ink("\n".join(kept))
    assert all(i.kind in ("article", "photo", "banner") for i in items)

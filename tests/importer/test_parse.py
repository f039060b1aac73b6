"""Reading page-shaped text: items, title blocks, bylines, subheads, pictures, furniture,
column-break joins, diagnostics and the roles of lines (layout.importer.parse)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from layout.diagnostics import EpaperError, Sink
from layout.importer.parse import ID_PATTERN, make_id, parse_page, read_page_text
from layout.spec.model import Subhead
from tests.importer.accounting import page_ink

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_d2de7f8a755e4a77.txt"


def parse(text: str, file: str = "page.txt"):
    sink = Sink()
    return parse_page(text, file=file, sink=sink), sink


def one(text: str):
    """The only item of ``text`` and the diagnostics."""
    page, sink = parse(text)
    (item,) = page.items
    return item, sink


def roles(page) -> dict[int, str]:
    return {b.line: b.role for b in page.blocks}


def codes(sink: Sink) -> list[str]:
    return [d.code for d in sink if d.severity != "info"]


@pytest.fixture(scope="module")
def seed():
    sink = Sink()
    return parse_page(read_page_text(SEED), file=str(SEED), sink=sink), sink


def by_headline(items, start: str):
    (item,) = [i for i in items if i.headline.startswith(start)]
    return item


# --------------------------------------------------------------------------- the seed page
def test_seed_items_in_page_order(seed):
    page, _ = seed
    assert [(i.kind, i.headline) for i in page.items] == [
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
    assert [i.line for i in page.items] == [3, 5, 17, 25, 33, 47, 53, 67, 77]
    assert page.items[0].paragraphs == () and page.items[0].byline == ""
    assert page.language == "zh-Hans" and not page.furniture


def test_seed_bylines_are_run_in(seed):
    items = seed[0].items
    assert by_headline(items, "市直机关工会").byline == "本报讯（记者 宗晓畅）"
    assert by_headline(items, "首都儿科").byline == "本报讯（记者 宗晓畅 通讯员 贾雯）"
    for item in items:
        if item.kind == "article":
            assert item.byline.startswith("本报讯（") and item.byline_position == "run_in"
            assert not any("本报讯" in p for p in item.texts)


def test_seed_photo_items_have_caption_and_credit(seed):
    first, second = [i for i in seed[0].items if i.kind == "photo"]
    assert [(p.caption[-12:], p.credit) for p in first.photos] == [
        ("“一路向阳，梦想成真”。", "通讯员 葛然 摄影报道")]
    assert second.photos[0].credit == "本报记者 周美玉 摄影报道"
    assert second.photos[0].caption.startswith("近日，北京市药监局工会开展了“新年新址新气象")
    assert first.paragraphs == second.paragraphs == ()


def test_seed_column_breaks_are_joined(seed):
    items = seed[0].items
    lead = by_headline(items, "市直机关工会")
    assert len(lead.paragraphs) == 3
    assert "面向全体职工广泛开展两节慰问和丰富多彩的文体活动，" in lead.paragraphs[1]
    assert "共同举办工会会员专享服务活动" in lead.paragraphs[2]
    paragraphs = [p for i in items for p in i.texts]
    assert not [p for p in paragraphs if p.startswith(("富多彩", "员专享", "身健体", "彩瞬间",
                                                       "调研，", "工人队伍", "要立足岗位"))]
    assert [len(i.paragraphs) for i in items if i.kind == "article"] == [3, 3, 2, 4, 4, 2]


def test_seed_suspicious_join_is_kept_and_reported(seed):
    page, sink = seed
    haidian = by_headline(page.items, "海淀区总工会")
    assert any("严格落实实工作月报制度，通报工作进度" in p for p in haidian.texts)
    (warning,) = [d for d in sink if d.code == "suspicious-join"]
    assert warning.file == str(SEED) and warning.line == 37 and "落实｜实工作" in warning.message
    assert warning.article == make_id(haidian, page.items.index(haidian))


def test_seed_gives_no_other_diagnostics(seed):
    assert [d.code for d in seed[1]] == ["suspicious-join"]


def test_seed_nothing_lost_or_duplicated(seed):
    assert page_ink(seed[0]) == Counter(re.sub(r"\s+", "", SEED.read_text(encoding="utf-8")))


def test_ids_are_file_safe_unique_and_stable(seed):
    items = seed[0].items
    ids = [make_id(item, n) for n, item in enumerate(items)]
    assert len(set(ids)) == len(ids) and all(ID_PATTERN.fullmatch(i) for i in ids)
    assert ids[:3] == ["banner", "a02", "a03"] and ids[5] == "photo06"
    assert len({make_id(items[0], n) for n in range(30)}) == 30
    with pytest.raises(ValueError):
        make_id(items[0], -1)


def test_every_line_has_a_role_and_a_reason(seed):
    page = seed[0]
    lines = [n for n, row in enumerate(SEED.read_text(encoding="utf-8").split("\n"), 1)
             if row.strip()]
    assert [b.line for b in page.blocks] == lines
    assert all(b.role and b.why for b in page.blocks)
    assert roles(page)[11] == "continuation" and roles(page)[49] == "caption"
    assert roles(page)[81] == "credit" and page.blocks[0].role == "banner"


# --------------------------------------------------------------------------- title blocks
NEWS = "本报讯（记者 张三）近日，活动举行。\n"


def test_kicker_headline_and_deck():
    page, _ = parse("第一条标题\n\n本报讯（记者 甲乙）正文。\n\n"
                    "引题在主题上面\n主题是这一行\n——副题在这里\n\n" + NEWS)
    second = page.items[1]
    assert (second.kicker, second.headline, second.subheadline) == (
        "引题在主题上面", "主题是这一行", "——副题在这里")
    assert second.line == 5


def test_three_title_lines_are_kicker_headline_deck():
    page, _ = parse("坚持稳中求进　推动高质量发展\n全国春季农业生产开局良好\n"
                    "冬小麦一类二类苗比例高于上年，春播备耕物资供应充足\n\n" + NEWS)
    (item,) = page.items
    assert (item.kicker, item.headline, item.subheadline) == (
        "坚持稳中求进　推动高质量发展", "全国春季农业生产开局良好",
        "冬小麦一类二类苗比例高于上年，春播备耕物资供应充足")


@pytest.mark.parametrize("a, b, kicker", [
    ("法治护航", "最高法发布一批优化营商环境典型案例", True),
    ("全国铁路春运发送旅客再创新高", "累计发送旅客五亿余人次", False),
    ("记者手记", "在石阶上", True)])
def test_two_title_lines_in_simplified_script(a, b, kicker):
    item, sink = one(f"{a}\n{b}\n\n{NEWS}")
    assert (item.kicker, item.headline, item.subheadline) == (
        (a, b, "") if kicker else ("", a, b))


def test_two_title_lines_of_similar_length_are_a_warned_guess():
    item, sink = one(f"开局良好稳中有进\n春耕生产全面展开了\n\n{NEWS}")
    assert item.kicker == "开局良好稳中有进"
    (warning,) = [d for d in sink if d.code == "headline-order"]
    assert warning.line == 1


def test_two_title_lines_in_traditional_script_are_headline_and_deck():
    item, _ = one("新春市集人氣旺\n市民爭購年花揮春\n\n香港文匯報訊（記者 張家樂）農曆新年將至，"
                       "全港多個年宵市場昨日起陸續開放，市民一家大小前來選購年花。\n")
    assert (item.kicker, item.headline, item.subheadline) == ("", "新春市集人氣旺",
                                                              "市民爭購年花揮春")
    assert item.byline == "香港文匯報訊（記者 張家樂）"


def test_banner_at_the_top_of_the_page():
    page, sink = parse("深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面\n\n"
                       "市直机关工会开展活动\n\n"
                       + NEWS)
    assert [(i.kind, i.headline) for i in page.items] == [
        ("banner", "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面"), ("article",
                                                                              "市直机关工会开展活动")]
    assert roles(page)[1] == "banner" and not sink.warnings


def test_a_first_line_not_much_longer_is_no_banner():
    page, _ = parse("坚持稳中求进　推动高质量发展\n全国春季农业生产开局良好\n\n" + NEWS)
    assert [i.kind for i in page.items] == ["article"]


def test_a_bare_name_under_the_headline_is_the_byline():
    item, sink = one("如何让传统村落活起来\n王建国\n\n传统村落是不可再生的文化资源。\n")
    assert (item.headline, item.byline, item.byline_position) == ("如何让传统村落活起来", "王建国",
                                                                   "line")
    assert [d.code for d in sink.warnings] == ["byline-guess"]


def test_a_byline_line_is_never_a_headline():
    page, _ = parse("市总工会开展送温暖活动\n\n本报记者 张三\n\n近日，市总工会开展送温暖活动。\n\n"
                    "本报记者 李四\n\n另一篇文章的标题\n\n本报讯 第二篇正文。\n")
    assert [i.headline for i in page.items] == ["市总工会开展送温暖活动", "另一篇文章的标题"]
    assert roles(page)[3] == "byline" and roles(page)[7] == "paragraph"


# --------------------------------------------------------------------------- bylines, datelines
def test_standalone_byline_and_dateline():
    item, _ = one("全国春季农业生产开局良好\n\n本报记者　王晓峰　刘佳琪\n\n"
                       "本报北京3月5日电　记者从农业农村部获悉：春耕有序推进。\n")
    assert (item.byline, item.byline_position, item.dateline) == (
        "本报记者　王晓峰　刘佳琪", "line", "本报北京3月5日电")
    assert item.paragraphs == ("记者从农业农村部获悉：春耕有序推进。",)


def test_dateline_with_run_in_byline():
    item, _ = one("最高法发布典型案例\n\n本报北京3月5日电　（记者李明轩）最高人民法院5日发布案例。"
                  "\n")
    assert (item.dateline, item.byline, item.byline_position) == (
        "本报北京3月5日电", "（记者李明轩）", "run_in")
    assert item.paragraphs == ("最高人民法院5日发布案例。",)


def test_two_byline_lines_make_one_byline():
    item, _ = one("标题在这里\n\n本报记者 张三\n本报通讯员 李四\n\n本报讯 近日，活动举行。\n")
    assert item.byline == "本报记者 张三　本报通讯员 李四" and item.byline_position == "line"
    assert item.dateline == "本报讯" and item.paragraphs == ("近日，活动举行。",)


def test_run_in_byline_split_by_a_column_break():
    item, _ = one("新闻标题示例\n\n本报讯（记者 宗晓\n\n畅）近日，活动举行。\n")
    assert item.byline == "本报讯（记者 宗晓畅）" and item.paragraphs == ("近日，活动举行。",)


def test_a_byline_in_brackets_after_the_text_stays_there_and_ends_the_article():
    page, sink = parse("第一条新闻标题\n\n近日，工会举办活动。（耿　磊）\n\n春季防火进入关键期\n\n"
                       "有关部门提醒，注意防火。\n")
    first, second = page.items
    assert first.paragraphs == ("近日，工会举办活动。（耿　磊）",)
    assert second.headline == "春季防火进入关键期" and "headline-guess" not in codes(sink)


def test_unsigned_byline_above_a_headline():
    page, _ = parse("第一篇标题\n\n本报讯 第一篇正文。\n\n本报评论员\n\n以实干担当书写时代答卷\n\n"
                    "新时代新征程，机遇与挑战并存。\n")
    assert [(i.headline, i.byline) for i in page.items] == [
        ("第一篇标题", "本报讯"), ("以实干担当书写时代答卷", "本报评论员")]


# --------------------------------------------------------------------------- subheads
def test_numbered_subheads_are_subheads():
    item, sink = one("专题报道标题\n\n本报讯（记者 丙丁）导语。\n\n一、坚持问题导向\n\n"
                          "近日，各级工会深入一线，\n\n开展调研。\n\n（二）强化服务保障\n\n"
                          "服务有力。\n")
    assert item.paragraphs == ("导语。", Subhead(subhead="一、坚持问题导向"),
                               "近日，各级工会深入一线，开展调研。",
                               Subhead(subhead="（二）强化服务保障"), "服务有力。")
    assert not sink.warnings


FEATURE = ("古村新生记\n\n本报记者　陈　静\n\n初春时节，记者来到石门坑村。\n\n十年前，"
           "这里还是另一番景象。\n\n"
           "老房子，住进新生活\n\n改变从修缮老屋开始。\n\n修缮中，施工队使用当地材料。\n\n"
           "文化留住乡愁\n\n祠堂里每逢周末都有村晚。\n\n村里还建了村史馆。\n")


def test_several_short_lines_heading_paragraphs_are_subheads():
    item, sink = one(FEATURE)
    assert [p.subhead for p in item.paragraphs if isinstance(p, Subhead)] == [
        "老房子，住进新生活", "文化留住乡愁"]
    (warning,) = sink.warnings
    assert warning.code == "subhead-guess" and warning.line == 9 and "9, 15" in warning.message


def test_short_lines_each_over_one_paragraph_are_briefs():
    page, sink = parse("第一条标题\n\n本报讯 第一条。\n\n第二条短讯标题\n\n第二条内容。\n\n"
                       "第三条短讯标题\n\n第三条内容。\n")
    assert [i.headline for i in page.items] == ["第一条标题", "第二条短讯标题", "第三条短讯标题"]
    assert codes(sink) == ["headline-guess", "headline-guess"]


def test_a_lone_short_line_is_a_warned_headline():
    page, sink = parse("没有标题的一段文字，在最前面。\n\n短讯标题\n\n近日，发生了一件事。\n",
                       file="p.txt")
    assert [i.headline for i in page.items] == ["", "短讯标题"]
    assert [(d.code, d.file, d.line) for d in sink.warnings] == [
        ("missing-headline", "p.txt", 1), ("headline-guess", "p.txt", 3)]


def test_a_lone_short_line_with_a_comma_continues_into_the_next():
    item, sink = one("标题在最上面\n\n本报讯（记者 丙丁）第一段。\n\n春运期间，铁路部门用足\n\n"
                          "运输能力，加开列车。\n")
    assert item.paragraphs == ("第一段。", "春运期间，铁路部门用足运输能力，加开列车。")
    assert codes(sink) == ["short-line-joined"]


def test_many_short_lines_in_a_row_are_kept_as_paragraphs():
    verse = "\n".join(f"第{n}行短句在这里" for n in "一二三四五六")
    item, sink = one("诗歌专栏\n\n本报讯 正文一段。\n\n" + verse + "\n")
    assert len(item.paragraphs) == 7 and codes(sink) == ["short-lines"]


# --------------------------------------------------------------------------- pictures
def test_numbered_captions_with_credits_and_a_group_credit():
    page, sink = parse("春到田间\n\n惊蛰过后，各地农民抢抓农时。\n\n图①：农民在麦田里追施肥料。"
                       "　汤德宏摄（人民视觉）\n\n"
                       "图②：工作人员查看秧苗。\n\n图③：农民搬运秧盘。\n\n"
                       "以上图片均为本报记者　刘　洋摄\n")
    (item,) = page.items
    assert item.kind == "photo" and item.paragraphs == ("惊蛰过后，各地农民抢抓农时。",)
    assert [(p.caption, p.credit) for p in item.photos] == [
        ("图①：农民在麦田里追施肥料。", "汤德宏摄（人民视觉）"), ("图②：工作人员查看秧苗。", ""),
        ("图③：农民搬运秧盘。", "以上图片均为本报记者　刘　洋摄")]
    assert [roles(page)[n] for n in (5, 7, 9, 11)] == ["caption"] * 3 + ["credit"]


def test_caption_after_a_short_headline_with_the_credit_on_its_own_line():
    page, _ = parse("候鸟北归\n\n一群白天鹅在湿地栖息。\n\n新华社记者　孙　凡摄\n\n古城夜色\n\n"
                    "游客在古城游览。　赵　亮摄\n")
    assert [(i.kind, i.headline,
             [(p.caption, p.credit) for p in i.photos]) for i in page.items] == [
        ("photo", "候鸟北归", [("一群白天鹅在湿地栖息。", "新华社记者　孙　凡摄")]),
        ("photo", "古城夜色", [("游客在古城游览。", "赵　亮摄")])]


def test_picture_inside_an_article_does_not_end_it():
    item, _ = one("古村新生记\n\n本报记者 陈静\n\n正文第一段。\n\n图为修缮后的老屋。"
                  "　本报记者　陈　静摄\n\n"
                       "正文第二段。\n\n本报记者 李四 摄\n")
    assert item.kind == "article" and item.paragraphs == ("正文第一段。", "正文第二段。")
    assert [(p.caption, p.credit) for p in item.photos] == [
        ("图为修缮后的老屋。", "本报记者　陈　静摄"), ("", "本报记者 李四 摄")]


# --------------------------------------------------------------------------- notes, leads, ends
def test_editor_note_above_the_headline_goes_to_the_article_below():
    page, sink = parse("编者按：即日起，本版推出系列报道。\n\n走进乡村振兴一线\n古村新生记\n"
                       "——一座山村的新生\n\n"
                       "本报记者　陈　静\n\n正文。\n")
    (item,) = page.items
    assert (item.editor_note, item.labels, item.kicker) == ("即日起，本版推出系列报道。",
                                                            ("编者按：",),
                                                            "走进乡村振兴一线")
    assert roles(page)[1] == "editor_note"
    assert any(d.code == "label" and d.severity == "info" for d in sink)


def test_editor_note_under_the_headline():
    item, _ = one("古村新生记\n\n【编者按】本版推出系列报道，\n\n记录新探索。\n\n正文。\n")
    assert item.editor_note == "本版推出系列报道，记录新探索。" and item.labels == ("【编者按】",)
    assert item.paragraphs == ("正文。",)


def test_marked_lead_and_end_mark():
    item, _ = one("标题在这里\n\n导语：这是导语。\n\n新华社北京3月5日电　正文一段。\n\n（完）\n")
    assert (item.lead, item.labels, item.dateline) == ("这是导语。", ("导语：",),
                                                       "新华社北京3月5日电")
    assert item.paragraphs == ("正文一段。（完）",)


# --------------------------------------------------------------------------- furniture
def test_furniture_goes_to_header_footer_or_is_reported():
    page, sink = parse("2024年2月26日 星期一\n\n第3版 工会新闻\n\n城市副中心职工之家揭牌\n\n"
                       + NEWS + "\n制图：郑　爽\n资料来源：市总工会\n\n"
                       "责任编辑：王五 美编：赵六\n\n3\n")
    assert page.header == {"graphics": "郑　爽", "editor": "王五", "designer": "赵六"}
    assert page.footer == ("资料来源：市总工会",)
    assert page.labels == {"date": "2024-02-26", "page": "3", "section": "工会新闻"}
    notes = [(d.severity, d.line, d.data["place"]) for d in sink if d.code == "page-furniture"]
    assert notes == [("info", 1, "reported"), ("info", 3, "reported"), ("info", 9, "header"),
                     ("info", 10, "footer"), ("info", 12, "header"), ("info", 14, "reported")]
    assert [i.headline for i in page.items] == ["城市副中心职工之家揭牌"]
    assert all(b.role == "furniture" and b.item is None for b in page.blocks
               if b.line in (1, 3, 9, 10, 12, 14))


def test_section_name_next_to_the_date():
    page, _ = parse("评论\n2025年4月2日　星期三\n\n人民时评\n让“银发经济”更有温度\n\n正文一段。\n")
    assert page.labels["section"] == "评论"
    assert [(i.kicker, i.headline) for i in page.items] == [("人民时评", "让“银发经济”更有温度")]


def test_a_signature_at_the_end_of_the_page():
    item, sink = one("读者来信\n小区充电桩何时不再难求\n\n编辑同志：\n\n我家住在老旧小区，"
                     "希望增建充电设施。"
                          "\n\n江苏南京读者　赵　敏\n")
    assert item.paragraphs == ("编辑同志：", "我家住在老旧小区，希望增建充电设施。",
                               "江苏南京读者　赵　敏")
    assert codes(sink) == ["trailing-line"]


# --------------------------------------------------------------------------- text shapes
def test_crlf_and_bom_are_normalised(tmp_path):
    text = "城市副中心职工之家揭牌\n\n" + NEWS
    plain, crlf = tmp_path / "plain.txt", tmp_path / "crlf.txt"
    plain.write_bytes(text.encode("utf-8"))
    crlf.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert read_page_text(crlf) == read_page_text(plain) == text
    assert parse(read_page_text(crlf))[0] == parse(text)[0] == parse("\ufeff" + text)[0]


def test_blank_line_separated_paragraphs():
    page, sink = parse("第一条新闻标题\n\n本报讯（记者 甲乙）第一段。\n\n第二段，\n\n跨栏接续。\n\n"
                       "\n\n"
                       "第二条新闻标题\n\n本报讯 第二条第一段。\n")
    assert [(i.headline, i.byline, i.paragraphs) for i in page.items] == [
        ("第一条新闻标题", "本报讯（记者 甲乙）", ("第一段。", "第二段，跨栏接续。")),
        ("第二条新闻标题", "本报讯", ("第二条第一段。",))]
    assert not sink.warnings


def test_one_paragraph_per_line_without_blank_lines():
    item, _ = one("标题在最上面\n本报讯（记者 丙丁）第一段。\n第二段，说明今年的\n情况。\n第三段。"
                  "\n")
    assert item.paragraphs == ("第一段。", "第二段，说明今年的情况。", "第三段。")


def test_hard_wrapped_text_with_indentation():
    item, _ = one("工会开展慰问活动\n\n本报记者 张三\n\n　　近日，工会开展了慰问活动。走访\n"
                       "职工五十人。送去了\n慰问品。\n　　第二段开头，\n到此结束。\n")
    assert item.byline == "本报记者 张三"
    assert item.paragraphs == ("近日，工会开展了慰问活动。走访职工五十人。送去了慰问品。",
                               "第二段开头，到此结束。")


def test_latin_word_split_is_reported():
    item, sink = one("国际新闻标题\n\n本报讯（记者 张三）会议在Bei\n\njing举行。\n")
    assert item.paragraphs == ("会议在Beijing举行。",)
    (warning,) = sink.warnings
    assert warning.code == "suspicious-join" and warning.data["rule"] == "split-word"
    assert warning.line == 3


def test_traditional_text_is_read_as_zh_hant():
    page, _ = parse("港府推出新一輪資助計劃\n每間企業最高可獲一百萬元\n\n"
                    "【本報訊】記者何嘉敏報道：特區政府昨日公布"
                    "新一輪中小企業資助計劃，合資格企業最高可獲資助，用於數碼轉型。\n")
    assert page.language == "zh-Hant"
    assert page.items[0].byline == "【本報訊】記者何嘉敏報道："


def test_mixed_script_is_warned():
    _, sink = parse("标题在这里\n\n本报讯 这个国家的经济发展。這個國家的經濟發展，還有時間。\n")
    assert "mixed-script" in codes(sink)


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("text", ["", "  \n\n\u3000\n", "\ufeff\r\n", "3\n\n2024年2月26日\n",
                                  "只有一行标题\n"])
def test_empty_or_unrecognisable_input(text):
    with pytest.raises(EpaperError) as info:
        parse_page(text, file="empty.txt")
    d = info.value.diagnostic
    assert d.code == "import-empty" and d.file == "empty.txt" and d.hint


def test_a_page_of_only_headlines_names_its_lines():
    text = "\n\n".join(f"第{n}条新闻的标题在这里" for n in "一二三四五六七八九十") + "\n"
    with pytest.raises(EpaperError) as info:
        parse_page(text, file="heads.txt")
    assert "lines 1-19 are all headline-shaped" in info.value.diagnostic.message


def test_text_with_no_structure_is_one_warned_article():
    first = "这是一段没有标题的文字，没有署名，也没有电头。" * 20
    text = first + "\n\n" + "第二段也一样，只有文字。" * 10 + "\n"
    page, sink = parse(text)
    (item,) = page.items
    assert item.headline == "" and len(item.paragraphs) == 2
    assert [(d.code, d.line) for d in sink.warnings] == [("missing-headline", 1)]


def test_many_warnings_of_one_kind_are_summarised():
    text = "".join(f"第{n:03d}号短讯标题\n\n第{n:03d}号短讯的内容。\n\n" for n in range(120))
    page, sink = parse("第一条标题\n\n本报讯 正文。\n\n" + text)
    guesses = [d for d in sink if d.code == "headline-guess"]
    assert len(page.items) == 121 and len(guesses) == 41
    assert "80 more headline-guess diagnostics" in guesses[-1].message

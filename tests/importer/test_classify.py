"""Tests on single lines: titles, bylines, credits, datelines, captions, furniture, script,
paragraph ends and suspicious joins (layout.importer.classify and the rule tables)."""

from __future__ import annotations

import pytest

from layout.importer import rules as R
from layout.importer.classify import (
    JOIN_RULES,
    closes,
    credit_at_end,
    furniture_of,
    run_in,
    script_of,
    standalone,
    title_problem,
)


@pytest.mark.parametrize("text", [
    "全国春季农业生产开局良好", "老房子，住进新生活", "关于mRNA疫苗，你需要知道这些",
    "为什么需要冷链运输？", "社区食堂让老人吃上“暖心饭”", "坚持稳中求进　推动高质量发展",
    "基本消費物價指數升1.3%", "CRISPR技术助力水稻增产15%"])
def test_title_shapes(text):
    assert title_problem(text) == ""


@pytest.mark.parametrize("text, why", [
    ("近日，工会开展慰问活动。", "ends with"),
    ("他说：“你们怎么来了？”", "a quoted sentence"),
    ("第一句话。第二句话没有完", "a sentence inside"),
    ("据了解，暖心驿站的休闲区", "opens like running text"),
    ("今年以来，市直机关工委与市国资委工会共同举办工会会", "a clause longer than"),
    ("（作者为浙江大学公共管理学院教授）", "only a parenthesis"),
    ("“应装尽装”。", "ends with"),
    ("，接上一段", "starts with"),
    ("一" * 41, "longer than"),
    ("3", "fewer than two letters"),
])
def test_not_title_shapes(text, why):
    assert why in title_problem(text)


@pytest.mark.parametrize("text", [
    "本报记者　王晓峰　刘佳琪", "新华社记者　张　伟　陈思远", "■記者 李詠琪",
    "本报记者 张三 通讯员 李四",
    "文/张三", "本报评论员", "□ 王志强", "香港文匯報記者 張三", "本报驻江西记者 王丹",
    "（记者 赵文博）"])
def test_byline_lines(text):
    assert standalone(text)[0] == "byline"


@pytest.mark.parametrize("text", ["记者手记", "记者观察",
                                  "本报记者从市总工会获悉，活动将持续一周。",
                                  "新春走基层"])
def test_lines_that_are_not_bylines(text):
    assert standalone(text)[0] != "byline"


@pytest.mark.parametrize("text", [
    "通讯员 葛然 摄影报道", "本报记者 周美玉 摄影报道", "新华社记者　孙　凡摄",
    "以上图片均为本报记者　周　涛摄",
    "（中通社圖片）", "新华社发", "受访者供图", "（李四 摄）", "汤德宏摄（人民视觉）",
    "新华社发（陈　力摄）",
    "记者 林志強 攝", "图片均由市文旅局提供"])
def test_credit_lines(text):
    assert standalone(text)[0] == "credit"


@pytest.mark.parametrize("text, caption, credit", [
    ("游客在古城游览。　赵　亮摄", "游客在古城游览。", "赵　亮摄"),
    ("祝福学生“一路向阳”。通讯员 葛然 摄影报道", "祝福学生“一路向阳”。", "通讯员 葛然 摄影报道"),
    ("游客赏雪拍照。（本报记者 王伟 摄）", "游客赏雪拍照。", "（本报记者 王伟 摄）"),
    ("图①：农民在麦田里追施肥料　汤德宏摄（人民视觉）", "图①：农民在麦田里追施肥料",
     "汤德宏摄（人民视觉）"),
    ("維多利亞港燈火璀璨。（中通社圖片）", "維多利亞港燈火璀璨。", "（中通社圖片）"),
])
def test_credits_at_the_end_of_captions(text, caption, credit):
    assert credit_at_end(text) == (caption, credit)


@pytest.mark.parametrize("text", ["他说的话很有道理。", "这张照片是他亲手拍的。",
                                  "记者张三摄制了纪录片"])
def test_text_without_credit(text):
    assert credit_at_end(text) is None


@pytest.mark.parametrize("text, rule, dateline, byline", [
    ("本报讯（记者 宗晓畅）记者近日", "run-in byline", "", "本报讯（记者 宗晓畅）"),
    ("本报讯 记者 孟晓雪 通讯员 周丽 报道：受冷空气", "run-in byline", "",
     "本报讯 记者 孟晓雪 通讯员 周丽 报道："),
    ("【本報訊】記者何嘉敏報道：特區政府", "run-in byline", "", "【本報訊】記者何嘉敏報道："),
    ("香港文匯報訊（記者 張家樂）農曆", "run-in byline", "", "香港文匯報訊（記者 張家樂）"),
    ("本报北京3月5日电　（记者李明轩）最高", "dateline", "本报北京3月5日电", "（记者李明轩）"),
    ("本报石家庄3月5日电　京津冀", "dateline", "本报石家庄3月5日电", ""),
    ("新華社香港1月20日電　香港特區", "dateline", "新華社香港1月20日電", ""),
    ("新华社北京电　记者", "dateline", "新华社北京电", ""),
    ("〔記者陳怡君／台北報導〕氣象署", "run-in byline", "", "〔記者陳怡君／台北報導〕"),
    ("〔中央社〕端午節", "run-in byline", "", "〔中央社〕"),
])
def test_run_in_bylines_and_datelines(text, rule, dateline, byline):
    assert run_in(text)[:3] == (rule, dateline, byline)


@pytest.mark.parametrize("text", ["本报记者从国家电网获悉，今年用电量增长。",
                                  "记者近日从市总工会了解到",
                                  "据新华社报道，会议于昨日闭幕。"])
def test_paragraphs_without_dateline(text):
    assert run_in(text) is None


@pytest.mark.parametrize("text, kind", [
    ("图①：3月6日，农民在麦田里追施肥料。", "caption"), ("图为修缮后的老屋。", "caption"),
    ("上图：游客在参观。", "caption"), ("编者按：乡村是中华文明的根脉所在。", "editor_note"),
    ("【编者按】本版推出系列报道。", "editor_note"), ("导语：这是导语。", "lead"),
    ("（完）", "end"), ("本报北京3月5日电", "dateline")])
def test_tagged_lines(text, kind):
    assert standalone(text)[1] == kind


@pytest.mark.parametrize("text, numbered", [
    ("一、处理好保护与发展的关系", True), ("（二）强化服务保障", True),
    ("1.mRNA疫苗是怎样起作用的？", True),
    ("■ 守护一方水土", True), ("文化留住乡愁", False)])
def test_subhead_numbering(text, numbered):
    kind, tag, _ = standalone(text)
    assert kind == "title" and (tag == "numbered") == numbered


@pytest.mark.parametrize("text, place, fields", [
    ("责任编辑：孙立平　版式设计：赵　敏　校对：钱　多", "header",
     (("editor", "孙立平"), ("designer", "赵　敏"), ("proofreader", "钱　多"))),
    ("本版责编：周　航　版式设计：吴亦凡", "header", (("editor", "周　航"), ("designer",
                                                                             "吴亦凡"))),
    ("責任編輯：陳美玲　美術編輯：黃志明", "header", (("editor", "陳美玲"), ("designer",
                                                                             "黃志明"))),
    ("制图：郑　爽", "header", (("graphics", "郑　爽"),)),
    ("责任编辑：张三　统筹：李四", "footer", (("editor", "张三"),)),
    ("资料来源：国家统计局", "footer", ()), ("本版图片除署名外均为资料图片", "footer", ()),
    ("市民服务热线：12345", "footer", ()),
    ("2025年3月6日　星期四", "reported", ()), ("第4版　要闻", "reported", ()), ("3", "reported",
                                                                                ()),
])
def test_furniture_lines(text, place, fields):
    f = furniture_of(text, 7)
    assert (f.place, f.fields, f.line, f.text) == (place, fields, 7, text)


def test_page_labels_carry_what_they_say():
    assert furniture_of("2025年3月6日　星期四").data == (("date", "2025-03-06"),)
    assert furniture_of("第4版　要闻").data == (("page", "4"), ("section", "要闻"))


@pytest.mark.parametrize("text", ["编辑同志：", "全国春季农业生产开局良好",
                                  "近日，工会开展慰问活动。",
                                  "责任编辑说，这件事很重要。"])
def test_not_furniture(text):
    assert furniture_of(text) is None


def test_script():
    assert script_of("港鐵公司昨日宣布，連接新界東北的新鐵路綫工程進展順利")[0] == "zh-Hant"
    assert script_of("港铁公司昨日宣布，连接新界东北的新铁路线工程进展顺利")[0] == "zh-Hans"
    assert script_of("日本")[0] == "zh-Hans"                   # nothing to tell: simplified
    assert not R.SIMPLIFIED & R.TRADITIONAL


@pytest.mark.parametrize("text, closed", [
    ("近日，工会开展慰问活动。", True), ("他说：“好。”", True), ("他表示「堅定支持」", False),
    ("推动项目早日建成投用。（耿　磊）", True), ("（本报记者　罗　兰整理）", True),
    ("梦想成真”。通讯员 葛然 摄影报道", True), ("今年以来，市直机关工委与", False), ("……", True)])
def test_paragraph_ends(text, closed):
    assert closes(text) is closed


@pytest.mark.parametrize("left, right, rule", [
    ("严格落实", "实工作月报", "repeated-char"), ("工作进度进度", "进度加大", "repeated-run"),
    ("dynamical decou", "pling）技术", "split-word"), ("碳-", "13含量", "hyphen")])
def test_suspicious_joins(left, right, rule):
    assert next(r.name for r in JOIN_RULES if r.test(left, right, 1)) == rule
    assert next(r.name for r in JOIN_RULES if r.test("平常的", "一句话", 3)) == "wide-gap"
    assert not any(r.test("平常的", "一句话", 1) for r in JOIN_RULES)


# --------------------------------------------------------------------------- title blocks
def test_banner_reason():
    from layout.importer.titles import banner_reason
    assert "two halves" in banner_reason(["深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面",
                                          "市直机关工会开展活动"], 1)
    assert "3 blank lines" in banner_reason(["深入学习贯彻党的二十大精神奋力开拓新局面",
                                             "市直机关工会开展活动"], 3)
    assert banner_reason(["深入学习贯彻党的二十大精神奋力开拓新局面", "市直机关工会开展活动"], 1) == ""
    assert banner_reason(["坚持稳中求进　推动高质量发展", "全国春季农业生产开局良好"], 1) == ""


def test_read_title_block():
    from layout.importer.titles import read_title_block
    block = read_title_block(["引题", "主题是这一行", "——副题", "王建国"], [1, 0, 0, 0],
                             page_top=False, language="zh-Hans")
    assert (block.kickers, block.headline, block.subheadlines, block.byline) == ([0], 1, [2], 3)
    assert [code for code, *_ in block.notes] == ["byline-guess"]
    block = read_title_block(["新春市集人氣旺", "市民爭購年花揮春"], [1, 0], page_top=True,
                             language="zh-Hant")
    assert (block.banner, block.kickers, block.headline, block.subheadlines) == (None, [], 0, [1])

"""Writing placed slots into page specs: the file's own lines (comments, fixed slots,
header, footer) stay as they were, the placed articles' old slots go, the new ones come
in one flow mapping a line, and what is written loads again."""

from __future__ import annotations

import yaml

from layout.place.write import new_page_text, rewrite_edition_pages, rewrite_page, slot_text
from layout.spec.model import Jump, PhotoArea, Slot

PAGE = """\
# 要闻版: the banner is fixed by hand
number: 1
section: 要闻
size: tabloid
header: {editor: 王晓}   # 责任编辑
place: [a01, a02]
slots:
  # the banner stays where the editor put it
  - {name: banner, article: banner, column: 1, span: 6, top: 0, height: 5}
  - {name: a01, article: a01, column: 1, span: 4, top: 5, height: 20}
  # an advertisement, by hand
  - name: ad
    article: ad
    column: 5
    span: 2
    top: 40
    height: 29
  - {name: a02, article: a02, column: 5, span: 2, top: 5, height: 35}
footer: [资料来源：新华社]
"""

NEW = [Slot(article="a01", column=1, span=6, top=5, height=30, name="a01",
            photo=PhotoArea(lines=12)),
       Slot(article="a02", column=1, span=4, top=35, height=34, name="a02", columns=2,
            continues=Jump(page=2, slot="a02-2"))]


def test_comments_and_fixed_slots_stay_and_placed_slots_are_replaced():
    text = rewrite_page(PAGE, {"a01", "a02"}, NEW, ["a01", "a02"])
    for line in PAGE.splitlines():
        if "a01" not in line and "a02" not in line:
            assert line in text, line
    data = yaml.safe_load(text)
    assert [s["name"] for s in data["slots"]] == ["banner", "ad", "a01", "a02"]
    assert data["slots"][2] == {"name": "a01", "article": "a01", "column": 1, "span": 6,
                                "top": 5, "height": 30,
                                "photo": {"position": "top", "lines": 12}}
    assert data["slots"][3]["continues"] == {"page": 2, "slot": "a02-2"}
    assert data["place"] == ["a01", "a02"] and data["footer"] == ["资料来源：新华社"]


def test_rewriting_twice_gives_the_same_text():
    once = rewrite_page(PAGE, {"a01", "a02"}, NEW, ["a01", "a02"])
    assert rewrite_page(once, {"a01", "a02"}, NEW, ["a01", "a02"]) == once


def test_a_page_without_slots_or_place_gets_them():
    page = "number: 3\nsection: 体育\n"
    text = rewrite_page(page, {"a01", "a02"}, NEW, ["a01", "a02"])
    data = yaml.safe_load(text)
    assert data["place"] == ["a01", "a02"] and len(data["slots"]) == 2
    assert text.startswith("number: 3\nsection: 体育\n")


def test_flow_lists_are_rewritten_with_their_fixed_slots():
    page = ("number: 2\nplace:\n- a01\n- a02\nslots: [{name: x, article: x, column: 1, "
            "span: 2, top: 0, height: 9}, {name: a01, article: a01, column: 3, span: 2, "
            "top: 0, height: 9}]\n")
    data = yaml.safe_load(rewrite_page(page, {"a01", "a02"}, NEW, ["a02", "a01"]))
    assert [s["name"] for s in data["slots"]] == ["x", "a01", "a02"]
    assert data["place"] == ["a02", "a01"]


def test_ids_that_do_not_read_back_as_text_are_quoted():
    slot = Slot(article="2024", column=1, span=2, top=0, height=9, name="yes")
    data = yaml.safe_load("- " + slot_text(slot))
    assert data == [{"name": "yes", "article": "2024", "column": 1, "span": 2, "top": 0,
                     "height": 9}]


def test_added_pages_take_size_and_grid_and_join_the_edition():
    text = new_page_text(PAGE + "grid: {columns: 6, body_size: 9}\n", 2, NEW[:1], ["a01"])
    data = yaml.safe_load(text)
    assert (data["number"], data["size"], data["section"]) == (2, "tabloid", "要闻")
    assert data["grid"] == {"columns": 6, "body_size": 9}
    assert "header" not in data and "footer" not in data
    edition = "# the issue\nname: 报\npages:\n  - pages/p01.yaml   # front\nstyle: newspaper\n"
    out = rewrite_edition_pages(edition, ["pages/p02.yaml"])
    assert yaml.safe_load(out)["pages"] == ["pages/p01.yaml", "pages/p02.yaml"]
    assert "# front" in out and "# the issue" in out
    flow = rewrite_edition_pages("name: 报\npages: [pages/p01.yaml]\n", ["pages/p02.yaml"])
    assert yaml.safe_load(flow)["pages"] == ["pages/p01.yaml", "pages/p02.yaml"]

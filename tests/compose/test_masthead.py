"""The front page's masthead (报头): the name or logo, the details with the lunar date, its
place above the slots, and the lunar calendar against known dates."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from PIL import Image as PILImage

from layout.build import compose_edition
from layout.cli import main
from layout.compose.lunar import day_name, ganzhi_year, lunar_date
from layout.display import Image, Rule, TextLine
from layout.fonts import FontLibrary
from layout.spec.grid import HEADER_LINES, MASTHEAD_LINES
from tests.conftest import write_edition

# (date, what a Chinese calendar prints): new years, leap months (2020 闰四月, 2023 闰二月,
# 2017 闰六月), the last day of a long month (腊月三十), 冬月 and 腊月, the first day the
# tables cover
KNOWN = [
    ("2024-02-10", "农历甲辰年正月初一"),     # 春节 2024
    ("2024-02-26", "农历甲辰年正月十七"),
    ("2024-02-09", "农历癸卯年腊月三十"),     # 除夕 2024
    ("2023-01-22", "农历癸卯年正月初一"),
    ("2023-03-22", "农历癸卯年闰二月初一"),
    ("2023-04-19", "农历癸卯年闰二月廿九"),
    ("2020-05-23", "农历庚子年闰四月初一"),
    ("2017-07-23", "农历丁酉年闰六月初一"),
    ("2024-09-17", "农历甲辰年八月十五"),     # 中秋 2024
    ("2024-12-01", "农历甲辰年冬月初一"),
    ("2024-12-31", "农历甲辰年腊月初一"),
    ("2025-01-29", "农历乙巳年正月初一"),
    ("2000-02-05", "农历庚辰年正月初一"),
    ("1949-10-01", "农历己丑年八月初十"),
    ("1900-01-31", "农历庚子年正月初一"),
]


@pytest.mark.parametrize("day,expected", KNOWN)
def test_the_lunar_date_of_known_days(day, expected):
    assert lunar_date(dt.date.fromisoformat(day)) == expected


def test_lunar_names():
    assert [ganzhi_year(y) for y in (1984, 2024, 2043, 2044)] == ["甲子", "甲辰", "癸亥", "甲子"]
    assert [day_name(d) for d in (1, 10, 11, 19, 20, 21, 29, 30)] == \
        ["初一", "初十", "十一", "十九", "二十", "廿一", "廿九", "三十"]
    assert lunar_date(dt.date(1899, 12, 31)) is None
    assert lunar_date(dt.date(2100, 6, 1)) is None


MASTHEAD = {"slogan": "首都职工的贴心报", "cn": "CN11-0258", "issn": "1671-0916",
            "postal_code": "1-188", "price": "1.00元", "website": "www.ldwb.com.cn",
            "publisher": "北京市总工会主管主办"}
FRONT = [{"article": "lead", "column": 1, "span": 4, "top": 0, "height": 12},
         {"article": "side", "column": 5, "span": 2, "top": 0, "height": 30}]


def _front(tmp_path, masthead=None, page_extra=None, size="tabloid"):
    edition = write_edition(
        tmp_path / "ed", slots=FRONT,
        page_extra={"number": 1, "section": "要闻", "size": size, "masthead": True,
                    "header": {"editor": "王晓", "proofreader": "张洁"}, **(page_extra or {})},
        edition_extra={"issue": "第7331期", "masthead": {**MASTHEAD, **(masthead or {})}})
    composed = compose_edition(edition, FontLibrary())
    return edition, composed, composed.pages[0], composed.edition.pages[0].grid


def _masthead_lines(page):
    return [i for i in page.items if isinstance(i, TextLine) and i.block.kind == "masthead"]


@pytest.mark.parametrize("size", ["tabloid", "broadsheet"])
def test_the_masthead_stands_above_the_slots_with_its_name_and_details(tmp_path, size):
    edition, composed, page, g = _front(tmp_path, size=size)
    lines = _masthead_lines(page)
    texts = [line.text.replace("\u3000", " ") for line in lines]
    name = max(lines, key=lambda line: line.runs[0].size)
    assert name.text == "劳动午报" and name.runs[0].size >= 60
    assert name.runs[0].color == (0, 100, 100, 10)                        # red
    assert "2024年2月26日 星期一" in texts and "农历甲辰年正月十七" in texts
    for wanted in ("第7331期 今日1版", "国内统一连续出版物号 CN11-0258", "ISSN 1671-0916",
                   "邮发代号 1-188 零售价 1.00元", "www.ldwb.com.cn", "北京市总工会主管主办",
                   "首都职工的贴心报"):
        assert wanted in texts, (wanted, texts)
    # the page header is not drawn on the front page; its credits go to the footer
    assert not [i for i in page.items if isinstance(i, TextLine) and i.block.kind == "header"]
    footer = [i.text.replace("\u3000", " ") for i in page.items
              if isinstance(i, TextLine) and i.block.kind == "footer"]
    assert footer == ["本版责任编辑 王晓  校对 张洁"]
    # the masthead takes its grid lines: the slots start below it, clear of its rules
    assert g.top == pytest.approx(g.header_top + MASTHEAD_LINES[size] * g.pitch)
    rules = [i for i in page.items if isinstance(i, Rule) and not i.article
             and i.y0 == i.y1 and i.x1 - i.x0 > (g.right - g.left) * 0.99]
    assert len(rules) == 2 and max(r.width for r in rules) == 2.0        # thick and thin
    rule_top = min(r.y0 - r.width / 2 for r in rules)
    rule_bottom = max(r.y0 + r.width / 2 for r in rules)
    for line in lines:
        for x0, y0, x1, y1 in (b for run in line.runs for b in run.boxes()):
            assert g.header_top - 0.01 <= y0 and y1 < rule_top
            assert g.left - 0.01 <= x0 and x1 <= g.right + 0.01
    article_top = min(line.bbox()[1] for line in page.items
                      if isinstance(line, TextLine) and line.article)
    assert article_top > rule_bottom
    # nothing of the masthead overlaps: the name is left of every detail line
    details = [line for line in lines if line is not name and line.baseline < rule_top
               and "贴心报" not in line.text]
    assert all(line.x > name.x + name.width for line in details)


def test_a_centred_masthead_has_its_name_in_the_middle(tmp_path):
    _, _, page, g = _front(tmp_path, {"layout": "center"}, size="broadsheet")
    lines = _masthead_lines(page)
    name = max(lines, key=lambda line: line.runs[0].size)
    middle = name.x + name.width / 2
    assert middle == pytest.approx((g.left + g.right) / 2, abs=name.runs[0].size * 0.6)
    left = [line for line in lines if line.x + line.width < name.x]
    right = [line for line in lines if line.x > name.x + name.width]
    assert left and right


def test_masthead_lines_are_the_page_specs_to_choose(tmp_path):
    _, composed, page, g = _front(tmp_path, page_extra={"masthead_lines": 14})
    assert g.top == pytest.approx(g.header_top + 14 * g.pitch)
    assert g.lines == 69 - (14 - HEADER_LINES)         # a tabloid has 69 lines below a header


def test_a_png_logo_stands_in_for_the_name(tmp_path):
    logo = PILImage.new("RGB", (1800, 500), (220, 30, 30))
    (tmp_path / "ed").mkdir()
    logo.save(tmp_path / "ed" / "logo.png")
    edition, composed, page, g = _front(tmp_path, {"logo": "logo.png"})
    images = [i for i in page.items if isinstance(i, Image) and not i.article]
    assert len(images) == 1
    im = images[0]
    assert im.w / im.h == pytest.approx(1800 / 500, rel=1e-3)       # never distorted
    assert im.x == pytest.approx(g.left) and im.y >= g.header_top - 0.01
    assert "劳动午报" not in [line.text for line in _masthead_lines(page)]
    ppi = 1800 / (im.w / 72)
    assert any(d.code == "image-low-resolution" for d in composed.sink) == (ppi < 300)


def test_a_pdf_logo_is_rasterised_for_its_placed_size(tmp_path):
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas
    folder = tmp_path / "ed"
    folder.mkdir()
    c = canvas.Canvas(str(folder / "logo.pdf"), pagesize=(120 * mm, 30 * mm))
    c.setFillColorRGB(0.85, 0.1, 0.1)
    c.rect(0, 0, 120 * mm, 30 * mm, fill=1, stroke=0)
    c.save()
    edition, composed, page, g = _front(tmp_path, {"logo": "logo.pdf"})
    im = next(i for i in page.items if isinstance(i, Image) and not i.article)
    assert im.path.suffix == ".png" and im.path.is_file()
    with PILImage.open(im.path) as raster:
        assert raster.width == pytest.approx(im.w / 72 * 1200, abs=2)   # 1200 ppi
        assert im.w / im.h == pytest.approx(4.0, rel=2e-3)
    out = tmp_path / "out"
    assert main(["build", str(edition), "--out", str(out), "--quiet"]) == 0
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-singlefile", str(out / "page-01.pdf"),
                    str(tmp_path / "p")], check=True)
    with PILImage.open(tmp_path / "p.png") as shot:
        scale = 30 / 72
        r, gr, b = shot.convert("RGB").getpixel((int((im.x + im.w / 2) * scale),
                                                 int((im.y + im.h / 2) * scale)))
    assert r > 150 and gr < 100 and b < 100                       # the red logo is there


def test_a_logo_outside_the_edition_is_refused_on_its_line(tmp_path, capsys):
    outside = tmp_path / "logo.png"
    PILImage.new("RGB", (100, 30)).save(outside)
    edition = write_edition(tmp_path / "ed", slots=FRONT,
                            page_extra={"masthead": True},
                            edition_extra={"masthead": {"logo": str(outside)}})
    assert main(["build", str(edition), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "edition.yaml" in err[0] and "outside the edition" in err[0]
    assert "masthead.logo" in err[0]


def test_masthead_lines_without_a_masthead_is_an_error(tmp_path, capsys):
    edition = write_edition(tmp_path / "ed", page_extra={"masthead_lines": 10})
    assert main(["build", str(edition), "--out", str(tmp_path / "out")]) == 1
    assert "masthead_lines needs masthead: true" in capsys.readouterr().err

"""Page furniture: the page header on one line at every page size, never touching its rule;
the page footer between the grid and the trim; vertical headlines aligned as asked; the
proof's numbered grid lines and columns."""

from __future__ import annotations

import subprocess

import pytest

from layout.build import compose_edition
from layout.cli import main
from layout.display import Rule, TextLine
from layout.fonts import FontLibrary
from layout.spec.grid import MM
from tests.conftest import write_edition

CREDITS = {"editor": "王晓明", "designer": "李宁宁", "proofreader": "张洁"}
SIZES = {
    "broadsheet": {"size": "broadsheet"},
    "tabloid": {"size": "tabloid"},
    "custom-200": {"size": "custom", "width_mm": 200, "height_mm": 280,
                   "grid": {"columns": 4, "column_chars": 11}},
    "custom-120": {"size": "custom", "width_mm": 120, "height_mm": 200,
                   "grid": {"columns": 3, "column_chars": 8}},
}


def _page(tmp_path, page_extra, edition_extra=None, slots=None, articles=None):
    slots = slots or [{"article": "lead", "column": 1, "span": 2, "top": 0, "height": 20}]
    edition = write_edition(tmp_path / "ed", slots=slots, page_extra=page_extra,
                            articles=articles, edition_extra=edition_extra)
    composed = compose_edition(edition, FontLibrary())
    return composed, composed.pages[0], composed.edition.pages[0].grid


def _glyph_boxes(lines):
    for line in lines:
        for run in line.runs:
            yield from run.boxes()


@pytest.mark.parametrize("name", sorted(SIZES))
def test_the_page_header_is_one_line_that_never_touches_its_rule(tmp_path, name):
    composed, page, g = _page(tmp_path, {**SIZES[name], "section": "国际国内新闻",
                                         "header": CREDITS},
                              {"name": "中国劳动者日报", "issue": "第12345期"})
    header = [i for i in page.items if isinstance(i, TextLine) and i.block.kind == "header"]
    rule = next(i for i in page.items if isinstance(i, Rule))
    assert rule.y0 == rule.y1 == pytest.approx(g.top - g.pitch / 2)
    assert len({line.baseline for line in header}) == 1              # one line
    rule_top = rule.y0 - rule.width / 2
    for x0, y0, x1, y1 in _glyph_boxes(header):
        assert y1 < rule_top - 1.0, (name, y1, rule_top)               # clear of the rule
        assert y0 > 0 and g.left - 0.01 <= x0 and x1 <= g.right + 0.01
    spans = sorted((line.x, line.x + line.width) for line in header)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert start - end >= 5.0, (name, spans)                         # parts apart
    texts = "".join(line.text for line in header)
    shortened = [d for d in composed.sink if d.code == "header-shortened"]
    if name in ("broadsheet", "tabloid"):
        assert not shortened
        assert "校对\u3000张洁" in texts and "中国劳动者日报" in texts and "星期一" in texts
    else:
        assert shortened and shortened[0].file.endswith("p03.yaml") and shortened[0].line
    if shortened:                     # what was left out is said, and is not printed
        steps = shortened[0].data["steps"]
        assert ("proofreader" in steps) == ("张洁" not in texts)
        assert ("issue" in steps) == ("第12345期" not in texts)
    assert "国际国内新闻" in texts and "2024年2月26日" in texts


def test_the_narrowest_header_leaves_out_parts_in_the_documented_order(tmp_path):
    from layout.compose.header import FIT_STEPS
    composed, page, g = _page(tmp_path, {**SIZES["custom-120"], "section": "国际国内新闻",
                                         "header": CREDITS},
                              {"name": "中国劳动者日报", "issue": "第12345期"})
    steps = next(d for d in composed.sink if d.code == "header-shortened").data["steps"]
    order = [name for name, _ in FIT_STEPS]
    assert steps == order[:len(steps)]          # a prefix of the order, nothing skipped


def test_the_footer_sits_between_the_grid_and_the_trim(tmp_path):
    lines = ["资料来源：北京市统计局", "本版图片除署名外均由新华社提供"]
    composed, page, g = _page(tmp_path, {"footer": lines,
                                         "header": {"graphics": "赵一"}})
    footer = [i for i in page.items if isinstance(i, TextLine) and i.block.kind == "footer"]
    assert [line.text.replace("\u3000", " ") for line in footer] == [*lines, "制图 赵一"]
    body_bottom = max(y1 for _, _, _, y1 in _glyph_boxes(
        [i for i in page.items if isinstance(i, TextLine) and i.article]))
    for line in footer:
        x0, y0, x1, y1 = line.bbox()
        assert y0 > g.bottom - 0.01 and y0 > body_bottom
        assert y1 < g.height - 3 * MM and x0 == pytest.approx(g.left, abs=0.01)
    baselines = [line.baseline for line in footer]
    assert all(b - a > footer[0].ascent for a, b in zip(baselines, baselines[1:]))


def test_a_footer_too_long_for_the_margin_is_cut_at_the_trim_with_a_warning(tmp_path):
    lines = [f"第{n}行 资料来源" for n in range(1, 13)]
    composed, page, g = _page(tmp_path, {"footer": lines,
                                         "margins": {"bottom": 12}})
    footer = [i for i in page.items if isinstance(i, TextLine) and i.block.kind == "footer"]
    warning = next(d for d in composed.sink if d.code == "footer-long")
    assert 0 < len(footer) < len(lines) and warning.path == "footer"
    assert f"room for {len(footer)} of its 12 lines" in warning.message
    assert all(line.bbox()[3] < g.height - 3 * MM for line in footer)


VERTICAL = {"id": "v", "headline": "短标题", "paragraphs": ["正文" * 60]}


@pytest.mark.parametrize("align", ["top", "center", "bottom", None])
def test_a_vertical_headline_stands_where_it_is_asked_to(tmp_path, align):
    slot = {"article": "v", "column": 1, "span": 2, "top": 4, "height": 24,
            "vertical_headline": True}
    if align:
        slot["vertical_headline_align"] = align
    composed, page, g = _page(tmp_path, {}, slots=[slot], articles={"v": VERTICAL})
    head = [line for line in page.lines("v") if line.vertical]
    body = [line for line in page.lines("v") if line.block.kind == "paragraph"]
    assert len(head) == 1
    size = head[0].runs[0].size
    first_glyph_top = head[0].runs[0].ys[0] - 0.88 * size
    last_glyph_bottom = head[0].runs[-1].ys[-1] + 0.12 * size
    first_text_top = min(line.baseline for line in body) - 0.88 * g.body_size
    slot_bottom_text = g.line_top(4 + 24) - (g.pitch - g.body_size) / 2
    if align in ("top", None):                     # top is the default
        assert first_glyph_top == pytest.approx(first_text_top, abs=0.02)
    elif align == "bottom":
        assert last_glyph_bottom == pytest.approx(slot_bottom_text, abs=0.02)
    else:
        middle = (g.line_top(5) + g.line_top(28) - g.pitch * 0.5) / 2
        assert (first_glyph_top + last_glyph_bottom) / 2 == pytest.approx(middle, abs=0.6)


def test_the_proof_numbers_grid_lines_and_columns_as_the_page_spec_counts_them(tmp_path):
    edition = write_edition(tmp_path / "ed", slots=[
        {"article": "lead", "column": 2, "span": 3, "top": 7, "height": 20, "name": "x"},
        {"article": "side", "column": 5, "span": 2, "top": 0, "height": 30}])
    composed = compose_edition(edition, FontLibrary(), proof=True)
    page = composed.pages[0]
    g = composed.edition.pages[0].grid
    proof = [i for i in page.items if isinstance(i, TextLine) and i.block.kind == "proof"]
    left = {line.text: line for line in proof if line.x + line.width < g.left}
    right = {line.text: line for line in proof if line.x > g.right}
    above = {line.text: line for line in proof if line.baseline < g.header_top}
    assert set(left) == set(right) == {str(n) for n in range(g.lines)}
    assert set(above) == {str(c) for c in range(1, g.columns + 1)}
    # grid line 7 is the slot's top: its number stands on the line where the frame starts
    frame_top = g.line_top(7)
    assert frame_top < left["7"].baseline < frame_top + g.pitch
    # column 2's number stands over the slot's first column
    label = above["2"]
    assert g.column_x(1) <= label.x <= label.x + label.width <= g.column_x(1) + g.column_width
    assert all(run.size >= 6.0 for line in proof for run in line.runs)
    out = tmp_path / "out"
    assert main(["build", str(edition), "--out", str(out), "--quiet", "--proof",
                 "--draft"]) == 0
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out / "page-03.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    assert "68" in text.split() or str(g.lines - 1) in text.split()

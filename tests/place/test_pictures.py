"""Photo items with several pictures (组图) and articles with several pictures: every
picture set, each with its numbered caption and credit under it, the intro text and the
set's credit, all inside the slot, with the page model's identity (pictures by index,
captions as BlockId(article, "caption", index))."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from layout.build import resolve_chains
from layout.compose.context import Context
from layout.compose.picture import GROUP_CREDIT
from layout.compose.slot import compose_slot
from layout.diagnostics import Sink
from layout.display import Box, Image, TextLine
from layout.fonts import FontLibrary
from layout.spec.load import load_edition
from layout.spec.model import Article, Photo, PhotoArea, Slot
from tests.conftest import write_edition, write_picture

CAPTIONS = ["图①：3月6日，江苏省泰州市姜堰区的农民在麦田里追施肥料。",
            "图②：3月5日，在河北省邯郸市肥乡区一处育苗基地，工作人员在查看蔬菜秧苗长势。",
            "图③：3月4日，安徽省合肥市一家农机合作社的工作人员在检修农机。",
            "图④：3月6日，湖南省长沙县的农民在育秧工厂内搬运秧盘。"]


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    folder = write_edition(tmp_path_factory.mktemp("pictures") / "ed")
    for k in range(2):
        write_picture(folder / "articles" / f"p{k}.jpg", (1600, 1067))
    edition = load_edition(folder)
    chains = resolve_chains(edition, FontLibrary())
    return Context(edition.style, chains, Sink(), edition.pages[0].grid), folder


def _photo_set(folder: Path, credit_last: str = "") -> Article:
    photos = tuple(Photo(file=Path(f"p{k}.jpg") if k < 2 else None, caption=c,
                         credit=credit_last if k == 3 and credit_last else
                         ("" if credit_last else f"记者{k}摄"))
                   for k, c in enumerate(CAPTIONS))
    return Article(id="spring", kind="photo", headline="春到田间农事忙",
                   paragraphs=("惊蛰过后，全国大部分地区气温回升，各地农民抢抓农时。",),
                   photos=photos, where=replace(Article(id="x").where,
                                                file=str(folder / "articles" / "s.yaml")))


def _compose(ctx, article, slot, folder):
    context, _ = ctx
    return compose_slot(replace(context, sink=Sink()), 1, slot, article,
                        folder / "articles")


@pytest.mark.parametrize("span, height", [(6, 40), (4, 55), (2, 69)])
def test_every_picture_is_set_with_its_caption_under_it(ctx, span, height):
    _, folder = ctx
    article = _photo_set(folder)
    slot = Slot(article="spring", column=1, span=span, top=0, height=height, name="s")
    result = _compose(ctx, article, slot, folder)
    assert not result.report.overset_lines
    pictures = {}
    for item in result.items:
        if isinstance(item, Image):
            pictures[item.index] = (item.x, item.y, item.w, item.h)
        elif isinstance(item, Box) and item.fill is not None:
            pictures[len(pictures)] = (item.x, item.y, item.w, item.h)
    assert sorted(pictures) == [0, 1, 2, 3]
    assert {i.index for i in result.items if isinstance(i, Image)} == {0, 1}
    context, _ = ctx
    bottom = context.grid.line_top(height)
    for k, (x, y, w, h) in pictures.items():
        caption = [i for i in result.items if isinstance(i, TextLine)
                   and i.block.kind in ("caption", "credit") and i.block.index == k]
        assert caption and "".join(i.text for i in caption).startswith(CAPTIONS[k][:4])
        assert all(x - 0.5 <= i.x and i.baseline > y + h for i in caption)
        assert y + h <= bottom
    intro = [i for i in result.items if isinstance(i, TextLine)
             and i.block.kind == "paragraph"]
    assert intro and intro[0].block.index == 0
    boxes = list(pictures.values())
    for a in range(4):
        for b in range(a + 1, 4):
            (x0, y0, w0, h0), (x1, y1, w1, h1) = boxes[a], boxes[b]
            assert x0 + w0 <= x1 + 0.01 or x1 + w1 <= x0 + 0.01 or \
                y0 + h0 <= y1 + 0.01 or y1 + h1 <= y0 + 0.01


def test_a_credit_for_the_whole_set_closes_it_across_the_width(ctx):
    _, folder = ctx
    article = _photo_set(folder, credit_last="以上图片均为本报记者　周　涛摄")
    assert article.photos[-1].credit.startswith(GROUP_CREDIT)
    slot = Slot(article="spring", column=1, span=6, top=0, height=45, name="s")
    result = _compose(ctx, article, slot, folder)
    credit = [i for i in result.items if isinstance(i, TextLine) and i.block.kind == "credit"]
    assert len(credit) == 1 and credit[0].block.index == 3
    lowest = max(i.baseline for i in result.items if isinstance(i, TextLine))
    assert credit[0].baseline == lowest and "以上图片均为" in credit[0].text


def test_an_article_s_pictures_share_its_picture_area(ctx):
    _, folder = ctx
    base = _photo_set(folder)
    article = replace(base, kind="article", headline="春耕", photos=base.photos[:2],
                      paragraphs=("正文。" * 80,))
    slot = Slot(article="spring", column=1, span=4, top=0, height=60, name="s",
                photo=PhotoArea(lines=20))
    result = _compose(ctx, article, slot, folder)
    images = [i for i in result.items if isinstance(i, Image)]
    assert sorted(i.index for i in images) == [0, 1]
    captions = {i.block.index for i in result.items if isinstance(i, TextLine)
                and i.block.kind == "caption"}
    assert captions == {0, 1}
    assert not result.report.overset_lines


def test_too_little_room_is_overset_not_lost_silently(ctx):
    _, folder = ctx
    article = _photo_set(folder)
    slot = Slot(article="spring", column=1, span=2, top=0, height=12, name="s")
    result = _compose(ctx, article, slot, folder)
    assert result.report.overset_lines > 0
    assert any(d.code == "overset" for d in result.diagnostics)

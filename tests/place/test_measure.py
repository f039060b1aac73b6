"""Measuring with the composer: the height derived for a shape is the height the composer
needs — composing the article in a slot of that height sets every line, one line less
oversets unless 齐底 sets the columns flush a line shorter, which the settled height
says."""

from __future__ import annotations

from dataclasses import replace

import pytest

from layout.build import resolve_chains
from layout.compose.context import Context
from layout.compose.slot import compose_slot
from layout.diagnostics import Sink
from layout.fonts import FontLibrary
from layout.place.measure import Measurer, base_of
from layout.place.shapes import column_options, photo_shapes, text_shapes
from layout.spec.load import load_edition
from layout.spec.model import PhotoArea, Slot
from tests.place.conftest import DEV, imported


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("measure")
    edition = load_edition(imported(folder / "ed", DEV / "hongkong-hant.txt", place=False))
    chains = resolve_chains(edition, FontLibrary())
    grid = edition.pages[0].grid
    ctx = Context(edition.style, chains, Sink(), grid, "cns")
    return edition, ctx, Measurer(ctx, 1)


def _compose(ctx, article, slot):
    return compose_slot(replace(ctx, sink=Sink()), 1, slot, article, base_of(article)).report


@pytest.mark.parametrize("top", [0, 10])
def test_the_derived_height_is_the_height_the_composer_needs(page, top):
    edition, ctx, measurer = page
    checked = 0
    for article in edition.articles.values():
        if article.kind != "article" or article.photos:
            continue
        for span in (2, 3, 4):
            for columns in column_options(ctx.grid, span):
                need = measurer.text(article, span, columns)
                rule = 1 if top else 0
                slot = Slot(article=article.id, column=1, span=span, top=top,
                            height=need.need + rule, name="s",
                            columns=columns if columns != span else None)
                fits = _compose(ctx, article, slot)
                # every line set; where the lines do not divide among the columns and
                # no paragraph can take up the difference, the last column ends short
                assert fits.overset_lines == 0 and fits.underset_lines < columns, \
                    (article.id, span, columns)
                short = _compose(ctx, article, replace(slot, height=slot.height - 1))
                if short.overset_lines == 0:
                    # 齐底 took a line less: the settled height the placer uses says so
                    settled, _ = measurer.settle(article, span, columns, need.need)
                    assert columns > 1 and settled < need.need, (article.id, span, columns)
                checked += 1
    assert checked >= 10


def test_a_picture_area_adds_its_lines(page):
    edition, ctx, measurer = page
    article = next(a for a in edition.articles.values() if a.kind == "article" and a.photos)
    shapes = [s for s in text_shapes(measurer, article, ctx.grid, lead=False, partial=False)
              if s.picture is not None]
    assert shapes
    for shape in shapes:
        body = -(-shape.body // shape.columns)
        for lines in (shape.picture.low, shape.picture.high):
            height = shape.head + lines + body
            slot = Slot(article=article.id, column=1, span=shape.span, top=0, height=height,
                        name="s", photo=PhotoArea(lines=lines),
                        columns=shape.columns if shape.columns != shape.span else None)
            report = _compose(ctx, article, slot)
            # every line set: flush, flush a line shorter (齐底), or the last column short
            assert report.overset_lines == 0 and report.underset_lines < shape.columns


def test_photo_items_get_heights_where_their_pictures_keep_their_proportions(page):
    edition, ctx, measurer = page
    article = next(a for a in edition.articles.values() if a.kind == "photo")
    shapes = photo_shapes(measurer, article, ctx.grid)
    assert shapes
    for shape in shapes:
        assert shape.low <= shape.picture.best <= shape.high
        slot = Slot(article=article.id, column=1, span=shape.span, top=0,
                    height=shape.low, name="s")
        assert _compose(ctx, article, slot).overset_lines == 0


def test_each_width_is_composed_once(page):
    edition, ctx, _ = page
    measurer = Measurer(ctx, 1)
    article = next(a for a in edition.articles.values() if a.kind == "article")
    shapes = text_shapes(measurer, article, ctx.grid, lead=False, partial=True)
    first = measurer.composed
    text_shapes(measurer, article, ctx.grid, lead=False, partial=True)
    assert measurer.composed == first
    # a headline block per span, a body per column width, and each multi-column shape
    # set as the build will (once, or twice when 齐底 takes a line less), at most
    widths = {(ctx.grid.span_width(s) - (c - 1) * ctx.grid.gutter) / c
              for s in range(1, ctx.grid.columns + 1) for c in column_options(ctx.grid, s)}
    settled = sum(1 for s in shapes if s.columns > 1 and s.kind == "whole")
    assert first <= ctx.grid.columns + len(widths) + 2 * settled


def test_a_shape_s_height_is_the_height_the_build_sets_it_in(page):
    """With 齐底 the composer may end the columns flush a line shorter than the lines
    divided among the columns: the shape takes that height, and the text fits it."""
    edition, ctx, measurer = page
    for article in edition.articles.values():
        if article.kind != "article" or article.photos:
            continue
        for shape in text_shapes(measurer, article, ctx.grid, lead=False, partial=False):
            slot = Slot(article=article.id, column=1, span=shape.span, top=0,
                        height=shape.low, name="s",
                        columns=shape.columns if shape.columns != shape.span else None)
            report = _compose(ctx, article, slot)
            assert report.overset_lines == 0 and report.underset_lines <= 1

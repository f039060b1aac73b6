"""The page model carries identity: every line knows its article and block, the lines of a
block give back the source text, every glyph of an article lies inside that article's
region (from the page model and from the PDF), regions never overlap, jumps link both
ways, and a page model survives a trip to another process unchanged."""

from __future__ import annotations

import json
import pickle
from collections import defaultdict
from pathlib import Path

import pytest

from layout.build import BuildOptions, build, compose_edition
from layout.display import FaceKey, Image
from layout.fonts import FontLibrary
from layout.spec.model import Subhead
from tests.conftest import ROOT

EDITIONS = sorted(p.parent.name for p in (ROOT / "seeds").glob("*/edition.yaml"))


@pytest.fixture(scope="module")
def composed():
    library = FontLibrary()
    return {name: compose_edition(ROOT / "seeds" / name, library) for name in EDITIONS}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    library = FontLibrary()
    out = tmp_path_factory.mktemp("built")
    for name in EDITIONS:
        build(ROOT / "seeds" / name, out / name, library, BuildOptions())
    return out


def _article_glyph_boxes(page):
    boxes = defaultdict(list)
    for line in page.lines():
        if line.article:
            for run in line.runs:
                boxes[line.article] += [(run.text, box) for box in run.boxes()]
    return boxes


@pytest.mark.parametrize("name", EDITIONS)
def test_every_glyph_of_an_article_lies_in_its_region_and_in_no_other(composed, name):
    for page in composed[name].pages:
        regions = {r.article: r for r in page.regions}
        assert sorted(r.order for r in page.regions) == list(range(1, len(regions) + 1))
        for article, boxes in _article_glyph_boxes(page).items():
            region = regions[article]
            for text, (x0, y0, x1, y1) in boxes:
                cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                assert region.contains(cx, cy), (name, page.number, article, text)
                others = [r.article for r in page.regions
                          if r.article != article and r.contains(cx, cy)
                          and not _on_edge(r, cx, cy)]
                assert not others, (name, article, text, others)
        for item in page.items:
            if isinstance(item, Image):
                assert regions[item.article].contains(item.x + item.w / 2,
                                                      item.y + item.h / 2)


def _on_edge(region, x, y):
    x0, y0, x1, y1 = region.bbox()
    return min(abs(x - x0), abs(x - x1), abs(y - y0), abs(y - y1)) < 1e-6


@pytest.mark.parametrize("name", EDITIONS)
def test_regions_lie_on_the_page_and_do_not_overlap(composed, name):
    for page in composed[name].pages:
        for region in page.regions:
            x0, y0, x1, y1 = region.bbox()
            assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height
        for i, a in enumerate(page.regions):
            for b in page.regions[i + 1:]:
                ax0, ay0, ax1, ay1 = a.bbox()
                bx0, by0, bx1, by1 = b.bbox()
                overlap = min(ax1, bx1) - max(ax0, bx0), min(ay1, by1) - max(ay0, by0)
                assert min(overlap) <= 1e-6, (name, a.article, b.article)


@pytest.mark.parametrize("name", EDITIONS)
def test_the_lines_of_each_block_give_back_the_source_text(composed, name):
    """Paragraphs and subheads, joined line by line with the spaces dropped at breaks,
    are the article's text exactly — across columns and across a jump to another page."""
    edition = composed[name].edition
    blocks = defaultdict(list)
    for page in composed[name].pages:
        for line in page.lines():
            if line.block.kind in ("paragraph", "subhead"):
                blocks[line.block].append(line)
    assert blocks
    for block, lines in blocks.items():
        numbers = [line.line for line in lines]
        assert numbers == list(range(len(lines))), (block, numbers)
        text = "".join(line.text + line.joiner for line in lines).strip()
        article = edition.articles[block.article]
        item = article.paragraphs[block.index]
        source = item.subhead if isinstance(item, Subhead) else item
        if block.index == 0:
            prefix = article.dateline + (article.byline if article.run_in(
                edition.style.byline.run_in) else "")
            assert text.startswith(prefix), (block, text[:30])
            text = text[len(prefix):]
        assert text == source.strip(), block


@pytest.mark.parametrize("name", EDITIONS)
def test_glyph_ids_and_clusters_match_the_faces(composed, name):
    library = FontLibrary()
    for page in composed[name].pages:
        for line in page.lines():
            for run in line.runs:
                n = len(run.gids)
                assert len(run.clusters) == len(run.starts) == len(run.xs) == \
                    len(run.advances) == n
                for cluster, start in zip(run.clusters, run.starts):
                    assert line.text[start:start + len(cluster)] == cluster
                if run.face is None or run.ys:
                    continue
                face = library.face(Path(run.face.file), run.face.index)
                assert face.key == run.face
                for gid, cluster in zip(run.gids, run.clusters):
                    assert gid == (face.variation_gid(cluster[0], cluster[1])
                                   if len(cluster) > 1 and face.variation_gid(
                                       cluster[0], cluster[1]) else face.gid(cluster[0]))


def test_the_jump_links_both_ways():
    page1, page2 = compose_edition(ROOT / "seeds" / "laodong-jump", FontLibrary()).pages
    on = [link for link in page1.links if link.kind == "continued-on"]
    back = [link for link in page2.links if link.kind == "continued-from"]
    assert [(link.article, link.page, link.slot) for link in on] == [("haidian", 2, "lead-2")]
    assert [(link.article, link.page, link.slot) for link in back] == [("haidian", 1, "lead")]
    jump_lines = [line for line in page1.lines("haidian") if line.block.kind == "jump"]
    assert jump_lines and "下转第2版" in jump_lines[0].text
    x, y, w, h = on[0].box
    x0, y0, x1, y1 = jump_lines[0].bbox()
    assert (x, y, x + w, y + h) == pytest.approx((x0, y0, x1, y1))


def test_a_page_model_survives_another_process_and_json():
    pages = compose_edition(ROOT / "seeds" / "laodong-jump", FontLibrary()).pages
    again = pickle.loads(pickle.dumps(pages))
    assert again == pages
    data = json.loads(json.dumps([p.to_json() for p in pages], ensure_ascii=False))
    assert data[0]["regions"][0]["polygon"] and data[0]["items"][1]["type"] == "TextLine"
    faces = {run.face for page in pages for run in page.runs() if run.face}
    assert all(isinstance(f, FaceKey) and len(f.sha256) == 64 for f in faces)


@pytest.mark.parametrize("name", EDITIONS)
def test_every_character_in_the_pdf_lies_in_its_articles_region(composed, built, name):
    """The same check from the printed file: pdfplumber's characters of each page, each
    matched to the page model's glyph at that place, lie in that glyph's article's region
    and in no other."""
    import pdfplumber
    from layout.spec.grid import MM
    bleed = 3 * MM
    for page in composed[name].pages:
        expected = defaultdict(list)       # glyphs by whole baseline: (x, y, text, article)
        for line in page.lines():
            for run in line.runs:
                for text, (x0, y0, x1, y1) in zip(run.clusters, run.boxes()):
                    y = y1 - run.size * 0.12
                    expected[round(y)].append((x0, y, text[0], line.article))
        with pdfplumber.open(built / name / f"page-{page.number:02d}.pdf") as pdf:
            height = pdf.pages[0].height
            chars = [c for c in pdf.pages[0].chars if not c["text"].isspace()]
        assert len(chars) == sum(len(run.gids) for run in page.runs() if run.face)
        regions = {r.article: r for r in page.regions}
        for c in chars:
            # the glyph's origin, from the text matrix (PDF space: from the media's foot)
            x, baseline = c["matrix"][4] - bleed, height - c["matrix"][5] - bleed
            near = [g for k in (-1, 0, 1) for g in expected[round(baseline) + k]
                    if abs(g[0] - x) < 0.6 and abs(g[1] - baseline) < 1.5]
            matches = [a for _, _, t, a in near if t == c["text"]]
            assert matches, (c["text"], x, baseline, near)
            article = matches[0]
            if not article:
                continue
            cx, cy = x + c["size"] / 2, baseline - c["size"] * 0.38
            assert regions[article].contains(cx, cy), (name, article, c["text"])
            assert not [r for r in page.regions if r.article != article
                        and r.contains(cx, cy) and not _on_edge(r, cx, cy)]

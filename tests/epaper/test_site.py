"""The e-paper site of every seed edition, checked without a browser: region geometry
against the page model, the manifest against the images, links and files, JSON-LD,
the search index, determinism and bad input."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from PIL import Image

from layout.build import compose_edition, render
from layout.display import Region
from layout.fonts import FontLibrary
from layout.writers.epaper import epaper_site
from layout.writers.epaper.search import article_text, grams, searchable
from tests.conftest import write_edition
from tests.epaper.conftest import build_site

EPS = 0.01


def _inside(region: Region, x: float, y: float) -> bool:
    return region.contains(x, y)


def _overlap(a: Region, b: Region) -> float:
    """Area shared by two rectilinear polygons: cut the plane at every corner coordinate
    of both and add up the cells whose centre lies in both."""
    xs = sorted({x for x, _ in a.polygon + b.polygon})
    ys = sorted({y for _, y in a.polygon + b.polygon})
    area = 0.0
    for x0, x1 in pairwise(xs):
        for y0, y1 in pairwise(ys):
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if _inside(a, cx, cy) and _inside(b, cx, cy):
                area += (x1 - x0) * (y1 - y0)
    return area


def test_every_region_lies_inside_its_page(site):
    for page in site.composed.pages:
        for region in page.regions:
            for x, y in region.polygon:
                assert -EPS <= x <= page.width + EPS and -EPS <= y <= page.height + EPS, \
                    (site.name, page.number, region.slot, (x, y))


def test_regions_are_made_of_grid_cells(site):
    """Every edge runs across or down the page (the overlap test relies on it)."""
    for page in site.composed.pages:
        for region in page.regions:
            pts = region.polygon
            for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
                assert abs(x0 - x1) < EPS or abs(y0 - y1) < EPS, (site.name, region.slot)


def test_regions_of_different_articles_do_not_overlap(site):
    for page in site.composed.pages:
        regions = page.regions
        for i, a in enumerate(regions):
            for b in regions[i + 1:]:
                if a.article != b.article:
                    assert _overlap(a, b) < 0.01, (site.name, page.number, a.slot, b.slot)


def test_headline_glyphs_lie_inside_their_region(site):
    checked = 0
    for page in site.composed.pages:
        for region in page.regions:
            for line in page.lines(region.article):
                if line.block.kind != "headline":
                    continue
                for run in line.runs:
                    for x0, y0, x1, y1 in run.boxes():
                        for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
                            assert _inside(region, x, y), \
                                (site.name, page.number, region.article, line.text)
                        checked += 1
    assert checked > 0


def test_no_glyph_of_an_article_lies_in_another_articles_region(site):
    for page in site.composed.pages:
        for line in page.lines():
            if not line.article:
                continue
            for run in line.runs:
                for x0, y0, x1, y1 in run.boxes():
                    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                    owners = {r.article for r in page.regions if _inside(r, cx, cy)}
                    assert owners == {line.article}, (site.name, page.number, line.text,
                                                      owners)


def test_manifest_matches_the_page_model_and_the_images(site):
    manifest = site.manifest
    assert manifest["edition"]["name"] == site.composed.edition.spec.name
    assert [p["number"] for p in manifest["pages"]] == \
        [p.number for p in site.composed.pages]
    for entry, page in zip(manifest["pages"], site.composed.pages):
        for kind, image in entry["images"].items():
            with Image.open(site.root / image["file"]) as picture:
                assert picture.size == (image["width"], image["height"]), image["file"]
                assert picture.format == "JPEG"
            # the scale maps the trim onto the whole image (to a pixel)
            assert page.width * image["scale"][0] == pytest.approx(image["width"], abs=1)
            assert page.height * image["scale"][1] == pytest.approx(image["height"], abs=1)
        assert image["width"] >= 280
        assert [r["article"] for r in entry["regions"]] == \
            [r.article for r in sorted(page.regions, key=lambda r: r.order)]
        assert entry["reading_order"] == [r["article"] for r in entry["regions"]]
        for got, region in zip(entry["regions"],
                               sorted(page.regions, key=lambda r: r.order)):
            assert got["polygon_pt"] == [[round(x, 3), round(y, 3)]
                                         for x, y in region.polygon]
            for kind in ("screen", "high"):
                image = entry["images"][kind]
                sx, sy = image["scale"]
                for (px, py), (x, y) in zip(got["polygon_px"][kind], region.polygon):
                    assert px == pytest.approx(x * sx, abs=0.011)
                    assert py == pytest.approx(y * sy, abs=0.011)
        assert len(entry["jumps"]) == len(page.links)
        pdf = (site.root / entry["pdf"]).read_bytes()
        assert pdf == (site.out / f"page-{page.number:02d}.pdf").read_bytes()
    placed = {r.article for p in site.composed.pages for r in p.regions}
    assert {a["id"] for a in manifest["articles"]} == placed
    assert manifest["reading_order"] == [a["id"] for a in manifest["articles"]]


def test_the_page_image_shows_the_trim_box(site):
    """The screen image has the trim's proportions (the PDF's bleed is cut off)."""
    for entry, page in zip(site.manifest["pages"], site.composed.pages):
        image = entry["images"]["screen"]
        assert image["width"] == 1000
        assert image["height"] == pytest.approx(1000 * page.height / page.width, abs=1)
        x0, y0, x1, y1 = entry["trim_box"]
        assert x1 - x0 == pytest.approx(page.width, abs=0.01)
        assert y1 - y0 == pytest.approx(page.height, abs=0.01)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.scripts: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("href", "src"):
            if a.get(name) and not (tag == "link" and a.get("rel") == "canonical"):
                self.refs.append(a[name])
        if a.get("srcset"):
            self.refs += [part.split()[0] for part in a["srcset"].split(",")]
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.scripts.append(data)
            self._in_ld = False


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_link_is_local_and_leads_to_a_file_of_the_site(site):
    from urllib.parse import unquote, urlsplit
    pages = sorted(site.root.glob("*.html"))
    assert len(pages) == 2 + len(site.composed.pages) + len(site.manifest["articles"])
    for page in pages:
        for ref in _parse(page).refs:
            parts = urlsplit(ref)
            if parts.scheme == "data":
                continue
            assert not parts.scheme and not parts.netloc, (page.name, ref)
            target = site.root / unquote(parts.path)
            assert target.is_file(), (page.name, ref)
    text = "".join(p.read_text(encoding="utf-8") for p in site.root.rglob("*")
                   if p.suffix in (".html", ".css", ".js"))
    assert not re.search(r"(src|href)=\"(https?:)?//", text)
    assert "@import" not in text and "url(http" not in text and "fetch(" not in text


def test_each_article_page_carries_news_article_json_ld(site):
    manifest = site.manifest
    spec = site.composed.edition.spec
    for article in manifest["articles"]:
        parsed = _parse(site.root / article["html"])
        assert len(parsed.scripts) == 1
        ld = json.loads(parsed.scripts[0])
        assert ld["@type"] == "NewsArticle"
        assert ld["headline"] == (article["headline"] or ld["headline"])
        assert ld["datePublished"] == spec.date.isoformat()
        assert ld["printPage"] == str(article["page"])
        assert ld["printSection"] == article["section"]
        assert ld["printEdition"] == (spec.issue or spec.date.isoformat())
        assert ld["inLanguage"] == spec.language
        assert ld["isPartOf"]["isPartOf"]["name"] == spec.name


def test_article_pages_say_their_language(site):
    lang = site.composed.edition.spec.language
    for page in site.root.glob("*.html"):
        assert f'<html lang="{lang}">' in page.read_text(encoding="utf-8")


def test_the_search_index_holds_every_bigram_of_every_article(site):
    text = (site.root / "data" / "search-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.EPAPER_SEARCH = ") and text.endswith(";\n")
    index = json.loads(text[len("window.EPAPER_SEARCH = "):-2])
    articles = site.composed.edition.articles
    for number, doc in enumerate(index["docs"]):
        head, body = article_text(articles[doc["id"]])
        s = searchable(head + body)
        for k in range(len(s) - 1):
            assert number in index["grams"][s[k:k + 2]]
        assert all(number in index["grams"][ch] for ch in s)
    assert list(index["grams"]) == sorted(index["grams"])


def test_search_folds_text_like_the_browser():
    assert searchable("Ｂ座５层，“新年”　Ab") == "b座5层新年ab"
    assert grams("工会。工") == {"工", "会", "工会", "会工"}


def test_two_builds_give_byte_identical_sites(sites, tmp_path):
    first = sites("laodong-jump")
    second = build_site(first.edition, tmp_path / "again")
    def files(root):   # report.json holds timings and paths: not part of the output
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                      if p.is_file() and p.name != "report.json")
    names = files(first.out)
    assert names == files(second)
    assert any(n.startswith("epaper/photos/") for n in names)
    for name in names:
        assert (first.out / name).read_bytes() == (second / name).read_bytes(), name


def test_the_site_is_listed_in_the_report(site):
    report = json.loads((site.out / "report.json").read_text(encoding="utf-8"))
    listed = {n for n in report["outputs"] if n.startswith("epaper/")}
    written = {p.relative_to(site.out).as_posix() for p in site.root.rglob("*")
               if p.is_file()}
    assert listed == written


def test_bad_input_builds_with_the_same_diagnostics_as_the_pdfs(tmp_path):
    """A page with no article, an article with no text, a picture whose file is
    missing: the site is built, the diagnostics are those of the PDF build."""
    articles = {
        "lead": {"id": "lead", "headline": "市直机关工会开展关心关爱干部职工活动",
                 "paragraphs": ["记者近日从市直机关工会了解到，今年以来工会投入专项资金。"]},
        "pic": {"id": "pic", "kind": "photo", "headline": "开学日喜收工会礼包",
                "photos": [{"file": "missing.jpg", "caption": "图片说明文字",
                            "credit": "本报记者 摄"}]},
        "empty": {"id": "empty", "headline": "只有标题"},
    }
    folder = write_edition(tmp_path / "bad", articles=articles, slots=[
        {"article": "lead", "column": 1, "span": 4, "top": 0, "height": 30},
        {"article": "pic", "column": 5, "span": 2, "top": 0, "height": 20},
        {"article": "empty", "column": 5, "span": 2, "top": 20, "height": 10}])
    (folder / "pages" / "p04.yaml").write_text("number: 4\nsection: 广告\nsize: tabloid\n",
                                               encoding="utf-8")
    spec = (folder / "edition.yaml").read_text(encoding="utf-8")
    (folder / "edition.yaml").write_text(spec.replace("- pages/p03.yaml",
                                                      "- pages/p03.yaml\n- pages/p04.yaml"),
                                         encoding="utf-8")
    from layout.cli import main
    assert main(["build", str(folder), "--out", str(tmp_path / "pdf"), "--quiet",
                 "--draft"]) == 0
    assert main(["build", str(folder), "--out", str(tmp_path / "site"), "--quiet",
                 "--epaper", "--draft"]) == 0
    plain = json.loads((tmp_path / "pdf" / "report.json").read_text(encoding="utf-8"))
    site = json.loads((tmp_path / "site" / "report.json").read_text(encoding="utf-8"))
    assert site["diagnostics"] == plain["diagnostics"]
    codes = {d["code"] for d in site["diagnostics"]}
    assert {"photo-missing", "article-empty"} <= codes
    root = tmp_path / "site" / "epaper"
    manifest = json.loads((root / "epaper.json").read_text(encoding="utf-8"))
    assert [p["number"] for p in manifest["pages"]] == [3, 4]
    assert manifest["pages"][1]["regions"] == []
    assert "本版没有文章" in (root / "page-04.html").read_text(encoding="utf-8")
    pic = next(a for a in manifest["articles"] if a["id"] == "pic")
    assert pic["photos"] == [{"file": None, "width": None, "height": None,
                               "caption": "图片说明文字", "credit": "本报记者 摄",
                               "placeholder": True}]
    page = (root / "article-pic.html").read_text(encoding="utf-8")
    assert 'class="photo placeholder"' in page and "图片说明文字" in page
    assert "只有标题" in (root / "article-empty.html").read_text(encoding="utf-8")


def test_the_site_in_memory_is_the_site_written(sites):
    """epaper_site() is a pure function of the composed edition and its PDFs."""
    site = sites("laodong-jump")
    library = FontLibrary(None)
    composed = compose_edition(site.edition, library)
    files = epaper_site(composed, render(composed, library))
    for name, data in files.items():
        assert (site.out / name).read_bytes() == data, name


def test_the_page_image_is_the_trim_with_or_without_marks(tmp_path):
    """--marks puts a slug with crop marks around the bleed: the page image still shows
    the trim box alone, in the same place as without marks."""
    from PIL import ImageChops, ImageOps, ImageStat

    from layout.cli import main
    folder = write_edition(tmp_path / "ed")
    images = []
    for name, extra in (("plain", []), ("marks", ["--marks"])):
        assert main(["build", str(folder), "--out", str(tmp_path / name), "--quiet",
                     "--epaper", *extra]) == 0
        path = tmp_path / name / "epaper" / "images" / "page-03.jpg"
        images.append(ImageOps.invert(Image.open(path).convert("L")))   # ink is bright
    assert images[0].size == images[1].size
    difference = ImageStat.Stat(ImageChops.difference(*images))
    assert difference.mean[0] < 1.0                  # anti-aliasing, JPEG: no marks

    def centre(ink: Image.Image) -> tuple[float, float]:
        """The ink's centre of mass, from the column and row means."""
        out = []
        for size in ((ink.width, 1), (1, ink.height)):
            means = list(ink.resize(size, Image.Resampling.BOX).tobytes())
            out.append(sum(k * m for k, m in enumerate(means)) / sum(means))
        return out[0], out[1]
    assert centre(images[0]) == pytest.approx(centre(images[1]), abs=0.25)


def test_site_files_can_be_read_by_a_web_server(site):
    mask = os.umask(0o022)
    os.umask(mask)
    for path in (site.root / "index.html", site.root / "images" / "page-01.jpg",
                 site.root / "epaper.json"):
        if path.exists():
            assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path


RICH = {"id": "lead", "kicker": "坚持人民至上 践行初心使命",
        "headline": "市直机关工会开展关心关爱干部职工活动",
        "subheadline": "投入专项资金五百余万元 惠及职工三万余人",
        "byline": "本报记者 宗晓畅", "byline_position": "line",
        "dateline": "本报北京2月25日电",
        "editor_note": "关心关爱干部职工，是工会组织的职责所在。",
        "lead": "今年以来，市直机关工会广泛开展关心关爱干部职工活动。",
        "paragraphs": ["记者近日从市直机关工会了解到，今年以来工会投入专项资金。",
                       {"subhead": "一、送温暖暖人心"},
                       "截至今年1月底，新发展工会会员10590名。",
                       {"subhead": "二、送文化润心田"},
                       "两天时间老字号企业商品展卖销售额达252万元。"],
        "photos": [{"file": "pic.png", "caption": "职工们在活动现场参观展览。",
                    "credit": "本报记者 周美玉 摄"}]}


def test_an_article_page_sets_every_part_of_the_article_in_order(tmp_path):
    from layout.cli import main
    folder = write_edition(tmp_path / "ed", articles={"lead": RICH}, slots=[
        {"article": "lead", "column": 1, "span": 4, "top": 0, "height": 40,
         "photo": {"lines": 12}}])
    Image.new("RGBA", (2400, 1500), (70, 120, 170, 255)).save(folder / "articles" / "pic.png")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet",
                 "--epaper"]) == 0
    root = tmp_path / "out" / "epaper"
    page = (root / "article-lead.html").read_text(encoding="utf-8")
    parts = ['<p class="kicker">坚持人民至上 践行初心使命</p>',
             '<h1 class="headline">市直机关工会开展关心关爱干部职工活动</h1>',
             '<p class="subheadline">投入专项资金五百余万元 惠及职工三万余人</p>',
             '<p class="byline">本报记者 宗晓畅</p>',
             '<b>编者按</b>关心关爱干部职工，是工会组织的职责所在。',
             '<p class="lead">今年以来，市直机关工会广泛开展关心关爱干部职工活动。</p>',
             'alt="职工们在活动现场参观展览。"',
             '<span class="credit">本报记者 周美玉 摄</span>',
             '<p><span class="dateline">本报北京2月25日电</span>记者近日从市直机关工会了解到',
             '<h2 class="subhead">一、送温暖暖人心</h2>',
             '<p>截至今年1月底，新发展工会会员10590名。</p>',
             '<h2 class="subhead">二、送文化润心田</h2>',
             '<p>两天时间老字号企业商品展卖销售额达252万元。</p>']
    at = [page.find(p) for p in parts]
    assert -1 not in at, parts[at.index(-1)]
    assert at == sorted(at)
    with Image.open(root / "photos" / "lead-1.jpg") as photo:
        assert photo.format == "JPEG" and photo.mode == "RGB"
        assert photo.size == (1280, 800)            # scaled, proportions kept
    manifest = json.loads((root / "epaper.json").read_text(encoding="utf-8"))
    article = manifest["articles"][0]
    assert article["subheads"] == ["一、送温暖暖人心", "二、送文化润心田"]
    assert article["editor_note"] and article["lead"] and article["paragraphs"] == 3


def test_the_pdf_shows_in_each_region_exactly_its_articles_characters(site):
    """Read back from the page PDF (pdfplumber): the characters whose centre lies in an
    article's region are the characters of that article's glyphs, no more, no fewer —
    the regions fit what is printed, not only the page model."""
    from collections import Counter

    import pdfplumber
    import pikepdf
    for page in site.composed.pages:
        path = site.out / f"page-{page.number:02d}.pdf"
        with pikepdf.open(path) as pdf:
            x0, _, _, y1 = (float(v) for v in pdf.pages[0].TrimBox)
        with pdfplumber.open(path) as pdf:
            printed = pdf.pages[0]
            top = float(printed.height) - y1          # trim's top edge, from the top
            chars = [(c["text"], (c["x0"] + c["x1"]) / 2 - x0,
                      (c["top"] + c["bottom"]) / 2 - top) for c in printed.chars]
        for region in page.regions:
            shown = Counter(t for t, x, y in chars if t.strip() and region.contains(x, y))
            drawn = Counter(ch for line in page.lines(region.article) for run in line.runs
                            for cluster in run.clusters for ch in cluster if ch.strip())
            assert shown == drawn, (site.name, page.number, region.article)

"""The e-paper site of every seed edition in a real browser (headless Chromium): clicking
a region opens its article, the overlay matches the manifest and scales with the image,
jumps lead there and back, search finds what is there and nothing else, phones need no
sideways scrolling; screenshots are kept in output/artefacts/."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from layout.spec.model import Subhead
from layout.writers.epaper.search import article_text, searchable
from tests.epaper.conftest import ARTEFACTS, DESKTOP, PHONE, Site, viewport

pytestmark = pytest.mark.usefixtures("browser")


def _go(driver, url: str) -> None:
    driver.get(url)
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def _page_point(driver, entry: dict, x_pt: float, y_pt: float) -> tuple[int, int]:
    """Scroll page point (x, y) (pt from the trim's top-left) to the middle of the
    window; its position in the viewport, in CSS pixels."""
    sx, sy = entry["images"]["screen"]["scale"]
    width = entry["images"]["screen"]["width"]
    script = """
        const img = document.querySelector('.sheet img');
        let r = img.getBoundingClientRect();
        const k = r.width / arguments[2];
        window.scrollBy(0, r.top + arguments[1] * k - innerHeight / 2);
        r = img.getBoundingClientRect();
        return [r.left + arguments[0] * k, r.top + arguments[1] * k];"""
    x, y = driver.execute_script(script, x_pt * sx, y_pt * sy, width)
    return round(x), round(y)


def _click(driver, x: int, y: int) -> None:
    old = driver.current_url
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(x, y)
    actions.pointer_action.click()
    actions.perform()
    WebDriverWait(driver, 10).until(lambda d: d.current_url != old)
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def _target_point(site: Site, page, region, jumps) -> tuple[float, float]:
    """A point of the region that is the article's own: the middle of its headline's
    first glyph, else the middle of the region (never on a jump line)."""
    for line in page.lines(region.article):
        if line.block.kind == "headline" and line.runs:
            x0, y0, x1, y1 = next(line.runs[0].boxes())
            return (x0 + x1) / 2, (y0 + y1) / 2
    x0, y0, x1, y1 = region.bbox()
    point = ((x0 + x1) / 2, (y0 + y1) / 2)
    assert region.contains(*point)
    for j in jumps:
        jx, jy, jw, jh = j["box_pt"]
        assert not (jx <= point[0] <= jx + jw and jy <= point[1] <= jy + jh)
    return point


def _first_paragraph(article) -> str:
    for item in article.paragraphs:
        if not isinstance(item, Subhead):
            return article.dateline + item
    return ""


def test_clicking_a_region_opens_its_article_page(site, browser):
    viewport(browser, DESKTOP)
    manifest = site.manifest
    clicked = 0
    for entry, page in zip(manifest["pages"], site.composed.pages):
        for region in sorted(page.regions, key=lambda r: r.order):
            _go(browser, site.url(entry["html"]))
            x, y = _page_point(browser, entry, *_target_point(site, page, region,
                                                              entry["jumps"]))
            hit = browser.execute_script(
                "const e = document.elementFromPoint(arguments[0], arguments[1]);"
                "const a = e && e.closest('a'); return a && a.getAttribute('href');", x, y)
            assert hit == quote(f"article-{region.article}.html"), (site.name, region)
            _click(browser, x, y)
            assert browser.current_url.endswith(quote(f"article-{region.article}.html"))
            article = site.composed.edition.articles[region.article]
            headline = browser.find_element(By.CSS_SELECTOR, "h1.headline").text
            assert headline == (article.headline or headline)
            assert article.headline or article.kicker or article.texts
            first = _first_paragraph(article)
            if first:
                shown = browser.execute_script("""
                    const p = document.querySelector('.story-body > p:not(.jump-mark)');
                    const copy = p.cloneNode(true);
                    copy.querySelectorAll('.jump-mark').forEach(m => m.remove());
                    return copy.textContent;""")
                assert shown == first
            clicked += 1
    assert clicked == sum(len(p.regions) for p in site.composed.pages)


def test_the_overlay_matches_the_manifest_and_scales_with_the_image(site, browser):
    for size in (DESKTOP, PHONE):
        viewport(browser, size)
        for entry in site.manifest["pages"]:
            _go(browser, site.url(entry["html"]))
            shapes = browser.execute_script("""
                return Array.from(document.querySelectorAll('.regions a.region')).map(a =>
                    [a.id, a.querySelector('polygon').getAttribute('points')]);""")
            assert [s[0] for s in shapes] == [r["anchor"] for r in entry["regions"]]
            for (_, points), region in zip(shapes, entry["regions"]):
                got = [float(v) for p in points.split() for v in p.split(",")]
                want = [v for xy in region["polygon_px"]["screen"] for v in xy]
                assert got == pytest.approx(want, abs=0.006)
            img, svg, box = browser.execute_script("""
                const r = e => { const b = e.getBoundingClientRect();
                                 return [b.left, b.top, b.width, b.height]; };
                const svg = document.querySelector('.sheet svg.regions');
                return [r(document.querySelector('.sheet img')), r(svg),
                        svg.getAttribute('viewBox')];""")
            assert svg == pytest.approx(img, abs=0.5)
            screen = entry["images"]["screen"]
            assert box == f"0 0 {screen['width']} {screen['height']}"
            assert img[2] <= size[0]


def test_a_jump_leads_to_its_continuation_and_back(sites, browser):
    site = sites("laodong-jump")
    viewport(browser, DESKTOP)
    pages = {p["number"]: p for p in site.manifest["pages"]}
    on = next(j for p in pages.values() for j in p["jumps"] if j["kind"] == "continued-on")
    source = next(p for p in pages.values() if on in p["jumps"])
    target = pages[on["target"]["page"]]
    assert target["number"] != source["number"]

    def follow(page: dict, jump: dict) -> None:
        _go(browser, site.url(page["html"]))
        x, y, w, h = jump["box_pt"]
        _click(browser, *_page_point(browser, page, x + w / 2, y + h / 2))

    follow(source, on)
    anchor = next(r["anchor"] for r in target["regions"]
                  if r["slot"] == on["target"]["slot"])
    assert browser.current_url.endswith(f"{target['html']}#{anchor}")
    state = browser.execute_script("""
        const e = document.getElementById(arguments[0]);
        const b = e.getBoundingClientRect();
        return [e.classList.contains('active'), b.top < innerHeight && b.bottom > 0];""",
                                   anchor)
    assert state == [True, True]            # highlighted and in view
    back = next(j for j in target["jumps"]
                if j["kind"] == "continued-from" and j["article"] == on["article"])
    assert back["label"] == f"上接第{source['number']}版"
    follow(target, back)
    home = next(r["anchor"] for r in source["regions"] if r["article"] == on["article"])
    assert browser.current_url.endswith(f"{source['html']}#{home}")
    # the article page carries the same pair where its print text changes page
    _go(browser, site.url(f"article-{on['article']}.html"))
    marks = browser.execute_script("""
        return Array.from(document.querySelectorAll('.story-body .jump-mark a')).map(a =>
            [a.textContent, a.getAttribute('href')]);""")
    assert marks == [[on["label"], on["target"]["href"]],
                     [back["label"], back["target"]["href"]]]
    browser.find_element(By.LINK_TEXT, on["label"]).click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith(on["target"]["href"]))


def _expected_hits(site: Site, phrase: str) -> set[str]:
    folded = searchable(phrase)
    return {a["id"] for a in site.manifest["articles"]
            if folded in searchable("".join(article_text(
                site.composed.edition.articles[a["id"]])))}


def _search(browser, site: Site, phrase: str) -> list[str]:
    _go(browser, site.url("index.html"))
    box = browser.find_element(By.CSS_SELECTOR, ".search input[name=q]")
    box.send_keys(phrase, Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: "search.html" in d.current_url)
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "status").text.startswith(("找到", "没有")))
    return browser.execute_script("""
        return Array.from(document.querySelectorAll('#results a.title')).map(a =>
            decodeURIComponent(a.getAttribute('href')));""")


def test_search_finds_the_articles_holding_a_phrase(site, browser):
    viewport(browser, DESKTOP)
    articles = site.composed.edition.articles
    texts = [(a["id"], t) for a in site.manifest["articles"]
             for t in articles[a["id"]].texts if len(t) >= 14]
    assert texts
    ident, text = texts[len(texts) // 2]
    phrase = text[5:13]
    found = _search(browser, site, phrase)
    assert f"article-{ident}.html" in found
    assert set(found) == {f"article-{i}.html" for i in _expected_hits(site, phrase)}
    marked = browser.find_element(By.CSS_SELECTOR, "#results mark").text
    assert searchable(marked) == searchable(phrase)


def test_search_finds_nothing_for_a_phrase_from_no_article(site, browser):
    viewport(browser, DESKTOP)
    phrase = "鹦鹉螺潜水艇馄饨"
    assert not _expected_hits(site, phrase)
    assert _search(browser, site, phrase) == []
    assert browser.find_element(By.ID, "status").text.startswith("没有找到")


def test_no_page_scrolls_sideways_on_a_phone(site, browser):
    viewport(browser, PHONE)
    names = sorted(p.name for p in site.root.glob("*.html"))
    assert any(n.startswith("article-") for n in names)
    for name in names:
        _go(browser, site.url(name))
        width, inner = browser.execute_script(
            "return [document.documentElement.scrollWidth, innerWidth]")
        assert inner == PHONE[0]
        assert width <= inner, (site.name, name, width)


def test_screenshots_of_a_page_view_and_an_article_page(site, browser):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    manifest = site.manifest
    first = manifest["pages"][0]
    article = max(manifest["articles"], key=lambda a: a["characters"])
    shots = [(first["html"], DESKTOP, "page-desktop"), (first["html"], PHONE, "page-phone"),
             (article["html"], DESKTOP, "article-desktop"),
             (article["html"], PHONE, "article-phone")]
    for path, size, label in shots:
        viewport(browser, size)
        _go(browser, site.url(path))
        out = ARTEFACTS / f"epaper-{site.name}-{label}.png"
        assert browser.save_screenshot(str(out))
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_hovering_a_region_highlights_the_article_and_its_title(sites, browser):
    site = sites("laodong-jump")
    viewport(browser, DESKTOP)
    entry = site.manifest["pages"][0]
    page = site.composed.pages[0]
    region = sorted(page.regions, key=lambda r: r.order)[1]
    _go(browser, site.url(entry["html"]))
    fill = ("return getComputedStyle(document.querySelector("
            "'#' + arguments[0] + ' polygon')).fill")
    anchor = f"a-{region.article}"
    assert browser.execute_script(fill, anchor) == "rgba(0, 0, 0, 0)"
    x, y = _page_point(browser, entry, *_target_point(site, page, region, entry["jumps"]))
    actions = ActionBuilder(browser)
    actions.pointer_action.move_to_location(x, y)
    actions.perform()
    assert browser.execute_script(fill, anchor) != "rgba(0, 0, 0, 0)"
    title = browser.execute_script(
        "return document.querySelector('.toc li[data-article=\"' + arguments[0] + '\"]')"
        ".classList.contains('hover')", region.article)
    assert title is True


def test_zooming_keeps_the_regions_on_the_image(sites, browser):
    site = sites("laodong-jump")
    viewport(browser, DESKTOP)
    _go(browser, site.url(site.manifest["pages"][0]["html"]))
    rects = """
        const r = e => { const b = e.getBoundingClientRect();
                         return [b.left, b.top, b.width, b.height]; };
        return [r(document.querySelector('.sheet img')),
                r(document.querySelector('.sheet svg.regions'))];"""
    before, _ = browser.execute_script(rects)
    browser.find_element(By.CSS_SELECTOR, ".sheet-tools .zoom").click()
    img, svg = browser.execute_script(rects)
    frame = browser.execute_script("return document.querySelector('.sheet-scroll').clientWidth")
    assert img[2] == pytest.approx(2 * frame, abs=1) and img[2] > 1.5 * before[2]
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(
        "return document.querySelector('.sheet img').currentSrc").endswith("-hi.jpg"))
    assert svg == pytest.approx(img, abs=0.5)
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= innerWidth")   # scrolls in its frame


def test_the_site_works_from_a_static_web_server(sites, browser):
    """The same files served over HTTP (a server on the loopback address): images load,
    a region leads to its article, search finds it."""
    import functools
    import http.server
    import threading
    site = sites("laodong-jump")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    handler = functools.partial(Quiet, directory=str(site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        viewport(browser, DESKTOP)
        entry = site.manifest["pages"][0]
        _go(browser, base + entry["html"])
        WebDriverWait(browser, 10).until(lambda d: d.execute_script("""
            return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0);
            """))
        page = site.composed.pages[0]
        region = min(page.regions, key=lambda r: r.order)
        _click(browser, *_page_point(browser, entry, *_target_point(
            site, page, region, entry["jumps"])))
        assert browser.current_url == base + quote(f"article-{region.article}.html")
        headline = site.composed.edition.articles[region.article].headline
        assert browser.find_element(By.CSS_SELECTOR, "h1.headline").text == headline
        _go(browser, base + "search.html?q=" + quote(headline[:6]))
        found = browser.execute_script("""
            return Array.from(document.querySelectorAll('#results a.title')).map(a =>
                a.getAttribute('href'));""")
        assert quote(f"article-{region.article}.html") in found
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

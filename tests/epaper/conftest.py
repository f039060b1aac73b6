"""Shared fixtures of the e-paper tests: every seed edition built once with ``--epaper``
(with its page model), and one headless Chromium for the whole session.

The browser is Debian's Chromium driven by Debian's chromedriver (installed by the
README's commands); nothing is downloaded.  Browser tests are skipped only when
/usr/bin/chromium is not installed.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from layout.build import Composed, compose_edition
from layout.cli import main
from layout.fonts import FontLibrary
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SEEDS = sorted(p.parent.name for p in (ROOT / "seeds").glob("*/edition.yaml"))
ARTEFACTS = ROOT / "output" / "artefacts"
DESKTOP = (1440, 900)
PHONE = (375, 812)


@dataclass
class Site:
    """A seed edition built with --epaper: where it is, its page model, its manifest."""

    name: str
    edition: Path
    out: Path
    composed: Composed

    @property
    def root(self) -> Path:
        return self.out / "epaper"

    @property
    def manifest(self) -> dict:
        return json.loads((self.root / "epaper.json").read_text(encoding="utf-8"))

    def url(self, path: str) -> str:
        return (self.root / path.split("#")[0]).as_uri() + \
            (f"#{path.split('#', 1)[1]}" if "#" in path else "")

    def page(self, number: int):
        return next(p for p in self.composed.pages if p.number == number)


def build_site(edition: Path, out: Path) -> Path:
    """`epaper build EDITION --out OUT --epaper`, as a user runs it."""
    assert main(["build", str(edition), "--out", str(out), "--epaper", "--quiet"]) == 0
    return out


class Sites:
    """Seed editions built on first use, once per session."""

    def __init__(self, tmp_path_factory):
        self.tmp = tmp_path_factory
        self.built: dict[str, Site] = {}

    def __call__(self, name: str) -> Site:
        if name not in self.built:
            edition = ROOT / "seeds" / name
            out = build_site(edition, self.tmp.mktemp(f"site-{name}"))
            composed = compose_edition(edition, FontLibrary(None))
            self.built[name] = Site(name, edition, out, composed)
        return self.built[name]


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> Sites:
    return Sites(tmp_path_factory)


@pytest.fixture(params=SEEDS)
def site(request, sites) -> Site:
    """Each seed edition, built with --epaper."""
    return sites(request.param)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium for the session (no network, fresh profile)."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--hide-scrollbars", f"--user-data-dir={profile}",
                 f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER if CHROMEDRIVER.exists()
                                                  else shutil.which("chromedriver"))),
                              options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def viewport(driver, size: tuple[int, int]) -> None:
    """Make the page's viewport ``size`` CSS pixels (the window's frame aside)."""
    driver.set_window_size(*size)
    width, height = driver.execute_script("return [innerWidth, innerHeight]")
    if (width, height) != size:
        driver.set_window_size(2 * size[0] - width, 2 * size[1] - height)

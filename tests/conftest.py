"""Shared fixtures: a small edition written into a temporary folder, and the project root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

# The property tests and the fuzzing suite draw the same examples on every run, so a CI run
# is reproducible; HYPOTHESIS_PROFILE=explore draws new ones each time (for development).
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="session")
def _font_cache(tmp_path_factory):
    """Tests share one font cache of their own, never the user's."""
    os.environ.setdefault("EPAPER_CACHE", str(tmp_path_factory.mktemp("cache")))


ARTICLES = {
    "lead": {"id": "lead", "headline": "市直机关工会开展关心关爱干部职工活动",
             "byline": "本报讯（记者 宗晓畅）",
             "paragraphs": ["记者近日从市直机关工会了解到，今年以来市直机关工会投入专项资金，"
                            "以“送温暖、送文化、送健康”为主题，广泛开展关心关爱干部职工活动。",
                            "截至今年1月底，新发展工会会员10590名，其中新就业形态劳动者271名。"]},
    "side": {"id": "side", "headline": "开学日喜收工会礼包", "kind": "photo",
             "paragraphs": ["昨天是中小学开学日，一早，乘车通学7路的20余名小学生收到了车队工会"
                            "送上的开学礼物。"],
             "photos": [{"file": "../images/side.jpg", "credit": "通讯员 葛然 摄影报道"}]},
}


def write_picture(path: Path, size=(1500, 1100)) -> Path:
    """A photograph-like JPEG (gradients and shapes) for test editions."""
    from PIL import Image, ImageDraw
    path.parent.mkdir(parents=True, exist_ok=True)
    w, h = size
    im = Image.new("RGB", size)
    draw = ImageDraw.Draw(im)
    for y in range(h):
        draw.line([(0, y), (w, y)], fill=(90 + 120 * y // h, 140, 200 - 80 * y // h))
    draw.ellipse([w // 4, h // 4, w // 2, h // 2], fill=(230, 190, 40))
    im.save(path, quality=85)
    return path


def write_edition(folder: Path, articles=None, slots=None, page_extra=None, edition_extra=None):
    """Write a one-page tabloid edition; arguments replace parts of the default.  The style
    sheet and font set are epaper's packaged defaults, given by name."""
    articles = ARTICLES if articles is None else articles
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "pages").mkdir(exist_ok=True)
    write_picture(folder / "images" / "side.jpg")
    for ident, data in articles.items():
        (folder / "articles" / f"{ident}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    slots = slots if slots is not None else [
        {"article": "lead", "column": 1, "span": 4, "top": 0, "height": 20},
        {"article": "side", "column": 5, "span": 2, "top": 0, "height": 30},
    ]
    page = {"number": 3, "section": "工会新闻", "size": "tabloid", "slots": slots,
            **(page_extra or {})}
    (folder / "pages" / "p03.yaml").write_text(yaml.safe_dump(page, allow_unicode=True),
                                               encoding="utf-8")
    edition = {"name": "劳动午报", "date": "2024-02-26", "issue": "第1号",
               "style": "newspaper", "fonts": "fonts", "pages": ["pages/p03.yaml"],
               **(edition_extra or {})}
    (folder / "edition.yaml").write_text(yaml.safe_dump(edition, allow_unicode=True),
                                         encoding="utf-8")
    return folder


@pytest.fixture
def edition(tmp_path):
    return write_edition(tmp_path / "ed")


def pytest_addoption(parser):
    parser.addoption("--update-dumps", action="store_true",
                     help="rewrite the expected layout dumps in tests/dumps/ from the current "
                          "output instead of comparing")

"""Adverts (广告): a picture or a PDF filling its slot with no text, its region, and its own
preflight — booked size, resolution, colour and ink."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from PIL import Image as PILImage
from PIL import ImageDraw

from layout.build import compose_edition
from layout.cli import main
from layout.display import Image, TextLine
from layout.fonts import FontLibrary
from layout.spec.grid import MM
from tests.conftest import ARTICLES, write_edition

LEAD = {"article": "lead", "column": 1, "span": 4, "top": 0, "height": 12}


def _advert_edition(folder: Path, file: str, slot: dict, advert: dict | None = None,
                    photo: dict | None = None) -> Path:
    ad = {"id": "ad", "kind": "advert", "photos": [{"file": file, **(photo or {})}]}
    if advert:
        ad["advert"] = advert
    return write_edition(folder, articles={"lead": ARTICLES["lead"], "ad": ad},
                         slots=[LEAD, {"article": "ad", "name": "ad", **slot}])


def _jpeg(path: Path, size, colour=(30, 90, 200), mode="RGB") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    im = PILImage.new(mode, size, colour)
    ImageDraw.Draw(im).rectangle([size[0] // 10, size[1] // 3, size[0] // 2, size[1] // 2],
                                 fill=(255, 255, 255) if mode == "RGB" else (0, 0, 0, 0))
    im.save(path, quality=90)
    return path


def _pdf(path: Path, w_mm: float, h_mm: float) -> Path:
    from reportlab.pdfgen import canvas
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=(w_mm * MM, h_mm * MM))
    c.setFillColorCMYK(1, 0.3, 0, 0)
    c.rect(0, 0, w_mm * MM, h_mm * MM, fill=1, stroke=0)
    c.setFillColorCMYK(0, 0, 0, 0)
    c.setFont("Helvetica-Bold", 30)
    c.drawString(10 * MM, h_mm * MM / 2, "CITY BANK 400-800-1234")
    c.save()
    return path


def _composed(edition: Path):
    composed = compose_edition(edition, FontLibrary())
    return composed, composed.pages[0], composed.edition.pages[0].grid


def _codes(composed) -> list[str]:
    return [d.code for d in composed.sink]


def test_a_picture_advert_fills_its_slot_with_no_text_and_keeps_its_shape(tmp_path):
    folder = tmp_path / "ed"
    _jpeg(folder / "articles" / "ad.jpg", (3000, 1200))
    composed, page, g = _composed(_advert_edition(
        folder, "ad.jpg", {"column": 1, "span": 6, "top": 40, "height": 20}))
    images = [i for i in page.items if isinstance(i, Image) and i.article == "ad"]
    assert len(images) == 1 and not list(page.lines("ad"))
    im = images[0]
    assert im.w / im.h == pytest.approx(3000 / 1200, rel=1e-3)         # contain: not cut
    assert im.crop == (0.0, 0.0, 1.0, 1.0)
    area_top, area_bottom = g.line_top(41), g.line_top(60)
    assert im.x == pytest.approx(g.left) and im.w == pytest.approx(g.right - g.left)
    assert area_top - 0.01 <= im.y and im.y + im.h <= area_bottom + 0.01
    region = next(r for r in page.regions if r.article == "ad")
    assert region.kind == "advert" and region.slot == "ad"
    report = next(s for s in composed.slots if s.slot == "ad")
    figures = report.photos[0]
    assert figures["advert"] and figures["fit"] == "contain" and figures["mode"] == "RGB"
    assert figures["ppi"] == pytest.approx(3000 / (im.w / 72), abs=0.1)
    assert figures["ppi"] > 300 and "advert-low-resolution" not in _codes(composed)
    assert report.overset_lines == 0 and report.lines_set == report.capacity


def test_an_advert_is_cropped_only_when_it_says_cover(tmp_path):
    folder = tmp_path / "ed"
    _jpeg(folder / "articles" / "ad.jpg", (3000, 1200))
    composed, page, g = _composed(_advert_edition(
        folder, "ad.jpg", {"column": 1, "span": 6, "top": 40, "height": 20},
        photo={"fit": "cover"}))
    im = next(i for i in page.items if isinstance(i, Image) and i.article == "ad")
    assert im.crop != (0.0, 0.0, 1.0, 1.0)
    assert im.h == pytest.approx(19 * g.pitch)


@pytest.mark.parametrize("pixels,code,exit_code", [
    ((1000, 400), "image-too-coarse", 3),        # about 113 ppi across 6 columns
    ((2000, 800), "advert-low-resolution", 0),   # about 225 ppi: soft, still printed
])
def test_adverts_need_300_ppi(tmp_path, pixels, code, exit_code):
    folder = tmp_path / "ed"
    _jpeg(folder / "articles" / "ad.jpg", pixels)
    edition = _advert_edition(folder, "ad.jpg",
                              {"column": 1, "span": 6, "top": 40, "height": 20})
    composed, _, _ = _composed(edition)
    assert code in _codes(composed)
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--quiet"]) == \
        exit_code


def test_a_pdf_advert_is_rasterised_and_checked_against_its_booking(tmp_path):
    folder = tmp_path / "ed"
    _pdf(folder / "articles" / "bank.pdf", 225, 80)
    booking = {"width_mm": 225, "height_mm": 80, "client": "City Bank"}
    slot = {"column": 1, "span": 6, "top": 44, "height": 25}
    composed, page, g = _composed(_advert_edition(folder, "bank.pdf", slot, booking))
    im = next(i for i in page.items if isinstance(i, Image) and i.article == "ad")
    assert im.path.suffix == ".png"
    with PILImage.open(im.path) as raster:
        assert raster.width == pytest.approx(im.w / 72 * 600, abs=2)
    figures = next(s for s in composed.slots if s.slot == "ad").photos[0]
    assert figures["source"] == "pdf" and figures["pdf_mm"] == [225.0, 80.0]
    assert abs(figures["placed_mm"][0] - 225) < 2 and abs(figures["placed_mm"][1] - 80) < 2
    # the slot is taller than the booking: the warning gives the height that holds it
    warning = next(d for d in composed.sink if d.code == "advert-size")
    assert "height 25 → " in warning.hint and warning.article == "ad"
    better = int(warning.hint.split("height 25 → ")[1].split()[0].rstrip(";"))
    fixed = _advert_edition(tmp_path / "fixed", "bank.pdf", {**slot, "height": better},
                            booking)
    _pdf(tmp_path / "fixed" / "articles" / "bank.pdf", 225, 80)
    composed, page, g = _composed(fixed)
    assert "advert-size" not in _codes(composed)
    _, _, _, h = next((i.x, i.y, i.w, i.h) for i in page.items
                      if isinstance(i, Image) and i.article == "ad")
    assert abs(h / MM - 80) <= 2


def test_an_advert_booked_wider_than_its_slot_is_told_the_span(tmp_path):
    folder = tmp_path / "ed"
    _pdf(folder / "articles" / "bank.pdf", 225, 80)
    composed, _, _ = _composed(_advert_edition(
        folder, "bank.pdf", {"column": 1, "span": 4, "top": 44, "height": 18},
        {"width_mm": 225, "height_mm": 80}))
    warning = next(d for d in composed.sink if d.code == "advert-size")
    assert "span 4 → 6" in warning.hint and "booked at 225 × 80 mm" in warning.message


def test_an_rgb_advert_is_converted_and_its_ink_measured(tmp_path):
    folder = tmp_path / "ed"
    _jpeg(folder / "articles" / "ad.jpg", (3000, 1200), colour=(0, 0, 0))     # all black
    _jpeg(folder / "articles" / "k.jpg", (3000, 1200), colour=(0, 0, 0, 255), mode="CMYK")
    edition = _advert_edition(folder, "ad.jpg",
                              {"column": 1, "span": 6, "top": 40, "height": 20})
    composed, _, _ = _composed(edition)
    ink = next(d for d in composed.sink if d.code == "ink-over-limit")
    assert "300 % CMY" in ink.message and ink.data["max"] > 290
    out = tmp_path / "out"
    assert main(["build", str(edition), "--out", str(out), "--quiet"]) == 0
    with pikepdf.open(out / "page-03.pdf") as pdf:
        spaces = {str(x.ColorSpace) for x in pdf.pages[0].obj.Resources.XObject.values()
                  if x.get("/Subtype") == "/Image"}
    assert spaces == {"/DeviceCMYK"}
    article = folder / "articles" / "ad.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("ad.jpg", "k.jpg"),
                       encoding="utf-8")
    composed, _, _ = _composed(edition)
    assert "ink-over-limit" not in _codes(composed)          # black on K only: 100 %
    figures = next(s for s in composed.slots if s.slot == "ad").photos[0]
    assert figures["mode"] == "CMYK" and figures["ink"]["max"] <= 101


def test_a_missing_advert_stops_the_press(tmp_path):
    edition = _advert_edition(tmp_path / "ed", "nowhere.pdf",
                              {"column": 1, "span": 6, "top": 40, "height": 20})
    composed, page, _ = _composed(edition)
    assert "photo-missing" in _codes(composed)
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--quiet"]) == 3
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] is False


@pytest.mark.parametrize("article,words", [
    ({"id": "ad", "kind": "advert", "photos": []}, "exactly one picture"),
    ({"id": "ad", "kind": "article", "headline": "x", "paragraphs": ["y"],
      "advert": {"width_mm": 100}}, "kind: advert"),
])
def test_an_advert_badly_declared_is_one_line(tmp_path, capsys, article, words):
    edition = write_edition(tmp_path / "ed", articles={"lead": ARTICLES["lead"], "ad": article},
                            slots=[LEAD])
    assert main(["build", str(edition), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0] and "ad.yaml" in err[0]


def test_adverts_get_no_text_of_their_own(tmp_path):
    folder = tmp_path / "ed"
    _jpeg(folder / "articles" / "ad.jpg", (3000, 1200))
    composed, page, _ = _composed(_advert_edition(
        folder, "ad.jpg", {"column": 1, "span": 6, "top": 40, "height": 20}))
    assert not [i for i in page.items if isinstance(i, TextLine) and i.article == "ad"]
    assert "article-empty" not in _codes(composed)

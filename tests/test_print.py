"""What the printing plant and the archive receive: boxes, colour, PDF/X, identical
rebuilds, and the preflight command."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import time
from pathlib import Path

import pikepdf
import pytest
import yaml
from PIL import Image

from layout.cli import main
from tests.conftest import ARTICLES, ROOT, write_edition

SEED = ROOT / "seeds" / "laodong-2024-02-26"
MM = 72 / 25.4
CMYK_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


def _build(edition: Path, out: Path, *extra: str) -> dict:
    assert main(["build", str(edition), "--out", str(out), "--quiet", *extra]) == 0
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    _build(SEED, out)
    return out


def _boxes(pdf_file: Path) -> list[dict[str, list[float]]]:
    with pikepdf.open(pdf_file) as pdf:
        return [{k: [float(v) for v in page.obj[f"/{k}"]] for k in
                 ("MediaBox", "BleedBox", "TrimBox") if f"/{k}" in page.obj}
                for page in pdf.pages]


def test_trim_is_the_page_size_and_bleed_three_mm_beyond(seed_build):
    for name in ("page-02.pdf", "edition.pdf"):
        for box in _boxes(seed_build / name):
            t, b, m = box["TrimBox"], box["BleedBox"], box["MediaBox"]
            assert t[2] - t[0] == pytest.approx(390 * MM, abs=0.01)
            assert t[3] - t[1] == pytest.approx(540 * MM, abs=0.01)
            for i in (0, 1):
                assert t[i] - b[i] == pytest.approx(3 * MM, abs=0.01)
                assert b[i + 2] - t[i + 2] == pytest.approx(3 * MM, abs=0.01)
            assert m == b


def test_marks_sit_outside_the_bleed(tmp_path):
    _build(SEED, tmp_path, "--marks")
    box = _boxes(tmp_path / "page-02.pdf")[0]
    t, b, m = box["TrimBox"], box["BleedBox"], box["MediaBox"]
    assert t[0] - b[0] == pytest.approx(3 * MM, abs=0.01)
    assert b[0] - m[0] == pytest.approx(10 * MM, abs=0.01)   # the slug holds the marks
    with pikepdf.open(tmp_path / "page-02.pdf") as pdf:
        strokes = [ops for ops, op in pikepdf.parse_content_stream(pdf.pages[0])
                   if str(op) == "K" and [float(v) for v in ops] == [1, 1, 1, 1]]
    assert strokes, "marks are drawn in registration colour"


def test_qpdf_check_passes_on_every_output(seed_build):
    for pdf in seed_build.glob("*.pdf"):
        result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_colour_is_cmyk_and_black_overprints(seed_build):
    with pikepdf.open(seed_build / "page-02.pdf") as pdf:
        page = pdf.pages[0]
        states = page.obj.Resources.get("/ExtGState", {})
        graphics, stack = {}, []          # the overprint parameters in force (gs, q, Q)
        black_text = black_overprinted = 0
        fill = None
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            assert op not in ("rg", "RG", "sc", "scn"), "CMYK operators only"
            if op == "gs":
                graphics.update({str(k): v for k, v in states[str(operands[0])].items()})
            elif op == "q":
                stack.append(dict(graphics))
            elif op == "Q":
                graphics = stack.pop()
            elif op == "k":
                fill = [float(v) for v in operands]
            elif op == "TJ" and fill == [0, 0, 0, 1]:
                black_text += 1
                black_overprinted += graphics.get("/op") is True and \
                    graphics.get("/OPM") == 1
            elif op == "TJ" and fill is not None:
                assert graphics.get("/op") is not True, "colour text knocks out"
    assert black_text > 100
    assert black_overprinted == black_text


def _copy_seed(folder: Path) -> Path:
    shutil.copytree(SEED, folder)
    return folder


def test_rebuilds_are_byte_identical_anywhere_anytime(tmp_path, monkeypatch):
    first = _copy_seed(tmp_path / "a" / "laodong")
    second = _copy_seed(tmp_path / "elsewhere" / "another-name")
    monkeypatch.chdir(tmp_path / "a")
    report_a = _build(first, tmp_path / "out-a", "--cache", str(tmp_path / "cache-a"))
    time.sleep(1.1)                           # a different second on the clock
    monkeypatch.chdir(tmp_path)
    report_b = _build(second, tmp_path / "out-b" / "deeper", "--cache",
                      str(tmp_path / "cache-b"))
    assert report_a["outputs"] == report_b["outputs"]
    for name, digest in report_a["outputs"].items():
        data = (tmp_path / "out-b" / "deeper" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest
    with pikepdf.open(tmp_path / "out-a" / "edition.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20240226")


@pytest.mark.skipif(not CMYK_ICC.is_file(), reason="needs libgs-common's CMYK profile")
def test_pdfx_has_its_output_intent_and_keys(tmp_path):
    edition = _copy_seed(tmp_path / "ed")
    spec = yaml.safe_load((edition / "edition.yaml").read_text(encoding="utf-8"))
    spec["print"] = {"output_intent": str(CMYK_ICC), "output_condition": "CGATS TR 001"}
    (edition / "edition.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True),
                                          encoding="utf-8")
    _build(edition, tmp_path / "out", "--pdfx")
    with pikepdf.open(tmp_path / "out" / "page-02.pdf") as pdf:
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
        assert pdf.docinfo["/Trapped"] == pikepdf.Name("/False")
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == pikepdf.Name("/GTS_PDFX")
        assert str(intent.OutputConditionIdentifier) == "CGATS TR 001"
        assert intent.DestOutputProfile.read_bytes() == CMYK_ICC.read_bytes()
        assert len(pdf.trailer.ID) == 2
        assert all("/ArtBox" not in p.obj and "/TrimBox" in p.obj for p in pdf.pages)


def test_pdfx_without_a_profile_is_a_clear_error(tmp_path, capsys):
    code = main(["build", str(SEED), "--out", str(tmp_path), "--pdfx", "--quiet"])
    assert code == 1
    err = capsys.readouterr().err
    assert "edition.yaml" in err and "ICC profile" in err
    assert not list(tmp_path.glob("*.pdf"))


def _photo_edition(folder: Path, size=(2400, 1600), mode="RGB", images=None,
                   articles=None) -> Path:
    side = dict(ARTICLES["side"], photos=[{"file": "photo.png",
                                           "credit": "通讯员 葛然 摄影报道"}])
    edition = write_edition(folder, articles={"lead": ARTICLES["lead"], "side": side,
                                              **(articles or {})},
                            edition_extra={"print": {"images": images}} if images else None)
    Image.new(mode, size, (200, 40, 40) if mode == "RGB" else 128).save(
        folder / "articles" / "photo.png")
    return edition


def _image_spaces(pdf_file: Path) -> list[str]:
    with pikepdf.open(pdf_file) as pdf:
        return [str(x.ColorSpace) for page in pdf.pages
                for x in page.obj.Resources.get("/XObject", {}).values()
                if x.get("/Subtype") == "/Image"]


def test_rgb_pictures_are_converted_to_cmyk(tmp_path):
    edition = _photo_edition(tmp_path / "ed")
    report = _build(edition, tmp_path / "out")
    assert _image_spaces(tmp_path / "out" / "edition.pdf") == ["/DeviceCMYK"]
    photo = report["articles"]["side"]["photos"][0]
    assert photo["mode"] == "RGB" and photo["ppi"] > 200


def test_rgb_pictures_kept_as_rgb_stop_the_press_and_fail_preflight(tmp_path, capsys):
    edition = _photo_edition(tmp_path / "ed", images="keep")
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--quiet"]) == 3
    report = _build(edition, tmp_path / "out", "--draft")
    assert report["ok"] is False
    assert _image_spaces(tmp_path / "out" / "edition.pdf") == ["/DeviceRGB"]
    assert [d["code"] for d in report["diagnostics"]      # (the lead's roomy slot is
            if d["severity"] == "warning" and d["code"] != "underset"] == ["rgb-image"]
    code = main(["check", "--pdf", str(tmp_path / "out" / "edition.pdf"), "--json"])
    problems = json.loads(capsys.readouterr().out)
    assert code == 1 and [p["code"] for p in problems] == ["rgb-content"]


def test_check_reports_exactly_the_three_problems(tmp_path, capsys):
    lead = dict(ARTICLES["lead"])
    lead["paragraphs"] = [*lead["paragraphs"], "生僻字\U000323AF也要报告。" + "长" * 900]
    side = dict(ARTICLES["side"], photos=[{"file": "photo.png",
                                           "credit": "通讯员 葛然 摄影报道"}])
    edition = write_edition(tmp_path / "ed", articles={"lead": lead, "side": side})
    Image.new("RGB", (160, 120), (90, 90, 90)).save(tmp_path / "ed" / "articles" / "photo.png")
    before = sorted(p.name for p in (tmp_path / "ed").rglob("*"))
    code = main(["check", str(edition), "--json"])
    problems = json.loads(capsys.readouterr().out)
    assert code == 1
    assert sorted(p["code"] for p in problems) == ["image-too-coarse", "missing-glyph",
                                                    "overset"]
    coarse = next(p for p in problems if p["code"] == "image-too-coarse")
    assert coarse["severity"] == "error" and coarse["article"] == "side"
    assert sorted(p.name for p in (tmp_path / "ed").rglob("*")) == before  # nothing written


def test_check_passes_the_seed_edition(capsys):
    assert main(["check", str(SEED)]) == 0
    out = capsys.readouterr().out      # nothing but the hand-placed page's underset slots
    rows = [line.split()[:2] for line in out.splitlines()[1:] if line.strip()]
    assert "no problems found" in out or rows and all(r == ["warning", "underset"]
                                                      for r in rows), out


def test_check_of_existing_pdfs_finds_unembedded_fonts(tmp_path, capsys):
    from reportlab.pdfgen.canvas import Canvas
    bad = tmp_path / "helvetica.pdf"
    c = Canvas(str(bad))
    c.setFont("Helvetica", 4)
    c.setFillColorRGB(1, 0, 0)
    c.drawString(100, 100, "not embedded")
    c.save()
    code = main(["check", "--pdf", str(bad), "--json"])
    problems = json.loads(capsys.readouterr().out)
    assert code == 1
    assert sorted({p["code"] for p in problems}) == ["box-missing", "font-not-embedded",
                                                      "rgb-content", "text-too-small"]


def test_check_of_a_cut_off_pdf_says_it_is_damaged(seed_build, tmp_path, capsys):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((seed_build / "edition.pdf").read_bytes()[:30000])
    assert main(["check", "--pdf", str(cut), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert problems[0]["code"] == "pdf-damaged"


def test_a_style_can_print_in_a_spot_colour(tmp_path):
    edition = _copy_seed(tmp_path / "ed")
    style = (ROOT / "styles" / "newspaper.yaml").read_text(encoding="utf-8")
    style = style.replace("  color: [0, 100, 100, 10]\n",
                          "  color: [0, 100, 100, 10]\n  spot: PANTONE 485 C\n", 1)
    (edition / "spot.yaml").write_text(style, encoding="utf-8")
    spec = yaml.safe_load((edition / "edition.yaml").read_text(encoding="utf-8"))
    spec["style"] = "spot.yaml"
    (edition / "edition.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True),
                                          encoding="utf-8")
    _build(edition, tmp_path / "out")
    with pikepdf.open(tmp_path / "out" / "page-02.pdf") as pdf:
        spaces = pdf.pages[0].Resources.ColorSpace
        separation = next(v for v in spaces.values() if v[0] == pikepdf.Name("/Separation"))
        assert str(separation[1]) == "/PANTONE 485 C"
        assert separation[2] == pikepdf.Name("/DeviceCMYK")
        ops = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
        assert "cs" in ops and ("scn" in ops or "sc" in ops)
    assert main(["check", "--pdf", str(tmp_path / "out" / "page-02.pdf")]) == 0

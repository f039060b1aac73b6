"""Fonts in whole builds: rare characters through fallback chains, characters no font has,
CFF / TrueType / collection faces in one edition, fonts.lock and the subset cache."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont

from layout.cli import main
from tests.conftest import ARTICLES, write_edition

RARE = "堃喆彧昇𠮷𡈽𪚥"
NOBODY = "\U000323AF"        # CJK Extension H: in none of the default fonts
NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"


def _articles(extra: str) -> dict:
    lead = dict(ARTICLES["lead"])
    lead["paragraphs"] = [f"生僻字人名：王{RARE[0]}、李{RARE[1]}、张{RARE[2]}、赵{RARE[3]}，"
                          f"地名{RARE[4:]}都要印出来{extra}。", *lead["paragraphs"]]
    return {"lead": lead, "side": ARTICLES["side"]}


def _build(edition: Path, out: Path, *extra: str) -> tuple[int, dict | None]:
    code = main(["build", str(edition), "--out", str(out), "--quiet", *extra])
    report = out / "report.json"
    return code, json.loads(report.read_text(encoding="utf-8")) if report.exists() else None


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def _pdffonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    return [row.split() for row in out.splitlines()[2:]]


def test_rare_characters_are_drawn_and_extractable(tmp_path):
    edition = write_edition(tmp_path / "ed", articles=_articles(""))
    code, report = _build(edition, tmp_path / "out")
    assert code == 0
    assert not [d for d in report["diagnostics"] if d["code"] == "missing-glyph"]
    text = _text(tmp_path / "out" / "edition.pdf")
    for ch in RARE:
        assert ch in text, f"U+{ord(ch):04X}"
    faces = {row[0].split("+", 1)[1] for row in _pdffonts(tmp_path / "out" / "edition.pdf")}
    assert "HanaMinA" in faces               # 𪚥 is only in the Hanazono fonts


def test_a_character_in_no_font_stops_the_press_and_fails_strict_builds(tmp_path):
    edition = write_edition(tmp_path / "ed", articles=_articles(NOBODY))
    code, report = _build(edition, tmp_path / "out")
    assert code == 3 and report["ok"] is False and report["built"] is False
    assert not (tmp_path / "out" / "edition.pdf").exists()
    code, report = _build(edition, tmp_path / "out", "--draft")
    assert code == 0 and report["ok"] is False and report["built"] is True
    missing = [d for d in report["diagnostics"] if d["code"] == "missing-glyph"]
    assert len(missing) == 1
    assert "U+323AF" in missing[0]["message"]
    assert missing[0]["article"] == "lead" and missing[0]["path"] == "paragraphs[0]"
    assert missing[0]["file"].endswith("lead.yaml")
    before = (tmp_path / "out" / "edition.pdf").read_bytes()
    code, _ = _build(edition, tmp_path / "out", "--strict")
    assert code == 1
    assert (tmp_path / "out" / "edition.pdf").read_bytes() == before


@pytest.fixture(scope="module")
def cff_otf(tmp_path_factory) -> Path:
    """A standalone CFF-outline OpenType font (.otf), cut from a Noto collection face."""
    path = tmp_path_factory.mktemp("otf") / "NotoSerifSC-Subset.otf"
    font = TTFont(NOTO_SERIF, fontNumber=2)
    options = ft_subset.Options()
    options.name_IDs = ["*"]
    sub = ft_subset.Subsetter(options)
    chars = "".join(_articles("")["lead"]["paragraphs"]) + "".join(
        ARTICLES["side"]["paragraphs"]) + "，。、“”（）0123456789本报讯记者宗晓畅 "
    sub.populate(text=chars)
    sub.subset(font)
    font.save(str(path))
    assert "CFF " in TTFont(str(path))
    return path


def _fonts_yaml(folder: Path, otf: Path) -> Path:
    roles = {"song": [str(otf), "HanaMinA", "HanaMinB"],        # CFF .otf, then fallbacks
             "biaosong": [f"{NOTO_SANS}#2"], "heavy": [f"{NOTO_SANS}#Noto Sans CJK SC"],
             "hei": [f"{NOTO_SANS}#2"],                       # a face of a .ttc
             "kai": [WENKAI, "HanaMinA"]}                     # TrueType .ttf
    path = folder / "fonts.yaml"
    path.write_text(yaml.safe_dump({"name": "test", "roles": roles}, allow_unicode=True),
                    encoding="utf-8")
    return path


def test_cff_truetype_and_collection_faces_in_one_edition(tmp_path, cff_otf):
    folder = tmp_path / "ed"
    folder.mkdir()
    fonts = _fonts_yaml(folder, cff_otf)
    edition = write_edition(folder, articles=_articles(""),      # the .otf lies outside
                            edition_extra={"fonts": str(fonts),
                                           "paths": {"allow": [str(cff_otf.parent)]}})
    code, report = _build(edition, tmp_path / "out")
    assert code == 0
    outlines = {f["file"]: f["outlines"] for f in report["fonts"] if f["glyphs_drawn"]}
    assert outlines[str(cff_otf)] == "CFF"
    assert outlines[WENKAI] == "TrueType"
    assert outlines[NOTO_SANS] == "CFF"
    rows = _pdffonts(tmp_path / "out" / "edition.pdf")
    names = {row[0].split("+", 1)[1] for row in rows}
    assert {"NotoSerifCJKsc-Regular", "LXGWWenKai-Regular", "NotoSansCJKsc-Bold",
            "HanaMinA"} <= names
    for row in rows:
        assert re.match(r"[A-Z]{6}\+", row[0])
        assert row[-5:-2] == ["yes", "yes", "yes"], row


def test_fonts_lock_is_written_once_and_a_changed_font_warns(tmp_path, cff_otf):
    folder = tmp_path / "ed"
    folder.mkdir()
    fonts = _fonts_yaml(folder, cff_otf)
    edition = write_edition(folder, edition_extra={"fonts": str(fonts),
                                                   "paths": {"allow": [str(cff_otf.parent)]}})
    _, first = _build(edition, tmp_path / "out")
    lock = folder / "fonts.lock"
    assert lock.is_file()
    locked = yaml.safe_load(lock.read_text(encoding="utf-8"))["roles"]
    assert locked["song"][0]["sha256"] == next(
        f["sha256"] for f in first["fonts"] if f["file"] == str(cff_otf))
    _, same = _build(edition, tmp_path / "out")
    assert not [d for d in same["diagnostics"] if d["code"] == "font-changed"]
    # the archived font file changes (another version of the font): the build warns
    changed = TTFont(str(cff_otf))
    changed["head"].fontRevision = 9.5
    changed.save(str(cff_otf))
    _, after = _build(edition, tmp_path / "out")
    warnings = [d for d in after["diagnostics"] if d["code"] == "font-changed"]
    assert len(warnings) == 1 and "'song'" in warnings[0]["message"]
    assert warnings[0]["file"] == str(lock)
    # accepting the new font rewrites the lock, and the warning goes
    assert main(["fonts", str(edition), "--lock"]) == 0
    _, accepted = _build(edition, tmp_path / "out")
    assert not [d for d in accepted["diagnostics"] if d["code"] == "font-changed"]


def test_builds_with_different_caches_give_the_same_bytes(tmp_path):
    edition = write_edition(tmp_path / "ed")
    _build(edition, tmp_path / "a", "--cache", str(tmp_path / "cache1"))
    _build(edition, tmp_path / "b", "--cache", str(tmp_path / "cache2"))
    _build(edition, tmp_path / "c", "--cache", str(tmp_path / "cache1"))
    for name in ("edition.pdf", "page-03.pdf"):
        a = (tmp_path / "a" / name).read_bytes()
        assert a == (tmp_path / "b" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()


def test_fonts_command_lists_roles_files_and_missing_characters(tmp_path, capsys):
    edition = write_edition(tmp_path / "ed", articles=_articles(NOBODY))
    assert main(["fonts", str(edition), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    song = next(r for r in rows if r["role"] == "song")
    assert song["faces"][0]["face"] == "NotoSerifCJKsc-Regular"
    assert len(song["faces"][0]["sha256"]) == 64
    hana = next(f for f in song["faces"] if f["face"] == "HanaMinA")
    assert "𪚥" in hana["sample"]
    assert list(song["missing"]) == ["U+323AF"]
    assert main(["fonts", str(edition), "--strict"]) == 1


def test_variation_sequences_print_the_fonts_variant_glyph(tmp_path):
    """葛 + U+E0100 is drawn with the glyph cmap format 14 gives the sequence (here from
    HanaMinA, the first face of the chain that has it), not the plain 葛; the page model
    carries that glyph id, and the PDF embeds exactly that outline."""
    from io import BytesIO

    import pikepdf
    from layout.build import compose_edition
    from layout.fonts import FontLibrary
    lead = dict(ARTICLES["lead"])
    lead["paragraphs"] = ["采访对象葛\U000E0100先生和葛先生是两个人。", *lead["paragraphs"]]
    edition = write_edition(tmp_path / "ed", articles={"lead": lead, "side": ARTICLES["side"]})
    code, report = _build(edition, tmp_path / "out")
    assert code == 0
    assert not [d for d in report["diagnostics"] if d["code"] == "missing-glyph"]
    library = FontLibrary(tmp_path / "cache2")
    hana = library.find("HanaMinA")
    variant = hana.variation_gid("葛", "\U000E0100")
    assert variant is not None and variant != hana.gid("葛")
    page = compose_edition(edition, library).pages[0]
    drawn = [(run.face, gid) for run in page.runs()
             for gid, cluster in zip(run.gids, run.clusters) if cluster.startswith("葛")]
    assert (hana.key, variant) in drawn                     # the sequence's glyph
    assert any(gid != variant for _, gid in drawn)          # and the plain 葛
    full = TTFont(str(hana.path))
    want = full["glyf"][full.getGlyphOrder()[variant]]
    with pikepdf.open(tmp_path / "out" / "edition.pdf") as pdf:
        fonts = pdf.pages[0].Resources.Font
        hana_font = next(f for f in fonts.values() if str(f.BaseFont).endswith("+HanaMinA"))
        program = hana_font.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
    embedded = TTFont(BytesIO(program))
    boxes = {(g.xMin, g.yMin, g.xMax, g.yMax, g.numberOfContours)
             for g in (embedded["glyf"][n] for n in embedded.getGlyphOrder())
             if g.numberOfContours}
    assert (want.xMin, want.yMin, want.xMax, want.yMax, want.numberOfContours) in boxes
    assert _text(tmp_path / "out" / "edition.pdf").count("葛") >= 2

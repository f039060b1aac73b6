"""Packs: a valid, deterministic BagIt bag that rebuilds byte for byte from itself alone,
wherever it is moved; damage, a newer format, missing pictures and files outside the
edition each give one line and exit status 1 with nothing overwritten."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from layout.archive.bag import make_bag, serialize
from layout.archive.pack import pack_edition
from layout.archive.verify import verify_pack
from layout.cli import main
from tests.archive.conftest import SEEDS
from tests.conftest import ROOT, write_edition


def _members(pack: Path) -> tuple[str, dict[str, bytes]]:
    with zipfile.ZipFile(pack) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    top = next(iter(files)).split("/")[0]
    return top, {n[len(top) + 1:]: d for n, d in files.items()}


def _repack(pack: Path, out: Path, change) -> Path:
    """The pack with its payload changed by ``change`` and its manifests made anew (a
    consistent bag whose contents no longer agree with each other)."""
    top, files = _members(pack)
    payload = {n[5:]: d for n, d in files.items() if n.startswith("data/")}
    info = dict(line.split(": ", 1) for line in files["bag-info.txt"].decode().splitlines())
    info.pop("Payload-Oxum")
    change(payload)
    out.write_bytes(serialize(make_bag(payload, info), top, "zip"))
    return out


def _write(pack: Path, out: Path, change) -> Path:
    """The pack's zip with its files changed by ``change`` (manifests left as they are)."""
    top, files = _members(pack)
    change(files)
    out.write_bytes(serialize(files, top, "zip"))
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_a_moved_pack_verifies_identical(seed, packs, tmp_path, capsys):
    moved = tmp_path / "elsewhere" / "archive.zip"
    moved.parent.mkdir()
    shutil.move(str(packs[seed]), moved)
    try:
        assert main(["verify", str(moved)]) == 0
        out = capsys.readouterr()
        assert out.out.splitlines() == ["identical"]
        assert "edition.pdf" in out.err and "alto/page-" in out.err and "mets.xml" in out.err
    finally:
        shutil.move(str(moved), packs[seed])


def test_the_pack_is_a_bag_with_the_edition_fonts_and_outputs(packs, tmp_path):
    import bagit
    with zipfile.ZipFile(packs["laodong-jump"]) as archive:
        archive.extractall(tmp_path)
    bag = bagit.Bag(str(tmp_path / "laodong-jump"))
    bag.validate()                                      # the reference implementation agrees
    data = tmp_path / "laodong-jump" / "data"
    meta = json.loads((data / "pack.json").read_text(encoding="utf-8"))
    assert meta["format"] == 1 and meta["options"] == {"alto": True}
    for name in ("page-01.pdf", "page-02.pdf", "edition.pdf", "alto/page-01.xml",
                 "mets.xml", "report.json"):
        assert (data / "output" / name).is_file()
    edition = data / "edition"
    for name in ("edition.yaml", "pages/p01.yaml", "articles/haidian.yaml",
                 "images/bahe.jpg", "fonts.lock", "styles/newspaper.yaml", "fonts/fonts.yaml"):
        assert (edition / name).is_file(), name
    # the style sheet and font set came from outside the edition: recorded as such
    assert meta["files"]["styles/newspaper.yaml"]["inside"] is False
    assert meta["files"]["styles/newspaper.yaml"]["from"] == str(ROOT / "styles" /
                                                                 "newspaper.yaml")
    # the font set names the subsets; the original is kept
    assert "Noto Serif CJK SC" in (data / "original" / "fonts" / "fonts.yaml").read_text(
        encoding="utf-8")
    fonts = (edition / "fonts" / "fonts.yaml").read_text(encoding="utf-8")
    assert "Noto Serif CJK SC" not in fonts and "subsets/" in fonts
    for place, font in meta["fonts"].items():
        subset = edition / place
        assert subset.stat().st_size < 2_000_000          # subsets, not whole fonts
        assert font["source_sha256"] != font["sha256"]
    regular = next(f for f in meta["fonts"].values() if f["face"] == "NotoSerifCJKsc-Regular")
    assert regular["source_index"] == 2 and regular["characters"] > 300
    assert "Open Font License" in regular["licence"]


def test_packing_is_deterministic_and_tar_works_too(packs, tmp_path):
    """Packing the same edition again gives the same entries in the same order with the
    same bytes — all but the report's timings and the two files whose checksums cover
    it."""
    again = pack_edition(ROOT / "seeds" / "laodong-2024-02-26", tmp_path / "again.zip").path
    with zipfile.ZipFile(again) as a, zipfile.ZipFile(packs["laodong-2024-02-26"]) as b:
        assert [(i.filename, i.date_time, i.external_attr) for i in a.infolist()] == \
            [(i.filename, i.date_time, i.external_attr) for i in b.infolist()]
        timed = ("report.json", "pack.json", "manifest-sha256.txt", "tagmanifest-sha256.txt",
                 "bag-info.txt")
        for name in a.namelist():
            if not name.endswith(timed):
                assert a.read(name) == b.read(name), name
        reports = [json.loads(z.read("laodong-2024-02-26/data/output/report.json"))
                   for z in (a, b)]
        for report in reports:
            report.pop("timing")
            report.pop("fingerprint")           # the state of the files when it was built
        assert reports[0] == reports[1]
    tar = pack_edition(ROOT / "seeds" / "laodong-2024-02-26", tmp_path / "p.tar.gz").path
    with tarfile.open(tar) as archive:
        entries = archive.getmembers()
    assert [e.name for e in entries] == sorted(e.name for e in entries if e.isdir()) + \
        sorted(e.name for e in entries if not e.isdir())
    assert {(e.mtime, e.uid, e.gid, e.uname) for e in entries} == {(315532800, 0, 0, "")}
    assert {e.mode for e in entries if e.isfile()} == {0o644}
    assert verify_pack(tar).identical


def test_a_changed_byte_names_the_file(packs, tmp_path, capsys):
    pack = packs["laodong-2024-02-26"]

    def flip(files):
        name = next(n for n in files if n.endswith("data/output/page-02.pdf"))
        data = bytearray(files[name])
        data[len(data) // 2] ^= 0x01
        files[name] = bytes(data)
    damaged = _write(pack, tmp_path / "damaged.zip", flip)
    assert main(["verify", str(damaged)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "damaged" in err[0] and "data/output/page-02.pdf changed" in err[0]


def test_a_byte_changed_inside_the_zip_stream_names_the_file(packs, tmp_path, capsys):
    blob = bytearray(packs["laodong-2024-02-26"].read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(blob))) as archive:
        entry = archive.getinfo("laodong-2024-02-26/data/edition/articles/shizhi.yaml")
    blob[entry.header_offset + 30 + len(entry.filename) + 5] ^= 0xFF
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(blob))
    assert main(["verify", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "articles/shizhi.yaml" in err


def test_a_wrong_manifest_or_a_missing_file_is_damage(packs, tmp_path, capsys):
    pack = packs["laodong-2024-02-26"]

    def wrong(files):
        lines = files["manifest-sha256.txt"].decode().splitlines()
        lines[0] = "0" * 64 + lines[0][64:]
        files["manifest-sha256.txt"] = ("\n".join(lines) + "\n").encode()
    assert main(["verify", str(_write(pack, tmp_path / "wrong.zip", wrong))]) == 1
    assert "manifest-sha256.txt changed" in capsys.readouterr().err

    def missing(files):
        del files["data/edition/articles/shizhi.yaml"]
    assert main(["verify", str(_write(pack, tmp_path / "missing.zip", missing))]) == 1
    assert "data/edition/articles/shizhi.yaml missing" in capsys.readouterr().err

    def extra(files):
        files["data/edition/articles/extra.yaml"] = b"id: extra\n"
    assert main(["verify", str(_write(pack, tmp_path / "extra.zip", extra))]) == 1
    assert "extra.yaml is not in the manifest" in capsys.readouterr().err


def test_a_pack_from_a_newer_epaper_is_refused(packs, tmp_path, capsys):
    def newer(payload):
        meta = json.loads(payload["pack.json"])
        meta["format"], meta["epaper"] = 99, "9.0"
        payload["pack.json"] = json.dumps(meta).encode()
    pack = _repack(packs["laodong-2024-02-26"], tmp_path / "newer.zip", newer)
    assert main(["verify", str(pack)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "epaper 9.0" in err and "format 99" in err


def test_what_differs_is_named_file_by_file_and_page_by_page(packs, tmp_path, capsys):
    """A consistent bag whose edition no longer gives its outputs: the rebuild differs on
    page 2 (第2版) only, and in the files that describe it."""
    def edit(payload):             # the same characters in another order: all in the fonts
        name = "edition/articles/bahe.yaml"
        assert "拔河联谊".encode() in payload[name]
        payload[name] = payload[name].replace("拔河联谊".encode(), "联谊拔河".encode(), 1)
    pack = _repack(packs["laodong-jump"], tmp_path / "edited.zip", edit)
    assert main(["verify", str(pack)]) == 1
    out = capsys.readouterr().out.splitlines()
    differs = {line.split(": ")[1]: line for line in out if line.startswith("differs")}
    assert "page-01.pdf" not in differs and "alto/page-01.xml" not in differs
    assert "page 第2版 differs" in differs["page-02.pdf"]
    # the same glyphs in another order: the edition's fonts are as they were, so page 1
    # of the edition is untouched
    assert differs["edition.pdf"].endswith("edition.pdf: page 第2版 differs")
    assert "alto/page-02.xml" in differs and "mets.xml" in differs
    assert "report.json" in differs
    assert out[-1].startswith("not identical:")


def test_a_pack_never_uses_a_system_font(packs, tmp_path, capsys):
    def system_font(payload):
        fonts = payload["edition/fonts/fonts.yaml"].decode()
        payload["edition/fonts/fonts.yaml"] = fonts.replace(
            "subsets/LXGWWenKai", "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai", 1
        ).replace("-bbf534b0ca09-0.ttf", ".ttf", 1).encode()
    pack = _repack(packs["laodong-2024-02-26"], tmp_path / "system.zip", system_font)
    assert main(["verify", str(pack)]) == 1
    err = capsys.readouterr().err
    assert "does not rebuild" in err and "not one of the pack's fonts" in err

    def family(payload):
        fonts = payload["edition/fonts/fonts.yaml"].decode().splitlines()
        at = next(k for k, line in enumerate(fonts) if "subsets/" in line)
        fonts[at] = "  - Noto Serif CJK SC"
        payload["edition/fonts/fonts.yaml"] = "\n".join(fonts).encode()
    pack = _repack(packs["laodong-2024-02-26"], tmp_path / "family.zip", family)
    assert main(["verify", str(pack)]) == 1
    assert "a system font" in capsys.readouterr().err


def test_outside_files_are_packed_recorded_and_replayed_with_the_options(tmp_path, capsys):
    """An edition using the packaged style sheet and font set by name and a system ICC
    profile by absolute path, built with --pdfx: the pack holds copies of all three in the
    edition folder, points edition.yaml at its own profile (keeping the original), records
    where they came from, and rebuilds identically."""
    profile = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
    if not profile.is_file():
        pytest.skip("no CMYK profile installed")
    edition = write_edition(tmp_path / "ed", edition_extra={
        "print": {"output_intent": str(profile)}})
    out = tmp_path / "out" / "ed.zip"
    assert main(["pack", str(edition), "--out", str(out), "--pdfx", "-q"]) == 0
    err = capsys.readouterr().err
    assert f"packed {profile}" in err
    _, files = _members(out)
    meta = json.loads(files["data/pack.json"])
    assert meta["options"] == {"alto": True, "pdfx": True}
    assert meta["files"]["profiles/default_cmyk.icc"]["from"] == str(profile)
    packed_yaml = files["data/edition/edition.yaml"].decode()
    assert "style: newspaper" in packed_yaml and '"profiles/default_cmyk.icc"' in packed_yaml
    assert "data/edition/styles/newspaper.yaml" in files
    assert "data/edition/fonts/fonts.yaml" in files
    assert files["data/original/edition.yaml"] == (edition / "edition.yaml").read_bytes()
    assert packed_yaml.count("\n") == files["data/original/edition.yaml"].decode().count("\n")
    assert b"GTS_PDFX" in files["data/output/page-03.pdf"]
    assert main(["verify", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "identical"


def test_pack_refuses_an_edition_whose_pictures_are_gone(tmp_path, capsys):
    edition = tmp_path / "jump"
    shutil.copytree(ROOT / "seeds" / "laodong-jump", edition)
    (edition / "images" / "bahe.jpg").unlink()
    out = tmp_path / "jump.zip"
    out.write_bytes(b"an earlier pack")
    assert main(["pack", str(edition), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "bahe.yaml" in err[0] and "images/bahe.jpg" in err[0] and "gone" in err[0]
    assert out.read_bytes() == b"an earlier pack"


def test_pack_refuses_paths_outside_the_edition_and_bad_names(tmp_path, capsys):
    edition = write_edition(tmp_path / "ed")
    (tmp_path / "elsewhere.jpg").write_bytes((ROOT / "seeds" / "laodong-jump" / "images" /
                                              "bahe.jpg").read_bytes())
    article = edition / "articles" / "side.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "../images/side.jpg", "../../elsewhere.jpg"), encoding="utf-8")
    assert main(["pack", str(edition), "--out", str(tmp_path / "ed.zip")]) == 1
    err = capsys.readouterr().err
    assert "outside the edition folder" in err and "elsewhere.jpg" in err
    assert not (tmp_path / "ed.zip").exists()
    assert main(["pack", str(edition), "--out", str(tmp_path / "ed.rar")]) == 1
    assert ".zip, .tar or .tar.gz" in capsys.readouterr().err


def test_verify_of_something_else_is_one_line(tmp_path, capsys):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a pack at all")
    assert main(["verify", str(junk)]) == 1
    assert "not a pack" in capsys.readouterr().err
    assert main(["verify", str(tmp_path / "nothing.zip")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_variation_sequences_survive_the_subsets(tmp_path, capsys):
    """葛󠄀 and 辻󠄀 (with U+E0100) are drawn from HanaMinA's format 14 cmap: its subset in
    the pack keeps those sequences, and the pack rebuilds identically."""
    from io import BytesIO

    from fontTools.ttLib import TTFont

    from tests.conftest import ARTICLES
    articles = dict(ARTICLES)
    articles["lead"] = {**ARTICLES["lead"], "paragraphs": [
        "通讯员葛\U000E0100然和辻\U000E0100本报道：" + ARTICLES["lead"]["paragraphs"][0]]}
    edition = write_edition(tmp_path / "ed", articles=articles)
    # built first in this process: the variation faces it memoises must not stand in for
    # the faces the pack records, nor for the pack's own
    assert main(["build", str(edition), "--out", str(tmp_path / "built"), "-q"]) == 0
    out = tmp_path / "ivs.zip"
    assert main(["pack", str(edition), "--out", str(out), "-q"]) == 0
    _, files = _members(out)
    name = next(n for n in files if "/subsets/HanaMinA-" in n)
    font = TTFont(BytesIO(files[name]))
    sequences = {(code, font.getGlyphID(glyph))
                 for code, glyph in font["cmap"].getcmap(0, 5).uvsDict[0xE0100]}
    assert {(0x845B, 49009), (0x8FBB, 50303)} <= sequences      # the glyph ids kept
    assert main(["verify", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "identical"

"""Confinement: every file an edition names lies inside the edition folder (symlinks
followed), in a folder it allows with paths.allow, among epaper's packaged style sheets and
font sets (by name), or among the system's fonts and colour profiles; never in a folder
above the edition.  Refusals are one located line that quotes nothing of a foreign file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from PIL import Image

from layout.cli import main
from layout.diagnostics import EpaperError
from layout.spec.confine import packaged_folder
from layout.spec.load import load_edition
from tests.conftest import ARTICLES, write_edition

SYSTEM_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
WENKAI = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")


def _refused(edition: Path) -> EpaperError:
    with pytest.raises(EpaperError) as info:
        load_edition(edition)
    return info.value


def _photo_article(file: str) -> dict:
    return {"lead": ARTICLES["lead"],
            "side": dict(ARTICLES["side"], photos=[{"file": file, "credit": "摄"}])}


def _edit_yaml(path: Path, **changes) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _picture(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), (90, 90, 90)).save(path)
    return path


# ------------------------------------------------------------------------- pictures
def test_a_picture_outside_the_edition_is_refused_at_its_file_key(tmp_path):
    _picture(tmp_path / "secret.png")
    edition = write_edition(tmp_path / "ed", articles=_photo_article("../../secret.png"))
    d = _refused(edition).diagnostic
    assert d.code == "path-outside" and d.article == "side"
    assert d.file.endswith("side.yaml") and d.path == "photos[0].file"
    lines = (edition / "articles" / "side.yaml").read_text(encoding="utf-8").splitlines()
    assert "file: ../../secret.png" in lines[d.line - 1]


def test_an_absolute_picture_path_is_refused(tmp_path):
    secret = _picture(tmp_path / "elsewhere" / "secret.png")
    edition = write_edition(tmp_path / "ed", articles=_photo_article(str(secret)))
    assert _refused(edition).diagnostic.code == "path-outside"


def test_a_symlink_out_of_the_edition_is_refused(tmp_path):
    secret = _picture(tmp_path / "secret.png")
    edition = write_edition(tmp_path / "ed", articles=_photo_article("images/photo.png"))
    (edition / "articles" / "images").mkdir()
    (edition / "articles" / "images" / "photo.png").symlink_to(secret)
    d = _refused(edition).diagnostic
    assert d.code == "path-outside" and "symlinks followed" in d.message
    # a folder linked out of the edition is outside too
    (edition / "articles" / "images" / "photo.png").unlink()
    (edition / "articles" / "images").rmdir()
    (edition / "articles" / "images").symlink_to(secret.parent)
    assert _refused(edition).diagnostic.code == "path-outside"


def test_a_symlink_that_stays_inside_is_fine(tmp_path):
    edition = write_edition(tmp_path / "ed", articles=_photo_article("photo.png"))
    real = _picture(edition / "pictures" / "real.png")
    (edition / "articles" / "photo.png").symlink_to(real)
    loaded = load_edition(edition)
    pictures = [f for f in loaded.inputs if f.role == "picture"]
    assert [(p.origin, len(p.sha256)) for p in pictures] == [("edition", 64)]


def test_a_picture_in_an_allowed_folder_is_used_and_recorded(tmp_path):
    _picture(tmp_path / "shared" / "photo.png")
    edition = write_edition(tmp_path / "ed", articles=_photo_article("../../shared/photo.png"),
                            edition_extra={"paths": {"allow": ["../shared"]}})
    loaded = load_edition(edition)
    assert loaded.origin("picture") == "allowed"
    assert loaded.provenance()["allowed"] == [str((tmp_path / "shared").resolve())]


def test_allowing_the_root_folder_or_a_missing_folder_is_refused(tmp_path):
    edition = write_edition(tmp_path / "ed", edition_extra={"paths": {"allow": ["/"]}})
    assert _refused(edition).diagnostic.code == "allow-root"
    edition = write_edition(tmp_path / "ed2", edition_extra={"paths": {"allow": ["nowhere"]}})
    d = _refused(edition).diagnostic
    assert d.code == "allow-missing" and d.path == "paths.allow[0]"


def test_a_missing_picture_inside_the_edition_is_left_to_the_placeholder(tmp_path):
    edition = write_edition(tmp_path / "ed", articles=_photo_article("gone.png"))
    loaded = load_edition(edition)
    assert [(f.origin, f.sha256) for f in loaded.inputs if f.role == "picture"] == \
        [("edition", None)]


def test_a_fifo_or_a_folder_given_as_a_picture_is_refused(tmp_path):
    edition = write_edition(tmp_path / "ed", articles=_photo_article("pipe.png"))
    os.mkfifo(edition / "articles" / "pipe.png")
    d = _refused(edition).diagnostic
    assert d.code == "not-a-file" and "FIFO" in d.message and d.path == "photos[0].file"
    (edition / "articles" / "pipe.png").unlink()
    (edition / "articles" / "pipe.png").mkdir()
    assert "a folder" in _refused(edition).diagnostic.message


def test_a_picture_with_too_many_pixels_is_refused_before_it_is_decoded(tmp_path):
    edition = write_edition(tmp_path / "ed", articles=_photo_article("huge.png"))
    Image.new("1", (12000, 12000)).save(edition / "articles" / "huge.png")  # 144 MP, ~20 KB
    d = _refused(edition).diagnostic
    assert d.code == "picture-too-large" and "12000 x 12000" in d.message


# ------------------------------------------------------------------------- pages, articles
def test_a_page_outside_the_edition_is_refused_without_echoing_it(tmp_path, capsys):
    foreign = tmp_path / "foreign.yaml"
    foreign.write_text("root_password_hash: SECRET-1234\nnumber: 1\n", encoding="utf-8")
    for name in ("/etc/passwd", "../foreign.yaml", str(foreign)):
        edition = write_edition(tmp_path / "ed", edition_extra={"pages": [name]})
        code = main(["check", str(edition)])
        out, err = capsys.readouterr()
        assert code == 1
        assert "outside the edition folder" in out + err
        for secret in ("root_password_hash", "SECRET-1234", "root:", "/bin/"):
            assert secret not in out + err


def test_a_page_spec_linked_out_of_the_edition_is_not_read(tmp_path, capsys):
    foreign = tmp_path / "foreign.yaml"
    foreign.write_text("secret_key_name: 1\n", encoding="utf-8")
    edition = write_edition(tmp_path / "ed")
    (edition / "pages" / "p03.yaml").unlink()
    (edition / "pages" / "p03.yaml").symlink_to(foreign)
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "edition.yaml:" in err and "secret_key_name" not in err


def test_an_article_folder_or_file_outside_is_refused(tmp_path):
    edition = write_edition(tmp_path / "ed", edition_extra={"articles": "../elsewhere"})
    (tmp_path / "elsewhere").mkdir()
    d = _refused(edition).diagnostic
    assert d.code == "path-outside" and d.path == "articles"
    edition = write_edition(tmp_path / "ed2")
    foreign = tmp_path / "other.yaml"
    foreign.write_text("id: other\n", encoding="utf-8")
    (edition / "articles" / "other.yaml").symlink_to(foreign)
    d = _refused(edition).diagnostic
    assert d.code == "path-outside" and d.file.endswith("other.yaml")


def test_fifos_devices_and_folders_are_refused_where_a_file_is_expected(tmp_path):
    edition = write_edition(tmp_path / "ed")
    os.mkfifo(edition / "articles" / "pipe.yaml")       # never opened, so never a hang
    d = _refused(edition).diagnostic
    assert d.code == "not-a-file" and "FIFO" in d.message
    (edition / "articles" / "pipe.yaml").unlink()
    (edition / "articles" / "dir.yaml").mkdir()
    assert "a folder" in _refused(edition).diagnostic.message


# ------------------------------------------------------------------------- styles and fonts
def test_a_styles_folder_above_the_edition_is_ignored(tmp_path):
    for kind, text in (("styles", "name: planted\nbody: {size: 30}\n"),
                       ("fonts", "name: planted\nroles: {song: [Nothing]}\n")):
        (tmp_path / kind).mkdir()
        (tmp_path / kind / f"{'newspaper' if kind == 'styles' else 'fonts'}.yaml") \
            .write_text(text, encoding="utf-8")
    loaded = load_edition(write_edition(tmp_path / "ed"))
    assert loaded.style.name != "planted" and loaded.fonts.name != "planted"
    assert loaded.origin("style") == loaded.origin("fonts") == "packaged"
    assert loaded.style_file.parent == packaged_folder("styles")
    provenance = loaded.provenance()
    assert provenance["style"]["origin"] == "packaged"
    assert len(provenance["fonts"]["sha256"]) == 64


def test_the_editions_own_style_sheet_by_name_wins_over_the_default(tmp_path):
    edition = write_edition(tmp_path / "ed", edition_extra={"style": "house"})
    (edition / "styles").mkdir()
    (edition / "styles" / "house.yaml").write_text("name: 本报版式\n", encoding="utf-8")
    loaded = load_edition(edition)
    assert loaded.style.name == "本报版式" and loaded.origin("style") == "edition"
    assert loaded.provenance()["style"]["name"] == "本报版式"


def test_a_style_sheet_path_outside_the_edition_is_refused(tmp_path):
    (tmp_path / "other.yaml").write_text("name: x\n", encoding="utf-8")
    d = _refused(write_edition(tmp_path / "ed",
                               edition_extra={"style": "../other.yaml"})).diagnostic
    assert d.code == "path-outside" and d.path == "style" and d.line
    # the packaged default by absolute path: refused, with the name to give instead
    path = packaged_folder("styles") / "newspaper.yaml"
    d = _refused(write_edition(tmp_path / "ed2", edition_extra={"style": str(path)})
                 ).diagnostic
    assert d.code == "path-outside" and "style: newspaper" in d.hint
    d = _refused(write_edition(tmp_path / "ed3", edition_extra={"fonts": "no such"})
                 ).diagnostic
    assert d.code == "fonts-name"


def test_font_files_by_path_must_be_inside_allowed_or_installed(tmp_path):
    outside = tmp_path / "fonts" / "Licensed.ttf"
    outside.parent.mkdir()
    outside.write_bytes(WENKAI.read_bytes()[:4096] if WENKAI.exists() else b"OTTO")
    edition = write_edition(tmp_path / "ed", edition_extra={"fonts": "own.yaml"})

    def font_set(*chain: str) -> None:
        roles = {r: list(chain) for r in ("song", "biaosong", "heavy", "hei", "kai")}
        (edition / "own.yaml").write_text(yaml.safe_dump({"roles": roles}), encoding="utf-8")
    font_set(str(outside))
    d = _refused(edition).diagnostic
    assert d.code == "path-outside" and d.file.endswith("own.yaml")
    assert str(outside) in (edition / "own.yaml").read_text().splitlines()[d.line - 1]
    if WENKAI.exists():                       # an installed font, by path: a system font
        font_set(str(WENKAI))
        loaded = load_edition(edition)
        assert loaded.origin("font") == "system"
    (edition / "web.ttf").write_bytes(b"wOF2" + bytes(100))
    font_set("web.ttf")
    d = _refused(edition).diagnostic
    assert d.code == "font-unreadable" and "wOF2 web font" in d.message


@pytest.mark.skipif(not SYSTEM_ICC.is_file(), reason="needs libgs-common's CMYK profile")
def test_the_icc_profile_is_confined_and_checked(tmp_path):
    edition = write_edition(tmp_path / "ed", edition_extra={
        "print": {"output_intent": str(SYSTEM_ICC)}})
    assert load_edition(edition).origin("icc") == "system"
    copy = tmp_path / "press.icc"
    copy.write_bytes(SYSTEM_ICC.read_bytes())
    _edit_yaml(edition / "edition.yaml", print={"output_intent": "../press.icc"})
    assert _refused(edition).diagnostic.code == "path-outside"
    _edit_yaml(edition / "edition.yaml", print={"output_intent": "press.icc"})
    whole = SYSTEM_ICC.read_bytes()
    no_tags = bytearray(whole[:128] + bytes(4))                  # a header, no tags
    no_tags[:4] = len(no_tags).to_bytes(4, "big")
    for damaged in (whole[:5000], bytes(no_tags), b"\0" * 16 + b"CMYK" + bytes(100)):
        (edition / "press.icc").write_bytes(damaged)
        d = _refused(edition).diagnostic
        assert d.code == "icc-damaged" and d.path == "print.output_intent", damaged[:40]
    (edition / "press.icc").write_bytes(SYSTEM_ICC.read_bytes())
    assert load_edition(edition).origin("icc") == "edition"


def test_a_lock_file_linked_out_or_binary_is_one_line(tmp_path, capsys):
    edition = write_edition(tmp_path / "ed")
    (edition / "fonts.lock").write_bytes(bytes(range(256)) * 4)
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "fonts.lock" in err and "not UTF-8" in err
    (edition / "fonts.lock").unlink()
    (tmp_path / "x.lock").write_text("roles: {}\n", encoding="utf-8")
    (edition / "fonts.lock").symlink_to(tmp_path / "x.lock")
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert "symlink out of the edition" in capsys.readouterr().err


def test_every_input_is_recorded_with_its_origin_and_digest(tmp_path):
    loaded = load_edition(write_edition(tmp_path / "ed"))
    roles = [(f.role, f.origin) for f in loaded.inputs]
    assert roles[:3] == [("edition", "edition"), ("style", "packaged"), ("fonts", "packaged")]
    assert sorted(r for r, _ in roles[3:]) == ["article", "article", "page", "picture"]
    assert all(len(f.sha256) == 64 for f in loaded.inputs)

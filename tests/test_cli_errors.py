"""Bad input: one located line on stderr, exit status 1, earlier outputs left intact."""

from __future__ import annotations

import hashlib

import pytest

from layout.cli import main
from tests.conftest import write_edition


def run(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.fixture
def built(edition, tmp_path, capsys):
    out = tmp_path / "out"
    code, err = run(capsys, "build", str(edition), "--out", str(out), "--quiet")
    assert code == 0, err
    return out, {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}


def _rebuild_fails(capsys, edition, out, before) -> str:
    code, err = run(capsys, "build", str(edition), "--out", str(out), "--quiet")
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()
             if p.suffix == ".pdf"}
    assert after == {k: v for k, v in before.items() if k.endswith(".pdf")}
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    return lines[0]


def test_malformed_yaml(built, edition, capsys):
    out, before = built
    (edition / "articles" / "lead.yaml").write_text("id: lead\nparagraphs: [oops\n",
                                                   encoding="utf-8")
    line = _rebuild_fails(capsys, edition, out, before)
    assert "lead.yaml:" in line and "YAML" in line


def test_unknown_key_names_nearest(built, edition, capsys):
    out, before = built
    page = edition / "pages" / "p03.yaml"
    page.write_text(page.read_text(encoding="utf-8").replace("section:", "sektion:"),
                    encoding="utf-8")
    line = _rebuild_fails(capsys, edition, out, before)
    assert "p03.yaml:" in line and "'sektion'" in line and "'section'" in line


def test_slot_naming_missing_article(built, tmp_path, capsys):
    out, before = built
    ed = write_edition(tmp_path / "ed", slots=[
        {"article": "leed", "column": 1, "span": 2, "top": 0, "height": 10}])
    line = _rebuild_fails(capsys, ed, out, before)
    assert "'leed'" in line and "did you mean 'lead'" in line


def test_overlapping_slots(built, tmp_path, capsys):
    out, before = built
    ed = write_edition(tmp_path / "ed", slots=[
        {"article": "lead", "column": 1, "span": 4, "top": 0, "height": 20},
        {"article": "side", "column": 4, "span": 2, "top": 10, "height": 10}])
    line = _rebuild_fails(capsys, ed, out, before)
    assert "overlaps" in line and "p03.yaml:" in line


def test_slot_outside_grid(built, tmp_path, capsys):
    out, before = built
    ed = write_edition(tmp_path / "ed", slots=[
        {"article": "lead", "column": 5, "span": 4, "top": 0, "height": 20}])
    line = _rebuild_fails(capsys, ed, out, before)
    assert "columns 5-8" in line and "page has 6" in line


def test_font_not_found(built, tmp_path, capsys):
    out, before = built
    ed = write_edition(tmp_path / "ed", edition_extra={"fonts": "fonts/own.yaml"})
    (ed / "fonts").mkdir()
    (ed / "fonts" / "own.yaml").write_text("roles:\n  song: [No Such Font SC]\n  hei: "
                                           "[No Such Font SC]\n", encoding="utf-8")
    line = _rebuild_fails(capsys, ed, out, before)
    assert "No Such Font SC" in line and "own.yaml" in line


def test_unreadable_import_text(tmp_path, capsys):
    bad = tmp_path / "page.txt"
    bad.write_bytes(b"\x00\xff\xfe\x00binary")
    code, err = run(capsys, "import", str(bad), "--out", str(tmp_path / "x"))
    assert code == 1 and "page.txt" in err and len(err.strip().splitlines()) == 1
    code, err = run(capsys, "import", str(tmp_path / "missing.txt"), "--out",
                    str(tmp_path / "x"))
    assert code == 1 and "missing.txt" in err


def test_failure_while_writing_leaves_previous_outputs(built, edition, capsys, monkeypatch):
    out, before = built
    import layout.publish as publish

    real = publish.os.fsync
    calls = []

    def fail_midway(fd):
        """The disk fills up while the second file is being written."""
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(fd)

    monkeypatch.setattr(publish.os, "fsync", fail_midway)
    # with marks: a build that differs from the last, so it is made and written again
    code, err = run(capsys, "build", str(edition), "--out", str(out), "--quiet", "--marks")
    assert code == 1 and "No space left on device" in err
    assert len(err.strip().splitlines()) == 1
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}
    assert after == before                      # every earlier output intact, nothing else


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("case, change, words", [
    ("empty article file", lambda ed: (ed / "articles" / "side.yaml").write_text(""),
     "side.yaml:1: error: missing required key 'id'"),
    ("impossible date", lambda ed: _edit(ed / "edition.yaml", "2024-02-26", "2024-13-45"),
     "2024-13-45"),
    ("unknown YAML tag", lambda ed: _edit(ed / "edition.yaml", "issue: 第1号",
                                          "issue: !foo bar"), "'!foo'"),
    ("not a font", lambda ed: (_edit(ed / "edition.yaml", "fonts: ", "fonts: f.yaml\n#"),
                               (ed / "bad.ttf").write_text("x"),
                               (ed / "f.yaml").write_text(
                                   "roles: {song: [bad.ttf], biaosong: [bad.ttf], heavy: "
                                   "[bad.ttf], hei: [bad.ttf], kai: [bad.ttf]}\n")),
     "bad.ttf cannot be read"),
    ("damaged lock", lambda ed: (ed / "fonts.lock").write_text("roles: {song: 5}\n"),
     "fonts.lock: role 'song' is not a list of fonts"),
])
def test_more_bad_input_fails_in_one_line(built, edition, capsys, case, change, words):
    out, before = built
    change(edition)
    err = _rebuild_fails(capsys, edition, out, before)
    assert words in err, err


def test_an_empty_headline_is_not_a_crash(tmp_path, capsys):
    from tests.conftest import ARTICLES
    articles = {"lead": dict(ARTICLES["lead"], headline="   "), "side": ARTICLES["side"]}
    edition = write_edition(tmp_path / "ed", articles=articles)
    code, err = run(capsys, "build", str(edition), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 0, err


def test_keys_without_kinds_lists_every_file_format(capsys):
    assert main(["keys"]) == 0
    out = capsys.readouterr().out
    assert all(f"## {kind}" in out for kind in ("edition", "page", "article", "style", "fonts"))
    assert main(["keys", "nonsense"]) == 2


def test_import_with_an_impossible_date(tmp_path, capsys):
    from tests.conftest import ROOT
    code, err = run(capsys, "import", str(ROOT / "seeds" / "000_d2de7f8a755e4a77.txt"),
                    "--out", str(tmp_path / "x"), "--date", "2024-13-45")
    assert code == 1 and "--date '2024-13-45' is not a date" in err


@pytest.mark.parametrize("case, change, words", [
    ("optional value out of range",
     lambda ed: _edit(ed / "pages" / "p03.yaml", "height: 20", "height: 20\n  columns: 0"),
     "0 is below the minimum 1"),
    ("no pages", lambda ed: _edit(ed / "edition.yaml", "pages:\n- pages/p03.yaml", "pages: []"),
     "the edition lists no pages"),
    ("empty font role",
     lambda ed: (_edit(ed / "edition.yaml", "fonts: ", "fonts: f.yaml\n#"),
                 (ed / "f.yaml").write_text("roles: {song: [Noto Serif CJK SC], biaosong: "
                                            "[], heavy: [HanaMinA], hei: [HanaMinA], kai: "
                                            "[HanaMinA]}\n")),
     "font role 'biaosong' lists no fonts"),
])
def test_still_more_bad_input(built, edition, capsys, case, change, words):
    out, before = built
    change(edition)
    assert words in _rebuild_fails(capsys, edition, out, before)


def test_pdfx_profile_must_be_cmyk(built, edition, capsys):
    out, before = built
    srgb = "/usr/share/color/icc/ghostscript/srgb.icc"      # an installed profile
    _edit(edition / "edition.yaml", "name: ", f"print: {{output_intent: {srgb}, pdfx: true}}"
          "\nname: ")
    if not __import__("pathlib").Path(srgb).exists():
        header = b"\0" * 12 + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 100
        (edition / "rgb.icc").write_bytes(header)
        _edit(edition / "edition.yaml", srgb, "rgb.icc")
    assert "is not a CMYK ICC profile" in _rebuild_fails(capsys, edition, out, before)


def test_import_never_overwrites_an_edition(tmp_path, capsys):
    from tests.conftest import ROOT
    source = str(ROOT / "seeds" / "000_d2de7f8a755e4a77.txt")
    assert main(["import", source, "--out", str(tmp_path / "x"), "--date", "2024-02-26",
                 "--page", "2"]) == 0
    before = sorted(p.name for p in (tmp_path / "x").rglob("*"))
    code, err = run(capsys, "import", source, "--out", str(tmp_path / "x"))
    assert code == 1 and "already holds an edition" in err
    assert sorted(p.name for p in (tmp_path / "x").rglob("*")) == before


def test_errors_about_edition_keys_point_at_their_own_line(built, edition, capsys):
    out, before = built
    text = (edition / "edition.yaml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("style:"))
    _edit(edition / "edition.yaml", text.splitlines()[line - 1], "style: nosuchstyle")
    err = _rebuild_fails(capsys, edition, out, before)
    assert f"edition.yaml:{line}: error: style 'nosuchstyle' not found" in err


def test_a_page_spec_given_as_the_edition_is_named_for_what_it_is(edition, tmp_path, capsys):
    code, err = run(capsys, "build", str(edition / "pages" / "p03.yaml"), "--out",
                    str(tmp_path / "out"))
    assert code == 1 and "p03.yaml is a page spec, not an edition file" in err


def test_an_article_without_text_is_reported(tmp_path, capsys):
    from tests.conftest import ARTICLES
    articles = {"lead": dict(ARTICLES["lead"], paragraphs=[""]), "side": ARTICLES["side"]}
    edition = write_edition(tmp_path / "ed", articles=articles)
    code, err = run(capsys, "build", str(edition), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 0 and "article lead has no text" in err

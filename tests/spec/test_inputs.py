"""Every input validated and bounded: finite numbers, YAML of bounded shape (aliases,
depth, text length, characters), size limits, no FIFO or device ever read; each failure one
located line, found before any work starts."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from layout.cli import main
from layout.diagnostics import EpaperError
from layout.importer.parse import read_page_text
from layout.spec import schema
from layout.spec.inputs import LIMITS, check_tree
from layout.spec.load import load_edition
from layout.spec.model import Article, EditionSpec, PageSpec, StyleSheet
from tests.conftest import write_edition


def _error(cls, text: str):
    with pytest.raises(EpaperError) as info:
        source = schema.Source.parse(text, "x.yaml")
        schema.build(cls, source.root, schema.Context("x.yaml"))
    return info.value.diagnostic


# ------------------------------------------------------------------------- numbers
@pytest.mark.parametrize("cls, text, line", [
    (PageSpec, "number: 2\nmargins:\n  top: .nan\n", 3),
    (PageSpec, "number: 2\nmargins: {inside: .inf}\n", 2),
    (PageSpec, "number: 2\ngrid: {body_size: -.inf}\n", 2),
    (StyleSheet, "body:\n  indent: .NaN\n", 2),
    (StyleSheet, "banner:\n  color: [0, .nan, 100, 10]\n", 2),
    (EditionSpec, "name: x\ndate: 2024-02-26\npages: [a]\nprint:\n  bleed_mm: .inf\n", 5),
    (Article, "id: a\nphotos:\n  - focus_x: .nan\n", 3),
])
def test_nan_and_inf_are_refused_with_file_and_line(cls, text, line):
    d = _error(cls, text)
    assert d.code == "number-not-finite" and d.line == line
    assert d.one_line().startswith(f"x.yaml:{line}: error:")


def test_numbers_too_large_for_a_measure_are_refused():
    d = _error(PageSpec, "number: 2\nmargins: {top: 1.0e+300}\n")
    assert d.code == "number-too-large" and d.line == 2
    d = _error(PageSpec, "number: 1" + "0" * 40 + "\n")
    assert d.code == "number-too-large" and len(d.message) < 80


def test_nan_in_margins_fails_the_build_in_one_line(tmp_path, capsys):
    edition = write_edition(tmp_path / "ed", page_extra={"margins": {"top": float("nan")}})
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "p03.yaml:" in err and "margins.top" in err
    assert main(["check", str(edition)]) == 1


def test_a_page_larger_than_any_press_sheet_is_refused(tmp_path):
    edition = write_edition(tmp_path / "ed", page_extra={
        "size": "custom", "width_mm": 300, "height_mm": 900000})
    with pytest.raises(EpaperError) as info:
        load_edition(edition)
    assert info.value.diagnostic.code == "page-grid" and "press" in info.value.diagnostic.message


# ------------------------------------------------------------------------- YAML shape
def _bomb(levels: int = 9) -> str:
    """The classic billion-laughs document: 457 bytes that expand to 9**9 values."""
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k in range(1, levels):
        prev, name = chr(ord("a") + k - 1), chr(ord("a") + k)
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("use", ["value", "key"])
def test_an_alias_bomb_is_refused_at_once(use):
    text = _bomb() + ("x: *i\n" if use == "value" else "? *i\n: 1\n")
    with pytest.raises(EpaperError) as info:      # unbounded, it would expand to ~10^9
        schema.Source.parse(text, "bomb.yaml")
    d = info.value.diagnostic
    assert d.code == ("yaml-too-large" if use == "value" else "yaml-key") and d.line


def test_the_bomb_as_a_key_of_a_real_file_fails_in_one_line(tmp_path, capsys):
    edition = write_edition(tmp_path / "ed")
    (edition / "articles" / "lead.yaml").write_text(
        "id: lead\n" + "".join(f"x{line}\n" for line in _bomb().splitlines()) + "? *i\n: 1\n")
    assert len((edition / "articles" / "lead.yaml").read_bytes()) < 600
    assert main(["check", str(edition)]) == 1
    out = capsys.readouterr().out
    assert "yaml-key" in out and "lead.yaml:" in out


def test_aliases_that_expand_moderately_still_work():
    text = "base: &b {size: 9, font: song}\nbody: *b\ncaption: *b\n"
    assert schema.Source.parse(text, "ok.yaml").root


def test_an_alias_inside_itself_is_refused():
    with pytest.raises(EpaperError) as info:
        schema.Source.parse("a: &a [1, *a]\n", "loop.yaml")
    assert info.value.diagnostic.code == "yaml-recursive"


def test_deep_nesting_is_refused_as_a_value_and_as_a_key():
    deep = "[" * 300 + "]" * 300
    with pytest.raises(EpaperError) as info:
        schema.Source.parse(f"a: {deep}\n", "deep.yaml")
    assert info.value.diagnostic.code == "yaml-too-deep"
    with pytest.raises(EpaperError) as info:
        schema.Source.parse(f"? {deep}\n: 1\n", "deep.yaml")
    assert info.value.diagnostic.code == "yaml-key"
    with pytest.raises(EpaperError) as info:             # deeper than Python's own stack
        schema.Source.parse("a: " + "[" * 5000 + "]" * 5000 + "\n", "deep.yaml")
    assert info.value.diagnostic.code == "yaml-too-deep"


def test_a_surrogate_or_control_character_in_text_is_one_line(tmp_path, capsys):
    d = _error(EditionSpec, 'name: "劳动\\ud800午报"\n')
    assert d.code == "text-invalid-char" and "U+D800" in d.message and d.line == 1
    d = _error(Article, 'id: a\nparagraphs: ["正文\\x07"]\n')
    assert "U+0007" in d.message and d.line == 2
    edition = write_edition(tmp_path / "ed")
    path = edition / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 劳动午报",
                                                             'name: "\\udcff"'))
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "U+DCFF" in err


def test_a_text_value_longer_than_the_limit_is_refused():
    text = "id: a\nparagraphs:\n  - " + "字" * (LIMITS.text_chars + 1) + "\n"
    d = _error(Article, text)
    assert d.code == "text-too-long" and d.line == 3


def test_check_tree_counts_shared_nodes_once_per_use():
    text = "a: &a [" + ",".join(["1"] * 100) + "]\nb: [" + ",".join(["*a"] * 100) + "]\n"
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    check_tree(node, "ok.yaml")                      # 10,000 values: fine
    with pytest.raises(EpaperError):
        check_tree(node, "small.yaml", type(LIMITS)(yaml_nodes=5_000))


# ------------------------------------------------------------------------- sizes, files
def test_an_article_file_over_the_size_limit_is_refused_before_parsing(tmp_path):
    edition = write_edition(tmp_path / "ed")
    big = edition / "articles" / "big.yaml"
    with open(big, "w", encoding="utf-8") as f:
        f.write("id: big\nparagraphs:\n")
        line = "  - " + "字" * 1000 + "\n"
        while f.tell() <= LIMITS.article_bytes:
            f.write(line)
    with pytest.raises(EpaperError) as info:
        load_edition(edition)
    d = info.value.diagnostic
    assert d.code == "file-too-large" and d.file.endswith("big.yaml") and "MB" in d.message


def test_too_many_pages_are_refused_before_any_is_read(tmp_path):
    edition = write_edition(tmp_path / "ed", edition_extra={
        "pages": [f"pages/p{k}.yaml" for k in range(LIMITS.pages + 1)]})
    with pytest.raises(EpaperError) as info:
        load_edition(edition)
    assert info.value.diagnostic.code == "too-many-pages"


def test_a_fifo_as_edition_page_or_style_never_hangs(tmp_path):
    edition = write_edition(tmp_path / "ed", edition_extra={"style": "house"})
    (edition / "styles").mkdir()
    os.mkfifo(edition / "styles" / "house.yaml")
    with pytest.raises(EpaperError) as info:
        load_edition(edition)
    assert info.value.diagnostic.code == "not-a-file"
    edition = write_edition(tmp_path / "ed2")
    (edition / "pages" / "p03.yaml").unlink()
    os.mkfifo(edition / "pages" / "p03.yaml")
    with pytest.raises(EpaperError) as info:
        load_edition(edition)
    assert "FIFO" in info.value.diagnostic.message


def test_import_refuses_devices_fifos_and_oversized_text(tmp_path, capsys):
    with pytest.raises(EpaperError) as info:
        read_page_text(Path("/dev/zero"))
    assert "character device" in info.value.diagnostic.message
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(EpaperError) as info:
        read_page_text(tmp_path / "pipe.txt")
    assert "FIFO" in info.value.diagnostic.message
    big = tmp_path / "big.txt"
    big.write_bytes(("正文。" * 200 + "\n").encode() * (LIMITS.text_bytes // 1800 + 10))
    started = time.perf_counter()
    code = main(["import", str(big), "--out", str(tmp_path / "x")])
    assert code == 1 and time.perf_counter() - started < 5
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "at most 4.0 MB" in err
    one_line = tmp_path / "line.txt"
    one_line.write_text("标题\n" + "字" * (LIMITS.text_line_chars + 1) + "\n", encoding="utf-8")
    with pytest.raises(EpaperError) as info:
        read_page_text(one_line)
    assert info.value.diagnostic.code == "text-line-too-long" and \
        info.value.diagnostic.line == 2


@pytest.mark.parametrize("ranks, words", [("[22, 28]", "largest size first"),
                                          ("[30, 2]", "below the minimum 4")])
def test_headline_ranks_that_grow_or_are_no_size_are_refused(tmp_path, capsys, ranks, words):
    edition = write_edition(tmp_path / "ed", edition_extra={"style": "house"})
    (edition / "styles").mkdir()
    (edition / "styles" / "house.yaml").write_text(f"headline_ranks: {ranks}\n",
                                                   encoding="utf-8")
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "house.yaml:1" in err and words in err
    assert not list((tmp_path / "out").glob("*.pdf"))

"""Quick to live with: `epaper new` scaffolds an edition that builds and reads as a real
paper, JSON Schemas for editors that agree with epaper's own validation, a full-width
colon reported where it was typed, `build --watch`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
import yaml
from PIL import Image as PILImage

from layout.build import compose_edition
from layout.cli import main
from layout.display import Image, Rule, TextLine
from layout.fonts import FontLibrary
from layout.spec.model import FILE_KINDS, json_schema
from tests.conftest import ROOT, write_edition


@pytest.fixture(scope="module")
def tabloid(tmp_path_factory):
    """A four-page tabloid made by `epaper new`, and its build."""
    folder = tmp_path_factory.mktemp("new") / "wanbao"
    assert main(["new", str(folder), "--size", "tabloid", "--pages", "4", "--name", "晨光晚报",
                 "--date", "2024-03-08"]) == 0
    out = folder.parent / "out"
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0    # press gate
    return folder, out


def test_a_new_tabloid_builds_as_it_is(tabloid):
    folder, out = tabloid
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] is True
    assert [d["code"] for d in report["diagnostics"] if d["severity"] != "info"] == []
    assert sorted(p.name for p in out.glob("page-*.pdf")) == \
        [f"page-{n:02d}.pdf" for n in range(1, 5)]
    assert all(s["overset_lines"] == 0 for s in report["slots"])
    # self-contained: the style sheet and font set are the edition's own copies
    provenance = report["provenance"]
    assert provenance["style"]["source"] == provenance["fonts"]["source"] == "edition"
    assert provenance["style"]["path"] == "styles/newspaper.yaml"
    kinds = {s["kind"] for s in report["slots"]}
    assert kinds == {"article", "advert"}
    assert sum(1 for s in report["slots"] if s["kind"] == "article") == 12


def test_the_new_tabloid_has_a_masthead_an_advert_and_clear_headers(tabloid):
    folder, _ = tabloid
    composed = compose_edition(folder, FontLibrary())
    front, *inner = composed.pages
    masthead = [i for i in front.items if isinstance(i, TextLine)
                and i.block.kind == "masthead"]
    assert max(masthead, key=lambda line: line.runs[0].size).text == "晨光晚报"
    assert any(line.text == "农历甲辰年正月廿八" for line in masthead)        # 2024-03-08
    assert not [i for i in front.items if isinstance(i, TextLine)
                and i.block.kind == "header"]
    assert [i for i in front.items if isinstance(i, Image) and i.article == "p01-lead"]
    back = inner[-1]
    assert [r.kind for r in back.regions].count("advert") == 1
    advert = next(i for i in back.items if isinstance(i, Image) and i.article.endswith("advert"))
    with PILImage.open(advert.path) as im:
        assert im.mode == "CMYK" and im.width / (advert.w / 72) >= 300
    for page in inner:
        grid = composed.edition.pages[page.number - 1].grid
        header = [i for i in page.items if isinstance(i, TextLine) and i.block.kind == "header"]
        rule = next(i for i in page.items if isinstance(i, Rule))
        assert len({line.baseline for line in header}) == 1
        assert max(b[3] for line in header for run in line.runs for b in run.boxes()) < \
            rule.y0 - rule.width / 2
        assert rule.y0 == pytest.approx(grid.top - grid.pitch / 2)


def test_the_new_tabloid_reads_as_a_newspaper_page(tabloid, tmp_path):
    """Rendered: the front page's masthead is red at the top left, the page is mostly
    text (grey), with a picture; the back page ends in the advert's band."""
    _, out = tabloid
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(out / "edition.pdf"),
                    str(tmp_path / "p")], check=True)
    front = PILImage.open(tmp_path / "p-1.png").convert("RGB")
    w, h = front.size
    top_left = front.crop((int(w * 0.08), int(h * 0.06), int(w * 0.6), int(h * 0.16)))
    reds = _share(top_left, lambda r, g, b: r > 180 and g < 90 and b < 90)
    assert reds > 0.08                                                  # the red name
    body = front.crop((int(w * 0.1), int(h * 0.55), int(w * 0.9), int(h * 0.9)))
    grey = _share(body, lambda r, g, b: max(r, g, b) - min(r, g, b) < 30 and r < 200)
    assert 0.1 < grey < 0.6                                    # black text, not a picture
    back = PILImage.open(tmp_path / "p-4.png").convert("RGB")
    band = back.crop((int(w * 0.1), int(h * 0.8), int(w * 0.9), int(h * 0.9)))
    assert _share(band, lambda r, g, b: b > 150 and r < 100) > 0.05     # the advert, blue


def _share(image, wanted) -> float:
    """The share of an RGB image's pixels for which ``wanted(r, g, b)`` holds."""
    data = image.tobytes()
    hits = sum(1 for i in range(0, len(data), 3) if wanted(data[i], data[i + 1], data[i + 2]))
    return hits / (image.width * image.height)


def test_new_refuses_to_write_over_a_folder(tmp_path, capsys):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(folder)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not empty" in err[0]
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_one_page_broadsheet_has_its_masthead_and_no_advert(tmp_path):
    folder = tmp_path / "one"
    assert main(["new", str(folder), "--pages", "1"]) == 0
    report_dir = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(report_dir), "--quiet"]) == 0
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    assert [s["kind"] for s in report["slots"]] == ["article"] * 3
    assert yaml.safe_load((folder / "pages" / "p01.yaml").read_text(encoding="utf-8"))[
        "masthead"] is True


# ------------------------------------------------------------------ JSON Schema
def _yaml_as_editors_read_it(path: Path):
    """The file as a YAML 1.2 editor reads it: dates stay text."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("tag:yaml.org,2002:timestamp",
                           lambda loader, node: loader.construct_scalar(node))
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def _seed_files():
    for edition in sorted((ROOT / "seeds").glob("*/edition.yaml")):
        folder = edition.parent
        yield "edition", edition
        for page in sorted((folder / "pages").glob("*.yaml")):
            yield "page", page
        for article in sorted((folder / "articles").glob("*.yaml")):
            yield "article", article
    for style in sorted((ROOT / "styles").glob("*.yaml")):
        yield "style", style
    for fonts in sorted((ROOT / "fonts").glob("*.yaml")):
        yield "fonts", fonts


def _validator(kind):
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_every_seed_file_passes_its_json_schema():
    validators = {kind: _validator(kind) for kind in FILE_KINDS}
    files = list(_seed_files())
    assert {kind for kind, _ in files} == set(FILE_KINDS) and len(files) > 30
    for kind, path in files:
        errors = list(validators[kind].iter_errors(_yaml_as_editors_read_it(path)))
        assert not errors, (path, [e.message for e in errors[:3]])


@pytest.mark.parametrize("kind,data,words", [
    ("article", {"id": "a", "headlnie": "x"}, "headlnie"),
    ("page", {"number": 1, "slots": [{"article": "a", "column": 1, "span": 2, "top": 0,
                                      "height": 5, "colour": "red"}]}, "colour"),
    ("style", {"headline": {"font": "hei", "szie": 20}}, "szie"),
    ("edition", {"name": "x", "date": "2024-02-26", "pages": ["p.yaml"],
                 "masthead": {"logo": "l.png", "slogn": "x"}}, "slogn"),
])
def test_the_schema_rejects_a_key_epaper_does_not_know(kind, data, words):
    errors = list(_validator(kind).iter_errors(data))
    assert errors and any(words in e.message for e in errors)


@pytest.mark.parametrize("kind,data", [
    ("page", {"number": 0}),                                         # below the minimum
    ("page", {"number": 1, "size": "a4"}),                           # not a choice
    ("style", {"banner": {"color": [0, 100, 100]}}),                 # three inks
    ("edition", {"name": "x", "date": "26/02/2024", "pages": []}),  # not a date
    ("article", {"headline": "x"}),                                  # id is required
])
def test_the_schema_checks_values_as_epaper_does(kind, data):
    assert list(_validator(kind).iter_errors(data))


def test_keys_writes_the_schemas_and_scaffolds_name_them(tmp_path, capsys):
    assert main(["keys", "--schema", "--out", str(tmp_path / "schemas")]) == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(f"{k}.schema.json" for k in FILE_KINDS)
    assert main(["keys", "--schema", "page"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads((tmp_path / "schemas" / "page.schema.json").read_text())
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    folder = tmp_path / "ed"
    assert main(["new", str(folder), "--pages", "1", "--size", "tabloid"]) == 0
    first = (folder / "pages" / "p01.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/page.schema.json"
    validator = _validator("article")
    for article in (folder / "articles").glob("*.yaml"):
        assert not list(validator.iter_errors(_yaml_as_editors_read_it(article)))


def test_keys_page_shows_the_grid_of_each_size(capsys):
    assert main(["keys", "page"]) == 0
    out = capsys.readouterr().out
    assert "| broadsheet | 390 × 540 mm | 8 × 13 | 101 (0-100) |" in out
    assert "| tabloid | 270 × 390 mm | 6 × 11 | 69 (0-68) |" in out


# ------------------------------------------------------------------ full-width colon
@pytest.mark.parametrize("text,line,key", [
    ("id: a1\nheadline：标题\nparagraphs: [正文]\n", 2, "headline"),
    ("id: a1\nheadline：标题\n", 2, "headline"),
    ("headline：标题\nid: a1\n", 1, "headline"),
    ("headline：标题\n", 1, "headline"),
    ("id: a1\nheadline: 标题\n  byline：本报讯\nparagraphs: [正文]\n", 3, "byline"),
])
def test_a_full_width_colon_is_reported_on_its_own_line(tmp_path, capsys, text, line, key):
    edition = write_edition(tmp_path / "ed")
    (edition / "articles" / "lead.yaml").write_text(text, encoding="utf-8")
    assert main(["build", str(edition), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"lead.yaml:{line}: error: '{key}：' is written with the full-width colon" in err[0]
    assert f"write '{key}: '" in err[0]


def test_a_full_width_colon_in_text_is_text(tmp_path):
    article = {"id": "lead", "headline": "访谈", "paragraphs": ["记者：您好。", "ceo：谢谢。"]}
    edition = write_edition(tmp_path / "ed", articles={"lead": article},
                            slots=[{"article": "lead", "column": 1, "span": 2, "top": 0,
                                    "height": 10}])
    composed = compose_edition(edition, FontLibrary())
    assert "记者：您好。" in "".join(line.text for line in composed.pages[0].lines("lead"))


# ------------------------------------------------------------------ watch
def test_build_watch_rebuilds_when_a_file_changes_and_stops_on_ctrl_c(tmp_path):
    edition = write_edition(tmp_path / "ed")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "layout", "build", str(edition), "--out",
                             str(out), "--watch"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    lines: list[str] = []

    def wait_for(words: str, count: int, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while sum(words in line for line in lines) < count:
            assert time.monotonic() < deadline, "".join(lines)
            line = proc.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
    try:
        wait_for("watching", 1)
        assert sum(line.startswith("page  slot") for line in lines) == 1     # the table
        first = (out / "page-03.pdf").stat().st_mtime_ns
        article = edition / "articles" / "lead.yaml"
        article.write_text(article.read_text(encoding="utf-8").replace(
            "市直机关工会开展", "市直机关工会广泛开展"), encoding="utf-8")
        wait_for("changed: articles/lead.yaml", 1)
        wait_for("wrote edition.pdf", 2)
        assert sum(line.startswith("page  slot") for line in lines) == 2, "".join(lines)
        assert (out / "page-03.pdf").stat().st_mtime_ns > first
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out / "page-03.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "广泛开展" in "".join(text.split())
        (edition / "fonts.lock").touch()               # the build's own file: no rebuild
        time.sleep(1.5)
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=60)
        lines.append(rest)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert "stopped watching" in "".join(lines)
    assert sum(line.startswith("-- build at") for line in "".join(lines).splitlines()) == 2

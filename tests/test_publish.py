"""A build's outputs appear together or not at all: failed builds keep the earlier set and
say why in report.json; the press gate stops overset and missing pictures (exit 3);
kills at any instant and concurrent builds never leave a mixed folder; report.json
records where everything came from."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from layout import __version__
from layout.cli import main
from tests.conftest import ARTICLES, ROOT, write_edition


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _consistent(out: Path) -> bool:
    """Is ``out`` one complete set: every output its report lists, with those bytes, and
    no other output beside them?"""
    report = _report(out)
    listed = report["outputs"] if report["built"] else report["kept"]
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    if files != set(listed) | {"report.json"}:
        return False
    return all(_sha(out / name) == digest for name, digest in listed.items())


def test_a_failed_build_keeps_the_earlier_set_and_says_why(edition, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(edition), "--out", str(out), "--quiet"]) == 0
    pdfs = {p.name: _sha(p) for p in out.glob("*.pdf")}
    lead = edition / "articles" / "lead.yaml"
    lead.write_text(lead.read_text(encoding="utf-8").replace("headline:", "headlnie:"),
                    encoding="utf-8")
    assert main(["build", str(edition), "--out", str(out), "--quiet"]) == 1
    assert {p.name: _sha(p) for p in out.glob("*.pdf")} == pdfs
    report = _report(out)
    assert report["ok"] is False and report["built"] is False
    assert report["kept"] == pdfs
    problem = report["diagnostics"][0]
    assert problem["code"] == "spec-invalid" and problem["file"].endswith("lead.yaml")
    assert problem["line"] and "headline" in problem["hint"]
    assert _consistent(out)


def test_the_press_gate_stops_overset_text_unless_it_is_a_draft(tmp_path, capsys):
    lead = dict(ARTICLES["lead"], paragraphs=ARTICLES["lead"]["paragraphs"] * 8)
    edition = write_edition(tmp_path / "ed", articles={"lead": lead, "side": ARTICLES["side"]})
    out = tmp_path / "out"
    assert main(["build", str(edition), "--out", str(out), "--quiet"]) == 3
    err = capsys.readouterr().err
    assert "error: article lead overflows slot" in err and "press gate" in err
    assert not list(out.glob("*.pdf"))
    report = _report(out)
    assert report["ok"] is False and report["built"] is False
    assert [d["code"] for d in report["diagnostics"] if d["severity"] == "error"] == \
        ["overset"]
    assert report["slots"][0]["overset_lines"] > 0          # the copyfit figures are there
    assert main(["build", str(edition), "--out", str(out), "--quiet", "--draft"]) == 0
    report = _report(out)
    assert report["ok"] is False and report["built"] is True
    assert sorted(report["outputs"]) == ["edition.pdf", "page-03.pdf"]
    assert main(["build", str(edition), "--out", str(out), "--draft", "--pdfx"]) == 2


def test_a_placeholder_picture_stops_the_press(tmp_path, capsys):
    side = dict(ARTICLES["side"], photos=[{"credit": "通讯员 葛然 摄影报道"}])
    edition = write_edition(tmp_path / "ed", articles={"lead": ARTICLES["lead"],
                                                       "side": side})
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--quiet"]) == 3
    assert "photo-placeholder" in {d["code"] for d in _report(tmp_path / "out")[
        "diagnostics"]}


def test_files_follow_the_umask_and_foreign_files_stay(edition, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("the desk's own file", encoding="utf-8")
    (out / "page-09.pdf").write_bytes(b"an output of another edition")
    old = os.umask(0o022)
    try:
        assert main(["build", str(edition), "--out", str(out), "--quiet"]) == 0
    finally:
        os.umask(old)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "the desk's own file"
    assert not (out / "page-09.pdf").exists()              # not this edition's page
    for name in ("page-03.pdf", "edition.pdf", "report.json"):
        assert (out / name).stat().st_mode & 0o777 == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.new")]


def test_a_killed_builds_leftovers_are_removed_by_the_next(edition, tmp_path):
    out = tmp_path / "out"
    stale = tmp_path / ".out.new-999-1"
    stale.mkdir()
    (stale / "page-03.pdf").write_bytes(b"half")
    assert main(["build", str(edition), "--out", str(out), "--quiet"]) == 0
    assert not stale.exists() and _consistent(out)


def _start(edition: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "layout", "build", str(edition),
                             "--out", str(out), "--quiet"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_sigkill_at_any_instant_leaves_the_old_or_the_new_set(tmp_path):
    """Builds of two different editions into one folder, killed at random instants: the
    folder is always one complete set, and no temporary folder survives the next build."""
    one = write_edition(tmp_path / "one")
    lead = dict(ARTICLES["lead"], headline="另一篇文章的标题")
    two = write_edition(tmp_path / "two", articles={"lead": lead, "side": ARTICLES["side"]})
    out = tmp_path / "out"
    assert main(["build", str(one), "--out", str(out), "--quiet"]) == 0
    started = time.monotonic()
    proc = _start(two, out)
    proc.wait()
    full = time.monotonic() - started
    rng = random.Random(14)
    kills = n = 0
    while kills < 20 and n < 60:
        proc = _start(one if n % 2 else two, out)
        time.sleep(rng.uniform(0.0, full * 1.05))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        assert _consistent(out), n
        n += 1
    assert kills >= 20
    assert main(["build", str(one), "--out", str(out), "--quiet"]) == 0
    assert _consistent(out)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == \
        [".out.lock"]


def test_concurrent_builds_into_one_folder_never_mix(tmp_path):
    one = write_edition(tmp_path / "one")
    lead = dict(ARTICLES["lead"], headline="另一篇文章的标题")
    two = write_edition(tmp_path / "two", articles={"lead": lead, "side": ARTICLES["side"]})
    out = tmp_path / "out"
    procs = [_start(edition, out) for edition in (one, two, one, two)]
    assert [p.wait() for p in procs] == [0, 0, 0, 0]
    assert _consistent(out)


def test_the_report_records_versions_inputs_and_options(edition, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(edition), "--out", str(out), "--quiet", "--marks"]) == 0
    prov = _report(out)["provenance"]
    assert prov["epaper"] == __version__
    assert {"reportlab", "fonttools", "pikepdf", "Pillow", "uharfbuzz"} <= \
        set(prov["libraries"]) and all(prov["libraries"].values())
    inputs = prov["inputs"]
    assert inputs["edition.yaml"] == _sha(edition / "edition.yaml")
    assert inputs["articles/lead.yaml"] == _sha(edition / "articles" / "lead.yaml")
    assert inputs["images/side.jpg"] == _sha(edition / "images" / "side.jpg")
    assert inputs["pages/p03.yaml"] == _sha(edition / "pages" / "p03.yaml")
    for kind in ("style", "fonts"):
        assert len(prov[kind]["sha256"]) == 64 and prov[kind]["source"] == "packaged"
    assert prov["options"]["marks"] is True and prov["options"]["draft"] is False


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"epaper {__version__}"
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "build" in out and "exit status" in out

"""Builds that reuse earlier work give the same bytes as a full build on one core: pages
composed and rendered in two processes, slots and pages taken from the cache after an edit,
and an unchanged edition not built again at all; a damaged cache entry is made again."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from layout.build import BuildOptions, build
from layout.fonts import FontLibrary
from tests.conftest import ROOT


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "report.json"}


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture
def jump(tmp_path) -> Path:
    edition = tmp_path / "jump"
    shutil.copytree(ROOT / "seeds" / "laodong-jump", edition)
    return edition


def test_two_processes_give_the_bytes_of_one(jump, tmp_path):
    serial = build(jump, tmp_path / "one", FontLibrary(tmp_path / "c1"),
                   BuildOptions(jobs=1, pdfa=True))
    parallel = build(jump, tmp_path / "two", FontLibrary(tmp_path / "c2"),
                     BuildOptions(jobs=2, pdfa=True))
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    for report in (serial, parallel):
        report.pop("timing")
        report.pop("fingerprint")
    assert serial == parallel


def test_an_edit_relays_one_slot_and_gives_the_bytes_of_a_full_build(jump, tmp_path):
    cache = tmp_path / "cache"
    build(jump, tmp_path / "out", FontLibrary(cache), BuildOptions(jobs=1))
    article = jump / "articles" / "erke.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("职工", "员工", 1), encoding="utf-8")
    again = build(jump, tmp_path / "out", FontLibrary(cache), BuildOptions(jobs=1))
    used = again["timing"]["cache"]
    assert used["slots"]["misses"] == 1 and used["slots"]["hits"] >= 8
    assert used["pages"] == {"hits": 1, "misses": 1}          # erke is on page 1 only
    articles = len(list((jump / "articles").glob("*.yaml")))  # only erke read again
    assert used["files"]["misses"] == 1 and used["files"]["hits"] >= articles + 2
    full = build(jump, tmp_path / "full", FontLibrary(tmp_path / "fresh"),
                 BuildOptions(jobs=1))
    assert full["timing"]["cache"]["slots"]["hits"] == 0
    assert _files(tmp_path / "out") == _files(tmp_path / "full")


def test_after_an_edit_only_the_pages_it_touches_go_to_the_workers(tmp_path, monkeypatch):
    import yaml

    from layout import workers
    from tests.benchgen import make_edition
    edition = make_edition(tmp_path / "ed", 3, 0)         # three pages, no jumps
    cache = tmp_path / "cache"
    build(edition, tmp_path / "out", FontLibrary(cache), BuildOptions(jobs=2, draft=True))
    first = sorted((edition / "pages").glob("*.yaml"))[0]
    ident = yaml.safe_load(first.read_text(encoding="utf-8"))["slots"][1]["article"]
    article = next(p for p in (edition / "articles").glob("*.yaml")
                   if yaml.safe_load(p.read_text(encoding="utf-8"))["id"] == ident)
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("。", "，又一句。", 1), encoding="utf-8")
    calls = []
    run = workers.run

    def recording(task, items, jobs, **shared):
        calls.append((task.__name__, list(items)))
        return run(task, items, jobs, **shared)
    monkeypatch.setattr(workers, "run", recording)
    again = build(edition, tmp_path / "out", FontLibrary(cache),
                  BuildOptions(jobs=2, draft=True))
    # the edited article is on the first page: only that page is composed, the other
    # two are taken from the cache where the build runs
    assert [items for task, items in calls if task == "_compose_page"] == [[0]]
    slots = sum(len(p["slots"]) for p in again["pages"])
    assert again["timing"]["cache"]["slots"] == {"hits": slots - 1, "misses": 1}
    build(edition, tmp_path / "full", FontLibrary(tmp_path / "fresh"),
                 BuildOptions(jobs=1, draft=True))
    assert _files(tmp_path / "out") == _files(tmp_path / "full")


def test_an_unchanged_edition_is_not_built_again(jump, tmp_path, capsys):
    from layout.cli import main
    out, cache = tmp_path / "out", str(tmp_path / "cache")
    args = ["build", str(jump), "--out", str(out), "--quiet", "--cache", cache]
    assert main(args) == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    capsys.readouterr()
    assert main(args) == 0
    assert "up to date" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    # different options, a new article file, a changed output: built again
    assert main(args + ["--marks"]) == 0
    assert "up to date" not in capsys.readouterr().err
    assert main(args) == 0
    capsys.readouterr()
    (jump / "articles" / "note.yaml").write_text("id: note\nheadline: 另一篇\n"
                                                 "paragraphs: [一段文字。]\n", encoding="utf-8")
    assert main(args) == 0
    assert "up to date" not in capsys.readouterr().err
    (jump / "articles" / "note.yaml").unlink()
    assert main(args) == 0
    capsys.readouterr()
    page = out / "page-01.pdf"
    page.write_bytes(page.read_bytes()[:-10] + b"0123456789")
    assert main(args) == 0
    assert "up to date" not in capsys.readouterr().err
    assert _report(out)["outputs"]["page-01.pdf"] != "0" and main(args) == 0


def test_a_damaged_cache_entry_is_made_again(jump, tmp_path):
    cache = tmp_path / "cache"
    first = build(jump, tmp_path / "a", FontLibrary(cache), BuildOptions(jobs=1))
    entries = sorted((cache).rglob("*.pickle"))
    made = first["timing"]["cache"]
    # a slot, a page each; the edition's files all in one
    assert len(entries) == sum(made[kind]["misses"] for kind in ("slots", "pages")) + 1
    for entry in entries[::2]:                       # cut short, as a power cut leaves it
        entry.write_bytes(entry.read_bytes()[: os.path.getsize(entry) // 3])
    again = build(jump, tmp_path / "b", FontLibrary(cache), BuildOptions(jobs=1))
    used = again["timing"]["cache"]
    damaged = entries[::2]
    assert used["slots"]["misses"] + used["pages"]["misses"] == \
        len([e for e in damaged if "files" not in e.parts])
    # the files read again when their entry was damaged, else all taken from it
    if any("files" in e.parts for e in damaged):
        assert used["files"] == {"hits": 0, "misses": made["files"]["misses"]}
    else:
        assert used["files"] == {"hits": made["files"]["misses"], "misses": 0}
    assert _files(tmp_path / "a") == _files(tmp_path / "b")

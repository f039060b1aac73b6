"""``epaper place`` and ``import`` on whole editions: slots given by hand are kept and the
rest placed around them; what does not fit continues on the next page (转版) or, on the
last page, is reported with the characters to cut and stops the press; bad input is one
line naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from layout.cli import main
from tests.place.conftest import DEV, compose, copy, imported, joined_text


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _page(edition: Path, name: str = "p01.yaml") -> dict:
    return yaml.safe_load((edition / "pages" / name).read_text(encoding="utf-8"))


def test_a_slot_given_by_hand_is_kept_and_the_rest_placed_around_it(tmp_path, capsys):
    edition = imported(tmp_path / "ed", DEV / "national-politics.txt", place=False)
    page = edition / "pages" / "p01.yaml"
    text = page.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["place"].remove("a03")
    text = text.replace("- a03\n", "").replace(
        "slots: []", "slots:\n  # 法治护航 stays at the foot, by hand\n"
        "  - {name: law, article: a03, column: 5, span: 4, top: 80, height: 21}")
    page.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "place", str(edition))
    assert code == 0, err
    written = page.read_text(encoding="utf-8")
    assert "# 法治护航 stays at the foot, by hand" in written
    assert "- {name: law, article: a03, column: 5, span: 4, top: 80, height: 21}" in written
    slots = _page(edition)["slots"]
    assert {s["article"] for s in slots} == {"a01", "a02", "a03", "a04", "a05", "a06"}
    law = next(s for s in slots if s["name"] == "law")
    for s in slots:
        if s is not law:
            assert s["top"] + s["height"] <= law["top"] or \
                s["column"] + s["span"] <= law["column"]
    assert "area" in out and "page" in out


def test_what_does_not_fit_continues_on_the_next_page(tmp_path, capsys):
    """One page of two, and a text for about one and a half: the page is filled, an
    article is cut and continued (转版) or moved on whole, and nothing is overset."""
    text = tmp_path / "t.txt"
    text.write_text(joined_text(), encoding="utf-8")
    edition = imported(tmp_path / "ed", text, size="tabloid", place=False)
    edition_file = edition / "edition.yaml"
    spec = yaml.safe_load(edition_file.read_text(encoding="utf-8"))
    p2 = dict(_page(edition), number=2, place=[], slots=[])
    for key in ("header", "footer"):
        p2.pop(key, None)
    (edition / "pages" / "p02.yaml").write_text(yaml.safe_dump(p2, allow_unicode=True),
                                                encoding="utf-8")
    spec["pages"].append("pages/p02.yaml")
    edition_file.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    code, out, err = run(capsys, "place", str(edition), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert [p["page"] for p in report["pages"]] == [1, 2] and not report["copyfit"]
    assert report["pages"][0]["area_used"] >= 0.95
    first, second = _page(edition, "p01.yaml"), _page(edition, "p02.yaml")
    assert second["place"], "the articles page 1 could not hold are listed on page 2"
    for slot in first["slots"]:
        if "continues" in slot:
            target = slot["continues"]
            assert target["page"] == 2
            assert any(s["name"] == target["slot"] and s["article"] == slot["article"]
                       for s in second["slots"])
    composed = compose(edition)
    assert not [r for r in composed.slots if r.overset_lines]


def test_on_the_last_page_what_does_not_fit_is_reported_and_stops_the_press(
        tmp_path, capsys):
    text = tmp_path / "t.txt"
    text.write_text(joined_text(), encoding="utf-8")
    edition = imported(tmp_path / "ed", text, size="tabloid", pages=1)
    code, _, err = run(capsys, "place", str(edition), "--json")
    assert code == 1
    assert "overflows slot" in err or "did not fit" in err
    code, _, err = run(capsys, "build", str(edition), "--out", str(tmp_path / "pdf"),
                       "--quiet")
    assert code == 3                                        # the press gate
    code, _, _ = run(capsys, "build", str(edition), "--out", str(tmp_path / "pdf"),
                     "--quiet", "--draft")
    report = json.loads((tmp_path / "pdf" / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] is False
    cut = [s for s in report["slots"] if s["overset_lines"]]
    assert cut and all(s["overset_chars"] > 0 for s in cut)


def test_import_fills_as_many_pages_as_the_text_needs(joined):
    pages = yaml.safe_load((joined / "edition.yaml").read_text(encoding="utf-8"))["pages"]
    assert len(pages) >= 2
    added = yaml.safe_load((joined / pages[1]).read_text(encoding="utf-8"))
    assert added["number"] == 2 and added["size"] == "tabloid" and added["place"]


def test_import_without_placing_lists_the_items(tmp_path, capsys):
    code, _, err = run(capsys, "import", str(DEV / "opinion-page.txt"), "--out",
                       str(tmp_path / "ed"), "--date", "2025-03-06", "--page", "5",
                       "--no-place")
    assert code == 0, err
    page = _page(tmp_path / "ed", "p05.yaml")
    assert page["slots"] == [] and page["place"] == sorted(
        p.stem for p in (tmp_path / "ed" / "articles").glob("*.yaml"))
    code, out, _ = run(capsys, "place", str(tmp_path / "ed"))
    assert code == 0 and len(_page(tmp_path / "ed", "p05.yaml")["slots"]) == \
        len(page["place"])


def test_an_unknown_article_under_place_is_one_line_naming_the_file(tmp_path, capsys):
    edition = imported(tmp_path / "ed", DEV / "opinion-page.txt", place=False)
    page = edition / "pages" / "p01.yaml"
    page.write_text(page.read_text(encoding="utf-8").replace("- a02", "- a20"),
                    encoding="utf-8")
    code, _, err = run(capsys, "place", str(edition))
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "p01.yaml" in err and "'a20'" in err and "did you mean" in err


def test_an_article_listed_but_not_yet_placed_stops_the_press(tmp_path, capsys):
    """Imported without placing: the page lists its articles but has no slots for them,
    so a build would print an empty page — the press gate says which and what to do;
    after epaper place the same edition builds."""
    edition = imported(tmp_path / "ed", DEV / "opinion-page.txt", place=False)
    listed = _page(edition)["place"]
    code, _, err = run(capsys, "build", str(edition), "--out", str(tmp_path / "out"))
    assert code == 3 and not (tmp_path / "out" / "edition.pdf").exists()
    pending = [row for row in err.splitlines() if "listed under place:" in row]
    assert len(pending) == len(listed) and all("p01.yaml" in row for row in pending)
    assert "epaper place" in pending[0]
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {d["article"] for d in report["diagnostics"] if d["code"] == "place-pending"} \
        == set(listed)
    assert run(capsys, "place", str(edition))[0] == 0
    code, _, err = run(capsys, "build", str(edition), "--out", str(tmp_path / "out"))
    assert code == 0, err


def test_an_edition_with_nothing_to_place_says_so(tmp_path, capsys):
    edition = copy(Path(__file__).resolve().parents[2] / "seeds" / "laodong-jump",
                   tmp_path / "ed")
    before = sorted((p.name, p.read_bytes()) for p in (edition / "pages").iterdir())
    code, _, err = run(capsys, "place", str(edition))
    assert code == 2 and "lists articles under place:" in err
    assert sorted((p.name, p.read_bytes()) for p in (edition / "pages").iterdir()) == before


def test_an_advert_gets_its_booked_size_at_the_foot(tmp_path, capsys):
    """An advertisement listed under place: takes the span and lines nearest its booked
    size, and goes to the foot of the page."""
    edition = imported(tmp_path / "ed", DEV / "local-benbaoxun.txt", place=False)
    from tests.conftest import write_picture
    write_picture(edition / "ads" / "ad.jpg", (2493, 1000))
    (edition / "articles" / "ad.yaml").write_text(yaml.safe_dump({
        "id": "ad", "kind": "advert", "photos": [{"file": "../ads/ad.jpg"}],
        "advert": {"width_mm": 174.5, "height_mm": 70, "client": "某银行"}},
        allow_unicode=True), encoding="utf-8")
    page = edition / "pages" / "p01.yaml"
    page.write_text(page.read_text(encoding="utf-8").replace("place:\n", "place:\n- ad\n"),
                    encoding="utf-8")
    code, _, err = run(capsys, "place", str(edition))
    assert code == 0, err
    slot = next(s for s in _page(edition)["slots"] if s["article"] == "ad")
    composed = compose(edition)
    grid = composed.edition.pages[0].grid
    from layout.spec.grid import MM
    assert abs(grid.span_width(slot["span"]) / MM - 174.5) < 2
    assert slot["top"] + slot["height"] == grid.lines
    assert not [d for d in composed.sink if d.code == "advert-size"]

"""Page composition: overset figures, jumps, balanced columns, picture fitting, headline
fitting and the vertical headline."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.build import compose_edition
from layout.cli import main
from layout.compose.flow import Frame, flow
from layout.compose.photo import fit_image
from layout.fonts import FontLibrary
from tests.conftest import ARTICLES, ROOT, write_edition

JUMP = ROOT / "seeds" / "laodong-jump"


def _report(edition: Path, out: Path, *extra: str) -> dict:
    assert main(["build", str(edition), "--out", str(out), "--quiet", *extra]) == 0
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _slot(report: dict, name: str) -> dict:
    return next(s for s in report["slots"] if s["slot"] == name)


def test_a_slot_one_line_short_reports_exactly_that_line(tmp_path):
    lead = dict(ARTICLES["lead"], paragraphs=ARTICLES["lead"]["paragraphs"] * 2)
    roomy = write_edition(tmp_path / "roomy", articles={"lead": lead},
                          slots=[{"article": "lead", "column": 1, "span": 1, "top": 0,
                                  "height": 68}])
    composed = compose_edition(roomy, FontLibrary())
    report = composed.slots[0]
    assert report.overset_lines == 0 and report.underset_lines > 0
    body = [line for line in composed.pages[0].lines("lead")
            if line.block.kind == "paragraph"]
    last_line = max(body, key=lambda line: line.baseline).text.replace(" ", "")
    tight = write_edition(tmp_path / "tight", articles={"lead": lead},
                          slots=[{"article": "lead", "column": 1, "span": 1, "top": 0,
                                  "height": report.bottom - 1}])
    out = _report(tight, tmp_path / "out", "--draft")
    assert out["ok"] is False                       # overset: not for the press
    slot = out["slots"][0]
    assert (slot["overset_lines"], slot["overset_chars"]) == (1, len(last_line))
    assert slot["underset_lines"] == 0
    warning = next(d for d in out["diagnostics"] if d["code"] == "overset")
    assert warning["data"] == {"overset_lines": 1, "overset_chars": len(last_line)}
    assert "1 lines" in warning["message"] and warning["line"]


def test_jump_lines_are_on_both_pages_and_nothing_is_lost(tmp_path):
    report = _report(JUMP, tmp_path)
    first, rest = _slot(report, "lead"), _slot(report, "lead-2")
    assert first["continues_on"] == 2 and first["jumped_lines"] > 0
    assert first["overset_lines"] == 0 and rest["continued_from"] == 1
    assert rest["overset_lines"] == 0

    def text(name):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / name), "-"],
                              check=True, capture_output=True, text=True).stdout
    assert "（下转第2版）" in text("page-01.pdf")
    assert "（上接第1版）" in text("page-02.pdf")
    import yaml
    article = yaml.safe_load((JUMP / "articles" / "haidian.yaml").read_text(encoding="utf-8"))
    both = "".join(text(n) for n in ("page-01.pdf", "page-02.pdf"))
    both = "".join(both.split())
    for paragraph in article["paragraphs"]:
        for ch in set(paragraph) - {" "}:
            assert both.count(ch) >= paragraph.count(ch)


def test_a_jump_to_a_missing_slot_is_a_clear_error(tmp_path, capsys):
    slots = [{"article": "lead", "column": 1, "span": 4, "top": 0, "height": 10,
              "continues": {"page": 3, "slot": "nowhere"}}]
    edition = write_edition(tmp_path / "ed", slots=slots)
    assert main(["build", str(edition), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "p03.yaml" in err and "not a later page" in err


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 200), st.integers(1, 8), st.integers(0, 6), st.integers(10, 60))
def test_balanced_columns_end_within_one_line_of_each_other(total, columns, first, end):
    frames = [Frame(0, 100, first, end) for _ in range(columns)]
    lines = [object()] * total
    flowed = flow(lines, frames)            # type: ignore[arg-type]
    assert len(flowed.placed) + len(flowed.overset) == total
    if flowed.overset:
        return
    bottoms = {}
    for index, gline, _ in flowed.placed:
        bottoms[index] = max(bottoms.get(index, 0), gline + 1)
    used = list(bottoms.values())
    if used:
        assert max(used) - min(used) <= 1, (columns, total, bottoms)
        assert sorted(used, reverse=True) == [bottoms[i] for i in sorted(bottoms)]


def test_picture_cover_crops_around_the_focal_point():
    placed = fit_image((4000, 2000), (10, 20, 200, 200), "cover", (0.25, 0.5))
    assert (placed.x, placed.y, placed.w, placed.h) == (10, 20, 200, 200)
    left, top, right, bottom = placed.crop
    assert (top, bottom) == (0.0, 1.0)
    assert right - left == pytest.approx(0.5)          # a square out of a 2:1 picture
    assert left == pytest.approx(0.0)                  # focus 0.25 clamps to the edge
    assert placed.ppi == pytest.approx(2000 / (200 / 72))
    centred = fit_image((4000, 2000), (0, 0, 200, 200), "cover", (0.6, 0.5))
    assert centred.crop[0] == pytest.approx(0.35)


def test_picture_contain_letterboxes_the_whole_picture():
    placed = fit_image((3000, 1000), (0, 0, 300, 300), "contain")
    assert placed.crop == (0.0, 0.0, 1.0, 1.0)
    assert (placed.w, placed.h) == (pytest.approx(300), pytest.approx(100))
    assert placed.y == pytest.approx(100)              # centred band
    assert placed.ppi == pytest.approx(3000 / (300 / 72))


HEADLINE_CHARS = "市直机关工会开展关心关爱干部职工活动海淀区总工会基层组织建设取得开门红，、“”《》"


@settings(max_examples=200, deadline=None)
@given(st.text(HEADLINE_CHARS, min_size=2, max_size=40), st.integers(4, 30))
def test_headlines_never_exceed_the_slot_width(headline_context, text, chars):
    from layout.compose.headline import line_width, set_headline
    ctx = headline_context
    width = chars * 9.0
    hs = set_headline(ctx, text, "headline", width)
    for line in hs.lines:
        assert line_width(line) <= width + 0.01, (text, chars, hs.size)
    assert "".join(line.text for line in hs.lines).replace("\u3000", " ") \
        .replace(" ", "") == text.replace(" ", "")


@pytest.fixture(scope="module")
def headline_context(tmp_path_factory):
    from layout.compose.context import Context
    from layout.diagnostics import Sink
    edition = write_edition(tmp_path_factory.mktemp("head") / "ed")
    composed = compose_edition(edition, FontLibrary())
    return Context(composed.edition.style, composed.chains, Sink(),
                   composed.edition.pages[0].grid)


def test_vertical_headline_runs_top_to_bottom_with_vertical_marks(tmp_path):
    composed = compose_edition(JUMP, FontLibrary())
    page = composed.pages[0]
    vertical = [line for line in page.lines("fangshan") if line.vertical]
    assert vertical, "the 房山 slot has a vertical headline"
    assert all(line.block.kind == "headline" for line in vertical)
    text = "".join(line.text for line in vertical)
    assert text.startswith("房山区总工会")
    runs = [run for line in vertical for run in line.runs]
    for run in runs:
        assert all(b > a for a, b in zip(run.ys, run.ys[1:]))       # downwards
    # the body text beside it stays inside the slot, left of the headline
    top, bottom = min(runs[0].ys), max(runs[-1].ys)
    right_of_text = max(line.x + line.width for line in page.lines("fangshan")
                        if line.block.kind == "paragraph" and top <= line.baseline <= bottom)
    assert right_of_text < min(min(r.xs) for r in runs)


def test_proof_pages_mark_overset_slots_and_show_the_grid(tmp_path):
    lead = dict(ARTICLES["lead"], paragraphs=ARTICLES["lead"]["paragraphs"] * 6)
    edition = write_edition(tmp_path / "ed", articles={"lead": lead, "side": ARTICLES["side"]},
                            slots=[{"article": "lead", "column": 1, "span": 2, "top": 0,
                                    "height": 12, "name": "short"},
                                   {"article": "side", "column": 3, "span": 2, "top": 0,
                                    "height": 30}])
    assert main(["build", str(edition), "--out", str(tmp_path / "proof"), "--quiet",
                 "--proof", "--draft"]) == 0
    report = json.loads((tmp_path / "proof" / "report.json").read_text(encoding="utf-8"))
    slot = _slot(report, "short")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "proof" / "page-03.pdf"),
                           "-"], check=True, capture_output=True, text=True).stdout
    text = "".join(text.split())
    assert f"超{slot['overset_lines']}行{slot['overset_chars']}字" in text
    assert "short·lead" in text and "s2·side" in text
    assert any(d["code"] == "proof" for d in report["diagnostics"])
    assert main(["build", str(edition), "--out", str(tmp_path / "plain"), "--quiet",
                 "--draft"]) == 0
    plain = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "plain" / "page-03.pdf"),
                            "-"], check=True, capture_output=True, text=True).stdout
    assert "超" not in plain and "short · lead" not in plain

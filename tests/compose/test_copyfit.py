"""Copyfit in the page spec's units: the height an overset slot needs (a slot of N body
columns gains N lines per grid line), checked by building it at that height; underset
slots named with the height that holds their text."""

from __future__ import annotations

import math
import re

import pytest

from layout.build import compose_edition
from layout.fonts import FontLibrary
from tests.conftest import ARTICLES, write_edition

LONG = dict(ARTICLES["lead"], paragraphs=ARTICLES["lead"]["paragraphs"] * 7)


def _slot_report(tmp_path, name, slot, article=LONG):
    edition = write_edition(tmp_path / name, articles={"lead": article},
                            slots=[{"article": "lead", "name": "lead", **slot}])
    composed = compose_edition(edition, FontLibrary())
    return composed, composed.slots[0]


@pytest.mark.parametrize("span,columns", [(1, None), (2, None), (4, None), (4, 2), (6, 3)])
def test_the_overset_hint_gives_the_height_that_fits_and_it_does(tmp_path, span, columns):
    slot = {"column": 1, "span": span, "top": 3, "height": 12}
    if columns:
        slot["columns"] = columns
    article = dict(ARTICLES["lead"], paragraphs=ARTICLES["lead"]["paragraphs"] * (3 + span))
    composed, report = _slot_report(tmp_path, "short", slot, article)
    assert report.overset_lines > 0
    warning = next(d for d in composed.sink if d.code == "overset")
    found = re.search(r"height 12 → (\d+) \(\+(\d+) grid lines?\)", warning.hint)
    assert found, warning.hint
    height, extra = int(found[1]), int(found[2])
    assert height == 12 + extra == report.fit_height
    n = columns or span
    assert extra >= math.ceil(report.overset_lines / n)            # N lines per grid line
    assert f"cut {report.overset_chars} characters (about {report.overset_lines} line" \
        in warning.hint
    _, fitted = _slot_report(tmp_path, "fitted", {**slot, "height": height}, article)
    assert fitted.overset_lines == 0                                # the hint holds
    if extra > 1:
        _, one_less = _slot_report(tmp_path, "less", {**slot, "height": height - 1}, article)
        assert one_less.overset_lines > 0                           # and is the least


def test_the_overset_hint_counts_grid_lines_not_body_lines(tmp_path):
    """The issue's case: 14 lines overset in a slot of two columns is 7 grid lines."""
    composed, report = _slot_report(tmp_path, "two", {"column": 1, "span": 2, "top": 0,
                                                       "height": 14})
    n = report.columns
    assert n == 2 and report.overset_lines > n
    assert report.fit_height - 14 <= math.ceil(report.overset_lines / n) + 1
    assert report.fit_height - 14 < report.overset_lines


def test_an_underset_slot_is_named_with_the_height_that_holds_its_text(tmp_path):
    article = dict(ARTICLES["lead"], paragraphs=ARTICLES["lead"]["paragraphs"] * 2)
    slot = {"column": 1, "span": 2, "top": 0, "height": 40}
    composed, report = _slot_report(tmp_path, "roomy", slot, article)
    empty = report.capacity - report.lines_set
    assert empty > report.columns
    warning = next(d for d in composed.sink if d.code == "underset")
    assert warning.severity == "warning" and "slot lead" in warning.message
    assert warning.data["empty_lines"] == empty and warning.line
    found = re.search(r"height 40 → (\d+) \(−(\d+) grid lines?\)", warning.hint)
    assert found and int(found[1]) == report.fit_height
    assert f"({empty} lines)" in warning.hint and "add about" in warning.hint
    _, tight = _slot_report(tmp_path, "tight", {**slot, "height": report.fit_height}, article)
    assert tight.overset_lines == 0
    assert tight.capacity - tight.lines_set <= tight.columns      # no warning there
    _, tighter = _slot_report(tmp_path, "tighter", {**slot, "height": report.fit_height - 1},
                              article)
    assert tighter.overset_lines > 0


def test_one_line_per_column_or_less_is_not_underset(tmp_path):
    article = dict(ARTICLES["lead"], paragraphs=ARTICLES["lead"]["paragraphs"] * 2)
    probe, report = _slot_report(tmp_path, "probe", {"column": 1, "span": 2, "top": 0,
                                                     "height": 40}, article)
    composed, tight = _slot_report(tmp_path, "exact", {"column": 1, "span": 2, "top": 0,
                                                       "height": report.fit_height},
                                   article)
    assert "underset" not in [d.code for d in composed.sink]
    assert tight.fit_height is None


def test_the_copyfit_table_shows_the_height_to_give(tmp_path, capsys):
    from layout.cli import main
    edition = write_edition(tmp_path / "ed", articles={"lead": LONG},
                            slots=[{"article": "lead", "name": "lead", "column": 1,
                                    "span": 2, "top": 0, "height": 12}])
    assert main(["build", str(edition), "--out", str(tmp_path / "out"), "--draft"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["page", "slot", "article", "lines", "over", "chars",
                                "under", "height"]
    row = table[1].split()
    assert row[1] == "lead" and re.fullmatch(r"12→\d+", row[-1])

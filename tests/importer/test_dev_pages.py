"""The development pages (seeds/dev): each page's text read against its expected reading.

Block-level accuracy is the fraction of non-blank lines given their expected role; every
page must reach ``REQUIRED_ACCURACY``, and every expected headline, byline and subhead
must be found, every item must have its expected structure."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from layout.diagnostics import Sink
from layout.importer.parse import ParsedPage, parse_page
from layout.spec.model import Subhead

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "seeds" / "dev"
PAGES = sorted(p.stem for p in DEV.glob("*.txt"))
REQUIRED_ACCURACY = 0.95
#: Roles a line can be given (Block.role).
ROLES = {"banner", "kicker", "headline", "subheadline", "byline", "subhead", "paragraph",
         "continuation", "caption", "credit", "editor_note", "lead", "dateline", "end",
         "furniture"}


def read(name: str) -> tuple[ParsedPage, dict, Sink]:
    sink = Sink()
    text = (DEV / f"{name}.txt").read_text(encoding="utf-8")
    expected = yaml.safe_load((DEV / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    return parse_page(text, file=f"{name}.txt", sink=sink), expected, sink


def accuracy(page: ParsedPage, expected: dict) -> tuple[float, list[str]]:
    """Fraction of expected blocks given their role, and the misses."""
    roles = {b.line: b.role for b in page.blocks}
    misses = [f"line {line}: {role} expected, {roles.get(line)} given"
              for line, role in expected["blocks"].items() if roles.get(line) != role]
    return 1 - len(misses) / len(expected["blocks"]), misses


def item_problems(want: dict, item) -> list[str]:
    """How ``item`` differs from its expected structure (paragraphs by their start)."""
    out = []
    for key in ("kind", "kicker", "headline", "subheadline", "byline", "byline_position",
                "dateline"):
        default = "article" if key == "kind" else None if key == "byline_position" else ""
        if getattr(item, key) != want.get(key, default):
            out.append(f"{key}: {want.get(key, default)!r} expected, {getattr(item, key)!r}")
    for key in ("editor_note", "lead"):
        wanted, got = want.get(key, ""), getattr(item, key)
        if bool(wanted) != bool(got) or not got.startswith(wanted):
            out.append(f"{key}: {wanted!r}… expected, {got[:20]!r}")
    body = want.get("paragraphs", [])
    if len(body) != len(item.paragraphs):
        out.append(f"{len(body)} paragraphs and subheads expected, {len(item.paragraphs)}")
    for wanted, got in zip(body, item.paragraphs):
        if isinstance(wanted, dict):
            if not isinstance(got, Subhead) or got.subhead != wanted["subhead"]:
                out.append(f"subhead {wanted['subhead']!r} expected, {got!r}")
        elif not isinstance(got, str) or not got.startswith(wanted):
            out.append(f"paragraph {wanted!r}… expected, {str(got)[:16]!r}")
    photos = [(p.get("caption", ""), p.get("credit", "")) for p in want.get("photos", [])]
    if photos != [(p.caption, p.credit) for p in item.photos]:
        out.append(f"pictures {photos} expected, {[(p.caption, p.credit) for p in item.photos]}")
    return out


def test_there_are_at_least_six_development_pages_each_with_its_expected_reading():
    assert len(PAGES) >= 6
    for name in PAGES:
        expected = yaml.safe_load((DEV / f"{name}.expected.yaml").read_text(encoding="utf-8"))
        assert set(expected["blocks"].values()) <= ROLES, name
        lines = [n for n, row in enumerate((DEV / f"{name}.txt").read_text(
            encoding="utf-8").split("\n"), 1) if row.strip()]
        assert sorted(expected["blocks"]) == lines, f"{name}: every non-blank line has a role"


@pytest.mark.parametrize("name", PAGES)
def test_block_level_accuracy(name, record_property):
    page, expected, _ = read(name)
    score, misses = accuracy(page, expected)
    record_property("accuracy", round(score, 4))
    assert score >= REQUIRED_ACCURACY, f"{name}: {score:.1%} of lines right; {misses}"


def test_accuracy_over_all_pages():
    right = total = 0
    for name in PAGES:
        page, expected, _ = read(name)
        score, _ = accuracy(page, expected)
        right += round(score * len(expected["blocks"]))
        total += len(expected["blocks"])
    assert right / total >= REQUIRED_ACCURACY


@pytest.mark.parametrize("name", PAGES)
def test_every_headline_byline_and_subhead_is_found(name):
    page, expected, _ = read(name)
    roles = {b.line: b.role for b in page.blocks}
    for line, role in expected["blocks"].items():
        if role in ("headline", "byline", "subhead", "banner"):
            assert roles[line] == role, f"{name} line {line}: {role} expected, {roles[line]}"
    wanted = [(i.get("headline"), i.get("byline", "")) for i in expected["items"]]
    assert [(i.headline, i.byline) for i in page.items] == wanted
    subheads = [p["subhead"] for i in expected["items"] for p in i.get("paragraphs", [])
                if isinstance(p, dict)]
    assert [p.subhead for i in page.items for p in i.paragraphs
            if isinstance(p, Subhead)] == subheads


@pytest.mark.parametrize("name", PAGES)
def test_items_have_their_expected_structure(name):
    page, expected, _ = read(name)
    assert len(page.items) == len(expected["items"])
    problems = {i.headline: item_problems(want, i)
                for want, i in zip(expected["items"], page.items)}
    assert not {k: v for k, v in problems.items() if v}


@pytest.mark.parametrize("name", PAGES)
def test_page_furniture_and_script(name):
    page, expected, sink = read(name)
    assert page.language == expected["language"]
    assert page.header == expected["header"]
    assert list(page.footer) == expected["footer"]
    notes = [d for d in sink if d.code == "page-furniture"]
    assert sorted(d.line for d in notes) == sorted(
        line for line, role in expected["blocks"].items() if role == "furniture")


def ink(text: str) -> Counter:
    return Counter(re.sub(r"\s+", "", text))


@pytest.mark.parametrize("name", PAGES)
def test_no_character_is_lost_or_duplicated(name):
    from tests.importer.accounting import page_ink
    page, _, _ = read(name)
    assert page_ink(page) == ink((DEV / f"{name}.txt").read_text(encoding="utf-8"))

"""Regression tests on the composed layout: the display list of each seed edition, as
text (one line per glyph run, rule, box or image, with positions to 0.01 pt), must match
the dump kept in tests/dumps/.  After an intended change, rewrite the dumps with
``pytest tests/test_layout_dumps.py --update-dumps`` and review the diff."""

from __future__ import annotations

import difflib

import pytest

from layout.build import compose_edition
from layout.fonts import FontLibrary
from layout.writers.dump import dump
from tests.conftest import ROOT

EDITIONS = ["laodong-2024-02-26", "stress", "stress-hant", "laodong-jump"]


@pytest.mark.parametrize("name", EDITIONS)
def test_layout_matches_the_kept_dump(name, request):
    composed = compose_edition(ROOT / "seeds" / name, FontLibrary())
    text = dump(composed.pages).replace(str(ROOT), "<root>")
    expected = ROOT / "tests" / "dumps" / f"{name}.txt"
    if request.config.getoption("--update-dumps") or not expected.exists():
        expected.write_text(text, encoding="utf-8")
        if not request.config.getoption("--update-dumps"):
            pytest.fail(f"{expected.name} did not exist and was written; commit it")
        return
    kept = expected.read_text(encoding="utf-8")
    if text != kept:
        diff = "".join(list(difflib.unified_diff(kept.splitlines(True), text.splitlines(True),
                                                 "kept", "now", n=0))[:40])
        pytest.fail(f"layout of {name} changed; if intended, run with --update-dumps\n{diff}")


def test_the_dump_shows_what_changed(tmp_path):
    """The dump is sensitive: one character more in an article moves glyphs."""
    import shutil
    edition = tmp_path / "ed"
    shutil.copytree(ROOT / "seeds" / "stress", edition)
    before = dump(compose_edition(edition, FontLibrary()).pages)
    article = edition / "articles" / "short.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("好。", "好啊。"),
                       encoding="utf-8")
    after = dump(compose_edition(edition, FontLibrary()).pages)
    assert before != after
    assert sum(1 for a, b in zip(before.splitlines(), after.splitlines()) if a != b) >= 1

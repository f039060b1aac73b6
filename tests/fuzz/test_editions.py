"""Fuzzing whole builds: random valid-shaped editions with hostile text, and valid editions
with one file damaged, built through ``epaper build`` in-process.

The property: a build ends with exit status 0, 1 (bad input, one line naming it) or 3
(the press gate; then ``--draft`` builds it) — never a traceback; after a build every
character of a printed article is in the PDF's text or reported by its code point; no
glyph of the page model leaves its slot's columns (beyond a squeezed or hung mark's
blank); and the output folder holds exactly the files its report.json lists, with those
sha256 sums."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

import layout.build
from layout.cli import main
from layout.display import TextLine
from tests.conftest import write_picture
from tests.fuzz.strategies import edition, mutated, write
from tests.test_publish import _consistent
from tests.text.test_overflow import SLACK, allowance, ink

FIELDS = ("kicker", "headline", "subheadline", "byline", "dateline", "editor_note", "lead")
#: Characters that are syntax, not text, in a headline: break marks.
HEADLINE_MARKS = "|｜\n"
#: Sized so that the suite runs in about a minute on CI's two cores.
EXAMPLES = 100


def fuzz(examples: int = EXAMPLES) -> settings:
    # no shrinking: a failure prints its blob to reproduce it, CI does not wait on it
    return settings(max_examples=examples, deadline=None, print_blob=True,
                    phases=(Phase.explicit, Phase.reuse, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@functools.cache
def picture() -> bytes:
    """A photograph-like JPEG for the editions' pictures (made once)."""
    with tempfile.TemporaryDirectory() as folder:
        return write_picture(Path(folder) / "p.jpg", (600, 400)).read_bytes()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def build(folder: Path, out: Path, *options: str):
    """``epaper build`` in-process: (status, stderr, the laid-out edition or None)."""
    composed = []
    real = layout.build.render

    def render(c, *args, **kwargs):
        composed.append(c)
        return real(c, *args, **kwargs)
    err, stdout = io.StringIO(), io.StringIO()
    with mock.patch.object(layout.build, "render", render), \
            contextlib.redirect_stderr(err), contextlib.redirect_stdout(stdout):
        status = main(["build", str(folder), "--out", str(out), "--jobs", "1", *options])
    return status, err.getvalue(), composed[0] if composed else None


def check_failure(status: int, err: str) -> None:
    """A failed build says why in one line per problem, never with a traceback."""
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if " error: " in f" {line}"]
    assert errors, err
    if status == 1:
        event(f"error: {errors[0].split('error: ', 1)[1][:40]}")


#: Kinds of block a headline warning speaks for.
HEADS = frozenset({"kicker", "headline", "subheadline", "banner", "photo_headline"})


def check_lines(composed) -> int:
    """Every glyph of an article's lines lies within the columns of its slot — but for a
    headline the build said does not fit even at its smallest size (headline-long: a
    character wider than the column); returns the number of lines checked."""
    long = {d.article for d in composed.sink if d.code == "headline-long"}
    checked = 0
    for page, spec in zip(composed.pages, composed.edition.pages):
        grid = spec.grid
        ranges: dict[str, list[tuple[float, float]]] = {}
        for slot in spec.slots:
            left = grid.column_x(slot.column - 1)
            ranges.setdefault(slot.article, []).append(
                (left, left + grid.span_width(slot.span)))
        for item in page.items:
            if not isinstance(item, TextLine) or not item.article or \
                    (item.article in long and item.block.kind in HEADS):
                continue
            checked += 1
            for run in item.runs:
                for box, cluster, gid in zip(run.boxes(), run.clusters, run.gids):
                    extra = allowance(cluster, run.size, False) + SLACK
                    if box[0] == box[2] and run.face is not None and not item.vertical:
                        box = ink(run.face, gid, box[0], run.size)
                        extra += 0.01
                    assert any(lo - extra <= box[0] and box[2] <= hi + extra
                               for lo, hi in ranges[item.article]), \
                        (item.article, item.block.kind, item.text, cluster, box,
                         ranges[item.article])
    return checked


def printed(kind: str, photo_area: bool, photo: dict) -> set[str]:
    """The fields of an article that layout prints, by its kind.  What the others hold is
    printed but said to be left out (a banner prints its kicker, headline and
    subheadline, and warns that the rest is not printed; an article's pictures print only
    in a slot with a photo area, else a warning says they are not printed), or printed
    only in some cases (a photo item's paragraphs when its picture has no caption)."""
    if kind == "banner":
        return {"kicker", "headline", "subheadline"}
    if kind == "photo":
        return {"headline", "credit", "caption" if photo.get("caption") else "paragraph"}
    fields = set(FIELDS) | {"paragraph", "subhead"}
    return fields | {"caption", "credit"} if photo_area else fields


def texts(files: dict[str, dict]):
    """(article id, field, text) of every text of the edition's articles that layout
    prints, as written."""
    areas = {s["article"] for s in files["pages/p01.yaml"]["slots"] if s.get("photo")}
    for name, data in files.items():
        if not name.startswith("articles/"):
            continue
        photo = (data.get("photos") or [{}])[0]
        fields = printed(data["kind"], data["id"] in areas, photo)
        found = [(f, data[f]) for f in FIELDS if data.get(f)]
        for item in data.get("paragraphs", []):
            found.append(("subhead", item["subhead"]) if isinstance(item, dict)
                         else ("paragraph", item))
        found += [(f, photo[f]) for f in ("caption", "credit") if photo.get(f)]
        for field, text in found:
            if field in fields:
                yield data["id"], field, text


def check_characters(files: dict[str, dict], out: Path) -> int:
    """Every character of every article printed in full is in the edition PDF's text or
    named by its code point in the report; returns how many characters were checked."""
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    whole = {ident for ident, a in report["articles"].items()
             if not a.get("overset_lines") and not a.get("overset_chars")}
    # -raw: without it pdftotext drops a hyphen that ends a line when it joins lines
    pdf = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(out / "edition.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    printed = set(pdf)
    reported = json.dumps(report["diagnostics"], ensure_ascii=False)
    checked, lost = 0, set()
    for ident, field, text in texts(files):
        if ident not in whole:
            continue
        for ch in text:
            if ch.isspace() or (field in FIELDS[:3] and ch in HEADLINE_MARKS):
                continue
            checked += 1
            if ch not in printed and f"U+{ord(ch):04X}" not in reported:
                lost.add((ident, field, f"U+{ord(ch):04X}", ch))
    assert not lost, sorted(lost)
    return checked


@fuzz()
@given(files=edition())
def test_hostile_editions_build_or_fail_cleanly(files, scratch):
    folder = Path(tempfile.mkdtemp(dir=scratch))
    try:
        write(folder / "ed", files, picture())
        out = folder / "out"
        status, err, composed = build(folder / "ed", out)
        assert status in (0, 1, 3), err
        assert _consistent(out)
        if status == 3:
            check_failure(status, err)
            event("press gate, then --draft")
            status, err, composed = build(folder / "ed", out, "--draft")
            assert status == 0, err
            assert _consistent(out)
        if status == 1:
            check_failure(status, err)
            return
        assert "Traceback" not in err
        lines = check_lines(composed)
        chars = check_characters(files, out)
        event(f"text lines: {'<20' if lines < 20 else '20-59' if lines < 60 else '60+'}")
        event(f"characters checked: {'<200' if chars < 200 else '200+'}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@fuzz()
@given(files=edition(), data=st.data())
def test_damaged_files_fail_in_one_line_and_keep_the_earlier_set(files, data, scratch):
    folder = Path(tempfile.mkdtemp(dir=scratch))
    try:
        ed, out = write(folder / "ed", files, picture()), folder / "out"
        first, _, _ = build(ed, out, "--draft")
        assert first in (0, 1)
        name, damaged, how = data.draw(mutated(files), label="damage")
        event(how.split()[0])
        (ed / name).write_bytes(damaged)
        status, err, composed = build(ed, out, "--draft")
        assert status in (0, 1), err
        assert _consistent(out)
        if status == 1:
            check_failure(status, err)
            assert len([l for l in err.splitlines() if "error:" in l]) == 1, err
        else:
            assert "Traceback" not in err
            check_lines(composed)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

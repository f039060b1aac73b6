"""Issue 14's text failures, each built as an edition: decomposed accents, zero-width and
bidi characters, emoji, a 30-digit number and a 45-letter word — the PDF, its text, the
page model and the report checked."""

from __future__ import annotations

import json
import subprocess

from layout.cli import main
from tests.conftest import ARTICLES, write_edition
from tests.fuzz.test_editions import build, check_lines

WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"
NUMBER = "123456789012345678901234567890"


def _edition(tmp_path, paragraphs, headline=None):
    lead = dict(ARTICLES["lead"], paragraphs=paragraphs)
    if headline:
        lead["headline"] = headline
    side = dict(ARTICLES["side"])
    return write_edition(tmp_path / "ed", articles={"lead": lead, "side": side}, slots=[
        {"article": "lead", "column": 1, "span": 2, "top": 0, "height": 40},
        {"article": "side", "column": 5, "span": 2, "top": 0, "height": 30}])


def _built(tmp_path, paragraphs, headline=None):
    out = tmp_path / "out"
    status, err, composed = build(_edition(tmp_path, paragraphs, headline), out, "--draft")
    assert status == 0, err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out / "page-03.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    return composed, report, text, err


def _codes(report, code):
    return [d for d in report["diagnostics"] if d["code"] == code]


def test_a_decomposed_accent_builds_and_copies_as_written(tmp_path):
    # issue 14: cafe + U+0301 stopped the build with an IndexError in the PDF writer
    composed, report, text, _ = _built(
        tmp_path, ["咖啡馆cafe\u0301的招牌，ẹ\u0301与q\u0301和x\u0323\u0301。"],
        headline="cafe\u0301开业")
    assert "café" in text and "q" in text and "\u0301" in text and "\u0323" in text
    note, = _codes(report, "text-normalised")
    assert note["severity"] == "info" and note["article"] == "lead"
    assert "U+0065 U+0301 → é" in note["message"]
    runs = [r for p in composed.pages for r in p.runs() if "\u0301" in "".join(r.clusters)]
    assert runs                              # the marks are glyphs of their own,
    q = next(r for r in runs if r.clusters == ("\u0301",) and r.y < r.y + 1)
    assert q.gids[0] != 0                    # drawn by the face, never a box
    check_lines(composed)


def test_format_characters_are_dropped_with_one_note_never_drawn_as_boxes(tmp_path):
    # issue 14: U+200B and U+200D were drawn as crossed boxes, with no warning
    composed, report, text, _ = _built(
        tmp_path, ["零宽\u200b空格\u200d连接\u2060词\ufeff和\u200e方向\u202a控制\u202c符号。"])
    assert "零宽空格连接词和方向控制符号" in text.replace("\n", "")
    note, = _codes(report, "format-dropped")
    assert note["article"] == "lead" and "U+200B" in note["message"] and \
        "U+202C" in note["message"]
    assert not _codes(report, "missing-glyph")
    assert all(r.face is not None for p in composed.pages for r in p.runs())


def test_emoji_print_from_the_fallback_font_and_sequences_are_named(tmp_path):
    composed, report, text, _ = _built(
        tmp_path, ["表情😀👍🏽👨\u200d👩\u200d👧🇨🇳❤\ufe0f☀★✓和符号。"])
    assert not _codes(report, "missing-glyph")
    faces = {c[:1]: r.face.name for p in composed.pages for r in p.runs()
             for c in r.clusters if r.face and c[:1] in "😀👍👨🇨"}
    assert set(faces) == set("😀👍👨🇨") and "Symbola" in faces.values()
    warning, = _codes(report, "emoji-sequence")
    assert "U+1F3FD" in warning["message"] and "prints as its parts" in warning["message"]
    for emoji in ("😀", "👍", "👨", "👩", "👧", "★"):
        assert emoji in text


def test_a_character_in_no_font_is_named_and_stops_the_press(tmp_path):
    out = tmp_path / "out"
    ed = _edition(tmp_path, ["新的表情🫠不在字体里。"])
    status, err, _ = build(ed, out)
    assert status == 3
    assert "U+1FAE0" in err and "[article lead]" in err


def test_the_long_number_and_word_stay_in_their_column(tmp_path):
    # issue 14: both ran up to 144 pt past the column edge, over the next column
    composed, report, text, err = _built(
        tmp_path, [f"编号{NUMBER}是三十位数字。", f"{WORD}是一个四十五字母的单词。"])
    assert check_lines(composed) > 4
    lines = [l for p in composed.pages for l in p.lines("lead")]
    body = "".join(l.text + l.joiner for l in lines if l.block.kind == "paragraph")
    assert NUMBER in body and WORD in body          # the hyphen is not in the text
    assert "-" not in text.replace(" ", "")         # nor in the PDF's
    cut = [l for l in lines if any(c == "" for r in l.runs for c in r.clusters)]
    assert cut and all(l.text[-1].isalpha() for l in cut)     # a hyphen drawn, not text
    warning, = _codes(report, "number-cut")
    assert warning["article"] == "lead" and "1234567890" in warning["message"]
    assert "number-cut" not in err or "warning" in err


def test_the_page_images_show_no_boxes_and_no_overprinted_column(tmp_path):
    """The rendered page: the column to the right of the hostile text stays white."""
    out = tmp_path / "out"
    status, _, composed = build(_edition(tmp_path, [f"编号{NUMBER}{WORD}。"]), out,
                                "--draft")
    assert status == 0
    grid = composed.edition.pages[0].grid
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", "1", "-l", "1", "-cropbox",
                    str(out / "page-03.pdf"), str(tmp_path / "page")], check=True)
    from PIL import Image
    im = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    bleed = (im.width - composed.pages[0].width) / 2
    x0 = int(bleed + grid.column_x(2) + 1)          # the empty third column
    x1 = int(bleed + grid.column_x(3) - grid.gutter - 1)
    y0, y1 = int(bleed + grid.line_top(0)), int(bleed + grid.line_top(40))
    assert im.crop((x0, y0, x1, y1)).getextrema()[0] > 200


def test_a_main_build_of_the_stress_seed_is_unchanged_by_the_fallback_font(tmp_path):
    assert main(["build", "seeds/stress", "--out", str(tmp_path / "o"), "--quiet"]) == 0

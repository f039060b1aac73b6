"""A line never runs past its column by more than the hanging-punctuation allowance, and no
character is lost: a property over random hostile strings (long words and numbers, mixed
scripts, punctuation runs, combining marks, emoji, format characters, rare ideographs),
set in columns down to 4 characters with the real fonts of the packaged font set, and
checked on the page model's glyph boxes."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.compose.context import Context
from layout.diagnostics import Sink
from layout.display import BlockId
from layout.fonts import FontLibrary
from layout.fonts.chain import FontChain
from layout.spec.grid import resolve_grid
from layout.spec.model import PageSpec, StyleSheet
from layout.text.classes import BLANKS, HANGABLE, C, classify
from layout.text.clean import clean_text

ROOT = Path(__file__).resolve().parents[2]
SIZE = 9.0
SLACK = 0.002           # pt: rounding of the page model's coordinates


@cache
def context(hanging: bool) -> Context:
    """The packaged style sheet's defaults and font set, on a tabloid page's grid."""
    roles = yaml.safe_load((ROOT / "fonts" / "fonts.yaml").read_text())["roles"]
    library = FontLibrary()
    chains = {role: FontChain(role, [library.find(spec) for spec in specs])
              for role, specs in roles.items()}
    style = StyleSheet()
    style = replace(style, typography=replace(style.typography, hanging=hanging))
    grid = resolve_grid(PageSpec(number=1, size="tabloid"), header=True)
    return Context(style, chains, Sink(), grid)


IDEOGRAPHS = "工会职工活动开展关心关爱干部北京市总海淀区新就业形态劳动者"
RARE = "𠀀𠮷𡃁𪜀𫝀𫠠𬺰𰀀𱍐\U00031350"              # Ext-B to Ext-H
MARKS = [chr(c) for c in range(0x300, 0x370)] + ["\u20e3", "\u0323\u0301"]
WORDS = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1,
                max_size=60)
TOKENS = st.one_of(
    st.sampled_from(IDEOGRAPHS), st.sampled_from(IDEOGRAPHS), st.sampled_from(RARE),
    st.sampled_from("，。、；：？！“”‘’（）《》【】…—·％℃￥"),
    st.sampled_from(["——", "……", "。。。。", "！！！！！", "？！？！"]),
    WORDS, WORDS,
    st.from_regex(r"[0-9]{1,45}", fullmatch=True),
    st.from_regex(r"[0-9]{1,4}(,[0-9]{3}){1,8}(\.[0-9]{1,12})?", fullmatch=True),
    st.from_regex(r"https?://[a-z]{1,12}(\.[a-z]{2,8}){1,3}(/[a-z0-9_]{1,12}){0,6}",
                  fullmatch=True),
    st.text("!?.,;:-_/\\*#@&%$()[]{}<>\"'=+~^|", min_size=1, max_size=40),
    st.text("αβγδεζηθλμπσωабвгдежзийклмнопрстуфхцчшщъыьэюя", min_size=1, max_size=30),
    st.text("한국어조선말ひらがなカタカナ", min_size=1, max_size=12),
    st.text("العربيةעברית", min_size=1, max_size=12),
    st.tuples(st.sampled_from("aeiouqxzAEIOU"), st.lists(st.sampled_from(MARKS),
                                                         min_size=1, max_size=3)
              ).map(lambda t: t[0] + "".join(t[1])),
    st.sampled_from(["😀", "👍🏽", "👨\u200d👩\u200d👧", "🇨🇳", "❤\ufe0f", "☀", "★", "✓",
                     "1\ufe0f\u20e3", "🫠", "\U0001F3F4\U000E0067\U000E0062\U000E007F"]),
    st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e",
                     "\u202e", "\u2066", "\u2069"]),
    st.sampled_from([chr(c) for c in range(0xE000, 0xE010)]),         # private use
    st.just(" "), st.just(" "),
)
TEXTS = st.lists(TOKENS, min_size=1, max_size=40).map("".join)
RUN = settings(max_examples=500, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def allowance(cluster: str, size: float, hanging: bool) -> float:
    """How far a glyph's em box may reach past a column edge: a mark hung past it (，。、
    when the style hangs punctuation) by its em, a mark whose blank half was squeezed at
    a line end or start by that half; nothing else at all."""
    if hanging and cluster in HANGABLE:
        return size
    if cluster and classify(cluster[0]) in BLANKS["gb"]:
        return size / 2
    return 0.0


def ink(key, gid: int, x: float, size: float) -> tuple[float, float, float, float]:
    """The horizontal extent of a glyph's ink drawn at ``x`` (a combining mark, which has
    no advance of its own: its em box says nothing)."""
    face = FontLibrary().face(Path(key.file), key.index)
    box = face.hb_font.get_glyph_extents(gid)
    if box is None:
        return (x, 0.0, x, 0.0)
    scale = size / face.units_per_em
    left = x + box.x_bearing * scale
    return (left, 0.0, left + box.width * scale, 0.0)


def _check(text: str, chars: int, hanging: bool, name: str = "body") -> None:
    ctx = context(hanging)
    clean = clean_text(text)
    body = clean.strip(" \t\u3000\u00a0")
    if not body:
        return
    width = chars * SIZE
    lines = ctx.set_text([ctx.span(clean, name)], width, name=name)
    assert "".join(l.text + l.dropped for l in lines) == body       # nothing lost
    x0 = 100.0
    for n, line in enumerate(lines):
        tl = ctx.text_line(line, x0, 200.0 + n * 13.5, BlockId("a", "paragraph"), n)
        for run in tl.runs:
            for box, cluster, gid in zip(run.boxes(), run.clusters, run.gids):
                extra = allowance(cluster, run.size, hanging) + SLACK
                if box[0] == box[2] and run.face is not None:     # a mark: its ink
                    box = ink(run.face, gid, box[0], run.size)
                    extra += 0.01                     # its extents are in font units
                right = x0 + width + extra
                assert box[0] >= x0 - extra and box[2] <= right, \
                    (chars, tl.text, cluster, box, right)
        glyphs = sorted((s, c) for run in tl.runs for s, c in zip(run.starts, run.clusters))
        drawn = "".join(p.atom.text for p in line.items if p.atom.cls is not C.SP)
        assert "".join(c for _, c in glyphs) == drawn      # every character has its glyph


@RUN
@given(TEXTS, st.integers(min_value=4, max_value=13), st.booleans())
def test_no_line_runs_past_its_column_and_nothing_is_lost(text, chars, hanging):
    _check(text, chars, hanging)


@RUN
@given(TEXTS, st.integers(min_value=4, max_value=8))
def test_captions_in_narrow_columns_too(text, chars):
    _check(text, chars, False, "caption")


def test_the_issue_measurements_hold():
    """Issue 14: a 30-digit number or a 45-letter word ran 144 pt past the column edge."""
    for text in ("编号123456789012345678901234567890是三十位数字。",
                 "Pneumonoultramicroscopicsilicovolcanoconiosis是一个四十五字母的单词。"):
        for chars in (4, 5, 11, 13):
            _check(text, chars, False)
            _check(text, chars, True)

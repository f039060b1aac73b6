"""Finding faces, fallback chains and the cached embeddable subsets."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from layout.diagnostics import EpaperError
from layout.fonts import FontChain, FontLibrary

NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
TEXT = "市直机关工会开展关心关爱干部职工活动，“送温暖”2024年。"


@pytest.fixture
def library(tmp_path):
    return FontLibrary(tmp_path / "cache")


def test_family_name_through_fontconfig(library):
    face = library.find("Noto Serif CJK SC")
    assert face.path.name == "NotoSerifCJK-Regular.ttc"
    assert face.postscript_name == "NotoSerifCJKsc-Regular"
    assert face.is_cff and face.units_per_em == 1000
    assert library.find("Noto Serif CJK SC:style=Bold").postscript_name == \
        "NotoSerifCJKsc-Bold"


def test_collection_member_by_index_and_by_name(library):
    by_index = library.find(f"{NOTO_SERIF}#3")
    by_name = library.find(f"{NOTO_SERIF}#Noto Serif CJK TC")
    assert by_index == by_name
    assert by_index.postscript_name == "NotoSerifCJKtc-Regular"
    assert by_index != library.find(f"{NOTO_SERIF}#2")


def test_relative_file_path(library, tmp_path):
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "kai.ttf").symlink_to(WENKAI)
    face = library.find("kai.ttf", base_dir=folder)
    assert not face.is_cff and face.family == "LXGW WenKai"


@pytest.mark.parametrize("spec, words", [
    ("No Such Family Sans", "not installed"),
    ("Noto Serif CJK SC:style=Hairline", "no style"),
    ("missing/font.ttf", "does not exist"),
    (f"{NOTO_SERIF}#99", "#99 does not exist"),
    (f"{NOTO_SERIF}#Comic Sans", "no face named"),
])
def test_fonts_that_are_not_there_fail_clearly(library, spec, words):
    with pytest.raises(EpaperError) as err:
        library.find(spec)
    assert err.value.diagnostic.code == "font-not-found"
    assert words in err.value.diagnostic.message


def test_chain_falls_back_to_the_first_face_that_has_the_character(library):
    chain = FontChain("song", [library.find("Noto Serif CJK SC"), library.find("HanaMinA")])
    assert chain.face_for("工").postscript_name == "NotoSerifCJKsc-Regular"
    assert chain.face_for("𪚥").postscript_name == "HanaMinA"
    assert chain.face_for("\U000323AF") is None
    assert chain.missing("工𪚥\U000323AF工\U000323AF") == ["\U000323AF"]
    runs = chain.runs("工𪚥工")
    assert [(f.postscript_name, t) for f, t in runs] == [
        ("NotoSerifCJKsc-Regular", "工"), ("HanaMinA", "𪚥"), ("NotoSerifCJKsc-Regular", "工")]


def test_advances_are_in_em(library):
    face = library.find("Noto Serif CJK SC")
    assert face.advance("工") == 1.0
    assert face.advance("，") == 1.0
    assert 0.3 < face.advance("1") < 0.7


def test_cff_subset_is_truetype_with_the_same_glyphs_and_widths(library):
    face = library.find("Noto Serif CJK SC")
    path = library.embeddable(face, TEXT)
    font = TTFont(str(path))
    assert "glyf" in font and "CFF " not in font
    cmap = font.getBestCmap()
    assert {chr(c) for c in cmap} >= set(TEXT)
    assert len(cmap) < 100
    hmtx = font["hmtx"].metrics
    for ch in set(TEXT):
        assert hmtx[cmap[ord(ch)]][0] / font["head"].unitsPerEm == face.advance(ch)
    glyph = font["glyf"][cmap[ord("工")]]
    assert glyph.numberOfContours > 0


def test_subsets_are_cached_and_deterministic(tmp_path):
    first, second = FontLibrary(tmp_path / "a"), FontLibrary(tmp_path / "b")
    a = first.embeddable(first.find("Noto Serif CJK SC"), TEXT)
    again = first.embeddable(first.find("Noto Serif CJK SC"), TEXT[::-1])
    assert a == again
    assert first.stats == {"cache_hits": 1, "cache_misses": 1}
    b = second.embeddable(second.find("Noto Serif CJK SC"), TEXT)
    assert a.read_bytes() == b.read_bytes()


def test_concurrent_builds_share_the_cache_safely(tmp_path):
    libraries = [FontLibrary(tmp_path / "shared") for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        paths = list(pool.map(lambda lib: lib.embeddable(lib.find(WENKAI), TEXT), libraries))
    assert len(set(paths)) == 1
    TTFont(str(paths[0]))  # complete and readable
    leftovers = [p for p in os.listdir(paths[0].parent) if p.startswith(".tmp-")]
    assert leftovers == []


def test_a_font_that_forbids_embedding_is_refused_clearly(library, tmp_path):
    font = TTFont(WENKAI)
    font["OS/2"].fsType = 0x0002                      # restricted licence embedding
    path = tmp_path / "restricted.ttf"
    font.save(str(path))
    face = library.find(str(path))
    with pytest.raises(EpaperError) as err:
        library.embeddable(face, TEXT)
    assert err.value.diagnostic.code == "font-not-embeddable"
    assert "fsType 0x0002" in err.value.diagnostic.message


def test_vertical_face_draws_the_fonts_vertical_alternates(library):
    from layout.fonts.vertical import VerticalFace
    face = library.find("Noto Serif CJK SC:style=Bold")
    vertical = VerticalFace(face)
    assert vertical != face and vertical.key != face.key
    assert vertical.has_vertical("，") and vertical.has_vertical("（")
    assert not vertical.has_vertical("工")
    plain = TTFont(str(library.embeddable(face, "工，（")))
    turned = TTFont(str(library.embeddable(vertical, "工，（")))
    pc, tc = plain.getBestCmap(), turned.getBestCmap()
    assert set(pc) == set(tc)                          # the same characters …

    def box(font, cmap, ch):
        g = font["glyf"][cmap[ord(ch)]]
        return (g.xMin, g.yMin, g.xMax, g.yMax)
    assert box(plain, pc, "工") == box(turned, tc, "工")
    comma_h, comma_v = box(plain, pc, "，"), box(turned, tc, "，")
    assert comma_v[0] > comma_h[2] - 100 and comma_v[1] > comma_h[3]   # … moved up, right
    paren_h, paren_v = box(plain, pc, "（"), box(turned, tc, "（")
    assert paren_v[2] - paren_v[0] > paren_h[2] - paren_h[0]           # … turned on its side
    assert turned["name"].getDebugName(6).endswith("-Vert")

"""Finding faces, fallback chains, glyph ids and the embeddable subsets."""

from __future__ import annotations


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


def test_fontconfig_answers_are_kept_between_builds(tmp_path, monkeypatch):
    import subprocess
    asked = []
    run = subprocess.run

    def counting(cmd, *args, **kwargs):
        asked.append(cmd[-1])
        return run(cmd, *args, **kwargs)
    monkeypatch.setattr(subprocess, "run", counting)
    cache = tmp_path / "cache"
    first = FontLibrary(cache).find("Noto Serif CJK SC:style=Bold")
    assert asked == ["Noto Serif CJK SC:style=Bold"]
    # a later build with the same cache: the same face, fc-match not run
    assert FontLibrary(cache).find("Noto Serif CJK SC:style=Bold").path == first.path
    assert len(asked) == 1
    # a damaged cache file is asked again, and mended
    (cache / "fontconfig.json").write_text('{"state": [1, 2', encoding="utf-8")
    assert FontLibrary(cache).find("Noto Serif CJK SC:style=Bold").path == first.path
    assert len(asked) == 2
    assert FontLibrary(cache).find("Noto Serif CJK SC:style=Bold").path == first.path
    assert len(asked) == 2
    # a family not installed: fontconfig's stand-in is kept, and still refused
    for _ in range(2):
        with pytest.raises(EpaperError) as err:
            FontLibrary(cache).find("No Such Family Sans")
        assert "not installed" in err.value.diagnostic.message
    assert len(asked) == 3


def test_font_file_digests_are_kept_by_the_file_s_state(tmp_path, monkeypatch):
    import shutil

    from layout.fonts import face as face_module
    from layout.spec.inputs import sha256_file
    font = tmp_path / "kai.ttf"
    shutil.copy(WENKAI, font)
    cache = tmp_path / "cache"
    first = FontLibrary(cache).find(str(font))
    assert first.sha256 == sha256_file(font)
    read = []
    monkeypatch.setattr(face_module, "_HASHES", {})
    monkeypatch.setattr("layout.spec.inputs.sha256_file",
                        lambda path: read.append(path) or sha256_file(path))
    assert FontLibrary(cache).find(str(font)).sha256 == first.sha256 and read == []
    # the file changed (size and time): read again, the new digest
    font.write_bytes(font.read_bytes() + b"\0\0\0\0")
    again = FontLibrary(cache).find(str(font))
    assert read == [font] and again.sha256 == sha256_file(font) != first.sha256


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


def _gids(face, text):
    return {face.gid(ch) for ch in text}


def test_cff_subset_stays_cid_keyed_cff_with_the_same_glyphs_and_widths(library):
    from io import BytesIO

    from fontTools.cffLib import CFFFontSet
    from layout.fonts.subset import subset
    face = library.find("Noto Serif CJK SC")
    cut = subset(face, _gids(face, TEXT))
    assert cut.kind == "cff" and cut.registry == ("Adobe", "Identity", 0)
    cff = CFFFontSet()
    cff.decompile(BytesIO(cut.program), None)
    top = cff.topDictIndex[0]
    assert hasattr(top, "ROS") and len(top.CharStrings) == len(set(TEXT)) + 1   # .notdef
    cids = {int(name[3:]) for name in top.charset if name != ".notdef"}
    assert cids == {cut.codes[face.gid(ch)] for ch in set(TEXT)}
    for ch in set(TEXT):
        assert cut.widths[cut.codes[face.gid(ch)]] == face.advance(ch) * 1000
    assert len(cut.program) < 60_000                 # a few dozen glyphs, not the face


def test_truetype_subset_keeps_outlines_and_widths(library):
    from io import BytesIO
    from layout.fonts.subset import subset
    face = library.find(WENKAI)
    cut = subset(face, _gids(face, TEXT))
    assert cut.kind == "truetype"
    font = TTFont(BytesIO(cut.program))
    order = font.getGlyphOrder()
    upem = font["head"].unitsPerEm
    for ch in set(TEXT):
        name = order[cut.codes[face.gid(ch)]]
        assert font["hmtx"][name][0] / upem == face.advance(ch)
        assert font["glyf"][name].numberOfContours > 0
    assert len(order) < 100


def test_subsets_are_deterministic_and_named_by_their_glyphs(tmp_path):
    from layout.fonts.subset import subset
    first, second = FontLibrary(tmp_path / "a"), FontLibrary(tmp_path / "b")
    a = first.find("Noto Serif CJK SC")
    b = second.find("Noto Serif CJK SC")
    one, again = subset(a, _gids(a, TEXT)), subset(b, _gids(b, TEXT[::-1]))
    assert one.program == again.program and one.tag == again.tag
    other = subset(a, _gids(a, TEXT + "另"))
    assert other.tag != one.tag and len(one.tag) == 6 and one.tag.isupper()


def test_a_font_that_forbids_embedding_is_refused_clearly(library, tmp_path):
    from layout.fonts.subset import subset
    font = TTFont(WENKAI)
    font["OS/2"].fsType = 0x0002                      # restricted licence embedding
    path = tmp_path / "restricted.ttf"
    font.save(str(path))
    face = library.find(str(path))
    with pytest.raises(EpaperError) as err:
        subset(face, _gids(face, TEXT))
    assert err.value.diagnostic.code == "font-not-embeddable"
    assert "fsType 0x0002" in err.value.diagnostic.message


def test_vertical_glyphs_are_the_fonts_vertical_alternates(library):
    face = library.find("Noto Serif CJK SC:style=Bold")
    comma, paren = face.vertical_gid("，"), face.vertical_gid("（")
    assert comma not in (None, face.gid("，")) and paren not in (None, face.gid("（"))
    assert face.vertical_gid("工") is None

    def box(gid):
        e = face.hb_font.get_glyph_extents(gid)
        return (e.x_bearing, e.y_bearing + e.height, e.x_bearing + e.width, e.y_bearing)
    comma_h, comma_v = box(face.gid("，")), box(comma)
    assert comma_v[0] > comma_h[2] - 100 and comma_v[1] > comma_h[3]   # moved up, right
    paren_h, paren_v = box(face.gid("（")), box(paren)
    assert paren_v[2] - paren_v[0] > paren_h[2] - paren_h[0]           # turned on its side

"""Words and numbers wider than the column: where they may be cut, and how the breaker
uses those places (real fonts: Noto Serif CJK SC at 9 pt)."""

from __future__ import annotations

from layout.text.breakup import cut_kinds, split, split_long
from layout.text.classes import C
from layout.text.justify import set_paragraph
from layout.text.linebreak import Params
from layout.text.prepare import prepare, to_units
from tests.text.fonts import span

SIZE = 9.0
EM = to_units(SIZE)
PARAMS = Params(max_stretch=to_units(SIZE * 0.25), max_shrink=to_units(SIZE * 0.05))
WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"     # 45 letters
NUMBER = "123456789012345678901234567890"                   # 30 digits


def test_a_long_number_is_cut_between_groups_of_three_from_the_right():
    kinds = cut_kinds("1234567")
    assert kinds == ["digits", "digit", "digit", "digits", "digit", "digit"]
    # the decimals of a number are grouped from the point
    assert cut_kinds("12.345678")[3:] == ["digit", "digit", "digits", "digit", "digit"]
    assert cut_kinds("1,234,567")[1] == "digits"          # after a thousands separator


def test_a_word_is_cut_at_its_syllables_else_anywhere():
    kinds = cut_kinds("international")                     # in-ter-na-tion-al
    cuts = [k + 1 for k, kind in enumerate(kinds) if kind == "hyphen"]
    assert cuts == [2, 5, 7, 11]
    assert set(cut_kinds("xxxxxxxxx")) == {"letter"}
    assert cut_kinds("well-known")[4] == "after-hyphen"
    assert set(cut_kinds("!!!!")) == {"char"}


def test_pieces_keep_the_word_whole_and_only_syllable_cuts_draw_a_hyphen():
    atom, = prepare([span(WORD, SIZE)])
    pieces = split(atom)
    assert "".join(p.text for p in pieces) == WORD
    assert sum(p.width for p in pieces) == atom.width
    assert [p.cls for p in pieces] == [C.LX] * 44 + [C.LT]
    assert all(p.hyphen > 0 for p in pieces if p.cut in ("hyphen", "letter"))
    assert pieces[-1].hyphen == 0


def test_only_atoms_wider_than_the_column_are_cut():
    atoms = prepare([span(f"工会{WORD}和international", SIZE)])
    out = split_long(atoms, [13 * EM - 2 * EM, 13 * EM])
    assert [a.text for a in out if a.cls is C.LT] == ["s", "international"]
    assert split_long(atoms, [80 * EM]) is atoms


def _set(text: str, chars: int):
    measure = chars * EM
    return set_paragraph(prepare([span(text, SIZE)]), [measure - 2 * EM, measure], PARAMS)


def test_the_45_letter_word_is_hyphenated_at_syllables_within_the_column():
    # issue 14: it ran 144 pt past its column edge and over the next column
    for chars in (4, 6, 11, 13):
        lines = _set(f"这个词{WORD}是一个四十五字母的单词。", chars)
        assert "".join(l.text + l.dropped for l in lines) == \
            f"这个词{WORD}是一个四十五字母的单词。"
        for line in lines:
            assert line.width <= line.measure, (chars, line.text)
        cut = [l for l in lines if l.hyphen]
        assert cut and all(l.items[-1].atom.cut == "hyphen" for l in cut if chars >= 6)


def test_the_30_digit_number_is_cut_between_digit_groups_within_the_column():
    for chars in (4, 6, 11, 13):
        lines = _set(f"编号{NUMBER}是三十位数字。", chars)
        assert "".join(l.text for l in lines) == f"编号{NUMBER}是三十位数字。"
        for line in lines:
            assert line.width <= line.measure
            assert not line.hyphen               # digits are cut without a hyphen
        ends = [l.items[-1].atom for l in lines[:-1] if l.items[-1].atom.cls is C.LX]
        assert ends and all(a.cut == "digits" for a in ends)


def test_a_word_that_fits_is_never_cut():
    lines = _set("工会" * 5 + "international cooperation " * 3 + "工会" * 5, 13)
    assert not any(l.hyphen for l in lines)
    assert all(l.items[-1].atom.cls is not C.LX for l in lines)

"""Chinese text-layout rules as data: character classes, break prohibitions, punctuation
blanks by style (GB / CNS) and the adjustments of consecutive punctuation (clreq §3)."""

from __future__ import annotations

import enum
import unicodedata
from functools import lru_cache


class C(enum.Enum):
    """Character classes the line breaker and the justifier know."""

    ID = "ideograph"        # ideographs, kana, hangul, full-width letters: one em, breakable
    OP = "opening"          # opening brackets and quotes: never at a line end
    CL = "closing"          # closing brackets and quotes: never at a line start
    ST = "stop"             # pause and stop marks: never at a line start
    MD = "middle-dot"       # middle dots: never at a line start
    NS = "non-starter"      # iteration marks, small kana, prolonged sound mark
    DA = "dash"             # ellipsis and dash (always in inseparable pairs)
    UN = "unit"             # % ‰ ℃ ° after a number: never at a line start
    CU = "currency"         # ¥ $ before a number: never at a line end
    LT = "latin"            # a Latin word or a number: one unbreakable atom
    LX = "latin-part"       # a piece of a long URL, e-mail or path: a line may end after it
    SP = "space"            # a space: a break opportunity, dropped at a line edge
    MK = "mark"             # combining marks and variation selectors (stay with their base)

    # members are singletons: hash them by identity, not by name (the breaker looks
    # classes up in tables for every pair of atoms)
    __hash__ = object.__hash__


OPENING = "（［｛〔〈《「『【〘〖〝‘“｟«"
CLOSING = "）］｝〕〉》」』】〙〗〟’”｠»"
STOPS = "，。、；：？！．｡､"
MIDDLE_DOTS = "·・‧"
NON_STARTERS = ("々〻〃ヽヾゝゞー"
                "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ")
DASHES = "…‥—―～〜"
UNITS = "％‰℃°′″"
CURRENCY = "￥¥＄$£€"
#: Pairs of dashes/ellipses that form one mark and never separate.
PAIRED = frozenset({"——", "……", "――", "‥‥"})
#: Characters that continue a Latin word or number when between word characters.
WORD_JOINERS = frozenset(".,:/-_@#%&+=?~'’")

_TABLE: dict[str, C] = {}
for _chars, _cls in ((OPENING, C.OP), (CLOSING, C.CL), (STOPS, C.ST), (MIDDLE_DOTS, C.MD),
                     (NON_STARTERS, C.NS), (DASHES, C.DA), (UNITS, C.UN), (CURRENCY, C.CU)):
    for _ch in _chars:
        _TABLE[_ch] = _cls

#: Classes that may not start a line (避头) and that may not end one (避尾).
NO_LINE_START = frozenset({C.CL, C.ST, C.MD, C.NS, C.DA, C.UN})
NO_LINE_END = frozenset({C.OP, C.CU})

#: Marks that may hang past the column edge when the style allows hanging punctuation.
HANGABLE = frozenset("，。、．")

#: Sentence-final marks: a paragraph's text ends a sentence when its last mark is one.
SENTENCE_FINAL = frozenset("。！？…")


@lru_cache(maxsize=1 << 16)
def classify(ch: str) -> C:
    """The class of one character."""
    cls = _TABLE.get(ch)
    if cls is not None:
        return cls
    if ch in " \t\u3000\u00a0":
        return C.SP
    cp = ord(ch)
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or unicodedata.combining(ch):
        return C.MK
    if cp < 0x2E80 and (ch.isalnum() or ch in "()[]{}<>\"'!?;,.:/-_@#%&+=*~^|\\"
                        or unicodedata.category(ch).startswith(("P", "S"))):
        return C.LT
    return C.ID


#: Latin-like classes: no space is added or taken between two of them (one word).
WORDLIKE = frozenset({C.LT, C.LX})

#: Where a long URL, e-mail address or path may be cut: after these characters.
URL_BREAK_AFTER = frozenset("/._@?&=#")   # never at a hyphen: it would read as one
#: A Latin word this long (in characters) containing URL_BREAK_AFTER characters may be cut.
URL_MIN_CHARS = 12


def can_break(before: C, after: C) -> bool:
    """May a line end between a character of class ``before`` and one of class ``after``?

    Spaces are break opportunities of their own and are handled by the breaker.
    """
    if before in NO_LINE_END or after in NO_LINE_START or after is C.MK:
        return False
    if before is C.LT and after in WORDLIKE:
        return False
    return before is not C.SP and after is not C.SP


def digit_group(text: str) -> bool:
    """A group of digits: several separated by single spaces form one number that stays on
    one line (8800 1234 5678)."""
    return text.isascii() and text.isdigit()


#: Extra cost of breaks that are allowed but second best, by kind (in demerits; a
#: tolerable line costs up to about 100, a prohibited break 10^12).
BREAK_PENALTY = {
    "url": 5_000,           # inside a URL or e-mail address, after / . - @ …
    "word-space": 400,      # at a space between two Latin words or numbers
}


#: Blank parts of a full-width mark's em box (left, right) in em, by punctuation style.
#: GB (mainland): pause and stop marks sit at the left; CNS (Taiwan, Hong Kong): centred.
BLANKS: dict[str, dict[C, tuple[float, float]]] = {
    "gb": {C.OP: (0.5, 0.0), C.CL: (0.0, 0.5), C.ST: (0.0, 0.5)},
    "cns": {C.OP: (0.5, 0.0), C.CL: (0.0, 0.5), C.ST: (0.25, 0.25)},
}

#: Consecutive punctuation (clreq 3.1.6): for a pair (first, second), which blank is removed
#: so that the two marks take 1.5 em: "first-right" squeezes the first mark's right blank,
#: "second-left" the second mark's left blank.
PAIR_SQUEEZE: dict[tuple[C, C], str] = {
    (C.CL, C.CL): "first-right", (C.CL, C.ST): "first-right", (C.ST, C.CL): "first-right",
    (C.ST, C.ST): "first-right", (C.CL, C.OP): "first-right", (C.ST, C.OP): "first-right",
    (C.OP, C.OP): "second-left",
}

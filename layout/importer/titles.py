"""Reading a title block — the short lines that start an item — into banner, kicker (引题),
headline (主题), subheadline (副题) and a byline given as a bare name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from layout.importer import rules as R
from layout.importer.classify import HALVES, ink

#: How much longer than every other line of the page's first title block its first line
#: must be to be the page's banner.
BANNER_RATIO = 1.25
#: Shortest banner (characters).
BANNER_MIN = 12


@dataclass
class TitleBlock:
    """The role of each line of a title block (indices into its lines) and why."""

    headline: int
    kickers: list[int] = field(default_factory=list)
    subheadlines: list[int] = field(default_factory=list)
    banner: int | None = None
    byline: int | None = None
    why: dict[int, str] = field(default_factory=dict)
    #: (code, message, index of the line, hint)
    notes: list[tuple[str, str, int, str]] = field(default_factory=list)


def banner_reason(texts: list[str], gap_after_first: int) -> str:
    """Why the first of ``texts`` (the page's first title block) is the page's banner; ""
    when it is not: it must be much longer than the other lines, and in two halves or set
    apart from them by blank lines."""
    first, rest = texts[0], texts[1:]
    if first.startswith(R.DASHES) or not rest:
        return ""
    own, longest = ink(first), max(ink(t) for t in rest)
    if own < BANNER_MIN or own < BANNER_RATIO * longest:
        return ""
    if HALVES.fullmatch(first):
        return "the page's first title, much longer than the headline and in two halves"
    if gap_after_first >= 2:
        return (f"the page's first title, much longer than the headline and "
                f"{gap_after_first} blank lines above it")
    return ""


def kicker_first(a: str, b: str, language: str) -> tuple[bool, str, bool]:
    """Of two title lines, is ``a`` the kicker above headline ``b`` (else ``a`` is the
    headline and ``b`` its deck)?  Also why, and whether it is a close call."""
    if a in R.KICKER_LABELS or re.fullmatch(r"[【\[].+[】\]]", a):
        return True, "a column label above the headline", False
    if language == "zh-Hant":
        return False, "traditional-script papers set the deck (副題) under the headline", False
    la, lb = ink(a), ink(b)
    close = abs(la - lb) <= max(2, 0.2 * max(la, lb))
    if la < lb:
        return True, "of two title lines the shorter first one is the kicker", close
    return False, "of two title lines the first is not shorter: the second is the deck", close


def read_title_block(texts: list[str], gaps: list[int], *, page_top: bool,
                     language: str) -> TitleBlock:
    """The roles of the lines ``texts`` of a title block (``gaps``: blank lines above
    each).  ``page_top``: the page's first block, whose first line may be the banner."""
    lines = list(range(len(texts)))
    byline = None
    if len(lines) >= 2 and R.BARE_NAME.fullmatch(texts[lines[-1]]):
        byline = lines.pop()
    banner = None
    if page_top and len(lines) >= 2:
        reason = banner_reason([texts[k] for k in lines], gaps[lines[1]])
        if reason:
            banner = lines.pop(0)
    dash = next((n for n, k in enumerate(lines) if n > 0 and texts[k].startswith(R.DASHES)),
                None)
    notes: list[tuple[str, str, int, str]] = []
    sub_why = "the line under the headline (副题)"
    kicker_why = "the line above the headline (引题)"
    if dash is not None:
        kickers, head, subs = lines[:dash - 1], lines[dash - 1], lines[dash:]
        sub_why = "a dash line under the headline (副题)"
    elif len(lines) == 1:
        kickers, head, subs = [], lines[0], []
    elif len(lines) == 2:
        a, b = lines
        first, order_why, close = kicker_first(texts[a], texts[b], language)
        kickers, head, subs = ([a], b, []) if first else ([], a, [b])
        sub_why = order_why
        kicker_why += f"; {order_why}"
        if close:
            notes.append(("headline-order", f"two title lines of similar length: "
                          f"“{texts[a]}” taken as {'the kicker' if first else 'the headline'}",
                          a, "if the other line is the headline, swap kicker, headline and "
                             "subheadline in the imported article"))
    else:
        kickers, head, subs = lines[:1], lines[1], lines[2:]
    block = TitleBlock(head, kickers, subs, banner, byline, notes=notes)
    block.why.update({k: kicker_why for k in kickers})
    block.why.update({k: sub_why for k in subs})
    if banner is not None:
        block.why[banner] = banner_reason([texts[k] for k in [banner, *lines]],
                                          gaps[lines[0]])
    if byline is not None:
        block.why[byline] = "a bare name as the last line of the title block"
        notes.append(("byline-guess", f"“{texts[byline]}” under the headline taken as its "
                      f"byline (a name on its own line)", byline,
                      "if it is part of the headline, edit the imported article"))
    return block

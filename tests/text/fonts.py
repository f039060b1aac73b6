"""Real font chains for text tests: the body role (Noto Serif CJK SC with its fallbacks)
and the caption role (LXGW WenKai first), as the default font set resolves them."""

from __future__ import annotations

from functools import cache

from layout.fonts import FontLibrary
from layout.fonts.chain import FontChain
from layout.text.prepare import Span


@cache
def chain(role: str = "song") -> FontChain:
    library = FontLibrary()
    specs = {"song": ["Noto Serif CJK SC", "HanaMinA"],
             "kai": ["LXGW WenKai", "Noto Serif CJK SC", "HanaMinA"]}[role]
    return FontChain(role, [library.find(spec) for spec in specs])


def span(text: str, size: float = 9.0, role: str = "song") -> Span:
    return Span(text, "body", chain(role), size)

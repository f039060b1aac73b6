"""What reading a page's text gives: its items, the role of every line, the page
furniture, and the ids items get in the edition."""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.spec.model import Subhead


@dataclass(frozen=True)
class Block:
    """One non-blank line of the input: the role it was given and the rule that gave it."""

    line: int
    text: str
    role: str        # banner kicker headline subheadline byline subhead paragraph
    #                  continuation caption credit editor_note lead dateline end furniture
    why: str
    item: int | None = None     # index of the item it went to; None for furniture


@dataclass(frozen=True)
class PhotoText:
    """A picture's caption and credit as the text gives them."""

    caption: str = ""
    credit: str = ""
    line: int = 0


@dataclass(frozen=True)
class ParsedItem:
    """One item of the page as read from its text."""

    kind: str                       # "article" | "photo" | "banner"
    headline: str
    line: int                       # 1-based line where the item starts
    kicker: str = ""
    subheadline: str = ""
    byline: str = ""
    byline_position: str | None = None      # "run_in" | "line"
    dateline: str = ""
    editor_note: str = ""
    lead: str = ""
    paragraphs: tuple[str | Subhead, ...] = ()
    photos: tuple[PhotoText, ...] = ()
    labels: tuple[str, ...] = ()    # text the styles print themselves (编者按：, 导语：)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(p for p in self.paragraphs if isinstance(p, str))


@dataclass(frozen=True)
class Furniture:
    """A line of page furniture and where it went."""

    line: int
    text: str
    place: str                      # "header" | "footer" | "reported"
    rule: str
    fields: tuple[tuple[str, str], ...] = ()     # header fields: (editor, 张三)
    data: tuple[tuple[str, str], ...] = ()       # page labels: (date, 2025-03-06) …


@dataclass(frozen=True)
class ParsedPage:
    items: tuple[ParsedItem, ...]
    blocks: tuple[Block, ...]
    furniture: tuple[Furniture, ...]
    language: str                   # "zh-Hans" | "zh-Hant"

    @property
    def header(self) -> dict[str, str]:
        """The page header's fields found in the text (editor, designer, …)."""
        out: dict[str, list[str]] = {}
        for f in self.furniture:
            for key, value in f.fields:
                out.setdefault(key, []).append(value)
        return {k: "、".join(v) for k, v in out.items()}

    @property
    def footer(self) -> tuple[str, ...]:
        return tuple(f.text for f in self.furniture if f.place == "footer")

    @property
    def labels(self) -> dict[str, str]:
        """What the text's page labels say (date, page, section)."""
        out: dict[str, str] = {}
        for f in self.furniture:
            for key, value in f.data:
                out.setdefault(key, value)
        return out


#: Id prefixes by item kind.
ID_PREFIX = {"article": "a", "photo": "photo", "banner": "banner"}


#: Every id :func:`make_id` gives matches this.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")


def make_id(item: ParsedItem, n: int) -> str:
    """A file-safe id for the ``n``-th item (0-based) of a page: ``a01``, ``photo07``, and
    ``banner`` for a banner at the top; distinct ``n`` give distinct ids."""
    if n < 0:
        raise ValueError(f"item index {n} must not be negative")
    prefix = ID_PREFIX.get(item.kind, "item")
    return "banner" if item.kind == "banner" and n == 0 else f"{prefix}{n + 1:02d}"

"""The first pass over a page's lines: page furniture taken out, lines joined into
paragraphs across column breaks (suspicious joins noted), every other line classified on
its own (title, byline, credit, caption, editor's note, …)."""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.importer import rules as R
from layout.importer.classify import (JOIN_CONTEXT, JOIN_RULES, balanced, closes,
                                      furniture_of, run_in, standalone, title_problem)
from layout.importer.page import Furniture


@dataclass
class Line:
    """One non-blank line of the text."""

    text: str
    line: int
    gap: int            # blank lines right before it
    indented: bool


@dataclass
class Unit:
    """A paragraph, title line, byline, credit or furniture line, as read from the lines."""

    kind: str           # "title" | "byline" | "credit" | "text" | "furniture"
    lines: list[Line]
    tag: str = ""       # text: caption editor_note lead end dateline; title: numbered
    why: str = ""
    pieces: list[str] = field(default_factory=list)
    tail: str = ""      # the last characters of the text, for end tests
    joins: list[str] = field(default_factory=list)      # why each further line joined
    furniture: Furniture | None = None
    suspicious: list[tuple] = field(default_factory=list)   # (rule, before, after, lines)
    reported: bool = False

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def text(self) -> str:
        if len(self.pieces) > 1:
            self.pieces[:] = ["".join(self.pieces)]
        return self.pieces[0] if self.pieces else ""

    def add(self, line: Line, why: str) -> None:
        left, right = self.tail, line.text
        rule = next((r for r in JOIN_RULES if r.test(left, right, line.gap)), None)
        if rule is not None:
            self.suspicious.append((rule, left[-JOIN_CONTEXT:], right[:JOIN_CONTEXT],
                                    self.lines[-1].line, line.line))
        self.lines.append(line)
        self.pieces.append(line.text)
        self.joins.append(why)
        self.tail = (self.tail + line.text)[-R.TAIL:]


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, with the blank lines before each and
    whether it was indented."""
    out: list[Line] = []
    gap = 0
    for number, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if not stripped:
            gap += 1
            continue
        out.append(Line(stripped, number, gap, raw[:1].isspace()))
        gap = 0
    return out


class UnitReader:
    """Lines → units."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.furniture = [furniture_of(ln.text, ln.line) for ln in lines]
        self._section_names()
        self.shapes = [standalone(ln.text) if f is None else ("furniture", "", "")
                       for ln, f in zip(lines, self.furniture)]
        plain = [(ln, shape) for ln, shape in zip(lines, self.shapes)
                 if shape[0] != "furniture"]
        self.wrapped = is_wrapped(plain)
        self.indents = (any(ln.indented for ln, _ in plain)
                        and not all(ln.indented for ln, _ in plain))

    def _section_names(self) -> None:
        """A short line at the top of the page, right above or below a date or page label,
        is the section name (版名) that the page header prints."""
        for k, line in enumerate(self.lines):
            if self.furniture[k] is not None:
                continue
            labels = [n for n in (k - 1, k + 1) if 0 <= n < len(self.lines)
                      and self.furniture[n] is not None and self.furniture[n].place == "reported"
                      and self.lines[max(n, k)].gap == 0]
            if labels and len(line.text) <= 8 and not title_problem(line.text) \
                    and not any(c.isdigit() for c in line.text):
                self.furniture[k] = Furniture(line.line, line.text, "reported", "section",
                                              (), (("section", line.text),))
            break

    def units(self) -> list[Unit]:
        """The units of the page, in order, furniture lines included as units."""
        out: list[Unit] = []
        last: Unit | None = None          # the last unit that is not furniture
        for k, line in enumerate(self.lines):
            furniture = self.furniture[k]
            if furniture is not None:
                out.append(Unit("furniture", [line], furniture=furniture,
                                 pieces=[line.text]))
                continue
            kind, tag, why = self.shapes[k]
            join = self._continues(last, line, kind, tag, k) if last is not None else ""
            if join:
                if last.kind == "title":
                    last.kind, last.tag = "text", ""
                    last.why = "a short line continued by the next one"
                last.add(line, join)
                continue
            if kind == "title" and tag != "numbered" and not balanced(line.text) \
                    and self._plain_follows(k):
                kind, why = "text", "clauses too long for a title standing alone"
            unit = Unit(kind, [line], tag, why, [line.text], line.text[-R.TAIL:])
            out.append(unit)
            last = unit
        return out

    def _plain_follows(self, k: int) -> bool:
        """True when the line after line ``k`` is plain running text."""
        for n in range(k + 1, min(k + 3, len(self.lines))):
            kind, tag, _ = self.shapes[n]
            if kind == "furniture":
                continue
            return kind == "text" and tag == "" and run_in(self.lines[n].text) is None
        return False

    def _continues(self, last: Unit, line: Line, kind: str, tag: str, k: int) -> str:
        """Why ``line`` continues unit ``last``; "" when it does not."""
        text = line.text
        where = f" ({line.gap} blank lines between)" if line.gap > 1 else ""
        if text[0] in R.NO_PARAGRAPH_START and last.kind in ("text", "title"):
            return f"starts with 「{text[0]}」, which no paragraph starts with" + where
        if last.kind != "text" or last.tag in ("end", "dateline"):
            return ""
        if len(last.lines) == 1 and len(last.tail) <= 12 and last.tail.endswith(("：", ":")):
            return ""
        if kind in ("byline", "credit") or tag in ("editor_note", "lead", "caption", "end",
                                                   "dateline", "numbered"):
            return ""
        if run_in(text) is not None:
            return ""
        if self.wrapped:
            if self.indents and line.indented:
                return ""
            if line.gap == 0:
                if kind == "title" and closes(last.tail) and self._confirmed_title(k):
                    return ""
                return "the next line of a hard-wrapped paragraph"
        if not closes(last.tail):
            if last.tail.endswith(("：", ":")) and text[0] in R.OPENS_QUOTE:
                return ""
            return "the text before it ends mid-sentence" + where
        return ""

    def _confirmed_title(self, k: int) -> bool:
        if k + 1 >= len(self.lines):
            return False
        kind, tag, _ = self.shapes[k + 1]
        return (kind == "byline" or tag == "dateline"
                or run_in(self.lines[k + 1].text) is not None)


def is_wrapped(lines: list[tuple[Line, tuple[str, str, str]]]) -> bool:
    """True when lines directly followed by another mostly end mid-sentence: hard-wrapped
    text, whose blocks between blank lines are paragraphs."""
    open_, closed = 0, 0
    for (a, shape_a), (b, shape_b) in zip(lines, lines[1:]):
        if b.gap or shape_a[0] != "text" or shape_b[0] != "text":
            continue
        if closes(a.text):
            closed += 1
        else:
            open_ += 1
    return open_ > closed

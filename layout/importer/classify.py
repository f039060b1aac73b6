"""Tests on one line or one paragraph of page text: does it close a sentence, end in a
photo credit, open with a dateline, have the shape of a headline, belong to the page
furniture; which joins across a column break are suspicious; which script it is in."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from layout.importer import rules as R
from layout.importer.page import Furniture

_PARENTHESISED = re.compile(r"[（(][^（）()]*[）)]")


SP_CHARS = " \u3000\u00a0\t"


CLAUSES = re.compile(r"[，,；;：:]")


HALVES = re.compile(rf"[^ \u3000\u00a0]{{4,}}(?:{R.SP}+[^ \u3000\u00a0]{{4,}})+")


END_BYLINE = re.compile(
    rf"(?<![\u4e00-\u9fff])[（(]{R.SP}*(?:{R.ROLE}{R.SP}*)?{R.PEOPLE}{R.SP}*"
    rf"(?:整理|报道|報道|采写|採寫|综合|綜合|编译|編譯|撰稿)?{R.SP}*[）)]$")


#: A paragraph's text is complete when its end matches one of these.
PARAGRAPH_ENDS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"[{R.SENTENCE_FINAL}][{R.CLOSING_MARKS}]*$"),
    re.compile(r"[（(][^（）()]*(?:记者|記者|通讯员|通訊員|编辑|編輯|摄|攝|来源|來源|报道|報道|整理|"
               r"作者|完)[^（）()]*[）)]$"),
    END_BYLINE,
    R.CREDIT_END,
)


def ink(text: str) -> int:
    """Characters of ``text`` that are not whitespace."""
    return sum(1 for c in text if not c.isspace())


def closes(text: str) -> bool:
    """True when a paragraph ending in ``text`` is complete."""
    start = max(0, len(text) - R.TAIL)
    return any(p.search(text, start) for p in PARAGRAPH_ENDS)


def credit_at_end(text: str) -> tuple[str, str] | None:
    """(caption, credit) when ``text`` ends in a photo credit."""
    m = R.CREDIT_END.search(text, max(0, len(text) - R.TAIL))
    if not m:
        return None
    credit = (m.group("credit") or m.group("paren")).strip(SP_CHARS)
    return text[:m.start()].rstrip(SP_CHARS), credit


def run_in(text: str) -> tuple[str, str, str, int] | None:
    """(rule, dateline, byline, end) for a run-in dateline or byline opening ``text``."""
    for rule, pattern in R.RUN_IN:
        m = pattern.match(text, 0, min(len(text), 200))
        if m and m.end() > 0:
            return (rule, (m.group("dateline") or "").strip(SP_CHARS),
                    (m.group("byline") or "").strip(SP_CHARS), m.end())
    return None


def title_problem(text: str) -> str:
    """Why ``text`` cannot be a headline, kicker, deck or subhead; "" when it can."""
    if len(text) > R.TITLE_MAX:
        return f"longer than {R.TITLE_MAX} characters"
    if sum(1 for c in text if c.isalpha()) < 2:
        return "fewer than two letters"
    if text[-1] in R.NO_TITLE_END:
        return f"ends with 「{text[-1]}」"
    if text[0] in R.NO_PARAGRAPH_START:
        return f"starts with 「{text[0]}」"
    core = text.rstrip(R.CLOSING_MARKS)
    if core != text and core[-1:] in R.SENTENCE_FINAL:
        return "a quoted sentence"
    if core[-1:] in "！？!?":
        core = core[:-1]
    if any(c in R.SENTENCE_FINAL for c in core):
        return "a sentence inside"
    if _PARENTHESISED.fullmatch(text):
        return "only a parenthesis"
    clauses = [c for c in CLAUSES.split(text) if c]
    if len(clauses) > 3:
        return "more than three clauses"
    if len(clauses) > 1:
        if any(len(c) > R.TITLE_CLAUSE_MAX for c in clauses):
            return f"a clause longer than {R.TITLE_CLAUSE_MAX} characters"
        if any(c.lstrip(SP_CHARS).startswith(R.OPENERS) for c in clauses):
            return "a clause opens like running text (据了解, 近日 …)"
    return ""


def balanced(text: str) -> bool:
    """A title with clause punctuation whose clauses are short enough to stand alone."""
    clauses = [c for c in CLAUSES.split(text) if c]
    return len(clauses) < 2 or (all(len(c) <= 12 for c in clauses) and len(text) <= 24)


def script_of(text: str) -> tuple[str, int, int]:
    """("zh-Hans" | "zh-Hant", simplified-only count, traditional-only count)."""
    simplified = sum(1 for c in text if c in R.SIMPLIFIED)
    traditional = sum(1 for c in text if c in R.TRADITIONAL)
    return ("zh-Hant" if traditional > 2 * simplified and traditional >= 5 else "zh-Hans",
            simplified, traditional)


def _field(label: str) -> str | None:
    return next((f for name, f in R.HEADER_LABELS if name == label), None)


def furniture_of(text: str, line: int = 0) -> Furniture | None:
    """The furniture ``text`` is, if it is a whole line of page furniture."""
    if len(text) > R.FURNITURE_MAX:
        return None
    if R.FIELD_LINE.fullmatch(text):
        fields, others = [], []
        for m in R.FIELD.finditer(text):
            key = _field(m.group("label"))
            value = m.group("value").strip(SP_CHARS)
            if key:
                fields.append((key, value))
            else:
                others.append(m.group().strip(SP_CHARS))
        if fields and not others:
            return Furniture(line, text, "header", "editors", tuple(fields))
        return Furniture(line, text, "footer", "editors", tuple(fields))
    for rule, pattern in R.PAGE_LABELS:
        m = pattern.fullmatch(text)
        if m:
            data = tuple((k, v) for k, v in m.groupdict().items() if v)
            if rule == "date":
                data = (("date", f"{int(m['year']):04d}-{int(m['month']):02d}-"
                                 f"{int(m['day']):02d}"),)
            return Furniture(line, text, "reported", rule, (), data)
    for rule, pattern in R.FOOTER_LINES:
        if pattern.fullmatch(text):
            return Furniture(line, text, "footer", rule)
    return None


def standalone(text: str) -> tuple[str, str, str]:
    """(kind, tag, why) of a line read on its own."""
    short = len(text) <= R.TAIL
    if R.END_MARK.fullmatch(text):
        return "text", "end", "an end mark （完）"
    if short and R.BYLINE_LINE.fullmatch(text):
        return "byline", "", "a byline line (role and names)"
    if short and R.CREDIT_LINE.fullmatch(text):
        return "credit", "", "a photo credit line (…摄, 新华社发, 以上图片均为…)"
    m = R.EDITOR_NOTE.match(text)
    if m and m.end() > 0:
        return "text", "editor_note", "opens with the label 编者按"
    m = R.LEAD.match(text)
    if m and m.end() > 0:
        return "text", "lead", "opens with the label 导语"
    if R.CAPTION_START.match(text):
        return "text", "caption", "opens like a photo caption (图①, 图为 …)"
    found = run_in(text)
    if found and found[3] == len(text) and short:
        return "text", "dateline", f"a {found[0]} on a line of its own"
    if found:
        return "text", "", f"opens with a {found[0]}"
    problem = title_problem(text)
    if not problem:
        if R.SUBHEAD_NUMBER.match(text) and len(text) <= R.SUBHEAD_MAX:
            return "title", "numbered", "a short numbered line (一、 1. ■ …)"
        return "title", "", "a short line with no sentence in it"
    return "text", "", f"running text (not a title: {problem})"


#: Characters of context on each side of a join in a ``suspicious-join`` message.
JOIN_CONTEXT = 6


@dataclass(frozen=True)
class JoinRule:
    """A join of two lines that may not be what the original page says."""

    name: str
    why: str
    test: Callable[[str, str, int], bool]   # (text before, line after, blank lines between)


def _repeated_run(left: str, right: str) -> bool:
    return any(left[-k:] == right[:k] and left[-k:].isalpha()
               for k in range(2, 7) if len(left) >= k and len(right) >= k)


#: Joins that are made as the text gives them but reported for checking.
JOIN_RULES: tuple[JoinRule, ...] = (
    JoinRule("repeated-run", "the same characters end one line and begin the next",
             lambda left, right, gap: _repeated_run(left, right)),
    JoinRule("repeated-char", "the same character on both sides of the break",
             lambda left, right, gap: left[-1] == right[0] and left[-1].isalpha()),
    JoinRule("split-word", "a Latin word is split by the break",
             lambda left, right, gap: (left[-1].isascii() and left[-1].isalpha()
                                       and right[0].isascii() and right[0].isalpha())),
    JoinRule("hyphen", "the line ends in a hyphen",
             lambda left, right, gap: left[-1] in "-‐" and right[0].isalnum()),
    JoinRule("wide-gap", "the two parts are separated by several blank lines",
             lambda left, right, gap: gap >= 2),
)


def clip(text: str, size: int = 16) -> str:
    return text if len(text) <= size else text[:size] + "…"

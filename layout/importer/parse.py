"""Page-shaped plain text of one newspaper page → its items (banner, articles, photo items),
in page order.

The text is what one gets by copying a printed page column by column: a headline line, the
paragraphs under it, the next headline, and so on.  Paragraphs that ran from one column
into the next arrive split in the middle of a sentence.  The rules below are tables of
patterns (``FURNITURE``, ``CREDIT_END``, ``BYLINE_STARTS``, ``PARAGRAPH_ENDS``,
``NOT_A_HEADLINE``, ``JOIN_RULES``); the reader applies them in one pass.

Lines
    Leading and trailing whitespace (full-width indentation spaces included) is removed;
    spaces inside a line are kept.  Blank lines are counted but carry no text.

Page furniture
    A line that is wholly a date, a page or 版 label, an editors' line (责任编辑：…), a
    contact line or a serial number is *left out* of the items and reported as an ``info``
    diagnostic (code ``page-furniture``, its text in ``data["text"]``).  Nothing else is
    ever dropped.

Paragraphs
    A line that does not end a sentence (``PARAGRAPH_ENDS``: 。！？… possibly inside
    closing quotes or brackets, a closing quote, a parenthesised or plain photo credit) is
    continued by the next body line, across any number of blank lines; so is any paragraph
    when the next line starts with a mark no paragraph starts with (，。、）” …).  When the
    text is hard-wrapped (most lines that are directly followed by another end mid-sentence)
    the lines of one blank-line-separated block are one paragraph, and an indented line
    starts a new one.  Joins are plain concatenation: no character is added or removed.

Suspicious joins
    A join matching one of ``JOIN_RULES`` (the same characters on both sides of the break,
    a Latin word or a hyphenated word split, a join across several blank lines) is made
    exactly as the text gives it and reported as a ``suspicious-join`` warning naming the
    line and the characters around the break.

Headlines
    A short line with no clause punctuation (``NOT_A_HEADLINE``) that stands where a new
    paragraph could start is a headline.  Consecutive such lines form one headline block:
    the last line not starting with a dash is the headline, dash lines after it are the
    subheadline (副题), lines before it the kicker (引题) — except at the top of the page,
    where the first line of a block of two or more is the page banner.  Numbered lines
    (一、… （二）…) inside an article are its subheadings and stay in its text.  A headline is
    confirmed by what follows it (a byline, a photo caption ending in a credit, two blank
    lines before it, the start of the page); otherwise it is kept and a ``headline-guess``
    warning says so.

Bylines
    A dateline opening the first paragraph (本报讯（记者 …）, 本报北京2月26日电（…）,
    新华社…电（…）) is moved into ``byline``; so are lines such as ``本报记者 张三`` that
    stand between the headline and the first paragraph.

Photo items
    An item without a byline whose text ends in a photo credit (通讯员 葛然 摄影报道,
    （张三 摄）, or such a credit on a line of its own) and whose caption is at most
    ``CAPTION_MAX`` characters is a photo item; the credit moves into ``credit``.  In
    articles a credit stays in the text.

Nothing is lost or duplicated: apart from page furniture and whitespace, every character
of the input appears exactly once in the output, in the order banner, then per item kicker,
headline, subheadline, byline, paragraphs, credit.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from layout.diagnostics import Sink, fail

__all__ = ["ParsedItem", "read_page_text", "parse_page_text", "make_id",
           "CAPTION_MAX", "HEADLINE_MAX", "ID_PATTERN"]

#: Longest line (in characters) that can be a headline or banner.
HEADLINE_MAX = 48
#: Longest caption (in characters, credit excluded) of a photo item.
CAPTION_MAX = 300
#: Most lines in one headline block (banner, kicker, headline, subheadline).
HEADLINE_BLOCK_MAX = 4
#: End-anchored patterns look at most this many characters from the end of a text, and
#: only lines at most this long can be credit or byline lines.
TAIL = 80
#: Only lines at most this long can be page furniture.
FURNITURE_MAX = 60
#: Characters of context on each side of a join in a ``suspicious-join`` message.
JOIN_CONTEXT = 6

SENTENCE_FINAL = "。！？!?…"
CLOSING_MARKS = "”’」』）)】〕》"
#: Marks no paragraph starts with: a line starting with one continues the paragraph before.
NO_PARAGRAPH_START = "，。、；：！？）》」』】〕”’…,.;:!?)%％"
#: Clause punctuation that never occurs inside a headline.
CLAUSE_MARKS = "，。；,;"
#: Marks a headline does not end with.
NO_HEADLINE_END = "。…、：:；;，,（(“‘《【"
#: Leading marks of a subheadline (副题) line.
DASHES = ("——", "—", "－－", "--", "―")

_SP = r"[ \u3000\u00a0]"
_ROLE = r"(?:本报|新华社|中新社)?(?:特约|实习|见习|首席)?(?:摄影记者|记者|通讯员|摄影)"
_NAME = (r"(?!本报|新华社|中新社|特约|实习|见习|首席|摄影|记者|通讯员)"
         r"(?:[\u4e00-\u9fff]{1,8}[·•・][\u4e00-\u9fff]{1,8}|[\u4e00-\u9fff]{2,4})")
_PEOPLE = rf"{_NAME}(?:(?:{_SP}+|{_SP}*[、，,/／]{_SP}*)(?:{_ROLE}{_SP}*[:：]?{_SP}*)?{_NAME})*"
_CREDIT = rf"{_ROLE}{_SP}*[:：]?{_SP}*{_PEOPLE}{_SP}*(?:摄影报道|摄影|摄)"
_PAREN = r"[（(][^（）()]{0,60}[）)]"
_DATE = r"(?:\d{1,2}月\d{1,2}日)"

#: A photo credit at the end of a text: role and names then 摄影报道/摄, bracketed or not,
#: or bare names and 摄 right after the end of a sentence.
CREDIT_END = re.compile(
    rf"(?:[（(]{_SP}*{_CREDIT}{_SP}*[）)]"
    rf"|[（(]{_SP}*{_PEOPLE}{_SP}*(?:摄影报道|摄){_SP}*[）)]"
    rf"|{_CREDIT}"
    rf"|(?<=[。！？!?”’）)]){_SP}*{_PEOPLE}{_SP}+(?:摄影报道|摄))$")

#: A line that is only bylines: 本报记者 张三 通讯员 李四, （记者 王五）.
BYLINE_LINE = re.compile(
    rf"[■□●◆▲◎]?{_SP}*[（(]?{_SP}*{_ROLE}(?:{_SP}*[:：/／]{_SP}*|{_SP}+){_PEOPLE}{_SP}*[）)]?")

#: Datelines that open an article's first paragraph; the match becomes the byline.
BYLINE_STARTS: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    rf"本报讯(?:{_SP}*{_PAREN})?",
    rf"本报(?:[\u4e00-\u9fff]{{2,4}})?{_DATE}?电(?:{_SP}*{_PAREN})?",
    rf"(?:新华社|中新社|中新网|人民网|新华网|央视网)(?:[\u4e00-\u9fff]{{2,6}})?{_DATE}?(?:电|讯)"
    rf"(?:{_SP}*{_PAREN})?",
    r"据(?:新华社|中新社)电",
))

#: A paragraph's text ends here when it matches one of these at its end.
PARAGRAPH_ENDS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"[{SENTENCE_FINAL}][{CLOSING_MARKS}]*$"),
    re.compile(r"[”’」』]$"),
    re.compile(r"[（(][^（）()]*(?:记者|通讯员|编辑|摄|来源|报道)[^（）()]*[）)]$"),
    CREDIT_END,
)

#: Whole lines that are page furniture, not article text: (name, pattern).
FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(p)) for name, p in (
    ("date", rf"\d{{4}}{_SP}*年{_SP}*\d{{1,2}}{_SP}*月{_SP}*\d{{1,2}}{_SP}*日"
             rf"(?:{_SP}*(?:星期|周)[一二三四五六日天])?(?:{_SP}*农历[\u4e00-\u9fff]{{2,8}})?"),
    ("page", rf"(?:第{_SP}*)?(?:[A-Za-z]?\d{{1,3}}|[一二三四五六七八九十]{{1,3}}){_SP}*版"
             rf"(?:{_SP}*[:：|｜/]?{_SP}*[\u4e00-\u9fff]{{2,8}})?"),
    ("page", rf"[-—－–]?{_SP}*\d{{1,2}}{_SP}*[-—－–]?"),
    ("editors", rf"(?:(?:本版|责任|图片|文字)?(?:编辑|责编|美编|校对|审校|审读|组版|版式|"
                rf"版式设计|视觉设计|统筹|监制)(?:{_SP}*[:：]{_SP}*|{_SP}+)"
                rf"{_NAME}(?:{_SP}*[、，,]{_SP}*{_NAME})*{_SP}*)+"),
    ("contact", r"(?:电话|热线|传真|邮箱|电子邮箱|E-?mail|网址|邮编)\s*[:：][^。]{1,50}"),
    ("serial", r"(?:国内统一连续出版物号|国内统一刊号|邮发代号|CN\s*\d{2}-\d{4})[^。]{0,50}"),
))

#: Numbered subheadings (一、… （二）… 3. …): inside an article they stay in its text as a
#: paragraph of their own instead of starting a new item.
SUBHEADING = re.compile(r"(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
                        r"|\d{1,2}[、．.](?!\d))")

_PARENTHESISED = re.compile(r"[（(][^（）()]*[）)]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _byline_start(text: str) -> re.Match[str] | None:
    """The dateline opening ``text``, if any."""
    for pattern in BYLINE_STARTS:
        m = pattern.match(text)
        if m:
            return m
    return None


def _closes(text: str) -> bool:
    """True when a paragraph ending in ``text`` is complete."""
    start = max(0, len(text) - TAIL)
    return any(p.search(text, start) for p in PARAGRAPH_ENDS)


def _credit_at_end(text: str) -> re.Match[str] | None:
    """The photo credit ending ``text``, if any."""
    return CREDIT_END.search(text, max(0, len(text) - TAIL))


#: Why a line cannot be a headline: (reason, test on the line's text).
NOT_A_HEADLINE: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("too long", lambda t: len(t) > HEADLINE_MAX),
    ("no letters", lambda t: not any(c.isalnum() for c in t)),
    ("clause punctuation", lambda t: any(c in CLAUSE_MARKS for c in t)),
    ("ends like a clause", lambda t: t[-1] in NO_HEADLINE_END),
    ("starts like a continuation", lambda t: t[0] in NO_PARAGRAPH_START),
    ("only a parenthesis", lambda t: bool(_PARENTHESISED.fullmatch(t))),
    ("a dateline", lambda t: _byline_start(t) is not None),
    ("ends in a photo credit", lambda t: _credit_at_end(t) is not None),
)


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


@dataclass(frozen=True)
class ParsedItem:
    """One item of the page as read from its text."""

    kind: str                       # "article" | "photo" | "banner"
    headline: str
    byline: str | None              # e.g. 本报讯（记者 宗晓畅）, removed from the text
    paragraphs: tuple[str, ...]
    credit: str | None              # photo items: e.g. 通讯员 葛然 摄影报道
    line: int                       # 1-based line where the item starts
    kicker: str = ""                # 引题 above the headline
    subheadline: str = ""           # 副题 below the headline


def read_page_text(path: Path) -> str:
    """The text of ``path`` (UTF-8, with or without BOM) with line ends made ``\\n``.
    Only a regular file is read (a FIFO or a device such as /dev/zero is refused before
    it is opened), of at most ``LIMITS.text_bytes``, with no line longer than
    ``LIMITS.text_line_chars`` characters: the work an import does is bounded before it
    starts."""
    from layout.spec.inputs import LIMITS, read_bytes
    path = Path(path)
    data = read_bytes(path, "text file", LIMITS.text_bytes)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise fail("text-encoding", f"{path.name} is UTF-16 text, not UTF-8", file=path,
                   hint="save the file as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise fail("text-encoding", f"{path.name} is not UTF-8 text: byte "
                   f"0x{data[exc.start]:02x} on line {line} cannot be decoded", file=path,
                   line=line, hint=_encoding_hint(data)) from None
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise fail("text-encoding", f"{path.name} holds control character "
                   f"U+{ord(bad.group()):04X} on line {line}: not a text file", file=path,
                   line=line, hint="give the page as plain UTF-8 text")
    text = _normalise(text)
    for line, content in enumerate(text.split("\n"), 1):
        if len(content) > LIMITS.text_line_chars:
            raise fail("text-line-too-long", f"{path.name}: line {line} has {len(content):,} "
                       f"characters; epaper imports lines (paragraphs) of at most "
                       f"{LIMITS.text_line_chars:,}", file=path, line=line,
                       hint="check that the file is page text with one paragraph per line")
    return text


def _encoding_hint(data: bytes) -> str:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return "save the file as UTF-8 text"
    return ("the file looks like GBK/GB18030 text: convert it to UTF-8, "
            "e.g. iconv -f GB18030 -t UTF-8")


def _normalise(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- lines
@dataclass
class _Line:
    text: str           # stripped
    line: int           # 1-based line number
    gap: int            # blank (or furniture) lines right before it
    indented: bool
    kind: str           # "text" | "byline" | "credit"


def _lines(text: str, file: str, sink: Sink) -> list[_Line]:
    """Non-blank, non-furniture lines of ``text``; furniture is reported as info."""
    out: list[_Line] = []
    gap = 0
    for number, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if not stripped:
            gap += 1
            continue
        furniture = len(stripped) <= FURNITURE_MAX and next(
            (name for name, p in FURNITURE if p.fullmatch(stripped)), None)
        if furniture:
            sink.info("page-furniture", f"page furniture ({furniture}) left out: {stripped}",
                      file=file or None, line=number, data={"text": stripped, "rule": furniture},
                      hint="it is not part of any item; if it is article text, edit the "
                           "imported article by hand")
            gap += 1
            continue
        if len(stripped) <= TAIL and CREDIT_END.fullmatch(stripped):
            kind = "credit"
        elif len(stripped) <= TAIL and BYLINE_LINE.fullmatch(stripped):
            kind = "byline"
        else:
            kind = "text"
        out.append(_Line(stripped, number, gap, raw[:1].isspace(), kind))
        gap = 0
    return out


def _headline_shaped(line: _Line) -> bool:
    return line.kind == "text" and not any(test(line.text) for _, test in NOT_A_HEADLINE)


def _is_wrapped(lines: list[_Line]) -> bool:
    """True when lines directly followed by another mostly end mid-sentence: hard-wrapped
    text, whose blocks between blank lines are paragraphs."""
    open_, closed = 0, 0
    for a, b in zip(lines, lines[1:]):
        if b.gap or a.kind != "text" or b.kind != "text" or _headline_shaped(a):
            continue
        if _closes(a.text):
            closed += 1
        else:
            open_ += 1
    return open_ > closed


# --------------------------------------------------------------------------- reading
@dataclass
class _Para:
    text: str
    line: int


@dataclass
class _Draft:
    """An item being read."""

    line: int
    headline: str = ""
    kicker: str = ""
    subheadline: str = ""
    evidence: str = ""          # what confirmed the headline; "" when it is a guess
    bylines: list[str] = field(default_factory=list)
    paragraphs: list[_Para] = field(default_factory=list)
    credits: list[_Line] = field(default_factory=list)     # credit lines after the text
    notes: list[tuple[str, str, int, str, dict]] = field(default_factory=list)


class _PageReader:
    """One pass over the lines of a page, producing items in page order."""

    def __init__(self, lines: list[_Line], file: str, sink: Sink):
        self.lines = lines
        self.file = file or None
        self.sink = sink
        self.wrapped = _is_wrapped(lines)
        text_lines = [ln for ln in lines if ln.kind == "text"]
        self.indents = (any(ln.indented for ln in text_lines)
                        and not all(ln.indented for ln in text_lines))
        self.items: list[ParsedItem] = []
        self.draft: _Draft | None = None
        self.prev: _Line | None = None

    def read(self) -> list[ParsedItem]:
        i = 0
        while i < len(self.lines):
            after_headlines = self._headline_block(i)
            if after_headlines is None:
                self._body_line(self.lines[i])
                i += 1
            else:
                i = after_headlines
        self._finish()
        return self.items

    # ---- headlines
    def _opening(self, line: _Line) -> str:
        """Whether ``line`` stands where an item may start: "fresh", "tight" (right under
        a finished paragraph in hard-wrapped text) or "" (inside a paragraph)."""
        prev, draft = self.prev, self.draft
        if prev is None or prev.kind == "credit":
            return "fresh"
        if draft is None or not draft.paragraphs:
            return ""
        if not _closes(draft.paragraphs[-1].text) or line.text[0] in NO_PARAGRAPH_START:
            return ""
        return "tight" if self.wrapped and line.gap == 0 else "fresh"

    def _subheading(self, line: _Line) -> bool:
        """True for a numbered subheading inside an article."""
        return (self.draft is not None and bool(self.draft.paragraphs)
                and _headline_shaped(line) and SUBHEADING.match(line.text) is not None)

    def _headline_block(self, i: int) -> int | None:
        """Read a headline block starting at line ``i``; the index after it, or None."""
        first = self.lines[i]
        if not _headline_shaped(first) or self._subheading(first):
            return None
        opening = self._opening(first)
        if not opening:
            return None
        j = i
        while (j < len(self.lines) and j - i < HEADLINE_BLOCK_MAX
               and _headline_shaped(self.lines[j])):
            j += 1
        evidence = self._evidence(i, j)
        if opening == "tight" and evidence != "byline":
            return None
        self._finish()
        self._start_item(self.lines[i:j], evidence)
        self.prev = self.lines[j - 1]
        return j

    def _evidence(self, i: int, j: int) -> str:
        """What confirms that lines ``i:j`` are headlines."""
        if j >= len(self.lines):
            return "end"
        body = self.lines[j]
        if body.kind == "byline" or _byline_start(body.text):
            return "byline"
        if self._caption_follows(j):
            return "caption"
        if self.prev is None or self.lines[i].gap >= 2:
            return "layout"
        return ""

    def _caption_follows(self, j: int) -> bool:
        """True when lines from ``j`` are a short text ending in a photo credit."""
        length = 0
        for k in range(j, len(self.lines)):
            line = self.lines[k]
            if line.kind == "credit":
                return length > 0
            if line.kind == "byline" and length == 0:
                return False
            length += len(line.text)
            if length > CAPTION_MAX:
                return False
            if _credit_at_end(line.text):
                return True
            if (_closes(line.text) and k + 1 < len(self.lines)
                    and _headline_shaped(self.lines[k + 1])):
                return False
        return False

    def _start_item(self, block: list[_Line], evidence: str) -> None:
        main = max((k for k, ln in enumerate(block) if not ln.text.startswith(DASHES)),
                   default=0)
        before, head, after = block[:main], block[main], block[main + 1:]
        if before and not self.items:
            banner, before = before[0], before[1:]
            self.items.append(ParsedItem("banner", banner.text, None, (), None, banner.line))
        self.draft = _Draft(line=(before or [head])[0].line, headline=head.text,
                            kicker=" ".join(ln.text for ln in before),
                            subheadline=" ".join(ln.text for ln in after), evidence=evidence)

    # ---- body
    def _body_line(self, line: _Line) -> None:
        if self.draft is None:
            self.draft = _Draft(line=line.line, evidence="headless")
        draft = self.draft
        if line.kind == "byline" and not draft.paragraphs and not draft.credits:
            draft.bylines.append(line.text)
        elif line.kind == "credit":
            draft.credits.append(line)
        else:
            self._add_text(draft, line)
        self.prev = line

    def _add_text(self, draft: _Draft, line: _Line) -> None:
        if draft.credits:       # credit lines followed by more text are ordinary paragraphs
            draft.paragraphs.extend(_Para(c.text, c.line) for c in draft.credits)
            draft.credits.clear()
        elif (draft.paragraphs and self.prev is not None and self.prev.kind != "byline"
              and self._continues(draft.paragraphs[-1], line)):
            self._join(draft, draft.paragraphs[-1], line)
            return
        draft.paragraphs.append(_Para(line.text, line.line))

    def _continues(self, para: _Para, line: _Line) -> bool:
        """True when ``line`` continues paragraph ``para``."""
        if _byline_start(line.text) or self._subheading(line):
            return False
        if SUBHEADING.match(para.text) and not any(c in CLAUSE_MARKS for c in para.text):
            return False
        if line.text[0] in NO_PARAGRAPH_START:
            return True
        if self.wrapped and self.indents and line.indented:
            return False
        if self.wrapped and line.gap == 0:
            return True
        return not _closes(para.text)

    def _join(self, draft: _Draft, para: _Para, line: _Line) -> None:
        left, right = para.text, line.text
        rule = next((r for r in JOIN_RULES if r.test(left, right, line.gap)), None)
        if rule is not None:
            before, after = left[-JOIN_CONTEXT:], right[:JOIN_CONTEXT]
            break_line = self.prev.line if self.prev is not None else para.line
            draft.notes.append((
                "suspicious-join",
                f"suspicious join of lines {break_line} and {line.line}: "
                f"“…{before}｜{after}…” gives “{before}{after}” ({rule.why})",
                break_line, "check the original; the text is kept as it is",
                {"rule": rule.name, "before": before, "after": after,
                 "lines": [break_line, line.line]}))
        para.text = left + right

    # ---- items
    def _finish(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        paragraphs = [_Para(p.text, p.line) for p in draft.paragraphs]
        bylines = list(draft.bylines)
        if paragraphs:
            m = _byline_start(paragraphs[0].text)
            if m:
                bylines.append(m.group().strip())
                rest = paragraphs[0].text[m.end():].strip()
                paragraphs[0].text = rest
                if not rest:
                    paragraphs.pop(0)
        credit_match = _credit_at_end(paragraphs[-1].text) if paragraphs else None
        caption = sum(len(p.text) for p in paragraphs) - (len(credit_match.group())
                                                          if credit_match else 0)
        photo = (bool(credit_match or draft.credits) and not bylines and caption <= CAPTION_MAX)
        credits: list[str] = []
        if photo:
            if credit_match:
                credits.append(credit_match.group().strip())
                rest = paragraphs[-1].text[:credit_match.start()].rstrip()
                paragraphs[-1].text = rest
                if not rest:
                    paragraphs.pop()
            credits.extend(c.text for c in draft.credits)
        else:
            paragraphs.extend(_Para(c.text, c.line) for c in draft.credits)
        item = ParsedItem("photo" if photo else "article", draft.headline,
                          " ".join(bylines) or None, tuple(p.text for p in paragraphs),
                          " ".join(credits) or None, draft.line, draft.kicker, draft.subheadline)
        ident = make_id(item, len(self.items))
        self.items.append(item)
        for code, message, line, hint, data in draft.notes:
            self.sink.warn(code, message, file=self.file, line=line, article=ident, hint=hint,
                           data=data)
        self._check(item, draft, ident)

    def _check(self, item: ParsedItem, draft: _Draft, ident: str) -> None:
        """Warnings about how sure the reading of ``item`` is."""
        where = {"file": self.file, "line": item.line, "article": ident}
        if draft.evidence == "headless":
            self.sink.warn("missing-headline",
                           f"text with no headline above it: {_clip(item.paragraphs)}",
                           hint="add its headline as a line of its own in the text", **where)
        elif not item.paragraphs and not item.byline:
            self.sink.warn("empty-item", f"headline with no text under it: {item.headline}",
                           hint="check the original; the headline is kept as an empty "
                                "article", **where)
        elif draft.evidence == "" and item.kind == "article" and not item.byline:
            self.sink.warn("headline-guess",
                           f"taken as a headline (no byline or photo credit follows): "
                           f"{item.headline}",
                           hint="check the original; if it is a subheading or the start of "
                                "a paragraph, edit the imported article", **where)


def _clip(paragraphs: tuple[str, ...], size: int = 16) -> str:
    text = paragraphs[0] if paragraphs else ""
    return text if len(text) <= size else text[:size] + "…"


def parse_page_text(text: str, *, file: str = "", sink: Sink | None = None) -> list[ParsedItem]:
    """The items of one page's text, in page order (the banner first if there is one).

    ``file`` names the source in diagnostics; warnings (``suspicious-join``,
    ``headline-guess``, ``missing-headline``, ``empty-item``) and page furniture notes go to
    ``sink``.  Raises :class:`~layout.diagnostics.EpaperError` (``import-empty``) when the
    text holds no article text.
    """
    sink = sink if sink is not None else Sink()
    text = _normalise(text)
    hint = "give the plain text of one newspaper page: headlines, then their paragraphs"
    if not text.strip():
        raise fail("import-empty", "the page text is empty", file=file or None, hint=hint)
    items = _PageReader(_lines(text, file, sink), file, sink).read()
    if not any(item.kind != "banner" and (item.paragraphs or item.byline or item.credit)
               for item in items):
        raise fail("import-empty", "found no article text (only headlines or page furniture)",
                   file=file or None, hint=hint)
    return items


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

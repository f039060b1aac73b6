"""The second pass: units → items.  Title blocks start items or become subheads, the
text under them becomes bylines, datelines, paragraphs, captions and credits; every line
gets its role and the rule that gave it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from layout.diagnostics import Sink
from layout.importer import rules as R
from layout.importer.classify import CLAUSES, END_BYLINE, SP_CHARS, clip, credit_at_end, run_in
from layout.importer.page import ParsedItem, PhotoText, make_id
from layout.importer.titles import read_title_block
from layout.importer.units import Unit
from layout.spec.model import Subhead

#: Most lines in one title block (banner, kicker, headline, subheadline, byline).
TITLE_BLOCK_MAX = 4


#: Warnings of one code beyond this many are counted in one summary line.
WARNINGS_PER_CODE = 40


class ItemReader:
    """Units → items, with the role of every line."""

    def __init__(self, file: str | None, sink: Sink, language: str):
        self.file = file
        self.sink = sink
        self.language = language
        self.counts: Counter[str] = Counter()
        self.roles: dict[int, tuple[str, str, int | None]] = {}
        self.items: list[ParsedItem] = []
        self.draft: Draft | None = None
        self.pending_note: Unit | None = None
        self.pending_byline: Unit | None = None
        self.segments: dict[int, tuple[str, str]] = {}
        self.item_notes: dict[int, list[tuple]] = {}
        self.units_: list[Unit] = []
        self.run_end: list[int] = []
        self.usual_gap = 1
        self.index = 0

    def warn(self, code: str, message: str, line: int | None, hint: str, article=None,
             data: dict | None = None) -> None:
        self.counts[code] += 1
        if self.counts[code] <= WARNINGS_PER_CODE:
            self.sink.warn(code, message, file=self.file, line=line, article=article, hint=hint,
                           data=data or {})

    def note(self, code: str, message: str, line: int | None, data: dict | None = None,
             hint: str | None = None) -> None:
        self.counts[code] += 1
        if self.counts[code] <= WARNINGS_PER_CODE:
            self.sink.info(code, message, file=self.file, line=line, data=data or {},
                           hint=hint)

    def summarise(self) -> None:
        for code, n in self.counts.items():
            if n > WARNINGS_PER_CODE:
                self.sink.warn(code, f"{n - WARNINGS_PER_CODE} more {code} diagnostics not "
                               f"shown (the first {WARNINGS_PER_CODE} are)", file=self.file,
                               hint="run import --explain to see the role of every line")

    def role(self, unit: Unit, role: str, why: str = "", item: int | None = None) -> None:
        if item is None:
            item = len(self.items)
        self.roles[unit.first.line] = (role, why or unit.why, item)
        for line, join in zip(unit.lines[1:], unit.joins):
            self.roles[line.line] = ("continuation", join, item)
        if unit.suspicious and not unit.reported:
            unit.reported = True
            self.item_notes.setdefault(item, []).extend(unit.suspicious)
            if item < len(self.items):
                self._join_notes(item)

    def _join_notes(self, index: int) -> None:
        ident = make_id(self.items[index], index)
        for rule, before, after, first, line in self.item_notes.pop(index, []):
            self.warn("suspicious-join",
                      f"suspicious join of lines {first} and {line}: “…{before}｜{after}…” "
                      f"gives “{before}{after}” ({rule.why})", first,
                      "check the original; the text is kept as it is", article=ident,
                      data={"rule": rule.name, "before": before, "after": after,
                            "lines": [first, line]})

    def read(self, units: list[Unit]) -> None:
        """Read ``units`` into ``self.items`` and ``self.roles``."""
        self.units_ = units
        self.usual_gap = usual_gap(units)
        self.run_end = [0] * (len(units) + 1)
        self.run_end[len(units)] = len(units)
        for k in range(len(units) - 1, -1, -1):
            self.run_end[k] = self.run_end[k + 1] if units[k].kind == "title" else k
        i = 0
        while i < len(units):
            unit = units[i]
            if unit.kind in ("furniture", "merged"):
                i += 1
                continue
            if unit.kind == "title":
                i = self._titles(i)
                continue
            self.index = i
            self._body(unit)
            i += 1
        self._finish()
        if self.pending_byline is not None:          # no title came after it after all
            unit, self.pending_byline = self.pending_byline, None
            self._orphan(unit, "a byline line with no headline after it")
        if self.pending_note is not None:
            self._orphan_note()

    def _prev(self, i: int) -> Unit | None:
        for k in range(i - 1, -1, -1):
            if self.units_[k].kind != "furniture":
                return self.units_[k]
        return None

    def _next(self, j: int) -> Unit | None:
        for k in range(j, len(self.units_)):
            if self.units_[k].kind != "furniture":
                return self.units_[k]
        return None

    def _cluster_end(self, i: int) -> int:
        units = self.units_
        if units[i].tag == "numbered":
            return i + 1
        j = i + 1
        while (j < len(units) and units[j].kind == "title" and units[j].tag != "numbered"
               and j - i < TITLE_BLOCK_MAX):
            j += 1
        return j

    def _run_length(self, i: int) -> int:
        return self.run_end[i] - i

    def _evidence(self, i: int, j: int) -> str:
        """What confirms that title units ``i:j`` start a new item, from the text around
        them alone; "" when nothing does."""
        first = self.units_[i]
        if j - i >= 2:
            return f"a block of {j - i} title lines"
        if self._next(j) is None:
            return "nothing follows it"
        follows = self._follows(j)
        if follows:
            return follows
        prev = self._prev(i)
        if prev is not None and prev.kind == "byline":
            return f"a byline line stands above it (line {prev.first.line})"
        if prev is not None and prev.kind == "text":
            if prev.tag == "editor_note":
                return f"it follows an editor's note (line {prev.first.line})"
            if prev.tag == "end":
                return f"it follows an end mark (line {prev.first.line})"
            if END_BYLINE.search(prev.tail):
                return f"the text above ends with its byline (line {prev.lines[-1].line})"
        gap = first.first.gap
        if gap >= 2 and gap > self.usual_gap:
            return f"{gap} blank lines above it, more than between paragraphs"
        return ""

    def _follows(self, j: int) -> str:
        """What the unit after a title block at ``j`` says about it: a byline, dateline,
        editor's note, lead or caption confirms a new item; "" otherwise."""
        nxt = self._next(j)
        if nxt is None:
            return ""
        at = nxt.first.line
        if nxt.kind == "byline":
            return f"a byline line follows (line {at})"
        if nxt.kind == "credit":
            return f"a photo credit follows (line {at})"
        if nxt.kind != "text":
            return ""
        if nxt.tag == "dateline" or run_in(nxt.text) is not None:
            return f"a run-in byline or dateline opens the text below (line {at})"
        if nxt.tag == "editor_note":
            return f"an editor's note follows (line {at})"
        if nxt.tag == "lead":
            return f"a lead follows (line {at})"
        if nxt.tag == "caption":
            return f"a photo caption follows (line {at})"
        if len(nxt.text) <= R.CAPTION_MAX and credit_at_end(nxt.tail):
            return f"a caption ending in a photo credit follows (line {at})"
        return ""

    def _titles(self, i: int) -> int:
        """Read the title units from ``i``; the index after them."""
        run = self._run_length(i)
        draft = self.draft
        if run > TITLE_BLOCK_MAX and draft is not None and draft.body:
            for unit in self.units_[i:i + run]:
                draft.add_text(unit.text, unit)
                self.role(unit, "paragraph", "one of many short lines in a row (a list or "
                                             "verse): kept as paragraphs")
            self.warn("short-lines", f"{run} short lines in a row (lines "
                      f"{self.units_[i].first.line}-{self.units_[i + run - 1].first.line}) "
                      f"kept as paragraphs of the article", self.units_[i].first.line,
                      "if they are headlines, put a blank line and their text under each")
            return i + run
        j = self._cluster_end(i)
        first = self.units_[i]
        if self.draft is None and not self.items:
            self._start(i, j, "the first title on the page")
            return j
        if first.tag == "numbered" and draft is not None:
            confirmed = self._follows(j)
            if confirmed:
                self._start(i, j, confirmed)
            else:
                self._subhead(first, "numbered like a subhead (一、 1. ■ …)")
            return j
        if j - i == 1 and self._next(j) is None and draft is not None \
                and (draft.body or draft.photos):
            draft.add_text(first.text, first)
            self.role(first, "paragraph", "a short line at the end of the page: the last line "
                                          "of the article above (a signature or a note)")
            draft.notes.append(("trailing-line", f"short line “{first.text}” at the end of the "
                                f"page kept as the last paragraph", first.first.line,
                                "if it is a headline, give it its text"))
            return j
        evidence = self._evidence(i, j)
        if evidence:
            self._start(i, j, evidence)
            return j
        if draft is not None and draft.photo_like() and draft.photos:
            self._start(i, j, f"the picture item above ends with its credit (line "
                              f"{draft.photos[-1][2]})")
            return j
        decision, why = self._resolve(i)
        if decision == "subhead":
            self._subhead(first, why)
        elif decision == "headline" and CLAUSES.search(first.text):
            self._rejoin(i)
        else:
            self._start(i, j, "")
            self.draft.guess = why
        return j

    def _resolve(self, i: int) -> tuple[str, str]:
        """Subhead or headline for an unconfirmed short line at unit ``i``."""
        draft = self.draft
        if draft is not None and not draft.body and not draft.photos:
            return "subhead", "a short line under the headline, before the text"
        if draft is not None and draft.subheads and not draft.numbered_subheads:
            return "subhead", (f"the article has unnumbered subheads already (line "
                               f"{draft.subheads[0]})")
        if i not in self.segments:
            self._segment(i)
        return self.segments[i]

    def _segment(self, i: int) -> None:
        """Decide every unconfirmed short line from unit ``i`` up to the next confirmed
        item start: subheads when there are several and some of them head more than one
        paragraph, else headlines."""
        units = self.units_
        titles: list[int] = []
        sections: list[int] = []
        k = i
        while k < len(units):
            unit = units[k]
            if unit.kind == "title":
                j = self._cluster_end(k)
                if unit.tag == "numbered":
                    k = j
                    continue
                if self._evidence(k, j):
                    break
                titles.append(k)
                sections.append(0)
                k = j
                continue
            if unit.kind == "text" and unit.tag in ("", "editor_note", "lead") and sections:
                sections[-1] += 1
            k += 1
        lines = [units[t].first.line for t in titles]
        if len(titles) >= 2 and max(sections) >= 2:
            why = (f"one of {len(titles)} short lines (lines {', '.join(map(str, lines))}) "
                   f"each heading the paragraphs under it")
            decision = "subhead"
        else:
            why = ("a short line after a finished paragraph; nothing confirms a new article "
                   "(no byline, dateline or caption follows)")
            decision = "headline"
        for t in titles:
            self.segments[t] = (decision, why)

    def _rejoin(self, i: int) -> None:
        """Read the short line at unit ``i`` as the head of a paragraph cut by a column
        break: the plain text after it continues it."""
        unit = self.units_[i]
        unit.kind, unit.tag = "text", ""
        unit.why = ("a short line with clause punctuation and nothing confirming a headline: "
                    "the head of a paragraph cut by a column break")
        nxt = self._next(i + 1)
        if nxt is not None and nxt.kind == "text" and nxt.tag == "" \
                and run_in(nxt.text) is None:
            unit.add(nxt.first, "continues the short line above it")
            for line, join in zip(nxt.lines[1:], nxt.joins):
                unit.add(line, join)
            unit.suspicious.extend(nxt.suspicious)
            nxt.kind = "merged"
            self.draft.notes.append((
                "short-line-joined", f"short line “{clip(unit.first.text)}” joined to the text "
                f"under it (line {nxt.first.line}) as one paragraph", unit.first.line,
                "if it is a headline or subhead, edit the imported article"))
        self._body(unit)

    def _subhead(self, unit: Unit, why: str) -> None:
        draft = self.draft
        draft.body.append((Subhead(subhead=unit.text), unit))
        draft.subheads.append(unit.first.line)
        if unit.tag == "numbered":
            draft.numbered_subheads.append(unit.first.line)
        else:
            draft.guessed_subheads.append(unit.first.line)
        self.role(unit, "subhead", why)

    def _start(self, i: int, j: int, why: str) -> None:
        """Start a new item with the title block of units ``i:j``."""
        self._finish()
        units = self.units_[i:j]
        block = read_title_block([u.text for u in units], [u.first.gap for u in units],
                                 page_top=not self.items, language=self.language)
        if block.banner is not None:
            banner = units[block.banner]
            self.role(banner, "banner", f"{block.why[block.banner]}; {why}")
            self.items.append(ParsedItem("banner", banner.text, banner.first.line))
        head = units[block.headline]
        first = units[block.kickers[0]] if block.kickers else head
        draft = Draft(line=first.first.line, evidence=why)
        self.draft = draft
        draft.kicker = " ".join(units[k].text for k in block.kickers)
        draft.headline = head.text
        draft.subheadline = " ".join(units[k].text for k in block.subheadlines)
        for k in block.kickers:
            self.role(units[k], "kicker", block.why[k])
        self.role(head, "headline", why or "a short line after a finished paragraph "
                                           "(a guess: see the warning)")
        for k in block.subheadlines:
            self.role(units[k], "subheadline", block.why[k])
        if block.byline is not None:
            draft.bylines.append(units[block.byline].text)
            self.role(units[block.byline], "byline", block.why[block.byline])
        for code, message, k, hint in block.notes:
            draft.notes.append((code, message, units[k].first.line, hint))
        if self.pending_note is not None:
            self._attach_note(self.pending_note, draft)
            self.pending_note = None
        if self.pending_byline is not None:
            draft.bylines.append(self.pending_byline.text)
            self.role(self.pending_byline, "byline", "a byline without a name above the "
                                                     "headline (本报评论员)")
            self.pending_byline = None

    def _headless(self, unit: Unit) -> Draft:
        draft = Draft(line=unit.first.line, evidence="")
        draft.notes.append(("missing-headline", "text with no headline above it: "
                            f"{clip(unit.text)}", unit.first.line,
                            "add its headline as a line of its own in the text"))
        self.draft = draft
        return draft

    def _body(self, unit: Unit) -> None:
        draft = self.draft
        if draft is None:
            if unit.kind == "text" and unit.tag == "editor_note" and self.pending_note is None:
                self._wait_note(unit, None)
                return
            draft = self._headless(unit)
        if unit.kind == "byline":
            after = self._next(self.index + 1)
            if (draft.body or draft.photos) and R.UNSIGNED_LINE.fullmatch(unit.text) \
                    and after is not None and after.kind == "title":
                self.pending_byline = unit
                return
            if not draft.body and not draft.photos:
                draft.bylines.append(unit.text)
                self.role(unit, "byline")
            else:
                draft.add_text(unit.text, unit)
                self.role(unit, "paragraph", "a byline after the text stays where it is "
                                             "printed")
            return
        if unit.kind == "credit":
            self._credit(draft, unit)
            return
        tag = unit.tag
        if tag == "editor_note":
            if not draft.body and not draft.photos and not draft.editor_note:
                self._attach_note(unit, draft)
            else:
                self._wait_note(unit, draft)
            return
        if tag == "lead" and not draft.body and not draft.lead:
            m = R.LEAD.match(unit.text)
            draft.lead, label = unit.text[m.end():], unit.text[:m.end()]
            draft.labels.append(label)
            self.role(unit, "lead", unit.why)
            return
        if tag == "end":
            if draft.body and isinstance(draft.body[-1][0], str):
                text, owner = draft.body[-1]
                draft.body[-1] = (text + unit.text, owner)
                self.role(unit, "end", "an end mark, added to the last paragraph")
            else:
                draft.add_text(unit.text, unit)
                self.role(unit, "end", "an end mark")
            return
        if tag == "dateline" and not draft.body and not draft.dateline:
            self._run_in(draft, unit.text, run_in(unit.text))
            self.role(unit, "dateline", unit.why)
            return
        text = unit.text
        split = credit_at_end(unit.tail) if len(text) <= R.CAPTION_MAX else None
        if tag == "caption" or split:
            caption, credit = (text[:len(text) - len(unit.tail)] + split[0], split[1]) \
                if split else (text, "")
            draft.photos.append([caption, credit, unit.first.line, unit])
            self.role(unit, "caption", unit.why if tag == "caption"
                      else "short text ending in a photo credit")
            return
        if not draft.body and not draft.photos and not draft.dateline and not draft.run_in_done:
            found = run_in(text)
            if found:
                text = self._run_in(draft, text, found)
                self.role(unit, "paragraph", f"the first paragraph, opening with a {found[0]}")
                if text:
                    draft.add_text(text, unit)
                return
        draft.add_text(text, unit)
        self.role(unit, "paragraph")

    def _wait_note(self, unit: Unit, draft: Draft | None) -> None:
        """Keep an editor's note for the next article; one already waiting stays with the
        article above."""
        if self.pending_note is not None and draft is not None:
            older, self.pending_note = self.pending_note, None
            draft.add_text(older.text, older)
            self.role(older, "paragraph", "an editor's note followed by another: kept as a "
                                          "paragraph where it stands")
            draft.notes.append(("unattached", "editor's note followed by another note kept as a "
                                "paragraph", older.first.line, "check the original"))
        self.pending_note = unit
        self.role(unit, "editor_note", unit.why + "; it goes to the next article")

    def _run_in(self, draft: Draft, text: str, found) -> str:
        """Move the run-in dateline and byline of ``text`` into ``draft``; the rest."""
        rule, dateline, byline, end = found
        draft.run_in_done = True
        if draft.bylines:                       # a byline line above: this is the dateline
            draft.dateline = " ".join(p for p in (dateline, byline) if p)
        else:
            draft.dateline = dateline
            if byline:
                draft.run_in_byline = byline
        return text[end:].lstrip(SP_CHARS)

    def _attach_note(self, unit: Unit, draft: Draft) -> None:
        m = R.EDITOR_NOTE.match(unit.text)
        draft.editor_note = unit.text[m.end():]
        draft.labels.append(unit.text[:m.end()])
        self.role(unit, "editor_note", unit.why)

    def _orphan(self, unit: Unit, what: str) -> bool:
        """Keep ``unit`` as the last paragraph of the last item; False when there is none."""
        if not self.items or self.items[-1].kind == "banner":
            return False
        item = self.items[-1]
        self.items[-1] = replace(item, paragraphs=item.paragraphs + (unit.text,))
        self.role(unit, "paragraph", f"{what}: kept as the last paragraph of the article "
                                     f"above", item=len(self.items) - 1)
        self.warn("unattached", f"{what} (line {unit.first.line}) kept as the last paragraph "
                  f"of the article above", unit.first.line,
                  "move it to the article it belongs to")
        return True

    def _orphan_note(self) -> None:
        unit, self.pending_note = self.pending_note, None
        if self._orphan(unit, "an editor's note with no article after it"):
            return
        draft = Draft(line=unit.first.line, evidence="")
        self._attach_note(unit, draft)
        draft.notes.append(("missing-headline", "an editor's note with no article",
                            unit.first.line, "add the article it belongs to"))
        self.draft = draft
        self._finish()

    def _credit(self, draft: Draft, unit: Unit) -> None:
        text, line = unit.text, unit.first.line
        photos = draft.photos
        if photos and not photos[-1][1]:
            photos[-1][1] = text
            self.role(unit, "credit", f"the credit of the picture captioned on line "
                                      f"{photos[-1][2]}")
        elif photos and R.GROUP_CREDIT.match(text):
            photos[-1][1] = photos[-1][1] + "　" + text
            self.role(unit, "credit", "a credit for the pictures above")
        elif (not photos and draft.photo_like() and draft.body
              and isinstance(draft.body[-1][0], str) and len(draft.body[-1][0]) <= R.CAPTION_MAX):
            caption, owner = draft.body.pop()
            photos.append([caption, text, owner.first.line, owner])
            self.role(owner, "caption", "the text above a photo credit line")
            self.role(unit, "credit", f"the credit of the picture captioned on line "
                                      f"{owner.first.line}")
        else:
            photos.append(["", text, line, unit])
            self.role(unit, "credit", "a picture credited on a line of its own")

    def _finish(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        index = len(self.items)
        item = draft.item()
        ident = make_id(item, index)
        self.items.append(item)
        self._join_notes(index)
        for code, message, line, hint in draft.notes:
            self.warn(code, message, line, hint, article=ident)
        if draft.guess:
            self.warn("headline-guess", f"taken as a headline: {item.headline} ({draft.guess})",
                      item.line, "check the original; if it is a subhead or the start of a "
                                 "paragraph, edit the imported article", article=ident)
        if draft.guessed_subheads:
            lines = ", ".join(map(str, draft.guessed_subheads))
            self.warn("subhead-guess", f"{len(draft.guessed_subheads)} short line(s) taken as "
                      f"subheads of {item.headline or 'the article'}: lines {lines}",
                      draft.guessed_subheads[0], "check the original; a line that is a new "
                      "article's headline needs its byline or a blank line more above it",
                      article=ident)
        if item.kind != "banner" and not item.paragraphs and not item.photos \
                and not item.byline and not item.editor_note and not item.lead:
            self.warn("empty-item", f"headline with no text under it: {item.headline}",
                      item.line, "check the original; the headline is kept as an empty "
                                 "article", article=ident)


@dataclass
class Draft:
    """An item being read."""

    line: int
    evidence: str
    kicker: str = ""
    headline: str = ""
    subheadline: str = ""
    bylines: list[str] = field(default_factory=list)
    run_in_byline: str = ""
    run_in_done: bool = False
    dateline: str = ""
    editor_note: str = ""
    lead: str = ""
    body: list[tuple[str | Subhead, Unit]] = field(default_factory=list)
    photos: list[list] = field(default_factory=list)    # [caption, credit, line, unit]
    labels: list[str] = field(default_factory=list)
    subheads: list[int] = field(default_factory=list)
    numbered_subheads: list[int] = field(default_factory=list)
    guessed_subheads: list[int] = field(default_factory=list)
    notes: list[tuple[str, str, int, str]] = field(default_factory=list)
    guess: str = ""

    def add_text(self, text: str, unit: Unit) -> None:
        self.body.append((text, unit))

    def photo_like(self) -> bool:
        return (not self.bylines and not self.run_in_byline and not self.dateline
                and not self.subheads)

    def item(self) -> ParsedItem:
        paragraphs = tuple(p for p, _ in self.body)
        photos = tuple(PhotoText(c, cr, ln) for c, cr, ln, _ in self.photos)
        texts = sum(len(p) for p in paragraphs if isinstance(p, str))
        photo = bool(photos) and self.photo_like() and texts <= R.CAPTION_MAX
        byline, position = "", None
        if self.bylines:
            byline, position = "　".join(self.bylines), "line"
        elif self.run_in_byline:
            byline, position = self.run_in_byline, "run_in"
        return ParsedItem("photo" if photo else "article", self.headline, self.line,
                          self.kicker, self.subheadline, byline, position, self.dateline,
                          self.editor_note, self.lead, paragraphs, photos, tuple(self.labels))


def usual_gap(units: list[Unit]) -> int:
    gaps = Counter(u.first.gap for u in units if u.kind == "text" and u.tag == "")
    return gaps.most_common(1)[0][0] if gaps else 1

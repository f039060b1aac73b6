"""Page-shaped plain text of one newspaper page → its items (banner, articles, photo items),
the page furniture, and the role of every line.

The text is what a paper's website or an editorial system gives for a page: blocks
separated by blank lines, articles following each other with no delimiter, paragraphs cut
where a column ended.  Reading goes in three steps, each one pass over the input:

Furniture (:func:`~layout.importer.classify.furniture_of`)
    责任编辑、版式设计、美编、校对 go to the page header's editor, designer and proofreader,
    制图 to its graphics credit, 资料来源 and other furniture to the page footer; a date, page
    label or section name that only repeats what the page header prints is reported.
    Every furniture line is reported as an ``info`` diagnostic saying where it went.

Units (:mod:`layout.importer.units`)
    A paragraph continues across a column break when the text before ends mid-sentence (no
    。！？… possibly inside closing quotes, no bracketed byline or photo credit at its end)
    or the next line starts with a mark no paragraph starts with (，。、）” …); in
    hard-wrapped text (most lines directly followed by another end mid-sentence) the lines
    of one block are one paragraph and an indented line starts a new one.  Joins are plain
    concatenation; suspicious ones (``JOIN_RULES``) are warnings naming the line.  Every
    other line is classified on its own: a byline line (本报记者 张三, ■記者 李詠琪, □ 王志强,
    本报评论员), a photo credit line (…摄, 新华社发, 以上图片均为…), a title line (short, no
    sentence in it: :func:`~layout.importer.classify.title_problem`), or text — a caption
    (图①…, 图为…), an editor's note (编者按：…), a marked lead (导语：…), an end mark (（完）) or
    a paragraph.

Items (:mod:`layout.importer.items`)
    Consecutive title lines form a title block.  A block starts a new item when something
    confirms it: a byline line, a run-in byline or dateline, an editor's note or a caption
    follows; a byline line, an editor's note, an end mark, a bracketed byline (（耿　磊）) or
    the credit of a picture item stands above it; more blank lines stand above it than
    between paragraphs; it has two or more lines; it is the first on the page.  Otherwise
    a numbered line (一、 1. ■ …) is a subhead of the article, and an unconfirmed short line
    is a subhead when the article has unnumbered subheads already or when it is one of
    several such lines of which some head more than one paragraph; a lone one with clause
    punctuation is the head of a paragraph cut by a column break; else it is a new
    headline (with a ``headline-guess`` warning).  In a block, dash lines are the
    subheadline (副题) and a last line that is a bare name the byline; of two lines the
    shorter first one is the kicker (引题) in simplified script, the second the deck in
    traditional script; three lines are kicker, headline and deck; at the top of the page
    a much longer first line (in two halves, or set apart) is the banner.  A first
    paragraph opening with 本报讯（…）, 本报北京1月1日电（…）, 新华社…电 or 〔記者…／台北報導〕
    gives its dateline and run-in byline.  Captions and credits become the item's
    pictures; an item with pictures and no byline, dateline or subheads and at most
    ``CAPTION_MAX`` characters of other text is a photo item.

Every guess that could be wrong is a warning naming its line; :func:`parse_page` also
returns each line's role and the rule that gave it, which ``import --explain`` prints.
Nothing is lost or duplicated: every non-blank character of the input is in an item
(labels such as 编者按： are listed in the item's ``labels``) or in the page furniture.
Reading is linear in the size of the input.
"""

from __future__ import annotations

from layout.diagnostics import Sink, fail
from layout.importer.classify import furniture_of, script_of, title_problem
from layout.importer.items import ItemReader
from layout.importer.page import (ID_PATTERN, Block, Furniture, ParsedItem, ParsedPage,
                                  PhotoText, make_id)
from layout.importer.source import MAX_TEXT_BYTES, normalise, read_page_text
from layout.importer.units import UnitReader, split_lines

__all__ = ["ID_PATTERN", "MAX_TEXT_BYTES", "Block", "Furniture", "ParsedItem", "ParsedPage",
           "PhotoText", "furniture_of", "make_id", "parse_page", "parse_page_text",
           "read_page_text", "script_of", "title_problem"]


def parse_page(text: str, *, file: str = "", sink: Sink | None = None) -> ParsedPage:
    """The items, furniture and line roles of one page's text.

    ``file`` names the source in diagnostics; warnings and furniture notes go to ``sink``.
    Raises :class:`~layout.diagnostics.EpaperError` (``import-empty``) when the text holds
    no article text."""
    sink = sink if sink is not None else Sink()
    text = normalise(text)
    where = file or None
    hint = "give the plain text of one newspaper page: headlines, then their paragraphs"
    if not text.strip():
        raise fail("import-empty", "the page text is empty", file=where, hint=hint)
    language, simplified, traditional = script_of(text)
    lines = split_lines(text)
    reader = ItemReader(where, sink, language)
    if simplified >= 5 and traditional >= 5 and min(simplified, traditional) * 5 > \
            max(simplified, traditional):
        reader.warn("mixed-script", f"the text mixes simplified ({simplified}) and "
                    f"traditional ({traditional}) characters; read as {language}", None,
                    "set language: in edition.yaml if this is wrong")
    units = UnitReader(lines).units()
    reader.read(units)
    furniture = tuple(u.furniture for u in units if u.kind == "furniture")
    for f in furniture:
        where_to = {"header": "page header", "footer": "page footer",
                    "reported": "left out (the page header prints it)"}[f.place]
        fields = ", ".join(f"{k} {v}" for k, v in f.fields)
        reader.note("page-furniture", f"page furniture ({f.rule}) → {where_to}"
                    + (f": {fields}" if fields else f": {f.text}"), f.line,
                    {"text": f.text, "rule": f.rule, "place": f.place})
    for item in reader.items:
        for label in item.labels:
            reader.note("label", f"the label “{label.strip()}” is printed by the style "
                        f"sheet, not kept in the text", item.line, {"text": label})
    reader.summarise()
    items = tuple(reader.items)
    if not any(item.kind != "banner" and (item.texts or item.byline or item.photos
                                          or item.editor_note) for item in items):
        heads = [u.first.line for u in units if u.kind == "title"]
        detail = (f"lines {heads[0]}-{heads[-1]} are all headline-shaped" if len(heads) > 1
                  else "only page furniture" if not heads else f"only the headline on line "
                  f"{heads[0]}")
        raise fail("import-empty", f"found no article text ({detail})", file=where, hint=hint)
    by_line = {f.line: f for f in furniture}
    blocks = []
    for line in lines:
        if line.line in by_line:
            f = by_line[line.line]
            place = {"header": "the page header", "footer": "the page footer",
                     "reported": "reported (the page header prints it)"}[f.place]
            blocks.append(Block(line.line, line.text, "furniture", f"{f.rule} → {place}"))
            continue
        role, why, item = reader.roles[line.line]
        blocks.append(Block(line.line, line.text, role, why, item))
    return ParsedPage(items, tuple(blocks), furniture, language)


def parse_page_text(text: str, *, file: str = "", sink: Sink | None = None
                    ) -> list[ParsedItem]:
    """The items of one page's text, in page order (the banner first if there is one)."""
    return list(parse_page(text, file=file, sink=sink).items)

"""The model: frozen dataclasses for editions, pages, slots, articles, styles and font sets.

Every YAML key is declared here once, with its type, default and help; validation, error
messages and the key reference (``epaper keys``) are derived from these declarations.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Union

from layout.spec.schema import REQUIRED, Where, key, located

CMYK = tuple[float, float, float, float]   # four percentages (a type of its own)
BLACK: CMYK = (0.0, 0.0, 0.0, 100.0)


def _check_cmyk(color: CMYK, what: str) -> None:
    if len(color) != 4 or any(not 0 <= c <= 100 for c in color):
        raise ValueError(f"{what} must be four CMYK percentages 0-100, e.g. [0, 100, 100, 10]")


# --------------------------------------------------------------------------- articles
@dataclass(frozen=True, kw_only=True)
class Photo:
    """A picture of an article: the image file (or a placeholder), its caption and credit."""

    file: Path | None = key(None, "image file (JPEG or PNG), relative to the article file; "
                                  "leave out for a placeholder box")
    caption: str = key("", "图片说明: the caption set under the picture")
    credit: str = key("", "photographer credit, e.g. 本报记者 周美玉 摄影报道")
    fit: Literal["cover", "contain"] = key("cover", "cover: fill the area and crop; "
                                           "contain: show the whole picture, letter-boxed")
    focus_x: float = key(0.5, "horizontal focal point kept when cropping (0 left, 1 right)",
                         minimum=0, maximum=1)
    focus_y: float = key(0.5, "vertical focal point kept when cropping (0 top, 1 bottom)",
                         minimum=0, maximum=1)


@dataclass(frozen=True, kw_only=True)
class Booking:
    """What an advertisement was booked as: its size (广告尺寸) and client."""

    width_mm: float | None = key(None, "booked width in mm; the placed size is checked "
                                       "against it", minimum=10, maximum=2000)
    height_mm: float | None = key(None, "booked height in mm", minimum=10, maximum=2000)
    client: str = key("", "the advertiser (shown in reports and the e-paper)")
    tolerance_mm: float = key(2.0, "how far the placed size may differ from the booked "
                                   "size, in mm", minimum=0, maximum=50)


@dataclass(frozen=True, kw_only=True)
class Subhead:
    """An in-article subhead (小标题) between paragraphs: ``- {subhead: 一、…}``."""

    subhead: str = key(REQUIRED, "小标题: set in the subhead style on whole grid lines, "
                                 "never a separate article")


#: An item of an article's body: a paragraph (text) or a subhead.
BodyItem = Union[str, Subhead]


@dataclass(frozen=True, kw_only=True)
class Article:
    """One item of the edition: a news article, a photo item, the page banner or an advert."""

    id: str = key(REQUIRED, "unique id, used by page slots (e.g. a01)")
    kind: Literal["article", "photo", "banner", "advert"] = key(
        "article", "article: headline and body; photo: picture with a short text; "
                   "banner: 通栏标题 across the page; advert: the picture or PDF of "
                   "photos[0] filling the slot, no text")
    kicker: str = key("", "引题: the line above the headline")
    headline: str = key("", "主题: the headline")
    subheadline: str = key("", "副题: the line below the headline")
    byline: str = key("", "authors, e.g. 本报记者 张三 (a line of its own) or a run-in "
                          "本报讯（记者 宗晓畅）")
    byline_position: Literal["run_in", "line"] | None = key(
        None, "run_in: at the start of the first paragraph; line: a line of its own under "
              "the headline (default: the style sheet's byline.run_in)")
    dateline: str = key("", "电头 kept with the first paragraph and set at its start, e.g. "
                            "本报北京1月1日电 or 新华社北京1月1日电")
    editor_note: str = key("", "编者按: the editor's note set above the body")
    lead: str = key("", "导语: the lead-in set above the body, across the slot")
    paragraphs: tuple[BodyItem, ...] = key(
        (), "the body in order: paragraphs (text) and subheads ({subhead: 一、…})")
    photos: tuple[Photo, ...] = key((), "pictures, in order")
    advert: Booking | None = key(None, "kind advert: the booked size and the client")
    where: Where = located()

    def __post_init__(self) -> None:
        if not self.id or not all(c.isalnum() or c in "-_" for c in self.id):
            raise ValueError(f"article id {self.id!r} must be letters, digits, '-' or '_'")
        if self.advert is not None and self.kind != "advert":
            raise ValueError("'advert:' belongs to an article of kind: advert")
        if self.kind == "advert" and len(self.photos) != 1:
            raise ValueError("an advert has exactly one picture: photos: [{file: "
                             "ads/NAME.pdf}] (a PDF, JPEG, PNG or TIFF file)")

    @property
    def texts(self) -> tuple[str, ...]:
        """The paragraphs' text, subheads left out."""
        return tuple(p for p in self.paragraphs if isinstance(p, str))

    def run_in(self, style_default: bool) -> bool:
        """Is the byline run in at the start of the first paragraph?"""
        return style_default if self.byline_position is None else \
            self.byline_position == "run_in"


# --------------------------------------------------------------------------- pages
@dataclass(frozen=True, kw_only=True)
class PhotoArea:
    """Room for an article's picture inside its slot."""

    position: Literal["top", "bottom"] = key("top", "top: under the headline; bottom: at the "
                                                    "foot of the slot")
    lines: int = key(REQUIRED, "height of the picture and its caption, in grid lines", minimum=3)
    columns: int | None = key(None, "width in body columns of the slot (default: all)",
                              minimum=1)


@dataclass(frozen=True, kw_only=True)
class Jump:
    """Where an article continues (转版)."""

    page: int = key(REQUIRED, "page number (版次) the article continues on", minimum=1)
    slot: str = key(REQUIRED, "name of the slot on that page")


@dataclass(frozen=True, kw_only=True)
class Slot:
    """A rectangle of the page grid holding one article."""

    article: str = key(REQUIRED, "id of the article placed here")
    column: int = key(REQUIRED, "first page column, counted from 1 at the left", minimum=1)
    span: int = key(REQUIRED, "number of page columns the slot covers", minimum=1)
    top: int = key(REQUIRED, "first grid line, counted from 0 at the top of the grid",
                   minimum=0)
    height: int = key(REQUIRED, "height in grid lines", minimum=1)
    name: str = key("", "slot name used in reports and jumps (default: s1, s2, … in order)")
    columns: int | None = key(None, "body text columns inside the slot (default: span)",
                              minimum=1)
    headline_columns: int | None = key(None, "page columns the headline spans (default: span)",
                                       minimum=1)
    headline_align: Literal["left", "center"] | None = key(
        None, "headline alignment (default: the style sheet's)")
    headline_size: float | None = key(
        None, "largest headline size in pt, fitted down to the style's min_size (default: "
              "the headline style's size; `epaper place` writes it from headline_ranks)",
        minimum=4, maximum=300)
    vertical_headline: bool = key(False, "set the headline top to bottom at the slot's right")
    vertical_headline_align: Literal["top", "center", "bottom"] = key(
        "top", "where a vertical headline stands in the slot's height: top (level with the "
               "first line of text), center or bottom")
    photo: PhotoArea | None = key(None, "room for the article's picture")
    box: bool = key(False, "draw a frame (边框) around the slot")
    rule: bool = key(True, "draw thin rules between this slot and its neighbours")
    continues: Jump | None = key(None, "the article continues on a later page (转版)")
    where: Where = located()


@dataclass(frozen=True, kw_only=True)
class Margins:
    """Page margins in millimetres (trim edge to the grid)."""

    top: float = key(20.0, "top margin, above the page header", minimum=0)
    bottom: float = key(18.0, "bottom margin", minimum=0)
    inside: float = key(18.0, "margin at the spine", minimum=0)
    outside: float = key(18.0, "margin at the outer edge", minimum=0)


@dataclass(frozen=True, kw_only=True)
class Grid:
    """The page's column grid and baseline grid."""

    columns: int | None = key(None, "number of page columns (default from the page size: "
                                    "broadsheet 8, tabloid 6)", minimum=1, maximum=20)
    column_chars: int | None = key(None, "column width in body characters (字/栏; default: "
                                         "broadsheet 13, tabloid 11)", minimum=4, maximum=60)
    gutter_chars: float = key(1.0, "gutter between columns in body characters", minimum=0.5)
    body_size: float = key(9.0, "body text size in pt (the character grid)", minimum=5,
                           maximum=16)
    leading: float | None = key(None, "baseline-to-baseline distance of body text in pt "
                                      "(the baseline grid; default 1.5 x body size)", minimum=5)


@dataclass(frozen=True, kw_only=True)
class Header:
    """The page header (版头): page number, section, date, editors."""

    show: bool = key(True, "draw the page header")
    editor: str = key("", "责任编辑 (editor in charge)")
    designer: str = key("", "美编 (designer)")
    proofreader: str = key("", "校对 (proofreader)")
    graphics: str = key("", "制图 (graphics)")


@dataclass(frozen=True, kw_only=True)
class PageSpec:
    """One page (版): its size, grid, header and the slots that place articles."""

    number: int = key(REQUIRED, "page number (版次)", minimum=1)
    section: str = key("", "section name (版名), e.g. 工会新闻")
    size: Literal["broadsheet", "tabloid", "custom"] = key(
        "broadsheet", "broadsheet 对开 (390 x 540 mm), tabloid 四开 (270 x 390 mm), or custom")
    width_mm: float | None = key(None, "trim width in mm (custom size)", minimum=50)
    height_mm: float | None = key(None, "trim height in mm (custom size)", minimum=50)
    margins: Margins = key(Margins(), "margins in mm")
    grid: Grid = key(Grid(), "column and baseline grid")
    header: Header = key(Header(), "page header")
    slots: tuple[Slot, ...] = key((), "the articles placed on this page")
    place: tuple[str, ...] = key((), "articles `epaper place` places on this page, the most "
                                     "important first (the lead); their slots are chosen "
                                     "anew each time it runs, other slots are kept")
    footer: tuple[str, ...] = key((), "lines of page furniture at the foot of the page "
                                      "(资料来源, 本版图片 …)")
    masthead: bool = key(False, "print the edition's masthead (报头) at the top of this "
                                "page (the front page) instead of the page header")
    masthead_lines: int | None = key(None, "grid lines the masthead takes above the slots "
                                           "(default: broadsheet 11, tabloid 9, custom 9)",
                                     minimum=5, maximum=40)
    where: Where = located()

    def __post_init__(self) -> None:
        if self.size == "custom" and (self.width_mm is None or self.height_mm is None):
            raise ValueError("size: custom needs width_mm and height_mm")
        if self.masthead_lines is not None and not self.masthead:
            raise ValueError("masthead_lines needs masthead: true")


# --------------------------------------------------------------------------- style sheet
@dataclass(frozen=True, kw_only=True)
class TextStyle:
    """How one kind of text is set."""

    font: str = key("song", "font role from the font set (song 宋, hei 黑, kai 楷, …)")
    size: float = key(9.0, "size in pt (body text takes the page grid's size)", minimum=4,
                      maximum=300)
    leading: float | None = key(None, "baseline distance in pt (default 1.25 x size; body "
                                      "text uses the page's baseline grid)", minimum=1)
    color: CMYK = key(BLACK, "CMYK colour in percent, e.g. [0, 100, 100, 10]")
    spot: str = key("", "spot colour (专色) this style prints in, e.g. PANTONE 485 C; "
                        "'color' is then its CMYK equivalent for proofs")
    align: Literal["justify", "left", "center", "right"] = key("left", "alignment")
    indent: float = key(0.0, "first-line indent in characters", minimum=0)
    tracking: float = key(0.0, "extra space between characters in em (negative tightens)",
                          minimum=-0.3, maximum=2)
    min_size: float | None = key(None, "smallest size when a headline is fitted to its width",
                                 minimum=4)
    space_before: float = key(0.0, "space above the block in pt", minimum=0)
    space_after: float = key(0.0, "space below the block in pt", minimum=0)
    run_in: bool = key(True, "byline: run in at the start of the first paragraph "
                             "(false: a line of its own)")

    def __post_init__(self) -> None:
        _check_cmyk(self.color, "color")


@dataclass(frozen=True, kw_only=True)
class Typography:
    """Chinese text setting rules (clreq)."""

    punctuation: Literal["gb", "cns"] = key(
        "gb", "punctuation style: gb (mainland, marks in the lower left) or cns (Taiwan and "
              "Hong Kong, centred marks); zh-Hant editions default to cns")
    line_end: Literal["full", "half"] = key(
        "full", "closing punctuation at a line end: full width (on the character grid) or "
                "half width")
    hanging: bool = key(False, "let ，。、 hang past the column edge when that avoids pushing "
                               "a character down")
    cjk_latin_space: float = key(0.0, "space between ideographs and Latin letters or digits, "
                                      "in em (0.25 = a quarter em)", minimum=0, maximum=0.5)
    max_stretch: float = key(0.25, "extra space between two characters, in em, above which a "
                                   "line counts as loose", minimum=0.05, maximum=2)
    max_shrink: float = key(0.05, "space that may be taken from between two ideographs, in "
                                  "em, when pushing in", minimum=0, maximum=0.25)
    flush_cost: int = key(25, "how much looser or tighter (in the breaker's demerits) a "
                              "paragraph may be set one line longer or shorter so that the "
                              "columns of a text end on one baseline (齐底) unnoticed: 10 "
                              "is about one line 0.15 em looser, 40 one line 0.2 em "
                              "looser; when no such choice exists, the paragraphs where "
                              "it shows least, none spread looser than the text's loosest "
                              "line; 0 keeps every paragraph as it sets best and ends the "
                              "last column short", minimum=0, maximum=10000)


@dataclass(frozen=True, kw_only=True)
class StyleSheet:
    """Named text styles and typography settings."""

    name: str = key("", "name shown in reports")
    typography: Typography = key(Typography(), "Chinese text setting rules")
    banner: TextStyle = key(TextStyle(font="heavy", size=40, color=(0, 100, 100, 10),
                                      align="center"), "通栏标题 across the page")
    kicker: TextStyle = key(TextStyle(font="song", size=12), "引题 above the headline")
    headline: TextStyle = key(TextStyle(font="hei", size=20, min_size=14), "主题")
    headline_ranks: tuple[float, ...] = key(
        (), "headline sizes in pt by an article's place in the page order when `epaper "
            "place` sets a page: the lead's first, each later article's the next, the "
            "last for all after (empty: every headline at the headline style's size)",
        minimum=4, maximum=300)
    subheadline: TextStyle = key(TextStyle(font="song", size=12), "副题 below the headline")
    byline: TextStyle = key(TextStyle(font="kai", size=9), "本报讯 dateline and authors")
    body: TextStyle = key(TextStyle(font="song", size=9, align="justify", indent=2),
                          "body text")
    photo_headline: TextStyle = key(TextStyle(font="hei", size=14, min_size=10),
                                    "headline of a photo item")
    subhead: TextStyle = key(TextStyle(font="hei", size=9, space_before=2),
                             "小标题 inside an article")
    lead: TextStyle = key(TextStyle(font="kai", size=10, align="justify", indent=2),
                          "导语 above the body")
    editor_note: TextStyle = key(TextStyle(font="kai", size=9, align="justify", indent=2),
                                 "编者按 above the body")
    footer: TextStyle = key(TextStyle(font="song", size=7), "page footer text")
    caption: TextStyle = key(TextStyle(font="kai", size=9, align="justify"), "图片说明")
    credit: TextStyle = key(TextStyle(font="kai", size=8, align="right"), "photo credit")
    jump: TextStyle = key(TextStyle(font="hei", size=8, align="right"), "下转第N版 / 上接第N版")
    header: TextStyle = key(TextStyle(font="song", size=9), "page header text")
    header_number: TextStyle = key(TextStyle(font="heavy", size=22), "page number in the header")
    header_section: TextStyle = key(TextStyle(font="hei", size=18), "section name in the header")
    placeholder: TextStyle = key(TextStyle(font="hei", size=14, color=(0, 0, 0, 40),
                                           align="center"), "图片 in a placeholder box")
    masthead: TextStyle = key(TextStyle(font="heavy", size=120, min_size=24,
                                        color=(0, 100, 100, 10), tracking=0.08),
                              "the newspaper's name in the masthead (报头); size is the "
                              "largest it is set at, fitted to the masthead's room")
    masthead_date: TextStyle = key(TextStyle(font="hei", size=10.5),
                                   "date, weekday and lunar date in the masthead")
    masthead_details: TextStyle = key(TextStyle(font="song", size=8),
                                      "issue, CN / ISSN, price and website in the masthead")
    masthead_slogan: TextStyle = key(TextStyle(font="kai", size=11, color=(0, 100, 100, 10)),
                                     "the slogan under the newspaper's name")
    rule_width: float = key(0.4, "width of the rules between articles, in pt", minimum=0.1,
                            maximum=2)
    header_rule_width: float = key(1.0, "width of the rule under the page header, in pt",
                                   minimum=0.1, maximum=4)
    masthead_rule_width: float = key(2.0, "width of the thick rule under the masthead (a "
                                          "thin one runs beside it), in pt", minimum=0.3,
                                     maximum=6)
    rule_color: CMYK = key(BLACK, "CMYK colour of rules")
    where: Where = located()

    def __post_init__(self) -> None:
        _check_cmyk(self.rule_color, "rule_color")
        if list(self.headline_ranks) != sorted(self.headline_ranks, reverse=True):
            raise ValueError("headline_ranks must not grow down the page order: give the "
                             "largest size first, e.g. [30, 24, 20]")


# --------------------------------------------------------------------------- fonts
@dataclass(frozen=True, kw_only=True)
class FontSet:
    """Font roles and their fallback chains (fonts/fonts.yaml)."""

    name: str = key("", "name shown in reports")
    roles: dict[str, tuple[str, ...]] = key(
        REQUIRED, "role name → fonts tried in order for each character: a family name "
                  "(fontconfig), or a file path, optionally with #index or #face name for a "
                  "collection")
    where: Where = located()


# --------------------------------------------------------------------------- print
@dataclass(frozen=True, kw_only=True)
class PrintSettings:
    """What the printing plant receives: bleed, marks, colour, PDF/X."""

    bleed_mm: float = key(3.0, "bleed beyond the trim on every side, in mm", minimum=0,
                          maximum=20)
    marks: bool = key(False, "crop and registration marks outside the bleed (also --marks)")
    slug_mm: float = key(10.0, "room outside the bleed for the marks, in mm", minimum=5,
                         maximum=30)
    overprint_black: bool = key(True, "black (K-only) text and rules overprint, so "
                                      "misregistration never shows a white gap")
    images: Literal["cmyk", "gray", "keep"] = key(
        "cmyk", "picture colour: convert RGB pictures to cmyk or gray, or keep them as they "
                "are (RGB pictures then get a warning)")
    pdfx: bool = key(False, "write PDF/X-1a:2003 (OutputIntent, PDF/X keys; also --pdfx)")
    output_intent: Path | None = key(None, "CMYK ICC profile of the printing condition, "
                                           "relative to the edition (needed for PDF/X)")
    output_condition: str = key("CGATS TR 001", "output condition identifier of the "
                                                "profile, e.g. FOGRA39 or CGATS TR 001")
    min_text_pt: float = key(5.0, "smallest text size the press can hold; smaller text is "
                                  "a preflight error", minimum=1)
    ink_limit: float = key(240.0, "total area coverage the press holds, in percent of "
                                  "C+M+Y+K (newsprint: 240; coated paper: 300-330); "
                                  "pictures above it get a warning", minimum=100,
                           maximum=400)


# --------------------------------------------------------------------------- edition
@dataclass(frozen=True, kw_only=True)
class Paths:
    """Where an edition's files may come from besides its own folder."""

    allow: tuple[Path, ...] = key(
        (), "folders outside the edition whose files it may use (shared pictures, licensed "
            "fonts, the press's ICC profile), absolute or relative to the edition; every "
            "other file must lie inside the edition folder, symlinks followed")


@dataclass(frozen=True, kw_only=True)
class Masthead:
    """The front page's masthead (报头): the newspaper's name, or its logo, and the issue's
    details beside it."""

    name: str = key("", "the name set large (default: the edition's name)")
    logo: Path | None = key(None, "the name as a picture instead: a PNG, JPEG or TIFF, or "
                                  "a PDF (rasterised at 1200 ppi), relative to edition.yaml")
    layout: Literal["left", "center"] = key(
        "left", "left: the name at the left, the details beside it at the right; center: "
                "the name in the middle, the details at both sides")
    slogan: str = key("", "a line under the name, e.g. 首都职工的贴心报")
    lunar: bool = key(True, "print the lunar date (农历甲辰年正月十七) under the date")
    pages: bool = key(True, "print 今日N版, the number of pages of the edition")
    publisher: str = key("", "主管主办, e.g. 北京市总工会主管主办")
    cn: str = key("", "国内统一连续出版物号, e.g. CN11-0258")
    issn: str = key("", "ISSN, e.g. 1671-0916")
    postal_code: str = key("", "邮发代号, e.g. 1-188")
    price: str = key("", "零售价, e.g. 1.00元")
    website: str = key("", "website, e.g. www.ldwb.com.cn")


@dataclass(frozen=True, kw_only=True)
class EditionSpec:
    """One issue of the paper: its name, date, styles, fonts and pages."""

    name: str = key(REQUIRED, "newspaper name, e.g. 劳动午报")
    date: _dt.date = key(REQUIRED, "issue date, YYYY-MM-DD (also the PDF creation date)")
    issue: str = key("", "issue number, e.g. 第8123期")
    language: Literal["zh-Hans", "zh-Hant"] = key("zh-Hans", "script of the text")
    style: str = key("newspaper", "style sheet: a name (the edition's styles/NAME.yaml, "
                                  "else epaper's packaged default) or a file path inside "
                                  "the edition")
    fonts: str = key("fonts", "font set: a name (the edition's fonts/NAME.yaml, else "
                              "epaper's packaged default) or a file path inside the edition")
    articles: str = key("articles", "folder of article files, relative to the edition")
    pages: tuple[str, ...] = key(REQUIRED, "page spec files in order, relative to the edition")
    print: PrintSettings = key(PrintSettings(), "print output: bleed, marks, colour, PDF/X")
    masthead: Masthead = key(Masthead(), "the front page's masthead (报头); a page spec asks "
                                         "for it with masthead: true")
    paths: Paths = key(Paths(), "folders outside the edition it may use")
    where: Where = located()


# --------------------------------------------------------------------------- file kinds
#: The file kinds of an edition, by the names ``epaper keys`` gives them.
FILE_KINDS: dict[str, type] = {"edition": EditionSpec, "page": PageSpec, "article": Article,
                               "style": StyleSheet, "fonts": FontSet}
#: What the declarations cannot say by type alone: a colour is four percentages.
CMYK_SCHEMA = {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 100},
               "minItems": 4, "maxItems": 4}


def json_schema(kind: str) -> dict:
    """The JSON Schema (draft 2020-12) of one file kind (edition, page, article, style,
    fonts), for editors that complete and check YAML as it is typed."""
    from layout.spec.schema import json_schema as derive
    titles = {"edition": "epaper edition (edition.yaml)", "page": "epaper page spec",
              "article": "epaper article", "style": "epaper style sheet",
              "fonts": "epaper font set"}
    return derive(FILE_KINDS[kind], titles[kind], {CMYK: CMYK_SCHEMA})

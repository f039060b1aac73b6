"""ALTO and METS from the page model: schema-valid, every String's box holds the glyphs
the PDF draws for it, words and characters cut as a library expects, the reading order
and the jumps between pages linked, METS checksums and areas pointing at real blocks."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET

import pdfplumber
import pytest

from layout.display import BlockId, FaceKey, GlyphRun, TextLine
from layout.writers.alto import ALTO_NS, MM10, line_words
from layout.writers.mets import METS_NS
from tests.archive.conftest import SEEDS, XLINK

A = f"{{{ALTO_NS}}}"
M = f"{{{METS_NS}}}"


def _alto_files(folder):
    return sorted((folder / "alto").glob("page-*.xml"))


@pytest.mark.parametrize("seed", SEEDS)
def test_alto_and_mets_are_valid(seed, built_seeds, alto_schema, mets_schema):
    folder = built_seeds[seed]
    files = _alto_files(folder)
    assert files and len(files) == len(list(folder.glob("page-*.pdf")))
    for file in files:
        errors = [str(e)[:300] for e in alto_schema.iter_errors(str(file))]
        assert not errors, f"{file.name}: {errors[:3]}"
    errors = [str(e)[:300] for e in mets_schema.iter_errors(str(folder / "mets.xml"))]
    assert not errors, errors[:3]


def _pt(el, name):
    return float(el.get(name)) / MM10


@pytest.mark.parametrize("seed", SEEDS)
def test_every_string_box_holds_its_glyphs_in_the_pdf(seed, built_seeds):
    """Each glyph pdfplumber finds in a page PDF lies within 0.5 pt of the box of a String
    with its text, and each String's glyphs, in order, spell its CONTENT."""
    folder = built_seeds[seed]
    checked = 0
    for file in _alto_files(folder):
        root = ET.parse(file).getroot()
        missing = {s.get("ID") for s in root.iter(f"{A}TextStyle")
                   if s.get("FONTFAMILY") == "missing"}
        with pdfplumber.open(folder / file.name.replace(".xml", ".pdf")) as pdf:
            page = pdf.pages[0]
            left, top = page.trimbox[0], page.trimbox[1]
            strings = []
            for s in root.iter(f"{A}String"):
                if s.get("STYLEREFS") in missing:
                    continue
                x0, y0 = left + _pt(s, "HPOS"), top + _pt(s, "VPOS")
                strings.append({"text": s.get("CONTENT"), "box": (
                    x0, y0, x0 + _pt(s, "WIDTH"), y0 + _pt(s, "HEIGHT")), "chars": [],
                    "vertical": False})
            for line in root.iter(f"{A}TextLine"):
                if line.get("BASEDIRECTION") == "ttb":
                    for s in line.iter(f"{A}String"):
                        for entry in strings:
                            if entry["text"] == s.get("CONTENT"):
                                entry["vertical"] = True
            for ch in page.chars:
                fits = [s for s in strings
                        if ch["text"] in s["text"]
                        and s["box"][0] - 0.5 <= ch["x0"] and ch["x1"] <= s["box"][2] + 0.5
                        and s["box"][1] - 0.5 <= ch["top"] and ch["bottom"] <= s["box"][3] + 0.5]
                assert fits, (f"{file.name}: glyph {ch['text']!r} at ({ch['x0']:.2f}, "
                              f"{ch['top']:.2f}) is in no String's box")
                cx = (ch["x0"] + ch["x1"]) / 2
                cy = (ch["top"] + ch["bottom"]) / 2
                best = min(fits, key=lambda s: abs((s["box"][0] + s["box"][2]) / 2 - cx) +
                           abs((s["box"][1] + s["box"][3]) / 2 - cy))
                best["chars"].append(ch)
            for s in strings:
                order = sorted(s["chars"], key=lambda c: (c["top"], c["x0"]) if s["vertical"]
                               else (c["x0"], c["top"]))
                assert "".join(c["text"] for c in order) == s["text"], \
                    f"{file.name}: String {s['text']!r} at {s['box']} holds " \
                    f"{[c['text'] for c in order]}"
                checked += 1
    assert checked > 100


def _line(text: str, clusters: list[str], advances: list[float], size: float = 9.0):
    starts, xs, x, pos = [], [], 10.0, 0
    for cluster, advance in zip(clusters, advances):
        pos = text.index(cluster, pos)
        starts.append(pos)
        xs.append(x)
        x += advance
        pos += len(cluster)
    face = FaceKey("0" * 64, 0, "f.otf", "Test")
    run = GlyphRun(face, size, (0, 0, 0, 100), "body", tuple(range(1, len(clusters) + 1)),
                   tuple(clusters), tuple(starts), tuple(xs), tuple(advances), 100.0)
    return TextLine(BlockId("a", "paragraph"), 0, 10.0, 100.0, x - 10.0, 7.92, 1.08, text,
                    (run,))


def test_cjk_characters_are_strings_of_their_own_and_latin_words_whole():
    text = "本报讯（记者 宗晓畅）Hello, world 2024年“好”"
    clusters = [c for c in text if c != " "]
    wide = {c: 9.0 for c in "本报讯（记者宗晓畅）年“”好"}
    line = _line(text, clusters, [wide.get(c, 5.0) for c in clusters])
    words = line_words(line)
    assert [w.text for w in words] == ["本", "报", "讯", "（", "记", "者", "宗", "晓", "畅",
                                       "）", "Hello,", "world", "2024", "年", "“", "好", "”"]
    spaced = [w.text for w in words if w.space_after]
    assert spaced == ["者", "Hello,", "world"]
    hello = words[10]
    assert hello.box[0] == pytest.approx(words[9].box[2])
    assert hello.box[2] - hello.box[0] == pytest.approx(6 * 5.0)


def test_variation_sequences_stay_with_their_character():
    text = "葛\U000E0100然"
    line = _line(text, ["葛\U000E0100", "然"], [9.0, 9.0])
    assert [w.text for w in line_words(line)] == ["葛\U000E0100", "然"]


def _blocks(root):
    return {b.get("ID"): b for b in root.iter(f"{A}TextBlock")}


@pytest.mark.parametrize("seed", SEEDS)
def test_reading_order_visits_every_block_once(seed, built_seeds):
    for file in _alto_files(built_seeds[seed]):
        root = ET.parse(file).getroot()
        blocks = _blocks(root)
        targets = [b.get("IDNEXT") for b in blocks.values() if b.get("IDNEXT")]
        assert len(set(targets)) == len(targets)
        start = [i for i in blocks if i not in targets]
        assert len(start) == 1, f"{file.name}: the chain starts at {start}"
        seen, at = [], start[0]
        while at:
            seen.append(at)
            at = blocks[at].get("IDNEXT")
        assert sorted(seen) == sorted(blocks)
        refs = [r.get("REF") for r in root.iter(f"{A}ElementRef")]
        assert refs == seen                   # the grouped order is the same order
        tags = {t.get("ID"): t for t in root.find(f"{A}Tags")}
        for b in blocks.values():
            kinds = [tags[t].tag.split("}")[1] for t in b.get("TAGREFS").split()]
            assert "RoleTag" in kinds


def test_jumps_point_at_the_continuation_on_the_other_page(built_seeds):
    folder = built_seeds["laodong-jump"]
    roots = {f.name: ET.parse(f).getroot() for f in _alto_files(folder)}
    found = {}
    for name, root in roots.items():
        for tag in root.iter(f"{A}OtherTag"):
            target_file, _, target = tag.get("URI").partition("#")
            assert target in _blocks(roots[target_file])
            users = [b for b in _blocks(root).values() if tag.get("ID") in
                     b.get("TAGREFS").split()]
            assert users and all("jump" in b.get("ID") for b in users)
            found[tag.get("TYPE")] = (name, target_file, target)
    assert found["continued-on"][:2] == ("page-01.xml", "page-02.xml")
    assert found["continued-from"][:2] == ("page-02.xml", "page-01.xml")
    # the article's text on page 2 is the same article: one StructureTag id on both pages
    for root in roots.values():
        assert "ART_haidian" in {t.get("ID") for t in root.iter(f"{A}StructureTag")}
    # pictures and rules are there too
    page2 = roots["page-02.xml"]
    assert [i.get("TAGREFS") for i in page2.iter(f"{A}Illustration")] == ["ART_bahe"]
    assert list(roots["page-01.xml"].iter(f"{A}GraphicalElement"))


@pytest.mark.parametrize("seed", ["laodong-jump", "laodong-2024-02-26"])
def test_mets_lists_every_output_with_its_checksum_and_links_articles(seed, built_seeds):
    folder = built_seeds[seed]
    root = ET.parse(folder / "mets.xml").getroot()
    files = {}
    for f in root.iter(f"{M}file"):
        href = f.find(f"{M}FLocat").get(f"{{{XLINK}}}href")
        data = (folder / href).read_bytes()
        assert f.get("CHECKSUM") == hashlib.sha256(data).hexdigest()
        assert int(f.get("SIZE")) == len(data)
        files[f.get("ID")] = href
    assert {"PDF_EDITION"} < set(files) and any(i.startswith("ALTO_") for i in files)
    logical = root.find(f"{M}structMap[@TYPE='LOGICAL']")
    articles = [d for d in logical.iter(f"{M}div") if d.get("TYPE") in ("article", "photo",
                                                                        "banner")]
    assert articles
    alto = {}
    for d in articles:
        areas = list(d.iter(f"{M}area"))
        assert areas, d.get("ID")
        for area in areas:
            name = files[area.get("FILEID")]
            alto.setdefault(name, {e.get("ID") for e in ET.parse(folder / name).iter()
                                   if e.get("ID")})
            assert area.get("BEGIN") in alto[name]
    ids = {e.get("ID") for e in root.iter() if e.get("ID")}
    for link in root.iter(f"{M}smLink"):
        assert link.get(f"{{{XLINK}}}from") in ids and link.get(f"{{{XLINK}}}to") in ids
    pages = root.find(f"{M}structMap[@TYPE='PHYSICAL']").findall(f"{M}div/{M}div")
    assert [p.get("TYPE") for p in pages] == ["page"] * len(list(folder.glob("page-*.pdf")))
    title = root.find(".//{http://www.loc.gov/mods/v3}title").text
    assert title == "劳动午报"


def test_build_alto_writes_alto_and_mets_beside_the_pdfs(tmp_path, alto_schema):
    import json

    from layout.cli import main
    from tests.conftest import write_edition
    edition = write_edition(tmp_path / "ed")
    out = tmp_path / "out"
    assert main(["build", str(edition), "--out", str(out), "--alto", "--quiet"]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert sorted(report["outputs"]) == ["alto/page-03.xml", "edition.pdf", "mets.xml",
                                         "page-03.pdf"]
    for name, digest in report["outputs"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert not list(alto_schema.iter_errors(str(out / "alto" / "page-03.xml")))
    assert main(["build", str(edition), "--out", str(tmp_path / "plain"), "--quiet"]) == 0
    assert not (tmp_path / "plain" / "alto").exists()


def test_an_address_cut_over_lines_is_one_word_for_search(built_seeds):
    """The URL the stress page breaks over four lines: each piece is a String of its own,
    and every piece carries the whole address (HypPart1, then HypPart2)."""
    url = "https://www.ldwb.com.cn/news/2024-02/26/content_1234567.htm"
    root = ET.parse(built_seeds["stress"] / "alto" / "page-09.xml").getroot()
    pieces = [s for s in root.iter(f"{A}String") if s.get("SUBS_CONTENT") == url]
    assert len(pieces) >= 3
    assert "".join(s.get("CONTENT") for s in pieces) == url
    assert [s.get("SUBS_TYPE") for s in pieces] == ["HypPart1"] + ["HypPart2"] * (
        len(pieces) - 1)


def test_a_word_hyphenated_at_a_line_end_gives_hyp_and_the_whole_word(tmp_path, alto_schema):
    """A word too wide for its column is hyphenated: ALTO gives each piece as a String
    carrying the whole word, and the drawn hyphen as HYP after the first pieces (the
    hyphen is not in the text: the Strings join to the word)."""
    from layout.cli import main
    from tests.conftest import ARTICLES, write_edition
    word = "pneumonoultramicroscopicsilicovolcanoconiosis"
    lead = dict(ARTICLES["lead"], paragraphs=[f"医学上最长的英文单词是{word}，意为尘肺病。"])
    edition = write_edition(tmp_path / "ed", articles={**ARTICLES, "lead": lead}, slots=[
        {"article": "lead", "column": 1, "span": 1, "top": 0, "height": 40},
        {"article": "side", "column": 5, "span": 2, "top": 0, "height": 30}])
    out = tmp_path / "out"
    assert main(["build", str(edition), "--out", str(out), "--alto", "--quiet"]) == 0
    page = out / "alto" / "page-03.xml"
    assert not list(alto_schema.iter_errors(str(page)))
    root = ET.parse(page).getroot()
    pieces = [s for s in root.iter(f"{A}String") if s.get("SUBS_CONTENT") == word]
    assert len(pieces) >= 3 and "".join(s.get("CONTENT") for s in pieces) == word
    lines = [line for line in root.iter(f"{A}TextLine")
             if any(s in pieces for s in line.iter(f"{A}String"))]
    hyphens = [line.find(f"{A}HYP") for line in lines]
    assert all(h is not None and h.get("CONTENT") == "-" for h in hyphens[:-1])
    assert hyphens[-1] is None                         # the word ends on the last line
    for line, hyp in zip(lines, hyphens[:-1]):
        assert list(line)[-1] is hyp                   # last in its line, as the schema says
        last = [s for s in line.iter(f"{A}String")][-1]
        assert float(hyp.get("HPOS")) >= float(last.get("HPOS")) + \
            float(last.get("WIDTH")) - 1               # right of the piece it ends

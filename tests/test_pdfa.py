"""Archive PDFs: every seed page and edition built with --pdfa passes pikepdf's PDF/A-2b
validator, carries XMP metadata that agrees with the document information, and has a
logical structure — one Art per article in reading order, holding its headline and
paragraphs — so text follows articles, not columns; rebuilds give the same bytes."""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest

from layout.build import BuildOptions, build, compose_edition
from layout.fonts import FontLibrary
from tests.conftest import ROOT

pdfa = pytest.importorskip("pikepdf.pdfa")

EDITIONS = [p.parent.name for p in sorted((ROOT / "seeds").glob("*/edition.yaml"))]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    library = FontLibrary()
    out = tmp_path_factory.mktemp("pdfa")
    for name in EDITIONS:
        build(ROOT / "seeds" / name, out / name, library, BuildOptions(pdfa=True))
    return out


@pytest.mark.parametrize("name", EDITIONS)
def test_every_file_passes_the_pdfa_2b_validator(built, name):
    files = sorted((built / name).glob("*.pdf"))
    assert len(files) >= 2
    for path in files:
        report = pdfa.validate_written(path, "2b")
        assert report.passed, (path.name, [str(f) for f in report.findings])


def test_xmp_agrees_with_the_issue(built):
    with pikepdf.open(built / "laodong-jump" / "page-02.pdf") as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfaid:part>2</pdfaid:part>" in xmp
        assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
        assert "<xmp:CreateDate>2024-02-26T00:00:00+08:00</xmp:CreateDate>" in xmp
        assert "劳动午报 2024-02-26 第2版 工会新闻" in xmp        # title: paper, date, page
        assert "<rdf:li>zh-Hans</rdf:li>" in xmp
        assert str(pdf.Root.Lang) == "zh-Hans"
        intents = [str(i.S) for i in pdf.Root.OutputIntents]
        assert intents == ["/GTS_PDFA1"] and pdf.Root.OutputIntents[0].DestOutputProfile.N == 4
        assert str(pdf.docinfo.Title) == "劳动午报 2024-02-26 第2版 工会新闻"


def test_the_structure_has_one_art_per_article_in_reading_order(built):
    composed = compose_edition(ROOT / "seeds" / "laodong-2024-02-26", FontLibrary())
    page = composed.pages[0]
    with pikepdf.open(built / "laodong-2024-02-26" / "page-02.pdf") as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        document = pdf.Root.StructTreeRoot.K[0]
        assert document.S == "/Document"
        arts = list(document.K)
        assert [str(a.S) for a in arts] == ["/Art"] * len(arts)
        order = [r.article for r in sorted(page.regions, key=lambda r: r.order)]
        assert [str(a.T) for a in arts] == order
        lead = next(a for a in arts if str(a.T) == "shizhi")
        kinds = [str(k.S) for k in lead.K]
        assert kinds[0] == "/H1" and kinds.count("/P") == len(
            composed.edition.articles["shizhi"].paragraphs)
        photo = next(a for a in arts if str(a.T) == "kaixue")
        figure = next(k for k in photo.K if k.S == "/Figure")
        assert str(figure.Alt).startswith("昨天是中小学开学日")


def test_structure_text_follows_articles_across_a_jump(built):
    """poppler reads the structure: the continued article's paragraphs come whole, not
    interleaved with the neighbouring columns."""
    text = subprocess.run(["pdfinfo", "-struct-text", str(built / "laodong-jump" /
                                                          "edition.pdf")],
                          check=True, capture_output=True, text=True).stdout
    arts = re.findall(r'^  Art "(\w+)"', text, flags=re.M)
    assert arts.count("haidian") == 1 and arts[0] == "haidian"
    haidian = text.split('Art "haidian"')[1].split("\n  Art ")[0]
    lines = re.findall(r'"(.*)"', haidian)
    joined = "".join(lines)
    assert "（下转第2版）" in joined and "（上接第1版）" in joined
    assert joined.index("下转") < joined.index("上接")        # page 1's part, then page 2's
    assert "朝外" not in joined                                # no other article inside


def test_pdfa_rebuilds_are_byte_identical(built, tmp_path):
    build(ROOT / "seeds" / "stress", tmp_path / "again", FontLibrary(tmp_path / "cache"),
          BuildOptions(pdfa=True))
    for path in (built / "stress").glob("*.pdf"):
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes()

"""`check --pdf` on hostile PDFs (a corpus made here: cut-off files, odd operands, names
where numbers belong, flate bombs, passwords, not a PDF at all) gives diagnostics, never a
traceback and never unbounded memory; PDF/X-1a:2003 verification passes epaper's --pdfx
output and fails files that are not PDF/X; ink coverage; the press gate's one table."""

from __future__ import annotations

import json
import os
import random
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from layout.cli import main
from layout.diagnostics import ERROR, INFO, WARNING, Diagnostic
from layout.inks import coverage, ink_coverage
from layout.pdfread import CONTENT_LIMIT, Walker, decode
from layout.preflight import (
    PRESS_GATE,
    check_document,
    check_pdf,
    press_ok,
    press_severity,
    press_stoppers,
    verify_pdfx,
)
from tests.conftest import ARTICLES, ROOT, write_edition

CMYK_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
SRGB_ICC = Path("/usr/share/color/icc/ghostscript/srgb.icc")
needs_icc = pytest.mark.skipif(not CMYK_ICC.is_file(), reason="needs libgs-common's profiles")


# --------------------------------------------------------------------------- the corpus
def zlib_bomb(segments: int, segment: int = 1 << 23) -> bytes:
    """A valid zlib stream of ``segments * segment`` zero bytes, made without ever holding
    them: after a full flush every segment compresses to the same bytes."""
    c = zlib.compressobj(9)
    head = c.compress(b"")
    body = c.compress(bytes(segment)) + c.flush(zlib.Z_FULL_FLUSH)
    size = segments * segment
    return head + body * segments + b"\x03\x00" + struct.pack(">I", ((size % 65521) << 16) | 1)


def _object_stream_bomb(path: Path) -> Path:
    """A file whose object stream (decoded by qpdf itself, not by preflight) holds the
    catalog and page tree followed by 768 MB of zeros, in 784 KB."""
    import re
    pdf = _base()
    pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    data = path.read_bytes()
    found = re.search(rb"(\d+) 0 obj\s*<<([^>]*?/Type\s*/ObjStm[^>]*)>>\s*stream\r?\n", data)
    length = int(re.search(rb"/Length (\d+)", found.group(2)).group(1))
    objects = zlib.decompress(data[found.end():found.end() + length])
    c = zlib.compressobj(9)
    head = c.compress(b"") + c.compress(objects) + c.flush(zlib.Z_FULL_FLUSH)
    segment = c.compress(bytes(1 << 23)) + c.flush(zlib.Z_FULL_FLUSH)
    a, b = 1, 0
    for byte in objects:
        a, b = (a + byte) % 65521, (b + (a + byte) % 65521) % 65521
    b = (b + a * 96 * (1 << 23)) % 65521                     # zeros leave a unchanged
    bomb = head + segment * 96 + b"\x03\x00" + struct.pack(">I", (b << 16) | a)
    assert zlib.decompressobj().decompress(bomb, len(objects)) == objects
    header = found.group(2).replace(b"/Length %d" % length, b"/Length %d" % len(bomb))
    path.write_bytes(data[:found.start()] + found.group(1) + b" 0 obj\n<<" + header +
                     b">>\nstream\n" + bomb + data[found.end() + length:])
    return path


def _base(content: bytes = b"0 0 0 1 k 20 20 50 50 re f") -> pikepdf.Pdf:
    """A one-page PDF with trim and bleed boxes (3 mm bleed) and some CMYK content."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(220, 220))
    page = pdf.pages[0].obj
    page.TrimBox = pikepdf.Array([10, 10, 210, 210])
    page.BleedBox = pikepdf.Array([0, 0, 220, 220])
    page.Contents = pdf.make_stream(content)
    return pdf


def _save(pdf: pikepdf.Pdf, path: Path, **options) -> Path:
    pdf.save(path, **options)
    return path


def _with_raw_content(path: Path, data: bytes, filters: list[str]) -> Path:
    pdf = _base()
    stream = pikepdf.Stream(pdf, data)
    stream.Filter = pikepdf.Array([pikepdf.Name(f) for f in filters])
    pdf.pages[0].obj.Contents = pdf.make_indirect(stream)
    return _save(pdf, path, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)


def _with(path: Path, change) -> Path:
    pdf = _base()
    change(pdf, pdf.pages[0].obj)
    return _save(pdf, path)


def _image(pdf: pikepdf.Pdf, data: bytes, w: int, h: int, space="/DeviceCMYK", **extra):
    image = pikepdf.Stream(pdf, data)
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = w, h, 8
    image.ColorSpace = pikepdf.Name(space)
    for key, value in extra.items():
        image[pikepdf.Name("/" + key)] = value
    return pdf.make_indirect(image)


def _hostile(tmp: Path) -> dict[str, Path]:
    """Name → a hostile or broken file."""
    out: dict[str, Path] = {}
    good = _save(_base(), tmp / "good.pdf")
    data = good.read_bytes()
    (tmp / "text.pdf").write_text("this is not a PDF\n")
    out["not a PDF"] = tmp / "text.pdf"
    (tmp / "empty.pdf").write_bytes(b"")
    out["empty file"] = tmp / "empty.pdf"
    out["a folder"] = tmp
    for k, cut in enumerate((9, 100, len(data) // 2, len(data) - 40)):
        (tmp / f"cut{k}.pdf").write_bytes(data[:cut])
        out[f"cut at {cut} bytes"] = tmp / f"cut{k}.pdf"
    (tmp / "header.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog")
    out["header only"] = tmp / "header.pdf"
    out["odd operands"] = _with_raw_content(tmp / "ops.pdf", (
        b"/Name /Other rg 1 Tf /F1 /Big Tf 1 2 3 4 5 6 7 8 k 0 cs /Nope cs (x) Tj "
        b"[1 2 (unclosed) TJ 1 0 0 1 cm q Q Q Q ] ] >> BI /W /x ID abc EI"), [])
    out["unbalanced content"] = _with_raw_content(tmp / "unbalanced.pdf",
                                                  b"q << /A [ ( 1 0 0 rg", [])
    out["names where numbers belong"] = _with(tmp / "names.pdf", lambda pdf, page: (
        page.__setitem__("/MediaBox", pikepdf.Array([pikepdf.Name.a] * 4)),
        page.__setitem__("/TrimBox", pikepdf.Array([pikepdf.Name.x, 0, 0, 0])),
        page.__setitem__("/BleedBox", pikepdf.String("wide")),
        page.__setitem__("/Resources", pikepdf.Dictionary(
            ExtGState=pikepdf.Dictionary(G=pikepdf.Dictionary(CA=pikepdf.Name.half)),
            XObject=pikepdf.Dictionary(Im=_image(pdf, b"\0" * 16, 2, 2,
                                                 Width=pikepdf.Name.W)),
            ColorSpace=pikepdf.Dictionary(CS=pikepdf.Array([pikepdf.Name.ICCBased,
                                                            pikepdf.Name.X]))))))
    out["wrong types everywhere"] = _with(tmp / "types.pdf", lambda pdf, page: (
        page.__setitem__("/Resources", pikepdf.Array([1, 2])),
        page.__setitem__("/Annots", pikepdf.Name.none),
        page.__setitem__("/Group", 3)))
    bomb = zlib_bomb(96)                                      # 784 KB that inflate to 768 MB
    assert len(bomb) < 800_000
    out["flate bomb"] = _with_raw_content(tmp / "bomb.pdf", bomb, ["/FlateDecode"])
    double = zlib.compress(zlib_bomb(512), 9)           # a few KB that inflate to 4 GB
    out["double flate bomb"] = _with_raw_content(tmp / "bomb2.pdf", double,
                                                 ["/FlateDecode", "/FlateDecode"])
    out["image bomb"] = _with(tmp / "imagebomb.pdf", lambda pdf, page: (
        page.__setitem__("/Resources", pikepdf.Dictionary(XObject=pikepdf.Dictionary(
            Im=_image(pdf, bomb, 100, 100, Filter=pikepdf.Name.FlateDecode)))),
        page.__setitem__("/Contents", pdf.make_stream(b"q 100 0 0 100 0 0 cm /Im Do Q"))))
    out["object stream bomb"] = _object_stream_bomb(tmp / "objbomb.pdf")
    out["form that contains itself"] = _with(tmp / "loop.pdf", _self_form)
    pdf = _base()
    out["password"] = _save(pdf, tmp / "password.pdf",
                            encryption=pikepdf.Encryption(user="secret", owner="boss"))
    out["corrupt xref"] = tmp / "xref.pdf"
    (tmp / "xref.pdf").write_bytes(data.replace(b"xref", b"xerf").replace(b"startxref",
                                                                           b"startxerf"))
    return out


def _self_form(pdf: pikepdf.Pdf, page) -> None:
    form = pdf.make_stream(b"0 0 1 rg /F Do")
    form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
    form.BBox = pikepdf.Array([0, 0, 10, 10])
    form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=form))
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=form))
    page.Contents = pdf.make_stream(b"/F Do")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    return _hostile(tmp_path_factory.mktemp("hostile"))


EXPECTED = {
    "not a PDF": "pdf-unreadable", "empty file": "pdf-unreadable",
    "a folder": "pdf-unreadable", "header only": "pdf-unreadable",
    "odd operands": None, "unbalanced content": None,
    "names where numbers belong": "box-missing", "wrong types everywhere": None,
    "flate bomb": "pdf-damaged", "double flate bomb": "pdf-damaged",
    "image bomb": None, "object stream bomb": "pdf-unreadable",
    "form that contains itself": "rgb-content",
    "password": "pdf-encrypted", "corrupt xref": "pdf-damaged",
}


def test_every_hostile_pdf_gives_one_line_diagnostics(hostile):
    for case, path in hostile.items():
        diagnostics = check_pdf(path)
        assert all(isinstance(d, Diagnostic) for d in diagnostics), case
        assert all("\n" not in d.one_line() for d in diagnostics), case
        codes = {d.code for d in diagnostics}
        if case.startswith("cut at"):
            assert codes & {"pdf-unreadable", "pdf-damaged"}, (case, codes)
        elif EXPECTED.get(case):
            assert EXPECTED[case] in codes, (case, codes)


def test_the_odd_cases_say_what_they_found(hostile):
    names = check_pdf(hostile["names where numbers belong"], pdfx=True)
    codes = {d.code for d in names}
    assert {"box-missing", "pdfx-boxes", "pdfx-transparency", "pdfx-colour-space"} <= codes
    ops = check_pdf(hostile["odd operands"])
    assert any(d.code == "pdf-damaged" and "font size" in d.message for d in ops)
    bomb = check_pdf(hostile["flate bomb"])
    assert any("inflates to more than 64 MB" in d.message for d in bomb)
    image = check_pdf(hostile["image bomb"])
    assert not [d for d in image if d.code == "ink-over-limit"]


def test_check_pdf_on_the_command_line_never_raises(hostile, capsys):
    for case in ("not a PDF", "flate bomb", "password", "cut at 100 bytes"):
        assert main(["check", "--pdf", str(hostile[case]), "--json"]) == 1, case
        problems = json.loads(capsys.readouterr().out)
        assert problems and all(p["severity"] == "error" for p in problems[:1]), case


def test_a_flate_bomb_never_drives_memory_up(hostile):
    """Run in a child (address space capped at 2 GB, for safety) and measure its peak:
    inflating any of the bombs whole (768 MB; 4 GB; qpdf's own object stream) would
    take it far past what bounded decoding needs."""
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2048 << 20, 2048 << 20))\n"
        "from layout.preflight import check_pdf\n"
        "for path in sys.argv[1:]:\n"
        "    check_pdf(path)\n"
        "status = open('/proc/self/status').read()\n"
        "print(int(status.split('VmPeak:')[1].split()[0]) // 1024)\n")
    paths = [str(hostile[k]) for k in ("flate bomb", "double flate bomb", "image bomb",
                                       "object stream bomb")]
    done = subprocess.run([sys.executable, "-c", script, *paths], cwd=ROOT, check=False,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) < 600                     # MB of address space, at most


def test_decode_stops_at_its_limit():
    pdf = pikepdf.new()
    for data, chain in ((zlib_bomb(12), ["/FlateDecode"]),
                        (zlib.compress(zlib_bomb(40), 9), ["/FlateDecode", "/FlateDecode"]),
                        (bytes([129, 0]) * 600_000, ["/RunLengthDecode"])):
        stream = pikepdf.Stream(pdf, data)
        stream.Filter = pikepdf.Array([pikepdf.Name(f) for f in chain])
        with pytest.raises(Exception) as info:
            decode(stream, 8 << 20)
        assert "more than 8 MB" in str(info.value)
    stream = pikepdf.Stream(pdf, b"<~87cURD]i,\"Ebo80~>")
    stream.Filter = pikepdf.Name.ASCII85Decode
    assert decode(stream, CONTENT_LIMIT) == b"Hello World!"


def test_randomly_damaged_files_never_raise(tmp_path):
    pdf = _base(b"0 0 0 1 k 20 20 50 50 re f 1 0 0 rg BT /F1 4 Tf (x) Tj ET")
    data = _save(pdf, tmp_path / "base.pdf").read_bytes()
    rng = random.Random(14)
    for k in range(40):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 12)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = tmp_path / f"d{k}.pdf"
        path.write_bytes(bytes(damaged))
        diagnostics = check_pdf(path, pdfx=bool(k % 2))
        assert all(isinstance(d, Diagnostic) for d in diagnostics)


def test_a_fifo_and_a_device_are_refused_without_reading(tmp_path):
    os.mkfifo(tmp_path / "pipe.pdf")
    for path in (tmp_path / "pipe.pdf", Path("/dev/zero")):
        [d] = check_pdf(path)
        assert d.code == "pdf-unreadable" and "not a file" in d.message


# --------------------------------------------------------------------------- PDF/X-1a
@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """The tabloid test edition with a photo (over 200 ppi as placed), built as PDF/X-1a
    and as plain PDF."""
    folder = tmp_path_factory.mktemp("pdfx")
    side = dict(ARTICLES["side"], photos=[{"file": "photo.png", "credit": "摄"}])
    edition = write_edition(folder / "ed", articles={"lead": ARTICLES["lead"], "side": side},
                            edition_extra={"print": {"output_intent": str(CMYK_ICC)}}
                            if CMYK_ICC.is_file() else None)
    Image.new("RGB", (1500, 1100), (20, 20, 20)).save(folder / "ed" / "articles" / "photo.png")
    out = {}
    if CMYK_ICC.is_file():
        assert main(["build", str(edition), "--out", str(folder / "x"), "--pdfx",
                     "--quiet"]) == 0
        out["pdfx"] = folder / "x" / "page-03.pdf"
    assert main(["build", str(edition), "--out", str(folder / "plain"), "--quiet"]) == 0
    out["plain"] = folder / "plain" / "page-03.pdf"
    return out


def _errors(diagnostics) -> set[str]:
    return {d.code for d in diagnostics if d.severity == ERROR}


@needs_icc
def test_our_pdfx_output_verifies(builds, capsys):
    diagnostics = check_pdf(builds["pdfx"], pdfx=True)
    assert not _errors(diagnostics), [d.one_line() for d in diagnostics]
    with pikepdf.open(builds["pdfx"]) as pdf:
        assert verify_pdfx(pdf) == []
    # the file claims PDF/X, so `check --pdf` verifies it without being asked
    assert main(["check", "--pdf", str(builds["pdfx"])]) == 0


def test_a_plain_pdf_is_not_pdfx(builds):
    codes = _errors(check_pdf(builds["plain"], pdfx=True))
    assert {"pdfx-key", "pdfx-output-intent"} <= codes
    assert not _errors(check_pdf(builds["plain"]))        # but fine as a plain print PDF


def _rgb_form(pdf, page):
    form = pdf.make_stream(b"1 0 0 rg 0 0 5 5 re f")
    form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
    form.BBox = pikepdf.Array([0, 0, 5, 5])
    page.Resources.XObject = pikepdf.Dictionary(RgbForm=form, **{
        k[1:]: v for k, v in (page.Resources.get("/XObject") or {}).items()})


def _state(**entries):
    def change(pdf, page):
        page.Resources.ExtGState = pikepdf.Dictionary(
            Bad=pikepdf.Dictionary(**entries), **{k[1:]: v for k, v in
                                                  (page.Resources.get("/ExtGState") or {})
                                                  .items()})
    return change


def _icc_space(pdf, page):
    profile = pdf.make_stream(SRGB_ICC.read_bytes() if SRGB_ICC.is_file() else b"x")
    profile.N = 3
    page.Resources.ColorSpace = pikepdf.Dictionary(
        CS0=pikepdf.Array([pikepdf.Name.ICCBased, profile]))


def _unembedded(pdf, page):
    page.Resources.Font = pikepdf.Dictionary(Times=pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Times))


def _rgb_intent(pdf, page):
    profile = pdf.Root.OutputIntents[0].DestOutputProfile
    profile.write(SRGB_ICC.read_bytes())


def _annotation(pdf, page):
    page.Annots = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text,
        Rect=pikepdf.Array([100, 100, 120, 120]))])


def _both_boxes(pdf, page):
    page.ArtBox = page.TrimBox


def _bleed_outside(pdf, page):
    m = [float(v) for v in page.MediaBox]
    page.BleedBox = pikepdf.Array([m[0] - 20, m[1], m[2], m[3]])


BREAKS = [
    ("PDF 1.6", None, {"min_version": "1.6"}, "pdfx-version"),
    ("no Trapped", lambda pdf, page: pdf.docinfo.__delitem__("/Trapped"), {}, "pdfx-trapped"),
    ("no title", lambda pdf, page: pdf.docinfo.__delitem__("/Title"), {}, "pdfx-info"),
    ("no output intent", lambda pdf, page: pdf.Root.__delitem__("/OutputIntents"), {},
     "pdfx-output-intent"),
    ("RGB profile as output intent", _rgb_intent, {}, "pdfx-profile"),
    ("TrimBox and ArtBox", _both_boxes, {}, "pdfx-boxes"),
    ("BleedBox beyond the MediaBox", _bleed_outside, {}, "pdfx-boxes"),
    ("RGB inside a form", _rgb_form, {}, "rgb-content"),
    ("ICC-based colour space", _icc_space, {}, "pdfx-colour-space"),
    ("soft mask", _state(SMask=pikepdf.Dictionary(S=pikepdf.Name.Luminosity)), {},
     "pdfx-transparency"),
    ("opacity", _state(ca=0.5), {}, "pdfx-transparency"),
    ("blend mode", _state(BM=pikepdf.Name.Multiply), {}, "pdfx-transparency"),
    ("transfer function", _state(TR=pikepdf.Name.Identity), {}, "pdfx-transfer"),
    ("font not embedded", _unembedded, {}, "font-not-embedded"),
    ("annotation on the page", _annotation, {}, "pdfx-annotation"),
    ("encrypted", None, {"encryption": pikepdf.Encryption(owner="o", user="")},
     "pdf-encrypted"),
]


@needs_icc
@pytest.mark.parametrize("case, change, save, code", BREAKS, ids=[b[0] for b in BREAKS])
def test_pdfx_verification_fails_what_is_not_pdfx(builds, tmp_path, case, change, save,
                                                   code):
    with pikepdf.open(builds["pdfx"]) as pdf:
        if change:
            change(pdf, pdf.pages[0].obj)
        pdf.save(tmp_path / "broken.pdf", **save)
    codes = _errors(check_pdf(tmp_path / "broken.pdf", pdfx=True))
    assert code in codes, codes


# --------------------------------------------------------------------------- ink coverage
def test_coverage_of_a_pillow_image():
    image = Image.new("CMYK", (100, 100), (0, 0, 0, 0))
    image.paste((255, 255, 255, 255), (0, 0, 10, 10))         # 1 % of the pixels at 400 %
    image.paste((153, 102, 102, 204), (10, 0, 100, 50))       # 60+40+40+80 = 220 %
    c = coverage(image)
    assert c.pixels == 10_000 and c.maximum == pytest.approx(400)
    assert c.share_above(240) == pytest.approx(0.01)
    assert c.share_above(200) == pytest.approx(0.46)
    assert c.percentile(0.5) == pytest.approx(0, abs=2)
    assert c.percentile(0.995) == pytest.approx(400, abs=2)


def test_ink_coverage_per_picture_in_a_pdf(tmp_path):
    pdf = _base(b"q 100 0 0 100 0 0 cm /Dark Do Q q 50 0 0 50 0 0 cm /Light Do Q")
    dark = bytes([200, 180, 180, 200]) * (60 * 40)                 # 298 %
    light = bytes([50, 50, 50, 0]) * (30 * 30)                     # 59 %
    inverted = bytes([55, 75, 75, 55]) * (20 * 20)                 # Decode [1 0 …]: 298 %
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(
        Dark=_image(pdf, zlib.compress(dark), 60, 40, Filter=pikepdf.Name.FlateDecode),
        Light=_image(pdf, light, 30, 30),
        Inv=_image(pdf, inverted, 20, 20, Decode=pikepdf.Array([1, 0] * 4)),
        Rgb=_image(pdf, bytes(300), 10, 10, space="/DeviceRGB")))
    _save(pdf, tmp_path / "ink.pdf")
    with pikepdf.open(tmp_path / "ink.pdf") as opened:
        figures = {f.image: f for f in ink_coverage(Walker(opened).pages(), 240)}
    assert set(figures) == {"/Dark", "/Light", "/Inv"}
    assert figures["/Dark"].coverage.maximum == pytest.approx(298, abs=0.5)
    assert figures["/Dark"].over_limit and figures["/Inv"].over_limit
    assert not figures["/Light"].over_limit
    assert figures["/Dark"].to_json()["pixels"] == [60, 40]
    warnings = [d for d in check_pdf(tmp_path / "ink.pdf") if d.code == "ink-over-limit"]
    assert len(warnings) == 2 and all(d.severity == WARNING for d in warnings)
    assert not [d for d in check_pdf(tmp_path / "ink.pdf", ink_limit=300)
                if d.code == "ink-over-limit"]


def test_a_jpeg_picture_is_measured_as_the_pdf_reads_it(tmp_path):
    """Pillow (like Photoshop) stores CMYK JPEGs inverted, with an Adobe marker; a PDF
    shows them right only with Decode [1 0 1 0 1 0 1 0], and the press prints what the
    PDF says, so that is what is measured."""
    import io
    buffer = io.BytesIO()
    Image.new("CMYK", (64, 48), (230, 200, 200, 240)).save(buffer, "JPEG", quality=95)
    pdf = _base(b"/J Do /K Do")
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(
        J=_image(pdf, buffer.getvalue(), 64, 48, Filter=pikepdf.Name.DCTDecode,
                 Decode=pikepdf.Array([1, 0] * 4)),
        K=_image(pdf, buffer.getvalue(), 64, 48, Filter=pikepdf.Name.DCTDecode)))
    _save(pdf, tmp_path / "jpeg.pdf")
    with pikepdf.open(tmp_path / "jpeg.pdf") as opened:
        figures = {f.image: f for f in ink_coverage(Walker(opened).pages(), 240)}
    assert figures["/J"].coverage.maximum == pytest.approx(341, abs=4)     # 870 / 255
    assert figures["/K"].coverage.maximum == pytest.approx(59, abs=4)      # inverted


def test_the_ink_limit_is_a_print_setting(tmp_path):
    from layout.spec.load import load_edition
    edition = write_edition(tmp_path / "ed", edition_extra={"print": {"ink_limit": 300}})
    assert load_edition(edition).spec.print.ink_limit == 300
    edition = write_edition(tmp_path / "ed2", edition_extra={"print": {"ink_limit": 900}})
    with pytest.raises(Exception) as info:
        load_edition(edition)
    assert "maximum 400" in str(info.value)


# --------------------------------------------------------------------------- press gate
def test_the_press_gate_grades_findings_the_same_everywhere():
    overset = Diagnostic(WARNING, "overset", "a04 overflows by 3 lines")
    note = Diagnostic(INFO, "article-unplaced", "a09 is in no slot")
    low = Diagnostic(WARNING, "image-low-resolution", "180 ppi")
    assert press_severity(overset).severity == ERROR
    assert press_severity(low) == low and press_severity(note) == note
    assert press_stoppers([overset, low, note]) == [press_severity(overset)]
    assert press_ok([low, note]) and not press_ok([overset])
    assert not press_ok([Diagnostic(ERROR, "yaml-syntax", "bad")])
    for code in ("overset", "photo-missing", "photo-placeholder", "image-too-coarse",
                 "missing-glyph", "font-not-embeddable", "text-too-small", "outside-bleed",
                 "rgb-image"):
        assert PRESS_GATE[code]


def test_check_grades_an_overset_edition_as_an_error(tmp_path, capsys):
    lead = dict(ARTICLES["lead"], paragraphs=ARTICLES["lead"]["paragraphs"] * 20)
    edition = write_edition(tmp_path / "ed", articles={"lead": lead, "side": ARTICLES["side"]})
    assert main(["check", str(edition), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    overset = [p for p in problems if p["code"] == "overset"]
    assert overset and overset[0]["severity"] == "error"


def test_check_document_takes_an_open_pdf(tmp_path):
    pdf = _base(b"1 0 0 rg BT /F1 3 Tf (x) Tj ET")
    codes = {d.code for d in check_document(pdf, "in-memory.pdf")}
    assert {"rgb-content", "text-too-small"} <= codes

"""Reading the page text file: encodings, files that are not text, pipes and devices, sizes;
and reading time that grows linearly with the text."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from layout.diagnostics import EpaperError, Sink
from layout.importer.parse import parse_page, read_page_text
from layout.importer.source import MAX_TEXT_BYTES

DEV = Path(__file__).resolve().parents[2] / "seeds" / "dev"


def refused(path: Path) -> str:
    with pytest.raises(EpaperError) as info:
        read_page_text(path)
    return info.value.diagnostic.one_line()


@pytest.mark.parametrize("data, line", [(b"\xe6\xa0\x87\xe9\xa2\x98\n\n\xff\xfe", 3),
                                        (b"\x00\xff\xfe\x00binary", 1),
                                        ("标题\n正文".encode("gb18030"), 1),
                                        (b"text\n\x00\x00", 2)])
def test_undecodable_input(tmp_path, data, line):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    with pytest.raises(EpaperError) as info:
        read_page_text(path)
    d = info.value.diagnostic
    assert d.code == "text-encoding" and d.file == str(path) and d.line == line and d.hint


def test_gbk_and_utf16_input_get_a_conversion_hint(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes("市直机关工会开展关心关爱干部职工活动".encode("gbk"))
    assert "GB18030" in refused(path)
    path.write_bytes("标题".encode("utf-16"))
    assert "UTF-16" in refused(path)


def test_missing_file_and_directory(tmp_path):
    assert "missing.txt does not exist" in refused(tmp_path / "missing.txt")
    assert "is a folder, not a file" in refused(tmp_path)


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "page.fifo"
    os.mkfifo(fifo)
    start = time.perf_counter()
    assert "is a FIFO (named pipe), not a file" in refused(fifo)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused(device):
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    assert "device, not a file" in refused(Path(device))


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:        # 10 MB of zeros, sparse: nothing to read
        handle.truncate(10_000_000)
    start = time.perf_counter()
    line = refused(path)
    assert "9.5 MB" in line and f"at most {MAX_TEXT_BYTES // 2**20:.1f} MB" in line and \
        "split" in line
    assert time.perf_counter() - start < 5


def test_a_ten_megabyte_line_is_refused(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text("近日，工会开展活动" * 370_000, encoding="utf-8")
    assert path.stat().st_size > 9_900_000
    with pytest.raises(EpaperError) as info:
        read_page_text(path)
    assert info.value.diagnostic.code == "file-too-large" and "line.txt" in str(info.value)


def _page_text(copies: int) -> str:
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt")))
    return "\n\n".join([base] * copies)


def _work(text: str) -> int:
    """How much work reading ``text`` takes, counted in Python function calls (the same
    count on any machine, under any load)."""
    import sys
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1
    sys.setprofile(count)
    try:
        parse_page(text, sink=Sink())
    finally:
        sys.setprofile(None)
    return calls


def test_reading_work_grows_linearly():
    """Four times the text takes about four times the work (quadratic reading would take
    sixteen)."""
    small, large = _page_text(12), _page_text(48)      # some 100 KB and 400 KB
    ratio = _work(large) / _work(small)
    assert ratio < 5, f"four times the text took {ratio:.1f} times the work"


@pytest.mark.parametrize("text", ["近日，工会开展活动" * 200_000, "工" * 1_500_000,
                                  "，" * 1_500_000,
                                  "本报记者 张三 " * 150_000, "（" * 1_500_000,
                                  "标题行在这里\n" * 20_000])
def test_pathological_texts_are_read_quickly(text):
    start = time.perf_counter()
    try:
        parse_page(text, sink=Sink())
    except EpaperError as exc:
        assert exc.diagnostic.code == "import-empty"
    assert time.perf_counter() - start < 30

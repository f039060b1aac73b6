"""``epaper import``: the options it takes and never guesses, the edition it writes (article
structure, page furniture, script and fonts), --explain, refusals; imported development
pages build."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from layout.cli import main
from layout.importer.build_edition import IMPORT_MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "seeds" / "dev"

TEXT = """\
2024年2月26日 星期一
第3版 工会新闻

为职工办实事
全市工会开展春节送温暖活动
——走访慰问困难职工三千余户

本报讯（记者 张三）近日，市总工会开展春节送温暖活动，走访慰问困难职工三千余户，送去慰问金和年货。

一、深入基层一线

活动期间，各级工会组织深入基层一线，了解职工生产生活情况，帮助解决实际困难。

图①：工会干部走访慰问困难职工。　本报记者 李四摄

责任编辑：王晓　美编：李宁　校对：张洁
资料来源：市总工会
"""


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def source(tmp_path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_the_article_structure_reaches_the_article_file(tmp_path, source, capsys):
    out = tmp_path / "ed"
    code, _, err = run(capsys, "import", str(source), "--out", str(out), "--date", "2024-02-26",
                       "--page", "3", "--name", "劳动午报", "--section", "工会新闻", "--size",
                       "tabloid")
    assert code == 0, err
    (article,) = [load(p) for p in (out / "articles").glob("*.yaml")]
    assert article == {
        "id": "a01", "kind": "article", "kicker": "为职工办实事",
        "headline": "全市工会开展春节送温暖活动",
        "subheadline": "——走访慰问困难职工三千余户", "byline": "本报讯（记者 张三）",
        "byline_position": "run_in",
        "paragraphs": ["近日，市总工会开展春节送温暖活动，走访慰问困难职工三千余户，"
                       "送去慰问金和年货。",
                       {"subhead": "一、深入基层一线"},
                       "活动期间，各级工会组织深入基层一线，了解职工生产生活情况，"
                       "帮助解决实际困难。"],
        "photos": [{"caption": "图①：工会干部走访慰问困难职工。", "credit": "本报记者 李四摄"}]}


def test_options_and_page_furniture_reach_edition_and_page(tmp_path, source, capsys):
    out = tmp_path / "ed"
    assert run(capsys, "import", str(source), "--out", str(out), "--date", "2024-02-26",
               "--page", "3", "--name", "劳动午报", "--issue", "第7331期",
               "--section", "工会新闻")[0] == 0
    edition = load(out / "edition.yaml")
    assert edition == {"name": "劳动午报", "date": "2024-02-26", "issue": "第7331期",
                       "style": "newspaper", "fonts": "fonts", "pages": ["pages/p03.yaml"]}
    page = load(out / "pages" / "p03.yaml")
    assert (page["number"], page["section"], "size" in page) == (3, "工会新闻", False)
    assert page["header"] == {"editor": "王晓", "designer": "李宁", "proofreader": "张洁"}
    assert page["footer"] == ["资料来源：市总工会"]


def test_date_and_page_are_required_and_named(tmp_path, source, capsys):
    code, _, err = run(capsys, "import", str(source), "--out", str(tmp_path / "a"), "--page", "3")
    assert code == 1 and "no issue date" in err and "--date YYYY-MM-DD (or --date today)" in err
    assert "line 1 says 2024-02-26" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "import", str(source), "--out", str(tmp_path / "b"),
                       "--date", "2024-02-26")
    assert code == 1 and "no page number (版次)" in err and "line 2 names page 3" in err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    code, _, err = run(capsys, "import", str(source), "--out", str(tmp_path / "c"),
                       "--date", "2024-13-45", "--page", "3")
    assert code == 1 and "--date '2024-13-45' is not a date" in err
    code, _, err = run(capsys, "import", str(source), "--out", str(tmp_path / "d"),
                       "--date", "2024-02-26", "--page", "0")
    assert code == 1 and "--page 0 is not a page number" in err


def test_today_only_when_asked_and_nothing_else_invented(tmp_path, source, capsys):
    out = tmp_path / "ed"
    code, _, err = run(capsys, "import", str(source), "--out", str(out), "--date", "today",
                       "--page", "5")
    assert code == 0
    edition = load(out / "edition.yaml")
    assert edition["date"] == dt.date.today().isoformat()
    assert edition["name"] == "" and "issue" not in edition
    assert load(out / "pages" / "p05.yaml")["section"] == ""
    assert "no --name" in err and "the text names the section 工会新闻" in err
    assert "the text names page 3, --page is 5" in err
    assert "the text's date 2024-02-26 differs from --date" in err


def test_traditional_text_gives_zh_hant_and_its_fonts(tmp_path, capsys):
    out = tmp_path / "hk"
    assert run(capsys, "import", str(DEV / "hongkong-hant.txt"), "--out", str(out),
               "--date", "2025-01-21", "--page", "6", "--name", "香港日報")[0] == 0
    edition = load(out / "edition.yaml")
    assert (edition["language"], edition["fonts"]) == ("zh-Hant", "fonts-hant")


def test_explain_without_out_only_explains(tmp_path, source, capsys):
    code, out, _ = run(capsys, "import", str(source), "--explain")
    assert code == 0
    rows = out.splitlines()
    assert any(r.split()[:3] == ["4", "kicker", "a01"] for r in rows)
    assert any(r.split()[:3] == ["5", "headline", "a01"] and "the first title on the page" in r
               for r in rows)
    assert any(r.split()[:3] == ["10", "subhead", "a01"] for r in rows)
    assert any(r.split()[:3] == ["14", "caption", "a01"] for r in rows)
    assert any(r.split()[:3] == ["16", "furniture", "-"] and "page header" in r for r in rows)
    assert "header editor: 王晓" in out and "footer: 资料来源：市总工会" in out
    assert not list(tmp_path.glob("*/edition.yaml"))


def test_explain_with_out_imports_too(tmp_path, source, capsys):
    code, out, _ = run(capsys, "import", str(source), "--out", str(tmp_path / "ed"),
                       "--date", "2024-02-26", "--page", "3", "--explain")
    assert code == 0 and "headline" in out and (tmp_path / "ed" / "edition.yaml").exists()


def test_out_or_explain_is_needed(source, capsys):
    code, _, err = run(capsys, "import", str(source))
    assert code == 2 and "give --out DIR" in err


def test_import_refuses_more_text_than_it_can_place(tmp_path, capsys):
    big = tmp_path / "big.txt"
    page = (DEV / "national-politics.txt").read_text(encoding="utf-8")
    big.write_text("\n\n".join([page] * (IMPORT_MAX_BYTES // len(page.encode()) + 1)),
                   encoding="utf-8")
    code, _, err = run(capsys, "import", str(big), "--out", str(tmp_path / "ed"),
                       "--date", "2025-03-06", "--page", "4")
    assert code == 1 and "import places at most" in err and "split the text" in err


@pytest.mark.parametrize("device", ["/dev/zero"])
def test_import_refuses_a_device(tmp_path, device, capsys):
    code, _, err = run(capsys, "import", device, "--out", str(tmp_path / "ed"),
                       "--date", "2025-03-06", "--page", "4")
    assert code == 1 and "is a character device, not a file" in err


@pytest.mark.parametrize("name, options", [
    ("national-politics", ["--date", "2025-03-06", "--page", "4", "--name", "人民日报"]),
    ("hongkong-hant", ["--date", "2025-01-21", "--page", "6", "--name", "香港日報"]),
])
def test_imported_development_pages_build(tmp_path, name, options, capsys):
    edition = tmp_path / name
    assert run(capsys, "import", str(DEV / f"{name}.txt"), "--out", str(edition), *options)[0] == 0
    # imported pages have no picture files yet: drafts
    assert run(capsys, "build", str(edition), "--out", str(tmp_path / "pdf"), "--quiet",
               "--draft")[0] == 0
    report = json.loads((tmp_path / "pdf" / "report.json").read_text(encoding="utf-8"))
    assert not [s for s in report["slots"] if s["overset_lines"]]
    import pdfplumber
    with pdfplumber.open(tmp_path / "pdf" / "edition.pdf") as pdf:
        found = Counter("".join(p.extract_text() or "" for p in pdf.pages))
    expected = load(DEV / f"{name}.expected.yaml")
    wanted = Counter()
    for path in (edition / "articles").glob("*.yaml"):
        article = load(path)
        for key in ("kicker", "headline", "subheadline", "byline", "dateline"):
            wanted.update(article.get(key, ""))
        for p in article.get("paragraphs", []):
            wanted.update(p if isinstance(p, str) else p["subhead"])
    wanted.update("".join(expected["header"].values()))
    missing = {c: n - found[c] for c, n in wanted.items() if not c.isspace() and found[c] < n}
    assert not missing

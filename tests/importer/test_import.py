"""``epaper import`` writes an edition whose articles keep every part the parser found."""

from __future__ import annotations

import yaml

from layout.cli import main

TEXT = """\
为职工办实事

全市工会开展春节送温暖活动

——走访慰问困难职工三千余户

本报讯（记者 张三）近日，市总工会开展春节送温暖活动，走访慰问困难职工三千余户，送去慰问金和年货。

活动期间，各级工会组织深入基层一线，了解职工生产生活情况，帮助解决实际困难。
"""


def test_kicker_headline_and_subheadline_reach_the_article_file(tmp_path):
    source = tmp_path / "page.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "ed"
    assert main(["import", str(source), "--out", str(out), "--date", "2024-02-26",
                 "--size", "tabloid"]) == 0
    articles = [yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in sorted((out / "articles").glob("*.yaml"))]
    article = next(a for a in articles if a["kind"] == "article")
    assert article["headline"] == "全市工会开展春节送温暖活动"
    assert article["subheadline"] == "——走访慰问困难职工三千余户"
    assert article["byline"] == "本报讯（记者 张三）"
    assert article["paragraphs"][0].startswith("近日，市总工会")
    assert main(["build", str(out), "--out", str(tmp_path / "pdf"), "--quiet"]) == 0

"""Spec validation: types, ranges, unknown keys with the nearest valid key, YAML lines."""

import pytest

from layout.diagnostics import EpaperError
from layout.spec import schema
from layout.spec.model import Article, PageSpec, StyleSheet


def build(cls, text, file="x.yaml"):
    source = schema.Source.parse(text, file)
    return schema.build(cls, source.root, schema.Context(file))


def error(cls, text) -> str:
    with pytest.raises(EpaperError) as info:
        build(cls, text)
    return info.value.diagnostic


def test_article_defaults_and_tuple_fields():
    a = build(Article, "id: a01\nheadline: 标题\nparagraphs: [甲, 乙]\n")
    assert a.kind == "article" and a.paragraphs == ("甲", "乙") and a.where.line == 1


def test_unknown_key_names_the_nearest_valid_key_and_its_line():
    d = error(PageSpec, "number: 2\nslots:\n  - article: a\n    column: 1\n    span: 2\n"
                        "    top: 0\n    hieght: 10\n")
    assert d.line == 7 and d.path == "slots[0].hieght"
    assert "height" in d.hint and "unknown key" in d.message
    assert d.one_line().startswith("x.yaml:7: error:")


def test_wrong_type_and_range_are_located():
    d = error(PageSpec, "number: zwei\n")
    assert d.line == 1 and "whole number" in d.message
    d = error(PageSpec, "number: 0\n")
    assert "minimum" in d.message


def test_choice_suggests_the_nearest():
    d = error(Article, "id: a\nkind: artikel\n")
    assert "'article'" in d.hint


def test_missing_required_key():
    d = error(Article, "headline: 无编号\n")
    assert "missing required key 'id'" in d.message


def test_yaml_syntax_error_has_a_line():
    with pytest.raises(EpaperError) as info:
        schema.Source.parse("id: a\nparagraphs: [unclosed\n", "bad.yaml")
    assert info.value.diagnostic.code == "yaml-syntax" and info.value.diagnostic.line


def test_nested_style_keeps_its_own_defaults():
    s = build(StyleSheet, "banner:\n  size: 36\n")
    assert s.banner.size == 36 and s.banner.font == "heavy" and s.banner.align == "center"
    d = error(StyleSheet, "banner:\n  color: [0, 100]\n")
    assert "CMYK" in d.message


def test_duplicate_key_is_an_error():
    d = error(Article, "id: a\nid: b\n")
    assert "twice" in d.message and d.line == 2


def test_describe_lists_every_key_with_help():
    rows = schema.describe(PageSpec)
    keys = {r[0] for r in rows}
    assert {"number", "slots[].column", "grid.column_chars", "margins.top"} <= keys
    assert all(r[3] for r in rows), [r for r in rows if not r[3]]

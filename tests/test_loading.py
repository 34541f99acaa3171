"""Loading: positions, safe YAML, and every kind of bad input.

Bad input never shows a traceback: it becomes a load error with a line, a
column and a message in both languages.
"""

from __future__ import annotations

import pytest

from dvlint.source import files, yamlload
from dvlint.source.errors import LoadError
from conftest import FIXTURES, check_text


def test_positions_of_keys_and_values():
    text = "document:\n  kind: BÁO CÁO\n  number: 'Số: 05/BC-SKHCN'\nsections:\n  - label: I.\n    heading: A\n"
    value, positions = yamlload.load(text)
    assert value["sections"][0]["heading"] == "A"
    assert positions.locate(("document", "number")) == (3, 11)
    assert positions.key_span(("document", "number")).line == 3
    assert positions.locate(("sections", 0, "heading")) == (6, 14)
    # an unknown path falls back to its nearest ancestor
    assert positions.locate(("sections", 0, "paragraphs", 3)) == (5, 5)


def test_snippet_inside_a_folded_paragraph_points_at_its_line():
    text = "p: >-\n  Căn cứ Kế hoạch số 14/KH-SKHCN ngày 18/02/2020\n  và Công văn số 5361/UBND-NC ngày 22/9/2023.\n"
    _, positions = yamlload.load(text)
    assert positions.locate(("p",), "Công văn số 5361") == (3, 6)


def test_scalars_are_typed_like_yaml_1_2():
    value, _ = yamlload.load("a: yes\nb: 12\nc: 1.5\nd: ~\ne: true\nf: 2023-02-16\n")
    assert value == {"a": "yes", "b": 12, "c": 1.5, "d": None, "e": True, "f": "2023-02-16"}


@pytest.mark.parametrize("text, kind, line, column", [
    ("document:\n  kind: [BÁO CÁO\n", "yaml-syntax", 3, 1),
    ("document:\n\tkind: BÁO CÁO\n", "yaml-syntax", 2, 1),
    ("a: 1\na: 2\n", "duplicate-key", 2, 1),
    ("a: !!python/object:os.system x\n", "unsafe-tag", 1, 4),
    ("a: !custom 1\n", "unsafe-tag", 1, 4),
    ("a: 1\n---\nb: 2\n", "several-documents", 2, 1),
    ("? [a, b]\n: 1\n", "non-string-key", 1, 3),
])
def test_yaml_errors_are_located(text, kind, line, column):
    with pytest.raises(LoadError) as info:
        yamlload.load(text)
    assert (info.value.kind, info.value.line, info.value.column) == (kind, line, column)
    assert info.value.message.vi and info.value.message.en


def test_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    with pytest.raises(LoadError) as info:
        yamlload.load("\n".join(lines) + "\n")
    assert info.value.kind == "too-many-nodes"


def test_deep_nesting_is_an_error_not_a_crash():
    text = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(LoadError) as info:
        yamlload.load(text)
    assert info.value.kind in ("too-deep", "yaml-syntax")


@pytest.mark.parametrize("data, kind", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"a: \xff\xfe\xfa\n", "encoding"),
    (b"a: 1\x00\n", "binary"),
])
def test_undecodable_files(data, kind):
    with pytest.raises(LoadError) as info:
        files.decode_text(data)
    assert info.value.kind == kind


def test_utf8_bom_and_utf16_are_read():
    assert files.decode_text("\ufeffa: Đắk".encode("utf-8")) == "a: Đắk"
    assert files.decode_text("a: Đắk".encode("utf-16")) == "a: Đắk"


def test_not_utf8_error_points_at_the_byte(tmp_path):
    path = tmp_path / "r.yaml"
    # "Đồng Tháp" with its "á" written in a legacy 8-bit code page
    path.write_bytes("document:\n  kind: BÁO CÁO\n  place: Đồng Th".encode() + b"\xe1p\n")
    with pytest.raises(LoadError) as info:
        files.read_text(path)
    assert (info.value.kind, info.value.line, info.value.column) == ("encoding", 3, 17)


def test_file_size_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(LoadError) as info:
        files.read_text(path, max_size=1000)
    assert info.value.kind == "too-large"


@pytest.mark.parametrize("text, line, column, needle", [
    ("document:\n  kind: BÁO CÁO\n  isuer: SỞ NỘI VỤ\n", 3, 3, "did you mean 'issuer'"),
    ("document:\n  kind: BÁO CÁO\nsignatur:\n  name: A\n", 3, 1, "did you mean 'signature'"),
    ("document:\n  number: 'Số: 05/BC-SKHCN'\n", 2, 3, "missing required field 'document.kind'"),
    ("document:\n  kind: BÁO CÁO\nsections: hello\n", 3, 11, "'sections' must be a list"),
    ("document:\n  kind: BÁO CÁO\nsections:\n  - heading: [a, b]\n", 4, 14, "'sections[0].heading' must be a text string"),
    ("document:\n  kind: BAO CAO\n", 2, 9, "did you mean 'báo cáo'"),
    ("- a\n- b\n", 1, 1, "must be a YAML mapping"),
    ("document:\n  kind: BÁO CÁO\n  format: đảng\n", 3, 11, "must be one of"),
])
def test_schema_errors_are_located_with_hints(tmp_path, text, line, column, needle):
    result = check_text(tmp_path, text)
    assert result.error is not None
    assert (result.error.line, result.error.column) == (line, column)
    assert needle in result.error.message.en
    assert result.error.message.vi != result.error.message.en


def test_several_schema_errors_say_how_many_more(tmp_path):
    result = check_text(tmp_path, "document:\n  kind: BÁO CÁO\n  isuer: x\n  plac: y\n")
    assert result.error.line == 3
    assert "(and 1 more)" in result.error.message.en
    assert "(và 1 lỗi khác)" in result.error.message.vi


def test_an_invalid_indicator_key_points_at_the_key(tmp_path):
    result = check_text(tmp_path, "document: {kind: BÁO CÁO}\nindicators:\n  Số hồ sơ: 3\n  ok_key: 4\n")
    assert (result.error.line, result.error.column) == (3, 3)
    assert "invalid key 'indicators.Số hồ sơ'" in result.error.message.en


def test_the_faster_resolver_gives_the_stock_tags():
    """yamlload keeps ruamel.yaml's table of implicit types per document: every tag must be as ruamel gives it."""
    from ruamel.yaml import YAML

    from dvlint.source import yamlload

    text = "\n".join(f"k{i}: {value}" for i, value in enumerate([
        "yes", "no", "on", "true", "False", "null", "~", "", "1", "-1", "0x1F", "0o17", "1_000", "1.5", "-.inf",
        ".NaN", "1e3", "2024-02-29", "2024-02-29T10:00:00Z", "12:30", "'quoted'", '"1"', "Số 05/BC-SNV",
        "ngày 08 tháng 01 năm 2025", "[1, a, 2.0]", "{a: 1}", "<<", "=", "!!str 5", "0", "+1", "1.", ".5"]))
    text += "\n" + (FIXTURES / "clean-state-plan.yaml").read_text(encoding="utf-8")

    def tags(node):
        value = node.value
        if isinstance(value, list):
            return [node.tag, [tags(item) if not isinstance(item, tuple) else (tags(item[0]), tags(item[1]))
                               for item in value]]
        return [node.tag, value]

    assert tags(yamlload.compose(text)) == tags(YAML(typ="safe").compose(text))

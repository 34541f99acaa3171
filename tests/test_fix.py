"""``dvlint check --fix`` and ``--diff``: safe fixes change those values and nothing else."""

from __future__ import annotations

import difflib
import shutil
import unicodedata

import pytest

from conftest import FIXTURES, run_cli, run_json
from dvlint.output.fix import apply_fix
from dvlint.source.positions import parse_path

CLEAN = (FIXTURES / "clean-state-report.yaml").read_text(encoding="utf-8")


def broken_report() -> str:
    """The clean report with a comment kept next to each defect a safe fix repairs."""
    text = CLEAN.replace('number: "Số: 85/BC-SKHCN"', 'number: "Số: 5/ BC-SKHCN"  # số tạm')
    text = text.replace("date: ngày 15 tháng 12 năm 2022", "date: ngày 5 tháng 03 năm 2022   # ngày ký")
    text = text.replace("place: Quảng Ngãi", "place: " + unicodedata.normalize("NFD", "Quảng Ngãi"))
    text = text.replace('    - "- Như trên;"', '    - "Như trên"  # thiếu gạch và dấu')
    return text.replace('    - "- Lưu: VT, VP."', "    - '- Lưu: VT, VP'")


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """(old line, new line) pairs of a line-for-line edit."""
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b), "a fix must not add or remove lines"
    return [(x, y) for x, y in zip(a, b) if x != y]


def codes(proc_json) -> list[str]:
    return [f["code"] for f in proc_json["reports"][0]["findings"]]


def test_fix_changes_only_the_fixed_values_and_keeps_comments(tmp_path):
    report = tmp_path / "report.yaml"
    report.write_text(broken_report(), encoding="utf-8")
    proc, out = run_json("check", "--fix", str(report))
    after = report.read_text(encoding="utf-8")
    assert changed_lines(broken_report(), after) == [
        ('  number: "Số: 5/ BC-SKHCN"  # số tạm', '  number: "Số: 05/BC-SKHCN"  # số tạm'),
        ("  place: " + unicodedata.normalize("NFD", "Quảng Ngãi"), "  place: Quảng Ngãi"),
        ("  date: ngày 5 tháng 03 năm 2022   # ngày ký", "  date: ngày 05 tháng 3 năm 2022   # ngày ký"),
        ('    - "Như trên"  # thiếu gạch và dấu', '    - "- Như trên;"  # thiếu gạch và dấu'),
        ("    - '- Lưu: VT, VP'", "    - '- Lưu: VT, VP.'"),
    ]
    assert not {"DV102", "DV205", "DV504", "DV702"} & set(codes(out))
    assert "đã sửa 7 lỗi (DV102, DV205, DV504, DV702)" in proc.stderr
    assert out["summary"]["reports"] == 1  # stdout stays clean JSON


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path):
    report = tmp_path / "report.yaml"
    report.write_text(broken_report(), encoding="utf-8")
    before = report.read_bytes()
    proc = run_cli("check", "--diff", "--lang", "en", str(report))
    assert proc.returncode == 1
    assert report.read_bytes() == before
    assert '+  number: "Số: 05/BC-SKHCN"  # số tạm' in proc.stdout
    assert "+    - '- Lưu: VT, VP.'" in proc.stdout
    assert "would fix 7 findings" in proc.stderr
    clean = run_cli("check", "--diff", str(FIXTURES / "clean-state-report.yaml"))
    assert (clean.returncode, clean.stdout) == (0, "")


SAFE = {"DV102", "DV205", "DV504", "DV702"}
SEED_FIXTURES = ["dak-nong-2023-ke-hoach-dvcq.yaml", "dong-thap-2020-tong-ket-10-nam-290.yaml",
                 "hung-yen-2024-qcdc-9-thang.yaml"]


@pytest.mark.parametrize("name", SEED_FIXTURES)
def test_fix_on_a_seed_fixture_fixes_what_it_claims_and_nothing_else(tmp_path, name):
    seed = tmp_path / name
    shutil.copy(FIXTURES / name, seed)
    _, before = run_json("check", str(seed))
    original = seed.read_text(encoding="utf-8")
    run_cli("check", "--fix", str(seed))
    _, after = run_json("check", str(seed))
    fixed_text = seed.read_text(encoding="utf-8")
    fixable_lines = {f["line"] for f in before["reports"][0]["findings"] if f["code"] in SAFE and f["fix"]}
    changed = {number for number, (old, new) in enumerate(zip(original.splitlines(), fixed_text.splitlines()), 1)
               if old != new}
    assert changed == fixable_lines
    assert not SAFE & set(codes(after))
    assert codes(after) == [c for c in codes(before) if c not in SAFE]  # everything else is still reported


def test_fix_on_the_dak_nong_plan_repairs_its_recipient_lines(tmp_path):
    seed = tmp_path / "dak-nong.yaml"
    shutil.copy(FIXTURES / "dak-nong-2023-ke-hoach-dvcq.yaml", seed)
    original = seed.read_text(encoding="utf-8")
    run_cli("check", "--fix", str(seed))
    edits = changed_lines(original, seed.read_text(encoding="utf-8"))
    assert [new for _, new in edits] == ['    - "- Ban Dân vận tỉnh ủy;"', '    - "- Sở Nội vụ;"', '    - "- Đảng ủy Sở;"',
                                         '    - "- Các phòng, đơn vị trực thuộc Sở, các tổ chức đoàn thể (T/h);"']


def test_suppressed_findings_are_not_fixed(tmp_path):
    report = tmp_path / "report.yaml"
    text = CLEAN.replace("date: ngày 15 tháng 12 năm 2022", "date: ngày 5 tháng 12 năm 2022  # dvlint: disable=DV205 -- như bản ký")
    report.write_text(text, encoding="utf-8")
    run_cli("check", "--fix", str(report))
    assert report.read_text(encoding="utf-8") == text


def test_line_endings_and_bom_are_kept(tmp_path):
    report = tmp_path / "report.yaml"
    text = broken_report().replace("\n", "\r\n")
    report.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    run_cli("check", "--fix", str(report))
    data = report.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    fixed = data[3:].decode("utf-8")
    assert fixed.count("\r\n") == text.count("\r\n") and "\n" not in fixed.replace("\r\n", "")
    assert '"Số: 05/BC-SKHCN"' in fixed


def test_files_that_cannot_be_fixed_are_left_alone(tmp_path):
    legacy = tmp_path / "legacy.yaml"
    legacy.write_bytes(broken_report().encode("utf-16"))
    markdown = tmp_path / "report.md"
    markdown.write_text("# BÁO CÁO\n", encoding="utf-8")
    before = (legacy.read_bytes(), markdown.read_bytes())
    proc = run_cli("check", "--fix", "--lang", "en", str(legacy), str(markdown))
    assert (legacy.read_bytes(), markdown.read_bytes()) == before
    assert f"{markdown}: not modified (fixes apply to YAML reports and .docx files only)" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_edit_that_cannot_be_proven_is_not_made():
    text = "a: x  # note\nb: [1, 2]\n"
    assert apply_fix(text, parse_path("a"), "x y") == "a: x y  # note\nb: [1, 2]\n"
    assert apply_fix(text, parse_path("a"), "x #y") is None  # plain scalar: '#' would start a comment
    assert apply_fix(text, parse_path("b"), "z") is None  # not a string value
    assert apply_fix("a: ab ab\n", parse_path("a"), "ab") == "a: ab\n"
    assert apply_fix("a: xx\nb: xx\n", parse_path("b"), "xy") == "a: xx\nb: xy\n"


def test_diff_of_a_fixed_file_is_minimal():
    """The fixed text differs from the original in exactly the fixed lines (no re-dump)."""
    text = broken_report()
    fixed = apply_fix(text, parse_path("document.number"), "Số: 05/BC-SKHCN")
    diff = [line for line in difflib.unified_diff(text.splitlines(), fixed.splitlines(), lineterm="", n=0)
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert diff == ['-  number: "Số: 5/ BC-SKHCN"  # số tạm', '+  number: "Số: 05/BC-SKHCN"  # số tạm']


def test_a_fixed_file_keeps_its_permissions(tmp_path):
    import os

    report = tmp_path / "report.yaml"
    report.write_text(broken_report(), encoding="utf-8")
    os.chmod(report, 0o640)
    run_cli("check", "--fix", str(report))
    assert '"Số: 05/BC-SKHCN"' in report.read_text(encoding="utf-8")
    assert report.stat().st_mode & 0o777 == 0o640


def test_a_unicode_line_separator_in_an_earlier_value_does_not_shift_the_edit():
    """ruamel.yaml ends a line at U+2028 too: the offsets of later values must agree with its marks."""
    text = 'a: "x\u2028y"\nb: ngày 5\n'
    assert apply_fix(text, parse_path("b"), "ngày 05") == 'a: "x\u2028y"\nb: ngày 05\n'

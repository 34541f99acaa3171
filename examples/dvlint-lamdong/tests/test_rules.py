"""Lâm Đồng's rules: the cases in tests/cases/, run by dvlint.testing, and a few checks in code."""

import importlib.metadata
from pathlib import Path

import pytest

from dvlint.testing import cases_missing, check_text, load_cases

CASES = Path(__file__).parent / "cases"

REPORT = """\
document:
  kind: BÁO CÁO
  place: Lâm Đồng
  date: ngày 10 tháng 12 năm 2025
  title: Báo cáo kết quả công tác dân vận chính quyền năm 2025
recipients:
  heading: "Nơi nhận:"
  lines: ["- Ban Dân vận Tỉnh ủy;", "- Lưu: VT, VP."]
"""


@pytest.mark.parametrize("case", load_cases(CASES), ids=str)
def test_case(case, dvlint_checker):
    dvlint_checker.assert_case(case)


def test_every_rule_has_a_failing_and_a_passing_case(dvlint_rules):
    assert cases_missing(CASES, rules=dvlint_rules) == {"failing": [], "passing": []}


def test_the_findings_of_a_report(dvlint_checker):
    findings = dvlint_checker.check(REPORT, select="LD101,LD102")
    assert [(f.code, f.line, f.fix) for f in findings] == [  # in the order of the lines
        ("LD102", 5, None),
        ("LD101", 8, "- Ban Tuyên giáo và Dân vận Tỉnh ủy;"),
    ]


def test_the_entry_point_loads_the_rules():
    """Installed, the package is found by its entry point (what `dvlint check` loads)."""
    (entry,) = importlib.metadata.entry_points(group="dvlint", name="lamdong")
    assert entry.value == "dvlint_lamdong.plugin"
    findings = check_text(REPORT, rules="lamdong", select="LD101")
    assert [f.code for f in findings] == ["LD101"]

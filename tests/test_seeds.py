"""The three real documents (fixtures written from shared/seeds) and a clean one.

The defects DOMAIN.md lists for the seeds that the first rules cover must be
found, on the right line; the clean report must score 100.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, TODAY
from dvlint.runner import Checker


def findings_of(name: str, **overrides):
    result = Checker(overrides, today=TODAY).check_file(FIXTURES / name)
    assert result.error is None, result.error and result.error.message.en
    return result


def codes_and_lines(result):
    return [(f.code, f.line, f.severity) for f in result.findings]


def test_dong_thap_blank_number_and_date_are_drafts():
    result = findings_of("dong-thap-2020-tong-ket-10-nam-290.yaml")
    assert codes_and_lines(result) == [("DV101", 23, "warning"), ("DV201", 25, "warning")]


def test_hung_yen_blank_number_and_date_are_drafts():
    result = findings_of("hung-yen-2024-qcdc-9-thang.yaml")
    assert codes_and_lines(result) == [("DV101", 22, "warning"), ("DV201", 24, "warning")]


def test_dak_nong_blank_number_and_day_are_drafts():
    result = findings_of("dak-nong-2023-ke-hoach-dvcq.yaml")
    assert codes_and_lines(result) == [("DV101", 23, "warning"), ("DV201", 25, "warning")]
    assert "ngày" in result.findings[1].message.vi


@pytest.mark.parametrize("name", [
    "dong-thap-2020-tong-ket-10-nam-290.yaml",
    "hung-yen-2024-qcdc-9-thang.yaml",
    "dak-nong-2023-ke-hoach-dvcq.yaml",
])
def test_seed_drafts_become_errors_in_a_final_check(name):
    result = findings_of(name, final=True)
    assert {f.severity for f in result.findings} == {"error"}
    assert {f.code for f in result.findings} == {"DV101", "DV201"}


@pytest.mark.parametrize("name", [
    "dong-thap-2020-tong-ket-10-nam-290.yaml",
    "hung-yen-2024-qcdc-9-thang.yaml",
    "dak-nong-2023-ke-hoach-dvcq.yaml",
])
def test_correct_parts_of_the_seeds_raise_no_error(name):
    """The signatures (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC) and archive lines are right."""
    result = findings_of(name)
    assert not [f for f in result.findings if f.code.startswith(("DV4", "DV5"))]


def test_seed_scores_deduct_the_draft_weights():
    result = findings_of("hung-yen-2024-qcdc-9-thang.yaml")
    assert result.score.value == 94
    assert result.score.grade.vi == "Hoàn thành xuất sắc"


def test_clean_report_scores_100():
    result = findings_of("clean-state-report.yaml")
    assert result.findings == []
    assert result.score.value == 100

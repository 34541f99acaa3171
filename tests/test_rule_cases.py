"""Runs every case in tests/rule_cases/*.yaml, through dvlint.testing (the machinery a plugin's tests use).

Each case is a small report and the findings expected from the rules it
selects, or none. Every expected finding gives its code, line, column and
``says`` (key words of the English message), ``says_vi`` where the Vietnamese one
needs its own check, ``fix`` (the suggested replacement) where the rule gives one, and
severity when it matters:
a rule pointing at the wrong place or saying the wrong thing fails its case.
A case whose findings cannot be pinned so says why in ``unpinned``. ``encoding`` saves
the report in a legacy encoding (tcvn3, vni, windows-1258) and
``convert_legacy`` reads it with --convert-legacy; ``as_of`` (YYYY-MM-DD) is --as-of. Adding a regression
test is adding a case to the YAML file of the rule's family. The format is documented in
dvlint/testing/__init__.py and docs/writing-rules.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from dvlint.testing import cases_missing, load_cases

CASES_DIR = Path(__file__).parent / "rule_cases"


@pytest.fixture
def dvlint_today():
    return TODAY


@pytest.mark.parametrize("case", load_cases(CASES_DIR), ids=str)
def test_rule_case(case, dvlint_checker):
    dvlint_checker.assert_case(case)


def test_every_rule_has_a_failing_and_a_passing_case():
    missing = cases_missing(CASES_DIR)  # dvlint's built-in rules, whatever plugin is installed
    # A rule on how a Word file looks (it asks for the ``layout`` fixture) has its cases as .docx files built in
    # tests/test_presentation.py: a failing test names its code, and a laid-out-as-asked report gives none.
    from dvlint.app import new_engine
    from dvlint.engine.config import Settings

    presentation = (Path(__file__).parent / "test_presentation.py").read_text(encoding="utf-8")
    assert "def test_a_report_laid_out_as_the_decree_asks_has_no_presentation_finding" in presentation
    built = {spec.code for spec in new_engine(Settings()).all_rules
             if "layout" in spec.params and f'"{spec.code}")' in presentation}
    assert not set(missing["failing"]) - built, f"rules without a failing case: {sorted(set(missing['failing']) - built)}"
    assert not set(missing["passing"]) - built, f"rules without a passing case: {sorted(set(missing['passing']) - built)}"

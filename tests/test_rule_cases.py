"""Runs every case in tests/rule_cases/*.yaml.

Each case is a small report and the findings expected from the rules it
selects, or none. Every expected finding gives its code, line, column and
``says`` (key words of the English message), ``says_vi`` where the Vietnamese one
needs its own check, ``fix`` (the suggested replacement) where the rule gives one, and
severity when it matters:
a rule pointing at the wrong place or saying the wrong thing fails its case.
A case whose findings cannot be pinned so says why in ``unpinned``. ``encoding`` saves
the report in a legacy encoding (tcvn3, vni, windows-1258) and
``convert_legacy`` reads it with --convert-legacy; ``as_of`` (YYYY-MM-DD) is --as-of. Adding a regression
test is adding a case to the YAML file of the rule's family.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import check_text

CASES_DIR = Path(__file__).parent / "rule_cases"


def _cases():
    yaml = YAML(typ="safe")
    for file in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.load(file.read_text(encoding="utf-8"))["cases"]:
            yield pytest.param(case, id=f"{file.stem}: {case['name']}")


@pytest.mark.parametrize("case", list(_cases()))
def test_rule_case(case, tmp_path):
    overrides = {"select": tuple(case["select"].split(","))}
    if case.get("final"):
        overrides["final"] = True
    if case.get("convert_legacy"):
        overrides["convert_legacy"] = True
    if case.get("as_of"):  # the day rules judge by, as --as-of gives it
        overrides["as_of"] = dt.date.fromisoformat(case["as_of"])
    if case.get("template"):  # a template written inline, used instead of choosing one
        template = tmp_path / "case-template.yaml"
        template.write_text(case["template"], encoding="utf-8")
        overrides["template"] = str(template)
    result = check_text(tmp_path, case["report"], encoding=case.get("encoding", "utf-8"), **overrides)
    assert result.error is None, result.error and result.error.message.en
    expected = case.get("expect") or []
    pinned = "unpinned" not in case
    got = [{"code": f.code, "line": f.line,
            **({"column": f.column} if pinned or "column" in e else {}),
            **({"severity": f.severity} if "severity" in e else {}),
            **({"says": e["says"] if e.get("says") and e["says"] in f.message.en else f.message.en}
               if pinned or "says" in e else {}),
            **({"says_vi": e["says_vi"] if e["says_vi"] in f.message.vi else f.message.vi} if "says_vi" in e else {}),
            **({"fix": f.fix} if "fix" in e else {})}
           for f, e in zip(result.findings, expected + [{}] * len(result.findings))]
    assert got == expected, [f"{f.code}:{f.line}:{f.column} {f.message.en}" for f in result.findings]


def test_every_rule_has_a_failing_and_a_passing_case():
    from dvlint.engine.config import Settings
    from dvlint.app import new_engine

    yaml = YAML(typ="safe")
    failing, passing = set(), set()
    for file in CASES_DIR.glob("*.yaml"):
        for case in yaml.load(file.read_text(encoding="utf-8"))["cases"]:
            codes = set(case["select"].split(","))
            found = {e["code"] for e in case.get("expect") or []}
            failing |= found
            passing |= codes - found if not found else set()
    specs = new_engine(Settings()).all_rules
    # A rule on how a Word file looks (it asks for the ``layout`` fixture) has its cases as .docx files built in
    # tests/test_presentation.py: a failing test names its code, and a laid-out-as-asked report gives none.
    presentation = (Path(__file__).parent / "test_presentation.py").read_text(encoding="utf-8")
    for spec in specs:
        if "layout" in spec.params and f'"{spec.code}")' in presentation:
            failing.add(spec.code)
            passing.add(spec.code)
    assert "def test_a_report_laid_out_as_the_decree_asks_has_no_presentation_finding" in presentation
    rules = {spec.code for spec in specs}
    assert rules <= failing, f"rules without a failing case: {sorted(rules - failing)}"
    assert rules <= passing, f"rules without a passing case: {sorted(rules - passing)}"

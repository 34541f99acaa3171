"""CI output formats, end to end through the command line."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema

from conftest import FIXTURES, run_cli

SCHEMAS = Path(__file__).parent / "schemas"
DAK_NONG = str(FIXTURES / "dak-nong-2023-ke-hoach-dvcq.yaml")
CLEAN = str(FIXTURES / "clean-state-report.yaml")


def test_sarif_is_valid_and_complete(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("document: [\n", encoding="utf-8")
    proc = run_cli("check", DAK_NONG, CLEAN, str(broken), "--format", "sarif")
    assert proc.returncode == 2
    document = json.loads(proc.stdout)
    schema = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"DV101", "DV207", "DV503"}
    dv503 = next(r for r in rules if r["id"] == "DV503")
    assert dv503["name"] == "recipients-heading" and dv503["defaultConfiguration"]["level"] == "error"
    help_text = dv503["help"]["text"]
    assert "Ví dụ sai:" in help_text and "Ví dụ đúng:" in help_text and help_text.endswith("dvlint explain DV503")
    results = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]}
    assert ("DV207", 32) in results and ("DV503", 289) in results
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    assert run["properties"]["scores"][CLEAN] == 100
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_junit_parses_with_a_suite_per_report_and_a_case_per_rule():
    proc = run_cli("check", DAK_NONG, CLEAN, "--format", "junit")
    root = ET.fromstring(proc.stdout)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [DAK_NONG, CLEAN]
    dak, clean = suites
    rules = json.loads(run_cli("rules", "--format", "json").stdout)
    assert int(dak.get("tests")) == len(dak.findall("testcase")) == len(rules)
    failed = {case.get("name").split()[0] for case in dak.findall("testcase") if case.find("failure") is not None}
    assert failed == {"DV101", "DV201", "DV204", "DV207", "DV503", "DV504"}
    assert int(dak.get("failures")) == len(failed) and clean.get("failures") == "0"
    assert "289" in dak.find("testcase[@name='DV503 recipients-heading']/failure").text
    assert clean.find("properties/property[@name='score']").get("value") == "100"


def test_github_commands_and_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    proc = run_cli("check", DAK_NONG, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    lines = proc.stdout.splitlines()
    assert f"::error file={DAK_NONG},line=289,col=12,title=DV503::Tiêu đề 'Noi nhậm%3A' viết sai: viết 'Nơi nhận%3A'" not in lines
    assert f"::error file={DAK_NONG},line=289,col=12,title=DV503::Tiêu đề 'Noi nhậm:' viết sai: viết 'Nơi nhận:'" in lines
    assert any(line.startswith(f"::warning file={DAK_NONG},line=23,col=11,title=DV101::") for line in lines)
    text = summary.read_text(encoding="utf-8")
    assert "| Báo cáo | Điểm | Xếp loại | Lỗi | Cảnh báo |" in text and f"| `{DAK_NONG}` |" in text


def test_gitlab_code_quality():
    issues = json.loads(run_cli("check", DAK_NONG, "--format", "gitlab").stdout)
    assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issues[0])
    by_code = {i["check_name"]: i for i in issues}
    assert by_code["DV503"]["severity"] == "major" and by_code["DV503"]["location"] == {"path": DAK_NONG, "lines": {"begin": 289}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_output_file_gets_the_format_and_the_terminal_the_summary(tmp_path):
    out = tmp_path / "report.sarif"
    proc = run_cli("check", DAK_NONG, "--format", "sarif", "--output", str(out))
    assert proc.returncode == 1
    assert "Đã kiểm tra 1 báo cáo" in proc.stdout and f"đã ghi {out}" in proc.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
    text_out = tmp_path / "report.txt"
    run_cli("check", DAK_NONG, "--output", str(text_out))
    assert "DV503 [lỗi]" in text_out.read_text(encoding="utf-8") and "\x1b[" not in text_out.read_text(encoding="utf-8")

"""Output formats for CI systems: SARIF, JUnit XML, GitHub Actions, GitLab.

Each renders a whole run; `dvlint check --format NAME [--output FILE]`.
"""

from __future__ import annotations

import hashlib
import json
import os

import dvlint
from dvlint.output.untrusted import safe_text

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _path(report) -> str:
    """The report's path as text any consumer can take (untrusted.safe_text: a received file's name)."""
    return safe_text(str(report.path))


def fingerprint(result, finding) -> str:
    """Stable across line shifts: the file, the rule, the field and the message."""
    text = "\x1f".join([str(result.path), finding.code, finding.field or "", finding.message.en])
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()  # a name that is not UTF-8: its bytes


def _sarif_help(spec, description: str, sections: dict) -> str:
    """What a reviewer needs beside the finding: why, a failing and a passing example, where to read more."""
    parts = [description]
    for key, title in (("fails", "Fails / Ví dụ sai:"), ("passes", "Passes / Ví dụ đúng:")):
        if sections.get(key, "").strip():
            parts.append(f"{title}\n{sections[key].rstrip()}")
    parts.append(f"dvlint explain {spec.code}")
    return "\n\n".join(parts)


def sarif(run, options) -> str:
    """SARIF 2.1.0: one run, the rules with their help, results with locations, scores as properties."""
    from dvlint.output.docs import doc_sections

    lang = options.lang
    rules = list(run.rules)
    index = {spec.code: i for i, spec in enumerate(rules)}
    driver_rules = []
    for spec in rules:
        sections = doc_sections(spec.doc)
        description = (sections.get(lang) or sections.get("en") or spec.summary.text(lang)).strip()
        driver_rules.append({
            "id": spec.code,
            "name": spec.name,
            "shortDescription": {"text": spec.summary.text(lang)},
            "fullDescription": {"text": description},
            "help": {"text": _sarif_help(spec, description, sections)},
            "defaultConfiguration": {"level": SARIF_LEVEL[spec.severity]},
            **({"properties": {"plugin": spec.distribution}} if spec.distribution else {}),
        })
    results, notifications = [], []
    for report in run.reports:
        if report.error is not None:
            notifications.append({
                "level": "error", "message": {"text": safe_text(report.error.message.text(lang))},
                "locations": [_location(report.path, report.error.line, report.error.column)],
            })
            continue
        for finding in report.findings:
            item = {
                "ruleId": finding.code,
                "level": SARIF_LEVEL[finding.severity],
                "message": {"text": safe_text(finding.message.text(lang))},
                "locations": [_location(report.path, finding.line, finding.column)],
                "partialFingerprints": {"dvlint/v1": fingerprint(report, finding)},
                "properties": {"field": finding.field, "weight": finding.weight,
                               **({"crashed": finding.culprit} if finding.culprit else {})},
            }
            if finding.code in index:
                item["ruleIndex"] = index[finding.code]
            results.append(item)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "dvlint", "version": dvlint.__version__, "rules": driver_rules}},
            "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
            "results": results,
            "properties": {"scores": {_path(r): (r.score.value if r.score else None) for r in run.reports}},
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _location(path, line, column) -> dict:
    """A SARIF location; the path as a URI reference, its bytes percent-encoded where they are not plain
    (a received file's name may hold control characters or bytes that are not UTF-8)."""
    import os
    from urllib.parse import quote

    return {"physicalLocation": {"artifactLocation": {"uri": quote(os.fsencode(str(path)), safe="/")},
                                 "region": {"startLine": max(1, line), "startColumn": max(1, column)}}}


def junit(run, options) -> str:
    """JUnit XML: a test suite per report, a test case per rule applied; findings fail it."""
    from xml.etree import ElementTree as ET  # here: every start-up registers this format, few runs write it

    lang = options.lang
    root = ET.Element("testsuites", name="dvlint")
    total = failures = errors = 0
    for report in run.reports:
        suite = ET.SubElement(root, "testsuite", name=_path(report))
        cases = 0
        if report.error is not None:
            case = ET.SubElement(suite, "testcase", classname=_path(report), name="load")
            ET.SubElement(case, "error", message=safe_text(report.error.message.text(lang)), type=report.error.kind).text = (
                f"{_path(report)}:{report.error.line}:{report.error.column}: {safe_text(report.error.message.text(lang))}")
            cases, suite_errors, suite_failures = 1, 1, 0
        else:
            by_code: dict[str, list] = {}
            for finding in report.findings:
                by_code.setdefault(finding.code, []).append(finding)
            suite_errors = suite_failures = 0
            for spec in run.rules:
                cases += 1
                case = ET.SubElement(suite, "testcase", classname=_path(report), name=f"{spec.code} {spec.name}")
                found = by_code.get(spec.code)
                if found:
                    suite_failures += 1
                    ET.SubElement(case, "failure", message=found[0].message.text(lang), type=found[0].severity).text = "\n".join(
                        f"{_path(report)}:{f.line}:{f.column} {f.code} [{f.severity}] {safe_text(f.message.text(lang))}" for f in found)
            if "DV000" in by_code:
                case = ET.SubElement(suite, "testcase", classname=_path(report), name="DV000 internal-error")
                ET.SubElement(case, "error", message=by_code["DV000"][0].message.text(lang), type="internal")
                cases += 1
                suite_errors += 1
            if report.score is not None:
                props = ET.SubElement(suite, "properties")
                ET.SubElement(props, "property", name="score", value=f"{report.score.value:g}")
        suite.set("tests", str(cases))
        suite.set("failures", str(suite_failures))
        suite.set("errors", str(suite_errors))
        total, failures, errors = total + cases, failures + suite_failures, errors + suite_errors
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(run, options) -> str:
    """GitHub Actions workflow commands, one a finding; a step summary when GITHUB_STEP_SUMMARY is set."""
    lang = options.lang
    lines = []
    for report in run.reports:
        path = _escape_property(_path(report))
        if report.error is not None:
            lines.append(f"::error file={path},line={report.error.line},col={report.error.column},"
                         f"title=dvlint::{_escape_data(safe_text(report.error.message.text(lang)))}")
            continue
        for f in report.findings:
            lines.append(f"::{GITHUB_COMMAND[f.severity]} file={path},line={f.line},col={f.column},"
                         f"title={f.code}::{_escape_data(safe_text(f.message.text(lang)))}")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(step_summary(run, lang))
    return "\n".join(lines) + ("\n" if lines else "")


def step_summary(run, lang: str) -> str:
    from dvlint.output.json_format import grade_text

    head = ("| Báo cáo | Điểm | Xếp loại | Lỗi | Cảnh báo |" if lang == "vi" else
            "| Report | Score | Grade | Errors | Warnings |")
    rows = ["## dvlint", "", head, "|---|---|---|---|---|"]
    for r in run.reports:
        if r.error is not None:
            rows.append(f"| `{_path(r)}` | - | {safe_text(r.error.message.text(lang))} | - | - |")
        else:
            grade = grade_text(r.score, lang) or "-"
            rows.append(f"| `{_path(r)}` | {r.score.value:g} | {grade} | {r.count('error')} | {r.count('warning')} |")
    return "\n".join(rows) + "\n\n"


def gitlab(run, options) -> str:
    """GitLab code quality report (a JSON array of issues)."""
    lang = options.lang
    issues = []
    for report in run.reports:
        if report.error is not None:
            issues.append({"description": safe_text(report.error.message.text(lang)), "check_name": "load-error",
                           "fingerprint": hashlib.sha1(f"{_path(report)}\x1fload".encode()).hexdigest(),
                           "severity": "blocker", "location": {"path": _path(report), "lines": {"begin": report.error.line}}})
            continue
        for f in report.findings:
            issues.append({"description": f"{f.code} {safe_text(f.message.text(lang))}", "check_name": f.code,
                           "fingerprint": fingerprint(report, f), "severity": GITLAB_SEVERITY[f.severity],
                           "location": {"path": _path(report), "lines": {"begin": f.line}}})
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"

"""The example plugin package (examples/dvlint-lamdong), installed as a province would install it.

It is built and installed offline (no build isolation, no index) into a folder
of its own, put on PYTHONPATH, and then: its own tests, written with
dvlint.testing, pass under pytest; `dvlint rules` lists its rules and `dvlint
check` runs them, found through its entry point. Nothing is installed into
the environment dvlint's tests run in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "dvlint-lamdong"

REPORT = """\
document:
  kind: BÁO CÁO
  issuer: {parent: UBND TỈNH LÂM ĐỒNG, name: SỞ NỘI VỤ}
  number: "Số: 12/BC-SNV"
  place: Lâm Đồng
  date: ngày 10 tháng 12 năm 2025
  title: Báo cáo kết quả công tác dân vận chính quyền năm 2025
recipients:
  heading: "Nơi nhận:"
  lines: ["- Ban Dân vận Tỉnh ủy;", "- Lưu: VT, VP."]
"""


def _env(site=None, **extra) -> dict:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", **extra}
    for name in ("DVLINT_LANG", "DVLINT_DISABLE_PLUGIN_AUTOLOAD", "PYTEST_DISABLE_PLUGIN_AUTOLOAD", "PYTEST_ADDOPTS",
                 "PYTHONPATH"):
        if name not in extra:
            env.pop(name, None)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(site folder, copy of the package): a copy is built, so that no build output lands in the repository."""
    work = tmp_path_factory.mktemp("lamdong")
    source = work / "dvlint-lamdong"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    site = work / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
         "--no-build-isolation", "--no-index", "--target", str(site), str(source)],
        capture_output=True, text=True, timeout=300, env=_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (site / "dvlint_lamdong" / "rules.py").is_file()
    return site, source


def _pytest(args, cwd, env):
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_its_own_tests_pass_with_the_fixtures_loaded_by_pytest(installed):
    site, source = installed
    proc = _pytest([str(source / "tests")], cwd=source / "tests", env=_env(site))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "12 passed" in proc.stdout, proc.stdout[-1000:]


def test_its_own_tests_pass_with_the_fixtures_asked_for_by_name(installed):
    """Under PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 the fixtures come with -p dvlint.testing.plugin, as documented."""
    site, source = installed
    env = _env(site, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    proc = _pytest([str(source / "tests")], cwd=source / "tests", env=env)
    assert proc.returncode != 0 and "fixture 'dvlint_checker' not found" in proc.stdout, proc.stdout[-2000:]
    proc = _pytest(["-p", "dvlint.testing.plugin", str(source / "tests")], cwd=source / "tests", env=env)
    assert proc.returncode == 0 and "12 passed" in proc.stdout, proc.stdout[-3000:] + proc.stderr[-2000:]


def test_a_failing_case_fails_its_tests(installed, tmp_path):
    """The example's tests can fail: a case expecting the wrong column fails, saying what was found."""
    site, source = installed
    copy = tmp_path / "tests"
    shutil.copytree(source / "tests", copy, ignore=shutil.ignore_patterns("__pycache__"))
    cases = copy / "cases" / "lamdong.yaml"
    text = cases.read_text(encoding="utf-8")
    assert "line: 8, column: 3, severity: error" in text
    cases.write_text(text.replace("line: 8, column: 3, severity: error", "line: 8, column: 5, severity: error"),
                     encoding="utf-8")
    proc = _pytest([str(copy)], cwd=copy, env=_env(site))
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "1 failed, 11 passed" in proc.stdout
    assert "LD101:8:3 [error] The recipients list lacks the Ban Tuyên giáo và Dân vận Tỉnh ủy" in proc.stdout


def test_dvlint_lists_and_runs_its_rules(installed, tmp_path):
    site, _ = installed
    listed = subprocess.run([sys.executable, "-m", "dvlint", "rules"], cwd=tmp_path, env=_env(site),
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert "LD101" in listed.stdout and "LD102" in listed.stdout
    report = tmp_path / "baocao.yaml"
    report.write_text(REPORT, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "dvlint", "check", str(report), "--select", "LD101,LD102",
                           "--format", "json"], cwd=tmp_path, env=_env(site), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["reports"][0]["findings"]
    assert [(f["code"], f["line"]) for f in findings] == [("LD102", 7), ("LD101", 10)]
    assert findings[1]["fix"] == "- Ban Tuyên giáo và Dân vận Tỉnh ủy;"
    # the README's run block: the example's own report, checked with every rule
    assert (EXAMPLE / "baocao.yaml").read_text(encoding="utf-8").split("\n", 1)[1] == REPORT
    proc = subprocess.run([sys.executable, "-m", "dvlint", "check", str(EXAMPLE / "baocao.yaml"), "--format", "json"],
                          cwd=ROOT, env=_env(site), capture_output=True, text=True, timeout=120)
    codes = [f["code"] for f in json.loads(proc.stdout)["reports"][0]["findings"]]
    assert {"LD101", "LD102"} <= set(codes), proc.stdout[-2000:]
    assert findings[1]["fix"] == "- Ban Tuyên giáo và Dân vận Tỉnh ủy;"


def test_without_the_plugin_its_rules_are_unknown(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "dvlint", "rules"], cwd=tmp_path, env=_env(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "LD101" not in proc.stdout

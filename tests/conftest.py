"""Shared helpers for dvlint's tests."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# An installed dvlint plugin must not change what dvlint's own tests see (its rules, a clash with their
# DV9xx codes, its settings): installed plugins are off for the whole suite, and for every dvlint it starts
# (run_cli passes the environment on). A test that needs a plugin turns them on for its own subprocess.
os.environ["DVLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
PLUGINS_ON = {"DVLINT_DISABLE_PLUGIN_AUTOLOAD": ""}

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT / "tests" / "data" / "seeds"  # copies of ../shared/seeds, so the suite stands alone
TODAY = dt.date(2026, 11, 22)


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None):
    """Run the real ``dvlint`` command in a subprocess, as a user would."""
    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    full_env.pop("DVLINT_LANG", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "dvlint", *args],
        cwd=cwd or ROOT, env=full_env, capture_output=True, text=True, input=input, timeout=120,
    )


def as_ordinary_user() -> list[str]:
    """A command prefix that, as root, gives up the capability to ignore file permissions (setpriv), as an
    ordinary user has none; empty for an ordinary user."""
    import shutil

    if os.geteuid() != 0:
        return []
    assert shutil.which("setpriv"), "setpriv (util-linux) is needed to test permissions as root"
    return [shutil.which("setpriv"), "--bounding-set=-dac_override,-dac_read_search"]


def run_json(*args: str, **kwargs):
    proc = run_cli(*args, "--format", "json", **kwargs)
    return proc, json.loads(proc.stdout)


def check_text(tmp_path: Path, text: str, name: str = "report.yaml", encoding: str = "utf-8", **overrides):
    """Check one report given as YAML text, in-process, with dvlint's built-in rules; return its ReportResult.

    ``encoding`` may name a legacy Vietnamese encoding (tcvn3, vni, windows-1258) to save the text in.
    (dvlint.testing.RuleChecker, as a plugin's tests use it.)
    """
    from dvlint.testing import RuleChecker

    return RuleChecker(today=TODAY, folder=tmp_path).result(text, name=name, encoding=encoding, **overrides)


@pytest.fixture
def check(tmp_path):
    def _check(text: str, **overrides):
        return check_text(tmp_path, text, **overrides)

    return _check


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory, monkeypatch):
    """Every test has a cache folder of its own (dvlint check and score cache by default): a result kept by one
    test is never another's, and nothing is written to the user's ~/.cache."""
    monkeypatch.setenv("DVLINT_CACHE_DIR", str(tmp_path_factory.mktemp("dvlint-cache")))

"""Configuration discovery and merging."""

from __future__ import annotations

import tomllib

import pytest

from conftest import ROOT, TODAY
from dvlint.engine import config
from dvlint.source.errors import UsageError
from dvlint.app.runner import Checker

DRAFT = "document:\n  kind: BÁO CÁO\n  number: 'Số: /BC-SKHCN'\n  date: ngày tháng năm 2020\n"


@pytest.fixture(autouse=True)
def fresh_caches():
    config.find_config_file.cache_clear()
    config.read_config_file.cache_clear()
    yield
    config.find_config_file.cache_clear()
    config.read_config_file.cache_clear()


def _check(path, **overrides):
    return Checker(overrides, today=TODAY).check_file(path)


def test_pyproject_found_by_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.dvlint]\nselect = ["DV201"]\nfinal = true\n')
    nested = tmp_path / "reports" / "2024"
    nested.mkdir(parents=True)
    report = nested / "r.yaml"
    report.write_text(DRAFT, encoding="utf-8")
    result = _check(report)
    assert [(f.code, f.severity) for f in result.findings] == [("DV201", "error")]


def test_dvlint_toml_wins_over_a_pyproject_above(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.dvlint]\nselect = ["DV201"]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "dvlint.toml").write_text('select = ["DV101"]\n[severity]\nDV1 = "info"\n')
    report = tmp_path / "sub" / "r.yaml"
    report.write_text(DRAFT, encoding="utf-8")
    assert [(f.code, f.severity) for f in _check(report).findings] == [("DV101", "info")]


def test_a_pyproject_without_dvlint_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.dvlint]\nignore = ["DV1"]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "other"\n')
    report = tmp_path / "sub" / "r.yaml"
    report.write_text(DRAFT, encoding="utf-8")
    assert config.find_config_file(report.parent) == tmp_path / "pyproject.toml"


def test_command_line_overrides_config(tmp_path):
    (tmp_path / "dvlint.toml").write_text('select = ["DV201"]\nfinal = true\n')
    report = tmp_path / "r.yaml"
    report.write_text(DRAFT, encoding="utf-8")
    result = _check(report, select=("DV101",), final=False)
    assert [(f.code, f.severity) for f in result.findings] == [("DV101", "warning")]


def _project_with_local_rule(root):
    (root / "local").mkdir()
    (root / "local" / "extra.py").write_text(
        "from dvlint import Problem, rule\n\n"
        "@rule('DV950', 'always', vi='luôn', en='always', severity='info')\n"
        "def always(document):\n    yield Problem(document.path, vi='có', en='yes')\n"
    )
    (root / "dvlint.toml").write_text('rules = ["local"]\nselect = ["DV950"]\n')
    report = root / "r.yaml"
    report.write_text(DRAFT, encoding="utf-8")
    return report


def test_rules_folder_in_config_is_relative_to_the_file(tmp_path, monkeypatch):
    report = _project_with_local_rule(tmp_path)
    monkeypatch.chdir(tmp_path / "local")  # the project's own configuration, found from the working folder
    assert [f.code for f in _check(report).findings] == ["DV950"]


def test_a_configuration_found_beside_the_files_loads_no_code(tmp_path, monkeypatch):
    (tmp_path / "received").mkdir()
    report = _project_with_local_rule(tmp_path / "received")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    checker = Checker({}, today=TODAY)
    assert checker.check_file(report).findings == []  # its other settings apply (select), its rules do not
    assert checker.ignored_rules == {tmp_path / "received" / "dvlint.toml": ("local",)}
    trusted = Checker({}, config_file=tmp_path / "received" / "dvlint.toml", today=TODAY)
    assert [f.code for f in trusted.check_file(report).findings] == ["DV950"]


@pytest.mark.parametrize("content, needle", [
    ('selct = ["DV1"]\n', "did you mean 'select'"),
    ('fail-on = "sometimes"\n', "fail-on"),
    ('select = [\n', "TOML"),
    ('[severity]\nX1 = "info"\n', "severity"),
])
def test_bad_config_is_a_usage_error(tmp_path, content, needle):
    (tmp_path / "dvlint.toml").write_text(content)
    report = tmp_path / "r.yaml"
    report.write_text(DRAFT, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        _check(report)
    assert needle in info.value.message.en
    assert str(tmp_path / "dvlint.toml") in info.value.message.en


def test_a_templates_folder_named_in_the_configuration_must_exist(tmp_path):
    """A mistyped templates folder is a usage error at its line, through the command line (exit 2), as
    --templates refuses one; the folder that exists is read."""
    from conftest import run_cli

    (tmp_path / "dvlint.toml").write_text('lang = "en"\ntemplates = ["mau-tinh"]\n', encoding="utf-8")
    report = tmp_path / "r.yaml"
    report.write_text(DRAFT, encoding="utf-8")
    proc = run_cli("check", str(report), "--lang", "en")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"{tmp_path / 'dvlint.toml'}:2:1: no such templates folder 'mau-tinh'" in proc.stdout + proc.stderr
    (tmp_path / "mau-tinh").mkdir()
    assert run_cli("check", str(report), "--lang", "en").returncode in (0, 1)


def test_the_example_in_docs_configuration_md_is_valid(tmp_path):
    """The documented example is accepted key for key (a renamed setting would fail here)."""
    import re

    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = re.findall(r"```toml\n(.*?)```", text, re.S)[0]
    for folder in config.FileConfig.model_validate(tomllib.loads(example)["tool"]["dvlint"]).templates:
        (tmp_path / folder).mkdir()  # the folders it names are the project's
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    file_config = config.read_config_file(tmp_path / "pyproject.toml")
    settings = config.settings_for(file_config, tmp_path / "pyproject.toml", {})
    assert settings.per_file == (("archive/2019/*.yaml", ("DV204",)),)
    assert (settings.fail_on, settings.fail_under) == ("error", 80.0)

"""Installed plugins, as a province's IT centre would ship one: a distribution with an entry point in the
``dvlint`` group, installed with pip, found by dvlint through its .dist-info.

Each plugin below is a real package (a pyproject.toml, a module) built and installed with
``pip install --no-deps --target DIR``; dvlint runs in a subprocess with DIR on PYTHONPATH and plugins
turned on (the suite turns them off: tests/conftest.py). What is checked: a plugin's settings, its own
code prefix, a plugin that cannot load (exit 2, named), the autoload switch, DV000 counted by plugin,
``-k`` by distribution name, and docs/hooks.md generated from the hook specifications.
"""

from __future__ import annotations

import importlib.util
import os
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES, PLUGINS_ON, ROOT, run_cli

CLEAN = FIXTURES / "clean-state-report.yaml"  # title: 11 words, on line 17

LAMDONG = '''
"""Lâm Đồng's own rules."""
import sys

from dvlint import Problem, hookimpl, rule
from dvlint.collect import rules_from_module
from dvlint.engine.plugins import PluginSetting

DVLINT_PREFIX = "LD"


@rule("LD101", "title-length", severity="warning", vi="Trích yếu quá dài", en="The title is too long")
def title_length(document, plugin_settings):
    """The title has at most ``max-words`` words."""
    words = len((document.title or "").split())
    if words > plugin_settings.max_words:
        yield Problem(document.field_path("title"), vi=f"trích yếu {words} từ", en=f"title of {words} words")


@rule("LD102", "place-banned", severity="error", vi="Địa danh bị cấm", en="A banned place")
def place_banned(document, plugin_settings):
    """The place is none of ``banned``; a place of "NỔ" crashes (a bug, for the tests)."""
    if document.place == "NỔ":
        raise RuntimeError("the plugin's bug")
    if document.place in plugin_settings["banned"]:
        yield Problem(document.field_path("place"), vi="địa danh bị cấm", en="banned place")


@hookimpl
def dvlint_add_settings():
    return [PluginSetting("max_words", int, 12, "the most words a title may have"),
            PluginSetting("banned", list[str], [], "places a report may not be written in")]


@hookimpl
def dvlint_collect_rules(config):
    return rules_from_module(sys.modules[__name__])
'''

# Another province that took the same prefix.
OTHER = '''
import sys
from dvlint import Problem, hookimpl, rule
from dvlint.collect import rules_from_module

DVLINT_PREFIX = "LD"


@rule("LD201", "other-rule", vi="khác", en="other")
def other_rule(document):
    return ()


@hookimpl
def dvlint_collect_rules(config):
    return rules_from_module(sys.modules[__name__])
'''

BROKEN = '''
import dvlint_module_that_does_not_exist  # noqa: F401
'''

# Rules, but no prefix of its own: its DV9xx would collide with local rules and dvlint's own tests.
NO_PREFIX = '''
import sys
from dvlint import Problem, hookimpl, rule
from dvlint.collect import rules_from_module


@rule("DV901", "unprefixed", vi="x", en="x")
def unprefixed(document):
    return ()


@hookimpl
def dvlint_collect_rules(config):
    return rules_from_module(sys.modules[__name__])
'''


def build_and_install(root: Path, dist: str, module: str, source: str, entry: str | None = None) -> Path:
    """Write a one-module distribution ``dist`` declaring ``[project.entry-points.dvlint]``, install it
    with pip into a folder of its own, and return that folder (for PYTHONPATH)."""
    project = root / f"{dist}-src"
    project.mkdir(parents=True)
    (project / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    (project / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "{dist}"
        version = "1.0"

        [project.entry-points.dvlint]
        {entry or module} = "{module}"

        [tool.setuptools]
        py-modules = ["{module}"]
        """), encoding="utf-8")
    target = root / f"{dist}-site"
    # With a setuptools that builds wheels itself (the test extras ask for one), no build environment is made.
    isolation = ["--no-build-isolation"] if _can_build_wheels() else []
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", *isolation, "--target",
                           str(target), str(project)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert list(target.glob(f"{dist.replace('-', '_')}-1.0.dist-info/entry_points.txt")), "pip wrote no entry point"
    return target


def _can_build_wheels() -> bool:
    try:
        return bool(importlib.util.find_spec("setuptools.command.bdist_wheel") or importlib.util.find_spec("wheel"))
    except ImportError:
        return False


def report_in(folder: Path, text: str | None = None) -> Path:
    """A copy of the clean report in ``folder``, where a configuration file beside it applies."""
    report = folder / "report.yaml"
    report.write_text(text if text is not None else CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    return report


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("plugins")
    return {
        "lamdong": build_and_install(root, "dvlint-lamdong", "lamdong_rules", LAMDONG, entry="lamdong"),
        "other": build_and_install(root, "dvlint-other", "other_rules", OTHER, entry="other"),
        "broken": build_and_install(root, "dvlint-broken", "broken_rules", BROKEN, entry="broken"),
        "noprefix": build_and_install(root, "dvlint-noprefix", "noprefix_rules", NO_PREFIX, entry="noprefix"),
    }


def dvlint(*args, sites_on=(), cwd=None, plugins=True, env=None):
    """Run dvlint with the given installed plugins on its path (and plugins on unless ``plugins=False``)."""
    path = ":".join(str(site) for site in sites_on)
    return run_cli(*map(str, args), cwd=cwd, env={"PYTHONPATH": path, **(PLUGINS_ON if plugins else {}), **(env or {})})


def findings(proc) -> list[str]:
    out = json.loads(proc.stdout)
    return [f["code"] for report in out["reports"] for f in report["findings"]]


# --- settings ------------------------------------------------------------------


def test_a_plugin_reads_its_settings_from_pyproject_and_its_defaults_apply(sites, tmp_path):
    report = report_in(tmp_path)
    default = dvlint("check", report, "--select", "LD", "--format", "json", sites_on=[sites["lamdong"]], cwd=tmp_path)
    assert default.returncode == 0, default.stderr
    assert findings(default) == []  # 11 words, and the default is 12

    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.dvlint]\nfail-on = 'error'\n\n"
        "[tool.dvlint.plugins.lamdong]\nmax-words = 5\nbanned = ['Quảng Ngãi']\n", encoding="utf-8")
    configured = dvlint("check", report, "--select", "LD", "--format", "json", sites_on=[sites["lamdong"]], cwd=tmp_path)
    assert configured.returncode == 1, configured.stderr
    out = json.loads(configured.stdout)
    got = sorted((f["code"], f["line"]) for f in out["reports"][0]["findings"])
    assert got == [("LD101", 17), ("LD102", 15)]


def test_a_plugin_reads_its_settings_from_dvlint_toml(sites, tmp_path):
    report = report_in(tmp_path)
    (tmp_path / "dvlint.toml").write_text("[plugins.lamdong]\nmax_words = 3\n", encoding="utf-8")
    proc = dvlint("check", report, "--select", "LD101", "--format", "json", sites_on=[sites["lamdong"]], cwd=tmp_path)
    assert findings(proc) == ["LD101"], proc.stderr


@pytest.mark.parametrize("table, line, said", [
    ("[plugins.lamdong]\nbanned = []\nmax-words = 'many'\n", 3, "invalid setting 'lamdong.max-words'"),
    ("[plugins.lamdong]\n\nmax-word = 5\n", 3, "unknown setting 'max-word' of plugin 'lamdong'; did you mean 'max-words'?"),
    ("[plugins.lamdong]\ncolour = 'red'\n", 2, "unknown setting 'colour' of plugin 'lamdong'; it takes: max-words (the most "
                                                 "words a title may have); banned (places a report may not be written in)"),
    ("fail-on = 'error'\n\n[plugins.lamdongg]\nmax-words = 5\n", 3, "no installed plugin named 'lamdongg' takes settings; "
                                                                    "did you mean 'lamdong'?"),
])
def test_a_wrong_plugin_setting_is_a_usage_error_with_its_line(sites, tmp_path, table, line, said):
    (tmp_path / "dvlint.toml").write_text(table, encoding="utf-8")
    proc = dvlint("check", report_in(tmp_path), "--lang", "en", sites_on=[sites["lamdong"]], cwd=tmp_path)
    assert proc.returncode == 2
    assert f"{tmp_path / 'dvlint.toml'}:{line}:1: {said}" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_plugin_settings_are_left_aside_with_a_note_when_plugins_are_off(sites, tmp_path):
    (tmp_path / "dvlint.toml").write_text("[plugins.lamdong]\nmax-words = 5\n", encoding="utf-8")
    proc = dvlint("check", report_in(tmp_path), "--lang", "en", "--no-plugins", sites_on=[sites["lamdong"]], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "settings of plugin 'lamdong' left aside: plugins are off" in proc.stderr


# --- the code prefix -------------------------------------------------------------


def test_a_plugins_codes_work_in_select_ignore_severity_and_noqa(sites, tmp_path):
    text = CLEAN.read_text(encoding="utf-8")
    report = report_in(tmp_path)
    (tmp_path / "dvlint.toml").write_text(
        "[severity]\nLD101 = 'error'\n\n[weights]\nLD1 = 7\n\n[plugins.lamdong]\nmax-words = 5\nbanned = ['Quảng Ngãi']\n",
        encoding="utf-8")
    on = [sites["lamdong"]]
    both = dvlint("check", report, "--select", "LD", "--format", "json", sites_on=on, cwd=tmp_path)
    out = json.loads(both.stdout)
    title = next(f for f in out["reports"][0]["findings"] if f["code"] == "LD101")
    assert (title["severity"], title["weight"]) == ("error", 7)
    assert sorted(findings(both)) == ["LD101", "LD102"]
    assert findings(dvlint("check", report, "--select", "LD", "--ignore", "LD102", "--format", "json", sites_on=on,
                           cwd=tmp_path)) == ["LD101"]
    assert sorted(findings(dvlint("check", report, "--select", "LD1", "--ignore", "LD", "--format", "json", sites_on=on,
                                  cwd=tmp_path))) == ["LD101", "LD102"]  # the longer prefix wins, as for DV codes
    report.write_text(text.replace("  title: Kết quả", "  # dvlint: disable=LD101 -- long on purpose\n  title: Kết quả"),
                      encoding="utf-8")
    silenced = dvlint("check", report, "--select", "LD", "--format", "json", sites_on=on, cwd=tmp_path)
    assert findings(silenced) == ["LD102"], silenced.stderr
    assert json.loads(silenced.stdout)["summary"]["suppressed"] == 1
    mistyped = dvlint("check", report, "--select", "LD9", "--lang", "en", sites_on=on, cwd=tmp_path)
    assert mistyped.returncode == 2 and "'LD9' names no rule" in mistyped.stderr


def test_a_plugins_rules_are_listed_explained_and_in_sarif(sites, tmp_path):
    on = [sites["lamdong"]]
    listed = dvlint("rules", "--select", "LD", "--format", "json", sites_on=on)
    assert [(r["code"], r["origin"], r["plugin"]) for r in json.loads(listed.stdout)] == [
        ("LD101", "lamdong_rules", "dvlint-lamdong"), ("LD102", "lamdong_rules", "dvlint-lamdong")]
    builtin = dvlint("rules", "--select", "DV101", "--format", "json", sites_on=on)
    assert json.loads(builtin.stdout)[0]["plugin"] is None
    explained = dvlint("explain", "ld101", "--lang", "en", sites_on=on)
    assert explained.returncode == 0 and explained.stdout.startswith("LD101 (title-length)")
    assert "Family: LD1xx" in explained.stdout
    assert "Plugin: lamdong (dvlint-lamdong)" in explained.stdout
    assert "The plugin's settings ([tool.dvlint.plugins.lamdong]):" in explained.stdout
    assert "    max-words = 12    # the most words a title may have" in explained.stdout  # the default
    (tmp_path / "dvlint.toml").write_text("[plugins.lamdong]\nmax-words = 5\n", encoding="utf-8")
    configured = dvlint("explain", "LD101", sites_on=on, cwd=tmp_path, env={"DVLINT_LANG": "vi"})
    assert "Plugin: lamdong (dvlint-lamdong)" in configured.stdout
    assert "    max-words = 5    # the most words a title may have" in configured.stdout  # the value in force here
    assert "Plugin:" not in dvlint("explain", "DV101", "--lang", "en", sites_on=on).stdout
    sarif = dvlint("check", report_in(tmp_path), "--select", "LD101", "--format", "sarif", sites_on=on, cwd=tmp_path)
    run = json.loads(sarif.stdout)["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["LD101"]
    assert run["tool"]["driver"]["rules"][0]["properties"] == {"plugin": "dvlint-lamdong"}
    assert [r["ruleId"] for r in run["results"]] == ["LD101"]
    crashed = dvlint("check", report_in(tmp_path, CLEAN.read_text(encoding="utf-8").replace("place: Quảng Ngãi", "place: NỔ")),
                     "--select", "LD", "--format", "sarif", sites_on=on, cwd=tmp_path)
    document = json.loads(crashed.stdout)
    import jsonschema

    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    internal = [r for r in document["runs"][0]["results"] if r["ruleId"] == "DV000"]
    assert [r["properties"]["crashed"] for r in internal] == ["LD102 (dvlint-lamdong)"]


def test_two_plugins_with_one_prefix_are_a_usage_error_naming_both(sites):
    proc = dvlint("check", CLEAN, "--lang", "en", sites_on=[sites["lamdong"], sites["other"]])
    assert proc.returncode == 2
    assert "two plugins use the code prefix LD" in proc.stderr
    assert "dvlint-lamdong 1.0, entry point lamdong = lamdong_rules" in proc.stderr
    assert "dvlint-other 1.0, entry point other = other_rules" in proc.stderr


def test_a_plugin_with_rules_and_no_prefix_is_a_usage_error_naming_it(sites):
    proc = dvlint("check", CLEAN, "--lang", "en", sites_on=[sites["noprefix"]])
    assert proc.returncode == 2
    assert "plugin 'noprefix' (dvlint-noprefix 1.0, entry point noprefix = noprefix_rules) provides rules (DV901) " \
           "but declares no code prefix" in proc.stderr


def test_a_code_defined_by_a_plugin_and_a_local_rule_names_both(sites, tmp_path):
    rules = tmp_path / "r"
    rules.mkdir()
    (rules / "mine.py").write_text("from dvlint import rule\n\n@rule('LD101', 'mine', vi='x', en='x')\n"
                                   "def mine(document):\n    return ()\n", encoding="utf-8")
    proc = dvlint("check", CLEAN, "--lang", "en", "--rules", rules, sites_on=[sites["lamdong"]])
    assert proc.returncode == 2
    assert f"rule code LD101 is defined twice: lamdong_rules (plugin dvlint-lamdong) and {rules / 'mine.py'}" in proc.stderr


def test_the_code_pattern_takes_2_to_4_capitals_and_3_digits():
    from dvlint.engine.rule import CODE_PATTERN, CODE_PREFIX_PATTERN, rule

    assert all(CODE_PATTERN.match(code) for code in ("DV401", "LD101", "HCMC101"))
    assert not any(CODE_PATTERN.match(code) for code in ("D401", "LDHCM101", "LD10", "ld101"))
    assert all(CODE_PREFIX_PATTERN.match(code) for code in ("LD", "LD1", "LD101", "DV4"))
    with pytest.raises(ValueError, match="2 to 4 capital letters"):
        rule("L101", "x", vi="x", en="x")


# --- a plugin that cannot load ---------------------------------------------------


@pytest.mark.parametrize("command", [("check", str(CLEAN)), ("rules",), ("explain", "DV101"), ("score", str(CLEAN))])
def test_a_plugin_that_cannot_load_is_a_usage_error_naming_it(sites, command):
    proc = dvlint(*command, "--lang", "en", sites_on=[sites["lamdong"], sites["broken"]])
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert ("plugin 'broken' (dvlint-broken 1.0, entry point broken = broken_rules) cannot be loaded: "
            "ModuleNotFoundError: No module named 'dvlint_module_that_does_not_exist'") in proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


def test_a_plugin_whose_prefix_is_malformed_or_reserved_is_named(sites, tmp_path):
    for prefix in ("L", "DVX", "ld"):
        site = build_and_install(tmp_path / prefix, "dvlint-bad", "bad_rules", f"DVLINT_PREFIX = {prefix!r}\n", entry="bad")
        proc = dvlint("rules", "--lang", "en", sites_on=[site])
        assert proc.returncode == 2
        assert f"plugin 'bad' (dvlint-bad 1.0, entry point bad = bad_rules): DVLINT_PREFIX = {prefix!r} is not valid" \
            in proc.stderr


def test_a_misspelled_hook_is_a_usage_error_naming_the_plugin(tmp_path):
    site = build_and_install(tmp_path, "dvlint-typo", "typo_rules",
                             "from dvlint import hookimpl\n\n@hookimpl\ndef dvlint_colect_rules(config):\n    return []\n",
                             entry="typo")
    proc = dvlint("rules", "--lang", "en", sites_on=[site])
    assert proc.returncode == 2
    assert "plugin 'typo' (dvlint-typo 1.0" in proc.stderr and "dvlint_colect_rules" in proc.stderr


# --- the autoload switch ----------------------------------------------------------


@pytest.mark.parametrize("how", ["variable", "flag"])
@pytest.mark.parametrize("command", [("check", str(CLEAN)), ("rules",), ("score", str(CLEAN))])
def test_the_autoload_switch_keeps_plugins_out(sites, how, command):
    on = [sites["lamdong"], sites["broken"]]  # the broken one would fail the run if it were loaded
    if how == "variable":
        proc = dvlint(*command, sites_on=on, plugins=False, env={"DVLINT_DISABLE_PLUGIN_AUTOLOAD": "1"})
    else:
        proc = dvlint(*command, "--no-plugins", sites_on=on)
    assert proc.returncode == 0, proc.stderr
    assert "LD101" not in proc.stdout
    turned_on = dvlint(*command, sites_on=[sites["lamdong"]])
    assert turned_on.returncode == 0 and ("LD101" in turned_on.stdout or command[0] != "rules")


def test_with_plugins_off_a_plugins_codes_in_the_configuration_are_a_note(sites, tmp_path):
    (tmp_path / "dvlint.toml").write_text("[severity]\nLD1 = 'info'\n", encoding="utf-8")
    report = report_in(tmp_path)
    off = dvlint("check", report, "--lang", "en", "--no-plugins", sites_on=[sites["lamdong"]], cwd=tmp_path)
    assert off.returncode == 0, off.stderr
    assert "severity" in off.stderr and "'LD1' names no rule loaded; it may be an installed plugin's, and plugins are off" \
        in off.stderr
    missing = dvlint("check", report, "--lang", "en", cwd=tmp_path)  # on, but not installed: the gate must not pass
    assert missing.returncode == 2 and "'LD1' names no rule" in missing.stderr


def test_explain_with_no_plugins_does_not_know_the_plugins_rules(sites):
    assert dvlint("explain", "LD101", sites_on=[sites["lamdong"]]).returncode == 0
    assert dvlint("explain", "LD101", "--no-plugins", sites_on=[sites["lamdong"]]).returncode == 2


def test_the_suite_runs_with_plugins_off():
    import os

    from dvlint.engine.plugins import autoload_disabled

    assert os.environ["DVLINT_DISABLE_PLUGIN_AUTOLOAD"] == "1" and autoload_disabled()


# --- a plugin crash, counted -----------------------------------------------------------


def test_a_plugin_crash_is_counted_by_rule_and_plugin(sites, tmp_path):
    report = report_in(tmp_path, CLEAN.read_text(encoding="utf-8").replace("place: Quảng Ngãi", "place: NỔ"))
    twice = [report, tmp_path / "again.yaml"]
    twice[1].write_text(report.read_text(encoding="utf-8"), encoding="utf-8")
    proc = dvlint("check", *twice, "--select", "LD,DV101", "--format", "json", sites_on=[sites["lamdong"]])
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    assert out["summary"]["internal_errors"] == {"LD102 (dvlint-lamdong)": 2}
    assert "rule LD102 (place-banned) of plugin dvlint-lamdong crashed" in out["reports"][0]["findings"][0]["message"] or \
           "quy tắc LD102 (place-banned) của plugin dvlint-lamdong gặp lỗi nội bộ" in out["reports"][0]["findings"][0]["message"]
    text = dvlint("check", *twice, "--select", "LD", "--lang", "en", sites_on=[sites["lamdong"]])
    assert "2 errors DV000 (rules that crashed: LD102 (dvlint-lamdong) ×2)" in text.stdout.splitlines()[-1]
    clean = dvlint("check", CLEAN, "--select", "LD", "--format", "json", sites_on=[sites["lamdong"]])
    assert json.loads(clean.stdout)["summary"]["internal_errors"] == {}


def test_a_local_rule_crash_is_counted_by_its_code(tmp_path):
    rules = tmp_path / "r"
    rules.mkdir()
    (rules / "boom.py").write_text("from dvlint import rule\n\n@rule('DV991', 'boom', vi='nổ', en='boom')\n"
                                   "def boom(document):\n    raise KeyError('nope')\n", encoding="utf-8")
    proc = run_cli("check", str(CLEAN), "--rules", str(rules), "--format", "json")
    assert json.loads(proc.stdout)["summary"]["internal_errors"] == {"DV991": 1}


# --- -k by distribution ------------------------------------------------------------------


@pytest.mark.parametrize("expression, codes", [
    ("dvlint-lamdong", ["LD101", "LD102"]),
    ("dvlint_lamdong", ["LD101", "LD102"]),
    ("lamdong and not banned", ["LD101"]),
    ("not dvlint-lamdong and title", []),
])
def test_k_matches_the_plugins_distribution_name(sites, expression, codes):
    proc = dvlint("rules", "-k", expression, "--format", "json", sites_on=[sites["lamdong"]])
    got = [r["code"] for r in json.loads(proc.stdout)]
    assert [c for c in got if c.startswith("LD")] == codes
    if expression.startswith("dvlint"):
        assert got == codes  # no built-in rule is named so


# --- the hooks, documented ---------------------------------------------------------------


def test_docs_hooks_md_is_generated_and_current():
    proc = run_cli("rules", "--format", "hooks")
    committed = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    assert proc.stdout == committed, "docs/hooks.md is stale: run `dvlint rules --format hooks > docs/hooks.md`"


def test_every_hookspec_is_documented_with_its_arguments():
    import inspect

    from dvlint.engine import hookspecs
    from dvlint.output.docs import hooks_markdown

    page = hooks_markdown()
    specs = [v for v in vars(hookspecs).values() if callable(v) and hasattr(v, "dvlint_spec")]
    assert "dvlint_add_settings" in {f.__name__ for f in specs}
    for func in specs:
        assert f"def {func.__name__}{inspect.signature(func)}:" in page
        doc = inspect.getdoc(func) or ""
        assert len(doc) > 80, f"{func.__name__} needs a docstring saying what it receives and returns"
        for name in inspect.signature(func).parameters:
            assert f"``{name}``" in doc, f"{func.__name__}'s docstring does not say what '{name}' holds"
    assert "context.settings" in page and "context.config" not in page


# --- pydantic's own plugins ------------------------------------------------------

PYDANTIC_SPY = '''
"""A pydantic plugin (entry point group ``pydantic``): importing it leaves a mark."""
import os
from pathlib import Path

Path(os.environ["SPY_MARK"]).write_text("loaded", encoding="utf-8")


class Plugin:
    def new_schema_validator(self, *args, **kwargs):
        return None, None, None  # observes nothing


plugin = Plugin()
'''


def pydantic_plugin_site(root: Path) -> Path:
    """A folder holding a module and the .dist-info of a distribution declaring it a pydantic plugin."""
    site = root / "site"
    (site / "pydantic_spy-1.0.dist-info").mkdir(parents=True)
    (site / "pydantic_spy.py").write_text(PYDANTIC_SPY, encoding="utf-8")
    (site / "pydantic_spy-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: pydantic-spy\nVersion: 1.0\n", encoding="utf-8")
    (site / "pydantic_spy-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nspy = pydantic_spy:plugin\n", encoding="utf-8")
    return site


def test_no_installed_pydantic_plugin_takes_part_in_dvlint_s_validation(tmp_path):
    site, mark = pydantic_plugin_site(tmp_path), tmp_path / "mark"
    env = {"PYTHONPATH": str(site), "SPY_MARK": str(mark)}
    validated = subprocess.run(  # the plugin is real: pydantic loads it in any other program
        [sys.executable, "-c", "from pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)"],
        env={**os.environ, **env}, capture_output=True, text=True, timeout=60)
    assert validated.returncode == 0, validated.stderr
    assert mark.read_text(encoding="utf-8") == "loaded"
    mark.unlink()

    proc = run_cli("check", str(CLEAN), "--no-cache", env=env)
    assert proc.returncode == 0, proc.stderr
    assert not mark.exists()

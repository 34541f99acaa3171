"""Testing rules: rule cases as data, and a checker for tests, for dvlint's own rules and a plugin's.

A *case file* is YAML with a list of ``cases``; each case is a small report, the
rules it selects, and the findings expected from them (or none)::

    cases:
      - name: a report without the province's recipient
        select: DV951
        report: |
          document: {kind: BÁO CÁO, place: Lâm Đồng}
        expect:
          - {code: DV951, line: 1, column: 1, says: Ban Dân vận}

Run them against a plugin's rules (a module, a plugin object, an entry point's
name or a rules folder; dvlint's built-in rules are always there, as in a real run)::

    from dvlint.testing import assert_cases, run_cases
    import lamdong.plugin

    results = run_cases("tests/cases", rules=lamdong.plugin)   # one CaseResult per case
    assert_cases("tests/cases", rules=lamdong.plugin)          # AssertionError naming every failing case

Keys of a case: ``name``, ``select`` (codes or prefixes, comma-separated),
``report`` (the report as YAML text), ``expect`` (the findings, in order of line,
column and code). Optional: ``final: true`` (--final), ``as_of: YYYY-MM-DD``
(--as-of), ``today: YYYY-MM-DD`` (the day of the check), ``template`` (a
template written inline, used as --template), ``plugin_settings`` (the settings of
the plugin under test, ``{max-words: 30}``, as its table in dvlint.toml), ``encoding`` (tcvn3, vni,
windows-1258: the report is saved so) with ``convert_legacy: true``, and
``unpinned: why`` for a case whose findings' columns and messages cannot be pinned.

Keys of an expected finding: ``code`` and ``line`` always; ``column`` and
``says`` (words of the English message) unless the case is ``unpinned``;
``says_vi`` (words of the Vietnamese message), ``severity`` and ``fix`` (the
suggested replacement) when given.

With pytest, the fixtures of :mod:`dvlint.testing.plugin` (``dvlint_checker``,
``dvlint_rules``) are there by themselves once dvlint is installed.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from dvlint.engine.hooks import PROJECT, hookimpl

__all__ = ["Case", "CaseResult", "RuleChecker", "load_cases", "run_case", "run_cases", "assert_case",
           "assert_cases", "check_text", "rule_codes", "cases_missing"]

CASE_KEYS = {"name", "select", "report", "expect", "final", "as_of", "today", "template", "encoding",
             "convert_legacy", "unpinned", "plugin_settings"}
FINDING_KEYS = {"code", "line", "column", "says", "says_vi", "severity", "fix"}


# --- cases -------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One case of a case file, as written (``data``), with the file it came from."""

    data: dict
    file: Path | None = None

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def id(self) -> str:
        """``DV1: a blank number is a draft warning``: the file's stem and the case's name (a pytest id)."""
        return f"{self.file.stem}: {self.name}" if self.file else self.name

    @property
    def select(self) -> tuple[str, ...]:
        return tuple(code.strip() for code in str(self.data["select"]).split(",") if code.strip())

    @property
    def expect(self) -> list[dict]:
        return list(self.data.get("expect") or [])

    def __str__(self) -> str:
        return self.id


def load_cases(path) -> list[Case]:
    """The cases of a case file, or of every ``*.yaml``/``*.yml`` file in a folder (sorted by name).

    A key a case or an expected finding does not know (``expected:`` for ``expect:``) is an error here,
    rather than a case that checks less than it seems to.
    """
    from ruamel.yaml import YAML

    path = Path(path)
    files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")]) if path.is_dir() else [path]
    if not files:
        raise ValueError(f"{path}: no case file (*.yaml) here")
    yaml = YAML(typ="safe")
    cases = []
    for file in files:
        loaded = yaml.load(file.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict) or not isinstance(loaded.get("cases"), list):
            raise ValueError(f"{file}: a case file holds a list under 'cases:'")
        for index, data in enumerate(loaded["cases"]):
            _validate(data, f"{file}: case {index + 1}")
            cases.append(Case(data, file))
    return cases


def _validate(data, where: str) -> None:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: a case is a mapping (name, select, report, expect)")
    missing = {"name", "select", "report"} - set(data)
    unknown = set(data) - CASE_KEYS
    if missing or unknown:
        raise ValueError(f"{where} ({data.get('name', '?')}): " + "; ".join(
            filter(None, [missing and f"missing {', '.join(sorted(missing))}",
                          unknown and f"unknown {', '.join(sorted(unknown))} (known: {', '.join(sorted(CASE_KEYS))})"])))
    for finding in data.get("expect") or []:
        if not isinstance(finding, dict) or not {"code", "line"} <= set(finding) or set(finding) - FINDING_KEYS:
            raise ValueError(f"{where} ({data['name']}): an expected finding has code and line, and may have "
                             f"{', '.join(sorted(FINDING_KEYS - {'code', 'line'}))}: {finding!r}")


@dataclass
class CaseResult:
    """What one case gave: ``passed``, the findings compared (``got``, ``expected``) and the whole result."""

    case: Case
    result: object  # dvlint.engine.core.ReportResult
    expected: list[dict]
    got: list[dict]
    error: str | None = None  # the report could not be read: the case fails with this

    @property
    def passed(self) -> bool:
        return self.error is None and self.got == self.expected

    @property
    def findings(self) -> list:
        return list(self.result.findings)

    def explain(self) -> str:
        """Why the case failed (empty when it passed): what was expected, and what the rules found."""
        if self.passed:
            return ""
        if self.error:
            return f"{self.case.id}: the report could not be read: {self.error}"
        lines = [f"{self.case.id}:", "  expected:"]
        lines += [f"    {e}" for e in self.expected] or ["    (no finding)"]
        lines.append("  found:")
        lines += [f"    {f.code}:{f.line}:{f.column} [{f.severity}] {f.message.en}" for f in self.findings] or [
            "    (no finding)"]
        return "\n".join(lines)


def _compare(case: Case, findings) -> tuple[list[dict], list[dict]]:
    """The expected findings, and the findings as the case states them: each key the case gives (column
    and message always, unless the case is ``unpinned``), a message shortened to the words expected when
    it contains them."""
    expected = case.expect
    pinned = "unpinned" not in case.data
    got = []
    for f, e in zip(findings, expected + [{}] * len(findings)):
        item = {"code": f.code, "line": f.line}
        if pinned or "column" in e:
            item["column"] = f.column
        if "severity" in e:
            item["severity"] = f.severity
        if pinned or "says" in e:
            item["says"] = e["says"] if e.get("says") and e["says"] in f.message.en else f.message.en
        if "says_vi" in e:
            item["says_vi"] = e["says_vi"] if e["says_vi"] in f.message.vi else f.message.vi
        if "fix" in e:
            item["fix"] = f.fix
        got.append({k: item[k] for k in _order(e, item)})
    return expected, got


def _order(expected: dict, item: dict) -> list[str]:
    return [k for k in expected if k in item] + [k for k in item if k not in expected]


# --- the rules under test ------------------------------------------------------


class _RulesPlugin:
    """Rules given as functions or modules, offered through the collection hook as a pack offers its own."""

    def __init__(self, rules):
        self.rules = list(rules)

    @hookimpl
    def dvlint_collect_rules(self, config):
        return list(self.rules)


def _plugins_and_dirs(rules) -> tuple[list[tuple[str, object, bool]], list[Path]]:
    """(name, plugin, installed) to register and rule folders to give as ``rule_dirs``, for what ``rules``
    names. ``installed``: registered as an installed plugin is (its prefix held to, its settings declared
    and filled in): an entry point, or a plugin module or object that declares ``DVLINT_PREFIX`` or
    implements ``dvlint_add_settings``. Other hook modules are registered as a local rule module is."""
    from dvlint.engine.collect import rules_from_module
    from dvlint.engine.hooks import PROJECT
    from dvlint.engine.plugins import ENTRY_POINT_GROUP
    from dvlint.engine.rule import RuleSpec

    items = rules if isinstance(rules, (list, tuple)) else [] if rules is None else [rules]
    plugins: list[tuple[str, object, bool]] = []
    dirs: list[Path] = []
    loose: list = []
    marker = f"{PROJECT}_impl"
    for item in items:
        if isinstance(item, Path) or (isinstance(item, str) and Path(item).is_dir()):
            dirs.append(Path(item).resolve())
        elif isinstance(item, str):
            found = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP, name=item)
            if not found:
                known = sorted(ep.name for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP))
                raise ValueError(f"no rules folder and no installed plugin named '{item}' "
                                 f"(entry points in the '{ENTRY_POINT_GROUP}' group: {', '.join(known) or 'none'})")
            plugins.append((item, next(iter(found)).load(), True))
        elif isinstance(item, RuleSpec) or hasattr(item, "__dvlint_rule__"):
            loose.append(getattr(item, "__dvlint_rule__", item))
        elif isinstance(item, ModuleType):
            hooks = {name for name, value in vars(item).items() if hasattr(value, marker)}
            own = rules_from_module(item) if "dvlint_collect_rules" not in hooks else []
            if not hooks and not own:
                raise ValueError(f"module {item.__name__} has no rule and no dvlint hook")
            if hooks and _is_plugin(item, marker):
                # its @rule functions are its own, as dvlint_collect_rules would hand them over
                plugins.append((_plugin_name(item.__name__), _with_rules(item, own, marker) if own else item, True))
                continue
            if hooks:
                plugins.append((item.__name__, item, False))
            loose.extend(own)
        else:  # a plugin object: a class instance whose methods are hook implementations
            name = f"{type(item).__module__}.{type(item).__qualname__}"
            plugins.append((_plugin_name(name), item, _is_plugin(item, marker)))
    if loose:
        plugins.append(("dvlint.testing.rules", _RulesPlugin(loose), False))
    return plugins, dirs


def _is_plugin(item, marker: str) -> bool:
    return hasattr(item, "DVLINT_PREFIX") or hasattr(getattr(item, "dvlint_add_settings", None), marker)


def _plugin_name(module_name: str) -> str:
    """The name of the installed plugin whose entry point names ``module_name`` (its settings' table), else
    the module's name."""
    from dvlint.engine.plugins import ENTRY_POINT_GROUP

    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if ep.value.split(":")[0].strip() == module_name:
            return ep.name
    return module_name


def _with_rules(module: ModuleType, rules: list, marker: str):
    """A plugin with ``module``'s hooks and prefix that hands over ``rules`` through dvlint_collect_rules."""
    from types import SimpleNamespace

    @hookimpl
    def dvlint_collect_rules(config):
        return list(rules)

    hooks = {name: value for name, value in vars(module).items() if hasattr(value, marker)}
    return SimpleNamespace(**hooks, dvlint_collect_rules=dvlint_collect_rules, __name__=module.__name__,
                           **({"DVLINT_PREFIX": module.DVLINT_PREFIX} if hasattr(module, "DVLINT_PREFIX") else {}))


def _plugin_manager(plugins):
    from dvlint.app import own_plugin_manager
    from dvlint.engine.plugins import register_plugin

    pm = own_plugin_manager()  # dvlint's own plugins, no installed pack: only the rules under test are added
    for name, plugin, installed in plugins:
        if installed:
            register_plugin(pm, plugin, name, _distribution(plugin) or name)
        else:
            pm.register(plugin, name=name)
    return pm


def _distribution(plugin) -> str:
    """The distribution a plugin's module is installed from, if any (how messages name it)."""
    module = getattr(plugin, "__name__", None) or type(plugin).__module__
    top = module.split(".")[0]
    names = importlib.metadata.packages_distributions().get(top) or []
    return names[0] if names else ""


def rule_codes(rules=None) -> list[str]:
    """The codes of the rules ``rules`` gives (dvlint's built-in rules when None), sorted."""
    from dvlint.app import new_engine
    from dvlint.engine.config import Settings

    builtin = sorted(spec.code for spec in new_engine(Settings(), plugins=_plugin_manager([])).all_rules)
    if rules is None:
        return builtin
    plugins, dirs = _plugins_and_dirs(rules)
    engine = new_engine(Settings(rule_dirs=tuple(dirs)), plugins=_plugin_manager(plugins))
    return sorted(spec.code for spec in engine.all_rules if spec.code not in set(builtin))


def cases_missing(path, rules=None) -> dict[str, list[str]]:
    """The rules of ``rules`` (as :func:`rule_codes`) that no case makes fail (``failing``), and those
    that no case selects and sees pass (``passing``): every rule wants at least one of each."""
    failing, passing = set(), set()
    for case in load_cases(path):
        found = {e["code"] for e in case.expect}
        failing |= found
        passing |= set(case.select) - found if not found else set()
    codes = set(rule_codes(rules))
    return {"failing": sorted(codes - failing), "passing": sorted(codes - passing)}


# --- checking ----------------------------------------------------------------


class RuleChecker:
    """Checks report texts and runs cases with the given rules (and dvlint's own), as ``dvlint check`` would.

    ``rules``: a module of rules or a plugin module, a plugin object, a rule function, the name of an
    installed plugin's entry point, a rules folder (``Path``), or a list of these; None for dvlint's
    built-in rules alone. Installed plugins are not loaded unless named, so the test sees only the rules
    it is about. ``today`` is the day of the check (default: today). ``folder`` is where the report files
    are written (default: a temporary folder for each check).

    A plugin under test is registered as an installed one is: its ``DVLINT_PREFIX`` held to, its
    ``dvlint_add_settings`` declared, so that a rule reading ``plugin_settings`` gets the defaults.
    ``plugin_settings`` gives values, as ``[tool.dvlint.plugins.NAME]`` would: ``{"max-words": 30}`` for the
    plugin under test, or ``{"lamdong": {"max-words": 30}}`` by plugin name when there are several. Each
    check may give its own (``check(text, plugin_settings={...})``), over these.
    """

    def __init__(self, rules=None, *, today: dt.date | None = None, folder: Path | None = None,
                 plugin_settings: dict | None = None):
        self.rules = rules
        self.today = today
        self.folder = Path(folder) if folder is not None else None
        plugins, self.rule_dirs = _plugins_and_dirs(rules)
        self.plugins = _plugin_manager(plugins)
        marker = f"{PROJECT}_impl"
        # the plugins under test that take settings (dvlint_add_settings), by the name their table has
        self.settings_plugins = [name for name, plugin, installed in plugins
                                 if installed and hasattr(getattr(plugin, "dvlint_add_settings", None), marker)]
        self.plugin_settings = self._tables(plugin_settings) if plugin_settings else {}

    def _tables(self, given: dict) -> dict[str, dict]:
        """``plugin_settings`` as tables by plugin name: ``{name: {key: value}}``."""
        if not isinstance(given, dict):
            raise TypeError(f"plugin_settings is a mapping of settings ({{'max-words': 30}}), not {given!r}")
        if given and all(name in self.settings_plugins and isinstance(v, dict) for name, v in given.items()):
            return {name: dict(table) for name, table in given.items()}
        if len(self.settings_plugins) != 1:
            which = ", ".join(self.settings_plugins)
            raise ValueError(
                "plugin_settings: no plugin under test declares settings (dvlint_add_settings)" if not which else
                f"plugin_settings: several plugins under test take settings ({which}): give them by name, "
                f"{{'{self.settings_plugins[0]}': {{...}}}}")
        return {self.settings_plugins[0]: dict(given)}

    def _merged_tables(self, given: dict | None) -> dict[str, dict]:
        tables = {name: dict(table) for name, table in self.plugin_settings.items()}
        for name, table in (self._tables(given) if given else {}).items():
            tables.setdefault(name, {}).update(table)
        return tables

    def result(self, report: str, *, name: str = "report.yaml", encoding: str = "utf-8", today=None, **settings):
        """Check one report given as text; its ``ReportResult`` (``.findings``, ``.score``, ``.error``).

        ``settings`` are those of the command line or dvlint.toml, by their Settings names: ``select``
        ("DV951,DV952", or a tuple), ``ignore``, ``final``, ``as_of`` (a date or "YYYY-MM-DD"),
        ``template`` (a name or a file), ``convert_legacy`` ... ``plugin_settings`` the settings of the
        plugin under test (see :class:`RuleChecker`), over the checker's own. ``encoding`` may name a legacy
        encoding (tcvn3, vni, windows-1258) to save the text in.
        """
        if self.folder is not None:
            return self._result_in(self.folder, report, name, encoding, today, settings)
        with tempfile.TemporaryDirectory(prefix="dvlint-test-") as folder:
            return self._result_in(Path(folder), report, name, encoding, today, settings)

    def _result_in(self, folder: Path, report: str, name: str, encoding: str, today, settings: dict):
        from dvlint.app.runner import Checker
        from dvlint.testing.legacy import ENCODERS

        overrides = dict(settings)
        tables = self._merged_tables(overrides.pop("plugin_settings", None))
        if tables:
            overrides["plugins"] = tuple((name, tuple(table.items())) for name, table in tables.items())
        for key in ("select", "ignore"):
            if isinstance(overrides.get(key), str):
                overrides[key] = tuple(c.strip() for c in overrides[key].split(",") if c.strip())
        if isinstance(overrides.get("as_of"), str):
            overrides["as_of"] = dt.date.fromisoformat(overrides["as_of"])
        if self.rule_dirs:
            overrides["rule_dirs"] = tuple(self.rule_dirs) + tuple(overrides.get("rule_dirs") or ())
        path = folder / name
        path.write_bytes(ENCODERS[encoding](report) if encoding in ENCODERS else report.encode(encoding))
        today = dt.date.fromisoformat(today) if isinstance(today, str) else today
        checker = Checker(overrides, config_file=None, today=today or self.today, isolated=True, plugins=self.plugins)
        return checker.check_file(path)

    def check(self, report: str, **settings) -> list:
        """The findings for one report given as text (``dvlint.engine.core.Finding``: code, line, column,
        severity, message.en/.vi, fix). A report that cannot be read fails the test with its load error."""
        result = self.result(report, **settings)
        if result.error is not None:
            raise AssertionError(f"the report could not be read: {result.error.where('report')}: "
                                 f"{result.error.message.en}")
        return list(result.findings)

    def run_case(self, case: Case) -> CaseResult:
        """Check a case's report with its settings and compare the findings with those it expects."""
        data = case.data
        settings: dict = {"select": case.select}
        if data.get("final"):
            settings["final"] = True
        if data.get("convert_legacy"):
            settings["convert_legacy"] = True
        if data.get("as_of"):
            settings["as_of"] = dt.date.fromisoformat(str(data["as_of"]))
        if data.get("plugin_settings"):
            settings["plugin_settings"] = data["plugin_settings"]
        today = dt.date.fromisoformat(str(data["today"])) if data.get("today") else None
        with tempfile.TemporaryDirectory(prefix="dvlint-case-") as folder:
            if data.get("template"):  # a template written inline, used instead of choosing one
                template = Path(folder) / "case-template.yaml"
                template.write_text(data["template"], encoding="utf-8")
                settings["template"] = str(template)
            result = self._result_in(Path(folder), data["report"], "report.yaml", data.get("encoding", "utf-8"),
                                     today, settings)
        if result.error is not None:
            return CaseResult(case, result, case.expect, [], error=f"{result.error.where('report')}: "
                                                                  f"{result.error.message.en}")
        expected, got = _compare(case, result.findings)
        return CaseResult(case, result, expected, got)

    def assert_case(self, case: Case) -> CaseResult:
        outcome = self.run_case(case)
        if not outcome.passed:
            raise AssertionError(outcome.explain())
        return outcome

    def run_cases(self, path) -> list[CaseResult]:
        return [self.run_case(case) for case in load_cases(path)]

    def assert_cases(self, path) -> list[CaseResult]:
        results = self.run_cases(path)
        failed = [r for r in results if not r.passed]
        if failed:
            raise AssertionError(f"{len(failed)} of {len(results)} cases failed:\n"
                                 + "\n".join(r.explain() for r in failed))
        return results


def run_case(case: Case, rules=None, *, today: dt.date | None = None) -> CaseResult:
    return RuleChecker(rules, today=today).run_case(case)


def assert_case(case: Case, rules=None, *, today: dt.date | None = None) -> CaseResult:
    """Run one case; an AssertionError saying what was expected and what was found if it fails."""
    return RuleChecker(rules, today=today).assert_case(case)


def run_cases(path, rules=None, *, today: dt.date | None = None) -> list[CaseResult]:
    """Run every case of a case file or folder with ``rules`` (see :class:`RuleChecker`)."""
    return RuleChecker(rules, today=today).run_cases(path)


def assert_cases(path, rules=None, *, today: dt.date | None = None) -> list[CaseResult]:
    """Run every case; an AssertionError listing every failing case if any fails."""
    return RuleChecker(rules, today=today).assert_cases(path)


def check_text(report: str, rules=None, *, today: dt.date | None = None, **settings) -> list:
    """The findings of ``rules`` (and dvlint's own) for one report given as YAML text; ``settings`` as
    :meth:`RuleChecker.result`'s, ``plugin_settings={"max-words": 30}`` among them."""
    return RuleChecker(rules, today=today).check(report, **settings)

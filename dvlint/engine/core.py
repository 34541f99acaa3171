"""The engine: collect rules, give them their fixtures, run them, score.

One :class:`Engine` serves one configuration (a run over folders with
different configuration files has several). It collects the rules from every
plugin, checks that each rule's parameters name known fixtures (as pytest
does at collection), applies the selection, and then checks reports one by
one. A rule that raises does not stop anything: it becomes a DV000 finding
naming the rule, and the other rules still run.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from dvlint.knowledge import data
from dvlint.engine import scoring
from dvlint.engine.collect import names_no_rule, nearest_code, rules_from_directory, select_rules
from dvlint.engine.config import Settings, resolve_plugin_settings
from dvlint.source.errors import LoadError, UsageError
from dvlint.i18n import Msg
from dvlint.read.loaders import LoadedReport
from dvlint.engine.plugins import (PluginError, autoload_disabled, call_each, installed_plugin_names, plugin_info,
                                   register_module_plugins, who)
from dvlint.engine.rule import RESERVED_PREFIX, SEVERITY_RANK, Problem, RuleSpec

SKIP = object()  # a fixture's answer meaning "the rules asking for me do not apply"
INTERNAL_ERROR_CODE = "DV000"


@dataclass
class Finding:
    code: str
    name: str
    severity: str
    message: Msg
    line: int
    column: int
    field: str | None
    weight: float
    fix: str | None = None
    draft: bool = False  # a blank left to fill in at signing, not a missing element
    culprit: str | None = None  # a DV000's: the rule that crashed, and its plugin: "LD101 (dvlint-lamdong)"

    def as_dict(self, lang: str) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message.text(lang),
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "weight": self.weight,
            "rule": self.name,
            "fix": self.fix,
        }


@dataclass
class ReportResult:
    """The outcome of checking one file.

    ``loaded`` (the report with its positions and source) is there while the
    report is being checked, for hooks; once checked, only the findings, the
    source lines they point at and the report's identity are kept, so that a
    run over thousands of files holds no report model and no source file,
    whether it runs in this process or in workers.
    """

    path: Path
    loaded: LoadedReport | None = None
    error: LoadError | None = None
    findings: list[Finding] = field(default_factory=list)
    template: str | None = None
    template_reason: Msg | None = None  # why that template was chosen
    score: scoring.Score | None = None
    source_lines: dict[int, str] = field(default_factory=dict)
    unit: str = "line"  # what a finding's "line" counts: "line", or "paragraph" in a .docx
    suppressed: int = 0  # findings silenced by suppressions, per-file ignores or the baseline
    suppressions_ignored: int = 0  # findings the report's own suppressions would silence, where those do not apply
    identity: dict = field(default_factory=dict)  # agency, number, date...: see report_identity; survives -j
    text_source: str = "text"  # "ocr" when the text was read from a scan by OCR (exact-text rules did not run)
    pages: dict[int, tuple[int, int]] = field(default_factory=dict)  # a PDF's: line -> (page, line on the page)
    cells: dict[int, tuple[int, int, int]] = field(default_factory=dict)  # a .docx's: paragraph -> (table, row, cell)


    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass
class RunResult:
    reports: list[ReportResult] = field(default_factory=list)  # or a spill.SpilledResults in long runs
    rules: list = field(default_factory=list)  # the rules applied (RuleSpec), for formats that list them

    def count(self, severity: str) -> int:
        return self._tally()[severity]

    @property
    def suppressed(self) -> int:
        return self._tally()["suppressed"]

    @property
    def load_errors(self) -> int:
        return self._tally()["load_errors"]

    @property
    def internal_errors(self) -> dict[str, int]:
        """DV000 findings by the rule that crashed and its plugin: ``{"LD101 (dvlint-lamdong)": 2}``, most first."""
        return self._tally()["internal_errors"]

    @property
    def suppressions_ignored(self) -> int:
        return self._tally()["suppressions_ignored"]

    @property
    def partial(self) -> bool:
        """Whether only selected rules ran (--select, -k)."""
        return self._tally()["partial"] > 0

    def _tally(self) -> dict:
        """Findings by severity, load errors and suppressed findings, counted in one pass over the reports.

        Kept until another report is added: reading the reports may mean
        reading them back from disk (spill.SpilledResults), so the summary
        line, the JSON summary and the exit code must not each pass over them.
        """
        cached = self.__dict__.get("_tally_cache")
        if cached is not None and cached[0] == len(self.reports):
            return cached[1]
        counts = {"error": 0, "warning": 0, "info": 0, "load_errors": 0, "suppressed": 0, "suppressions_ignored": 0,
                  "partial": 0, "internal_errors": {}}
        internal = counts["internal_errors"]
        for report in self.reports:
            counts["load_errors"] += report.error is not None
            counts["suppressed"] += report.suppressed
            counts["suppressions_ignored"] += report.suppressions_ignored
            counts["partial"] += bool(report.score and report.score.partial)
            for finding in report.findings:
                counts[finding.severity] = counts.get(finding.severity, 0) + 1
                if finding.code == INTERNAL_ERROR_CODE:
                    culprit = finding.culprit or INTERNAL_ERROR_CODE
                    internal[culprit] = internal.get(culprit, 0) + 1
        counts["internal_errors"] = dict(sorted(internal.items(), key=lambda item: (-item[1], item[0])))
        self.__dict__["_tally_cache"] = (len(self.reports), counts)
        return counts


@dataclass
class CheckContext:
    """What fixtures are computed from, for one report."""

    loaded: LoadedReport
    settings: Settings
    template: object | None
    today: dt.date
    cache: dict = field(default_factory=dict)


# Codes findings carry that no rule has: a rule that crashed (DV000), an unused or a malformed suppression
# (DV001, DV002: dvlint.plugins.suppress). They may be selected, ignored and weighted like a rule's.
CODES_BEYOND_RULES = (INTERNAL_ERROR_CODE, "DV001", "DV002")
# Fixtures the engine gives each rule for itself: its own plugin's settings (Settings.plugin).
PER_RULE_FIXTURES = ("plugin_settings",)
# The module of dvlint's own fixtures, none of which reads a .docx's look but ``layout`` (Engine.needs_layout).
_BUILTIN_FIXTURES = "dvlint.plugins.builtin"


class Engine:
    def __init__(self, settings: Settings, today: dt.date | None = None, *, plugins):
        """``plugins`` is the plugin manager with the plugins registered (dvlint.app.plugin_manager())."""
        self.settings = settings
        self.today = today or dt.date.today()
        self.pm = plugins
        self.notes: list[Msg] = []  # said once on stderr by the command (a code naming a rule not loaded)
        self.plugin_options: dict[str, list] = {}  # plugin name -> the settings it declares (dvlint explain)
        self.settings = self._plugin_settings()
        self.all_rules = self._collect_rules()
        self._check_codes()
        self.fixtures = self._collect_fixtures()
        self._check_parameters()
        self.rules = select_rules(self.all_rules, settings.select, settings.ignore, settings.keyword)
        self.partial = self._selects_a_subset()
        self.library, self.forced_template = self._templates()

    # --- collection --------------------------------------------------------

    def _plugin_settings(self) -> Settings:
        """The settings with each installed plugin's own (``dvlint_add_settings``) validated and filled in."""
        declared: dict[str, list] = {}
        for plugin, options in call_each(self.pm, "dvlint_add_settings"):
            info = plugin_info(plugin)
            if info is None:
                continue  # a local rule module or a plugin registered by hand: no table of its own
            declared.setdefault(info.name, []).extend(options)
        self.plugin_options = declared  # plugin name -> its PluginSettings, for `dvlint explain`
        settings, notes = resolve_plugin_settings(self.settings, declared, plugins_off=autoload_disabled())
        self.notes.extend(notes)
        return settings

    def _collect_rules(self) -> list[RuleSpec]:
        rules: list[RuleSpec] = []
        for plugin, found in call_each(self.pm, "dvlint_collect_rules", config=self.settings):
            info = plugin_info(plugin)
            for spec in found or ():
                if info is not None:
                    _check_prefix(spec, info)
                    object.__setattr__(spec, "plugin", info.name)
                    object.__setattr__(spec, "distribution", info.distribution)
                rules.append(spec)
        for directory in self.settings.rule_dirs:
            local, modules = rules_from_directory(directory)
            register_module_plugins(self.pm, modules)
            rules.extend(local)
        seen: dict[str, RuleSpec] = {}
        for spec in rules:
            if spec.code in seen and seen[spec.code].func is not spec.func:
                other = seen[spec.code]
                raise UsageError(Msg(
                    f"mã quy tắc {spec.code} bị trùng: {other.where} và {spec.where}",
                    f"rule code {spec.code} is defined twice: {other.where} and {spec.where}",
                ))
            seen[spec.code] = spec
        return sorted(seen.values(), key=lambda s: s.code)

    def _check_codes(self) -> None:
        """Every code or prefix the settings name must name a rule, or the gate could pass having run none.

        ``--select DV9O1`` (a letter O) would otherwise run no rule and print 100/100. A usage error with
        the nearest code, as ruff gives; when this run left out rule folders a configuration named (an
        untrusted or ``--no-local-rules`` run), the code may be theirs: a note, not an error.
        """
        codes = [spec.code for spec in self.all_rules] + list(CODES_BEYOND_RULES)
        s = self.settings
        named = [("select", c) for c in s.select or ()] + [("ignore", c) for c in s.ignore]
        named += [("per-file", c) for _, group in s.per_file for c in group]
        named += [("severity", c) for c, _ in s.severity] + [("weights", c) for c, _ in s.weights]
        for setting, code in named:
            if not names_no_rule(code, codes):
                continue
            where = " (command line)" if s.from_command_line(setting, code) else f" ({s.source})" if s.source else ""
            if not code.strip().upper().startswith(RESERVED_PREFIX) and self._plugins_left_out():
                self.notes.append(Msg(
                    f"{setting}{where}: '{code}' không ứng với quy tắc nào đã nạp; có thể thuộc một plugin đã cài, mà "
                    f"plugin đang tắt",
                    f"{setting}{where}: '{code}' names no rule loaded; it may be an installed plugin's, and plugins are off"))
                continue
            if s.unloaded_rules:
                folders = ", ".join(s.unloaded_rules)
                self.notes.append(Msg(
                    f"{setting}{where}: '{code}' không ứng với quy tắc nào đã nạp; có thể thuộc quy tắc cục bộ không nạp ({folders})",
                    f"{setting}{where}: '{code}' names no rule loaded; it may belong to the local rules not loaded ({folders})"))
                continue
            hint = nearest_code(code, codes)
            raise UsageError(Msg(
                f"{setting}{where}: '{code}' không ứng với quy tắc nào" + (f"; có phải ý bạn là '{hint}'?" if hint else ""),
                f"{setting}{where}: '{code}' names no rule" + (f"; did you mean '{hint}'?" if hint else "")))

    def _plugins_left_out(self) -> bool:
        """Whether installed plugins exist that this run did not load (``--no-plugins``)."""
        return autoload_disabled() and bool(installed_plugin_names())

    def _selects_a_subset(self) -> bool:
        """Whether ``select`` or ``-k`` left out a rule the whole check runs: then no grade is given."""
        if not self.settings.select and not self.settings.keyword:
            return False
        whole = select_rules(self.all_rules, None, (), None)
        return any(spec not in self.rules for spec in whole)

    @functools.cached_property
    def needs_layout(self) -> bool:
        """Whether a .docx's look must be read for this engine's selected rules: one asks for the ``layout``
        fixture (the DV8xx presentation rules), or for a fixture a plugin gives, which may read it. Reading
        the look costs about 60 ms per 20 pages; a run without such rules reads a .docx's text alone."""
        for spec in self.rules:
            for name in spec.params:
                if name == "layout":
                    return True
                func = self.fixtures.get(name)
                if func is not None and getattr(func, "__module__", None) != _BUILTIN_FIXTURES:
                    return True
        return False

    def _collect_fixtures(self) -> dict:
        fixtures: dict = {name: None for name in PER_RULE_FIXTURES}
        owners: dict = {name: "dvlint" for name in PER_RULE_FIXTURES}
        for plugin, provided in call_each(self.pm, "dvlint_fixtures"):
            for name, func in (provided or {}).items():
                if name in fixtures:
                    raise UsageError(Msg(f"fixture '{name}' được định nghĩa hai lần: {owners[name]} và {who(self.pm, plugin)}",
                                         f"fixture '{name}' is defined twice: {owners[name]} and {who(self.pm, plugin)}"))
                fixtures[name] = func
                owners[name] = who(self.pm, plugin)
        return fixtures

    def _check_parameters(self) -> None:
        for spec in self.all_rules:
            for param in spec.params:
                if param not in self.fixtures:
                    known = ", ".join(sorted(self.fixtures))
                    raise UsageError(Msg(
                        f"{spec.where}: quy tắc {spec.code} ({spec.name}) cần fixture '{param}' không tồn tại; có: {known}",
                        f"{spec.where}: rule {spec.code} ({spec.name}) asks for unknown fixture '{param}'; available: {known}",
                    ))

    def _templates(self):
        """The template library, and the template forced by --template (a name or a file)."""
        from dvlint.knowledge.templates import Library

        paths = [p for found in self.pm.hook.dvlint_template_paths(config=self.settings) for p in (found or ())]
        library = Library(paths)
        name = self.settings.template
        return library, (library.named_or_file(name) if name else None)

    def template_for(self, report, as_of: dt.date):
        """(template, why) for one report: the forced one, or the best fit from the library."""
        if self.forced_template is not None:
            return self.forced_template, Msg("chọn bằng --template", "chosen with --template")
        return self.library.choose(report, as_of)

    def scoring_for(self, template) -> tuple[float, list]:
        """The per-rule cap and grade bands: configuration, else the template, else the defaults."""
        base = data.default_scoring()
        tscore = template.scoring if template else None
        cap = _first(self.settings.per_rule_cap, tscore and tscore.per_rule_cap, base.per_rule_cap)
        grades = _first(self.settings.grades, tscore and tscore.grades, base.grades)
        return cap, grades

    # --- checking ------------------------------------------------------------

    def check(self, loaded: LoadedReport) -> ReportResult:
        template, why = self.template_for(loaded.report, as_of_for(self.settings, loaded.report, self.today))
        result = ReportResult(loaded.path, loaded=loaded, template=template.name if template else None,
                              template_reason=why)
        context = CheckContext(loaded, self.settings, template, self.today)
        ocr = loaded.source_kind == "ocr"
        ran: set[str] = set()  # the rules that ran to the end: their fixtures did not skip them
        for spec in self.rules:
            if ocr and spec.exact_text:
                continue  # a recognition slip is not the writer's defect
            found = self._run_rule(spec, context)
            if found is not None:
                result.findings.extend(found)
                if not any(f.code == INTERNAL_ERROR_CODE for f in found):
                    ran.add(spec.code)
        self.pm.hook.dvlint_process_findings(result=result, config=self.settings)
        result.findings.sort(key=lambda f: (f.line, f.column, f.code))
        cap, grades = self.scoring_for(template)
        caps = data.default_scoring().grade_caps if self.settings.final or self.settings.cap_grades else ()
        result.score = scoring.score(result.findings, cap, grades, partial=self.partial, caps=caps,
                                     families=self._families(ran))
        positions = loaded.positions
        result.source_lines = {f.line: positions.source_line(f.line) for f in result.findings}
        result.loaded = None
        result.identity = report_identity(loaded.report)
        result.unit = "paragraph" if loaded.source_kind == "docx" else "line"
        result.text_source = "ocr" if ocr else "text"
        starts = getattr(loaded, "page_starts", None) or []
        if starts:
            result.pages = {f.line: _page_of(f.line, starts) for f in result.findings}
        result.cells = _cells_of(loaded, {f.line for f in result.findings})
        return result

    def _families(self, ran: set[str]) -> list[tuple]:
        """(FamilyCap, applied) for each family cap whose rules are in this run: applied when one of its rules
        ran to the end on this report (the DV8xx rules' ``layout`` fixture skips anything but a .docx). A family
        none of whose rules were selected has no sub-score at all."""
        return [(family, any(family.covers(code) for code in ran)) for family in self._families_in_run]

    @functools.cached_property
    def _families_in_run(self) -> list:
        """The family caps one of whose rules is selected: the same for every report the engine checks."""
        return [family for family in data.default_scoring().family_caps
                if any(family.covers(spec.code) for spec in self.rules)]

    def _run_rule(self, spec: RuleSpec, context: CheckContext) -> list[Finding] | None:
        """The rule's findings; None when a fixture it asks for skipped it (the rule does not apply)."""
        try:
            args = {}
            for name in spec.params:
                value = self.settings.plugin(spec.plugin) if name == "plugin_settings" else self._fixture(name, context)
                if value is SKIP:
                    return None
                args[name] = value
            produced = spec.func(**args)
            return _once([self._finding(spec, problem, context) for problem in (produced or ())])
        except Exception as exc:  # noqa: BLE001 - a crashing rule must not stop the run
            return [self._internal_error(spec, exc)]

    def _fixture(self, name: str, context: CheckContext):
        if name not in context.cache:
            context.cache[name] = self.fixtures[name](context)
        return context.cache[name]

    def _finding(self, spec: RuleSpec, problem: Problem, context: CheckContext) -> Finding:
        if not isinstance(problem, Problem):
            raise TypeError(f"a rule must yield Problem objects, not {type(problem).__name__}")
        severity = self.settings.severity_for(spec.code, problem.severity or spec.severity)
        if problem.draft and self.settings.final:
            severity = "error"
        line, column = context.loaded.locate(problem.field, problem.snippet)
        weight = self.settings.weight_for(spec.code)
        if weight is None:
            weight = problem.weight if problem.weight is not None else self.weight_for(spec, context.template)
        if severity == "info":
            weight = 0.0  # an informational finding costs nothing (docs/scoring.md), however it became one
        return Finding(spec.code, spec.name, severity, problem.message, line, column, problem.field, weight, problem.fix,
                       problem.draft)

    def weight_for(self, spec: RuleSpec, template=None) -> float:
        """The weight of one finding: configuration, else the template, else the rule's default."""
        configured = self.settings.weight_for(spec.code)
        if configured is not None:
            return configured
        if template is None:
            template = self.forced_template
        if template is not None:
            from_template = template.scoring.weight_for(spec.code)
            if from_template is not None:
                return from_template
        return spec.weight

    def _internal_error(self, spec: RuleSpec, exc: Exception) -> Finding:
        detail = f"{type(exc).__name__}: {exc}"
        of_vi = f" của plugin {spec.distribution}" if spec.distribution else ""
        of_en = f" of plugin {spec.distribution}" if spec.distribution else ""
        return Finding(
            INTERNAL_ERROR_CODE, "internal-error", "error",
            Msg(f"quy tắc {spec.code} ({spec.name}){of_vi} gặp lỗi nội bộ và đã bị bỏ qua: {detail}",
                f"rule {spec.code} ({spec.name}){of_en} crashed and was skipped: {detail}"),
            1, 1, None, 0.0, culprit=f"{spec.code} ({spec.distribution})" if spec.distribution else spec.code,
        )


def _check_prefix(spec: RuleSpec, info) -> None:
    """An installed plugin's rule must use the plugin's own code prefix (DVLINT_PREFIX)."""
    if not isinstance(spec, RuleSpec):
        raise PluginError(Msg(f"plugin {info.label}: dvlint_collect_rules trả về {type(spec).__name__}, không phải RuleSpec",
                              f"plugin {info.label}: dvlint_collect_rules returned a {type(spec).__name__}, not a RuleSpec"))
    if info.prefix is None:
        raise PluginError(Msg(
            f"plugin {info.label} có quy tắc ({spec.code}) nhưng không khai báo tiền tố mã: thêm DVLINT_PREFIX = \"AB\" "
            f"vào {info.value} (2 đến 4 chữ in hoa; {RESERVED_PREFIX} dành cho dvlint và quy tắc cục bộ)",
            f"plugin {info.label} provides rules ({spec.code}) but declares no code prefix: add DVLINT_PREFIX = \"AB\" "
            f"to {info.value} (2 to 4 capital letters; {RESERVED_PREFIX} is kept for dvlint and local rules)"))
    digits = spec.code[len(info.prefix):]
    if not (spec.code.startswith(info.prefix) and digits.isdigit() and len(digits) == 3):
        raise PluginError(Msg(
            f"plugin {info.label}: mã quy tắc {spec.code} ({spec.origin}) không dùng tiền tố {info.prefix} của plugin "
            f"(ví dụ {info.prefix}101)",
            f"plugin {info.label}: rule code {spec.code} ({spec.origin}) does not use the plugin's prefix {info.prefix} "
            f"(e.g. {info.prefix}101)"))


def _cells_of(loaded: LoadedReport, lines: set[int]) -> dict[int, tuple[int, int, int]]:
    """The table cell (table, row, 1-based cell) each of ``lines`` stands in, for an imported document:
    a paragraph number alone is hard to find in Word when it is inside a table."""
    explain = getattr(loaded.classified, "explain", None) or ()
    return {line.line: (line.cell[0], line.cell[1], line.cell[2] + 1)
            for line, _ in explain if line.cell and line.line in lines}


def _page_of(line: int, starts: list[int]) -> tuple[int, int]:
    """(page, line on that page) of a line of a PDF's text, from where each page starts."""
    import bisect

    page = max(bisect.bisect_right(starts, line), 1)
    return page, line - starts[page - 1] + 1


def report_identity(report) -> dict:
    """The few facts that name a report in a ranking: small, plain, picklable.

    Kept apart from the report model so that a run in worker processes, which
    sends back only findings, can still say whose report each row is.
    """
    document = report.document
    issuer = document.issuer
    issued = document.issue_date
    return {
        "agency": " ".join((issuer.name or "").split()) if issuer else "",
        "parent": " ".join((issuer.parent or "").split()) if issuer else "",
        "number": (document.number or "").strip(),
        "date": issued.isoformat() if issued else "",
        "date_text": (document.date or "").strip(),
        "kind": document.kind,
        "format": document.format,
        "title": " ".join((document.title or "").split()),
    }


def as_of_for(settings: Settings, report, today: dt.date) -> dt.date:
    """The date rules judge by: --as-of, else the issue date, or for a draft the
    last day of the month or year it gives, else today."""
    if settings.as_of:
        return settings.as_of
    latest = report.document.latest_issue_date
    return min(latest, today) if latest else today


def _once(findings: list[Finding]) -> list[Finding]:
    """A rule's findings without repeats: the same message at the same place is one finding (a
    citation met again in a field already reported would otherwise count, and cost, twice)."""
    seen, out = set(), []
    for finding in findings:
        key = (finding.line, finding.column, finding.message.vi, finding.field)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def _first(*values):
    for value in values:
        if value is not None:
            return value
    return None


def gate_failed(run: RunResult, fail_on: str, fail_under: float | None) -> bool:
    """Whether the findings of a run should fail a CI gate (exit code 1)."""
    if fail_on != "never":
        threshold = SEVERITY_RANK[fail_on]
        for report in run.reports:
            if any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings):
                return True
    if fail_under is not None:
        return any(r.score is not None and r.score.value < fail_under for r in run.reports)
    return False

"""Configuration: ``[tool.dvlint]`` in pyproject.toml, or a dvlint.toml.

The configuration file is found by walking up from the checked file's folder:
in each folder, ``dvlint.toml`` (settings at its top level, or under
``[tool.dvlint]``) and then ``pyproject.toml`` (only if it has a
``[tool.dvlint]`` table). The first one found applies; command-line flags
override it. Paths in a configuration file are relative to that file.

Trust: a configuration file found beside a checked file may have come with
it (a received folder), so it may set options but never load code. Its
``rules`` folders are loaded only when the file is the user's own word: the
one given with ``--config``, or the project's configuration found from the
current working directory (as ruff and pytest treat their root folder). See
docs/configuration.md, "Which configuration is trusted".
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dvlint.engine.rule import CODE_PREFIX_PATTERN
from dvlint.knowledge.data import GradeBand, by_longest_prefix
from dvlint.source.errors import UsageError
from dvlint.source.validation import empty_list
from dvlint.i18n import Msg

CONFIG_NAMES = ("dvlint.toml", "pyproject.toml")


class ScorePage(BaseModel):
    """``[tool.dvlint.score]``: what the commission's page (``dvlint score --html``) says of the run."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    title: str | None = Field(None, description="the page's title (default: Kết quả chấm điểm báo cáo)")
    period: str | None = Field(None, description="the reporting period: Quý III năm 2026")
    unit: str | None = Field(None, description="the unit issuing the page: Ban Dân vận Tỉnh ủy")


class FileConfig(BaseModel):
    """The settings a configuration file may hold (kebab-case keys)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=lambda s: s.replace("_", "-"), defer_build=True)

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=empty_list)
    rules: list[str] = Field(default_factory=empty_list, description="folders of local rule modules")
    templates: list[str] = Field(default_factory=empty_list, description="folders of local templates")
    template: str | None = None
    lang: Literal["vi", "en"] | None = None
    fail_on: Literal["error", "warning", "info", "never"] | None = None
    fail_under: float | None = Field(None, ge=0, le=100)
    final: bool | None = None
    max_file_size: int | None = Field(None, gt=0)
    time_limit: float | None = Field(None, ge=0, description="seconds to read and check one file; 0: no limit")
    convert_legacy: bool | None = None
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    weights: dict[str, float] = Field(default_factory=dict)
    per_rule_cap: float | None = Field(None, ge=0)
    grades: list[GradeBand] | None = None
    per_file: dict[str, list[str]] = Field(default_factory=dict, description="glob -> rule codes to ignore there")
    inline_suppressions: bool | None = Field(None, description="honour '# dvlint: disable' comments in the reports")
    cache_size: int | None = Field(None, gt=0, description="megabytes the cache folder may hold (default 200)")
    score: ScorePage = Field(default_factory=ScorePage)
    plugins: dict[str, dict[str, Any]] = Field(default_factory=dict, description="plugin name -> its settings "
                                               "([tool.dvlint.plugins.NAME]; validated against what the plugin declares)")

    @field_validator("severity", "weights")
    @classmethod
    def _codes(cls, value: dict) -> dict:
        for code in value:
            if not CODE_PREFIX_PATTERN.fullmatch(code):
                raise ValueError(f"'{code}' is not a rule code or code prefix (DV401, DV4, LD101)")
        return value


class Settings(BaseModel):
    """Everything in force for one check: the file's config, then the flags."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True, defer_build=True)

    source: Path | None = None  # the configuration file, if any
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    keyword: str | None = None  # -k expression on rule names
    rule_dirs: tuple[Path, ...] = ()
    template_dirs: tuple[Path, ...] = ()
    template: str | None = None
    lang: str = "vi"
    fail_on: str = "error"
    fail_under: float | None = None
    final: bool = False
    as_of: dt.date | None = None
    max_file_size: int = 10 * 1024 * 1024
    time_limit: float = 600.0  # seconds per file: generous for OCR of a long scan (docs/errors.md, too-slow)
    convert_legacy: bool = False  # read TCVN3, VNI and Windows-1258 files by converting them
    severity: tuple[tuple[str, str], ...] = ()
    weights: tuple[tuple[str, float], ...] = ()
    per_rule_cap: float | None = None
    grades: tuple[GradeBand, ...] | None = None
    per_file: tuple[tuple[str, tuple[str, ...]], ...] = ()
    baseline: Path | None = None
    inline_suppressions: bool = True  # off in `dvlint score`: a received report may not silence its own findings
    cap_grades: bool = False  # a missing number, date or signature caps the grade (score; check --final does too)
    unloaded_rules: tuple[str, ...] = ()  # rule folders a configuration named but this run did not load (trust)
    page_title: str | None = None  # the heading of `dvlint score --html`: [score] in the file, or --title ...
    page_period: str | None = None
    page_unit: str | None = None
    cache_size: int = 200  # megabytes the cache folder may hold; the least recently used entries go first
    # plugin name -> its settings: as the file wrote them until an engine validates them against what the
    # plugins declare (dvlint_add_settings), then every declared setting with its value or default
    plugins: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    # the codes the command line (the overrides) gave, by setting: ("select", ("DV4",)), so that a message
    # about one names the command line, not the configuration file
    command_line: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def from_command_line(self, setting: str, code: str) -> bool:
        """Whether the command line (not the configuration file) gave ``code`` to ``setting``."""
        return code in dict(self.command_line).get(setting, ())

    def plugin(self, name: str) -> "PluginOptions":
        """The settings of the installed plugin ``name`` (its entry point's name), defaults included."""
        for plugin, values in self.plugins:
            if plugin == name:
                return PluginOptions(name, dict(values))
        return PluginOptions(name, {})

    def severity_for(self, code: str, default: str) -> str:
        return by_longest_prefix(self.severity, code, default)

    def weight_for(self, code: str) -> float | None:
        return by_longest_prefix(self.weights, code, None)


class PluginOptions:
    """One plugin's settings, read-only: ``options.max_words`` or ``options["max-words"]``."""

    __slots__ = ("_name", "_values")

    def __init__(self, name: str, values: dict):
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_values", MappingProxyType(dict(values)))

    def __getattr__(self, key: str):
        try:
            return self._values[key]
        except KeyError:
            raise AttributeError(f"plugin '{self._name}' has no setting '{key}'") from None

    def __getitem__(self, key: str):
        return self._values[key.replace("-", "_")]

    def __contains__(self, key: str) -> bool:
        return key.replace("-", "_") in self._values

    def get(self, key: str, default=None):
        return self._values.get(key.replace("-", "_"), default)

    def as_dict(self) -> dict:
        return dict(self._values)

    def __setattr__(self, key, value):
        raise AttributeError("plugin settings are read-only")

    def __repr__(self) -> str:
        return f"PluginOptions({self._name!r}, {dict(self._values)!r})"


def resolve_plugin_settings(settings: Settings, declared: dict[str, list], plugins_off: bool = False
                            ) -> tuple[Settings, list[Msg]]:
    """The settings with each plugin's table validated against what it declares (``{plugin name:
    [PluginSetting]}``), defaults filled in; and notes to say once.

    A key a plugin does not declare, a value of the wrong type, or a table naming no installed plugin is
    a UsageError located in the configuration file (``file:line:1``), as for dvlint's own settings. When
    installed plugins are off (``--no-plugins``, ``DVLINT_DISABLE_PLUGIN_AUTOLOAD``), their tables are
    left aside with a note.
    """
    from pydantic import TypeAdapter

    from dvlint.source.validation import did_you_mean

    given = dict(settings.plugins)
    notes: list[Msg] = []
    resolved = []
    for name, table in given.items():
        if name in declared:
            continue
        where = _plugin_where(settings.source, name, None)
        if plugins_off:
            notes.append(Msg(f"{where}: bỏ qua thiết lập của plugin '{name}': plugin đang tắt",
                             f"{where}: settings of plugin '{name}' left aside: plugins are off"))
            continue
        hint = did_you_mean(name, list(declared))
        known = ", ".join(sorted(declared)) or "-"
        raise UsageError(Msg(
            f"{where}: không có plugin nào tên '{name}' nhận thiết lập"
            + (f"; có phải ý bạn là '{hint}'?" if hint else f" (plugin nhận thiết lập: {known})"),
            f"{where}: no installed plugin named '{name}' takes settings"
            + (f"; did you mean '{hint}'?" if hint else f" (plugins taking settings: {known})")))
    for name, options in declared.items():
        table = dict(given.get(name, ()))
        by_key = {}
        for option in options:
            by_key[option.name] = option
            by_key[option.key] = option
        values = {option.name: copy.deepcopy(option.default) for option in options}
        for key, value in table.items():
            option = by_key.get(key)
            where = _plugin_where(settings.source, name, key)
            if option is None:
                hint = did_you_mean(key, [o.key for o in options])
                listed = "; ".join(f"{o.key} ({o.help})" if o.help else o.key for o in options)
                raise UsageError(Msg(
                    f"{where}: khóa cấu hình không hợp lệ '{key}' của plugin '{name}'"
                    + (f"; có phải ý bạn là '{hint}'?" if hint else f"; plugin nhận: {listed}"),
                    f"{where}: unknown setting '{key}' of plugin '{name}'"
                    + (f"; did you mean '{hint}'?" if hint else f"; it takes: {listed}")))
            try:
                values[option.name] = TypeAdapter(option.type).validate_python(value)
            except ValidationError as exc:
                message = exc.errors(include_url=False)[0]["msg"]
                raise UsageError(Msg(f"{where}: giá trị cấu hình '{name}.{key}' không hợp lệ: {message}",
                                     f"{where}: invalid setting '{name}.{key}': {message}")) from None
        resolved.append((name, tuple(values.items())))
    return settings.model_copy(update={"plugins": tuple(resolved)}), notes


def _plugin_where(source: Path | None, plugin: str, key: str | None) -> str:
    """``file:line:1`` of a plugin's table (its header) or of one key in it; the command line has none."""
    if source is None:
        return "configuration"
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        return f"{source}:1:1"
    return f"{source}:{_line_of_plugin_key(text, plugin, key)}:1"


def _line_of_plugin_key(text: str, plugin: str, key: str | None) -> int:
    header = re.compile(rf"\s*\[\s*(tool\s*\.\s*dvlint\s*\.\s*)?plugins\s*\.\s*[\"']?{re.escape(plugin)}[\"']?\s*\]")
    lines = text.splitlines()
    start = None
    for number, line in enumerate(lines, 1):
        if start is None and header.match(line):
            start = number
            if key is None:
                return number
        elif start is not None and line.lstrip().startswith("["):
            break
        elif start is not None and key and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    for number, line in enumerate(lines, 1):  # a dotted key or an inline table: plugins.lamdong.max-words = ...
        if re.search(rf"\b{re.escape(plugin)}\b", line) and (key is None or key in line):
            return number
    return start or 1


@functools.cache
def find_config_file(directory: Path) -> Path | None:
    """The configuration file that applies to files in ``directory``."""
    for folder in (directory, *directory.parents):
        candidate = folder / "dvlint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_dvlint_table(candidate):
            return candidate
    return None


def _has_dvlint_table(path: Path) -> bool:
    try:
        return "[tool.dvlint" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


@functools.cache
def read_config_file(path: Path) -> FileConfig:
    """Parse and validate one configuration file, or raise a UsageError."""
    import tomllib  # here: most runs find no configuration file

    try:
        text = path.read_text(encoding="utf-8")
        table = tomllib.loads(text)
    except OSError as exc:
        raise UsageError(Msg(f"{path}: không đọc được tệp cấu hình: {exc.strerror}",
                             f"{path}: cannot read the configuration file: {exc.strerror}")) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        where = _toml_error_location(str(exc))
        raise UsageError(Msg(f"{path}:{where}: lỗi cú pháp TOML: {exc}", f"{path}:{where}: TOML syntax error: {exc}")) from None
    if path.name == "pyproject.toml" or "tool" in table:
        table = table.get("tool", {}).get("dvlint", {})
    try:
        config = FileConfig.model_validate(table)
    except ValidationError as exc:
        raise _config_error(path, text, exc) from None
    _check_template_folders(path, text, config)
    return config


def _check_template_folders(path: Path, text: str, config: FileConfig) -> None:
    """A templates folder the file names must exist: one mistyped would be passed over in silence and the
    reports judged by a shipped template instead (as ``--templates`` refuses a folder that is not there)."""
    for folder in config.templates:
        if not (path.parent / folder).is_dir():
            line = _line_of_key(text, "templates")
            raise UsageError(Msg(f"{path}:{line}:1: không có thư mục mẫu '{folder}' (tìm ở {path.parent / folder})",
                                 f"{path}:{line}:1: no such templates folder '{folder}' (looked for {path.parent / folder})"))


def _toml_error_location(message: str) -> str:
    m = re.search(r"line (\d+), column (\d+)", message)
    return f"{m[1]}:{m[2]}" if m else "1:1"


def _config_error(path: Path, text: str, exc: ValidationError) -> UsageError:
    from dvlint.source.validation import did_you_mean

    err = exc.errors(include_url=False)[0]
    key = ".".join(str(p) for p in err["loc"])
    line = _line_of_key(text, str(err["loc"][0]) if err["loc"] else "")
    if err["type"] == "extra_forbidden":
        hint = did_you_mean(key, [f.replace("_", "-") for f in FileConfig.model_fields])
        hint_vi = f"; có phải ý bạn là '{hint}'?" if hint else ""
        hint_en = f"; did you mean '{hint}'?" if hint else ""
        return UsageError(Msg(f"{path}:{line}:1: khóa cấu hình không hợp lệ '{key}'{hint_vi}",
                              f"{path}:{line}:1: unknown setting '{key}'{hint_en}"))
    return UsageError(Msg(f"{path}:{line}:1: giá trị cấu hình '{key}' không hợp lệ: {err['msg']}",
                          f"{path}:{line}:1: invalid setting '{key}': {err['msg']}"))


def _line_of_key(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if key and re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return 1


def settings_for(file_config: FileConfig | None, source: Path | None, overrides: dict,
                 defaults: dict | None = None) -> Settings:
    """Merge a configuration file with command-line overrides (None = not given).

    ``defaults`` are a command's own defaults, below the file's settings
    (``dvlint score`` turns inline suppressions off unless its configuration
    turns them on).
    """
    fc = file_config or FileConfig()
    base = source.parent if source else Path.cwd()
    values = {
        "source": source,
        "select": tuple(fc.select) if fc.select is not None else None,
        "ignore": tuple(fc.ignore),
        "rule_dirs": tuple((base / d).resolve() for d in fc.rules),
        "template_dirs": tuple((base / d).resolve() for d in fc.templates),
        "template": fc.template,
        "lang": fc.lang,
        "fail_on": fc.fail_on,
        "fail_under": fc.fail_under,
        "final": fc.final,
        "max_file_size": fc.max_file_size,
        "time_limit": fc.time_limit,
        "convert_legacy": fc.convert_legacy,
        "severity": tuple(fc.severity.items()),
        "weights": tuple(fc.weights.items()),
        "per_rule_cap": fc.per_rule_cap,
        "grades": tuple(fc.grades) if fc.grades else None,
        "per_file": tuple((glob, tuple(c.upper() for c in codes)) for glob, codes in fc.per_file.items()),
        "inline_suppressions": fc.inline_suppressions,
        "page_title": fc.score.title,
        "page_period": fc.score.period,
        "page_unit": fc.score.unit,
        "cache_size": fc.cache_size,
        "plugins": tuple((name, tuple(table.items())) for name, table in fc.plugins.items()),
    }
    values["command_line"] = tuple((key, (overrides[key],) if isinstance(overrides[key], str) else tuple(overrides[key]))
                                   for key in ("select", "ignore")
                                   if overrides.get(key))
    for key, value in (defaults or {}).items():
        if values.get(key) is None:
            values[key] = value
    for key, value in overrides.items():
        if value is None:
            continue
        if key in ("rule_dirs", "template_dirs", "ignore"):
            values[key] = tuple(values[key]) + tuple(value)
        else:
            values[key] = value
    return Settings(**{k: v for k, v in values.items() if v is not None})


def without_code(file_config: FileConfig) -> FileConfig:
    """The same settings with no local rule folder: what an untrusted configuration file may set."""
    return file_config.model_copy(update={"rules": []})

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

import datetime as dt
import functools
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dvlint.knowledge.data import GradeBand, by_longest_prefix
from dvlint.source.errors import UsageError
from dvlint.i18n import Msg

CONFIG_NAMES = ("dvlint.toml", "pyproject.toml")


class ScorePage(BaseModel):
    """``[tool.dvlint.score]``: what the commission's page (``dvlint score --html``) says of the run."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, description="the page's title (default: Kết quả chấm điểm báo cáo)")
    period: str | None = Field(None, description="the reporting period: Quý III năm 2026")
    unit: str | None = Field(None, description="the unit issuing the page: Ban Dân vận Tỉnh ủy")


class FileConfig(BaseModel):
    """The settings a configuration file may hold (kebab-case keys)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=lambda s: s.replace("_", "-"))

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list, description="folders of local rule modules")
    templates: list[str] = Field(default_factory=list, description="folders of local templates")
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

    @field_validator("severity", "weights")
    @classmethod
    def _codes(cls, value: dict) -> dict:
        for code in value:
            if not re.fullmatch(r"DV\d{0,3}", code):
                raise ValueError(f"'{code}' is not a rule code or code prefix (DV401, DV4)")
        return value


class Settings(BaseModel):
    """Everything in force for one check: the file's config, then the flags."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)

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

    def severity_for(self, code: str, default: str) -> str:
        return by_longest_prefix(self.severity, code, default)

    def weight_for(self, code: str) -> float | None:
        return by_longest_prefix(self.weights, code, None)


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
        return FileConfig.model_validate(table)
    except ValidationError as exc:
        raise _config_error(path, text, exc) from None


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
    }
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

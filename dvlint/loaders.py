"""Report loaders: from a file to a validated, positioned report.

The YAML loader is built in; importers for .docx and Markdown plug in through
the ``dvlint_loaders`` hook with the same :class:`Loader` shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from dvlint import errors, yamlload
from dvlint.errors import LoadError
from dvlint.positions import PositionMap, parse_path


@dataclass
class LoadedReport:
    """A report and where each of its values came from."""

    path: Path
    report: object  # dvlint.model.Report
    positions: PositionMap
    source_kind: str = "yaml"

    def locate(self, field: str | None, snippet: str | None = None) -> tuple[int, int]:
        if not field:
            return (1, 1)
        return self.positions.locate(parse_path(field), snippet)


@dataclass(frozen=True)
class Loader:
    """Reads files with the given suffixes into LoadedReports."""

    name: str
    suffixes: tuple[str, ...]
    load: Callable[[Path, object], LoadedReport]  # (path, settings) -> LoadedReport


def load_yaml_report(path: Path, settings) -> LoadedReport:
    """Read, parse and validate a report written in dvlint's YAML format."""
    from pydantic import ValidationError

    from dvlint.model import Report
    from dvlint.validation import to_load_error

    text = yamlload.read_text(path, settings.max_file_size)
    raw, positions = yamlload.load(text)
    if not isinstance(raw, dict):
        span = positions.value_span(())
        raise LoadError("not-a-mapping", errors.NOT_A_MAPPING, span.line if span else 1, span.column if span else 1)
    try:
        report = Report.model_validate(raw)
    except ValidationError as exc:
        raise to_load_error(exc, positions, Report) from None
    return LoadedReport(path, report.bind_paths(), positions, "yaml")


YAML_LOADER = Loader("yaml", (".yaml", ".yml"), load_yaml_report)

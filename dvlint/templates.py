"""Provincial templates: YAML data files a commission clerk writes.

A template names what a kind of report must contain and how it is scored.
This module holds the template model and finds templates by name among the
paths plugins provide (``dvlint_template_paths``). A template is chosen with
``--template NAME`` (or a path to a template file) or the ``template`` setting.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from dvlint.data import GradeBand, load_model_file
from dvlint.errors import UsageError
from dvlint.i18n import Msg


class TemplateScoring(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: dict[str, float] = Field(default_factory=dict, description="weight by rule code or code prefix")
    per_rule_cap: float | None = Field(None, ge=0)
    grades: list[GradeBand] | None = None

    def weight_for(self, code: str) -> float | None:
        from dvlint.config import by_longest_prefix

        return by_longest_prefix(self.weights.items(), code, None)


class Template(BaseModel):
    """A template: its name, what it is for, and its scoring."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str | None = None
    description: str | None = None
    source: str | None = Field(None, description="the outline (đề cương) this template follows")
    scoring: TemplateScoring = Field(default_factory=TemplateScoring)


def template_files(paths) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")))
        elif path.is_file():
            files.append(path)
    return files


def find_template(name_or_path: str, paths) -> Template:
    """The template named ``name_or_path`` (by its ``name`` or file stem), or a file."""
    from dvlint.data import DataFileError

    try:
        candidate = Path(name_or_path)
        if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
            return load_model_file(candidate, Template)
        for file in template_files(paths):
            if file.stem == name_or_path:
                return load_model_file(file, Template)
        for file in template_files(paths):
            template = load_model_file(file, Template)
            if template.name == name_or_path:
                return template
    except DataFileError as exc:
        raise UsageError(Msg(f"{exc.path}:{exc.error.line}:{exc.error.column}: mẫu không hợp lệ: {exc.error.message.vi}",
                             f"{exc.path}:{exc.error.line}:{exc.error.column}: invalid template: {exc.error.message.en}")) from None
    raise UsageError(Msg(f"không tìm thấy mẫu báo cáo '{name_or_path}'", f"no template named '{name_or_path}'"))

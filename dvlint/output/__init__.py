"""Output formats. Each is a function ``render(run, options) -> str | None``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputOptions:
    lang: str = "vi"
    color: str = "auto"  # auto | always | never
    show_source: bool = True
    explain_score: bool = False
    quiet: bool = False  # only the findings (and the exit code): no scores, no summary

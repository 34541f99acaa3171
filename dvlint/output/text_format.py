"""``--format text`` (the default): findings for people, with rich.

Grouped by file: each finding as ``path:line:col CODE [severity] message``
with the offending source line under it, then the file's score and grade.
Colour only on a terminal, never with ``NO_COLOR`` or ``--color never``.
"""

from __future__ import annotations

import io
import sys

from dvlint.i18n import SEVERITY_LABELS, Msg
from dvlint.output.json_format import grade_label

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}

SCORE_LINE = Msg("Điểm: {score:g}/100 — {grade}", "Score: {score:g}/100 — {grade}")
COUNTS = Msg("{errors} lỗi, {warnings} cảnh báo, {infos} thông tin",
             "{errors} errors, {warnings} warnings, {infos} infos")
SUMMARY = Msg("Đã kiểm tra {reports} báo cáo: {counts}", "Checked {reports} reports: {counts}")
NOT_LOADED = Msg("; {n} tệp không đọc được", "; {n} files could not be read")
NO_FINDINGS = Msg("không có phát hiện nào", "no findings")
DEDUCTION = Msg("  −{points:g} điểm  {code} {name} ({count} lần{capped})",
                "  −{points:g} points  {code} {name} ({count}×{capped})")
CAPPED = Msg(", đã áp trần", ", capped")


def _console(options, file):
    from rich.console import Console

    force = {"always": True, "never": False}.get(options.color)
    return Console(file=file, highlight=False, soft_wrap=True, force_terminal=force,
                   no_color=options.color == "never" or None, emoji=False)


def render(run, options, file=None) -> str | None:
    """Print to ``file`` (stdout) directly; return the text when buffering."""
    target = file if file is not None else sys.stdout
    console = _console(options, target)
    for result in run.reports:
        _render_report(console, result, options)
    console.print(_summary(run, options.lang), style="bold")
    return None


def render_to_string(run, options) -> str:
    buffer = io.StringIO()
    render(run, options, buffer)
    return buffer.getvalue()


def _render_report(console, result, options) -> None:
    from rich.text import Text

    lang = options.lang
    path = str(result.path)
    if result.error is not None:
        err = result.error
        console.print(Text.assemble((f"{path}:{err.line}:{err.column}: ", "bold"), (err.message.text(lang), "red")))
        return
    positions = result.loaded.positions if result.loaded else None
    for finding in result.findings:
        style = _STYLES.get(finding.severity, "")
        console.print(Text.assemble(
            (f"{path}:{finding.line}:{finding.column} ", "bold"),
            (finding.code, style),
            f" [{SEVERITY_LABELS[finding.severity].text(lang)}] ",
            finding.message.text(lang),
        ))
        if options.show_source and positions is not None:
            _render_source(console, positions, finding)
    _render_score(console, result, options)


def _render_source(console, positions, finding) -> None:
    from rich.text import Text

    line = positions.source_line(finding.line)
    if line is None:
        return
    gutter = f"{finding.line:>5} | "
    console.print(Text(gutter, "dim") + Text(line.expandtabs(4)))
    console.print(Text(" " * (len(gutter) + finding.column - 1) + "^", _STYLES.get(finding.severity, "")))


def _render_score(console, result, options) -> None:
    lang = options.lang
    score = result.score
    counts = COUNTS.format(errors=result.count("error"), warnings=result.count("warning"), infos=result.count("info"))
    grade = grade_label(score.grade, lang) if score.grade else "-"
    line = SCORE_LINE.format(score=score.value, grade=grade).text(lang)
    details = counts.text(lang) if result.findings else NO_FINDINGS.text(lang)
    console.print(f"{result.path}: {line} ({details})", style="bold", markup=False)
    if options.explain_score:
        for d in score.deductions:
            capped = CAPPED.text(lang) if d.capped else ""
            console.print(DEDUCTION.format(points=d.points, code=d.code, name=d.name, count=d.count, capped=capped).text(lang),
                          markup=False)
    console.print()


def _summary(run, lang: str) -> str:
    counts = COUNTS.format(errors=run.count("error"), warnings=run.count("warning"), infos=run.count("info"))
    text = SUMMARY.format(reports=len(run.reports), counts=counts.text(lang)).text(lang)
    if run.load_errors:
        text += NOT_LOADED.format(n=run.load_errors).text(lang)
    return text

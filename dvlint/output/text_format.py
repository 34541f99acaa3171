"""``--format text`` (the default): findings for people, with rich.

Grouped by file: each finding as ``path:line:col CODE [severity] message``
with the offending source line under it, then the file's score and grade.
Colour only on a terminal, never with ``NO_COLOR`` or ``--color never``.
"""

from __future__ import annotations

import os
import sys

from dvlint.i18n import SEVERITY_LABELS, Msg
from dvlint.output.json_format import grade_text
from dvlint.output.untrusted import safe_text

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}

SCORE_LINE = Msg("Điểm: {score:g}/100 — {grade}", "Score: {score:g}/100 — {grade}")
COUNTS = Msg("{errors} lỗi, {warnings} cảnh báo, {infos} thông tin",
             "{errors} errors, {warnings} warnings, {infos} infos")
SUMMARY = Msg("Đã kiểm tra {reports} báo cáo: {counts}", "Checked {reports} reports: {counts}")
NOT_LOADED = Msg("; {n} tệp không đọc được", "; {n} files could not be read")
NO_FINDINGS = Msg("không có phát hiện nào", "no findings")
DEDUCTION = Msg("  −{points:g} điểm  {code} {name} ({count} lần{capped})",
                "  −{points:g} points  {code} {name} ({count}×{capped})")
GRADE_CAPPED = Msg("  xếp loại như điểm tối đa {most:g}: {what} ({code})",
                   "  graded as a score of at most {most:g}: {what} ({code})")
CAPPED = Msg(", đã áp trần", ", capped")
PARAGRAPH = Msg("đoạn", "paragraph")
PAGE_LINE = Msg("trang {page}, dòng {line}", "page {page}, line {line}")
READ_BY_OCR = Msg("văn bản đọc bằng OCR từ bản quét: các phát hiện dựa trên chữ nhận dạng; các quy tắc về "
                  "chính tả, ký tự và về phần bị thiếu không chạy (điểm không so được với văn bản có lớp chữ)",
                  "text read from a scan by OCR: the findings rest on recognised text; the rules on spelling, "
                  "exact characters and missing parts did not run (the score does not compare with a text file's)")
TEMPLATE = Msg("mẫu báo cáo", "template")
SUPPRESSIONS_IGNORED = Msg("; {n} phát hiện vẫn tính dù báo cáo tự ghi chỉ thị bỏ qua (không áp dụng khi chấm điểm)",
                           "; {n} findings kept although the report's own suppressions name them (not honoured when scoring)")
SELECTED_ONLY = Msg("; chỉ chạy các quy tắc được chọn (--select, -k): điểm không xếp loại",
                    "; only the selected rules ran (--select, -k): scores carry no grade")
SUPPRESSED = Msg("; {n} phát hiện được bỏ qua (chỉ thị, per-file, baseline)", "; {n} findings suppressed (inline, per-file, baseline)")


def use_color(options, file) -> bool:
    """Colour on a terminal only, never with NO_COLOR or ``--color never``."""
    if options.color in ("always", "never"):
        return options.color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(file, "isatty", None)
    return bool(isatty and isatty())


def render(run, options, file=None) -> None:
    """Print the run to ``file`` (stdout), report by report.

    Each report is a list of (text, style) segments. On a terminal rich
    renders them in colour; otherwise they are joined and written as they
    are, which is much faster for runs over thousands of files.
    """
    target = file if file is not None else sys.stdout
    console = None
    if use_color(options, target):
        from rich.console import Console

        console = Console(file=target, highlight=False, soft_wrap=True, force_terminal=True, emoji=False)
    for result in run.reports:
        _write(console, target, _report_segments(result, options))
    _write(console, target, [(_summary(run, options.lang) + "\n", "bold")])


def _write(console, target, segments) -> None:
    """Write the segments; what came from a file (paths, messages quoting it, source lines) is shown
    with its control characters escaped (dvlint.output.untrusted)."""
    if console is None:
        target.write(safe_text("".join(text for text, _ in segments)))
        return
    from rich.text import Text

    console.print(Text.assemble(*((safe_text(text), style) for text, style in segments)), end="")


def _report_segments(result, options) -> list[tuple[str, str | None]]:
    lang = options.lang
    path = str(result.path)
    if result.error is not None:
        err = result.error
        return [(f"{path}:{err.line}:{err.column}: ", "bold"), (err.message.text(lang) + "\n", "red")]
    out: list[tuple[str, str | None]] = []
    by_paragraph = result.unit == "paragraph"
    for finding in result.findings:
        style = _STYLES.get(finding.severity)
        where = f"{finding.line}" if by_paragraph else f"{finding.line}:{finding.column}"
        out += [
            (f"{path}:{where} ", "bold"),
            (finding.code, style),
            (f" [{SEVERITY_LABELS[finding.severity].text(lang)}] {finding.message.text(lang)}\n", None),
        ]
        line = result.source_lines.get(finding.line)
        if options.show_source and line is not None and by_paragraph:
            out += [(f"  {PARAGRAPH.text(lang)} {finding.line} | ", "dim"), (line + "\n", None)]
        elif options.show_source and line is not None and finding.line in result.pages:
            page, page_line = result.pages[finding.line]
            out += [(f"  {PAGE_LINE.format(page=page, line=page_line).text(lang)} | ", "dim"),
                    (line.strip().expandtabs(4) + "\n", None)]
        elif options.show_source and line is not None:
            gutter = f"{finding.line:>5} | "
            out += [(gutter, "dim"), (line.expandtabs(4) + "\n", None),
                    (" " * (len(gutter) + finding.column - 1) + "^\n", style)]
    out.append((_score_lines(result, options) + "\n", "bold"))
    return out


def _score_lines(result, options) -> str:
    lang = options.lang
    score = result.score
    counts = COUNTS.format(errors=result.count("error"), warnings=result.count("warning"), infos=result.count("info"))
    grade = grade_text(score, lang) or "-"
    line = SCORE_LINE.format(score=score.value, grade=grade).text(lang)
    details = counts.text(lang) if result.findings else NO_FINDINGS.text(lang)
    lines = [f"{result.path}: {line} ({details})"]
    if result.text_source == "ocr":
        lines.append(f"  {READ_BY_OCR.text(lang)}")
    if result.template:
        why = f" ({result.template_reason.text(lang)})" if result.template_reason else ""
        lines.append(f"  {TEMPLATE.text(lang)}: {result.template}{why}")
    if options.explain_score:
        for d in score.deductions:
            capped = CAPPED.text(lang) if d.capped else ""
            lines.append(DEDUCTION.format(points=d.points, code=d.code, name=d.name, count=d.count, capped=capped).text(lang))
        for cap in score.grade_caps:
            lines.append(GRADE_CAPPED.format(what=cap.en if lang == "en" else cap.vi, code=cap.code,
                                             most=cap.grade_at_most).text(lang))
    return "\n".join(lines) + "\n"


def summary_line(run, lang: str) -> str:
    return _summary(run, lang)


def _summary(run, lang: str) -> str:
    counts = COUNTS.format(errors=run.count("error"), warnings=run.count("warning"), infos=run.count("info"))
    text = SUMMARY.format(reports=len(run.reports), counts=counts.text(lang)).text(lang)
    if run.suppressed:
        text += SUPPRESSED.format(n=run.suppressed).text(lang)
    if run.suppressions_ignored:
        text += SUPPRESSIONS_IGNORED.format(n=run.suppressions_ignored).text(lang)
    if run.load_errors:
        text += NOT_LOADED.format(n=run.load_errors).text(lang)
    if run.partial:
        text += SELECTED_ONLY.text(lang)
    return text

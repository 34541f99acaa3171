"""``--format text`` (the default): findings for people, with rich.

Grouped by file: each finding as ``path:line:col CODE [severity] message``
with the offending source line under it, then the file's score and grade.
Colour only on a terminal, never with ``NO_COLOR`` or ``--color never``.
"""

from __future__ import annotations

import os
import sys

from dvlint.engine.scoring import MAX_SCORE
from dvlint.i18n import SEVERITY_LABELS, Msg, counted
from dvlint.output.json_format import grade_text
from dvlint.output.snippet import cut, quoted_column, terminal_width
from dvlint.output.untrusted import safe_text

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}

SCORE_LINE = Msg("Điểm: {score:g}/100 — {grade}", "Score: {score:g}/100 — {grade}")
COUNTS = Msg("{errors}, {warnings}, {infos}", "{errors}, {warnings}, {infos}")
SUMMARY = Msg("Đã kiểm tra {reports}: {counts}", "Checked {reports}: {counts}")
NOT_LOADED = Msg("; {files} không đọc được", "; {files} could not be read")
INTERNAL_ERRORS = Msg("; {findings} DV000 (quy tắc gặp lỗi nội bộ: {culprits})", "; {findings} DV000 (rules that crashed: {culprits})")
NO_FINDINGS = Msg("không có phát hiện nào", "no findings")
DEDUCTION = Msg("  −{points:g} điểm  {code} {name} ({count} lần{capped})",
                "  −{points:g} points  {code} {name} ({count}×{capped})")
GRADE_CAPPED = Msg("  xếp loại như điểm tối đa {most:g}: {what} ({code})",
                   "  graded as a score of at most {most:g}: {what} ({code})")
CAPPED = Msg(", đã áp trần", ", capped")
SUBSCORE = Msg(" · {name} {score:g}/100", " · {name} {score:g}/100")
FAMILY_CAPPED = Msg("  {family}xx ({name}) trừ tổng cộng tối đa {cap:g} điểm (scoring.yaml, family_caps)",
                    "  {family}xx ({name}) deduct at most {cap:g} points together (scoring.yaml, family_caps)")
NOT_CHECKED = Msg("{name} ({family}xx): không kiểm tra — {why}", "{name} ({family}xx): not checked — {why}")
PARAGRAPH_AT = Msg("đoạn {n}", "paragraph {n}")
CELL_AT = Msg(", bảng {table} hàng {row} ô {cell}", ", table {table} row {row} cell {cell}")
PAGE_LINE = Msg("trang {page}, dòng {line}", "page {page}, line {line}")
READ_BY_OCR = Msg("văn bản đọc bằng OCR từ bản quét: các phát hiện dựa trên chữ nhận dạng; các quy tắc về "
                  "chính tả, ký tự và về phần bị thiếu không chạy (điểm không so được với văn bản có lớp chữ)",
                  "text read from a scan by OCR: the findings rest on recognised text; the rules on spelling, "
                  "exact characters and missing parts did not run (the score does not compare with a text file's)")
TEMPLATE = Msg("mẫu báo cáo", "template")
SUPPRESSIONS_IGNORED = Msg("; {findings} vẫn tính dù báo cáo tự ghi chỉ thị bỏ qua (không áp dụng khi chấm điểm)",
                           "; {findings} kept although the report's own suppressions name them (not honoured when scoring)")
SELECTED_ONLY = Msg("; chỉ chạy các quy tắc được chọn (--select, -k): điểm không xếp loại",
                    "; only the selected rules ran (--select, -k): scores carry no grade")
SUPPRESSED = Msg("; {findings} được bỏ qua (chỉ thị, per-file, baseline)", "; {findings} suppressed (inline, per-file, baseline)")


def counts(source) -> Msg:
    """"1 lỗi, 8 cảnh báo, 0 thông tin" / "1 error, 8 warnings, 0 infos" for a report or a run."""
    return COUNTS.format(errors=counted(source.count("error"), "lỗi", "error"),
                         warnings=counted(source.count("warning"), "cảnh báo", "warning"),
                         infos=counted(source.count("info"), "thông tin", "info"))

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

    Each report is a list of (text, style) segments. On a terminal they are
    written with ANSI colour codes; otherwise they are joined and written as
    they are, which is much faster for runs over thousands of files.
    """
    target = file if file is not None else sys.stdout
    console = None
    if use_color(options, target):
        console = _colour_writer(target)
    for result in run.reports:
        _write(console, target, _report_segments(result, options))
    if not options.quiet:
        _write(console, target, [(_summary(run, options.lang) + "\n", "bold")])


def _write(console, target, segments) -> None:
    """Write the segments; what came from a file (paths, messages quoting it, source lines) is shown
    with its control characters escaped (dvlint.output.untrusted)."""
    if console is None:
        target.write(safe_text("".join(text for text, _ in segments)))
        return
    console(segments)


# The few styles the segments use, as SGR parameters: the codes rich wrote for them on a terminal.
_SGR = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "cyan": "36"}
_COLOURS = {"red", "yellow", "cyan"}


def _colour_writer(target):
    """A function writing (text, style) segments to ``target`` in colour.

    The styles are a handful of SGR codes, written here directly: rich's layout engine is not needed for
    them and took 0.7-1.0 ms per report on a terminal (issue 21). The output is byte for byte what rich
    wrote, its terminal rules included: nothing styled on a ``dumb`` or ``unknown`` terminal, bold and dim
    without colours when ``NO_COLOR`` is set (``--color always`` with ``NO_COLOR``). On Windows, whose
    console rich adapts to, rich still writes it.
    """
    if sys.platform == "win32":
        return _rich_writer(target)
    if os.environ.get("TERM", "").strip().lower() in ("dumb", "unknown"):
        keep = lambda word: False  # noqa: E731
    elif os.environ.get("NO_COLOR", "") != "":
        keep = lambda word: word not in _COLOURS  # noqa: E731
    else:
        keep = lambda word: True  # noqa: E731
    prefixes: dict[str, str] = {}

    def prefix(style: str) -> str:
        if style not in prefixes:
            codes = ";".join(_SGR[word] for word in style.split() if keep(word))
            prefixes[style] = f"\x1b[{codes}m" if codes else ""
        return prefixes[style]

    with_tabs = None

    def write(segments) -> None:
        nonlocal with_tabs
        if any("\t" in text for text, _ in segments):  # rich lays out tab stops: a text quoting a tab is its
            with_tabs = with_tabs or _rich_writer(target)
            return with_tabs(segments)
        out = []
        for text, style in segments:
            text = safe_text(text)
            start = prefix(style) if style else ""
            if not start:
                out.append(text)
                continue
            out.append("\n".join(f"{start}{line}\x1b[0m" if line else "" for line in text.split("\n")))
        target.write("".join(out))

    return write


def _rich_writer(target):
    """Segments written by rich (the Windows console; tab stops)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=target, highlight=False, soft_wrap=True, force_terminal=True, emoji=False)
    return lambda segments: console.print(Text.assemble(*((safe_text(text), style) for text, style in segments)),
                                          end="")


def _report_segments(result, options) -> list[tuple[str, str | None]]:
    """A report's findings, each source line once under the findings that point into it, then its score
    (not with ``--quiet``)."""
    lang = options.lang
    path = str(result.path)
    if result.error is not None:
        err = result.error
        return [(err.where(path) + ": ", "bold"), (err.message.text(lang) + "\n", "red")]
    out: list[tuple[str, str | None]] = []
    for group in _by_line(result.findings):
        for finding in group:
            out += [(f"{path}{_where(result, finding, lang)} ", "bold"), (finding.code, _STYLES.get(finding.severity)),
                    (f" [{SEVERITY_LABELS[finding.severity].text(lang)}] {finding.message.text(lang)}\n", None)]
        if options.show_source:
            out += _source(result, group, lang)
    if not options.quiet:
        out.append((_score_lines(result, options) + "\n", "bold"))
    return out


def _by_line(findings) -> list[list]:
    """Findings in runs that point into the same source line (they come sorted by line); a finding on
    the document as a whole (no field, so no line) stands alone."""
    groups: list[list] = []
    for finding in findings:
        if groups and finding.field is not None and groups[-1][-1].field is not None \
                and groups[-1][-1].line == finding.line:
            groups[-1].append(finding)
        else:
            groups.append([finding])
    return groups


def _where(result, finding, lang: str) -> str:
    """Where a finding is, after the path: ``:23:11`` in a text file; ``(đoạn 37, bảng 2 hàng 3 ô 1)`` in a
    .docx, which has no line numbers; nothing for the document as a whole."""
    if finding.field is None:
        return ""
    if result.unit != "paragraph":
        return f":{finding.line}:{finding.column}"
    where = PARAGRAPH_AT.format(n=finding.line).text(lang)
    if finding.line in result.cells:
        table, row, cell = result.cells[finding.line]
        where += CELL_AT.format(table=table, row=row, cell=cell).text(lang)
    return f" ({where})"


def _source(result, group, lang: str) -> list[tuple[str, str | None]]:
    """The source line a group of findings points into, cut to the terminal's width, with a caret under
    each column (in a .docx, under the words the message quotes)."""
    first = group[0]
    line = result.source_lines.get(first.line)
    if line is None or not line.strip() or first.field is None:
        return []  # the document as a whole, or a part missing where a blank line stands: nothing to show
    if result.unit == "paragraph":
        gutter = " " * 8 + "| "  # the paragraph is named in the header; its text lines up with a line's
        columns = [c for c in (f.column if f.column > 1 else quoted_column(line, f.message.en) for f in group) if c]
    elif first.line in result.pages:
        page, page_line = result.pages[first.line]
        gutter = f"  {PAGE_LINE.format(page=page, line=page_line).text(lang)} | "
        columns = [f.column for f in group]
    else:
        gutter = f"{first.line:>5} | "
        columns = [f.column for f in group]
    snippet = cut(line, sorted(set(columns)), terminal_width() - len(gutter), dedent=first.line in result.pages)
    out = [(gutter, "dim"), (snippet.text + "\n", None)]
    if snippet.carets:
        out.append((" " * len(gutter) + snippet.caret_line() + "\n", _STYLES.get(first.severity)))
    return out


def _score_lines(result, options) -> str:
    lang = options.lang
    score = result.score
    grade = grade_text(score, lang) or "-"
    line = SCORE_LINE.format(score=score.value, grade=grade).text(lang)
    line += "".join(SUBSCORE.format(name=_label(sub.family, lang), score=sub.value).text(lang)
                    for sub in score.subscores if sub.checked)
    details = counts(result).text(lang) if result.findings else NO_FINDINGS.text(lang)
    lines = [f"{result.path}: {line} ({details})"]
    if result.text_source == "ocr":
        lines.append(f"  {READ_BY_OCR.text(lang)}")
    for sub in score.subscores:
        if not sub.checked:  # once per report: the family's rules did not apply (DV8xx on anything but a .docx)
            lines.append("  " + NOT_CHECKED.format(name=_label(sub.family, lang), family=sub.family.family,
                                                   why=_label(sub.family.unchecked, lang)).text(lang))
    if result.template:
        why = f" ({result.template_reason.text(lang)})" if result.template_reason else ""
        lines.append(f"  {TEMPLATE.text(lang)}: {result.template}{why}")
    if options.explain_score:
        for d in score.deductions:
            capped = CAPPED.text(lang) if d.capped else ""
            lines.append(DEDUCTION.format(points=d.points, code=d.code, name=d.name, count=d.count, capped=capped).text(lang))
        for sub in score.subscores:
            if sub.checked and MAX_SCORE - sub.value > sub.family.cap:
                lines.append(FAMILY_CAPPED.format(family=sub.family.family, name=_label(sub.family, lang),
                                                  cap=sub.family.cap).text(lang))
        for cap in score.grade_caps:
            lines.append(GRADE_CAPPED.format(what=cap.en if lang == "en" else cap.vi, code=cap.code,
                                             most=cap.grade_at_most).text(lang))
    return "\n".join(lines) + "\n"


def _label(named, lang: str) -> str:
    return named.en if lang == "en" else named.vi


def summary_line(run, lang: str) -> str:
    return _summary(run, lang)


def _summary(run, lang: str) -> str:
    """"Checked 3 reports: ..." counting the files read; those that could not be are counted after."""
    checked = counted(len(run.reports) - run.load_errors, "báo cáo", "report")
    text = SUMMARY.format(reports=checked, counts=counts(run)).text(lang)
    if run.suppressed:
        text += SUPPRESSED.format(findings=counted(run.suppressed, "phát hiện", "finding")).text(lang)
    if run.suppressions_ignored:
        text += SUPPRESSIONS_IGNORED.format(findings=counted(run.suppressions_ignored, "phát hiện", "finding")).text(lang)
    if run.load_errors:
        text += NOT_LOADED.format(files=counted(run.load_errors, "tệp", "file")).text(lang)
    internal = run.internal_errors
    if internal:
        culprits = ", ".join(f"{culprit} ×{n}" for culprit, n in internal.items())
        text += INTERNAL_ERRORS.format(findings=counted(sum(internal.values()), "lỗi", "error"),
                                       culprits=culprits).text(lang)
    if run.partial:
        text += SELECTED_ONLY.text(lang)
    return text


NOT_READ = Msg("không đọc được", "not read")


def statistics(run, options) -> str:
    """``--statistics``: how many findings each rule made over the run, most first (as ruff prints them),
    and how many files could not be read, by kind (docs/errors.md); then the summary, unless ``--quiet``."""
    lang = options.lang
    rows: dict[tuple[str, str, str], int] = {}
    for result in run.reports:
        if result.error is not None:
            key = (result.error.kind, NOT_READ.text(lang), "")
            rows[key] = rows.get(key, 0) + 1
        for f in result.findings:
            key = (f.code, SEVERITY_LABELS[f.severity].text(lang), f.name)
            rows[key] = rows.get(key, 0) + 1
    lines = [f"{n:>5}  {code:<8} [{label}] {name}".rstrip()
             for (code, label, name), n in sorted(rows.items(), key=lambda item: (-item[1], item[0]))]
    if not options.quiet:
        lines.append(_summary(run, lang))
    return safe_text("\n".join(lines) + "\n") if lines else ""

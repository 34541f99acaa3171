"""``dvlint score``: a commission's ranking of the reports it received.

One row per file: whose report it is (from ``ReportResult.identity``), its
template, score, grade, presentation sub-score (DV8xx, a .docx only: blank
otherwise), counts and the three rules that cost it the most. The rank is by
the score alone.
A file that could not be read is a row too, with its error and no score, so
that nobody's report silently drops out of the ranking. The rows are plain
data, rendered here as a terminal table and exported as CSV.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass

from dvlint.i18n import Msg
from dvlint.output.json_format import PRESENTATION, grade_text
from dvlint.output.untrusted import cell_text, safe_text


COLUMNS = [  # (key, Vietnamese heading, English heading)
    ("rank", "Hạng", "Rank"),
    ("agency", "Cơ quan", "Agency"),
    ("number", "Số, ký hiệu", "Number"),
    ("date", "Ngày", "Date"),
    ("template", "Mẫu", "Template"),
    ("score", "Điểm", "Score"),
    ("grade", "Xếp loại", "Grade"),
    ("presentation", "Trình bày", "Presentation"),  # the DV8xx sub-score: a .docx's only (scoring.yaml, family_caps)
    ("errors", "Lỗi", "Errors"),
    ("warnings", "Cảnh báo", "Warnings"),
    ("heaviest", "Trừ điểm nhiều nhất", "Heaviest deductions"),
    ("file", "Tệp", "File"),
]

NUMERIC_COLUMNS = {"rank", "score", "presentation", "errors", "warnings"}  # right-aligned, and numbers in a workbook

NOT_CHECKED = "—"  # the presentation of a report that is no .docx: not checked, not a zero
UNREADABLE = Msg("không đọc được: {error}", "unreadable: {error}")
GENERAL_RULES = Msg("(quy tắc chung)", "(general rules)")  # no template fits: the general rules alone apply


@dataclass
class Row:
    file: str
    agency: str = ""
    number: str = ""
    date: str = ""  # ISO when the date is complete, else as written
    template: str = ""
    score: float | None = None
    grade: str = ""
    presentation: float | None = None  # the presentation sub-score; None: not checked (not a .docx) or unreadable
    errors: int = 0
    warnings: int = 0
    heaviest: str = ""  # "DV401 −9, DV503 −4, ..."
    problem: str = ""  # why the file has no score
    rank: int | None = None
    index: int = 0  # the report's place in the run: ties a row to its report's findings

    def values(self) -> dict:
        """The row by column key, numbers as numbers (None where there is none)."""
        return {"rank": self.rank, "agency": self.agency, "number": self.number, "date": self.date,
                "template": self.template, "score": self.score, "grade": self.grade or self.problem,
                "presentation": self.presentation, "errors": self.errors, "warnings": self.warnings,
                "heaviest": self.heaviest, "file": self.file}

    def cells(self) -> dict:
        """The row as text, as the table and the page show it: "—" for presentation not checked in a report
        that was read (the CSV leaves it empty)."""
        cells = {key: "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
                 for key, value in self.values().items()}
        if self.presentation is None and self.score is not None:
            cells["presentation"] = NOT_CHECKED
        return cells


def rows_for(run, lang: str) -> list[Row]:
    """One row per file of the run, in the run's order."""
    return [_row(result, lang, index) for index, result in enumerate(run.reports)]


def _row(result, lang: str, index: int) -> Row:
    """The row of one report; the file name and what the report says of itself escaped (untrusted.safe_text)."""
    if result.error is not None:
        return Row(file=safe_text(str(result.path)), index=index,
                   problem=safe_text(UNREADABLE.format(error=result.error.message.text(lang)).text(lang)))
    identity = result.identity
    score = result.score
    heaviest = sorted(score.deductions, key=lambda d: -d.points)[:3] if score else []
    presentation = score.subscore(PRESENTATION) if score else None
    return Row(
        file=safe_text(str(result.path)),
        agency=safe_text(identity.get("agency") or identity.get("parent") or ""),
        number=safe_text(identity.get("number", "")),
        date=safe_text(identity.get("date") or identity.get("date_text", "")),
        template=result.template or GENERAL_RULES.text(lang),
        score=score.value if score else None,
        grade=grade_text(score, lang),
        presentation=presentation.value if presentation else None,
        errors=result.count("error"),
        warnings=result.count("warning"),
        heaviest=", ".join(f"{d.code} −{d.points:g}" for d in heaviest),
        index=index,
    )


def ranked(rows: list[Row], sort: str = "score", grade: str | None = None, below: float | None = None) -> list[Row]:
    """Rank by score (best first; unreadable files last), then sort and filter as asked.

    The rank is always the place by score, whatever the display order, so a
    table sorted by agency still says who came where.
    """
    by_score = sorted(rows, key=lambda r: (r.score is None, -(r.score or 0), r.agency, r.file))
    for place, row in enumerate(by_score, 1):
        row.rank = place if row.score is not None else None
    if sort == "agency":
        shown = sorted(by_score, key=lambda r: (r.agency.casefold() or "\uffff", r.file))
    elif sort == "date":
        shown = sorted(by_score, key=lambda r: (r.date == "", r.date, r.file))
    else:
        shown = by_score
    if grade:
        wanted = grade.casefold()
        shown = [r for r in shown if r.grade.casefold() == wanted]
    if below is not None:
        shown = [r for r in shown if r.score is not None and r.score < below]
    return shown


def finding_counts(run) -> tuple[Counter, Counter, dict]:
    """Over the whole run: findings per rule code, reports having each code, and each code's rule name."""
    totals: Counter = Counter()
    reports: Counter = Counter()
    names: dict = {}
    for result in run.reports:
        for finding in result.findings:
            totals[finding.code] += 1
            names[finding.code] = finding.name
        reports.update({finding.code for finding in result.findings})
    return totals, reports, names


def headings(lang: str) -> list[tuple[str, str]]:
    return [(key, en if lang == "en" else vi) for key, vi, en in COLUMNS]


def write_csv(rows: list[Row], path, lang: str) -> None:
    """UTF-8 with a BOM, so that Excel opens the Vietnamese text correctly; no text cell reads as a formula."""
    from dvlint.output.atomic import atomic_file

    columns = headings(lang)
    with atomic_file(path, encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([title for _, title in columns])
        for row in rows:
            cells = row.cells()
            if row.presentation is None:
                cells["presentation"] = ""  # not checked: empty, as a spreadsheet reads a missing number
            writer.writerow([cells[key] if key in NUMERIC_COLUMNS else cell_text(cells[key], quote=True)
                             for key, _ in columns])


def table_text(rows: list[Row], lang: str, terminal: bool, color: bool = False) -> str:
    """The ranking as a table: drawn by rich on a terminal, plain columns otherwise.

    Agency names and paths come from the received files: the rows hold them
    escaped (untrusted.safe_text), and rich never reads them as markup.

    Piped or redirected output (a log, ``| less``, a script) gets plain
    space-aligned columns: as readable, and for a thousand rows about
    twenty times cheaper than rich's layout, which measures every cell twice.
    """
    if not terminal:
        return plain_table(rows, lang)
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False)
    for key, title in headings(lang):
        table.add_column(title, justify="right" if key in NUMERIC_COLUMNS else "left",
                         overflow="fold")
    for row in rows:
        cells = row.cells()
        table.add_row(*(Text(cells[key]) for key, _ in headings(lang)))  # never read as rich markup
    out = io.StringIO()
    Console(file=out, width=200, color_system="standard" if color else None, force_terminal=True).print(table)
    return out.getvalue()


def plain_table(rows: list[Row], lang: str) -> str:
    """Space-aligned columns under a heading line; the last column is not padded."""
    columns = headings(lang)
    lines = [[title for _, title in columns]]
    for row in rows:
        cells = row.cells()
        lines.append([cells[key] for key, _ in columns])
    widths = [max(len(line[i]) for line in lines) for i in range(len(columns))]
    lines.insert(1, ["-" * width for width in widths])
    out = []
    for line in lines:
        cells = [cell.rjust(width) if key in NUMERIC_COLUMNS else cell.ljust(width)
                 for (key, _), cell, width in zip(columns, line, widths)]
        cells[-1] = line[-1]
        out.append("  ".join(cells).rstrip() + "\n")
    return "".join(out)


class ProgressBar:
    """Work done, files per second and failures so far, on stderr; nothing when stderr is not a terminal.

    Passed to ``Checker.run`` as its ``progress`` callback: called once with
    the number of units of work (a PDF's pages, one for any other file), then
    with each result and its units as it arrives: a scan of twelve pages moves
    the bar twelve steps when it is read, so that the bar moves as the time does.
    """

    def __init__(self, lang: str, enabled: bool):
        self.lang, self.enabled = lang, enabled
        self.progress = self.task = None
        self.done = self.failures = 0
        self.started = 0.0

    def __call__(self, item, units: int = 1) -> None:
        if not self.enabled:
            return
        if isinstance(item, int):
            self._start(item)
            return
        import time

        self.done += 1
        self.failures += item.error is not None
        rate = self.done / max(time.perf_counter() - self.started, 1e-6)
        self.progress.update(self.task, advance=units, failures=self.failures, rate=f"{rate:.0f}")

    def _start(self, total: int) -> None:
        import time

        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        per_second = Msg("tệp/giây", "files/s").text(self.lang)
        failed = Msg("không đọc được", "unreadable").text(self.lang)
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn(f"{{task.fields[rate]}} {per_second}"), TextColumn(f"{failed}: {{task.fields[failures]}}"),
            TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task(Msg("Chấm điểm", "Scoring").text(self.lang), total=total,
                                           failures=0, rate="0")
        self.started = time.perf_counter()
        self.progress.start()

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()

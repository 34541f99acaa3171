"""``dvlint score --xlsx``: the ranking as a workbook a commission clerk opens in Excel or Calc.

Sheets: the ranking (as the CSV), every finding (one row each, for filtering
by agency or rule), and one sheet per rule family counting, for each rule,
its findings and the reports that have them: which parts of the regulation
the province's agencies most often get wrong. Headings follow ``--lang``;
rules are named by their short title, templates by their display name and
severities in words (``staff.digest``), as on the page.

Each sheet is ready to print and to filter: columns as wide as their content
(long text wrapped), an autofilter over the table, the header row frozen and
repeated on every printed page, landscape A4 one page wide. Dates dvlint read
are dates (shown 17/12/2020), scores numbers with one decimal.

Every text cell is typed as a string, so that nothing a report says (an
agency named ``=HYPERLINK(...)``) becomes a formula; numbers stay numbers.
The workbook is written in openpyxl's write-only mode: rows stream to disk,
so memory stays flat however many findings a run has.
"""

from __future__ import annotations

import datetime as dt
import re

from dvlint.i18n import Msg
from dvlint.engine.rule import FAMILIES
from dvlint.output.untrusted import cell_text
from dvlint.staff import digest
from dvlint.staff.ranking import finding_counts, headings

SHEET_RANKING = Msg("Xếp hạng", "Ranking")
SHEET_FINDINGS = Msg("Phát hiện", "Findings")
FINDING_COLUMNS = [Msg("Tệp", "File"), Msg("Cơ quan", "Agency"), Msg("Dòng", "Line"), Msg("Cột", "Column"),
                   Msg("Mã", "Code"), Msg("Quy tắc", "Rule"), Msg("Mức", "Severity"), Msg("Nội dung", "Message")]
FAMILY_COLUMNS = [Msg("Mã", "Code"), Msg("Quy tắc", "Rule"), Msg("Số phát hiện", "Findings"),
                  Msg("Số báo cáo", "Reports")]

WIDEST = 32  # characters: a column with longer text is this wide and wraps its text
LINE_HEIGHT = 15  # points: one line of the default font; a row of wrapped text is as high as its lines
FINDING_WIDTHS = [7, 6, 8, 40, 10, 60]  # line to message: findings stream by, so their widths are set before
# they are known; file and agency are as wide as in the ranking
SHEET_NAME_LIMIT = 31  # characters, Excel's limit
DATE_FORMAT, SCORE_FORMAT = "DD/MM/YYYY", "0.0"


def write_xlsx(rows, run, path, lang: str, labels: "digest.Labels | None" = None) -> None:
    """Write the workbook atomically, in openpyxl's write-only mode (rows stream to disk, not to memory)."""
    from openpyxl import Workbook

    from dvlint.output.atomic import atomic_file

    labels = labels or digest.Labels()
    book = Workbook(write_only=True)
    table = [_ranking_values(row, lang, labels) for row in rows]
    ranking_widths = _widths([title for _, title in headings(lang)], table)
    _table(book, SHEET_RANKING.text(lang), [title for _, title in headings(lang)], table, ranking_widths)
    _findings(book, run, lang, labels, ranking_widths)
    for family, counts in _family_counts(run).items():
        title = sheet_title(f"{family} {FAMILIES.get(family, Msg('', '')).text(lang)}")
        lines = [[code, labels.rule(code, name, lang), total, reports]
                 for (code, name), (total, reports) in sorted(counts.items())]
        heading = [m.text(lang) for m in FAMILY_COLUMNS]
        _table(book, title, heading, lines, _widths(heading, lines))
    with atomic_file(path, binary=True) as handle:
        book.save(handle)


def _ranking_values(row, lang: str, labels: "digest.Labels") -> list:
    """A ranking row as cell values: the date as a date when dvlint read it, else its label ("chưa ghi ngày")."""
    values = row.values()
    values["date"] = digest.parsed_date(row.date) or digest.date_label(row, lang)
    values["template"] = labels.template(row.template)
    return [values[key] for key, _ in headings(lang)]


def _findings(book, run, lang: str, labels: "digest.Labels", ranking_widths: list[float]) -> None:
    """The sheet of every finding, streamed report by report from the run."""
    heading = [m.text(lang) for m in FINDING_COLUMNS]
    by_key = dict(zip((key for key, _ in headings(lang)), ranking_widths))
    widths = [max(width, len(title) + 2) for width, title in
              zip([by_key["file"], by_key["agency"], *FINDING_WIDTHS], heading)]
    sheet = _sheet(book, SHEET_FINDINGS.text(lang), heading, widths)
    count = 0
    for result in run.reports:
        agency = result.identity.get("agency", "")
        for f in result.findings:
            count += 1
            _append(sheet, count + 1, [str(result.path), agency, f.line, f.column, f.code,
                                       labels.rule(f.code, f.name, lang), digest.severity_label(f.severity, lang),
                                       f.message.text(lang)], widths)
    _finish(sheet, len(heading), count)


def _table(book, title: str, heading: list[str], lines: list[list], widths: list[float]) -> None:
    """A sheet holding one table whose rows are all at hand."""
    sheet = _sheet(book, title, heading, widths)
    for number, line in enumerate(lines, 2):
        _append(sheet, number, line, widths)
    _finish(sheet, len(heading), len(lines))


def _widths(heading: list[str], lines: list[list]) -> list[float]:
    """Each column as wide as its longest text or heading, plus a margin, at most WIDEST."""
    widths = [len(title) for title in heading]
    for line in lines:
        for i, value in enumerate(line):
            widths[i] = max(widths[i], len(_shown(value)))
    return [min(width + 2, WIDEST) for width in widths]


def _shown(value) -> str:
    """The text a cell shows, to measure it."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return "00/00/0000"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _sheet(book, title: str, heading: list[str], widths: list[float]):
    """A new sheet: column widths, the heading row in bold, frozen and repeated on printed pages, landscape A4
    one page wide. Written before the first row: write-only mode writes a sheet's top when its first row comes."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet = book.create_sheet(title)
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0  # one page wide, as many long as needed
    sheet.print_title_rows = "1:1"
    bold, top = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    cells = []
    for text in heading:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.alignment = bold, top
        cells.append(cell)
    sheet.append(cells)
    return sheet


def _finish(sheet, columns: int, rows: int) -> None:
    """The autofilter over the heading and every row (written at the sheet's end, after the rows)."""
    from openpyxl.utils import get_column_letter

    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def _append(sheet, number: int, values: list, widths: list[float]) -> None:
    """Append row ``number``, as high as its most wrapped cell (Calc does not grow a row for wrapped text on
    opening a workbook). The height is dropped once written: write-only mode keeps no row in memory."""
    lines = max((_lines(value, width) for value, width in zip(values, widths)), default=1)
    if lines > 1:
        sheet.row_dimensions[number].height = LINE_HEIGHT * lines
    sheet.append(_cells(sheet, values, widths))
    sheet.row_dimensions.pop(number, None)


def _lines(value, width: float) -> int:
    """About how many lines a wrapped text cell takes."""
    if not isinstance(value, str) or width < WIDEST:
        return 1
    per_line = int((width - 1) * 1.2)  # letters are narrower than the digit a column's width counts
    return sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))


def _cells(sheet, values: list, widths: list[float]) -> list:
    """A row's cells: text escaped (untrusted.cell_text) and typed as a string, whatever it starts with;
    dates shown 17/12/2020, fractional numbers with one decimal, text in the widest columns wrapped."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    cells = []
    for value, width in zip(values, widths):
        cell = WriteOnlyCell(sheet, value=cell_text(value, quote=False) if isinstance(value, str) else value)
        cell.alignment = wrap if isinstance(value, str) and width >= WIDEST else top  # a row's cells start level
        if isinstance(value, str):
            cell.data_type = "s"  # set after the value: openpyxl makes any text starting with "=" a formula
        elif isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        elif isinstance(value, float):
            cell.number_format = SCORE_FORMAT
        cells.append(cell)
    return cells


def sheet_title(text: str) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\), cut where a phrase or else a word ends:
    ``DV2 ngày tháng, kỳ báo cáo và trích dẫn`` -> ``DV2 ngày tháng, kỳ báo cáo``."""
    text = re.sub(r"[\[\]:*?/\\]", " ", text).strip()
    if len(text) <= SHEET_NAME_LIMIT:
        return text
    head = text[:SHEET_NAME_LIMIT + 1]
    phrases = [m.start() for m in re.finditer(r",\s| và | and | hoặc | or ", head)]
    words = [m.start() for m in re.finditer(r"\s", head)]
    cut = max(phrases, default=0) or max(words, default=0) or SHEET_NAME_LIMIT
    return text[:cut].rstrip(" ,;")


def _family_counts(run) -> dict:
    """{family: {(code, name): (findings, reports)}} over the whole run."""
    totals, reports, names = finding_counts(run)
    families: dict = {}
    for code in sorted(totals):
        families.setdefault(code[:3], {})[(code, names[code])] = (totals[code], reports[code])
    return families

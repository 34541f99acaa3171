"""``dvlint score --xlsx``: the ranking as a workbook a commission clerk opens in Excel or Calc.

Sheets: the ranking (as the CSV), every finding (one row each, for filtering
by agency or rule), and one sheet per rule family counting, for each rule,
its findings and the reports that have them: which parts of the regulation
the province's agencies most often get wrong. Headings follow ``--lang``.

Every text cell is typed as a string, so that nothing a report says (an
agency named ``=HYPERLINK(...)``) becomes a formula; numbers stay numbers.
"""

from __future__ import annotations

from dvlint.i18n import Msg
from dvlint.engine.rule import FAMILIES
from dvlint.output.untrusted import cell_text
from dvlint.staff.ranking import finding_counts, headings

SHEET_RANKING = Msg("Xếp hạng", "Ranking")
SHEET_FINDINGS = Msg("Phát hiện", "Findings")
FINDING_COLUMNS = [Msg("Tệp", "File"), Msg("Cơ quan", "Agency"), Msg("Dòng", "Line"), Msg("Cột", "Column"),
                   Msg("Mã", "Code"), Msg("Quy tắc", "Rule"), Msg("Mức", "Severity"), Msg("Nội dung", "Message")]
FAMILY_COLUMNS = [Msg("Mã", "Code"), Msg("Quy tắc", "Rule"), Msg("Số phát hiện", "Findings"),
                  Msg("Số báo cáo", "Reports")]


def write_xlsx(rows, run, path, lang: str) -> None:
    """Write the workbook atomically, in openpyxl's write-only mode (rows stream to disk, not to memory)."""
    from openpyxl import Workbook

    from dvlint.output.atomic import atomic_file

    book = Workbook(write_only=True)
    columns = headings(lang)
    ranking = _sheet(book, SHEET_RANKING.text(lang), [title for _, title in columns])
    for row in rows:
        values = row.values()
        ranking.append(_cells(ranking, [values[key] for key, _ in columns]))
    findings = _sheet(book, SHEET_FINDINGS.text(lang), [m.text(lang) for m in FINDING_COLUMNS])
    for result in run.reports:
        agency = result.identity.get("agency", "")
        for f in result.findings:
            findings.append(_cells(findings, [str(result.path), agency, f.line, f.column, f.code, f.name, f.severity,
                                              f.message.text(lang)]))
    for family, counts in _family_counts(run).items():
        title = f"{family} {FAMILIES.get(family, Msg('', '')).text(lang)}"[:31]
        sheet = _sheet(book, title, [m.text(lang) for m in FAMILY_COLUMNS])
        for (code, name), (total, reports) in sorted(counts.items()):
            sheet.append(_cells(sheet, [code, name, total, reports]))
    with atomic_file(path, binary=True) as handle:
        book.save(handle)


def _sheet(book, title: str, heading: list[str]):
    """A new sheet whose first row is the heading, in bold and frozen in place."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for text in heading:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    return sheet


def _cells(sheet, values: list) -> list:
    """A row's cells: text escaped (untrusted.cell_text) and typed as a string, whatever it starts with."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=cell_text(value, quote=False))
            cell.data_type = "s"  # set after the value: openpyxl makes any text starting with "=" a formula
            value = cell
        cells.append(value)
    return cells


def _family_counts(run) -> dict:
    """{family: {(code, name): (findings, reports)}} over the whole run."""
    totals, reports, names = finding_counts(run)
    families: dict = {}
    for code in sorted(totals):
        families.setdefault(code[:3], {})[(code, names[code])] = (totals[code], reports[code])
    return families

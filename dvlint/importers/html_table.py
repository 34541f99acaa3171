"""HTML tables inside Markdown, as pandoc writes a Word table whose cells hold paragraphs.

    <table>
    <tr class="header">
    <th><p>UBND TỈNH QUẢNG NGÃI</p>
    <p>SỞ NỘI VỤ</p></th>
    <th><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p> ...

The header and the foot (see layout.is_layout_table) become rows of one
paragraph per cell, the form a crawled '|' table has, which classify reads
column by column; a list item is a line "- ...", as the .docx reader reads
Word's bullets. Any other table is a data table: a row per <tr>, each cell's
paragraphs joined. Every cell keeps where its text stands in the file.
"""

from __future__ import annotations

from html.parser import HTMLParser

from dvlint.importers import SourceLine
from dvlint.importers.markup import clean
from dvlint.importers.tables import located_row, paragraph_rows

_BREAKS = {"p", "li", "div", "br", "tr"}


class _Cells(HTMLParser):
    """Rows of cells of paragraphs: [text, line, column], located in the parsed text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[list[list]]] = []
        self.cell: list[list] | None = None
        self.item = False

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            if not self.rows:
                self.rows.append([])
            self.cell = []
            self.rows[-1].append(self.cell)
        elif tag in _BREAKS and self.cell is not None:
            self.cell.append(None)  # a paragraph ends here
            self.item = self.item or tag == "li"

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and self.cell is not None:
            self.cell.append(None)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None
        elif tag in _BREAKS and self.cell is not None:
            self.cell.append(None)

    def handle_data(self, data):
        if self.cell is None or not data.strip():
            if self.cell is not None and data and self.cell and self.cell[-1] is not None:
                self.cell[-1][0] += " "
            return
        if not self.cell or self.cell[-1] is None:
            line, column = self.getpos()
            lead = data[:len(data) - len(data.lstrip())]
            if "\n" in lead:  # the text starts on a later line than the data
                line, column = line + lead.count("\n"), len(lead) - lead.rfind("\n") - 1
            else:
                column += len(lead)
            self.cell.append([("- " if self.item else ""), line, column + 1])
            self.item = False
        self.cell[-1][0] += data


def table_ends(raws: list[str]) -> list[int]:
    """The line after each ``</table>``, in order (found once per document)."""
    return [i + 1 for i, raw in enumerate(raws) if "</table>" in raw.lower()]


def table_rows(raws: list[str], start: int, end: int) -> list[SourceLine]:
    """The rows of the HTML table on lines ``start``..``end`` (0-based, end exclusive)."""
    from dvlint.importers.layout import is_layout_table

    parser = _Cells()
    parser.feed("\n".join(raws[start:end]))
    parser.close()
    rows = [[[(text, p[1] + start, p[2]) for p in cell if p is not None and (text := clean(p[0])[0])] for cell in row]
            for row in parser.rows]
    rows = [row for row in rows if any(row)]
    out = [SourceLine("", start + 1, 1)]
    if is_layout_table(p[0] for row in rows for cell in row for p in cell):
        for row in rows:
            out.extend(paragraph_rows(row))
    else:
        for row in rows:
            out.append(located_row([" ".join(p[0] for p in cell) for cell in row],
                                   [(cell[0][1], cell[0][2]) if cell else None for cell in row]))
    out.append(SourceLine("", end, 1))
    return out

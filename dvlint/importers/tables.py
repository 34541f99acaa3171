"""Markdown tables: ``|`` rows (crawled pseudo-tables, converters' tables) and pandoc's grid tables.

A cell that holds several lines ("Nơi nhận:<br>- Như trên;<br>...") gives
a row per line, the form crawled text has, so that classify reads the
header and the foot column by column whatever wrote them. Every cell keeps
where its text stands (SourceLine.places).
"""

from __future__ import annotations

import re

from dvlint.importers import SourceLine
from dvlint.importers.markup import clean, column_of

_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def table_rows(raw: str, number: int) -> list[SourceLine]:
    """The rows of one ``|`` table line.

    Converters that keep a table cell's paragraphs in one Markdown row join
    them with ``<br>`` ("Nơi nhận:<br>- Sở Nội vụ;<br>..." beside
    "KT. GIÁM ĐỐC<br>PHÓ GIÁM ĐỐC<br>...", the usual layout of the recipients
    and signature block). Such a row is read as one row per line, the form
    crawled text has, so that the columns are read the same way.
    """
    if _SEPARATOR_ROW.match(raw):
        return [SourceLine("", number, 1, row=[], separator=True)]
    columns = [_lines_of(cell, offset) for cell, offset in _cells(raw)]
    if all(len(lines) == 1 for lines in columns):
        columns = _joined_paragraphs(columns)
    if all(len(lines) == 1 for lines in columns):  # the usual row: one line, located at the row
        cells = [clean(lines[0][0])[0] for lines in columns]
        return [SourceLine(" | ".join(c for c in cells if c), number, raw.find("|") + 2, row=cells)]
    rows = []
    for index in range(max(len(lines) for lines in columns)):
        pieces = [lines[index] if index < len(lines) else ("", 0) for lines in columns]
        cells = [clean(piece)[0] for piece, _ in pieces]
        places = [(number, offset + column_of(piece, cell)) if cell else None
                  for (piece, offset), cell in zip(pieces, cells)]
        column = next((place[1] for place in places if place), raw.find("|") + 2)
        rows.append(SourceLine(" | ".join(c for c in cells if c), number, column, row=cells, places=places))
    return rows


# markitdown joins a cell's paragraphs with two spaces and its list items with " * ".
_JOINED_PARAGRAPH = re.compile(r"\s{2,}(?:\*\s+)?|\s\*\s+")


def _joined_paragraphs(columns: list[list[tuple[str, int]]]) -> list[list[tuple[str, int]]]:
    """The cells of a header or foot row split where a converter joined their paragraphs
    ("UBND TỈNH QUẢNG NGÃI  SỞ NỘI VỤ  Số: 05/BC-SNV"); a list item becomes "- ...". A data
    table's cells are left whole."""
    from dvlint.importers.layout import is_layout_table

    split = []
    for (cell, offset), in columns:
        pieces, at, item = [], 0, False
        for gap in _JOINED_PARAGRAPH.finditer(cell):
            if cell[at:gap.start()].strip():
                pieces.append((("- " if item else "") + cell[at:gap.start()], offset + at))
            at, item = gap.end(), "*" in gap.group(0)
        if cell[at:].strip() or not pieces:
            pieces.append((("- " if item else "") + cell[at:], offset + at))
        split.append(pieces)
    if any(len(pieces) > 1 for pieces in split) and is_layout_table(clean(p)[0] for pieces in split for p, _ in pieces):
        return split
    return columns


def _cells(raw: str) -> list[tuple[str, int]]:
    """(text, offset in ``raw``) of each cell of a ``|`` row, without the outer bars."""
    start = raw.find("|") + 1 if raw.lstrip().startswith("|") else 0
    stripped = raw.rstrip()
    stop = len(stripped) - 1 if stripped.endswith("|") and len(stripped) - 1 >= start else len(raw)
    cells, offset = [], start
    for cell in raw[start:stop].split("|"):
        cells.append((cell, offset))
        offset += len(cell) + 1
    return cells


def _lines_of(cell: str, offset: int) -> list[tuple[str, int]]:
    """(text, offset) of each line of a cell whose lines are joined with <br>."""
    lines, at = [], 0
    for brk in _LINE_BREAK.finditer(cell):
        lines.append((cell[at:brk.start()], offset + at))
        at = brk.end()
    lines.append((cell[at:], offset + at))
    return lines


# --- pandoc's grid tables --------------------------------------------------------------
#
#     +----------------------+----------------------------+
#     | UBND TỈNH QUẢNG NGÃI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA  |
#     |                      | VIỆT NAM                   |
#     | SỞ NỘI VỤ            |                            |
#     +======================+============================+
#
# A cell's text wraps within its column; an empty cell line ends a paragraph.
GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")


def grid_end(raws: list[str], start: int) -> int:
    end = start + 1
    while end < len(raws) and (GRID_BORDER.match(raws[end]) or raws[end].lstrip().startswith("|")):
        end += 1
    return end


def grid_rows(raws: list[str], start: int, end: int) -> list[SourceLine]:
    """A grid table as rows of one paragraph per cell, the form a crawled '|' table has: a table
    row's cells hold paragraphs, and the k-th paragraphs of its cells make the k-th row."""
    bars = [m.start() for m in re.finditer(r"\+", raws[start])]
    rows: list[SourceLine] = []
    paragraphs: list[list[list]] = [[] for _ in bars[:-1]]  # per column: [text, line, column]
    open_cell = [False] * len(paragraphs)

    def flush():
        rows.extend(paragraph_rows([[(clean(text)[0], line, column) for text, line, column in cell]
                                    for cell in paragraphs]))
        for column in paragraphs:
            column.clear()

    for i in range(start, end):
        raw = raws[i]
        if GRID_BORDER.match(raw):
            flush()
            open_cell = [False] * len(paragraphs)
            rows.append(SourceLine("", i + 1, 1, row=[], separator=True))
            continue
        for c, (left, right) in enumerate(zip(bars, bars[1:])):
            piece = raw[left + 1:right] if len(raw) > left + 1 else ""
            if not piece.strip():
                open_cell[c] = False
            elif open_cell[c] and not paragraphs[c][-1][0].endswith("\\"):  # "\\" ends a line: a hard break
                paragraphs[c][-1][0] += " " + piece.strip()
            else:
                paragraphs[c].append([piece.strip(), i + 1, left + 2 + len(piece) - len(piece.lstrip())])
                open_cell[c] = True
    flush()
    return rows


def paragraph_rows(cells: list[list[tuple[str, int, int]]]) -> list[SourceLine]:
    """Rows from a table row whose cells hold paragraphs (text, line, column): the k-th
    paragraphs of its cells make the k-th row, each cell where its text stands."""
    rows = []
    for k in range(max((len(cell) for cell in cells), default=0)):
        picked = [cell[k] if k < len(cell) else None for cell in cells]
        rows.append(located_row([p[0] if p else "" for p in picked], [(p[1], p[2]) if p else None for p in picked]))
    return rows


def located_row(texts: list[str], places: list) -> SourceLine:
    """A table row of ``texts``, located at its first cell that has a place."""
    line, column = next(place for place in places if place)
    return SourceLine(" | ".join(t for t in texts if t), line, column, row=texts, places=places)

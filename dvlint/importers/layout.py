"""Tables that lay out the header (issuer | Quốc hiệu) or the foot (Nơi nhận | signature).

Documents set these parts side by side in borderless tables; read column by
column they become the lines a single-column document would have. Every
reader asks here whether a table is such a layout or holds data.
"""

from __future__ import annotations

from dvlint.importers import SourceLine
from dvlint.importers.foot import is_recipients_heading
from dvlint.importers.header import (_NUMBER_LINE, is_addressee_heading, is_motto, is_national_name,
                                     is_party_header, place_date)
from dvlint.model import parsing


def linearize_layout_tables(lines: list[SourceLine]) -> list[SourceLine]:
    """Turn two-column layout tables (header, signature block) into lines.

    Documents lay the header (issuer | Quốc hiệu) and the foot (Nơi nhận |
    signature) out as borderless tables; read column by column they become
    the lines a single-column document would have. Data tables stay tables.
    """
    out: list[SourceLine] = []
    group: list[SourceLine] = []

    def flush():
        if group and _is_layout(group):
            columns = max(len(row.row) for row in group if row.row is not None)
            for col in range(columns):
                for row in group:
                    if row.row and col < len(row.row) and row.row[col]:
                        cell = row.row[col]
                        if row.places and row.places[col]:
                            line, column = row.places[col]
                        else:
                            line, column = row.line, (row.cell[2] if row.cell else row.column) + _cell_offset(row, col)
                        out.append(SourceLine(cell, line, column, heading=False,
                                              cell=(row.cell[0], row.cell[1], col) if row.cell else None))
                out.append(SourceLine("", group[-1].line, 1))
        else:
            out.extend(group)
        group.clear()

    for line in lines:
        if line.row is not None or line.separator:
            group.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def _cell_offset(row: SourceLine, col: int) -> int:
    return 0 if col == 0 else sum(len(c) + 3 for c in row.row[:col])


def _is_layout(group: list[SourceLine]) -> bool:
    return is_layout_table(cell for row in group for cell in (row.row or ()))


def is_layout_table(cells) -> bool:
    """Whether a table lays out the header or the foot rather than holding data."""
    for cell in cells:
        if cell and (is_national_name(cell) or is_motto(cell) or is_party_header(cell) or _NUMBER_LINE.match(cell)
                     or place_date(cell) or is_recipients_heading(cell) or is_addressee_heading(cell)
                     or parsing.parse_authority(cell).prefix):
            return True
    return False

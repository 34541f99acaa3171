"""Text set out with spaces: a PDF's text (pdftotext -layout) or text typed with spaces and tabs.

Such text sets the header and the foot side by side, as Word does with a
borderless table, and tables as columns of figures; a PDF's text also marks
each page break with a form feed, numbers its pages and glues a footnote's
number to its text. This module finds those blocks and turns them into the
lines and rows the other readers give: the header and the foot column by
column, a table a row per line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from dvlint.importers import SourceLine
from dvlint.importers.markup import HEADING, clean, column_of, text_line

# Text from a PDF marks each page break with a form feed. The page number standing alone at the
# top or the foot of a page is no text of the document; a footnote's number is glued to its text
# ("1Kế hoạch số ...").
_PAGE_NUMBER = re.compile(r"^[\s\f]*[-–]?\s*\d{1,3}\s*[-–]?\s*$")
_GLUED_FOOTNOTE = re.compile(r"^([\s\f]*)(\d{1,2})(?=[^\W\d_])")


def without_page_furniture(raws: list[str]) -> list[str]:
    """The lines of a PDF's text without its page numbers, its footnotes numbered as [1]."""
    out = list(raws)
    for page_break in (i for i, raw in enumerate(raws) if "\f" in raw):
        for k in (_nonblank(out, page_break, +1), _nonblank(out, page_break - 1, -1)):
            if k is not None and _PAGE_NUMBER.match(out[k]):
                out[k] = "\f" if "\f" in out[k] else ""
    for i, raw in enumerate(out):
        glued = _GLUED_FOOTNOTE.match(raw)
        if glued and raw[glued.end()].isupper():
            out[i] = f"{glued[1]}[{glued[2]}] {raw[glued.end():]}"
    return out


def _nonblank(raws: list[str], i: int, step: int) -> int | None:
    """The first line from ``i`` on (``step`` +1) or back (-1) with text, within three lines."""
    for k in range(i, i + 4 * step, step):
        if 0 <= k < len(raws) and raws[k].replace("\f", "").strip():
            return k
    return None


# --- columns laid out with spaces -------------------------------------------------
#
# Text from a PDF (pdftotext -layout) or typed with spaces and tabs sets the
# header and the foot side by side, as Word does with a borderless table:
#
#     UBND TỈNH QUẢNG NGÃI          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
#     Nơi nhận:                                  KT. GIÁM ĐỐC
#     - Như trên;                                PHÓ GIÁM ĐỐC
#     - Lưu: VT, VP.
#                                                Trần Thị Hoa
#
# A run of spaces this long, or a tab, separates two columns; a justified line
# of running text has gaps of one to three spaces.
_COLUMN_GAP = re.compile(r"\t+| {6,}")
_RIGHT_SLACK = 3  # a right-column line may start this many characters left of the column
# A run of lines under two columns is looked at this far at most: a header or a foot is shorter,
# and a long text with a wide gap on every other line must not be read again from each one.
MAX_BLOCK_LINES = 40


# Within a table, once its first row has shown where the columns are, two spaces part cells.
_CELL_GAP = re.compile(r"\t+| {2,}")
_DASH_RULE = re.compile(r"^\s*-{3,}(?:\s+-{3,})*\s*$")  # the rules of pandoc's simple tables


def segments_of(raw: str, gap: re.Pattern = _COLUMN_GAP) -> list[tuple[str, int]]:
    """(text, where it starts with tabs expanded) of each column's text on a line.

    A gap left blank to be filled in by hand or by an e-office system is no column
    gap: "Số:        /UBND-NC", "Lâm Đồng, ngày       tháng 10 năm 2025" stay one piece.
    """
    segments: list[tuple[str, int]] = []
    at = len(raw) - len(raw.lstrip())
    for piece in gap.split(raw[at:]):
        if piece.strip():
            start = raw.index(piece, at)
            if segments and _left_blank(segments[-1][0], piece.strip()):
                gap = raw[segments[-1][2]:start + len(piece) - len(piece.lstrip())]
                segments[-1] = (f"{segments[-1][0]}{gap}{piece.strip()}", segments[-1][1], start + len(piece.rstrip()))
            else:
                segments.append((piece.strip(), len(raw[:start].expandtabs(8)),
                                 start + len(piece) - len(piece.lstrip()) + len(piece.strip())))
            at = start + len(piece)
    return [(text, column) for text, column, _ in segments]


_BLANK_BEFORE = re.compile(r"(?:^s[ốoô]\s*:?\s*\d*|\bngày|\btháng(?:\s+\d{1,2})?|\bnăm)$", re.IGNORECASE)
_BLANK_AFTER = re.compile(r"^(?:[/\-–]|\d|tháng\b|năm\b)", re.IGNORECASE)


def _left_blank(before: str, after: str) -> bool:
    """Whether the gap between ``before`` and ``after`` is a blank of a number or a date."""
    return bool(_BLANK_BEFORE.search(before) and _BLANK_AFTER.match(after))


class Block(NamedTuple):
    end: int  # the line after the block
    layout: bool  # the header or the foot, to be read by column; else a data table
    aside: list[int]  # lines inside it that belong after it (a page's footnotes)
    examined: int  # how far the lines were looked at to decide
    right: int = 0  # where the right column starts (a header or a foot)


def side_by_side(raws: list[str], start: int, plain_until: int = 0) -> Block:
    """Where the block of side-by-side lines that begins at ``start`` ends (exclusive), and
    whether it is the header or the foot (see layout.is_layout_table).

    A block is lines in two columns, with the lines under them that stand in
    one column ("- UBND tỉnh;" under "- Như trên;   PHÓ GIÁM ĐỐC"; but not
    "BÁO CÁO" or "Phụ lục", which start what follows). A column's text may
    wrap ("CỘNG HÒA XÃ HỘI CHỦ" / "NGHĨA VIỆT NAM"): the header or the foot is
    recognised from its cells and from each column read whole, and goes on
    past up to three blank lines with more such lines (the number and date
    under the names; the signer's name under the space for the signature).
    It also goes on past a page break when the columns go on after it: the
    lines between (the page's footnotes) are set aside, and returned.
    Anything else is a data table: only its rows in two columns or more.
    Lines before ``plain_until`` were looked at for an earlier block and are
    known to hold no header or foot: they are not looked at again (a long
    text with a wide gap on many lines would otherwise take quadratic time).
    """
    from dvlint.importers.layout import is_layout_table

    if start < plain_until:
        return Block(_table_end(raws, start), False, [], plain_until)
    first = segments_of(raws[start])
    left, right = first[0][1], first[1][1]
    end, right = _block_lines(raws, start, left, right)
    columns = _columns(raws, start, end, right)
    if not is_layout_table([line.text for column in columns for line in column]
                           + [" ".join(line.text for line in column) for column in columns]):
        return Block(_table_end(raws, start), False, [], end)
    aside: list[int] = []
    while True:
        ahead = _nonblank(raws, end, +1)
        if (ahead is None or HEADING.match(raws[ahead]) or not _in_right_column(segments_of(raws[ahead]), right)
                or _is_kind(raws[ahead])):
            ahead = _past_page_break(raws, end, right)
            if ahead is None:
                return Block(end, True, aside, end, right)
            aside += [k for k in range(end, ahead) if raws[k].replace("\f", "").strip()]
        end, right = _block_lines(raws, ahead, left, right)


def _is_kind(raw: str) -> bool:
    from dvlint.importers.header import is_kind_line

    return is_kind_line(raw.strip())


def _past_page_break(raws: list[str], end: int, right: int) -> int | None:
    """Where the columns go on after a page break close below ``end``, if they do."""
    page_break = next((k for k in range(end, min(end + 15, len(raws))) if "\f" in raws[k]), None)
    goes_on = _nonblank(raws, page_break, +1) if page_break is not None else None
    if goes_on is None:
        return None
    segments = segments_of(raws[goes_on])
    aligned = len(segments) >= 2 and abs(segments[1][1] - right) <= _RIGHT_SLACK + 1
    return goes_on if aligned or len(segments) == 1 and _in_right_column(segments, right) else None


def _block_lines(raws: list[str], start: int, left: int, right: int) -> tuple[int, int]:
    """The end of the run of non-blank lines from ``start`` that stand in the columns, and where
    the right column starts."""
    from dvlint.importers.header import is_kind_line
    from dvlint.importers.outline import is_appendix_heading

    i, stop = start, min(len(raws), start + MAX_BLOCK_LINES)
    while i < stop and raws[i].strip() and not raws[i].lstrip().startswith("|") and not HEADING.match(raws[i]):
        segments = segments_of(raws[i])
        if len(segments) >= 2:
            right = min(right, segments[1][1])
        elif is_kind_line(segments[0][0]):
            break  # "TỜ TRÌNH" centred under the header: the document goes on, whichever column it is under
        elif not _in_right_column(segments, right):
            text, at = segments[0]
            if at >= (left + right) / 2 or is_appendix_heading(SourceLine(text, 0)):
                break
        i += 1
    return max(i, start + 1), right


def _in_right_column(segments: list[tuple[str, int]], right: int) -> bool:
    return len(segments) >= 2 or (len(segments) == 1 and segments[0][1] >= right - _RIGHT_SLACK)


def _columns(raws: list[str], start: int, end: int, right: int, aside=()) -> list[list[SourceLine]]:
    """The left and the right column of lines ``start``..``end`` (but those ``aside``), each line
    where it stands."""
    columns: list[list[SourceLine]] = [[], []]
    for i in range(start, end):
        if i in aside:
            continue
        for text, at in segments_of(raws[i]):
            columns[at >= right - _RIGHT_SLACK].append(SourceLine(clean(text)[0], i + 1, raws[i].find(text) + 1))
    return columns


def read_by_column(raws: list[str], start: int, block: Block) -> list[SourceLine]:
    """The header or the foot read left column first, then the right: the lines a single-column
    document would have (as classify does with a layout table); then the lines set aside."""
    left_column, right_column = _columns(raws, start, block.end, block.right, block.aside)
    set_aside = [text_line(raws[k], k + 1) for k in block.aside]
    return [*left_column, SourceLine("", block.end, 1), *right_column, SourceLine("", block.end, 1), *set_aside]


def _table_end(raws: list[str], start: int) -> int:
    """Where a table set out with spaces ends.

    Its first row shows where the columns start; it goes on with rows whose
    cells start there, a blank line between two rows (a PDF puts one there),
    and lines that go on a wrapped cell ("Hồ sơ giải quyết" / "đúng hạn").
    """
    columns = [at for _, at in segments_of(raws[start])]
    end = start + 1
    while end < len(raws):
        if _table_row_of(raws[end], columns) or _DASH_RULE.match(raws[end]):
            end += 1
        elif not raws[end].strip() and end + 1 < len(raws) and _table_row_of(raws[end + 1], columns):
            end += 1
        elif raws[end - 1].strip() and _continued_cell(raws[end], columns) is not None:
            end += 1
        else:
            return end
    return end


def _table_row_of(raw: str, columns: list[int]) -> list[tuple[str, int]] | None:
    """The cells of ``raw`` when it is a row of a table whose columns start at ``columns``."""
    if raw.lstrip().startswith("|"):
        return None
    segments = segments_of(raw, _CELL_GAP)
    aligned = all(any(abs(at - start) <= _RIGHT_SLACK for start in columns) for _, at in segments)
    return segments if len(segments) >= 2 and aligned and abs(segments[0][1] - columns[0]) <= _RIGHT_SLACK else None


def _continued_cell(raw: str, columns: list[int]) -> int | None:
    """The column (past the first) whose wrapped cell ``raw`` goes on, if it is one."""
    segments = segments_of(raw, _CELL_GAP)
    if len(segments) != 1:
        return None
    at = segments[0][1]
    return next((index for index, start in enumerate(columns) if index and abs(start - at) <= _RIGHT_SLACK), None)


def spaced_rows(raws: list[str], start: int, end: int) -> list[SourceLine]:
    """Columns of figures set out with spaces: a table, a row per line (the lines of a wrapped
    cell joined). One such line alone is text with a wide gap, not a table."""
    if end - start == 1:
        raw = raws[start]
        return [SourceLine(" ".join(clean(text)[0] for text, _ in segments_of(raw)), start + 1, column_of(raw, raw.strip()))]
    columns = [at for _, at in segments_of(raws[start])]
    rows: list[SourceLine] = []
    for i in range(start, end):
        if _DASH_RULE.match(raws[i]):
            continue
        cells = segments_of(raws[i]) if i == start else _table_row_of(raws[i], columns)
        if cells:
            row = [""] * len(columns)
            for text, at in cells:
                index = min(range(len(columns)), key=lambda c: abs(columns[c] - at))
                row[index] = f"{row[index]} {clean(text)[0]}".strip()
            rows.append(SourceLine(" | ".join(c for c in row if c), i + 1, raws[i].find(cells[0][0]) + 1, row=row))
        elif raws[i].strip():
            index = _continued_cell(raws[i], columns)
            rows[-1].row[index] = f"{rows[-1].row[index]} {clean(raws[i].strip())[0]}".strip()
            rows[-1].text = " | ".join(c for c in rows[-1].row if c)
    return rows

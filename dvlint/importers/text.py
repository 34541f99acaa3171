"""Markdown and plain text, as PDF/DOCX converters and web crawlers produce them.

Converters mark headings with ``#`` or ``**bold**``, footnote marks with
``<sup>1</sup>``, tables with ``|`` rows; crawled web text is hard-wrapped
at about 80 characters and lays out the two-column header and the
signature/recipients block as ``|`` pseudo-tables, with stray ``**`` and
``* *`` left over. This module cleans each line of that markup, keeping the
column where the text starts, and splits ``|`` rows into cells. Deciding what
each line is belongs to :mod:`dvlint.importers.classify`.
"""

from __future__ import annotations

import re
import unicodedata

from dvlint.importers import ITEM_MARKS, SourceLine, html_table
from dvlint.positions import text_lines

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*")
_SUP_SUB = re.compile(r"<(sup|sub)>(.*?)</\1>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# pandoc writes a table whose cells hold paragraphs or lists in HTML: "<li><p>Như trên;</p></li>"
# is a recipient line, "- Như trên;". Its footnotes are "[^1]" and "[^1]: text".
_LIST_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_PANDOC_NOTE = re.compile(r"\[\^(\d+)\]:?")
_STRONG = re.compile(r"\*\*|__")
_EMPHASIS = re.compile(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_STRAY_STARS = re.compile(r"(?:^|\s)\*\s+\*(?=\s|$)")
# Word's Symbol and Wingdings bullets come out of a PDF as private-use characters. Word's
# default bullet (Symbol's dot) is read as the dash, as the .docx reader reads it (docx.Numbering).
_SYMBOL_FONT = str.maketrans({"\uf0b7": "-", "\uf02d": "-", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖"})
_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def _sup_sub(match: re.Match) -> str:
    inner = match.group(2).strip()
    if match.group(1).lower() == "sup" and inner.isdigit():
        return f"[{inner}]"  # a footnote mark
    return inner if inner.startswith("(") else f"({inner})"  # drafter's initials: VP(Tr)


def clean(text: str) -> tuple[str, bool]:
    """Text without markup, and whether the whole line was bold."""
    stripped = text.strip()
    bold = stripped.startswith(("**", "__")) and stripped.endswith(("**", "__")) and len(stripped) > 4
    text = _SUP_SUB.sub(_sup_sub, text)
    text = _LIST_ITEM.sub("- ", text)
    text = _PANDOC_NOTE.sub(r"[\1]", text)
    text = _TAG.sub("", text)
    text = _STRAY_STARS.sub(" ", text)
    text = _STRONG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("\\", "").translate(_SYMBOL_FONT)
    return " ".join(text.split()), bold


def read_lines(text: str) -> list[SourceLine]:
    """The cleaned, located lines of a Markdown or plain-text document."""
    return join_wrapped(_clean_lines(text))


def _clean_lines(text: str) -> list[SourceLine]:
    raws = text_lines(unicodedata.normalize("NFC", text))
    if any("\f" in raw for raw in raws):
        raws = _without_page_furniture(raws)
    out: list[SourceLine] = []
    i = 0
    while i < len(raws):
        raw = raws[i]
        if "\f" in raw:  # a page break ends a footnote; text going on in lower case goes on across it
            out.append(SourceLine("", i + 1, 1))
        if raw.lstrip().lower().startswith("<table") and html_table.table_end(raws, i):
            end = html_table.table_end(raws, i)
            out.extend(html_table.table_rows(raws, i, end))
            i = end
        elif _GRID_BORDER.match(raw):
            end = _grid_end(raws, i)
            out.extend(_grid_rows(raws, i, end))
            i = end
        elif raw.lstrip().startswith("|"):
            out.extend(_table_rows(raw, i + 1))
            i += 1
        elif not _HEADING.match(raw) and len(_segments(raw)) >= 2:
            end, layout, aside = _side_by_side(raws, i)
            out.extend(_read_by_column(raws, i, end, aside) if layout else _spaced_rows(raws, i, end))
            i = end
        else:
            out.append(_text_line(raw, i + 1))
            i += 1
    return out


# Text from a PDF marks each page break with a form feed. The page number standing alone at the
# top or the foot of a page is no text of the document; a footnote's number is glued to its text
# ("1Kế hoạch số ...").
_PAGE_NUMBER = re.compile(r"^[\s\f]*[-–]?\s*\d{1,3}\s*[-–]?\s*$")
_GLUED_FOOTNOTE = re.compile(r"^([\s\f]*)(\d{1,2})(?=[^\W\d_])")


def _without_page_furniture(raws: list[str]) -> list[str]:
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


def _text_line(raw: str, number: int) -> SourceLine:
    heading = bool(_HEADING.match(raw))
    body = _HEADING.sub("", raw, count=1) if heading else raw
    cleaned, bold = clean(body)
    return SourceLine(cleaned, number, _column_of(raw, cleaned), heading=heading or bold)


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


# Within a table, once its first row has shown where the columns are, two spaces part cells.
_CELL_GAP = re.compile(r"\t+| {2,}")


def _segments(raw: str, gap: re.Pattern = _COLUMN_GAP) -> list[tuple[str, int]]:
    """(text, where it starts with tabs expanded) of each column's text on a line."""
    segments, at = [], len(raw) - len(raw.lstrip())
    for piece in gap.split(raw[at:]):
        if piece.strip():
            start = raw.index(piece, at)
            segments.append((piece.strip(), len(raw[:start].expandtabs(8))))
            at = start + len(piece)
    return segments


def _side_by_side(raws: list[str], start: int) -> tuple[int, bool, list[int]]:
    """Where the block of side-by-side lines that begins at ``start`` ends (exclusive), and
    whether it is the header or the foot (see classify.is_layout_table).

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
    """
    from dvlint.importers.classify import is_layout_table

    first = _segments(raws[start])
    left, right = first[0][1], first[1][1]
    end, right = _block_lines(raws, start, left, right)
    columns = _columns(raws, start, end, right)
    if not is_layout_table([line.text for column in columns for line in column]
                           + [" ".join(line.text for line in column) for column in columns]):
        return _table_end(raws, start), False, []
    aside: list[int] = []
    while True:
        ahead = _nonblank(raws, end, +1)
        if ahead is None or _HEADING.match(raws[ahead]) or not _in_right_column(_segments(raws[ahead]), right):
            ahead = _past_page_break(raws, end, right)
            if ahead is None:
                return end, True, aside
            aside += [k for k in range(end, ahead) if raws[k].replace("\f", "").strip()]
        end, right = _block_lines(raws, ahead, left, right)


def _past_page_break(raws: list[str], end: int, right: int) -> int | None:
    """Where the columns go on after a page break close below ``end``, if they do."""
    page_break = next((k for k in range(end, min(end + 15, len(raws))) if "\f" in raws[k]), None)
    goes_on = _nonblank(raws, page_break, +1) if page_break is not None else None
    if goes_on is None:
        return None
    segments = _segments(raws[goes_on])
    aligned = len(segments) >= 2 and abs(segments[1][1] - right) <= _RIGHT_SLACK + 1
    return goes_on if aligned or len(segments) == 1 and _in_right_column(segments, right) else None


def _block_lines(raws: list[str], start: int, left: int, right: int) -> tuple[int, int]:
    """The end of the run of non-blank lines from ``start`` that stand in the columns, and where
    the right column starts."""
    from dvlint.importers.classify import is_appendix_heading, is_kind_line

    i = start
    while i < len(raws) and raws[i].strip() and not raws[i].lstrip().startswith("|") and not _HEADING.match(raws[i]):
        segments = _segments(raws[i])
        if len(segments) >= 2:
            right = min(right, segments[1][1])
        elif not _in_right_column(segments, right):
            text, at = segments[0]
            if at >= (left + right) / 2 or is_kind_line(text) or is_appendix_heading(SourceLine(text, 0)):
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
        for text, at in _segments(raws[i]):
            columns[at >= right - _RIGHT_SLACK].append(SourceLine(clean(text)[0], i + 1, raws[i].find(text) + 1))
    return columns


def _read_by_column(raws: list[str], start: int, end: int, aside: list[int]) -> list[SourceLine]:
    """The header or the foot read left column first, then the right: the lines a single-column
    document would have (as classify does with a layout table); then the lines set aside."""
    laid = [_segments(raws[k]) for k in range(start, end) if k not in aside]
    right = min(segments[1][1] for segments in laid if len(segments) >= 2)
    left_column, right_column = _columns(raws, start, end, right, aside)
    set_aside = [_text_line(raws[k], k + 1) for k in aside]
    return [*left_column, SourceLine("", end, 1), *right_column, SourceLine("", end, 1), *set_aside]


def _table_end(raws: list[str], start: int) -> int:
    """Where a table set out with spaces ends.

    Its first row shows where the columns start; it goes on with rows whose
    cells start there, a blank line between two rows (a PDF puts one there),
    and lines that go on a wrapped cell ("Hồ sơ giải quyết" / "đúng hạn").
    """
    columns = [at for _, at in _segments(raws[start])]
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
    segments = _segments(raw, _CELL_GAP)
    aligned = all(any(abs(at - start) <= _RIGHT_SLACK for start in columns) for _, at in segments)
    return segments if len(segments) >= 2 and aligned and abs(segments[0][1] - columns[0]) <= _RIGHT_SLACK else None


def _continued_cell(raw: str, columns: list[int]) -> int | None:
    """The column (past the first) whose wrapped cell ``raw`` goes on, if it is one."""
    segments = _segments(raw, _CELL_GAP)
    if len(segments) != 1:
        return None
    at = segments[0][1]
    return next((index for index, start in enumerate(columns) if index and abs(start - at) <= _RIGHT_SLACK), None)


def _spaced_rows(raws: list[str], start: int, end: int) -> list[SourceLine]:
    """Columns of figures set out with spaces: a table, a row per line (the lines of a wrapped
    cell joined). One such line alone is text with a wide gap, not a table."""
    if end - start == 1:
        raw = raws[start]
        return [SourceLine(" ".join(clean(text)[0] for text, _ in _segments(raw)), start + 1, _column_of(raw, raw.strip()))]
    columns = [at for _, at in _segments(raws[start])]
    rows: list[SourceLine] = []
    for i in range(start, end):
        if _DASH_RULE.match(raws[i]):
            continue
        cells = _segments(raws[i]) if i == start else _table_row_of(raws[i], columns)
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


# --- pandoc's grid tables --------------------------------------------------------------
#
#     +----------------------+----------------------------+
#     | UBND TỈNH QUẢNG NGÃI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA  |
#     |                      | VIỆT NAM                   |
#     | SỞ NỘI VỤ            |                            |
#     +======================+============================+
#
# A cell's text wraps within its column; an empty cell line ends a paragraph.
_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_DASH_RULE = re.compile(r"^\s*-{3,}(?:\s+-{3,})*\s*$")  # the rules of pandoc's simple tables


def _grid_end(raws: list[str], start: int) -> int:
    end = start + 1
    while end < len(raws) and (_GRID_BORDER.match(raws[end]) or raws[end].lstrip().startswith("|")):
        end += 1
    return end


def _grid_rows(raws: list[str], start: int, end: int) -> list[SourceLine]:
    """A grid table as rows of one paragraph per cell, the form a crawled '|' table has: a table
    row's cells hold paragraphs, and the k-th paragraphs of its cells make the k-th row."""
    bars = [m.start() for m in re.finditer(r"\+", raws[start])]
    rows: list[SourceLine] = []
    paragraphs: list[list[list]] = [[] for _ in bars[:-1]]  # per column: [text, line, column]
    open_cell = [False] * len(paragraphs)

    def flush():
        for k in range(max((len(column) for column in paragraphs), default=0)):
            cells = [column[k] if k < len(column) else None for column in paragraphs]
            first = next(cell for cell in cells if cell)
            texts = [clean(cell[0])[0] if cell else "" for cell in cells]
            rows.append(SourceLine(" | ".join(t for t in texts if t), first[1], first[2], row=texts,
                                   places=[(cell[1], cell[2]) if cell else None for cell in cells]))
        for column in paragraphs:
            column.clear()

    for i in range(start, end):
        raw = raws[i]
        if _GRID_BORDER.match(raw):
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


_LIST_START = re.compile("^(?:[" + re.escape("".join(ITEM_MARKS)) + r"]\s|\[\d+\]|(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)\-–]\s)")
_SENTENCE_END = (".", ";", ":", "!", "?", "…")
WRAP_WIDTH = 60  # a line at least this long that stops mid-sentence was probably wrapped


def join_wrapped(lines: list[SourceLine]) -> list[SourceLine]:
    """Join the lines of a hard-wrapped paragraph, heading or title into one.

    Crawled text breaks lines at about 80 characters, so a heading or a date
    can be split over two lines. A line continues the one before it (in the
    same block, with no blank line between) when it starts in lower case, or
    when the one before is long and stops mid-sentence; never when it starts
    a list item, a numbered item or a footnote.
    """
    out: list[SourceLine] = []
    for line in lines:
        previous = out[-1] if out else None
        if (previous is not None and line.text and previous.text and line.row is None and previous.row is None
                and not line.separator and not _LIST_START.match(line.text) and _wrapped(previous, line)):
            previous.text = f"{previous.text} {line.text}"
            previous.end_line, previous.end_column = line.line, line.column + len(line.text)
            previous.heading = previous.heading or line.heading
            continue
        out.append(line)
    return out


_OWN_LINE = ("(kem theo", "kinh gui", "noi nhan", "tren day", "phu luc")


def _wrapped(previous: SourceLine, line: SourceLine) -> bool:
    from dvlint.importers.classify import ascii_fold, is_kind_line, is_upper

    if line.text.strip(" *-_=") == "" or previous.text.strip(" *-_=") == "":
        return False  # a decoration line (-----) stands alone
    if is_kind_line(previous.text) or ascii_fold(line.text).startswith(_OWN_LINE):
        return False  # "BÁO CÁO" stands alone even when the summary under it starts in lower case
    first = line.text[:1]
    if first.isalpha() and first.islower():
        return True
    if is_upper(previous.text) and not is_upper(line.text):
        return False
    return len(previous.text) >= WRAP_WIDTH and not previous.text.rstrip().endswith(_SENTENCE_END)


def _column_of(raw: str, cleaned: str) -> int:
    """Where the cleaned text starts in the raw line (1-based)."""
    if not cleaned:
        return 1
    probe = cleaned[:12]
    index = raw.find(probe)
    if index < 0:
        index = len(raw) - len(raw.lstrip(" #*_>"))
    return index + 1


_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _table_rows(raw: str, number: int) -> list[SourceLine]:
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
        places = [(number, offset + _column_of(piece, cell)) if cell else None
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
    from dvlint.importers.classify import is_layout_table

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
    stop = raw.rstrip().rfind("|") if raw.rstrip().endswith("|") and raw.rstrip().rfind("|") >= start else len(raw)
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

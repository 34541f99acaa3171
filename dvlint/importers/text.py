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

from dvlint.importers import SourceLine

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*")
_SUP_SUB = re.compile(r"<(sup|sub)>(.*?)</\1>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_STRONG = re.compile(r"\*\*|__")
_EMPHASIS = re.compile(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_STRAY_STARS = re.compile(r"(?:^|\s)\*\s+\*(?=\s|$)")
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
    text = _TAG.sub("", text)
    text = _STRAY_STARS.sub(" ", text)
    text = _STRONG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("\\", "")
    return " ".join(text.split()), bold


def read_lines(text: str) -> list[SourceLine]:
    """The cleaned, located lines of a Markdown or plain-text document."""
    return join_wrapped(_clean_lines(text))


def _clean_lines(text: str) -> list[SourceLine]:
    raws = unicodedata.normalize("NFC", text).splitlines()
    out: list[SourceLine] = []
    i = 0
    while i < len(raws):
        raw = raws[i]
        if raw.lstrip().startswith("|"):
            out.extend(_table_rows(raw, i + 1))
            i += 1
        elif not _HEADING.match(raw) and len(_segments(raw)) >= 2:
            end = _layout_end(raws, i)
            out.extend(_layout_lines(raws, i, end))
            i = end
        else:
            out.append(_text_line(raw, i + 1))
            i += 1
    return out


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


def _segments(raw: str) -> list[tuple[str, int]]:
    """(text, where it starts with tabs expanded) of each column's text on a line."""
    segments, at = [], len(raw) - len(raw.lstrip())
    for piece in _COLUMN_GAP.split(raw[at:]):
        if piece.strip():
            start = raw.index(piece, at)
            segments.append((piece.strip(), len(raw[:start].expandtabs(8))))
            at = start + len(piece)
    return segments


def _layout_end(raws: list[str], start: int) -> int:
    """Where the block of side-by-side lines that begins at ``start`` ends (exclusive).

    It goes on with lines in two columns. When the block is the header or the
    foot (see classify.is_layout_table) it also takes a left-column line right
    under another line ("- UBND tỉnh;" under "- Như trên;   PHÓ GIÁM ĐỐC") and,
    past up to three blank lines, a line standing in the right column (the
    signer's name under the space for the signature). A data table takes
    only its rows.
    """
    from dvlint.importers.classify import is_layout_table

    first = _segments(raws[start])
    left, right = first[0][1], first[1][1]
    texts = [text for text, _ in first]
    i = start + 1
    while i < len(raws):
        raw = raws[i]
        if raw.lstrip().startswith("|") or _HEADING.match(raw):
            break
        segments = _segments(raw)
        layout = is_layout_table(texts)
        if len(segments) >= 2:
            right = min(right, segments[1][1])
            texts += [text for text, _ in segments]
        elif not layout:
            break
        elif not segments:
            ahead = next((k for k in range(i, min(i + 4, len(raws))) if raws[k].strip()), None)
            if ahead is None or not _in_right_column(_segments(raws[ahead]), right):
                break
            i = ahead
            continue
        elif not (_in_right_column(segments, right) or segments[0][1] < (left + right) / 2):
            break
        i += 1
    return i


def _in_right_column(segments: list[tuple[str, int]], right: int) -> bool:
    return len(segments) >= 2 or (len(segments) == 1 and segments[0][1] >= right - _RIGHT_SLACK)


def _layout_lines(raws: list[str], start: int, end: int) -> list[SourceLine]:
    """The lines of a side-by-side block: column by column when it is the header or the foot.

    Read left column first and then the right, they are the lines a
    single-column document would have (as classify does with a layout table).
    Anything else set out in columns is a data table: a row per line.
    """
    from dvlint.importers.classify import is_layout_table

    laid = [(i + 1, raws[i], _segments(raws[i])) for i in range(start, end)]
    right = min(segments[1][1] for _, _, segments in laid if len(segments) >= 2)
    columns: list[list[SourceLine]] = [[], []]
    for number, raw, segments in laid:
        for text, at in segments:
            cleaned = clean(text)[0]
            line = SourceLine(cleaned, number, raw.find(text) + 1)
            columns[at >= right - _RIGHT_SLACK].append(line)
    if is_layout_table(line.text for column in columns for line in column):
        last = laid[-1][0]
        return [*columns[0], SourceLine("", last, 1), *columns[1], SourceLine("", last, 1)]
    out = []
    for number, raw, segments in laid:
        if len(segments) >= 2:
            cells = [clean(text)[0] for text, _ in segments]
            out.append(SourceLine(" | ".join(cells), number, raw.find(segments[0][0]) + 1, row=cells))
        else:
            out.append(_text_line(raw, number))
    return out


_LIST_START = re.compile(r"^(?:[-+•]\s|\[\d+\]|(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)\-–]\s)")
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
    if all(len(lines) == 1 for lines in columns):  # the usual row: one line, located at the row
        cells = [clean(lines[0][0])[0] for lines in columns]
        return [SourceLine(" | ".join(c for c in cells if c), number, raw.find("|") + 2, row=cells)]
    rows = []
    for index in range(max(len(lines) for lines in columns)):
        pieces = [lines[index] if index < len(lines) else ("", 0) for lines in columns]
        cells = [clean(piece)[0] for piece, _ in pieces]
        piece, offset = next(((piece, offset) for (piece, offset), cell in zip(pieces, cells) if cell), ("", 0))
        column = offset + _column_of(piece, clean(piece)[0]) if piece else raw.find("|") + 2
        rows.append(SourceLine(" | ".join(c for c in cells if c), number, column, row=cells))
    return rows


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

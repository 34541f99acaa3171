"""Markdown and plain text, as PDF/DOCX converters and web crawlers produce them.

Each line is cleaned of its markup (:mod:`markup`), keeping the column where
its text starts; tables go to the reader of their kind (``|`` rows and grid
tables: :mod:`tables`; HTML: :mod:`html_table`; columns set out with spaces
and a PDF's pages: :mod:`spaced`), all of which give the same located lines
and rows. Crawled web text is hard-wrapped at about 80 characters: its
lines are joined again here. Deciding what each line is belongs to
:mod:`dvlint.importers.classify`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from dvlint.importers import ITEM_MARKS, SourceLine, html_table, spaced, tables
from dvlint.importers.markup import HEADING, text_line
from dvlint.source.positions import text_lines

def read_lines(text: str) -> list[SourceLine]:
    """The cleaned, located lines of a Markdown or plain-text document."""
    return join_wrapped(_clean_lines(text))


def _clean_lines(text: str) -> list[SourceLine]:
    raws = text_lines(unicodedata.normalize("NFC", text))
    if any("\f" in raw for raw in raws):
        raws = spaced.without_page_furniture(raws)
    out: list[SourceLine] = []
    table_ends = html_table.table_ends(raws)
    i = plain_until = 0
    while i < len(raws):
        raw = raws[i]
        if "\f" in raw:  # a page break ends a footnote; text going on in lower case goes on across it
            out.append(SourceLine("", i + 1, 1))
        if raw.lstrip().lower().startswith("<table") and (end := _closed_at(table_ends, i)):
            out.extend(html_table.table_rows(raws, i, end))
            i = end
        elif tables.GRID_BORDER.match(raw):
            end = tables.grid_end(raws, i)
            out.extend(tables.grid_rows(raws, i, end))
            i = end
        elif raw.strip() == "|":  # a web page's table flattened into lines: the bar between two cells
            out.append(SourceLine("", i + 1, 1))
            i += 1
        elif raw.lstrip().startswith("|") or _ROW_WITHOUT_LEADING_BAR.match(raw):
            out.extend(tables.table_rows(raw, i + 1))
            i += 1
        elif not HEADING.match(raw) and len(spaced.segments_of(raw)) >= 2:
            block = spaced.side_by_side(raws, i, plain_until)
            if block.layout:
                out.extend(spaced.read_by_column(raws, i, block))
            else:
                out.extend(spaced.spaced_rows(raws, i, block.end))
                plain_until = block.examined
            i = block.end
        else:
            end = _run_end(raws, i)
            line = text_line(" ".join(r.strip() for r in raws[i:end + 1]) if end > i else raw, i + 1)
            if end > i:
                line.end_line, line.end_column = end + 1, len(raws[end].rstrip()) + 1
            out.append(line)
            i = end + 1
    return out


# Some sites write a table row without its leading bar: "Số: 1655/NQ-UBTVQH15 |".
_ROW_WITHOUT_LEADING_BAR = re.compile(r"^[^|]*\S\s+\|\s*$|^[^|]+\s\|\s.*\|\s*$")
_RUN_REACH = 6
_AUTHORITY_START = re.compile(r"^(?:KT|TM|TL|TUQ|Q|K/T|T/M|T/L)\.?\s", re.IGNORECASE)  # a bold or italic run a web page wrapped closes within this many lines, or it is no run


def _run_end(raws: list[str], start: int) -> int:
    """The last line of the bold or italic run opened on ``raws[start]`` and closed below it, or ``start``.

    Web pages wrap a cell's text at a fixed width, inside its markup:
    ``**ỦY BAN NHÂN`` / ``DÂN**``, ``*Hà Nội, ngày 05`` / ``tháng 3 năm 2025*``. The
    wrapped pieces are one line of the document. A run that does not close
    within a few lines (a stray marker) joins nothing.
    """
    opened = _open_marker(raws[start])
    if opened is None or _hard_break(raws[start]):
        return start
    for end in range(start + 1, min(len(raws), start + 1 + _RUN_REACH)):
        text = raws[end].strip()
        if not text or text == "|" or text.startswith("|"):
            return start
        if _AUTHORITY_START.match(text.lstrip("*")):
            return start  # "**TL. CỤC TRƯỞNG" / "KT. TRƯỞNG BAN ...**": two authority lines, not one wrapped
        if _closes(text, opened):
            return end
        if _hard_break(raws[end]):
            return start
    return start


def _hard_break(raw: str) -> bool:
    """A Markdown line break the writer meant ("  " or "\\" at the end): the lines are two lines."""
    return raw.endswith("  ") or raw.endswith("\\")


def _open_marker(raw: str) -> str | None:
    """``**`` or ``*`` when the line leaves a bold or italic run open at its end."""
    text = raw.strip()
    if text.count("**") % 2 == 1:
        return "**"
    singles = text.replace("**", "").count("*")
    if singles % 2 == 1 and text.replace("**", "").lstrip().startswith("*"):
        return "*"
    return None


def _closes(text: str, marker: str) -> bool:
    if marker == "**":
        return text.count("**") % 2 == 1
    return text.replace("**", "").count("*") % 2 == 1


def _closed_at(ends: list[int], start: int) -> int | None:
    """The first of ``ends`` past ``start``: where an HTML table opened there ends, if it does."""
    k = bisect.bisect_right(ends, start)
    return ends[k] if k < len(ends) else None


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

    One pass, in time linear in the text: what is asked of the line being
    built (its length, whether it is in capitals, how it ends) is kept up to
    date piece by piece (:class:`_Joined`), never recomputed from the whole
    joined text, and the pieces are joined once at the end. (Asking it of the
    joined text made 16,000 short lines take 11 seconds, 32,000 never end.)
    """
    out: list[SourceLine] = []
    joined: _Joined | None = None
    for line in lines:
        previous = out[-1] if out else None
        if (previous is not None and line.text and previous.text and line.row is None and previous.row is None
                and not line.separator and not _LIST_START.match(line.text) and _wrapped(joined, line)):
            joined.add(line)
            continue
        if joined is not None:
            joined.finish()
        out.append(line)
        joined = _Joined(line)
    if joined is not None:
        joined.finish()
    return out


class _Joined:
    """The line being built from wrapped pieces, and what :func:`_wrapped` asks of its whole text."""

    __slots__ = ("line", "pieces", "length", "decoration", "kind", "letters", "upper", "ends_sentence")

    def __init__(self, line: SourceLine):
        from dvlint.importers.header import is_kind_line

        text = line.text
        self.line, self.pieces, self.length = line, [text], len(text)
        self.decoration = text.strip(" *-_=") == ""
        self.kind = is_kind_line(text)
        self.letters, self.upper = _letter_case(text)
        self.ends_sentence = text.rstrip().endswith(_SENTENCE_END)

    def add(self, line: SourceLine) -> None:
        from dvlint.importers.header import is_kind_line

        text, previous = line.text, self.line
        self.pieces.append(text)
        self.length += 1 + len(text)
        self.decoration = False  # it held more than decoration before, and still does
        # a type name is under 25 letters: only a short joined line can be one (and only it is joined again)
        self.kind = self.length < _KIND_REACH and is_kind_line(" ".join(self.pieces))
        letters, upper = _letter_case(text)
        self.letters, self.upper = self.letters or letters, self.upper and upper
        if text.rstrip():
            self.ends_sentence = text.rstrip().endswith(_SENTENCE_END)
        previous.end_line, previous.end_column = line.line, line.column + len(text)
        previous.heading = previous.heading or line.heading

    def finish(self) -> None:
        if len(self.pieces) > 1:
            self.line.text = " ".join(self.pieces)

    def is_upper(self) -> bool:
        return self.letters and self.upper


_KIND_REACH = 64


def _letter_case(text: str) -> tuple[bool, bool]:
    """Whether ``text`` has letters, and whether all of them are capitals (as :func:`is_upper` asks)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters), all(c.isupper() for c in letters)


_OWN_LINE = ("(kem theo", "kinh gui", "noi nhan", "tren day", "phu luc")


def _wrapped(previous: _Joined, line: SourceLine) -> bool:
    from dvlint.importers import ascii_fold, is_upper

    if line.text.strip(" *-_=") == "" or previous.decoration:
        return False  # a decoration line (-----) stands alone
    if previous.kind or ascii_fold(line.text).startswith(_OWN_LINE):
        return False  # "BÁO CÁO" stands alone even when the summary under it starts in lower case
    if line.heading != previous.line.heading:
        return False  # a wholly bold line is a part of its own: "**THỦ TƯỚNG CHÍNH PHỦ**" under a summary
    first = line.text[:1]
    if first.isalpha() and first.islower():
        return True
    if previous.is_upper() and not is_upper(line.text):
        return False
    return previous.length >= WRAP_WIDTH and not previous.ends_sentence

"""Importers: from the documents people have (.md, .txt, .docx) to the report model.

Each reader turns its file into a list of :class:`SourceLine` (the text of a
line or paragraph, where it stands, and what the layout says about it); the
shared :mod:`dvlint.importers.classify` (with header.py, outline.py, foot.py and
layout.py, the parts of a document it recognises) turns those into the report model's
data, the position of every value, and an explanation of how each line was
classified (``dvlint import --explain``). Nothing is dropped: what cannot be
placed goes to the report's ``unclassified`` list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dvlint.knowledge import data

# What opens a list item (a recipient, an addressee): the dash Nghị định 30 asks for, and the
# bullets Word and typists use instead (the rules judge which is right).
ITEM_MARKS = ("-", "–", "+", "•", "▪", "●", "◦", "➢")


@dataclass
class SourceLine:
    """One line of text (a .md line, a .docx paragraph or table cell).

    ``line`` is the 1-based line number (text files) or paragraph number
    (.docx); ``column`` the 1-based column where ``text`` starts in the source.
    ``heading`` is set when the layout marks the line as a heading (``#``, a
    wholly bold line, a Heading style); ``cell`` is ``(table, row, column)``
    for a table cell; ``row`` holds all cells of a table row (tables only).
    """

    text: str
    line: int
    column: int = 1
    heading: bool = False
    cell: tuple[int, int, int] | None = None
    row: list[str] | None = field(default=None, repr=False)
    separator: bool = False  # a table's |---| line
    end_line: int | None = None  # when hard-wrapped lines were joined into this one
    end_column: int | None = None
    places: list | None = field(default=None, repr=False)  # (line, column) of each cell, when known
    signature_box: bool = False  # a line of the signer's box in an approval grid (a phiếu trình)

    @property
    def blank(self) -> bool:
        return not self.text.strip() and self.row is None


def ascii_fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: for forgiving comparisons."""
    return data.strip_diacritics(text).lower().strip()


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# The blank an e-office system (or a pen) fills in with the number: "Số:        /UBND-NC", "Số: 1234      /BC-UBND".
_STAMPED_NUMBER = re.compile(r"^(\s*s[ốoô]\s*:?(?:[ \t]?\d+)?)( {3,}|\t+)(?=[/\-–])", re.IGNORECASE)


def single_spaced(text: str) -> str:
    """``text`` with its runs of white space made one space, but for the blank left for a document's
    number: kept as it is, so that the rules can tell it from a space the writer typed (DV102)."""
    stamped = _STAMPED_NUMBER.match(text)
    if not stamped:
        return " ".join(text.split())
    return " ".join(stamped.group(1).split()) + stamped.group(2) + " ".join(text[stamped.end():].split())

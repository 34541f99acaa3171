"""The part of a source line a finding points into, cut to fit the terminal.

A paragraph of a Word file or a Markdown report is often one line of
thousands of characters; printed whole, with the caret after as many spaces,
one finding fills several screens. As ruff and rustc do, only a window of the
line around the column is shown, ``…`` marking where it was cut.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

from dvlint.output.untrusted import safe_text

ELLIPSIS = "…"
DEFAULT_WIDTH = 100  # when the output is no terminal and COLUMNS is not set
MIN_TEXT = 40  # the fewest characters of a line shown, however narrow the terminal


@dataclass(frozen=True)
class Snippet:
    """A line cut to a window: its text (safe to print) and, for each column pointed at inside it, the
    offset of the caret under it."""

    text: str
    carets: tuple[int, ...]

    def caret_line(self) -> str:
        """``   ^    ^``: a caret under each column pointed at."""
        marks = [" "] * (max(self.carets) + 1) if self.carets else []
        for offset in self.carets:
            marks[offset] = "^"
        return "".join(marks)


def terminal_width() -> int:
    """The terminal's width in characters (COLUMNS wins, as in every Unix tool), or DEFAULT_WIDTH when
    the output is a pipe or a file."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def cut(line: str, columns: list[int], room: int, dedent: bool = False) -> Snippet:
    """The window of ``line`` (at most ``room`` characters, the ``…`` included) around the 1-based
    ``columns``: all of them when they fit, else centred on the first. ``dedent`` drops the line's indent.

    Tabs become one space each, so that a column still counts characters; the text is escaped as
    :func:`safe_text` does and the carets are placed after the escaped text, so a control character in a
    received file cannot shift them.
    """
    line = line.rstrip("\r\n").replace("\t", " ")
    if dedent:  # a PDF's line is laid out with runs of spaces; its indent says nothing
        indent = len(line) - len(line.lstrip(" "))
        line, columns = line[indent:], [c - indent for c in columns]
    room = max(room, MIN_TEXT)
    columns = [c for c in columns if 1 <= c <= len(line) + 1]
    start, end = _bounds(len(line), columns, room)
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(line) else ""
    text = lead + safe_text(line[start:end]) + tail
    carets = tuple(len(lead) + len(safe_text(line[start:c - 1])) for c in columns if start < c <= end + 1)
    return Snippet(text, carets)


def _bounds(length: int, columns: list[int], room: int) -> tuple[int, int]:
    """[start, end) of the window: the whole line if it fits; else from a little before the first column
    to a little after the last (centred on them, or a third of the room before the first when they are far apart), kept inside the line."""
    if length <= room:
        return 0, length
    room -= 2  # the two ellipses
    first = (columns[0] - 1) if columns else 0
    span = (columns[-1] - 1 - first) if columns else 0
    before = (room - span) // 2 if span < room // 2 else room // 3
    start = max(0, min(first - before, length - room))
    return start, min(length, start + room)


_QUOTED = re.compile(r"'([^']{3,})'")


def quoted_column(line: str, message: str) -> int | None:
    """The column of the first words the message quotes ('…') that stand in the line: where a finding
    without a column of its own (a Word paragraph) points."""
    for words in _QUOTED.findall(message):
        found = line.find(words)
        if found >= 0:
            return found + 1
    return None

"""Text from received reports and their file names, made safe to write out.

A commission scores files other agencies sent: their names and their text
are untrusted. ``safe_text`` makes a name or a line writable anywhere
(terminal, UTF-8 files, a workbook): printed as they are, an escape sequence
(``\x1b]0;...``, ``\x1b[2J``) would retitle or clear the clerk's terminal, a
carriage return would overwrite a line, a bidirectional control (U+202E)
would show text in an order other than it is stored, and a file name that is
not UTF-8 would make the write fail. ``cell_text`` also keeps a spreadsheet
from running it as a formula (formula injection: ``=HYPERLINK(...)`` in an
agency name would be a live link in Excel or Calc, ``=1+1`` would be computed).
"""

from __future__ import annotations

import re

# Control characters but tab and newline (the workbook format forbids them; a terminal obeys them), the
# bidirectional controls, and lone surrogates: the bytes of a file name that are not UTF-8, as Python decodes them.
_UNWRITABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# What a spreadsheet reads as the start of a formula (a leading tab or CR is dropped, then the rest is read).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by Python's surrogateescape
        code -= 0xDC00
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """``bao-cao-\\udcff.yaml`` -> ``bao-cao-\\xff.yaml``; ``SỞ\\x01`` -> ``SỞ\\x01`` as four visible characters.

    Bytes that are not UTF-8 and control characters become their escape text, as Python writes them in a
    string, so the name can still be told apart and found; every other character is kept.
    """
    return _UNWRITABLE.sub(_escape, text) if _UNWRITABLE.search(text) else text


def cell_text(text: str, quote: bool) -> str:
    """Text from a report or a file name for a spreadsheet cell, never to be read as a formula.

    Escaped as :func:`safe_text` does. A CSV cell has no type: with ``quote`` a text that a spreadsheet would
    take for a formula is led by ``'`` (OWASP's advice). A workbook cell keeps the text as it is and is typed
    as a string instead (``quote=False``; see ``dvlint.staff.xlsx``).
    """
    text = safe_text(text)
    return "'" + text if quote and text.startswith(FORMULA_START) else text

"""Text from a received file, made safe to print on a terminal.

A report's text and a file's name come from whoever sent the file. Printed as
they are, an escape sequence in them (``\\x1b]0;...``, ``\\x1b[2J``) would
retitle or clear the clerk's terminal, or hide a line; a bidirectional
control (U+202E) would show text in an order other than it is stored; and a
file name that is not UTF-8 (held by Python as lone surrogates) would make
the write fail. Every such character is shown as its escape instead
(``\\x1b``, ``\\u202e``, and a non-UTF-8 byte as ``\\xff``), which reads the
same in a log and can be searched for. Line breaks and tabs are kept.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by os.fsdecode as a lone surrogate
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with control, bidirectional and undecodable characters shown as escapes."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text

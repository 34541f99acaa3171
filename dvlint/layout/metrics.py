"""How wide a line of Times New Roman is on paper, without the font at hand.

The advance widths are those of Adobe's core-14 Times-Roman and Times-Bold
metrics (AFM, units of 1/1000 em), which Times New Roman follows closely (its
letters differ by a few units at most: the line's width comes out within a
couple of per cent). A Vietnamese letter is as wide as its base letter (its
marks sit above or below it): "Độ" is measured as "Do". "đ" and "Đ" are "d"
and "D" (the Eth of the AFM has the width of D). A character not in the table
counts as half an em, the width of a digit.
"""

from __future__ import annotations

import unicodedata

MM_PER_PT = 25.4 / 72

_ASCII = "".join(chr(c) for c in range(32, 127))
# Widths for the printable ASCII characters, space (32) to tilde (126), in order.
_REGULAR = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,  # space ! " # $ % & ' ( ) * + , - . /
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500,  # 0-9
    278, 278, 564, 564, 564, 444, 921,  # : ; < = > ? @
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,  # A-M
    722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611,  # N-Z
    333, 278, 333, 469, 500, 333,  # [ \ ] ^ _ `
    444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778,  # a-m
    500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444,  # n-z
    480, 200, 480, 541,  # { | } ~
]
_BOLD = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500,
    333, 333, 570, 570, 570, 500, 930,
    722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944,
    722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667,
    333, 278, 333, 581, 500, 333,
    500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833,
    556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444,
    394, 220, 394, 520,
]
# Punctuation typed in Vietnamese documents beyond ASCII: (regular, bold).
_OTHER = {
    "\u00a0": (250, 250),  # no-break space
    "\u2013": (500, 500),  # en dash
    "\u2014": (1000, 1000),  # em dash
    "\u2015": (1000, 1000),  # horizontal bar: as the em dash
    "\u2018": (333, 333), "\u2019": (333, 333),
    "\u201c": (444, 500), "\u201d": (444, 500),
    "\u2026": (1000, 1000),  # ellipsis
    "\u00b0": (400, 400), "\u00a7": (500, 500), "\u2022": (350, 350),
}
_BASE = {"đ": "d", "Đ": "D"}
_UNKNOWN = 500

WIDTHS = {False: dict(zip(_ASCII, _REGULAR, strict=True)), True: dict(zip(_ASCII, _BOLD, strict=True))}
for _char, (_regular, _bold) in _OTHER.items():
    WIDTHS[False][_char] = _regular
    WIDTHS[True][_char] = _bold


def _base(char: str) -> str:
    """The letter a Vietnamese letter is written on: its diacritics dropped (NFD, marks removed)."""
    if char in _BASE:
        return _BASE[char]
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed else char


def em_width(text: str, bold: bool = False) -> float:
    """The advance width of ``text`` in ems (1/1000 units summed, divided by 1000)."""
    table = WIDTHS[bool(bold)]
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue  # a mark typed on its own (decomposed Vietnamese) takes no width
        total += table.get(char, table.get(_base(char), _UNKNOWN))
    return total / 1000


def estimate_text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of one line of ``text`` in Times New Roman at ``size_pt`` points, in mm.

    No kerning and no character spacing (w:spacing) are applied: Word does not kern Times New Roman
    unless told to, and text set with spacing is wider than this.
    """
    return em_width(text, bold) * size_pt * MM_PER_PT

"""Writing Unicode text in the legacy Vietnamese encodings, for tests (a case's ``encoding``).

The inverse of dvlint.legacy, built from the same data tables, so that the
tests can make TCVN3, VNI and Windows-1258 files from real report text and
check that dvlint recognises and converts them back.
"""

from __future__ import annotations

import unicodedata

from dvlint.source.legacy import legacy_encodings

_SHAPES = "\u0302\u0306\u031b"  # circumflex, breve, horn: part of the letter, not the tone


def to_tcvn3(text: str) -> bytes:
    """Capital accented letters become lower case, as in a capital .VnTimeH font."""
    table = {letter: byte for byte, letter in legacy_encodings().tcvn3.letters.items()}
    return "".join(table.get(c, table.get(c.lower(), c)) for c in _nfc(text)).encode("latin-1")


def to_vni(text: str) -> bytes:
    tables = legacy_encodings().vni
    letters = {letter: byte for byte, letter in tables.letters.items()}
    marks = {}
    for byte, mark in tables.marks.items():
        marks.setdefault((frozenset(mark), byte.isupper()), byte)
    out = []
    for char in _nfc(text):
        if char in letters or char < "\x80":
            out.append(letters.get(char, char))
            continue
        base, *rest = unicodedata.normalize("NFD", char)
        if "\u031b" in rest:  # ơ ư are letters of their own in VNI
            base = letters[unicodedata.normalize("NFC", base + "\u031b")]
            rest.remove("\u031b")
        out.append(base + (marks[(frozenset(rest), base.isupper())] if rest else ""))
    return "".join(out).encode("latin-1")


def to_windows_1258(text: str) -> bytes:
    """Letters with their shape precomposed, tones as combining marks: how Windows writes it."""
    out = []
    for char in _nfc(text):
        base, *rest = unicodedata.normalize("NFD", char)
        shape = "".join(m for m in rest if m in _SHAPES)
        tone = "".join(m for m in rest if m not in _SHAPES)
        out.append(unicodedata.normalize("NFC", base + shape) + tone)
    return "".join(out).encode("cp1258")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("“", '"').replace("”", '"').replace("–", "-")


ENCODERS = {"tcvn3": to_tcvn3, "vni": to_vni, "windows-1258": to_windows_1258}

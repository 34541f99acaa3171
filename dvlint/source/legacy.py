"""Files in the legacy Vietnamese encodings: recognise them, and convert them on request.

Reports still arrive typed with the old TCVN3 (ABC) or VNI fonts, or saved
in the Windows-1258 code page. Such a file is not UTF-8; rather than "invalid
byte 0xb8", the writer should hear "this looks like TCVN3: convert it to
Unicode", and with ``--convert-legacy`` dvlint converts it itself to read it.

Recognition converts the bytes with each encoding and keeps the one whose
result reads as Vietnamese: many Vietnamese letters, few stray symbols, and
few words that no Vietnamese syllable spells. The first 64 KB decide; the
whole file is converted only with the winner. The tables are data
(rules/data/legacy_encodings.yaml).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from dvlint.source.datafile import DataModel, builtin_data_dir, load_model_file

# Typographic characters an honest conversion may leave: not a sign of a wrong guess.
_PUNCTUATION = frozenset("“”‘’–—…•·°№\u00a0")
_MIN_LETTERS = 3  # a file with fewer Vietnamese letters says too little to name its encoding


@dataclass(frozen=True)
class Legacy:
    """A guess: the encoding's name and the text converted from it."""

    name: str
    text: str


_SAMPLE = 64 * 1024


def detect(raw: bytes) -> Legacy | None:
    """The legacy encoding ``raw`` (not UTF-8) is most likely in, with the converted text; None if none fits."""
    sample = raw[:_SAMPLE]
    best, best_score = None, 0
    for name, convert in _CONVERTERS:
        try:
            letters, strays = _letters_and_strays(convert(sample))
        except UnicodeDecodeError:
            continue
        score = letters - 4 * strays
        if letters >= _MIN_LETTERS and score > best_score:
            best, best_score = (name, convert), score
    if best is None:
        return None
    name, convert = best
    try:
        return Legacy(name, convert(raw))
    except UnicodeDecodeError:  # a byte Windows-1258 lacks, beyond the sample
        return None


def from_tcvn3(raw: bytes) -> str:
    """TCVN3 (ABC): one byte per letter; the capitals it has no codes for are restored from context."""
    return _restore_capitals(raw.decode("latin-1").translate(_tcvn3_table()))


_WORD = re.compile(r"[^\W\d_]+")


def _restore_capitals(text: str) -> str:
    """Capital accented letters, which TCVN3 writes with the lower-case codes of a capital font (.VnTimeH).

    "C«NG HOµ" converts to "CôNG HOà": a word whose plain letters are all
    capitals ("CôNG") is a capital word; a word with only its first letter
    plain and capital ("Së" for SỞ, or Sở?) is one when a neighbour on its
    line is. Title case ("Sở Nội vụ") is left as it is.
    """
    return "\n".join(_capitals_in_line(line) for line in text.split("\n"))


def _capitals_in_line(line: str) -> str:
    words = list(_WORD.finditer(line))
    if not words:
        return line
    kinds = [_capital_kind(m.group(0)) for m in words]
    out, last = [], 0
    for index, (match, kind) in enumerate(zip(words, kinds)):
        near = kinds[max(0, index - 1):index] + kinds[index + 1:index + 2]
        word = match.group(0)
        if kind == "capital" or (kind == "initial" and "capital" in near):
            word = word.upper()
        out.append(line[last:match.start()] + word)
        last = match.end()
    return "".join(out) + line[last:]


_TCVN3_CAPITALS = frozenset("ĂÂĐÊÔƠƯ")  # the only capitals TCVN3 has codes of its own for


def _capital_kind(word: str) -> str:
    """"capital": written in capitals, some accented letters in lower-case codes ("CôNG", "ĐộC");
    "initial": one plain capital, then only accented lower-case letters ("Së", "Vô"); else "other"."""
    plain = [c for c in word if c.isascii() or c in _TCVN3_CAPITALS]
    accented_lower = [c for c in word if not (c.isascii() or c in _TCVN3_CAPITALS) and c.islower()]
    if not accented_lower:
        return "other"
    if len(plain) >= 2 and all(c.isupper() for c in plain):
        return "capital"
    if plain == [word[0]] and word[0].isupper():
        return "initial"
    return "other"


def from_vni(raw: bytes) -> str:
    """VNI: some bytes are letters (ñ for đ, ö for ư ...), others put marks on the vowel before them."""
    tables = legacy_encodings().vni
    text = raw.decode("latin-1").translate(_vni_letters())
    text = _vni_marks().sub(lambda m: m.group(1) + tables.marks[m.group(2)], text)
    return unicodedata.normalize("NFC", text)


def from_windows_1258(raw: bytes) -> str:
    """Windows-1258: Python's codec, then the tones, written as combining marks, composed (NFC)."""
    return unicodedata.normalize("NFC", raw.decode("cp1258"))


_CONVERTERS = (("TCVN3 (ABC)", from_tcvn3), ("VNI", from_vni), ("Windows-1258", from_windows_1258))


def _letters_and_strays(text: str) -> tuple[int, int]:
    """Vietnamese letters, and what no Vietnamese text holds: stray symbols, and words no syllable spells.

    The second count tells the encodings apart: TCVN3 gives a letter for
    almost every byte, so VNI read as TCVN3 is all letters too, but in
    impossible syllables ("Soỏ", "Sụỡ" for "Số").
    """
    letters = strays = 0
    viet = _vietnamese_letters()
    for char in text:
        if char < "\x80" or char in _PUNCTUATION:
            continue
        if char in viet:
            letters += 1
        else:
            strays += 1
    for word in _ACCENTED_WORD.findall(text):
        strays += not _is_syllable(word.lower())
    return letters, strays


# A word with at least one letter beyond ASCII (only those differ between the guesses).
_ACCENTED_WORD = re.compile(r"[^\W\d_]*[^\W\d_\x00-\x7f][^\W\d_]*")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_VOWEL_RUN = re.compile("[aăâeêioôơuưy]+")
# The vowel groups Vietnamese syllables are spelled with (without tone marks).
_VOWEL_GROUPS = frozenset(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ ưa ưi ươ ưu "
    "uy ya yê iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu".split())


def _is_syllable(word: str) -> bool:
    """Whether a lower-case word could be a Vietnamese syllable: one tone at most, a known vowel group."""
    decomposed = unicodedata.normalize("NFD", word)
    if sum(decomposed.count(tone) for tone in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if bare.startswith(("gi", "qu")) and len(bare) > 2 and bare[2] in "aăâeêioôơuưy":
        bare = bare[2:]  # the i of "gi", the u of "qu" belong to the consonant
    runs = _VOWEL_RUN.findall(bare)
    return len(runs) == 1 and runs[0] in _VOWEL_GROUPS and bare.isalpha()


_WORD = re.compile(r"[^\W\d_]{2,}")


def vietnamese_word_share(text: str) -> tuple[float, float] | None:
    """(share of the words that could be Vietnamese syllables, share of those with a Vietnamese accent)
    in ``text``; None when it has too few words to tell. A PDF's text layer whose font maps its
    glyphs to the wrong letters ("DANH sAcu rnicu NGANG") scores low on both."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < _MIN_WORDS:
        return None
    viet = _vietnamese_letters()
    syllables = sum(_is_syllable(w) for w in words)
    accented = sum(any(c in viet for c in w) for w in words)
    return syllables / len(words), accented / len(words)


_MIN_WORDS = 30


@functools.cache
def _vietnamese_letters() -> frozenset[str]:
    """Every accented letter of Vietnamese, both cases, precomposed."""
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    out = {"đ", "Đ"}
    for vowel in vowels:
        for tone in tones:
            letter = unicodedata.normalize("NFC", vowel + tone)
            out.update((letter, letter.upper()))
    return frozenset(c for c in out if c >= "\x80")


@functools.cache
def _tcvn3_table() -> dict[int, str]:
    return {ord(byte): letter for byte, letter in legacy_encodings().tcvn3.letters.items()}


@functools.cache
def _vni_letters() -> dict[int, str]:
    return {ord(byte): letter for byte, letter in legacy_encodings().vni.letters.items()}


@functools.cache
def _vni_marks() -> re.Pattern:
    marks = "".join(sorted(legacy_encodings().vni.marks))
    return re.compile(f"([aeiouyAEIOUYơưƠƯ])([{re.escape(marks)}])")


class TCVN3Table(DataModel):
    letters: dict[str, str]


class VNITable(DataModel):
    letters: dict[str, str]
    marks: dict[str, str]


class LegacyEncodings(DataModel):
    tcvn3: TCVN3Table
    vni: VNITable


@functools.cache
def legacy_encodings() -> LegacyEncodings:
    """The byte tables of TCVN3 and VNI (rules/data/legacy_encodings.yaml)."""
    return load_model_file(builtin_data_dir() / "legacy_encodings.yaml", LegacyEncodings, _read_shipped)


def _read_shipped(path) -> str:
    """A data file shipped with dvlint: UTF-8, as its tests check."""
    return path.read_text(encoding="utf-8")

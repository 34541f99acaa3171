"""Dated and tabulated knowledge, loaded from YAML data files.

Anything that changes with the law or the province (document types, signature
authorities, grade bands, later place names and superseded documents) is a
YAML file under ``rules/data/``, validated here by a pydantic model, and loaded
once per process. A clerk who edits one gets an error with the file's own line
number if the edit breaks it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, Field, field_validator


from dvlint.source import datafile, files
from dvlint.source.datafile import DataFileError, DataModel, builtin_data_dir  # noqa: F401 (DataFileError: caught as data.DataFileError)

M = TypeVar("M", bound=BaseModel)


def load_model_file(path: Path, model: type[M]) -> M:
    """Load a data file or template a user may have written into ``model``; DataFileError with a location."""
    return datafile.load_model_file(path, model, files.read_text)


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-cased NFC text with single spaces: the form names are compared in.

    Tone-mark placement differs even in official texts ("Hòa" and "Hoà"); the
    old placement is rewritten to the new one so both compare equal.
    Remembered: the rules fold the same data names and the same recipient
    lines again and again (44,000 calls for 300 reports, 15 substring tests each).
    """
    text = unicodedata.normalize("NFC", " ".join(text.split())).lower()
    for old, new in _OLD_TONE_PLACEMENT.items():
        if old in text:
            text = text.replace(old, new)
    return text


def _base_letters() -> dict[int, str | None]:
    """A str.translate table: each accented Latin letter to its base letter."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii():
            table[code] = base
    for code in range(0x300, 0x370):  # combining marks left by decomposed input
        table[code] = None
    return table


_BASE_LETTERS = _base_letters()


def strip_diacritics(text: str) -> str:
    """Text without Vietnamese diacritics ("Đắk Nông" -> "Dak Nong"), spaces folded.

    A translate table (C speed): rules run this over whole reports.
    """
    return " ".join(unicodedata.normalize("NFC", text).translate(_BASE_LETTERS).split())


def base_letters(text: str) -> str:
    """NFC ``text`` with each accented letter replaced by its base letter, and nothing else changed.

    Unlike strip_diacritics the spaces stay, so a position in the result is
    the same position in the (NFC) text: a word found here is found there.
    """
    return text.translate(_BASE_LETTERS)


# "òa" -> "oà" etc.: the two placements of a tone mark on oa, oe, uy.
_OLD_TONE_PLACEMENT = {
    unicodedata.normalize("NFC", base[0] + tone + base[1:]): unicodedata.normalize("NFC", base[:-1] + base[-1] + tone)
    for base in ("oa", "oe", "uy")
    for tone in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
}


# --- document types ---------------------------------------------------------


class DocumentType(DataModel):
    name: str
    en: str
    state: str | None
    party: str | None
    may_be_normative: bool = False
    normative_until: dt.date | None = None  # the last day the type could be a legal normative document
    in_decree: bool = True  # a type of Nghị định 30's list; false for one read as printed but outside it

    def abbreviation(self, form: str) -> str | None:
        return self.party if form == "party" else self.state

    def normative_on(self, day: dt.date | None) -> bool:
        """Whether a document of this type issued on ``day`` may be a legal normative one (and so
        carry the year in its symbol); an unknown day gives the type the benefit of the doubt."""
        return self.may_be_normative and (self.normative_until is None or day is None or day <= self.normative_until)


class OwnForm(DataModel):
    """A code in the symbol that marks a document with a form of its own ("VBHN", "UBTVQH15")."""

    code: str  # a regular expression matched against each part of the symbol
    why: str


class DocumentTypes(DataModel):
    source: str
    types: list[DocumentType]
    own_form_codes: list[OwnForm] = []
    cited_type_codes: list[str] = []

    def is_type_code(self, code: str) -> bool:
        """Whether ``code`` is a document type's in a state symbol: one of the list's, or a legal
        normative document's that documents cite (NĐ, TT, TTLT)."""
        return code in self.cited_type_codes or self.by_abbreviation(code, "state", ignore_case=True) is not None

    def own_form(self, number) -> OwnForm | None:
        """The entry whose code a parsed number's symbol carries, if any."""
        if number is None:
            return None
        parts = [p for p in (number.type_abbr, *(number.issuer_code or "").split("-")) if p]
        for entry in self.own_form_codes:
            if any(re.fullmatch(entry.code, part) for part in parts):
                return entry
        return None

    @functools.cached_property
    def by_name(self) -> dict[str, DocumentType]:
        return {fold(t.name): t for t in self.types}

    def find(self, kind: str) -> DocumentType | None:
        """The type named ``kind`` ("BÁO CÁO", "báo cáo") or abbreviated ("BC")."""
        found = self.by_name.get(fold(kind))
        if found:
            return found
        for t in self.types:
            if kind.strip() in (t.state, t.party):
                return t
        return None

    def by_abbreviation(self, abbreviation: str, form: str, ignore_case: bool = False) -> DocumentType | None:
        """The first type of the list abbreviated ``abbreviation`` in ``form`` ("party"; any other: the state's)."""
        form = "party" if form == "party" else "state"  # as DocumentType.abbreviation reads it
        if ignore_case:
            return self._abbreviations.get((form, True, abbreviation.casefold()))
        return self._abbreviations.get((form, False, abbreviation))

    @functools.cached_property
    def _abbreviations(self) -> dict[tuple, DocumentType]:
        """(form, ignore_case, abbreviation) -> the first type written so: the rules ask for every symbol
        they read, and walking the list with a casefold of each entry took as long as reading the symbols."""
        index: dict[tuple, DocumentType] = {}
        for t in self.types:
            for form in ("state", "party"):
                written = t.abbreviation(form)
                if written:
                    index.setdefault((form, False, written), t)
                    index.setdefault((form, True, written.casefold()), t)
        return index


# --- signature authorities --------------------------------------------------


class Authority(DataModel):
    meaning: str
    state: str | None
    party: str | None
    vi: str
    en: str


class Authorities(DataModel):
    source: str
    authorities: list[Authority]
    collective_bodies: list[str]
    academic_titles: list[str]
    academic_title_sectors: list[str] = []
    ranks_before_name: list[str] = []


# --- places and bodies, with dates -------------------------------------------


class Province(DataModel):
    name: str
    aliases: list[str] = []
    misspellings: list[str] = []
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    merged_into: str | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day <= self.valid_to)


class Provinces(DataModel):
    source: str
    provinces: list[Province]

    @functools.cached_property
    def _exact(self) -> dict[str, Province]:
        return {fold(written): p for p in self.provinces for written in (p.name, *p.aliases)}

    @functools.cached_property
    def _loose(self) -> dict[str, Province]:
        loose = {strip_diacritics(written).lower(): p for p in self.provinces for written in (p.name, *p.aliases)}
        loose.update({fold(m): p for p in self.provinces for m in p.misspellings})
        return loose

    def find(self, place: str) -> tuple[Province | None, bool]:
        """The province ``place`` names and whether it is written officially.

        Exact after NFC and tone-placement folding; otherwise, a match without
        diacritics or a known misspelling ("Hung Yên", "Đăk Nông") is the
        province written unofficially. (None, False) when it names none.
        """
        key = fold(place.strip().rstrip(","))
        if key in self._exact:
            return self._exact[key], True
        loose = self._loose.get(key) or self._loose.get(strip_diacritics(place.strip()).lower())
        return loose, False


class Body(DataModel):
    patterns: list[str]
    unless: list[str] = []
    valid_to: dt.date
    replaced_by: str
    replaced_by_en: str | None = None
    note: str = ""

    def matches(self, text: str) -> bool:
        folded = fold(text)
        return any(fold(p) in folded for p in self.patterns) and not any(fold(u) in folded for u in self.unless)


class NeedsParent(DataModel):
    prefixes: list[str]
    without_parent: list[str] = []

    def applies_to(self, name: str) -> bool:
        folded = fold(name)
        return folded.startswith(tuple(self.prefixes)) and not folded.startswith(tuple(self.without_parent))


class Bodies(DataModel):
    source: str
    bodies: list[Body]
    # A factory, not NeedsParent(prefixes=[]): an instance as the default would build NeedsParent's
    # validator while this module is imported, on every start-up, for a default bodies.yaml never leaves.
    needs_parent: NeedsParent = Field(default_factory=lambda: NeedsParent(prefixes=[]))


class TextData(DataModel):
    source: str
    reduplications: list[str]
    single_word_typos: list[str]
    known_abbreviations: list[str]


class SupersededDocument(DataModel):
    symbol: str
    name: str
    replaced_on: dt.date
    replaced_by: str
    verified: bool = True  # false: the date is not checked against the text that sets it
    note: str = ""


class Superseded(DataModel):
    source: str
    documents: list[SupersededDocument]


class PlanLatest(DataModel):
    month: int
    day: int


class ReportPeriods(DataModel):
    source: str
    cutoff_day: int
    last_month: dict[str, int | None]
    plan_latest_issue: PlanLatest

    def cutoff(self, period) -> dt.date | None:
        """The last day of data of a reporting period (a ParsedPeriod), when it has one."""
        if period is None or not period.year:
            return None
        month = {"month": period.month, "quarter": (period.quarter or 0) * 3 or None}.get(
            period.kind, self.last_month.get(period.kind))
        return dt.date(period.year, month, self.cutoff_day) if month else None


# --- scoring ----------------------------------------------------------------


def by_longest_prefix(pairs, code: str, default):
    """The value of the longest code prefix in ``pairs`` that ``code`` starts with.

    Settings by code or family (``DV4 = 2``, ``DV401 = 5``): the most specific wins.
    """
    best, best_len = default, -1
    for prefix, value in pairs:
        if code.startswith(prefix) and len(prefix) > best_len:
            best, best_len = value, len(prefix)
    return best


class GradeBand(DataModel):
    min: float
    vi: str
    en: str


class GradeCap(DataModel):
    """A mandatory element whose absence caps the grade (scoring.yaml, grade_caps)."""

    code: str
    grade_at_most: float
    vi: str
    en: str


class Label(DataModel):
    vi: str
    en: str


class FamilyCap(DataModel):
    """A rule family counted under a cap of its own and shown as a sub-score (scoring.yaml, family_caps)."""

    family: str = Field(pattern=r"^[A-Z]+[0-9]+$")  # a code prefix: "DV8" is DV801 to DV899
    cap: float = Field(ge=0, le=100)  # points of the 100 that the family's deductions together may take
    vi: str  # the sub-score's name
    en: str
    unchecked: Label  # why the family was not checked, where it did not apply (the .docx-only rules on a PDF)

    def covers(self, code: str) -> bool:
        return code.startswith(self.family)


class Scoring(DataModel):
    source: str = ""
    per_rule_cap: float = 15
    grades: list[GradeBand]
    grade_caps: list[GradeCap] = []
    family_caps: list[FamilyCap] = []

    @field_validator("family_caps")
    @classmethod
    def _one_cap_per_family(cls, caps: list[FamilyCap]) -> list[FamilyCap]:
        for i, cap in enumerate(caps):
            for other in caps[:i]:
                if cap.family.startswith(other.family) or other.family.startswith(cap.family):
                    raise ValueError(f"families {other.family} and {cap.family} overlap: a rule counts under one cap")
        return caps


@functools.cache
def document_types() -> DocumentTypes:
    return load_model_file(builtin_data_dir() / "document_types.yaml", DocumentTypes)


@functools.cache
def authorities() -> Authorities:
    return load_model_file(builtin_data_dir() / "authorities.yaml", Authorities)


@functools.cache
def provinces() -> Provinces:
    return load_model_file(builtin_data_dir() / "provinces.yaml", Provinces)


@functools.cache
def bodies() -> Bodies:
    return load_model_file(builtin_data_dir() / "bodies.yaml", Bodies)


@functools.cache
def text_data() -> TextData:
    return load_model_file(builtin_data_dir() / "text.yaml", TextData)


@functools.cache
def superseded() -> Superseded:
    return load_model_file(builtin_data_dir() / "superseded.yaml", Superseded)


@functools.cache
def report_periods() -> ReportPeriods:
    return load_model_file(builtin_data_dir() / "report_periods.yaml", ReportPeriods)


@functools.cache
def default_scoring() -> Scoring:
    return load_model_file(builtin_data_dir() / "scoring.yaml", Scoring)

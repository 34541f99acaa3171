"""Reading the written forms of a document's parts.

The model keeps every part as written (``"Số: /BC-SKHCCN"``, ``"ngày tháng
năm 2020"``); rules need its pieces. These parsers never raise: whatever they
cannot read comes back as ``None`` pieces, and the rules decide what that
means (a draft, a typo, something to report).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

# --- number and symbol -----------------------------------------------------

_NUMBER_PREFIX = re.compile(r"^\s*s[ốoô]\s*(?P<colon>:)?\s*", re.IGNORECASE)
_PARTY_NUMBER = re.compile(r"^(?P<num>[0-9]*)-(?P<type>[^/\-]+)/(?P<issuer>.+)$")
_DOTTED_BLANK = re.compile(r"^[.…_]+(?=[/\-])")
_STATE_NUMBER = re.compile(r"^(?P<num>[0-9]*)/(?:(?P<year>\d{4})/)?(?P<rest>[^/]+)$")


@dataclass(frozen=True, slots=True)
class DocNumber:
    """``Số: 85/BC-SKHCN`` taken apart.

    ``form`` is "state" (``85/BC-SKHCN``), "party" (``12-BC/ĐU``) or None when
    neither shape fits. ``type_abbr`` is the part before the first "-" in the
    state form: for a công văn (``125/SKHCN-VP``) that part is the issuer's
    code, which the rules know from the document kind.
    """

    raw: str
    body: str  # the raw text after "Số:", stripped
    compact: str  # ``body`` without any white space
    number: str | None  # the digits as written; None when left blank
    type_abbr: str | None
    issuer_code: str | None
    year: str | None
    form: str | None
    has_colon: bool

    @property
    def is_blank(self) -> bool:
        return self.form is not None and self.number is None

    @property
    def has_inner_spaces(self) -> bool:
        """Spaces inside the number and symbol, but for the gap between the number and the symbol: the
        blank the template leaves for the number, into which it is written by hand or stamped by an
        e-office system ("Số: 1234      /BC-UBND", a signed PDF's "156 /TTr-SNV"), is no writer's defect."""
        return re.sub(r"\s+", "", _FILLED_GAP.sub(r"\1", self.body)) != _FILLED_GAP.sub(r"\1", self.body)


_FILLED_GAP = re.compile(r"^(\d*)\s+(?=[/\-–]\S)")


def parse_number(raw: str) -> DocNumber:
    text = unicodedata.normalize("NFC", raw).strip()
    prefix = _NUMBER_PREFIX.match(text)
    body = text[prefix.end():].strip() if prefix else text
    compact = _DOTTED_BLANK.sub("", re.sub(r"\s+", "", body))  # "……../BC-K4": the blank left dotted
    has_colon = bool(prefix and prefix.group("colon"))
    party = _PARTY_NUMBER.match(compact)
    if party:
        return DocNumber(raw, body, compact, party["num"] or None, party["type"], party["issuer"], None, "party", has_colon)
    state = _STATE_NUMBER.match(compact)
    if state:
        rest = state["rest"]
        type_abbr, _, issuer = rest.partition("-")
        if not issuer:
            type_abbr, issuer = None, rest
        return DocNumber(raw, body, compact, state["num"] or None, type_abbr, issuer, state["year"], "state", has_colon)
    return DocNumber(raw, body, compact, None, None, None, None, None, has_colon)


# --- dates -----------------------------------------------------------------

# "ngày 05 tháng 3 năm 2020", and as a text typed without its tone marks writes it ("ngay thang 3 nam 2026").
_WRITTEN_DATE = re.compile(
    r"\bng[àa]y\s*(?P<day>\d{1,2})?\s*th[áa]ng\s*(?P<month>\d{1,2})?\s*n[ăa]m\s*(?P<year>\d{4})?",
    re.IGNORECASE,
)
_SLASH_DATE = re.compile(r"\b(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})\s*/\s*(?P<year>\d{4})\b")
_ISO_DATE = re.compile(r"^\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\s*$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as written, possibly with blank parts (a draft)."""

    raw: str
    day_text: str | None
    month_text: str | None
    year_text: str | None
    recognised: bool  # the text has the shape of a date at all

    @property
    def day(self) -> int | None:
        return int(self.day_text) if self.day_text else None

    @property
    def month(self) -> int | None:
        return int(self.month_text) if self.month_text else None

    @property
    def year(self) -> int | None:
        return int(self.year_text) if self.year_text else None

    @property
    def blank_parts(self) -> list[str]:
        names = ("day", "month", "year")
        texts = (self.day_text, self.month_text, self.year_text)
        return [name for name, text in zip(names, texts) if not text]

    @property
    def is_complete(self) -> bool:
        return self.recognised and not self.blank_parts

    def to_date(self) -> dt.date | None:
        """The calendar date, or None when incomplete or impossible."""
        if not self.is_complete:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


def parse_date(raw: str) -> PartialDate:
    """Read ``ngày 05 tháng 3 năm 2020``, ``05/3/2020`` or ``2020-03-05``."""
    text = unicodedata.normalize("NFC", raw)
    for pattern in (_WRITTEN_DATE, _ISO_DATE, _SLASH_DATE):
        m = pattern.search(text)
        if m:
            return PartialDate(raw, m["day"], m["month"], m["year"], True)
    return PartialDate(raw, None, None, None, False)


# --- reporting period --------------------------------------------------------

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_RANGE = re.compile(r"(?:giai\s+đoạn\s+)?\b(?P<start>(?:19|20)\d{2})\s*[-–—]\s*(?P<end>(?:19|20)\d{2})\b", re.IGNORECASE)
_MONTHS_OF_YEAR = re.compile(r"\b(?P<n>6|9|sáu|chín)\s+tháng(?:\s+đầu\s+năm)?", re.IGNORECASE)
_QUARTER = re.compile(r"\bquý\s+(?P<q>IV|III|II|I|[1-4])\b", re.IGNORECASE)
_MONTH = re.compile(r"\btháng\s+(?P<m>\d{1,2})\s*(?:năm\s+|/)(?P<y>(?:19|20)\d{2})", re.IGNORECASE)
_YEAR = re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d{2})\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"\b(?P<y>(?:19|20)\d{2})\b")



@dataclass(frozen=True, slots=True)
class ParsedPeriod:
    kind: str
    year: int | None = None
    quarter: int | None = None
    month: int | None = None
    start_year: int | None = None
    end_year: int | None = None


def parse_period(text: str) -> ParsedPeriod | None:
    """The reporting period named in a title or period line, if any.

    The first, most specific phrase wins: "9 tháng đầu năm, nhiệm vụ trọng
    tâm Quý IV năm 2024" is a nine-month report for 2024 (the quarter named
    after it is the coming one).
    """
    text = unicodedata.normalize("NFC", text)
    candidates = []
    if m := _RANGE.search(text):
        candidates.append((m.start(), ParsedPeriod("multi_year", start_year=int(m["start"]), end_year=int(m["end"]))))
    if m := _MONTHS_OF_YEAR.search(text):
        kind = "nine_months" if m["n"].lower() in ("9", "chín") else "half_year"
        candidates.append((m.start(), ParsedPeriod(kind, year=_year_after(text, m.end()))))
    if m := _QUARTER.search(text):
        q = _ROMAN.get(m["q"].upper()) or int(m["q"])
        candidates.append((m.start(), ParsedPeriod("quarter", year=_year_after(text, m.end()), quarter=q)))
    if m := _MONTH.search(text):
        candidates.append((m.start(), ParsedPeriod("month", year=int(m["y"]), month=int(m["m"]))))
    if not candidates and (m := _YEAR.search(text)):
        candidates.append((m.start(), ParsedPeriod("year", year=int(m["y"]))))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


def _year_after(text: str, position: int) -> int | None:
    m = _ANY_YEAR.search(text, position)
    return int(m["y"]) if m else None


# --- signature authority -------------------------------------------------------

_PREFIX_LETTERS = {"KT", "TM", "TL", "TUQ", "Q"}
_PREFIX_CHARS = set("KTMLUQ./")


@dataclass(frozen=True, slots=True)
class AuthorityLine:
    """``KT. GIÁM ĐỐC`` taken apart: prefix as written, its letters, the rest."""

    prefix: str | None  # as written: "KT.", "K/T", "KT", "T/M."
    letters: str | None  # "KT", "TM", "TL", "TUQ", "Q"
    signs_for: str  # "GIÁM ĐỐC", "ỦY BAN NHÂN DÂN", "ĐẢNG ỦY"


def parse_authority(line: str) -> AuthorityLine:
    text = unicodedata.normalize("NFC", line).strip()
    token, _, rest = text.partition(" ")
    if "." in token and not token.endswith("."):
        # "KT.GIÁM ĐỐC": the prefix is glued to the next word.
        head, _, tail = token.rpartition(".")
        token, rest = head + ".", (tail + " " + rest).strip()
    letters = re.sub(r"[./]", "", token)
    if token and set(token) <= _PREFIX_CHARS and letters in _PREFIX_LETTERS:
        return AuthorityLine(token, letters, rest.strip())
    return AuthorityLine(None, None, text)



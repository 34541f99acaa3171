"""Finding every date and every cited document in a text.

Library code, usable on its own::

    from dvlint.model.extract import find_dates, find_citations
    for date in find_dates("ngày 16 tháng 02 năm 2023 và 5/3/2020"): ...
    for cite in find_citations("Kế hoạch số 153/KH-SKHHCN ngày 29/3/2019 của Sở ..."): ...

Dates come with their precision (day, month, quarter, half_year,
nine_months, year, range) and the parts left blank in drafts ("ngày tháng
năm 2020"). Citations come with their type word, number and symbol as
written, a key under which the state form (``12/TB-SNV``) and the Party form
(``12-TB/SNV``) of one document compare equal, the date when given and the
issuer when given. Positions are offsets in the text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

_ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int
    end: int
    text: str
    precision: str  # day, month, quarter, half_year, nine_months, year, range
    day: int | None = None
    month: int | None = None
    year: int | None = None
    end_year: int | None = None  # ranges
    quarter: int | None = None
    blank: tuple[str, ...] = ()  # parts left blank: "day", "month", "year"
    day_text: str | None = None  # as written, for the leading-zero style
    month_text: str | None = None

    def to_date(self) -> dt.date | None:
        """The calendar day, when the date is complete and exists."""
        if self.precision != "day" or self.blank:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except (TypeError, ValueError):
            return None

    @property
    def exists(self) -> bool:
        """False for a complete day that the calendar lacks (31/02/2020)."""
        return self.precision != "day" or bool(self.blank) or self.to_date() is not None


_YEAR = r"(?:19|20)\d{2}"
_DATE_FORMS = [
    ("written", r"\bngày\s*(?P<written_day>\d{1,2})?\s*tháng\s*(?P<written_month>\d{1,2})?\s*năm\s*(?P<written_year>" + _YEAR + r")?"),
    ("slash", r"(?<![\d/])(?P<slash_day>\d{1,2})\s*/\s*(?P<slash_month>\d{1,2})\s*/\s*(?P<slash_year>" + _YEAR + r")(?![\d/])"),
    ("iso", r"(?<![\d-])(?P<iso_year>" + _YEAR + r")-(?P<iso_month>\d{2})-(?P<iso_day>\d{2})(?![\d-])"),
    ("quarter", r"\bquý\s+(?P<quarter_q>IV|III|II|I|[1-4])\b(?:\s*(?:năm\s+|/\s*)(?P<quarter_year>" + _YEAR + r"))?"),
    ("months", r"\b(?P<months_n>6|9|sáu|chín)\s+tháng\s+(?:đầu\s+năm|cuối\s+năm)(?:\s+(?P<months_year>" + _YEAR + r"))?"),
    ("month", r"\btháng\s+(?P<month_month>\d{1,2})\s*(?:năm\s+|/\s*)(?P<month_year>" + _YEAR + r")\b"),
    ("range", r"(?:\bgiai\s+đoạn\s+)?(?<![\d/])(?P<range_year>" + _YEAR + r")\s*[-–—]\s*(?P<range_end>" + _YEAR + r")(?![\d/])"),
    ("year", r"\bnăm\s+(?P<year_year>" + _YEAR + r")\b"),
]
# One pass: at each place the first form in this order that matches wins, so
# "ngày tháng năm 2020" is one blank date, not also "năm 2020".
_DATES = re.compile(r"(?=[0-9nqtscg])(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _DATE_FORMS) + ")",
                    re.IGNORECASE)  # every form starts with a digit or one of these letters: most places fail at once
_MAY_HOLD_DATE = re.compile(r"\d|tháng", re.IGNORECASE)


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``, in order; a longer form wins over a part of it."""
    if not _MAY_HOLD_DATE.search(text):
        return []
    text = unicodedata.normalize("NFC", text)
    found = []
    for m in _DATES.finditer(text):
        date = _date_from(m.lastgroup, _Groups(m, m.lastgroup))
        if date is not None:
            found.append(date)
    return found


def whole_date(text: str) -> FoundDate | None:
    """The date ``text`` is, when it holds that one date and nothing else (spaces aside): the date of a
    table cell ("29/3/2020"), found as ``find_dates`` finds it but without scanning a cell that does not
    open with one (a figure, a name) to its end."""
    if not _MAY_HOLD_DATE.search(text):
        return None
    text = unicodedata.normalize("NFC", text)
    start = len(text) - len(text.lstrip())
    m = _DATES.match(text, start)  # find_dates' first date opens here, or the cell is not one date
    if m is None:
        return None
    date = _date_from(m.lastgroup, _Groups(m, m.lastgroup))
    return date if date is not None and date.text.strip() == text.strip() else None


class _Groups:
    """The groups of one alternative of _DATES, by their short names."""

    def __init__(self, match: re.Match, kind: str):
        self.match, self.kind = match, kind

    def __getitem__(self, name: str):
        return self.match.group(f"{self.kind}_{name}")

    def start(self) -> int:
        return self.match.start()

    def end(self) -> int:
        return self.match.end()

    def group(self, index: int) -> str:
        return self.match.group(index)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _date_from(kind: str, m: re.Match) -> FoundDate | None:
    text = m.group(0)
    if kind in ("written", "slash", "iso"):
        blank = tuple(part for part in ("day", "month", "year") if not m[part])
        if kind == "written" and len(blank) == 3:
            return None  # "ngày tháng năm" alone says nothing
        return FoundDate(m.start(), m.end(), text, "day", _int(m["day"]), _int(m["month"]), _int(m["year"]),
                         blank=blank, day_text=m["day"], month_text=m["month"])
    if kind == "quarter":
        q = m["q"].upper()
        quarter = _ROMAN_QUARTER.get(q) or int(q)
        return FoundDate(m.start(), m.end(), text, "quarter", year=_int(m["year"]), quarter=quarter,
                         blank=() if m["year"] else ("year",))
    if kind == "months":
        precision = "nine_months" if m["n"].lower() in ("9", "chín") else "half_year"
        return FoundDate(m.start(), m.end(), text, precision, year=_int(m["year"]),
                         blank=() if m["year"] else ("year",))
    if kind == "month":
        return FoundDate(m.start(), m.end(), text, "month", month=_int(m["month"]), year=_int(m["year"]),
                         month_text=m["month"])
    if kind == "range":
        start, end = int(m["year"]), int(m["end"])
        if end <= start:
            return None  # "2018-2016" is no period
        return FoundDate(m.start(), m.end(), text, "range", year=start, end_year=end)
    return FoundDate(m.start(), m.end(), text, "year", year=int(m["year"]))


# --- citations ---------------------------------------------------------------

CITED_TYPES = (
    "Nghị định", "Quyết định", "Chỉ thị", "Kết luận", "Nghị quyết", "Kế hoạch", "Công văn", "Thông báo",
    "Thông tư", "Thông tri", "Hướng dẫn", "Quy định", "Quy chế", "Đề án", "Chương trình", "Báo cáo", "Tờ trình",
    "Luật", "Công điện",
)
_TYPES = "|".join(sorted((t.replace(" ", r"\s+") for t in CITED_TYPES), key=len, reverse=True))
_SYMBOL = (r"(?P<number>\d\d{0,4})\s*(?:/\s*(?P<year>\d{4})\s*)?(?P<sep>[/\-–])\s*"
           r"(?P<rest>[A-ZĐ][A-Za-zĐđ]*(?:\s*[/\-]\s*[A-ZĐ][A-Za-zĐđ0-9]*)*)")
# A citation is found from its symbol, which opens with a digit: the engine
# skips to digits in C, where a pattern opening with the type words would be
# tried at every letter (this way find_citations is about 5x faster). The type
# words are then looked for just before the symbol.
_FROM_SYMBOL = re.compile(
    _SYMBOL
    + r"(?P<tail>(?:\s*,)?\s*(?:ban\s+hành\s+)?(?P<on>ngày)\s+(?:(?P<sd>\d{1,2})\s*/\s*(?P<sm>\d{1,2})\s*/\s*(?P<sy>"
    + _YEAR + r")|(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s+năm\s+(?P<wy>" + _YEAR + r")))?"
    + r"(?P<issuer>\s+của\s+(?P<who>[^,;.()“\"\d]{3,80}?)(?=\s+(?:về|về việc|thực hiện|ban hành|tiếp tục|"
      r"triển khai|hướng dẫn|đã|là|phối hợp|tại|số|và\s+(?:" + _TYPES + r"))\b|[,;.()“\"]|$))?",
    re.IGNORECASE,
)
# The search opens with the type words' first letters: at the other places of its window (most) it fails at
# one class test instead of trying each of the 19 type words (a third off the search).
_TYPE_FIRST_LETTERS = "".join(sorted({t[0] for t in CITED_TYPES}))
_TYPE_BEFORE_SYMBOL = re.compile(r"(?=[" + _TYPE_FIRST_LETTERS + r"])(?P<type>\b(?:" + _TYPES + r"))(?:\s+(?:số\s*:?|số))?\s*\Z",
                                 re.IGNORECASE)
_TYPE_REACH = 40  # the longest type word, "số:" and spaces fit in this many characters


@dataclass(frozen=True, slots=True)
class Citation:
    start: int
    end: int
    text: str
    type_word: str  # as written: "Kế hoạch", "quyết định"
    number: str
    symbol: str  # number and symbol as written, spaces removed: "153/KH-SKHHCN"
    key: tuple  # (number, type code, issuer code, year): the state and Party forms compare equal
    date: FoundDate | None
    issuer: str | None

    @property
    def type_code(self) -> str:
        return self.key[1]

    @property
    def issuer_code(self) -> str:
        return self.key[2]


@functools.lru_cache(maxsize=4096)
def normalize_symbol(symbol: str) -> tuple | None:
    """(number, type code, issuer code, year) of a symbol in either form.

    ``153/KH-SKHCN`` (state) and ``153-KH/SKHCN`` (Party form) give the same
    key; a year inside a normative symbol (``04/2015/NĐ-CP``) is kept apart.
    Cached: a report cites the same few documents again and again.
    """
    compact = "".join(unicodedata.normalize("NFC", symbol).split()).replace("–", "-")
    m = _FULL_SYMBOL.fullmatch(compact)
    if not m:
        m2 = _NUMBER_AND_ISSUER.fullmatch(compact)  # công văn: 125/UBND
        return (str(int(m2[1])), "", m2[2].upper(), None) if m2 else None
    number, year, _, type_code, issuer = m.groups()
    return (str(int(number)), type_code.upper(), issuer.upper(), year)


_FULL_SYMBOL = re.compile(r"(\d+)(?:/(\d{4}))?([/-])([^/\-]+)[/-](.+)")
_NUMBER_AND_ISSUER = re.compile(r"(\d+)/([^/\-]+)")


# Cyrillic and Greek capitals that look like Latin ones, as a recognised or pasted text may carry inside
# a symbol ("105/2025/TT-BTС" with a Cyrillic С): read as the Latin letter, one character for one.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХУІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEKMHOPCTXYIJSABEZHIKMNOPTYX")
# Whether a text holds any Greek or Cyrillic letter at all: a scan in C, where translating every text with
# the table above took a third of the time of reading the citations of a report that has none (most).
_MAY_HOLD_LOOKALIKE = re.compile("[\u0370-\u04ff]")


def find_citations(text: str) -> list[Citation]:
    """Every cited document in ``text``, in order."""
    out: list[Citation] = []
    if "/" not in text:
        return out
    text = unicodedata.normalize("NFC", text)
    if _MAY_HOLD_LOOKALIKE.search(text):
        text = text.translate(_LOOKALIKES)
    end = 0  # a citation starts after the previous one ends
    for m in _FROM_SYMBOL.finditer(text):
        head = _TYPE_BEFORE_SYMBOL.search(text, max(end, m.start() - _TYPE_REACH), m.start())
        if head is None:
            continue
        end = m.end()
        symbol = "".join((m["number"] + (f"/{m['year']}" if m["year"] else "") + m["sep"] + m["rest"]).split())
        key = normalize_symbol(symbol)
        if key is None:
            continue
        date = _tail_date(m, text) if m["tail"] else None
        who = " ".join(m["who"].split()) if m["who"] else None
        out.append(Citation(head.start(), m.end(), text[head.start():m.end()], " ".join(head["type"].split()),
                            m["number"], symbol, key, date, who))
    return out


def _tail_date(m: re.Match, text: str) -> FoundDate:
    """The date a citation gives after its symbol, read from the groups of _FROM_SYMBOL: the date find_dates
    reads in the tail ("ngày 5 tháng 3 năm 2020" whole; "29/3/2019" without its "ngày"), without a second
    scan of it."""
    if m["sd"]:
        day, month, year, start = m["sd"], m["sm"], m["sy"], m.start("sd")
    else:
        day, month, year, start = m["wd"], m["wm"], m["wy"], m.start("on")
    end = m.end("tail")
    return FoundDate(start, end, text[start:end], "day", int(day), int(month), int(year),
                     day_text=day, month_text=month)

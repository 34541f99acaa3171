"""The header block: issuer, Quốc hiệu and tiêu ngữ, number, place and date, type name,
trích yếu and Kính gửi (Nghị định 30/2020, Phụ lục I, mục II.1-5).

The recognisers of its lines, and the part of the classifier's walk that reads
it (HeaderReader, mixed into dvlint.importers.classify.Classifier).
"""

from __future__ import annotations

import re

from dvlint.importers import ITEM_MARKS, SourceLine, ascii_fold, is_upper
from dvlint.importers.outline import split_label
from dvlint.knowledge import data

_NUMBER_LINE = re.compile(r"^\s*s[ốoô]\s*:?\s*[0-9]*\s*[/\-–]", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^(?P<place>[^,0-9]{2,60}?),\s*(?P<date>ngày\b.*)$", re.IGNORECASE)
_DATE_ONLY = re.compile(r"^ngày\b.*\bnăm\b", re.IGNORECASE)
_PARENT_WORDS = ("ubnd", "uy ban", "tinh uy", "thanh uy", "huyen uy", "dang bo", "bo ", "hdnd", "so ", "ban chap hanh")
# A second issuer line starting so continues the first: "ỦY BAN NHÂN DÂN" / "HUYỆN TIÊN LỮ".
_PLACE_UNITS = ("huyen ", "tinh ", "xa ", "thanh pho ", "quan ", "thi xa ", "phuong ", "thi tran ")


def is_national_name(text: str) -> bool:
    return "cong hoa xa hoi chu nghia viet nam" in ascii_fold(text)


def is_motto(text: str) -> bool:
    folded = ascii_fold(text)
    return "doc lap" in folded and "hanh phuc" in folded


def is_party_header(text: str) -> bool:
    return ascii_fold(text).strip(" *") == "dang cong san viet nam"


def _date_goes_on(text: str, following: SourceLine) -> bool:
    """Whether a wrapped date line goes on on ``following``: "... tháng 12" / "năm 2022", or
    "... tháng 12 năm" / "2022"."""
    if following.row is not None:
        return False
    if not re.search(r"\bnăm\b", text, re.IGNORECASE):
        return bool(re.match(r"^(tháng|năm)\b", following.text, re.IGNORECASE))
    return bool(re.search(r"\bnăm\s*$", text, re.IGNORECASE) and re.fullmatch(r"\d{4}\.?", following.text.strip()))


def _header_part(text: str) -> bool:
    return is_national_name(text) or is_motto(text) or is_party_header(text)


def _wrapped_header_part(text: str) -> bool:
    """Whether ``text`` is the national name, the motto or the Party's name from its first word."""
    return ascii_fold(text).startswith(("cong hoa xa hoi chu nghia viet nam", "doc lap")) or is_party_header(text)


def is_addressee_heading(text: str) -> bool:
    return ascii_fold(text).startswith("kinh gui")


def is_kind_line(text: str) -> bool:
    name = text.strip().rstrip(":").strip()
    return bool(name) and data.document_types().by_name.get(data.fold(name)) is not None and len(name) < 25


class HeaderReader:
    """Everything up to the type name and its summary (and Kính gửi); the walk's state is the Classifier's."""

    def header(self) -> None:
        """Everything up to the type name and its summary (and Kính gửi)."""
        issuer_lines: list[SourceLine] = []
        while (line := self.next_nonblank()) is not None:
            if line.row is not None:
                break
            line = self.unwrapped_header_line(line)
            text = line.text
            if is_national_name(text):
                self.set_header("national_name", line)
            elif is_motto(text):
                self.set_header("motto", line)
            elif is_party_header(text):
                self.set_header("party_name", line)
            elif text.strip(" *-_=") == "":
                self.note(line, "decoration")
            elif "number" not in self.document and _NUMBER_LINE.match(text):
                self.document["number"] = text
                self.place(("document", "number"), line)
                self.note(line, "number")
            elif "date" not in self.document and (_PLACE_DATE.match(text) or _DATE_ONLY.match(text)):
                self.place_and_date(line)
                continue
            elif "kind" not in self.document and is_kind_line(text):
                self.document["kind"] = text.strip().rstrip(":").strip()
                self.place(("document", "kind"), line)
                self.note(line, "kind")
                self.i += 1
                self.title()
                self.addressees()
                break
            elif "kind" not in self.document and is_upper(text) and len(text) < 120:
                issuer_lines.append(line)
                self.note(line, "issuer")
            else:
                break
            self.i += 1
        self.set_issuer(issuer_lines)

    def unwrapped_header_line(self, line: SourceLine) -> SourceLine:
        """``line`` joined with the next when together they are the national name, the motto or
        the Party's name that a narrow column wrapped ("CỘNG HÒA XÃ HỘI CHỦ" / "NGHĨA VIỆT NAM")."""
        following = self.lines[self.i + 1] if self.i + 1 < len(self.lines) else None
        if (following is None or following.blank or following.row is not None or _header_part(line.text)
                or _header_part(following.text)):
            return line
        joined = f"{line.text} {following.text}"
        if not _wrapped_header_part(joined):
            return line
        self.note(following, "wrapped")
        self.i += 1
        line.text, line.end_line, line.end_column = joined, following.line, following.column + len(following.text)
        return line

    def set_header(self, key: str, line: SourceLine) -> None:
        self.document.setdefault("header", {})[key] = line.text
        self.place(("document", "header", key), line)
        self.note(line, key)

    def set_issuer(self, lines: list[SourceLine]) -> None:
        if not lines:
            return
        issuer: dict = {}
        first = lines[0]
        if len(lines) == 2 and ascii_fold(lines[1].text).startswith(_PLACE_UNITS):
            pass  # one name over two lines
        elif len(lines) >= 2 and ascii_fold(first.text).startswith(_PARENT_WORDS):
            issuer["parent"] = first.text
            self.place(("document", "issuer", "parent"), first)
            self.note(first, "issuer.parent")
            lines = lines[1:]
        issuer["name"] = " ".join(line.text for line in lines)
        self.place(("document", "issuer", "name"), lines[0], lines[-1])
        self.place(("document", "issuer"), lines[0], lines[-1])
        self.document["issuer"] = issuer

    def place_and_date(self, line: SourceLine) -> None:
        text, last = line.text, line
        self.note(line, "place-date")
        self.i += 1
        following = self.peek()
        if following is not None and _date_goes_on(text, following):
            text, last = f"{text} {following.text}", following
            self.note(following, "place-date")
            self.i += 1
        m = _PLACE_DATE.match(text)
        if m:
            self.document["place"] = m["place"].strip()
            self.place(("document", "place"), line)
            self.document["date"] = m["date"].strip()
            date_line = SourceLine(m["date"], line.line, line.column + m.start("date"))
            self.place(("document", "date"), date_line, last)
        else:
            self.document["date"] = text.strip()
            self.place(("document", "date"), line, last)

    def title(self) -> None:
        """The summary (trích yếu) under the type name: one block of lines."""
        parts: list[SourceLine] = []
        line = self.next_nonblank()
        while line is not None and not line.blank and line.row is None:
            if is_addressee_heading(line.text) or split_label(line.text)[0] or line.text.strip(" *-_=") == "":
                break
            parts.append(line)
            self.note(line, "title")
            self.i += 1
            line = self.peek()
        if parts:
            self.document["title"] = " ".join(p.text for p in parts)
            self.place(("document", "title"), parts[0], parts[-1])
        while (line := self.peek()) is not None and not line.blank and line.text.strip(" *-_=") == "":
            self.note(line, "decoration")
            self.i += 1

    def addressees(self) -> None:
        line = self.next_nonblank()
        if line is None or not is_addressee_heading(line.text):
            return
        self.note(line, "addressees")
        self.i += 1
        found: list[tuple[SourceLine, str]] = []
        _, _, rest = line.text.partition(":")
        if rest.strip():
            found.append((line, rest.strip()))
        while (nxt := self.next_nonblank()) is not None and nxt.text.lstrip().startswith(ITEM_MARKS):
            found.append((nxt, nxt.text))
            self.note(nxt, "addressee")
            self.i += 1
        if found:
            self.document["addressees"] = [text for _, text in found]
            for index, (source, _) in enumerate(found):
                self.place(("document", "addressees", index), source)

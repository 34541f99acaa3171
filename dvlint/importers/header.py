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

# "Số: 85/BC-SKHCN", "Số 12-BC/ĐU", "Số:      /QĐ-UBND", "Số:……../BC-K4" (the blank dotted), and the number's
# digits parted by OCR ("Số: 257 1/VNPT").
_NUMBER_LINE = re.compile(r"^\s*s[ốoô]\s*:?\s*(?:[0-9](?:[0-9]| (?=[0-9]))*|[.…_]+)?\s*[/\-–]", re.IGNORECASE)
# "Hà Nội, ngày 05 tháng 3 năm 2025"; the comma is sometimes left out ("Hà Nội ngày 01 tháng 12 năm 2025"),
# and then only a short place before a date written in full counts (not a sentence "... trước ngày 30/11/2025").
# A text typed without tone marks writes them "Ha Noi, ngay thang 3 nam 2026".
_PLACE_COMMA_DATE = re.compile(r"^(?P<place>[^,0-9/()]{2,60}?),\s*(?P<date>ng[àa]y\b.*)$", re.IGNORECASE)
_PLACE_SPACE_DATE = re.compile(
    r"^(?P<place>[^,0-9/()]{2,30}?)\s+(?P<date>ng[àa]y\b.*\bth[áa]ng\b.*\bn[ăa]m\b.*)$", re.IGNORECASE)


def place_date(text: str) -> re.Match | None:
    """The place and the date of a place-and-date line, as a match with the groups place and date."""
    return _PLACE_COMMA_DATE.match(text) or _PLACE_SPACE_DATE.match(text)
_DATE_ONLY = re.compile(r"^ng[àa]y\b.*\bn[ăa]m\b", re.IGNORECASE)
_PARENT_WORDS = ("ubnd", "uy ban", "tinh uy", "thanh uy", "huyen uy", "dang bo", "bo ", "hdnd", "so ", "ban chap hanh")
# A second issuer line starting so continues the first: "ỦY BAN NHÂN DÂN" / "HUYỆN TIÊN LỮ".
_PLACE_UNITS = ("huyen ", "tinh ", "xa ", "thanh pho ", "quan ", "thi xa ", "phuong ", "thi tran ")


# The text a digital signature prints on a signed PDF, and a certified copy's stamp ("SAO Y; CÔNG AN TỈNH ...").
_SIGNATURE_STAMP = re.compile(r"^\s*(?:ký\s+bởi|email|cơ\s+quan|thời\s+gian\s+ký|ngày\s+ký|sao\s+y\b|"
                              r"digitally\s+signed)\s*[:;]", re.IGNORECASE)
_DRAFT_MARK = re.compile(r"^\s*[(\[]?\s*dự\s+thảo(?:\s+lần\s+\d+)?\s*[)\]]?\s*$", re.IGNORECASE)
_NUMBER_THEN_DATE = re.compile(r"^(?P<number>\s*s[ốoô]\s*:?\s*\d*\s*[/\-–]\s*\S+)\s+(?P<date>\D.*\bngày\b.*)$",
                               re.IGNORECASE)
_NUMBER_ALONE = re.compile(r"^\s*s[ốoô]\s*:?\s*$", re.IGNORECASE)
_NUMBER_REST = re.compile(r"^\s*[0-9]*\s*[/\-–]\s*\S")
# A công văn's subject under its number: "V/v ...", "Về việc ...", "Về ...".
_SUBJECT = re.compile(r"^\s*\(?\s*(?:v/v|v\.v|về\s+việc|về)\b", re.IGNORECASE)
_TELEGRAM_TO = re.compile(r"\bđiện\s*:\s*$", re.IGNORECASE)
# The opening of the body, where a summary with no blank line under it ends.
_OPENING = re.compile(r"^\s*(?:căn\s+cứ|xét\s+đề\s+nghị|theo\s+đề\s+nghị|thực\s+hiện|trên\s+cơ\s+sở"
                      r"|(?-i:Ngày)\s+\d{1,2}\s+tháng)\b", re.IGNORECASE)
_ISSUER_REACH = 6
_DATE_CELL_GAP = 2  # blank lines (cell boundaries) a wrapped date may go on across
_YEAR = re.compile(r"\bnăm\s+\d{4}")
_ADDRESSEE_END = (".", ";", ",", ":")
_TITLE_LINE = 120  # a line of a summary is shorter; a longer one in ordinary case is the body's first paragraph
_TITLE_PARAGRAPH = 240  # a summary's paragraph after a paragraph break: at most three printed lines of it
_ADDRESSEE_LINE = 120  # a wrapped addressee's second line is short; a longer line is the body's first  # the issuer's lines (and their rule) stand this close above the Quốc hiệu


def _speck(text: str) -> bool:
    """A line of a few letters among stray marks, and no number: what OCR makes of a stamp's edge or a
    speck ("¬. hư"); a word of a name wrapped alone ("BỘ", "NỘI") is none."""
    letters = sum(c.isalpha() for c in text)
    symbols = sum(not c.isalnum() and not c.isspace() for c in text)
    return letters < 4 and symbols > 0 and not any(c.isdigit() for c in text) and not _decoration(text)


def _decoration(text: str) -> bool:
    return bool(text.strip()) and text.strip(" *-_=|") == ""


_NATIONAL_NAME = "conghoaxahoichunghiavietnam"


def is_national_name(text: str) -> bool:
    return _NATIONAL_NAME in _letters(text)


def is_motto(text: str) -> bool:
    """The tiêu ngữ, also when a PDF's text layer ran its words together ("Độclập–Tựdo_–Hạnhphúc")."""
    letters = _letters(text).replace(_NATIONAL_NAME, "")  # the two run together on one line are both there
    return "doclap" in letters and "hanhphuc" in letters and len(letters) <= _MOTTO_LETTERS


_MOTTO_LETTERS = len("doclaptudohanhphuc") + 12  # room for a stray word or mark; a sentence is longer


def _letters(text: str) -> str:
    """``text`` folded to its letters alone: spaces, dashes and underscores a text layer garbled do not count."""
    return "".join(c for c in ascii_fold(text) if c.isalpha())


def is_party_header(text: str) -> bool:
    return ascii_fold(text).strip(" *") == "dang cong san viet nam"


def _date_goes_on(text: str, following: SourceLine) -> bool:
    """Whether a wrapped date line goes on on ``following``: "... tháng 12" / "năm 2022", or
    "... tháng 12 năm" / "2022"."""
    if following.row is not None:
        return False
    if re.search(r"\bngày\s*$", text, re.IGNORECASE):  # "Hà Nội, ngày" / "05 tháng 3 năm 2025"
        return bool(re.match(r"^\d{1,2}\s+tháng\b", following.text, re.IGNORECASE))
    if not re.search(r"\bnăm\b", text, re.IGNORECASE):
        return bool(re.match(r"^(tháng|năm)\b", following.text, re.IGNORECASE))
    return bool(re.search(r"\bnăm\s*$", text, re.IGNORECASE) and re.fullmatch(r"\d{4}\.?", following.text.strip()))


def _header_part(text: str) -> bool:
    return is_national_name(text) or is_motto(text) or is_party_header(text)


def _wrapped_header_part(text: str) -> bool:
    """Whether ``text`` is the national name, the motto or the Party's name from its first word."""
    return ascii_fold(text).startswith(("cong hoa xa hoi chu nghia viet nam", "doc lap")) or is_party_header(text)


def is_addressee_heading(text: str) -> bool:
    """"Kính gửi:", or a công điện's "THỦ TƯỚNG CHÍNH PHỦ điện:" before its addressees."""
    return ascii_fold(text).startswith("kinh gui") or bool(_TELEGRAM_TO.search(text))


def is_kind_line(text: str) -> bool:
    name = text.strip().rstrip(":").strip()
    return bool(name) and data.document_types().by_name.get(data.fold(name)) is not None and len(name) < 25


class HeaderReader:
    """Everything up to the type name and its summary (and Kính gửi); the walk's state is the Classifier's."""

    def header(self) -> None:
        """Everything up to the type name and its summary (and Kính gửi)."""
        self.skip_preamble()
        issuer_lines: list[SourceLine] = []
        while (line := self.next_nonblank()) is not None:
            if line.row is not None:
                break
            line = self.unwrapped_header_line(line)
            line = self.number_on_next_line(line)
            text = line.text
            if is_national_name(text) and is_motto(text):
                self.set_national_name_and_motto(line)
            elif is_national_name(text):
                self.set_header("national_name", line)
            elif is_motto(text):
                self.set_header("motto", line)
            elif is_party_header(text):
                self.set_header("party_name", line)
            elif text.strip(" *-_=") == "":
                self.note(line, "decoration")
            elif _DRAFT_MARK.match(text):
                self.note(line, "draft-mark")  # "Dự thảo", "(DỰ THẢO lần 2)": the header goes on
            elif _SIGNATURE_STAMP.match(text):
                self.note(line, "stamp")  # a digital signature's text on a signed PDF ("Ký bởi: ...", "SAO Y; ...")
            elif _speck(text):
                self.note(line, "speck")  # a stamp's or a scan's specks read as text ("¬. hư"): the header goes on
            elif "number" not in self.document and _NUMBER_LINE.match(text):
                date_after = _NUMBER_THEN_DATE.match(text)
                if date_after and "date" not in self.document and place_date(date_after["date"]):
                    self.number_and_date(line, date_after)  # one line of a PDF's text or an OCR'd page
                    self.i += 1
                    continue
                self.document["number"] = text
                self.place(("document", "number"), line)
                self.note(line, "number")
            elif "date" not in self.document and (place_date(text) or _DATE_ONLY.match(text)):
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
            elif "kind" not in self.document and "number" in self.document and _SUBJECT.match(text):
                self.letter_subject()  # a công văn: no type name, its subject under the number
                continue
            else:
                break
            self.i += 1
        self.set_issuer(issuer_lines)
        if "addressees" not in self.document:
            self.addressees()

    def skip_preamble(self) -> None:
        """Read past what stands before the document: a web page's banner, its metadata
        ("Số hiệu:", "Ngày ban hành:") and a news summary of the document.

        The document starts at its header: the issuer's lines just above the
        Quốc hiệu (or the Party's name). The lines before it are skipped only
        when none of them is a number line or a place and date line, which a
        document's own header would have.
        """
        start = self.i
        anchor = next((k for k in range(start, len(self.lines))
                       if self.lines[k].row is None and (is_national_name(self.lines[k].text)
                                                         or is_party_header(self.lines[k].text))), None)
        if anchor is None:
            return
        first = anchor
        k = anchor - 1
        while k >= start and (self.lines[k].blank or _decoration(self.lines[k].text)):
            k -= 1
        while k >= start and anchor - k <= _ISSUER_REACH and (
                _decoration(self.lines[k].text) or (is_upper(self.lines[k].text) and len(self.lines[k].text) < 120)):
            first = k
            k -= 1
        before = [line for line in self.lines[start:first] if not line.blank]
        if not before or any(_NUMBER_LINE.match(line.text) or place_date(line.text) for line in before):
            return
        for line in self.lines[start:first]:
            self.note(line, "blank" if line.blank else "preamble")
        self.i = first

    def number_and_date(self, line: SourceLine, match: re.Match) -> None:
        """'Số: 02/NQ-LĐKRT Đắk Nông, ngày 30 tháng 6 năm 2025': the number and the place and date that
        stand side by side, read as one line when the gap between them was not kept."""
        number = match["number"]
        self.document["number"] = number
        self.place(("document", "number"), SourceLine(number, line.line, line.column))
        self.note(line, "number")
        at = match.start("date")
        found = place_date(match["date"])
        self.document["place"] = found["place"].strip()
        self.place(("document", "place"), SourceLine(found["place"], line.line, line.column + at))
        self.document["date"] = found["date"].strip()
        self.place(("document", "date"), SourceLine(found["date"], line.line, line.column + at + found.start("date")))

    def number_on_next_line(self, line: SourceLine) -> SourceLine:
        """``Số:`` alone on its line joined with the number on the next ("Số:" / "1234/KH-UBND")."""
        if "number" in self.document or not _NUMBER_ALONE.match(line.text):
            return line
        k = self.i + 1
        while k < len(self.lines) and self.lines[k].blank:
            k += 1
        if k >= len(self.lines) or self.lines[k].row is not None or not _NUMBER_REST.match(self.lines[k].text):
            return line
        following = self.lines[k]
        for skipped in self.lines[self.i + 1:k + 1]:
            self.note(skipped, "number")
        self.i = k
        return SourceLine(f"{line.text.strip()} {following.text.strip()}", line.line, line.column,
                          end_line=following.line, end_column=following.column + len(following.text))

    def letter_subject(self) -> None:
        """A công văn's subject ("V/v ...", wrapped over lines) where other documents have the type name.
        A wrapped line may start with a citation's "số 3653/VPCP-CĐS"; a number line starts "Số"."""
        self.document["kind"] = "công văn"
        parts: list[SourceLine] = []
        while (line := self.peek()) is not None and not line.blank and line.row is None:
            text = line.text
            if parts and (is_addressee_heading(text) or (_NUMBER_LINE.match(text) and text.lstrip()[:1] == "S")
                          or place_date(text)
                          or _DATE_ONLY.match(text) or is_national_name(text) or is_motto(text) or _decoration(text)):
                break
            parts.append(line)
            self.note(line, "title")
            self.i += 1
        self.document["title"] = " ".join(p.text for p in parts)
        self.place(("document", "title"), parts[0], parts[-1])

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

    def set_national_name_and_motto(self, line: SourceLine) -> None:
        """The Quốc hiệu and the tiêu ngữ run together on one line by a converter that lost the break
        between them ("... VIỆT NAMĐộc lập - Tự do - Hạnh phúc"): two parts, each where it stands."""
        text = line.text
        at = ascii_fold(text).find("doc lap")
        name, motto = text[:at].strip(" -_*|"), text[at:].strip(" -_*|")
        self.set_header("national_name", SourceLine(name, line.line, line.column + text.find(name)))
        self.set_header("motto", SourceLine(motto, line.line, line.column + at))
        self.note(line, "national_name")

    def set_header(self, key: str, line: SourceLine) -> None:
        self.document.setdefault("header", {})[key] = line.text
        self.place(("document", "header", key), line)
        self.note(line, key)

    def set_issuer(self, lines: list[SourceLine]) -> None:
        if not lines:
            return
        issuer: dict = {}
        first = lines[0]
        bold_from = next((k for k, line in enumerate(lines) if line.heading), 0)
        if len(lines) == 2 and ascii_fold(lines[1].text).startswith(_PLACE_UNITS):
            pass  # one name over two lines: "ỦY BAN NHÂN DÂN" / "TỈNH LÂM ĐỒNG"
        elif 0 < bold_from and all(line.heading for line in lines[bold_from:]):
            # The issuer is bold, the body above it is not (Phụ lục I, mục II.3): "BỘ TÀI" / "CHÍNH" / "**CỤC THUẾ**"
            parent = lines[:bold_from]
            issuer["parent"] = " ".join(line.text for line in parent)
            self.place(("document", "issuer", "parent"), parent[0], parent[-1])
            for line in parent:
                self.note(line, "issuer.parent")
            lines = lines[bold_from:]
        elif len(lines) == 2 and ascii_fold(lines[1].text).startswith(_PLACE_UNITS):
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
        k = self.i
        while k < min(self.i + _DATE_CELL_GAP, len(self.lines)) and self.lines[k].blank:
            k += 1  # a web page may put a cell boundary ("|") inside the date: "*Hà Nội, ngày" | "05 tháng 3 ..."
        following = self.lines[k] if k < len(self.lines) else None
        if following is not None and _date_goes_on(text, following) and (k == self.i or not _YEAR.search(text)):
            text, last = f"{text} {following.text}", following
            for skipped in self.lines[self.i:k + 1]:
                self.note(skipped, "blank" if skipped.blank else "place-date")
            self.i = k + 1
        m = place_date(text)
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
        while line is not None and line.row is None:
            if line.blank:
                line = self.bold_title_goes_on(parts)
                continue
            if is_addressee_heading(line.text) or split_label(line.text)[0] or line.text.strip(" *-_=") == "":
                break
            if parts and (line.heading != parts[0].heading and not self.ends_before_addressees(self.i)
                          or _OPENING.match(line.text)
                          or (is_upper(parts[0].text) and not is_upper(line.text) and len(line.text) > _TITLE_LINE)):
                # "**THỦ TƯỚNG CHÍNH PHỦ**", "Căn cứ ...", or a long paragraph in ordinary case under a summary
                # in capitals, with no blank line between
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

    def ends_before_addressees(self, at: int) -> bool:
        """Whether the line at ``at`` is the summary's last, short line just above "Kính gửi:",
        whatever its weight: a converter drops the bold of a wrapped line's end."""
        k = at + 1
        while k < len(self.lines) and self.lines[k].blank:
            k += 1
        return (len(self.lines[at].text) <= _TITLE_LINE and k < len(self.lines) and self.lines[k].row is None
                and is_addressee_heading(self.lines[k].text))

    def bold_title_goes_on(self, parts: list[SourceLine]) -> SourceLine | None:
        """After a paragraph break inside the summary: the next line when it goes on with it, else None.

        A trích yếu is bold (Phụ lục I, mục II.5) and Word writers break a long one
        into paragraphs. A bold line of the same case after a bold summary that has
        not ended a sentence goes on; the enacting authority in capitals
        ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") or a plain paragraph does not. Such a
        paragraph is measured as one (``_TITLE_PARAGRAPH``), not as a line: Word
        wraps it, and a decision's second paragraph of 125 letters, printed on
        two lines, is as much the summary as its first.
        """
        k = self.i
        while k < len(self.lines) and self.lines[k].blank:
            k += 1
        following = self.lines[k] if k < len(self.lines) else None
        if (not parts or following is None or following.row is not None or not parts[-1].heading
                or not (following.heading or self.ends_before_addressees(k))
                or is_upper(following.text) != is_upper(parts[0].text)
                or parts[-1].text.rstrip().endswith((".", ":", ";")) or len(following.text) > _TITLE_PARAGRAPH
                or is_addressee_heading(following.text) or split_label(following.text)[0]
                or _OPENING.match(following.text) or _decoration(following.text)):
            return None
        for blank in self.lines[self.i:k]:
            self.note(blank, "blank")
        self.i = k
        return following

    def wrapped_addressee(self, text: str) -> str:
        """An addressee written after "Kính gửi:" that a narrow cell wrapped: "Kính gửi: Các" /
        "Thuế tỉnh, thành phố." The next line goes on when this one has no closing mark and that one
        is short and has it."""
        following = self.peek()
        if (following is None or following.blank or following.row is not None or text.endswith(_ADDRESSEE_END)
                or following.text.lstrip().startswith((*ITEM_MARKS, "(")) or _OPENING.match(following.text)
                or len(following.text) > _ADDRESSEE_LINE
                or not following.text.rstrip().endswith(_ADDRESSEE_END)):
            return text
        self.note(following, "addressee")
        self.i += 1
        return f"{text} {following.text.strip()}"

    def addressees(self) -> None:
        line = self.next_nonblank()
        if line is None or not is_addressee_heading(line.text):
            return
        self.note(line, "addressees")
        self.i += 1
        found: list[tuple[SourceLine, str]] = []
        _, _, rest = line.text.partition(":")
        if rest.strip():
            found.append((line, self.wrapped_addressee(rest.strip())))
        while (nxt := self.next_nonblank()) is not None and nxt.text.lstrip().startswith(ITEM_MARKS):
            found.append((nxt, nxt.text))
            self.note(nxt, "addressee")
            self.i += 1
        if found:
            self.document["addressees"] = [text for _, text in found]
            for index, (source, _) in enumerate(found):
                self.place(("document", "addressees", index), source)

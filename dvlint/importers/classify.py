"""Deciding what each line of an imported document is.

A Vietnamese administrative document has a fixed anatomy (Nghị định
30/2020/NĐ-CP, Phụ lục I; DOMAIN.md section 2): header (issuer, Quốc hiệu,
number, place and date), type name and summary, Kính gửi, the numbered body,
the closing, Nơi nhận, the signature, then appendices. The classifier walks
the located lines of a document through that anatomy and builds the report
model's data, recording where each value came from and why each line was
classified as it was. What fits nowhere goes to ``unclassified``.

The recognisers are deliberately forgiving (a misspelt "Noi nhậm:" is still
the recipients heading): the rules, not the importer, judge the writing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Callable

from dvlint.knowledge import data
from dvlint.model import parsing
from dvlint.importers import ITEM_MARKS, SourceLine
from dvlint.source.positions import PositionMap, Span

# --- recognisers -----------------------------------------------------------

_NUMBER_LINE = re.compile(r"^\s*s[ốoô]\s*:?\s*[0-9]*\s*[/\-–]", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^(?P<place>[^,0-9]{2,60}?),\s*(?P<date>ngày\b.*)$", re.IGNORECASE)
_DATE_ONLY = re.compile(r"^ngày\b.*\bnăm\b", re.IGNORECASE)
_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{1,3}|V)"
_LABEL = re.compile(
    rf"^(?P<label>{_ROMAN}\s*[.\-–]|\d{{1,2}}(?:\.\d{{1,2}})+\.?|\d{{1,2}}\s*[.\-–)]|[a-zđ]\s*[).])\s+(?P<rest>\S.*)$"
)
_FOOTNOTE = re.compile(r"^\[(?P<label>\d+)\]\s*(?P<text>.*)$")
_TERMINAL = (".", ";", ":", "!", "?", "…", ")", "”", '"', "./.")
_SIGNER_WORDS = (
    "giam doc", "chu tich", "bi thu", "truong", "pho ", "chanh", "thu truong", "tong ", "uy vien",
    "cuc truong", "vien truong", "hieu truong", "ban ", "thu ky", "uy ban", "dang uy", "ban thuong vu",
)
_PARENT_WORDS = ("ubnd", "uy ban", "tinh uy", "thanh uy", "huyen uy", "dang bo", "bo ", "hdnd", "so ", "ban chap hanh")
# A second issuer line starting so continues the first: "ỦY BAN NHÂN DÂN" / "HUYỆN TIÊN LỮ".
_PLACE_UNITS = ("huyen ", "tinh ", "xa ", "thanh pho ", "quan ", "thi xa ", "phuong ", "thi tran ")
# A deputy's title run on after the head's ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"), as converters that
# join a cell's lines write it.
_SIGNS_FOR_WITH_TITLE = re.compile(r"^(?P<authority>(?:KT|K/T)\.?\s*\S.*?)\s+(?P<title>PHÓ\s+\S.*)$")
_SIGNED = re.compile(r"^\(?\s*(đã ký|ký|signed|ký tên, đóng dấu|đã ký và đóng dấu)\s*\)?$", re.IGNORECASE)


def ascii_fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: for forgiving comparisons."""
    return data.strip_diacritics(text).lower().strip()


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


def is_recipients_heading(text: str) -> bool:
    if len(text.strip(" *_:")) > 16:  # "Nơi nhận:" misspelt still fits; a longer line is no heading
        return False
    folded = ascii_fold(text).rstrip(" :")
    return len(folded) <= 12 and difflib.SequenceMatcher(None, folded, "noi nhan").ratio() >= 0.75


def is_addressee_heading(text: str) -> bool:
    return ascii_fold(text).startswith("kinh gui")


def is_kind_line(text: str) -> bool:
    name = text.strip().rstrip(":").strip()
    return bool(name) and data.document_types().by_name.get(data.fold(name)) is not None and len(name) < 25


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def is_signer_title(text: str) -> bool:
    folded = ascii_fold(text) + " "
    return is_upper(text) and len(text.split()) <= 9 and any(word in folded for word in _SIGNER_WORDS)


def is_person_name(text: str) -> bool:
    words = text.replace(".", " ").split()
    return (2 <= len(words) <= 6 and not any(ch.isdigit() for ch in text)
            and all(w[0].isupper() and not w.isupper() for w in words if w.isalpha() and len(w) > 1)
            and not text.rstrip().endswith((";", ",", ":")))


def is_appendix_heading(line: SourceLine) -> bool:
    folded = ascii_fold(line.text)
    return folded.startswith("phu luc") and (len(line.text) <= 40 or line.heading)


def label_rank(label: str) -> int:
    """How deep a numbering label sits: I. < 1. < 1.1. < 1.1.1. < a)."""
    core = label.replace(" ", "")
    if re.fullmatch(rf"{_ROMAN}[.\-–]", core):
        return 0
    if re.fullmatch(r"\d+(\.\d+)+\.?", core):
        return core.rstrip(".").count(".") + 1
    if re.fullmatch(r"\d+[.\-–)]", core):
        return 1
    return 10  # a), b)


def split_label(text: str) -> tuple[str | None, str]:
    m = _LABEL.match(text)
    if not m:
        return None, text
    return m["label"].replace(" ", ""), m["rest"]


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def starts_lower(text: str) -> bool:
    first = text.lstrip("“\"'(")[:1]
    return first.isalpha() and first.islower()


# --- the classification ------------------------------------------------------


@dataclass
class TextRef:
    """The text a following line may continue: a paragraph, a heading, a footnote."""

    path: tuple
    get: Callable[[], str]
    set: Callable[[str], None]
    category: str


def list_item(container: list, index: int) -> tuple[Callable, Callable]:
    return (lambda: container[index]), (lambda value: container.__setitem__(index, value))


def dict_item(mapping: dict, key: str) -> tuple[Callable, Callable]:
    return (lambda: mapping[key]), (lambda value: mapping.__setitem__(key, value))


@dataclass
class Classified:
    data: dict
    positions: PositionMap
    explain: list[tuple[SourceLine, str]] = field(default_factory=list)
    recognised: bool = True  # a type name, number or issue date was found


def _end(line: SourceLine) -> tuple[int, int]:
    if line.end_line is not None:
        return line.end_line, line.end_column or 1
    return line.line, line.column + len(line.text)


class Classifier:
    """Walks the lines through the anatomy of a document."""

    def __init__(self, lines: list[SourceLine], source_lines: list[str]):
        self.lines = _linearize_layout_tables(lines)
        self.document: dict = {}
        self.data: dict = {"document": self.document}
        self.values: dict[tuple, Span] = {}
        self.explain: dict[int, tuple[SourceLine, str]] = {}
        self.source_lines = source_lines
        self.i = 0
        # body state
        self.stack: list[tuple[int, tuple, dict]] = []  # (rank, path, section)
        self.last: TextRef | None = None  # what a wrapped line would continue
        self.mode = "body"  # body, closing, footnote, recipients, signature, tail, appendix-title, appendix
        self.mode_before_footnote = "body"
        self.last_table_index = -2

    # recording -----------------------------------------------------------------

    def note(self, line: SourceLine, category: str) -> None:
        self.explain[id(line)] = (line, category)

    def place(self, path: tuple, first: SourceLine, last: SourceLine | None = None) -> None:
        self.values[path] = Span(first.line, first.column, *_end(last or first))

    def extend_span(self, path: tuple, last: SourceLine) -> None:
        span = self.values.get(path)
        if span:
            self.values[path] = Span(span.line, span.column, *_end(last))

    # driving -------------------------------------------------------------------

    def run(self) -> Classified:
        self.header()
        self.body()
        recognised = bool(self.document.keys() & {"kind", "number", "date"})
        if "kind" not in self.document:
            self.document["kind"] = "báo cáo"  # not found: the rules will judge the rest
        for line in self.lines:
            if id(line) not in self.explain:
                self.note(line, "blank" if line.blank else "unclassified")
        explain = sorted(self.explain.values(), key=lambda item: (item[0].line, item[0].column))
        positions = PositionMap(values=dict(self.values), keys=dict(self.values), lines=self.source_lines)
        return Classified(self.data, positions, explain, recognised)

    def peek(self) -> SourceLine | None:
        return self.lines[self.i] if self.i < len(self.lines) else None

    def next_nonblank(self) -> SourceLine | None:
        while self.i < len(self.lines) and self.lines[self.i].blank:
            self.note(self.lines[self.i], "blank")
            self.i += 1
        return self.peek()

    # header ----------------------------------------------------------------------

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

    # body ------------------------------------------------------------------------

    def body(self) -> None:
        previous_blank = True
        while (line := self.peek()) is not None:
            self.i += 1
            if line.blank:
                self.note(line, "blank")
                previous_blank = True
                continue
            self.body_line(line, previous_blank)
            previous_blank = False

    def body_line(self, line: SourceLine, after_blank: bool) -> None:
        text = line.text
        if line.separator:
            self.note(line, "table")
            if self.last_table_index == self.i - 2:  # |---| under a table's first row: the table goes on
                self.last_table_index = self.i - 1
            return
        if text.strip(" *-_=") == "":
            self.note(line, "decoration")
            return
        if line.row is not None:
            self.table_row(line)
            return
        footnote = _FOOTNOTE.match(text)
        if footnote and self.mode != "recipients":
            self.add_footnote(line, footnote)
            return
        if self.mode == "footnote" and after_blank:
            self.mode = self.mode_before_footnote
        if is_recipients_heading(text):
            self.start_recipients(line)
            return
        if is_appendix_heading(line) and self.mode != "appendix-title":
            self.start_appendix(line)
            return
        if self.mode == "recipients" and text.lstrip().startswith(ITEM_MARKS):
            self.add_recipient(line)
            return
        in_foot = self.mode in ("recipients", "tail", "signature", "closing")
        if (in_foot or self.looks_like_signature(line, strict=True)) and self.signature_line(line):
            return
        if self.mode.startswith("appendix"):
            self.appendix_line(line)
            return
        if self.mode in ("tail", "signature"):
            self.unclassified(line)
            return
        if self.mode == "footnote" and not after_blank:
            self.footnote.set(f"{self.footnote.get()} {line.text}")
            self.extend_span(self.footnote.path, line)
            self.note(line, "footnote")
            return
        if self.mode == "footnote":
            self.mode = self.mode_before_footnote
        self.text_line(line, after_blank)

    # sections and paragraphs ---------------------------------------------------------

    def text_line(self, line: SourceLine, after_blank: bool) -> None:
        text = line.text
        label, rest = split_label(text)
        if label and self.mode != "closing" and self.is_heading(line, label, rest):
            self.start_section(line, label, rest)
            return
        if self.last is not None and self.continues(line, after_blank):
            self.append_text(line)
            return
        if ascii_fold(text).startswith("tren day") and self.mode == "body":
            self.mode = "closing"
        if self.mode == "closing":
            self.add_text(("closing",), self.data.setdefault("closing", []), line, "closing")
        elif self.stack:
            path, section = self.stack[-1][1], self.stack[-1][2]
            self.add_text(path + ("paragraphs",), section.setdefault("paragraphs", []), line, "paragraph")
        else:
            self.add_text(("opening",), self.data.setdefault("opening", []), line, "opening")

    def is_heading(self, line: SourceLine, label: str, rest: str) -> bool:
        if line.heading:
            return True
        if label_rank(label) == 0:
            return len(rest) < 250
        if self.continued_below():
            return False  # "b) ... công tác đánh" / page break / "giá, quy hoạch ...": a paragraph
        return len(rest) <= 220 and not ends_sentence(rest) and not rest.rstrip().endswith(",")

    def continued_below(self) -> bool:
        """Whether the next non-blank line goes on in lower case (text split by a page break).

        A line that opens an item of its own ("a) Cải cách ...", "- Tổ chức ...") starts in lower
        case too, but goes on from nothing: "2. Kết quả cụ thể" above it stays a heading.
        """
        for following in self.lines[self.i:]:
            if not following.blank:
                text = following.text
                if split_label(text)[0] or text.lstrip().startswith(ITEM_MARKS):
                    return False
                return following.row is None and not following.heading and starts_lower(text)
        return False

    def continues(self, line: SourceLine, after_blank: bool) -> bool:
        """Whether ``line`` goes on from the last text (wrapped, or across a page break)."""
        previous = self.last.get()
        text = line.text
        if text.lstrip().startswith(ITEM_MARKS) or split_label(text)[0]:
            return False
        if self.last.category == "heading":  # a heading goes on only with a lower-case word
            return starts_lower(text)
        if after_blank:
            return not ends_sentence(previous) and starts_lower(text)
        if line.column > 1 and ends_sentence(previous) and not starts_lower(text):
            return False  # an indented first line after a full stop: text from a PDF starts a paragraph so
        return True  # hard-wrapped lines of one paragraph

    def append_text(self, line: SourceLine) -> None:
        self.last.set(f"{self.last.get()} {line.text}")
        self.extend_span(self.last.path, line)
        self.note(line, self.last.category)

    def add_text(self, base: tuple, container: list, line: SourceLine, category: str) -> None:
        container.append(line.text)
        path = base + (len(container) - 1,)
        self.place(path, line)
        self.last = TextRef(path, *list_item(container, len(container) - 1), category)
        self.note(line, category)

    def start_section(self, line: SourceLine, label: str, rest: str) -> None:
        rank = label_rank(label)
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        siblings = self.stack[-1][2].setdefault("children", []) if self.stack else self.data.setdefault("sections", [])
        parent_path = self.stack[-1][1] + ("children",) if self.stack else ("sections",)
        section = {"label": label, "heading": rest}
        siblings.append(section)
        path = parent_path + (len(siblings) - 1,)
        self.stack.append((rank, path, section))
        self.place(path, line)
        self.place(path + ("label",), line)
        heading_line = SourceLine(rest, line.line, line.column + len(line.text) - len(rest))
        self.place(path + ("heading",), heading_line)
        self.last = TextRef(path + ("heading",), *dict_item(section, "heading"), "heading")
        self.note(line, "heading")
        self.mode = "body"

    # footnotes ---------------------------------------------------------------------

    def add_footnote(self, line: SourceLine, match: re.Match) -> None:
        """A page-bottom footnote; the body text around it goes on afterwards."""
        notes = self.data.setdefault("footnotes", [])
        notes.append({"label": match["label"], "text": match["text"]})
        path = ("footnotes", len(notes) - 1)
        self.place(path, line)
        self.place(path + ("text",), line)
        self.note(line, "footnote")
        if self.mode != "footnote":
            self.mode_before_footnote = self.mode
            self.mode = "footnote"
        self.footnote = TextRef(path + ("text",), *dict_item(notes[-1], "text"), "footnote")

    # recipients and signature ---------------------------------------------------------

    def start_recipients(self, line: SourceLine) -> None:
        self.data["recipients"] = {"heading": line.text, "lines": []}
        self.place(("recipients",), line)
        self.place(("recipients", "heading"), line)
        self.note(line, "recipients")
        self.mode = "recipients"

    def add_recipient(self, line: SourceLine) -> None:
        lines = self.data["recipients"]["lines"]
        lines.append(line.text)
        self.place(("recipients", "lines", len(lines) - 1), line)
        self.extend_span(("recipients",), line)
        self.note(line, "recipient")

    def looks_like_signature(self, line: SourceLine, strict: bool = False) -> bool:
        """An authority line (KT. GIÁM ĐỐC), or, unless ``strict``, a signer's title."""
        authority = parsing.parse_authority(line.text)
        if authority.prefix and is_upper(authority.signs_for):
            return True
        return not strict and is_signer_title(line.text)

    def signature_line(self, line: SourceLine) -> bool:
        """Authority line, title line, name; True when ``line`` was one of them."""
        if self.mode == "recipients" and not self.looks_like_signature(line):
            return False
        signature = self.data.get("signature", {})
        part = self.signature_part(line.text, signature)
        if part is None:
            return False
        if "signature" not in self.data:
            self.data["signature"] = signature
            self.place(("signature",), line)
        deputy = _SIGNS_FOR_WITH_TITLE.match(line.text) if part == "authority" else None
        if deputy:  # "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC": the line break between the two was lost in conversion
            signature["authority"], signature["title"] = deputy["authority"], deputy["title"]
            self.place(("signature", "authority"), line)
            self.place(("signature", "title"), SourceLine(deputy["title"], line.line, line.column + deputy.start("title")))
        elif part != "signed":
            signature[part] = line.text
            self.place(("signature", part), line)
        self.note(line, f"signature.{part}")
        self.mode = "tail" if "name" in signature else "signature"
        return True

    @staticmethod
    def signature_part(text: str, signature: dict) -> str | None:
        authority = parsing.parse_authority(text)
        if _SIGNED.match(text.strip()):
            return "signed"
        if authority.prefix and is_upper(authority.signs_for) and not signature.keys() & {"authority", "title"}:
            return "authority"
        if authority.prefix and is_upper(authority.signs_for) and not signature.keys() & {"second_authority", "title"}:
            return "second_authority"
        if is_signer_title(text) and not signature.keys() & {"title", "name"}:
            return "title"
        if signature and "name" not in signature and is_person_name(text):
            return "name"
        return None

    # appendices ------------------------------------------------------------------------

    def start_appendix(self, line: SourceLine) -> None:
        appendices = self.data.setdefault("appendices", [])
        appendices.append({"label": line.text})
        path = ("appendices", len(appendices) - 1)
        self.place(path, line)
        self.place(path + ("label",), line)
        self.note(line, "appendix")
        self.mode = "appendix-title"
        self.last = None

    def appendix_line(self, line: SourceLine) -> None:
        appendix = self.data["appendices"][-1]
        path = ("appendices", len(self.data["appendices"]) - 1)
        text = line.text
        reference = appendix.get("reference")
        if reference is not None and reference.count("(") > reference.count(")"):
            appendix["reference"] = f"{reference} {text}"
            self.extend_span(path + ("reference",), line)
            self.note(line, "appendix.reference")
        elif ascii_fold(text).lstrip("(").startswith("kem theo") and reference is None:
            appendix["reference"] = text
            self.place(path + ("reference",), line)
            self.note(line, "appendix.reference")
            self.mode = "appendix"
        elif self.mode == "appendix-title" and "title" in appendix:
            appendix["title"] = f"{appendix['title']} {text}"
            self.extend_span(path + ("title",), line)
            self.note(line, "appendix.title")
        elif self.mode == "appendix-title":
            appendix["title"] = text
            self.place(path + ("title",), line)
            self.note(line, "appendix.title")
        else:
            self.mode = "appendix"
            paragraphs = appendix.setdefault("paragraphs", [])
            self.add_text(path + ("paragraphs",), paragraphs, line, "appendix.paragraph")

    # tables --------------------------------------------------------------------------------

    def table_row(self, line: SourceLine) -> None:
        container, base = self.table_container()
        tables = container.setdefault("tables", [])
        if not tables or self.last_table_index != self.i - 2:  # the line before was no row of it
            tables.append({"rows": []})
            self.place(base + ("tables", len(tables) - 1), line)
        table = tables[-1]
        table["rows"].append([cell or None for cell in line.row])
        self.place(base + ("tables", len(tables) - 1, "rows", len(table["rows"]) - 1), line)
        self.last_table_index = self.i - 1
        self.note(line, "table")
        if self.mode == "appendix-title":
            self.mode = "appendix"
        self.last = None

    def table_container(self) -> tuple[dict, tuple]:
        if self.mode.startswith("appendix"):
            return self.data["appendices"][-1], ("appendices", len(self.data["appendices"]) - 1)
        if self.stack:
            return self.stack[-1][2], self.stack[-1][1]
        appendices = self.data.setdefault("appendices", [])
        if not appendices:
            appendices.append({})
        self.mode = "appendix"
        return appendices[-1], ("appendices", len(appendices) - 1)

    def unclassified(self, line: SourceLine) -> None:
        self.add_text(("unclassified",), self.data.setdefault("unclassified", []), line, "unclassified")


def _linearize_layout_tables(lines: list[SourceLine]) -> list[SourceLine]:
    """Turn two-column layout tables (header, signature block) into lines.

    Documents lay the header (issuer | Quốc hiệu) and the foot (Nơi nhận |
    signature) out as borderless tables; read column by column they become
    the lines a single-column document would have. Data tables stay tables.
    """
    out: list[SourceLine] = []
    group: list[SourceLine] = []

    def flush():
        if group and _is_layout(group):
            columns = max(len(row.row) for row in group if row.row is not None)
            for col in range(columns):
                for row in group:
                    if row.row and col < len(row.row) and row.row[col]:
                        cell = row.row[col]
                        if row.places and row.places[col]:
                            line, column = row.places[col]
                        else:
                            line, column = row.line, (row.cell[2] if row.cell else row.column) + _cell_offset(row, col)
                        out.append(SourceLine(cell, line, column, heading=False,
                                              cell=(row.cell[0], row.cell[1], col) if row.cell else None))
                out.append(SourceLine("", group[-1].line, 1))
        else:
            out.extend(group)
        group.clear()

    for line in lines:
        if line.row is not None or line.separator:
            group.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def _cell_offset(row: SourceLine, col: int) -> int:
    return 0 if col == 0 else sum(len(c) + 3 for c in row.row[:col])


def _is_layout(group: list[SourceLine]) -> bool:
    return is_layout_table(cell for row in group for cell in (row.row or ()))


def is_layout_table(cells) -> bool:
    """Whether a table lays out the header or the foot rather than holding data."""
    for cell in cells:
        if cell and (is_national_name(cell) or is_motto(cell) or is_party_header(cell) or _NUMBER_LINE.match(cell)
                     or _PLACE_DATE.match(cell) or is_recipients_heading(cell)
                     or parsing.parse_authority(cell).prefix):
            return True
    return False


def classify(lines: list[SourceLine], source_lines: list[str]) -> Classified:
    return Classifier(lines, source_lines).run()


def explain_table(classified: Classified, unit: str = "line") -> str:
    """The classification of every line, for ``dvlint import --explain``."""
    rows = []
    for line, category in classified.explain:
        if category == "blank":
            continue
        where = f"{line.line}:{line.column}" if unit == "line" else f"¶{line.line}"
        if line.cell:
            where += f" (table {line.cell[0]}, row {line.cell[1]}, cell {line.cell[2] + 1})"
        rows.append(f"{where:<12} {category:<24} {line.text[:90]}")
    return "\n".join(rows) + "\n"


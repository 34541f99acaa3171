"""The report model: one administrative document, as written.

This pydantic model is the single source of truth for the report format: the
YAML a writer types, the JSON Schema for editors (``dvlint schema``) and the
validation errors are all derived from it. It keeps every part *as written*
(the number line, the date line, the signature lines) because the rules judge
the writing; the parsed pieces are properties computed from it.

Every model object knows its own path in the report (``report.signature.path``
is ``"signature"``), so a rule can point a finding at the object it judged.
"""

from __future__ import annotations

import bisect
import functools
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, field_validator, model_validator

from dvlint.knowledge import data
from dvlint.model import parsing
from dvlint.source.positions import format_path
from dvlint.source.validation import custom_error, empty_list

Scalar = str | int | float | bool | None


class Node(BaseModel):
    """Base of every part: unknown keys are errors, and it knows its path."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, defer_build=True)
    # Set by _bind. Read through __pydantic_private__: ``self._path_text`` would first fail the
    # ordinary lookup and reach pydantic's __getattr__, 2.5 us a read, and rules ask for paths often.
    _path_text: str = PrivateAttr(default="")

    @property
    def path(self) -> str:
        """Where this part is in the report: ``"sections[2].children[0]"``."""
        return self.__pydantic_private__["_path_text"]

    def field_path(self, name: str) -> str:
        """Where one of this part's fields is: ``"sections[2].heading"``."""
        base = self.__pydantic_private__["_path_text"]
        return f"{base}.{name}" if base else name


def _shorthand(value: Any, key: str) -> Any:
    """Let a writer type ``issuer: SỞ NỘI VỤ`` for ``issuer: {name: SỞ NỘI VỤ}``."""
    return {key: value} if isinstance(value, (str, int, float, bool)) else value


class Shorthand(Node):
    """A part that may also be written as a single scalar (see ``_shorthand``).

    The JSON Schema says so too, so that an editor accepts what dvlint accepts.
    """

    _scalar_schema: ClassVar[list[dict]] = [{"type": "string"}]

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        full = handler.resolve_ref_schema(handler(core_schema))
        return {"anyOf": [*cls._scalar_schema, full], "title": full.get("title", cls.__name__),
                "description": full.get("description", "")}


class Issuer(Shorthand):
    """The issuing body (tên cơ quan ban hành) and the body above it."""

    name: str | None = Field(None, description="Issuing body as written, e.g. SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    parent: str | None = Field(None, description="Parent body as written, e.g. UBND TỈNH ĐỒNG THÁP")
    abbreviation: str | None = Field(None, description="The issuer's code used in the symbol, e.g. SKHCN")

    @model_validator(mode="before")
    @classmethod
    def _name_only(cls, value: Any) -> Any:
        return _shorthand(value, "name")


class Header(Node):
    """The header lines opposite the issuer, when the report records them."""

    national_name: str | None = Field(None, description="Quốc hiệu: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto: str | None = Field(None, description="Tiêu ngữ: Độc lập - Tự do - Hạnh phúc")
    party_name: str | None = Field(None, description="ĐẢNG CỘNG SẢN VIỆT NAM (Party documents)")


class Period(Shorthand):
    """The reporting period: written as text, or given by its parts."""

    text: str | None = Field(None, description="As written, e.g. '9 tháng đầu năm 2024'")
    kind: Literal["month", "quarter", "half_year", "nine_months", "year", "multi_year"] | None = None
    year: int | None = Field(None, ge=1945, le=2200)
    quarter: int | None = Field(None, ge=1, le=4)
    month: int | None = Field(None, ge=1, le=12)
    start_year: int | None = Field(None, ge=1945, le=2200)
    end_year: int | None = Field(None, ge=1945, le=2200)

    @model_validator(mode="before")
    @classmethod
    def _text_only(cls, value: Any) -> Any:
        return _shorthand(value, "text")

    def parsed(self) -> parsing.ParsedPeriod | None:
        """The period from its parts, or read from its text."""
        if self.kind:
            return parsing.ParsedPeriod(
                self.kind, self.year, self.quarter, self.month, self.start_year, self.end_year
            )
        return parsing.parse_period(self.text) if self.text else None


class Document(Node):
    """What identifies the document: header, number, place and date, title."""

    kind: str = Field(description="Tên loại văn bản as written: BÁO CÁO, KẾ HOẠCH, ... (ND 30 list)")
    format: Literal["state", "party"] | None = Field(
        None, description="state (Nghị định 30) or party (Quy định 66/399); detected when omitted"
    )
    issuer: Issuer | None = None
    header: Header | None = None
    number: str | None = Field(None, description="Số, ký hiệu as written, e.g. 'Số: 85/BC-SKHCN'")
    place: str | None = Field(None, description="Địa danh as written, e.g. 'Đồng Tháp'")
    date: str | None = Field(None, description="Ngày ban hành as written, e.g. 'ngày 05 tháng 3 năm 2020'")
    title: str | None = Field(None, description="Trích yếu (summary line) as written")
    period: Period | None = Field(None, description="Reporting period; read from the title when omitted")
    addressees: list[str] = Field(default_factory=empty_list, description="Kính gửi: the addressees as written")

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        types = data.document_types()
        if types.find(value) is None:
            import difflib

            names = [t.name for t in types.types]
            close = difflib.get_close_matches(data.fold(value), names, n=1, cutoff=0.6)
            hint_vi = f"; có phải ý bạn là '{close[0]}'?" if close else ""
            hint_en = f"; did you mean '{close[0]}'?" if close else ""
            raise custom_error(
                f"'{value}' không phải tên loại văn bản theo Nghị định 30{hint_vi}",
                f"'{value}' is not a document type of Nghị định 30{hint_en}",
            )
        return value

    @field_validator("date", "number", "place", "title", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        # A YAML date (2023-02-16) or a bare number stays text: it is kept as written.
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @property
    def type_info(self) -> data.DocumentType:
        return data.document_types().find(self.kind)  # validated: never None

    @property
    def follows_decree_form(self) -> bool:
        """Whether Chương II of Nghị định 30 sets this document's form: not for a type outside its list
        (a phiếu trình), nor for a document whose symbol marks a form of its own ("89/VBHN-BQP",
        "1655/NQ-UBTVQH15"; rules/data/document_types.yaml, own_form_codes)."""
        return self.type_info.in_decree and data.document_types().own_form(self.parsed_number) is None

    @property
    def is_draft(self) -> bool:
        """Whether the document is a draft awaiting signature: its number or its date left blank to
        fill in at signing ("Số:      /QĐ-UBND", "ngày   tháng 3 năm 2025")."""
        number, date = self.parsed_number, self.parsed_date
        return bool((number is not None and number.is_blank)
                    or (date is not None and date.recognised and date.blank_parts))

    @functools.cached_property
    def parsed_number(self) -> parsing.DocNumber | None:
        return parsing.parse_number(self.number) if self.number is not None else None

    @functools.cached_property
    def parsed_date(self) -> parsing.PartialDate | None:
        return parsing.parse_date(self.date) if self.date is not None else None

    @property
    def issue_date(self):
        """The issue date as a ``datetime.date``, when complete and real."""
        return self.parsed_date.to_date() if self.parsed_date else None

    @property
    def latest_issue_date(self):
        """The last day the issue date can be: exact when complete, else the end of
        the month or year a draft's date gives ("ngày tháng 02 năm 2023" -> 28/02/2023)."""
        return self._issue_date_bound(last=True)

    @property
    def earliest_issue_date(self):
        """The first day the issue date can be: exact when complete, else the start of
        the month or year a draft's date gives ("ngày tháng năm 2025" -> 01/01/2025)."""
        return self._issue_date_bound(last=False)

    def _issue_date_bound(self, last: bool):
        import calendar
        import datetime as dt

        parsed = self.parsed_date
        if parsed is None or parsed.year is None:
            return None
        exact = parsed.to_date()
        if exact is not None:
            return exact
        month = parsed.month if parsed.month and 1 <= parsed.month <= 12 else (12 if last else 1)
        try:
            return dt.date(parsed.year, month, calendar.monthrange(parsed.year, month)[1] if last else 1)
        except ValueError:
            return None

    def reporting_period(self) -> parsing.ParsedPeriod | None:
        if self.period is not None:
            return self.period.parsed()
        return parsing.parse_period(self.title) if self.title else None


class Table(Node):
    """A table: header cells and rows of cells, as written."""

    caption: str | None = None
    header: list[Scalar] = Field(default_factory=empty_list)
    rows: list[list[Scalar]] = Field(default_factory=empty_list)


class Section(Node):
    """A numbered part of the body: its label as written, heading, content."""

    label: str | None = Field(None, description="Numbering as written: 'I.', '2.1.', 'a)', '3-'")
    heading: str | None = None
    paragraphs: list[str] = Field(default_factory=empty_list)
    tables: list[Table] = Field(default_factory=empty_list)
    children: list[Section] = Field(default_factory=empty_list)

    def walk(self):
        """This section and all below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


class Indicator(Shorthand):
    """A named figure the template asks for (số liệu, chỉ tiêu)."""

    _scalar_schema: ClassVar[list[dict]] = [{"type": ["string", "number", "boolean", "null"]}]

    value: Scalar = None
    unit: str | None = None
    label: str | None = Field(None, description="The figure's name as the report words it")
    source: str | None = Field(None, description="The sentence or table cell it was read from")

    @model_validator(mode="before")
    @classmethod
    def _value_only(cls, value: Any) -> Any:
        return value if isinstance(value, dict) else {"value": value}


class Appendix(Node):
    """Phụ lục: repeats the document's number and date, holds tables."""

    label: str | None = Field(None, description="e.g. 'Phụ lục I'")
    title: str | None = None
    reference: str | None = Field(None, description="'Kèm theo Báo cáo số ... ngày ...' as written")
    paragraphs: list[str] = Field(default_factory=empty_list)
    tables: list[Table] = Field(default_factory=empty_list)


class Signature(Node):
    """Signature block: authority line, the signer's title, the name.

    ``KT. GIÁM ĐỐC`` / ``PHÓ GIÁM ĐỐC`` / ``Huỳnh Văn Quân`` is written as
    ``authority: KT. GIÁM ĐỐC``, ``title: PHÓ GIÁM ĐỐC``, ``name: ...``.
    When the head signs, there is no authority line: ``title: GIÁM ĐỐC``.
    """

    authority: str | None = Field(None, description="Authority prefix and the line it signs for: 'KT. GIÁM ĐỐC'")
    second_authority: str | None = Field(
        None, description="A second authority line: 'TM. ỦY BAN NHÂN DÂN' / 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH'")
    title: str | None = Field(None, description="The signer's own title: 'PHÓ GIÁM ĐỐC'")
    name: str | None = None

    @functools.cached_property
    def parsed_authority(self) -> parsing.AuthorityLine | None:
        return parsing.parse_authority(self.authority) if self.authority else None

    def authority_lines(self) -> list[tuple[str, parsing.AuthorityLine]]:
        """(field name, parsed line) of each authority line written."""
        return [(name, parsing.parse_authority(text))
                for name, text in (("authority", self.authority), ("second_authority", self.second_authority)) if text]


class Recipients(Node):
    """Nơi nhận: the heading and the lines, as written."""

    heading: str | None = Field(None, description="As written: 'Nơi nhận:'")
    lines: list[str] = Field(default_factory=empty_list, description="Each line as written: '- Sở Nội vụ;'")


class Footnote(Node):
    label: str
    text: str

    @field_validator("label", mode="before")
    @classmethod
    def _label_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


class Report(Node):
    """One document: its identification, body, figures, signature and recipients."""

    model_config = ConfigDict(extra="forbid", title="dvlint report")

    document: Document
    opening: list[str] = Field(default_factory=empty_list, description="Paragraphs before the first section (căn cứ ...)")
    sections: list[Section] = Field(default_factory=empty_list)
    closing: list[str] = Field(default_factory=empty_list, description="Paragraphs after the last section ('Trên đây ... ./.')")
    indicators: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Indicator] = Field(
        default_factory=dict, description="Named figures; keys in lower case with '_' (procedures_received)")
    appendices: list[Appendix] = Field(default_factory=empty_list)
    signature: Signature | None = None
    recipients: Recipients | None = None
    footnotes: list[Footnote] = Field(default_factory=empty_list)
    unclassified: list[str] = Field(
        default_factory=empty_list, description="Text an importer could not place, kept so that nothing is lost")

    def all_sections(self):
        for section in self.sections:
            yield from section.walk()

    def body_texts(self) -> list[tuple[str, str]]:
        """(path, text) of the running text: opening, headings, paragraphs, closing."""
        return self._body_texts

    @functools.cached_property
    def _body_texts(self) -> list[tuple[str, str]]:
        return list(self._walk_body_texts())

    def _walk_body_texts(self):
        yield from _numbered("opening", self.opening)
        for section in self.all_sections():
            if section.heading:
                yield section.field_path("heading"), section.heading
            yield from _numbered(section.field_path("paragraphs"), section.paragraphs)
        yield from _numbered("closing", self.closing)

    def texts(self) -> list[tuple[str, str]]:
        """(path, text) of every piece of text in the report, in reading order.

        Made once per report: several rules read all of it.
        """
        return self._texts

    @functools.cached_property
    def _texts(self) -> list[tuple[str, str]]:
        return list(self._walk_texts())

    @functools.cached_property
    def joined_text(self) -> str:
        """All the report's text in one string, for a quick search before a closer look."""
        return "\n".join(text for _, text in self._texts)

    @functools.cached_property
    def _text_starts(self) -> list[int]:
        starts, position = [], 0
        for _, text in self._texts:
            starts.append(position)
            position += len(text) + 1
        return starts

    @functools.cached_property
    def citations(self) -> list[tuple[str, object]]:
        """(path, Citation) of every document the report cites, in reading order.

        In a table row ("Kế hoạch số 153/KH-SKHCN ..." | "29/3/2020" | ...) a
        citation without a date of its own takes the date standing alone in
        another cell of its row.
        """
        import dataclasses

        from dvlint.model.extract import find_citations, whole_date

        row_dates = {}
        for path, text in self._texts:
            if ".rows[" in path and len(text) <= _LONGEST_DATE_CELL:
                date = whole_date(text)
                if date is not None:
                    row_dates.setdefault(path.rsplit("[", 1)[0], date)
        out = []
        for path, text in self._texts:
            for cite in find_citations(text):
                if cite.date is None and ".rows[" in path:
                    cite = dataclasses.replace(cite, date=row_dates.get(path.rsplit("[", 1)[0]))
                out.append((path, cite))
        return out

    def search_all(self, pattern):
        """(path, match) for each match of ``pattern`` in any of the report's texts.

        One regular-expression pass over the joined text instead of one per
        field; a pattern must not match across a line break to stay in a field.
        """
        for match in pattern.finditer(self.joined_text):
            yield self.path_at(match.start()), match

    def search_at(self, pattern, starts):
        """What ``search_all(pattern)`` yields, when a match of ``pattern`` can begin at no offset of
        ``joined_text`` but ``starts`` (ascending): ``pattern`` is tried at those offsets alone, as
        ``finditer`` would try it there (from the end of the previous match on), so that a scan which
        would stop at every digit in the engine stops only at the few places a rarer character marks."""
        text, resume, tried = self.joined_text, 0, -1
        for start in starts:
            if start < resume or start == tried:
                continue
            tried = start
            match = pattern.match(text, start)
            if match:
                yield self.path_at(start), match
                resume = match.end()

    @functools.cached_property
    def numbers_before_slash(self) -> list[int]:
        """Where, in ``joined_text``, each number that a '/' follows (spaces between allowed) begins,
        in order: the only places a slashed date ("5/3/2020", "05 / 3 / 2020") or a fraction ("15/16")
        can open, found by ``str.find`` in C where a pattern opening with a digit is tried at each one."""
        text, starts = self.joined_text, []
        slash = text.find("/")
        while slash != -1:
            end = slash
            while end and text[end - 1].isspace():  # the \s of the patterns: str.isspace, one definition
                end -= 1
            start = end
            while start and text[start - 1].isdecimal():  # and their \d: str.isdecimal
                start -= 1
            if start < end:
                starts.append(start)
            slash = text.find("/", slash + 1)
        return starts

    def path_at(self, offset: int) -> str:
        """The path of the text that holds ``offset`` of ``joined_text``."""
        return self._texts[bisect.bisect_right(self._text_starts, offset) - 1][0]

    def _walk_texts(self):
        doc = self.document
        for name in ("number", "place", "date", "title"):
            if getattr(doc, name):
                yield doc.field_path(name), getattr(doc, name)
        yield from _numbered("document.addressees", doc.addressees)
        yield from self._body_texts
        for section in self.all_sections():
            yield from _table_texts(section)
        for note in self.footnotes:
            yield note.field_path("text"), note.text
        for appendix in self.appendices:
            for name in ("title", "reference"):
                if getattr(appendix, name):
                    yield appendix.field_path(name), getattr(appendix, name)
            yield from _numbered(appendix.field_path("paragraphs"), appendix.paragraphs)
            yield from _table_texts(appendix)
        if self.signature:
            for name in ("authority", "second_authority", "title", "name"):
                if getattr(self.signature, name):
                    yield self.signature.field_path(name), getattr(self.signature, name)
        if self.recipients:
            yield from _numbered("recipients.lines", self.recipients.lines)

    def bind_paths(self) -> "Report":
        """Tell every part of the report its path (done once after loading)."""
        _bind(self, ())
        return self


# A cell holding one date and nothing else is never longer than this
# ("ngày 12 tháng 12 năm 2020" is 25 characters): longer cells are not read for one.
_LONGEST_DATE_CELL = 60


def _numbered(base: str, texts: list[str]):
    return ((f"{base}[{i}]", text) for i, text in enumerate(texts))


def _table_texts(holder):
    for t, table in enumerate(holder.tables):
        base = holder.field_path("tables") + f"[{t}]"
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if isinstance(cell, str) and cell:
                    yield f"{base}.rows[{r}][{c}]", cell


def _bind(node: Node, path: tuple) -> None:
    """Tell ``node`` and every Node below it (not plain text) its path."""
    node.__pydantic_private__["_path_text"] = format_path(path)
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, Node):
            _bind(value, path + (name,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Node):
                    _bind(item, path + (name, i))
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, Node):
                    _bind(item, path + (name, key))


def json_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema

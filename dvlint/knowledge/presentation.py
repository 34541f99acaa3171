"""The presentation values (thể thức trình bày) a .docx is checked against: rules/data/presentation.yaml.

One set per format (state: Nghị định 30/2020, Phụ lục I; Party: Hướng dẫn
36-HD/VPTW, then the guidance replacing it). A set applies to documents dated
from the day it starts; a Party set that starts when the older guidance is
replaced takes that day from superseded.yaml, so the cut-over is written once.
Values marked ``verified: false`` (a whole set, or one element) never make an
error or a warning, only an info.
"""

from __future__ import annotations

import datetime as dt
import functools

from pydantic import Field

from dvlint.knowledge import data
from dvlint.source.datafile import DataModel, builtin_data_dir
from dvlint.source.validation import empty_list

Range = tuple[float, float]


class Name(DataModel):
    vi: str
    en: str


class Element(DataModel):
    """How one element of the document must look."""

    field: str
    name: Name
    section: str
    size: Range | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    underline: bool | None = None
    align: list[str] | None = None
    rule_under: str | None = Field(None, pattern="^(full|third_to_half)$")
    level: int | None = Field(None, ge=1, le=9)
    starts_with: list[str] | None = None  # only the values beginning so (a căn cứ among the opening's paragraphs)
    kinds: list[str] | None = None  # only in documents of these types (as document.kind names them)
    unless_subject: bool = False  # a công văn's trích yếu (V/v ...) is the element `subject` instead
    only_subject: bool = False
    verified: bool | None = None  # None: as its set


class Page(DataModel):
    section: str
    width: float
    height: float
    tolerance: float = 1.0
    landscape: str = Field("tables", pattern="^(tables|never|always)$")
    margins: dict[str, Range]
    margin_tolerance: float = 0.5


class Font(DataModel):
    section: str
    names: list[str]
    colors: list[str]


class PageNumbers(DataModel):
    section: str
    size: Range
    where: str = Field(pattern="^(header|footer)$")
    align: list[str]
    first_page: str = Field(pattern="^(hidden|shown|any)$")


class Body(DataModel):
    section: str
    size: Range
    align: list[str]
    first_line_indent: list[float]
    indent_tolerance: float = 0.5
    space_between: float
    line_spacing: Range
    not_starting: list[str] = Field(default_factory=empty_list)  # opening paragraphs that are no running text (căn cứ)


class ValueSet(DataModel):
    """The values for one format, as written in the file (``same_as`` not yet filled in)."""

    source: str
    guidance: str
    format: str | None = None  # the format it is for, when the key is not the format's name
    valid_from: dt.date | None = None
    starts_when_replaced: str | None = None  # the symbol of the guidance it replaces (superseded.yaml)
    same_as: str | None = None  # the set whose values it takes
    verified: bool = True
    page: Page | None = None
    font: Font | None = None
    page_numbers: PageNumbers | None = None
    body: Body | None = None
    elements: dict[str, Element] = Field(default_factory=dict)


class Presentation(DataModel):
    formats: dict[str, ValueSet]

    def filled(self, key: str) -> ValueSet:
        """The set named ``key`` with what it takes from its ``same_as`` set."""
        own = self.formats[key]
        if not own.same_as:
            return own
        base = self.filled(own.same_as)
        taken = {name: getattr(base, name) for name in ("page", "font", "page_numbers", "body", "elements")
                 if getattr(own, name) in (None, {})}
        return own.model_copy(update=taken)

    def starts(self, key: str) -> dt.date:
        own = self.formats[key]
        if own.starts_when_replaced:
            replaced = [d.replaced_on for d in data.superseded().documents if d.symbol == own.starts_when_replaced]
            if replaced:
                return replaced[0]
        return own.valid_from or dt.date.min

    def for_document(self, doc_format: str, day: dt.date | None) -> ValueSet | None:
        """The set for a document of ``doc_format`` dated ``day`` (undated: the newest set)."""
        keys = [key for key, value in self.formats.items() if (value.format or key) == doc_format]
        keys.sort(key=self.starts)
        current = [key for key in keys if day is None or self.starts(key) <= day]
        chosen = current[-1] if current else (keys[0] if keys else None)
        return self.filled(chosen) if chosen else None


@functools.cache
def presentation() -> Presentation:
    presentation = data.load_model_file(builtin_data_dir() / "presentation.yaml", Presentation)
    for key, value in presentation.formats.items():
        if value.same_as and value.same_as not in presentation.formats:
            raise ValueError(f"presentation.yaml: {key}: same_as names no set: {value.same_as}")
    return presentation


def values_for(report) -> ValueSet | None:
    """The value set for a report: by its format (state or Party) and its issue date; None for a text with
    a form of its own (a phiếu trình), which these values do not judge."""
    from dvlint.knowledge.formats import evidence

    if not report.document.follows_decree_form:
        return None
    return presentation().for_document(evidence(report).format, report.document.issue_date)

"""The looks of a .docx, as plain values: what the DV8xx rules read and --fix changes.

Lengths are in millimetres, font sizes and spacing in points; a value Word would
take from nowhere (no setting anywhere in the chain) is ``None``, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RunLook:
    """One run of text as Word shows it."""

    text: str
    font: str | None  # the font of the slot that shows this text (w:ascii / w:hAnsi for Vietnamese letters), theme resolved
    size: float | None  # points (w:sz is in half-points)
    bold: bool
    italic: bool
    caps: bool  # w:caps: shown in capitals whatever was typed
    underline: bool
    color: str | None  # "000000", "auto" or another hex value


@dataclass(frozen=True)
class ParagraphLook:
    """One paragraph (in the body or a table cell) as Word lays it out."""

    element: object  # the w:p element: --fix changes it
    text: str
    runs: tuple[RunLook, ...]
    alignment: str | None  # "left", "center", "right", "both" (justified), "distribute"; None when nothing sets it (left)
    first_line_indent: float | None  # mm; negative for a hanging indent
    space_before: float | None  # points
    space_after: float | None  # points
    line_spacing: tuple[str, float] | None  # ("auto", lines) | ("exact", points) | ("atLeast", points)
    bottom_border: bool  # a border drawn under the paragraph (w:pBdr/w:bottom)
    style_id: str | None
    in_table: bool


@dataclass(frozen=True)
class PageNumbers:
    """Where the page numbers are: a PAGE field in a header or footer."""

    where: str  # "header" or "footer"
    alignment: str | None
    size: float | None
    first_page_shown: bool  # False when the section has a distinct first page (w:titlePg) without a number on it
    # For --fix, not compared (two looks alike are equal whatever XML they were read from):
    paragraph: object = field(default=None, compare=False)  # the w:p holding the PAGE field: --fix changes it
    runs: tuple = field(default=(), compare=False)  # the w:r elements showing the number: --fix changes them
    title_page: bool = field(default=False, compare=False)  # the section has a distinct first page (w:titlePg)


@dataclass(frozen=True)
class PageLook:
    """One section's page setup."""

    index: int  # 1-based, in document order
    width: float | None  # mm
    height: float | None
    landscape: bool
    top: float | None  # margins, mm
    bottom: float | None
    left: float | None
    right: float | None
    page_numbers: PageNumbers | None
    first_paragraph: int | None = None  # the paragraph number the section starts at, when known
    has_table: bool = False  # whether the section holds a table (landscape is allowed for tables)
    element: object = field(default=None, compare=False)  # the w:sectPr (None when the file has none): --fix changes it


@dataclass(frozen=True)
class RuleLine:
    """A line drawn under a line of text: a drawn shape, a paragraph border, or underscores typed."""

    kind: str  # "shape", "border" or "underscores"
    length: float | None  # mm; None when it cannot be measured


@dataclass
class Layout:
    """Everything the DV8xx rules look at, by the importer's paragraph number."""

    paragraphs: dict[int, list[ParagraphLook]] = field(default_factory=dict)  # a data table's row has several
    pages: list[PageLook] = field(default_factory=list)
    lines_under: dict[int, list[RuleLine]] = field(default_factory=dict)  # paragraph number -> rules under it
    text_width: float | None = None  # mm: page width less the side margins of the first section

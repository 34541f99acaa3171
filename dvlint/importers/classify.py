"""Deciding what each line of an imported document is.

A Vietnamese administrative document has a fixed anatomy (Nghị định
30/2020/NĐ-CP, Phụ lục I; DOMAIN.md section 2): header (issuer, Quốc hiệu,
number, place and date), type name and summary, Kính gửi, the numbered body,
the closing, Nơi nhận, the signature, then appendices. The classifier walks
the located lines of a document through that anatomy and builds the report
model's data, recording where each value came from and why each line was
classified as it was. What fits nowhere goes to ``unclassified``.

The walk is one Classifier; what it recognises is read by the part for it:
the header block (header.py), the body's outline (outline.py), the foot
block (foot.py); tables that lay out the header or the foot, in layout.py.

The recognisers are deliberately forgiving (a misspelt "Noi nhậm:" is still
the recipients heading): the rules, not the importer, judge the writing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dvlint.importers import ITEM_MARKS, SourceLine, ascii_fold, is_upper
from dvlint.importers.foot import FootReader, is_archive_line, is_recipients_heading
from dvlint.importers.header import HeaderReader
from dvlint.importers.layout import linearize_layout_tables
from dvlint.importers.outline import _FOOTNOTE, OutlineReader, TextRef, is_appendix_heading
from dvlint.source.positions import PositionMap, Span

_LOOK_FOR_ATTACHMENT = 40  # an attachment says what it goes with near its top
_ATTACHED = re.compile(r"^\s*\(?\s*(?:ban\s+hành\s+)?kèm\s+theo\b", re.IGNORECASE)
_ATTACHMENT_KINDS = (("dieu le", "điều lệ", "a charter"), ("quy che", "quy chế", "a regulation"),
                     ("quy dinh", "quy định", "a regulation"), ("danh sach", "danh sách", "a list"),
                     ("phu luc", "phụ lục", "an appendix"))


def _kind_of_attachment(lines) -> tuple[str, str]:
    for line in lines:
        folded = ascii_fold(line.text)
        for start, vi, en in _ATTACHMENT_KINDS:
            if folded.startswith(start):
                return vi, en
    return "văn bản", "a text"


@dataclass
class Classified:
    data: dict
    positions: PositionMap
    explain: list[tuple[SourceLine, str]] = field(default_factory=list)
    recognised: bool = True  # an administrative document was found (Classifier.is_a_document)
    instead: object | None = None  # when it was not: what the file seems to be (a Msg), or None
    instead_at: SourceLine | None = None  # the line that says so


def _end(line: SourceLine) -> tuple[int, int]:
    if line.end_line is not None:
        return line.end_line, line.end_column or 1
    return line.line, line.column + len(line.text)


class Classifier(HeaderReader, OutlineReader, FootReader):
    """Walks the lines through the anatomy of a document."""


    def __init__(self, lines: list[SourceLine], source_lines: list[str]):
        self.lines = linearize_layout_tables(lines)
        self.document: dict = {}
        self.data: dict = {"document": self.document}
        self.values: dict[tuple, Span] = {}
        self.explain: dict[int, tuple[SourceLine, str]] = {}
        self.source_lines = source_lines
        self.i = 0
        # body state
        self.stack: list[tuple[int, tuple, dict]] = []  # (rank, path, section)
        self.last: TextRef | None = None  # what a wrapped line would continue
        self.last_bold = False  # whether that text is wholly bold
        self.mode = "body"  # body, closing, footnote, recipients, signature, tail, appendix-title, appendix
        self.mode_before_footnote = "body"
        self.last_table_index = -2
        self.recipients_dashed = True  # FootReader: every recipient line so far starts with an item mark

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
        recognised = self.is_a_document()
        if "kind" not in self.document:
            self.document["kind"] = "báo cáo"  # not found: the rules will judge the rest
        for line in self.lines:
            if id(line) not in self.explain:
                self.note(line, "blank" if line.blank else "unclassified")
        explain = sorted(self.explain.values(), key=lambda item: (item[0].line, item[0].column))
        positions = PositionMap(values=dict(self.values), keys=dict(self.values), lines=self.source_lines)
        instead = (None, None) if recognised else self.what_instead()
        return Classified(self.data, positions, explain, recognised, *instead)

    def is_a_document(self) -> bool:
        """Whether what was read is an administrative document: a number line, or a type name with an
        issue date or a signature, or an issue date with a signature. A charter or a list issued with a
        decision, or a filled-in form, has none of those pairs (its header may be a document's)."""
        document, signature = self.document, self.data.get("signature") or {}
        signed = bool(signature.keys() & {"authority", "title", "name"})
        if not signed and "kind" not in document and self.attachment_line() is not None:
            return False  # a charter or appendix filed alone, under a copied "Số:" line or an e-office stamp
        return "number" in document or ("kind" in document and ("date" in document or signed)) or (
            "date" in document and signed)

    def attachment_line(self) -> SourceLine | None:
        """The line near the top that says what this text is issued with ("(Kèm theo Quyết định số ...)")."""
        return next((line for line in self.lines[:_LOOK_FOR_ATTACHMENT] if _ATTACHED.match(line.text)), None)

    def what_instead(self) -> tuple:
        """(why the file is not a document, the line that says it), in the words a commission reads:
        an attachment issued with a decision ("(Kèm theo Quyết định số ...)"), or a heading with no
        number nor signature; (None, None) when nothing says."""
        from dvlint.source import errors

        line = self.attachment_line()
        if line is not None:
            kind = _kind_of_attachment(self.lines[:_LOOK_FOR_ATTACHMENT])
            return errors.NOT_A_DOCUMENT_ATTACHED.format(what=kind[0], what_en=kind[1],
                                                         reference=line.text.strip(" ()")[:80]), line
        heading = next((line for line in self.lines[:_LOOK_FOR_ATTACHMENT]
                        if line.heading and is_upper(line.text) and not line.blank and len(line.text) < 120
                        and id(line) in self.explain and self.explain[id(line)][1] in ("issuer", "opening", "heading")),
                       None)
        if heading is None:
            return None, None
        return errors.NOT_A_DOCUMENT_UNNUMBERED.format(heading=heading.text), heading

    def peek(self) -> SourceLine | None:
        return self.lines[self.i] if self.i < len(self.lines) else None

    def next_nonblank(self) -> SourceLine | None:
        while self.i < len(self.lines) and self.lines[self.i].blank:
            self.note(self.lines[self.i], "blank")
            self.i += 1
        return self.peek()

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
        if line.signature_box and self.signature_line(line):
            return
        footnote = _FOOTNOTE.match(text)
        if footnote and self.mode != "recipients":
            self.add_footnote(line, footnote)
            return
        if self.mode == "footnote" and after_blank:
            self.mode = self.mode_before_footnote
        if is_recipients_heading(text) and "recipients" not in self.data:
            self.start_recipients(line)
            return
        if is_appendix_heading(line) and self.mode != "appendix-title":
            self.start_appendix(line)
            return
        if text.lstrip().startswith(ITEM_MARKS) and (self.mode == "recipients" or self.recipients_go_on_after_signature()):
            self.add_recipient(line)
            return
        if self.mode == "recipients" and self.recipient_goes_on(line):
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


    def recipients_go_on_after_signature(self) -> bool:
        """Whether a dashed line read after the signature is still Nơi nhận: where the foot's two
        columns were read in bands (a PDF's text broken at a blank line, an OCR'd page), the rest of
        the list, down to its archive line, comes after the signature. Once the archive line
        ('- Lưu: VT, ...') is read, the list has ended."""
        recipients = self.data.get("recipients")
        return (self.mode in ("signature", "tail") and bool(recipients) and bool(recipients["lines"])
                and not is_archive_line(recipients["lines"][-1]))


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

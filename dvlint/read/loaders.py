"""Report loaders: from a file to a validated, positioned report.

The YAML loader is built in; importers for .docx and Markdown plug in through
the ``dvlint_loaders`` hook with the same :class:`Loader` shape.
"""

from __future__ import annotations

import contextlib
import contextvars
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from dvlint.source import errors, files, yamlload
from dvlint.source.errors import LoadError
from dvlint.source.positions import PositionMap, format_path, parse_path, text_lines


@dataclass
class LoadedReport:
    """A report and where each of its values came from."""

    path: Path
    report: object  # dvlint.model.Report
    positions: PositionMap
    source_kind: str = "yaml"  # yaml, text, docx, pdf, ocr: a location counts lines (paragraphs in a docx)
    classified: object | None = None  # for imported documents: how each line was classified
    converted_from: str | None = None  # the legacy encoding the file was converted from (--convert-legacy)
    denormalized: dict = field(default_factory=dict)  # field path -> its text as written, where not NFC
    page_starts: list[int] = field(default_factory=list)  # a PDF's: the line where each page starts
    layout: object | None = None  # a .docx's look (dvlint.layout.Layout), or the exception reading it raised

    def locate(self, field: str | None, snippet: str | None = None) -> tuple[int, int]:
        if not field:
            return (1, 1)
        return self.positions.locate(parse_path(field), snippet)

    def paragraphs_of(self, field: str) -> range:
        """The paragraph numbers (lines) the value at ``field`` was read from, first to last (a name set on
        two lines spans two paragraphs); an empty range when it has no place of its own."""
        span = self.positions.values.get(tuple(parse_path(field)))
        return range(span.line, max(span.line, span.end_line) + 1) if span is not None else range(0)


@dataclass(frozen=True)
class Loader:
    """Reads files with the given suffixes into LoadedReports."""

    name: str
    suffixes: tuple[str, ...]
    load: Callable[[Path, object], LoadedReport]  # (path, settings) -> LoadedReport


def validate_report(raw: object, positions: PositionMap):
    """The report model from plain data, or a located LoadError."""
    from pydantic import ValidationError

    from dvlint.model.report import Report
    from dvlint.source.validation import to_load_error

    if not isinstance(raw, dict):
        span = positions.value_span(())
        raise LoadError("not-a-mapping", errors.NOT_A_MAPPING, span.line if span else 1, span.column if span else 1)
    try:
        return Report.model_validate(raw).bind_paths()
    except ValidationError as exc:
        raise to_load_error(exc, positions, Report) from None


def _imported(path: Path, classified, kind: str) -> LoadedReport:
    if not classified.recognised:
        at = classified.instead_at
        error = LoadError("not-a-document", classified.instead or errors.NOT_A_DOCUMENT,
                          at.line if at else None, at.column if at else None)
        error.classified = classified  # dvlint import --explain still shows how each line was read
        raise error
    report = validate_report(classified.data, classified.positions)
    return LoadedReport(path, report, classified.positions, kind, classified)


def load_yaml_report(path: Path, settings) -> LoadedReport:
    """Read, parse and validate a report written in dvlint's YAML format."""
    text, converted_from = files.read_source(path, settings)
    return yaml_report(path, text, converted_from, settings.max_file_size)


def yaml_report(path: Path, text: str, converted_from: str | None = None,
                max_file_size: int | None = None) -> LoadedReport:
    """The report in ``text``, its values in NFC (those written otherwise are kept aside for DV702)."""
    raw, positions = yamlload.load(text, max_file_size)
    denormalized: dict = {}
    if not unicodedata.is_normalized("NFC", text):
        raw = _nfc_values(raw, (), denormalized)
    return LoadedReport(path, validate_report(raw, positions), positions, "yaml", converted_from=converted_from,
                        denormalized=denormalized)


def _nfc_values(value, path: tuple, denormalized: dict):
    """``value`` with every string in NFC; the strings that were not go into ``denormalized`` by field path.

    Rules compare text (the national name, place names, citations): text in
    decomposed Unicode (from macOS or old converters) must compare equal to
    the same words precomposed. DV702 still reports it, with its fix.
    """
    if isinstance(value, str):
        if unicodedata.is_normalized("NFC", value):
            return value
        denormalized[format_path(path)] = value
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: _nfc_values(item, (*path, key), denormalized) for key, item in value.items()}
    if isinstance(value, list):
        return [_nfc_values(item, (*path, index), denormalized) for index, item in enumerate(value)]
    return value


def load_text_report(path: Path, settings) -> LoadedReport:
    """Import a Markdown or plain-text document (converted or crawled)."""
    from dvlint.importers import text as text_reader
    from dvlint.importers.classify import classify

    text, converted_from = files.read_source(path, settings)
    loaded = _imported(path, classify(text_reader.read_lines(text), text_lines(text)), "text")
    loaded.converted_from = converted_from
    return loaded


# Whether the .docx loader reads the document's look (dvlint.layout) along with its text. Only rules that ask
# for it need it (the DV8xx presentation rules), and it costs about 60 ms per 20 pages: the runner says, for
# each file, whether its engine's selected rules do (Engine.needs_layout). Anyone else loading a .docx gets
# the look, as always.
_LAYOUT_WANTED: contextvars.ContextVar[bool] = contextvars.ContextVar("dvlint_layout_wanted", default=True)


@contextlib.contextmanager
def layout_wanted(wanted: bool):
    """Within the block, a .docx loaded by ``load_docx_report`` has its look read only if ``wanted``."""
    token = _LAYOUT_WANTED.set(wanted)
    try:
        yield
    finally:
        _LAYOUT_WANTED.reset(token)


def load_docx_report(path: Path, settings) -> LoadedReport:
    """Import a .docx document (python-docx), with its look unless no selected rule needs it (layout_wanted)."""
    from dvlint.importers import docx as docx_reader
    from dvlint.importers.classify import classify

    lines, paragraphs, look = docx_reader.read_docx(path, settings.max_file_size, with_layout=_LAYOUT_WANTED.get())
    loaded = _imported(path, classify(lines, paragraphs), "docx")
    loaded.layout = look
    return loaded


@dataclass
class OpenDocx:
    """A .docx opened for ``dvlint check --fix``: its look's paragraphs are this Document's elements,
    so an edit made through them is saved with it."""

    data: bytes  # the file as read
    document: object  # the python-docx Document
    loaded: LoadedReport  # the report imported from it, with its look
    paragraphs: list[str]  # each numbered paragraph's text


def open_docx_report(path: Path, settings, data: bytes | None = None) -> OpenDocx:
    """Import a .docx, keeping the document open; from ``data`` when given (the repaired bytes, read back),
    else from the file, bounded as for checking."""
    from dvlint.importers import docx as docx_reader
    from dvlint.importers.classify import classify

    if data is None:
        data = files.read_bytes(path, settings.max_file_size)
    document = docx_reader.open_docx(data, settings.max_file_size)
    lines, paragraphs, look = docx_reader.read_document(document, with_layout=True)
    loaded = _imported(path, classify(lines, paragraphs), "docx")
    loaded.layout = look
    return OpenDocx(data, document, loaded, paragraphs)


def load_pdf_report(path: Path, settings) -> LoadedReport:
    """Import a PDF: its text layer laid out as on the page, or its pages read by OCR."""
    from dvlint.importers import ocr
    from dvlint.importers import text as text_reader
    from dvlint.importers.classify import classify
    from dvlint.importers.pdf import read_pdf

    from dvlint.importers import reading

    reading.prepare()

    def read_by_ocr(document):  # what OCR read on the same bytes before, if the cache has it
        return reading.ocr_lines("pdf", files.read_bytes(path, settings.max_file_size), lambda: ocr.pdf_pages(document))

    pdf = read_pdf(path, settings.max_file_size, ocr=read_by_ocr)
    kind = "ocr" if pdf.source == "ocr" else "pdf"
    loaded = _imported(path, classify(text_reader.read_lines(pdf.text), text_lines(pdf.text)), kind)
    loaded.page_starts = pdf.page_starts
    return loaded


def load_doc_report(path: Path, settings) -> LoadedReport:
    """Import a Word 97-2003 .doc: converted by LibreOffice, then read as a .docx (located by paragraph)."""
    from dvlint.importers import doc
    from dvlint.importers import docx as docx_reader
    from dvlint.importers.classify import classify

    data = doc.docx_bytes(path, settings.max_file_size)
    lines, paragraphs = docx_reader.read_lines_of(data, settings.max_file_size)
    return _imported(path, classify(lines, paragraphs), "docx")


def load_image_report(path: Path, settings) -> LoadedReport:
    """Import a photographed or scanned page (PNG, JPEG, TIFF): read by OCR."""
    from dvlint.importers import ocr
    from dvlint.importers import text as text_reader
    from dvlint.importers.classify import classify

    text = ocr.image_text(path, settings.max_file_size)
    return _imported(path, classify(text_reader.read_lines(text), text_lines(text)), "ocr")


YAML_LOADER = Loader("yaml", (".yaml", ".yml"), load_yaml_report)
TEXT_LOADER = Loader("text", (".md", ".markdown", ".txt"), load_text_report)
DOCX_LOADER = Loader("docx", (".docx",), load_docx_report)
PDF_LOADER = Loader("pdf", (".pdf",), load_pdf_report)
DOC_LOADER = Loader("doc", (".doc",), load_doc_report)
IMAGE_LOADER = Loader("image", (".png", ".jpg", ".jpeg", ".tif", ".tiff"), load_image_report)

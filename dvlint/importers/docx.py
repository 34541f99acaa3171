""".docx documents, read with python-docx.

The body is walked in document order, paragraphs and tables alike. Every
paragraph, in the body or in a table cell, gets a number in that order: a
finding on a .docx points at "paragraph 37". Headings are known by their
style (Heading 1..9, Title) or by being wholly bold. Footnote references in
the text become ``[n]``, and the footnotes themselves, read from the
package's footnotes part (python-docx has no footnote API), follow the body.

Tables that lay out the header (issuer | Quốc hiệu, number | place and date)
or the foot (Nơi nhận | signature) are read column by column; other tables
stay tables. Images and embedded objects carry no text and are ignored.
"""

from __future__ import annotations

import errno
import gc
import io
import re
import zipfile
from pathlib import Path

from dvlint.source import errors
from dvlint.source.errors import LoadError
from dvlint.i18n import Msg
from dvlint.importers import SourceLine, single_spaced
from dvlint.source.files import read_bytes

NOT_A_ZIP = Msg("tệp không phải .docx: không phải tệp nén zip (tệp Word .docx là một tệp zip; tệp .doc cũ cần lưu lại "
                "thành .docx), hoặc tệp bị cắt cụt",
                "not a .docx: not a zip archive (a Word .docx is one; save an old .doc as .docx), or the file is truncated")
NOT_WORD = Msg("tệp zip này không phải tài liệu Word: thiếu phần {part}",
               "this zip archive is not a Word document: it has no {part}")
ZIP_FEATURE = Msg("tệp .docx dùng tính năng nén zip mà dvlint không đọc được (mật khẩu, kiểu nén lạ) hoặc bị hỏng: {detail}",
                  "the .docx uses a zip feature dvlint cannot read (a password, an unusual compression) or is "
                  "damaged: {detail}")
BROKEN_PART = Msg("tài liệu Word bị hỏng, không đọc được phần nội dung: {detail}",
                  "the Word document is damaged; its content cannot be read: {detail}")
NO_TEXT = Msg("tệp .docx không có chữ nào", "the .docx file has no text")
TOO_LARGE_UNPACKED = Msg(
    "tệp .docx giải nén ra quá lớn ({size} byte; giới hạn {limit} byte = 2 lần max-file-size): tệp hỏng hoặc cố ý gây hại",
    "the .docx unpacks to too much ({size} bytes; the limit is {limit}, twice max-file-size): a damaged or hostile file",
)
TOO_LARGE_PART = Msg(
    "phần {part} của tệp .docx giải nén ra quá lớn ({size} byte; giới hạn {limit} byte = 1/4 max-file-size; "
    "phần lớn nhất của một báo cáo thật khoảng 0,5 MB): tệp hỏng hoặc cố ý gây hại",
    "the .docx part {part} unpacks to too much ({size} bytes; the limit is {limit}, a quarter of max-file-size; "
    "the largest part of a real report is about 0.5 MB): a damaged or hostile file",
)
TOO_MANY_PARTS = Msg(
    "tệp .docx có quá nhiều phần ({count}; giới hạn {limit}): tệp hỏng hoặc cố ý gây hại",
    "the .docx holds too many parts ({count}; the limit is {limit}): a damaged or hostile file",
)
# What a .docx may unpack to, from what real reports need (the corpus's largest part, word/document.xml of a
# charter, is 0.51 MB; its largest package unpacks to 0.75 MB), tied to max-file-size (default 10 MB):
UNPACKED_RATIO = 2  # all its parts together (pictures too): twice max-file-size
XML_PART_DIVISOR = 4  # each part python-docx parses as XML: a quarter of max-file-size (2.5 MB)
MAX_PARTS = 2_000  # a report has 10-100


def _number(value, default: int) -> int:
    """An attribute that should hold a whole number; ``default`` when it is missing or is not one (a damaged file)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _apart(tag: str) -> bool:
    """Content that is not the paragraph's own text: a text box floating over the page ("DỰ THẢO",
    a stamp), read on its own, and the copy of a drawing Word keeps for older readers."""
    return tag in (_qn("w:txbxContent"), _MC_FALLBACK)


def _own_nodes(element, tags):
    """``element``'s descendants with these tags, outside text boxes and fallback copies."""
    for child in element:
        if not isinstance(child.tag, str) or _apart(child.tag):
            continue
        if child.tag in tags:
            yield child
        yield from _own_nodes(child, tags)


def own_paragraphs(element):
    """The paragraphs of a cell or a body, in order, without those of text boxes."""
    return _own_nodes(element, {_qn("w:p")})


def text_box_paragraphs(element):
    """The paragraphs inside the text boxes anchored in ``element`` (once, not their fallback copy)."""
    for box in element.iter(_qn("w:txbxContent")):
        if not any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            yield from own_paragraphs(box)


def paragraph_text(p_element) -> str:
    """A paragraph's text: footnote references as ``[n]``, line breaks as newlines."""
    parts = []
    t, tab, br, ref = _qn("w:t"), _qn("w:tab"), _qn("w:br"), _qn("w:footnoteReference")
    for node in _own_nodes(p_element, {t, tab, br, ref}):
        if node.tag == t:
            parts.append(node.text or "")
        elif node.tag == ref:
            parts.append(f"[{node.get(_qn('w:id'))}]")
        elif node.tag == br and node.get(_qn("w:type")) in (None, "textWrapping"):
            parts.append("\n")
        else:
            parts.append(" ")
    return "\n".join(single_spaced(line) for line in "".join(parts).split("\n")).strip("\n")


def raw_paragraph_text(p_element) -> str:
    """A paragraph's text as typed: its tabs and runs of spaces kept (they may set two columns side by
    side), its line breaks as spaces."""
    parts = []
    t, tab, br = _qn("w:t"), _qn("w:tab"), _qn("w:br")
    for node in _own_nodes(p_element, {t, tab, br}):
        parts.append(node.text or "" if node.tag == t else "\t" if node.tag == tab else " ")
    return "".join(parts).rstrip()


_ROMAN_DIGITS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN_DIGITS:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


# What a real list uses. A received file may say anything (w:start="100000000000" made a 2 KB file
# take minutes to label its first paragraph); its values are brought within these bounds.
MAX_LIST_NUMBER = 10_000  # a list's first number (and so its labels) at most this
MAX_LIST_LEVEL = 8  # Word's nine levels: 0..8
MAX_LIST_PATTERN = 100  # a label's pattern ("%1.", "Điều %1.", "%1.%2.%3."): what is longer is cut here


def _bounded(value: int, low: int, high: int) -> int:
    return min(max(value, low), high)


class Numbering:
    """Computes the label Word shows before a numbered or bulleted paragraph.

    The label is not in the paragraph's text but in the numbering part:
    each list (numId) points at an abstract definition whose levels give a
    format (decimal, upperRoman, lowerLetter, bullet) and a pattern such as
    "%1." or "%1.%2."; counters run in document order.
    """

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(_qn("w:abstractNum")):
            levels = {}
            for lvl in node.iter(_qn("w:lvl")):
                fmt = lvl.find(_qn("w:numFmt"))
                text = lvl.find(_qn("w:lvlText"))
                start = lvl.find(_qn("w:start"))
                level = _number(lvl.get(_qn("w:ilvl")), 0)
                if not 0 <= level <= MAX_LIST_LEVEL:
                    continue  # no such level in Word: its paragraphs get no label
                levels[level] = (
                    fmt.get(_qn("w:val")) if fmt is not None else "decimal",
                    (text.get(_qn("w:val")) or "")[:MAX_LIST_PATTERN] if text is not None else "",
                    _bounded(_number(start.get(_qn("w:val")), 1), 0, MAX_LIST_NUMBER) if start is not None else 1,
                )
            abstract[node.get(_qn("w:abstractNumId"))] = levels
        for num in root.iter(_qn("w:num")):
            ref = num.find(_qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(_qn("w:numId"))] = abstract.get(ref.get(_qn("w:val")), {})

    @staticmethod
    def _num_pr(paragraph, style):
        """The paragraph's numbering: its own, or its style's (List Number, List Bullet)."""
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        while style is not None:
            ppr = style.element.pPr
            if ppr is not None and ppr.numPr is not None:
                return ppr.numPr
            style = style.base_style
        return None

    def label(self, paragraph, style) -> str | None:
        num_pr = self._num_pr(paragraph, style)
        if num_pr is None or num_pr.numId is None:
            return None
        num_id = str(num_pr.numId.get(_qn("w:val")))
        if num_id == "0":  # numbering switched off
            return None
        level = _number(num_pr.ilvl.get(_qn("w:val")), 0) if num_pr.ilvl is not None else 0
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return None
        fmt, pattern, _ = levels[level]
        if fmt == "bullet":
            return "-" if pattern in ("", "\uf0b7", "\uf02d", "–", "—", "-") else pattern
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        label = pattern
        for k in range(level, -1, -1):
            if k in levels:
                value = counters.get(k, levels[k][2])
                label = label.replace(f"%{k + 1}", _format_number(value, levels[k][0]))
        return label or None


class Styles:
    """Paragraph styles by id, looked up once.

    ``paragraph.style`` in python-docx rescans the whole styles part on each
    call (about 2 ms on a real document), which made a 20-page import take
    half a second; a dict built once makes it free.
    """

    def __init__(self, document):
        from docx.enum.style import WD_STYLE_TYPE

        self.by_id, self.default = {}, None
        try:
            styles = document.styles
            self.by_id = {style.style_id: style for style in styles if style.type == WD_STYLE_TYPE.PARAGRAPH}
            self.default = styles.default(WD_STYLE_TYPE.PARAGRAPH)
        except (AttributeError, KeyError, ValueError, NotImplementedError):
            pass  # a damaged styles part: read the text without styles (headings then known by bold runs only)

    def of(self, paragraph):
        ppr = paragraph._p.pPr
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        return self.by_id.get(style_id, self.default) if style_id else self.default


def _is_heading(paragraph, style) -> bool:
    name = (style.name if style is not None else "") or ""
    if name.lower().startswith(("heading", "title")):
        return True
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _signer_box(grid) -> tuple[int, int, str, str] | None:
    """(row, cell, role, name) of the signer's box in an approval grid, as a phiếu trình has: boxes
    headed by a role with the signer's name at their foot (Chuyên viên / Lãnh đạo phòng / LÃNH ĐẠO VĂN
    PHÒNG); the signer's is the last headed in capitals, not the box of the one it is submitted to
    ("KÍNH TRÌNH CHỦ TỊCH ...")."""
    from dvlint.importers import ascii_fold, is_upper
    from dvlint.importers.foot import is_person_name

    found = None
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            texts = [t.strip() for t in cell if t.strip() and t.strip(" .…") != ""]
            if (len(texts) >= 2 and is_upper(texts[0]) and len(texts[0]) < 60 and is_person_name(texts[-1])
                    and not ascii_fold(texts[0]).startswith("kinh trinh")):
                found = (r, c, texts[0], texts[-1])
    return found


def _is_header_band(row) -> bool:
    """Whether a table's row is the header's first band: the Quốc hiệu or the Party's name in it."""
    from dvlint.importers.header import is_national_name, is_party_header

    return any(is_national_name(text) or is_party_header(text) for cell in row for text in cell)


def _boxed(grid) -> bool:
    """A table of one cell is a box drawn round text (a trích yếu, a note), not data: read as paragraphs."""
    return len(grid) == 1 and len(grid[0]) == 1


class _Reader:
    def __init__(self, document):
        self.document = document
        self.numbering = Numbering(document)
        self.styles = Styles(document)
        self.lines: list[SourceLine] = []
        self.paragraphs: list[str] = []  # text by paragraph number - 1
        self.elements: list[list] = []  # the w:p elements by paragraph number - 1 (a data table's row has several)
        self.tables = 0
        self.boxes: list = []  # paragraphs of text boxes, read after the document's own text
        self.labels: dict = {}  # paragraph element -> its list label

    def number(self, text: str, elements=()) -> int:
        self.paragraphs.append(text)
        self.elements.append(list(elements))
        return len(self.paragraphs)

    def text_of(self, element) -> tuple[str, bool]:
        """A paragraph's text with its list label ("1.", "-") in front, and whether it is a heading."""
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(element, self.document)
        style = self.styles.of(paragraph)
        text = paragraph_text(element)
        label = self.label_of(element, paragraph, style)
        return (f"{label} {text}" if label and text else text), _is_heading(paragraph, style)

    def label_of(self, element, paragraph, style) -> str | None:
        """The list label Word shows before the paragraph; counted once, however often it is asked."""
        if element not in self.labels:
            self.labels[element] = self.numbering.label(paragraph, style)
        return self.labels[element]

    def paragraph(self, element) -> None:
        text, heading = self.text_of(element)
        line = self.number(text.replace("\n", " / "), [element])
        for piece in text.split("\n"):
            if piece:
                self.lines.append(SourceLine(piece, line, 1, heading=heading))
        if text:
            self.lines.append(SourceLine("", line, 1))

    def body_paragraphs(self, elements) -> None:
        """A run of the body's paragraphs between tables.

        Some writers set the header (issuer | Quốc hiệu, number | place and date) or the
        foot (Nơi nhận | signature) side by side with tabs and spaces in ordinary
        paragraphs ("Nơi nhận:\t\t\tKT. CHỦ TỊCH") instead of a table. Such a block is read
        column by column, as text typed so is (dvlint.importers.spaced) and as a layout
        table is; every other paragraph is read on its own.
        """
        from dvlint.importers import spaced

        raws = [self.raw_text(element) for element in elements]
        k = 0
        while k < len(elements):
            if len(spaced.segments_of(raws[k])) >= 2:
                block = spaced.side_by_side(raws, k)
                if block.layout:
                    self.spaced_block(raws, elements, k, block)
                    k = block.end
                    continue
            self.paragraph(elements[k])
            self.boxes.extend(text_box_paragraphs(elements[k]))
            k += 1

    def raw_text(self, element) -> str:
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(element, self.document)
        label = self.label_of(element, paragraph, self.styles.of(paragraph))
        text = raw_paragraph_text(element)
        return f"{label.strip()} {text.lstrip()}" if label and text.strip() else text

    def spaced_block(self, raws, elements, start: int, block) -> None:
        """Paragraphs ``start``..``block.end`` set side by side: left column, then right, each line
        pointing at its own paragraph."""
        from dvlint.importers import spaced

        numbers = [self.number(" ".join(raws[k].split()), [elements[k]]) for k in range(start, block.end)]
        for line in spaced.read_by_column(raws, start, block):
            index = min(max(line.line - 1 - start, 0), len(numbers) - 1)
            line.line = numbers[index]
            self.lines.append(line)
        for element in elements[start:block.end]:
            self.boxes.extend(text_box_paragraphs(element))

    def table(self, element) -> None:
        from docx.table import Table

        from dvlint.importers.layout import is_layout_table

        table = Table(element, self.document)
        self.tables += 1
        grid, elements = [], []  # each cell's paragraphs' text, and their w:p elements
        for row in table.rows:
            seen, cells, cell_elements = set(), [], []
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats
                    continue
                seen.add(id(cell._tc))
                owned = list(own_paragraphs(cell._tc))
                cells.append([self.text_of(p)[0] for p in owned])
                cell_elements.append(owned)
                self.boxes.extend(text_box_paragraphs(cell._tc))
            grid.append(cells)
            elements.append(cell_elements)
        if is_layout_table(text for row in grid for cell in row for text in cell) or _boxed(grid):
            self.layout(grid, elements)
        else:
            self.data_table(grid, elements)

    def layout(self, grid, elements) -> None:
        """Column by column: the left column's lines, then the right's. A header table whose rows are
        bands (issuer | Quốc hiệu, then Số | place and date, then V/v) is read band by band, each band
        column by column, so the date comes before the trích yếu as on the page."""
        numbered = [[[(self.number(text.replace("\n", " / "), [p]), text) for text, p in zip(cell, owned)]
                      for cell, owned in zip(row, row_elements)] for row, row_elements in zip(grid, elements)]
        bands = [list(enumerate(numbered))]
        if len(numbered) > 1 and _is_header_band(grid[0]):
            bands = [[(r, row)] for r, row in enumerate(numbered)]
        for band in bands:
            columns = max((len(row) for _, row in band), default=0)
            for col in range(columns):
                for r, row in band:
                    if col >= len(row):
                        continue
                    for line, text in row[col]:
                        for piece in text.split("\n"):
                            if piece:
                                self.lines.append(SourceLine(piece, line, 1, cell=(self.tables, r + 1, col)))
                self.lines.append(SourceLine("", self.lines[-1].line if self.lines else 1, 1))

    def data_table(self, grid, elements) -> None:
        numbers = []
        for r, row in enumerate(grid):
            texts = [" ".join(t.replace("\n", " ") for t in cell if t) for cell in row]
            line = self.number(" | ".join(t for t in texts if t), [p for owned in elements[r] for p in owned])
            numbers.append(line)
            self.lines.append(SourceLine(" | ".join(t for t in texts if t), line, 1, row=texts,
                                         cell=(self.tables, r + 1, 0)))
        self.lines.append(SourceLine("", len(self.paragraphs), 1))
        box = _signer_box(grid)
        if box is not None:
            r, c, role, name = box
            for text in (role, name):
                self.lines.append(SourceLine(text, numbers[r], 1, cell=(self.tables, r + 1, c), signature_box=True))
            self.lines.append(SourceLine("", numbers[r], 1))

    def footnotes(self) -> None:
        part = next((p for p in self.document.part.package.iter_parts()
                     if str(p.partname).endswith("/footnotes.xml")), None)
        if part is None:
            return
        from docx.oxml import parse_xml

        root = parse_xml(part.blob)
        for note in root.iter(_qn("w:footnote")):
            ident = note.get(_qn("w:id"))
            if _number(ident, 0) <= 0:  # separators (and ids that are not numbers)
                continue
            text = " ".join(paragraph_text(p) for p in note.iter(_qn("w:p"))).strip()
            if text:
                line = self.number(f"[{ident}] {text}", list(note.iter(_qn("w:p"))))
                self.lines.append(SourceLine(f"[{ident}] {text}", line, 1))
                self.lines.append(SourceLine("", line, 1))


def read_lines(path: Path, max_size: int) -> tuple[list[SourceLine], list[str]]:
    """The located lines of a .docx, and its paragraphs' text by number."""
    lines, paragraphs, _ = read_docx(path, max_size)
    return lines, paragraphs


def read_lines_of(data: bytes, max_size: int) -> tuple[list[SourceLine], list[str]]:
    """The located lines of the .docx of bytes ``data`` (a .doc converted), and its paragraphs' text by number."""
    document = open_docx(data, max_size)
    try:
        lines, paragraphs, _ = read_document(document)
        return lines, paragraphs
    finally:
        del document  # freed now: see read_docx
        gc.collect(1)


def read_docx(path: Path, max_size: int, with_layout: bool = False):
    """The located lines of a .docx, its paragraphs' text by number, and (``with_layout``) how it looks.

    The look (dvlint.layout.Layout) is read while the document is open, since the document
    is freed at once (see below). A look that cannot be read (a hostile file the resolver
    trips on) does not stop the text from being checked: the exception is kept in its place
    and raised again when a presentation rule asks for it, so it shows as DV000.
    """
    document = open_docx(read_bytes(path, max_size), max_size)
    try:
        return read_document(document, with_layout)
    finally:
        # python-docx's package and parts refer to each other, so the parsed
        # XML (several MB per document, held in C) is freed only by the cycle
        # collector, which counts Python objects and so almost never runs:
        # 100 reports grew a process to 300 MB. Free each document now.
        del document
        gc.collect(1)


def open_docx(data: bytes, max_size: int):
    """The python-docx Document of a .docx's bytes (read bounded by the caller), refusing a zip bomb
    and anything that is not a Word file with a LoadError."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data:
        raise LoadError("empty", errors.EMPTY)
    try:
        _check_package(data, max_size)
        document = docx.Document(io.BytesIO(data))  # the bytes checked, not the file again
    except zipfile.BadZipFile:
        raise LoadError("not-a-docx", NOT_A_ZIP) from None
    except KeyError as exc:  # a part the package needs is missing
        raise LoadError("not-a-docx", NOT_WORD.format(part=_missing_part(exc))) from None
    except PackageNotFoundError:
        raise LoadError("not-a-docx", NOT_WORD.format(part="word/document.xml")) from None
    except (NotImplementedError, RuntimeError) as exc:  # zipfile: unsupported flags or method, encryption
        raise LoadError("not-a-docx", ZIP_FEATURE.format(detail=f"{type(exc).__name__}: {exc}")) from None
    except OSError as exc:
        if exc.errno == errno.EINVAL:  # a seek to a bad offset written in a damaged zip's directory
            raise LoadError("not-a-docx", NOT_A_ZIP) from None
        raise errors.unreadable(exc) from None
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx reading an untrusted package: XML syntax, odd elements
        raise LoadError("not-a-docx", BROKEN_PART.format(detail=f"{type(exc).__name__}: {exc}")) from None
    return document


def read_document(document, with_layout: bool = False):
    """(lines, paragraphs' text, look) of an open Document (see ``read_docx``). ``dvlint check --fix``
    keeps the document open and edits the very elements the look points at."""
    from docx.exceptions import PythonDocxError
    from docx.oxml.exceptions import XmlchemyError

    look = None
    try:
        reader = _read(document)
        lines, paragraphs = reader.lines, reader.paragraphs
        if with_layout:
            look = _layout(document, reader.elements)
    except (SyntaxError, ValueError, PythonDocxError, XmlchemyError) as exc:
        # a part read lazily (styles, numbering, footnotes) is not well-formed XML, or a value in it is not what
        # the standard allows (python-docx's InvalidXmlError, a number that is not one)
        raise LoadError("not-a-docx", BROKEN_PART.format(detail=f"{type(exc).__name__}: {exc}")) from None
    if not any(line.text for line in lines):
        raise LoadError("empty", NO_TEXT)
    return lines, paragraphs, look


def _layout(document, elements):
    from dvlint.layout.read import read_layout

    try:
        return read_layout(document, elements)
    except Exception as exc:  # noqa: BLE001 - the text is still checked; DV8xx shows the failure as DV000
        return exc


def _missing_part(exc: KeyError) -> str:
    """The part named in zipfile's "There is no item named '[Content_Types].xml' in the archive"."""
    import re

    found = re.search(r"'([^']+)'", str(exc))
    return found.group(1) if found else str(exc)


def _check_package(data: bytes, max_size: int) -> None:
    """Refuse a zip bomb before python-docx unpacks every part into memory and parses its XML.

    At most ``MAX_PARTS`` parts, unpacking to at most ``UNPACKED_RATIO`` times
    ``max_size`` together and, for each part parsed as XML (by its content
    type, as python-docx decides, and every .rels), at most ``max_size /
    XML_PART_DIVISOR``. The sizes the zip's directory declares are checked
    first; then each part is unpacked, a piece at a time, and what it really
    gives is counted against the same limits (a directory may lie).
    """
    total_limit, part_limit = max_size * UNPACKED_RATIO, max_size // XML_PART_DIVISOR
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise LoadError("too-large", TOO_MANY_PARTS.format(count=len(infos), limit=MAX_PARTS))
        declared = sum(info.file_size for info in infos)
        if declared > total_limit:
            raise LoadError("too-large", TOO_LARGE_UNPACKED.format(size=declared, limit=total_limit))
        parsed = _xml_parts(archive, part_limit)
        for info in infos:
            if info.filename in parsed and info.file_size > part_limit:
                raise LoadError("too-large", TOO_LARGE_PART.format(part=info.filename, size=info.file_size,
                                                                   limit=part_limit))
        total = 0
        for info in infos:
            limit = part_limit if info.filename in parsed else total_limit
            total = _unpacked(archive, info, limit, total, total_limit)


def _unpacked(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, total: int, total_limit: int) -> int:
    """``total`` plus what the part really unpacks to, read a piece at a time and never past ``limit``
    (for the part) nor ``total_limit`` (for the package)."""
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(1 << 16):
                size += len(chunk)
                if size > limit:
                    raise LoadError("too-large", TOO_LARGE_PART.format(part=info.filename, size=f"> {limit}",
                                                                       limit=limit))
                if total + size > total_limit:
                    raise LoadError("too-large", TOO_LARGE_UNPACKED.format(size=f"> {total_limit}",
                                                                           limit=total_limit))
    except zipfile.BadZipFile as exc:  # it unpacks to other bytes than its directory says (CRC, length)
        raise LoadError("not-a-docx", BROKEN_PART.format(detail=f"{info.filename}: {exc}")) from None
    return total + size


_XML_TYPE = re.compile(r"[/+]xml$")


def _xml_parts(archive: zipfile.ZipFile, part_limit: int) -> set[str]:
    """The names of the parts python-docx will parse as XML: those whose content type (an override for
    the part, or the default for its extension, in [Content_Types].xml) is XML, and the relationships."""
    from lxml import etree

    names = {info.filename for info in archive.infolist()}
    parsed = {name for name in names if name.endswith(".rels") or name == "[Content_Types].xml"}
    if "[Content_Types].xml" not in names:
        return parsed | names  # python-docx refuses it; meanwhile every part counts as XML
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > part_limit:
        raise LoadError("too-large", TOO_LARGE_PART.format(part=info.filename, size=info.file_size, limit=part_limit))
    with archive.open(info) as member:
        blob = member.read(part_limit + 1)
    if len(blob) > part_limit:
        raise LoadError("too-large", TOO_LARGE_PART.format(part=info.filename, size=f"> {part_limit}",
                                                           limit=part_limit))
    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return parsed | names  # python-docx says what is wrong with it
    defaults, overrides = {}, {}
    for node in root:
        tag = node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""
        if tag == "Default":
            defaults[(node.get("Extension") or "").lower()] = node.get("ContentType") or ""
        elif tag == "Override":
            overrides[(node.get("PartName") or "").lstrip("/").lower()] = node.get("ContentType") or ""
    for name in names:  # python-docx compares part names in lower case
        kind = overrides.get(name.lower()) or defaults.get(name.rsplit(".", 1)[-1].lower() if "." in name else "", "")
        if _XML_TYPE.search(kind.strip()):
            parsed.add(name)
    return parsed


def _read(document) -> _Reader:
    body = getattr(document.element, "body", None)  # absent when the main part's root is not w:document
    if body is None:
        raise LoadError("not-a-docx", BROKEN_PART.format(detail="word/document.xml has no w:body"))
    reader = _Reader(document)
    run: list = []  # consecutive paragraphs of the body, read together
    for element in body.iterchildren():
        if element.tag == _qn("w:p"):
            run.append(element)
            continue
        if run:
            reader.body_paragraphs(run)
            run = []
        if element.tag == _qn("w:tbl"):
            reader.table(element)
    if run:
        reader.body_paragraphs(run)
    for box in reader.boxes:  # a draft mark or stamp floating over the page: kept, after the text
        reader.paragraph(box)
    reader.footnotes()
    return reader

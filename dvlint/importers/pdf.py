"""PDF: the text layer laid out as on the page, or, for a scan, the pages read by OCR.

The text layer is read with pypdfium2 (PDFium, the PDF engine of Chromium):
every character with its box, grouped into lines by its baseline and set at
the column its position gives, so that the header and the foot printed side
by side come out side by side, as ``pdftotext -layout`` writes them and as
dvlint.importers.spaced reads them. Pages are separated by a form feed.

A page with no text layer (a scan), or a text layer whose letters are wrong
(an old font's glyphs mapped to Latin letters: most words are no Vietnamese
syllable), is read by Tesseract OCR with its Vietnamese data, when installed
(dvlint.importers.ocr). Text read so is marked: the rules that judge
spelling and exact characters do not run on it.

pypdfium2 was chosen after measuring it against pdfplumber (pdfminer.six) on
the 50 PDFs of the corpus: 5 ms a page against 152 ms, and the same fields
read; see docs/import.md.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from dvlint.i18n import Msg
from dvlint.source.errors import LoadError
from dvlint.source.files import check_readable

NOT_A_PDF = Msg("tệp PDF hỏng hoặc không phải PDF: {detail}", "the PDF is damaged or is no PDF: {detail}")
ENCRYPTED = Msg("tệp PDF có mật khẩu: mở khóa rồi kiểm tra lại", "the PDF is password-protected: unlock it and check again")
# A page with fewer letters than this in its text layer is a scan: a digital signature's stamp ("Ký bởi: ...,
# SAO Y; CÔNG AN TỈNH ...") is all such a layer has; a page of text has 600 to 2,000 (measured on the corpus).
MIN_LETTERS_PER_PAGE = 300
# A text layer in which fewer words than this share are Vietnamese syllables, or fewer carry a Vietnamese
# accent, has its letters wrong (measured on the corpus: real text 0.91-0.99 and 0.73-0.91; a garbled
# layer 0.62 and 0.0).
MIN_SYLLABLE_SHARE = 0.75
MIN_ACCENTED_SHARE = 0.2


@dataclass
class PdfText:
    text: str  # the pages' lines, a form feed between pages
    page_starts: list[int] = field(default_factory=list)  # the 1-based line where each page starts
    source: str = "text"  # "text", or "ocr" when read from the page images


# What a received PDF may ask of the reader. A report runs to tens of pages, a page to 600-2,000 letters.
MAX_PAGES = 500  # a PDF with more pages (its page tree may say a million) is refused
MAX_CHARS_PER_PAGE = 30_000  # a page with more characters in its text layer is refused
MAX_COLUMN = 1_000  # a character's column on its line: a box placed further out is set there
TOO_MANY_PAGES = Msg(
    "tệp PDF có {count} trang; dvlint đọc báo cáo đến {limit} trang: tệp hỏng hoặc không phải một báo cáo",
    "the PDF has {count} pages; dvlint reads reports of up to {limit} pages: a damaged file, or no report",
)
TOO_MANY_CHARS = Msg(
    "trang {page} của tệp PDF có {count} ký tự (giới hạn {limit}): tệp hỏng hoặc cố ý gây hại",
    "page {page} of the PDF holds {count} characters (the limit is {limit}): a damaged or hostile file",
)
BAD_PAGE = Msg("không đọc được trang {page} của tệp PDF: {detail}", "page {page} of the PDF cannot be read: {detail}")


def read_pdf(path: Path, max_size: int, ocr=None) -> PdfText:
    """The text of the PDF at ``path``: its text layer, or OCR of its pages when it has none that reads.

    ``ocr(path, pages)`` reads page images (dvlint.importers.ocr.read_pages); it raises a LoadError
    naming what to install when Tesseract is not there. PDFium runs in a child process with a bound on
    its memory (dvlint.importers.isolate): a stream that unpacks to gigabytes ends the child, not the run.
    """
    from dvlint.importers import isolate

    check_readable(path, max_size)
    memory = isolate.memory_for(max_size)
    try:
        return isolate.run(_read_pdf, path, ocr, memory=memory)
    except isolate.ChildDied as exc:
        raise isolate.died(exc, memory) from None


def _read_pdf(path: Path, ocr) -> PdfText:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise LoadError("encrypted", ENCRYPTED) from None
        raise LoadError("not-a-pdf", NOT_A_PDF.format(detail=str(exc))) from None
    try:
        if len(document) > MAX_PAGES:
            raise LoadError("too-large", TOO_MANY_PAGES.format(count=len(document), limit=MAX_PAGES))
        try:
            document.init_forms()  # form fields filled by an e-office system (the number, the day) are drawn too
        except Exception:  # noqa: BLE001 - a document whose forms cannot be read is read without them
            pass
        pages = [page_lines(_flattened(document, i), i + 1) for i in range(len(document))]
        why = _needs_ocr(pages)
        if why is not None and ocr is not None:
            ocr_pages = ocr(document)
            return _joined(ocr_pages, "ocr")
        return _joined(pages, "text")
    finally:
        document.close()


def _joined(pages: list[list[str]], source: str) -> PdfText:
    lines: list[str] = []
    starts = []
    for index, page in enumerate(pages):
        starts.append(len(lines) + 1)
        if index:
            page = ["\f" + (page[0] if page else "")] + page[1:]
        lines.extend(page or ([] if not index else ["\f"]))
    return PdfText("\n".join(lines) + "\n", starts, source)


def _needs_ocr(pages: list[list[str]]) -> str | None:
    """"scan" when the text layer is missing on most pages, "garbled" when its words are no Vietnamese."""
    from dvlint.source.legacy import vietnamese_word_share

    letters = [sum(c.isalpha() for line in page for c in line) for page in pages]
    if not pages or sum(n < MIN_LETTERS_PER_PAGE for n in letters) * 2 > len(pages):
        return "scan"
    shares = vietnamese_word_share("\n".join(line for page in pages for line in page))
    if shares is None:
        return None
    syllables, accented = shares
    return "garbled" if syllables < MIN_SYLLABLE_SHARE or accented < MIN_ACCENTED_SHARE else None


def _flattened(document, index: int):
    """The page with its annotations drawn into it: a number or a date an e-office system stamps on a
    signed PDF is often an annotation, which is not in the page's own text."""
    page = _page(document, index)
    try:
        if page.flatten(flag=1) == 1:  # as printed; FLATTEN_SUCCESS: the page must be loaded again to see it
            page.close()
            page = _page(document, index)
    except Exception:  # noqa: BLE001 - a page that cannot be flattened is read as it is
        pass
    return page


def _page(document, index: int):
    """The page, or a LoadError naming it (a page tree that promises pages it does not hold)."""
    import pypdfium2 as pdfium

    try:
        return document[index]
    except pdfium.PdfiumError as exc:
        raise LoadError("not-a-pdf", BAD_PAGE.format(page=index + 1, detail=str(exc))) from None


# --- the text layer laid out ----------------------------------------------------------------------

_FOLDABLE = str.maketrans({"ƣ": "ư", "Ƣ": "Ư", "\u00a0": " "})  # a font's lookalike glyphs for ư


def page_lines(page, number: int = 1) -> list[str]:
    """The page's text as lines, each character at the column its position gives."""
    textpage = page.get_textpage()
    chars = []
    spaced = False  # a space the PDF draws (with a width) stands before the next character
    try:
        count = textpage.count_chars()
        if count > MAX_CHARS_PER_PAGE:
            raise LoadError("too-large", TOO_MANY_CHARS.format(page=number, count=count, limit=MAX_CHARS_PER_PAGE))
        for index in range(count):
            char = textpage.get_text_range(index, 1)
            if not char:
                continue
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            if char.isspace():
                spaced = spaced or char == " "  # drawn, or put in by the text layer where words part
                continue
            if right <= left:
                continue
            chars.append((char.translate(_FOLDABLE), left, bottom, right, top, spaced))
            spaced = False
    finally:
        textpage.close()
    if not chars:
        return []
    height = statistics.median(top - bottom for _, _, bottom, _, top, _ in chars)
    pitch = statistics.median(right - left for _, left, _, right, _, _ in chars) or 1.0
    out = []
    previous = None
    for line in _baselines(chars, height * 0.45):
        line = _without_rules(line)
        baseline = line[0][2]
        if previous is not None and previous - baseline > height * _BLANK_LINE:
            out.append("")  # a wider space than between two lines of a paragraph: a blank line, as on the page
        out.append(_set_out(sorted(line, key=lambda c: c[1]), pitch))
        previous = baseline
    return out


_BLANK_LINE = 1.6  # of a line's height, from one baseline to the next: more is a blank line between


def _baselines(chars, tolerance: float) -> list[list[tuple]]:
    """The characters grouped into lines, top of the page first, by the bottom of their boxes."""
    lines: list[list[tuple]] = []
    for char in sorted(chars, key=lambda c: -c[2]):
        if lines and abs(lines[-1][0][2] - char[2]) <= tolerance:
            lines[-1].append(char)
        else:
            lines.append([char])
    return lines


def _set_out(line: list[tuple], pitch: float) -> str:
    """One line's characters: the first at the column of its left edge, a space between words (where
    the gap shows one, or where the PDF draws a space whose box the letters' loose boxes close on), and
    a gap as wide as the page shows it (six spaces at least) where a second column starts."""
    text = ""
    previous_right = None
    for char, left, _, right, _, spaced in line:
        gap = left - previous_right if previous_right is not None else None
        column = min(int(round(left / pitch)), MAX_COLUMN) if left > 0 else 0
        if gap is None:
            text = " " * column + char
        elif gap <= pitch * _LETTER_GAP and not spaced and not (
                gap > pitch * _FIELD_GAP and text[-1:].isdigit() != char.isdigit()):
            text += char  # letters of one word (a digit filled into a form field beside a word is not)
        elif gap < pitch * _COLUMN_GAP:
            text += " " + char
        else:
            text = text.ljust(max(column, len(text) + 6)) + char
        previous_right = right
    return _TRAILING.sub("", text)


_LETTER_GAP = 0.3  # of a character's width: letters of one word
_FIELD_GAP = 0.05  # of a character's width: between a word and a digit typed into a form field ("ngày15")
_COLUMN_GAP = 2.0  # of a character's width: a gap this wide parts two columns, not two words


def _without_rules(line: list[tuple]) -> list[tuple]:
    """The line without the underscores drawn under or through its words (the rule under a motto made
    of '_' characters), which would otherwise land between its letters: those over a letter, and those
    wholly below the letters' baseline, under a space."""
    rules = [c for c in line if c[0] in "_‗¯"]
    if not rules or len(rules) == len(line):
        return line
    letters = [c for c in line if c[0] not in "_‗¯"]
    baseline = statistics.median(c[2] for c in letters)
    over_letter = _overlap_test(letters)
    return [c for c in line if c[0] not in "_‗¯" or not (c[4] <= baseline or over_letter(c[1], c[3]))]


def _overlap_test(letters: list[tuple]):
    """A test of whether the span (left, right) overlaps a letter's box, in log time (a line of
    thousands of underscores and letters is not compared pair by pair)."""
    import bisect
    import itertools

    boxes = sorted((c[1], c[3]) for c in letters)
    lefts = [left for left, _ in boxes]
    reach = list(itertools.accumulate((right for _, right in boxes), max))  # the furthest right so far

    def over_letter(left: float, right: float) -> bool:
        k = bisect.bisect_left(lefts, right)  # the letters starting before ``right``
        return k > 0 and reach[k - 1] > left

    return over_letter
_TRAILING = re.compile(r"\s+$")

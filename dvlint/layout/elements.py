"""Which paragraphs and runs of a .docx are each element, and how their looks differ from the values asked.

Shared by the DV8xx rules (rules/presentation.py), which report, and by
``dvlint check --fix`` on a .docx (dvlint.output.docx_fix), which repairs: both
find an element's runs the same way and apply the same tests, so the repair
sets exactly what the rules report and nothing they do not. The rules word the
findings; this module only says what is wrong, as plain values.

``report`` is the imported report (dvlint.model), read by attribute only;
``paragraphs_of`` maps a report field path to the paragraph numbers its value
was read from, first to last (``LoadedReport.paragraphs_of``); ``values`` is the
presentation value set for the document (dvlint.knowledge.presentation.ValueSet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEGACY_FONT = re.compile(r"^(\.vn|vni[- ]|vn[- ]?(?:time|arial)|\.vntime)", re.IGNORECASE)
ROMAN_LABEL = re.compile(r"^[IVXLC]+\s*[.\-–:)]?$")
ARABIC_LABEL = re.compile(r"^\d{1,2}\s*[.\-–:)]?$")
SUBJECT = re.compile(r"^\s*v\s*/\s*v\b", re.IGNORECASE)
FACE = re.compile(r"(?:[\s,-]+(?:bold|italic|regular|oblique|bolditalic|bold italic))+$", re.IGNORECASE)
TOGGLES = ("bold", "italic", "underline")


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def within(value: float, allowed, tolerance: float = 0.0) -> bool:
    return allowed[0] - tolerance <= value <= allowed[1] + tolerance


def half_point(size: float) -> float:
    """A size as Word stores it (w:sz is in half-points)."""
    return round(size * 2) / 2


def run_elements(look) -> list:
    """The w:r element of each of ``look.runs``, in the same order (the resolver reads the same runs)."""
    from dvlint.layout.resolve import _runs

    return [run for run, _ in _runs(look.element)]


# --- where each element is -----------------------------------------------------------------


def runs_for(look, text: str):
    """The runs of a paragraph that show ``text`` (an element may share its paragraph with another,
    as "Nơi nhận:" and "KT. CHỦ TỊCH" set side by side with tabs). None when the text cannot be found."""
    if not text or not text.strip():
        return None
    starts, position = [], 0
    for run in look.runs:
        starts.append(position)
        position += len(run.text)
    haystack = look.text.casefold()
    needle = text.strip().casefold()
    at = haystack.find(needle)
    if at < 0:
        words = needle.split()
        at = haystack.find(words[0]) if words else -1
        if at < 0:
            return None
        needle = words[0]
    end = at + len(needle)
    return [run for run, start in zip(look.runs, starts) if start < end and start + len(run.text) > at
            and run.text.strip()]


def looks_of(layout, paragraphs_of, field: str, text: str | None = None) -> list[tuple[int, object]]:
    """(number, look) of each paragraph ``field`` was read from (a name set on two lines has two);
    none for a data table's row, whose number holds several paragraphs.

    Given the value's ``text``, a value read over several paragraphs keeps only those whose words are
    the value's: a header table read band by band puts the Quốc hiệu between the issuer's two lines,
    and a "(Ban hành kèm theo ...)" line read with an appendix's title is the appendix's reference."""
    numbers = paragraphs_of(field)
    found = []
    for number in numbers:
        looks = layout.paragraphs.get(number)
        if not looks or len(looks) != 1:
            return []
        found.append((number, looks[0]))
    if text is None or not found:
        return found
    wanted = _folded(text)
    if len(found) > 1:
        found = [(number, look) for number, look in found
                 if _folded(look.text) and _folded(look.text) in wanted and not _bracketed(look.text)]
    return found + _continued(layout, found, wanted)


def _continued(layout, found, wanted: str) -> list[tuple[int, object]]:
    """The paragraphs after a value's last that hold the rest of its words: a trích yếu typed over two
    paragraphs is one value whose place the importer records at its first."""
    more = []
    number = found[-1][0] if found else 0
    shown = "".join(_folded(look.text).replace(" ", "") for _, look in found)
    while len(shown) < len(wanted.replace(" ", "")):
        looks = layout.paragraphs.get(number + 1)
        text = looks[0].text if looks and len(looks) == 1 else ""
        if not _folded(text) or _folded(text) not in wanted or _bracketed(text):
            break
        number += 1
        more.append((number, looks[0]))
        shown += _folded(looks[0].text).replace(" ", "")
    return more


def _bracketed(text: str) -> bool:
    """A paragraph wholly in brackets: "(Ban hành kèm theo ...)" under an appendix's title is its reference,
    not the title; "(trước sắp xếp) vào ..." continuing a trích yếu is the trích yếu."""
    text = text.strip()
    return text.startswith("(") and text.endswith(")")


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def element_runs(looks, text: str):
    """The runs showing ``text``: within one paragraph, those covering its words; over several
    paragraphs, every run of them (a paragraph shared with another element through tabs is left out)."""
    if len(looks) == 1:
        return runs_for(looks[0][1], text) or []
    return [run for _, look in looks if "\t" not in look.text for run in look.runs if run.text.strip()]


def element_fields(report, element):
    """(field path, text) of every value in the report that is this element."""
    pattern = element.field
    if element.kinds and " ".join((report.document.kind or "").split()).casefold() not in {
            k.casefold() for k in element.kinds}:
        return
    if pattern == "sections[*].heading":
        yield from headings(report, element.level)
        return
    if "[*]" in pattern:
        head, tail = pattern.split("[*]", 1)
        values = value_at(report, head) or []
        for index, value in enumerate(values):
            inner = value_at(value, tail.lstrip(".")) if tail else value
            if isinstance(inner, str) and inner.strip() and starts(inner, element.starts_with) and not (
                    pattern == "appendices[*].title" and inner.lstrip().startswith("(")):
                yield f"{head}[{index}]{tail}", inner  # "(Kèm theo ...)" read as a title is the appendix's reference
        return
    value = value_at(report, pattern)
    if not isinstance(value, str) or not value.strip():
        return
    if pattern == "document.title":
        is_subject = bool(SUBJECT.match(value))
        if (element.unless_subject and is_subject) or (element.only_subject and not is_subject):
            return
    yield pattern, value


def starts(text: str, beginnings) -> bool:
    """Whether ``text`` begins with one of ``beginnings`` (any when there are none), case and spaces aside."""
    if not beginnings:
        return True
    folded = " ".join(text.split()).casefold()
    return any(folded.startswith(" ".join(b.split()).casefold()) for b in beginnings)


def value_at(obj, dotted: str):
    for name in filter(None, dotted.split(".")):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def headings(report, level: int | None):
    """Headings of level 1 (labelled in Roman numerals, at the top) or 2 (labelled 1., 2. under a Roman one).

    Only these two: their looks are in the decree's table (mục 6.b); a report whose top level is
    "1." is not judged by the Roman level's capitals."""
    for section in report.sections:
        if not (section.label and ROMAN_LABEL.match(section.label.strip())):
            continue
        if level == 1 and section.heading:
            yield section.field_path("heading"), section.heading
        if level == 2:
            for child in section.children:
                if child.heading and child.label and ARABIC_LABEL.match(child.label.strip()):
                    yield child.field_path("heading"), child.heading


@dataclass(frozen=True)
class Target:
    """One value of an element found in the document: its paragraphs and the runs showing it."""

    key: str  # the element's key in presentation.yaml
    element: object  # its values (Element)
    field: str
    text: str
    looks: list  # (paragraph number, ParagraphLook), first to last
    runs: list  # the RunLooks showing the text

    @property
    def number(self) -> int:
        return self.looks[0][0]

    @property
    def look(self):
        """The first paragraph: its alignment is the element's."""
        return self.looks[0][1]


def element_targets(report, layout, values, paragraphs_of):
    """Every value of every recognised element with its paragraphs and runs, in the order of the value set."""
    for key, element in values.elements.items():
        for field, text in element_fields(report, element):
            looks = looks_of(layout, paragraphs_of, field, text)
            runs = element_runs(looks, text)
            if runs:
                yield Target(key, element, field, text, looks, runs)


# --- how an element differs ---------------------------------------------------------------


def shown_in_capitals(runs) -> bool:
    return all(run.caps or run.text == run.text.upper() for run in runs if has_letters(run.text))


def element_faults(element, look, runs) -> dict:
    """How the element's runs differ from the values asked, by kind (absent when right):

    "size": the sizes shown (all of them, when one is out of range); "bold", "italic",
    "underline": the runs with letters that are not as asked; "caps": True when not all
    shown in capitals; "align": the paragraph's alignment, when it is not one allowed (not
    judged when the paragraph holds a tab: the element shares its line with another)."""
    faults: dict = {}
    sizes = sorted({half_point(run.size) for run in runs if run.size is not None})
    if element.size and sizes and any(not within(size, element.size) for size in sizes):
        faults["size"] = sizes
    for attribute in TOGGLES:
        wanted = getattr(element, attribute)
        if wanted is None:
            continue
        wrong = [run for run in runs if has_letters(run.text) and getattr(run, attribute) != wanted]
        if wrong:
            faults[attribute] = wrong
    if element.caps and not shown_in_capitals(runs):
        faults["caps"] = True
    if element.align and "\t" not in look.text:
        alignment = look.alignment or "left"
        if alignment not in element.align:
            faults["align"] = alignment
    return faults


# --- fonts ----------------------------------------------------------------------------------


def all_looks(layout):
    for number in sorted(layout.paragraphs):
        for look in layout.paragraphs[number]:
            yield number, look


def family(font: str) -> str:
    """The font's family: "Times New Roman Bold" is Times New Roman's bold face, as some templates name it."""
    return FACE.sub("", font.strip()).casefold()


def stray_font(run, allowed: set[str]) -> bool:
    """A run with letters in a font not allowed (``allowed``: casefolded names)."""
    return bool(run.font) and family(run.font) not in allowed and has_letters(run.text)


def stray_fonts(layout, font) -> dict[str, list]:
    """Font name -> [(paragraph number, RunLook)] of the runs with letters in a font not asked for."""
    allowed = {name.casefold() for name in font.names}
    stray: dict[str, list] = {}
    for number, look in all_looks(layout):
        for run in look.runs:
            if stray_font(run, allowed):
                stray.setdefault(run.font, []).append((number, run))
    return stray


# --- body paragraphs ------------------------------------------------------------------------


def body_fields(report, not_starting=()):
    for index, text in enumerate(report.opening):
        if not (not_starting and starts(text, not_starting)):
            yield f"opening[{index}]", text
    for section in report.sections:
        for sub in section.walk():
            for index, text in enumerate(sub.paragraphs):
                yield f"{sub.field_path('paragraphs')}[{index}]", text
    for index, text in enumerate(report.closing):
        yield f"closing[{index}]", text


def body_looks(report, layout, paragraphs_of, not_starting=()):
    """(number, field, look) of the body's running text, once each, in order: not paragraphs in tables,
    nor lines wholly in capitals ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "QUYẾT ĐỊNH:"), which are the
    issuing authority or a heading set centred, not running text."""
    seen = set()
    for field, _ in body_fields(report, not_starting):
        for number, look in looks_of(layout, paragraphs_of, field):
            if number in seen:
                continue
            seen.add(number)
            if _running_text(look):
                yield number, field, look


def _running_text(look) -> bool:
    """Whether a body paragraph is running text, which II.6.e's justification and indent are for: not in a
    table, not wholly in capitals ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "QUYẾT ĐỊNH:"), not set centred in
    bold (a trích yếu's second line read as text), not a note wholly in brackets ("(Phân công nhiệm vụ
    theo Phụ lục đính kèm)")."""
    text = look.text.strip()
    if look.in_table or text == text.upper() or (text.startswith("(") and text.endswith(")")):
        return False
    lettered = [run for run in look.runs if has_letters(run.text)]
    return not (look.alignment == "center" and lettered and all(run.bold for run in lettered))


def lines_of(look, size: float | None) -> float | None:
    """The paragraph's line spacing in lines (None when an exact spacing cannot be counted without a size)."""
    if look.line_spacing is None:
        return 1.0  # nothing set anywhere: Word's single spacing
    rule_, value = look.line_spacing
    if rule_ == "auto":
        return value
    if size:
        return value / (1.15 * size)  # a single line of Times New Roman is about 1.15 x its size
    return None


def body_size_runs(look, body) -> list:
    """The runs with letters whose size is outside the body's range."""
    return [run for run in look.runs if run.size is not None and has_letters(run.text)
            and not within(half_point(run.size), body.size)]


def body_tests(body) -> dict:
    """kind -> test(look, previous) that is True when the paragraph is right; ``previous`` is the body
    paragraph just before it (None when the one before is not a body paragraph)."""
    def size_ok(look, _):
        return not body_size_runs(look, body)

    def aligned(look, _):
        return (look.alignment or "left") in body.align

    def indented(look, _):
        indent = look.first_line_indent or 0.0
        return any(abs(indent - wanted) <= body.indent_tolerance for wanted in body.first_line_indent)

    def spaced(look, previous):
        if previous is None:
            return True
        return (previous.space_after or 0.0) + (look.space_before or 0.0) >= body.space_between - 0.05

    def line_spaced(look, _):
        size = next((run.size for run in look.runs if run.size), None)
        lines = lines_of(look, size)
        return lines is None or within(lines, body.line_spacing, 0.02)

    return {"size": size_ok, "align": aligned, "indent": indented, "spacing": spaced, "line_spacing": line_spaced}


def body_faults(report, layout, values, paragraphs_of) -> tuple[int, dict]:
    """(the number of body paragraphs, kind -> [(number, field, look, previous look)] of those that fail)."""
    body = values.body
    looks = list(body_looks(report, layout, paragraphs_of, body.not_starting)) if body is not None else []
    faults: dict[str, list] = {}
    if not looks:
        return 0, faults
    for kind, test in body_tests(body).items():
        wrong, previous_number, previous = [], None, None
        for number, field, look in looks:
            before = previous if previous_number == number - 1 else None
            if not test(look, before):
                wrong.append((number, field, look, before))
            previous_number, previous = number, look
        if wrong:
            faults[kind] = wrong
    return len(looks), faults


# --- page -------------------------------------------------------------------------------------


def paper_wrong(section, page) -> bool:
    """The section's paper is not the size asked (either way round)."""
    if section.width is None or section.height is None:
        return False
    short, long = sorted((section.width, section.height))
    return abs(short - page.width) > page.tolerance or abs(long - page.height) > page.tolerance


# A landscape page keeps the portrait page's margins turned with it: its top edge is the portrait left
# (the bound edge, 30-35 mm), its left edge the portrait top (Phụ lục I, Phần I, mục I.2-3).
TURNED = {"top": "left", "bottom": "right", "left": "top", "right": "bottom"}


def margins_out(section, page) -> list[tuple[str, float, tuple]]:
    """(side, mm, allowed range) of each margin out of its range; a landscape section may have its
    margins as asked or turned with the page, whichever fits better."""
    def out(margins):
        wrong = []
        for side, allowed in margins.items():
            value = getattr(section, side, None)
            if value is not None and not within(value, allowed, page.margin_tolerance):
                wrong.append((side, value, allowed))
        return wrong

    wrong = out(page.margins)
    if section.landscape and wrong:
        turned = out({side: page.margins[TURNED[side]] for side in page.margins if TURNED[side] in page.margins})
        wrong = min(wrong, turned, key=len)
    return wrong


def page_number_faults(section, asked) -> list[str]:
    """What is wrong with the section's page numbers: "where", "alignment", "size", "first_page"."""
    numbers = section.page_numbers
    if numbers is None:
        return []
    wrong = []
    if numbers.where != asked.where:
        wrong.append("where")
    if numbers.alignment and numbers.alignment not in asked.align:
        wrong.append("alignment")
    if numbers.size is not None and not within(half_point(numbers.size), asked.size):
        wrong.append("size")
    if asked.first_page == "hidden" and numbers.first_page_shown and section.index == 1:
        wrong.append("first_page")
    return wrong

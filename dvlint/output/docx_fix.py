"""``dvlint check --fix`` / ``--diff`` on a .docx: set the looks the DV8xx rules report, never a word of the text.

The repair reads the file as checking does (bounded, the same importer and the
same resolved look: dvlint.read.loaders.open_docx_report), finds what is wrong
with the very functions the rules use (dvlint.layout.elements), and edits the
open document's XML through the elements the look points at:

- paper: w:pgSz to A4, keeping the orientation (11906 x 16838 twips, swapped
  for landscape); margins clamped into their ranges (a negative top or bottom,
  Word's "exactly", keeps its sign);
- runs: direct formatting, which wins over every style: w:rFonts w:ascii,
  w:hAnsi and w:cs set to Times New Roman (their theme attributes removed);
  w:sz and w:szCs to the nearest size allowed; w:b, w:i, w:u on or off
  explicitly; w:caps on where capitals are asked and the text is typed
  otherwise;
- paragraphs: w:jc; a body paragraph's w:ind w:firstLine to the allowed indent
  nearest the one it has (567 twips = 1 cm or 720 = 1.27 cm), w:spacing
  w:after so that 6 pt separate it from the next body paragraph, and its line
  spacing clamped to 1-1.5 lines (240-360, "auto");
- page numbers: the PAGE field's runs to the size asked, its paragraph
  centred, and w:titlePg on the first section when page 1 shows a number.

w:t is never written, but for runs in a legacy font (.VnTime and the other
TCVN3 fonts, VNI-Times): their letters are not Unicode, and setting Times New
Roman on them would show other letters. They are left alone and listed, or
with ``--convert-legacy`` converted with dvlint's legacy tables
(dvlint.source.legacy) and set in Times New Roman: only their encoding changes.

Then it proves itself: the edited document is saved to bytes and read again
from them as checking reads a file; every paragraph's text must be what it
was (the converted runs aside), or nothing is written. The findings before and
after, from the same engine, say what was fixed and what is left to the hand.
"""

from __future__ import annotations

import gc
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from dvlint.i18n import Msg
from dvlint.layout.elements import (
    LEGACY_FONT, all_looks, body_faults, body_size_runs, element_faults, element_targets, has_letters, half_point,
    lines_of, margins_out, page_number_faults, paper_wrong, run_elements, stray_font, within,
)
from dvlint.output.untrusted import safe_text
from dvlint.source.errors import LoadError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Times New Roman"
A4 = (11906, 16838)  # twips, portrait
TWIPS_PER_MM = 1440 / 25.4
LINES = (240, 360)  # w:line with w:lineRule="auto": 240ths of a line, single to 1.5
SYMBOL_FONT = ("symbol", "wingdings", "webdings", "marlett", "mt extra", "zapf dingbats")
ALIGN_NAMES = {"left": ("trái", "left"), "center": ("giữa", "centre"), "right": ("phải", "right"),
               "both": ("đều hai lề", "justified"), "distribute": ("dàn đều", "distributed")}
SIDES = {"top": ("lề trên", "top margin"), "bottom": ("lề dưới", "bottom margin"), "left": ("lề trái", "left margin"),
         "right": ("lề phải", "right margin")}
TOGGLE_NAMES = {"bold": ("đậm", "bold"), "italic": ("nghiêng", "italic"), "underline": ("gạch chân", "underline"),
                "caps": ("in hoa", "capitals")}
TOGGLE_TAGS = {"bold": "b", "italic": "i", "caps": "caps"}
PRESENTATION = "DV8"

NOT_READ = Msg("không đọc được cách trình bày ({reason}); tệp giữ nguyên",
               "its layout could not be read ({reason}); the file is left as it was")
NOT_REPAIRED = Msg("không sửa được ({reason}); tệp giữ nguyên",
                   "could not be repaired ({reason}); the file is left as it was")
NOT_PROVEN = Msg("bản sửa làm đổi chữ của đoạn {number}; không ghi, tệp giữ nguyên",
                 "the repair would change the text of paragraph {number}; nothing written, the file is left as it was")


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _points(value: float) -> str:
    return f"{value:g}"


def _mm(value: float) -> str:
    return f"{value:.1f}"


def _comma(text: str) -> str:
    """Numbers as Vietnamese writes them, with a decimal comma: "lề trái 25,4 -> 30,0 mm"."""
    return re.sub(r"(\d)\.(\d)", r"\1,\2", text)


@dataclass
class DocxFixOutcome:
    """What repairing one .docx did: its bytes before and after, and the changes, each where it was made."""

    path: Path
    original: bytes  # the file as read: it is replaced only if it still holds exactly this
    after: bytes | None = None  # None: nothing to change (or nothing proven)
    changes: dict = field(default_factory=dict)  # order -> [Msg], in the order made
    places: dict = field(default_factory=dict)  # order -> where (Msg): "section 1", "paragraph 6 (national name)"
    left_alone: list = field(default_factory=list)  # Msg: what was not changed and why
    fixed: dict = field(default_factory=dict)  # code -> how many of its findings the repair removed
    remaining: list = field(default_factory=list)  # the DV8xx Findings still there after the repair

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after != self.original

    def lines(self, lang: str) -> list[str]:
        """One line per place changed: ``report.docx: paragraph 6 (national name): size 14 -> 13, bold on``."""
        name = safe_text(str(self.path))
        return [f"{name}: {self.places[order].text(lang)}: {', '.join(dict.fromkeys(m.text(lang) for m in what))}"
                for order, what in sorted(self.changes.items())]

    def notes(self, lang: str) -> list[str]:
        name = safe_text(str(self.path))
        return [f"{name}: {note.text(lang)}" for note in self.left_alone]


class _Edits:
    """Collects the changes as they are made, by place; knows which XML is saved with the document.

    python-docx keeps a part it has no class for (the footnotes) as bytes: the importer reads a
    copy parsed from them, and an edit there would be lost on saving. Such paragraphs are left
    alone and listed."""

    def __init__(self, outcome: DocxFixOutcome, document):
        self.outcome = outcome
        self.named: set = set()
        self.saved = {id(part.element) for part in document.part.package.iter_parts()
                      if getattr(part, "element", None) is not None}
        self.unsaved: set = set()

    def writable(self, element, number: int | None = None) -> bool:
        """Whether an edit of ``element`` is saved with the document (noted once per paragraph when not)."""
        if element is not None and id(element.getroottree().getroot()) in self.saved:
            return True
        if number is not None and number not in self.unsaved:
            self.unsaved.add(number)
            self.outcome.left_alone.append(Msg(
                f"đoạn {number} nằm trong phần dvlint không ghi lại được (chú thích cuối trang): không sửa; sửa tay",
                f"paragraph {number} is in a part dvlint cannot write back (footnotes): not changed; fix it by hand"))
        return False

    def add(self, place: tuple, what: Msg) -> None:
        """``what`` changed at ``place`` (order, where, whether ``where`` names the element)."""
        order, where, named = place
        if order not in self.outcome.places or (named and order not in self.named):
            self.outcome.places[order] = where
            if named:
                self.named.add(order)
        self.outcome.changes.setdefault(order, []).append(what)


def fix_docx(path: Path, engine) -> DocxFixOutcome:
    """The repair of the .docx at ``path`` by ``engine``'s values and settings, in memory (see the module)."""
    try:
        return _fix_docx(path, engine)
    finally:
        gc.collect(1)  # python-docx's parts refer to each other: free the documents now (see dvlint.importers.docx)


def _fix_docx(path: Path, engine) -> DocxFixOutcome:
    from dvlint.knowledge.presentation import values_for
    from dvlint.read.loaders import open_docx_report

    settings = engine.settings
    opened = open_docx_report(path, settings)
    document, loaded = opened.document, opened.loaded
    outcome = DocxFixOutcome(path, opened.data)
    if isinstance(loaded.layout, Exception):
        raise LoadError("layout", NOT_READ.format(reason=f"{type(loaded.layout).__name__}: {loaded.layout}"))
    values = values_for(loaded.report)
    if values is None or loaded.layout is None:
        return outcome
    before = _presentation_findings(engine, loaded)
    edits = _Edits(outcome, document)
    try:
        converted = _repair(document, loaded, values, edits, outcome, settings.convert_legacy)
        if not outcome.changes:
            outcome.remaining = before
            return outcome
        buffer = io.BytesIO()
        document.save(buffer)
    except Exception as exc:  # noqa: BLE001 - an untrusted package python-docx reads but cannot edit or write back
        raise LoadError("cannot-repair", NOT_REPAIRED.format(reason=f"{type(exc).__name__}: {exc}")) from None
    fixed = buffer.getvalue()
    try:
        again = open_docx_report(path, settings, fixed)  # read back as checking reads a file
    except LoadError as exc:
        raise LoadError("not-proven", NOT_REPAIRED.format(reason=exc.message.en)) from None
    _prove_text(opened.paragraphs, again.paragraphs, converted)
    after = _presentation_findings(engine, again.loaded)
    outcome.after = fixed
    outcome.remaining = after
    counts_before, counts_after = _counts(before), _counts(after)
    outcome.fixed = {code: count - counts_after.get(code, 0) for code, count in counts_before.items()
                     if count > counts_after.get(code, 0)}
    return outcome


def _presentation_findings(engine, loaded) -> list:
    return [f for f in engine.check(loaded).findings if f.code.startswith(PRESENTATION)]


def _counts(findings) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    return counts


def _prove_text(old: list[str], new: list[str], converted: dict[int, list[tuple[str, str]]]) -> None:
    """Every paragraph reads as it did; a paragraph with converted runs, as it did with those runs converted."""
    if len(old) != len(new):
        raise LoadError("not-proven", NOT_PROVEN.format(number=min(len(old), len(new)) + 1))
    for number, (a, b) in enumerate(zip(old, new), start=1):
        for was, now in converted.get(number, ()):
            a = a.replace(was, now, 1)
        if a != b:
            raise LoadError("not-proven", NOT_PROVEN.format(number=number))


# --- the repair ------------------------------------------------------------------------------------


def _repair(document, loaded, values, edits: _Edits, outcome: DocxFixOutcome, convert_legacy: bool) -> dict:
    """Make every edit; returns the legacy runs converted, by paragraph number: [(text before, after)]."""
    layout, report, paragraphs_of = loaded.layout, loaded.report, loaded.paragraphs_of
    if values.page is not None:
        _repair_pages(layout, values.page, edits)
    if values.page_numbers is not None:
        _repair_page_numbers(layout, values.page_numbers, edits, outcome)
    converted: dict = {}
    if values.font is not None:
        converted = _repair_fonts(layout, values.font, edits, outcome, convert_legacy)
    for target in element_targets(report, layout, values, paragraphs_of):
        _repair_element(target, edits)
    if values.body is not None:
        _repair_body(report, layout, values, paragraphs_of, edits)
    return converted


def _paragraph_place(number: int, name=None) -> tuple:
    """(order, where, named) of a paragraph, named by its element when known: "paragraph 6 (national name)"."""
    if name is None:
        return (2, number), Msg(f"đoạn {number}", f"paragraph {number}"), False
    return (2, number), Msg(f"đoạn {number} ({name[0]})", f"paragraph {number} ({name[1]})"), True


# -- the page --

def _repair_pages(layout, page, edits: _Edits) -> None:
    """A4 keeping the orientation (a landscape page without a table is not turned: DV801 stays, for the hand)."""
    for section in layout.pages:
        sect = section.element
        where = ((0, section.index), Msg(f"section {section.index}", f"section {section.index}"), True)
        if sect is None or not edits.writable(sect):
            continue
        if paper_wrong(section, page):
            width, height = (A4[1], A4[0]) if section.landscape else A4
            size = sect.get_or_add_pgSz()
            size.set(_w("w"), str(width))
            size.set(_w("h"), str(height))
            if section.landscape:
                size.set(_w("orient"), "landscape")
            if size.get(_w("code")) is not None:
                size.set(_w("code"), "9")  # the printer's paper code of A4
            shown = f"{_mm(section.width)} x {_mm(section.height)} -> {_mm(width / TWIPS_PER_MM)} x {_mm(height / TWIPS_PER_MM)} mm"
            edits.add(where, Msg(_comma(f"khổ giấy {shown} (A4)"), f"paper {shown} (A4)"))
        margins = sect.find(_w("pgMar"))
        for side, value, allowed in margins_out(section, page):
            if margins is None:
                continue
            wanted = min(max(value, allowed[0]), allowed[1])
            twips = round(wanted * TWIPS_PER_MM)
            old = margins.get(_w(side)) or ""
            if side in ("top", "bottom") and old.strip().startswith("-"):
                twips = -twips  # Word's "exactly this, whatever the header holds"
            margins.set(_w(side), str(twips))
            vi, en = SIDES[side]
            edits.add(where, Msg(_comma(f"{vi} {_mm(value)} -> {_mm(abs(twips) / TWIPS_PER_MM)} mm"),
                                  f"{en} {_mm(value)} -> {_mm(abs(twips) / TWIPS_PER_MM)} mm"))


def _repair_page_numbers(layout, asked, edits: _Edits, outcome: DocxFixOutcome) -> None:
    for section in layout.pages:
        faults = page_number_faults(section, asked)
        numbers = section.page_numbers
        if not faults:
            continue
        where = ((1, section.index), Msg(f"số trang (section {section.index})", f"page numbers (section {section.index})"),
                 True)
        if "where" in faults:
            outcome.left_alone.append(Msg(
                f"số trang (section {section.index}) ở {'chân trang' if numbers.where == 'footer' else 'đầu trang'}: "
                "không tự chuyển; sửa tay",
                f"page numbers (section {section.index}) in the {numbers.where}: not moved; fix it by hand"))
        editable = numbers.paragraph is not None and edits.writable(numbers.paragraph)
        if not editable and {"size", "alignment"} & set(faults):
            outcome.left_alone.append(Msg(f"số trang (section {section.index}): phần đầu/chân trang không sửa được; sửa tay",
                                          f"page numbers (section {section.index}): its header or footer cannot be "
                                          "edited; fix it by hand"))
            faults = [fault for fault in faults if fault not in ("size", "alignment")]
        if "size" in faults and numbers.runs:
            wanted = min(max(half_point(numbers.size), asked.size[0]), asked.size[1])
            for run in numbers.runs:
                _set_size(run, wanted)
            edits.add(where, Msg(_comma(f"cỡ chữ {_points(numbers.size)} -> {_points(wanted)}"),
                                  f"size {_points(numbers.size)} -> {_points(wanted)}"))
        if "alignment" in faults and numbers.paragraph is not None:
            _set_alignment(numbers.paragraph, asked.align[0])
            edits.add(where, _alignment_msg(numbers.alignment, asked.align[0]))
        if "first_page" in faults:
            sect = section.element
            if numbers.title_page or sect is None or not edits.writable(sect):
                outcome.left_alone.append(Msg(
                    f"số trang (section {section.index}) hiện ở trang đầu (trang đầu có đầu trang riêng mang số): sửa tay",
                    f"page numbers (section {section.index}) shown on the first page by its own first-page "
                    "header: fix it by hand"))
            else:
                title = sect.get_or_add_titlePg()
                title.attrib.pop(_w("val"), None)
                edits.add(where, Msg("ẩn ở trang đầu (trang đầu khác, w:titlePg)",
                                      "hidden on the first page (different first page, w:titlePg)"))


# -- fonts --

def _legacy_converter(font: str):
    """(the encoding's name, bytes -> Unicode) for a legacy font; capital fonts (.VnTimeH) give capitals."""
    from dvlint.source import legacy

    if font.casefold().startswith("vni"):
        return "VNI", legacy.from_vni
    if font.rstrip().endswith("H"):
        return "TCVN3", lambda raw: legacy.from_tcvn3(raw).upper()
    return "TCVN3", legacy.from_tcvn3


def _legacy_bytes(text: str) -> bytes | None:
    """The bytes a legacy font's text stands for: Word keeps each byte as the Windows character it is."""
    for codec in ("latin-1", "cp1252"):
        try:
            return text.encode(codec)
        except UnicodeEncodeError:
            continue
    return None


def _repair_fonts(layout, font, edits: _Edits, outcome: DocxFixOutcome, convert_legacy: bool) -> dict:
    allowed = {name.casefold() for name in font.names}
    wanted = font.names[0]
    converted: dict[int, list[tuple[str, str]]] = {}
    legacy_noted: set = set()
    for number, look in all_looks(layout):
        strays = [(run, element) for run, element in zip(look.runs, run_elements(look)) if stray_font(run, allowed)]
        if strays and not edits.writable(look.element, number):
            continue
        for run, element in strays:
            name = safe_text(run.font)
            if run.font.casefold().startswith(SYMBOL_FONT):
                outcome.left_alone.append(Msg(f"không đổi phông: {name} ở đoạn {number} (phông ký hiệu)",
                                              f"not re-fonted: {name} in paragraph {number} (a symbol font)"))
                continue
            if LEGACY_FONT.match(run.font):
                if not convert_legacy:
                    if (name, number) not in legacy_noted:
                        legacy_noted.add((name, number))
                        outcome.left_alone.append(Msg(
                            f"không đổi phông: {name} ở đoạn {number}: chuyển mã bằng --convert-legacy",
                            f"not re-fonted: {name} in paragraph {number}: convert with --convert-legacy"))
                    continue
                done = _convert_run(element, run.font)
                if done is None:
                    outcome.left_alone.append(Msg(
                        f"không chuyển được mã chữ phông {name} ở đoạn {number}: sửa tay",
                        f"the text in {name} in paragraph {number} could not be converted: fix it by hand"))
                    continue
                encoding, pairs = done
                converted.setdefault(number, []).extend(pairs)
                _set_font(element, wanted)
                edits.add(_paragraph_place(number), Msg(
                    f"phông {name} -> {wanted}, chữ chuyển mã từ {encoding} sang Unicode (chỉ đổi bảng mã, không đổi chữ)",
                    f"font {name} -> {wanted}, its text converted from {encoding} to Unicode (the encoding only, "
                    "not the words)"))
                continue
            _set_font(element, wanted)
            edits.add(_paragraph_place(number), Msg(f"phông {name} -> {wanted}", f"font {name} -> {wanted}"))
    return converted


def _convert_run(run, font: str):
    """Convert the text of a legacy-font run in place: (encoding, [(text before, after)]), or None."""
    encoding, convert = _legacy_converter(font)
    texts = [t for t in run.iterchildren(_w("t"))]
    new = []
    for t in texts:
        raw = _legacy_bytes(t.text or "")
        if raw is None:
            return None
        new.append(convert(raw))
    pairs = []
    for t, text in zip(texts, new):
        pairs.append((t.text or "", text))
        t.text = text
    return encoding, pairs


# -- an element --

def _repair_element(target, edits: _Edits) -> None:
    element, look = target.element, target.look
    faults = element_faults(element, look, target.runs)
    if not faults:
        return
    if not all(edits.writable(each.element, number) for number, each in target.looks):
        return
    where = _paragraph_place(target.number, (element.name.vi, element.name.en))
    by_look = {key: r for _, each in target.looks for key, r in _elements_of(each).items()}
    elements = [(run, by_look[id(run)]) for run in target.runs if id(run) in by_look]
    if "size" in faults:
        for run, r in elements:
            if run.size is not None and not within(half_point(run.size), element.size):
                wanted = min(max(half_point(run.size), element.size[0]), element.size[1])
                _set_size(r, wanted)
                edits.add(where, Msg(_comma(f"cỡ chữ {_points(run.size)} -> {_points(wanted)}"),
                                      f"size {_points(run.size)} -> {_points(wanted)}"))
    for attribute in ("bold", "italic", "underline"):
        if attribute in faults:
            wanted = getattr(element, attribute)
            wrong = {id(run) for run in faults[attribute]}
            for run, r in elements:
                if id(run) in wrong:
                    _set_toggle(r, attribute, wanted)
            vi, en = TOGGLE_NAMES[attribute]
            edits.add(where, Msg(f"{vi}: {'bật' if wanted else 'tắt'}", f"{en} {'on' if wanted else 'off'}"))
    if "caps" in faults:
        for run, r in elements:
            if has_letters(run.text) and not run.caps and run.text != run.text.upper():
                _set_toggle(r, "caps", True)
        edits.add(where, Msg("in hoa: bật", "capitals on"))
    if "align" in faults:  # judged on its first paragraph; set on each it spans (not one shared through tabs)
        for _, each in target.looks:
            if "\t" not in each.text:
                _set_alignment(each.element, element.align[0])
        edits.add(where, _alignment_msg(faults["align"], element.align[0]))


def _alignment_msg(old: str | None, new: str) -> Msg:
    old_vi, old_en = _alignment_names(old or "left")
    new_vi, new_en = _alignment_names(new)
    return Msg(f"canh {old_vi} -> {new_vi}", f"aligned {old_en} -> {new_en}")


def _alignment_names(value: str) -> tuple[str, str]:
    return ALIGN_NAMES.get(value, (safe_text(value), safe_text(value)))


def _elements_of(look) -> dict[int, object]:
    """id(RunLook) -> its w:r (RunLooks are values: two alike in one paragraph are told apart by identity)."""
    return {id(run): element for run, element in zip(look.runs, run_elements(look))}


# -- body paragraphs --

def _repair_body(report, layout, values, paragraphs_of, edits: _Edits) -> None:
    body = values.body
    _, found = body_faults(report, layout, values, paragraphs_of)
    faults = {kind: [fault for fault in wrong if edits.writable(fault[2].element, fault[0])
                     and (kind != "spacing" or edits.writable(fault[3].element, fault[0] - 1))]
              for kind, wrong in found.items()}
    name = ("nội dung", "body")
    for number, _, look, _ in faults.get("size", ()):
        by_look = _elements_of(look)
        for run in body_size_runs(look, body):
            wanted = min(max(half_point(run.size), body.size[0]), body.size[1])
            if id(run) in by_look:
                _set_size(by_look[id(run)], wanted)
                edits.add(_paragraph_place(number, name), Msg(_comma(f"cỡ chữ {_points(run.size)} -> {_points(wanted)}"),
                                                               f"size {_points(run.size)} -> {_points(wanted)}"))
    for number, _, look, _ in faults.get("align", ()):
        _set_alignment(look.element, body.align[0])
        edits.add(_paragraph_place(number, name), _alignment_msg(look.alignment, body.align[0]))
    for number, _, look, _ in faults.get("indent", ()):
        current = look.first_line_indent or 0.0
        wanted = min(body.first_line_indent, key=lambda mm: abs(mm - current))
        twips = round(wanted * TWIPS_PER_MM)
        ind = look.element.get_or_add_pPr().get_or_add_ind()
        for name_ in ("hanging", "hangingChars", "firstLineChars"):  # the Chars forms win over w:firstLine
            ind.attrib.pop(_w(name_), None)
        ind.set(_w("firstLine"), str(twips))
        edits.add(_paragraph_place(number, name), Msg(_comma(f"thụt đầu dòng {_mm(current)} -> {_mm(twips / TWIPS_PER_MM)} mm"),
                                                       f"first-line indent {_mm(current)} -> {_mm(twips / TWIPS_PER_MM)} mm"))
    for number, _, look, previous in faults.get("spacing", ()):
        before = round((look.space_before or 0.0) * 20)
        wanted = max(round(body.space_between * 20) - before, 0)
        current = round((previous.space_after or 0.0) * 20)
        if wanted <= current:
            continue
        spacing = previous.element.get_or_add_pPr().get_or_add_spacing()
        for name_ in ("afterLines", "afterAutospacing"):  # they win over w:after
            spacing.attrib.pop(_w(name_), None)
        spacing.set(_w("after"), str(wanted))
        edits.add(_paragraph_place(number - 1, name), Msg(_comma(f"cách sau {_points(current / 20)} -> {_points(wanted / 20)} pt"),
                                                           f"space after {_points(current / 20)} -> {_points(wanted / 20)} pt"))
    for number, _, look, _ in faults.get("line_spacing", ()):
        size = next((run.size for run in look.runs if run.size), None)
        lines = lines_of(look, size)
        if lines is None:
            continue
        wanted = min(max(round(lines * 240), LINES[0]), LINES[1])
        spacing = look.element.get_or_add_pPr().get_or_add_spacing()
        spacing.set(_w("line"), str(wanted))
        spacing.set(_w("lineRule"), "auto")
        edits.add(_paragraph_place(number, name), Msg(_comma(f"giãn dòng {_points(round(lines, 2))} -> {_points(wanted / 240)} dòng"),
                                                       f"line spacing {_points(round(lines, 2))} -> {_points(wanted / 240)} lines"))


# --- the XML -----------------------------------------------------------------------------------------


def _rpr(run):
    return run.get_or_add_rPr()


def _set_size(run, points: float) -> None:
    rpr = _rpr(run)
    half = str(int(round(points * 2)))
    size = rpr.get_or_add_sz()
    size.set(_w("val"), half)
    complex_size = rpr.find(_w("szCs"))
    if complex_size is None:
        from docx.oxml import OxmlElement

        complex_size = OxmlElement("w:szCs")
        size.addnext(complex_size)
    complex_size.set(_w("val"), half)


def _set_toggle(run, attribute: str, on: bool) -> None:
    rpr = _rpr(run)
    if attribute == "underline":
        rpr.get_or_add_u().set(_w("val"), "single" if on else "none")
        return
    element = getattr(rpr, f"get_or_add_{TOGGLE_TAGS[attribute]}")()
    if on:
        element.attrib.pop(_w("val"), None)
    else:
        element.set(_w("val"), "0")


def _set_font(run, name: str) -> None:
    fonts = _rpr(run).get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "cs"):
        fonts.set(_w(slot), name)
    for theme in ("asciiTheme", "hAnsiTheme", "cstheme"):
        fonts.attrib.pop(_w(theme), None)


def _set_alignment(paragraph, value: str) -> None:
    paragraph.get_or_add_pPr().get_or_add_jc().set(_w("val"), value)

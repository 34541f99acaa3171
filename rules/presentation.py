"""DV8xx: how a Word file is laid out (thể thức và kỹ thuật trình bày).

Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I (state documents) and Hướng dẫn
36-HD/VPTW (Party documents) say how each element looks: paper, margins,
font, the size, weight, slant and case of each element, the rules drawn under
the header lines, body paragraphs and page numbers. The values are data
(rules/data/presentation.yaml), one set per format; a value not verified
against its text gives an info, never a warning or an error.

Only a .docx holds its looks: for other inputs the rules do not run (the
``layout`` fixture skips them) and the report says the family did not apply.
Formatting is read as Word shows it (dvlint.layout.resolve: styles, their
basedOn chains, document defaults, theme fonts, toggles), so a size set on a
style counts as much as one set on the run.
"""

from __future__ import annotations

import re

from dvlint import Problem, rule

LEGACY_FONT = re.compile(r"^(\.vn|vni[- ]|vn[- ]?(?:time|arial)|\.vntime)", re.IGNORECASE)
ROMAN_LABEL = re.compile(r"^[IVXLC]+\s*[.\-–:)]?$")
ARABIC_LABEL = re.compile(r"^\d{1,2}\s*[.\-–:)]?$")
SUBJECT = re.compile(r"^\s*v\s*/\s*v\b", re.IGNORECASE)
FACE = re.compile(r"(?:[\s,-]+(?:bold|italic|regular|oblique|bolditalic|bold italic))+$", re.IGNORECASE)


# --- reading the layout ------------------------------------------------------------


def _severity(values, element=None) -> str:
    """Unverified values inform; verified ones warn (an error only where a rule says so)."""
    verified = values.verified if element is None or element.verified is None else element.verified
    return "warning" if verified else "info"


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _runs_for(look, text: str):
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


def _looks_of(layout, paragraphs_of, field: str) -> list[tuple[int, object]]:
    """(number, look) of each paragraph ``field`` was read from (a name set on two lines has two);
    none for a data table's row, whose number holds several paragraphs."""
    found = []
    for number in paragraphs_of(field):
        looks = layout.paragraphs.get(number)
        if not looks or len(looks) != 1:
            return []
        found.append((number, looks[0]))
    return found


def _element_runs(looks, text: str):
    """The runs showing ``text``: within one paragraph, those covering its words; over several
    paragraphs, every run of them (a paragraph shared with another element through tabs is left out)."""
    if len(looks) == 1:
        return _runs_for(looks[0][1], text) or []
    return [run for _, look in looks if "\t" not in look.text for run in look.runs if run.text.strip()]


def _element_fields(report, key: str, element):
    """(field path, text) of every value in the report that is this element."""
    pattern = element.field
    if element.kinds and " ".join((report.document.kind or "").split()).casefold() not in {
            k.casefold() for k in element.kinds}:
        return
    if pattern == "sections[*].heading":
        yield from _headings(report, element.level)
        return
    if "[*]" in pattern:
        head, tail = pattern.split("[*]", 1)
        values = _value(report, head) or []
        for index, value in enumerate(values):
            inner = _value(value, tail.lstrip(".")) if tail else value
            if isinstance(inner, str) and inner.strip() and _starts(inner, element.starts_with) and not (
                    pattern == "appendices[*].title" and inner.lstrip().startswith("(")):
                yield f"{head}[{index}]{tail}", inner  # "(Kèm theo ...)" read as a title is the appendix's reference
        return
    value = _value(report, pattern)
    if not isinstance(value, str) or not value.strip():
        return
    if pattern == "document.title":
        is_subject = bool(SUBJECT.match(value))
        if (element.unless_subject and is_subject) or (element.only_subject and not is_subject):
            return
    yield pattern, value


def _starts(text: str, beginnings) -> bool:
    """Whether ``text`` begins with one of ``beginnings`` (any when there are none), case and spaces aside."""
    if not beginnings:
        return True
    folded = " ".join(text.split()).casefold()
    return any(folded.startswith(" ".join(b.split()).casefold()) for b in beginnings)


def _value(obj, dotted: str):
    for name in filter(None, dotted.split(".")):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def _headings(report, level: int | None):
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


def _quote(runs) -> str:
    words = "".join(run.text for run in runs).strip()
    return words if len(words) <= 60 else words[:57] + "..."


def _vi(value: float, decimals: int | None = None) -> str:
    """A number as Vietnamese writes it: a decimal comma ("1,27 cm", Phụ lục I, mục II.6.e)."""
    text = f"{value:.{decimals}f}" if decimals is not None else f"{value:g}"
    return text.replace(".", ",")


def _points(value: float) -> str:
    return f"{value:g}"


def _range(low: float, high: float) -> str:
    return _points(low) if low == high else f"{_points(low)}-{_points(high)}"


def _in(value: float, allowed, tolerance: float = 0.0) -> bool:
    return allowed[0] - tolerance <= value <= allowed[1] + tolerance


# --- page -----------------------------------------------------------------------------


@rule("DV801", "page-size", severity="error", weight=3,
      vi="Khổ giấy A4, trình bày theo chiều dài (chiều rộng chỉ cho trang có bảng)",
      en="A4 paper, portrait (landscape only for pages holding tables)")
def page_size(report, layout, presentation_values):
    """
    Tiếng Việt:
        Văn bản trình bày trên khổ A4 (210 mm x 297 mm), theo chiều dài; trang
        có bảng, biểu được trình bày theo chiều rộng (Nghị định 30/2020, Phụ
        lục I, Phần I, mục I.1-2). Kiểm tra từng section của tệp Word, sai
        lệch dưới 1 mm được bỏ qua. Bảng dùng để dàn trang tiêu đề, chữ ký
        không phải "bảng, biểu": section theo chiều rộng phải chứa bảng và báo
        cáo phải có bảng số liệu.
    English:
        A document is on A4 paper (210 x 297 mm), portrait; a section holding
        a table may be landscape (Phụ lục I, Phần I, mục I.1-2). Each section
        of the Word file is checked, within 1 mm. The header and the
        signature laid out in tables are no "bảng, biểu": a landscape section
        must hold a table and the report must have data tables.
    Ví dụ sai / Fails:
        # section 1: Letter, 215.9 x 279.4 mm
    Ví dụ đúng / Passes:
        # section 1: A4 portrait; section 2: A4 landscape holding a table
    """
    page = presentation_values.page
    if page is None:
        return
    severity = "error" if presentation_values.verified else "info"
    data_tables = any(s.tables for s in report.all_sections()) or any(a.tables for a in report.appendices)
    for section in layout.pages:
        if section.width is None or section.height is None:
            continue
        short, long = sorted((section.width, section.height))
        if abs(short - page.width) > page.tolerance or abs(long - page.height) > page.tolerance:
            yield Problem(None, severity=severity,
                          vi=f"Section {section.index}: khổ giấy {_vi(short, 1)} x {_vi(long, 1)} mm, không phải A4 "
                             f"({page.width:g} x {page.height:g} mm; {page.section})",
                          en=f"Section {section.index}: the paper is {short:.1f} x {long:.1f} mm, not A4 "
                             f"({page.width:g} x {page.height:g} mm; {page.section})")
        elif section.landscape and page.landscape == "tables" and not (section.has_table and data_tables):
            yield Problem(None, severity=_severity(presentation_values),
                          vi=f"Section {section.index} trình bày theo chiều rộng mà không có bảng ({page.section})",
                          en=f"Section {section.index} is landscape but holds no table ({page.section})")


@rule("DV802", "page-margins", severity="warning", weight=2,
      vi="Lề trang: trên, dưới 20-25 mm; trái 30-35 mm; phải 15-20 mm",
      en="Margins: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm")
def page_margins(layout, presentation_values):
    """
    Tiếng Việt:
        Lề trang cách mép trên và mép dưới 20-25 mm, mép trái 30-35 mm, mép
        phải 15-20 mm (Nghị định 30/2020, Phụ lục I, Phần I, mục I.3). Một
        thông báo cho mỗi section, nêu các lề sai. Sai lệch dưới 0,5 mm (làm
        tròn khi đổi đơn vị) được bỏ qua.
    English:
        Margins of 20-25 mm at the top and bottom, 30-35 mm on the left and
        15-20 mm on the right (Phụ lục I, Phần I, mục I.3). One finding per
        section naming the margins out of range, within 0.5 mm.
    Ví dụ sai / Fails:
        # left margin 25.4 mm (Word's 1 inch default)
    Ví dụ đúng / Passes:
        # top 20, bottom 20, left 30, right 15 mm
    """
    page = presentation_values.page
    if page is None:
        return
    names = {"top": ("trên", "top"), "bottom": ("dưới", "bottom"), "left": ("trái", "left"), "right": ("phải", "right")}
    for section in layout.pages:
        wrong = []
        for side, allowed in page.margins.items():
            value = getattr(section, side, None)
            if value is not None and not _in(value, allowed, page.margin_tolerance):
                wrong.append((names[side], value, allowed))
        if wrong:
            vi = ", ".join(f"lề {n[0]} {_vi(v, 1)} mm (quy định {_range(*a)})" for n, v, a in wrong)
            en = ", ".join(f"{n[1]} margin {v:.1f} mm (asked: {_range(*a)})" for n, v, a in wrong)
            yield Problem(None, severity=_severity(presentation_values),
                          vi=f"Section {section.index}: {vi} ({page.section})",
                          en=f"Section {section.index}: {en} ({page.section})")


# --- font -----------------------------------------------------------------------------


def _all_looks(layout):
    for number in sorted(layout.paragraphs):
        for look in layout.paragraphs[number]:
            yield number, look


def _family(font: str) -> str:
    """The font's family: "Times New Roman Bold" is Times New Roman's bold face, as some templates name it."""
    return FACE.sub("", font.strip()).casefold()


@rule("DV803", "font-family", severity="warning", weight=3,
      vi="Toàn văn bản dùng phông Times New Roman (Unicode)",
      en="The whole document is in Times New Roman (Unicode)")
def font_family(layout, presentation_values, paragraph_field):
    """
    Tiếng Việt:
        Phông chữ tiếng Việt Times New Roman, bộ mã Unicode (Nghị định
        30/2020, Phụ lục I, Phần I, mục I.4). Phông được đọc như Word hiển
        thị: từ đoạn chữ, kiểu ký tự, kiểu đoạn và chuỗi basedOn, mặc định
        của tài liệu, phông của theme; với chữ có dấu là phông ở ô hAnsi.
        Mỗi phông lạ một thông báo, chỉ vào đoạn đầu tiên dùng nó. Phông cũ
        (.VnTime, VNI-Times) nghĩa là chữ không phải Unicode.
    English:
        Times New Roman in Unicode (Phụ lục I, Phần I, mục I.4). The font is
        read as Word shows it: run, character style, paragraph style and its
        basedOn chain, document defaults, theme fonts; for letters with
        diacritics, the hAnsi slot. One finding per stray font, at the first
        paragraph using it. An old font (.VnTime, VNI-Times) means the text
        is not Unicode.
    Ví dụ sai / Fails:
        # a paragraph in Arial; the header in .VnTime
    Ví dụ đúng / Passes:
        # every run in Times New Roman, set on the Normal style
    """
    font = presentation_values.font
    if font is None:
        return
    allowed = {name.casefold() for name in font.names}
    stray: dict[str, list] = {}
    for number, look in _all_looks(layout):
        for run in look.runs:
            if run.font and _family(run.font) not in allowed and _has_letters(run.text):
                stray.setdefault(run.font, []).append((number, run))
    for name, uses in stray.items():
        number, run = uses[0]
        paragraphs = len({n for n, _ in uses})
        legacy = LEGACY_FONT.match(name)
        why_vi = " (phông cũ TCVN3/VNI: chữ không phải Unicode)" if legacy else ""
        why_en = " (an old TCVN3/VNI font: the text is not Unicode)" if legacy else ""
        yield Problem(paragraph_field(number), snippet=run.text.strip()[:40], severity=_severity(presentation_values),
                      vi=f"Phông '{name}'{why_vi} ở {paragraphs} đoạn, đầu tiên: '{_quote([run])}'; quy định "
                         f"{', '.join(font.names)} ({font.section})",
                      en=f"The font '{name}'{why_en} in {paragraphs} paragraph(s), first: '{_quote([run])}'; asked: "
                         f"{', '.join(font.names)} ({font.section})")


@rule("DV804", "font-color", severity="warning", weight=1,
      vi="Chữ màu đen",
      en="The text is black")
def font_color(layout, presentation_values, paragraph_field):
    """
    Tiếng Việt:
        Chữ màu đen (Nghị định 30/2020, Phụ lục I, Phần I, mục I.4). Màu
        "auto" của Word là đen. Mỗi màu lạ một thông báo, chỉ vào đoạn đầu
        tiên dùng nó.
    English:
        Black text (Phụ lục I, Phần I, mục I.4); Word's "auto" is black. One
        finding per colour, at the first paragraph using it.
    Ví dụ sai / Fails:
        # a run coloured FF0000 (red)
    Ví dụ đúng / Passes:
        # no colour set, or 000000
    """
    font = presentation_values.font
    if font is None:
        return
    allowed = {color.casefold() for color in font.colors}
    seen: dict[str, list] = {}
    for number, look in _all_looks(layout):
        for run in look.runs:
            if run.color and run.color.casefold() not in allowed and _has_letters(run.text):
                seen.setdefault(run.color.upper(), []).append((number, run))
    for color, uses in seen.items():
        number, run = uses[0]
        yield Problem(paragraph_field(number), snippet=run.text.strip()[:40], severity=_severity(presentation_values),
                      vi=f"Chữ màu #{color} ở {len({n for n, _ in uses})} đoạn, đầu tiên: '{_quote([run])}' ({font.section})",
                      en=f"Text coloured #{color} in {len({n for n, _ in uses})} paragraph(s), first: "
                         f"'{_quote([run])}' ({font.section})")


# --- each element ---------------------------------------------------------------------


def _shown_in_capitals(runs) -> bool:
    return all(run.caps or run.text == run.text.upper() for run in runs if _has_letters(run.text))


def _deviations(element, look, runs) -> list[tuple[str, str]]:
    """(vi, en) of each way the element's runs differ from the values asked."""
    found = []
    sizes = sorted({round(run.size * 2) / 2 for run in runs if run.size is not None})
    if element.size and sizes and any(not _in(size, element.size) for size in sizes):
        shown = ", ".join(_points(s) for s in sizes)
        found.append((f"cỡ chữ {shown} (quy định {_range(*element.size)})", f"size {shown} (asked: {_range(*element.size)})"))
    for attribute, (yes_vi, no_vi, yes_en, no_en) in {
        "bold": ("đậm", "không đậm", "bold", "not bold"),
        "italic": ("nghiêng", "đứng (không nghiêng)", "italic", "upright"),
        "underline": ("gạch chân", "không gạch chân", "underlined", "not underlined"),
    }.items():
        wanted = getattr(element, attribute)
        if wanted is None:
            continue
        wrong = [run for run in runs if _has_letters(run.text) and getattr(run, attribute) != wanted]
        if wrong:
            found.append((f"phải {yes_vi if wanted else no_vi}: '{_quote(wrong)}'",
                          f"must be {yes_en if wanted else no_en}: '{_quote(wrong)}'"))
    if element.caps and not _shown_in_capitals(runs):
        found.append(("phải in hoa", "must be in capitals"))
    if element.align and "\t" not in look.text:
        alignment = look.alignment or "left"
        if alignment not in element.align:
            names = {"left": ("canh trái", "left"), "center": ("canh giữa", "centred"), "right": ("canh phải", "right"),
                     "both": ("canh đều hai lề", "justified"), "distribute": ("dàn đều", "distributed")}
            shown_vi, shown_en = names.get(alignment, (alignment, alignment))
            asked_vi = " hoặc ".join(names.get(a, (a, a))[0] for a in element.align)
            asked_en = " or ".join(names.get(a, (a, a))[1] for a in element.align)
            found.append((f"{shown_vi} (quy định {asked_vi})", f"{shown_en} (asked: {asked_en})"))
    return found


@rule("DV805", "element-format", severity="warning", weight=1,
      vi="Mỗi thành phần thể thức đúng cỡ chữ, kiểu chữ, in hoa và canh lề quy định",
      en="Each element has the size, weight, slant, case and alignment asked for it")
def element_format(report, layout, presentation_values, paragraphs_of):
    """
    Tiếng Việt:
        Mỗi thành phần thể thức mà dvlint nhận ra (Quốc hiệu, tiêu ngữ, tên
        cơ quan, số ký hiệu, địa danh và ngày tháng, tên loại, trích yếu,
        V/v, Kính gửi, tiêu đề mục, Nơi nhận, quyền hạn, chức vụ và họ tên
        người ký, phụ lục) được so với cỡ chữ, đậm, nghiêng, in hoa, canh lề
        quy định cho thể thức của văn bản (Nghị định 30/2020, Phụ lục I, Phần
        I, mục II và bảng mẫu chữ; văn bản của Đảng theo Hướng dẫn
        36-HD/VPTW, chưa đối chiếu nên chỉ là thông tin). Mỗi thành phần một
        thông báo, nêu mọi điểm sai và trích chữ liên quan.
    English:
        Each element dvlint recognises (national name, motto, bodies, number,
        place and date, type, summary line, V/v, addressees, section
        headings, Nơi nhận, the signer's authority, title and name,
        appendices) is compared with the size, bold, italic, capitals and
        alignment asked for the document's format (Phụ lục I, Phần I, mục II
        and its table of type styles; Party documents by Hướng dẫn
        36-HD/VPTW, not verified, so info only). One finding per element,
        naming every deviation and quoting the words.
    Ví dụ sai / Fails:
        # the Quốc hiệu in 14 pt, not bold
    Ví dụ đúng / Passes:
        # the Quốc hiệu in 12 or 13 pt, bold, capitals
    """
    for key, element in presentation_values.elements.items():
        wrong = []  # (field, text, deviations) of each value of this element that looks wrong
        for field, text in _element_fields(report, key, element):
            looks = _looks_of(layout, paragraphs_of, field)
            runs = _element_runs(looks, text)
            deviations = _deviations(element, looks[0][1], runs) if runs else []
            if deviations:
                wrong.append((field, text, deviations))
        if wrong:
            yield _element_problem(element, wrong, _severity(presentation_values, element))


def _element_problem(element, wrong, severity: str) -> Problem:
    """One finding per element, at its first wrong value; an element with several values (the recipient
    list, the căn cứ lines, headings) says how many more look wrong."""
    field, text, deviations = wrong[0]
    more_vi = f" (và {len(wrong) - 1} dòng khác)" if len(wrong) > 1 else ""
    more_en = f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""
    return Problem(field, snippet=text.strip()[:40], severity=severity,
                   vi=f"{element.name.vi[:1].upper()}{element.name.vi[1:]}: " + "; ".join(vi for vi, _ in deviations)
                      + f"{more_vi} ({element.section})",
                   en=f"{element.name.en[:1].upper()}{element.name.en[1:]}: " + "; ".join(en for _, en in deviations)
                      + f"{more_en} ({element.section})")


# --- the rules drawn under header lines ----------------------------------------------


@rule("DV806", "rule-under", severity="warning", weight=1,
      vi="Có đường kẻ dưới tiêu ngữ, tên cơ quan ban hành và trích yếu, đúng độ dài",
      en="A line under the motto, the issuing body and the summary line, of the length asked")
def rule_under(report, layout, presentation_values, paragraphs_of):
    """
    Tiếng Việt:
        Dưới tiêu ngữ có đường kẻ ngang, nét liền, dài bằng dòng chữ; dưới
        tên cơ quan ban hành và dưới trích yếu có đường kẻ dài 1/3 đến 1/2
        dòng chữ (Nghị định 30/2020, Phụ lục I, Phần I, mục II.1.b, II.2.b,
        II.5.b). Đường kẻ được nhận ra khi là hình vẽ (shape, VML), viền dưới
        của đoạn, hay một dòng gạch dưới (___). Độ dài chỉ đo được với hình
        vẽ; dòng chữ được ước tính theo độ rộng ký tự Times New Roman, nên
        độ dài sai chỉ là thông tin.
    English:
        A solid line as long as the text under the motto; under the issuing
        body and the summary line, one 1/3 to 1/2 of the text's length (Phụ
        lục I, Phần I, mục II.1.b, II.2.b, II.5.b). A line is a drawn shape
        (DrawingML or VML), a paragraph's bottom border, or a line of
        underscores. Only a drawn line's length is measured, against the
        text's width estimated from Times New Roman's widths: a length off is
        an info.
    Ví dụ sai / Fails:
        # nothing drawn under "Độc lập - Tự do - Hạnh phúc"
    Ví dụ đúng / Passes:
        # a line shape anchored in the empty paragraph under the motto
    """
    for key, element in presentation_values.elements.items():
        if not element.rule_under:
            continue
        for field, text in _element_fields(report, key, element):
            looks = _looks_of(layout, paragraphs_of, field)
            if not looks:
                continue
            lines = [line for number, _ in looks for line in layout.lines_under.get(number, [])]
            name_vi, name_en = element.name.vi, element.name.en
            if not lines:
                yield Problem(field, snippet=text.strip()[:40], severity=_severity(presentation_values, element),
                              vi=f"Không thấy đường kẻ dưới {name_vi.lower()} ({element.section})",
                              en=f"No line is drawn under the {name_en} ({element.section})")
                continue
            problem = _length_problem(element, field, text, looks, lines, layout.text_width)
            if problem is not None:
                yield problem


def _length_problem(element, field, text, looks, lines, text_width):
    """An info when a drawn line's length is far from the one asked. The text's line is its estimated
    printed width, at most the width between the margins (a long trích yếu wraps: its longest line is
    the one the rule under it is measured against)."""
    from dvlint.layout.metrics import estimate_text_width

    measured = [line.length for line in lines if line.kind == "shape" and line.length]
    runs = _element_runs(looks, text)
    size = next((run.size for run in runs if run.size), None)
    if not measured or size is None:
        return None
    longest = max((look.text.strip() for _, look in looks), key=len) if len(looks) > 1 else text.strip()
    width = estimate_text_width(longest, size, bold=all(run.bold for run in runs))
    if text_width:
        width = min(width, text_width)
    if not width:
        return None
    ratio = max(measured) / width
    low, high = (0.8, 1.3) if element.rule_under == "full" else (0.25, 0.65)
    if low <= ratio <= high:
        return None
    asked_vi = "bằng dòng chữ" if element.rule_under == "full" else "từ 1/3 đến 1/2 dòng chữ"
    asked_en = "as long as the text" if element.rule_under == "full" else "1/3 to 1/2 of the text"
    return Problem(field, snippet=text.strip()[:40], severity="info",
                   vi=f"Đường kẻ dưới {element.name.vi.lower()} dài {max(measured):.0f} mm, dòng chữ khoảng {width:.0f} mm "
                      f"(quy định {asked_vi}; {element.section})",
                   en=f"The line under the {element.name.en} is {max(measured):.0f} mm, the text about {width:.0f} mm "
                      f"(asked: {asked_en}; {element.section})")


# --- body paragraphs --------------------------------------------------------------------


def _body_fields(report, not_starting=()):
    for index, text in enumerate(report.opening):
        if not (not_starting and _starts(text, not_starting)):
            yield f"opening[{index}]", text
    for section in report.sections:
        for sub in section.walk():
            for index, text in enumerate(sub.paragraphs):
                yield f"{sub.field_path('paragraphs')}[{index}]", text
    for index, text in enumerate(report.closing):
        yield f"closing[{index}]", text


def _body_looks(report, layout, paragraphs_of, not_starting=()):
    """(number, field, look) of the body's running text, once each, in order: not paragraphs in tables,
    nor lines wholly in capitals ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "QUYẾT ĐỊNH:"), which are the
    issuing authority or a heading set centred, not running text."""
    seen = set()
    for field, _ in _body_fields(report, not_starting):
        for number, look in _looks_of(layout, paragraphs_of, field):
            if number in seen:
                continue
            seen.add(number)
            if not look.in_table and look.text != look.text.upper():  # some lower-case letter: running text
                yield number, field, look


def _lines(look, size: float | None) -> float | None:
    if look.line_spacing is None:
        return 1.0  # nothing set anywhere: Word's single spacing
    rule_, value = look.line_spacing
    if rule_ == "auto":
        return value
    if size:
        return value / (1.15 * size)  # a single line of Times New Roman is about 1.15 x its size
    return None


def _body_checks(body):
    """(name vi, name en, test(look, previous) -> bool that is True when the paragraph is right)."""
    def size_ok(look, _):
        sizes = {round(run.size * 2) / 2 for run in look.runs if run.size is not None and _has_letters(run.text)}
        return all(_in(size, body.size) for size in sizes)

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
        lines = _lines(look, size)
        return lines is None or _in(lines, body.line_spacing, 0.02)

    asked_vi = " hoặc ".join(f"{_vi(v)} mm" for v in body.first_line_indent)
    asked_en = " or ".join(f"{v:g} mm" for v in body.first_line_indent)
    return [
        (f"cỡ chữ ngoài {_range(*body.size)}", f"a size outside {_range(*body.size)}", size_ok),
        ("không canh đều hai lề", "not justified", aligned),
        (f"thụt đầu dòng khác {asked_vi}", f"a first-line indent other than {asked_en}", indented),
        (f"cách đoạn trước dưới {body.space_between:g} pt", f"less than {body.space_between:g} pt from the one before", spaced),
        (f"giãn dòng ngoài {_range(*body.line_spacing)} dòng", f"line spacing outside {_range(*body.line_spacing)} lines",
         line_spaced),
    ]


@rule("DV807", "body-paragraphs", severity="warning", weight=2,
      vi="Đoạn văn nội dung: cỡ 13-14, canh đều, thụt đầu dòng 1 cm hoặc 1,27 cm, cách đoạn từ 6 pt, giãn dòng 1-1,5",
      en="Body paragraphs: 13-14 pt, justified, a 1 cm or 1.27 cm first-line indent, 6 pt apart, spacing 1-1.5 lines")
def body_paragraphs(report, layout, presentation_values, paragraphs_of):
    """
    Tiếng Việt:
        Nội dung văn bản: chữ in thường, canh đều hai lề, cỡ 13-14; đầu dòng
        lùi vào 1 cm hoặc 1,27 cm; khoảng cách giữa các đoạn tối thiểu 6 pt;
        giãn dòng từ dòng đơn đến 1,5 dòng (Nghị định 30/2020, Phụ lục I,
        Phần I, mục II.6.e). Chỉ các đoạn văn nội dung (không phải trong
        bảng, tiêu đề hay khối chữ ký). Một thông báo cho mỗi điểm sai, nêu
        số đoạn sai và đoạn đầu tiên, để không lặp lại hàng trăm lần.
    English:
        The body is justified, 13-14 pt, each paragraph's first line indented
        1 cm or 1.27 cm, at least 6 pt between paragraphs, line spacing from
        single to 1.5 lines (Phụ lục I, Phần I, mục II.6.e). Body paragraphs
        only (not tables, headings or the signature). One finding per
        property, counting the paragraphs and pointing at the first.
    Ví dụ sai / Fails:
        # body paragraphs left-aligned, no first-line indent
    Ví dụ đúng / Passes:
        # justified, first line 1.27 cm, 6 pt after, single spacing, 14 pt
    """
    body = presentation_values.body
    if body is None:
        return
    looks = list(_body_looks(report, layout, paragraphs_of, body.not_starting))
    if not looks:
        return
    for name_vi, name_en, test in _body_checks(body):
        wrong, previous_number, previous = [], None, None
        for number, field, look in looks:
            before = previous if previous_number == number - 1 else None
            if not test(look, before):
                wrong.append((field, look))
            previous_number, previous = number, look
        if wrong:
            field, look = wrong[0]
            yield Problem(field, snippet=look.text.strip()[:40], severity=_severity(presentation_values),
                          vi=f"{len(wrong)}/{len(looks)} đoạn nội dung {name_vi}, đầu tiên: '{_quote(look.runs)}' ({body.section})",
                          en=f"{len(wrong)} of {len(looks)} body paragraphs have {name_en}; the first: '{_quote(look.runs)}' "
                             f"({body.section})"
                          if name_en.startswith(("a ", "line")) else
                          f"{len(wrong)} of {len(looks)} body paragraphs are {name_en}; the first: '{_quote(look.runs)}' "
                          f"({body.section})")


# --- page numbers -------------------------------------------------------------------------


@rule("DV808", "page-numbers", severity="warning", weight=1,
      vi="Số trang: giữa lề trên, cỡ 13-14, không hiện ở trang đầu",
      en="Page numbers: centred in the top margin, 13-14 pt, none on the first page")
def page_numbers(layout, presentation_values):
    """
    Tiếng Việt:
        Số trang đánh bằng chữ số Ả Rập, cỡ 13-14, kiểu đứng, canh giữa
        trong lề trên, không hiện số trang thứ nhất (Nghị định 30/2020, Phụ
        lục I, Phần I, mục I.7). Chỉ kiểm tra khi văn bản có đánh số trang
        (văn bản một trang không cần số trang; dvlint không biết tệp Word
        dài mấy trang).
    English:
        Page numbers in Arabic figures, 13-14 pt, upright, centred in the top
        margin, not shown on the first page (Phụ lục I, Phần I, mục I.7).
        Checked only when the document numbers its pages (a one-page document
        needs none, and dvlint cannot count a Word file's pages).
    Ví dụ sai / Fails:
        # PAGE field in the footer, shown on page 1
    Ví dụ đúng / Passes:
        # PAGE field centred in the header, different first page
    """
    asked = presentation_values.page_numbers
    if asked is None:
        return
    for section in layout.pages:
        numbers = section.page_numbers
        if numbers is None:
            continue
        wrong = []
        if numbers.where != asked.where:
            wrong.append(("đặt ở chân trang, không ở lề trên", "in the footer, not the top margin")
                         if numbers.where == "footer" else ("không ở chân trang", "not in the footer"))
        if numbers.alignment and numbers.alignment not in asked.align:
            wrong.append((f"canh {numbers.alignment}, không canh giữa", f"aligned {numbers.alignment}, not centred"))
        if numbers.size is not None and not _in(round(numbers.size * 2) / 2, asked.size):
            wrong.append((f"cỡ chữ {_points(numbers.size)} (quy định {_range(*asked.size)})",
                          f"size {_points(numbers.size)} (asked: {_range(*asked.size)})"))
        if asked.first_page == "hidden" and numbers.first_page_shown and section.index == 1:
            wrong.append(("hiện số ở trang đầu", "shown on the first page"))
        if wrong:
            yield Problem(None, severity=_severity(presentation_values),
                          vi=f"Số trang (section {section.index}): " + "; ".join(v for v, _ in wrong) + f" ({asked.section})",
                          en=f"Page numbers (section {section.index}): " + "; ".join(e for _, e in wrong) + f" ({asked.section})")

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

from dvlint import Problem, rule
from dvlint.layout.elements import (
    LEGACY_FONT, all_looks, body_faults, element_faults, element_fields, element_targets, has_letters, looks_of,
    margins_out,
    page_number_faults, paper_wrong, stray_fonts,
)
from dvlint.layout.elements import element_runs as _element_runs

# --- reading the layout ------------------------------------------------------------
# Which paragraphs and runs each element is, and the tests, are in dvlint.layout.elements:
# ``dvlint check --fix`` (dvlint.output.docx_fix) repairs by the very same ones.


def _severity(values, element=None) -> str:
    """Unverified values inform; verified ones warn (an error only where a rule says so)."""
    verified = values.verified if element is None or element.verified is None else element.verified
    return "warning" if verified else "info"


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
        if paper_wrong(section, page):
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
        tròn khi đổi đơn vị) được bỏ qua. Trang xoay ngang (mục I.2) có thể
        giữ lề của trang dọc xoay theo: 30-35 mm ở cạnh đóng gáy, nay ở trên.
    English:
        Margins of 20-25 mm at the top and bottom, 30-35 mm on the left and
        15-20 mm on the right (Phụ lục I, Phần I, mục I.3). One finding per
        section naming the margins out of range, within 0.5 mm. A landscape
        section (mục I.2) may keep the portrait margins turned with the page:
        30-35 mm on the bound edge, now at the top.
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
        wrong = [(names[side], value, allowed) for side, value, allowed in margins_out(section, page)]
        if wrong:
            vi = ", ".join(f"lề {n[0]} {_vi(v, 1)} mm (quy định {_range(*a)})" for n, v, a in wrong)
            en = ", ".join(f"{n[1]} margin {v:.1f} mm (asked: {_range(*a)})" for n, v, a in wrong)
            yield Problem(None, severity=_severity(presentation_values),
                          vi=f"Section {section.index}: {vi} ({page.section})",
                          en=f"Section {section.index}: {en} ({page.section})")


# --- font -----------------------------------------------------------------------------


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
    for name, uses in stray_fonts(layout, font).items():
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
    for number, look in all_looks(layout):
        for run in look.runs:
            if run.color and run.color.casefold() not in allowed and has_letters(run.text):
                seen.setdefault(run.color.upper(), []).append((number, run))
    for color, uses in seen.items():
        number, run = uses[0]
        yield Problem(paragraph_field(number), snippet=run.text.strip()[:40], severity=_severity(presentation_values),
                      vi=f"Chữ màu #{color} ở {len({n for n, _ in uses})} đoạn, đầu tiên: '{_quote([run])}' ({font.section})",
                      en=f"Text coloured #{color} in {len({n for n, _ in uses})} paragraph(s), first: "
                         f"'{_quote([run])}' ({font.section})")


# --- each element ---------------------------------------------------------------------


NAMES = {
    "bold": ("đậm", "không đậm", "bold", "not bold"),
    "italic": ("nghiêng", "đứng (không nghiêng)", "italic", "upright"),
    "underline": ("gạch chân", "không gạch chân", "underlined", "not underlined"),
}
ALIGNMENTS = {"left": ("canh trái", "left"), "center": ("canh giữa", "centred"), "right": ("canh phải", "right"),
              "both": ("canh đều hai lề", "justified"), "distribute": ("dàn đều", "distributed")}


def _deviations(element, look, runs) -> list[tuple[str, str]]:
    """(vi, en) of each way the element's runs differ from the values asked (dvlint.layout.elements.element_faults)."""
    found = []
    faults = element_faults(element, look, runs)
    if "size" in faults:
        shown = ", ".join(_points(s) for s in faults["size"])
        found.append((f"cỡ chữ {shown} (quy định {_range(*element.size)})", f"size {shown} (asked: {_range(*element.size)})"))
    for attribute, (yes_vi, no_vi, yes_en, no_en) in NAMES.items():
        if attribute in faults:
            wanted, wrong = getattr(element, attribute), faults[attribute]
            found.append((f"phải {yes_vi if wanted else no_vi}: '{_quote(wrong)}'",
                          f"must be {yes_en if wanted else no_en}: '{_quote(wrong)}'"))
    if "caps" in faults:
        found.append(("phải in hoa", "must be in capitals"))
    if "align" in faults:
        alignment = faults["align"]
        shown_vi, shown_en = ALIGNMENTS.get(alignment, (alignment, alignment))
        asked_vi = " hoặc ".join(ALIGNMENTS.get(a, (a, a))[0] for a in element.align)
        asked_en = " or ".join(ALIGNMENTS.get(a, (a, a))[1] for a in element.align)
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
    wrong: dict[str, list] = {}  # element key -> (field, text, deviations) of each of its values that looks wrong
    for target in element_targets(report, layout, presentation_values, paragraphs_of):
        deviations = _deviations(target.element, target.look, target.runs)
        if deviations:
            wrong.setdefault(target.key, []).append((target.field, target.text, deviations))
    for key, found in wrong.items():
        element = presentation_values.elements[key]
        yield _element_problem(element, found, _severity(presentation_values, element))


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
    for element in presentation_values.elements.values():
        if not element.rule_under:
            continue
        for field, text in element_fields(report, element):
            looks = looks_of(layout, paragraphs_of, field, text)
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


def _printed_width(words: str, look, size: float, bold: bool, text_width: float | None) -> float:
    """About how wide a paragraph's longest printed line is, mm: its words' width in Times New Roman,
    at most its cell's width (or the width between the margins), since a longer text wraps there."""
    from dvlint.layout.lines import column_width
    from dvlint.layout.metrics import estimate_text_width

    width = estimate_text_width(words, size, bold=bold)
    column = column_width(look.element, text_width) or text_width
    return min(width, column) if column else width


def _length_problem(element, field, text, looks, lines, text_width):
    """An info when a drawn line's length is far from the one asked against the element's longest
    printed line (a name set on two lines or in two rows: the longer; one that wraps in its cell: the
    cell's width)."""
    measured = [line.length for line in lines if line.kind == "shape" and line.length]
    runs = _element_runs(looks, text)
    size = next((run.size for run in runs if run.size), None)
    if not measured or size is None:
        return None
    bold = all(run.bold for run in runs)
    shown = [(look.text.strip() if len(looks) > 1 else text.strip(), look) for _, look in looks]
    width = max(_printed_width(words, look, size, bold, text_width) for words, look in shown)
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


def _body_names(body) -> dict[str, tuple[str, str]]:
    """kind (dvlint.layout.elements.body_tests) -> (vi, en) of what a paragraph failing it has."""
    asked_vi = " hoặc ".join(f"{_vi(v)} mm" for v in body.first_line_indent)
    asked_en = " or ".join(f"{v:g} mm" for v in body.first_line_indent)
    return {
        "size": (f"cỡ chữ ngoài {_range(*body.size)}", f"a size outside {_range(*body.size)}"),
        "align": ("không canh đều hai lề", "not justified"),
        "indent": (f"thụt đầu dòng khác {asked_vi}", f"a first-line indent other than {asked_en}"),
        "spacing": (f"cách đoạn trước dưới {body.space_between:g} pt", f"less than {body.space_between:g} pt from the one before"),
        "line_spacing": (f"giãn dòng ngoài {_range(*body.line_spacing)} dòng",
                         f"line spacing outside {_range(*body.line_spacing)} lines"),
    }


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
    count, faults = body_faults(report, layout, presentation_values, paragraphs_of)
    for kind, (name_vi, name_en) in _body_names(body).items():
        wrong = faults.get(kind)
        if wrong:
            _, field, look, _ = wrong[0]
            yield Problem(field, snippet=look.text.strip()[:40], severity=_severity(presentation_values),
                          vi=f"{len(wrong)}/{count} đoạn nội dung {name_vi}, đầu tiên: '{_quote(look.runs)}' ({body.section})",
                          en=f"{len(wrong)} of {count} body paragraphs have {name_en}; the first: '{_quote(look.runs)}' "
                             f"({body.section})"
                          if name_en.startswith(("a ", "line")) else
                          f"{len(wrong)} of {count} body paragraphs are {name_en}; the first: '{_quote(look.runs)}' "
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
        faults = page_number_faults(section, asked)
        wrong = []
        if "where" in faults:
            wrong.append(("đặt ở chân trang, không ở lề trên", "in the footer, not the top margin")
                         if numbers.where == "footer" else ("không ở chân trang", "not in the footer"))
        if "alignment" in faults:
            wrong.append((f"canh {numbers.alignment}, không canh giữa", f"aligned {numbers.alignment}, not centred"))
        if "size" in faults:
            wrong.append((f"cỡ chữ {_points(numbers.size)} (quy định {_range(*asked.size)})",
                          f"size {_points(numbers.size)} (asked: {_range(*asked.size)})"))
        if "first_page" in faults:
            wrong.append(("hiện số ở trang đầu", "shown on the first page"))
        if wrong:
            yield Problem(None, severity=_severity(presentation_values),
                          vi=f"Số trang (section {section.index}): " + "; ".join(v for v, _ in wrong) + f" ({asked.section})",
                          en=f"Page numbers (section {section.index}): " + "; ".join(e for _, e in wrong) + f" ({asked.section})")

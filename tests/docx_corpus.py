"""Builds .docx test documents with python-docx, as writers' Word files are made.

A header laid out as a borderless two-column table, headings in Heading
styles, auto-numbered and bulleted lists (the label lives in the numbering
part, not in the text), a real footnote, a signature table whose right cell
breaks "KT. GIÁM ĐỐC" and "PHÓ GIÁM ĐỐC" with a line break, and an appendix
data table.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _cell_lines(cell, lines, bold=False):
    cell.paragraphs[0].text = ""
    for index, text in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold


def _add_footnotes(document, notes: dict[int, str]) -> None:
    body = "".join(
        f'<w:footnote w:id="{ident}"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote>'
        for ident, text in notes.items()
    )
    xml = (f'<w:footnotes xmlns:w="{W}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           f"{body}</w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _footnote_reference(paragraph, ident: int) -> None:
    run = paragraph.add_run()
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(ident))
    run._r.append(ref)


def state_report(path: Path, *, number="Số: 85/BC-SKHCN", date="Quảng Ngãi, ngày 15 tháng 12 năm 2022",
                 paragraphs_per_section: int = 1) -> Path:
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    _cell_lines(header.cell(0, 0), ["UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "-------", number])
    _cell_lines(header.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                    "---------------", date])
    document.add_paragraph().add_run("BÁO CÁO").bold = True
    document.add_paragraph().add_run("Kết quả thực hiện công tác dân vận chính quyền năm 2022").bold = True
    document.add_paragraph("Kính gửi: Ban Dân vận Tỉnh ủy Quảng Ngãi.")
    opening = document.add_paragraph(
        "Thực hiện Kế hoạch số 14/KH-UBND ngày 18/02/2022 của Ủy ban nhân dân tỉnh, "
        "Sở Khoa học và Công nghệ báo cáo kết quả như sau:")
    _footnote_reference(opening, 1)
    document.add_heading("I. KẾT QUẢ THỰC HIỆN", level=1)
    document.add_paragraph("Công tác lãnh đạo, chỉ đạo", style="List Number")
    for i in range(paragraphs_per_section):
        document.add_paragraph(
            f"Lãnh đạo Sở ban hành Kế hoạch số 05/KH-SKHCN ngày 10/01/2022 về công tác dân vận chính quyền "
            f"năm 2022 và phân công một Phó Giám đốc phụ trách (đoạn {i + 1}).")
    document.add_paragraph("Cải cách hành chính, tiếp công dân", style="List Number")
    for i in range(paragraphs_per_section):
        document.add_paragraph(
            "Trong năm, Sở tiếp nhận 120 hồ sơ thủ tục hành chính, giải quyết đúng hạn 120 hồ sơ, "
            f"đạt tỷ lệ 100%; tổ chức 12 buổi tiếp công dân định kỳ (đoạn {i + 1}).")
    document.add_heading("II. ĐÁNH GIÁ CHUNG", level=1)
    document.add_paragraph("Công tác dân vận chính quyền được triển khai đồng bộ, kịp thời.")
    document.add_heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023", level=1)
    document.add_paragraph("Tiếp tục thực hiện tốt Quy chế dân chủ ở cơ sở.")
    document.add_paragraph("Trên đây là báo cáo của Sở Khoa học và Công nghệ./.")
    foot = document.add_table(rows=1, cols=2)
    left = foot.cell(0, 0)
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    for line in ("Như trên;", "Giám đốc, các Phó Giám đốc Sở;", "Lưu: VT, VP."):
        left.add_paragraph(line, style="List Bullet")
    right = foot.cell(0, 1)
    authority = right.paragraphs[0].add_run("KT. GIÁM ĐỐC")
    authority.bold = True
    authority.add_break()
    right.paragraphs[0].add_run("PHÓ GIÁM ĐỐC").bold = True
    right.add_paragraph("(Đã ký)")
    right.add_paragraph().add_run("Nguyễn Văn An").bold = True
    document.add_page_break()
    document.add_paragraph().add_run("Phụ lục").bold = True
    document.add_paragraph("SỐ LIỆU CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2022")
    document.add_paragraph("(Kèm theo Báo cáo số 85/BC-SKHCN ngày 15/12/2022 của Sở Khoa học và Công nghệ)")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("STT", "Nội dung", "Số lượng"), ("1", "Hồ sơ tiếp nhận", "120"),
                             ("2", "Hồ sơ giải quyết đúng hạn", "120")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    _add_footnotes(document, {1: "Kế hoạch số 14/KH-UBND ngày 18/02/2022 về công tác dân vận chính quyền."})
    document.save(str(path))
    return path


# --- a report laid out as Nghị định 30/2020, Phụ lục I asks (for the DV8xx rules) -------------------

MM = 1440 / 25.4  # twips per millimetre


def _set_run(run, size=None, bold=None, italic=None, font="Times New Roman", color=None):
    if font:
        run.font.name = font
        fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:hAnsi"), font)
        fonts.set(qn("w:cs"), font)
    if size is not None:
        run.font.size = docx.shared.Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if color:
        run.font.color.rgb = docx.shared.RGBColor.from_string(color)


def _bottom_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    ppr.append(borders)


def _line(container, text, *, align="center", border=False, **look):
    paragraph = container.add_paragraph() if not hasattr(container, "_first") else container._first
    if hasattr(container, "_first"):
        del container._first
    paragraph.alignment = {"center": 1, "left": 0, "right": 2, "both": 3}[align]
    _set_run(paragraph.add_run(text), **look)
    if border:
        _bottom_border(paragraph)
    return paragraph


# What each element looks like by default: the decree's values. A test changes one.
WELL_PRESENTED = {
    "parent_body": dict(size=12, bold=False),
    "issuer": dict(size=12, bold=True),
    "national_name": dict(size=12, bold=True),
    "motto": dict(size=13, bold=True),
    "number": dict(size=13),
    "place_date": dict(size=13, italic=True),
    "kind": dict(size=14, bold=True),
    "title": dict(size=14, bold=True),
    "heading": dict(size=14, bold=True),
    "body": dict(size=14),
    "recipients_heading": dict(size=12, bold=True, italic=True),
    "recipients_lines": dict(size=11),
    "authority": dict(size=14, bold=True),
    "signer_title": dict(size=14, bold=True),
    "signer_name": dict(size=14, bold=True),
}


def well_presented_report(path: Path, *, looks: dict | None = None, page: dict | None = None, body_align="both",
                          first_line_indent_mm: float = 12.7, space_after_pt: float = 6, font="Times New Roman",
                          motto_line: bool = True, paragraphs: int = 3, page_number: str | None = "header",
                          first_page_number: bool = False, party: bool = False, normal_size: float | None = None,
                          body_run_size: bool = True, kind: str = "BÁO CÁO", issuer: tuple = ("SỞ NỘI VỤ",),
                          opening: tuple = (), title: str = "Kết quả công tác dân vận chính quyền năm 2024") -> Path:
    """A state report whose every element looks as Phụ lục I asks; ``looks`` changes an element's
    run formatting (``{"national_name": {"size": 14}}``), ``page`` the page setup (mm)."""
    looks = {key: {**value, **(looks or {}).get(key, {})} for key, value in WELL_PRESENTED.items()}
    for value in looks.values():
        value.setdefault("font", font)
    if not body_run_size:
        looks["body"].pop("size")
    document = docx.Document()
    if normal_size is not None:
        document.styles["Normal"].font.size = docx.shared.Pt(normal_size)
    setup = {"width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15, **(page or {})}
    section = document.sections[0]
    section.page_width, section.page_height = int(setup["width"] * MM * 635), int(setup["height"] * MM * 635)
    for side in ("top", "bottom", "left", "right"):
        setattr(section, f"{side}_margin", int(setup[side] * MM * 635))

    header = document.add_table(rows=2, cols=2)
    left, right = header.cell(0, 0), header.cell(0, 1)
    for cell in (left, right, header.cell(1, 0), header.cell(1, 1)):
        cell._first = cell.paragraphs[0]
    _line(left, "UBND TỈNH LÂM ĐỒNG", **looks["parent_body"])
    for index, name in enumerate(issuer):
        _line(left, name, border=index == len(issuer) - 1, **looks["issuer"])
    if party:
        _line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", border=motto_line, **looks["national_name"])
    else:
        _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", **looks["national_name"])
        _line(right, "Độc lập - Tự do - Hạnh phúc", border=motto_line, **looks["motto"])
    _line(header.cell(1, 0), "Số 12-BC/ĐU" if party else "Số: 12/BC-SNV", **looks["number"])
    _line(header.cell(1, 1), "Lâm Đồng, ngày 05 tháng 3 năm 2025", **looks["place_date"])

    _line(document, kind, **looks["kind"])
    title_lines = title.split("\n")  # a trích yếu typed over two paragraphs, the line under the last
    for index, text in enumerate(title_lines):
        _line(document, text, border=index == len(title_lines) - 1, **looks["title"])
    for text, italic in opening:
        _line(document, text, align="both", **{**looks["body"], "italic": italic})
    for number, heading in (("I", "KẾT QUẢ THỰC HIỆN"), ("II", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025")):
        _line(document, f"{number}. {heading}", align="both", **looks["heading"])
        for index in range(paragraphs):
            paragraph = _line(document, f"Nội dung thứ {index + 1} của phần {number}: các cơ quan, đơn vị đã triển khai "
                                        "thực hiện công tác dân vận chính quyền theo kế hoạch đề ra.",
                              align=body_align, **looks["body"])
            fmt = paragraph.paragraph_format
            fmt.first_line_indent = int(first_line_indent_mm * MM * 635)
            fmt.space_after = docx.shared.Pt(space_after_pt)
            fmt.space_before = docx.shared.Pt(0)

    foot = document.add_table(rows=1, cols=2)
    recipients, signer = foot.cell(0, 0), foot.cell(0, 1)
    recipients._first, signer._first = recipients.paragraphs[0], signer.paragraphs[0]
    _line(recipients, "Nơi nhận:", align="left", **looks["recipients_heading"])
    _line(recipients, "- Ban Dân vận Tỉnh ủy;", align="left", **looks["recipients_lines"])
    _line(recipients, "- Lưu: VT, CTTN.", align="left", **looks["recipients_lines"])
    _line(signer, "T/M ĐẢNG ỦY" if party else "KT. GIÁM ĐỐC", **looks["authority"])
    _line(signer, "BÍ THƯ" if party else "PHÓ GIÁM ĐỐC", **looks["signer_title"])
    _line(signer, "", **looks["signer_name"])
    _line(signer, "Nguyễn Văn An", **looks["signer_name"])
    if page_number:
        _page_number(section, page_number, first_page_number)
    document.save(path)
    return path


def _page_number(section, where: str, on_first_page: bool) -> None:
    """A PAGE field, centred, 14 pt, in the header or footer; no number on page 1 unless asked."""
    part = section.header if where == "header" else section.footer
    paragraph = part.paragraphs[0]
    paragraph.alignment = 1
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        _set_run(run, size=14)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    section.different_first_page_header_footer = not on_first_page

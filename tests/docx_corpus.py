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

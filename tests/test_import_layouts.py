"""Word layouts seen in real files (../shared/corpus/lam-dong), each built here with python-docx.

Every case is one layout a provincial office's .docx really has: the trích yếu in a one-cell
table or broken into bold paragraphs, Kính gửi in a two-cell table, the header and the foot set
side by side with tabs and spaces instead of a table (with the number's blank left for the
e-office system), a "DỰ THẢO" text box over the header, the signature in one cell with soft line
breaks, and the body going on after a form table. Each is read through the CLI too.
"""

from __future__ import annotations

import json

import docx
import pytest
from docx.oxml import parse_xml

from conftest import run_cli
from dvlint.read.loaders import load_docx_report
from dvlint.engine.config import Settings


def _bold(document_or_cell, text: str):
    paragraph = document_or_cell.add_paragraph()
    paragraph.add_run(text).bold = True
    return paragraph


def _header_table(document, number="Số: 15/QĐ-UBND", date="Lâm Đồng, ngày 05 tháng 3 năm 2025"):
    table = document.add_table(rows=2, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN").bold = True
    left.add_paragraph().add_run("TỈNH LÂM ĐỒNG").bold = True
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    table.rows[1].cells[0].paragraphs[0].text = number
    table.rows[1].cells[1].paragraphs[0].text = date
    return table


def _foot_table(document):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    for line in ("- Như Điều 3;", "- Lưu: VT, NC."):
        left.add_paragraph(line)
    run = right.paragraphs[0].add_run("KT. CHỦ TỊCH")
    run.bold = True
    run.add_break()  # a soft line break inside the one cell of the signature
    run.add_text("PHÓ CHỦ TỊCH")
    right.add_paragraph("")
    right.add_paragraph().add_run("Nguyễn Văn An").bold = True
    return table


def _body(document):
    _bold(document, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
    document.add_paragraph("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
    _bold(document, "QUYẾT ĐỊNH:")
    document.add_paragraph("Điều 1. Công nhận Ban Vận động thành lập Hội.")
    document.add_paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")


def _saved_and_read(document, path):
    """The report dvlint reads from ``document`` saved as the .docx ``path``."""
    document.save(path)
    return load_docx_report(path, Settings()).report


def test_a_trich_yeu_in_a_one_cell_table_under_the_type_name(tmp_path):
    document = docx.Document()
    _header_table(document)
    _bold(document, "QUYẾT ĐỊNH")
    box = document.add_table(rows=1, cols=1)
    box.rows[0].cells[0].paragraphs[0].add_run("Về việc công nhận Ban Vận động thành lập Hội").bold = True
    _body(document)
    _foot_table(document)
    report = _saved_and_read(document, tmp_path / "boxed.docx")
    assert report.document.title == "Về việc công nhận Ban Vận động thành lập Hội"
    assert [s.label for s in report.sections] == ["Điều 1.", "Điều 2."]
    assert (report.signature.authority, report.signature.title, report.signature.name) == (
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An")


def test_a_trich_yeu_broken_into_bold_paragraphs_is_one_summary(tmp_path):
    document = docx.Document()
    _header_table(document)
    _bold(document, "QUYẾT ĐỊNH")
    _bold(document, "Về việc cho phép hợp nhất Đoàn Luật sư tỉnh Lâm Đồng,")
    _bold(document, "Đoàn Luật sư tỉnh Bình Thuận")
    _bold(document, "thành Đoàn Luật sư tỉnh Lâm Đồng")
    _body(document)
    _foot_table(document)
    report = _saved_and_read(document, tmp_path / "broken-title.docx")
    assert report.document.title == ("Về việc cho phép hợp nhất Đoàn Luật sư tỉnh Lâm Đồng, "
                                     "Đoàn Luật sư tỉnh Bình Thuận thành Đoàn Luật sư tỉnh Lâm Đồng")
    assert report.opening[0] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"  # the enacting line is no summary


def test_a_trich_yeu_paragraph_that_word_wraps_onto_two_lines_is_still_the_summary(tmp_path):
    """A decision's summary in three bold paragraphs, the second of 125 letters: Word prints it on two
    lines; it is measured as a paragraph, not as one line of a text file (corpus: lam-dong 092)."""
    second = ("Bình Thuận (trước sắp xếp) thành Hội Thiện nguyện Lan tỏa yêu thương Bình Thuận tỉnh Lâm Đồng "
              "và phê duyệt Điều lệ (sửa đổi, bổ sung)")
    assert len(second) > 120
    document = docx.Document()
    _header_table(document)
    _bold(document, "QUYẾT ĐỊNH")
    _bold(document, "Về việc cho phép đổi tên Hội Thiện nguyện Lan tỏa yêu thương tỉnh")
    _bold(document, second)
    _bold(document, "Hội Thiện nguyện Lan tỏa yêu thương Bình Thuận tỉnh Lâm Đồng")
    _body(document)
    _foot_table(document)
    report = _saved_and_read(document, tmp_path / "long-title.docx")
    assert report.document.title == ("Về việc cho phép đổi tên Hội Thiện nguyện Lan tỏa yêu thương tỉnh "
                                     f"{second} Hội Thiện nguyện Lan tỏa yêu thương Bình Thuận tỉnh Lâm Đồng")
    assert report.opening[0] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"


def test_kinh_gui_in_a_two_cell_table(tmp_path):
    document = docx.Document()
    _header_table(document, number="Số: 110/TTr-SNV")
    _bold(document, "TỜ TRÌNH")
    _bold(document, "Về việc công nhận kết quả đại hội")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].paragraphs[0].text = "Kính gửi:"
    table.rows[0].cells[1].paragraphs[0].text = "- Lãnh đạo UBND tỉnh;"
    table.rows[0].cells[1].add_paragraph("- Lãnh đạo Văn phòng UBND tỉnh.")
    document.add_paragraph("Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.")
    _foot_table(document)
    report = _saved_and_read(document, tmp_path / "kinh-gui.docx")
    assert report.document.addressees == ["- Lãnh đạo UBND tỉnh;", "- Lãnh đạo Văn phòng UBND tỉnh."]
    assert report.opening == ["Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./."]


def test_header_and_foot_set_side_by_side_with_tabs_and_spaces(tmp_path):
    """No table: the header and 'Nơi nhận:<tab>TL. CHỦ TỊCH' typed side by side; the number's blank left
    wide for the e-office system ('Số:      /UBND-NC'), as in a công văn of the corpus."""
    document = docx.Document()
    document.add_paragraph("      ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    document.add_paragraph("       TỈNH LÂM ĐỒNG\t                          Độc lập - Tự do - Hạnh phúc")
    document.add_paragraph("")
    document.add_paragraph("     Số:             /UBND-NC                       Lâm Đồng, ngày         tháng 10 năm 2025")
    document.add_paragraph(" V/v triển khai thực hiện")
    document.add_paragraph("Công văn số 4552/BCA-C04 của Bộ Công an")
    document.add_paragraph("")
    document.add_paragraph(" \t \t                ")
    document.add_paragraph("                                                 Kính gửi: Công an tỉnh")
    document.add_paragraph("")
    document.add_paragraph("Ủy ban nhân dân tỉnh giao Công an tỉnh nghiên cứu, triển khai theo yêu cầu./.")
    document.add_paragraph("Nơi nhận:     \t    TL. CHỦ TỊCH")
    document.add_paragraph("- Như trên;\t\t\t\t     CHÁNH VĂN PHÒNG")
    document.add_paragraph("- Lưu: VT, NC.")
    document.add_paragraph("")
    document.add_paragraph("                                                                 Nguyễn Nhân Bản")
    report = _saved_and_read(document, tmp_path / "spaced.docx")
    doc = report.document
    assert (doc.issuer.name, doc.number, doc.place, doc.date) == (
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Số:             /UBND-NC", "Lâm Đồng", "ngày tháng 10 năm 2025")
    assert doc.kind == "công văn" and doc.title == "V/v triển khai thực hiện Công văn số 4552/BCA-C04 của Bộ Công an"
    assert doc.addressees == ["Công an tỉnh"]
    assert report.recipients.lines == ["- Như trên;", "- Lưu: VT, NC."]
    assert (report.signature.authority, report.signature.title, report.signature.name) == (
        "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Nguyễn Nhân Bản")


_TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
    '<w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p>'
    '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
)


def test_a_draft_mark_in_a_text_box_is_read_apart_and_once(tmp_path):
    document = docx.Document()
    table = _header_table(document, number="Số:      /QĐ-UBND", date="Lâm Đồng, ngày    tháng 3 năm 2025")
    table.rows[1].cells[0].paragraphs[0]._p.append(parse_xml(_TEXT_BOX))
    _bold(document, "QUYẾT ĐỊNH")
    _bold(document, "Về việc công nhận Ban Vận động thành lập Hội")
    _body(document)
    _foot_table(document)
    report = _saved_and_read(document, tmp_path / "draft.docx")
    assert report.document.issuer.name == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert report.document.number == "Số:      /QĐ-UBND"  # the blank for the number kept as it is
    assert "DỰ THẢODỰ THẢO" not in json.dumps(report.model_dump(), ensure_ascii=False)
    assert report.unclassified == ["DỰ THẢO"]  # kept, once, after the document's text


def test_the_body_after_a_form_table_stays_body(tmp_path):
    """A phiếu trình: its content is a form table right under Kính gửi; what follows it is no appendix."""
    document = docx.Document()
    _header_table(document, number="Số: 110-11/PT-NC", date="")
    _bold(document, "PHIẾU TRÌNH")
    form = document.add_table(rows=2, cols=2)
    form.rows[0].cells[0].paragraphs[0].text = "1. Văn bản trình"
    form.rows[0].cells[1].paragraphs[0].text = "Tờ trình số 509/TTr-SNV ngày 10/11/2025"
    form.rows[1].cells[0].paragraphs[0].text = "2. Đề xuất"
    form.rows[1].cells[1].paragraphs[0].text = "Trình Chủ tịch xem xét"
    document.add_paragraph("Văn phòng kính trình Chủ tịch xem xét, quyết định./.")
    report = _saved_and_read(document, tmp_path / "form.docx")
    assert report.document.kind == "PHIẾU TRÌNH"
    assert report.appendices == []
    assert report.sections[0].tables[0].rows[0] == ["1. Văn bản trình", "Tờ trình số 509/TTr-SNV ngày 10/11/2025"]
    assert report.sections[0].paragraphs == ["Văn phòng kính trình Chủ tịch xem xét, quyết định./."]


@pytest.mark.parametrize("number_line", [
    None,
    "Số:          /QĐ-UBND\tLâm Đồng, ngày tháng năm 2025",  # the decision's header copied over the charter
    "Số: 2775/SNV-CCHC&amp;VTLT; 10/11/2025; 11:00:27;",  # the e-office stamp on an appendix filed alone
])
def test_a_charter_issued_with_a_decision_is_refused_saying_so(tmp_path, number_line):
    """Through the CLI: no score, a load error naming what the file is and the line that says it."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].paragraphs[0].text = "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    table.rows[0].cells[1].paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    if number_line:
        document.add_paragraph(number_line)
    _bold(document, "ĐIỀU LỆ")
    _bold(document, "HIỆP HỘI DU LỊCH TỈNH LÂM ĐỒNG")
    document.add_paragraph("(Kèm theo Quyết định số /QĐ-UBND ngày tháng 12 năm 2025 của Chủ tịch UBND tỉnh)")
    document.add_paragraph("Chương I")
    document.add_paragraph("Điều 1. Tên gọi")
    path = tmp_path / "dieu-le.docx"
    document.save(path)
    proc = run_cli("check", str(path), "--lang", "en")
    assert proc.returncode == 2
    line = 6 if number_line else 5
    assert f"dieu-le.docx:{line}:1: not an administrative document: a charter issued with another document" in proc.stdout + proc.stderr
    explained = run_cli("import", str(path), "--explain")
    assert "issuer" in explained.stdout and "ĐIỀU LỆ" in explained.stdout  # how each paragraph was read
    assert explained.returncode == 2


def test_a_letter_s_header_table_read_band_by_band_with_its_subject_wrapped_at_a_citation(tmp_path):
    """Corpus 034: a three-row header table (issuer | Quốc hiệu, Số | place and date, V/v | -) whose
    subject wraps at 'số 3653/VPCP-CĐS'; read column by column, the date fell after the subject and
    the Kính gửi was lost, and 'Như trên' was reported with no addressee."""
    document = docx.Document()
    table = _header_table(document, number="Số:      /UBND-NC", date="Lâm Đồng, ngày tháng 4 năm 2026")
    cell = table.add_row().cells[0]
    cell.paragraphs[0].text = "V/v triển khai thực hiện Công văn"
    cell.add_paragraph("số 3653/VPCP-CĐS")
    cell.add_paragraph("của Văn phòng Chính phủ")
    document.add_paragraph("Kính gửi: Sở Khoa học và Công nghệ.")
    document.add_paragraph("Ủy ban nhân dân tỉnh nhận được Công văn số 3653/VPCP-CĐS ngày 24/4/2026.")
    _foot_table(document)
    report = _saved_and_read(document, tmp_path / "letter.docx")
    assert report.document.header.national_name == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert (report.document.place, report.document.date) == ("Lâm Đồng", "ngày tháng 4 năm 2026")
    assert report.document.title == "V/v triển khai thực hiện Công văn số 3653/VPCP-CĐS của Văn phòng Chính phủ"
    assert report.document.addressees == ["Sở Khoa học và Công nghệ."]


def test_a_summary_whose_last_line_lost_its_bold_ends_at_kinh_gui(tmp_path):
    """Corpus 123 (.doc through LibreOffice): the trích yếu's wrapped end is a plain paragraph."""
    document = docx.Document()
    _header_table(document)
    _bold(document, "TỜ TRÌNH")
    _bold(document, "Về việc đề nghị cho phép sáp nhập Liên đoàn Yoga tỉnh Bình Thuận (trước sắp xếp) vào Liên")
    document.add_paragraph("thành Liên đoàn Yoga tỉnh Lâm Đồng.")
    document.add_paragraph("Kính gửi: Chủ tịch UBND tỉnh Lâm Đồng")
    document.add_paragraph("Sở Nội vụ nhận được Đơn đề nghị của Liên đoàn Yoga tỉnh Lâm Đồng.")
    _foot_table(document)
    report = _saved_and_read(document, tmp_path / "to-trinh.docx")
    assert report.document.title.endswith("vào Liên thành Liên đoàn Yoga tỉnh Lâm Đồng.")
    assert report.document.addressees == ["Chủ tịch UBND tỉnh Lâm Đồng"]
    assert report.opening == ["Sở Nội vụ nhận được Đơn đề nghị của Liên đoàn Yoga tỉnh Lâm Đồng."]

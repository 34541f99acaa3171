"""Page setup, page numbers and the lines drawn under text, read from .docx files built here
(python-docx, with lxml where it has no API), saved and opened again (issue 20, Nghị định 30/2020
Phụ lục I)."""

from __future__ import annotations

import subprocess

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt
from lxml import etree

from dvlint.layout.lines import lines_under
from dvlint.layout.metrics import em_width, estimate_text_width
from dvlint.layout.model import PageNumbers, RuleLine
from dvlint.layout.page import pages, text_width

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECLS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
MOTTO = "Độc lập - Tự do - Hạnh phúc"
EMU_PER_MM = 36000


def xml(fragment: str):
    """An element from a fragment written with the w:, wp:, a:, wps:, v: ... prefixes."""
    wrapped = etree.fromstring(f"<wrap {DECLS}>{fragment}</wrap>")
    return wrapped[0]


def reopen(document, tmp_path, name="doc.docx"):
    path = tmp_path / name
    document.save(path)
    return docx.Document(path)


def numbered(document) -> dict[int, list]:
    """Every paragraph of the body and its tables, numbered in document order (as the importer
    numbers a plain document)."""
    body = document.element.body
    ps = [p for p in body.iter(qn("w:p")) if not any(a.tag.endswith("}Fallback") for a in p.iterancestors())]
    return {n: [p] for n, p in enumerate(ps, start=1)}


def number_of(document, text: str) -> int:
    for n, (p,) in numbered(document).items():
        if "".join(t.text or "" for t in p.iter(qn("w:t"))) == text:
            return n
    raise AssertionError(text)


# ---------------------------------------------------------------- page setup


def nd30_document():
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    document.add_paragraph("Nội dung")
    return document


def test_a4_portrait_with_nd30_margins(tmp_path):
    (page,) = pages(reopen(nd30_document(), tmp_path))
    assert page.index == 1
    assert page.width == pytest.approx(210, abs=0.1)
    assert page.height == pytest.approx(297, abs=0.1)
    assert not page.landscape
    assert (page.top, page.bottom, page.left, page.right) == pytest.approx((20, 20, 30, 15), abs=0.1)
    assert page.first_paragraph == 1
    assert page.has_table is False
    assert page.page_numbers is None


def test_text_width_is_the_page_less_the_side_margins(tmp_path):
    assert text_width(reopen(nd30_document(), tmp_path)) == pytest.approx(165, abs=0.1)


def test_letter_paper(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    (page,) = pages(reopen(document, tmp_path))
    assert (page.width, page.height) == pytest.approx((215.9, 279.4), abs=0.1)


def test_a_landscape_section_after_a_portrait_one_holds_the_table(tmp_path):
    document = nd30_document()
    document.add_paragraph("Hết phần dọc")
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    document.add_paragraph("Phụ lục")
    document.add_table(rows=2, cols=3)
    document.add_paragraph("Sau bảng")
    first, second = pages(reopen(document, tmp_path))
    assert (first.landscape, first.has_table, first.first_paragraph) == (False, False, 1)
    # the paragraph holding the first sectPr is the section's last ("Hết phần dọc" is 2; python-docx
    # puts the sectPr in a paragraph of its own, 3)
    assert (second.index, second.landscape, second.has_table, second.first_paragraph) == (2, True, True, 4)
    assert (second.width, second.height) == pytest.approx((297, 210), abs=0.1)


def test_wider_than_high_is_landscape_without_the_orient_attribute(tmp_path):
    document = docx.Document()
    document.sections[0].page_width, document.sections[0].page_height = Mm(297), Mm(210)
    document = reopen(document, tmp_path)
    pg_sz = document.element.body.find(qn("w:sectPr")).find(qn("w:pgSz"))
    pg_sz.attrib.pop(qn("w:orient"), None)
    assert pages(document)[0].landscape


def test_negative_top_and_bottom_margins_are_taken_as_their_distance(tmp_path):
    document = reopen(nd30_document(), tmp_path)
    pg_mar = document.element.body.find(qn("w:sectPr")).find(qn("w:pgMar"))
    pg_mar.set(qn("w:top"), "-1134")
    pg_mar.set(qn("w:left"), "-1701")  # left and right are never negative: junk
    (page,) = pages(document)
    assert page.top == pytest.approx(20.0, abs=0.01)
    assert page.left is None


def test_measures_with_units(tmp_path):
    document = reopen(nd30_document(), tmp_path)
    pg_mar = document.element.body.find(qn("w:sectPr")).find(qn("w:pgMar"))
    pg_mar.set(qn("w:left"), "3cm")
    pg_mar.set(qn("w:right"), "0.5in")
    (page,) = pages(document)
    assert (page.left, page.right) == pytest.approx((30, 12.7), abs=0.01)


# ---------------------------------------------------------------- page numbers


def page_field_runs(size_half_points: int | None = 26) -> list:
    """A complex PAGE field: begin, instruction, separate, the number shown, end."""
    rpr = f'<w:rPr><w:sz w:val="{size_half_points}"/></w:rPr>' if size_half_points else ""
    return [
        xml(f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'),
        xml(f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r>'),
        xml(f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'),
        xml(f'<w:r>{rpr}<w:t>2</w:t></w:r>'),
        xml(f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'),
    ]


def header_with_page(document, *, center=True, size=26, title_page=True):
    section = document.sections[0]
    section.different_first_page_header_footer = title_page
    paragraph = section.header.paragraphs[0]
    if center:
        paragraph.alignment = 1
    for run in page_field_runs(size):
        paragraph._p.append(run)
    return document


def test_a_page_field_centred_in_the_header_none_on_the_first_page(tmp_path):
    (page,) = pages(reopen(header_with_page(nd30_document()), tmp_path))
    assert page.page_numbers == PageNumbers(where="header", alignment="center", size=13.0, first_page_shown=False)


def test_without_a_distinct_first_page_the_first_page_is_numbered(tmp_path):
    (page,) = pages(reopen(header_with_page(nd30_document(), title_page=False), tmp_path))
    assert page.page_numbers.first_page_shown is True


def test_a_first_page_header_with_its_own_number_shows_it(tmp_path):
    document = header_with_page(nd30_document())
    first = document.sections[0].first_page_header.paragraphs[0]
    for run in page_field_runs(28):
        first._p.append(run)
    (page,) = pages(reopen(document, tmp_path))
    assert page.page_numbers.first_page_shown is True
    assert page.page_numbers.size == 13.0  # the other pages' number


def test_a_simple_field_in_the_footer_sized_by_the_footer_style(tmp_path):
    document = nd30_document()
    styles = document.styles
    styles["Footer"].font.size = Pt(14)
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = styles["Footer"]
    paragraph.alignment = 2
    paragraph._p.append(xml('<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    (page,) = pages(reopen(document, tmp_path))
    assert page.page_numbers == PageNumbers(where="footer", alignment="right", size=14.0, first_page_shown=True)


def test_a_field_without_any_size_falls_back_to_the_document_defaults(tmp_path):
    document = header_with_page(nd30_document(), size=None)
    (page,) = pages(reopen(document, tmp_path))
    assert page.page_numbers.size == 11.0  # python-docx's template: docDefaults w:sz 22


def test_a_page_number_building_block_wrapped_in_a_content_control(tmp_path):
    document = nd30_document()
    header = document.sections[0].header
    header._element.remove(header.paragraphs[0]._p)
    runs = "".join(etree.tostring(r).decode() for r in page_field_runs(26))
    runs = runs.replace(f' xmlns:w="{W_NS}"', "")
    header._element.append(xml(
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Page Numbers (Top of Page)"/>'
        '<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>'
        f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{runs}</w:p></w:sdtContent></w:sdt>'))
    (page,) = pages(reopen(document, tmp_path))
    assert page.page_numbers == PageNumbers(where="header", alignment="center", size=13.0, first_page_shown=True)


def test_numpages_alone_is_no_page_number(tmp_path):
    document = nd30_document()
    document.sections[0].header.paragraphs[0]._p.append(
        xml('<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>3</w:t></w:r></w:fldSimple>'))
    assert pages(reopen(document, tmp_path))[0].page_numbers is None


def test_a_number_set_on_the_header_styles_centre_tab(tmp_path):
    document = nd30_document()
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.style = document.styles["Header"]  # tab stops: centre at 4680, right at 9360
    paragraph._p.append(xml("<w:r><w:tab/></w:r>"))
    for run in page_field_runs(26):
        paragraph._p.append(run)
    assert pages(reopen(document, tmp_path))[0].page_numbers.alignment == "center"


def test_a_number_in_a_frame_is_placed_by_the_frame(tmp_path):
    document = nd30_document()
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph._p.get_or_add_pPr().append(xml('<w:framePr w:wrap="around" w:hAnchor="margin" w:xAlign="right"/>'))
    for run in page_field_runs(26):
        paragraph._p.append(run)
    numbers = pages(reopen(document, tmp_path))[0].page_numbers
    assert (numbers.where, numbers.alignment) == ("footer", "right")


def test_a_number_in_a_text_box_in_the_header_is_found_once(tmp_path):
    document = nd30_document()
    runs = "".join(etree.tostring(r).decode() for r in page_field_runs(28)).replace(f' xmlns:w="{W_NS}"', "")
    box = f'<w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr>{runs}</w:p></w:txbxContent>'
    document.sections[0].header.paragraphs[0]._p.append(xml(
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="900000" cy="300000"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:spPr><a:prstGeom prst="rect"/></wps:spPr><wps:txbx>{box}</wps:txbx></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:rect style="width:70pt;height:24pt"><v:textbox>{box}</v:textbox></v:rect></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r>'))
    numbers = pages(reopen(document, tmp_path))[0].page_numbers
    assert numbers == PageNumbers(where="header", alignment="center", size=14.0, first_page_shown=True)


def test_a_second_section_inherits_the_first_sections_header(tmp_path):
    document = header_with_page(nd30_document(), title_page=False)
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Phần hai")
    document = reopen(document, tmp_path)
    last = document.element.body.find(qn("w:sectPr"))
    assert last.find(qn("w:headerReference")) is None  # nothing of its own: linked to the previous
    first, second = pages(document)
    assert second.page_numbers == first.page_numbers
    assert second.page_numbers.where == "header"


def test_no_header_at_all(tmp_path):
    assert pages(reopen(nd30_document(), tmp_path))[0].page_numbers is None


def test_even_page_headers_count_only_when_the_document_keeps_them_apart(tmp_path):
    document = nd30_document()
    document.settings.odd_and_even_pages_header_footer = True
    for run in page_field_runs(26):
        document.sections[0].even_page_header.paragraphs[0]._p.append(run)
    document = reopen(document, tmp_path)
    assert pages(document)[0].page_numbers.where == "header"
    document.settings.element.remove(document.settings.element.find(qn("w:evenAndOddHeaders")))
    assert pages(document)[0].page_numbers is None


# ---------------------------------------------------------------- hostile input


@pytest.mark.parametrize("junk", ["abc", "-1", "1e12", "99999999999999999999999", "", "NaN", "inf", "0"])
def test_junk_in_the_section_is_none(tmp_path, junk):
    document = reopen(nd30_document(), tmp_path)
    sect = document.element.body.find(qn("w:sectPr"))
    for name in ("w", "h"):
        sect.find(qn("w:pgSz")).set(qn(f"w:{name}"), junk)
    for name in ("top", "bottom", "left", "right"):
        sect.find(qn("w:pgMar")).set(qn(f"w:{name}"), junk)
    (page,) = pages(document)
    assert (page.width, page.height) == (None, None)  # a page 0 mm wide is junk too
    if junk == "0":
        assert (page.top, page.bottom, page.left, page.right) == (0.0,) * 4
    elif junk == "-1":  # top and bottom may be negative ("exactly"): 1 twip; left and right may not
        assert (page.top, page.bottom, page.left, page.right) == (25.4 / 1440, 25.4 / 1440, None, None)
    else:
        assert (page.top, page.bottom, page.left, page.right) == (None,) * 4
    assert text_width(document) is None


def test_a_header_reference_to_a_missing_part(tmp_path):
    document = reopen(header_with_page(nd30_document()), tmp_path)
    sect = document.element.body.find(qn("w:sectPr"))
    for ref in sect.findall(qn("w:headerReference")):
        ref.set(qn("r:id"), "rId999")
    sect.insert(0, xml('<w:footerReference w:type="default"/>'))  # no r:id at all
    (page,) = pages(document)
    assert page.page_numbers is None


def test_a_body_without_any_section_properties(tmp_path):
    document = reopen(nd30_document(), tmp_path)
    body = document.element.body
    body.remove(body.find(qn("w:sectPr")))
    (page,) = pages(document)
    assert (page.width, page.left, page.page_numbers, page.first_paragraph) == (None, None, None, 1)


def test_an_unterminated_field_and_a_stray_end(tmp_path):
    document = nd30_document()
    paragraph = document.sections[0].header.paragraphs[0]._p
    paragraph.append(xml('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    paragraph.append(xml('<w:r><w:fldChar w:fldCharType="separate"/></w:r>'))
    paragraph.append(xml('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'))
    paragraph.append(xml('<w:r><w:instrText>PAGE</w:instrText></w:r>'))
    assert pages(reopen(document, tmp_path))[0].page_numbers is None


# ---------------------------------------------------------------- lines under text


def anchored_line(cx_mm: float, *, offset_pt: float = 1.0, prst: str = "line", fallback: bool = True,
                  rot: int | None = None, cy_mm: float = 0.0) -> object:
    """A run holding a DrawingML line floating from its paragraph's top, as Word writes it: the
    mc:Choice, and (optionally) the VML copy in mc:Fallback."""
    cx, cy, offset = round(cx_mm * EMU_PER_MM), round(cy_mm * EMU_PER_MM), round(offset_pt * 12700)
    xfrm = f'<a:xfrm rot="{rot}"><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>' if rot else ""
    choice = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>762000</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{offset}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        '<wp:docPr id="1" name="Straight Connector 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvCnPr/><wps:spPr>{xfrm}<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom></wps:spPr>'
        '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
    )
    if not fallback:
        return xml(f"<w:r>{choice}</w:r>")
    width_pt = cx_mm * 72 / 25.4
    return xml(
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{choice}</mc:Choice><mc:Fallback><w:pict>'
        f'<v:line style="position:absolute;z-index:1" from="60pt,{offset_pt}pt" to="{60 + width_pt}pt,{offset_pt}pt"/>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def header_table(document):
    """A header table as real documents have it: issuer | Quốc hiệu and tiêu ngữ, then an empty
    paragraph holding the line under the tiêu ngữ."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN")
    left.add_paragraph("TỈNH LÂM ĐỒNG")
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    right.add_paragraph(MOTTO)
    return table


def test_a_line_in_an_empty_paragraph_under_the_motto_in_a_table_cell_counted_once(tmp_path):
    document = nd30_document()
    table = header_table(document)
    holder = table.rows[0].cells[1].add_paragraph()
    holder._p.append(anchored_line(60.0))
    document = reopen(document, tmp_path)
    found = lines_under(document, numbered(document))
    assert found == {number_of(document, MOTTO): [RuleLine("shape", pytest.approx(60.0, abs=0.01))]}


def test_a_line_in_the_cell_below_at_the_top_of_its_paragraph_is_under_the_cell_above(tmp_path):
    """As in a real file: the line under the tiêu ngữ anchored in the place-and-date paragraph of the
    row below, drawn 1 pt from that paragraph's top."""
    document = nd30_document()
    table = header_table(document)
    row = table.add_row()
    row.cells[0].paragraphs[0].add_run("Số:    /UBND-NC")
    dated = row.cells[1].paragraphs[0]
    dated.add_run("Lâm Đồng, ngày    tháng 9 năm 2025")
    dated._p.append(anchored_line(60.0, offset_pt=1.0))
    row.cells[0].paragraphs[0]._p.append(anchored_line(20.0, offset_pt=1.0))
    document = reopen(document, tmp_path)
    found = lines_under(document, numbered(document))
    assert found == {
        number_of(document, MOTTO): [RuleLine("shape", pytest.approx(60.0, abs=0.01))],
        number_of(document, "TỈNH LÂM ĐỒNG"): [RuleLine("shape", pytest.approx(20.0, abs=0.01))],
    }


def test_a_line_placed_below_its_own_text_is_under_it(tmp_path):
    document = nd30_document()
    table = header_table(document)
    motto = table.rows[0].cells[1].paragraphs[1]
    motto.runs[0].font.size = Pt(13)
    motto._p.append(anchored_line(58.0, offset_pt=18.8))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {
        number_of(document, MOTTO): [RuleLine("shape", pytest.approx(58.0, abs=0.01))]}


def test_a_vml_line(tmp_path):
    document = nd30_document()
    table = header_table(document)
    holder = table.rows[0].cells[1].add_paragraph()
    holder._p.append(xml(
        '<w:r><w:pict><v:line id="Straight Connector 2" style="position:absolute;z-index:1;'
        'mso-position-vertical-relative:text" from="59.3pt,1.5pt" to="229.4pt,1.5pt"/></w:pict></w:r>'))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {
        number_of(document, MOTTO): [RuleLine("shape", pytest.approx(170.1 * 25.4 / 72, abs=0.01))]}


def test_a_vml_straight_connector_of_no_height(tmp_path):
    document = nd30_document()
    table = header_table(document)
    holder = table.rows[0].cells[0].add_paragraph()
    holder._p.append(xml(
        '<w:r><w:pict><v:shape type="#_x0000_t32" style="position:absolute;margin-left:60.55pt;'
        'margin-top:.95pt;width:56.7pt;height:0;mso-position-vertical-relative:text" o:connectortype="straight"/>'
        '</w:pict></w:r>'))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {
        number_of(document, "TỈNH LÂM ĐỒNG"): [RuleLine("shape", pytest.approx(20.0, abs=0.01))]}


def test_upright_and_tiny_shapes_are_no_lines(tmp_path):
    document = nd30_document()
    holder = document.add_paragraph()
    holder._p.append(anchored_line(40.0, rot=5400000, fallback=False))  # a quarter turn: vertical
    holder._p.append(anchored_line(0.02, fallback=False))  # a speck (a real file has a 0.05 pt one)
    holder._p.append(anchored_line(0.0, cy_mm=30.0, fallback=False))  # taller than wide
    holder._p.append(anchored_line(30.0, prst="ellipse", fallback=False))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {}


def test_a_thin_rectangle_is_a_line(tmp_path):
    document = nd30_document()
    document.add_paragraph("V/v báo cáo kết quả")
    document.add_paragraph()._p.append(anchored_line(30.0, prst="rect", cy_mm=0.5, fallback=False))
    document.add_paragraph()._p.append(anchored_line(30.0, prst="rect", cy_mm=10.0, fallback=False))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {
        number_of(document, "V/v báo cáo kết quả"): [RuleLine("shape", pytest.approx(30.0, abs=0.01))]}


def test_lines_in_a_group(tmp_path):
    document = nd30_document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH")
    cx, cy = 40 * EMU_PER_MM, 1 * EMU_PER_MM
    document.add_paragraph()._p.append(xml(
        '<w:r><w:drawing><wp:anchor><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
        f'</wp:positionV><wp:extent cx="{cx}" cy="{cy}"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><wpg:wgp>'
        f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="{cx // 2}" cy="{cy}"/></a:xfrm></wpg:grpSpPr>'
        f'<wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx // 2}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"/></wps:spPr></wps:wsp>'
        '</wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {
        number_of(document, "ỦY BAN NHÂN DÂN TỈNH"): [RuleLine("shape", pytest.approx(40.0, abs=0.01))]}


def bottom_border(p_element):
    p_element.get_or_add_pPr().append(xml(
        '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'))


def test_a_bottom_border_runs_across_the_text_less_its_indents(tmp_path):
    document = nd30_document()
    paragraph = document.add_paragraph("V/v triển khai công tác dân vận")
    paragraph.paragraph_format.left_indent = Mm(40)
    paragraph.paragraph_format.right_indent = Mm(45)
    bottom_border(paragraph._p)
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {
        number_of(document, "V/v triển khai công tác dân vận"): [RuleLine("border", pytest.approx(80.0, abs=0.1))]}


def test_a_bottom_border_from_the_style_in_a_table_cell(tmp_path):
    document = nd30_document()
    style = document.styles.add_style("Ke duoi", 1)
    bottom_border(style.element)
    table = document.add_table(rows=1, cols=1)
    cell = table.rows[0].cells[0]
    cell.width = Mm(80)
    cell.paragraphs[0].add_run("ỦY BAN NHÂN DÂN")
    cell.paragraphs[0].style = style
    document = reopen(document, tmp_path)
    found = lines_under(document, numbered(document))
    # the cell's 80 mm less Word's cell margins (108 twips each side)
    assert found == {number_of(document, "ỦY BAN NHÂN DÂN"): [
        RuleLine("border", pytest.approx(80 - 2 * 108 * 25.4 / 1440, abs=0.1))]}


def test_a_border_switched_off_on_the_paragraph(tmp_path):
    document = nd30_document()
    style = document.styles.add_style("Ke duoi", 1)
    bottom_border(style.element)
    paragraph = document.add_paragraph("Không kẻ", style=style)
    paragraph._p.get_or_add_pPr().append(xml('<w:pBdr><w:bottom w:val="nil"/></w:pBdr>'))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {}


def test_a_paragraph_of_underscores_under_the_text_before_it(tmp_path):
    document = nd30_document()
    document.add_paragraph().add_run(MOTTO).font.size = Pt(13)
    document.add_paragraph()  # an empty paragraph between does not matter
    document.add_paragraph().add_run("  ____________  ").font.size = Pt(13)
    document = reopen(document, tmp_path)
    expected = 12 * 0.5 * 13 * 25.4 / 72  # 12 underscores, half an em each
    assert lines_under(document, numbered(document)) == {
        number_of(document, MOTTO): [RuleLine("underscores", pytest.approx(expected, abs=0.01))]}


@pytest.mark.parametrize("typed", ["――――", "–––", "---", "_ _ _ _"])
def test_other_typed_lines(tmp_path, typed):
    document = nd30_document()
    document.add_paragraph("ỦY BAN NHÂN DÂN")
    document.add_paragraph(typed)
    document = reopen(document, tmp_path)
    (lines,) = lines_under(document, numbered(document)).values()
    assert [line.kind for line in lines] == ["underscores"]


@pytest.mark.parametrize("text", ["--", "Số: ___/UBND", "a---", "___ b"])
def test_text_with_dashes_is_no_line(tmp_path, text):
    document = nd30_document()
    document.add_paragraph("ỦY BAN NHÂN DÂN")
    document.add_paragraph(text)
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {}


def test_underscores_after_a_line_break_in_the_same_paragraph(tmp_path):
    document = nd30_document()
    run = document.add_paragraph().add_run(MOTTO)
    run.add_break()
    run.add_text("_____")
    document = reopen(document, tmp_path)
    number = max(numbered(document))
    found = lines_under(document, numbered(document))
    assert list(found) == [number]
    assert found[number][0].kind == "underscores"
    assert found[number][0].length == pytest.approx(5 * 0.5 * 11 * 25.4 / 72, abs=0.01)  # docDefaults: 11 pt


def test_underscores_of_unknown_size_have_no_length(tmp_path):
    document = nd30_document()
    for sz in document.styles.element.iter(qn("w:sz")):
        sz.getparent().remove(sz)
    document.add_paragraph("ỦY BAN NHÂN DÂN")
    document.add_paragraph("__________")
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {
        number_of(document, "ỦY BAN NHÂN DÂN"): [RuleLine("underscores", None)]}


def test_a_line_with_nothing_above_it_stays_on_its_paragraph(tmp_path):
    document = docx.Document()
    assert not document.paragraphs
    holder = document.add_paragraph()
    holder._p.append(anchored_line(30.0))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {1: [RuleLine("shape", pytest.approx(30.0, abs=0.01))]}


def test_a_line_whose_paragraphs_have_no_number_is_left_out(tmp_path):
    document = nd30_document()
    table = header_table(document)
    table.rows[0].cells[1].add_paragraph()._p.append(anchored_line(60.0))
    document = reopen(document, tmp_path)
    assert lines_under(document, {}) == {}


def test_junk_in_shapes_gives_no_length_and_no_exception(tmp_path):
    document = nd30_document()
    document.add_paragraph("ỦY BAN NHÂN DÂN")
    holder = document.add_paragraph()
    line = anchored_line(30.0, fallback=False)
    line.find(".//{*}extent").set("cx", "abc")
    line.find(".//{*}posOffset").text = "1e99"
    holder._p.append(line)
    holder._p.append(xml('<w:r><w:pict><v:line from="abc" to="1e999pt,0"/></w:pict></w:r>'))
    holder._p.append(xml('<w:r><w:pict><v:shape type="#_x0000_t32" style="width:1e400pt;height:0;rotation:abc"/>'
                         '</w:pict></w:r>'))
    document = reopen(document, tmp_path)
    found = lines_under(document, numbered(document))
    assert found == {number_of(document, "ỦY BAN NHÂN DÂN"): [RuleLine("shape", None), RuleLine("shape", None)]}


# ---------------------------------------------------------------- text width


def test_the_motto_at_13_pt_bold():
    """55.94 mm: the Times-Bold advance widths (12.197 em). Liberation Serif Bold, drawn to Times New
    Roman's metrics, gives 55.94 mm too (checked with fontTools). Real headers draw the line under it
    59.8 to 61.4 mm long (lam-dong 002, 005, 009): a little longer than the text, as Word users draw it."""
    width = estimate_text_width(MOTTO, 13, True)
    assert 55 < width < 70
    assert width == pytest.approx(55.94, abs=0.01)
    assert estimate_text_width(MOTTO, 14, True) == pytest.approx(width * 14 / 13)
    assert estimate_text_width(MOTTO, 13, False) == pytest.approx(52.85, abs=0.01)


def test_a_vietnamese_letter_is_as_wide_as_its_base_letter():
    assert em_width("Độc lập", True) == em_width("Doc lap", True)
    assert em_width("ĐƯỜNG", False) == em_width("DUONG", False)
    decomposed = "Đo\u0302\u0323c"  # "Độc" typed with combining marks
    assert em_width(decomposed, True) == em_width("Doc", True)


def test_widths_of_known_and_unknown_characters():
    assert em_width("_" * 10) == 5.0
    assert em_width("M", True) == 0.944 and em_width("M") == 0.889
    assert em_width("\u4e2d") == 0.5  # not in the table: half an em
    assert estimate_text_width("", 13, True) == 0.0


# ---------------------------------------------------------------- through LibreOffice


def test_margins_and_page_size_survive_libreoffice(tmp_path):
    source = tmp_path / "in" / "nd30.docx"
    source.parent.mkdir()
    document = nd30_document()
    document.sections[0].bottom_margin = Mm(25)
    document.save(source)
    out = tmp_path / "out"
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "docx",
         "--outdir", str(out), str(source)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    converted = docx.Document(out / "nd30.docx")
    (page,) = pages(converted)
    assert (page.width, page.height) == pytest.approx((210, 297), abs=0.1)
    assert (page.top, page.bottom, page.left, page.right) == pytest.approx((20, 25, 30, 15), abs=0.1)
    assert text_width(converted) == pytest.approx(165, abs=0.1)


def test_a_top_border_on_the_empty_paragraph_after_the_text(tmp_path):
    """As a real file's writer draws them: an empty paragraph with a top border and indents."""
    document = nd30_document()
    document.add_paragraph("BỘ TÀI CHÍNH")
    empty = document.add_paragraph()
    empty.paragraph_format.left_indent = Mm(50)
    empty.paragraph_format.right_indent = Mm(50)
    empty._p.get_or_add_pPr().append(xml('<w:pBdr><w:top w:val="single" w:sz="2" w:space="1" w:color="000000"/></w:pBdr>'))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {
        number_of(document, "BỘ TÀI CHÍNH"): [RuleLine("border", pytest.approx(65.0, abs=0.1))]}


def test_white_borders_and_boxes_are_no_lines(tmp_path):
    document = nd30_document()
    white = document.add_paragraph("Căn cứ pháp lý")
    white._p.get_or_add_pPr().append(xml('<w:pBdr><w:bottom w:val="dotted" w:sz="4" w:color="FFFFFF"/></w:pBdr>'))
    boxed = document.add_paragraph("Ghi chú")
    boxed._p.get_or_add_pPr().append(xml(
        '<w:pBdr><w:top w:val="single"/><w:left w:val="single"/><w:bottom w:val="single"/>'
        '<w:right w:val="single"/></w:pBdr>'))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {}


def test_a_shape_placed_off_the_page_is_left_out(tmp_path):
    document = nd30_document()
    document.add_paragraph("ỦY BAN NHÂN DÂN")
    document.add_paragraph("TỈNH LÂM ĐỒNG")._p.append(anchored_line(20.0, offset_pt=-11172.0, fallback=False))
    document = reopen(document, tmp_path)
    assert lines_under(document, numbered(document)) == {}

"""DV8xx: how a .docx is laid out (Nghị định 30/2020, Phụ lục I), each rule failing and passing on a built document."""

from __future__ import annotations

import textwrap

import pytest

from conftest import FIXTURES, TODAY, run_json
from docx_corpus import well_presented_report
from dvlint.app.runner import Checker


def _check(path, **overrides):
    return Checker({"lang": "en", **overrides}, config_file=None, today=TODAY).check_file(path)


def _dv8(result):
    return [f for f in result.findings if f.code.startswith("DV8") or f.code == "DV000"]


def _one(result, code):
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, [(f.code, f.message.en) for f in _dv8(result)]
    return found[0]


def test_a_report_laid_out_as_the_decree_asks_has_no_presentation_finding(tmp_path):
    result = _check(well_presented_report(tmp_path / "ok.docx"))
    assert result.findings is not None and _dv8(result) == []


# --- DV801, DV802: the page ------------------------------------------------------------


def test_letter_paper_is_an_error_and_a4_landscape_without_a_table_a_warning(tmp_path):
    letter = _one(_check(well_presented_report(tmp_path / "l.docx", page={"width": 215.9, "height": 279.4})), "DV801")
    assert letter.severity == "error" and "215.9 x 279.4 mm, not A4" in letter.message.en
    landscape = _one(_check(well_presented_report(tmp_path / "w.docx", page={"width": 297, "height": 210})), "DV801")
    assert landscape.severity == "warning" and "landscape but holds no table" in landscape.message.en


def test_margins_out_of_range_are_named(tmp_path):
    found = _one(_check(well_presented_report(tmp_path / "m.docx", page={"left": 25.4, "top": 25.4})), "DV802")
    assert "left margin 25.4 mm (asked: 30-35)" in found.message.en
    assert "top" not in found.message.en  # 25.4 is within 20-25 and the 0.5 mm tolerance


# --- DV803, DV804: font and colour ----------------------------------------------------------


def test_a_stray_font_is_named_once_with_its_first_paragraph(tmp_path):
    result = _check(well_presented_report(tmp_path / "a.docx", looks={"body": {"font": "Arial"}}))
    found = _one(result, "DV803")
    assert "'Arial' in 6 paragraph(s)" in found.message.en
    assert "Nội dung thứ 1 của phần I" in found.message.en
    assert found.line == 12  # the first body paragraph


def test_an_old_tcvn3_font_says_the_text_is_not_unicode(tmp_path):
    found = _one(_check(well_presented_report(tmp_path / "v.docx", looks={"national_name": {"font": ".VnTime"}})), "DV803")
    assert "old TCVN3/VNI font" in found.message.en


def test_coloured_text_is_reported(tmp_path):
    found = _one(_check(well_presented_report(tmp_path / "c.docx", looks={"title": {"color": "FF0000"}})), "DV804")
    assert "#FF0000" in found.message.en


# --- DV805: each element -------------------------------------------------------------------------


def test_the_national_name_in_the_wrong_size_and_not_bold_is_one_finding_naming_both(tmp_path):
    result = _check(well_presented_report(tmp_path / "q.docx", looks={"national_name": {"size": 14, "bold": False}}))
    found = _one(result, "DV805")
    assert found.message.en.startswith("National name: size 14 (asked: 12-13); must be bold")
    assert "Phần I, mục II.1.a" in found.message.en
    assert found.line == 3


def test_the_place_and_date_must_be_italic_and_the_signer_bold(tmp_path):
    result = _check(well_presented_report(tmp_path / "d.docx", looks={"place_date": {"italic": False},
                                                                      "signer_name": {"bold": False}}))
    messages = sorted(f.message.en for f in result.findings if f.code == "DV805")
    assert len(messages) == 2
    assert messages[0].startswith("Place and date: must be italic")
    assert messages[1].startswith("Signer's name: must be bold: 'Nguyễn Văn An'")


def test_party_values_are_not_verified_so_they_only_inform(tmp_path):
    result = _check(well_presented_report(tmp_path / "p.docx", party=True))
    found = [f for f in result.findings if f.code == "DV805"]
    assert found and {f.severity for f in found} == {"info"}
    assert any("36-HD/VPTW" in f.message.en for f in found)


# --- DV806: the rules under the header lines -------------------------------------------------------


def test_no_line_under_the_motto_is_reported(tmp_path):
    found = _one(_check(well_presented_report(tmp_path / "t.docx", motto_line=False)), "DV806")
    assert found.message.en.startswith("No line is drawn under the motto")


# --- DV807: body paragraphs -------------------------------------------------------------------------


@pytest.mark.parametrize("change, words", [
    ({"body_align": "left"}, "6 of 6 body paragraphs are not justified"),
    ({"first_line_indent_mm": 0}, "6 of 6 body paragraphs have a first-line indent other than 10 mm or 12.7 mm"),
    ({"space_after_pt": 0}, "4 of 6 body paragraphs are less than 6 pt from the one before"),
    ({"looks": {"body": {"size": 12}}}, "6 of 6 body paragraphs have a size outside 13-14"),
])
def test_each_body_defect_is_one_finding_counting_the_paragraphs(tmp_path, change, words):
    found = _one(_check(well_presented_report(tmp_path / "b.docx", **change)), "DV807")
    assert words in found.message.en


def test_a_size_set_on_the_style_not_the_run_counts(tmp_path):
    """The body's runs carry no size: the Normal style's decides, as in Word."""
    small = _check(well_presented_report(tmp_path / "s12.docx", body_run_size=False, normal_size=12))
    assert "size outside 13-14" in _one(small, "DV807").message.en
    right = _check(well_presented_report(tmp_path / "s14.docx", body_run_size=False, normal_size=14))
    assert [f for f in right.findings if f.code == "DV807"] == []


# --- DV808: page numbers -----------------------------------------------------------------------------


def test_page_numbers_in_the_footer_and_on_the_first_page_are_reported(tmp_path):
    found = _one(_check(well_presented_report(tmp_path / "n.docx", page_number="footer", first_page_number=True)), "DV808")
    assert "in the footer, not the top margin" in found.message.en
    assert "shown on the first page" in found.message.en


# --- other inputs -----------------------------------------------------------------------------------


def test_the_family_does_not_run_on_other_inputs():
    proc, data = run_json("check", str(FIXTURES / "clean-state-report.yaml"))
    assert not [f for f in data["reports"][0]["findings"] if f["code"].startswith("DV8")]


def test_presentation_findings_through_the_command_line(tmp_path):
    path = well_presented_report(tmp_path / "cli.docx", looks={"national_name": {"size": 14}})
    proc, data = run_json("check", str(path), "--lang", "en")
    codes = [f["code"] for f in data["reports"][0]["findings"] if f["code"].startswith("DV8")]
    assert codes == ["DV805"], proc.stderr


# --- what is not judged, and values over two paragraphs ---------------------------------------------


def test_an_issuer_on_two_lines_is_judged_whole_and_its_line_is_under_the_last(tmp_path):
    two = _check(well_presented_report(tmp_path / "i.docx", issuer=("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG")))
    assert _dv8(two) == []
    small = _check(well_presented_report(tmp_path / "j.docx", issuer=("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"),
                                         looks={"issuer": {"bold": False}}))
    assert _one(small, "DV805").message.en.startswith("Issuing body: must be bold: 'ỦY BAN NHÂN DÂNTỈNH LÂM ĐỒNG'")


def test_times_new_roman_named_with_its_face_is_times_new_roman(tmp_path):
    result = _check(well_presented_report(tmp_path / "f.docx", looks={"kind": {"font": "Times New Roman Bold"}}))
    assert [f for f in result.findings if f.code == "DV803"] == []


def test_the_basis_lines_of_a_decision_are_italic_and_no_running_text(tmp_path):
    basis = (("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", False),
             ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;", False))
    decision = _check(well_presented_report(tmp_path / "qd.docx", kind="QUYẾT ĐỊNH", opening=basis,
                                            title="Về việc công nhận Ban vận động thành lập Hội"))
    found = _one(decision, "DV805")
    assert found.message.en.startswith("Basis line (căn cứ): must be italic: 'Căn cứ Luật") and "(and 1 more)" in found.message.en
    assert [f for f in decision.findings if f.code == "DV807"] == []  # not judged as body paragraphs
    italic = tuple((text, True) for text, _ in basis)
    assert _dv8(_check(well_presented_report(tmp_path / "qd2.docx", kind="QUYẾT ĐỊNH", opening=italic,
                                             title="Về việc công nhận Ban vận động thành lập Hội"))) == []


def test_a_report_opening_with_can_cu_is_running_text_not_a_basis_block(tmp_path):
    opening = (("Căn cứ Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2024 của UBND tỉnh, Sở báo cáo như sau:", False),)
    assert _dv8(_check(well_presented_report(tmp_path / "r.docx", opening=opening))) == []


def test_a_phieu_trinh_is_not_judged_by_the_decree_values(tmp_path):
    """A phiếu trình is outside the decree's list of types (Điều 7): its form is the office's own."""
    path = well_presented_report(tmp_path / "pt.docx", kind="PHIẾU TRÌNH", looks={"national_name": {"size": 14}},
                                 page={"left": 20})
    assert _dv8(_check(path)) == []


def test_a_line_wholly_in_capitals_in_the_body_is_no_running_text(tmp_path):
    opening = (("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", False),)
    assert [f for f in _check(well_presented_report(tmp_path / "c.docx", opening=opening)).findings
            if f.code == "DV807"] == []


def test_a_landscape_page_may_keep_the_portrait_margins_turned_with_it(tmp_path):
    """Top 30 mm on the bound edge of a turned page is the portrait left margin (mục I.2-3), not a fault."""
    turned = {"width": 297, "height": 210, "top": 30, "bottom": 20, "left": 20, "right": 20}
    assert [f for f in _check(well_presented_report(tmp_path / "l.docx", page=turned)).findings if f.code == "DV802"] == []
    wrong = {"width": 297, "height": 210, "top": 10, "bottom": 20, "left": 20, "right": 20}
    assert "top margin 10.0 mm" in _one(_check(well_presented_report(tmp_path / "w.docx", page=wrong)), "DV802").message.en


def test_a_value_read_over_several_paragraphs_keeps_only_its_own():
    """A header read band by band puts the Quốc hiệu between the issuer's two lines; a reference line
    "(Ban hành kèm theo ...)" read with an appendix's title is the appendix's, not the title's."""
    from dvlint.layout.elements import looks_of
    from dvlint.layout.model import Layout, ParagraphLook

    def look(text):
        return ParagraphLook(None, text, (), None, None, None, None, None, False, None, True)

    layout = Layout(paragraphs={1: [look("ỦY BAN NHÂN DÂN")], 2: [look("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
                                3: [look("TỈNH LÂM ĐỒNG")], 4: [look("(Ban hành kèm theo Kế hoạch số 5/KH-UBND)")]})
    spans = {"document.issuer.name": range(1, 4), "appendices[0].title": range(3, 5)}
    issuer = looks_of(layout, spans.get, "document.issuer.name", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
    assert [number for number, _ in issuer] == [1, 3]
    title = looks_of(layout, spans.get, "appendices[0].title", "TỈNH LÂM ĐỒNG (Ban hành kèm theo Kế hoạch số 5/KH-UBND)")
    assert [number for number, _ in title] == [3]


def test_a_document_made_by_libreoffice_from_a_seed(tmp_path):
    """The Hưng Yên seed turned into Word by LibreOffice (Markdown to HTML to .docx), as a writer without
    Word makes one: LibreOffice's own font, margins and sizes, read through its styles as Word shows them."""
    import shutil
    import subprocess

    import markdown

    from conftest import SEEDS

    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice (soffice) is needed (bash .ci/run installs it)"
    html = markdown.markdown((SEEDS / "hung-yen-2024-qcdc-9-thang.md").read_text(encoding="utf-8"), extensions=["tables"])
    source = tmp_path / "seed.html"
    source.write_text(f'<html><head><meta charset="utf-8"></head><body>{html}</body></html>', encoding="utf-8")
    subprocess.run([office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True,
                   timeout=180)
    result = _check(tmp_path / "seed.docx")
    messages = [f"{f.code} {f.message.en}" for f in _dv8(result)]
    assert not [m for m in messages if m.startswith("DV000")]
    assert any(m.startswith("DV803 The font '") for m in messages)  # LibreOffice's default: which one, the fonts installed say
    assert any(m.startswith("DV802") and "left margin 20.0 mm (asked: 30-35)" in m for m in messages)
    assert any(m.startswith("DV807") and "body paragraphs are not justified" in m for m in messages)
    assert result.score.subscore("DV8").value < 100


def test_a_summary_line_typed_over_two_paragraphs_has_its_rule_under_the_second(tmp_path):
    path = well_presented_report(tmp_path / "t.docx", title="Kết quả công tác dân vận chính quyền\nnăm 2024 của Sở Nội vụ")
    assert _dv8(_check(path)) == []
    bracketed = well_presented_report(tmp_path / "u.docx", title="Kết quả công tác dân vận của Sở Nội vụ tỉnh Bình Thuận\n"
                                                                 "(trước sắp xếp) năm 2024")
    assert _dv8(_check(bracketed)) == []


def test_a_note_in_brackets_and_a_nearly_one_centimetre_indent_are_not_faults(tmp_path):
    """"(Phân công nhiệm vụ theo Phụ lục đính kèm)" is a pointer, not running text; 10.6 mm for 1 cm does not show."""
    opening = (("(Phân công nhiệm vụ theo Phụ lục đính kèm)", False),)
    assert _dv8(_check(well_presented_report(tmp_path / "n.docx", opening=opening, first_line_indent_mm=10.6))) == []
    assert _one(_check(well_presented_report(tmp_path / "m.docx", first_line_indent_mm=8)), "DV807")


# --- the look is read only for the rules that ask for it ------------------------------------------------


def _count_layout_reads(monkeypatch) -> list:
    import dvlint.layout.read

    reads = []
    real = dvlint.layout.read.read_layout

    def counted(*args, **kwargs):
        reads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(dvlint.layout.read, "read_layout", counted)
    return reads


def test_a_docx_checked_without_a_presentation_rule_has_its_look_left_unread(tmp_path, monkeypatch):
    """Reading the look costs about 60 ms per 20 pages: a run of other rules reads the text alone, and
    finds what it found with the look read."""
    reads = _count_layout_reads(monkeypatch)
    path = well_presented_report(tmp_path / "m.docx", page={"left": 25.4})
    text_only = _check(path, select=["DV1", "DV2", "DV3", "DV4", "DV5", "DV6", "DV7"])
    assert reads == [] and text_only.error is None
    whole = _check(path)
    assert reads == [1] and "DV802" in [f.code for f in whole.findings]
    assert [f for f in whole.findings if not f.code.startswith("DV8")] == text_only.findings


def test_a_presentation_rule_selected_alone_still_reads_the_look(tmp_path, monkeypatch):
    reads = _count_layout_reads(monkeypatch)
    found = _check(well_presented_report(tmp_path / "m.docx", page={"left": 25.4}), select=["DV802"])
    assert reads == [1] and [f.code for f in found.findings] == ["DV802"]


def test_a_fixture_of_a_rules_folder_sees_the_look_its_rule_asks_for(tmp_path):
    """A plugin's or a rules folder's fixture gets the loaded report and may read its look: dvlint cannot
    tell, so a rule asking for such a fixture has the look read."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "house.py").write_text(textwrap.dedent('''
        from dvlint import Problem, hookimpl, rule

        @hookimpl
        def dvlint_fixtures():
            return {"page_count": lambda ctx: len(ctx.loaded.layout.pages) if ctx.loaded.layout else None}

        @rule("DV901", "counts-pages", vi="x", en="x", severity="info")
        def counts_pages(page_count, document):
            yield Problem(document.path, vi=str(page_count), en=str(page_count))
    '''), encoding="utf-8")
    found = _check(well_presented_report(tmp_path / "m.docx"), rule_dirs=(rules,), select=["DV901"])
    assert [f.message.en for f in found.findings] == ["1"]

"""dvlint.layout.resolve: the formatting Word shows, through styles, basedOn, themes, toggles and defaults.

Each document is built with python-docx (XML edited where it has no API), saved
and reopened, so the resolver reads what a received file holds. Each test is
built so that a lazy resolver (direct formatting only, no basedOn, toggles OR-ed,
themes ignored, w:ascii read for Vietnamese text) fails it.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from dvlint.layout.resolve import THEME_REL, Resolver

W = nsdecls("w")
VIETNAMESE = "Quốc hiệu"
TIMES = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'


# --- building documents ---------------------------------------------------------------------------

def add_style(document, style_id: str, kind: str = "paragraph", based_on: str | None = None,
              rpr: str = "", ppr: str = "", tblpr: str = "") -> None:
    """A w:style appended to the styles part."""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    ppr_xml = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    tbl_xml = f"<w:tblPr>{tblpr}</w:tblPr>" if tblpr else ""
    document.styles.element.append(parse_xml(
        f'<w:style {W} w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
        f"{based}{ppr_xml}{rpr_xml}{tbl_xml}</w:style>"))


def add_paragraph(document, *runs: tuple[str, str], style: str | None = None, ppr: str = ""):
    """A w:p of runs given as (text, w:rPr inner XML), appended to the body."""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    body_runs = "".join(
        f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'
        for text, rpr in runs)
    paragraph = parse_xml(f"<w:p {W}><w:pPr>{pstyle}{ppr}</w:pPr>{body_runs}</w:p>")
    document.element.body.insert(len(document.element.body) - 1, paragraph)  # before w:sectPr
    return paragraph


def set_doc_defaults(document, rpr: str = "", ppr: str = "") -> None:
    """Replace w:docDefaults (python-docx's template sets 11 pt, theme fonts and 10 pt after)."""
    styles = document.styles.element
    old = styles.find(qn("w:docDefaults"))
    new = parse_xml(f"<w:docDefaults {W}><w:rPrDefault><w:rPr>{rpr}</w:rPr></w:rPrDefault>"
                    f"<w:pPrDefault><w:pPr>{ppr}</w:pPr></w:pPrDefault></w:docDefaults>")
    old.addprevious(new)
    styles.remove(old)


def reopen(document, tmp_path: Path, name: str = "doc.docx"):
    path = tmp_path / name
    document.save(str(path))
    return docx.Document(str(path))


def body_paragraphs(document):
    return [child for child in document.element.body if child.tag == qn("w:p")]


def resolve_all(document):
    resolver = Resolver(document)
    return [resolver.paragraph(p) for p in body_paragraphs(document)]


def blank(**defaults):
    """A new document whose docDefaults set nothing but what is given (run XML, paragraph XML)."""
    document = docx.Document()
    set_doc_defaults(document, defaults.get("rpr", ""), defaults.get("ppr", ""))
    return document


# --- 1. direct formatting ----------------------------------------------------------------------------

def test_direct_run_formatting_wins_over_the_style(tmp_path):
    document = blank()
    add_style(document, "Body", rpr='<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="20"/>')
    # The paragraph mark's w:rPr (w:pPr/w:rPr) formats the mark only, never the runs (17.3.1.29).
    add_paragraph(document, ("Văn bản", TIMES + '<w:b/><w:i/><w:sz w:val="28"/>'), ("thường", ""), style="Body",
                  ppr='<w:rPr><w:b/><w:sz w:val="40"/></w:rPr>')
    [look] = resolve_all(reopen(document, tmp_path))
    run, plain = look.runs
    assert (run.text, run.font, run.size, run.bold, run.italic) == ("Văn bản", "Times New Roman", 14.0, True, True)
    assert (plain.font, plain.size, plain.bold) == ("Arial", 10.0, False)
    assert look.style_id == "Body"


# --- 2. the paragraph style ----------------------------------------------------------------------------

def test_size_set_on_the_paragraph_style_only(tmp_path):
    document = blank(rpr='<w:sz w:val="20"/>')
    add_style(document, "Body", rpr='<w:sz w:val="28"/>')
    add_paragraph(document, ("Điều 1.", ""), style="Body")
    [look] = resolve_all(reopen(document, tmp_path))
    assert look.runs[0].size == 14.0


# --- 3. basedOn, two levels ----------------------------------------------------------------------------

def test_font_and_size_inherited_through_two_based_on_levels(tmp_path):
    document = blank(rpr='<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="20"/>')
    add_style(document, "Base", rpr=TIMES)
    add_style(document, "Middle", based_on="Base", rpr='<w:sz w:val="26"/>')
    add_style(document, "Leaf", based_on="Middle", rpr="<w:color w:val=\"000000\"/>")
    add_paragraph(document, ("Căn cứ Luật", ""), style="Leaf")
    [look] = resolve_all(reopen(document, tmp_path))
    run = look.runs[0]
    assert (run.font, run.size, run.color) == ("Times New Roman", 13.0, "000000")


def test_the_nearer_style_in_a_chain_wins(tmp_path):
    document = blank()
    add_style(document, "Base", rpr='<w:sz w:val="20"/>')
    add_style(document, "Leaf", based_on="Base", rpr='<w:sz w:val="30"/>')
    add_paragraph(document, ("x", ""), style="Leaf")
    [look] = resolve_all(reopen(document, tmp_path))
    assert look.runs[0].size == 15.0


# --- 4. character style ---------------------------------------------------------------------------------

def test_character_style_with_its_own_based_on(tmp_path):
    document = blank(rpr='<w:sz w:val="20"/>')
    add_style(document, "Body", rpr='<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>')
    add_style(document, "CharBase", kind="character", rpr=TIMES)
    add_style(document, "Emph", kind="character", based_on="CharBase", rpr="<w:i/>")
    add_paragraph(document, ("nhấn mạnh", '<w:rStyle w:val="Emph"/>'), ("thường", ""), style="Body")
    [look] = resolve_all(reopen(document, tmp_path))
    styled, plain = look.runs
    assert (styled.font, styled.italic, styled.size) == ("Times New Roman", True, 10.0)
    assert (plain.font, plain.italic) == ("Arial", False)
    assert look.text == "nhấn mạnhthường"


# --- 5. table style ---------------------------------------------------------------------------------------

def test_table_style_size_applies_to_its_paragraphs(tmp_path):
    document = blank(rpr='<w:sz w:val="20"/>')
    add_style(document, "Grid12", kind="table", rpr='<w:sz w:val="24"/>', ppr='<w:jc w:val="center"/>')
    table = document.add_table(rows=1, cols=1)
    table.style = document.styles["Grid12"]
    table.cell(0, 0).paragraphs[0].add_run("Nơi nhận")
    document = reopen(document, tmp_path)
    resolver = Resolver(document)
    tbl = document.element.body.find(qn("w:tbl"))
    p = tbl.find(".//" + qn("w:p"))
    look = resolver.paragraph(p, tbl)
    assert look.in_table and look.runs[0].size == 12.0 and look.alignment == "center"
    assert resolver.paragraph(p).runs[0].size == 10.0  # outside any table: the default
    looks = list(resolver.paragraphs())
    assert [(x.text, x.in_table) for x in looks if x.text] == [("Nơi nhận", True)]


def test_paragraph_style_beats_table_style(tmp_path):
    document = blank()
    add_style(document, "Grid12", kind="table", rpr='<w:sz w:val="24"/>')
    add_style(document, "Cell", rpr='<w:sz w:val="28"/>')
    table = document.add_table(rows=1, cols=1)
    table.style = document.styles["Grid12"]
    table.cell(0, 0).paragraphs[0].add_run("x")
    table.cell(0, 0).paragraphs[0].style = document.styles["Cell"]
    document = reopen(document, tmp_path)
    tbl = document.element.body.find(qn("w:tbl"))
    assert Resolver(document).paragraph(tbl.find(".//" + qn("w:p")), tbl).runs[0].size == 14.0


# --- 6. document defaults ------------------------------------------------------------------------------------

def test_document_defaults_size(tmp_path):
    document = blank(rpr='<w:sz w:val="26"/>')
    add_paragraph(document, ("Kính gửi", ""))
    [look] = resolve_all(reopen(document, tmp_path))
    assert look.runs[0].size == 13.0
    assert look.style_id == "Normal"  # the default paragraph style of python-docx's template


def test_nothing_anywhere_is_none_not_a_guess(tmp_path):
    document = blank()
    add_paragraph(document, ("x", ""))
    [look] = resolve_all(reopen(document, tmp_path))
    run = look.runs[0]
    assert (run.size, run.font, run.color, run.bold) == (None, None, None, False)
    assert (look.alignment, look.first_line_indent, look.space_before, look.line_spacing) == (None, None, None, None)


# --- 7. theme fonts ---------------------------------------------------------------------------------------------

def rewrite_theme(path: Path, latin: str) -> None:
    """Set the theme's minor and major latin typefaces in the saved package at ``path``."""
    from lxml import etree
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == "word/theme/theme1.xml":
                root = etree.fromstring(data)
                for element in root.iter(f"{a}latin"):
                    element.set("typeface", latin)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)


def test_theme_font_resolved_through_the_theme_part(tmp_path):
    document = blank(rpr='<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/><w:sz w:val="28"/>')
    add_paragraph(document, (VIETNAMESE, ""))
    # A theme slot beats a plain attribute on the same element (MS-OI29500 2.1.88).
    add_paragraph(document, ("ABC", '<w:rFonts w:ascii="Arial" w:asciiTheme="majorAscii" w:hAnsi="Arial"/>'))
    path = tmp_path / "theme.docx"
    document.save(str(path))
    rewrite_theme(path, "Times New Roman")
    first, second = resolve_all(docx.Document(str(path)))
    assert first.runs[0].font == "Times New Roman"
    assert second.runs[0].font == "Times New Roman"


# --- 8. which slot shows the letters ---------------------------------------------------------------------------

def test_vietnamese_letters_show_in_the_h_ansi_font(tmp_path):
    document = blank()
    fonts = '<w:rFonts w:ascii="Arial" w:hAnsi="Times New Roman"/>'
    add_paragraph(document, (VIETNAMESE, fonts), ("ABC", fonts), ("12/2026", fonts))
    # Mixed: the Vietnamese letters decide; a tone mark typed apart counts; a dash alone is high ANSI;
    # an ASCII word with a dash shows its letters in the ascii font.
    add_paragraph(document, ("UBND tỉnh", fonts), ("Quo\u0301c", fonts), ("\u2013", fonts), ("ABC \u2013", fonts))
    first, second = resolve_all(reopen(document, tmp_path))
    assert [run.font for run in first.runs] == ["Times New Roman", "Arial", "Arial"]
    assert [run.font for run in second.runs] == ["Times New Roman", "Times New Roman", "Times New Roman", "Arial"]


def test_each_font_slot_resolves_on_its_own(tmp_path):
    document = blank()
    add_style(document, "Body", rpr='<w:rFonts w:ascii="Arial" w:hAnsi="Times New Roman"/>')
    courier = '<w:rFonts w:ascii="Courier New"/>'
    add_paragraph(document, (VIETNAMESE, courier), ("ABC", courier), style="Body")
    [look] = resolve_all(reopen(document, tmp_path))
    assert [run.font for run in look.runs] == ["Times New Roman", "Courier New"]


# --- 9. toggle properties ------------------------------------------------------------------------------------------

def test_bold_paragraph_style_and_bold_character_style_is_not_bold(tmp_path):
    document = blank()
    add_style(document, "Heading", rpr="<w:b/><w:i/>")
    add_style(document, "Strong", kind="character", rpr="<w:b/>")
    add_style(document, "NotItalic", kind="character", rpr='<w:i w:val="0"/>')
    add_paragraph(document, ("đậm", '<w:rStyle w:val="Strong"/>'), ("nghiêng", '<w:rStyle w:val="NotItalic"/>'),
                  style="Heading")
    [look] = resolve_all(reopen(document, tmp_path))
    toggled, kept = look.runs
    assert (toggled.bold, toggled.italic) == (False, True)
    assert (kept.bold, kept.italic) == (True, True)  # w:val="0" in a style leaves the state (17.7.3)


def test_direct_toggles_are_absolute(tmp_path):
    document = blank()
    add_style(document, "Heading", rpr="<w:b/><w:caps/>")
    add_paragraph(document, ("tắt", '<w:b w:val="0"/>'), ("bật", "<w:b/>"),
                  ("off", '<w:b w:val="off"/><w:caps w:val="false"/>'), style="Heading")
    [look] = resolve_all(reopen(document, tmp_path))
    assert [run.bold for run in look.runs] == [False, True, False]
    assert [run.caps for run in look.runs] == [True, True, False]


def test_toggle_inside_one_chain_takes_the_nearest_value(tmp_path):
    document = blank()
    add_style(document, "Base", rpr="<w:b/>")
    add_style(document, "Leaf", based_on="Base", rpr='<w:b w:val="0"/>')
    add_style(document, "Inherits", based_on="Base")
    add_paragraph(document, ("x", ""), style="Leaf")
    add_paragraph(document, ("y", ""), style="Inherits")
    leaf, inherits = resolve_all(reopen(document, tmp_path))
    assert leaf.runs[0].bold is False and inherits.runs[0].bold is True


def test_table_style_bold_and_character_style_bold_cancel(tmp_path):
    document = blank()
    add_style(document, "BoldTable", kind="table", rpr="<w:b/>")
    add_style(document, "Strong", kind="character", rpr="<w:b/>")
    table = document.add_table(rows=1, cols=1)
    table.style = document.styles["BoldTable"]
    paragraph = table.cell(0, 0).paragraphs[0]
    paragraph.add_run("a")
    paragraph.add_run("b").style = document.styles["Strong"]
    document = reopen(document, tmp_path)
    tbl = document.element.body.find(qn("w:tbl"))
    look = Resolver(document).paragraph(tbl.find(".//" + qn("w:p")), tbl)
    assert [run.bold for run in look.runs] == [True, False]


def test_a_paragraph_style_sets_a_toggle_as_word_does(tmp_path):
    """Word resets a toggle to the paragraph style's value (MS-OI29500 2.1.258), where ECMA-376 would XOR."""
    document = blank(rpr="<w:b/>")
    add_style(document, "Bold", rpr="<w:b/>")
    add_paragraph(document, ("x", ""), style="Bold")
    [look] = resolve_all(reopen(document, tmp_path))
    assert look.runs[0].bold is True


# --- 10. paragraph properties --------------------------------------------------------------------------------------

def test_paragraph_properties_resolve_attribute_by_attribute(tmp_path):
    document = blank(ppr='<w:spacing w:line="240" w:lineRule="auto"/>')
    add_style(document, "Base", ppr='<w:jc w:val="both"/><w:ind w:firstLine="567"/>'
                                    '<w:spacing w:before="120" w:after="240" w:line="360"/>')
    add_style(document, "Body", based_on="Base", ppr='<w:spacing w:after="60"/>'
                                                     '<w:pBdr><w:bottom w:val="single" w:sz="4"/></w:pBdr>')
    add_paragraph(document, ("Điều 1.", ""), style="Body", ppr='<w:spacing w:after="0"/>')
    add_paragraph(document, ("Điều 2.", ""), style="Body",
                  ppr='<w:jc w:val="end"/><w:ind w:hanging="283"/>'
                      '<w:spacing w:lineRule="exact" w:line="360" w:beforeAutospacing="1"/>')
    first, second = resolve_all(reopen(document, tmp_path))
    assert first.alignment == "both"
    assert first.first_line_indent == pytest.approx(10.0, abs=0.01)
    assert (first.space_before, first.space_after) == (6.0, 0.0)
    assert first.line_spacing == ("auto", 1.5)
    assert first.bottom_border is True
    assert second.alignment == "right"
    assert second.first_line_indent == pytest.approx(-4.99, abs=0.01)
    assert (second.space_before, second.space_after) == (None, 3.0)
    assert second.line_spacing == ("exact", 18.0)


def test_runs_in_containers_count_and_field_codes_do_not(tmp_path):
    document = blank()
    paragraph = add_paragraph(document, ("Số: ", ""))
    paragraph.append(parse_xml(
        f'<w:hyperlink {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<w:r><w:rPr><w:b/></w:rPr><w:t>12</w:t></w:r></w:hyperlink>'))
    paragraph.append(parse_xml(f'<w:ins {W} w:id="1" w:author="a"><w:r><w:tab/><w:t>/QĐ</w:t></w:r></w:ins>'))
    paragraph.append(parse_xml(f'<w:sdt {W}><w:sdtContent><w:r><w:t>-UBND</w:t></w:r></w:sdtContent></w:sdt>'))
    paragraph.append(parse_xml(f'<w:r {W}><w:instrText> PAGE </w:instrText></w:r>'))
    paragraph.append(parse_xml(f'<w:del {W} w:id="2" w:author="a"><w:r><w:delText>bỏ</w:delText></w:r></w:del>'))
    [look] = resolve_all(reopen(document, tmp_path))
    assert look.text == "Số: 12\t/QĐ-UBND"
    assert [run.bold for run in look.runs] == [False, True, False, False]
    assert look.element.tag == qn("w:p") and look.in_table is False


# --- 11. hostile files ----------------------------------------------------------------------

def test_hostile_styles_never_raise_or_loop(tmp_path):
    document = blank()
    add_style(document, "A", based_on="B", rpr='<w:sz w:val="28"/>')
    add_style(document, "B", based_on="A", rpr='<w:rFonts w:ascii="Arial"/>')
    add_style(document, "Orphan", based_on="Missing", rpr='<w:sz w:val="abc"/><w:b w:val="maybe"/>')
    add_style(document, "Self", based_on="Self", rpr='<w:sz w:val="26"/>')
    add_paragraph(document, ("cycle", ""), style="A")
    add_paragraph(document, ("junk", '<w:sz w:val="-5"/>'), ("huge", '<w:sz w:val="1e9"/>'),
                  ("far", '<w:sz w:val="99999"/>'), style="Orphan",
                  ppr='<w:spacing w:before="x" w:after="-20" w:line="abc"/><w:ind w:firstLine="9e99"/>'
                      '<w:jc w:val="up"/>')
    add_paragraph(document, ("self", ""), style="Self")
    add_paragraph(document, ("missing", '<w:rStyle w:val="Nowhere"/><w:color w:val="&lt;script&gt;"/>'),
                  style="Nowhere")
    # No theme part: the theme names fall back to the plain attribute, or to nothing.
    add_paragraph(document, ("theme", '<w:rFonts w:asciiTheme="minorHAnsi"/>'),
                  ("cached", '<w:rFonts w:asciiTheme="minorHAnsi" w:ascii="Times New Roman"/>'))
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype == THEME_REL:
            document.part.drop_rel(rid)
    reopened = reopen(document, tmp_path)
    assert not any(rel.reltype == THEME_REL for rel in reopened.part.rels.values())
    cycle, junk, self_based, missing, theme = resolve_all(reopened)
    assert (cycle.runs[0].size, cycle.runs[0].font) == (14.0, "Arial")
    assert [run.size for run in junk.runs] == [None, None, None]
    assert junk.runs[0].bold is False
    assert (junk.space_before, junk.space_after, junk.line_spacing, junk.first_line_indent, junk.alignment) == (
        None, None, None, None, None)
    assert self_based.runs[0].size == 13.0
    assert missing.style_id == "Normal" and missing.runs[0].color is None
    assert [run.font for run in theme.runs] == [None, "Times New Roman"]


def test_no_styles_part_at_all(tmp_path):
    document = docx.Document()
    add_paragraph(document, ("x", '<w:sz w:val="26"/>'))
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/styles"):
            document.part.drop_rel(rid)
    path = tmp_path / "nostyles.docx"
    document.save(str(path))
    reopened = docx.Document(str(path))
    resolver = Resolver(reopened)  # before python-docx would add a default styles part
    look = resolver.paragraph(body_paragraphs(reopened)[-1])
    assert (look.style_id, look.runs[0].size) == (None, 13.0)


# --- 12. a document saved by LibreOffice ------------------------------------------------------------------------------

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman"/>
  <style:font-face style:name="Arial" svg:font-family="Arial" style:font-family-generic="swiss"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="Arial" fo:font-size="11pt"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="QuocHieu" style:display-name="Quoc hieu" style:family="paragraph"
   style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="center" fo:margin-top="0cm" fo:margin-bottom="0.212cm"/>
   <style:text-properties style:font-name="Times New Roman" fo:font-size="13pt" fo:font-weight="bold"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard">
   <style:text-properties style:font-name="Times New Roman" fo:font-size="14pt" fo:font-style="italic"/>
  </style:style>
 </office:automatic-styles>
 <office:body>
  <office:text>
   <text:p text:style-name="QuocHieu">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text:p>
   <text:p text:style-name="P1">Hà Nội, ngày 01 tháng 01 năm 2026</text:p>
   <text:p text:style-name="Standard">Plain text</text:p>
  </office:text>
 </office:body>
</office:document>
"""


def test_a_document_saved_by_libreoffice(tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed (.ci/run installs it)"
    source = tmp_path / "letter.fodt"
    source.write_text(FODT, encoding="utf-8")
    subprocess.run([office, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "docx", "--outdir", str(tmp_path / "out"), str(source)],
                   check=True, capture_output=True, timeout=180)
    converted = docx.Document(str(tmp_path / "out" / "letter.docx"))
    heading, place, plain = resolve_all(converted)
    assert (heading.runs[0].font, heading.runs[0].size, heading.runs[0].bold) == ("Times New Roman", 13.0, True)
    assert heading.alignment == "center" and heading.space_after == 6.0
    assert (place.runs[0].font, place.runs[0].size, place.runs[0].italic) == ("Times New Roman", 14.0, True)
    assert (plain.runs[0].font, plain.runs[0].size, plain.runs[0].bold) == ("Arial", 11.0, False)

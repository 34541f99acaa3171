"""Importing the documents people have: Markdown and text (seeds, crawled), .docx."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import FIXTURES, SEEDS, TODAY, run_cli, run_json
from docx_corpus import state_report
from dvlint.app.runner import Checker

CASES = Path(__file__).parent / "import_cases"
SEED_NAMES = ["dong-thap-2020-tong-ket-10-nam-290", "hung-yen-2024-qcdc-9-thang", "dak-nong-2023-ke-hoach-dvcq"]
HEADER_FIELDS = ("kind", "number", "place", "date", "title", "addressees")


def load(path: Path):
    """The report as the importer reads it (a LoadedReport: .report, .positions)."""
    checker = Checker({}, today=TODAY)
    return checker.loaders[path.suffix.lower()].load(path, checker.settings_for(path))


def check(path: Path):
    result = Checker({}, today=TODAY).check_file(path)
    assert result.error is None, result.error and result.error.message.en
    return result


def fixture_report(name: str):
    return load(FIXTURES / f"{name}.yaml").report


# --- the seeds --------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_markdown_imports_like_the_hand_written_fixture(name):
    imported = load(SEEDS / f"{name}.md").report
    expected = fixture_report(name)
    for field in HEADER_FIELDS:
        assert getattr(imported.document, field) == getattr(expected.document, field), field
    assert imported.signature == expected.signature
    assert imported.recipients == expected.recipients
    assert [(s.label, s.heading) for s in imported.sections] == [(s.label, s.heading) for s in expected.sections]
    assert imported.closing == expected.closing
    assert imported.unclassified == []


def test_seed_footnotes_and_appendix_import():
    imported = load(SEEDS / "dong-thap-2020-tong-ket-10-nam-290.md").report
    expected = fixture_report("dong-thap-2020-tong-ket-10-nam-290")
    assert [(f.label, f.text) for f in imported.footnotes] == [(f.label, f.text) for f in expected.footnotes]
    appendix, wanted = imported.appendices[0], expected.appendices[0]
    assert (appendix.label, appendix.title, appendix.reference) == (wanted.label, wanted.title, wanted.reference)
    rows = [row for table in appendix.tables for row in table.rows]
    assert ["4", "Kế hoạch số 153/KH-SKHCN triển khai thực hiện “Năm dân vận chính quyền”.", "29/3/2020",
            "Sở Khoa học và Công nghệ"] in rows


def test_a_heading_and_a_paragraph_split_by_page_breaks_are_joined():
    imported = load(SEEDS / "dong-thap-2020-tong-ket-10-nam-290.md").report
    heading = imported.sections[1].children[0].children[1].heading
    assert heading.endswith("kinh tế-xã hội; cải cách thủ tục hành chính; đổi mới phương pháp làm việc "
                            "của công chức, viên chức")
    paragraphs = imported.sections[2].children[0].paragraphs
    assert "về toàn bộ hoạt động của cơ quan đối với các cán bộ" in paragraphs[2]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_check_on_the_markdown_gives_the_fixtures_findings(name):
    """Same codes as the hand-written fixture, but DV104: the .md lost the issuer block
    in conversion (the rule rightly reports it there), and the fixture restores it."""
    from_md = check(SEEDS / f"{name}.md")
    from_yaml = check(FIXTURES / f"{name}.yaml")
    assert sorted(f.code for f in from_md.findings if f.code != "DV104") == sorted(f.code for f in from_yaml.findings)
    source = (SEEDS / f"{name}.md").read_text(encoding="utf-8").splitlines()
    where = {"DV101": "Số:", "DV201": "ngày", "DV204": "ngày", "DV503": "N", "DV504": "- ", "DV505": "Lưu",
             "DV106": "-SKH", "DV409": "Quán", "DV301": "6.",
             "DV207": "5361", "DV208": "/KH-SKH", "DV209": "Kèm theo", "DV211": "04/2015"}
    for finding in from_md.findings:  # each finding points at the .md line holding its value
        if finding.code != "DV104":
            assert where[finding.code] in source[finding.line - 1], finding


def test_check_markdown_from_the_command_line():
    proc = run_cli("check", str(SEEDS / "dak-nong-2023-ke-hoach-dvcq.md"))
    assert proc.returncode == 1  # "Noi nhậm:" and "Đăk Nông" are errors
    assert f"{SEEDS / 'dak-nong-2023-ke-hoach-dvcq.md'}:3:1 DV101 [cảnh báo]" in proc.stdout
    assert "    3 | Số: /KH-SKHCN" in proc.stdout


# --- crawled-style text -----------------------------------------------------------

EXPECTED = YAML(typ="safe").load((CASES / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_crawled_text_imports(name):
    expected = EXPECTED[name]
    report = load(CASES / name).report
    dumped = report.model_dump(exclude_none=True)
    for key, value in expected["document"].items():
        assert dumped["document"][key] == value, key
    assert [[s.label, s.heading] for s in report.sections] == expected["sections"]
    if "children_of_first" in expected:
        assert [[c.label, c.heading] for c in report.sections[0].children] == expected["children_of_first"]
    if "paragraphs_of_first_child" in expected:
        assert report.sections[0].children[0].paragraphs == expected["paragraphs_of_first_child"]
    if "paragraphs_of_second" in expected:
        assert report.sections[1].paragraphs == expected["paragraphs_of_second"]
    for key in ("opening", "closing"):
        if key in expected:
            assert getattr(report, key) == expected[key]
    assert dumped["signature"] == expected["signature"]
    assert dumped["recipients"] == expected["recipients"]
    if "appendix" in expected:
        appendix = report.appendices[0]
        wanted = expected["appendix"]
        assert (appendix.label, appendix.title, appendix.reference) == (wanted["label"], wanted["title"], wanted["reference"])
        assert appendix.tables[0].rows == wanted["rows"]
    assert report.unclassified == expected.get("unclassified", [])


def test_a_letter_typed_without_tone_marks_is_read_all_the_same():
    """Corpus 044: the date line, Kính gửi and archive line of a text typed without its tone marks
    are read, so no false 'date missing' or 'no archive line'; that the text has no tone marks is
    for DV105 (Quốc hiệu), DV503 (Nơi nhận) and DV204 (place) to say, and they do."""
    report = load(CASES / "unaccented-letter.txt").report
    document = report.document
    assert (document.place, document.date, document.addressees) == ("Ha Noi", "ngay thang 3 nam 2026", ["Bo Xay dung."])
    assert report.recipients.lines[-1] == "- Luu: VT, TCCB (5b)."
    result = Checker({}, today=TODAY).check_file(CASES / "unaccented-letter.txt")
    codes = {f.code for f in result.findings if f.severity == "error"}
    assert {"DV105", "DV503", "DV204"} <= codes and not codes & {"DV201", "DV502", "DV506"}


def test_the_rest_of_the_recipients_read_after_the_signature_is_still_theirs(tmp_path):
    """Corpus 167, 174, 192: a PDF's foot read in bands (broken at a blank line, or OCR'd) gives the
    signature in the middle of Nơi nhận; the dashed lines after it, down to the archive line, are the
    list's, not stray text (which made 'no archive line' a false error). After the archive line the
    list has ended."""
    path = tmp_path / "foot.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 12/BC-UBND\nLâm Đồng, ngày 05 tháng 3 năm 2025\n\nBÁO CÁO\nKết quả công tác dân vận\n\n"
        "I. KẾT QUẢ\n\nĐã tổ chức 04 hội nghị./.\n\n"
        "Nơi nhận:\n- Bộ Tư pháp (để báo cáo);\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n- Các Hội địa phương (để thực hiện);\n\n"
        "- Lưu: VT.\n\nNguyễn Văn An\n\n- Ghi chú sau chữ ký.\n", encoding="utf-8")
    report = load(path).report
    assert report.recipients.lines == ["- Bộ Tư pháp (để báo cáo);", "- Các Hội địa phương (để thực hiện);", "- Lưu: VT."]
    assert (report.signature.authority, report.signature.name) == ("KT. CHỦ TỊCH", "Nguyễn Văn An")


def test_an_armed_forces_rank_before_the_signer_s_name_is_part_of_it(tmp_path):
    """Corpus 108: 'Thiếu tướng Trương Minh Đương' under GIÁM ĐỐC is the name (Phụ lục I, II.7.c lets
    the armed forces write the rank); it was left unread and DV405 said the name was missing."""
    path = tmp_path / "signed.txt"
    path.write_text(
        "CÔNG AN TỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 12/TTr-CAT\nLâm Đồng, ngày 05 tháng 3 năm 2025\n\nTỜ TRÌNH\nVề việc xét công nhận xã không ma túy\n\n"
        "Công an tỉnh kính trình./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nThiếu tướng Trương Minh Đương\n",
        encoding="utf-8")
    assert load(path).report.signature.name == "Thiếu tướng Trương Minh Đương"
    assert "DV405" not in {f.code for f in Checker({}, today=TODAY).check_file(path).findings}


@pytest.mark.parametrize("line, title, name", [
    ("PHÓ GIÁM ĐỐC ơNguyễn Đức Vũ", "PHÓ GIÁM ĐỐC", "Nguyễn Đức Vũ"),  # corpus 182: a stray mark of the image
    ("PHÓ CHỦ TỊCH Trần Văn Bình", "PHÓ CHỦ TỊCH", "Trần Văn Bình"),
])
def test_a_name_drawn_on_the_title_s_line_is_the_name(tmp_path, line, title, name):
    """A signed PDF's text may give the signer's title and name on one line; both are read."""
    path = tmp_path / "signed.txt"
    path.write_text(
        "SỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 1360/SNV-TCBC\nLâm Đồng, ngày 05 tháng 3 năm 2025\nV/v hồ sơ đề nghị hợp nhất\n\n"
        "Kính gửi: Hội Luật gia tỉnh.\n\nSở Nội vụ có ý kiến như sau./.\n\n"
        f"Nơi nhận:\n- Như trên;\n- Lưu: VT, TCBC.\n\nKT. GIÁM ĐỐC\n{line}\n", encoding="utf-8")
    signature = load(path).report.signature
    assert (signature.authority, signature.title, signature.name) == ("KT. GIÁM ĐỐC", title, name)


def test_numbered_paragraphs_do_not_break_the_headings():
    """In numbering-forms.txt the items "1. Đảng ủy tổ chức ..." under "1.2." are paragraphs, and the
    heading sequence goes on after them ("2- Thực hiện ...")."""
    report = load(CASES / "numbering-forms.txt").report
    first = report.sections[0].children[0]
    assert [(c.label, c.heading) for c in first.children] == [("1-", "Công tác tuyên truyền"),
                                                              ("2-", "Thực hiện Quy chế dân chủ")]
    assert [c.label for c in first.children[0].children] == ["1.1-", "1.2."]
    assert first.children[0].children[1].paragraphs[0].startswith("1. Đảng ủy tổ chức 02 hội nghị")


def test_crawled_documents_are_judged_by_their_own_format():
    """A Party document imported from text is judged by Party rules: no false format findings.
    (What a province's outline asks, DV303-306 and DV509, is another matter: these short test
    texts do not follow every outline.)"""
    for name in EXPECTED:
        result = Checker({"ignore": ("DV303", "DV304", "DV305", "DV306", "DV509", "DV601", "DV602", "DV603", "DV604")}, today=TODAY).check_file(CASES / name)
        assert [f.code for f in result.findings] == [], (name, [f.message.en for f in result.findings])


# --- .docx --------------------------------------------------------------------------


def test_generated_docx_imports(tmp_path):
    report = load(state_report(tmp_path / "report.docx")).report
    document = report.document
    assert (document.issuer.parent, document.issuer.name) == ("UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    assert document.header.national_name == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert (document.number, document.place, document.date) == ("Số: 85/BC-SKHCN", "Quảng Ngãi", "ngày 15 tháng 12 năm 2022")
    assert document.kind == "BÁO CÁO" and document.title == "Kết quả thực hiện công tác dân vận chính quyền năm 2022"
    assert document.addressees == ["Ban Dân vận Tỉnh ủy Quảng Ngãi."]
    assert [(s.label, s.heading) for s in report.sections] == [
        ("I.", "KẾT QUẢ THỰC HIỆN"), ("II.", "ĐÁNH GIÁ CHUNG"), ("III.", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023")]
    # auto-numbered list items get the label Word shows
    assert [(c.label, c.heading) for c in report.sections[0].children] == [
        ("1.", "Công tác lãnh đạo, chỉ đạo"), ("2.", "Cải cách hành chính, tiếp công dân")]
    assert report.opening[0].endswith("như sau:[1]")
    assert [(f.label, f.text) for f in report.footnotes] == [
        ("1", "Kế hoạch số 14/KH-UBND ngày 18/02/2022 về công tác dân vận chính quyền.")]
    assert report.signature.model_dump() == {"authority": "KT. GIÁM ĐỐC", "second_authority": None,
                                             "title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Văn An"}
    assert report.recipients.lines == ["- Như trên;", "- Giám đốc, các Phó Giám đốc Sở;", "- Lưu: VT, VP."]
    appendix = report.appendices[0]
    assert appendix.reference.startswith("(Kèm theo Báo cáo số 85/BC-SKHCN")
    assert appendix.tables[0].rows[1] == ["1", "Hồ sơ tiếp nhận", "120"]
    assert report.unclassified == []


def test_a_loaded_docx_leaves_no_parsed_document_behind(tmp_path):
    """python-docx's parts refer to each other: unless dvlint frees each document, the parsed XML piles
    up until the cycle collector happens to run (a folder of 100 reports grew a process to 300 MB)."""
    import gc

    from docx.opc.package import OpcPackage

    path = state_report(tmp_path / "report.docx")
    gc.collect()  # whatever writing the corpus left
    thresholds = gc.get_threshold()
    gc.set_threshold(10_000, 50, 50)  # as a batch run sets it (runner.tune_gc_for_batch)
    try:
        load(path)
        assert not [o for o in gc.get_objects() if isinstance(o, OpcPackage)]
    finally:
        gc.set_threshold(*thresholds)


def test_docx_findings_point_at_paragraphs(tmp_path):
    path = state_report(tmp_path / "draft.docx", number="Số: /BC-SKHCN", date="Quảng Ngãi, ngày tháng 12 năm 2022")
    proc, out = run_json("check", str(path), "--select", "DV1,DV2")
    report = out["reports"][0]
    assert report["unit"] == "paragraph"
    # the appendix still says "Báo cáo số 85/BC-SKHCN ngày 15/12/2022": number and date disagree (DV209)
    assert [(f["code"], f["line"]) for f in report["findings"]] == [("DV101", 4), ("DV201", 8), ("DV209", 33), ("DV209", 33)]
    text = run_cli("check", str(path), "--select", "DV1,DV2").stdout
    # Word has no line numbers: the paragraph, in words, and the cell of the header's layout table it stands in
    assert f"{path} (đoạn 4, bảng 1 hàng 1 ô 1) DV101 [cảnh báo]" in text
    assert "        | Số: /BC-SKHCN" in text


def test_broken_docx_files_are_load_errors(tmp_path):
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    import zipfile
    with zipfile.ZipFile(tmp_path / "not-word.docx", "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    import docx
    docx.Document().save(str(tmp_path / "empty.docx"))
    proc, out = run_json("check", str(tmp_path))
    assert proc.returncode == 2
    errors = {Path(r["path"]).name: r["error"]["kind"] for r in out["reports"]}
    assert errors == {"corrupt.docx": "not-a-docx", "empty.docx": "empty", "not-word.docx": "not-a-docx"}
    assert "Traceback" not in proc.stderr


def _libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.parametrize("name", ["hung-yen-2024-qcdc-9-thang", "dak-nong-2023-ke-hoach-dvcq"])
def test_docx_made_by_libreoffice_from_a_seed(tmp_path, name):
    """The seed as Word would hold it: Markdown to HTML, then LibreOffice to .docx."""
    import markdown

    assert _libreoffice(), "LibreOffice (soffice) is needed (bash .ci/run installs it)"

    html = markdown.markdown((SEEDS / f"{name}.md").read_text(encoding="utf-8"), extensions=["tables"])
    source = tmp_path / f"{name}.html"
    source.write_text(f'<html><head><meta charset="utf-8"></head><body>{html}</body></html>', encoding="utf-8")
    profile = tmp_path / "lo-profile"  # removed with tmp_path, not left in /tmp
    subprocess.run([_libreoffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    report = load(tmp_path / f"{name}.docx").report
    expected = fixture_report(name)
    for field in ("kind", "number", "place", "date", "title"):
        assert getattr(report.document, field) == getattr(expected.document, field), field
    assert (report.signature.authority, report.signature.title, report.signature.name) == (
        expected.signature.authority, expected.signature.title, expected.signature.name)
    assert report.recipients.heading == expected.recipients.heading
    # the recipients' text survives; HTML lists drop the drafter's superscript initials' brackets
    assert [line[:12] for line in report.recipients.lines] == [line[:12] for line in expected.recipients.lines]
    assert [(s.label, s.heading) for s in report.sections] == [(s.label, s.heading) for s in expected.sections]


def test_the_same_report_read_from_its_pdf_gives_the_docx_findings(tmp_path):
    """A writer who has only the PDF converts it with pdftotext -layout: the header and the foot
    come out side by side, wrapped, with Word's bullets as private-use characters. The findings
    must be those of the .docx it was printed from."""
    soffice, pdftotext = _libreoffice(), shutil.which("pdftotext")
    assert soffice and pdftotext, "LibreOffice and pdftotext are needed (bash .ci/run installs them)"
    docx = state_report(tmp_path / "report.docx")
    profile = tmp_path / "lo-profile"  # removed with tmp_path, not left in /tmp
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=180)
    subprocess.run([pdftotext, "-layout", str(tmp_path / "report.pdf"), str(tmp_path / "report.txt")],
                   check=True, capture_output=True, timeout=60)
    from_pdf, from_docx = load(tmp_path / "report.txt").report, load(docx).report
    assert from_pdf.document.header == from_docx.document.header
    assert (from_pdf.document.number, from_pdf.document.place, from_pdf.document.date) == (
        from_docx.document.number, from_docx.document.place, from_docx.document.date)
    assert from_pdf.signature == from_docx.signature
    assert from_pdf.recipients == from_docx.recipients
    assert sorted(f.code for f in check(tmp_path / "report.txt").findings) == sorted(
        f.code for f in check(docx).findings if not f.code.startswith("DV8"))  # how it looks: the .docx's alone


@pytest.mark.parametrize("flavour", ["gfm", "markdown", "commonmark"])
def test_the_same_report_converted_by_pandoc_gives_the_docx_findings(tmp_path, flavour):
    """pandoc is how most people turn a .docx into Markdown. Its GitHub Markdown writes the header
    and the foot as HTML tables (<p>, <li>); its own Markdown as grid tables (+---+, a cell's text
    wrapped, a hard break as "\\") and the appendix as a simple table (dashes, wrapped cells)."""
    pandoc = shutil.which("pandoc")
    assert pandoc, "pandoc is needed (bash .ci/run installs it)"
    docx = state_report(tmp_path / "report.docx")
    converted = tmp_path / f"report-{flavour}.md"
    subprocess.run([pandoc, str(docx), "-t", flavour, "-o", str(converted)], check=True, capture_output=True,
                   timeout=60)
    from_md, from_docx = load(converted).report, load(docx).report
    assert from_md.document.header == from_docx.document.header
    assert (from_md.document.number, from_md.document.date) == (from_docx.document.number, from_docx.document.date)
    assert from_md.signature == from_docx.signature
    assert from_md.recipients == from_docx.recipients
    assert [(f.label, f.text) for f in from_md.footnotes] == [(f.label, f.text) for f in from_docx.footnotes]
    assert from_md.appendices[0].tables[0].rows == from_docx.appendices[0].tables[0].rows
    assert sorted(f.code for f in check(converted).findings) == sorted(
        f.code for f in check(docx).findings if not f.code.startswith("DV8"))  # how it looks: the .docx's alone


# --- dvlint import ------------------------------------------------------------------


def test_import_writes_yaml_that_checks_the_same(tmp_path):
    out = tmp_path / "hung-yen.yaml"
    proc = run_cli("import", str(SEEDS / "hung-yen-2024-qcdc-9-thang.md"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "đã ghi" in proc.stderr
    written = out.read_text(encoding="utf-8")
    assert written.startswith("# Imported by dvlint from hung-yen-2024-qcdc-9-thang.md.")
    _, data = run_json("check", str(out))
    _, direct = run_json("check", str(SEEDS / "hung-yen-2024-qcdc-9-thang.md"))
    assert data["reports"][0]["error"] is None
    assert [f["code"] for f in data["reports"][0]["findings"]] == [f["code"] for f in direct["reports"][0]["findings"]]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_import_never_overwrites_without_force(tmp_path):
    out = tmp_path / "report.yaml"
    out.write_text("# my own edits\n", encoding="utf-8")
    proc = run_cli("import", str(CASES / "crawled-party-report.txt"), "-o", str(out))
    assert proc.returncode == 2
    assert "tệp đã có; dùng --force để ghi đè" in proc.stderr
    assert out.read_text(encoding="utf-8") == "# my own edits\n"
    proc = run_cli("import", str(CASES / "crawled-party-report.txt"), "-o", str(out), "--force")
    assert proc.returncode == 0
    assert "Số 45-BC/ĐU" in out.read_text(encoding="utf-8")


def test_import_to_stdout_and_explain():
    proc = run_cli("import", str(CASES / "crawled-district-report.txt"))
    assert proc.returncode == 0 and "number: \"Số: 120/BC-UBND\"" in proc.stdout
    explained = run_cli("import", str(CASES / "crawled-district-report.txt"), "--explain").stdout
    assert "30:16        signature.second_authority KT. CHỦ TỊCH" in explained
    assert "36:1         appendix.reference       (Kèm theo Báo cáo số 120/BC-UBND" in explained


def test_dash_as_output_means_the_terminal_never_a_file_named_dash(tmp_path):
    """`-o -` prints, as for most tools; it once wrote a file called "-" into the working folder."""
    source = str(CASES / "crawled-district-report.txt")
    imported = run_cli("import", source, "-o", "-", cwd=tmp_path)
    assert imported.returncode == 0 and "number: \"Số: 120/BC-UBND\"" in imported.stdout
    skeleton = run_cli("init", "--template", "qcdc-report", "-o", "-", cwd=tmp_path)
    assert skeleton.returncode == 0 and "document:" in skeleton.stdout
    checked = run_cli("check", str(FIXTURES / "clean-state-report.yaml"), "--format", "json", "--output", "-", cwd=tmp_path)
    assert checked.returncode == 0 and '"reports"' in checked.stdout
    assert list(tmp_path.iterdir()) == []


def test_import_refuses_yaml_and_reports_unreadable_input(tmp_path):
    assert run_cli("import", str(FIXTURES / "clean-state-report.yaml")).returncode == 2
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    proc = run_cli("import", str(empty))
    assert proc.returncode == 2 and f"{empty}: tệp rỗng" in proc.stderr


def test_text_that_is_no_document_is_a_load_error(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("some notes\nnothing official here\n", encoding="utf-8")
    proc = run_cli("check", str(notes))
    assert proc.returncode == 2
    assert "không nhận ra văn bản hành chính" in proc.stdout


def test_unplaceable_text_is_kept_as_unclassified(tmp_path):
    text = (CASES / "crawled-state-report.txt").read_text(encoding="utf-8") + "\nGhi chú của văn thư: đã vào sổ.\n"
    path = tmp_path / "with-note.txt"
    path.write_text(text, encoding="utf-8")
    report = load(path).report
    assert report.unclassified == ["Ghi chú của văn thư: đã vào sổ."]


def test_justified_text_stays_a_paragraph_and_columns_of_figures_are_a_table(tmp_path):
    """Gaps of a few spaces are justification; only a wide gap or a tab divides columns. Columns
    that are neither the header nor the foot are a data table, a row per line."""
    text = (CASES / "layout-state-report.txt").read_text(encoding="utf-8").replace(
        "     b) Phong trào",
        "     Kết  quả   cụ   thể   như   sau:\n"
        "     Nội dung                      Số lượng       Tỷ lệ\n"
        "     Hồ sơ tiếp nhận                  2.400        100%\n"
        "     b) Phong trào")
    path = tmp_path / "with-table.txt"
    path.write_text(text, encoding="utf-8")
    report = load(path).report
    result = report.sections[0].children[1]
    assert "Kết quả cụ thể như sau:" in result.paragraphs
    assert result.tables[0].rows == [["Nội dung", "Số lượng", "Tỷ lệ"], ["Hồ sơ tiếp nhận", "2.400", "100%"]]
    assert report.signature.name == "Trần Thị Hoa"


def test_a_finding_in_the_right_column_points_at_it(tmp_path):
    text = (CASES / "layout-state-report.txt").read_text(encoding="utf-8").replace("PHÓ GIÁM ĐỐC", "GIÁM ĐỐC")
    path = tmp_path / "wrong-title.txt"
    path.write_text(text, encoding="utf-8")
    finding = next(f for f in check(path).findings if f.code == "DV403")
    assert (finding.line, finding.column) == (32, 60)


def test_page_breaks_of_pdf_text_keep_line_numbers_and_drop_page_numbers(tmp_path):
    """pdftotext ends each page with a form feed and Nghị định 30 numbers pages from the second:
    the findings below a page break stay on the editor's line, and a page number is no text."""
    text = (CASES / "layout-state-report.txt").read_text(encoding="utf-8")
    text = text.replace("     2. Kết quả cụ thể\n", "\f                                    2\n     2. Kết quả cụ thể\n")
    text = text.replace("     III. PHƯƠNG HƯỚNG", "\f                                    3\n\n     III. PHƯƠNG HƯỚNG")
    text = text.replace("PHÓ GIÁM ĐỐC", "GIÁM ĐỐC")
    path = tmp_path / "paged.txt"
    path.write_text(text, encoding="utf-8")
    report = load(path).report
    assert [c.label for c in report.sections[0].children] == ["1.", "2."]
    assert not any(p.strip() in ("2", "3") for s in report.all_sections() for p in s.paragraphs)
    finding = next(f for f in check(path).findings if f.code == "DV403")
    wanted = next(n for n, line in enumerate(text.split("\n"), 1) if line.endswith(" GIÁM ĐỐC") and "KT." not in line)
    assert finding.line == wanted


def test_findings_in_an_html_table_cell_point_at_its_text(tmp_path):
    """pandoc's HTML cells: the line and column of each paragraph, after a <br /> too."""
    converted = (CASES / "converted-state-report-br.md").read_text(encoding="utf-8").splitlines()
    foot = ["<table>", "<tbody>", "<tr>",
            "<td><p><strong>Nơi nhận:</strong></p>", "<ul>", "<li><p>Như trên;</p></li>",
            "<li><p>Lưu: VT, VP.</p></li>", "</ul></td>",
            "<td><p><strong>KT. GIÁM ĐỐC<br />", "GIÁM ĐỐC</strong></p>", "<p><strong>Trần Thị Hoa</strong></p></td>",
            "</tr>", "</tbody>", "</table>"]
    path = tmp_path / "html-foot.md"
    path.write_text("\n".join(converted[:-2] + foot) + "\n", encoding="utf-8")
    report = load(path).report
    assert report.recipients.lines == ["- Như trên;", "- Lưu: VT, VP."]
    finding = next(f for f in check(path).findings if f.code == "DV403")
    assert (finding.line, finding.column) == (len(converted) - 2 + 10, 1)


@pytest.mark.parametrize("lines,place,date", [
    (["*Hà Nội, ngày", "05 tháng 3 năm 2025*"], "Hà Nội", "ngày 05 tháng 3 năm 2025"),
    (["*Thành phố Hồ Chí", "Minh, ngày 05 tháng 3 năm 2025*"], "Thành phố Hồ Chí Minh", "ngày 05 tháng 3 năm 2025"),
    (["*Hà Nội, ngày", "|", "05 tháng 3 năm 2025*"], "Hà Nội", "ngày 05 tháng 3 năm 2025"),
    (["Hà Nội, ngày 05 tháng 3", "năm 2025"], "Hà Nội", "ngày 05 tháng 3 năm 2025"),
])
def test_a_wrapped_place_and_date_is_read_whole(tmp_path, lines, place, date):
    """The date wrapped anywhere, inside its italics or across a flattened table's cell boundary."""
    text = "\n".join(["**ỦY BAN NHÂN DÂN**", "|", "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**", "|",
                      "Số: 12/BC-UBND", "|", *lines, "|", "**BÁO CÁO**", "Kết quả công tác dân vận", ""])
    path = tmp_path / "date.md"
    path.write_text(text, encoding="utf-8")
    document = load(path).report.document
    assert (document.place, document.date) == (place, date)


@pytest.mark.parametrize("lines,expected", [
    # a group wrapped after a comma, among dashed lines: one recipient
    (["- Bộ Y tế;", "- VP UBND tỉnh: LĐVP, KGVX,", "TTTT, TTPVHCC;", "- Lưu: VT, TTPVHCC."],
     ["- Bộ Y tế;", "- VP UBND tỉnh: LĐVP, KGVX, TTTT, TTPVHCC;", "- Lưu: VT, TTPVHCC."]),
    # Party lines end with commas, each its own recipient
    (["- Đảng ủy Khối,", "- Các chi bộ,", "- Lưu Văn phòng."], ["- Đảng ủy Khối,", "- Các chi bộ,", "- Lưu Văn phòng."]),
    # a line after a full recipient is not run onto it
    (["- Bộ Y tế;", "- Sở Nội vụ,", "- Lưu: VT."], ["- Bộ Y tế;", "- Sở Nội vụ,", "- Lưu: VT."]),
])
def test_a_recipient_wrapped_after_a_comma_is_one_line(tmp_path, lines, expected):
    text = "\n".join(["**ỦY BAN NHÂN DÂN**", "|", "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**", "|",
                      "Số: 12/BC-UBND", "|", "Hà Nội, ngày 05 tháng 3 năm 2025", "|", "**BÁO CÁO**",
                      "Kết quả công tác dân vận", "", "I. KẾT QUẢ", "", "Nội dung.", "", "|",
                      "**Nơi nhận:**", *lines, "|", "**CHỦ TỊCH**", "", "Nguyễn Văn An", ""])
    path = tmp_path / "recipients.md"
    path.write_text(text, encoding="utf-8")
    assert load(path).report.recipients.lines == expected


def test_a_markdown_line_break_inside_bold_is_kept():
    """'**KT. GIÁM ĐỐC  ' / 'PHÓ GIÁM ĐỐC**': the writer's line break (two spaces) stays a break."""
    from dvlint.importers.text import read_lines

    lines = read_lines("**KT. GIÁM ĐỐC  \nPHÓ GIÁM ĐỐC**\n\n**ỦY BAN NHÂN\nDÂN TỈNH**\n")
    assert [line.text for line in lines if line.text] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "ỦY BAN NHÂN DÂN TỈNH"]


def test_a_scans_specks_do_not_end_the_header_but_a_wrapped_word_is_kept(tmp_path):
    """OCR's reading of a stamp's edge ("¬. hư") is passed over; "BỘ" / "TÀI CHÍNH" wrapped is a name."""
    text = "\n".join(["|", "BỘ", "TÀI CHÍNH", "**CỤC THUẾ**", "-------", "|", "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
                      "Độc lập - Tự do - Hạnh phúc", "¬. hư", "|", "Số: 12/CT-CS", "|", "Hà Nội, ngày 05 tháng 3 năm 2025",
                      "|", "**BÁO CÁO**", "Kết quả", ""])
    path = tmp_path / "specks.md"
    path.write_text(text, encoding="utf-8")
    document = load(path).report.document
    assert (document.issuer.parent, document.issuer.name) == ("BỘ TÀI CHÍNH", "CỤC THUẾ")
    assert document.number == "Số: 12/CT-CS" and document.date == "ngày 05 tháng 3 năm 2025"


def test_a_digital_signatures_text_above_the_header_does_not_hide_it(tmp_path):
    """A signed PDF prints 'SAO Y; ...' or 'Ký bởi: ...' above the header: read past, the header is read."""
    text = "\n".join(["SAO Y; PHÒNG PV01; Thời gian ký: 2025-07-15T17:42:37+07:00", "",
                      "BỘ CÔNG AN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                      "CÔNG AN TỈNH LÂM ĐỒNG             Độc lập - Tự do - Hạnh phúc",
                      "Số: 177/CAT-PA05             Lâm Đồng, ngày 15 tháng 7 năm 2025", "",
                      "V/v trao đổi thông tin", "", "Kính gửi: Văn phòng Tỉnh ủy", "", "Nội dung.", ""])
    path = tmp_path / "signed.txt"
    path.write_text(text, encoding="utf-8")
    document = load(path).report.document
    assert (document.number, document.date, document.kind) == ("Số: 177/CAT-PA05", "ngày 15 tháng 7 năm 2025", "công văn")
    assert document.issuer.name == "CÔNG AN TỈNH LÂM ĐỒNG"

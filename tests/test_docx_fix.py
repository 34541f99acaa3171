"""``dvlint check --fix`` / ``--diff`` on a .docx (issue 20): the looks the DV8xx rules report are set, never a word.

Each test builds a report with python-docx (the Quốc hiệu and the issuer in a two-column header
table, a body, a signature) laid out as Word's defaults leave it: Letter paper, 1-inch margins,
an Arial body left-aligned without indent, the Quốc hiệu in 14 pt and not bold, the page number
shown on page 1.
"""

from __future__ import annotations

import html
import re
import stat
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from conftest import run_cli, run_json
from docx_corpus import well_presented_report
from legacy_encode import to_tcvn3

DEFECTS = dict(
    page={"width": 215.9, "height": 279.4, "top": 25.4, "bottom": 25.4, "left": 25.4, "right": 25.4},
    looks={"national_name": {"size": 14, "bold": False}, "body": {"font": "Arial"}},
    body_align="left", first_line_indent_mm=0, first_page_number=True,
)
LEGACY_WORDS = "Các cơ quan đã thực hiện tốt công tác dân vận chính quyền."


def defective_report(path: Path, legacy: bool = False) -> Path:
    well_presented_report(path, **DEFECTS)
    if legacy:  # one more body paragraph, typed in .VnTime: its characters are TCVN3 bytes, not Unicode
        document = docx.Document(str(path))
        first_body = next(p for p in document.paragraphs if p.text.startswith("Nội dung thứ 1"))
        paragraph = first_body.insert_paragraph_before()
        paragraph.paragraph_format.first_line_indent = first_body.paragraph_format.first_line_indent
        run = paragraph.add_run(to_tcvn3(LEGACY_WORDS).decode("latin-1"))
        run.font.name = ".VnTime"
        run._r.rPr.rFonts.set(docx.oxml.ns.qn("w:hAnsi"), ".VnTime")
        run.font.size = Pt(14)
        document.save(str(path))
    return path


def texts(path: Path) -> list[str]:
    """Every paragraph's text: the body's, the tables' cells', the headers' and footers'."""
    document = docx.Document(str(path))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    for section in document.sections:
        for part in (section.header, section.footer):
            out.extend(p.text for p in part.paragraphs)
    return out


def dv8(path: Path, *args: str) -> list[str]:
    _, out = run_json("check", *args, str(path))
    return sorted(f["code"] for f in out["reports"][0]["findings"] if f["code"].startswith("DV8"))


def claimed(stderr: str) -> set[str]:
    """The codes the repair says it fixed entirely: "... fixed 20 findings (DV801, DV802; DV803 in part)"."""
    found = re.search(r"(?:fixed|would fix) \d+ findings? \(([^)]*)\)", stderr)
    assert found, stderr
    whole = found.group(1).split(";")[0]
    return {code.strip() for code in whole.split(",") if code.strip().startswith("DV")}


# --- --diff -----------------------------------------------------------------------------------


def test_diff_lists_the_changes_and_leaves_the_file_byte_identical(tmp_path):
    report = defective_report(tmp_path / "report.docx")
    before = report.read_bytes()
    proc = run_cli("check", "--diff", "--lang", "en", str(report))
    assert proc.returncode == 1, proc.stderr
    assert report.read_bytes() == before
    lines = proc.stdout.splitlines()
    assert f"{report}: section 1: paper 215.9 x 279.4 -> 210.0 x 297.0 mm (A4), left margin 25.4 -> 30.0 mm, " \
           "right margin 25.4 -> 20.0 mm" in lines
    national = next(line for line in lines if "(national name)" in line)
    assert national.startswith(f"{report}: paragraph 3 (national name): ")
    assert "size 14 -> 13" in national and "bold on" in national
    body = next(line for line in lines if "(body)" in line)
    assert "font Arial -> Times New Roman" in body and "aligned left -> justified" in body
    assert "first-line indent 0.0 -> 10.0 mm" in body
    assert f"{report}: page numbers (section 1): hidden on the first page (different first page, w:titlePg)" in lines
    assert "would fix" in proc.stderr and "DV801" in proc.stderr


def test_diff_in_vietnamese_names_the_elements_as_the_decree_does(tmp_path):
    report = defective_report(tmp_path / "report.docx")
    proc = run_cli("check", "--diff", str(report))
    assert any(line.startswith(f"{report}: đoạn 3 (Quốc hiệu): ") and "cỡ chữ 14 -> 13" in line and "đậm: bật" in line
               for line in proc.stdout.splitlines()), proc.stdout
    assert "lề trái 25,4 -> 30,0 mm" in proc.stdout  # a decimal comma, as Vietnamese writes it


def test_a_report_laid_out_as_asked_has_nothing_to_change(tmp_path):
    report = well_presented_report(tmp_path / "ok.docx")
    before = report.read_bytes()
    proc = run_cli("check", "--diff", str(report))
    assert (proc.returncode, proc.stdout) == (0, "")
    fixed = run_cli("check", "--fix", "--select", "DV8", str(report))
    assert (fixed.returncode, fixed.stderr) == (0, "")
    assert report.read_bytes() == before


# --- --fix -----------------------------------------------------------------------------------------


def test_fix_repairs_in_place_keeping_the_mode_and_every_word(tmp_path):
    report = defective_report(tmp_path / "report.docx")
    report.chmod(0o640)
    words = texts(report)
    found_before = dv8(report)
    before = report.read_bytes()
    proc = run_cli("check", "--fix", "--lang", "en", str(report))
    assert report.read_bytes() != before
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert texts(report) == words
    assert f"{report}: section 1: paper 215.9" in proc.stderr  # what it changed, printed
    codes = claimed(proc.stderr)
    assert {"DV801", "DV802", "DV803", "DV805", "DV807", "DV808"} <= codes <= set(found_before)
    assert not codes & set(dv8(report)), "a finding the repair claims to fix is still there"
    again = run_cli("check", "--diff", str(report))  # nothing more to do
    assert (again.returncode, again.stdout) == (0, "")


def test_the_fixed_file_opens_in_libreoffice_with_the_header_where_the_decree_puts_it(tmp_path):
    report = defective_report(tmp_path / "report.docx")
    run_cli("check", "--fix", str(report))
    out = tmp_path / "pdf"
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(report)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    pdf = out / "report.pdf"
    assert pdf.exists(), proc.stdout + proc.stderr
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(tmp_path / "out.html")], check=True, timeout=60)
    width, height, segments = _first_page(tmp_path / "out.html")
    assert (width, height) == pytest.approx((595.3, 841.9), abs=1)  # A4 in points
    national = next(s for s in segments if "CỘNG HÒA" in s[0])
    issuer = next(s for s in segments if "SỞ NỘI VỤ" in s[0])
    assert national[1] > width / 2 and national[2] < height / 4
    assert issuer[3] < width / 2 and issuer[2] < height / 4


def _first_page(bbox_html: Path):
    """(width, height, [(text, xMin, yMin, xMax)]) of page 1: words on one line joined into runs of text
    that stand apart (the two cells of the header table share their lines). pdftotext splits a word at a
    letter the font composes ("C", "Ộ", "NG"), so touching words are joined without a space."""
    source = bbox_html.read_text(encoding="utf-8")
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', source, re.S)
    words = [(float(x0), float(y0), float(x1), html.unescape(text)) for x0, y0, x1, _, text in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page.group(3))]
    lines: dict[int, list] = {}
    for word in words:
        lines.setdefault(round(word[1]), []).append(word)
    segments = []
    for y, line in sorted(lines.items()):
        line.sort()
        current = None
        for x0, y0, x1, text in line:
            if current and x0 - current[3] < 1.5:
                current = [current[0] + text, current[1], current[2], x1]
            elif current and x0 - current[3] < 12:
                current = [current[0] + " " + text, current[1], current[2], x1]
            else:
                if current:
                    segments.append(tuple(current))
                current = [text, x0, y0, x1]
        if current:
            segments.append(tuple(current))
    return float(page.group(1)), float(page.group(2)), segments


# --- legacy fonts -------------------------------------------------------------------------------------


def test_a_legacy_font_run_is_left_alone_and_reported(tmp_path):
    report = defective_report(tmp_path / "report.docx", legacy=True)
    words = texts(report)
    proc = run_cli("check", "--fix", "--lang", "en", str(report))
    assert texts(report) == words
    assert re.search(r"not re-fonted: \.VnTime in paragraph \d+: convert with --convert-legacy", proc.stderr), proc.stderr
    document = docx.Document(str(report))
    legacy = [r for p in document.paragraphs for r in p.runs if r.font.name == ".VnTime"]
    assert [r.text for r in legacy] == [to_tcvn3(LEGACY_WORDS).decode("latin-1")]
    assert "DV803" in dv8(report)  # still there, and not claimed
    assert "DV803" not in claimed(proc.stderr)


def test_convert_legacy_converts_the_run_and_sets_times_new_roman(tmp_path):
    report = defective_report(tmp_path / "report.docx", legacy=True)
    words = texts(report)
    proc = run_cli("check", "--fix", "--convert-legacy", "--lang", "en", str(report))
    assert "converted from TCVN3 to Unicode (the encoding only" in proc.stderr, proc.stderr
    after = texts(report)
    changed = [(a, b) for a, b in zip(words, after) if a != b]
    assert changed == [(to_tcvn3(LEGACY_WORDS).decode("latin-1"), LEGACY_WORDS)]  # only that run, only its encoding
    document = docx.Document(str(report))
    run = next(r for p in document.paragraphs for r in p.runs if r.text == LEGACY_WORDS)
    assert run.font.name == "Times New Roman"
    assert "DV803" not in dv8(report)


# --- files that cannot be repaired ------------------------------------------------------------


def test_an_unreadable_docx_exits_2_and_the_others_are_still_fixed(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    good = defective_report(tmp_path / "good.docx")
    before = good.read_bytes()
    proc = run_cli("check", "--fix", "--lang", "en", str(broken), str(good))
    assert proc.returncode == 2
    assert f"{broken}" in proc.stdout + proc.stderr
    assert good.read_bytes() != before
    diff = run_cli("check", "--diff", "--lang", "en", str(broken), str(defective_report(tmp_path / "other.docx")))
    assert diff.returncode == 2
    assert re.search(rf"^{re.escape(str(broken))}: ", diff.stderr, re.M), diff.stderr
    assert "other.docx: section 1" in diff.stdout


def test_other_formats_are_still_refused(tmp_path):
    text = tmp_path / "report.txt"
    text.write_text("BÁO CÁO\n", encoding="utf-8")
    proc = run_cli("check", "--fix", "--lang", "en", str(text))
    assert "not modified (fixes apply to YAML reports and .docx files only)" in proc.stderr
    assert text.read_text(encoding="utf-8") == "BÁO CÁO\n"


def test_a_file_edited_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    from dvlint.app.runner import Checker
    from dvlint.output.docx_fix import fix_docx
    from dvlint.output.fix import replace_if_unchanged
    from dvlint.source.errors import LoadError

    report = defective_report(tmp_path / "report.docx")
    outcome = fix_docx(report, Checker({"lang": "en"}, config_file=None).engine_for(report))
    assert outcome.changed
    report.write_bytes(report.read_bytes() + b"\0")  # saved by Word meanwhile
    edited = report.read_bytes()
    with pytest.raises(LoadError) as caught:
        replace_if_unchanged(report, outcome.original, outcome.after)
    assert "changed while dvlint was fixing it" in caught.value.message.en
    assert report.read_bytes() == edited


def test_text_from_the_document_is_made_safe_for_the_terminal(tmp_path):
    report = defective_report(tmp_path / "report.docx")
    document = docx.Document(str(report))
    run = next(r for p in document.paragraphs for r in p.runs if r.text.startswith("Nội dung thứ 1"))
    run.font.name = "Arial\u202eFont"  # a bidirectional control (XML forbids the escape characters themselves)
    document.save(str(report))
    proc = run_cli("check", "--diff", "--lang", "en", str(report))
    assert "\u202e" not in proc.stdout + proc.stderr
    assert "font Arial\\u202eFont -> Times New Roman" in proc.stdout


def test_a_footnote_python_docx_keeps_as_bytes_is_listed_not_claimed(tmp_path):
    """The footnotes part has no python-docx class: an edit there would be lost on saving, so none is made."""
    from docx_corpus import state_report

    report = state_report(tmp_path / "notes.docx")
    words = texts(report)
    proc = run_cli("check", "--fix", "--lang", "en", str(report))
    assert texts(report) == words
    note = re.search(r"paragraph (\d+) is in a part dvlint cannot write back \(footnotes\): not changed", proc.stderr)
    assert note, proc.stderr
    assert not re.search(rf": paragraph {note.group(1)}: ", proc.stderr)  # no change claimed there
    assert "DV803" not in claimed(proc.stderr) and "DV803" in dv8(report)

"""Every file a commission receives: .pdf (text and scans), .doc, images, misnamed files, folders.

The documents are made here from a seed as offices make them: LibreOffice
prints the .docx to PDF and saves it as .doc; the scan is that PDF's pages
rendered to images and bound again into a PDF with no text layer. Tesseract's
output varies by version: what must be robust is asserted (the number and the
year), not every character.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import markdown
import pytest

from conftest import SEEDS, run_cli, run_json
from dvlint.app.runner import Checker
from dvlint.engine.config import Settings
from dvlint.read.loaders import load_doc_report, load_docx_report, load_pdf_report

SEED = "dak-nong-2023-ke-hoach-dvcq"


def _office() -> str:
    command = shutil.which("soffice") or shutil.which("libreoffice")
    assert command, "LibreOffice (soffice) is needed (bash .ci/run installs it)"
    return command


def _convert(source: Path, target_format: str, out: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:  # removed however the conversion ends
        subprocess.run([_office(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        target_format, "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    return out / f"{source.stem}.{target_format.split(':')[0]}"


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> Path:
    """The seed as Word holds it (Markdown to HTML, LibreOffice to .docx)."""
    folder = tmp_path_factory.mktemp("seed")
    html = markdown.markdown((SEEDS / f"{SEED}.md").read_text(encoding="utf-8"), extensions=["tables"])
    source = folder / f"{SEED}.html"
    source.write_text(f'<html><head><meta charset="utf-8"></head><body>{html}</body></html>', encoding="utf-8")
    return _convert(source, "docx:MS Word 2007 XML", folder)


@pytest.fixture(scope="module")
def seed_pdf(seed_docx) -> Path:
    return _convert(seed_docx, "pdf", seed_docx.parent / "pdf")


@pytest.fixture(scope="module")
def seed_scan(seed_pdf) -> Path:
    """The PDF's first page (its header) rendered to an image and bound into a PDF with no text layer, as a
    scanner makes it. One page: OCR takes seconds a page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(seed_pdf))
    image = document[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    document.close()
    out = seed_pdf.parent / "scan.pdf"
    image.save(out, resolution=200)
    return out


def test_a_text_pdf_is_read_as_the_docx_it_was_printed_from(seed_docx, seed_pdf):
    from_pdf = load_pdf_report(seed_pdf, Settings())
    from_docx = load_docx_report(seed_docx, Settings()).report
    assert from_pdf.source_kind == "pdf" and from_pdf.page_starts[0] == 1 and len(from_pdf.page_starts) >= 2
    document = from_pdf.report.document
    for field in ("number", "place", "date", "kind", "title"):
        assert " ".join(str(getattr(document, field)).split()) == " ".join(str(getattr(from_docx.document, field)).split())
    assert from_pdf.report.signature.name == from_docx.signature.name


def test_a_pdf_finding_says_its_page_and_line(seed_pdf):
    proc, out = run_json("check", str(seed_pdf), "--lang", "en")
    report = out["reports"][0]
    assert report["error"] is None and report["text_source"] == "text"
    assert report["findings"] and all("page" in f and "page_line" in f for f in report["findings"])
    text = run_cli("check", str(seed_pdf), "--lang", "en").stdout
    assert "page 1, line " in text


def test_a_scanned_pdf_is_read_by_ocr_and_marked_so(seed_scan):
    scan = seed_scan
    loaded = load_pdf_report(scan, Settings())
    assert loaded.source_kind == "ocr"
    document = loaded.report.document
    assert "5361" not in (document.number or "")  # the number is the plan's own, not a cited one
    assert "/KH-" in (document.number or "").replace(" ", "")
    assert "2023" in (document.date or "")
    proc = run_cli("check", str(scan), "--lang", "en")
    assert "text read from a scan by OCR: the findings rest on recognised text" in proc.stdout
    result = Checker({"lang": "en"}).check_file(scan)
    assert result.text_source == "ocr"
    exact = {"DV102", "DV204", "DV206", "DV207", "DV504", "DV701", "DV101", "DV401"}
    assert not exact & {f.code for f in result.findings}  # no spelling-level rule on recognised text


def test_a_doc_is_converted_and_read_as_the_docx(seed_docx, tmp_path):
    doc = _convert(seed_docx, "doc", tmp_path)
    from_doc = load_doc_report(doc, Settings())
    from_docx = load_docx_report(seed_docx, Settings()).report
    assert from_doc.source_kind == "docx"  # located by paragraph
    for field in ("number", "place", "date", "kind", "title"):
        assert getattr(from_doc.report.document, field) == getattr(from_docx.document, field)
    proc, out = run_json("check", str(doc), "--lang", "en")
    assert out["reports"][0]["error"] is None and out["reports"][0]["unit"] == "paragraph"


def test_misnamed_files_are_read_by_what_their_bytes_are(seed_docx, seed_pdf, tmp_path):
    docx_named_doc = tmp_path / "bao-cao.doc"
    shutil.copyfile(seed_docx, docx_named_doc)
    pdf_named_docx = tmp_path / "bao-cao.docx"
    shutil.copyfile(seed_pdf, pdf_named_docx)
    text_named_docx = tmp_path / "khong-phai-zip.docx"
    text_named_docx.write_text("Số: 12/BC-UBND\n", encoding="utf-8")
    proc, out = run_json("check", str(docx_named_doc), str(pdf_named_docx), str(text_named_docx), "--lang", "en")
    reports = {Path(r["path"]).name: r for r in out["reports"]}
    assert reports["bao-cao.doc"]["error"] is None and reports["bao-cao.doc"]["unit"] == "paragraph"
    assert reports["bao-cao.docx"]["error"] is None and reports["bao-cao.docx"]["text_source"] == "text"
    assert reports["khong-phai-zip.docx"]["error"]["kind"] == "not-a-docx"
    assert proc.returncode == 2


def test_an_image_named_pdf_is_read_by_ocr(seed_pdf, tmp_path):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(seed_pdf))
    image = tmp_path / "anh-chup.pdf"  # a photo saved with a .pdf name
    document[0].render(scale=200 / 72, grayscale=True).to_pil().save(image, format="PNG")
    document.close()
    proc, out = run_json("check", str(image), "--lang", "en")
    report = out["reports"][0]
    assert report["error"] is None and report["text_source"] == "ocr"


def test_a_folder_run_lists_every_file_it_does_not_read(seed_docx, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copyfile(seed_docx, folder / "bao-cao.docx")
    (folder / "SOURCES.tsv").write_text("file\trepo\n", encoding="utf-8")
    (folder / "bang-diem.xlsx").write_bytes(b"PK\x03\x04not really")  # a zip: read as a .docx, and refused
    (folder / "~$bao-cao.docx").write_bytes(b"\x00lock")  # Word's lock file: no one's document
    proc, out = run_json("check", str(folder), "--lang", "en")
    by_name = {Path(r["path"]).name: r for r in out["reports"]}
    assert set(by_name) == {"bao-cao.docx", "SOURCES.tsv", "bang-diem.xlsx"}
    assert by_name["SOURCES.tsv"]["error"]["kind"] == "unsupported"
    assert by_name["bang-diem.xlsx"]["error"]["kind"] == "not-a-docx"
    assert out["summary"]["load_errors"] == 2
    text = run_cli("check", str(folder), "--lang", "en").stdout
    assert "SOURCES.tsv: dvlint cannot read '.tsv' files" in text and "2 files could not be read" in text
    score = run_cli("score", str(folder), "--lang", "en").stdout
    assert "SOURCES.tsv" in score


def test_without_tesseract_a_scan_names_the_package_and_the_run_goes_on(seed_scan, tmp_path):
    scan = seed_scan
    yaml_report = SEEDS.parent.parent.parent / "fixtures" / "clean-state-plan.yaml"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(sys.executable, bin_dir / "python3")
    proc, out = run_json("check", str(scan), str(yaml_report), "--lang", "en", env={"PATH": str(bin_dir)})
    reports = {Path(r["path"]).name: r for r in out["reports"]}
    assert reports["scan.pdf"]["error"]["kind"] == "ocr-unavailable"
    assert "tesseract-ocr-vie" in reports["scan.pdf"]["error"]["message"]
    assert reports["clean-state-plan.yaml"]["error"] is None
    assert proc.returncode == 2


def test_without_libreoffice_a_doc_names_the_package(seed_docx, tmp_path):
    doc = _convert(seed_docx, "doc", tmp_path)
    proc, out = run_json("check", str(doc), "--lang", "en", env={"PATH": str(tmp_path / "nothing")})
    error = out["reports"][0]["error"]
    assert error["kind"] == "converter-unavailable" and "libreoffice-writer" in error["message"]
    assert proc.returncode == 2


def _closed_line(text: str, spaces_drawn: bool = True):
    """One PDF line as the reader collects it: (char, left, bottom, right, top, spaced), each letter's
    loose box starting where the one before ends, as pdfium gives them even across a space."""
    out, spaced, x = [], False, 0.0
    for char in text:
        if char == " ":
            spaced = spaces_drawn
            continue
        out.append((char, x, 754.3, x + 7.0, 766.3, spaced))
        spaced, x = False, x + 7.0
    return out


def test_a_pdf_space_whose_box_the_letters_close_on_still_parts_the_words():
    """Corpus 151: the motto's letters close on its spaces; the words ran together
    ('Độclập–Tựdo–Hạnhphúc'), the motto was not recognised and the header's reading stopped there."""
    from dvlint.importers.pdf import _set_out

    assert _set_out(_closed_line("Độc lập – Tự do"), 7.0).strip() == "Độc lập – Tự do"
    assert _set_out(_closed_line("Độc lập – Tự do", spaces_drawn=False), 7.0).strip() == "Độclập–Tựdo"


def test_a_rule_drawn_under_a_line_in_underscores_is_not_read_into_it():
    from dvlint.importers.pdf import _without_rules

    letters = [("T", 0.0, 754.3, 7.0, 766.3, False), ("ự", 7.0, 754.3, 14.0, 766.3, False),
               ("d", 17.5, 754.3, 24.5, 766.3, True), ("o", 24.5, 754.3, 31.5, 766.3, False)]
    rule = [("_", 14.5, 751.9, 15.5, 753.8, False)]  # in the space between the words, below their baseline
    kept = _without_rules(sorted(letters + rule, key=lambda c: c[1]))
    assert "".join(c[0] for c in kept) == "Tựdo"


@pytest.mark.parametrize("text, motto", [
    ("Độc lập - Tự do - Hạnh phúc", True),
    ("Độclập–Tựdo_–Hạnhphúc", True),  # a PDF's text layer that lost its spaces
    ("Độc lập dân tộc gắn liền với hạnh phúc của nhân dân", False),
])
def test_the_motto_is_known_by_its_letters(text, motto):
    from dvlint.importers.header import is_motto

    assert is_motto(text) is motto

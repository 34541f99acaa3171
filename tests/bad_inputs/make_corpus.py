"""Writes the bad-input corpus in tests/bad_inputs/files/ (run it again after changing it).

    python tests/bad_inputs/make_corpus.py

Each file is what a commission really receives from somewhere: an old editor,
an unknown converter, a truncated upload. tests/bad_inputs/expected.yaml says
what dvlint must answer to each. Inputs that are large or depend on the
machine (a 50 MB file, a zip bomb, a symlink loop, an unreadable file, a pipe)
are made by the test itself in a temporary folder. Files named fuzz-* are
inputs on which bench/fuzz.py found a crash, kept as they were found.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(ROOT))

from docx_corpus import state_report  # noqa: E402
from legacy_encode import to_tcvn3, to_vni, to_windows_1258  # noqa: E402

OUT = HERE / "files"
CLEAN = (ROOT / "fixtures" / "clean-state-plan.yaml").read_text(encoding="utf-8")
HEAD = "document:\n  kind: KẾ HOẠCH\n  issuer: SỞ NỘI VỤ\n"


def text_files() -> dict[str, bytes]:
    import unicodedata

    files = {
        # --- encodings ---------------------------------------------------
        "utf8.yaml": CLEAN.encode("utf-8"),
        "utf8-bom.yaml": b"\xef\xbb\xbf" + CLEAN.encode("utf-8"),
        "utf16-le-bom.yaml": CLEAN.encode("utf-16"),  # Python writes the BOM, little-endian
        "utf16-be-bom.yaml": b"\xfe\xff" + CLEAN.encode("utf-16-be"),
        "utf32-le-bom.yaml": CLEAN.encode("utf-32"),
        "tcvn3.yaml": to_tcvn3(CLEAN),
        "vni.yaml": to_vni(CLEAN),
        "windows-1258.yaml": to_windows_1258(CLEAN),
        "tcvn3.txt": to_tcvn3("UBND TỈNH HƯNG YÊN\nSỞ NỘI VỤ\nBÁO CÁO\nKết quả công tác dân vận năm 2024\n"),
        "nfd.yaml": unicodedata.normalize("NFD", CLEAN).encode("utf-8"),
        "mixed-line-endings.yaml": "\n".join(
            line + ("\r" if i % 3 == 0 else "") for i, line in enumerate(CLEAN.split("\n"))).encode("utf-8"),
        "nul-bytes.yaml": HEAD.encode("utf-8") + b"  title: B\x00o c\x00o\n",
        "binary-named-yaml.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256)),
        "latin1-not-vietnamese.yaml": HEAD.encode("utf-8") + "  title: Café crème brûlée\n".encode("latin-1"),
        "empty.yaml": b"",
        "only-whitespace.yaml": b"  \n\n\t\n",
        # --- YAML ----------------------------------------------------------
        "syntax-unclosed-flow.yaml": (HEAD + "  addressees: [Sở Nội vụ, Sở Tư pháp\nsections: []\n").encode(),
        "syntax-unclosed-quote.yaml": (HEAD + '  title: "Báo cáo kết quả\n  number: "Số: 05/BC-SNV"\n').encode(),
        "syntax-bad-indent.yaml": (HEAD + "  title: Báo cáo\n    place: Hưng Yên\n").encode(),
        "syntax-colon-in-plain-value.yaml": (HEAD + "  title: Báo cáo: kết quả: năm 2024\n").encode(),
        "syntax-bad-sequence.yaml": (HEAD + "sections:\n  - heading: A\n  heading: B\n - label: C\n").encode(),
        "syntax-first-line.yaml": "document: : BÁO CÁO\n".encode(),
        "syntax-bad-escape.yaml": (HEAD + '  title: "Báo cáo \\q năm 2024"\n').encode(),
        "syntax-undefined-alias.yaml": (HEAD + "  title: *tieu_de\n").encode(),
        "syntax-unexpected-end.yaml": (HEAD + "  title: 'Báo cáo kết quả\n").encode(),
        "tab-indentation.yaml": (HEAD + "\ttitle: Báo cáo\n").encode(),
        "duplicate-key.yaml": (HEAD + "  title: Báo cáo\n  title: Kế hoạch\n").encode(),
        "alias-bomb.yaml": _alias_bomb().encode(),
        "deep-nesting.yaml": ("document:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 1001))).encode(),
        "deep-flow-nesting.yaml": ("document: " + "[" * 1000 + "]" * 1000 + "\n").encode(),
        "python-object-tag.yaml": (HEAD + "  title: !!python/object/apply:os.system ['echo pwned']\n").encode(),
        "custom-tag.yaml": (HEAD + "  title: !include other.yaml\n").encode(),
        "several-documents.yaml": (CLEAN + "---\n" + CLEAN).encode(),
        "not-a-mapping.yaml": "- một\n- hai\n".encode(),
        "unknown-field.yaml": CLEAN.replace("  place: Hưng Yên", "  palce: Hưng Yên").encode(),
        "wrong-type.yaml": CLEAN.replace("  place: Hưng Yên", "  place: [Hưng Yên, Hà Nội]").encode(),
        "merge-key.yaml": (HEAD + "  base: &b {title: A}\n  <<: *b\n").encode(),
        "non-string-key.yaml": (HEAD + "  ? [a, b]\n  : c\n").encode(),
    }
    return files


def _alias_bomb() -> str:
    """ "Billion laughs": nine levels of ten aliases each: 10^9 values if expanded."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "document:\n  title: x\nbomb:\n" + "".join(f"  {line}\n" for line in lines)


def docx_files() -> None:
    state_report(OUT / "valid.docx")
    data = (OUT / "valid.docx").read_bytes()
    (OUT / "truncated.docx").write_bytes(data[: len(data) // 2])
    (OUT / "text-named-docx.docx").write_bytes("BÁO CÁO\nKết quả công tác dân vận\n".encode("utf-8"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "a zip file, not a Word document")
    (OUT / "zip-not-docx.docx").write_bytes(buffer.getvalue())
    _broken_xml_docx(data, OUT / "broken-xml.docx")
    # Well-packed documents with odd XML inside: each made dvlint's reader crash before (found by bench/fuzz.py).
    edits = {
        "odd-footnote-id.docx": ("word/footnotes.xml", b'w:id="1"', b'w:id="-\\u001"'),
        "odd-style-reference.docx": ("word/document.xml", b'<w:pStyle w:val="Heading1"/>', b"<w:pStyle/>"),
        "odd-content-types.docx": ("[Content_Types].xml", b"Types", b"Typez"),  # another root element
        "odd-footnotes-xml.docx": ("word/footnotes.xml", b"<w:footnotes ", b"<w:footnotes <"),
        "odd-document-root.docx": ("word/document.xml", b"w:document", b"w:documenx"),
        "odd-styles-part.docx": ("[Content_Types].xml", b"wordprocessingml.styles+xml", b"wordprocessingml.stylez+xml"),
    }
    for name, (part, old, new) in edits.items():
        _edited_docx(data, OUT / name, part, old, new)
    _no_text_docx(OUT / "no-text.docx")
    _docx_with_image(OUT / "with-image.docx")
    (OUT / "empty.docx").write_bytes(b"")


def _broken_xml_docx(valid: bytes, path: Path) -> None:
    """A sound zip whose main part is cut off in the middle of its XML (a converter that crashed)."""
    source = zipfile.ZipFile(io.BytesIO(valid))
    with zipfile.ZipFile(path, "w") as archive:
        for info in source.infolist():
            part = source.read(info)
            archive.writestr(info.filename, part[: len(part) // 2] if info.filename == "word/document.xml" else part)


def _edited_docx(valid: bytes, path: Path, part_name: str, old: bytes, new: bytes) -> None:
    """A copy of a valid .docx with ``old`` replaced by ``new`` throughout one of its parts."""
    source = zipfile.ZipFile(io.BytesIO(valid))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == part_name:
                assert old in part, (part_name, old)
                part = part.replace(old, new)
            archive.writestr(info.filename, part)


def _no_text_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("")
    document.add_table(rows=2, cols=2)
    document.save(str(path))


def _docx_with_image(path: Path) -> None:
    """A valid report with a picture and an embedded object part: both are ignored."""
    import base64

    import docx
    from docx.shared import Inches

    state_report(path)
    document = docx.Document(str(path))
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    document.paragraphs[-1].add_run().add_picture(io.BytesIO(png), width=Inches(0.5))
    document.save(str(path))
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0" + bytes(512))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, data in text_files().items():
        (OUT / name).write_bytes(data)
    (OUT / "Báo cáo quý 3 (bản cuối).yaml").write_bytes(CLEAN.encode("utf-8"))
    docx_files()
    print(f"wrote {len(list(OUT.iterdir()))} files to {OUT}")


if __name__ == "__main__":
    main()

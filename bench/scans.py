"""Scans read by OCR: is the number, the date and the type right?

    python bench/scans.py

Two sets. The corpus's scans (../shared/corpus, labelled `text: ocr-needed` or
`garbled` in bench/corpus-expected.yaml), against their labels: most have
the number and the day written by hand, which Tesseract does not read. And
the three seed documents (tests/data/seeds) printed to PDF by LibreOffice,
each page rendered to an image at 200 dpi and bound again into a PDF with no
text layer (a typed document scanned), against what the same document reads
as from its .docx. Prints each file with its time and what was read wrong.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import yaml  # noqa: E402

import corpus as bench  # noqa: E402
from dvlint.app.runner import Checker  # noqa: E402
from dvlint.engine.config import Settings  # noqa: E402
from dvlint.read.loaders import load_docx_report, load_pdf_report  # noqa: E402
from dvlint.source.errors import LoadError  # noqa: E402

FIELDS = ("number", "date", "kind")


def _corpus(checker) -> list[tuple[str, float, dict]]:
    labels = yaml.safe_load((ROOT / "bench" / "corpus-expected.yaml").read_text(encoding="utf-8"))
    rows = []
    for rel, label in sorted(labels.items()):
        if label.get("what") != "document" or label.get("text") not in ("ocr-needed", "garbled"):
            continue
        path = ROOT.parent / "shared" / "corpus" / rel
        start = time.perf_counter()
        try:
            read = bench.read_fields(checker.loader_for(path).load(path, checker.engine_for(path).settings).report)
        except LoadError as exc:
            read = {"error": exc.kind}
        wrong = {f: (label.get(f), read.get(f)) for f in FIELDS if not bench.field_right(f, label.get(f), read.get(f))}
        rows.append((rel, time.perf_counter() - start, wrong))
    return rows


def _office() -> str:
    return shutil.which("soffice") or shutil.which("libreoffice") or "soffice"


def _seed_scans(folder: Path) -> list[tuple[str, float, dict]]:
    import markdown
    import pypdfium2 as pdfium

    rows = []
    for seed in sorted((ROOT / "tests" / "data" / "seeds").glob("*.md")):
        html = folder / f"{seed.stem}.html"
        html.write_text('<html><head><meta charset="utf-8"></head><body>'
                        + markdown.markdown(seed.read_text(encoding="utf-8"), extensions=["tables"]) + "</body></html>",
                        encoding="utf-8")
        for target in ("docx:MS Word 2007 XML", "pdf"):
            source = html if target != "pdf" else folder / f"{seed.stem}.docx"
            subprocess.run([_office(), f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to",
                            target, "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
        document = pdfium.PdfDocument(str(folder / f"{seed.stem}.pdf"))
        images = [document[i].render(scale=200 / 72, grayscale=True).to_pil() for i in range(len(document))]
        document.close()
        scan = folder / f"{seed.stem}-scan.pdf"
        images[0].save(scan, save_all=True, append_images=images[1:], resolution=200)
        start = time.perf_counter()
        read = bench.read_fields(load_pdf_report(scan, Settings()).report)
        seconds = time.perf_counter() - start
        truth = bench.read_fields(load_docx_report(folder / f"{seed.stem}.docx", Settings()).report)
        wrong = {f: (truth[f], read[f]) for f in FIELDS if not bench.field_right(f, truth[f], read[f])}
        rows.append((seed.name, seconds, wrong))
    return rows


def main() -> int:
    checker = Checker({"lang": "en"}, None)
    with tempfile.TemporaryDirectory() as folder:
        sets = [("corpus scans", _corpus(checker)), ("seeds scanned", _seed_scans(Path(folder)))]
    for title, rows in sets:
        right = sum(not wrong for _, _, wrong in rows)
        print(f"{title}: number, date and type right on {right} of {len(rows)}")
        for name, seconds, wrong in rows:
            print(f"  {'right' if not wrong else 'WRONG'}  {name:<70} {seconds:5.1f} s  "
                  + "  ".join(f"{f}: {exp!r} read {got!r}" for f, (exp, got) in wrong.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Seconds per page and per file for the formats a commission receives, as ratios to a baseline.

    python bench/bench_formats.py            # the corpus's PDFs and .doc files (../shared/corpus/lam-dong)

Measured in one run: reading a .docx (the baseline, per file), a text PDF
(per page), a scanned PDF by OCR (per page), a .doc through LibreOffice (per
file). Each figure is printed with its ratio to the baseline, as the other
benches do: the machine's speed changes from run to run, the ratios less.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvlint.engine.config import Settings  # noqa: E402
from dvlint.read.loaders import load_doc_report, load_docx_report, load_pdf_report  # noqa: E402
from dvlint.source.errors import LoadError  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "lam-dong"


def _timed(load, path: Path):
    start = time.perf_counter()
    try:
        loaded = load(path, Settings())
    except LoadError:
        loaded = None
    return time.perf_counter() - start, loaded


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    docx = sorted(CORPUS.glob("*.docx"))[:20]
    baseline = statistics.median(_timed(load_docx_report, p)[0] for p in docx)
    text_pages, ocr_pages = [], []
    for path in sorted(CORPUS.glob("*.pdf")):
        seconds, loaded = _timed(load_pdf_report, path)
        per_page = seconds / max(_pages(path), 1)
        (ocr_pages if loaded is not None and loaded.source_kind == "ocr" else text_pages).append(per_page)
    docs = [_timed(load_doc_report, p)[0] for p in sorted(CORPUS.glob("*.doc"))[:10]]
    rows = [
        (".docx, per file (baseline)", baseline, len(docx)),
        ("text PDF, per page", statistics.median(text_pages), len(text_pages)),
        ("scanned PDF by OCR, per page", statistics.median(ocr_pages) if ocr_pages else float("nan"), len(ocr_pages)),
        (".doc through LibreOffice, per file", statistics.median(docs), len(docs)),
    ]
    print(f"{'what':<38} {'median s':>9} {'x baseline':>11} {'files':>6}")
    for name, seconds, count in rows:
        print(f"{name:<38} {seconds:>9.3f} {seconds / baseline:>11.1f} {count:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

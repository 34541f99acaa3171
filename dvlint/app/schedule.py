"""How long a file will take to read, guessed cheaply before the run: which files go to workers first.

A YAML report or a .docx is read and checked in milliseconds; a scanned PDF
costs Tesseract about a second a page, a .doc a LibreOffice conversion of
seconds. In an inbox of a few scans among a few dozen reports, checking them
one after another in one process leaves a core idle, and a long scan started
last makes the whole run wait for it. So each file to check gets a
:class:`Weight`:

- ``units``: what the progress bar counts for it: a PDF's pages, one for any
  other file (a scan of ten pages moves the bar ten steps when it is done);
- ``cost``: a rough guess of its seconds. A PDF's page count and whether
  PDFium finds text on its first page (a scan has none, or only a signature
  stamp) tell a scan from a text PDF; a .doc is a conversion and a photo an
  OCR page, unless the reading cache holds what was read of the same bytes.

The guess is made in one child process for all PDFs (dvlint.importers.isolate:
a hostile PDF must not take the run down), within the run's time limit; a PDF
it cannot open is weighed as one page of a scan, and its reading says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Rough seconds to read and check, from bench/bench_inbox.py on the corpus (2 cores, busy): a scan 5.8 s
# for 2.1 pages, a .doc 3.2 s, a text PDF 0.4 s for 4 pages, a .docx 0.2 s; a YAML report 0.01 s. Only
# their order matters: which files are heavy, and which of those start first.
OCR_PAGE_SECONDS = 2.8
CONVERSION_SECONDS = 3.2
TEXT_PAGE_SECONDS = 0.1
LIGHT_SECONDS = 0.01
HEAVY_SECONDS = 0.5  # a file guessed to take this long goes to a worker however few files the run has

_SLOW_LOADERS = ("pdf", "doc", "image")


@dataclass(frozen=True)
class Weight:
    units: int = 1
    cost: float = LIGHT_SECONDS

    @property
    def heavy(self) -> bool:
        return self.cost >= HEAVY_SECONDS


def weigh(paths: list[Path], loader_names: list[str | None], max_size: int, seconds: float | None) -> list[Weight]:
    """The weight of each file (its loader's name beside it); PDFs are probed together, within ``seconds``."""
    pdfs = [path for path, name in zip(paths, loader_names) if name == "pdf"]
    probed = dict(zip(pdfs, probe_pdfs(pdfs, max_size, seconds))) if pdfs else {}
    weights = []
    for path, name in zip(paths, loader_names):
        if name not in _SLOW_LOADERS:
            weights.append(Weight())
            continue
        read_before = _read_before(path, name, max_size)
        if name == "pdf":
            from dvlint.importers.ocr import MAX_PAGES as OCR_MAX_PAGES  # here: a check of YAML files needs no OCR

            pages, has_text = probed.get(path) or (1, False)
            scan = not has_text and not read_before
            seconds_per_page = OCR_PAGE_SECONDS if scan else TEXT_PAGE_SECONDS
            weights.append(Weight(max(pages, 1), min(pages, OCR_MAX_PAGES) * seconds_per_page))
        elif read_before:
            weights.append(Weight())
        else:
            weights.append(Weight(1, CONVERSION_SECONDS if name == "doc" else OCR_PAGE_SECONDS))
    return weights


def _read_before(path: Path, loader: str, max_size: int) -> bool:
    from dvlint.importers import reading
    from dvlint.source.cachestore import reading_store
    from dvlint.source.errors import LoadError
    from dvlint.source.files import read_bytes

    if reading_store() is None:
        return False
    try:
        return reading.read_before(loader, read_bytes(path, max_size))
    except (LoadError, OSError):
        return False  # unreadable: its check says why, at once


def probe_pdfs(paths: list[Path], max_size: int, seconds: float | None) -> list[tuple[int, bool] | None]:
    """For each PDF, its page count and whether its first page has a text layer, or None when it cannot be
    opened; all None when the probing child dies or runs out of time (the files are read anyway)."""
    from dvlint.importers import isolate
    from dvlint.source.timelimit import TimeLimitExceeded, time_limit

    try:
        with time_limit(seconds):
            return isolate.run(_probe_all, [str(p) for p in paths], max_size, memory=isolate.memory_for(max_size))
    except (TimeLimitExceeded, isolate.ChildDied):
        return [None] * len(paths)


def _probe_all(paths: list[str], max_size: int) -> list[tuple[int, bool] | None]:
    return [_probe(Path(p), max_size) for p in paths]


def _probe(path: Path, max_size: int) -> tuple[int, bool] | None:
    import pypdfium2 as pdfium

    from dvlint.importers.pdf import MAX_PAGES, MIN_LETTERS_PER_PAGE

    try:
        if path.stat().st_size > max_size:
            return None
        document = pdfium.PdfDocument(str(path))
    except Exception:  # noqa: BLE001 - damaged, encrypted, gone: its reading says why
        return None
    try:
        pages = len(document)
        if not pages or pages > MAX_PAGES:
            return None
        textpage = document[0].get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
        return pages, sum(c.isalpha() for c in text) >= MIN_LETTERS_PER_PAGE
    except Exception:  # noqa: BLE001
        return None
    finally:
        document.close()

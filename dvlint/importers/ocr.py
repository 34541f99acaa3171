"""OCR: page images read by Tesseract with its Vietnamese data, when installed.

A signed scan has no text layer; dvlint renders each page (PDFium, 300 dpi,
grey) and has Tesseract read it (``tesseract-ocr`` and ``tesseract-ocr-vie``
from Debian). Each page runs in a process group of its own with a time limit
that ends the whole group. Tesseract missing is a load error that names the
packages; every other file is still checked.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from dvlint.i18n import Msg
from dvlint.source.errors import LoadError

DPI = 300
# One A4 page at 300 dpi takes about 1.2 s here with one thread; Tesseract's own OpenMP threads made it
# 5.7 s on two cores (they spin against each other and against dvlint's workers): one thread a page.
PAGE_SECONDS = 120  # a page that takes this long is given up
MAX_PAGES = 40  # a scan longer than this is read up to here: a report's header and foot are in its first and last pages

OCR_MISSING = Msg(
    "tệp là bản quét (không có lớp chữ) hoặc lớp chữ bị lỗi phông: cần Tesseract OCR để đọc "
    "(cài gói tesseract-ocr và tesseract-ocr-vie)",
    "the file is a scan (no text layer) or its text layer's letters are wrong: reading it needs Tesseract OCR "
    "(install the packages tesseract-ocr and tesseract-ocr-vie)",
)
OCR_FAILED = Msg("OCR không đọc được trang {page}: {detail}", "OCR could not read page {page}: {detail}")


def tesseract() -> str:
    """The tesseract command, with its Vietnamese data; a LoadError naming the packages when either lacks."""
    command = shutil.which("tesseract")
    if command is None:
        raise LoadError("ocr-unavailable", OCR_MISSING)
    languages = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    if "vie" not in languages:
        raise LoadError("ocr-unavailable", OCR_MISSING)
    return command


def pdf_pages(document) -> list[list[str]]:
    """The lines of each page of a PDF (a pypdfium2 document), read by OCR."""
    command = tesseract()
    pages = []
    with tempfile.TemporaryDirectory(prefix="dvlint-ocr-") as folder:
        for index in _pages_to_read(len(document)):
            image = Path(folder) / f"page-{index + 1}.pgm"
            _write_pgm(document[index], image)
            pages.append(read_image(command, image, index + 1))
    return pages


def _pages_to_read(count: int) -> list[int]:
    if count <= MAX_PAGES:
        return list(range(count))
    half = MAX_PAGES // 2
    return list(range(half)) + list(range(count - half, count))


def _write_pgm(page, path: Path) -> None:
    """The page as a grey image in PGM (read by Tesseract's Leptonica; no imaging library needed)."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    try:
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        data = bytes(bitmap.buffer)
        rows = b"".join(data[row * stride: row * stride + width] for row in range(height))
        path.write_bytes(b"P5\n%d %d\n255\n" % (width, height) + rows)
    finally:
        bitmap.close()


def read_image(command: str, image: Path, page: int = 1) -> list[str]:
    """The lines Tesseract reads on one image (Vietnamese), a line of the page a line, with the wide gap
    between two columns kept (so that the header and the foot read side by side, as a text layer does)."""
    process = subprocess.Popen([command, str(image), "stdout", "-l", "vie", "--psm", "4", "-c", "preserve_interword_spaces=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    try:
        out, err = process.communicate(timeout=PAGE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise LoadError("ocr-failed", OCR_FAILED.format(page=page, detail=f"over {PAGE_SECONDS} s")) from None
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        raise LoadError("ocr-failed", OCR_FAILED.format(page=page, detail=detail[0]))
    return [_tidy(line) for line in out.decode("utf-8", "replace").replace("\f", "").splitlines()]


# OCR misreads the words of a written date ("ngày 26 thóng 8 năm 2025", "ngảy", "nãm"): inside a date's
# shape they are put right, so that the date is read; the digits are left as read (an exact-text rule
# never judges them on OCR text).
_DATE_WORDS = re.compile(r"\b(?P<d>ng[àaảạáãấầ]y)\s+(?P<day>\S{1,3})\s+(?P<m>th[áaóảạàãắ]ng)\s+(?P<month>\S{1,2})\s+"
                         r"(?P<y>n[ăaãâắằ]m)\s+(?P<year>\d{4})", re.IGNORECASE)


def _tidy(line: str) -> str:
    return _DATE_WORDS.sub(lambda m: f"ngày {m['day']} tháng {m['month']} năm {m['year']}", line)


def image_text(path: Path, max_size: int) -> str:
    """The text of one page photographed or scanned, read by OCR (a copy with a plain name is read)."""
    from dvlint.source.files import check_readable

    check_readable(path, max_size)
    command = tesseract()
    with tempfile.TemporaryDirectory(prefix="dvlint-ocr-") as folder:
        image = Path(folder) / f"page{path.suffix.lower()}"
        shutil.copyfile(path, image)
        return "\n".join(read_image(command, image)) + "\n"

"""OCR: page images read by Tesseract with its Vietnamese data, when installed.

A signed scan has no text layer; dvlint renders each page (PDFium, 300 dpi,
grey) and has Tesseract read it (``tesseract-ocr`` and ``tesseract-ocr-vie``
from Debian). Each page has a time limit; Tesseract is killed when it
passes, or when the file's own time limit ends the reading (dvlint.source.children). Tesseract missing is a load error that names the
packages; every other file is still checked.
"""

from __future__ import annotations

import os
import re
import shutil
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
# An A4 page at 300 dpi is 8.7 million pixels; a page or a photo is read at most at four times that. A
# larger page of a PDF is rendered smaller; a larger image is refused (its header says its size: 50,000 x
# 50,000 pixels is a 2.5 GB bitmap from a file of a few kilobytes).
MAX_PIXELS = 36_000_000
IMAGE_TOO_LARGE = Msg(
    "ảnh quá lớn để đọc bằng OCR ({width} x {height} điểm ảnh; giới hạn {limit} điểm ảnh, gấp 4 lần một trang A4 "
    "quét 300 dpi): tệp hỏng hoặc cố ý gây hại",
    "the image is too large to be read by OCR ({width} x {height} pixels; the limit is {limit} pixels, four A4 "
    "pages scanned at 300 dpi): a damaged or hostile file",
)
IMAGE_TOO_MANY_PAGES = Msg(
    "tệp ảnh có hơn {limit} trang: dvlint đọc bản quét đến {limit} trang",
    "the image file holds over {limit} pages: dvlint reads scans of up to {limit} pages",
)
IMAGE_UNREADABLE = Msg(
    "không đọc được kích thước của ảnh ({detail}): tệp hỏng hoặc không phải ảnh PNG, JPEG, TIFF",
    "the image's size cannot be read ({detail}): a damaged file, or no PNG, JPEG or TIFF image",
)

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
    """The page as a grey image in PGM (read by Tesseract's Leptonica; no imaging library needed), at
    300 dpi, or less for a page so large that it would pass ``MAX_PIXELS``."""
    width, height = page.get_size()  # in points, 1/72 inch
    scale = DPI / 72
    if width * height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / max(width * height, 1.0)) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
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
    from dvlint.source.children import output_of

    # Tesseract is one process: it stays in the reader's process group, so that when the reader runs in
    # a child of its own (a PDF: dvlint.importers.isolate) ending that child's group ends Tesseract too.
    process = subprocess.Popen([command, str(image), "stdout", "-l", "vie", "--psm", "4", "-c", "preserve_interword_spaces=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    try:
        out, err = output_of(process, PAGE_SECONDS, group=False)
    except subprocess.TimeoutExpired:
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
    """The text of one page photographed or scanned, read by OCR (a copy with a plain name is read), or
    what OCR read on the same bytes before (dvlint.importers.reading)."""
    from dvlint.importers import reading
    from dvlint.source.files import check_readable, read_bytes

    check_readable(path, max_size)
    check_image(path)
    data = read_bytes(path, max_size)

    def read() -> list[str]:
        command = tesseract()
        with tempfile.TemporaryDirectory(prefix="dvlint-ocr-") as folder:
            image = Path(folder) / f"page{path.suffix.lower()}"
            image.write_bytes(data)
            return read_image(command, image)

    return "\n".join(reading.ocr_lines("image", data, read)) + "\n"


# --- an image's size, from its header, before anything decodes it -----------------------------------


def check_image(path: Path) -> None:
    """A LoadError unless the image's pages (one, or a TIFF's several) are at most ``MAX_PAGES`` and each
    at most ``MAX_PIXELS``: read from the file's header, as Pillow's decompression-bomb check does, without
    an imaging library and without decoding a pixel."""
    with open(path, "rb") as handle:
        head = handle.read(64 * 1024)
        try:
            if head.startswith(b"\x89PNG\r\n\x1a\n"):
                sizes = [_png_size(head)]
            elif head.startswith(b"\xff\xd8"):
                sizes = [_jpeg_size(handle)]
            elif head[:4] in (b"II*\x00", b"MM\x00*"):
                sizes = _tiff_sizes(handle)
            else:
                raise ValueError("unknown format")
        except (ValueError, IndexError, OSError) as exc:
            raise LoadError("ocr-failed", IMAGE_UNREADABLE.format(detail=str(exc) or type(exc).__name__)) from None
    for width, height in sizes:
        if width * height > MAX_PIXELS:
            raise LoadError("too-large", IMAGE_TOO_LARGE.format(width=width, height=height, limit=MAX_PIXELS))


def _png_size(head: bytes) -> tuple[int, int]:
    if head[12:16] != b"IHDR":
        raise ValueError("no IHDR")
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(handle) -> tuple[int, int]:
    """The size in the first start-of-frame segment, found by walking the segments' lengths."""
    handle.seek(2)
    for _ in range(10_000):
        marker = handle.read(2)
        while marker[:1] == b"\xff" and marker[1:] == b"\xff":  # fill bytes
            marker = marker[1:] + handle.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            raise ValueError("no start of frame")
        if 0xD0 <= marker[1] <= 0xD9 or marker[1] == 0x01:  # markers without a length
            continue
        length = int.from_bytes(handle.read(2), "big")
        if marker[1] in _SOF:
            segment = handle.read(5)
            return int.from_bytes(segment[3:5], "big"), int.from_bytes(segment[1:3], "big")
        if length < 2:
            raise ValueError("bad segment length")
        handle.seek(length - 2, 1)
    raise ValueError("no start of frame")


def _tiff_sizes(handle) -> list[tuple[int, int]]:
    """(width, height) of each page (image file directory) of a TIFF, at most ``MAX_PAGES`` of them."""
    handle.seek(0)
    order = "little" if handle.read(2) == b"II" else "big"

    def number(data: bytes) -> int:
        return int.from_bytes(data, order)

    handle.seek(4)
    offset, sizes, seen = number(handle.read(4)), [], set()
    while offset and offset not in seen:
        if len(sizes) >= MAX_PAGES:
            raise LoadError("too-large", IMAGE_TOO_MANY_PAGES.format(limit=MAX_PAGES))
        seen.add(offset)
        handle.seek(offset)
        count = number(handle.read(2))
        entries = handle.read(12 * count)
        if len(entries) < 12 * count:
            raise ValueError("truncated directory")
        width = height = 0
        for k in range(count):
            entry = entries[12 * k:12 * k + 12]
            tag, kind = number(entry[:2]), number(entry[2:4])
            value = number(entry[8:10]) if kind == 3 else number(entry[8:12])  # SHORT or LONG
            if tag == 256:
                width = value
            elif tag == 257:
                height = value
        sizes.append((width, height))
        offset = number(handle.read(4))
    if not sizes:
        raise ValueError("no image directory")
    return sizes

"""Reading a file's bytes safely and decoding them into text.

Every reader starts here: the size is checked before anything is read (and
the read itself is bounded, for a file that grows or lies about its size),
pipes and devices are refused, and bytes become text as UTF-8 (with or
without BOM) or UTF-16/32 with a BOM; bytes that are not Unicode are named as
the legacy encoding they look like, or converted on request (dvlint.source.legacy).
"""

from __future__ import annotations

import stat
from pathlib import Path as FsPath

from dvlint.source import errors, legacy
from dvlint.source.errors import LoadError

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


def check_readable(path: FsPath, max_size: int) -> int:
    """The file's size; a LoadError when ``path`` is missing, unreadable, not a file or over ``max_size`` bytes."""
    try:
        info = path.stat()
        size, mode = info.st_size, info.st_mode
    except FileNotFoundError:
        raise LoadError("not-found", errors.NOT_FOUND) from None
    except OSError as exc:
        raise errors.unreadable(exc) from None
    if not stat.S_ISREG(mode):
        raise LoadError("not-a-file", errors.NOT_A_FILE)
    if size > max_size:
        raise LoadError("too-large", errors.TOO_LARGE.format(size=size, limit=max_size))
    return size


def read_text(path: FsPath, max_size: int = DEFAULT_MAX_FILE_SIZE) -> str:
    """Read a text file as UTF-8 (with or without BOM) or UTF-16/32 with a BOM, or raise a LoadError."""
    return decode_text(read_bytes(path, max_size))


def read_source(path: FsPath, settings) -> tuple[str, str | None]:
    """A report's text, and the legacy encoding it was converted from (``--convert-legacy``), if any."""
    return decode_source(read_bytes(path, settings.max_file_size), settings.convert_legacy)


def read_bytes(path: FsPath, max_size: int) -> bytes:
    """The file's bytes, never more than ``max_size`` (a file growing while read is refused, not read forever)."""
    size = check_readable(path, max_size)
    try:
        with open(path, "rb") as handle:
            data = handle.read(size + 1)  # as large as the file says it is (a buffer of max_size costs time)
            if len(data) > size:  # it grew, or its size lied (/proc): read on, up to the limit
                data += handle.read(max_size + 1 - len(data))
    except OSError as exc:
        raise errors.unreadable(exc) from None
    if len(data) > max_size:
        raise LoadError("too-large", errors.TOO_LARGE.format(size=f"> {max_size}", limit=max_size))
    return data


def decode_text(data: bytes) -> str:
    return decode_source(data, convert_legacy=False)[0]


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_source(data: bytes, convert_legacy: bool) -> tuple[str, str | None]:
    """Text from bytes, and the legacy encoding it was converted from, if any; or a located LoadError.

    UTF-8 (a BOM is dropped), UTF-16 and UTF-32 with their BOM. Bytes that
    are not UTF-8 but read as TCVN3, VNI or Windows-1258 Vietnamese are named
    in the error, or converted when ``convert_legacy``.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    else:
        for bom, codec in _BOMS:
            if data.startswith(bom):
                try:
                    return _not_empty(data.decode(codec)), None
                except UnicodeDecodeError:
                    break
    if b"\x00" in data:
        line, col = _line_col(data, data.index(b"\x00"))
        raise LoadError("binary", errors.BINARY, line, col)
    try:
        return _not_empty(data.decode("utf-8")), None
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        guess = legacy.detect(data)
        if guess is None:
            raise LoadError("encoding", errors.ENCODING.format(byte=data[exc.start]), line, col) from None
        if not convert_legacy:
            raise LoadError("legacy-encoding", errors.LEGACY_ENCODING.format(name=guess.name), line, col) from None
        return _not_empty(guess.text), guess.name


def _not_empty(text: str) -> str:
    if not text.strip():
        raise LoadError("empty", errors.EMPTY)
    return text


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", "replace")) + 1
    return line, column


# What a file is, from its first bytes: a received file's name may say otherwise (a .doc that is a
# .docx, a .pdf that is a photo).
_SIGNATURES = ((b"%PDF-", "pdf"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"), (b"PK\x03\x04", "docx"),
               (b"\x89PNG\r\n\x1a\n", "image"), (b"\xff\xd8\xff", "image"), (b"II*\x00", "image"),
               (b"MM\x00*", "image"))


def sniff(path: FsPath) -> str | None:
    """The loader the file's bytes call for ("pdf", "doc", "docx", "image"), or None for text and the
    unknown (and for a file that cannot be opened: its loader says why)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    return next((kind for signature, kind in _SIGNATURES if head.startswith(signature)), None)

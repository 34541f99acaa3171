"""The reading cache: what OCR read on a scan and what LibreOffice made of a .doc, kept by the file's bytes.

OCR of a page and the conversion of a .doc take seconds; a commission scores
the same inbox again and again as late reports come in, and a rule changed
does not change what a scan reads as. So each is kept in the cache folder's
``reading/`` part (dvlint.source.cachestore) under a key of: the file's bytes,
the tool's version (``tesseract --version``, ``soffice --version``: asked once
per process), and the source of dvlint's module that drives it (the page
size, the options, the tidying of what was read). A .doc's entry holds the
converted .docx's bytes and their digest, checked when read.

Nothing is cached when no cache folder is in use (``--no-cache``, a library
call), when the tool's version cannot be told, or when the reading failed.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import subprocess
from pathlib import Path

from dvlint.source import cachestore

KIND = "reading"


@functools.cache
def tool_version(command: str) -> str | None:
    """The first line ``command --version`` prints (Tesseract and LibreOffice both answer so), once per process;
    None when it cannot be told (then nothing it reads is cached)."""
    import shutil

    found = shutil.which(command)
    if found is None:
        return None
    try:
        done = subprocess.run([found, "--version"], capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (done.stdout + done.stderr).decode("utf-8", "replace").strip().splitlines()
    return f"{found} {lines[0].strip()}" if done.returncode == 0 and lines else None


def _office() -> str:
    import shutil

    return "soffice" if shutil.which("soffice") else "libreoffice"


def reader_version(loader: str) -> str:
    """The tool that reads a file of this loader, with its version, for the result cache's key ("" for none):
    a new Tesseract may read a scan otherwise."""
    if loader in ("pdf", "image"):
        return f"tesseract {tool_version('tesseract')}"
    if loader == "doc":
        return f"office {tool_version(_office())}"
    return ""


@functools.cache
def _module_digest(module_name: str) -> str:
    import importlib

    module = importlib.import_module(module_name)
    return hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest()


def _key(what: str, data: bytes, command: str, module: str) -> str | None:
    if cachestore.reading_store() is None:
        return None
    version = tool_version(command)
    if version is None:
        return None
    return cachestore.digest("reading", what, hashlib.sha256(data).hexdigest(), version, _module_digest(module))


def _ocr_key(what: str, data: bytes) -> str | None:
    """The key of what Tesseract read of a scan: ``what`` is "pdf" (pages of lines) or "image" (lines)."""
    return _key(what, data, "tesseract", "dvlint.importers.ocr")


def _doc_key(data: bytes) -> str | None:
    """The key of the .docx LibreOffice made of a .doc."""
    return _key("doc", data, _office(), "dvlint.importers.doc")


# --- OCR --------------------------------------------------------------------------------------------------


def ocr_lines(what: str, data: bytes, read):
    """What ``read()`` gives for a scan of bytes ``data``: a list of lines (``what`` "image"), or of pages of
    lines ("pdf"), from the cache when it was read before."""
    key = _ocr_key(what, data)
    store = cachestore.reading_store()
    if key is not None:
        body = store.read(KIND, key)
        cached = _pages(body.get("pages"), nested=what == "pdf") if body is not None else None
        if cached is not None:
            return cached
    pages = read()
    if key is not None:
        store.write(KIND, key, {"tool": "tesseract", "pages": pages})
    return pages


def _pages(value, nested: bool):
    """The lines of an entry, if they are what dvlint writes: a list of strings, or (``nested``, a PDF's
    pages) a list of lists of strings."""
    if not isinstance(value, list):
        return None
    for item in value:
        if nested and not (isinstance(item, list) and all(isinstance(line, str) for line in item)):
            return None
        if not nested and not isinstance(item, str):
            return None
    return value


def prepare() -> None:
    """Ask Tesseract its version now, in this process, when the reading cache is in use: a PDF is read in a
    forked child (dvlint.importers.isolate), which would otherwise ask again for every scan."""
    if cachestore.reading_store() is not None:
        tool_version("tesseract")


# --- .doc -----------------------------------------------------------------------------------------------


def converted_docx(data: bytes, convert) -> bytes:
    """The .docx LibreOffice makes of a .doc's bytes ``data`` (``convert()`` makes it), from the cache when made before."""
    key = _doc_key(data)
    store = cachestore.reading_store()
    if key is not None:
        body = store.read(KIND, key)
        if body is not None and isinstance(body.get("docx"), str) and isinstance(body.get("sha256"), str):
            try:
                docx = base64.b64decode(body["docx"], validate=True)
            except ValueError:
                docx = None
            if docx is not None and hashlib.sha256(docx).hexdigest() == body["sha256"]:
                return docx
    docx = convert()
    if key is not None:
        store.write(KIND, key, {"tool": "libreoffice", "sha256": hashlib.sha256(docx).hexdigest(),
                                "docx": base64.b64encode(docx).decode("ascii")})
    return docx


# --- what is known before reading ------------------------------------------------------------------------

def read_before(loader: str, data: bytes) -> bool:
    """Whether the reading cache holds what OCR or LibreOffice made of these bytes (for a file of ``loader``):
    then reading the file again costs milliseconds, not seconds (dvlint.app.schedule). The key is the one
    ocr_lines or converted_docx keeps the reading under."""
    if loader == "doc":
        key = _doc_key(data)
    elif loader in ("pdf", "image"):
        key = _ocr_key(loader, data)
    else:
        return False
    return key is not None and cachestore.reading_store().entry_path(KIND, key).is_file()

"""Word 97-2003 (.doc): converted to .docx by LibreOffice, then read as a .docx is.

The conversion runs headless in a private temporary folder that is removed
afterwards, with a LibreOffice profile of its own (so that conversions in
parallel do not collide on the user's profile), on a copy of the file with a
plain name (a received file's name never reaches the command line), within
a time limit that ends the whole process group. The profile is written
before LibreOffice starts, with macros switched off (the highest macro
security, macro execution disabled, a .doc's VBA never made executable):
LibreOffice does not run a document's macros when converting, and this
profile makes sure of it whatever the machine's defaults. Missing LibreOffice
is a load error that names the package; every other file is still checked.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from dvlint.i18n import Msg
from dvlint.source.errors import LoadError
from dvlint.source.children import output_of
from dvlint.source.files import check_readable, read_bytes

CONVERT_SECONDS = 120

CONVERTER_MISSING = Msg(
    "tệp .doc (Word 97-2003) cần LibreOffice để đọc (cài gói libreoffice-writer), hoặc lưu lại thành .docx",
    "a .doc file (Word 97-2003) needs LibreOffice to be read (install the package libreoffice-writer), "
    "or save it as .docx",
)
CONVERSION_FAILED = Msg(
    "LibreOffice không chuyển được tệp .doc này sang .docx ({detail}): tệp hỏng hoặc không phải tài liệu Word",
    "LibreOffice could not convert this .doc to .docx ({detail}): the file is damaged or is no Word document",
)


def office() -> str:
    command = shutil.which("soffice") or shutil.which("libreoffice")
    if command is None:
        raise LoadError("converter-unavailable", CONVERTER_MISSING)
    return command


def docx_bytes(path: Path, max_size: int) -> bytes:
    """The .docx LibreOffice makes of the .doc at ``path`` (read bounded by ``max_size``), or made of the same
    bytes before (dvlint.importers.reading)."""
    from dvlint.importers import reading

    check_readable(path, max_size)
    command = office()
    data = read_bytes(path, max_size)

    def convert() -> bytes:
        with _converted(data, command) as converted:
            return read_bytes(converted, max_size)

    return reading.converted_docx(data, convert)


@contextlib.contextmanager
def as_docx(path: Path, max_size: int):
    """The .doc at ``path`` converted to a .docx in a private folder, for the time of the block."""
    check_readable(path, max_size)
    command = office()
    with _converted(read_bytes(path, max_size), command) as converted:
        yield converted


@contextlib.contextmanager
def _converted(data: bytes, command: str):
    """The .doc of bytes ``data`` converted by ``command`` (LibreOffice) to a .docx in a private folder."""
    with tempfile.TemporaryDirectory(prefix="dvlint-doc-") as folder:
        work = Path(folder)
        source = work / "input.doc"
        source.write_bytes(data)
        profile = work / "profile"
        _write_profile(profile)
        out = work / "out"
        process = subprocess.Popen(
            [command, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, cwd=folder,
        )
        try:
            _, err = output_of(process, CONVERT_SECONDS, group=True)  # killed with its group however the wait ends
        except subprocess.TimeoutExpired:
            raise LoadError("conversion-failed", CONVERSION_FAILED.format(detail=f"over {CONVERT_SECONDS} s")) from None
        converted = out / "input.docx"
        if not converted.is_file():
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {process.returncode}"]
            raise LoadError("conversion-failed", CONVERSION_FAILED.format(detail=detail[0][:200]))
        yield converted


# No macro of a received document may run: LibreOffice's settings, in the private profile's registry.
_NO_MACROS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Filter/Import/VBA">\
<prop oor:name="Executable" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc">\
<prop oor:name="UseSystemFileDialog" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def _write_profile(profile: Path) -> None:
    """A new LibreOffice profile whose registry switches macros off (LibreOffice fills in the rest)."""
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(_NO_MACROS, encoding="utf-8")

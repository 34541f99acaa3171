"""Writing an imported report as YAML, safely.

The YAML is dumped from the validated model (so it passes ``dvlint check``'s
schema by construction), with long text as folded scalars a person can
edit. Files are written atomically: to a temporary file in the same folder,
flushed to disk, then renamed over the target, so an interrupted import
never leaves a half-written file, and an existing file is only replaced when
the user asked for it.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from dvlint.errors import UsageError
from dvlint.i18n import Msg

HEADER = (
    "# Imported by dvlint from {source}.\n"
    "# Check what the importer placed (dvlint import --explain shows why) before editing.\n"
    "# yaml-language-server: $schema=https://dvlint.invalid/report.schema.json\n"
)


def report_yaml(report, source: str) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

    def prepare(value, key=None):
        if isinstance(value, dict):
            return {k: prepare(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [prepare(v, key) for v in value]
        if isinstance(value, str):
            if len(value) > 80 and "\n" not in value:
                return FoldedScalarString(value)
            if key in ("number", "label", "heading") or value.startswith(("-", "*", "[", "{")) or ": " in value:
                return DoubleQuotedScalarString(value)
        return value

    data = prepare(report.model_dump(mode="json", exclude_defaults=True, exclude_none=True))
    yaml = YAML()
    yaml.width = 88
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return HEADER.format(source=source) + buffer.getvalue()


def write_atomic(path: Path, content: str | bytes, force: bool = False) -> None:
    """Write ``content`` to ``path`` atomically; never replace a file unless ``force``.

    Text is written as UTF-8 with ``\n`` line ends; bytes as they are (for a
    fixed report, whose BOM and line ends must stay as the writer had them).
    The file keeps the permissions of the one it replaces, or gets the usual
    ones (0666 less the umask) when new, not the 0600 of a temporary file.
    """
    if path.exists() and not force:
        raise UsageError(Msg(f"{path}: tệp đã có; dùng --force để ghi đè",
                             f"{path}: the file exists; use --force to replace it"))
    folder = path.parent if str(path.parent) else Path(".")
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if isinstance(content, bytes):
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

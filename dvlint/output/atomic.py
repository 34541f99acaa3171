"""Files written whole or not at all.

Everything dvlint writes (imported reports, fixed reports, baselines,
``--output`` files and the commission's exports) goes to a temporary file
in the target's folder, is flushed to disk, then renamed over the target.
A run that is interrupted or fails half-way leaves the old file (or none),
never a half-written one. The file keeps the permissions of the one it
replaces, or gets the usual ones (0666 less the umask) when new, not the
0600 of a temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from dvlint.source.errors import UsageError
from dvlint.i18n import Msg


@contextlib.contextmanager
def atomic_file(path: Path, binary: bool = False, force: bool = True, encoding: str = "utf-8",
                newline: str | None = "\n"):
    """A handle to write ``path`` through; the file appears only when the block ends without an error.

    Without ``force`` an existing file is never replaced (a UsageError says so).
    """
    path = Path(path)
    if path.exists() and not force:
        raise UsageError(Msg(f"{path}: tệp đã có; dùng --force để ghi đè",
                             f"{path}: the file exists; use --force to replace it"))
    folder = path.parent if str(path.parent) else Path(".")
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_atomic(path: Path, content: str | bytes, force: bool = False) -> None:
    """Write ``content`` to ``path`` atomically; never replace a file unless ``force``.

    Text is written as UTF-8 with ``\\n`` line ends; bytes as they are (for a
    fixed report, whose BOM and line ends must stay as the writer had them).
    """
    with atomic_file(path, binary=isinstance(content, bytes), force=force) as handle:
        handle.write(content)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

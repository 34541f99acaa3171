"""Files written whole or not at all.

Everything dvlint writes (imported reports, fixed reports, baselines,
``--output`` files and the commission's exports) goes to a temporary file
in the target's folder, is flushed to disk, then renamed over the target.
A run that is interrupted or fails half-way leaves the old file (or none),
never a half-written one. The file keeps the permissions of the one it
replaces, or gets the usual ones (0666 less the umask) when new, not the
0600 of a temporary file.

The temporary file is named ``.NAME.PID.XXXXXXXX.tmp``. A process killed
outright (SIGKILL, a power cut) cannot remove its own; the next write to the
same folder removes such leftovers whose process is gone, and never one a
running dvlint is still writing. Writing through a symbolic link writes the
file it points to, and leaves the link a link.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from dvlint.source.children import interrupts_held
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
    if path.is_symlink():
        path = Path(os.path.realpath(path))  # write the file the link points to; the link stays
    folder = path.parent if str(path.parent) else Path(".")
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    _remove_leftovers(folder, path.name)
    tmp = None
    try:
        with interrupts_held():  # an interrupt between creating the file and knowing its name would leak it
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
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


def _remove_leftovers(folder: Path, name: str) -> None:
    """Remove temporary files of earlier writes to ``name`` whose process no longer runs."""
    prefix = f".{name}."
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    except OSError:
        return
    for entry in entries:
        pid = entry.name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it exists
        return True
    return True


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

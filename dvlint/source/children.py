"""A program a reader runs (Tesseract, LibreOffice) ends when the reading ends, however it ends.

A reader waits for its program with a time-out of its own; the file's time limit
(dvlint.source.timelimit) or Ctrl-C may also end the wait early, by an exception
raised inside ``communicate``. Either way the program, and for LibreOffice the
process group it starts (``soffice`` runs ``soffice.bin``), is killed and reaped
before the exception goes on: a run of hundreds of files must not leave
conversions and OCR running behind it.
"""

from __future__ import annotations

import os
import signal
import subprocess


def output_of(process: subprocess.Popen, timeout: float, group: bool) -> tuple[bytes, bytes]:
    """``process.communicate(timeout=timeout)``; on its time-out (``subprocess.TimeoutExpired``, raised again)
    or any exception passing, the process is killed first, with its process group when ``group`` (it was
    started with ``start_new_session=True``)."""
    try:
        return process.communicate(timeout=timeout)
    except BaseException:
        kill(process, group)
        raise


def kill(process: subprocess.Popen, group: bool) -> None:
    """Kill the process (and its group) and reap it; its pipes are drained so that nothing blocks."""
    try:
        if group:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass  # already ended
    process.communicate()

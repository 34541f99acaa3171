"""A program a reader runs (Tesseract, LibreOffice) ends when the reading ends, however it ends.

A reader waits for its program with a time-out of its own; the file's time limit
(dvlint.source.timelimit) or Ctrl-C may also end the wait early, by an exception
raised inside ``communicate``. Either way the program, and for LibreOffice the
process group it starts (``soffice`` runs ``soffice.bin``), is killed and reaped
before the exception goes on: a run of hundreds of files must not leave
conversions and OCR running behind it.
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the readers start the programs; this module only ends them (the runner imports it always)
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


INTERRUPTS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def interrupts_held():
    """Hold Ctrl-C and SIGTERM for the block (where signals can be masked); they arrive just after it.

    For steps an interrupt must not cut in two: creating a temporary file before its name is known, and
    starting a pool of workers (an interrupt while the pool forks leaves a worker that nothing will ever
    stop, and the command hangs at exit waiting for it). Threads and processes started in the block
    inherit the mask: a worker unblocks the signals itself (``release_interrupts``).
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def release_interrupts() -> None:
    """In a process started inside ``interrupts_held``: let the signals through again."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)

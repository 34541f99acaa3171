"""One time limit per file: a received file that makes a reader or a rule run away becomes that
file's load error, and the run goes on.

The limit is an interval timer (SIGALRM) around the reading and checking of one file, in the
process that checks it (the main process, or a worker of ``-j``). The alarm raises
:class:`TimeLimitExceeded`, a ``BaseException`` so that the handlers that turn a crashing rule into
an internal-error finding (``except Exception``) do not swallow it; a program run by a reader
(LibreOffice, Tesseract) is killed as the exception passes (dvlint.source.children), and so is the
child process a PDF is read in, with its process group (dvlint.importers.isolate). Outside the main
thread (dvlint used as a library from a thread) signals cannot be used and no limit applies; the
readers' own bounds (sizes, pages, counts) still do.
"""

from __future__ import annotations

import contextlib
import signal
import threading


class TimeLimitExceeded(BaseException):
    """The file's time is up."""


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`TimeLimitExceeded` in this block after ``seconds`` (None or 0: no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

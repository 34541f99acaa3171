"""Reading an untrusted file in a process of its own, with a bound on its memory.

PDFium decodes a PDF's streams whole, in C: a 1 MB stream that inflates to
1 GB took a minute and 2 GB, and when memory runs out PDFium aborts the
process instead of raising. So the PDF reader runs in a forked child whose
address space is limited (``RLIMIT_AS``): a bomb ends the child, and the file
gets a load error while the run goes on. The child also has a bound on its
CPU time (``RLIMIT_CPU``), so that it can never outlive a run that was
stopped. The child leads a process group of its own: when the file's time
limit or Ctrl-C ends the reading in the parent, the whole group (the child
and the Tesseract it runs) is killed at once. Where there is no fork (Windows), the reader runs in the process.
"""

from __future__ import annotations

import os
import pickle

from dvlint.i18n import Msg
from dvlint.source.errors import LoadError

CPU_SECONDS = 600  # a child that has computed this long is ended by the system (a page OCR'd takes ~1 s)


class ChildDied(Exception):
    """The child ended without an answer: out of its memory, killed, or crashed in C."""

    def __init__(self, status: int):
        super().__init__(f"status {status}")
        self.status = status


def run(function, *args, memory: int):
    """``function(*args)`` computed in a child process limited to ``memory`` bytes of address space.

    Its value or its exception (a LoadError, a crash) comes back as if it had run here; a child that
    dies without answering raises :class:`ChildDied`.
    """
    if not hasattr(os, "fork"):
        return function(*args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
        _child(read_end, write_end, function, args, memory)
    _own_group(pid)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
    except BaseException:  # the file's time limit, Ctrl-C: the child and what it runs (Tesseract) end now
        _end_group(pid)
        raise
    finally:
        _, status = os.waitpid(pid, 0)
    if not payload:
        raise ChildDied(status)
    ok, value = pickle.loads(payload)
    if ok:
        return value
    raise value


def _own_group(pid: int) -> None:
    """The child leads a process group of its own (set from both sides: whichever runs first), so that
    the programs it starts can be ended with it."""
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass  # the child set it already, or has ended


def _end_group(pid: int) -> None:
    import signal

    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass  # already ended


def _child(read_end: int, write_end: int, function, args, memory: int) -> None:  # pragma: no cover
    import resource

    code = 0
    try:
        os.setpgid(0, 0)
        os.close(read_end)
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        try:
            outcome = (True, function(*args))
        except MemoryError:
            outcome = None
        except Exception as exc:  # noqa: BLE001 - given back to the parent, which reports it as it would
            outcome = (False, exc)
        if outcome is not None:
            try:
                payload = pickle.dumps(outcome)
            except Exception as exc:  # noqa: BLE001 - an exception that does not pickle: its text
                payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
    except BaseException:  # noqa: BLE001 - Ctrl-C, a broken pipe: the child only ends
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing the parent's buffers a second time


OUT_OF_MEMORY = Msg(
    "tệp PDF cần quá nhiều bộ nhớ để đọc (giới hạn {limit} MB): tệp hỏng hoặc cố ý gây hại (một luồng nén "
    "giải ra hàng GB), hoặc bộ đọc PDF gặp lỗi với tệp này",
    "the PDF needs too much memory to be read (the limit is {limit} MB): a damaged or hostile file (a compressed "
    "stream that unpacks to gigabytes), or the PDF reader failed on it",
)


def memory_for(max_file_size: int) -> int:
    """The address space a reader's child may use: 512 MiB, and 50 bytes for each byte max-file-size
    allows (1 GiB by default). Reading the corpus's PDFs peaks at 60 MB of address space; Tesseract, run
    from the child, is limited alike, and needs about 300 MB for a page."""
    return (512 << 20) + 50 * max_file_size


def died(error: ChildDied, memory: int) -> LoadError:
    return LoadError("not-a-pdf", OUT_OF_MEMORY.format(limit=memory >> 20))

"""What the benchmark scripts share."""

from __future__ import annotations

import time


def best(fn, repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs of ``fn``, in seconds: the least noisy figure."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def user_env() -> dict:
    """The environment for timing ``dvlint`` as a user runs it: bytecode cached.

    A user's Python keeps compiled modules in ``__pycache__`` after the first
    run. With PYTHONDONTWRITEBYTECODE set (as on some build machines) every
    run compiles dvlint's modules again, about 0.1 s that the warm-up run is
    there to leave out.
    """
    import os

    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

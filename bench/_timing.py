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

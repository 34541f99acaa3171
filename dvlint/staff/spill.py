"""Checked results kept on disk past a memory budget, so that a run's memory does not grow with its size.

``dvlint score`` ranks a whole quarter's reports and then writes several
exports from every finding. Holding each report's findings and source lines
costs about 8-16 KB a report: 300 MB at twenty thousand reports. So results
are held in memory only up to a budget (64 MB by default: several thousand
reports, a commission's usual inbox); past it each result is pickled to an
anonymous temporary file as it arrives and read again, one at a time, by
whatever iterates over the run, only its file offset staying in memory.

Below the budget nothing is pickled: reading a thousand results back from the
file took 0.2 s each time the run was iterated (the ranking, then the
summary, then each export), about a tenth of ``dvlint score -j2`` on 1,000
reports (bench/bench_score.py). The temporary file holds only dvlint's own
results, written by this process: it is never a file a received report named.
"""

from __future__ import annotations

import pickle
import tempfile

MEMORY_BUDGET = 64 * 1024 * 1024


def footprint(result) -> int:
    """A generous guess of the memory a result holds, in bytes: its source lines and findings
    (measured with tracemalloc on bench reports: 8 KB for ~1 KB of lines and three findings)."""
    lines = sum(len(text) for text in result.source_lines.values())
    return 2048 + 4 * lines + 1024 * len(result.findings)


class SpilledResults:
    """A list-like, append-only sequence of ReportResults, held in memory up to ``budget`` bytes
    (``footprint``), the rest stored in a temporary file.

    Iteration gives the results back in order; several iterations may run
    side by side, since each read seeks to its own offset first.
    """

    def __init__(self, budget: int = MEMORY_BUDGET):
        self._budget = budget
        self._held: list = []  # the first results, while they fit the budget
        self._file = None  # made at the first result past the budget
        self._offsets: list[int] = []

    @property
    def spilled(self) -> int:
        """How many results are on disk."""
        return len(self._offsets)

    def append(self, result) -> None:
        if self._file is None:
            self._budget -= footprint(result)
            if self._budget >= 0:
                self._held.append(result)
                return
            self._file = tempfile.TemporaryFile(prefix="dvlint-results-")
        self._file.seek(0, 2)
        self._offsets.append(self._file.tell())
        pickle.dump(result, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def __len__(self) -> int:
        return len(self._held) + len(self._offsets)

    def __getitem__(self, index: int):
        if index < 0:
            index += len(self)
        if index < len(self._held):
            return self._held[index]
        self._file.seek(self._offsets[index - len(self._held)])
        return pickle.load(self._file)

    def __iter__(self):
        yield from self._held
        for index in range(len(self._held), len(self)):
            yield self[index]

    def close(self) -> None:
        self._held = []
        if self._file is not None:
            self._file.close()

    def __enter__(self) -> "SpilledResults":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

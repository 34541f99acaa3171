"""Checked results kept on disk, so that a run's memory does not grow with its size.

``dvlint score`` ranks a whole quarter's reports and then writes several
exports from every finding. Holding each report's findings and source lines
costs about 16 KB a report: 300 MB at twenty thousand reports. Instead each
result is pickled to an anonymous temporary file as it arrives (workers
pickle it anyway to send it back) and read again, one at a time, by whatever
iterates over the run. Only the file offsets stay in memory.
"""

from __future__ import annotations

import pickle
import tempfile


class SpilledResults:
    """A list-like, append-only sequence of ReportResults stored in a temporary file.

    Iteration reads the results back in order; several iterations may run
    side by side, since each read seeks to its own offset first.
    """

    def __init__(self):
        self._file = tempfile.TemporaryFile(prefix="dvlint-results-")
        self._offsets: list[int] = []

    def append(self, result) -> None:
        self._file.seek(0, 2)
        self._offsets.append(self._file.tell())
        pickle.dump(result, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, index: int):
        self._file.seek(self._offsets[index])
        return pickle.load(self._file)

    def __iter__(self):
        for index in range(len(self._offsets)):
            yield self[index]

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> "SpilledResults":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

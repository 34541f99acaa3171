"""What checking presentation (DV8xx) adds to checking a 20-page .docx, as a ratio to the check without it.

    python bench/bench_presentation.py

Issue 20 asks that reading the looks (the formatting resolver, page setup, the
lines under the header) and running the DV8xx rules add less than half to the
time of checking a 20-page Word file. Both figures are measured here, in one
invocation, the best of 15 rounds taken in turn: the baseline checks the file with the look not read
and the DV8 family ignored; the other checks it whole.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from _timing import best  # noqa: E402
from docx_corpus import well_presented_report  # noqa: E402

from dvlint.app.runner import Checker  # noqa: E402
from dvlint.importers import docx as docx_reader  # noqa: E402

ROUNDS = 15
PARAGRAPHS_PER_SECTION = 120  # two sections of 120 two-line paragraphs at 14 pt: about 20 A4 pages


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = well_presented_report(Path(tmp) / "twenty-pages.docx", paragraphs=PARAGRAPHS_PER_SECTION)
        whole = Checker({}, config_file=None)
        without = Checker({"ignore": ["DV8"]}, config_file=None)
        real = docx_reader.read_docx

        def no_look(path, max_size, with_layout=False):
            return real(path, max_size, with_layout=False)

        def baseline():
            with mock.patch.object(docx_reader, "read_docx", no_look):
                without.check_file(path)

        result = whole.check_file(path)
        assert not [f for f in result.findings if f.code == "DV000"], "a presentation rule crashed"
        base, full = float("inf"), float("inf")
        for _ in range(ROUNDS):  # interleaved, so that a busy moment of the machine falls on both alike
            base = min(base, best(baseline, repeat=1))
            full = min(full, best(lambda: whole.check_file(path), repeat=1))
        print(f"20-page .docx ({2 * PARAGRAPHS_PER_SECTION} body paragraphs):")
        print(f"  check without presentation  {base * 1000:8.1f} ms   1.00x (baseline)")
        print(f"  check with presentation     {full * 1000:8.1f} ms   {full / base:.2f}x  (target: under 1.50x)")


if __name__ == "__main__":
    main()

"""Benchmark: reading text of many lines, at 1,000, 10,000 and 100,000 lines.

A received .txt or .md may hold any number of lines of one shape. Each shape
below is read by the text importer (``dvlint.importers.text.read_lines``:
markup cleaned, tables and columns found, hard-wrapped lines joined) at three
sizes, and printed as microseconds per line and as the ratio of that to the
1,000-line figure measured in the same run: a ratio near 1 is linear, a ratio
that grows tenfold with each size is quadratic. The shapes:

  wrapped     "BÁO CÁO" then short lower-case lines: one paragraph wrapped line
              by line (16,000 lines took 11 s before the joiner made one pass)
  long        lines of 70 letters with no full stop: joined because they are long
  capitals    lines in capitals: never joined
  items       list items ("- mục 5"): never joined
  bold run    "**" opened on one line, closed far below (a run that never closes)

Figures are measured, never asserted in tests (tests/test_bad_inputs.py counts
the joiner's work instead).

    python bench/bench_lines.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from _timing import best  # noqa: E402

SHAPES = {
    "wrapped": lambda i: f"và đơn vị {i} tham dự",
    "long": lambda i: f"Dòng dài không có dấu chấm cuối câu cho đến hết sáu mươi ký tự nữa {i:06d}",
    "capitals": lambda i: f"PHẦN THỨ {i}",
    "items": lambda i: f"- mục {i}",
    "bold run": lambda i: "**mở" if i == 0 else f"dòng {i}",
}
SIZES = (1_000, 10_000, 100_000)


def main() -> None:
    from dvlint.importers.text import read_lines

    print(f"{'shape':10s}" + "".join(f"{n:>14,d} lines" for n in SIZES) + "   (µs per line; ratio to 1,000 lines)")
    for name, line in SHAPES.items():
        row, base = [], None
        for n in SIZES:
            text = "BÁO CÁO\n" + "\n".join(line(i) for i in range(n)) + "\n"
            seconds = best(lambda: read_lines(text), repeat=3 if n < 100_000 else 1)
            per_line = seconds / n * 1e6
            base = base or per_line
            row.append(f"{per_line:9.1f} ({per_line / base:4.1f}x)")
        print(f"{name:10s}" + "".join(f"{cell:>20s}" for cell in row), flush=True)


if __name__ == "__main__":
    main()

"""Benchmark: extracting every date and citation from a report's text.

Takes the largest seed fixtures (about 20-25 KB of YAML each), gathers all
their text, and times dvlint.extract.find_dates and find_citations on it,
beside a baseline in the same process: one pass of a trivial regular
expression (r"\\d") over the same text. Figures are measured, never asserted
in tests; the target for issue 5 is under 5 ms per 20 KB report.

    python bench/bench_extract.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
NAMES = ["dong-thap-2020-tong-ket-10-nam-290.yaml", "hung-yen-2024-qcdc-9-thang.yaml",
         "dak-nong-2023-ke-hoach-dvcq.yaml"]


from _timing import best  # noqa: E402


def main() -> None:
    from dvlint.engine.config import Settings
    from dvlint.model.extract import find_citations, find_dates
    from dvlint.read.loaders import load_yaml_report

    digit = re.compile(r"\d")
    for name in NAMES:
        path = ROOT / "fixtures" / name
        texts = [text for _, text in load_yaml_report(path, Settings()).report.texts()]
        size = path.stat().st_size / 1024
        baseline = best(lambda: [digit.findall(t) for t in texts])
        dates = best(lambda: [find_dates(t) for t in texts])
        cites = best(lambda: [find_citations(t) for t in texts])
        n_dates = sum(len(find_dates(t)) for t in texts)
        n_cites = sum(len(find_citations(t)) for t in texts)
        print(f"{name} ({size:.0f} KB, {n_dates} dates, {n_cites} citations): dates {dates * 1000:.2f} ms, "
              f"citations {cites * 1000:.2f} ms, together {(dates + cites) * 1000:.2f} ms "
              f"({(dates + cites) / baseline:.1f}x one trivial regex pass, {baseline * 1000:.2f} ms)")


if __name__ == "__main__":
    main()

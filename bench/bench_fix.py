"""Benchmark: ``check --fix`` against a plain check of the same report.

Fixing re-parses the file after each edit (to prove it) and re-checks it
after each pass, so it costs a few checks. This prints, for the seed
fixture that has fixable findings and for one with none, the time of
dvlint.fix.fix_file (in memory, nothing written) as a ratio to one check of
the same file by the same engine, measured in the same process.

    python bench/bench_fix.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best  # noqa: E402


def main() -> None:
    from dvlint.output.fix import fix_file
    from dvlint.app.runner import Checker

    checker = Checker()
    for name in ["dak-nong-2023-ke-hoach-dvcq.yaml", "hung-yen-2024-qcdc-9-thang.yaml"]:
        path = ROOT / "fixtures" / name
        checker.check_file(path)  # warm the engine and caches
        check = best(lambda: checker.check_file(path))
        fix = best(lambda: fix_file(path, checker.engine_for(path)))
        applied = len(fix_file(path, checker.engine_for(path)).applied)
        print(f"{name}: check {check * 1000:.1f} ms, fix {fix * 1000:.1f} ms "
              f"({applied} fixes applied) = {fix / check:.1f}x a check")


if __name__ == "__main__":
    main()

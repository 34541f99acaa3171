"""Benchmark: ``dvlint score`` on a commission's quarter (issue 8).

Generates N varied YAML reports (bench_check.generate) and D .docx reports
(tests/docx_corpus.state_report), then times ``dvlint score FOLDER -j J`` as a
user runs it (the fastest of --repeat runs: the least noisy figure) and reads
its peak memory (the largest resident set among the command and its worker
processes, the highest of the runs). Figures
print as reports per second and as a ratio to the parse-only floor measured
in this process (ruamel.yaml's C composer on the same YAML files).
Then the YAML folder with the result cache (issue 21): cold (an empty cache
folder: every report checked and kept) and warm (the same again, every report
unchanged), as ratios to the same floor. Measured, never asserted; the
issues' targets: >= 300 YAML reports per second on 2 cores, peak memory
< 300 MB whatever N; cold with the cache <= 2.4x the floor, warm <= 0.6x.

    python bench/bench_score.py -n 1000 -d 100 -j 2
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from _timing import user_env  # noqa: E402
from bench_check import generate, parse_floor  # noqa: E402


# A small process starts dvlint and reports its children's peak. Read from
# this process instead, the peak would include this process's own memory:
# a forked child starts as a copy of its parent, and Linux keeps that high
# mark across exec.
_LAUNCHER = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def score_wall(folder: Path, jobs: int, cache: Path | None = None) -> tuple[float, float]:
    """Seconds and peak resident MB of one ``dvlint score`` run, in a fresh process (with the cache
    folder ``cache``, or ``--no-cache``).

    The peak is the largest resident set among the command and its worker
    processes (getrusage of the children, read by a small launcher process).
    """
    start = time.perf_counter()
    launched = subprocess.run([sys.executable, "-c", _LAUNCHER, sys.executable, "-m", "dvlint", "score", str(folder),
                               "-j", str(jobs), *(("--cache-dir", str(cache)) if cache else ("--no-cache",))],
                              capture_output=True, text=True, check=True, env=user_env())
    seconds = time.perf_counter() - start
    return seconds, int(launched.stdout.strip()) / 1024


def fastest_and_peak(folder: Path, jobs: int, repeat: int) -> tuple[float, float]:
    """The fastest of ``repeat`` runs, and the highest peak memory among them."""
    runs = [score_wall(folder, jobs) for _ in range(repeat)]
    return min(seconds for seconds, _ in runs), max(mb for _, mb in runs)


def cold_and_warm(folder: Path, jobs: int, repeat: int, caches: Path) -> tuple[float, float]:
    """The fastest cold run (each with an empty cache folder of its own) and the fastest warm run after it."""
    cold, warm = [], []
    for k in range(repeat):
        cache = caches / f"run-{k}"
        cold.append(score_wall(folder, jobs, cache)[0])
        warm.append(score_wall(folder, jobs, cache)[0])
    return min(cold), min(warm)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="YAML reports (default 1000)")
    parser.add_argument("-d", type=int, default=100, help=".docx reports (default 100)")
    parser.add_argument("-j", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest is shown (default 3)")
    args = parser.parse_args()
    from docx_corpus import state_report

    with tempfile.TemporaryDirectory(prefix="dvlint-bench-score-") as tmp:
        yaml_dir, docx_dir = Path(tmp) / "yaml", Path(tmp) / "docx"
        yaml_dir.mkdir()
        docx_dir.mkdir()
        files = generate(yaml_dir, args.n)
        for i in range(args.d):
            state_report(docx_dir / f"report-{i:04d}.docx", number=f"Số: {i % 300 + 1:02d}/BC-SKHCN",
                         paragraphs_per_section=3)
        floor = min(parse_floor(files) for _ in range(3))
        score_wall(yaml_dir, args.j)  # warm the file cache and bytecode
        yaml_s, yaml_mb = fastest_and_peak(yaml_dir, args.j, args.repeat)
        docx_s, docx_mb = fastest_and_peak(docx_dir, args.j, args.repeat) if args.d else (0.0, 0.0)
        print(f"{args.n} YAML reports: parse floor {floor:.2f} s; dvlint score -j {args.j}: {yaml_s:.2f} s "
              f"= {args.n / yaml_s:.0f} reports/s = {yaml_s / floor:.1f}x the floor; peak {yaml_mb:.0f} MB")
        cold_s, warm_s = cold_and_warm(yaml_dir, args.j, args.repeat, Path(tmp) / "caches")
        print(f"{args.n} YAML reports with the cache: cold {cold_s:.2f} s = {cold_s / floor:.2f}x the floor; "
              f"warm {warm_s:.2f} s = {warm_s / floor:.2f}x the floor")
        if args.d:
            print(f"{args.d} .docx reports: dvlint score -j {args.j}: {docx_s:.2f} s = {args.d / docx_s:.0f} reports/s; "
                  f"peak {docx_mb:.0f} MB")


if __name__ == "__main__":
    main()

"""Benchmark: start-up of ``dvlint check small.yaml`` against yamllint's on the same file.

A writer runs dvlint on one file and waits for the whole process: importing
Python's packages, building the model and rule tables, reading the data, then
checking one small report. yamllint, a checker of the same kind, is the yardstick
(issue 21's target: dvlint within 1.8x of it). Both are run as the console
scripts a user types, interleaved (dvlint, yamllint, dvlint, ...) so that a busy
machine slows both alike, and the best of N of each is kept.

  python -c pass    the interpreter alone (the least any Python tool spends);
  yamllint          ``yamllint small.yaml`` (installed in the same venv for the bench
                    only: ``pip install yamllint``; not a dependency of dvlint);
  dvlint            ``dvlint check --no-cache small.yaml`` (cold: no result cache);
  dvlint (cache)    ``dvlint check small.yaml`` with a warm result cache in a temporary folder.

If yamllint is not installed, ``python -c 'import yaml'`` stands in for it, and
the line says so.

With ``--floors``, the least a check can cost while it validates with pydantic
is measured beside them: importing what dvlint cannot start without (pydantic's
models, ruamel.yaml's C loader, pluggy), then importlib.metadata as well (pydantic
imports it when it builds its first model, and dvlint reads its plugins' entry
points with it).

    python bench/bench_startup.py          # best of 15
    python bench/bench_startup.py -n 30
    python bench/bench_startup.py --floors
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import user_env  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "fixtures" / "clean-state-report.yaml"


def script(name: str) -> str | None:
    """The console script installed next to this Python, as a user would run it."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def run_once(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


FLOORS = {
    "floor: pydantic+ruamel+pluggy": "pydantic.main, ruamel.yaml, pluggy",
    "floor: + importlib.metadata": "pydantic.main, ruamel.yaml, pluggy, importlib.metadata",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="runs of each command (default 15)")
    parser.add_argument("--file", type=Path, default=SMALL, help="the small report (default: a clean fixture)")
    parser.add_argument("--floors", action="store_true", help="also time the imports dvlint cannot start without")
    args = parser.parse_args()
    env = user_env()
    dvlint = script("dvlint") or sys.executable
    dvlint_cmd = [dvlint] if dvlint != sys.executable else [sys.executable, "-m", "dvlint"]
    yamllint = script("yamllint")
    if yamllint:
        yardstick_name, yardstick = "yamllint", [yamllint, str(args.file)]
    else:
        yardstick_name, yardstick = "python -c 'import yaml' (yamllint not installed)", \
            [sys.executable, "-c", "import yaml"]
    with tempfile.TemporaryDirectory(prefix="dvlint-bench-startup-") as cache:
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            yardstick_name: yardstick,
            "dvlint check --no-cache": [*dvlint_cmd, "check", "--no-cache", str(args.file)],
            "dvlint check (warm cache)": [*dvlint_cmd, "check", "--cache-dir", cache, str(args.file)],
        }
        if args.floors:
            commands.update({name: [sys.executable, "-c", f"import {modules}"] for name, modules in FLOORS.items()})
        for command in commands.values():  # bytecode written, files in the page cache, the cache entry made
            run_once(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.n):
            for name, command in commands.items():
                times[name].append(run_once(command, env))
    best = {name: min(values) for name, values in times.items()}
    base = best[yardstick_name]
    print(f"file: {args.file.name} ({args.file.stat().st_size / 1024:.1f} KB); best of {args.n}, interleaved")
    for name, seconds in best.items():
        median = sorted(times[name])[len(times[name]) // 2]
        print(f"{name:28s} {seconds * 1000:7.1f} ms  {seconds / base:5.2f}x  (median {median * 1000:.1f} ms)")


if __name__ == "__main__":
    main()

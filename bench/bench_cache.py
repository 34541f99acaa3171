"""Benchmark: ``dvlint check -j 1`` cold against warm, the result cache's gain.

Generates N realistic reports (varied copies of the seed fixtures, as
bench_check.py makes them: no two with the same bytes) and measures in one
invocation, each as a fresh ``dvlint`` process with its start-up:

  parse floor   ruamel.yaml's C composer alone on every file, in this process
                (the least any YAML checker must spend: issue 21's unit);
  no cache      ``dvlint check -j 1 --format json --no-cache DIR``;
  cold          the same with an empty cache folder (checks and writes every entry);
  warm          the same again, every file unchanged (a hash and an entry read per file);
  one changed   the same after one report was edited (one miss, N-1 hits);

and prints seconds, milliseconds per report, the ratio to the parse floor and
the warm/cold ratio. The outputs of the cold, warm and no-cache runs are
compared: a figure from a run that printed something else is no figure.

    python bench/bench_cache.py            # N = 1000
    python bench/bench_cache.py -n 200
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import user_env  # noqa: E402
from bench_check import generate, parse_floor  # noqa: E402


def timed(*args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dvlint", *args], capture_output=True, text=True, check=False,
                          env=user_env())
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"dvlint {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return seconds, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="number of reports (default 1000)")
    args = parser.parse_args()
    n = args.n
    with tempfile.TemporaryDirectory(prefix="dvlint-bench-cache-") as tmp:
        folder, cache = Path(tmp) / "reports", Path(tmp) / "cache"
        folder.mkdir()
        files = generate(folder, n)
        size_kb = sum(p.stat().st_size for p in files) / n / 1024
        command = ("check", "-j", "1", "--format", "json", "--as-of", "2026-11-22", str(folder))
        timed(*command[:-1], str(files[0]), "--no-cache")  # warm the file cache and bytecode
        floor = min(parse_floor(files) for _ in range(3))
        plain, plain_out = timed(*command, "--no-cache")
        cold, cold_out = timed(*command, "--cache-dir", str(cache))
        warm, warm_out = timed(*command, "--cache-dir", str(cache))
        warm2, _ = timed(*command, "--cache-dir", str(cache))
        warm = min(warm, warm2)
        files[0].write_text(files[0].read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        one, _ = timed(*command, "--cache-dir", str(cache))
        entries = sum(1 for _ in (cache / "results").glob("??/*.json"))
        cache_mb = sum(p.stat().st_size for p in (cache / "results").glob("??/*.json")) / 1024 / 1024
    assert cold_out == warm_out == plain_out, "a cached run printed something else than a fresh one"

    def row(label: str, seconds: float, note: str = "") -> None:
        print(f"{label:<26}{seconds:8.3f} s  {seconds / n * 1000:6.2f} ms/report  {seconds / floor:6.2f}x floor  {note}")

    print(f"reports: {n}, {size_kb:.1f} KB each on average; cache: {entries} entries, {cache_mb:.1f} MB")
    row("parse floor (C composer)", floor, "(in process)")
    row("check --no-cache", plain, "(start-up included)")
    row("check, cold cache", cold, f"({cold / plain:.2f}x --no-cache: hashing and writing entries)")
    row("check, warm cache", warm, f"(warm/cold {warm / cold:.3f}; best of 2)")
    row("check, one report edited", one, f"(warm/cold {one / cold:.3f})")


if __name__ == "__main__":
    main()

"""Fuzz the whole check pipeline with mutated real reports (issue 9).

    python bench/fuzz.py -n 100000 -j 2            # 100,000 inputs on 2 processes
    python bench/fuzz.py -n 2000 --seed 5          # a short run with another seed
    python bench/fuzz.py -n 20000 --only .docx     # Word files only (half of them edited inside their XML)

Inputs are the fixtures, the seeds and a generated .docx, each broken by one
to eight random edits (tests/fuzzing.py says which). Every input goes through
``Checker.check_file``, as ``dvlint check`` does. A crash (an exception out of
dvlint, a rule's internal error, a loader crash, a load error without a
location) is saved under bench/fuzz-crashes/ with the message, to be made
into a test; the run goes on. The figures printed: inputs, inputs per
second, outcomes (checked / load errors by kind), crashes.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import fuzzing  # noqa: E402

CRASHES = HERE / "fuzz-crashes"


def _work(args) -> tuple[collections.Counter, list]:
    """Check ``count`` inputs made from ``seed``; outcomes counted, crashes returned with their input."""
    seed, count, only = args
    from dvlint.app.runner import Checker

    rng = random.Random(seed)
    seeds = [(suffix, data) for suffix, data in fuzzing.seed_inputs() if not only or suffix == only]
    checker = Checker({"lang": "en"})
    outcomes: collections.Counter = collections.Counter()
    crashes = []
    with tempfile.TemporaryDirectory(prefix="dvlint-fuzz-") as tmp:
        for index in range(count):
            suffix, data = rng.choice(seeds)
            mutated = fuzzing.mutate(data, rng)
            path = Path(tmp) / f"input{suffix}"
            path.write_bytes(mutated)
            try:
                result = fuzzing.check_input(checker, path)
            except fuzzing.Crash as crash:
                crashes.append((f"{seed}-{index}{suffix}", mutated, str(crash)))
                outcomes["crash"] += 1
                continue
            outcomes["checked" if result.error is None else f"load error: {result.error.kind}"] += 1
    return outcomes, crashes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="inputs (default 100000)")
    parser.add_argument("-j", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--seed", type=int, default=1, help="first random seed (default 1)")
    parser.add_argument("--only", metavar="SUFFIX", help="only inputs made from files with this suffix (.docx)")
    args = parser.parse_args()
    batch = 500
    jobs = [(args.seed * 1_000_000 + i, min(batch, args.n - i * batch), args.only)
            for i in range((args.n + batch - 1) // batch)]
    totals: collections.Counter = collections.Counter()
    crashes = []
    start = time.perf_counter()
    with multiprocessing.Pool(args.j) as pool:
        for done, (outcomes, found) in enumerate(pool.imap_unordered(_work, jobs), 1):
            totals.update(outcomes)
            crashes.extend(found)
            if done % 20 == 0:
                print(f"  {sum(totals.values())} inputs, {totals['crash']} crashes", file=sys.stderr)
    seconds = time.perf_counter() - start
    count = sum(totals.values())
    print(f"{count} inputs in {seconds:.0f} s ({count / seconds:.0f}/s); crashes: {totals['crash']}")
    for outcome, n in totals.most_common():
        print(f"  {n:7d}  {outcome}")
    if crashes:
        CRASHES.mkdir(exist_ok=True)
        for name, data, message in crashes:
            (CRASHES / name).write_bytes(data)
            (CRASHES / f"{name}.txt").write_text(message + "\n", encoding="utf-8")
        distinct = collections.Counter(message.split(":")[0] for _, _, message in crashes)
        print(f"saved in {CRASHES}; distinct: {dict(distinct)}")


if __name__ == "__main__":
    main()

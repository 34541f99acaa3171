"""Fuzz the whole check pipeline with mutated real reports (issue 9).

    python bench/fuzz.py -n 100000 -j 2            # 100,000 inputs on 2 processes
    python bench/fuzz.py -n 2000 --seed 5          # a short run with another seed
    python bench/fuzz.py -n 20000 --only .docx     # Word files only (half of them edited inside their XML)
    python bench/fuzz.py -n 5000 --generated 1     # runaway shapes only (numbering values, aliases, line shapes)

Inputs are the fixtures, the seeds and a generated .docx, each broken by one
to eight random edits (tests/fuzzing.py says which), or, for a share of them
(--generated, default 0.25), made into a runaway shape: a .docx whose lists
have odd start values, formats, patterns and levels, a YAML file with many
aliases, a text with thousands of lines of one shape. Every input goes through
``Checker.check_file``, as ``dvlint check`` does. A crash (an exception out of
dvlint, a rule's internal error, a loader crash, a load error without a
location) is saved under bench/fuzz-crashes/ with the message, to be made
into a test; the run goes on. The figures printed: inputs, inputs per
second, outcomes (checked / load errors by kind), crashes, and the slowest
inputs (the time of each is measured; one over SLOW seconds is saved like a
crash, in bench/fuzz-slow/).
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
SLOW_INPUTS = HERE / "fuzz-slow"
SLOW = 10.0  # seconds: an input that takes longer is a runaway


def _work(args) -> tuple[collections.Counter, list, list, list]:
    """Check ``count`` inputs made from ``seed``; outcomes counted, crashes and inputs over SLOW seconds
    of CPU returned with their input, and the five slowest times."""
    seed, count, only, share = args
    from dvlint.app.runner import Checker

    rng = random.Random(seed)
    seeds = [(suffix, data) for suffix, data in fuzzing.seed_inputs() if not only or suffix == only]
    checker = Checker({"lang": "en"})
    outcomes: collections.Counter = collections.Counter()
    crashes, times, slow = [], [], []
    with tempfile.TemporaryDirectory(prefix="dvlint-fuzz-") as tmp:
        for index in range(count):
            suffix, data = rng.choice(seeds)
            made = rng.random() < share
            mutated = fuzzing.generated(data, suffix, rng) if made else fuzzing.mutate(data, rng)
            path = Path(tmp) / f"input{suffix}"
            path.write_bytes(mutated)
            name = f"{seed}-{index}{'-made' if made else ''}{suffix}"
            start = time.process_time()  # CPU time: what the input costs, whatever else the machine runs
            try:
                result = fuzzing.check_input(checker, path)
            except fuzzing.Crash as crash:
                crashes.append((name, mutated, str(crash)))
                outcomes["crash"] += 1
                continue
            finally:
                seconds = time.process_time() - start
                if seconds > SLOW:
                    outcomes["slow"] += 1
                    slow.append((seconds, name, mutated))
                times = sorted([*times, (seconds, name)], key=lambda t: -t[0])[:5]
            outcomes[("made, " if made else "") + ("checked" if result.error is None else
                                                    f"load error: {result.error.kind}")] += 1
    return outcomes, crashes, times, slow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="inputs (default 100000)")
    parser.add_argument("-j", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--seed", type=int, default=1, help="first random seed (default 1)")
    parser.add_argument("--only", metavar="SUFFIX", help="only inputs made from files with this suffix (.docx)")
    parser.add_argument("--minutes", type=float, default=0, help="stop after this long (default: run all -n)")
    parser.add_argument("--generated", type=float, default=0.25, metavar="SHARE",
                        help="share of inputs made into runaway shapes instead of mutated (default 0.25)")
    args = parser.parse_args()
    batch = 50
    jobs = [(args.seed * 1_000_000 + i, min(batch, args.n - i * batch), args.only, args.generated)
            for i in range((args.n + batch - 1) // batch)]
    totals: collections.Counter = collections.Counter()
    crashes, slowest, slow = [], [], []
    start = time.perf_counter()
    with multiprocessing.Pool(args.j) as pool:
        for done, (outcomes, found, times, over) in enumerate(pool.imap_unordered(_work, jobs), 1):
            totals.update(outcomes)
            crashes.extend(found)
            slow.extend(over)
            slowest = sorted(slowest + times, key=lambda t: -t[0])[:5]
            if args.minutes and time.perf_counter() - start > args.minutes * 60:
                print(f"stopped after {args.minutes:g} minutes", file=sys.stderr)
                pool.terminate()
                break
            if done % 200 == 0:
                print(f"  {sum(totals.values())} inputs, {totals['crash']} crashes", file=sys.stderr)
    seconds = time.perf_counter() - start
    count = sum(n for outcome, n in totals.items() if outcome != "slow")
    print(f"{count} inputs in {seconds:.0f} s ({count / seconds:.0f}/s); crashes: {totals['crash']}")
    for outcome, n in totals.most_common():
        print(f"  {n:7d}  {outcome}")
    print("slowest inputs (CPU seconds): " + ", ".join(f"{name} {seconds:.2f}" for seconds, name in slowest))
    print(f"inputs over {SLOW:.0f} s of CPU: {len(slow)}" + (f" (saved in {SLOW_INPUTS})" if slow else ""))
    if slow:
        SLOW_INPUTS.mkdir(exist_ok=True)
        for _, name, data in slow:
            (SLOW_INPUTS / name).write_bytes(data)
    if crashes:
        CRASHES.mkdir(exist_ok=True)
        for name, data, message in crashes:
            (CRASHES / name).write_bytes(data)
            (CRASHES / f"{name}.txt").write_text(message + "\n", encoding="utf-8")
        distinct = collections.Counter(message.split(":")[0] for _, _, message in crashes)
        print(f"saved in {CRASHES}; distinct: {dict(distinct)}")


if __name__ == "__main__":
    main()

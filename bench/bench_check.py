"""Benchmark: ``dvlint check`` against the cost of parsing alone.

Generates N realistic reports in a temporary folder (varied copies of the
three seed fixtures and of 27 real documents of the corpus in bench/real/,
10 KB each on average; ``--corpus seeds``: of the seeds alone, 25 KB, as before),
then measures in one invocation:

  parse floor   ruamel.yaml's C composer alone on every file (the least any
                YAML checker must spend), in this process;
  check (lib)   dvlint's whole pipeline in this process (load, validate,
                rules, score, JSON rendering), no start-up;
  check (cli)   ``dvlint check --format json DIR`` as CI runs it, start-up
                included;
  check (text)  ``dvlint check DIR`` with the default text output;
  one report    ``dvlint check`` on a single report, wall time, start-up
                included (best of 5).

and prints each as seconds and as a ratio to the parse floor. Figures are
measured, never asserted in tests.

    python bench/bench_check.py            # N = 1000
    python bench/bench_check.py -n 200
    python bench/bench_check.py --corpus seeds
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import user_env  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    "dong-thap-2020-tong-ket-10-nam-290.yaml",
    "hung-yen-2024-qcdc-9-thang.yaml",
    "dak-nong-2023-ke-hoach-dvcq.yaml",
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]


REAL = ROOT / "bench" / "real"  # 27 real documents of the corpus, imported to YAML (bench/real/README.md)
CORPORA = ("mixed", "seeds")


def sources(corpus: str = "mixed") -> list[str]:
    """The texts the bench reports are copies of: the three seeds, and (``mixed``) the real documents too."""
    texts = [(ROOT / "fixtures" / name).read_text(encoding="utf-8") for name in SOURCES]
    if corpus == "mixed":
        texts += [path.read_text(encoding="utf-8") for path in sorted(REAL.glob("*.yaml"))]
    return texts


def generate(folder: Path, count: int, seed: int = 7, corpus: str = "mixed") -> list[Path]:
    """Varied copies of the sources: numbers, dates and names differ, so no two files have the same bytes.

    ``mixed`` (the default) takes the 30 sources in turn, so that 1,000 reports are 30 different documents
    of 1.5 to 38 KB, not three; ``seeds`` gives the three seeds alone, as the bench did before (figures
    comparable with older notes).
    """
    rng = random.Random(seed)
    texts = sources(corpus)
    vary = _varied if corpus == "mixed" else _varied_seed
    files = []
    for i in range(count):
        text = vary(texts[i % len(texts)], rng)
        path = folder / f"report-{i:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def _varied_seed(text: str, rng: random.Random) -> str:
    """A seed's copy as the bench made it before the real documents came (``--corpus seeds``)."""
    number = rng.randint(1, 300)
    text = text.replace('"Số: /BC-', f'"Số: {number:02d}/BC-', 1).replace('"Số: /KH-', f'"Số: {number:02d}/KH-', 1)
    text = text.replace("ngày tháng năm", f"ngày {rng.randint(1, 28):02d} tháng {rng.randint(1, 12)} năm", 1)
    for old in ("Huỳnh Văn Quân", "Nguyễn Thái Kiều Ngân", "Lưu Văn Đặng"):
        text = text.replace(f"name: {old}", f"name: {rng.choice(NAMES)}")
    return text


def _varied(text: str, rng: random.Random) -> str:
    """A copy with its number and issue day and month filled in or changed, and its signer's name changed."""
    number = rng.randint(1, 300)
    text = re.sub(r'(number: "Số:)\s*(\d*)(?=[/-])', lambda m: f"{m[1]} {number:02d}", text, count=1)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    text = re.sub(r"(date: ngày)\s+(?:\d{1,2}\s+)?tháng\s+(?:\d{1,2}\s+)?năm", f"\\1 {day:02d} tháng {month} năm", text,
                  count=1)
    for old in ("Huỳnh Văn Quân", "Nguyễn Thái Kiều Ngân", "Lưu Văn Đặng"):
        text = text.replace(f"name: {old}", f"name: {rng.choice(NAMES)}")
    return re.sub(r"(signature:\n(?:  .*\n)*?  name: ).*", lambda m: m[1] + rng.choice(NAMES), text, count=1)


def parse_floor(files: list[Path]) -> float:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    start = time.perf_counter()
    for path in files:
        yaml.compose(path.read_text(encoding="utf-8"))
    return time.perf_counter() - start


def check_in_process(folder: Path) -> tuple[float, int]:
    from dvlint.output import OutputOptions
    from dvlint.output.json_format import render
    from dvlint.app.runner import check_paths, tune_gc_for_batch

    tune_gc_for_batch()  # as the command line does
    start = time.perf_counter()
    run = check_paths([folder], overrides={"lang": "vi"})
    render(run, OutputOptions())
    return time.perf_counter() - start, len(run.reports)


def wall(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dvlint", *args, "--no-cache"], stdout=subprocess.DEVNULL, check=False,
                   env=user_env())  # cold: every run checks every file (bench_cache.py measures the cache)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="number of reports (default 1000)")
    parser.add_argument("--corpus", choices=CORPORA, default="mixed",
                        help="mixed: the seeds and 27 real documents (default); seeds: the three seeds alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dvlint-bench-") as tmp:
        folder = Path(tmp)
        files = generate(folder, args.n, corpus=args.corpus)
        size_kb = sum(p.stat().st_size for p in files) / len(files) / 1024
        wall("check", "--format", "json", str(files[0]))  # warm the file cache and bytecode
        floor = min(parse_floor(files) for _ in range(3))
        lib, checked = check_in_process(folder)
        cli = wall("check", "--format", "json", str(folder))
        text = wall("check", "--color", "never", str(folder))
        one = min(wall("check", "--format", "json", str(files[0])) for _ in range(5))
    print(f"reports: {checked} of {args.n} ({args.corpus}), {size_kb:.1f} KB each on average")
    print(f"parse floor (C composer):  {floor:7.3f} s   1.00x   {floor / args.n * 1000:.2f} ms/report")
    print(f"dvlint check, in process:  {lib:7.3f} s   {lib / floor:.2f}x   {lib / args.n * 1000:.2f} ms/report")
    print(f"dvlint check, command:     {cli:7.3f} s   {cli / floor:.2f}x   (--format json, start-up included)")
    print(f"dvlint check, text output: {text:7.3f} s   {text / floor:.2f}x   (default output, start-up included)")
    print(f"dvlint check, one report:  {one:7.3f} s wall (start-up included, best of 5)")


if __name__ == "__main__":
    main()

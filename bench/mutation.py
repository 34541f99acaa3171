"""Mutation testing of the rules (rules/*.py) against their cases, with mutmut.

    python bench/mutation.py                      # every module of rules/
    python bench/mutation.py --only recipients    # one module
    python bench/mutation.py --keep /tmp/mut      # keep the work folder (mutmut browse there)

Needs `pip install mutmut` (3.x). The rules are shipped as `dvlint.rules`, and
the project's editable install would import them from the source tree, where
no mutant is; so the committed tree is copied to a work folder in the wheel's
layout (rules/ inside dvlint/), and mutmut runs there with a Python whose
path has this environment's packages but not the editable install. The tests
are the rule cases (tests/test_rule_cases.py, a few seconds a run). Each mutant
runs in a process that imports the rules afresh (forkserver, no warm-up): a
process forked after the rules were imported would keep what they build at
import (their patterns and tables) unmutated, and count such mutants as
survivors that no test could kill.

Prints the mutants killed, survived, timed out and not covered, then the
survivors again without the *equivalent* ones: mutants listed in
``bench/mutation-equivalent/<module>.yaml`` (the function, the mutated line as
``mutmut show`` prints it, and why no report can tell it from the original).
The figure the issue asks for is the survivors (and mutants no case covers)
as a share of the mutants that change behaviour (all less the equivalent).

mutmut's own verdicts are rechecked for every mutant it did not kill (and
every one that timed out): each is run alone against all the rule cases
(``MUTANT_UNDER_TEST``). Two reasons: mutmut runs a mutant only against the
tests its first run saw reach the function, and a function run at import
(the tables a module builds) is credited to whichever test imported the rules
first; and on a loaded machine a mutant that timed out is no verdict.
Note: mutmut 3
does not mutate decorated functions, and every rule is a `@rule` function:
what it mutates are the helpers the rules call (regular expressions, lists,
thresholds outside the decorated body).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import site
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONFIG = """[mutmut]
source_paths=dvlint/rules/
{only}also_copy=dvlint/
    bench/
    tests/
    fixtures/
    pyproject.toml
pytest_add_cli_args_test_selection=tests/test_rule_cases.py
process_isolation=forkserver
forkserver_warmup=none
"""


def prepare(work: Path, only: str | None) -> Path:
    """The committed tree in the wheel's layout, and a Python that imports it from there."""
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
    shutil.move(str(work / "rules"), str(work / "dvlint" / "rules"))
    only_line = f"only_mutate=dvlint/rules/{only}.py\n" if only else ""
    (work / "setup.cfg").write_text(CONFIG.format(only=only_line), encoding="utf-8")
    venv = work / ".mutvenv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    target = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    # this environment's packages (mutmut, pytest, the dependencies), read as a plain path: its own .pth
    # files, the editable install among them, are not processed from there
    Path(target, "this-environment.pth").write_text(site.getsitepackages()[0] + "\n", encoding="utf-8")
    return python


EQUIVALENT_DIR = ROOT / "bench" / "mutation-equivalent"


def equivalent_mutants() -> set[tuple[str, str, str]]:
    """(module, function, mutated line) of every mutant recorded as equivalent."""
    from ruamel.yaml import YAML

    found = set()
    for file in sorted(EQUIVALENT_DIR.glob("*.yaml")):
        for entry in YAML(typ="safe").load(file.read_text(encoding="utf-8")) or []:
            found.add((file.stem, entry["function"], " ".join(entry["mutated"].split())))
    return found


def mutated_line(python: Path, work: Path, name: str) -> str:
    """The line a mutant changes, as ``mutmut show`` prints it after ``+``."""
    shown = subprocess.run([str(python), "-m", "mutmut", "show", name], cwd=work, capture_output=True, text=True).stdout
    added = [line[1:] for line in shown.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return " ".join(" ".join(added).split())


def killed_when_run_alone(python: Path, work: Path, name: str) -> bool:
    """Whether any rule case fails with this mutant in place, all the cases run."""
    run = subprocess.run([str(python), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests/test_rule_cases.py"],
                         cwd=work / "mutants", env={**os.environ, "MUTANT_UNDER_TEST": name},
                         capture_output=True, text=True, timeout=900)
    return run.returncode != 0


def behaviour_summary(python: Path, work: Path, progress_line: str) -> str:
    """Survivors among the mutants that change behaviour (all less those recorded as equivalent)."""
    counts = dict(re.findall(r"(🎉|🫥|⏰|🤔|🙁|🔇) (\d+)", progress_line))
    total = sum(int(v) for v in counts.values())
    listed = subprocess.run([str(python), "-m", "mutmut", "results"], cwd=work, capture_output=True, text=True).stdout
    not_killed = re.findall(r"^\s*(dvlint\.rules\.(\w+)\.x_(\w+?)__mutmut_\d+): (?:survived|no tests|timeout)", listed, re.M)
    not_killed = [m for m in not_killed if not killed_when_run_alone(python, work, m[0])]
    known = {(module, function.lstrip("_"), line) for module, function, line in equivalent_mutants()}
    places = {(module, function) for module, function, _ in known}
    equivalent = [name for name, module, function in not_killed if (module, function.lstrip("_")) in places
                  and (module, function.lstrip("_"), mutated_line(python, work, name)) in known]
    left = len(not_killed) - len(equivalent)
    changing = total - len(equivalent)
    share = 100 * left / changing if changing else 0.0
    return (f"equivalent (bench/mutation-equivalent/): {len(equivalent)}; mutants that change behaviour: {changing}; "
            f"not killed among them (survived or not covered): {left} = {share:.1f}%")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="one module of rules/, without .py")
    parser.add_argument("--keep", help="work in this folder and keep it")
    parser.add_argument("--children", type=int, default=4)
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="dvlint-mutation-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        python = prepare(work, args.only)
        run = subprocess.run([str(python), "-m", "mutmut", "run", "--max-children", str(args.children)],
                             cwd=work, capture_output=True, text=True)
        last = [line for line in re.split(r"[\r\n]", run.stdout) if "🎉" in line]
        print(last[-1].strip() if last else run.stdout[-2000:])
        print("(🎉 killed, 🙁 survived, ⏰ timed out, 🫥 no test covers it, 🔇 skipped, 🤔 suspicious)")
        survivors = subprocess.run([str(python), "-m", "mutmut", "results"], cwd=work, capture_output=True, text=True)
        print(survivors.stdout)
        print(behaviour_summary(python, work, last[-1] if last else ""))
        return run.returncode
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

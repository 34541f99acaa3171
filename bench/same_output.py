"""Snapshot what dvlint prints, to show a refactoring changed nothing a user sees.

    python bench/same_output.py snapshot /tmp/before    # on the old tree
    python bench/same_output.py snapshot /tmp/after     # on the new tree
    python bench/same_output.py compare /tmp/before /tmp/after

The snapshot holds, for every fixture, the three seeds and every import case:
``dvlint check`` in text (Vietnamese and English) and JSON, ``dvlint import
--explain``; and the output of ``rules``, ``explain`` for every rule,
``templates``, ``schema``, ``citations`` on the seeds and ``score`` of the fixtures
and seeds. ``compare`` prints the files that differ and exits 1 if any does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "fixtures").glob("*.yaml")) + sorted((ROOT / "tests" / "data" / "seeds").glob("*.md")) \
    + sorted(p for p in (ROOT / "tests" / "import_cases").iterdir() if p.name != "expected.yaml")


def dvlint(*args: str) -> str:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", "COLUMNS": "120"}
    env.pop("DVLINT_LANG", None)
    proc = subprocess.run([sys.executable, "-m", "dvlint", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout}--- stderr\n{proc.stderr}"


def snapshot(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    runs: dict[str, tuple[str, ...]] = {}
    for path in INPUTS:
        rel = str(path.relative_to(ROOT))
        runs[f"check-vi-{path.name}"] = ("check", rel)
        runs[f"check-en-{path.name}"] = ("check", rel, "--lang", "en")
        runs[f"check-json-{path.name}"] = ("check", rel, "--format", "json")
        runs[f"check-sarif-{path.name}"] = ("check", rel, "--format", "sarif")
        runs[f"explain-score-{path.name}"] = ("check", rel, "--explain-score")
        if path.suffix != ".yaml":
            runs[f"import-explain-{path.name}"] = ("import", rel, "--explain")
            runs[f"citations-{path.name}"] = ("citations", rel)
    runs["rules"] = ("rules",)
    runs["rules-md"] = ("rules", "--format", "markdown")
    runs["templates"] = ("templates",)
    runs["schema"] = ("schema",)
    runs["score-fixtures"] = ("score", "fixtures", "tests/data/seeds")
    codes = json.loads(subprocess.run([sys.executable, "-m", "dvlint", "rules", "--format", "json"], cwd=ROOT,
                                      capture_output=True, text=True).stdout or "[]")
    for item in codes:
        code = item["code"] if isinstance(item, dict) else item
        runs[f"explain-{code}"] = ("explain", code)
    for name, args in runs.items():
        (out / f"{name}.txt").write_text(dvlint(*args), encoding="utf-8")
    print(f"{len(runs)} outputs written to {out}")


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    differ = [n for n in names if not (a / n).exists() or not (b / n).exists()
              or (a / n).read_bytes() != (b / n).read_bytes()]
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names) - len(differ)} of {len(names)} outputs byte for byte the same")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["snapshot"]:
        snapshot(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["compare"]:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)

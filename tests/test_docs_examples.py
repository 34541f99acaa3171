"""The examples of dvlint's output in README.md and docs/ are run and compared, so they cannot drift.

An example is a fenced block marked ``console`` whose first line is a command::

    ```console
    $ dvlint check fixtures/dong-thap-2020-tong-ket-10-nam-290.yaml --select DV101
    fixtures/dong-thap-2020-tong-ket-10-nam-290.yaml:23:11 DV101 [cảnh báo] ...
    $ echo $?
    1
    ```

Each ``$ dvlint ...`` line runs (from the project's root, no colour, 100 columns) and the lines up to the
next ``$`` are its standard output, exactly; ``$ echo $?`` shows the exit code of the command before it.
Output that is JSON is compared as data, so an example may lay it out compactly. Only what must be is
normalised: the project's folder, written ``.`` in the output, and today's date, written ``YYYY-MM-DD``.
Other fenced blocks (```` ```sh ````, plain ```` ``` ````) are not run.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


@dataclass
class Example:
    """One ``$ dvlint`` command of a console block, with what it should print and, if shown, exit with."""

    where: str
    command: str
    output: str
    exit_code: int | None = None


def examples(path: Path, root: Path = ROOT) -> list[Example]:
    """The commands of every console block of a Markdown file, with their expected output."""
    found: list[Example] = []
    text = path.read_text(encoding="utf-8")
    for block in FENCE.finditer(text):
        line_no = text.count("\n", 0, block.start()) + 2
        for chunk in re.split(r"^(?=\$ )", block.group(1), flags=re.M):
            if not chunk.startswith("$ "):
                continue
            command, _, output = chunk[2:].partition("\n")
            if command.strip() == "echo $?":
                found[-1].exit_code = int(output.strip())
            else:
                found.append(Example(f"{path.relative_to(root)}:{line_no}", command, output))
    return found


ALL = [example for document in DOCUMENTS for example in examples(document)]


def normalised(text: str) -> str:
    return text.replace(str(ROOT) + "/", "./").replace(dt.date.today().isoformat(), "YYYY-MM-DD")


def same_output(actual: str, expected: str) -> bool:
    """Equal text; or, for JSON, equal data."""
    if actual == expected:
        return True
    try:
        return json.loads(actual) == json.loads(expected)
    except ValueError:
        return False


def test_the_documentation_has_examples_to_run():
    assert len(ALL) >= 4 and {e.where.split(":")[0] for e in ALL} >= {"README.md", "docs/cli.md"}


@pytest.mark.parametrize("example", ALL, ids=[e.where for e in ALL])
def test_a_documented_example_prints_what_it_shows(example):
    words = shlex.split(example.command)
    assert words[0] == "dvlint", f"{example.where}: a console example runs dvlint, not {words[0]}"
    proc = run_cli(*words[1:], env={"COLUMNS": "100"})
    actual = normalised(proc.stdout)
    assert same_output(actual, example.output), f"{example.where}: `{example.command}` now prints:\n{actual}"
    if example.exit_code is not None:
        assert proc.returncode == example.exit_code, f"{example.where}: exit {proc.returncode}"


def test_a_drifted_example_is_caught(tmp_path):
    """The runner itself: an example whose output is not what dvlint prints fails, as does a wrong exit."""
    page = tmp_path / "page.md"
    page.write_text("```console\n$ dvlint check fixtures/clean-state-report.yaml -q\nsomething else\n$ echo $?\n0\n```\n",
                    encoding="utf-8")
    (example,) = examples(page, root=tmp_path)
    proc = run_cli(*shlex.split(example.command)[1:])
    assert example.exit_code == 0 and proc.returncode == 0
    assert not same_output(normalised(proc.stdout), example.output)
    assert same_output('{"a": [1, 2]}\n', '{"a": [1,\n 2]}')

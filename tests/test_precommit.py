"""The pre-commit hooks shipped in .pre-commit-hooks.yaml work as docs/ci.md says."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

from conftest import FIXTURES, ROOT
from pre_commit.clientlib import load_manifest
from ruamel.yaml import YAML

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def test_manifest_is_valid_for_pre_commit():
    hooks = {hook["id"]: hook for hook in load_manifest(str(MANIFEST))}
    assert set(hooks) == {"dvlint", "dvlint-fix"}
    assert hooks["dvlint"]["entry"] == "dvlint check"
    assert "--fix" in hooks["dvlint-fix"]["entry"].split()


def test_hooks_run_through_pre_commit_try_repo(tmp_path):
    """A writer's repository: the check hook fails on a defective report, the fix hook repairs it."""
    reports = tmp_path / "reports-repo"
    (reports / "reports").mkdir(parents=True)
    defective = reports / "reports" / "ke-hoach.yaml"
    shutil.copy(FIXTURES / "dak-nong-2023-ke-hoach-dvcq.yaml", defective)
    (reports / ".gitlab-ci.yml").write_text("job:\n  script: [echo]\n", encoding="utf-8")  # not a report: excluded
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.vn",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.vn"}
    env.pop("DVLINT_LANG", None)

    def git(*args):
        subprocess.run(["git", *args], cwd=reports, env=env, check=True, capture_output=True)

    def try_repo(hook):
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
                              cwd=reports, env=env, capture_output=True, text=True, timeout=600)

    git("init", "-q")
    git("add", "-A")
    check = try_repo("dvlint")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "reports/ke-hoach.yaml:292:7 DV504" in check.stdout
    assert ".gitlab-ci.yml" not in check.stdout and "Đã kiểm tra 1 báo cáo" in check.stdout
    before = defective.read_text(encoding="utf-8")
    fixed = try_repo("dvlint-fix")
    assert fixed.returncode == 1  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fixed.stdout
    after = defective.read_text(encoding="utf-8")
    assert '    - "- Sở Nội vụ;"' in after and before.count("\n") == after.count("\n")


def _code_blocks(markdown: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", markdown, flags=re.S)


def test_ci_examples_in_the_docs_parse_and_use_real_options():
    """Every YAML example in docs/ci.md loads, and every dvlint command in it is accepted by the parser."""
    from dvlint.cli.main import build_parser

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = _code_blocks(text, "yaml")
    assert len(blocks) >= 5
    yaml = YAML(typ="safe")
    for block in blocks:
        if "..." not in block:  # the suppression examples elide the report
            yaml.load(block)
    commands = [line.split("dvlint ", 1)[1] for block in blocks + _code_blocks(text, "sh")
                for line in block.splitlines() if re.search(r"(run:|- |^)\s*dvlint check", line.strip())]
    assert len(commands) >= 6
    parser = build_parser("en")
    for command in commands:
        args = parser.parse_args(shlex.split(command.split("#")[0]))
        assert args.command == "check"
        assert args.format in {"text", "json", "sarif", "junit", "github", "gitlab"}

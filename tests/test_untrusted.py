"""Received files are untrusted: a folder that came with the reports loads no code, and a report
does not silence its own findings when a commission scores it (docs/configuration.md, "Which
configuration is trusted")."""

from __future__ import annotations

import json
import os
import shutil

from conftest import FIXTURES, TODAY, as_ordinary_user, run_cli
from dvlint.app import new_engine
from dvlint.engine.config import Settings

SAMPLE = FIXTURES / "dak-nong-2023-ke-hoach-dvcq.yaml"

# A local rule module that leaves a mark on disk as soon as it is imported: if the mark exists,
# code from the folder ran.
PLANTED = '''
from pathlib import Path
Path({mark!r}).write_text("ran")

from dvlint import Problem, rule

@rule("DV950", "planted", vi="x", en="planted rule ran", severity="error")
def planted(document):
    yield Problem(document.path, vi="x", en="planted rule ran")
'''


def _plant(folder, mark, config_name="dvlint.toml", rules_entry="local"):
    """A folder as an attacker would send it: a report, a configuration naming a rules folder, the rule."""
    (folder / "local").mkdir(parents=True)
    (folder / "local" / "evil.py").write_text(PLANTED.format(mark=str(mark)), encoding="utf-8")
    table = "[tool.dvlint]\n" if config_name == "pyproject.toml" else ""
    (folder / config_name).write_text(f'{table}rules = ["{rules_entry}"]\n', encoding="utf-8")
    shutil.copy(SAMPLE, folder / "bao-cao.yaml")
    return folder / "bao-cao.yaml"


def test_score_of_a_received_folder_runs_no_code_from_it(tmp_path):
    mark = tmp_path / "ran.txt"
    _plant(tmp_path / "received", mark)
    proc = run_cli("score", str(tmp_path / "received"), "--json", str(tmp_path / "out.json"), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr  # the rule file is listed as a file dvlint does not read
    assert not mark.exists()
    codes = {f["code"] for r in json.loads((tmp_path / "out.json").read_text())["reports"] for f in r["findings"]}
    assert "DV950" not in codes


def test_check_of_a_received_file_loads_no_rules_named_beside_it(tmp_path):
    mark = tmp_path / "ran.txt"
    for config_name in ("dvlint.toml", "pyproject.toml"):
        report = _plant(tmp_path / config_name, mark, config_name)
        (tmp_path / "work").mkdir(exist_ok=True)
        proc = run_cli("check", str(report), "--lang", "en", cwd=tmp_path / "work")
        assert proc.returncode in (0, 1), proc.stderr
        assert not mark.exists(), config_name
        assert "DV950" not in proc.stdout
        assert f"{tmp_path / config_name / config_name}: local rules local not loaded" in proc.stderr
        assert f"pass --config {tmp_path / config_name / config_name}" in proc.stderr


def test_a_parent_folders_configuration_naming_an_absolute_path_loads_nothing(tmp_path):
    mark = tmp_path / "ran.txt"
    _plant(tmp_path / "inbox", mark, rules_entry=str(tmp_path / "inbox" / "local"))
    deep = tmp_path / "inbox" / "2026" / "quy-4"
    deep.mkdir(parents=True)
    shutil.copy(SAMPLE, deep / "r.yaml")
    (tmp_path / "work").mkdir()
    proc = run_cli("check", str(deep / "r.yaml"), cwd=tmp_path / "work")
    assert proc.returncode in (0, 1), proc.stderr
    assert not mark.exists()


def test_the_users_own_word_still_loads_local_rules(tmp_path):
    """--config names the commission's own configuration; the project's configuration is found from
    the working folder. Both are trusted, and their rules run."""
    mark = tmp_path / "ran.txt"
    report = _plant(tmp_path / "commission", mark)
    proc = run_cli("score", str(report), "--config", str(tmp_path / "commission" / "dvlint.toml"),
                   "--json", str(tmp_path / "out.json"), cwd=tmp_path)
    assert mark.exists(), proc.stderr
    codes = {f["code"] for r in json.loads((tmp_path / "out.json").read_text())["reports"] for f in r["findings"]}
    assert "DV950" in codes
    mark.unlink()
    proc = run_cli("check", "bao-cao.yaml", cwd=tmp_path / "commission")
    assert mark.exists() and "DV950" in proc.stdout, proc.stderr


def test_isolated_and_no_local_rules_ignore_the_projects_configuration(tmp_path):
    mark = tmp_path / "ran.txt"
    _plant(tmp_path / "project", mark)
    (tmp_path / "project" / "dvlint.toml").write_text('rules = ["local"]\nselect = ["DV950"]\n', encoding="utf-8")
    isolated = run_cli("check", "bao-cao.yaml", "--isolated", "--format", "json", cwd=tmp_path / "project")
    assert not mark.exists()
    codes = {f["code"] for f in json.loads(isolated.stdout)["reports"][0]["findings"]}
    assert "DV950" not in codes and len(codes) > 1  # not even its select applied
    no_rules = run_cli("check", "bao-cao.yaml", "--no-local-rules", "--lang", "en", cwd=tmp_path / "project")
    assert not mark.exists()
    assert "local rules local not loaded (--no-local-rules)" in no_rules.stderr
    listing = run_cli("rules", "--no-local-rules", cwd=tmp_path / "project")
    assert not mark.exists() and "DV950" not in listing.stdout


SILENCED = "# dvlint: disable-file=DV1 -- we number it later\n"


def test_a_received_report_does_not_silence_its_own_findings_when_scored(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "r.yaml").write_text(SILENCED + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    checked = json.loads(run_cli("check", str(inbox / "r.yaml"), "--format", "json").stdout)
    assert not any(f["code"].startswith("DV1") for f in checked["reports"][0]["findings"])  # the writer's own run
    proc = run_cli("score", str(inbox), "--json", str(tmp_path / "out.json"), "--html", str(tmp_path / "out.html"),
                   "--lang", "en")
    scored = json.loads((tmp_path / "out.json").read_text())
    kept = [f for f in scored["reports"][0]["findings"] if f["code"].startswith("DV1")]
    assert kept and scored["reports"][0]["suppressions_ignored"] == len(kept)
    assert scored["summary"]["suppressions_ignored"] == len(kept)
    kept_text = f"{len(kept)} finding{'s' if len(kept) != 1 else ''} kept"  # "1 finding", "2 findings"
    assert f"{kept_text} although the report's own suppressions name them" in proc.stdout
    assert f"{len(kept)} findings are counted although the reports" in (tmp_path / "out.html").read_text()
    own = tmp_path / "commission.toml"
    own.write_text("inline-suppressions = true\n", encoding="utf-8")
    run_cli("score", str(inbox), "--config", str(own), "--json", str(tmp_path / "out.json"))
    honoured = json.loads((tmp_path / "out.json").read_text())
    assert not any(f["code"].startswith("DV1") for f in honoured["reports"][0]["findings"])
    assert honoured["summary"]["suppressions_ignored"] == 0


FIXTURE_RULES = '''
from dvlint import Problem, hookimpl, rule

@hookimpl
def dvlint_fixtures():
    return {"shout": lambda ctx: "WORD"}

@rule("CODE", "shouts-WORD", vi="x", en="x", severity="info")
def shouts(shout, document):
    yield Problem(document.path, vi=shout, en=shout)
'''


def _rules_folder(folder, code, word):
    folder.mkdir()
    (folder / "shouting.py").write_text(FIXTURE_RULES.replace("CODE", code).replace("WORD", word), encoding="utf-8")
    return folder


def test_local_rules_stay_with_the_engine_that_loaded_them(tmp_path):
    """Two folders may each define the same fixture; an engine without rule folders sees neither."""
    first = new_engine(Settings(rule_dirs=(_rules_folder(tmp_path / "a", "DV951", "a"),)), TODAY)
    second = new_engine(Settings(rule_dirs=(_rules_folder(tmp_path / "b", "DV952", "b"),)), TODAY)
    plain = new_engine(Settings(), TODAY)
    assert "DV951" in {s.code for s in first.all_rules} and "DV952" in {s.code for s in second.all_rules}
    assert first.fixtures["shout"] is not second.fixtures["shout"]
    assert "shout" not in plain.fixtures
    assert not {"DV951", "DV952"} & {s.code for s in plain.all_rules}


RUNAWAY = '''
from dvlint import rule

@rule("DV953", "runaway", vi="x", en="x", severity="info")
def runaway(document):
    while "VÒNG LẶP" in (document.title or ""):  # a reader or rule that never ends on this one file
        pass
    return ()
'''


def test_a_runaway_file_becomes_a_load_error_and_the_run_goes_on(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "runaway.py").write_text(RUNAWAY, encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (inbox / "a-loops.yaml").write_text(text.replace("title: ", "title: VÒNG LẶP ", 1), encoding="utf-8")
    (inbox / "b-plain.yaml").write_text(text, encoding="utf-8")
    assert "VÒNG LẶP" in (inbox / "a-loops.yaml").read_text(encoding="utf-8")
    for command in ("check", "score"):
        proc = run_cli(command, str(inbox), "--rules", str(rules), "--time-limit", "5", "--lang", "en",
                       "--select", "DV953,DV1", "-j", "1")
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "took over 5 s (the time-limit setting)" in proc.stdout + proc.stderr
        assert "b-plain.yaml" in proc.stdout
    (tmp_path / "dvlint.toml").write_text("time-limit = 5\n", encoding="utf-8")
    proc = run_cli("check", str(inbox / "a-loops.yaml"), "--config", str(tmp_path / "dvlint.toml"), "--rules",
                   str(rules), "--select", "DV953", "--lang", "en")
    assert proc.returncode == 2 and "took over 5 s" in proc.stdout + proc.stderr


def test_control_characters_from_a_received_file_reach_no_terminal_raw(tmp_path):
    """An escape sequence in a file name or in a report's text (retitle, clear screen) and a name that
    is not UTF-8 are shown as escapes in `check` and in the `score` table, and nothing crashes."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    number = next(line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if "number:" in line)
    text = SAMPLE.read_text(encoding="utf-8").replace(number, '  number: "Số: 05/KH\\e]0;pwned\\a\\e[2J-SNV"', 1)
    (inbox / "bao-cao-\x1b[2J.yaml").write_text(text, encoding="utf-8")
    (inbox / "bao-cao-\u202e.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with open(os.path.join(os.fsencode(inbox), b"bao-cao-\xff.yaml"), "wb") as handle:
        handle.write(SAMPLE.read_bytes())
    for command in ("check", "score"):
        proc = run_cli(command, str(inbox), "--lang", "en", "-j", "1")
        assert proc.returncode in (0, 1), proc.stderr
        out = proc.stdout + proc.stderr
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
        assert "bao-cao-\\x1b[2J.yaml" in out and "bao-cao-\\u202e.yaml" in out and "bao-cao-\\xff.yaml" in out
    assert "'KH\\x1b]0;pwned\\x07\\x1b[2J' is not in the list" in run_cli("check", str(inbox), "--lang", "en").stdout
    proc = run_cli("check", str(inbox), "--lang", "en", "--color", "always", "-j", "1")
    assert "\x1b]0;" not in proc.stdout and "\x1b[2J" not in proc.stdout and "\\x1b[2J" in proc.stdout


def _broken(folder):
    """A report with a safe fix to make (a number under 10 gets its leading zero: Phụ lục I, mục II.3)."""
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    number = next(line for line in text.splitlines() if "number:" in line)
    path = folder / "r.yaml"
    path.write_text(text.replace(number, '  number: "Số: 5/KH-SNV"'), encoding="utf-8")
    return path


def test_fix_in_a_read_only_folder_is_that_files_error_and_the_others_are_fixed(tmp_path):
    import subprocess
    import sys

    locked, free = _broken(tmp_path / "locked"), _broken(tmp_path / "free")
    before = locked.read_text(encoding="utf-8")
    (tmp_path / "locked").chmod(0o555)
    try:
        proc = subprocess.run([*as_ordinary_user(), sys.executable, "-m", "dvlint", "check", "--fix", "--lang", "en",
                               str(locked), str(free)], capture_output=True, text=True,
                              env={**os.environ, "NO_COLOR": "1"})
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert f"{locked}: cannot write the fixed file (Permission denied); it is left as it was" in proc.stderr
    assert locked.read_text(encoding="utf-8") == before
    assert '"Số: 05/KH-SNV"' in free.read_text(encoding="utf-8")


def test_an_export_into_a_read_only_folder_is_a_usage_error(tmp_path):
    import subprocess
    import sys

    (tmp_path / "out").mkdir(mode=0o555)
    proc = subprocess.run([*as_ordinary_user(), sys.executable, "-m", "dvlint", "score", str(SAMPLE), "--lang", "en",
                           "--csv", str(tmp_path / "out" / "x.csv")], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 2, proc.stderr
    assert "cannot write or read: Permission denied" in proc.stderr and "internal error" not in proc.stderr


def test_fix_through_a_symbolic_link_fixes_the_target_and_keeps_the_link(tmp_path):
    target = _broken(tmp_path / "real")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    proc = run_cli("check", "--fix", str(link))
    assert proc.returncode in (0, 1), proc.stderr
    assert link.is_symlink() and link.resolve() == target
    assert '"Số: 05/KH-SNV"' in target.read_text(encoding="utf-8")


def test_leftover_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path):
    report = _broken(tmp_path / "r")
    dead = report.parent / ".r.yaml.999999999.abcdefgh.tmp"  # no process has this number
    dead.write_text("", encoding="utf-8")
    alive = report.parent / f".r.yaml.{os.getpid()}.abcdefgh.tmp"  # a run still writing: kept
    alive.write_text("", encoding="utf-8")
    run_cli("check", "--fix", str(report))
    assert not dead.exists() and alive.exists()


def test_a_malformed_compare_file_is_refused_before_the_run(tmp_path):
    previous = tmp_path / "previous.json"
    for content in ('{"reports": [{"path": "a.yaml", "findings": [{"code": 5}]}]}',
                    '{"reports": ["a.yaml"]}', '{"reports": [{"path": "a.yaml", "document": {"agency": ["x"]}}]}',
                    '{"reports": {"a": 1}}'):
        previous.write_text(content, encoding="utf-8")
        proc = run_cli("score", str(SAMPLE), "--compare", str(previous), "--lang", "en")
        assert proc.returncode == 2, (content, proc.stderr)
        assert f"{previous}: cannot read the previous results" in proc.stderr
        assert "Score" not in proc.stdout  # refused before any report was scored


def test_every_output_format_takes_a_received_file_name_that_is_not_utf8(tmp_path):
    """Each format is written whole and parses; the name's odd bytes are escaped (percent-encoded in
    SARIF's URI), never raw, and never an internal error."""
    import xml.etree.ElementTree as ET

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with open(os.path.join(os.fsencode(inbox), b"bao-\xff-\x1b[2J.yaml"), "wb") as handle:
        handle.write(SAMPLE.read_bytes())
    for fmt in ("text", "json", "sarif", "junit", "github", "gitlab"):
        proc = run_cli("check", str(inbox), "--format", fmt)
        assert proc.returncode == 1, (fmt, proc.stderr)
        assert "\x1b" not in proc.stdout and "\udcff" not in proc.stdout, fmt
        if fmt in ("json", "gitlab"):
            out = json.loads(proc.stdout)
            path = out["reports"][0]["path"] if fmt == "json" else out[0]["location"]["path"]
            assert path.endswith("bao-\\xff-\\x1b[2J.yaml"), fmt
        elif fmt == "sarif":
            uri = json.loads(proc.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
            assert uri["artifactLocation"]["uri"].endswith("bao-%FF-%1B%5B2J.yaml")
        elif fmt == "junit":
            ET.fromstring(proc.stdout)
        if fmt in ("text", "junit", "github"):
            assert "bao-\\xff-\\x1b[2J.yaml" in proc.stdout, fmt
    proc = run_cli("check", str(inbox), "--write-baseline", str(tmp_path / "baseline.json"))
    assert proc.returncode == 0, proc.stderr
    assert run_cli("check", str(inbox), "--baseline", str(tmp_path / "baseline.json")).returncode == 0

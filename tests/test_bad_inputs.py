"""Hostile and broken input: dvlint keeps working, says what is wrong, and never damages a file.

The corpus (tests/bad_inputs/files, written by make_corpus.py, answers in
expected.yaml) goes through the real command line one file at a time, and
all at once in English as JSON. Inputs that are large or depend on the
machine are made here in a temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import FIXTURES, ROOT, run_cli

CORPUS = Path(__file__).parent / "bad_inputs"
FILES = CORPUS / "files"
EXPECTED = YAML(typ="safe").load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))["files"]
CLEAN = FIXTURES / "clean-state-plan.yaml"


def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stdout + proc.stderr and "Error:" not in proc.stderr, proc.stderr[-2000:]


def test_every_corpus_file_has_an_expected_answer():
    assert sorted(p.name for p in FILES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_input_through_the_command_line(name):
    expected = EXPECTED[name]
    path = FILES / name
    proc = run_cli("check", str(path))
    no_traceback(proc)
    assert proc.returncode == expected["exit"], proc.stdout
    if "kind" in expected:
        where = f"{path}:{expected['at']}" if "at" in expected else f"{path}"  # the file as a whole: no 1:1
        assert any(line.startswith(f"{where}: ") and expected["vi"] in line for line in proc.stdout.splitlines()), \
            proc.stdout
    else:
        finding = re.compile(rf"^{re.escape(str(path))}(?::\S+| \([^)]*\))? (DV\d+) ", re.M)  # :3:1, (đoạn 4)
        codes = set(finding.findall(proc.stdout))
        assert codes == set(expected["codes"]), proc.stdout


def test_the_whole_corpus_in_one_run_in_english():
    """One run over every file: each is answered, in English, and a bad one never stops the rest."""
    proc = run_cli("check", str(FILES), "--lang", "en", "--format", "json")
    no_traceback(proc)
    assert proc.returncode == 2
    reports = {Path(r["path"]).name: r for r in json.loads(proc.stdout)["reports"]}
    assert sorted(reports) == sorted(EXPECTED)
    for name, expected in EXPECTED.items():
        error = reports[name]["error"]
        if "kind" in expected:
            at = expected.get("at", "1:1")  # the JSON gives the file as a whole line 1, column 1
            assert (error["kind"], f"{error['line']}:{error['column']}") == (expected["kind"], at), name
            assert expected["en"] in error["message"], (name, error["message"])
        else:
            assert error is None and reports[name]["score"] is not None, name


def test_legacy_files_are_converted_on_request(tmp_path):
    proc = run_cli("check", "--convert-legacy", str(FILES / "tcvn3.yaml"), str(FILES / "vni.yaml"),
                   str(FILES / "windows-1258.yaml"), "--lang", "en", "--format", "json")
    no_traceback(proc)
    reports = json.loads(proc.stdout)["reports"]
    assert [sorted({f["code"] for f in r["findings"]}) for r in reports] == [["DV705"]] * 3
    assert [r["document"]["agency"] for r in reports] == ["SỞ NỘI VỤ"] * 3  # the text reads right
    assert "TCVN3 (ABC)" in reports[0]["findings"][0]["message"]
    assert "VNI" in reports[1]["findings"][0]["message"] and "Windows-1258" in reports[2]["findings"][0]["message"]


def test_decomposed_unicode_is_read_as_nfc_and_fixed(tmp_path):
    report = tmp_path / "nfd.yaml"
    shutil.copy(FILES / "nfd.yaml", report)
    proc = run_cli("check", str(report), "--fix", "--select", "DV702")
    assert proc.returncode == 0 and "DV702" not in proc.stdout
    import unicodedata

    values = YAML(typ="safe").load(report.read_text(encoding="utf-8"))
    assert values == YAML(typ="safe").load(CLEAN.read_text(encoding="utf-8"))
    assert unicodedata.is_normalized("NFC", values["document"]["title"])


# --- made here: large, machine-dependent ------------------------------------------------------


def test_a_50_mb_file_is_refused_and_the_limit_is_configurable(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB (of NUL bytes, sparse: quick to make)
    proc = run_cli("check", str(big), "--lang", "en")
    no_traceback(proc)
    assert proc.returncode == 2
    assert f"{big}: the file is too large (52428800 bytes; the limit is 10485760, set by max-file-size)" in proc.stdout
    (tmp_path / "dvlint.toml").write_text("max-file-size = 60_000_000\n", encoding="utf-8")
    proc = run_cli("check", str(big), "--lang", "en")
    assert "the file contains NUL bytes" in proc.stdout  # read this time, and found not to be text


def test_a_zip_bomb_docx_is_refused_before_unpacking(tmp_path):
    import zipfile

    (tmp_path / "dvlint.toml").write_text("max-file-size = 100_000\n", encoding="utf-8")  # unpacked limit: 2 MB
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000 + b"</w:document>")
    assert bomb.stat().st_size < 100_000
    proc = run_cli("check", str(bomb), "--lang", "en")
    no_traceback(proc)
    assert proc.returncode == 2
    assert f"{bomb}: the .docx unpacks to too much (20000033 bytes; the limit is 2000000" in proc.stdout


def test_a_size_that_lies_is_still_bounded(tmp_path):
    """/proc files say they are empty and are not: the read itself stops at the limit."""
    liar = tmp_path / "status.yaml"
    liar.symlink_to("/proc/self/status")
    (tmp_path / "dvlint.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    proc = run_cli("check", str(liar), "--lang", "en", "--config", str(tmp_path / "dvlint.toml"))
    no_traceback(proc)
    assert "the file is too large (> 100 bytes" in proc.stdout


def test_missing_files_empty_folders_loops_pipes_and_odd_names(tmp_path):
    (tmp_path / "empty").mkdir()
    loops = tmp_path / "loops"
    loops.mkdir()
    (loops / "a.yaml").symlink_to(loops / "b.yaml")
    (loops / "b.yaml").symlink_to(loops / "a.yaml")
    (loops / "up").symlink_to(loops)  # a folder that contains itself
    shutil.copy(CLEAN, loops / "Báo cáo quý 3 của Sở.yaml")
    os.mkfifo(loops / "pipe.yaml")
    proc = run_cli("check", str(tmp_path / "missing.yaml"), str(tmp_path / "empty"), str(loops), "--lang", "en")
    no_traceback(proc)
    assert proc.returncode == 2
    out = proc.stdout
    assert f"{tmp_path / 'missing.yaml'}: no file or folder at this path (looked for {tmp_path / 'missing.yaml'})" in out
    assert f"{tmp_path / 'empty'}: the folder holds no report dvlint can read: looked in it and its subfolders for .doc, .docx" in out
    assert f"{loops / 'a.yaml'}: cannot read the file: a loop of symbolic links" in out
    assert f"{loops / 'pipe.yaml'}: not a regular file" in out
    assert f"{loops / 'Báo cáo quý 3 của Sở.yaml'}: Score: 100/100" in out
    assert out.count("Báo cáo quý 3 của Sở.yaml") == 1  # the folder loop is not followed


def test_a_file_without_read_permission(tmp_path):
    """As root, the test gives up the capability to ignore permissions (setpriv), as an ordinary user has."""
    folder = tmp_path / "folder"
    folder.mkdir()
    locked = folder / "locked.yaml"
    shutil.copy(CLEAN, locked)
    shutil.copy(CLEAN, folder / "open.yaml")
    locked.chmod(0)
    prefix = []
    if os.geteuid() == 0:
        assert shutil.which("setpriv"), "setpriv (util-linux) is needed to test permissions as root"
        prefix = [shutil.which("setpriv"), "--bounding-set=-dac_override,-dac_read_search"]
    try:
        proc = subprocess.run([*prefix, sys.executable, "-m", "dvlint", "check", str(folder), "--lang", "en"],
                              capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
    finally:
        locked.chmod(0o644)
    no_traceback(proc)
    assert f"{locked}: cannot read the file: permission denied" in proc.stdout
    assert f"{folder / 'open.yaml'}: Score: 100/100" in proc.stdout


def test_a_file_edited_while_fix_runs_is_left_alone(tmp_path):
    """--fix writes only if the file still holds what it read: the writer's newer text wins."""
    from dvlint.engine.config import Settings
    from dvlint.app import new_engine
    from dvlint.output.fix import fix_file, write_fixed
    from dvlint.source.errors import LoadError

    report = tmp_path / "report.yaml"
    report.write_text((FIXTURES / "dak-nong-2023-ke-hoach-dvcq.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    outcome = fix_file(report, new_engine(Settings()))
    assert outcome.changed
    report.write_text(report.read_text(encoding="utf-8") + "# saved from the editor meanwhile\n", encoding="utf-8")
    edited = report.read_bytes()
    with pytest.raises(LoadError) as caught:
        write_fixed(outcome)
    assert caught.value.kind == "changed-meanwhile" and report.read_bytes() == edited


# --- output ----------------------------------------------------------------------------------


def test_closed_stdout_ends_quietly_for_score():
    proc = subprocess.run(f"{sys.executable} -m dvlint score {FIXTURES} | head -1", shell=True, capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.stdout.count("\n") == 1 and proc.stderr == ""


def _big_docx(path: Path) -> Path:
    from docx_corpus import state_report

    return state_report(path, paragraphs_per_section=300)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_import_killed_mid_run_never_leaves_half_a_file(tmp_path, signum):
    """Killed at many moments, `dvlint import -o` leaves no output or the whole output, never part of one."""
    source = _big_docx(tmp_path / "big.docx")
    complete = run_cli("import", str(source)).stdout
    outcomes = set()
    for delay in (0.2, 0.35, 0.5, 0.65, 0.8, 1.0, 1.3, 1.7):
        out = tmp_path / f"out-{delay}.yaml"
        proc = subprocess.Popen([sys.executable, "-m", "dvlint", "import", str(source), "-o", str(out)],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
        assert "Traceback" not in err
        if out.exists():
            assert out.read_text(encoding="utf-8") == complete
            outcomes.add("complete")
        else:
            outcomes.add("absent")
        if signum == signal.SIGTERM:  # a terminated run cleans up its temporary file too
            assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert outcomes  # (which of the two happened depends on the machine's speed)


def test_fix_killed_mid_run_leaves_the_report_whole(tmp_path):
    original = (FIXTURES / "dak-nong-2023-ke-hoach-dvcq.yaml").read_bytes()
    report = tmp_path / "report.yaml"
    report.write_bytes(original)
    run_cli("check", "--fix", str(report))
    fixed = report.read_bytes()
    assert fixed != original
    for delay in (0.2, 0.4, 0.6, 0.8, 1.0, 1.2):
        report.write_bytes(original)
        proc = subprocess.Popen([sys.executable, "-m", "dvlint", "check", "--fix", str(report)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait(timeout=60)
        assert report.read_bytes() in (original, fixed)


def _wait_for_workers(pid: int, timeout: float = 60) -> None:
    """Until the process has started its worker processes (Linux: /proc/PID/task/PID/children)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if children.exists() and children.read_text().split():
            return
        time.sleep(0.02)
    raise AssertionError("the worker processes never started")


def test_ctrl_c_during_a_parallel_run_ends_quietly_without_checking_the_rest(tmp_path):
    for i in range(1000):  # several seconds of work: the interrupt comes in the middle of it
        shutil.copy(FIXTURES / "dak-nong-2023-ke-hoach-dvcq.yaml", tmp_path / f"r{i:04d}.yaml")
    proc = subprocess.Popen([sys.executable, "-m", "dvlint", "score", str(tmp_path), "-j", "2"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_workers(proc.pid)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "Đã kiểm tra" not in out  # stopped: no ranking of a run cut short


def test_every_load_error_kind_is_documented_with_cause_and_remedy():
    import re

    kinds = set()
    for source in (ROOT / "dvlint").rglob("*.py"):
        kinds |= set(re.findall(r'LoadError\(\s*"([a-z0-9-]+)"', source.read_text(encoding="utf-8")))
    kinds.add("unreadable")  # made by errors.unreadable
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", (ROOT / "docs" / "errors.md").read_text(encoding="utf-8"),
                                re.MULTILINE))
    assert kinds == documented


def test_every_message_exists_in_both_languages():
    """Every message of the load-error catalogue and the readers, in Vietnamese and in English."""
    from dvlint.source import errors
    from dvlint.output import fix
    from dvlint.i18n import Msg
    from dvlint.importers import docx as docx_reader

    messages = [value for module in (errors, docx_reader, fix) for value in vars(module).values()
                if isinstance(value, Msg)]
    messages += list(errors.OS_REASONS.values())
    assert len(messages) > 25
    for message in messages:
        assert message.vi.strip() and message.en.strip() and message.vi != message.en, message

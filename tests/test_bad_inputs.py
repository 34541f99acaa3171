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
import zipfile
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import FIXTURES, ROOT, as_ordinary_user, check_text, run_cli

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
    proc = run_cli("check", str(path), "--ignore", "DV8")  # reading is judged here; how a .docx looks, in test_presentation
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

    (tmp_path / "dvlint.toml").write_text("max-file-size = 100_000\n", encoding="utf-8")  # unpacked limit: 200 KB
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000 + b"</w:document>")
    assert bomb.stat().st_size < 100_000
    proc = run_cli("check", str(bomb), "--lang", "en")
    no_traceback(proc)
    assert proc.returncode == 2
    assert f"{bomb}: the .docx unpacks to too much (20000033 bytes; the limit is 200000, twice max-file-size" in proc.stdout


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
    try:
        proc = subprocess.run([*as_ordinary_user(), sys.executable, "-m", "dvlint", "check", str(folder), "--lang", "en"],
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
    # Ctrl-C as at a terminal: a test run started in the background by a shell without job control (nohup
    # CMD &) has SIGINT ignored, and a program started from it keeps it ignored, as it should.
    proc = subprocess.Popen([sys.executable, "-m", "dvlint", "score", str(tmp_path), "-j", "2"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_for_workers(proc.pid)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "Đã kiểm tra" not in out  # stopped: no ranking of a run cut short


_INTERRUPTED_WHILE_FORKING = """
import os, signal, sys
from concurrent.futures import process

spawn = process.ProcessPoolExecutor._spawn_process
def spawn_then_interrupt(self):
    spawn(self)
    if len(self._processes) == 1:  # Ctrl-C between the first worker's fork and the second's
        os.kill(os.getpid(), signal.SIGINT)
process.ProcessPoolExecutor._spawn_process = spawn_then_interrupt
from dvlint.cli.main import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_ctrl_c_while_the_pool_starts_its_workers_ends_the_run_without_hanging(tmp_path):
    """An interrupt that came while the pool was forking its workers left one worker waiting for tasks that
    never came, and the command hung at exit. The pool's start now holds Ctrl-C until it is set up."""
    for i in range(100):
        shutil.copy(FIXTURES / "dak-nong-2023-ke-hoach-dvcq.yaml", tmp_path / f"r{i:03d}.yaml")
    proc = subprocess.Popen([sys.executable, "-c", _INTERRUPTED_WHILE_FORKING, "score", str(tmp_path), "-j", "2"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the hang this test is about: end it and its workers
        proc.communicate()
        raise AssertionError("dvlint hung after Ctrl-C came while its workers were starting") from None
    assert proc.returncode == 130, (out[-500:], err[-2000:])
    assert "Traceback" not in err and "Đã kiểm tra" not in out


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


# --- runaway input: no received file may hang a run or eat memory ---------------------------


_COUNTING_RUN = """
import atexit, sys
import dvlint.importers as importers
import dvlint.importers.header as header
from dvlint.knowledge import data

seen = [0]
def counting(function):
    def counted(text, *args, **kwargs):
        seen[0] += len(text)
        return function(text, *args, **kwargs)
    return counted
data.fold = counting(data.fold)
importers.is_upper = counting(importers.is_upper)
importers.ascii_fold = counting(importers.ascii_fold)
header.is_kind_line = counting(header.is_kind_line)
atexit.register(lambda: print("examined", seen[0], file=sys.stderr))
from dvlint.cli.main import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_wrapped_lines_are_joined_in_one_pass(tmp_path):
    """A paragraph hard-wrapped into 5,000 short lines: the joiner looks at each line a bounded number of times.

    It used to ask its questions (a type name? all capitals?) of the whole line joined so far, once per
    line joined: 16,000 lines took 11 s, 32,000 never ended. Counted here: the characters the text
    questions are asked about, over the whole run, stay within a small multiple of the file's size
    (they were 5,000 x 5,000 / 2 x 6 characters).
    """
    source = (ROOT / "tests" / "import_cases" / "crawled-state-report.txt").read_text(encoding="utf-8")
    anchor = "người tham dự.\n"
    assert anchor in source
    report = tmp_path / "wrapped.txt"
    report.write_text(source.replace(anchor, "người tham dự\n" + "".join(f"và đơn vị {i} tham dự\n" for i in range(5000)), 1), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _COUNTING_RUN, "check", str(report), "--lang", "en"],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"}, timeout=600)
    no_traceback(proc)
    assert "Checked 1 report:" in proc.stdout and "could not be read" not in proc.stdout, proc.stdout
    examined = int(proc.stderr.split("examined")[-1])
    assert examined < 20 * len(report.read_text(encoding="utf-8")), examined


def test_a_report_citing_thousands_of_documents_compares_each_citation_with_few_others(tmp_path, monkeypatch):
    """DV208 compared every citation with every earlier one: 10,000 citations in a crafted 300 KB text
    took 50 s. Counted here: the comparisons stay within a small multiple of the citations, for
    distinct documents and for one number cited with hundreds of issuers; the inconsistent pair
    among them is still found."""
    from dvlint.rules import citations

    calls = [0]
    same_document = citations._same_document

    def counted(a, b):
        calls[0] += 1
        return same_document(a, b)

    monkeypatch.setattr(citations, "_same_document", counted)
    cited = [f"Kế hoạch số {i}/KH-UBND ngày 02/01/2024" for i in range(1, 2001)]
    cited += [f"Báo cáo số 7/BC-S{chr(65 + i // 26)}{chr(65 + i % 26)}X ngày 03/01/2024" for i in range(500)]
    cited += ["Kế hoạch số 153/KH-SKHHCN ngày 29/3/2019", "Kế hoạch số 153/KH-SKHCN ngày 29/3/2020"]
    report = CLEAN.read_text(encoding="utf-8").replace(
        "opening:\n", "opening:\n" + "".join(f'  - "{c}."\n' for c in cited), 1)
    result = check_text(tmp_path, report)
    assert result.error is None, result.error
    assert calls[0] < 40 * len(cited), calls[0]
    dv208 = [f.message.en for f in result.findings if f.code == "DV208"]
    assert any("153/KH-SKHCN" in m and "153/KH-SKHHCN" in m for m in dv208), dv208


def test_a_recipient_list_of_thousands_of_lines_is_read_in_one_pass(tmp_path, monkeypatch):
    """Whether every recipient so far starts with a dash was asked of the whole list at each line:
    a crafted 290 KB list took 47 s. Counted here: each recipient line is looked at once."""
    from dvlint.importers import foot

    calls = [0]
    dashed = foot._dashed

    def counted(line):
        calls[0] += 1
        return dashed(line)

    monkeypatch.setattr(foot, "_dashed", counted)
    source = (ROOT / "tests" / "import_cases" / "numbering-forms.txt").read_text(encoding="utf-8")
    assert "Nơi nhận:\n" in source
    recipients = "".join(f"- Ủy ban nhân dân xã số {i} (để biết,\nphối hợp);\n" for i in range(3000))
    text = source.replace("Nơi nhận:\n", "Nơi nhận:\n" + recipients, 1)
    from dvlint.importers import text as text_reader
    from dvlint.importers.classify import classify

    lines = classify(text_reader.read_lines(text), text.splitlines()).data["recipients"]["lines"]
    assert 3000 <= calls[0] <= 3100, calls[0]
    assert "- Ủy ban nhân dân xã số 2999 (để biết, phối hợp);" in lines, lines[-5:]


def test_a_signers_name_is_words_apart_by_spaces():
    """The name drawn on a signed PDF's title line ("PHÓ GIÁM ĐỐC ơNguyễn Đức Vũ") is read with spaces
    between its words; letters run together are no name (matched with \\s*, a run of capitalised
    syllables could be cut into words in exponentially many ways: 594 s for a 3 KB text, kept in
    bad_inputs/files/fuzz-slow-signature-name.txt)."""
    from dvlint.importers.foot import _title_with_name, _trailing_name

    assert _title_with_name("PHÓ GIÁM ĐỐC ơNguyễn Đức Vũ") == ("PHÓ GIÁM ĐỐC", 14, "Nguyễn Đức Vũ")
    assert _trailing_name().search("PHÓ GIÁM ĐỐC NguyễnĐức") is None


def _rewritten_docx(source: Path, target: Path, part: str, change) -> Path:
    """A copy of the .docx ``source`` with one part's bytes changed by ``change``."""
    import zipfile

    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            copy.writestr(info.filename, change(data) if info.filename == part else data)
    return target


def test_a_list_numbered_from_a_huge_start_gets_a_bounded_label(tmp_path):
    """w:start="100000000000" in upper-case Roman numerals: the 2 KB file that never finished is read at
    once, its list numbered from the highest start dvlint allows (10,000 = MMMMMMMMMM)."""
    from docx_corpus import state_report

    crafted = _rewritten_docx(
        state_report(tmp_path / "plain.docx"), tmp_path / "huge-start.docx", "word/numbering.xml",
        lambda xml: xml.replace(b'<w:start w:val="1"/>', b'<w:start w:val="100000000000"/>')
        .replace(b'<w:numFmt w:val="decimal"/>', b'<w:numFmt w:val="upperRoman"/>'))
    proc = run_cli("import", str(crafted))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stdout
    assert "- MMMMMMMMMM. Công tác lãnh đạo, chỉ đạo" in proc.stdout
    assert "- MMMMMMMMMMI. Cải cách hành chính, tiếp công dân" in proc.stdout


def test_aliases_that_expand_past_twice_the_size_limit_are_refused_at_the_alias(tmp_path):
    """A 10,000-letter paragraph aliased 100 times: refused at the alias whose text crosses twice
    max-file-size (200,000 characters here), not expanded to a million letters and checked."""
    (tmp_path / "dvlint.toml").write_text("max-file-size = 100_000\n", encoding="utf-8")
    paragraph = ("Báo cáo kết quả công tác dân vận " * 400)[:10_000]
    report = tmp_path / "aliases.yaml"
    report.write_text(f'notes: &p "{paragraph}"\nmore:\n' + "  - *p\n" * 100, encoding="utf-8")
    proc = run_cli("check", str(report), "--lang", "en", "--format", "json")
    no_traceback(proc)
    assert proc.returncode == 2
    error = json.loads(proc.stdout)["reports"][0]["error"]
    # "notes" (5) + the paragraph + "more" (4) + 18 aliases = 190,009 characters; the 19th alias crosses 200,000
    assert (error["kind"], error["line"], error["column"]) == ("alias-expansion", 2 + 19, 5), error
    assert "the YAML aliases expand to too much text (over 200000 characters, twice max-file-size)" in error["message"]
    proc = run_cli("check", str(report))
    assert f"{report}:21:5: alias YAML mở rộng ra quá nhiều chữ (hơn 200000 ký tự" in proc.stdout


def test_aliases_within_the_limit_are_read(tmp_path):
    """An anchor used again (a recipient's line written twice) is ordinary YAML: read, scored."""
    report = tmp_path / "few.yaml"
    report.write_text((FIXTURES / "clean-state-plan.yaml").read_text(encoding="utf-8")
                      .replace('- "- UBND tỉnh;"', '- &ubnd "- UBND tỉnh;"\n    - *ubnd'), encoding="utf-8")
    proc = run_cli("check", str(report), "--lang", "en")
    assert f"{report}: Score: " in proc.stdout and "YAML aliases" not in proc.stdout, proc.stdout


def _padded_document(xml: bytes, paragraphs: int) -> bytes:
    """word/document.xml with ``paragraphs`` more paragraphs of one short line before the section's settings."""
    at = xml.rindex(b"<w:sectPr")
    return xml[:at] + b"<w:p><w:r><w:t>Ph\xe1\xbb\xa5 l\xe1\xbb\xa5c.</w:t></w:r></w:p>" * paragraphs + xml[at:]


def test_a_docx_part_past_a_quarter_of_the_size_limit_is_refused_before_parsing(tmp_path):
    """A 40 KB .docx whose document.xml unpacks to 4 MB (the largest part of a real report is 0.5 MB):
    refused from the zip's directory, by name, before python-docx parses it (a 190 MB one took 234 s
    and 4.2 GB); the limit follows max-file-size."""
    from docx_corpus import state_report

    crafted = _rewritten_docx(state_report(tmp_path / "plain.docx"), tmp_path / "big-part.docx", "word/document.xml",
                              lambda xml: _padded_document(xml, 100_000))
    assert crafted.stat().st_size < 100_000
    proc = run_cli("check", str(crafted), "--lang", "en")
    no_traceback(proc)
    assert proc.returncode == 2
    size = zipfile.ZipFile(crafted).getinfo("word/document.xml").file_size
    assert (f"{crafted}: the .docx part word/document.xml unpacks to too much ({size} bytes; the limit is 2621440, "
            "a quarter of max-file-size") in proc.stdout, proc.stdout
    # the limit follows max-file-size: a 200 KB part is refused under 600 KB, read under 2 MB
    smaller = _rewritten_docx(state_report(tmp_path / "plain.docx"), tmp_path / "part.docx", "word/document.xml",
                              lambda xml: _padded_document(xml, 4_000))
    size = zipfile.ZipFile(smaller).getinfo("word/document.xml").file_size
    assert 150_000 < size < 250_000
    (tmp_path / "dvlint.toml").write_text("max-file-size = 600_000\n", encoding="utf-8")
    proc = run_cli("check", str(smaller), "--lang", "en")
    assert f"({size} bytes; the limit is 150000, a quarter of max-file-size" in proc.stdout, proc.stdout
    (tmp_path / "dvlint.toml").write_text("max-file-size = 2_000_000\n", encoding="utf-8")
    proc = run_cli("check", str(smaller), "--lang", "en")
    assert f"{smaller}: Score: " in proc.stdout, proc.stdout


def test_a_docx_whose_directory_understates_a_part_is_still_bounded(tmp_path):
    """The zip's directory says document.xml is 1,000 bytes; it unpacks to 4 MB. Never read past what
    it declares: the part is named as damaged, not parsed whole."""
    from docx_corpus import state_report

    crafted = _rewritten_docx(state_report(tmp_path / "plain.docx"), tmp_path / "liar.docx", "word/document.xml",
                              lambda xml: _padded_document(xml, 100_000))
    data = bytearray(crafted.read_bytes())
    info = zipfile.ZipFile(crafted).getinfo("word/document.xml")
    central = data.index(b"word/document.xml", data.index(b"PK\x01\x02")) - 46  # its directory entry
    local = info.header_offset
    for offset, field in ((central + 24, 4), (local + 22, 4)):  # uncompressed size, in both headers
        data[offset:offset + field] = (1000).to_bytes(4, "little")
    crafted.write_bytes(bytes(data))
    assert zipfile.ZipFile(crafted).getinfo("word/document.xml").file_size == 1000
    proc = run_cli("check", str(crafted), "--lang", "en")
    no_traceback(proc)
    assert proc.returncode == 2
    assert (f"{crafted}: the Word document is damaged; its content cannot be read: word/document.xml: "
            "Bad CRC-32") in proc.stdout, proc.stdout


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1; the first is the catalogue), with its cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _one_page_pdf(pages: bytes = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", content: bytes = b"",
                  filters: bytes = b"") -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", pages,
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(content), filters, content)])


def test_a_pdf_that_says_it_has_a_million_pages_is_refused(tmp_path):
    """A 500-byte PDF whose page tree counts 1,000,000 pages (it read page after page, then crashed)."""
    crafted = tmp_path / "million.pdf"
    crafted.write_bytes(_one_page_pdf(pages=b"<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>"))
    proc = run_cli("check", str(crafted), "--lang", "en")
    no_traceback(proc)
    assert proc.returncode == 2
    assert (f"{crafted}: the PDF has 1000000 pages; dvlint reads reports of up to 500 pages") in proc.stdout


def _deflate_bomb(gigabytes: int) -> bytes:
    """A zlib stream of about ``gigabytes`` GB of spaces, made in a second: deflate's output for a run of
    one byte repeats, so one repeating piece is written many times (and the checksum of what it unpacks
    to computed)."""
    import zlib

    packer, chunk = zlib.compressobj(9), b" " * (1 << 24)
    first, steady = packer.compress(chunk), packer.compress(chunk)
    body = first + steady * (64 * gigabytes) + packer.flush()[:-4]
    unpacker, size, rest = zlib.decompressobj(-15), 0, body[2:]
    while rest:
        size += len(unpacker.decompress(rest, 1 << 26))
        rest = unpacker.unconsumed_tail
    checksum = 1
    for _ in range(size >> 24):
        checksum = zlib.adler32(chunk, checksum)
    checksum = zlib.adler32(b" " * (size & 0xFFFFFF), checksum)
    stream = body + checksum.to_bytes(4, "big")
    assert len(zlib.decompressobj().decompress(stream[:100_000], 1 << 20)) == 1 << 20  # it unpacks, from its start
    return stream


def test_a_pdf_stream_that_unpacks_to_gigabytes_ends_its_reader_not_the_run(tmp_path):
    """A page whose 1 MB content stream inflates to 1 GB (it took a minute and 2 GB): PDFium, in a child
    process limited to 516 MB here (512 MB and 50 times max-file-size), runs out and ends; the file
    gets its error, the next file its score."""
    import zlib

    (tmp_path / "dvlint.toml").write_text("max-file-size = 100_000\n", encoding="utf-8")
    stream = zlib.compress(_deflate_bomb(1), 9)  # twice deflated: 1 GB in a few kilobytes
    crafted = tmp_path / "bomb.pdf"
    crafted.write_bytes(_one_page_pdf(content=stream, filters=b"/Filter [/FlateDecode /FlateDecode]"))
    assert crafted.stat().st_size < 100_000
    shutil.copy(CLEAN, tmp_path / "next.yaml")
    proc = run_cli("check", str(crafted), str(tmp_path / "next.yaml"), "--lang", "en")
    no_traceback(proc)
    assert proc.returncode == 2
    assert f"{crafted}: the PDF needs too much memory to be read (the limit is 516 MB)" in proc.stdout, proc.stdout
    assert f"{tmp_path / 'next.yaml'}: Score: 100/100" in proc.stdout


def test_an_image_of_50000_by_50000_pixels_is_refused_from_its_header(tmp_path):
    """A 600-byte PNG that declares 50,000 x 50,000 pixels (a 2.5 GB bitmap for OCR): refused before
    anything decodes it."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    crafted = tmp_path / "huge.png"
    crafted.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 50_000, 50_000, 8, 0, 0, 0, 0))
                        + chunk(b"IDAT", zlib.compress(b"\x00" * 50_001 * 10)) + chunk(b"IEND", b""))
    proc = run_cli("check", str(crafted), "--lang", "en")
    no_traceback(proc)
    assert proc.returncode == 2
    assert (f"{crafted}: the image is too large to be read by OCR (50000 x 50000 pixels; the limit is 36000000 "
            "pixels") in proc.stdout, proc.stdout


def test_findings_deep_in_a_paragraph_of_thousands_of_lines_are_located_on_their_line(tmp_path):
    """A paragraph written over 3,000 lines with a word typed twice on line 2,501 of it: the finding
    points at that line and column. (A value over many lines is searched joined, once: line by line,
    3,333 findings in a paragraph of 20,000 lines took 18 s of CPU; now under 1 s.)"""
    source = CLEAN.read_text(encoding="utf-8")
    lines = [f"    và đơn vị {i} tham dự" for i in range(3000)]
    lines[2500] = "    và đơn vị công tác công tác tham dự hội nghị toàn thể cán bộ"
    anchor = "closing:\n"
    report = tmp_path / "long-paragraph.yaml"
    report.write_text(source.replace(anchor, anchor + "  - >-\n" + "\n".join(lines) + "\n", 1), encoding="utf-8")
    first = source[:source.index(anchor)].count("\n") + 3  # the line of lines[0]
    proc = run_cli("check", str(report), "--lang", "en", "--select", "DV701", "--format", "json")
    no_traceback(proc)
    findings = json.loads(proc.stdout)["reports"][0]["findings"]
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("DV701", first + 2500, 24)], findings

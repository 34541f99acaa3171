"""An inbox of scans and .doc files among YAML reports (issue 21): the heavy files go to workers however
few the files are, the results keep the input order and equal a serial run's, the progress bar counts a
PDF's pages, and the time limit ends a runaway reading in a worker, killing the program it ran.

Tesseract and LibreOffice are stood in for by small scripts on PATH: one that answers at once (what is
asserted is where and in what order files are checked, not what OCR reads), one that never ends (a
runaway reading) and notes its process id, so that the test can see it was killed.
"""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, TODAY, run_cli
from dvlint.app import runner
from dvlint.app.runner import Checker

YAML_FIXTURES = ["clean-state-report.yaml", "hung-yen-2024-qcdc-9-thang.yaml", "dak-nong-2023-ke-hoach-dvcq.yaml"]


def _tool(bin_dir: Path, name: str, body: str) -> None:
    """A stand-in for ``name`` on PATH: it answers the questions of its version and languages, then runs ``body``."""
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / name
    script.write_text(textwrap.dedent(f"""\
        #!/bin/sh
        case "$1" in
          --version) echo "{name} 0.0-stand-in"; exit 0 ;;
          --list-langs) printf 'List of available languages (2):\\neng\\nvie\\n'; exit 0 ;;
        esac
    """) + body + "\n", encoding="utf-8")
    script.chmod(0o755)


def _scan(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` page images and no text layer, as a scanner makes it."""
    from PIL import Image, ImageDraw

    images = []
    for number in range(pages):
        image = Image.new("L", (620, 877), 255)
        ImageDraw.Draw(image).text((60, 60 + 20 * number), f"BÁO CÁO trang {number + 1}", fill=0)
        images.append(image)
    images[0].save(path, resolution=75, save_all=True, append_images=images[1:])
    return path


def _inbox(folder: Path, scans: dict[str, int]) -> Path:
    """YAML reports (no two the same bytes) and the scans named, of so many pages each."""
    folder.mkdir(parents=True)
    for i, name in enumerate(YAML_FIXTURES):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        (folder / f"{i}-{name}").write_text(text + f"\n# copy {i}\n", encoding="utf-8")
    for name, pages in scans.items():
        _scan(folder / name, pages)
    return folder


@pytest.fixture
def quick_ocr(tmp_path, monkeypatch):
    """A Tesseract that reads every page at once as the same two lines."""
    _tool(tmp_path / "bin", "tesseract", 'printf "BÁO CÁO\\nKết quả công tác dân vận\\n"')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")


@pytest.fixture
def where_checked(tmp_path, monkeypatch):
    """The process id each file was checked in, noted by ``Checker.check_file`` (forked workers inherit the note)."""
    log = tmp_path / "checked-in"
    check_file = Checker.check_file

    def noting(self, path):
        result = check_file(self, path)
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{Path(path).name}\t{os.getpid()}\n")
        return result

    monkeypatch.setattr(Checker, "check_file", noting)

    def read() -> dict[str, int]:
        found = dict(line.split("\t") for line in log.read_text(encoding="utf-8").splitlines())
        log.unlink()
        return {name: int(pid) for name, pid in found.items()}

    return read


def _outcome(result) -> tuple:
    """What a result says (a load error is an exception: compared by its kind and message)."""
    error = (result.error.kind, str(result.error)) if result.error else None
    return result.path, error, result.findings, result.score, result.template, result.text_source


def _checker() -> Checker:
    return Checker({"lang": "en"}, today=TODAY, isolated=True, received=True)


def test_a_scan_goes_to_a_worker_though_the_run_is_below_the_parallel_minimum(tmp_path, quick_ocr, where_checked):
    inbox = _inbox(tmp_path / "inbox", {"scan.pdf": 2})
    assert len(list(inbox.iterdir())) < runner.PARALLEL_MIN_FILES
    pooled = _checker().run([inbox], jobs=2)
    pids = where_checked()
    assert pids["scan.pdf"] != os.getpid()
    serial = _checker().run([inbox], jobs=1)
    assert set(where_checked().values()) == {os.getpid()}
    assert [r.path for r in pooled.reports] == [r.path for r in serial.reports] == sorted(inbox.iterdir())
    assert [_outcome(r) for r in pooled.reports] == [_outcome(r) for r in serial.reports]
    assert all(r.error is None for r in pooled.reports if r.path.suffix == ".yaml")


def test_light_files_below_the_parallel_minimum_stay_in_this_process(tmp_path, where_checked):
    inbox = _inbox(tmp_path / "inbox", {})
    _checker().run([inbox], jobs=2)
    assert set(where_checked().values()) == {os.getpid()}


def test_the_heaviest_file_is_started_first(tmp_path, quick_ocr, monkeypatch):
    """The tasks go to the pool in this order: the longest scan alone, then the shorter, then the light
    files in their order; the results still come in the input order."""
    inbox = _inbox(tmp_path / "inbox", {"a-short-scan.pdf": 1, "b-long-scan.pdf": 3})
    names = [p.name for p in sorted(inbox.iterdir())]
    sent = []
    grouped = runner.tasks

    def noting(weights, jobs):
        found = grouped(weights, jobs)
        sent.extend([names[i] for i in group] for group in found)
        return found

    monkeypatch.setattr(runner, "tasks", noting)
    run = _checker().run([inbox], jobs=2)
    assert sent[:2] == [["b-long-scan.pdf"], ["a-short-scan.pdf"]]
    assert [name for group in sent[2:] for name in group] == [p.name for p in sorted(inbox.glob("*.yaml"))]
    assert [r.path for r in run.reports] == sorted(inbox.iterdir())


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_progress_callback_counts_a_pdfs_pages(tmp_path, quick_ocr, jobs):
    inbox = _inbox(tmp_path / "inbox", {"scan.pdf": 3})
    (inbox / "notes.xyz").write_text("not a report", encoding="utf-8")  # unsupported: one unit, its error
    calls = []
    _checker().run([inbox], jobs=jobs, progress=lambda item, units=None: calls.append((item, units)))
    total, *rest = calls
    assert total == (3 + len(YAML_FIXTURES) + 1, None)
    assert sorted((result.path.name, units) for result, units in rest) == sorted(
        [("scan.pdf", 3), ("notes.xyz", 1)] + [(p.name, 1) for p in inbox.glob("*.yaml")])
    assert sum(units for _, units in rest) == total[0]


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie, killed and not yet reaped by init, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_runaway_reading_in_a_worker_is_too_slow_and_its_program_is_killed(tmp_path, jobs):
    """A Tesseract and a LibreOffice that never end: each file becomes a too-slow load error, the other
    files are scored, and neither program is left running (nor the child a PDF is read in)."""
    pids = tmp_path / "pids"
    for tool in ("tesseract", "soffice"):
        _tool(tmp_path / "bin", tool, f'echo $$ >> "{pids}"\nexec sleep 600')
    inbox = _inbox(tmp_path / "inbox", {"scan.pdf": 2})
    (inbox / "old-word.doc").write_bytes(b"a Word 97 file, as far as its name says\n" * 20)
    env = {"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    proc = run_cli("score", str(inbox), "--time-limit", "3", "-j", jobs, "--no-cache", "--lang", "en", env=env)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 2, out
    assert out.count("took over 3 s (the time-limit setting)") == 2, out
    assert all(name in proc.stdout for name in ("0-clean-state-report.yaml", "2-dak-nong-2023-ke-hoach-dvcq.yaml"))
    started = [int(line) for line in pids.read_text().split()]
    assert len(started) == 2
    for _ in range(100):  # SIGKILL is sent before the run goes on; the system may take a moment to end them
        if not any(_alive(pid) for pid in started):
            break
        time.sleep(0.1)
    assert not [pid for pid in started if _alive(pid)]

"""``dvlint score``: the commission's ranking, end to end through the command line."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

GOOD = ["clean-state-report.yaml", "clean-party-report.yaml", "clean-state-plan.yaml"]
SEEDS = ["hung-yen-2024-qcdc-9-thang.yaml", "dak-nong-2023-ke-hoach-dvcq.yaml", "dong-thap-2020-tong-ket-10-nam-290.yaml"]


@pytest.fixture
def received(tmp_path):
    """A quarter's folder: good and defective reports, state and Party, and two that cannot be read."""
    folder = tmp_path / "received"
    folder.mkdir()
    for name in GOOD + SEEDS:
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "broken.yaml").write_text("document: [\n", encoding="utf-8")
    (folder / "legacy.txt").write_bytes("BÁO CÁO".encode("utf-16-le") + b"\x00\x00")
    (folder / "tcvn3.txt").write_bytes(b"B\xb8O C\xb8O k\xaet qu\xb6\n")  # an old 8-bit Vietnamese encoding
    (folder / "empty.docx").write_bytes(b"")
    return folder


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_ranking_lists_every_file_best_first_and_keeps_going_past_broken_ones(received, tmp_path):
    proc = run_cli("score", str(received), "--lang", "en", "--csv", str(tmp_path / "r.csv"), "--json", str(tmp_path / "r.json"))
    assert proc.returncode == 2, proc.stderr  # unreadable files make the run a usage error, after ranking the rest
    rows = read_csv(tmp_path / "r.csv")
    assert [r["File"].rsplit("/", 1)[-1] for r in rows] == [
        "clean-state-report.yaml", "clean-state-plan.yaml", "clean-party-report.yaml",
        "hung-yen-2024-qcdc-9-thang.yaml", "dak-nong-2023-ke-hoach-dvcq.yaml",
        "dong-thap-2020-tong-ket-10-nam-290.yaml", "broken.yaml", "empty.docx", "legacy.txt", "tcvn3.txt"]
    assert [r["Rank"] for r in rows] == ["1", "2", "3", "4", "5", "6", "", "", "", ""]
    assert [r["Score"] for r in rows[:6]] == ["100", "100", "100", "82", "80", "79"]
    party = next(r for r in rows if r["File"].endswith("clean-party-report.yaml"))
    assert party["Number"] == "Số 12-BC/ĐU" and party["Template"] == "party-periodic-report"
    dak_nong = next(r for r in rows if r["File"].endswith("dak-nong-2023-ke-hoach-dvcq.yaml"))
    assert (dak_nong["Grade"], dak_nong["Errors"], dak_nong["Warnings"]) == ("Good", "3", "6")
    assert dak_nong["Heaviest deductions"] == "DV207 −5, DV504 −4, DV101 −3"
    assert rows[6]["Grade"].startswith("unreadable: ") and rows[6]["Score"] == ""
    exported = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(exported["reports"]) == 10
    assert all(r["Grade"].startswith("unreadable: ") for r in rows[6:])
    assert "Checked 6 reports" in proc.stdout and "4 files could not be read" in proc.stdout  # 10 files named


def test_filters_and_sorting(received, tmp_path):
    below = tmp_path / "below.csv"
    run_cli("score", str(received), "--below", "80.5", "--lang", "en", "--csv", str(below))
    assert [(r["Rank"], r["Score"]) for r in read_csv(below)] == [("5", "80"), ("6", "79")]
    excellent = tmp_path / "excellent.csv"
    run_cli("score", str(received), "--grade", "hoàn thành xuất sắc", "--csv", str(excellent))
    assert len(read_csv(excellent)) == 3
    by_date = tmp_path / "date.csv"
    run_cli("score", str(received), "--sort", "date", "--lang", "en", "--csv", str(by_date))
    dates = [r["Date"] for r in read_csv(by_date)]
    assert dates[:3] == ["2022-12-15", "2024-06-20", "2025-01-08"]  # complete dates first, in order
    by_agency = tmp_path / "agency.csv"
    run_cli("score", str(received), "--sort", "agency", "--lang", "en", "--csv", str(by_agency))
    agencies = [r["Agency"] for r in read_csv(by_agency) if r["Agency"]]
    assert agencies == sorted(agencies, key=str.casefold)


def test_a_clean_folder_exits_zero_and_prints_the_table(tmp_path):
    for name in GOOD:
        shutil.copy(FIXTURES / name, tmp_path / name)
    proc = run_cli("score", str(tmp_path))
    assert proc.returncode == 0
    assert "Cơ quan" in proc.stdout and "SỞ NỘI VỤ" in proc.stdout and "Đã kiểm tra 3 báo cáo" in proc.stdout
    # Piped, the table is plain columns: a rule of dashes under the headings, scores right-aligned under theirs.
    heading, rule, *rows = proc.stdout.splitlines()[:5]
    assert set(rule) == {"-", " "} and "│" not in proc.stdout
    score_end = heading.index("Điểm") + len("Điểm")
    assert all(row[score_end - 3:score_end] == "100" for row in rows[:3]), rows


def test_rows_name_their_agency_when_checked_in_worker_processes(tmp_path):
    """Workers send back only findings and identity: the ranking must still say whose report each is."""
    for i in range(21):
        for name in ("clean-state-plan.yaml", "dak-nong-2023-ke-hoach-dvcq.yaml"):
            shutil.copy(FIXTURES / name, tmp_path / f"{i:02d}-{name}")
    out = tmp_path / "out.csv"
    proc = run_cli("score", str(tmp_path), "-j", "2", "--lang", "en", "--csv", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = read_csv(out)
    assert len(rows) == 42 and {r["Agency"] for r in rows} == {"SỞ NỘI VỤ", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"}


def test_xlsx_opens_in_libreoffice_calc_with_the_ranking_first(received, tmp_path):
    """The workbook is read back by LibreOffice Calc (as a clerk would open it) and matches the CSV."""
    import subprocess

    import openpyxl

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice Calc is needed (bash .ci/run installs libreoffice-calc-nogui)"
    book_path, csv_path = tmp_path / "quy-3.xlsx", tmp_path / "quy-3-ranking.csv"
    run_cli("score", str(received), "--xlsx", str(book_path), "--csv", str(csv_path))
    out = tmp_path / "calc"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), str(book_path)],
                   check=True, capture_output=True, timeout=180)
    calc, plain = read_csv(out / "quy-3.csv"), read_csv(csv_path)
    shown_otherwise = ("Ngày", "Mẫu", "Điểm")  # dates, template names and scores: as in the tests below
    assert [{k: v for k, v in r.items() if k not in shown_otherwise} for r in calc] == \
        [{k: v for k, v in r.items() if k not in shown_otherwise} for r in plain]
    assert [r["Điểm"] for r in calc] == [f"{float(r['Điểm']):.1f}" if r["Điểm"] else "" for r in plain]
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames[:2] == ["Xếp hạng", "Phát hiện"]
    assert "DV5 nơi nhận và kính gửi" in book.sheetnames
    findings = list(book["Phát hiện"].iter_rows(min_row=2, values_only=True))
    assert len(findings) == 6 + 19 + 1  # every finding of the run, one a row
    dv504 = next(r for r in book["DV5 nơi nhận và kính gửi"].iter_rows(min_row=2, values_only=True) if r[0] == "DV504")
    assert dv504[2:] == (4, 1)  # four findings, in one report


def test_per_agency_files_are_named_after_agency_and_number(received, tmp_path):
    out = tmp_path / "gui-lai"
    run_cli("score", str(received), "--per-agency", str(out))
    names = sorted(p.name for p in out.iterdir())
    assert "so-noi-vu_05-kh-snv.txt" in names and "dang-uy-so-khoa-hoc-va-cong-nghe_12-bc-du.json" in names
    assert "broken.txt" in names  # an unreadable file gets its own reply, named after itself
    assert len(names) == 2 * 10
    reply = json.loads((out / "so-khoa-hoc-va-cong-nghe_kh-skhcn.json").read_text(encoding="utf-8"))
    assert reply["score"] == 80 and reply["document"]["parent"] == "UBND TỈNH ĐĂK NÔNG"
    text = (out / "so-khoa-hoc-va-cong-nghe_kh-skhcn.txt").read_text(encoding="utf-8")
    assert "DV504" in text and "\x1b[" not in text


def test_compare_shows_scores_then_and_now_and_what_was_fixed(received, tmp_path):
    previous = tmp_path / "quy-2.json"
    run_cli("score", str(received), "--json", str(previous))  # last quarter, in Vietnamese
    run_cli("check", "--fix", str(received / "dak-nong-2023-ke-hoach-dvcq.yaml"))
    proc = run_cli("score", str(received), "--compare", str(previous), "--lang", "en")
    block = proc.stdout.split("Compared with the previous run", 1)[1]
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ · UBND TỈNH ĐĂK NÔNG · KẾ HOẠCH: 80 → 84 (fixed 4, new 0)" in block
    assert "SỞ NỘI VỤ · UBND TỈNH HƯNG YÊN · KẾ HOẠCH: 100 → 100 (fixed 0, new 0)" in block
    assert block.count("    - DV504") == 4 and "    + " not in block


def test_progress_bar_on_a_terminal_only(received):
    """On a terminal stderr shows files done, files per second and failures; piped, nothing."""
    import os
    import pty
    import subprocess
    import sys

    from conftest import ROOT

    piped = run_cli("score", str(received), "--lang", "en")
    assert "files/s" not in piped.stderr and piped.stderr == ""
    master, slave = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "dvlint", "score", str(received), "--lang", "en"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=120)
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert "Scoring" in text and "10/10" in text and "files/s" in text and "unreadable: 4" in text


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    assert found, "headless Chromium is needed (bash .ci/run installs Debian's chromium)"
    return found


def _browser(tmp_path, *args):
    import subprocess

    return subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'chromium'}",
                           *args], capture_output=True, text=True, timeout=120)


def test_html_page_in_headless_chromium(received, tmp_path):
    """The page opens offline in a real browser, has a row per file, and sorts by score."""
    import re

    page = tmp_path / "quy-3.html"
    run_cli("score", str(received), "--html", str(page), "--lang", "en")
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?https?:""", html) and "@import" not in html  # nothing fetched
    shot = tmp_path / "page.png"
    _browser(tmp_path, f"--screenshot={shot}", "--window-size=1400,1000", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    for direction in ("asc", "desc"):
        dom = _browser(tmp_path, "--dump-dom", f"{page.as_uri()}#sort=score-{direction}").stdout
        assert f'data-sorted="score-{direction}"' in dom  # the script ran in the browser
        rows = re.findall(r'<tr id="row-\d+" class="report[^"]*">(.*?)</tr>', dom)
        assert len(rows) == 10
        scores = [float(s) for s in (re.findall(r'<td class="num">([^<]*)</td>', row)[1] for row in rows) if s]
        assert scores == sorted(scores, reverse=direction == "desc") and len(scores) == 6
    assert dom.count("<details ") == 10 and dom.count('class="bin"') == 10
    assert "Problems that cost the most points" in dom and "DV504" in dom.split('id="frequent"')[1]


def test_an_unreadable_previous_run_is_refused_before_scoring(received, tmp_path):
    proc = run_cli("score", str(received), "--compare", str(tmp_path / "missing.json"), "--lang", "en")
    assert proc.returncode == 2 and "cannot read the previous results" in proc.stderr
    assert "Checked" not in proc.stdout  # nothing was scored in vain


def test_spilled_results_read_back_in_order_and_side_by_side(tmp_path):
    """Score keeps results on disk; reading them back must give the same results, however iterated."""
    from dvlint.app.runner import Checker
    from dvlint.staff.spill import SpilledResults

    for name in SEEDS:
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "broken.yaml").write_text("document: [\n", encoding="utf-8")
    in_memory = Checker({}).run([tmp_path])
    with SpilledResults(budget=0) as store:
        spilled = Checker({}).run([tmp_path], store=store)
        assert len(spilled.reports) == 4 and store.spilled == 4
        assert [(r.path, r.findings, r.identity, r.error and r.error.message.en) for r in spilled.reports] == \
               [(r.path, r.findings, r.identity, r.error and r.error.message.en) for r in in_memory.reports]
        pairs = [(a.path, b.path) for a in spilled.reports for b in spilled.reports]  # two readers at once
        assert pairs == [(a.path, b.path) for a in in_memory.reports for b in in_memory.reports]
        assert spilled.reports[2].path == in_memory.reports[2].path
        assert spilled.count("warning") == in_memory.count("warning") > 0 and spilled.load_errors == 1


def test_results_stay_in_memory_up_to_the_budget_and_go_to_disk_past_it(tmp_path):
    """Below the budget nothing is pickled (reading results back was a tenth of a 1,000-report score);
    past it the later results go to disk, and the whole reads back in order either way."""
    from dvlint.app.runner import Checker
    from dvlint.staff.spill import SpilledResults, footprint

    for name in SEEDS:
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "broken.yaml").write_text("document: [\n", encoding="utf-8")
    in_memory = Checker({}).run([tmp_path])
    first_two = footprint(in_memory.reports[0]) + footprint(in_memory.reports[1])
    for budget, on_disk in ((10**9, 0), (first_two, 2)):
        with SpilledResults(budget=budget) as store:
            run = Checker({}).run([tmp_path], store=store)
            assert store.spilled == on_disk and len(run.reports) == 4
            assert [(r.path, r.findings, r.identity) for r in run.reports] == \
                   [(r.path, r.findings, r.identity) for r in in_memory.reports]
            assert run.reports[-1].path == in_memory.reports[-1].path and run.reports[1].path == in_memory.reports[1].path


def test_streamed_json_is_the_json_format_to_the_character():
    import io

    from dvlint.engine.core import RunResult
    from dvlint.output import OutputOptions
    from dvlint.output.json_format import render, write_stream
    from dvlint.app.runner import Checker

    for run in (Checker({}).run([FIXTURES]), Checker({}).run([FIXTURES / "clean-state-plan.yaml"]), RunResult()):
        streamed = io.StringIO()
        write_stream(run, "en", streamed)
        assert streamed.getvalue() == render(run, OutputOptions(lang="en"))


def test_worker_processes_follow_each_folders_configuration(tmp_path):
    """Workers start from the engine the parent built for the first folder; a folder with its own
    configuration still gets its own rules (here: one folder ignores DV1, the other does not)."""
    quiet, plain = tmp_path / "a-quiet", tmp_path / "b-plain"
    for folder in (quiet, plain):
        folder.mkdir()
        for i in range(25):
            shutil.copy(FIXTURES / "dak-nong-2023-ke-hoach-dvcq.yaml", folder / f"{i:02d}.yaml")
    (quiet / "dvlint.toml").write_text('ignore = ["DV1"]\n', encoding="utf-8")
    proc = run_cli("check", str(tmp_path), "-j", "2", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    codes = {Path(r["path"]).parent.name: {f["code"][:3] for f in r["findings"]}
             for r in json.loads(proc.stdout)["reports"]}
    assert "DV1" not in codes["a-quiet"] and "DV1" in codes["b-plain"], codes


def _report_of(agency: str | None = None, number: str | None = None, date: str | None = None) -> str:
    """The clean state report, with what it says of its agency, number and date replaced (YAML double-quoted)."""
    text = (FIXTURES / "clean-state-report.yaml").read_text(encoding="utf-8")
    for field, old, new in (("name", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", agency), ("number", '"Số: 85/BC-SKHCN"', number),
                            ("date", "ngày 15 tháng 12 năm 2022", date)):
        if new is not None:
            text = text.replace(f"{field}: {old}", f"{field}: {json.dumps(new)}", 1)
    return text


def test_report_text_never_becomes_a_formula_in_the_csv_or_the_workbook(tmp_path):
    """Agencies send what they like: text that a spreadsheet would run (=, +, -, @, a leading tab) stays text."""
    import subprocess

    import openpyxl

    folder = tmp_path / "received"
    folder.mkdir()
    link = '=HYPERLINK("http://example.invalid/","Mở")'
    (folder / "=1+1.yaml").write_text(_report_of(agency=link, number="@SUM(1+1)", date="-1+1"), encoding="utf-8")
    (folder / "\t=1+1.yaml").write_text(_report_of(agency="=1+1"), encoding="utf-8")
    (folder / "+1+1.yaml").write_text(_report_of(), encoding="utf-8")
    proc = run_cli("score", ".", "--lang", "en", "--csv", str(tmp_path / "r.csv"), "--xlsx", str(tmp_path / "r.xlsx"),
                   cwd=folder)
    assert proc.returncode in (0, 1), proc.stderr
    rows = {r["File"]: r for r in read_csv(tmp_path / "r.csv")}
    assert set(rows) == {"'=1+1.yaml", "'\t=1+1.yaml", "'+1+1.yaml"}  # file names are text from the sender too
    crafted = rows["'=1+1.yaml"]
    assert (crafted["Agency"], crafted["Number"], crafted["Date"]) == ("'" + link, "'@SUM(1+1)", "'-1+1")
    assert rows["'\t=1+1.yaml"]["Agency"] == "'=1+1" and rows["'+1+1.yaml"]["Score"] == "100"
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    heading, *cells = book["Ranking"].iter_rows()
    by_file = {row[-1].value: dict(zip((c.value for c in heading), row)) for row in cells}
    assert set(by_file) == {"=1+1.yaml", "\t=1+1.yaml", "+1+1.yaml"}
    texts = [by_file["=1+1.yaml"][k] for k in ("Agency", "Number", "Date", "File")] + \
            [by_file["\t=1+1.yaml"]["Agency"], by_file["\t=1+1.yaml"]["File"], by_file["+1+1.yaml"]["File"]]
    assert [(c.value, c.data_type) for c in texts] == [(link, "s"), ("@SUM(1+1)", "s"), ("-1+1", "s"), ("=1+1.yaml", "s"),
                                                       ("=1+1", "s"), ("\t=1+1.yaml", "s"), ("+1+1.yaml", "s")]
    score = by_file["+1+1.yaml"]["Score"]
    assert score.data_type == "n" and score.value == 100  # what dvlint computes stays a number
    findings = list(book["Findings"].iter_rows(min_row=2))
    assert {(row[1].value, row[1].data_type) for row in findings} == {(link, "s")}
    # As a clerk opens it: LibreOffice Calc shows the text, it does not compute it.
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice Calc is needed (bash .ci/run installs libreoffice-calc-nogui)"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(tmp_path / "calc"),
                    str(tmp_path / "r.xlsx")], check=True, capture_output=True, timeout=180)
    calc = {r["File"]: r for r in read_csv(tmp_path / "calc" / "r.csv")}
    assert calc["\t=1+1.yaml"]["Agency"] == "=1+1" and calc["=1+1.yaml"]["Agency"] == link


def test_file_and_agency_names_that_cannot_be_written_as_they_are_are_escaped_in_every_export(tmp_path):
    """A file name that is not UTF-8 and a control character in an agency's name: every export is written,
    with the name's escape text (\\xff, \\x01) where the character was."""
    import os

    import openpyxl

    folder = tmp_path / "received"
    folder.mkdir()
    (folder / "ctrl.yaml").write_text(_report_of(agency="SỞ\x01 NỘI VỤ", number="Số: 7/BC-SNV"), encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"bao-cao-\xff.yaml"), "wb") as handle:
        handle.write(_report_of().encode("utf-8"))
    out = tmp_path / "out"
    out.mkdir()
    previous = tmp_path / "previous.json"
    first = run_cli("score", str(folder), "--json", str(previous))
    assert first.returncode == 0, first.stderr
    proc = run_cli("score", str(folder), "--lang", "en", "--csv", str(out / "r.csv"), "--xlsx", str(out / "r.xlsx"),
                   "--html", str(out / "r.html"), "--json", str(out / "r.json"), "--per-agency", str(out / "replies"),
                   "--compare", str(previous))
    assert proc.returncode == 0, proc.stderr
    file_name, agency = r"bao-cao-\xff.yaml", r"SỞ\x01 NỘI VỤ"
    assert file_name in proc.stdout and agency in proc.stdout and "\x01" not in proc.stdout  # table and comparison
    assert proc.stdout.split("Compared with the previous run", 1)[1].count(agency) == 1
    rows = read_csv(out / "r.csv")
    assert {Path(r["File"]).name for r in rows} == {file_name, "ctrl.yaml"} and agency in {r["Agency"] for r in rows}
    ranking = [[c.value for c in row] for row in openpyxl.load_workbook(out / "r.xlsx")["Ranking"].iter_rows(min_row=2)]
    assert {Path(row[-1]).name for row in ranking} == {file_name, "ctrl.yaml"} and agency in {row[1] for row in ranking}
    html = (out / "r.html").read_text(encoding="utf-8")
    assert file_name in html and agency in html and "\x01" not in html
    exported = json.loads((out / "r.json").read_text(encoding="utf-8"))["reports"]
    assert {Path(r["path"]).name for r in exported} == {file_name, "ctrl.yaml"}
    replies = sorted(p.name for p in (out / "replies").iterdir())
    assert replies == ["so-khoa-hoc-va-cong-nghe_85-bc-skhcn.json", "so-khoa-hoc-va-cong-nghe_85-bc-skhcn.txt",
                       "so-noi-vu_7-bc-snv.json", "so-noi-vu_7-bc-snv.txt"]
    assert file_name in (out / "replies" / "so-khoa-hoc-va-cong-nghe_85-bc-skhcn.txt").read_text(encoding="utf-8")


def test_per_agency_files_never_replace_one_another_and_keep_short_names(tmp_path):
    """Three folders each with a report of the same agency and number in a file of the same name, and an agency
    with a 400-letter name."""
    folder = tmp_path / "received"
    for sub in ("thang-10", "thang-11", "thang-12"):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "bao-cao.yaml").write_text(_report_of(), encoding="utf-8")
    (folder / "dai.yaml").write_text(_report_of(agency="SỞ " + "NỘI VỤ " * 57), encoding="utf-8")
    out = tmp_path / "replies"
    proc = run_cli("score", str(folder), "--per-agency", str(out))
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 * 4
    assert all(len(name.encode("utf-8")) <= 120 for name in names), names
    same = [n for n in names if n.startswith("so-khoa-hoc-va-cong-nghe_85-bc-skhcn") and n.endswith(".json")]
    assert len(same) == 3 and "so-khoa-hoc-va-cong-nghe_85-bc-skhcn.json" in same
    sources = {json.loads((out / n).read_text(encoding="utf-8"))["path"] for n in same}
    assert {Path(s).parent.name for s in sources} == {"thang-10", "thang-11", "thang-12"}  # each its own reply
    assert any(n.startswith("so-noi-vu-noi-vu-") for n in names)


# --- the commission's page: what leadership reads ------------------------------------------------------------------

ABBREVIATED = "Đẩy mạnh CCHC, TTHC, QCDC, DVCQ, CBCCVC và CNTT trong năm."  # six abbreviations never spelled out
WITH_INFO = ["--select", "DV1,DV2,DV3,DV4,DV5,DV6,DV7,DV8,DV704"]  # DV704 (informational, 0 points) is opt-in


@pytest.fixture
def quarter(received):
    """The received folder, plus a list that is no administrative document and a report whose most frequent
    finding is informational (DV704, six times, 0 points)."""
    (received / "danh-sach.txt").write_text("DANH SÁCH\nCÁC ĐƠN VỊ ĐƯỢC KHEN THƯỞNG\n\n1. Sở Nội vụ\n2. Sở Tài chính\n",
                                            encoding="utf-8")
    text = (FIXTURES / "clean-state-report.yaml").read_text(encoding="utf-8")
    (received / "viet-tat.yaml").write_text(
        text.replace("Công tác dân vận chính quyền được triển khai đồng bộ, kịp thời.", ABBREVIATED), encoding="utf-8")
    return received


def _page(folder, tmp_path, *args):
    """Score ``folder`` into an HTML page; the page's text and the run."""
    page = tmp_path / "trang.html"
    proc = run_cli("score", str(folder), "--html", str(page), *WITH_INFO, *args)
    assert proc.returncode == 2, proc.stderr  # the unreadable files
    return page.read_text(encoding="utf-8"), page


def _section(html: str, element_id: str) -> str:
    """The element with this id, up to its closing tag (tables and paragraphs here do not nest)."""
    import re

    match = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, element_id
    return match.group(2)


def _cells(html_fragment: str) -> list[list[str]]:
    """The text of each row's cells (th or td), tags removed."""
    import re
    from html import unescape

    return [[unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html_fragment, re.S)]


def test_page_heading_names_the_period_the_unit_the_run_date_and_what_became_of_the_files(quarter, tmp_path):
    import datetime as dt

    before = dt.date.today()
    html, _ = _page(quarter, tmp_path, "--title", "Kết quả chấm điểm báo cáo công tác dân vận",
                    "--period", "Quý III năm 2026", "--unit", "Ban Dân vận Tỉnh ủy")
    days = {f"{day:%d/%m/%Y}" for day in (before, dt.date.today())}
    assert _section(html, "title") == "Kết quả chấm điểm báo cáo công tác dân vận"
    assert _section(html, "unit") == "Ban Dân vận Tỉnh ủy" and "Quý III năm 2026" in _section(html, "period")
    assert _section(html, "run-date").split(": ")[1] in days
    files = {key: _section(html, f"files-{key}") for key in ("received", "read", "unreadable", "not-documents")}
    assert files == {"received": "12", "read": "7", "unreadable": "4", "not-documents": "1"}
    assert "Không phải văn bản hành chính" in _section(html, "files")


def test_page_heading_from_the_configuration_and_overridden_by_the_options(quarter, tmp_path):
    config = tmp_path / "ban-dan-van.toml"
    config.write_text('[score]\ntitle = "Chấm điểm báo cáo dân vận"\nperiod = "6 tháng đầu năm 2026"\n'
                      'unit = "Ban Dân vận Huyện ủy"\n', encoding="utf-8")
    html, _ = _page(quarter, tmp_path, "--config", str(config))
    assert _section(html, "title") == "Chấm điểm báo cáo dân vận" and "<title>Chấm điểm báo cáo dân vận</title>" in html
    assert "6 tháng đầu năm 2026" in _section(html, "period") and _section(html, "unit") == "Ban Dân vận Huyện ủy"
    html, _ = _page(quarter, tmp_path, "--config", str(config), "--period", "Quý IV năm 2026")
    assert "Quý IV năm 2026" in _section(html, "period") and _section(html, "unit") == "Ban Dân vận Huyện ủy"
    plain, _ = _page(quarter, tmp_path)
    assert _section(plain, "title") == "Kết quả chấm điểm báo cáo" and 'id="period"' not in plain


def test_page_summary_figures_and_agencies_with_several_reports(quarter, tmp_path):
    html, _ = _page(quarter, tmp_path)
    head, values = _cells(_section(html, "summary"))
    summary = dict(zip(head, values))
    # scores: 100, 100, 100, 100 (viet-tat: infos cost nothing), 82, 80, 79
    assert summary["Điểm trung bình"] == "91.6" and summary["Điểm trung vị"] == "100"
    assert summary["Số báo cáo có lỗi"] == "3"
    assert [(g, summary[g]) for g in ("Hoàn thành xuất sắc", "Hoàn thành tốt", "Hoàn thành", "Không hoàn thành")] == \
        [("Hoàn thành xuất sắc", "4"), ("Hoàn thành tốt", "3"), ("Hoàn thành", "0"), ("Không hoàn thành", "0")]
    agencies = _cells(_section(html, "agencies"))
    assert agencies[1:] == [["SỞ KHOA HỌC VÀ CÔNG NGHỆ", "5", "88.2", "79", "100"]]  # the only agency sending several
    assert "Số báo cáo" in html.split('id="histogram"')[1].split("</svg>")[0]  # the axes are labelled
    assert "90–100" in html.split('id="histogram"')[1].split("</svg>")[0]


def test_page_problems_weighted_by_points_without_informational_findings_in_vietnamese(quarter, tmp_path):
    html, _ = _page(quarter, tmp_path)
    head, *rows = _cells(_section(html, "frequent"))
    assert head == ["Mã", "Quy tắc", "Mức", "Điểm bị trừ", "Số phát hiện", "Số báo cáo"]
    assert html.count("DV704 (thông tin)") == 6  # found six times, its severity in words, in the report's details ...
    assert all(row[0] != "DV704" for row in rows)  # ... for 0 points: not a problem leadership chases
    assert rows[0][:4] == ["DV101", "Văn bản phải có số, ký hiệu; để trống số là bản nháp", "cảnh báo", "9"]
    points = [float(row[3]) for row in rows]
    assert points == sorted(points, reverse=True) and {"lỗi", "cảnh báo"} >= {row[2] for row in rows}
    assert "number-present" not in html and "abbreviation-defined" not in html  # no English slugs


def test_page_names_templates_writes_dates_as_documents_do_and_lists_details_in_ranking_order(quarter, tmp_path):
    import re

    html, _ = _page(quarter, tmp_path, "--sort", "agency")
    ranking = _cells(_section(html, "ranking"))
    columns = ranking[0]
    by_file = {row[-1].rsplit("/", 1)[-1]: dict(zip(columns, row)) for row in ranking[1:]}
    assert by_file["clean-party-report.yaml"]["Mẫu"] == "Báo cáo công tác dân vận của cấp ủy"
    assert by_file["clean-state-report.yaml"]["Ngày"] == "15/12/2022"
    assert by_file["hung-yen-2024-qcdc-9-thang.yaml"]["Ngày"] == "chưa ghi ngày"  # "ngày tháng năm 2024"
    assert not re.search(r">\d{4}-\d{2}-\d{2}<", html) and "party-periodic-report" not in html
    assert "ngày tháng năm" not in _section(html, "ranking")
    # Details: by rank whatever the table's order, each linking back to its row and its row to it.
    row_ids = re.findall(r'<tr id="(row-\d+)"', html)
    details = re.findall(r'<details id="report-(\d+)"><summary>([^<]*)</summary><p><a href="#row-(\d+)"', html)
    assert len(details) == len(row_ids) == 12
    assert all(own == back and f"row-{own}" in row_ids and f'href="#report-{own}"' in html for own, _, back in details)
    ranks = [int(m.group(1)) for m in (re.match(r"Hạng (\d+)", summary) for _, summary, _ in details) if m]
    assert ranks == list(range(1, 8)) and all(not re.match("Hạng", s) for _, s, _ in details[7:])
    ranked_rows = [row["Hạng"] for row in by_file.values()]
    assert [r for r in ranked_rows if r] != sorted((r for r in ranked_rows if r), key=int)  # the table is by agency


def test_page_in_english(quarter, tmp_path):
    html, _ = _page(quarter, tmp_path, "--lang", "en", "--period", "Q3 2026")
    assert _section(html, "title") == "Report scores" and "Reporting period: Q3 2026" in _section(html, "period")
    assert "Files received" in _section(html, "files") and "Not administrative documents" in _section(html, "files")
    head, values = _cells(_section(html, "summary"))
    assert head[:3] == ["Mean score", "Median score", "Reports with errors"] and "Excellent" in head
    head, *rows = _cells(_section(html, "frequent"))
    assert head == ["Code", "Rule", "Severity", "Points lost", "Findings", "Reports"]
    assert rows[0][:3] == ["DV101", "The document must have a number and symbol; a blank number marks a draft", "warning"]
    ranking = _cells(_section(html, "ranking"))
    dates = {row[-1].rsplit("/", 1)[-1]: row[3] for row in ranking[1:]}
    assert dates["clean-state-report.yaml"] == "15/12/2022" and dates["hung-yen-2024-qcdc-9-thang.yaml"] == "no date"
    assert "Rank 1 · " in html and "back to its row in the ranking" in html


def _pdf_words(pdf: Path, page: int) -> tuple[float, list[tuple[str, float, float, float, float]]]:
    """The page's width and its words with their boxes (text, xMin, yMin, xMax, yMax), read by pdftotext -bbox."""
    import re
    import subprocess
    from html import unescape

    found = shutil.which("pdftotext")
    assert found, "pdftotext is needed (Debian's poppler-utils)"
    out = subprocess.run([found, "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))
    words = [(unescape(text), *map(float, box)) for *box, text in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)]
    return width, words


def _headings_on_page(words, width: float, headings: list[str], first: str):
    """Each heading's words found on the header line that starts with ``first``, all inside the page's margins."""
    top = next(w for w in words if w[0] == first)[2]
    line = [w for w in words if abs(w[2] - top) < 30]  # a heading may wrap onto a second line of its cell
    for heading in headings:
        for word in heading.split():
            assert any(w[0] == word and 20 <= w[1] and w[3] <= width - 20 for w in line), (heading, word)  # margins
    return top


def test_page_prints_on_a4_with_the_title_above_the_ranking(quarter, tmp_path):
    """Printed by Chromium: A4, the title above the ranking on page 1, every column heading inside the page."""
    html, page = _page(quarter, tmp_path, "--unit", "Ban Dân vận Tỉnh ủy")
    pdf = tmp_path / "trang.pdf"
    _browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    width, words = _pdf_words(pdf, 1)
    assert round(width) == 595  # A4 portrait, in points
    headings = _cells(_section(html, "ranking"))[0]
    top = _headings_on_page(words, width, headings, "Hạng")
    title = [w for w in words if w[0] == "Kết"]
    assert title and title[0][4] < top  # "Kết quả chấm điểm báo cáo" above the table


# --- the workbook: what the clerks filter and print ----------------------------------------------------------------


def test_workbook_sheets_are_fitted_filtered_frozen_and_set_up_to_print(quarter, tmp_path):
    import datetime as dt

    import openpyxl

    book_path = tmp_path / "quy-3.xlsx"
    proc = run_cli("score", str(quarter), "--xlsx", str(book_path), *WITH_INFO)
    assert proc.returncode == 2, proc.stderr
    book = openpyxl.load_workbook(book_path)
    assert "DV2 ngày tháng, kỳ báo cáo" in book.sheetnames  # "... và trích dẫn" cut where a phrase ends, not mid-word
    assert "DV7 chính tả, tên riêng" in book.sheetnames and all(len(name) <= 31 for name in book.sheetnames)
    for sheet in book.worksheets:
        last = openpyxl.utils.get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        assert sheet.freeze_panes == "A2" and sheet.print_title_rows == "$1:$1", sheet.title
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    ranking = book["Xếp hạng"]
    heading = [c.value for c in ranking[1]]
    rows = {row[-1].value.rsplit("/", 1)[-1]: dict(zip(heading, row)) for row in ranking.iter_rows(min_row=2)}
    date = rows["clean-state-report.yaml"]["Ngày"]
    assert (date.value, date.number_format) == (dt.datetime(2022, 12, 15), "DD/MM/YYYY")  # a date, shown as on paper
    assert rows["hung-yen-2024-qcdc-9-thang.yaml"]["Ngày"].value == "chưa ghi ngày"
    score = rows["hung-yen-2024-qcdc-9-thang.yaml"]["Điểm"]
    assert (score.value, score.data_type, score.number_format) == (82, "n", "0.0")
    assert rows["clean-party-report.yaml"]["Mẫu"].value == "Báo cáo công tác dân vận của cấp ủy"
    agency = rows["clean-party-report.yaml"]["Cơ quan"]
    assert agency.data_type == "s" and agency.alignment.wrap_text  # a long column wraps its text
    widths = {title: ranking.column_dimensions[openpyxl.utils.get_column_letter(i)].width
              for i, title in enumerate(heading, 1)}
    assert widths["Hạng"] <= 8 and widths["Số, ký hiệu"] == len("Số: 85/BC-SKHCN") + 2 and widths["Cơ quan"] == 32
    assert rows["broken.yaml"]["Xếp loại"].alignment.wrap_text  # the reason a file is unreadable, wrapped
    findings = book["Phát hiện"]
    columns = [c.value for c in findings[1]]
    lines = [dict(zip(columns, (c.value for c in row))) for row in findings.iter_rows(min_row=2)]
    assert {line["Mức"] for line in lines} == {"lỗi", "cảnh báo", "thông tin"}
    dv704 = next(line for line in lines if line["Mã"] == "DV704")
    assert dv704["Quy tắc"] == "Chữ viết tắt được viết đầy đủ, kèm chữ viết tắt trong ngoặc, ở lần dùng đầu tiên"
    assert not any("-" in (line["Quy tắc"] or "") and " " not in line["Quy tắc"] for line in lines)  # no slugs
    family = book["DV5 nơi nhận và kính gửi"]
    assert [c.value for c in family[1]] == ["Mã", "Quy tắc", "Số phát hiện", "Số báo cáo"]
    assert ("DV504", "Mỗi dòng nơi nhận bắt đầu bằng '- ' và kết thúc bằng ';' (văn bản Đảng: ','); dòng cuối kết "
            "thúc bằng '.'", 4, 1) in list(family.iter_rows(min_row=2, values_only=True))


def test_workbook_ranking_prints_on_one_page_wide_in_libreoffice_calc(quarter, tmp_path):
    """Printed by LibreOffice Calc to PDF: landscape A4, and page 1 (the ranking) has every column heading."""
    import subprocess

    import openpyxl

    book_path = tmp_path / "quy-3.xlsx"
    run_cli("score", str(quarter), "--xlsx", str(book_path))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice Calc is needed (bash .ci/run installs libreoffice-calc-nogui)"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(book_path)],
                   check=True, capture_output=True, timeout=180)
    width, words = _pdf_words(tmp_path / "pdf" / "quy-3.pdf", 1)
    assert round(width) == 842  # A4 landscape, in points
    headings = [c.value for c in openpyxl.load_workbook(book_path)["Xếp hạng"][1]]
    _headings_on_page(words, width, headings, "Hạng")


# --- the presentation sub-score beside the score (issue 20) -------------------------------------------------------

LOOKS_RULE = '''from dvlint import Problem, rule


@rule("DV899", "looks-stand-in", vi="x", en="x", severity="warning", weight=4)
def looks(document):
    """A DV8 rule that needs no .docx: it stands in for the presentation rules on a YAML report."""
    if "86/" in (document.number or ""):
        yield Problem(document.field_path("number"), vi="trình bày", en="looks")
        yield Problem(document.path, vi="trình bày 2", en="looks 2")
'''


@pytest.fixture
def with_looks(tmp_path):
    """Two reports (one the stand-in DV8 rule finds fault with, one it does not) and a configuration loading the
    rule; and a third folder of a report the rule does not run on."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "looks.py").write_text(LOOKS_RULE, encoding="utf-8")
    (tmp_path / "dvlint.toml").write_text('rules = ["rules"]\n', encoding="utf-8")
    folder = tmp_path / "received"
    folder.mkdir()
    (folder / "plain.yaml").write_text(_report_of(), encoding="utf-8")
    (folder / "looks.yaml").write_text(_report_of(number="Số: 86/BC-SKHCN"), encoding="utf-8")
    return folder, tmp_path / "dvlint.toml"


def test_the_presentation_column_in_the_ranking_the_csv_the_workbook_and_the_page(with_looks, tmp_path):
    """Every DV8 finding counts in the score under the family cap (5); the sub-score stands beside it, per-rule
    capped only; the ranking stays by the score."""
    import openpyxl

    folder, config = with_looks
    out = tmp_path / "out"
    proc = run_cli("score", str(folder), "--config", str(config), "--lang", "en", "--csv", str(out) + ".csv",
                   "--xlsx", str(out) + ".xlsx", "--html", str(out) + ".html", "-j", "2")  # scores cross processes
    assert proc.returncode in (0, 1), proc.stderr
    rows = {r["File"].rsplit("/", 1)[-1]: r for r in read_csv(str(out) + ".csv")}
    assert (rows["looks.yaml"]["Score"], rows["looks.yaml"]["Presentation"]) == ("95", "92")  # 8 points, capped to 5
    assert rows["plain.yaml"]["Presentation"] == "100" and rows["plain.yaml"]["Rank"] == "1"
    heading = proc.stdout.splitlines()[0]
    assert heading.index("Grade") < heading.index("Presentation") < heading.index("Errors")
    book = openpyxl.load_workbook(str(out) + ".xlsx")
    heading, *cells = book["Ranking"].iter_rows()
    by_file = {row[-1].value.rsplit("/", 1)[-1]: dict(zip((c.value for c in heading), row)) for row in cells}
    looks = by_file["looks.yaml"]["Presentation"]
    assert (looks.value, looks.data_type) == (92, "n")
    page = Path(str(out) + ".html").read_text(encoding="utf-8")
    ranking = _cells(_section(page, "ranking"))
    column = ranking[0].index("Presentation")
    assert sorted(row[column] for row in ranking[1:]) == ["100", "92"]
    assert 'data-key="presentation" data-type="num"' in page


def test_presentation_not_checked_is_a_dash_on_the_page_and_empty_in_the_exports(tmp_path):
    """A report that is no .docx: the DV8xx rules did not run on it; it is neither 0 nor 100."""
    import openpyxl

    folder = tmp_path / "received"
    folder.mkdir()
    (folder / "a.yaml").write_text(_report_of(), encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("score", str(folder), "--csv", str(out) + ".csv", "--xlsx", str(out) + ".xlsx",
                   "--html", str(out) + ".html", "--json", str(out) + ".json")
    assert proc.returncode == 0, proc.stderr
    [row] = read_csv(str(out) + ".csv")
    assert row["Trình bày"] == "" and row["Điểm"] == "100"
    book = openpyxl.load_workbook(str(out) + ".xlsx")
    heading, first = book["Xếp hạng"].iter_rows()
    assert dict(zip((c.value for c in heading), (c.value for c in first)))["Trình bày"] is None
    ranking = _cells(_section(Path(str(out) + ".html").read_text(encoding="utf-8"), "ranking"))
    assert ranking[1][ranking[0].index("Trình bày")] == "—"
    [report] = json.loads(Path(str(out) + ".json").read_text(encoding="utf-8"))["reports"]
    assert (report["presentation_score"], report["presentation_checked"]) == (None, False)


def test_a_docx_and_a_yaml_report_side_by_side(tmp_path):
    """The .docx has its presentation sub-score, a number in the workbook; the YAML report has none."""
    import openpyxl

    folder = tmp_path / "received"
    folder.mkdir()
    shutil.copy(Path(__file__).parent / "bad_inputs" / "files" / "valid.docx", folder / "valid.docx")
    (folder / "a.yaml").write_text(_report_of(), encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("score", str(folder), "--lang", "en", "--csv", str(out) + ".csv", "--xlsx", str(out) + ".xlsx")
    assert proc.returncode in (0, 1), proc.stderr
    rows = {r["File"].rsplit("/", 1)[-1]: r for r in read_csv(str(out) + ".csv")}
    assert 0 <= float(rows["valid.docx"]["Presentation"]) < 100 and rows["a.yaml"]["Presentation"] == ""
    book = openpyxl.load_workbook(str(out) + ".xlsx")
    heading, *cells = book["Ranking"].iter_rows()
    by_file = {row[-1].value.rsplit("/", 1)[-1]: dict(zip((c.value for c in heading), row)) for row in cells}
    assert by_file["valid.docx"]["Presentation"].data_type == "n" and by_file["a.yaml"]["Presentation"].value is None

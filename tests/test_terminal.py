"""What a clerk sees in the terminal (issue 19): a window of a long line, once per line; paragraphs of a
.docx named in words; --quiet, --statistics, standard input, English plurals; missing files and empty folders."""

from __future__ import annotations

from pathlib import Path

import docx

from conftest import FIXTURES, SEEDS, run_cli
from docx_corpus import state_report

DONG_THAP = str(FIXTURES / "dong-thap-2020-tong-ket-10-nam-290.yaml")
CLEAN = str(FIXTURES / "clean-state-report.yaml")
FILLER = " ".join(["Sở tiếp tục quán triệt, tuyên truyền sâu rộng đến cán bộ, công chức, viên chức."] * 25)


def long_paragraph_report(tmp_path: Path) -> Path:
    """The Đắk Nông seed with one paragraph made over 2,000 characters long, two repeated words at its end."""
    lines = (SEEDS / "dak-nong-2023-ke-hoach-dvcq.md").read_text(encoding="utf-8").split("\n")
    lines[14] += f" {FILLER} Sở phối hợp, nhất là trong thực hiện thực hiện quy chế dân chủ dân chủ ở cơ sở."
    path = tmp_path / "long.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_long_line_shows_a_window_around_the_column_once(tmp_path):
    path = long_paragraph_report(tmp_path)
    proc = run_cli("check", str(path), "--select", "DV701")
    lines = proc.stdout.splitlines()
    assert [line.split()[1] for line in lines if line.startswith(f"{path}:15:")] == ["DV701", "DV701"]
    source = [line for line in lines if line.startswith("   15 | ")]
    assert len(source) == 1  # the line once, under both findings
    assert source[0].startswith("   15 | …") and source[0].endswith("dân chủ ở cơ sở.") and len(source[0]) <= 100
    caret_line = lines[lines.index(source[0]) + 1]
    assert caret_line.count("^") == 2
    window = source[0]
    assert window[caret_line.index("^"):].startswith("thực hiện quy chế")  # the repeated words, under each caret
    assert window[caret_line.rindex("^"):].startswith("dân chủ ở cơ sở")
    assert len(proc.stdout) < 1000  # the 2,100-character paragraph is not printed


def test_the_window_fits_the_terminal_width(tmp_path):
    path = long_paragraph_report(tmp_path)
    proc = run_cli("check", str(path), "--select", "DV701", env={"COLUMNS": "60"})
    source = next(line for line in proc.stdout.splitlines() if line.startswith("   15 | "))
    assert len(source) <= 60 and source.startswith("   15 | …")


def test_a_document_level_finding_prints_no_source_line_and_no_caret(tmp_path):
    lines = (SEEDS / "dak-nong-2023-ke-hoach-dvcq.md").read_text(encoding="utf-8").split("\n")
    path = tmp_path / "no-recipients.md"
    path.write_text("\n".join(line for line in lines[:100]), encoding="utf-8")  # cut before "Noi nhậm:"
    proc = run_cli("check", str(path), "--select", "DV501")
    lines = proc.stdout.splitlines()
    assert lines[0] == f"{path} DV501 [lỗi] Thiếu phần Nơi nhận"
    assert lines[1].startswith(f"{path}: Điểm:")  # no "    1 | ", no caret


def test_docx_findings_name_the_paragraph_and_quote_the_words(tmp_path):
    path = state_report(tmp_path / "report.docx")
    document = docx.Document(str(path))
    paragraph = next(p for p in document.paragraphs if len(p.text) > 80)
    paragraph.add_run(f" {FILLER} Sở phối hợp trong thực hiện thực hiện quy chế dân chủ.")
    document.save(str(path))
    proc = run_cli("check", str(path), "--select", "DV701", "--lang", "en")
    lines = proc.stdout.splitlines()
    header = next(line for line in lines if " DV701 " in line)
    assert header.startswith(f"{path} (paragraph ") and ":" not in header[len(str(path)):].split(" DV701")[0]
    quote, caret = lines[lines.index(header) + 1], lines[lines.index(header) + 2]
    assert quote.startswith("        | …") and len(quote) <= 100
    assert quote[caret.index("^"):].startswith("thực hiện")


def test_quiet_prints_only_the_findings_and_keeps_the_exit_code():
    proc = run_cli("check", DONG_THAP, "--quiet")
    assert proc.returncode == 1
    assert "DV101" in proc.stdout and "Điểm" not in proc.stdout and "Đã kiểm tra" not in proc.stdout
    clean = run_cli("check", CLEAN, "-q")
    assert (clean.returncode, clean.stdout) == (0, "")


def test_statistics_count_the_findings_per_rule():
    proc = run_cli("check", DONG_THAP, "--statistics", "--lang", "en")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == "    3  DV208    [warning] citation-consistent"
    assert "    1  DV209    [error] appendix-reference" in lines
    assert lines[-1] == "Checked 1 report: 1 error, 8 warnings, 0 infos"
    assert "^" not in proc.stdout
    refused = run_cli("check", DONG_THAP, "--statistics", "--format", "json")
    assert refused.returncode == 2 and "--statistics" in refused.stderr


def test_a_report_read_from_standard_input():
    text = Path(DONG_THAP).read_text(encoding="utf-8")
    proc = run_cli("check", "-", "--lang", "en", input=text)
    assert proc.returncode == 1
    assert proc.stdout.startswith("-:23:11 DV101 [warning]")
    assert "-: Score: 79/100" in proc.stdout
    markdown = (SEEDS / "dak-nong-2023-ke-hoach-dvcq.md").read_text(encoding="utf-8")
    named = run_cli("check", "-", "--stdin-filename", "ke-hoach.md", input=markdown)
    assert "ke-hoach.md:3:1 DV101 [cảnh báo]" in named.stdout and "dvlint-stdin" not in named.stdout
    assert run_cli("check", "-", "--fix", input=text).returncode == 2


def test_english_counts_are_singular_for_one(tmp_path):
    proc = run_cli("check", DONG_THAP, "--lang", "en", "--select", "DV209,DV101")
    assert "(1 error, 1 warning, 0 infos)" in proc.stdout
    assert proc.stdout.splitlines()[-1].startswith("Checked 1 report: 1 error, 1 warning, 0 infos;")
    baseline = tmp_path / "baseline.json"
    written = run_cli("check", DONG_THAP, "--lang", "en", "--select", "DV101", "--write-baseline", str(baseline))
    assert written.stdout == f"wrote the baseline {baseline} (1 finding)\n"


def test_a_missing_file_and_an_empty_folder_say_what_was_looked_for(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "~$bao-cao.docx").write_bytes(b"lock")
    proc = run_cli("check", "nope.docx", str(empty), "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stdout.splitlines()
    assert lines[0] == f"nope.docx: no file or folder at this path (looked for {tmp_path / 'nope.docx'})"
    assert lines[1].startswith(f"{empty}: the folder holds no report dvlint can read: looked in it and its "
                               "subfolders for .doc, .docx")
    assert lines[2] == "Checked 0 reports: 0 errors, 0 warnings, 0 infos; 2 files could not be read"


def _coloured(segments, monkeypatch, **env) -> tuple[str, str]:
    """(dvlint's colour writer, rich) on the same segments, under the terminal settings ``env``."""
    import io

    from rich.console import Console
    from rich.text import Text

    from dvlint.output.text_format import _colour_writer
    from dvlint.output.untrusted import safe_text

    for name in ("TERM", "NO_COLOR", "COLORTERM", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    ours, theirs = io.StringIO(), io.StringIO()
    _colour_writer(ours)(segments)
    console = Console(file=theirs, highlight=False, soft_wrap=True, force_terminal=True, emoji=False)
    console.print(Text.assemble(*((safe_text(text), style) for text, style in segments)), end="")
    return ours.getvalue(), theirs.getvalue()


SEGMENTS = [("bc.yaml:3:1 ", "bold"), ("DV102", "bold red"), (" [lỗi] Số\tký hiệu\n", None),
            ("   3 | ", "dim"), ("Số: 12/BC\x1b[2J\n", None), ("DV701", "yellow"), ("DV901", "cyan"),
            ("Điểm: 97/100 — Tốt\n\n", "bold"), ("two\nlines\n", "red")]


def test_colour_output_is_what_rich_wrote_on_any_terminal(monkeypatch):
    """The colour codes are written directly (rich took up to a millisecond per report): byte for byte
    rich's, on a colour terminal, with NO_COLOR (bold and dim, no colours), on a dumb one (nothing)."""
    plain = [(text, style) for text, style in SEGMENTS if "\t" not in text]
    for env in ({"TERM": "xterm"}, {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
                {"TERM": "xterm", "NO_COLOR": "1"}, {"TERM": "dumb"}, {"TERM": "unknown"}, {}):
        ours, theirs = _coloured(plain, monkeypatch, **env)
        assert ours == theirs, env
    ours, _ = _coloured(plain, monkeypatch, TERM="xterm")
    assert "\x1b[1;31mDV102\x1b[0m" in ours and "\\x1b[2J" in ours  # a report's control characters stay escaped


def test_a_text_with_a_tab_is_laid_out_by_rich_as_before(monkeypatch):
    ours, theirs = _coloured(SEGMENTS, monkeypatch, TERM="xterm")
    assert ours == theirs and "\t" not in ours

"""Gate controls: inline suppressions, per-file ignores, baselines."""

from __future__ import annotations

import json
import shutil

from conftest import FIXTURES, TODAY, run_cli, run_json
from dvlint.engine import config
from dvlint.app.runner import Checker

DRAFT = """document:
  kind: BÁO CÁO
  number: "Số: /BC-SKHCN"   # dvlint: disable=DV101 -- numbered at signing by the records office
  place: Đăk Nông
  date: ngày 05 tháng 3 năm 2023
"""


def check(tmp_path, text, **overrides):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return Checker({"select": ("DV1", "DV2", "DV0"), **overrides}, today=TODAY).check_file(path)


def test_end_of_line_suppression_silences_that_line(tmp_path):
    result = check(tmp_path, DRAFT)
    assert [f.code for f in result.findings] == ["DV104", "DV204"]
    assert result.suppressed == 1


def test_own_line_suppression_covers_the_next_node(tmp_path):
    text = DRAFT.replace("  place: Đăk Nông\n", "  # dvlint: disable=DV2 -- the place as the letter wrote it\n  place: Đăk Nông\n")
    result = check(tmp_path, text)
    assert [f.code for f in result.findings] == ["DV104"]
    assert result.suppressed == 2


def test_file_suppression(tmp_path):
    result = check(tmp_path, "# dvlint: disable-file=DV1,DV204\n" + DRAFT)
    assert [f.code for f in result.findings] == ["DV001"]  # the line DV101 suppression is now unused
    assert result.findings[0].line == 4 and result.findings[0].severity == "info"


def test_unused_and_malformed_suppressions_are_reported(tmp_path):
    text = DRAFT + "  title: Báo cáo   # dvlint: disable=DV999\nclosing: []   # dvlint: disable\n"
    result = check(tmp_path, text)
    assert [(f.code, f.line) for f in result.findings if f.code.startswith("DV00")] == [("DV001", 6), ("DV002", 7)]


def test_hash_inside_quotes_is_no_comment(tmp_path):
    text = 'document:\n  kind: BÁO CÁO\n  title: "Báo cáo # dvlint: disable=DV101"\n  number: "Số: /BC-SKHCN"\n  date: ngày 05 tháng 3 năm 2023\n  place: Hà Nội\n'
    result = check(tmp_path, text)
    assert "DV101" in [f.code for f in result.findings]


def test_suppressed_findings_cost_no_points_and_are_counted():
    _, out = run_json("check", str(FIXTURES / "clean-state-report.yaml"))
    assert out["summary"]["suppressed"] == 0 and out["reports"][0]["suppressed"] == 0


def test_per_file_ignores(tmp_path):
    config.find_config_file.cache_clear()
    config.read_config_file.cache_clear()
    (tmp_path / "dvlint.toml").write_text('[per-file]\n"archive/*.yaml" = ["DV2", "DV104"]\n', encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.yaml").write_text(DRAFT.replace("  # dvlint: disable=DV101 -- numbered at signing by the records office", ""), encoding="utf-8")
    (tmp_path / "new.yaml").write_text((tmp_path / "archive" / "old.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    proc, out = run_json("check", str(tmp_path), "--select", "DV1,DV2")
    codes = {r["path"].rsplit("/", 1)[1]: [f["code"] for f in r["findings"]] for r in out["reports"]}
    assert codes == {"old.yaml": ["DV101"], "new.yaml": ["DV104", "DV101", "DV204"]}
    assert out["summary"]["suppressed"] == 2


def test_baseline_reports_only_new_findings_and_survives_inserted_lines(tmp_path):
    report = tmp_path / "dong-thap.yaml"
    shutil.copy(FIXTURES / "dong-thap-2020-tong-ket-10-nam-290.yaml", report)
    baseline = tmp_path / "dvlint-baseline.json"
    proc = run_cli("check", str(report), "--write-baseline", str(baseline))
    assert proc.returncode == 0 and "đã ghi baseline" in proc.stdout
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert len(recorded) == 9 and "line" not in recorded[0]
    text = report.read_text(encoding="utf-8")
    ten_lines = "".join(f"# a note added later, line {i}\n" for i in range(10))
    text = text.replace("document:\n", ten_lines + "document:\n", 1).replace("Lưu: VT, VP(Hương).", "Lưu: VT, VP(Hương)")
    report.write_text(text, encoding="utf-8")
    proc, out = run_json("check", str(report), "--baseline", str(baseline))
    findings = out["reports"][0]["findings"]
    assert [f["code"] for f in findings] == ["DV504"]  # only the new defect: the last line lost its full stop
    assert out["reports"][0]["suppressed"] == 9


def test_a_broken_baseline_is_a_usage_error(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{", encoding="utf-8")
    proc = run_cli("check", str(FIXTURES / "clean-state-report.yaml"), "--baseline", str(bad))
    assert proc.returncode == 2 and "không đọc được tệp baseline" in proc.stderr


def test_baseline_fingerprint_keeps_the_field_but_not_its_list_indexes():
    from dvlint.engine.core import Finding
    from dvlint.i18n import Msg
    from dvlint.plugins.suppress import fingerprint

    def finding(field):
        return Finding("DV206", "citation", "warning", Msg("x", "same text"), 5, 1, field, 1.0)

    moved = fingerprint("r.yaml", finding("sections[1].paragraphs[0]"))
    assert moved == fingerprint("r.yaml", finding("sections[2].paragraphs[3]"))  # a paragraph inserted above
    assert moved != fingerprint("r.yaml", finding("opening[0]"))  # the same words in another part
    assert moved != fingerprint("other.yaml", finding("sections[1].paragraphs[0]"))


def test_a_code_that_names_no_rule_is_a_usage_error_with_the_nearest(tmp_path):
    """`--select DV9O1` (a letter O) used to run no rule, print 100/100 and pass the gate."""
    for args, said in ((["--select", "DV9O1"], "select (command line): 'DV9O1' names no rule; did you mean 'DV801'?"),
                       (["--select", "DV41"], "select (command line): 'DV41' names no rule; did you mean 'DV401'?"),
                       (["--ignore", "XYZ"], "ignore (command line): 'XYZ' names no rule")):
        proc = run_cli("check", str(FIXTURES / "clean-state-report.yaml"), *args, "--lang", "en")
        assert proc.returncode == 2, (args, proc.stdout)
        assert said in proc.stderr and proc.stdout == ""
    for line in ('select = ["DV4011"]', 'per-file = {"*.yaml" = ["DV2O4"]}', "severity = {DV77 = \"info\"}",
                 "weights = {DV999 = 3}"):
        (tmp_path / "dvlint.toml").write_text(line + "\n", encoding="utf-8")
        proc = run_cli("check", str(FIXTURES / "clean-state-report.yaml"), "--config", str(tmp_path / "dvlint.toml"),
                       "--lang", "en")
        assert proc.returncode == 2 and f"({tmp_path / 'dvlint.toml'}): '" in proc.stderr, (line, proc.stderr)
    assert run_cli("check", str(FIXTURES / "clean-state-report.yaml"), "--select", "DV4,DV0").returncode == 0


def test_a_code_of_local_rules_this_run_did_not_load_is_a_note(tmp_path):
    (tmp_path / "received").mkdir()
    shutil.copy(FIXTURES / "clean-state-report.yaml", tmp_path / "received" / "r.yaml")
    (tmp_path / "received" / "dvlint.toml").write_text('rules = ["local"]\nignore = ["DV950"]\n', encoding="utf-8")
    proc = run_cli("check", str(tmp_path / "received" / "r.yaml"), "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "'DV950' names no rule loaded; it may belong to the local rules not loaded (local)" in proc.stderr


def test_a_run_of_selected_rules_gives_no_grade_and_says_so():
    proc, out = run_json("check", str(FIXTURES / "clean-state-report.yaml"), "--select", "DV4")
    assert out["reports"][0]["score"] == 100 and out["reports"][0]["grade"] is None and out["reports"][0]["partial"]
    text = run_cli("check", str(FIXTURES / "clean-state-report.yaml"), "-k", "signature", "--lang", "en").stdout
    assert "Score: 100/100 — (selected rules: no grade)" in text
    assert "only the selected rules ran (--select, -k): scores carry no grade" in text
    whole = run_cli("check", str(FIXTURES / "clean-state-report.yaml"), "--lang", "en").stdout
    assert "Score: 100/100 — Excellent" in whole and "selected" not in whole


def test_a_code_given_on_the_command_line_is_said_to_come_from_it(tmp_path):
    """With a dvlint.toml in force, `--select DV9O1` is the command line's, not the file's (issue 22)."""
    shutil.copy(FIXTURES / "clean-state-report.yaml", tmp_path / "r.yaml")
    (tmp_path / "dvlint.toml").write_text('ignore = ["DV704"]\n', encoding="utf-8")
    for args, said in ((["--select", "DV9O1"], "select (command line): 'DV9O1' names no rule"),
                       (["--ignore", "XYZ"], "ignore (command line): 'XYZ' names no rule")):
        proc = run_cli("check", str(tmp_path / "r.yaml"), *args, "--lang", "en", cwd=tmp_path)
        assert proc.returncode == 2 and said in proc.stderr, (args, proc.stderr)
    (tmp_path / "dvlint.toml").write_text('ignore = ["DV7O4"]\n', encoding="utf-8")
    proc = run_cli("check", str(tmp_path / "r.yaml"), "--ignore", "DV704", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 2 and f"ignore ({tmp_path / 'dvlint.toml'}): 'DV7O4' names no rule" in proc.stderr

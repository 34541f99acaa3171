"""The command line, end to end, through a subprocess as a user runs it."""

from __future__ import annotations

import json
import shutil

import jsonschema
from ruamel.yaml import YAML

from conftest import FIXTURES, PLUGINS_ON, run_cli, run_json

CLEAN = str(FIXTURES / "clean-state-report.yaml")
DONG_THAP = str(FIXTURES / "dong-thap-2020-tong-ket-10-nam-290.yaml")


def test_check_clean_report_exits_0_with_score():
    proc = run_cli("check", CLEAN)
    assert proc.returncode == 0, proc.stderr
    assert "Điểm: 100/100 — Hoàn thành xuất sắc" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_text_output_shows_location_code_message_and_source_line():
    proc = run_cli("check", DONG_THAP)
    lines = proc.stdout.splitlines()
    first = lines.index(next(l for l in lines if " DV101 " in l))
    assert lines[first] == (f"{DONG_THAP}:23:11 DV101 [cảnh báo] Số văn bản còn để trống ('Số: /BC-SKHCCN'): "
                            "bản nháp, cần điền số khi ký ban hành")
    assert lines[first + 1] == '   23 |   number: "Số: /BC-SKHCCN"'
    assert lines[first + 2] == " " * 18 + "^"
    assert "Điểm: 79/100" in proc.stdout
    assert "\x1b[" not in proc.stdout  # no colour when not a terminal


def test_warnings_pass_the_default_gate_but_not_fail_on_warning():
    only_warnings = ("--ignore", "DV209")  # the appendix date mismatch is an error
    assert run_cli("check", DONG_THAP, *only_warnings).returncode == 0
    assert run_cli("check", DONG_THAP, *only_warnings, "--fail-on", "warning").returncode == 1
    assert run_cli("check", DONG_THAP, *only_warnings, "--final").returncode == 1
    assert run_cli("check", DONG_THAP, "--final", "--fail-on", "never").returncode == 0


def test_fail_under():
    gate = ("--fail-on", "never")
    assert run_cli("check", DONG_THAP, *gate, "--fail-under", "80").returncode == 1
    assert run_cli("check", DONG_THAP, *gate, "--fail-under", "79").returncode == 0


def test_english_messages():
    proc = run_cli("check", DONG_THAP, "--lang", "en")
    assert "DV101 [warning] The document number is blank ('Số: /BC-SKHCCN')" in proc.stdout
    assert "Score: 79/100 — Good" in proc.stdout
    env_proc = run_cli("check", DONG_THAP, env={"DVLINT_LANG": "en"})
    assert "Score: 79/100" in env_proc.stdout


def test_json_output_has_the_documented_shape():
    proc, out = run_json("check", DONG_THAP, CLEAN)
    assert proc.returncode == 1  # DV209 is an error
    assert out["version"] == 1 and out["tool"]["name"] == "dvlint"
    assert set(out) >= {"version", "tool", "reports", "summary"}
    report = out["reports"][0]
    assert set(report) >= {"path", "template", "score", "grade", "error", "findings"}
    assert report["path"] == DONG_THAP and report["error"] is None
    assert report["template"] == "multi-year-review"  # chosen by itself, and it says why
    assert report["template_reason"] == "loại báo cáo, trích yếu có 'dân vận', trích yếu có 'tổng kết'"
    assert report["score"] == 79 and report["grade"] == "Hoàn thành tốt"
    finding = report["findings"][0]
    assert {k: finding[k] for k in ("code", "severity", "line", "column", "field", "weight")} == {
        "code": "DV101", "severity": "warning", "line": 23, "column": 11, "field": "document.number", "weight": 3.0}
    assert isinstance(finding["message"], str) and finding["message"]
    assert out["summary"] == {"reports": 2, "errors": 1, "warnings": 8, "infos": 0, "load_errors": 0, "suppressed": 0,
                              "suppressions_ignored": 0, "internal_errors": {}}


def test_a_broken_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a-good.yaml").write_text(open(CLEAN, encoding="utf-8").read(), encoding="utf-8")
    (tmp_path / "b-broken.yaml").write_text("document:\n  kind: [BÁO CÁO\n", encoding="utf-8")
    (tmp_path / "c-empty.yaml").write_text("", encoding="utf-8")
    (tmp_path / "d-latin.yaml").write_bytes(b"document:\n  kind: B\xc1O C\xc1O\n")
    (tmp_path / "e-unknown-key.yaml").write_text("document:\n  kind: BÁO CÁO\n  isuer: X\n", encoding="utf-8")
    (tmp_path / "notes.odt").write_text("not a report", encoding="utf-8")
    proc = run_cli("check", str(tmp_path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    out = proc.stdout
    assert f"{tmp_path}/b-broken.yaml:3:1: lỗi cú pháp YAML" in out
    assert f"{tmp_path}/c-empty.yaml: tệp rỗng" in out
    assert f"{tmp_path}/d-latin.yaml:2:10: tệp không phải UTF-8" in out
    assert f"{tmp_path}/e-unknown-key.yaml:3:3: khóa không hợp lệ 'document.isuer'; có phải ý bạn là 'issuer'?" in out
    assert f"{tmp_path}/a-good.yaml: Điểm: 100/100" in out
    assert f"{tmp_path}/notes.odt: dvlint không đọc được loại tệp '.odt'" in out  # listed, never skipped silently
    _, data = run_json("check", str(tmp_path))
    errors = {r["path"].rsplit("/", 1)[1]: r["error"] for r in data["reports"]}
    assert errors["a-good.yaml"] is None
    assert errors["b-broken.yaml"]["line"] == 3 and errors["b-broken.yaml"]["kind"] == "yaml-syntax"
    assert data["summary"]["load_errors"] == 5  # notes.odt, listed with the four broken reports


def test_load_errors_in_english(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("document:\n  kind: BÁO CÁO\nsignatur: {}\n", encoding="utf-8")
    proc = run_cli("check", str(bad), "--lang", "en")
    assert proc.returncode == 2
    assert f"{bad}:3:1: unknown key 'signatur'; did you mean 'signature'?" in proc.stdout



def test_unsupported_file_type_named_explicitly(tmp_path):
    other = tmp_path / "report.odt"
    other.write_bytes(b"PK\x05\x06odt")
    proc = run_cli("check", str(other))
    assert proc.returncode == 2
    assert "dvlint không đọc được loại tệp '.odt'" in proc.stdout
    broken = tmp_path / "report.pdf"  # .pdf is read now: a broken one is its own load error
    broken.write_bytes(b"%PDF-1.4")
    proc = run_cli("check", str(broken), "--lang", "en")
    assert proc.returncode == 2 and "the PDF is damaged or is no PDF" in proc.stdout


def test_select_ignore_and_keyword_from_the_command_line():
    _, out = run_json("check", DONG_THAP, "--select", "DV20", "--ignore", "DV208,DV209")
    assert [f["code"] for f in out["reports"][0]["findings"]] == ["DV201"]
    _, out = run_json("check", DONG_THAP, "--ignore", "DV201,DV106,DV208,DV209")
    assert [f["code"] for f in out["reports"][0]["findings"]] == ["DV101", "DV409"]
    _, out = run_json("check", DONG_THAP, "-k", "number")
    assert [f["code"] for f in out["reports"][0]["findings"]] == ["DV101"]


def test_explain_score_lists_deductions():
    proc = run_cli("check", DONG_THAP, "--explain-score")
    assert "−3 điểm  DV101 number-present (1 lần)" in proc.stdout
    assert "−3 điểm  DV201 issue-date-complete (1 lần)" in proc.stdout


def test_config_file_option_and_bad_config(tmp_path):
    cfg = tmp_path / "dvlint.toml"
    cfg.write_text('final = true\n')
    assert run_cli("check", DONG_THAP, "--config", str(cfg)).returncode == 1
    cfg.write_text('finall = true\n')
    proc = run_cli("check", DONG_THAP, "--config", str(cfg))
    assert proc.returncode == 2
    assert f"dvlint: {cfg}:1:1: khóa cấu hình không hợp lệ 'finall'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_local_rules_folder_from_the_command_line(tmp_path):
    rules = tmp_path / "my_rules"
    rules.mkdir()
    (rules / "closing.py").write_text(
        "from dvlint import Problem, rule\n\n"
        "@rule('DV990', 'closing-mark', vi='Kết thúc bằng ./.', en='Ends with ./.', severity='warning')\n"
        "def closing_mark(report):\n"
        "    '''Checks the closing mark.'''\n"
        "    last = (report.closing or [''])[-1]\n"
        "    if not last.rstrip().endswith('./.'):\n"
        "        yield Problem('closing', vi='thiếu ./.', en='no ./.')\n"
    )
    proc, out = run_json("check", CLEAN, "--rules", str(rules), "--select", "DV990")
    assert out["reports"][0]["findings"] == []
    proc = run_cli("rules", "--rules", str(rules), "--select", "DV990")
    assert "DV990  closing-mark" in proc.stdout


def test_rules_and_explain():
    proc = run_cli("rules")
    assert proc.returncode == 0
    assert "DV403  deputy-signs-for-head" in proc.stdout
    rows = json.loads(run_cli("rules", "--format", "json", "--lang", "en").stdout)
    assert {r["code"] for r in rows} >= {"DV101", "DV201", "DV401", "DV501"}
    assert next(r for r in rows if r["code"] == "DV101")["summary"].startswith("The document must have a number")
    explained = run_cli("explain", "DV403")
    assert explained.returncode == 0
    assert explained.stdout.startswith("DV403 (deputy-signs-for-head)\nKý thay (KT., K/T)")
    assert "Ví dụ sai:" in explained.stdout and "title: PHÓ GIÁM ĐỐC" in explained.stdout
    english = run_cli("explain", "deputy-signs-for-head", "--lang", "en")
    assert "Signing for the head (KT., K/T) gives the signer's own title" in english.stdout and "Fails:" in english.stdout
    assert "DV704" not in proc.stdout  # off by default, yet documented
    assert "turn it on by its code" in run_cli("explain", "DV704", "--lang", "en").stdout
    assert "DV704  abbreviation-defined" in run_cli("rules", "--select", "DV704").stdout
    unknown = run_cli("explain", "DV999")
    assert unknown.returncode == 2 and "không có quy tắc 'DV999'" in unknown.stderr


def test_docs_rules_md_is_generated_and_current():
    generated = run_cli("rules", "--format", "markdown").stdout
    committed = (FIXTURES.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert generated == committed, "docs/rules.md is stale: run `dvlint rules --format markdown > docs/rules.md`"


def test_schema_validates_every_fixture():
    schema = json.loads(run_cli("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    yaml = YAML(typ="safe")
    for fixture in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.load(fixture.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))
        errors = list(validator.iter_errors(data))
        assert not errors, (fixture.name, errors[:1])
    assert list(validator.iter_errors({"document": {"kind": "BÁO CÁO", "isuer": "x"}}))


def test_committed_schema_is_current():
    committed = json.loads((FIXTURES.parent / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    assert committed == json.loads(run_cli("schema").stdout)


def test_usage_errors_exit_2():
    assert run_cli("check").returncode == 2
    assert run_cli().returncode == 2
    proc = run_cli("check", CLEAN, "--format", "xml")
    assert proc.returncode == 2 and "không có định dạng 'xml'" in proc.stderr


def test_closed_stdout_ends_quietly(tmp_path):
    import subprocess
    import sys

    many = tmp_path / "many"
    many.mkdir()
    for i in range(30):
        shutil.copy(DONG_THAP, many / f"r{i:02d}.yaml")
    proc = subprocess.run(f"{sys.executable} -m dvlint check {many} | head -1", shell=True,
                          capture_output=True, text=True)
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_an_installed_pack_is_loaded_through_the_entry_point_group(tmp_path):
    site = tmp_path / "site"
    (site / "demo_pack").mkdir(parents=True)
    (site / "demo_pack" / "__init__.py").write_text(
        "from dvlint import Problem, hookimpl, rule\n"
        "from dvlint.collect import rules_from_module\n"
        "import sys\n\n"
        "DVLINT_PREFIX = 'DM'\n\n"
        "@rule('DM977', 'pack-rule', vi='luật của gói', en='a pack rule', severity='info')\n"
        "def pack_rule(document):\n"
        "    yield Problem(document.path, vi='từ gói', en='from the pack')\n\n"
        "@hookimpl\n"
        "def dvlint_collect_rules(config):\n"
        "    return rules_from_module(sys.modules[__name__])\n"
    )
    dist = site / "demo_pack-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-pack\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[dvlint]\ndemo = demo_pack\n")
    proc, out = run_json("check", CLEAN, "--select", "DM977", env={"PYTHONPATH": str(site), **PLUGINS_ON})
    assert [f["code"] for f in out["reports"][0]["findings"]] == ["DM977"]
    assert out["reports"][0]["findings"][0]["message"] == "từ gói"


def test_a_crashing_rule_is_reported_and_the_run_goes_on(tmp_path):
    rules = tmp_path / "r"
    rules.mkdir()
    (rules / "boom.py").write_text(
        "from dvlint import rule\n\n"
        "@rule('DV991', 'boom', vi='nổ', en='boom')\n"
        "def boom(document):\n    raise KeyError('nope')\n"
    )
    proc = run_cli("check", CLEAN, DONG_THAP, "--rules", str(rules))
    assert proc.returncode == 1
    assert proc.stdout.count("DV000 [lỗi] quy tắc DV991 (boom) gặp lỗi nội bộ") == 2
    assert "DV101" in proc.stdout  # the other rules ran
    assert "Traceback" not in proc.stdout + proc.stderr


def test_colour_only_when_asked_or_on_a_terminal(monkeypatch):
    coloured = run_cli("check", DONG_THAP, "--color", "always")
    assert "\x1b[" in coloured.stdout
    from dvlint.output import OutputOptions
    from dvlint.output.text_format import use_color

    class Tty:
        def isatty(self):
            return True

    assert use_color(OutputOptions(color="auto"), Tty()) is True
    assert use_color(OutputOptions(color="never"), Tty()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(OutputOptions(color="auto"), Tty()) is False
    assert use_color(OutputOptions(color="always"), Tty()) is True


def test_parallel_run_gives_the_serial_results_in_order(tmp_path):
    from dvlint.app.runner import PARALLEL_MIN_FILES, check_paths
    from conftest import TODAY

    sources = [FIXTURES / n for n in ("dong-thap-2020-tong-ket-10-nam-290.yaml", "hung-yen-2024-qcdc-9-thang.yaml",
                                      "dak-nong-2023-ke-hoach-dvcq.yaml", "clean-state-report.yaml")]
    for i in range(PARALLEL_MIN_FILES + 4):
        shutil.copy(sources[i % len(sources)], tmp_path / f"r{i:03d}.yaml")
    (tmp_path / "r999-broken.yaml").write_text("document: [\n", encoding="utf-8")

    def summary(run):
        return [(r.path.name, r.error.kind if r.error else None, [(f.code, f.line) for f in r.findings],
                 r.score.value if r.score else None) for r in run.reports]

    serial = check_paths([tmp_path], today=TODAY, jobs=1)
    parallel = check_paths([tmp_path], today=TODAY, jobs=2)
    assert summary(parallel) == summary(serial)
    assert [r.path.name for r in parallel.reports] == sorted(p.name for p in tmp_path.iterdir())
    proc, out = run_json("check", str(tmp_path), "-j", "2")
    assert proc.returncode == 2 and out["summary"]["load_errors"] == 1 and out["summary"]["reports"] == PARALLEL_MIN_FILES + 5


def test_the_parser_built_for_one_command_is_that_command_s_own_parser():
    """``dvlint check ...`` builds only check's parser (dvlint.cli.main.build_parser): it must be the very
    parser the full build makes, and COMMANDS must name every command the full build has."""
    from dvlint.cli.main import COMMANDS, build_parser

    for lang in ("vi", "en"):
        full = build_parser(lang)
        full_sub = next(a for a in full._actions if a.dest == "command")
        assert list(full_sub.choices) == list(COMMANDS)
        for name in COMMANDS:
            one = build_parser(lang, name)
            one_sub = next(a for a in one._actions if a.dest == "command")
            assert name in one_sub.choices
            assert one_sub.choices[name].format_help() == full_sub.choices[name].format_help()
            assert one_sub.choices[name].prog == full_sub.choices[name].prog == f"dvlint {name}"


def test_help_and_errors_without_a_command_first_list_every_command():
    for args in (("--help",), ("-h", "check"), ("chek", "x.yaml")):
        proc = run_cli(*args)
        listed = proc.stdout + proc.stderr
        for name in ("check", "score", "explain", "template", "import", "cache"):
            assert name in listed, (args, listed)

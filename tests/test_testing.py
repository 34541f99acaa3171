"""dvlint.testing: rule cases as data and the pytest fixtures, as a plugin author uses them."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap

import pytest

from dvlint.testing import RuleChecker, assert_cases, cases_missing, check_text, load_cases, rule_codes, run_cases

RULES = '''
from dvlint import Problem, rule


@rule("DV990", "closing-mark", severity="warning", vi="Đoạn kết có './.'", en="The closing ends with './.'")
def closing_mark(report):
    """
    Tiếng Việt:
        x
    English:
        x
    Ví dụ sai / Fails:
        x
    Ví dụ đúng / Passes:
        x
    """
    last = report.closing[-1] if report.closing else ""
    if last and not last.rstrip().endswith("./."):
        yield Problem(report.field_path("closing") + f"[{len(report.closing) - 1}]",
                      vi="Đoạn kết chưa có dấu './.'", en="The closing lacks './.'", fix=last.rstrip() + "./.")
'''

CASES = '''
cases:
  - name: without the mark
    select: DV990
    report: |
      document: {kind: BÁO CÁO}
      closing: ["Trên đây là báo cáo."]
    expect:
      - {code: DV990, line: 2, column: 11, says: lacks, fix: "Trên đây là báo cáo../."}
  - name: a case that expects the wrong column
    select: DV990
    report: |
      document: {kind: BÁO CÁO}
      closing: ["Trên đây là báo cáo."]
    expect:
      - {code: DV990, line: 2, column: 3, says: lacks}
'''


@pytest.fixture
def pack(tmp_path):
    """A rules folder with one rule, its module imported, and a case file with a passing and a failing case."""
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "closing.py").write_text(RULES, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("test_testing_closing", rules_dir / "closing.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases = tmp_path / "cases.yaml"
    cases.write_text(CASES, encoding="utf-8")
    return module, rules_dir, cases


@pytest.mark.parametrize("given", ["module", "folder", "function"])
def test_cases_run_against_the_rules_given(pack, given):
    module, rules_dir, cases = pack
    rules = {"module": module, "folder": rules_dir, "function": module.closing_mark}[given]
    results = run_cases(cases, rules=rules)
    assert [r.passed for r in results] == [True, False]
    assert results[0].got == [{"code": "DV990", "line": 2, "column": 11, "says": "lacks",
                               "fix": "Trên đây là báo cáo../."}]
    explained = results[1].explain()
    assert "a case that expects the wrong column" in explained
    assert "DV990:2:11 [warning] The closing lacks './.'" in explained


def test_assert_cases_names_every_failing_case(pack):
    module, _, cases = pack
    with pytest.raises(AssertionError, match=r"1 of 2 cases failed:\n.*expects the wrong column"):
        assert_cases(cases, rules=module)


def test_without_the_rules_the_case_fails(pack):
    """The built-in rules alone know no DV990: the case's selection is then a usage error, not a pass."""
    _, _, cases = pack
    from dvlint.source.errors import UsageError

    with pytest.raises(UsageError, match="DV990"):
        run_cases(cases)


def test_a_mistyped_key_is_refused(tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text(CASES.replace("    expect:\n      - {code: DV990, line: 2, column: 3",
                                   "    expected:\n      - {code: DV990, line: 2, column: 3"), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown expected"):
        load_cases(cases)
    cases.write_text(CASES.replace("column: 3,", "col: 3,"), encoding="utf-8")
    with pytest.raises(ValueError, match="an expected finding has code and line"):
        load_cases(cases)


def test_rules_without_a_passing_or_failing_case(pack):
    module, _, cases = pack
    assert rule_codes(module) == ["DV990"]
    assert cases_missing(cases, rules=module) == {"failing": [], "passing": ["DV990"]}
    assert "DV101" in rule_codes() and "DV990" not in rule_codes()


def test_checking_a_text_gives_the_findings(pack, tmp_path):
    module, _, _ = pack
    report = 'document: {kind: BÁO CÁO}\nclosing: ["Trên đây là báo cáo./."]\n'
    assert check_text(report, rules=module, select="DV990") == []
    findings = RuleChecker(module, folder=tmp_path).check(report.replace("./.", "."), select="DV990")
    assert [(f.code, f.line, f.column) for f in findings] == [("DV990", 2, 11)]
    with pytest.raises(AssertionError, match="could not be read"):
        check_text("document: [", rules=module)


def test_an_unknown_plugin_name_is_refused():
    with pytest.raises(ValueError, match="no rules folder and no installed plugin named 'no-such-pack'"):
        RuleChecker("no-such-pack")


def test_the_fixtures_come_with_pytest(pack, tmp_path):
    """dvlint_checker and dvlint_rules reach a plugin's tests through the pytest11 entry point."""
    _, rules_dir, cases = pack
    tests = tmp_path / "plugin_tests"
    tests.mkdir()
    (tests / "conftest.py").write_text(textwrap.dedent(f'''
        import pathlib
        import pytest

        @pytest.fixture
        def dvlint_rules():
            return pathlib.Path({str(rules_dir)!r})
    '''), encoding="utf-8")
    (tests / "test_closing.py").write_text(textwrap.dedent(f'''
        import pytest
        from dvlint.testing import load_cases

        @pytest.mark.parametrize("case", load_cases({str(cases)!r}), ids=str)
        def test_case(dvlint_checker, case):
            dvlint_checker.assert_case(case)

        def test_check(dvlint_checker):
            findings = dvlint_checker.check('document: {{kind: BÁO CÁO}}\\nclosing: ["x."]\\n', select="DV990")
            assert [f.code for f in findings] == ["DV990"]
    '''), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
                          cwd=tests, capture_output=True, text=True, timeout=300)
    assert "1 failed, 2 passed" in proc.stdout, proc.stdout[-3000:]
    assert "test_case[cases: a case that expects the wrong column]" in proc.stdout


def test_the_cases_in_the_docs_hold(tmp_path):
    """docs/writing-rules.md's cases: the built-in one passes, the plugin's is the example package's own."""
    import re

    from conftest import ROOT

    text = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M) if b.startswith("cases:")]
    assert len(blocks) == 2
    (tmp_path / "builtin.yaml").write_text(blocks[0], encoding="utf-8")
    assert [r.passed for r in run_cases(tmp_path / "builtin.yaml")] == [True]
    example = (ROOT / "examples" / "dvlint-lamdong" / "tests" / "cases" / "lamdong.yaml").read_text(encoding="utf-8")
    assert blocks[1].removeprefix("cases:\n") in example


SETTING_PLUGIN = '''

from dvlint import PluginSetting, Problem, hookimpl, rule

DVLINT_PREFIX = "TW"


@hookimpl
def dvlint_add_settings():
    return [PluginSetting("max_words", int, 5, "the most words a title may have")]


@hookimpl
def dvlint_collect_rules(config):
    return [title_length.__dvlint_rule__]


@rule("TW101", "title-length", severity="warning", vi="Trích yếu quá dài", en="The title is too long")
def title_length(document, plugin_settings):
    """
    Tiếng Việt:
        x
    English:
        x
    Ví dụ sai / Fails:
        x
    Ví dụ đúng / Passes:
        x
    """
    words = len((document.title or "").split())
    if words > plugin_settings.max_words:
        yield Problem(document.field_path("title"), vi=f"Trích yếu có {words} từ",
                      en=f"The title has {words} words, more than {plugin_settings.max_words}")
'''

TITLE = "document: {kind: BÁO CÁO, title: Báo cáo kết quả công tác dân vận năm 2025}\n"  # 10 words


@pytest.fixture
def setting_plugin(tmp_path):
    """A plugin module declaring a setting (max_words, default 5) and a rule reading it."""
    path = tmp_path / "tw_plugin.py"
    path.write_text(SETTING_PLUGIN, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("tw_plugin", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_rule_reading_a_plugin_setting_gets_the_default_or_the_value_given(setting_plugin, tmp_path):
    """The harness registers the plugin's settings as an installed plugin's are: defaults, and plugin_settings=."""
    findings = check_text(TITLE, rules=setting_plugin, select="TW101")
    assert [(f.code, f.message.en) for f in findings] == [("TW101", "The title has 10 words, more than 5")]
    checker = RuleChecker(setting_plugin, folder=tmp_path)
    assert checker.check(TITLE, select="TW101", plugin_settings={"max-words": 10}) == []
    assert [f.code for f in checker.check(TITLE, select="TW101", plugin_settings={"max_words": 9})] == ["TW101"]
    assert check_text(TITLE, rules=setting_plugin, select="TW101", plugin_settings={"max-words": 20}) == []
    assert RuleChecker(setting_plugin, plugin_settings={"max-words": 10}).check(TITLE, select="TW101") == []
    from dvlint.source.errors import UsageError

    with pytest.raises(UsageError, match="unknown setting 'max-word' of plugin 'tw_plugin'; did you mean 'max-words'"):
        checker.check(TITLE, select="TW101", plugin_settings={"max-word": 10})
    with pytest.raises(UsageError, match="invalid setting 'tw_plugin.max-words'"):
        checker.check(TITLE, select="TW101", plugin_settings={"max-words": "many"})


def test_a_case_sets_a_plugin_setting(setting_plugin, tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text(textwrap.dedent('''
        cases:
          - name: the default, five words
            select: TW101
            report: |
              document: {kind: BÁO CÁO, title: Báo cáo kết quả công tác dân vận năm 2025}
            expect:
              - {code: TW101, line: 1, column: 34, says: "has 10 words, more than 5"}
          - name: ten words allowed
            select: TW101
            plugin_settings: {max-words: 10}
            report: |
              document: {kind: BÁO CÁO, title: Báo cáo kết quả công tác dân vận năm 2025}
            expect: []
    '''), encoding="utf-8")
    results = run_cases(cases, rules=setting_plugin)
    assert [r.passed for r in results] == [True, True], "\n".join(r.explain() for r in results)


def test_the_fixture_checker_reads_a_plugin_setting(setting_plugin, tmp_path):
    """dvlint_checker, with dvlint_rules naming the plugin module: the same."""
    tests = tmp_path / "plugin_tests"
    tests.mkdir()
    (tests / "conftest.py").write_text(textwrap.dedent(f'''
        import importlib.util
        import pytest

        @pytest.fixture
        def dvlint_rules():
            spec = importlib.util.spec_from_file_location("tw_plugin", {str(tmp_path / "tw_plugin.py")!r})
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    '''), encoding="utf-8")
    (tests / "test_tw.py").write_text(textwrap.dedent(f'''
        def test_default(dvlint_checker):
            assert [f.code for f in dvlint_checker.check({TITLE!r}, select="TW101")] == ["TW101"]

        def test_given(dvlint_checker):
            assert dvlint_checker.check({TITLE!r}, select="TW101", plugin_settings={{"max-words": 10}}) == []
    '''), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
                          cwd=tests, capture_output=True, text=True, timeout=300)
    assert "2 passed" in proc.stdout, proc.stdout[-3000:]


def test_a_plugin_named_by_its_entry_point_takes_its_settings_by_that_name(setting_plugin, monkeypatch):
    """``rules="tw"`` (an entry point) or the module it names: the table is the entry point's name, as installed."""
    import importlib.metadata as md

    entry = md.EntryPoint("tw", "tw_plugin", "dvlint")
    monkeypatch.setitem(sys.modules, "tw_plugin", setting_plugin)
    monkeypatch.setattr(md, "entry_points", lambda **select: md.EntryPoints([entry]).select(**select))
    for rules in ("tw", setting_plugin):
        assert [f.code for f in check_text(TITLE, rules=rules, select="TW101")] == ["TW101"]
        assert check_text(TITLE, rules=rules, select="TW101", plugin_settings={"max-words": 10}) == []
        assert check_text(TITLE, rules=rules, select="TW101", plugin_settings={"tw": {"max-words": 10}}) == []


def test_a_plugin_module_without_a_collection_hook_and_plugin_settings_without_a_plugin(tmp_path):
    """A plugin module whose rules are its own @rule functions reads its settings too; plugin_settings for
    rules that take none is an error, not a setting quietly unused."""
    path = tmp_path / "tw_loose.py"
    path.write_text(SETTING_PLUGIN.replace("@hookimpl\ndef dvlint_collect_rules(config):\n"
                                           "    return [title_length.__dvlint_rule__]\n", ""), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("tw_loose", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert not hasattr(module, "dvlint_collect_rules")
    assert [f.code for f in check_text(TITLE, rules=module, select="TW101")] == ["TW101"]
    assert check_text(TITLE, rules=module, select="TW101", plugin_settings={"max-words": 10}) == []
    with pytest.raises(ValueError, match="no plugin under test declares settings"):
        check_text(TITLE, select="DV1", plugin_settings={"max-words": 10})

"""The rule engine: collection, fixtures by parameter name, selection, crashes, hooks."""

from __future__ import annotations

import textwrap

import pytest

from conftest import TODAY
from dvlint import hookimpl, rule
from dvlint.engine.collect import compile_keyword, select_rules
from dvlint.engine.config import Settings
from dvlint.app import new_engine, plugin_manager
from dvlint.app.runner import Checker
from dvlint.source.errors import UsageError

REPORT = "document:\n  kind: BÁO CÁO\n  number: 'Số: 05/BC-SKHCN'\n  date: ngày 05 tháng 3 năm 2020\n"


def write_rules(folder, source: str):
    folder.mkdir(exist_ok=True)
    (folder / "my_rules.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return folder


def check_with_rules(tmp_path, source, text=REPORT, **overrides):
    rules = write_rules(tmp_path / "rules", source)
    report = tmp_path / "r.yaml"
    report.write_text(text, encoding="utf-8")
    checker = Checker({"rule_dirs": (rules,), **overrides}, today=TODAY)
    return checker.check_file(report)


def test_a_local_rule_gets_its_fixtures_by_name(tmp_path):
    result = check_with_rules(tmp_path, '''
        from dvlint import Problem, rule

        @rule("DV901", "sees-fixtures", vi="x", en="x", severity="info")
        def sees_fixtures(document, as_of, doc_format, config):
            yield Problem(document.field_path("number"), vi=f"{as_of} {doc_format}", en=f"{as_of} {doc_format} {config.lang}")
    ''', select=("DV901",))
    [finding] = result.findings
    assert finding.message.en == "2020-03-05 state vi"
    assert (finding.line, finding.column, finding.field) == (3, 11, "document.number")


def test_the_same_finding_at_one_place_is_given_once(tmp_path):
    """A rule that meets one defect again at the place it already reported (a citation seen from two
    sides) gives it once, and it costs once; another message at that place is another finding."""
    result = check_with_rules(tmp_path, '''
        from dvlint import Problem, rule

        @rule("DV901", "repeats", vi="x", en="x", severity="warning", weight=2)
        def repeats(document):
            for _ in range(3):
                yield Problem(document.field_path("number"), vi="lặp", en="again")
            yield Problem(document.field_path("number"), vi="khác", en="other")
    ''', select=("DV901",))
    assert [f.message.en for f in result.findings] == ["again", "other"]
    assert result.score.value == 96


def test_a_crashing_rule_becomes_dv000_and_the_others_still_run(tmp_path):
    result = check_with_rules(tmp_path, '''
        from dvlint import Problem, rule

        @rule("DV901", "crashes", vi="x", en="x")
        def crashes(document):
            raise ZeroDivisionError("boom")

        @rule("DV902", "works", vi="x", en="x", severity="warning")
        def works(document):
            yield Problem(document.path, vi="chạy", en="ran")
    ''', select=("DV90",))
    codes = sorted(f.code for f in result.findings)
    assert codes == ["DV000", "DV902"]
    crash = next(f for f in result.findings if f.code == "DV000")
    assert "DV901 (crashes)" in crash.message.en and "ZeroDivisionError: boom" in crash.message.en
    assert crash.weight == 0


def test_a_rule_yielding_something_else_is_an_internal_error(tmp_path):
    result = check_with_rules(tmp_path, '''
        from dvlint import rule

        @rule("DV901", "bad-yield", vi="x", en="x")
        def bad_yield(document):
            yield "not a problem"
    ''', select=("DV901",))
    assert [f.code for f in result.findings] == ["DV000"]


def test_an_unknown_fixture_is_a_collection_error(tmp_path):
    with pytest.raises(UsageError) as info:
        check_with_rules(tmp_path, '''
            from dvlint import rule

            @rule("DV901", "wants-nothing-real", vi="x", en="x")
            def wants(nonexistent_fixture):
                return []
        ''')
    assert "nonexistent_fixture" in info.value.message.en and "DV901" in info.value.message.en


def test_a_duplicate_code_is_a_collection_error(tmp_path):
    with pytest.raises(UsageError) as info:
        check_with_rules(tmp_path, '''
            from dvlint import rule

            @rule("DV101", "clash", vi="x", en="x")
            def clash(document):
                return []
        ''')
    assert "DV101" in info.value.message.en and "twice" in info.value.message.en


def test_a_broken_rule_module_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as info:
        check_with_rules(tmp_path, "import nonexistent_module_xyz\n")
    assert "nonexistent_module_xyz" in info.value.message.en


def test_rules_asking_for_an_absent_part_do_not_run(tmp_path):
    result = check_with_rules(tmp_path, '''
        from dvlint import Problem, rule

        @rule("DV901", "needs-signature", vi="x", en="x")
        def needs_signature(signature):
            yield Problem(signature.path, vi="x", en="x")

        @rule("DV902", "needs-template", vi="x", en="x")
        def needs_template(template):
            yield Problem(None, vi="x", en="x")
    ''', select=("DV90",))
    assert result.findings == []


def test_a_rules_folder_module_can_add_fixtures_like_a_conftest(tmp_path):
    result = check_with_rules(tmp_path, '''
        from dvlint import Problem, hookimpl, rule

        @hookimpl
        def dvlint_fixtures():
            return {"word_count": lambda ctx: len((ctx.loaded.report.document.title or "").split())}

        @rule("DV901", "counts", vi="x", en="x", severity="info")
        def counts(word_count, document):
            yield Problem(document.path, vi=str(word_count), en=str(word_count))
    ''', text=REPORT + "  title: Báo cáo năm 2020\n", select=("DV901",))
    assert result.findings[0].message.en == "4"


def test_process_findings_hook_can_drop_findings(tmp_path):
    class DropDrafts:
        @hookimpl
        def dvlint_process_findings(self, result, config):
            result.findings[:] = [f for f in result.findings if f.code != "DV201"]

    report = tmp_path / "r.yaml"
    report.write_text("document:\n  kind: BÁO CÁO\n  date: ngày tháng năm 2020\n", encoding="utf-8")
    plugin = DropDrafts()
    plugin_manager().register(plugin)
    try:
        result = Checker({"select": ("DV201",)}, today=TODAY).check_file(report)
    finally:
        plugin_manager().unregister(plugin)
    assert result.findings == []


def _specs():
    return new_engine(Settings(), today=TODAY).all_rules


@pytest.mark.parametrize("select, ignore, keyword, expected", [
    (("DV4",), (), None, ["DV401", "DV402", "DV403", "DV404", "DV405", "DV406", "DV407", "DV408", "DV409"]),
    (("DV4", "DV501"), ("DV40",), None, ["DV501"]),
    (("DV401",), ("DV4",), None, ["DV401"]),
    (None, ("DV1", "DV2", "DV3", "DV4", "DV6", "DV7", "DV8"), None, ["DV501", "DV502", "DV503", "DV504", "DV505", "DV506",
                                                      "DV507", "DV508", "DV509"]),
    (None, (), "signature and not (present or signer)", ["DV402", "DV403", "DV404", "DV406", "DV407"]),
    (None, (), "name", ["DV405", "DV409"]),
    (None, (), "archive and not date", ["DV502", "DV505"]),
    (None, (), "DV20", ["DV201", "DV202", "DV203", "DV204", "DV205", "DV206", "DV207", "DV208", "DV209"]),
    # DV704 asks more than the decree: only its own code turns it on, never the default or a family
    (("DV7",), (), None, ["DV701", "DV702", "DV703", "DV705", "DV708"]),
    (None, (), "abbreviation", []),
    (("DV7", "DV704"), (), None, ["DV701", "DV702", "DV703", "DV704", "DV705", "DV708"]),
])
def test_selection(select, ignore, keyword, expected):
    chosen = select_rules(_specs(), select, ignore, keyword)
    assert [s.code for s in chosen] == expected


@pytest.mark.parametrize("bad", ["and", "(date", "date or", "not"])
def test_bad_keyword_expressions_are_usage_errors(bad):
    with pytest.raises(UsageError):
        compile_keyword(bad)


def test_rule_metadata_is_validated():
    with pytest.raises(ValueError):
        rule("DV12", "x", vi="x", en="x")
    with pytest.raises(ValueError):
        rule("DV123", "x", vi="x", en="x", severity="fatal")


def test_every_builtin_rule_is_documented_in_both_languages():
    from dvlint.output.docs import doc_sections

    for spec in _specs():
        sections = doc_sections(spec.doc)
        for key in ("vi", "en", "fails", "passes"):
            assert sections.get(key), f"{spec.code} has no '{key}' section"
        assert spec.summary.vi and spec.summary.en and spec.summary.vi != spec.summary.en

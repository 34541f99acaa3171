"""Scoring: weights, the per-rule cap, the floor, grade bands, overrides."""

from __future__ import annotations

import pytest

from conftest import TODAY
from dvlint.engine import scoring
from dvlint.knowledge.data import GradeBand, default_scoring
from dvlint.engine.core import Finding
from dvlint.i18n import Msg
from dvlint.app.runner import Checker


def finding(code, weight):
    return Finding(code, "name", "error", Msg("x", "x"), 1, 1, None, weight)


BANDS = default_scoring().grades


def test_score_is_100_minus_weights():
    result = scoring.score([finding("DV101", 3), finding("DV201", 5)], 15, BANDS)
    assert result.value == 92
    assert [d.code for d in result.deductions] == ["DV201", "DV101"]


def test_one_rule_deducts_at_most_the_cap():
    result = scoring.score([finding("DV502", 5)] * 10, 15, BANDS)
    assert result.value == 85
    [deduction] = result.deductions
    assert deduction.capped and deduction.count == 10 and deduction.uncapped == 50


def test_score_never_goes_below_zero():
    findings = [finding(f"DV{n:03d}", 15) for n in range(100, 110)]
    assert scoring.score(findings, 15, BANDS).value == 0


def test_grade_bands():
    def grade(value):
        return scoring.grade_for(value, BANDS).vi
    assert grade(100) == grade(90) == "Hoàn thành xuất sắc"
    assert grade(89.5) == "Hoàn thành tốt"
    assert grade(50) == "Hoàn thành"
    assert grade(0) == "Không hoàn thành"


def test_zero_weight_findings_deduct_nothing():
    assert scoring.score([finding("DV000", 0)], 15, BANDS).deductions == ()


def _score(tmp_path, text, **overrides):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return Checker(overrides, today=TODAY).check_file(path)


DRAFT = "document:\n  kind: BÁO CÁO\n  number: 'Số: /BC-SKHCN'\n  date: ngày 05 tháng 3 năm 2020\nsignature: {title: GIÁM ĐỐC, name: A}\nrecipients: {heading: 'Nơi nhận:', lines: ['- Lưu: VT.']}\n"


def test_config_weights_override_defaults(tmp_path):
    only = {"select": ("DV101",)}
    assert _score(tmp_path, DRAFT, **only).score.value == 97
    assert _score(tmp_path, DRAFT, weights=(("DV1", 10.0),), **only).score.value == 90
    assert _score(tmp_path, DRAFT, weights=(("DV1", 10.0), ("DV101", 1.0)), **only).score.value == 99


def test_template_weights_and_bands_apply(tmp_path):
    template = tmp_path / "strict.yaml"
    template.write_text(
        "name: strict\ntitle: Mẫu nghiêm\nscoring:\n  weights: {DV101: 40}\n  per_rule_cap: 50\n"
        "  grades:\n    - {min: 80, vi: Đạt, en: Pass}\n    - {min: 0, vi: Không đạt, en: Fail}\n",
        encoding="utf-8",
    )
    result = _score(tmp_path, DRAFT, template=str(template), ignore=_all_but("DV101"))
    assert result.template == "strict"
    assert result.score.value == 60
    assert result.score.grade.vi == "Không đạt"


def test_config_grades_apply(tmp_path):
    bands = (GradeBand(min=98, vi="A", en="A"), GradeBand(min=0, vi="B", en="B"))
    assert _score(tmp_path, DRAFT, grades=bands, ignore=_all_but("DV101")).score.grade.vi == "B"
    assert _score(tmp_path, DRAFT, grades=bands, select=("DV101",)).score.grade is None  # selected rules: no grade


def _all_but(code: str) -> tuple[str, ...]:
    """Every rule ignored but one: the whole check with one rule left, which is graded (a --select is not)."""
    from dvlint.app import new_engine
    from dvlint.engine.config import Settings

    return tuple(spec.code for spec in new_engine(Settings(), TODAY).all_rules if spec.code != code)


def test_an_informational_finding_costs_nothing(tmp_path):
    """A rule's Problem(severity="info"), and a built-in rule set to info in the configuration, deduct nothing
    (they used to deduct the rule's weight: DV101 = "info" still cost 3 points)."""
    from conftest import FIXTURES, run_json

    (tmp_path / "dvlint.toml").write_text('[severity]\nDV101 = "info"\n', encoding="utf-8")
    report = tmp_path / "report.yaml"
    report.write_text((FIXTURES / "clean-state-report.yaml").read_text(encoding="utf-8")
                      .replace('number: "Số: 85/BC-SKHCN"', 'number: "Số: /BC-SKHCN"'), encoding="utf-8")
    _, out = run_json("check", str(report), "--config", str(tmp_path / "dvlint.toml"))
    findings = out["reports"][0]["findings"]
    assert [(f["code"], f["severity"], f["weight"]) for f in findings] == [("DV101", "info", 0.0)]
    assert out["reports"][0]["score"] == 100 and out["reports"][0]["deductions"] == []
    from dvlint.engine.scoring import score

    class Info:
        code, name, severity, weight = "DV999", "x", "info", 5.0

    assert score([Info()], 20, []).value == 100


def _without_signature(tmp_path):
    from conftest import FIXTURES

    lines, out, skip = (FIXTURES / "clean-state-report.yaml").read_text(encoding="utf-8").split("\n"), [], False
    for line in lines:
        skip = line.startswith("signature:") or (skip and (not line or line.startswith(" ")))
        if not skip:
            out.append(line)
    path = tmp_path / "no-signature.yaml"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def test_a_missing_mandatory_element_caps_the_grade_where_the_final_document_is_graded(tmp_path):
    """95/100 without a signature is not "Excellent" for a final document (scoring.yaml, grade_caps)."""
    from conftest import run_cli, run_json

    report = _without_signature(tmp_path)
    _, draft = run_json("check", str(report), "--lang", "en")
    assert (draft["reports"][0]["score"], draft["reports"][0]["grade"]) == (95, "Excellent")  # a writer's draft
    _, final = run_json("check", str(report), "--final", "--lang", "en")
    assert (final["reports"][0]["score"], final["reports"][0]["grade"]) == (95, "Satisfactory")
    explained = run_cli("check", str(report), "--final", "--explain-score", "--lang", "en").stdout
    assert "graded as a score of at most 69: no signature block (DV401)" in explained
    scored = run_cli("score", str(report), "--lang", "en").stdout
    assert "95  Satisfactory" in scored


def test_a_blank_left_for_signing_does_not_cap_the_grade():
    findings = [Finding("DV101", "number-present", "error", Msg("x", "x"), 1, 1, "document.number", 3.0, draft=True)]
    caps = default_scoring().grade_caps
    assert scoring.score(findings, 15, default_scoring().grades, caps=caps).grade.en == "Excellent"
    absent = [Finding("DV101", "number-present", "error", Msg("x", "x"), 1, 1, "document", 3.0)]
    capped = scoring.score(absent, 15, default_scoring().grades, caps=caps)
    assert capped.value == 97 and capped.grade.en == "Satisfactory" and [c.code for c in capped.grade_caps] == ["DV101"]


def test_an_untouched_skeleton_is_not_graded_good_when_graded_as_final(tmp_path):
    """`dvlint init`'s skeleton, every part a placeholder (each reported once, by DV708, within its per-rule cap):
    a placeholder left caps the grade of a final document as a missing signature does (grade_caps: DV708)."""
    from conftest import run_cli, run_json

    assert run_cli("init", "--template", "qcdc-report", "-o", "bc.yaml", cwd=tmp_path).returncode == 0
    _, draft = run_json("check", str(tmp_path / "bc.yaml"), "--lang", "en")
    codes = [f["code"] for f in draft["reports"][0]["findings"]]
    assert codes.count("DV708") > 10, codes
    assert draft["reports"][0]["grade"] == "Good"  # a writer's draft is graded on its score
    _, final = run_json("check", str(tmp_path / "bc.yaml"), "--final", "--lang", "en")
    assert final["reports"][0]["grade"] in ("Satisfactory", "Not satisfactory"), final["reports"][0]
    explained = run_cli("check", str(tmp_path / "bc.yaml"), "--final", "--explain-score", "--lang", "en").stdout
    assert "a placeholder <...> left unfilled (DV708)" in explained


# --- the family cap and the presentation sub-score (scoring.yaml, family_caps; issue 20) ----------------------

PRESENTATION = next(f for f in default_scoring().family_caps if f.family == "DV8")


def _presentation_defects():
    """Every DV8 rule over its per-rule cap, beside an ordinary warning."""
    return [finding(f"DV80{n}", 3) for n in range(1, 9) for _ in range(6)] + [finding("DV305", 2)]


def test_the_presentation_family_deducts_at_most_its_cap():
    result = scoring.score(_presentation_defects(), 15, BANDS, families=[(PRESENTATION, True)])
    dv8 = [d for d in result.deductions if d.code.startswith("DV8")]
    assert round(sum(d.points for d in dv8), 2) == PRESENTATION.cap
    assert result.value == 100 - PRESENTATION.cap - 2
    assert all(d.capped and d.uncapped == 18 for d in dv8)  # 6 x 3, each also over the per-rule cap (15)
    assert round(sum(d.points for d in result.deductions), 2) == round(100 - result.value, 2)
    assert [d.code for d in result.deductions][0] == "DV305"  # the ordinary warning is not scaled


def test_the_family_cap_scales_in_proportion_and_adds_up_exactly():
    findings = [finding("DV801", 3)] * 2 + [finding("DV802", 2)] + [finding("DV803", 1)] * 1
    result = scoring.score(findings, 15, BANDS, families=[(PRESENTATION, True)])  # 6 + 2 + 1 = 9 -> 5
    points = {d.code: d.points for d in result.deductions}
    assert points == {"DV801": 3.33, "DV802": 1.11, "DV803": 0.56}
    assert sum(points.values()) == pytest.approx(5) and result.value == 95


def test_under_its_cap_a_family_deducts_as_before():
    findings = [finding("DV801", 3), finding("DV101", 3)]
    capped = scoring.score(findings, 15, BANDS, families=[(PRESENTATION, True)])
    assert capped.value == scoring.score(findings, 15, BANDS).value == 94
    assert not any(d.capped for d in capped.deductions)


def test_the_sub_score_is_100_less_the_familys_own_deductions_per_rule_capped():
    result = scoring.score(_presentation_defects(), 15, BANDS, families=[(PRESENTATION, True)])
    sub = result.subscore("DV8")
    assert sub.checked and sub.value == 0  # 8 x 15 per-rule capped: 120, floored at 0
    two = scoring.score([finding("DV801", 3), finding("DV807", 2), finding("DV101", 3)], 15, BANDS,
                        families=[(PRESENTATION, True)])
    assert two.subscore("DV8").value == 95 and two.value == 92
    clean = scoring.score([finding("DV101", 3)], 15, BANDS, families=[(PRESENTATION, True)])
    assert clean.subscore("DV8").value == 100


def test_no_sub_score_where_the_family_did_not_apply():
    result = scoring.score([finding("DV101", 3)], 15, BANDS, families=[(PRESENTATION, False)])
    sub = result.subscore("DV8")
    assert sub is not None and sub.value is None and not sub.checked
    assert scoring.score([finding("DV101", 3)], 15, BANDS).subscore("DV8") is None  # no family cap in force


def test_a_score_with_sub_scores_survives_pickling():
    """Results cross process boundaries in ``score -j2``."""
    import pickle

    result = scoring.score(_presentation_defects(), 15, BANDS, families=[(PRESENTATION, True)])
    again = pickle.loads(pickle.dumps(result))
    assert again == result and again.subscore("DV8").value == 0


def test_the_engine_says_whether_presentation_applied(tmp_path):
    """A YAML report has no layout: the DV8xx rules are skipped and presentation is not checked; with no
    DV8 rule selected there is no sub-score at all."""
    from conftest import FIXTURES

    report = FIXTURES / "clean-state-report.yaml"
    whole = Checker({}, today=TODAY).check_file(report).score
    assert whole.subscore("DV8") is not None and whole.subscore("DV8").value is None
    selected = Checker({"select": ("DV1",)}, today=TODAY).check_file(report).score
    assert selected.subscore("DV8") is None


def test_family_caps_are_validated_with_a_location(tmp_path):
    from dvlint.knowledge.data import DataFileError, Scoring, load_model_file

    good = "grades:\n  - {min: 0, vi: A, en: A}\nfamily_caps:\n  - {family: DV8, cap: 5, vi: a, en: b, unchecked: {vi: a, en: b}}\n"
    path = tmp_path / "scoring.yaml"
    path.write_text(good, encoding="utf-8")
    assert load_model_file(path, Scoring).family_caps[0].cap == 5
    for typo, where in (("cap: 5,", "cap: năm,"), ("family: DV8", "family: dv8"), ("cap: 5,", "cap: -1,")):
        path.write_text(good.replace(typo, where), encoding="utf-8")
        with pytest.raises(DataFileError) as caught:
            load_model_file(path, Scoring)
        assert caught.value.error.line == 4, caught.value
    path.write_text(good + "  - {family: DV80, cap: 2, vi: a, en: b, unchecked: {vi: a, en: b}}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="overlap"):
        load_model_file(path, Scoring)


LOOKS_RULE = '''from dvlint import Problem, rule


@rule("DV899", "looks-stand-in", vi="x", en="x", severity="warning", weight=4)
def looks(document):
    """A DV8 rule that needs no .docx: it stands in for the presentation rules on a YAML report."""
    for _ in range(2):
        yield Problem(document.field_path("number"), vi="trình bày", en="looks")
        yield Problem(document.path, vi="trình bày 2", en="looks 2")
'''


def _with_looks(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "looks.py").write_text(LOOKS_RULE, encoding="utf-8")
    (tmp_path / "dvlint.toml").write_text('rules = ["rules"]\n', encoding="utf-8")
    from conftest import FIXTURES

    report = tmp_path / "report.yaml"
    report.write_text((FIXTURES / "clean-state-report.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return report, tmp_path / "dvlint.toml"


def test_check_shows_the_presentation_sub_score_beside_the_score(tmp_path):
    from conftest import run_cli, run_json

    report, config = _with_looks(tmp_path)
    text = run_cli("check", str(report), "--config", str(config), "--explain-score", "--lang", "en").stdout
    assert f"{report}: Score: 95/100 — Excellent · presentation 92/100 (0 errors, 2 warnings, 0 infos)" in text
    assert "−5 points  DV899 looks-stand-in (2×, capped)" in text
    assert "DV8xx (presentation) deduct at most 5 points together" in text
    assert "not checked" not in text
    vi = run_cli("check", str(report), "--config", str(config)).stdout
    assert "Điểm: 95/100 — Hoàn thành xuất sắc · trình bày 92/100 (" in vi
    _, out = run_json("check", str(report), "--config", str(config))
    [result] = out["reports"]
    assert (result["score"], result["presentation_score"], result["presentation_checked"]) == (95, 92, True)
    [deduction] = result["deductions"]
    assert (deduction["points"], deduction["capped"]) == (5, True)


def test_check_says_once_that_presentation_was_not_checked_in_a_file_that_is_no_docx(tmp_path):
    from conftest import FIXTURES, run_cli, run_json

    report = FIXTURES / "clean-state-report.yaml"
    text = run_cli("check", str(report), str(FIXTURES / "clean-party-report.yaml"), "--lang", "en").stdout
    assert text.count("presentation (DV8xx): not checked — only a .docx can be checked for it") == 2  # one per report
    assert "· presentation" not in text
    vi = run_cli("check", str(report)).stdout
    assert "  trình bày (DV8xx): không kiểm tra — chỉ kiểm tra được ở tệp .docx\n" in vi
    _, out = run_json("check", str(report))
    assert (out["reports"][0]["presentation_score"], out["reports"][0]["presentation_checked"]) == (None, False)
    selected = run_cli("check", str(report), "--select", "DV1", "--lang", "en").stdout
    assert "presentation" not in selected  # the DV8xx rules were not selected: nothing to say of them


def test_a_docx_is_checked_for_presentation_and_its_family_counts_at_most_its_cap():
    """A real .docx through the command line: the DV8xx rules run on its layout; its presentation defects cost
    the score 5 points at most, the sub-score shows them in full, the deductions add up to 100 - score."""
    from conftest import ROOT, run_cli, run_json

    docx = ROOT / "tests" / "bad_inputs" / "files" / "valid.docx"
    _, out = run_json("check", str(docx))
    [report] = out["reports"]
    assert report["presentation_checked"] is True
    dv8 = [d for d in report["deductions"] if d["code"].startswith("DV8")]
    own = 100 - report["presentation_score"]
    assert dv8 and own > PRESENTATION.cap  # this file has more presentation defects than the cap lets count
    assert round(sum(d["points"] for d in dv8), 2) == PRESENTATION.cap and all(d["capped"] for d in dv8)
    assert round(sum(d["points"] for d in report["deductions"]), 2) == round(100 - report["score"], 2)
    text = run_cli("check", str(docx)).stdout
    assert f"· trình bày {report['presentation_score']:g}/100 (" in text and "không kiểm tra" not in text

"""Templates: matching headings, choosing a template, extends, the commands."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, SEEDS, TODAY, run_cli, run_json
from dvlint.plugins.builtin import builtin_rules_dir
from dvlint.app.runner import Checker
from dvlint.knowledge.templates import Library, heading_matches

LIBRARY = Library([builtin_rules_dir() / "templates"])

# (template, heading as written in the seeds or in their variants, the parts it must match)
HEADINGS = [
    ("multi-year-review", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO THỰC HIỆN QUYẾT ĐỊNH SỐ 290-QĐ/TW, QUYẾT ĐỊNH SỐ 762-QĐ/TU", {"leadership"}),
    ("multi-year-review", "1. Công tác chỉ đạo, triển khai tổ chức thực hiện", {"leadership"}),
    ("multi-year-review", "2. Sự chuyển biến về nhận thức và hành động của hệ thống chính trị đối với việc thực hiện Quyết định", set()),
    ("multi-year-review", "II. KẾT QUẢ THỰC HIỆN QUYẾT ĐỊNH SỐ 290-QĐ/TW, QUYẾT ĐỊNH SỐ 762-QĐ/TU", {"results"}),
    ("multi-year-review", "1. Đánh giá kết quả lãnh đạo của cấp ủy, tổ chức đảng, các cơ quan", set()),
    ("multi-year-review", "1.1. Việc xây dựng kế hoạch cụ thể tổ chức thực hiện các Chủ trương, nghị quyết của Đảng", set()),
    ("multi-year-review", "1.3. Việc thực hiện Quy chế dân chủ trong cơ quan đơn vị", set()),
    ("multi-year-review", "2. Về phân công cán bộ phụ trách dân vận", set()),
    ("multi-year-review", "III. ĐÁNH GIÁ CHUNG", {"assessment"}),
    ("multi-year-review", "1. Kết quả đạt được và nguyên nhân", {"strengths", "causes"}),
    ("multi-year-review", "2. Hạn chế, tồn tại và nguyên nhân", {"limits", "causes"}),
    ("qcdc-report", "1. Khái quát đặc điểm tình hình", set()),
    ("qcdc-report", "2. Công tác lãnh đạo, chỉ đạo của cấp ủy, tổ chức đảng, chính quyền", {"leadership"}),
    ("qcdc-report", "a) Việc tổ chức quán triệt, triển khai thực hiện các quan điểm, chủ trương của Đảng", set()),
    ("qcdc-report", "b) Công tác tuyên truyền nâng cao nhận thức của cấp ủy, chính quyền", set()),
    ("qcdc-report", "3. Kết quả thực hiện dân chủ ở cơ sở", {"results"}),
    ("qcdc-report", "4. Đánh giá chung", {"assessment"}),
    ("qcdc-report", "4.1. Những kết quả đạt được và nguyên nhân", {"strengths", "causes"}),
    ("qcdc-report", "a) Những kết quả đạt được", {"strengths"}),
    ("qcdc-report", "b) Nguyên nhân đạt được", {"causes"}),
    ("qcdc-report", "4.2. Những hạn chế, yếu kém và nguyên nhân", {"limits", "causes"}),
    ("qcdc-report", "5. Nhiệm vụ trọng tâm quý IV 2024", {"direction"}),
    ("dvcq-plan", "I. MỤC ĐÍCH, YÊU CẦU", {"purpose"}),
    ("dvcq-plan", "II. NỘI DUNG THỰC HIỆN", {"content"}),
    ("dvcq-plan", "1. Công tác lãnh đạo, chỉ đạo", set()),
    ("dvcq-plan", "2. Công tác tuyên truyền, quán triệt", set()),
    ("dvcq-plan", "3. Thực hiện cải cách hành chính; tinh giản biên chế, sắp xếp tổ chức bộ máy", set()),
    ("dvcq-plan", "4. Việc nâng cao đạo đức công vụ, tinh thần trách nhiệm, kỷ luật, kỷ cương", set()),
    ("dvcq-plan", "5. Công tác phối hợp, tạo điều kiện để Mặt trận Tổ quốc Việt Nam", set()),
    ("dvcq-plan", "6. Công tác tiếp dân, xử lý đơn thư và giải quyết khiếu nại, tố cáo", set()),
    ("dvcq-plan", "III. TỔ CHỨC THỰC HIỆN", {"organisation"}),
    ("dvcq-plan", "1. Ban Giám đốc Sở", set()),
    ("dvcq-plan", "2. Các phòng thuộc Sở", set()),
    ("dvcq-report", "## **III. ĐÁNH GIÁ CHUNG**", {"assessment"}),
    ("dvcq-report", "II- ĐÁNH GIÁ CHUNG:", {"assessment"}),
    ("dvcq-report", "ĐÁNH GIÁ CHUNG", {"assessment"}),
    ("dvcq-report", "Đánh giá chung", {"assessment"}),
    ("dvcq-report", "I- KẾT QUẢ THỰC HIỆN", {"results"}),
    ("dvcq-report", "III- PHƯƠNG HƯỚNG, NHIỆM VỤ", {"direction"}),
    ("dvcq-report", "IV. KIẾN NGHỊ, ĐỀ XUẤT", {"proposals"}),
    ("qcdc-report", "Kết quả thực hiện dân chủ\nở cơ sở", {"results"}),
    ("qcdc-report", "4.2. Những hạn chế, yếu kém\nvà nguyên nhân", {"limits", "causes"}),
    ("dvcq-plan", "MỤC ĐÍCH YÊU CẦU", {"purpose"}),
    ("dvcq-plan", "III. TỔ CHỨC THỰC HIỆN:", {"organisation"}),
]


def matched_parts(template_name: str, heading: str) -> set[str]:
    template = LIBRARY.get(template_name)
    parts = [*template.sections, *(sub for section in template.sections for sub in section.subsections)]
    return {part.key for part in parts if heading_matches(heading, part.names)}


@pytest.mark.parametrize("template, heading, expected", HEADINGS, ids=[h[1][:40] for h in HEADINGS])
def test_heading_matches_exactly_its_parts(template, heading, expected):
    assert matched_parts(template, heading) == expected


def test_at_least_forty_real_headings():
    assert len(HEADINGS) >= 40


@pytest.mark.parametrize("path, template", [
    (FIXTURES / "dong-thap-2020-tong-ket-10-nam-290.yaml", "multi-year-review"),
    (FIXTURES / "hung-yen-2024-qcdc-9-thang.yaml", "hung-yen-qcdc-report"),
    (FIXTURES / "dak-nong-2023-ke-hoach-dvcq.yaml", "dvcq-plan"),
    (SEEDS / "hung-yen-2024-qcdc-9-thang.md", "hung-yen-qcdc-report"),
    (FIXTURES / "clean-state-report.yaml", "dvcq-report"),
    (FIXTURES / "clean-party-report.yaml", "party-periodic-report"),
])
def test_seeds_are_matched_to_their_template(path, template):
    result = Checker({}, today=TODAY).check_file(path)
    assert result.template == template
    assert not [f for f in result.findings if f.code in ("DV303", "DV304", "DV305", "DV306", "DV509")]


@pytest.mark.parametrize("kind, title, template", [
    ("KẾ HOẠCH", "Thực hiện công tác dân vận chính quyền năm 2026", "dvcq-plan"),
    ("KẾ HOẠCH", "Cải cách hành chính năm 2026 của tỉnh Lâm Đồng", None),  # a plan, but not on dân vận
    ("BÁO CÁO", "Tổng kết 10 năm thực hiện Quyết định số 290-QĐ/TW", "multi-year-review"),
    ("BÁO CÁO", "Tổng kết nhiệm kỳ IV của Hiệp hội Doanh nghiệp tỉnh", None),  # a review, but not of dân vận work
])
def test_a_template_is_for_reports_on_its_subject(tmp_path, kind, title, template):
    report = tmp_path / "r.yaml"
    report.write_text(f"document: {{kind: {kind}, title: '{title}'}}\nsections: []\n", encoding="utf-8")
    assert Checker({}, today=TODAY).check_file(report).template == template


def test_the_subject_may_be_named_by_the_issuer_or_the_addressee(tmp_path):
    """A Party committee's periodic report sent to its Ban Dân vận is on dân vận, whatever its title."""
    report = tmp_path / "r.yaml"
    report.write_text("document: {kind: BÁO CÁO, number: Số 15-BC/ĐU, title: 'Kết quả 6 tháng đầu năm 2024',\n"
                      "           addressees: [Ban Dân vận Tỉnh ủy]}\nsections: []\n", encoding="utf-8")
    result = Checker({"lang": "en"}, today=TODAY).check_file(report)
    assert result.template == "party-periodic-report"
    assert result.template_reason.en.startswith("type report, the addressee has 'dân vận'")


def test_with_no_template_the_ranking_says_the_general_rules_apply(tmp_path):
    (tmp_path / "cchc.yaml").write_text(
        "document: {kind: KẾ HOẠCH, title: 'Cải cách hành chính năm 2026'}\nsections: []\n", encoding="utf-8")
    proc = run_cli("score", str(tmp_path), "--lang", "en", "--csv", str(tmp_path / "r.csv"), "--json", str(tmp_path / "r.json"))
    assert proc.returncode in (0, 1), proc.stderr
    import csv
    import json

    [row] = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8-sig")))
    assert row["Template"] == "(general rules)"
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["reports"][0]
    assert (report["template"], report["template_reason"]) == (None, "no template fits: the general rules alone apply")


def test_a_missing_limits_part_is_named(tmp_path):
    report = tmp_path / "r.yaml"
    report.write_text(
        "document: {kind: BÁO CÁO, title: Kết quả thực hiện Quy chế dân chủ ở cơ sở năm 2024}\n"
        "sections:\n"
        "  - {label: 'I.', heading: 'Công tác lãnh đạo, chỉ đạo', paragraphs: [x]}\n"
        "  - {label: 'II.', heading: Kết quả thực hiện, paragraphs: [x]}\n"
        "  - label: 'III.'\n    heading: ĐÁNH GIÁ CHUNG\n"
        "    children: [{label: '1.', heading: Ưu điểm và nguyên nhân, paragraphs: [x]}]\n"
        "  - {label: 'IV.', heading: Phương hướng nhiệm vụ năm 2025, paragraphs: [x]}\n", encoding="utf-8")
    result = Checker({"select": ("DV305",)}, today=TODAY).check_file(report)
    assert result.template == "qcdc-report"
    assert [f.message.vi for f in result.findings] == ["Phần 'ĐÁNH GIÁ CHUNG' thiếu ý 'Hạn chế' theo mẫu 'qcdc-report'"]


def test_extends_adds_and_removes(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "name: mine\nextends: qcdc-report\nremove: [proposals, leadership]\n"
        "sections:\n  - {key: extra, label: Kết quả phong trào Dân vận khéo}\n"
        "recipients:\n  - {label: Sở Nội vụ}\n", encoding="utf-8")
    library = Library([builtin_rules_dir() / "templates", tmp_path])
    mine = library.get("mine")
    assert [s.key for s in mine.sections] == ["results", "assessment", "direction", "extra"]
    assert mine.applies_to == library.get("qcdc-report").applies_to
    assert [r.label for r in mine.recipients] == ["Sở Nội vụ"]


def test_templates_commands(tmp_path):
    listed = run_cli("templates").stdout
    assert "hung-yen-qcdc-report | báo cáo, 'quy chế dân chủ', 'dân chủ ở cơ sở', Hưng Yên | 11 | qcdc-report" in listed
    shown = run_cli("templates", "show", "hung-yen-qcdc-report").stdout
    assert "extends: qcdc-report" in shown and "key: assessment" in shown  # resolved: inherited sections shown
    local = tmp_path / "tpl"
    local.mkdir()
    (local / "strict.yaml").write_text("name: strict\napplies_to: {kinds: [báo cáo], priority: 9}\n"
                                       "sections: [{key: annex, label: Phụ lục số liệu}]\n", encoding="utf-8")
    proc, out = run_json("check", str(FIXTURES / "clean-state-report.yaml"), "--templates", str(local))
    assert out["reports"][0]["template"] == "strict"
    assert [f["code"] for f in out["reports"][0]["findings"]] == ["DV303"]
    proc, out = run_json("check", str(FIXTURES / "clean-state-report.yaml"), "--templates", str(local),
                         "--template", "dvcq-report")
    assert out["reports"][0]["template"] == "dvcq-report" and out["reports"][0]["template_reason"] == "chọn bằng --template"


def test_template_check_reports_mistakes_with_lines(tmp_path):
    good = run_cli("template", "check", str(builtin_rules_dir() / "templates" / "hung-yen-qcdc-report.yaml"))
    assert good.returncode == 0 and "hợp lệ, 11 yêu cầu" in good.stdout
    plural = run_cli("templates", "check", str(builtin_rules_dir() / "templates" / "hung-yen-qcdc-report.yaml"))
    assert plural.returncode == 0 and "hợp lệ, 11 yêu cầu" in plural.stdout  # 'templates check' does the same
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nsections:\n  - {key: a, labl: Kết quả}\n", encoding="utf-8")
    proc = run_cli("template", "check", str(bad), "--lang", "en")
    assert proc.returncode == 2
    assert f"{bad}:3:5: invalid template: missing required field 'sections[0].label'\n" in proc.stderr  # every error,
    assert f"{bad}:3:14: invalid template: unknown key 'sections[0].labl'; did you mean 'label'?" in proc.stderr  # each
    bad.write_text("name: bad\nsections:\n  - {key: a, label: x, mins: 3}\n", encoding="utf-8")
    proc = run_cli("template", "check", str(bad), "--lang", "en")
    assert f"{bad}:3:24: invalid template: unknown key 'sections[0].mins'; did you mean 'min_chars'?" in proc.stderr
    bad.write_text("name: bad\nindicators:\n  - {key: a, label: Số cuộc, type: percnt}\n", encoding="utf-8")
    proc = run_cli("template", "check", str(bad))  # a clerk's words, not pydantic's pattern
    assert (f"{bad}:3:36: mẫu không hợp lệ: 'indicators[0].type' phải là một trong: count, percent, money, date, "
            "yesno, không phải 'percnt'; có phải ý bạn là 'percent'?") in proc.stderr, proc.stderr


def test_the_worked_example_in_the_docs_is_a_valid_template(tmp_path):
    import re

    from conftest import ROOT

    doc = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n# mau/quang-ngai-dvcq-2025.yaml\n(.*?)```", doc, re.S).group(1)
    (tmp_path / "quang-ngai-dvcq-2025.yaml").write_text(example, encoding="utf-8")
    proc = run_cli("template", "check", str(tmp_path / "quang-ngai-dvcq-2025.yaml"))
    assert proc.returncode == 0, proc.stderr
    library = Library([builtin_rules_dir() / "templates", tmp_path])
    example_template = library.get("quang-ngai-dvcq-2025")
    assert [s.key for s in example_template.sections] == ["results", "assessment", "direction", "dan_van_kheo"]


@pytest.mark.parametrize("name", LIBRARY.names())
def test_init_writes_a_skeleton_that_fails_only_on_its_placeholders(tmp_path, name):
    out = tmp_path / "report.yaml"
    proc = run_cli("init", "--template", name, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    proc, data = run_json("check", str(out))
    report = data["reports"][0]
    assert report["error"] is None  # the skeleton passes the schema
    assert report["template"] == name  # and its template is the one chosen for it
    assert {f["code"] for f in report["findings"]} == {"DV101", "DV201", "DV708"}
    assert run_cli("init", "--template", name, "-o", str(out)).returncode == 2  # no overwrite without --force


def test_a_requirement_can_weigh_more_than_its_rule(tmp_path):
    template = tmp_path / "heavy.yaml"
    template.write_text("name: heavy\nsections:\n  - {key: results, label: Kết quả thực hiện, weight: 12}\n"
                        "  - {key: direction, label: Phương hướng}\n", encoding="utf-8")
    report = tmp_path / "r.yaml"
    report.write_text("document: {kind: BÁO CÁO}\n", encoding="utf-8")
    result = Checker({"template": str(template), "select": ("DV303",)}, today=TODAY).check_file(report)
    assert sorted(f.weight for f in result.findings) == [8.0, 12.0]  # the rule's default is 8
    assert result.score.value == 100 - 15  # the per-rule cap still holds


def test_each_heading_is_compared_with_each_template_part_once_per_report(tmp_path, monkeypatch):
    """The four rules that ask where the template's parts are share one answer (the
    ``template_sections`` fixture): asking each time compared a 20,000-line text's every
    heading with every name fifteen times over (11 s for one file)."""
    import dvlint.knowledge.templates as templates

    headings = [f"Mục số {n} về việc khác" for n in range(40)]
    sections = "\n".join(f"  - {{label: '{n + 1}.', heading: '{h}', paragraphs: [Nội dung.]}}" for n, h in enumerate(headings))
    report = tmp_path / "r.yaml"
    report.write_text("document: {kind: BÁO CÁO, title: 'Kết quả thực hiện Quy chế dân chủ ở cơ sở 9 tháng năm 2024'}\n"
                      f"sections:\n{sections}\n", encoding="utf-8")
    asked: list[str] = []
    real = templates.heading_matches
    monkeypatch.setattr(templates, "heading_matches", lambda heading, names: asked.append(heading) or real(heading, names))
    result = Checker({}, today=TODAY).check_file(report)
    template = LIBRARY.get(result.template)
    assert {f.code for f in result.findings} >= {"DV303"}
    assert asked.count(headings[0]) == len(template.sections)


FIGURES_TEMPLATE = """\
name: tinh-x-dvcq
extends: dvcq-report
title: Báo cáo công tác dân vận chính quyền (tỉnh X)
applies_to:
  kinds: [báo cáo]
  provinces: [Lâm Đồng]
  title_patterns: [dân vận chính quyền]
indicators:
  - {key: dialogues_held, label: Số cuộc đối thoại với nhân dân năm 2025, type: count, unit: cuộc, min: 0}
  - {key: satisfaction, label: Tỷ lệ hài lòng, type: percent, max: 100}
  - {key: budget, label: Kinh phí, type: money}
  - {key: held_on, label: Ngày tổ chức hội nghị, type: date}
  - {key: has_plan, label: Có kế hoạch, type: yesno}
  - {key: optional_one, label: Không bắt buộc, required: false}
relations:
  - {left: dialogues_held, op: "<=", right: procedures_received}
"""


def _figures_template(tmp_path, given: str):
    """FIGURES_TEMPLATE saved in a folder of its own, and the options that name it: by its name and the
    folder (``given`` "name"), or by its file ("file")."""
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "tinh-x.yaml").write_text(FIGURES_TEMPLATE, encoding="utf-8")
    if given == "name":
        return folder, ["--template", "tinh-x-dvcq", "--templates", str(folder)]
    return folder, ["--template", str(folder / "tinh-x.yaml")]


@pytest.mark.parametrize("given", ["name", "file"])
def test_init_gives_every_required_figure_a_placeholder(tmp_path, given):
    """A template that asks for figures: the skeleton has an indicators block, and checking it gives only the
    placeholder findings (no DV601 for a missing figure, no DV602/DV603/DV604 for a placeholder's value)."""
    folder, how = _figures_template(tmp_path, given)
    out = tmp_path / "report.yaml"
    proc = run_cli("init", *how, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "\nindicators:" in text
    for key in ("dialogues_held", "satisfaction", "budget", "held_on", "has_plan",
                "procedures_received", "procedures_on_time"):  # the last two: inherited, asked of annual reports
        assert f"\n  {key}: {{value: \"<" in text
    assert "optional_one" not in text
    for title in (None, "Báo cáo kết quả công tác dân vận chính quyền năm 2025"):  # as written, and filled in
        if title:
            out.write_text(re.sub(r"(?m)^  title: .*$", f"  title: {title}", text), encoding="utf-8")
        proc, data = run_json("check", str(out), "--templates", str(folder))
        report = data["reports"][0]
        assert report["error"] is None and report["template"] == "tinh-x-dvcq"
        assert {f["code"] for f in report["findings"]} == {"DV101", "DV201", "DV708"}, report["findings"]
        lines = text.splitlines()
        figures = {f["line"] for f in report["findings"] if "<Tỷ lệ hài lòng" in f["message"] or
                   "<Số cuộc đối thoại" in f["message"]}
        assert {lines[n - 1].split(":")[0].strip() for n in figures} == {"satisfaction", "dialogues_held"}


def test_init_takes_a_template_file_as_check_does(tmp_path):
    plain = tmp_path / "plain.yaml"
    plain.write_text("name: plain\nsections:\n  - {key: results, label: Kết quả thực hiện}\n", encoding="utf-8")
    proc = run_cli("init", "--template", str(plain))
    assert proc.returncode == 0, proc.stderr
    assert 'heading: "KẾT QUẢ THỰC HIỆN"' in proc.stdout
    proc = run_cli("init", "--template", str(tmp_path / "missing.yaml"))
    assert proc.returncode == 2 and "missing.yaml" in proc.stderr


BROKEN_TEMPLATE = """\
name: tinh-x
extends: dvcq-report
sections:
  - {key: danh_gia, label: Đánh giá, ưu điểm}
  - key: x
    labl: y
indicators:
  - {key: b, label: B, type: counts}
"""


def test_template_check_lists_every_error(tmp_path):
    file = tmp_path / "tinh-x.yaml"
    file.write_text(BROKEN_TEMPLATE, encoding="utf-8")
    proc = run_cli("template", "check", str(file), "--lang", "en")
    assert proc.returncode == 2
    assert "more)" not in proc.stderr  # not "(and 3 more)": each error is there
    lines = [line.removeprefix("dvlint: ") for line in proc.stderr.strip().splitlines()]
    assert [line.split(": invalid template: ")[0] for line in lines] == [
        f"{file}:4:38", f"{file}:5:5", f"{file}:6:5", f"{file}:8:30"]
    assert "did you mean 'label'?" in lines[2] and "missing required field 'sections[1].label'" in lines[1]
    assert "indicators[0].type" in lines[3]


def test_a_comma_inside_braces_gets_a_hint_to_quote(tmp_path):
    file = tmp_path / "tinh-x.yaml"
    file.write_text(BROKEN_TEMPLATE, encoding="utf-8")
    proc = run_cli("template", "check", str(file), "--lang", "en")
    first, *others = proc.stderr.strip().splitlines()
    assert "unknown key 'sections[0].ưu điểm'" in first
    assert 'put the whole value in quotes: {label: "Đánh giá, ưu điểm"}' in first
    assert not any("quotes" in line for line in others)  # only where a comma cut a value
    file.write_text(BROKEN_TEMPLATE.replace("label: Đánh giá, ưu điểm", 'label: "Đánh giá, ưu điểm"'), encoding="utf-8")
    proc = run_cli("template", "check", str(file), "--lang", "vi")
    assert "ưu điểm" not in proc.stderr and "ngoặc kép" not in proc.stderr
    assert proc.stderr.count("mẫu không hợp lệ") == 3


@pytest.mark.parametrize("name", LIBRARY.names())
def test_every_placeholder_of_a_skeleton_left_alone_is_found(tmp_path, name):
    """Each place `dvlint init` leaves to fill in, the others filled: DV708 still finds it (the issuer's
    parent and name, the long placeholder padded to a part's least length, a figure, the recipients ...)."""
    proc = run_cli("init", "--template", name)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    places = [(number, m.start(), m.group(0)) for number, line in enumerate(lines, 1) if not line.startswith("#")
              for m in re.finditer(r"<[^<>\n]*>", re.sub(r"\s+#\s.*$", "", line))]
    assert len(places) >= 10
    if any((s.min_chars or 0) > 121 and s.required for s in LIBRARY.get(name).sections):
        assert any(p.endswith(" ... ...>") and len(p) > 120 for _, _, p in places)
    checker = Checker({"template": name, "select": ("DV708",)}, today=TODAY, isolated=True)
    report = tmp_path / "report.yaml"
    for number, column, placeholder in places:
        filled = [re.sub(r"<[^<>\n]*>", "Điền", line) if n != number else
                  re.sub(r"<[^<>\n]*>", lambda m: m.group(0) if m.start() == column else "Điền", line)
                  for n, line in enumerate(lines, 1)]
        report.write_text("\n".join(filled) + "\n", encoding="utf-8")
        result = checker.check_file(report)
        assert result.error is None, result.error
        assert [(f.line, f.message.en) for f in result.findings] == [
            (number, f"A placeholder is left: {placeholder}")], (number, placeholder)


@pytest.mark.parametrize("given", ["name", "file"])
def test_the_skeleton_says_how_to_check_it_with_the_same_template(tmp_path, given):
    """Its header gives the `dvlint check` that finds the same template: its --template and --templates."""
    import shlex

    _, how = _figures_template(tmp_path, given)
    out = tmp_path / "baocao.yaml"
    assert run_cli("init", *how, "-o", str(out)).returncode == 0
    (command,) = [line.removeprefix("#   ") for line in out.read_text(encoding="utf-8").splitlines()
                  if line.startswith("#   dvlint check ")]
    assert shlex.split(command) == ["dvlint", "check", str(out), *how]
    proc, data = run_json(*shlex.split(command)[1:])
    assert data["reports"][0]["template"] == "tinh-x-dvcq"


def test_a_templates_folder_that_is_not_there_is_a_usage_error(tmp_path):
    """Named from another working folder, `--templates mau` used to be passed over in silence and the report
    judged by a shipped template instead."""
    proc = run_cli("check", str(FIXTURES / "clean-state-report.yaml"), "--templates", str(tmp_path / "mau"))
    assert proc.returncode == 2 and f"không có thư mục '{tmp_path / 'mau'}'" in proc.stderr


def test_init_writes_into_a_folder_it_makes(tmp_path):
    out = tmp_path / "baocao" / "so-noi-vu.yaml"
    proc = run_cli("init", "--template", "qcdc-report", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("#")

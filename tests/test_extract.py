"""Extracting dates and citations (dvlint.extract), on every written form."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SEEDS, run_cli, run_json
from dvlint.model.extract import find_citations, find_dates, normalize_symbol, whole_date


@pytest.mark.parametrize("text, precision, parts, blank", [
    ("25/02/2010", "day", (25, 2, 2010), ()),
    ("5/3/2020", "day", (5, 3, 2020), ()),
    ("ngày 16 tháng 02 năm 2023", "day", (16, 2, 2023), ()),
    ("ngày 16/02/2023", "day", (16, 2, 2023), ()),
    ("tháng 3 năm 2020", "month", (None, 3, 2020), ()),
    ("năm 2020", "year", (None, None, 2020), ()),
    ("quý I năm 2019", "quarter", (None, None, 2019), ()),
    ("6 tháng đầu năm", "half_year", (None, None, None), ("year",)),
    ("9 tháng đầu năm 2024", "nine_months", (None, None, 2024), ()),
    ("giai đoạn 2019 - 2025", "range", (None, None, 2019), ()),
    ("2021-2025", "range", (None, None, 2021), ()),
    ("ngày tháng năm 2020", "day", (None, None, 2020), ("day", "month")),
    ("ngày tháng 3 năm 2020", "day", (None, 3, 2020), ("day",)),
])
def test_each_date_form(text, precision, parts, blank):
    [found] = find_dates(f"Theo {text}, Sở báo cáo.")
    assert (found.precision, (found.day, found.month, found.year), found.blank) == (precision, parts, blank)
    assert found.text.endswith(text.split()[-1])
    assert found.start == len("Theo ") or found.text.startswith("giai") is False


def test_dates_keep_positions_and_ranges():
    text = "Giai đoạn 2019 - 2025 và quý IV năm 2024"
    first, second = find_dates(text)
    assert text[first.start:first.end] == "Giai đoạn 2019 - 2025" and first.end_year == 2025
    assert second.quarter == 4 and text[second.start:second.end] == "quý IV năm 2024"


def test_impossible_dates_are_found_and_marked():
    found = find_dates("ngày 31/02/2020 và 29/02/2019 và 29/02/2020")
    assert [d.exists for d in found] == [False, False, True]


@pytest.mark.parametrize("text, symbol, key, date, issuer", [
    ("Kế hoạch số 153/KH-SKHHCN ngày 29/3/2019 của Sở Khoa học và Công nghệ về x",
     "153/KH-SKHHCN", ("153", "KH", "SKHHCN", None), dt.date(2019, 3, 29), "Sở Khoa học và Công nghệ"),
    ("Nghị định 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ", "04/2015/NĐ-CP", ("4", "NĐ", "CP", "2015"),
     dt.date(2015, 1, 9), "Chính phủ"),
    ("Quyết định số 290-QĐ/TW ngày 25/02/2010 của Bộ Chính trị", "290-QĐ/TW", ("290", "QĐ", "TW", None),
     dt.date(2010, 2, 25), "Bộ Chính trị"),
    ("Kế hoạch số: 14/KH-SKHCN ngày 18/02/2020", "14/KH-SKHCN", ("14", "KH", "SKHCN", None), dt.date(2020, 2, 18), None),
    ("Kết luận 120-KL/TW ngày 07/01/2016 của Bộ Chính trị Khóa XI về tiếp tục", "120-KL/TW", ("120", "KL", "TW", None),
     dt.date(2016, 1, 7), "Bộ Chính trị Khóa XI"),
    ("Chỉ thị số 16/CT-TTg, ngày 16 tháng 5 năm 2016 của Thủ tướng Chính phủ về", "16/CT-TTg",
     ("16", "CT", "TTG", None), dt.date(2016, 5, 16), "Thủ tướng Chính phủ"),
    ("Công văn số 09 - CV/BCĐ ngày 10/9/2024", "09-CV/BCĐ", ("9", "CV", "BCĐ", None), dt.date(2024, 9, 10), None),
    ("Kế hoạch số 101/KH-SKHCN triển khai thực hiện", "101/KH-SKHCN", ("101", "KH", "SKHCN", None), None, None),
    ("căn cứ Kế hoạch số\n153/KH-SKHCN ngày\n29/3/2019 của UBND tỉnh", "153/KH-SKHCN", ("153", "KH", "SKHCN", None),
     dt.date(2019, 3, 29), "UBND tỉnh"),
])
def test_each_citation_form(text, symbol, key, date, issuer):
    [cite] = find_citations(text)
    assert (cite.symbol, cite.key, cite.issuer) == (symbol, key, issuer)
    assert (cite.date.to_date() if cite.date else None) == date


def test_two_citations_in_one_sentence():
    text = "Thực hiện Quyết định số 290-QĐ/TW ngày 25/02/2010 của Bộ Chính trị và Quyết định số 762-QĐ/TU ngày 28/5/2010 của Ban Thường vụ Tỉnh ủy."
    first, second = find_citations(text)
    assert (first.symbol, first.issuer, second.symbol, second.issuer) == (
        "290-QĐ/TW", "Bộ Chính trị", "762-QĐ/TU", "Ban Thường vụ Tỉnh ủy")
    assert second.date.to_date() == dt.date(2010, 5, 28)


def test_state_and_party_forms_of_one_symbol_compare_equal():
    assert normalize_symbol("12/TB-SNV") == normalize_symbol("12-TB/SNV") == normalize_symbol("12 - TB/SNV")
    assert normalize_symbol("153/KH-SKHCN") != normalize_symbol("153/KH-SKHHCN")


# --- property-based ------------------------------------------------------------

days = st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2099, 12, 31))


@given(days, st.sampled_from(["slash", "padded", "written", "written-padded", "ngay-slash"]))
def test_every_valid_date_round_trips(day, form):
    written = {
        "slash": f"{day.day}/{day.month}/{day.year}",
        "padded": f"{day.day:02d}/{day.month:02d}/{day.year}",
        "written": f"ngày {day.day} tháng {day.month} năm {day.year}",
        "written-padded": f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
        "ngay-slash": f"ngày {day.day:02d}/{day.month}/{day.year}",
    }[form]
    [found] = find_dates(f"Báo cáo {written} của Sở.")
    assert found.to_date() == day


@settings(max_examples=300)
@given(st.text())
def test_extractors_never_raise(text):
    for date in find_dates(text):
        date.to_date(), date.exists
    for cite in find_citations(text):
        assert cite.key is not None


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("0123456789/- ngàytháng năm Số số:KHQĐ/TWUBND-,.của Bộ"))))
def test_extractors_never_raise_on_near_misses(text):
    find_dates(text)
    find_citations(text)


# --- dvlint citations ------------------------------------------------------------

def test_citations_command_lists_each_document_once():
    proc, out = run_json("citations", str(FIXTURES / "dong-thap-2020-tong-ket-10-nam-290.yaml"))
    assert proc.returncode == 0
    rows = {row["symbol"]: row for row in out["citations"]}
    assert rows["290-QĐ/TW"]["count"] == 6 and rows["290-QĐ/TW"]["issuer"] == "Bộ Chính trị"
    plan = next(row for row in out["citations"] if row["symbols"][0] == "153/KH-SKHHCN")
    assert plan["count"] == 1  # 153/KH-SKHCN in the appendix has another issuer code: a separate key
    text = run_cli("citations", str(SEEDS / "dak-nong-2023-ke-hoach-dvcq.md")).stdout
    assert "Công văn | 5361/UBND-NC | 22/09/2023 | Ủy ban nhân dân tỉnh Đăk Nông | 1 | 11" in text


@pytest.mark.parametrize("cell", ["29/3/2020", " 05/03/2020 ", "ngày 5 tháng 3 năm 2020", "Quý I/2020", "tháng 3/2020",
                                  "2018-2020", "1.234", "12", "Sở Nội vụ", "29/3/2020 và 30/3/2020", "ngày tháng năm",
                                  "Tổng: 29/3/2020", "2020-2018", ""])
def test_whole_date_is_the_cell_find_dates_reads_as_one_date(cell):
    dates = find_dates(cell)
    alone = dates[0] if len(dates) == 1 and dates[0].text.strip() == cell.strip() else None
    assert whole_date(cell) == alone


@pytest.mark.parametrize("text", ["Kế hoạch số 153/KH-SKHCN ngày 29/3/2019 của Sở", "Quyết định số 12/QĐ-UBND, ban hành ngày 5 tháng 3 năm 2020",
                                  "Công văn số 7/UBND ngày 29 / 3 / 2019", "Kế hoạch số 15/KH-UBND NGÀY 1 THÁNG 12 NĂM 2021 về"])
def test_a_citation_date_is_the_date_find_dates_reads_after_the_symbol(text):
    cite = find_citations(text)[0]
    assert cite.date is not None
    first = next(d for d in find_dates(text) if d.start >= cite.date.start)
    assert (cite.date.start, cite.date.end, cite.date.text, cite.date.day, cite.date.month, cite.date.year,
            cite.date.day_text) == (first.start, first.end, first.text, first.day, first.month, first.year, first.day_text)

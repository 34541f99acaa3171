"""Reading the written forms: number and symbol, dates, periods, authority lines."""

from __future__ import annotations

import datetime as dt

import pytest

from dvlint.knowledge import data
from dvlint.model import parsing


@pytest.mark.parametrize("raw, number, type_abbr, issuer, year, form, blank, spaces", [
    ("Số: 85/BC-SKHCN", "85", "BC", "SKHCN", None, "state", False, False),
    ("Số: /BC-SKHCCN", None, "BC", "SKHCCN", None, "state", True, False),
    ("Số 12-BC/ĐU", "12", "BC", "ĐU", None, "party", False, False),
    ("Số: 09 - CV/BCĐ", "09", "CV", "BCĐ", None, "party", False, True),
    ("Số: 30/2020/NĐ-CP", "30", "NĐ", "CP", "2020", "state", False, False),
    ("125/SKHCN-VP", "125", "SKHCN", "VP", None, "state", False, False),
    ("Số: 95-KH/BDVTU-BCSĐUBND", "95", "KH", "BDVTU-BCSĐUBND", None, "party", False, False),
    ("Số: 125/UBND", "125", None, "UBND", None, "state", False, False),
    ("Số:……../BC-K4", None, "BC", "K4", None, "state", True, False),  # the blank left dotted (corpus 175)
    ("Số: ....-BC/ĐU", None, "BC", "ĐU", None, "party", True, False),
    ("Số: abc", None, None, None, None, None, False, False),
])
def test_parse_number(raw, number, type_abbr, issuer, year, form, blank, spaces):
    parsed = parsing.parse_number(raw)
    assert (parsed.number, parsed.type_abbr, parsed.issuer_code, parsed.year, parsed.form) == (
        number, type_abbr, issuer, year, form)
    assert parsed.is_blank is blank
    assert parsed.has_inner_spaces is spaces


@pytest.mark.parametrize("raw, parts, complete, date", [
    ("ngày 05 tháng 3 năm 2020", ("05", "3", "2020"), True, dt.date(2020, 3, 5)),
    ("Đồng Tháp, ngày 15 tháng 12 năm 2022", ("15", "12", "2022"), True, dt.date(2022, 12, 15)),
    ("ngày tháng năm 2020", (None, None, "2020"), False, None),
    ("ngày   tháng 02 năm 2023", (None, "02", "2023"), False, None),
    ("NGÀY 1 THÁNG 1 NĂM 2021", ("1", "1", "2021"), True, dt.date(2021, 1, 1)),
    ("25/02/2010", ("25", "02", "2010"), True, dt.date(2010, 2, 25)),
    ("2023-02-16", ("16", "02", "2023"), True, dt.date(2023, 2, 16)),
    ("ngày 31 tháng 02 năm 2020", ("31", "02", "2020"), True, None),
    ("hôm qua", (None, None, None), False, None),
])
def test_parse_date(raw, parts, complete, date):
    parsed = parsing.parse_date(raw)
    assert (parsed.day_text, parsed.month_text, parsed.year_text) == parts
    assert parsed.is_complete is complete
    assert parsed.to_date() == date


@pytest.mark.parametrize("text, expected", [
    ("Kết quả thực hiện Quy chế dân chủ ở cơ sở 9 tháng đầu năm, nhiệm vụ trọng tâm Quý IV năm 2024",
     parsing.ParsedPeriod("nine_months", year=2024)),
    ("Báo cáo 6 tháng đầu năm 2023", parsing.ParsedPeriod("half_year", year=2023)),
    ("Báo cáo quý I năm 2019", parsing.ParsedPeriod("quarter", year=2019, quarter=1)),
    ("Báo cáo tháng 3 năm 2020", parsing.ParsedPeriod("month", year=2020, month=3)),
    ("Thực hiện công tác dân vận chính quyền năm 2023", parsing.ParsedPeriod("year", year=2023)),
    ("Tổng kết giai đoạn 2010 - 2020", parsing.ParsedPeriod("multi_year", start_year=2010, end_year=2020)),
    ("Cải cách hành chính 2021-2025", parsing.ParsedPeriod("multi_year", start_year=2021, end_year=2025)),
    ("Về việc tăng cường công tác dân vận", None),
])
def test_parse_period(text, expected):
    assert parsing.parse_period(text) == expected


@pytest.mark.parametrize("line, prefix, letters, signs_for", [
    ("KT. GIÁM ĐỐC", "KT.", "KT", "GIÁM ĐỐC"),
    ("T/M ĐẢNG ỦY", "T/M", "TM", "ĐẢNG ỦY"),
    ("TUQ. GIÁM ĐỐC", "TUQ.", "TUQ", "GIÁM ĐỐC"),
    ("KT.GIÁM ĐỐC", "KT.", "KT", "GIÁM ĐỐC"),
    ("KT GIÁM ĐỐC", "KT", "KT", "GIÁM ĐỐC"),
    ("GIÁM ĐỐC", None, None, "GIÁM ĐỐC"),
    ("TRƯỞNG BAN", None, None, "TRƯỞNG BAN"),
])
def test_parse_authority(line, prefix, letters, signs_for):
    parsed = parsing.parse_authority(line)
    assert (parsed.prefix, parsed.letters, parsed.signs_for) == (prefix, letters, signs_for)


def test_fold_treats_tone_placements_alike():
    assert data.fold("Thanh Hóa") == data.fold("Thanh Hoá") == data.fold("THANH  HOÁ")
    assert data.fold("Ủy ban") == data.fold("Uỷ ban")
    assert data.fold("Hưng Yên") != data.fold("Hung Yên")


def test_document_type_lookup():
    types = data.document_types()
    assert types.find("KẾ HOẠCH").state == "KH"
    assert types.find("BC").name == "báo cáo"
    assert types.by_abbreviation("QyĐ", "state").name == "quy định"
    assert types.by_abbreviation("QYĐ", "state") is None
    assert types.by_abbreviation("QYĐ", "state", ignore_case=True).name == "quy định"
    assert types.by_abbreviation("QĐi", "party").name == "quy định"


def test_an_abbreviation_names_the_first_type_of_the_list_written_so_in_any_case_and_form():
    """by_abbreviation answers from an index: the same type as walking the list in order would give."""
    types = data.document_types()

    def walked(abbreviation, form, ignore_case):
        wanted = abbreviation.casefold() if ignore_case else abbreviation
        return next((t for t in types.types if t.abbreviation(form)
                     and (t.abbreviation(form).casefold() if ignore_case else t.abbreviation(form)) == wanted), None)

    written = {w for t in types.types for w in (t.state, t.party) if w}
    asked = written | {w.lower() for w in written} | {w.upper() for w in written} | {"XYZ", ""}
    for abbreviation in asked:
        for form in ("state", "party", "other"):
            for ignore_case in (False, True):
                assert types.by_abbreviation(abbreviation, form, ignore_case) is walked(abbreviation, form, ignore_case)

"""DV2xx: the issue date (ngày ban hành) and, later, every date and citation.

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4: the date line gives the day,
month and year of issue ("ngày 05 tháng 3 năm 2020"). A date left blank is a
draft; a date that does not exist, or lies in the future, is an error.
"""

from __future__ import annotations

from dvlint import Problem, rule

PART_NAMES_VI = {"day": "ngày", "month": "tháng", "year": "năm"}


@rule("DV201", "issue-date-complete", severity="warning", weight=3,
      vi="Văn bản phải ghi đủ ngày, tháng, năm ban hành; để trống là bản nháp",
      en="The document must give its full issue date; blank parts mark a draft")
def issue_date_complete(document):
    """
    Tiếng Việt:
        Ngày ban hành phải đủ ngày, tháng, năm. Thiếu hẳn dòng ngày là lỗi;
        "ngày tháng năm 2020" (để trống chờ ngày ký) là bản nháp: cảnh báo,
        thành lỗi khi kiểm tra bản chính thức (--final).
    English:
        The issue date must give day, month and year. A missing date is an
        error; "ngày tháng năm 2020" (left blank until signing) is a draft:
        a warning, an error when checking the final copy (--final).
    Ví dụ sai / Fails:
        date: ngày tháng năm 2020
    Ví dụ đúng / Passes:
        date: ngày 05 tháng 3 năm 2020
    """
    if document.date is None or not document.date.strip():
        yield Problem(document.path, severity="error",
                      vi="Thiếu ngày ban hành (dòng 'ngày ... tháng ... năm ...')",
                      en="The issue date ('ngày ... tháng ... năm ...') is missing")
        return
    parsed = document.parsed_date
    if parsed.recognised and parsed.blank_parts:
        missing_vi = ", ".join(PART_NAMES_VI[p] for p in parsed.blank_parts)
        missing_en = ", ".join(parsed.blank_parts)
        yield Problem(document.field_path("date"), draft=True,
                      vi=f"Ngày ban hành còn để trống ({missing_vi}): '{document.date}' là bản nháp, cần ghi ngày khi ký",
                      en=f"The issue date is blank ({missing_en}): '{document.date}' is a draft; date it at signing")


@rule("DV202", "issue-date-valid", severity="error", weight=5,
      vi="Ngày ban hành phải đọc được và là ngày có thật",
      en="The issue date must be readable and a real calendar date")
def issue_date_valid(document):
    """
    Tiếng Việt:
        Ngày ban hành viết theo dạng "ngày 05 tháng 3 năm 2020" và phải là
        ngày có thật trong lịch (không có ngày 31/02 hay 29/02/2019).
    English:
        The issue date is written "ngày 05 tháng 3 năm 2020" and must exist
        in the calendar (no 31/02, no 29/02/2019).
    Ví dụ sai / Fails:
        date: ngày 30 tháng 02 năm 2020
    Ví dụ đúng / Passes:
        date: ngày 28 tháng 02 năm 2020
    """
    if document.date is None or not document.date.strip():
        return
    parsed = document.parsed_date
    field = document.field_path("date")
    if not parsed.recognised:
        yield Problem(field,
                      vi=f"Không đọc được ngày ban hành '{document.date}': viết như 'ngày 05 tháng 3 năm 2020'",
                      en=f"Cannot read the issue date '{document.date}': write it as 'ngày 05 tháng 3 năm 2020'")
    elif parsed.is_complete and parsed.to_date() is None:
        yield Problem(field,
                      vi=f"Ngày ban hành '{document.date}' không có thật ({parsed.day}/{parsed.month}/{parsed.year})",
                      en=f"The issue date '{document.date}' does not exist ({parsed.day}/{parsed.month}/{parsed.year})")


@rule("DV203", "issue-date-not-future", severity="error", weight=5,
      vi="Ngày ban hành không được sau ngày kiểm tra",
      en="The issue date must not be after the day of the check")
def issue_date_not_future(document, today):
    """
    Tiếng Việt:
        Một văn bản không thể được ban hành vào một ngày chưa tới: ngày ban
        hành sau ngày chạy kiểm tra thường là gõ nhầm năm.
    English:
        A document cannot have been issued on a day still to come: an issue
        date after the day of the check is usually a mistyped year.
    Ví dụ sai / Fails:
        date: ngày 05 tháng 3 năm 2092
    Ví dụ đúng / Passes:
        date: ngày 05 tháng 3 năm 2020
    """
    issued = document.issue_date
    if issued is not None and issued > today:
        yield Problem(document.field_path("date"),
                      vi=f"Ngày ban hành {issued:%d/%m/%Y} ở sau ngày kiểm tra {today:%d/%m/%Y}",
                      en=f"The issue date {issued:%d/%m/%Y} is after the day of the check, {today:%d/%m/%Y}")

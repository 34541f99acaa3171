"""DV2xx: the issue date (ngày ban hành) and, later, every date and citation.

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4: the date line gives the day,
month and year of issue ("ngày 05 tháng 3 năm 2020"). A date left blank is a
draft; a date that does not exist, or lies in the future, is an error.
"""

from __future__ import annotations

import datetime as dt
import re

from dvlint import Problem, rule
from dvlint.knowledge import data

PART_NAMES_VI = {"day": "ngày", "month": "tháng", "year": "năm"}


@rule("DV201", "issue-date-complete", exact_text=True, severity="warning", weight=3,
      vi="Văn bản phải ghi đủ ngày, tháng, năm ban hành; để trống là bản nháp",
      en="The document must give its full issue date; blank parts mark a draft")
def issue_date_complete(document):
    """
    Tiếng Việt:
        Ngày ban hành phải đủ ngày, tháng, năm. Thiếu hẳn dòng ngày là lỗi;
        "ngày tháng năm 2020" (để trống chờ ngày ký) là bản nháp: cảnh báo,
        thành lỗi khi kiểm tra bản chính thức (--final). Văn bản không theo
        thể thức Chương II của Nghị định (phiếu trình ghi ngày ở ô ký; nghị
        quyết của UBTVQH ghi ngày ở câu cuối) không bị báo thiếu dòng ngày.
    English:
        The issue date must give day, month and year. A missing date is an
        error; "ngày tháng năm 2020" (left blank until signing) is a draft:
        a warning, an error when checking the final copy (--final). A
        document whose form is not Chương II's (a phiếu trình, whose dates
        are in the signers' boxes; a resolution of the UBTVQH, dated in its
        closing) is not reported for a missing date line.
    Ví dụ sai / Fails:
        date: ngày tháng năm 2020
    Ví dụ đúng / Passes:
        date: ngày 05 tháng 3 năm 2020
    """
    if (document.date is None or not document.date.strip()) and not document.follows_decree_form:
        return  # a phiếu trình's dates are in its signers' boxes; a UBTVQH resolution's in its closing
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


@rule("DV202", "issue-date-valid", exact_text=True, severity="error", weight=5,
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


@rule("DV204", "place-official", exact_text=True, severity="error", weight=3,
      vi="Địa danh là tên chính thức của tỉnh, thành phố, còn hiệu lực vào ngày ban hành",
      en="The place is the official name of a province valid on the issue date")
def place_official(document, as_of, config):
    """
    Tiếng Việt:
        Địa danh ở dòng ngày tháng là tên chính thức của đơn vị hành chính nơi
        cơ quan đóng trụ sở, viết đúng chính tả ("Hưng Yên", không phải "Hung
        Yên"; "Đắk Nông", không phải "Đăk Nông") và còn tồn tại vào ngày ban
        hành: từ 01/7/2025 cả nước còn 34 tỉnh, thành phố (Nghị quyết
        202/2025/QH15), nên "Đắk Nông" sau ngày đó là sai. Dấu thanh đặt kiểu
        cũ hay mới ("Hòa"/"Hoà") đều được. Địa danh cấp huyện, xã không có
        trong danh mục thì không bị đánh giá. Xã, phường mang tên một tỉnh cũ
        ("Phường Bắc Giang") ghi tên mình, đúng sau 01/7/2025; đơn vị hành
        chính đặt theo tên người ghi tên đầy đủ ("Thành phố Hồ Chí Minh",
        Phụ lục I, mục II.4.a). Danh mục: rules/data/provinces.yaml.
    English:
        The place in the date line is the official name of the administrative
        unit where the issuer sits, spelt right ("Hưng Yên", not "Hung Yên";
        "Đắk Nông", not "Đăk Nông") and in existence on the issue date: from
        01/7/2025 Vietnam has 34 provinces (Nghị quyết 202/2025/QH15), so
        "Đắk Nông" after that day is wrong. Either tone-mark placement
        ("Hòa"/"Hoà") is accepted. District and commune names, which the list
        does not hold, are not judged. The list: rules/data/provinces.yaml.
        An undated draft ("ngày tháng năm 2025") is reported only when the
        place is wrong on every day it may carry; without a year it is not
        judged. A document whose form is not Chương II's (a phiếu trình, a
        resolution of the UBTVQH, a consolidated text) is not reported for a
        missing place. A commune or ward named like a former province
        ("Phường Bắc Giang") writes its own name, valid after 01/7/2025; a
        unit named after a person is written in full ("Thành phố Hồ Chí
        Minh", Phụ lục I, II.4.a).
    Ví dụ sai / Fails:
        place: Hung Yên
    Ví dụ đúng / Passes:
        place: Hưng Yên
    """
    place = (document.place or "").strip()
    if not place:
        if document.follows_decree_form:
            yield Problem(document.path, vi="Thiếu địa danh ở dòng ngày tháng ('<Tỉnh>, ngày ... tháng ... năm ...')",
                          en="The place is missing from the date line ('<Province>, ngày ... tháng ... năm ...')")
        return
    province, official = data.provinces().find(place)
    if province is None:
        return
    field = document.field_path("place")
    if _seat_named_so(document, place):
        return  # "Bắc Giang" of a body seated in Phường Bắc Giang: the ward's name, valid after the province's
    if not official:
        yield Problem(field, fix=province.name,
                      vi=f"Địa danh '{place}' viết chưa đúng tên chính thức: '{province.name}'",
                      en=f"The place '{place}' is not the official spelling: '{province.name}'")
    if not province.valid_on(as_of) and _judged_on(document, as_of, config, province):
        if province.valid_to and as_of > province.valid_to:
            successor = f": nay là '{province.merged_into}'" if province.merged_into else ""
            successor_en = f": now '{province.merged_into}'" if province.merged_into else ""
            yield Problem(field, fix=province.merged_into,
                          vi=f"Tỉnh '{province.name}' không còn tồn tại sau ngày {province.valid_to:%d/%m/%Y}{successor}",
                          en=f"The province '{province.name}' ceased to exist after {province.valid_to:%d/%m/%Y}{successor_en}")
        else:
            yield Problem(field,
                          vi=f"'{province.name}' chỉ có từ ngày {province.valid_from:%d/%m/%Y}, sau ngày ban hành",
                          en=f"'{province.name}' only exists from {province.valid_from:%d/%m/%Y}, after the issue date")


def _seat_named_so(document, place: str) -> bool:
    """Whether the issuer (or its parent) is a commune or ward that bears the place's name ("UBND
    PHƯỜNG BẮC GIANG" writes "Bắc Giang"): the place is that unit's name (Phụ lục I, II.4.a), not the
    province that bore it before 01/7/2025."""
    issuer = document.issuer
    names = [n for n in ((issuer.name, issuer.parent) if issuer else ()) if n]
    wanted = data.fold(place)
    return any(f"{unit} {wanted}" in data.fold(name) for name in names for unit in _COMMUNE_UNITS)


_COMMUNE_UNITS = ("phường", "xã", "đặc khu", "thị trấn")


def _judged_on(document, as_of, config, province) -> bool:
    """Whether the day the place is judged on is known: an exact date, --as-of, or a draft's date
    whose every possible day finds the place out of existence."""
    if config.as_of or document.issue_date is not None:
        return True
    earliest = document.earliest_issue_date
    return earliest is not None and not province.valid_on(earliest)


@rule("DV205", "date-line-zeros", exact_text=True, severity="warning", weight=1, safe_fix=True,
      vi="Ngày dưới 10 và tháng 1, 2 ở dòng ngày tháng có số 0 phía trước; tháng 3 trở đi thì không",
      en="Days under 10 and months 1 and 2 in the date line take a leading zero; months 3 to 12 do not")
def date_line_zeros(document):
    """
    Tiếng Việt:
        Nghị định 30/2020/NĐ-CP, Phụ lục I: ngày dưới 10 và tháng 1, 2 phải
        ghi thêm số 0 phía trước: "ngày 05 tháng 02 năm 2023", nhưng "tháng
        3", "tháng 12".
    English:
        Nghị định 30/2020/NĐ-CP, Phụ lục I: days under 10 and the months 1 and
        2 take a leading zero: "ngày 05 tháng 02 năm 2023", but "tháng 3",
        "tháng 12".
    Ví dụ sai / Fails:
        date: ngày 5 tháng 2 năm 2023
    Ví dụ đúng / Passes:
        date: ngày 05 tháng 02 năm 2023
    """
    parsed = document.parsed_date
    if parsed is None or not parsed.recognised or "ngày" not in (document.date or "").lower():
        return  # only the written form "ngày ... tháng ... năm ..." has this rule
    field = document.field_path("date")
    day, month = parsed.day_text, parsed.month_text
    if day and int(day) < 10 and len(day) != 2:
        yield Problem(field, snippet=f"ngày {day}", fix=_zeros_fixed(document.date),
                      vi=f"Ngày dưới 10 phải có số 0 phía trước: viết 'ngày {int(day):02d}'",
                      en=f"A day under 10 needs a leading zero: write 'ngày {int(day):02d}'")
    if month:
        right = f"{int(month):02d}" if int(month) <= 2 else str(int(month))
        if month != right:
            yield Problem(field, snippet=f"tháng {month}", fix=_zeros_fixed(document.date),
                          vi=f"Tháng viết '{month}': ghi 'tháng {right}' (chỉ tháng 1, 2 có số 0 phía trước)",
                          en=f"The month is written '{month}': write 'tháng {right}' (only months 1 and 2 take a leading zero)")


def _zeros_fixed(text: str) -> str:
    """The date line with the day and month written as Nghị định 30 wants them."""
    def day(match):
        return f"{match[1]}{int(match[2]):02d}"

    def month(match):
        value = int(match[2])
        return f"{match[1]}{value:02d}" if value <= 2 else f"{match[1]}{value}"

    text = re.sub(r"(ngày\s+)(\d{1,2})(?!\d)", day, text, count=1, flags=re.IGNORECASE)
    return re.sub(r"(tháng\s+)(\d{1,2})(?!\d)", month, text, count=1, flags=re.IGNORECASE)


def add_working_days(day: dt.date, count: int) -> dt.date:
    """``count`` working days after ``day`` (Monday to Friday; public holidays are not known)."""
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


@rule("DV213", "report-deadline", severity="warning", weight=3,
      vi="Báo cáo ban hành đúng hạn mẫu báo cáo quy định",
      en="The report is issued by the deadline its template sets")
def report_deadline(document, template):
    """
    Tiếng Việt:
        Mẫu của tỉnh có thể đặt hạn gửi báo cáo: ngày chốt số liệu của kỳ
        (Nghị định 09/2019/NĐ-CP, rules/data/report_periods.yaml) cộng thêm
        một số ngày làm việc (deadline: {working_days: 2}). Báo cáo ban hành
        sau hạn là nộp muộn. Ngày làm việc là thứ Hai đến thứ Sáu; ngày nghỉ
        lễ chưa được tính.
    English:
        A province's template may set when reports are due: the period's data
        cut-off (Nghị định 09/2019/NĐ-CP, rules/data/report_periods.yaml) plus
        some working days (deadline: {working_days: 2}). A report issued after
        that is late. Working days are Monday to Friday; public holidays are
        not yet known.
    Ví dụ sai / Fails:
        # deadline: {working_days: 2}; cut-off 14/9/2024 (a Saturday)
        date: ngày 20 tháng 9 năm 2024
        period: 9 tháng đầu năm 2024
    Ví dụ đúng / Passes:
        date: ngày 17 tháng 9 năm 2024
        period: 9 tháng đầu năm 2024
    """
    if template.deadline is None or document.type_info.name != "báo cáo":
        return
    issued = document.issue_date
    cutoff = data.report_periods().cutoff(document.reporting_period())
    if issued is None or cutoff is None:
        return
    due = add_working_days(cutoff, template.deadline.working_days)
    if issued > due:
        yield Problem(document.field_path("date"),
                      vi=f"Hạn gửi báo cáo là {due:%d/%m/%Y} (chốt số liệu {cutoff:%d/%m/%Y} cộng {template.deadline.working_days} ngày làm việc, mẫu '{template.name}'); báo cáo ban hành {issued:%d/%m/%Y}",
                      en=f"The report was due on {due:%d/%m/%Y} (cut-off {cutoff:%d/%m/%Y} plus {template.deadline.working_days} working days, template '{template.name}'); it is dated {issued:%d/%m/%Y}")

"""Lâm Đồng's own requirements for reports on công tác dân vận (LD1xx).

Illustrative: what a province asks beyond Nghị định 30/2020 lives in its own
instructions (the Tỉnh ủy's guidance on reporting dân vận work, the
"Dân vận khéo" emulation movement), not in the decree. A province's rules judge
only the province's reports: a report from elsewhere is never reported.

The codes are LD and three digits (LD101, LD102): the plugin's own code
prefix, declared in dvlint_lamdong/plugin.py (DVLINT_PREFIX = "LD").
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from dvlint import Problem, rule

# The Tỉnh ủy's commission for dân vận: merged with the Ban Tuyên giáo on 1 March 2025.
MERGED_ON = dt.date(2025, 3, 1)
OLD_COMMISSION = "Ban Dân vận Tỉnh ủy"
NEW_COMMISSION = "Ban Tuyên giáo và Dân vận Tỉnh ủy"


def plain(text: str | None) -> str:
    """Lower case without diacritics or extra spaces: 'Lâm Đồng' and 'LÂM ĐỒNG' are 'lam dong'."""
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def is_lamdong_dan_van(report) -> bool:
    """A report of a Lâm Đồng body (by its place or its parent body) on dân vận or dân chủ ở cơ sở."""
    document = report.document
    issuer = document.issuer
    where = " ".join(plain(t) for t in (document.place, issuer and issuer.parent, issuer and issuer.name))
    return "lam dong" in where and any(w in plain(document.title) for w in ("dan van", "dan chu"))


@rule("LD101", "lamdong-commission-recipient", severity="error", weight=3,
      vi="Báo cáo công tác dân vận của tỉnh Lâm Đồng gửi Ban Tuyên giáo và Dân vận Tỉnh ủy",
      en="A Lâm Đồng report on dân vận work is sent to the Tỉnh ủy's commission for dân vận")
def commission_recipient(report, recipients, as_of):
    """
    Tiếng Việt:
        Báo cáo về công tác dân vận, quy chế dân chủ ở cơ sở của cơ quan,
        địa phương thuộc tỉnh Lâm Đồng gửi cơ quan tham mưu của Tỉnh ủy về
        dân vận: Ban Dân vận Tỉnh ủy đến ngày 28/02/2025, Ban Tuyên giáo và
        Dân vận Tỉnh ủy từ ngày 01/3/2025 (hợp nhất hai ban). Nơi nhận thiếu
        ban này, hoặc còn ghi tên cũ sau khi hợp nhất, là sai.
    English:
        A report on dân vận work or grassroots democracy by a Lâm Đồng body
        is sent to the Tỉnh ủy's commission for dân vận: the Ban Dân vận
        Tỉnh ủy until 28 February 2025, the Ban Tuyên giáo và Dân vận Tỉnh ủy
        from 1 March 2025 (the two commissions merged). A recipients list
        without it, or naming the old commission after the merger, is wrong.
    Ví dụ sai / Fails:
        recipients: {heading: "Nơi nhận:", lines: ["- Sở Nội vụ;", "- Lưu: VT, VP."]}
    Ví dụ đúng / Passes:
        recipients:
          heading: "Nơi nhận:"
          lines: ["- Ban Tuyên giáo và Dân vận Tỉnh ủy;", "- Lưu: VT, VP."]
    """
    if not is_lamdong_dan_van(report):
        return
    lines = [plain(line) for line in recipients.lines]
    if as_of >= MERGED_ON:
        if any(plain(NEW_COMMISSION) in line for line in lines):
            return
        for index, line in enumerate(lines):
            if plain(OLD_COMMISSION) in line:
                yield Problem(recipients.field_path("lines") + f"[{index}]",
                              vi=f"Ban Dân vận Tỉnh ủy đã hợp nhất thành {NEW_COMMISSION} từ 01/3/2025",
                              en=f"The Ban Dân vận Tỉnh ủy merged into the {NEW_COMMISSION} on 1 March 2025",
                              fix=recipients.lines[index].replace(OLD_COMMISSION, NEW_COMMISSION))
                return
        wanted = NEW_COMMISSION
    else:
        if any(plain(OLD_COMMISSION) in line for line in lines):
            return
        wanted = OLD_COMMISSION
    yield Problem(recipients.path, vi=f"Nơi nhận thiếu {wanted}",
                  en=f"The recipients list lacks the {wanted}")


@rule("LD102", "lamdong-dan-van-kheo", severity="warning", weight=2,
      vi="Báo cáo năm về công tác dân vận của tỉnh Lâm Đồng nêu số mô hình \"Dân vận khéo\"",
      en="A Lâm Đồng annual report on dân vận work gives the number of \"Dân vận khéo\" models")
def dan_van_kheo(report, indicators):
    """
    Tiếng Việt:
        Báo cáo năm về công tác dân vận của cơ quan, địa phương thuộc tỉnh
        Lâm Đồng nêu kết quả phong trào thi đua "Dân vận khéo": số mô hình
        "Dân vận khéo" (một số liệu, hoặc một mục có tiêu đề về phong trào).
        Báo cáo quý, 6 tháng, 9 tháng không bắt buộc.
    English:
        An annual report on dân vận work by a Lâm Đồng body gives the result
        of the "Dân vận khéo" (skilful mass mobilization) emulation movement:
        the number of its models (a figure, or a section headed about the
        movement). Quarterly, half-year and nine-month reports need not.
    Ví dụ sai / Fails:
        document: {kind: BÁO CÁO, place: Lâm Đồng, title: Báo cáo công tác dân vận năm 2025}
    Ví dụ đúng / Passes:
        indicators:
          dan_van_kheo_models: {value: 42, label: Số mô hình "Dân vận khéo"}
    """
    period = report.document.reporting_period()
    if not is_lamdong_dan_van(report) or period is None or period.kind != "year":
        return
    if any("dan van kheo" in plain(key.replace("_", " ")) or "dan van kheo" in plain(figure.label)
           for key, figure in indicators.items()):
        return
    if any("dan van kheo" in plain(section.heading) for top in report.sections for section in top.walk()):
        return
    yield Problem(report.document.field_path("title"),
                  vi="Báo cáo năm chưa nêu số mô hình \"Dân vận khéo\"",
                  en="The annual report does not give the number of \"Dân vận khéo\" models")

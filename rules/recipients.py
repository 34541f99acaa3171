"""DV5xx: the recipients list (nơi nhận) and the addressees (kính gửi).

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.9: the list is headed "Nơi nhận:",
names each recipient on a line, and ends with the archive line ("- Lưu: VT,
<unit>."), which records who keeps the file copy.
"""

from __future__ import annotations

import re

from dvlint import Problem, data, rule


def recipient_text(line: str) -> str:
    """A recipient line without its leading dash and trailing punctuation."""
    return re.sub(r"^[\s\-–—+•*]+", "", line).rstrip(" ;,.").strip()


def is_archive_line(line: str) -> bool:
    return data.fold(recipient_text(line)).startswith("lưu")


@rule("DV501", "recipients-present", severity="error", weight=5,
      vi="Văn bản phải có phần Nơi nhận liệt kê nơi nhận",
      en="The document must have a recipients list (Nơi nhận)")
def recipients_present(report):
    """
    Tiếng Việt:
        Phần "Nơi nhận:" cho biết văn bản gửi tới đâu và lưu ở đâu; văn bản
        không có phần này, hoặc có tiêu đề mà không có dòng nào, là thiếu.
    English:
        The "Nơi nhận:" block says where the document goes and where it is
        filed; a document without it, or with the heading and no line, is
        incomplete.
    Ví dụ sai / Fails:
        recipients: {heading: "Nơi nhận:", lines: []}
    Ví dụ đúng / Passes:
        recipients:
          heading: "Nơi nhận:"
          lines: ["- Sở Nội vụ;", "- Lưu: VT, VP."]
    """
    recipients = report.recipients
    if recipients is None:
        yield Problem(None, vi="Thiếu phần Nơi nhận", en="The recipients list (Nơi nhận) is missing")
    elif not any(line.strip() for line in recipients.lines):
        yield Problem(recipients.path, vi="Phần Nơi nhận không có nơi nhận nào",
                      en="The recipients list (Nơi nhận) names no recipient")


@rule("DV502", "archive-line-last", severity="error", weight=3,
      vi="Dòng cuối của Nơi nhận là dòng lưu: '- Lưu: VT, <đơn vị>.'",
      en="The last line of the recipients list is the archive line: '- Lưu: VT, <unit>.'")
def archive_line_last(recipients):
    """
    Tiếng Việt:
        Nơi nhận kết thúc bằng dòng lưu văn bản: "- Lưu: VT, <đơn vị soạn
        thảo>." (văn bản Đảng: "- Lưu Văn phòng ..."). Thiếu dòng lưu, hoặc
        dòng lưu không đứng cuối, là sai thể thức.
    English:
        The recipients list ends with the archive line: "- Lưu: VT, <drafting
        unit>." (Party documents: "- Lưu Văn phòng ..."). A list without it,
        or with it anywhere but last, breaks the format.
    Ví dụ sai / Fails:
        lines: ["- Lưu: VT, VP.", "- Sở Nội vụ;"]
    Ví dụ đúng / Passes:
        lines: ["- Sở Nội vụ;", "- Lưu: VT, VP."]
    """
    lines = [line for line in recipients.lines if line.strip()]
    if not lines:
        return
    last_index = len(recipients.lines) - 1
    while not recipients.lines[last_index].strip():
        last_index -= 1
    if is_archive_line(recipients.lines[last_index]):
        return
    archive = [i for i, line in enumerate(recipients.lines) if is_archive_line(line)]
    if archive:
        yield Problem(recipients.field_path("lines") + f"[{archive[0]}]",
                      vi="Dòng lưu văn bản ('- Lưu: ...') phải là dòng cuối của Nơi nhận",
                      en="The archive line ('- Lưu: ...') must be the last line of the recipients list")
    else:
        yield Problem(recipients.field_path("lines") + f"[{last_index}]",
                      vi="Nơi nhận thiếu dòng lưu ở cuối: '- Lưu: VT, <đơn vị>.'",
                      en="The recipients list lacks the archive line at its end: '- Lưu: VT, <unit>.'")

"""DV5xx: the recipients list (nơi nhận) and the addressees (kính gửi).

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.9: the list is headed "Nơi nhận:",
names each recipient on a line, and ends with the archive line ("- Lưu: VT,
<unit>."), which records who keeps the file copy.
"""

from __future__ import annotations

import re
import unicodedata

from dvlint import Problem, rule
from dvlint.knowledge import data
from dvlint.importers import ITEM_MARKS
from dvlint.importers.foot import is_archive_line, recipient_text




# The drafter's mark after the archive line's full stop ("- Lưu: VT, NC.Châu", "- Lưu: VT, CN (2). Ha"):
# a word of initials or a name, often in subscript, where the decree's sample puts the drafter's
# initials and the number of copies (Phụ lục I, mục IV, ô 9b).
_DRAFTER_MARK = re.compile(r"\.\s*[^\W\d_]{1,12}(?:\s*\(\d+\w?\))?\s*\.?$")


def _group_member(text: str, above: str) -> bool:
    """A "+" line under a group's heading ("- VP UBND tỉnh:" / "+ LĐVP;"), under a heading that gives
    its first member on its own line ("- VPUB: + CVP, các PCVP (đ/b);"), or under another such line."""
    return text.startswith("+") and (above.rstrip().endswith(":") or above.lstrip().startswith("+")
                                     or bool(_HEADING_WITH_MEMBER.search(above)))


_HEADING_WITH_MEMBER = re.compile(r":\s*\+\s*\S")


@rule("DV501", "recipients-present", exact_text=True, severity="error", weight=5,
      vi="Văn bản phải có phần Nơi nhận liệt kê nơi nhận",
      en="The document must have a recipients list (Nơi nhận)")
def recipients_present(report):
    """
    Tiếng Việt:
        Phần "Nơi nhận:" cho biết văn bản gửi tới đâu và lưu ở đâu; văn bản
        không có phần này, hoặc có tiêu đề mà không có dòng nào, là thiếu
        (Nghị định 30/2020, Phụ lục I, mục II.9). Văn bản không theo thể thức
        Chương II (Điều 8.1.a: phiếu trình nội bộ, văn bản quy phạm pháp luật
        có thể thức riêng) không bị báo thiếu.
    English:
        The "Nơi nhận:" block says where the document goes and where it is
        filed; a document without it, or with the heading and no line, is
        incomplete (Nghị định 30/2020, Phụ lục I, mục II.9). A document whose
        form is not Chương II's (Điều 8.1.a: an internal phiếu trình, a legal
        normative text with a form of its own) is not reported.
    Ví dụ sai / Fails:
        recipients: {heading: "Nơi nhận:", lines: []}
    Ví dụ đúng / Passes:
        recipients:
          heading: "Nơi nhận:"
          lines: ["- Sở Nội vụ;", "- Lưu: VT, VP."]
    """
    recipients = report.recipients
    if recipients is None and report.document.follows_decree_form:
        yield Problem(None, vi="Thiếu phần Nơi nhận", en="The recipients list (Nơi nhận) is missing")
    elif recipients is not None and not any(line.strip() for line in recipients.lines):
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


RECIPIENTS_HEADING = "Nơi nhận:"


@rule("DV503", "recipients-heading", exact_text=True, severity="error", weight=2,
      vi="Phần nơi nhận có tiêu đề 'Nơi nhận:' viết đúng",
      en="The recipients list is headed 'Nơi nhận:', spelt right")
def recipients_heading(recipients):
    """
    Tiếng Việt:
        Tiêu đề của phần nơi nhận là "Nơi nhận:" (có dấu hai chấm). Viết sai
        ("Noi nhậm:") hay thiếu tiêu đề là lỗi thể thức.
    English:
        The recipients list is headed "Nơi nhận:" (with a colon). A misspelt
        ("Noi nhậm:") or missing heading breaks the format.
    Ví dụ sai / Fails:
        heading: "Noi nhậm:"
    Ví dụ đúng / Passes:
        heading: "Nơi nhận:"
    """
    heading = (recipients.heading or "").strip()
    if not heading:
        yield Problem(recipients.path, fix=RECIPIENTS_HEADING,
                      vi="Phần nơi nhận thiếu tiêu đề 'Nơi nhận:'", en="The recipients list lacks its heading 'Nơi nhận:'")
    elif data.fold(heading) != data.fold(RECIPIENTS_HEADING):
        yield Problem(recipients.field_path("heading"), fix=RECIPIENTS_HEADING,
                      vi=f"Tiêu đề '{heading}' viết sai: viết '{RECIPIENTS_HEADING}'",
                      en=f"The heading '{heading}' is misspelt: write '{RECIPIENTS_HEADING}'")


@rule("DV504", "recipient-line-punctuation", exact_text=True, severity="warning", weight=1, safe_fix=True,
      vi="Mỗi dòng nơi nhận bắt đầu bằng '- ' và kết thúc bằng ';' (văn bản Đảng: ','); dòng cuối kết thúc bằng '.'",
      en="Each recipient line starts with '- ' and ends with ';' (Party: ','); the last line ends with '.'")
def recipient_line_punctuation(recipients, doc_format):
    """
    Tiếng Việt:
        Nghị định 30/2020/NĐ-CP: mỗi nơi nhận một dòng, bắt đầu bằng gạch đầu
        dòng "- " và kết thúc bằng dấu chấm phẩy ";"; dòng cuối ("- Lưu: VT,
        ...") kết thúc bằng dấu chấm. Văn bản của Đảng kết thúc bằng dấu phẩy
        "," (dấu ";" cũng được chấp nhận theo thực tế).
    English:
        Nghị định 30/2020/NĐ-CP: one recipient a line, starting with a dash
        "- " and ending with a semicolon ";"; the last line ("- Lưu: VT, ...")
        ends with a full stop. Party documents end the lines with a comma ","
        (";" is accepted, as practice has it). Practice also accepted: a
        group whose heading line ends with ":" and whose members follow on
        "+" lines; the drafter's mark after the archive line's full stop
        ("- Lưu: VT, NC.Châu"), where the decree's sample puts the drafter's
        initials.
    Ví dụ sai / Fails:
        lines: ["- Sở Nội vụ", "- Lưu: VT, VP."]
    Ví dụ đúng / Passes:
        lines: ["- Sở Nội vụ;", "- Lưu: VT, VP."]
    """
    lines = [(i, line) for i, line in enumerate(recipients.lines) if line.strip()]
    endings = (";", ",") if doc_format == "party" else (";",)
    shown = "';' hoặc ','" if doc_format == "party" else "';'"
    shown_en = "';' or ','" if doc_format == "party" else "';'"
    for position, (i, line) in enumerate(lines):
        text = line.strip()
        field = recipients.field_path("lines") + f"[{i}]"
        last = position == len(lines) - 1
        member = _group_member(text, lines[position - 1][1] if position else "")
        if not member and not re.match(r"^[-–]\s", text):
            yield Problem(field, fix="- " + text.lstrip("".join(ITEM_MARKS) + " "),
                          vi=f"Dòng nơi nhận phải bắt đầu bằng '- ': '{text}'",
                          en=f"A recipient line must start with '- ': '{text}'")
        if text.endswith(":") and not last:
            continue  # a group's heading ("- VP UBND tỉnh:"), its members on the "+" lines below
        if last and not text.endswith(".") and not (is_archive_line(text) and _DRAFTER_MARK.search(text)):
            yield Problem(field, fix=text.rstrip(";,") + ".",
                          vi=f"Dòng cuối của nơi nhận phải kết thúc bằng dấu chấm: '{text}'",
                          en=f"The last recipient line must end with a full stop: '{text}'")
        elif not last and not text.endswith(endings):
            yield Problem(field, fix=text.rstrip(".,;") + endings[0],
                          vi=f"Dòng nơi nhận phải kết thúc bằng {shown}: '{text}'",
                          en=f"A recipient line must end with {shown_en}: '{text}'")


@rule("DV505", "archive-line-form", exact_text=True, severity="warning", weight=1,
      vi="Dòng lưu viết '- Lưu: VT, <đơn vị soạn thảo>.' (văn bản nhà nước)",
      en="The archive line reads '- Lưu: VT, <drafting unit>.' (state documents)")
def archive_line_form(recipients, doc_format):
    """
    Tiếng Việt:
        Văn bản nhà nước: dòng lưu là "- Lưu: VT, <viết tắt đơn vị soạn
        thảo>." với dấu hai chấm sau "Lưu" và "VT" (văn thư) đứng đầu. Văn bản
        của Đảng viết "- Lưu Văn phòng ..." nên không áp dụng.
    English:
        State documents: the archive line is "- Lưu: VT, <drafting unit>."
        with a colon after "Lưu" and "VT" (the records office) first. Party
        documents write "- Lưu Văn phòng ...", so the rule does not apply.
    Ví dụ sai / Fails:
        lines: ["- Sở Nội vụ;", "- Lưu VT, VP."]
    Ví dụ đúng / Passes:
        lines: ["- Sở Nội vụ;", "- Lưu: VT, VP."]
    """
    if doc_format == "party":
        return
    for i, line in enumerate(recipients.lines):
        if not is_archive_line(line):
            continue
        text = recipient_text(line)
        if not re.match(r"^Lưu\s*:\s*VT\b", unicodedata.normalize("NFC", text)):
            yield Problem(recipients.field_path("lines") + f"[{i}]",
                          vi=f"Dòng lưu phải viết '- Lưu: VT, <đơn vị>.' (có dấu hai chấm, VT đứng đầu): '{line.strip()}'",
                          en=f"The archive line must read '- Lưu: VT, <unit>.' (a colon, VT first): '{line.strip()}'")


@rule("DV506", "as-above-needs-addressees", severity="error", weight=3,
      vi="'Như trên' chỉ dùng khi văn bản có phần 'Kính gửi'",
      en="'Như trên' (as above) is only valid when the document has a 'Kính gửi' part")
def as_above_needs_addressees(recipients, document):
    """
    Tiếng Việt:
        "Như trên" nghĩa là "các nơi đã ghi ở phần Kính gửi". Văn bản không có
        phần Kính gửi mà ghi "- Như trên;" thì không ai biết văn bản gửi đi
        đâu.
    English:
        "Như trên" means "the addressees named under Kính gửi". A document
        without a Kính gửi part that lists "- Như trên;" does not say where it
        goes.
    Ví dụ sai / Fails:
        # no addressees
        lines: ["- Như trên;", "- Lưu: VT, VP."]
    Ví dụ đúng / Passes:
        addressees: [Sở Nội vụ]
        lines: ["- Như trên;", "- Lưu: VT, VP."]
    """
    if document.addressees:
        return
    for i, line in enumerate(recipients.lines):
        if data.fold(recipient_text(line)).startswith("như trên"):
            yield Problem(recipients.field_path("lines") + f"[{i}]",
                          vi="'Như trên' nhưng văn bản không có phần 'Kính gửi': ghi rõ nơi nhận",
                          en="'Như trên' but the document has no 'Kính gửi' part: name the recipients")


@rule("DV507", "duplicate-recipient", severity="warning", weight=1,
      vi="Mỗi nơi nhận chỉ ghi một lần",
      en="Each recipient is listed once")
def duplicate_recipient(recipients):
    """
    Tiếng Việt:
        Một cơ quan ghi hai lần ở phần nơi nhận (kể cả khác nhau chữ hoa,
        chữ thường hay dấu câu) là thừa.
    English:
        A body listed twice in the recipients (even with different case or
        punctuation) is redundant.
    Ví dụ sai / Fails:
        lines: ["- Sở Nội vụ;", "- Sở nội vụ;", "- Lưu: VT, VP."]
    Ví dụ đúng / Passes:
        lines: ["- Sở Nội vụ;", "- Lưu: VT, VP."]
    """
    seen: dict[str, int] = {}
    for i, line in enumerate(recipients.lines):
        key = data.fold(recipient_text(line))
        if not key:
            continue
        if key in seen:
            yield Problem(recipients.field_path("lines") + f"[{i}]",
                          vi=f"'{recipient_text(line)}' đã có ở dòng nơi nhận thứ {seen[key] + 1}",
                          en=f"'{recipient_text(line)}' is already recipient line {seen[key] + 1}")
        else:
            seen[key] = i


@rule("DV508", "body-existed-on-issue-date", severity="warning", weight=2,
      vi="Nơi nhận, nơi kính gửi là cơ quan còn tồn tại vào ngày ban hành",
      en="Recipients and addressees are bodies that existed on the issue date")
def body_existed_on_issue_date(report, as_of):
    """
    Tiếng Việt:
        Tên cơ quan thay đổi theo sắp xếp bộ máy: từ đầu năm 2025 Ban Dân vận
        và Ban Tuyên giáo hợp nhất thành Ban Tuyên giáo và Dân vận; từ
        01/7/2025 không còn cấp huyện. Văn bản ban hành sau các mốc đó mà còn
        gửi "Ban Dân vận Tỉnh ủy" hay "UBND huyện" là dùng tên cũ. Danh mục có
        ngày tháng: rules/data/bodies.yaml.
    English:
        Bodies change with reorganisations: from early 2025 Ban Dân vận and
        Ban Tuyên giáo merged into Ban Tuyên giáo và Dân vận; from 01/7/2025
        there is no district level. A document issued after those dates that
        still writes to "Ban Dân vận Tỉnh ủy" or "UBND huyện" uses an old
        name. The dated list: rules/data/bodies.yaml.
    Ví dụ sai / Fails:
        date: ngày 10 tháng 9 năm 2025
        lines: ["- Ban Dân vận Tỉnh ủy;", "- Lưu: VT, VP."]
    Ví dụ đúng / Passes:
        date: ngày 10 tháng 9 năm 2025
        lines: ["- Ban Tuyên giáo và Dân vận Tỉnh ủy;", "- Lưu: VT, VP."]
    """
    places = [(report.document.field_path("addressees") + f"[{i}]", text)
              for i, text in enumerate(report.document.addressees)]
    if report.recipients:
        places += [(report.recipients.field_path("lines") + f"[{i}]", text)
                   for i, text in enumerate(report.recipients.lines)]
    for path, text in places:
        for body in data.bodies().bodies:
            if as_of > body.valid_to and body.matches(text):
                yield Problem(path,
                              vi=f"'{recipient_text(text)}' không còn sau ngày {body.valid_to:%d/%m/%Y}: nay là {body.replaced_by}",
                              en=f"'{recipient_text(text)}' no longer existed after {body.valid_to:%d/%m/%Y}: "
                                 f"now {body.replaced_by_en or body.replaced_by}")
                break


@rule("DV509", "template-recipient-missing", exact_text=True, severity="warning", weight=3,
      vi="Báo cáo gửi đủ các nơi mà mẫu báo cáo yêu cầu",
      en="The report goes to every body its template requires")
def template_recipient_missing(report, template, as_of):
    """
    Tiếng Việt:
        Mẫu của tỉnh ghi các nơi báo cáo phải gửi (Ban Tuyên giáo và Dân vận
        Tỉnh ủy, Sở Nội vụ ...), với tên cũ, tên mới và ngày hiệu lực. Nơi
        nhận được tìm ở phần Nơi nhận và Kính gửi.
    English:
        A province's template lists where the report must go (Ban Tuyên giáo
        và Dân vận Tỉnh ủy, Sở Nội vụ ...), with old and new names and their
        dates. They are looked for under Nơi nhận and Kính gửi.
    Ví dụ sai / Fails:
        # the template requires Sở Nội vụ
        lines: ["- Ban Tuyên giáo và Dân vận Tỉnh ủy;", "- Lưu: VT, VP."]
    Ví dụ đúng / Passes:
        lines: ["- Ban Tuyên giáo và Dân vận Tỉnh ủy;", "- Sở Nội vụ;", "- Lưu: VT, VP."]
    """
    written = [data.fold(recipient_text(line)) for line in report.document.addressees]
    if report.recipients:
        written += [data.fold(recipient_text(line)) for line in report.recipients.lines]
    for requirement in template.recipients:
        if not requirement.valid_on(as_of):
            continue
        names = [data.fold(n) for n in (requirement.label, *requirement.variants)]
        if not any(name in line for name in names for line in written):
            path = report.recipients.path if report.recipients else None
            yield Problem(path, weight=requirement.weight,
                          vi=f"Chưa gửi '{requirement.label}' (mẫu '{template.name}' yêu cầu)",
                          en=f"Not sent to '{requirement.label}' (required by the template '{template.name}')")

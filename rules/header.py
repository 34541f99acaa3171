"""DV1xx: the header and the number and symbol (số, ký hiệu).

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3 (state documents) and Hướng dẫn
36-HD/VPTW (Party documents) fix how the number and symbol are written: the
number, then the type abbreviation and the issuer's code, joined by ``/`` and
``-`` in an order that differs between the two systems.
"""

from __future__ import annotations

from dvlint import Problem, data, rule
from dvlint.formats import FORM_NAMES, PARTY, STATE

EXAMPLE = {STATE: "05/BC-SKHCN", PARTY: "12-BC/ĐU"}


@rule("DV101", "number-present", severity="warning", weight=3,
      vi="Văn bản phải có số, ký hiệu; để trống số là bản nháp",
      en="The document must have a number and symbol; a blank number marks a draft")
def number_present(document):
    """
    Tiếng Việt:
        Mọi văn bản hành chính đều có số, ký hiệu (Nghị định 30/2020/NĐ-CP).
        Thiếu hẳn dòng số là lỗi. Dòng "Số: /BC-..." để trống số là bản nháp
        chờ cấp số khi ký ban hành: cảnh báo, và thành lỗi khi kiểm tra bản
        chính thức (--final).
    English:
        Every administrative document carries a number and symbol (Nghị
        định 30/2020/NĐ-CP). A missing number line is an error. A line
        "Số: /BC-..." with the number left blank is a draft awaiting its
        number at signing: a warning, and an error when checking the final
        copy (--final).
    Ví dụ sai / Fails:
        number: "Số: /BC-SKHCN"
    Ví dụ đúng / Passes:
        number: "Số: 05/BC-SKHCN"
    """
    if document.number is None or not document.number.strip():
        yield Problem(document.path, severity="error",
                      vi="Thiếu số, ký hiệu văn bản (dòng 'Số: ...')",
                      en="The document number and symbol ('Số: ...') is missing")
    elif document.parsed_number.is_blank:
        yield Problem(document.field_path("number"), draft=True,
                      vi=f"Số văn bản còn để trống ('{document.number}'): bản nháp, cần điền số khi ký ban hành",
                      en=f"The document number is blank ('{document.number}'): a draft; fill it in at signing")


@rule("DV102", "number-format", severity="error", weight=3,
      vi="Số, ký hiệu viết đúng thể thức: không dấu cách, đúng dấu '/' và '-', số 0 phía trước số nhỏ hơn 10",
      en="The number and symbol follow the format: no spaces, '/' and '-' in place, a leading zero under 10")
def number_format(document, format_evidence):
    """
    Tiếng Việt:
        Văn bản nhà nước viết "05/BC-SKHCN": số, "/", ký hiệu loại văn bản,
        "-", chữ viết tắt cơ quan ban hành; số nhỏ hơn 10 có số 0 phía
        trước, số từ 10 trở lên không có số 0 thừa. Văn bản của Đảng viết
        "12-BC/ĐU". Không có dấu cách trong số, ký hiệu. Ký hiệu loại văn
        bản phải có trong danh mục (đúng chữ hoa, chữ thường: QyĐ, CTr,
        TTr). Năm chỉ có trong ký hiệu văn bản quy phạm pháp luật.
    English:
        State documents write "05/BC-SKHCN": the number, "/", the type
        abbreviation, "-", the issuer's code; numbers under 10 take a
        leading zero and larger ones none. Party documents write
        "12-BC/ĐU". No spaces inside. The type abbreviation must be in the
        list, with its exact case (QyĐ, CTr, TTr). A year inside the symbol
        belongs only to legal normative documents.
    Ví dụ sai / Fails:
        number: "Số: 5 / BC-SKHCN"
    Ví dụ đúng / Passes:
        number: "Số: 05/BC-SKHCN"
    """
    parsed = document.parsed_number
    if parsed is None or not document.number.strip():
        return
    field = document.field_path("number")
    if parsed.form is None:
        yield Problem(field,
                      vi=f"Không đọc được số, ký hiệu '{document.number}': viết như '{EXAMPLE[STATE]}' (nhà nước) hoặc '{EXAMPLE[PARTY]}' (Đảng)",
                      en=f"Cannot read the number '{document.number}': write it as '{EXAMPLE[STATE]}' (state) or '{EXAMPLE[PARTY]}' (Party)")
        return
    if parsed.has_inner_spaces:
        yield Problem(field, fix=f"Số: {parsed.compact}" if parsed.has_colon else parsed.compact,
                      vi=f"Số, ký hiệu không được có dấu cách: '{parsed.body}' phải viết '{parsed.compact}'",
                      en=f"No spaces inside the number and symbol: '{parsed.body}' should be '{parsed.compact}'")
    expected = format_evidence.resolved(exclude="number")
    if expected and expected != parsed.form:
        yield Problem(field,
                      vi=f"Số '{parsed.compact}' viết theo thể thức {FORM_NAMES[parsed.form].vi} nhưng đây là {FORM_NAMES[expected].vi} (viết như '{EXAMPLE[expected]}')",
                      en=f"The number '{parsed.compact}' is written as in a {FORM_NAMES[parsed.form].en} but this is a {FORM_NAMES[expected].en} (write it as '{EXAMPLE[expected]}')")
    yield from _leading_zeros(document, parsed, field)
    yield from _type_abbreviation(document, parsed, field)
    if parsed.year and not document.type_info.may_be_normative:
        yield Problem(field,
                      vi=f"Ký hiệu '{parsed.compact}' có năm {parsed.year}: chỉ văn bản quy phạm pháp luật mới ghi năm trong ký hiệu",
                      en=f"The symbol '{parsed.compact}' carries the year {parsed.year}: only legal normative documents do")


def _leading_zeros(document, parsed, field):
    number = parsed.number
    if parsed.form != STATE or not number or not number.isdigit():
        return
    value = int(number)
    if value < 10 and number != f"{value:02d}":
        yield Problem(field, fix=document.number.replace(number, f"{value:02d}", 1),
                      vi=f"Số nhỏ hơn 10 phải có số 0 phía trước: '{number}' viết là '{value:02d}'",
                      en=f"A number under 10 takes a leading zero: '{number}' should be '{value:02d}'")
    elif value >= 10 and number.startswith("0"):
        yield Problem(field, fix=document.number.replace(number, str(value), 1),
                      vi=f"Số từ 10 trở lên không có số 0 phía trước: '{number}' viết là '{value}'",
                      en=f"A number of 10 or more takes no leading zero: '{number}' should be '{value}'")


def _type_abbreviation(document, parsed, field):
    types = data.document_types()
    is_letter = document.type_info.name == "công văn"
    if is_letter and parsed.form == STATE:
        if parsed.type_abbr and parsed.type_abbr.upper() == "CV":
            yield Problem(field,
                          vi="Công văn của cơ quan nhà nước không có ký hiệu loại văn bản 'CV': viết như '125/SKHCN-VP'",
                          en="A state công văn has no type abbreviation 'CV': write it as '125/SKHCN-VP'")
        return
    abbr = parsed.type_abbr
    if not abbr or types.by_abbreviation(abbr, parsed.form):
        return
    same_letters = types.by_abbreviation(abbr, parsed.form, ignore_case=True)
    if same_letters:
        right = same_letters.abbreviation(parsed.form)
        yield Problem(field,
                      vi=f"Ký hiệu loại văn bản '{abbr}' phải viết đúng chữ hoa, chữ thường: '{right}'",
                      en=f"The type abbreviation '{abbr}' must be written with its exact case: '{right}'")
    else:
        yield Problem(field,
                      vi=f"Ký hiệu loại văn bản '{abbr}' không có trong danh mục của {'Hướng dẫn 36-HD/VPTW' if parsed.form == PARTY else 'Nghị định 30/2020/NĐ-CP'}",
                      en=f"The type abbreviation '{abbr}' is not in the list of {'Hướng dẫn 36-HD/VPTW' if parsed.form == PARTY else 'Nghị định 30/2020/NĐ-CP'}")


@rule("DV103", "number-type-matches-kind", severity="error", weight=5,
      vi="Ký hiệu loại văn bản trong số phải khớp với tên loại văn bản",
      en="The type abbreviation in the number must match the document's type")
def number_type_matches_kind(document):
    """
    Tiếng Việt:
        Tên loại văn bản (BÁO CÁO, KẾ HOẠCH ...) và ký hiệu loại trong số
        phải khớp nhau: một KẾ HOẠCH mang số "/BC-" là sai.
    English:
        The type name (BÁO CÁO, KẾ HOẠCH ...) and the type abbreviation in
        the number must agree: a KẾ HOẠCH numbered "/BC-" is wrong.
    Ví dụ sai / Fails:
        kind: KẾ HOẠCH
        number: "Số: 14/BC-SKHCN"
    Ví dụ đúng / Passes:
        kind: KẾ HOẠCH
        number: "Số: 14/KH-SKHCN"
    """
    parsed = document.parsed_number
    kind = document.type_info
    if parsed is None or parsed.form is None or not parsed.type_abbr:
        return
    if kind.name == "công văn" and parsed.form == STATE:
        return
    written = data.document_types().by_abbreviation(parsed.type_abbr, parsed.form, ignore_case=True)
    expected = kind.abbreviation(parsed.form)
    if written is None or written.name == kind.name:
        return
    if expected:
        vi_hint, en_hint = f": phải là '{expected}'", f": it should be '{expected}'"
    else:
        vi_hint, en_hint = "", ""
    yield Problem(document.field_path("number"),
                  vi=f"Văn bản là {kind.name.upper()} nhưng số mang ký hiệu '{parsed.type_abbr}' ({written.name}){vi_hint}",
                  en=f"The document is a {kind.name.upper()} ({kind.en}) but its number says '{parsed.type_abbr}' ({written.en}){en_hint}")

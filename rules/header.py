"""DV1xx: the header and the number and symbol (số, ký hiệu).

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3 (state documents) and Hướng dẫn
36-HD/VPTW (Party documents) fix how the number and symbol are written: the
number, then the type abbreviation and the issuer's code, joined by ``/`` and
``-`` in an order that differs between the two systems.
"""

from __future__ import annotations

import functools
import re

from dvlint import Problem, rule
from dvlint.knowledge import data
from dvlint.knowledge.formats import FORM_NAMES, PARTY, STATE, sector_of

EXAMPLE = {STATE: "05/BC-SKHCN", PARTY: "12-BC/ĐU"}


@rule("DV101", "number-present", exact_text=True, severity="warning", weight=3,
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


@rule("DV102", "number-format", exact_text=True, severity="error", weight=3, safe_fix=True,
      vi="Số, ký hiệu viết đúng thể thức: không dấu cách, đúng dấu '/' và '-', số 0 phía trước số nhỏ hơn 10",
      en="The number and symbol follow the format: no spaces, '/' and '-' in place, a leading zero under 10")
def number_format(document, format_evidence):
    """
    Tiếng Việt:
        Văn bản nhà nước viết "05/BC-SKHCN": số, "/", ký hiệu loại văn bản,
        "-", chữ viết tắt cơ quan ban hành; số nhỏ hơn 10 có số 0 phía
        trước (Phụ lục I, mục II.3.c; Nghị định không cấm số 0 trước số từ
        10 trở lên: sổ đăng ký có độ rộng cố định ghi "02124"). Văn bản của Đảng viết
        "12-BC/ĐU". Không có dấu cách trong số, ký hiệu. Ký hiệu loại văn
        bản phải có trong danh mục (đúng chữ hoa, chữ thường: QyĐ, CTr,
        TTr). Năm chỉ có trong ký hiệu văn bản quy phạm pháp luật (chỉ thị
        không còn là văn bản quy phạm pháp luật từ 01/7/2016).
    English:
        State documents write "05/BC-SKHCN": the number, "/", the type
        abbreviation, "-", the issuer's code; numbers under 10 take a
        leading zero (Phụ lục I, mục II.3.c; the decree does not forbid one
        before a larger number: a fixed-width register writes "02124"). Party
        documents write
        "12-BC/ĐU". No spaces inside. The type abbreviation must be in the
        list, with its exact case (QyĐ, CTr, TTr). A year inside the symbol
        belongs only to legal normative documents (a chỉ thị has not been one
        since 01/7/2016).
    Ví dụ sai / Fails:
        number: "Số: 5 / BC-SKHCN"
    Ví dụ đúng / Passes:
        number: "Số: 05/BC-SKHCN"
    """
    parsed = document.parsed_number
    if parsed is None or not document.number.strip() or not document.follows_decree_form:
        return  # a phiếu trình's register number ("08-01/PT-NC"), a "89/VBHN-BQP": forms of their own
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
    expected = format_evidence.declared or format_evidence.header  # number vs signature alone: DV107
    if expected and expected != parsed.form:
        yield Problem(field,
                      vi=f"Số '{parsed.compact}' viết theo thể thức {FORM_NAMES[parsed.form].vi} nhưng đây là {FORM_NAMES[expected].vi} (viết như '{EXAMPLE[expected]}')",
                      en=f"The number '{parsed.compact}' is written as in a {FORM_NAMES[parsed.form].en} but this is a {FORM_NAMES[expected].en} (write it as '{EXAMPLE[expected]}')")
    yield from _leading_zeros(document, parsed, field)
    yield from _type_abbreviation(document, parsed, field)
    if parsed.year and not document.type_info.normative_on(document.earliest_issue_date):
        yield Problem(field,
                      vi=f"Ký hiệu '{parsed.compact}' có năm {parsed.year}: chỉ văn bản quy phạm pháp luật mới ghi năm trong ký hiệu",
                      en=f"The symbol '{parsed.compact}' carries the year {parsed.year}: only legal normative documents do")


def _leading_zeros(document, parsed, field):
    number = parsed.number
    if parsed.form != STATE or not number:  # the parser reads the number as ASCII digits only ([0-9]*)
        return
    value = int(number)
    if value < 10 and number != f"{value:02d}":
        yield Problem(field, fix=document.number.replace(number, f"{value:02d}", 1),
                      vi=f"Số nhỏ hơn 10 phải có số 0 phía trước: '{number}' viết là '{value:02d}'",
                      en=f"A number under 10 takes a leading zero: '{number}' should be '{value:02d}'")


def _type_abbreviation(document, parsed, field):
    types = data.document_types()
    if not document.type_info.in_decree:
        return  # a type outside the decree's list has no abbreviation of its own to judge
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


@rule("DV103", "number-type-matches-kind", exact_text=True, severity="error", weight=5,
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
    if parsed is None or parsed.form is None or not parsed.type_abbr or not kind.in_decree:
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


@rule("DV104", "issuer-present", exact_text=True, severity="warning", weight=3,
      vi="Văn bản ghi tên cơ quan ban hành, và tên cơ quan chủ quản khi có",
      en="The document names its issuing body, and the parent body where there is one")
def issuer_present(document):
    """
    Tiếng Việt:
        Góc trái tiêu đề ghi tên cơ quan ban hành (SỞ KHOA HỌC VÀ CÔNG NGHỆ)
        và, với cơ quan trực thuộc, tên cơ quan chủ quản trực tiếp ở dòng
        trên (UBND TỈNH QUẢNG NGÃI) (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục
        II.2). Cơ quan ngang bộ như Văn phòng Chính phủ không có cơ quan chủ
        quản. Danh sách: rules/data/bodies.yaml (needs_parent). Văn bản chuyển
        từ PDF hay bị mất phần này: cảnh báo.
    English:
        The header's left side names the issuing body (SỞ KHOA HỌC VÀ CÔNG
        NGHỆ) and, for a subordinate body, its direct parent on the line
        above (UBND TỈNH QUẢNG NGÃI) (Nghị định 30/2020/NĐ-CP, Phụ lục I,
        mục II.2). A body ranking with a ministry, like Văn phòng Chính phủ,
        has none. The lists: rules/data/bodies.yaml (needs_parent).
        Conversion from PDF often loses it: a warning.
    Ví dụ sai / Fails:
        issuer: {name: SỞ KHOA HỌC VÀ CÔNG NGHỆ}
    Ví dụ đúng / Passes:
        issuer: {name: SỞ KHOA HỌC VÀ CÔNG NGHỆ, parent: UBND TỈNH QUẢNG NGÃI}
    """
    issuer = document.issuer
    if not document.follows_decree_form:
        return  # a phiếu trình, a UBTVQH resolution: a header of its own form
    if issuer is None or not (issuer.name or "").strip():
        yield Problem(document.path, vi="Thiếu tên cơ quan ban hành ở góc trái tiêu đề",
                      en="The issuing body's name (top left of the header) is missing")
    elif not (issuer.parent or "").strip() and data.bodies().needs_parent.applies_to(issuer.name):
        yield Problem(issuer.field_path("name"),
                      vi=f"'{issuer.name}' là cơ quan trực thuộc: ghi tên cơ quan chủ quản ở dòng trên",
                      en=f"'{issuer.name}' is a subordinate body: give its parent body on the line above")


NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"


@rule("DV105", "national-header", exact_text=True, severity="error", weight=3,
      vi="Quốc hiệu, tiêu ngữ (văn bản nhà nước) hoặc 'ĐẢNG CỘNG SẢN VIỆT NAM' (văn bản Đảng) viết đúng",
      en="The national name and motto (state) or 'ĐẢNG CỘNG SẢN VIỆT NAM' (Party) are written right")
def national_header(document, doc_format):
    """
    Tiếng Việt:
        Khi báo cáo có ghi phần tiêu đề bên phải: văn bản nhà nước ghi Quốc
        hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" và tiêu ngữ "Độc lập - Tự do
        - Hạnh phúc" (Nghị định 30/2020, Phụ lục I, mục II.1); văn bản của
        Đảng ghi "ĐẢNG CỘNG SẢN VIỆT NAM" và không ghi Quốc hiệu. Dấu thanh
        đặt kiểu cũ ("CỘNG HOÀ", như bảng mẫu của chính Nghị định) không phải
        lỗi; gạch dài thay gạch nối là cảnh báo: chữ vẫn đúng.
    English:
        When the report records the header's right side: a state document
        has the national name "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and the
        motto "Độc lập - Tự do - Hạnh phúc" (Nghị định 30/2020, Phụ lục I,
        mục II.1); a Party document has "ĐẢNG CỘNG SẢN VIỆT NAM" and no
        national name. The old place of a tone mark ("CỘNG HOÀ", as the
        decree's own sample table prints it) is no defect; a long dash for
        the hyphen is a warning: the words are right.
    Ví dụ sai / Fails:
        header: {national_name: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VN}
    Ví dụ đúng / Passes:
        header: {national_name: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, motto: Độc lập - Tự do - Hạnh phúc}
    """
    header = document.header
    if header is None:
        return
    if doc_format == PARTY:
        if header.national_name or header.motto:
            yield Problem(header.path, vi="Văn bản của Đảng không được ghi Quốc hiệu, tiêu ngữ: bỏ hai dòng này",
                          en="A Party document must not carry the national name and motto: remove them")
        if not header.party_name or " ".join(header.party_name.split()) != PARTY_NAME:
            yield Problem(header.field_path("party_name") if header.party_name else header.path,
                          fix=PARTY_NAME, vi=f"Văn bản của Đảng phải ghi '{PARTY_NAME}' ở đầu",
                          en=f"A Party document must be headed '{PARTY_NAME}'")
        return
    for name, right, vi, en in (("national_name", NATIONAL_NAME, "Quốc hiệu", "The national name"),
                                ("motto", MOTTO, "Tiêu ngữ", "The motto")):
        written = getattr(header, name)
        if not written:
            yield Problem(header.path, fix=right, vi=f"{vi} còn thiếu: '{right}'", en=f"{en} is missing: '{right}'")
        elif data.fold(" ".join(written.split())) != data.fold(right):
            # The old tone-mark place ("HOÀ") is no defect: the decree's own sample table prints it, and
            # fold() makes the two one. The kind of dash ("–" for the decree's "-") is a warning: the
            # words are right.
            typographic = _typeset(written) == _typeset(right)
            yield Problem(header.field_path(name), fix=right, severity="warning" if typographic else None,
                          vi=f"{vi} viết chưa đúng: '{written}'; viết '{right}'",
                          en=f"{en} is not written right: '{written}'; write '{right}'")


def _typeset(text: str) -> str:
    """``text`` with the tone-mark placement and the dashes made one way, and its spaces folded."""
    return " ".join(data.fold(text).replace("–", "-").replace("—", "-").replace("-", " - ").split())


# The issuer code in a symbol: "/KH-SKHCN", "/2016/QĐ-UBND" (state), "12-KH/ĐU" (Party).
_STATE_SYMBOL = re.compile(r"/(?:\d{4}/)?(?P<first>[A-ZĐa-zđ]{1,5})-(?P<code>[A-ZĐ][A-ZĐa-zđ]{2,})\b")
# The Party form from its dash on: the engine skips to dashes in C; the number before it is checked after.
_PARTY_SYMBOL_FROM_DASH = re.compile(r"-\s*[A-ZĐa-zđ]{1,5}/(?P<code>[A-ZĐ][A-ZĐa-zđ]{2,})\b")


def _issuer_codes(report):
    """(path, code, snippet) of every issuer code in the document's symbols, in reading order."""
    found = [(m.start(), path, _body_code(m["first"], m["code"]), m.group(0))
             for path, m in report.search_all(_STATE_SYMBOL)]
    for path, m in report.search_all(_PARTY_SYMBOL_FROM_DASH):
        start = _number_before(m.string, m.start())
        if start is not None:
            found.append((start, path, m["code"], m.string[start:m.end()]))
    for _, path, code, snippet in sorted(found, key=lambda item: item[0]):
        yield path, code, snippet


def _own_code(number) -> str | None:
    """The code of the body the document's own number belongs to, read as a cited symbol is."""
    if number is None:
        return None
    if number.form == "state" and number.type_abbr and number.issuer_code:
        return _body_code(number.type_abbr, number.issuer_code)
    return number.issuer_code


def _body_code(first: str, second: str) -> str:
    """The code of the body a state symbol belongs to. "QĐ-BTP": the type, then the body (BTP). A
    công văn has no type: "BTP-BTTP" is the body, then its unit, so the body is BTP; and a cited
    "1018/MTTQ-BTT" is the Fatherland Front's (MTTQ), not a slip for this document's BTTP."""
    return second if data.document_types().is_type_code(first) else first


def _number_before(text: str, dash: int) -> int | None:
    """Where the digit just before ``dash`` (spaces between allowed) is: "12 - KH/ĐU" has it at "2"."""
    i = dash - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i if i >= 0 and text[i].isdecimal() else None


@functools.lru_cache(maxsize=4096)
def _close_variant(code: str, own: str) -> bool:
    import difflib

    return (code != own and not _same_sector(code, own)
            and difflib.SequenceMatcher(None, code, own).ratio() >= 0.8)


def _same_sector(code: str, own: str) -> bool:
    """Whether two codes are one sector's bodies at two levels, which a document cites as a matter of
    course: the Ministry and the Department (BGDĐT, SGDĐT; BTP, STP), the sector's unit (GDĐT), or a Party
    committee's body at the province and the district (BDVTU, BDVHU): knowledge.formats.sector_of."""
    return sector_of(code) == sector_of(own)


@rule("DV106", "issuer-code-consistent", exact_text=True, severity="warning", weight=2,
      vi="Chữ viết tắt của cơ quan ban hành được viết một cách thống nhất trong văn bản",
      en="The issuer's abbreviation is written the same way throughout the document")
def issuer_code_consistent(report):
    """
    Tiếng Việt:
        Một cơ quan có một chữ viết tắt trong ký hiệu văn bản (SKHCN). Văn
        bản viết lẫn SKHCN, SKHHCN, SKHCCN cho cùng một Sở là gõ nhầm, làm
        sai ký hiệu các văn bản được dẫn. Mỗi cách viết khác (gần giống chữ
        viết tắt trong số của văn bản) được báo ở lần đầu xuất hiện. Ký hiệu
        công văn không có tên loại: "BTP-BTTP" là cơ quan (BTP) rồi đơn vị
        soạn thảo; văn bản của cơ quan khác được dẫn ("1018/MTTQ-BTT"), hay
        của cùng ngành ở cấp khác (BGDĐT, SGDĐT, GDĐT) không phải cách viết
        khác của cơ quan mình.
    English:
        A body has one abbreviation in its symbols (SKHCN). Writing SKHCN,
        SKHHCN and SKHCCN for the same department in one document is a typo
        that makes the cited symbols wrong. Each variant (close to the code in
        the document's own number) is reported where it first appears. A
        công văn's symbol has no type: "BTP-BTTP" is the body (BTP), then the
        drafting unit; another body's document cited ("1018/MTTQ-BTT"), or
        the same sector's at another level (BGDĐT, SGDĐT, GDĐT), is no
        variant of this one's code.
    Ví dụ sai / Fails:
        number: "Số: /BC-SKHCCN"
        # ... Kế hoạch số 153/KH-SKHHCN ...
    Ví dụ đúng / Passes:
        number: "Số: 05/BC-SKHCN"
        # ... Kế hoạch số 153/KH-SKHCN ...
    """
    doc = report.document
    own = (doc.issuer.abbreviation if doc.issuer and doc.issuer.abbreviation else None) or _own_code(doc.parsed_number)
    if not own:
        return
    own = own.split("-")[0]
    seen = set()
    for path, code, snippet in _issuer_codes(report):
        if _close_variant(code, own) and code not in seen:
            seen.add(code)
            yield Problem(path, snippet=snippet,
                          vi=f"Chữ viết tắt cơ quan '{code}' khác với '{own}' trong số của văn bản: viết thống nhất một cách",
                          en=f"The issuer code '{code}' differs from '{own}' in the document's number: write it one way")


@rule("DV107", "mixed-format", severity="error", weight=5,
      vi="Số, ký hiệu và quyền hạn ký cùng theo một thể thức (nhà nước hoặc Đảng)",
      en="The number and the authority prefix follow one format (state or Party)")
def mixed_format(format_evidence, document, report):
    """
    Tiếng Việt:
        Văn bản nhà nước (Nghị định 30) và văn bản của Đảng (Quy định 66) có
        thể thức khác nhau. Khi văn bản không tự ghi rõ thể thức (không có
        phần tiêu đề), số "12-BC/ĐU" (Đảng) đi với chữ ký "KT." (nhà nước) là
        trộn hai thể thức: một trong hai chỗ viết sai.
    English:
        State documents (Nghị định 30) and Party documents (Quy định 66)
        differ in form. When nothing else settles the format (no header
        recorded), a Party number "12-BC/ĐU" with a state "KT." signature
        mixes the two: one of them is wrong.
    Ví dụ sai / Fails:
        number: "Số 12-BC/ĐU"
        signature: {authority: KT. BÍ THƯ, title: PHÓ BÍ THƯ, name: A}
    Ví dụ đúng / Passes:
        number: "Số 12-BC/ĐU"
        signature: {authority: T/M ĐẢNG ỦY, title: PHÓ BÍ THƯ, name: A}
    """
    evidence = format_evidence
    if evidence.declared or evidence.header:
        return  # the number and the signature are judged against it (DV102, DV402)
    if evidence.number and evidence.signature and evidence.number != evidence.signature:
        names = {STATE: ("nhà nước", "state"), PARTY: ("Đảng", "Party")}
        yield Problem(report.signature.field_path("authority"),
                      vi=f"Số '{document.number}' theo thể thức {names[evidence.number][0]} nhưng quyền hạn ký "
                         f"'{report.signature.authority}' theo thể thức {names[evidence.signature][0]}",
                      en=f"The number '{document.number}' is in the {names[evidence.number][1]} form but the authority "
                         f"'{report.signature.authority}' is in the {names[evidence.signature][1]} form")

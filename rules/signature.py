"""DV4xx: the signature block (quyền hạn, chức vụ, họ tên người ký).

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7 (state) and Hướng dẫn 36-HD/VPTW
(Party): the authority prefix says in whose name the signer signs, and must
agree with the titles written under it. The prefixes themselves are data
(rules/data/authorities.yaml).
"""

from __future__ import annotations

import functools
import re

from dvlint import Problem, rule
from dvlint.knowledge import data
from dvlint.knowledge.formats import FORM_NAMES, PARTY, STATE

# Party bodies that sign collectively (T/M), never through a deputy (K/T).
PARTY_COMMITTEES = ("đảng ủy", "đảng uỷ", "ban thường vụ", "ban chấp hành", "chi bộ", "chi ủy", "chi uỷ", "ban cán sự")


@rule("DV401", "signature-present", exact_text=True, severity="error", weight=5,
      vi="Văn bản phải có khối chữ ký (quyền hạn, chức vụ, họ tên người ký)",
      en="The document must have a signature block (authority, title, name)")
def signature_present(report):
    """
    Tiếng Việt:
        Văn bản hành chính kết thúc bằng khối chữ ký: quyền hạn (nếu có),
        chức vụ và họ tên người ký (Nghị định 30/2020, Phụ lục I, mục II.7).
        Văn bản không theo thể thức Chương II (Điều 8.1.a: phiếu trình nội
        bộ, văn bản quy phạm pháp luật có thể thức riêng) không bị báo thiếu.
    English:
        An administrative document ends with a signature block: the
        authority (when any), the signer's title and name (Nghị định 30/2020,
        Phụ lục I, mục II.7). A document whose form is not Chương II's (Điều
        8.1.a: an internal phiếu trình, a legal normative text with a form of
        its own) is not reported.
    Ví dụ sai / Fails:
        # no signature: key
    Ví dụ đúng / Passes:
        signature:
          authority: KT. GIÁM ĐỐC
          title: PHÓ GIÁM ĐỐC
          name: Nguyễn Văn A
    """
    if report.signature is None and report.document.follows_decree_form:
        yield Problem(None, vi="Thiếu khối chữ ký của người ký văn bản",
                      en="The signature block is missing")


def _authority_entry(letters: str):
    for entry in data.authorities().authorities:
        if letters in (_letters(entry.state), _letters(entry.party)):
            return entry
    return None


def _letters(prefix: str | None) -> str | None:
    return prefix.replace(".", "").replace("/", "") if prefix else None


@rule("DV402", "authority-prefix-form", exact_text=True, severity="error", weight=3,
      vi="Quyền hạn ký viết đúng thể thức: KT., TM., TL., TUQ., Q. (nhà nước); T/M, K/T, T/L (Đảng)",
      en="The authority prefix is written for the format: KT., TM., TL., TUQ., Q. (state); T/M, K/T, T/L (Party)")
def authority_prefix_form(signature, format_evidence):
    """
    Tiếng Việt:
        Văn bản nhà nước viết quyền hạn ký có dấu chấm, không có gạch chéo:
        KT., TM., TL., TUQ., Q. Văn bản của Đảng viết có gạch chéo, không
        có dấu chấm: T/M, K/T, T/L; văn bản Đảng không dùng TUQ.
    English:
        State documents write the authority with a dot and no slash: KT.,
        TM., TL., TUQ., Q. Party documents write it with a slash and no
        dot: T/M, K/T, T/L; Party documents have no TUQ.
    Ví dụ sai / Fails:
        authority: K/T GIÁM ĐỐC      # in a state document
    Ví dụ đúng / Passes:
        authority: KT. GIÁM ĐỐC
    """
    first_family = None
    for name, parsed in signature.authority_lines():
        if parsed.prefix is None:
            continue
        family = PARTY if "/" in parsed.prefix else STATE
        # Judged against what settles the format (declared, header); else a second line against
        # the first, and the first against its own family (a number in the other format is DV107's).
        form = format_evidence.declared or format_evidence.header or first_family or family
        first_family = first_family or family
        yield from _prefix_form(signature, name, parsed, form)


def _prefix_form(signature, name, parsed, form):
    entry = _authority_entry(parsed.letters)
    right = (entry.party if form == PARTY else entry.state) if entry else None
    field = signature.field_path(name)
    if right is None:
        yield Problem(field,
                      vi=f"{FORM_NAMES[form].vi[:1].upper()}{FORM_NAMES[form].vi[1:]} không dùng quyền hạn ký '{parsed.prefix}'",
                      en=f"A {FORM_NAMES[form].en} has no authority prefix '{parsed.prefix}'")
    elif parsed.prefix != right:
        yield Problem(field, fix=f"{right} {parsed.signs_for}",
                      vi=f"Quyền hạn ký '{parsed.prefix}' không đúng thể thức {FORM_NAMES[form].vi}: viết '{right}'",
                      en=f"The authority prefix '{parsed.prefix}' is not the form of a {FORM_NAMES[form].en}: write '{right}'")


@rule("DV403", "deputy-signs-for-head", severity="error", weight=5,
      vi="Ký thay (KT., K/T) thì có chức vụ người ký thay, không phải chính chức vụ người đứng đầu",
      en="Signing for the head (KT., K/T) gives the signer's own title, not the head's")
def deputy_signs_for_head(signature):
    """
    Tiếng Việt:
        "KT." (ký thay) nghĩa là cấp phó ký thay người đứng đầu (Nghị định
        30/2020, Điều 13.1; Phụ lục I, mục II.7): dòng dưới ghi chức vụ của
        người ký thay. Chức vụ ấy thường là "PHÓ ...", nhưng không bắt buộc:
        mẫu của chính Nghị định là "KT. BỘ TRƯỞNG" / "THỨ TRƯỞNG". Chỉ sai khi
        thiếu chức vụ, hoặc chức vụ ghi chính là chức vụ người đứng đầu.
    English:
        "KT." (ký thay) means a deputy signs for the head (Nghị định 30/2020,
        Điều 13.1; Phụ lục I, mục II.7): the line under it gives the
        deputy's title. It is usually "PHÓ ...", but need not be: the
        decree's own sample is "KT. BỘ TRƯỞNG" / "THỨ TRƯỞNG". It is wrong
        only when missing, or when it is the head's own title.
    Ví dụ sai / Fails:
        authority: KT. GIÁM ĐỐC
        title: GIÁM ĐỐC
    Ví dụ đúng / Passes:
        authority: KT. GIÁM ĐỐC
        title: PHÓ GIÁM ĐỐC
    """
    signing_for = next((name for name, parsed in signature.authority_lines() if parsed.letters == "KT"), None)
    if signing_for is None:
        return
    line = getattr(signature, signing_for)
    head = next(parsed.signs_for for name, parsed in signature.authority_lines() if name == signing_for)
    title = (signature.title or "").strip()
    if not title:
        yield Problem(signature.path,
                      vi=f"Dưới dòng '{line}' thiếu chức vụ của người ký thay (PHÓ ...)",
                      en=f"Under '{line}' the deputy's title (PHÓ ...) is missing")
    elif data.fold(title) == data.fold(head):
        yield Problem(signature.field_path("title"),
                      vi=f"Ký thay ('{line}') nhưng chức vụ người ký '{title}' là chính chức vụ người đứng đầu: "
                         f"ghi chức vụ của người ký thay (PHÓ ...)",
                      en=f"Signing for the head ('{line}') but the title '{title}' is the head's own: "
                         f"give the deputy's title (PHÓ ...)")


@rule("DV404", "party-committee-signs-on-behalf", severity="error", weight=5,
      vi="Cấp ủy ký T/M (thay mặt) tập thể, không ký K/T BÍ THƯ",
      en="A Party committee signs T/M (on behalf of the body), never K/T BÍ THƯ")
def party_committee_signs_on_behalf(signature, doc_format):
    """
    Tiếng Việt:
        Văn bản của cấp ủy Đảng luôn ký "T/M ĐẢNG ỦY" (hoặc T/M BAN THƯỜNG
        VỤ, T/M CHI BỘ) với chức vụ BÍ THƯ hoặc PHÓ BÍ THƯ; không có "K/T
        BÍ THƯ", và tên tập thể cấp ủy chỉ đứng sau T/M.
    English:
        A Party committee's document is always signed "T/M ĐẢNG ỦY" (or
        T/M BAN THƯỜNG VỤ, T/M CHI BỘ) over BÍ THƯ or PHÓ BÍ THƯ; there is
        no "K/T BÍ THƯ", and a committee's name follows only T/M.
    Ví dụ sai / Fails:
        authority: K/T BÍ THƯ
        title: PHÓ BÍ THƯ
    Ví dụ đúng / Passes:
        authority: T/M ĐẢNG ỦY
        title: PHÓ BÍ THƯ
    """
    parsed = signature.parsed_authority
    if doc_format != PARTY or parsed is None or parsed.prefix is None:
        return
    signs_for = data.fold(parsed.signs_for)
    field = signature.field_path("authority")
    if parsed.letters == "KT" and signs_for.startswith("bí thư"):
        yield Problem(field, fix="T/M ĐẢNG ỦY",
                      vi=f"Cấp ủy không ký '{signature.authority}': ký 'T/M ĐẢNG ỦY' (hoặc T/M BAN THƯỜNG VỤ) với chức vụ BÍ THƯ/PHÓ BÍ THƯ",
                      en=f"A Party committee does not sign '{signature.authority}': sign 'T/M ĐẢNG ỦY' (or T/M BAN THƯỜNG VỤ) over BÍ THƯ/PHÓ BÍ THƯ")
    elif parsed.letters != "TM" and signs_for.startswith(PARTY_COMMITTEES):
        yield Problem(field,
                      vi=f"Ký thay mặt cấp ủy '{parsed.signs_for}' phải dùng 'T/M', không phải '{parsed.prefix}'",
                      en=f"Signing for the committee '{parsed.signs_for}' takes 'T/M', not '{parsed.prefix}'")


@rule("DV405", "signer-name", exact_text=True, severity="error", weight=5,
      vi="Khối chữ ký phải có họ tên người ký",
      en="The signature block must give the signer's name")
def signer_name(signature, document):
    """
    Tiếng Việt:
        Họ và tên người ký là bắt buộc, ghi dưới chữ ký (Nghị định 30/2020,
        Phụ lục I, mục II.7.c). Bản nháp (số hay ngày còn để trống) chưa ghi
        họ tên là chỗ chờ điền khi ký: cảnh báo, không phải lỗi.
    English:
        The signer's full name is required, under the signature (Nghị định
        30/2020, Phụ lục I, mục II.7.c). A draft (its number or date still
        blank) without the name leaves it to fill in at signing: a warning,
        not an error.
    Ví dụ sai / Fails:
        signature: {authority: KT. GIÁM ĐỐC, title: PHÓ GIÁM ĐỐC}
    Ví dụ đúng / Passes:
        signature: {authority: KT. GIÁM ĐỐC, title: PHÓ GIÁM ĐỐC, name: Nguyễn Văn A}
    """
    if (signature.name or "").strip():
        return
    if document.is_draft:
        yield Problem(signature.path, severity="warning",
                      vi="Bản nháp chưa ghi họ tên người ký: điền khi ký ban hành",
                      en="The draft does not name its signer yet: fill it in at signing")
    else:
        yield Problem(signature.path, vi="Khối chữ ký thiếu họ tên người ký",
                      en="The signature block lacks the signer's name")


@rule("DV406", "on-behalf-of-body", severity="error", weight=3,
      vi="TM., T/M (thay mặt) đứng trước tên một tập thể, không trước chức vụ một người",
      en="TM., T/M (on behalf of) stands before a collective body's name, not a person's title")
def on_behalf_of_body(signature):
    """
    Tiếng Việt:
        "TM." (thay mặt) dùng khi người đứng đầu ký thay mặt một tập thể:
        "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ". "TM. GIÁM ĐỐC" là sai: giám
        đốc là một người, cấp phó ký thay thì dùng "KT. GIÁM ĐỐC".
    English:
        "TM." (on behalf of) is used when the head signs for a collective
        body: "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ". "TM. GIÁM ĐỐC" is
        wrong: a director is a person; a deputy signs "KT. GIÁM ĐỐC".
    Ví dụ sai / Fails:
        authority: TM. GIÁM ĐỐC
    Ví dụ đúng / Passes:
        authority: TM. ỦY BAN NHÂN DÂN
    """
    bodies = tuple(data.fold(b) for b in data.authorities().collective_bodies)
    for name, parsed in signature.authority_lines():
        if parsed.letters == "TM" and not data.fold(parsed.signs_for).startswith(bodies):
            yield Problem(signature.field_path(name),
                          vi=f"'{parsed.prefix} {parsed.signs_for}': thay mặt (TM.) phải đứng trước tên một tập thể "
                             f"(ỦY BAN NHÂN DÂN, BAN THƯỜNG VỤ ...); cấp phó ký thay người đứng đầu dùng KT.",
                          en=f"'{parsed.prefix} {parsed.signs_for}': TM. (on behalf of) stands before a collective body "
                             f"(ỦY BAN NHÂN DÂN, BAN THƯỜNG VỤ ...); a deputy signing for the head uses KT.")


@rule("DV407", "by-order-subordinate", severity="error", weight=3,
      vi="TL., TUQ., T/L: người ký là cấp dưới (trưởng đơn vị, chánh văn phòng), không phải người đứng đầu hay cấp phó",
      en="TL., TUQ., T/L: the signer is a subordinate (head of a unit, chief of office), not the head or a deputy")
def by_order_subordinate(signature):
    """
    Tiếng Việt:
        "TL." (thừa lệnh) và "TUQ." (thừa ủy quyền) là người đứng đầu giao cho
        cấp dưới ký: "TL. GIÁM ĐỐC" / "CHÁNH VĂN PHÒNG". Chức vụ người ký
        không thể là chính chức vụ người đứng đầu, cũng không phải cấp phó
        (cấp phó ký "KT.").
    English:
        "TL." (by order) and "TUQ." (by authorisation) mean the head lets a
        subordinate sign: "TL. GIÁM ĐỐC" / "CHÁNH VĂN PHÒNG". The signer's
        title cannot be the head's own, nor a deputy's (a deputy signs "KT.").
        Nghị định 30/2020/NĐ-CP, Điều 13.4: the one who signs TL. may have a
        deputy sign for them through KT. ("TL. CHỦ TỊCH" / "KT. CHÁNH VĂN
        PHÒNG" / "PHÓ CHÁNH VĂN PHÒNG"): a deputy's title under such a KT. line
        is right. Điều 13.3: who signs TUQ. may not hand it on.
    Ví dụ sai / Fails:
        authority: TL. GIÁM ĐỐC
        title: PHÓ GIÁM ĐỐC
    Ví dụ đúng / Passes:
        authority: TL. GIÁM ĐỐC
        title: CHÁNH VĂN PHÒNG
    """
    title = data.fold(signature.title or "")
    if not title:
        return
    lines = signature.authority_lines()
    if any(parsed.letters == "TL" for _, parsed in lines) and any(parsed.letters == "KT" for _, parsed in lines):
        return  # TL., then the unit head's deputy signing for them (Điều 13.4)
    for name, parsed in lines:
        if parsed.letters not in ("TL", "TUQ"):
            continue
        head = data.fold(parsed.signs_for)
        if title == head or title.startswith("phó "):
            yield Problem(signature.field_path("title"),
                          vi=f"'{parsed.prefix} {parsed.signs_for}' là cấp dưới ký thay: chức vụ '{signature.title}' "
                             f"không phải cấp dưới (cấp phó ký 'KT.', người đứng đầu ký trực tiếp)",
                          en=f"'{parsed.prefix} {parsed.signs_for}' is a subordinate signing: '{signature.title}' is not a "
                             f"subordinate's title (a deputy signs 'KT.', the head signs directly)")


@rule("DV408", "signer-academic-title", exact_text=True, severity="warning", weight=1,
      vi="Họ tên người ký không kèm học hàm, học vị (TS., ThS., PGS. ...)",
      en="The signer's name carries no academic title (TS., ThS., PGS. ...)")
def signer_academic_title(signature, document):
    """
    Tiếng Việt:
        Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7: trước họ tên người ký
        không ghi học hàm, học vị; riêng đơn vị vũ trang nhân dân, tổ chức sự
        nghiệp giáo dục, y tế, khoa học thì do người đứng đầu ngành quy định:
        dvlint không thấy quy định ấy, nên chỉ ghi thông tin (không trừ điểm).
        Danh sách học hàm và các ngành: rules/data/authorities.yaml.
    English:
        Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7: no academic title
        before the signer's name; for armed-forces units and education,
        health and science bodies the sector's head decides, which dvlint
        cannot see: there it is only an info (no points). The titles and the
        sectors: rules/data/authorities.yaml.
    Ví dụ sai / Fails:
        name: TS. Nguyễn Văn An
    Ví dụ đúng / Passes:
        name: Nguyễn Văn An
    """
    name = (signature.name or "").strip()
    for title in sorted(data.authorities().academic_titles, key=len, reverse=True):
        if name.startswith(title) or f" {title} " in f" {name} ":
            if _in_academic_sector(document):
                yield Problem(signature.field_path("name"), severity="info",
                              vi=f"'{title}' trước họ tên người ký: chỉ đúng khi người đứng đầu ngành đã quy định cho ghi",
                              en=f"'{title}' before the signer's name: right only where the sector's head has so decided")
            else:
                yield Problem(signature.field_path("name"), fix=" ".join(name.replace(title, "", 1).split()),
                              vi=f"Họ tên người ký không ghi học hàm, học vị: bỏ '{title}' trong '{name}'",
                              en=f"The signer's name carries no academic title: remove '{title}' from '{name}'")
            return


def _in_academic_sector(document) -> bool:
    """Whether the issuer (or its parent) is a body the decree lets show academic titles."""
    issuer = document.issuer
    names = " ".join(n for n in (issuer and issuer.name, issuer and issuer.parent) if n)
    folded = data.fold(names)
    return any(re.search(rf"\b{re.escape(data.fold(s))}\b", folded)
               for s in data.authorities().academic_title_sectors)


@rule("DV409", "signer-name-consistent", exact_text=True, severity="warning", weight=2,
      vi="Họ tên người ký được viết giống nhau ở mọi chỗ trong văn bản",
      en="The signer's name is spelt the same everywhere in the document")
def signer_name_consistent(signature, report):
    """
    Tiếng Việt:
        Khi văn bản nhắc lại tên người ký (trong phụ lục, nội dung), tên phải
        viết giống hệt: "Huỳnh Văn Quân" ở chữ ký mà "Huỳnh Văn Quán" ở phụ lục
        là sai một trong hai chỗ. So sánh bỏ dấu để tìm, rồi so đủ dấu.
    English:
        When the document names the signer again (in an appendix, the body),
        the name must be spelt identically: "Huỳnh Văn Quân" in the signature
        and "Huỳnh Văn Quán" in the appendix means one of them is wrong. Names
        are found without diacritics, then compared with them.
    Ví dụ sai / Fails:
        signature: {name: Huỳnh Văn Quân}
        # appendix: "Ông Huỳnh Văn Quán, Bí thư Đảng ủy"
    Ví dụ đúng / Passes:
        signature: {name: Huỳnh Văn Quân}
        # appendix: "Ông Huỳnh Văn Quân, Bí thư Đảng ủy"
    """
    name = " ".join((signature.name or "").split())
    words = name.split()
    if len(words) < 2:
        return
    text = report.joined_text
    if text.count(words[0]) < 2 and text.count(words[-1]) < 2:
        return  # neither the family nor the given name is written anywhere but the signature
    pattern = _any_diacritics(name)
    signature_path = signature.field_path("name")
    for path, text in report.texts():
        if path == signature_path:
            continue
        for m in pattern.finditer(text):
            found = " ".join(m.group(0).split())
            if data.fold(found) != data.fold(name):
                yield Problem(path, snippet=m.group(0),
                              vi=f"Tên '{found}' khác với tên người ký '{name}': viết thống nhất",
                              en=f"'{found}' differs from the signer's name '{name}': spell it one way")
                return


def _any_diacritics(name: str) -> re.Pattern:
    """A pattern matching ``name`` written with any diacritics, any case, any spacing."""
    parts = []
    for char in data.strip_diacritics(name).lower():
        parts.append(r"\s+" if char == " " else _letter_classes().get(char, re.escape(char)))
    # The first letter's class opens the pattern and the look-behind follows it ("no letter before this
    # first letter", the same test as "(?<!\w)" before it): the engine then fails most places at the class
    # instead of testing the look-behind first at every one (a third off the scan of each text).
    first = parts[0]
    return re.compile(first + r"(?<!\w" + first + ")" + "".join(parts[1:]) + r"(?!\w)", re.IGNORECASE)


@functools.cache
def _letter_classes() -> dict[str, str]:
    """For each base letter, a character class of every accented form of it.

    Made when a signer's name is first looked for in the text (rarely: only when it is written there
    again), not on every start-up: it folds 900 characters (1.6 ms)."""
    groups: dict[str, set[str]] = {}
    for code in list(range(0x41, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        if char.isalpha():
            base = data.strip_diacritics(char).lower()
            if len(base) == 1:
                groups.setdefault(base, set()).update({char, char.lower(), char.upper()})
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in groups.items()}


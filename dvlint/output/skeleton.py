"""`dvlint init`: a report skeleton written from a template.

Every part the template requires is there as a heading with a placeholder
paragraph in angle brackets (``<...>``), with comments saying what goes where.
Every figure the template asks for (``indicators``) is there too, its value a
placeholder. The skeleton passes the schema; `dvlint check` then fails only on
what is still to be filled in: the placeholders (DV708) and the blank number
and date of a draft (DV101, DV201).
"""

from __future__ import annotations

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _placeholder(label: str, least: int = 0) -> str:
    """A placeholder paragraph, as long as the template asks the part to be."""
    text = f"<{label}: viết nội dung theo đề cương / write this part as the outline asks"
    while len(text) + 1 < least:
        text += " ..."
    return text + ">"


def skeleton(template, today=None, check_with: str | None = None) -> str:
    """The skeleton of a report following ``template``. ``check_with``: the command that checks it with
    the same template, as its header says (``dvlint check baocao.yaml --template mau/x.yaml``)."""
    import datetime as dt

    today = today or dt.date.today()
    check_with = check_with or f"dvlint check baocao.yaml --template {template.name}"
    rule = template.applies_to
    kind = (rule.kinds or ["báo cáo"])[0]
    code = "KH" if kind.lower() == "kế hoạch" else "BC"
    party = rule.format == "party"
    number = f"Số -{code}/<ĐU>" if party else f"Số: /{code}-<CQ>"
    place = rule.provinces[0] if rule.provinces else "<Tỉnh>"
    topic = " ".join(filter(None, [rule.title_patterns[0] if rule.title_patterns else None,
                                   f"công tác {rule.subjects[0]}" if rule.subjects else None])) or "<nội dung>"
    out = [
        f"# Báo cáo theo mẫu '{template.name}': {template.title or ''}",
        f"# Report skeleton from the template '{template.name}'.",
        "# Điền mọi chỗ <...>; kiểm tra bằng lệnh dưới đây, với cùng mẫu, để biết còn thiếu gì.",
        "# Fill in every <...>; check it with the same template, as below, to see what is still missing.",
        f"#   {check_with}",
        "document:",
        f"  kind: {kind.upper()}",
        f"  format: {'party' if party else 'state'}",
        "  issuer:",
        "    parent: <CƠ QUAN CHỦ QUẢN>      # cơ quan cấp trên trực tiếp / the parent body",
        "    name: <CƠ QUAN BAN HÀNH>        # cơ quan ban hành / the issuing body",
        f"  number: {_quote(number)}   # để trống số đến khi ký / the number is filled in at signing",
        f"  place: {place}   # địa danh / the province",
        "  date: ngày tháng năm <năm>        # ngày ban hành, điền khi ký / dated at signing",
        f"  title: {_quote('<Kết quả thực hiện> ' + topic + ' <kỳ, năm>')}   # trích yếu / summary",
        "sections:",
    ]
    for index, section in enumerate(s for s in template.sections if s.required):
        out += [
            f'  - label: "{ROMAN[index % len(ROMAN)]}."',
            f"    heading: {_quote(section.label.upper())}",
        ]
        if section.min_chars:
            out.append(f"    # ít nhất {section.min_chars} ký tự / at least {section.min_chars} characters")
        if section.subsections:
            out.append("    children:")
            for sub_index, sub in enumerate(section.subsections, 1):
                out += [f'      - label: "{sub_index}."',
                        f"        heading: {_quote(sub.label)}",
                        f"        paragraphs: [{_quote(_placeholder(sub.label))}]"]
        else:
            out.append(f"    paragraphs: [{_quote(_placeholder(section.label, section.min_chars))}]")
    if template.appendices:
        out.append("appendices:")
        for index, appendix in enumerate(template.appendices, 1):
            out += [f'  - label: "Phụ lục {ROMAN[index - 1]}"',
                    f"    title: {_quote(appendix.label)}",
                    f"    reference: {_quote('(Kèm theo ' + kind.capitalize() + ' số ' + number.split(maxsplit=1)[1].lstrip(': ') + ' ngày tháng năm <năm>)')}",
                    "    tables:",
                    f"      - rows: [[{_quote('<' + appendix.label + ': điền bảng / fill in the table>')}]]"]
    out += _indicators(template)
    out += [
        "closing:",
        f"  - {_quote('Trên đây là ' + kind + ' <...>./.')}",
        "signature:",
        f"  authority: {'T/M ĐẢNG ỦY' if party else 'KT. GIÁM ĐỐC'}   # quyền hạn ký của cơ quan / your authority line",
        f"  title: {'<BÍ THƯ hoặc PHÓ BÍ THƯ>' if party else 'PHÓ GIÁM ĐỐC'}",
        "  name: <Họ và tên người ký>",
        "recipients:",
        '  heading: "Nơi nhận:"',
        "  lines:",
    ]
    ending = "," if party else ";"
    for recipient in (r for r in template.recipients if r.valid_on(today)):
        out.append(f"    - {_quote('- ' + recipient.label + ending)}   # mẫu yêu cầu / required by the template")
    out.append(f"    - {_quote('- Lưu Văn phòng <...>.' if party else '- Lưu: VT, <đơn vị soạn thảo>.')}")
    return "\n".join(out) + "\n"


_VALUE_HINT = {"count": "số", "percent": "tỷ lệ %", "money": "số tiền", "date": "ngày", "yesno": "có/không"}
_PERIODS = {"month": "tháng", "quarter": "quý", "half_year": "6 tháng", "nine_months": "9 tháng", "year": "năm",
            "multi_year": "nhiều năm"}


def _indicators(template) -> list[str]:
    """The figures the template asks for, each with a placeholder value to fill in (DV708 until it is)."""
    wanted = [i for i in template.indicators if i.required]
    if not wanted:
        return []
    out = ["indicators:   # số liệu mẫu yêu cầu / the figures the template asks for"]
    for indicator in wanted:
        value = f"<{indicator.label}: {_VALUE_HINT.get(indicator.type, 'số liệu')}>"
        fields = [f"value: {_quote(value)}"]
        if indicator.unit:
            fields.append(f"unit: {_quote(indicator.unit)}")
        fields.append(f"label: {_quote(indicator.label)}")
        when = ""
        if indicator.required_for:
            periods = ", ".join(_PERIODS.get(p, p) for p in indicator.required_for)
            when = f"   # báo cáo {periods} / reports on: {', '.join(indicator.required_for)}"
        out.append(f"  {indicator.key}: {{{', '.join(fields)}}}{when}")
    return out

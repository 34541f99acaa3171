"""DV3xx: sections and numbering (the format part; required sections come with templates).

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7: the body is divided into parts
numbered I, II, III, then 1, 2, 3, then 1.1, 1.2 or a), b), c); Party
documents often write 1-, 2-. Numbers at one level run without gaps or
repeats, and a child's number carries its parent's ("2.1" under "2.").
"""

from __future__ import annotations

import functools
import re

from dvlint import Problem, rule

_ROMAN = re.compile(r"^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
# Vietnamese list letters: a, b, c, d, đ, e, g, h, i, k ... (no f, j, w, z); đ may be skipped.
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_PARAGRAPH_LABEL = re.compile(r"^\s*(\d{1,2}|[a-zđ])\s*[.)\-–]\s+\S")


def _roman_value(text: str) -> int:
    total, previous = 0, 0
    for char in reversed(text):
        value = _ROMAN_VALUES[char]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


_DOTTED = re.compile(r"\d{1,2}(\.\d{1,2})+")
_ARABIC = re.compile(r"\d{1,3}")


@functools.lru_cache(maxsize=1024)
def parse_label(label: str | None):
    """(kind, number, parent numbers) of a label: ("roman", 2, ()), ("dotted", 1, (2,)).

    Kept for the labels met before: DV301 reads each label four or five times, and documents use a
    few dozen labels between them ("1.", "II.", "a)")."""
    if not label:
        return None
    core = label.strip().rstrip(".)-–: ").strip()
    if _ROMAN.match(core):
        return "roman", _roman_value(core), ()
    if _DOTTED.fullmatch(core):
        parts = tuple(int(p) for p in core.split("."))
        return f"dotted{len(parts)}", parts[-1], parts[:-1]
    if _ARABIC.fullmatch(core):
        return "arabic", int(core), ()
    if len(core) == 1 and core in _LETTERS:
        return "letter", core, ()
    return None


def _follows(kind: str, previous, current) -> bool:
    if kind == "letter":
        i, j = _LETTERS.index(previous), _LETTERS.index(current)
        return j == i + 1 or (previous == "d" and current == "e")  # đ is often left out
    return current == previous + 1


def _first(kind: str):
    return "a" if kind == "letter" else 1


# Roman numerals by tens and units, for the values _ROMAN reads (up to LXXXIX).
_ROMAN_TENS = ("", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX")
_ROMAN_UNITS = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")


def _show(kind: str, value) -> str:
    """A number as the report writes it: XII, not 12, for a part."""
    if kind == "roman":
        return _ROMAN_TENS[value // 10] + _ROMAN_UNITS[value % 10]
    return str(value)


# Lists nest: I, II hold 1, 2, which hold 1.1 or a), b). An item of an outer level ends the runs
# of the levels inside it, so "a)" after "2." starts a new run.
_RANK = {"roman": 0, "arabic": 1, "dotted2": 2, "dotted3": 3, "dotted4": 4, "letter": 5}


def sequence_problems(items, check_start: bool = True, carried: dict | None = None):
    """Gaps and repeats in a run of (path, parsed label); yields (path, kind, values, vi, en), where
    ``values`` are the labels missing before this item (for a gap or a late start).

    ``carried``: the last number of each kind in the run before this one, when the numbering may go
    on across it (I, II under "Phần thứ nhất", III under "Phần thứ hai").
    """
    previous: dict[str, object] = {}
    carried = carried or {}
    for path, parsed in items:
        kind, value, _ = parsed
        for inner in [k for k in previous if _RANK.get(k, 9) > _RANK.get(kind, 9)]:
            del previous[inner]
        if kind not in previous:
            goes_on = kind in carried and _follows(kind, carried[kind], value)
            if check_start and value != _first(kind) and not goes_on:
                yield path, kind, _between(kind, None, value), (
                    f"Số thứ tự bắt đầu từ {_show(kind, value)}: thiếu mục {_show(kind, _first(kind))}",
                    f"The numbering starts at {_show(kind, value)}: item {_show(kind, _first(kind))} is missing")
        elif value == _first(kind) and previous[kind] != value:
            pass  # a new list starts again at a), 1.: under an item the reading did not see, or quoted text
        elif value == previous[kind]:
            yield path, kind, (), (f"Số thứ tự {_show(kind, value)} lặp lại", f"The number {_show(kind, value)} is repeated")
        elif not _follows(kind, previous[kind], value):
            yield path, kind, _between(kind, previous[kind], value), (
                f"Số thứ tự nhảy từ {_show(kind, previous[kind])} sang {_show(kind, value)}",
                f"The numbering jumps from {_show(kind, previous[kind])} to {_show(kind, value)}")
        previous[kind] = value


def _between(kind: str, before, after) -> tuple:
    """The labels a run skips between ``before`` (None: its start) and ``after``."""
    if kind == "letter":
        i = _LETTERS.index(before) + 1 if before is not None else 0
        return tuple(_LETTERS[i:_LETTERS.index(after)])
    return tuple(range((before or 0) + 1, after))


@rule("DV301", "numbering-sequence", exact_text=True, severity="warning", weight=2,
      vi="Số thứ tự các mục, các ý liền nhau, không nhảy, không lặp; mục con mang số của mục cha",
      en="Section and item numbers run without gaps or repeats; a child's number carries its parent's")
def numbering_sequence(report):
    """
    Tiếng Việt:
        Nghị định 30/2020, Phụ lục I, mục II.6.c-đ: nội dung chia thành
        phần, mục, khoản, điểm theo số thứ tự. Các mục cùng cấp đánh số liên
        tục (I, II, III; 1, 2, 3; 2.1, 2.2; a, b, c; 1-, 2-), không bỏ số,
        không lặp số; mục "2.1" phải nằm trong mục "2.". Các ý đánh số trong
        đoạn văn cũng vậy: danh sách 1, 2, 3, 4, 6 là thiếu ý 5. Một mục của
        cấp trên bắt đầu lại các danh sách cấp dưới (a), b) dưới "1." rồi lại
        a), b) dưới "2."); danh sách bắt đầu lại từ a) hay 1. là danh sách
        mới (dưới một ý không đánh số, hay trong đoạn trích dẫn). Số bị coi là thiếu chỉ khi không có ở đâu giữa hai
        mục theo thứ tự trong văn bản (dòng "1. Căn cứ ..." đọc thành đoạn mở
        đầu vẫn được tính). Là cảnh báo: cách đọc bố cục từ bản in không chắc
        chắn bằng đọc chữ.
    English:
        Nghị định 30/2020, Phụ lục I, mục II.6.c-đ: the body is divided into
        parts, sections, clauses and points in order. Siblings are numbered
        in sequence (I, II, III; 1, 2, 3; 2.1, 2.2; a, b, c; 1-, 2-) with no
        gap and no repeat, and "2.1" stands under "2.". Numbered items inside
        a part too: a list 1, 2, 3, 4, 6 lacks item 5. An item of an outer
        level starts the inner lists again (a), b) under "1.", then a), b)
        under "2."); a list that starts again at a) or 1. is a new list
        (under an unnumbered item, or in quoted text). A number counts as missing only when it is nowhere
        between the two items in the document's order (a "1. Căn cứ ..." read
        into the opening still counts). A warning: reading a layout from
        print is less sure than reading its words.
    Ví dụ sai / Fails:
        paragraphs: ["1. Tiếp tục ...", "2. Tăng cường ...", "4. Tổ chức ..."]
    Ví dụ đúng / Passes:
        paragraphs: ["1. Tiếp tục ...", "2. Tăng cường ...", "3. Tổ chức ..."]
    """
    order = _document_order(report)
    for path, kind, missing, (vi, en) in _sections(report.sections, parent=None):
        if not _present_before(order, path, kind, missing):
            yield Problem(path, vi=vi, en=en)


def _document_order(report) -> list[tuple[str, tuple]]:
    """Every numbered label in reading order: the opening's numbered lines, then each section's label,
    its numbered paragraphs, and its children."""
    order = []

    def paragraphs(path, texts):
        for i, text in enumerate(texts):
            m = _PARAGRAPH_LABEL.match(text)
            parsed = parse_label(m.group(1)) if m else None
            if parsed:
                order.append((f"{path}[{i}]", parsed))

    def walk(section):
        parsed = parse_label(section.label)
        if parsed:
            order.append((section.field_path("label"), parsed))
        paragraphs(section.field_path("paragraphs"), section.paragraphs)
        for child in section.children:
            walk(child)

    paragraphs("opening", report.opening)
    for section in report.sections:
        walk(section)
    return order


def _present_before(order, path, kind, missing) -> bool:
    """Whether the labels ``missing`` before ``path`` stand just before it in reading order, back to the
    item before the gap or an outer level's: misplaced by the reading (a "1. Căn cứ ..." read into the
    opening, a "6." read as a heading), not missing."""
    if not missing:
        return False
    index = [p for p, _ in order].index(path)  # every numbered label is in the order
    wanted = set(missing)
    for _, (other_kind, value, _) in reversed(order[:index]):
        if _RANK.get(other_kind, 9) < _RANK.get(kind, 9):
            return False  # an outer level: the run began after it
        if other_kind != kind:
            continue
        if value not in wanted:
            return False  # the item before the gap, or an earlier list's
        wanted.discard(value)
        if not wanted:
            return True
    return False


def _sections(sections, parent, carried: dict | None = None):
    labelled = []
    for section in sections:
        parsed = parse_label(section.label)
        if parsed is None:
            continue
        labelled.append((section.field_path("label"), parsed))
        kind, value, prefix = parsed
        parent_number = _full_number(parent)
        if kind.startswith("dotted") and parent_number is not None and prefix != parent_number:
            shown = ".".join(map(str, parent_number))
            yield section.field_path("label"), kind, (), (
                f"Mục '{section.label}' nằm trong mục '{shown}.': số mục con phải bắt đầu bằng '{shown}.'",
                f"'{section.label}' stands under '{shown}.': a child's number starts with '{shown}.'")
    yield from sequence_problems(labelled, carried=carried)
    across: dict = {}  # the numbering under an unnumbered part ("Phần thứ nhất") may go on under the next
    for section in sections:
        yield from _numbered_paragraphs(section)
        parsed = parse_label(section.label)
        yield from _sections(section.children, parsed, across if parsed is None else None)
        if parsed is None:
            across = _last_numbers(section.children) or across


def _last_numbers(sections) -> dict:
    """The last number of each kind among these sections' labels."""
    last = {}
    for section in sections:
        parsed = parse_label(section.label)
        if parsed is not None:
            last[parsed[0]] = parsed[1]
    return last


def _full_number(parsed) -> tuple | None:
    """The number a child's dotted label must start with: (2,) for "2.", (2, 1) for "2.1."."""
    if parsed is None:
        return None
    kind, value, prefix = parsed
    if kind == "arabic":
        return (value,)
    if kind.startswith("dotted"):
        return prefix + (value,)
    return None


def _numbered_paragraphs(section):
    items = []
    for i, text in enumerate(section.paragraphs):
        m = _PARAGRAPH_LABEL.match(text)
        parsed = parse_label(m.group(1)) if m else None
        if parsed:
            items.append((section.field_path("paragraphs") + f"[{i}]", parsed))
    # a lone numbered paragraph may be a sibling section the layout ran into text: no start check
    yield from sequence_problems(items, check_start=len(items) > 1)


@rule("DV302", "empty-section", exact_text=True, severity="warning", weight=2,
      vi="Mục có tiêu đề và có nội dung",
      en="A section has a heading and some content")
def empty_section(report):
    """
    Tiếng Việt:
        Một mục đã đánh số mà bỏ trống tiêu đề, hoặc có tiêu đề mà không có
        nội dung (không đoạn văn, bảng hay mục con) thường là phần soạn dở.
        Một Điều chỉ một câu viết liền sau số Điều ("Điều 3. Quyết định này có
        hiệu lực kể từ ngày ký.") đã có nội dung; mục cuối có nội dung là phần
        kết ("Trên đây là ...").
    English:
        A numbered section with its heading left empty, or with a heading but
        nothing under it (no paragraph, table or subsection), is usually
        unfinished drafting. An article of one sentence written on its label's
        line ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.") has its
        content; the last section's content may be the closing ("Trên đây là
        ...").
    Ví dụ sai / Fails:
        sections: [{label: "II.", heading: ĐÁNH GIÁ CHUNG}]
    Ví dụ đúng / Passes:
        sections: [{label: "II.", heading: ĐÁNH GIÁ CHUNG, paragraphs: ["Công tác ..."]}]
    """
    sections = list(report.all_sections())
    for section in sections:
        if section.label and not (section.heading or "").strip() and not section.paragraphs:
            yield Problem(section.field_path("label"),
                          vi=f"Mục '{section.label}' chưa có tiêu đề",
                          en=f"Section '{section.label}' has no heading")
        elif not (section.paragraphs or section.tables or section.children or _is_article(section)
                  or (section is sections[-1] and report.closing)):
            name = f"{section.label or ''} {section.heading or ''}".strip()
            yield Problem(section.path, vi=f"Mục '{name}' chưa có nội dung", en=f"Section '{name}' has no content")


def _is_article(section) -> bool:
    """An article (Điều) whose one sentence stands on its label's line: 'Điều 3. Quyết định này có
    hiệu lực kể từ ngày ký.' is all the article says. (A labelled section without a heading or
    paragraphs is reported before this is asked, so an article asked about has its sentence.)"""
    return (section.label or "").lower().startswith("điều")


# --- what the template requires ----------------------------------------------------


def _mentions(section, part) -> bool:
    """Whether a part (ưu điểm, hạn chế ...) appears under a section: as a heading,
    or at the start of a paragraph ("Hạn chế: ...")."""
    from dvlint.knowledge.templates import heading_matches

    for sub in section.walk():
        if sub is not section and sub.heading and heading_matches(sub.heading, part.names):
            return True
        for paragraph in sub.paragraphs:
            start = re.split(r"[:.;]", paragraph.lstrip("-+•* "), maxsplit=1)[0][:80]
            if heading_matches(start, part.names):
                return True
    return False


def _text_length(section) -> int:
    return sum(len(p) for sub in section.walk() for p in sub.paragraphs) + sum(
        len(str(cell)) for sub in section.walk() for table in sub.tables for row in table.rows for cell in row if cell)


@rule("DV303", "template-section-missing", exact_text=True, severity="error", weight=8,
      vi="Báo cáo có đủ các phần mà đề cương (mẫu báo cáo) yêu cầu",
      en="The report has every part its template (the province's outline) requires")
def template_section_missing(template, template_sections):
    """
    Tiếng Việt:
        Mỗi tỉnh ban hành đề cương cho từng loại báo cáo; mẫu báo cáo
        (rules/templates, hay mẫu của tỉnh) ghi các phần bắt buộc và các
        cách viết tiêu đề được chấp nhận ("Đánh giá chung", "II- ĐÁNH GIÁ
        CHUNG:"). Thiếu một phần bắt buộc là lỗi; thông báo nêu tên phần
        theo đề cương. So khớp tiêu đề không phân biệt hoa thường, dấu, số
        thứ tự, dấu câu.
    English:
        Each province publishes an outline for each kind of report; the
        template (rules/templates, or the province's own) lists the required
        parts and the headings that count as each ("Đánh giá chung", "II-
        ĐÁNH GIÁ CHUNG:"). A missing part is an error naming it as the
        outline does. Headings are compared ignoring case, diacritics,
        numbering and punctuation.
    Ví dụ sai / Fails:
        # the template requires "Đánh giá chung"
        sections: [{label: "I.", heading: KẾT QUẢ THỰC HIỆN, paragraphs: [...]}]
    Ví dụ đúng / Passes:
        sections: [{label: "I.", heading: KẾT QUẢ THỰC HIỆN, ...}, {label: "II.", heading: ĐÁNH GIÁ CHUNG, ...}]
    """
    for requirement, (_, section) in zip(template.sections, template_sections):
        if requirement.required and section is None:
            yield Problem(None, weight=requirement.weight,
                          vi=f"Thiếu phần '{requirement.label}' theo mẫu '{template.name}'",
                          en=f"The part '{requirement.label}' required by the template '{template.name}' is missing")


@rule("DV304", "template-section-order", severity="warning", weight=2,
      vi="Các phần của báo cáo theo đúng thứ tự của đề cương",
      en="The report's parts come in the order of the template")
def template_section_order(template, template_sections):
    """
    Tiếng Việt:
        Đề cương thường định thứ tự các phần (kết quả, đánh giá, phương
        hướng, kiến nghị). Một phần đứng trước phần lẽ ra phải đứng trước nó
        thì báo (trừ khi mẫu ghi ordered: false).
    English:
        Outlines usually fix the order of the parts (results, assessment,
        direction, proposals). A part placed before one that the template
        puts ahead of it is reported (unless the template says ordered: false).
    Ví dụ sai / Fails:
        sections: [{heading: ĐÁNH GIÁ CHUNG}, {heading: KẾT QUẢ THỰC HIỆN}]
    Ví dụ đúng / Passes:
        sections: [{heading: KẾT QUẢ THỰC HIỆN}, {heading: ĐÁNH GIÁ CHUNG}]
    """
    if template.ordered is False:
        return
    latest = None
    for requirement, (position, section) in zip(template.sections, template_sections):
        if section is None:
            continue
        if latest is not None and position < latest[0]:
            yield Problem(section.field_path("heading"),
                          vi=f"Phần '{requirement.label}' phải đứng sau phần '{latest[1]}' theo mẫu '{template.name}'",
                          en=f"'{requirement.label}' comes after '{latest[1]}' in the template '{template.name}'")
        else:
            latest = (position, requirement.label)


@rule("DV305", "template-subsection-missing", exact_text=True, severity="warning", weight=4,
      vi="Phần có đủ các ý con mà đề cương yêu cầu (ưu điểm, hạn chế, nguyên nhân ...)",
      en="A part has the sub-parts its template requires (strengths, limits, causes ...)")
def template_subsection_missing(template, template_sections):
    """
    Tiếng Việt:
        Phần "Đánh giá chung" của đề cương thường đòi đủ ưu điểm (kết quả đạt
        được), hạn chế và nguyên nhân. Ý con được tìm trong tiêu đề các mục
        con hoặc ở đầu đoạn văn ("Hạn chế: ..."). Thiếu thì báo, nêu tên ý
        con theo đề cương.
    English:
        The outline's "Đánh giá chung" usually asks for strengths (results
        achieved), limits and causes. A sub-part is looked for in the
        headings of the subsections or at the start of a paragraph ("Hạn chế:
        ..."). A missing one is reported by its name in the outline.
    Ví dụ sai / Fails:
        sections: [{heading: ĐÁNH GIÁ CHUNG, children: [{heading: Ưu điểm, paragraphs: [...]}]}]
    Ví dụ đúng / Passes:
        sections: [{heading: ĐÁNH GIÁ CHUNG, children: [{heading: Ưu điểm}, {heading: Hạn chế và nguyên nhân}]}]
    """
    for requirement, (_, section) in zip(template.sections, template_sections):
        if section is None:
            continue
        for part in requirement.subsections:
            if not _mentions(section, part):
                yield Problem(section.field_path("heading"), weight=part.weight,
                              vi=f"Phần '{section.heading}' thiếu ý '{part.label}' theo mẫu '{template.name}'",
                              en=f"'{section.heading}' lacks '{part.label}', required by the template '{template.name}'")


@rule("DV306", "template-section-content", exact_text=True, severity="warning", weight=2,
      vi="Phần bắt buộc có đủ nội dung theo mẫu",
      en="A required part has as much content as its template asks")
def template_section_content(template, template_sections):
    """
    Tiếng Việt:
        Mẫu có thể đặt số ký tự tối thiểu cho một phần (min_chars): một phần
        chỉ có tiêu đề và một câu thường là chưa viết xong.
    English:
        A template may set the least amount of text for a part (min_chars):
        a part with a heading and one sentence is usually unfinished.
    Ví dụ sai / Fails:
        # min_chars: 200
        sections: [{heading: KẾT QUẢ THỰC HIỆN, paragraphs: ["Đạt kết quả tốt."]}]
    Ví dụ đúng / Passes:
        sections: [{heading: KẾT QUẢ THỰC HIỆN, paragraphs: ["(a full account of the results)"]}]
    """
    for requirement, (_, section) in zip(template.sections, template_sections):
        if section is None or not requirement.min_chars:
            continue
        length = _text_length(section)
        if length < requirement.min_chars:
            yield Problem(section.field_path("heading"),
                          vi=f"Phần '{section.heading}' mới có {length} ký tự; mẫu '{template.name}' yêu cầu ít nhất {requirement.min_chars}",
                          en=f"'{section.heading}' has {length} characters; the template '{template.name}' asks for {requirement.min_chars}")


@rule("DV307", "template-appendix-missing", exact_text=True, severity="warning", weight=4,
      vi="Báo cáo có các phụ lục mà đề cương yêu cầu",
      en="The report has the appendices its template requires")
def template_appendix_missing(report, template):
    """
    Tiếng Việt:
        Báo cáo tổng kết thường phải kèm phụ lục danh mục văn bản đã ban hành
        và bảng số liệu. Phụ lục được nhận ra qua tiêu đề, nhãn, hay tiêu đề
        các bảng của nó.
    English:
        A multi-year review usually comes with an appendix listing the
        documents issued and a table of figures. An appendix is recognised by
        its title, its label or the captions of its tables.
    Ví dụ sai / Fails:
        # the template requires an appendix "Văn bản đã ban hành"
        appendices: []
    Ví dụ đúng / Passes:
        appendices: [{title: "Văn bản thực hiện Quyết định số 290-QĐ/TW", tables: [...]}]
    """
    from dvlint.knowledge.templates import heading_matches

    for requirement in template.appendices:
        found = any(
            heading_matches(text, requirement.names)
            for appendix in report.appendices
            for text in [appendix.title or "", appendix.label or "", *(t.caption or "" for t in appendix.tables),
                         *(str(row[0]) for t in appendix.tables for row in t.rows[:40] if row and row[0])]
        )
        if not found:
            yield Problem(None, weight=requirement.weight,
                          vi=f"Thiếu phụ lục '{requirement.label}' theo mẫu '{template.name}'",
                          en=f"The appendix '{requirement.label}' required by the template '{template.name}' is missing")

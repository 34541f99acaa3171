"""DV3xx: sections and numbering (the format part; required sections come with templates).

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7: the body is divided into parts
numbered I, II, III, then 1, 2, 3, then 1.1, 1.2 or a), b), c); Party
documents often write 1-, 2-. Numbers at one level run without gaps or
repeats, and a child's number carries its parent's ("2.1" under "2.").
"""

from __future__ import annotations

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


def parse_label(label: str | None):
    """(kind, number, parent numbers) of a label: ("roman", 2, ()), ("dotted", 1, (2,))."""
    if not label:
        return None
    core = label.strip().rstrip(".)-–: ").strip()
    if _ROMAN.match(core):
        return "roman", _roman_value(core), ()
    if re.fullmatch(r"\d{1,2}(\.\d{1,2})+", core):
        parts = tuple(int(p) for p in core.split("."))
        return f"dotted{len(parts)}", parts[-1], parts[:-1]
    if re.fullmatch(r"\d{1,3}", core):
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


def _show(kind: str, value) -> str:
    if kind == "roman":
        return {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}.get(value, str(value))
    return str(value)


def sequence_problems(items, check_start: bool = True):
    """Gaps and repeats in a run of (path, parsed label); yields (path, vi, en)."""
    previous: dict[str, object] = {}
    for path, parsed in items:
        kind, value, _ = parsed
        if kind not in previous:
            if check_start and value != _first(kind):
                yield path, (f"Số thứ tự bắt đầu từ {_show(kind, value)}: thiếu mục {_show(kind, _first(kind))}",
                             f"The numbering starts at {_show(kind, value)}: item {_show(kind, _first(kind))} is missing")
        elif value == previous[kind]:
            yield path, (f"Số thứ tự {_show(kind, value)} lặp lại", f"The number {_show(kind, value)} is repeated")
        elif not _follows(kind, previous[kind], value):
            yield path, (f"Số thứ tự nhảy từ {_show(kind, previous[kind])} sang {_show(kind, value)}",
                         f"The numbering jumps from {_show(kind, previous[kind])} to {_show(kind, value)}")
        previous[kind] = value


@rule("DV301", "numbering-sequence", severity="error", weight=3,
      vi="Số thứ tự các mục, các ý liền nhau, không nhảy, không lặp; mục con mang số của mục cha",
      en="Section and item numbers run without gaps or repeats; a child's number carries its parent's")
def numbering_sequence(report):
    """
    Tiếng Việt:
        Các mục cùng cấp đánh số liên tục (I, II, III; 1, 2, 3; 2.1, 2.2; a,
        b, c; 1-, 2-), không bỏ số, không lặp số; mục "2.1" phải nằm trong mục
        "2.". Các ý đánh số trong đoạn văn ("1. Tiếp tục ...", "2. ...") cũng
        vậy: danh sách 1, 2, 3, 4, 6 là thiếu ý 5.
    English:
        Sibling parts are numbered in sequence (I, II, III; 1, 2, 3; 2.1,
        2.2; a, b, c; 1-, 2-) with no gap and no repeat, and "2.1" stands
        under "2.". Numbered items inside a part ("1. Tiếp tục ...", "2. ...")
        too: a list 1, 2, 3, 4, 6 lacks item 5.
    Ví dụ sai / Fails:
        paragraphs: ["1. Tiếp tục ...", "2. Tăng cường ...", "4. Tổ chức ..."]
    Ví dụ đúng / Passes:
        paragraphs: ["1. Tiếp tục ...", "2. Tăng cường ...", "3. Tổ chức ..."]
    """
    yield from _sections(report.sections, parent=None)


def _sections(sections, parent):
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
            yield Problem(section.field_path("label"),
                          vi=f"Mục '{section.label}' nằm trong mục '{shown}.': số mục con phải bắt đầu bằng '{shown}.'",
                          en=f"'{section.label}' stands under '{shown}.': a child's number starts with '{shown}.'")
    for path, (vi, en) in sequence_problems(labelled):
        yield Problem(path, vi=vi, en=en)
    for section in sections:
        yield from _numbered_paragraphs(section)
        yield from _sections(section.children, parse_label(section.label))


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
    for path, (vi, en) in sequence_problems(items, check_start=len(items) > 1):
        yield Problem(path, vi=vi, en=en)


@rule("DV302", "empty-section", severity="warning", weight=2,
      vi="Mục có tiêu đề và có nội dung",
      en="A section has a heading and some content")
def empty_section(report):
    """
    Tiếng Việt:
        Một mục đã đánh số mà bỏ trống tiêu đề, hoặc có tiêu đề mà không có
        nội dung (không đoạn văn, bảng hay mục con) thường là phần soạn dở.
    English:
        A numbered section with its heading left empty, or with a heading but
        nothing under it (no paragraph, table or subsection), is usually
        unfinished drafting.
    Ví dụ sai / Fails:
        sections: [{label: "II.", heading: ĐÁNH GIÁ CHUNG}]
    Ví dụ đúng / Passes:
        sections: [{label: "II.", heading: ĐÁNH GIÁ CHUNG, paragraphs: ["Công tác ..."]}]
    """
    for section in report.all_sections():
        if section.label and not (section.heading or "").strip() and not section.paragraphs:
            yield Problem(section.field_path("label"),
                          vi=f"Mục '{section.label}' chưa có tiêu đề",
                          en=f"Section '{section.label}' has no heading")
        elif not (section.paragraphs or section.tables or section.children):
            name = f"{section.label or ''} {section.heading or ''}".strip()
            yield Problem(section.path, vi=f"Mục '{name}' chưa có nội dung", en=f"Section '{name}' has no content")

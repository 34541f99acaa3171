"""DV6xx: figures (số liệu, chỉ tiêu).

The template lists the figures its outline asks for; a figure is read from
the report's ``indicators`` block, else from a table row whose label names it
("Số buổi tiếp công dân định kỳ | buổi | 24"). Where only a sentence states it
("tiếp nhận 120 hồ sơ"), dvlint offers the figure as a suggestion (info)
rather than reporting it missing. Related figures must agree, and a stated
share ("30/120 hồ sơ ... chiếm tỷ lệ 25%") must equal its part over its whole,
with or without a template.
"""

from __future__ import annotations

import re

from dvlint import Problem, rule
from dvlint.knowledge.data import base_letters
from dvlint.knowledge.templates import heading_matches, normalize_heading

_NUMBER = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\d/])")


def parse_number(text) -> float | None:
    """A number as Vietnamese texts write it: 1.250 (thousands), 94,4 (decimal comma); "không" is 0."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    if text is None:
        return None
    if normalize_heading(str(text)) == "khong":
        return 0.0
    m = _NUMBER.search(str(text))
    if not m:
        return None
    return float(m.group(1).replace(".", "") + (f".{m.group(2)}" if m.group(2) else ""))


def find_figure(report, requirement):
    """(value, path) of a figure: the indicators block, else a labelled table row."""
    given = report.indicators.get(requirement.key)
    if given is not None:
        return given.value, given.field_path("value")
    holders = [*report.all_sections(), *report.appendices]
    for holder in holders:
        for t, table in enumerate(holder.tables):
            for r, row in enumerate(table.rows):
                cells = [str(c) for c in row if c not in (None, "")]
                for c, cell in enumerate(cells[:-1]):
                    if heading_matches(cell, requirement.names):
                        value = next((v for v in cells[c + 1:] if parse_number(v) is not None), None)
                        if value is not None:
                            return value, holder.field_path("tables") + f"[{t}].rows[{r}]"
    return None, None


def stated_in_text(report, requirement):
    """(number, path, sentence) where a sentence states the figure: the label's words, and a number with the unit.

    Of several numbers with the unit in the sentence, the one nearest the
    label's words: in "tiếp nhận 2.400 hồ sơ, giải quyết đúng hạn 2.376/2.400
    hồ sơ" the figure received is 2.400 and the one settled on time 2.376 (the
    part of "part/whole").
    """
    if not requirement.unit:
        return None
    pattern = re.compile(r"(?<![\d.,/])(?P<value>(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?)(?:\s*/\s*\d[\d.]*)?\s*"
                         + re.escape(requirement.unit) + r"\b", re.IGNORECASE)
    names = [normalize_heading(n) for n in requirement.names]
    unit_words = set(normalize_heading(requirement.unit).split())
    for path, text in report.body_texts():
        for sentence in re.split(r"(?<=[.;])\s+", text):
            matches = list(pattern.finditer(sentence))
            if not matches:
                continue
            words = set(normalize_heading(sentence).split())
            name = next((name for name in names if name and set(name.split()) <= words), None)
            if name:
                nearest = _nearest(matches, sentence, set(name.split()) - unit_words)
                return parse_number(nearest["value"]), path, sentence.strip()
    return None


def _nearest(matches: list, sentence: str, label_words: set[str]):
    """The match nearest the span where the label's words first appear (the first match when they cannot be found)."""
    folded = base_letters(sentence).lower()
    if len(folded) != len(sentence):
        return matches[0]
    found = [re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded) for word in label_words]
    spans = [m.span() for m in found if m]
    if not spans:
        return matches[0]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return min(matches, key=lambda m: max(start - m.end(), m.start() - end, 0))


def _required(requirement, report) -> bool:
    if not requirement.required:
        return False
    if not requirement.required_for:
        return True
    period = report.document.reporting_period()
    return period is not None and period.kind in requirement.required_for


@rule("DV601", "indicator-missing", exact_text=True, severity="error", weight=4,
      vi="Báo cáo có đủ các số liệu mà đề cương yêu cầu",
      en="The report gives every figure its template asks for")
def indicator_missing(report, template):
    """
    Tiếng Việt:
        Đề cương yêu cầu các số liệu (số hội nghị, số hồ sơ tiếp nhận, giải
        quyết đúng hạn, số buổi tiếp công dân ...). Số liệu được tìm ở khối
        indicators và ở các dòng bảng có nhãn trùng tên số liệu. Nếu chỉ có
        một câu trong nội dung nêu con số ("tiếp nhận 120 hồ sơ"), dvlint gợi
        ý con số đó (mức thông tin) thay vì báo thiếu.
    English:
        The outline asks for figures (meetings held, procedures received and
        settled on time, citizen receptions ...). They are read from the
        indicators block and from table rows labelled with the figure's name.
        When only a sentence states it ("tiếp nhận 120 hồ sơ"), dvlint
        suggests that number (info) instead of reporting it missing.
    Ví dụ sai / Fails:
        # the template asks for procedures_received; nothing gives it
        indicators: {}
    Ví dụ đúng / Passes:
        indicators: {procedures_received: {value: 120, unit: hồ sơ}}
    """
    for requirement in template.indicators:
        if not _required(requirement, report) or find_figure(report, requirement)[0] is not None:
            continue
        stated = stated_in_text(report, requirement)
        if stated:
            number, path, sentence = stated
            yield Problem(path, snippet=sentence[:30], severity="info",
                          vi=f"Gợi ý: '{requirement.label}' ({requirement.key}) có thể là {number:g}, theo câu: \"{sentence[:90]}\"; ghi vào khối indicators",
                          en=f"Suggestion: '{requirement.label}' ({requirement.key}) may be {number:g}, from: \"{sentence[:90]}\"; give it in the indicators block")
        else:
            yield Problem("indicators" if report.indicators else None, weight=requirement.weight,
                          vi=f"Thiếu số liệu '{requirement.label}' ({requirement.key}) theo mẫu '{template.name}'",
                          en=f"The figure '{requirement.label}' ({requirement.key}) required by the template '{template.name}' is missing")


def _placeholder(value) -> bool:
    """A value still to be filled in (``<Kinh phí: số tiền>``, as `dvlint init` writes it): DV708 reports it,
    and it is no figure of a wrong kind or out of range."""
    return isinstance(value, str) and bool(_PLACEHOLDER.fullmatch(value.strip()))


_PLACEHOLDER = re.compile(r"<[^<>\n]{1,200}>")


def _type_error(requirement, value) -> tuple[str, str] | None:
    number = parse_number(value)
    kind = requirement.type
    if kind == "yesno":
        ok = isinstance(value, bool) or normalize_heading(str(value)) in ("co", "khong")
        return None if ok else ("có hoặc không", "yes or no")
    if kind == "date":
        from dvlint.model.extract import find_dates

        return None if find_dates(str(value)) else ("một ngày tháng", "a date")
    if number is None:
        return ("một con số", "a number")
    if kind == "count" and (number < 0 or number != int(number)):
        return ("một số đếm (số nguyên không âm)", "a count (a whole number, not negative)")
    if kind == "percent" and not 0 <= number <= 100:
        return ("một tỷ lệ từ 0 đến 100%", "a percentage from 0 to 100")
    return None


@rule("DV602", "indicator-type", severity="error", weight=3,
      vi="Số liệu đúng kiểu mẫu yêu cầu (số đếm, tỷ lệ, số tiền, ngày, có/không)",
      en="A figure is of the kind its template asks (count, percent, money, date, yes/no)")
def indicator_type(report, template):
    """
    Tiếng Việt:
        Số lượt, số hồ sơ là số nguyên không âm; tỷ lệ từ 0 đến 100%; số tiền
        là một con số; ngày là ngày tháng; có/không là có hoặc không.
    English:
        Counts are whole numbers, not negative; percentages lie between 0 and
        100; money is a number; dates are dates; yes/no is yes or no.
    Ví dụ sai / Fails:
        indicators: {meetings: {value: 2.5}}   # a count
    Ví dụ đúng / Passes:
        indicators: {meetings: {value: 3}}
    """
    for requirement in template.indicators:
        value, path = find_figure(report, requirement)
        if value is None or _placeholder(value):
            continue
        error = _type_error(requirement, value)
        if error:
            yield Problem(path, vi=f"'{requirement.label}' phải là {error[0]}, không phải '{value}'",
                          en=f"'{requirement.label}' must be {error[1]}, not '{value}'")


@rule("DV603", "indicator-range", severity="error", weight=3,
      vi="Số liệu nằm trong khoảng mẫu cho phép",
      en="A figure lies within the range its template allows")
def indicator_range(report, template):
    """
    Tiếng Việt:
        Mẫu có thể đặt giới hạn (min, max) cho số liệu; con số ngoài khoảng
        thường là gõ nhầm.
    English:
        A template may bound a figure (min, max); a number outside is usually
        a typo.
    Ví dụ sai / Fails:
        indicators: {receptions: {value: 400}}   # max 366
    Ví dụ đúng / Passes:
        indicators: {receptions: {value: 12}}
    """
    for requirement in template.indicators:
        value, path = find_figure(report, requirement)
        number = parse_number(value) if value is not None and not _placeholder(value) else None
        if number is None or _type_error(requirement, value):
            continue
        if (requirement.min is not None and number < requirement.min) or (requirement.max is not None and number > requirement.max):
            low = "-∞" if requirement.min is None else f"{requirement.min:g}"
            high = "∞" if requirement.max is None else f"{requirement.max:g}"
            yield Problem(path, vi=f"'{requirement.label}' = {number:g} ngoài khoảng [{low}, {high}]",
                          en=f"'{requirement.label}' = {number:g} is outside [{low}, {high}]")


_OPS = {"<=": lambda a, b: a <= b, "<": lambda a, b: a < b, ">=": lambda a, b: a >= b, ">": lambda a, b: a > b,
        "==": lambda a, b: a == b}


@rule("DV604", "indicator-relation", severity="error", weight=3,
      vi="Các số liệu liên quan khớp nhau (đúng hạn không quá số tiếp nhận; tỷ lệ đúng bằng phần trên tổng)",
      en="Related figures agree (settled on time at most received; a percentage equals part over whole)")
def indicator_relation(report, template):
    """
    Tiếng Việt:
        Mẫu ghi quan hệ giữa các số liệu: "giải quyết đúng hạn <= tiếp nhận",
        "tỷ lệ = đúng hạn / tiếp nhận x 100" (cho phép sai số làm tròn). Số
        liệu không khớp nhau là có chỗ sai.
    English:
        The template states relations: "settled on time <= received",
        "percentage = on time / received x 100" (within rounding). Figures
        that disagree mean one is wrong.
    Ví dụ sai / Fails:
        indicators: {received: 120, on_time: 130}
    Ví dụ đúng / Passes:
        indicators: {received: 120, on_time: 118}
    """
    by_key = {i.key: i for i in template.indicators}

    def number(key):
        requirement = by_key.get(key)
        if requirement is None:
            given = report.indicators.get(key)
            if given is None or _placeholder(given.value):
                return None, None
            return parse_number(given.value), given.field_path("value")
        value, path = find_figure(report, requirement)
        return (parse_number(value) if value is not None and not _placeholder(value) else None), path

    for relation in template.relations:
        if relation.percent:
            (pct, path), (part, _), (whole, _) = number(relation.percent), number(relation.part), number(relation.whole)
            if None in (pct, part, whole) or whole == 0:
                continue
            expected = part / whole * 100
            if abs(expected - pct) > relation.tolerance:
                yield Problem(path, vi=f"Tỷ lệ {relation.percent} = {pct:g}% nhưng {relation.part}/{relation.whole} = {part:g}/{whole:g} = {expected:.1f}%",
                              en=f"{relation.percent} = {pct:g}% but {relation.part}/{relation.whole} = {part:g}/{whole:g} = {expected:.1f}%")
        elif relation.left and relation.op and relation.right:
            (left, path), (right, _) = number(relation.left), number(relation.right)
            if left is not None and right is not None and not _OPS[relation.op](left, right):
                yield Problem(path, vi=f"{relation.left} = {left:g} phải {relation.op} {relation.right} = {right:g}",
                              en=f"{relation.left} = {left:g} must be {relation.op} {relation.right} = {right:g}")


# Opens with a digit class rather than a look-behind: the engine skips to digits in C.
_STATED_SHARE = re.compile(
    r"(?P<part>\d(?<![\d/.,]\d)\d*)[ \t]*/[ \t]*(?P<whole>\d+)(?![\d/])(?P<between>[^.;%/\d\n]{0,80}?)"
    r"(?P<pct>\d+(?:[,.]\d+)?)[ \t]*%")  # within one field: a table's cells are joined by line breaks


# A percentage after "từ", "trên", "dưới" ... or before "trở lên" is a threshold, not the share: "2/3 diện
# tích có độ dốc từ 15% trở lên" measures two things.
_THRESHOLD = re.compile(r"(?:\btừ|\btrên|\bdưới|\bquá|\bhơn|\btối\s+thiểu|\btối\s+đa|\bít\s+nhất|\bkhông\s+thấp\s+hơn)\s*$",
                        re.IGNORECASE)
_OR_MORE = re.compile(r"\s*trở\s+(?:lên|xuống)\b", re.IGNORECASE)


@rule("DV605", "stated-share", exact_text=True, severity="warning", weight=2,
      vi="Tỷ lệ nêu trong câu bằng phần trên tổng nêu cùng câu ('15/16 ... 100%' là sai)",
      en="A share stated in a sentence equals the part over the whole it gives ('15/16 ... 100%' is wrong)")
def stated_share(report):
    """
    Tiếng Việt:
        Câu "30/120 thủ tục ... chiếm tỷ lệ 25%" đúng; "15/15 thư đạt 100%"
        đúng; "15/16 thư ... đạt 100%" sai. Cho phép sai số làm tròn nửa điểm
        phần trăm. Một ngưỡng ("2/3 diện tích có độ dốc từ 15% trở lên") không
        phải tỷ lệ của phần trên tổng.
    English:
        "30/120 thủ tục ... chiếm tỷ lệ 25%" is right; "15/15 thư đạt 100%"
        is right; "15/16 thư ... đạt 100%" is wrong. Half a percentage point of
        rounding is allowed. A threshold ("2/3 diện tích có độ dốc từ 15% trở
        lên") is not the part's share.
    Ví dụ sai / Fails:
        paragraphs: ["Giải quyết 15/16 thư, đạt 100%."]
    Ví dụ đúng / Passes:
        paragraphs: ["Giải quyết 15/16 thư, đạt 93,75%."]
    """
    if "%" not in report.joined_text:
        return  # a literal test in C: most reports state no share at all, and the scan stops at every digit
    for path, match in report.search_at(_STATED_SHARE, report.numbers_before_slash):
        part, whole = int(match["part"]), int(match["whole"])
        stated = float(match["pct"].replace(",", "."))
        if whole == 0 or part > whole or _THRESHOLD.search(match["between"]) or _OR_MORE.match(match.string, match.end()):
            continue
        expected = part / whole * 100
        if abs(expected - stated) > 0.5 + 1e-9:
            yield Problem(path, snippet=match.group(0)[:30],
                          vi=f"'{match.group(0)}': {part}/{whole} là {expected:.1f}%, không phải {match['pct']}%",
                          en=f"'{match.group(0)}': {part}/{whole} is {expected:.1f}%, not {match['pct']}%")

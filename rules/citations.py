"""DV2xx, continued: the dates and cited documents in the text.

The date-line rules are in dates.py; this module reads every date and every
citation in the report (dvlint.model.extract) and checks them against the calendar,
against the document's own date and against each other. The register of
superseded documents and the reporting cut-offs are data
(rules/data/superseded.yaml, rules/data/report_periods.yaml).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from dvlint import Problem, rule
from dvlint.i18n import Msg
from dvlint.knowledge import data
from dvlint.knowledge.formats import other_level_of_one_sector
from dvlint.model import parsing
from dvlint.model.extract import normalize_symbol


@rule("DV206", "date-exists", exact_text=True, severity="error", weight=3,
      vi="Mọi ngày tháng trong văn bản là ngày có thật",
      en="Every date in the text is a real calendar date")
def date_exists(report):
    """
    Tiếng Việt:
        Ngày tháng viết trong nội dung, chú thích, phụ lục (25/02/2010, ngày
        16 tháng 02 năm 2023) phải có thật: không có 31/02/2020 hay
        29/02/2019. Ngày ban hành do DV202 kiểm tra.
    English:
        Dates in the body, footnotes and appendices (25/02/2010, ngày 16 tháng
        02 năm 2023) must exist: no 31/02/2020, no 29/02/2019. The issue date
        is DV202's.
    Ví dụ sai / Fails:
        paragraphs: ["Kế hoạch số 14/KH-SKHCN ngày 31/02/2020 ..."]
    Ví dụ đúng / Passes:
        paragraphs: ["Kế hoạch số 14/KH-SKHCN ngày 28/02/2020 ..."]
    """
    written = report.search_at(_WRITTEN_DAY, _written_day_starts(report.joined_text))
    for path, m in (*written, *report.search_at(_SLASHED_DAY, report.numbers_before_slash)):
        if path == "document.date":
            continue
        day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
        try:
            dt.date(year, month, day)
        except ValueError:
            yield Problem(path, snippet=m.group(0),
                          vi=f"Ngày '{m.group(0)}' không có thật", en=f"The date '{m.group(0)}' does not exist")


# Complete days only (the forms that can name a day the calendar lacks).
# Each pattern opens with a character class, not a look-behind, so that the
# regular-expression engine skips ahead to the next candidate character in C
# instead of trying the whole pattern at every place (4x faster on a report).
_WRITTEN_DAY = re.compile(
    r"[nN](?<!\w[nN])(?i:gày)\s*(?P<d>\d{1,2})\s*(?i:tháng)\s*(?P<m>\d{1,2})\s*(?i:năm)\s*(?P<y>\d{4})")
_SLASHED_DAY = re.compile(r"(?P<d>\d(?<![\d/]\d)\d?)\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})(?![\d/])")
# The case forms of "gày" that _WRITTEN_DAY's (?i:gày) matches (no other character folds to g, à or y).
_GAY_FORMS = tuple(g + a + y for g in "gG" for a in "àÀ" for y in "yY")


def _written_day_starts(text: str) -> list[int]:
    """The offsets of every "ngày" in ``text``, whatever its case, in order: the only places _WRITTEN_DAY
    can open. Found by ``str.find`` in C: the pattern's own scan stops at every n of the text (1.3M
    instructions on a 15,000-character report)."""
    starts = []
    for form in _GAY_FORMS:
        found = text.find(form, 1)
        while found != -1:
            if text[found - 1] in "nN":
                starts.append(found - 1)
            found = text.find(form, found + 1)
    starts.sort()
    return starts


@rule("DV207", "citation-after-issue", exact_text=True, severity="error", weight=5,
      vi="Văn bản được dẫn không thể có ngày sau ngày ban hành của văn bản dẫn nó",
      en="A cited document cannot be dated after the citing document's issue date")
def citation_after_issue(report, today):
    """
    Tiếng Việt:
        Một văn bản chỉ dẫn được văn bản đã có: Kế hoạch ban hành tháng
        02/2023 mà dẫn "Công văn số 5361/UBND-NC ngày 22/9/2023" là dẫn một văn
        bản của bảy tháng sau, thường là gõ nhầm ngày hay năm. Khi ngày ban
        hành còn để trống, dùng ngày cuối của tháng, năm đã ghi; khi không có
        ngày ban hành, so với ngày kiểm tra (cảnh báo).
    English:
        A document can only cite documents that exist: a plan of February
        2023 citing "Công văn số 5361/UBND-NC ngày 22/9/2023" cites a letter
        from seven months later, usually a mistyped day or year. With a draft
        date, the last day of its month or year is used; with no issue date,
        the day of the check (a warning).
    Ví dụ sai / Fails:
        date: ngày 16 tháng 02 năm 2023
        opening: ["Thực hiện Công văn số 5361/UBND-NC ngày 22/9/2023 ..."]
    Ví dụ đúng / Passes:
        date: ngày 16 tháng 02 năm 2023
        opening: ["Thực hiện Công văn số 5361/UBND-NC ngày 22/9/2022 ..."]
    """
    issued = report.document.latest_issue_date
    for path, cite in report.citations:
        cited = cite.date.to_date() if cite.date else None
        if cited is None:
            continue
        if issued is not None and cited > issued:
            yield Problem(path, snippet=cite.date.text,
                          vi=f"{cite.type_word} số {cite.symbol} ngày {cited:%d/%m/%Y} có sau ngày ban hành ({issued:%d/%m/%Y}): kiểm tra lại ngày, năm",
                          en=f"{cite.type_word} {cite.symbol} of {cited:%d/%m/%Y} is dated after this document ({issued:%d/%m/%Y}): check the day and year")
        elif issued is None and cited > today:
            yield Problem(path, snippet=cite.date.text, severity="warning",
                          vi=f"{cite.type_word} số {cite.symbol} ngày {cited:%d/%m/%Y} có sau ngày kiểm tra",
                          en=f"{cite.type_word} {cite.symbol} of {cited:%d/%m/%Y} is dated after the day of the check")


def _same_document(a, b) -> bool:
    """Same number and type, and issuer codes equal or a typo apart (SKHHCN, SKHCN)."""
    import difflib

    (num_a, type_a, issuer_a, year_a), (num_b, type_b, issuer_b, year_b) = a.key, b.key
    if (num_a, type_a, year_a) != (num_b, type_b, year_b) or not type_a:
        return False
    if other_level_of_one_sector(issuer_a, issuer_b):
        return False  # the Tỉnh ủy's Ban Dân vận and the Huyện ủy's (BDVTU, BDVHU): two issuers, two documents
    return issuer_a == issuer_b or difflib.SequenceMatcher(None, issuer_a, issuer_b).ratio() >= 0.8


_FUZZY_ISSUERS = 32  # issuers of one number, type and year compared by spelling; no real report cites more


def _repeated_citations(citations):
    """Each citation of a document cited before, with its first citation.

    Citations are grouped by number, type and year, which ``_same_document``
    requires equal, so a report of thousands of citations is read in one pass
    instead of comparing every pair (a 300 KB text took 50 s). Within a group an
    issuer seen before is found by its code; a new code is compared by spelling
    with at most ``_FUZZY_ISSUERS`` codes of the group, far more than a real
    report holds, so a crafted file cannot make the comparison quadratic.
    """
    groups: dict[tuple, dict[str, object]] = {}
    for path, cite in citations:
        num, type_code, issuer, year = cite.key
        if not type_code:
            continue  # without its type a citation is no other's document (_same_document)
        group = groups.setdefault((num, type_code, year), {})
        earlier = group.get(issuer)
        if earlier is None or not _same_document(earlier, cite):
            earlier = next((c for c in itertools.islice(group.values(), _FUZZY_ISSUERS) if _same_document(c, cite)), None)
        if earlier is None:
            group.setdefault(issuer, cite)
            continue
        yield path, cite, earlier


@rule("DV208", "citation-consistent", exact_text=True, severity="warning", weight=2,
      vi="Một văn bản được dẫn nhiều lần thì ghi cùng một số, ký hiệu và cùng một ngày",
      en="A document cited several times carries the same symbol and date each time")
def citation_consistent(report):
    """
    Tiếng Việt:
        Cùng một văn bản (cùng số, cùng loại) dẫn ở hai chỗ phải ghi cùng ký
        hiệu và cùng ngày: "Kế hoạch số 153/KH-SKHHCN ngày 29/3/2019" ở chú
        thích và "153/KH-SKHCN ... 29/3/2020" ở phụ lục là sai một trong hai.
        Ký hiệu kiểu Đảng và kiểu nhà nước của cùng văn bản (12-TB/SNV,
        12/TB-SNV) được coi là một, nhưng nên viết thống nhất.
    English:
        The same document (same number and type) cited twice carries the same
        symbol and date: "Kế hoạch số 153/KH-SKHHCN ngày 29/3/2019" in a
        footnote and "153/KH-SKHCN ... 29/3/2020" in the appendix means one is
        wrong. The Party and state forms of one symbol (12-TB/SNV, 12/TB-SNV)
        are the same document, but should be written one way.
    Ví dụ sai / Fails:
        opening: ["Kế hoạch số 153/KH-SKHHCN ngày 29/3/2019", "Kế hoạch số 153/KH-SKHCN ngày 29/3/2020"]
    Ví dụ đúng / Passes:
        opening: ["Kế hoạch số 153/KH-SKHCN ngày 29/3/2019", "Kế hoạch số 153/KH-SKHCN"]
    """
    for path, cite, earlier in _repeated_citations(report.citations):
        if cite.symbol != earlier.symbol:
            yield Problem(path, snippet=cite.symbol,
                          vi=f"{cite.type_word} số {cite.symbol} đã được dẫn là {earlier.symbol}: ghi ký hiệu thống nhất",
                          en=f"{cite.type_word} {cite.symbol} was cited before as {earlier.symbol}: write the symbol one way")
        a, b = (earlier.date.to_date() if earlier.date else None), (cite.date.to_date() if cite.date else None)
        if a and b and a != b:
            yield Problem(path, snippet=cite.date.text,
                          vi=f"{cite.type_word} số {cite.symbol} ghi ngày {b:%d/%m/%Y}, nơi khác ghi ngày {a:%d/%m/%Y}",
                          en=f"{cite.type_word} {cite.symbol} is dated {b:%d/%m/%Y} here and {a:%d/%m/%Y} elsewhere")


_REFERENCE = re.compile(r"số\s*:?\s*(?P<symbol>[^\s,]*)\s*,?\s*(?P<date>ngày.*?năm\s*\d{4}|ngày\s*[\d/ ]+)", re.IGNORECASE)


@rule("DV209", "appendix-reference", exact_text=True, severity="error", weight=3,
      vi="Phụ lục ghi đúng số, ký hiệu và ngày của văn bản mà nó kèm theo",
      en="An appendix gives the number and date of the document it belongs to")
def appendix_reference(report):
    """
    Tiếng Việt:
        Dòng "(Kèm theo Báo cáo số .../BC-... ngày ...)" của phụ lục phải khớp
        số, ký hiệu và ngày ở đầu văn bản (Nghị định 30/2020, Phụ lục I, mục
        III.1.c). Văn bản điện tử được để trống các chỗ này: số hay ngày để trống
        không phải lỗi, nhưng điều gì đã ghi thì phải khớp: đầu văn bản "ngày
        tháng năm 2020" mà phụ lục "ngày tháng 3 năm 2020" là không khớp.
    English:
        The appendix line "(Kèm theo Báo cáo số .../BC-... ngày ...)" matches
        the number and date in the header (Nghị định 30/2020, Phụ lục I, mục
        III.1.c). An electronic document may leave these blank: a blank number or
        date is no defect, but what is filled in must match: a header "ngày
        tháng năm 2020" and an appendix "ngày tháng 3 năm 2020" do not.
    Ví dụ sai / Fails:
        date: ngày tháng năm 2020
        reference: (Kèm theo Báo cáo số /BC-SKHCN ngày tháng 3 năm 2020)
    Ví dụ đúng / Passes:
        date: ngày 15 tháng 3 năm 2020
        reference: (Kèm theo Báo cáo số 05/BC-SKHCN ngày 15/3/2020)
    """
    doc = report.document
    own_number = doc.parsed_number.compact if doc.parsed_number else None
    own_date = doc.parsed_date
    for appendix in report.appendices:
        m = _REFERENCE.search(appendix.reference or "")
        if not m:
            continue
        field = appendix.field_path("reference")
        symbol = m["symbol"]
        if own_number is not None and symbol and _differs(symbol, own_number):
            yield Problem(field, snippet=symbol,
                          vi=f"Phụ lục ghi số '{symbol}' nhưng văn bản mang số '{own_number}'",
                          en=f"The appendix gives the number '{symbol}' but the document is '{own_number}'")
        written = parsing.parse_date(m["date"])
        if own_date is not None and written.recognised and _filled_parts_differ(written, own_date):
            yield Problem(field, snippet=m["date"],
                          vi=f"Phụ lục ghi '{m['date'].strip()}' nhưng văn bản ghi ngày '{doc.date}'",
                          en=f"The appendix gives '{m['date'].strip()}' but the document is dated '{doc.date}'")


def _number_key(symbol: str):
    return normalize_symbol(symbol) or symbol


def _differs(written: str, own: str) -> bool:
    """Whether the appendix's number is another than the document's. A number left blank
    ("/QĐ-UBND", "..../....") is allowed on an electronic document (Phụ lục I, mục III.1.c): then only
    a code it does write ("/KH-UBND" under "471/QĐ-UBND") can differ."""
    if any(c.isdigit() for c in written.split("/")[0]):
        return _number_key(written) != _number_key(own)
    code = written.partition("/")[2]
    return any(c.isalpha() for c in code) and _number_key(code) != _number_key(own.partition("/")[2])


def _filled_parts_differ(written, own) -> bool:
    """Whether a day, month or year the appendix fills in differs from the header's. A part left
    blank is allowed (Phụ lục I, mục III.1.c); a part filled where the header has a blank differs
    (a header "ngày tháng năm 2020" and an appendix "ngày tháng 3 năm 2020")."""
    return any(mine is not None and mine != theirs for mine, theirs in
               ((written.day, own.day), (written.month, own.month), (written.year, own.year)))


@rule("DV210", "period-and-issue-date", severity="warning", weight=2,
      vi="Báo cáo không ghi ngày ban hành trước khi kỳ báo cáo bắt đầu; kế hoạch năm ban hành sớm",
      en="A report is not dated before its period begins; an annual plan is issued early")
def period_and_issue_date(document):
    """
    Tiếng Việt:
        Báo cáo về một kỳ ("9 tháng đầu năm 2024", "quý I năm 2019") mà ghi
        ngày ban hành trước khi kỳ ấy bắt đầu là ghi sai kỳ hoặc sai ngày. Nghị
        định 09/2019/NĐ-CP chỉ định khoảng thời gian lấy số liệu, không định
        ngày ban hành sớm nhất: báo cáo ban hành sớm trong kỳ (trước ngày chốt
        số liệu) không phải lỗi, và báo cáo gửi cơ quan Đảng nằm ngoài Nghị
        định ấy. Kế hoạch năm N thường ban hành cuối năm N-1 hoặc đầu năm N;
        ban hành sau quý I năm N thì báo để xem lại (mức thông tin).
    English:
        A report on a period ("9 tháng đầu năm 2024", "quý I năm 2019") dated
        before the period begins has the wrong period or the wrong date.
        Nghị định 09/2019/NĐ-CP sets the window the data cover, not the
        earliest issue date: a report issued early in its period (before the
        data cut-off) is no defect, and reports to Party bodies are outside
        that decree. A plan for year N is normally issued late in N-1 or early
        in N; after the first quarter of N it is noted (info).
    Ví dụ sai / Fails:
        kind: BÁO CÁO
        date: ngày 05 tháng 12 năm 2023
        period: 9 tháng đầu năm 2024
    Ví dụ đúng / Passes:
        kind: BÁO CÁO
        date: ngày 05 tháng 9 năm 2024
        period: 9 tháng đầu năm 2024
    """
    issued = document.issue_date
    period = document.reporting_period()
    if issued is None or period is None:
        return
    kind = document.type_info.name
    begins = _period_begins(period)
    if kind == "báo cáo" and begins and issued < begins:
        yield Problem(document.field_path("date"),
                      vi=f"Báo cáo về kỳ bắt đầu ngày {begins:%d/%m/%Y} nhưng ghi ngày ban hành {issued:%d/%m/%Y}: sai kỳ hoặc sai ngày",
                      en=f"The report's period begins on {begins:%d/%m/%Y} but it is dated {issued:%d/%m/%Y}: the period or the date is wrong")
    if kind == "kế hoạch" and period.kind == "year" and period.year:
        settings = data.report_periods()
        latest = dt.date(period.year, settings.plan_latest_issue.month, settings.plan_latest_issue.day)
        if issued > latest:
            yield Problem(document.field_path("date"), severity="info",
                          vi=f"Kế hoạch năm {period.year} ban hành ngày {issued:%d/%m/%Y}, sau quý I của năm",
                          en=f"The plan for {period.year} is dated {issued:%d/%m/%Y}, after the year's first quarter")


def _period_begins(period) -> dt.date | None:
    """The first day of a reporting period: of its month, its quarter, or its (first) year."""
    if period.kind == "multi_year":
        return dt.date(period.start_year, 1, 1) if period.start_year else None
    if not period.year:
        return None
    if period.kind == "month" and period.month and 1 <= period.month <= 12:
        return dt.date(period.year, period.month, 1)
    if period.kind == "quarter" and period.quarter:
        return dt.date(period.year, period.quarter * 3 - 2, 1)
    return dt.date(period.year, 1, 1)


_IMPLEMENTS = re.compile(r"\b(thực hiện|triển khai|căn cứ|quán triệt|theo quy định tại|theo)\b", re.IGNORECASE)


@rule("DV211", "superseded-basis", severity="warning", weight=2,
      vi="Không lấy văn bản đã bị thay thế vào ngày ban hành làm căn cứ thực hiện",
      en="No document replaced by the issue date is cited as a basis to implement")
def superseded_basis(report, as_of, config):
    """
    Tiếng Việt:
        Văn bản bị thay thế thì không còn là căn cứ: sau 30/7/2021 Quyết định
        290-QĐ/TW đã được thay bằng Quyết định 23-QĐ/TW; từ 01/7/2023 Luật
        Thực hiện dân chủ ở cơ sở thay các quy định của Nghị định
        04/2015/NĐ-CP. Văn bản ban hành sau đó mà "thực hiện", "căn cứ" văn bản
        cũ là dùng căn cứ hết hiệu lực. Văn bản tổng kết, sơ kết chính văn bản
        cũ ("Tổng kết 10 năm thực hiện Quyết định 290") thì không bị báo. Bản
        nháp chưa ghi ngày được xét theo ngày sớm nhất nó có thể mang; văn bản
        không đọc được ngày thì theo ngày đầu kỳ báo cáo ("quý I năm 2019");
        không có cả hai thì không đoán: một thông tin nói rõ chưa biết ngày.
        Ngày thay thế chưa được kiểm chứng (verified: false) chỉ cho thông tin.
        Danh mục: rules/data/superseded.yaml.
    English:
        A replaced document is no basis: after 30/7/2021 Quyết định
        290-QĐ/TW was replaced by Quyết định 23-QĐ/TW; from 01/7/2023 the Luật
        Thực hiện dân chủ ở cơ sở replaced Nghị định 04/2015/NĐ-CP. A document
        issued later that "implements" the old one cites a dead basis. A
        review of the old document itself ("Tổng kết 10 năm thực hiện Quyết
        định 290") is not reported. An undated draft is judged on the first
        day its date allows; an undated one on the first day of its period
        ("quý I năm 2019"); with neither, the date is not guessed: an info
        says it is unknown. A replacement whose date is not verified
        (verified: false in the register) is only ever an info. The register:
        rules/data/superseded.yaml.
    Ví dụ sai / Fails:
        date: ngày 10 tháng 10 năm 2024
        paragraphs: ["Tiếp tục thực hiện Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 ..."]
    Ví dụ đúng / Passes:
        date: ngày 10 tháng 10 năm 2022
        paragraphs: ["Tiếp tục thực hiện Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 ..."]
    """
    register = {normalize_symbol(d.symbol): d for d in data.superseded().documents}
    # A draft dated "tháng 7 năm 2021" may be signed on any day of July: the basis is dead only if it
    # was replaced by the first of them. Without a date, the report's period gives the first day it
    # can have been written; without either, the day is not known and it is not guessed.
    day = as_of if config.as_of else _earliest_day(report.document)
    title = data.fold(report.document.title or "")
    reviewing = title.startswith(("tổng kết", "sơ kết")) or " tổng kết " in f" {title} "
    texts = dict(report.texts())
    reported = set()
    for path, cite in report.citations:
        entry = register.get(cite.key)
        if entry is None or (day is not None and day < entry.replaced_on) or cite.key in reported:
            continue
        if reviewing and cite.number in title:
            continue
        if not _IMPLEMENTS.search(texts.get(path, "")[:cite.start]):
            continue
        reported.add(cite.key)
        if day is None or not entry.verified:  # an unknown day, or a date not checked: never a warning
            yield Problem(path, snippet=cite.symbol, severity="info",
                          vi=f"{_UNSURE[day is None].vi}: nếu ban hành từ ngày {entry.replaced_on:%d/%m/%Y} thì "
                             f"{entry.name} đã được thay thế, căn cứ {entry.replaced_by}",
                          en=f"{_UNSURE[day is None].en}: if issued on or after {entry.replaced_on:%d/%m/%Y}, "
                             f"{entry.name} had been replaced; cite {entry.replaced_by}")
            continue
        yield Problem(path, snippet=cite.symbol,
                      vi=f"{entry.name} đã được thay thế từ ngày {entry.replaced_on:%d/%m/%Y}: căn cứ {entry.replaced_by}",
                      en=f"{entry.name} was replaced on {entry.replaced_on:%d/%m/%Y}: cite {entry.replaced_by}")


_UNSURE = {True: Msg("Không rõ ngày ban hành", "The issue date is unknown"),
           False: Msg("Ngày thay thế chưa được kiểm chứng", "The replacement's date is unverified")}


def _earliest_day(document):
    """The first day the document can have been issued: its date's, else its period's start."""
    earliest = document.earliest_issue_date
    if earliest is not None:
        return earliest
    period = document.reporting_period()
    return _period_begins(period) if period is not None else None


_SLASH_DAY = re.compile(r"(\d(?<![\d/]\d)\d?)/\d{1,2}/\d{4}")  # opens with a class: see _SLASHED_DAY


@rule("DV212", "date-style-consistent", exact_text=True, severity="info", weight=0,
      vi="Ngày tháng viết một kiểu trong toàn văn bản (05/3/2020 hay 5/3/2020)",
      en="Dates are written one way throughout (05/3/2020 or 5/3/2020)")
def date_style_consistent(report):
    """
    Tiếng Việt:
        Văn bản viết lẫn "05/3/2020" và "5/3/2020" là không thống nhất. Nghị
        định 30 ghi ngày dưới 10 có số 0 phía trước; báo ở lần đầu viết khác
        kiểu đa số.
    English:
        Mixing "05/3/2020" and "5/3/2020" in one document is inconsistent.
        Nghị định 30 writes days under 10 with a leading zero; the first date
        written against the majority is reported.
    Ví dụ sai / Fails:
        opening: ["Kế hoạch ngày 05/3/2020 và Công văn ngày 5/4/2020."]
    Ví dụ đúng / Passes:
        opening: ["Kế hoạch ngày 05/3/2020 và Công văn ngày 05/4/2020."]
    """
    styles = {"padded": [], "bare": []}
    for path, match in report.search_at(_SLASH_DAY, report.numbers_before_slash):
        day = match.group(1)
        if int(day) < 10:
            styles["padded" if len(day) == 2 else "bare"].append((path, match.group(0)))
    if styles["padded"] and styles["bare"]:
        minority = "bare" if len(styles["bare"]) <= len(styles["padded"]) else "padded"
        path, text = styles[minority][0]
        yield Problem(path, snippet=text,
                      vi=f"Ngày '{text}' viết khác kiểu với các ngày khác trong văn bản ({len(styles['padded'])} ngày có số 0, {len(styles['bare'])} ngày không)",
                      en=f"'{text}' is written unlike the other dates ({len(styles['padded'])} with a leading zero, {len(styles['bare'])} without)")

"""``dvlint score --html``: one self-contained page for the commission's leadership.

No network, no CDN: the CSS, the script and the score histogram (SVG) are
inline, so the file can be mailed or opened from a USB stick, and a print
stylesheet lays it out on A4. The page has a heading (unit, title, period,
run date, files received, read, not readable, not administrative documents),
the summary figures (mean, median, reports per grade, reports with errors),
the ranking (sortable by clicking a heading, or from the address with
``#sort=score-asc`` and the like), the agencies that sent several reports,
the distribution of scores, the rules that cost the most points, and per
report, in ranking order, its findings in a collapsible block linked to its
row. People read names, not identifiers: rules by their short title,
templates by their display name, severities and dates in words
(``staff.digest``). Everything written from a report is escaped, for HTML and
(file names that are not UTF-8, control characters) by ``untrusted.safe_text``.
"""

from __future__ import annotations

from html import escape

from dvlint.i18n import Msg
from dvlint.output.untrusted import safe_text
from dvlint.staff import digest
from dvlint.staff.ranking import NUMERIC_COLUMNS, headings

T_PERIOD = Msg("Kỳ báo cáo", "Reporting period")
T_UNIT = Msg("Đơn vị tổng hợp", "Issued by")
T_RUN_DATE = Msg("Ngày lập", "Run on")
T_FILES = [("received", Msg("Số tệp nhận được", "Files received")), ("read", Msg("Đọc được", "Read")),
           ("unreadable", Msg("Không đọc được", "Not readable")),
           ("not_documents", Msg("Không phải văn bản hành chính", "Not administrative documents"))]
T_SUMMARY = Msg("Tổng hợp", "Summary")
T_MEAN = Msg("Điểm trung bình", "Mean score")
T_MEDIAN = Msg("Điểm trung vị", "Median score")
T_WITH_ERRORS = Msg("Số báo cáo có lỗi", "Reports with errors")
T_GRADE = Msg("Xếp loại", "Grade")
T_RANKING = Msg("Bảng xếp hạng", "Ranking")
T_AGENCIES = Msg("Cơ quan gửi nhiều báo cáo", "Agencies that sent several reports")
T_AGENCY = Msg("Cơ quan", "Agency")
T_LOWEST = Msg("Thấp nhất", "Lowest")
T_HIGHEST = Msg("Cao nhất", "Highest")
T_DISTRIBUTION = Msg("Phân bố điểm", "Distribution of scores")
T_AXIS_SCORE = Msg("Điểm", "Score")
T_AXIS_REPORTS = Msg("Số báo cáo", "Reports")
T_FREQUENT = Msg("Lỗi làm mất nhiều điểm nhất", "Problems that cost the most points")
T_FREQUENT_NOTE = Msg("Xếp theo tổng số điểm bị trừ trên mọi báo cáo; không tính phát hiện chỉ để thông tin (0 điểm).",
                      "Ordered by the points they cost over all reports; informational findings (0 points) left out.")
T_REPORTS = Msg("Chi tiết từng báo cáo", "Findings by report")
T_BACK = Msg("↑ về dòng trong bảng xếp hạng", "↑ back to its row in the ranking")
T_RANK = Msg("Hạng {rank}", "Rank {rank}")
T_SORT_HINT = Msg("Bấm vào tiêu đề cột để sắp xếp.", "Click a column heading to sort.")
T_SUPPRESSIONS_IGNORED = Msg(
    "{n} phát hiện vẫn được tính dù chính báo cáo ghi chỉ thị bỏ qua chúng: khi chấm điểm, báo cáo gửi đến không tự bỏ qua phát hiện của mình.",
    "{n} findings are counted although the reports' own suppressions name them: when scoring, a received report does not silence its own findings.")
T_POINTS = Msg("Điểm bị trừ", "Points lost")
T_COUNT = Msg("Số phát hiện", "Findings")
T_IN_REPORTS = Msg("Số báo cáo", "Reports")
T_CODE = Msg("Mã", "Code")
T_RULE = Msg("Quy tắc", "Rule")
T_SEVERITY = Msg("Mức", "Severity")
T_NONE = Msg("Không có phát hiện nào.", "No findings.")

CSS = """
body{font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem;color:#1b1b1b}
header{text-align:center;margin-bottom:1rem}header .unit{font-weight:bold;text-transform:uppercase;margin:0}
h1{font-size:1.5rem;margin:.4rem 0}h2{font-size:1.2rem;margin-top:2rem}
header p{margin:.2rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem}
table.figures{width:auto;margin:.5rem auto .5rem 0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
td.num,th.num,td.day,#frequent td:first-child{white-space:nowrap}td.file{overflow-wrap:anywhere;min-width:9em}
th{background:#f0f0f0}#ranking th{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num,th.num{text-align:right}tr.unreadable td{color:#8a1c1c}
details{margin:.4rem 0}summary{cursor:pointer}
li.error{color:#8a1c1c}li.warning{color:#7a5200}
svg text{font-size:11px}p.note{font-size:.85rem;color:#555}
@page{size:A4;margin:12mm 10mm}
@media print{
 body{margin:0;font-size:9pt}h1{font-size:14pt}h2{font-size:11pt;margin-top:1rem;break-after:avoid}
 table{font-size:7pt}th,td{padding:1pt 2pt}td{overflow-wrap:anywhere}td.file{min-width:0}th.num{white-space:normal}
 tr{break-inside:avoid}thead{display:table-header-group}
 th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 th[aria-sort]::after{content:none}.screen-only{display:none}
 a{color:inherit;text-decoration:none}details{break-inside:avoid}
}
"""

PRINT_WIDTHS = {"rank": 5, "agency": 13, "number": 10, "date": 9, "template": 11, "score": 5, "grade": 10,
                "presentation": 6, "errors": 4, "warnings": 5, "heaviest": 10, "file": 12}  # per cent of A4's width, by column key
PRINT_CSS = ("@media print{#ranking{table-layout:fixed}"
             + "".join(f"col.c-{key}{{width:{width}%}}" for key, width in PRINT_WIDTHS.items()) + "}")

SCRIPT = """
(function(){
  var table=document.getElementById('ranking');
  function key(row,i,numeric){var t=row.cells[i].getAttribute('data-sort')||row.cells[i].textContent;
    if(numeric){var n=parseFloat(t);return isNaN(n)?-Infinity:n;}return t.toLocaleLowerCase('vi');}
  function sortBy(i,dir){
    var numeric=table.tHead.rows[0].cells[i].getAttribute('data-type')==='num';
    var rows=Array.prototype.slice.call(table.tBodies[0].rows);
    rows.sort(function(a,b){var x=key(a,i,numeric),y=key(b,i,numeric);
      var c=x<y?-1:x>y?1:0;return dir==='asc'?c:-c;});
    rows.forEach(function(r){table.tBodies[0].appendChild(r);});
    Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,j){
      th.setAttribute('aria-sort',j===i?(dir==='asc'?'ascending':'descending'):'none');});
    table.setAttribute('data-sorted',table.tHead.rows[0].cells[i].getAttribute('data-key')+'-'+dir);
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    th.addEventListener('click',function(){sortBy(i,th.getAttribute('aria-sort')==='ascending'?'desc':'asc');});});
  window.addEventListener('beforeprint',function(){
    Array.prototype.forEach.call(document.querySelectorAll('details'),function(d){d.open=true;});});
  var m=/sort=([a-z]+)-(asc|desc)/.exec(location.hash);
  if(m){Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    if(th.getAttribute('data-key')===m[1])sortBy(i,m[2]);});}
})();
"""

def render_html(rows, run, lang: str, heading: "digest.Heading", labels: "digest.Labels", bands) -> str:
    """The whole page as a string: heading, summary, ranking, agencies, distribution, problems, details."""
    title = heading.title
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>',
        f"<style>{CSS}{PRINT_CSS}</style></head><body>",
        _heading(heading, lang),
        f"<h2>{escape(T_SUMMARY.text(lang))}</h2>",
        _summary(digest.figures(rows, bands, lang), lang),
        *_ignored_suppressions(run, lang),
        f"<h2>{escape(T_RANKING.text(lang))}</h2>",
        f'<p class="screen-only">{escape(T_SORT_HINT.text(lang))}</p>',
        _ranking(rows, lang, labels),
        *_agencies(digest.by_agency(rows), lang),
        f"<h2>{escape(T_DISTRIBUTION.text(lang))}</h2>",
        histogram([r.score for r in rows if r.score is not None], lang),
        f"<h2>{escape(T_FREQUENT.text(lang))}</h2>",
        f'<p class="note">{escape(T_FREQUENT_NOTE.text(lang))}</p>',
        _frequent(run, lang, labels),
        f"<h2>{escape(T_REPORTS.text(lang))}</h2>",
        _details(rows, run, lang, labels),
        f"<script>{SCRIPT}</script></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _table(table_id: str, head: list[tuple[str, bool]], body: list[list[tuple[str, bool]]], css: str = "") -> str:
    """A plain table of escaped text; each cell is (text, numeric), a numeric one right-aligned."""
    def cell(tag: str, text: str, numeric: bool) -> str:
        return f'<{tag} class="num">{escape(text)}</{tag}>' if numeric else f"<{tag}>{escape(text)}</{tag}>"

    heads = "".join(cell("th", text, numeric) for text, numeric in head)
    rows = "".join("<tr>" + "".join(cell("td", text, numeric) for text, numeric in line) + "</tr>" for line in body)
    klass = f' class="{css}"' if css else ""
    return f'<table id="{table_id}"{klass}><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>'


def _heading(heading: "digest.Heading", lang: str) -> str:
    """Unit, title, period and run date, then how many files came in and what became of them."""
    lines = []
    if heading.unit:
        lines.append(f'<p class="unit" id="unit">{escape(safe_text(heading.unit))}</p>')
    lines.append(f'<h1 id="title">{escape(safe_text(heading.title))}</h1>')
    if heading.period:
        lines.append(f'<p id="period">{escape(T_PERIOD.text(lang))}: {escape(safe_text(heading.period))}</p>')
    lines.append(f'<p id="run-date">{escape(T_RUN_DATE.text(lang))}: {digest.day_text(heading.run_date)}</p>')
    files = "; ".join(f'{escape(label.text(lang))}: <b id="files-{key.replace("_", "-")}">{getattr(heading, key)}</b>'
                      for key, label in T_FILES)
    lines.append(f'<p id="files">{files}</p>')
    return "<header>" + "".join(lines) + "</header>"


def _summary(figures: "digest.Figures", lang: str) -> str:
    """Mean, median and reports with errors, then the number of reports of each grade."""
    head = [(T_MEAN.text(lang), True), (T_MEDIAN.text(lang), True), (T_WITH_ERRORS.text(lang), True)]
    head += [(grade, True) for grade, _ in figures.grades]
    body = [[(digest.number_text(figures.mean), True), (digest.number_text(figures.median), True),
             (str(figures.with_errors), True)] + [(str(count), True) for _, count in figures.grades]]
    return _table("summary", head, body, "figures")


def _ignored_suppressions(run, lang: str) -> list[str]:
    """A line saying how many findings were kept although the reports' own suppressions named them."""
    if not run.suppressions_ignored:
        return []
    text = T_SUPPRESSIONS_IGNORED.format(n=run.suppressions_ignored).text(lang)
    return [f'<p id="suppressions-ignored">{escape(text)}</p>']


def _ranking(rows, lang: str, labels: "digest.Labels") -> str:
    """The ranking, sortable; dates as 17/12/2020 (sorted by ISO), templates by their display name, and the
    file name a link to the report's details."""
    columns = headings(lang)
    head = "".join(f'<th data-key="{key}" data-type="num" aria-sort="none" class="num">{escape(title)}</th>'
                   if key in NUMERIC_COLUMNS else f'<th data-key="{key}" data-type="text" aria-sort="none">{escape(title)}</th>'
                   for key, title in columns)
    body = []
    for row in rows:
        cells = row.cells()
        cells["date"], cells["template"] = digest.date_label(row, lang), labels.template(row.template)
        tds = []
        for key, _ in columns:
            text = escape(cells[key])
            if key in NUMERIC_COLUMNS:
                tds.append(f'<td class="num">{text}</td>')
            elif key == "date":
                day = digest.parsed_date(row.date)
                tds.append(f'<td class="day" data-sort="{day.isoformat()}">{text}</td>' if day
                           else f'<td data-sort="9999">{text}</td>')  # undated: last
            elif key == "file":
                tds.append(f'<td class="file"><a href="#report-{row.index}">{text}</a></td>')
            else:
                tds.append(f"<td>{text}</td>")
        css = "report unreadable" if row.score is None else "report"
        body.append(f'<tr id="row-{row.index}" class="{css}">{"".join(tds)}</tr>')
    cols = "".join(f'<col class="c-{key}">' for key, _ in columns)  # printed at fixed widths: never past the page
    return f'<table id="ranking"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _agencies(lines: list, lang: str) -> list[str]:
    """The agencies that sent several reports, with their mean, lowest and highest score; nothing if none did."""
    if not lines:
        return []
    head = [(T_AGENCY.text(lang), False), (T_IN_REPORTS.text(lang), True), (T_MEAN.text(lang), True),
            (T_LOWEST.text(lang), True), (T_HIGHEST.text(lang), True)]
    body = [[(line.agency, False), (str(line.reports), True), (digest.number_text(line.mean), True),
             (digest.number_text(line.lowest), True), (digest.number_text(line.highest), True)] for line in lines]
    return [f"<h2>{escape(T_AGENCIES.text(lang))}</h2>", _table("agencies", head, body)]


def histogram(scores: list[float], lang: str) -> str:
    """Bars for 0-9, 10-19, ... 90-100, drawn as inline SVG, with the bands and both axes labelled."""
    bins = [0] * 10
    for value in scores:
        bins[min(int(value // 10), 9)] += 1
    tallest = max(bins) or 1
    left, bar, base, width, height = 40, 44, 150, 520, 200
    shapes = [f'<text x="12" y="90" text-anchor="middle" transform="rotate(-90 12 90)">'
              f"{escape(T_AXIS_REPORTS.text(lang))}</text>",
              f'<text x="{left + 5 * (bar + 2)}" y="{base + 42}" text-anchor="middle">{escape(T_AXIS_SCORE.text(lang))}</text>',
              f'<line x1="{left - 2}" y1="{base + 1}" x2="{left + 10 * (bar + 2)}" y2="{base + 1}" stroke="#555"/>']
    for i, count in enumerate(bins):
        h = round(120 * count / tallest)
        x = left + i * (bar + 2)
        band = f"{i * 10}–{i * 10 + 9 if i < 9 else 100}"
        shapes.append(f'<rect class="bin" x="{x}" y="{base - h}" width="{bar}" height="{h}" fill="#3b6ea5">'
                      f"<title>{band}: {count}</title></rect>")
        shapes.append(f'<text x="{x + bar / 2}" y="{base + 16}" text-anchor="middle">{band}</text>')
        if count:
            shapes.append(f'<text x="{x + bar / 2}" y="{base - h - 4}" text-anchor="middle">{count}</text>')
    return (f'<svg id="histogram" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'role="img" aria-label="{escape(T_DISTRIBUTION.text(lang))}">{"".join(shapes)}</svg>')


def _frequent(run, lang: str, labels: "digest.Labels", top: int = 10) -> str:
    """The rules that cost the most points over the run, by their Vietnamese (or English) short title."""
    head = [(T_CODE.text(lang), False), (T_RULE.text(lang), False), (T_SEVERITY.text(lang), False),
            (T_POINTS.text(lang), True), (T_COUNT.text(lang), True), (T_IN_REPORTS.text(lang), True)]
    body = [[(p.code, False), (labels.rule(p.code, p.name, lang), False), (digest.severity_label(p.severity, lang), False),
             (digest.number_text(p.points), True), (str(p.findings), True), (str(p.reports), True)]
            for p in digest.problems(run, top)]
    return _table("frequent", head, body)


def _details(rows, run, lang: str, labels: "digest.Labels") -> str:
    """Per report shown, in ranking order, its findings in a collapsible block that links back to its row."""
    shown = {row.index for row in rows}
    items = {index: _finding_items(result, lang, labels) for index, result in enumerate(run.reports) if index in shown}
    out = []
    for row in digest.in_ranking_order(rows):
        place = T_RANK.format(rank=row.rank).text(lang) + " · " if row.rank else ""
        who = f"{row.agency} — {row.file}" if row.agency else row.file
        score = f" · {row.cells()['score']}" if row.score is not None else ""
        out.append(f'<details id="report-{row.index}"><summary>{escape(place + who + score)}</summary>'
                   f'<p><a href="#row-{row.index}">{escape(T_BACK.text(lang))}</a></p>'
                   f"<ul>{items[row.index]}</ul></details>")
    return "\n".join(out)


def _finding_items(result, lang: str, labels: "digest.Labels") -> str:
    """A report's findings as list items (line:column, code, severity, rule, message), or its load error."""
    if result.error is not None:
        return f'<li class="error">{escape(safe_text(result.error.message.text(lang)))}</li>'
    if not result.findings:
        return f"<li>{escape(T_NONE.text(lang))}</li>"
    return "".join(f'<li class="{f.severity}">{f.line}:{f.column} {escape(f.code)} '
                   f"({escape(digest.severity_label(f.severity, lang))}) "
                   f"<i>{escape(labels.rule(f.code, f.name, lang))}</i>: {escape(safe_text(f.message.text(lang)))}</li>"
                   for f in result.findings)

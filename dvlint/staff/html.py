"""``dvlint score --html``: one self-contained page for the commission's leadership.

No network, no CDN: the CSS, the script and the score histogram (SVG) are
inline, so the file can be mailed or opened from a USB stick. The page has
the ranking (sortable by clicking a heading, or from the address with
``#sort=score-asc`` and the like), the distribution of scores, the most
frequent findings across all reports, and per report its findings in a
collapsible block. Everything written from a report is escaped, for HTML and
(file names that are not UTF-8, control characters) by ``untrusted.safe_text``.
"""

from __future__ import annotations

from html import escape

from dvlint.i18n import Msg
from dvlint.output.untrusted import safe_text
from dvlint.staff.ranking import NUMERIC_COLUMNS, finding_counts, headings

TITLE = Msg("Kết quả chấm điểm báo cáo", "Report scores")
T_DISTRIBUTION = Msg("Phân bố điểm", "Distribution of scores")
T_FREQUENT = Msg("Lỗi gặp nhiều nhất", "Most frequent findings")
T_REPORTS = Msg("Chi tiết từng báo cáo", "Findings by report")
T_SORT_HINT = Msg("Bấm vào tiêu đề cột để sắp xếp.", "Click a column heading to sort.")
T_SUPPRESSIONS_IGNORED = Msg(
    "{n} phát hiện vẫn được tính dù chính báo cáo ghi chỉ thị bỏ qua chúng: khi chấm điểm, báo cáo gửi đến không tự bỏ qua phát hiện của mình.",
    "{n} findings are counted although the reports' own suppressions name them: when scoring, a received report does not silence its own findings.")
T_COUNT = Msg("Số phát hiện", "Findings")
T_IN_REPORTS = Msg("Số báo cáo", "Reports")
T_CODE = Msg("Mã", "Code")
T_RULE = Msg("Quy tắc", "Rule")
T_NONE = Msg("Không có phát hiện nào.", "No findings.")

CSS = """
body{font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0;cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right}tr.unreadable td{color:#8a1c1c}
details{margin:.4rem 0}summary{cursor:pointer}
li.error{color:#8a1c1c}li.warning{color:#7a5200}
svg text{font-size:11px}
"""

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
  var m=/sort=([a-z]+)-(asc|desc)/.exec(location.hash);
  if(m){Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    if(th.getAttribute('data-key')===m[1])sortBy(i,m[2]);});}
})();
"""

def render_html(rows, run, lang: str) -> str:
    """The whole page as a string."""
    title = TITLE.text(lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>',
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(T_SORT_HINT.text(lang))}</p>",
        *_ignored_suppressions(run, lang),
        _ranking(rows, lang),
        f"<h2>{escape(T_DISTRIBUTION.text(lang))}</h2>",
        histogram([r.score for r in rows if r.score is not None]),
        f"<h2>{escape(T_FREQUENT.text(lang))}</h2>",
        _frequent(run, lang),
        f"<h2>{escape(T_REPORTS.text(lang))}</h2>",
        _details(run, lang),
        f"<script>{SCRIPT}</script></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _ignored_suppressions(run, lang: str) -> list[str]:
    """A line saying how many findings were kept although the reports' own suppressions named them."""
    if not run.suppressions_ignored:
        return []
    text = T_SUPPRESSIONS_IGNORED.format(n=run.suppressions_ignored).text(lang)
    return [f'<p id="suppressions-ignored">{escape(text)}</p>']


def _ranking(rows, lang: str) -> str:
    columns = headings(lang)
    head = "".join(f'<th data-key="{key}" data-type="{"num" if key in NUMERIC_COLUMNS else "text"}" aria-sort="none">'
                   f"{escape(title)}</th>" for key, title in columns)
    body = []
    for row in rows:
        cells = row.cells()
        css = ' class="report unreadable"' if row.score is None else ' class="report"'
        tds = "".join(f'<td class="num">{escape(cells[key])}</td>' if key in NUMERIC_COLUMNS else f"<td>{escape(cells[key])}</td>"
                      for key, _ in columns)
        body.append(f"<tr{css}>{tds}</tr>")
    return f'<table id="ranking"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def histogram(scores: list[float]) -> str:
    """Bars for 0-9, 10-19, ... 90-100, drawn as inline SVG."""
    bins = [0] * 10
    for value in scores:
        bins[min(int(value // 10), 9)] += 1
    tallest = max(bins) or 1
    width, height, bar = 440, 160, 40
    shapes = []
    for i, count in enumerate(bins):
        h = round(120 * count / tallest)
        x = 10 + i * (bar + 2)
        shapes.append(f'<rect class="bin" x="{x}" y="{130 - h}" width="{bar}" height="{h}" fill="#3b6ea5">'
                      f"<title>{i * 10}-{i * 10 + 9 if i < 9 else 100}: {count}</title></rect>")
        shapes.append(f'<text x="{x + bar / 2}" y="145" text-anchor="middle">{i * 10}</text>')
        if count:
            shapes.append(f'<text x="{x + bar / 2}" y="{126 - h}" text-anchor="middle">{count}</text>')
    return (f'<svg id="histogram" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'role="img">{"".join(shapes)}</svg>')


def _frequent(run, lang: str, top: int = 10) -> str:
    totals, reports, names = finding_counts(run)
    rows = "".join(f"<tr><td>{escape(code)}</td><td>{escape(names[code])}</td><td class=\"num\">{count}</td>"
                   f"<td class=\"num\">{reports[code]}</td></tr>" for code, count in totals.most_common(top))
    head = (f"<tr><th>{escape(T_CODE.text(lang))}</th><th>{escape(T_RULE.text(lang))}</th>"
            f"<th>{escape(T_COUNT.text(lang))}</th><th>{escape(T_IN_REPORTS.text(lang))}</th></tr>")
    return f'<table id="frequent"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def _details(run, lang: str) -> str:
    out = []
    for result in run.reports:
        agency = (result.identity or {}).get("agency", "")
        label = safe_text(f"{agency} — {result.path}" if agency else str(result.path))
        if result.error is not None:
            items = f'<li class="error">{escape(safe_text(result.error.message.text(lang)))}</li>'
        elif result.findings:
            items = "".join(f'<li class="{f.severity}">{f.line}:{f.column} {escape(f.code)} {escape(safe_text(f.message.text(lang)))}</li>'
                            for f in result.findings)
        else:
            items = f"<li>{escape(T_NONE.text(lang))}</li>"
        out.append(f"<details><summary>{escape(label)}</summary><ul>{items}</ul></details>")
    return "\n".join(out)

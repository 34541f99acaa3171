"""``--format json``: the stable machine-readable shape.

Keys may be added in later versions; none is removed or renamed.
"""

from __future__ import annotations

import json

import dvlint
from dvlint.i18n import Msg
from dvlint.output.untrusted import safe_text


def grade_label(band, lang: str) -> str:
    return band.en if lang == "en" else band.vi


PARTIAL = Msg("(chọn lọc: không xếp loại)", "(selected rules: no grade)")


def grade_text(score, lang: str) -> str:
    """The grade as shown: the band's name, "(chọn lọc)" for a run of selected rules, or empty."""
    if score is None:
        return ""
    if score.partial:
        return PARTIAL.text(lang)
    return grade_label(score.grade, lang) if score.grade else ""


PRESENTATION = "DV8"  # the family whose sub-score the outputs show (scoring.yaml, family_caps)


def report_dict(result, lang: str) -> dict:
    score = result.score
    presentation = score.subscore(PRESENTATION) if score else None
    return {
        "path": safe_text(str(result.path)),  # a name that is not UTF-8 shows its bytes as \xff
        "unit": result.unit,
        "document": result.identity or None,  # agency, number, date...: whose report this is
        "template": result.template,
        "template_reason": result.template_reason.text(lang) if result.template_reason else None,
        "score": score.value if score else None,
        "grade": grade_label(score.grade, lang) if score and score.grade else None,
        "partial": bool(score and score.partial),  # only selected rules ran (--select, -k): no grade
        "presentation_score": presentation.value if presentation else None,  # DV8xx's own score, out of 100
        "presentation_checked": bool(presentation and presentation.checked),  # false: not a .docx (or DV8 not run)
        "error": result.error.as_dict(lang) if result.error else None,
        "text_source": result.text_source,  # "ocr": read from a scan; the exact-text rules did not run
        "findings": [_finding_dict(f, result, lang) for f in result.findings],
        "suppressed": result.suppressed,
        "suppressions_ignored": result.suppressions_ignored,  # the report's own suppressions, not honoured here
        "deductions": [
            {"code": d.code, "rule": d.name, "count": d.count, "points": d.points, "capped": d.capped}
            for d in (score.deductions if score else ())
        ],
    }


def _finding_dict(finding, result, lang: str) -> dict:
    out = finding.as_dict(lang)
    if finding.line in result.pages:  # a PDF: which page, which line of it
        out["page"], out["page_line"] = result.pages[finding.line]
    return out


def run_dict(run, lang: str) -> dict:
    return {**_head(), "reports": [report_dict(r, lang) for r in run.reports], "summary": summary_dict(run)}


def _head() -> dict:
    return {"version": 1, "tool": {"name": "dvlint", "version": dvlint.__version__}}


def summary_dict(run) -> dict:
    return {
        "reports": len(run.reports),
        "errors": run.count("error"),
        "warnings": run.count("warning"),
        "infos": run.count("info"),
        "load_errors": run.load_errors,
        "suppressed": run.suppressed,
        "suppressions_ignored": run.suppressions_ignored,
        "internal_errors": run.internal_errors,  # DV000 by the rule that crashed and its plugin: {"LD101 (dvlint-lamdong)": 2}
    }


def render(run, options) -> str:
    return json.dumps(run_dict(run, options.lang), ensure_ascii=False, indent=2) + "\n"


def write_stream(run, lang: str, handle) -> None:
    """Write what :func:`render` returns, one report at a time.

    For long runs whose results are kept on disk (``dvlint score --json``):
    the whole document is never held in memory, and the text is the same,
    character for character (a test compares them).
    """
    head = json.dumps(_head(), ensure_ascii=False, indent=2)
    handle.write(head[:-2] + ',\n  "reports": [')
    for index, result in enumerate(run.reports):
        text = json.dumps(report_dict(result, lang), ensure_ascii=False, indent=2)
        handle.write(("," if index else "") + "\n    " + text.replace("\n", "\n    "))
    handle.write("\n  ]" if len(run.reports) else "]")
    summary = json.dumps(summary_dict(run), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    handle.write(',\n  "summary": ' + summary + "\n}\n")

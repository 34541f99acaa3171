"""What the commission's page and workbook say of a whole run, beyond the ranking rows.

The page (``staff.html``) goes to leadership and the workbook (``staff.xlsx``)
to the clerks; both need the same few things computed once, here: the
heading (title, period, unit, run date and how many files came in, were read,
could not be read, or were no administrative document), the summary figures
(mean, median, grades), the agencies that sent several reports, the problems
that cost the most points, and the names people read instead of codes (the
rule's short title, the template's display name, the severity, dates as
"17/12/2020"). Each is a small pure function of the rows or the run, so the
page and the workbook cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from dvlint.i18n import SEVERITY_LABELS, Msg

DEFAULT_TITLE = Msg("Kết quả chấm điểm báo cáo", "Report scores")
NO_DATE = Msg("chưa ghi ngày", "no date")  # a report whose date line was left blank (a draft's "ngày ... tháng ...")
NOT_A_DOCUMENT = "not-a-document"  # the load error of a file that is read but is no administrative document
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NO_DAY = re.compile(r"^\s*$|ng[àa]y(?!\s*\d)", re.IGNORECASE)  # nothing, or "ngày" (or "ngay") with no day after it


def day_text(day: dt.date) -> str:
    """``17/12/2020``: how a Vietnamese document writes a date in a table."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def parsed_date(text: str) -> dt.date | None:
    """The date of a row when dvlint read it whole (rows hold it as ISO), else None."""
    match = _ISO.fullmatch(text or "")
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def date_label(row, lang: str) -> str:
    """A row's date as shown: ``17/12/2020``; "chưa ghi ngày" when the report left the day blank (a draft's
    "ngày   tháng 02 năm 2023"); any other date dvlint could not read as written; nothing for a file that could
    not be read (it has no date to speak of)."""
    day = parsed_date(row.date)
    if day is not None:
        return day_text(day)
    if row.score is None:
        return ""
    return NO_DATE.text(lang) if _NO_DAY.search(row.date) else row.date


def severity_label(severity: str, lang: str) -> str:
    label = SEVERITY_LABELS.get(severity)
    return label.text(lang) if label else severity


@dataclass
class Labels:
    """Names people read instead of identifiers: a rule's short title, a template's display name."""

    rules: dict[str, Msg] = field(default_factory=dict)  # code -> RuleSpec.summary
    templates: dict[str, str] = field(default_factory=dict)  # name -> title

    def rule(self, code: str, fallback: str, lang: str) -> str:
        """The rule's short title; its slug when the rule is not known (a finding from a plugin's hook)."""
        summary = self.rules.get(code)
        return summary.text(lang) if summary else fallback

    def template(self, name: str) -> str:
        """The template's display name (templates are titled in Vietnamese only); else what the row holds."""
        return self.templates.get(name) or name


def labels_for(engine) -> Labels:
    """The labels of the rules and templates an engine knows (local and plugin ones included)."""
    library = engine.library
    templates = {name: library.raw[name].title for name in library.names() if library.raw[name].title}
    forced = engine.forced_template
    if forced is not None and forced.title:
        templates[forced.name] = forced.title
    return Labels({spec.code: spec.summary for spec in engine.all_rules}, templates)


@dataclass
class Heading:
    """The block at the top of the page: whose page it is, for when, and how many files it covers."""

    title: str
    period: str
    unit: str
    run_date: dt.date
    received: int = 0
    read: int = 0
    unreadable: int = 0
    not_documents: int = 0


def heading_for(run, settings, lang: str, today: dt.date) -> Heading:
    """The heading from the settings (``--title`` or ``[score] title`` ...) and one pass over the run."""
    heading = Heading(settings.page_title or DEFAULT_TITLE.text(lang), settings.page_period or "",
                      settings.page_unit or "", today)
    for result in run.reports:
        heading.received += 1
        if result.error is None:
            heading.read += 1
        elif result.error.kind == NOT_A_DOCUMENT:
            heading.not_documents += 1
        else:
            heading.unreadable += 1
    return heading


@dataclass
class Figures:
    """The summary of the scored rows: mean, median, reports per grade, reports with errors."""

    scored: int
    mean: float | None
    median: float | None
    grades: list[tuple[str, int]]  # (grade, reports), the bands in order, best first
    with_errors: int


def figures(rows, bands, lang: str) -> Figures:
    """Figures over the rows shown; every band of the grading is listed, an empty one with 0."""
    scores = [row.score for row in rows if row.score is not None]
    counts = Counter(row.grade for row in rows if row.score is not None)
    order = [band.en if lang == "en" else band.vi for band in bands]
    order += [grade for grade in counts if grade not in order]  # a template's own bands
    return Figures(len(scores), round(statistics.fmean(scores), 1) if scores else None,
                   round(statistics.median(scores), 1) if scores else None,
                   [(grade, counts.get(grade, 0)) for grade in order],
                   sum(1 for row in rows if row.score is not None and row.errors))


@dataclass
class AgencyLine:
    agency: str
    reports: int
    mean: float | None
    lowest: float | None
    highest: float | None


def by_agency(rows) -> list[AgencyLine]:
    """Agencies that sent several reports, each with its reports' mean, lowest and highest score."""
    groups: dict[str, list] = {}
    for row in rows:
        if row.agency:
            groups.setdefault(row.agency, []).append(row)
    out = []
    for agency, group in sorted(groups.items(), key=lambda item: item[0].casefold()):
        if len(group) < 2:
            continue
        scores = [row.score for row in group if row.score is not None]
        out.append(AgencyLine(agency, len(group), round(statistics.fmean(scores), 1) if scores else None,
                              min(scores, default=None), max(scores, default=None)))
    return out


@dataclass
class Problem:
    """One rule across the run: the points it cost, its findings and the reports that have them."""

    code: str
    name: str
    severity: str
    points: float = 0.0
    findings: int = 0
    reports: int = 0


def problems(run, top: int | None = None) -> list[Problem]:
    """Rules by the points they cost over all reports (after each report's per-rule cap), heaviest first.

    Informational findings cost nothing and are left out: a leadership page led
    by a rule worth 0 points sends the agencies after the wrong thing.
    """
    found: dict[str, Problem] = {}
    for result in run.reports:
        severities = {f.code: f.severity for f in result.findings if f.severity != "info"}
        for deduction in (result.score.deductions if result.score else ()):
            problem = found.setdefault(deduction.code, Problem(deduction.code, deduction.name,
                                                               severities.get(deduction.code, "warning")))
            problem.points += deduction.points
            problem.findings += deduction.count
            problem.reports += 1
    ranked = sorted(found.values(), key=lambda p: (-p.points, -p.findings, p.code))
    return ranked[:top] if top else ranked


def number_text(value: float | None) -> str:
    """A score or mean as the page shows it: one decimal at most (``82.5``, ``100``), as the ranking does."""
    return "" if value is None else f"{value:.1f}".rstrip("0").rstrip(".")


def in_ranking_order(rows) -> list:
    """The rows by rank, unreadable files last: the order of the details, whatever the table's order."""
    return sorted(rows, key=lambda row: (row.rank is None, row.rank or 0, row.file))

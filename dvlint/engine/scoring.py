"""The score of a report: 100 points, less what its findings weigh.

Each finding weighs what its rule weighs (from the configuration, else the
template, else the rule's default); an informational finding weighs nothing. One rule deducts at most ``per_rule_cap``
points, so one defect repeated fifty times cannot sink a report on its own.
The score never goes below 0, and the grade is the first band (highest
minimum first) whose minimum it reaches. A run of selected rules only
(``--select``, ``-k``) is ``partial``: its score is no grade's, since the
rules left out could have cost points.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SCORE = 100.0


@dataclass(frozen=True, slots=True)
class Deduction:
    code: str
    name: str
    count: int
    points: float  # after the cap
    uncapped: float

    @property
    def capped(self) -> bool:
        return self.points < self.uncapped

    def __reduce__(self):  # pickled by its fields (see i18n.Msg.__reduce__)
        return (Deduction, (self.code, self.name, self.count, self.points, self.uncapped))


@dataclass(frozen=True, slots=True)
class Score:
    value: float
    grade: object | None  # a GradeBand
    deductions: tuple[Deduction, ...]
    partial: bool = False  # only selected rules ran: no grade
    grade_caps: tuple = ()  # the GradeCaps that held the grade down (a mandatory element missing)

    def __reduce__(self):  # pickled by its fields (see i18n.Msg.__reduce__)
        return (Score, (self.value, self.grade, self.deductions, self.partial, self.grade_caps))


def score(findings, per_rule_cap: float, bands, partial: bool = False, caps=()) -> Score:
    """The score of ``findings``; ``caps`` (GradeCaps in force) hold the grade down when a finding of theirs is
    there and is no draft blank."""
    totals: dict[str, list] = {}
    for finding in findings:
        if finding.severity == "info":
            continue  # informational: it weighs nothing, whatever weight its rule or a plugin gave it
        entry = totals.setdefault(finding.code, [finding.name, 0, 0.0])
        entry[1] += 1
        entry[2] += finding.weight
    deductions = tuple(
        sorted(
            (Deduction(code, name, count, min(total, per_rule_cap), total) for code, (name, count, total) in totals.items() if total > 0),
            key=lambda d: (-d.points, d.code),
        )
    )
    value = max(0.0, MAX_SCORE - sum(d.points for d in deductions))
    value = round(value, 2)
    applied = tuple(cap for cap in caps if any(f.code == cap.code and not f.draft and f.severity != "info"
                                               for f in findings))
    graded = min([value, *(cap.grade_at_most for cap in applied)])
    return Score(value, None if partial else grade_for(graded, bands), deductions, partial, applied)


def grade_for(value: float, bands):
    for band in sorted(bands, key=lambda b: -b.min):
        if value >= band.min:
            return band
    return None

"""The score of a report: 100 points, less what its findings weigh.

Each finding weighs what its rule weighs (from the configuration, else the
template, else the rule's default); an informational finding weighs nothing. One rule deducts at most ``per_rule_cap``
points, so one defect repeated fifty times cannot sink a report on its own.
The score never goes below 0, and the grade is the first band (highest
minimum first) whose minimum it reaches. A run of selected rules only
(``--select``, ``-k``) is ``partial``: its score is no grade's, since the
rules left out could have cost points.

A family cap (scoring.yaml, ``family_caps``) then holds a whole rule family
down: its deductions, each already within the per-rule cap, take together at
most the family's ``cap`` points; when they come to more, each is scaled down
in the same proportion (so every rule still counts, by its share), rounded to
the hundredth, the rounding settled on the largest so that they add up to the
cap exactly. ``Deduction.points`` is what was deducted after both caps: the
deductions shown always add up to 100 - score (while the score is above 0).
Each such family is also a sub-score: 100 less its own deductions (per-rule
capped, not family capped), or None where the family did not apply to the
report (DV8, presentation, in anything but a .docx).
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
class SubScore:
    """A family's own score out of 100 (``family``: its FamilyCap), or value None: the family did not apply."""

    family: object  # a FamilyCap
    value: float | None

    @property
    def checked(self) -> bool:
        return self.value is not None

    def __reduce__(self):  # pickled by its fields (see i18n.Msg.__reduce__)
        return (SubScore, (self.family, self.value))


@dataclass(frozen=True, slots=True)
class Score:
    value: float
    grade: object | None  # a GradeBand
    deductions: tuple[Deduction, ...]
    partial: bool = False  # only selected rules ran: no grade
    grade_caps: tuple = ()  # the GradeCaps that held the grade down (a mandatory element missing)
    subscores: tuple[SubScore, ...] = ()  # one per family cap whose rules were in the run

    def __reduce__(self):  # pickled by its fields (see i18n.Msg.__reduce__)
        return (Score, (self.value, self.grade, self.deductions, self.partial, self.grade_caps, self.subscores))

    def subscore(self, family: str) -> SubScore | None:
        """The sub-score of ``family`` ("DV8"); None when no cap names it or none of its rules ran."""
        return next((s for s in self.subscores if s.family.family == family), None)


def score(findings, per_rule_cap: float, bands, partial: bool = False, caps=(), families=()) -> Score:
    """The score of ``findings``; ``caps`` (GradeCaps in force) hold the grade down when a finding of theirs is
    there and is no draft blank. ``families`` are (FamilyCap, applied) pairs: the family caps in force whose
    rules were in the run, each with whether it applied to this report (a rule of it ran: its fixtures did
    not skip it)."""
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
    subscores = []
    for family, applied in families:
        own = [d for d in deductions if family.covers(d.code)]
        if applied or own:  # a finding of the family (from a plugin, say) means it was looked at
            subscores.append(SubScore(family, round(max(0.0, MAX_SCORE - sum(d.points for d in own)), 2)))
        else:
            subscores.append(SubScore(family, None))
        deductions = _family_capped(deductions, family)
    value = max(0.0, MAX_SCORE - sum(d.points for d in deductions))
    value = round(value, 2)
    applied = tuple(cap for cap in caps if any(f.code == cap.code and not f.draft and f.severity != "info"
                                               for f in findings))
    graded = min([value, *(cap.grade_at_most for cap in applied)])
    return Score(value, None if partial else grade_for(graded, bands), deductions, partial, applied, tuple(subscores))


def _family_capped(deductions: tuple[Deduction, ...], family) -> tuple[Deduction, ...]:
    """``deductions`` with those of ``family`` scaled down, in proportion, to add up to its cap at most."""
    own = [d for d in deductions if family.covers(d.code)]
    total = sum(d.points for d in own)
    if total <= family.cap:
        return deductions
    scaled = {d.code: round(d.points * family.cap / total, 2) for d in own}
    largest = own[0].code  # deductions come sorted, heaviest first
    scaled[largest] = round(family.cap - sum(p for code, p in scaled.items() if code != largest), 2)
    out = [Deduction(d.code, d.name, d.count, scaled[d.code], d.uncapped) if d.code in scaled else d for d in deductions]
    return tuple(sorted(out, key=lambda d: (-d.points, d.code)))


def grade_for(value: float, bands):
    for band in sorted(bands, key=lambda b: -b.min):
        if value >= band.min:
            return band
    return None

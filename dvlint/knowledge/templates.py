"""Provincial templates: YAML data files a commission clerk writes.

A template says what a kind of report must contain (the outline, đề cương,
a province publishes) and how it is scored. It is validated by the pydantic
model here, so a mistake in a template is reported with the template's own
line. Templates are found among the paths plugins provide
(``dvlint_template_paths``: the shipped ``rules/templates``, ``--templates``
folders, the ``templates`` setting); one is chosen for each report by its
``applies_to`` (or forced with ``--template``), and ``extends`` lets a
province's template start from a national one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from dvlint.knowledge.data import GradeBand, by_longest_prefix, fold, load_model_file, strip_diacritics
from dvlint.source.errors import UsageError
from dvlint.source.validation import empty_list
from dvlint.i18n import Msg


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class TemplateScoring(Strict):
    weights: dict[str, float] = Field(default_factory=dict, description="weight by rule code or code prefix")
    per_rule_cap: float | None = Field(None, ge=0)
    grades: list[GradeBand] | None = None

    def weight_for(self, code: str) -> float | None:
        return by_longest_prefix(self.weights.items(), code, None)


class AppliesTo(Strict):
    """When a template is the one for a report."""

    kinds: list[str] = Field(default_factory=empty_list, description="document types: báo cáo, kế hoạch ...")
    format: str | None = Field(None, pattern="^(state|party)$")
    title_patterns: list[str] = Field(default_factory=empty_list, description="words the title contains (any one)")
    subjects: list[str] = Field(default_factory=empty_list,
                                description="words naming the work the title is about (any one): dân vận, dân chủ ở cơ sở; "
                                            "a plan or review of anything else is not this template's")
    provinces: list[str] = Field(default_factory=empty_list, description="only reports from these provinces")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    priority: int = Field(0, description="when several templates fit, the highest priority wins")


class Part(Strict):
    """A required part: how the outline names it, and the headings that count as it."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(description="the heading as the outline writes it")
    variants: list[str] = Field(default_factory=empty_list, description="other headings that count as this part")
    weight: float | None = Field(None, ge=0, description="points lost when this requirement is not met (else the rule's)")

    @property
    def names(self) -> list[str]:
        return [self.label, *self.variants]


class SectionRequirement(Part):
    required: bool = True
    min_chars: int = Field(0, ge=0, description="least amount of text under it")
    subsections: list[Part] = Field(default_factory=empty_list)


class RecipientRequirement(Strict):
    label: str
    variants: list[str] = Field(default_factory=empty_list)
    weight: float | None = Field(None, ge=0)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day <= self.valid_to)


class IndicatorRequirement(Part):
    """A figure the outline asks for (số liệu, chỉ tiêu)."""

    type: str = Field("count", pattern="^(count|percent|money|date|yesno)$")
    unit: str | None = Field(None, description="the unit the text states it in: hồ sơ, buổi, lượt, %")
    min: float | None = None
    max: float | None = None
    required: bool = True
    required_for: list[str] = Field(default_factory=empty_list,
                                    description="only in reports on these periods: month, quarter, half_year, nine_months, year, multi_year")


class Relation(Strict):
    """How two or three figures must agree."""

    left: str | None = Field(None, description="with op and right: left op right")
    op: str | None = Field(None, pattern="^(<=|<|>=|>|==)$")
    right: str | None = None
    percent: str | None = Field(None, description="with part and whole: percent = part / whole x 100")
    part: str | None = None
    whole: str | None = None
    tolerance: float = Field(0.5, ge=0, description="percentage points of rounding allowed")


class Deadline(Strict):
    """When a report is due: its period's data cut-off plus some working days."""

    working_days: int = Field(ge=0, le=60, description="working days after the cut-off (Saturdays and Sundays are not)")


class Template(Strict):
    """A template as written in its file."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    title: str | None = None
    description: str | None = None
    source: str | None = Field(None, description="the outline (đề cương) this template follows")
    extends: str | None = Field(None, description="the template this one starts from")
    remove: list[str] = Field(default_factory=empty_list, description="keys of inherited sections to drop")
    applies_to: AppliesTo = Field(default_factory=AppliesTo)
    ordered: bool | None = Field(None, description="whether the sections must come in this order (default true)")
    sections: list[SectionRequirement] = Field(default_factory=empty_list)
    recipients: list[RecipientRequirement] = Field(default_factory=empty_list)
    appendices: list[Part] = Field(default_factory=empty_list, description="appendices the report must have, by title")
    indicators: list[IndicatorRequirement] = Field(default_factory=empty_list)
    relations: list[Relation] = Field(default_factory=empty_list)
    deadline: Deadline | None = None
    scoring: TemplateScoring = Field(default_factory=TemplateScoring)

    def requirement_count(self) -> int:
        return (sum(1 + len(s.subsections) for s in self.sections if s.required) + len(self.recipients)
                + sum(1 for i in self.indicators if i.required) + len(self.relations) + len(self.appendices)
                + (1 if self.deadline else 0))


# --- finding and resolving templates -------------------------------------------


def template_files(paths) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")))
        elif path.is_file():
            files.append(path)
    return files


def load_template_file(path: Path) -> Template:
    """One template file, or a UsageError listing every mistake in it, each with the file's own line."""
    from dvlint.knowledge.data import DataFileError

    try:
        return load_model_file(path, Template)
    except DataFileError as exc:
        where = [f"{exc.path}:{e.line}:{e.column}" for e in exc.errors]
        raise UsageError(Msg("\n".join(f"{w}: mẫu không hợp lệ: {e.message.vi}" for w, e in zip(where, exc.errors)),
                             "\n".join(f"{w}: invalid template: {e.message.en}" for w, e in zip(where, exc.errors)))) from None


class Library:
    """All templates found on the template paths, resolved through ``extends``."""

    def __init__(self, paths):
        self.raw: dict[str, Template] = {}
        self.files: dict[str, Path] = {}
        for file in template_files(paths):
            template = load_template_file(file)
            self.raw[template.name] = template  # a later folder overrides an earlier one
            self.files[template.name] = file
        self._resolved: dict[str, Template] = {}

    def names(self) -> list[str]:
        return sorted(self.raw)

    def named_or_file(self, name: str) -> Template:
        """The template ``--template`` names: one of the library's by its name, or a file (``mau.yaml``),
        resolved through what it ``extends`` (the file's template then joins the library)."""
        path = Path(name)
        if path.suffix in (".yaml", ".yml") and path.is_file():
            template = load_template_file(path)
            if not template.extends:
                return template
            self.raw[template.name] = template
            self._resolved.pop(template.name, None)
            return self.get(template.name)
        return self.get(name)

    def get(self, name: str) -> Template:
        if name not in self._resolved:
            self._resolved[name] = self._resolve(name, ())
        return self._resolved[name]

    def _resolve(self, name: str, seen: tuple) -> Template:
        if name not in self.raw:
            raise UsageError(Msg(f"không tìm thấy mẫu báo cáo '{name}'", f"no template named '{name}'"))
        if name in seen:
            raise UsageError(Msg(f"mẫu '{name}' kế thừa vòng tròn", f"template '{name}' extends itself in a loop"))
        template = self.raw[name]
        if not template.extends:
            return template
        base = self._resolve(template.extends, seen + (name,))
        return merge(base, template)

    def choose(self, report, as_of: dt.date) -> tuple[Template | None, Msg | None]:
        """The template that fits the report best, and why; (None, NO_TEMPLATE) when none fits."""
        best, best_score, best_why = None, -1, NO_TEMPLATE
        for name in self.names():
            template = self.get(name)
            fit = fits(template, report, as_of)
            if fit is not None and fit[0] > best_score:
                best, best_score, best_why = template, fit[0], fit[1]
        return best, best_why


NO_TEMPLATE = Msg("không mẫu nào phù hợp: chỉ áp dụng các quy tắc chung",
                  "no template fits: the general rules alone apply")


def merge(base: Template, child: Template) -> Template:
    """A child template over its base: its own sections replace or add, ``remove`` drops."""
    sections = {s.key: s for s in base.sections if s.key not in child.remove}
    order = [s.key for s in base.sections if s.key not in child.remove]
    for section in child.sections:
        if section.key not in sections:
            order.append(section.key)
        sections[section.key] = section
    fields_set = child.model_fields_set
    return Template(
        name=child.name, title=child.title or base.title, description=child.description or base.description,
        source=child.source or base.source, extends=child.extends, remove=[],
        applies_to=child.applies_to if "applies_to" in fields_set else base.applies_to,
        ordered=child.ordered if child.ordered is not None else base.ordered,
        sections=[sections[key] for key in order],
        recipients=[*base.recipients, *child.recipients],
        appendices=[*(a for a in base.appendices if a.key not in child.remove), *child.appendices],
        indicators=[*(i for i in base.indicators if i.key not in child.remove), *child.indicators],
        relations=[*base.relations, *child.relations],
        deadline=child.deadline if "deadline" in fields_set else base.deadline,
        scoring=child.scoring if "scoring" in fields_set else base.scoring,
    )


def fits(template: Template, report, as_of: dt.date) -> tuple[int, Msg] | None:
    """How well ``template`` fits ``report`` (higher is better) and why, or None."""
    from dvlint.knowledge import data, formats

    rule = template.applies_to
    doc = report.document
    reasons_vi, reasons_en, score = [], [], 0
    if rule.kinds:
        if data.fold(doc.type_info.name) not in {data.fold(k) for k in rule.kinds}:
            return None
        reasons_vi.append(f"loại {doc.type_info.name}")
        reasons_en.append(f"type {doc.type_info.en}")
        score += 1
    if rule.format:
        if formats.evidence(report).format != rule.format:
            return None
        score += 3
    if (rule.valid_from and as_of < rule.valid_from) or (rule.valid_to and as_of > rule.valid_to):
        return None
    if rule.subjects:
        hit = _subject_hit(doc, rule.subjects)
        if hit is None:
            return None
        reasons_vi.append(f"{hit[0].vi} có '{hit[1]}'")
        reasons_en.append(f"{hit[0].en} has '{hit[1]}'")
    if rule.title_patterns:
        hit = _title_hit(doc.title, rule.title_patterns)
        if hit is None:
            return None
        reasons_vi.append(f"trích yếu có '{hit}'")
        reasons_en.append(f"the title has '{hit}'")
        score += 2
    if rule.provinces:
        province = _province_of(report)
        if province is None or fold(province) not in {fold(p) for p in rule.provinces}:
            return None
        reasons_vi.append(f"tỉnh {province}")
        reasons_en.append(f"province {province}")
        score += 4
    return score + 10 * rule.priority, Msg(", ".join(reasons_vi) or "mẫu chung", ", ".join(reasons_en) or "general template")


def _subject_hit(doc, subjects: list[str]) -> tuple[Msg, str] | None:
    """(where, which) of the subjects the document names: in its title, its issuer's name (Ban Dân vận)
    or the body it is sent to (Kính gửi: Ban Dân vận Tỉnh ủy)."""
    places = [(Msg("trích yếu", "the title"), doc.title),
              (Msg("cơ quan ban hành", "the issuer"), doc.issuer.name if doc.issuer else None),
              *((Msg("nơi kính gửi", "the addressee"), a) for a in doc.addressees)]
    for where, text in places:
        hit = _title_hit(text, subjects)
        if hit is not None:
            return where, hit
    return None


def _title_hit(title: str | None, patterns: list[str]) -> str | None:
    """The first of ``patterns`` the title contains, headings' way (case, tone marks and spacing folded)."""
    title = normalize_heading(title or "")
    return next((p for p in patterns if normalize_heading(p) in title), None)


def _province_of(report) -> str | None:
    from dvlint.knowledge import data

    doc = report.document
    for text in (doc.place, doc.issuer.parent if doc.issuer else None, doc.issuer.name if doc.issuer else None):
        if not text:
            continue
        province, _ = data.provinces().find(text)
        if province is None:
            words = re.sub(r"^(ubnd|ủy ban nhân dân|uỷ ban nhân dân|tỉnh ủy|đảng bộ)\s+(tỉnh|thành phố)?\s*", "",
                           fold(text))
            province, _ = data.provinces().find(words)
        if province is not None:
            return province.name
    return None


# --- matching headings -----------------------------------------------------------

_LABEL = re.compile(r"^\s*(?:[ivxlc]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–:]\s*", re.IGNORECASE)
SIMILARITY = 0.82


@functools.lru_cache(maxsize=65536)
def normalize_heading(text: str) -> str:
    """Lower case, no diacritics, no numbering label, no punctuation: how headings are compared.

    Cached: the same headings and template names are compared by several
    rules in every report of a run.
    """
    text = _LABEL.sub("", text.strip())
    text = strip_diacritics(text).lower()
    text = " ".join(re.sub(r"[^\w\s]", " ", text).split())
    return _DETERMINER.sub("", text)  # "Những hạn chế" is "hạn chế"


_DETERMINER = re.compile(r"^(?:nhung|cac|mot so)\s+")


def heading_matches(heading: str, names: list[str]) -> bool:
    """Whether a heading counts as one of ``names`` (the part's label and variants).

    Equal after normalizing, similar above SIMILARITY (typos), or beginning
    or ending with a name as whole words ("nhung han che, yeu kem va nguyen
    nhan" counts as "nhung han che" and as "nguyen nhan"). A name inside a
    heading does not count: "danh gia ket qua lanh dao" is no "danh gia chung".
    """
    written = normalize_heading(heading)
    if not written:
        return False
    for name in names:
        wanted = normalize_heading(name)
        if not wanted:
            continue
        if written == wanted or written.startswith(wanted + " ") or written.endswith(" " + wanted):
            return True
        if similar(written, wanted):
            return True
    return False


@functools.lru_cache(maxsize=65536)
def similar(written: str, wanted: str) -> bool:
    """Similar above SIMILARITY (a typo); the cheap upper bounds first, as difflib advises.

    Cached: comparing headings was four fifths of checking a report before.
    """
    if 2 * min(len(written), len(wanted)) < SIMILARITY * (len(written) + len(wanted)):
        return False  # real_quick_ratio() without building the matcher: lengths too far apart
    matcher = difflib.SequenceMatcher(None, written, wanted)
    return (matcher.quick_ratio() >= SIMILARITY and matcher.quick_ratio() >= SIMILARITY
            and matcher.ratio() >= SIMILARITY)


def locate_sections(report, template) -> list[tuple[int | None, object | None]]:
    """For each of the template's sections, (position in reading order, section) of the first
    section of the report whose heading counts as it, or (None, None).

    Computed once per report and shared (the ``template_sections`` fixture): four rules ask
    where the template's parts are, and asking each time compared every heading of a long
    report with every name a dozen times over (a 20,000-line text took 11 s).
    """
    headed = [(position, section) for position, section in enumerate(report.all_sections()) if section.heading]
    located = []
    for requirement in template.sections:
        found = next(((position, section) for position, section in headed
                      if heading_matches(section.heading, requirement.names)), (None, None))
        located.append(found)
    return located

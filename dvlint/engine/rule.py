"""What a rule is: a plain function, marked with :func:`rule`, that yields Problems.

A rule asks for what it needs by naming it as a parameter (``document``,
``signature``, ``as_of``, ...), the way a pytest test names its fixtures. It
yields a :class:`Problem` for each defect it finds, naming the field it is
about; the engine turns that into a located finding. The rule's docstring is
its documentation (``dvlint explain CODE``): what it checks, why, an example
that fails and one that passes.

    @rule("DV404", "signer-name", severity="error", weight=5,
          vi="Khối chữ ký phải có họ tên người ký",
          en="The signature block must give the signer's name")
    def signer_name(signature):
        '''...'''
        if signature and not (signature.name or "").strip():
            yield Problem(signature.field_path("name"), vi="...", en="...")
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import Callable

from dvlint.i18n import Msg

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
DEFAULT_WEIGHTS = {"error": 5.0, "warning": 2.0, "info": 0.0}
# A rule code: a prefix of 2 to 4 capital letters and three digits. dvlint's own rules and local rules
# (``--rules``) use DV (DV9xx is free for local rules); an installed plugin uses the prefix it declares
# (``DVLINT_PREFIX = "LD"``: LD101), checked when its rules are collected (dvlint.engine.core).
CODE_PATTERN = re.compile(r"^[A-Z]{2,4}\d{3}$")
# A code or a code prefix as settings, flags and suppressions name them: DV, DV4, DV401, LD, LD1, LD101.
CODE_PREFIX_PATTERN = re.compile(r"^[A-Z]{2,4}\d{0,3}$")
PREFIX_PATTERN = re.compile(r"^[A-Z]{2,4}$")  # what a plugin may declare as its DVLINT_PREFIX
RESERVED_PREFIX = "DV"  # dvlint's own rules and local rules (DV9xx): no plugin's prefix starts so
FAMILIES = {
    "DV0": Msg("nội bộ dvlint", "dvlint internal"),
    "DV1": Msg("tiêu đề và số, ký hiệu", "header and number"),
    "DV2": Msg("ngày tháng, kỳ báo cáo và trích dẫn", "dates, periods and citations"),
    "DV3": Msg("bố cục và đánh số", "sections and numbering"),
    "DV4": Msg("chữ ký", "signature"),
    "DV5": Msg("nơi nhận và kính gửi", "recipients and addressees"),
    "DV6": Msg("số liệu, chỉ tiêu", "indicators"),
    "DV7": Msg("chính tả, tên riêng, địa danh", "text hygiene, names and places"),
    "DV8": Msg("trình bày (tệp Word)", "presentation (Word files)"),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """A defect found by a rule.

    ``field`` is the path of the value it is about (``"signature.title"``);
    ``snippet`` a piece of that value's text to point at inside it. ``draft``
    marks a draft marker (a number or date left blank to fill in at signing):
    a warning normally, an error when the gate runs with ``--final``.
    ``fix`` is the suggested replacement text for the field, when one is sure.
    """

    field: str | None
    message: Msg
    snippet: str | None = None
    severity: str | None = None
    fix: str | None = None
    draft: bool = False
    weight: float | None = None  # a weight of its own (a template's requirement), else the rule's

    def __init__(self, field: str | None, vi: str, en: str, *, snippet: str | None = None,
                 severity: str | None = None, fix: str | None = None, draft: bool = False,
                 weight: float | None = None):
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "message", Msg(vi, en))
        object.__setattr__(self, "snippet", snippet)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(self, "fix", fix)
        object.__setattr__(self, "draft", draft)
        object.__setattr__(self, "weight", weight)


@dataclass(frozen=True)
class RuleSpec:
    """A collected rule: its metadata and the function that checks."""

    code: str
    name: str
    severity: str
    weight: float
    summary: Msg
    func: Callable = field(repr=False, compare=False)
    params: tuple[str, ...] = ()
    origin: str = ""  # the module or file it was collected from
    safe_fix: bool = False  # its fixes are mechanical and may be applied by ``check --fix``
    exact_text: bool = False  # it judges spelling or exact characters: it does not run on text read by OCR
    opt_in: bool = False  # it asks more than the regulation: it runs only when selected by its own code
    plugin: str = ""  # the installed plugin it comes from (its entry point's name), if any
    distribution: str = ""  # that plugin's distribution (dvlint-lamdong), if any

    @property
    def family(self) -> str:
        """The code less its last two digits: DV4 for DV401, LD1 for LD101."""
        return self.code[:-2]

    @property
    def where(self) -> str:
        """Where the rule comes from, for messages: its module, and its plugin's distribution if any."""
        return f"{self.origin} (plugin {self.distribution})" if self.distribution else self.origin

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.func) or ""


def rule(code: str, name: str, *, vi: str, en: str, severity: str = "error", weight: float | None = None,
         safe_fix: bool = False, exact_text: bool = False, opt_in: bool = False):
    """Mark a function as a dvlint rule, with its code, name and metadata.

    ``safe_fix`` says that the ``fix`` its problems carry changes form only
    (a leading zero, punctuation, Unicode normalization), never meaning, so
    ``dvlint check --fix`` may apply it without a person reading it first.
    ``exact_text`` says that it judges spelling, diacritics or exact characters
    (a place name's spelling, a number's spaces, a date's digits, punctuation),
    or reports a part missing (the number, the signer's name, a section) that
    OCR may simply have failed to read: on text read from a scan a recognition
    slip would be taken for the writer's defect, so the rule does not run there.
    ``opt_in`` says that the rule asks more than the regulation does (a house
    style, a reader's courtesy): it runs only when selected by its own code
    (``--select DV704``), never by a family or by default.
    """
    if not CODE_PATTERN.match(code):
        raise ValueError(f"rule code {code!r} must be a prefix of 2 to 4 capital letters and three digits "
                         f"(DV901 for a local rule, LD101 for a plugin whose prefix is LD)")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {code}: severity must be one of {SEVERITIES}")

    def mark(func: Callable) -> Callable:
        params = tuple(inspect.signature(func).parameters)
        func.__dvlint_rule__ = RuleSpec(
            code=code,
            name=name,
            severity=severity,
            weight=DEFAULT_WEIGHTS[severity] if weight is None else float(weight),
            summary=Msg(vi, en),
            func=func,
            params=params,
            origin=getattr(func, "__module__", ""),
            safe_fix=safe_fix,
            exact_text=exact_text,
            opt_in=opt_in,
        )
        return func

    return mark

"""The report model (one administrative document, as written) and the parsing of
its values: numbers and symbols, dates, periods, authority lines, citations.
"""

# ``from dvlint.model import Report`` (the path docs/writing-rules.md names) reads dvlint.model.report,
# imported when first asked for.
_REPORT_NAMES = frozenset({"Appendix", "Document", "Footnote", "Header", "Indicator", "Issuer", "Node", "Period",
                           "Recipients", "Report", "Section", "Signature", "Table", "json_schema"})


def __getattr__(name):
    if name in _REPORT_NAMES:
        from dvlint.model import report

        return getattr(report, name)
    raise AttributeError(f"module 'dvlint.model' has no attribute {name!r}")

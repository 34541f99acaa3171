"""Writing an imported report as YAML, safely.

The YAML is dumped from the validated model (so it passes ``dvlint check``'s
schema by construction), with long text as folded scalars a person can
edit. The file is written atomically (dvlint.output.atomic), and an existing file
is only replaced when the user asked for it.
"""

from __future__ import annotations

import io

HEADER = (
    "# Imported by dvlint from {source}.\n"
    "# Check what the importer placed (dvlint import --explain shows why) before editing.\n"
    "# yaml-language-server: $schema=https://dvlint.invalid/report.schema.json\n"
)


def report_yaml(report, source: str) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

    def prepare(value, key=None):
        if isinstance(value, dict):
            return {k: prepare(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [prepare(v, key) for v in value]
        if isinstance(value, str):
            if len(value) > 80 and "\n" not in value:
                return FoldedScalarString(value)
            if key in ("number", "label", "heading") or value.startswith(("-", "*", "[", "{")) or ": " in value:
                return DoubleQuotedScalarString(value)
        return value

    data = prepare(report.model_dump(mode="json", exclude_defaults=True, exclude_none=True))
    yaml = YAML()
    yaml.width = 88
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return HEADER.format(source=source) + buffer.getvalue()

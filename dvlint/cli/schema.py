"""dvlint schema: the JSON Schema of the report format, for editors."""

from __future__ import annotations

import json

from dvlint.cli.common import EXIT_OK


def add_parser(sub, common, h) -> None:
    schema = sub.add_parser("schema", help=h("in JSON Schema của định dạng báo cáo", "print the JSON Schema of the report format"))
    schema.set_defaults(run=run)


def run(args) -> int:
    from dvlint.model.report import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK

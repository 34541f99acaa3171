"""dvlint templates (list, show) and dvlint template check: the provincial templates."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dvlint.cli.common import folder_arg, EXIT_OK, engine_for_listing
from dvlint.i18n import LANGUAGES, Msg, language_from_env


def add_parser(sub, common, h) -> None:
    tpl = sub.add_parser("templates", parents=[common], help=h("liệt kê các mẫu báo cáo; 'show TÊN' in một mẫu", "list the templates; 'show NAME' prints one"))
    tpl.add_argument("action", nargs="?", choices=("show", "check"), help=h(
        "show: in một mẫu đã hợp nhất (sau extends); check TỆP: như 'template check TỆP'",
        "show: print one template, resolved (after extends); check FILE: as 'template check FILE'"))
    tpl.add_argument("name", nargs="?", metavar="NAME")
    tpl.add_argument("--templates", action="append", type=folder_arg, metavar="DIR", help=h("thêm thư mục mẫu", "add a folder of templates"))
    tpl.add_argument("--format", choices=("text", "json"), default="text")

    tcheck = sub.add_parser("template", help=h("kiểm tra một tệp mẫu: 'template check TỆP'", "validate a template file: 'template check FILE'"))
    tcheck.add_argument("action", choices=("check",))
    tcheck.add_argument("file", type=Path, metavar="FILE")
    tcheck.add_argument("--templates", action="append", type=folder_arg, metavar="DIR", help=h("thư mục chứa mẫu được kế thừa", "folders holding templates it extends"))
    tcheck.add_argument("--lang", choices=LANGUAGES)
    tpl.set_defaults(run=run_templates)
    tcheck.set_defaults(run=run_check)


def run_templates(args) -> int:
    if args.action == "check":  # the plural typed for the singular: do what was meant
        from dvlint.source.errors import UsageError

        if not args.name:
            raise UsageError(Msg("cần tệp mẫu: dvlint template check TỆP", "a file is needed: dvlint template check FILE"))
        args.file = Path(args.name)
        return run_check(args)
    engine = engine_for_listing(args)
    library = engine.library
    lang = engine.settings.lang
    if args.action == "show":
        from dvlint.source.errors import UsageError

        if not args.name:
            raise UsageError(Msg("cần tên mẫu: dvlint templates show TÊN", "a name is needed: dvlint templates show NAME"))
        template = library.get(args.name)
        dumped = template.model_dump(mode="json", exclude_defaults=True)
        if args.format == "json":
            print(json.dumps(dumped, ensure_ascii=False, indent=2))
        else:
            from ruamel.yaml import YAML

            yaml = YAML()
            yaml.allow_unicode, yaml.width = True, 100
            yaml.dump(dumped, sys.stdout)
        return EXIT_OK
    rows = []
    for name in library.names():
        template = library.get(name)
        rule = template.applies_to
        applies = ", ".join(filter(None, [
            "/".join(rule.kinds), rule.format or "", _quoted(rule.subjects), _quoted(rule.title_patterns),
            "/".join(rule.provinces)]))
        rows.append({"name": name, "title": template.title, "applies_to": applies, "extends": template.extends,
                     "requirements": template.requirement_count(), "file": str(library.files[name])})
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        head = Msg("tên | áp dụng cho | số yêu cầu | kế thừa", "name | applies to | requirements | extends").text(lang)
        print(head)
        for row in rows:
            print(f"{row['name']} | {row['applies_to']} | {row['requirements']} | {row['extends'] or '-'}")
    return EXIT_OK


def _quoted(words: list[str]) -> str:
    return "'" + "', '".join(words) + "'" if words else ""


def run_check(args) -> int:
    """Validate one template file (and what it extends); errors carry the file's line."""
    from dvlint.knowledge.templates import Library, load_template_file
    from dvlint.plugins.builtin import builtin_rules_dir

    lang = args.lang or language_from_env() or "vi"
    template = load_template_file(args.file)  # a UsageError with file:line:column if broken
    library = Library([builtin_rules_dir() / "templates", *(args.templates or []), args.file])
    resolved = library.get(template.name)
    print(Msg(f"{args.file}: mẫu '{resolved.name}' hợp lệ, {resolved.requirement_count()} yêu cầu",
              f"{args.file}: template '{resolved.name}' is valid, {resolved.requirement_count()} requirements").text(lang))
    return EXIT_OK

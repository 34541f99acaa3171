"""dvlint rules and dvlint explain: the rules in force, and one rule's documentation."""

from __future__ import annotations

import json

from dvlint.cli.common import EXIT_OK, engine_for_listing
from dvlint.i18n import Msg


def add_parser(sub, common, h) -> None:
    rules = sub.add_parser("rules", parents=[common], help=h("liệt kê các quy tắc", "list the rules"))
    rules.add_argument("--format", choices=("text", "json", "markdown", "hooks"), default="text", help=h(
        "text, json; markdown: docs/rules.md; hooks: docs/hooks.md (các hook của plugin)",
        "text, json; markdown: docs/rules.md; hooks: docs/hooks.md (the hooks a plugin may implement)"))

    explain = sub.add_parser("explain", parents=[common], help=h("giải thích một quy tắc", "explain a rule"))
    explain.add_argument("code", metavar="CODE")
    rules.set_defaults(run=run_rules)
    explain.set_defaults(run=run_explain)


def run_rules(args) -> int:
    from dvlint.output.docs import hooks_markdown, rules_markdown, rules_table

    if args.format == "hooks":  # no engine: the hooks are dvlint's, whatever is installed
        print(hooks_markdown(), end="")
        return EXIT_OK
    engine = engine_for_listing(args)
    lang = engine.settings.lang
    rows = [
        {"code": s.code, "name": s.name, "severity": engine.settings.severity_for(s.code, s.severity),
         "weight": engine.weight_for(s), "summary": s.summary.text(lang), "origin": s.origin, "fixable": s.safe_fix,
         "plugin": s.distribution or None}
        for s in engine.rules
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "markdown":  # the reference: every rule, those off by default too
        print(rules_markdown(engine.all_rules), end="")
    else:
        print(rules_table(rows), end="")
    return EXIT_OK


def run_explain(args) -> int:
    from dvlint.output.docs import explain_rule
    from dvlint.source.errors import UsageError

    engine = engine_for_listing(args)
    code = args.code.strip().upper()
    for spec in engine.all_rules:
        if spec.code == code or spec.name == args.code.strip():
            options = engine.plugin_options.get(spec.plugin, ())
            values = dict(dict(engine.settings.plugins).get(spec.plugin, ()))
            print(explain_rule(spec, engine.settings.lang, engine.weight_for(spec), options, values), end="")
            return EXIT_OK
    raise UsageError(Msg(f"không có quy tắc '{args.code}'", f"no rule '{args.code}'"))

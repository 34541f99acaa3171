"""dvlint init: a report skeleton from a template."""

from __future__ import annotations

import sys

from dvlint.cli.common import folder_arg, EXIT_OK, output_arg
from dvlint.i18n import LANGUAGES, Msg, language_from_env


def add_parser(sub, common, h) -> None:
    init = sub.add_parser("init", help=h("tạo khung báo cáo theo một mẫu", "write a report skeleton from a template"))
    init.add_argument("--template", required=True, metavar="NAME|FILE",
                      help=h("tên mẫu, hoặc một tệp mẫu .yaml (như check --template)",
                             "a template's name, or a template file .yaml (as check --template)"))
    init.add_argument("--templates", action="append", type=folder_arg, metavar="DIR",
                      help=h("thêm thư mục mẫu (lặp lại được), như check --templates",
                             "add a folder of templates (may be repeated), as check --templates"))
    init.add_argument("-o", "--output", type=output_arg, metavar="OUT",
                      help=h("ghi khung vào tệp OUT thay vì in ra", "write the skeleton to OUT instead of printing it"))
    init.add_argument("--force", action="store_true", help=h("ghi đè tệp OUT đã có", "replace OUT if it exists"))
    init.add_argument("--lang", choices=LANGUAGES)
    init.set_defaults(run=run)


def run(args) -> int:
    from dvlint.knowledge.templates import Library
    from dvlint.output.atomic import write_atomic
    from dvlint.output.skeleton import skeleton
    from dvlint.plugins.builtin import builtin_rules_dir

    lang = args.lang or language_from_env() or "vi"
    library = Library([builtin_rules_dir() / "templates", *(args.templates or [])])
    text = skeleton(library.named_or_file(args.template), check_with=check_command(args))
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)  # "-o baocao/so-noi-vu.yaml" into a new folder
        write_atomic(args.output, text, force=args.force)
        print(Msg(f"đã ghi {args.output}", f"wrote {args.output}").text(lang), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def check_command(args) -> str:
    """The `dvlint check` that finds the same template: the same --template, and the same --templates folders."""
    import shlex

    words = ["dvlint", "check", str(args.output or "baocao.yaml"), "--template", args.template]
    for folder in args.templates or []:
        words += ["--templates", str(folder)]
    return shlex.join(words)

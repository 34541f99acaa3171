"""dvlint import: a .docx, .md or .txt turned into a YAML report; --explain shows how each line was read."""

from __future__ import annotations

import sys
from pathlib import Path

from dvlint.cli.common import EXIT_OK, EXIT_USAGE, legacy_help, load_one, output_arg
from dvlint.i18n import LANGUAGES, Msg, language_from_env


def add_parser(sub, common, h) -> None:
    imp = sub.add_parser("import", help=h("chuyển .docx, .md, .txt thành báo cáo YAML", "turn a .docx, .md or .txt into a YAML report"))
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("-o", "--output", type=output_arg, metavar="OUT", help=h("tệp YAML để ghi (mặc định: in ra màn hình)", "YAML file to write (default: print it)"))
    imp.add_argument("--force", action="store_true", help=h("ghi đè tệp đã có", "replace an existing file"))
    imp.add_argument("--explain", action="store_true", help=h("cho biết từng dòng được xếp vào phần nào", "show how each line was classified"))
    imp.add_argument("--lang", choices=LANGUAGES)
    imp.add_argument("--convert-legacy", action="store_true", help=legacy_help(h))
    imp.set_defaults(run=run)


def run(args) -> int:
    from dvlint.importers.classify import explain_table
    from dvlint.importers.writer import report_yaml
    from dvlint.output.atomic import write_atomic

    lang = args.lang or language_from_env() or "vi"
    unit = "paragraph" if args.file.suffix.lower() == ".docx" else "line"

    def explain_anyway(error) -> None:
        classified = getattr(error, "classified", None)
        if args.explain and classified is not None:
            sys.stdout.write(explain_table(classified, unit))

    loaded = load_one(args.file, lang, importable_only=True, convert_legacy=args.convert_legacy,
                      on_error=explain_anyway)
    if loaded is None:
        return EXIT_USAGE
    if args.explain:
        sys.stdout.write(explain_table(loaded.classified, unit))
    text = report_yaml(loaded.report, args.file.name)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)  # "-o baocao/so-noi-vu.yaml" into a new folder
        write_atomic(args.output, text, force=args.force)
        print(Msg(f"đã ghi {args.output}", f"wrote {args.output}").text(lang), file=sys.stderr)
    elif not args.explain:
        sys.stdout.write(text)
    return EXIT_OK

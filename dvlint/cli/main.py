"""The ``dvlint`` command line.

Exit codes (stable, for CI): 0 the gate passed; 1 a finding at or above
``--fail-on`` or a score under ``--fail-under``; 2 a usage or configuration
error, or a file that could not be loaded; 3 a bug in dvlint itself (set
``DVLINT_DEBUG=1`` to see its traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from dvlint.i18n import LANGUAGES, Msg, language_from_env

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _prescan_language(argv: list[str]) -> str:
    """The language for help texts, before argparse has run."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return language_from_env()


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def _codes(text: str) -> list[str]:
    return [c.strip().upper() for c in text.split(",") if c.strip()]


def build_parser(lang: str) -> argparse.ArgumentParser:
    def h(vi: str, en: str) -> str:
        return Msg(vi, en).text(lang)

    from dvlint import __version__

    parser = argparse.ArgumentParser(
        prog="dvlint",
        description=h("Kiểm tra báo cáo công tác dân vận và Quy chế dân chủ ở cơ sở.",
                      "Lint Vietnamese reports on mass-mobilization work and grassroots democracy."),
    )
    parser.add_argument("--version", action="version", version=f"dvlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    legacy_help = h("đọc tệp gõ bằng mã cũ (TCVN3, VNI, Windows-1258) bằng cách chuyển sang Unicode",
                    "read files in a legacy Vietnamese encoding (TCVN3, VNI, Windows-1258) by converting them to Unicode")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, help=h("ngôn ngữ thông báo (mặc định: vi)", "message language (default: vi)"))
    common.add_argument("--rules", action="append", type=Path, metavar="DIR", help=h("thêm thư mục quy tắc", "add a folder of rules"))
    common.add_argument("--config", type=Path, metavar="FILE", help=h("tệp cấu hình (bỏ qua việc tự tìm)", "configuration file (skips discovery)"))
    common.add_argument("--select", type=_codes, metavar="CODES", help=h("chỉ chạy các quy tắc có mã bắt đầu như vậy: DV4,DV501", "run only rules whose codes start so: DV4,DV501"))
    common.add_argument("--ignore", type=_codes, metavar="CODES", help=h("bỏ các quy tắc có mã bắt đầu như vậy", "skip rules whose codes start so"))
    common.add_argument("--convert-legacy", action="store_true", default=None, help=legacy_help)
    common.add_argument("-k", dest="keyword", metavar="EXPR", help=h("lọc quy tắc theo tên: 'signature and not name'", "filter rules by name: 'signature and not name'"))

    check = sub.add_parser("check", parents=[common], help=h("kiểm tra báo cáo", "check reports"))
    check.add_argument("paths", nargs="+", metavar="PATH", help=h("tệp hoặc thư mục báo cáo", "report files or folders"))
    check.add_argument("--format", default="text", metavar="FORMAT", help=h("định dạng đầu ra: text, json, sarif, junit, github, gitlab", "output format: text, json, sarif, junit, github, gitlab"))
    check.add_argument("--baseline", type=Path, metavar="FILE", help=h("chỉ báo các phát hiện mới so với tệp baseline", "report only findings not in this baseline"))
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help=h("ghi các phát hiện hôm nay làm baseline", "record today's findings as a baseline"))
    check.add_argument("--output", type=Path, metavar="FILE", help=h("ghi kết quả ra tệp; màn hình vẫn in tóm tắt", "write the output to a file; the terminal still gets the summary"))
    check.add_argument("--fix", action="store_true", help=h("sửa các lỗi hình thức an toàn (số 0, dấu câu, Unicode) rồi kiểm tra", "apply the safe fixes (leading zeros, punctuation, Unicode), then check"))
    check.add_argument("--diff", action="store_true", help=h("in các sửa đổi an toàn dưới dạng diff, không ghi tệp", "print the safe fixes as a diff; write nothing"))
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), help=h("mức phát hiện làm lệnh thất bại (mặc định: error)", "finding level that fails the run (default: error)"))
    check.add_argument("--fail-under", type=float, metavar="SCORE", help=h("thất bại nếu điểm dưới mức này", "fail when a score is below this"))
    check.add_argument("--final", action="store_true", default=None, help=h("bản chính thức: số, ngày để trống là lỗi", "final copy: a blank number or date is an error"))
    check.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help=h("ngày dùng để đánh giá (mặc định: ngày ban hành)", "the date rules judge by (default: the issue date)"))
    check.add_argument("--template", metavar="NAME", help=h("mẫu báo cáo dùng để chấm điểm", "template to check and score against"))
    check.add_argument("--templates", action="append", type=Path, metavar="DIR", help=h("thêm thư mục mẫu", "add a folder of templates"))
    check.add_argument("--explain-score", action="store_true", help=h("liệt kê từng khoản trừ điểm", "list every deduction"))
    check.add_argument("-j", "--jobs", type=int, metavar="N", help=h("số tiến trình kiểm tra song song (mặc định: số lõi CPU; 1: không song song)", "parallel processes (default: the number of CPUs; 1: none)"))
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=h("tô màu đầu ra", "colour the output"))
    check.add_argument("--no-source", action="store_true", help=h("không in dòng nguồn dưới phát hiện", "do not print the source line under findings"))

    score = sub.add_parser("score", parents=[common], help=h("chấm điểm và xếp hạng nhiều báo cáo", "score and rank many reports"))
    score.add_argument("paths", nargs="+", metavar="PATH", help=h("tệp hoặc thư mục báo cáo", "report files or folders"))
    score.add_argument("--sort", choices=("score", "agency", "date"), default="score", help=h("sắp xếp theo điểm, cơ quan hoặc ngày", "order by score, agency or date"))
    score.add_argument("--grade", metavar="GRADE", help=h("chỉ các báo cáo xếp loại này", "only reports of this grade"))
    score.add_argument("--below", type=float, metavar="SCORE", help=h("chỉ các báo cáo dưới điểm này", "only reports scoring below this"))
    score.add_argument("--csv", type=Path, metavar="FILE", help=h("xuất bảng xếp hạng ra CSV", "export the ranking as CSV"))
    score.add_argument("--xlsx", type=Path, metavar="FILE", help=h("xuất ra Excel: xếp hạng, phát hiện, thống kê theo nhóm quy tắc", "export to Excel: ranking, findings, counts by rule family"))
    score.add_argument("--html", type=Path, metavar="FILE", help=h("trang HTML độc lập: xếp hạng, phân bố điểm, lỗi thường gặp", "a self-contained HTML page: ranking, score distribution, frequent findings"))
    score.add_argument("--json", type=Path, metavar="FILE", help=h("xuất mọi phát hiện ra JSON (như check --format json)", "export every finding as JSON (as check --format json)"))
    score.add_argument("--per-agency", type=Path, metavar="DIR", help=h("ghi tệp phát hiện (txt, json) cho từng cơ quan để gửi lại", "write one findings file (txt, json) per report, to send back"))
    score.add_argument("--compare", type=Path, metavar="PREVIOUS.json", help=h("so sánh với kết quả JSON lần trước", "compare with a previous run's JSON"))
    score.add_argument("--template", metavar="NAME", help=h("mẫu báo cáo dùng để chấm điểm", "template to score against"))
    score.add_argument("--templates", action="append", type=Path, metavar="DIR", help=h("thêm thư mục mẫu", "add a folder of templates"))
    score.add_argument("-j", "--jobs", type=int, metavar="N", help=h("số tiến trình song song (mặc định: số lõi CPU)", "parallel processes (default: the number of CPUs)"))
    score.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=h("tô màu đầu ra", "colour the output"))

    rules = sub.add_parser("rules", parents=[common], help=h("liệt kê các quy tắc", "list the rules"))
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    explain = sub.add_parser("explain", parents=[common], help=h("giải thích một quy tắc", "explain a rule"))
    explain.add_argument("code", metavar="CODE")

    sub.add_parser("schema", help=h("in JSON Schema của định dạng báo cáo", "print the JSON Schema of the report format"))

    tpl = sub.add_parser("templates", parents=[common], help=h("liệt kê các mẫu báo cáo; 'show TÊN' in một mẫu", "list the templates; 'show NAME' prints one"))
    tpl.add_argument("action", nargs="?", choices=("show",), help=h("in một mẫu đã hợp nhất (sau extends)", "print one template, resolved (after extends)"))
    tpl.add_argument("name", nargs="?", metavar="NAME")
    tpl.add_argument("--templates", action="append", type=Path, metavar="DIR", help=h("thêm thư mục mẫu", "add a folder of templates"))
    tpl.add_argument("--format", choices=("text", "json"), default="text")

    tcheck = sub.add_parser("template", help=h("kiểm tra một tệp mẫu: 'template check TỆP'", "validate a template file: 'template check FILE'"))
    tcheck.add_argument("action", choices=("check",))
    tcheck.add_argument("file", type=Path, metavar="FILE")
    tcheck.add_argument("--templates", action="append", type=Path, metavar="DIR", help=h("thư mục chứa mẫu được kế thừa", "folders holding templates it extends"))
    tcheck.add_argument("--lang", choices=LANGUAGES)

    init = sub.add_parser("init", help=h("tạo khung báo cáo theo một mẫu", "write a report skeleton from a template"))
    init.add_argument("--template", required=True, metavar="NAME")
    init.add_argument("--templates", action="append", type=Path, metavar="DIR")
    init.add_argument("-o", "--output", type=Path, metavar="OUT")
    init.add_argument("--force", action="store_true")
    init.add_argument("--lang", choices=LANGUAGES)

    cites = sub.add_parser("citations", help=h("liệt kê các văn bản được dẫn", "list the documents a report cites"))
    cites.add_argument("file", type=Path, metavar="FILE")
    cites.add_argument("--format", choices=("text", "json"), default="text")
    cites.add_argument("--lang", choices=LANGUAGES)
    cites.add_argument("--convert-legacy", action="store_true", help=legacy_help)

    imp = sub.add_parser("import", help=h("chuyển .docx, .md, .txt thành báo cáo YAML", "turn a .docx, .md or .txt into a YAML report"))
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("-o", "--output", type=Path, metavar="OUT", help=h("tệp YAML để ghi (mặc định: in ra màn hình)", "YAML file to write (default: print it)"))
    imp.add_argument("--force", action="store_true", help=h("ghi đè tệp đã có", "replace an existing file"))
    imp.add_argument("--explain", action="store_true", help=h("cho biết từng dòng được xếp vào phần nào", "show how each line was classified"))
    imp.add_argument("--lang", choices=LANGUAGES)
    imp.add_argument("--convert-legacy", action="store_true", help=legacy_help)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _prescan_language(argv)
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from dvlint.source.errors import UsageError
    from dvlint.knowledge.data import DataFileError

    _terminate_like_interrupt()
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"dvlint: {exc.message.text(args.lang or lang)}", file=sys.stderr)
        return EXIT_USAGE
    except DataFileError as exc:
        print(f"dvlint: {exc.path}:{exc.error.line}:{exc.error.column}: {exc.error.message.text(args.lang or lang)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug in dvlint: say so briefly, not with a traceback
        if os.environ.get("DVLINT_DEBUG"):
            raise
        message = Msg(f"lỗi nội bộ của dvlint: {type(exc).__name__}: {exc} (đặt DVLINT_DEBUG=1 để xem chi tiết)",
                      f"internal error in dvlint: {type(exc).__name__}: {exc} (set DVLINT_DEBUG=1 for details)")
        print(f"dvlint: {message.text(args.lang or lang)}", file=sys.stderr)
        return EXIT_INTERNAL


def _terminate_like_interrupt() -> None:
    """Let ``kill`` (SIGTERM, as CI runners and service managers send) end dvlint like Ctrl-C does.

    Python's default for SIGTERM is to die on the spot, leaving a temporary
    file behind when it comes mid-write; raised as KeyboardInterrupt, the
    write is abandoned cleanly (dvlint.atomic removes the temporary file) and
    the command ends with code 130.
    """
    import signal

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (dvlint called from a library user's thread)
        pass


def _silence_stdout() -> None:
    """After the reader of our output went away (``| head``), end quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _overrides(args) -> dict:
    return {
        "lang": args.lang or language_from_env(None),
        "select": tuple(args.select) if args.select else None,
        "ignore": tuple(args.ignore) if args.ignore else None,
        "keyword": args.keyword,
        "rule_dirs": tuple(p.resolve() for p in args.rules) if args.rules else None,
        "template": getattr(args, "template", None),
        "template_dirs": tuple(p.resolve() for p in args.templates) if getattr(args, "templates", None) else None,
        "fail_on": getattr(args, "fail_on", None),
        "fail_under": getattr(args, "fail_under", None),
        "final": getattr(args, "final", None),
        "as_of": getattr(args, "as_of", None),
        "baseline": args.baseline.resolve() if getattr(args, "baseline", None) else None,
        "convert_legacy": getattr(args, "convert_legacy", None),
    }


def cmd_check(args) -> int:
    from dvlint.engine.core import gate_failed
    from dvlint.source.errors import UsageError
    from dvlint.output import OutputOptions
    from dvlint.app import plugin_manager
    from dvlint.app.runner import Checker, default_jobs, tune_gc_for_batch

    formatters = {}
    for found in reversed(plugin_manager().hook.dvlint_formatters()):
        formatters.update(found or {})
    if args.format not in formatters:
        raise UsageError(Msg(f"không có định dạng '{args.format}'; có: {', '.join(sorted(formatters))}",
                             f"unknown format '{args.format}'; available: {', '.join(sorted(formatters))}"))
    checker = Checker(_overrides(args), args.config.resolve() if args.config else None)
    if args.fix or args.diff:
        changed = _apply_fixes(checker, args)
        if args.diff:
            return EXIT_FINDINGS if changed else EXIT_OK
    tune_gc_for_batch()
    run = checker.run(args.paths, args.jobs if args.jobs and args.jobs > 0 else default_jobs())
    settings = _run_settings(checker, args)
    if args.write_baseline:
        from dvlint.plugins.suppress import write_baseline

        count = write_baseline(run, args.write_baseline)
        print(Msg(f"đã ghi baseline {args.write_baseline} ({count} phát hiện)",
                  f"wrote the baseline {args.write_baseline} ({count} findings)").text(settings.lang))
        return EXIT_USAGE if run.load_errors else EXIT_OK
    options = OutputOptions(lang=settings.lang, color=args.color, show_source=not args.no_source,
                            explain_score=args.explain_score)
    if args.output:
        _write_output(formatters[args.format], run, options, args.output)
        from dvlint.output.text_format import summary_line

        print(summary_line(run, settings.lang))
        print(Msg(f"đã ghi {args.output}", f"wrote {args.output}").text(settings.lang))
    else:
        text = formatters[args.format](run, options)
        if text:
            sys.stdout.write(text)
    sys.stdout.flush()
    if run.load_errors:
        return EXIT_USAGE
    return EXIT_FINDINGS if gate_failed(run, settings.fail_on, settings.fail_under) else EXIT_OK


def cmd_score(args) -> int:
    """Rank every report named; unreadable files are rows with their error, and the run goes on.

    Results are kept on disk as they arrive (spill.SpilledResults), so that
    memory stays flat however many reports a commission scores.
    """
    from dvlint.staff import ranking as staff
    from dvlint.app.runner import Checker, default_jobs, tune_gc_for_batch
    from dvlint.staff.spill import SpilledResults
    from dvlint.staff.exchange import load_previous

    previous = load_previous(args.compare) if args.compare else None  # a wrong path fails now, not after the run
    checker = Checker(_overrides(args), args.config.resolve() if args.config else None)
    tune_gc_for_batch()
    lang = _run_settings(checker, args).lang
    bar = staff.ProgressBar(lang, enabled=sys.stderr.isatty())
    with SpilledResults() as store:
        try:
            run = checker.run(args.paths, args.jobs if args.jobs and args.jobs > 0 else default_jobs(), progress=bar,
                              store=store)
        finally:
            bar.stop()
        return _score_outputs(args, run, lang, previous)


def _score_outputs(args, run, lang: str, previous) -> int:
    """The ranking table, the exports asked for and the comparison, from a finished run."""
    from dvlint.staff import ranking as staff
    from dvlint.output import OutputOptions
    from dvlint.output.text_format import summary_line, use_color
    from dvlint.staff.exchange import compare, compare_text

    rows = staff.ranked(staff.rows_for(run, lang), args.sort, args.grade, args.below)
    terminal = sys.stdout.isatty()
    sys.stdout.write(staff.table_text(rows, lang, terminal, use_color(OutputOptions(color=args.color), sys.stdout)))
    written = []
    if args.csv:
        staff.write_csv(rows, args.csv, lang)
        written.append(args.csv)
    if args.xlsx:
        from dvlint.staff.xlsx import write_xlsx

        write_xlsx(rows, run, args.xlsx, lang)
        written.append(args.xlsx)
    if args.json:
        from dvlint.output.atomic import atomic_file
        from dvlint.output.json_format import write_stream

        with atomic_file(args.json) as handle:
            write_stream(run, lang, handle)
        written.append(args.json)
    if args.html:
        from dvlint.output.atomic import write_atomic
        from dvlint.staff.html import render_html

        write_atomic(args.html, render_html(rows, run, lang), force=True)
        written.append(args.html)
    if args.per_agency:
        from dvlint.output.text_format import render as render_text
        from dvlint.staff.exchange import write_per_agency

        write_per_agency(run, args.per_agency, render_text, OutputOptions(lang=lang, show_source=True))
        written.append(args.per_agency)
    if previous is not None:
        sys.stdout.write(compare_text(compare(previous, run, lang), lang))
    print(summary_line(run, lang))
    for path in written:
        print(Msg(f"đã ghi {path}", f"wrote {path}").text(lang))
    return EXIT_USAGE if run.load_errors else EXIT_OK


def _apply_fixes(checker, args) -> int:
    """Fix (``--fix``) or show the fixes for (``--diff``) every YAML report named; how many files change.

    Messages go to stderr so that ``--fix --format json`` still prints clean
    JSON. A file that does not load is left to the check that follows.
    """
    from dvlint.source.errors import LoadError
    from dvlint.output.fix import fix_file, write_fixed
    from dvlint.app.runner import expand_paths

    lang = _run_settings(checker, args).lang
    changed = 0
    for path, error in expand_paths(args.paths, set(checker.loaders)):
        if error is not None:
            continue
        if path.suffix.lower() not in (".yaml", ".yml"):
            print(Msg(f"{path}: không sửa (chỉ sửa tệp YAML; tệp gốc giữ nguyên)",
                      f"{path}: not modified (fixes apply to YAML reports only)").text(lang), file=sys.stderr)
            continue
        try:
            outcome = fix_file(path, checker.engine_for(path))
        except LoadError:
            continue
        changed += outcome.changed
        if args.diff:
            sys.stdout.write(outcome.diff())
        elif outcome.changed:
            try:
                write_fixed(outcome)
            except LoadError as exc:
                print(f"{path}: {exc.message.text(lang)}", file=sys.stderr)
                continue
        if outcome.applied:
            verb = Msg("sẽ sửa", "would fix") if args.diff else Msg("đã sửa", "fixed")
            codes = ", ".join(sorted({f.code for f in outcome.applied}))
            print(Msg(f"{path}: {verb.vi} {len(outcome.applied)} lỗi ({codes})",
                      f"{path}: {verb.en} {len(outcome.applied)} findings ({codes})").text(lang), file=sys.stderr)
        for finding in outcome.refused:
            print(Msg(f"{path}:{finding.line}:{finding.column}: {finding.code} không sửa tự động được; sửa tay",
                      f"{path}:{finding.line}:{finding.column}: {finding.code} could not be fixed safely; fix it by hand")
                  .text(lang), file=sys.stderr)
    return changed


def _write_output(formatter, run, options, path: Path) -> None:
    """Render to a file, atomically; a format that prints (text) is captured."""
    import io
    from dataclasses import replace

    from dvlint.output.atomic import write_atomic

    buffer = io.StringIO()
    saved, sys.stdout = sys.stdout, buffer
    try:
        text = formatter(run, replace(options, color="never"))
    finally:
        sys.stdout = saved
    write_atomic(path, (text or "") + buffer.getvalue(), force=True)


def _run_settings(checker, args):
    """The settings that decide output and gate: those of the first file's config."""
    first = Path(args.paths[0])
    return checker.settings_for(first if first.is_file() else first / "_")


def _engine_for_listing(args):
    from dvlint.engine.config import read_config_file, find_config_file, settings_for
    from dvlint.app import new_engine

    source = args.config.resolve() if args.config else find_config_file(Path.cwd())
    file_config = read_config_file(source) if source else None
    return new_engine(settings_for(file_config, source, _overrides(args)))


def cmd_rules(args) -> int:
    from dvlint.output.docs import rules_markdown, rules_table

    engine = _engine_for_listing(args)
    lang = engine.settings.lang
    rows = [
        {"code": s.code, "name": s.name, "severity": engine.settings.severity_for(s.code, s.severity),
         "weight": engine.weight_for(s), "summary": s.summary.text(lang), "origin": s.origin, "fixable": s.safe_fix}
        for s in engine.rules
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(rules_markdown(engine.rules), end="")
    else:
        print(rules_table(rows), end="")
    return EXIT_OK


def cmd_explain(args) -> int:
    from dvlint.output.docs import explain_rule
    from dvlint.source.errors import UsageError

    engine = _engine_for_listing(args)
    code = args.code.strip().upper()
    for spec in engine.all_rules:
        if spec.code == code or spec.name == args.code.strip():
            print(explain_rule(spec, engine.settings.lang, engine.weight_for(spec)), end="")
            return EXIT_OK
    raise UsageError(Msg(f"không có quy tắc '{args.code}'", f"no rule '{args.code}'"))


def cmd_schema(args) -> int:
    from dvlint.model.report import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _load_one(path: Path, lang: str, importable_only: bool = False, convert_legacy: bool = False):
    """Load one file with the loader for its suffix; on a load error, say so and return None."""
    from dvlint.engine.config import Settings
    from dvlint.source.errors import LoadError, UsageError
    from dvlint.app.runner import loaders_by_suffix

    loader = loaders_by_suffix().get(path.suffix.lower())
    if importable_only and (loader is None or loader.name == "yaml"):
        raise UsageError(Msg(f"{path}: chỉ nhập được .docx, .md, .txt", f"{path}: only .docx, .md and .txt can be imported"))
    if loader is None:
        raise UsageError(Msg(f"{path}: không đọc được loại tệp này", f"{path}: cannot read this type of file"))
    try:
        return loader.load(path, Settings(lang=lang, convert_legacy=convert_legacy))
    except LoadError as exc:
        print(f"{path}:{exc.line}:{exc.column}: {exc.message.text(lang)}", file=sys.stderr)
        return None


def cmd_import(args) -> int:
    from dvlint.importers.classify import explain_table
    from dvlint.output.atomic import write_atomic
    from dvlint.importers.writer import report_yaml

    lang = args.lang or language_from_env() or "vi"
    loaded = _load_one(args.file, lang, importable_only=True, convert_legacy=args.convert_legacy)
    if loaded is None:
        return EXIT_USAGE
    if args.explain:
        sys.stdout.write(explain_table(loaded.classified, "paragraph" if loaded.source_kind == "docx" else "line"))
    text = report_yaml(loaded.report, args.file.name)
    if args.output:
        write_atomic(args.output, text, force=args.force)
        print(Msg(f"đã ghi {args.output}", f"wrote {args.output}").text(lang), file=sys.stderr)
    elif not args.explain:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_citations(args) -> int:
    """The documents a report cites: type, symbol, date, issuer, where, how often."""
    lang = args.lang or language_from_env() or "vi"
    loaded = _load_one(args.file, lang, convert_legacy=args.convert_legacy)
    if loaded is None:
        return EXIT_USAGE
    rows = citation_rows(loaded)
    if args.format == "json":
        print(json.dumps({"path": str(args.file), "citations": rows}, ensure_ascii=False, indent=2))
    else:
        head = Msg("loại | số, ký hiệu | ngày | cơ quan ban hành | số lần | dẫn tại (dòng)",
                   "type | number and symbol | date | issuer | times | cited at (line)").text(lang)
        print(head)
        for row in rows:
            lines = ", ".join(str(w["line"]) for w in row["cited_at"])
            print(f"{row['type']} | {row['symbol']} | {row['date'] or '-'} | {row['issuer'] or '-'} | {row['count']} | {lines}")
    return EXIT_OK


def citation_rows(loaded) -> list[dict]:
    """One row per cited document (grouped by its normalized key), in order of first citation."""
    groups: dict = {}
    for path, cite in loaded.report.citations:
        row = groups.setdefault(cite.key, {
            "type": cite.type_word, "symbol": cite.symbol, "date": None, "issuer": None, "count": 0, "cited_at": [],
            "symbols": [], "dates": []})
        line, column = loaded.locate(path, cite.symbol)
        row["count"] += 1
        row["cited_at"].append({"field": path, "line": line, "column": column})
        if cite.symbol not in row["symbols"]:
            row["symbols"].append(cite.symbol)
        day = cite.date.to_date() if cite.date else None
        if day and day.isoformat() not in row["dates"]:
            row["dates"].append(day.isoformat())
        row["date"] = row["date"] or (day.strftime("%d/%m/%Y") if day else None)
        row["issuer"] = row["issuer"] or cite.issuer
    return list(groups.values())


def cmd_templates(args) -> int:
    engine = _engine_for_listing(args)
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
            "/".join(rule.kinds), rule.format or "", ("'" + "', '".join(rule.title_patterns) + "'") if rule.title_patterns else "",
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


def cmd_template_check(args) -> int:
    """Validate one template file (and what it extends); errors carry the file's line."""
    from dvlint.plugins.builtin import builtin_rules_dir
    from dvlint.knowledge.templates import Library, load_template_file

    lang = args.lang or language_from_env() or "vi"
    template = load_template_file(args.file)  # a UsageError with file:line:column if broken
    library = Library([builtin_rules_dir() / "templates", *(args.templates or []), args.file])
    resolved = library.get(template.name)
    print(Msg(f"{args.file}: mẫu '{resolved.name}' hợp lệ, {resolved.requirement_count()} yêu cầu",
              f"{args.file}: template '{resolved.name}' is valid, {resolved.requirement_count()} requirements").text(lang))
    return EXIT_OK


def cmd_init(args) -> int:
    from dvlint.plugins.builtin import builtin_rules_dir
    from dvlint.output.atomic import write_atomic
    from dvlint.output.skeleton import skeleton
    from dvlint.knowledge.templates import Library

    lang = args.lang or language_from_env() or "vi"
    library = Library([builtin_rules_dir() / "templates", *(args.templates or [])])
    text = skeleton(library.get(args.template))
    if args.output:
        write_atomic(args.output, text, force=args.force)
        print(Msg(f"đã ghi {args.output}", f"wrote {args.output}").text(lang), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


COMMANDS = {"score": cmd_score, "init": cmd_init, "templates": cmd_templates, "template": cmd_template_check, "citations": cmd_citations, "check": cmd_check, "rules": cmd_rules, "explain": cmd_explain, "schema": cmd_schema, "import": cmd_import}

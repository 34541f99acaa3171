"""dvlint check: findings, score and the CI gate for the reports named; --fix and --diff."""

from __future__ import annotations

import sys
from pathlib import Path

from dvlint.cli.common import (folder_arg, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, add_cache_options, add_time_limit, date_arg, new_checker,
                               output_arg, run_settings, say, use_cache, warn_ignored_rules, write_output)
from dvlint.i18n import Msg, counted


def add_parser(sub, common, h) -> None:
    check = sub.add_parser("check", parents=[common], help=h("kiểm tra báo cáo", "check reports"))
    check.add_argument("paths", nargs="+", metavar="PATH", help=h("tệp hoặc thư mục báo cáo", "report files or folders"))
    check.add_argument("--format", default="text", metavar="FORMAT", help=h("định dạng đầu ra: text, json, sarif, junit, github, gitlab", "output format: text, json, sarif, junit, github, gitlab"))
    check.add_argument("--baseline", type=Path, metavar="FILE", help=h("chỉ báo các phát hiện mới so với tệp baseline", "report only findings not in this baseline"))
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help=h("ghi các phát hiện hôm nay làm baseline", "record today's findings as a baseline"))
    check.add_argument("--output", type=output_arg, metavar="FILE", help=h("ghi kết quả ra tệp; màn hình vẫn in tóm tắt", "write the output to a file; the terminal still gets the summary"))
    check.add_argument("--fix", action="store_true", help=h("sửa các lỗi hình thức an toàn (số 0, dấu câu, Unicode; thể thức trình bày của tệp .docx) rồi kiểm tra", "apply the safe fixes (leading zeros, punctuation, Unicode; a .docx's presentation), then check"))
    check.add_argument("--diff", action="store_true", help=h("in các sửa đổi an toàn (diff; với .docx: danh sách thay đổi), không ghi tệp", "print the safe fixes (a diff; for a .docx, a list of changes); write nothing"))
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), help=h("mức phát hiện làm lệnh thất bại (mặc định: error)", "finding level that fails the run (default: error)"))
    check.add_argument("--fail-under", type=float, metavar="SCORE", help=h("thất bại nếu điểm dưới mức này", "fail when a score is below this"))
    check.add_argument("--final", action="store_true", default=None, help=h("bản chính thức: số, ngày để trống là lỗi", "final copy: a blank number or date is an error"))
    check.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD", help=h("ngày dùng để đánh giá (mặc định: ngày ban hành)", "the date rules judge by (default: the issue date)"))
    check.add_argument("--template", metavar="NAME", help=h("mẫu báo cáo dùng để chấm điểm", "template to check and score against"))
    check.add_argument("--templates", action="append", type=folder_arg, metavar="DIR", help=h("thêm thư mục mẫu", "add a folder of templates"))
    check.add_argument("--explain-score", action="store_true", help=h("liệt kê từng khoản trừ điểm", "list every deduction"))
    check.add_argument("-j", "--jobs", type=int, metavar="N", help=h("số tiến trình kiểm tra song song (mặc định: số lõi CPU; 1: không song song)", "parallel processes (default: the number of CPUs; 1: none)"))
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=h("tô màu đầu ra", "colour the output"))
    check.add_argument("--no-source", action="store_true", help=h("không in dòng nguồn dưới phát hiện", "do not print the source line under findings"))
    check.add_argument("-q", "--quiet", action="store_true", help=h("chỉ in các phát hiện (không điểm, không tóm tắt); mã thoát vẫn như thường", "print only the findings (no scores, no summary); the exit code is as usual"))
    check.add_argument("--statistics", action="store_true", help=h("chỉ in số phát hiện theo từng quy tắc", "print only the number of findings per rule"))
    check.add_argument("--stdin-filename", metavar="NAME", help=h("tên của báo cáo đọc từ đầu vào chuẩn (PATH là '-'): quyết định loại tệp theo đuôi, tên trong thông báo và cấu hình áp dụng", "the name of the report read from standard input (PATH '-'): its suffix gives the format, and it names the report in messages and finds its configuration"))
    add_time_limit(check, h)
    add_cache_options(check, h)
    check.set_defaults(run=run)


def run(args) -> int:
    from dvlint.app import plugin_manager
    from dvlint.app.runner import default_jobs, tune_gc_for_batch
    from dvlint.engine.core import gate_failed
    from dvlint.output import OutputOptions
    from dvlint.source.errors import UsageError

    formatters = {}
    for found in reversed(plugin_manager().hook.dvlint_formatters()):
        formatters.update(found or {})
    if args.format not in formatters:
        raise UsageError(Msg(f"không có định dạng '{args.format}'; có: {', '.join(sorted(formatters))}",
                             f"unknown format '{args.format}'; available: {', '.join(sorted(formatters))}"))
    if args.statistics and args.format != "text":
        raise UsageError(Msg("--statistics chỉ dùng với --format text", "--statistics works with --format text only"))
    checker = new_checker(args)
    unwritten = 0
    stdin = read_stdin(args, checker) if STDIN in args.paths else None
    if args.fix or args.diff:
        changed, unwritten = _apply_fixes(checker, args)
        if args.diff:
            return EXIT_USAGE if unwritten else EXIT_FINDINGS if changed else EXIT_OK
    use_cache(checker, args, run_settings(checker, args).lang)
    tune_gc_for_batch()
    try:
        run = checker.run(args.paths, args.jobs if args.jobs and args.jobs > 0 else default_jobs())
    finally:
        if stdin is not None:
            stdin.cleanup()
    settings = run_settings(checker, args)
    warn_ignored_rules(checker, settings.lang)
    if args.write_baseline:
        from dvlint.plugins.suppress import write_baseline

        count = write_baseline(run, args.write_baseline)
        print(Msg("đã ghi baseline {path} ({findings})", "wrote the baseline {path} ({findings})")
              .format(path=args.write_baseline, findings=counted(count, "phát hiện", "finding")).text(settings.lang))
        return EXIT_USAGE if run.load_errors else EXIT_OK
    options = OutputOptions(lang=settings.lang, color=args.color, show_source=not args.no_source,
                            explain_score=args.explain_score, quiet=args.quiet)
    if args.statistics:
        from dvlint.output.text_format import statistics

        sys.stdout.write(statistics(run, options))
    elif args.output:
        write_output(formatters[args.format], run, options, args.output)
        from dvlint.output.text_format import summary_line

        if not args.quiet:
            print(summary_line(run, settings.lang))
        print(Msg(f"đã ghi {args.output}", f"wrote {args.output}").text(settings.lang))
    else:
        text = formatters[args.format](run, options)
        if text:
            sys.stdout.write(text)
    sys.stdout.flush()
    if run.load_errors or unwritten:
        return EXIT_USAGE
    return EXIT_FINDINGS if gate_failed(run, settings.fail_on, settings.fail_under) else EXIT_OK


STDIN = "-"
STDIN_FIXES = Msg("--fix và --diff không dùng với báo cáo đọc từ đầu vào chuẩn ('-')",
                  "--fix and --diff do not work on a report read from standard input ('-')")


def read_stdin(args, checker):
    """Save standard input to a temporary file named as ``--stdin-filename`` says (``stdin.yaml`` by
    default: dvlint's own format), put it in the paths in place of ``-``, and let the checker name it and
    find its configuration as if it were ``--stdin-filename`` (or ``-`` in the current folder).

    Returns the temporary folder, to be removed once the run is over.
    """
    import tempfile

    from dvlint.source.errors import UsageError

    if args.fix or args.diff:
        raise UsageError(STDIN_FIXES)
    shown = Path(args.stdin_filename) if args.stdin_filename else Path(STDIN)
    folder = tempfile.TemporaryDirectory(prefix="dvlint-stdin-")
    saved = Path(folder.name) / (shown.name if args.stdin_filename else "stdin.yaml")
    saved.write_bytes(sys.stdin.buffer.read())
    checker.stands_for[saved] = shown
    args.paths = [str(saved) if p == STDIN else p for p in args.paths]
    return folder


CANNOT_WRITE = Msg("không ghi được bản đã sửa ({reason}); tệp giữ nguyên", "cannot write the fixed file ({reason}); it is left as it was")


def _apply_fixes(checker, args) -> tuple[int, int]:
    """Fix (``--fix``) or show the fixes for (``--diff``) every YAML report and .docx named; how many files
    change, and how many could not be written, or (``--diff``) read (the run then exits 2).

    Messages go to stderr so that ``--fix --format json`` still prints clean
    JSON. A file that does not load is left to the check that follows.
    """
    from dvlint.app.runner import expand_paths
    from dvlint.output.fix import fix_file, write_fixed
    from dvlint.source.errors import LoadError

    lang = run_settings(checker, args).lang
    changed = unwritten = 0
    for path, error in expand_paths(args.paths, set(checker.loaders)):
        if error is not None:
            continue
        if path.suffix.lower() == ".docx":
            docx_changed, docx_failed = _apply_docx_fix(path, checker.engine_for(path), args, lang)
            changed += docx_changed
            unwritten += docx_failed
            continue
        if path.suffix.lower() not in (".yaml", ".yml"):
            say(Msg(f"{path}: không sửa (chỉ sửa tệp YAML và .docx; tệp gốc giữ nguyên)",
                      f"{path}: not modified (fixes apply to YAML reports and .docx files only)").text(lang))
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
                say(f"{path}: {exc.message.text(lang)}")
                continue
            except OSError as exc:  # a read-only folder, a full disk: this file is not fixed, the others go on
                say(f"{path}: {CANNOT_WRITE.format(reason=exc.strerror or exc).text(lang)}")
                unwritten += 1
                continue
        if outcome.applied:
            verb = Msg("sẽ sửa", "would fix") if args.diff else Msg("đã sửa", "fixed")
            codes = ", ".join(sorted({f.code for f in outcome.applied}))
            say(Msg("{path}: {verb} {findings} ({codes})", "{path}: {verb} {findings} ({codes})").format(
                path=path, verb=verb, findings=counted(len(outcome.applied), "lỗi", "finding"), codes=codes).text(lang))
        for finding in outcome.refused:
            say(Msg(f"{path}:{finding.line}:{finding.column}: {finding.code} không sửa tự động được; sửa tay",
                      f"{path}:{finding.line}:{finding.column}: {finding.code} could not be fixed safely; fix it by hand")
                  .text(lang))
    return changed, unwritten


FIX_ONLY = ("layout", "cannot-repair", "not-proven")  # the repair's own refusals; any other LoadError is the file's, which checking reports


def _apply_docx_fix(path: Path, engine, args, lang: str) -> tuple[int, int]:
    """Repair (``--fix``) or list the repairs of (``--diff``) one .docx (dvlint.output.docx_fix): (1 if it
    changes, 1 if it could not be read or written). The changes are listed one line per place, on
    stdout with ``--diff`` and on stderr with ``--fix``, where the check's own output follows."""
    from dvlint.output.docx_fix import fix_docx
    from dvlint.output.fix import replace_if_unchanged
    from dvlint.output.untrusted import safe_text
    from dvlint.source.errors import LoadError

    name = safe_text(str(path))
    try:
        outcome = fix_docx(path, engine)
    except LoadError as exc:
        if args.diff or exc.kind in FIX_ONLY:  # with --fix, the check that follows reports a file it cannot read
            say(f"{name}: {exc.message.text(lang)}")
            return 0, 1
        return 0, 0
    if args.diff:
        for line in outcome.lines(lang):
            sys.stdout.write(line + "\n")
    elif outcome.changed:
        try:
            replace_if_unchanged(path, outcome.original, outcome.after)
        except LoadError as exc:
            say(f"{name}: {exc.message.text(lang)}")
            return 0, 0
        except OSError as exc:
            say(f"{name}: {CANNOT_WRITE.format(reason=exc.strerror or exc).text(lang)}")
            return 0, 1
        for line in outcome.lines(lang):
            say(line)
    for note in outcome.notes(lang):
        say(note)
    remaining = {f.code for f in outcome.remaining}
    cleared = sorted(code for code in outcome.fixed if code not in remaining)
    partly = sorted(code for code in outcome.fixed if code in remaining)
    if outcome.changed and outcome.fixed:
        verb = Msg("sẽ sửa", "would fix") if args.diff else Msg("đã sửa", "fixed")
        codes = ", ".join(cleared) + ("; " if cleared and partly else "") + (
            Msg(f"{', '.join(partly)} một phần", f"{', '.join(partly)} in part").text(lang) if partly else "")
        say(Msg("{path}: {verb} {findings} ({codes})", "{path}: {verb} {findings} ({codes})").format(
            path=name, verb=verb, findings=counted(sum(outcome.fixed.values()), "lỗi", "finding"), codes=codes).text(lang))
    for finding in outcome.remaining:
        say(Msg(f"{name}:{finding.line}:{finding.column}: {finding.code} không sửa tự động được; sửa tay",
                f"{name}:{finding.line}:{finding.column}: {finding.code} could not be fixed safely; fix it by hand").text(lang))
    return int(outcome.changed), 0

"""dvlint score: rank many received reports; the table, exports and comparison."""

from __future__ import annotations

import sys
from pathlib import Path

from dvlint.cli.common import (folder_arg, EXIT_OK, EXIT_USAGE, add_cache_options, add_time_limit, new_checker, run_settings, use_cache,
                               warn_ignored_rules)
from dvlint.i18n import Msg


def add_parser(sub, common, h) -> None:
    score = sub.add_parser("score", parents=[common], help=h("chấm điểm và xếp hạng nhiều báo cáo", "score and rank many reports"))
    score.add_argument("paths", nargs="+", metavar="PATH", help=h("tệp hoặc thư mục báo cáo", "report files or folders"))
    score.add_argument("--sort", choices=("score", "agency", "date"), default="score", help=h("sắp xếp theo điểm, cơ quan hoặc ngày", "order by score, agency or date"))
    score.add_argument("--grade", metavar="GRADE", help=h("chỉ các báo cáo xếp loại này", "only reports of this grade"))
    score.add_argument("--below", type=float, metavar="SCORE", help=h("chỉ các báo cáo dưới điểm này", "only reports scoring below this"))
    score.add_argument("--csv", type=Path, metavar="FILE", help=h("xuất bảng xếp hạng ra CSV", "export the ranking as CSV"))
    score.add_argument("--xlsx", type=Path, metavar="FILE", help=h("xuất ra Excel: xếp hạng, phát hiện, thống kê theo nhóm quy tắc", "export to Excel: ranking, findings, counts by rule family"))
    score.add_argument("--html", type=Path, metavar="FILE", help=h("trang HTML độc lập: xếp hạng, phân bố điểm, lỗi thường gặp", "a self-contained HTML page: ranking, score distribution, frequent findings"))
    score.add_argument("--title", metavar="TEXT", help=h("tiêu đề trang HTML (hoặc [score] title trong cấu hình)", "the HTML page's title (or [score] title in the configuration)"))
    score.add_argument("--period", metavar="TEXT", help=h("kỳ báo cáo ghi trên trang HTML, ví dụ \"Quý III năm 2026\"", "the reporting period the HTML page names, e.g. \"Quý III năm 2026\""))
    score.add_argument("--unit", metavar="TEXT", help=h("đơn vị tổng hợp ghi trên trang HTML", "the unit issuing the HTML page"))
    score.add_argument("--json", type=Path, metavar="FILE", help=h("xuất mọi phát hiện ra JSON (như check --format json)", "export every finding as JSON (as check --format json)"))
    score.add_argument("--per-agency", type=Path, metavar="DIR", help=h("ghi tệp phát hiện (txt, json) cho từng cơ quan để gửi lại", "write one findings file (txt, json) per report, to send back"))
    score.add_argument("--compare", type=Path, metavar="PREVIOUS.json", help=h("so sánh với kết quả JSON lần trước", "compare with a previous run's JSON"))
    score.add_argument("--template", metavar="NAME", help=h("mẫu báo cáo dùng để chấm điểm", "template to score against"))
    score.add_argument("--templates", action="append", type=folder_arg, metavar="DIR", help=h("thêm thư mục mẫu", "add a folder of templates"))
    score.add_argument("-j", "--jobs", type=int, metavar="N", help=h("số tiến trình song song (mặc định: số lõi CPU)", "parallel processes (default: the number of CPUs)"))
    score.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=h("tô màu đầu ra", "colour the output"))
    add_time_limit(score, h)
    add_cache_options(score, h)
    score.set_defaults(run=run)


def run(args) -> int:
    """Rank every report named; unreadable files are rows with their error, and the run goes on.

    Results are kept on disk as they arrive (spill.SpilledResults), so that
    memory stays flat however many reports a commission scores.
    """
    from dvlint.app.runner import default_jobs, tune_gc_for_batch
    from dvlint.staff import ranking
    from dvlint.staff.exchange import load_previous
    from dvlint.staff.spill import SpilledResults

    previous = load_previous(args.compare) if args.compare else None  # a wrong path fails now, not after the run
    checker = new_checker(args, received=True)
    tune_gc_for_batch()
    lang = run_settings(checker, args).lang
    use_cache(checker, args, lang)
    bar = ranking.ProgressBar(lang, enabled=sys.stderr.isatty())
    with SpilledResults() as store:
        try:
            run = checker.run(args.paths, args.jobs if args.jobs and args.jobs > 0 else default_jobs(), progress=bar,
                              store=store)
        finally:
            bar.stop()
        warn_ignored_rules(checker, lang)
        return _score_outputs(args, run, lang, previous, checker)


def _score_outputs(args, run, lang: str, previous, checker) -> int:
    """The ranking table, the exports asked for and the comparison, from a finished run."""
    from dvlint.output import OutputOptions
    from dvlint.output.text_format import summary_line, use_color
    from dvlint.staff import ranking
    from dvlint.staff.exchange import compare, compare_text

    rows = ranking.ranked(ranking.rows_for(run, lang), args.sort, args.grade, args.below)
    terminal = sys.stdout.isatty()
    sys.stdout.write(ranking.table_text(rows, lang, terminal, use_color(OutputOptions(color=args.color), sys.stdout)))
    written = []
    if args.csv:
        ranking.write_csv(rows, args.csv, lang)
        written.append(args.csv)
    if args.xlsx:
        from dvlint.staff.digest import labels_for
        from dvlint.staff.xlsx import write_xlsx

        write_xlsx(rows, run, args.xlsx, lang, labels_for(_engine(args, checker)))
        written.append(args.xlsx)
    if args.json:
        from dvlint.output.atomic import atomic_file
        from dvlint.output.json_format import write_stream

        with atomic_file(args.json) as handle:
            write_stream(run, lang, handle)
        written.append(args.json)
    if args.html:
        write_page(args, rows, run, lang, checker)
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


def write_page(args, rows, run, lang: str, checker) -> None:
    """The leadership page: its heading from the options or the configuration, names from the rules and
    templates the run used, grade bands from its scoring."""
    import datetime as dt

    from dvlint.output.atomic import write_atomic
    from dvlint.staff import digest
    from dvlint.staff.html import render_html

    engine = _engine(args, checker)
    heading = digest.heading_for(run, engine.settings, lang, dt.date.today())
    page = render_html(rows, run, lang, heading, digest.labels_for(engine), engine.scoring_for(None)[1])
    write_atomic(args.html, page, force=True)


def _engine(args, checker):
    """The engine of the run's settings (score is isolated: one configuration for every file), for the names
    of its rules and templates and its grade bands."""
    first = Path(args.paths[0])
    return checker.engine_for(first if first.is_file() else first / "_")

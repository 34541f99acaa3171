"""What every command shares: exit codes, option types, the settings a run's
options give, loading one file."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from dvlint.i18n import Msg, language_from_env

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def say(text: str) -> None:
    """Print a message to stderr, with what came from a file (a path, its text) shown safely
    (dvlint.output.untrusted)."""
    from dvlint.output.untrusted import safe_text

    print(safe_text(text), file=sys.stderr)


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def folder_arg(text: str) -> Path:
    """A folder that must exist: a templates folder mistyped (or named from another working folder) would
    otherwise be passed over in silence and the report judged by a shipped template instead."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(Msg(f"không có thư mục '{text}'", f"no such folder: '{text}'").text(
            language_from_env() or "vi"))
    return path


def output_arg(text: str) -> Path | None:
    """An output path; "-" means the terminal (standard output), as for most command-line tools."""
    return None if text == "-" else Path(text)


def codes_arg(text: str) -> list[str]:
    return [c.strip().upper() for c in text.split(",") if c.strip()]


def add_time_limit(parser, h) -> None:
    parser.add_argument("--time-limit", type=float, metavar="SECONDS", help=h(
        "thời gian tối đa đọc và kiểm tra một tệp (mặc định 600; 0: không giới hạn); tệp quá giờ là tệp không đọc được",
        "the most time reading and checking one file may take (default 600; 0: none); a file over it is not read"))


def add_cache_options(parser, h) -> None:
    parser.add_argument("--no-cache", action="store_true", help=h(
        "không dùng bộ đệm kết quả và bộ đệm đọc (OCR, chuyển .doc): không đọc, không ghi gì vào đĩa",
        "use neither the result cache nor the reading cache (OCR, .doc conversion): nothing is read or written there"))
    parser.add_argument("--cache-dir", type=Path, metavar="DIR", help=h(
        "thư mục bộ đệm (mặc định: $DVLINT_CACHE_DIR, $XDG_CACHE_HOME/dvlint hoặc ~/.cache/dvlint)",
        "the cache folder (default: $DVLINT_CACHE_DIR, $XDG_CACHE_HOME/dvlint or ~/.cache/dvlint)"))


def cache_root(args) -> Path:
    from dvlint.source.cachestore import default_root

    return (args.cache_dir or default_root()).expanduser().absolute()


CACHE_IN_CHECKED = Msg(
    "thư mục bộ đệm {root} nằm trong thư mục được kiểm tra {folder}: không dùng bộ đệm lần này "
    "(đặt nó ở nơi khác bằng --cache-dir hoặc DVLINT_CACHE_DIR)",
    "the cache folder {root} is inside the checked folder {folder}: no cache this run "
    "(put it elsewhere with --cache-dir or DVLINT_CACHE_DIR)")


def use_cache(checker, args, lang: str) -> None:
    """Give ``checker`` its result cache and the readers theirs, unless ``--no-cache``, or unless the cache folder
    lies inside a checked folder: a received folder could hold planted entries, and the cache's files would be
    checked as reports (docs/configuration.md, "The cache")."""
    from dvlint.app.cache import ResultCache
    from dvlint.source.cachestore import Store, is_within, use_for_reading

    use_for_reading(None)
    if args.no_cache:
        return
    root = cache_root(args)
    for named in args.paths:
        folder = Path(named)
        if named != "-" and folder.is_dir() and is_within(root, folder):
            say(f"dvlint: {CACHE_IN_CHECKED.format(root=root, folder=folder).text(lang)}")
            return
    store = Store(root, run_settings(checker, args).cache_size * 1024 * 1024)
    checker.cache = ResultCache(store)
    use_for_reading(store)


def legacy_help(h) -> str:
    return h("đọc tệp gõ bằng mã cũ (TCVN3, VNI, Windows-1258) bằng cách chuyển sang Unicode",
             "read files in a legacy Vietnamese encoding (TCVN3, VNI, Windows-1258) by converting them to Unicode")


def overrides(args) -> dict:
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
        "time_limit": getattr(args, "time_limit", None),
        "page_title": getattr(args, "title", None),
        "page_period": getattr(args, "period", None),
        "page_unit": getattr(args, "unit", None),
    }


def new_checker(args, received: bool = False):
    """The checker a command's options ask for (docs/configuration.md, "Which configuration is trusted").

    ``received``: the files are others' (``dvlint score``): no configuration
    found on disk applies, and the reports' own suppressions do not either.
    """
    from dvlint.app.runner import Checker

    return Checker(overrides(args), args.config.resolve() if args.config else None,
                   isolated=args.isolated or received, local_rules=not args.no_local_rules, received=received)


def warn_ignored_rules(checker, lang: str) -> None:
    """Say which configuration files found beside the checked files named rule folders that were not loaded."""
    for source, folders in sorted(checker.ignored_rules.items()):
        if checker.local_rules:
            message = Msg(f"{source}: không nạp quy tắc cục bộ {', '.join(folders)}: tệp cấu hình này nằm cạnh tệp được "
                          f"kiểm tra, không phải của dự án; dùng --config {source} nếu tin nó",
                          f"{source}: local rules {', '.join(folders)} not loaded: this configuration was found beside the "
                          f"checked files, not in the project; pass --config {source} if you trust it")
        else:
            message = Msg(f"{source}: không nạp quy tắc cục bộ {', '.join(folders)} (--no-local-rules)",
                          f"{source}: local rules {', '.join(folders)} not loaded (--no-local-rules)")
        say(f"dvlint: {message.text(lang)}")
    for note in dict.fromkeys(note for engine in checker.engines.values() for note in engine.notes):
        say(f"dvlint: {note.text(lang)}")


def run_settings(checker, args):
    """The settings that decide output and gate: those of the first file's config."""
    first = Path(args.paths[0])
    return checker.settings_for(first if first.is_file() else first / "_")


def engine_for_listing(args):
    from dvlint.app import new_engine
    from dvlint.engine.config import find_config_file, read_config_file, settings_for

    from dvlint.engine.config import without_code

    source = args.config.resolve() if args.config else None if args.isolated else find_config_file(Path.cwd())
    file_config = read_config_file(source) if source else None
    values = overrides(args)
    if args.no_local_rules:
        file_config = without_code(file_config) if file_config else None
        values["rule_dirs"] = None
    return new_engine(settings_for(file_config, source, values))


def load_one(path: Path, lang: str, importable_only: bool = False, convert_legacy: bool = False,
             on_error=None):
    """Load one file with the loader for its suffix; on a load error, say so and return None.

    ``on_error(exc)``, if given, is called first (``import --explain`` shows how each line was read
    even when the file is no document).
    """
    from dvlint.app.runner import loaders_by_suffix
    from dvlint.engine.config import Settings
    from dvlint.source.errors import LoadError, UsageError

    loader = loaders_by_suffix().get(path.suffix.lower())
    if importable_only and (loader is None or loader.name == "yaml"):
        raise UsageError(Msg(f"{path}: chỉ nhập được .docx, .md, .txt", f"{path}: only .docx, .md and .txt can be imported"))
    if loader is None:
        raise UsageError(Msg(f"{path}: không đọc được loại tệp này", f"{path}: cannot read this type of file"))
    try:
        return loader.load(path, Settings(lang=lang, convert_legacy=convert_legacy))
    except LoadError as exc:
        if on_error is not None:
            on_error(exc)
        say(f"{exc.where(path)}: {exc.message.text(lang)}")
        return None


def write_output(formatter, run, options, path: Path) -> None:
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

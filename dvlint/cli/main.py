"""The ``dvlint`` command line: the parser, and running one command (one module per command).

Exit codes (stable, for CI): 0 the gate passed; 1 a finding at or above
``--fail-on`` or a score under ``--fail-under``; 2 a usage or configuration
error, an installed plugin that cannot be loaded, or a file that could not be
loaded; 3 a bug in dvlint itself (set ``DVLINT_DEBUG=1`` to see its traceback).
A rule that crashes is a DV000 finding (an error: exit 1), counted by rule and
plugin in the summary.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from dvlint.cli.common import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE, codes_arg, legacy_help, say
from dvlint.i18n import LANGUAGES, Msg, language_from_env


def _prescan_language(argv: list[str]) -> str:
    """The language for help texts, before argparse has run."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return language_from_env()


# Each command, and the module of dvlint.cli that adds its parser and runs it (in the order --help lists them).
COMMANDS = {"check": "check", "score": "score", "rules": "rules", "explain": "rules", "schema": "schema",
            "templates": "templates", "template": "templates", "init": "init", "citations": "citations",
            "import": "importing", "cache": "cache"}


def _prescan_command(argv: list[str]) -> str | None:
    """The command being run, when it comes first (``dvlint check ...``); None for anything else
    (``dvlint --help``, ``dvlint --version``, no command, a misspelled one), which needs every command."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def build_parser(lang: str, command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or, given ``command``, of that command alone (with its module's others).

    Running one command only needs its own parser: the others are never shown, since the top-level help,
    the list of commands an error prints and ``--version`` only come when no command comes first. Building
    all of them, each with its options and translated help, cost about 8 ms of every start-up.
    """
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

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, help=h("ngôn ngữ thông báo (mặc định: vi)", "message language (default: vi)"))
    common.add_argument("--rules", action="append", type=Path, metavar="DIR", help=h("thêm thư mục quy tắc", "add a folder of rules"))
    common.add_argument("--config", type=Path, metavar="FILE", help=h("tệp cấu hình (bỏ qua việc tự tìm)", "configuration file (skips discovery)"))
    common.add_argument("--isolated", action="store_true", help=h("bỏ qua mọi tệp cấu hình tìm thấy trên đĩa (chỉ dùng --config và các tùy chọn)", "ignore every configuration file found on disk (only --config and the flags apply)"))
    common.add_argument("--no-local-rules", action="store_true", help=h("không nạp mô-đun quy tắc cục bộ nào từ tệp cấu hình", "load no local rule module named by a configuration file"))
    common.add_argument("--select", type=codes_arg, metavar="CODES", help=h("chỉ chạy các quy tắc có mã bắt đầu như vậy: DV4,DV501", "run only rules whose codes start so: DV4,DV501"))
    common.add_argument("--ignore", type=codes_arg, metavar="CODES", help=h("bỏ các quy tắc có mã bắt đầu như vậy", "skip rules whose codes start so"))
    common.add_argument("--convert-legacy", action="store_true", default=None, help=legacy_help(h))
    common.add_argument("--no-plugins", action="store_true", help=h(
        "không nạp plugin đã cài (như đặt DVLINT_DISABLE_PLUGIN_AUTOLOAD=1)",
        "load no installed plugin (as DVLINT_DISABLE_PLUGIN_AUTOLOAD=1 does)"))
    common.add_argument("-k", dest="keyword", metavar="EXPR", help=h("lọc quy tắc theo tên: 'signature and not name'", "filter rules by name: 'signature and not name'"))

    modules = dict.fromkeys([COMMANDS[command]] if command in COMMANDS else COMMANDS.values())
    for module in modules:
        importlib.import_module(f"dvlint.cli.{module}").add_parser(sub, common, h)
    return parser


def main(argv: list[str] | None = None) -> int:
    _no_pydantic_plugins()
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _prescan_language(argv)
    parser = build_parser(lang, _prescan_command(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from dvlint.knowledge.data import DataFileError
    from dvlint.source.errors import UsageError

    _terminate_like_interrupt()
    if getattr(args, "no_plugins", False):  # for this process and the workers it starts
        from dvlint.engine.plugins import AUTOLOAD_VARIABLE

        os.environ[AUTOLOAD_VARIABLE] = "1"
    try:
        return args.run(args)
    except UsageError as exc:
        say(f"dvlint: {exc.message.text(args.lang or lang)}")
        return EXIT_USAGE
    except DataFileError as exc:
        say(f"dvlint: {exc.path}:{exc.error.line}:{exc.error.column}: {exc.error.message.text(args.lang or lang)}")
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FINDINGS
    except OSError as exc:  # writing an export or --output into a read-only folder, onto a full disk
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"dvlint: {where}{Msg('không ghi hoặc đọc được', 'cannot write or read').text(args.lang or lang)}: "
            f"{exc.strerror or exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug in dvlint: say so briefly, not with a traceback
        if os.environ.get("DVLINT_DEBUG"):
            raise
        message = Msg(f"lỗi nội bộ của dvlint: {type(exc).__name__}: {exc} (đặt DVLINT_DEBUG=1 để xem chi tiết)",
                      f"internal error in dvlint: {type(exc).__name__}: {exc} (set DVLINT_DEBUG=1 for details)")
        say(f"dvlint: {message.text(args.lang or lang)}")
        return EXIT_INTERNAL


def _no_pydantic_plugins() -> None:
    """Validate with pydantic alone: no third-party pydantic plugin, in this process and the workers it starts.

    A pydantic plugin (an entry point of the ``pydantic`` group) may observe or alter every validation,
    and dvlint validates untrusted reports and the clerks' data files: what validates them is dvlint's
    choice, not whatever else is installed. Pydantic's documented switch ``PYDANTIC_DISABLE_PLUGINS``
    also spares every start-up the scan of each installed distribution's entry points (about 3 ms).
    Pydantic reads it when it first builds a model (dvlint builds them on first use), so setting it
    here is in time; set for the command line only, never by importing dvlint as a library.
    """
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"


def _terminate_like_interrupt() -> None:
    """Let ``kill`` (SIGTERM, as CI runners and service managers send) end dvlint like Ctrl-C does.

    Python's default for SIGTERM is to die on the spot, leaving a temporary
    file behind when it comes mid-write; raised as KeyboardInterrupt, the
    write is abandoned cleanly (dvlint.output.atomic removes the temporary file) and
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

"""The command line: one module per command, ``main`` in dvlint.cli.main."""

from dvlint.cli.main import build_parser, main

__all__ = ["build_parser", "main"]

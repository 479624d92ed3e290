"""The command-line frame `kiosk` and `kiosk-server` share: one-line errors, exit codes, JSON output.

Exit codes: 0 ok, 2 bad usage or input (one line on stderr, nothing changed), 1 runtime failure,
130 interrupted, 141 the reader of stdout left (`| head`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from mpp.errors import InputError, RuleError

JSON_HELP = "satu dokumen JSON di stdout / one JSON document on stdout"


class UsageError(InputError):
    pass


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2 (no usage dump)."""

    def error(self, message: str):
        # Every error line starts `kiosk: ` (or `kiosk-server: `); a subcommand's adds its own name.
        command = self.prog.split(" ", 1)[1] if " " in self.prog else ""
        raise UsageError(f"{command + ': ' if command else ''}{message} (lihat --help)")


class Commands:
    """Nested subcommands that all take the shared options."""

    def __init__(self, subparsers, common):
        self.subparsers, self.common = subparsers, common

    def add(self, name: str, handler, help: str) -> argparse.ArgumentParser:
        parser = self.subparsers.add_parser(name, help=help, description=help, parents=[self.common])
        parser.set_defaults(handler=handler)
        return parser

    def group(self, name: str, help: str) -> Commands:
        parser = self.subparsers.add_parser(name, help=help, description=help)
        parser.set_defaults(handler=None, group_parser=parser)
        return Commands(parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser), self.common)


def emit(args, data, text: str | None = None) -> None:
    """Print JSON with --json, else the human text."""
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
    elif text is not None:
        print(text)


def check_utf8(argv: list[str]) -> None:
    """Arguments that are not valid UTF-8 (Python keeps the bad bytes as lone surrogates) are refused
    whole, before anything runs: a name must never be stored with its bytes silently dropped."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")[:60]
            raise UsageError(f"argumen bukan teks UTF-8 yang sah: {shown} (invalid UTF-8)") from None


def dispatch(prog: str, build: Callable[[], argparse.ArgumentParser], argv: list[str],
             call: Callable[[argparse.Namespace], int | None] | None = None) -> int:
    """Parse argv and run the chosen handler (through `call(args)` when given), mapping a user's mistake
    to one line on stderr and its exit code."""
    try:
        check_utf8(argv)
        parser = build()
        if not argv:
            parser.print_help()
            return 2
        args = parser.parse_args(argv)
        if getattr(args, "handler", None) is None:
            (getattr(args, "group_parser", None) or parser).print_help(sys.stderr)
            return 2
        return (call(args) if call is not None else args.handler(args)) or 0
    except RuleError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{prog}: dihentikan / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `... | head`: the reader left; nothing more to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141

"""`kiosk`: the command line of Mini MPP Kiosk. Other tools drive it: names and JSON keys are stable.

Exit codes: 0 ok, 2 bad usage or input (one line on stderr, nothing changed), 1 runtime failure.
Feature packages (printing, sync, ui) add their own commands through `register(subparsers)`; their
heavy imports stay inside the handlers so `kiosk --help` is fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from kiosk.errors import InputError, KioskError

JSON_HELP = "satu dokumen JSON di stdout / one JSON document on stdout"


class UsageError(InputError):
    pass


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2 (no usage dump)."""

    def error(self, message: str):
        raise UsageError(f"{self.prog}: {message} (lihat --help)")


def common_options() -> argparse.ArgumentParser:
    # Accepted before or after the subcommand: `kiosk --data-dir D queue` and `kiosk queue --data-dir D`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="data dir (default: KIOSK_DATA_DIR or the user data dir)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=JSON_HELP)
    return common


class Commands:
    """Helper to build nested subcommands with the shared options."""

    def __init__(self, subparsers, common):
        self.subparsers = subparsers
        self.common = common

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


def services_list(text: str) -> list[str]:
    return [part.strip().upper() for part in text.split(",") if part.strip()]


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan bilangan bulat: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"harus 1 atau lebih: {text!r}")
    return value


def build_parser() -> Parser:
    from kiosk import __version__
    from kiosk import commands as core

    common = common_options()
    parser = Parser(prog="kiosk", description="Mini MPP Kiosk — antrian, permohonan dan tanda terima / queue, intake and receipts")
    parser.add_argument("--data-dir", help="data dir (default: KIOSK_DATA_DIR or the user data dir)")
    parser.add_argument("--json", action="store_true", help=JSON_HELP)
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = Commands(parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser), common)
    core.register(sub)
    for module in _feature_modules():
        module.register(sub)
    return parser


def _feature_modules():
    import importlib

    found = []
    for name in ("kiosk.printing.commands", "kiosk.sync.commands", "kiosk.ui.commands", "kiosk.voice.commands"):
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):  # a broken feature must not hide
                raise
    return found


def dispatch(prog: str, build: Callable[[], argparse.ArgumentParser], argv: list[str], call) -> int:
    """Parse argv and run the chosen handler via `call(args)`, mapping errors to one line and an exit code.

    Shared by `kiosk` and `kiosk-server`, so both speak to users and scripts the same way.
    """
    try:
        parser = build()
        if not argv:
            parser.print_help()
            return 2
        args = parser.parse_args(argv)
        if getattr(args, "handler", None) is None:
            (getattr(args, "group_parser", None) or parser).print_help(sys.stderr)
            return 2
        return call(args) or 0
    except KioskError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{prog}: dihentikan / interrupted", file=sys.stderr)
        return 130


def main(argv: list[str] | None = None) -> int:
    from kiosk.app import App
    from kiosk.config import resolve_data_dir

    opened: list[App] = []

    def call(args) -> int:
        app = App(data_dir=resolve_data_dir(args.data_dir))
        opened.append(app)
        return args.handler(app, args)

    try:
        return dispatch("kiosk", build_parser, sys.argv[1:] if argv is None else argv, call)
    finally:
        for app in opened:
            app.close()


if __name__ == "__main__":
    sys.exit(main())

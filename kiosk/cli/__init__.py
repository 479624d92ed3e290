"""`kiosk`: the command line of Mini MPP Kiosk. Other tools drive it: names and JSON keys are stable.

Exit codes: 0 ok, 2 bad usage or input (one line on stderr, nothing changed), 1 runtime failure.
One module per area registers its commands (`register(sub)`); a handler parses, runs one op of
`kiosk.ops` through `app.run` and prints the result. Heavy imports stay inside the handlers so
`kiosk --help` is fast.
"""

from __future__ import annotations

import argparse
import sys
import time

from kiosk.errors import InputError
from mpp.cli import JSON_HELP, Commands, Parser, UsageError, dispatch, emit

__all__ = ["JSON_HELP", "Commands", "Parser", "UsageError", "dispatch", "emit", "main"]

LOADED_AT = time.perf_counter()  # close to process start: what `kiosk run --self-test` counts from


def common_options() -> argparse.ArgumentParser:
    # Accepted before or after the subcommand: `kiosk --data-dir D queue` and `kiosk queue --data-dir D`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="data dir (default: KIOSK_DATA_DIR or the user data dir)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=JSON_HELP)
    return common


def settle_print(app, job: dict) -> dict:
    """Send a print job an op just queued and wait a bounded time: {state, job_id, error, ...}.

    A printer problem is not a command failure: the record stands and the job stays in `kiosk print jobs`.
    """
    if not job or job.get("id") is None:
        error = (job or {}).get("error") or "modul cetak belum terpasang"
        return {"state": "failed", "job_id": None, "error": f"tidak bisa diantrekan: {error}"}
    from kiosk.printing.queue import send_now

    return send_now(app, [job["id"]])[0]


def print_note(data: dict) -> str:
    """The line a command adds about its print."""
    job = data.get("print")
    if not job:
        return ""
    if job.get("state") == "done":
        return "\nTercetak."
    return f"\nCetak tertunda ({job.get('error') or job.get('state')}); lihat `kiosk print jobs`."


def services_list(text: str) -> list[str]:
    return [part.strip().upper() for part in text.split(",") if part.strip()]


def parse_date(text: str) -> str:
    """An argparse type: YYYY-MM-DD within the years the program serves, kept as text (ops take plain values)."""
    from kiosk.clock import parse_day

    try:
        return parse_day(text).isoformat()
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


MAX_NUMBER = 2**31 - 1  # what central's int4 columns hold; no counter, copy or limit comes near it


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan bilangan bulat: {text[:40]!r}") from None
    if not 1 <= value <= MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"harus 1..{MAX_NUMBER}: {text[:40]!r}")
    return value


COMMAND_MODULES = ("site", "queue", "intake", "printing", "sync", "hub", "voice", "maintenance", "desktop")


def build_parser() -> Parser:
    import importlib

    from kiosk import __version__

    common = common_options()
    parser = Parser(prog="kiosk", description="Mini MPP Kiosk — antrian, permohonan dan tanda terima / queue, intake and receipts")
    parser.add_argument("--data-dir", help="data dir (default: KIOSK_DATA_DIR or the user data dir)")
    parser.add_argument("--json", action="store_true", help=JSON_HELP)
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = Commands(parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser), common)
    for name in COMMAND_MODULES:
        importlib.import_module(f"kiosk.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from kiosk.app import App
    from kiosk.config import resolve_data_dir

    opened: list[App] = []

    def call(args) -> int:
        app = App(data_dir=resolve_data_dir(args.data_dir))
        opened.append(app)
        if app.settings.db_path.exists() and app.site_role() == "joined":
            from kiosk.hub.remote import flush_if_pending

            flush_if_pending(app)  # a joined PC's spool goes to the hub first, whatever the command
        return args.handler(app, args)

    try:
        return dispatch("kiosk", build_parser, sys.argv[1:] if argv is None else argv, call)
    finally:
        for app in opened:
            app.close()


if __name__ == "__main__":
    sys.exit(main())

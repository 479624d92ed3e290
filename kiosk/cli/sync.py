"""`kiosk enroll`, `kiosk sync` and `kiosk sync status`. The JSON keys are read by other tools: keep them.

`kiosk sync` exits 0 when the run succeeded and 1 otherwise; with --json it always prints the document
(whose "error" says what went wrong), without it a line on stdout and the error on stderr.
"""

from __future__ import annotations

import sys

from kiosk.cli import Commands, Parser, emit
from kiosk.errors import InputError


def register(sub) -> None:
    p = sub.add("enroll", cmd_enroll, "daftarkan kiosk ini ke server pusat / enroll with the central server")
    p.add_argument("--server", required=True, metavar="URL", help="mis. https://mpp.kukarkab.go.id")
    p.add_argument("--code", required=True, help="kode sekali pakai dari `kiosk-server enroll-code`")

    p = sub.add("sync", cmd_sync, "sinkron sekarang: kirim lalu ambil / one sync run now: push then pull")
    inner = Commands(p.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser), sub.common)
    inner.add("status", cmd_sync_status, "keadaan sinkron / sync status")
    inner.add("dead-letters", cmd_sync_dead_letters,
              "mutasi yang ditolak server pusat / mutations central refused for good")


def _check_url(url: str) -> str:
    from kiosk.config import server_url

    checked = server_url(url)
    if not checked:
        raise InputError("alamat server kosong (contoh: https://mpp.kukarkab.go.id)")
    return checked


def cmd_enroll(app, args) -> int:
    from kiosk import config
    from kiosk.sync.engine import enroll

    url = _check_url(args.server)
    code = args.code.strip()
    if not code:
        raise InputError("kode pendaftaran kosong")
    data = enroll(app.store, url, code, clock=app.clock)
    config.save(app.settings, {"server.url": url})
    emit(args, data, f"Terdaftar di {url} untuk situs {data['site']} (perangkat {data['device_id']}).")
    return 0


def cmd_sync(app, args) -> int:
    from kiosk.sync.engine import SyncEngine

    result = SyncEngine.for_app(app).run()
    if result.clock_warning:
        print(f"kiosk: PERINGATAN: {result.clock_warning}", file=sys.stderr)
    data = result.as_dict()
    if getattr(args, "json", False):
        emit(args, data)
    else:
        print(f"Terkirim {result.pushed} (ditolak {result.rejected}), diterima {result.pulled}, "
              f"tertunda {result.pending}.")
        if result.error:
            print(f"kiosk: sinkron gagal: {result.error}", file=sys.stderr)
        elif result.dead_letters:
            print(f"kiosk: {result.dead_letter_message()}", file=sys.stderr)
    # Mutations central refused for good are a failure to report, even though the run itself worked.
    return 0 if result.clean else 1


def cmd_sync_status(app, args) -> int:
    from kiosk.sync.engine import SyncEngine

    data = SyncEngine.for_app(app).status()
    lines = [f"terdaftar: {'ya' if data['enrolled'] else 'belum'}",
             f"sukses terakhir: {data['last_success'] or '-'}",
             f"tertunda: {data['pending']}",
             f"galat terakhir: {data['last_error'] or '-'}",
             f"selisih jam: {data['skew_seconds'] if data['skew_seconds'] is not None else '-'} detik",
             f"berikutnya: {data['next_run'] or '-'}",
             f"ditolak pusat: {data['dead_letters']}"]
    if data["last_dead_letter"]:
        last = data["last_dead_letter"]
        lines.append(f"terakhir ditolak: seq {last['seq']} {last['kind']}: {last['reason']}")
    emit(args, data, "\n".join(lines))
    return 0


def cmd_sync_dead_letters(app, args) -> int:
    from kiosk.ops import maintenance

    rows = app.run(maintenance.dead_letters)
    emit(args, rows,
         "\n".join(f"seq {r['seq']:>6}  {r['kind']:<22} {r['at'] or '-'}  {r['reason']}" for r in rows)
         or "Tidak ada mutasi yang ditolak server pusat.")
    return 0

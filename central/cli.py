"""`kiosk-server`: the central MPP server's command line. Other tools drive it: names and JSON keys are stable.

Exit codes: 0 ok, 2 bad usage or input (one line on stderr, nothing changed), 1 runtime failure.
"""

from __future__ import annotations

import argparse
import sys

from central.cliframe import _date, _now, _safe_url, _site, open_db
from mpp.cli import JSON_HELP, Commands, Parser, dispatch, emit
from mpp.errors import RuleError as KioskError


def cmd_init(args) -> int:
    from central.backoffice import latest_catalog_version

    db = open_db(args, create=True)
    try:
        with db.read() as conn:
            version = latest_catalog_version(conn)
    finally:
        db.close()
    data = {"db": _safe_url(db.url), "catalog_version": version}
    emit(args, data, f"Basis data pusat siap: {data['db']} (katalog versi {version})")
    return 0


def cmd_run(args) -> int:
    import os

    import uvicorn

    from central.config import ENV_DB, ENV_DOCS

    db = open_db(args, create=True)
    db.close()
    os.environ[ENV_DB] = db.url  # the worker processes build their app from it
    if args.docs:
        os.environ[ENV_DOCS] = "1"
    print(f"kiosk-server: http://{args.host}:{args.port}  db {_safe_url(db.url)}", file=sys.stderr, flush=True)
    uvicorn.run("central.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                access_log=args.access_log, log_level="info" if args.access_log else "warning",
                timeout_keep_alive=30, proxy_headers=True, forwarded_allow_ips=args.forwarded_allow_ips)
    return 0


def cmd_enroll_code(args) -> int:
    from central.devices import create_enrollment_code, parse_duration

    site = _site(args.site)
    expires = parse_duration(args.expires)
    db = open_db(args)
    try:
        with db.write() as conn:
            code = create_enrollment_code(conn, site, expires, _now())
    finally:
        db.close()
    print(code)  # alone on stdout: scripts capture it
    return 0


def cmd_catalog_import(args) -> int:
    from sqlalchemy.exc import IntegrityError

    from central.backoffice import publish_catalog
    from mpp.catalog import load_catalog_file

    data = load_catalog_file(args.file)
    db = open_db(args)
    try:
        with db.write() as conn:
            version, changed = publish_catalog(conn, data, _now())
    except IntegrityError:
        raise KioskError("katalog lain diterbitkan pada saat yang sama; ulangi perintah ini") from None
    finally:
        db.close()
    result = {"version": version, "changed": changed, "services": len(data["services"])}
    text = (f"Katalog versi {version} diterbitkan ke semua situs ({result['services']} layanan)." if changed
            else f"Katalog sama dengan versi {version}; tidak ada yang diterbitkan.")
    emit(args, result, text)
    return 0


def cmd_application_list(args) -> int:
    from central.backoffice import list_applications

    site = _site(args.site) if args.site else None
    db = open_db(args)
    try:
        with db.read() as conn:
            rows = list_applications(conn, site, args.status)
    finally:
        db.close()
    emit(args, rows, "\n".join(f"{r['registration_number']}  {r['site']}  {r['status']:<11} {r['service']:<8} {r['name']}"
                               for r in rows) or "Tidak ada permohonan.")
    return 0


def cmd_application_set_status(args) -> int:
    from central.backoffice import set_application_status
    from mpp.regno import check_regno

    check_regno(args.regno)  # a typo is an input error before the database is even opened
    db = open_db(args)
    try:
        with db.write() as conn:
            row = set_application_status(conn, args.regno, args.status, reason=args.reason, now=_now())
    finally:
        db.close()
    emit(args, row, f"{row['registration_number']}: {row['previous_status']} -> {row['status']} "
                    f"(situs {row['site']} menerima pada sinkron berikutnya)")
    return 0


def cmd_stats(args) -> int:
    from central.backoffice import stats
    from mpp.sites import SITE_TZ

    site = _site(args.site) if args.site else None
    day = args.date or _now().astimezone(SITE_TZ).date()
    db = open_db(args)
    try:
        with db.read() as conn:
            data = stats(conn, site=site, day=day)
    finally:
        db.close()
    lines = [f"Statistik {data['date']}"]
    for s in data["sites"]:
        t, a, v = s["tickets"], s["applications"], s["surveys"]
        lines.append(f"{s['site']} {s['name']}: {t['issued']} tiket, tunggu rata-rata "
                     f"{t['avg_wait_minutes'] if t['avg_wait_minutes'] is not None else '-'} menit, layanan "
                     f"{t['avg_service_minutes'] if t['avg_service_minutes'] is not None else '-'} menit; "
                     f"{a['received']} permohonan masuk; SKM {v['respondents']} responden"
                     + (f", IKM {v['ikm']} ({v['mutu']})" if v["ikm"] is not None else ""))
    if not data["sites"]:
        lines.append("(belum ada situs)")
    emit(args, data, "\n".join(lines))
    return 0


def cmd_announcement_add(args) -> int:
    from datetime import timedelta

    from central.backoffice import add_announcement

    site = _site(args.site) if args.site else None
    now = _now()
    ends = now + timedelta(hours=args.hours) if args.hours else None
    db = open_db(args)
    try:
        with db.write() as conn:
            row = add_announcement(conn, args.text, site=site, now=now, ends_at=ends)
    finally:
        db.close()
    emit(args, {"id": row["id"], "site": site, "text": row["text"]},
         f"Pengumuman {row['id']} untuk {site or 'semua situs'}.")
    return 0


def cmd_device_list(args) -> int:
    from sqlalchemy import func, select

    from central.models import Device, DeviceStream, Mutation

    site = _site(args.site) if args.site else None
    db = open_db(args)
    try:
        with db.read() as conn:
            D, M, S = Device.__table__, Mutation.__table__, DeviceStream.__table__
            query = select(D).order_by(D.c.site_code, D.c.name)
            if site:
                query = query.where(D.c.site_code == site)
            rows = []
            for d in conn.execute(query):
                received = conn.scalar(select(func.count()).select_from(M).where(M.c.device_id == d.id)) or 0
                dead = conn.scalar(select(func.count()).select_from(M).where(
                    M.c.device_id == d.id, M.c.rejected.is_not(None))) or 0
                epochs = conn.scalar(select(func.count()).select_from(S).where(S.c.device_id == d.id)) or 0
                rows.append({"device_id": d.id, "site": d.site_code, "name": d.name,
                             "enrolled_at": d.enrolled_at.isoformat(),
                             "last_seen_at": d.last_seen_at.isoformat() if d.last_seen_at else None,
                             "mutations": received, "dead_lettered": dead, "epochs": epochs})
    finally:
        db.close()
    emit(args, rows, "\n".join(f"{r['site']}  {r['name']:<16} {r['device_id']}  {r['mutations']} mutasi, "
                               f"{r['dead_lettered']} ditolak, terakhir {r['last_seen_at'] or '-'}" for r in rows)
         or "(belum ada perangkat)")
    return 0


def cmd_device_reenroll(args) -> int:
    from central.devices import create_reenroll_code, parse_duration

    expires = parse_duration(args.expires)
    db = open_db(args)
    try:
        with db.write() as conn:
            code = create_reenroll_code(conn, args.device_id, expires, _now())
    finally:
        db.close()
    print(code)  # alone on stdout, like enroll-code
    return 0


def cmd_device_revoke(args) -> int:
    from central.devices import revoke_device

    db = open_db(args)
    try:
        with db.write() as conn:
            row = revoke_device(conn, args.device_id, _now())
    finally:
        db.close()
    emit(args, row, f"Perangkat {row['device_id']} ({row['site']} {row['name']}) dicabut sejak {row['revoked_at']}; "
                    "tidak bisa sinkron atau didaftarkan lagi.")
    return 0


def cmd_dead_letters_list(args) -> int:
    from central.deadletters import list_dead_letters

    site = _site(args.site) if args.site else None
    db = open_db(args)
    try:
        with db.read() as conn:
            rows = list_dead_letters(conn, site=site, device_id=args.device, limit=args.limit)
    finally:
        db.close()
    emit(args, rows, "\n".join(f"{r['id']}  {r['site']}  {r['kind']:<22} {r['reason']}" for r in rows)
         or "Tidak ada surat mati (dead letters).")
    return 0


def cmd_dead_letters_replay(args) -> int:
    from central.deadletters import replay

    db = open_db(args)
    try:
        with db.write() as conn:
            result = replay(conn, args.id, args.actor, now=_now())
    finally:
        db.close()
    emit(args, result, f"{result['id']}: diterapkan." if result["applied"]
         else f"{result['id']}: masih ditolak: {result['reason']}")
    return 0 if result["applied"] else 1


def cmd_privacy_purge(args) -> int:
    from central.privacy import purge, retention_days

    days = retention_days(args.days)
    db = open_db(args)
    try:
        if args.dry_run:
            with db.read() as conn:
                result = purge(conn, now=_now(), days=days, dry_run=True)
        else:
            with db.write() as conn:
                result = purge(conn, now=_now(), days=days)
    finally:
        db.close()
    verb = "akan disamarkan" if args.dry_run else "disamarkan"
    emit(args, result, f"{result['applications']} permohonan ditutup sebelum {result['cutoff'][:10]}: NIK, HP dan "
                       f"alamat {verb}.")
    return 0


# --- parser --------------------------------------------------------------------------------------------

def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat >= 1: {text!r}")
    return int(text)


def build_parser() -> Parser:
    from central import __version__

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=None, help="database URL (default: KIOSK_SERVER_DB or a SQLite file in the data dir)")
    common.add_argument("--json", action="store_true", help=JSON_HELP)
    parser = Parser(prog="kiosk-server", description="Server pusat MPP Induk / the central MPP server")
    parser.add_argument("--version", action="version", version=f"kiosk-server {__version__}")
    sub = Commands(parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser), common)

    sub.add("init", cmd_init, "siapkan basis data pusat / create or upgrade the database")
    p = sub.add("run", cmd_run, "jalankan server / run the HTTP server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=_positive, default=8700)
    p.add_argument("--workers", type=_positive, default=1, help="app processes (stateless; share the database)")
    p.add_argument("--access-log", action="store_true", help="log every request")
    p.add_argument("--forwarded-allow-ips", default="127.0.0.1",
                   help="proxies trusted for X-Forwarded-For/-Proto (the TLS reverse proxy's address; default 127.0.0.1)")
    p.add_argument("--docs", action="store_true", help="serve the interactive API docs at /docs (off by default)")
    p = sub.add("enroll-code", cmd_enroll_code, "kode pendaftaran sekali pakai untuk satu situs / one-time enrollment code")
    p.add_argument("--site", required=True, help="kode kecamatan, mis. 64.02.12")
    p.add_argument("--expires", default="24h", help="masa berlaku, mis. 30m, 24h, 7d (default 24h)")

    catalog = sub.group("catalog", "katalog layanan / service catalog")
    p = catalog.add("import", cmd_catalog_import, "terbitkan katalog ke semua situs / publish a catalog version")
    p.add_argument("file", metavar="FILE.toml")

    app = sub.group("application", "permohonan / applications")
    p = app.add("list", cmd_application_list, "daftar permohonan / list applications")
    p.add_argument("--site")
    p.add_argument("--status")
    p = app.add("set-status", cmd_application_set_status, "ubah status berkas yang diteruskan / move a forwarded file on")
    p.add_argument("regno", metavar="REGNO")
    p.add_argument("status", choices=["in_process", "ready", "rejected"])
    p.add_argument("--reason", help="alasan (wajib untuk rejected)")

    p = sub.add("stats", cmd_stats, "tiket, waktu tunggu, permohonan per situs / per-site statistics")
    p.add_argument("--site")
    p.add_argument("--date", type=_date, help="hari layanan (WITA), YYYY-MM-DD (default: hari ini)")

    ann = sub.group("announcement", "teks berjalan di layar TV / running text for the TV displays")
    p = ann.add("add", cmd_announcement_add, "tambah pengumuman / add an announcement")
    p.add_argument("text")
    p.add_argument("--site", help="hanya untuk satu situs (default: semua)")
    p.add_argument("--hours", type=_positive, help="berakhir setelah N jam")

    dev = sub.group("device", "perangkat kiosk / enrolled kiosks")
    p = dev.add("list", cmd_device_list, "daftar perangkat / list devices")
    p.add_argument("--site")
    p = dev.add("re-enroll", cmd_device_reenroll,
                "kode daftar ulang untuk satu perangkat / a re-enroll code bound to one device")
    p.add_argument("device_id", metavar="ID")
    p.add_argument("--expires", default="24h", help="masa berlaku, mis. 30m, 24h, 7d (default 24h)")
    p = dev.add("revoke", cmd_device_revoke, "cabut perangkat untuk selamanya / revoke a device for good")
    p.add_argument("device_id", metavar="ID")

    dead = sub.group("dead-letters", "mutasi yang tidak bisa diterapkan / dead letters")
    p = dead.add("list", cmd_dead_letters_list, "daftar surat mati / list dead letters")
    p.add_argument("--site")
    p.add_argument("--device", help="id perangkat")
    p.add_argument("--limit", type=_positive, default=500)
    p = dead.add("replay", cmd_dead_letters_replay,
                 "terapkan lagi setelah penyebabnya diperbaiki / apply again once the cause is fixed")
    p.add_argument("id", metavar="ID", help="PERANGKAT:EPOCH:SEQ (dari `dead-letters list`)")
    p.add_argument("--actor", default="mpp-induk", help="siapa yang menerapkan (default mpp-induk)")

    priv = sub.group("privacy", "data pribadi / personal data (UU 27/2022)")
    p = priv.add("purge", cmd_privacy_purge,
                 "samarkan NIK, HP, alamat permohonan yang lama ditutup / mask personal data past retention")
    p.add_argument("--dry-run", action="store_true", help="hanya hitung / count only")
    p.add_argument("--days", help="masa simpan dalam hari (default privacy.central_retention_days = 730, "
                                  "env KIOSK_SERVER_PRIVACY_CENTRAL_RETENTION_DAYS)")

    from central import cli_web

    cli_web.register(sub, _date)
    return parser


def main(argv: list[str] | None = None) -> int:
    return dispatch("kiosk-server", build_parser, sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())

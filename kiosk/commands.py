"""Core `kiosk` commands: site, services, counters, tickets, applications, surveys, backup, doctor.

Each handler is one call into the domain inside one transaction; it prints only after the commit.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

from kiosk.cli import emit, positive_int, services_list
from kiosk.errors import InputError, KioskError


def register(sub) -> None:
    p = sub.add("init", cmd_init, "siapkan data dir untuk satu situs / set up this data dir for a site")
    p.add_argument("--site", required=True, help="kode kecamatan, mis. 64.02.12")
    p.add_argument("--device-name", default=None, help="nama PC ini (default: hostname)")
    p.add_argument("--supervisor", help="nama pengguna supervisor pertama")
    p.add_argument("--pin", help="PIN supervisor (>= 6 digit)")

    sub.add("sites", cmd_sites, "daftar 20 kecamatan / the 20 kecamatan")
    sub.add("services", cmd_services, "daftar layanan / the service catalog")

    counter = sub.group("counter", "loket / counters")
    p = counter.add("set", cmd_counter_set, "atur layanan sebuah loket / set what counter N serves")
    p.add_argument("number", type=positive_int, metavar="N")
    p.add_argument("--services", required=True, type=services_list, help="kode layanan, mis. KTP,KK")
    counter.add("list", cmd_counter_list, "daftar loket / list counters")

    ticket = sub.group("ticket", "tiket antrian / queue tickets")
    p = ticket.add("issue", cmd_ticket_issue, "ambil nomor antrian / take a ticket")
    p.add_argument("service", metavar="SERVICE")
    p.add_argument("--priority", choices=["lansia", "disabilitas", "hamil"])
    p.add_argument("--print", action="store_true", help="cetak tiket pada printer yang diatur")
    p = ticket.add("call", cmd_ticket_call, "panggil berikutnya / call next ticket")
    p.add_argument("--counter", type=positive_int, required=True, metavar="N")
    for name, help_text in (("recall", "panggil ulang / recall"), ("start", "layani / start serving"),
                            ("finish", "selesai / finish"), ("no-show", "tidak hadir / no show"),
                            ("return", "kembalikan ke antrian / return to queue"),
                            ("cancel", "batalkan / cancel")):
        p = ticket.add(name, cmd_ticket_action, help_text)
        p.add_argument("ticket", metavar="NUMBER")
        p.add_argument("--counter", type=positive_int, required=name != "cancel", metavar="N")
        p.set_defaults(action=name)
    p = ticket.add("reactivate", cmd_ticket_action, "aktifkan lagi tiket tidak hadir / back from no-show")
    p.add_argument("ticket", metavar="NUMBER")
    p.add_argument("--counter", type=positive_int, metavar="N")
    p.set_defaults(action="reactivate")
    p = ticket.add("transfer", cmd_ticket_transfer, "alihkan ke layanan lain / transfer")
    p.add_argument("ticket", metavar="NUMBER")
    p.add_argument("--to", required=True, metavar="SERVICE")
    p.add_argument("--counter", type=positive_int, required=True, metavar="N")
    p = ticket.add("show", cmd_ticket_show, "detail tiket / show a ticket")
    p.add_argument("ticket", metavar="NUMBER|ID")

    sub.add("queue", cmd_queue, "antrian terbuka hari ini / today's open tickets in call order")
    day = sub.group("day", "hari layanan / business day")
    day.add("close", cmd_day_close, "tutup tiket hari sebelumnya / close open tickets of earlier days")

    app = sub.group("application", "permohonan / applications")
    p = app.add("new", cmd_application_new, "permohonan baru / take in an application")
    p.add_argument("--service", required=True)
    p.add_argument("--nik", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--phone")
    p.add_argument("--address", help="alamat (teks bebas)")
    p.add_argument("--desa", help="kode desa/kelurahan, mis. 64.02.12.2001")
    p.add_argument("--documents", type=lambda t: [d.strip() for d in t.split(";") if d.strip()],
                   help="persyaratan yang diterima, dipisah ';' (default: semua)")
    p.add_argument("--notes")
    p.add_argument("--print", action="store_true", help="cetak tanda terima")
    p = app.add("show", cmd_application_show, "lihat permohonan dan riwayatnya / show with history")
    p.add_argument("regno", metavar="REGNO")
    p = app.add("hand-over", cmd_application_hand_over, "serahkan hasil / hand over the result")
    p.add_argument("regno", metavar="REGNO")
    p = app.add("search", cmd_application_search, "cari: nomor registrasi, NIK atau nama")
    p.add_argument("query")

    survey = sub.group("survey", "survei kepuasan (SKM)")
    p = survey.add("add", cmd_survey_add, "tambah satu jawaban / add one response")
    p.add_argument("--service", required=True)
    p.add_argument("--scores", required=True, help="9 nilai 1..4, mis. 4,4,3,4,4,4,4,3,4")
    p = survey.add("ikm", cmd_survey_ikm, "indeks kepuasan masyarakat / IKM")
    p.add_argument("--service")
    p.add_argument("--from", dest="date_from", type=parse_date)
    p.add_argument("--to", dest="date_to", type=parse_date)

    op = sub.group("operator", "petugas / operators")
    p = op.add("add", cmd_operator_add, "tambah petugas / add an operator")
    p.add_argument("username")
    p.add_argument("--name", required=True)
    p.add_argument("--role", choices=["operator", "supervisor", "technician"], default="operator")
    p.add_argument("--pin", required=True)
    op.add("list", cmd_operator_list, "daftar petugas / list operators")

    cfg = sub.group("config", "konfigurasi / settings")
    p = cfg.add("set", cmd_config_set, "ubah satu kunci / set a key (printer, printer.width, server.url, ...)")
    p.add_argument("key")
    p.add_argument("value")
    p = cfg.add("get", cmd_config_get, "baca satu kunci / read a key")
    p.add_argument("key")
    cfg.add("show", cmd_config_show, "semua kunci / all keys")

    p = sub.add("backup", cmd_backup, "salinan konsisten saat aplikasi berjalan / consistent copy while running")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p = sub.add("restore", cmd_restore, "pulihkan dari salinan / restore from a backup (app must be closed)")
    p.add_argument("file", type=Path, metavar="FILE")
    sub.add("doctor", cmd_doctor, "periksa kesehatan / integrity, schema, disk, clock")


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"tanggal harus YYYY-MM-DD, bukan {text!r}") from None


# --- site --------------------------------------------------------------------------------------------

def cmd_init(app, args) -> int:
    import socket

    from kiosk import auth, site

    if bool(args.supervisor) != bool(args.pin):
        raise InputError("--supervisor dan --pin harus diberikan bersama")
    with app.store.transaction() as s:
        device = site.init_site(s, args.site, args.device_name or socket.gethostname(), app.now())
        if args.supervisor:
            auth.create_operator(s, username=args.supervisor, full_name=args.supervisor, role="supervisor",
                                 pin=args.pin, now=app.now(), actor=app.actor)
        data = {"site": device.site_code, "site_name": site.site_name(device.site_code),
                "device": device.device_uuid, "data_dir": str(app.data_dir)}
    emit(args, data, f"Situs {data['site']} ({data['site_name']}) siap di {app.data_dir}")
    return 0


def cmd_sites(app, args) -> int:
    from kiosk.resources import kecamatan

    rows = [{"code": code, "name": name} for code, name in kecamatan().items()]
    emit(args, rows, "\n".join(f"{r['code']}  {r['name']}" for r in rows))
    return 0


def cmd_services(app, args) -> int:
    from kiosk import catalog

    with app.store.read() as s:
        rows = [catalog.service_dict(svc) for svc in catalog.services(s)]
    emit(args, rows, "\n".join(
        f"{r['prefix']}  {r['code']:<8} {r['name']}  [{r['agency']}, {r['mode']}, {r['sla']}]" for r in rows))
    return 0


def cmd_counter_set(app, args) -> int:
    from kiosk import outbox, tickets

    with app.store.transaction() as s:
        outbox.device(s)
        row = tickets.set_counter(s, args.number, args.services, now=app.now())
        data = {"counter": row.number, "services": list(row.services)}
    emit(args, data, f"Loket {data['counter']}: {', '.join(data['services'])}")
    return 0


def cmd_counter_list(app, args) -> int:
    from sqlalchemy import select

    from kiosk.models import Counter

    with app.store.read() as s:
        rows = [{"counter": c.number, "services": list(c.services)} for c in s.scalars(select(Counter).order_by(Counter.number))]
    emit(args, rows, "\n".join(f"Loket {r['counter']}: {', '.join(r['services'])}" for r in rows) or "(belum ada loket)")
    return 0


# --- tickets -----------------------------------------------------------------------------------------

def _ticket_text(t: dict) -> str:
    extra = f", prioritas {t['priority']}" if t["priority"] else ""
    if t["status"] == "waiting":
        return (f"{t['number']}  {t['service']}{extra} — {t['people_ahead']} orang di depan, "
                f"perkiraan {t['estimated_wait_minutes']} menit")
    where = f" di loket {t['counter']}" if t["counter"] else ""
    return f"{t['number']}  {t['service']}{extra} — {t['status']}{where}"


def cmd_ticket_issue(app, args) -> int:
    from kiosk import tickets

    with app.store.transaction() as s:
        ticket = tickets.issue_ticket(s, args.service, priority=args.priority, now=app.now(), actor=app.actor)
        data = tickets.ticket_dict(s, ticket)
    if args.print:
        data["print"] = queue_print(app, "ticket", data["id"])
    emit(args, data, _ticket_text(data) + print_note(data))
    return 0


def cmd_ticket_call(app, args) -> int:
    from kiosk import tickets

    with app.store.transaction() as s:
        ticket = tickets.call_next(s, args.counter, now=app.now(), actor=app.actor,
                                   max_priority_in_row=app.settings.max_priority_in_row)
        data = tickets.ticket_dict(s, ticket)
    emit(args, data, f"Nomor {data['number']} silakan ke loket {data['counter']}")
    return 0


def cmd_ticket_action(app, args) -> int:
    from kiosk import tickets

    actions = {
        "recall": tickets.recall, "start": tickets.start_service, "finish": tickets.finish,
        "no-show": tickets.no_show, "return": tickets.return_to_queue,
    }
    with app.store.transaction() as s:
        now = app.now()
        if args.action == "cancel":
            ticket = tickets.cancel(s, args.ticket, now=now, actor=app.actor, counter=args.counter)
        elif args.action == "reactivate":
            ticket = tickets.reactivate(s, args.ticket, now=now, actor=app.actor, counter=args.counter)
        else:
            ticket = actions[args.action](s, args.ticket, args.counter, now=now, actor=app.actor)
        data = tickets.ticket_dict(s, ticket)
    emit(args, data, _ticket_text(data))
    return 0


def cmd_ticket_transfer(app, args) -> int:
    from kiosk import tickets

    with app.store.transaction() as s:
        new = tickets.transfer(s, args.ticket, args.to, args.counter, now=app.now(), actor=app.actor)
        data = tickets.ticket_dict(s, new)
    emit(args, data, f"Dialihkan: {args.ticket.upper()} -> " + _ticket_text(data))
    return 0


def cmd_ticket_show(app, args) -> int:
    from sqlalchemy import select

    from kiosk import tickets
    from kiosk.models import TicketEvent

    with app.store.read() as s:
        ticket = tickets.find_ticket(s, args.ticket, now=app.now())
        data = tickets.ticket_dict(s, ticket)
        data["history"] = [
            {"from": e.from_status, "to": e.to_status, "actor": e.actor, "counter": e.counter,
             "at": e.at.isoformat(), "note": e.note}
            for e in s.scalars(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id))
        ]
    emit(args, data, _ticket_text(data) + "".join(
        f"\n  {h['at']}  {h['from'] or '-'} -> {h['to']}  ({h['actor']})" for h in data["history"]))
    return 0


def cmd_queue(app, args) -> int:
    from kiosk import tickets

    with app.store.read() as s:
        rows = [tickets.ticket_dict(s, t) for t in tickets.open_queue(s, now=app.now())]
    emit(args, rows, "\n".join(_ticket_text(r) for r in rows) or "Antrian kosong.")
    return 0


def cmd_day_close(app, args) -> int:
    from kiosk import tickets

    with app.store.transaction() as s:
        closed = tickets.close_day(s, now=app.now(), actor=app.actor)
    emit(args, {"closed": closed}, f"{closed} tiket hari sebelumnya ditutup (day_end).")
    return 0


# --- printing hooks (the spooler lives in kiosk.printing) ----------------------------------------------

def queue_print(app, kind: str, ref: str) -> dict:
    """Queue a print of a committed record and wait a bounded time; the record stands either way."""
    try:
        from kiosk.printing.service import print_and_wait
    except ModuleNotFoundError:
        return {"state": "unavailable", "error": "modul cetak belum terpasang"}
    return print_and_wait(app, kind, ref)


def print_note(data: dict) -> str:
    job = data.get("print")
    if not job:
        return ""
    if job.get("state") == "done":
        return "\nTercetak."
    return f"\nCetak tertunda ({job.get('error') or job.get('state')}); lihat `kiosk print jobs`."


# --- applications ------------------------------------------------------------------------------------

def cmd_application_new(app, args) -> int:
    from kiosk import applications

    with app.store.transaction() as s:
        application = applications.new_application(
            s, service_code=args.service, nik=args.nik, name=args.name, phone=args.phone,
            desa_code=args.desa, address=args.address, documents=args.documents, notes=args.notes,
            operator=app.actor, now=app.now())
        data = applications.application_dict(application)
    if args.print:
        data["print"] = queue_print(app, "receipt", data["registration_number"])
    warn = "".join(f"\nPeringatan: {w}" for w in data.get("warnings") or [])
    emit(args, data, f"Permohonan {data['registration_number']} ({data['service']}) {data['status']}" + warn + print_note(data))
    return 0


def _application_text(d: dict) -> str:
    lines = [f"{d['registration_number']}  {d['service_name']}  status: {d['status']}",
             f"  {d['name']}  NIK {d['nik']}"]
    lines += [f"  {h['at']}  {h['from'] or '-'} -> {h['to']}  ({h['actor']}){' ' + h['reason'] if h.get('reason') else ''}"
              for h in d["history"]]
    return "\n".join(lines)


def cmd_application_show(app, args) -> int:
    from kiosk import applications

    # A view of a citizen's record is audited, so this "read" is a write transaction.
    with app.store.transaction() as s:
        application = applications.view_application(s, args.regno, actor=app.actor, now=app.now())
        data = applications.application_dict(application)
    emit(args, data, _application_text(data))
    return 0


def cmd_application_hand_over(app, args) -> int:
    from kiosk import applications

    with app.store.transaction() as s:
        application = applications.hand_over(s, args.regno, actor=app.actor, now=app.now())
        data = applications.application_dict(application)
    emit(args, data, f"{data['registration_number']} diserahkan kepada pemohon.")
    return 0


def cmd_application_search(app, args) -> int:
    from kiosk import applications, audit

    with app.store.transaction() as s:
        found = applications.search_applications(s, args.query)
        audit.record(s, app.actor, "search", app.now(), "application", None, f"{len(found)} hasil")
        rows = [applications.application_dict(a) for a in found]
    emit(args, rows, "\n".join(f"{r['registration_number']}  {r['status']:<11} {r['name']}  {r['service']}"
                               for r in rows) or "Tidak ditemukan.")
    return 0


# --- survey ----------------------------------------------------------------------------------------------

def cmd_survey_add(app, args) -> int:
    from kiosk import survey

    scores = survey.parse_scores(args.scores)
    with app.store.transaction() as s:
        survey.add_survey(s, service_code=args.service, scores=scores, now=app.now())
    emit(args, {"service": args.service.upper(), "scores": scores}, "Terima kasih, survei tersimpan.")
    return 0


def cmd_survey_ikm(app, args) -> int:
    from kiosk import survey

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise InputError("--from harus sebelum --to")
    with app.store.read() as s:
        result = survey.ikm(s, service_code=args.service, date_from=args.date_from, date_to=args.date_to)
    text = (f"IKM {result['ikm']} (mutu {result['mutu']}) dari {result['respondents']} responden"
            if result["respondents"] else "Belum ada responden.")
    emit(args, result, text)
    return 0


# --- operators -------------------------------------------------------------------------------------------

def cmd_operator_add(app, args) -> int:
    from kiosk import auth, outbox

    with app.store.transaction() as s:
        outbox.device(s)
        op = auth.create_operator(s, username=args.username, full_name=args.name, role=args.role, pin=args.pin,
                                  now=app.now(), actor=app.actor)
        data = {"username": op.username, "name": op.full_name, "role": op.role}
    emit(args, data, f"Petugas {data['username']} ({data['role']}) dibuat.")
    return 0


def cmd_operator_list(app, args) -> int:
    from kiosk import auth

    with app.store.read() as s:
        rows = [{"username": o.username, "name": o.full_name, "role": o.role, "active": o.active}
                for o in auth.list_operators(s)]
    emit(args, rows, "\n".join(f"{r['username']:<16} {r['role']:<11} {r['name']}" for r in rows) or "(belum ada petugas)")
    return 0


# --- config ----------------------------------------------------------------------------------------------

def cmd_config_set(app, args) -> int:
    from kiosk import config

    key, value = config.parse_value(args.key, args.value)
    app.data_dir.mkdir(parents=True, exist_ok=True)
    config.save(app.settings, {key: value})
    emit(args, {key: value}, f"{key} = {value}")
    return 0


def cmd_config_get(app, args) -> int:
    from kiosk import config

    key, _ = config.ALIASES.get(args.key, args.key), None
    if key not in config.KEYS:
        raise InputError(f"kunci konfigurasi tidak dikenal: {args.key!r}")
    value = app.settings.printer_uri if key == "printer.uri" else app.settings.get(key)
    emit(args, {key: value}, str(value))
    return 0


def cmd_config_show(app, args) -> int:
    values = dict(app.settings.values)
    values["printer.uri"] = app.settings.printer_uri
    emit(args, values, "\n".join(f"{k} = {v}" for k, v in values.items()))
    return 0


# --- backup / restore / doctor -------------------------------------------------------------------------

def cmd_backup(app, args) -> int:
    from kiosk.db import backup_to

    out = args.out.expanduser().resolve()
    if out == app.settings.db_path.resolve():
        raise InputError("salinan tidak boleh menimpa basis data yang sedang dipakai")
    if out.is_dir():
        raise InputError(f"{out} adalah folder; sebutkan nama berkas, mis. {out / 'kiosk-backup.sqlite3'}")
    backup_to(app.store, out)
    size = out.stat().st_size
    emit(args, {"file": str(out), "bytes": size}, f"Salinan tersimpan: {out} ({size // 1024} KB)")
    return 0


def _check_backup_file(path: Path) -> None:
    if not path.is_file():
        raise InputError(f"berkas tidak ada: {path}")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            has_device = conn.execute("SELECT count(*) FROM sqlite_master WHERE name='device'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise InputError(f"{path} bukan basis data Mini MPP Kiosk") from None
    if ok != "ok" or not has_device:
        raise InputError(f"{path} bukan salinan Mini MPP Kiosk yang utuh ({ok})")


def cmd_restore(app, args) -> int:
    from filelock import Timeout

    from kiosk import site
    from kiosk.db import Store, migrate
    from kiosk.models import Device

    source = args.file.expanduser().resolve()
    _check_backup_file(source)
    target = app.settings.db_path
    replaced_epoch = _current_epoch(target)
    lock = app.app_lock()
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise KioskError("aplikasi kiosk sedang berjalan pada data dir ini: tutup dulu, lalu ulangi restore") from None
    try:
        staged = target.with_name(target.name + ".restoring")
        shutil.copyfile(source, staged)
        staging = Store(staged)
        try:
            migrate(staging, backup=False)  # refuses a backup from a newer version, untouched
            with staging.transaction() as s:
                device = s.get(Device, 1)
                # New epoch and registration tag: work done after this backup was taken may already be
                # on central under the old (epoch, seq) and numbers; new work must never reuse them.
                # Above the replaced database's epoch too, so restoring one backup twice never repeats one.
                device.epoch = max(device.epoch, replaced_epoch) + 1
                device.reg_tag = site.new_reg_tag()
                epoch = device.epoch
        finally:
            staging.close()
        app.close()
        aside = None
        if target.exists():
            _checkpoint(target)
            aside = _aside_name(target)
            os.replace(target, aside)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staged, target)
    finally:
        lock.release()
    data = {"restored_from": str(source), "replaced_file": str(aside) if aside else None, "epoch": epoch}
    emit(args, data, f"Dipulihkan dari {source}." + (f" Basis data lama disimpan di {aside}." if aside else ""))
    return 0


def _aside_name(target: Path) -> Path:
    """A free name for the replaced database: two restores in one second must not overwrite the first."""
    stem = f"{target.stem}.replaced-{datetime.now():%Y%m%d-%H%M%S}"
    candidate, n = target.with_name(f"{stem}.sqlite3"), 1
    while candidate.exists():
        n += 1
        candidate = target.with_name(f"{stem}-{n}.sqlite3")
    return candidate


def _current_epoch(path: Path) -> int:
    """The outbox epoch of the database about to be replaced (0 when there is none)."""
    if not path.exists():
        return 0
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT epoch FROM device WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        row = None
    finally:
        conn.close()
    return row[0] if row else 0


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def cmd_doctor(app, args) -> int:
    from kiosk import outbox
    from kiosk.db import integrity_check, schema_status

    checks: dict = {"data_dir": str(app.data_dir)}
    store = app.store
    checks["integrity_check"] = integrity_check(store)
    status = schema_status(store)
    checks["schema"] = {"current": status["current"], "head": status["heads"]}
    usage = shutil.disk_usage(app.data_dir)
    checks["disk_free_mb"] = usage.free // (1024 * 1024)
    now = app.now()
    with store.read() as s:
        from sqlalchemy import func, select

        from kiosk.models import AuditEntry, Device, PrintJob, TicketEvent

        device = s.get(Device, 1)
        checks["site"] = device.site_code if device else None
        latest = max(filter(None, [s.scalar(select(func.max(TicketEvent.at))), s.scalar(select(func.max(AuditEntry.at)))]),
                     default=None)
        checks["pending_outbox"] = outbox.pending_count(s) if device else 0
        checks["print_jobs_waiting"] = s.scalar(select(func.count()).select_from(PrintJob)
                                                .where(PrintJob.state.in_(("queued", "sending", "failed")))) or 0
    clock = {"now": now.isoformat(), "latest_record": latest.isoformat() if latest else None, "ok": True}
    problems = []
    if now.year < 2024:
        clock["ok"] = False
        problems.append(f"jam PC tidak masuk akal ({now:%Y-%m-%d}); perbaiki tanggal/jam Windows")
    if latest and latest > now:
        clock["ok"] = False
        problems.append(f"jam PC mundur: ada catatan pada {latest:%Y-%m-%d %H:%M} UTC, sekarang {now:%Y-%m-%d %H:%M} UTC")
    checks["clock"] = clock
    if checks["integrity_check"] != "ok":
        problems.append("integrity_check gagal: ambil salinan (`kiosk backup`) dan hubungi teknisi")
    if checks["disk_free_mb"] < 200:
        problems.append(f"ruang disk tinggal {checks['disk_free_mb']} MB")
    if not checks["site"]:
        problems.append("situs belum disiapkan (`kiosk init` / `kiosk setup`)")
    checks["problems"] = problems
    checks["ok"] = not problems
    text = "\n".join([f"integrity_check: {checks['integrity_check']}",
                      f"schema: {', '.join(status['current'])} (head {', '.join(status['heads'])})",
                      f"disk free: {checks['disk_free_mb']} MB", f"clock: {'ok' if clock['ok'] else 'SALAH'}",
                      f"outbox pending: {checks['pending_outbox']}", f"print jobs waiting: {checks['print_jobs_waiting']}"]
                     + [f"MASALAH: {p}" for p in problems])
    emit(args, checks, text)
    return 0 if not problems else 1

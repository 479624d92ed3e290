"""`kiosk backup`, `kiosk restore`, `kiosk doctor`: keeping this PC healthy."""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import emit


def register(sub) -> None:
    p = sub.add("backup", cmd_backup, "salinan konsisten saat aplikasi berjalan / consistent copy while running")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p = sub.add("restore", cmd_restore, "pulihkan dari salinan / restore from a backup (app must be closed)")
    p.add_argument("file", type=Path, metavar="FILE")
    sub.add("doctor", cmd_doctor, "periksa kesehatan / integrity, schema, disk, clock")


def cmd_backup(app, args) -> int:
    from kiosk.ops import maintenance

    data = app.run(maintenance.backup, out=str(args.out))
    emit(args, data, f"Salinan tersimpan: {data['file']} ({data['bytes'] // 1024} KB)")
    return 0


def cmd_restore(app, args) -> int:
    from kiosk.ops import maintenance

    data = app.run(maintenance.restore, file=str(args.file))
    aside = data["replaced_file"]
    emit(args, data, f"Dipulihkan dari {data['restored_from']}." + (f" Basis data lama disimpan di {aside}." if aside else ""))
    return 0


def cmd_doctor(app, args) -> int:
    from kiosk.ops import maintenance

    checks = app.run(maintenance.doctor)
    text = "\n".join([f"integrity_check: {checks['integrity_check']}",
                      f"schema: {', '.join(checks['schema']['current'])} (head {', '.join(checks['schema']['head'])})",
                      f"disk free: {checks['disk_free_mb']} MB", f"clock: {'ok' if checks['clock']['ok'] else 'not ok (SALAH)'}"
                      + (f", skew {checks['clock']['skew_seconds']:+.0f} s at last sync"
                         if checks['clock'].get('skew_seconds') is not None else ""),
                      f"outbox pending: {checks['pending_outbox']}", f"print jobs waiting: {checks['print_jobs_waiting']}"]
                     + [f"MASALAH: {p}" for p in checks["problems"]])
    emit(args, checks, text)
    return 0 if checks["ok"] else 1

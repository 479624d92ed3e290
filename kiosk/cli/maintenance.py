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
    privacy = sub.group("privacy", "data pribadi / personal data (UU 27/2022)")
    p = privacy.add("purge", cmd_privacy_purge,
                    "samarkan NIK/telepon/alamat permohonan yang selesai, hapus draf dan salinan lama "
                    "/ mask closed applications, delete old drafts and backups")
    p.add_argument("--dry-run", action="store_true", help="hanya hitung / count only")


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


def cmd_privacy_purge(app, args) -> int:
    from kiosk.ops import privacy

    data = app.run(privacy.purge, dry_run=args.dry_run)
    verb = "akan disamarkan/dihapus" if args.dry_run else "disamarkan/dihapus"
    emit(args, data, f"Permohonan {data['applications']}, draf {data['drafts']}, salinan {data['backups']} {verb}.")
    return 0

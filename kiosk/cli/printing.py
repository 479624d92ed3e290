"""`kiosk print ...`, `kiosk printer status`, `kiosk report daily`. Other tools drive them: keep names and keys.

A print command queues a job and sends it (bounded wait). A printer problem is not a command failure: the
job stays queued (`kiosk print jobs`), the output says why, and the exit code is 0 like `ticket issue --print`.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import emit, parse_date, positive_int, settle_print
from kiosk.errors import InputError, KioskError

PRINTER_HELP = "URI printer (default: printer yang diatur, `kiosk config set printer URI`)"


def register(sub) -> None:
    group = sub.group("print", "cetak tiket, tanda terima, info layanan / printing")
    p = group.add("test", cmd_print_test, "cetak halaman uji / print a test page")
    p.add_argument("--printer", metavar="URI", help=PRINTER_HELP)
    p = group.add("ticket", cmd_print_ticket, "cetak (ulang) tiket antrian / (re)print a ticket")
    p.add_argument("ticket", metavar="NUMBER|ID")
    p.add_argument("--printer", metavar="URI", help=PRINTER_HELP)
    p = group.add("receipt", cmd_print_receipt, "cetak (ulang) tanda terima permohonan / (re)print a receipt")
    p.add_argument("regno", metavar="REGNO")
    p.add_argument("--printer", metavar="URI", help=PRINTER_HELP)
    p.add_argument("--copies", type=int, choices=[1, 2], default=1, help="2 = lembar pemohon + lembar arsip")
    p = group.add("info", cmd_print_info, "cetak informasi layanan (persyaratan, SLA, biaya)")
    p.add_argument("service", metavar="SERVICE")
    p.add_argument("--printer", metavar="URI", help=PRINTER_HELP)
    group.add("jobs", cmd_print_jobs, "antrian cetak / print jobs (pending and recent)")
    p = group.add("retry", cmd_print_retry, "kirim ulang sekarang; pekerjaan yang sudah tercetak dicetak SALINAN")
    p.add_argument("job", nargs="?", type=positive_int, metavar="JOB")
    p.add_argument("--all", action="store_true", help="semua pekerjaan yang belum tercetak")
    p = group.add("preview", cmd_print_preview, "simpan pratinjau PNG/PDF tanpa mencetak / preview to a file")
    p.add_argument("kind", choices=["ticket", "receipt", "info", "test"])
    p.add_argument("ref", nargs="?", default="", metavar="REF")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.png|FILE.pdf")
    p.add_argument("--width", type=int, choices=[58, 80], help="lebar kertas (default: printer.width)")
    p.add_argument("--profile", help="profil printer (default: printer.profile)")

    printer = sub.group("printer", "printer")
    p = printer.add("status", cmd_printer_status, "status printer: online, kertas, tutup / printer status")
    p.add_argument("--printer", metavar="URI", help=PRINTER_HELP)
    p = printer.add("detect", cmd_printer_detect,
                    "printer yang terpasang: USB, serial, antrian OS; --scan: jaringan / detect printers")
    p.add_argument("--scan", action="store_true",
                   help="pindai juga subnet lokal: printer ESC/POS yang menjawab di port 9100 (beberapa detik)")
    p.add_argument("--subnet", metavar="CIDR", help="subnet yang dipindai, mis. 192.168.1.0/24 (default: subnet PC ini)")
    p.add_argument("--port", type=positive_int, default=9100, help="port mentah printer jaringan (default 9100)")

    report = sub.group("report", "laporan / reports")
    p = report.add("daily", cmd_report_daily, "laporan harian (PDF A4) / daily report")
    p.add_argument("--date", type=parse_date, help="tanggal YYYY-MM-DD (default: hari ini)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p = report.add("skm", cmd_report_skm, "laporan survei kepuasan (PDF A4, PermenPANRB 14/2017) / SKM report")
    p.add_argument("--from", dest="date_from", type=parse_date, help="dari tanggal YYYY-MM-DD (default: awal bulan)")
    p.add_argument("--to", dest="date_to", type=parse_date, help="sampai tanggal YYYY-MM-DD (default: hari ini)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")


def _check_printer(args) -> str | None:
    if getattr(args, "printer", None):
        from kiosk.printing.printers import parse_uri

        return parse_uri(args.printer).raw
    return None


def _result_text(what: str, result: dict) -> str:
    if result["state"] == "done":
        copy = " (SALINAN)" if result.get("is_copy") else ""
        return f"{what} tercetak{copy} (pekerjaan #{result['job_id']})."
    return (f"{what}: cetak tertunda — {result.get('error') or result['state']}. Pekerjaan #{result['job_id']} "
            f"tetap di antrian (`kiosk print jobs`, `kiosk print retry {result['job_id']}`).")


def _print_one(app, args, op, what: str, **kwargs) -> int:
    job = app.run(op, printer=_check_printer(args), **kwargs)
    if job.get("id") is None:  # could not even be queued (a bad printer URI, a template problem)
        raise KioskError(job.get("error") or "tidak bisa diantrekan")
    result = settle_print(app, job)
    emit(args, result, _result_text(what, result))
    return 0


def cmd_print_test(app, args) -> int:
    from kiosk.ops import printing

    return _print_one(app, args, printing.print_test, "Halaman uji")


def cmd_print_ticket(app, args) -> int:
    from kiosk.ops import printing

    return _print_one(app, args, printing.print_ticket, f"Tiket {args.ticket.upper()}", ticket=args.ticket)


def cmd_print_info(app, args) -> int:
    from kiosk.ops import printing

    return _print_one(app, args, printing.print_info, f"Info layanan {args.service.upper()}", service=args.service)


def cmd_print_receipt(app, args) -> int:
    from kiosk.ops import printing
    from kiosk.printing.queue import send_now

    jobs = app.run(printing.print_receipt, regno=args.regno, copies=args.copies, printer=_check_printer(args))
    if any(job.get("id") is None for job in jobs):
        raise KioskError(next(job.get("error") for job in jobs if job.get("id") is None) or "tidak bisa diantrekan")
    labels = list(printing.RECEIPT_COPIES) if args.copies == 2 else [None]
    results = send_now(app, [job["id"] for job in jobs])
    first = dict(results[0])
    if len(results) > 1:
        first["state"] = "done" if all(r["state"] == "done" for r in results) else next(
            r["state"] for r in results if r["state"] != "done")
        first["jobs"] = results
    emit(args, first, "\n".join(_result_text(f"Tanda terima {r['ref']}" + (f" ({label})" if label else ""), r)
                                for r, label in zip(results, labels, strict=True)))
    return 0


def cmd_print_jobs(app, args) -> int:
    from kiosk.ops import printing

    rows = app.run(printing.list_jobs)
    lines = [f"#{r['id']:<5} {r['kind']:<8} {r['ref'][:24]:<24} {r['state']:<8} x{r['attempts']}"
             + (" SALINAN" if r["is_copy"] else "") + (f"  {r['last_error']}" if r["last_error"] and r["state"] != "done" else "")
             for r in rows]
    emit(args, rows, "\n".join(lines) or "Antrian cetak kosong.")
    return 0


def cmd_print_retry(app, args) -> int:
    from kiosk.ops import printing
    from kiosk.printing.queue import recover_stuck, send_now

    if args.job is None and not args.all:
        raise InputError("sebutkan nomor pekerjaan (JOB) atau --all")
    if args.job is not None and args.all:
        raise InputError("pilih salah satu: JOB atau --all")
    recover_stuck(app)  # a job left "sending" by a process that died becomes a queued copy
    jobs = app.run(printing.retry, job=args.job, all=args.all)
    results = send_now(app, [job["id"] for job in jobs]) if jobs else []
    emit(args, results, "\n".join(_result_text(f"#{r['job_id']} {r['kind']} {r['ref']}", r) for r in results)
         or "Tidak ada pekerjaan cetak yang menunggu.")
    return 0


def cmd_print_preview(app, args) -> int:
    from kiosk.ops import printing
    from kiosk.ops.reports import write_file
    from kiosk.printing.escpos import get_profile

    out = args.out.expanduser()
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("png", "pdf"):
        raise InputError("--out harus berakhiran .png atau .pdf")
    if args.kind != "test" and not args.ref:
        raise InputError(f"sebutkan {args.kind} yang dipratinjau (REF)")
    content = app.run(printing.print_content, kind=args.kind, ref=args.ref)
    data = app.run(printing.preview, kind=args.kind, content=content, width=args.width, profile=args.profile, fmt=fmt)
    write_file(out, data)
    profile = get_profile(args.profile or app.settings.printer_profile, args.width or app.settings.printer_width)
    emit(args, {"file": str(out), "bytes": len(data), **profile.as_dict()}, f"Pratinjau disimpan: {out}")
    return 0


def cmd_printer_status(app, args) -> int:
    from kiosk.printing.printers import printer_for_settings

    printer = printer_for_settings(app.settings, _check_printer(args))
    status = printer.status()
    data = {"printer": printer.name, **printer.profile.as_dict(), **status.as_dict()}
    emit(args, data, f"{printer.name} ({printer.profile.label}, {printer.profile.width_mm} mm)\n{status.text()}")
    return 0


def cmd_report_daily(app, args) -> int:
    from kiosk.ops import reports

    data = app.run(reports.save_daily_report, day=args.date, out=str(args.out))
    t = data["tickets"]
    emit(args, data, f"Laporan {data['date']} disimpan: {data['file']} ({t['issued']} tiket, "
                     f"{data['applications']['received']} permohonan)")
    return 0


def cmd_report_skm(app, args) -> int:
    from kiosk.ops import reports

    data = app.run(reports.save_skm_report, date_from=args.date_from, date_to=args.date_to, out=str(args.out))
    summary = (f"IKM {data['ikm']} (mutu {data['mutu']}, {data['mutu_label']}) dari {data['respondents']} responden"
               if data["respondents"] else "belum ada responden")
    emit(args, data, f"Laporan SKM {data['date_from']} s.d. {data['date_to']} disimpan: {data['file']} ({summary}, "
                     f"{data['suggestions_total']} saran)")
    return 0


def cmd_printer_detect(app, args) -> int:
    from kiosk.ops import printing

    if args.subnet and not args.scan:
        raise InputError("--subnet hanya bersama --scan")
    rows = app.run(printing.detect_printers, scan=args.scan, subnet=args.subnet, port=args.port)
    emit(args, rows, "\n".join(f"{r['uri']:<44} {r['label']} — {r['status']}" for r in rows)
         or "Tidak ada printer terdeteksi" + ("" if args.scan else " (printer jaringan: tambahkan --scan)") + ".")
    return 0

"""`kiosk print ...`, `kiosk printer status`, `kiosk report daily`. Other tools drive them: keep names and keys.

A print command queues a job and sends it (bounded wait). A printer problem is not a command failure: the
job stays queued (`kiosk print jobs`), the output says why, and the exit code is 0 like `ticket issue --print`.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import emit, positive_int
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

    report = sub.group("report", "laporan / reports")
    p = report.add("daily", cmd_report_daily, "laporan harian (PDF A4) / daily report")
    p.add_argument("--date", type=_date, help="tanggal YYYY-MM-DD (default: hari ini)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")


def _date(text: str):
    from kiosk.commands import parse_date

    return parse_date(text)


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


def _print_one(app, args, kind: str, ref: str, what: str) -> int:
    from kiosk.printing.service import print_and_wait

    result = print_and_wait(app, kind, ref, printer_uri=_check_printer(args), strict=True)
    emit(args, result, _result_text(what, result))
    return 0


def cmd_print_test(app, args) -> int:
    return _print_one(app, args, "test", "", "Halaman uji")


def cmd_print_ticket(app, args) -> int:
    return _print_one(app, args, "ticket", args.ticket, f"Tiket {args.ticket.upper()}")


def cmd_print_info(app, args) -> int:
    return _print_one(app, args, "info", args.service, f"Info layanan {args.service.upper()}")


def cmd_print_receipt(app, args) -> int:
    from kiosk.printing.service import queue_print, send_now
    from kiosk.printing.templates import RECEIPT_COPIES

    uri = _check_printer(args)
    labels = list(RECEIPT_COPIES) if args.copies == 2 else [None]
    with app.store.transaction() as s:
        ids = [queue_print(s, "receipt", args.regno, settings=app.settings, now=app.now(), actor=app.actor,
                           printer_uri=uri, copy_label=label).id for label in labels]
    results = send_now(app, ids)
    first = dict(results[0])
    if len(results) > 1:
        first["state"] = "done" if all(r["state"] == "done" for r in results) else next(
            r["state"] for r in results if r["state"] != "done")
        first["jobs"] = results
    emit(args, first, "\n".join(_result_text(f"Tanda terima {r['ref']}" + (f" ({label})" if label else ""), r)
                                for r, label in zip(results, labels, strict=True)))
    return 0


def cmd_print_jobs(app, args) -> int:
    from kiosk.printing.service import job_dict, list_jobs

    with app.store.read() as s:
        rows = [job_dict(job) for job in list_jobs(s)]
    lines = [f"#{r['id']:<5} {r['kind']:<8} {r['ref'][:24]:<24} {r['state']:<8} x{r['attempts']}"
             + (" SALINAN" if r["is_copy"] else "") + (f"  {r['last_error']}" if r["last_error"] and r["state"] != "done" else "")
             for r in rows]
    emit(args, rows, "\n".join(lines) or "Antrian cetak kosong.")
    return 0


def cmd_print_retry(app, args) -> int:
    from kiosk.printing.service import recover_stuck, retry, send_now

    if args.job is None and not args.all:
        raise InputError("sebutkan nomor pekerjaan (JOB) atau --all")
    if args.job is not None and args.all:
        raise InputError("pilih salah satu: JOB atau --all")
    recover_stuck(app)  # a job left "sending" by a process that died becomes a queued copy
    with app.store.transaction() as s:
        ids = [job.id for job in retry(s, job_id=args.job, all_pending=args.all, now=app.now())]
    results = send_now(app, ids) if ids else []
    emit(args, results, "\n".join(_result_text(f"#{r['job_id']} {r['kind']} {r['ref']}", r) for r in results)
         or "Tidak ada pekerjaan cetak yang menunggu.")
    return 0


def cmd_print_preview(app, args) -> int:
    from kiosk.printing.escpos import get_profile
    from kiosk.printing.service import build_document

    out = args.out.expanduser()
    if out.suffix.lower() not in (".png", ".pdf"):
        raise InputError("--out harus berakhiran .png atau .pdf")
    if args.kind != "test" and not args.ref:
        raise InputError(f"sebutkan {args.kind} yang dipratinjau (REF)")
    profile = get_profile(args.profile or app.settings.printer_profile, args.width or app.settings.printer_width)
    # A receipt preview still shows a citizen's record: audited, so this is a write transaction.
    with app.store.transaction() as s:
        doc = build_document(s, args.kind, args.ref, settings=app.settings, now=app.now(), actor=app.actor,
                             profile=profile)
    if out.suffix.lower() == ".png":
        from kiosk.printing.preview import render_png

        data = render_png(doc, profile)
    else:
        from kiosk.printing.pdf import render_pdf

        data = render_pdf(doc, profile)
    _write(out, data)
    emit(args, {"file": str(out), "bytes": len(data), **profile.as_dict()}, f"Pratinjau disimpan: {out}")
    return 0


def cmd_printer_status(app, args) -> int:
    from kiosk.printing.printers import printer_for_settings

    printer = printer_for_settings(app.settings, _check_printer(args))
    status = printer.status()
    data = {"printer": printer.name, **printer.profile.as_dict(), **status.as_dict()}
    emit(args, data, f"{printer.name} ({printer.profile.label}, {printer.profile.width_mm} mm)\n{status.text()}")
    return 0


def _write(out: Path, data: bytes) -> None:
    import os

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, out)
    except OSError as exc:
        raise KioskError(f"tidak bisa menulis {out}: {exc.strerror}") from None


def cmd_report_daily(app, args) -> int:
    from kiosk.printing.report import daily_report_data, daily_report_pdf

    out = args.out.expanduser()
    if out.suffix.lower() != ".pdf":
        raise InputError("--out harus berakhiran .pdf")
    if out.is_dir():
        raise InputError(f"{out} adalah folder; sebutkan nama berkas, mis. {out / 'laporan.pdf'}")
    day = args.date or app.clock.today()
    with app.store.read() as s:
        data = daily_report_data(s, day)
    _write(out, daily_report_pdf(data, generated_at=app.now()))
    data["file"] = str(out)
    t = data["tickets"]
    emit(args, data, f"Laporan {day.isoformat()} disimpan: {out} ({t['issued']} tiket, "
                     f"{data['applications']['received']} permohonan)")
    return 0

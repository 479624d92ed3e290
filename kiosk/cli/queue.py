"""`kiosk ticket ...`, `kiosk booking ...`, `kiosk queue`, `kiosk day close`: the queue from a terminal."""

from __future__ import annotations

from kiosk.cli import emit, parse_date, positive_int, print_note, settle_print


def register(sub) -> None:
    ticket = sub.group("ticket", "tiket antrian / queue tickets")
    p = ticket.add("issue", cmd_ticket_issue, "ambil nomor antrian / take a ticket")
    p.add_argument("service", metavar="SERVICE")
    p.add_argument("--priority", choices=["lansia", "disabilitas", "hamil"])
    p.add_argument("--print", action="store_true", help="cetak tiket pada printer yang diatur")
    p = ticket.add("call", cmd_ticket_call, "panggil berikutnya / call next ticket")
    p.add_argument("--counter", type=positive_int, required=True, metavar="N")
    p.add_argument("--number", metavar="NUMBER", help="panggil nomor ini di luar urutan, mis. A-005")
    p = ticket.add("next", cmd_ticket_next, "selesai & panggil berikutnya / finish and call the next one")
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
    p = ticket.add("transfer", cmd_ticket_transfer, "alihkan ke layanan atau loket lain / transfer")
    p.add_argument("ticket", metavar="NUMBER")
    p.add_argument("--to", metavar="SERVICE", help="layanan tujuan")
    p.add_argument("--to-counter", type=positive_int, metavar="M", help="loket tujuan (hanya loket ini memanggil)")
    p.add_argument("--counter", type=positive_int, required=True, metavar="N")
    p.add_argument("--print", action="store_true", help="cetak tiket baru untuk warga")
    p = ticket.add("show", cmd_ticket_show, "detail tiket / show a ticket")
    p.add_argument("ticket", metavar="NUMBER|ID")

    booking = sub.group("booking", "booking kunjungan online / online bookings of a visit")
    p = booking.add("check-in", cmd_booking_check_in, "check-in booking: ambil nomor antrian / check a booking in")
    p.add_argument("code", metavar="CODE", help="kode booking, mis. K7QM-4TZ5 (atau isi QR B:K7QM4TZ5)")
    p.add_argument("--print", action="store_true", help="cetak tiket pada printer yang diatur")
    p = booking.add("list", cmd_booking_list, "booking hari ini / a day's bookings")
    p.add_argument("--date", type=parse_date, metavar="YYYY-MM-DD", help="tanggal (bawaan: hari ini)")

    sub.add("queue", cmd_queue, "antrian terbuka hari ini / today's open tickets in call order")
    day = sub.group("day", "hari layanan / business day")
    day.add("close", cmd_day_close, "tutup tiket hari sebelumnya / close open tickets of earlier days")


def ticket_text(t: dict) -> str:
    extra = f", prioritas {t['priority']}" if t["priority"] else ""
    if t["status"] == "waiting":
        return (f"{t['number']}  {t['service']}{extra} — {t['people_ahead']} orang di depan, "
                f"perkiraan {t['estimated_wait_minutes']} menit")
    where = f" di loket {t['counter']}" if t["counter"] else ""
    return f"{t['number']}  {t['service']}{extra} — {t['status']}{where}"


def cmd_ticket_issue(app, args) -> int:
    from kiosk.ops import queue

    data = app.run(queue.issue_ticket, service=args.service, priority=args.priority, print=args.print)
    if args.print:
        data["print"] = settle_print(app, data["print"])
    emit(args, data, ticket_text(data) + print_note(data))
    return 0


def cmd_ticket_call(app, args) -> int:
    from kiosk.ops import queue

    data = app.run(queue.call_next, counter=args.counter, number=args.number)
    emit(args, data, f"Nomor {data['number']} silakan ke loket {data['counter']}")
    return 0


def cmd_ticket_next(app, args) -> int:
    from kiosk.ops import queue

    data = app.run(queue.next_citizen, counter=args.counter)
    done = f"{data['finished']} selesai. " if data["finished"] else ""
    emit(args, data, f"{done}Nomor {data['number']} silakan ke loket {data['counter']}")
    return 0


def cmd_ticket_action(app, args) -> int:
    from kiosk.ops import queue

    action = {"recall": queue.recall, "start": queue.start_service, "finish": queue.finish,
              "no-show": queue.no_show, "return": queue.return_to_queue, "cancel": queue.cancel,
              "reactivate": queue.reactivate}[args.action]
    data = app.run(action, ticket=args.ticket, counter=args.counter)
    emit(args, data, ticket_text(data))
    return 0


def cmd_ticket_transfer(app, args) -> int:
    from kiosk.errors import InputError
    from kiosk.ops import queue

    if not args.to and not args.to_counter:
        raise InputError("sebutkan --to LAYANAN atau --to-counter M")
    data = app.run(queue.transfer, ticket=args.ticket, to_service=args.to, to_counter=args.to_counter,
                   counter=args.counter, print=args.print)
    if args.print:
        data["print"] = settle_print(app, data["print"])
    emit(args, data, f"Dialihkan: {args.ticket.upper()} -> " + ticket_text(data) + print_note(data))
    return 0


def cmd_ticket_show(app, args) -> int:
    from kiosk.ops import queue

    data = app.run(queue.show_ticket, ticket=args.ticket)
    emit(args, data, ticket_text(data) + "".join(
        f"\n  {h['at']}  {h['from'] or '-'} -> {h['to']}  ({h['actor']})" for h in data["history"]))
    return 0


def cmd_booking_check_in(app, args) -> int:
    from kiosk.ops import bookings

    data = app.run(bookings.check_in, code=args.code, print=args.print)
    if args.print:
        data["print"] = settle_print(app, data["print"])
    b = data["booking"]
    emit(args, data, f"Booking {b['code']} ({b['start']}–{b['end']}): " + ticket_text(data) + print_note(data))
    return 0


def booking_text(b: dict) -> str:
    ticket = f"  tiket {b['ticket']}" if b["ticket"] else ""
    return f"{b['code']}  {b['day']} {b['start']}–{b['end']}  {b['service']:<8} {b['status_label']}{ticket}"


def cmd_booking_list(app, args) -> int:
    from kiosk.ops import bookings

    rows = app.run(bookings.list_bookings, day=args.date)
    emit(args, rows, "\n".join(booking_text(b) for b in rows) or "Tidak ada booking.")
    return 0


def cmd_queue(app, args) -> int:
    from kiosk.ops import queue

    rows = app.run(queue.open_queue)
    emit(args, rows, "\n".join(ticket_text(r) for r in rows) or "Antrian kosong.")
    return 0


def cmd_day_close(app, args) -> int:
    from kiosk.ops import queue

    data = app.run(queue.close_day)
    emit(args, data, f"{data['closed']} tiket hari sebelumnya ditutup (day_end).")
    return 0

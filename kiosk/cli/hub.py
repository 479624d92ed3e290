"""`kiosk hub ...` and `kiosk join`: one Mini MPP, many PCs (the site hub). Names and JSON keys are stable."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli import emit, positive_int


def register(sub) -> None:
    hub = sub.group("hub", "hub situs: beberapa PC satu Mini MPP / the site hub")
    p = hub.add("serve", cmd_serve, "layani situs sebagai hub (tanpa layar; untuk layanan) / serve as the hub")
    p.add_argument("--host", default="0.0.0.0", help="alamat yang didengar (default 0.0.0.0: semua)")
    p.add_argument("--port", type=positive_int, help="port HTTPS (default: hub.port, 8710)")
    p.add_argument("--display-port", type=port_or_off, metavar="N",
                   help="port HTTP layar TV di browser, http://HUB:N/display (default: hub.display_port, 8711; 0 = mati)")
    p = hub.add("pair", cmd_pair, "kode pasangan sekali pakai untuk PC lain / a one-time pairing code")
    p.add_argument("--minutes", type=positive_int, default=10, help="berlaku berapa menit (default 10)")
    hub.add("status", cmd_status, "peran PC ini, hub, replika, spool / role, hub, replica, spool")
    hub.add("promote", cmd_promote, "jadikan PC ini hub dari replikanya (hub lama mati) / become the hub")
    hub.add("leave", cmd_leave, "keluar dari hub, jadi PC mandiri / leave the hub")
    p = hub.add("remove", cmd_remove, "di hub: cabut token sebuah PC / revoke a PC's token")
    p.add_argument("name", metavar="NAME")
    hub.add("flush", cmd_flush, "kirim spool ke hub sekarang / send the spool now")

    p = sub.add("join", cmd_join, "gabungkan PC ini ke hub situs / join this PC to the site's hub")
    p.add_argument("--hub", metavar="https://HOST:PORT", help="alamat hub (tanpa ini: dicari di jaringan, mDNS)")
    p.add_argument("--code", required=True, help="kode pasangan dari `kiosk hub pair` di PC hub")
    p.add_argument("--name", help="nama PC ini di hub, mis. loket-2 (default: nama komputer)")
    p.add_argument("--fingerprint", metavar="SHA256", help="sidik jari sertifikat hub dari `kiosk hub pair`")


def port_or_off(text: str) -> int:
    """A TCP port, or 0 for off (`--display-port`)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan bilangan bulat: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port harus 0..65535 (0 = mati), bukan {text!r}")
    return value


def cmd_serve(app, args) -> int:
    from kiosk.hub.headless import run_headless

    display_port = args.display_port if args.display_port is not None else int(app.settings.get("hub.display_port"))
    return run_headless(app, host=args.host, port=args.port or int(app.settings.get("hub.port")),
                        display_port=display_port)


def cmd_pair(app, args) -> int:
    from kiosk.ops import hub

    data = app.run(hub.pair, minutes=args.minutes)
    emit(args, data, "\n".join([f"Kode pasangan: {data['code']}  (berlaku sampai {data['expires_at'][:16]})",
                                f"Alamat hub: {', '.join(data['urls'])}",
                                f"Sidik jari sertifikat: {data['fingerprint']}",
                                "Di PC lain: kiosk join --code KODE   (atau --hub ALAMAT --fingerprint SIDIK_JARI)"]))
    return 0


def cmd_join(app, args) -> int:
    from kiosk.ops import hub

    data = app.run(hub.join, code=args.code, hub=args.hub, name=args.name, fingerprint=args.fingerprint)
    emit(args, data, f"PC ini ({data['name']}) bergabung ke hub {data['hub']} — situs {data['site']} "
                     f"({data['site_name']}); replika: {data['replica_rows']} baris.")
    return 0


def cmd_status(app, args) -> int:
    from kiosk.ops import hub

    data = app.run(hub.status)
    lines = [f"peran: {data['role']}"]
    if data["hub_url"]:
        lines.append(f"hub: {data['hub_url']} — {'terhubung' if data['reachable'] else 'TIDAK TERHUBUNG'}")
    if data["role"] == "joined":
        lines += [f"kontak terakhir: {data['last_contact'] or '-'}",
                  f"replika tertinggal: {data['replica_lag_s'] if data['replica_lag_s'] is not None else '-'} detik",
                  f"spool: {data['spooled']}"]
    for client in data["clients"]:
        lines.append(f"  PC {client['name']:<16} terakhir {client['last_seen'] or '-'}")
    emit(args, data, "\n".join(lines))
    return 0


def cmd_promote(app, args) -> int:
    from kiosk.ops import hub

    data = app.run(hub.promote)
    emit(args, data, f"PC ini sekarang hub situs (epoch {data['epoch']}) di {', '.join(data['urls'])}.\n"
                     f"Sidik jari: {data['fingerprint']}. Hub lama ({data['previous_hub']}) akan mundur saat "
                     f"menyala lagi. Jalankan `kiosk hub serve` (atau aplikasi dengan hub.serve = true).")
    return 0


def cmd_leave(app, args) -> int:
    from kiosk.ops import hub

    data = app.run(hub.leave)
    emit(args, data, f"PC ini keluar dari hub {data['left']}; sekarang mandiri.")
    return 0


def cmd_remove(app, args) -> int:
    from kiosk.ops import hub

    data = app.run(hub.remove, name=args.name)
    emit(args, data, f"PC {data['removed']} dicabut dari hub; tokennya tidak berlaku lagi.")
    return 0


def cmd_flush(app, args) -> int:
    from kiosk.ops import hub

    data = app.run(hub.flush)
    emit(args, data, f"Spool: {data['sent']} terkirim, {data['refused']} ditolak hub, {data['left']} tersisa; "
                     f"replika +{data['pulled']} baris.")
    if data["left"]:
        print("kiosk: hub tidak terhubung; spool dikirim nanti", file=sys.stderr)
        return 1
    return 0

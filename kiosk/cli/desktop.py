"""`kiosk run` and `kiosk setup`: the desktop app. PySide6 is imported inside the handlers only (`kiosk --help` stays fast)."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli import LOADED_AT, emit, positive_int, services_list
from kiosk.errors import InputError

ROLE_CHOICES = ["kiosk", "counter", "display", "all"]


def register(sub) -> None:
    p = sub.add("run", cmd_run, "buka aplikasi (kiosk, loket, layar TV) / open the desktop app")
    p.add_argument("--role", choices=ROLE_CHOICES,
                   help="peran PC ini (default: ui.role dari konfigurasi): kiosk | counter | display | all")
    p.add_argument("--counter", type=positive_int, metavar="N", help="nomor loket (default: ui.counter)")
    p.add_argument("--fullscreen", action="store_true", help="layar penuh (kiosk dan layar TV selalu penuh)")
    p.add_argument("--screen", type=int, metavar="N", help="layar ke-N (0 = layar utama)")
    p.add_argument("--self-test", action="store_true",
                   help="uji tanpa layar: buka data dir, bangun semua tampilan, keluar; cetak {startup_ms}")
    p.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)  # bench/startup.py

    p = sub.add("setup", cmd_setup, "penyiapan pertama (wizard) / first-run setup")
    p.add_argument("--non-interactive", action="store_true", help="tanpa wizard, dari opsi berikut (instalasi skrip)")
    p.add_argument("--site", help="kode kecamatan, mis. 64.02.12 (Tabang)")
    p.add_argument("--role", choices=ROLE_CHOICES, help="peran PC ini")
    p.add_argument("--language", choices=["id", "en"], default="id", help="bahasa tampilan petugas")
    p.add_argument("--printer", metavar="URI", help="printer, mis. escpos+usb://04b8:0202 atau pdf:///C:/cetak")
    p.add_argument("--printer-width", type=int, choices=[58, 80], help="lebar kertas (mm)")
    p.add_argument("--server", metavar="URL", help="alamat server MPP Induk")
    p.add_argument("--code", metavar="CODE", help="kode pendaftaran sekali pakai dari server")
    p.add_argument("--counter", type=positive_int, metavar="N", help="nomor loket PC ini")
    p.add_argument("--services", type=services_list, help="layanan loket ini, mis. KTP,KK")
    p.add_argument("--supervisor", metavar="NAME", help="nama pengguna supervisor pertama")
    p.add_argument("--supervisor-name", metavar="FULL_NAME", help="nama lengkap supervisor")
    p.add_argument("--pin", help="PIN supervisor (>= 6 angka)")
    p.add_argument("--device-name", help="nama PC ini (default: hostname; di hub: mis. loket-2)")
    p.add_argument("--hub-mode", choices=["serve", "join"],
                   help="serve: PC ini memegang data situs (hub, loket lain bergabung ke sini); "
                        "join: gabung ke hub situs (perlu --pairing-code)")
    p.add_argument("--hub", metavar="https://HOST:PORT", help="alamat hub untuk join (tanpa ini: dicari di jaringan)")
    p.add_argument("--pairing-code", metavar="CODE", help="kode pasangan dari `kiosk hub pair` di PC hub")
    p.add_argument("--fingerprint", metavar="SHA256", help="sidik jari sertifikat hub (dari `kiosk hub pair`)")


def cmd_run(app, args) -> int:
    if args.screen is not None and args.screen < 0:
        raise InputError("--screen harus 0 atau lebih")
    if args.self_test:
        from kiosk.ui.application import self_test

        result = self_test(app, LOADED_AT)
        emit(argparse.Namespace(json=True), result)
        return 0
    from kiosk.ui.application import run

    app.read_replica = True  # a joined PC draws its screens from its replica, never waiting on the LAN
    return run(app, role=args.role, counter=args.counter, fullscreen=args.fullscreen, screen=args.screen,
               exit_when_shown=args.exit_when_shown)


def cmd_setup(app, args) -> int:
    if not args.non_interactive:
        from kiosk.ui.application import display_problem

        problem = display_problem()
        if problem:
            print(f"kiosk: {problem}; atau `kiosk setup --non-interactive --site KODE --role PERAN`",
                  file=sys.stderr)
            return 1
        return _setup_wizard(app)
    from kiosk.ops import setup

    if not args.role or not (args.site or args.hub_mode == "join"):
        raise InputError("--non-interactive perlu --role dan --site (atau --hub-mode join) (lihat `kiosk setup --help`)")
    result = app.run(setup.apply, site=args.site, role=args.role, language=args.language, counter=args.counter,
                     services=args.services or [], printer=args.printer, printer_width=args.printer_width,
                     server=args.server, code=args.code, supervisor=args.supervisor,
                     supervisor_name=args.supervisor_name, pin=args.pin, device_name=args.device_name,
                     hub_mode=args.hub_mode, hub=args.hub, pairing_code=args.pairing_code,
                     fingerprint=args.fingerprint)
    enrollment = result["enrollment"]
    hub = result["hub"] or {}
    lines = [f"Situs {result['site']} ({result['site_name']}) siap; peran {result['role']}"
             + (f", loket {result['counter']}: {', '.join(result['services'])}" if result["services"] else ""),
             f"Printer: {result['printer']}"]
    if hub.get("mode") == "serve":
        lines.append(f"PC ini hub situs di {', '.join(hub['urls'])} (sidik jari {hub['fingerprint'][:23]}…); "
                     "buat kode untuk PC lain: kiosk hub pair")
    elif hub.get("mode") == "join":
        lines.append(f"PC ini ({hub['name']}) bergabung ke hub {hub['url']}")
    lines += [f"Catatan: {n}" for n in result["notes"]]
    if enrollment is not None:
        lines.append("Terdaftar di server." if enrollment.get("ok")
                     else f"Pendaftaran ke server gagal: {enrollment.get('error')} (kiosk tetap bisa dipakai offline)")
    emit(args, result, "\n".join(lines))
    return 1 if enrollment is not None and not enrollment.get("ok") else 0


def _setup_wizard(app) -> int:
    from filelock import Timeout

    from kiosk.errors import KioskError
    from kiosk.ui.application import create_qapplication, open_role, place
    from kiosk.ui.bridge import Bridge
    from kiosk.ui.context import UiContext
    from kiosk.ui.setup_wizard import SetupWizard

    keeper_lock = app.app_lock()
    try:
        keeper_lock.acquire(timeout=5)
    except Timeout:
        raise KioskError("aplikasi kiosk sedang berjalan pada data dir ini: tutup dulu, lalu ulangi `kiosk setup`") from None
    qapp = create_qapplication(str(app.settings.get("ui.language")))
    bridge = Bridge(app)
    ctx = UiContext(app, bridge, "all")
    wizard = SetupWizard(ctx)
    windows = [wizard]

    def start(result: dict) -> None:
        ctx.role = result["role"]
        ctx.counter = int(app.settings.get("ui.counter"))
        ctx.forget_site()
        windows.extend(open_role(ctx, result["role"]))

    wizard.finishedSetup.connect(start)
    place(wizard, None, False, (900, 680))
    bridge.start()
    try:
        return qapp.exec()
    finally:
        bridge.stop()
        keeper_lock.release()

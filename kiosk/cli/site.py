"""`kiosk init`, `sites`, `services`, `counter ...`, `operator ...`, `announcement ...`, `config ...`: the site
and this PC."""

from __future__ import annotations

from kiosk.cli import emit, positive_int, services_list


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
    for state, help_text in (("open", "buka loket / open a counter"),
                             ("pause", "istirahatkan loket (dengan alasan) / pause a counter"),
                             ("close", "tutup loket / close a counter")):
        p = counter.add(state, cmd_counter_state, help_text)
        p.add_argument("number", type=positive_int, metavar="N")
        if state == "pause":
            p.add_argument("--reason", help="alasan, mis. istirahat siang")
        p.set_defaults(state={"open": "open", "pause": "paused", "close": "closed"}[state])

    op = sub.group("operator", "petugas / operators")
    p = op.add("add", cmd_operator_add, "tambah petugas / add an operator")
    p.add_argument("username")
    p.add_argument("--name", required=True)
    p.add_argument("--role", choices=["operator", "supervisor", "technician"], default="operator")
    p.add_argument("--pin", required=True)
    op.add("list", cmd_operator_list, "daftar petugas / list operators")
    p = op.add("reset-pin", cmd_operator_reset_pin, "atur ulang PIN (juga membuka kunci) / reset a PIN")
    p.add_argument("username")
    p.add_argument("--pin", required=True)
    p = op.add("role", cmd_operator_role, "ganti peran petugas / change an operator's role")
    p.add_argument("username")
    p.add_argument("role", choices=["operator", "supervisor", "technician"])
    p = op.add("deactivate", cmd_operator_deactivate, "nonaktifkan petugas / deactivate an operator")
    p.add_argument("username")

    ann = sub.group("announcement", "teks berjalan layar TV / the TV's running text")
    p = ann.add("add", cmd_announcement_add, "tayangkan teks situs ini / show a line of the site's own")
    p.add_argument("text")
    p.add_argument("--hours", type=float, default=None, help="lama tayang dalam jam (default: sampai dihapus)")
    ann.add("list", cmd_announcement_list, "daftar teks berjalan / list the running text")
    p = ann.add("remove", cmd_announcement_remove, "hapus teks situs ini / remove a line of the site's own")
    p.add_argument("id")

    cfg = sub.group("config", "konfigurasi / settings")
    p = cfg.add("set", cmd_config_set, "ubah satu kunci / set a key (printer, printer.width, server.url, ...)")
    p.add_argument("key")
    p.add_argument("value")
    p = cfg.add("get", cmd_config_get, "baca satu kunci / read a key")
    p.add_argument("key")
    cfg.add("show", cmd_config_show, "semua kunci / all keys")


def cmd_init(app, args) -> int:
    from kiosk.ops import setup

    data = app.run(setup.init_site, site=args.site, device_name=args.device_name, supervisor=args.supervisor,
                   pin=args.pin)
    emit(args, data, f"Situs {data['site']} ({data['site_name']}) siap di {data['data_dir']}")
    return 0


def cmd_sites(app, args) -> int:
    from kiosk.ops import catalog

    rows = app.run(catalog.list_sites)
    emit(args, rows, "\n".join(f"{r['code']}  {r['name']}" for r in rows))
    return 0


def cmd_services(app, args) -> int:
    from kiosk.ops import catalog

    rows = app.run(catalog.list_services)
    emit(args, rows, "\n".join(
        f"{r['prefix']}  {r['code']:<8} {r['name']}  [{r['agency']}, {r['mode']}, {r['sla']}]"
        + ("" if r.get("available", True) else f"  — TIDAK TERSEDIA: {r['reason']}")
        + (f"  — {r['notice']}" if r.get("notice") else "") for r in rows))
    return 0


def cmd_counter_set(app, args) -> int:
    from kiosk.ops import counters

    data = app.run(counters.set_counter, counter=args.number, services=args.services)
    emit(args, data, f"Loket {data['counter']}: {', '.join(data['services'])}")
    return 0


STATE_WORDS = {"open": "buka", "paused": "istirahat", "closed": "tutup"}


def _counter_text(r: dict) -> str:
    state = STATE_WORDS.get(r.get("state") or "open", r.get("state"))
    reason = f" ({r['reason']})" if r.get("reason") else ""
    return f"Loket {r['counter']}: {', '.join(r['services'])} — {state}{reason}"


def cmd_counter_list(app, args) -> int:
    from kiosk.ops import counters

    rows = app.run(counters.list_counters)
    emit(args, rows, "\n".join(_counter_text(r) for r in rows) or "(belum ada loket)")
    return 0


def cmd_counter_state(app, args) -> int:
    from kiosk.ops import counters

    data = app.run(counters.set_state, counter=args.number, state=args.state, reason=getattr(args, "reason", None))
    emit(args, data, _counter_text(data))
    return 0


def cmd_operator_add(app, args) -> int:
    from kiosk.ops import operators

    data = app.run(operators.add_operator, username=args.username, name=args.name, role=args.role, pin=args.pin)
    emit(args, data, f"Petugas {data['username']} ({data['role']}) dibuat.")
    return 0


def cmd_operator_list(app, args) -> int:
    from kiosk.ops import operators

    rows = app.run(operators.list_operators)
    emit(args, rows, "\n".join(f"{r['username']:<16} {r['role']:<11} {r['name']}" for r in rows) or "(belum ada petugas)")
    return 0


def cmd_operator_reset_pin(app, args) -> int:
    from kiosk.ops import operators

    data = app.run(operators.reset_pin, username=args.username, pin=args.pin)
    emit(args, data, f"PIN {data['username']} diatur ulang.")
    return 0


def cmd_operator_role(app, args) -> int:
    from kiosk.ops import operators

    data = app.run(operators.set_role, username=args.username, role=args.role)
    emit(args, data, f"Peran {data['username']}: {data['role']}.")
    return 0


def cmd_operator_deactivate(app, args) -> int:
    from kiosk.ops import operators

    data = app.run(operators.deactivate, username=args.username)
    emit(args, data, f"Petugas {data['username']} dinonaktifkan.")
    return 0


def cmd_announcement_add(app, args) -> int:
    from kiosk.ops import catalog

    data = app.run(catalog.add_announcement, text=args.text, hours=args.hours)
    emit(args, data, f"Tayang: {data['text']} ({data['id']})")
    return 0


def cmd_announcement_list(app, args) -> int:
    from kiosk.ops import catalog

    rows = app.run(catalog.list_announcements)
    emit(args, rows, "\n".join(f"{r['id']:<42} {'situs' if r['own'] else 'pusat':<6} {r['text']}" for r in rows)
         or "(belum ada teks berjalan)")
    return 0


def cmd_announcement_remove(app, args) -> int:
    from kiosk.ops import catalog

    data = app.run(catalog.remove_announcement, id=args.id)
    emit(args, data, f"Dihapus: {data['removed']}")
    return 0


def cmd_config_set(app, args) -> int:
    from kiosk.ops import maintenance

    data = app.run(maintenance.config_set, key=args.key, value=args.value)
    (key, value), = data.items()
    emit(args, data, f"{key} = {value}")
    return 0


def cmd_config_get(app, args) -> int:
    from kiosk.ops import maintenance

    data = app.run(maintenance.config_get, key=args.key)
    emit(args, data, str(next(iter(data.values()))))
    return 0


def cmd_config_show(app, args) -> int:
    from kiosk.ops import maintenance

    values = app.run(maintenance.config_show)
    emit(args, values, "\n".join(f"{k} = {v}" for k, v in values.items()))
    return 0

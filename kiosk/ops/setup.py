"""Setting a PC up: `kiosk init`, and the first-run plan shared by the wizard and `kiosk setup --non-interactive`.

`validate_plan` checks everything before anything is written, so bad input changes nothing.
`apply_plan` then does the local part (site, counter, supervisor in one transaction; config.toml)
and, last, the network part (enrollment), whose failure leaves a working offline installation.

A site is one hub and the PCs that join it (DESIGN.md §3a). `hub_mode="serve"`: this PC holds the site
(it becomes the hub and `hub.serve = true`, so `kiosk run` serves it); `hub_mode="join"`: this PC joins
the site's hub with a pairing code (the site, its operators and counters come from the hub; its counter's
services are set there). Without a hub mode a PC stays standalone, as before (scripts), and a kiosk-only
one is told that no counter elsewhere sees its tickets.
"""

from __future__ import annotations

import socket
from dataclasses import asdict, dataclass, field, replace

from kiosk.errors import InputError, KioskError
from kiosk.ops.registry import LOCAL, op
from kiosk.sync.words import network_words

ROLES = ("kiosk", "counter", "display", "all")
COUNTER_ROLES = ("counter", "all")
HUB_MODES = ("serve", "join")


@dataclass
class SetupPlan:
    site: str
    role: str = "all"
    language: str = "id"
    counter: int | None = None
    services: list[str] = field(default_factory=list)
    printer: str | None = None
    printer_width: int | None = None
    server: str | None = None
    code: str | None = None
    supervisor: str | None = None
    supervisor_name: str | None = None
    pin: str | None = None
    device_name: str | None = None
    hub_mode: str | None = None  # serve | join | None (standalone)
    hub: str | None = None  # join: the hub's address (None: found on the LAN)
    pairing_code: str | None = None  # join: the one-time code `kiosk hub pair` showed on the hub
    fingerprint: str | None = None  # join: the hub's certificate fingerprint, if the technician typed it


def check_server_url(url: str) -> str:
    """`https://host[:port][/path]` (http allowed for a LAN or demo server); trailing slash dropped."""
    from kiosk.config import server_url

    text = server_url(url or "")
    if not text:
        raise InputError(f"alamat server harus http(s)://nama-server[:port], bukan {url!r}")
    return text


def validate_plan(plan: SetupPlan) -> SetupPlan:
    """Normalise and check a plan; raises InputError (nothing written)."""
    from kiosk import auth, config
    from kiosk.site import normalise_site_code

    if plan.hub_mode is not None and plan.hub_mode not in HUB_MODES:
        raise InputError(f"--hub-mode harus serve atau join, bukan {plan.hub_mode!r}")
    joining = plan.hub_mode == "join"
    if joining:
        _check_join(plan)
    elif plan.hub or plan.pairing_code or plan.fingerprint:
        raise InputError("--hub, --pairing-code dan --fingerprint hanya untuk --hub-mode join")
    site = normalise_site_code(plan.site) if plan.site or not joining else None
    if plan.role not in ROLES:
        raise InputError(f"peran PC tidak dikenal: {plan.role!r} (pilihan: {', '.join(ROLES)})")
    if plan.language not in ("id", "en"):
        raise InputError(f"bahasa harus id atau en, bukan {plan.language!r}")
    services = [s.strip().upper() for s in plan.services if s.strip()]
    counter = plan.counter
    if counter is not None and not 1 <= counter <= 99:
        raise InputError(f"nomor loket harus 1..99, bukan {counter}")
    if services and counter is None:
        counter = 1
    printer = config.parse_value("printer.uri", plan.printer)[1] if plan.printer else None
    width = config.parse_value("printer.width", str(plan.printer_width))[1] if plan.printer_width else None
    if bool(plan.server) != bool(plan.code):
        raise InputError("--server dan --code harus diberikan bersama (atau keduanya dilewati: tetap offline)")
    server = check_server_url(plan.server) if plan.server else None
    code = plan.code.strip() if plan.code else None
    if bool(plan.supervisor) != bool(plan.pin):
        raise InputError("--supervisor dan --pin harus diberikan bersama")
    supervisor = auth.normalise_username(plan.supervisor) if plan.supervisor else None
    if plan.pin:
        auth.check_pin_policy(plan.pin)
    name = " ".join((plan.supervisor_name or plan.supervisor or "").split()) or None
    device_name = pairing_name(plan.device_name) if joining and plan.device_name else plan.device_name
    return replace(plan, site=site, services=services, counter=counter, printer=printer, printer_width=width,
                   server=server, code=code, supervisor=supervisor, supervisor_name=name,
                   hub=plan.hub.strip() if plan.hub else None, device_name=device_name)


def _check_join(plan: SetupPlan) -> None:
    """A PC that joins a hub takes the site, its operators and the central link from the hub."""
    from kiosk.hub.pairing import normalise_code
    from kiosk.sync.hub_client import check_url

    if plan.pairing_code:
        normalise_code(plan.pairing_code)
    if plan.hub:
        check_url(plan.hub)
    if plan.server or plan.code:
        raise InputError("PC yang bergabung ke hub tidak mendaftar ke server: hanya PC hub yang "
                         "tersambung ke MPP Induk (lewati --server/--code)")
    if plan.supervisor or plan.pin:
        raise InputError("PC yang bergabung ke hub memakai akun petugas di hub: lewati --supervisor/--pin")


def pairing_name(name: str) -> str:
    """This PC's name at the hub (`loket-2`): checked before anything is sent."""
    from kiosk.hub.pairing import normalise_name

    return normalise_name(name)


@op("setup.apply", scope=LOCAL, slow=True)
def apply(ctx, *, enroll: bool = True, **fields) -> dict:
    """Set this PC up from a plan's fields (see SetupPlan); `enroll` also enrolls with central."""
    try:
        plan = SetupPlan(**fields)
    except TypeError as exc:
        raise InputError(f"rencana penyiapan tidak sah: {exc}") from None
    return apply_plan(ctx, plan, enroll=enroll)


@op("setup.init", scope=LOCAL)
def init_site(ctx, *, site: str, device_name: str | None = None, supervisor: str | None = None,
              pin: str | None = None) -> dict:
    """`kiosk init`: this data dir serves `site`; optionally its first supervisor."""
    from kiosk import auth
    from kiosk import site as sites

    if bool(supervisor) != bool(pin):
        raise InputError("--supervisor dan --pin harus diberikan bersama")
    with ctx.store.transaction() as s:
        device = sites.init_site(s, site, device_name or socket.gethostname(), ctx.now())
        if supervisor:
            auth.create_operator(s, username=supervisor, full_name=supervisor, role="supervisor", pin=pin,
                                 now=ctx.now(), actor=ctx.actor)
        return {"site": device.site_code, "site_name": sites.site_name(device.site_code),
                "device": device.device_uuid, "data_dir": str(ctx.data_dir)}


def apply_plan(app, plan: SetupPlan, *, enroll: bool = True) -> dict:
    """Write the plan: site + counter + supervisor (one transaction), config.toml, then enrollment; or, for a
    PC joining a hub, the join, its counter at the hub and config.toml."""
    from kiosk import auth, config, site, tickets
    from kiosk.errors import NotFound
    from kiosk.hub import state

    plan = validate_plan(plan)
    if plan.hub_mode == "join":
        return _apply_join(app, plan)
    now = app.now()
    notes: list[str] = []
    with app.store.transaction() as s:
        current = state.role(s)
        if current == state.JOINED:
            raise InputError(f"PC ini bergabung ke hub {state.get(s, state.K_URL)}: pilih \"gabung ke hub\" "
                             "atau `kiosk hub leave` dulu")
        if plan.hub_mode == "serve" and current == state.STOOD_DOWN:
            raise InputError(f"PC ini bukan hub lagi: hub situs sekarang {state.get(s, state.K_URL) or 'PC lain'}")
        device = site.init_site(s, plan.site, plan.device_name or socket.gethostname(), now)
        if plan.hub_mode == "serve" and current != state.HUB:
            state.become_hub(s, epoch=max(1, state.epoch(s)))
        if plan.services:
            tickets.set_counter(s, plan.counter, plan.services, now=now)
        if plan.supervisor:
            try:
                auth.get_operator(s, plan.supervisor)
                notes.append(f"supervisor {plan.supervisor} sudah ada; PIN-nya tidak diubah")
            except NotFound:
                auth.create_operator(s, username=plan.supervisor, full_name=plan.supervisor_name or plan.supervisor,
                                     role="supervisor", pin=plan.pin, now=now, actor="setup")
        site_code = device.site_code
    updates: dict[str, object] = {"ui.role": plan.role, "ui.language": plan.language}
    if plan.counter is not None:
        updates["ui.counter"] = plan.counter
    if plan.printer:
        updates["printer.uri"] = plan.printer
    if plan.printer_width:
        updates["printer.width"] = plan.printer_width
    if plan.server:
        updates["server.url"] = plan.server
    if plan.hub_mode == "serve":
        updates["hub.serve"] = True
    elif plan.role == "kiosk":
        notes.append("PC kiosk tanpa hub: tiket yang diambil di sini tidak terlihat oleh loket di PC lain; "
                     "pakai --hub-mode serve (loket bergabung ke PC ini) atau --hub-mode join")
    app.data_dir.mkdir(parents=True, exist_ok=True)
    config.save(app.settings, updates)
    app.site_role(refresh=True)
    result = {
        "site": site_code, "site_name": site.site_name(site_code), "role": plan.role, "language": plan.language,
        "counter": plan.counter, "services": plan.services, "printer": app.settings.printer_uri,
        "printer_width": app.settings.printer_width, "server": plan.server or None,
        "supervisor": plan.supervisor, "data_dir": str(app.data_dir), "notes": notes,
        "enrollment": None, "hub": None,
    }
    if plan.hub_mode == "serve":
        from kiosk.hub import certs, discovery

        certs.ensure(app.data_dir, site.site_name(site_code))
        result["hub"] = {"mode": "serve", "urls": discovery.urls(int(app.settings.get("hub.port"))),
                         "fingerprint": certs.pretty(certs.fingerprint(app.data_dir))}
    if plan.server and enroll:
        result["enrollment"] = enroll_device(app, plan.server, plan.code)
    return result


def _apply_join(app, plan: SetupPlan) -> dict:
    """Join the hub (the site comes from it), set this PC's counter at the hub, then config.toml."""
    from kiosk import config
    from kiosk.hub import certs, state
    from kiosk.ops import counters, hub
    from kiosk.site import site_name, this_device
    from kiosk.sync.hub_client import HubUnreachable

    if plan.pairing_code:
        try:
            joined = app.run(hub.join, code=plan.pairing_code, hub=plan.hub, name=plan.device_name,
                             fingerprint=plan.fingerprint)
        except HubUnreachable as exc:
            raise HubUnreachable(network_words(exc, what="hub")) from None
    else:  # setting a joined PC up again (its printer, its counter): it stays with its hub
        with app.store.read() as s:
            if state.role(s) != state.JOINED:
                raise InputError("--hub-mode join perlu --pairing-code (kode dari `kiosk hub pair` di PC hub)")
            facts = state.joined_facts(s)
            site_code = this_device(s).site_code
        joined = {"hub": facts["url"], "name": facts["name"], "site": site_code, "site_name": site_name(site_code),
                  "fingerprint": certs.pretty(facts["fingerprint"] or "")}
    if plan.site and plan.site != joined["site"]:
        notes = [f"hub ini untuk situs {joined['site']} ({joined['site_name']}), bukan {plan.site}"]
    else:
        notes = []
    if plan.services:
        try:
            app.run(counters.set_counter, counter=plan.counter, services=plan.services)
        except KioskError as exc:
            notes.append(f"loket {plan.counter} belum diatur di hub ({exc}); atur nanti: "
                         f"kiosk counter set {plan.counter} --services {','.join(plan.services)}")
    updates: dict[str, object] = {"ui.role": plan.role, "ui.language": plan.language, "hub.serve": False}
    if plan.counter is not None:
        updates["ui.counter"] = plan.counter
    if plan.printer:
        updates["printer.uri"] = plan.printer
    if plan.printer_width:
        updates["printer.width"] = plan.printer_width
    app.data_dir.mkdir(parents=True, exist_ok=True)
    config.save(app.settings, updates)
    return {
        "site": joined["site"], "site_name": joined["site_name"], "role": plan.role, "language": plan.language,
        "counter": plan.counter, "services": plan.services, "printer": app.settings.printer_uri,
        "printer_width": app.settings.printer_width, "server": None, "supervisor": None,
        "data_dir": str(app.data_dir), "notes": notes, "enrollment": None,
        "hub": {"mode": "join", "url": joined["hub"], "name": joined["name"], "fingerprint": joined["fingerprint"]},
    }


@op("setup.enroll", scope=LOCAL, slow=True)
def enroll_device(app, server: str, code: str) -> dict:
    """Enroll this data dir with central (network: a screen runs it off the GUI thread); on success the server's
    address is kept in config.toml. A bad address is refused (InputError); otherwise never raises:
    {ok, error, ...}; a failure leaves a working offline installation."""
    server = check_server_url(server)
    if not (code or "").strip():
        return {"ok": False, "error": "kode pendaftaran kosong"}
    try:
        from kiosk.sync.engine import enroll
    except ModuleNotFoundError:
        return {"ok": False, "error": "modul sinkronisasi belum terpasang; daftarkan nanti dengan `kiosk enroll`"}
    from kiosk.sync.client import Offline, SyncTimeout

    try:
        data = enroll(app.store, server, code, clock=app.clock)
    except (Offline, SyncTimeout) as exc:  # the network, not the code: say why in words
        return {"ok": False, "error": network_words(exc)}
    except KioskError as exc:
        return {"ok": False, "error": str(exc)}
    from kiosk import config

    if app.settings.server_url != server:
        config.save(app.settings, {"server.url": server})
    return {"ok": True, **data}


@op("setup.catalog", scope=LOCAL, write=False)
def catalog_services(ctx=None) -> list[dict]:
    """The services of the bundled catalog (before a site exists): {code, name, prefix}."""
    from kiosk import catalog

    return [{"code": s["code"], "name": s["name"], "prefix": s["prefix"]}
            for s in catalog.load_catalog_file()["services"]]


@op("setup.check", scope=LOCAL, write=False)
def check(ctx=None, *, server: str | None = None, printer: str | None = None, supervisor: str | None = None,
          supervisor_name: str | None = None, pin: str | None = None, pin_again: str | None = None,
          hub: str | None = None, pairing_code: str | None = None, device_name: str | None = None) -> dict:
    """Check the fields of one wizard step before going on: their normalised values, or InputError."""
    from kiosk import auth, config

    found: dict = {}
    if hub is not None:
        from kiosk.sync.hub_client import check_url

        found["hub"] = check_url(hub)
    if pairing_code is not None:
        from kiosk.hub.pairing import normalise_code

        found["pairing_code"] = normalise_code(pairing_code)
    if device_name is not None:
        found["device_name"] = pairing_name(device_name)
    if server is not None:
        found["server"] = check_server_url(server)
    if printer is not None:
        found["printer"] = config.parse_value("printer.uri", printer)[1]
    if supervisor is not None:
        found["supervisor"] = auth.normalise_username(supervisor)
        auth.check_pin_policy(pin or "")
        if len(" ".join((supervisor_name or "").split())) < 2:
            raise InputError("nama lengkap wajib diisi (full name required)")
        if pin_again is not None and pin != pin_again:
            raise InputError("kedua PIN tidak sama (the PINs differ)")
    return found


def plan_dict(plan: SetupPlan) -> dict:
    data = asdict(plan)
    data["pin"] = "***" if plan.pin else None
    return data


# --- connection tests in words a technician reads ----------------------------------------------------------

SERVER_TEST_TIMEOUT = 8


@op("setup.test_server", scope=LOCAL, write=False, slow=True)
def test_server(ctx=None, *, server: str) -> dict:
    """Does central answer at `server`? {ok, server, status, error}: the error in Indonesian words (never a
    raw "[Errno -2] ..."); an InputError for an address that is not http(s)://..."""
    import urllib.error
    import urllib.request

    url = check_server_url(server)
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=SERVER_TEST_TIMEOUT) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as exc:
        return {"ok": False, "server": url, "status": exc.code,
                "error": f"server menjawab dengan status {exc.code}: alamat ini bukan server MPP Induk? "
                         "(mis. https://mpp.kukarkab.go.id)"}
    except (OSError, ValueError) as exc:
        return {"ok": False, "server": url, "status": None, "error": network_words(exc, SERVER_TEST_TIMEOUT)}
    if status != 200:
        return {"ok": False, "server": url, "status": status, "error": f"server menjawab dengan status {status}"}
    return {"ok": True, "server": url, "status": status, "error": None}

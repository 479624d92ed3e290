"""Setting a PC up: `kiosk init`, and the first-run plan shared by the wizard and `kiosk setup --non-interactive`.

`validate_plan` checks everything before anything is written, so bad input changes nothing.
`apply_plan` then does the local part (site, counter, supervisor in one transaction; config.toml)
and, last, the network part (enrollment), whose failure leaves a working offline installation.
"""

from __future__ import annotations

import socket
from dataclasses import asdict, dataclass, field, replace
from urllib.parse import urlparse

from kiosk.errors import InputError, KioskError
from kiosk.ops import LOCAL, op

ROLES = ("kiosk", "counter", "display", "all")
COUNTER_ROLES = ("counter", "all")


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


def check_server_url(url: str) -> str:
    """`https://host[:port][/path]` (http allowed for a LAN or demo server); trailing slash dropped."""
    text = (url or "").strip().rstrip("/")
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(f"alamat server harus http(s)://nama-server[:port], bukan {url!r}")
    return text


def validate_plan(plan: SetupPlan) -> SetupPlan:
    """Normalise and check a plan; raises InputError (nothing written)."""
    from kiosk import auth, config
    from kiosk.site import normalise_site_code

    site = normalise_site_code(plan.site or "")
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
    return replace(plan, site=site, services=services, counter=counter, printer=printer, printer_width=width,
                   server=server, code=code, supervisor=supervisor, supervisor_name=name)


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
    """Write the plan: site + counter + supervisor (one transaction), config.toml, then enrollment."""
    from kiosk import auth, config, site, tickets
    from kiosk.errors import NotFound

    plan = validate_plan(plan)
    now = app.now()
    notes: list[str] = []
    with app.store.transaction() as s:
        device = site.init_site(s, plan.site, plan.device_name or socket.gethostname(), now)
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
    app.data_dir.mkdir(parents=True, exist_ok=True)
    config.save(app.settings, updates)
    result = {
        "site": site_code, "site_name": site.site_name(site_code), "role": plan.role, "language": plan.language,
        "counter": plan.counter, "services": plan.services, "printer": app.settings.printer_uri,
        "printer_width": app.settings.printer_width, "server": plan.server or None,
        "supervisor": plan.supervisor, "data_dir": str(app.data_dir), "notes": notes,
        "enrollment": None,
    }
    if plan.server and enroll:
        result["enrollment"] = enroll_device(app, plan.server, plan.code)
    return result


@op("setup.enroll", scope=LOCAL, slow=True)
def enroll_device(app, server: str, code: str) -> dict:
    """Enroll this data dir with central (network: a screen runs it off the GUI thread). Never raises:
    {ok, error, ...}; a failure leaves a working offline installation."""
    try:
        from kiosk.sync.engine import enroll
    except ModuleNotFoundError:
        return {"ok": False, "error": "modul sinkronisasi belum terpasang; daftarkan nanti dengan `kiosk enroll`"}
    try:
        data = enroll(app.store, server, code, clock=app.clock)
    except KioskError as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": True, **data}


@op("setup.catalog", scope=LOCAL, write=False)
def catalog_services(ctx=None) -> list[dict]:
    """The services of the bundled catalog (before a site exists): {code, name, prefix}."""
    from kiosk import catalog

    return [{"code": s["code"], "name": s["name"], "prefix": s["prefix"]}
            for s in catalog.load_catalog_file()["services"]]


@op("setup.check", scope=LOCAL, write=False)
def check(ctx=None, *, server: str | None = None, printer: str | None = None, supervisor: str | None = None,
          supervisor_name: str | None = None, pin: str | None = None, pin_again: str | None = None) -> dict:
    """Check the fields of one wizard step before going on: their normalised values, or InputError."""
    from kiosk import auth, config

    found: dict = {}
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

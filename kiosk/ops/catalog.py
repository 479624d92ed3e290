"""The service catalog and the site as the screens and the CLI read them."""

from __future__ import annotations

from kiosk import announcements, catalog, tickets
from kiosk.ops.registry import LOCAL, op
from kiosk.resources import desa_of, kecamatan
from kiosk.site import current_site_name


@op("catalog.services", write=False)
def list_services(ctx) -> list[dict]:
    """The active services: {code, name, agency, prefix, mode, sla, fee, available, reason, notice}
    (`kiosk services --json`); a service no counter serves here is not available."""
    with ctx.store.read() as s:
        availability = tickets.service_availability(s)
        return [{**catalog.service_dict(svc), **availability.get(svc.code, {})} for svc in catalog.services(s)]


@op("catalog.details", write=False)
def service_details(ctx) -> list[dict]:
    """Everything a citizen may read of each active service (kiosk tiles, Info Layanan), with whether a
    ticket can be taken for it here (`available`, `reason`, `notice`)."""
    with ctx.store.read() as s:
        availability = tickets.service_availability(s)
        return [{**catalog.service_detail(svc), **availability.get(svc.code, {})} for svc in catalog.services(s)]


@op("catalog.popular", write=False)
def popular_services(ctx, *, limit: int = 3) -> list[str]:
    """The codes of the services most issued here lately (the kiosk's one-touch tiles), available ones only."""
    with ctx.store.read() as s:
        available = {code for code, a in tickets.service_availability(s).items() if a["available"]}
        return catalog.popular_services(s, now=ctx.now(), limit=limit, available=available)


@op("catalog.search", scope=LOCAL, write=False)
def search_services(ctx, *, text: str) -> list[str]:
    """The codes of the services matching a citizen's everyday words ("ktp", "akta lahir"), best first."""
    with ctx.store.read() as s:
        return catalog.search_services(s, text)


@op("catalog.names", write=False)
def service_names(ctx) -> dict[str, dict]:
    """code -> {code, name, name_en, prefix} of every service, retired ones too."""
    with ctx.store.read() as s:
        return catalog.all_service_names(s)


@op("site.info", write=False)
def site_info(ctx) -> dict | None:
    """{code, name} of the site this data dir belongs to, or None before it is set up."""
    from kiosk.models import Device

    with ctx.store.read() as s:
        device = s.get(Device, 1)
        if device is None:
            return None
        return {"code": device.site_code, "name": current_site_name(s)}


@op("site.announcements", write=False)
def running_text(ctx) -> list[str]:
    """The running-text lines to show now."""
    with ctx.store.read() as s:
        return announcements.active(s, ctx.now())


@op("announcement.list", write=False)
def list_announcements(ctx) -> list[dict]:
    """The running-text lines: {id, text, starts_at, ends_at, own} (own: the site's, not central's)."""
    with ctx.store.read() as s:
        return announcements.listing(s)


@op("announcement.add")
def add_announcement(ctx, *, text: str, hours: float | None = None) -> dict:
    """A running-text line of the site's own on the TV, from now (for `hours`, or until removed)."""
    from datetime import timedelta

    from kiosk.errors import InputError

    now = ctx.now()
    if hours is not None and not 0 < float(hours) <= 24 * 31:
        raise InputError("lama tayang harus antara 0 dan 744 jam")
    with ctx.store.transaction() as s:
        row = announcements.add(s, text, starts_at=now,
                                ends_at=now + timedelta(hours=float(hours)) if hours is not None else None)
        return {"id": row.id, "text": row.text, "starts_at": row.starts_at.isoformat(),
                "ends_at": row.ends_at.isoformat() if row.ends_at else None, "own": True}


@op("announcement.remove")
def remove_announcement(ctx, *, id: str) -> dict:
    """Stop one of the site's own running-text lines."""
    with ctx.store.transaction() as s:
        return {"removed": announcements.remove(s, id).id}


@op("site.list", scope=LOCAL, write=False)
def list_sites(ctx=None) -> list[dict]:
    """The 20 kecamatan of Kutai Kartanegara: {code, name}."""
    return [{"code": code, "name": name} for code, name in kecamatan().items()]


@op("site.desa", scope=LOCAL, write=False)
def list_desa(ctx=None, *, site: str) -> list[dict]:
    """The desa/kelurahan of a kecamatan: {code, name} (the intake form's picker)."""
    return [{"code": code, "name": name} for code, name in desa_of(site).items()]

"""The citizens' pages, no account: application status (the receipt's QR) and online booking of a visit.

No personal data on any of them. Lookups and bookings are rate-limited per address, so nobody can
walk the registration numbers or book a site's whole week.
"""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from central import bookings, ratelimit
from central.backoffice import public_status
from central.dashboard import sla_due
from central.rules import SITE_TZ, InputError, NotFound, check_regno, kecamatan, pretty_regno
from central.web.charts import qr_svg
from central.web.deps import CsrfForm, RateLimited, client_ip, now_utc
from central.web.templating import render

router = APIRouter()
COLLECT_HOURS = "Senin–Sabtu 08:00–15:00 WITA"


def _limit(request: Request, what: str, limit: ratelimit.Limit) -> None:
    with request.app.state.db.write() as conn:
        allowed = ratelimit.hit(conn, f"{what}:{client_ip(request)}", limit, durable=False)
    if not allowed:
        raise RateLimited("Terlalu banyak permintaan dari alamat ini; coba lagi sebentar lagi. "
                          "(Too many requests from this address; try again shortly.)", retry_after=limit.seconds)


def site_of_regno(key: str) -> str:
    return f"{key[0:2]}.{key[2:4]}.{key[4:6]}"


# --- status ------------------------------------------------------------------------------------------

@router.get("/status", include_in_schema=False)
def status_form(request: Request, q: str = ""):
    if not q.strip():
        return render(request, "status_form.html", q="", error=None)
    try:
        key = check_regno(q)
    except InputError as exc:
        return render(request, "status_form.html", status_code=400, q=q[:40], error=str(exc))
    return RedirectResponse(f"/status/{pretty_regno(key)}", status_code=303)


STEP_TEXT = {
    "received": ("Berkas diterima di Mini MPP Kecamatan {site}", "Received at the Mini MPP {site}"),
    "forwarded": ("Berkas dikirim ke MPP Induk Tenggarong untuk diproses", "Sent to MPP Induk Tenggarong"),
    "in_process": ("Sedang diproses oleh petugas", "Being processed"),
    "ready": ("Selesai — siap diambil di Mini MPP Kecamatan {site}", "Ready for collection at the Mini MPP {site}"),
    "handed_over": ("Sudah diserahkan kepada pemohon", "Collected"),
    "rejected": ("Permohonan ditolak", "Rejected"),
}


@router.get("/status/{regno}", include_in_schema=False)
def status_page(request: Request, regno: str):
    _limit(request, "status", ratelimit.STATUS_LOOKUPS)
    try:
        key = check_regno(regno)
        with request.app.state.db.read() as conn:
            data = public_status(conn, key)
            services = {s["code"]: s for s in bookings.catalog_services(conn)}
            reason = None
            if data["status"] == "rejected":
                from sqlalchemy import select

                from central.models import Application

                reason = conn.scalar(select(Application.__table__.c.reject_reason)
                                     .where(Application.__table__.c.regno_key == key))
    except InputError as exc:
        code = 404 if isinstance(exc, NotFound) else 400
        return render(request, "status_form.html", status_code=code, q=regno[:40], error=str(exc))
    site = site_of_regno(key)
    site_name = kecamatan().get(site, site)
    svc = services.get(data["service"], {})
    steps = [{"status": h["status"], "at": datetime.fromisoformat(h["at"]),
              "text": STEP_TEXT.get(h["status"], (h["status"], h["status"]))[0].format(site=site_name),
              "en": STEP_TEXT.get(h["status"], (h["status"], h["status"]))[1].format(site=site_name)}
             for h in data["history"]]
    received = datetime.fromisoformat(data["received_at"])
    due = sla_due(received, svc.get("sla_days")) if data["status"] in ("received", "forwarded", "in_process") else None
    return render(request, "status.html", data=data, steps=steps, site_name=site_name, service=svc, due=due,
                  reason=reason, collect_hours=COLLECT_HOURS)


# --- booking -----------------------------------------------------------------------------------------

@router.get("/booking", include_in_schema=False)
def booking_sites(request: Request):
    return render(request, "booking_sites.html", sites=sorted(kecamatan().items(), key=lambda kv: kv[1]))


@router.get("/booking/code/{code}", include_in_schema=False)
def booking_done(request: Request, code: str):
    _limit(request, "status", ratelimit.STATUS_LOOKUPS)
    try:
        with request.app.state.db.read() as conn:
            row = bookings.find_booking(conn, code)
            services = {s["code"]: s for s in bookings.catalog_services(conn)}
    except InputError as exc:
        return render(request, "error.html", status_code=404 if isinstance(exc, NotFound) else 400,
                      title="Booking tidak ditemukan", message=str(exc))
    view = bookings.booking_view(row, services.get(row.service_code, {"name": row.service_code}))
    return render(request, "booking_done.html", b=view, qr=qr_svg(f"B:{row.code}"))


@router.get("/booking/{site}", include_in_schema=False)
def booking_services(request: Request, site: str):
    if site not in kecamatan():
        return render(request, "error.html", status_code=404, title="Kecamatan tidak ditemukan", message=site[:20])
    with request.app.state.db.read() as conn:
        services = bookings.catalog_services(conn)
        stored = bookings.site_rules(conn, site)
    services = [s for s in services if bookings.rule_for(conn, site, s["code"], stored).capacity > 0]
    return render(request, "booking_services.html", site=site, site_name=kecamatan()[site], services=services)


def _slots_page(request: Request, site: str, service: str, day: str = "", *, error: str | None = None,
                status_code: int = 200):
    if site not in kecamatan():
        return render(request, "error.html", status_code=404, title="Kecamatan tidak ditemukan", message=site[:20])
    now = now_utc()
    with request.app.state.db.read() as conn:
        services = {s["code"]: s for s in bookings.catalog_services(conn)}
        if service not in services:
            return render(request, "error.html", status_code=404, title="Layanan tidak ditemukan", message=service[:20])
        days = bookings.free_slots(conn, site, service, now)
    open_days = [d for d in days if any(s["free"] for s in d["slots"])]
    try:
        chosen = date.fromisoformat(day) if day else None
    except ValueError:
        chosen = None
    current = next((d for d in days if d["day"] == chosen), None) or (open_days[0] if open_days else None)
    return render(request, "booking_slots.html", status_code=status_code, site=site, site_name=kecamatan()[site],
                  service=services[service], days=days, current=current, error=error)


@router.get("/booking/{site}/{service}", include_in_schema=False)
def booking_slots(request: Request, site: str, service: str, day: str = ""):
    return _slots_page(request, site, service, day)


@router.post("/booking", include_in_schema=False)
def book(request: Request, form: CsrfForm):
    site, service, slot = str(form.get("site") or ""), str(form.get("service") or ""), str(form.get("slot") or "")
    _limit(request, "booking", ratelimit.BOOKINGS)
    try:
        if not slot.isdigit():
            raise InputError("pilih salah satu jam (choose a time slot)")
        start = datetime.fromtimestamp(int(slot), SITE_TZ)
        with request.app.state.db.write() as conn:
            made = bookings.create_booking(conn, site, service, start, now_utc())
    except (InputError, OverflowError, ValueError, OSError) as exc:
        message = str(exc) if isinstance(exc, InputError) else "jam tidak sah (bad slot)"
        return _slots_page(request, site, service, str(form.get("day") or ""), error=message, status_code=400)
    return RedirectResponse(f"/booking/code/{made['code']}", status_code=303)

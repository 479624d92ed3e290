"""The back office's view of online bookings: a site's bookings of a day, its quotas, cancelling one."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from central import bookings
from central.rules import SITE_TZ, InputError, NotFound, kecamatan
from central.staff import audit
from central.web.deps import Admin, CsrfForm, Viewer, Worker, client_ip, now_utc
from central.web.templating import render

router = APIRouter()


def _page(request: Request, site: str, day: date, *, error: str | None = None, status_code: int = 200,
          done: str | None = None):
    now = now_utc()
    with request.app.state.db.write() as conn:
        bookings.expire_bookings(conn, now)
    with request.app.state.db.read() as conn:
        rows = bookings.list_bookings(conn, site, day)
        stored = bookings.site_rules(conn, site)
        services = bookings.catalog_services(conn)
    rules = [{"code": bookings.ALL_SERVICES, "name": "Semua layanan (bawaan situs)", "own": bookings.ALL_SERVICES in stored,
              "rule": stored.get(bookings.ALL_SERVICES) or bookings.DEFAULT_RULE}]
    rules += [{"code": s["code"], "name": s["name"], "own": s["code"] in stored,
               "rule": bookings.rule_for(conn, site, s["code"], stored)} for s in services]
    return render(request, "bookings_admin.html", status_code=status_code, site=site, day=day, rows=rows,
                  rules=rules, error=error, done=done, weekdays=bookings.WEEKDAY_NAMES)


def _site(site: str) -> str:
    return site if site in kecamatan() else sorted(kecamatan())[0]


@router.get("/bookings", include_in_schema=False)
def bookings_page(request: Request, staff: Viewer, site: str = "", day: str = ""):
    try:
        chosen = date.fromisoformat(day) if day else now_utc().astimezone(SITE_TZ).date()
    except ValueError:
        chosen = now_utc().astimezone(SITE_TZ).date()
    return _page(request, _site(site), chosen)


@router.post("/bookings/rules", include_in_schema=False)
def save_rule(request: Request, staff: Admin, form: CsrfForm):
    site, service = _site(str(form.get("site") or "")), str(form.get("service") or "")
    now = now_utc()
    try:
        minutes, capacity = str(form.get("slot_minutes") or ""), str(form.get("capacity") or "")
        if not minutes.isdigit() or not capacity.isdigit():
            raise InputError("panjang slot dan kuota harus angka")
        with request.app.state.db.write() as conn:
            rule = bookings.set_rule(conn, site, service, weekdays="".join(form.getlist("weekdays")),
                                     opens=str(form.get("opens") or ""), closes=str(form.get("closes") or ""),
                                     slot_minutes=int(minutes), capacity=int(capacity), actor=staff.username, now=now)
            audit(conn, staff.username, "booking.rule", now, ip=client_ip(request), target_kind="site", target=site,
                  detail=f"{service}: days {rule.weekdays} {rule.opens}-{rule.closes} every {rule.slot_minutes} min, "
                         f"{rule.capacity} per slot")
    except (InputError, NotFound) as exc:
        return _page(request, site, now.astimezone(SITE_TZ).date(), error=str(exc), status_code=400)
    return RedirectResponse(f"/bookings?site={site}", status_code=303)


@router.post("/bookings/cancel", include_in_schema=False)
def cancel(request: Request, staff: Worker, form: CsrfForm):
    site = _site(str(form.get("site") or ""))
    now = now_utc()
    try:
        with request.app.state.db.write() as conn:
            row = bookings.cancel_booking(conn, str(form.get("code") or ""), now)
            audit(conn, staff.username, "booking.cancel", now, ip=client_ip(request), target_kind="booking",
                  target=row["code"])
    except (InputError, NotFound) as exc:
        return _page(request, site, now.astimezone(SITE_TZ).date(), error=str(exc), status_code=400)
    return RedirectResponse(f"/bookings?site={row['site']}&day={row['day']}", status_code=303)

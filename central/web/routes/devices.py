"""/devices: enrollment codes (shown once), enrolled devices with last contact and backlog, revoke;
/dead-letters: mutations central could not apply, and their replay."""

from __future__ import annotations

import json
from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from central import deadletters
from central.deviceinfo import device_rows, revoke_device
from central.devices import create_enrollment_code
from central.rules import InputError, NotFound, kecamatan, mask_nik
from central.staff import audit
from central.web.deps import Admin, CsrfForm, Viewer, client_ip, now_utc
from central.web.templating import render

router = APIRouter()
CODE_HOURS = (1, 24, 72, 168)


def _devices_page(request: Request, *, error: str | None = None, done: str | None = None, status_code: int = 200):
    with request.app.state.db.read() as conn:
        rows = device_rows(conn)
    return render(request, "devices.html", status_code=status_code, devices=rows, error=error, done=done,
                  code_hours=CODE_HOURS, now=now_utc())


@router.get("/devices", include_in_schema=False)
def devices(request: Request, staff: Viewer, done: str = ""):
    return _devices_page(request, done={"revoked": "Perangkat dicabut. (Device revoked.)"}.get(done))


@router.post("/devices/codes", include_in_schema=False)
def new_code(request: Request, staff: Admin, form: CsrfForm):
    site = str(form.get("site") or "")
    hours = int(form.get("hours") or 24) if str(form.get("hours") or "24").isdigit() else 24
    if site not in kecamatan() or hours not in CODE_HOURS:
        return _devices_page(request, error="Pilih kecamatan dan masa berlaku. (Choose a site and a validity.)",
                             status_code=400)
    now = now_utc()
    with request.app.state.db.write() as conn:
        code = create_enrollment_code(conn, site, timedelta(hours=hours), now)
        audit(conn, staff.username, "enroll_code.create", now, ip=client_ip(request), target_kind="site", target=site,
              detail=f"valid {hours} h")
    return render(request, "enroll_code.html", code=code, site=site, site_name=kecamatan()[site],
                  expires=now + timedelta(hours=hours))


@router.post("/devices/{device_id}/revoke", include_in_schema=False)
def revoke(request: Request, staff: Admin, device_id: str, form: CsrfForm):
    now = now_utc()
    try:
        with request.app.state.db.write() as conn:
            row = revoke_device(conn, device_id, now)
            audit(conn, staff.username, "device.revoke", now, ip=client_ip(request), target_kind="device",
                  target=device_id, detail=f"{row['site']} {row['name']}")
    except (InputError, NotFound) as exc:
        return _devices_page(request, error=str(exc), status_code=400)
    return RedirectResponse("/devices?done=revoked", status_code=303)


def _masked_payload(text: str) -> str:
    """A dead letter's payload for the screen: the NIK masked, everything else as received."""
    try:
        data = json.loads(text)
    except ValueError:
        return text[:2000]
    if isinstance(data, dict) and isinstance(data.get("nik"), str):
        data["nik"] = mask_nik(data["nik"])
    for key in ("ph", "ad"):
        if isinstance(data, dict) and data.get(key):
            data[key] = "…"
    return json.dumps(data, ensure_ascii=False)[:2000]


def _dead_page(request: Request, *, result: dict | None = None, error: str | None = None, status_code: int = 200):
    with request.app.state.db.read() as conn:
        rows = deadletters.list_dead_letters(conn, limit=200, with_payload=True)
    for row in rows:
        row["payload"] = _masked_payload(row["payload"])
    return render(request, "dead_letters.html", status_code=status_code, rows=rows, result=result, error=error)


@router.get("/dead-letters", include_in_schema=False)
def dead_letters(request: Request, staff: Viewer):
    return _dead_page(request)


@router.post("/dead-letters/replay", include_in_schema=False)
def replay(request: Request, staff: Admin, form: CsrfForm):
    mutation_id = str(form.get("id") or "")
    now = now_utc()
    try:
        with request.app.state.db.write() as conn:
            result = deadletters.replay(conn, mutation_id, staff.username)
            audit(conn, staff.username, "dead_letter.replay", now, ip=client_ip(request), target_kind="mutation",
                  target=mutation_id, detail="applied" if result["applied"] else f"still refused: {result['reason']}")
    except (InputError, NotFound) as exc:
        return _dead_page(request, error=str(exc), status_code=400)
    return _dead_page(request, result=result)

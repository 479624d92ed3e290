"""/catalog (services, requirements, fees, SLA, mode; publishing a new version that sites pull),
/announcements (running text per site or for all), /audit (the staff audit log)."""

from __future__ import annotations

import json
from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select, update

from central.backoffice import add_announcement, announcement_payload, latest_catalog_version, publish_catalog
from central.changes import record_change
from central.models import Announcement, CatalogVersion
from central.rules import InputError, NotFound, kecamatan, protocol
from central.staff import audit, recent_audit
from central.web.deps import Admin, CsrfForm, Viewer, client_ip, now_utc
from central.web.templating import render

router = APIRouter()
MODES = ("local", "forward", "online")
T_CATALOG, T_ANN = CatalogVersion.__table__, Announcement.__table__


def _latest(conn) -> tuple[int, dict, object]:
    row = conn.execute(select(T_CATALOG).order_by(T_CATALOG.c.version.desc()).limit(1)).first()
    if row is None:
        raise NotFound("belum ada katalog yang diterbitkan")
    return row.version, json.loads(row.document), row.published_at


@router.get("/catalog", include_in_schema=False)
def catalog(request: Request, staff: Viewer, done: str = ""):
    with request.app.state.db.read() as conn:
        version, doc, published = _latest(conn)
    agencies = {a["code"]: a.get("short", a["code"]) for a in doc.get("agencies", [])}
    return render(request, "catalog.html", version=version, published=published, services=doc["services"],
                  agencies=agencies, done=done)


@router.get("/catalog/{code}", include_in_schema=False)
def service_form(request: Request, staff: Admin, code: str):
    with request.app.state.db.read() as conn:
        version, doc, _ = _latest(conn)
    svc = next((s for s in doc["services"] if s["code"] == code), None)
    if svc is None:
        return render(request, "error.html", status_code=404, title="Layanan tidak ditemukan",
                      message=f"layanan {code!r} tidak ada di katalog versi {version}")
    return render(request, "service_edit.html", svc=svc, version=version, modes=MODES, error=None)


def _int(text, name: str, low: int, high: int) -> int:
    value = str(text or "").strip().replace(".", "")
    if not value.isdigit() or not low <= int(value) <= high:
        raise InputError(f"{name} harus angka {low}–{high}")
    return int(value)


@router.post("/catalog/{code}", include_in_schema=False)
def publish_service(request: Request, staff: Admin, code: str, form: CsrfForm):
    now = now_utc()
    with request.app.state.db.read() as conn:
        version, doc, _ = _latest(conn)
    svc = next((s for s in doc["services"] if s["code"] == code), None)
    if svc is None:
        return render(request, "error.html", status_code=404, title="Layanan tidak ditemukan", message=code)
    edited = dict(svc)
    try:
        if str(form.get("based_on") or "") != str(version):
            raise InputError(f"katalog sudah berubah (kini versi {version}); muat ulang halaman dan ulangi")
        name = " ".join(str(form.get("name") or "").split())
        if not 3 <= len(name) <= 200:
            raise InputError("nama layanan harus 3–200 huruf")
        mode = str(form.get("mode") or "")
        if mode not in MODES:
            raise InputError(f"mode harus salah satu dari {', '.join(MODES)}")
        requirements = [" ".join(line.split()) for line in str(form.get("requirements") or "").splitlines()]
        requirements = [line for line in requirements if line]
        if len(requirements) > 40 or any(len(line) > 300 for line in requirements):
            raise InputError("persyaratan: paling banyak 40 baris, masing-masing 300 huruf")
        edited.update(name=name, mode=mode, sla_days=_int(form.get("sla_days"), "SLA (hari kerja)", 0, 365),
                      sla=" ".join(str(form.get("sla") or "").split())[:200],
                      fee=_int(form.get("fee"), "biaya (Rp)", 0, 100_000_000),
                      fee_text=" ".join(str(form.get("fee_text") or "").split())[:200] or None,
                      requirements=requirements)
        if edited["fee_text"] is None:
            edited.pop("fee_text")
        document = {**doc, "services": [edited if s["code"] == code else s for s in doc["services"]]}
        with request.app.state.db.write() as conn:
            if latest_catalog_version(conn) != version:
                raise InputError("katalog baru saja diterbitkan orang lain; muat ulang halaman dan ulangi")
            new_version, changed = publish_catalog(conn, document, now)
            if changed:
                audit(conn, staff.username, "catalog.publish", now, ip=client_ip(request), target_kind="service",
                      target=code, detail=f"version {new_version}")
    except InputError as exc:
        return render(request, "service_edit.html", status_code=400, svc=edited, version=version, modes=MODES,
                      error=str(exc))
    return RedirectResponse(f"/catalog?done={new_version if changed else 'same'}", status_code=303)


# --- announcements -----------------------------------------------------------------------------------

def _announcements_page(request: Request, *, error: str | None = None, status_code: int = 200):
    with request.app.state.db.read() as conn:
        rows = conn.execute(select(T_ANN).order_by(T_ANN.c.created_at.desc()).limit(100)).all()
    return render(request, "announcements.html", status_code=status_code, rows=rows, error=error, now=now_utc())


@router.get("/announcements", include_in_schema=False)
def announcements(request: Request, staff: Viewer):
    return _announcements_page(request)


@router.post("/announcements", include_in_schema=False)
def announce(request: Request, staff: Admin, form: CsrfForm):
    site = str(form.get("site") or "") or None
    hours = str(form.get("hours") or "").strip()
    now = now_utc()
    try:
        if site is not None and site not in kecamatan():
            raise InputError("kecamatan tidak dikenal")
        if hours and (not hours.isdigit() or not 1 <= int(hours) <= 24 * 90):
            raise InputError("lama tayang harus 1–2160 jam, atau kosong (tanpa batas)")
        with request.app.state.db.write() as conn:
            row = add_announcement(conn, str(form.get("text") or ""), site=site, now=now,
                                   ends_at=now + timedelta(hours=int(hours)) if hours else None)
            audit(conn, staff.username, "announcement.add", now, ip=client_ip(request), target_kind="site",
                  target=site or "*", detail=row["text"][:200])
    except InputError as exc:
        return _announcements_page(request, error=str(exc), status_code=400)
    return RedirectResponse("/announcements", status_code=303)


@router.post("/announcements/{ann_id}/end", include_in_schema=False)
def end_announcement(request: Request, staff: Admin, ann_id: str, form: CsrfForm):
    now = now_utc()
    with request.app.state.db.write() as conn:
        row = conn.execute(select(T_ANN).where(T_ANN.c.id == ann_id)).first()
        if row is None or not row.active:
            return _announcements_page(request, error="pengumuman tidak ada atau sudah berakhir", status_code=400)
        conn.execute(update(T_ANN).where(T_ANN.c.id == ann_id).values(active=False, ends_at=now))
        data = {**row._asdict(), "active": False, "ends_at": now}
        record_change(conn, protocol.KIND_ANNOUNCEMENT, ann_id, announcement_payload(data), site_code=row.site_code,
                      now=now)
        audit(conn, staff.username, "announcement.end", now, ip=client_ip(request), target_kind="announcement",
              target=ann_id, detail=row.text[:200])
    return RedirectResponse("/announcements", status_code=303)


@router.get("/audit", include_in_schema=False)
def audit_log(request: Request, staff: Admin, actor: str = ""):
    with request.app.state.db.read() as conn:
        rows = recent_audit(conn, limit=300, actor=actor.strip().lower()[:40] or None)
    return render(request, "audit.html", rows=rows, actor=actor)

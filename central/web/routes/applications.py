"""/applications: the worklist of forwarded files and one file's page (status, notes, the audited NIK)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from central.backoffice import CENTRAL_STATUSES, set_application_status
from central.rules import InputError, NotFound, kecamatan
from central.staff import audit
from central.web.deps import CsrfForm, Viewer, Worker, client_ip, now_utc
from central.web.templating import render
from central.worklist import STATUS_FILTERS, Filters, add_note, detail, worklist

router = APIRouter()
DONE_MESSAGES = {
    "status": "Status diubah; situs menerimanya pada sinkron berikutnya. (Status changed; the site gets it on its next sync.)",
    "note": "Catatan disimpan. (Note saved.)",
}


@router.get("/applications", include_in_schema=False)
def applications(request: Request, staff: Viewer, site: str = "", service: str = "", status: str = "open",
                 sla: str = "", page: int = 1):
    filters = Filters(site=site if site in kecamatan() else "", service=service.upper()[:16],
                      status=status if status in STATUS_FILTERS else "open", sla=sla if sla in ("overdue", "within") else "",
                      page=max(1, min(page, 10_000)))
    now = now_utc()
    with request.app.state.db.read() as conn:
        data = worklist(conn, filters, now)
    with request.app.state.db.write() as conn:
        audit(conn, staff.username, "applications.list", now, ip=client_ip(request),
              detail=f"site={filters.site} service={filters.service} status={filters.status} sla={filters.sla} "
                     f"page={filters.page}")
    return render(request, "applications.html", data=data, filters=filters, status_filters=list(STATUS_FILTERS))


def _detail_page(request: Request, staff, regno: str, *, reveal: bool = False, error: str | None = None,
                 status_code: int = 200, done: str = ""):
    now = now_utc()
    try:
        with request.app.state.db.write() as conn:
            app = detail(conn, regno, now, reveal=reveal)
            audit(conn, staff.username, "application.nik_shown" if reveal else "application.view", now,
                  ip=client_ip(request), target_kind="application", target=app["registration_number"])
    except (InputError, NotFound) as exc:
        return render(request, "error.html", status_code=404 if isinstance(exc, NotFound) else 400,
                      title="Permohonan tidak ditemukan", message=str(exc))
    return render(request, "application.html", status_code=status_code, app=app, error=error,
                  done=DONE_MESSAGES.get(done), central_statuses=CENTRAL_STATUSES)


@router.get("/applications/{regno}", include_in_schema=False)
def application_page(request: Request, staff: Viewer, regno: str, done: str = ""):
    return _detail_page(request, staff, regno, done=done)


@router.post("/applications/{regno}/reveal", include_in_schema=False)
def reveal(request: Request, staff: Worker, regno: str, form: CsrfForm):
    return _detail_page(request, staff, regno, reveal=True)


@router.post("/applications/{regno}/status", include_in_schema=False)
def change_status(request: Request, staff: Worker, regno: str, form: CsrfForm):
    status = str(form.get("status") or "")
    reason = str(form.get("reason") or "")
    now = now_utc()
    try:
        with request.app.state.db.write() as conn:
            row = set_application_status(conn, regno, status, reason=reason, now=now, actor=staff.username)
            audit(conn, staff.username, "application.status", now, ip=client_ip(request), target_kind="application",
                  target=row["registration_number"], detail=f"{row['previous_status']} -> {status}"
                                                             + (f": {reason}" if reason else ""))
    except (InputError, NotFound) as exc:
        return _detail_page(request, staff, regno, error=str(exc), status_code=400)
    return RedirectResponse(f"/applications/{row['registration_number']}?done=status", status_code=303)


@router.post("/applications/{regno}/notes", include_in_schema=False)
def note(request: Request, staff: Worker, regno: str, form: CsrfForm):
    now = now_utc()
    try:
        with request.app.state.db.write() as conn:
            row = add_note(conn, regno, str(form.get("text") or ""), author=staff.username,
                           to_site=form.get("to_site") == "1", now=now)
            audit(conn, staff.username, "application.note", now, ip=client_ip(request), target_kind="application",
                  target=row["registration_number"], detail=("to site: " if row["to_site"] else "") + row["text"][:200])
    except (InputError, NotFound) as exc:
        return _detail_page(request, staff, regno, error=str(exc), status_code=400)
    return RedirectResponse(f"/applications/{row['registration_number']}?done=note", status_code=303)

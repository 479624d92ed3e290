"""The back office's worklist of forwarded applications: filters, one file's detail, notes, the audited NIK.

Plain functions over a Connection; the caller owns the transaction. Status changes go through
`central.backoffice.set_application_status`, so the web and `kiosk-server application set-status`
follow one rule and the site learns both through the same pull.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, not_, select

from central.bookings import catalog_services
from central.changes import record_change
from central.dashboard import overdue_condition, sla_cutoffs, sla_due
from central.models import Application, ApplicationEvent, ApplicationNote
from central.rules import (
    SITE_TZ,
    STATUS_LABELS,
    InputError,
    NotFound,
    check_regno,
    mask_nik,
    pretty_regno,
    protocol,
)

T_APPS, T_EVENTS, T_NOTES = Application.__table__, ApplicationEvent.__table__, ApplicationNote.__table__
PAGE = 50
NOTE_MAX = 1000
STATUS_FILTERS = {"open": ("forwarded", "in_process"), "forwarded": ("forwarded",), "in_process": ("in_process",),
                  "ready": ("ready",), "rejected": ("rejected",), "handed_over": ("handed_over",), "all": None}
SLA_FILTERS = ("", "overdue", "within")


@dataclass
class Filters:
    site: str = ""
    service: str = ""
    status: str = "open"
    sla: str = ""
    page: int = 1


def mask_phone(phone: str | None) -> str | None:
    if not phone:
        return phone
    return phone[:4] + "*" * max(0, len(phone) - 7) + phone[-3:]


def forward_services(services: list[dict]) -> dict[str, dict]:
    return {s["code"]: s for s in services if s["mode"] == "forward"}


def worklist(conn: Connection, filters: Filters, now: datetime) -> dict:
    """One page of forwarded applications, oldest first; {rows, more, services}."""
    if filters.status not in STATUS_FILTERS:
        raise InputError(f"status tidak dikenal: {filters.status!r}")
    if filters.sla not in SLA_FILTERS:
        raise InputError(f"filter SLA tidak dikenal: {filters.sla!r}")
    services = catalog_services(conn)
    forward = forward_services(services)
    today = now.astimezone(SITE_TZ).date()
    cutoffs = sla_cutoffs(list(forward.values()), today)
    query = select(T_APPS.c.registration_number, T_APPS.c.site_code, T_APPS.c.service_code, T_APPS.c.name,
                   T_APPS.c.status, T_APPS.c.received_at, T_APPS.c.updated_at)
    codes = [filters.service] if filters.service else sorted(forward)
    query = query.where(T_APPS.c.service_code.in_(codes))
    statuses = STATUS_FILTERS[filters.status]
    if statuses:
        query = query.where(T_APPS.c.status.in_(statuses))
    if filters.site:
        query = query.where(T_APPS.c.site_code == filters.site)
    if filters.sla == "overdue":
        query = query.where(overdue_condition(cutoffs))
    elif filters.sla == "within":
        query = query.where(not_(overdue_condition(cutoffs)))
    page = max(1, filters.page)
    rows = conn.execute(query.order_by(T_APPS.c.received_at, T_APPS.c.id).offset((page - 1) * PAGE)
                        .limit(PAGE + 1)).all()
    out = []
    for r in rows[:PAGE]:
        svc = forward.get(r.service_code) or {}
        due = sla_due(r.received_at, svc.get("sla_days"))
        open_file = r.status in ("forwarded", "in_process")
        out.append({"registration_number": r.registration_number, "site": r.site_code, "service": r.service_code,
                    "name": r.name, "status": r.status, "status_label": STATUS_LABELS.get(r.status, r.status),
                    "received_at": r.received_at, "due": due,
                    "overdue": bool(open_file and due is not None and due < today)})
    return {"rows": out, "more": len(rows) > PAGE, "page": page, "services": forward}


def _find(conn: Connection, regno: str):
    key = check_regno(regno)
    row = conn.execute(select(T_APPS).where(T_APPS.c.regno_key == key)).first()
    if row is None:
        raise NotFound(f"permohonan {pretty_regno(key)} tidak ditemukan di pusat")
    return row


def detail(conn: Connection, regno: str, now: datetime, *, reveal: bool = False) -> dict:
    """One file: facts (NIK and phone masked unless `reveal`), documents, timeline, notes, SLA."""
    row = _find(conn, regno)
    services = {s["code"]: s for s in catalog_services(conn)}
    svc = services.get(row.service_code, {})
    events = conn.execute(select(T_EVENTS).where(T_EVENTS.c.application_id == row.id)
                          .order_by(T_EVENTS.c.at, T_EVENTS.c.id)).all()
    notes = conn.execute(select(T_NOTES).where(T_NOTES.c.application_id == row.id).order_by(T_NOTES.c.id)).all()
    due = sla_due(row.received_at, svc.get("sla_days"))
    today = now.astimezone(SITE_TZ).date()
    return {
        "id": row.id, "registration_number": row.registration_number, "site": row.site_code,
        "service": row.service_code, "service_name": svc.get("name", row.service_code), "mode": svc.get("mode"),
        "status": row.status, "status_label": STATUS_LABELS.get(row.status, row.status),
        "reject_reason": row.reject_reason, "name": row.name,
        "nik": row.nik if reveal else mask_nik(row.nik), "phone": row.phone if reveal else mask_phone(row.phone),
        "revealed": reveal, "desa": row.desa_code, "address": row.address, "notes": row.notes,
        "documents": list((row.documents or {}).items()), "warnings": list(row.warnings or []),
        "operator": row.operator, "received_at": row.received_at, "updated_at": row.updated_at,
        "due": due, "overdue": bool(row.status in ("forwarded", "in_process") and due and due < today),
        "timeline": [{"from": e.from_status, "to": e.to_status, "label": STATUS_LABELS.get(e.to_status, e.to_status),
                      "actor": e.actor, "at": e.at, "reason": e.reason, "source": e.source, "applied": e.applied}
                     for e in events],
        "staff_notes": [{"author": n.author, "text": n.text, "to_site": n.to_site, "at": n.at} for n in notes],
    }


def add_note(conn: Connection, regno: str, text: str, *, author: str, to_site: bool, now: datetime) -> dict:
    """A note on a file; a note for the site travels with the file's status in the pull (`note` key)."""
    text = " ".join((text or "").split())
    if not 1 <= len(text) <= NOTE_MAX:
        raise InputError(f"catatan harus 1–{NOTE_MAX} huruf")
    row = _find(conn, regno)
    conn.execute(insert(T_NOTES).values(application_id=row.id, author=author, text=text, to_site=to_site, at=now))
    if to_site:
        record_change(conn, protocol.KIND_APPLICATION, row.id,
                      {"i": row.id, "st": row.status, "r": row.reject_reason, "at": int(now.timestamp()),
                       "note": text, "by": author}, site_code=row.site_code, now=now)
    return {"registration_number": row.registration_number, "text": text, "to_site": to_site}


"""MPP Induk's side: publishing the catalog, moving forwarded applications on, announcements, statistics,
and the citizens' public status lookup. Plain functions over a Connection; the caller owns the transaction.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, func, insert, select, update

from central.changes import record_change
from central.db import upsert
from central.models import (
    Announcement,
    Application,
    ApplicationEvent,
    CatalogVersion,
    Device,
    Service,
    Survey,
    Ticket,
)
from mpp import statuses, wire
from mpp.catalog import load_catalog_file, validate_catalog
from mpp.errors import IllegalTransition, InputError, NotFound
from mpp.regno import check_regno, pretty_regno
from mpp.sites import KECAMATAN, SITE_TZ
from mpp.skm import compute_ikm
from mpp.text import LIMITS, clean

T_APPS, T_APP_EVENTS = Application.__table__, ApplicationEvent.__table__
T_CATALOG, T_SERVICES = CatalogVersion.__table__, Service.__table__
CENTRAL_ACTOR = "mpp-induk"
CENTRAL_STATUSES = (statuses.IN_PROCESS, statuses.READY, statuses.REJECTED)
REASON_MAX = LIMITS["reason"][0]


def _unix(value: datetime) -> int:
    return int(value.timestamp())


# --- catalog -------------------------------------------------------------------------------------------

def latest_catalog_version(conn: Connection) -> int:
    return conn.scalar(select(func.max(T_CATALOG.c.version))) or 0


def publish_catalog(conn: Connection, data: dict, now: datetime) -> tuple[int, bool]:
    """Publish a validated catalog document to every site as the next version; (version, changed).

    The same content as the latest version publishes nothing. The document's own `version` is
    replaced by central's numbering, so kiosks can tell newer from older.
    """
    validate_catalog(data)
    body = {k: v for k, v in data.items() if k != "version"}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    latest = latest_catalog_version(conn)
    if latest and conn.scalar(select(T_CATALOG.c.digest).where(T_CATALOG.c.version == latest)) == digest:
        return latest, False
    version = latest + 1
    document = {**body, "version": version}
    conn.execute(insert(T_CATALOG).values(version=version, document=json.dumps(document, ensure_ascii=False),
                                          digest=digest, published_at=now))
    listed = {svc["code"] for svc in document["services"]}
    upsert(conn, T_SERVICES, [{"code": svc["code"], "name": svc["name"], "agency_code": svc["agency"],
                               "mode": svc["mode"], "prefix": svc["prefix"], "active": True,
                               "catalog_version": version} for svc in document["services"]], ["code"])
    conn.execute(update(T_SERVICES).where(T_SERVICES.c.code.not_in(listed)).values(active=False))
    record_change(conn, wire.KIND_CATALOG, str(version), wire.change_payload(
        wire.KIND_CATALOG, version=version, document=document), site_code=None, now=now)
    return version, True


def seed_catalog(conn: Connection, now: datetime) -> int | None:
    """Publish the bundled catalog when none was published yet (what fresh kiosks start from)."""
    if latest_catalog_version(conn):
        return None
    version, _ = publish_catalog(conn, load_catalog_file(), now)
    return version


# --- applications ----------------------------------------------------------------------------------------

def find_application(conn: Connection, regno: str):
    key = check_regno(regno)  # InputError on a bad format or check character
    row = conn.execute(select(T_APPS).where(T_APPS.c.regno_key == key)).first()
    if row is None:
        raise NotFound(f"permohonan {pretty_regno(key)} tidak ditemukan di pusat")
    return row


def list_applications(conn: Connection, site: str | None = None, status: str | None = None,
                      limit: int = 500) -> list[dict]:
    query = select(T_APPS).order_by(T_APPS.c.received_at.desc()).limit(limit)
    if site:
        query = query.where(T_APPS.c.site_code == site)
    if status:
        if status not in statuses.APPLICATION_STATUSES:
            raise InputError(f"status tidak dikenal: {status!r} (pilihan: {', '.join(statuses.APPLICATION_STATUSES)})")
        query = query.where(T_APPS.c.status == status)
    return [application_summary(row) for row in conn.execute(query)]


def application_summary(row) -> dict:
    """What the back office lists: no NIK, no phone, no address."""
    return {"registration_number": row.registration_number, "site": row.site_code, "service": row.service_code,
            "name": row.name, "status": row.status, "reject_reason": row.reject_reason,
            "received_at": row.received_at.isoformat(), "updated_at": row.updated_at.isoformat()}


def set_application_status(conn: Connection, regno: str, status: str, *, reason: str | None, now: datetime,
                           actor: str = CENTRAL_ACTOR) -> dict:
    """Move a forwarded application on (in_process, ready, rejected); the site learns it on its next pull."""
    if status not in CENTRAL_STATUSES:
        raise InputError(f"status harus salah satu dari {', '.join(CENTRAL_STATUSES)}, bukan {status!r}")
    row = find_application(conn, regno)
    allowed = statuses.CENTRAL_TRANSITIONS.get(row.status, set())
    if status not in allowed:
        raise IllegalTransition(
            f"permohonan {row.registration_number} berstatus {row.status}: MPP Induk hanya mengubah berkas yang "
            f"sudah diteruskan (forwarded/in_process) — {row.status} -> {status} tidak boleh")
    reason = clean(reason) or None
    if status == statuses.REJECTED and not reason:
        raise InputError("alasan penolakan wajib diisi (--reason)")
    if reason and len(reason) > REASON_MAX:
        raise InputError(f"alasan terlalu panjang (maks. {REASON_MAX} huruf)")
    # Guarded on the status read above, so a concurrent change is refused rather than overwritten.
    changed = conn.execute(update(T_APPS).where(T_APPS.c.id == row.id, T_APPS.c.status == row.status).values(
        status=status, updated_at=now, reject_reason=reason if status == statuses.REJECTED else row.reject_reason))
    if changed.rowcount != 1:
        raise IllegalTransition(f"permohonan {row.registration_number} baru saja berubah; ulangi")
    conn.execute(insert(T_APP_EVENTS).values(application_id=row.id, from_status=row.status, to_status=status,
                                             actor=actor, at=now, reason=reason, source="central", applied=True,
                                             recorded_at=now))
    record_change(conn, wire.KIND_APPLICATION, row.id, wire.change_payload(
        wire.KIND_APPLICATION, id=row.id, status=status, reason=reason, at=_unix(now)), site_code=row.site_code,
        now=now)
    return {**application_summary(row), "status": status, "previous_status": row.status,
            "reject_reason": reason if status == statuses.REJECTED else row.reject_reason}


def public_status(conn: Connection, regno: str) -> dict:
    """A citizen's lookup: status and dates only, never personal data. Raises InputError / NotFound."""
    row = find_application(conn, regno)
    history = conn.execute(
        select(T_APP_EVENTS.c.to_status, T_APP_EVENTS.c.at)
        .where(T_APP_EVENTS.c.application_id == row.id, T_APP_EVENTS.c.applied.is_(True))
        .order_by(T_APP_EVENTS.c.at, T_APP_EVENTS.c.id)).all()
    return {
        "registration_number": row.registration_number,
        "service": row.service_code,
        "status": row.status,
        "status_label": statuses.APPLICATION_LABELS.get(row.status, row.status),
        "received_at": row.received_at.astimezone(SITE_TZ).isoformat(),
        "updated_at": row.updated_at.astimezone(SITE_TZ).isoformat(),
        "history": [{"status": h.to_status, "at": h.at.astimezone(SITE_TZ).isoformat()} for h in history],
    }


# --- announcements -------------------------------------------------------------------------------------

def add_announcement(conn: Connection, text: str, *, site: str | None, now: datetime,
                     ends_at: datetime | None = None) -> dict:
    text = clean(text)
    if not 1 <= len(text) <= LIMITS["announcement"][0]:
        raise InputError("teks pengumuman harus 1..500 huruf")
    row = {"id": str(uuid.uuid4()), "site_code": site, "text": text, "starts_at": now, "ends_at": ends_at,
           "active": True, "created_at": now}
    conn.execute(insert(Announcement.__table__).values(row))
    record_change(conn, wire.KIND_ANNOUNCEMENT, row["id"], announcement_payload(row), site_code=site, now=now)
    return row


def announcement_payload(row: dict) -> dict:
    return wire.change_payload(wire.KIND_ANNOUNCEMENT, id=row["id"], text=row["text"], active=row["active"],
                               starts_at=_unix(row["starts_at"]) if row["starts_at"] else None,
                               ends_at=_unix(row["ends_at"]) if row["ends_at"] else None)


# --- statistics ----------------------------------------------------------------------------------------

def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=SITE_TZ).astimezone(UTC)
    return start, start + timedelta(days=1)


def _minutes(pairs) -> float | None:
    values = [(end - start).total_seconds() / 60 for start, end in pairs if start and end and end >= start]
    return round(statistics.fmean(values), 1) if values else None


def stats(conn: Connection, *, site: str | None, day: date) -> dict:
    """Per site for one local business day: tickets, wait and service times, applications, SKM."""
    T, S = Ticket.__table__, Survey.__table__
    start, end = _day_bounds(day)
    sites = {site} if site else set(conn.scalars(select(Device.__table__.c.site_code).distinct()))
    sites |= set() if site else set(conn.scalars(select(T.c.site_code).where(T.c.business_day == day).distinct()))
    names = KECAMATAN
    out = []
    for code in sorted(sites):
        tickets = conn.execute(select(T.c.status, T.c.arrival_at, T.c.called_at, T.c.started_at, T.c.finished_at)
                               .where(T.c.site_code == code, T.c.business_day == day)).all()
        by_status: dict[str, int] = {}
        for t in tickets:
            by_status[t.status] = by_status.get(t.status, 0) + 1
        received = conn.scalar(select(func.count()).select_from(T_APPS).where(
            T_APPS.c.site_code == code, T_APPS.c.received_at >= start, T_APPS.c.received_at < end)) or 0
        open_files = dict(conn.execute(select(T_APPS.c.status, func.count()).where(T_APPS.c.site_code == code)
                                       .group_by(T_APPS.c.status)).all())
        scores = conn.scalars(select(S.c.scores).where(S.c.site_code == code, S.c.at >= start, S.c.at < end)).all()
        ikm = compute_ikm(scores)
        out.append({
            "site": code,
            "name": names.get(code, code),
            "tickets": {"issued": len(tickets), "by_status": dict(sorted(by_status.items())),
                        "avg_wait_minutes": _minutes((t.arrival_at, t.called_at) for t in tickets),
                        "avg_service_minutes": _minutes((t.started_at, t.finished_at) for t in tickets
                                                        if t.status == "done")},
            "applications": {"received": received,
                             "by_status": {s: open_files[s] for s in sorted(open_files, key=statuses.APPLICATION_RANK.get)}},
            "surveys": {"respondents": ikm["respondents"], "ikm": ikm["ikm"], "mutu": ikm["mutu"]},
        })
    return {"date": day.isoformat(), "sites": out}

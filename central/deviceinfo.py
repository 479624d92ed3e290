"""What the back office shows of enrolled devices: last contact, pull backlog, dead letters; revoke.

The pull backlog is how many changes for the device's site it has not pulled yet, counted from the
last cursor the device sent (`note_pull`, called by the pull endpoint; written only when it moved).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, and_, func, or_, select, update

from central.models import Change, Device, DevicePull, DeviceStream, Mutation
from central.rules import InputError, NotFound, protocol

T_DEVICES, T_PULLS, T_CHANGES = Device.__table__, DevicePull.__table__, Change.__table__
T_MUTATIONS, T_STREAMS = Mutation.__table__, DeviceStream.__table__
BACKLOG_CAP = 10_000
_noted: dict[tuple[str, str], str] = {}


def note_pull(db, device_id: str, cursor: str, now: datetime) -> None:
    """Remember the cursor a device pulled from (everything before it is applied at the device)."""
    key = (db.url, device_id)
    if not cursor or _noted.get(key) == cursor:
        return
    from central.db import upsert

    with db.write() as conn:
        upsert(conn, T_PULLS, [{"device_id": device_id, "cursor": cursor[:40], "pulled_at": now}], ["device_id"])
    _noted[key] = cursor


def backlog(conn: Connection, site: str, cursor: str | None) -> int:
    """Changes for `site` after `cursor` (capped at BACKLOG_CAP)."""
    txid, change_id = protocol.parse_cursor(cursor or "")
    inner = (select(T_CHANGES.c.id)
             .where(or_(T_CHANGES.c.site_code.is_(None), T_CHANGES.c.site_code == site))
             .where(or_(T_CHANGES.c.txid > txid, and_(T_CHANGES.c.txid == txid, T_CHANGES.c.id > change_id)))
             .limit(BACKLOG_CAP).subquery())
    return conn.scalar(select(func.count()).select_from(inner)) or 0


def device_rows(conn: Connection, site: str | None = None) -> list[dict]:
    """Every device with last contact, pull backlog and dead-letter count, by site."""
    query = (select(T_DEVICES, T_PULLS.c.cursor, T_PULLS.c.pulled_at)
             .join(T_PULLS, T_PULLS.c.device_id == T_DEVICES.c.id, isouter=True)
             .order_by(T_DEVICES.c.site_code, T_DEVICES.c.name))
    if site:
        query = query.where(T_DEVICES.c.site_code == site)
    dead = dict(conn.execute(select(T_MUTATIONS.c.device_id, func.count()).where(T_MUTATIONS.c.rejected.is_not(None))
                             .group_by(T_MUTATIONS.c.device_id)).all())
    pushed = dict(conn.execute(select(T_STREAMS.c.device_id, func.max(T_STREAMS.c.updated_at))
                               .group_by(T_STREAMS.c.device_id)).all())
    out = []
    for d in conn.execute(query):
        out.append({"id": d.id, "site": d.site_code, "name": d.name, "enrolled_at": d.enrolled_at,
                    "last_seen_at": max(filter(None, (d.last_seen_at, d.pulled_at, pushed.get(d.id))), default=None),
                    "last_push_at": pushed.get(d.id), "last_pull_at": d.pulled_at,
                    "backlog": backlog(conn, d.site_code, d.cursor) if d.revoked_at is None else None,
                    "dead_letters": dead.get(d.id, 0), "revoked_at": d.revoked_at})
    return out


def revoke_device(conn: Connection, device_id: str, now: datetime) -> dict:
    """Revoke a device: its credentials stop working at once and for good."""
    row = conn.execute(select(T_DEVICES).where(T_DEVICES.c.id == device_id)).first()
    if row is None:
        raise NotFound(f"perangkat {device_id} tidak ada")
    if row.revoked_at is not None:
        raise InputError(f"perangkat {row.name} sudah dicabut")
    conn.execute(update(T_DEVICES).where(T_DEVICES.c.id == device_id).values(revoked_at=now))
    return {"id": row.id, "site": row.site_code, "name": row.name}

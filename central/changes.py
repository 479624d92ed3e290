"""The pull change log: what sites must learn (catalog versions, application status, announcements).

Readers page through it by a cursor `(txid, id)`, never by a timestamp.

Why not just `id > cursor`: on PostgreSQL an id (a sequence value) is taken when a row is inserted
but becomes visible only when its transaction commits, so a slow transaction can commit id 5 after a
fast one committed id 6; a reader that already moved its cursor past 6 would skip 5 for ever.

The scheme: each row records the id of the transaction that wrote it (`txid`, from
pg_current_xact_id(), a 64-bit xid8 that never wraps). A reader serves only rows whose transaction
is older than the oldest transaction still running in its own snapshot
(`txid < pg_snapshot_xmin(pg_current_snapshot())`), in `(txid, id)` order. Every transaction below
that horizon has finished, so all its rows are visible now and none can appear later; and any
transaction that commits later has (or will be given) a txid at or above the horizon, i.e. above
every txid served so far. So the cursor `(txid, id)` only ever moves past rows that are final.
Writers take no lock; the price is that a long-running transaction holds the horizon back (new
rows wait, nothing is lost). On SQLite there is a single writer, ids commit in order and txid is 0,
so the same `(txid, id)` cursor reduces to `id`.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, and_, insert, literal_column, or_, select

from central.models import Change
from mpp import wire

PAGE_LIMIT = 500
PAGE_MAX_BYTES = 512 * 1024

changes = Change.__table__


def record_change(conn: Connection, kind: str, entity: str, payload: dict, *, site_code: str | None,
                  now: datetime) -> None:
    """Append one change in the caller's transaction; `site_code=None` reaches every site."""
    conn.execute(insert(changes).values(
        site_code=site_code, kind=kind, entity=entity, created_at=now,
        payload=json.dumps(payload, separators=(",", ":"), ensure_ascii=False)))


def read_changes(conn: Connection, site_code: str, cursor: str | None, *, limit: int = PAGE_LIMIT,
                 max_bytes: int = PAGE_MAX_BYTES) -> tuple[list[list], str, bool]:
    """One page for a site after `cursor`: ([[kind, payload], ...], next_cursor, more)."""
    txid, change_id = wire.parse_cursor(cursor)
    limit = max(1, min(limit, PAGE_LIMIT))
    query = (
        select(changes.c.id, changes.c.txid, changes.c.kind, changes.c.payload)
        .where(or_(changes.c.site_code.is_(None), changes.c.site_code == site_code))
        .where(or_(changes.c.txid > txid, and_(changes.c.txid == txid, changes.c.id > change_id)))
        .order_by(changes.c.txid, changes.c.id)
        .limit(limit + 1)
    )
    if conn.dialect.name == "postgresql":
        # Evaluated in the statement's own snapshot: the rows read and the horizon agree.
        query = query.where(changes.c.txid < literal_column("pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
    rows = conn.execute(query).all()
    more = len(rows) > limit
    page, size = [], 0
    for row in rows[:limit]:
        if page and size + len(row.payload) > max_bytes:
            more = True
            break
        page.append(row)
        size += len(row.payload)
    next_cursor = wire.format_cursor(page[-1].txid, page[-1].id) if page else (cursor or "")
    return [[row.kind, json.loads(row.payload)] for row in page], next_cursor, more


__all__ = ["read_changes", "record_change"]

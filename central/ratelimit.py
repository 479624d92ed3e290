"""A fixed-window rate limiter kept in the database, so every app process shares one count.

One upsert per hit: the row for a key holds the current window's number and its hits; a hit in a
new window starts the count again. Runs in its own short transaction, so a refused request still
counts and a slow page never holds the row.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from sqlalchemy import Connection, case, delete

from central.models import RateLimit

T_LIMITS = RateLimit.__table__


@dataclass(frozen=True)
class Limit:
    """At most `hits` per `seconds` for one key."""

    hits: int
    seconds: int


LOGIN_FAILURES_PER_IP = Limit(20, 15 * 60)
LOGIN_FAILURES_PER_USER = Limit(8, 15 * 60)
STATUS_LOOKUPS = Limit(30, 60)
BOOKINGS = Limit(10, 60 * 60)


def _upsert(conn: Connection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(T_LIMITS)


def hit(conn: Connection, key: str, limit: Limit, now: float | None = None, *, durable: bool = True) -> bool:
    """Count one hit for `key`; False when the key is over its limit in this window.

    `durable=False` (a transaction of its own that holds nothing else) commits without waiting for the disk.
    """
    now = time.time() if now is None else now
    if not durable and conn.dialect.name == "postgresql":
        # A count lost to a crash costs nothing; not waiting for the WAL flush keeps a public page fast.
        conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
    window = int(now // limit.seconds) * limit.seconds  # the window's start, in Unix seconds
    stmt = _upsert(conn).values(key=key[:120], window=window, hits=1)
    stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={
        "hits": case((T_LIMITS.c.window == window, T_LIMITS.c.hits + 1), else_=1),
        "window": window,
    }).returning(T_LIMITS.c.hits)
    hits = conn.execute(stmt).scalar_one()
    if random.random() < 0.001:  # now and then, forget keys idle for a day
        conn.execute(delete(T_LIMITS).where(T_LIMITS.c.window < int(now) - 86400))
    return hits <= limit.hits


def over(conn: Connection, key: str, limit: Limit, now: float | None = None) -> bool:
    """True when `key` already used up this window (counts nothing)."""
    from sqlalchemy import select

    now = time.time() if now is None else now
    row = conn.execute(select(T_LIMITS.c.window, T_LIMITS.c.hits).where(T_LIMITS.c.key == key[:120])).first()
    return row is not None and row.window == int(now // limit.seconds) * limit.seconds and row.hits >= limit.hits


def clear(conn: Connection, key: str) -> None:
    conn.execute(delete(T_LIMITS).where(T_LIMITS.c.key == key[:120]))

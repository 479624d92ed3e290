"""The outbox: every change other machines must learn, appended in the caller's transaction.

`(epoch, seq)` is contiguous within an epoch and never reused; sync pushes rows in that order.
Payloads are written by field name (`append(s, wire.TICKET_ISSUED, now, id=..., number=...)`) and
stored with the wire's short keys (mpp.wire.SHAPES maps them).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.models import OutboxMutation
from kiosk.site import this_device
from mpp import wire
from mpp.wire import MUTATION_SCHEMA_VERSION


def append(session: Session, name: str, created_at: datetime, /, **fields) -> OutboxMutation:
    """Append mutation `name` with its fields by long name (see mpp.wire.SHAPES); the seq is the next
    one of this epoch."""
    return append_stored(session, name, wire.payload(name, **fields), created_at)


def append_stored(session: Session, name: str, payload: dict, at: datetime) -> OutboxMutation:
    """Append a payload already in stored (short-key) form, e.g. a mutation this version has no shape for."""
    epoch = this_device(session).epoch
    last = session.scalar(select(func.max(OutboxMutation.seq)).where(OutboxMutation.epoch == epoch))
    row = OutboxMutation(
        epoch=epoch,
        seq=(last or 0) + 1,
        name=name,
        payload=json.dumps(payload, separators=(",", ":"), ensure_ascii=False),
        schema_version=MUTATION_SCHEMA_VERSION,
        created_at=at,
    )
    session.add(row)
    return row


def dead_letters(session: Session, limit: int | None = None) -> list[dict]:
    """Mutations central refused for good (newest first): [{seq, kind, reason, at}]; `epoch` too."""
    query = (select(OutboxMutation).where(OutboxMutation.rejected.is_not(None))
             .order_by(OutboxMutation.acked_at.desc(), OutboxMutation.id.desc()).limit(limit))
    return [{"seq": row.seq, "epoch": row.epoch, "kind": row.name, "reason": row.rejected,
             "at": row.acked_at.isoformat() if row.acked_at else None} for row in session.scalars(query)]


def dead_letter_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxMutation)
                          .where(OutboxMutation.rejected.is_not(None))) or 0


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxMutation).where(OutboxMutation.acked_at.is_(None))) or 0


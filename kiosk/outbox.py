"""The outbox: every change other machines must learn, appended in the caller's transaction.

`(epoch, seq)` is contiguous within an epoch and never reused; sync pushes rows in that order.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.models import OutboxMutation
from kiosk.site import this_device

# Version of the mutation payloads below; central accepts this one and the one before.
MUTATION_SCHEMA_VERSION = 1


def append(session: Session, name: str, payload: dict, at: datetime) -> OutboxMutation:
    """Append mutation `name` with a compact JSON payload; the seq is the next one of this epoch."""
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


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxMutation).where(OutboxMutation.acked_at.is_(None))) or 0


def epoch_seconds(value: datetime | None) -> int | None:
    """Times inside payloads are integer Unix seconds: short on a slow link."""
    return int(value.timestamp()) if value is not None else None

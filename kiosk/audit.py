"""The audit log: who did what, and every view of a citizen's record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.models import AuditEntry


def record(session: Session, actor: str, action: str, at: datetime, object_type: str | None = None,
           object_id: str | None = None, detail: str | None = None) -> None:
    """Append one audit entry in the caller's transaction."""
    session.add(AuditEntry(at=at, actor=actor, action=action, object_type=object_type,
                           object_id=object_id, detail=detail))

"""Running-text announcements for the TV display; central publishes them and the pull stores them here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kiosk.models import Announcement


def active(session: Session, now: datetime) -> list[str]:
    """The announcement texts to run now, in publishing order."""
    rows = session.scalars(
        select(Announcement).where(
            Announcement.active.is_(True),
            or_(Announcement.starts_at.is_(None), Announcement.starts_at <= now),
            or_(Announcement.ends_at.is_(None), Announcement.ends_at >= now),
        ).order_by(Announcement.starts_at, Announcement.id)
    )
    return [a.text for a in rows]

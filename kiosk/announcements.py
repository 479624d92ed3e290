"""Running-text announcements for the TV display; central publishes them and the pull stores them here, and a
supervisor may add the site's own (ids `site-…`, which central's pull never touches)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kiosk.clock import SITE_TZ
from kiosk.errors import InputError, NotFound
from kiosk.models import Announcement
from mpp.text import clean

SITE_PREFIX = "site-"
TEXT_MAX = 300


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


def add(session: Session, text: str, *, starts_at: datetime | None = None, ends_at: datetime | None = None) -> Announcement:
    """A running-text line of the site's own, shown from `starts_at` (default now) until `ends_at` (or removed)."""
    value = clean(text or "")
    if not 3 <= len(value) <= TEXT_MAX:
        raise InputError(f"teks berjalan wajib diisi, 3–{TEXT_MAX} huruf")
    if starts_at and ends_at and ends_at <= starts_at:
        raise InputError("waktu selesai harus sesudah waktu mulai")
    row = Announcement(id=SITE_PREFIX + str(uuid.uuid4()), text=value, starts_at=starts_at, ends_at=ends_at,
                       active=True)
    session.add(row)
    return row


def listing(session: Session) -> list[dict]:
    """Every active announcement (central's and the site's): {id, text, starts_at, ends_at, own}."""
    rows = session.scalars(select(Announcement).where(Announcement.active.is_(True))
                           .order_by(Announcement.starts_at, Announcement.id))
    def local(value: datetime | None) -> str | None:
        return value.astimezone(SITE_TZ).isoformat() if value else None

    return [{"id": a.id, "text": a.text, "starts_at": local(a.starts_at), "ends_at": local(a.ends_at),
             "own": a.id.startswith(SITE_PREFIX)} for a in rows]


def remove(session: Session, announcement_id: str) -> Announcement:
    """Stop one of the site's own lines (central's are central's to withdraw)."""
    row = session.get(Announcement, announcement_id)
    if row is None or not row.active:
        raise NotFound(f"teks berjalan {announcement_id!r} tidak ditemukan")
    if not row.id.startswith(SITE_PREFIX):
        raise InputError("teks berjalan ini dari MPP Induk; hanya pusat yang bisa menariknya")
    row.active = False
    return row

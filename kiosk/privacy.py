"""Personal data at the site, kept only as long as needed (UU 27/2022, DESIGN.md §5).

- An application's NIK, phone and address are masked in place once it is closed (handed over or
  rejected), synced (no mutation about it still waits in the outbox) and `privacy.site_retention_days`
  have passed since. The mask is local: no mutation is made, so central never receives masked data
  (central keeps its copy for its own retention). The outbox's copy of the intake (acknowledged by
  central, never sent again) is masked too. Names, statuses and dates stay: Cek Status, receipt
  reprints (NIK masked as always) and the statistics need them.
- An intake draft (a full NIK typed and not yet taken in) is deleted 24 hours after it was last saved.
- Backups made by `kiosk backup` are forgotten after the retention (the files are the op's business).

Plain functions over a session; nothing here commits.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.models import Application, BackupFile, IntakeDraft, OutboxMutation
from mpp import statuses, wire
from mpp.personal import MASKED_ADDRESS, is_masked_nik, mask_nik, mask_phone

DEFAULT_SITE_RETENTION_DAYS = 30
DRAFT_HOURS = 24
_APPLICATION_MUTATIONS = (wire.APPLICATION_RECEIVED, wire.APPLICATION_STATUS)


def cutoff(now: datetime, days: int) -> datetime:
    return now - timedelta(days=int(days))


def _ids_waiting_in_outbox(session: Session) -> set[str]:
    """Applications some not-yet-acknowledged mutation is about."""
    ids = set()
    for payload in session.scalars(select(OutboxMutation.payload).where(
            OutboxMutation.acked_at.is_(None), OutboxMutation.name.in_(_APPLICATION_MUTATIONS))):
        try:
            ids.add(json.loads(payload).get("i"))
        except (ValueError, AttributeError):
            continue
    return ids


def due_applications(session: Session, now: datetime, days: int) -> list[Application]:
    """Closed, synced applications not changed for `days`, whose personal data is not masked yet."""
    waiting = _ids_waiting_in_outbox(session)
    rows = session.scalars(select(Application).where(
        Application.status.in_(sorted(statuses.FINAL_APPLICATION_STATUSES)),
        Application.updated_at < cutoff(now, days)).order_by(Application.received_at))
    return [app for app in rows if app.id not in waiting and not is_masked_nik(app.nik)]


def mask_application(session: Session, app: Application) -> None:
    """NIK, phone and address masked in place, here and in the outbox's acknowledged copy of the intake."""
    app.nik = mask_nik(app.nik)
    app.phone = mask_phone(app.phone)
    app.address = MASKED_ADDRESS if app.address else app.address
    fields = wire.SHAPES[wire.APPLICATION_RECEIVED].long_to_short
    for row in session.scalars(select(OutboxMutation).where(
            OutboxMutation.name == wire.APPLICATION_RECEIVED, OutboxMutation.acked_at.is_not(None),
            OutboxMutation.payload.contains(app.id))):
        payload = json.loads(row.payload)
        if payload.get("i") != app.id:
            continue
        payload[fields["nik"]] = mask_nik(payload.get(fields["nik"]) or "")
        payload[fields["phone"]] = mask_phone(payload.get(fields["phone"]))
        if payload.get(fields["address"]):
            payload[fields["address"]] = MASKED_ADDRESS
        row.payload = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)


def purge_applications(session: Session, now: datetime, days: int, *, dry_run: bool = False) -> int:
    due = due_applications(session, now, days)
    if not dry_run:
        for app in due:
            mask_application(session, app)
    return len(due)


# --- intake drafts ----------------------------------------------------------------------------------------

def save_draft(session: Session, counter: int, data: dict, now: datetime) -> None:
    row = session.get(IntakeDraft, int(counter))
    if row is None:
        session.add(IntakeDraft(counter=int(counter), data=data, saved_at=now))
    else:
        row.data, row.saved_at = data, now


def load_draft(session: Session, counter: int, now: datetime) -> dict | None:
    """Counter N's draft, unless it is older than DRAFT_HOURS (then it is as good as purged)."""
    row = session.get(IntakeDraft, int(counter))
    if row is None or row.saved_at < now - timedelta(hours=DRAFT_HOURS) or not isinstance(row.data, dict):
        return None
    return dict(row.data)


def clear_draft(session: Session, counter: int) -> None:
    session.execute(delete(IntakeDraft).where(IntakeDraft.counter == int(counter)))


def purge_drafts(session: Session, now: datetime, *, dry_run: bool = False) -> int:
    old = IntakeDraft.saved_at < now - timedelta(hours=DRAFT_HOURS)
    count = len(session.scalars(select(IntakeDraft.counter).where(old)).all())
    if count and not dry_run:
        session.execute(delete(IntakeDraft).where(old))
    return count


# --- backups --------------------------------------------------------------------------------------------

def record_backup(session: Session, path: str, now: datetime) -> None:
    row = session.get(BackupFile, path)
    if row is None:
        session.add(BackupFile(path=path, made_at=now))
    else:
        row.made_at = now


def due_backups(session: Session, now: datetime, days: int) -> list[str]:
    """Paths of the backups `kiosk backup` made more than `days` ago."""
    return list(session.scalars(select(BackupFile.path).where(BackupFile.made_at < cutoff(now, days))
                                .order_by(BackupFile.made_at)))


def forget_backup(session: Session, path: str) -> None:
    session.execute(delete(BackupFile).where(BackupFile.path == path))

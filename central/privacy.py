"""Personal data kept only as long as needed (UU 27/2022): NIK, phone and address of an application are
masked in place once it has been closed (handed over or rejected) for `privacy.central_retention_days`
(default 730). Names, statuses and dates stay: the statistics and the public status page need them.

The raw trail (the `application.received` mutation as it arrived) is masked too; its digest is kept, so
a late repeat of the same push is still recognised as a repeat.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta

from sqlalchemy import Connection, select, update

from central.models import Application, Mutation
from mpp import statuses, wire
from mpp.errors import InputError
from mpp.personal import MASKED_ADDRESS, mask_nik, mask_phone

DEFAULT_RETENTION_DAYS = 730
ENV_RETENTION_DAYS = "KIOSK_SERVER_PRIVACY_CENTRAL_RETENTION_DAYS"  # privacy.central_retention_days
T_APPS, T_MUTATIONS = Application.__table__, Mutation.__table__
CHUNK = 500


def retention_days(value: int | str | None = None) -> int:
    """The retention period: the argument, else the environment, else 730 days."""
    raw = value if value is not None else os.environ.get(ENV_RETENTION_DAYS, DEFAULT_RETENTION_DAYS)
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 36500:
        raise InputError(f"masa simpan harus 1..36500 hari, bukan {str(raw)[:20]!r} ({ENV_RETENTION_DAYS})")
    return int(text)


def _masked_trail(payload_text: str, ids: set[str]) -> str | None:
    payload = json.loads(payload_text)
    if payload.get("i") not in ids:
        return None
    fields = wire.SHAPES[wire.APPLICATION_RECEIVED].long_to_short
    nik, phone, address = fields["nik"], fields["phone"], fields["address"]
    payload[nik] = mask_nik(payload.get(nik) or "")
    payload[phone] = mask_phone(payload.get(phone))
    payload[address] = MASKED_ADDRESS if payload.get(address) else payload.get(address)
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def purge(conn: Connection, *, now: datetime, days: int, dry_run: bool = False) -> dict:
    """Mask what is due, in the caller's transaction; {"applications": N, "mutations": N, ...} (counts only)."""
    cutoff = now - timedelta(days=days)
    due = conn.execute(select(T_APPS.c.id, T_APPS.c.device_id, T_APPS.c.nik, T_APPS.c.phone, T_APPS.c.address)
                       .where(T_APPS.c.status.in_(sorted(statuses.FINAL_APPLICATION_STATUSES)),
                              T_APPS.c.purged_at.is_(None), T_APPS.c.updated_at < cutoff)
                       .order_by(T_APPS.c.id)).all()
    trail = 0
    if not dry_run and due:
        for row in due:
            conn.execute(update(T_APPS).where(T_APPS.c.id == row.id).values(
                nik=mask_nik(row.nik), phone=mask_phone(row.phone),
                address=MASKED_ADDRESS if row.address else None, purged_at=now))
        by_device: dict[str, set[str]] = {}
        for row in due:
            by_device.setdefault(row.device_id, set()).add(row.id)
        m = T_MUTATIONS
        for device_id, ids in by_device.items():
            for stored in conn.execute(select(m.c.epoch, m.c.seq, m.c.payload).where(
                    m.c.device_id == device_id, m.c.name == wire.APPLICATION_RECEIVED)):
                masked = _masked_trail(stored.payload, ids)
                if masked is not None:
                    conn.execute(update(m).where(m.c.device_id == device_id, m.c.epoch == stored.epoch,
                                                 m.c.seq == stored.seq).values(payload=masked))
                    trail += 1
    return {"applications": len(due), "mutations": trail, "retention_days": days, "cutoff": cutoff.isoformat(),
            "dry_run": dry_run}

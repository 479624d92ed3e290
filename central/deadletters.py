"""Dead letters at central: mutations that could not apply when they arrived (kept, with the reason).

An operator at MPP Induk fixes the cause (publishes the missing service, lets the ticket the event names
arrive, ...) and replays: the stored mutation runs through the same ingest rules again, in the caller's
transaction. Plain functions over a Connection; the caller owns the transaction. A dead letter's id is
`DEVICE_ID:EPOCH:SEQ` (device ids never contain `:`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from central.ingest import PushRefused, apply_one
from central.models import Device, Mutation
from mpp import wire
from mpp.errors import InputError, NotFound
from mpp.text import clean_field

T_MUTATIONS, T_DEVICES = Mutation.__table__, Device.__table__


def mutation_id(device_id: str, epoch: int, seq: int) -> str:
    return f"{device_id}:{epoch}:{seq}"


def parse_mutation_id(text: str) -> tuple[str, int, int]:
    """`DEVICE:EPOCH:SEQ` -> (device, epoch, seq); InputError otherwise."""
    device_id, _, rest = str(text).strip().partition(":")
    epoch, _, seq = rest.partition(":")
    if not device_id or not (epoch.isascii() and epoch.isdigit() and seq.isascii() and seq.isdigit()) \
            or len(epoch) > 18 or len(seq) > 18:
        raise InputError(f"id surat mati harus PERANGKAT:EPOCH:SEQ, bukan {str(text)[:80]!r}")
    return device_id, int(epoch), int(seq)


def _row_dict(row, with_payload: bool) -> dict:
    data = {"id": mutation_id(row.device_id, row.epoch, row.seq), "device_id": row.device_id, "site": row.site_code,
            "epoch": row.epoch, "seq": row.seq, "kind": row.name, "reason": row.rejected,
            "received_at": row.received_at.isoformat()}
    if with_payload:  # the back office's page masks what it shows of it
        data.update(payload=row.payload, device=row.device_name)
    return data


def list_dead_letters(conn: Connection, *, site: str | None = None, device_id: str | None = None,
                      limit: int = 500, with_payload: bool = False) -> list[dict]:
    """Dead letters not (successfully) replayed, newest first: [{id, device_id, site, epoch, seq, kind, reason,
    received_at}] (+ payload and device name `with_payload`)."""
    m, d = T_MUTATIONS, T_DEVICES
    query = (select(m.c.device_id, m.c.epoch, m.c.seq, m.c.name, m.c.rejected, m.c.received_at, d.c.site_code,
                    m.c.payload, d.c.name.label("device_name"))
             .join(d, d.c.id == m.c.device_id).where(m.c.rejected.is_not(None))
             .order_by(m.c.received_at.desc(), m.c.device_id, m.c.epoch, m.c.seq).limit(limit))
    if site:
        query = query.where(d.c.site_code == site)
    if device_id:
        query = query.where(m.c.device_id == device_id)
    return [_row_dict(row, with_payload) for row in conn.execute(query)]


def replay(session_or_conn, mutation_id: str, actor: str, *, now: datetime | None = None) -> dict:
    """Apply a dead letter again, with today's data; in the caller's transaction (a Connection, or an ORM
    Session whose connection is used).

    Returns {id, kind, applied, reason}: applied True when it went through now (the dead letter is closed,
    with who replayed it and when), else False with the reason it still cannot apply. Raises NotFound for
    an unknown id and InputError for a mutation that is not a dead letter.
    """
    conn: Connection = session_or_conn.connection() if isinstance(session_or_conn, Session) else session_or_conn
    device_id, epoch, seq = parse_mutation_id(mutation_id)
    actor = clean_field("actor", actor, required=True)
    now = now or datetime.now(UTC)
    m = T_MUTATIONS
    query = select(m).where(m.c.device_id == device_id, m.c.epoch == epoch, m.c.seq == seq)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()  # two operators replaying the same letter: one after the other
    row = conn.execute(query).first()
    if row is None:
        raise NotFound(f"surat mati {mutation_id} tidak ditemukan")
    if row.rejected is None:
        raise InputError(f"mutasi {mutation_id} sudah diterapkan (bukan surat mati)")
    device = conn.execute(select(T_DEVICES.c.id, T_DEVICES.c.site_code, T_DEVICES.c.last_seen_at)
                          .where(T_DEVICES.c.id == device_id)).first()
    if device is None:
        raise NotFound(f"perangkat {device_id} tidak ditemukan")
    payload = json.loads(row.payload)
    if wire.OVERSIZED in payload:
        reason = row.rejected  # only a stub ever arrived: there is nothing to apply
    else:
        try:
            reason = apply_one(conn, device, row.name, wire.read_payload(row.name, payload), now)
        except PushRefused as exc:  # e.g. the record belongs to another site
            reason = exc.message
    where = (m.c.device_id == device_id, m.c.epoch == epoch, m.c.seq == seq)
    if reason is None:
        conn.execute(update(m).where(*where).values(rejected=None, replayed_at=now, replayed_by=actor))
    elif reason != row.rejected:
        conn.execute(update(m).where(*where).values(rejected=reason))
    return {"id": mutation_id, "kind": row.name, "applied": reason is None, "reason": reason}

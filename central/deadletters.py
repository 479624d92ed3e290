"""Dead letters: mutations central could never apply (stored with their reason) and their replay.

A minimal version for the back office: list them, and replay one through the same ingest effects a
push uses (after the cause was fixed, e.g. a service published to the catalog). A replay that
applies clears the reason; one that still fails keeps the mutation dead with the new reason.
`mutation_id` is `DEVICE_ID:EPOCH:SEQ`, the mutation's key.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import Connection, select, update

from central.models import Device, Mutation

T_MUTATIONS, T_DEVICES = Mutation.__table__, Device.__table__


def mutation_key(device_id: str, epoch: int, seq: int) -> str:
    return f"{device_id}:{epoch}:{seq}"


def parse_key(mutation_id: str) -> tuple[str, int, int]:
    from central.rules import InputError

    device_id, _, rest = str(mutation_id).rpartition(":")
    device_id, _, epoch = device_id.rpartition(":")
    if not device_id or not epoch.isdigit() or not rest.isdigit():
        raise InputError(f"id mutasi tidak sah: {mutation_id!r} (DEVICE:EPOCH:SEQ)")
    return device_id, int(epoch), int(rest)


def list_dead(conn: Connection, *, site: str | None = None, limit: int = 200) -> list[dict]:
    """The most recent dead letters (newest first) with their device's site."""
    query = (select(T_MUTATIONS, T_DEVICES.c.site_code, T_DEVICES.c.name.label("device_name"))
             .join(T_DEVICES, T_DEVICES.c.id == T_MUTATIONS.c.device_id)
             .where(T_MUTATIONS.c.rejected.is_not(None))
             .order_by(T_MUTATIONS.c.received_at.desc()).limit(limit))
    if site:
        query = query.where(T_DEVICES.c.site_code == site)
    return [{"id": mutation_key(r.device_id, r.epoch, r.seq), "device_id": r.device_id, "device": r.device_name,
             "site": r.site_code, "epoch": r.epoch, "seq": r.seq, "name": r.name, "payload": r.payload,
             "reason": r.rejected, "received_at": r.received_at} for r in conn.execute(query)]


def replay(session_or_conn, mutation_id: str, actor: str) -> dict:
    """Apply a dead-lettered mutation again in the caller's transaction: {id, applied, reason, actor}."""
    from central.ingest import Effects, PushRefused, Reject
    from central.rules import InputError, NotFound

    conn: Connection = session_or_conn.connection() if hasattr(session_or_conn, "connection") else session_or_conn
    device_id, epoch, seq = parse_key(mutation_id)
    row = conn.execute(select(T_MUTATIONS).where(T_MUTATIONS.c.device_id == device_id, T_MUTATIONS.c.epoch == epoch,
                                                 T_MUTATIONS.c.seq == seq)).first()
    if row is None:
        raise NotFound(f"mutasi {mutation_id} tidak ada")
    if row.rejected is None:
        raise InputError(f"mutasi {mutation_id} sudah diterapkan; tidak ada yang diulang")
    device = conn.execute(select(T_DEVICES).where(T_DEVICES.c.id == device_id)).first()
    if device is None:
        raise NotFound(f"perangkat {device_id} tidak ada")
    now = datetime.now(UTC)
    payload = json.loads(row.payload)
    effects = Effects(conn, device, now)
    effects.prefetch([(row.name, payload)])
    try:
        effects.apply(row.name, payload)
    except (Reject, PushRefused) as exc:
        reason = str(exc) if isinstance(exc, Reject) else exc.message
        conn.execute(update(T_MUTATIONS).where(T_MUTATIONS.c.device_id == device_id, T_MUTATIONS.c.epoch == epoch,
                                               T_MUTATIONS.c.seq == seq).values(rejected=reason))
        return {"id": mutation_id, "applied": False, "reason": reason, "actor": actor}
    effects.flush()
    conn.execute(update(T_MUTATIONS).where(T_MUTATIONS.c.device_id == device_id, T_MUTATIONS.c.epoch == epoch,
                                           T_MUTATIONS.c.seq == seq).values(rejected=None))
    return {"id": mutation_id, "applied": True, "reason": None, "actor": actor}

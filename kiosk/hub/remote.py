"""A joined PC's side of the hub: where each site op goes, the replica, and the spool.

- A write goes to the hub, with a key (the hub answers a repeat once). Prints come back as content and
  are queued on this PC's printer. When the hub is away, an intake, a hand-over or a survey goes into
  the spool instead — checked against the replica first, so bad input is still refused at once — and
  the citizen's receipt prints here with its final registration number (this PC's device tag makes it
  unique); every other write says the hub is unreachable (exit code 1).
- A read goes to the hub, or to the replica when the hub is away (the desktop app reads its replica
  always: it never waits on the LAN to draw a screen; live events keep the replica fresh).
- The replica is the hub's change log applied page by page, each page and its cursor in one local
  transaction; the spool is sent in order, each entry exactly once, whenever the hub is back.
"""

from __future__ import annotations

import json
import logging
import uuid
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select

from kiosk.errors import KioskError
from kiosk.hub import changelog, state
from kiosk.hub.requests import _Enlisted
from kiosk.models import SpoolEntry

log = logging.getLogger(__name__)

SPOOLABLE = {"application.new", "application.hand_over", "survey.add"}
# Reads that record an operator's look at a citizen's record: on the replica, the record goes to the spool.
AUDITED_READS = {"application.search": "search", "application.show": "view"}
MAX_PULL_PAGES = 10_000
AWAY_SECONDS = 3.0  # after a failed call, go straight to the replica / spool for this long (never freeze a screen)


def client_for(app):
    """This PC's (cached) client of its hub."""
    from kiosk.sync.hub_client import HubClient

    cached = app._shared.get("hub_client")
    if cached is not None:
        return cached
    with app.store.read() as s:
        facts = state.joined_facts(s)
    if not (facts["url"] and facts["fingerprint"] and facts["token"]):
        raise KioskError("PC ini belum bergabung ke hub (`kiosk join`)")
    client = HubClient(facts["url"], facts["fingerprint"], facts["token"])
    app._shared["hub_client"] = client
    return client


def mark_away(app, away: bool = True) -> None:
    """Remember (in this process) that the hub did not answer just now, or that it answers again."""
    import time

    app._shared["hub_away_until"] = time.monotonic() + AWAY_SECONDS if away else 0.0


def hub_away(app) -> bool:
    import time

    return app._shared.get("hub_away_until", 0.0) > time.monotonic()


def forget_client(app) -> None:
    client = app._shared.pop("hub_client", None)
    if client is not None:
        client.close()


def run(app, entry, kwargs: dict):
    """Run the site op `entry` for a joined PC (see the module docstring)."""
    from kiosk.ops.printing import settle_deferred
    from kiosk.sync.hub_client import HubUnreachable

    if not entry.write and getattr(app, "read_replica", False):
        return on_replica(app, entry, kwargs)
    try:
        if hub_away(app):
            raise HubUnreachable()
        client = client_for(app)
        if entry.write:
            result = client.call(entry.name, kwargs, actor=app.actor, key=uuid.uuid4().hex)
        else:
            result = client.call(entry.name, kwargs, actor=app.actor)
    except HubUnreachable:
        mark_away(app)
        if entry.name in SPOOLABLE:
            return spool_write(app, entry, kwargs)
        if not entry.write or entry.name in AUDITED_READS:
            return on_replica(app, entry, kwargs)
        raise
    return settle_deferred(app, result) if entry.write else result


@contextmanager
def _dry_run(app):
    """A write transaction on the replica that is always rolled back: an op runs its checks and builds its
    answer, and nothing it wrote stays (this PC never writes the site's tables itself)."""
    with app.store.transaction() as s:
        savepoint = s.begin_nested()
        try:
            yield s
        finally:
            savepoint.rollback()


def on_replica(app, entry, kwargs: dict):
    """Answer a read from this PC's replica (possibly stale). An audited read leaves its audit record in
    the spool, for the hub."""
    if not entry.write:
        return entry.func(app, **kwargs)
    with _dry_run(app) as s:
        result = entry.func(replace(app, prints_here=False, _store=_Enlisted(s, app.store.path)), **kwargs)
    if entry.name in AUDITED_READS:
        detail = kwargs.get("regno") or (f"{len(result)} hasil (replika)" if isinstance(result, list) else None)
        _enqueue(app, "audit.access", {"action": AUDITED_READS[entry.name], "object_type": "application",
                                       "detail": detail, "at": app.now().isoformat()})
    return result


def spool_write(app, entry, kwargs: dict) -> dict:
    """Keep a write for the hub (see the module docstring); the answer says `"spooled": true`."""
    from kiosk import applications
    from kiosk.clock import SITE_TZ
    from kiosk.ops.printing import settle_deferred
    from kiosk.site import this_device

    now = app.now()
    args = {**kwargs, "at": now.isoformat()}
    with app.store.transaction() as s:
        if entry.name == "application.new":
            device = this_device(s)  # this PC's own device tag numbers what it takes in while alone
            taken = [json.loads(e.args).get("registration_number") for e in
                     s.scalars(select(SpoolEntry).where(SpoolEntry.op == "application.new"))]
            args["registration_number"] = applications.next_registration_number(
                s, device.site_code, now.astimezone(SITE_TZ).date(), device.reg_tag, taken)
            args["application_id"] = str(uuid.uuid4())
        savepoint = s.begin_nested()
        try:
            # The op's own checks, on the replica: bad input is refused now, not when the hub is back.
            result = entry.func(replace(app, prints_here=False, _store=_Enlisted(s, app.store.path)), **args)
        finally:
            savepoint.rollback()
        args.pop("print", None)  # printed here, now; the hub must not hand it back again
        s.add(SpoolEntry(key=uuid.uuid4().hex, op=entry.name, args=json.dumps(args, ensure_ascii=False),
                         actor=app.actor, created_at=now, attempts=0))
    result = settle_deferred(app, result)
    if isinstance(result, dict):
        result["spooled"] = True
    return result


def _enqueue(app, op_name: str, args: dict) -> None:
    with app.store.transaction() as s:
        s.add(SpoolEntry(key=uuid.uuid4().hex, op=op_name, args=json.dumps(args, ensure_ascii=False),
                         actor=app.actor, created_at=app.now(), attempts=0))


def spooled_count(session) -> int:
    """Spool entries not yet delivered (and not refused by the hub)."""
    return session.scalar(select(func.count()).select_from(SpoolEntry).where(
        SpoolEntry.sent_at.is_(None), SpoolEntry.error.is_(None))) or 0


def flush(app, client=None) -> dict:
    """Send the spool to the hub in order, each entry once: {sent, refused, left}. Stops (quietly) when the
    hub is away; an entry the hub refuses for good (say the application changed meanwhile) is kept with
    the reason, shown, and not sent again."""
    from kiosk.sync.hub_client import HubUnreachable

    client = client or client_for(app)
    sent = refused = 0
    while True:
        with app.store.read() as s:
            entry = s.scalar(select(SpoolEntry).where(SpoolEntry.sent_at.is_(None), SpoolEntry.error.is_(None))
                             .order_by(SpoolEntry.id).limit(1))
        if entry is None:
            break
        try:
            answer, error = client.call(entry.op, json.loads(entry.args), actor=entry.actor, key=entry.key), None
        except HubUnreachable:
            break
        except KioskError as exc:
            answer, error = None, f"{type(exc).__name__}: {exc}"
        with app.store.transaction() as s:
            row = s.get(SpoolEntry, entry.id)
            row.attempts += 1
            row.sent_at = app.now()
            row.result = json.dumps(answer, ensure_ascii=False, default=str) if answer is not None else None
            row.error = error
        if error:
            refused += 1
            log.warning("spooled %s refused by the hub: %s", entry.op, error)
        else:
            sent += 1
    with app.store.read() as s:
        left = spooled_count(s)
    return {"sent": sent, "refused": refused, "left": left}


def pull(app, client=None, *, max_pages: int = MAX_PULL_PAGES) -> dict:
    """Apply the hub's change log to this PC's replica up to the hub's head: {rows, cursor, pages}."""
    client = client or client_for(app)
    rows = pages = 0
    with app.store.read() as s:
        cursor = state.get(s, state.K_CURSOR) or ""
    for _ in range(max_pages):
        page = client.replica_page(cursor)
        with app.store.transaction() as s:
            rows += changelog.apply_page(s, page)
            state.put(s, state.K_CURSOR, page["cursor"])
            state.put(s, state.K_HUB_META, page.get("hub"))
            state.put(s, state.K_LAST_CONTACT, app.now().isoformat())
            if not page["cursor"].startswith("snap."):
                state.put(s, "hub.replica_synced", app.now().isoformat())
        pages += 1
        cursor = page["cursor"]
        if not page.get("more"):
            break
    return {"rows": rows, "cursor": cursor, "pages": pages}


def replica_lag_seconds(session, now: datetime) -> float | None:
    """Seconds since the replica was last known to be as fresh as the hub (None: never)."""
    synced = state.get(session, "hub.replica_synced")
    if not synced:
        return None
    return max(0.0, round((now - datetime.fromisoformat(synced)).total_seconds(), 1))


def flush_if_pending(app) -> dict | None:
    """On a joined PC with writes in its spool: send them now (every `kiosk` command does, before its own
    work). Quiet when the hub is away: the spool waits."""
    if not app.settings.db_path.exists() or app.site_role() != state.JOINED:
        return None
    with app.store.read() as s:
        if not spooled_count(s):
            return None
    try:
        return flush(app)
    except KioskError as exc:
        log.info("spool not sent: %s", exc)
        return None

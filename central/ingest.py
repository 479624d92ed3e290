"""Applying a pushed batch: each mutation at most once, its effects and its bookkeeping in one transaction.

Per device and epoch, `device_streams.next_seq` is the next seq central expects; its row is locked by
the upsert that reads it, so two pushes of one device (a retry racing the original) run one after
the other. For a batch starting at seq `s`:
  s > expected            -> 409 gap (with the expected seq); nothing changes
  seqs below expected     -> repeats: the stored result is replayed; a "repeat" whose content differs
                             (a restored kiosk reusing an epoch) refuses the batch with 409
                             seq_conflict, listing those seqs, so the kiosk can move them to a new epoch
  seqs from expected on   -> applied now; a mutation that can never apply is dead-lettered (stored
                             with its reason, reported back, and the seq still advances)
Effects are upserts keyed by the entities' own UUIDs (ticket, application, survey), so the same fact
arriving again in another epoch (a restored kiosk) is harmless. All work is a handful of bulk
statements per batch, whatever its size.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, func, insert, select, update

from central.models import (
    Application,
    ApplicationEvent,
    Device,
    DeviceStream,
    Mutation,
    Survey,
    Ticket,
    TicketEvent,
)
from kiosk import applications as app_rules
from kiosk import tickets as ticket_rules
from kiosk.errors import InputError
from kiosk.sync import protocol

T_TICKETS, T_TICKET_EVENTS = Ticket.__table__, TicketEvent.__table__
T_APPS, T_APP_EVENTS, T_SURVEYS = Application.__table__, ApplicationEvent.__table__, Survey.__table__
T_MUTATIONS, T_STREAMS, T_DEVICES = Mutation.__table__, DeviceStream.__table__, Device.__table__

TICKET_STATUSES = set(ticket_rules.TRANSITIONS)
FINISHING = {ticket_rules.DONE, ticket_rules.NO_SHOW, ticket_rules.CANCELLED, ticket_rules.TRANSFERRED}
APP_RANK = {app_rules.RECEIVED: 0, app_rules.FORWARDED: 1, app_rules.IN_PROCESS: 2, app_rules.READY: 3,
            app_rules.HANDED_OVER: 4, app_rules.REJECTED: 4}
FINAL_APP = {app_rules.HANDED_OVER, app_rules.REJECTED}
# Plausible device times: a wrong PC clock is a recorded fact, a time outside this is garbage.
MIN_TIME, MAX_TIME = 946684800, 4102444800  # 2000-01-01 .. 2100-01-01
IN_CHUNK = 900


class PushRefused(Exception):
    """The whole batch is refused (nothing applied): an HTTP status, an error code and a message."""

    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


class Reject(Exception):
    """This mutation can never apply: dead-letter it with this reason."""


def dialect_insert(conn: Connection, table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


_upserts: dict[tuple, object] = {}


def upsert(conn: Connection, table, rows: list[dict], keys: list[str], update_cols: list[str] | None = None) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE (or DO NOTHING when update_cols is empty), executemany."""
    if not rows:
        return
    cols = tuple(sorted(c for c in (update_cols if update_cols is not None else rows[0].keys()) if c not in keys))
    cache_key = (conn.dialect.name, table.name, tuple(keys), cols)
    stmt = _upserts.get(cache_key)
    if stmt is None:  # building the statement costs more than running it for a small batch
        stmt = dialect_insert(conn, table)
        if cols:
            stmt = stmt.on_conflict_do_update(index_elements=keys, set_={c: stmt.excluded[c] for c in cols})
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=keys)
        _upserts[cache_key] = stmt
    conn.execute(stmt, rows)


_services_cache: dict[str, tuple[float, frozenset[str]]] = {}
SERVICES_TTL = 60.0
LAST_SEEN_EVERY = timedelta(minutes=5)


def known_services(conn: Connection, *, refresh: bool = False) -> frozenset[str]:
    """Every service code any catalog has had. Cached a minute per database (only a speed-up: a miss
    re-reads, so a service published a moment ago is never refused)."""
    from central.models import Service

    key = str(conn.engine.url)
    cached = _services_cache.get(key)
    if cached is None or refresh or cached[0] < time.monotonic():
        cached = (time.monotonic() + SERVICES_TTL, frozenset(conn.scalars(select(Service.code))))
        _services_cache[key] = cached
    return cached[1]


def _chunks(items: list, size: int = IN_CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- field checks ----------------------------------------------------------------------------------------

def _str(p: dict, key: str, max_len: int, *, required: bool = True, min_len: int = 1) -> str | None:
    value = p.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not min_len <= len(value) <= max_len:
        raise Reject(f"field {key!r}: expected text of {min_len}..{max_len} characters")
    return value


def _int(p: dict, key: str, *, required: bool = False) -> int | None:
    value = p.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise Reject(f"field {key!r}: expected an integer")
    return value


def _time(p: dict, key: str) -> datetime:
    value = _int(p, key, required=True)
    if not MIN_TIME <= value <= MAX_TIME:
        raise Reject(f"field {key!r}: time {value} out of range")
    return datetime.fromtimestamp(value, UTC)


def _id(p: dict, key: str, *, required: bool = True) -> str | None:
    return _str(p, key, 36, required=required, min_len=8)


class Effects:
    """The effects of one batch's fresh mutations, folded in memory and written in bulk."""

    def __init__(self, conn: Connection, device, now: datetime):
        self.conn, self.device, self.now = conn, device, now
        self.site = device.site_code
        self.site_digits = "".join(ch for ch in self.site if ch.isdigit())
        self.tickets: dict[str, dict] = {}
        self.apps: dict[str, dict] = {}
        self.regno_owner: dict[str, str] = {}
        self.survey_sites: dict[str, str] = {}
        self.services: set[str] = set()
        self.dirty_tickets: set[str] = set()
        self.dirty_apps: set[str] = set()
        self.ticket_events: list[dict] = []
        self.app_events: list[dict] = []
        self.new_surveys: list[dict] = []

    # Everything the batch touches is read in a few queries up front.
    def prefetch(self, mutations: list[tuple[str, dict]]) -> None:
        ticket_ids, app_ids, regnos, survey_ids = set(), set(), set(), set()
        for name, p in mutations:
            i = p.get("i")
            if not isinstance(i, str):
                continue
            if name.startswith("ticket."):
                ticket_ids.add(i)
            elif name.startswith("application."):
                app_ids.add(i)
                if name == "application.received" and isinstance(p.get("rn"), str):
                    regnos.add(app_rules.normalise_regno(p["rn"]))
            elif name == "survey.added":
                survey_ids.add(i)
        conn = self.conn
        for chunk in _chunks(sorted(ticket_ids)):
            for row in conn.execute(select(T_TICKETS).where(T_TICKETS.c.id.in_(chunk))):
                self.tickets[row.id] = row._asdict()
        for chunk in _chunks(sorted(app_ids)):
            for row in conn.execute(select(T_APPS).where(T_APPS.c.id.in_(chunk))):
                self.apps[row.id] = row._asdict()
                self.regno_owner[row.regno_key] = row.id
        for chunk in _chunks(sorted(regnos)):
            for row in conn.execute(select(T_APPS.c.id, T_APPS.c.regno_key).where(T_APPS.c.regno_key.in_(chunk))):
                self.regno_owner[row.regno_key] = row.id
        for chunk in _chunks(sorted(survey_ids)):
            for row in conn.execute(select(T_SURVEYS.c.id, T_SURVEYS.c.site_code).where(T_SURVEYS.c.id.in_(chunk))):
                self.survey_sites[row.id] = row.site_code
        self.services = known_services(conn)

    def _own(self, row: dict | None, what: str) -> None:
        if row is not None and row["site_code"] != self.site:
            raise PushRefused(403, protocol.FORBIDDEN,
                              f"{what} {row['id']} belongs to site {row['site_code']}, not {self.site}")

    def _service(self, p: dict) -> str:
        code = _str(p, "s", 16)
        if code not in self.services:
            self.services = known_services(self.conn, refresh=True)  # a catalog published a moment ago
            if code not in self.services:
                raise Reject(f"unknown service {code!r}")
        return code

    def apply(self, name: str, p: dict) -> None:
        handler = self.HANDLERS.get(name)
        if handler is None:
            raise Reject(f"unknown mutation {name!r}")
        handler(self, p)

    # --- tickets ---------------------------------------------------------------------------------------

    def ticket_issued(self, p: dict) -> None:
        tid = _id(p, "i")
        number = _str(p, "n", 8)
        service = self._service(p)
        try:
            day = date.fromisoformat(_str(p, "d", 10))
        except ValueError:
            raise Reject("field 'd': expected YYYY-MM-DD") from None
        priority = _str(p, "p", 16, required=False)
        if priority is not None and priority not in ticket_rules.PRIORITIES:
            raise Reject(f"unknown priority {priority!r}")
        arrival, issued = _time(p, "a"), _time(p, "t")
        transferred_from = _id(p, "f", required=False)
        row = self.tickets.get(tid)
        self._own(row, "ticket")
        if row is None:
            row = {"id": tid, "status": ticket_rules.WAITING, "counter": None, "recall_count": 0,
                   "called_at": None, "started_at": None, "finished_at": None, "operator": None}
            self.tickets[tid] = row
            self.ticket_events.append({"ticket_id": tid, "site_code": self.site, "from_status": None,
                                       "to_status": ticket_rules.WAITING, "counter": None, "actor": None,
                                       "at": issued, "note": None})
        row.update(site_code=self.site, device_id=self.device.id, number=number, service_code=service,
                   business_day=day, priority=priority, arrival_at=arrival, issued_at=issued,
                   transferred_from=transferred_from, updated_at=self.now)
        self.dirty_tickets.add(tid)

    def ticket_event(self, p: dict) -> None:
        tid = _id(p, "i")
        frm = _str(p, "f", 12, required=False)
        to = _str(p, "t", 12)
        if to not in TICKET_STATUSES or (frm is not None and frm not in TICKET_STATUSES):
            raise Reject(f"unknown ticket status {frm!r} -> {to!r}")
        counter = _int(p, "c")
        actor = _str(p, "u", 64, required=False)
        at = _time(p, "at")
        note = _str(p, "r", 200, required=False)
        row = self.tickets.get(tid)
        if row is None:
            raise Reject(f"unknown ticket {tid}")
        self._own(row, "ticket")
        row["status"] = to
        if to == ticket_rules.CALLED:
            row.update(counter=counter, called_at=at, operator=actor)
            if note == "recall":
                row["recall_count"] = (row["recall_count"] or 0) + 1
        elif to == ticket_rules.SERVING:
            row.update(started_at=at, operator=actor)
        elif to in FINISHING:
            row["finished_at"] = at
        elif to == ticket_rules.WAITING:
            row.update(counter=None, finished_at=None)
        row["updated_at"] = self.now
        self.dirty_tickets.add(tid)
        self.ticket_events.append({"ticket_id": tid, "site_code": self.site, "from_status": frm, "to_status": to,
                                   "counter": counter, "actor": actor, "at": at, "note": note})

    # --- applications ----------------------------------------------------------------------------------

    def application_received(self, p: dict) -> None:
        aid = _id(p, "i")
        regno = _str(p, "rn", 32)
        try:
            key = app_rules.check_regno(regno)
        except InputError:
            raise Reject(f"bad registration number {regno!r}") from None
        if key[:6] != self.site_digits:
            raise PushRefused(403, protocol.FORBIDDEN, f"application {regno} names another site than {self.site}")
        service = self._service(p)
        nik = _str(p, "nik", 16, min_len=16)
        if not nik.isdigit():
            raise Reject("field 'nik': expected 16 digits")
        documents, warnings = p.get("dc") or {}, p.get("w") or []
        if not isinstance(documents, dict) or not isinstance(warnings, list):
            raise Reject("fields 'dc'/'w': expected an object and a list")
        facts = dict(
            registration_number=app_rules.pretty_regno(key), regno_key=key, site_code=self.site,
            device_id=self.device.id, service_code=service, nik=nik, name=_str(p, "nm", 120, min_len=2),
            phone=_str(p, "ph", 20, required=False), desa_code=_str(p, "ds", 16, required=False),
            address=_str(p, "ad", 300, required=False), documents=documents,
            notes=_str(p, "nt", 4000, required=False), warnings=warnings,
            ticket_id=_id(p, "tk", required=False), operator=_str(p, "u", 64), received_at=_time(p, "at"),
            updated_at=self.now)
        owner = self.regno_owner.get(key)
        if owner is not None and owner != aid:
            raise Reject(f"registration number {regno} already belongs to another application")
        row = self.apps.get(aid)
        self._own(row, "application")
        if row is None:
            row = {"id": aid, "status": app_rules.RECEIVED, "reject_reason": None}
            self.apps[aid] = row
            self.app_events.append(self._app_event(aid, None, app_rules.RECEIVED, facts["operator"],
                                                   facts["received_at"], None, applied=True))
        row.update(facts)
        self.regno_owner[key] = aid
        self.dirty_apps.add(aid)

    def application_status(self, p: dict) -> None:
        aid = _id(p, "i")
        frm = _str(p, "f", 12, required=False)
        to = _str(p, "t", 12)
        if to not in APP_RANK:
            raise Reject(f"unknown application status {to!r}")
        actor = _str(p, "u", 64, required=False)
        at = _time(p, "at")
        reason = _str(p, "r", 300, required=False)
        row = self.apps.get(aid)
        if row is None:
            raise Reject(f"unknown application {aid}")
        self._own(row, "application")
        # Central may have moved a forwarded file further already: a site status never moves it back.
        applied = row["status"] not in FINAL_APP and APP_RANK[to] > APP_RANK[row["status"]]
        if applied:
            row["status"] = to
            if to == app_rules.REJECTED:
                row["reject_reason"] = reason
            row["updated_at"] = self.now
            self.dirty_apps.add(aid)
        self.app_events.append(self._app_event(aid, frm, to, actor, at, reason, applied=applied))

    def _app_event(self, aid, frm, to, actor, at, reason, *, applied: bool, source: str = "site") -> dict:
        return {"application_id": aid, "from_status": frm, "to_status": to, "actor": actor, "at": at,
                "reason": reason, "source": source, "applied": applied, "recorded_at": self.now}

    # --- surveys ---------------------------------------------------------------------------------------

    def survey_added(self, p: dict) -> None:
        from kiosk.survey import validate_scores

        sid = _id(p, "i")
        service = self._service(p)
        scores = p.get("sc")
        try:
            scores = validate_scores(scores if isinstance(scores, list) else [])
        except InputError as exc:
            raise Reject(str(exc)) from None
        at = _time(p, "at")
        site = self.survey_sites.get(sid)
        if site is not None and site != self.site:
            raise PushRefused(403, protocol.FORBIDDEN, f"survey {sid} belongs to site {site}, not {self.site}")
        if site is None:
            self.survey_sites[sid] = self.site
            self.new_surveys.append({"id": sid, "site_code": self.site, "service_code": service,
                                     "scores": scores, "at": at})

    # --- bookings ----------------------------------------------------------------------------------------

    def booking_checked_in(self, p: dict) -> None:
        from central.bookings import apply_checkin

        try:
            apply_checkin(self.conn, self.site, self.device.id, p, self.now)
        except InputError as exc:
            raise Reject(str(exc)) from None

    HANDLERS = {
        "booking.checked_in": booking_checked_in,
        "ticket.issued": ticket_issued,
        "ticket.event": ticket_event,
        "application.received": application_received,
        "application.status": application_status,
        "survey.added": survey_added,
    }

    def flush(self) -> None:
        conn = self.conn
        upsert(conn, T_TICKETS, [self.tickets[t] for t in sorted(self.dirty_tickets)], ["id"])
        if self.ticket_events:
            conn.execute(insert(T_TICKET_EVENTS), self.ticket_events)
        upsert(conn, T_APPS, [self.apps[a] for a in sorted(self.dirty_apps)], ["id"])
        if self.app_events:
            conn.execute(insert(T_APP_EVENTS), self.app_events)
        upsert(conn, T_SURVEYS, self.new_surveys, ["id"], update_cols=[])


def _lock_stream(conn: Connection, device_id: str, epoch: int, now: datetime) -> int:
    """The next seq expected for (device, epoch), with that stream's row locked until commit."""
    stmt = dialect_insert(conn, T_STREAMS).values(device_id=device_id, epoch=epoch, next_seq=1, updated_at=now)
    # A no-op DO UPDATE, so the statement takes the row lock and RETURNING always gives the row.
    stmt = stmt.on_conflict_do_update(index_elements=["device_id", "epoch"],
                                      set_={"updated_at": T_STREAMS.c.updated_at}).returning(T_STREAMS.c.next_seq)
    return conn.execute(stmt).scalar_one()


def apply_push(conn: Connection, device, batch: protocol.PushBatch, now: datetime,
               accepted_schemas: tuple[int, ...]) -> dict:
    """Apply one batch in the caller's transaction; returns the compact answer {"a": last, "r": [[seq, reason]]}."""
    if batch.device_id != device.id:
        raise PushRefused(403, protocol.FORBIDDEN, "the batch names another device than the token's")
    if batch.site != device.site_code:
        raise PushRefused(403, protocol.FORBIDDEN, f"device is enrolled for site {device.site_code}, not {batch.site}")
    if batch.schema_version not in accepted_schemas:
        raise PushRefused(426, protocol.UPDATE_REQUIRED,
                          f"mutation schema {batch.schema_version} not accepted (accepted: {list(accepted_schemas)})",
                          accepted=list(accepted_schemas))
    first, last = batch.first_seq, batch.last_seq
    # The usual case in one statement: the batch starts where central expects, so advance and lock.
    advanced = conn.execute(update(T_STREAMS).where(
        T_STREAMS.c.device_id == device.id, T_STREAMS.c.epoch == batch.epoch, T_STREAMS.c.next_seq == first)
        .values(next_seq=last + 1, updated_at=now)).rowcount
    expected = first if advanced else _lock_stream(conn, device.id, batch.epoch, now)
    if first > expected:
        raise PushRefused(409, protocol.GAP, f"seq {first} after a gap: central expects {expected}",
                          expected=expected)
    rejected: list[list] = []
    if first < expected:
        rejected += _replay(conn, device.id, batch, expected)
    fresh = [(seq, name, payload) for seq, (name, payload) in enumerate(batch.mutations, start=first)
             if seq >= expected]
    if fresh:
        effects = Effects(conn, device, now)
        effects.prefetch([(name, payload) for _, name, payload in fresh])
        records = []
        for seq, name, payload in fresh:
            reason = None
            try:
                effects.apply(name, payload)
            except Reject as exc:
                reason = str(exc)
                rejected.append([seq, reason])
            text = protocol.canonical_json(name, payload)
            records.append({"device_id": device.id, "epoch": batch.epoch, "seq": seq, "name": name[:40],
                            "payload": text, "digest": protocol.digest_text(name, text), "received_at": now,
                            "rejected": reason})
        effects.flush()
        conn.execute(insert(T_MUTATIONS), records)
        if not advanced:
            conn.execute(update(T_STREAMS).where(T_STREAMS.c.device_id == device.id,
                                                 T_STREAMS.c.epoch == batch.epoch)
                         .values(next_seq=last + 1, updated_at=now))
    seen = getattr(device, "last_seen_at", None)
    if seen is None or now - seen > LAST_SEEN_EVERY:  # not a write on every push of every device
        conn.execute(update(T_DEVICES).where(T_DEVICES.c.id == device.id).values(last_seen_at=now))
    return {"a": last, "r": rejected}


def _replay(conn: Connection, device_id: str, batch: protocol.PushBatch, expected: int) -> list[list]:
    """Stored results of the batch's repeats; a repeat whose content differs is a reused seq (409)."""
    first = batch.first_seq
    upto = min(batch.last_seq, expected - 1)
    stored = {row.seq: row for row in conn.execute(
        select(T_MUTATIONS.c.seq, T_MUTATIONS.c.digest, T_MUTATIONS.c.rejected)
        .where(T_MUTATIONS.c.device_id == device_id, T_MUTATIONS.c.epoch == batch.epoch,
               T_MUTATIONS.c.seq.between(first, upto)))}
    rejected, conflicts = [], []
    for seq in range(first, upto + 1):
        name, payload = batch.mutations[seq - first]
        row = stored.get(seq)
        if row is None:
            raise RuntimeError(f"stream of {device_id} epoch {batch.epoch} expects {expected} but seq {seq} is missing")
        if row.digest != protocol.mutation_digest(name, payload):
            conflicts.append(seq)
        elif row.rejected is not None:
            rejected.append([seq, row.rejected])
    if conflicts:
        max_epoch = conn.scalar(select(func.max(T_STREAMS.c.epoch)).where(T_STREAMS.c.device_id == device_id))
        raise PushRefused(409, protocol.SEQ_CONFLICT,
                          f"epoch {batch.epoch} seq {conflicts[0]} was already received with other content "
                          "(a restored backup reusing its epoch?)", epoch=batch.epoch, conflicts=conflicts,
                          max_epoch=max_epoch)
    return rejected

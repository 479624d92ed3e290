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

import logging
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, ProgrammingError, StatementError

from central.db import dialect_insert, execute, pipeline, upsert
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
from mpp import statuses, wire
from mpp import text as text_rules
from mpp.errors import InputError
from mpp.personal import nik_digits
from mpp.regno import check_regno, normalise_regno, pretty_regno
from mpp.skm import check_profile, validate_scores

log = logging.getLogger("central.ingest")

T_TICKETS, T_TICKET_EVENTS = Ticket.__table__, TicketEvent.__table__
T_APPS, T_APP_EVENTS, T_SURVEYS = Application.__table__, ApplicationEvent.__table__, Survey.__table__
T_MUTATIONS, T_STREAMS, T_DEVICES = Mutation.__table__, DeviceStream.__table__, Device.__table__

TICKET_STATUSES = set(statuses.TICKET_TRANSITIONS)
APP_RANK = statuses.APPLICATION_RANK
INSERT_TICKET_EVENTS, INSERT_APP_EVENTS = insert(T_TICKET_EVENTS), insert(T_APP_EVENTS)
INSERT_MUTATIONS = insert(T_MUTATIONS)
SET_NEXT_SEQ = update(T_STREAMS).where(T_STREAMS.c.device_id == bindparam("d"), T_STREAMS.c.epoch == bindparam("e"))
SET_LAST_SEEN = update(T_DEVICES).where(T_DEVICES.c.id == bindparam("d"))
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




_services_cache: dict[str, tuple[float, dict[str, str]]] = {}
SERVICES_TTL = 60.0
LAST_SEEN_EVERY = timedelta(minutes=5)


def known_services(conn: Connection, *, refresh: bool = False) -> dict[str, str]:
    """Every service code any catalog has had -> its mode. Cached a minute per database (only a speed-up:
    a miss re-reads, so a service published a moment ago is never refused)."""
    from central.models import Service

    key = str(conn.engine.url)
    cached = _services_cache.get(key)
    if cached is None or refresh or cached[0] < time.monotonic():
        cached = (time.monotonic() + SERVICES_TTL, dict(conn.execute(select(Service.code, Service.mode)).all()))
        _services_cache[key] = cached
    return cached[1]


def _chunks(items: list, size: int = IN_CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- field checks ----------------------------------------------------------------------------------------

def _str(p: dict, key: str, max_len: int, *, required: bool = True, min_len: int = 1) -> str | None:
    """A code-like string (ids, numbers, dates, statuses): printable, within its length, never cleaned."""
    value = p.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not min_len <= len(value) <= max_len or not value.isprintable():
        raise Reject(f"field {key!r}: expected printable text of {min_len}..{max_len} characters")
    return value


def _text(p: dict, key: str, field: str, *, required: bool = False, min_len: int = 1) -> str | None:
    """Text from people, cleaned as the kiosk cleans it at intake (mpp.text) and bounded by the same table."""
    value = p.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise Reject(f"field {key!r}: expected text")
    try:
        return text_rules.clean_field(field, value, required=required, min_len=min_len)
    except InputError as exc:
        raise Reject(f"field {key!r}: {exc}") from None


def _int(p: dict, key: str, *, required: bool = False, low: int = -wire.INT4_MAX - 1,
         high: int = wire.INT4_MAX) -> int | None:
    value = p.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise Reject(f"field {key!r}: expected an integer in {low}..{high}")
    return value


def _time(p: dict, key: str) -> datetime:
    value = _int(p, key, required=True, low=MIN_TIME, high=MAX_TIME)
    return datetime.fromtimestamp(value, UTC)


def _id(p: dict, key: str, *, required: bool = True) -> str | None:
    return _str(p, key, 36, required=required, min_len=8)


def _survey_profile(p: dict) -> dict:
    """The respondent's optional profile and suggestion (schema 2), checked as the kiosk checks them."""
    age, sex, education = p.get("age"), p.get("sex"), p.get("education")
    if (age is not None and (not isinstance(age, int) or isinstance(age, bool))) or \
            any(v is not None and not isinstance(v, str) for v in (sex, education)):
        raise Reject("survey profile: age must be an integer, sex and education text")
    try:
        found = check_profile(age=age, sex=sex, education=education)
    except InputError as exc:
        raise Reject(f"survey profile: {exc}") from None
    return {**{k: found[k] for k in ("age", "sex", "education")}, "job": _text(p, "job", "job"),
            "suggestion": _text(p, "suggestion", "suggestion")}


MAX_DOCUMENTS, MAX_WARNINGS = 100, 20


def _documents(p: dict) -> dict[str, bool]:
    documents = p.get("documents") or {}
    if not isinstance(documents, dict) or len(documents) > MAX_DOCUMENTS or not all(
            isinstance(k, str) and 0 < len(k) <= 300 and k.isprintable() and isinstance(v, bool)
            for k, v in documents.items()):
        raise Reject(f"field 'documents': expected up to {MAX_DOCUMENTS} requirement names -> true/false")
    return documents


def _warnings(p: dict) -> list[str]:
    warnings = p.get("warnings") or []
    if not isinstance(warnings, list) or len(warnings) > MAX_WARNINGS or not all(
            isinstance(w, str) and len(w) <= 300 and w.isprintable() for w in warnings):
        raise Reject(f"field 'warnings': expected up to {MAX_WARNINGS} short texts")
    return warnings


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
        self.services: dict[str, str] = {}
        self.dirty_tickets: set[str] = set()
        self.dirty_apps: set[str] = set()
        self.ticket_events: list[dict] = []
        self.app_events: list[dict] = []
        self.new_surveys: list[dict] = []

    # Everything the batch touches is read in a few queries up front.
    def prefetch(self, mutations: list[tuple[str, dict]]) -> None:
        """`mutations` are (name, payload by long name)."""
        ticket_ids, app_ids, regnos, survey_ids = set(), set(), set(), set()
        for name, p in mutations:
            i = p.get("id")
            if not isinstance(i, str):
                continue
            if name.startswith("ticket."):
                ticket_ids.add(i)
            elif name.startswith("application."):
                app_ids.add(i)
                if name == wire.APPLICATION_RECEIVED and isinstance(p.get("registration_number"), str):
                    regnos.add(normalise_regno(p["registration_number"]))
            elif name == wire.SURVEY_ADDED:
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
            raise PushRefused(403, wire.FORBIDDEN,
                              f"{what} {row['id']} belongs to site {row['site_code']}, not {self.site}")

    def _service(self, p: dict) -> str:
        code = _str(p, "service", 16)
        if code not in self.services:
            self.services = known_services(self.conn, refresh=True)  # a catalog published a moment ago
            if code not in self.services:
                raise Reject(f"unknown service {code!r}")
        return code

    def _mode(self, service_code: str) -> str:
        mode = self.services.get(service_code)
        if mode is None:
            self.services = known_services(self.conn, refresh=True)
            mode = self.services.get(service_code, "forward")  # unknown: the strictest rule
        return mode

    def apply(self, name: str, p: dict) -> None:
        """Fold one mutation (its payload by long name) into the batch's effects; Reject if it never applies."""
        handler = self.HANDLERS.get(name)
        if handler is None:
            raise Reject(f"unknown mutation {name!r}")
        handler(self, p)

    # --- tickets ---------------------------------------------------------------------------------------

    def ticket_issued(self, p: dict) -> None:
        tid = _id(p, "id")
        number = _str(p, "number", 8)
        service = self._service(p)
        try:
            day = date.fromisoformat(_str(p, "business_day", 10))
        except ValueError:
            raise Reject("field 'business_day': expected YYYY-MM-DD") from None
        priority = _str(p, "priority", 16, required=False)
        if priority is not None and priority not in statuses.PRIORITIES:
            raise Reject(f"unknown priority {priority!r}")
        arrival, issued = _time(p, "arrival_at"), _time(p, "issued_at")
        transferred_from = _id(p, "transferred_from", required=False)
        row = self.tickets.get(tid)
        self._own(row, "ticket")
        if row is None:
            row = {"id": tid, "status": statuses.WAITING, "counter": None, "recall_count": 0,
                   "called_at": None, "started_at": None, "finished_at": None, "operator": None}
            self.tickets[tid] = row
            self.ticket_events.append({"ticket_id": tid, "site_code": self.site, "from_status": None,
                                       "to_status": statuses.WAITING, "counter": None, "actor": None,
                                       "at": issued, "note": None})
        row.update(site_code=self.site, device_id=self.device.id, number=number, service_code=service,
                   business_day=day, priority=priority, arrival_at=arrival, issued_at=issued,
                   transferred_from=transferred_from, updated_at=self.now)
        self.dirty_tickets.add(tid)

    def ticket_event(self, p: dict) -> None:
        tid = _id(p, "id")
        frm = _str(p, "from_status", 12, required=False)
        to = _str(p, "to_status", 12)
        if to not in TICKET_STATUSES or (frm is not None and frm not in TICKET_STATUSES):
            raise Reject(f"unknown ticket status {frm!r} -> {to!r}")
        counter = _int(p, "counter")
        actor = _text(p, "actor", "actor")
        at = _time(p, "at")
        note = _text(p, "note", "ticket_note")
        row = self.tickets.get(tid)
        if row is None:
            raise Reject(f"unknown ticket {tid}")
        self._own(row, "ticket")
        row["status"] = to
        if to == statuses.CALLED:
            row.update(counter=counter, called_at=at, operator=actor)
            if note == "recall":
                row["recall_count"] = (row["recall_count"] or 0) + 1
        elif to == statuses.SERVING:
            row.update(started_at=at, operator=actor)
        elif to in statuses.FINISHING_TICKET_STATUSES:
            row["finished_at"] = at
        elif to == statuses.WAITING:
            row.update(counter=None, finished_at=None)
        row["updated_at"] = self.now
        self.dirty_tickets.add(tid)
        self.ticket_events.append({"ticket_id": tid, "site_code": self.site, "from_status": frm, "to_status": to,
                                   "counter": counter, "actor": actor, "at": at, "note": note})

    # --- applications ----------------------------------------------------------------------------------

    def application_received(self, p: dict) -> None:
        aid = _id(p, "id")
        regno = _str(p, "registration_number", 32)
        try:
            key = check_regno(regno)
        except InputError:
            raise Reject(f"bad registration number {regno!r}") from None
        if key[:6] != self.site_digits:
            raise PushRefused(403, wire.FORBIDDEN, f"application {regno} names another site than {self.site}")
        service = self._service(p)
        try:
            nik = nik_digits(_str(p, "nik", 64, min_len=16))  # full-width digits are read as ASCII ones
        except InputError:
            raise Reject("field 'nik': expected 16 digits") from None
        facts = dict(
            registration_number=pretty_regno(key), regno_key=key, site_code=self.site,
            device_id=self.device.id, service_code=service, nik=nik,
            name=_text(p, "name", "name", required=True, min_len=2),
            phone=_str(p, "phone", 20, required=False), desa_code=_str(p, "desa", 16, required=False),
            address=_text(p, "address", "address"), documents=_documents(p),
            notes=_text(p, "notes", "notes"), warnings=_warnings(p),
            ticket_id=_id(p, "ticket_id", required=False), operator=_text(p, "operator", "actor", required=True),
            received_at=_time(p, "received_at"), updated_at=self.now)
        owner = self.regno_owner.get(key)
        if owner is not None and owner != aid:
            raise Reject(f"registration number {regno} already belongs to another application")
        row = self.apps.get(aid)
        self._own(row, "application")
        if row is not None and row.get("purged_at") is not None:
            for masked in ("nik", "phone", "address"):  # a late repeat never brings purged data back
                facts.pop(masked)
        if row is None:
            row = {"id": aid, "status": statuses.RECEIVED, "reject_reason": None, "purged_at": None}
            self.apps[aid] = row
            self.app_events.append(self._app_event(aid, None, statuses.RECEIVED, facts["operator"],
                                                   facts["received_at"], None, applied=True))
        row.update(facts)
        self.regno_owner[key] = aid
        self.dirty_apps.add(aid)

    def application_status(self, p: dict) -> None:
        aid = _id(p, "id")
        frm = _str(p, "from_status", 12, required=False)
        to = _str(p, "to_status", 12)
        if to not in APP_RANK:
            raise Reject(f"unknown application status {to!r}")
        actor = _text(p, "actor", "actor")
        at = _time(p, "at")
        reason = _text(p, "reason", "reason")
        row = self.apps.get(aid)
        if row is None:
            raise Reject(f"unknown application {aid}")
        self._own(row, "application")
        current = row["status"]
        # The site's own rules, enforced here too: a site never moves a file MPP Induk owns (forwarded).
        applied = to in statuses.site_transitions(current, self._mode(row["service_code"]))
        if not applied and not statuses.is_stale(current, to):
            raise Reject(f"a site may not move application {row['registration_number']} from {current} to {to}")
        # Central may have moved a forwarded file further already: a late site status is kept as history.
        if applied:
            row["status"] = to
            if to == statuses.REJECTED:
                row["reject_reason"] = reason
            row["updated_at"] = self.now
            self.dirty_apps.add(aid)
        self.app_events.append(self._app_event(aid, frm, to, actor, at, reason, applied=applied))

    def _app_event(self, aid, frm, to, actor, at, reason, *, applied: bool, source: str = "site") -> dict:
        return {"application_id": aid, "from_status": frm, "to_status": to, "actor": actor, "at": at,
                "reason": reason, "source": source, "applied": applied, "recorded_at": self.now}

    # --- surveys ---------------------------------------------------------------------------------------

    def survey_added(self, p: dict) -> None:
        sid = _id(p, "id")
        service = self._service(p)
        scores = p.get("scores")
        try:
            scores = validate_scores(scores if isinstance(scores, list) else [])
        except InputError as exc:
            raise Reject(str(exc)) from None
        at = _time(p, "at")
        profile = _survey_profile(p)
        site = self.survey_sites.get(sid)
        if site is not None and site != self.site:
            raise PushRefused(403, wire.FORBIDDEN, f"survey {sid} belongs to site {site}, not {self.site}")
        if site is None:
            self.survey_sites[sid] = self.site
            self.new_surveys.append({"id": sid, "site_code": self.site, "service_code": service,
                                     "scores": scores, "at": at, **profile})

    # --- bookings ----------------------------------------------------------------------------------------

    def booking_checked_in(self, p: dict) -> None:
        from central.bookings import apply_checkin

        try:
            apply_checkin(self.conn, self.site, self.device.id, p, self.now)
        except InputError as exc:
            raise Reject(str(exc)) from None

    HANDLERS = {
        wire.BOOKING_CHECKED_IN: booking_checked_in,
        wire.TICKET_ISSUED: ticket_issued,
        wire.TICKET_EVENT: ticket_event,
        wire.APPLICATION_RECEIVED: application_received,
        wire.APPLICATION_STATUS: application_status,
        wire.SURVEY_ADDED: survey_added,
    }

    def flush(self) -> None:
        conn = self.conn
        upsert(conn, T_TICKETS, [self.tickets[t] for t in sorted(self.dirty_tickets)], ["id"])
        execute(conn, INSERT_TICKET_EVENTS, self.ticket_events)
        upsert(conn, T_APPS, [self.apps[a] for a in sorted(self.dirty_apps)], ["id"])
        execute(conn, INSERT_APP_EVENTS, self.app_events)
        upsert(conn, T_SURVEYS, self.new_surveys, ["id"], update_cols=[])


def _lock_stream(conn: Connection, device_id: str, epoch: int, now: datetime) -> int:
    """The next seq expected for (device, epoch), with that stream's row locked until commit."""
    stmt = dialect_insert(conn, T_STREAMS).values(device_id=device_id, epoch=epoch, next_seq=1, updated_at=now)
    # A no-op DO UPDATE, so the statement takes the row lock and RETURNING always gives the row.
    stmt = stmt.on_conflict_do_update(index_elements=["device_id", "epoch"],
                                      set_={"updated_at": T_STREAMS.c.updated_at}).returning(T_STREAMS.c.next_seq)
    return conn.execute(stmt).scalar_one()


def ingest(db, device, batch: wire.PushBatch, now: datetime, accepted_schemas: tuple[int, ...]) -> dict:
    """Apply one batch in its own transaction, durable before this returns; the compact answer.

    As a rule in a few bulk statements whose writes and COMMIT share one round trip (see
    `Database.write_pipelined`). A mutation the checks let through but the database still refuses (a
    constraint, a value out of range) must not fail the whole batch: then nothing of it was kept, and
    the batch runs again one mutation at a time, each under its own savepoint, dead-lettering what fails.
    """
    try:
        with db.write_pipelined() as conn:
            return apply_push(conn, device, batch, now, accepted_schemas)
    except StatementError as exc:
        if not _refused_by_database(exc):
            raise
        log.warning("batch of %s refused by the database (%s); applying one mutation at a time",
                    device.id, _db_reason(exc))
    with db.write() as conn:
        return apply_push(conn, device, batch, now, accepted_schemas, careful=True)


def apply_push(conn: Connection, device, batch: wire.PushBatch, now: datetime,
               accepted_schemas: tuple[int, ...], *, careful: bool = False) -> dict:
    """Apply one batch in the caller's transaction; returns the compact answer {"a": last, "r": [[seq, reason]]}.

    `careful`: each mutation under its own savepoint, so one the database refuses is dead-lettered alone.
    """
    if batch.device_id != device.id:
        raise PushRefused(403, wire.FORBIDDEN, "the batch names another device than the token's")
    if batch.site != device.site_code:
        raise PushRefused(403, wire.FORBIDDEN, f"device is enrolled for site {device.site_code}, not {batch.site}")
    if batch.schema_version not in accepted_schemas:
        raise PushRefused(426, wire.UPDATE_REQUIRED,
                          f"mutation schema {batch.schema_version} not accepted (accepted: {list(accepted_schemas)})",
                          accepted=list(accepted_schemas))
    first, last = batch.first_seq, batch.last_seq
    expected, advanced = _claim_stream(conn, device.id, batch.epoch, first, last, now)
    if first > expected:
        raise PushRefused(409, wire.GAP, f"seq {first} after a gap: central expects {expected}",
                          expected=expected)
    rejected: list[list] = []
    if first < expected:
        rejected += _replay(conn, device.id, batch, expected)
    fresh = [(seq, name, payload) for seq, (name, payload) in enumerate(batch.mutations, start=first)
             if seq >= expected]
    effects = None
    records = []
    if fresh:
        records, todo = _records(device, batch.epoch, fresh, now)
        if careful:
            for record, name, fields in todo:
                record["rejected"] = apply_one(conn, device, name, fields, now)
        else:
            effects = Effects(conn, device, now)
            effects.prefetch([(name, fields) for _, name, fields in todo])
            for record, name, fields in todo:
                try:
                    effects.apply(name, fields)
                except Reject as exc:
                    record["rejected"] = str(exc)
        rejected += [[r["seq"], r["rejected"]] for r in records if r["rejected"] is not None]
    # Only writes from here on, none of whose results are read: one round trip with the COMMIT.
    pipeline(conn)
    if effects is not None:
        effects.flush()
    if records:
        execute(conn, INSERT_MUTATIONS, records)
        if not advanced:
            execute(conn, SET_NEXT_SEQ, [{"d": device.id, "e": batch.epoch, "next_seq": last + 1, "updated_at": now}])
    seen = getattr(device, "last_seen_at", None)
    if seen is None or now - seen > LAST_SEEN_EVERY:  # not a write on every push of every device
        execute(conn, SET_LAST_SEEN, [{"d": device.id, "last_seen_at": now}])
    return {"a": last, "r": rejected}


def _claim_stream(conn: Connection, device_id: str, epoch: int, first: int, last: int,
                  now: datetime) -> tuple[int, bool]:
    """(expected seq, advanced): the usual cases in one statement that also takes the stream's row lock —
    a new stream created already advanced, or an existing one advanced from where the batch starts."""
    if first == 1:
        stmt = dialect_insert(conn, T_STREAMS).values(device_id=device_id, epoch=epoch, next_seq=last + 1,
                                                      updated_at=now)
        created = conn.execute(stmt.on_conflict_do_nothing(index_elements=["device_id", "epoch"])
                               .returning(T_STREAMS.c.next_seq)).first()
        if created is not None:
            return 1, True
    else:
        advanced = conn.execute(update(T_STREAMS).where(
            T_STREAMS.c.device_id == device_id, T_STREAMS.c.epoch == epoch, T_STREAMS.c.next_seq == first)
            .values(next_seq=last + 1, updated_at=now)).rowcount
        if advanced:
            return first, True
    return _lock_stream(conn, device_id, epoch, now), False


def _stored_name(name: str) -> str:
    # The name column takes what a kiosk could ever send; anything else is kept readable, never as is.
    return name if len(name) <= 40 and name.isprintable() else repr(name)[:40]


def _records(device, epoch: int, fresh: list[tuple[int, str, dict]], now: datetime) -> tuple[list[dict], list]:
    """The mutation records to insert (oversized ones already dead-lettered), and what is left to apply:
    [(record, name, payload by long name)]."""
    records, todo = [], []
    for seq, name, payload in fresh:
        text = wire.canonical_json(name, payload)
        reason = None
        if wire.OVERSIZED in payload or len(text) > wire.MAX_MUTATION_BYTES:
            size = payload.get(wire.OVERSIZED, len(text.encode("utf-8")))
            reason = f"mutation too large ({size} bytes; limit {wire.MAX_MUTATION_BYTES}): not stored"
        records.append({"device_id": device.id, "epoch": epoch, "seq": seq, "name": _stored_name(name),
                        "payload": text, "digest": wire.digest_text(name, text), "received_at": now,
                        "rejected": reason})
        if reason is None:
            todo.append((records[-1], name, wire.read_payload(name, payload)))
    return records, todo


def _refused_by_database(exc: StatementError) -> bool:
    """The data was refused (a constraint, a value the column cannot hold), not the database unreachable."""
    if isinstance(exc, DBAPIError):
        return isinstance(exc, (DataError, IntegrityError, ProgrammingError))
    return True  # failed while binding parameters: a value our types cannot send


def _db_reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return " ".join(str(orig).split())[:300]


def apply_one(conn: Connection, device, name: str, fields: dict, now: datetime) -> str | None:
    """One mutation under its own savepoint; the reason it was dead-lettered, or None when applied."""
    try:
        with conn.begin_nested():
            effects = Effects(conn, device, now)
            effects.prefetch([(name, fields)])
            effects.apply(name, fields)
            effects.flush()
    except Reject as exc:
        return str(exc)
    except StatementError as exc:
        if not _refused_by_database(exc):
            raise
        return f"central could not store it: {_db_reason(exc)}"
    return None


def _replay(conn: Connection, device_id: str, batch: wire.PushBatch, expected: int) -> list[list]:
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
        if row.digest != wire.mutation_digest(name, payload):
            conflicts.append(seq)
        elif row.rejected is not None:
            rejected.append([seq, row.rejected])
    if conflicts:
        max_epoch = conn.scalar(select(func.max(T_STREAMS.c.epoch)).where(T_STREAMS.c.device_id == device_id))
        raise PushRefused(409, wire.SEQ_CONFLICT,
                          f"epoch {batch.epoch} seq {conflicts[0]} was already received with other content "
                          "(a restored backup reusing its epoch?)", epoch=batch.epoch, conflicts=conflicts,
                          max_epoch=max_epoch)
    return rejected

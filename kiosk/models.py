"""The local store's tables (SQLAlchemy 2.0 typed ORM). Schema changes go through Alembic only.

Times are stored as UTC. Records are never deleted: state changes are rows in the *_events tables.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def new_id() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored naive UTC (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    pass


class Device(Base):
    """This installation: its site, its identity on the wire and the outbox epoch (one row)."""

    __tablename__ = "device"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_uuid: Mapped[str] = mapped_column(String(36), default=new_id)
    site_code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(80))
    # Three Crockford base32 characters inside every registration number made here.
    reg_tag: Mapped[str] = mapped_column(String(3))
    # A restored backup starts a new epoch so its outbox seqs never collide with what central holds.
    epoch: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Meta(Base):
    """Small key/value facts (sync cursor, enrollment, last success...)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Agency(Base):
    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short: Mapped[str] = mapped_column(String(60))


class Service(Base):
    """A service (layanan) of the catalog. Central owns it; pull updates it."""

    __tablename__ = "services"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    prefix: Mapped[str] = mapped_column(String(1))
    mode: Mapped[str] = mapped_column(String(10))  # local | forward | online
    sla_days: Mapped[int] = mapped_column(Integer, default=0)
    sla: Mapped[str] = mapped_column(String(80), default="")
    fee: Mapped[int] = mapped_column(Integer, default=0)
    fee_text: Mapped[str] = mapped_column(String(120), default="")
    product: Mapped[str] = mapped_column(String(200), default="")
    avg_service_minutes: Mapped[int] = mapped_column(Integer, default=5)
    requirements: Mapped[list] = mapped_column(JSON, default=list)
    procedure: Mapped[list] = mapped_column(JSON, default=list)
    complaint: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    catalog_version: Mapped[int] = mapped_column(Integer, default=1)

    agency: Mapped[Agency] = relationship(lazy="joined")


class Counter(Base):
    """A loket and the services it calls."""

    __tablename__ = "counters"

    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    services: Mapped[list] = mapped_column(JSON, default=list)
    # Priority tickets called in a row here; bounded so normal tickets are not starved.
    priority_streak: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(8), default="open", server_default="open")  # open | paused | closed
    state_reason: Mapped[str | None] = mapped_column(String(120))
    state_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Ticket(Base):
    """A queue ticket (antrian). `number` is for display; `id` is the identity."""

    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("site_code", "business_day", "prefix", "seq", name="uq_ticket_number"),
        Index("ix_tickets_open", "status", "service_code", "priority_rank", "arrival_at"),
        # Call order: call_next walks today's waiting tickets in this order and stops at the first match.
        Index("ix_tickets_call_order", "status", "business_day", "priority_rank", "arrival_at", "issued_at", "seq"),
        Index("ix_tickets_counter_status", "counter", "status"),
        Index("ix_tickets_service_finished", "service_code", "finished_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    site_code: Mapped[str] = mapped_column(String(16))
    business_day: Mapped[date] = mapped_column(Date)
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code"))
    prefix: Mapped[str] = mapped_column(String(1))
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(8))
    priority: Mapped[str | None] = mapped_column(String(16))  # lansia | disabilitas | hamil
    priority_rank: Mapped[int] = mapped_column(Integer, default=1)  # 0 = priority, 1 = normal
    status: Mapped[str] = mapped_column(String(12))
    counter: Mapped[int | None] = mapped_column(Integer)
    recall_count: Mapped[int] = mapped_column(Integer, default=0)
    # Arrival is kept across transfer and reactivation: the citizen keeps their place.
    arrival_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    operator: Mapped[str | None] = mapped_column(String(64))
    transferred_from: Mapped[str | None] = mapped_column(ForeignKey("tickets.id"))
    close_reason: Mapped[str | None] = mapped_column(String(32))
    # Sent to one counter (a transfer to a counter): only that counter calls it.
    assigned_counter: Mapped[int | None] = mapped_column(Integer)
    # When the counter asked this citizen to answer the survey at the kiosk ("Mohon isi survei").
    survey_invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TicketEvent(Base):
    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(64))
    counter: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(String(200))


class Application(Base):
    """A permohonan. The site owns the intake facts; central owns workflow status after forwarding."""

    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    registration_number: Mapped[str] = mapped_column(String(32), unique=True)
    # Normalised (upper-case alphanumerics only), what lookups compare against.
    regno_key: Mapped[str] = mapped_column(String(32), unique=True)
    site_code: Mapped[str] = mapped_column(String(16))
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code"))
    nik: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    desa_code: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(String(300))
    documents: Mapped[dict] = mapped_column(JSON, default=dict)  # requirement text -> received?
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12))
    reject_reason: Mapped[str | None] = mapped_column(String(300))
    ticket_id: Mapped[str | None] = mapped_column(ForeignKey("tickets.id"))
    operator: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    warnings: Mapped[list] = mapped_column(JSON, default=list)

    history: Mapped[list[ApplicationEvent]] = relationship(order_by="ApplicationEvent.id", lazy="selectin")
    service: Mapped[Service] = relationship(lazy="joined")


class ApplicationEvent(Base):
    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(10), default="site")  # site | central


class Survey(Base):
    """One SKM response: 9 unsur, each 1..4."""

    __tablename__ = "surveys"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    site_code: Mapped[str] = mapped_column(String(16))
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code"), index=True)
    scores: Mapped[list] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # The respondent's profile (all optional), as PermenPANRB 14/2017's report groups them; still anonymous.
    age: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(1))  # L | P
    education: Mapped[str | None] = mapped_column(String(4))  # SD SMP SMA D3 S1 S2 S3
    job: Mapped[str | None] = mapped_column(String(60))
    suggestion: Mapped[str | None] = mapped_column(Text)


class Operator(Base):
    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(12))  # operator | supervisor | technician
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """Who did what, and every view of a citizen's record (UU 27/2022)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str | None] = mapped_column(String(20))
    object_id: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(Text)


class OutboxMutation(Base):
    """A change other machines must learn; `(epoch, seq)` is contiguous and never reused."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("epoch", "seq", name="uq_outbox_epoch_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)  # compact JSON
    schema_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set when central has acknowledged it (applied, repeated or dead-lettered).
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rejected: Mapped[str | None] = mapped_column(Text)


class PrintJob(Base):
    """A print that must not be lost: the spooler sends it until the printer takes it."""

    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_state", "state", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # ticket | receipt | info | test | report
    ref: Mapped[str] = mapped_column(String(64))
    printer_uri: Mapped[str] = mapped_column(String(300))
    document: Mapped[str] = mapped_column(Text)  # the rendered layout model, JSON
    state: Mapped[str] = mapped_column(String(12))  # queued | sending | done | failed
    is_copy: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # Machine-readable reason (paper_out, cover_open, offline, unreachable, timeout, render, ...) for the UI.
    error_code: Mapped[str | None] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Announcement(Base):
    """A running-text line for the TV display, published by central."""

    __tablename__ = "announcements"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Booking(Base):
    """An online booking of a visit, made on central's /booking page and pulled here (change kind `bk`).

    `code` is the 8-character booking code without its dash; `ticket_id` is the ticket the check-in
    issued. Slot times are UTC; `day` is the site's local day.
    """

    __tablename__ = "bookings"
    __table_args__ = (Index("ix_bookings_day", "day", "slot_start"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    service_code: Mapped[str] = mapped_column(String(16))
    day: Mapped[date] = mapped_column(Date)
    slot_start: Mapped[datetime] = mapped_column(UTCDateTime)
    slot_end: Mapped[datetime] = mapped_column(UTCDateTime)
    until: Mapped[datetime] = mapped_column(UTCDateTime)  # slot end + grace: after it, the booking is missed
    status: Mapped[str] = mapped_column(String(12))  # booked | checked_in | missed | cancelled
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ticket_id: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# Sync reads only the rows central has not acknowledged; the outbox keeps every row for ever (0003_sync).
Index("ix_outbox_pending", OutboxMutation.epoch, OutboxMutation.seq, sqlite_where=OutboxMutation.acked_at.is_(None))


# --- the site hub ----------------------------------------------------------------------------------------

class SiteChange(Base):
    """One row changed in a replicated table (filled by triggers on the hub): what joined PCs pull."""

    __tablename__ = "site_changes"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(32))
    pk: Mapped[str] = mapped_column(String(64))


class HubClient(Base):
    """A PC joined to this hub: its device token (hash only) and what the hub last heard of it."""

    __tablename__ = "hub_clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    address: Mapped[str | None] = mapped_column(String(200))
    # Where this PC would serve the site if it were promoted (followers look there for a new hub).
    serve_url: Mapped[str | None] = mapped_column(String(200))
    cursor: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class HubPairing(Base):
    """A one-time pairing code (hash only) shown by `kiosk hub pair`."""

    __tablename__ = "hub_pairings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by: Mapped[str | None] = mapped_column(String(64))


class HubRequest(Base):
    """A write a joined PC asked of the hub, with the answer: a retry gets the same answer, never a second write."""

    __tablename__ = "hub_requests"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    client: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(40))
    status: Mapped[int] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SpoolEntry(Base):
    """A write a joined PC made while its hub was away; sent to the hub, exactly once, when it is back."""

    __tablename__ = "spool"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    op: Mapped[str] = mapped_column(String(40))
    args: Mapped[str] = mapped_column(Text)  # JSON
    actor: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str | None] = mapped_column(Text)  # JSON of the hub's answer
    error: Mapped[str | None] = mapped_column(Text)  # the hub refused it for good (shown, not retried)


# The site's shared tables and their primary keys: what the hub's change log records and a joined PC's
# replica holds. Everything else (print jobs, meta, device, spool, hub_*) belongs to one PC.
REPLICATED: dict[str, str] = {
    "agencies": "code", "services": "code", "counters": "number", "operators": "id", "tickets": "id",
    "ticket_events": "id", "applications": "id", "application_events": "id", "surveys": "id",
    "audit_log": "id", "announcements": "id", "outbox": "id", "bookings": "id",
    # The joined PCs and their token hashes: a PC promoted from its replica recognises them all.
    "hub_clients": "id",
}


class IntakeDraft(Base):
    """What is typed in a counter's intake form, kept so a phone call or a power cut loses nothing. This PC
    only (not replicated); it holds a full NIK, so it is purged after a day (`kiosk.privacy`)."""

    __tablename__ = "intake_drafts"

    counter: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[dict] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BackupFile(Base):
    """A copy `kiosk backup` made, so the privacy purge can age it out with the site's retention."""

    __tablename__ = "backup_files"

    path: Mapped[str] = mapped_column(String(1024), primary_key=True)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime)

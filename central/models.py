"""Central's tables (SQLAlchemy 2.0). Schema changes go through central/migrations only.

Times are stored as UTC. The site owns intake facts (tickets, applications as received, surveys);
central owns the catalog and the workflow status of forwarded applications.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    FetchedValue,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


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


# An auto-incrementing 64-bit key on PostgreSQL; SQLite only auto-increments INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    pass


class EnrollmentCode(Base):
    """A one-time code a technician types into a new kiosk; only its hash is kept."""

    __tablename__ = "enrollment_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    site_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    device_id: Mapped[str | None] = mapped_column(String(36))  # the device that used it
    # A re-enroll code is bound to one existing device (`kiosk-server device re-enroll ID`); NULL: a new device.
    for_device: Mapped[str | None] = mapped_column(String(36))


class Device(Base):
    """An enrolled kiosk installation. Its id is the kiosk's own device UUID; only a hash of the secret is kept."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_code: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(80))
    secret_hash: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The newest site-hub epoch this identity pushed with: a hub promoted at a site continues the old hub's
    # identity with a higher epoch, and a push with a lower one (the old hub, back) is fenced.
    hub_epoch: Mapped[int | None] = mapped_column(BigInteger)


class DeviceStream(Base):
    """Next expected seq of one (device, epoch) outbox stream; its row lock serialises that device's pushes."""

    __tablename__ = "device_streams"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    epoch: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    next_seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Mutation(Base):
    """Every mutation received, once: the idempotency record, the raw trail and the dead-letter store.

    `rejected` is NULL when applied, else why it can never apply (dead-lettered; the seq still advanced).
    """

    __tablename__ = "mutations"
    __table_args__ = (Index("ix_mutations_dead", "device_id", postgresql_where=text("rejected IS NOT NULL"),
                            sqlite_where=text("rejected IS NOT NULL")),)

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    epoch: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rejected: Mapped[str | None] = mapped_column(Text)
    # Set when an operator replayed a dead letter and it applied (`kiosk-server dead-letters replay`).
    replayed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replayed_by: Mapped[str | None] = mapped_column(String(64))


class Service(Base):
    """Every service any published catalog has had (never deleted: old facts still name it)."""

    __tablename__ = "services"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    agency_code: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(10))
    prefix: Mapped[str] = mapped_column(String(1))
    active: Mapped[bool] = mapped_column(Boolean)
    catalog_version: Mapped[int] = mapped_column(Integer)


class CatalogVersion(Base):
    __tablename__ = "catalog_versions"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    document: Mapped[str] = mapped_column(Text)  # JSON
    digest: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Ticket(Base):
    """A queue ticket as its site reported it (latest state)."""

    __tablename__ = "tickets"
    __table_args__ = (Index("ix_tickets_site_day", "site_code", "business_day"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_code: Mapped[str] = mapped_column(String(16))
    device_id: Mapped[str] = mapped_column(String(36))
    number: Mapped[str] = mapped_column(String(8))
    service_code: Mapped[str] = mapped_column(String(16))
    business_day: Mapped[date] = mapped_column(Date)
    priority: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12))
    counter: Mapped[int | None] = mapped_column(Integer)
    recall_count: Mapped[int] = mapped_column(Integer)
    arrival_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    operator: Mapped[str | None] = mapped_column(String(64))
    transferred_from: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TicketEvent(Base):
    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)
    site_code: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    counter: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(String(200))


class Application(Base):
    """A permohonan: the site's intake facts plus the status central or the site moved it to."""

    __tablename__ = "applications"
    __table_args__ = (Index("ix_applications_site_status", "site_code", "status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    registration_number: Mapped[str] = mapped_column(String(32))
    regno_key: Mapped[str] = mapped_column(String(32), unique=True)
    site_code: Mapped[str] = mapped_column(String(16))
    device_id: Mapped[str] = mapped_column(String(36))
    service_code: Mapped[str] = mapped_column(String(16))
    nik: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))
    desa_code: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(String(300))
    documents: Mapped[dict] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12))
    reject_reason: Mapped[str | None] = mapped_column(String(300))
    ticket_id: Mapped[str | None] = mapped_column(String(36))
    operator: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # NIK, phone and address masked in place after the retention period (`kiosk-server privacy purge`).
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApplicationEvent(Base):
    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    application_id: Mapped[str] = mapped_column(String(36), index=True)
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(10))  # site | central
    # False when a site's status arrived after central had moved the file further (kept as history).
    applied: Mapped[bool] = mapped_column(Boolean)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Survey(Base):
    __tablename__ = "surveys"
    __table_args__ = (Index("ix_surveys_site_at", "site_code", "at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_code: Mapped[str] = mapped_column(String(16))
    service_code: Mapped[str] = mapped_column(String(16))
    scores: Mapped[list] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The respondent's optional profile and suggestion (mpp.skm.check_profile; mpp.text bounds job, suggestion).
    age: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(1))
    education: Mapped[str | None] = mapped_column(String(4))
    job: Mapped[str | None] = mapped_column(String(60))
    suggestion: Mapped[str | None] = mapped_column(Text)


class Announcement(Base):
    """A running-text line for the TV displays of one site (or all sites when site_code is NULL)."""

    __tablename__ = "announcements"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_code: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Change(Base):
    """The pull change log. Readers page by (txid, id), never by time; see central.changes for why.

    `txid` is filled by the database: the writing transaction's id on PostgreSQL, 0 on SQLite.
    """

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_txid_id", "txid", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    txid: Mapped[int] = mapped_column(BigInteger, server_default=FetchedValue())
    site_code: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


# --- the web side: staff, audit, rate limits, notes, bookings (migration 0003_web) ----------------------

class StaffUser(Base):
    """An MPP Induk back-office account; role admin | verifier | viewer. Only an argon2 hash of the password."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StaffSession(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is kept."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(200))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StaffAudit(Base):
    """Every staff action (and every look at a citizen's record): who, what, when, from where."""

    __tablename__ = "staff_audit"
    __table_args__ = (Index("ix_staff_audit_at", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    target_kind: Mapped[str | None] = mapped_column(String(20))
    target: Mapped[str | None] = mapped_column(String(80))
    detail: Mapped[str | None] = mapped_column(Text)
    ip: Mapped[str | None] = mapped_column(String(45))


class RateLimit(Base):
    """A fixed-window counter per key, shared by every app process through the database."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    window: Mapped[int] = mapped_column(BigInteger)
    hits: Mapped[int] = mapped_column(Integer)


class WebSetting(Base):
    """Server-wide values every app process must agree on (the CSRF signing key)."""

    __tablename__ = "web_settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ApplicationNote(Base):
    """A back-office note on an application; `to_site` notes are pulled by the site with the status."""

    __tablename__ = "application_notes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    application_id: Mapped[str] = mapped_column(String(36), index=True)
    author: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    to_site: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class DevicePull(Base):
    """How far a device has pulled the change log (its last cursor), to show its backlog."""

    __tablename__ = "device_pulls"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(40))
    pulled_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BookingRule(Base):
    """When a service of a site can be booked; service_code '*' is the site's default for every service."""

    __tablename__ = "booking_rules"

    site_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    service_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    weekdays: Mapped[str] = mapped_column(String(7))  # ISO weekday digits, "123456" = Monday..Saturday
    opens: Mapped[str] = mapped_column(String(5))  # "08:00" WITA
    closes: Mapped[str] = mapped_column(String(5))
    slot_minutes: Mapped[int] = mapped_column(Integer)
    capacity: Mapped[int] = mapped_column(Integer)  # 0 = not bookable
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(40))


class Booking(Base):
    """An online booking of a visit: a slot of a service at a site, and the code the kiosk checks in."""

    __tablename__ = "bookings"
    __table_args__ = (Index("ix_bookings_site_day", "site_code", "day"),
                      Index("ix_bookings_open", "status", "until"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    site_code: Mapped[str] = mapped_column(String(16))
    service_code: Mapped[str] = mapped_column(String(16))
    day: Mapped[date] = mapped_column(Date)
    slot_start: Mapped[datetime] = mapped_column(UTCDateTime)
    slot_end: Mapped[datetime] = mapped_column(UTCDateTime)
    until: Mapped[datetime] = mapped_column(UTCDateTime)  # check-in deadline: slot end + grace
    status: Mapped[str] = mapped_column(String(12))  # booked | checked_in | missed | cancelled
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ticket_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str | None] = mapped_column(String(36))


class BookingSlot(Base):
    """Seats taken in one slot; its guarded increment is what keeps a slot within quota across processes."""

    __tablename__ = "booking_slots"

    site_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    service_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    slot_start: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    taken: Mapped[int] = mapped_column(Integer)

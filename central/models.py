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

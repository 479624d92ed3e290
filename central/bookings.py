"""Online booking of a visit: rules (days, hours, slot length, quota) per site and service, free slots,
booking codes, check-in reports from the sites, and missed bookings.

Plain functions over a Connection; the caller owns the transaction. Every change a site must learn
(a new booking, a cancellation, a check-in, a miss) is appended to the pull change log as kind
`bk` in the same transaction, so the kiosk can check a booking in even while its link is down.

Until the back office says otherwise, every service of every site is bookable Monday to Saturday
08:00–15:00 WITA in 30-minute slots of 4, from the next slot today up to 14 days ahead. A booking
not checked in by the end of its slot + GRACE is missed.

A booking code is 7 random Crockford base32 characters and an ISO 7064 MOD 37-2 check character
(the registration number's), shown `K7QM-4TZ5`; the receipt's QR holds `B:<code>`.
"""

from __future__ import annotations

import json
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, and_, func, select, update

from central.changes import record_change
from central.models import Booking, BookingRule, BookingSlot, CatalogVersion
from central.rules import CROCKFORD, SITE_TZ, InputError, NotFound, kecamatan, mod37_2_check, protocol

T_BOOKINGS, T_RULES, T_SLOTS = Booking.__table__, BookingRule.__table__, BookingSlot.__table__
BOOKED, CHECKED_IN, MISSED, CANCELLED = "booked", "checked_in", "missed", "cancelled"
STATUSES = (BOOKED, CHECKED_IN, MISSED, CANCELLED)
STATUS_LABELS = {BOOKED: "terjadwal", CHECKED_IN: "sudah hadir", MISSED: "tidak hadir", CANCELLED: "dibatalkan"}
DAYS_AHEAD = 14
GRACE = timedelta(minutes=15)
ALL_SERVICES = "*"
CODE_BODY = 7
_HHMM = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})
WEEKDAY_NAMES = {1: "Senin", 2: "Selasa", 3: "Rabu", 4: "Kamis", 5: "Jumat", 6: "Sabtu", 7: "Minggu"}


@dataclass(frozen=True)
class Rule:
    """When one service of one site can be booked."""

    weekdays: str = "123456"
    opens: str = "08:00"
    closes: str = "15:00"
    slot_minutes: int = 30
    capacity: int = 4

    def slot_starts(self, day: date) -> list[datetime]:
        """The local (WITA) start of every slot of `day`; none on a closed weekday."""
        if str(day.isoweekday()) not in self.weekdays or self.capacity <= 0:
            return []
        opens, closes = _parse_hhmm(self.opens), _parse_hhmm(self.closes)
        start = datetime.combine(day, opens, tzinfo=SITE_TZ)
        end = datetime.combine(day, closes, tzinfo=SITE_TZ)
        step = timedelta(minutes=self.slot_minutes)
        out = []
        while start + step <= end:
            out.append(start)
            start += step
        return out


DEFAULT_RULE = Rule()


def _parse_hhmm(text: str) -> time:
    match = _HHMM.match(text or "")
    if not match:
        raise InputError(f"jam harus HH:MM, bukan {text!r}")
    return time(int(match.group(1)), int(match.group(2)))


def _unix(value: datetime | None) -> int | None:
    return int(value.timestamp()) if value is not None else None


# --- codes -------------------------------------------------------------------------------------------

def new_code() -> str:
    body = "".join(secrets.choice(CROCKFORD) for _ in range(CODE_BODY))
    return body + mod37_2_check(body)


def pretty_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def check_code(text: str) -> str:
    """A typed or scanned code (`B:` prefix, case, dashes and spaces ignored) -> its 8 characters; InputError if mistyped."""
    raw = str(text or "").strip()
    if raw[:2].upper() == "B:":
        raw = raw[2:]
    key = "".join(ch for ch in raw.upper() if ch.isascii() and (ch.isalnum() or ch == "*"))
    key = key[:CODE_BODY].translate(_CONFUSABLES) + key[CODE_BODY:]
    if len(key) != CODE_BODY + 1 or any(ch not in CROCKFORD for ch in key[:CODE_BODY]):
        raise InputError(f"kode booking tidak dikenali: {text!r} (contoh: K7QM-4TZ5)")
    if mod37_2_check(key[:CODE_BODY]) != key[CODE_BODY]:
        raise InputError("kode booking salah ketik (digit periksa tidak cocok)")
    return key


# --- catalog and rules -------------------------------------------------------------------------------

_catalogs: dict[tuple[str, int], list[dict]] = {}


def catalog_services(conn: Connection) -> list[dict]:
    """Active services of the latest published catalog, in ticket-prefix order, with their agency's name.

    Parsed once per catalog version and process (a catalog is immutable once published); treat as read-only.
    """
    T = CatalogVersion.__table__
    version = conn.scalar(select(func.max(T.c.version)))
    if version is None:
        return []
    key = (str(conn.engine.url), version)
    services = _catalogs.get(key)
    if services is None:
        data = json.loads(conn.scalar(select(T.c.document).where(T.c.version == version)))
        agencies = {a["code"]: a.get("short", a["code"]) for a in data.get("agencies", [])}
        services = sorted(({**svc, "agency_name": agencies.get(svc["agency"], svc["agency"])}
                           for svc in data["services"]), key=lambda s: s["prefix"])
        if len(_catalogs) > 16:
            _catalogs.clear()
        _catalogs[key] = services
    return services


def site_rules(conn: Connection, site: str) -> dict[str, Rule]:
    """The rules stored for a site: service code (or '*') -> Rule."""
    return {r.service_code: Rule(r.weekdays, r.opens, r.closes, r.slot_minutes, r.capacity)
            for r in conn.execute(select(T_RULES).where(T_RULES.c.site_code == site))}


def rule_for(conn: Connection, site: str, service: str, stored: dict[str, Rule] | None = None) -> Rule:
    """The rule of one service of a site: its own, else the site's default, else the built-in default."""
    stored = site_rules(conn, site) if stored is None else stored
    return stored.get(service) or stored.get(ALL_SERVICES) or DEFAULT_RULE


def set_rule(conn: Connection, site: str, service: str, *, weekdays: str, opens: str, closes: str,
             slot_minutes: int, capacity: int, actor: str, now: datetime) -> Rule:
    """Store the booking rule of a service at a site (`*` = every service without its own rule)."""
    from central.rules import normalise_site_code

    site = normalise_site_code(site)
    if service != ALL_SERVICES and service not in {s["code"] for s in catalog_services(conn)}:
        raise NotFound(f"layanan tidak dikenal: {service!r}")
    days = "".join(sorted(set(weekdays or "")))
    if not days or any(ch not in "1234567" for ch in days):
        raise InputError("pilih minimal satu hari (1 = Senin … 7 = Minggu)")
    if _parse_hhmm(opens) >= _parse_hhmm(closes):
        raise InputError(f"jam buka {opens} harus sebelum jam tutup {closes}")
    if not 5 <= slot_minutes <= 240:
        raise InputError("panjang slot harus 5–240 menit")
    if not 0 <= capacity <= 200:
        raise InputError("kuota per slot harus 0–200 (0 = tidak bisa dibooking)")
    rule = Rule(days, opens, closes, slot_minutes, capacity)
    from central.db import upsert

    upsert(conn, T_RULES, [{"site_code": site, "service_code": service, "weekdays": days, "opens": opens,
                            "closes": closes, "slot_minutes": slot_minutes, "capacity": capacity,
                            "updated_at": now, "updated_by": actor}], ["site_code", "service_code"])
    return rule


# --- availability -----------------------------------------------------------------------------------

def booking_days(now: datetime) -> list[date]:
    today = now.astimezone(SITE_TZ).date()
    return [today + timedelta(days=n) for n in range(DAYS_AHEAD + 1)]


def free_slots(conn: Connection, site: str, service: str, now: datetime) -> list[dict]:
    """Days from today to DAYS_AHEAD with their open slots: [{day, slots: [{start, end, free}]}]."""
    rule = rule_for(conn, site, service)
    days = booking_days(now)
    first = datetime.combine(days[0], time(0), tzinfo=SITE_TZ)
    last = datetime.combine(days[-1] + timedelta(days=1), time(0), tzinfo=SITE_TZ)
    taken = {row.slot_start: row.taken for row in conn.execute(
        select(T_SLOTS.c.slot_start, T_SLOTS.c.taken).where(
            T_SLOTS.c.site_code == site, T_SLOTS.c.service_code == service,
            T_SLOTS.c.slot_start >= first, T_SLOTS.c.slot_start < last))}
    step = timedelta(minutes=rule.slot_minutes)
    out = []
    for day in days:
        slots = []
        for start in rule.slot_starts(day):
            if start <= now:
                continue
            free = rule.capacity - taken.get(start.astimezone(UTC), 0)
            slots.append({"start": start, "end": start + step, "free": max(0, free)})
        out.append({"day": day, "slots": slots})
    return out


def _slot_guard(conn: Connection, site: str, service: str, start_utc: datetime, capacity: int) -> bool:
    """Take one seat in a slot if one is left: a single guarded upsert, atomic across processes."""
    from central.db import dialect_insert

    stmt = dialect_insert(conn, T_SLOTS).values(site_code=site, service_code=service, slot_start=start_utc, taken=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["site_code", "service_code", "slot_start"], set_={"taken": T_SLOTS.c.taken + 1},
        where=T_SLOTS.c.taken < capacity).returning(T_SLOTS.c.taken)
    taken = conn.execute(stmt).scalar()
    return taken is not None and taken <= capacity


# --- bookings ---------------------------------------------------------------------------------------

def booking_payload(row) -> dict:
    """The `bk` change a site pulls (see kiosk/sync/protocol.py KIND_BOOKING)."""
    return {"id": row["id"], "code": row["code"], "service": row["service_code"], "day": row["day"].isoformat(),
            "start": _unix(row["slot_start"]), "end": _unix(row["slot_end"]), "until": _unix(row["until"]),
            "status": row["status"], "created_at": _unix(row["created_at"]), "ticket": row.get("ticket_id"),
            "checked_in_at": _unix(row.get("checked_in_at"))}


def _announce(conn: Connection, row: dict, now: datetime) -> None:
    record_change(conn, protocol.KIND_BOOKING, row["id"], booking_payload(row), site_code=row["site_code"], now=now)


def create_booking(conn: Connection, site: str, service: str, start: datetime, now: datetime) -> dict:
    """Book one seat of the slot starting at `start` (aware) for a service at a site; InputError when not possible."""
    names = kecamatan()
    if site not in names:
        raise NotFound(f"kecamatan tidak dikenal: {site!r}")
    services = {s["code"]: s for s in catalog_services(conn)}
    if service not in services:
        raise NotFound(f"layanan tidak dikenal: {service!r}")
    rule = rule_for(conn, site, service)
    local = start.astimezone(SITE_TZ)
    if local.date() not in booking_days(now) or local not in rule.slot_starts(local.date()):
        raise InputError("slot itu tidak tersedia untuk booking (slot not offered)")
    if local <= now:
        raise InputError("slot itu sudah lewat; pilih slot lain (slot already started)")
    if not _slot_guard(conn, site, service, local.astimezone(UTC), rule.capacity):
        raise InputError("slot itu sudah penuh; pilih slot lain (slot full)")
    end = local + timedelta(minutes=rule.slot_minutes)
    code = new_code()
    while conn.scalar(select(T_BOOKINGS.c.id).where(T_BOOKINGS.c.code == code)) is not None:
        code = new_code()
    row = {"id": str(uuid.uuid4()), "code": code, "site_code": site, "service_code": service, "day": local.date(),
           "slot_start": local.astimezone(UTC), "slot_end": end.astimezone(UTC),
           "until": (end + GRACE).astimezone(UTC), "status": BOOKED, "created_at": now, "updated_at": now,
           "checked_in_at": None, "ticket_id": None, "device_id": None}
    conn.execute(T_BOOKINGS.insert().values(row))
    _announce(conn, row, now)
    return booking_view(row, services[service])


def booking_view(row, service: dict | None = None) -> dict:
    """What a page or `booking list --json` shows of a booking (never anything about the person)."""
    row = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    start, end = row["slot_start"].astimezone(SITE_TZ), row["slot_end"].astimezone(SITE_TZ)
    view = {"code": pretty_code(row["code"]), "site": row["site_code"], "site_name": kecamatan().get(row["site_code"]),
            "service": row["service_code"], "day": row["day"].isoformat(), "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"), "until": row["until"].astimezone(SITE_TZ).isoformat(),
            "status": row["status"], "status_label": STATUS_LABELS.get(row["status"], row["status"]),
            "created_at": row["created_at"].astimezone(SITE_TZ).isoformat(),
            "checked_in_at": row["checked_in_at"].astimezone(SITE_TZ).isoformat() if row["checked_in_at"] else None,
            "ticket_id": row["ticket_id"]}
    if service is not None:
        view["service_name"] = service["name"]
        view["requirements"] = list(service.get("requirements") or [])
    return view


def find_booking(conn: Connection, code: str):
    key = check_code(code)
    row = conn.execute(select(T_BOOKINGS).where(T_BOOKINGS.c.code == key)).first()
    if row is None:
        raise NotFound(f"booking {pretty_code(key)} tidak ditemukan")
    return row


def list_bookings(conn: Connection, site: str, day: date | None = None, limit: int = 5000) -> list[dict]:
    """A site's bookings (of one local day, or from today on), in slot order."""
    query = select(T_BOOKINGS).where(T_BOOKINGS.c.site_code == site)
    if day is not None:
        query = query.where(T_BOOKINGS.c.day == day)
    else:
        query = query.where(T_BOOKINGS.c.day >= datetime.now(SITE_TZ).date())
    rows = conn.execute(query.order_by(T_BOOKINGS.c.slot_start, T_BOOKINGS.c.created_at).limit(limit)).all()
    return [booking_view(r) for r in rows]


def day_counts(conn: Connection, day: date) -> dict[str, dict[str, int]]:
    """Bookings of one day per site and status."""
    out: dict[str, dict[str, int]] = {}
    for site, status, n in conn.execute(select(T_BOOKINGS.c.site_code, T_BOOKINGS.c.status, func.count())
                                        .where(T_BOOKINGS.c.day == day)
                                        .group_by(T_BOOKINGS.c.site_code, T_BOOKINGS.c.status)):
        out.setdefault(site, {})[status] = n
    return out


def expire_bookings(conn: Connection, now: datetime) -> int:
    """Mark missed every booking not checked in by its deadline (slot end + grace); returns how many."""
    rows = conn.execute(select(T_BOOKINGS).where(T_BOOKINGS.c.status == BOOKED, T_BOOKINGS.c.until < now)
                        .limit(10_000)).all()
    missed = 0
    for row in rows:
        done = conn.execute(update(T_BOOKINGS).where(T_BOOKINGS.c.id == row.id, T_BOOKINGS.c.status == BOOKED)
                            .values(status=MISSED, updated_at=now)).rowcount
        if done:
            missed += 1
            _announce(conn, {**row._asdict(), "status": MISSED, "updated_at": now}, now)
    return missed


def cancel_booking(conn: Connection, code: str, now: datetime) -> dict:
    """Cancel a booking that is still to come; its seat is offered again."""
    row = find_booking(conn, code)
    if row.status != BOOKED:
        raise InputError(f"booking {pretty_code(row.code)} berstatus {STATUS_LABELS[row.status]}; tidak bisa dibatalkan")
    conn.execute(update(T_BOOKINGS).where(T_BOOKINGS.c.id == row.id, T_BOOKINGS.c.status == BOOKED)
                 .values(status=CANCELLED, updated_at=now))
    conn.execute(update(T_SLOTS).where(and_(T_SLOTS.c.site_code == row.site_code,
                                            T_SLOTS.c.service_code == row.service_code,
                                            T_SLOTS.c.slot_start == row.slot_start, T_SLOTS.c.taken > 0))
                 .values(taken=T_SLOTS.c.taken - 1))
    data = {**row._asdict(), "status": CANCELLED, "updated_at": now}
    _announce(conn, data, now)
    return booking_view(data)


def apply_checkin(conn: Connection, site: str, device_id: str, payload: dict, now: datetime) -> bool:
    """A site reports that it checked a booking in (push mutation `booking.checked_in`).

    The site's check-in is a fact: it wins over `missed` (the report may arrive days late) and over a
    cancellation that the site had not pulled yet. A repeat changes nothing. Raises InputError for a
    booking that does not exist or belongs to another site (the mutation is dead-lettered).
    """
    booking_id, ticket_id, at = payload.get("id"), payload.get("ticket_id"), payload.get("at")
    if not isinstance(booking_id, str) or not isinstance(at, int) or isinstance(at, bool):
        raise InputError("booking.checked_in needs id (booking id) and at (Unix seconds)")
    if ticket_id is not None and (not isinstance(ticket_id, str) or len(ticket_id) > 36):
        raise InputError("field ticket_id: expected a ticket id")
    row = conn.execute(select(T_BOOKINGS).where(T_BOOKINGS.c.id == booking_id)).first()
    if row is None:
        raise InputError(f"unknown booking {booking_id}")
    if row.site_code != site:
        raise InputError(f"booking {booking_id} belongs to site {row.site_code}, not {site}")
    if row.status == CHECKED_IN:
        return False
    when = datetime.fromtimestamp(at, UTC)
    conn.execute(update(T_BOOKINGS).where(T_BOOKINGS.c.id == row.id).values(
        status=CHECKED_IN, checked_in_at=when, ticket_id=ticket_id, device_id=device_id, updated_at=now))
    _announce(conn, {**row._asdict(), "status": CHECKED_IN, "checked_in_at": when, "ticket_id": ticket_id}, now)
    return True

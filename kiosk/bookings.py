"""Online bookings of a visit at this site: kept from central's pull, checked in at the kiosk.

A citizen books a slot on central's /booking page and gets a code (`K7QM-4TZ5`, its QR holds
`B:K7QM4TZ5`). Central sends the site every booking of its own (pull change kind `bk`), so a booking is
here before the citizen arrives and the check-in works while the link is down. The check-in issues a
ticket for the booked service and reports the fact to central through the outbox (`booking.checked_in`).

Order of service: the booked ticket's arrival time is its slot start when the citizen comes after it
(`min(now, slot start)`). The queue is called by arrival time (kiosk/tickets.py: priority, arrival,
issue time), so a booked citizen is called before every walk-in who took a ticket after the slot
started, and after those who were already waiting then. Early check-in (at most EARLY before the slot)
is an ordinary arrival.

A booking not checked in by its slot end + grace (`until`) is missed; central marks it so and sends the
change; here such a booking is refused and listed as missed meanwhile. A check-in done here wins over
anything pulled later (central applies the site's check-in over `missed` too).

Plain functions over a session: no commit, no printing, no network.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import outbox, tickets
from kiosk.clock import SITE_TZ
from kiosk.errors import IllegalTransition, InputError, NotFound
from kiosk.models import Booking, Service, Ticket
from mpp import text, wire
from mpp.regno import mod37_2_check
from mpp.sites import CROCKFORD

BOOKED, CHECKED_IN, MISSED, CANCELLED = "booked", "checked_in", "missed", "cancelled"
STATUSES = (BOOKED, CHECKED_IN, MISSED, CANCELLED)
STATUS_LABELS = {BOOKED: "terjadwal", CHECKED_IN: "sudah hadir", MISSED: "tidak hadir", CANCELLED: "dibatalkan"}
EARLY = timedelta(minutes=60)  # check-in opens this long before the slot
CODE_BODY = 7
_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})


# --- codes -------------------------------------------------------------------------------------------------

def pretty_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def check_code(raw_text: str) -> str:
    """A typed or scanned code (`B:` prefix, case, dashes and spaces ignored) -> its 8 characters; InputError
    when it is not a booking code or mistyped (its last character is a check character, as central's)."""
    raw = str(raw_text or "").strip()
    if raw[:2].upper() == "B:":
        raw = raw[2:]
    key = "".join(ch for ch in raw.upper() if ch.isascii() and (ch.isalnum() or ch == "*"))
    key = key[:CODE_BODY].translate(_CONFUSABLES) + key[CODE_BODY:]
    if len(key) != CODE_BODY + 1 or any(ch not in CROCKFORD for ch in key[:CODE_BODY]):
        raise InputError(f"kode booking tidak dikenali: {raw_text!r} (contoh: K7QM-4TZ5)")
    if mod37_2_check(key[:CODE_BODY]) != key[CODE_BODY]:
        raise InputError(f"kode booking {raw_text!r} salah ketik; periksa lagi (contoh: K7QM-4TZ5)")
    return key


# --- from central ------------------------------------------------------------------------------------------

def _time(value) -> datetime | None:
    return datetime.fromtimestamp(int(value), UTC) if value is not None else None


def apply_pulled(session: Session, change: dict, now: datetime) -> bool:
    """Upsert one pulled `bk` change (by long names, `wire.read_change`). A check-in done here is never
    undone by an older state from central (a `missed` or `booked` that crossed our report)."""
    if not change.get("id") or not change.get("code") or change.get("status") not in STATUSES:
        return False
    row = session.get(Booking, change["id"])
    if row is None:
        row = Booking(id=change["id"])
        session.add(row)
    elif row.status == CHECKED_IN and change["status"] != CHECKED_IN:
        return False
    row.code = str(change["code"])
    row.service_code = str(change["service"])
    row.day = date.fromisoformat(change["day"])
    row.slot_start, row.slot_end, row.until = _time(change["start"]), _time(change["end"]), _time(change["until"])
    row.status = change["status"]
    row.created_at = _time(change.get("created_at"))
    if change["status"] == CHECKED_IN:
        row.checked_in_at = _time(change.get("checked_in_at")) or row.checked_in_at
        row.ticket_id = change.get("ticket") or row.ticket_id
    row.updated_at = now
    return True


# --- at the kiosk --------------------------------------------------------------------------------------------

def effective_status(booking: Booking, now: datetime) -> str:
    """The booking's status, `missed` as soon as its deadline passed (before central says so)."""
    if booking.status == BOOKED and now > booking.until:
        return MISSED
    return booking.status


def find(session: Session, code: str) -> Booking:
    key = check_code(code)
    found = session.scalar(select(Booking).where(Booking.code == key))
    if found is None:
        raise NotFound(f"kode booking {pretty_code(key)} tidak ada untuk kecamatan ini (booking kecamatan lain, "
                       "atau belum diterima dari pusat); tanyakan petugas")
    return found


def _hhmm(value: datetime) -> str:
    return value.astimezone(SITE_TZ).strftime("%H:%M")


def check_in(session: Session, code: str, *, now: datetime, actor: str = "kiosk") -> tuple[Booking, Ticket]:
    """The citizen is here: a ticket for the booked service, ranked by the booked slot (see the module's
    note); the booking is checked in and central told through the outbox. Refuses (InputError, nothing
    changed) an unknown code, a cancelled or missed booking, one already checked in, too early or too late."""
    actor = text.clean_field("actor", actor, required=True)
    booking = find(session, code)
    shown = pretty_code(booking.code)
    status = effective_status(booking, now)
    if status == CHECKED_IN:
        ticket = session.get(Ticket, booking.ticket_id) if booking.ticket_id else None
        number = f": nomor antrian {ticket.number}" if ticket is not None else ""
        raise IllegalTransition(f"booking {shown} sudah check-in{number}")
    if status == CANCELLED:
        raise IllegalTransition(f"booking {shown} sudah dibatalkan")
    if status == MISSED:
        raise IllegalTransition(f"booking {shown} sudah lewat (slot {booking.day.isoformat()} "
                                f"{_hhmm(booking.slot_start)}–{_hhmm(booking.slot_end)}); silakan ambil antrian biasa")
    if booking.day != tickets.business_day(now) or now < booking.slot_start - EARLY:
        opens = booking.slot_start - EARLY
        raise InputError(f"booking {shown} untuk {booking.day.isoformat()} pukul {_hhmm(booking.slot_start)}; "
                         f"check-in mulai pukul {_hhmm(opens)}" + (
                             f" tanggal {opens.astimezone(SITE_TZ).date().isoformat()}"
                             if booking.day != tickets.business_day(now) else ""))
    ticket = tickets.issue_ticket(session, booking.service_code, now=now, actor=actor,
                                  arrival_at=min(now, booking.slot_start))
    booking.status = CHECKED_IN
    booking.checked_in_at = now
    booking.ticket_id = ticket.id
    booking.updated_at = now
    outbox.append(session, wire.BOOKING_CHECKED_IN, now, id=booking.id, ticket_id=ticket.id, at=now, actor=actor)
    return booking, ticket


def booking_dict(session: Session, booking: Booking, now: datetime) -> dict:
    """The JSON shape of a booking (`kiosk booking list --json`, the "booking" of a check-in)."""
    ticket = session.get(Ticket, booking.ticket_id) if booking.ticket_id else None
    service = session.get(Service, booking.service_code)
    status = effective_status(booking, now)
    return {
        "id": booking.id, "code": pretty_code(booking.code), "service": booking.service_code,
        "service_name": service.name if service is not None else booking.service_code,
        "day": booking.day.isoformat(), "start": _hhmm(booking.slot_start), "end": _hhmm(booking.slot_end),
        "status": status, "status_label": STATUS_LABELS[status],
        "checked_in_at": booking.checked_in_at.isoformat() if booking.checked_in_at else None,
        "ticket": ticket.number if ticket is not None else None,
    }


def list_bookings(session: Session, *, now: datetime, day: date | None = None) -> list[Booking]:
    """The bookings of one local day (today by default), in slot order."""
    day = day or tickets.business_day(now)
    return list(session.scalars(select(Booking).where(Booking.day == day)
                                .order_by(Booking.slot_start, Booking.created_at, Booking.code)))

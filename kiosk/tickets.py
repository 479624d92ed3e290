"""The queue (antrian): numbering, call / recall / serve / finish / transfer, wait estimate, day close.

Numbers are per site, service prefix and local business day (`A-001`), gap-free and never duplicated:
the caller's transaction holds SQLite's write lock (BEGIN IMMEDIATE), so max(seq)+1 is safe across
processes. A number is for display; a ticket's identity is its UUID.
"""

from __future__ import annotations

import json
import math
import re
import statistics
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select, tuple_
from sqlalchemy.orm import Session

from kiosk import outbox
from kiosk.catalog import get_service
from kiosk.clock import SITE_TZ
from kiosk.errors import IllegalTransition, InputError, NotFound, QueueEmpty
from kiosk.models import Counter, Meta, Service, Ticket, TicketEvent, new_id
from kiosk.site import site_code
from mpp import text, wire

# The queue's states and transitions are shared with central (mpp.statuses).
from mpp.statuses import CALLED, CANCELLED, DONE, NO_SHOW, PRIORITIES, SERVING, TRANSFERRED, WAITING
from mpp.statuses import OPEN_TICKET_STATUSES as OPEN_STATUSES
from mpp.statuses import TICKET_LABELS as STATUS_LABELS
from mpp.statuses import TICKET_TRANSITIONS as TRANSITIONS

RECENT_SERVICE_SAMPLE = 20
_NUMBER_RE = re.compile(r"^\s*([A-Za-z])\s*-?\s*(\d{1,4})\s*$")


def business_day(now: datetime) -> date:
    """The site's local calendar day (WITA) of an aware datetime."""
    return now.astimezone(SITE_TZ).date()


def format_number(prefix: str, seq: int) -> str:
    return f"{prefix}-{seq:03d}"


def normalise_number(text: str) -> str:
    """`a12`, `A 012`, `A-12` -> `A-012`."""
    match = _NUMBER_RE.match(text)
    if not match:
        raise InputError(f"nomor antrian tidak sah: {text!r} (contoh: A-012)")
    return format_number(match.group(1).upper(), int(match.group(2)))


# --- issuing ---------------------------------------------------------------------------------------

K_NUMBER_FLOOR = "queue.number_floor"


def _next_seq(session: Session, site: str, day: date, prefix: str) -> int:
    last = session.scalar(
        select(func.max(Ticket.seq)).where(Ticket.site_code == site, Ticket.business_day == day, Ticket.prefix == prefix)
    )
    return max(last or 0, _number_floor(session, day).get(prefix, 0)) + 1


def _number_floor(session: Session, day: date) -> dict[str, int]:
    row = session.get(Meta, K_NUMBER_FLOOR)
    if row is None:
        return {}
    data = json.loads(row.value)
    return data.get("floors", {}) if data.get("day") == day.isoformat() else {}


def raise_number_floor(session: Session, *, now: datetime, gap: int) -> dict[str, int]:
    """Today's numbers continue `gap` above the highest issued so far, per prefix (after a hub promotion: a
    ticket the old hub issued in its last instant, not yet seen here, must never get its number twice)."""
    day = business_day(now)
    issued = dict(session.execute(
        select(Ticket.prefix, func.max(Ticket.seq)).where(Ticket.business_day == day).group_by(Ticket.prefix)).all())
    prefixes = set(issued) | set(session.scalars(select(Service.prefix)))
    floors = {prefix: (issued.get(prefix) or 0) + gap for prefix in prefixes}
    for prefix, floor in _number_floor(session, day).items():
        floors[prefix] = max(floors.get(prefix, 0), floor)
    row = session.get(Meta, K_NUMBER_FLOOR) or Meta(key=K_NUMBER_FLOOR)
    row.value = json.dumps({"day": day.isoformat(), "floors": floors})
    session.add(row)
    return floors


def issue_ticket(session: Session, service_code: str, *, now: datetime, priority: str | None = None,
                 actor: str = "kiosk", arrival_at: datetime | None = None,
                 transferred_from: str | None = None, counter_check: bool = True) -> Ticket:
    """Take a queue number for a service; priority is one of lansia / disabilitas / hamil."""
    if priority is not None and priority not in PRIORITIES:
        raise InputError(f"prioritas tidak dikenal: {priority!r} (pilihan: {', '.join(PRIORITIES)})")
    actor = text.clean_field("actor", actor, required=True)
    site = site_code(session)
    service = get_service(session, service_code)
    if counter_check and not any(service.code in (row.services or []) for row in session.scalars(select(Counter))):
        raise InputError(f"layanan {service.code} ({service.name}) belum dilayani loket mana pun di sini; "
                         "tanyakan petugas (no counter serves this service)")
    day = business_day(now)
    seq = _next_seq(session, site, day, service.prefix)
    ticket = Ticket(
        id=new_id(), site_code=site, business_day=day, service_code=service.code, prefix=service.prefix, seq=seq,
        number=format_number(service.prefix, seq), priority=priority, priority_rank=0 if priority else 1,
        status=WAITING, recall_count=0, arrival_at=arrival_at or now, issued_at=now,
        transferred_from=transferred_from,
    )
    session.add(ticket)
    session.add(TicketEvent(ticket_id=ticket.id, from_status=None, to_status=WAITING, actor=actor, at=now))
    outbox.append(session, wire.TICKET_ISSUED, now, id=ticket.id, number=ticket.number, service=service.code,
                  business_day=day.isoformat(), priority=priority, arrival_at=ticket.arrival_at, issued_at=now,
                  transferred_from=transferred_from)
    return ticket


# --- lookup ----------------------------------------------------------------------------------------

def find_ticket(session: Session, ref: str, *, now: datetime) -> Ticket:
    """A ticket by UUID, or by number on today's business day."""
    ref = ref.strip()
    if len(ref) == 36 and ref.count("-") == 4:
        ticket = session.get(Ticket, ref)
    else:
        number = normalise_number(ref)
        ticket = session.scalar(
            select(Ticket).where(Ticket.business_day == business_day(now), Ticket.number == number)
        )
    if ticket is None:
        raise NotFound(f"tiket {ref} tidak ditemukan (hari ini)")
    return ticket


def counter_services(session: Session, counter: int) -> list[str]:
    row = session.get(Counter, counter)
    if row is None or not row.services:
        raise InputError(f"loket {counter} belum diatur: jalankan `kiosk counter set {counter} --services KODE,...`")
    return list(row.services)


def set_counter(session: Session, counter: int, service_codes: list[str], *, now: datetime) -> Counter:
    """Set the services counter N calls."""
    if counter < 1 or counter > 99:
        raise InputError(f"nomor loket harus 1..99, bukan {counter}")
    codes = [get_service(session, code).code for code in service_codes if code.strip()]
    if not codes:
        raise InputError("sebutkan paling sedikit satu layanan, mis. --services KTP,KK")
    row = session.get(Counter, counter) or Counter(number=counter, priority_streak=0)
    row.services = sorted(set(codes), key=codes.index)
    row.updated_at = now
    session.add(row)
    return row


OPEN, PAUSED, CLOSED = "open", "paused", "closed"
COUNTER_STATES = {OPEN: "buka", PAUSED: "istirahat", CLOSED: "tutup"}


def set_counter_state(session: Session, counter: int, state: str, *, now: datetime,
                      reason: str | None = None) -> Counter:
    """Open, pause (istirahat, with a reason) or close counter N; the kiosk, the TV and the waits follow."""
    if state not in COUNTER_STATES:
        raise InputError(f"keadaan loket tidak dikenal: {state!r} (pilihan: {', '.join(COUNTER_STATES)})")
    row = session.get(Counter, counter)
    if row is None or not row.services:
        raise InputError(f"loket {counter} belum diatur: jalankan `kiosk counter set {counter} --services KODE,...`")
    busy = active_ticket(session, counter, business_day(now))
    if state != OPEN and busy is not None:
        raise IllegalTransition(f"loket {counter} masih {STATUS_LABELS[busy.status]} {busy.number}: "
                                "selesaikan atau kembalikan dulu")
    row.state = state
    row.state_reason = text.clean_field("counter_reason", reason) if state == PAUSED else None
    row.state_at = now
    return row


def service_availability(session: Session) -> dict[str, dict]:
    """Per service: {available, reason, notice}. Not available when no counter is set up to serve it (no
    orphan tickets); available with a notice when every counter serving it is paused or closed."""
    from kiosk.catalog import services as active_services

    serving: dict[str, list[Counter]] = {}
    for row in session.scalars(select(Counter)):
        for code in row.services or []:
            serving.setdefault(code, []).append(row)
    found = {}
    for service in active_services(session):
        rows = serving.get(service.code, [])
        if not rows:
            found[service.code] = {"available": False, "notice": None,
                                   "reason": "belum ada loket yang melayani layanan ini"}
        elif all(r.state != OPEN for r in rows):
            paused = any(r.state == PAUSED for r in rows)
            found[service.code] = {"available": True, "reason": None,
                                   "notice": "Loket sedang istirahat" if paused else "Loket sedang tutup"}
        else:
            found[service.code] = {"available": True, "reason": None, "notice": None}
    return found


def active_ticket(session: Session, counter: int, day: date) -> Ticket | None:
    """The ticket counter N is calling or serving now, if any."""
    return session.scalar(
        select(Ticket).where(Ticket.counter == counter, Ticket.status.in_((CALLED, SERVING)),
                             Ticket.business_day == day)
    )


# --- transitions -----------------------------------------------------------------------------------

def _transition(session: Session, ticket: Ticket, to: str, *, actor: str, counter: int | None,
                now: datetime, note: str | None = None) -> Ticket:
    actor = text.clean_field("actor", actor, required=True)
    note = text.clean_field("ticket_note", note)
    if to not in TRANSITIONS[ticket.status]:
        raise IllegalTransition(
            f"tiket {ticket.number} sedang {STATUS_LABELS[ticket.status]}; tidak bisa menjadi {STATUS_LABELS[to]}"
        )
    frm = ticket.status
    ticket.status = to
    session.add(TicketEvent(ticket_id=ticket.id, from_status=frm, to_status=to, actor=actor, counter=counter,
                            at=now, note=note))
    outbox.append(session, wire.TICKET_EVENT, now, id=ticket.id, from_status=frm, to_status=to, counter=counter,
                  actor=actor, at=now, note=note)
    return ticket


def _at_counter(ticket: Ticket, counter: int) -> None:
    if ticket.counter is not None and ticket.counter != counter:
        raise IllegalTransition(f"tiket {ticket.number} ditangani loket {ticket.counter}, bukan loket {counter}")


def _callable_here(counter: int, services: list[str]):
    """The waiting tickets counter N may call: its services' (unless sent to another counter) and those
    sent to it."""
    return or_(and_(Ticket.service_code.in_(services), Ticket.assigned_counter.is_(None)),
               Ticket.assigned_counter == counter)


def _ready_to_call(session: Session, counter: int, day: date) -> list[str]:
    services = counter_services(session, counter)
    row = session.get(Counter, counter)
    if row.state != OPEN:
        raise IllegalTransition(f"loket {counter} sedang {COUNTER_STATES[row.state]}: buka dulu "
                                f"(`kiosk counter open {counter}`) (counter is {row.state})")
    busy = active_ticket(session, counter, day)
    if busy is not None:
        raise IllegalTransition(
            f"loket {counter} masih {STATUS_LABELS[busy.status]} {busy.number}: selesaikan atau kembalikan dulu"
        )
    return services


def call_next(session: Session, counter: int, *, now: datetime, actor: str, max_priority_in_row: int = 2) -> Ticket:
    """Call the next waiting ticket for counter N (priority first, bounded by max_priority_in_row)."""
    day = business_day(now)
    services = _ready_to_call(session, counter, day)
    waiting = (
        select(Ticket)
        .where(Ticket.status == WAITING, Ticket.business_day == day, _callable_here(counter, services))
        .limit(1)
    )
    first = session.scalar(waiting.order_by(Ticket.priority_rank, Ticket.arrival_at, Ticket.issued_at, Ticket.seq))
    if first is None:
        raise QueueEmpty(f"antrian kosong (queue empty) untuk loket {counter} ({', '.join(services)})")
    return _call(session, first, counter, now=now, actor=actor, max_priority_in_row=max_priority_in_row,
                 waiting=waiting)


def call_number(session: Session, counter: int, number: str, *, now: datetime, actor: str) -> Ticket:
    """Call a given waiting ticket out of order (a citizen who came back, an appointment)."""
    day = business_day(now)
    services = _ready_to_call(session, counter, day)
    ticket = find_ticket(session, number, now=now)
    if ticket.status != WAITING:
        raise IllegalTransition(f"tiket {ticket.number} sedang {STATUS_LABELS[ticket.status]}, bukan menunggu")
    if ticket.assigned_counter not in (None, counter) or (
            ticket.assigned_counter is None and ticket.service_code not in services):
        raise IllegalTransition(f"tiket {ticket.number} ({ticket.service_code}) bukan untuk loket {counter}")
    return _call(session, ticket, counter, now=now, actor=actor)


def next_citizen(session: Session, counter: int, *, now: datetime, actor: str,
                 max_priority_in_row: int = 2) -> tuple[Ticket | None, Ticket]:
    """One key per citizen: finish the ticket counter N is serving (if any) and call the next one.

    Returns (finished or None, called). A ticket only called, not yet being served, is not finished for
    the operator: say so (serve it, or mark the citizen absent)."""
    finished = None
    busy = active_ticket(session, counter, business_day(now))
    if busy is not None:
        if busy.status != SERVING:
            raise IllegalTransition(f"{busy.number} baru dipanggil, belum dilayani: tekan Layani (F3) atau "
                                    "Tidak hadir (F5) dulu")
        finished = finish(session, busy.id, counter, now=now, actor=actor)
    return finished, call_next(session, counter, now=now, actor=actor, max_priority_in_row=max_priority_in_row)


def _call(session: Session, first: Ticket, counter: int, *, now: datetime, actor: str,
          max_priority_in_row: int | None = None, waiting=None) -> Ticket:
    row = session.get(Counter, counter)
    chosen = first
    if waiting is not None and first.priority_rank == 0 and row.priority_streak >= max_priority_in_row:
        # Enough priority tickets in a row: a waiting normal ticket goes next.
        chosen = session.scalar(waiting.where(Ticket.priority_rank == 1).order_by(Ticket.arrival_at, Ticket.issued_at, Ticket.seq)) or first
    row.priority_streak = row.priority_streak + 1 if chosen.priority_rank == 0 else 0
    chosen.counter = counter
    chosen.called_at = now
    chosen.operator = actor
    return _transition(session, chosen, CALLED, actor=actor, counter=counter, now=now,
                       note=None if waiting is not None else "out of order")


def recall(session: Session, ref: str, counter: int, *, now: datetime, actor: str) -> Ticket:
    """Call the same ticket again (counted)."""
    ticket = find_ticket(session, ref, now=now)
    _at_counter(ticket, counter)
    _transition(session, ticket, CALLED, actor=actor, counter=counter, now=now, note="recall")
    ticket.recall_count += 1
    ticket.called_at = now
    return ticket


def start_service(session: Session, ref: str, counter: int, *, now: datetime, actor: str) -> Ticket:
    """The citizen is at the counter: start serving."""
    ticket = find_ticket(session, ref, now=now)
    _at_counter(ticket, counter)
    _transition(session, ticket, SERVING, actor=actor, counter=counter, now=now)
    ticket.started_at = now
    ticket.operator = actor
    return ticket


def finish(session: Session, ref: str, counter: int, *, now: datetime, actor: str) -> Ticket:
    """Service finished."""
    ticket = find_ticket(session, ref, now=now)
    _at_counter(ticket, counter)
    _transition(session, ticket, DONE, actor=actor, counter=counter, now=now)
    ticket.finished_at = now
    return ticket


def no_show(session: Session, ref: str, counter: int, *, now: datetime, actor: str) -> Ticket:
    """The called citizen did not come."""
    ticket = find_ticket(session, ref, now=now)
    _at_counter(ticket, counter)
    _transition(session, ticket, NO_SHOW, actor=actor, counter=counter, now=now)
    ticket.finished_at = now
    return ticket


def return_to_queue(session: Session, ref: str, counter: int, *, now: datetime, actor: str) -> Ticket:
    """Put a called ticket back in the queue at its original place."""
    ticket = find_ticket(session, ref, now=now)
    _at_counter(ticket, counter)
    _transition(session, ticket, WAITING, actor=actor, counter=counter, now=now)
    ticket.counter = None
    return ticket


def reactivate(session: Session, ref: str, *, now: datetime, actor: str, counter: int | None = None) -> Ticket:
    """A no-show citizen came back: waiting again, keeping their arrival time."""
    ticket = find_ticket(session, ref, now=now)
    _transition(session, ticket, WAITING, actor=actor, counter=counter, now=now, note="reactivate")
    ticket.counter = None
    ticket.finished_at = None
    return ticket


def cancel(session: Session, ref: str, *, now: datetime, actor: str, counter: int | None = None,
           reason: str = "cancelled") -> Ticket:
    """Cancel a waiting or called ticket."""
    ticket = find_ticket(session, ref, now=now)
    reason = text.clean_field("ticket_note", reason) or "cancelled"
    if counter is not None:
        _at_counter(ticket, counter)
    _transition(session, ticket, CANCELLED, actor=actor, counter=counter, now=now, note=reason)
    ticket.close_reason = reason
    ticket.finished_at = now
    return ticket


def transfer(session: Session, ref: str, to_service: str | None, counter: int, *, now: datetime, actor: str,
             to_counter: int | None = None) -> Ticket:
    """Send a served citizen to another service, or to another counter (then only that counter calls the new
    ticket); the new ticket keeps the original arrival time, so the citizen keeps their place."""
    ticket = find_ticket(session, ref, now=now)
    _at_counter(ticket, counter)
    if to_service is None and to_counter is None:
        raise InputError("sebutkan layanan tujuan (--to) atau loket tujuan (--to-counter)")
    target = get_service(session, to_service) if to_service else get_service(
        session, ticket.service_code, include_inactive=True)
    if to_counter is not None:
        row = session.get(Counter, to_counter)
        if row is None or not row.services:
            raise InputError(f"loket {to_counter} belum diatur")
        if to_counter == counter:
            raise InputError(f"tiket {ticket.number} sudah di loket {counter}")
    elif target.code == ticket.service_code:
        raise InputError(f"tiket {ticket.number} sudah untuk layanan {target.code}")
    where = f"to {target.code}" + (f" at counter {to_counter}" if to_counter is not None else "")
    _transition(session, ticket, TRANSFERRED, actor=actor, counter=counter, now=now, note=where)
    ticket.finished_at = now
    new = issue_ticket(session, target.code, now=now, priority=ticket.priority, actor=actor,
                       arrival_at=ticket.arrival_at, transferred_from=ticket.id, counter_check=to_counter is None)
    new.assigned_counter = to_counter
    return new


def close_day(session: Session, *, now: datetime, actor: str = "system", before: date | None = None) -> int:
    """Close every open ticket of earlier business days as cancelled(day_end); returns how many."""
    before = before or business_day(now)
    stale = session.scalars(
        select(Ticket).where(Ticket.status.in_(OPEN_STATUSES), Ticket.business_day < before)
    ).all()
    for ticket in stale:
        frm = ticket.status
        # A day's end is not a user action: serving/no_show may close too, outside the normal machine.
        ticket.status = CANCELLED
        ticket.close_reason = "day_end"
        ticket.finished_at = ticket.finished_at or now
        session.add(TicketEvent(ticket_id=ticket.id, from_status=frm, to_status=CANCELLED, actor=actor,
                                at=now, note="day_end"))
        outbox.append(session, wire.TICKET_EVENT, now, id=ticket.id, from_status=frm, to_status=CANCELLED,
                      counter=None, actor=actor, at=now, note="day_end")
    return len(stale)


# --- queue views and estimates ---------------------------------------------------------------------

def open_queue(session: Session, *, now: datetime) -> list[Ticket]:
    """Today's open tickets: called/serving first (by counter), then waiting in call order."""
    day = business_day(now)
    active = session.scalars(
        select(Ticket).where(Ticket.business_day == day, Ticket.status.in_((CALLED, SERVING)))
        .order_by(Ticket.counter)
    ).all()
    waiting = session.scalars(
        select(Ticket).where(Ticket.business_day == day, Ticket.status == WAITING)
        .order_by(Ticket.priority_rank, Ticket.arrival_at, Ticket.issued_at, Ticket.seq)
    ).all()
    return [*active, *waiting]


def _serving(session: Session, ticket: Ticket) -> list[Counter]:
    """The counters that may call this ticket: the one it was sent to, or those serving its service."""
    rows = list(session.scalars(select(Counter)))
    if ticket.assigned_counter is not None:
        return [r for r in rows if r.number == ticket.assigned_counter]
    return [r for r in rows if ticket.service_code in (r.services or [])]


def people_ahead(session: Session, ticket: Ticket, serving: list[Counter] | None = None) -> int:
    """Everyone ahead of this ticket in the call order of the counters that serve it, other services'
    tickets included (a KK ticket waits behind the KTP tickets of the counter serving both)."""
    if ticket.status != WAITING:
        return 0
    serving = _serving(session, ticket) if serving is None else serving
    if not serving:
        return 0
    numbers = [r.number for r in serving]
    services = sorted({code for r in serving for code in (r.services or [])})
    order = tuple_(Ticket.priority_rank, Ticket.arrival_at, Ticket.issued_at, Ticket.seq)
    mine = tuple_(ticket.priority_rank, ticket.arrival_at, ticket.issued_at, ticket.seq)
    return session.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.status == WAITING, Ticket.business_day == ticket.business_day, order < mine,
        or_(and_(Ticket.service_code.in_(services), Ticket.assigned_counter.is_(None)),
            Ticket.assigned_counter.in_(numbers)))) or 0


def recent_service_minutes(session: Session, services: list[str], default: float = 5.0) -> float:
    """Median duration of the last finished services of these services; `default` when there are none."""
    rows = session.execute(
        select(Ticket.started_at, Ticket.finished_at)
        .where(Ticket.service_code.in_(services), Ticket.finished_at.is_not(None),
               Ticket.started_at.is_not(None), Ticket.status == DONE)
        .order_by(Ticket.finished_at.desc()).limit(RECENT_SERVICE_SAMPLE)
    ).all()
    if not rows:
        return default
    return statistics.median((end - start).total_seconds() / 60 for start, end in rows)


def estimated_wait_minutes(session: Session, ticket: Ticket, ahead: int | None = None,
                           serving: list[Counter] | None = None) -> int:
    """Everyone ahead x the recent median service time of the counters' services, divided by the open
    counters serving this ticket (DESIGN.md §5). When all of them are paused or closed, by all of them."""
    serving = _serving(session, ticket) if serving is None else serving
    ahead = people_ahead(session, ticket, serving) if ahead is None else ahead
    if ahead == 0:
        return 0
    service = session.get(Service, ticket.service_code)
    services = sorted({code for r in serving for code in (r.services or [])}) or [ticket.service_code]
    per_person = recent_service_minutes(session, services, float(service.avg_service_minutes or 5))
    open_here = sum(1 for r in serving if r.state == OPEN) or len(serving)
    return math.ceil(ahead * per_person / max(1, open_here))


def ticket_dict(session: Session, ticket: Ticket, with_estimate: bool = True) -> dict:
    """The JSON shape of `kiosk ticket issue/call --json`."""
    serving = _serving(session, ticket) if with_estimate and ticket.status == WAITING else []
    ahead = people_ahead(session, ticket, serving) if serving else 0
    return {
        "id": ticket.id,
        "number": ticket.number,
        "service": ticket.service_code,
        "status": ticket.status,
        "priority": ticket.priority,
        "counter": ticket.counter,
        "position": ahead + 1 if ticket.status == WAITING else 0,
        "people_ahead": ahead,
        "estimated_wait_minutes": estimated_wait_minutes(session, ticket, ahead, serving) if serving else 0,
        "issued_at": ticket.issued_at.isoformat(),
        "arrival_at": ticket.arrival_at.isoformat(),
        "recall_count": ticket.recall_count,
        "assigned_counter": ticket.assigned_counter,
        "called_at": _iso(ticket.called_at),
        "started_at": _iso(ticket.started_at),
    }


def ticket_dicts(session: Session, rows: list[Ticket]) -> list[dict]:
    """`ticket_dict` of many tickets at once (the open queue, every refresh of every counter): the counters,
    today's waiting tickets and the recent service times are read once, and each ticket's people ahead is
    counted in memory, by the same rule as `people_ahead`."""
    counters = list(session.scalars(select(Counter)))
    days = {t.business_day for t in rows if t.status == WAITING}
    waiting = list(session.scalars(select(Ticket).where(Ticket.status == WAITING,
                                                        Ticket.business_day.in_(days)))) if days else []
    minutes: dict[tuple, float] = {}
    out = []
    for ticket in rows:
        data = ticket_dict(session, ticket, with_estimate=False)
        if ticket.status == WAITING:
            if ticket.assigned_counter is not None:
                serving = [r for r in counters if r.number == ticket.assigned_counter]
            else:
                serving = [r for r in counters if ticket.service_code in (r.services or [])]
            if serving:
                numbers = {r.number for r in serving}
                services = sorted({code for r in serving for code in (r.services or [])})
                mine = (ticket.priority_rank, ticket.arrival_at, ticket.issued_at, ticket.seq)
                ahead = sum(1 for w in waiting if w.business_day == ticket.business_day
                            and (w.priority_rank, w.arrival_at, w.issued_at, w.seq) < mine
                            and ((w.service_code in services and w.assigned_counter is None)
                                 or w.assigned_counter in numbers))
                wait = 0
                if ahead:
                    key = tuple(services) or (ticket.service_code,)
                    if key not in minutes:
                        service = session.get(Service, ticket.service_code)
                        minutes[key] = recent_service_minutes(session, list(key),
                                                              float(service.avg_service_minutes or 5))
                    open_here = sum(1 for r in serving if r.state == OPEN) or len(serving)
                    wait = math.ceil(ahead * minutes[key] / max(1, open_here))
                data.update(position=ahead + 1, people_ahead=ahead, estimated_wait_minutes=wait)
        out.append(data)
    return out


# --- what the screens show ---------------------------------------------------------------------------

# The counter's buttons and the status each moves the active ticket to; which apply follows TRANSITIONS.
COUNTER_ACTIONS = {"recall": CALLED, "start": SERVING, "finish": DONE, "no_show": NO_SHOW,
                   "transfer": TRANSFERRED, "return": WAITING}


def allowed_actions(status: str | None) -> dict[str, bool]:
    """Which counter actions apply to the counter's active ticket in `status` (None: no active ticket)."""
    actions = {"call": status is None}  # a counter calls the next one only once it is free
    for action, target in COUNTER_ACTIONS.items():
        actions[action] = status is not None and target in TRANSITIONS[status]
    return actions


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def ticket_history(session: Session, ticket: Ticket) -> list[dict]:
    """A ticket's events, oldest first: {from, to, actor, counter, at, note}."""
    return [{"from": e.from_status, "to": e.to_status, "actor": e.actor, "counter": e.counter,
             "at": e.at.isoformat(), "note": e.note}
            for e in session.scalars(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id)
                                     .order_by(TicketEvent.id))]


def counters(session: Session) -> list[dict]:
    """Every configured counter: {counter, services, state (open|paused|closed), reason}."""
    return [{"counter": c.number, "services": list(c.services or []), "state": c.state or OPEN,
             "reason": c.state_reason}
            for c in session.scalars(select(Counter).order_by(Counter.number))]


def recent_calls(session: Session, day: date, limit: int = 6) -> list[dict]:
    """The last tickets called today, newest first: {id, number, counter, service, called_at, status}."""
    rows = session.scalars(
        select(Ticket).where(Ticket.business_day == day, Ticket.called_at.is_not(None), Ticket.counter.is_not(None))
        .order_by(Ticket.called_at.desc()).limit(limit)
    )
    return [{"id": t.id, "number": t.number, "counter": t.counter, "service": t.service_code,
             "called_at": _iso(t.called_at), "status": t.status, "recall_count": t.recall_count} for t in rows]


def display_board(session: Session, *, now: datetime) -> dict:
    """What the TV shows: per counter its current ticket, the last calls, waiting per service."""
    day = business_day(now)
    open_tickets = open_queue(session, now=now)
    active = {t.counter: t for t in open_tickets if t.status in (CALLED, SERVING)}
    waiting: dict[str, int] = {}
    for t in open_tickets:
        if t.status == WAITING:
            waiting[t.service_code] = waiting.get(t.service_code, 0) + 1
    board = []
    for c in counters(session):
        t = active.get(c["counter"])
        board.append({**c, "ticket": None if t is None else {
            "id": t.id, "number": t.number, "service": t.service_code, "status": t.status,
            "called_at": _iso(t.called_at), "recall_count": t.recall_count}})
    return {"counters": board, "recent": recent_calls(session, day), "waiting": waiting}


def counter_panel(session: Session, counter: int, *, now: datetime) -> dict:
    """A counter's queue tab: its services, its active ticket, the waiting tickets it may call, and the
    buttons that apply (`actions`, from `allowed_actions`)."""
    services = counter_services(session, counter)
    row = session.get(Counter, counter)
    active = active_ticket(session, counter, business_day(now))
    rows = [{"id": t.id, "number": t.number, "service": t.service_code, "priority": t.priority,
             "arrival_at": t.arrival_at.isoformat(), "transferred": t.transferred_from is not None,
             "assigned_counter": t.assigned_counter}
            for t in open_queue(session, now=now) if t.status == WAITING and (
                t.assigned_counter == counter or (t.assigned_counter is None and t.service_code in services))]
    actions = allowed_actions(active.status if active is not None else None)
    if row.state != OPEN:
        actions["call"] = False  # a paused or closed counter calls nobody
    actions["next"] = row.state == OPEN and (active is None or active.status == SERVING)
    return {
        "counter": counter,
        "services": services,
        "state": row.state or OPEN,
        "reason": row.state_reason,
        "active": None if active is None else ticket_dict(session, active, with_estimate=False),
        "waiting": rows,
        "actions": actions,
    }


# --- call events (what the TV announces) ---------------------------------------------------------------

def latest_call_event_id(session: Session) -> int:
    """The id of the newest call or recall event (0 when there is none): where a fresh display starts."""
    return session.scalar(select(func.max(TicketEvent.id)).where(TicketEvent.to_status == CALLED)) or 0


def calls_since(session: Session, after_event_id: int | None, limit: int = 50) -> list[dict]:
    """Call and recall events after an event id, oldest first, as plain dicts for the TV and its voice:
    {event_id, ticket_id, number, counter, service, service_name, recall_count, at}.

    `recall_count` is the recall's rank at that moment (0 = first call, 1 = "panggilan kedua"), so a
    late reader still says the right words.
    """
    rows = session.execute(
        select(TicketEvent, Ticket.number, Ticket.service_code, Service.name)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .join(Service, Service.code == Ticket.service_code)
        .where(TicketEvent.to_status == CALLED, TicketEvent.id > (after_event_id or 0))
        .order_by(TicketEvent.id).limit(limit)
    ).all()
    if not rows:
        return []
    # A recall is a called -> called event; count those since the ticket's latest call from elsewhere.
    ticket_ids = {event.ticket_id for event, *_ in rows}
    history = session.execute(
        select(TicketEvent.ticket_id, TicketEvent.id, TicketEvent.from_status)
        .where(TicketEvent.ticket_id.in_(ticket_ids), TicketEvent.to_status == CALLED,
               TicketEvent.id <= rows[-1][0].id)
        .order_by(TicketEvent.id)
    ).all()
    rank: dict[int, int] = {}
    running: dict[str, int] = {}
    for ticket_id, event_id, from_status in history:
        running[ticket_id] = running.get(ticket_id, -1) + 1 if from_status == CALLED else 0
        rank[event_id] = running[ticket_id]
    return [{"event_id": event.id, "ticket_id": event.ticket_id, "number": number, "counter": event.counter,
             "service": service, "service_name": name, "recall_count": rank.get(event.id, 0), "at": event.at}
            for event, number, service, name in rows]

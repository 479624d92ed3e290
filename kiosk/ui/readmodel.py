"""Read-only queries the screens need that the domain modules do not offer yet (no Qt, no writes).

Plain functions over a Session returning plain dicts, so the widgets stay free of SQL. Candidates to
move into `kiosk.tickets` / `kiosk.catalog` when the CLI needs them too.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk import tickets
from kiosk.models import Announcement, Counter, PrintJob, Service, Ticket


def counters(session: Session) -> list[dict]:
    """Every configured counter: {number, services}."""
    return [{"number": c.number, "services": list(c.services or [])}
            for c in session.scalars(select(Counter).order_by(Counter.number))]


def service_names(session: Session) -> dict[str, dict]:
    """code -> {name, name_en, prefix} of every service (inactive too: old tickets still name them)."""
    return {s.code: {"name": s.name, "name_en": s.name_en or "", "prefix": s.prefix}
            for s in session.scalars(select(Service))}


def recent_calls(session: Session, day: date, limit: int = 6) -> list[dict]:
    """The last tickets called today, newest first: {id, number, counter, service, called_at, status}."""
    rows = session.scalars(
        select(Ticket).where(Ticket.business_day == day, Ticket.called_at.is_not(None), Ticket.counter.is_not(None))
        .order_by(Ticket.called_at.desc()).limit(limit)
    )
    return [{"id": t.id, "number": t.number, "counter": t.counter, "service": t.service_code,
             "called_at": t.called_at, "status": t.status, "recall_count": t.recall_count} for t in rows]


def display_board(session: Session, now: datetime) -> dict:
    """Everything the TV shows: per-counter current ticket, last calls, waiting per service."""
    day = tickets.business_day(now)
    open_tickets = tickets.open_queue(session, now=now)
    active = {t.counter: t for t in open_tickets if t.status in (tickets.CALLED, tickets.SERVING)}
    waiting: dict[str, int] = {}
    for t in open_tickets:
        if t.status == tickets.WAITING:
            waiting[t.service_code] = waiting.get(t.service_code, 0) + 1
    board = []
    for c in counters(session):
        t = active.get(c["number"])
        board.append({"counter": c["number"], "services": c["services"],
                      "ticket": None if t is None else {
                          "id": t.id, "number": t.number, "service": t.service_code, "status": t.status,
                          "called_at": t.called_at, "recall_count": t.recall_count}})
    return {"counters": board, "recent": recent_calls(session, day), "waiting": waiting}


def active_announcements(session: Session, now: datetime) -> list[str]:
    """Running-text lines from central that are active now."""
    rows = session.scalars(
        select(Announcement).where(
            Announcement.active.is_(True),
            or_(Announcement.starts_at.is_(None), Announcement.starts_at <= now),
            or_(Announcement.ends_at.is_(None), Announcement.ends_at >= now),
        ).order_by(Announcement.starts_at, Announcement.id)
    )
    return [a.text for a in rows]


def waiting_for_counter(session: Session, counter: int, now: datetime) -> dict:
    """The counter's queue panel: its services, its active ticket and the waiting tickets it can call."""
    services = tickets.counter_services(session, counter)
    day = tickets.business_day(now)
    active = tickets.active_ticket(session, counter, day)
    rows = []
    for t in tickets.open_queue(session, now=now):
        if t.status == tickets.WAITING and t.service_code in services:
            rows.append({"id": t.id, "number": t.number, "service": t.service_code, "priority": t.priority,
                         "arrival_at": t.arrival_at, "transferred": t.transferred_from is not None})
    return {
        "services": services,
        "active": None if active is None else tickets.ticket_dict(session, active, with_estimate=False),
        "waiting": rows,
    }


def pending_outbox(session: Session) -> int:
    """Mutations central has not acknowledged yet (the sync indicator's "N tertunda")."""
    from kiosk import outbox

    return outbox.pending_count(session)


def print_jobs_waiting(session: Session) -> int:
    """Print jobs not yet on paper (queued, being sent or failed and waiting to retry)."""
    return session.scalar(select(func.count()).select_from(PrintJob)
                          .where(PrintJob.state.in_(("queued", "sending", "failed")))) or 0


def print_job_states(session: Session, job_ids: list[int]) -> list[dict]:
    """The state of some print jobs (those this window waits for), as the spooler's events say it."""
    if not job_ids:
        return []
    return [{"id": j.id, "kind": j.kind, "ref": j.ref, "state": j.state, "attempts": j.attempts,
             "is_copy": j.is_copy, "error": j.last_error}
            for j in session.scalars(select(PrintJob).where(PrintJob.id.in_(job_ids)))]
